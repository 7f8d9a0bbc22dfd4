//! `build --docs DIR --out DIR --format json` on a tiny tree written for this project
//! (`tests/data/docs-tree`): the summary's exact keys, the files written, the exit codes.

mod support;

use support::{run, scratch_dir};

#[test]
fn build_json_summary_has_exactly_its_keys() {
    let out = scratch_dir("build-json");
    let output = run(
        &[
            "build",
            "--docs",
            "tests/data/docs-tree",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = summary
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "conflicts",
            "enums",
            "pages",
            "pages_built",
            "pages_with_tables",
            "skipped",
            "types"
        ]
    );
    // No two pages of one type disagree in this tree.
    assert_eq!(summary["conflicts"], serde_json::json!([]));
    assert_eq!(summary["pages"], 4);
    assert_eq!(summary["pages_with_tables"], 4);
    assert_eq!(summary["pages_built"], 4);
    assert_eq!(summary["types"], 2);
    assert_eq!(summary["enums"], 1);
    let skipped = summary["skipped"].as_array().unwrap();
    let located: Vec<(String, u64)> = skipped
        .iter()
        .map(|s| {
            let mut keys: Vec<&String> = s.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, ["file", "line", "reason"]);
            (
                s["file"].as_str().unwrap().to_owned(),
                s["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let gadget = "api-reference/v1.0/resources/gadget.md";
    let int32_supported = msgraph_schema::model::Primitive::from_name("Int32").is_some();
    let mut expected = vec![(gadget.to_owned(), 15), (gadget.to_owned(), 21)];
    if !int32_supported {
        expected.insert(0, (gadget.to_owned(), 14));
    }
    assert_eq!(located, expected, "{skipped:?}");
    assert!(
        skipped
            .iter()
            .any(|s| s["reason"].as_str().unwrap().contains("DateTime"))
    );

    let dir = out.join("v1.0");
    let gadget: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("microsoft.graph.gadget.schema.json")).unwrap(),
    )
    .unwrap();
    // A type's file refers into the bundle, by a URI relative to its `$id`, and embeds nothing.
    assert_eq!(
        gadget["$id"],
        "https://msgraph-schema.invalid/v1.0/microsoft.graph.gadget.schema.json"
    );
    assert_eq!(
        gadget["else"]["properties"]["mode"]["anyOf"][0]["$ref"],
        "bundle.schema.json#/$defs/microsoft.graph.gadgetMode"
    );
    assert_eq!(
        gadget["else"]["properties"]["owner"]["anyOf"][0]["$ref"],
        "bundle.schema.json#/$defs/microsoft.graph.person"
    );
    assert!(gadget.get("$defs").is_none(), "{gadget}");
    let bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("bundle.schema.json")).unwrap())
            .unwrap();
    assert_eq!(
        bundle["$id"],
        "https://msgraph-schema.invalid/v1.0/bundle.schema.json"
    );
    let defs = bundle["$defs"].as_object().unwrap();
    let mut names: Vec<&str> = defs.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "microsoft.graph.gadget",
            "microsoft.graph.gadgetMode",
            "microsoft.graph.person"
        ]
    );
    assert_eq!(
        defs["microsoft.graph.gadgetMode"]["enum"],
        serde_json::json!(["idle", "busy"])
    );
    // Inside the bundle, references are local.
    assert_eq!(
        defs["microsoft.graph.gadget"]["else"]["properties"]["owner"]["anyOf"][0]["$ref"],
        "#/$defs/microsoft.graph.person"
    );
    // The Rust crate of the tree and version: the `microsoft.graph` module behind its feature.
    let rust = std::fs::read_to_string(dir.join("rust/src/graph.rs")).unwrap();
    for item in [
        "pub struct Gadget {",
        "pub struct Person {",
        "pub enum GadgetMode {",
        "#[graph(name = \"microsoft.graph.gadget\")]",
    ] {
        assert!(rust.contains(item), "{item} missing from:\n{rust}");
    }
    let lib = std::fs::read_to_string(dir.join("rust/src/lib.rs")).unwrap();
    assert!(
        lib.contains("#[cfg(feature = \"graph\")]\npub mod graph;"),
        "{lib}"
    );
    let manifest = std::fs::read_to_string(dir.join("rust/Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"msgraph-types-v1-0\""),
        "{manifest}"
    );
    assert!(manifest.contains("full = [\"graph\"]"), "{manifest}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn build_human_summary_and_usage_errors() {
    let out = scratch_dir("build-human");
    let output = run(
        &[
            "build",
            "--docs",
            "tests/data/docs-tree",
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("api-reference/v1.0/resources/gadget.md:21: skipped: unresolved reference"),
        "{text}"
    );
    assert!(text.contains("pages: 4, with a table: 4, built: 4, types: 2, enums: 1"));
    let _ = std::fs::remove_dir_all(&out);

    let missing = run(
        &["build", "--docs", "tests/data/no-such-folder", "--out", "x"],
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
    let empty = run(&["build", "--docs", "tests/ui", "--out", "x"], b"");
    assert_eq!(empty.status.code(), Some(2));
    let usage = run(&["build", "--docs", "tests/data/docs-tree"], b"");
    assert_eq!(usage.status.code(), Some(2));
    let help = run(&["build", "--help"], b"");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("bundle.schema.json"), "{help}");
    assert!(help.contains("rust/"), "{help}");
}

/// `--metadata` (a CSDL written for this test, `tests/data/docs-tree.csdl`): the summary counts
/// the facts the pages do not state and the metadata gave: `gadget`'s base, the non-nullable
/// `mode` and `displayName` (`id` is stated non-nullable on the page already), and the base
/// type `entity`, which only the metadata declares.
#[test]
fn build_with_metadata_counts_the_facts_it_gave() {
    let out = scratch_dir("build-metadata");
    let args = |format: &'static str| {
        let out = out.to_str().unwrap().to_owned();
        let docs = ["build", "--docs", "tests/data/docs-tree"];
        let metadata = [
            "--metadata",
            "tests/data/docs-tree.csdl",
            "--format",
            format,
        ];
        let mut all: Vec<String> = docs
            .iter()
            .chain(&metadata)
            .map(|a| a.to_string())
            .collect();
        all.extend(["--out".to_owned(), out]);
        all
    };
    let output = run(&strs(&args("json")), b"");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // Two non-nullable properties, a base, and the type `entity` that only the metadata
    // declares.
    assert_eq!(summary["from_metadata"], 4);
    let human = run(&strs(&args("human")), b"");
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("from metadata: 4 facts (2 non-nullable, 0 enum types, 1 bases"),
        "{text}"
    );
    assert!(
        text.contains(", 1 types added, 0 properties added"),
        "{text}"
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("v1.0/microsoft.graph.gadget.schema.json")).unwrap(),
    )
    .unwrap();
    // `mode` is non-nullable now: no `null` in its schema.
    assert!(
        !schema["else"]["properties"]["mode"]
            .to_string()
            .contains("null"),
        "{schema}"
    );
    let _ = std::fs::remove_dir_all(&out);
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// `count` made-up types in a chain (`t0001` has a property of `t0002`, …), each with a derived
/// type and a property of one shared enum, as a docs tree under `dir`.
fn write_chain(dir: &std::path::Path, count: usize) {
    let resources = dir.join("api-reference/v1.0/resources");
    std::fs::create_dir_all(&resources).unwrap();
    let page = |title: &str, base: Option<&str>, rows: &str| {
        let inherits = base.map_or(String::new(), |b| {
            format!("Inherits from [{b}]({}.md).\n\n", b.to_lowercase())
        });
        format!(
            "# {title} resource type\n\nNamespace: microsoft.graph\n\n{inherits}## Properties\n\n\
             |Property|Type|Description|\n|:---|:---|:---|\n{rows}"
        )
    };
    for i in 1..=count {
        let name = format!("t{i:04}");
        let mut rows = "|mode|[chainMode](chainmode.md)|The mode.|\n".to_owned();
        if i < count {
            let next = format!("t{:04}", i + 1);
            rows.push_str(&format!("|next|[{next}]({next}.md)|The next one.|\n"));
        }
        std::fs::write(
            resources.join(format!("{name}.md")),
            page(&name, None, &rows),
        )
        .unwrap();
        let derived = format!("d{i:04}");
        let rows = format!("{rows}|extra|String|Only here.|\n");
        std::fs::write(
            resources.join(format!("{derived}.md")),
            page(&derived, Some(&name), &rows),
        )
        .unwrap();
    }
    std::fs::write(
        resources.join("chainmode.md"),
        "# chainMode enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n\
         |Member|Value|Description|\n|:---|:---|:---|\n|on|0|On.|\n|off|1|Off.|\n",
    )
    .unwrap();
}

/// Every `$ref` in `value`.
fn refs<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(r)) = map.get("$ref") {
                out.push(r);
            }
            map.values().for_each(|v| refs(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// Builds a chain of `count` types (see [`write_chain`]); checks that every type's file refers
/// into the bundle, which defines each type and the enum once, and returns the total bytes of
/// the types' files.
fn chain_output_bytes(count: usize) -> u64 {
    let root = scratch_dir(&format!("build-chain-{count}"));
    let docs = root.join("docs");
    let out = root.join("out");
    write_chain(&docs, count);
    let output = run(
        &[
            "build",
            "--docs",
            docs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["types"], 2 * count, "{summary}");
    let dir = out.join("v1.0");
    // `from_str` parses with serde_json's default recursion limit.
    let bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("bundle.schema.json")).unwrap())
            .unwrap();
    let defs = bundle["$defs"].as_object().unwrap();
    // Each type and the enum once, and for each of the `count` types with a derived type the
    // `name@odata.type` values of a property of it, single and collection, once.
    let annotations = defs.keys().filter(|k| k.ends_with("@odata.type")).count();
    assert_eq!(defs.len() - annotations, 2 * count + 1);
    assert_eq!(annotations, 2 * count);
    let mut bytes = 0;
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.ends_with(".schema.json") || name == "bundle.schema.json" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        bytes += text.len() as u64;
        files += 1;
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(schema.get("$defs").is_none(), "{name} embeds definitions");
        // The enum's members are in the bundle only.
        assert!(!text.contains("\"off\""), "{name} repeats the enum");
        let mut found = Vec::new();
        refs(&schema, &mut found);
        assert!(!found.is_empty(), "{name}");
        for r in found {
            let def = r
                .strip_prefix("bundle.schema.json#/$defs/")
                .unwrap_or_else(|| panic!("{name}: {r}"));
            // The fragment percent-encodes `@`, `(` and `)` (RFC 3986 §2.1).
            let def = def
                .replace("%40", "@")
                .replace("%28", "(")
                .replace("%29", ")");
            assert!(defs.contains_key(&def), "{name}: {r}");
        }
    }
    assert_eq!(files, 2 * count);
    let _ = std::fs::remove_dir_all(&root);
    bytes
}

/// The quadratic guard: twice the types, at most about twice the bytes of the types' files
/// (each type's file once held every type it reaches, the rest of the chain and its derived
/// types: four times the bytes for twice the types).
#[test]
fn build_output_grows_linearly_with_the_model() {
    let small = chain_output_bytes(60);
    let large = chain_output_bytes(120);
    let ratio = large as f64 / small as f64;
    assert!(
        ratio <= 2.2,
        "{small} bytes for 60 types, {large} for 120: {ratio:.2}x"
    );
}

/// The built-in models (`models/*.bin`) are what `scripts/builtin-models.sh` makes from the
/// corpus with this build of the command: a change to the reader, the merge or the model that
/// alters them fails here until the models are made again and committed.
#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR, MSGRAPH_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn builtin_models_are_what_the_script_makes() {
    for var in [
        "MSGRAPH_FULL_DOCS_DIR",
        "MSGRAPH_DOCS_DIR",
        "MSGRAPH_METADATA_DIR",
    ] {
        support::corpus::dir(var);
    }
    let root = support::repository_root();
    let output = std::process::Command::new("bash")
        .arg(root.join("scripts/builtin-models.sh"))
        .arg("--check")
        .env("MSGRAPH_BIN", env!("CARGO_BIN_EXE_msgraph-schema"))
        .output()
        .expect("bash runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(text.matches(": as built").count(), 2, "{text}");
}

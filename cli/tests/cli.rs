//! The command line: exit codes, the JSON report's names, type selection, export (JSON Schema,
//! OpenAPI, Rust).

mod support;

use support::{json_lines, run, scratch_dir};

#[test]
fn example_request_exits_1_with_two_enum_errors() {
    let output = run(
        &[
            "validate",
            "--format",
            "json",
            "examples/create-request.json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line["source"], "examples/create-request.json");
    assert_eq!(
        line["type"],
        "microsoft.graph.deviceHealthScriptDeviceState"
    );
    assert_eq!(line["valid"], false);
    let errors: Vec<(&str, &str)> = line["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [("/detectionState", "enum"), ("/remediationState", "enum")]
    );
    for error in line["errors"].as_array().unwrap() {
        for name in ["message", "line", "column"] {
            assert!(error.get(name).is_some(), "{name} in {error}");
        }
    }
}

#[test]
fn human_report_shows_the_snippet() {
    let output = run(&["validate", "examples/create-request.json"], b"");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("--> examples/create-request.json:3:21"),
        "{text}"
    );
    assert!(text.contains(r#""detectionState": "String","#), "{text}");
    assert!(
        text.contains("invalid microsoft.graph.deviceHealthScriptDeviceState (2 errors)"),
        "{text}"
    );
}

#[test]
fn valid_request_exits_0() {
    let output = run(&["validate", "examples/create-request-valid.json"], b"");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn stdin_and_several_inputs() {
    let output = run(
        &[
            "validate",
            "--format",
            "json",
            "examples/create-request-valid.json",
            "-",
        ],
        b"{\"detectionState\": 1}",
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["source"], "-");
    assert_eq!(lines[1]["errors"][0]["kind"], "type");
}

#[test]
fn not_json_is_invalid_with_a_syntax_error() {
    let output = run(
        &["validate", "--format", "json", "-"],
        b"{\"detectionState\": ",
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines[0]["errors"][0]["kind"], "syntax");
    assert_eq!(lines[0]["errors"][0]["line"], 1);
}

/// A type of the built-in models (`--version`, default v1.0): found by short name, checked with
/// its nested complex types, and the two versions differ where Graph's do.
#[test]
fn builtin_models_check_any_graph_type() {
    let user = run(
        &[
            "validate",
            "--format",
            "json",
            "--type",
            "user",
            "examples/user-create.json",
        ],
        b"",
    );
    assert_eq!(user.status.code(), Some(1));
    let lines = json_lines(&user);
    assert_eq!(lines[0]["type"], "microsoft.graph.user");
    let found: Vec<(&str, &str)> = lines[0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["pointer"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("/accountEnabled", "type"),
            ("/passwordProfile/password", "type")
        ]
    );
    // An action's parameters: `sendMail`'s message, its recipients nested.
    let body =
        br#"{"message": {"subject": "Hi", "toRecipients": [{"emailAddress": {"address": 7}}]}}"#;
    for version in ["v1.0", "beta"] {
        let mail = run(
            &[
                "validate",
                "--format",
                "json",
                "--version",
                version,
                "--type",
                "user.sendMail",
                "-",
            ],
            body,
        );
        assert_eq!(mail.status.code(), Some(1), "{version}");
        let lines = json_lines(&mail);
        assert_eq!(
            lines[0]["errors"][0]["pointer"],
            "/message/toRecipients/0/emailAddress/address"
        );
    }
}

/// Bytes that are not UTF-8 are a located syntax error in every form, never a panic of the
/// snippet renderer.
#[test]
fn bytes_that_are_not_utf8_are_a_located_error() {
    for args in [
        &["validate", "-"][..],
        &["validate", "--request", "POST /users", "-"][..],
    ] {
        let output = run(args, b"\xff\xfe");
        assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
        let said = String::from_utf8_lossy(&output.stdout);
        assert!(said.contains("syntax") && said.contains("-:1:1"), "{said}");
    }
}

#[test]
fn usage_and_io_errors_exit_2() {
    let unknown = run(
        &[
            "validate",
            "--type",
            "microsoft.graph.usr",
            "examples/create-request.json",
        ],
        b"",
    );
    assert_eq!(unknown.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("close names: microsoft.graph.user"), "{said}");
    assert!(said.contains("built-in v1.0 model"), "{said}");
    assert!(
        said.contains("microsoft.graph.deviceHealthScriptDeviceState"),
        "{said}"
    );
    let version = run(
        &["validate", "--version", "v2", "--type", "user", "-"],
        b"{}",
    );
    assert_eq!(version.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&version.stderr).contains("use `v1.0` or `beta`"));
    let missing = run(&["validate", "no/such/file.json"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/file.json"));
    let bad_flag = run(&["validate", "--operation", "delete"], b"");
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[test]
fn type_by_short_name_and_strict() {
    let output = run(
        &[
            "validate",
            "--type",
            "deviceHealthScriptDeviceState",
            "--strict",
            "--format",
            "json",
            "-",
        ],
        b"{}",
    );
    assert_eq!(output.status.code(), Some(1));
    let kinds: Vec<String> = json_lines(&output)[0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["pointer"], e["kind"]))
        .collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert!(
        kinds.iter().all(|k| k.ends_with("\"required\"")),
        "{kinds:?}"
    );
}

#[test]
fn export_prints_the_schema_and_the_rust_source() {
    let output = run(&["export"], b"");
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        schema["title"],
        "microsoft.graph.deviceHealthScriptDeviceState"
    );
    let rust = run(&["export", "--format", "rust"], b"");
    assert!(
        String::from_utf8_lossy(&rust.stdout).contains("pub struct DeviceHealthScriptDeviceState")
    );
}

/// No `format` keyword unless asked for: each Edm primitive is a pattern holding its whole rule;
/// `--formats rfc3339` adds RFC 3339's `date-time` beside the same pattern.
#[test]
fn export_formats_are_opt_in() {
    let property = |args: &[&str]| {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        schema["else"]["properties"]["lastSyncDateTime"].clone()
    };
    let plain = property(&["export"]);
    assert!(plain.get("format").is_none(), "{plain}");
    assert!(
        plain["pattern"].as_str().unwrap().contains("-02-29"),
        "{plain}"
    );
    let rfc3339 = property(&["export", "--formats", "rfc3339"]);
    assert_eq!(rfc3339["format"], "date-time");
    assert_eq!(rfc3339["pattern"], plain["pattern"]);
    let wrong = run(&["export", "--formats", "iso8601"], b"");
    assert_eq!(wrong.status.code(), Some(2));
}

/// `sample --schema-dir` generates payloads of a built model's type, nested values included,
/// and `validate --schema-dir` agrees with what each sample says of itself.
#[test]
fn sample_reads_a_built_model() {
    let out = scratch_dir("sample-schema-dir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let docs = root.join("tests/data/primitives-tree");
    let build = run(
        &[
            "build",
            "--docs",
            docs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(build.status.code(), Some(0));
    let dir = out.join("v1.0");
    let dir = dir.to_str().unwrap();
    for invalid in [false, true] {
        let mut args = vec![
            "sample",
            "--schema-dir",
            dir,
            "--type",
            "primitiveSampler",
            "-n",
            "50",
        ];
        if invalid {
            args.push("--invalid");
        }
        let samples = run(&args, b"");
        assert_eq!(samples.status.code(), Some(0));
        let mut raws = String::new();
        for line in String::from_utf8(samples.stdout).unwrap().lines() {
            let sample: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(sample["valid"], !invalid);
            raws.push_str(sample["raw"].as_str().unwrap());
            raws.push('\n');
        }
        let args = [
            "validate",
            "--schema-dir",
            dir,
            "--type",
            "primitiveSampler",
            "--ndjson",
            "--format",
            "summary",
            "-",
        ];
        let summary = run(&args, raws.as_bytes());
        let summary: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
        assert_eq!(summary["payloads"], 50);
        assert_eq!(
            summary[if invalid { "invalid" } else { "valid" }],
            50,
            "{summary}"
        );
    }
    let missing = run(&["sample", "--schema-dir", dir], b"");
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn export_writes_files() {
    let dir = scratch_dir("export");
    let output = run(&["export", "--out", dir.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0));
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    // `build`'s layout: the type's file refers into the bundle, which defines its enums.
    let schema = read("microsoft.graph.deviceHealthScriptDeviceState.schema.json");
    assert_eq!(schema["type"], "object");
    assert_eq!(
        schema["$id"],
        "https://msgraph-schema.invalid/export/create/microsoft.graph.deviceHealthScriptDeviceState.schema.json"
    );
    assert!(schema.get("$defs").is_none(), "{schema}");
    assert_eq!(
        schema["else"]["properties"]["detectionState"]["$ref"],
        "bundle.schema.json#/$defs/microsoft.graph.runState"
    );
    let bundle = read("bundle.schema.json");
    assert_eq!(
        bundle["$id"],
        "https://msgraph-schema.invalid/export/create/bundle.schema.json"
    );
    assert!(bundle["$defs"]["microsoft.graph.runState"]["enum"].is_array());
    assert!(bundle["$defs"]["microsoft.graph.deviceHealthScriptDeviceState"].is_object());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn export_prints_and_writes_an_openapi_document() {
    let output = run(&["export", "--format", "openapi", "--strict"], b"");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let document: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON document");
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(
        document["jsonSchemaDialect"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    let description = document["info"]["description"].as_str().unwrap();
    assert!(
        description.contains("create rules, strict"),
        "{description}"
    );
    assert_eq!(document["paths"], serde_json::json!({}));
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let keys: Vec<&str> = schemas.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "microsoft.graph.deviceHealthScriptDeviceState",
            "microsoft.graph.remediationState",
            "microsoft.graph.runState"
        ]
    );
    let state = &schemas["microsoft.graph.deviceHealthScriptDeviceState"];
    assert_eq!(
        state["else"]["properties"]["detectionState"]["$ref"],
        "#/components/schemas/microsoft.graph.runState"
    );
    // Strict: every non-nullable property is required, as in the JSON Schema export.
    assert!(state["else"]["required"].as_array().unwrap().len() > 1);
    assert!(
        state["else"]["properties"]["lastSyncDateTime"]
            .get("format")
            .is_none()
    );
    let rfc3339 = run(
        &["export", "--format", "openapi", "--formats", "rfc3339"],
        b"",
    );
    let rfc3339: serde_json::Value = serde_json::from_slice(&rfc3339.stdout).unwrap();
    let state = &rfc3339["components"]["schemas"]["microsoft.graph.deviceHealthScriptDeviceState"];
    assert_eq!(
        state["else"]["properties"]["lastSyncDateTime"]["format"],
        "date-time"
    );

    let dir = scratch_dir("export-openapi");
    let output = run(
        &[
            "export",
            "--format",
            "openapi",
            "--out",
            dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("openapi.json"));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("openapi.json")).unwrap()).unwrap();
    // The JSON Schema export's definitions, references aside.
    let bundle_dir = scratch_dir("export-openapi-bundle");
    run(&["export", "--out", bundle_dir.to_str().unwrap()], b"");
    let bundle: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(bundle_dir.join("bundle.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        written["components"]["schemas"]["microsoft.graph.runState"],
        bundle["$defs"]["microsoft.graph.runState"]
    );
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(bundle_dir).unwrap();
}

#[test]
fn ndjson_streams_in_order_with_a_summary() {
    let valid = std::fs::read_to_string("../examples/create-request-valid.json")
        .unwrap()
        .replace('\n', "");
    let invalid = std::fs::read_to_string("../examples/create-request.json")
        .unwrap()
        .replace('\n', "");
    let input = format!("{valid}\n\n{invalid}\r\nnot json\n{valid}\n");
    let output = run(
        &[
            "validate", "--ndjson", "--jobs", "2", "--format", "json", "-",
        ],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        ["-:1", "-:3", "-:4", "-:5"],
        "input order, blank lines skipped"
    );
    let verdicts: Vec<bool> = lines
        .iter()
        .map(|l| l["valid"].as_bool().unwrap())
        .collect();
    assert_eq!(verdicts, [true, false, false, true]);
    let summary: serde_json::Value =
        serde_json::from_slice(&output.stderr).expect("the summary on stderr");
    assert_eq!(summary["payloads"], 4);
    assert_eq!(summary["valid"], 2);
    assert_eq!(summary["invalid"], 2);
    assert_eq!(summary["errors_by_kind"]["enum"], 2);
    assert_eq!(summary["errors_by_kind"]["syntax"], 1);
    assert_eq!(summary["errors_by_pointer"]["/detectionState"], 1);
}

#[test]
fn summary_format_prints_one_object() {
    let output = run(
        &[
            "validate",
            "--format",
            "summary",
            "examples/create-request.json",
            "examples/create-request-valid.json",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(
        (
            summary["payloads"].as_u64(),
            summary["valid"].as_u64(),
            summary["invalid"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
}

/// A payload of `n` unknown properties on one line.
fn unknown_members(n: usize) -> String {
    let members: Vec<String> = (0..n).map(|i| format!("\"x{i:07}\":1")).collect();
    format!("{{{}}}", members.join(","))
}

#[test]
fn max_errors_caps_the_json_report_and_counts_the_rest() {
    let payload = unknown_members(250);
    let output = run(&["validate", "--format", "json", "-"], payload.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let line = &json_lines(&output)[0];
    assert_eq!(line["errors"].as_array().unwrap().len(), 100, "the default");
    assert_eq!(line["truncated"], 150);
    assert_eq!(line["valid"], false);
    let output = run(
        &["validate", "--max-errors", "3", "--format", "json", "-"],
        payload.as_bytes(),
    );
    let line = &json_lines(&output)[0];
    let pointers: Vec<&str> = line["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/x0000000", "/x0000001", "/x0000002"]);
    assert_eq!(line["truncated"], 247);
    let output = run(
        &["validate", "--max-errors", "0", "--format", "json", "-"],
        payload.as_bytes(),
    );
    let line = &json_lines(&output)[0];
    assert_eq!(line["errors"].as_array().unwrap().len(), 250);
    assert!(line.get("truncated").is_none());
    let help = run(&["validate", "--help"], b"");
    assert!(String::from_utf8_lossy(&help.stdout).contains("--max-errors <N>"));
}

#[test]
fn all_validators_agree_on_a_capped_payload() {
    let payload = unknown_members(30);
    let output = run(
        &[
            "validate",
            "--all-validators",
            "--strict",
            "--max-errors",
            "5",
            "--format",
            "json",
            "-",
        ],
        payload.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let line = &json_lines(&output)[0];
    assert!(line.get("disagreements").is_none(), "{line}");
    let kinds: Vec<&str> = line["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    // The required properties lie at the object's start: first in input order.
    assert_eq!(
        kinds,
        [
            "required",
            "required",
            "required",
            "required",
            "unknown_property"
        ]
    );
    assert_eq!(line["truncated"], 29);
}

#[test]
fn a_million_errors_print_a_bounded_human_report() {
    let payload = unknown_members(1_000_000);
    let output = run(&["validate", "-"], payload.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.stdout.len() < 64 * 1024,
        "{} bytes of report",
        output.stdout.len()
    );
    assert_eq!(stdout.matches("error: unknown_property").count(), 100);
    assert!(
        stdout.ends_with(
            "… and 999900 more errors (raise --max-errors, 0 for all)\n\
             -: invalid microsoft.graph.deviceHealthScriptDeviceState (1000000 errors, 100 shown)\n"
        ),
        "{}",
        &stdout[stdout.len() - 300..]
    );
}

#[test]
fn ndjson_caps_each_line() {
    let input = format!(
        "{}\n{}\n{}\n",
        unknown_members(5),
        unknown_members(2),
        unknown_members(4)
    );
    let output = run(
        &[
            "validate",
            "--ndjson",
            "--max-errors",
            "3",
            "--format",
            "json",
            "-",
        ],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let counts: Vec<(usize, u64)> = lines
        .iter()
        .map(|l| {
            let kept = l["errors"].as_array().unwrap().len();
            (kept, l["truncated"].as_u64().unwrap_or(0))
        })
        .collect();
    assert_eq!(counts, [(3, 2), (2, 0), (3, 1)]);
    let summary: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(summary["truncated"], 3);
    assert_eq!(summary["errors_by_kind"]["unknown_property"], 8);
}

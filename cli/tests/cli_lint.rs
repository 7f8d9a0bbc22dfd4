//! `lint --docs DIR` on a small tree written here: exit codes, the human lines, the JSON
//! object's names.

mod support;

use std::path::Path;

use support::{run, scratch_dir};

const RESOURCE: &str = "# gizmo resource type\n\nNamespace: microsoft.graph\n\nA made-up gizmo.\n\n\
    ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
    |id|String|The identifier.|\n|state|[gizmoState](gizmostate.md)|The state.|\n";
const ENUM: &str = "# gizmoState enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n\
    |Member|Value|Description|\n|:---|:---|:---|\n|on|0|On.|\n|off|1|Off.|\n";

fn create_page(state: &str) -> String {
    format!(
        "# Create gizmo\n\n## HTTP request\n\n```http\nPOST /gizmos\n```\n\n## Request body\n\n\
         In the request body, supply a JSON representation of the gizmo object.\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|state|gizmoState|The state.|\n\n\
         ## Example\n\n### Request\n\n```http\nPOST https://graph.microsoft.com/v1.0/gizmos\n\
         Content-type: application/json\n\n{{\n  \"state\": \"{state}\"\n}}\n```\n"
    )
}

fn write_tree(root: &Path, state: &str) {
    let base = root.join("api-reference/v1.0");
    std::fs::create_dir_all(base.join("resources")).unwrap();
    std::fs::create_dir_all(base.join("api")).unwrap();
    std::fs::write(base.join("resources/gizmo.md"), RESOURCE).unwrap();
    std::fs::write(base.join("resources/gizmostate.md"), ENUM).unwrap();
    std::fs::write(base.join("api/gizmo-create.md"), create_page(state)).unwrap();
}

#[test]
fn exit_codes_and_formats() {
    let root = scratch_dir("lint-clean");
    write_tree(&root, "on");
    let clean = run(&["lint", "--docs", root.to_str().unwrap()], b"");
    assert_eq!(clean.status.code(), Some(0), "{clean:?}");
    let text = String::from_utf8_lossy(&clean.stdout);
    assert!(text.contains("pages: 3"), "{text}");
    assert!(text.contains("findings: 0"), "{text}");
    let _ = std::fs::remove_dir_all(&root);

    let root = scratch_dir("lint-findings");
    write_tree(&root, "String");
    let human = run(&["lint", "--docs", root.to_str().unwrap()], b"");
    assert_eq!(human.status.code(), Some(1), "{human:?}");
    let text = String::from_utf8_lossy(&human.stdout);
    let page = "api-reference/v1.0/api/gizmo-create.md";
    let line = create_page("String")
        .lines()
        .position(|l| l.contains("\"state\": \"String\""))
        .unwrap()
        + 1;
    assert!(
        text.contains(&format!("{page}:{line}:12: enum at `/state`")),
        "{text}"
    );
    assert!(text.contains("  enum: 1"), "{text}");

    let json = run(
        &["lint", "--docs", root.to_str().unwrap(), "--format", "json"],
        b"",
    );
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "bodies",
            "bodies_untyped",
            "bodies_validated",
            "counts",
            "examples",
            "findings",
            "pages",
            "rows_added"
        ]
    );
    assert_eq!(value["counts"]["enum"], 1);
    let finding = &value["findings"][0];
    assert_eq!(finding["file"], page);
    assert_eq!(finding["kind"], "enum");
    assert_eq!(finding["pointer"], "/state");
    assert_eq!(finding["type"], "microsoft.graph.gizmo");
    assert_eq!(finding["line"], line);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn usage_errors_exit_2() {
    let missing = run(&["lint", "--docs", "/nonexistent/msgraph-schema-docs"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    let root = scratch_dir("lint-empty");
    std::fs::create_dir_all(&root).unwrap();
    let empty = run(&["lint", "--docs", root.to_str().unwrap()], b"");
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no pages"));
    let usage = run(&["lint"], b"");
    assert_eq!(usage.status.code(), Some(2));
    let help = run(&["lint", "--help"], b"");
    assert!(String::from_utf8_lossy(&help.stdout).contains("HTTP request"));
    let _ = std::fs::remove_dir_all(&root);
}

//! `validate --request`, `--batch`, request files and `--format graph-error` on the small tree
//! of the tests built with its metadata (`tests/data/requests.csdl`).

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use support::{json_lines, run, scratch_dir};

/// The model folder, built once per test run.
fn model() -> &'static str {
    static DIR: OnceLock<String> = OnceLock::new();
    DIR.get_or_init(|| {
        let out: PathBuf = scratch_dir("cli-request");
        let out_text = out.display().to_string();
        let built = run(
            &[
                "build",
                "--docs",
                "tests/data/docs-tree",
                "--metadata",
                "tests/data/requests.csdl",
                "--out",
                &out_text,
            ],
            b"",
        );
        assert_eq!(built.status.code(), Some(0), "{built:?}");
        out.join("v1.0").display().to_string()
    })
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_request_body_is_checked_as_what_its_method_and_url_take() {
    let args = |request: &'static str| {
        vec![
            "validate",
            "--schema-dir",
            model(),
            "--request",
            request,
            "--format",
            "json",
            "-",
        ]
    };
    let sent = run(&args("POST /users/1/sendNote"), br#"{"note": {"text": 5}}"#);
    assert_eq!(sent.status.code(), Some(1), "{sent:?}");
    let line = &json_lines(&sent)[0];
    assert_eq!(line["type"], "microsoft.graph.user.sendNote");
    assert_eq!(
        line["target"],
        "action microsoft.graph.sendNote bound to microsoft.graph.user"
    );
    assert_eq!(line["errors"][0]["pointer"], "/note/text");
    assert_eq!(line["errors"][0]["column"], 19);

    let read = run(
        &args("GET https://graph.microsoft.com/v1.0/gadgets/1"),
        b"{}",
    );
    assert_eq!(read.status.code(), Some(1), "{read:?}");
    assert_eq!(json_lines(&read)[0]["errors"][0]["kind"], "body");

    let created = run(&args("POST /gadgets"), br#"{"mode": "idle"}"#);
    assert_eq!(created.status.code(), Some(0), "{created:?}");
}

#[test]
fn a_url_that_does_not_resolve_is_a_located_usage_error() {
    let output = run(
        &[
            "validate",
            "--schema-dir",
            model(),
            "--request",
            "PATCH /gadgets/1/owner/nme",
            "-",
        ],
        b"{}",
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let text = stderr(&output);
    assert!(
        text.contains("error: `nme` is neither a property of microsoft.graph.person"),
        "{text}"
    );
    assert!(text.contains("(segment 4, column 18 of the URL)"), "{text}");
    let underline = format!("\n  /gadgets/1/owner/nme\n  {}^^^\n", " ".repeat(17));
    assert!(text.contains(&underline), "{text}");

    let other_version = run(
        &[
            "validate",
            "--schema-dir",
            model(),
            "--request",
            "GET https://graph.microsoft.com/beta/me",
        ],
        b"",
    );
    assert_eq!(other_version.status.code(), Some(2));
    assert!(
        stderr(&other_version).contains("the URL calls beta"),
        "{other_version:?}"
    );

    // Without --schema-dir, the built-in model of the URL's version, else of --version.
    let builtin = run(&["validate", "--request", "GET /userz"], b"");
    assert_eq!(builtin.status.code(), Some(2));
    assert!(stderr(&builtin).contains("nearest: users"), "{builtin:?}");
    let beta_only = "POST https://graph.microsoft.com/beta/deviceManagement/deviceHealthScripts";
    let beta = run(&["validate", "--request", beta_only, "-"], b"{}");
    assert_eq!(beta.status.code(), Some(0), "{beta:?}");
    let v1 = run(
        &[
            "validate",
            "--request",
            "POST /deviceManagement/deviceHealthScripts",
            "-",
        ],
        b"{}",
    );
    assert_eq!(
        v1.status.code(),
        Some(2),
        "the v1.0 model has no deviceHealthScripts: {v1:?}"
    );
}

#[test]
fn graph_error_prints_graphs_own_error_body_per_invalid_payload() {
    let output = run(
        &[
            "validate",
            "--schema-dir",
            model(),
            "--request",
            "PATCH /gadgets/1",
            "--format",
            "graph-error",
            "-",
        ],
        br#"{"mode": "off", "wheels": 4}"#,
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 1);
    let error = &lines[0]["error"];
    assert_eq!(error["code"], "BadRequest");
    assert_eq!(error["message"], "2 errors in the request");
    let details: Vec<(&str, &str)> = error["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["target"].as_str().unwrap()))
        .collect();
    assert_eq!(details, [("Enum", "/mode"), ("UnknownProperty", "/wheels")]);
    // A valid payload prints nothing.
    let valid = run(
        &[
            "validate",
            "--schema-dir",
            model(),
            "--request",
            "PATCH /gadgets/1",
            "--format",
            "graph-error",
            "-",
        ],
        br#"{"mode": "busy"}"#,
    );
    assert_eq!((valid.status.code(), valid.stdout.len()), (Some(0), 0));
}

#[test]
fn a_batch_is_checked_request_by_request() {
    for args in [
        vec![
            "validate",
            "--schema-dir",
            model(),
            "--batch",
            "--format",
            "json",
            "tests/data/batch.json",
        ],
        vec![
            "validate",
            "--schema-dir",
            model(),
            "--request",
            "POST /$batch",
            "--format",
            "json",
            "tests/data/batch.json",
        ],
    ] {
        let output = run(&args, b"");
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let line = &json_lines(&output)[0];
        let found: Vec<(&str, &str, u64)> = line["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let pointer = e["pointer"].as_str().unwrap();
                (
                    pointer,
                    e["kind"].as_str().unwrap(),
                    e["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("/requests/0/body/mode", "enum", 8),
                ("/requests/2/dependsOn/0", "batch", 20),
                ("/requests/2/url", "url", 22),
            ]
        );
    }
}

#[test]
fn a_request_file_is_checked_request_by_request() {
    let output = run(
        &[
            "validate",
            "--schema-dir",
            model(),
            "--format",
            "json",
            "tests/data/requests.http",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let lines = json_lines(&output);
    let found: Vec<(&str, Option<&str>, &str, u64, u64)> = lines
        .iter()
        .map(|line| {
            let error = &line["errors"][0];
            (
                line["source"].as_str().unwrap(),
                line["type"].as_str(),
                error["kind"].as_str().unwrap(),
                error["line"].as_u64().unwrap(),
                error["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "tests/data/requests.http:5",
                Some("microsoft.graph.gadget"),
                "syntax",
                10,
                12
            ),
            (
                "tests/data/requests.http:14",
                Some("microsoft.graph.user.sendNote"),
                "type",
                19,
                15
            ),
            ("tests/data/requests.http:23", None, "url", 23, 34),
        ]
    );
    assert!(lines[2].get("target").is_none());
    // One Graph error body per invalid request.
    let graph = run(
        &[
            "validate",
            "--schema-dir",
            model(),
            "--format",
            "graph-error",
            "tests/data/requests.http",
        ],
        b"",
    );
    assert_eq!(json_lines(&graph).len(), 3);
}

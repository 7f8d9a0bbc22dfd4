//! The request checks over the small tree of the tests (`tests/data/docs-tree` with
//! `tests/data/requests.csdl`: gadgets, users, `me`, two actions and three functions).

use std::path::PathBuf;
use std::sync::OnceLock;

use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::model::OperationKind;
use msgraph_schema_core::rules::Operation;
use msgraph_schema_core::tree::{Metadata, build_pages_with};

use super::*;
use crate::model_file::{self, ModelFile};

const PAGES: [(&str, &str); 4] = [
    (
        "api-reference/v1.0/resources/gadget.md",
        include_str!("../../tests/data/docs-tree/api-reference/v1.0/resources/gadget.md"),
    ),
    (
        "api-reference/v1.0/resources/person.md",
        include_str!("../../tests/data/docs-tree/api-reference/v1.0/resources/person.md"),
    ),
    (
        "api-reference/v1.0/resources/gadgetmode.md",
        include_str!("../../tests/data/docs-tree/api-reference/v1.0/resources/gadgetmode.md"),
    ),
    (
        "api-reference/v1.0/api/gadget-update.md",
        include_str!("../../tests/data/docs-tree/api-reference/v1.0/api/gadget-update.md"),
    ),
];

const CSDL: &str = include_str!("../../tests/data/requests.csdl");

/// The model file of the small tree, written once per test run.
pub(super) fn file() -> &'static ModelFile {
    static FILE: OnceLock<ModelFile> = OnceLock::new();
    FILE.get_or_init(|| {
        let csdl = Csdl::parse(CSDL).expect("the fixture's CSDL");
        let pages: Vec<(String, String)> = PAGES
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect();
        let metadata = Metadata {
            csdl: &csdl,
            file: "requests.csdl",
        };
        let built = build_pages_with(&pages, Some(metadata));
        let path: PathBuf = std::env::temp_dir().join(format!(
            "msgraph-schema-requests-{}.bin",
            std::process::id()
        ));
        std::fs::write(&path, model_file::encode(&built.models[0].model)).unwrap();
        let file = ModelFile::open(&path).unwrap();
        let _ = std::fs::remove_file(&path);
        file
    })
}

fn target(url: &str) -> Target {
    Service::new(file())
        .resolve(url)
        .unwrap_or_else(|err| panic!("{url}: {err}"))
        .target
}

fn url_error(url: &str) -> UrlError {
    match Service::new(file()).resolve(url) {
        Err(RequestError::Url(error)) => *error,
        other => panic!("{url}: {other:?}"),
    }
}

fn collection(ty: &str) -> Target {
    Target::Collection {
        ty: ty.to_owned(),
        entities: true,
    }
}

fn single(ty: &str) -> Target {
    Target::Single {
        ty: ty.to_owned(),
        entity: true,
    }
}

#[test]
fn urls_resolve_through_sets_keys_properties_casts_and_operations() {
    assert_eq!(target("/gadgets"), collection("microsoft.graph.gadget"));
    assert_eq!(target("gadgets/123"), single("microsoft.graph.gadget"));
    assert_eq!(target("/gadgets('1')"), single("microsoft.graph.gadget"));
    assert_eq!(
        target("/gadgets(id='1')/parts"),
        collection("microsoft.graph.part")
    );
    assert_eq!(
        target("https://graph.microsoft.com/v1.0/gadgets/{id}/parts/{part-id}"),
        single("microsoft.graph.part")
    );
    assert_eq!(
        target("/me/gadgets/{{gadget}}/maker/manager"),
        single("microsoft.graph.user")
    );
    assert_eq!(
        target("/gadgets/{id}/owner"),
        Target::Single {
            ty: "microsoft.graph.person".into(),
            entity: false
        }
    );
    assert_eq!(
        target("/gadgets/{id}/count"),
        Target::Value {
            ty: "Edm.Int32".into(),
            collection: false
        }
    );
    // Casts: the derived type's properties only after one.
    assert_eq!(
        target("/gadgets/microsoft.graph.robot"),
        collection("microsoft.graph.robot")
    );
    assert_eq!(
        target("/gadgets/{id}/graph.robot/arms").to_string(),
        "Edm.Int32"
    );
    assert!(matches!(
        url_error("/gadgets/{id}/arms").reason,
        UrlReason::NeedsCast { .. }
    ));
    // Operations: bound to the type or a base, by short, qualified or alias name; a function
    // with parameters.
    for url in [
        "/gadgets/{id}/activate",
        "/gadgets/{id}/microsoft.graph.activate",
        "/gadgets/{id}/graph.robot/activate",
        "/users/1/sendNote",
    ] {
        assert!(
            matches!(
                target(url),
                Target::Operation {
                    kind: OperationKind::Action,
                    ..
                }
            ),
            "{url}"
        );
    }
    let Target::Operation {
        parameters, kind, ..
    } = target("/gadgets/busyCount()")
    else {
        panic!("a function");
    };
    assert_eq!(
        (parameters.as_str(), kind),
        ("microsoft.graph.gadget.busyCount", OperationKind::Function)
    );
    // A composable function's result is a value of its type (here a collection of gadgets):
    // keys, properties, casts and system segments follow it as they follow a property.
    assert!(matches!(
        target("/me/recent(days=3)"),
        Target::Operation {
            kind: OperationKind::Function,
            ..
        }
    ));
    assert_eq!(
        target("/me/recent(days=3)/{id}/parts"),
        collection("microsoft.graph.part")
    );
    assert_eq!(
        target("/me/recent(days=3)/microsoft.graph.robot"),
        collection("microsoft.graph.robot")
    );
    assert_eq!(target("/me/recent(days=3)/$count"), Target::Count);
    let kinds: Vec<StepKind> = Service::new(file())
        .resolve("/me/recent(days=3)/{id}")
        .unwrap()
        .steps
        .iter()
        .map(|s| s.kind)
        .collect();
    assert_eq!(
        kinds,
        [StepKind::Singleton, StepKind::Operation, StepKind::Key]
    );
    // System segments, and a case other than the model's.
    assert_eq!(
        target("/gadgets/{id}/maker/$ref"),
        Target::Reference { collection: false }
    );
    assert_eq!(
        target("/users/{id}/gadgets/$ref"),
        Target::Reference { collection: true }
    );
    assert_eq!(target("/gadgets/$count"), Target::Count);
    assert_eq!(
        target("/Gadgets/{id}/Parts"),
        collection("microsoft.graph.part")
    );
    assert_eq!(target("/$batch"), Target::Batch);
    // The steps say what each segment was.
    let resolved = Service::new(file()).resolve("/users('1')/gadgets").unwrap();
    let kinds: Vec<StepKind> = resolved.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [StepKind::EntitySet, StepKind::Key, StepKind::Property]
    );
}

#[test]
fn unknown_segments_are_located_with_the_nearest_names() {
    let error = url_error("/users/{id}/sendNot");
    assert_eq!((error.position, error.at, error.column()), (3, 12, 13));
    assert!(
        matches!(error.reason, UrlReason::UnknownMember { ref ty } if ty == "microsoft.graph.user")
    );
    assert_eq!(error.nearest[0], "sendNote");
    let shown = error.to_string();
    assert!(
        shown.contains("`sendNot` is neither a property of microsoft.graph.user"),
        "{shown}"
    );
    assert!(
        shown.ends_with("\n  /users/{id}/sendNot\n              ^^^^^^^"),
        "{shown}"
    );

    let root = url_error("https://graph.microsoft.com/v1.0/gadget/1");
    assert_eq!(root.reason, UrlReason::UnknownRoot);
    assert_eq!(root.nearest[0], "gadgets");
    assert_eq!(root.column(), 34);
    assert!(matches!(
        url_error("/gadgets/{id}/microsoft.graph.user").reason,
        UrlReason::NotDerived { .. }
    ));
    assert!(matches!(
        url_error("/gadgets/{id}/microsoft.graph.nothing").reason,
        UrlReason::UnknownName { .. }
    ));
    assert!(matches!(
        url_error("/me/{id}").reason,
        UrlReason::NoKey { .. }
    ));
    assert!(matches!(
        url_error("/gadgets/{id}/owner('x')").reason,
        UrlReason::NoKey { .. }
    ));
    assert!(matches!(
        url_error("/gadgets/{id}/activate/x").reason,
        UrlReason::AfterOperation {
            end: OperationEnd::Action,
            ..
        }
    ));
    let not_composable = url_error("/me/newest()/parts");
    assert!(matches!(
        not_composable.reason,
        UrlReason::AfterOperation {
            end: OperationEnd::NotComposable,
            ..
        }
    ));
    assert!(
        not_composable
            .message()
            .starts_with("`parts` follows microsoft.graph.newest, a function the metadata does not mark composable"),
        "{}",
        not_composable.message()
    );
    assert!(matches!(
        url_error("/gadgets/busyCount()/x").reason,
        UrlReason::AfterOperation {
            end: OperationEnd::NotComposable,
            ..
        }
    ));
    // A composable function's result: what follows is taken as after a value of its type.
    assert!(matches!(
        url_error("/me/recent(days=3)/{id}/nothing").reason,
        UrlReason::UnknownMember { ref ty } if ty == "microsoft.graph.gadget"
    ));
    assert!(matches!(
        url_error("/gadgets/{id}/count/x").reason,
        UrlReason::AfterEnd { .. }
    ));
    assert!(matches!(
        url_error("/gadgets/$ref/x").reason,
        UrlReason::AfterEnd { .. }
    ));
    assert_eq!(url_error("/").reason, UrlReason::Empty);
}

fn check(method: &str, url: &str, body: &str) -> Checked {
    let request = Request {
        method,
        url,
        body: Some(body.as_bytes()),
        content_type: None,
    };
    check_request(file(), &request, Settings::default()).unwrap_or_else(|err| panic!("{err}"))
}

fn kinds(checked: &Checked) -> Vec<(String, &'static str)> {
    checked
        .report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind.as_str()))
        .collect()
}

#[test]
fn method_and_target_decide_the_body() {
    let created = check("POST", "/gadgets", r#"{"mode": "busy", "count": "3"}"#);
    assert_eq!(
        created.expected,
        Expected::Json {
            ty: "microsoft.graph.gadget".into(),
            operation: Operation::Create,
            optional: false
        }
    );
    assert_eq!(kinds(&created), [("/count".to_owned(), "type")]);
    assert_eq!(
        (
            created.report.errors[0].line,
            created.report.errors[0].column
        ),
        (1, 27)
    );

    let updated = check("patch", "/gadgets/1", r#"{"count": 3}"#);
    assert!(updated.report.is_valid());
    assert_eq!(updated.body_type(), Some("microsoft.graph.gadget"));
    // After a composable function, as after a property of its result's type.
    let composed = check("PATCH", "/me/recent(days=3)/{id}", r#"{"count": "3"}"#);
    assert_eq!(composed.body_type(), Some("microsoft.graph.gadget"));
    assert_eq!(kinds(&composed), [("/count".to_owned(), "type")]);

    // An action's parameters, in either spelling of a capitalised one.
    let sent = check(
        "POST",
        "/me/sendNote",
        r#"{"note": {"text": 1}, "saveCopy": true}"#,
    );
    assert_eq!(sent.body_type(), Some("microsoft.graph.user.sendNote"));
    assert_eq!(kinds(&sent), [("/note/text".to_owned(), "type")]);
    assert!(check("POST", "/gadgets/1/activate", "").report.is_valid());

    // No body for GET, DELETE and functions.
    let read = check("GET", "/me", "{\n  \"x\": 1\n}");
    assert_eq!(kinds(&read), [(String::new(), "body")]);
    assert_eq!(
        (read.report.errors[0].line, read.report.errors[0].column),
        (1, 1)
    );
    assert!(check("DELETE", "/gadgets/1", "  ").report.is_valid());
    assert_eq!(
        kinds(&check("POST", "/gadgets/busyCount()", "")),
        [(String::new(), "method")]
    );
    assert_eq!(
        kinds(&check("PATCH", "/gadgets", "{}")),
        [(String::new(), "method")]
    );
    assert_eq!(
        kinds(&check("POST", "/gadgets", "")),
        [(String::new(), "body")]
    );

    // References.
    let reference = check(
        "POST",
        "/users/1/gadgets/$ref",
        r#"{"@odata.id": 1, "x": 2}"#,
    );
    assert_eq!(reference.expected, Expected::Reference);
    assert_eq!(
        kinds(&reference),
        [
            ("/@odata.id".to_owned(), "type"),
            ("/x".to_owned(), "unknown_property")
        ]
    );
    assert!(
        check(
            "PUT",
            "/gadgets/1/maker/$ref",
            r#"{"@odata.id": "https://graph.microsoft.com/v1.0/users/1"}"#
        )
        .report
        .is_valid()
    );

    // A body sent as something else than JSON.
    let request = Request {
        method: "POST",
        url: "/gadgets",
        body: Some(br#"{"mode": "idle"}"#),
        content_type: Some("text/plain"),
    };
    let checked = check_request(file(), &request, Settings::default()).unwrap();
    assert_eq!(kinds(&checked), [(String::new(), "content_type")]);
    let request = Request {
        content_type: Some("application/json; charset=utf-8"),
        ..request
    };
    assert!(
        check_request(file(), &request, Settings::default())
            .unwrap()
            .report
            .is_valid()
    );
    let request = Request {
        method: "FETCH",
        ..request
    };
    assert!(matches!(
        check_request(file(), &request, Settings::default()),
        Err(RequestError::Method(_))
    ));
}

#[test]
fn the_service_answers_queries() {
    let service = Service::new(file());
    let gadget = service.find_type("gadget").unwrap().unwrap();
    assert_eq!(gadget.name, "microsoft.graph.gadget");
    assert!(gadget.property("parts").is_some_and(|p| p.collection));
    assert!(service.find_type("graph.user.sendNote").unwrap().is_some());
    assert!(service.find_type("nothing").unwrap().is_none());
    let set = service.entity_set("gadgets").unwrap();
    assert_eq!(set.ty, "microsoft.graph.gadget");
    assert!(service.entity_set("me").is_none());
    assert_eq!(service.singleton("me").unwrap().ty, "microsoft.graph.user");
    let operations: Vec<&str> = service
        .operations(&set.ty)
        .iter()
        .map(|op| op.operation.as_ref().unwrap().name.as_ref())
        .collect();
    assert_eq!(
        operations,
        ["microsoft.graph.activate", "microsoft.graph.busyCount"]
    );
    // A derived type lists its base's.
    assert_eq!(service.operations("microsoft.graph.robot").len(), 2);
}

#[test]
fn a_batch_is_checked_request_by_request_at_its_pointers() {
    let batch = r#"{
  "requests": [
    {"id": "1", "method": "POST", "url": "/gadgets",
     "headers": {"Content-Type": "application/json"},
     "body": {"mode": "off"}},
    {"id": "2", "method": "POST", "url": "/me/sendNote", "dependsOn": ["1", "9"],
     "headers": {"content-type": "application/json"},
     "body": {"note": {"text": 1}}},
    {"id": "2", "method": "GET", "url": "/gadgts/1"},
    {"id": "4", "method": "PATCH", "url": "/gadgets/1", "body": {"count": 2}},
    {"id": "5", "method": "PUT", "url": "/gadgets/1/maker/$ref",
     "headers": {"Content-Type": "text/plain"}, "body": "x"},
    {"id": "6", "method": "GET", "url": "https://graph.microsoft.com/v1.0/me", "extra": 1},
    {"id": "7", "method": "FETCH", "url": "/me"}
  ]
}"#;
    let service = Service::new(file());
    let checked = batch::check(&service, batch.as_bytes(), Settings::default()).unwrap();
    let found: Vec<(&str, &str, usize, usize)> = checked
        .report
        .errors
        .iter()
        .map(|e| (e.pointer(), e.kind.as_str(), e.line, e.column))
        .collect();
    assert_eq!(
        found,
        [
            ("/requests/0/body/mode", "enum", 5, 23),
            ("/requests/1/dependsOn/1", "batch", 6, 77),
            ("/requests/1/body/note/text", "type", 8, 32),
            ("/requests/2/id", "batch", 9, 12),
            ("/requests/2/url", "url", 9, 41),
            ("/requests/3", "content_type", 10, 5),
            ("/requests/4/headers/Content-Type", "content_type", 12, 34),
            ("/requests/5/url", "url", 13, 41),
            ("/requests/5/extra", "unknown_property", 13, 80),
            ("/requests/6/method", "method", 14, 27),
        ]
    );
    let url = &checked.report.errors[4];
    assert!(
        url.message().contains("nearest: gadgets"),
        "{}",
        url.message()
    );
    assert_eq!(checked.requests.len(), 7);
    assert_eq!(
        checked.requests[1].expected.as_ref().and_then(|e| match e {
            Expected::Json { ty, .. } => Some(ty.as_str()),
            _ => None,
        }),
        Some("microsoft.graph.user.sendNote")
    );

    // Through `POST /$batch`, and Graph's limit of 20.
    let many: Vec<String> = (0..21)
        .map(|i| format!(r#"{{"id": "{i}", "method": "GET", "url": "/me"}}"#))
        .collect();
    let text = format!(r#"{{"requests": [{}]}}"#, many.join(","));
    let request = Request {
        method: "POST",
        url: "/$batch",
        body: Some(text.as_bytes()),
        content_type: Some("application/json"),
    };
    let checked = service.check(&request, Settings::default()).unwrap();
    assert_eq!(checked.expected, Expected::Batch);
    assert_eq!(kinds(&checked), [("/requests".to_owned(), "batch")]);
    let not_a_batch = service
        .check(
            &Request {
                body: Some(b"[1]"),
                ..request
            },
            Settings::default(),
        )
        .unwrap();
    assert_eq!(kinds(&not_a_batch), [(String::new(), "type")]);
}

#[test]
fn a_request_file_is_checked_request_by_request_located_in_the_file() {
    let text = "@host = https://graph.microsoft.com\n\
        ### Create\n\
        # @name create\n\
        POST {{host}}/v1.0/gadgets HTTP/1.1\n\
        Content-Type: application/json\n\
        \n\
        {\n  \"mode\": \"{{mode}}\",\n  \"count\": {{count}}\n}\n\
        ###\n\
        PATCH /gadgets/{{id}}\n\
        Content-Type: application/json\n\
        \n\
        {\"mode\": \"{{mode}}\", \"count\": \"{{count}}\"}\n\
        ###\n\
        GET {{host}}/v1.0/gadgetz/{{id}}\n\
        ###\n\
        GET /me\n\
        \n\
        {}\n";
    let service = Service::new(file());
    let checked = http_file::check(&service, text, Settings::default()).unwrap();
    let found: Vec<Vec<(&str, &str, usize, usize)>> = checked
        .iter()
        .map(|request| {
            request
                .report
                .errors
                .iter()
                .map(|e| (e.pointer(), e.kind.as_str(), e.line, e.column))
                .collect()
        })
        .collect();
    assert_eq!(
        found,
        [
            // A bare variable: not JSON, said so at the variable.
            vec![("", "syntax", 9, 12)],
            // A quoted one is a string: no member of an enum, not a number.
            vec![("/mode", "enum", 15, 10), ("/count", "type", 15, 31)],
            vec![("", "url", 17, 19)],
            vec![("", "body", 21, 1)],
        ]
    );
    assert!(
        checked[0].report.errors[0]
            .message()
            .contains("`{{count}}` is a variable outside a JSON string"),
        "{}",
        checked[0].report.errors[0].message()
    );
    assert_eq!(checked[0].request.name.as_deref(), Some("create"));
    assert_eq!(
        checked[1]
            .expected
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("microsoft.graph.gadget (update)")
    );
}

#[test]
fn a_derived_types_member_needs_a_cast_and_other_hosts_are_no_graph_urls() {
    let error = url_error("/gadgets/{id}/arms");
    assert_eq!(
        error.reason,
        UrlReason::NeedsCast {
            ty: "microsoft.graph.gadget".into(),
            derived: vec!["microsoft.graph.robot".into()]
        }
    );
    assert!(
        error
            .message()
            .contains("cast first (`/microsoft.graph.robot/arms`)"),
        "{}",
        error.message()
    );
    let other = url_error("https://upload.example.com/v1.0/gadgets");
    assert_eq!(
        (other.reason.name(), other.segment.as_str(), other.column()),
        ("other_host", "upload.example.com", 9)
    );
    assert_eq!(
        target("https://graph.microsoft.us/v1.0/gadgets").to_string(),
        "a collection of microsoft.graph.gadget"
    );
    // A key that starts like a qualified name.
    assert_eq!(
        target("/gadgets/microsoft.sharepoint.com,1-2/parts"),
        collection("microsoft.graph.part")
    );
}

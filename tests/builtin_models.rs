//! The built-in models: every record reads, and a validator of one of their types compiles only
//! what its payloads hold, reporting what a validator compiled at once reports.
#![cfg(feature = "builtin-models")]

use msgraph_schema::builtin::{GraphVersion, model_file};
use msgraph_schema::single_pass::Validator;
use msgraph_schema::{Limits, Options};

#[test]
fn every_record_of_the_built_in_models_reads() {
    for version in GraphVersion::ALL {
        let file = model_file(version);
        file.check_records().unwrap();
        let model = file.model().unwrap();
        assert!(model.structs.len() > 1_000, "{version}");
    }
}

#[test]
fn a_type_compiles_what_its_payloads_hold_and_reports_as_compiling_at_once() {
    let file = model_file(GraphVersion::Beta);
    let options = Options::default();
    let user = file.file_type("user", options, false).unwrap();
    assert_eq!(user.validator().compiled().count(), 0);
    let at_once =
        Validator::from_model(file.reaching("user", false).unwrap(), "user", options).unwrap();
    assert!(at_once.types().len() > 1_000, "user reaches much of Graph");
    let payloads: [&[u8]; 5] = [
        br#"{"displayName": "Adele", "accountEnabled": true, "passwordProfile": {"password": "x"}}"#,
        br#"{"displayName": 7, "passwordProfile": {"password": 1, "extra": true}}"#,
        br##"{"manager": {"@odata.type": "#microsoft.graph.user", "displayName": ["x"]}}"##,
        br##"{"memberOf": [{"@odata.type": "#microsoft.graph.group", "mailEnabled": "yes"}]}"##,
        br#"{"accountEnabled": "#,
    ];
    for payload in payloads {
        let text = String::from_utf8_lossy(payload);
        assert_eq!(
            user.check(payload, Limits::NONE),
            at_once.check(payload),
            "{text}"
        );
    }
    let compiled: Vec<&str> = user
        .validator()
        .compiled()
        .map(|t| t.name.as_ref())
        .collect();
    // In model order: the group of a navigation property, the root (also the manager's type),
    // the password profile.
    assert_eq!(
        compiled,
        [
            "microsoft.graph.group",
            "microsoft.graph.user",
            "microsoft.graph.passwordProfile"
        ],
        "only what the payloads held"
    );
}

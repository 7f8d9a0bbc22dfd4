//! `@odata.type` dispatch to derived types (OData JSON Format §4.5.3): a value declared as a
//! base type whose `@odata.type` names a derived type is checked as that type, by the single
//! pass and by the emitted JSON Schema alike, nested in collections too.

mod support;

use support::written_pages::{self, pairs};

use msgraph_schema::Options;
use msgraph_schema::model::Model;
use msgraph_schema::rules::Operation;
use msgraph_schema::single_pass::Validator;

/// Pages written for this test: an abstract `gadgetParameter` with two derived types, and a
/// `gadget` holding a collection of parameters and one `main` parameter.
const PAGES: [(&str, &str); 4] = [
    (
        "resources/gadget.md",
        "# gadget resource type\n\nNamespace: microsoft.graph\n\nA made-up gadget.\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |name|String|The name.|\n\
         |main|[gadgetParameter](gadgetparameter.md)|The main parameter.|\n\
         |parameters|[gadgetParameter](gadgetparameter.md) collection|The parameters.|\n",
    ),
    (
        "resources/gadgetparameter.md",
        "# gadgetParameter resource type\n\nNamespace: microsoft.graph\n\nA made-up base.\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |name|String|The name. Nullable: false.|\n",
    ),
    (
        "resources/gadgettextparameter.md",
        "# gadgetTextParameter resource type\n\nNamespace: microsoft.graph\n\n\
         Inherits from [gadgetParameter](gadgetparameter.md).\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |name|String|The name. Nullable: false.|\n|defaultValue|String|The default.|\n",
    ),
    (
        "resources/gadgetflagparameter.md",
        "# gadgetFlagParameter resource type\n\nNamespace: microsoft.graph\n\n\
         Inherits from [gadgetParameter](gadgetparameter.md).\n\n\
         ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
         |name|String|The name. Nullable: false.|\n|defaultValue|Boolean|The default.|\n",
    ),
];

fn model() -> Model {
    written_pages::model(&PAGES, None)
}

/// The `(pointer, kind)` pairs of a `gadget` payload; the two validators agree.
fn errors(payload: &str, options: Options) -> Vec<(String, &'static str)> {
    written_pages::errors(&model(), "gadget", payload, options)
}

#[test]
fn the_model_knows_the_derived_types() {
    let model = model();
    let derived: Vec<&str> = model
        .derived_types("microsoft.graph.gadgetParameter")
        .iter()
        .map(|t| t.name.as_ref())
        .collect();
    assert_eq!(
        derived,
        [
            "microsoft.graph.gadgetTextParameter",
            "microsoft.graph.gadgetFlagParameter"
        ]
    );
    assert!(model.derived_types("microsoft.graph.gadget").is_empty());
}

#[test]
fn a_derived_type_named_by_odata_type_is_checked_as_that_type() {
    let payload = r##"{"name": "g", "parameters": [
        {"@odata.type": "#microsoft.graph.gadgetTextParameter", "name": "a", "defaultValue": "x"},
        {"@odata.type": "#microsoft.graph.gadgetFlagParameter", "name": "b", "defaultValue": true},
        {"name": "c"}
    ], "main": {"name": "d", "@odata.type": "#microsoft.graph.gadgetFlagParameter", "defaultValue": false}}"##;
    assert_eq!(errors(payload, Options::default()), pairs(&[]));
}

#[test]
fn each_value_gets_its_own_type_rules() {
    // A flag's default is not a string, a text's is not a boolean, the base has no default at
    // all, and a type outside the hierarchy is an `odata_type` error on the base's rules.
    let payload = r##"{"parameters": [
        {"@odata.type": "#microsoft.graph.gadgetFlagParameter", "name": "a", "defaultValue": "x"},
        {"@odata.type": "#microsoft.graph.gadgetTextParameter", "name": "b", "defaultValue": true},
        {"name": "c", "defaultValue": 1},
        {"@odata.type": "#microsoft.graph.gadget", "name": "d"}
    ]}"##;
    assert_eq!(
        errors(payload, Options::default()),
        pairs(&[
            ("/parameters/0/defaultValue", "type"),
            ("/parameters/1/defaultValue", "type"),
            ("/parameters/2/defaultValue", "unknown_property"),
            ("/parameters/3/@odata.type", "odata_type"),
        ])
    );
}

#[test]
fn the_last_odata_type_decides_like_a_parsed_value() {
    // A repeated `@odata.type` is an error, and the value is checked as the last one names, as
    // the validators of a parsed value (which keep the last duplicate) see it.
    let payload = r##"{"main": {"@odata.type": "#microsoft.graph.gadgetTextParameter",
        "@odata.type": "#microsoft.graph.gadgetFlagParameter", "name": "a", "defaultValue": "x"}}"##;
    let found = errors(payload, Options::default());
    assert!(
        found.contains(&("/main/defaultValue".to_owned(), "type")),
        "{found:?}"
    );
    assert!(
        found.contains(&("/main/@odata.type".to_owned(), "duplicate_property")),
        "{found:?}"
    );
}

#[test]
fn strict_mode_requires_the_hash_and_the_derived_types_required_properties() {
    let strict = Options {
        strict: true,
        operation: Operation::Create,
    };
    let payload = r##"{"name": "g", "parameters": [
        {"@odata.type": "microsoft.graph.gadgetFlagParameter", "name": "a", "defaultValue": "x"},
        {"@odata.type": "#microsoft.graph.gadgetFlagParameter", "defaultValue": true}
    ]}"##;
    assert_eq!(
        errors(payload, strict),
        // Without `#` the value names no type in strict mode: that one error, and the object
        // is not checked as any type (its `defaultValue` is no unknown property of the base).
        pairs(&[
            ("/parameters/0/@odata.type", "odata_type"),
            ("/parameters/1/name", "required"),
        ])
    );
}

/// An item whose `@odata.type` names a type outside its declared type's family (neither the
/// type nor a derived type) is that one `odata_type` error: it is no value of the declared type,
/// so its members are not checked as one (as Microsoft.OData.Core fails the whole resource), and
/// not a cascade of `unknown_property` errors for the properties of the type it names. Duplicate
/// member names inside it are still reported (the text shows them whatever the type).
#[test]
fn a_type_outside_the_family_is_one_odata_type_error() {
    let sorted = |mut found: Vec<(String, &'static str)>| {
        found.sort();
        found
    };
    let payload = r##"{"parameters": [
        {"@odata.type": "#microsoft.graph.gadget", "name": "d", "main": {"name": "m"},
         "parameters": [{"bogus": 1}]},
        {"name": 5, "@odata.type": "#microsoft.graph.nope", "defaultValue": 1},
        {"@odata.type": "#microsoft.graph.gadget", "a": 1, "a": 2}
    ], "main": {"@odata.type": 5, "defaultValue": "x", "extra": true}}"##;
    assert_eq!(
        sorted(errors(payload, Options::default())),
        pairs(&[
            ("/main/@odata.type", "type"),
            ("/parameters/0/@odata.type", "odata_type"),
            ("/parameters/1/@odata.type", "odata_type"),
            ("/parameters/2/@odata.type", "odata_type"),
            ("/parameters/2/a", "duplicate_property"),
        ])
    );
    // The last `@odata.type` decides, as a parsed value keeps it.
    assert_eq!(
        sorted(errors(
            r##"{"main": {"@odata.type": "#microsoft.graph.gadget", "defaultValue": true,
                "@odata.type": "#microsoft.graph.gadgetFlagParameter"}}"##,
            Options::default()
        )),
        pairs(&[("/main/@odata.type", "duplicate_property")])
    );
    assert_eq!(
        sorted(errors(
            r##"{"main": {"@odata.type": "#microsoft.graph.gadgetFlagParameter", "zzz": 1,
                "@odata.type": "#microsoft.graph.gadget"}}"##,
            Options::default()
        )),
        pairs(&[
            ("/main/@odata.type", "duplicate_property"),
            ("/main/@odata.type", "odata_type"),
        ])
    );
    // Nor is it missing the declared type's required properties.
    let strict = Options {
        strict: true,
        operation: Operation::Create,
    };
    assert_eq!(
        errors(
            r##"{"main": {"@odata.type": "#microsoft.graph.gadget", "main": {}}}"##,
            strict
        ),
        pairs(&[("/main/@odata.type", "odata_type")])
    );
    // The root too.
    let model = model();
    assert_eq!(
        written_pages::errors(
            &model,
            "microsoft.graph.gadgetParameter",
            r##"{"@odata.type": "#graph.gadget", "main": {"name": 1}, "name": 2}"##,
            Options::default()
        ),
        pairs(&[("/@odata.type", "odata_type")])
    );
}

/// `name@odata.type` on a structured property names its type or a type derived from it (OData
/// JSON Format §4.5.3, CSDL §6.1.1); for a collection, `Collection(…)` of one. Anything else is
/// one `odata_type` error at the annotation.
#[test]
fn a_structured_property_type_annotation_names_its_type_or_a_derived_type() {
    for (name, value) in [
        ("main", "#microsoft.graph.gadgetParameter"),
        ("main", "#graph.gadgetParameter"),
        ("main", "#microsoft.graph.gadgetFlagParameter"),
        ("main", "graph.gadgetTextParameter"),
        ("parameters", "#Collection(microsoft.graph.gadgetParameter)"),
        ("parameters", "#Collection(graph.gadgetFlagParameter)"),
        ("name", "#String"),
        ("name", "Edm.String"),
    ] {
        let payload = format!(r#"{{"{name}@odata.type": {value:?}}}"#);
        assert_eq!(
            errors(&payload, Options::default()),
            pairs(&[]),
            "{payload}"
        );
    }
    for (name, value) in [
        ("main", "#microsoft.graph.gadget"),
        ("main", "#microsoft.graph.gadgetParameters"),
        ("main", "#Collection(microsoft.graph.gadgetParameter)"),
        ("parameters", "#microsoft.graph.gadgetParameter"),
        ("parameters", "#Collection(microsoft.graph.gadget)"),
        ("name", "#Boolean"),
    ] {
        let payload = format!(r#"{{"{name}@odata.type": {value:?}}}"#);
        let pointer = format!("/{name}@odata.type");
        assert_eq!(
            errors(&payload, Options::default()),
            pairs(&[(&pointer, "odata_type")]),
            "{payload}"
        );
    }
    // Strict mode: a structured type is a URI fragment, `#` required.
    let strict = Options {
        strict: true,
        operation: Operation::Update,
    };
    assert_eq!(
        errors(
            r#"{"main@odata.type": "graph.gadgetTextParameter"}"#,
            strict
        ),
        pairs(&[("/main@odata.type", "odata_type")])
    );
}

#[test]
fn look_ahead_survives_bad_text_and_wrong_types() {
    for payload in [
        r#"{"main": {"@odata.type": 3, "name": "a"}}"#,
        r##"{"main": [{"@odata.type": "#microsoft.graph.gadgetFlagParameter"}]}"##,
        r#"{"main": "text"}"#,
        r#"{"parameters": [null, 1, {"@odata.type": null}]}"#,
    ] {
        let found = errors(payload, Options::default());
        assert!(!found.is_empty(), "{payload}");
    }
    // Not JSON inside the object read ahead: the walk reports the syntax error, once.
    let model = model();
    let validator = Validator::new(&model, "gadget", Options::default()).expect("compiles");
    let report = validator.check(br#"{"main": {"name": "a", "defaultValue": tru}}"#);
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(report.errors[0].kind.as_str(), "syntax");
}

/// The real docs (with `MSGRAPH_DOCS_DIR`): `deviceHealthScriptParameter` and its derived
/// types in today's beta pages, each parameter checked as the type its `@odata.type` names.
#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR"]
fn corpus_parameters_are_checked_as_their_derived_types() {
    let dir = support::corpus::dir("MSGRAPH_DOCS_DIR");
    let build = msgraph_schema_core::tree::build_dir(&dir).expect("reads");
    let model = build.model(".", "beta").expect("today's beta pages");
    let derived: Vec<&str> = model
        .derived_types("microsoft.graph.deviceHealthScriptParameter")
        .iter()
        .map(|t| t.name.as_ref())
        .collect();
    assert_eq!(derived.len(), 3, "{derived:?}");
    let payload = r##"{"detectionScriptParameters": [
        {"@odata.type": "#microsoft.graph.deviceHealthScriptBooleanParameter", "name": "a", "defaultValue": true},
        {"@odata.type": "#microsoft.graph.deviceHealthScriptIntegerParameter", "name": "b", "defaultValue": "seven"},
        {"@odata.type": "#microsoft.graph.deviceHealthScriptStringParameter", "name": "c", "defaultValue": "s"}
    ]}"##;
    assert_eq!(
        written_pages::errors(model, "deviceHealthScript", payload, Options::default()),
        pairs(&[("/detectionScriptParameters/1/defaultValue", "type")])
    );
}

/// The generator's nested values: of the declared type or a derived one (with the
/// `@odata.type` that says so), faults inside them too, each sample giving exactly the errors
/// it carries, in every mode, with the single pass and the JSON Schema agreeing.
#[test]
fn generated_nested_samples_give_exactly_their_errors() {
    use msgraph_schema::testing::{Generator, seeded_rng};
    let model = model();
    let modes = [
        Options::default(),
        Options {
            strict: true,
            ..Options::default()
        },
        Options {
            operation: Operation::Update,
            ..Options::default()
        },
        Options {
            operation: Operation::Response,
            ..Options::default()
        },
    ];
    let (mut derived_values, mut nested_faults) = (0, 0);
    for (seed, options) in modes.into_iter().enumerate() {
        let generator = Generator::for_type(model.clone(), "gadget", options).expect("gadget");
        let mut rng = seeded_rng(seed as u64);
        for i in 0..300 {
            let sample = if i % 2 == 0 {
                generator.valid(&mut rng)
            } else {
                generator.invalid(&mut rng)
            };
            derived_values += usize::from(sample.raw.contains("Parameter\""));
            let mut expected: Vec<(String, &str)> = sample
                .expected
                .iter()
                .map(|e| (e.pointer.clone(), e.kind.as_str()))
                .collect();
            nested_faults += expected
                .iter()
                .filter(|(p, _)| p.matches('/').count() > 1)
                .count();
            let mut found = written_pages::errors(&model, "gadget", &sample.raw, options);
            found.sort();
            found.dedup();
            expected.sort();
            assert_eq!(found, expected, "{}", sample.raw);
        }
    }
    assert!(
        derived_values > 100,
        "{derived_values} samples name a derived type"
    );
    assert!(
        nested_faults > 50,
        "{nested_faults} faults inside nested values"
    );
}

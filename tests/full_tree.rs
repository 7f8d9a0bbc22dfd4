//! The complete Graph beta reference (`MSGRAPH_FULL_DOCS_DIR`, 7,948 pages of July 2021) built
//! once, with the CSDL of the same era, and checked many ways: pages built, every skip located,
//! one type however many pages, operations, the docs' own example requests, and the OpenAPI
//! document's component keys.
//!
//! Ignored unless asked for (`cargo test --test full_tree -- --ignored`; `.ci/run` runs every
//! ignored test), so that a run without the corpus says it skipped rather than passing
//! silently; asked for without the variables, it fails naming them.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;

use msgraph_schema::model::{Model, OperationKind};
use msgraph_schema::single_pass::Validator;
use msgraph_schema::{ErrorKind, Options};
use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::examples::extract;
use msgraph_schema_core::tree::{Metadata, TreeBuild, build_dir_with};
use support::corpus::dir;

const METADATA: &str = "csdl/beta_metadata.2021-07-13.xml";

/// The metadata, read once.
fn csdl() -> &'static Csdl {
    static CSDL: OnceLock<Csdl> = OnceLock::new();
    CSDL.get_or_init(|| {
        let file = dir("MSGRAPH_METADATA_DIR").join(METADATA);
        Csdl::parse_bytes(&std::fs::read(&file).unwrap()).unwrap()
    })
}

/// The tree built once for every test of this file.
fn built() -> &'static (TreeBuild, PathBuf) {
    static BUILT: OnceLock<(TreeBuild, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let docs = dir("MSGRAPH_FULL_DOCS_DIR");
        let metadata = Metadata {
            csdl: csdl(),
            file: METADATA,
        };
        (build_dir_with(&docs, Some(metadata)).unwrap(), docs)
    })
}

fn model() -> &'static Model {
    let (build, _) = built();
    assert_eq!(build.models.len(), 1, "one tree and version");
    &build.models[0].model
}

#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn ninety_nine_percent_of_the_pages_with_a_table_build_and_every_skip_is_located() {
    let (build, _) = built();
    assert!(build.pages >= 7_900, "{} pages", build.pages);
    let share = build.pages_built as f64 / build.pages_with_tables as f64;
    assert!(
        share >= 0.99,
        "{} of {} pages with a table built",
        build.pages_built,
        build.pages_with_tables
    );
    for skip in &build.skipped {
        assert!(
            skip.file.ends_with(".md") && skip.line >= 1 && skip.reason.len() > 10,
            "{skip:?}"
        );
    }
    for conflict in &build.conflicts {
        assert_ne!(conflict.kept.ty, conflict.other.ty, "{conflict}");
        assert!(conflict.kept.line >= 1 && conflict.other.line >= 1);
    }
    // No prose reaches a name: every base and property type is an identifier path.
    let is_name = |name: &str| {
        name.split('.').all(|part| {
            part.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    };
    for ty in &model().structs {
        assert!(is_name(&ty.name), "{}", ty.name);
        assert!(ty.base.as_deref().is_none_or(is_name), "{:?}", ty.base);
        for p in ty.properties.iter() {
            assert!(is_name(p.ty.csdl_name()), "{}.{}", ty.name, p.name);
        }
    }
}

/// The OpenAPI document of the whole reference (`export --format openapi`): every key valid and
/// the mapping from the bundle's names injective over all of them, one component per type and
/// enum and two per type with derived types, every `$ref` naming an existing component
/// (`support::openapi::check`); real type names keep their spelling as keys.
#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn the_openapi_document_keys_every_definition_apart() {
    let model = model();
    let checked = support::openapi::check(model, &Options::default());
    for ty in &model.structs {
        assert!(checked.keys.contains(ty.name.as_ref()), "{}", ty.name);
    }
    assert!(
        checked.annotation_lists > 100,
        "{}",
        checked.annotation_lists
    );
    println!(
        "{} components ({} annotation lists), {} references",
        checked.keys.len(),
        checked.annotation_lists,
        checked.refs
    );
}

/// The OpenAPI paths of the whole reference: the shape `support::openapi::check_paths` asks of
/// any document (templates and their parameters, unique operation ids, every `$ref` resolved),
/// and the count the container fixes: two paths and five operations per entity set, one path
/// and two per singleton, and one operation per further path (a bound action or function).
/// Prints how many of the bound operations placed under an entity the metadata binds to a
/// collection only (the model does not say which).
#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn the_openapi_paths_are_the_container_and_its_bound_operations() {
    use msgraph_schema_core::emit::openapi::{Info, openapi, paths};
    let model = model();
    let index = model.index();
    let built = paths(&index);
    let info = Info {
        title: "full",
        version: "0",
        description: None,
    };
    let document = openapi(&index, &Options::default(), &info);
    let (paths_checked, operations, refs) = support::openapi::check_paths(&document);
    assert_eq!(
        (paths_checked, operations),
        (built.paths.len(), built.operations)
    );
    let sets = model.container.entity_sets.len();
    let singletons = model.container.singletons.len();
    assert!(
        sets > 0 && singletons > 0,
        "{sets} sets, {singletons} singletons"
    );
    let skipped_roots: usize = built
        .skipped
        .iter()
        .filter(|(reason, _)| reason.as_str().starts_with("root"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(skipped_roots, 0, "{:?}", built.skipped);
    let roots = 2 * sets + singletons;
    let bound = built.paths.len() - roots;
    assert_eq!(built.operations, 5 * sets + 2 * singletons + bound);
    // A bound operation's path: `/set/{key}/name…` or `/singleton/name…`.
    let roots: std::collections::HashMap<&str, (&str, bool)> = (model.container.entity_sets)
        .iter()
        .map(|root| (root.name.as_ref(), (root.ty.as_ref(), false)))
        .chain(
            (model.container.singletons)
                .iter()
                .map(|root| (root.name.as_ref(), (root.ty.as_ref(), true))),
        )
        .collect();
    let mut collection_only = 0;
    for template in built.paths.keys() {
        let segments: Vec<&str> = template[1..].split('/').collect();
        let (ty, singleton) = roots[segments[0]];
        let segment = match (singleton, segments.len()) {
            (true, 2) => segments[1],
            (false, 3) => segments[2],
            _ => continue,
        };
        let name = segment.split('(').next().unwrap();
        collection_only += usize::from(
            csdl().bound_operation(ty, name, false).is_none()
                && csdl().bound_operation(ty, name, true).is_some(),
        );
    }
    println!(
        "{} paths, {} operations ({sets} entity sets, {singletons} singletons, {bound} bound \
         operations placed, {collection_only} of them bound to a collection only), {refs} \
         references; skipped: {:?}",
        built.paths.len(),
        built.operations,
        built.skipped
    );
}

#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn a_type_documented_on_several_pages_is_one_type() {
    let model = model();
    let users: Vec<_> = model
        .structs
        .iter()
        .filter(|t| t.name == "microsoft.graph.user")
        .collect();
    assert_eq!(users.len(), 1);
    let user = users[0];
    assert!(
        user.source.file.ends_with("resources/user.md"),
        "{:?}",
        user.source
    );
    // From the main page, from Intune's partial page, and inherited through directoryObject.
    for name in [
        "displayName",
        "mail",
        "managedDevices",
        "id",
        "deletedDateTime",
    ] {
        assert!(user.property(name).is_some(), "user.{name}");
    }
    assert!(user.properties.len() > 100, "{}", user.properties.len());
}

#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn actions_have_parameter_types_typed_from_the_metadata() {
    let model = model();
    let add_password = model
        .find_struct("microsoft.graph.application.addPassword")
        .expect("application: addPassword");
    let of = add_password.operation.as_ref().unwrap();
    assert_eq!(of.kind, OperationKind::Action);
    assert_eq!(of.name, "microsoft.graph.addPassword");
    // The page's table lists the credential's properties; the metadata adds the parameter.
    let credential = add_password.property("passwordCredential").unwrap();
    assert_eq!(
        credential.ty.csdl_name(),
        "microsoft.graph.passwordCredential"
    );
    assert!(credential.from_metadata.ty);
    let operations = model
        .structs
        .iter()
        .filter(|t| t.operation.is_some())
        .count();
    // 452 when measured: the action and function pages with a parameters table.
    assert!(operations >= 450, "{operations} operation types");
}

/// The first example request of `page` that has a body, as bytes.
fn first_request_body(page: &str) -> String {
    let (_, docs) = built();
    let path = docs.join("api-reference/beta/api").join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    extract(&text)
        .examples
        .into_iter()
        .find_map(|e| e.request.is_some().then_some(e.body).flatten())
        .unwrap_or_else(|| panic!("{page} has an example request with a body"))
        .text
}

fn errors(type_name: &str, page: &str) -> Vec<(String, ErrorKind)> {
    let validator = Validator::new(model(), type_name, Options::default()).unwrap();
    let report = validator.check(first_request_body(page).as_bytes());
    report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind))
        .collect()
}

#[test]
#[ignore = "needs MSGRAPH_FULL_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn the_docs_own_example_requests_check_against_the_merged_model() {
    // Create user: every property the example sends is a property of the one `user` type.
    assert_eq!(errors("microsoft.graph.user", "user-post-users.md"), []);
    // Create event: everything known; the example writes the `bodyType` member `html` as
    // `HTML`, which enum members' case sensitivity (CSDL §10.2.1) makes an error.
    assert_eq!(
        errors("microsoft.graph.event", "user-post-events.md"),
        [("/body/contentType".to_owned(), ErrorKind::Enum)]
    );
    // Send mail: the action's parameter type. The table and the metadata spell the parameters
    // `Message` and `SaveToSentItems`, the example `message`: an operation's parameters answer
    // to both spellings (`model::parameter_alias`), and the message is checked as a message.
    // What remains are the example's own slips: the `bodyType` member `text` written `Text`
    // (case-sensitive, as above) and the Boolean written as the string `"false"` (OData JSON
    // Format §7.1: a Boolean is a JSON `true` or `false`).
    assert_eq!(
        errors("microsoft.graph.user.sendMail", "user-sendmail.md"),
        [
            ("/message/body/contentType".to_owned(), ErrorKind::Enum),
            ("/saveToSentItems".to_owned(), ErrorKind::Type),
        ]
    );
    // The same body with a property the message type lacks: found inside the parameter.
    let body = first_request_body("user-sendmail.md").replacen("\"subject\"", "\"subjekt\"", 1);
    let validator =
        Validator::new(model(), "microsoft.graph.user.sendMail", Options::default()).unwrap();
    let report = validator.check(body.as_bytes());
    let found: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.pointer().to_owned(), e.kind))
        .collect();
    assert!(
        found.contains(&("/message/subjekt".to_owned(), ErrorKind::UnknownProperty)),
        "{found:?}"
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

//! `crosscheck` over the real docs and the metadata of their era (`MSGRAPH_DOCS_DIR`,
//! `MSGRAPH_METADATA_DIR`): the agreement figures, and real documentation errors pinned by name.
//! Ignored unless asked for (`--ignored`, as `.ci/run` does).

mod support;

use std::path::{Path, PathBuf};

use msgraph_schema::model::Model;
use msgraph_schema_core::crosscheck::classify::{Class, LaterNames};
use msgraph_schema_core::crosscheck::{CrossCheck, cross_check, cross_check_later};
use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::tree::{Metadata, TreeBuild, build_dir, build_dir_with};

/// The docs corpus and the metadata corpus.
fn dirs() -> (PathBuf, PathBuf) {
    (
        support::corpus::dir("MSGRAPH_DOCS_DIR"),
        support::corpus::dir("MSGRAPH_METADATA_DIR"),
    )
}

fn check(build: &TreeBuild, metadata: &Path, tree: &str, version: &str, csdl: &str) -> CrossCheck {
    let model: &Model = build.model(tree, version).expect("the tree and version");
    let xml = std::fs::read_to_string(metadata.join("csdl").join(csdl)).unwrap();
    // The current type-mappings of the same version tell era differences apart.
    let mut later = LaterNames::default();
    // (The 2020 generator output has no published later metadata of its own.)
    if version == "v1.0" || version == "beta" {
        for kind in ["entity", "complex", "enum"] {
            let file = format!("{version}-{kind}-types.json");
            let text = std::fs::read_to_string(metadata.join("type-mappings").join(file)).unwrap();
            later.add_json(&text).unwrap();
        }
        assert!(!later.is_empty());
    }
    let check = cross_check_later(model, &Csdl::parse(&xml).unwrap(), &later);
    println!(
        "{tree} {version} vs {csdl}: {} types compared ({} not in the metadata, {} bases unstated), {}/{} properties agree, {} differences",
        check.types_compared,
        check.types_missing_in_metadata.len(),
        check.bases_unstated,
        check.properties_agreeing,
        check.properties_compared,
        check.differences.len()
    );
    check
}

/// The class of this difference, if `check` lists it.
fn class_of(check: &CrossCheck, ty: &str, property: &str, aspect: &str) -> Option<Class> {
    check
        .differences
        .iter()
        .find(|d| d.type_name == ty && d.property == property && d.aspect == aspect)
        .map(|d| d.class)
}

/// Whether `check` lists this difference.
fn has(
    check: &CrossCheck,
    ty: &str,
    property: &str,
    aspect: &str,
    docs: &str,
    metadata: &str,
) -> bool {
    check.differences.iter().any(|d| {
        d.type_name == ty
            && d.property == property
            && d.aspect == aspect
            && d.docs == docs
            && d.metadata == metadata
    })
}

#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn every_era_against_its_metadata_with_known_doc_errors_found() {
    let (docs, metadata) = dirs();
    let build = build_dir(&docs).unwrap();

    let beta_2021 = check(
        &build,
        &metadata,
        "archive-2021",
        "beta",
        "beta_metadata.2021-07-13.xml",
    );
    // Enum-typed properties documented as `String`.
    assert!(has(
        &beta_2021,
        "microsoft.graph.event",
        "importance",
        "type",
        "Edm.String",
        "microsoft.graph.importance"
    ));
    // A collection documented as a single value.
    assert!(has(
        &beta_2021,
        "microsoft.graph.message",
        "unsubscribeData",
        "collection",
        "a single value",
        "a collection"
    ));

    let v1_2021 = check(
        &build,
        &metadata,
        "archive-2021",
        "v1.0",
        "v1.0_metadata.2021-07.xml",
    );
    // Members listed in another case than the metadata's.
    assert_eq!(
        class_of(
            &v1_2021,
            "microsoft.graph.identityUserFlowAttributeInputType",
            "dateTimeDropDown",
            "member"
        ),
        Some(Class::DocError)
    );
    // The changeType section lists the members of countryLookupMethodType.
    assert!(has(
        &v1_2021,
        "microsoft.graph.changeType",
        "created",
        "member",
        "no such member",
        "a member"
    ));
    // Properties added after the metadata was published.
    assert_eq!(
        class_of(
            &v1_2021,
            "microsoft.graph.group",
            "resourceBehaviorOptions",
            "property"
        ),
        Some(Class::Era)
    );
    // A value set documented as an enum for a property the metadata types `Edm.String`.
    assert_eq!(
        class_of(&v1_2021, "microsoft.graph.user", "ageGroup", "type"),
        Some(Class::DocsConvention)
    );
    // A Guid documented as a String, and a property the metadata of the era does not have.
    assert!(has(
        &v1_2021,
        "microsoft.graph.servicePrincipal",
        "appOwnerOrganizationId",
        "type",
        "Edm.String",
        "Edm.Guid"
    ));
    assert!(has(
        &v1_2021,
        "microsoft.graph.user",
        "refreshTokensValidFromDateTime",
        "property",
        "a property",
        "no such property"
    ));

    let current_beta = check(
        &build,
        &metadata,
        ".",
        "beta",
        "beta-Mooncake.2022-10-05.csdl",
    );
    // The runState enum page lists `error` where the metadata has `scriptError`.
    assert!(has(
        &current_beta,
        "microsoft.graph.runState",
        "error",
        "member",
        "a member",
        "no such member"
    ));
    assert!(has(
        &current_beta,
        "microsoft.graph.runState",
        "scriptError",
        "member",
        "no such member",
        "a member"
    ));

    // Era: a docs-only property the later metadata has; a docs-only enum the later has.
    assert_eq!(
        class_of(
            &current_beta,
            "microsoft.graph.deviceLogCollectionResponse",
            "sizeInKB",
            "property"
        ),
        Some(Class::Era)
    );
    assert_eq!(
        class_of(
            &current_beta,
            "microsoft.graph.deviceHealthScriptType",
            "",
            "declared"
        ),
        Some(Class::Era)
    );
    assert_eq!(
        class_of(&current_beta, "microsoft.graph.runState", "error", "member"),
        Some(Class::DocError)
    );

    let current_v1 = check(&build, &metadata, ".", "v1.0", "v1.0-Prod.current.csdl");
    // Property names written capitalised: the wire names are `dateTime` and `timeZone`.
    assert!(has(
        &current_v1,
        "microsoft.graph.dateTimeTimeZone",
        "DateTime",
        "property",
        "a property",
        "no such property"
    ));
    assert_eq!(
        class_of(
            &current_v1,
            "microsoft.graph.dateTimeTimeZone",
            "TimeZone",
            "property"
        ),
        Some(Class::DocError)
    );
    // An enum-typed property (inherited from attendeeBase) documented as `String`.
    assert!(has(
        &current_v1,
        "microsoft.graph.attendee",
        "type",
        "type",
        "Edm.String",
        "microsoft.graph.attendeeType"
    ));
    let drafts = check(
        &build,
        &metadata,
        "drafts-2020",
        "testoutput/experimental",
        "graph_canary.2020-03-03.csdl",
    );
    // The generator output the seed came from agrees with the CSDL it was generated from.
    assert_eq!(drafts.properties_agreeing, drafts.properties_compared);
    // The generator output differs from its CSDL only where the docs never say (bases).
    assert!(
        drafts
            .differences
            .iter()
            .all(|d| d.class == Class::DocsConvention)
    );
    for result in [&beta_2021, &v1_2021, &current_beta, &current_v1, &drafts] {
        assert!(result.properties_compared > 0);
        assert_eq!(
            result.classes.values().sum::<usize>(),
            result.differences.len()
        );
        for d in &result.differences {
            assert!(
                d.line >= 1 && !d.file.is_empty() && !d.cause.is_empty(),
                "{d:?}"
            );
            if d.aspect == "base" && d.docs == "unstated" {
                assert_eq!(d.class, Class::DocsConvention);
            }
            if d.aspect == "member"
                && d.property == "unknownFutureValue"
                && d.docs == "no such member"
            {
                assert_eq!(d.class, Class::DocsConvention, "{d:?}");
            }
        }
        let unstated = result
            .differences
            .iter()
            .filter(|d| d.aspect == "base" && d.docs == "unstated")
            .count();
        assert_eq!(unstated, result.bases_unstated);
    }
    // A docs-only member is at its own row; a member the page lacks, at the enum's table.
    let member_line = |name: &str| {
        current_beta
            .differences
            .iter()
            .find(|d| d.type_name == "microsoft.graph.runState" && d.property == name)
            .map(|d| d.line)
    };
    assert_eq!(
        (member_line("error"), member_line("scriptError")),
        (Some(24), Some(18))
    );
    // Each property difference is at the property's own row, not its type's title.
    let unsubscribe = beta_2021
        .differences
        .iter()
        .find(|d| d.property == "unsubscribeData")
        .unwrap();
    assert_eq!(
        (unsubscribe.file.as_str(), unsubscribe.line),
        ("archive-2021/api-reference/beta/resources/message.md", 128)
    );
    let figures = |c: &CrossCheck| {
        (
            c.properties_agreeing,
            c.properties_compared,
            c.classes["doc-error"],
            c.classes["era"],
            c.classes["docs-convention"],
        )
    };
    // A type is the union of its pages: the create page of `group` adds `owners` and `members`
    // (as `String` collections, which the metadata calls navigation properties).
    assert_eq!(figures(&beta_2021), (959, 975, 110, 1, 62));
    assert_eq!(figures(&v1_2021), (278, 291, 40, 6, 36));
    assert_eq!(figures(&current_beta), (123, 123, 3, 5, 7));
    assert_eq!(figures(&current_v1), (68, 70, 4, 0, 6));
    // The generator output's `assign` action page: its parameter agrees with the CSDL's.
    assert_eq!(figures(&drafts), (54, 54, 0, 0, 2));
}

/// `build --metadata`: the generator output enriched with the CSDL it came from gains the enum
/// types of its `Enumeration` rows, its bases and non-nullability, each marked as from the
/// metadata, and then agrees with that CSDL in every aspect.
#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR and MSGRAPH_METADATA_DIR"]
fn the_generator_output_enriched_with_its_csdl() {
    let (docs, metadata) = dirs();
    let file = metadata.join("csdl").join("graph_canary.2020-03-03.csdl");
    let csdl = Csdl::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let tree = docs.join("drafts-2020");
    let plain = build_dir(&tree).unwrap();
    let meta = Metadata {
        csdl: &csdl,
        file: "graph_canary.2020-03-03.csdl",
    };
    let enriched = build_dir_with(&tree, Some(meta)).unwrap();
    let unnamed = |b: &TreeBuild| {
        b.skipped
            .iter()
            .filter(|s| s.reason.contains("`Enumeration`"))
            .count()
    };
    assert_eq!((unnamed(&plain), unnamed(&enriched)), (13, 0));
    let model = &enriched.models[0].model;
    let state = model.find_struct("deviceHealthScriptDeviceState").unwrap();
    let detection = state.property("detectionState").unwrap();
    assert_eq!(detection.ty.csdl_name(), "microsoft.graph.runState");
    assert!(detection.from_metadata.ty);
    assert!(
        plain.models[0]
            .model
            .find_struct("deviceHealthScriptDeviceState")
            .unwrap()
            .property("detectionState")
            .is_none()
    );
    let e = enriched.enriched;
    assert_eq!((e.nullable, e.types, e.bases), (36, 5, 2));
    // What only the CSDL declares is added whole, with the enums it uses: the canary declares
    // far more than the pages (3 enums the pages' rows name, the rest for the added types).
    assert!(e.types_added > 1000 && e.operations_added > 0, "{e:?}");
    assert!(e.enums_added > 3, "{e:?}");
    let before = cross_check(&plain.models[0].model, &csdl);
    let after = cross_check(model, &csdl);
    assert_eq!(before.differences.len(), 2, "two bases unstated");
    assert!(after.differences.is_empty(), "{:?}", after.differences);
    assert!(after.properties_compared >= before.properties_compared + 5);
}

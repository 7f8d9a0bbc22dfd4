//! `crosscheck` over the real docs and the metadata of their era (`MSGRAPH_DOCS_DIR`,
//! `MSGRAPH_METADATA_DIR`): the agreement figures, and real documentation errors pinned by name.

use std::path::{Path, PathBuf};

use msgraph_schema::model::Model;
use msgraph_schema_core::crosscheck::{CrossCheck, cross_check};
use msgraph_schema_core::csdl::Csdl;
use msgraph_schema_core::tree::{TreeBuild, build_dir};

fn dirs() -> Option<(PathBuf, PathBuf)> {
    let docs = std::env::var_os("MSGRAPH_DOCS_DIR");
    let metadata = std::env::var_os("MSGRAPH_METADATA_DIR");
    match (docs, metadata) {
        (Some(docs), Some(metadata)) => Some((docs.into(), metadata.into())),
        _ => {
            println!("MSGRAPH_DOCS_DIR or MSGRAPH_METADATA_DIR is unset: skipping");
            None
        }
    }
}

fn check(build: &TreeBuild, metadata: &Path, tree: &str, version: &str, csdl: &str) -> CrossCheck {
    let model: &Model = build.model(tree, version).expect("the tree and version");
    let xml = std::fs::read_to_string(metadata.join("csdl").join(csdl)).unwrap();
    let check = cross_check(model, &Csdl::parse(&xml).unwrap());
    println!(
        "{tree} {version} vs {csdl}: {} types compared ({} not in the metadata, {} bases unstated), {}/{} properties agree, {} differences",
        check.types_compared,
        check.types_missing_in_metadata.len(),
        check.bases_unstated,
        check.properties_agreeing,
        check.properties_compared,
        check.disagreements.len()
    );
    check
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
    check.disagreements.iter().any(|d| {
        d.type_name == ty
            && d.property == property
            && d.aspect == aspect
            && d.docs == docs
            && d.metadata == metadata
    })
}

#[test]
fn every_era_against_its_metadata_with_known_doc_errors_found() {
    let Some((docs, metadata)) = dirs() else {
        return;
    };
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

    check(&build, &metadata, ".", "v1.0", "v1.0-Prod.current.csdl");
    let drafts = check(
        &build,
        &metadata,
        "drafts-2020",
        "testoutput/experimental",
        "graph_canary.2020-03-03.csdl",
    );
    // The generator output the seed came from agrees with the CSDL it was generated from.
    assert_eq!(drafts.properties_agreeing, drafts.properties_compared);
    for result in [&beta_2021, &v1_2021, &current_beta, &drafts] {
        assert!(result.properties_compared > 0);
        for d in &result.disagreements {
            assert!(d.line >= 1 && !d.file.is_empty(), "{d:?}");
        }
    }
}

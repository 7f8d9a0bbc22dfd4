//! `lint` over the shared Graph docs corpus (`MSGRAPH_DOCS_DIR`): prints the figures and the
//! counts by kind, and pins real findings by page, kind and pointer. Ignored unless asked for
//! (`--ignored`, as `.ci/run` does).

mod support;

use msgraph_schema::lint::{Finding, LintReport, lint_dir};

fn report() -> LintReport {
    lint_dir(&support::corpus::dir("MSGRAPH_DOCS_DIR")).expect("the corpus reads")
}

/// The findings of `kind` on the page whose path ends with `page`.
fn on<'r>(report: &'r LintReport, page: &str, kind: &str) -> Vec<&'r Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.file.ends_with(page) && f.kind.as_str() == kind)
        .collect()
}

fn pointers<'r>(findings: &[&'r Finding]) -> Vec<&'r str> {
    findings
        .iter()
        .filter_map(|f| f.pointer.as_deref())
        .collect()
}

#[test]
#[ignore = "needs MSGRAPH_DOCS_DIR"]
fn corpus_lint_figures_and_real_findings() {
    let report = report();
    eprint!("{}", report.summary());
    assert!(report.pages > 300, "{}", report.pages);
    assert!(report.bodies_validated * 10 >= report.bodies * 8);

    // The seed page (a generated "Add deviceRunStates" page): its example request has the
    // placeholder "String" for both runState properties.
    let seed = "drafts-2020/api-reference/testoutput/experimental/api/intune-devices-devicehealthscript-post-devicerunstates.md";
    let enums = on(&report, seed, "enum");
    assert_eq!(
        pointers(&enums),
        ["/detectionState", "/remediationState"],
        "{enums:?}"
    );
    assert!(enums.iter().all(|f| f.message.contains("\"String\"")));
    assert!(enums.iter().all(|f| f.line > 0 && f.column > 0));

    // A collection documented as a single value, and a Binary that is not base64.
    let messages = "archive-2021/api-reference/beta/api/user-post-messages.md";
    assert!(pointers(&on(&report, messages, "type")).contains(&"/unsubscribeData"));
    assert!(pointers(&on(&report, messages, "format")).contains(&"/conversationIndex"));
    // A beta page whose example calls v1.0.
    assert_eq!(on(&report, messages, "url_version").len(), 1);

    // A trailing comma: not JSON, located on the page.
    let principals =
        "archive-2021/api-reference/beta/api/serviceprincipal-post-serviceprincipals.md";
    let not_json = on(&report, principals, "not_json");
    assert_eq!(not_json.len(), 1, "{not_json:?}");
    assert!(not_json[0].message.contains("trailing comma"));

    // `PATCH /me` in the examples, only `/users/{id | userPrincipalName}` in the section.
    let update = "archive-2021/api-reference/v1.0/api/user-update.md";
    let urls = on(&report, update, "url_mismatch");
    assert!(
        urls.iter().any(|f| f.message.contains("/v1.0/me`")),
        "{urls:?}"
    );

    // `# Create User`: the page's bodies are the type the tree built from it
    // (`microsoft.graph.user`), not the title's capitalised word, so they are checked; what
    // they send beyond the page's table is a finding of its own.
    let users = "archive-2021/api-reference/v1.0/api/user-post-users.md";
    assert_eq!(
        on(&report, users, "type_not_in_model"),
        Vec::<&Finding>::new()
    );
    assert!(pointers(&on(&report, users, "undocumented_property")).contains(&"/passwordPolicies"));

    // Parameters of derived types (`deviceHealthScriptStringParameter` where the base is
    // declared) are checked as those types: no `odata_type`, no unknown `defaultValue`.
    let scripts = "archive-2021/api-reference/beta/api/intune-devices-devicehealthscript-create.md";
    for kind in ["odata_type", "unknown_property"] {
        assert_eq!(on(&report, scripts, kind), Vec::<&Finding>::new());
    }
    // A nested `@odata.type` naming a type no page of the tree declares.
    let assignment = "api-reference/beta/api/intune-devices-devicehealthscriptassignment-create.md";
    assert!(
        pointers(&on(&report, assignment, "type_not_in_model"))
            .contains(&"/runSchedule/@odata.type")
    );

    // An empty string for an enum in an update example.
    let event = "archive-2021/api-reference/v1.0/api/event-update.md";
    assert!(pointers(&on(&report, event, "enum")).contains(&"/responseStatus/response"));
}

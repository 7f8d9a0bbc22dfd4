//! The lint on pages written for these tests: each kind of finding at its page line, and
//! the things that must not be findings.

use super::*;

const RESOURCES: &str = "api-reference/v1.0/resources";
const API: &str = "api-reference/v1.0/api";

fn widget_page() -> String {
    "# widget resource type\n\nNamespace: microsoft.graph\n\nA made-up widget.\n\n\
     ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
     |id|String|The identifier. Nullable: false.|\n|name|String|The name.|\n\
     |mode|[widgetMode](widgetmode.md)|The mode.|\n\
     |parts|[widgetPart](widgetpart.md) collection|The parts.|\n\
     |colour|[colour](colour.md)|Elsewhere. Possible values are: `red`, `blue`.|\n\
     |shape|[shape](shape.md)|Elsewhere, no values.|\n"
        .to_owned()
}

fn pages(extra: &[(&str, String)]) -> Vec<(String, String)> {
    let mut pages = vec![
        (format!("{RESOURCES}/widget.md"), widget_page()),
        (
            format!("{RESOURCES}/widgetpart.md"),
            "# widgetPart resource type\n\nNamespace: microsoft.graph\n\nA part.\n\n\
             ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
             |size|Int32|The size.|\n"
                .to_owned(),
        ),
        (
            format!("{RESOURCES}/widgetmode.md"),
            "# widgetMode enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n\
             |Member|Value|Description|\n|:---|:---|:---|\n|idle|0|Idle.|\n|busy|1|Busy.|\n\
             |unknownFutureValue|2|Evolvable enum sentinel.|\n"
                .to_owned(),
        ),
    ];
    pages.extend(
        extra
            .iter()
            .map(|(name, text)| (format!("{API}/{name}"), text.clone())),
    );
    pages
}

/// A create page: HTTP request section, request-body table, an example request with `body`
/// and a response.
fn create_page(method: &str, url: &str, body: &str, response: &str) -> String {
    format!(
        "# Create widget\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPOST /widgets\n```\n\n\
         ## Request body\n\nIn the request body, supply a JSON representation of the widget object.\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n\
         |mode|widgetMode|The mode.|\n\n## Response\n\nA [widget](../resources/widget.md) object.\n\n\
         ## Example\n\n### Request\n\n```http\n{method} {url}\nContent-type: application/json\n\n{body}\n```\n\n\
         ### Response\n\n```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{response}\n```\n"
    )
}

/// The line of `needle` in `text`, 1-based.
fn line_of(text: &str, needle: &str) -> u32 {
    let index = text.lines().position(|l| l.contains(needle)).expect(needle);
    u32::try_from(index + 1).unwrap()
}

fn kinds(report: &LintReport) -> Vec<(&str, u32, Option<&str>)> {
    report
        .findings
        .iter()
        .map(|f| (f.kind.as_str(), f.line, f.pointer.as_deref()))
        .collect()
}

#[test]
fn a_clean_page_has_no_findings() {
    let page = create_page(
        "POST",
        "https://graph.microsoft.com/v1.0/widgets",
        "{\n  \"name\": \"w\",\n  \"mode\": \"idle\"\n}",
        "{\n  \"id\": \"1\",\n  \"name\": \"w\",\n  \"parts\": [{\"size\": 2}],\n  \"colour\": \"red\"\n}",
    );
    let report = lint_pages(&pages(&[("widget-create.md", page)]));
    assert_eq!(kinds(&report), []);
    assert_eq!((report.bodies, report.bodies_validated), (2, 2));
    // `colour` and `shape` (types outside the folder) were added back.
    assert_eq!(report.rows_added, 2);
}

#[test]
fn placeholder_enum_values_and_operation_rules() {
    // `"String"` is no member; `unknownFutureValue` is an error in a create body (POST) only.
    let body = "{\n  \"mode\": \"String\",\n  \"name\": \"w\"\n}";
    let response =
        "{\n  \"mode\": \"unknownFutureValue\",\n  \"colour\": \"String\",\n  \"shape\": [1]\n}";
    let page = create_page(
        "POST",
        "https://graph.microsoft.com/v1.0/widgets",
        body,
        response,
    );
    let report = lint_pages(&pages(&[("widget-create.md", page.clone())]));
    assert_eq!(
        kinds(&report),
        [
            (
                "enum",
                line_of(&page, "\"mode\": \"String\""),
                Some("/mode")
            ),
            (
                "enum",
                line_of(&page, "\"colour\": \"String\""),
                Some("/colour")
            ),
        ]
    );
    let finding = &report.findings[0];
    assert_eq!(finding.column, 11);
    assert_eq!(finding.type_name.as_deref(), Some("microsoft.graph.widget"));

    let body = "{\n  \"mode\": \"unknownFutureValue\"\n}";
    let created = create_page(
        "POST",
        "https://graph.microsoft.com/v1.0/widgets",
        body,
        "{}",
    );
    let report = lint_pages(&pages(&[("widget-create.md", created)]));
    assert_eq!(kinds(&report)[0].0, "enum");
    let updated = create_page(
        "PATCH",
        "https://graph.microsoft.com/v1.0/widgets",
        body,
        "{}",
    );
    let report = lint_pages(&pages(&[("widget-create.md", updated.clone())]));
    // PATCH: an update body, where the sentinel is accepted; the method is not the section's.
    assert_eq!(
        kinds(&report),
        [("method_mismatch", line_of(&updated, "PATCH https://"), None)]
    );
}

#[test]
fn collections_are_checked_per_item() {
    let response = "{\n  \"value\": [\n    {\"parts\": [{\"size\": 1}]},\n    {\"parts\": [{\"size\": \"big\"}]}\n  ]\n}";
    let page = format!(
        "# List widgets\n\n## Response\n\nA collection of [widget](../resources/widget.md) objects.\n\n\
         ## Example\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/widgets\n```\n\n\
         ### Response\n\n```json\n{response}\n```\n"
    );
    let report = lint_pages(&pages(&[("widget-list.md", page.clone())]));
    assert_eq!(
        kinds(&report),
        [(
            "type",
            line_of(&page, "\"big\""),
            Some("/value/1/parts/0/size")
        )]
    );
}

#[test]
fn page_against_itself() {
    let body = "{\n  \"name\": \"w\",\n  \"parts\": [],\n  \"name@odata.type\": \"String\"\n}";
    let page = create_page(
        "POST",
        "https://graph.microsoft.com/beta/gadgets/{id}",
        body,
        "{}",
    );
    let report = lint_pages(&pages(&[("widget-create.md", page.clone())]));
    let request = line_of(&page, "POST https://");
    assert_eq!(
        kinds(&report),
        [
            ("url_version", request, None),
            ("url_mismatch", request, None),
            (
                "undocumented_property",
                line_of(&page, "\"parts\": []"),
                Some("/parts")
            ),
        ]
    );
    let counts = report.counts();
    assert_eq!(counts["url_mismatch"], 1);
    assert_eq!(counts.values().sum::<usize>(), 3);
}

#[test]
fn bodies_that_are_not_json_and_unknown_types() {
    let body = "{\n  \"name\": \"w\",\n  ...\n}";
    let page = create_page(
        "POST",
        "https://graph.microsoft.com/v1.0/widgets",
        body,
        "{}",
    );
    let report = lint_pages(&pages(&[("widget-create.md", page.clone())]));
    assert_eq!(
        kinds(&report),
        [("not_json", line_of(&page, "  ..."), None)]
    );
    assert_eq!(report.findings[0].column, 3);

    let annotated = "# Get gadget\n\n## Example\n\n### Response\n\n\
                     <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.Widget\" } -->\n\
                     ```json\n{}\n```\n";
    let report = lint_pages(&pages(&[("gadget-get.md", annotated.to_owned())]));
    assert_eq!(kinds(&report), [("type_not_in_model", 9, None)]);
    assert!(
        report.findings[0]
            .message
            .contains("microsoft.graph.widget"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn objects_of_derived_types_are_checked_as_those_types() {
    let derived = "# bigWidgetPart resource type\n\nNamespace: microsoft.graph\n\n\
                   Inherits from [widgetPart](widgetpart.md)\n\nA big part.\n\n\
                   ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
                   |weight|Int32|The weight.|\n";
    let response = "{\n  \"parts\": [\n    {\"size\": 1},\n    \
                    {\"@odata.type\": \"#microsoft.graph.bigWidgetPart\", \"size\": 2, \"weight\": \"x\"},\n    \
                    {\"@odata.type\": \"#microsoft.graph.widget\", \"size\": 3},\n    \
                    {\"@odata.type\": \"#microsoft.graph.nowhere\", \"size\": \"z\"}\n  ]\n}";
    let page = format!(
        "# Get widget\n\n## Response\n\nA [widget](../resources/widget.md) object.\n\n\
         ## Example\n\n### Response\n\n```json\n{response}\n```\n"
    );
    let mut all = pages(&[("widget-get.md", page.clone())]);
    all.push((format!("{RESOURCES}/bigwidgetpart.md"), derived.to_owned()));
    let report = lint_pages(&all);
    let weight_line = line_of(&page, "\"weight\"");
    assert_eq!(
        kinds(&report),
        [
            // Checked as a bigWidgetPart: its own property's value, not `unknown_property`.
            ("type", weight_line, Some("/parts/1/weight")),
            // `widget` does not derive from widgetPart: still an `odata_type` finding.
            ("odata_type", weight_line + 1, Some("/parts/2/@odata.type")),
            // A type the model lacks: the object is not checked (no `type` at `size`).
            (
                "type_not_in_model",
                weight_line + 2,
                Some("/parts/3/@odata.type")
            ),
        ]
    );
    let column = page
        .lines()
        .nth(weight_line as usize - 1)
        .unwrap()
        .find("\"x\"")
        .unwrap()
        + 1;
    assert_eq!(report.findings[0].column, column);
}

#[test]
fn odd_pages_never_panic() {
    for text in [
        "### Request\n```http\nPOST\n```\n",
        "### Response\n```json\n[1, 2\n```\n",
        "### Response\n```json\n\"text\"\n```\n",
        "# Create widget\n\n### Request\n```json\n{\"mode\": 1}\n```\n",
    ] {
        let report = lint_pages(&pages(&[("odd.md", text.to_owned())]));
        assert!(report.pages >= 4);
    }
}

//! The page parser: what it reads, and a located diagnostic for everything it cannot; a strict
//! page and a tree build of the same text read by the same rules.

use std::collections::BTreeSet;

use msgraph_schema_core::model::{Primitive, TypeRef};
use msgraph_schema_core::page::Diagnostic;
use msgraph_schema_core::tree::{build_pages, parse_page};

const HEAD: &str = "# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\nInherits from [entity](entity.md).\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n";

fn problems(rows: &str, tail: &str) -> Vec<Diagnostic> {
    parse_page("widget.md", &format!("{HEAD}{rows}{tail}")).expect_err("the page has problems")
}

#[test]
fn reads_types_nullability_collections_enums_and_keys() {
    let rows = "|id|String|Key. Nullable: false.|\n|tags|String collection|Tags.|\n|when|Edm.DateTimeOffset|When.|\n|state|[widgetState](#widgetstate-values)|State. Possible values are: `on`, `off`. Nullable: false.|\n";
    let tail = "\n## widgetState values\n\n|Member|Value|Description|\n|:--|:--|:--|\n|on|0|On.|\n|off|1|Off.|\n";
    let model = parse_page("widget.md", &format!("{HEAD}{rows}{tail}")).unwrap();
    let ty = &model.structs[0];
    assert_eq!(ty.name, "microsoft.graph.widget");
    assert_eq!(ty.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(ty.description, "A widget.");
    let id = ty.property("id").unwrap();
    assert!(id.key && !id.nullable);
    let tags = ty.property("tags").unwrap();
    assert!(tags.collection && tags.nullable);
    assert_eq!(
        ty.property("when").unwrap().ty,
        TypeRef::Primitive(Primitive::DateTimeOffset)
    );
    assert_eq!(
        ty.property("state").unwrap().ty,
        TypeRef::Enum("microsoft.graph.widgetState".into())
    );
    assert_eq!(
        model.enums[0]
            .members
            .iter()
            .map(|m| (m.name.as_ref(), m.value))
            .collect::<Vec<_>>(),
        [("on", 0), ("off", 1)]
    );
}

#[test]
fn every_bad_row_is_reported_at_its_line() {
    let rows = "|ok|String|Fine.|\n|area|GeographyPoint|Not supported yet.|\n|kind|Enumeration|Possible values are: `a`, `b`.|\n|bad name|String|Spaces.|\n|state|[widgetState](#x)|Possible values are: `on`, `of`.|\n";
    let tail = "\n## widgetState values\n\n|Member|Value|Description|\n|:--|:--|:--|\n|on|0|On.|\n|off|x|Off.|\n";
    let found = problems(rows, tail);
    let lines: Vec<(u32, &str)> = found.iter().map(|d| (d.line, d.message.as_str())).collect();
    let first_row = 13; // HEAD ends with the separator row on line 12.
    let at = |line: u32, needle: &str| lines.iter().any(|(l, m)| *l == line && m.contains(needle));
    assert!(at(first_row + 1, "`GeographyPoint`"), "{lines:?}");
    assert!(at(first_row + 2, "without a name"), "{lines:?}");
    assert!(at(first_row + 3, "not a property name"), "{lines:?}");
    assert!(
        at(first_row + 4, "lists possible values on, of"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|(_, m)| m.contains("member value `x`")),
        "{lines:?}"
    );
    assert_eq!(
        found[0].to_string(),
        format!("widget.md:{}: {}", found[0].line, found[0].message)
    );
}

#[test]
fn pages_without_a_title_or_table_say_so() {
    let found = parse_page("empty.md", "Just text.\n").unwrap_err();
    assert!(found[0].message.contains("does not name its type"));
    let found = parse_page(
        "notable.md",
        "# thing resource type\n\n## Properties\n\nNone.\n",
    )
    .unwrap_err();
    assert!(found[0].message.contains("no `## Properties` table"));
    let found = parse_page(
        "cols.md",
        "# thing resource type\n\n## Properties\n\n|Name|Kind|\n|--|--|\n|a|String|\n",
    )
    .unwrap_err();
    assert!(
        found
            .iter()
            .any(|d| d.message.contains("no `Property` column")),
        "{found:?}"
    );
}

#[test]
fn garbage_input_never_panics() {
    for text in [
        "",
        "|",
        "# resource type",
        "# x resource type\n## Properties\n|Property|Type|Description|\n|-|-|-|\n|`|[](|\n",
        "\u{0}\u{ffff}",
    ] {
        let _ = parse_page("g.md", text);
    }
}

/// A tree build of one page at `path`: its model and the lines it skipped.
fn tree_build(path: &str, text: &str) -> (msgraph_schema_core::model::Model, BTreeSet<u32>) {
    let build = build_pages(&[(path.to_owned(), text.to_owned())]);
    let (tree, version) = msgraph_schema_core::tree::tree_and_version(path).unwrap();
    let model = build
        .model(&tree, &version)
        .expect("the page builds")
        .clone();
    (model, build.skipped.iter().map(|s| s.line).collect())
}

#[test]
fn a_strict_page_and_a_tree_build_of_it_give_the_same_model() {
    // Columns in other orders, `Collection(…)`, both nullability wordings, a mark, a
    // relationship, an enum by link and by name: one reading of each.
    let widget = "# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n\
        Inherits from [entity](entity.md).\n\n## Properties\n\n\
        |Description|Type|Property|\n|:--|:--|:--|\n\
        |Key. Read-only. Nullable: false.|String|id|\n\
        |Tags.|Collection(Edm.String)|tags|\n\
        |When. Not nullable.|DateTimeOffset|when|\n\
        |State. Possible values are: `on`, `off`, `unknownFutureValue`.|[widgetState](#widgetstate-values)|state|\n\
        |Old states.|widgetState collection|history|\n\n\
        ## Relationships\n\n|Property|Type|Description|\n|:--|:--|:--|\n\
        |parent|[widget](widget.md)|The parent widget.|\n\n\
        ## widgetState values\n\n|Value|Member|Description|\n|:--|:--|:--|\n\
        |0|on|On.|\n|1|off|Off.|\n|2|unknownFutureValue|Sentinel.|\n";
    let own = include_str!("../pages/devicehealthscriptdevicestate.md");
    for (path, text) in [
        ("api-reference/v1.0/resources/widget.md", widget),
        (
            "api-reference/beta/resources/devicehealthscriptdevicestate.md",
            own,
        ),
    ] {
        let strict = parse_page(path, text).unwrap();
        let (lenient, skipped) = tree_build(path, text);
        assert!(skipped.is_empty(), "{path}: {skipped:?}");
        assert_eq!(strict, lenient, "{path}");
    }
    let model = parse_page("api-reference/v1.0/resources/widget.md", widget).unwrap();
    let ty = &model.structs[0];
    let id = ty.property("id").unwrap();
    assert!(id.key && !id.nullable && id.marks.read_only);
    let tags = ty.property("tags").unwrap();
    assert!(tags.collection && tags.nullable);
    assert_eq!(tags.ty, TypeRef::Primitive(Primitive::String));
    assert!(!ty.property("when").unwrap().nullable);
    let history = ty.property("history").unwrap();
    assert!(history.collection);
    assert_eq!(
        history.ty,
        TypeRef::Enum("microsoft.graph.widgetState".into())
    );
    assert_eq!(
        ty.property("parent").unwrap().ty,
        TypeRef::Struct("microsoft.graph.widget".into())
    );
    let values: Vec<(&str, i64)> = model.enums[0]
        .members
        .iter()
        .map(|m| (m.name.as_ref(), m.value))
        .collect();
    assert_eq!(values, [("on", 0), ("off", 1), ("unknownFutureValue", 2)]);
}

#[test]
fn a_strict_page_reports_every_row_a_tree_build_skips_at_the_same_line() {
    let rows = "|ok|String|Fine.|\n|area|GeographyPoint|Not supported yet.|\n\
        |kind|Enumeration|An enum.|\n|bad name|String|Spaces.|\n|seen|DateTime|When.|\n\
        |part|[part](part.md)|No such page.|\n|odd|** Unknown Type x **|Generated.|\n";
    let tail = "\n## widgetState values\n\n|Member|Value|Description|\n|:--|:--|:--|\n\
        |on|0|On.|\n|off|x|Off.|\n";
    let text = format!("{HEAD}{rows}{tail}");
    let path = "api-reference/v1.0/resources/widget.md";
    let (_, skipped) = tree_build(path, &text);
    let reported: BTreeSet<u32> = parse_page(path, &text)
        .unwrap_err()
        .iter()
        .map(|d| d.line)
        .collect();
    // Every row but the first, and the member row with a value that is not an integer.
    assert_eq!(skipped.len(), 7, "{skipped:?}");
    assert_eq!(reported, skipped);
}

#[test]
fn a_strict_page_reports_what_a_tree_build_reads_by_a_guess() {
    // An informal and a miscased Edm name, a type inside a remark, a remark after a name, a
    // capitalised type name, a base named in prose: the tree build reads them all.
    let text = "# Widget resource type\n\nInherits from the abstract base type [entity](entity.md).\n\n\
        ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n\
        |count|int|How many.|\n|label|string|A label.|\n|note|String (up to 20 characters)|A note.|\n\
        |status (deprecated)|String|The status.|\n";
    let path = "api-reference/v1.0/resources/widget.md";
    let (lenient, skipped) = tree_build(path, text);
    assert!(skipped.is_empty(), "{skipped:?}");
    let ty = &lenient.structs[0];
    assert_eq!(ty.name, "microsoft.graph.widget");
    assert_eq!(ty.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(
        ty.property("count").unwrap().ty,
        TypeRef::Primitive(Primitive::Int32)
    );
    assert!(ty.property("status").is_some());
    let reported: Vec<u32> = parse_page(path, text)
        .unwrap_err()
        .iter()
        .map(|d| d.line)
        .collect();
    assert_eq!(reported, [1, 3, 9, 10, 11, 12]);
}

//! The page parser: what it reads, and a located diagnostic for everything it cannot.

use msgraph_schema_core::model::{Primitive, TypeRef};
use msgraph_schema_core::page::{Diagnostic, parse_page};

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

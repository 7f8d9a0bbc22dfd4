//! The docs-tree build on pages written here: each table variant, each diagnostic, links
//! across pages, one model per tree and version.

use msgraph_schema_core::model::{Primitive, TypeRef};
use msgraph_schema_core::page::{PageKind, scan_page};
use msgraph_schema_core::tree::{SkipKind, TreeBuild, build_pages, tree_and_version};

const RES: &str = "docs/api-reference/v1.0/resources";

fn build(pages: &[(&str, &str)]) -> TreeBuild {
    let pages: Vec<(String, String)> = pages
        .iter()
        .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
        .collect();
    build_pages(&pages)
}

fn skip_at(build: &TreeBuild, file: &str, line: u32) -> (SkipKind, String) {
    let found = build
        .skipped
        .iter()
        .find(|s| s.file == file && s.line == line)
        .unwrap_or_else(|| panic!("no skip at {file}:{line}: {:?}", build.skipped));
    (found.kind, found.reason.clone())
}

const LAMP: &str = "# lamp resource type

Namespace: microsoft.graph

A lamp on a desk.

## Properties

|Property|Type|Description|
|:--|:--|:--|
|id|String|Identifier. Nullable: false.|
|shade|[lampShade](lampshade.md)|The shade.|
|glow|[glowLevel](../resources/glowlevel.md)|How bright.|
|labels|String collection|Labels.|
|maker|[vendor][]|Who made it.|
|lastLit|Edm.DateTimeOffset|When it was last on.|
|spare|microsoft.graph.lampShade|A spare shade.|
|history|Collection(microsoft.graph.glowLevel)|Past levels.|

Note: a note under the table is not a row.

## Relationships

|Relationship|Type|Description|
|:--|:--|:--|
|desk|[desk](desk.md)|The desk it stands on.|

[vendor]: vendor.md
";

const SHADE: &str = "# lampShade resource type

## Properties

| Name\t| Type\t| Description |
|:--|:--|:--|
| colour\t| String\t| The colour. Not nullable. |
| round\t| Boolean | Whether it is round. Read-only. |
";

const VENDOR: &str = "# vendor resource type

## Properties

|Type|Property|Description|
|:--|:--|:--|
|String|name|The vendor's name.|
";

const GLOW: &str = "# glowLevel enum type

## Members

|Member|Value|Description|
|:--|:--|:--|
|dim|0|Low.|
|bright|1|High.|
";

fn lamp_tree() -> TreeBuild {
    build(&[
        (&format!("{RES}/lamp.md"), LAMP),
        (&format!("{RES}/lampshade.md"), SHADE),
        (&format!("{RES}/vendor.md"), VENDOR),
        (&format!("{RES}/glowlevel.md"), GLOW),
    ])
}

#[test]
fn links_names_and_collections_resolve_across_pages() {
    let built = lamp_tree();
    let model = built.model("docs", "v1.0").unwrap();
    let lamp = model.find_struct("lamp").unwrap();
    let ty = |name: &str| lamp.property(name).unwrap().ty.clone();
    assert_eq!(
        ty("shade"),
        TypeRef::Struct("microsoft.graph.lampShade".into())
    );
    assert_eq!(
        ty("glow"),
        TypeRef::Enum("microsoft.graph.glowLevel".into())
    );
    assert_eq!(
        ty("maker"),
        TypeRef::Struct("microsoft.graph.vendor".into())
    );
    assert_eq!(
        ty("spare"),
        TypeRef::Struct("microsoft.graph.lampShade".into())
    );
    assert_eq!(ty("lastLit"), TypeRef::Primitive(Primitive::DateTimeOffset));
    assert!(lamp.property("labels").unwrap().collection);
    let history = lamp.property("history").unwrap();
    assert!(history.collection);
    assert_eq!(
        history.ty,
        TypeRef::Enum("microsoft.graph.glowLevel".into())
    );
    assert!(!lamp.property("id").unwrap().nullable);
    assert_eq!(lamp.description, "A lamp on a desk.");
    assert_eq!(lamp.properties.len(), 8);
    // The relationship names a page that is not in the tree: located, not guessed.
    let (kind, reason) = skip_at(&built, &format!("{RES}/lamp.md"), 26);
    assert_eq!(kind, SkipKind::UnresolvedReference);
    assert!(reason.contains("`desk`"), "{reason}");
    assert_eq!(built.skipped.len(), 1, "{:?}", built.skipped);
    assert_eq!(
        (built.pages, built.pages_with_tables, built.pages_built),
        (4, 4, 4)
    );
    assert_eq!((built.types(), built.enums()), (3, 1));
}

#[test]
fn hand_written_tables_other_columns_tabs_and_wording() {
    let built = lamp_tree();
    let model = built.model("docs", "v1.0").unwrap();
    let shade = model.find_struct("lampShade").unwrap();
    let colour = shade.property("colour").unwrap();
    assert!(!colour.nullable);
    assert_eq!(colour.ty, TypeRef::Primitive(Primitive::String));
    assert!(shade.property("round").unwrap().nullable);
    let vendor = model.find_struct("vendor").unwrap();
    assert_eq!(
        vendor.property("name").unwrap().ty,
        TypeRef::Primitive(Primitive::String)
    );
}

#[test]
fn each_row_problem_is_located_and_the_page_still_builds() {
    let page = "# widget resource type

## Properties

|Property|Type|Description|
|:--|:--|:--|
|ok|String|Fine.|
|count|Int32|An Edm type not supported yet.|
|made|DateTime|Not Edm.|
|odd|** Unknown Type `x.y.z` ** collection|Generated placeholder.|
|kind|Enumeration|No name.|
|bad name|String|Spaces.|
|ref|[nowhere](nowhere.md)|No such page.|
|plain|sprocket|No such type.|
|junk|String or a number|Cannot read.|
|empty||No type.|

## widgetKind values

|Member|Value|Description|
|:--|:--|:--|
|a|0|A.|
|b|x|Not a number.|
";
    let file = format!("{RES}/widget.md");
    let built = build(&[(&file, page)]);
    let widget = built
        .model("docs", "v1.0")
        .unwrap()
        .find_struct("widget")
        .unwrap();
    assert!(widget.property("ok").is_some());
    let int32 = Primitive::from_name("Int32").is_some();
    let expect = |line: u32, kind: SkipKind, needle: &str| {
        let (found, reason) = skip_at(&built, &file, line);
        assert_eq!(found, kind, "{reason}");
        assert!(reason.contains(needle), "{reason}");
    };
    if !int32 {
        expect(
            8,
            SkipKind::UnsupportedEdmType,
            "unsupported Edm type Int32",
        );
    }
    expect(9, SkipKind::NonEdmDateTime, "DateTime");
    expect(10, SkipKind::UnknownType, "Unknown Type");
    expect(11, SkipKind::UnknownType, "Enumeration");
    expect(12, SkipKind::MalformedRow, "not a property name");
    expect(13, SkipKind::UnresolvedReference, "nowhere.md");
    expect(14, SkipKind::UnresolvedReference, "`sprocket`");
    expect(15, SkipKind::MalformedRow, "cannot read the type cell");
    expect(16, SkipKind::MalformedRow, "no type cell");
    expect(23, SkipKind::MalformedRow, "not an integer");
    assert_eq!(built.pages_built, 1);
    let kind = built.model("docs", "v1.0").unwrap().find_enum("widgetKind");
    assert_eq!(kind.unwrap().members.len(), 1);
}

#[test]
fn enum_tables_without_values_and_value_sections() {
    let page = "# dial resource type

## Properties

|Property|Type|Description|
|:--|:--|:--|
|tone|[dialTone](#dialtone-values)|The tone.|

### dialTone values

|Member|Description|
|:--|:--|
|low|Low.|
|high|High.|
";
    let built = build(&[(&format!("{RES}/dial.md"), page)]);
    let model = built.model("docs", "v1.0").unwrap();
    let tone = model.find_enum("dialTone").unwrap();
    let members: Vec<(&str, i64)> = tone
        .members
        .iter()
        .map(|m| (m.name.as_ref(), m.value))
        .collect();
    assert_eq!(members, [("low", 0), ("high", 1)]);
    assert_eq!(
        model
            .find_struct("dial")
            .unwrap()
            .property("tone")
            .unwrap()
            .ty,
        TypeRef::Enum("microsoft.graph.dialTone".into())
    );
}

#[test]
fn create_pages_are_checked_and_build_types_without_a_resource_page() {
    let create = "# Add cogs

## Request body

In the request body, supply a JSON representation of the cog object.

|Property|Type|Description|
|:--|:--|:--|
|teeth|String|Teeth.|
|state|Enumeration|Placeholder.|
";
    let scan = scan_page("x.md", create);
    assert_eq!(scan.kind, PageKind::Create);
    assert_eq!(
        scan.type_name.as_ref().map(|(n, _)| n.as_str()),
        Some("cog")
    );
    let file = "docs/api-reference/beta/api/cogs-add.md";
    let built = build(&[(file, create)]);
    let cog = built
        .model("docs", "beta")
        .unwrap()
        .find_struct("cog")
        .unwrap();
    assert!(cog.property("teeth").is_some());
    assert_eq!(skip_at(&built, file, 10).0, SkipKind::UnknownType);
    assert_eq!(built.pages_built, 1);
}

#[test]
fn versions_and_trees_are_separate_models() {
    assert_eq!(
        tree_and_version("a/api-reference/beta/api/x.md"),
        Some(("a".to_owned(), "beta".to_owned()))
    );
    assert_eq!(
        tree_and_version("api-reference/v1.0/resources/x.md"),
        Some((".".to_owned(), "v1.0".to_owned()))
    );
    assert_eq!(tree_and_version("a/api-reference/beta/x.md"), None);
    assert_eq!(tree_and_version("README.md"), None);
    let built = build(&[
        ("t/api-reference/beta/resources/glowlevel.md", GLOW),
        ("t/api-reference/v1.0/resources/lampshade.md", SHADE),
        ("t/README.md", "not a page"),
    ]);
    assert_eq!(built.pages, 2);
    assert!(
        built
            .model("t", "beta")
            .unwrap()
            .find_enum("glowLevel")
            .is_some()
    );
    assert!(
        built
            .model("t", "v1.0")
            .unwrap()
            .find_enum("glowLevel")
            .is_none()
    );
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "|",
        "# x resource type\n## Properties\n|Property|Type|\n|-|-|\n|`|[](|\n|a|[b](../../../../../x.md)|\n",
        "# Create\n## Request body\n|Property|Type|\n|-|-|\n",
        "# a b type\n## Members\n|Member|Value|\n|-|-|\n|x|99999999999999999999|\n",
        "\u{0}\u{ffff}",
    ] {
        let _ = build(&[(&format!("{RES}/g.md"), text)]);
    }
}

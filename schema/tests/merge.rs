//! One type however many pages state it, operations' parameters as body types, prose in type
//! cells and titles, and the docs folder given at any of its levels: the tree build on pages
//! written here.

use msgraph_schema_core::model::{OperationKind, Primitive, TypeRef};
use msgraph_schema_core::tree::{SkipKind, TreeBuild, build_dir, build_pages};

const API: &str = "docs/api-reference/beta/api";
const RES: &str = "docs/api-reference/beta/resources";

fn build(pages: &[(String, &str)]) -> TreeBuild {
    let pages: Vec<(String, String)> = pages
        .iter()
        .map(|(path, text)| (path.clone(), (*text).to_owned()))
        .collect();
    build_pages(&pages)
}

const ROBOT: &str = "# robot resource type

Namespace: microsoft.graph

Inherits from [entity](entity.md).

## Properties

|Property|Type|Description|
|:--|:--|:--|
|name|String|The name. Read-only.|
|mood|String|How it feels.|
|serial|String (identifier)|The serial number.|
|speed|Int32 (1-100)|How fast.|
";

const ENTITY: &str = "# entity resource type

## Properties

|Property|Type|Description|
|:--|:--|:--|
|id|String|The key.|
";

const MOOD: &str = "# robotMood enum type

## Members

|Member|Value|Description|
|:--|:--|:--|
|calm|0|Calm.|
|busy|1|Busy.|
";

/// A second, partial page of the same type (as Intune's pages of `user` are).
const ROBOT_PARTIAL: &str = "# robot resource type

## Properties

|Property|Type|Description|
|:--|:--|:--|
|mood|[robotMood](robotmood.md)|How it feels.|
|battery|Int32|Charge left.|

## Relationships

|Relationship|Type|Description|
|:--|:--|:--|
|arms|[arm](arm.md) collection|Its arms.|
";

const ARM: &str = "# arm resource type

## Properties

|Property|Type|Description|
|:--|:--|:--|
|length|Double|How long.|
";

const CREATE: &str = "# Create robot

## Request body

|Property|Type|Description|
|:--|:--|:--|
|name|String|The name. Required.|
|nickname|String|What friends call it.|
";

/// An action page: its parameters are the body of `POST /robots/{id}/wave`.
const WAVE: &str = "# robot: wave

## HTTP request

```http
POST /robots/{id}/wave
```

## Request body

|Parameter|Type|Description|
|:--|:--|:--|
|times|Int32|How often. Required.|
|hand|String|Which hand.|
";

/// An action page whose title is prose: the request and the file name say what it is.
const RECHARGE: &str = "# Recharge a robot

## HTTP request

```http
POST /robots/{id}/recharge
```

## Request body

|Parameter|Type|Description|
|:--|:--|:--|
|level|Int32|Target level.|
";

/// A function page titled `# <name> function`: the binding comes from the file name.
const STATUS: &str = "# statusAt function

## HTTP request

```http
GET /robots/{id}/statusAt(when={when})
```

## Function parameters

|Parameter|Type|Description|
|:--|:--|:--|
|when|DateTimeOffset|The moment.|
";

/// A create page that posts to a navigation property of the type.
const ADD_ARM: &str = "# Add an arm to a robot

## HTTP request

```http
POST /robots/{id}/arms
```

## Request body

|Property|Type|Description|
|:--|:--|:--|
|length|Double|How long. Required.|
|grip|Boolean|Whether it grips.|
";

fn robot_tree() -> TreeBuild {
    build(&[
        (format!("{RES}/robot.md"), ROBOT),
        (format!("{RES}/entity.md"), ENTITY),
        (format!("{RES}/robotmood.md"), MOOD),
        (format!("{RES}/intune-shared-robot.md"), ROBOT_PARTIAL),
        (format!("{RES}/arm.md"), ARM),
        (format!("{API}/robot-post-robots.md"), CREATE),
        (format!("{API}/robot-wave.md"), WAVE),
        (format!("{API}/robot-recharge.md"), RECHARGE),
        (format!("{API}/robot-statusat.md"), STATUS),
        (format!("{API}/robot-post-arms.md"), ADD_ARM),
    ])
}

#[test]
fn a_type_stated_on_several_pages_is_the_union_of_its_rows() {
    let tree = robot_tree();
    let model = &tree.models[0].model;
    let robots: Vec<_> = model
        .structs
        .iter()
        .filter(|t| t.name == "microsoft.graph.robot")
        .collect();
    assert_eq!(robots.len(), 1, "one type, however many pages");
    let robot = robots[0];
    let names: Vec<&str> = robot.properties.iter().map(|p| p.name.as_ref()).collect();
    // Inherited first, then the main page's rows, then the other pages' in path order.
    assert_eq!(
        names,
        [
            "id", "name", "mood", "serial", "speed", "battery", "arms", "nickname"
        ]
    );
    // The main page is the one named after the type, whatever the path order.
    assert_eq!(robot.source.file, format!("{RES}/robot.md"));
    // The better-specified row wins: the partial page names the enum where the main page
    // says `String`, and the difference is a conflict naming both places.
    let mood = robot.property("mood").unwrap();
    assert_eq!(mood.ty, TypeRef::Enum("microsoft.graph.robotMood".into()));
    assert_eq!(mood.source.file, format!("{RES}/intune-shared-robot.md"));
    let conflict = tree
        .conflicts
        .iter()
        .find(|c| c.property == "mood")
        .expect("a conflict for mood");
    assert_eq!(conflict.ty, "microsoft.graph.robot");
    assert_eq!(
        (conflict.kept.file.as_str(), conflict.kept.line),
        (format!("{RES}/intune-shared-robot.md").as_str(), 7)
    );
    assert_eq!(
        (
            conflict.other.file.as_str(),
            conflict.other.line,
            conflict.other.ty.as_str()
        ),
        (format!("{RES}/robot.md").as_str(), 12, "Edm.String")
    );
    let text = conflict.to_string();
    assert!(
        text.contains("robot.md:12") && text.contains("kept microsoft.graph.robotMood"),
        "{text}"
    );
    // Rows that agree are no conflict; the create page's `Required` and the resource page's
    // `Read-only` both mark `name`.
    assert_eq!(tree.conflicts.len(), 1, "{:?}", tree.conflicts);
    let name = robot.property("name").unwrap();
    assert!(name.marks.required && name.marks.read_only);
    assert_eq!(name.source.file, format!("{RES}/robot.md"));
    // Prose after the type in parentheses is dropped.
    assert_eq!(
        robot.property("serial").unwrap().ty,
        TypeRef::Primitive(Primitive::String)
    );
    assert_eq!(
        robot.property("speed").unwrap().ty,
        TypeRef::Primitive(Primitive::Int32)
    );
    assert!(robot.property("id").unwrap().key);
}

#[test]
fn operation_pages_become_parameter_types_named_after_binding_and_operation() {
    let tree = robot_tree();
    let model = &tree.models[0].model;
    let wave = model
        .find_struct("microsoft.graph.robot.wave")
        .expect("wave");
    let of = wave.operation.as_ref().unwrap();
    assert_eq!(
        (of.name.as_ref(), of.binding.as_ref(), of.kind),
        (
            "microsoft.graph.wave",
            "microsoft.graph.robot",
            OperationKind::Action
        )
    );
    let times = wave.property("times").unwrap();
    assert!(times.marks.required && times.ty == TypeRef::Primitive(Primitive::Int32));
    assert!(!wave.property("hand").unwrap().marks.required);
    // A prose title: the request's last segment names the operation, the file its binding.
    let recharge = model.find_struct("microsoft.graph.robot.recharge").unwrap();
    assert_eq!(
        recharge.operation.as_ref().unwrap().kind,
        OperationKind::Action
    );
    // `# statusAt function` with `## Function parameters`.
    let status = model.find_struct("microsoft.graph.robot.statusAt").unwrap();
    assert_eq!(
        status.operation.as_ref().unwrap().kind,
        OperationKind::Function
    );
    // A POST to a navigation property creates its type: `arm` gains the page's rows.
    let arm = model.find_struct("microsoft.graph.arm").unwrap();
    assert!(arm.property("grip").is_some());
    assert!(arm.property("length").unwrap().marks.required);
    assert!(model.find_struct("microsoft.graph.robot.arms").is_none());
    assert_eq!(
        tree.pages_built, tree.pages_with_tables,
        "{:?}",
        tree.skipped
    );
}

#[test]
fn an_operation_bound_to_an_unknown_type_is_a_located_skip() {
    let tree = build(&[
        (format!("{RES}/arm.md"), ARM),
        (format!("{API}/robot-wave.md"), WAVE),
    ]);
    let skip = tree
        .skipped
        .iter()
        .find(|s| s.file.ends_with("robot-wave.md"))
        .expect("the wave page is skipped");
    assert_eq!((skip.line, skip.kind), (1, SkipKind::UnresolvedReference));
    assert!(
        skip.reason.contains("`wave`") && skip.reason.contains("`robot`"),
        "{}",
        skip.reason
    );
    assert_eq!(tree.pages_built + 1, tree.pages_with_tables);
}

#[test]
fn a_base_in_prose_is_read_for_its_name_or_skipped() {
    let prose = "# gizmo resource type\n\nInherits from the abstract base type [entity](entity.md).\n\n\
                 ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|Size.|\n";
    let broken = "# widget resource type\n\nInherits from `a (b)`.\n\n\
                  ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|size|Int32|Size.|\n";
    let tree = build(&[
        (format!("{RES}/entity.md"), ENTITY),
        (format!("{RES}/gizmo.md"), prose),
        (format!("{RES}/widget.md"), broken),
    ]);
    let model = &tree.models[0].model;
    let gizmo = model.find_struct("gizmo").unwrap();
    assert_eq!(gizmo.base.as_deref(), Some("microsoft.graph.entity"));
    let widget = model.find_struct("widget").unwrap();
    assert!(widget.base.is_none());
    let skip = tree
        .skipped
        .iter()
        .find(|s| s.file.ends_with("widget.md"))
        .expect("the prose base is a skip");
    assert_eq!((skip.line, skip.kind), (1, SkipKind::MalformedRow));
}

#[test]
fn the_docs_folder_may_be_the_root_api_reference_or_a_version() {
    let root = std::env::temp_dir().join(format!("msgraph-merge-{}", std::process::id()));
    let resources = root.join("api-reference").join("beta").join("resources");
    std::fs::create_dir_all(&resources).unwrap();
    std::fs::write(resources.join("arm.md"), ARM).unwrap();
    let at = |dir: &std::path::Path| {
        let built = build_dir(dir).unwrap();
        let names: Vec<(String, String, usize)> = built
            .models
            .iter()
            .map(|m| (m.tree.clone(), m.version.clone(), m.model.structs.len()))
            .collect();
        names
    };
    let expected = vec![(".".to_owned(), "beta".to_owned(), 1)];
    assert_eq!(at(&root), expected);
    assert_eq!(at(&root.join("api-reference")), expected);
    assert_eq!(at(&root.join("api-reference").join("beta")), expected);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn type_cells_and_names_with_remarks_are_read_for_their_type() {
    let page = "# gadget resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n\
                |a|(Optional) String|A.|\n|b|string, maximum size 20|B.|\n|c|robotMood enum|C.|\n\
                |d|collection(string)|D.|\n|e|int|E.|\n|f (deprecated)|`Edm.boolean `|F.|\n\
                |g|Integer Collection|G.|\n|h|string/number|H.|\n";
    let tree = build(&[
        (format!("{RES}/robotmood.md"), MOOD),
        (format!("{RES}/gadget.md"), page),
    ]);
    let gadget = tree.models[0].model.find_struct("gadget").unwrap();
    let ty = |name: &str| {
        let p = gadget.property(name).unwrap_or_else(|| panic!("{name}"));
        (p.ty.csdl_name().to_owned(), p.collection)
    };
    assert_eq!(ty("a"), ("Edm.String".to_owned(), false));
    assert_eq!(ty("b"), ("Edm.String".to_owned(), false));
    assert_eq!(ty("c"), ("microsoft.graph.robotMood".to_owned(), false));
    assert_eq!(ty("d"), ("Edm.String".to_owned(), true));
    assert_eq!(ty("e"), ("Edm.Int32".to_owned(), false));
    assert_eq!(ty("f"), ("Edm.Boolean".to_owned(), false));
    assert_eq!(ty("g"), ("Edm.Int32".to_owned(), true));
    // A union is no single type: skipped, located at its row.
    assert!(gadget.property("h").is_none());
    let skip = tree
        .skipped
        .iter()
        .find(|s| s.line == 14)
        .expect("h is skipped");
    assert_eq!(skip.kind, SkipKind::MalformedRow);
}

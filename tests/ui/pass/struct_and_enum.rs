//! The supported shape: a struct and a fieldless enum with serde renames, a key, a nullable
//! property and a collection with nullable items; a valid payload passes, an invalid one is
//! reported field by field.

use msgraph_schema::{GraphEnum, GraphModel, Nullable};

/// The colour of a widget.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize, GraphEnum)]
#[graph(name = "microsoft.graph.widgetColor")]
pub enum WidgetColor {
    /// Red.
    #[serde(rename = "red")]
    Red = 0,
    /// Dark green.
    #[serde(rename = "darkGreen")]
    DarkGreen = 3,
    /// Comes after `darkGreen`: 4.
    #[serde(rename = "unknownFutureValue")]
    UnknownFutureValue,
}

/// A widget.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, GraphModel)]
#[graph(name = "microsoft.graph.widget", base = "microsoft.graph.entity")]
pub struct Widget {
    /// The `@odata.type` annotation.
    #[serde(rename = "@odata.type", default, skip_serializing_if = "Option::is_none")]
    pub odata_type: Option<String>,
    /// The key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[graph(key)]
    pub id: Option<String>,
    /// A renamed enum property.
    #[serde(rename = "widgetColor", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<WidgetColor>,
    /// A nullable property.
    #[serde(rename = "displayName", default, skip_serializing_if = "Nullable::is_absent")]
    pub display_name: Nullable<String>,
    /// A collection whose items may be null.
    #[serde(rename = "tagNames", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Option<String>>>,
}

fn main() {
    // The model the derives built.
    let model = <Widget as GraphModel>::model();
    assert_eq!(model.name, "microsoft.graph.widget");
    assert_eq!(model.base.as_deref(), Some("microsoft.graph.entity"));
    assert_eq!(model.description, "A widget.");
    let names: Vec<&str> = model.properties.iter().map(|p| p.name.as_ref()).collect();
    assert_eq!(names, ["id", "widgetColor", "displayName", "tagNames"]);
    let id = &model.properties[0];
    assert!(id.key && !id.nullable && !id.collection);
    let display_name = &model.properties[2];
    assert!(display_name.nullable && !display_name.key && !display_name.collection);
    let tags = &model.properties[3];
    assert!(tags.collection && tags.nullable);

    let colors = <WidgetColor as GraphEnum>::model();
    assert_eq!(colors.name, "microsoft.graph.widgetColor");
    let members: Vec<(&str, i64)> = colors.members.iter().map(|m| (m.name.as_ref(), m.value)).collect();
    assert_eq!(members, [("red", 0), ("darkGreen", 3), ("unknownFutureValue", 4)]);
    assert_eq!(WidgetColor::DarkGreen.as_str(), "darkGreen");

    // A valid payload comes back typed.
    let widget: Widget = msgraph_schema::validate(
        r##"{
            "@odata.type": "#microsoft.graph.widget",
            "id": "w1",
            "widgetColor": "darkGreen",
            "displayName": null,
            "tagNames": ["a", null, "b"]
        }"##,
    )
    .expect("a valid widget");
    assert_eq!(widget.id.as_deref(), Some("w1"));
    assert_eq!(widget.color, Some(WidgetColor::DarkGreen));
    assert_eq!(widget.display_name, Nullable::Null);
    assert_eq!(widget.tags, Some(vec![Some("a".to_owned()), None, Some("b".to_owned())]));

    // An invalid one: every field-level error, with its pointer and kind, and no disagreement
    // between the typed validator and the JSON Schema.
    let report = msgraph_schema::validate::<Widget>(
        r#"{
            "id": 7,
            "widgetColor": "DarkGreen",
            "displayName": "ok",
            "tagNames": null,
            "colour": "red"
        }"#,
    )
    .unwrap_err();
    assert!(report.disagreements.is_empty(), "{:?}", report.disagreements);
    let errors: Vec<(&str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.pointer(), e.kind.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("/id", "type"),
            ("/widgetColor", "enum"),
            ("/tagNames", "type"),
            ("/colour", "unknown_property"),
        ]
    );
}

//! Why the docs and the metadata differ: each [`Difference`] of a cross-check gets a
//! [`Class`] and a short cause, by mechanical rules only (no list of known cases).
//!
//! Rules, first match wins:
//! - `base` left unstated by the page, `unknownFutureValue` missing from an enum page, a value
//!   set documented as an enum for a property the metadata types `Edm.String` (and that enum,
//!   which the metadata lacks, or whose name a metadata `Edm.String` property bears), an enum
//!   the metadata declares in another namespace: [`Class::DocsConvention`].
//! - A name (property, member, type) on one side only: when the other side has it in another
//!   case, [`Class::DocError`]; when later metadata ([`LaterNames`], e.g. the current
//!   `type-mappings`) has the docs-only name, or lacks the metadata-only member, [`Class::Era`];
//!   otherwise [`Class::DocError`].
//! - Any other difference (type, collection, nullability): [`Class::DocError`].

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Difference;
use crate::csdl::Csdl;
use crate::model::{Model, UNKNOWN_FUTURE_VALUE, short_name};

/// The kind of a difference between the docs and the metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// The page is wrong: the metadata of its era says otherwise.
    DocError,
    /// The docs and the metadata are of different dates: later metadata agrees with the docs.
    Era,
    /// The docs never say it (a base type, `unknownFutureValue`, a String's value set as enum).
    DocsConvention,
}

impl Class {
    /// Every class, in report order.
    pub const ALL: [Class; 3] = [Class::DocError, Class::Era, Class::DocsConvention];

    /// `doc-error`, `era`, `docs-convention`.
    pub fn label(self) -> &'static str {
        match self {
            Class::DocError => "doc-error",
            Class::Era => "era",
            Class::DocsConvention => "docs-convention",
        }
    }
}

/// Names that later metadata declares: per qualified type its properties and navigation
/// properties, per qualified enum its members. Read from msgraph-metadata's `type-mappings`
/// files (`{"microsoft.graph": {"x": ["member", …]}}` for enums, `{"microsoft.graph": {"x":
/// {"properties": […], "navigationProperties": […]}}}` for types).
#[derive(Clone, Debug, Default)]
pub struct LaterNames {
    types: HashMap<String, HashSet<String>>,
    enums: HashMap<String, HashSet<String>>,
}

impl LaterNames {
    /// Adds the names of one `type-mappings` JSON file (entity, complex or enum types).
    pub fn add_json(&mut self, json: &str) -> Result<(), serde_json::Error> {
        let root: HashMap<String, HashMap<String, serde_json::Value>> = serde_json::from_str(json)?;
        let strings = |v: Option<&serde_json::Value>| -> Vec<String> {
            v.and_then(|v| v.as_array())
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        };
        for (namespace, names) in root {
            for (name, value) in names {
                let qualified = format!("{namespace}.{name}");
                if value.is_array() {
                    self.enums
                        .entry(qualified)
                        .or_default()
                        .extend(strings(Some(&value)));
                } else {
                    let entry = self.types.entry(qualified).or_default();
                    entry.extend(strings(value.get("properties")));
                    entry.extend(strings(value.get("navigationProperties")));
                }
            }
        }
        Ok(())
    }

    /// Whether any names were read.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.enums.is_empty()
    }
}

/// Sets `class` and `cause` of every difference of a cross-check of `model` with `metadata`.
pub fn classify(
    differences: &mut [Difference],
    model: &Model,
    metadata: &Csdl,
    later: &LaterNames,
) {
    let string_enums: HashSet<String> = differences
        .iter()
        .filter(|d| {
            d.aspect == "type" && d.metadata == "Edm.String" && model.find_enum(&d.docs).is_some()
        })
        .map(|d| d.docs.clone())
        .collect();
    let sides: Vec<(String, String, bool)> = differences
        .iter()
        .filter(|d| d.aspect == "member")
        .map(|d| {
            (
                d.type_name.clone(),
                d.property.clone(),
                d.docs == "a member",
            )
        })
        .collect();
    for d in differences.iter_mut() {
        let (class, cause) = rule(d, metadata, later, &string_enums, &sides);
        d.class = class;
        d.cause = cause;
    }
}

fn rule(
    d: &Difference,
    metadata: &Csdl,
    later: &LaterNames,
    string_enums: &HashSet<String>,
    member_sides: &[(String, String, bool)],
) -> (Class, &'static str) {
    let in_docs_only = d.docs.starts_with("a ") || d.docs.starts_with("an ");
    match d.aspect {
        "base" if d.docs == "unstated" => (Class::DocsConvention, "base type not stated"),
        "member" if d.property == UNKNOWN_FUTURE_VALUE && !in_docs_only => {
            (Class::DocsConvention, "unknownFutureValue not listed")
        }
        "type" if string_enums.contains(&d.docs) => (
            Class::DocsConvention,
            "value set of a String documented as an enum",
        ),
        "declared" if string_enums.contains(&d.type_name) => (
            Class::DocsConvention,
            "value set of a String documented as an enum",
        ),
        "member" => {
            let other_case = member_sides.iter().any(|(ty, name, docs_side)| {
                *ty == d.type_name
                    && *docs_side != in_docs_only
                    && name.eq_ignore_ascii_case(&d.property)
            });
            let later_members = later.enums.get(&d.type_name);
            if other_case {
                (Class::DocError, "name differs in case")
            } else if in_docs_only && later_members.is_some_and(|m| m.contains(&d.property)) {
                (Class::Era, "in later metadata")
            } else if !in_docs_only && later_members.is_some_and(|m| !m.contains(&d.property)) {
                (Class::Era, "removed from later metadata")
            } else if in_docs_only {
                (Class::DocError, "not in the metadata")
            } else {
                (Class::DocError, "missing from the page")
            }
        }
        "property" => {
            let other_case = metadata.find_type(&d.type_name).is_some_and(|ty| {
                metadata
                    .all_properties(ty)
                    .into_iter()
                    .chain(metadata.all_navigation(ty))
                    .any(|p| p.name.eq_ignore_ascii_case(&d.property))
            });
            let in_later = metadata.find_type(&d.type_name).is_some_and(|ty| {
                metadata.base_chain(ty).types.iter().any(|t| {
                    later
                        .types
                        .get(&t.name)
                        .is_some_and(|names| names.contains(&d.property))
                })
            });
            if other_case {
                (Class::DocError, "name differs in case")
            } else if in_later {
                (Class::Era, "in later metadata")
            } else {
                (Class::DocError, "not in the metadata")
            }
        }
        "declared" if string_property_named(metadata, &d.type_name) => (
            Class::DocsConvention,
            "value set of a String documented as an enum",
        ),
        "declared" if enum_elsewhere(metadata, &d.type_name) => (
            Class::DocsConvention,
            "enum of another namespace listed under microsoft.graph",
        ),
        "declared" => {
            if later.types.contains_key(&d.type_name) || later.enums.contains_key(&d.type_name) {
                (Class::Era, "in later metadata")
            } else {
                (Class::DocError, "not in the metadata")
            }
        }
        "parameter" if d.docs == "a parameter" => (Class::DocError, "not in the metadata"),
        "parameter" => (Class::DocError, "name differs in case"),
        "type" => (Class::DocError, "documented with another type"),
        "collection" => (Class::DocError, "documented with another shape"),
        "nullable" => (
            Class::DocError,
            "documented as not nullable, nullable in the metadata",
        ),
        _ => (Class::DocError, "differs from the metadata"),
    }
}

/// Whether some metadata property named like the enum `qualified` (any case) is an `Edm.String`.
fn string_property_named(metadata: &Csdl, qualified: &str) -> bool {
    let name = short_name(qualified);
    metadata.types.iter().any(|t| {
        t.properties
            .iter()
            .any(|p| p.type_name == "Edm.String" && p.name.eq_ignore_ascii_case(name))
    })
}

/// Whether the metadata declares an enum of this short name in another namespace.
fn enum_elsewhere(metadata: &Csdl, qualified: &str) -> bool {
    metadata
        .enums
        .iter()
        .any(|e| e.name != qualified && short_name(&e.name) == short_name(qualified))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crosscheck::cross_check_later;
    use crate::tree::build_pages;

    const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph" Alias="graph">
<EnumType Name="colour"><Member Name="red" Value="0"/><Member Name="Blue" Value="1"/><Member Name="unknownFutureValue" Value="2"/></EnumType>
<EntityType Name="entity"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
<EntityType Name="widget" BaseType="graph.entity"><Property Name="colour" Type="graph.colour"/><Property Name="size" Type="Edm.String"/><Property Name="label" Type="Edm.String"/></EntityType>
</Schema></edmx:DataServices></edmx:Edmx>"#;

    const PAGE: &str = "# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
        |Property|Type|Description|\n|:--|:--|:--|\n|colour|String|A colour.|\n\
        |size|[size](#size-values)|A size.|\n|Label|String|A label.|\n|weight|Int64|Added later.|\n\
        |shade|String|Never.|\n\n## colour values\n\n|Member|\n|:--|\n|red|\n|blue|\n|green|\n\n\
        ## size values\n\n|Member|\n|:--|\n|small|\n";

    #[test]
    fn every_rule_gives_its_class() {
        let build = build_pages(&[("api-reference/beta/resources/widget.md".into(), PAGE.into())]);
        let model = &build.models[0].model;
        let csdl = Csdl::parse(CSDL).unwrap();
        let mut later = LaterNames::default();
        later
            .add_json(r#"{"microsoft.graph": {"widget": {"properties": ["weight"]}, "colour": ["green"]}}"#)
            .unwrap();
        let check = cross_check_later(model, &csdl, &later);
        let class = |property: &str, aspect: &str| {
            check
                .differences
                .iter()
                .find(|d| d.property == property && d.aspect == aspect)
                .map(|d| (d.class, d.cause, d.line))
        };
        use Class::*;
        assert_eq!(class("", "base").map(|c| c.0), Some(DocsConvention));
        assert_eq!(class("colour", "type").map(|c| c.0), Some(DocError));
        assert_eq!(class("size", "type").map(|c| c.0), Some(DocsConvention));
        assert_eq!(
            class("Label", "property").map(|c| c.1),
            Some("name differs in case")
        );
        assert_eq!(class("weight", "property").map(|c| c.0), Some(Era));
        assert_eq!(class("shade", "property").map(|c| c.0), Some(DocError));
        assert_eq!(
            class("blue", "member").map(|c| c.1),
            Some("name differs in case")
        );
        assert_eq!(class("Blue", "member").map(|c| c.0), Some(DocError));
        assert_eq!(class("green", "member").map(|c| c.0), Some(Era));
        assert_eq!(
            class("unknownFutureValue", "member").map(|c| c.0),
            Some(DocsConvention)
        );
        // Each property difference is at its own row (the table starts at line 9).
        assert_eq!(class("colour", "type").map(|c| c.2), Some(9));
        assert_eq!(class("shade", "property").map(|c| c.2), Some(13));
        assert_eq!(check.classes["doc-error"], 5);
        assert_eq!(check.classes["era"], 2);
    }
}

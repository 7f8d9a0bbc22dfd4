//! The model built from the docs compared with Microsoft's metadata (CSDL) of the same era:
//! per type, its base type, property names, Edm types, collections and nullability, and per
//! enum its members. Every difference is listed with the page's `file:line` and classified
//! ([`mod@classify`]).

pub mod classify;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::csdl::{Csdl, CsdlProperty};
use crate::enrich::operation_of;
use crate::model::{Model, Property, Source, StructuredType};
use classify::{Class, LaterNames, classify};

/// The comparison's figures and every difference. Keep the field names: scripts read them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CrossCheck {
    /// Docs types (structured and enum) found in the metadata and compared.
    pub types_compared: usize,
    /// Docs properties of those types compared with a metadata property.
    pub properties_compared: usize,
    /// Of those, the ones that agree in every aspect.
    pub properties_agreeing: usize,
    /// Docs types the metadata does not define (not compared).
    pub types_missing_in_metadata: Vec<String>,
    /// Docs types that state no base type where the metadata has one (create and update pages
    /// never state it, nor do pages whose base has no page); each is also a `base` difference
    /// of class `docs-convention`.
    pub bases_unstated: usize,
    /// Every difference.
    pub differences: Vec<Difference>,
    /// How many differences each class has (`doc-error`, `era`, `docs-convention`).
    pub classes: BTreeMap<&'static str, usize>,
}

/// One difference between the docs and the metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// The qualified type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The property or enum member (`""` for the type itself).
    pub property: String,
    /// What differs: `declared` (a type or operation the metadata lacks), `base`, `property`,
    /// `parameter` (an operation's parameter the metadata lacks, or spells in another case),
    /// `type`, `collection`, `nullable`, `member`.
    pub aspect: &'static str,
    /// What the docs say.
    pub docs: String,
    /// What the metadata says.
    pub metadata: String,
    /// The page.
    pub file: String,
    /// The line on the page.
    pub line: u32,
    /// Why they differ.
    pub class: Class,
    /// The rule that gave the class, e.g. `in later metadata`.
    pub cause: &'static str,
}

/// Compares every type of `model` that `metadata` defines, with no later metadata to tell era
/// differences apart (see [`cross_check_later`]).
pub fn cross_check(model: &Model, metadata: &Csdl) -> CrossCheck {
    cross_check_later(model, metadata, &LaterNames::default())
}

/// Compares every type of `model` that `metadata` defines and classifies each difference,
/// `later` naming what metadata newer than both declares.
///
/// Nullability: a page that says nothing leaves a property nullable (CSDL's default), so only
/// a page that says `Nullable: false` can differ from metadata that says nullable; metadata
/// that says non-nullable where the page is silent is not counted against the docs.
pub fn cross_check_later(model: &Model, metadata: &Csdl, later: &LaterNames) -> CrossCheck {
    let mut out = CrossCheck::default();
    // Operations' parameter types are compared with the metadata's operations, not its types.
    for ty in model.structs.iter().filter(|t| t.operation.is_none()) {
        match metadata
            .find_type(&ty.name)
            .or_else(|| metadata.find_type(&title_spelling(&ty.name)?))
        {
            Some(csdl) => {
                out.types_compared += 1;
                let properties: Vec<&CsdlProperty> = metadata
                    .all_properties(csdl)
                    .into_iter()
                    .chain(metadata.all_navigation(csdl))
                    .collect();
                compare_struct(ty, csdl.base.as_deref(), &properties, &mut out);
            }
            None => {
                out.types_missing_in_metadata.push(ty.name.to_string());
                out.differences.push(difference(
                    &ty.name,
                    "",
                    "declared",
                    "a type",
                    "no such type",
                    &ty.source,
                ));
            }
        }
    }
    for ty in model.structs.iter().filter(|t| t.operation.is_some()) {
        compare_operation(ty, metadata, &mut out);
    }
    for enumeration in &model.enums {
        let Some(csdl) = metadata.find_enum(&enumeration.name) else {
            out.types_missing_in_metadata
                .push(enumeration.name.to_string());
            out.differences.push(difference(
                &enumeration.name,
                "",
                "declared",
                "an enum",
                "no such type",
                &enumeration.source,
            ));
            continue;
        };
        out.types_compared += 1;
        let docs: BTreeSet<&str> = enumeration
            .members
            .iter()
            .map(|m| m.name.as_ref())
            .collect();
        let meta: BTreeSet<&str> = csdl.member_names().collect();
        for (name, in_docs) in docs
            .symmetric_difference(&meta)
            .map(|name| (*name, docs.contains(name)))
        {
            // A docs-only member at its row; a member the page lacks at the enum's section.
            let row = enumeration.members.iter().find(|m| m.name == name);
            let at = Source {
                file: enumeration.source.file.clone(),
                line: row.map_or(enumeration.source.line, |m| m.line),
            };
            out.differences.push(difference(
                &enumeration.name,
                name,
                "member",
                if in_docs {
                    "a member"
                } else {
                    "no such member"
                },
                if in_docs {
                    "no such member"
                } else {
                    "a member"
                },
                &at,
            ));
        }
    }
    classify(&mut out.differences, model, metadata, later);
    for class in Class::ALL {
        let count = out.differences.iter().filter(|d| d.class == class).count();
        out.classes.insert(class.label(), count);
    }
    out
}

fn compare_struct(
    ty: &StructuredType,
    base: Option<&str>,
    properties: &[&CsdlProperty],
    out: &mut CrossCheck,
) {
    if ty.base.is_none() && base.is_some() {
        out.bases_unstated += 1;
        out.differences.push(difference(
            &ty.name,
            "",
            "base",
            "unstated",
            base.unwrap_or_default(),
            &ty.source,
        ));
    } else if ty.base.as_deref() != base {
        out.differences.push(difference(
            &ty.name,
            "",
            "base",
            ty.base.as_deref().unwrap_or("none"),
            base.unwrap_or("none"),
            &ty.source,
        ));
    }
    for property in ty.properties.iter() {
        let Some(csdl) = properties.iter().find(|p| p.name == property.name) else {
            out.differences.push(difference(
                &ty.name,
                &property.name,
                "property",
                "a property",
                "no such property",
                &property.source,
            ));
            continue;
        };
        out.properties_compared += 1;
        let before = out.differences.len();
        compare_property(ty, property, csdl, out);
        if out.differences.len() == before {
            out.properties_agreeing += 1;
        }
    }
}

/// An operation's parameter type against the metadata's operation: each documented parameter
/// by name (a name that differs only in case is an aspect `parameter` of its own), then as a
/// property; the binding parameter is never part of the comparison.
fn compare_operation(ty: &StructuredType, metadata: &Csdl, out: &mut CrossCheck) {
    let Some(of) = &ty.operation else {
        return;
    };
    let Some(operation) = operation_of(metadata, of) else {
        out.types_missing_in_metadata.push(ty.name.to_string());
        out.differences.push(difference(
            &ty.name,
            "",
            "declared",
            "an operation",
            "no such operation",
            &ty.source,
        ));
        return;
    };
    out.types_compared += 1;
    for property in ty.properties.iter() {
        let exact = operation
            .parameters
            .iter()
            .find(|p| p.name == property.name);
        let parameter = exact.or_else(|| {
            operation
                .parameters
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&property.name))
        });
        let Some(parameter) = parameter else {
            out.differences.push(difference(
                &ty.name,
                &property.name,
                "parameter",
                "a parameter",
                "no such parameter",
                &property.source,
            ));
            continue;
        };
        out.properties_compared += 1;
        let before = out.differences.len();
        if exact.is_none() {
            out.differences.push(difference(
                &ty.name,
                &property.name,
                "parameter",
                &property.name,
                &parameter.name,
                &property.source,
            ));
        }
        let as_property = CsdlProperty {
            name: parameter.name.clone(),
            type_name: parameter.type_name.clone(),
            collection: parameter.collection,
            nullable: parameter.nullable,
            line: parameter.line,
        };
        compare_property(ty, property, &as_property, out);
        if out.differences.len() == before {
            out.properties_agreeing += 1;
        }
    }
}

fn compare_property(
    ty: &StructuredType,
    property: &Property,
    csdl: &CsdlProperty,
    out: &mut CrossCheck,
) {
    let mut differ = |aspect, docs: String, metadata: String| {
        out.differences.push(difference(
            &ty.name,
            &property.name,
            aspect,
            &docs,
            &metadata,
            &property.source,
        ));
    };
    let docs_type = property.ty.csdl_name();
    if docs_type != csdl.type_name
        && title_spelling(docs_type).as_deref() != Some(csdl.type_name.as_str())
    {
        differ(
            "type",
            property.ty.csdl_name().into(),
            csdl.type_name.clone(),
        );
    }
    if property.collection != csdl.collection {
        let shape = |collection| {
            if collection {
                "a collection"
            } else {
                "a single value"
            }
        };
        differ(
            "collection",
            shape(property.collection).into(),
            shape(csdl.collection).into(),
        );
    }
    if !property.nullable && csdl.nullable {
        differ("nullable", "Nullable: false".into(), "nullable".into());
    }
}

/// `microsoft.graph.Json` for `microsoft.graph.json`: the name as a title capitalises it. The
/// tree reads titles' names in camelCase (`# DriveItem resource type` is `driveItem`), which
/// is right for all but the few types the metadata itself capitalises; such a name is the
/// parser's spelling, not a difference of the docs.
fn title_spelling(name: &str) -> Option<String> {
    let (namespace, short) = name.rsplit_once('.')?;
    let mut chars = short.chars();
    let first = chars.next().filter(char::is_ascii_lowercase)?;
    Some(format!(
        "{namespace}.{}{}",
        first.to_ascii_uppercase(),
        chars.as_str()
    ))
}

fn difference(
    type_name: &str,
    property: &str,
    aspect: &'static str,
    docs: &str,
    metadata: &str,
    source: &Source,
) -> Difference {
    Difference {
        type_name: type_name.to_owned(),
        property: property.to_owned(),
        aspect,
        docs: docs.to_owned(),
        metadata: metadata.to_owned(),
        file: source.file.to_string(),
        line: source.line,
        class: Class::DocError,
        cause: "",
    }
}

//! What the lint adds to a built model before checking examples against it: the rows the build
//! skipped because their type is declared by a page outside the folder (or by an unnamed
//! `Enumeration` cell), as far as the row itself says.
//!
//! A row with `Possible values are: …` gets an enum of those values (named after its type
//! cell), so a placeholder such as `"String"` is still an `enum` finding; any other such row
//! accepts any value (the lint cannot check what no page of the folder declares), rather than
//! making every example that uses it an `unknown_property`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use msgraph_schema_core::model::{
    EnumMember, EnumType, Model, Primitive, Property, Source, TypeRef, alias_form, short_name,
};
use msgraph_schema_core::page::{PageKind, PageScan, PropertyRow};
use msgraph_schema_core::tree::{Skip, SkipKind};

/// Adds the skipped rows of `scans` (one tree and version) to `model`; how many it added.
pub(super) fn complete(model: &mut Model, scans: &[(&str, PageScan)], skipped: &[Skip]) -> usize {
    let skipped: HashSet<(&str, u32)> = skipped
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SkipKind::UnresolvedReference | SkipKind::UnknownType
            )
        })
        .map(|s| (s.file.as_str(), s.line))
        .collect();
    // The first type each page built, and the names the enums answer to (qualified and alias),
    // found once: rows only add properties and enums.
    let mut by_file: HashMap<String, usize> = HashMap::new();
    for (index, ty) in model.structs.iter().enumerate() {
        by_file.entry(ty.source.file.to_string()).or_insert(index);
    }
    let mut enums: HashSet<String> = HashSet::new();
    for found in &model.enums {
        enums.extend(alias_form(&found.name));
        enums.insert(found.name.to_string());
    }
    let mut added = 0;
    for (path, scan) in scans {
        let rows: Vec<&PropertyRow> = match scan.kind {
            PageKind::Resource => scan.properties.iter().chain(&scan.relationships).collect(),
            PageKind::Create | PageKind::Update => scan.body.iter().collect(),
            _ => continue,
        };
        // Only the page that built the type speaks for it.
        let Some(&index) = by_file.get(*path) else {
            continue;
        };
        for row in rows {
            if !skipped.contains(&(*path, row.line))
                || model.structs[index].property(&row.name).is_some()
            {
                continue;
            }
            let ty = match row.possible_values.as_deref() {
                Some(values) if !values.is_empty() => {
                    let owner = model.structs[index].name.to_string();
                    let name = enum_of(
                        model,
                        &mut enums,
                        &owner,
                        &scan.namespace,
                        path,
                        row,
                        values,
                    );
                    TypeRef::Enum(name.into())
                }
                _ => TypeRef::Primitive(Primitive::Stream),
            };
            let property = Property {
                name: row.name.clone().into(),
                ty,
                collection: row.collection,
                nullable: true,
                key: false,
                description: row.description.clone().into(),
                source: Source {
                    file: path.to_string().into(),
                    line: row.line,
                },
                from_metadata: Default::default(),
                marks: crate::page::marks_of(&row.description),
            };
            model.structs[index].properties.to_mut().push(property);
            added += 1;
        }
    }
    added
}

/// The qualified name of an enum with `values` as members, declared for `row` unless the model
/// has one of that name already (`enums`: the names its enums answer to, kept up to date).
fn enum_of(
    model: &mut Model,
    enums: &mut HashSet<String>,
    owner: &str,
    namespace: &str,
    path: &str,
    row: &PropertyRow,
    values: &[String],
) -> String {
    let short = row.type_text.rsplit('.').next().unwrap_or_default();
    let named = !short.is_empty()
        && !short.eq_ignore_ascii_case("Enumeration")
        && short.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    // An unnamed `Enumeration` cell: an enum of this row alone.
    let short = if named {
        short.to_owned()
    } else {
        format!("{}_{}Values", short_name(owner), row.name)
    };
    let name = format!("{namespace}.{short}");
    if !enums.contains(&name) {
        enums.extend(alias_form(&name));
        enums.insert(name.clone());
        let members = values
            .iter()
            .enumerate()
            .map(|(i, value)| EnumMember {
                name: value.trim_matches('`').to_owned().into(),
                value: i64::try_from(i).unwrap_or(i64::MAX),
                description: Cow::Borrowed(""),
                line: row.line,
            })
            .collect::<Vec<_>>();
        model.enums.push(EnumType {
            name: name.clone().into(),
            description: Cow::Borrowed("From the row's `Possible values are:`."),
            members: members.into(),
            source: Source {
                file: path.to_owned().into(),
                line: row.line,
            },
            is_flags: false,
        });
    }
    name
}

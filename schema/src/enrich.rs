//! Enriches a docs model with what the docs never say, from CSDL metadata of the same era:
//! non-nullable properties (pages rarely say `Nullable: false`), the enum type of properties a
//! page writes as `String` or `Enumeration`, base types and `Abstract`. Each fact taken from the
//! metadata is marked in [`FromMetadata`]; an enum added from the metadata has the CSDL file and
//! line as its [`Source`]. What the page states is never overwritten.

use std::borrow::Cow;

use std::collections::HashSet;

use crate::csdl::{Csdl, CsdlOperation, CsdlProperty};
use crate::model::{
    EnumMember, EnumType, FromMetadata, Marks, Model, OperationOf, Primitive, Property, Source,
    StructuredType, TypeRef, names_match,
};

/// How many facts came from the metadata, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Enriched {
    /// Properties made non-nullable.
    pub nullable: usize,
    /// Properties given their enum type.
    pub types: usize,
    /// Types given their base type.
    pub bases: usize,
    /// Types marked abstract.
    pub abstracts: usize,
    /// Enums added from the metadata (those the docs of the tree do not declare).
    pub enums_added: usize,
    /// Enums of the docs marked as flags enums (`IsFlags="true"`), which pages never say.
    pub flags: usize,
    /// Operation parameters the pages leave out, added from the metadata's `<Parameter>`s.
    pub parameters_added: usize,
    /// Entity and complex types only the metadata declares (`crate::complete`).
    pub types_added: usize,
    /// Properties of documented types that only the metadata declares.
    pub properties_added: usize,
    /// Bound operations only the metadata declares, as their parameters' types.
    pub operations_added: usize,
}

impl Enriched {
    /// Every fact taken from the metadata.
    pub fn facts(&self) -> usize {
        self.nullable
            + self.types
            + self.bases
            + self.abstracts
            + self.enums_added
            + self.flags
            + self.parameters_added
            + self.types_added
            + self.properties_added
            + self.operations_added
    }

    /// Adds `other`'s counts.
    pub fn add(&mut self, other: Enriched) {
        self.nullable += other.nullable;
        self.types += other.types;
        self.bases += other.bases;
        self.abstracts += other.abstracts;
        self.enums_added += other.enums_added;
        self.flags += other.flags;
        self.parameters_added += other.parameters_added;
        self.types_added += other.types_added;
        self.properties_added += other.properties_added;
        self.operations_added += other.operations_added;
    }
}

/// Enriches every type of `model` that `metadata` (read from `file`) defines.
pub fn enrich(model: &mut Model, metadata: &Csdl, file: &str) -> Enriched {
    let mut count = Enriched::default();
    let Model { structs, enums, .. } = model;
    for ty in enums.iter_mut() {
        if !ty.is_flags && metadata.find_enum(&ty.name).is_some_and(|e| e.is_flags) {
            ty.is_flags = true;
            count.flags += 1;
        }
    }
    let known: HashSet<String> = structs.iter().map(|t| t.name.to_string()).collect();
    for ty in structs.iter_mut() {
        match ty.operation.clone() {
            Some(of) => enrich_operation(ty, &of, &known, enums, metadata, file, &mut count),
            None => enrich_type(ty, enums, metadata, file, &mut count),
        }
    }
    count
}

/// The metadata's operation that `of` names: bound to its binding type (or a base of it),
/// single first, then a collection.
pub fn operation_of<'m>(metadata: &'m Csdl, of: &OperationOf) -> Option<&'m CsdlOperation> {
    metadata
        .bound_operation(&of.binding, &of.name, false)
        .or_else(|| metadata.bound_operation(&of.binding, &of.name, true))
}

/// An operation's parameters from its `<Parameter>`s (CSDL §12.8): the type and nullability
/// the page leaves unsaid, and the parameters it leaves out; the binding parameter is never
/// part of the body. A parameter keeps the page's spelling where the metadata's differs only
/// in case (the crosscheck reports it).
fn enrich_operation(
    ty: &mut StructuredType,
    of: &OperationOf,
    known: &HashSet<String>,
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    file: &str,
    count: &mut Enriched,
) {
    let Some(operation) = operation_of(metadata, of) else {
        return;
    };
    let properties = ty.properties.to_mut();
    for parameter in &operation.parameters {
        let at = properties
            .iter()
            .position(|p| p.name == parameter.name)
            .or_else(|| {
                properties
                    .iter()
                    .position(|p| p.name.eq_ignore_ascii_case(&parameter.name))
            });
        let stated = at.map(|at| &mut properties[at]);
        if let Some(property) = stated {
            if property.nullable && !parameter.nullable {
                property.nullable = false;
                property.from_metadata.nullable = true;
                count.nullable += 1;
            }
            if property.ty == TypeRef::Primitive(Primitive::String)
                && let Some(name) = enum_of(enums, metadata, &parameter.type_name, file, count)
            {
                property.ty = TypeRef::Enum(name.into());
                property.from_metadata.ty = true;
                count.types += 1;
            }
            continue;
        }
        let ty_ref = if let Some(primitive) = Primitive::from_name(&parameter.type_name)
            .filter(|_| parameter.type_name.starts_with("Edm."))
        {
            TypeRef::Primitive(primitive)
        } else if let Some(name) = enum_of(enums, metadata, &parameter.type_name, file, count) {
            TypeRef::Enum(name.into())
        } else if known.contains(&parameter.type_name) {
            TypeRef::Struct(parameter.type_name.clone().into())
        } else {
            // A type the model lacks: the parameter stays out rather than dangle.
            continue;
        };
        properties.push(Property {
            name: parameter.name.clone().into(),
            ty: ty_ref,
            collection: parameter.collection,
            nullable: parameter.nullable,
            key: false,
            description: Cow::Borrowed(""),
            source: Source {
                file: file.to_owned().into(),
                line: parameter.line,
            },
            from_metadata: FromMetadata {
                ty: true,
                nullable: true,
                ..FromMetadata::NONE
            },
            marks: Marks::NONE,
        });
        count.parameters_added += 1;
    }
}

fn enrich_type(
    ty: &mut StructuredType,
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    file: &str,
    count: &mut Enriched,
) {
    let Some(csdl) = metadata.find_type(&ty.name) else {
        return;
    };
    if ty.base.is_none()
        && let Some(base) = &csdl.base
    {
        ty.base = Some(base.clone().into());
        ty.from_metadata.base = true;
        count.bases += 1;
    }
    if csdl.is_abstract && !ty.is_abstract {
        ty.is_abstract = true;
        ty.from_metadata.is_abstract = true;
        count.abstracts += 1;
    }
    let declared: Vec<&CsdlProperty> = metadata
        .all_properties(csdl)
        .into_iter()
        .chain(metadata.all_navigation(csdl))
        .collect();
    for property in ty.properties.to_mut() {
        let Some(csdl) = declared.iter().find(|p| p.name == property.name) else {
            continue;
        };
        if property.nullable && !csdl.nullable {
            property.nullable = false;
            property.from_metadata.nullable = true;
            count.nullable += 1;
        }
        if property.ty == TypeRef::Primitive(Primitive::String)
            && let Some(name) = enum_of(enums, metadata, &csdl.type_name, file, count)
        {
            property.ty = TypeRef::Enum(name.into());
            property.from_metadata.ty = true;
            count.types += 1;
        }
    }
}

/// The qualified name of the enum `type_name` names in the metadata, added to `enums` from the
/// metadata when the docs do not declare it; `None` when it is no enum.
pub fn enum_of(
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    type_name: &str,
    file: &str,
    count: &mut Enriched,
) -> Option<String> {
    let csdl = metadata.find_enum(type_name)?;
    if !enums.iter().any(|e| names_match(&e.name, &csdl.name)) {
        enums.push(EnumType {
            name: csdl.name.clone().into(),
            description: Cow::Borrowed(""),
            members: csdl
                .members
                .iter()
                .map(|(name, value)| EnumMember {
                    name: name.clone().into(),
                    value: *value,
                    description: Cow::Borrowed(""),
                    line: csdl.line,
                })
                .collect::<Vec<_>>()
                .into(),
            source: Source {
                file: file.to_owned().into(),
                line: csdl.line,
            },
            is_flags: csdl.is_flags,
        });
        count.enums_added += 1;
    }
    Some(csdl.name.clone())
}

#[cfg(test)]
mod tests {
    use crate::csdl::Csdl;
    use crate::model::{Primitive, TypeRef};
    use crate::tree::{Metadata, build_pages, build_pages_with};

    const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph" Alias="graph">
<EnumType Name="mood"><Member Name="calm" Value="0"/><Member Name="busy" Value="1"/></EnumType>
<EnumType Name="phase"><Member Name="new" Value="0"/><Member Name="done" Value="1"/></EnumType>
<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
<EntityType Name="task" BaseType="graph.entity"><Property Name="mood" Type="graph.mood"/><Property Name="phase" Type="graph.phase" Nullable="false"/><Property Name="title" Type="Edm.String" Nullable="false"/><Property Name="note" Type="Edm.String"/></EntityType>
<EntityType Name="entity2" BaseType="graph.entity" Abstract="true"/>
</Schema></edmx:DataServices></edmx:Edmx>"#;

    const PAGE: &str = "# task resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
        |Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n|mood|String|Mood.|\n\
        |phase|Enumeration|Phase.|\n|title|String|Title.|\n|note|String|Note. Nullable: false.|\n";

    const ABSTRACT: &str = "# entity2 resource type\n\nInherits from [entity](entity.md).\n\n\
        ## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|Key.|\n";

    fn pages() -> Vec<(String, String)> {
        vec![
            ("api-reference/beta/resources/task.md".into(), PAGE.into()),
            (
                "api-reference/beta/resources/entity2.md".into(),
                ABSTRACT.into(),
            ),
        ]
    }

    #[test]
    fn facts_the_pages_never_state_come_from_the_metadata_and_say_so() {
        let plain = build_pages(&pages());
        let csdl = Csdl::parse(CSDL).unwrap();
        let metadata = Metadata {
            csdl: &csdl,
            file: "meta.csdl",
        };
        let built = build_pages_with(&pages(), Some(metadata));
        let (before, after) = (&plain.models[0].model, &built.models[0].model);
        let task = after.find_struct("task").unwrap();
        // Without metadata: `mood` a String, `phase` skipped, no base.
        let plain_task = before.find_struct("task").unwrap();
        assert_eq!(
            plain_task.property("mood").unwrap().ty,
            TypeRef::Primitive(Primitive::String)
        );
        assert!(plain_task.property("phase").is_none());
        assert!(plain_task.base.is_none());
        // With it: each fact from the metadata, marked.
        let mood = task.property("mood").unwrap();
        assert_eq!(mood.ty, TypeRef::Enum("microsoft.graph.mood".into()));
        assert!(mood.from_metadata.ty && !mood.from_metadata.nullable);
        let phase = task.property("phase").unwrap();
        assert_eq!(phase.ty, TypeRef::Enum("microsoft.graph.phase".into()));
        assert!(!phase.nullable && phase.from_metadata.ty && phase.from_metadata.nullable);
        let title = task.property("title").unwrap();
        assert!(!title.nullable && title.from_metadata.nullable && !title.from_metadata.ty);
        // What the page states stays the page's: `note` is not nullable on the page only.
        let note = task.property("note").unwrap();
        assert!(!note.nullable && note.from_metadata.count() == 0);
        assert_eq!(task.base.as_deref(), Some("microsoft.graph.entity"));
        assert!(task.from_metadata.base && !task.is_abstract);
        // The page states entity2's base; the metadata adds that it is abstract.
        let entity2 = after.find_struct("entity2").unwrap();
        assert!(
            entity2.is_abstract && entity2.from_metadata.is_abstract && !entity2.from_metadata.base
        );
        // Enums the docs lack come from the metadata, located there.
        let mood_enum = after.find_enum("mood").unwrap();
        assert_eq!(mood_enum.source.file, "meta.csdl");
        assert!(mood_enum.has_member("busy"));
        // Non-nullable: both `id`s, `phase` and `title`.
        let e = built.enriched;
        assert_eq!(
            (e.types, e.nullable, e.bases, e.abstracts, e.enums_added),
            (2, 4, 1, 1, 2)
        );
        // `entity`, which no page declares, comes whole from the metadata, marked so.
        let entity = after.find_struct("microsoft.graph.entity").unwrap();
        assert!(entity.from_metadata.declared && entity.is_abstract);
        assert!(
            entity
                .property("id")
                .is_some_and(|id| id.key && id.from_metadata.declared)
        );
        assert!(before.find_struct("microsoft.graph.entity").is_none());
        assert_eq!(
            (e.types_added, e.properties_added, e.operations_added),
            (1, 0, 0)
        );
        assert_eq!(e.facts(), 11);
        assert!(
            plain.skipped.iter().any(|s| s.line == 11)
                && !built.skipped.iter().any(|s| s.line == 11)
        );
    }
}

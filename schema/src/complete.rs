//! Completes a docs model from the metadata of the same era: the entity and complex types, the
//! properties and the bound operations that only the metadata declares, and the entity
//! container (the resources a request URL starts with). Each addition is marked
//! [`FromMetadata::declared`] and located at its CSDL line. What the pages declare is never
//! replaced: a type, property or operation the model already has is left as it is (the facts
//! the pages leave unsaid are `crate::enrich`'s).

use std::borrow::Cow;
use std::collections::HashSet;

use crate::csdl::{Csdl, CsdlOperation, CsdlType};
use crate::enrich::{Enriched, enum_of, operation_of};
use crate::model::{
    Container, EnumType, FromMetadata, Marks, Model, OperationKind, OperationOf, Primitive,
    Property, Returns, RootResource, Source, StructuredType, TypeRef, short_name,
};

/// Adds to `model` what only `metadata` (read from `file`) declares; counts the additions in
/// `count`.
pub fn complete(model: &mut Model, metadata: &Csdl, file: &str, count: &mut Enriched) {
    let mut known: HashSet<String> = model.structs.iter().map(|t| t.name.to_string()).collect();
    // Every structured type of the metadata is a name a property may use, added or not.
    let declared: HashSet<&str> = metadata.types.iter().map(|t| t.name.as_str()).collect();
    let source = |line: u32| Source {
        file: file.to_owned().into(),
        line,
    };
    let Model {
        structs,
        enums,
        container,
    } = model;
    // Properties of the documented types that their pages leave out.
    for ty in structs.iter_mut().filter(|t| t.operation.is_none()) {
        let Some(csdl) = metadata.find_type(&ty.name) else {
            continue;
        };
        let have: HashSet<String> = ty.properties.iter().map(|p| p.name.to_string()).collect();
        let added = properties_of(enums, metadata, &declared, csdl, &have, file, count);
        count.properties_added += added.len();
        ty.properties.to_mut().extend(added);
    }
    // What the pages' operations return: the pages state it in prose only.
    for ty in structs.iter_mut() {
        let Some(of) = ty.operation.as_mut().filter(|of| of.returns.is_none()) else {
            continue;
        };
        if let Some(operation) = operation_of(metadata, of) {
            of.returns = returns_of(enums, metadata, &declared, operation, file, count);
        }
    }
    // Types only the metadata declares, with their inherited properties.
    for csdl in &metadata.types {
        if !known.insert(csdl.name.clone()) {
            continue;
        }
        let properties = properties_of(
            enums,
            metadata,
            &declared,
            csdl,
            &HashSet::new(),
            file,
            count,
        );
        structs.push(StructuredType {
            name: csdl.name.clone().into(),
            base: csdl.base.clone().map(Into::into),
            description: Cow::Borrowed(""),
            properties: properties.into(),
            source: source(csdl.line),
            is_abstract: csdl.is_abstract,
            from_metadata: FromMetadata {
                base: csdl.base.is_some(),
                is_abstract: csdl.is_abstract,
                declared: true,
                ..FromMetadata::NONE
            },
            operation: None,
        });
        count.types_added += 1;
    }
    // Bound operations the pages do not document: `<binding>.<name>`, as the pages' are named.
    // An overload bound to the type itself comes before one bound to a collection of it, as
    // `enrich::operation_of` finds them.
    let mut bound: Vec<_> = metadata
        .operations
        .iter()
        .filter_map(|op| Some((op, op.binding.as_ref()?)))
        .collect();
    bound.sort_by_key(|(_, binding)| binding.collection);
    for (operation, binding) in bound {
        let name = format!("{}.{}", binding.type_name, short_name(&operation.name));
        if !declared.contains(binding.type_name.as_str()) || !known.insert(name.clone()) {
            continue;
        }
        let ty = operation_type(name, operation, enums, metadata, &declared, file, count);
        structs.push(ty);
        count.operations_added += 1;
    }
    if let Some(csdl) = &metadata.container {
        let root = |name: &str, ty: &str| RootResource {
            name: name.to_owned().into(),
            ty: ty.to_owned().into(),
        };
        *container = Container {
            entity_sets: csdl
                .entity_sets
                .iter()
                .map(|set| root(&set.name, &set.entity_type))
                .collect(),
            singletons: csdl
                .singletons
                .iter()
                .map(|one| root(&one.name, &one.type_name))
                .collect(),
        };
    }
}

/// The structural and navigation properties of `ty` (inherited ones first) but those named in
/// `have`, as the model's properties, each marked declared by the metadata; the key's marked
/// the key.
fn properties_of(
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    declared: &HashSet<&str>,
    ty: &CsdlType,
    have: &HashSet<String>,
    file: &str,
    count: &mut Enriched,
) -> Vec<Property> {
    let key: HashSet<&str> = metadata.key_of(ty).iter().map(String::as_str).collect();
    let members = metadata
        .all_properties(ty)
        .into_iter()
        .chain(metadata.all_navigation(ty));
    members
        .filter(|p| !have.contains(&p.name))
        .filter_map(|p| {
            let source = Source {
                file: file.to_owned().into(),
                line: p.line,
            };
            let ty = type_ref(enums, metadata, declared, &p.type_name, file, count)?;
            let mut property = declared_property(&p.name, ty, p.collection, p.nullable, source);
            property.key = key.contains(p.name.as_str());
            Some(property)
        })
        .collect()
}

/// The parameters of a bound operation as a structured type, the binding parameter left out.
fn operation_type(
    name: String,
    operation: &CsdlOperation,
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    declared: &HashSet<&str>,
    file: &str,
    count: &mut Enriched,
) -> StructuredType {
    let source = |line: u32| Source {
        file: file.to_owned().into(),
        line,
    };
    let binding = operation
        .binding
        .as_ref()
        .map_or("", |b| b.type_name.as_str());
    let properties: Vec<Property> = operation
        .parameters
        .iter()
        .filter_map(|p| {
            let ty = type_ref(enums, metadata, declared, &p.type_name, file, count)?;
            Some(declared_property(
                &p.name,
                ty,
                p.collection,
                p.nullable,
                source(p.line),
            ))
        })
        .collect();
    StructuredType {
        name: name.into(),
        base: None,
        description: Cow::Borrowed(""),
        properties: properties.into(),
        source: source(operation.line),
        is_abstract: false,
        from_metadata: FromMetadata {
            declared: true,
            ..FromMetadata::NONE
        },
        operation: Some(OperationOf {
            name: operation.name.clone().into(),
            binding: binding.to_owned().into(),
            kind: match operation.kind {
                crate::csdl::OperationKind::Action => OperationKind::Action,
                crate::csdl::OperationKind::Function => OperationKind::Function,
            },
            returns: returns_of(enums, metadata, declared, operation, file, count),
        }),
    }
}

/// What `operation` returns (its `ReturnType`, CSDL §12.8) as the model's type; `None` when it
/// returns nothing or the model has no type for it (as [`type_ref`]).
fn returns_of(
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    declared: &HashSet<&str>,
    operation: &CsdlOperation,
    file: &str,
    count: &mut Enriched,
) -> Option<Returns> {
    let returned = operation.return_type.as_ref()?;
    let ty = type_ref(enums, metadata, declared, &returned.type_name, file, count)?;
    Some(Returns {
        ty,
        collection: returned.collection,
        composable: operation.is_composable,
    })
}

/// The model's type for a CSDL type name: an Edm primitive, an enum (added from the metadata
/// when the model lacks it) or a structured type the metadata declares; `None` for what the
/// model has no type for (`Edm.Untyped`, spatial types), which is left out rather than dangle.
fn type_ref(
    enums: &mut Vec<EnumType>,
    metadata: &Csdl,
    declared: &HashSet<&str>,
    type_name: &str,
    file: &str,
    count: &mut Enriched,
) -> Option<TypeRef> {
    if let Some(edm) = type_name.strip_prefix("Edm.") {
        return Primitive::from_name(edm).map(TypeRef::Primitive);
    }
    if let Some(name) = enum_of(enums, metadata, type_name, file, count) {
        return Some(TypeRef::Enum(name.into()));
    }
    declared
        .contains(type_name)
        .then(|| TypeRef::Struct(type_name.to_owned().into()))
}

fn declared_property(
    name: &str,
    ty: TypeRef,
    collection: bool,
    nullable: bool,
    source: Source,
) -> Property {
    Property {
        name: name.to_owned().into(),
        ty,
        collection,
        nullable,
        key: false,
        description: Cow::Borrowed(""),
        source,
        from_metadata: FromMetadata {
            ty: true,
            nullable: true,
            declared: true,
            ..FromMetadata::NONE
        },
        marks: Marks::NONE,
    }
}

#[cfg(test)]
mod tests {
    use crate::csdl::Csdl;
    use crate::model::{OperationKind, Primitive, Returns, TypeRef};
    use crate::tree::{Metadata, build_pages_with};

    const CSDL: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
<edmx:DataServices><Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="microsoft.graph" Alias="graph">
<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.String" Nullable="false"/></EntityType>
<EntityType Name="shelf" BaseType="graph.entity"><Property Name="label" Type="Edm.String"/><Property Name="shape" Type="Edm.GeographyPoint"/><NavigationProperty Name="books" Type="Collection(graph.book)" ContainsTarget="true"/></EntityType>
<EntityType Name="book" BaseType="graph.entity"><Property Name="title" Type="Edm.String" Nullable="false"/></EntityType>
<Action Name="tidy" IsBound="true"><Parameter Name="bindingParameter" Type="graph.shelf"/><Parameter Name="Force" Type="Edm.Boolean" Nullable="false"/></Action>
<Function Name="count" IsBound="true"><Parameter Name="bindingParameter" Type="graph.shelf"/><ReturnType Type="Edm.Int32"/></Function>
<EntityContainer Name="GraphService"><EntitySet Name="shelves" EntityType="graph.shelf"/><Singleton Name="myShelf" Type="graph.shelf"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#;

    const PAGE: &str = "# shelf resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
        |Property|Type|Description|\n|:--|:--|:--|\n|label|String|The label.|\n";

    #[test]
    fn what_only_the_metadata_declares_is_added_and_marked() {
        let csdl = Csdl::parse(CSDL).unwrap();
        let pages = vec![("api-reference/beta/resources/shelf.md".into(), PAGE.into())];
        let metadata = Metadata {
            csdl: &csdl,
            file: "meta.csdl",
        };
        let built = build_pages_with(&pages, Some(metadata));
        let model = &built.models[0].model;
        // The page's type keeps its row and gains what only the metadata declares, except a
        // property of a type the model has none for (`Edm.GeographyPoint`).
        let shelf = model.find_struct("microsoft.graph.shelf").unwrap();
        assert!(!shelf.from_metadata.declared);
        assert!(!shelf.property("label").unwrap().from_metadata.declared);
        let books = shelf.property("books").unwrap();
        assert!(books.from_metadata.declared && books.collection);
        assert_eq!(books.ty, TypeRef::Struct("microsoft.graph.book".into()));
        assert_eq!(books.source.file, "meta.csdl");
        assert!(shelf.property("shape").is_none());
        // The key its page leaves to the base type's page, which this tree lacks.
        assert!(
            shelf
                .property("id")
                .is_some_and(|id| id.key && id.from_metadata.declared)
        );
        // Types and operations no page declares, whole.
        let book = model.find_struct("microsoft.graph.book").unwrap();
        assert!(book.from_metadata.declared);
        assert!(book.property("id").unwrap().key);
        assert!(!book.property("title").unwrap().nullable);
        let tidy = model.find_struct("microsoft.graph.shelf.tidy").unwrap();
        let of = tidy.operation.as_ref().unwrap();
        assert_eq!(
            (of.binding.as_ref(), of.kind),
            ("microsoft.graph.shelf", OperationKind::Action)
        );
        assert_eq!(
            tidy.properties.len(),
            1,
            "the binding parameter is not in the body"
        );
        // What each returns: nothing, and an `Edm.Int32` (a function not composable).
        assert_eq!(of.returns, None);
        let count = model.find_struct("microsoft.graph.shelf.count").unwrap();
        assert_eq!(
            count.operation.as_ref().unwrap().returns,
            Some(Returns {
                ty: TypeRef::Primitive(Primitive::Int32),
                collection: false,
                composable: false,
            })
        );
        // The container: where request URLs start.
        let sets = &model.container.entity_sets;
        assert_eq!(
            (sets[0].name.as_ref(), sets[0].ty.as_ref()),
            ("shelves", "microsoft.graph.shelf")
        );
        assert_eq!(model.container.singletons[0].name, "myShelf");
        let e = built.enriched;
        assert_eq!(
            (e.types_added, e.properties_added, e.operations_added),
            (2, 2, 2)
        );
    }
}

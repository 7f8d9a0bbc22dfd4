//! A reader of CSDL XML (`$metadata`): the types, operations and entity container of a
//! document, as a self-contained summary with the line of every element.
//!
//! It reads what the OData CSDL XML Representation (version 4.0/4.01) puts under
//! `edmx:Edmx/edmx:DataServices/Schema`: `EntityType`, `ComplexType` and `EnumType` with their
//! `Property`, `NavigationProperty`, `Key` and `Member` children; `Action` and `Function` with
//! their `Parameter` and `ReturnType` children, the first parameter of a bound operation kept
//! apart as its binding parameter; and the `EntityContainer` with its `EntitySet` and
//! `Singleton` (and their `NavigationPropertyBinding`), `ActionImport` and `FunctionImport`
//! children. Every type name is resolved to its namespace-qualified form: an alias declared by
//! a `Schema` or an `edmx:Include` (`graph.x`) is replaced by its namespace
//! (`microsoft.graph.x`). Anything else (terms, type definitions, annotations, facets such as
//! `MaxLength`, a container's `Extends`) is skipped.
//!
//! The look-ups by name ([`Csdl::find_type`], [`Csdl::operations_named`],
//! [`Csdl::bound_operation`], [`Csdl::entity_set`], …) are hash look-ups in an index built
//! once, on the first of them.
//!
//! A document that is not well-formed XML, or that breaks a rule of CSDL this summary depends on
//! (a type without a `Name`, `Nullable="yes"`, an enum member value out of range, a bound action
//! without parameters, …), is a [`CsdlError`] with its line and column. Parsing never panics,
//! and its work is linear in the length of the text: DTDs (and so entity expansion) are
//! refused.
//!
//! ```
//! use msgraph_schema_core::csdl::{Csdl, CsdlKind};
//!
//! let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="example.ns" Alias="ex" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <EnumType Name="shade"><Member Name="light"/><Member Name="dark"/></EnumType>
//!       <EntityType Name="base" Abstract="true">
//!         <Key><PropertyRef Name="id"/></Key>
//!         <Property Name="id" Type="Edm.String" Nullable="false"/>
//!       </EntityType>
//!       <EntityType Name="lamp" BaseType="ex.base">
//!         <Property Name="shades" Type="Collection(ex.shade)"/>
//!       </EntityType>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#;
//! let csdl = Csdl::parse(xml)?;
//! let lamp = csdl.find_type("example.ns.lamp").unwrap();
//! assert_eq!(lamp.kind, CsdlKind::Entity);
//! assert_eq!(lamp.base.as_deref(), Some("example.ns.base"));
//! assert_eq!(lamp.line, 9);
//! let shades = lamp.property("shades").unwrap();
//! assert_eq!(shades.type_name, "example.ns.shade");
//! assert!(shades.collection && shades.nullable);
//! let names: Vec<&str> = csdl.all_properties(lamp).iter().map(|p| p.name.as_str()).collect();
//! assert_eq!(names, ["id", "shades"]);
//! assert_eq!(csdl.key_of(lamp), ["id"]);
//! assert_eq!(csdl.find_enum("shade").unwrap().members[1], ("dark".to_string(), 1));
//! # Ok::<(), msgraph_schema_core::csdl::CsdlError>(())
//! ```
//!
//! Resolving `POST /users/{id}/sendMail`: the entity set names the type, and an operation bound
//! to a base type serves the types derived from it.
//!
//! ```
//! use msgraph_schema_core::csdl::{Csdl, OperationKind};
//!
//! let xml = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
//!   <edmx:DataServices>
//!     <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
//!       <EntityType Name="entity"><Key><PropertyRef Name="id"/></Key>
//!         <Property Name="id" Type="Edm.String" Nullable="false"/>
//!       </EntityType>
//!       <EntityType Name="user" BaseType="graph.entity"/>
//!       <Action Name="sendMail" IsBound="true">
//!         <Parameter Name="bindingParameter" Type="graph.user"/>
//!         <Parameter Name="Message" Type="graph.message" Nullable="false"/>
//!         <Parameter Name="SaveToSentItems" Type="Edm.Boolean"/>
//!       </Action>
//!       <Action Name="restore" IsBound="true">
//!         <Parameter Name="bindingParameter" Type="graph.entity" Nullable="false"/>
//!         <ReturnType Type="graph.entity"/>
//!       </Action>
//!       <EntityContainer Name="GraphService">
//!         <EntitySet Name="users" EntityType="graph.user"/>
//!       </EntityContainer>
//!     </Schema>
//!   </edmx:DataServices>
//! </edmx:Edmx>"#;
//! let csdl = Csdl::parse(xml)?;
//! let users = csdl.entity_set("users").unwrap();
//! assert_eq!(users.entity_type, "microsoft.graph.user");
//! let send = csdl.bound_operation(&users.entity_type, "sendMail", false).unwrap();
//! assert_eq!((send.name.as_str(), send.kind), ("microsoft.graph.sendMail", OperationKind::Action));
//! let body: Vec<&str> = send.parameters.iter().map(|p| p.name.as_str()).collect();
//! assert_eq!(body, ["Message", "SaveToSentItems"]);
//! assert!(!send.parameter("Message").unwrap().nullable);
//! assert!(send.return_type.is_none());
//! // Bound to the base type `entity`; not bound to a collection of users.
//! let restore = csdl.bound_operation("user", "graph.restore", false).unwrap();
//! assert_eq!(restore.binding.as_ref().unwrap().type_name, "microsoft.graph.entity");
//! assert!(csdl.bound_operation("user", "sendMail", true).is_none());
//! # Ok::<(), msgraph_schema_core::csdl::CsdlError>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use roxmltree::{Document, Node, ParsingOptions};
use serde::{Deserialize, Serialize};

use crate::model::{GRAPH_ALIAS, GRAPH_NAMESPACE, short_name};

/// The XML namespace of the `edmx:` wrapper elements (CSDL XML §3).
pub const EDMX_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edmx";

/// The XML namespace of the schema elements (`Schema`, `EntityType`, …; CSDL XML §5).
pub const EDM_NAMESPACE: &str = "http://docs.oasis-open.org/odata/ns/edm";

/// The types, operations and entity container of a CSDL document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Csdl {
    /// Entity and complex types, in document order.
    pub types: Vec<CsdlType>,
    /// Enum types, in document order.
    pub enums: Vec<CsdlEnum>,
    /// Actions and functions of every schema, in document order, overloads included.
    #[serde(default)]
    pub operations: Vec<CsdlOperation>,
    /// The `EntityContainer`, if the document declares one.
    #[serde(default)]
    pub container: Option<CsdlContainer>,
    /// The name index of the look-ups, built on first use.
    #[serde(skip)]
    index: LookupIndex,
}

/// Whether a structured type is an entity type or a complex type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsdlKind {
    /// `EntityType`: has a key (declared or inherited) unless abstract.
    Entity,
    /// `ComplexType`: a structured value without identity.
    Complex,
}

/// An `EntityType` or `ComplexType`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlType {
    /// Namespace-qualified name, e.g. `microsoft.graph.deviceHealthScriptDeviceState`.
    pub name: String,
    /// Entity or complex.
    pub kind: CsdlKind,
    /// Namespace-qualified name of the base type (`BaseType`), if any.
    pub base: Option<String>,
    /// `Abstract="true"`.
    pub is_abstract: bool,
    /// `OpenType="true"`: instances may carry undeclared (dynamic) properties.
    pub open_type: bool,
    /// Declared structural properties (`Property`), in document order; see
    /// [`Csdl::all_properties`] for the inherited ones.
    pub properties: Vec<CsdlProperty>,
    /// Declared navigation properties (`NavigationProperty`), in document order.
    pub navigation: Vec<CsdlProperty>,
    /// The `Name` of each `Key/PropertyRef`, as written; empty when the key is inherited (see
    /// [`Csdl::key_of`]) or for a complex type.
    pub key: Vec<String>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

impl CsdlType {
    /// The declared structural property with this name (names are case-sensitive).
    pub fn property(&self, name: &str) -> Option<&CsdlProperty> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The declared navigation property with this name.
    pub fn navigation_property(&self, name: &str) -> Option<&CsdlProperty> {
        self.navigation.iter().find(|p| p.name == name)
    }
}

/// A `Property` or `NavigationProperty`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlProperty {
    /// The property name (case-sensitive).
    pub name: String,
    /// Namespace-qualified type of the value, or of each item of a collection: `Edm.Int32`,
    /// `microsoft.graph.runState`.
    pub type_name: String,
    /// The type was written `Collection(…)`.
    pub collection: bool,
    /// Whether `null` is allowed: the `Nullable` attribute, `true` when absent (CSDL XML §7.2.1);
    /// for a collection it speaks of the items. A collection-valued navigation property may not
    /// carry `Nullable` (CSDL XML §8.1): without it, `false`, as an entity collection never holds
    /// `null`.
    pub nullable: bool,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

impl CsdlProperty {
    /// The type as CSDL writes it: `Collection(Edm.String)`, `microsoft.graph.runState`.
    pub fn csdl_type(&self) -> String {
        written_type(&self.type_name, self.collection)
    }
}

/// `Collection(T)` or `T`.
fn written_type(type_name: &str, collection: bool) -> String {
    if collection {
        format!("Collection({type_name})")
    } else {
        type_name.to_owned()
    }
}

/// An `EnumType`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlEnum {
    /// Namespace-qualified name, e.g. `microsoft.graph.runState`.
    pub name: String,
    /// `IsFlags="true"`: a value may combine several members.
    pub is_flags: bool,
    /// `UnderlyingType`, `Edm.Int32` when absent (CSDL XML §10.1.2).
    pub underlying_type: String,
    /// Members in document order with their values; a member without `Value` gets its position
    /// (0, 1, 2, …), as CSDL XML §10.2.2 assigns for a non-flags enum.
    pub members: Vec<(String, i64)>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

impl CsdlEnum {
    /// The value of the member with this name (case-sensitive).
    pub fn value_of(&self, member: &str) -> Option<i64> {
        self.members
            .iter()
            .find(|(name, _)| name == member)
            .map(|&(_, value)| value)
    }

    /// The member names, in document order.
    pub fn member_names(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(name, _)| name.as_str())
    }
}

/// Whether an operation is an action or a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// `Action`: may have side effects; invoked with `POST`, parameters in the body.
    Action,
    /// `Function`: no side effects; invoked with `GET`, parameters in the URL.
    Function,
}

/// An `Action` or `Function` (CSDL XML §12). Overloads are separate operations of the same
/// name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlOperation {
    /// Namespace-qualified name, e.g. `microsoft.graph.sendMail`.
    pub name: String,
    /// Action or function.
    pub kind: OperationKind,
    /// The binding parameter (the first `Parameter`) of a bound operation (`IsBound="true"`);
    /// `None` for an unbound one.
    pub binding: Option<CsdlParameter>,
    /// The other parameters, in document order: what a request body (action) or the URL
    /// (function) carries.
    pub parameters: Vec<CsdlParameter>,
    /// The `ReturnType`, if any.
    pub return_type: Option<CsdlReturnType>,
    /// `IsComposable="true"` on a function; always `false` for an action.
    pub is_composable: bool,
    /// `EntitySetPath`, as written: where returned entities live, from the binding parameter.
    pub entity_set_path: Option<String>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

impl CsdlOperation {
    /// Whether the operation is bound (`IsBound="true"`).
    pub fn is_bound(&self) -> bool {
        self.binding.is_some()
    }

    /// The non-binding parameter with this name (case-sensitive).
    pub fn parameter(&self, name: &str) -> Option<&CsdlParameter> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

/// A `Parameter` of an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlParameter {
    /// The parameter name, as written (case-sensitive: `Message`, `SaveToSentItems`).
    pub name: String,
    /// Namespace-qualified type of the value, or of each item of a collection.
    pub type_name: String,
    /// The type was written `Collection(…)`.
    pub collection: bool,
    /// Whether `null` is allowed: `Nullable`, `true` when absent; for a collection, of the items.
    pub nullable: bool,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

impl CsdlParameter {
    /// The type as CSDL writes it: `Collection(Edm.String)`, `microsoft.graph.message`.
    pub fn csdl_type(&self) -> String {
        written_type(&self.type_name, self.collection)
    }
}

/// The `ReturnType` of an operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlReturnType {
    /// Namespace-qualified type of the value, or of each item of a collection.
    pub type_name: String,
    /// The type was written `Collection(…)`.
    pub collection: bool,
    /// Whether `null` may be returned: `Nullable`, `true` when absent; for a collection, of the
    /// items.
    pub nullable: bool,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

impl CsdlReturnType {
    /// The type as CSDL writes it.
    pub fn csdl_type(&self) -> String {
        written_type(&self.type_name, self.collection)
    }
}

/// The `EntityContainer` (CSDL XML §13): the resources at the service root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlContainer {
    /// Namespace-qualified name, e.g. `microsoft.graph.GraphService`.
    pub name: String,
    /// `EntitySet` children, in document order.
    pub entity_sets: Vec<CsdlEntitySet>,
    /// `Singleton` children, in document order.
    pub singletons: Vec<CsdlSingleton>,
    /// `ActionImport` and `FunctionImport` children, in document order.
    pub imports: Vec<CsdlImport>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

/// An `EntitySet`: a collection of entities at the service root (`/users`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlEntitySet {
    /// The name, i.e. the URL segment (case-sensitive).
    pub name: String,
    /// Namespace-qualified entity type of the members.
    pub entity_type: String,
    /// `NavigationPropertyBinding` children, in document order.
    pub bindings: Vec<CsdlNavigationBinding>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

/// A `Singleton`: one entity at the service root (`/me`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlSingleton {
    /// The name, i.e. the URL segment (case-sensitive).
    pub name: String,
    /// Namespace-qualified entity type.
    pub type_name: String,
    /// `NavigationPropertyBinding` children, in document order.
    pub bindings: Vec<CsdlNavigationBinding>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

/// A `NavigationPropertyBinding`: the entity set that a navigation property's targets live in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlNavigationBinding {
    /// `Path`, as written: the navigation property, possibly behind type casts and
    /// complex properties (`microsoft.graph.group/owners`).
    pub path: String,
    /// `Target`, as written: an entity set or singleton of the container, or a path to one.
    pub target: String,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

/// An `ActionImport` or `FunctionImport`: an unbound operation exposed at the service root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsdlImport {
    /// The name, i.e. the URL segment (case-sensitive).
    pub name: String,
    /// Whether it imports an action (`ActionImport`) or a function (`FunctionImport`).
    pub kind: OperationKind,
    /// Namespace-qualified name of the operation (`Action` or `Function` attribute).
    pub operation: String,
    /// `EntitySet`, as written: where returned entities live.
    pub entity_set: Option<String>,
    /// 1-based line of the element's start tag.
    pub line: u32,
}

/// A document that could not be read: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsdlError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong, without the position.
    pub message: String,
}

impl fmt::Display for CsdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for CsdlError {}

/// Why a base-type chain stops early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InheritanceProblem {
    /// `ty` names a `BaseType` that the document does not declare.
    MissingBase {
        /// The type that names the base.
        ty: String,
        /// The base it names.
        base: String,
        /// Line of `ty`'s element.
        line: u32,
    },
    /// The base types loop back: each type in `types` derives from the next, the last from the
    /// first.
    Cycle {
        /// The types of the loop, starting with the first met.
        types: Vec<String>,
    },
}

impl fmt::Display for InheritanceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InheritanceProblem::MissingBase { ty, base, line } => {
                write!(
                    f,
                    "line {line}: {ty} derives from {base}, which is not declared"
                )
            }
            InheritanceProblem::Cycle { types } => {
                write!(f, "base types loop: {}", types.join(" -> "))?;
                if let Some(first) = types.first() {
                    write!(f, " -> {first}")?;
                }
                Ok(())
            }
        }
    }
}

/// A type with its bases, as far as they could be followed.
#[derive(Clone, Debug)]
pub struct BaseChain<'a> {
    /// The root base first, the type itself last.
    pub types: Vec<&'a CsdlType>,
    /// Why the chain stops before a type without a base, if it does.
    pub problem: Option<InheritanceProblem>,
}

impl Csdl {
    /// Reads a CSDL XML document.
    pub fn parse(xml: &str) -> Result<Csdl, CsdlError> {
        let options = ParsingOptions {
            allow_dtd: false,
            ..ParsingOptions::default()
        };
        let lines = LineIndex::new(xml);
        let doc = Document::parse_with_options(xml, options).map_err(|e| xml_error(xml, &e))?;
        Reader {
            text: xml,
            lines: &lines,
            aliases: HashMap::new(),
        }
        .read(&doc)
    }

    /// Reads a CSDL XML document from bytes, which must be UTF-8 (a leading byte-order mark is
    /// allowed); a byte sequence that is not is an error at its position.
    pub fn parse_bytes(bytes: &[u8]) -> Result<Csdl, CsdlError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Csdl::parse(text),
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let (line, column) = LineIndex::new(valid).position(valid, valid.len());
                Err(CsdlError {
                    line,
                    column,
                    message: "the document is not valid UTF-8".to_owned(),
                })
            }
        }
    }

    /// The entity or complex type with this name: qualified (`microsoft.graph.x`), in the
    /// `graph.x` alias form, or short (`x`; a type of `microsoft.graph` first, else the first in
    /// document order). A hash look-up (see [`Csdl::reindex`]).
    pub fn find_type(&self, qualified_or_short: &str) -> Option<&CsdlType> {
        let id = self.index().types.get(qualified_or_short)?;
        self.types.get(id)
    }

    /// The enum type with this name, looked up like [`Csdl::find_type`].
    pub fn find_enum(&self, qualified_or_short: &str) -> Option<&CsdlEnum> {
        let id = self.index().enums.get(qualified_or_short)?;
        self.enums.get(id)
    }

    /// Every overload of the operation with this name, in document order. The name is
    /// qualified (`microsoft.graph.sendMail`), in the alias form (`graph.sendMail`) or short
    /// (`sendMail`), chosen as [`Csdl::find_type`] chooses a type.
    pub fn operations_named<'a>(
        &'a self,
        qualified_or_short: &str,
    ) -> impl Iterator<Item = &'a CsdlOperation> + use<'a> {
        let index = self.index();
        let positions = index
            .operations
            .get(qualified_or_short)
            .and_then(|first| self.operations.get(first))
            .and_then(|first| index.overloads.get(first.name.as_str()))
            .cloned()
            .unwrap_or_default();
        positions
            .into_iter()
            .filter_map(|position| self.operations.get(position))
    }

    /// The operation `name` bound to `binding_type`, or else to its nearest base that has one
    /// (an operation bound to a type applies to the types derived from it, OData Protocol
    /// §11.5). `collection` asks for an operation bound to `Collection(binding_type)`; without
    /// it, one bound to a single `binding_type`. Names are taken as [`Csdl::find_type`] takes
    /// them; of overloads bound to the same type (functions overloaded by parameters), the first
    /// in document order: see [`Csdl::bound_operations`] for all of them.
    ///
    /// A `binding_type` that is not an entity or complex type of the document has no bases: an
    /// enum type is named as [`Csdl::find_enum`] takes it, anything else (`Edm.String`) as
    /// written.
    pub fn bound_operation(
        &self,
        binding_type: &str,
        name: &str,
        collection: bool,
    ) -> Option<&CsdlOperation> {
        self.bound_operations(binding_type, name, collection)
            .into_iter()
            .next()
    }

    /// Every overload of `name` bound to the nearest of `binding_type` and its bases that has
    /// one, in document order (see [`Csdl::bound_operation`]); empty when none is.
    pub fn bound_operations(
        &self,
        binding_type: &str,
        name: &str,
        collection: bool,
    ) -> Vec<&CsdlOperation> {
        let index = self.index();
        let bound = &index.bound[usize::from(collection)];
        let short = short_name(name);
        let bound_to = |type_name: &str| -> Vec<&CsdlOperation> {
            step(1);
            let Some(candidates) = bound.get(type_name).and_then(|by_name| by_name.get(short))
            else {
                return Vec::new();
            };
            let chosen = candidates
                .iter()
                .filter_map(|&position| self.operations.get(position))
                .filter_map(|operation| Some((name_rank(&operation.name, name)?, operation)))
                .min_by_key(|&(rank, _)| rank);
            let Some((_, chosen)) = chosen else {
                return Vec::new();
            };
            candidates
                .iter()
                .filter_map(|&position| self.operations.get(position))
                .filter(|operation| operation.name == chosen.name)
                .collect()
        };
        let Some(mut at) = index.types.get(binding_type) else {
            let enumeration = index.enums.get(binding_type);
            let qualified = enumeration.and_then(|e| self.enums.get(e));
            return bound_to(qualified.map_or(binding_type, |e| e.name.as_str()));
        };
        // A chain without a loop visits each type once.
        for _ in 0..self.types.len() {
            let Some(ty) = self.types.get(at) else { break };
            let found = bound_to(&ty.name);
            if !found.is_empty() {
                return found;
            }
            match ty.base.as_deref().and_then(|base| index.types.exact(base)) {
                Some(base) => at = base,
                None => break,
            }
        }
        Vec::new()
    }

    /// The entity set with this name (case-sensitive), from the entity container.
    pub fn entity_set(&self, name: &str) -> Option<&CsdlEntitySet> {
        let position = *self.index().entity_sets.get(name)?;
        self.container.as_ref()?.entity_sets.get(position)
    }

    /// The singleton with this name (case-sensitive), from the entity container.
    pub fn singleton(&self, name: &str) -> Option<&CsdlSingleton> {
        let position = *self.index().singletons.get(name)?;
        self.container.as_ref()?.singletons.get(position)
    }

    /// The action or function import with this name (case-sensitive), from the entity
    /// container.
    pub fn operation_import(&self, name: &str) -> Option<&CsdlImport> {
        let position = *self.index().imports.get(name)?;
        self.container.as_ref()?.imports.get(position)
    }

    /// Drops the name index of the look-ups, so that the next one builds it again from the
    /// fields. Needed only after renaming types, operations or container children in place
    /// once a look-up has run: a change in their numbers is noticed without it (though each
    /// look-up then builds a fresh index until this is called).
    pub fn reindex(&mut self) {
        self.index = LookupIndex::default();
    }

    /// `ty` and its bases, root first, as far as they can be followed: the chain stops at a base
    /// the document does not declare or at a loop, and says so in [`BaseChain::problem`].
    pub fn base_chain<'a>(&'a self, ty: &'a CsdlType) -> BaseChain<'a> {
        let index = self.index();
        let mut chain = vec![ty];
        let mut seen = HashSet::from([ty.name.as_str()]);
        let mut problem = None;
        let mut current = ty;
        while let Some(base) = current.base.as_deref() {
            step(1);
            let Some(next) = index.types.exact(base).and_then(|id| self.types.get(id)) else {
                problem = Some(InheritanceProblem::MissingBase {
                    ty: current.name.clone(),
                    base: base.to_owned(),
                    line: current.line,
                });
                break;
            };
            if !seen.insert(next.name.as_str()) {
                let start = chain.iter().position(|t| t.name == next.name).unwrap_or(0);
                problem = Some(InheritanceProblem::Cycle {
                    types: chain[start..].iter().map(|t| t.name.clone()).collect(),
                });
                break;
            }
            chain.push(next);
            current = next;
        }
        chain.reverse();
        BaseChain {
            types: chain,
            problem,
        }
    }

    /// The structural properties of `ty` and of its bases, the root base's first. A missing
    /// base or a loop ends the walk (see [`Csdl::base_chain`] for the report).
    pub fn all_properties<'a>(&'a self, ty: &'a CsdlType) -> Vec<&'a CsdlProperty> {
        self.base_chain(ty)
            .types
            .into_iter()
            .flat_map(|t| &t.properties)
            .collect()
    }

    /// The navigation properties of `ty` and of its bases, the root base's first.
    pub fn all_navigation<'a>(&'a self, ty: &'a CsdlType) -> Vec<&'a CsdlProperty> {
        self.base_chain(ty)
            .types
            .into_iter()
            .flat_map(|t| &t.navigation)
            .collect()
    }

    /// The key of `ty`: its own, else the nearest base's (CSDL §6.5: a key is declared once and
    /// inherited). Empty for a complex type or a keyless abstract entity type.
    pub fn key_of<'a>(&'a self, ty: &'a CsdlType) -> &'a [String] {
        self.base_chain(ty)
            .types
            .into_iter()
            .rev()
            .find(|t| !t.key.is_empty())
            .map_or(&[], |t| &t.key)
    }

    /// Every missing base and every loop of base types in the document, each once, in document
    /// order; empty when every chain ends at a type without a base.
    pub fn inheritance_problems(&self) -> Vec<InheritanceProblem> {
        let index = self.index();
        let position = |name: &str| index.types.exact(name);
        let mut problems = Vec::new();
        // 0: not visited, 1: on the path being walked, 2: done.
        let mut state = vec![0u8; self.types.len()];
        for start in 0..self.types.len() {
            let mut path = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    0 => {
                        state[i] = 1;
                        path.push(i);
                        at = self.types[i].base.as_deref().and_then(position);
                    }
                    1 => {
                        let from = path.iter().position(|&p| p == i).unwrap_or(0);
                        problems.push(InheritanceProblem::Cycle {
                            types: path[from..]
                                .iter()
                                .map(|&p| self.types[p].name.clone())
                                .collect(),
                        });
                        at = None;
                    }
                    _ => at = None,
                }
            }
            for i in path {
                state[i] = 2;
            }
        }
        for ty in &self.types {
            if let Some(base) = ty.base.as_deref().filter(|b| position(b).is_none()) {
                problems.push(InheritanceProblem::MissingBase {
                    ty: ty.name.clone(),
                    base: base.to_owned(),
                    line: ty.line,
                });
            }
        }
        problems.sort_by_key(|p| match p {
            InheritanceProblem::MissingBase { ty, .. } => position(ty),
            InheritanceProblem::Cycle { types } => types.iter().filter_map(|t| position(t)).min(),
        });
        problems
    }

    /// The name index, built on first use; a fresh one when the fields have grown or shrunk
    /// since.
    fn index(&self) -> IndexRef<'_> {
        let cached = self.index.0.get_or_init(|| Index::new(self));
        if cached.sizes == Index::sizes(self) {
            IndexRef::Cached(cached)
        } else {
            IndexRef::Fresh(Box::new(Index::new(self)))
        }
    }
}

/// The name index of a [`Csdl`], built on first look-up. It is no part of the value: every two
/// compare equal, a clone starts without one, and serde skips it.
#[derive(Default)]
struct LookupIndex(OnceLock<Index>);

impl Clone for LookupIndex {
    fn clone(&self) -> LookupIndex {
        LookupIndex::default()
    }
}

impl PartialEq for LookupIndex {
    fn eq(&self, _: &LookupIndex) -> bool {
        true
    }
}

impl Eq for LookupIndex {}

impl fmt::Debug for LookupIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LookupIndex")
            .field("built", &self.0.get().is_some())
            .finish()
    }
}

/// The cached index, or one built for a single look-up.
enum IndexRef<'a> {
    Cached(&'a Index),
    Fresh(Box<Index>),
}

impl Deref for IndexRef<'_> {
    type Target = Index;

    fn deref(&self) -> &Index {
        match self {
            IndexRef::Cached(index) => index,
            IndexRef::Fresh(index) => index,
        }
    }
}

/// Operation positions by binding type (qualified, as written in the binding parameter), then
/// by short operation name, in document order.
type BoundMap = HashMap<Box<str>, HashMap<Box<str>, Vec<usize>>>;

/// Hash maps over the names of a [`Csdl`], holding positions in its vectors.
struct Index {
    /// The lengths of the vectors indexed, to notice a change.
    sizes: Vec<usize>,
    types: Names,
    enums: Names,
    /// Operation names, each at its first overload.
    operations: Names,
    /// Qualified operation name → every overload.
    overloads: HashMap<Box<str>, Vec<usize>>,
    /// Bound operations: `[0]` bound to a single value, `[1]` to a collection.
    bound: [BoundMap; 2],
    entity_sets: HashMap<Box<str>, usize>,
    singletons: HashMap<Box<str>, usize>,
    imports: HashMap<Box<str>, usize>,
}

impl Index {
    fn new(csdl: &Csdl) -> Index {
        let mut index = Index {
            sizes: Index::sizes(csdl),
            types: Names::new(csdl.types.iter().map(|t| t.name.as_str())),
            enums: Names::new(csdl.enums.iter().map(|e| e.name.as_str())),
            operations: Names::new(csdl.operations.iter().map(|o| o.name.as_str())),
            overloads: HashMap::new(),
            bound: [HashMap::new(), HashMap::new()],
            entity_sets: HashMap::new(),
            singletons: HashMap::new(),
            imports: HashMap::new(),
        };
        for (position, operation) in csdl.operations.iter().enumerate() {
            step(1);
            index
                .overloads
                .entry(operation.name.as_str().into())
                .or_default()
                .push(position);
            if let Some(binding) = &operation.binding {
                index.bound[usize::from(binding.collection)]
                    .entry(binding.type_name.as_str().into())
                    .or_default()
                    .entry(short_name(&operation.name).into())
                    .or_default()
                    .push(position);
            }
        }
        if let Some(container) = &csdl.container {
            fn first<'a>(map: &mut HashMap<Box<str>, usize>, names: impl Iterator<Item = &'a str>) {
                for (position, name) in names.enumerate() {
                    step(1);
                    map.entry(name.into()).or_insert(position);
                }
            }
            first(
                &mut index.entity_sets,
                container.entity_sets.iter().map(|s| s.name.as_str()),
            );
            first(
                &mut index.singletons,
                container.singletons.iter().map(|s| s.name.as_str()),
            );
            first(
                &mut index.imports,
                container.imports.iter().map(|i| i.name.as_str()),
            );
        }
        index
    }

    fn sizes(csdl: &Csdl) -> Vec<usize> {
        let container = csdl.container.as_ref().map_or([0; 4], |c| {
            [1, c.entity_sets.len(), c.singletons.len(), c.imports.len()]
        });
        let mut sizes = vec![csdl.types.len(), csdl.enums.len(), csdl.operations.len()];
        sizes.extend(container);
        sizes
    }
}

/// The first position of each name, by the three rules of [`Csdl::find_type`].
#[derive(Default)]
struct Names {
    /// Qualified name → first position.
    exact: HashMap<Box<str>, usize>,
    /// Short name of a name directly in `microsoft.graph` → first position.
    graph: HashMap<Box<str>, usize>,
    /// Short name → first position.
    short: HashMap<Box<str>, usize>,
}

impl Names {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> Names {
        let mut index = Names::default();
        for (position, name) in names.enumerate() {
            step(1);
            index.exact.entry(name.into()).or_insert(position);
            if let Some(short) = graph_short(name) {
                index.graph.entry(short.into()).or_insert(position);
            }
            index
                .short
                .entry(short_name(name).into())
                .or_insert(position);
        }
        index
    }

    /// The first position whose name is exactly `name`.
    fn exact(&self, name: &str) -> Option<usize> {
        step(1);
        self.exact.get(name).copied()
    }

    /// The position `query` names: the exact name first; then a name of `microsoft.graph` by
    /// its alias (`graph.x`) or short form; then a short name in any namespace.
    fn get(&self, query: &str) -> Option<usize> {
        if let Some(found) = self.exact(query) {
            return Some(found);
        }
        step(1);
        if query.contains('.') {
            let short = query
                .strip_prefix(GRAPH_ALIAS)
                .and_then(|rest| rest.strip_prefix('.'))
                .filter(|short| !short.contains('.'))?;
            return self.graph.get(short).copied();
        }
        step(1);
        self.graph
            .get(query)
            .or_else(|| self.short.get(query))
            .copied()
    }
}

/// How well the qualified `name` answers `query`, by the rules of [`Names::get`]: 0 exactly,
/// 1 as a name of `microsoft.graph` by alias or short form, 2 by short name; `None` if not.
fn name_rank(name: &str, query: &str) -> Option<u8> {
    if name == query {
        return Some(0);
    }
    let short = short_name(name);
    let graph = graph_short(name).is_some();
    if query.contains('.') {
        let alias = query
            .strip_prefix(GRAPH_ALIAS)
            .and_then(|rest| rest.strip_prefix('.'));
        (graph && alias == Some(short)).then_some(1)
    } else if short == query {
        Some(if graph { 1 } else { 2 })
    } else {
        None
    }
}

/// `x` for `microsoft.graph.x` (a name directly in the Graph namespace), else `None`.
fn graph_short(name: &str) -> Option<&str> {
    name.strip_prefix(GRAPH_NAMESPACE)
        .and_then(|rest| rest.strip_prefix('.'))
        .filter(|short| !short.contains('.'))
}

// Counts work done by the look-ups, for the unit tests' guards against quadratic work.
#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Records `n` steps of look-up work (a no-op outside the unit tests).
#[inline]
fn step(n: usize) {
    #[cfg(test)]
    STEPS.with(|steps| steps.set(steps.get() + n));
    #[cfg(not(test))]
    let _ = n;
}

/// Byte offsets of line starts, for turning element positions into line numbers in O(log n).
struct LineIndex {
    /// Offset of the first byte after each `\n`.
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line of a byte offset; lines are counted by `\n`, as roxmltree counts them.
    fn line(&self, offset: usize) -> u32 {
        let line = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    /// 1-based line and column (in characters) of a byte offset into `text`.
    fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts[(line as usize).saturating_sub(1).min(self.starts.len() - 1)];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, u32::try_from(column).unwrap_or(u32::MAX))
    }
}

fn xml_error(text: &str, error: &roxmltree::Error) -> CsdlError {
    use roxmltree::Error as E;
    let pos = error.pos();
    let located = format!(" at {pos}");
    let message = error.to_string().replacen(&located, "", 1);
    let (line, column) = match error {
        // roxmltree places these at 1:1; the end of the text is where the document stopped.
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            LineIndex::new(text).position(text, text.len())
        }
        _ => (pos.row, pos.col),
    };
    CsdlError {
        line,
        column,
        message,
    }
}

struct Reader<'t> {
    text: &'t str,
    lines: &'t LineIndex,
    /// Alias → namespace, from every `Schema` and `edmx:Include` of the document.
    aliases: HashMap<String, String>,
}

impl Reader<'_> {
    fn read(mut self, doc: &Document<'_>) -> Result<Csdl, CsdlError> {
        let root = doc.root_element();
        if !is(root, EDMX_NAMESPACE, "Edmx") {
            return Err(self.error_at(
                root.range().start,
                format!(
                    "expected the root element edmx:Edmx (namespace {EDMX_NAMESPACE}), found {}",
                    describe(root)
                ),
            ));
        }
        let mut data_services = None;
        for child in root.children().filter(Node::is_element) {
            if is(child, EDMX_NAMESPACE, "DataServices") {
                if data_services.is_some() {
                    return Err(self.error_at(
                        child.range().start,
                        "a second edmx:DataServices element (CSDL XML §3.2 allows one)",
                    ));
                }
                data_services = Some(child);
            } else if is(child, EDMX_NAMESPACE, "Reference") {
                for include in child
                    .children()
                    .filter(|n| is(*n, EDMX_NAMESPACE, "Include"))
                {
                    let namespace = self.required(include, "Namespace")?;
                    if let Some(alias) = include.attribute("Alias") {
                        self.add_alias(include, alias, namespace)?;
                    }
                }
            }
        }
        let Some(data_services) = data_services else {
            return Err(self.error_at(
                root.range().start,
                "edmx:Edmx has no edmx:DataServices element (CSDL XML §3.2)",
            ));
        };
        let schemas: Vec<Node> = data_services
            .children()
            .filter(|n| is(*n, EDM_NAMESPACE, "Schema"))
            .collect();
        let mut namespaces = Vec::with_capacity(schemas.len());
        for schema in &schemas {
            let namespace = self.required(*schema, "Namespace")?;
            if let Some(alias) = schema.attribute("Alias") {
                self.add_alias(*schema, alias, namespace)?;
            }
            namespaces.push(namespace);
        }
        let mut csdl = Csdl::default();
        let mut declared: HashMap<String, u32> = HashMap::new();
        for (schema, namespace) in schemas.iter().zip(namespaces) {
            for element in schema.children().filter(Node::is_element) {
                if element.tag_name().namespace() != Some(EDM_NAMESPACE) {
                    continue;
                }
                let kind = match element.tag_name().name() {
                    "EntityType" => Some(CsdlKind::Entity),
                    "ComplexType" => Some(CsdlKind::Complex),
                    "EnumType" => None,
                    "Action" => {
                        let action = self.operation(element, namespace, OperationKind::Action)?;
                        csdl.operations.push(action);
                        continue;
                    }
                    "Function" => {
                        let function =
                            self.operation(element, namespace, OperationKind::Function)?;
                        csdl.operations.push(function);
                        continue;
                    }
                    "EntityContainer" => {
                        if let Some(first) = &csdl.container {
                            return Err(self.error_at(
                                element.range().start,
                                format!(
                                    "a second EntityContainer (the first is {} on line {}; a document has one, CSDL XML §13)",
                                    first.name, first.line
                                ),
                            ));
                        }
                        csdl.container = Some(self.container(element, namespace)?);
                        continue;
                    }
                    _ => continue,
                };
                let name = format!("{namespace}.{}", self.required(element, "Name")?);
                let line = self.line(element);
                if let Some(first) = declared.insert(name.clone(), line) {
                    return Err(self.error_at(
                        element.range().start,
                        format!("{name} is declared twice (first on line {first})"),
                    ));
                }
                match kind {
                    Some(kind) => csdl.types.push(self.structured(element, name, kind)?),
                    None => csdl.enums.push(self.enumeration(element, name)?),
                }
            }
        }
        Ok(csdl)
    }

    fn structured(
        &self,
        element: Node<'_, '_>,
        name: String,
        kind: CsdlKind,
    ) -> Result<CsdlType, CsdlError> {
        let base = match element.attribute_node("BaseType") {
            Some(attr) => Some(self.qualify(element, "BaseType", attr.value())?),
            None => None,
        };
        let mut ty = CsdlType {
            name,
            kind,
            base,
            is_abstract: self.boolean(element, "Abstract", false)?,
            open_type: self.boolean(element, "OpenType", false)?,
            properties: Vec::new(),
            navigation: Vec::new(),
            key: Vec::new(),
            line: self.line(element),
        };
        let mut names: HashSet<&str> = HashSet::new();
        for child in element.children().filter(Node::is_element) {
            if child.tag_name().namespace() != Some(EDM_NAMESPACE) {
                continue;
            }
            let navigation = match child.tag_name().name() {
                "Property" => false,
                "NavigationProperty" => true,
                "Key" => {
                    for reference in child
                        .children()
                        .filter(|n| is(*n, EDM_NAMESPACE, "PropertyRef"))
                    {
                        ty.key.push(self.required(reference, "Name")?.to_owned());
                    }
                    continue;
                }
                _ => continue,
            };
            let property = self.property(child, navigation)?;
            if !names.insert(child.attribute("Name").unwrap_or_default()) {
                return Err(self.error_at(
                    child.range().start,
                    format!("{} declares the property {} twice", ty.name, property.name),
                ));
            }
            if navigation {
                ty.navigation.push(property);
            } else {
                ty.properties.push(property);
            }
        }
        Ok(ty)
    }

    fn property(&self, element: Node<'_, '_>, navigation: bool) -> Result<CsdlProperty, CsdlError> {
        let name = self.required(element, "Name")?.to_owned();
        let (type_name, collection) = self.type_of(element)?;
        let nullable = self.boolean(element, "Nullable", !(navigation && collection))?;
        Ok(CsdlProperty {
            name,
            type_name,
            collection,
            nullable,
            line: self.line(element),
        })
    }

    /// The `Type` attribute: the namespace-qualified type and whether it was `Collection(…)`.
    fn type_of(&self, element: Node<'_, '_>) -> Result<(String, bool), CsdlError> {
        let written = self.required(element, "Type")?;
        let (collection, inner) = match written.strip_prefix("Collection(") {
            Some(rest) => match rest.strip_suffix(')') {
                Some(inner) => (true, inner),
                None => {
                    return Err(self.attribute_error(
                        element,
                        "Type",
                        format!("{written:?} is not a type: `Collection(` without `)`"),
                    ));
                }
            },
            None => (false, written),
        };
        if inner.contains(['(', ')']) {
            return Err(self.attribute_error(
                element,
                "Type",
                format!("{written:?} is not a type: a type is `Qualified.Name` or `Collection(Qualified.Name)`"),
            ));
        }
        Ok((self.qualify(element, "Type", inner)?, collection))
    }

    fn operation(
        &self,
        element: Node<'_, '_>,
        namespace: &str,
        kind: OperationKind,
    ) -> Result<CsdlOperation, CsdlError> {
        let name = format!("{namespace}.{}", self.required(element, "Name")?);
        let is_bound = self.boolean(element, "IsBound", false)?;
        let is_composable = match kind {
            OperationKind::Function => self.boolean(element, "IsComposable", false)?,
            OperationKind::Action => false,
        };
        let mut parameters = Vec::new();
        let mut return_type: Option<CsdlReturnType> = None;
        let mut names: HashSet<&str> = HashSet::new();
        for child in element.children().filter(Node::is_element) {
            if child.tag_name().namespace() != Some(EDM_NAMESPACE) {
                continue;
            }
            match child.tag_name().name() {
                "Parameter" => {
                    let parameter_name = self.required(child, "Name")?;
                    let (type_name, collection) = self.type_of(child)?;
                    if !names.insert(parameter_name) {
                        return Err(self.error_at(
                            child.range().start,
                            format!("{name} declares the parameter {parameter_name} twice"),
                        ));
                    }
                    parameters.push(CsdlParameter {
                        name: parameter_name.to_owned(),
                        type_name,
                        collection,
                        nullable: self.boolean(child, "Nullable", true)?,
                        line: self.line(child),
                    });
                }
                "ReturnType" => {
                    if let Some(first) = &return_type {
                        return Err(self.error_at(
                            child.range().start,
                            format!(
                                "{name} has a second ReturnType (the first on line {}; an operation has at most one, CSDL XML §12)",
                                first.line
                            ),
                        ));
                    }
                    let (type_name, collection) = self.type_of(child)?;
                    return_type = Some(CsdlReturnType {
                        type_name,
                        collection,
                        nullable: self.boolean(child, "Nullable", true)?,
                        line: self.line(child),
                    });
                }
                _ => {}
            }
        }
        let binding = if is_bound {
            if parameters.is_empty() {
                return Err(self.attribute_error(
                    element,
                    "IsBound",
                    "bound, but without a Parameter: the first parameter of a bound operation is its binding parameter (CSDL XML §12)".to_owned(),
                ));
            }
            Some(parameters.remove(0))
        } else {
            None
        };
        Ok(CsdlOperation {
            name,
            kind,
            binding,
            parameters,
            return_type,
            is_composable,
            entity_set_path: element.attribute("EntitySetPath").map(str::to_owned),
            line: self.line(element),
        })
    }

    fn container(
        &self,
        element: Node<'_, '_>,
        namespace: &str,
    ) -> Result<CsdlContainer, CsdlError> {
        let mut container = CsdlContainer {
            name: format!("{namespace}.{}", self.required(element, "Name")?),
            entity_sets: Vec::new(),
            singletons: Vec::new(),
            imports: Vec::new(),
            line: self.line(element),
        };
        let mut names: HashMap<&str, u32> = HashMap::new();
        for child in element.children().filter(Node::is_element) {
            if child.tag_name().namespace() != Some(EDM_NAMESPACE) {
                continue;
            }
            let tag = child.tag_name().name();
            let import = match tag {
                "EntitySet" | "Singleton" => None,
                "ActionImport" => Some(("Action", OperationKind::Action)),
                "FunctionImport" => Some(("Function", OperationKind::Function)),
                _ => continue,
            };
            let name = self.required(child, "Name")?;
            let line = self.line(child);
            if let Some(first) = names.insert(name, line) {
                return Err(self.error_at(
                    child.range().start,
                    format!(
                        "{} declares {name} twice (first on line {first}; the children of a container have distinct names, CSDL XML §13)",
                        container.name
                    ),
                ));
            }
            match (tag, import) {
                (_, Some((attribute, kind))) => container.imports.push(CsdlImport {
                    name: name.to_owned(),
                    kind,
                    operation: self.qualify(child, attribute, self.required(child, attribute)?)?,
                    entity_set: child.attribute("EntitySet").map(str::to_owned),
                    line,
                }),
                ("EntitySet", None) => container.entity_sets.push(CsdlEntitySet {
                    name: name.to_owned(),
                    entity_type: self.qualify(
                        child,
                        "EntityType",
                        self.required(child, "EntityType")?,
                    )?,
                    bindings: self.navigation_bindings(child)?,
                    line,
                }),
                _ => container.singletons.push(CsdlSingleton {
                    name: name.to_owned(),
                    type_name: self.qualify(child, "Type", self.required(child, "Type")?)?,
                    bindings: self.navigation_bindings(child)?,
                    line,
                }),
            }
        }
        Ok(container)
    }

    fn navigation_bindings(
        &self,
        element: Node<'_, '_>,
    ) -> Result<Vec<CsdlNavigationBinding>, CsdlError> {
        element
            .children()
            .filter(|n| is(*n, EDM_NAMESPACE, "NavigationPropertyBinding"))
            .map(|binding| {
                Ok(CsdlNavigationBinding {
                    path: self.required(binding, "Path")?.to_owned(),
                    target: self.required(binding, "Target")?.to_owned(),
                    line: self.line(binding),
                })
            })
            .collect()
    }

    fn enumeration(&self, element: Node<'_, '_>, name: String) -> Result<CsdlEnum, CsdlError> {
        let is_flags = self.boolean(element, "IsFlags", false)?;
        let underlying_type = element.attribute("UnderlyingType").unwrap_or("Edm.Int32");
        let (min, max) = match underlying_type {
            "Edm.Byte" => (0, i64::from(u8::MAX)),
            "Edm.SByte" => (i64::from(i8::MIN), i64::from(i8::MAX)),
            "Edm.Int16" => (i64::from(i16::MIN), i64::from(i16::MAX)),
            "Edm.Int32" => (i64::from(i32::MIN), i64::from(i32::MAX)),
            "Edm.Int64" => (i64::MIN, i64::MAX),
            other => {
                return Err(self.attribute_error(
                    element,
                    "UnderlyingType",
                    format!(
                        "{other:?} is not an enum underlying type: Edm.Byte, Edm.SByte, Edm.Int16, Edm.Int32 or Edm.Int64 (CSDL XML §10.1.2)"
                    ),
                ));
            }
        };
        let mut members: Vec<(String, i64)> = Vec::new();
        let mut names: HashSet<&str> = HashSet::new();
        let mut explicit: Option<bool> = None;
        for member in element
            .children()
            .filter(|n| is(*n, EDM_NAMESPACE, "Member"))
        {
            let member_name = self.required(member, "Name")?;
            if !names.insert(member_name) {
                return Err(self.error_at(
                    member.range().start,
                    format!("{name} declares the member {member_name} twice"),
                ));
            }
            let written = member.attribute("Value");
            if is_flags && written.is_none() {
                return Err(self.error_at(
                    member.range().start,
                    format!(
                        "{member_name}: a member of a flags enum must have a Value (CSDL XML §10.2.2)"
                    ),
                ));
            }
            if *explicit.get_or_insert(written.is_some()) != written.is_some() {
                return Err(self.error_at(
                    member.range().start,
                    format!(
                        "{member_name}: either every member of {name} has a Value or none has (CSDL XML §10.2.2)"
                    ),
                ));
            }
            let value = match written {
                Some(text) => text.parse::<i64>().map_err(|_| {
                    self.attribute_error(member, "Value", format!("{text:?} is not an integer"))
                })?,
                // CSDL XML §10.2.2: without values, members get 0, 1, 2, … in document order.
                None => i64::try_from(members.len()).unwrap_or(i64::MAX),
            };
            if value < min || value > max || (is_flags && value < 0) {
                let range = if is_flags { 0.max(min) } else { min };
                return Err(self.attribute_error(
                    member,
                    "Value",
                    format!(
                        "{member_name} = {value} is outside {range}..={max}, the range of {underlying_type}{}",
                        if is_flags { " for a flags enum (CSDL XML §10.2.2)" } else { "" }
                    ),
                ));
            }
            members.push((member_name.to_owned(), value));
        }
        Ok(CsdlEnum {
            name,
            is_flags,
            underlying_type: underlying_type.to_owned(),
            members,
            line: self.line(element),
        })
    }

    fn add_alias(
        &mut self,
        element: Node<'_, '_>,
        alias: &str,
        namespace: &str,
    ) -> Result<(), CsdlError> {
        if let Some(previous) = self.aliases.get(alias).filter(|ns| *ns != namespace) {
            return Err(self.attribute_error(
                element,
                "Alias",
                format!(
                    "the alias {alias} already stands for {previous} (an alias is unique in a document, CSDL XML §3.4)"
                ),
            ));
        }
        self.aliases.insert(alias.to_owned(), namespace.to_owned());
        Ok(())
    }

    /// The namespace-qualified form of a qualified name: an alias qualifier is replaced by its
    /// namespace.
    fn qualify(
        &self,
        element: Node<'_, '_>,
        attribute: &str,
        name: &str,
    ) -> Result<String, CsdlError> {
        match name.rsplit_once('.') {
            Some((qualifier, short)) if !qualifier.is_empty() && !short.is_empty() => {
                Ok(match self.aliases.get(qualifier) {
                    Some(namespace) => format!("{namespace}.{short}"),
                    None => name.to_owned(),
                })
            }
            _ => Err(self.attribute_error(
                element,
                attribute,
                format!("{name:?} is not a qualified name (Namespace.Name or Alias.Name)"),
            )),
        }
    }

    fn required<'a>(&self, element: Node<'a, '_>, attribute: &str) -> Result<&'a str, CsdlError> {
        element.attribute(attribute).ok_or_else(|| {
            self.error_at(
                element.range().start,
                format!("{} has no {attribute} attribute", describe(element)),
            )
        })
    }

    fn boolean(
        &self,
        element: Node<'_, '_>,
        attribute: &str,
        default: bool,
    ) -> Result<bool, CsdlError> {
        match element.attribute(attribute) {
            None => Ok(default),
            Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(self.attribute_error(
                element,
                attribute,
                format!("{attribute} is {other:?}: expected true or false"),
            )),
        }
    }

    fn line(&self, node: Node<'_, '_>) -> u32 {
        self.lines.line(node.range().start)
    }

    fn error_at(&self, offset: usize, message: impl Into<String>) -> CsdlError {
        let (line, column) = self.lines.position(self.text, offset);
        CsdlError {
            line,
            column,
            message: message.into(),
        }
    }

    /// An error at the value of `attribute` (at the element when it is absent).
    fn attribute_error(
        &self,
        element: Node<'_, '_>,
        attribute: &str,
        message: String,
    ) -> CsdlError {
        let offset = element
            .attribute_node(attribute)
            .map_or(element.range().start, |a| a.range_value().start);
        let message = format!("{}: {message}", describe(element));
        self.error_at(offset, message)
    }
}

fn is(node: Node<'_, '_>, namespace: &str, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(namespace)
        && node.tag_name().name() == name
}

/// `<EntityType Name="x">`-style description of an element, for messages.
fn describe(node: Node<'_, '_>) -> String {
    let tag = node.tag_name();
    let prefixed = match tag.namespace() {
        Some(EDMX_NAMESPACE) => format!("edmx:{}", tag.name()),
        Some(EDM_NAMESPACE) | None => tag.name().to_owned(),
        Some(other) => format!("{{{other}}}{}", tag.name()),
    };
    match node.attribute("Name") {
        Some(name) => format!("<{prefixed} Name={name:?}>"),
        None => format!("<{prefixed}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names_match;

    /// The linear look-up that the index replaces, kept as the reference of its rules.
    fn find_named<'a, T>(items: &'a [T], query: &str, name: impl Fn(&T) -> &str) -> Option<&'a T> {
        let in_graph = |n: &str| {
            n.strip_prefix(GRAPH_NAMESPACE)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|short| !short.contains('.'))
        };
        items
            .iter()
            .find(|t| name(t) == query)
            .or_else(|| {
                items
                    .iter()
                    .find(|t| in_graph(name(t)) && names_match(name(t), query))
            })
            .or_else(|| {
                (!query.contains('.'))
                    .then(|| items.iter().find(|t| short_name(name(t)) == query))
                    .flatten()
            })
    }

    fn steps() -> usize {
        STEPS.with(std::cell::Cell::get)
    }

    fn complex(name: &str, base: Option<&str>) -> CsdlType {
        CsdlType {
            name: name.to_owned(),
            kind: CsdlKind::Complex,
            base: base.map(str::to_owned),
            is_abstract: false,
            open_type: false,
            properties: Vec::new(),
            navigation: Vec::new(),
            key: Vec::new(),
            line: 1,
        }
    }

    #[test]
    fn the_index_answers_as_the_linear_rules_do() {
        // Names that exercise each rule, duplicates included (a hand-built document may hold
        // them; the first in order wins).
        let names = [
            "microsoft.graph.security.user",
            "other.widget",
            "microsoft.graph.user",
            "graph.user",
            "microsoft.graph.widget",
            "other.user",
            "microsoft.graphx.thing",
            "microsoft.graph.user",
            "graph",
            "microsoft.graph.",
            "a.b.c.d",
            "lonely",
        ];
        let csdl = Csdl {
            types: names.iter().map(|n| complex(n, None)).collect(),
            ..Csdl::default()
        };
        let mut queries: Vec<String> = Vec::new();
        for name in names {
            queries.push(name.to_owned());
            queries.push(short_name(name).to_owned());
            queries.push(name.replacen("microsoft.", "", 1));
            queries.push(name.to_uppercase());
        }
        queries.extend(
            [
                "",
                ".",
                "graph.",
                "graph.security.user",
                "thing",
                "d",
                "c.d",
                "graph.graph",
            ]
            .map(str::to_owned),
        );
        for query in &queries {
            let expected = find_named(&csdl.types, query, |t| &t.name).map(|t| t as *const _);
            let found = csdl.find_type(query).map(|t| t as *const _);
            assert_eq!(found, expected, "{query:?}");
            // The ranks that choose among bound operations agree too.
            let ranked = csdl
                .types
                .iter()
                .filter_map(|t| Some((name_rank(&t.name, query)?, t)))
                .min_by_key(|&(rank, _)| rank)
                .map(|(_, t)| t as *const _);
            assert_eq!(ranked, expected, "{query:?}");
        }
    }

    #[test]
    fn look_ups_do_work_linear_in_the_document() {
        // A chain of n types, each deriving from the next, then every type looked up by each
        // of its names and flattened: quadratic work would be n² = 10⁸ steps.
        let n = 10_000;
        let types = (0..n)
            .map(|i| {
                let base = (i + 1 < n).then(|| format!("microsoft.graph.t{}", i + 1));
                complex(&format!("microsoft.graph.t{i}"), base.as_deref())
            })
            .collect();
        let csdl = Csdl {
            types,
            ..Csdl::default()
        };
        let before = steps();
        assert_eq!(csdl.base_chain(&csdl.types[0]).types.len(), n);
        assert_eq!(csdl.key_of(&csdl.types[0]).len(), 0);
        for ty in &csdl.types {
            let short = short_name(&ty.name);
            assert!(csdl.find_type(&ty.name).is_some());
            assert!(csdl.find_type(short).is_some());
            assert!(csdl.find_type(&format!("graph.{short}")).is_some());
        }
        assert!(csdl.inheritance_problems().is_empty());
        let work = steps() - before;
        assert!(work <= 20 * n, "{work} steps for {n} types");
        // The index was built once: a second pass costs no index build.
        let before = steps();
        let _ = csdl.all_properties(&csdl.types[n / 2]);
        assert!(steps() - before <= n, "{} steps", steps() - before);
    }

    fn bound(name: &str, binding_type: &str, line: u32) -> CsdlOperation {
        CsdlOperation {
            name: name.to_owned(),
            kind: OperationKind::Action,
            binding: Some(CsdlParameter {
                name: "bindingParameter".to_owned(),
                type_name: binding_type.to_owned(),
                collection: false,
                nullable: true,
                line,
            }),
            parameters: Vec::new(),
            return_type: None,
            is_composable: false,
            entity_set_path: None,
            line,
        }
    }

    #[test]
    fn operation_look_ups_do_work_linear_in_the_document() {
        // n types in a chain (t0 derives from t1, …), each with its own action, and one action
        // overloaded on all of them; quadratic work would be n² = 2.5·10⁷ steps.
        let n = 5_000;
        let types = (0..n)
            .map(|i| {
                let base = (i + 1 < n).then(|| format!("microsoft.graph.t{}", i + 1));
                complex(&format!("microsoft.graph.t{i}"), base.as_deref())
            })
            .collect();
        let mut operations = Vec::new();
        for i in 0..n {
            let ty = format!("microsoft.graph.t{i}");
            operations.push(bound(&format!("microsoft.graph.op{i}"), &ty, 1));
            operations.push(bound("microsoft.graph.everywhere", &ty, 1));
        }
        let csdl = Csdl {
            types,
            operations,
            ..Csdl::default()
        };
        let before = steps();
        for i in 0..n {
            let ty = format!("t{i}");
            let own = csdl.bound_operation(&ty, &format!("op{i}"), false).unwrap();
            assert_eq!(own.name, format!("microsoft.graph.op{i}"));
            assert_eq!(csdl.bound_operations(&ty, "everywhere", false).len(), 1);
            assert_eq!(csdl.operations_named(&format!("graph.op{i}")).count(), 1);
        }
        assert_eq!(csdl.operations_named("everywhere").count(), n);
        let work = steps() - before;
        assert!(work <= 40 * n, "{work} steps for {n} types");
        // One walk up the whole chain costs one step per type.
        let before = steps();
        let root = csdl.bound_operation("t0", &format!("op{}", n - 1), false);
        assert!(root.is_some());
        assert!(steps() - before <= 3 * n, "{} steps", steps() - before);
    }

    #[test]
    fn a_document_that_changes_size_is_indexed_again() {
        let mut csdl = Csdl {
            types: vec![complex("ns.a", None)],
            ..Csdl::default()
        };
        assert!(csdl.find_type("a").is_some());
        csdl.types.push(complex("ns.b", Some("ns.a")));
        assert_eq!(csdl.find_type("b").map(|t| t.name.as_str()), Some("ns.b"));
        assert_eq!(csdl.all_properties(&csdl.types[1]).len(), 0);
        assert!(csdl.base_chain(&csdl.types[1]).problem.is_none());
        // A rename in place needs `reindex`.
        csdl.reindex();
        assert!(csdl.find_type("b").is_some());
        csdl.types[0].name = "ns.c".into();
        csdl.reindex();
        assert_eq!(csdl.find_type("c").map(|t| t.name.as_str()), Some("ns.c"));
        // Equality, clones and serde ignore the index.
        let clone = csdl.clone();
        assert_eq!(clone, csdl);
        let json = serde_json::to_string(&csdl).unwrap();
        assert!(!json.contains("index"), "{json}");
        let back: Csdl = serde_json::from_str(&json).unwrap();
        assert_eq!(back, csdl);
        assert!(back.find_type("ns.b").is_some());
    }
}

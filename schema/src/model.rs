//! The one model of Graph types, shared by the build step, the derive macro and the runtime.
//!
//! Strings and lists are [`Cow`]s so that the same types can be built at run time by the doc
//! parser (owned) and emitted as `static` items by the derive macro (borrowed).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Text that is either `'static` (from generated code) or owned (from a parsed page).
pub type Text = Cow<'static, str>;

/// The namespace of every type in this model.
pub const GRAPH_NAMESPACE: &str = "microsoft.graph";

/// The alias that Graph's `$metadata` declares for [`GRAPH_NAMESPACE`].
pub const GRAPH_ALIAS: &str = "graph";

/// The sentinel member of Graph's evolvable enums.
pub const UNKNOWN_FUTURE_VALUE: &str = "unknownFutureValue";

/// A set of types built from one or more doc pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Entity and complex types, in page order.
    pub structs: Vec<StructuredType>,
    /// Enum types, in page order.
    pub enums: Vec<EnumType>,
}

impl Model {
    /// The structured type with this qualified (`microsoft.graph.x`) or short (`x`) name.
    pub fn find_struct(&self, name: &str) -> Option<&StructuredType> {
        self.structs.iter().find(|t| names_match(&t.name, name))
    }

    /// The enum type with this qualified or short name.
    pub fn find_enum(&self, name: &str) -> Option<&EnumType> {
        self.enums.iter().find(|t| names_match(&t.name, name))
    }

    /// The structured types derived from the type named `name`, directly or through other
    /// bases, in model order: the types an `@odata.type` may choose for a value declared as
    /// `name` (OData JSON Format §4.5.3).
    pub fn derived_types(&self, name: &str) -> Vec<&StructuredType> {
        self.structs
            .iter()
            .filter(|ty| self.bases(ty).any(|base| names_match(base, name)))
            .collect()
    }

    /// The names of `ty`'s base types, nearest first; a cycle of bases ends the walk.
    fn bases<'m>(&'m self, ty: &'m StructuredType) -> impl Iterator<Item = &'m str> {
        let mut next = ty.base.as_deref();
        (0..self.structs.len()).map_while(move |_| {
            let base = next?;
            next = self.find_struct(base).and_then(|t| t.base.as_deref());
            Some(base)
        })
    }
}

/// Whether `query` names `qualified`: the same qualified name, the alias form, or the short name.
pub fn names_match(qualified: &str, query: &str) -> bool {
    qualified == query
        || (short_name(qualified) == query && !query.contains('.'))
        || alias_form(qualified).is_some_and(|alias| alias == query)
}

/// The last segment of a qualified name: `runState` for `microsoft.graph.runState`.
pub fn short_name(qualified: &str) -> &str {
    qualified
        .rsplit_once('.')
        .map_or(qualified, |(_, short)| short)
}

/// `graph.x` for `microsoft.graph.x`; `None` for names outside the Graph namespace.
pub fn alias_form(qualified: &str) -> Option<String> {
    let short = qualified.strip_prefix(GRAPH_NAMESPACE)?.strip_prefix('.')?;
    Some(format!("{GRAPH_ALIAS}.{short}"))
}

/// An entity or complex type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StructuredType {
    /// Qualified name, e.g. `microsoft.graph.deviceHealthScriptDeviceState`.
    pub name: Text,
    /// Qualified name of the base type, e.g. `microsoft.graph.entity`.
    pub base: Option<Text>,
    /// One sentence on what the type is.
    pub description: Text,
    /// Declared and inherited properties, in page order.
    pub properties: Cow<'static, [Property]>,
    /// Where the type was declared.
    pub source: Source,
    /// `Abstract="true"` in the metadata: no instance has exactly this type.
    #[serde(default)]
    pub is_abstract: bool,
    /// Which of [`StructuredType::base`] and [`StructuredType::is_abstract`] came from the
    /// metadata, not from the page.
    #[serde(default)]
    pub from_metadata: FromMetadata,
}

impl StructuredType {
    /// The property with this wire name.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// One property of a structured type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// Wire name, case-sensitive (CSDL §3.1).
    pub name: Text,
    /// Type of the value, or of each item when [`Property::collection`] is set.
    pub ty: TypeRef,
    /// `Collection(T)`: a JSON array of `ty`.
    pub collection: bool,
    /// Whether `null` is allowed (for a collection: as an item; CSDL §7.2.1).
    pub nullable: bool,
    /// Part of the entity key (`id`): never required in a create body.
    pub key: bool,
    /// What the property holds.
    pub description: Text,
    /// Where the property was declared: its row on a page (an inherited property keeps its base
    /// type's page), or the Rust source of a derived model.
    pub source: Source,
    /// Which of [`Property::ty`] and [`Property::nullable`] came from the metadata, not from
    /// the page.
    #[serde(default)]
    pub from_metadata: FromMetadata,
    /// What the page's descriptions say beyond the type: `Read-only`, `Required`.
    #[serde(default)]
    pub marks: Marks,
}

/// What a page says of a property in words: its description's `Read-only`, a create page's
/// `Required`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// `Read-only`: the service sets the value. A body may still carry it: OData Protocol
    /// §11.4.2, computed properties "MUST be ignored if included"; the schema says `readOnly`.
    #[serde(default)]
    pub read_only: bool,
    /// `Required` in a create page's request-body row: a create body must include it.
    #[serde(default)]
    pub required: bool,
}

impl Marks {
    /// Nothing said.
    pub const NONE: Marks = Marks {
        read_only: false,
        required: false,
    };
}

/// The facts of a type or property that the metadata gave where the docs say nothing (see
/// `crate::enrich`); everything else comes from the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromMetadata {
    /// A property's type (an enum the page writes as `String` or `Enumeration`).
    pub ty: bool,
    /// A property's `Nullable="false"`.
    pub nullable: bool,
    /// A type's base type.
    pub base: bool,
    /// A type's `Abstract="true"`.
    pub is_abstract: bool,
}

impl FromMetadata {
    /// Nothing from the metadata: what pages and derived models state.
    pub const NONE: FromMetadata = FromMetadata {
        ty: false,
        nullable: false,
        base: false,
        is_abstract: false,
    };

    /// How many facts came from the metadata.
    pub fn count(self) -> usize {
        [self.ty, self.nullable, self.base, self.is_abstract]
            .into_iter()
            .filter(|f| *f)
            .count()
    }
}

/// The type of a property value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum TypeRef {
    /// An Edm primitive type.
    Primitive(Primitive),
    /// An enum type, by qualified name.
    Enum(Text),
    /// An entity or complex type, by qualified name.
    Struct(Text),
}

impl TypeRef {
    /// The CSDL spelling: `Edm.String`, `microsoft.graph.runState`.
    pub fn csdl_name(&self) -> &str {
        match self {
            TypeRef::Primitive(p) => p.edm_name(),
            TypeRef::Enum(name) | TypeRef::Struct(name) => name,
        }
    }
}

/// Declares [`Primitive`] with its doc lines; `edm_name` is `Edm.` and the variant's name.
macro_rules! primitives {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// The Edm primitive types (CSDL §3.3, "Primitive Types"), each checked against its JSON
        /// representation (OData JSON Format §7.1, "Primitive Value").
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Primitive {
            $($(#[doc = $doc])* $name,)*
        }

        impl Primitive {
            /// Every primitive, for look-ups by name.
            pub const ALL: [Primitive; [$(Primitive::$name,)*].len()] = [$(Primitive::$name,)*];

            /// The qualified Edm name, e.g. `Edm.DateTimeOffset`.
            pub const fn edm_name(self) -> &'static str {
                match self {
                    $(Primitive::$name => concat!("Edm.", stringify!($name)),)*
                }
            }
        }
    };
}

primitives! {
    /// `Edm.String`: a JSON string.
    String,
    /// `Edm.Boolean`: JSON `true` or `false`.
    Boolean,
    /// `Edm.DateTimeOffset`: a JSON string matching the ABNF `dateTimeOffsetValue`.
    DateTimeOffset,
    /// `Edm.Byte`: a JSON number, `byteValue` (0 to 255, no sign).
    Byte,
    /// `Edm.SByte`: a JSON number, `sbyteValue` (-128 to 127).
    SByte,
    /// `Edm.Int16`: a JSON number, `int16Value`.
    Int16,
    /// `Edm.Int32`: a JSON number, `int32Value`.
    Int32,
    /// `Edm.Int64`: a JSON number, `int64Value`.
    Int64,
    /// `Edm.Single`: a JSON number within IEEE 754 binary32, or `"INF"`, `"-INF"`, `"NaN"`.
    Single,
    /// `Edm.Double`: a JSON number, or `"INF"`, `"-INF"`, `"NaN"`.
    Double,
    /// `Edm.Decimal`: a JSON number.
    Decimal,
    /// `Edm.Date`: a JSON string, `dateValue` with a real Gregorian day.
    Date,
    /// `Edm.TimeOfDay`: a JSON string, `timeOfDayValue`.
    TimeOfDay,
    /// `Edm.Duration`: a JSON string, `durationValue`.
    Duration,
    /// `Edm.Guid`: a JSON string, `guidValue`.
    Guid,
    /// `Edm.Binary`: a JSON string of base64url (or standard base64), `binaryValue`.
    Binary,
    /// `Edm.Stream`: any JSON value (JSON Format §9: its form depends on the media type).
    Stream,
}

impl Primitive {
    /// The primitive named `name`, with or without the `Edm.` prefix (`String`, `Edm.String`:
    /// the unqualified form is how JSON Format §4.5.3 writes built-in types in `@type`).
    pub fn from_name(name: &str) -> Option<Primitive> {
        let short = name.strip_prefix("Edm.").unwrap_or(name);
        Primitive::ALL
            .into_iter()
            .find(|p| p.edm_name().strip_prefix("Edm.") == Some(short))
    }

    /// Whether the values are JSON numbers (JSON Format §7.1: the integer, floating and
    /// decimal types; without `IEEE754Compatible`, `Int64` and `Decimal` too, §3.2).
    pub const fn is_json_number(self) -> bool {
        matches!(
            self,
            Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
        )
    }
}

/// An enum type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumType {
    /// Qualified name, e.g. `microsoft.graph.runState`.
    pub name: Text,
    /// One sentence on what the enum is.
    pub description: Text,
    /// Members in declaration order.
    pub members: Cow<'static, [EnumMember]>,
    /// Where the enum was declared.
    pub source: Source,
    /// `IsFlags="true"` (CSDL §10.2): a value may combine members, written comma-separated
    /// (OData ABNF `enumValue = singleEnumValue *( COMMA singleEnumValue )`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_flags: bool,
}

impl EnumType {
    /// Whether `name` is a member (exact, case-sensitive: CSDL §3.1).
    pub fn has_member(&self, name: &str) -> bool {
        self.members.iter().any(|m| m.name == name)
    }
}

/// One member of an enum type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnumMember {
    /// The member name, as sent on the wire.
    pub name: Text,
    /// The member's integer value.
    pub value: i64,
    /// What the member means.
    pub description: Text,
    /// 1-based line of the member's row in its enum's [`EnumType::source`] file (the enum's
    /// own line for members from metadata, the Rust line for derived ones).
    #[serde(default)]
    pub line: u32,
}

/// Where a piece of the model was declared: a page and a 1-based line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The page, as given to the parser.
    pub file: Text,
    /// 1-based line of the declaration.
    pub line: u32,
}

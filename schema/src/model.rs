//! The one model of Graph types, shared by the build step, the derive macro and the runtime.
//!
//! Strings and lists are [`Cow`]s so that the same types can be built at run time by the doc
//! parser (owned) and emitted as `static` items by the derive macro (borrowed).

use foldhash::HashMap;
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
    /// The resources at the service root, from the metadata's `EntityContainer`; empty for a
    /// model built from pages alone.
    #[serde(default, skip_serializing_if = "Container::is_empty")]
    pub container: Container,
}

/// The service's entity container (CSDL §13): the resources a request URL starts with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    /// Entity sets: collections of entities at the service root (`/users`).
    pub entity_sets: Vec<RootResource>,
    /// Singletons: one entity at the service root (`/me`).
    pub singletons: Vec<RootResource>,
}

impl Container {
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entity_sets.is_empty() && self.singletons.is_empty()
    }
}

/// An entity set or singleton: its URL segment and the qualified name of its entity type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootResource {
    /// The URL segment (case-sensitive), e.g. `users`.
    pub name: Text,
    /// The entity type, e.g. `microsoft.graph.user`.
    pub ty: Text,
}

impl Model {
    /// The structured type with this qualified (`microsoft.graph.x`), alias (`graph.x`) or
    /// short (`x`) name; the first in model order when several match. One look-up scans the
    /// model: for many, build a [`ModelIndex`] once.
    pub fn find_struct(&self, name: &str) -> Option<&StructuredType> {
        self.struct_position(name).map(|id| &self.structs[id])
    }

    /// The enum type with this qualified, alias or short name (see [`Model::find_struct`]).
    pub fn find_enum(&self, name: &str) -> Option<&EnumType> {
        self.enum_position(name).map(|id| &self.enums[id])
    }

    /// The index of [`Model::find_struct`]'s type, found without an index (as
    /// [`ModelIndex::struct_id`] finds it with one): for a single look-up.
    pub fn struct_position(&self, name: &str) -> Option<usize> {
        self.structs.iter().position(|t| names_match(&t.name, name))
    }

    /// The index of [`Model::find_enum`]'s type (as [`Model::struct_position`]).
    pub fn enum_position(&self, name: &str) -> Option<usize> {
        self.enums.iter().position(|t| names_match(&t.name, name))
    }

    /// Removes every description, keeping the facts: names, types, nullability, members,
    /// bases, keys, marks and sources. What a model built into a program holds (no sentences
    /// from the pages).
    pub fn strip_descriptions(&mut self) {
        for ty in &mut self.structs {
            ty.description = Cow::Borrowed("");
            for property in ty.properties.to_mut() {
                property.description = Cow::Borrowed("");
            }
        }
        for found in &mut self.enums {
            found.description = Cow::Borrowed("");
            for member in found.members.to_mut() {
                member.description = Cow::Borrowed("");
            }
        }
    }

    /// The structured types derived from the type named `name`, directly or through other
    /// bases, in model order: the types an `@odata.type` may choose for a value declared as
    /// `name` (OData JSON Format §4.5.3). Builds a [`ModelIndex`]: for many, build one once.
    pub fn derived_types(&self, name: &str) -> Vec<&StructuredType> {
        let index = self.index();
        index
            .struct_id(name)
            .map(|id| {
                index
                    .derived(id)
                    .iter()
                    .map(|&d| &self.structs[d])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Builds the hash index of this model (names, bases, derived types), in linear time.
    pub fn index(&self) -> ModelIndex<'_> {
        ModelIndex::new(self)
    }
}

/// Hash look-ups over a [`Model`], built once in time linear in its size (the shape of
/// typify's type space: ids and name maps): structured and enum types by qualified, alias and
/// short name, each type's resolved base, and the types derived from each.
///
/// ```
/// use msgraph_schema_core::tree::parse_page;
///
/// let page = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n\
///             |:--|:--|:--|\n|name|String|The name.|\n";
/// let model = parse_page("thing.md", page).unwrap();
/// let index = model.index();
/// let id = index.struct_id("graph.thing").unwrap();
/// assert_eq!(index.struct_id("thing"), Some(id));
/// assert_eq!(model.structs[id].name, "microsoft.graph.thing");
/// assert!(index.derived(id).is_empty());
/// ```
#[derive(Debug)]
pub struct ModelIndex<'m> {
    model: &'m Model,
    /// Qualified and alias names of structured types → first index.
    structs: HashMap<&'m str, usize>,
    /// Short names of structured types → first index.
    struct_shorts: HashMap<&'m str, usize>,
    /// Qualified and alias names of enum types → first index.
    enums: HashMap<&'m str, usize>,
    /// Short names of enum types → first index.
    enum_shorts: HashMap<&'m str, usize>,
    /// Each structured type's base, resolved.
    bases: Vec<Option<usize>>,
    /// Each structured type's derived types (direct and indirect), in model order.
    derived: Vec<Vec<usize>>,
}

impl<'m> ModelIndex<'m> {
    /// Indexes `model`.
    pub fn new(model: &'m Model) -> ModelIndex<'m> {
        let (structs, struct_shorts) = name_maps(model.structs.iter().map(|t| t.name.as_ref()));
        let (enums, enum_shorts) = name_maps(model.enums.iter().map(|t| t.name.as_ref()));
        let mut bases: Vec<Option<usize>> = model
            .structs
            .iter()
            .map(|t| {
                let base = t.base.as_deref()?;
                lookup(&structs, &struct_shorts, base)
            })
            .collect();
        let derived = derived_from_bases(&mut bases);
        ModelIndex {
            model,
            structs,
            struct_shorts,
            enums,
            enum_shorts,
            bases,
            derived,
        }
    }

    /// The model indexed.
    pub fn model(&self) -> &'m Model {
        self.model
    }

    /// The index of the structured type named `name` (qualified, alias or short: the first in
    /// model order, as [`Model::find_struct`]).
    pub fn struct_id(&self, name: &str) -> Option<usize> {
        lookup(&self.structs, &self.struct_shorts, name)
    }

    /// The index of the enum type named `name` (as [`ModelIndex::struct_id`]).
    pub fn enum_id(&self, name: &str) -> Option<usize> {
        lookup(&self.enums, &self.enum_shorts, name)
    }

    /// The structured type named `name`.
    pub fn find_struct(&self, name: &str) -> Option<&'m StructuredType> {
        self.struct_id(name).map(|id| &self.model.structs[id])
    }

    /// The enum type named `name`.
    pub fn find_enum(&self, name: &str) -> Option<&'m EnumType> {
        self.enum_id(name).map(|id| &self.model.enums[id])
    }

    /// The resolved base of structured type `id`, if the model holds it.
    pub fn base(&self, id: usize) -> Option<usize> {
        self.bases.get(id).copied().flatten()
    }

    /// The bases of structured type `id`, nearest first, as far as the model holds them (a
    /// cycle of bases is cut where it closes).
    pub fn bases_of(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.base(id);
        std::iter::from_fn(move || {
            let base = next?;
            next = self.base(base);
            Some(base)
        })
    }

    /// The structured types derived from `id`, directly or not, in model order.
    pub fn derived(&self, id: usize) -> &[usize] {
        self.derived.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Each structured type's derived types (direct and indirect, in model order), from each
/// type's resolved base by index (`bases`, whose cycles are cut first where they close: see
/// [`ModelIndex::bases_of`]); a base out of range counts as none. Linear in types times the
/// depth of the hierarchy.
pub fn derived_from_bases(bases: &mut [Option<usize>]) -> Vec<Vec<usize>> {
    let count = bases.len();
    for base in bases.iter_mut() {
        if base.is_some_and(|at| at >= count) {
            *base = None;
        }
    }
    break_base_cycles(bases);
    let mut derived = vec![Vec::new(); bases.len()];
    for id in 0..bases.len() {
        let mut next = bases[id];
        while let Some(base) = next {
            derived[base].push(id);
            next = bases[base];
        }
    }
    derived
}

/// Cuts every cycle of `bases` at the edge that closes it, visiting each type once.
fn break_base_cycles(bases: &mut [Option<usize>]) {
    // 0: not visited, 1: on the walk under way, 2: done.
    let mut state = vec![0u8; bases.len()];
    for start in 0..bases.len() {
        let mut path = Vec::new();
        let mut at = start;
        while state[at] == 0 {
            state[at] = 1;
            path.push(at);
            match bases[at] {
                Some(next) if state[next] == 1 => {
                    bases[at] = None;
                    break;
                }
                Some(next) => at = next,
                None => break,
            }
        }
        for id in path {
            state[id] = 2;
        }
    }
}

/// Qualified and alias names → first index, and short names → first index.
fn name_maps<'m>(
    names: impl Iterator<Item = &'m str>,
) -> (HashMap<&'m str, usize>, HashMap<&'m str, usize>) {
    // Hashed with foldhash: the keys are the model's own names, never a payload's, and the
    // index is built on every start of a built-in model.
    let names = names.into_iter();
    let mut full = HashMap::with_capacity_and_hasher(2 * names.size_hint().0, Default::default());
    let mut shorts = HashMap::with_capacity_and_hasher(names.size_hint().0, Default::default());
    for (id, name) in names.enumerate() {
        full.entry(name).or_insert(id);
        if let Some(alias) = alias_of(name) {
            full.entry(alias).or_insert(id);
            // `callRecords.callRecord`, `user.sendMail`: the name within `microsoft.graph`.
            let within = &alias[GRAPH_ALIAS.len() + 1..];
            if within.contains('.') {
                full.entry(within).or_insert(id);
            }
        }
        shorts.entry(short_name(name)).or_insert(id);
    }
    (full, shorts)
}

/// The first index that `query` names, by any of [`names_match`]'s rules.
fn lookup(
    full: &HashMap<&str, usize>,
    shorts: &HashMap<&str, usize>,
    query: &str,
) -> Option<usize> {
    let exact = full.get(query).copied();
    let short = (!query.contains('.'))
        .then(|| shorts.get(query).copied())
        .flatten();
    match (exact, short) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Whether `query` names `qualified`: the same qualified name, the alias form (`graph.x`), the
/// short name, or the name within `microsoft.graph` (`callRecords.callRecord`,
/// `user.sendMail`).
pub fn names_match(qualified: &str, query: &str) -> bool {
    qualified == query
        || (!query.contains('.') && short_name(qualified) == query)
        || alias_of(qualified)
            .is_some_and(|alias| alias == query || alias.strip_prefix("graph.") == Some(query))
}

/// The last segment of a qualified name: `runState` for `microsoft.graph.runState`.
pub fn short_name(qualified: &str) -> &str {
    qualified
        .rsplit_once('.')
        .map_or(qualified, |(_, short)| short)
}

/// `graph.x` for `microsoft.graph.x`; `None` for names outside the Graph namespace.
pub fn alias_form(qualified: &str) -> Option<String> {
    alias_of(qualified).map(str::to_owned)
}

/// The alias form borrowed from the qualified name (`graph.x` is its tail); `None` for names
/// outside the Graph namespace.
pub fn alias_of(qualified: &str) -> Option<&str> {
    let tail = qualified.strip_prefix("microsoft.")?;
    tail.strip_prefix(GRAPH_ALIAS)?.strip_prefix('.')?;
    Some(tail)
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
    /// For the parameters of an action or function (its request body, or a function's URL
    /// parameters): the operation they belong to; `None` for entity and complex types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<OperationOf>,
}

/// The operation whose parameters a [`StructuredType`] holds. Its name is the binding type's
/// qualified name, a dot and the operation's name: `microsoft.graph.application.addPassword`
/// holds the body of `POST /applications/{id}/addPassword`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationOf {
    /// The operation's qualified name, e.g. `microsoft.graph.addPassword`.
    pub name: Text,
    /// The qualified name of the type it is bound to, e.g. `microsoft.graph.application`.
    pub binding: Text,
    /// An action (parameters in the body) or a function (parameters in the URL).
    pub kind: OperationKind,
    /// What it returns, from the metadata's `ReturnType` (CSDL §12.8); `None` when it returns
    /// nothing, when the metadata does not say, or when the model has no type for it
    /// (`Edm.Untyped`, spatial types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<Returns>,
}

/// An operation's result: a value, or a collection, of one type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returns {
    /// The type of the value, or of each item.
    pub ty: TypeRef,
    /// Whether a collection is returned (`Collection(…)`).
    pub collection: bool,
    /// Whether path segments may follow the call, as for a value of the type returned: a
    /// function marked `IsComposable="true"` (CSDL §12.2); never an action.
    #[serde(default)]
    pub composable: bool,
}

/// Whether an operation is an action or a function (CSDL §12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// May have side effects; its parameters are the JSON body of a `POST`.
    Action,
    /// No side effects; its parameters are given in the URL.
    Function,
}

impl StructuredType {
    /// The property with this wire name.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The property that member `key` of a payload names: its wire name, or for an operation's
    /// parameters also its [`parameter_alias`].
    pub fn member(&self, key: &str) -> Option<&Property> {
        self.property(key).or_else(|| {
            self.operation.as_ref()?;
            self.property(&parameter_alias(key)?)
        })
    }

    /// The second spelling a payload may give `property`: its [`parameter_alias`] when this
    /// type holds an operation's parameters and declares no property of that spelling.
    pub fn alias_of(&self, property: &Property) -> Option<String> {
        self.operation.as_ref()?;
        parameter_alias(&property.name).filter(|alias| self.property(alias).is_none())
    }
}

/// An operation parameter's second spelling: its name with the first letter's case flipped
/// (`Message` ↔ `message`); `None` when it does not start with an ASCII letter.
///
/// The metadata spells the parameters of Outlook's actions with a capital (`sendMail`'s
/// `Message` and `SaveToSentItems`, `forward`'s `Comment` and `ToRecipients`, `move`'s
/// `DestinationId`), as their pages' tables do, while the same pages' requests and the JSON
/// convention of every other name spell them in camelCase; the service binds both, so both are
/// accepted. Property names of entity and complex types stay case-sensitive (CSDL §3.1).
///
/// ```
/// use msgraph_schema_core::model::parameter_alias;
/// assert_eq!(parameter_alias("Message").as_deref(), Some("message"));
/// assert_eq!(parameter_alias("saveToSentItems").as_deref(), Some("SaveToSentItems"));
/// assert_eq!(parameter_alias("@odata.type"), None);
/// ```
pub fn parameter_alias(name: &str) -> Option<String> {
    let first = name.chars().next().filter(char::is_ascii_alphabetic)?;
    let flipped = if first.is_ascii_uppercase() {
        first.to_ascii_lowercase()
    } else {
        first.to_ascii_uppercase()
    };
    let mut alias = String::with_capacity(name.len());
    alias.push(flipped);
    alias.push_str(&name[1..]);
    Some(alias)
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
    /// The whole type or property: the pages never declare it, only the metadata does.
    #[serde(default)]
    pub declared: bool,
}

impl FromMetadata {
    /// Nothing from the metadata: what pages and derived models state.
    pub const NONE: FromMetadata = FromMetadata {
        ty: false,
        nullable: false,
        base: false,
        is_abstract: false,
        declared: false,
    };

    /// How many facts came from the metadata.
    pub fn count(self) -> usize {
        [
            self.ty,
            self.nullable,
            self.base,
            self.is_abstract,
            self.declared,
        ]
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

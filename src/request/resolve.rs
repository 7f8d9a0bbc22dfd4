//! A request URL resolved through a [`Service`]: segment by segment from the entity container
//! (entity sets, singletons), through keys, properties (navigation or structural, contained or
//! not), type casts and bound operations, to the [`Target`] the request addresses.
//!
//! Each step is a hash look-up ([`Service`] indexes the model once), so a URL of n segments
//! takes n look-ups and reads the properties of at most the n types it passes, whatever the
//! model's size.

use std::fmt;

use msgraph_schema_core::model::{OperationKind, Property, TypeRef, short_name};

use super::RequestError;
use super::index::{Root, Service};
use super::url::{Segment, is_graph_host, split};
use crate::model_file::ModelFileError;

/// How many close names an unknown segment's error lists at most.
const NEAREST: usize = 5;

/// The score of a close name ([`nearest`]).
const CLOSE: f64 = 0.85;

/// What a URL addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A collection of structured values: an entity set, or a collection-valued navigation or
    /// structural property.
    Collection {
        /// The item type's qualified name.
        ty: String,
        /// Whether the items are entities (a key may follow).
        entities: bool,
    },
    /// One structured value: a singleton, an entity by key, a single-valued navigation or
    /// complex property.
    Single {
        /// The type's qualified name.
        ty: String,
        /// Whether it is an entity.
        entity: bool,
    },
    /// A primitive or enum property.
    Value {
        /// Its CSDL type (`Edm.String`, `microsoft.graph.importance`).
        ty: String,
        /// Whether it is a collection.
        collection: bool,
    },
    /// A bound action or function.
    Operation {
        /// Its parameters' type (`microsoft.graph.user.sendMail`): an action's body.
        parameters: String,
        /// The operation's qualified name (`microsoft.graph.sendMail`).
        name: String,
        /// The type it is bound to.
        binding: String,
        /// Action or function.
        kind: OperationKind,
    },
    /// A reference (`$ref`) to an entity, or to the entities of a collection.
    Reference {
        /// Whether the references are a collection's.
        collection: bool,
    },
    /// A raw value (`$value`): a media entity's stream, a primitive's text.
    Media,
    /// A count (`$count`).
    Count,
    /// The batch endpoint (`/$batch`): the body is a JSON batch.
    Batch,
    /// The metadata document (`/$metadata`).
    Metadata,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Collection { ty, .. } => write!(f, "a collection of {ty}"),
            Target::Single { ty, .. } => write!(f, "{ty}"),
            Target::Value { ty, collection } => match collection {
                true => write!(f, "a collection of {ty}"),
                false => write!(f, "{ty}"),
            },
            Target::Operation {
                name,
                kind,
                binding,
                ..
            } => {
                let kind = match kind {
                    OperationKind::Action => "action",
                    OperationKind::Function => "function",
                };
                write!(f, "{kind} {name} bound to {binding}")
            }
            Target::Reference { collection: true } => f.write_str("references ($ref)"),
            Target::Reference { collection: false } => f.write_str("a reference ($ref)"),
            Target::Media => f.write_str("a raw value ($value)"),
            Target::Count => f.write_str("a count ($count)"),
            Target::Batch => f.write_str("a JSON batch ($batch)"),
            Target::Metadata => f.write_str("the metadata document ($metadata)"),
        }
    }
}

/// What one segment of a resolved URL was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// An entity set of the container.
    EntitySet,
    /// A singleton of the container.
    Singleton,
    /// A key (`/{id}`, `/123`, `('…')`) after a collection of entities.
    Key,
    /// A property of the type reached so far (or of a base).
    Property,
    /// A cast to a derived type (`/microsoft.graph.group`).
    Cast,
    /// A bound action or function.
    Operation,
    /// `$ref`, `$value`, `$count`, `$batch` or `$metadata`.
    System,
}

/// One segment of a resolved URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The segment as written.
    pub segment: String,
    /// Its byte offset in the URL.
    pub at: usize,
    /// What it was.
    pub kind: StepKind,
}

/// A URL resolved: what it addresses and how it got there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The version the URL names, if it names one.
    pub version: Option<String>,
    /// Each segment and what it was (a key in parentheses is a step of its own).
    pub steps: Vec<Step>,
    /// What the URL addresses.
    pub target: Target,
    /// The target's type place, for the body's validator.
    pub(crate) state: State,
}

/// Where the walk is, by type place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    Root,
    Collection { ty: usize, entities: bool },
    Single { ty: usize, entity: bool },
    Value { collection: bool },
    Operation { parameters: usize },
    Reference,
    Media,
    Count,
    Batch,
    Metadata,
}

/// A URL that does not resolve, located at its segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlError {
    /// The URL as given.
    pub url: String,
    /// The segment that does not resolve, as written (the whole URL when it names nothing).
    pub segment: String,
    /// Its byte offset in the URL.
    pub at: usize,
    /// Its 1-based number among the path's segments.
    pub position: usize,
    /// Why it does not resolve.
    pub reason: UrlReason,
    /// The valid segments nearest to it, closest first (none when nothing may follow).
    pub nearest: Vec<String>,
}

/// Why a segment does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlReason {
    /// The path is empty: it names no resource.
    Empty,
    /// No entity set or singleton has that name.
    UnknownRoot,
    /// Neither a property nor an operation bound to the type reached (or its bases).
    UnknownMember {
        /// The type reached.
        ty: String,
    },
    /// A qualified name that is neither a type derived from the one reached nor an operation
    /// bound to it.
    UnknownName {
        /// The type reached.
        ty: String,
    },
    /// A cast to a type that does not derive from the one reached.
    NotDerived {
        /// The type reached.
        ty: String,
    },
    /// A key (or a placeholder) where no key fits: after a single value or a collection of
    /// complex values.
    NoKey {
        /// What was reached.
        reached: String,
    },
    /// A segment after an operation whose call ends a path.
    AfterOperation {
        /// The operation.
        operation: String,
        /// Why its call ends the path.
        end: OperationEnd,
    },
    /// A segment after the end of a path: `$ref`, `$value`, `$count` or a primitive property.
    AfterEnd {
        /// What ended the path.
        end: String,
    },
    /// The model lacks the type that an entity set, singleton or property names.
    MissingType {
        /// The type's name.
        ty: String,
    },
    /// A property or operation of types derived from the one reached, not of it: a cast must
    /// come first.
    NeedsCast {
        /// The type reached.
        ty: String,
        /// The derived types that have it, in model order.
        derived: Vec<String>,
    },
    /// A full URL whose host is not Graph's.
    OtherHost {
        /// The host.
        host: String,
    },
}

/// Why the call of an operation ends a path: OData lets path segments follow only a composable
/// function's result (CSDL §12.2, `IsComposable`; Graph's URL parser refuses a segment after an
/// action, a function not composable or an operation returning nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationEnd {
    /// An action: its result is never composed upon.
    Action,
    /// A function the metadata does not mark composable.
    NotComposable,
    /// A function that returns nothing, or whose result the model has no type for.
    NoResult,
}

impl fmt::Display for OperationEnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OperationEnd::Action => "an action, which ends a path",
            OperationEnd::NotComposable => {
                "a function the metadata does not mark composable, which ends a path"
            }
            OperationEnd::NoResult => "a function whose result the model does not describe",
        })
    }
}

impl UrlReason {
    /// A stable snake_case name: `unknown_root`, `unknown_member`, `after_operation`, ….
    pub const fn name(&self) -> &'static str {
        match self {
            UrlReason::Empty => "empty",
            UrlReason::UnknownRoot => "unknown_root",
            UrlReason::UnknownMember { .. } => "unknown_member",
            UrlReason::UnknownName { .. } => "unknown_name",
            UrlReason::NotDerived { .. } => "not_derived",
            UrlReason::NoKey { .. } => "no_key",
            UrlReason::AfterOperation { .. } => "after_operation",
            UrlReason::AfterEnd { .. } => "after_end",
            UrlReason::MissingType { .. } => "missing_type",
            UrlReason::NeedsCast { .. } => "needs_cast",
            UrlReason::OtherHost { .. } => "other_host",
        }
    }
}

impl UrlError {
    /// The 1-based column (in characters) of the segment in the URL.
    pub fn column(&self) -> usize {
        self.url
            .get(..self.at)
            .map_or(1, |before| before.chars().count() + 1)
    }

    /// What is wrong, in one line (without the URL drawn underneath: see `Display`).
    pub fn message(&self) -> String {
        let segment = &self.segment;
        let mut text = match &self.reason {
            UrlReason::Empty => "the URL names no resource".to_owned(),
            UrlReason::UnknownRoot => {
                format!("`{segment}` is no entity set or singleton of the model")
            }
            UrlReason::UnknownMember { ty } => {
                format!("`{segment}` is neither a property of {ty} nor an operation bound to it")
            }
            UrlReason::UnknownName { ty } => format!(
                "`{segment}` names neither a type derived from {ty} nor an operation bound to it"
            ),
            UrlReason::NotDerived { ty } => {
                format!("`{segment}` is a type that does not derive from {ty}: no cast to it")
            }
            UrlReason::NoKey { reached } => {
                format!("`{segment}` is a key, but {reached} takes none")
            }
            UrlReason::AfterOperation { operation, end } => {
                format!("`{segment}` follows {operation}, {end}")
            }
            UrlReason::AfterEnd { end } => format!("`{segment}` follows {end}, which ends a path"),
            UrlReason::MissingType { ty } => {
                format!("`{segment}` is of type {ty}, which the model lacks")
            }
            UrlReason::NeedsCast { ty, derived } => {
                let first = &derived[0];
                let others = match derived.len() {
                    1 => String::new(),
                    2 => format!(" and {}", derived[1]),
                    n => format!(" and {} more", n - 1),
                };
                format!(
                    "`{segment}` belongs to {first}{others}, derived from {ty}: cast first (`/{first}/{segment}`)"
                )
            }
            UrlReason::OtherHost { host } => {
                format!("`{host}` is not a Graph host (graph.microsoft.com or a national cloud's)")
            }
        };
        if !matches!(self.reason, UrlReason::Empty | UrlReason::OtherHost { .. }) {
            text.push_str(&format!(
                " (segment {}, column {} of the URL)",
                self.position,
                self.column()
            ));
        }
        if !self.nearest.is_empty() {
            text.push_str("; nearest: ");
            text.push_str(&self.nearest.join(", "));
        }
        text
    }
}

/// The message, then the URL with the segment underlined.
impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.message())?;
        writeln!(f, "  {}", self.url)?;
        let width = self.segment.chars().count().max(1);
        write!(
            f,
            "  {}{}",
            " ".repeat(self.column() - 1),
            "^".repeat(width)
        )
    }
}

impl std::error::Error for UrlError {}

impl Service<'_> {
    /// Resolves `url` (a path, relative or from the root, or a full URL; its query string
    /// ignored) to what it addresses.
    ///
    /// ```no_run
    /// # let file = msgraph_schema::model_file::ModelFile::open("out/beta/model.bin".as_ref()).unwrap();
    /// use msgraph_schema::request::{Service, Target};
    ///
    /// let service = Service::new(&file);
    /// let resolved = service.resolve("/users/{id}/sendMail").unwrap();
    /// assert!(matches!(resolved.target, Target::Operation { .. }));
    /// ```
    pub fn resolve(&self, url: &str) -> Result<Resolved, RequestError> {
        let parts = split(url);
        if let Some((host, at)) = parts.host.filter(|(host, _)| !is_graph_host(host)) {
            return Err(RequestError::Url(Box::new(UrlError {
                url: url.to_owned(),
                segment: host.to_owned(),
                at,
                position: 0,
                reason: UrlReason::OtherHost {
                    host: host.to_owned(),
                },
                nearest: Vec::new(),
            })));
        }
        let mut walk = Walk {
            service: self,
            url,
            state: State::Root,
            steps: Vec::with_capacity(parts.segments.len() + 1),
            last_operation: String::new(),
            last_end: String::new(),
            value_type: String::new(),
            reference_collection: false,
        };
        if parts.segments.is_empty() {
            return Err(RequestError::Url(walk.error(
                &Segment {
                    text: url,
                    at: 0,
                    name: url,
                    args: None,
                    path: None,
                },
                0,
                UrlReason::Empty,
                Vec::new(),
            )));
        }
        for (index, segment) in parts.segments.iter().enumerate() {
            walk.step(segment, index + 1)?;
        }
        let target = walk.target()?;
        Ok(Resolved {
            version: parts.version.map(str::to_owned),
            steps: walk.steps,
            target,
            state: walk.state,
        })
    }
}

/// The walk along a URL.
struct Walk<'s, 'f, 'u> {
    service: &'s Service<'f>,
    url: &'u str,
    state: State,
    steps: Vec<Step>,
    /// The last operation passed, for an error after it.
    last_operation: String,
    /// What ended the path, for an error after it.
    last_end: String,
    /// The CSDL type of the primitive or enum property reached.
    value_type: String,
    /// Whether the `$ref` reached is a collection's.
    reference_collection: bool,
}

impl Walk<'_, '_, '_> {
    fn step(&mut self, segment: &Segment<'_>, position: usize) -> Result<(), RequestError> {
        let service = self.service;
        let name = segment.name;
        let fail = |walk: &Walk<'_, '_, '_>, reason, nearest| {
            Err(RequestError::Url(
                walk.error(segment, position, reason, nearest),
            ))
        };
        match self.state {
            State::Root => {
                match name {
                    "$batch" => return self.system(segment, State::Batch),
                    "$metadata" => return self.system(segment, State::Metadata),
                    _ => {}
                }
                let Some(root) = service.root(name) else {
                    let nearest = nearest(name, service.root_names());
                    return fail(self, UrlReason::UnknownRoot, nearest);
                };
                self.root(segment, position, root)
            }
            State::Collection { ty, entities } => {
                if let Some(state) = self.system_after(name, true) {
                    return self.system(segment, state);
                }
                if self.operation(segment, ty)? {
                    return Ok(());
                }
                if self.cast(segment, position, ty, |ty, entities| State::Collection {
                    ty,
                    entities,
                })? {
                    return Ok(());
                }
                if segment.args.is_some() && !segment.is_placeholder() {
                    let nearest = nearest(name, service.member_names(ty).map_err(model)?);
                    return fail(self, self.unknown(name, ty), nearest);
                }
                if !entities {
                    let reached = format!("a collection of {}", service.ty(ty).name);
                    return fail(self, UrlReason::NoKey { reached }, Vec::new());
                }
                self.push(segment, StepKind::Key);
                self.state = State::Single { ty, entity: true };
                Ok(())
            }
            State::Single { ty, .. } => {
                if let Some(state) = self.system_after(name, false) {
                    return self.system(segment, state);
                }
                if let Some(property) = service.property(ty, name).map_err(model)? {
                    let property = property.clone();
                    return self.property(segment, position, &property);
                }
                if self.operation(segment, ty)? {
                    return Ok(());
                }
                if self.cast(segment, position, ty, |ty, entity| State::Single {
                    ty,
                    entity,
                })? {
                    return Ok(());
                }
                if segment.is_placeholder() {
                    let reached = service.ty(ty).name.to_string();
                    return fail(self, UrlReason::NoKey { reached }, Vec::new());
                }
                let derived = service.derived_with_member(ty, name).map_err(model)?;
                if !derived.is_empty() {
                    let ty = service.ty(ty).name.to_string();
                    return fail(self, UrlReason::NeedsCast { ty, derived }, Vec::new());
                }
                let nearest = nearest(name, service.member_names(ty).map_err(model)?);
                fail(self, self.unknown(name, ty), nearest)
            }
            State::Value { collection } => match (name, collection) {
                ("$value", false) => self.system(segment, State::Media),
                ("$count", true) => self.system(segment, State::Count),
                _ => {
                    let end = self.last_end.clone();
                    fail(self, UrlReason::AfterEnd { end }, Vec::new())
                }
            },
            State::Operation { parameters } => {
                // A composable function's result is addressed as a value of its type: what
                // may follow it is what may follow a property of that type (OData ABNF
                // `boundFunctionCall [ collectionNavigation / singleNavigation / … ]`).
                let of = service.ty(parameters).operation.as_ref();
                let end = match (of.map(|of| of.kind), of.and_then(|of| of.returns.as_ref())) {
                    (Some(OperationKind::Action), _) => OperationEnd::Action,
                    (_, None) => OperationEnd::NoResult,
                    (_, Some(returns)) if !returns.composable => OperationEnd::NotComposable,
                    (_, Some(returns)) => {
                        let (ty, collection) = (returns.ty.clone(), returns.collection);
                        self.result(segment, position, &ty, collection)?;
                        return self.step(segment, position);
                    }
                };
                let operation = self.last_operation.clone();
                fail(
                    self,
                    UrlReason::AfterOperation { operation, end },
                    Vec::new(),
                )
            }
            State::Reference | State::Media | State::Count | State::Batch | State::Metadata => {
                let end = self.last_end.clone();
                fail(self, UrlReason::AfterEnd { end }, Vec::new())
            }
        }
    }

    /// An entity set or singleton, with a key in parentheses if given.
    fn root(
        &mut self,
        segment: &Segment<'_>,
        position: usize,
        root: Root,
    ) -> Result<(), RequestError> {
        let resource = match root.singleton {
            true => &self.service.outline().container.singletons[root.at],
            false => &self.service.outline().container.entity_sets[root.at],
        };
        let Some(ty) = root.ty else {
            let ty = resource.ty.to_string();
            return Err(RequestError::Url(self.error(
                segment,
                position,
                UrlReason::MissingType { ty },
                Vec::new(),
            )));
        };
        if root.singleton {
            self.push(segment, StepKind::Singleton);
            self.state = State::Single { ty, entity: true };
            return self.key_or_path(segment, position);
        }
        self.push(segment, StepKind::EntitySet);
        self.state = State::Collection { ty, entities: true };
        self.key_or_path(segment, position)
    }

    /// After a segment that reached a collection or single value: its key in parentheses
    /// (`users('1')`), and its OneDrive path (`root:/a.txt:`), which keeps the type.
    fn key_or_path(&mut self, segment: &Segment<'_>, position: usize) -> Result<(), RequestError> {
        if segment.args.is_some() {
            match self.state {
                State::Collection { ty, entities: true } => {
                    self.push(segment, StepKind::Key);
                    self.state = State::Single { ty, entity: true };
                }
                _ => {
                    let reached = self.reached();
                    return Err(RequestError::Url(self.error(
                        segment,
                        position,
                        UrlReason::NoKey { reached },
                        Vec::new(),
                    )));
                }
            }
        }
        Ok(())
    }

    /// A property of the type reached.
    fn property(
        &mut self,
        segment: &Segment<'_>,
        position: usize,
        property: &Property,
    ) -> Result<(), RequestError> {
        self.push(segment, StepKind::Property);
        self.state = self.state_of(segment, position, &property.ty, property.collection)?;
        if matches!(self.state, State::Value { .. }) {
            self.last_end = format!("the property `{}`", property.name);
        }
        self.key_or_path(segment, position)
    }

    /// Moves from the operation just called to its result, a value (or collection) of `ty`;
    /// the segment that follows it is then taken as it would be after a property of that type.
    fn result(
        &mut self,
        segment: &Segment<'_>,
        position: usize,
        ty: &TypeRef,
        collection: bool,
    ) -> Result<(), RequestError> {
        self.state = self.state_of(segment, position, ty, collection)?;
        if matches!(self.state, State::Value { .. }) {
            self.last_end = format!("the result of {}", self.last_operation);
        }
        Ok(())
    }

    /// Where a value (or collection) of `ty` leaves the walk: the type's place for a structured
    /// type, an error at `segment` when the model lacks it.
    fn state_of(
        &mut self,
        segment: &Segment<'_>,
        position: usize,
        ty: &TypeRef,
        collection: bool,
    ) -> Result<State, RequestError> {
        Ok(match ty {
            TypeRef::Struct(name) => {
                let Some(id) = self.service.type_id(name) else {
                    let ty = name.to_string();
                    return Err(RequestError::Url(self.error(
                        segment,
                        position,
                        UrlReason::MissingType { ty },
                        Vec::new(),
                    )));
                };
                let entity = self.service.is_entity(id).map_err(model)?;
                match collection {
                    true => State::Collection {
                        ty: id,
                        entities: entity,
                    },
                    false => State::Single { ty: id, entity },
                }
            }
            TypeRef::Primitive(_) | TypeRef::Enum(_) => {
                self.value_type = ty.csdl_name().to_owned();
                State::Value { collection }
            }
        })
    }

    /// A bound operation of `ty` (or of a base) named by the segment: `true` when found.
    fn operation(&mut self, segment: &Segment<'_>, ty: usize) -> Result<bool, RequestError> {
        let Some(found) = self.service.operation(ty, segment.name) else {
            return Ok(false);
        };
        let parameters = found[0];
        if let Some(of) = &self.service.ty(parameters).operation {
            self.last_operation = of.name.to_string();
        }
        self.push(segment, StepKind::Operation);
        self.state = State::Operation { parameters };
        Ok(true)
    }

    /// A cast of `ty` to a derived type named by the segment: `true` when it is one, an error
    /// when it names a type that does not derive from `ty`.
    fn cast(
        &mut self,
        segment: &Segment<'_>,
        position: usize,
        ty: usize,
        to: impl Fn(usize, bool) -> State,
    ) -> Result<bool, RequestError> {
        let name = segment.name;
        if !name.contains('.') {
            return Ok(false);
        }
        match self.service.type_id(name) {
            Some(cast) if self.service.derives_from(cast, ty) => {
                let entity = self.service.is_entity(cast).map_err(model)?;
                self.push(segment, StepKind::Cast);
                self.state = to(cast, entity);
                self.key_or_path(segment, position)?;
                Ok(true)
            }
            Some(_) => {
                let ty = self.service.ty(ty).name.to_string();
                Err(RequestError::Url(self.error(
                    segment,
                    position,
                    UrlReason::NotDerived { ty },
                    Vec::new(),
                )))
            }
            None if is_qualified(name) => {
                let nearest = nearest(
                    short_name(name),
                    self.service.member_names(ty).map_err(model)?,
                );
                let ty = self.service.ty(ty).name.to_string();
                Err(RequestError::Url(self.error(
                    segment,
                    position,
                    UrlReason::UnknownName { ty },
                    nearest,
                )))
            }
            None => Ok(false),
        }
    }

    /// The system segment `name` where a collection (`collection`) or single value was
    /// reached, if it is one that may follow.
    fn system_after(&self, name: &str, collection: bool) -> Option<State> {
        match (name, collection) {
            ("$ref", _) => Some(State::Reference),
            ("$count", true) => Some(State::Count),
            ("$value", false) => Some(State::Media),
            _ => None,
        }
    }

    fn system(&mut self, segment: &Segment<'_>, state: State) -> Result<(), RequestError> {
        if state == State::Reference {
            self.reference_collection = matches!(self.state, State::Collection { .. });
        }
        self.push(segment, StepKind::System);
        self.last_end = format!("`{}`", segment.name);
        self.state = state;
        Ok(())
    }

    fn push(&mut self, segment: &Segment<'_>, kind: StepKind) {
        self.steps.push(Step {
            segment: segment.text.to_owned(),
            at: segment.at,
            kind,
        });
    }

    /// The reason for an unknown segment `name` after type `ty`.
    fn unknown(&self, name: &str, ty: usize) -> UrlReason {
        let ty = self.service.ty(ty).name.to_string();
        match is_qualified(name) {
            true => UrlReason::UnknownName { ty },
            false => UrlReason::UnknownMember { ty },
        }
    }

    /// What the walk has reached, in words.
    fn reached(&self) -> String {
        match self.state {
            State::Collection { ty, .. } => {
                format!("a collection of {}", self.service.ty(ty).name)
            }
            State::Single { ty, .. } => self.service.ty(ty).name.to_string(),
            _ => self.last_end.clone(),
        }
    }

    fn error(
        &self,
        segment: &Segment<'_>,
        position: usize,
        reason: UrlReason,
        nearest: Vec<String>,
    ) -> Box<UrlError> {
        Box::new(UrlError {
            url: self.url.to_owned(),
            segment: segment.text.to_owned(),
            at: segment.at,
            position,
            reason,
            nearest,
        })
    }

    /// The target the walk ended at.
    fn target(&self) -> Result<Target, RequestError> {
        let service = self.service;
        let name = |ty: usize| service.ty(ty).name.to_string();
        Ok(match self.state {
            State::Root => unreachable!("a walk of at least one segment leaves the root"),
            State::Collection { ty, entities } => Target::Collection {
                ty: name(ty),
                entities,
            },
            State::Single { ty, entity } => Target::Single {
                ty: name(ty),
                entity,
            },
            State::Value { collection } => Target::Value {
                ty: self.value_type.clone(),
                collection,
            },
            State::Operation { parameters } => {
                let ty = service.ty(parameters);
                let of = ty.operation.clone().expect("an operation's parameters");
                Target::Operation {
                    parameters: ty.name.to_string(),
                    name: of.name.to_string(),
                    binding: of.binding.to_string(),
                    kind: of.kind,
                }
            }
            State::Reference => Target::Reference {
                collection: self.reference_collection,
            },
            State::Media => Target::Media,
            State::Count => Target::Count,
            State::Batch => Target::Batch,
            State::Metadata => Target::Metadata,
        })
    }
}

/// A model read failure, as a request error.
fn model(error: ModelFileError) -> RequestError {
    RequestError::Model(error)
}

/// Whether `name` is a qualified name in Graph's namespaces (`microsoft.graph.x`, `graph.x`):
/// identifiers joined by dots, unlike a key such as `microsoft.sharepoint.com,1b2c…`.
fn is_qualified(name: &str) -> bool {
    (name.starts_with("microsoft.") || name.starts_with("graph."))
        && name.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// The candidates nearest to `query`, closest first (Jaro-Winkler on lower case, containment
/// counting more): those scoring at least [`CLOSE`], at most [`NEAREST`]; the three nearest
/// when none does.
pub(crate) fn nearest<S: AsRef<str>>(
    query: &str,
    candidates: impl IntoIterator<Item = S>,
) -> Vec<String> {
    let query = query.to_ascii_lowercase();
    let mut scored: Vec<(f64, String)> = candidates
        .into_iter()
        .map(|c| {
            let candidate = c.as_ref();
            let lower = candidate.to_ascii_lowercase();
            let mut score = strsim::jaro_winkler(&query, &lower);
            if !query.is_empty() && (lower.contains(&query) || query.contains(&lower)) {
                score += 0.2;
            }
            (score, candidate.to_owned())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    // The close ones; when none is close, the three least far.
    let close = scored
        .iter()
        .take_while(|(score, _)| *score >= CLOSE)
        .count();
    let keep = if close > 0 { close.min(NEAREST) } else { 3 };
    scored
        .into_iter()
        .take(keep)
        .map(|(_, name)| name)
        .collect()
}

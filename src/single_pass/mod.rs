//! The single-pass validator: reads a payload's bytes once, checking the JSON grammar and the
//! model's rules as it goes, without building a `serde_json::Value`.
//!
//! Strings are borrowed from the input unless they hold escapes, the JSON Pointer of the
//! current value lives on the stack and is rendered only for an error, and line and column
//! come from the byte offsets the same pass records. The rules and messages are the typed
//! validator's ([`Checker`](crate::Checker)): both validators report the same errors, which the tests check on
//! every payload against the typed validator and the JSON Schema.
//!
//! ```
//! use msgraph_schema::single_pass::Validator;
//! use msgraph_schema::types::DeviceHealthScriptDeviceState;
//! use msgraph_schema::{GraphModel, Options, TypeEntry};
//!
//! let entry = TypeEntry::of::<DeviceHealthScriptDeviceState>();
//! let validator = Validator::new(&entry.model(), entry.name(), Options::default()).unwrap();
//! let report = validator.check(br#"{"detectionState": "String"}"#);
//! assert_eq!(report.errors[0].pointer(), "/detectionState");
//! assert_eq!((report.errors[0].line, report.errors[0].column), (1, 20));
//! ```

mod reach;
mod walk;

use reach::reach;
pub(crate) use reach::{Edge, Reach};

use std::fmt;
use std::sync::Arc;

use msgraph_schema_core::model::{
    EnumType, Model, ModelIndex, Primitive, Property, StructuredType, TypeRef, parameter_alias,
};
use msgraph_schema_core::rules::Options;

use crate::deferred::EnumWords;
use crate::json;
use crate::report::{Disagreement, Error, ErrorKind, Limits, Report};

/// A type's validator, compiled once from the model and reused for every payload. It holds the
/// root type and the types a value of it may hold (its properties' types and the types derived
/// from them, transitively), each compiled once, and nothing else of the model.
pub struct Validator {
    options: Options,
    /// The root's index in `structs`.
    root: usize,
    /// The structured types compiled, in model order (a root from outside the model first).
    structs: Vec<StructuredType>,
    /// The plan of each of `structs`.
    plans: Vec<TypePlan>,
    /// The enums the compiled types use, in model order.
    enums: Vec<EnumType>,
    /// Each enum's words for messages, written once.
    enum_words: Vec<Arc<EnumWords>>,
}

/// Why a [`Validator`] cannot be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// The model has no structured type of this name.
    UnknownType(String),
    /// The types (CSDL names) that properties of the compiled types use but the model does not
    /// define, in model and property order, once per property.
    MissingTypes(Vec<String>),
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::UnknownType(name) => {
                write!(f, "the model has no structured type `{name}`")
            }
            CompileError::MissingTypes(names) => write!(
                f,
                "the model does not define these types: {}",
                names.join(", ")
            ),
        }
    }
}

impl std::error::Error for CompileError {}

/// How the properties of one structured type are checked.
struct TypePlan {
    /// What each property's value (or item) is, by property index.
    targets: Vec<Target>,
    /// Property indexes by name length, then index; or, for a length that more than
    /// [`LINEAR_LOOKUP_MAX`] names share, then name and index: a look-up compares the few names
    /// of the key's length, or searches them when there are many.
    sorted: Vec<usize>,
    /// `sorted[starts[n]..starts[n + 1]]` are the properties whose names are `n` bytes long.
    starts: Vec<usize>,
    /// The types derived from this one (indexes into the validator's structs), which a
    /// value's `@odata.type` may choose.
    derived: Vec<usize>,
    /// The properties the options require, by index.
    required: Vec<usize>,
}

/// What a value must be, resolved against the compiled types.
#[derive(Clone, Copy)]
enum Target {
    Primitive(Primitive),
    Enum(usize),
    Struct(usize),
}

/// Names of one length that are compared one by one, at most; past it they are searched.
const LINEAR_LOOKUP_MAX: usize = 4;

/// Marks a model type that the validator does not hold.
const NOT_HELD: usize = usize::MAX;

/// The root of a validator: a type of the model, or one from outside it whose properties use
/// the model's types.
enum Root {
    Model(usize),
    Outside(StructuredType),
}

/// The types one root reaches in a model, with their property types resolved: what compiling
/// needs. Built by [`Validator::with_index`] from a [`ModelIndex`], or by the model file's
/// loader from the index it built for the types it read (the same rules, [`reach`] and [`edge`],
/// on the same names).
pub(crate) struct Resolved {
    /// The root, by index into the model's structs.
    pub root: usize,
    pub reach: Reach,
    /// Each reached structured type's property types resolved, by model index (empty for the
    /// others).
    pub edges: Edges,
    /// The types derived from each reached structured type, by model index (empty for the
    /// others).
    pub derived: Vec<Vec<usize>>,
}

/// What compiling decided, before the types are copied or moved out of the model.
struct Compiled {
    root: usize,
    outside: Option<StructuredType>,
    reach: Reach,
    plans: Vec<TypePlan>,
    enum_words: Vec<Arc<EnumWords>>,
}

impl Validator {
    /// Compiles the validator of `type_name` (qualified, alias or short: the first match in
    /// model order) in `model` under `options`: builds the model's [`ModelIndex`], then see
    /// [`Validator::with_index`].
    ///
    /// Fails, naming them, when the type or a type it reaches is not in the model.
    pub fn new(
        model: &Model,
        type_name: &str,
        options: Options,
    ) -> Result<Validator, CompileError> {
        Validator::with_index(&model.index(), type_name, options)
    }

    /// Compiles the validator of `type_name` with an index built once for many validators:
    /// only the types a value of it may hold are compiled and copied.
    pub fn with_index(
        index: &ModelIndex<'_>,
        type_name: &str,
        options: Options,
    ) -> Result<Validator, CompileError> {
        let root = root_id(index, type_name)?;
        let model = index.model();
        let (reach, edges) = resolve_reach(index, &[root], &[]);
        let derived = |id: usize| index.derived(id);
        let compiled = compile(model, Root::Model(root), reach, &edges, derived, options)?;
        Ok(compiled.into_validator(
            options,
            |id| model.structs[id].clone(),
            |id| model.enums[id].clone(),
        ))
    }

    /// As [`Validator::new`], taking the model: the types compiled are moved out of it, not
    /// copied (for a model loaded only to build one validator).
    pub fn from_model(
        model: Model,
        type_name: &str,
        options: Options,
    ) -> Result<Validator, CompileError> {
        let resolved = {
            let index = model.index();
            let root = root_id(&index, type_name)?;
            let (reach, edges) = resolve_reach(&index, &[root], &[]);
            let derived = derived_lists(&index, &reach);
            Resolved {
                root,
                reach,
                edges,
                derived,
            }
        };
        Validator::from_resolved(model, resolved, options)
    }

    /// Compiles the validator of `resolved.root` in `model`, whose reached types `resolved`
    /// lists and resolves; they are moved out of `model`.
    pub(crate) fn from_resolved(
        mut model: Model,
        resolved: Resolved,
        options: Options,
    ) -> Result<Validator, CompileError> {
        let Resolved {
            root,
            reach,
            edges,
            derived,
        } = resolved;
        let derived = |id: usize| derived[id].as_slice();
        let compiled = compile(&model, Root::Model(root), reach, &edges, derived, options)?;
        let (structs, enums) = (&mut model.structs, &mut model.enums);
        // Each reached index is taken once.
        Ok(compiled.into_validator(
            options,
            |id| std::mem::replace(&mut structs[id], placeholder_struct()),
            |id| std::mem::replace(&mut enums[id], placeholder_enum()),
        ))
    }

    /// Compiles a validator whose root, `root`, is not in the model but whose properties use
    /// its types (e.g. a collection response wrapping them).
    pub(crate) fn outside(
        index: &ModelIndex<'_>,
        root: StructuredType,
        options: Options,
    ) -> Result<Validator, CompileError> {
        let root_edges = resolve_properties(index, &root.properties);
        let (roots, root_enums): (Vec<usize>, Vec<usize>) = {
            let mut roots = Vec::new();
            let mut enums = Vec::new();
            for edge in root_edges.iter().flatten() {
                match *edge {
                    Edge::Struct(id) => roots.push(id),
                    Edge::Enum(id) => enums.push(id),
                }
            }
            (roots, enums)
        };
        let model = index.model();
        let (reach, mut edges) = resolve_reach(index, &roots, &root_enums);
        // The root's edges go last, past the model's types.
        edges.push(root_edges);
        let derived = |id: usize| index.derived(id);
        let compiled = compile(model, Root::Outside(root), reach, &edges, derived, options)?;
        Ok(compiled.into_validator(
            options,
            |id| model.structs[id].clone(),
            |id| model.enums[id].clone(),
        ))
    }

    /// The structured type this validator checks.
    pub fn structured(&self) -> &StructuredType {
        &self.structs[self.root]
    }

    /// Every structured type compiled: the root and each type a value of it may hold, in model
    /// order.
    pub fn types(&self) -> &[StructuredType] {
        &self.structs
    }

    /// Every enum type the compiled types use, in model order.
    pub fn enums(&self) -> &[EnumType] {
        &self.enums
    }

    /// Validates a payload's bytes: every error, located by JSON Pointer, line and column.
    pub fn check(&self, bytes: &[u8]) -> Report {
        self.check_with(bytes, Limits::NONE)
    }

    /// Validates a payload's bytes under `limits`: the first `limits.max_errors` errors in
    /// input order, located, and the count of the others in [`Report::truncated`] (their texts
    /// never written). The memory a check takes stays within a small multiple of the payload's
    /// size, whatever it holds.
    pub fn check_with(&self, bytes: &[u8], limits: Limits) -> Report {
        // The UTF-8 check with SIMD (RFC 8259 §8.1: JSON text is UTF-8); the error's place
        // comes from `syntax_report`.
        let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
            return syntax_report(bytes);
        };
        match walk::run(self, text, limits) {
            Ok((errors, truncated)) => Report {
                errors,
                truncated,
                disagreements: Vec::new(),
            },
            Err(crate::json::reader::Invalid) => syntax_report(bytes),
        }
    }
}

/// The index of the structured type `type_name` names.
fn root_id(index: &ModelIndex<'_>, type_name: &str) -> Result<usize, CompileError> {
    index
        .struct_id(type_name)
        .ok_or_else(|| CompileError::UnknownType(type_name.to_owned()))
}

/// Where a property's type leads in the model, if anywhere: `None` for a primitive or a type
/// the model lacks.
pub(crate) fn edge(index: &ModelIndex<'_>, ty: &TypeRef) -> Option<Edge> {
    match ty {
        TypeRef::Primitive(_) => None,
        TypeRef::Enum(name) => index.enum_id(name).map(Edge::Enum),
        TypeRef::Struct(name) => index.struct_id(name).map(Edge::Struct),
    }
}

/// Each structured type's property types resolved, by model index.
pub(crate) type Edges = Vec<Vec<Option<Edge>>>;

/// Each property's type resolved.
pub(crate) fn resolve_properties(
    index: &ModelIndex<'_>,
    properties: &[Property],
) -> Vec<Option<Edge>> {
    properties.iter().map(|p| edge(index, &p.ty)).collect()
}

/// The types reached from `roots` and `root_enums` in the indexed model, and each reached
/// structured type's property types resolved (by model index; empty for the others).
fn resolve_reach(index: &ModelIndex<'_>, roots: &[usize], root_enums: &[usize]) -> (Reach, Edges) {
    let model = index.model();
    let resolved = reach_resolved(
        (model.structs.len(), model.enums.len()),
        roots,
        root_enums,
        |id| index.derived(id),
        |id| {
            let edges = resolve_properties(index, &model.structs[id].properties);
            Ok::<_, std::convert::Infallible>(edges)
        },
    );
    resolved.unwrap_or_else(|never| match never {})
}

/// [`reach`], keeping what `resolve` says of each reached structured type (by model index;
/// empty for the others).
pub(crate) fn reach_resolved<'d, E>(
    counts: (usize, usize),
    roots: &[usize],
    root_enums: &[usize],
    derived: impl Fn(usize) -> &'d [usize],
    mut resolve: impl FnMut(usize) -> Result<Vec<Option<Edge>>, E>,
) -> Result<(Reach, Edges), E> {
    let mut resolved = vec![Vec::new(); counts.0];
    let reach = reach(counts, roots, root_enums, derived, |id, out| {
        let edges = resolve(id)?;
        out.extend(edges.iter().flatten());
        resolved[id] = edges;
        Ok(())
    })?;
    Ok((reach, resolved))
}

/// The types derived from each reached structured type (by model index; empty for the
/// others).
pub(crate) fn derived_lists(index: &ModelIndex<'_>, reach: &Reach) -> Vec<Vec<usize>> {
    let mut derived = vec![Vec::new(); index.model().structs.len()];
    for &id in &reach.structs {
        derived[id] = index.derived(id).to_vec();
    }
    derived
}

/// Compiles the plans of `root` and of the types it reaches (`reach`, with their property
/// types `edges` by model index; an outside root's last) in `model`.
fn compile<'d>(
    model: &Model,
    root: Root,
    reach: Reach,
    edges: &[Vec<Option<Edge>>],
    derived: impl Fn(usize) -> &'d [usize],
    options: Options,
) -> Result<Compiled, CompileError> {
    let (root_id, outside) = match root {
        Root::Model(id) => (Some(id), None),
        Root::Outside(ty) => (None, Some(ty)),
    };
    // Model index → index in the validator.
    let first = usize::from(outside.is_some());
    let mut held = vec![NOT_HELD; model.structs.len()];
    for (at, &id) in reach.structs.iter().enumerate() {
        held[id] = first + at;
    }
    let mut held_enums = vec![NOT_HELD; model.enums.len()];
    for (at, &id) in reach.enums.iter().enumerate() {
        held_enums[id] = at;
    }
    let mut missing = Vec::new();
    let plan = |ty: &StructuredType,
                edges: &[Option<Edge>],
                derived: Vec<usize>,
                missing: &mut Vec<String>| {
        let targets = ty
            .properties
            .iter()
            .zip(edges)
            .map(|(p, edge)| match (&p.ty, edge) {
                (TypeRef::Primitive(primitive), _) => Target::Primitive(*primitive),
                (_, Some(Edge::Enum(id))) => Target::Enum(held_enums[*id]),
                (_, Some(Edge::Struct(id))) => Target::Struct(held[*id]),
                (_, None) => {
                    missing.push(p.ty.csdl_name().to_owned());
                    Target::Primitive(Primitive::String)
                }
            })
            .collect();
        TypePlan::new(ty, targets, derived, &options)
    };
    let mut plans = Vec::with_capacity(first + reach.structs.len());
    if let Some(ty) = &outside {
        let root_edges = edges.last().map_or(&[][..], Vec::as_slice);
        plans.push(plan(ty, root_edges, Vec::new(), &mut missing));
    }
    for &id in &reach.structs {
        let derived = derived(id).iter().map(|&d| held[d]).collect();
        plans.push(plan(&model.structs[id], &edges[id], derived, &mut missing));
    }
    if !missing.is_empty() {
        return Err(CompileError::MissingTypes(missing));
    }
    let enum_words = reach
        .enums
        .iter()
        .map(|&id| EnumWords::new(&model.enums[id], options))
        .collect();
    Ok(Compiled {
        root: root_id.map_or(0, |id| held[id]),
        outside,
        reach,
        plans,
        enum_words,
    })
}

impl Compiled {
    /// The validator, with each reached type from `struct_of` and `enum_of` (by model index).
    fn into_validator(
        self,
        options: Options,
        struct_of: impl FnMut(usize) -> StructuredType,
        enum_of: impl FnMut(usize) -> EnumType,
    ) -> Validator {
        let structs = self
            .outside
            .into_iter()
            .chain(self.reach.structs.iter().copied().map(struct_of))
            .collect();
        Validator {
            options,
            root: self.root,
            structs,
            plans: self.plans,
            enums: self.reach.enums.iter().copied().map(enum_of).collect(),
            enum_words: self.enum_words,
        }
    }
}

/// What is left in a model in place of a type moved into a validator.
fn placeholder_struct() -> StructuredType {
    StructuredType {
        name: "".into(),
        base: None,
        description: "".into(),
        properties: Vec::new().into(),
        source: Default::default(),
        is_abstract: false,
        from_metadata: Default::default(),
        operation: None,
    }
}

/// What is left in a model in place of an enum moved into a validator.
fn placeholder_enum() -> EnumType {
    EnumType {
        name: "".into(),
        description: "".into(),
        members: Vec::new().into(),
        source: Default::default(),
        is_flags: false,
    }
}

impl TypePlan {
    fn new(
        ty: &StructuredType,
        targets: Vec<Target>,
        derived: Vec<usize>,
        options: &Options,
    ) -> TypePlan {
        let name = |i: usize| ty.properties[i].name.as_ref();
        // A counting sort by length: property order within a length.
        let longest = ty
            .properties
            .iter()
            .map(|p| p.name.len())
            .max()
            .unwrap_or(0);
        let mut starts = vec![0; longest + 2];
        for p in ty.properties.iter() {
            starts[p.name.len() + 1] += 1;
        }
        for length in 1..starts.len() {
            starts[length] += starts[length - 1];
        }
        let mut next = starts.clone();
        let mut sorted = vec![0; ty.properties.len()];
        for (i, p) in ty.properties.iter().enumerate() {
            sorted[next[p.name.len()]] = i;
            next[p.name.len()] += 1;
        }
        // Only the lengths that many names share are searched, so only they are sorted by
        // name; the others keep property order.
        for bounds in starts.windows(2) {
            let same_length = &mut sorted[bounds[0]..bounds[1]];
            if same_length.len() > LINEAR_LOOKUP_MAX {
                same_length.sort_unstable_by(|&a, &b| name(a).cmp(name(b)).then(a.cmp(&b)));
            }
        }
        let required = (0..ty.properties.len())
            .filter(|&p| options.requires(&ty.properties[p]))
            .collect();
        TypePlan {
            targets,
            sorted,
            starts,
            derived,
            required,
        }
    }

    /// The index of the property that member `key` names in `ty` (the first, should two share
    /// its name): by its wire name, or for an operation's parameters by its second spelling
    /// ([`StructuredType::member`]).
    #[inline]
    fn find(&self, ty: &StructuredType, key: &str) -> Option<usize> {
        self.find_exact(ty, key).or_else(|| {
            ty.operation.as_ref()?;
            self.find_exact(ty, &parameter_alias(key)?)
        })
    }

    /// The index of the property named exactly `key` in `ty`.
    #[inline]
    fn find_exact(&self, ty: &StructuredType, key: &str) -> Option<usize> {
        let length = key.len();
        let (&from, &to) = (self.starts.get(length)?, self.starts.get(length + 1)?);
        let same_length = &self.sorted[from..to];
        let name = |i: usize| ty.properties[i].name.as_ref();
        if same_length.len() <= LINEAR_LOOKUP_MAX {
            return same_length.iter().copied().find(|&i| name(i) == key);
        }
        let at = same_length.partition_point(|&i| name(i) < key);
        same_length.get(at).copied().filter(|&i| name(i) == key)
    }
}

/// The report of text that is not JSON, with `serde_json`'s located message. Should it parse
/// after all, the two readers disagree: a bug, reported and never hidden.
fn syntax_report(bytes: &[u8]) -> Report {
    match json::parse(bytes) {
        Err(error) => Report {
            errors: vec![*error],
            ..Report::default()
        },
        Ok(_) => Report {
            errors: vec![Error::new(
                String::new(),
                ErrorKind::Syntax,
                "the single-pass reader rejects this text, which serde_json accepts",
            )],
            truncated: 0,
            disagreements: vec![Disagreement {
                pointer: String::new(),
                kind: ErrorKind::Syntax,
                reported_by: "single_pass".into(),
            }],
        },
    }
}

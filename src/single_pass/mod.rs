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

mod compile;
mod reach;
mod walk;

pub(crate) use compile::TypeSource;
use compile::{Held, HeldEnum, Layout, Target};
use reach::reach;
pub(crate) use reach::{Edge, Reach};

use std::fmt;
use std::sync::{Arc, OnceLock};

use msgraph_schema_core::model::{
    EnumType, Model, ModelIndex, Property, StructuredType, Text, TypeRef,
};
use msgraph_schema_core::rules::Options;

use crate::json;
use crate::report::{Disagreement, Error, ErrorKind, Limits, Report};

/// A type's validator, compiled once and reused for every payload. It holds the root type and
/// the types a value of it may hold (its properties' types and the types derived from them,
/// transitively), each compiled once: all at once from a model in memory, or from a model
/// file on the first payload that holds a value of it, and nothing else of the model.
pub struct Validator {
    options: Options,
    /// Where each type lives in the validator, decided when compiling.
    layout: Layout,
    /// Each structured type held, by slot, compiled once (boxed: a validator over a whole
    /// model has a slot for every type, and most stay empty).
    structs: Vec<OnceLock<Box<Held>>>,
    /// Each enum type held, by slot, compiled once.
    enums: Vec<OnceLock<Box<HeldEnum>>>,
    /// Where a type not compiled yet is read from; `None` when all were compiled at once.
    source: Option<Box<dyn TypeSource>>,
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

/// The root of a validator: a type of the model, or one from outside it whose properties use
/// the model's types.
enum Root {
    Model(usize),
    Outside(Box<StructuredType>),
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
        Validator::compiled_now(
            model,
            Root::Model(root),
            &reach,
            &edges,
            derived,
            options,
            |id| model.structs[id].clone(),
            |id| model.enums[id].clone(),
        )
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
        // The names of the reached types, kept before the types are moved.
        let mut names = vec![Text::Borrowed(""); model.structs.len()];
        for &id in &reach.structs {
            names[id] = model.structs[id].name.clone();
        }
        let (structs, enums) = (&mut model.structs, &mut model.enums);
        let counts = (structs.len(), enums.len());
        // Each reached index is taken once.
        Validator::compiled_now_with(
            counts,
            |id| names[id].clone(),
            Root::Model(root),
            &reach,
            &edges,
            derived,
            options,
            |id| std::mem::replace(&mut structs[id], placeholder_struct()),
            |id| std::mem::replace(&mut enums[id], placeholder_enum()),
        )
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
        Validator::compiled_now(
            model,
            Root::Outside(Box::new(root)),
            &reach,
            &edges,
            derived,
            options,
            |id| model.structs[id].clone(),
            |id| model.enums[id].clone(),
        )
    }

    /// A validator of structured type `root` of a model whose types are compiled on first
    /// use, read from `source`, each in the slot of its model index: `names` and `derived`
    /// are by model index (shared by the model's validators), `enums` counts the model's enum
    /// types. Every type `root` reaches must be in the model.
    pub(crate) fn lazy(
        root: usize,
        names: Arc<[Text]>,
        derived: Arc<[Vec<usize>]>,
        enums: usize,
        options: Options,
        source: Box<dyn TypeSource>,
    ) -> Validator {
        let layout = Layout::whole_model(root, names, derived, enums);
        let (structs, enums) = layout.counts();
        Validator {
            options,
            structs: (0..structs).map(|_| OnceLock::new()).collect(),
            enums: (0..enums).map(|_| OnceLock::new()).collect(),
            layout,
            source: Some(source),
        }
    }

    /// A validator with every type compiled now, from a model's types (`struct_of`, `enum_of`
    /// by model index).
    #[allow(clippy::too_many_arguments)]
    fn compiled_now<'d>(
        model: &Model,
        root: Root,
        reach: &Reach,
        edges: &[Vec<Option<Edge>>],
        derived: impl Fn(usize) -> &'d [usize],
        options: Options,
        struct_of: impl FnMut(usize) -> StructuredType,
        enum_of: impl FnMut(usize) -> EnumType,
    ) -> Result<Validator, CompileError> {
        Validator::compiled_now_with(
            (model.structs.len(), model.enums.len()),
            |id| model.structs[id].name.clone(),
            root,
            reach,
            edges,
            derived,
            options,
            struct_of,
            enum_of,
        )
    }

    /// [`Validator::compiled_now`], with the model's counts and names given apart (for types
    /// moved out of it).
    #[allow(clippy::too_many_arguments)]
    fn compiled_now_with<'d>(
        counts: (usize, usize),
        name: impl Fn(usize) -> Text,
        root: Root,
        reach: &Reach,
        edges: &[Vec<Option<Edge>>],
        derived: impl Fn(usize) -> &'d [usize],
        options: Options,
        mut struct_of: impl FnMut(usize) -> StructuredType,
        mut enum_of: impl FnMut(usize) -> EnumType,
    ) -> Result<Validator, CompileError> {
        let (root, outside) = match root {
            Root::Model(id) => (Ok(id), None),
            Root::Outside(ty) => (Err(ty.name.clone()), Some(*ty)),
        };
        let layout = Layout::reached(counts, root, reach, derived, name);
        let mut missing = Vec::new();
        // An outside root's edges are last in `edges`, past the model's types.
        let root_edges = edges.last().map_or(&[][..], Vec::as_slice);
        let outside = outside.map(|ty| (ty, root_edges));
        let reached = reach
            .structs
            .iter()
            .map(|&id| (struct_of(id), edges[id].as_slice()));
        let structs = outside
            .into_iter()
            .chain(reached)
            .map(|(ty, edges)| {
                OnceLock::from(Box::new(Held::new(
                    ty,
                    edges,
                    &layout,
                    &options,
                    &mut missing,
                )))
            })
            .collect();
        if !missing.is_empty() {
            return Err(CompileError::MissingTypes(missing));
        }
        let enums = reach
            .enums
            .iter()
            .map(|&id| OnceLock::from(Box::new(HeldEnum::new(enum_of(id), options))))
            .collect();
        Ok(Validator {
            options,
            layout,
            structs,
            enums,
            source: None,
        })
    }

    /// The compiled type in `slot`, compiled now if no payload held one before.
    fn held(&self, slot: usize) -> &Held {
        self.structs[slot].get_or_init(|| {
            let id = self.layout.model_id(slot);
            Box::new(match &self.source {
                Some(source) => {
                    let (ty, edges) = source.structured(id);
                    // No type is missing: see `TypeSource`.
                    Held::new(ty, &edges, &self.layout, &self.options, &mut Vec::new())
                }
                // Every slot of a validator without a source was filled when compiling; an
                // empty type is never reached.
                None => {
                    let ty = name_only(&self.layout.names[slot]);
                    Held::new(ty, &[], &self.layout, &self.options, &mut Vec::new())
                }
            })
        })
    }

    /// The compiled enum in `slot`, compiled now if no payload held one before.
    fn held_enum(&self, slot: usize) -> &HeldEnum {
        self.enums[slot].get_or_init(|| {
            let ty = match &self.source {
                Some(source) => source.enumeration(self.layout.enum_model_id(slot)),
                // As in `held`: never reached.
                None => placeholder_enum(),
            };
            Box::new(HeldEnum::new(ty, self.options))
        })
    }

    /// The structured type this validator checks.
    pub fn structured(&self) -> &StructuredType {
        &self.held(self.layout.root).ty
    }

    /// Every structured type a value of the root may hold: the root and each type it reaches,
    /// in model order (an outside root first). A validator read from a model file compiles
    /// them now if no payload did.
    pub fn types(&self) -> impl ExactSizeIterator<Item = &StructuredType> {
        (0..self.structs.len()).map(|slot| &self.held(slot).ty)
    }

    /// Every enum type the validator's types use, in model order (compiled now, as
    /// [`Validator::types`]).
    pub fn enums(&self) -> impl ExactSizeIterator<Item = &EnumType> {
        (0..self.enums.len()).map(|slot| &self.held_enum(slot).ty)
    }

    /// The structured types compiled so far: all of [`Validator::types`] for a validator
    /// compiled from a model in memory; for one read from a model file, those the payloads
    /// checked so far held (and any [`Validator::types`] compiled).
    pub fn compiled(&self) -> impl Iterator<Item = &StructuredType> {
        self.structs
            .iter()
            .filter_map(|held| held.get().map(|held| &held.ty))
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

/// Which structured types of the indexed model reach a property type the model lacks (their
/// validators cannot be compiled), by model index.
pub(crate) fn incomplete_types(index: &ModelIndex<'_>) -> Vec<bool> {
    let model = index.model();
    reach::incomplete(
        model.structs.len(),
        |id| index.derived(id),
        |id| {
            let properties = &model.structs[id].properties;
            let edges = resolve_properties(index, properties);
            let misses = edges
                .iter()
                .zip(properties.iter())
                .any(|(edge, p)| edge.is_none() && !matches!(p.ty, TypeRef::Primitive(_)));
            (edges.into_iter().flatten().collect(), misses)
        },
    )
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

/// A structured type with a name and nothing else.
fn name_only(name: &Text) -> StructuredType {
    StructuredType {
        name: name.clone(),
        ..placeholder_struct()
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

//! Compiling a validator in two steps: the [`Layout`] of every type a root reaches, decided at
//! once and cheap, and each type's [`Held`] plan, made at once from a model in memory or on
//! first use from a model file ([`TypeSource`]), so that a payload pays only for the types it
//! holds.

use std::sync::Arc;

use msgraph_schema_core::model::{EnumType, Primitive, StructuredType, Text, TypeRef};
use msgraph_schema_core::rules::Options;

use super::reach::{Edge, Reach};
use crate::deferred::EnumWords;

/// Marks a model type that the validator does not hold.
pub(super) const NOT_HELD: usize = usize::MAX;

/// Names of one length that are compared one by one, at most; past it they are searched.
const LINEAR_LOOKUP_MAX: usize = 4;

/// Where a validator compiled from a model file reads a type the first time a payload holds a
/// value of it. Every type it reaches is in the model (decided when the file was written), and
/// the records were checked when the file was opened, so reading cannot fail.
pub(crate) trait TypeSource: Send + Sync {
    /// Structured type `id` of the model with its properties, and each property's type
    /// resolved (as [`super::edge`] resolves it).
    fn structured(&self, id: usize) -> (StructuredType, Vec<Option<Edge>>);
    /// Enum type `id` of the model with its members.
    fn enumeration(&self, id: usize) -> EnumType;
}

/// Where each type a validator may hold lives in it (its *slot*), decided before any is
/// compiled.
pub(super) struct Layout {
    /// The root's slot.
    pub(super) root: usize,
    slots: Slots,
    /// Each slot's type name, known before the type is compiled: an `@odata.type` is matched
    /// against derived types by name without compiling them.
    pub(super) names: Arc<[Text]>,
    /// The slots of the types derived from each slot's type, which `@odata.type` may choose.
    pub(super) derived: Arc<[Vec<usize>]>,
}

/// How slots map to the model's types.
enum Slots {
    /// Every type of the model, each in the slot of its model index.
    Whole { structs: usize, enums: usize },
    /// The types one root reaches: an outside root first, then the reached types in model
    /// order.
    Reached {
        /// Each slot's model index ([`NOT_HELD`] for a root from outside the model).
        ids: Vec<usize>,
        /// Each enum slot's model index.
        enum_ids: Vec<usize>,
        /// Model index → slot ([`NOT_HELD`] for a type the validator does not hold).
        held: Vec<usize>,
        /// Model index → enum slot.
        held_enums: Vec<usize>,
    },
}

impl Layout {
    /// The layout of the types `reach` lists in a model of `counts` (structured types,
    /// enums): `root` by model index, or for a root from outside the model its name (`Err`),
    /// which takes the first slot. `derived` and `name` are by model index.
    pub(super) fn reached<'d>(
        counts: (usize, usize),
        root: Result<usize, Text>,
        reach: &Reach,
        derived: impl Fn(usize) -> &'d [usize],
        name: impl Fn(usize) -> Text,
    ) -> Layout {
        let first = usize::from(root.is_err());
        let mut held = vec![NOT_HELD; counts.0];
        for (at, &id) in reach.structs.iter().enumerate() {
            held[id] = first + at;
        }
        let mut held_enums = vec![NOT_HELD; counts.1];
        for (at, &id) in reach.enums.iter().enumerate() {
            held_enums[id] = at;
        }
        let outside = root.as_ref().err().cloned();
        let names = outside
            .into_iter()
            .chain(reach.structs.iter().map(|&id| name(id)))
            .collect();
        let derived = (0..first)
            .map(|_| Vec::new())
            .chain(
                reach
                    .structs
                    .iter()
                    .map(|&id| derived(id).iter().map(|&d| held[d]).collect()),
            )
            .collect();
        let ids = (0..first)
            .map(|_| NOT_HELD)
            .chain(reach.structs.iter().copied())
            .collect();
        Layout {
            root: root.map_or(0, |id| held[id]),
            slots: Slots::Reached {
                ids,
                enum_ids: reach.enums.clone(),
                held,
                held_enums,
            },
            names,
            derived,
        }
    }

    /// The layout of a validator that may hold every type of a model, each in the slot of its
    /// model index: `names` and `derived` are by model index (shared by the validators of one
    /// model), `enums` counts the enum types.
    pub(super) fn whole_model(
        root: usize,
        names: Arc<[Text]>,
        derived: Arc<[Vec<usize>]>,
        enums: usize,
    ) -> Layout {
        Layout {
            root,
            slots: Slots::Whole {
                structs: names.len(),
                enums,
            },
            names,
            derived,
        }
    }

    /// How many structured and enum slots there are.
    pub(super) fn counts(&self) -> (usize, usize) {
        match &self.slots {
            Slots::Whole { structs, enums } => (*structs, *enums),
            Slots::Reached { ids, enum_ids, .. } => (ids.len(), enum_ids.len()),
        }
    }

    /// The model index of the structured type in `slot`.
    pub(super) fn model_id(&self, slot: usize) -> usize {
        match &self.slots {
            Slots::Whole { .. } => slot,
            Slots::Reached { ids, .. } => ids[slot],
        }
    }

    /// The model index of the enum in `slot`.
    pub(super) fn enum_model_id(&self, slot: usize) -> usize {
        match &self.slots {
            Slots::Whole { .. } => slot,
            Slots::Reached { enum_ids, .. } => enum_ids[slot],
        }
    }

    /// The slot of the structured type of model index `id`.
    fn slot(&self, id: usize) -> usize {
        match &self.slots {
            Slots::Whole { .. } => id,
            Slots::Reached { held, .. } => held[id],
        }
    }

    /// The slot of the enum of model index `id`.
    fn enum_slot(&self, id: usize) -> usize {
        match &self.slots {
            Slots::Whole { .. } => id,
            Slots::Reached { held_enums, .. } => held_enums[id],
        }
    }
}

/// A compiled structured type: the type and how its properties are checked.
pub(super) struct Held {
    pub(super) ty: StructuredType,
    pub(super) plan: TypePlan,
}

impl Held {
    /// Compiles `ty`, whose properties' types `edges` resolves, within `layout`; each
    /// property whose type the model lacks is added to `missing` (its CSDL name).
    pub(super) fn new(
        ty: StructuredType,
        edges: &[Option<Edge>],
        layout: &Layout,
        options: &Options,
        missing: &mut Vec<String>,
    ) -> Held {
        let targets = ty
            .properties
            .iter()
            .zip(edges)
            .map(|(p, edge)| match (&p.ty, edge) {
                (TypeRef::Primitive(primitive), _) => Target::Primitive(*primitive),
                (_, Some(Edge::Enum(id))) => Target::Enum(layout.enum_slot(*id)),
                (_, Some(Edge::Struct(id))) => Target::Struct(layout.slot(*id)),
                (_, None) => {
                    missing.push(p.ty.csdl_name().to_owned());
                    Target::Primitive(Primitive::String)
                }
            })
            .collect();
        let plan = TypePlan::new(&ty, targets, options);
        Held { ty, plan }
    }
}

/// A compiled enum type: the type and its words for messages, written once.
pub(super) struct HeldEnum {
    pub(super) ty: EnumType,
    pub(super) words: Arc<EnumWords>,
}

impl HeldEnum {
    pub(super) fn new(ty: EnumType, options: Options) -> HeldEnum {
        let words = EnumWords::new(&ty, options);
        HeldEnum { ty, words }
    }
}

/// What a value must be, resolved against the validator's slots.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Primitive(Primitive),
    Enum(usize),
    Struct(usize),
}

/// How the properties of one structured type are checked.
pub(super) struct TypePlan {
    /// What each property's value (or item) is, by property index.
    pub(super) targets: Vec<Target>,
    /// Property indexes by name length, then index; or, for a length that more than
    /// [`LINEAR_LOOKUP_MAX`] names share, then name and index: a look-up compares the few names
    /// of the key's length, or searches them when there are many.
    sorted: Vec<usize>,
    /// `sorted[starts[n]..starts[n + 1]]` are the properties whose names are `n` bytes long.
    starts: Vec<usize>,
    /// The properties the options require, by index.
    pub(super) required: Vec<usize>,
}

impl TypePlan {
    fn new(ty: &StructuredType, targets: Vec<Target>, options: &Options) -> TypePlan {
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
            required,
        }
    }

    /// The index of the property that member `key` names in `ty` (the first, should two share
    /// its name): by its wire name, or for an operation's parameters by its second spelling
    /// ([`StructuredType::member`]).
    #[inline]
    pub(super) fn find(&self, ty: &StructuredType, key: &str) -> Option<usize> {
        self.find_exact(ty, key).or_else(|| {
            ty.operation.as_ref()?;
            self.find_exact(ty, &msgraph_schema_core::model::parameter_alias(key)?)
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

//! [`Service`]: a model's URL space indexed once, so that resolving a URL is a hash look-up
//! per segment whatever the model's size. Names, bases, entity sets, singletons and bound
//! operations come from the model file's index (read when the file is opened); a type's
//! properties are read from its core the first time a URL reaches the type, then kept.

use foldhash::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use msgraph_schema_core::model::{
    GRAPH_ALIAS, Model, Property, RootResource, StructuredType, alias_form, alias_of, short_name,
};
use msgraph_schema_core::rules::Options;

use crate::model_file::{FileType, FileTypeError, ModelFile, ModelFileError};

/// A model's service: its entity sets and singletons, its types by name, and per type its
/// properties and bound operations, each found by hash. Built once per model (in time linear
/// in the number of types, reading no property), then shared by every request checked against
/// it; the compiled validators of request bodies are kept too.
///
/// It is also the model as a value to query: [`Service::find_type`],
/// [`Service::entity_set`], [`Service::operations`].
///
/// ```no_run
/// use msgraph_schema::model_file::ModelFile;
/// use msgraph_schema::request::Service;
///
/// let file = ModelFile::open("out/beta/model.bin".as_ref()).unwrap();
/// let service = Service::new(&file);
/// let users = service.entity_set("users").unwrap();
/// for operation in service.operations(&users.ty) {
///     println!("{}", operation.name);
/// }
/// ```
pub struct Service<'f> {
    file: &'f ModelFile,
    outline: &'f Model,
    /// Qualified and alias names of structured types (not operations) → first place.
    types: HashMap<&'f str, usize>,
    /// Every structured type (operations' parameters included) by qualified and alias name,
    /// and by short name, for [`Service::find_type`].
    all_names: HashMap<&'f str, usize>,
    shorts: HashMap<&'f str, usize>,
    /// Each structured type's base, resolved (a cycle cut where it closes).
    bases: &'f [Option<usize>],
    /// Entity sets and singletons by name, and by lower-case name.
    roots: Names<Root>,
    /// Per binding type: its bound operations by short, qualified and alias name.
    operations: HashMap<usize, Names<Vec<usize>>>,
    /// Each type's properties, read on first use.
    members: Vec<OnceLock<Box<Members>>>,
    /// Compiled body validators by type, options.
    validators: Mutex<HashMap<(usize, Options), Arc<FileType>>>,
}

/// Exact names, then lower-case ones: Graph reads URL segments without regard to case.
pub(crate) struct Names<T> {
    exact: HashMap<String, T>,
    lower: HashMap<String, T>,
}

impl<T: Clone> Names<T> {
    fn new() -> Names<T> {
        Names {
            exact: HashMap::default(),
            lower: HashMap::default(),
        }
    }

    /// Adds `name` unless it is there already (the first stays).
    fn insert(&mut self, name: &str, value: T) {
        self.exact
            .entry(name.to_owned())
            .or_insert_with(|| value.clone());
        self.lower.entry(name.to_ascii_lowercase()).or_insert(value);
    }

    fn get(&self, name: &str) -> Option<&T> {
        self.exact
            .get(name)
            .or_else(|| self.lower.get(&name.to_ascii_lowercase()))
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        self.exact.keys().map(String::as_str)
    }
}

/// An entity set (a collection) or a singleton (one entity), and its type's place.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Root {
    /// The index into the container's entity sets or singletons.
    pub at: usize,
    pub singleton: bool,
    /// The entity type's place; `None` when the model lacks it.
    pub ty: Option<usize>,
}

/// One type's properties, found by name.
pub(crate) struct Members {
    pub list: Vec<Property>,
    by_name: Names<usize>,
    /// Whether one of them is the key.
    pub has_key: bool,
}

impl<'f> Service<'f> {
    /// Indexes the model of `file`.
    pub fn new(file: &'f ModelFile) -> Service<'f> {
        let outline = file.outline();
        // Keys borrowed from the outline, hashed with foldhash: the model's own names.
        let count = outline.structs.len();
        let sized = || HashMap::with_capacity_and_hasher(2 * count, Default::default());
        let (mut types, mut all_names, mut shorts) = (sized(), sized(), sized());
        for (id, ty) in outline.structs.iter().enumerate() {
            let name: &'f str = &ty.name;
            all_names.entry(name).or_insert(id);
            if let Some(alias) = alias_of(name) {
                all_names.entry(alias).or_insert(id);
            }
            shorts.entry(short_name(name)).or_insert(id);
            if ty.operation.is_some() {
                continue;
            }
            types.entry(name).or_insert(id);
            if let Some(alias) = alias_of(name) {
                types.entry(alias).or_insert(id);
            }
        }
        let bases = file.bases();
        let mut roots = Names::new();
        let container = &outline.container;
        for (singleton, list) in [
            (false, &container.entity_sets),
            (true, &container.singletons),
        ] {
            for (at, resource) in list.iter().enumerate() {
                let root = Root {
                    at,
                    singleton,
                    ty: types.get(resource.ty.as_ref()).copied(),
                };
                roots.insert(&resource.name, root);
            }
        }
        let mut operations: HashMap<usize, Names<Vec<usize>>> = HashMap::default();
        for (id, ty) in outline.structs.iter().enumerate() {
            let Some(of) = &ty.operation else { continue };
            let Some(&binding) = types.get(of.binding.as_ref()) else {
                continue;
            };
            let names = operations.entry(binding).or_insert_with(Names::new);
            let mut spellings = vec![short_name(&of.name).to_owned(), of.name.to_string()];
            spellings.extend(alias_form(&of.name));
            for spelling in spellings {
                let ids = names.exact.entry(spelling.clone()).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
                let ids = names
                    .lower
                    .entry(spelling.to_ascii_lowercase())
                    .or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let members = (0..outline.structs.len())
            .map(|_| OnceLock::new())
            .collect();
        Service {
            file,
            outline,
            types,
            all_names,
            shorts,
            bases,
            roots,
            operations,
            members,
            validators: Mutex::new(HashMap::default()),
        }
    }

    /// The model file indexed.
    pub fn file(&self) -> &'f ModelFile {
        self.file
    }

    /// The model's types, enums and container, without properties (see
    /// [`ModelFile::outline`]).
    pub fn outline(&self) -> &Model {
        self.outline
    }

    /// The structured type named `name` (qualified, `graph.` alias or short name; an entity or
    /// complex type before an operation's parameters, else the first in model order) with its
    /// properties, without descriptions; `None` when the model has none of that name.
    pub fn find_type(&self, name: &str) -> Result<Option<StructuredType>, ModelFileError> {
        let found = self
            .types
            .get(name)
            .or_else(|| self.all_names.get(name))
            .or_else(|| self.shorts.get(name).filter(|_| !name.contains('.')));
        let Some(&id) = found else {
            return Ok(None);
        };
        let mut ty = self.outline.structs[id].clone();
        ty.properties = self.members(id)?.list.clone().into();
        Ok(Some(ty))
    }

    /// The entity set of that name (exact, else without regard to case).
    pub fn entity_set(&self, name: &str) -> Option<&RootResource> {
        self.roots
            .get(name)
            .filter(|root| !root.singleton)
            .map(|root| &self.outline.container.entity_sets[root.at])
    }

    /// The singleton of that name (exact, else without regard to case).
    pub fn singleton(&self, name: &str) -> Option<&RootResource> {
        self.roots
            .get(name)
            .filter(|root| root.singleton)
            .map(|root| &self.outline.container.singletons[root.at])
    }

    /// The operations bound to the structured type `type_name` (qualified or alias) or to one
    /// of its bases: each operation's parameter type (its [`StructuredType::operation`] says
    /// which operation; no properties are read). Those of the type first, then of its bases.
    pub fn operations(&self, type_name: &str) -> Vec<&StructuredType> {
        let Some(&id) = self.types.get(type_name) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for ty in std::iter::once(id).chain(self.bases_of(id)) {
            let Some(names) = self.operations.get(&ty) else {
                continue;
            };
            let mut ids: Vec<usize> = names.exact.values().flatten().copied().collect();
            ids.sort_unstable();
            ids.dedup();
            found.extend(ids.into_iter().map(|op| &self.outline.structs[op]));
        }
        found
    }

    /// The type named `name` exactly (qualified or alias), not an operation's parameters.
    pub(crate) fn type_id(&self, name: &str) -> Option<usize> {
        self.types.get(name).copied()
    }

    /// The type at `id` as the outline has it.
    pub(crate) fn ty(&self, id: usize) -> &StructuredType {
        &self.outline.structs[id]
    }

    /// The entity set or singleton named `name`.
    pub(crate) fn root(&self, name: &str) -> Option<Root> {
        self.roots.get(name).copied()
    }

    /// Every entity set and singleton name.
    pub(crate) fn root_names(&self) -> impl Iterator<Item = &str> {
        self.roots.names()
    }

    /// The bases of `id`, nearest first.
    pub(crate) fn bases_of(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = self.bases.get(id).copied().flatten();
        std::iter::from_fn(move || {
            let base = next?;
            next = self.bases.get(base).copied().flatten();
            Some(base)
        })
    }

    /// Whether `id` is `ancestor` or derives from it.
    pub(crate) fn derives_from(&self, id: usize, ancestor: usize) -> bool {
        id == ancestor || self.bases_of(id).any(|base| base == ancestor)
    }

    /// The properties of `id`, read on first use.
    pub(crate) fn members(&self, id: usize) -> Result<&Members, ModelFileError> {
        if let Some(members) = self.members[id].get() {
            return Ok(members);
        }
        let list = self.file.type_properties(id)?.unwrap_or_default();
        let mut by_name = Names::new();
        for (at, p) in list.iter().enumerate() {
            by_name.insert(&p.name, at);
        }
        let has_key = list.iter().any(|p| p.key);
        let _ = self.members[id].set(Box::new(Members {
            list,
            by_name,
            has_key,
        }));
        Ok(self.members[id].get().expect("just set"))
    }

    /// The property `name` of `id` or of its nearest base that has it.
    pub(crate) fn property(
        &self,
        id: usize,
        name: &str,
    ) -> Result<Option<&Property>, ModelFileError> {
        for ty in std::iter::once(id).chain(self.bases_of(id)) {
            let members = self.members(ty)?;
            if let Some(&at) = members.by_name.get(name) {
                return Ok(Some(&members.list[at]));
            }
        }
        Ok(None)
    }

    /// Whether `id` is an entity type: it or a base has a key, or it derives from
    /// `graph.entity`.
    pub(crate) fn is_entity(&self, id: usize) -> Result<bool, ModelFileError> {
        for ty in std::iter::once(id).chain(self.bases_of(id)) {
            if self.members(ty)?.has_key || is_graph_entity(&self.outline.structs[ty].name) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The operations named `name` bound to `id` or to its nearest base that has one.
    pub(crate) fn operation(&self, id: usize, name: &str) -> Option<&[usize]> {
        std::iter::once(id)
            .chain(self.bases_of(id))
            .find_map(|ty| self.operations.get(&ty)?.get(name))
            .map(Vec::as_slice)
    }

    /// What may follow a value of type `id`: its properties' names and its bound operations'
    /// short names, its bases' included.
    pub(crate) fn member_names(&self, id: usize) -> Result<Vec<String>, ModelFileError> {
        let mut names = Vec::new();
        for ty in std::iter::once(id).chain(self.bases_of(id)) {
            names.extend(self.members(ty)?.list.iter().map(|p| p.name.to_string()));
            if let Some(operations) = self.operations.get(&ty) {
                names.extend(
                    operations
                        .names()
                        .filter(|name| !name.contains('.'))
                        .map(str::to_owned),
                );
            }
        }
        names.sort_unstable();
        names.dedup();
        Ok(names)
    }

    /// The types derived from `id` (not `id` itself) that have a property or bound operation
    /// named `name`, in model order, the most general only (a type derived from another found
    /// has it by inheritance: the cast to the other names it). Reads the properties of every
    /// derived type: for errors only.
    pub(crate) fn derived_with_member(
        &self,
        id: usize,
        name: &str,
    ) -> Result<Vec<String>, ModelFileError> {
        let mut found = Vec::new();
        for derived in 0..self.outline.structs.len() {
            if derived == id
                || self.outline.structs[derived].operation.is_some()
                || !self.derives_from(derived, id)
            {
                continue;
            }
            let has = self.members(derived)?.by_name.get(name).is_some()
                || self
                    .operations
                    .get(&derived)
                    .is_some_and(|ops| ops.get(name).is_some());
            if has {
                found.push(derived);
            }
        }
        let general = found
            .iter()
            .filter(|&&derived| !self.bases_of(derived).any(|base| found.contains(&base)))
            .map(|&derived| self.outline.structs[derived].name.to_string())
            .collect();
        Ok(general)
    }

    /// The validator of the structured type `id` under `options`, compiled on first use.
    pub(crate) fn validator(
        &self,
        id: usize,
        options: Options,
    ) -> Result<Arc<FileType>, FileTypeError> {
        let key = (id, options);
        let cached = |cache: &Mutex<HashMap<(usize, Options), Arc<FileType>>>| {
            cache
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .get(&key)
                .cloned()
        };
        if let Some(found) = cached(&self.validators) {
            return Ok(found);
        }
        let name = self.outline.structs[id].name.to_string();
        let compiled = Arc::new(self.file.file_type(&name, options, false)?);
        let mut cache = self
            .validators
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(cache.entry(key).or_insert(compiled).clone())
    }
}

/// `microsoft.graph.entity`, the base of Graph's entity types.
fn is_graph_entity(name: &str) -> bool {
    name.strip_prefix("microsoft.")
        .and_then(|rest| rest.strip_prefix(GRAPH_ALIAS))
        == Some(".entity")
}

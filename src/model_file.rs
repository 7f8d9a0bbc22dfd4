//! The model file that `build` writes next to its schemas (`OUT/<tree>/<version>/model.bin`)
//! and `validate --schema-dir` reads: a [`Model`] in a binary form that is read in part, so
//! that validating one type reads only what that type reaches and never a type's descriptions.
//!
//! # Format (version 3)
//!
//! All integers are little-endian; a *string* is a `u32` byte length and that many bytes of
//! UTF-8; an *optional string* is a `u8` (0 absent, 1 present) and, if present, a string.
//!
//! ```text
//! header   "msgraph-schema model\n" (21 bytes), u32 version (3),
//!          u64 index length, u64 core length, u64 docs length; the three sections follow,
//!          in that order, and end the file
//! index    u32 structured types, u32 enums;
//!          per structured type, in model order: string name, optional string base,
//!            u8 flags (1 abstract; from the metadata: 2 type, 4 nullable, 8 base, 16 abstract;
//!            32 an operation's parameters, 64 the operation is a function, 128 declared only
//!            by the metadata), with flag 32 the strings operation name and binding type,
//!            u64 core offset, u32 core length, u64 docs offset, u32 docs length
//!          per enum, in model order: string name, u8 flags (1 flags enum),
//!            u64 core offset, u32 core length, u64 docs offset, u32 docs length
//!          (offsets from the start of their section);
//!          the container: u32 entity sets, per set: string name, string entity type;
//!            u32 singletons, per singleton: string name, string entity type
//! core     per structured type: u32 properties; per property: string name,
//!            u8 type kind and then: 0 (primitive) a u8, its place in `Primitive::ALL`;
//!            1 (enum) or 2 (structured type) the string type name; 3 (enum) or 4
//!            (structured type) a u32, the place in the index of the first type of exactly
//!            that name,
//!            u16 flags (1 collection, 2 nullable, 4 key, 8 read-only, 16 required; from the
//!            metadata: 32 type, 64 nullable, 128 base, 256 abstract, 512 declared only by it)
//!          per enum: u32 members; per member: string name, i64 value, u32 line
//! docs     per structured type: string description, string source file, u32 source line,
//!            u32 properties; per property: string description, string source file, u32 line
//!          per enum: string description, string source file, u32 source line,
//!            u32 members; per member: string description
//! ```
//!
//! The index and the core (names, types and flags: about a twentieth of the model) are read
//! when the file is opened; the docs section only for the types whose descriptions and sources
//! are asked for. A file of another version, or one that is not a model file, is an error that
//! says to rebuild the folder; a damaged one an error that names what is damaged, never a
//! panic.
//!
//! ```
//! use msgraph_schema::model_file::{self, ModelFile};
//!
//! let page = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n\
//!             |:--|:--|:--|\n|name|String|The name.|\n";
//! let model = msgraph_schema::tree::parse_page("thing.md", page).unwrap();
//! let path = std::env::temp_dir().join(format!("model-file-doc-{}.bin", std::process::id()));
//! std::fs::write(&path, model_file::encode(&model)).unwrap();
//! let file = ModelFile::open(&path).unwrap();
//! assert_eq!(file.model().unwrap(), model);
//! let reached = file.reaching("thing", false).unwrap();
//! assert_eq!(reached.structs[0].properties[0].name, "name");
//! assert_eq!(reached.structs[0].properties[0].description, ""); // docs not read
//! # std::fs::remove_file(&path).unwrap();
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};

use msgraph_schema_core::model::{
    Container, EnumMember, EnumType, FromMetadata, Marks, Model, OperationKind, OperationOf,
    Primitive, Property, RootResource, Source, StructuredType, TypeRef,
};

use msgraph_schema_core::rules::Options;

use crate::report::{Limits, Report};
use crate::schema_check::SchemaCheck;
use crate::single_pass::{
    CompileError, Edge, Resolved, Validator, derived_lists, edge, reach_resolved,
};
use crate::validate::check_against_schema;

/// The model file's name in a folder that `build` wrote.
pub const FILE_NAME: &str = "model.bin";

/// The file name of the model of builds before this format (pretty-printed serde JSON).
pub const OLD_FILE_NAME: &str = "model.json";

/// The first bytes of a model file.
const MAGIC: &[u8] = b"msgraph-schema model\n";

/// The version this code writes and reads.
pub const VERSION: u32 = 3;

/// The header's length: magic, version, three section lengths.
const HEADER: usize = MAGIC.len() + 4 + 3 * 8;

/// What to do about a file this code cannot read.
const REBUILD: &str = "rebuild the folder with `msgraph-schema build --docs DIR --out OUT`";

/// Why a model file cannot be read.
#[derive(Debug)]
pub enum ModelFileError {
    /// The file cannot be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        error: std::io::Error,
    },
    /// The file is not a model file, or one of another version.
    Format {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        found: String,
    },
    /// The file is damaged (cut short, or bytes that cannot be what they stand for).
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        detail: String,
    },
}

impl fmt::Display for ModelFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelFileError::Io { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            ModelFileError::Format { path, found } => {
                write!(
                    f,
                    "{}: not a model file of this version ({found}): {REBUILD}",
                    path.display()
                )
            }
            ModelFileError::Damaged { path, detail } => {
                write!(
                    f,
                    "{}: damaged model file ({detail}): {REBUILD}",
                    path.display()
                )
            }
        }
    }
}

impl std::error::Error for ModelFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ModelFileError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Damaged bytes: what was being read.
#[derive(Debug)]
struct Damage(String);

type Decoded<T> = Result<T, Damage>;

/// The model as the bytes of a model file (see the [module](self) for the format).
pub fn encode(model: &Model) -> Vec<u8> {
    let (mut index, mut core, mut docs) = (Vec::new(), Vec::new(), Vec::new());
    // A type name that is exactly some type's name is written as that type's place.
    let struct_places = places(model.structs.iter().map(|t| t.name.as_ref()));
    let enum_places = places(model.enums.iter().map(|t| t.name.as_ref()));
    put_u32(&mut index, model.structs.len());
    put_u32(&mut index, model.enums.len());
    for ty in &model.structs {
        put_str(&mut index, &ty.name);
        match &ty.base {
            Some(base) => {
                index.push(1);
                put_str(&mut index, base);
            }
            None => index.push(0),
        }
        let from = ty.from_metadata;
        index.push(
            u8::from(ty.is_abstract)
                | u8::from(from.ty) << 1
                | u8::from(from.nullable) << 2
                | u8::from(from.base) << 3
                | u8::from(from.is_abstract) << 4
                | u8::from(ty.operation.is_some()) << 5
                | u8::from(
                    ty.operation
                        .as_ref()
                        .is_some_and(|o| o.kind == OperationKind::Function),
                ) << 6
                | u8::from(from.declared) << 7,
        );
        if let Some(of) = &ty.operation {
            put_str(&mut index, &of.name);
            put_str(&mut index, &of.binding);
        }
        let core_at = core.len();
        put_u32(&mut core, ty.properties.len());
        for p in ty.properties.iter() {
            put_str(&mut core, &p.name);
            match &p.ty {
                TypeRef::Primitive(primitive) => {
                    core.push(0);
                    let at = Primitive::ALL.iter().position(|x| x == primitive);
                    core.push(at.and_then(|at| u8::try_from(at).ok()).unwrap_or(u8::MAX));
                }
                TypeRef::Enum(name) => match enum_places.get(name.as_ref()) {
                    Some(&at) => {
                        core.push(3);
                        put_u32(&mut core, at);
                    }
                    None => {
                        core.push(1);
                        put_str(&mut core, name);
                    }
                },
                TypeRef::Struct(name) => match struct_places.get(name.as_ref()) {
                    Some(&at) => {
                        core.push(4);
                        put_u32(&mut core, at);
                    }
                    None => {
                        core.push(2);
                        put_str(&mut core, name);
                    }
                },
            }
            let flags = [
                p.collection,
                p.nullable,
                p.key,
                p.marks.read_only,
                p.marks.required,
                p.from_metadata.ty,
                p.from_metadata.nullable,
                p.from_metadata.base,
                p.from_metadata.is_abstract,
                p.from_metadata.declared,
            ];
            let bits = flags
                .iter()
                .enumerate()
                .fold(0u16, |bits, (i, &set)| bits | u16::from(set) << i);
            core.extend_from_slice(&bits.to_le_bytes());
        }
        let docs_at = docs.len();
        put_source(&mut docs, &ty.description, &ty.source);
        put_u32(&mut docs, ty.properties.len());
        for p in ty.properties.iter() {
            put_source(&mut docs, &p.description, &p.source);
        }
        put_ranges(&mut index, core_at..core.len(), docs_at..docs.len());
    }
    for found in &model.enums {
        put_str(&mut index, &found.name);
        index.push(u8::from(found.is_flags));
        let core_at = core.len();
        put_u32(&mut core, found.members.len());
        for member in found.members.iter() {
            put_str(&mut core, &member.name);
            core.extend_from_slice(&member.value.to_le_bytes());
            core.extend_from_slice(&member.line.to_le_bytes());
        }
        let docs_at = docs.len();
        put_source(&mut docs, &found.description, &found.source);
        put_u32(&mut docs, found.members.len());
        for member in found.members.iter() {
            put_str(&mut docs, &member.description);
        }
        put_ranges(&mut index, core_at..core.len(), docs_at..docs.len());
    }
    for resources in [&model.container.entity_sets, &model.container.singletons] {
        put_u32(&mut index, resources.len());
        for resource in resources {
            put_str(&mut index, &resource.name);
            put_str(&mut index, &resource.ty);
        }
    }
    let mut bytes = Vec::with_capacity(HEADER + index.len() + core.len() + docs.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    for section in [&index, &core, &docs] {
        bytes.extend_from_slice(&(section.len() as u64).to_le_bytes());
    }
    bytes.extend_from_slice(&index);
    bytes.extend_from_slice(&core);
    bytes.extend_from_slice(&docs);
    bytes
}

/// Each name's first place.
fn places<'m>(names: impl Iterator<Item = &'m str>) -> HashMap<&'m str, usize> {
    let mut places = HashMap::new();
    for (at, name) in names.enumerate() {
        places.entry(name).or_insert(at);
    }
    places
}

/// Writes `model` as `dir/model.bin` and removes a `dir/model.json` of an older build.
pub fn write(dir: &Path, model: &Model) -> Result<(), ModelFileError> {
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, encode(model)).map_err(|error| ModelFileError::Io { path, error })?;
    let old = dir.join(OLD_FILE_NAME);
    match std::fs::remove_file(&old) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(ModelFileError::Io { path: old, error })
        }
        _ => Ok(()),
    }
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Counts and lengths beyond 4 GiB are beyond any model.
    let n = u32::try_from(n).expect("a model part under 4 GiB");
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_u32(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

fn put_source(out: &mut Vec<u8>, description: &str, source: &Source) {
    put_str(out, description);
    put_str(out, &source.file);
    out.extend_from_slice(&source.line.to_le_bytes());
}

fn put_ranges(out: &mut Vec<u8>, core: Range<usize>, docs: Range<usize>) {
    out.extend_from_slice(&(core.start as u64).to_le_bytes());
    put_u32(out, core.len());
    out.extend_from_slice(&(docs.start as u64).to_le_bytes());
    put_u32(out, docs.len());
}

/// A structured type or enum as the index lists it.
#[derive(Clone, Debug)]
struct Entry {
    name: String,
    base: Option<String>,
    flags: u8,
    /// For an operation's parameter type: the operation.
    operation: Option<OperationOf>,
    core: Range<usize>,
    docs: Range<u64>,
}

/// An opened model file: its index and core read, its docs read on demand.
#[derive(Debug)]
pub struct ModelFile {
    path: PathBuf,
    backing: Backing,
    structs: Vec<Entry>,
    enums: Vec<Entry>,
    container: Container,
    core: Vec<u8>,
    /// Where the docs section starts in the file, and its length.
    docs: Range<u64>,
}

/// Where a [`ModelFile`]'s docs section is read from.
#[derive(Debug)]
enum Backing {
    File(File),
    Static(&'static [u8]),
}

impl ModelFile {
    /// Opens the model file at `path`, reading its header, index and core.
    pub fn open(path: &Path) -> Result<ModelFile, ModelFileError> {
        let io = |error| ModelFileError::Io {
            path: path.to_owned(),
            error,
        };
        let mut file = File::open(path).map_err(io)?;
        let length = file.metadata().map_err(io)?.len();
        ModelFile::read(&mut file, length, path).map(|mut model| {
            model.backing = Backing::File(file);
            model
        })
    }

    /// A model file held in memory, e.g. one built into the program with `include_bytes!`;
    /// `name` stands for its path in errors. Its docs section is read from `bytes` when asked.
    pub fn from_static(bytes: &'static [u8], name: &str) -> Result<ModelFile, ModelFileError> {
        let mut reader = std::io::Cursor::new(bytes);
        let mut model = ModelFile::read(&mut reader, bytes.len() as u64, Path::new(name))?;
        model.backing = Backing::Static(bytes);
        Ok(model)
    }

    /// Reads the header, index and core from `file` (of `length` bytes).
    fn read(mut file: impl Read, length: u64, path: &Path) -> Result<ModelFile, ModelFileError> {
        let io = |error| ModelFileError::Io {
            path: path.to_owned(),
            error,
        };
        let damaged = |Damage(detail)| ModelFileError::Damaged {
            path: path.to_owned(),
            detail,
        };
        let mut header = Vec::with_capacity(HEADER);
        (&mut file)
            .take(HEADER as u64)
            .read_to_end(&mut header)
            .map_err(io)?;
        if !header.starts_with(MAGIC) {
            let found = if header.trim_ascii_start().starts_with(b"{") {
                "JSON: the model of an older build".to_owned()
            } else {
                "no model file header".to_owned()
            };
            return Err(ModelFileError::Format {
                path: path.to_owned(),
                found,
            });
        }
        let mut bytes = Bytes::new(&header[MAGIC.len()..], "the header");
        let version = bytes.u32().map_err(damaged)?;
        if version != VERSION {
            return Err(ModelFileError::Format {
                path: path.to_owned(),
                found: format!("version {version}; this msgraph-schema reads version {VERSION}"),
            });
        }
        let [index, core, docs] = [bytes.u64(), bytes.u64(), bytes.u64()];
        let (index, core, docs) = (
            index.map_err(damaged)?,
            core.map_err(damaged)?,
            docs.map_err(damaged)?,
        );
        let expected = [index, core, docs]
            .iter()
            .try_fold(HEADER as u64, |sum, &n| sum.checked_add(n));
        if expected != Some(length) {
            return Err(damaged(Damage(format!(
                "{length} bytes where the header says {}",
                expected.map_or_else(|| "more than 2^64".to_owned(), |n| n.to_string())
            ))));
        }
        let mut section = |length: u64| -> Result<Vec<u8>, ModelFileError> {
            let mut bytes = vec![
                0;
                usize::try_from(length)
                    .map_err(|_| damaged(Damage("a section too large".into())))?
            ];
            file.read_exact(&mut bytes).map_err(io)?;
            Ok(bytes)
        };
        let index_bytes = section(index)?;
        let core_bytes = section(core)?;
        let (structs, enums, container) =
            read_index(&index_bytes, core_bytes.len(), docs).map_err(damaged)?;
        let docs_at = HEADER as u64 + index + core;
        Ok(ModelFile {
            path: path.to_owned(),
            backing: Backing::Static(&[]),
            structs,
            enums,
            container,
            core: core_bytes,
            docs: docs_at..docs_at + docs,
        })
    }

    /// Every type with its name, base and flags, and without properties, members, descriptions
    /// or sources: the names to look a type up by.
    pub fn outline(&self) -> Model {
        Model {
            structs: self.structs.iter().map(outline_struct).collect(),
            enums: self.enums.iter().map(outline_enum).collect(),
            container: self.container.clone(),
        }
    }

    /// The properties of the structured type at place `id` of the [outline](ModelFile::outline)
    /// (declared and inherited, without descriptions or sources), read from the core; `None`
    /// when the outline has no type at that place.
    pub fn type_properties(&self, id: usize) -> Result<Option<Vec<Property>>, ModelFileError> {
        if id >= self.structs.len() {
            return Ok(None);
        }
        let (properties, _) = self.properties(id).map_err(|damage| self.damaged(damage))?;
        Ok(Some(properties))
    }

    /// The whole model, exactly as written.
    pub fn model(&self) -> Result<Model, ModelFileError> {
        let docs = self.read_docs(0..self.docs.end - self.docs.start)?;
        let mut model = self.outline();
        for (id, ty) in model.structs.iter_mut().enumerate() {
            self.fill_struct(id, ty, Some(&docs))?;
        }
        for (id, found) in model.enums.iter_mut().enumerate() {
            self.fill_enum(id, found, Some(&docs))?;
        }
        Ok(model)
    }

    /// The [outline](ModelFile::outline) with the types a value of the structured type `root`
    /// (qualified, alias or short name) may hold filled in: their properties or members, and
    /// when `docs` their descriptions and sources. This is what a validator of `root` needs
    /// (the same rule: `Validator` compiles exactly these), read without the rest of the file.
    /// `None` when no structured type has that name.
    pub fn reaching(&self, root: &str, docs: bool) -> Result<Model, ModelFileError> {
        self.load_reaching(root, docs).map(|(model, _)| model)
    }

    /// [`ModelFile::reaching`], with what was resolved on the way for a validator of `root`
    /// (`None` when no structured type has that name).
    pub(crate) fn load_reaching(
        &self,
        root: &str,
        docs: bool,
    ) -> Result<(Model, Option<Resolved>), ModelFileError> {
        let mut model = self.outline();
        let (resolved, mut properties) = {
            let index = model.index();
            let Some(root) = index.struct_id(root) else {
                return Ok((model, None));
            };
            let mut properties: Vec<Option<Vec<Property>>> = vec![None; model.structs.len()];
            let mut struct_edges: Vec<Option<Option<Edge>>> = vec![None; model.structs.len()];
            let mut enum_edges: Vec<Option<Option<Edge>>> = vec![None; model.enums.len()];
            let (reach, edges) = reach_resolved(
                (model.structs.len(), model.enums.len()),
                &[root],
                &[],
                |id| index.derived(id),
                |id| {
                    let (decoded, named) = self.properties(id)?;
                    // A type named by place is resolved once, whatever names it.
                    let edges = decoded
                        .iter()
                        .zip(named)
                        .map(|(p, named)| match named {
                            Some(Named::Struct(at)) => {
                                *struct_edges[at].get_or_insert_with(|| edge(&index, &p.ty))
                            }
                            Some(Named::Enum(at)) => {
                                *enum_edges[at].get_or_insert_with(|| edge(&index, &p.ty))
                            }
                            None => edge(&index, &p.ty),
                        })
                        .collect();
                    properties[id] = Some(decoded);
                    Ok(edges)
                },
            )
            .map_err(|damage| self.damaged(damage))?;
            let derived = derived_lists(&index, &reach);
            let resolved = Resolved {
                root,
                reach,
                edges,
                derived,
            };
            (resolved, properties)
        };
        for &id in &resolved.reach.structs {
            let ty = &mut model.structs[id];
            ty.properties = properties[id].take().unwrap_or_default().into();
            if docs {
                let bytes = self.read_docs(self.structs[id].docs.clone())?;
                let mut at = Bytes::new(&bytes, "the docs");
                fill_struct_docs(&mut at, ty).map_err(|damage| self.damaged(damage))?;
            }
        }
        for &id in &resolved.reach.enums {
            let bytes = match docs {
                true => Some(self.read_docs(self.enums[id].docs.clone())?),
                false => None,
            };
            let found = &mut model.enums[id];
            let entry = &self.enums[id];
            let mut core = Bytes::new(&self.core[entry.core.clone()], "the core");
            let mut at = bytes.as_deref().map(|b| Bytes::new(b, "the docs"));
            decode_enum(&mut core, at.as_mut(), found).map_err(|damage| self.damaged(damage))?;
        }
        Ok((model, Some(resolved)))
    }

    /// The decoded properties of structured type `id`, without docs, and for each the type it
    /// names by place, if so.
    fn properties(&self, id: usize) -> Decoded<(Vec<Property>, Vec<Option<Named>>)> {
        let mut core = Bytes::new(&self.core[self.structs[id].core.clone()], "the core");
        decode_properties(&mut core, &self.structs, &self.enums)
    }

    /// Fills `ty` (structured type `id` outlined) from the core, and from `docs` (the docs
    /// section) when given.
    fn fill_struct(
        &self,
        id: usize,
        ty: &mut StructuredType,
        docs: Option<&[u8]>,
    ) -> Result<(), ModelFileError> {
        let entry = &self.structs[id];
        let mut fill = || {
            ty.properties = self.properties(id)?.0.into();
            if let Some(docs) = docs {
                let mut at = Bytes::new(section(docs, &entry.docs)?, "the docs");
                fill_struct_docs(&mut at, ty)?;
            }
            Ok(())
        };
        fill().map_err(|damage| self.damaged(damage))
    }

    fn fill_enum(
        &self,
        id: usize,
        found: &mut EnumType,
        docs: Option<&[u8]>,
    ) -> Result<(), ModelFileError> {
        let entry = &self.enums[id];
        let mut fill = || {
            let mut core = Bytes::new(&self.core[entry.core.clone()], "the core");
            let mut docs = match docs {
                Some(docs) => Some(Bytes::new(section(docs, &entry.docs)?, "the docs")),
                None => None,
            };
            decode_enum(&mut core, docs.as_mut(), found)
        };
        fill().map_err(|damage| self.damaged(damage))
    }

    /// Bytes `range` of the docs section.
    fn read_docs(&self, range: Range<u64>) -> Result<Vec<u8>, ModelFileError> {
        let io = |error| ModelFileError::Io {
            path: self.path.clone(),
            error,
        };
        let length = usize::try_from(range.end - range.start)
            .map_err(|_| self.damaged(Damage("docs too large".into())))?;
        let start = self.docs.start + range.start;
        match &self.backing {
            Backing::File(file) => {
                let mut bytes = vec![0; length];
                let mut file = file;
                file.seek(SeekFrom::Start(start)).map_err(io)?;
                file.read_exact(&mut bytes).map_err(io)?;
                Ok(bytes)
            }
            Backing::Static(bytes) => usize::try_from(start)
                .ok()
                .and_then(|start| bytes.get(start..start.checked_add(length)?))
                .map(<[u8]>::to_vec)
                .ok_or_else(|| self.damaged(Damage("the docs section lies outside".into()))),
        }
    }

    fn damaged(&self, Damage(detail): Damage) -> ModelFileError {
        ModelFileError::Damaged {
            path: self.path.clone(),
            detail,
        }
    }
}

/// The `range` of a whole docs section.
fn section<'d>(docs: &'d [u8], range: &Range<u64>) -> Decoded<&'d [u8]> {
    usize::try_from(range.start)
        .ok()
        .zip(usize::try_from(range.end).ok())
        .and_then(|(start, end)| docs.get(start..end))
        .ok_or_else(|| Damage("a docs record outside the docs section".into()))
}

/// The index: its structured types and enums, each record's place checked against the core
/// (`core` bytes) and docs (`docs` bytes) sections.
fn read_index(
    bytes: &[u8],
    core: usize,
    docs: u64,
) -> Decoded<(Vec<Entry>, Vec<Entry>, Container)> {
    let mut at = Bytes::new(bytes, "the index");
    let structs = at.u32()? as usize;
    let enums = at.u32()? as usize;
    // Each entry takes at least 29 bytes: counts beyond that are damage, not allocations.
    if structs.saturating_add(enums) > bytes.len() / 29 {
        return Err(Damage("the index counts more types than it holds".into()));
    }
    let mut entry = |is_struct: bool| -> Decoded<Entry> {
        let name = at.str()?.to_owned();
        let base = match is_struct {
            true => at.opt_str()?.map(str::to_owned),
            false => None,
        };
        let flags = at.u8()?;
        let operation = match is_struct && flags & 32 != 0 {
            true => Some(OperationOf {
                name: at.str()?.to_owned().into(),
                binding: at.str()?.to_owned().into(),
                kind: if flags & 64 != 0 {
                    OperationKind::Function
                } else {
                    OperationKind::Action
                },
            }),
            false => None,
        };
        let core_at = at.u64()?;
        let core_len = u64::from(at.u32()?);
        let docs_at = at.u64()?;
        let docs_len = u64::from(at.u32()?);
        let core_end = core_at
            .checked_add(core_len)
            .filter(|&end| end <= core as u64);
        let docs_end = docs_at.checked_add(docs_len).filter(|&end| end <= docs);
        match (core_end, docs_end) {
            (Some(core_end), Some(docs_end)) => Ok(Entry {
                name,
                base,
                flags,
                operation,
                core: core_at as usize..core_end as usize,
                docs: docs_at..docs_end,
            }),
            _ => Err(Damage(format!(
                "the records of `{name}` lie outside the file"
            ))),
        }
    };
    let structs = (0..structs)
        .map(|_| entry(true))
        .collect::<Decoded<Vec<_>>>()?;
    let enums = (0..enums)
        .map(|_| entry(false))
        .collect::<Decoded<Vec<_>>>()?;
    let mut resources = || -> Decoded<Vec<RootResource>> {
        let n = at.u32()? as usize;
        // Each takes at least 8 bytes.
        if n > bytes.len() / 8 {
            return Err(Damage(
                "the container counts more resources than it holds".into(),
            ));
        }
        (0..n)
            .map(|_| {
                Ok(RootResource {
                    name: at.str()?.to_owned().into(),
                    ty: at.str()?.to_owned().into(),
                })
            })
            .collect()
    };
    let container = Container {
        entity_sets: resources()?,
        singletons: resources()?,
    };
    at.end()?;
    Ok((structs, enums, container))
}

fn outline_struct(entry: &Entry) -> StructuredType {
    let flag = |bit: u8| entry.flags & bit != 0;
    StructuredType {
        name: entry.name.clone().into(),
        base: entry.base.clone().map(Cow::Owned),
        description: Cow::Borrowed(""),
        properties: Cow::Owned(Vec::new()),
        source: Source::default(),
        is_abstract: flag(1),
        from_metadata: FromMetadata {
            ty: flag(2),
            nullable: flag(4),
            base: flag(8),
            is_abstract: flag(16),
            declared: flag(128),
        },
        operation: entry.operation.clone(),
    }
}

fn outline_enum(entry: &Entry) -> EnumType {
    EnumType {
        name: entry.name.clone().into(),
        description: Cow::Borrowed(""),
        members: Cow::Owned(Vec::new()),
        source: Source::default(),
        is_flags: entry.flags & 1 != 0,
    }
}

/// A property type written as the place of the type of that name.
#[derive(Clone, Copy)]
enum Named {
    Struct(usize),
    Enum(usize),
}

/// The properties of one core record, and for each the type it names by place, if so.
fn decode_properties(
    core: &mut Bytes<'_>,
    structs: &[Entry],
    enums: &[Entry],
) -> Decoded<(Vec<Property>, Vec<Option<Named>>)> {
    let count = core.count(8)?;
    let mut properties = Vec::with_capacity(count);
    let mut named = Vec::with_capacity(count);
    let place = |core: &mut Bytes<'_>, entries: &[Entry]| -> Decoded<(usize, String)> {
        let at = core.u32()? as usize;
        let entry = entries
            .get(at)
            .ok_or_else(|| Damage(format!("type number {at} of {}", entries.len())))?;
        Ok((at, entry.name.clone()))
    };
    for _ in 0..count {
        let name = core.str()?.to_owned();
        let (ty, by_place) = match core.u8()? {
            0 => {
                let at = core.u8()?;
                let primitive = Primitive::ALL
                    .get(usize::from(at))
                    .ok_or_else(|| Damage(format!("primitive number {at}")))?;
                (TypeRef::Primitive(*primitive), None)
            }
            1 => (TypeRef::Enum(core.str()?.to_owned().into()), None),
            2 => (TypeRef::Struct(core.str()?.to_owned().into()), None),
            3 => {
                let (at, name) = place(core, enums)?;
                (TypeRef::Enum(name.into()), Some(Named::Enum(at)))
            }
            4 => {
                let (at, name) = place(core, structs)?;
                (TypeRef::Struct(name.into()), Some(Named::Struct(at)))
            }
            kind => return Err(Damage(format!("type kind {kind} of property `{name}`"))),
        };
        named.push(by_place);
        let bits = core.u16()?;
        let flag = |i: u16| bits & (1 << i) != 0;
        properties.push(Property {
            name: name.into(),
            ty,
            collection: flag(0),
            nullable: flag(1),
            key: flag(2),
            description: Cow::Borrowed(""),
            source: Source::default(),
            from_metadata: FromMetadata {
                ty: flag(5),
                nullable: flag(6),
                base: flag(7),
                is_abstract: flag(8),
                declared: flag(9),
            },
            marks: Marks {
                read_only: flag(3),
                required: flag(4),
            },
        });
    }
    core.end()?;
    Ok((properties, named))
}

/// Fills the description and source of `ty` and of its properties (decoded already).
fn fill_struct_docs(docs: &mut Bytes<'_>, ty: &mut StructuredType) -> Decoded<()> {
    (ty.description, ty.source) = docs.source()?;
    if docs.u32()? as usize != ty.properties.len() {
        return Err(Damage(format!(
            "the docs of `{}` count other properties",
            ty.name
        )));
    }
    for p in ty.properties.to_mut() {
        (p.description, p.source) = docs.source()?;
    }
    docs.end()
}

/// Fills the members of `found` from the core, and its docs when given.
fn decode_enum(
    core: &mut Bytes<'_>,
    mut docs: Option<&mut Bytes<'_>>,
    found: &mut EnumType,
) -> Decoded<()> {
    let count = core.count(16)?;
    let mut members = Vec::with_capacity(count);
    for _ in 0..count {
        members.push(EnumMember {
            name: core.str()?.to_owned().into(),
            value: core.i64()?,
            description: Cow::Borrowed(""),
            line: core.u32()?,
        });
    }
    core.end()?;
    if let Some(docs) = docs.as_mut() {
        (found.description, found.source) = docs.source()?;
        if docs.u32()? as usize != members.len() {
            return Err(Damage(format!(
                "the docs of `{}` count other members",
                found.name
            )));
        }
        for member in &mut members {
            member.description = docs.str()?.to_owned().into();
        }
        docs.end()?;
    }
    found.members = members.into();
    Ok(())
}

/// A cursor over a section's bytes; every read is checked.
struct Bytes<'a> {
    bytes: &'a [u8],
    at: usize,
    what: &'static str,
}

impl<'a> Bytes<'a> {
    fn new(bytes: &'a [u8], what: &'static str) -> Bytes<'a> {
        Bytes { bytes, at: 0, what }
    }

    fn take(&mut self, n: usize) -> Decoded<&'a [u8]> {
        let taken = self
            .at
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.at..end))
            .ok_or_else(|| Damage(format!("{} is cut short", self.what)))?;
        self.at += n;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> Decoded<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Decoded<u8> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Decoded<u16> {
        self.array().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Decoded<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Decoded<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn i64(&mut self) -> Decoded<i64> {
        self.array().map(i64::from_le_bytes)
    }

    /// A count of items of at least `min_size` bytes each, checked against what is left.
    fn count(&mut self, min_size: usize) -> Decoded<usize> {
        let count = self.u32()? as usize;
        if count.saturating_mul(min_size) > self.bytes.len() - self.at {
            return Err(Damage(format!(
                "{} counts more items than it holds",
                self.what
            )));
        }
        Ok(count)
    }

    fn str(&mut self) -> Decoded<&'a str> {
        let length = self.u32()? as usize;
        let bytes = self.take(length)?;
        simdutf8::basic::from_utf8(bytes)
            .map_err(|_| Damage(format!("{} holds text that is not UTF-8", self.what)))
    }

    fn opt_str(&mut self) -> Decoded<Option<&'a str>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            other => Err(Damage(format!(
                "{} holds {other} for an optional text",
                self.what
            ))),
        }
    }

    /// A description, a source file and a line.
    fn source(&mut self) -> Decoded<(Cow<'static, str>, Source)> {
        let description = self.str()?.to_owned().into();
        let file = self.str()?.to_owned().into();
        let line = self.u32()?;
        Ok((description, Source { file, line }))
    }

    /// Checks that every byte was read.
    fn end(&self) -> Decoded<()> {
        match self.at == self.bytes.len() {
            true => Ok(()),
            false => Err(Damage(format!(
                "{} has bytes past its last record",
                self.what
            ))),
        }
    }
}

/// One structured type of a [`ModelFile`] with its compiled validators: the single pass, and the
/// JSON Schema check when asked for. Only what the type reaches is read from the file
/// ([`ModelFile::reaching`]), so loading stays fast on a model of the whole of Graph.
///
/// ```
/// use msgraph_schema::model_file::{self, ModelFile};
/// use msgraph_schema::{Limits, Options};
///
/// let dir = std::env::temp_dir().join(format!("msgraph-doc-file-type-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let entry = msgraph_schema::types::find("deviceHealthScriptDeviceState").unwrap();
/// model_file::write(&dir, &entry.model()).unwrap();
/// let file = ModelFile::open(&dir.join(model_file::FILE_NAME)).unwrap();
/// let state = file
///     .file_type("deviceHealthScriptDeviceState", Options::default(), false)
///     .unwrap();
/// let report = state.check(br#"{"detectionState": "done"}"#, Limits::default());
/// assert_eq!(report.errors[0].kind.as_str(), "enum");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub struct FileType {
    name: String,
    validator: Validator,
    schema: Option<SchemaCheck>,
}

/// Why [`ModelFile::file_type`] failed.
#[derive(Debug)]
pub enum FileTypeError {
    /// The file cannot be read, or is not a model file.
    File(ModelFileError),
    /// The file holds no structured type of that name, or the type cannot be compiled.
    Compile(CompileError),
}

impl fmt::Display for FileTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileTypeError::File(error) => error.fmt(f),
            FileTypeError::Compile(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for FileTypeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FileTypeError::File(error) => Some(error),
            FileTypeError::Compile(error) => Some(error),
        }
    }
}

impl ModelFile {
    /// The structured type `name` (qualified, alias or short) with its validators compiled
    /// under `options`; with `schema_check`, the JSON Schema check too (for which descriptions
    /// are read as well).
    pub fn file_type(
        &self,
        name: &str,
        options: Options,
        schema_check: bool,
    ) -> Result<FileType, FileTypeError> {
        let (model, resolved) = self
            .load_reaching(name, schema_check)
            .map_err(FileTypeError::File)?;
        let resolved = resolved
            .ok_or_else(|| FileTypeError::Compile(CompileError::UnknownType(name.to_owned())))?;
        let ty = &model.structs[resolved.root];
        let qualified = ty.name.to_string();
        let schema = schema_check.then(|| SchemaCheck::new(&model, ty, &options));
        let validator =
            Validator::from_resolved(model, resolved, options).map_err(FileTypeError::Compile)?;
        Ok(FileType {
            name: qualified,
            validator,
            schema,
        })
    }
}

impl FileType {
    /// The type's qualified name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The compiled single pass.
    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    /// Checks one payload: the single pass, keeping at most `limits`' errors and counting the
    /// rest; or, when the JSON Schema check was compiled, the single pass against it on every
    /// error ([`check_against_schema`]), then cut to the limit.
    pub fn check(&self, bytes: &[u8], limits: Limits) -> Report {
        match &self.schema {
            Some(schema) => {
                let mut report = check_against_schema(bytes, &self.validator, schema);
                report.limit(limits);
                report
            }
            None => self.validator.check_with(bytes, limits),
        }
    }
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::testing::synthetic::{self, Shape};

    fn written(name: &str, bytes: &[u8]) -> PathBuf {
        let path = std::env::temp_dir().join(format!(
            "msgraph-schema-model-file-{name}-{}.bin",
            std::process::id()
        ));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn small() -> Model {
        let mut model = synthetic::model(&Shape {
            structs: 60,
            enums: 20,
            seed: 5,
        });
        // Every flag and odd text the format must carry.
        let ty = &mut model.structs[7];
        ty.from_metadata = FromMetadata {
            ty: true,
            nullable: false,
            base: true,
            is_abstract: true,
            declared: true,
        };
        let p = &mut ty.properties.to_mut()[0];
        p.marks = Marks {
            read_only: true,
            required: true,
        };
        p.from_metadata.nullable = true;
        p.from_metadata.declared = true;
        p.description = "é€😀 \"quoted\"\n".into();
        model.enums[3].is_flags = true;
        model.enums[3].members.to_mut()[0].value = i64::MIN;
        let root = |name: &str, ty: &str| RootResource {
            name: name.to_owned().into(),
            ty: ty.to_owned().into(),
        };
        model.container = Container {
            entity_sets: vec![root("things", "microsoft.graph.thing"), root("é", "x")],
            singletons: vec![root("me", "microsoft.graph.user")],
        };
        model
    }

    #[test]
    fn a_model_round_trips_exactly() {
        let model = small();
        let bytes = encode(&model);
        let path = written("round-trip", &bytes);
        let file = ModelFile::open(&path).unwrap();
        assert_eq!(file.model().unwrap(), model);
        // Encoding is deterministic.
        assert_eq!(encode(&file.model().unwrap()), bytes);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn reaching_fills_exactly_what_a_validator_compiles() {
        let model = small();
        let path = written("reaching", &encode(&model));
        let file = ModelFile::open(&path).unwrap();
        for root in ["microsoft.graph.user", &model.structs[40].name] {
            let options = Default::default();
            let full = crate::single_pass::Validator::new(&model, root, options).unwrap();
            let reached = file.reaching(root, true).unwrap();
            let filled: Vec<&str> = reached
                .structs
                .iter()
                .zip(&model.structs)
                .filter(|(got, _)| !got.properties.is_empty())
                .map(|(got, want)| {
                    assert_eq!(got, want);
                    got.name.as_ref()
                })
                .collect();
            let compiled: Vec<&str> = full
                .types()
                .iter()
                .filter(|t| !t.properties.is_empty())
                .map(|t| t.name.as_ref())
                .collect();
            assert_eq!(filled, compiled);
            for found in full.enums() {
                let index = reached.index();
                assert_eq!(index.find_enum(&found.name), Some(found));
            }
            let from_file = crate::single_pass::Validator::from_model(reached, root, options);
            let names = |v: &crate::single_pass::Validator| {
                v.types()
                    .iter()
                    .map(|t| t.name.to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&from_file.unwrap()), names(&full));
        }
        assert!(
            file.reaching("noSuchType", false).unwrap().structs[0]
                .properties
                .is_empty()
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn other_files_are_clear_errors() {
        let json = written("json", b"{\"structs\": []}\n");
        let message = ModelFile::open(&json).unwrap_err().to_string();
        assert!(message.contains("older build"), "{message}");
        assert!(message.contains("rebuild"), "{message}");

        let mut bytes = encode(&small());
        bytes[MAGIC.len()] = 9;
        let future = written("version", &bytes);
        let message = ModelFile::open(&future).unwrap_err().to_string();
        assert!(message.contains("version 9"), "{message}");

        let missing = std::env::temp_dir().join("msgraph-schema-model-file-none.bin");
        let error = ModelFile::open(&missing).unwrap_err();
        assert!(matches!(error, ModelFileError::Io { .. }), "{error}");
        for path in [json, future] {
            let _ = std::fs::remove_file(path);
        }
    }

    #[test]
    fn damaged_files_are_errors_never_panics() {
        let model = small();
        let bytes = encode(&model);
        let path = written("damaged", &bytes);
        // Cut short anywhere, or any byte changed: an error or a model, never a panic.
        let mut damaged = 0;
        let step = bytes.len() / 400 + 1;
        for cut in (0..bytes.len()).step_by(step) {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let error = ModelFile::open(&path).unwrap_err();
            assert!(error.to_string().contains("rebuild"), "{error}");
            damaged += 1;
        }
        for at in (MAGIC.len()..bytes.len()).step_by(step) {
            let mut changed = bytes.clone();
            changed[at] ^= 0xa5;
            std::fs::write(&path, &changed).unwrap();
            if let Ok(file) = ModelFile::open(&path) {
                let _ = file.model();
                let _ = file.reaching("user", true);
            }
        }
        assert!(damaged > 100);
        let _ = std::fs::remove_file(&path);
    }
}

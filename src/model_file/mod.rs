//! The model file that `build` writes next to its schemas (`OUT/<tree>/<version>/model.bin`)
//! and `validate --schema-dir` reads: a [`Model`] in a binary form that is read in part, so
//! that validating one type reads only what that type reaches and never a type's descriptions.
//!
//! # Format (version 5)
//!
//! All integers are little-endian; a *string* is a `u32` byte length and that many bytes of
//! UTF-8; an *optional string* is a `u8` (0 absent, 1 present) and, if present, a string.
//!
//! ```text
//! header   "msgraph-schema model\n" (21 bytes), u32 version (5),
//!          u64 index length, u64 core length, u64 docs length; the three sections follow,
//!          in that order, and end the file
//! index    u32 structured types, u32 enums;
//!          per structured type, in model order: string name, optional string base,
//!            u8 flags (1 abstract; from the metadata: 2 type, 4 nullable, 8 base, 16 abstract;
//!            32 an operation's parameters, 64 the operation is a function, 128 declared only
//!            by the metadata), with flag 32 the strings operation name and binding type
//!            and a u8 for its result (0 none or unknown, 1 a value, 2 a collection; plus 4
//!            when the function is composable) followed, unless 0, by the result's type
//!            written as a core record writes a property's (u8 type kind and what that kind
//!            takes),
//!            u32 the base's place (0xFFFFFFFF: none, or one the model lacks; bases resolved
//!            and cycles cut as `ModelIndex` does), u8 1 when the type reaches a property type
//!            the model lacks (through properties and derived types: its validator cannot be
//!            compiled), else 0,
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
//! when the file is opened (a file built into the program is borrowed, never copied); the core
//! records of a type are decoded when a validator first needs them, and the docs section only
//! for the types whose descriptions and sources are asked for. A file of another version, or one that is not a model file, is an error that
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

mod decode;
mod encode;
mod file_type;

pub use encode::{encode, write};
pub use file_type::{FileType, FileTypeError};

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use msgraph_schema_core::model::{EnumType, Model, Property, Text, derived_from_bases};

use crate::single_pass::{Edge, Resolved, derived_lists, edge, reach_resolved};
use decode::{
    Bytes, Damage, Decoded, Index, Written, decode_enum, decode_properties, fill_struct_docs,
    read_index, read_members, read_properties, section,
};

/// The model file's name in a folder that `build` wrote.
pub const FILE_NAME: &str = "model.bin";

/// The file name of the model of builds before this format (pretty-printed serde JSON).
pub const OLD_FILE_NAME: &str = "model.json";

/// The first bytes of a model file.
const MAGIC: &[u8] = b"msgraph-schema model\n";

/// The version this code writes and reads.
pub const VERSION: u32 = 5;

/// A type place that is no place: no base, or a base the model lacks.
const NO_PLACE: u32 = u32::MAX;

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

/// An opened model file: its index and core read (or borrowed), its docs read on demand.
#[derive(Debug)]
pub struct ModelFile {
    path: PathBuf,
    backing: Backing,
    parts: Arc<Parts>,
    /// Where the docs section starts in the file, and its length.
    docs: Range<u64>,
}

/// Where a [`ModelFile`]'s docs section is read from.
#[derive(Debug)]
enum Backing {
    File(File),
    Static(&'static [u8]),
}

/// A model file's index and core, shared with the validators compiled from it (which decode a
/// type's core record the first time a payload needs it).
struct Parts {
    index: Index,
    core: Cow<'static, [u8]>,
    /// Each structured type's name, base and derived types, by model index, made the first
    /// time a validator or a request service needs them and shared by all of this file's.
    shape: OnceLock<Shape>,
}

/// Each structured type's name, base (resolved by the build; a cycle a damaged file holds is
/// cut) and derived types (direct and indirect), by model index.
struct Shape {
    names: Arc<[Text]>,
    bases: Vec<Option<usize>>,
    derived: Arc<[Vec<usize>]>,
}

impl fmt::Debug for Parts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parts")
            .field("structs", &self.index.structs.len())
            .field("enums", &self.index.enums.len())
            .field("core", &self.core.len())
            .finish()
    }
}

/// Text borrowed from a file built into the program.
fn borrowed(text: &'static str) -> Text {
    Cow::Borrowed(text)
}

/// Text copied from a file read at run time.
fn copied(text: &str) -> Text {
    Cow::Owned(text.to_owned())
}

impl Parts {
    /// The properties of structured type `id` (without descriptions or sources), and for
    /// each the type it names by place, if so.
    fn properties(&self, id: usize) -> Decoded<(Vec<Property>, Vec<Option<Edge>>)> {
        let range = self.index.structs[id].core.clone();
        let outline = &self.index.outline;
        let (properties, places) = match &self.core {
            Cow::Borrowed(core) => {
                let core: &'static [u8] = core;
                decode_properties(&mut Bytes::new(&core[range], "the core"), outline, borrowed)
            }
            Cow::Owned(core) => {
                decode_properties(&mut Bytes::new(&core[range], "the core"), outline, copied)
            }
        }?;
        let places = places.into_iter().map(|place| match place {
            Some(Written::Struct(at)) => Some(Edge::Struct(at)),
            Some(Written::Enum(at)) => Some(Edge::Enum(at)),
            _ => None,
        });
        Ok((properties, places.collect()))
    }

    /// Enum `id` with its members, and when its docs record is given its descriptions and
    /// source.
    fn enum_type(&self, id: usize, docs: Option<&[u8]>) -> Decoded<EnumType> {
        let mut found = self.index.outline.enums[id].clone();
        let records = &self.index.enums[id];
        let mut docs = docs.map(|docs| Bytes::new(docs, "the docs"));
        match &self.core {
            Cow::Borrowed(core) => {
                let core: &'static [u8] = core;
                let mut at = Bytes::new(&core[records.core.clone()], "the core");
                decode_enum(&mut at, docs.as_mut(), &mut found, borrowed)?;
            }
            Cow::Owned(core) => {
                let mut at = Bytes::new(&core[records.core.clone()], "the core");
                decode_enum(&mut at, docs.as_mut(), &mut found, copied)?;
            }
        }
        Ok(found)
    }

    /// Each structured type's name, base and derived types, by model index (see
    /// [`Parts::shape`]).
    fn shape(&self) -> &Shape {
        self.shape.get_or_init(|| {
            let names = self.index.outline.structs.iter().map(|t| t.name.clone());
            let mut bases = self.index.bases.clone();
            let derived = derived_from_bases(&mut bases);
            Shape {
                names: names.collect(),
                bases,
                derived: derived.into(),
            }
        })
    }

    /// Reads every core record whole, decoding nothing: after it, decoding a record cannot
    /// fail (the same readers check the same bytes).
    fn check_records(&self) -> Decoded<()> {
        let counts = (
            self.index.outline.structs.len(),
            self.index.outline.enums.len(),
        );
        for records in &self.index.structs {
            let mut core = Bytes::new(&self.core[records.core.clone()], "the core");
            read_properties(&mut core, counts, |_, _, _| {})?;
        }
        for records in &self.index.enums {
            let mut core = Bytes::new(&self.core[records.core.clone()], "the core");
            read_members(&mut core, |_, _, _| {})?;
        }
        Ok(())
    }
}

impl ModelFile {
    /// Opens the model file at `path`, reading its header, index and core, and checking every
    /// record of the core.
    pub fn open(path: &Path) -> Result<ModelFile, ModelFileError> {
        let io = |error| ModelFileError::Io {
            path: path.to_owned(),
            error,
        };
        let mut file = File::open(path).map_err(io)?;
        let length = file.metadata().map_err(io)?.len();
        let mut header = Vec::with_capacity(HEADER);
        (&mut file)
            .take(HEADER as u64)
            .read_to_end(&mut header)
            .map_err(io)?;
        let [index, core, docs] = read_header(&header, length, path)?;
        let mut section = |length: u64| -> Result<Vec<u8>, ModelFileError> {
            let mut bytes =
                vec![
                    0;
                    usize::try_from(length)
                        .map_err(|_| damaged(path, Damage("a section too large".into())))?
                ];
            file.read_exact(&mut bytes).map_err(io)?;
            Ok(bytes)
        };
        let index_bytes = section(index)?;
        let core_bytes = section(core)?;
        let read = read_index(&index_bytes, core_bytes.len(), docs, copied)
            .map_err(|damage| damaged(path, damage))?;
        let parts = Parts {
            index: read,
            core: Cow::Owned(core_bytes),
            shape: OnceLock::new(),
        };
        parts
            .check_records()
            .map_err(|damage| damaged(path, damage))?;
        Ok(ModelFile {
            path: path.to_owned(),
            backing: Backing::File(file),
            parts: Arc::new(parts),
            docs: docs_range(index, core, docs),
        })
    }

    /// A model file held in memory, e.g. one built into the program with `include_bytes!`;
    /// `name` stands for its path in errors. Nothing is copied: names and core records are
    /// read in place, its docs section when asked.
    ///
    /// Only the header and the index are checked (a millisecond or so for the whole of Graph:
    /// what a start-up pays), not each record of the core as [`ModelFile::open`] checks it:
    /// these are bytes checked when they were made, as the built-in models are by their tests
    /// ([`ModelFile::check_records`]). A damaged record is then a type without properties,
    /// never a panic.
    pub fn from_static(bytes: &'static [u8], name: &str) -> Result<ModelFile, ModelFileError> {
        let path = Path::new(name);
        let header = &bytes[..bytes.len().min(HEADER)];
        let [index, core, docs] = read_header(header, bytes.len() as u64, path)?;
        // The header's lengths add up to the file's: the sections lie inside it.
        let index_at = HEADER;
        let core_at = index_at + index as usize;
        let core_bytes = &bytes[core_at..core_at + core as usize];
        let read = read_index(&bytes[index_at..core_at], core_bytes.len(), docs, borrowed)
            .map_err(|damage| damaged(path, damage))?;
        Ok(ModelFile {
            path: path.to_owned(),
            backing: Backing::Static(bytes),
            parts: Arc::new(Parts {
                index: read,
                core: Cow::Borrowed(core_bytes),
                shape: OnceLock::new(),
            }),
            docs: docs_range(index, core, docs),
        })
    }

    /// Each structured type's base by place in the [outline](ModelFile::outline), as
    /// [`ModelIndex::base`](msgraph_schema_core::model::ModelIndex::base) resolves it: resolved
    /// when the file was written, read without a name look-up.
    pub(crate) fn bases(&self) -> &[Option<usize>] {
        &self.parts.shape().bases
    }

    /// Reads every record of the core whole, decoding nothing: the check [`ModelFile::open`]
    /// makes, for a file from [`ModelFile::from_static`].
    pub fn check_records(&self) -> Result<(), ModelFileError> {
        self.parts
            .check_records()
            .map_err(|damage| self.damaged(damage))
    }

    /// Every type with its name, base and flags, and without properties, members, descriptions
    /// or sources, and the container: the names to look a type up by.
    pub fn outline(&self) -> &Model {
        &self.parts.index.outline
    }

    /// The properties of the structured type at place `id` of the [outline](ModelFile::outline)
    /// (declared and inherited, without descriptions or sources), read from the core; `None`
    /// when the outline has no type at that place.
    pub fn type_properties(&self, id: usize) -> Result<Option<Vec<Property>>, ModelFileError> {
        if id >= self.parts.index.structs.len() {
            return Ok(None);
        }
        let (properties, _) = self
            .parts
            .properties(id)
            .map_err(|damage| self.damaged(damage))?;
        Ok(Some(properties))
    }

    /// The whole model, exactly as written.
    pub fn model(&self) -> Result<Model, ModelFileError> {
        let docs = self.read_docs(0..self.docs.end - self.docs.start)?;
        let mut model = self.outline().clone();
        for (id, ty) in model.structs.iter_mut().enumerate() {
            let mut fill = || {
                ty.properties = self.parts.properties(id)?.0.into();
                let records = &self.parts.index.structs[id];
                let mut at = Bytes::new(section(&docs, &records.docs)?, "the docs");
                fill_struct_docs(&mut at, ty)
            };
            fill().map_err(|damage| self.damaged(damage))?;
        }
        for (id, found) in model.enums.iter_mut().enumerate() {
            let record = section(&docs, &self.parts.index.enums[id].docs);
            *found = record
                .and_then(|record| self.parts.enum_type(id, Some(record)))
                .map_err(|damage| self.damaged(damage))?;
        }
        Ok(model)
    }

    /// The [outline](ModelFile::outline) with the types a value of the structured type `root`
    /// (qualified, alias or short name) may hold filled in: their properties or members, and
    /// when `docs` their descriptions and sources. This is what a validator of `root` needs
    /// (the same rule: `Validator` compiles exactly these), read without the rest of the file.
    /// Nothing is filled when no structured type has that name.
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
        let mut model = self.outline().clone();
        let (resolved, mut properties) = {
            let index = model.index();
            let Some(root) = index.struct_id(root) else {
                return Ok((model, None));
            };
            let mut properties: Vec<Option<Vec<Property>>> = vec![None; model.structs.len()];
            let (reach, edges) = reach_resolved(
                (model.structs.len(), model.enums.len()),
                &[root],
                &[],
                |id| index.derived(id),
                |id| {
                    let (decoded, places) = self.parts.properties(id)?;
                    // A type not written by place is resolved by name.
                    let edges = decoded
                        .iter()
                        .zip(places)
                        .map(|(p, place)| place.or_else(|| edge(&index, &p.ty)))
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
                let bytes = self.read_docs(self.parts.index.structs[id].docs.clone())?;
                let mut at = Bytes::new(&bytes, "the docs");
                fill_struct_docs(&mut at, ty).map_err(|damage| self.damaged(damage))?;
            }
        }
        for &id in &resolved.reach.enums {
            let bytes = match docs {
                true => Some(self.read_docs(self.parts.index.enums[id].docs.clone())?),
                false => None,
            };
            model.enums[id] = self
                .parts
                .enum_type(id, bytes.as_deref())
                .map_err(|damage| self.damaged(damage))?;
        }
        Ok((model, Some(resolved)))
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

    fn damaged(&self, damage: Damage) -> ModelFileError {
        damaged(&self.path, damage)
    }
}

/// The error of damage found in the file at `path`.
fn damaged(path: &Path, Damage(detail): Damage) -> ModelFileError {
    ModelFileError::Damaged {
        path: path.to_owned(),
        detail,
    }
}

/// The lengths of the index, core and docs sections that the `header` of a file of `length`
/// bytes gives, checked: its magic, its version, and lengths that add up to the file's.
fn read_header(header: &[u8], length: u64, path: &Path) -> Result<[u64; 3], ModelFileError> {
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
    let version = bytes.u32().map_err(|damage| damaged(path, damage))?;
    if version != VERSION {
        return Err(ModelFileError::Format {
            path: path.to_owned(),
            found: format!("version {version}; this msgraph-schema reads version {VERSION}"),
        });
    }
    let mut lengths = [0; 3];
    for length in &mut lengths {
        *length = bytes.u64().map_err(|damage| damaged(path, damage))?;
    }
    let expected = lengths
        .iter()
        .try_fold(HEADER as u64, |sum, &n| sum.checked_add(n));
    if expected != Some(length) {
        return Err(damaged(
            path,
            Damage(format!(
                "{length} bytes where the header says {}",
                expected.map_or_else(|| "more than 2^64".to_owned(), |n| n.to_string())
            )),
        ));
    }
    Ok(lengths)
}

/// Where the docs section lies in the file, from the sections' lengths.
fn docs_range(index: u64, core: u64, docs: u64) -> Range<u64> {
    let at = HEADER as u64 + index + core;
    at..at + docs
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::report::Limits;
    use crate::testing::synthetic::{self, Shape};
    use msgraph_schema_core::model::{
        Container, FromMetadata, Marks, OperationKind, OperationOf, Primitive, Returns,
        RootResource, StructuredType, TypeRef,
    };
    use msgraph_schema_core::rules::Options;

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
        // Operations, without a result and with one of each written form (a primitive, an
        // enum and a structured type by place and by name), as the last types.
        let struct_name = model.structs[3].name.clone();
        let enum_name = model.enums[2].name.clone();
        let results = [
            None,
            Some(TypeRef::Primitive(Primitive::Int32)),
            Some(TypeRef::Enum(enum_name)),
            Some(TypeRef::Enum("microsoft.graph.lacking".into())),
            Some(TypeRef::Struct(struct_name)),
            Some(TypeRef::Struct("microsoft.graph.absent".into())),
        ];
        for (n, ty) in results.into_iter().enumerate() {
            let mut operation = model.structs[0].clone();
            operation.name = format!("microsoft.graph.thing.op{n}").into();
            operation.base = None;
            operation.properties = Vec::new().into();
            operation.operation = Some(OperationOf {
                name: format!("microsoft.graph.op{n}").into(),
                binding: "microsoft.graph.thing".into(),
                kind: match n % 2 {
                    0 => OperationKind::Action,
                    _ => OperationKind::Function,
                },
                returns: ty.map(|ty| Returns {
                    ty,
                    collection: n % 3 == 1,
                    composable: n % 2 == 1,
                }),
            });
            model.structs.push(operation);
        }
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
                v.types().map(|t| t.name.to_string()).collect::<Vec<_>>()
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
    fn a_type_reaching_a_type_the_model_lacks_fails_as_compiling_at_once_does() {
        let mut model = small();
        let options = Options::default();
        // `island` uses a type the model lacks and `walker` reaches it; `lagoon` reaches the
        // same through the type derived from it; the model's own types reach none of them.
        let property = |name: &str, ty: TypeRef| Property {
            name: name.to_owned().into(),
            ty,
            collection: false,
            ..model.structs[0].properties[0].clone()
        };
        let named = |name: &str| TypeRef::Struct(format!("microsoft.graph.{name}").into());
        let ty = |name: &str, base: Option<&str>, properties: Vec<Property>| StructuredType {
            name: format!("microsoft.graph.{name}").into(),
            base: base.map(|b| format!("microsoft.graph.{b}").into()),
            properties: properties.into(),
            ..model.structs[0].clone()
        };
        let extra = [
            ty("island", None, vec![property("lost", named("nowhere"))]),
            ty("walker", None, vec![property("to", named("island"))]),
            ty(
                "lagoon",
                None,
                vec![property("id", TypeRef::Primitive(Primitive::String))],
            ),
            ty(
                "deepLagoon",
                Some("lagoon"),
                vec![property("lost", named("nowhere"))],
            ),
        ];
        model.structs.extend(extra);
        let path = written("missing", &encode(&model));
        let file = ModelFile::open(&path).unwrap();
        let (mut failing, mut compiled) = (0, 0);
        for ty in &model.structs {
            let at_once = crate::single_pass::Validator::new(&model, &ty.name, options);
            let from_file = file.file_type(&ty.name, options, false);
            match (at_once, from_file) {
                (Err(want), Err(FileTypeError::Compile(got))) => {
                    assert_eq!(got, want, "{}", ty.name);
                    failing += 1;
                }
                (Ok(_), Ok(got)) => {
                    assert_eq!(got.validator().compiled().count(), 0, "{}", ty.name);
                    compiled += 1;
                }
                (want, got) => panic!("{}: {:?} vs {:?}", ty.name, want.err(), got.err()),
            }
        }
        assert_eq!(failing, 4, "{compiled} compiled");
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
                if let Ok(user) = file.file_type("user", Options::default(), false) {
                    let _ = user.check(br#"{"id": "x", "a": {"b": [1]}}"#, Limits::NONE);
                    let _ = user.validator().types().count();
                }
            }
            // Built into the program: records not checked at start, still never a panic.
            let leaked: &'static [u8] = Box::leak(changed.into_boxed_slice());
            if let Ok(file) = ModelFile::from_static(leaked, "changed") {
                if let Ok(user) = file.file_type("user", Options::default(), false) {
                    let _ = user.check(br#"{"id": "x"}"#, Limits::NONE);
                    let _ = user.validator().types().count();
                }
            }
        }
        assert!(damaged > 100);
        let _ = std::fs::remove_file(&path);
    }
}

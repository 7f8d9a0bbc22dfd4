//! A type of a model file with its validators compiled: [`FileType`].

use std::fmt;
use std::sync::Arc;

use msgraph_schema_core::model::{EnumType, StructuredType, TypeRef};
use msgraph_schema_core::rules::Options;

use super::{ModelFile, ModelFileError, Parts};
use crate::report::{Limits, Report};
use crate::schema_check::SchemaCheck;
use crate::single_pass::{CompileError, Edge, TypeSource, Validator};
use crate::validate::check_against_schema;

/// One structured type of a [`ModelFile`] with its compiled validators: the single pass, and the
/// JSON Schema check when asked for. Loading stays fast on a model of the whole of Graph: the
/// core records of what the type reaches are scanned once (checked, nothing decoded), and a
/// type is decoded and compiled when a payload first holds a value of it.
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
    /// under `options`; with `schema_check`, the JSON Schema check too (for which everything
    /// the type reaches is read at once, descriptions as well).
    pub fn file_type(
        &self,
        name: &str,
        options: Options,
        schema_check: bool,
    ) -> Result<FileType, FileTypeError> {
        if !schema_check && let Some(found) = self.lazy_type(name, options) {
            return Ok(found);
        }
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

    /// The single pass of type `name`, its types compiled on first use; `None` when the type
    /// is not in the model or reaches a type the model lacks (compiling at once says which).
    fn lazy_type(&self, name: &str, options: Options) -> Option<FileType> {
        let outline = self.outline();
        let root = outline.struct_position(name)?;
        if self.parts.index.incomplete[root] {
            return None;
        }
        let shape = self.parts.shape();
        let (names, derived) = (Arc::clone(&shape.names), Arc::clone(&shape.derived));
        let source = FileTypes {
            parts: Arc::clone(&self.parts),
        };
        let validator = Validator::lazy(
            root,
            names,
            derived,
            outline.enums.len(),
            options,
            Box::new(source),
        );
        Some(FileType {
            name: outline.structs[root].name.to_string(),
            validator,
            schema: None,
        })
    }
}

/// The types of a model file that a lazily compiled validator reads on first use.
struct FileTypes {
    parts: Arc<Parts>,
}

impl TypeSource for FileTypes {
    fn structured(&self, id: usize) -> (StructuredType, Vec<Option<Edge>>) {
        let outline = &self.parts.index.outline;
        let mut ty = outline.structs[id].clone();
        // The records were checked when the file was opened: the same reader cannot fail on
        // them now (were it to, the type would have no properties).
        let Ok((properties, places)) = self.parts.properties(id) else {
            return (ty, Vec::new());
        };
        // A type not written by place is found by name, as the index finds it.
        let edges = properties
            .iter()
            .zip(places)
            .map(|(p, place)| {
                place.or_else(|| match &p.ty {
                    TypeRef::Primitive(_) => None,
                    TypeRef::Enum(name) => outline.enum_position(name).map(Edge::Enum),
                    TypeRef::Struct(name) => outline.struct_position(name).map(Edge::Struct),
                })
            })
            .collect();
        ty.properties = properties.into();
        (ty, edges)
    }

    fn enumeration(&self, id: usize) -> EnumType {
        // As for `structured`: checked when the file was opened.
        self.parts
            .enum_type(id, None)
            .unwrap_or_else(|_| self.parts.index.outline.enums[id].clone())
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

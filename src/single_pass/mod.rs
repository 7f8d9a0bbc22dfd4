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

mod reader;
mod walk;

use std::collections::HashMap;
use std::sync::Arc;

use msgraph_schema_core::model::{Model, Primitive, StructuredType, TypeRef};
use msgraph_schema_core::rules::Options;

use crate::deferred::EnumWords;
use crate::json;
use crate::report::{Disagreement, Error, ErrorKind, Report};

/// A type's validator, compiled once from the model and reused for every payload.
pub struct Validator {
    model: Model,
    options: Options,
    root: usize,
    plans: Vec<TypePlan>,
    /// Each enum's words for messages (by index into the model's enums), written once.
    enum_words: Vec<Arc<EnumWords>>,
}

/// How the properties of one structured type are checked.
struct TypePlan {
    /// What each property's value (or item) is, by property index.
    targets: Vec<Target>,
    /// Property indexes by name length: most lengths have one property, so a look-up compares
    /// one name.
    by_length: Vec<Vec<usize>>,
    /// Property index by wire name, for the lengths that many properties share.
    index: Option<HashMap<String, usize>>,
    /// The types derived from this one (indexes into the model's structs), which a value's
    /// `@odata.type` may choose.
    derived: Vec<usize>,
    /// The properties the options require, by index.
    required: Vec<usize>,
}

/// What a value must be, resolved against the model.
#[derive(Clone, Copy)]
enum Target {
    Primitive(Primitive),
    Enum(usize),
    Struct(usize),
}

/// Names of one length that are compared one by one, at most; past it they are hashed.
const LINEAR_LOOKUP_MAX: usize = 4;

impl Validator {
    /// Compiles the validator of `type_name` (qualified or short) in `model` under `options`.
    ///
    /// Fails, naming them, when the type or a type it uses is not in the model.
    pub fn new(model: &Model, type_name: &str, options: Options) -> Result<Validator, String> {
        let root = model
            .structs
            .iter()
            .position(|t| msgraph_schema_core::model::names_match(&t.name, type_name))
            .ok_or_else(|| format!("the model has no structured type `{type_name}`"))?;
        let mut missing = Vec::new();
        let plans = model
            .structs
            .iter()
            .map(|ty| TypePlan::new(model, ty, &options, &mut missing))
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "the model does not define these types: {}",
                missing.join(", ")
            ));
        }
        let enum_words = model
            .enums
            .iter()
            .map(|e| EnumWords::new(e, options))
            .collect();
        Ok(Validator {
            model: model.clone(),
            options,
            root,
            plans,
            enum_words,
        })
    }

    /// The structured type this validator checks.
    pub fn structured(&self) -> &StructuredType {
        &self.model.structs[self.root]
    }

    /// Validates a payload's bytes: every error, located by JSON Pointer, line and column.
    pub fn check(&self, bytes: &[u8]) -> Report {
        // The UTF-8 check with SIMD (RFC 8259 §8.1: JSON text is UTF-8); the error's place
        // comes from `syntax_report`.
        let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
            return syntax_report(bytes);
        };
        match walk::run(self, text) {
            Ok(errors) => Report {
                errors,
                disagreements: Vec::new(),
            },
            Err(reader::Invalid) => syntax_report(bytes),
        }
    }
}

impl TypePlan {
    fn new(
        model: &Model,
        ty: &StructuredType,
        options: &Options,
        missing: &mut Vec<String>,
    ) -> TypePlan {
        let targets = ty
            .properties
            .iter()
            .map(|p| {
                let target = match &p.ty {
                    TypeRef::Primitive(primitive) => Some(Target::Primitive(*primitive)),
                    TypeRef::Enum(name) => model
                        .enums
                        .iter()
                        .position(|e| e.name == *name)
                        .map(Target::Enum),
                    TypeRef::Struct(name) => model
                        .structs
                        .iter()
                        .position(|s| s.name == *name)
                        .map(Target::Struct),
                };
                target.unwrap_or_else(|| {
                    missing.push(p.ty.csdl_name().to_owned());
                    Target::Primitive(Primitive::String)
                })
            })
            .collect();
        let mut by_length: Vec<Vec<usize>> = Vec::new();
        for (i, property) in ty.properties.iter().enumerate() {
            let length = property.name.len();
            if by_length.len() <= length {
                by_length.resize_with(length + 1, Vec::new);
            }
            by_length[length].push(i);
        }
        let crowded = by_length.iter().any(|same| same.len() > LINEAR_LOOKUP_MAX);
        let index = crowded.then(|| {
            ty.properties
                .iter()
                .enumerate()
                .map(|(i, p)| (p.name.to_string(), i))
                .collect()
        });
        let derived = model
            .derived_types(&ty.name)
            .into_iter()
            .filter_map(|d| model.structs.iter().position(|s| s.name == d.name))
            .collect();
        let required = (0..ty.properties.len())
            .filter(|&p| options.requires(&ty.properties[p]))
            .collect();
        TypePlan {
            targets,
            by_length,
            index,
            derived,
            required,
        }
    }

    /// The index of the property named `key` in `ty`.
    #[inline]
    fn find(&self, ty: &StructuredType, key: &str) -> Option<usize> {
        let same_length = self.by_length.get(key.len())?;
        match &self.index {
            Some(index) if same_length.len() > LINEAR_LOOKUP_MAX => index.get(key).copied(),
            _ => same_length
                .iter()
                .copied()
                .find(|&i| ty.properties[i].name == key),
        }
    }
}

/// The report of text that is not JSON, with `serde_json`'s located message. Should it parse
/// after all, the two readers disagree: a bug, reported and never hidden.
fn syntax_report(bytes: &[u8]) -> Report {
    match json::parse(bytes) {
        Err(error) => Report {
            errors: vec![*error],
            disagreements: Vec::new(),
        },
        Ok(_) => Report {
            errors: vec![Error::new(
                String::new(),
                ErrorKind::Syntax,
                "the single-pass reader rejects this text, which serde_json accepts",
            )],
            disagreements: vec![Disagreement {
                pointer: String::new(),
                kind: ErrorKind::Syntax,
                reported_by: "single_pass".into(),
            }],
        },
    }
}

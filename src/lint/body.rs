//! One example body: its syntax, its type and operation, the single pass's errors as findings,
//! and its top-level properties against the page's own request-body table.

use std::borrow::Cow;
use std::collections::HashMap;

use msgraph_schema_core::examples::{Body, Example, Part};
use msgraph_schema_core::model::{Model, ModelIndex, Property, Source, StructuredType, TypeRef};
use msgraph_schema_core::page::PageKind;
use msgraph_schema_core::rules::{Operation, Options};
use serde_json::Value;

use super::{Finding, FindingKind, derived};
use crate::report::{Error, ErrorKind};
use crate::single_pass::Validator;

/// The root type of a collection response (`{"value": [...]}`): never in a docs model.
const COLLECTION_WRAPPER: &str = "msgraph_schema.lint.collection";

/// The model of one tree and version with its look-ups, built once per lint run.
pub(super) struct ModelView<'m> {
    pub index: ModelIndex<'m>,
    /// Structured types by lower-case qualified name (the first in model order).
    lower_case: HashMap<String, usize>,
}

impl<'m> ModelView<'m> {
    /// Indexes `model`.
    pub(super) fn new(model: &'m Model) -> ModelView<'m> {
        let mut lower_case = HashMap::new();
        for (id, ty) in model.structs.iter().enumerate() {
            lower_case.entry(ty.name.to_ascii_lowercase()).or_insert(id);
        }
        ModelView {
            index: model.index(),
            lower_case,
        }
    }
}

/// What the lint knows about the page an example is on.
pub(super) struct Page<'p> {
    pub file: &'p str,
    /// `tree/version`, the validators' cache key.
    pub key: String,
    pub model: &'p ModelView<'p>,
    pub kind: PageKind,
    /// The type of a create or update page.
    pub type_name: Option<String>,
    /// The type named in the `## Response` section, and whether it is a collection.
    pub response_resource: Option<(String, bool)>,
    /// The names of the page's request-body table.
    pub body_table: Vec<String>,
}

/// What happened to a body.
pub(super) enum Outcome {
    /// Checked against a type.
    Validated,
    /// JSON, but no type to check it against.
    Untyped,
    /// Not JSON, a type outside the model, or a request with no body operation (GET, DELETE).
    NotChecked,
}

/// Compiled validators by tree and version, type, operation and collection.
#[derive(Default)]
pub(super) struct Validators {
    compiled: HashMap<(String, String, Operation, bool), Result<Validator, String>>,
}

impl Validators {
    fn get(
        &mut self,
        page: &Page<'_>,
        type_name: &str,
        operation: Operation,
        collection: bool,
    ) -> &Result<Validator, String> {
        let key = (
            page.key.clone(),
            type_name.to_owned(),
            operation,
            collection,
        );
        self.compiled.entry(key).or_insert_with(|| {
            let options = Options {
                operation,
                strict: false,
            };
            let index = &page.model.index;
            let compiled = if collection {
                Validator::outside(index, collection_wrapper(type_name), options)
            } else {
                Validator::with_index(index, type_name, options)
            };
            compiled.map_err(|err| err.to_string())
        })
    }
}

/// A root type `{"value": [type_name]}` (annotations such as `@odata.context` are ignored as
/// everywhere), outside the model.
fn collection_wrapper(type_name: &str) -> StructuredType {
    StructuredType {
        name: COLLECTION_WRAPPER.into(),
        base: None,
        description: Cow::Borrowed("A collection response."),
        properties: vec![Property {
            name: "value".into(),
            ty: TypeRef::Struct(type_name.to_owned().into()),
            collection: true,
            nullable: false,
            key: false,
            description: Cow::Borrowed(""),
            source: Source::default(),
            from_metadata: Default::default(),
            marks: Default::default(),
        }]
        .into(),
        source: Source::default(),
        is_abstract: false,
        from_metadata: Default::default(),
        operation: None,
    }
}

impl Page<'_> {
    /// Checks one example's body, adding its findings.
    pub(super) fn check(
        &self,
        example: &Example,
        validators: &mut Validators,
        out: &mut Vec<Finding>,
    ) -> Outcome {
        let Some(body) = &example.body else {
            return Outcome::NotChecked;
        };
        let value = match serde_json::from_str::<Value>(&body.text) {
            Ok(value) => value,
            Err(err) => {
                out.push(Finding {
                    column: err.column(),
                    ..Finding::at(
                        self.file,
                        body.page_line(err.line()),
                        FindingKind::NOT_JSON,
                        format!("the example body is not JSON: {}", without_location(&err)),
                    )
                });
                return Outcome::NotChecked;
            }
        };
        if example.part == Part::Request && !self.body_table.is_empty() {
            self.undocumented(body, &value, out);
        }
        let Some(operation) = self.operation(example) else {
            return Outcome::NotChecked;
        };
        let Some((type_name, mut collection)) = self.body_type(example) else {
            return Outcome::Untyped;
        };
        let index = &self.model.index;
        if index.find_struct(&type_name).is_none() {
            let hint = self
                .case_insensitive(&type_name)
                .map(|found| format!(" (names are case-sensitive: `{found}` is)"))
                .unwrap_or_default();
            out.push(Finding::at(
                self.file,
                body.line,
                FindingKind::TypeNotInModel,
                format!(
                    "the body's type `{type_name}` is not in the model of this tree and version{hint}"
                ),
            ));
            return Outcome::NotChecked;
        }
        let has_value_property = index
            .find_struct(&type_name)
            .is_some_and(|ty| ty.property("value").is_some());
        collection |= !has_value_property && value.get("value").is_some_and(Value::is_array);
        let validator = match validators.get(self, &type_name, operation, collection) {
            Ok(validator) => validator,
            Err(message) => {
                out.push(Finding::at(
                    self.file,
                    body.line,
                    FindingKind::TypeNotInModel,
                    message.clone(),
                ));
                return Outcome::NotChecked;
            }
        };
        let errors = validator.check(body.text.as_bytes()).errors;
        let options = Options {
            operation,
            strict: false,
        };
        let mut compile = |name: &str| Validator::with_index(index, name, options).ok();
        let (errors, outside) = derived::recheck(
            index,
            validator.structured(),
            &body.text,
            errors,
            &mut compile,
        );
        for error in errors {
            out.push(self.located(body, &type_name, &error, FindingKind::Payload(error.kind)));
        }
        for error in outside {
            let mut finding = self.located(body, &type_name, &error, FindingKind::TypeNotInModel);
            finding.message = format!(
                "{} (the model of this tree and version has no such type, so the object is not checked)",
                error.message()
            );
            out.push(finding);
        }
        Outcome::Validated
    }

    /// The body's operation: create for POST and PUT, update for PATCH, response; `None` for
    /// a request whose method takes no body.
    fn operation(&self, example: &Example) -> Option<Operation> {
        if example.part == Part::Response {
            return Some(Operation::Response);
        }
        match example.request.as_ref().map(|r| r.method.as_str()) {
            Some("POST" | "PUT") => Some(Operation::Create),
            Some("PATCH") => Some(Operation::Update),
            Some(_) => None,
            None => match self.kind {
                PageKind::Create => Some(Operation::Create),
                PageKind::Update => Some(Operation::Update),
                _ => None,
            },
        }
    }

    /// The annotation's `@odata.type`, else the page's type: a create or update page's, an
    /// operation page's parameters for a request, or for a response the `## Response`
    /// section's.
    fn body_type(&self, example: &Example) -> Option<(String, bool)> {
        let annotation = example.annotation.as_ref();
        if let Some(named) = annotation.and_then(|a| a.odata_type.as_deref()) {
            let collection = annotation.is_some_and(|a| a.is_collection);
            return Some((super::qualify("microsoft.graph", named), collection));
        }
        // An operation page's type is its parameters: its requests' body, not its responses'.
        let request_only = self.kind == PageKind::Operation;
        if let Some(name) = &self.type_name
            && (!request_only || example.part == Part::Request)
        {
            return Some((name.clone(), false));
        }
        match (example.part, &self.response_resource) {
            // The prose link's text is often lower-case (`[devicehealthscript](…)`).
            (Part::Response, Some((name, collection))) => Some((
                self.case_insensitive(name).unwrap_or_else(|| name.clone()),
                *collection,
            )),
            _ => None,
        }
    }

    /// The model's structured type whose qualified name is `name` but for case.
    fn case_insensitive(&self, name: &str) -> Option<String> {
        let id = self.model.lower_case.get(&name.to_ascii_lowercase())?;
        Some(self.model.index.model().structs[*id].name.to_string())
    }

    /// Top-level properties of a request body that the page's request-body table lacks.
    fn undocumented(&self, body: &Body, value: &Value, out: &mut Vec<Finding>) {
        let Some(object) = value.as_object() else {
            return;
        };
        let mut errors: Vec<Error> = object
            .keys()
            .filter(|key| !key.contains('@') && !self.body_table.iter().any(|n| n == *key))
            .map(|key| {
                Error::new(
                    format!("/{}", key.replace('~', "~0").replace('/', "~1")),
                    ErrorKind::UnknownProperty,
                    format!(
                        "`{key}` is in the example request but not in the page's request-body table"
                    ),
                )
            })
            .collect();
        crate::json::locate_all(&body.text, &mut errors);
        for error in &errors {
            let mut finding = self.located(body, "", error, FindingKind::UndocumentedProperty);
            finding.type_name = None;
            out.push(finding);
        }
    }

    fn located(&self, body: &Body, type_name: &str, error: &Error, kind: FindingKind) -> Finding {
        Finding {
            file: self.file.to_owned(),
            line: body.page_line(error.line),
            column: error.column,
            kind,
            pointer: Some(error.pointer().to_owned()),
            type_name: Some(type_name.to_owned()),
            message: error.message().to_owned(),
        }
    }
}

/// serde_json's message without its ` at line L column C` (the finding has the page's).
fn without_location(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

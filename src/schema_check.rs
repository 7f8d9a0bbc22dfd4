//! The JSON Schema side: the emitted schema, compiled by the `jsonschema` crate, and its errors
//! mapped onto the same `(pointer, kind)` vocabulary as the typed validator.

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use msgraph_schema_core::emit::json_schema::{is_flags_pattern, standalone};
use msgraph_schema_core::model::{Model, ModelIndex, StructuredType};
use msgraph_schema_core::rules::Options;
use serde_json::Value;

use crate::report::{Error, ErrorKind, clip};

/// A compiled JSON Schema for one type under one set of options.
pub struct SchemaCheck {
    validator: Validator,
}

impl SchemaCheck {
    /// Emits and compiles the schema of `ty`, with every structured type it reaches in
    /// `$defs` ([`standalone`]): only what `ty` reaches is compiled, and nothing is fetched.
    /// Indexes `model` once; to check many types of one model, index it once and use
    /// [`SchemaCheck::with_index`].
    ///
    /// The schema has no `format` keyword: each Edm primitive is a `pattern` that holds its
    /// whole rule, the calendar of `Edm.Date` and `Edm.DateTimeOffset` included
    /// (`msgraph_schema_core::edm_patterns`), so this check and every other JSON Schema
    /// validator read it alike.
    pub fn new(model: &Model, ty: &StructuredType, options: &Options) -> SchemaCheck {
        SchemaCheck::with_index(&model.index(), ty, options)
    }

    /// [`SchemaCheck::new`] with the model already indexed: time linear in what `ty` reaches.
    pub fn with_index(
        index: &ModelIndex<'_>,
        ty: &StructuredType,
        options: &Options,
    ) -> SchemaCheck {
        SchemaCheck::from_schema(&standalone(index, ty, options))
    }

    /// Compiles an emitted schema (e.g. one with the structured types it reaches in `$defs`).
    pub fn from_schema(schema: &Value) -> SchemaCheck {
        let validator = jsonschema::draft202012::options()
            .build(schema)
            .expect("the emitted schema is valid JSON Schema 2020-12");
        SchemaCheck { validator }
    }

    /// The `jsonschema` crate's compiled validator.
    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    /// Whether `value` is valid.
    pub fn is_valid(&self, value: &Value) -> bool {
        self.validator.is_valid(value)
    }

    /// Every error, as `(pointer, kind)` errors with the crate's own messages.
    pub fn errors(&self, value: &Value) -> Vec<Error> {
        let mut out = Vec::new();
        for error in self.validator.iter_errors(value) {
            map_error(&error, &mut out);
        }
        normalize(&mut out);
        out
    }
}

fn map_error(error: &ValidationError<'_>, out: &mut Vec<Error>) {
    let pointer = error.instance_path().as_str().to_owned();
    // An object's `@odata.type`, or a property's `name@odata.type`.
    let is_odata_type = pointer.ends_with("@odata.type");
    let kind = match error.kind() {
        // Also a number with a fraction that is not zero (`1.5`) for an Edm integer type
        // (`"type": "integer"`): a `type` error here and in the typed validator alike.
        ValidationErrorKind::Type { .. } => ErrorKind::Type,
        ValidationErrorKind::Enum { .. } if is_odata_type => ErrorKind::OdataType,
        ValidationErrorKind::Enum { .. } => ErrorKind::Enum,
        // A flags enum's members joined by commas: a pattern, and an enum error all the same.
        ValidationErrorKind::Pattern { pattern } if is_flags_pattern(pattern) => ErrorKind::Enum,
        // A value outside an Edm number type's range (CSDL §3.3) is a `format` error.
        ValidationErrorKind::Format { .. }
        | ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. } => ErrorKind::Format,
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for name in unexpected {
                let pointer = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                out.push(Error::new(
                    pointer,
                    ErrorKind::UnknownProperty,
                    // The crate's own message lists every unexpected name: one line each here.
                    format!("{} is not allowed by the schema", clip(name)),
                ));
            }
            return;
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .unwrap_or_default()
                .replace('~', "~0")
                .replace('/', "~1");
            out.push(Error::new(
                format!("{pointer}/{name}"),
                ErrorKind::Required,
                error.masked().to_string(),
            ));
            return;
        }
        // A nullable `$ref` is `anyOf: [{$ref}, {type: null}]`, `Edm.Double` is `anyOf:
        // [{type: number}, {type: string, pattern}]`: the first branch whose JSON type fits the
        // value says why (a string that is not `INF` is a `format` error), else the first.
        ValidationErrorKind::AnyOf { context } => {
            let fits = |branch: &&Vec<ValidationError<'_>>| {
                branch.iter().all(|e| {
                    !matches!(e.kind(), ValidationErrorKind::Type { .. })
                        || e.instance_path().as_str() != pointer
                })
            };
            let branch = context.iter().find(fits).or(context.first());
            for inner in branch.into_iter().flatten() {
                map_error(inner, out);
            }
            return;
        }
        // Anything else has no counterpart in the typed validator; keep it visible as `type`
        // so that the agreement check flags it.
        _ => ErrorKind::Type,
    };
    out.push(Error::new(pointer, kind, error.masked().to_string()));
}

/// One error per `(pointer, kind)`; a `type` error at a pointer hides the `enum`/`format`
/// errors that a wrong JSON type also triggers there.
fn normalize(errors: &mut Vec<Error>) {
    let typed: std::collections::HashSet<String> = errors
        .iter()
        .filter(|e| e.kind == ErrorKind::Type)
        .map(|e| e.pointer().to_owned())
        .collect();
    errors.retain(|e| e.kind == ErrorKind::Type || !typed.contains(e.pointer()));
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| seen.insert((e.pointer().to_owned(), e.kind)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A type whose property is another structured type: the schema carries it in `$defs`, so
    /// that an error inside it is found (it once panicked on the dangling `$ref`).
    #[test]
    fn nested_types_are_in_the_schema() {
        let page = |name: &str, rows: &str| {
            (
                format!("api-reference/v1.0/resources/{}.md", name.to_lowercase()),
                format!(
                    "# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
                     |Property|Type|Description|\n|:--|:--|:--|\n{rows}"
                ),
            )
        };
        let pages = [
            page("outer", "|inner|[inner](inner.md)|The inner one.|\n"),
            page("inner", "|count|Int32|How many.|\n"),
        ];
        let build = msgraph_schema_core::tree::build_pages(&pages);
        let model = build.model(".", "v1.0").expect("a model");
        let outer = model.find_struct("microsoft.graph.outer").expect("outer");
        let check = SchemaCheck::new(model, outer, &Options::default());
        assert!(check.is_valid(&serde_json::json!({"inner": {"count": 1}})));
        let errors = check.errors(&serde_json::json!({"inner": {"count": "one"}}));
        let found: Vec<_> = errors.iter().map(|e| (e.pointer(), e.kind)).collect();
        assert_eq!(found, [("/inner/count", ErrorKind::Type)]);
    }
}

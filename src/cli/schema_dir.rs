//! `validate --schema-dir DIR`: the model that `build` wrote (`DIR/model.json`, the serde form
//! of [`Model`]) loaded back, one of its types chosen, and its validators compiled.

use std::path::Path;

use msgraph_schema_core::model::{Model, names_match, short_name};
use msgraph_schema_core::rules::Options;

use crate::report::Report;
use crate::schema_check::SchemaCheck;
use crate::single_pass::Validator;

/// The model's file name inside `OUT/<tree>/<version>/`.
pub(super) const MODEL_FILE: &str = "model.json";

/// How many close names an unknown type's error lists at most.
const CLOSE_NAMES: usize = 5;

/// Writes `model` as `dir/model.json` (called by `build` for each tree and version).
pub(super) fn write_model_file(dir: &Path, model: &Model) -> Result<(), String> {
    let path = dir.join(MODEL_FILE);
    let text = serde_json::to_string_pretty(model).map_err(|err| err.to_string())? + "\n";
    std::fs::write(&path, text).map_err(|err| format!("cannot write {}: {err}", path.display()))
}

/// A type of a loaded model with its compiled validators.
pub(super) struct LoadedType {
    /// The type's qualified name.
    pub name: String,
    /// The single pass.
    validator: Validator,
    /// The JSON Schema check (only for `--cross-check`).
    schema: Option<SchemaCheck>,
}

impl LoadedType {
    /// Loads `dir/model.json` and compiles the validators of `type_name` under `options` (the
    /// JSON Schema check too when `cross_check`).
    pub fn load(
        dir: &Path,
        type_name: &str,
        options: Options,
        cross_check: bool,
    ) -> Result<LoadedType, String> {
        let model = load_model(dir)?;
        let name = resolve(&model, type_name)?;
        let validator = Validator::new(&model, &name, options)
            .map_err(|err| format!("{}: {err}", dir.join(MODEL_FILE).display()))?;
        let schema = cross_check.then(|| {
            let ty = validator.structured();
            SchemaCheck::new(&model, ty, &options)
        });
        Ok(LoadedType {
            name,
            validator,
            schema,
        })
    }

    /// Checks one payload: the single pass, or with `--cross-check` the single pass against the
    /// JSON Schema built from the same model.
    pub fn check(&self, bytes: &[u8]) -> Report {
        match &self.schema {
            Some(schema) => crate::validate::cross_check_schema(bytes, &self.validator, schema),
            None => self.validator.check(bytes),
        }
    }
}

/// Reads `dir/model.json`, with an error that says what to do when it is missing.
pub(super) fn load_model(dir: &Path) -> Result<Model, String> {
    if !dir.is_dir() {
        return Err(format!(
            "--schema-dir {}: no such folder (write one with `build --docs DIR --out OUT`, then name `OUT/<tree>/<version>`)",
            dir.display()
        ));
    }
    let path = dir.join(MODEL_FILE);
    let text = std::fs::read_to_string(&path).map_err(|err| {
        format!(
            "cannot read {}: {err} (a folder written by `build` holds it: name `OUT/<tree>/<version>`)",
            path.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|err| format!("{}: not a model: {err}", path.display()))
}

/// The qualified name of the one structured type `query` names (qualified, alias or short);
/// an error listing close names when none does, or the candidates when several do.
pub(super) fn resolve(model: &Model, query: &str) -> Result<String, String> {
    let query = query.trim_start_matches('#');
    let matches: Vec<&str> = model
        .structs
        .iter()
        .map(|t| t.name.as_ref())
        .filter(|name| names_match(name, query))
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => {
            let mut close: Vec<(f64, &str)> = model
                .structs
                .iter()
                .map(|t| {
                    let score = strsim::jaro_winkler(
                        &short_name(&t.name).to_lowercase(),
                        &short_name(query).to_lowercase(),
                    );
                    (score, t.name.as_ref())
                })
                .filter(|(score, _)| *score > 0.8)
                .collect();
            close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            let names: Vec<&str> = close.iter().take(CLOSE_NAMES).map(|(_, n)| *n).collect();
            let hint = if names.is_empty() {
                format!("the model has {} types", model.structs.len())
            } else {
                format!("close names: {}", names.join(", "))
            };
            Err(format!("unknown type `{query}`; {hint}"))
        }
        several => Err(format!(
            "ambiguous type `{query}`: name one of {}",
            several.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use msgraph_schema_core::page::parse_page;

    fn model() -> Model {
        let page = "# thing resource type\n\n## Properties\n\n|Property|Type|Description|\n\
                    |:--|:--|:--|\n|name|String|The name.|\n";
        let mut model = parse_page("thing.md", page).unwrap();
        let mut other = model.structs[0].clone();
        other.name = "microsoft.graph.other.thing".into();
        model.structs.push(other);
        let mut things = model.structs[0].clone();
        things.name = "microsoft.graph.things".into();
        model.structs.push(things);
        model
    }

    #[test]
    fn qualified_names_resolve_and_short_ones_may_be_ambiguous() {
        let model = model();
        assert_eq!(
            resolve(&model, "microsoft.graph.thing").unwrap(),
            "microsoft.graph.thing"
        );
        let ambiguous = resolve(&model, "thing").unwrap_err();
        assert!(ambiguous.contains("ambiguous"), "{ambiguous}");
        assert!(
            ambiguous.contains("microsoft.graph.other.thing"),
            "{ambiguous}"
        );
        let unknown = resolve(&model, "thingz").unwrap_err();
        assert!(unknown.contains("close names"), "{unknown}");
        assert!(unknown.contains("microsoft.graph.things"), "{unknown}");
        let text = serde_json::to_string(&model).unwrap();
        assert_eq!(serde_json::from_str::<Model>(&text).unwrap(), model);
    }
}

//! `validate --schema-dir DIR`: the model file that `build` wrote (`DIR/model.bin`, see
//! [`msgraph_schema::model_file`]) opened, one of its types chosen, and only what that type reaches
//! read and compiled.

use std::path::Path;

use msgraph_schema_core::model::{Model, names_match, short_name};
use msgraph_schema_core::rules::Options;

use msgraph_schema::model_file::{self, FILE_NAME, FileType, ModelFile, OLD_FILE_NAME};

/// How many close names an unknown type's error lists at most.
const CLOSE_NAMES: usize = 5;

/// Writes `model` as `dir/model.bin` (called by `build` for each tree and version).
pub(super) fn write_model_file(dir: &Path, model: &Model) -> Result<(), String> {
    model_file::write(dir, model).map_err(|err| err.to_string())
}

/// Opens `dir/model.bin` and compiles the validators of the type `type_name` names (the JSON
/// Schema check too when `check_agreement`), with errors that say what to do.
pub(super) fn load(
    dir: &Path,
    type_name: &str,
    options: Options,
    check_agreement: bool,
) -> Result<FileType, String> {
    let file = open_model(dir)?;
    let name = resolve(file.outline(), type_name)?;
    file.file_type(&name, options, check_agreement)
        .map_err(|err| format!("{}: {err}", dir.join(FILE_NAME).display()))
}

/// Opens `dir/model.bin`, with an error that says what to do when it is missing or is the
/// `model.json` of an older build.
pub(super) fn open_model(dir: &Path) -> Result<ModelFile, String> {
    if !dir.is_dir() {
        return Err(format!(
            "--schema-dir {}: no such folder (write one with `build --docs DIR --out OUT`, then name `OUT/<tree>/<version>`)",
            dir.display()
        ));
    }
    let path = dir.join(FILE_NAME);
    if !path.exists() && dir.join(OLD_FILE_NAME).exists() {
        return Err(format!(
            "{}: the model of an older build; rebuild the folder with `build --docs DIR --out OUT` (it writes {FILE_NAME})",
            dir.join(OLD_FILE_NAME).display()
        ));
    }
    if !path.exists() {
        return Err(format!(
            "{} not found (a folder written by `build` holds it: name `OUT/<tree>/<version>`)",
            path.display()
        ));
    }
    ModelFile::open(&path).map_err(|err| err.to_string())
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
    use msgraph_schema_core::tree::parse_page;

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
        let dir =
            std::env::temp_dir().join(format!("msgraph-schema-dir-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(OLD_FILE_NAME), "{}").unwrap();
        let old = open_model(&dir).unwrap_err();
        assert!(old.contains("older build"), "{old}");
        write_model_file(&dir, &model).unwrap();
        assert!(!dir.join(OLD_FILE_NAME).exists());
        assert_eq!(open_model(&dir).unwrap().model().unwrap(), model);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

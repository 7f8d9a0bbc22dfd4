//! Objects whose `@odata.type` names another type of the model (OData allows a derived type's
//! instance wherever its base is declared, CSDL §6.1.1). The validators dispatch to the derived
//! types the model knows as such ([`Model::derived_types`]); many pages never state their base
//! type, so the lint also re-checks here an object naming any type of the model against that
//! type, instead of reporting `odata_type` and its own properties as unknown. An object naming
//! a type the model lacks (a page outside the folder, or no such type) cannot be checked: its
//! errors give way to one `type_not_in_model` at its `@odata.type`.

use msgraph_schema_core::model::{ModelIndex, StructuredType, TypeRef};
use serde_json::Value;

use crate::json;
use crate::report::{Error, ErrorKind};
use crate::single_pass::Validator;

/// How deep derived objects inside derived objects are followed.
const MAX_DEPTH: usize = 8;

/// Replaces, in `errors` of `text` checked against `root`, the errors of every object that
/// names a derived type by that object's errors against the derived type (compiled by
/// `compile`). Errors stay located in `text`. Returns the errors, and the `@odata.type` errors
/// of objects naming a type the model lacks (their other errors dropped).
pub(super) fn recheck(
    model: &ModelIndex<'_>,
    root: &StructuredType,
    text: &str,
    errors: Vec<Error>,
    compile: &mut dyn FnMut(&str) -> Option<Validator>,
) -> (Vec<Error>, Vec<Error>) {
    let mut outside = Vec::new();
    let errors = recheck_at(model, root, text, errors, compile, &mut outside, 0);
    (errors, outside)
}

fn recheck_at(
    model: &ModelIndex<'_>,
    root: &StructuredType,
    text: &str,
    mut errors: Vec<Error>,
    compile: &mut dyn FnMut(&str) -> Option<Validator>,
    outside: &mut Vec<Error>,
    depth: usize,
) -> Vec<Error> {
    if depth >= MAX_DEPTH || !errors.iter().any(|e| e.kind == ErrorKind::OdataType) {
        return errors;
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return errors;
    };
    let mut derived: Vec<(String, String)> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for e in errors.iter().filter(|e| e.kind == ErrorKind::OdataType) {
        let Some(object) = e.pointer().strip_suffix("/@odata.type") else {
            continue;
        };
        let Some(named) = value.pointer(e.pointer()).and_then(Value::as_str) else {
            continue;
        };
        let named = named.trim_start_matches('#');
        match model.find_struct(named) {
            Some(found) => {
                if declared_at(model, root, object)
                    .is_some_and(|declared| derives_from(model, found, declared))
                {
                    derived.push((object.to_owned(), found.name.to_string()));
                }
            }
            None => unknown.push(object.to_owned()),
        }
    }
    for object in unknown {
        let inside = format!("{object}/");
        let odata_type = format!("{object}/@odata.type");
        let (gone, kept): (Vec<Error>, Vec<Error>) = errors
            .into_iter()
            .partition(|e| e.pointer().starts_with(&inside));
        outside.extend(gone.into_iter().filter(|e| e.pointer() == odata_type));
        errors = kept;
    }
    for (object, type_name) in derived {
        let inside = format!("{object}/");
        errors.retain(|e| !e.pointer().starts_with(&inside));
        let Some(validator) = compile(&type_name) else {
            continue;
        };
        let mut at = [Error::new(object.clone(), ErrorKind::Type, String::new())];
        json::locate_all(text, &mut at);
        let Some(start) = at[0].offset else {
            continue;
        };
        let end = json::value_end(text, start);
        let sub_text = &text[start..end];
        let sub = validator.check(sub_text.as_bytes()).errors;
        let mut sub_outside = Vec::new();
        let sub = recheck_at(
            model,
            validator.structured(),
            sub_text,
            sub,
            compile,
            &mut sub_outside,
            depth + 1,
        );
        let (line0, column0) = json::line_column(text, start);
        let relocate = |mut e: Error| {
            e.set_pointer(&format!("{object}{}", e.pointer()));
            if e.line == 1 {
                e.column += column0 - 1;
            }
            if e.line > 0 {
                e.line += line0 - 1;
            }
            e.offset = e.offset.map(|o| o + start);
            e
        };
        errors.extend(sub.into_iter().map(relocate));
        outside.extend(sub_outside.into_iter().map(relocate));
    }
    errors.sort_by_key(|e| (e.line, e.column));
    errors
}

/// The declared structured type of the value at `pointer` (an object inside `root`).
fn declared_at<'m>(
    model: &ModelIndex<'m>,
    root: &'m StructuredType,
    pointer: &str,
) -> Option<&'m StructuredType> {
    let mut current = root;
    let mut segments = pointer.split('/').skip(1).peekable();
    while let Some(segment) = segments.next() {
        let name = segment.replace("~1", "/").replace("~0", "~");
        let property = current.property(&name)?;
        if property.collection {
            segments.next()?;
        }
        let TypeRef::Struct(next) = &property.ty else {
            return None;
        };
        current = model.find_struct(next)?;
    }
    Some(current)
}

/// Whether `ty` is `base` or derives from it (through the model's `base` links).
fn derives_from(model: &ModelIndex<'_>, ty: &StructuredType, base: &StructuredType) -> bool {
    if ty.name == base.name {
        return true;
    }
    let Some(id) = model.struct_id(&ty.name) else {
        return false;
    };
    let structs = &model.model().structs;
    model.bases_of(id).any(|b| structs[b].name == base.name)
}

//! Writing a model file: [`encode`] and [`write`] (see the [module](super) for the format).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use msgraph_schema_core::model::{Model, OperationKind, Primitive, Source, TypeRef};

use super::{FILE_NAME, HEADER, MAGIC, ModelFileError, NO_PLACE, OLD_FILE_NAME, VERSION};
use crate::single_pass::incomplete_types;

/// The model as the bytes of a model file (see the [module](super) for the format).
pub fn encode(model: &Model) -> Vec<u8> {
    let (mut index, mut core, mut docs) = (Vec::new(), Vec::new(), Vec::new());
    // A type name that is exactly some type's name is written as that type's place.
    let struct_places = places(model.structs.iter().map(|t| t.name.as_ref()));
    let enum_places = places(model.enums.iter().map(|t| t.name.as_ref()));
    // Each type's base resolved, and whether it reaches a type the model lacks: decided once
    // here, by the index's and the validator's own rules, and read without either.
    let model_index = model.index();
    let incomplete = incomplete_types(&model_index);
    put_u32(&mut index, model.structs.len());
    put_u32(&mut index, model.enums.len());
    for (id, ty) in model.structs.iter().enumerate() {
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
            match &of.returns {
                None => index.push(0),
                Some(returns) => {
                    index.push(
                        (1 + u8::from(returns.collection)) | (u8::from(returns.composable) << 2),
                    );
                    put_type(&mut index, &returns.ty, &struct_places, &enum_places);
                }
            }
        }
        let base = model_index.base(id).and_then(|at| u32::try_from(at).ok());
        index.extend_from_slice(&base.unwrap_or(NO_PLACE).to_le_bytes());
        index.push(u8::from(incomplete[id]));
        let core_at = core.len();
        put_u32(&mut core, ty.properties.len());
        for p in ty.properties.iter() {
            put_str(&mut core, &p.name);
            put_type(&mut core, &p.ty, &struct_places, &enum_places);
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

/// A type as a core record (and an operation's result in the index) writes it: a kind and then
/// 0 (primitive) its place in `Primitive::ALL`; 1 (enum) or 2 (structured type) its name; 3
/// (enum) or 4 (structured type) the place of the first type of exactly that name.
fn put_type(
    out: &mut Vec<u8>,
    ty: &TypeRef,
    struct_places: &HashMap<&str, usize>,
    enum_places: &HashMap<&str, usize>,
) {
    match ty {
        TypeRef::Primitive(primitive) => {
            out.push(0);
            let at = Primitive::ALL.iter().position(|x| x == primitive);
            out.push(at.and_then(|at| u8::try_from(at).ok()).unwrap_or(u8::MAX));
        }
        TypeRef::Enum(name) => match enum_places.get(name.as_ref()) {
            Some(&at) => {
                out.push(3);
                put_u32(out, at);
            }
            None => {
                out.push(1);
                put_str(out, name);
            }
        },
        TypeRef::Struct(name) => match struct_places.get(name.as_ref()) {
            Some(&at) => {
                out.push(4);
                put_u32(out, at);
            }
            None => {
                out.push(2);
                put_str(out, name);
            }
        },
    }
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

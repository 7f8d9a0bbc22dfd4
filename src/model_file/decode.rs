//! Reading a model file's sections: the index (the outline of every type and where its
//! records lie), the core records (properties and members) and the docs records. Every read is
//! checked: damage is an error that names it, never a panic.

use std::borrow::Cow;
use std::ops::Range;

use super::NO_PLACE;
use msgraph_schema_core::model::{
    Container, EnumMember, EnumType, FromMetadata, Marks, Model, OperationKind, OperationOf,
    Primitive, Property, Returns, RootResource, Source, StructuredType, Text, TypeRef,
};

/// Damaged bytes: what was being read.
#[derive(Debug)]
pub(super) struct Damage(pub(super) String);

pub(super) type Decoded<T> = Result<T, Damage>;

/// Turns text read from a section into model text: borrowed from a file built into the program,
/// copied from one read at run time.
pub(super) type ToText<'a> = fn(&'a str) -> Text;

/// Where a type's records lie in the core and docs sections.
#[derive(Clone, Debug)]
pub(super) struct Records {
    pub(super) core: Range<usize>,
    pub(super) docs: Range<u64>,
}

/// The index: the outline of every type (name, base, flags, operation; no properties or
/// members), where each type's records lie, and the container.
pub(super) struct Index {
    pub(super) outline: Model,
    pub(super) structs: Vec<Records>,
    pub(super) enums: Vec<Records>,
    /// Each structured type's base, resolved by the build (a place inside the index).
    pub(super) bases: Vec<Option<usize>>,
    /// Whether each structured type reaches a property type the model lacks.
    pub(super) incomplete: Vec<bool>,
}

/// The `range` of a whole docs section.
pub(super) fn section<'d>(docs: &'d [u8], range: &Range<u64>) -> Decoded<&'d [u8]> {
    usize::try_from(range.start)
        .ok()
        .zip(usize::try_from(range.end).ok())
        .and_then(|(start, end)| docs.get(start..end))
        .ok_or_else(|| Damage("a docs record outside the docs section".into()))
}

/// Reads the index (`bytes`), each record's place checked against the core (`core` bytes) and
/// docs (`docs` bytes) sections.
pub(super) fn read_index<'a>(
    bytes: &'a [u8],
    core: usize,
    docs: u64,
    text: ToText<'a>,
) -> Decoded<Index> {
    let mut at = Bytes::new(bytes, "the index");
    let structs = at.u32()? as usize;
    let enums = at.u32()? as usize;
    // Each entry takes at least 29 bytes: counts beyond that are damage, not allocations.
    if structs.saturating_add(enums) > bytes.len() / 29 {
        return Err(Damage("the index counts more types than it holds".into()));
    }
    let records = |at: &mut Bytes<'a>, name: &str| -> Decoded<Records> {
        let core_at = at.u64()?;
        let core_len = u64::from(at.u32()?);
        let docs_at = at.u64()?;
        let docs_len = u64::from(at.u32()?);
        let core_end = core_at
            .checked_add(core_len)
            .filter(|&end| end <= core as u64);
        let docs_end = docs_at.checked_add(docs_len).filter(|&end| end <= docs);
        match (core_end, docs_end) {
            (Some(core_end), Some(docs_end)) => Ok(Records {
                core: core_at as usize..core_end as usize,
                docs: docs_at..docs_end,
            }),
            _ => Err(Damage(format!(
                "the records of `{name}` lie outside the file"
            ))),
        }
    };
    let mut outline = Model::default();
    let (mut struct_records, mut enum_records) =
        (Vec::with_capacity(structs), Vec::with_capacity(enums));
    let mut bases = Vec::with_capacity(structs);
    let mut incomplete = Vec::with_capacity(structs);
    // Operations' results as written, named once every type is read: (operation's type,
    // type, collection, composable).
    let mut results = Vec::new();
    for id in 0..structs {
        let name = at.str()?;
        let base = at.opt_str()?.map(text);
        let flags = at.u8()?;
        let flag = |bit: u8| flags & bit != 0;
        let operation = match flag(32) {
            true => Some(OperationOf {
                name: text(at.str()?),
                binding: text(at.str()?),
                kind: match flag(64) {
                    true => OperationKind::Function,
                    false => OperationKind::Action,
                },
                returns: None,
            }),
            false => None,
        };
        if operation.is_some() {
            let mark = at.u8()?;
            let collection = match mark {
                0 => None,
                1 | 5 => Some(false),
                2 | 6 => Some(true),
                other => return Err(Damage(format!("result mark {other} of `{name}`"))),
            };
            if let Some(collection) = collection {
                let written = read_type(&mut at, (structs, enums), name)?;
                results.push((id, written, collection, mark & 4 != 0));
            }
        }
        let base_place = at.u32()?;
        bases.push(match base_place {
            NO_PLACE => None,
            place if (place as usize) < structs => Some(place as usize),
            place => return Err(Damage(format!("base number {place} of `{name}`"))),
        });
        incomplete.push(match at.u8()? {
            0 => false,
            1 => true,
            other => return Err(Damage(format!("reach mark {other} of `{name}`"))),
        });
        struct_records.push(records(&mut at, name)?);
        outline.structs.push(StructuredType {
            name: text(name),
            base,
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
            operation,
        });
    }
    for _ in 0..enums {
        let name = at.str()?;
        let flags = at.u8()?;
        enum_records.push(records(&mut at, name)?);
        outline.enums.push(EnumType {
            name: text(name),
            description: Cow::Borrowed(""),
            members: Cow::Owned(Vec::new()),
            source: Source::default(),
            is_flags: flags & 1 != 0,
        });
    }
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
                    name: text(at.str()?),
                    ty: text(at.str()?),
                })
            })
            .collect()
    };
    outline.container = Container {
        entity_sets: resources()?,
        singletons: resources()?,
    };
    at.end()?;
    for (id, written, collection, composable) in results {
        let ty = match written {
            Written::Primitive(primitive) => TypeRef::Primitive(primitive),
            Written::EnumName(name) => TypeRef::Enum(text(name)),
            Written::StructName(name) => TypeRef::Struct(text(name)),
            Written::Enum(place) => TypeRef::Enum(outline.enums[place].name.clone()),
            Written::Struct(place) => TypeRef::Struct(outline.structs[place].name.clone()),
        };
        if let Some(of) = outline.structs[id].operation.as_mut() {
            of.returns = Some(Returns {
                ty,
                collection,
                composable,
            });
        }
    }
    Ok(Index {
        outline,
        structs: struct_records,
        enums: enum_records,
        bases,
        incomplete,
    })
}

/// A property's type as a core record writes it.
#[derive(Clone, Copy)]
pub(super) enum Written<'a> {
    Primitive(Primitive),
    /// An enum or structured type by name: not exactly the name of a type of the model.
    EnumName(&'a str),
    StructName(&'a str),
    /// An enum or structured type by its place in the index.
    Enum(usize),
    Struct(usize),
}

/// Reads the properties of one structured type's core record, checking every byte, and hands
/// each to `each`: its name, its type as written, its flag bits. The one reader of a
/// property record: decoding and the scan of a validator's reach both use it.
pub(super) fn read_properties<'a>(
    core: &mut Bytes<'a>,
    counts: (usize, usize),
    mut each: impl FnMut(&'a str, Written<'a>, u16),
) -> Decoded<()> {
    let count = core.count(8)?;
    for _ in 0..count {
        let name = core.str()?;
        let written = read_type(core, counts, name)?;
        each(name, written, core.u16()?);
    }
    core.end()
}

/// Reads a type as a core record (or an operation's result in the index) writes it, checking
/// every byte: a place within `counts` (structured types, enums); `of` names what has it.
fn read_type<'a>(at: &mut Bytes<'a>, counts: (usize, usize), of: &str) -> Decoded<Written<'a>> {
    let place = |at: &mut Bytes<'a>, count: usize| -> Decoded<usize> {
        let place = at.u32()? as usize;
        match place < count {
            true => Ok(place),
            false => Err(Damage(format!("type number {place} of {count}"))),
        }
    };
    Ok(match at.u8()? {
        0 => {
            let number = at.u8()?;
            let primitive = Primitive::ALL
                .get(usize::from(number))
                .ok_or_else(|| Damage(format!("primitive number {number}")))?;
            Written::Primitive(*primitive)
        }
        1 => Written::EnumName(at.str()?),
        2 => Written::StructName(at.str()?),
        3 => Written::Enum(place(at, counts.1)?),
        4 => Written::Struct(place(at, counts.0)?),
        kind => return Err(Damage(format!("type kind {kind} of `{of}`"))),
    })
}

/// The properties of one core record (types by place named after `outline`'s types), without
/// descriptions or sources, and for each the place of the type it names, if so.
pub(super) fn decode_properties<'a>(
    core: &mut Bytes<'a>,
    outline: &Model,
    text: ToText<'a>,
) -> Decoded<(Vec<Property>, Vec<Option<Written<'a>>>)> {
    let counts = (outline.structs.len(), outline.enums.len());
    let mut properties = Vec::new();
    let mut places = Vec::new();
    read_properties(core, counts, |name, written, bits| {
        let (ty, place) = match written {
            Written::Primitive(primitive) => (TypeRef::Primitive(primitive), None),
            Written::EnumName(name) => (TypeRef::Enum(text(name)), None),
            Written::StructName(name) => (TypeRef::Struct(text(name)), None),
            Written::Enum(at) => (TypeRef::Enum(outline.enums[at].name.clone()), Some(written)),
            Written::Struct(at) => (
                TypeRef::Struct(outline.structs[at].name.clone()),
                Some(written),
            ),
        };
        let flag = |i: u16| bits & (1 << i) != 0;
        places.push(place);
        properties.push(Property {
            name: text(name),
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
    })?;
    Ok((properties, places))
}

/// Fills the description and source of `ty` and of its properties (decoded already).
pub(super) fn fill_struct_docs(docs: &mut Bytes<'_>, ty: &mut StructuredType) -> Decoded<()> {
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

/// Reads the members of one enum's core record (name, value, line), checking every byte;
/// the one reader of a member record.
pub(super) fn read_members<'a>(
    core: &mut Bytes<'a>,
    mut each: impl FnMut(&'a str, i64, u32),
) -> Decoded<()> {
    let count = core.count(16)?;
    for _ in 0..count {
        each(core.str()?, core.i64()?, core.u32()?);
    }
    core.end()
}

/// Fills the members of `found` from its core record, and its docs when given.
pub(super) fn decode_enum<'a>(
    core: &mut Bytes<'a>,
    mut docs: Option<&mut Bytes<'_>>,
    found: &mut EnumType,
    text: ToText<'a>,
) -> Decoded<()> {
    let mut members = Vec::new();
    read_members(core, |name, value, line| {
        members.push(EnumMember {
            name: text(name),
            value,
            description: Cow::Borrowed(""),
            line,
        });
    })?;
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
pub(super) struct Bytes<'a> {
    bytes: &'a [u8],
    at: usize,
    what: &'static str,
}

impl<'a> Bytes<'a> {
    pub(super) fn new(bytes: &'a [u8], what: &'static str) -> Bytes<'a> {
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

    pub(super) fn u8(&mut self) -> Decoded<u8> {
        Ok(self.take(1)?[0])
    }

    pub(super) fn u16(&mut self) -> Decoded<u16> {
        self.array().map(u16::from_le_bytes)
    }

    pub(super) fn u32(&mut self) -> Decoded<u32> {
        self.array().map(u32::from_le_bytes)
    }

    pub(super) fn u64(&mut self) -> Decoded<u64> {
        self.array().map(u64::from_le_bytes)
    }

    pub(super) fn i64(&mut self) -> Decoded<i64> {
        self.array().map(i64::from_le_bytes)
    }

    /// A count of items of at least `min_size` bytes each, checked against what is left.
    pub(super) fn count(&mut self, min_size: usize) -> Decoded<usize> {
        let count = self.u32()? as usize;
        if count.saturating_mul(min_size) > self.bytes.len() - self.at {
            return Err(Damage(format!(
                "{} counts more items than it holds",
                self.what
            )));
        }
        Ok(count)
    }

    pub(super) fn str(&mut self) -> Decoded<&'a str> {
        let length = self.u32()? as usize;
        let bytes = self.take(length)?;
        simdutf8::basic::from_utf8(bytes)
            .map_err(|_| Damage(format!("{} holds text that is not UTF-8", self.what)))
    }

    pub(super) fn opt_str(&mut self) -> Decoded<Option<&'a str>> {
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
    pub(super) fn source(&mut self) -> Decoded<(Cow<'static, str>, Source)> {
        let description = self.str()?.to_owned().into();
        let file = self.str()?.to_owned().into();
        let line = self.u32()?;
        Ok((description, Source { file, line }))
    }

    /// Checks that every byte was read.
    pub(super) fn end(&self) -> Decoded<()> {
        match self.at == self.bytes.len() {
            true => Ok(()),
            false => Err(Damage(format!(
                "{} has bytes past its last record",
                self.what
            ))),
        }
    }
}

//! The walk: the reader drives, the model says what each value must be, the [`Checker`]
//! records errors, and each error gets the byte offset where it applies.

use std::borrow::Cow;
use std::collections::HashSet;

use msgraph_schema_core::model::{Primitive, Property, StructuredType};

use super::{Target, Validator};
use crate::json::reader::{Read, Reader};
use crate::pointer::Pointer;
use crate::report::{Error, ErrorKind, ErrorWriter, Limits};
use crate::typed::{Checker, Found, JsonNumber, is_annotation, type_annotation_target};

/// Validates `text` against the validator's root type: the errors in input order, located, the
/// first `limits.max_errors` of them; and how many more there were.
pub(super) fn run(validator: &Validator, text: &str, limits: Limits) -> Read<(Vec<Error>, usize)> {
    let mut walk = Walk {
        validator,
        reader: Reader::new(text),
        checker: Checker::with_limits(&validator.options, limits),
        dropped: Vec::new(),
        members: Vec::new(),
        duplicates_counted: 0,
    };
    walk.reader.skip_ws();
    walk.single(Target::Struct(validator.layout.root), Pointer::ROOT)?;
    walk.reader.end()?;
    let mut truncated = walk.checker.truncated();
    let mut errors = walk.checker.into_errors();
    if !walk.dropped.is_empty() {
        let mut index = 0;
        let dropped: HashSet<usize> = walk.dropped.into_iter().collect();
        errors.retain(|_| {
            index += 1;
            !dropped.contains(&(index - 1))
        });
    }
    locate(
        text,
        walk.reader.multiline(),
        walk.reader.ascii(),
        &mut errors,
    );
    // The checker kept a few errors past the cap that lie before those it kept first; the
    // first ones in input order stay.
    if let Some(cap) = limits.cap().filter(|&cap| errors.len() > cap) {
        truncated += errors.len() - cap;
        errors.truncate(cap);
    }
    Ok((errors, truncated))
}

/// The errors of one checked member's value: those kept, by index into the checker's errors
/// (`kept`), and the counts of errors past the cap and of duplicates among them before and
/// after it (`counted`, `duplicates`).
#[derive(Clone, Copy)]
struct Range {
    slot: Slot,
    kept: (usize, usize),
    counted: (usize, usize),
    duplicates: (usize, usize),
}

/// Which member of an object an error range belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A property by its wire name (`false`) or by its second spelling (`true`,
    /// [`StructuredType::member`]).
    Property(usize, bool),
    OdataType,
    /// A property's `name@odata.type`, by the property and the spelling as for
    /// [`Slot::Property`].
    TypeOf(usize, bool),
}

struct Walk<'v, 't> {
    validator: &'v Validator,
    reader: Reader<'t>,
    checker: Checker<'v>,
    /// Errors of a member value that a later duplicate replaced (the validators that read a
    /// parsed value only see the last one).
    dropped: Vec<usize>,
    /// The error range of each checked member (with errors) of the open objects, innermost
    /// last; one per member name (a repeated member's earlier range is dropped).
    members: Vec<Range>,
    /// Duplicate member names counted past the cap, not kept.
    duplicates_counted: usize,
}

/// A value read whole: its JSON type, and a string's or number's text.
enum Value<'t> {
    Null,
    Bool,
    Number(&'t str),
    String(Cow<'t, str>),
    Array,
    Object,
}

impl Value<'_> {
    fn found(&self) -> Found<'_> {
        match self {
            Value::Null => Found::Null,
            Value::Bool => Found::Bool,
            Value::Number(raw) => Found::Number(JsonNumber::Text(raw)),
            Value::String(text) => Found::String(text),
            Value::Array => Found::Array,
            Value::Object => Found::Object,
        }
    }
}

impl<'v, 't> Walk<'v, 't> {
    /// Runs `record` on the checker and places the errors it records at byte `offset`.
    #[inline]
    fn at(&mut self, offset: usize, record: impl FnOnce(&mut Checker<'v>)) {
        self.checker.set_position(offset);
        let before = self.checker.errors_mut().len();
        record(&mut self.checker);
        for error in &mut self.checker.errors_mut()[before..] {
            error.offset = Some(offset);
        }
    }

    /// A property's value: `null`, a collection or a single value, per the property.
    fn member(&mut self, property: &'v Property, target: Target, at: Pointer<'_>) -> Read<()> {
        let start = self.reader.offset();
        if self.reader.peek() == Some(b'n') {
            self.reader.literal(b"null")?;
            if property.collection || !property.nullable {
                self.at(start, |c| {
                    c.null_member(at, &property.ty, property.collection)
                });
            }
            return Ok(());
        }
        if !property.collection {
            return self.single(target, at);
        }
        if self.reader.peek() != Some(b'[') {
            let value = self.any(at, false)?;
            self.at(start, |c| c.not_an_array(at, &property.ty, value.found()));
            return Ok(());
        }
        self.reader.open()?;
        let (mut first, mut index) = (true, 0);
        while self.reader.next_item(&mut first)? {
            let here = at.index(index);
            let item_at = self.reader.offset();
            if self.reader.peek() == Some(b'n') {
                self.reader.literal(b"null")?;
                if !property.nullable {
                    self.at(item_at, |c| c.null_item(here, &property.ty));
                }
            } else {
                self.single(target, here)?;
            }
            index += 1;
        }
        Ok(())
    }

    /// One non-null value of `target` (a `null` here is a wrong type).
    fn single(&mut self, target: Target, at: Pointer<'_>) -> Read<()> {
        let start = self.reader.offset();
        let validator = self.validator;
        match target {
            Target::Struct(index) if self.reader.peek() == Some(b'{') => self.object(index, at),
            Target::Struct(index) => {
                let value = self.any(at, false)?;
                let ty = &validator.held(index).ty;
                self.at(start, |c| c.not_an_object(at, ty, value.found()));
                Ok(())
            }
            Target::Primitive(primitive) => {
                // An `Edm.String` needs no text: only its JSON type is checked.
                let value = self.any(at, primitive != Primitive::String)?;
                self.at(start, |c| c.primitive(primitive, value.found(), at));
                Ok(())
            }
            Target::Enum(index) => {
                let value = self.any(at, true)?;
                let held = validator.held_enum(index);
                let (ty, words) = (&held.ty, &held.words);
                self.at(start, |c| {
                    c.enum_value_in(ty, Some(words), value.found(), at)
                });
                Ok(())
            }
        }
    }

    /// The type an object declared as type `index` is checked as: the derived type its
    /// `@odata.type` names, if any (OData JSON Format §4.5.3: the annotation names the value's
    /// type, and is required when that is a derived type), else `index` itself. Types without
    /// derived types read nothing ahead.
    fn dispatch(&self, index: usize) -> usize {
        let validator = self.validator;
        let derived = &validator.layout.derived[index];
        if derived.is_empty() {
            return index;
        }
        let Some(named) = self.reader.clone().odata_type_ahead() else {
            return index;
        };
        let names = |d: &usize| {
            let name = &validator.layout.names[*d];
            validator.options.accepts_odata_type(name, &named)
        };
        derived.iter().copied().find(names).unwrap_or(index)
    }

    /// An object of the structured type `index`, at its opening brace.
    fn object(&mut self, index: usize, at: Pointer<'_>) -> Read<()> {
        let start = self.reader.offset();
        let validator = self.validator;
        let index = self.dispatch(index);
        let held = validator.held(index);
        let (ty, plan): (&'v StructuredType, _) = (&held.ty, &held.plan);
        let mut seen = Seen::new(ty.properties.len());
        // The parameters named by their second spelling: only operations have one.
        let mut seen_alias = ty
            .operation
            .as_ref()
            .map(|_| Seen::new(ty.properties.len()));
        let mut others = KeySet::default();
        let mut odata_type_seen = false;
        // The error of the last `@odata.type`, when it names another type (by index).
        let mut other_type = None;
        let in_object = self.counts();
        let frame = self.members.len();
        self.reader.open()?;
        let mut first = true;
        while let Some((key, name_at)) = self.reader.next_member(&mut first)? {
            let here = at.key(&key);
            let value_at = self.reader.offset();
            let before = self.counts();
            let slot = match plan.find(ty, &key) {
                Some(p) => {
                    let property = &ty.properties[p];
                    let alias = property.name != *key;
                    let (this, other) = match (&mut seen_alias, alias) {
                        (Some(aliases), true) => (aliases, Some(&seen)),
                        (aliases, _) => (&mut seen, aliases.as_ref()),
                    };
                    if !this.insert(p) {
                        self.duplicate(&key, here, name_at, frame, Some(Slot::Property(p, alias)));
                    } else if other.is_some_and(|other| other.contains(p)) {
                        self.at(name_at, |c| c.spelled_twice(ty, property, at));
                    }
                    self.member(property, plan.targets[p], here)?;
                    Some(Slot::Property(p, alias))
                }
                None => {
                    let odata_type = key == "@odata.type";
                    // A declared property's `name@odata.type` (OData JSON Format §4.5.3).
                    let annotated = match odata_type {
                        true => None,
                        false => type_annotation_target(&key).and_then(|name| {
                            let p = plan.find(ty, name)?;
                            Some((p, ty.properties[p].name != *name))
                        }),
                    };
                    let slot = match annotated {
                        Some((p, alias)) => Some(Slot::TypeOf(p, alias)),
                        None => odata_type.then_some(Slot::OdataType),
                    };
                    let repeated = if odata_type {
                        std::mem::replace(&mut odata_type_seen, true)
                    } else {
                        !others.insert(key.clone())
                    };
                    if repeated {
                        self.duplicate(&key, here, name_at, frame, slot);
                    } else if slot.is_none() && !is_annotation(&key) {
                        self.at(name_at, |c| c.unknown_property(ty, &key, here));
                    }
                    let value = self.any(here, slot.is_some())?;
                    if odata_type {
                        let error = self.checker.errors_mut().len();
                        let mut named_another = false;
                        self.at(value_at, |c| {
                            named_another = c.odata_type_kept(ty, value.found(), here)
                        });
                        other_type = named_another.then_some(error);
                    } else if let Some((p, _)) = annotated {
                        let property = &ty.properties[p];
                        let derived = match plan.targets[p] {
                            Target::Struct(index) => validator.layout.derived[index]
                                .iter()
                                .map(|&d| validator.layout.names[d].as_ref())
                                .collect(),
                            _ => Vec::new(),
                        };
                        self.at(value_at, |c| {
                            c.property_odata_type(property, &derived, value.found(), here)
                        });
                    }
                    slot
                }
            };
            // Only a range with errors can need dropping, so a valid payload records nothing.
            let after = self.counts();
            if let (Some(slot), true) = (slot, after != before) {
                self.members.push(Range {
                    slot,
                    kept: (before.0, after.0),
                    counted: (before.1, after.1),
                    duplicates: (before.2, after.2),
                });
            }
        }
        self.members.truncate(frame);
        if let Some(error) = other_type {
            // Its last `@odata.type` names another type: that is the object's one error, as
            // the validators of a parsed value report it (`Checker::names_another_type`).
            self.drop_all_but(in_object, error);
            return Ok(());
        }
        let present =
            |p: usize| seen.contains(p) || seen_alias.as_ref().is_some_and(|a| a.contains(p));
        for &p in plan.required.iter().filter(|&&p| !present(p)) {
            self.at(start, |c| c.missing(&ty.properties[p], at));
        }
        Ok(())
    }

    /// Records a repeated member name and drops the errors of its earlier value, except the
    /// duplicates found inside it.
    fn duplicate(
        &mut self,
        key: &str,
        at: Pointer<'_>,
        name_at: usize,
        frame: usize,
        slot: Option<Slot>,
    ) {
        // Once dropped, an earlier range is forgotten: a third occurrence drops the second
        // value's errors, if any.
        let earlier = self.members[frame..]
            .iter()
            .rposition(|m| Some(m.slot) == slot)
            .map(|at| self.members.swap_remove(frame + at));
        if let Some(range) = earlier {
            let errors = self.checker.errors_mut();
            let (from, to) = range.kept;
            self.dropped
                .extend((from..to).filter(|&i| errors[i].kind != ErrorKind::DuplicateProperty));
            let counted = range.counted.1 - range.counted.0;
            let duplicates = range.duplicates.1 - range.duplicates.0;
            *self.checker.truncated_mut() -= counted - duplicates;
        }
        self.checker.set_position(name_at);
        if !self.checker.admit() {
            self.duplicates_counted += 1;
            return;
        }
        // RFC 7493 (I-JSON) §2.3: objects MUST NOT have members with duplicate names;
        // Microsoft.OData.Core rejects them (ThrowOnDuplicatePropertyNames).
        let mut error = ErrorWriter::new(ErrorKind::DuplicateProperty, at, key.len().min(64) + 64);
        error
            .push("the member ")
            .push_clipped(key)
            .push(" appears more than once in this object");
        let mut error = error.finish();
        error.offset = Some(name_at);
        self.checker.report(error);
    }

    /// Drops the errors found since `counts` ([`Walk::counts`]) but the one at index `keep` and
    /// the duplicate names (which the text shows, whatever the type), and uncounts those past
    /// the cap alike.
    fn drop_all_but(&mut self, (kept, counted, duplicates): (usize, usize, usize), keep: usize) {
        let (kept_now, counted_now, duplicates_now) = self.counts();
        let errors = self.checker.errors_mut();
        self.dropped.extend(
            (kept..kept_now)
                .filter(|&i| i != keep && errors[i].kind != ErrorKind::DuplicateProperty),
        );
        // The error kept never counted: `Checker::odata_type_kept`.
        let counted = counted_now - counted;
        let duplicates = duplicates_now - duplicates;
        *self.checker.truncated_mut() -= counted - duplicates;
    }

    /// The errors kept so far, those counted past the cap, and the duplicates among the latter.
    fn counts(&mut self) -> (usize, usize, usize) {
        let counted = self.checker.truncated();
        (
            self.checker.errors_mut().len(),
            counted,
            self.duplicates_counted,
        )
    }

    /// Reads any value, noting duplicate member names inside it; a string's text is kept only
    /// when `keep_text` (no allocation for an escaped string nobody reads).
    fn any(&mut self, at: Pointer<'_>, keep_text: bool) -> Read<Value<'t>> {
        match self.reader.peek() {
            Some(b'"') if keep_text => self.reader.string().map(Value::String),
            Some(b'"') => self
                .reader
                .skip_string()
                .map(|()| Value::String(Cow::Borrowed(""))),
            Some(b'n') => self.reader.literal(b"null").map(|()| Value::Null),
            Some(b't') => self.reader.literal(b"true").map(|()| Value::Bool),
            Some(b'f') => self.reader.literal(b"false").map(|()| Value::Bool),
            Some(b'[') => {
                self.reader.open()?;
                let (mut first, mut index) = (true, 0);
                while self.reader.next_item(&mut first)? {
                    self.any(at.index(index), false)?;
                    index += 1;
                }
                Ok(Value::Array)
            }
            Some(b'{') => {
                self.reader.open()?;
                let mut keys = KeySet::default();
                let mut first = true;
                while let Some((key, name_at)) = self.reader.next_member(&mut first)? {
                    let here = at.key(&key);
                    if !keys.insert(key.clone()) {
                        self.duplicate(&key, here, name_at, self.members.len(), None);
                    }
                    self.any(here, false)?;
                }
                Ok(Value::Object)
            }
            _ => self.reader.number().map(Value::Number),
        }
    }
}

/// Which declared properties an object has had so far.
enum Seen {
    Few(u64),
    Many(Vec<bool>),
}

impl Seen {
    fn new(properties: usize) -> Seen {
        if properties <= 64 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; properties])
        }
    }

    /// Marks property `p`; false when it was already there.
    fn insert(&mut self, p: usize) -> bool {
        match self {
            Seen::Few(bits) => {
                let new = *bits & (1 << p) == 0;
                *bits |= 1 << p;
                new
            }
            Seen::Many(flags) => !std::mem::replace(&mut flags[p], true),
        }
    }

    fn contains(&self, p: usize) -> bool {
        match self {
            Seen::Few(bits) => bits & (1 << p) != 0,
            Seen::Many(flags) => flags[p],
        }
    }
}

/// The other member names of an object: a short list, a hash set past a few (no quadratic
/// cost on an object with thousands of members).
#[derive(Default)]
struct KeySet<'t> {
    few: Vec<Cow<'t, str>>,
    many: Option<HashSet<Cow<'t, str>>>,
}

impl<'t> KeySet<'t> {
    const FEW: usize = 8;

    /// Adds `key`; false when it was already there.
    fn insert(&mut self, key: Cow<'t, str>) -> bool {
        if let Some(many) = &mut self.many {
            return many.insert(key);
        }
        if self.few.contains(&key) {
            return false;
        }
        if self.few.len() < Self::FEW {
            self.few.push(key);
            return true;
        }
        let mut many: HashSet<_> = self.few.drain(..).collect();
        many.insert(key);
        self.many = Some(many);
        true
    }
}

/// Sets each error's line and column (1-based, in characters) from its byte offset, in one
/// pass over the text, and puts the errors in input order. `multiline` when the text may have
/// a line feed, `ascii` when it has only ASCII (columns are then byte counts).
fn locate(text: &str, multiline: bool, ascii: bool, errors: &mut [Error]) {
    errors.sort_by_key(|e| e.offset.unwrap_or(0));
    if ascii && !multiline {
        // One line of ASCII (an NDJSON line, a compact payload): the column is the offset.
        for error in errors.iter_mut() {
            (error.line, error.column) = (1, error.offset.unwrap_or(0) + 1);
        }
        return;
    }
    let chars = |run: &str| {
        if ascii {
            run.len()
        } else {
            run.chars().count()
        }
    };
    let (mut line, mut column, mut at) = (1, 1, 0);
    for error in errors.iter_mut() {
        let offset = error.offset.unwrap_or(0);
        // Offsets are where values and names start: character boundaries.
        let run = text.get(at..offset).unwrap_or_default();
        match memchr::memrchr(b'\n', run.as_bytes()) {
            Some(last) => {
                line += memchr::memchr_iter(b'\n', run.as_bytes()).count();
                column = 1 + chars(&run[last + 1..]);
            }
            None => column += chars(run),
        }
        at = offset;
        (error.line, error.column) = (line, column);
    }
}

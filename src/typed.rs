//! The typed validator: traits implemented by the derive macros and by the value types the
//! generated structs use, and the [`Checker`] that collects their errors.

use msgraph_schema_core::model::{
    EnumType, Model, Primitive, Property, StructuredType, TypeRef, alias_form, short_name,
};
use std::borrow::Cow;
use std::collections::HashSet;

use msgraph_schema_core::rules::Options;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::sync::Arc;

use crate::deferred::{
    DATE_TIME_OFFSET_EXAMPLE, Deferred, EnumWords, write_not_a, write_type_message,
};
use crate::edm::numbers::{SINGLE_MAX, check_int};
use crate::edm::{
    BinaryText, DateText, DateTimeOffset, DecimalText, DurationText, GuidText, IntKind, JsonScalar,
    PrimitiveOptions, PrimitiveProblem, TimeOfDayText, check_primitive,
};
use crate::nullable::Nullable;
use crate::pointer::Pointer;
use crate::report::{Error, ErrorKind, ErrorWriter, Limits, article, clip, clip_head};

/// A type whose JSON values can be checked: each Rust type stands for one model type.
pub trait Validate {
    /// The model type of a value.
    const TYPE_REF: TypeRef;
    /// Whether a value is a collection of [`Validate::TYPE_REF`].
    const COLLECTION: bool = false;
    /// Whether `null` is a valid value (for a collection: as an item).
    const NULLABLE: bool = false;

    /// Checks one present value, recording every error in `checker`.
    fn validate(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>);

    /// Adds the enum and structured types this type uses (itself included) to `registry`.
    fn register(_registry: &mut Registry) {}
}

/// How a struct field checks a member that is present (absence is the model's business).
///
/// `Option<T>`: may be absent, never `null`. [`Nullable<T>`]: may be absent or `null`.
pub trait Field {
    /// The model type of the property.
    const TYPE_REF: TypeRef;
    /// Whether the property is a collection.
    const COLLECTION: bool;
    /// Whether `null` is allowed (for a collection: as an item).
    const NULLABLE: bool;

    /// Checks a present member.
    fn validate_member(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>);

    /// Adds the types the property uses to `registry`.
    fn register(registry: &mut Registry);
}

/// A Graph entity or complex type: `#[derive(GraphModel)]`.
pub trait GraphModel: Validate + Serialize + DeserializeOwned {
    /// The type's model: name, base type and properties.
    fn model() -> &'static StructuredType;

    /// Checks the members of an object of this type.
    fn validate_members(object: &Map<String, Value>, at: Pointer<'_>, checker: &mut Checker<'_>);
}

/// A Graph enum type: `#[derive(GraphEnum)]`.
pub trait GraphEnum: Validate + Sized + 'static {
    /// The enum's model: name and members.
    fn model() -> &'static EnumType;

    /// The member's wire name.
    fn as_str(&self) -> &'static str;
}

/// Collects errors while a payload is walked.
///
/// Under [`Limits`], past the cap an error is only counted ([`Checker::truncated`]): the
/// recording methods decide before writing any text. The typed validator keeps the first
/// errors it finds; the single pass, which tells it where each error is, also keeps one that lies before those kept (a required
/// property, reported when its object closes), so that it can keep the first ones in input
/// order, and the error of an `@odata.type` naming another type, whose object's other errors
/// it drops when the object closes.
pub struct Checker<'o> {
    options: &'o Options,
    errors: Vec<Error>,
    limits: Limits,
    /// Errors counted past the cap.
    truncated: usize,
    /// Where the next error lies (a byte offset), when the walker says.
    position: Option<usize>,
    /// The furthest position of an error kept.
    furthest: usize,
    /// Whether the error being recorded is kept whatever the cap ([`Checker::odata_type_kept`]).
    keep: bool,
}

impl<'o> Checker<'o> {
    /// A checker for `options`, with no errors yet and no cap.
    pub fn new(options: &'o Options) -> Checker<'o> {
        Checker::with_limits(options, Limits::NONE)
    }

    /// A checker for `options` that keeps at most `limits.max_errors` errors.
    pub fn with_limits(options: &'o Options, limits: Limits) -> Checker<'o> {
        Checker {
            options,
            errors: Vec::new(),
            limits,
            truncated: 0,
            position: None,
            furthest: 0,
            keep: false,
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        self.options
    }

    /// The errors so far.
    pub fn into_errors(self) -> Vec<Error> {
        self.errors
    }

    /// How many errors were counted past the cap, not built.
    pub fn truncated(&self) -> usize {
        self.truncated
    }

    /// The errors so far, for a walker that locates them.
    pub(crate) fn errors_mut(&mut self) -> &mut Vec<Error> {
        &mut self.errors
    }

    /// The count of errors past the cap, for a walker that drops some.
    pub(crate) fn truncated_mut(&mut self) -> &mut usize {
        &mut self.truncated
    }

    /// Says where the next errors lie (a byte offset), for a walker that keeps the first ones
    /// in input order.
    pub(crate) fn set_position(&mut self, position: usize) {
        self.position = Some(position);
    }

    /// Whether the next error is kept; if not, it is counted. Called before any of its text
    /// is written.
    pub(crate) fn admit(&mut self) -> bool {
        let Some(cap) = self.limits.cap() else {
            return true;
        };
        if self.errors.len() < cap || self.keep {
            if let Some(position) = self.position {
                self.furthest = self.furthest.max(position);
            }
            return true;
        }
        // Past the cap, an error before one already kept is kept too: the walker cuts the
        // list to the first ones when done. Only a walker that reports out of input order
        // (required properties, at their object's start) gets here, and only for the objects
        // open at the cap.
        if self
            .position
            .is_some_and(|position| position < self.furthest)
        {
            return true;
        }
        self.truncated += 1;
        false
    }

    /// Records an error (or, past the cap, counts it).
    pub fn report(&mut self, error: Error) {
        if self.admit() {
            self.errors.push(error);
        }
    }

    /// Records an error that [`Checker::admit`] admitted.
    fn push(&mut self, error: Error) {
        self.errors.push(error);
    }

    /// Records a JSON-type error: `expected` (e.g. `a string`) was wanted, `found` was found.
    pub fn wrong_type(&mut self, at: Pointer<'_>, expected: &str, found: Found<'_>) {
        if !self.admit() {
            return;
        }
        let mut error = ErrorWriter::new(ErrorKind::Type, at, 2 * expected.len() + 48);
        write_type_message(error.text(), expected, found.describe());
        error.next().push(expected).next().push(found.describe());
        self.push(error.finish());
    }

    /// Checks a present, non-null value of primitive type `primitive`: its JSON type first
    /// (JSON Format §7.1), a `type` error; then its value, by the rules of
    /// [`crate::edm`] (the ABNF rule the JSON Format names for the type), a `format` error.
    ///
    /// The typed validator and the single pass both call this, so they agree by construction;
    /// numbers are judged as `serde_json` reads them, see [`JsonNumber`].
    pub fn primitive(&mut self, primitive: Primitive, found: Found<'_>, at: Pointer<'_>) {
        if let (Primitive::String, Found::String(_)) = (primitive, found) {
            return; // Any JSON string is an Edm.String.
        }
        if let (Primitive::DateTimeOffset, Found::String(text)) = (primitive, found) {
            // The most common format rule, checked without `check_primitive`'s rendered reason
            // (its rule for a DateTimeOffset string is this same parser).
            if let Err(err) = DateTimeOffset::check(text) {
                if !self.admit() {
                    return;
                }
                let deferred = Deferred::DateTimeOffset {
                    error: err,
                    len: text.len(),
                };
                let error = ErrorWriter::deferred(ErrorKind::Format, at, clip_head(text), deferred);
                self.push(error);
            }
            return;
        }
        let options = PrimitiveOptions::default();
        let scalar = match found {
            Found::Null => JsonScalar::Null,
            Found::Bool => JsonScalar::Bool(true),
            Found::String(text) => JsonScalar::String(text),
            Found::Number(number) => {
                if primitive.is_json_number() {
                    return self.number(primitive, number, at);
                }
                // Only the JSON type matters here.
                JsonScalar::Number("0")
            }
            // Only `Edm.Stream` accepts an array or an object (JSON Format §9).
            Found::Array | Found::Object if primitive == Primitive::Stream => return,
            Found::Array | Found::Object => {
                return self.wrong_type(at, expected_type(primitive), found);
            }
        };
        match check_primitive(primitive, scalar, &options) {
            Ok(()) => {}
            Err(PrimitiveProblem::WrongJsonType { .. })
            | Err(PrimitiveProblem::UnknownType { .. }) => {
                self.wrong_type(at, expected_type(primitive), found)
            }
            Err(PrimitiveProblem::Format(reason)) => {
                let text = match found {
                    Found::String(text) => text,
                    _ => "",
                };
                self.format_error_in_text(primitive, text, at, |out| out.push_str(&reason));
            }
        }
    }

    /// Records `text`, a string that is not a value of `primitive`; `reason` writes why.
    fn format_error_in_text(
        &mut self,
        primitive: Primitive,
        text: &str,
        at: Pointer<'_>,
        reason: impl FnOnce(&mut String),
    ) {
        if !self.admit() {
            return;
        }
        let mut error = ErrorWriter::new(ErrorKind::Format, at, 2 * text.len().min(64) + 192);
        error.push_clipped(text);
        write_not_a(error.text(), primitive);
        reason(error.text());
        error
            .next()
            .push(example(primitive))
            .next()
            .push_clipped(text);
        self.push(error.finish());
    }

    /// Checks a JSON number as a value of the numeric primitive `primitive` (JSON Format §7.1:
    /// numeric types are JSON numbers), as `serde_json` reads it: see [`JsonNumber`].
    fn number(&mut self, primitive: Primitive, number: JsonNumber<'_>, at: Pointer<'_>) {
        let Some(parsed) = number.to_serde() else {
            // The reader accepts exactly serde_json's numbers; kept total all the same.
            return self.format_error(primitive, at, "not a JSON number".into(), "?".into());
        };
        let int = match primitive {
            Primitive::Byte => IntKind::Byte,
            Primitive::SByte => IntKind::SByte,
            Primitive::Int16 => IntKind::Int16,
            Primitive::Int32 => IntKind::Int32,
            Primitive::Int64 => IntKind::Int64,
            Primitive::Single => {
                // CSDL §3.3: IEEE 754 binary32. The bound is the export's `maximum`
                // (`edm_patterns::SINGLE_MAX`), so both sides agree to the last bit.
                let value = parsed.as_f64().unwrap_or(0.0);
                if value.abs() > SINGLE_MAX && self.admit() {
                    // The exact bound, not `NumberError`'s rounded `3.4028235e38` (which is
                    // itself just above it as a double).
                    let reason = format!(
                        "invalid Edm.Single: too large for IEEE 754 binary32; expected a \
                         magnitude of at most {SINGLE_MAX:e}, or the string \"INF\" or \"-INF\""
                    );
                    self.format_error(primitive, at, reason, parsed.to_string());
                }
                return;
            }
            // Any finite JSON number is a Double (the reader and serde_json reject the others)
            // and a Decimal (precision and scale are the property's facets, CSDL §7.2).
            _ => return,
        };
        let whole = parsed
            .as_i64()
            .map(i128::from)
            .or_else(|| parsed.as_u64().map(i128::from));
        if let Some(value) = whole {
            // int32Value = ["+"/"-"] 1*10DIGIT etc., within the ABNF comment's range; byteValue
            // has no sign. In range: no allocation.
            let bounds = int.bounds();
            if (i128::from(bounds.minimum)..=i128::from(bounds.maximum)).contains(&value)
                || !self.admit()
            {
                return;
            }
            let text = parsed.to_string();
            let reason = check_int(int, &text)
                .err()
                .map_or_else(|| "out of range".to_owned(), |e| e.to_string());
            return self.format_error(primitive, at, reason, text);
        }
        // serde_json read a float: the text has a fraction or an exponent (no integer ABNF
        // rule has either), is `-0`, or is beyond 64 bits.
        if !self.admit() {
            return;
        }
        let text = parsed.to_string();
        if parsed.as_f64().is_some_and(|value| value.fract() != 0.0) {
            // Not a whole number (`1.5`): a wrong type, as JSON Schema's `"type": "integer"`
            // says of it (2020-12 validation §6.1.1: an integer is a number with a zero
            // fractional part). A whole one written as a float (`1.0`, `1e2`, `-0`) is a
            // `format` error below, which only the typed side can state
            // (`validate::schema_cannot_express`).
            let expected = concat(&["a whole number (", primitive.edm_name(), ")"]);
            let found = clip_number(&text);
            let mut message = String::with_capacity(expected.len() + found.len() + 16);
            write_type_message(&mut message, &expected, &found);
            self.push(Error::new(at.render(), ErrorKind::Type, message).with(expected, found));
            return;
        }
        let reason = if parsed.as_f64() == Some(0.0) {
            format!(
                "invalid {}: -0 is read as a floating-point number, which no Rust integer \
                 type accepts; write 0",
                primitive.edm_name()
            )
        } else {
            check_int(int, &text).err().map_or_else(
                || format!("invalid {}: not a whole number", primitive.edm_name()),
                |e| e.to_string(),
            )
        };
        let found = clip_number(&text);
        let message = number_message(&found, primitive, &reason);
        self.push(
            Error::new(at.render(), ErrorKind::Format, message)
                .with(format!("{} {WHOLE_NUMBER}", primitive.edm_name()), found),
        );
    }

    /// Records a number of the right JSON type that is not a value of `primitive`.
    fn format_error(
        &mut self,
        primitive: Primitive,
        at: Pointer<'_>,
        reason: String,
        found: String,
    ) {
        // The callers admit the error before writing its reason; admitting again keeps it.
        if !self.admit() {
            return;
        }
        let found = clip_number(&found);
        let message = number_message(&found, primitive, &reason);
        self.push(
            Error::new(at.render(), ErrorKind::Format, message).with(example(primitive), found),
        );
    }

    /// Records `null` for a property that is not nullable (a collection never is: CSDL §7.2.1,
    /// its `Nullable` speaks of the items).
    pub fn null_member(&mut self, at: Pointer<'_>, ty: &TypeRef, collection: bool) {
        let what = if collection {
            "an array (a collection is never null)"
        } else {
            "a non-null value"
        };
        self.wrong_type(at, &concat(&[what, " of ", ty.csdl_name()]), Found::Null);
    }

    /// Records a collection property whose value is not an array.
    pub fn not_an_array(&mut self, at: Pointer<'_>, ty: &TypeRef, found: Found<'_>) {
        self.wrong_type(at, &concat(&["an array of ", ty.csdl_name()]), found);
    }

    /// Records a `null` item in a collection whose items are not nullable.
    pub fn null_item(&mut self, at: Pointer<'_>, ty: &TypeRef) {
        let name = ty.csdl_name();
        self.wrong_type(
            at,
            &concat(&[article(name), " ", name, " item"]),
            Found::Null,
        );
    }

    /// Records a value of structured type `ty` that is not an object.
    pub fn not_an_object(&mut self, at: Pointer<'_>, ty: &StructuredType, found: Found<'_>) {
        let name = short_name(&ty.name);
        let expected = concat(&[article(name), " ", name, " object"]);
        self.wrong_type(at, &expected, found);
    }

    /// Handles a member that is not a declared property: `@odata.type`, a declared property's
    /// `name@odata.type`, an instance annotation, or an unknown property.
    pub fn other_member(&mut self, ty: &StructuredType, key: &str, value: &Value, at: Pointer<'_>) {
        if key == "@odata.type" {
            self.odata_type(ty, Found::of(value), at);
        } else if let Some(property) = annotated_property(ty, key) {
            // The typed validator knows no derived types (only the type's own Rust fields).
            self.property_odata_type(property, &[], Found::of(value), at);
        } else if !is_annotation(key) {
            self.unknown_property(ty, key, at);
        }
        // Anything else with an `@` is an instance annotation: OData JSON Format §20, "Clients
        // should never error due to an unexpected annotation".
    }

    /// Records `key`, a member name that `ty` does not declare.
    pub fn unknown_property(&mut self, ty: &StructuredType, key: &str, at: Pointer<'_>) {
        // Microsoft.OData.Core rejects undeclared properties on non-open types
        // (ValidationKinds.ThrowOnUndeclaredPropertyForNonOpenType).
        if !self.admit() {
            return;
        }
        let capacity = 2 * key.len().min(64) + ty.properties.len() * 24 + 160;
        let mut error = ErrorWriter::new(ErrorKind::UnknownProperty, at, capacity);
        error
            .push_clipped(key)
            .push(" is not a property of ")
            .push(&ty.name);
        if let Some(close) = ty
            .properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(key))
        {
            error
                .push(" (property names are case-sensitive: did you mean `")
                .push(&close.name)
                .push("`?)");
        }
        error.next().push("one of: ");
        for (index, property) in ty.properties.iter().enumerate() {
            if index > 0 {
                error.push(", ");
            }
            error.push(&property.name);
        }
        error.next().push_clipped(key);
        self.push(error.finish());
    }

    /// Whether `object`, declared as `ty`, names another type with its `@odata.type` (neither
    /// `ty` nor, in strict mode, without `#`; or not a string): then records that one error, and
    /// the object is no value of `ty` to check further (OData JSON Format §4.5.3: the control
    /// information names the value's type; Microsoft.OData.Core fails the resource whose type
    /// is not the declared one or derived from it). The typed validator knows no derived types.
    pub fn names_another_type(
        &mut self,
        ty: &StructuredType,
        object: &Map<String, Value>,
        at: Pointer<'_>,
    ) -> bool {
        let Some(value) = object.get("@odata.type") else {
            return false;
        };
        if let Value::String(text) = value
            && self.options.accepts_odata_type(&ty.name, text)
        {
            return false;
        }
        self.odata_type(ty, Found::of(value), at.key("@odata.type"));
        true
    }

    /// [`Checker::odata_type`] for the single pass, which learns only when the object closes
    /// whether this `@odata.type` is its last: the error is kept whatever the cap, since the
    /// object's other errors give way to it then. Whether the value names another type.
    pub(crate) fn odata_type_kept(
        &mut self,
        ty: &StructuredType,
        found: Found<'_>,
        at: Pointer<'_>,
    ) -> bool {
        let before = self.errors.len();
        self.keep = true;
        self.odata_type(ty, found, at);
        self.keep = false;
        self.errors.len() > before
    }

    /// Checks the value of `@odata.type` on an object of type `ty`.
    pub fn odata_type(&mut self, ty: &StructuredType, found: Found<'_>, at: Pointer<'_>) {
        let Found::String(text) = found else {
            return self.wrong_type(at, "a string", found);
        };
        if !self.options.accepts_odata_type(&ty.name, text) && self.admit() {
            let accepted = self.options.odata_type_values(&ty.name);
            let message = format!(
                "`@odata.type` {} does not name {}: expected {}",
                clip(text),
                ty.name,
                accepted.join(" or ")
            );
            self.push(
                Error::new(at.render(), ErrorKind::OdataType, message)
                    .with(accepted.join(" | "), clip(text)),
            );
        }
    }

    /// Checks `name@odata.type`, the type annotation of `property` (OData JSON Format §4.5.3:
    /// the type of a name/value pair, which may appear "if its value does not contradict the
    /// type declared in $metadata"): a string among [`Options::property_type_values`], with
    /// `derived` the types derived from a structured property's type.
    pub fn property_odata_type(
        &mut self,
        property: &Property,
        derived: &[&str],
        found: Found<'_>,
        at: Pointer<'_>,
    ) {
        let Found::String(text) = found else {
            return self.wrong_type(at, "a string", found);
        };
        let (ty, collection) = (&property.ty, property.collection);
        if self
            .options
            .accepts_property_type(ty, collection, derived, text)
            || !self.admit()
        {
            return;
        }
        let accepted = self.options.property_type_values(ty, collection, derived);
        let declared = match collection {
            true => concat(&["Collection(", ty.csdl_name(), ")"]),
            false => ty.csdl_name().to_owned(),
        };
        let message = format!(
            "`{}@odata.type` {} does not name {declared}, the type of `{}`: expected {}",
            property.name,
            clip(text),
            property.name,
            accepted.join(" or ")
        );
        self.push(
            Error::new(at.render(), ErrorKind::OdataType, message)
                .with(accepted.join(" | "), clip(text)),
        );
    }

    /// Checks an enum value: a JSON string holding a member name, exactly (JSON Format §7.1;
    /// names are case-sensitive, CSDL §3.1). A number is a type error: the member name is the
    /// only representation of a named value.
    pub fn enum_value(&mut self, model: &EnumType, found: Found<'_>, at: Pointer<'_>) {
        self.enum_value_in(model, None, found, at);
    }

    /// [`Checker::enum_value`], with `model`'s words for messages when the caller keeps them
    /// (the single pass writes them once per validator).
    pub(crate) fn enum_value_in(
        &mut self,
        model: &EnumType,
        words: Option<&Arc<EnumWords>>,
        found: Found<'_>,
        at: Pointer<'_>,
    ) {
        let options = *self.options;
        let words = || {
            words
                .cloned()
                .unwrap_or_else(|| EnumWords::new(model, options))
        };
        let Found::String(text) = found else {
            if !self.admit() {
                return;
            }
            let deferred = Deferred::NotAMemberName(words());
            let error = ErrorWriter::deferred(ErrorKind::Type, at, found.describe(), deferred);
            return self.push(error);
        };
        let is_member = |name: &str| model.has_member(name) && options.accepts_member(name);
        if is_member(text) {
            return;
        }
        if model.is_flags {
            // `flags_value` admits its own error.
            // ABNF `enumValue = singleEnumValue *( COMMA singleEnumValue )`: member names joined
            // by commas, no spaces (the numeric `enumMemberValue` form is refused as for any
            // enum).
            match text.split(',').find(|part| !is_member(part)) {
                None => return,
                Some(part) => return self.flags_value(&words(), text, part, at),
            }
        }
        if !self.admit() {
            return;
        }
        let (deferred, head) = Deferred::not_a_member(words(), text);
        self.push(ErrorWriter::deferred(ErrorKind::Enum, at, head, deferred));
    }

    /// Records `text`, a value of a flags enum (its `words`) whose part `part` is not a member.
    fn flags_value(&mut self, words: &EnumWords, text: &str, part: &str, at: Pointer<'_>) {
        if !self.admit() {
            return;
        }
        let capacity = 2 * (words.list().len() + text.len().min(64)) + 192;
        let mut error = ErrorWriter::new(ErrorKind::Enum, at, capacity);
        error
            .push_clipped(text)
            .push(" is not ")
            .push(words.article())
            .push(" ")
            .push(words.name())
            .push(" value: ")
            .push_clipped(part)
            .push(" is not a member; expected members joined by commas, from ")
            .push(words.list());
        error
            .next()
            .push("members joined by commas, from: ")
            .push(words.list());
        error.next().push_clipped(text);
        self.push(error.finish());
    }

    /// Records every property that the options require and `object` lacks, and every
    /// operation parameter it gives under both spellings ([`Checker::spelled_twice`]).
    pub fn required_members(
        &mut self,
        ty: &StructuredType,
        object: &Map<String, Value>,
        at: Pointer<'_>,
    ) {
        if ty.operation.is_some() {
            for property in ty.properties.iter() {
                let alias = ty.alias_of(property);
                if object.contains_key(property.name.as_ref())
                    && alias.is_some_and(|alias| object.contains_key(&alias))
                {
                    self.spelled_twice(ty, property, at);
                }
            }
        }
        self.required_where(ty, |name| object.contains_key(name), at);
    }

    /// Records an operation's parameter given under both its spellings (`Message` and
    /// `message`, [`StructuredType::member`]). Both values are checked; the error's pointer is
    /// the spelling that is not the wire name, whatever the members' order. Like a repeated
    /// member (RFC 7493 §2.3), it leaves the service to pick one.
    pub fn spelled_twice(&mut self, ty: &StructuredType, property: &Property, at: Pointer<'_>) {
        if !self.admit() {
            return;
        }
        let alias = ty.alias_of(property).unwrap_or_default();
        let message = format!(
            "`{alias}` and `{}` name the same parameter: give one of them",
            property.name
        );
        self.push(Error::new(
            at.key(&alias).to_string(),
            ErrorKind::DuplicateProperty,
            message,
        ));
    }

    /// Records every property that the options require and `present` says is missing.
    pub fn required_where(
        &mut self,
        ty: &StructuredType,
        present: impl Fn(&str) -> bool,
        at: Pointer<'_>,
    ) {
        for property in ty.properties.iter() {
            let given = |p: &Property| {
                present(p.name.as_ref()) || ty.alias_of(p).is_some_and(|alias| present(&alias))
            };
            if self.options.requires(property) && !given(property) {
                self.missing(property, at);
            }
        }
    }

    /// Records `property`, required and missing from the object at `at`.
    pub(crate) fn missing(&mut self, property: &Property, at: Pointer<'_>) {
        if !self.admit() {
            return;
        }
        // Why: the page's `Required` row, else strict mode's non-nullable rule.
        let why = if property.marks.required {
            "the page marks it Required in a create body"
        } else {
            "it is not nullable and strict mode requires it in a create body"
        };
        let message = format!(
            "`{}` is required ({}): {why}",
            property.name,
            property.ty.csdl_name()
        );
        let pointer = at.key(&property.name).to_string();
        self.push(
            Error::new(pointer, ErrorKind::Required, message)
                .with(property.ty.csdl_name(), "nothing"),
        );
    }
}

/// The model of a derived type and of every type it uses, each added once: what
/// [`Validate::register`] fills. A look-up per type, not a scan of the model.
#[derive(Debug, Default)]
pub struct Registry {
    model: Model,
    /// The names the structured types added answer to: qualified and alias.
    structs: HashSet<Cow<'static, str>>,
    /// The names the enums added answer to.
    enums: HashSet<Cow<'static, str>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// The model of the types added, in the order they were added.
    pub fn into_model(self) -> Model {
        self.model
    }

    /// Adds `name` and its alias form to `names`; false when `names` had `name` already (as
    /// [`Model::find_struct`] would find it, the name being qualified).
    fn add(names: &mut HashSet<Cow<'static, str>>, name: &'static str) -> bool {
        if names.contains(name) {
            return false;
        }
        names.insert(Cow::Borrowed(name));
        names.extend(alias_form(name).map(Cow::Owned));
        true
    }
}

/// Adds a structured type and the types of its fields to `registry`, once.
pub fn register_struct<T: GraphModel>(registry: &mut Registry, fields: impl FnOnce(&mut Registry)) {
    let ty: &'static StructuredType = T::model();
    if Registry::add(&mut registry.structs, &ty.name) {
        registry.model.structs.push(ty.clone());
        fields(registry);
    }
}

/// Adds an enum type to `registry`, once.
pub fn register_enum<T: GraphEnum>(registry: &mut Registry) {
    let found: &'static EnumType = T::model();
    if Registry::add(&mut registry.enums, &found.name) {
        registry.model.enums.push(found.clone());
    }
}

/// Checks that `value` is an object and then its members, unless its `@odata.type` names
/// another type ([`Checker::names_another_type`]: that one error).
pub fn validate_object<T: GraphModel>(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
    match value.as_object() {
        Some(object) if checker.names_another_type(T::model(), object, at) => {}
        Some(object) => T::validate_members(object, at, checker),
        None => checker.not_an_object(at, T::model(), Found::of(value)),
    }
}

/// Checks an enum value of `T`: see [`Checker::enum_value`].
pub fn validate_enum<T: GraphEnum>(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
    checker.enum_value(T::model(), Found::of(value), at);
}

/// Implements [`Validate`] for the Rust type of each primitive.
macro_rules! primitive_types {
    ($($ty:ty => $primitive:ident,)*) => {$(
        #[doc = concat!("`Edm.", stringify!($primitive), "`.")]
        impl Validate for $ty {
            const TYPE_REF: TypeRef = TypeRef::Primitive(Primitive::$primitive);

            fn validate(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
                checker.primitive(Primitive::$primitive, Found::of(value), at);
            }
        }
    )*};
}

primitive_types! {
    String => String,
    bool => Boolean,
    DateTimeOffset => DateTimeOffset,
    u8 => Byte,
    i8 => SByte,
    i16 => Int16,
    i32 => Int32,
    i64 => Int64,
    f32 => Single,
    f64 => Double,
    DecimalText => Decimal,
    DateText => Date,
    TimeOfDayText => TimeOfDay,
    DurationText => Duration,
    GuidText => Guid,
    BinaryText => Binary,
    Value => Stream,
}

/// A nullable value: `null` or a `T` (as a collection item, e.g. `Vec<Option<String>>`).
impl<T: Validate> Validate for Option<T> {
    const TYPE_REF: TypeRef = T::TYPE_REF;
    const COLLECTION: bool = T::COLLECTION;
    const NULLABLE: bool = true;

    fn validate(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
        if !value.is_null() {
            T::validate(value, at, checker);
        }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// A boxed value, as the generated code holds a property that closes a cycle of types: checked
/// as a `T`.
impl<T: Validate> Validate for Box<T> {
    const TYPE_REF: TypeRef = T::TYPE_REF;
    const COLLECTION: bool = T::COLLECTION;
    const NULLABLE: bool = T::NULLABLE;

    fn validate(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
        T::validate(value, at, checker);
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// A collection: a JSON array of `T`.
impl<T: Validate> Validate for Vec<T> {
    const TYPE_REF: TypeRef = T::TYPE_REF;
    const COLLECTION: bool = true;
    const NULLABLE: bool = T::NULLABLE;

    fn validate(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
        let Some(items) = value.as_array() else {
            return checker.not_an_array(at, &T::TYPE_REF, Found::of(value));
        };
        for (index, item) in items.iter().enumerate() {
            let here = at.index(index);
            if item.is_null() && !T::NULLABLE {
                checker.null_item(here, &T::TYPE_REF);
            } else {
                T::validate(item, here, checker);
            }
        }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// A non-nullable property: absent or a `T`, never `null`. A collection is never `null` either
/// (CSDL §7.2.1: its `Nullable` speaks of the items).
impl<T: Validate> Field for Option<T> {
    const TYPE_REF: TypeRef = T::TYPE_REF;
    const COLLECTION: bool = T::COLLECTION;
    const NULLABLE: bool = T::COLLECTION && T::NULLABLE;

    fn validate_member(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
        if value.is_null() {
            checker.null_member(at, &T::TYPE_REF, T::COLLECTION);
        } else {
            T::validate(value, at, checker);
        }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// A nullable property: absent, `null` or a `T`.
impl<T: Validate> Field for Nullable<T> {
    const TYPE_REF: TypeRef = T::TYPE_REF;
    const COLLECTION: bool = {
        assert!(
            !T::COLLECTION,
            "a collection is never null: use Option<Vec<T>> instead of Nullable<Vec<T>>"
        );
        false
    };
    const NULLABLE: bool = true;

    fn validate_member(value: &Value, at: Pointer<'_>, checker: &mut Checker<'_>) {
        if !value.is_null() {
            T::validate(value, at, checker);
        }
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

/// A JSON number as a validator has it: the raw text (the single pass) or `serde_json`'s
/// reading (a parsed [`Value`]).
///
/// The verdict is always made on `serde_json`'s reading ([`JsonNumber::to_serde`]), the only
/// form a parsed value keeps (no `arbitrary_precision`), so that both sides give the same
/// verdict and the same message for every number. For the integer types this means: a number
/// `serde_json` reads as a float is not an integer, whatever its value. That is `1.0` and `1e2`
/// (the ABNF `int32Value = ["+"/"-"] 1*10DIGIT` has no fraction and no exponent), a number
/// beyond 64 bits (out of every integer range anyway), and `-0`: `int32Value` admits it, but
/// `serde_json` reads it as the float `-0.0`, which `i32`'s own `Deserialize` refuses, so
/// accepting it would promise a typed value that cannot be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonNumber<'a> {
    /// The number exactly as written in the payload.
    Text(&'a str),
    /// The number as `serde_json` parsed it.
    Parsed(&'a serde_json::Number),
}

impl JsonNumber<'_> {
    /// `serde_json`'s reading of the number (`None` for text that is not a JSON number in the
    /// `f64` range, which the single pass's reader never passes on).
    pub fn to_serde(self) -> Option<serde_json::Number> {
        match self {
            JsonNumber::Text(raw) => raw.parse().ok(),
            JsonNumber::Parsed(number) => Some(number.clone()),
        }
    }
}

/// A JSON value as the rules see it: its JSON type, and the text of a string or number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number(JsonNumber<'a>),
    /// A string, unescaped.
    String(&'a str),
    /// An array.
    Array,
    /// An object.
    Object,
}

impl Found<'_> {
    /// What a parsed value is.
    pub fn of(value: &Value) -> Found<'_> {
        match value {
            Value::Null => Found::Null,
            Value::Bool(_) => Found::Bool,
            Value::Number(number) => Found::Number(JsonNumber::Parsed(number)),
            Value::String(text) => Found::String(text),
            Value::Array(_) => Found::Array,
            Value::Object(_) => Found::Object,
        }
    }

    /// The JSON type, for messages: `a string`, `null`.
    pub fn describe(self) -> &'static str {
        match self {
            Found::Null => "null",
            Found::Bool => "a boolean",
            Found::Number(_) => "a number",
            Found::String(_) => "a string",
            Found::Array => "an array",
            Found::Object => "an object",
        }
    }
}

/// Whether a member name is an instance annotation (`@odata.etag`, `name@odata.etag`), which
/// is not checked: OData JSON Format §20, "Clients should never error due to an unexpected
/// annotation". (`@odata.type` itself is checked by [`Checker::odata_type`], and a declared
/// property's `name@odata.type` by [`Checker::property_odata_type`]: see
/// [`annotated_property`].)
pub fn is_annotation(key: &str) -> bool {
    key.contains('@')
}

/// The name a `name@odata.type` member annotates (OData JSON Format §4.5.3, control information
/// on a name/value pair); `None` for any other member name.
pub fn type_annotation_target(key: &str) -> Option<&str> {
    key.strip_suffix("@odata.type")
        .filter(|name| !name.is_empty())
}

/// The declared property (by wire name, or an operation's second spelling) whose type
/// annotation `name@odata.type` the member `key` is; `None` for any other member, an
/// undeclared property's annotation included (an instance annotation, not checked).
pub fn annotated_property<'t>(ty: &'t StructuredType, key: &str) -> Option<&'t Property> {
    ty.member(type_annotation_target(key)?)
}

/// The parts one after the other, in one allocation (quicker than `format!` on the error path).
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// The end of the `expected` of a `format` error on an integer type written as a float
/// (`1.0`, `1e2`, `-0`): [`crate::validate::schema_cannot_express`] recognises it.
pub const WHOLE_NUMBER: &str = "written as a whole number: no fraction, no exponent, not -0";

/// The message of a number that is not a value of `primitive`: `found` (clipped), then why.
fn number_message(found: &str, primitive: Primitive, reason: &str) -> String {
    let mut message = found.to_owned();
    write_not_a(&mut message, primitive);
    message.push_str(reason);
    message
}

/// A number's text for a message, without quotes; a long one is cut to its first 40 characters.
fn clip_number(text: &str) -> String {
    match text.get(..40) {
        Some(head) if text.len() > 40 => format!("{head}…"),
        _ => text.to_owned(),
    }
}

/// The `expected` of a `type` error: the JSON type of `primitive`'s values (JSON Format §7.1;
/// no `IEEE754Compatible`, so `Edm.Int64` and `Edm.Decimal` are numbers only, §3.2).
fn expected_type(primitive: Primitive) -> &'static str {
    match primitive {
        Primitive::String => "a string (Edm.String)",
        Primitive::Boolean => "true or false (Edm.Boolean)",
        Primitive::DateTimeOffset => "a string (Edm.DateTimeOffset)",
        Primitive::Byte => "a number (Edm.Byte)",
        Primitive::SByte => "a number (Edm.SByte)",
        Primitive::Int16 => "a number (Edm.Int16)",
        Primitive::Int32 => "a number (Edm.Int32)",
        Primitive::Int64 => "a number (Edm.Int64)",
        Primitive::Single => "a number, or \"INF\", \"-INF\" or \"NaN\" (Edm.Single)",
        Primitive::Double => "a number, or \"INF\", \"-INF\" or \"NaN\" (Edm.Double)",
        Primitive::Decimal => "a number (Edm.Decimal)",
        Primitive::Date => "a string (Edm.Date)",
        Primitive::TimeOfDay => "a string (Edm.TimeOfDay)",
        Primitive::Duration => "a string (Edm.Duration)",
        Primitive::Guid => "a string (Edm.Guid)",
        Primitive::Binary => "a string (Edm.Binary)",
        Primitive::Stream => "any value (Edm.Stream)",
    }
}

/// The `expected` of a `format` error: the type and an example value.
fn example(primitive: Primitive) -> &'static str {
    match primitive {
        Primitive::DateTimeOffset => DATE_TIME_OFFSET_EXAMPLE,
        Primitive::Byte => "Edm.Byte, from 0 to 255",
        Primitive::SByte => "Edm.SByte, from -128 to 127",
        Primitive::Int16 => "Edm.Int16, from -32768 to 32767",
        Primitive::Int32 => "Edm.Int32, from -2147483648 to 2147483647",
        Primitive::Int64 => "Edm.Int64, from -9223372036854775808 to 9223372036854775807",
        Primitive::Single => "Edm.Single, at most 3.4028235e38 in magnitude, or INF, -INF, NaN",
        Primitive::Double => "Edm.Double, a number or INF, -INF, NaN",
        Primitive::Date => "Edm.Date, e.g. 2024-02-29",
        Primitive::TimeOfDay => "Edm.TimeOfDay, e.g. 07:59:59.999",
        Primitive::Duration => "Edm.Duration, e.g. P12DT23H59M59.999S",
        Primitive::Guid => "Edm.Guid, e.g. 01234567-89ab-cdef-0123-456789abcdef",
        Primitive::Binary => "Edm.Binary, base64url, e.g. Zm9vYmE",
        Primitive::String | Primitive::Boolean | Primitive::Decimal | Primitive::Stream => {
            primitive.edm_name()
        }
    }
}

#[cfg(test)]
mod tests {
    use msgraph_schema_core::model::{EnumType, Primitive, StructuredType, TypeRef};
    use msgraph_schema_core::rules::Options;

    use super::{Checker, Found};
    use crate::pointer::Pointer;

    /// Every message that names a type after an article agrees with it (`an importance`,
    /// `an Edm.Int32`, `an item`; `a gadget`).
    #[test]
    fn articles_agree_with_the_type_named() {
        let options = Options::default();
        let mut checker = Checker::new(&options);
        let at = Pointer::ROOT.key("p");
        let flags: EnumType = serde_json::from_value(serde_json::json!({
            "name": "microsoft.graph.importance", "description": "", "is_flags": true,
            "members": [{"name": "low", "value": 1, "description": ""},
                        {"name": "high", "value": 2, "description": ""}],
            "source": {"file": "", "line": 0}
        }))
        .expect("an enum");
        checker.enum_value(&flags, Found::String("low,normal"), at);
        let object = |name: &str| -> StructuredType {
            serde_json::from_value(serde_json::json!({
                "name": name, "description": "", "properties": [],
                "source": {"file": "", "line": 0}
            }))
            .expect("a structured type")
        };
        checker.not_an_object(at, &object("microsoft.graph.item"), Found::Bool);
        checker.not_an_object(at, &object("microsoft.graph.gadget"), Found::Bool);
        checker.null_item(at, &TypeRef::Primitive(Primitive::Int32));
        let messages: Vec<String> = checker
            .into_errors()
            .iter()
            .map(|e| e.message().to_owned())
            .collect();
        assert_eq!(
            messages,
            [
                "\"low,normal\" is not an importance value: \"normal\" is not a member; expected \
                 members joined by commas, from low, high",
                "expected an item object, found a boolean",
                "expected a gadget object, found a boolean",
                "null is not allowed here: expected an Edm.Int32 item",
            ]
        );
    }
}

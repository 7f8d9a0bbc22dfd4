//! Validation of a payload's text against a type: the single pass ([`check`]), or all three
//! validators compared ([`check_agreement`]: single pass, typed validator, JSON Schema check).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex};

use msgraph_schema_core::model::{Model, StructuredType};
use msgraph_schema_core::rules::Options;
use serde_json::Value;

use crate::json;
use crate::pointer::Pointer;
use crate::report::{Disagreement, Error, ErrorKind, Limits, Report};
use crate::schema_check::SchemaCheck;
use crate::single_pass::Validator;
use crate::typed::{Checker, GraphModel, Registry, WHOLE_NUMBER};

/// Compiled checks by type name and options, built once per process.
type Cache<T> = Mutex<HashMap<(&'static str, Options), Arc<T>>>;

/// A type the validator can check payloads against, with everything it needs at run time.
#[derive(Clone, Copy)]
pub struct TypeEntry {
    model: fn() -> &'static StructuredType,
    register: fn(&mut Registry),
    validate: fn(&Value, Pointer<'_>, &mut Checker<'_>),
}

impl TypeEntry {
    /// The entry of a derived type.
    pub const fn of<T: GraphModel>() -> TypeEntry {
        TypeEntry {
            model: T::model,
            register: T::register,
            validate: T::validate,
        }
    }

    /// The type's qualified name.
    pub fn name(&self) -> &'static str {
        &(self.model)().name
    }

    /// The type's own model.
    pub fn structured(&self) -> &'static StructuredType {
        (self.model)()
    }

    /// A model holding this type and every type it uses.
    pub fn model(&self) -> Model {
        let mut registry = Registry::new();
        (self.register)(&mut registry);
        registry.into_model()
    }

    /// The typed validator's errors for an already parsed value.
    pub fn typed_errors(&self, value: &Value, options: &Options) -> Vec<Error> {
        let mut checker = Checker::new(options);
        (self.validate)(value, Pointer::ROOT, &mut checker);
        checker.into_errors()
    }

    /// The compiled JSON Schema check of this type under `options` (built once, then cached).
    pub fn schema_check(&self, options: &Options) -> Arc<SchemaCheck> {
        static CACHE: LazyLock<Cache<SchemaCheck>> = LazyLock::new(Default::default);
        cached(&CACHE, (self.name(), *options), || {
            SchemaCheck::new(&self.model(), self.structured(), options)
        })
    }

    /// The single-pass validator of this type under `options` (built once, then cached).
    pub fn single_pass(&self, options: &Options) -> Arc<Validator> {
        static CACHE: LazyLock<Cache<Validator>> = LazyLock::new(Default::default);
        cached(&CACHE, (self.name(), *options), || {
            Validator::new(&self.model(), self.name(), *options)
                .expect("a derived type registers every type it uses")
        })
    }
}

fn cached<T>(cache: &Cache<T>, key: (&'static str, Options), build: impl FnOnce() -> T) -> Arc<T> {
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(key)
        .or_insert_with(|| Arc::new(build()))
        .clone()
}

/// Rules that JSON Schema cannot state, so only the typed side reports them; everywhere else
/// the two validators must agree. This is the one place that lists them.
///
/// - `duplicate_property`: a JSON Schema validator sees a parsed value, never the text.
/// - `format` on an Edm integer type written as a float (`1.0`, `1e2`, `-0`; its `expected`
///   ends with [`WHOLE_NUMBER`]): the integer ABNF rules (`int32Value = ["+"/"-"] 1*10DIGIT`)
///   have no fraction or exponent, but JSON Schema's data model has one number type and
///   `"type": "integer"` accepts any number with a zero fractional part (2020-12 validation
///   §6.1.1), so `1.0` is an integer to every JSON Schema validator. (A fraction that is not
///   zero, `1.5`, is a `type` error on both sides: not this rule.)
pub fn schema_cannot_express(error: &Error) -> bool {
    match error.kind {
        ErrorKind::DuplicateProperty => true,
        ErrorKind::Format => error
            .expected()
            .is_some_and(|expected| expected.ends_with(WHOLE_NUMBER)),
        _ => false,
    }
}

/// Validates a payload's bytes against `entry` in a single pass ([`Validator`]): syntax,
/// duplicates and every rule of the model, each error located by line and column.
///
/// ```
/// use msgraph_schema::types::DeviceHealthScriptDeviceState;
/// use msgraph_schema::{GraphModel, Options, TypeEntry};
///
/// let entry = TypeEntry::of::<DeviceHealthScriptDeviceState>();
/// let report = msgraph_schema::check(br#"{"detectionState": 1}"#, &entry, &Options::default());
/// assert_eq!(report.errors[0].kind.as_str(), "type");
/// ```
pub fn check(bytes: &[u8], entry: &TypeEntry, options: &Options) -> Report {
    check_with(bytes, entry, options, Limits::NONE)
}

/// [`check`] under `limits`: the first `limits.max_errors` errors in input order and the count
/// of the others ([`Report::truncated`]), in memory bounded by the payload's size (see
/// [`Validator::check_with`]).
pub fn check_with(bytes: &[u8], entry: &TypeEntry, options: &Options, limits: Limits) -> Report {
    // Each thread keeps the validators it used (a few at most), so parallel callers never share
    // a lock.
    type Validators = Vec<(&'static str, Options, Arc<Validator>)>;
    thread_local! {
        static VALIDATORS: RefCell<Validators> = const { RefCell::new(Vec::new()) };
    }
    let name = entry.name();
    let validator = VALIDATORS.with_borrow_mut(|validators| {
        let known = validators
            .iter()
            .find(|(n, o, _)| std::ptr::eq(*n, name) && o == options);
        match known {
            Some((_, _, validator)) => validator.clone(),
            None => {
                let validator = entry.single_pass(options);
                validators.push((name, *options, validator.clone()));
                validator
            }
        }
    });
    validator.check_with(bytes, limits)
}

/// Validates a payload's bytes with all three validators: the single pass, the typed validator
/// on the parsed value and the JSON Schema check (the `jsonschema` crate). The report merges
/// their errors, and lists in `disagreements` every error that not all of them report: a bug
/// in msgraph-schema, never hidden. Slower than [`check`]; for conformance runs and tests.
pub fn check_agreement(bytes: &[u8], entry: &TypeEntry, options: &Options) -> Report {
    check_agreement_and_single(bytes, entry, options).0
}

/// [`check_agreement`], then the report cut to `limits` ([`Report::limit`]): the three validators
/// are compared on every error, so a disagreement past the cap is still reported, and the
/// report keeps the first errors in input order, as [`check_with`] does. The cap comes after
/// the agreement: a conformance run's memory follows the payload's error count.
pub fn check_agreement_with(
    bytes: &[u8],
    entry: &TypeEntry,
    options: &Options,
    limits: Limits,
) -> Report {
    let mut report = check_agreement(bytes, entry, options);
    report.limit(limits);
    report
}

/// [`check_agreement`]'s report, and the single pass's own report it compared.
pub(crate) fn check_agreement_and_single(
    bytes: &[u8],
    entry: &TypeEntry,
    options: &Options,
) -> (Report, Report) {
    let mut report = check_parsed(bytes, entry, options).0;
    let single = check(bytes, entry, options);
    let key = |e: &Error| (e.pointer().to_owned(), e.kind);
    let mut others: Vec<_> = report.errors.iter().map(key).collect();
    let mut mine: Vec<_> = single.errors.iter().map(key).collect();
    others.sort();
    mine.sort();
    let (only_mine, only_others) = multiset_differences(&mine, &others);
    for (pointer, kind) in only_mine {
        report.disagreements.push(Disagreement {
            pointer,
            kind,
            reported_by: "single_pass".into(),
        });
    }
    for (pointer, kind) in only_others {
        report.disagreements.push(Disagreement {
            pointer,
            kind,
            reported_by: "parsed_value".into(),
        });
    }
    report
        .disagreements
        .extend(single.disagreements.iter().cloned());
    (report, single)
}

/// Validates a payload's bytes with a compiled single pass and a compiled JSON Schema check of
/// the same type (a model loaded at run time, which has no typed validator). The report holds
/// the single pass's errors, any error only the schema reports (located), and in
/// `disagreements` every error not both report, except those JSON Schema cannot express
/// ([`schema_cannot_express`]).
pub fn check_against_schema(bytes: &[u8], validator: &Validator, schema: &SchemaCheck) -> Report {
    let mut report = validator.check(bytes);
    let Ok(parsed) = json::parse(bytes) else {
        // Not JSON: the single pass's located syntax error is the whole report.
        return report;
    };
    let mut schema_errors = schema.errors(&parsed.value);
    let key = |e: &Error| (e.pointer().to_owned(), e.kind);
    let mut mine: Vec<_> = report
        .errors
        .iter()
        .filter(|e| !schema_cannot_express(e))
        .map(key)
        .collect();
    let mut others: Vec<_> = schema_errors.iter().map(key).collect();
    mine.sort();
    others.sort();
    let (only_mine, only_schema) = multiset_differences(&mine, &others);
    for (pointer, kind) in only_mine {
        report.disagreements.push(Disagreement {
            pointer,
            kind,
            reported_by: "single_pass".into(),
        });
    }
    if !only_schema.is_empty() {
        schema_errors.retain(|e| only_schema.contains(&key(e)));
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        json::locate_all(text, &mut schema_errors);
        for error in schema_errors {
            report.disagreements.push(Disagreement {
                pointer: error.pointer().to_owned(),
                kind: error.kind,
                reported_by: "json_schema".into(),
            });
            report.errors.push(error);
        }
        report.errors.sort_by_key(|e| (e.line, e.column));
    }
    report
}

/// The items only in `a` and only in `b`, both sorted, counting repeats.
fn multiset_differences<T: Ord + Clone>(a: &[T], b: &[T]) -> (Vec<T>, Vec<T>) {
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x > y => {
                only_b.push(y.clone());
                j += 1;
            }
            (Some(x), _) => {
                only_a.push(x.clone());
                i += 1;
            }
            (None, Some(y)) => {
                only_b.push(y.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    (only_a, only_b)
}

/// The typed validator and the JSON Schema check on the parsed value, with the parsed value
/// when the text is JSON.
fn check_parsed(bytes: &[u8], entry: &TypeEntry, options: &Options) -> (Report, Option<Value>) {
    let parsed = match json::parse(bytes) {
        Ok(parsed) => parsed,
        Err(error) => {
            return (
                Report {
                    errors: vec![*error],
                    ..Report::default()
                },
                None,
            );
        }
    };
    let mut report = check_value(&parsed.value, entry, options);
    report.errors.extend(parsed.duplicates);
    if !report.errors.is_empty() {
        // Bytes that parsed are UTF-8.
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        json::locate_all(text, &mut report.errors);
        report.errors.sort_by_key(|e| (e.line, e.column));
    }
    (report, Some(parsed.value))
}

/// Validates a parsed value with both validators and compares their verdicts.
pub fn check_value(value: &Value, entry: &TypeEntry, options: &Options) -> Report {
    let typed = entry.typed_errors(value, options);
    let schema_check = entry.schema_check(options);
    // The crate's allocation-free `is_valid` first; its errors only when there are some.
    let schema = if typed.is_empty() && schema_check.is_valid(value) {
        Vec::new()
    } else {
        schema_check.errors(value)
    };
    let key = |e: &Error| (e.pointer().to_owned(), e.kind);
    let typed_keys: BTreeSet<_> = typed.iter().map(key).collect();
    let schema_keys: BTreeSet<_> = schema.iter().map(key).collect();
    let mut disagreements: Vec<Disagreement> = typed
        .iter()
        .filter(|e| !schema_keys.contains(&key(e)) && !schema_cannot_express(e))
        .map(|e| Disagreement {
            pointer: e.pointer().to_owned(),
            kind: e.kind,
            reported_by: "typed".into(),
        })
        .collect();
    let mut errors = typed;
    for error in schema {
        if !typed_keys.contains(&key(&error)) {
            disagreements.push(Disagreement {
                pointer: error.pointer().to_owned(),
                kind: error.kind,
                reported_by: "json_schema".into(),
            });
            errors.push(error);
        }
    }
    Report {
        errors,
        truncated: 0,
        disagreements,
    }
}

/// Validates `text` as a `T` with the default options (a create body, not strict) and returns
/// the typed value, or every error.
///
/// ```
/// use msgraph_schema::types::DeviceHealthScriptDeviceState;
/// let report = msgraph_schema::validate::<DeviceHealthScriptDeviceState>(
///     r#"{"detectionState": "String", "remediationState": "success"}"#,
/// )
/// .unwrap_err();
/// assert_eq!(report.errors.len(), 1);
/// assert_eq!(report.errors[0].pointer(), "/detectionState");
/// assert_eq!(report.errors[0].kind.as_str(), "enum");
/// ```
pub fn validate<T: GraphModel>(text: &str) -> Result<T, Report> {
    validate_with(text.as_bytes(), &Options::default())
}

/// Validates `bytes` as a `T` under `options` and returns the typed value, or every error.
pub fn validate_with<T: GraphModel>(bytes: &[u8], options: &Options) -> Result<T, Report> {
    let report = check(bytes, &TypeEntry::of::<T>(), options);
    match report.is_valid() {
        true => serde_json::from_slice(bytes).map_err(|err| Report {
            // Both validators accept it but the Rust type does not: a bug, never hidden.
            errors: vec![Error::new(
                String::new(),
                ErrorKind::Type,
                format!("the Rust type rejects this payload: {err}"),
            )],
            truncated: 0,
            disagreements: vec![Disagreement {
                pointer: String::new(),
                kind: ErrorKind::Type,
                reported_by: "serde".into(),
            }],
        }),
        false => Err(report),
    }
}

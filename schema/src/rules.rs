//! The validation rules that depend on the operation and mode, decided once for both the JSON
//! Schema emitter and the typed validator.

use serde::{Deserialize, Serialize};

use crate::model::{GRAPH_ALIAS, GRAPH_NAMESPACE, Property, TypeRef, UNKNOWN_FUTURE_VALUE};

/// The request or response a payload is the body of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// A `POST` (or `PUT`) body: the default.
    #[default]
    Create,
    /// A `PATCH` body: partial, nothing required.
    Update,
    /// A response body.
    Response,
}

impl Operation {
    /// The lower-case name used in schema ids and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Response => "response",
        }
    }
}

/// How strictly a payload is checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Options {
    /// The body's operation.
    pub operation: Operation,
    /// Strict mode: non-nullable, non-key properties are required in a create body, and
    /// `@odata.type` must start with `#`.
    pub strict: bool,
}

impl Options {
    /// Whether `member` of an enum is accepted.
    ///
    /// Graph's evolvable-enum guideline: `unknownFutureValue` in a POST/PUT body must be
    /// rejected with 400; in a PATCH it is treated as absent; responses may carry it.
    pub fn accepts_member(&self, member: &str) -> bool {
        self.operation != Operation::Create || member != UNKNOWN_FUTURE_VALUE
    }

    /// Whether `property` must be present.
    ///
    /// In a create body: a property its create page says is `Required`, and in strict mode every
    /// non-nullable one; never the key.
    pub fn requires(&self, property: &Property) -> bool {
        self.operation == Operation::Create
            && !property.key
            && (property.marks.required || self.strict && !property.nullable)
    }

    /// The `@odata.type` values that name `type_name` (a qualified name): `#microsoft.graph.x`
    /// and the alias form `#graph.x`, and without `#` unless strict.
    ///
    /// OData JSON Format §4.5.3: the type is a URI fragment (`#` + namespace- or
    /// alias-qualified name); strict mode insists on the `#`.
    pub fn odata_type_values(&self, type_name: &str) -> Vec<String> {
        self.fragments(qualified_names(type_name))
    }

    /// The `name@odata.type` values that agree with a property of type `ty` (a collection of
    /// it when `collection`); `derived` are the types derived from a structured `ty` (qualified
    /// names), which its values may be (CSDL §6.1.1).
    ///
    /// OData JSON Format §4.5.3, the type of a name/value pair:
    /// - a built-in primitive type is written by "the unqualified name of the primitive type",
    ///   and "consumers of 4.01 or greater payloads MUST support values with or without the
    ///   hash symbol": `#DateTimeOffset` and `DateTimeOffset` in every mode, strict too. Also
    ///   qualified, `#Edm.DateTimeOffset`: Microsoft.OData.Core, the reader behind Graph, reads
    ///   both (`ReaderUtils.AddEdmPrefixOfTypeName` adds the `Edm.` a name lacks).
    /// - any other type is "the namespace-qualified or alias-qualified type, specified as a URI
    ///   fragment", as for an object's `@odata.type` ([`Options::odata_type_values`]);
    /// - a collection is "the namespace-qualified or alias-qualified element type enclosed in
    ///   parentheses and prefixed with `Collection`", a URI fragment too:
    ///   `#Collection(Edm.String)` (or `#Collection(String)`, which Microsoft.OData.Core reads
    ///   alike); without `#` unless strict, as for a structured type.
    pub fn property_type_values(
        &self,
        ty: &TypeRef,
        collection: bool,
        derived: &[&str],
    ) -> Vec<String> {
        let names: Vec<String> = match ty {
            TypeRef::Primitive(primitive) => {
                let qualified = primitive.edm_name();
                let unqualified = qualified.strip_prefix("Edm.").unwrap_or(qualified);
                vec![unqualified.to_owned(), qualified.to_owned()]
            }
            TypeRef::Enum(name) | TypeRef::Struct(name) => std::iter::once(name.as_ref())
                .chain(derived.iter().copied())
                .flat_map(qualified_names)
                .collect(),
        };
        if collection {
            return self.fragments(names.iter().map(|n| format!("Collection({n})")).collect());
        }
        match ty {
            // Built-in primitive types: with or without `#` in every mode.
            TypeRef::Primitive(_) => names
                .into_iter()
                .flat_map(|name| [format!("#{name}"), name])
                .collect(),
            _ => self.fragments(names),
        }
    }

    /// Whether `value` is an accepted `name@odata.type` for a property of type `ty`: one of
    /// [`Options::property_type_values`].
    pub fn accepts_property_type(
        &self,
        ty: &TypeRef,
        collection: bool,
        derived: &[&str],
        value: &str,
    ) -> bool {
        self.property_type_values(ty, collection, derived)
            .iter()
            .any(|v| v == value)
    }

    /// `names` as URI fragments (`#` and the name), and unless strict also without the `#`.
    fn fragments(&self, names: Vec<String>) -> Vec<String> {
        let mut values: Vec<String> = names.iter().map(|n| format!("#{n}")).collect();
        if !self.strict {
            values.extend(names);
        }
        values
    }

    /// Whether `value` is an accepted `@odata.type` for `type_name`: one of
    /// [`Options::odata_type_values`] (tested to agree), without building them.
    pub fn accepts_odata_type(&self, type_name: &str, value: &str) -> bool {
        let name = match value.strip_prefix('#') {
            Some(name) => name,
            None if self.strict => return false,
            None => value,
        };
        name == type_name
            || graph_short_name(type_name).is_some_and(|short| {
                name.strip_prefix(GRAPH_ALIAS)
                    .and_then(|rest| rest.strip_prefix('.'))
                    == Some(short)
            })
    }
}

/// The names of a type in `@odata.type` values: qualified (`microsoft.graph.x`) and, in the
/// Graph namespace, alias-qualified (`graph.x`).
fn qualified_names(type_name: &str) -> Vec<String> {
    let mut names = vec![type_name.to_owned()];
    if let Some(short) = graph_short_name(type_name) {
        names.push(format!("{GRAPH_ALIAS}.{short}"));
    }
    names
}

/// The short name of a type of the `microsoft.graph` namespace itself, the one the alias
/// `graph` stands for (`<Schema Namespace="microsoft.graph" Alias="graph">`): an alias replaces
/// its namespace exactly, so `microsoft.graph.user` is also `graph.user` while
/// `microsoft.graph.security.alert` has no `graph.` form.
fn graph_short_name(type_name: &str) -> Option<&str> {
    type_name
        .strip_prefix(GRAPH_NAMESPACE)?
        .strip_prefix('.')
        .filter(|short| !short.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Primitive;

    #[test]
    fn only_the_graph_namespace_itself_has_the_alias_form() {
        let options = Options::default();
        let user = options.odata_type_values("microsoft.graph.user");
        assert!(user.contains(&"#graph.user".to_owned()), "{user:?}");
        let alert = options.odata_type_values("microsoft.graph.security.alert");
        assert!(alert.contains(&"#microsoft.graph.security.alert".to_owned()));
        assert!(
            !alert.iter().any(|v| v.contains("graph.alert")),
            "{alert:?}"
        );
    }

    #[test]
    fn property_type_values_name_the_declared_type() {
        let default = Options::default();
        let strict = Options {
            strict: true,
            ..Options::default()
        };
        let time = TypeRef::Primitive(Primitive::DateTimeOffset);
        let forms = [
            "#DateTimeOffset",
            "DateTimeOffset",
            "#Edm.DateTimeOffset",
            "Edm.DateTimeOffset",
        ];
        assert_eq!(default.property_type_values(&time, false, &[]), forms);
        assert_eq!(strict.property_type_values(&time, false, &[]), forms);
        assert_eq!(
            strict.property_type_values(&time, true, &[]),
            [
                "#Collection(DateTimeOffset)",
                "#Collection(Edm.DateTimeOffset)"
            ]
        );
        let state = TypeRef::Enum("microsoft.graph.runState".into());
        assert_eq!(
            default.property_type_values(&state, false, &[]),
            [
                "#microsoft.graph.runState",
                "#graph.runState",
                "microsoft.graph.runState",
                "graph.runState"
            ]
        );
        let base = TypeRef::Struct("microsoft.graph.base".into());
        assert_eq!(
            strict.property_type_values(&base, true, &["other.ns.derived"]),
            [
                "#Collection(microsoft.graph.base)",
                "#Collection(graph.base)",
                "#Collection(other.ns.derived)"
            ]
        );
        assert!(strict.accepts_property_type(&time, false, &[], "DateTimeOffset"));
        assert!(!strict.accepts_property_type(&time, false, &[], "#Int32"));
        assert!(!default.accepts_property_type(&base, false, &[], "#other.ns.derived"));
        assert!(default.accepts_property_type(
            &base,
            false,
            &["other.ns.derived"],
            "other.ns.derived"
        ));
    }

    #[test]
    fn accepts_odata_type_is_membership_in_odata_type_values() {
        let names = [
            "microsoft.graph.user",
            "microsoft.graph.security.alert",
            "other.ns.thing",
        ];
        let values = [
            "#microsoft.graph.user",
            "microsoft.graph.user",
            "#graph.user",
            "graph.user",
            "#graph.alert",
            "graph.alert",
            "#microsoft.graph.security.alert",
            "#graph.security.alert",
            "#other.ns.thing",
            "other.ns.thing",
            "#graph.thing",
            "#Microsoft.Graph.User",
            "#user",
            "#",
            "",
            "##microsoft.graph.user",
            "#graph",
            "#graph.",
            "graphuser",
        ];
        for strict in [false, true] {
            let options = Options {
                strict,
                ..Options::default()
            };
            for name in names {
                let accepted = options.odata_type_values(name);
                for value in values {
                    assert_eq!(
                        options.accepts_odata_type(name, value),
                        accepted.iter().any(|v| v == value),
                        "{name} {value} strict={strict}"
                    );
                }
            }
        }
    }
}

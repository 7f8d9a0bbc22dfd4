//! The validation rules that depend on the operation and mode, decided once for both the JSON
//! Schema emitter and the typed validator.

use serde::{Deserialize, Serialize};

use crate::model::{GRAPH_ALIAS, GRAPH_NAMESPACE, Property, UNKNOWN_FUTURE_VALUE, short_name};

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
        let mut names = vec![type_name.to_owned()];
        if type_name.starts_with(&format!("{GRAPH_NAMESPACE}.")) {
            names.push(format!("{GRAPH_ALIAS}.{}", short_name(type_name)));
        }
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
            || (type_name
                .strip_prefix(GRAPH_NAMESPACE)
                .is_some_and(|rest| rest.starts_with('.'))
                && name
                    .strip_prefix(GRAPH_ALIAS)
                    .and_then(|rest| rest.strip_prefix('.'))
                    == Some(short_name(type_name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! [`Nullable`]: a property that can be absent, `null`, or a value.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A nullable property's value, keeping "absent" and "`null`" apart: an explicit `null` clears a
/// value on the service, an absent member leaves it alone.
///
/// Use it with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`.
///
/// ```
/// use msgraph_schema::Nullable;
/// let set: Nullable<String> = serde_json::from_str("null").unwrap();
/// assert_eq!(set, Nullable::Null);
/// assert!(Nullable::<String>::default().is_absent());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The member is not in the payload.
    #[default]
    Absent,
    /// The member is `null`.
    Null,
    /// The member holds a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the member is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if there is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(serializer),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Nullable::Null, Nullable::Value))
    }
}

impl<T: JsonSchema> JsonSchema for Nullable<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Nullable_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // `Option<T>`'s schema, which admits `null` whatever the generator's option settings.
        let mut schema = generator.subschema_for::<T>();
        match schema
            .get("type")
            .and_then(|t| t.as_str())
            .map(str::to_owned)
        {
            Some(ty) => {
                schema.insert("type".into(), serde_json::json!([ty, "null"]));
                schema
            }
            None => schemars::json_schema!({ "anyOf": [schema, { "type": "null" }] }),
        }
    }

    fn inline_schema() -> bool {
        true
    }
}

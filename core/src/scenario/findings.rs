//! A map from item code to finding that keeps every entry, duplicates included, so that a key
//! written twice is reported (`duplicate_answer`) rather than silently overwritten.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::review::Finding;

/// Findings by item code, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings(pub Vec<(String, Finding)>);

impl Findings {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Findings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (item, finding) in &self.0 {
            map.serialize_entry(item, finding)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Findings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Findings;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from item code to finding")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Findings, A::Error> {
                let mut entries = Vec::new();
                while let Some((item, finding)) = map.next_entry::<String, Finding>()? {
                    entries.push((item, finding));
                }
                Ok(Findings(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

impl schemars::JsonSchema for Findings {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Findings".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let finding = generator.subschema_for::<Finding>();
        schemars::json_schema!({ "type": "object", "additionalProperties": finding })
    }
}

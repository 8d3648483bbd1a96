//! Pulling the configured fields out of one JSON object without building a
//! full `serde_json::Value` tree.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::read::JsonFields;

/// A scalar field value, as text.
#[derive(Debug, Default, PartialEq)]
pub(crate) enum Scalar {
    /// Absent or null.
    #[default]
    Missing,
    /// A string, or a number or boolean written as text.
    Text(String),
    /// An object or array where a scalar was expected.
    Nested,
}

impl Scalar {
    pub(crate) fn into_option(self) -> Option<String> {
        match self {
            Scalar::Text(s) => Some(s),
            _ => None,
        }
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Missing)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Missing)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }
}

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// The fields of one line.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Fields {
    pub id: Scalar,
    pub title: Scalar,
    pub text: Scalar,
    pub date: Scalar,
    pub url: Scalar,
}

pub(crate) struct FieldsSeed<'a>(pub &'a JsonFields);

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Fields;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Fields, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let names = self.0;
        let mut out = Fields::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let slot = if key == names.text.as_str() {
                &mut out.text
            } else if key == names.id.as_str() {
                &mut out.id
            } else if key == names.title.as_str() {
                &mut out.title
            } else if key == names.date.as_str() {
                &mut out.date
            } else if key == names.url.as_str() {
                &mut out.url
            } else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            *slot = map.next_value::<Scalar>()?;
        }
        Ok(out)
    }
}

/// Parse one line into its fields.
pub(crate) fn parse_line(line: &str, names: &JsonFields) -> Result<Fields, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(line);
    let fields = FieldsSeed(names).deserialize(&mut de)?;
    de.end()?;
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_named_fields_and_skips_the_rest() {
        let names = JsonFields {
            text: "body".into(),
            id: "url".into(),
            ..JsonFields::default()
        };
        let f = parse_line(
            r#"{"meta":{"a":[1,2]},"body":"Hello \"world\"","url":"http://x/1","title":null,"date":20240101}"#,
            &names,
        )
        .unwrap();
        assert_eq!(f.text, Scalar::Text("Hello \"world\"".into()));
        assert_eq!(f.id, Scalar::Text("http://x/1".into()));
        assert_eq!(f.title, Scalar::Missing);
        assert_eq!(f.date, Scalar::Text("20240101".into()));
    }

    #[test]
    fn rejects_non_objects_and_trailing_garbage() {
        let names = JsonFields::default();
        assert!(parse_line("[1,2]", &names).is_err());
        assert!(parse_line(r#"{"text":"a"} x"#, &names).is_err());
        assert!(parse_line(r#"{"text":"a""#, &names).is_err());
    }
}

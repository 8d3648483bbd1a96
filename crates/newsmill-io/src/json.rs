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
    /// A string.
    Text(String),
    /// A number or boolean, written as text.
    NonString(String),
    /// An object or array where a scalar was expected.
    Nested,
}

impl Scalar {
    pub(crate) fn into_option(self) -> Option<String> {
        match self {
            Scalar::Text(s) | Scalar::NonString(s) => Some(s),
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
        Ok(Scalar::NonString(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::NonString(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::NonString(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::NonString(v.to_string()))
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

/// Parse one line into its fields (a leading byte-order mark skipped).
pub(crate) fn parse_line(line: &str, names: &JsonFields) -> Result<Fields, serde_json::Error> {
    let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
    let mut de = serde_json::Deserializer::from_str(line);
    let fields = FieldsSeed(names).deserialize(&mut de)?;
    de.end()?;
    Ok(fields)
}

/// The line with each `\\uXXXX` escape of a lone surrogate (valid JSON, not
/// valid Unicode, as JavaScript producers write them) replaced by `\\uFFFD`,
/// and how many were replaced; `None` when there is none.
pub(crate) fn replace_lone_surrogates(line: &str) -> Option<(String, usize)> {
    fn hex4(b: &[u8]) -> Option<u32> {
        let h = std::str::from_utf8(b.get(..4)?).ok()?;
        u32::from_str_radix(h, 16)
            .ok()
            .filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit()))
    }
    let b = line.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut n = 0;
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|r| memchr::memchr(b'\\', r)) {
        let at = i + off;
        if b.get(at + 1) != Some(&b'u') {
            i = at + 2; // any other escape, `\\\\` included
            continue;
        }
        let Some(u) = hex4(&b[at + 2..]) else {
            i = at + 2;
            continue;
        };
        let pair = (0xD800..0xDC00).contains(&u)
            && b.get(at + 6) == Some(&b'\\')
            && b.get(at + 7) == Some(&b'u')
            && hex4(&b[(at + 8).min(b.len())..]).is_some_and(|l| (0xDC00..0xE000).contains(&l));
        if pair {
            i = at + 12;
        } else if (0xD800..0xE000).contains(&u) {
            let o = out.get_or_insert_with(|| String::with_capacity(line.len()));
            o.push_str(&line[copied..at]);
            o.push_str("\\uFFFD");
            copied = at + 6;
            n += 1;
            i = at + 6;
        } else {
            i = at + 6;
        }
    }
    let mut o = out?;
    o.push_str(&line[copied..]);
    Some((o, n))
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
        assert_eq!(f.date, Scalar::NonString("20240101".into()));
    }

    #[test]
    fn lone_surrogates_are_replaced_and_pairs_kept() {
        let (fixed, n) =
            replace_lone_surrogates(r#"{"text":"a\ud800b \ud83d\ude00 \\ud800 \udc00\u0041"}"#)
                .unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            fixed,
            r#"{"text":"a\uFFFDb \ud83d\ude00 \\ud800 \uFFFD\u0041"}"#
        );
        let f = parse_line(&fixed, &JsonFields::default()).unwrap();
        assert_eq!(
            f.text,
            Scalar::Text("a\u{FFFD}b \u{1F600} \\ud800 \u{FFFD}A".into())
        );
        assert_eq!(replace_lone_surrogates(r#"{"text":"\ud83d\ude00"}"#), None);
        // Cut escapes at the end never panic.
        for cut in [
            "\\u",
            "\\ud8",
            "\\ud800\\",
            "\\ud800\\u",
            "\\ud800\\udc",
            "\\",
        ] {
            let _ = replace_lone_surrogates(cut);
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_numbers_are_not_strings() {
        let f = parse_line("\u{FEFF}{\"text\":42}", &JsonFields::default()).unwrap();
        assert_eq!(f.text, Scalar::NonString("42".into()));
    }

    #[test]
    fn rejects_non_objects_and_trailing_garbage() {
        let names = JsonFields::default();
        assert!(parse_line("[1,2]", &names).is_err());
        assert!(parse_line(r#"{"text":"a"} x"#, &names).is_err());
        assert!(parse_line(r#"{"text":"a""#, &names).is_err());
    }
}

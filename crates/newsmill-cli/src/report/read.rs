//! Reading records tolerantly: JSON Lines (plain, .gz, .zst) and Parquet,
//! schema 1 or 2. Only the fields the report uses are decoded; numbers may
//! be integers or floats, document-level extractors a list or an object,
//! and any field may be absent or null.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A list that may be absent or null.
fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A string, or anything else (ignored).
fn lenient_str<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        _ => None,
    })
}

/// A number (integer or float), or anything else (ignored).
fn lenient_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_f64(),
        _ => None,
    })
}

/// A notice (warning or error).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct NoticeIn {
    #[serde(default, deserialize_with = "lenient_str")]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub message: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub stage: Option<String>,
}

/// A span attribute (`speaker`, `cue`): only its text.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SpanIn {
    #[serde(default, deserialize_with = "lenient_str")]
    pub text: Option<String>,
}

/// An annotation, with the attributes the report reads.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AnnIn {
    #[serde(default, deserialize_with = "lenient_num")]
    pub start: Option<f64>,
    #[serde(default, deserialize_with = "lenient_num")]
    pub end: Option<f64>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub text: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub label: Option<String>,
    /// entities: the canonical name.
    #[serde(default, deserialize_with = "lenient_str")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient_num")]
    pub salience: Option<f64>,
    /// quotes: the speaker's name, resolved.
    #[serde(default, deserialize_with = "lenient_str")]
    pub speaker_name: Option<String>,
    #[serde(default)]
    pub speaker: Option<SpanIn>,
    /// keyphrases: the normalised phrase.
    #[serde(default, deserialize_with = "lenient_str")]
    pub phrase: Option<String>,
    /// dates: the normalised value.
    #[serde(default, deserialize_with = "lenient_str")]
    pub value: Option<String>,
}

/// A near-duplicate reference.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct DupIn {
    #[serde(default, deserialize_with = "lenient_str")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient_num")]
    pub similarity: Option<f64>,
}

/// The byte count of the text.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CountsIn {
    #[serde(default, deserialize_with = "lenient_num")]
    pub bytes: Option<f64>,
}

/// The part of a record the report reads.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RecordIn {
    #[serde(default, deserialize_with = "lenient_str")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub published: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient_str")]
    pub site_name: Option<String>,
    #[serde(default)]
    pub counts: Option<CountsIn>,
    #[serde(default, deserialize_with = "list")]
    pub warnings: Vec<NoticeIn>,
    #[serde(default, deserialize_with = "list")]
    pub errors: Vec<NoticeIn>,
    #[serde(default)]
    pub near_duplicate_of: Option<DupIn>,
    /// Schema 1: a one-element list of annotations; schema 2: an object
    /// `{code, confidence, reliable}`.
    #[serde(default)]
    pub language: Option<Value>,
    /// Schema 2: `{extractor: reason}`.
    #[serde(default)]
    pub skipped: Option<BTreeMap<String, Value>>,
    #[serde(default, deserialize_with = "list")]
    pub entities: Vec<AnnIn>,
    #[serde(default, deserialize_with = "list")]
    pub quotes: Vec<AnnIn>,
    #[serde(default, deserialize_with = "list")]
    pub keyphrases: Vec<AnnIn>,
    #[serde(default, deserialize_with = "list")]
    pub dates: Vec<AnnIn>,
}

impl RecordIn {
    /// The language code, from either schema.
    pub(crate) fn language_code(&self) -> Option<&str> {
        let obj = match self.language.as_ref()? {
            Value::Array(a) => a.first()?,
            v @ Value::Object(_) => v,
            _ => return None,
        };
        ["code", "label"]
            .iter()
            .find_map(|k| obj.get(*k).and_then(Value::as_str))
    }
}

/// A line (or row) that is not a record.
#[derive(Debug)]
pub(crate) struct Unreadable {
    /// `file:line` or `file:row`.
    pub at: String,
    /// Why.
    pub message: String,
}

/// What came out of one input item.
pub(crate) enum Item {
    Record(Box<RecordIn>),
    Unreadable(Unreadable),
}

/// The Parquet columns the report reads (the text is never decoded).
const COLUMNS: &[&str] = &[
    "id",
    "source",
    "status",
    "title",
    "published",
    "url",
    "site_name",
    "counts",
    "warnings",
    "errors",
    "near_duplicate_of",
    "language",
    "skipped",
    "entities",
    "quotes",
    "keyphrases",
    "dates",
];

fn is_parquet(path: &Path) -> Result<bool> {
    use std::io::Read;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
    {
        return Ok(true);
    }
    let mut head = [0u8; 4];
    let mut f = std::fs::File::open(path)
        .with_context(|| format!("cannot open records {}", path.display()))?;
    let n = f
        .read(&mut head)
        .with_context(|| format!("cannot read records {}", path.display()))?;
    Ok(n == 4 && &head == b"PAR1")
}

/// Read every record of `path` (JSON Lines, possibly compressed, or
/// Parquet) in order and hand each to `each`. An unreadable line is handed
/// on as [`Item::Unreadable`]; an unreadable file is an error.
pub(crate) fn for_each(path: &Path, mut each: impl FnMut(Item)) -> Result<()> {
    if is_parquet(path)? {
        let reader = newsmill_io::ParquetRecords::open(path, Some(COLUMNS))
            .with_context(|| format!("cannot read Parquet records {}", path.display()))?;
        for (row, value) in reader.enumerate() {
            let value =
                value.with_context(|| format!("cannot read Parquet records {}", path.display()))?;
            each(match serde_json::from_value::<RecordIn>(value) {
                Ok(r) => Item::Record(Box::new(r)),
                Err(e) => Item::Unreadable(Unreadable {
                    at: format!("{}:row {}", path.display(), row + 1),
                    message: e.to_string(),
                }),
            });
        }
        return Ok(());
    }
    let (mut reader, _) = newsmill_io::open_decompressed(path)
        .with_context(|| format!("cannot open records {}", path.display()))?;
    let mut line = Vec::new();
    let mut n = 0u64;
    loop {
        line.clear();
        let got = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read records {} after line {n}", path.display()))?;
        if got == 0 {
            break;
        }
        n += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(match serde_json::from_slice::<RecordIn>(&line) {
            Ok(r) => Item::Record(Box::new(r)),
            Err(e) => Item::Unreadable(Unreadable {
                at: format!("{}:{n}", path.display()),
                message: e.to_string(),
            }),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemas_read() {
        let v1 = r#"{"schema_version":1,"id":"a","status":"ok","language":[{"label":"en","confidence":1.0}],
            "entities":[{"start":0,"end":3,"text":"BBC","label":"ORG","entity":0.0,"salience":1.0,"name":"BBC"}]}"#;
        let v2 = r#"{"schema_version":2,"id":"a","status":"ok","language":{"code":"de","confidence":0.9,"reliable":true},
            "entities":[{"start":0,"end":3,"text":"BBC","label":"ORG","entity":0,"salience":1,"name":"BBC"}],
            "skipped":{"quotes":"language de not read"},"errors":null}"#;
        let a: RecordIn = serde_json::from_str(v1).unwrap();
        let b: RecordIn = serde_json::from_str(v2).unwrap();
        assert_eq!(a.language_code(), Some("en"));
        assert_eq!(b.language_code(), Some("de"));
        assert_eq!(a.entities[0].salience, Some(1.0));
        assert_eq!(b.entities[0].salience, Some(1.0));
        assert_eq!(b.skipped.unwrap().len(), 1);
        let odd: RecordIn =
            serde_json::from_str(r#"{"id":5,"title":["x"],"entities":null}"#).unwrap();
        assert_eq!(odd.id, None);
        assert!(odd.entities.is_empty());
    }
}

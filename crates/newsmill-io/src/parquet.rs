//! Parquet output: one row per record, nested fields as Arrow structs and
//! lists, written in row groups as the records arrive.
//!
//! The fixed part of the schema mirrors [`Record`] (`language` a struct,
//! `skipped` a map from extractor name to reason). Each extractor becomes
//! one `list<struct>` column named after it, whose struct has `start`,
//! `end`, `text`, `label`, `score` and one field per attribute key (an
//! attribute named like one of the first four gets an `attr_` prefix; a
//! number attribute named `score` is the `score` column, as it is the
//! `score` field in JSON). An extractor that, in the first batch, gives at
//! most one annotation per article, each about the whole document
//! (`stats`), is a struct column instead of a list, without `start`, `end`
//! and `text`, as in JSON. Integer attributes are `int64` columns. The
//! attribute keys and their types are not known in advance (they depend on
//! the extractor), so they are inferred from the first batch of records
//! (the union of the keys seen). A later record whose extractor, key or
//! value type does not fit that schema loses nothing: the parts that do not
//! fit go, as JSON, into the row's `extra_json` column, and the writer
//! reports a warning once per extractor and key.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float32Array, Float64Array, Int64Array, ListArray, MapArray,
    RecordBatch, StringArray, StructArray, UInt32Array, UInt64Array,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use newsmill_core::{AnnotationOut, AttrOut, Notice, RESERVED_NAMES, Record, Status};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as PqCompression, ZstdLevel};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;

/// Parquet writer settings.
///
/// ```
/// let o = newsmill_io::ParquetOptions::default();
/// assert_eq!(o.batch_rows, 1024);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParquetOptions {
    /// Records converted to Arrow at a time; the first batch also fixes the
    /// extractor columns' attribute fields.
    pub batch_rows: usize,
    /// Most rows in one row group.
    pub row_group_rows: usize,
    /// A row group is closed once its encoded size passes this many bytes
    /// (this bounds the writer's memory).
    pub row_group_bytes: usize,
    /// zstd level of the column chunks.
    pub zstd_level: i32,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions {
            batch_rows: 1024,
            row_group_rows: 16 * 1024,
            row_group_bytes: 64 << 20,
            zstd_level: 3,
        }
    }
}

/// A failure while writing Parquet.
#[derive(Debug, thiserror::Error)]
pub enum ParquetWriteError {
    /// Building the Arrow arrays failed (a bug in the schema mapping).
    #[error("arrow: {0}")]
    Arrow(#[from] ArrowError),
    /// The Parquet encoder or the output failed.
    #[error("parquet: {0}")]
    Parquet(#[from] ParquetError),
}

/// The type of an attribute column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AttrType {
    Bool,
    Int,
    Num,
    Str,
    Span,
    Ref,
}

impl AttrType {
    fn of(v: &AttrOut) -> AttrType {
        match v {
            AttrOut::Bool(_) => AttrType::Bool,
            AttrOut::Int(_) => AttrType::Int,
            AttrOut::Num(_) => AttrType::Num,
            AttrOut::Str(_) => AttrType::Str,
            AttrOut::Span { .. } => AttrType::Span,
            AttrOut::Ref { .. } => AttrType::Ref,
        }
    }

    fn data_type(self) -> DataType {
        match self {
            AttrType::Bool => DataType::Boolean,
            AttrType::Int => DataType::Int64,
            AttrType::Num => DataType::Float64,
            AttrType::Str => DataType::Utf8,
            AttrType::Span => DataType::Struct(span_text_fields()),
            AttrType::Ref => DataType::Struct(ref_fields()),
        }
    }

    /// Whether a value goes into a column of this type (an integer fits a
    /// number column).
    fn fits(self, v: &AttrOut) -> bool {
        let t = AttrType::of(v);
        t == self || (self == AttrType::Num && t == AttrType::Int)
    }

    /// The type of a column that held `self` and then sees `t`, if any:
    /// integers and numbers together make a number column.
    fn join(self, t: AttrType) -> Option<AttrType> {
        match (self, t) {
            (a, b) if a == b => Some(a),
            (AttrType::Int, AttrType::Num) | (AttrType::Num, AttrType::Int) => Some(AttrType::Num),
            _ => None,
        }
    }
}

/// A number attribute with this key is the annotation's score (JSON shows
/// it as the `score` field).
const SCORE: &str = "score";

/// The attribute value that is the `score` column.
fn score_of(a: &AnnotationOut) -> Option<f64> {
    match a.attrs.get(SCORE) {
        Some(AttrOut::Num(n)) => Some(*n),
        Some(AttrOut::Int(n)) => Some(*n as f64),
        _ => a.score.map(f64::from),
    }
}

/// Whether attribute `key` with value `v` is the annotation's score.
fn is_score(key: &str, v: &AttrOut) -> bool {
    key == SCORE && matches!(v, AttrOut::Num(_) | AttrOut::Int(_))
}

/// Fields of an annotation struct that attributes may not shadow.
const ANNOTATION_FIELDS: [&str; 5] = ["start", "end", "text", "label", "score"];

/// The column that keeps whatever did not fit the schema.
pub const EXTRA_JSON: &str = "extra_json";

fn f(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, true)
}

fn req(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, false)
}

fn list_of(fields: Fields) -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Struct(fields), true)))
}

fn span_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
    ])
}

fn span_text_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
        f("text", DataType::Utf8),
    ])
}

fn ref_fields() -> Fields {
    Fields::from(vec![
        f("layer", DataType::Utf8),
        f("index", DataType::UInt32),
    ])
}

fn notice_fields() -> Fields {
    Fields::from(vec![
        f("code", DataType::Utf8),
        f("message", DataType::Utf8),
        f("stage", DataType::Utf8),
    ])
}

fn paragraph_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
        f("kind", DataType::Utf8),
        f("repeat_of", DataType::UInt32),
    ])
}

fn token_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
        f("kind", DataType::Utf8),
    ])
}

fn near_duplicate_fields() -> Fields {
    Fields::from(vec![
        f("id", DataType::Utf8),
        f("similarity", DataType::Float32),
    ])
}

fn signature_fields() -> Fields {
    Fields::from(vec![
        f("bands", DataType::List(Arc::new(f("item", DataType::Utf8)))),
        f("minhash", DataType::Utf8),
    ])
}

fn language_fields() -> Fields {
    Fields::from(vec![
        f("code", DataType::Utf8),
        f("confidence", DataType::Float64),
        f("reliable", DataType::Boolean),
        f("source", DataType::Utf8),
    ])
}

fn skipped_entries() -> Arc<Field> {
    Arc::new(req(
        "entries",
        DataType::Struct(Fields::from(vec![
            req("key", DataType::Utf8),
            f("value", DataType::Utf8),
        ])),
    ))
}

fn counts_fields() -> Fields {
    Fields::from(vec![
        f("bytes", DataType::UInt64),
        f("chars", DataType::UInt64),
        f("paragraphs", DataType::UInt32),
        f("boilerplate", DataType::UInt32),
        f("repeats", DataType::UInt32),
        f("sentences", DataType::UInt32),
        f("tokens", DataType::UInt32),
    ])
}

/// One extractor column: its attribute keys and their types.
#[derive(Clone, Debug)]
struct ExtractorColumn {
    name: String,
    /// At most one annotation per article, about the whole document: a
    /// struct column, not a list.
    document: bool,
    /// Attribute key, its field name in the struct, its type.
    attrs: Vec<(String, String, AttrType)>,
}

impl ExtractorColumn {
    fn item_fields(&self) -> Fields {
        let mut v = Vec::with_capacity(5 + self.attrs.len());
        if !self.document {
            v.extend([
                f("start", DataType::UInt32),
                f("end", DataType::UInt32),
                f("text", DataType::Utf8),
            ]);
        }
        v.extend([f("label", DataType::Utf8), f("score", DataType::Float64)]);
        v.extend(self.attrs.iter().map(|(_, c, t)| f(c, t.data_type())));
        Fields::from(v)
    }

    fn data_type(&self) -> DataType {
        if self.document {
            DataType::Struct(self.item_fields())
        } else {
            list_of(self.item_fields())
        }
    }

    /// Whether one row's list fits the column's shape.
    fn fits(&self, list: &[AnnotationOut]) -> bool {
        !self.document || (list.len() <= 1 && list.iter().all(|a| a.start.is_none()))
    }
}

/// The schema: fixed columns plus one column per extractor.
#[derive(Debug)]
struct Layout {
    extractors: Vec<ExtractorColumn>,
    schema: SchemaRef,
}

impl Layout {
    /// Infer the extractor columns from `records`: every extractor seen,
    /// the union of its attribute keys; a key seen with two value types is
    /// left out (its values go to `extra_json`).
    fn infer(records: &[Record]) -> Layout {
        let mut seen: BTreeMap<&str, BTreeMap<&str, Option<AttrType>>> = BTreeMap::new();
        // Per extractor: (any annotation seen, all document-level and at
        // most one per article).
        let mut shape: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        for r in records {
            for (name, list) in &r.extractions {
                if RESERVED_NAMES.contains(&name.as_str()) || name == EXTRA_JSON {
                    continue;
                }
                let sh = shape.entry(name).or_insert((false, true));
                sh.0 |= !list.is_empty();
                sh.1 &= list.len() <= 1 && list.iter().all(|a| a.start.is_none());
                let keys = seen.entry(name).or_default();
                for a in list {
                    for (k, v) in &a.attrs {
                        if is_score(k, v) {
                            continue;
                        }
                        let t = AttrType::of(v);
                        keys.entry(k)
                            .and_modify(|old| *old = old.and_then(|o| o.join(t)))
                            .or_insert(Some(t));
                    }
                }
            }
        }
        let extractors = seen
            .into_iter()
            .map(|(name, keys)| ExtractorColumn {
                name: name.to_string(),
                document: shape.get(name).is_some_and(|&(any, doc)| any && doc),
                attrs: {
                    let mut taken: BTreeSet<String> =
                        ANNOTATION_FIELDS.iter().map(|s| s.to_string()).collect();
                    taken.extend(keys.keys().map(|k| k.to_string()));
                    keys.iter()
                        .filter_map(|(k, t)| {
                            let t = (*t)?;
                            if !ANNOTATION_FIELDS.contains(k) {
                                return Some((k.to_string(), k.to_string(), t));
                            }
                            // An attribute named like a fixed field (`score`)
                            // becomes `attr_score`.
                            let c = format!("attr_{k}");
                            taken.insert(c.clone()).then(|| (k.to_string(), c, t))
                        })
                        .collect()
                },
            })
            .collect::<Vec<_>>();
        let mut fields = vec![
            req("schema_version", DataType::UInt32),
            req("id", DataType::Utf8),
            req("source", DataType::Utf8),
            req("status", DataType::Utf8),
            f("title", DataType::Utf8),
            f("subtitle", DataType::Utf8),
            f("dateline", DataType::Struct(span_text_fields())),
            f("published", DataType::Utf8),
            f("published_raw", DataType::Utf8),
            f("url", DataType::Utf8),
            f(
                "authors",
                DataType::List(Arc::new(f("item", DataType::Utf8))),
            ),
            f("site_name", DataType::Utf8),
            f("page_language", DataType::Utf8),
            f("canonical_url", DataType::Utf8),
            f("description", DataType::Utf8),
            f("language", DataType::Struct(language_fields())),
            f("skipped", DataType::Map(skipped_entries(), false)),
            f("fetched", DataType::Utf8),
            f("text", DataType::Utf8),
            f("counts", DataType::Struct(counts_fields())),
            f("paragraphs", list_of(paragraph_fields())),
            f("sentences", list_of(span_fields())),
            f("tokens", list_of(token_fields())),
            f("warnings", list_of(notice_fields())),
            f("errors", list_of(notice_fields())),
            f(
                "near_duplicate_of",
                DataType::Struct(near_duplicate_fields()),
            ),
            f("dedup_signature", DataType::Struct(signature_fields())),
        ];
        for e in &extractors {
            fields.push(f(&e.name, e.data_type()));
        }
        fields.push(f(EXTRA_JSON, DataType::Utf8));
        Layout {
            extractors,
            schema: Arc::new(Schema::new(fields)),
        }
    }
}

/// Build a `list<struct>` column: `lens[i]` items for row `i` (`None`: a
/// null list), `children` the struct's columns over all items.
fn list_column(
    fields: Fields,
    lens: &[Option<usize>],
    children: Vec<ArrayRef>,
) -> Result<ArrayRef, ArrowError> {
    let offsets = OffsetBuffer::<i32>::from_lengths(lens.iter().map(|l| l.unwrap_or(0)));
    let nulls = lens
        .iter()
        .any(Option::is_none)
        .then(|| NullBuffer::from_iter(lens.iter().map(Option::is_some)));
    let values = StructArray::try_new(fields.clone(), children, None)?;
    let item = Arc::new(Field::new("item", DataType::Struct(fields), true));
    Ok(Arc::new(ListArray::try_new(
        item,
        offsets,
        Arc::new(values),
        nulls,
    )?))
}

fn strings<'a>(it: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(StringArray::from_iter(it))
}

fn u32s(it: impl Iterator<Item = Option<u32>>) -> ArrayRef {
    Arc::new(UInt32Array::from_iter(it))
}

fn notices<'a>(rows: impl Iterator<Item = &'a [Notice]> + Clone) -> Result<ArrayRef, ArrowError> {
    let lens: Vec<Option<usize>> = rows.clone().map(|n| Some(n.len())).collect();
    let all = || rows.clone().flatten();
    list_column(
        notice_fields(),
        &lens,
        vec![
            strings(all().map(|n| Some(n.code.as_str()))),
            strings(all().map(|n| Some(n.message.as_str()))),
            strings(all().map(|n| n.stage.as_deref())),
        ],
    )
}

/// A struct column of spans with text (nullable struct).
fn span_text_struct<'a>(
    items: impl Iterator<Item = Option<(u32, u32, &'a str)>> + Clone,
) -> Result<ArrayRef, ArrowError> {
    let valid: Vec<bool> = items.clone().map(|s| s.is_some()).collect();
    let nulls = valid.iter().any(|v| !v).then(|| NullBuffer::from(valid));
    Ok(Arc::new(StructArray::try_new(
        span_text_fields(),
        vec![
            u32s(items.clone().map(|s| s.map(|s| s.0))),
            u32s(items.clone().map(|s| s.map(|s| s.1))),
            strings(items.map(|s| s.map(|s| s.2))),
        ],
        nulls,
    )?))
}

/// The value of one attribute column over all annotations of a batch.
fn attr_column(t: AttrType, values: &[Option<&AttrOut>]) -> Result<ArrayRef, ArrowError> {
    Ok(match t {
        AttrType::Bool => Arc::new(BooleanArray::from_iter(values.iter().map(|v| match v {
            Some(AttrOut::Bool(b)) => Some(*b),
            _ => None,
        }))),
        AttrType::Int => Arc::new(Int64Array::from_iter(values.iter().map(|v| match v {
            Some(AttrOut::Int(n)) => Some(*n),
            _ => None,
        }))),
        AttrType::Num => Arc::new(Float64Array::from_iter(values.iter().map(|v| match v {
            Some(AttrOut::Num(n)) => Some(*n),
            Some(AttrOut::Int(n)) => Some(*n as f64),
            _ => None,
        }))),
        AttrType::Str => strings(values.iter().map(|v| match v {
            Some(AttrOut::Str(s)) => Some(s.as_str()),
            _ => None,
        })),
        AttrType::Span => span_text_struct(values.iter().map(|v| match v {
            Some(AttrOut::Span { start, end, text }) => Some((*start, *end, text.as_str())),
            _ => None,
        }))?,
        AttrType::Ref => {
            let refs = || {
                values.iter().map(|v| match v {
                    Some(AttrOut::Ref { layer, index }) => Some((layer.as_str(), *index)),
                    _ => None,
                })
            };
            let valid: Vec<bool> = refs().map(|r| r.is_some()).collect();
            let nulls = valid.iter().any(|v| !v).then(|| NullBuffer::from(valid));
            Arc::new(StructArray::try_new(
                ref_fields(),
                vec![
                    strings(refs().map(|r| r.map(|r| r.0))),
                    u32s(refs().map(|r| r.map(|r| r.1))),
                ],
                nulls,
            )?)
        }
    })
}

/// What did not fit the schema in one row, to be kept as JSON.
#[derive(Default)]
struct Extra {
    map: serde_json::Map<String, serde_json::Value>,
}

impl Extra {
    fn whole(&mut self, name: &str, list: &[AnnotationOut]) {
        if let Ok(v) = serde_json::to_value(list) {
            self.map.insert(name.to_string(), v);
        }
    }

    fn attr(&mut self, name: &str, index: usize, key: &str, value: &AttrOut) {
        let list = self
            .map
            .entry(name.to_string())
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        let Some(list) = list.as_array_mut() else {
            return;
        };
        let found = list
            .iter()
            .position(|o| o.get("index").and_then(serde_json::Value::as_u64) == Some(index as u64));
        let slot = match found {
            Some(i) => &mut list[i],
            None => {
                list.push(serde_json::json!({ "index": index }));
                let last = list.len() - 1;
                &mut list[last]
            }
        };
        if let (Some(obj), Ok(v)) = (slot.as_object_mut(), serde_json::to_value(value)) {
            obj.insert(key.to_string(), v);
        }
    }
}

/// Records to Parquet, written in row groups as they come.
///
/// ```
/// use newsmill_core::{Article, AnalyzeOptions, Doc, Notice, Record, RecordOptions};
/// use newsmill_io::{ParquetOptions, ParquetWriter};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nBody text."), &AnalyzeOptions::default());
/// let mut w = ParquetWriter::new(Vec::new(), "memory", ParquetOptions::default());
/// w.write(Record::from_doc(doc, &RecordOptions::default())).unwrap();
/// w.write(Record::error("b", "b", Notice::new("empty", "empty file"))).unwrap();
/// let (bytes, warnings) = w.finish().unwrap();
/// assert!(bytes.starts_with(b"PAR1") && warnings.is_empty());
/// ```
pub struct ParquetWriter<W: Write + Send> {
    name: String,
    opts: ParquetOptions,
    pending: Vec<Record>,
    inner: Option<W>,
    writer: Option<(ArrowWriter<W>, Layout)>,
    warned: BTreeSet<(String, String)>,
    warnings: Vec<String>,
}

impl<W: Write + Send> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("name", &self.name)
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> ParquetWriter<W> {
    /// Write to `inner`; `name` appears in error messages.
    pub fn new(inner: W, name: impl Into<String>, opts: ParquetOptions) -> Self {
        ParquetWriter {
            name: name.into(),
            pending: Vec::with_capacity(opts.batch_rows.max(1)),
            opts,
            inner: Some(inner),
            writer: None,
            warned: BTreeSet::new(),
            warnings: Vec::new(),
        }
    }

    /// Add one record; a batch is converted and handed to the Parquet
    /// encoder every [`ParquetOptions::batch_rows`] records.
    pub fn write(&mut self, record: Record) -> Result<(), ParquetWriteError> {
        self.pending.push(record);
        if self.pending.len() >= self.opts.batch_rows.max(1) {
            self.flush_batch()?;
        }
        Ok(())
    }

    /// Warnings so far (one per extractor and attribute key that did not
    /// fit the schema).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Write what is buffered, the footer, and hand back the output and the
    /// warnings.
    pub fn finish(mut self) -> Result<(W, Vec<String>), ParquetWriteError> {
        self.flush_batch()?;
        if self.writer.is_none() {
            // No record at all: still a valid, empty file with the fixed columns.
            self.start(&[])?;
        }
        let (writer, _) = self
            .writer
            .take()
            .ok_or_else(|| ParquetError::General("writer not started".into()))?;
        let out = writer.into_inner()?;
        Ok((out, self.warnings))
    }

    fn start(&mut self, sample: &[Record]) -> Result<(), ParquetWriteError> {
        let layout = Layout::infer(sample);
        let props = WriterProperties::builder()
            .set_compression(PqCompression::ZSTD(ZstdLevel::try_new(
                self.opts.zstd_level,
            )?))
            .set_max_row_group_row_count(Some(self.opts.row_group_rows.max(1)))
            .set_max_row_group_bytes(Some(self.opts.row_group_bytes.max(1)))
            .set_created_by(format!("newsmill {}", env!("CARGO_PKG_VERSION")))
            .build();
        let inner = self
            .inner
            .take()
            .ok_or_else(|| ParquetError::General("output already used".into()))?;
        let writer = ArrowWriter::try_new(inner, layout.schema.clone(), Some(props))?;
        self.writer = Some((writer, layout));
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ParquetWriteError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let records = std::mem::take(&mut self.pending);
        if self.writer.is_none() {
            self.start(&records)?;
        }
        let Some((writer, layout)) = self.writer.as_mut() else {
            return Err(ParquetError::General("writer not started".into()).into());
        };
        let (batch, lost) = to_batch(layout, &records)?;
        writer.write(&batch)?;
        for (extractor, key) in lost {
            if self.warned.insert((extractor.clone(), key.clone())) {
                let what = if key.is_empty() {
                    format!(
                        "extractor {extractor:?} was not in the first {} records",
                        self.opts.batch_rows
                    )
                } else {
                    format!(
                        "attribute {key:?} of extractor {extractor:?} is new or has another type than in the first {} records",
                        self.opts.batch_rows
                    )
                };
                self.warnings.push(format!(
                    "{}: {what}; its values are kept as JSON in the {EXTRA_JSON} column",
                    self.name
                ));
            }
        }
        self.pending = records;
        self.pending.clear();
        Ok(())
    }
}

/// Convert a batch of records; also gives the (extractor, key) pairs that
/// went to `extra_json` (key empty: the whole extractor).
fn to_batch(
    layout: &Layout,
    records: &[Record],
) -> Result<(RecordBatch, BTreeSet<(String, String)>), ArrowError> {
    let rows = || records.iter();
    let mut cols: Vec<ArrayRef> = Vec::with_capacity(layout.schema.fields().len());
    cols.push(u32s(rows().map(|r| Some(r.schema_version))));
    cols.push(strings(rows().map(|r| Some(r.id.as_str()))));
    cols.push(strings(rows().map(|r| Some(r.source.as_str()))));
    cols.push(strings(rows().map(|r| {
        Some(match r.status {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Error => "error",
        })
    })));
    cols.push(strings(rows().map(|r| r.title.as_deref())));
    cols.push(strings(rows().map(|r| r.subtitle.as_deref())));
    cols.push(span_text_struct(rows().map(|r| {
        r.dateline
            .as_ref()
            .map(|d| (d.start, d.end, d.text.as_str()))
    }))?);
    cols.push(strings(rows().map(|r| r.published.as_deref())));
    cols.push(strings(rows().map(|r| r.published_raw.as_deref())));
    cols.push(strings(rows().map(|r| r.url.as_deref())));
    cols.push(Arc::new(ListArray::try_new(
        Arc::new(f("item", DataType::Utf8)),
        OffsetBuffer::<i32>::from_lengths(rows().map(|r| r.authors.len())),
        strings(rows().flat_map(|r| r.authors.iter().map(|a| Some(a.as_str())))),
        None,
    )?));
    cols.push(strings(rows().map(|r| r.site_name.as_deref())));
    cols.push(strings(rows().map(|r| r.page_language.as_deref())));
    cols.push(strings(rows().map(|r| r.canonical_url.as_deref())));
    cols.push(strings(rows().map(|r| r.description.as_deref())));
    let valid: Vec<bool> = rows().map(|r| r.language.is_some()).collect();
    cols.push(Arc::new(StructArray::try_new(
        language_fields(),
        vec![
            strings(rows().map(|r| r.language.as_ref().map(|l| l.code.as_str()))),
            Arc::new(Float64Array::from_iter(
                rows().map(|r| r.language.as_ref().map(|l| l.confidence)),
            )),
            Arc::new(BooleanArray::from_iter(
                rows().map(|r| r.language.as_ref().map(|l| l.reliable)),
            )),
            strings(rows().map(|r| r.language.as_ref().map(|l| l.source.as_str()))),
        ],
        valid.iter().any(|v| !v).then(|| NullBuffer::from(valid)),
    )?));
    let skipped = || rows().flat_map(|r| r.skipped.iter());
    let entries = StructArray::try_new(
        Fields::from(vec![req("key", DataType::Utf8), f("value", DataType::Utf8)]),
        vec![
            strings(skipped().map(|(k, _)| Some(k.as_str()))),
            strings(skipped().map(|(_, v)| Some(v.as_str()))),
        ],
        None,
    )?;
    cols.push(Arc::new(MapArray::try_new(
        skipped_entries(),
        OffsetBuffer::<i32>::from_lengths(rows().map(|r| r.skipped.len())),
        entries,
        None,
        false,
    )?));
    cols.push(strings(rows().map(|r| r.fetched.as_deref())));
    cols.push(strings(rows().map(|r| r.text.as_deref())));
    cols.push(Arc::new(StructArray::try_new(
        counts_fields(),
        vec![
            Arc::new(UInt64Array::from_iter_values(
                rows().map(|r| r.counts.bytes),
            )),
            Arc::new(UInt64Array::from_iter_values(
                rows().map(|r| r.counts.chars),
            )),
            u32s(rows().map(|r| Some(r.counts.paragraphs))),
            u32s(rows().map(|r| Some(r.counts.boilerplate))),
            u32s(rows().map(|r| Some(r.counts.repeats))),
            u32s(rows().map(|r| Some(r.counts.sentences))),
            u32s(rows().map(|r| Some(r.counts.tokens))),
        ],
        None,
    )?));
    // paragraphs
    let lens: Vec<Option<usize>> = rows().map(|r| Some(r.paragraphs.len())).collect();
    let ps = || rows().flat_map(|r| r.paragraphs.iter());
    cols.push(list_column(
        paragraph_fields(),
        &lens,
        vec![
            u32s(ps().map(|p| Some(p.start))),
            u32s(ps().map(|p| Some(p.end))),
            strings(ps().map(|p| Some(p.kind.as_str()))),
            u32s(ps().map(|p| p.repeat_of)),
        ],
    )?);
    // sentences
    let lens: Vec<Option<usize>> = rows().map(|r| r.sentences.as_ref().map(Vec::len)).collect();
    let ss = || rows().flat_map(|r| r.sentences.iter().flatten());
    cols.push(list_column(
        span_fields(),
        &lens,
        vec![
            u32s(ss().map(|s| Some(s.start))),
            u32s(ss().map(|s| Some(s.end))),
        ],
    )?);
    // tokens
    let lens: Vec<Option<usize>> = rows().map(|r| r.tokens.as_ref().map(Vec::len)).collect();
    let ts = || rows().flat_map(|r| r.tokens.iter().flatten());
    cols.push(list_column(
        token_fields(),
        &lens,
        vec![
            u32s(ts().map(|t| Some(t.start))),
            u32s(ts().map(|t| Some(t.end))),
            strings(ts().map(|t| Some(t.kind.as_str()))),
        ],
    )?);
    cols.push(notices(rows().map(|r| r.warnings.as_slice()))?);
    cols.push(notices(rows().map(|r| r.errors.as_slice()))?);
    let valid: Vec<bool> = rows().map(|r| r.near_duplicate_of.is_some()).collect();
    cols.push(Arc::new(StructArray::try_new(
        near_duplicate_fields(),
        vec![
            strings(rows().map(|r| r.near_duplicate_of.as_ref().map(|d| d.id.as_str()))),
            Arc::new(Float32Array::from_iter(
                rows().map(|r| r.near_duplicate_of.as_ref().map(|d| d.similarity)),
            )),
        ],
        valid.iter().any(|v| !v).then(|| NullBuffer::from(valid)),
    )?));
    let sigs: Vec<Option<&newsmill_core::DedupSignature>> =
        rows().map(|r| r.dedup_signature.as_ref()).collect();
    let valid: Vec<bool> = sigs.iter().map(Option::is_some).collect();
    let bands = ListArray::try_new(
        Arc::new(f("item", DataType::Utf8)),
        OffsetBuffer::<i32>::from_lengths(sigs.iter().map(|s| s.map_or(0, |s| s.bands.len()))),
        strings(
            sigs.iter()
                .flatten()
                .flat_map(|s| s.bands.iter().map(|b| Some(b.as_str()))),
        ),
        None,
    )?;
    cols.push(Arc::new(StructArray::try_new(
        signature_fields(),
        vec![
            Arc::new(bands),
            strings(sigs.iter().map(|s| s.map(|s| s.minhash.as_str()))),
        ],
        valid.iter().any(|v| !v).then(|| NullBuffer::from(valid)),
    )?));

    // Extractors, and what does not fit.
    let mut extra: Vec<Extra> = rows().map(|_| Extra::default()).collect();
    let mut lost = BTreeSet::new();
    for (r, x) in records.iter().zip(extra.iter_mut()) {
        for (name, list) in &r.extractions {
            if !layout.extractors.iter().any(|e| &e.name == name) {
                x.whole(name, list);
                lost.insert((name.clone(), String::new()));
            }
        }
    }
    for e in &layout.extractors {
        let mut lists: Vec<Option<&Vec<AnnotationOut>>> =
            rows().map(|r| r.extractions.get(&e.name)).collect();
        // A row that does not fit a document-level column keeps its list
        // in extra_json.
        for (list, x) in lists.iter_mut().zip(extra.iter_mut()) {
            if let Some(l) = list.filter(|l| !e.fits(l)) {
                x.whole(&e.name, l);
                lost.insert((e.name.clone(), String::new()));
                *list = None;
            }
        }
        let lens: Vec<Option<usize>> = lists.iter().map(|l| l.map(Vec::len)).collect();
        // The struct values: every annotation (a list column), or each
        // row's single annotation or none (a document-level column).
        let items: Vec<Option<&AnnotationOut>> = if e.document {
            lists.iter().map(|l| l.and_then(|l| l.first())).collect()
        } else {
            lists
                .iter()
                .flatten()
                .flat_map(|l| l.iter())
                .map(Some)
                .collect()
        };
        let anns = || items.iter().copied();
        let mut children: Vec<ArrayRef> = Vec::with_capacity(5 + e.attrs.len());
        if !e.document {
            children.extend([
                u32s(anns().map(|a| a.and_then(|a| a.start))),
                u32s(anns().map(|a| a.and_then(|a| a.end))),
                strings(anns().map(|a| a.and_then(|a| a.text.as_deref()))),
            ]);
        }
        children.push(strings(anns().map(|a| a.and_then(|a| a.label.as_deref()))));
        children.push(Arc::new(Float64Array::from_iter(
            anns().map(|a| a.and_then(score_of)),
        )));
        let mut values: Vec<Option<&AttrOut>> = Vec::new();
        for (key, _, t) in &e.attrs {
            values.clear();
            values.extend(anns().map(|a| a.and_then(|a| a.attrs.get(key).filter(|v| t.fits(v)))));
            children.push(attr_column(*t, &values)?);
        }
        // Attributes with no column (new key, other type, shadowing name).
        for (list, x) in lists.iter().zip(extra.iter_mut()) {
            let Some(list) = list else { continue };
            for (i, a) in list.iter().enumerate() {
                for (k, v) in &a.attrs {
                    let fits =
                        is_score(k, v) || e.attrs.iter().any(|(ek, _, et)| ek == k && et.fits(v));
                    if !fits {
                        x.attr(&e.name, i, k, v);
                        lost.insert((e.name.clone(), k.clone()));
                    }
                }
            }
        }
        if e.document {
            // One struct per row: the row's single annotation, or null.
            let valid: Vec<bool> = items.iter().map(Option::is_some).collect();
            cols.push(Arc::new(StructArray::try_new(
                e.item_fields(),
                children,
                valid.iter().any(|v| !v).then(|| NullBuffer::from(valid)),
            )?));
        } else {
            cols.push(list_column(e.item_fields(), &lens, children)?);
        }
    }
    let extra_json: Vec<Option<String>> = extra
        .into_iter()
        .map(|x| {
            (!x.map.is_empty())
                .then(|| serde_json::to_string(&x.map).ok())
                .flatten()
        })
        .collect();
    cols.push(strings(extra_json.iter().map(|s| s.as_deref())));
    let batch = RecordBatch::try_new(layout.schema.clone(), cols)?;
    Ok((batch, lost))
}

impl ParquetWriter<Box<dyn Write + Send>> {
    /// Write to `path`, or to stdout when `path` is `None` or `-`.
    pub fn create(
        path: Option<&std::path::Path>,
        opts: ParquetOptions,
    ) -> Result<Self, crate::OutputError> {
        let (out, name): (Box<dyn Write + Send>, String) = match path {
            Some(p) if p.as_os_str() != "-" => {
                let file =
                    std::fs::File::create(p).map_err(|source| crate::OutputError::Create {
                        path: p.display().to_string(),
                        source,
                    })?;
                (
                    Box::new(std::io::BufWriter::with_capacity(1 << 17, file)),
                    p.display().to_string(),
                )
            }
            _ => (
                Box::new(std::io::BufWriter::new(std::io::stdout())),
                "stdout".into(),
            ),
        };
        Ok(ParquetWriter::new(out, name, opts))
    }

    /// [`ParquetWriter::write`] with the error naming the output.
    pub fn write_record(&mut self, record: Record) -> Result<(), crate::OutputError> {
        let path = self.name.clone();
        self.write(record)
            .map_err(|source| crate::OutputError::Parquet { path, source })
    }

    /// Finish the file and flush it; gives the schema warnings.
    pub fn close(self) -> Result<Vec<String>, crate::OutputError> {
        let path = self.name.clone();
        let (mut out, warnings) = self
            .finish()
            .map_err(|source| crate::OutputError::Parquet {
                path: path.clone(),
                source,
            })?;
        out.flush()
            .map_err(|source| crate::OutputError::Write { path, source })?;
        Ok(warnings)
    }
}

/// Records to Arrow record batches with the Parquet writer's schema (the
/// same columns, inferred from the first batch the same way), for callers
/// that want Arrow in memory rather than a file: the Python package's
/// `pipe_arrow`.
///
/// ```
/// use newsmill_core::{Article, AnalyzeOptions, Doc, Notice, Record, RecordOptions};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nBody text."), &AnalyzeOptions::default());
/// let mut b = newsmill_io::ArrowBatches::default();
/// let batch = b.convert(&[
///     Record::from_doc(doc, &RecordOptions::default()),
///     Record::error("b", "b", Notice::new("empty", "empty file")),
/// ]).unwrap();
/// assert_eq!(batch.num_rows(), 2);
/// assert!(batch.schema().field_with_name("id").is_ok());
/// ```
#[derive(Default)]
pub struct ArrowBatches {
    layout: Option<Layout>,
    warned: BTreeSet<(String, String)>,
    warnings: Vec<String>,
}

impl std::fmt::Debug for ArrowBatches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArrowBatches")
            .field("schema", &self.layout.as_ref().map(|l| &l.schema))
            .finish_non_exhaustive()
    }
}

impl ArrowBatches {
    /// Convert records; the first call fixes the schema. Parts of later
    /// records that do not fit it go, as JSON, to the `extra_json` column.
    pub fn convert(&mut self, records: &[Record]) -> Result<RecordBatch, ArrowError> {
        let layout = self.layout.get_or_insert_with(|| Layout::infer(records));
        let (batch, lost) = to_batch(layout, records)?;
        for (extractor, key) in lost {
            if self.warned.insert((extractor.clone(), key.clone())) {
                self.warnings.push(if key.is_empty() {
                    format!(
                        "extractor {extractor:?} was not in the first batch; its values are kept as JSON in the {EXTRA_JSON} column"
                    )
                } else {
                    format!(
                        "attribute {key:?} of extractor {extractor:?} is new or has another type than in the first batch; its values are kept as JSON in the {EXTRA_JSON} column"
                    )
                });
            }
        }
        Ok(batch)
    }

    /// The schema, once the first batch has fixed it.
    pub fn schema(&self) -> Option<SchemaRef> {
        self.layout.as_ref().map(|l| l.schema.clone())
    }

    /// Warnings so far, one per extractor and attribute that did not fit.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn ann(text: &str, attrs: &[(&str, AttrOut)]) -> AnnotationOut {
        AnnotationOut {
            start: Some(0),
            end: Some(text.chars().count() as u32),
            text: Some(text.into()),
            label: Some("X".into()),
            score: None,
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }

    fn record(id: &str, extractions: &[(&str, Vec<AnnotationOut>)]) -> Record {
        let mut r = Record::error(id, id, Notice::new("x", "x"));
        r.errors.clear();
        r.status = Status::Ok;
        r.text = Some("Some text.".into());
        r.extractions = extractions
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        r
    }

    /// Every field of the record has a column. This builds a record field
    /// by field (no `..`) so that a new `Record` field fails to compile
    /// here: give it a column in `Layout::infer` and `to_batch` (the JSON
    /// Lines output has it already).
    #[test]
    fn every_record_field_has_a_column() {
        let r = Record {
            schema_version: newsmill_core::SCHEMA_VERSION,
            id: "a".into(),
            source: "a".into(),
            status: Status::Ok,
            title: Some("T".into()),
            subtitle: Some("S".into()),
            dateline: Some(newsmill_core::DatelineOut {
                text: "Oslo".into(),
                start: 0,
                end: 4,
            }),
            published: Some("2024-01-02".into()),
            published_raw: Some("2 January 2024".into()),
            url: Some("https://example.org/a".into()),
            authors: vec!["Ana Ruiz".into()],
            site_name: Some("The Example".into()),
            page_language: Some("en".into()),
            canonical_url: Some("https://example.org/a".into()),
            description: Some("About a.".into()),
            language: Some(newsmill_core::Language {
                code: "en".into(),
                confidence: 0.9,
                reliable: true,
                source: newsmill_core::LanguageSource::Text,
            }),
            skipped: [("ner".to_string(), "language de not supported".to_string())].into(),
            fetched: Some("2024-01-01T00:00:00Z".into()),
            text: Some("Oslo - T.".into()),
            counts: Default::default(),
            paragraphs: vec![],
            sentences: Some(vec![]),
            tokens: Some(vec![]),
            warnings: vec![],
            errors: vec![],
            near_duplicate_of: Some(newsmill_core::NearDuplicate {
                id: "b".into(),
                similarity: 0.9,
            }),
            dedup_signature: Some(newsmill_core::DedupSignature {
                bands: vec!["x1".into(), "x2".into()],
                minhash: "ff".into(),
            }),
            extractions: Default::default(),
        };
        let json = serde_json::to_value(&r).unwrap();
        let mut w = ParquetWriter::new(Vec::new(), "t", ParquetOptions::default());
        w.write(r).unwrap();
        let b = read(w.finish().unwrap().0);
        for key in json.as_object().unwrap().keys() {
            assert!(
                RESERVED_NAMES.contains(&key.as_str()),
                "record field {key} is not in RESERVED_NAMES: an extractor could take its name"
            );
            assert!(
                b.column_by_name(key).is_some(),
                "no column for record field {key}"
            );
        }
        let sig = b.column_by_name("dedup_signature").unwrap().as_struct();
        let bands = sig
            .column_by_name("bands")
            .unwrap()
            .as_list::<i32>()
            .value(0);
        assert_eq!(bands.as_string::<i32>().value(1), "x2");
        let dup = b.column_by_name("near_duplicate_of").unwrap().as_struct();
        assert_eq!(
            dup.column_by_name("id")
                .unwrap()
                .as_string::<i32>()
                .value(0),
            "b"
        );
    }

    fn read(bytes: Vec<u8>) -> RecordBatch {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.parquet");
        std::fs::write(&p, bytes).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&p).unwrap())
            .unwrap()
            .with_batch_size(1 << 16)
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(batches.len(), 1);
        batches.into_iter().next().unwrap()
    }

    #[test]
    fn what_does_not_fit_the_first_batch_goes_to_extra_json_with_a_warning() {
        let opts = ParquetOptions {
            batch_rows: 2,
            ..ParquetOptions::default()
        };
        let mut w = ParquetWriter::new(Vec::new(), "t.parquet", opts);
        let money = |v: AttrOut| {
            ann(
                "$12",
                &[("currency", AttrOut::Str("USD".into())), ("amount", v)],
            )
        };
        w.write(record("1", &[("money", vec![money(AttrOut::Num(12.0))])]))
            .unwrap();
        w.write(record("2", &[("money", vec![])])).unwrap();
        // Later: amount as a string, a new key, a new extractor.
        let mut odd = money(AttrOut::Str("twelve".into()));
        odd.attrs.insert("approx".into(), AttrOut::Bool(true));
        w.write(record(
            "3",
            &[
                ("money", vec![money(AttrOut::Num(1.0)), odd]),
                (
                    "quotes",
                    vec![ann("\"Hi\"", &[("speaker", AttrOut::Str("Ana".into()))])],
                ),
            ],
        ))
        .unwrap();
        let (bytes, warnings) = w.finish().unwrap();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("\"approx\"") && w.contains("extra_json"))
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("extractor \"quotes\" was not in the first"))
        );

        let b = read(bytes);
        assert_eq!(b.num_rows(), 3);
        let money = b.column_by_name("money").unwrap().as_list::<i32>();
        let row3 = money.value(2);
        let row3 = row3.as_struct();
        let amount = row3
            .column_by_name("amount")
            .unwrap()
            .as_primitive::<arrow_array::types::Float64Type>();
        assert_eq!(amount.value(0), 1.0);
        assert!(amount.is_null(1)); // the string went to extra_json
        assert_eq!(
            row3.column_by_name("currency")
                .unwrap()
                .as_string::<i32>()
                .value(1),
            "USD"
        );
        let extra = b.column_by_name(EXTRA_JSON).unwrap().as_string::<i32>();
        assert!(extra.is_null(0) && extra.is_null(1));
        let v: serde_json::Value = serde_json::from_str(extra.value(2)).unwrap();
        assert_eq!(
            v["money"],
            serde_json::json!([{"index": 1, "amount": "twelve", "approx": true}])
        );
        assert_eq!(v["quotes"][0]["speaker"], "Ana");
        assert_eq!(v["quotes"][0]["text"], "\"Hi\"");
    }

    #[test]
    fn a_number_score_is_the_score_column_and_other_clashes_get_a_prefix() {
        let mut w = ParquetWriter::new(Vec::new(), "t", ParquetOptions::default());
        w.write(record(
            "1",
            &[(
                "kp",
                vec![ann(
                    "port",
                    &[
                        ("score", AttrOut::Num(4.5)),
                        ("text", AttrOut::Str("other".into())),
                        ("rank", AttrOut::Int(1)),
                    ],
                )],
            )],
        ))
        .unwrap();
        let (bytes, warnings) = w.finish().unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let b = read(bytes);
        let kp = b.column_by_name("kp").unwrap().as_list::<i32>().value(0);
        let s = kp.as_struct();
        let score = s
            .column_by_name("score")
            .unwrap()
            .as_primitive::<arrow_array::types::Float64Type>();
        assert_eq!(score.value(0), 4.5);
        assert!(s.column_by_name("attr_score").is_none());
        assert_eq!(
            s.column_by_name("attr_text")
                .unwrap()
                .as_string::<i32>()
                .value(0),
            "other"
        );
        let rank = s
            .column_by_name("rank")
            .unwrap()
            .as_primitive::<arrow_array::types::Int64Type>();
        assert_eq!(rank.value(0), 1);
    }

    #[test]
    fn a_document_level_extractor_is_a_struct_column() {
        let doc_ann = |words: i64| AnnotationOut {
            start: None,
            end: None,
            text: None,
            label: None,
            score: None,
            attrs: [("words".to_string(), AttrOut::Int(words))].into(),
        };
        let mut w = ParquetWriter::new(Vec::new(), "t", ParquetOptions::default());
        w.write(record("1", &[("stats", vec![doc_ann(12)])]))
            .unwrap();
        w.write(record("2", &[("stats", vec![])])).unwrap();
        let (bytes, warnings) = w.finish().unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let b = read(bytes);
        let stats = b.column_by_name("stats").unwrap().as_struct();
        assert!(stats.column_by_name("start").is_none());
        let words = stats
            .column_by_name("words")
            .unwrap()
            .as_primitive::<arrow_array::types::Int64Type>();
        assert_eq!(words.value(0), 12);
        assert!(stats.is_null(1));
    }

    /// Counts bytes that reach the output.
    struct Counting(std::sync::Arc<std::sync::atomic::AtomicUsize>, Vec<u8>);

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .fetch_add(buf.len(), std::sync::atomic::Ordering::Relaxed);
            self.1.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn row_groups_are_written_as_the_records_come() {
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let opts = ParquetOptions {
            batch_rows: 100,
            row_group_rows: 500,
            ..ParquetOptions::default()
        };
        let mut w = ParquetWriter::new(Counting(seen.clone(), Vec::new()), "t", opts);
        for i in 0..2000 {
            w.write(record(&i.to_string(), &[("kp", vec![ann("x", &[])])]))
                .unwrap();
            if i == 999 {
                // Two row groups are on their way to the output already.
                assert!(seen.load(std::sync::atomic::Ordering::Relaxed) > 1000);
            }
        }
        let (out, _) = w.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.parquet");
        std::fs::write(&p, &out.1).unwrap();
        let builder =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&p).unwrap()).unwrap();
        assert_eq!(builder.metadata().num_row_groups(), 4);
        assert_eq!(builder.metadata().file_metadata().num_rows(), 2000);
    }

    #[test]
    fn no_records_still_make_a_valid_file() {
        let w = ParquetWriter::new(Vec::new(), "t", ParquetOptions::default());
        let (bytes, _) = w.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.parquet");
        std::fs::write(&p, bytes).unwrap();
        let builder =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&p).unwrap()).unwrap();
        assert_eq!(builder.metadata().file_metadata().num_rows(), 0);
        assert!(builder.schema().field_with_name("extra_json").is_ok());
    }
}

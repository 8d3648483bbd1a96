//! The schema: the fixed columns, mirroring `Record`, and one column per extractor, inferred from the first batch (`Layout`).

use super::*;

/// The type of an attribute column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AttrType {
    Bool,
    Int,
    Num,
    Str,
    Span,
    Ref,
}

impl AttrType {
    /// Every type.
    pub(super) const ALL: [AttrType; 6] = [
        AttrType::Bool,
        AttrType::Int,
        AttrType::Num,
        AttrType::Str,
        AttrType::Span,
        AttrType::Ref,
    ];

    pub(super) fn of(v: &AttrOut) -> AttrType {
        match v {
            AttrOut::Bool(_) => AttrType::Bool,
            AttrOut::Int(_) => AttrType::Int,
            AttrOut::Num(_) => AttrType::Num,
            AttrOut::Str(_) => AttrType::Str,
            AttrOut::Span { .. } => AttrType::Span,
            AttrOut::Ref { .. } => AttrType::Ref,
        }
    }

    pub(super) fn data_type(self) -> DataType {
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
    pub(super) fn fits(self, v: &AttrOut) -> bool {
        let t = AttrType::of(v);
        t == self || (self == AttrType::Num && t == AttrType::Int)
    }

    /// The type of a column that held `self` and then sees `t`, if any:
    /// integers and numbers together make a number column.
    pub(super) fn join(self, t: AttrType) -> Option<AttrType> {
        match (self, t) {
            (a, b) if a == b => Some(a),
            (AttrType::Int, AttrType::Num) | (AttrType::Num, AttrType::Int) => Some(AttrType::Num),
            _ => None,
        }
    }
}

/// A number attribute with this key is the annotation's score (JSON shows
/// it as the `score` field).
pub(super) const SCORE: &str = "score";

/// The attribute value that is the `score` column.
pub(super) fn score_of(a: &AnnotationOut) -> Option<f64> {
    match a.attrs.get(SCORE) {
        Some(AttrOut::Num(n)) => Some(*n),
        Some(AttrOut::Int(n)) => Some(*n as f64),
        _ => a.score.map(f64::from),
    }
}

/// Whether attribute `key` with value `v` is the annotation's score.
pub(super) fn is_score(key: &str, v: &AttrOut) -> bool {
    key == SCORE && matches!(v, AttrOut::Num(_) | AttrOut::Int(_))
}

/// Fields of an annotation struct that attributes may not shadow.
pub(super) const ANNOTATION_FIELDS: [&str; 5] = ["start", "end", "text", "label", "score"];

/// The column that keeps whatever did not fit the schema.
pub const EXTRA_JSON: &str = "extra_json";

pub(super) fn f(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, true)
}

pub(super) fn req(name: &str, dt: DataType) -> Field {
    Field::new(name, dt, false)
}

pub(super) fn list_of(fields: Fields) -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Struct(fields), true)))
}

pub(super) fn span_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
    ])
}

pub(super) fn span_text_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
        f("text", DataType::Utf8),
    ])
}

pub(super) fn ref_fields() -> Fields {
    Fields::from(vec![
        f("layer", DataType::Utf8),
        f("index", DataType::UInt32),
    ])
}

pub(super) fn notice_fields() -> Fields {
    Fields::from(vec![
        f("code", DataType::Utf8),
        f("message", DataType::Utf8),
        f("stage", DataType::Utf8),
    ])
}

pub(super) fn paragraph_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
        f("kind", DataType::Utf8),
        f("repeat_of", DataType::UInt32),
    ])
}

pub(super) fn token_fields() -> Fields {
    Fields::from(vec![
        f("start", DataType::UInt32),
        f("end", DataType::UInt32),
        f("kind", DataType::Utf8),
    ])
}

pub(super) fn near_duplicate_fields() -> Fields {
    Fields::from(vec![
        f("id", DataType::Utf8),
        f("similarity", DataType::Float32),
    ])
}

pub(super) fn signature_fields() -> Fields {
    Fields::from(vec![
        f("bands", DataType::List(Arc::new(f("item", DataType::Utf8)))),
        f("minhash", DataType::Utf8),
    ])
}

pub(super) fn language_fields() -> Fields {
    Fields::from(vec![
        f("code", DataType::Utf8),
        f("confidence", DataType::Float64),
        f("reliable", DataType::Boolean),
        f("source", DataType::Utf8),
    ])
}

pub(super) fn skipped_entries() -> Arc<Field> {
    Arc::new(req(
        "entries",
        DataType::Struct(Fields::from(vec![
            req("key", DataType::Utf8),
            f("value", DataType::Utf8),
        ])),
    ))
}

pub(super) fn counts_fields() -> Fields {
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
pub(super) struct ExtractorColumn {
    pub(super) name: String,
    /// At most one annotation per article, about the whole document: a
    /// struct column, not a list.
    pub(super) document: bool,
    /// Attribute key, its field name in the struct, its type.
    pub(super) attrs: Vec<(String, String, AttrType)>,
}

impl ExtractorColumn {
    pub(super) fn item_fields(&self) -> Fields {
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

    pub(super) fn data_type(&self) -> DataType {
        if self.document {
            DataType::Struct(self.item_fields())
        } else {
            list_of(self.item_fields())
        }
    }

    /// Whether one row's list fits the column's shape.
    pub(super) fn fits(&self, list: &[AnnotationOut]) -> bool {
        !self.document || (list.len() <= 1 && list.iter().all(|a| a.start.is_none()))
    }
}

/// The schema: fixed columns plus one column per extractor.
#[derive(Debug)]
pub(super) struct Layout {
    pub(super) extractors: Vec<ExtractorColumn>,
    pub(super) schema: SchemaRef,
}

impl Layout {
    /// Infer the extractor columns from `records`: every extractor seen,
    /// the union of its attribute keys; a key seen with two value types is
    /// left out (its values go to `extra_json`).
    pub(super) fn infer(records: &[Record]) -> Layout {
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
        Layout::with_extractors(extractors)
    }

    /// The schema: the fixed columns, one per extractor, `extra_json`.
    fn with_extractors(extractors: Vec<ExtractorColumn>) -> Layout {
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

    /// The layout of a file this writer wrote, read back from its schema
    /// (to continue it); `None` when the schema is not one of ours.
    pub(super) fn from_schema(schema: &Schema) -> Option<Layout> {
        let fixed = Layout::with_extractors(Vec::new());
        let fixed = fixed.schema.fields();
        let n = fixed.len().checked_sub(1)?; // without extra_json
        let fields = schema.fields();
        if fields.len() <= n
            || fields.get(..n)? != fixed.get(..n)?
            || fields.last()?.name() != EXTRA_JSON
        {
            return None;
        }
        let mut extractors = Vec::new();
        for field in fields.get(n..fields.len() - 1)? {
            let (document, items) = match field.data_type() {
                DataType::List(item) => match item.data_type() {
                    DataType::Struct(items) => (false, items),
                    _ => return None,
                },
                DataType::Struct(items) => (true, items),
                _ => return None,
            };
            let fixed_items = if document { 2 } else { 5 };
            let attrs = items
                .iter()
                .skip(fixed_items)
                .map(|item| {
                    let column = item.name();
                    let key = column
                        .strip_prefix("attr_")
                        .filter(|k| ANNOTATION_FIELDS.contains(k))
                        .unwrap_or(column);
                    let t = AttrType::ALL
                        .into_iter()
                        .find(|t| t.data_type() == *item.data_type())?;
                    Some((key.to_string(), column.to_string(), t))
                })
                .collect::<Option<Vec<_>>>()?;
            extractors.push(ExtractorColumn {
                name: field.name().to_string(),
                document,
                attrs,
            });
        }
        let layout = Layout::with_extractors(extractors);
        (*layout.schema == *schema).then_some(layout)
    }
}

//! Records to Arrow columns: `to_batch` and the builders of the fixed columns, group by group.

use super::*;

/// Build a `list<struct>` column: `lens[i]` items for row `i` (`None`: a
/// null list), `children` the struct's columns over all items.
pub(super) fn list_column(
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

pub(super) fn strings<'a>(it: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(StringArray::from_iter(it))
}

pub(super) fn u32s(it: impl Iterator<Item = Option<u32>>) -> ArrayRef {
    Arc::new(UInt32Array::from_iter(it))
}

pub(super) fn notices<'a>(
    rows: impl Iterator<Item = &'a [Notice]> + Clone,
) -> Result<ArrayRef, ArrowError> {
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
pub(super) fn span_text_struct<'a>(
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
pub(super) fn attr_column(
    t: AttrType,
    values: &[Option<&AttrOut>],
) -> Result<ArrayRef, ArrowError> {
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

/// Convert a batch of records; also gives the (extractor, key) pairs that
/// went to `extra_json` (key empty: the whole extractor).
pub(super) fn to_batch(
    layout: &Layout,
    records: &[Record],
) -> Result<(RecordBatch, BTreeSet<(String, String)>), ArrowError> {
    let mut cols: Vec<ArrayRef> = Vec::with_capacity(layout.schema.fields().len());
    record_columns(records, &mut cols)?;
    // Extractors, and what does not fit.
    let mut extra: Vec<Extra> = records.iter().map(|_| Extra::default()).collect();
    let mut lost = BTreeSet::new();
    extractor_columns(layout, records, &mut extra, &mut lost, &mut cols)?;
    cols.push(extra_json_column(extra));
    let batch = RecordBatch::try_new(layout.schema.clone(), cols)?;
    Ok((batch, lost))
}

/// The fixed columns, mirroring [`Record`], in the schema's order.
fn record_columns(records: &[Record], cols: &mut Vec<ArrayRef>) -> Result<(), ArrowError> {
    let rows = || records.iter();
    header_columns(records, cols)?;
    cols.push(language_column(records)?);
    cols.push(skipped_column(records)?);
    cols.push(strings(rows().map(|r| r.fetched.as_deref())));
    cols.push(strings(rows().map(|r| r.text.as_deref())));
    cols.push(counts_column(records)?);
    layer_columns(records, cols)?;
    cols.push(notices(rows().map(|r| r.warnings.as_slice()))?);
    cols.push(notices(rows().map(|r| r.errors.as_slice()))?);
    cols.push(near_duplicate_column(records)?);
    cols.push(signature_column(records)?);
    Ok(())
}

/// The record's identity and metadata: `schema_version` to `description`.
fn header_columns(records: &[Record], cols: &mut Vec<ArrayRef>) -> Result<(), ArrowError> {
    let rows = || records.iter();
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
    Ok(())
}

/// `language`: a struct, null where the record has none.
fn language_column(records: &[Record]) -> Result<ArrayRef, ArrowError> {
    let rows = || records.iter();
    nullable_struct(
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
        rows().map(|r| r.language.is_some()).collect(),
    )
}

/// `skipped`: a map from extractor name to reason.
fn skipped_column(records: &[Record]) -> Result<ArrayRef, ArrowError> {
    let rows = || records.iter();
    let skipped = || rows().flat_map(|r| r.skipped.iter());
    let entries = StructArray::try_new(
        Fields::from(vec![req("key", DataType::Utf8), f("value", DataType::Utf8)]),
        vec![
            strings(skipped().map(|(k, _)| Some(k.as_str()))),
            strings(skipped().map(|(_, v)| Some(v.as_str()))),
        ],
        None,
    )?;
    Ok(Arc::new(MapArray::try_new(
        skipped_entries(),
        OffsetBuffer::<i32>::from_lengths(rows().map(|r| r.skipped.len())),
        entries,
        None,
        false,
    )?))
}

/// `counts`: a struct of sizes.
fn counts_column(records: &[Record]) -> Result<ArrayRef, ArrowError> {
    let rows = || records.iter();
    Ok(Arc::new(StructArray::try_new(
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
    )?))
}

/// The layers of the text: `paragraphs`, `sentences` and `tokens`.
fn layer_columns(records: &[Record], cols: &mut Vec<ArrayRef>) -> Result<(), ArrowError> {
    let rows = || records.iter();
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
    Ok(())
}

/// `near_duplicate_of`: a struct, null where the record is no duplicate.
fn near_duplicate_column(records: &[Record]) -> Result<ArrayRef, ArrowError> {
    let rows = || records.iter();
    nullable_struct(
        near_duplicate_fields(),
        vec![
            strings(rows().map(|r| r.near_duplicate_of.as_ref().map(|d| d.id.as_str()))),
            Arc::new(Float32Array::from_iter(
                rows().map(|r| r.near_duplicate_of.as_ref().map(|d| d.similarity)),
            )),
        ],
        rows().map(|r| r.near_duplicate_of.is_some()).collect(),
    )
}

/// `dedup_signature`: a struct of the bands and the MinHash, null where the
/// record has none.
fn signature_column(records: &[Record]) -> Result<ArrayRef, ArrowError> {
    let sigs: Vec<Option<&newsmill_core::DedupSignature>> =
        records.iter().map(|r| r.dedup_signature.as_ref()).collect();
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
    nullable_struct(
        signature_fields(),
        vec![
            Arc::new(bands),
            strings(sigs.iter().map(|s| s.map(|s| s.minhash.as_str()))),
        ],
        valid,
    )
}

/// A struct column whose rows are null where `valid` is false (with no
/// null buffer when every row is valid).
pub(super) fn nullable_struct(
    fields: Fields,
    children: Vec<ArrayRef>,
    valid: Vec<bool>,
) -> Result<ArrayRef, ArrowError> {
    let nulls = valid.iter().any(|v| !v).then(|| NullBuffer::from(valid));
    Ok(Arc::new(StructArray::try_new(fields, children, nulls)?))
}

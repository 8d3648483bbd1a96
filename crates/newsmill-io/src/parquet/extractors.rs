//! The extractor columns, and what does not fit them (kept as JSON in `extra_json`).

use super::*;

/// What did not fit the schema in one row, to be kept as JSON.
#[derive(Default)]
pub(super) struct Extra {
    pub(super) map: serde_json::Map<String, serde_json::Value>,
}

impl Extra {
    pub(super) fn whole(&mut self, name: &str, list: &[AnnotationOut]) {
        if let Ok(v) = serde_json::to_value(list) {
            self.map.insert(name.to_string(), v);
        }
    }

    pub(super) fn attr(&mut self, name: &str, index: usize, key: &str, value: &AttrOut) {
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

/// The extractor columns, in the layout's order. What does not fit goes to
/// `extra` (one per row), and its (extractor, key) pairs to `lost` (key
/// empty: the whole extractor).
pub(super) fn extractor_columns(
    layout: &Layout,
    records: &[Record],
    extra: &mut [Extra],
    lost: &mut BTreeSet<(String, String)>,
    cols: &mut Vec<ArrayRef>,
) -> Result<(), ArrowError> {
    for (r, x) in records.iter().zip(extra.iter_mut()) {
        for (name, list) in &r.extractions {
            if !layout.extractors.iter().any(|e| &e.name == name) {
                x.whole(name, list);
                lost.insert((name.clone(), String::new()));
            }
        }
    }
    for e in &layout.extractors {
        cols.push(extractor_column(e, records, extra, lost)?);
    }
    Ok(())
}

/// One extractor's column: a list of structs, or a struct for a
/// document-level extractor.
fn extractor_column(
    e: &ExtractorColumn,
    records: &[Record],
    extra: &mut [Extra],
    lost: &mut BTreeSet<(String, String)>,
) -> Result<ArrayRef, ArrowError> {
    let mut lists: Vec<Option<&Vec<AnnotationOut>>> =
        records.iter().map(|r| r.extractions.get(&e.name)).collect();
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
    let children = annotation_children(e, &items)?;
    unfit_attrs(e, &lists, extra, lost);
    if e.document {
        // One struct per row: the row's single annotation, or null.
        let valid: Vec<bool> = items.iter().map(Option::is_some).collect();
        nullable_struct(e.item_fields(), children, valid)
    } else {
        list_column(e.item_fields(), &lens, children)
    }
}

/// The struct fields of an extractor's annotations `items`: `start`,
/// `end` and `text` (not for a document-level column), `label`, `score`,
/// and one per attribute key.
fn annotation_children(
    e: &ExtractorColumn,
    items: &[Option<&AnnotationOut>],
) -> Result<Vec<ArrayRef>, ArrowError> {
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
    Ok(children)
}

/// Attributes with no column (new key, other type, shadowing name) go to
/// `extra`.
fn unfit_attrs(
    e: &ExtractorColumn,
    lists: &[Option<&Vec<AnnotationOut>>],
    extra: &mut [Extra],
    lost: &mut BTreeSet<(String, String)>,
) {
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
}

/// `extra_json`: each row's leftovers as a JSON object, null where none.
pub(super) fn extra_json_column(extra: Vec<Extra>) -> ArrayRef {
    let extra_json: Vec<Option<String>> = extra
        .into_iter()
        .map(|x| {
            (!x.map.is_empty())
                .then(|| serde_json::to_string(&x.map).ok())
                .flatten()
        })
        .collect();
    strings(extra_json.iter().map(|s| s.as_deref()))
}

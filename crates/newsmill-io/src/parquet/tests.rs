//! The Parquet writer's tests: every record field has a column, extractors
//! as list and struct columns, what does not fit goes to `extra_json`.

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

/// Records for the kill tests: row groups of 24 rows, batches of 16, so
/// that row groups end inside batches.
fn kill_records(n: usize, word: &str) -> (Vec<Record>, ParquetOptions) {
    let records = (0..n)
        .map(|i| {
            let mut r = record(
                &format!("r{i}"),
                &[("ner", vec![ann(&format!("{word} {i}"), &[])])],
            );
            r.text = Some(format!("{word} number {i} met on Tuesday."));
            r
        })
        .collect();
    let opts = ParquetOptions {
        batch_rows: 16,
        row_group_rows: 24,
        ..ParquetOptions::default()
    };
    (records, opts)
}

/// Write `records` to `path` and drop the writer without closing it: the
/// file has no footer, as after SIGKILL (the rows of the row group in
/// progress, held in memory, are lost; written bytes are flushed).
fn write_and_kill(path: &std::path::Path, records: &[Record], opts: &ParquetOptions) {
    let mut w = ParquetWriter::create(Some(path), opts.clone()).unwrap();
    for r in records {
        w.write_record(r.clone()).unwrap();
    }
    drop(w);
}

#[test]
fn a_killed_parquet_file_is_continued_from_its_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let (records, opts) = kill_records(200, "Council");
    let reference = dir.path().join("ref.parquet");
    let mut w = ParquetWriter::create(Some(&reference), opts.clone()).unwrap();
    for r in &records {
        w.write_record(r.clone()).unwrap();
    }
    w.close().unwrap();
    let expected = std::fs::read(&reference).unwrap();
    assert!(!dir.path().join("ref.parquet.newsmill-checkpoint").exists());

    // Killed after 90 records: 80 were handed to the encoder (5 batches),
    // 72 are in complete row groups (3 of 24).
    let path = dir.path().join("out.parquet");
    write_and_kill(&path, &records[..90], &opts);
    let sidecar = dir.path().join("out.parquet.newsmill-checkpoint");
    assert!(sidecar.exists());
    // Part of the next row group's pages reached the file before the kill.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(&[7u8; 500]);
    std::fs::write(&path, &bytes).unwrap();
    let at = ParquetWriter::resume_point(&path).unwrap();
    assert_eq!(at.records, 72);
    assert_eq!(at.last_source.as_deref(), Some("r71"));
    assert!(at.recovered_from_checkpoint());
    assert_eq!(at.dropped_bytes, 500);

    // A resumed run killed too, after 150: its output (not yet renamed
    // over the file) holds more rows, and is the one continued.
    let before = std::fs::read(&path).unwrap();
    let mut w = ParquetWriter::resume_at(&path, &at, opts.clone()).unwrap();
    for r in &records[72..150] {
        w.write_record(r.clone()).unwrap();
    }
    drop(w);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "untouched until close"
    );
    let at = ParquetWriter::resume_point(&path).unwrap();
    assert_eq!(at.records, 144);
    assert!(at.recovered_from_checkpoint());
    let mut w = ParquetWriter::resume_at(&path, &at, opts.clone()).unwrap();
    for r in &records[144..] {
        w.write_record(r.clone()).unwrap();
    }
    w.close().unwrap();
    assert!(std::fs::read(&path).unwrap() == expected, "byte-identical");
    for left in [
        "out.parquet.newsmill-checkpoint",
        "out.parquet.resume-tmp",
        "out.parquet.resume-tmp.newsmill-checkpoint",
    ] {
        assert!(!dir.path().join(left).exists(), "{left} left behind");
    }
    // Kept rows from a stop inside the first row group: none recovered,
    // refused with a reason.
    write_and_kill(&path, &records[..20], &opts);
    let err = ParquetWriter::resume_point(&path).unwrap_err();
    assert!(
        matches!(err, crate::ResumeError::NoParquetCheckpoint { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("no checkpoint"), "{err}");
}

#[test]
fn a_stale_checkpoint_is_ignored_and_a_new_run_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (records, opts) = kill_records(120, "Council");
    let (other, _) = kill_records(120, "Parliament");
    let path = dir.path().join("out.parquet");
    let sidecar = dir.path().join("out.parquet.newsmill-checkpoint");
    write_and_kill(&path, &records[..100], &opts);
    let kept = std::fs::read(&sidecar).unwrap();
    let len = std::fs::metadata(&path).unwrap().len();
    // The data file replaced by another run's (at least as long), the
    // checkpoint left from the first: it does not fit, and is ignored.
    let second = dir.path().join("second.parquet");
    write_and_kill(&second, &other[..100], &opts);
    let mut bytes = std::fs::read(&second).unwrap();
    if (bytes.len() as u64) < len {
        bytes.resize(len as usize + 100, 0);
    }
    std::fs::write(&path, &bytes).unwrap();
    std::fs::write(&sidecar, &kept).unwrap();
    let err = ParquetWriter::resume_point(&path).unwrap_err();
    assert!(
        matches!(err, crate::ResumeError::NoParquetCheckpoint { .. }),
        "{err}"
    );
    // A damaged last entry of the log (a torn write) is dropped: the
    // entries before it still recover their row groups; a log damaged
    // from its first entry recovers nothing.
    write_and_kill(&path, &records[..100], &opts);
    let full = ParquetWriter::resume_point(&path).unwrap().records;
    let good = std::fs::read(&sidecar).unwrap();
    let mut bad = good.clone();
    let last = bad.len() - 20;
    bad[last] ^= 0x55;
    std::fs::write(&sidecar, &bad).unwrap();
    match ParquetWriter::resume_point(&path) {
        Ok(at) => assert!(
            at.records > 0 && at.records < full,
            "{} of {full}",
            at.records
        ),
        Err(e) => assert!(
            matches!(e, crate::ResumeError::NoParquetCheckpoint { .. }),
            "{e}"
        ),
    }
    let mut bad = good;
    bad[0] ^= 0x55;
    std::fs::write(&sidecar, &bad).unwrap();
    assert!(ParquetWriter::resume_point(&path).is_err());
    // A fresh (not resumed) run removes the old checkpoint at once.
    std::fs::write(&sidecar, &kept).unwrap();
    let w = ParquetWriter::create(Some(&path), opts.clone()).unwrap();
    assert!(!sidecar.exists());
    w.close().unwrap();
}

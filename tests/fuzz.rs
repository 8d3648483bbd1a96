//! Fuzz targets, run as property tests (stable Rust, no cargo-fuzz): every
//! decoder and the plugin-emit path on arbitrary and mutated input. Each
//! case must not panic, must give exactly one record per item, and every
//! span that comes out must be a character range of the record's text.
//!
//! CI runs a smoke of each target (`NEWSMILL_FUZZ_CASES`, default 64); a
//! long local run is the same tests with a large count:
//!
//! ```text
//! NEWSMILL_FUZZ_CASES=200000 cargo nextest run -E 'test(fuzz::)' --no-capture
//! ```
//!
//! Inputs that once failed are kept under tests/fixtures/fuzz/ (one file
//! per input, its extension choosing the decoder) and run on every test run.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};

use newsmill::core::{AnalyzeOptions, Article, Doc, Vocab};
use newsmill::engine::Pipeline;
use newsmill::io::{Inputs, ReadOptions, decode};
use newsmill_plugin::host::HostSink;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("NEWSMILL_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Every item of `path` decoded and analysed: no panic, one record each,
/// spans inside the text. Gives the number of records.
fn through_the_readers(path: &Path) -> usize {
    let read = ReadOptions::default();
    let pipeline = Pipeline::default();
    let Ok(inputs) = Inputs::open(&[path.to_path_buf()], &read) else {
        return 0;
    };
    let mut n = 0;
    for item in inputs {
        let record = match decode(item, &read) {
            Ok(article) => pipeline.process(article),
            Err(record) => *record,
        };
        let v = serde_json::to_value(&record).expect("a record serialises");
        let chars = v["text"].as_str().map_or(0, |t| t.chars().count()) as u64;
        for p in v["paragraphs"].as_array().into_iter().flatten() {
            let (s, e) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
            assert!(s <= e && e <= chars, "paragraph {p} outside {chars} chars");
        }
        n += 1;
    }
    n
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(bytes).unwrap();
    path
}

/// Bytes that are mostly `valid` with a few bytes changed, cut or doubled.
fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len().max(1);
    prop::collection::vec((0..len, any::<u8>(), 0u8..4), 1..8).prop_map(move |edits| {
        let mut b = valid.clone();
        for (at, byte, op) in edits {
            let at = at.min(b.len());
            match op {
                0 if at < b.len() => b[at] = byte,
                1 => b.insert(at, byte),
                2 => b.truncate(at),
                _ => {
                    let tail = b[at..].to_vec();
                    b.extend_from_slice(&tail[..tail.len().min(64)]);
                }
            }
        }
        b
    })
}

fn jsonl_sample() -> Vec<u8> {
    concat!(
        "{\"id\": \"a\", \"title\": \"Rates rise\", \"text\": \"The bank raised rates on Tuesday.\\n\\nMarkets fell.\", \"date\": \"2024-03-05\"}\n",
        "{\"id\": \"b\", \"text\": \"Caf\\u00e9 owners \\ud83d\\ude00 said \\\"no\\\".\", \"url\": \"https://example.org/b\"}\n",
    )
    .as_bytes()
    .to_vec()
}

fn html_sample() -> Vec<u8> {
    br#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Port reopens</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Port reopens","datePublished":"2024-03-05T10:00:00Z","author":{"name":"Ann Lee"}}</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Port reopens</h1><p>The port reopened on Tuesday after the storm, officials said.</p>
<p>"We are back," said the harbour master.</p></article><footer>Copyright</footer></body></html>"#
        .to_vec()
}

fn warc_sample() -> Vec<u8> {
    let pages = vec![
        ("https://example.org/a".to_string(), html_sample()),
        (
            "https://example.org/b".to_string(),
            b"<p>Second page.</p>".to_vec(),
        ),
    ];
    common::warc::crawl_of(&pages).concat()
}

/// Arbitrary bytes and mutated samples through one reader (chosen by the
/// file name's extension).
fn fuzz_reader(name: &str, sample: Vec<u8>, compress: fn(&[u8]) -> Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let strategy = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2000),
        mutated(sample.clone()),
        mutated(compress(&sample)).prop_map(move |b| b),
    ];
    let mut run = runner();
    run.run(&strategy, |bytes| {
        let path = write(dir.path(), name, &compress_if(name, &bytes, compress));
        through_the_readers(&path);
        Ok(())
    })
    .unwrap();
}

/// Compressed names get their bytes compressed first half the time (the
/// strategy also gives raw mutated compressed streams).
fn compress_if(name: &str, bytes: &[u8], compress: fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let compressed = name.ends_with(".gz") || name.ends_with(".zst");
    if compressed && bytes.first().is_some_and(|b| b % 2 == 0) {
        compress(bytes)
    } else {
        bytes.to_vec()
    }
}

fn plain(b: &[u8]) -> Vec<u8> {
    b.to_vec()
}

fn zstd(b: &[u8]) -> Vec<u8> {
    zstd::encode_all(b, 3).unwrap()
}

#[test]
fn fuzz_json_lines() {
    fuzz_reader("in.jsonl", jsonl_sample(), plain);
}

#[test]
fn fuzz_json_lines_zstd() {
    fuzz_reader("in.jsonl.zst", jsonl_sample(), zstd);
}

#[test]
fn fuzz_html() {
    fuzz_reader("page.html", html_sample(), plain);
}

#[test]
fn fuzz_warc_gzip() {
    fuzz_reader("crawl.warc.gz", warc_sample(), common::warc::gzip);
}

#[test]
fn fuzz_warc() {
    fuzz_reader("crawl.warc", warc_sample(), plain);
}

#[test]
fn fuzz_text_gzip() {
    fuzz_reader(
        "story.txt.gz",
        b"Headline\n\nBody of the story. It ends here.".to_vec(),
        common::warc::gzip,
    );
}

/// The plugin-emit path: arbitrary spans, labels and attributes through
/// the host's sink. Each annotation is taken or refused, never a panic,
/// and what is taken is valid.
#[test]
fn fuzz_plugin_emit() {
    let text = "Zoë met Øyvind in Zürich — “hello”.";
    let doc = Doc::analyze(Article::from_text("a", text), &AnalyzeOptions::default());
    let mut vocab = Vocab::default();
    let layer = vocab.intern("fuzz");
    let label = vocab.intern("X");
    let key = vocab.intern("k");
    let n = vocab.len() as u32;
    let strategy = prop::collection::vec(
        (
            0u32..48,
            0u32..48,
            0u32..n + 3,
            0u8..5,
            any::<i64>(),
            0u32..48,
        ),
        0..12,
    );
    let mut run = runner();
    run.run(&strategy, |emits| {
        let mut sink = HostSink::new(&doc, layer, vocab.len());
        {
            let mut out = sink.emitter(&doc.text);
            for (s, e, l, kind, v, b) in emits {
                let a = out.annotation(s, e, if l == n + 2 { label } else { l });
                let a = match kind {
                    0 => a.int(key, v),
                    1 => a.num(key, v as f64),
                    2 => a.span(key, s.min(b), b),
                    3 => a.str(key, "value"),
                    _ => a.int(l, v),
                };
                let _ = a.emit();
            }
        }
        let mut d = doc.clone();
        sink.append_to(&mut d);
        for ann in &d.annotations {
            if ann.start != u32::MAX {
                assert!(ann.start <= ann.end && (ann.end as usize) <= d.text.len());
                assert!(d.text.is_char_boundary(ann.start as usize));
                assert!(d.text.is_char_boundary(ann.end as usize));
            }
        }
        Ok(())
    })
    .unwrap();
}

/// The unmutated samples read as what they are: the targets start from
/// inputs that reach the decoders' inner paths.
#[test]
fn fuzz_samples_are_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let n = |name: &str, bytes: Vec<u8>| through_the_readers(&write(dir.path(), name, &bytes));
    assert_eq!(n("in.jsonl", jsonl_sample()), 2);
    assert_eq!(n("in.jsonl.zst", zstd(&jsonl_sample())), 2);
    assert_eq!(n("page.html", html_sample()), 1);
    assert_eq!(n("crawl.warc", warc_sample()), 2);
    assert_eq!(n("crawl.warc.gz", common::warc::gzip(&warc_sample())), 2);
}

/// Inputs that once failed a target, kept as regressions.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        through_the_readers(&e.path());
    }
}

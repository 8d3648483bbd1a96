#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench code
//! The language stage of the core analysis on analysed BBC articles, one
//! thread: the bounded sample of the analysed paragraphs and the verdict
//! (`Doc::detect_language`), per article. Issue 15 asks for under 30 µs.
//! Reads NEWSMILL_DATA (default ../shared/data).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn language(c: &mut Criterion) {
    let docs = match newsmill_eval::batch::analysed_bbc() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping language bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let mut g = c.benchmark_group("language-bbc");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.sample_size(10);
    g.bench_function("language stage", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(d.detect_language(None));
            }
        })
    });
    // The two detectors alone, on the bytes the stage hands them.
    let mut buf = String::new();
    let samples: Vec<String> = docs
        .iter()
        .map(|d| {
            let spans = d.analysed_paragraphs().map(|p| p.span());
            let s = newsmill::core::language::sample_into(&d.text, spans, &mut buf);
            let mut cut = s.len().min(newsmill::core::language::DETECT_BYTES);
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s[..cut].to_string()
        })
        .collect();
    g.bench_function("whatlang on the same bytes", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(whatlang::detect(s));
            }
        })
    });
    g.bench_function("whichlang on the same bytes", |b| {
        b.iter(|| {
            for s in &samples {
                black_box(whichlang::detect_language(s));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, language);
criterion_main!(benches);

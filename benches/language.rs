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
    let mut buf = String::new();
    g.bench_function("whatlang on the same sample", |b| {
        b.iter(|| {
            for d in &docs {
                let spans = d.analysed_paragraphs().map(|p| p.span());
                let s = newsmill::core::language::sample_into(&d.text, spans, &mut buf);
                black_box(whatlang::detect(s));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, language);
criterion_main!(benches);

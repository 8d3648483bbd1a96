//! Structure + tokens + sentences over the BBC corpus, in bytes/s on one
//! thread. Reads NEWSMILL_DATA (default ../shared/data).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::core::{AnalyzeOptions, Article, Doc, Span, structure, tokenize};
use std::hint::black_box;

fn bbc() -> Option<Vec<String>> {
    let root = newsmill_eval::data_dir();
    match newsmill_eval::batch::corpus_texts(&root.join("bbc")) {
        Ok(t) => Some(t.into_iter().map(|(_, s)| s).collect()),
        Err(e) => {
            eprintln!("skipping analysis bench: {e} (set NEWSMILL_DATA)");
            None
        }
    }
}

fn analysis(c: &mut Criterion) {
    let Some(texts) = bbc() else { return };
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let opts = AnalyzeOptions::default();
    let mut g = c.benchmark_group("bbc");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("structure+tokens+sentences", |b| {
        b.iter_batched(
            || texts.clone(),
            |texts| {
                for t in texts {
                    black_box(Doc::analyze(Article::from_text("b", t), &opts));
                }
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("structure", |b| {
        let sopts = structure::StructureOptions::default();
        b.iter(|| {
            for t in &texts {
                black_box(structure::analyze(t, &sopts));
            }
        })
    });
    g.bench_function("tokenize", |b| {
        let mut out = Vec::with_capacity(1 << 16);
        b.iter(|| {
            for t in &texts {
                out.clear();
                tokenize::tokenize(t, Span::new(0, t.len() as u32), &mut out);
                black_box(&out);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench code
//! Per-article cost of the built-in extractors on analysed BBC documents,
//! one thread: the NER tagger alone, and dates + keyphrases + stats
//! together (issue 6 asked that these and language cost less than the
//! tagger; language is now part of the core analysis: benches/language.rs).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::core::{Doc, Vocab};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, DynExtractor, Factory, HostSink};
use std::hint::black_box;

fn run_all(exts: &[(u32, Box<dyn DynExtractor>)], docs: &[Doc], vocab_len: usize) -> usize {
    let mut n = 0;
    for doc in docs {
        for (layer, ext) in exts {
            let mut sink = HostSink::new(doc, *layer, vocab_len);
            ext.process(&DocView::from_doc(doc), &mut sink)
                .expect("process");
            n += sink.len();
        }
    }
    n
}

fn make(f: &dyn Factory, vocab: &mut Vocab) -> (u32, Box<dyn DynExtractor>) {
    let layer = vocab.intern(&f.info().name);
    let e = f
        .create(&serde_json::json!({}), vocab)
        .expect("create extractor");
    (layer, e)
}

fn extractors(c: &mut Criterion) {
    let docs = match newsmill_eval::batch::analysed_bbc() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping extractors bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let mut vocab = Vocab::default();
    let ner = vec![make(&Builtin::<newsmill_ner::Ner>::new(), &mut vocab)];
    let three = vec![
        make(&Builtin::<newsmill_dates::Dates>::new(), &mut vocab),
        make(
            &Builtin::<newsmill_keyphrases::Keyphrases>::new(),
            &mut vocab,
        ),
        make(
            &Builtin::<newsmill_stats::StatsExtractor>::new(),
            &mut vocab,
        ),
    ];
    let n = vocab.len();
    let mut g = c.benchmark_group("extractors-bbc");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.sample_size(10);
    g.bench_function("ner", |b| b.iter(|| black_box(run_all(&ner, &docs, n))));
    g.bench_function("dates+keyphrases+stats", |b| {
        b.iter(|| black_box(run_all(&three, &docs, n)))
    });
    for (name, one) in ["dates", "keyphrases", "stats"].iter().zip(three.chunks(1)) {
        // Each alone, for the breakdown.
        g.bench_function(*name, |b| b.iter(|| black_box(run_all(one, &docs, n))));
    }
    g.finish();
}

criterion_group!(benches, extractors);
criterion_main!(benches);

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // bench code
//! Per-article cost of `entities` and `quotes` on analysed BBC documents
//! (NER output already attached), one thread, beside the NER tagger they
//! follow (issue 5 asks that the two together cost less than the tagger).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::core::{Doc, Vocab};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, DynExtractor, Factory, HostSink};
use std::hint::black_box;

fn make(f: &dyn Factory, vocab: &mut Vocab) -> (u32, Box<dyn DynExtractor>) {
    let layer = vocab.intern(&f.info().name);
    let e = f
        .create(&serde_json::json!({}), vocab)
        .expect("create extractor");
    (layer, e)
}

/// Run `exts` over `docs`; with `keep`, attach the output to the docs.
fn run(exts: &[&(u32, Box<dyn DynExtractor>)], docs: &mut [Doc], n: usize, keep: bool) -> usize {
    let mut total = 0;
    for doc in docs.iter_mut() {
        for (layer, ext) in exts.iter().map(|e| (&e.0, &e.1)) {
            let mut sink = HostSink::new(doc, *layer, n);
            ext.process(&DocView::from_doc(doc), &mut sink)
                .expect("process");
            total += sink.len();
            if keep {
                sink.append_to(doc);
            }
        }
    }
    total
}

fn quotes(c: &mut Criterion) {
    let mut docs = match newsmill_eval::batch::analysed_bbc() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping quotes bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let mut vocab = Vocab::default();
    let ner = make(&Builtin::<newsmill_ner::Ner>::new(), &mut vocab);
    let ents = make(&Builtin::<newsmill_entities::Entities>::new(), &mut vocab);
    let quotes = make(&Builtin::<newsmill_quotes::Quotes>::new(), &mut vocab);
    let n = vocab.len();
    // NER output attached once; entities' output attached for quotes.
    let mut with_ner = docs.clone();
    run(&[&ner], &mut with_ner, n, true);
    let mut with_ents = with_ner.clone();
    run(&[&ents], &mut with_ents, n, true);
    let mut g = c.benchmark_group("quotes-bbc");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.sample_size(10);
    g.bench_function("ner", |b| {
        b.iter(|| black_box(run(&[&ner], &mut docs, n, false)))
    });
    g.bench_function("entities", |b| {
        b.iter(|| black_box(run(&[&ents], &mut with_ner, n, false)))
    });
    g.bench_function("quotes", |b| {
        b.iter(|| black_box(run(&[&quotes], &mut with_ents, n, false)))
    });
    g.finish();
}

criterion_group!(benches, quotes);
criterion_main!(benches);

//! The named-entity tagger alone over the BBC corpus, one thread:
//! documents are analysed (structure, tokens, sentences) beforehand; the
//! figure is tokens per second of tagging. Also the extractor through the
//! plugin interface (emitting annotations), and model loading.
//!
//! `NEWSMILL_NER_MODELS=a.bin:b.bin` also times the tagger with each of
//! those model files (`ner-bbc/tagger-file/<file stem>`), as for the
//! tokens/s column of the ablation table in docs/ner.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::core::Vocab;
use newsmill_ner::{Mention, Model};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, Factory, HostSink};
use std::hint::black_box;

/// Time `model` tagging every document, one thread.
fn time_tagger(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    model: &Model,
    docs: &[newsmill::core::Doc],
) {
    g.bench_function(name, |b| {
        let mut out: Vec<Mention> = Vec::new();
        b.iter(|| {
            let mut n = 0;
            for d in docs {
                out.clear();
                model.tag(&d.text, &d.tokens, &d.sentences, &mut out);
                n += out.len();
            }
            black_box(n)
        })
    });
}

fn tagger(c: &mut Criterion) {
    let docs = match newsmill_eval::batch::analysed_bbc() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping ner bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let tokens: u64 = docs.iter().map(|d| d.tokens.len() as u64).sum();
    let model = Model::embedded().expect("embedded model");

    let mut g = c.benchmark_group("ner-bbc");
    g.throughput(Throughput::Elements(tokens));
    g.sample_size(10);
    time_tagger(&mut g, "tagger", &model, &docs);
    for path in std::env::var("NEWSMILL_NER_MODELS")
        .unwrap_or_default()
        .split(':')
        .filter(|p| !p.is_empty())
    {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let model = Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        let stem = std::path::Path::new(path)
            .file_stem()
            .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned());
        time_tagger(&mut g, &format!("tagger-file/{stem}"), &model, &docs);
    }
    let config = serde_json::json!({});
    let mut vocab = Vocab::default();
    let layer = vocab.intern("ner");
    let ext = Builtin::<newsmill_ner::Ner>::new()
        .create(&config, &mut vocab)
        .expect("create");
    g.bench_function("extractor", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let mut sink = HostSink::new(d, layer, vocab.len());
                ext.process(&DocView::from_doc(d), &mut sink)
                    .expect("process");
                n += sink.len();
            }
            black_box(n)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("ner-model");
    g.sample_size(20);
    g.bench_function("load-embedded", |b| {
        b.iter(|| {
            black_box(
                Model::from_bytes(newsmill_ner::EMBEDDED_MODEL)
                    .expect("load")
                    .features(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, tagger);
criterion_main!(benches);

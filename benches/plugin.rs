//! The plugin boundary's cost: the example money extractor linked in
//! statically vs loaded from its shared library, on the same analysed BBC
//! documents. Builds the library (release) into target/plugin-bench.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::core::{Doc, Vocab};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, DynExtractor, Factory, HostSink, Plugin};
use std::hint::black_box;
use std::path::PathBuf;

#[path = "../tests/support/cdylib.rs"]
mod cdylib;

fn build_library() -> PathBuf {
    let dir = cdylib::build_plugins("plugin-bench", true, &["newsmill-example-money"]);
    cdylib::library(&dir, "newsmill_example_money")
}

fn run_all(ext: &dyn DynExtractor, docs: &[Doc], layer: u32, vocab_len: usize) -> usize {
    let mut n = 0;
    for doc in docs {
        let mut sink = HostSink::new(doc, layer, vocab_len);
        ext.process(&DocView::from_doc(doc), &mut sink)
            .expect("process");
        n += sink.len();
    }
    n
}

fn boundary(c: &mut Criterion) {
    let docs = match newsmill_eval::batch::analysed_bbc() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping plugin bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let config = serde_json::json!({});
    let mut vocab = Vocab::default();
    let layer = vocab.intern("money");
    let stat = Builtin::<newsmill_example_money::Money>::new()
        .create(&config, &mut vocab)
        .expect("create static");
    let loaded = Plugin::load(&build_library())
        .expect("load plugin")
        .create(&config, &mut vocab)
        .expect("create loaded");
    assert_eq!(
        run_all(stat.as_ref(), &docs, layer, vocab.len()),
        run_all(loaded.as_ref(), &docs, layer, vocab.len())
    );
    let mut g = c.benchmark_group("money-bbc");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(50);
    g.bench_function("static", |b| {
        b.iter(|| black_box(run_all(stat.as_ref(), &docs, layer, vocab.len())))
    });
    g.bench_function("loaded", |b| {
        b.iter(|| black_box(run_all(loaded.as_ref(), &docs, layer, vocab.len())))
    });
    g.finish();
}

criterion_group!(benches, boundary);
criterion_main!(benches);

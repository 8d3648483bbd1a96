//! The engine end to end on a generated JSON Lines batch of 100,000
//! articles (the BBC texts, cycled): read, decode, analyse, encode, write
//! (to a sink), with 1 and 2 worker threads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::engine::{EngineOptions, FnCodec, FnSink, Pipeline, RunStats, Runner};
use newsmill::io::{Inputs, JsonlWriter, OutputError, RawItem, ReadOptions, decode, encode_jsonl};

const ARTICLES: usize = 100_000;

fn engine(c: &mut Criterion) {
    let root = newsmill_eval::data_dir();
    let texts = match newsmill_eval::batch::corpus_texts(&root.join("bbc")) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping engine bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("batch.jsonl");
    let bytes = {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path).expect("create batch"));
        newsmill_eval::batch::write_jsonl(&texts, ARTICLES, &mut w).expect("write batch")
    };
    let read = ReadOptions::default();
    let pipeline = Pipeline::default();
    let mut g = c.benchmark_group("engine-100k-jsonl");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    for threads in [1, 2] {
        let opts = EngineOptions {
            threads,
            ..EngineOptions::default()
        };
        g.bench_function(format!("threads={threads}"), |b| {
            b.iter(|| {
                let inputs = Inputs::open(std::slice::from_ref(&path), &read).expect("open batch");
                let mut w = JsonlWriter::new(std::io::sink(), "sink");
                let codec = FnCodec(
                    |(_, item): (u64, RawItem)| decode(item, &read),
                    |r| encode_jsonl(&r, false),
                );
                let sink = FnSink(
                    |e: Result<Vec<u8>, OutputError>| w.write_encoded(&e?),
                    |_: &RunStats| {},
                );
                let stats = Runner::new(&opts, &pipeline)
                    .run(inputs.map(|i| (i.size, i)), &codec, sink)
                    .expect("run");
                assert_eq!(stats.articles as usize, ARTICLES);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);

//! Parquet output speed, one thread: the BBC corpus (2,225 articles) run
//! once through `newsmill process` with every built-in extractor, its
//! records read back, then written again and again with `ParquetWriter`
//! (Arrow conversion, encoding, zstd level 3) to a sink; JSON Lines encoding
//! of the same records beside it. The throughput is bytes of the records as
//! JSON Lines per second; records/s = 2,225 / time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::core::Record;
use newsmill::io::{ParquetOptions, ParquetWriter, encode_jsonl};
use std::hint::black_box;

fn parquet_bench(c: &mut Criterion) {
    let bbc = newsmill_eval::data_dir().join("bbc");
    if !bbc.exists() {
        eprintln!(
            "skipping parquet bench: {} not found (set NEWSMILL_DATA)",
            bbc.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("bbc.jsonl");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_newsmill"))
        .args(["process", "-q", "-o"])
        .arg(&jsonl)
        .arg(&bbc)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&jsonl).unwrap();
    let records: Vec<Record> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let parquet_len = {
        let mut w = ParquetWriter::new(Vec::new(), "bench", ParquetOptions::default());
        for r in &records {
            w.write(r.clone()).unwrap();
        }
        w.finish().unwrap().0.len()
    };
    eprintln!(
        "parquet bench: {} records, {} bytes as JSON Lines, {parquet_len} bytes as Parquet",
        records.len(),
        text.len()
    );

    let mut g = c.benchmark_group("records-bbc");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("parquet write", |b| {
        b.iter_batched(
            || records.clone(),
            |recs| {
                let mut w = ParquetWriter::new(std::io::sink(), "bench", ParquetOptions::default());
                for r in recs {
                    w.write(r).unwrap();
                }
                black_box(w.finish().unwrap());
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("jsonl encode", |b| {
        b.iter(|| {
            let mut n = 0;
            for r in &records {
                n += encode_jsonl(r, false).unwrap().len();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, parquet_bench);
criterion_main!(benches);

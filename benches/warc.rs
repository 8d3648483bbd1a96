//! WARC reading on top of HTML extraction, one thread: the html-articles
//! benchmark pages (../shared/data/html-articles, 121 pages, 23 MB of HTML)
//! decoded as raw HTML pages vs read from a `.warc.gz` (one gzip member per
//! record, with a request and a metadata record per page as crawlers write
//! them) and from a plain `.warc`: framing, decompression and HTTP parsing
//! plus the same extraction. The throughput is bytes of HTML per second.
//! The floor: WARC reading adds under 10% on top of extraction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

#[path = "../tests/common/warc.rs"]
mod warc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::io::{Inputs, Payload, RawItem, ReadOptions, decode};
use std::hint::black_box;
use std::path::PathBuf;

/// Read every item of `path` and decode it (or only read, `decode_too`
/// false); the number of text bytes, so nothing is optimised away.
fn read_archive(path: &PathBuf, opts: &ReadOptions, decode_too: bool) -> usize {
    let mut n = 0;
    for item in Inputs::open(std::slice::from_ref(path), opts).unwrap() {
        if decode_too {
            n += decode(item, opts).map(|a| a.text.len()).unwrap_or(0);
        } else {
            n += item.size as usize;
        }
    }
    n
}

fn warc_bench(c: &mut Criterion) {
    let dir = newsmill_eval::data_dir().join("html-articles");
    let pages = match newsmill_eval::html::load(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("skipping warc bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let wrapped: Vec<(String, Vec<u8>)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let url = p
                .url
                .clone()
                .unwrap_or_else(|| format!("https://page.example/{i}"));
            (url, p.html.clone())
        })
        .collect();
    let records = warc::crawl_of(&wrapped);
    let tmp = tempfile::tempdir().unwrap();
    let gz = tmp.path().join("pages.warc.gz");
    let plain = tmp.path().join("pages.warc");
    std::fs::write(&gz, warc::warc_gz(&records)).unwrap();
    std::fs::write(&plain, records.concat()).unwrap();
    let opts = ReadOptions::default();
    let html_bytes: u64 = pages.iter().map(|p| p.html.len() as u64).sum();
    eprintln!(
        "warc bench: {} pages, {html_bytes} bytes of HTML; pages.warc {} bytes, pages.warc.gz {} bytes",
        pages.len(),
        std::fs::metadata(&plain).unwrap().len(),
        std::fs::metadata(&gz).unwrap().len()
    );

    let mut g = c.benchmark_group("warc-html-articles");
    g.throughput(Throughput::Bytes(html_bytes));
    g.sample_size(10);
    g.bench_function("html pages (decode only)", |b| {
        b.iter(|| {
            let mut n = 0;
            for (url, html) in &wrapped {
                let item = RawItem {
                    id: url.clone(),
                    source: url.clone(),
                    payload: Payload::Html(html.clone()),
                    size: html.len() as u64,
                };
                n += decode(item, &opts).map(|a| a.text.len()).unwrap_or(0);
            }
            black_box(n)
        })
    });
    g.bench_function("warc.gz (read + decode)", |b| {
        b.iter(|| black_box(read_archive(&gz, &opts, true)))
    });
    g.bench_function("warc (read + decode)", |b| {
        b.iter(|| black_box(read_archive(&plain, &opts, true)))
    });
    g.bench_function("warc.gz (read only)", |b| {
        b.iter(|| black_box(read_archive(&gz, &opts, false)))
    });
    g.bench_function("warc (read only)", |b| {
        b.iter(|| black_box(read_archive(&plain, &opts, false)))
    });
    g.finish();
}

criterion_group!(benches, warc_bench);
criterion_main!(benches);

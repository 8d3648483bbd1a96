//! HTML main-text and metadata extraction over the html-articles benchmark
//! pages (../shared/data/html-articles, 121 pages, 23 MB), one thread: the
//! figure is bytes of HTML per second through `newsmill_io::html::extract`
//! (charset detection, parsing, metadata, article body).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::io::html::{HtmlOptions, extract};
use std::hint::black_box;

fn html(c: &mut Criterion) {
    let dir = newsmill_eval::data_dir().join("html-articles");
    let pages = match newsmill_eval::html::load(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("skipping html bench: {e} (set NEWSMILL_DATA)");
            return;
        }
    };
    let bytes: u64 = pages.iter().map(|p| p.html.len() as u64).sum();
    let mut g = c.benchmark_group("html-articles");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("extract", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &pages {
                let opts = HtmlOptions {
                    url: p.url.as_deref(),
                    charset: None,
                };
                if let Ok(page) = extract(&p.html, &opts) {
                    n += page.text.len();
                }
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);

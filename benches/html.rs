//! HTML main-text and metadata extraction over the html-articles benchmark
//! pages (../shared/data/html-articles, 121 pages, 23 MB), one thread: the
//! figure is bytes of HTML per second through `newsmill_io::html::extract`
//! (charset detection, parsing, metadata, article body by the block
//! classifier), beside the earlier rule design (`extract_with`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmill::io::html::{HtmlOptions, Rules, extract, extract_with};
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
    type Extract = dyn Fn(&[u8], &HtmlOptions<'_>) -> Option<usize>;
    let ways: [(&str, &Extract); 2] = [
        ("extract", &|h, o| extract(h, o).ok().map(|p| p.text.len())),
        ("extract_with rules (earlier design)", &|h, o| {
            extract_with(h, o, &Rules::ALL).ok().map(|p| p.text.len())
        }),
    ];
    for (name, run) in ways {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for p in &pages {
                    let opts = HtmlOptions {
                        url: p.url.as_deref(),
                        charset: None,
                    };
                    n += run(&p.html, &opts).unwrap_or(0);
                }
                black_box(n)
            })
        });
    }
    g.finish();
}

/// Hostile and huge pages: nothing but nested `<div>`s (20,000 and
/// 200,000 levels; quadratic before the nesting cap) and 50,000 flat
/// paragraphs. Built in memory, no data needed.
fn html_pathological(c: &mut Criterion) {
    let nested = |n: usize| {
        format!(
            "<html><body>{}<p>Deep text of a broken page generator.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    };
    let flat: String = (0..50_000)
        .map(|i| {
            format!("<p>Paragraph {i} of the long page holds a sentence of ordinary length.</p>")
        })
        .collect();
    let flat = format!("<html><body><article>{flat}</article></body></html>");
    let mut g = c.benchmark_group("html-pathological");
    g.sample_size(10);
    for (name, page) in [
        ("nested-div-20k", nested(20_000)),
        ("nested-div-200k", nested(200_000)),
        ("flat-p-50k", flat),
    ] {
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| black_box(extract(page.as_bytes(), &HtmlOptions::default()).is_ok()))
        });
    }
    g.finish();
}

criterion_group!(benches, html, html_pathological);
criterion_main!(benches);

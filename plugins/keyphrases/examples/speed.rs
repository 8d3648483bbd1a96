//! Informal throughput of the `keyphrases` extractor alone (documents
//! analysed beforehand), through the host's built-in path, one thread.
//!
//! ```sh
//! cargo run --release -p newsmill-keyphrases --example speed -- ../shared/data/bbc
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
use newsmill_keyphrases::Keyphrases;
use newsmill_sdk::HostSink;
use newsmill_sdk::{DocView, Extractor, Setup};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: speed DIR_OF_TXT_FILES [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    let t = Instant::now();
    let docs: Vec<Doc> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p, b)))
        .map(|(p, b)| {
            let text = String::from_utf8_lossy(&b).into_owned();
            Doc::analyze(
                Article::from_text(p.display().to_string(), text),
                &AnalyzeOptions::default(),
            )
        })
        .collect();
    let analyse = t.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let mut vocab = Vocab::default();
    let layer = vocab.intern("keyphrases");
    let config = serde_json::json!({});
    let Ok(kp) = Keyphrases::create(&mut Setup::new(&config, &mut vocab)) else {
        eprintln!("cannot create the extractor");
        std::process::exit(1);
    };
    let mut emitted = 0usize;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let mut sink = HostSink::new(d, layer, vocab.len());
            if kp
                .process(&DocView::from_doc(d), &mut sink.emitter(&d.text))
                .is_ok()
            {
                emitted += sink.len();
            }
        }
    }
    let secs = t.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "{} documents, {:.1} MB, {} tokens; analysis (structure, tokens, sentences) {:.3} s",
        docs.len(),
        bytes as f64 / 1e6,
        tokens,
        analyse
    );
    println!(
        "keyphrases: {:.3} s per pass = {:.1} M tokens/s, {:.1} MB/s, {:.0} µs per document ({} phrases per pass)",
        secs,
        tokens as f64 / secs / 1e6,
        bytes as f64 / secs / 1e6,
        secs * 1e6 / docs.len().max(1) as f64,
        emitted / rounds.max(1)
    );
}

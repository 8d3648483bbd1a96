//! Make a JSON Lines batch for benchmarks by cycling a corpus of text files.
//!
//! ```text
//! cargo run --release --example make_batch -- ../shared/data/bbc 100000 batch.jsonl
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use std::io::BufWriter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, n, out] = args.as_slice() else {
        return Err("usage: make_batch CORPUS_DIR N OUT.jsonl".into());
    };
    let texts = newsmill_eval::batch::corpus_texts(dir.as_ref())?;
    let n: usize = n.parse()?;
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    let bytes = newsmill_eval::batch::write_jsonl(&texts, n, &mut w)?;
    eprintln!("{n} articles, {bytes} bytes -> {out}");
    Ok(())
}

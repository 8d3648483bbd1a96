//! Print the temporal expressions of a text read from stdin:
//! `echo "He left on Friday." | cargo run --release -p newsmill-dates --example annotate -- 2013-03-25`.

use std::io::Read;

use newsmill_core::{AnalyzeOptions, Article, Doc};
use newsmill_dates::{date::Date, recognize};

fn main() {
    let anchor = std::env::args().nth(1).and_then(|a| Date::parse_iso(&a));
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: {e}");
        return;
    }
    let article = Article {
        text,
        ..Article::default()
    };
    let doc = Doc::analyze(article, &AnalyzeOptions::default());
    for t in recognize(&doc.text, &doc.tokens, &doc.sentences, anchor) {
        let span = doc.text.get(t.start..t.end).unwrap_or("?");
        println!("{span:?}\t{}\t{}", t.kind.as_str(), t.value);
    }
}

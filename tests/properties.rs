//! Property tests: arbitrary bytes and arbitrary Unicode through structure,
//! tokenizer and sentence splitter. No panic; every span inside the text,
//! on char boundaries, in order; tokens never overlap and cover every
//! non-space character of the analysed paragraphs; sentences partition the
//! tokens.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use newsmill::core::{AnalyzeOptions, Article, Doc, Record, RecordOptions, Span};
use proptest::prelude::*;

fn check_span(text: &str, s: Span, what: &str) {
    assert!(s.start <= s.end, "{what} {s:?} reversed");
    assert!(
        s.end as usize <= text.len(),
        "{what} {s:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start as usize),
        "{what} {s:?} start inside a char"
    );
    assert!(
        text.is_char_boundary(s.end as usize),
        "{what} {s:?} end inside a char"
    );
}

fn check_doc(doc: &Doc) {
    let text = doc.text.as_str();
    let mut prev_end = 0u32;
    for p in &doc.paragraphs {
        check_span(text, p.span(), "paragraph");
        assert!(p.start >= prev_end, "paragraphs overlap or go back");
        assert!(p.start < p.end, "empty paragraph");
        prev_end = p.end;
    }
    for s in [doc.title, doc.subtitle, doc.dateline]
        .into_iter()
        .flatten()
    {
        check_span(text, s, "title/subtitle/dateline");
    }
    let mut prev_end = 0u32;
    for t in &doc.tokens {
        check_span(text, t.span(), "token");
        assert!(t.start < t.end, "empty token");
        assert!(t.start >= prev_end, "tokens overlap or go back");
        prev_end = t.end;
        assert!(
            !text[t.start as usize..t.end as usize]
                .chars()
                .all(char::is_whitespace),
            "a token of white space only"
        );
    }
    // No lost byte: every non-space character of an analysed paragraph is
    // inside a token.
    let mut ti = 0;
    for p in doc.analysed_paragraphs() {
        for (off, c) in text[p.start as usize..p.end as usize].char_indices() {
            let pos = p.start + off as u32;
            while ti < doc.tokens.len() && doc.tokens[ti].end <= pos {
                ti += 1;
            }
            if !c.is_whitespace() {
                let covered = doc
                    .tokens
                    .get(ti)
                    .is_some_and(|t| t.start <= pos && pos < t.end);
                assert!(covered, "character {c:?} at byte {pos} is in no token");
            }
        }
    }
    // Sentences partition the tokens, in order.
    let mut next = 0u32;
    for s in &doc.sentences {
        check_span(text, s.span(), "sentence");
        assert_eq!(s.token_start, next, "sentences skip or repeat tokens");
        assert!(s.token_end > s.token_start, "empty sentence");
        let toks = &doc.tokens[s.token_start as usize..s.token_end as usize];
        assert_eq!(s.start, toks[0].start);
        assert_eq!(s.end, toks[toks.len() - 1].end);
        next = s.token_end;
    }
    assert_eq!(
        next as usize,
        doc.tokens.len(),
        "tokens outside any sentence"
    );
}

fn analyse(text: String, first_line_is_title: bool) {
    let mut article = Article::from_text("p", text);
    article.first_line_is_title = first_line_is_title;
    let doc = Doc::analyze(article, &AnalyzeOptions::default());
    check_doc(&doc);
    let record = Record::from_doc(
        doc,
        &RecordOptions {
            text: true,
            sentences: true,
            tokens: true,
        },
    );
    let chars = record.counts.chars as u32;
    for t in record.tokens.iter().flatten() {
        assert!(t.start < t.end && t.end <= chars);
    }
}

/// Text that looks like news: words, numbers, punctuation, quotes, line
/// breaks, abbreviations and odd Unicode, mixed.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,12}",
        "[A-Z][a-z]{0,8}",
        "[0-9]{1,4}([.,][0-9]{1,3})?",
        Just(". ".to_string()),
        Just(".".to_string()),
        Just(", ".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        "[\"'“”‘’()\\[\\]?!;:$£€%&@#*/\\\\_~^`|<>=+-]{1,3}",
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("J. K. ".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just(" – ".to_string()),
        Just("—".to_string()),
        Just("n't".to_string()),
        Just("'s".to_string()),
        Just("http://ex.com/a?b=c".to_string()),
        Just("a@b.org".to_string()),
        Just("Recent News".to_string()),
        Just("LONDON (Reuters) - ".to_string()),
        Just("Moscow: ".to_string()),
        "\\PC{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
        Just("\u{200B}\u{00A0}\u{FEFF}\u{0301}\t\u{000C}".to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_break_the_invariants(bytes in prop::collection::vec(any::<u8>(), 0..600), title in any::<bool>()) {
        analyse(String::from_utf8_lossy(&bytes).into_owned(), title);
    }

    #[test]
    fn arbitrary_unicode_never_breaks_the_invariants(text in "\\PC{0,300}", title in any::<bool>()) {
        analyse(text, title);
    }

    #[test]
    fn news_like_text_never_breaks_the_invariants(text in newsy(), title in any::<bool>()) {
        analyse(text, title);
    }
}

#[test]
fn long_single_line_and_odd_inputs() {
    analyse("x".repeat(1 << 20), true);
    analyse(".".repeat(100_000), true);
    analyse("\n".repeat(10_000), true);
    analyse("\"".repeat(10_000), false);
    analyse("U.S.".repeat(10_000), false);
    analyse(String::new(), true);
}

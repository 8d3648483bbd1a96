//! Tokenizer: byte spans into the text, Penn Treebank / CoNLL-2003 style.
//!
//! (Baseline: white space, then punctuation peeled off both ends.)

use crate::text::{Span, Token, TokenKind};

/// Tokenize `text[range]`, appending tokens with absolute offsets to `out`.
///
/// ```
/// use newsmill_core::{Span, tokenize::tokenize};
/// let text = "Hello, world.";
/// let mut toks = Vec::new();
/// tokenize(text, Span::new(0, text.len() as u32), &mut toks);
/// let words: Vec<_> = toks.iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["Hello", ",", "world", "."]);
/// ```
pub fn tokenize(text: &str, range: Span, out: &mut Vec<Token>) {
    let Some(slice) = text.get(range.start as usize..range.end as usize) else {
        return;
    };
    let base = range.start as usize;
    let mut pos = 0usize;
    let mut line_before = false;
    for piece in slice.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        let ws = &piece[word.len()..];
        let start = base + pos;
        pos += piece.len();
        if word.is_empty() {
            line_before |= ws.contains('\n');
            continue;
        }
        let core = word.trim_matches(|c: char| c.is_ascii_punctuation());
        let lead = word.len()
            - word
                .trim_start_matches(|c: char| c.is_ascii_punctuation())
                .len();
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        for (i, c) in word[..lead].char_indices() {
            pieces.push((i, i + c.len_utf8()));
        }
        if !core.is_empty() {
            pieces.push((lead, lead + core.len()));
        }
        let tail_start = if core.is_empty() {
            lead
        } else {
            lead + core.len()
        };
        for (i, c) in word[tail_start..].char_indices() {
            pieces.push((tail_start + i, tail_start + i + c.len_utf8()));
        }
        let n = pieces.len();
        for (k, (s, e)) in pieces.into_iter().enumerate() {
            let t = &word[s..e];
            let kind = classify(t);
            let mut tok = Token::new((start + s) as u32, (start + e) as u32, kind);
            if k == 0 && line_before {
                tok.flags |= Token::LINE_BEFORE;
            }
            if k + 1 == n && !ws.is_empty() {
                tok.flags |= Token::SPACE_AFTER;
            }
            if t.chars().next().is_some_and(char::is_uppercase) {
                tok.flags |= Token::UPPER_INITIAL;
            }
            out.push(tok);
        }
        line_before = ws.contains('\n');
    }
}

fn classify(t: &str) -> TokenKind {
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => TokenKind::WORD,
        Some(c) if c.is_ascii_digit() => TokenKind::NUMBER,
        Some('"' | '\'' | '“' | '”' | '‘' | '’') => TokenKind::QUOTE,
        Some(c) if c.is_ascii_punctuation() => TokenKind::PUNCT,
        _ => TokenKind::SYMBOL,
    }
}

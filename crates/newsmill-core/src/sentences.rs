//! Sentence splitter over tokens.
//!
//! (Baseline: a break after . ! ? when the next token starts upper case.)

use crate::text::{Sentence, Token};

/// Split the tokens of one paragraph (or region) into sentences, appending
/// them to `out`. `base` is the index of `tokens[0]` in the document.
///
/// ```
/// use newsmill_core::{Span, tokenize::tokenize, sentences::split};
/// let text = "It rained. Then it stopped.";
/// let mut toks = Vec::new();
/// tokenize(text, Span::new(0, text.len() as u32), &mut toks);
/// let mut sents = Vec::new();
/// split(text, &toks, 0, &mut sents);
/// assert_eq!(sents.len(), 2);
/// ```
pub fn split(text: &str, tokens: &[Token], base: u32, out: &mut Vec<Sentence>) {
    let mut first = 0usize;
    for i in 0..tokens.len() {
        let t = tokens[i].text(text);
        let last = i + 1 == tokens.len();
        let boundary = last
            || (matches!(t, "." | "!" | "?")
                && tokens[i + 1]
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase));
        if boundary {
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[i].end,
                token_start: base + first as u32,
                token_end: base + i as u32 + 1,
            });
            first = i + 1;
        }
    }
}

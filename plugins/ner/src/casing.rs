//! How words are written in running text: lower case, or capitalised in
//! the middle of a sentence. Used to keep common words out of gazetteers
//! ("Target", "Signal", "Shell" are brands, but "target" is mostly a word).

use std::collections::HashMap;

/// Per lower-cased word: how often it was seen written in lower case and
/// how often capitalised away from the start of a sentence.
///
/// ```
/// let c = newsmill_ner::casing::CaseCounts::from_texts(&[
///     "Users of Telegram and Signal sent a signal. The signal was clear.",
/// ]);
/// assert!(c.is_mostly_lower("signal"));
/// assert!(!c.is_mostly_lower("telegram"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct CaseCounts {
    counts: HashMap<String, (u32, u32)>,
}

impl CaseCounts {
    /// Count the words of `texts`.
    pub fn from_texts<S: AsRef<str>>(texts: &[S]) -> Self {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        for t in texts {
            let text = t.as_ref();
            let mut sentence_start = true;
            let mut word_start: Option<usize> = None;
            let mut flush = |a: usize, b: usize, sentence_start: bool| {
                let w = &text[a..b];
                let first = w.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    counts.entry(w.to_string()).or_default().0 += 1;
                } else if first.is_uppercase() && !sentence_start {
                    let rest_lower = w.chars().skip(1).all(|c| !c.is_uppercase());
                    if rest_lower {
                        counts.entry(w.to_lowercase()).or_default().1 += 1;
                    }
                }
            };
            for (i, c) in text.char_indices() {
                if c.is_alphanumeric() {
                    if word_start.is_none() {
                        word_start = Some(i);
                    }
                    continue;
                }
                if let Some(a) = word_start.take() {
                    flush(a, i, sentence_start);
                    sentence_start = false;
                }
                if matches!(c, '.' | '!' | '?' | '\n' | ':' | '"' | '“' | '‘') {
                    sentence_start = true;
                }
            }
            if let Some(a) = word_start {
                flush(a, text.len(), sentence_start);
            }
        }
        CaseCounts { counts }
    }

    /// Whether `word` (any case) is written in lower case more often than
    /// capitalised mid-sentence: a common word rather than a name.
    pub fn is_mostly_lower(&self, word: &str) -> bool {
        let key = word.to_lowercase();
        self.counts
            .get(&key)
            .is_some_and(|&(lower, cap)| lower > cap)
    }
}

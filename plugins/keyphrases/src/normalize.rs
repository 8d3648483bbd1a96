//! Phrase normalisation: lower-cased, punctuation-free, Porter-stemmed
//! words. The extractor groups candidate phrases by it, and the KPCrowd
//! evaluation (newsmill-eval's `kpcrowd`) matches phrases by it.
//!
//! Stemmer: Porter's English stemmer as maintained in Snowball ("Porter2",
//! `rust_stemmers::Algorithm::English`; the crate has no original-Porter
//! algorithm). Published KPCrowd evaluations stem with the original
//! Porter (1980) algorithm (pke uses Snowball's "porter", YAKE's scripts
//! NLTK's `PorterStemmer`); the two differ on few words (Porter2 keeps
//! "generous" apart from "generate", and stems "-ly" adverbs), and both
//! sides of a match are stemmed alike, so the figures move little — see
//! the crate README for the same outputs scored both ways.

use rust_stemmers::{Algorithm, Stemmer};

/// Normalizes phrases for matching: lower-case, punctuation (every
/// character that is neither alphanumeric nor white space) deleted, each
/// word Porter-stemmed, words joined by one space.
///
/// ```
/// let n = newsmill_keyphrases::normalize::Normalizer::new();
/// assert_eq!(n.normalize("Princeton-based Economists'"), "princetonbas economist");
/// assert_eq!(n.normalize("  Anton's "), "anton");
/// ```
pub struct Normalizer {
    stemmer: Stemmer,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Normalizer(porter2)")
    }
}

impl Normalizer {
    /// A normalizer with the Porter2 (Snowball English) stemmer.
    pub fn new() -> Normalizer {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The stem of one lower-case word.
    ///
    /// ```
    /// let n = newsmill_keyphrases::normalize::Normalizer::new();
    /// assert_eq!(n.stem("elections"), "elect");
    /// ```
    pub fn stem<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        self.stemmer.stem(word)
    }

    /// The matching form of a phrase (empty when nothing is left).
    pub fn normalize(&self, phrase: &str) -> String {
        let mut cleaned = String::with_capacity(phrase.len());
        for c in phrase.chars() {
            if c.is_whitespace() {
                cleaned.push(' ');
            } else if c.is_alphanumeric() {
                cleaned.extend(c.to_lowercase());
            }
        }
        let mut out = String::with_capacity(cleaned.len());
        for w in cleaned.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.stemmer.stem(w));
        }
        out
    }
}

//! The keyphrase metric of KPCrowd-style evaluations: exact matches of
//! Porter-stemmed, lower-cased, punctuation-free phrases, at a cut-off.
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

/// Precision, recall and F1 of one document (or averaged over many).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Matches / phrases returned.
    pub precision: f64,
    /// Matches / gold keys.
    pub recall: f64,
    /// Harmonic mean of the two (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    /// From counts.
    ///
    /// ```
    /// let s = newsmill_keyphrases::metric::Prf::from_counts(2, 10, 40);
    /// assert!((s.precision - 0.2).abs() < 1e-12 && (s.recall - 0.05).abs() < 1e-12);
    /// assert!((s.f1 - 0.08).abs() < 1e-12);
    /// ```
    pub fn from_counts(matches: usize, returned: usize, gold: usize) -> Prf {
        let m = newsmill_eval::Prf::from_counts(matches, returned, gold);
        Prf {
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
        }
    }
}

/// Normalizes phrases for matching: lower-case, punctuation (every
/// character that is neither alphanumeric nor white space) deleted, each
/// word Porter-stemmed, words joined by one space.
///
/// ```
/// let n = newsmill_keyphrases::metric::Normalizer::new();
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
    /// let n = newsmill_keyphrases::metric::Normalizer::new();
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

/// Scores one document: the first `top` of `predicted` against `gold`.
/// A prediction matches when its normalized form equals that of a gold key
/// not matched yet; P = matches / phrases returned (at most `top`),
/// R = matches / gold keys.
///
/// ```
/// use newsmill_keyphrases::metric::{Normalizer, score_document};
/// let n = Normalizer::new();
/// let s = score_document(&n, &["Elections", "vote"], &["election", "polls", "turnout", "voters"], 10);
/// assert_eq!(s.precision, 0.5);
/// assert_eq!(s.recall, 0.25);
/// ```
pub fn score_document<P: AsRef<str>, G: AsRef<str>>(
    normalizer: &Normalizer,
    predicted: &[P],
    gold: &[G],
    top: usize,
) -> Prf {
    let gold: Vec<String> = gold
        .iter()
        .map(|g| normalizer.normalize(g.as_ref()))
        .collect();
    let mut used = vec![false; gold.len()];
    let returned = predicted.len().min(top);
    let mut matches = 0;
    for p in predicted.iter().take(top) {
        let p = normalizer.normalize(p.as_ref());
        if p.is_empty() {
            continue;
        }
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && gold[i] == p) {
            used[i] = true;
            matches += 1;
        }
    }
    Prf::from_counts(matches, returned, gold.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_strips_and_matches_each_gold_key_once() {
        let n = Normalizer::new();
        // Punctuation goes (hyphens and apostrophes are deleted, not spaces),
        // case goes, every word is stemmed.
        assert_eq!(n.normalize("Two-Year LOW!"), "twoyear low");
        assert_eq!(n.normalize("running races"), "run race");
        assert_eq!(n.normalize("..."), "");
        let gold = ["Anton's", "Anton", "Danish greens", "violence"];
        // "anton" matches "Anton's" first, and then "Anton" — the second
        // prediction with the same stem may take the second gold key, but
        // a third cannot match anything.
        let pred = ["Anton", "anton", "ANTON", "danish green", "violent", "x"];
        let s = score_document(&n, &pred, &gold, 10);
        assert_eq!(s.precision, 3.0 / 6.0);
        assert_eq!(s.recall, 3.0 / 4.0);
        assert!((s.f1 - 0.6).abs() < 1e-12);
        // Only the first `top` predictions count, and P divides by them.
        let s = score_document(&n, &pred, &gold, 2);
        assert_eq!((s.precision, s.recall), (1.0, 0.5));
        // Nothing returned: zeros, no division by zero.
        let s = score_document::<&str, &str>(&n, &[], &gold, 10);
        assert_eq!(s, Prf::default());
    }
}

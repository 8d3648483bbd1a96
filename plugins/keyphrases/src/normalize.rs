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
    lang: usize,
}

/// The languages keyphrases reads (ISO 639-1), in the order of
/// [`Normalizer::lang_index`]: English with its own stop words and Porter2,
/// the others with the stopwords-iso list and their Snowball stemmer.
pub const LANGUAGES: [&str; 5] = ["en", "de", "fr", "es", "ru"];

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Normalizer({})", LANGUAGES[self.lang])
    }
}

impl Normalizer {
    /// A normalizer with the Porter2 (Snowball English) stemmer.
    pub fn new() -> Normalizer {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::English),
            lang: 0,
        }
    }

    /// A normalizer for one of [`LANGUAGES`] (Snowball's stemmer of the
    /// language), `None` for another language.
    ///
    /// ```
    /// let n = newsmill_keyphrases::normalize::Normalizer::for_language("de").unwrap();
    /// assert_eq!(n.stem("regierungen"), "regier");
    /// assert!(newsmill_keyphrases::normalize::Normalizer::for_language("zh").is_none());
    /// ```
    pub fn for_language(code: &str) -> Option<Normalizer> {
        let lang = LANGUAGES.iter().position(|l| *l == code)?;
        let algorithm = match lang {
            0 => Algorithm::English,
            1 => Algorithm::German,
            2 => Algorithm::French,
            3 => Algorithm::Spanish,
            _ => Algorithm::Russian,
        };
        Some(Normalizer {
            stemmer: Stemmer::create(algorithm),
            lang,
        })
    }

    /// The language's index in [`LANGUAGES`].
    pub fn lang_index(&self) -> usize {
        self.lang
    }

    /// The language's code.
    pub fn language(&self) -> &'static str {
        LANGUAGES[self.lang]
    }

    /// Whether `word` (lower-case) is a function word of the language.
    ///
    /// ```
    /// let n = newsmill_keyphrases::normalize::Normalizer::for_language("fr").unwrap();
    /// assert!(n.is_stopword("avec") && !n.is_stopword("gouvernement"));
    /// ```
    pub fn is_stopword(&self, word: &str) -> bool {
        if self.lang == 0 {
            crate::stopwords::is_stopword(word)
        } else {
            crate::stopwords::iso(LANGUAGES[self.lang]).contains(&word)
        }
    }

    /// The language's function words.
    pub fn stopwords(&self) -> &'static [&'static str] {
        if self.lang == 0 {
            crate::stopwords::STOPWORDS
        } else {
            crate::stopwords::iso(LANGUAGES[self.lang])
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

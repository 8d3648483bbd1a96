//! The `stats` extractor: counts and readability of the analysed text
//! (title, standfirst and body; boilerplate and repeats left out), from the
//! tokens and sentences newsmill already has.
//!
//! Output, one annotation about the whole document:
//! `"stats": [{"words": 412, "sentences": 19, "paragraphs": 8, "characters": 2380,
//! "reading_minutes": 1.7, "flesch_reading_ease": 52.3, "flesch_kincaid_grade": 11.2}]`.
//! Reading time assumes 238 words a minute (the mean silent reading rate
//! of adults for non-fiction, Brysbaert 2019). The Flesch scores use an
//! English syllable heuristic and mean little for other languages.
//!
//! ```
//! assert_eq!(newsmill_stats::syllables("readability"), 5);
//! assert_eq!(newsmill_stats::syllables("the"), 1);
//! ```

use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup, Token, TokenKind};

/// Words read per minute for `reading_minutes`.
pub const WORDS_PER_MINUTE: f64 = 238.0;

/// English syllables in a word, by vowel groups (a heuristic: "y" counts
/// as a vowel after the first letter, a final silent "e" is dropped, "-le"
/// after a consonant keeps its syllable; at least one).
///
/// ```
/// assert_eq!(newsmill_stats::syllables("table"), 2);
/// assert_eq!(newsmill_stats::syllables("rhythm"), 1);
/// assert_eq!(newsmill_stats::syllables("government"), 3);
/// ```
pub fn syllables(word: &str) -> u32 {
    let b = word.as_bytes();
    if b.is_empty() {
        return 0;
    }
    let is_vowel = |i: usize| {
        let c = b[i].to_ascii_lowercase();
        matches!(c, b'a' | b'e' | b'i' | b'o' | b'u') || (c == b'y' && i > 0)
    };
    let mut count = 0u32;
    let mut prev = false;
    for i in 0..b.len() {
        let v = is_vowel(i);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let n = b.len();
    let lower_end = |s: &[u8]| b.len() >= s.len() && b[n - s.len()..].eq_ignore_ascii_case(s);
    if n > 2 && lower_end(b"e") && !lower_end(b"le") && !lower_end(b"ee") && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Counts and scores of one text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    /// Word tokens (words, numbers, letters with digits; not punctuation,
    /// not clitics such as "'s").
    pub words: u32,
    /// Sentences.
    pub sentences: u32,
    /// Analysed paragraphs.
    pub paragraphs: u32,
    /// Characters of the analysed paragraphs.
    pub characters: u32,
    /// Syllables of the alphabetic words.
    pub syllables: u32,
}

impl Stats {
    /// Minutes to read at [`WORDS_PER_MINUTE`], one decimal.
    pub fn reading_minutes(&self) -> f64 {
        (f64::from(self.words) / WORDS_PER_MINUTE * 10.0).round() / 10.0
    }

    /// Flesch reading ease (higher is easier; 60-70 is plain English), or
    /// `None` without words or sentences.
    pub fn flesch_reading_ease(&self) -> Option<f64> {
        let (w, s) = (f64::from(self.words), f64::from(self.sentences));
        (w > 0.0 && s > 0.0)
            .then(|| 206.835 - 1.015 * (w / s) - 84.6 * (f64::from(self.syllables) / w))
    }

    /// Flesch-Kincaid grade level, or `None` without words or sentences.
    pub fn flesch_kincaid_grade(&self) -> Option<f64> {
        let (w, s) = (f64::from(self.words), f64::from(self.sentences));
        (w > 0.0 && s > 0.0)
            .then(|| 0.39 * (w / s) + 11.8 * (f64::from(self.syllables) / w) - 15.59)
    }
}

fn is_word(t: &Token) -> bool {
    matches!(
        t.kind,
        TokenKind::WORD
            | TokenKind::NUMBER
            | TokenKind::ALNUM
            | TokenKind::HASHTAG
            | TokenKind::HANDLE
    )
}

/// Count a document view.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// let doc = Doc::analyze(Article::from_text("a", "Rates held\n\nThe bank held rates. It said so."), &AnalyzeOptions::default());
/// let s = newsmill_stats::count(&newsmill_sdk::DocView::from_doc(&doc));
/// assert_eq!((s.words, s.sentences, s.paragraphs), (9, 3, 2));
/// ```
pub fn count(doc: &DocView<'_>) -> Stats {
    let mut s = Stats {
        sentences: doc.sentences.len() as u32,
        ..Stats::default()
    };
    for p in doc.paragraphs.iter().filter(|p| p.kind.is_analysed()) {
        s.paragraphs += 1;
        if let Some(t) = doc.text.get(p.start as usize..p.end as usize) {
            s.characters += t.chars().count() as u32;
        }
    }
    for t in doc.tokens.iter().filter(|t| is_word(t)) {
        s.words += 1;
        if t.kind == TokenKind::WORD {
            s.syllables += syllables(t.text(doc.text));
        }
    }
    s
}

/// The `stats` extractor.
#[derive(Debug)]
pub struct StatsExtractor {
    keys: [u32; 7],
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

impl Extractor for StatsExtractor {
    const NAME: &'static str = "stats";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "tokens,sentences,paragraphs";
    /// Counts work in any language; the readability formulas are emitted
    /// for English articles only.
    const LANGUAGES: &'static str = "*";
    const DESCRIPTION: &'static str =
        "words, sentences, paragraphs, reading time, Flesch readability";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        let names = [
            "words",
            "sentences",
            "paragraphs",
            "characters",
            "reading_minutes",
            "flesch_reading_ease",
            "flesch_kincaid_grade",
        ];
        Ok(StatsExtractor {
            keys: names.map(|n| setup.intern(n)),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let s = count(doc);
        let k = &self.keys;
        let mut a = out
            .document(newsmill_sdk::Annotation::NO_LABEL)
            .int(k[0], i64::from(s.words))
            .int(k[1], i64::from(s.sentences))
            .int(k[2], i64::from(s.paragraphs))
            .int(k[3], i64::from(s.characters))
            .num(k[4], s.reading_minutes());
        // The Flesch formulas count English syllables: English only.
        if doc.language == Some("en") {
            if let Some(f) = s.flesch_reading_ease() {
                a = a.num(k[5], round1(f));
            }
            if let Some(g) = s.flesch_kincaid_grade() {
                a = a.num(k[6], round1(g));
            }
        }
        a.emit()
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(StatsExtractor);

#[cfg(test)]
mod tests {
    use super::*;
    use newsmill_core::{AnalyzeOptions, Article, Doc};

    #[test]
    fn syllable_heuristic_on_common_words() {
        for (w, n) in [
            ("cat", 1),
            ("the", 1),
            ("make", 1),
            ("simple", 2),
            ("people", 2),
            ("agree", 2),
            ("minister", 3),
            ("yesterday", 3),
            ("unbelievable", 5),
            ("I", 1),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn boilerplate_is_not_counted_and_scores_are_sane() {
        let text = "Council backs barrier\n\nThe council voted on Tuesday. Work starts in spring.\n\nShare this article";
        let doc = Doc::analyze(Article::from_text("a", text), &AnalyzeOptions::default());
        let s = count(&DocView::from_doc(&doc));
        assert_eq!(s.paragraphs, 2);
        assert_eq!(s.words, 3 + 5 + 4);
        assert_eq!(s.sentences, 3);
        let ease = s.flesch_reading_ease().unwrap();
        assert!((30.0..110.0).contains(&ease), "{ease}");
        assert_eq!(Stats::default().flesch_reading_ease(), None);
    }

    #[test]
    fn words_of_unspaced_scripts_are_the_segmenter_words() {
        // The core's segmenter splits Chinese into words; stats counts
        // those words, not characters.
        let doc = Doc::analyze(
            Article::from_text("a", "北京大学的学生"),
            &AnalyzeOptions::default(),
        );
        let s = count(&DocView::from_doc(&doc));
        assert_eq!(s.words, 4, "{:?}", doc.tokens);
    }
}

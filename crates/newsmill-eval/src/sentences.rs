//! Sentence-boundary agreement with CoNLL-2003.
//!
//! Each document is split as one region, either on the gold tokens (so only
//! the splitter is measured) or on the tokens of
//! [`newsmill_core::tokenize::tokenize`] (end to end). A boundary is the
//! byte offset where a sentence ends; the end of the document is not
//! counted (every splitter gets it right). Boundaries are compared as sets
//! per document and scored with precision, recall and F1.

use std::fmt::Write as _;

use newsmill_core::{Sentence, Span, Token, TokenKind, sentences, tokenize};
use serde::Serialize;

use crate::Prf;
use crate::conll::ConllDoc;

/// Where the tokens given to the splitter come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokensFrom {
    /// The gold CoNLL tokens (measures the splitter alone).
    Gold,
    /// `newsmill_core::tokenize::tokenize` on the rebuilt text (end to end).
    Tokenizer,
}

impl TokensFrom {
    /// A short name for tables.
    ///
    /// ```
    /// assert_eq!(newsmill_eval::sentences::TokensFrom::Gold.name(), "gold tokens");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            TokensFrom::Gold => "gold tokens",
            TokensFrom::Tokenizer => "tokenizer",
        }
    }
}

/// One boundary the splitter and the gold data disagree on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// Index of the document in the input.
    pub doc: usize,
    /// Byte offset of the boundary in the document text.
    pub offset: u32,
    /// `"missed"` (gold only) or `"spurious"` (predicted only).
    pub kind: &'static str,
    /// What precedes the boundary (see [`boundary_class`]).
    pub class: &'static str,
    /// The text around the boundary, the boundary marked with `‖` and line
    /// breaks shown as `⏎`.
    pub context: String,
}

/// Counts of disagreements of one class.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClassCount {
    /// The class (see [`boundary_class`]).
    pub class: &'static str,
    /// Gold boundaries of this class the splitter missed.
    pub missed: usize,
    /// Predicted boundaries of this class not in the gold data.
    pub spurious: usize,
}

/// Sentence-boundary agreement over a set of documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceAgreement {
    /// Where the tokens came from.
    pub mode: TokensFrom,
    /// Documents measured.
    pub docs: usize,
    /// Gold sentences.
    pub gold_sentences: usize,
    /// Predicted sentences.
    pub predicted_sentences: usize,
    /// Boundaries (sentence ends, not counting the end of each document).
    pub boundaries: Prf,
    /// Sentences whose both ends agree.
    pub exact_sentences: Prf,
    /// Disagreements by class, most frequent first.
    pub by_class: Vec<ClassCount>,
    /// A sample of disagreements: the first [`SAMPLE`] of each kind
    /// (missed, spurious) and class.
    pub sample: Vec<Disagreement>,
}

/// How many disagreements of each kind and class are kept in the sample.
pub const SAMPLE: usize = 12;

/// The classes of [`boundary_class`], in report order.
const CLASSES: [&str; 8] = [
    "period",
    "abbreviation",
    "question/exclamation",
    "ellipsis",
    "quote/bracket",
    "line break",
    "colon/semicolon",
    "other",
];

/// What precedes a boundary at byte `at` of `text`: the last non-space
/// character before it and whether a line break follows.
///
/// ```
/// use newsmill_eval::sentences::boundary_class;
/// assert_eq!(boundary_class("It rained. Then", 10), "period");
/// assert_eq!(boundary_class("in the U.S. The", 11), "abbreviation");
/// assert_eq!(boundary_class("BRUSSELS 1996-08-22\nThe", 19), "line break");
/// ```
pub fn boundary_class(text: &str, at: u32) -> &'static str {
    let before = text.get(..at as usize).unwrap_or("");
    let after = text.get(at as usize..).unwrap_or("");
    let line_break = after
        .chars()
        .take_while(|c| c.is_whitespace())
        .any(|c| c == '\n');
    let mut rev = before.chars().rev();
    let Some(last) = rev.next() else {
        return "other";
    };
    match last {
        '.' => {
            let prev = before[..before.len() - 1].chars().next_back();
            if before.ends_with("...") {
                "ellipsis"
            } else if prev.is_some_and(|c| !c.is_whitespace()) && word_before(before).contains('.')
            {
                "abbreviation"
            } else {
                "period"
            }
        }
        '!' | '?' => "question/exclamation",
        '…' => "ellipsis",
        '"' | '\'' | ')' | ']' | '”' | '’' => {
            if rev.next().is_some_and(|c| matches!(c, '.' | '!' | '?')) {
                "quote/bracket"
            } else if line_break {
                "line break"
            } else {
                "other"
            }
        }
        ':' | ';' if !line_break => "colon/semicolon",
        _ if line_break => "line break",
        _ => "other",
    }
}

/// The white-space-delimited word ending just before the final stop.
fn word_before(before: &str) -> &str {
    let body = &before[..before.len() - 1];
    let start = body.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    &body[start..]
}

/// Measure sentence-boundary agreement of `newsmill_core::sentences::split`
/// with the gold sentences of `docs`.
///
/// ```
/// use newsmill_eval::{conll, sentences::{agreement, TokensFrom}};
/// let docs = conll::parse(
///     "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nit PRP I-NP O\n. . O O\n\nPeter NNP I-NP I-PER\n", "x").unwrap();
/// let a = agreement(&docs, TokensFrom::Gold);
/// assert_eq!(a.boundaries.gold, 1);
/// assert_eq!(a.boundaries.f1, 1.0);
/// ```
pub fn agreement(docs: &[ConllDoc], mode: TokensFrom) -> SentenceAgreement {
    let mut toks: Vec<Token> = Vec::new();
    let mut sents: Vec<Sentence> = Vec::new();
    let mut gold_ends: Vec<u32> = Vec::new();
    let mut pred_ends: Vec<u32> = Vec::new();
    let (mut tp, mut n_pred, mut n_gold) = (0, 0, 0);
    let (mut exact_tp, mut gold_sentences, mut predicted_sentences) = (0, 0, 0);
    let mut counts = [(0usize, 0usize); CLASSES.len()];
    let mut sample = Vec::new();
    let mut kept = [[0usize; 2]; CLASSES.len()];

    for (d, doc) in docs.iter().enumerate() {
        toks.clear();
        sents.clear();
        match mode {
            TokensFrom::Gold => toks.extend(
                doc.tokens
                    .iter()
                    .map(|t| Token::new(t.span.start, t.span.end, TokenKind::default())),
            ),
            TokensFrom::Tokenizer => {
                tokenize::tokenize(&doc.text, Span::new(0, doc.text.len() as u32), &mut toks)
            }
        }
        sentences::split(&doc.text, &toks, 0, &mut sents);
        gold_sentences += doc.sentences.len();
        predicted_sentences += sents.len();

        let gold_spans: Vec<(u32, u32)> = doc
            .sentences
            .iter()
            .filter(|&&(a, b)| b > a)
            .map(|&(a, b)| (doc.tokens[a].span.start, doc.tokens[b - 1].span.end))
            .collect();
        let pred_spans: Vec<(u32, u32)> = sents.iter().map(|s| (s.start, s.end)).collect();
        exact_tp += pred_spans
            .iter()
            .filter(|p| gold_spans.binary_search(p).is_ok())
            .count();

        let doc_end = doc.tokens.last().map_or(0, |t| t.span.end);
        gold_ends.clear();
        gold_ends.extend(gold_spans.iter().map(|s| s.1).filter(|&e| e < doc_end));
        pred_ends.clear();
        pred_ends.extend(
            pred_spans
                .iter()
                .map(|s| s.1)
                .filter(|&e| e < toks.last().map_or(0, |t| t.end)),
        );
        gold_ends.dedup();
        pred_ends.dedup();
        n_gold += gold_ends.len();
        n_pred += pred_ends.len();

        let (mut g, mut p) = (0, 0);
        while g < gold_ends.len() || p < pred_ends.len() {
            let (ge, pe) = (gold_ends.get(g).copied(), pred_ends.get(p).copied());
            let (offset, missed) = match (ge, pe) {
                (Some(a), Some(b)) if a == b => {
                    tp += 1;
                    g += 1;
                    p += 1;
                    continue;
                }
                (Some(a), Some(b)) if a < b => {
                    g += 1;
                    (a, true)
                }
                (Some(a), None) => {
                    g += 1;
                    (a, true)
                }
                (_, Some(b)) => {
                    p += 1;
                    (b, false)
                }
                (None, None) => break,
            };
            let class = boundary_class(&doc.text, offset);
            let ci = CLASSES.iter().position(|c| *c == class).unwrap_or(0);
            if missed {
                counts[ci].0 += 1;
            } else {
                counts[ci].1 += 1;
            }
            let kept = &mut kept[ci][usize::from(!missed)];
            if *kept < SAMPLE {
                *kept += 1;
                sample.push(Disagreement {
                    doc: d,
                    offset,
                    kind: if missed { "missed" } else { "spurious" },
                    class,
                    context: context(&doc.text, offset),
                });
            }
        }
    }

    sample.sort_by_key(|d| (CLASSES.iter().position(|c| *c == d.class), d.kind));
    let mut by_class: Vec<ClassCount> = CLASSES
        .iter()
        .zip(counts)
        .filter(|(_, (m, s))| m + s > 0)
        .map(|(c, (m, s))| ClassCount {
            class: c,
            missed: m,
            spurious: s,
        })
        .collect();
    by_class.sort_by_key(|c| std::cmp::Reverse(c.missed + c.spurious));

    SentenceAgreement {
        mode,
        docs: docs.len(),
        gold_sentences,
        predicted_sentences,
        boundaries: Prf::from_counts(tp, n_pred, n_gold),
        exact_sentences: Prf::from_counts(exact_tp, predicted_sentences, gold_sentences),
        by_class,
        sample,
    }
}

/// Up to 40 bytes either side of `at`, boundary marked `‖`, line breaks `⏎`.
fn context(text: &str, at: u32) -> String {
    let at = at as usize;
    let mut a = at.saturating_sub(40);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 40).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let mut s = String::with_capacity(b - a + 8);
    for (part, mark) in [(&text[a..at], "‖"), (&text[at..b], "")] {
        for c in part.chars() {
            if c == '\n' {
                s.push('⏎');
            } else {
                s.push(c);
            }
        }
        s.push_str(mark);
    }
    s
}

impl SentenceAgreement {
    /// A plain-text table: scores, disagreement classes, then the sample.
    ///
    /// ```
    /// use newsmill_eval::{conll, sentences::{agreement, TokensFrom}};
    /// let docs = conll::parse("-DOCSTART- -X- O O\n\nIt PRP I-NP O\n. . O O\n\nYes UH I-NP O\n", "x").unwrap();
    /// let table = agreement(&docs, TokensFrom::Tokenizer).report();
    /// assert!(table.contains("boundaries"));
    /// ```
    pub fn report(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "sentence boundaries ({}): {} docs, {} gold sentences, {} predicted",
            self.mode.name(),
            self.docs,
            self.gold_sentences,
            self.predicted_sentences
        );
        let _ = writeln!(
            s,
            "{:<12} {:>8} {:>8} {:>8} {:>7} {:>7} {:>7}",
            "", "tp", "pred", "gold", "P", "R", "F1"
        );
        for (name, p) in [
            ("boundaries", &self.boundaries),
            ("sentences", &self.exact_sentences),
        ] {
            let _ = writeln!(
                s,
                "{:<12} {:>8} {:>8} {:>8} {:>7.4} {:>7.4} {:>7.4}",
                name, p.tp, p.predicted, p.gold, p.precision, p.recall, p.f1
            );
        }
        if !self.by_class.is_empty() {
            let _ = writeln!(
                s,
                "\n{:<22} {:>8} {:>8}",
                "disagreements", "missed", "spurious"
            );
            for c in &self.by_class {
                let _ = writeln!(s, "{:<22} {:>8} {:>8}", c.class, c.missed, c.spurious);
            }
        }
        if !self.sample.is_empty() {
            let _ = writeln!(s, "\nsample:");
            for d in &self.sample {
                let _ = writeln!(
                    s,
                    "  {:<8} {:<20} doc {:>4} @{:<6} {}",
                    d.kind, d.class, d.doc, d.offset, d.context
                );
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll;

    fn data_root() -> String {
        crate::data_dir().to_string_lossy().into_owned()
    }

    #[test]
    fn perfect_and_imperfect_agreement() {
        let docs = conll::parse(
            "-DOCSTART- -X- O O\n\nMr. NNP O O\nSmith NNP O O\nleft VBD O O\n. . O O\n\n\
             He PRP O O\nsaid VBD O O\nno DT O O\n. . O O\n\nBRUSSELS NNP O O\n1996-08-22 CD O O\n\n\
             Fine JJ O O\n",
            "x",
        )
        .unwrap();
        assert_eq!(
            docs[0].text,
            "Mr. Smith left.\nHe said no. BRUSSELS 1996-08-22\nFine\n"
        );
        for mode in [TokensFrom::Gold, TokensFrom::Tokenizer] {
            let a = agreement(&docs, mode);
            assert_eq!(a.boundaries.gold, 3, "{mode:?}");
            assert_eq!(a.boundaries.tp, 3, "{mode:?}\n{}", a.report());
            assert_eq!(a.boundaries.predicted, 3, "{mode:?}");
            assert_eq!(a.exact_sentences.tp, 4);
        }
        // A gold boundary the splitter cannot see: "in the U.S." then a name.
        let docs = conll::parse(
            "-DOCSTART- -X- O O\n\nIt NN O O\nwas VBD O O\nin IN O O\nthe DT O O\nU.S. NNP O O\n\n\
             Smith NNP O O\nleft VBD O O\n. . O O\n",
            "x",
        )
        .unwrap();
        let a = agreement(&docs, TokensFrom::Gold);
        assert_eq!(
            (a.boundaries.tp, a.boundaries.gold),
            (1, 1),
            "{}",
            a.report()
        );
        let docs = conll::parse(
            "-DOCSTART- -X- O O\n\nIt NN O O\nwas VBD O O\nin IN O O\nthe DT O O\nU.S. NNP O O\n\
             Smith NNP O O\nleft VBD O O\n. . O O\n\nThen RB O O\nwent VBD O O\n. . O O\n",
            "x",
        )
        .unwrap();
        let a = agreement(&docs, TokensFrom::Gold);
        assert_eq!(
            (a.boundaries.tp, a.boundaries.gold),
            (1, 1),
            "{}",
            a.report()
        );
    }

    #[test]
    fn agreement_on_conll2003() {
        let root = data_root();
        for split in ["eng.train", "eng.testa"] {
            let path = format!("{root}/conll2003/{split}");
            if !std::path::Path::new(&path).exists() {
                crate::skip_or_fail(&format!("CoNLL-2003 {split} not found at {path}"));
                continue;
            }
            let docs = conll::read_file(&path).unwrap();
            for mode in [TokensFrom::Gold, TokensFrom::Tokenizer] {
                let a = agreement(&docs, mode);
                println!("== {split}\n{}", a.report());
                assert!(a.boundaries.gold > 1000);
                // Measured 0.980 (train) and 0.985 (testa) in both modes; the
                // rest is mostly CoNLL's line-per-sentence tables.
                let floor = match mode {
                    TokensFrom::Gold => 0.97,
                    TokensFrom::Tokenizer => 0.95,
                };
                assert!(
                    a.boundaries.f1 > floor,
                    "{split} {mode:?}: boundary F1 {:.4}",
                    a.boundaries.f1
                );
            }
        }
    }
}

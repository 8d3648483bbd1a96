//! Token agreement: how far the tokenizer's spans match CoNLL-2003's gold
//! tokens on the rebuilt running text, and where they differ.
//!
//! A gold token counts as found when a predicted token has exactly its byte
//! span. Where they differ, the smallest stretch of text on which gold and
//! predicted token boundaries agree again is one *disagreement*: for example
//! gold `U.S` `.` against our `U.S.`. Disagreements are counted by their
//! exact text and by their *shape* (letters as `a`/`A`, digits as `9`), so
//! that a developer sees both the frequent cases and the classes.

use crate::Prf;
use crate::conll::ConllDoc;
use newsmill_core::{Span, Token, tokenize::tokenize};
use serde::Serialize;
use std::collections::HashMap;

/// How many disagreement patterns [`agreement`] keeps in each table.
///
/// ```
/// assert_eq!(newsmill_eval::tokens::TOP_PATTERNS, 20);
/// ```
pub const TOP_PATTERNS: usize = 20;

/// One kind of disagreement, with how often it occurs.
///
/// ```
/// use newsmill_eval::{conll, tokens};
/// // Gold splits "U.S" "." before "Treasury"; the tokenizer keeps "U.S.".
/// let docs = conll::parse(
///     "-DOCSTART- -X- O O\n\nNews NN O O\n\nthe DT O O\nU.S NNP O O\n. . O O\n\nTreasury NNP O O\n",
///     "x",
/// )
/// .unwrap();
/// let a = tokens::agreement(&docs);
/// let d = &a.top[0];
/// assert_eq!((d.gold.as_str(), d.ours.as_str(), d.count), ("U.S|.", "U.S.", 1));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// Gold tokens of the stretch, separated by `|` (e.g. `U.S|.`).
    pub gold: String,
    /// Our tokens of the same stretch (e.g. `U.S.`).
    pub ours: String,
    /// Occurrences.
    pub count: usize,
    /// The first occurrence with up to 30 bytes of context either side,
    /// line breaks shown as `⏎`.
    pub example: String,
}

/// Agreement of the tokenizer with gold tokens (see [`agreement`]).
///
/// ```
/// use newsmill_eval::{conll, tokens};
/// let docs = conll::parse("-DOCSTART- -X- O O\n\nIt PRP O O\nis VBZ O O\nn't RB O O\n. . O O\n", "x").unwrap();
/// let a = tokens::agreement(&docs);
/// assert_eq!((a.prf.tp, a.prf.gold, a.prf.predicted), (4, 4, 4));
/// assert_eq!(a.disagreements, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TokenAgreement {
    /// Documents compared.
    pub documents: usize,
    /// Precision, recall and F1 of exact token spans.
    pub prf: Prf,
    /// Stretches of text where gold and ours differ.
    pub disagreements: usize,
    /// The most frequent disagreements by exact text, most frequent first.
    pub top: Vec<Disagreement>,
    /// The most frequent disagreements by shape (`a` lower-case letters,
    /// `A` upper-case, `9` digits, runs collapsed), most frequent first.
    pub top_shapes: Vec<Disagreement>,
}

impl TokenAgreement {
    /// A human-readable summary: the scores, then the tables of the most
    /// frequent disagreements.
    ///
    /// ```
    /// use newsmill_eval::{conll, tokens};
    /// let docs = conll::parse("-DOCSTART- -X- O O\n\nIt NN O O\nworks VB O O\n. . O O\n", "x").unwrap();
    /// let a = tokens::agreement(&docs);
    /// assert!(a.report().contains("F1 100.00"));
    /// ```
    pub fn report(&self) -> String {
        let p = &self.prf;
        let mut s = format!(
            "token agreement over {} documents: P {:.2}  R {:.2}  F1 {:.2}  \
             ({} gold, {} ours, {} exact matches, {} disagreements)\n",
            self.documents,
            100.0 * p.precision,
            100.0 * p.recall,
            100.0 * p.f1,
            p.gold,
            p.predicted,
            p.tp,
            self.disagreements,
        );
        for (title, rows) in [
            ("most frequent disagreements", &self.top),
            ("by shape", &self.top_shapes),
        ] {
            if rows.is_empty() {
                continue;
            }
            let gw = rows
                .iter()
                .map(|d| d.gold.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            let ow = rows
                .iter()
                .map(|d| d.ours.chars().count())
                .max()
                .unwrap_or(4)
                .max(4);
            s.push_str(&format!(
                "\n{title}:\n{:>6}  {:<gw$}  {:<ow$}  example\n",
                "count", "gold", "ours"
            ));
            for d in rows {
                s.push_str(&format!(
                    "{:>6}  {:<gw$}  {:<ow$}  {}\n",
                    d.count, d.gold, d.ours, d.example
                ));
            }
        }
        s
    }
}

/// Tokenize each document's rebuilt text and compare with its gold tokens.
///
/// ```
/// use newsmill_eval::{conll, tokens};
/// let docs = conll::parse(
///     "-DOCSTART- -X- O O\n\nHe NN O O\nlives VB O O\nin IN O O\nthe DT O O\nU.S NNP O O\n. . O O\n",
///     "x",
/// )
/// .unwrap();
/// let a = tokens::agreement(&docs);
/// assert_eq!(a.prf.gold, 6);
/// assert_eq!(a.prf.tp, 6);
/// ```
pub fn agreement(docs: &[ConllDoc]) -> TokenAgreement {
    let mut tp = 0;
    let mut predicted = 0;
    let mut gold_n = 0;
    let mut stretches = 0;
    let mut exact: HashMap<(String, String), (usize, String)> = HashMap::new();
    let mut shapes: HashMap<(String, String), (usize, String)> = HashMap::new();
    let mut ours: Vec<Token> = Vec::new();
    for doc in docs {
        ours.clear();
        let text = doc.text.as_str();
        tokenize(text, Span::new(0, text.len() as u32), &mut ours);
        let gold: Vec<Span> = doc.tokens.iter().map(|t| t.span).collect();
        let pred: Vec<Span> = ours.iter().map(Token::span).collect();
        predicted += pred.len();
        gold_n += gold.len();
        let (matched, diffs) = compare(&gold, &pred);
        tp += matched;
        stretches += diffs.len();
        for (g, p) in diffs {
            let gs = join(text, g);
            let ps = join(text, p);
            let example = context(text, g, p);
            let e = exact
                .entry((gs.clone(), ps.clone()))
                .or_insert_with(|| (0, example.clone()));
            e.0 += 1;
            let e = shapes
                .entry((shape(&gs), shape(&ps)))
                .or_insert_with(|| (0, example));
            e.0 += 1;
        }
    }
    TokenAgreement {
        documents: docs.len(),
        prf: Prf::from_counts(tp, predicted, gold_n),
        disagreements: stretches,
        top: top(exact),
        top_shapes: top(shapes),
    }
}

/// Exact matches, and the differing stretches as (gold, ours) slices.
#[allow(clippy::type_complexity)]
fn compare<'a>(gold: &'a [Span], pred: &'a [Span]) -> (usize, Vec<(&'a [Span], &'a [Span])>) {
    let (mut i, mut j) = (0, 0);
    let mut tp = 0;
    let mut diffs = Vec::new();
    while i < gold.len() || j < pred.len() {
        if i < gold.len() && j < pred.len() && gold[i] == pred[j] {
            tp += 1;
            i += 1;
            j += 1;
            continue;
        }
        // A differing stretch: grow it until both sides end at one offset.
        let (gi, pj) = (i, j);
        let mut end = 0u32;
        if i < gold.len() {
            end = end.max(gold[i].end);
            i += 1;
        }
        if j < pred.len() {
            end = end.max(pred[j].end);
            j += 1;
        }
        loop {
            let mut grew = false;
            while i < gold.len() && gold[i].start < end {
                end = end.max(gold[i].end);
                i += 1;
                grew = true;
            }
            while j < pred.len() && pred[j].start < end {
                end = end.max(pred[j].end);
                j += 1;
                grew = true;
            }
            if !grew {
                break;
            }
        }
        diffs.push((&gold[gi..i], &pred[pj..j]));
    }
    (tp, diffs)
}

fn join(text: &str, spans: &[Span]) -> String {
    let v: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
    if v.is_empty() {
        "∅".to_string()
    } else {
        v.join("|")
    }
}

fn context(text: &str, g: &[Span], p: &[Span]) -> String {
    let starts = g.iter().chain(p).map(|s| s.start as usize);
    let ends = g.iter().chain(p).map(|s| s.end as usize);
    let (Some(a), Some(b)) = (starts.min(), ends.max()) else {
        return String::new();
    };
    let mut lo = a.saturating_sub(30);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (b + 30).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    format!("{}[{}]{}", &text[lo..a], &text[a..b], &text[b..hi]).replace('\n', "⏎")
}

/// Letters to `a`/`A`, digits to `9`, runs of one class collapsed.
fn shape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        let m = if c.is_lowercase() {
            'a'
        } else if c.is_uppercase() {
            'A'
        } else if c.is_numeric() {
            '9'
        } else {
            c
        };
        if Some(m) != prev || !matches!(m, 'a' | 'A' | '9') {
            out.push(m);
        }
        prev = Some(m);
    }
    out
}

fn top(map: HashMap<(String, String), (usize, String)>) -> Vec<Disagreement> {
    let mut v: Vec<Disagreement> = map
        .into_iter()
        .map(|((gold, ours), (count, example))| Disagreement {
            gold,
            ours,
            count,
            example,
        })
        .collect();
    v.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.gold.cmp(&b.gold))
            .then_with(|| a.ours.cmp(&b.ours))
    });
    v.truncate(TOP_PATTERNS);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conll;

    fn data_file(name: &str) -> String {
        let root = crate::data_dir();
        format!("{}/conll2003/{name}", root.display())
    }

    #[test]
    fn compare_groups_stretches() {
        let gold = [Span::new(0, 3), Span::new(3, 4), Span::new(5, 7)];
        let pred = [Span::new(0, 4), Span::new(5, 7)];
        let (tp, diffs) = compare(&gold, &pred);
        assert_eq!(tp, 1);
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].0.len(), 2);
        assert_eq!(diffs[0].1.len(), 1);
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("U.S."), "A.A.");
        assert_eq!(shape("1,000"), "9,9");
        assert_eq!(shape("Durov's"), "Aa'a");
    }

    #[test]
    fn small_document_agrees() {
        let docs = conll::parse(
            "-DOCSTART- -X- O O\n\nIt PRP O O\ndid VBD O O\nn't RB O O\ncost VB O O\n$ $ O O\n1.13 CD O O\nmillion CD O O\n, , O O\nsaid VBD O O\nMr. NNP O O\nSmith NNP O O\n. . O O\n",
            "x",
        )
        .unwrap();
        assert_eq!(
            docs[0].text,
            "It didn't cost $1.13 million, said Mr. Smith.\n"
        );
        let a = agreement(&docs);
        assert_eq!(a.prf.tp, 12, "{}", a.report());
        assert!(a.top.is_empty());
    }

    /// Agreement on the real CoNLL-2003 files (train and development
    /// splits), when the data is present.
    #[test]
    fn conll_agreement() {
        for name in ["eng.train", "eng.testa"] {
            let path = data_file(name);
            if !std::path::Path::new(&path).exists() {
                crate::skip_or_fail(&format!("CoNLL data not found at {path}"));
                return;
            }
            let docs = conll::read_file(&path).unwrap();
            let a = agreement(&docs);
            eprintln!("{name}: {}", a.report());
            assert!(a.prf.f1 > 0.99, "{name}: {}", a.report());
        }
    }
}

//! PolNeAR (political news attribution) gold data and the quote measures.
//!
//! A PolNeAR directory holds `text/NAME.txt` and
//! `attributions/NAME_xxxx.ann` (brat standoff by annotator `xxxx`): `T`
//! lines for `Source`, `Cue` and `Content` spans (character offsets, `;`
//! between the parts of a discontinuous span) and `E` lines tying the
//! parts of one attribution together. Some articles were annotated by
//! several annotators; [`read_dir`] keeps **one annotator per article**:
//! the first one `metadata.tsv` (in the directory or its parent) lists for
//! it, else the alphabetically first file.
//!
//! An attribution is **direct** when its content, trimmed of white space,
//! starts with a quotation mark and ends with one (a closing mark may be
//! followed by `.`, `,`, `;`, `:`, `!` or `?`); **mixed** when it is not
//! direct but holds a quotation mark; **indirect** otherwise.
//!
//! [`score`] matches predicted content spans to gold ones one to one
//! (greedily, largest overlap first) and counts a speaker as right when the
//! predicted speaker span overlaps the gold source span (or both are
//! absent).
//!
//! ```
//! use newsmill_eval::polnear::{Kind, kind_of};
//! assert_eq!(kind_of("“We won,”"), Kind::Direct);
//! assert_eq!(kind_of("''We won,''"), Kind::Direct);
//! assert_eq!(kind_of("that he was “too free”"), Kind::Mixed);
//! assert_eq!(kind_of("that there were no talks"), Kind::Indirect);
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::{EvalError, Prf};

/// A byte range of a document's text.
pub type Range = (usize, usize);

/// Direct, indirect or mixed (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Kind {
    /// Wholly inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech with a quoted part.
    Mixed,
}

impl Kind {
    /// `direct`, `indirect` or `mixed`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
        }
    }
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// The kind of a content text.
pub fn kind_of(content: &str) -> Kind {
    // Some papers write two apostrophes for a double quotation mark.
    let s = content.trim().replace("''", "\"");
    let s = s.as_str();
    let end = s.trim_end_matches(['.', ',', ';', ':', '!', '?', ' ']);
    let starts = s.chars().next().is_some_and(is_quote_mark);
    let ends = end.chars().next_back().is_some_and(is_quote_mark)
        || s.chars().next_back().is_some_and(is_quote_mark);
    if starts && ends && s.chars().count() > 1 {
        Kind::Direct
    } else if s.chars().any(is_quote_mark) {
        Kind::Mixed
    } else {
        Kind::Indirect
    }
}

/// One gold attribution (byte ranges into the document text).
#[derive(Clone, Debug)]
pub struct Attribution {
    /// Content parts (one, or several for a discontinuous span).
    pub content: Vec<Range>,
    /// Source parts, when annotated.
    pub source: Vec<Range>,
    /// Cue parts, when annotated.
    pub cue: Vec<Range>,
    /// Direct, indirect or mixed.
    pub kind: Kind,
}

impl Attribution {
    /// From the first part's start to the last part's end.
    pub fn extent(&self) -> Range {
        extent(&self.content)
    }
}

fn extent(parts: &[Range]) -> Range {
    let a = parts.iter().map(|p| p.0).min().unwrap_or(0);
    let b = parts.iter().map(|p| p.1).max().unwrap_or(0);
    (a, b)
}

/// One annotated article.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file name without extension and annotator suffix.
    pub name: String,
    /// The annotator whose file was read.
    pub annotator: String,
    /// The article text.
    pub text: String,
    /// The attributions.
    pub attributions: Vec<Attribution>,
}

/// A predicted attribution, as scored.
#[derive(Clone, Debug, Default)]
pub struct Predicted {
    /// Content (byte range; a split quote is one range over both parts).
    pub content: Range,
    /// Speaker span as written, if found.
    pub speaker: Option<Range>,
    /// Whether the extractor called it direct.
    pub direct: bool,
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// The first annotator listed for each article in `metadata.tsv`.
fn first_annotators(dir: &Path) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for p in [dir.join("metadata.tsv"), dir.join("../metadata.tsv")] {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let (Some(name), Some(ann)) = (cols.get(1), cols.get(3))
                && let Some(first) = ann.split('|').next()
            {
                map.insert(name.to_string(), first.to_string());
            }
        }
        break;
    }
    map
}

/// Char offset -> byte offset table of `text` (one entry per char, plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// Parse one brat file against its text.
///
/// ```
/// let text = "Lavrov said it was over.";
/// let ann = "T1\tSource 0 6\tLavrov\nT2\tCue 7 11\tsaid\nT3\tContent 12 23\tit was over\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
/// let a = newsmill_eval::polnear::parse_ann("x.ann", ann, text).unwrap();
/// assert_eq!(a.len(), 1);
/// assert_eq!(a[0].content, vec![(12, 23)]);
/// assert_eq!(a[0].source, vec![(0, 6)]);
/// ```
pub fn parse_ann(path: &str, ann: &str, text: &str) -> Result<Vec<Attribution>, EvalError> {
    let c2b = char_to_byte(text);
    let mut spans: HashMap<&str, Vec<Range>> = HashMap::new();
    let mut events = Vec::new();
    let bad = |line: usize, message: String| EvalError::Format {
        path: path.to_string(),
        line,
        message,
    };
    for (i, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        // A mention text with a line break continues on the next lines.
        let numbered = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !numbered {
            continue;
        }
        if id.starts_with('T') {
            let (_label, offs) = body
                .split_once(' ')
                .ok_or_else(|| bad(i + 1, format!("no offsets in {body:?}")))?;
            let mut parts = Vec::new();
            for part in offs.split(';') {
                let mut it = part.split_whitespace().map(str::parse::<usize>);
                match (it.next(), it.next()) {
                    (Some(Ok(a)), Some(Ok(b))) if a <= b && b < c2b.len() => {
                        parts.push((c2b[a], c2b[b]));
                    }
                    _ => return Err(bad(i + 1, format!("bad offsets {part:?}"))),
                }
            }
            spans.insert(id, parts);
        } else if id.starts_with('E') {
            events.push((i + 1, body));
        }
    }
    let mut out = Vec::new();
    for (line, body) in events {
        let mut a = Attribution {
            content: Vec::new(),
            source: Vec::new(),
            cue: Vec::new(),
            kind: Kind::Indirect,
        };
        for arg in body.split_whitespace().skip(1) {
            let Some((role, id)) = arg.split_once(':') else {
                return Err(bad(line, format!("bad argument {arg:?}")));
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            let parts = spans
                .get(id)
                .ok_or_else(|| bad(line, format!("unknown span {id}")))?;
            match role {
                "Content" => a.content.extend_from_slice(parts),
                "Source" => a.source.extend_from_slice(parts),
                "Cue" => a.cue.extend_from_slice(parts),
                _ => {}
            }
        }
        if a.content.is_empty() {
            continue;
        }
        a.content.sort_unstable();
        let (s, e) = a.extent();
        a.kind = kind_of(text.get(s..e).unwrap_or(""));
        out.push(a);
    }
    out.sort_by_key(|a| a.extent());
    Ok(out)
}

/// Read a PolNeAR split directory (with `text/` and `attributions/`),
/// one annotator per article (see the module documentation).
pub fn read_dir(dir: &Path) -> Result<Vec<Document>, EvalError> {
    let first = first_annotators(dir);
    let adir = dir.join("attributions");
    let rd = std::fs::read_dir(&adir).map_err(|source| EvalError::Read {
        path: adir.display().to_string(),
        source,
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    files.sort();
    // name -> (annotator, path), keeping the preferred annotator.
    let mut chosen: Vec<(String, String, PathBuf)> = Vec::new();
    for p in files {
        let stem = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let (name, annotator) = match stem.rsplit_once('_') {
            Some((n, a)) if a.len() == 4 => (n.to_string(), a.to_string()),
            _ => (stem.clone(), String::new()),
        };
        match chosen.iter_mut().find(|c| c.0 == name) {
            None => chosen.push((name, annotator, p)),
            Some(c) => {
                if first.get(&name) == Some(&annotator) && first.get(&name) != Some(&c.1) {
                    *c = (name, annotator, p);
                }
            }
        }
    }
    let mut docs = Vec::with_capacity(chosen.len());
    for (name, annotator, p) in chosen {
        let text = read(&dir.join("text").join(format!("{name}.txt")))?;
        let ann = read(&p)?;
        let attributions = parse_ann(&p.display().to_string(), &ann, &text)?;
        docs.push(Document {
            name,
            annotator,
            text,
            attributions,
        });
    }
    Ok(docs)
}

fn overlap(a: Range, b: Range) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn overlaps_any(a: Range, parts: &[Range]) -> bool {
    parts.iter().any(|&p| overlap(a, p) > 0)
}

/// Content spans compared after trimming white space and punctuation at
/// both ends (so `that X.` and `that X` are the same exact span).
fn trim(text: &str, (a, b): Range) -> Range {
    let s = text.get(a..b).unwrap_or("");
    let junk = |c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':');
    let lead = s.len() - s.trim_start_matches(junk).len();
    let trail = s.len() - s.trim_end_matches(junk).len();
    if lead + trail >= s.len() {
        (a, b)
    } else {
        (a + lead, b - trail)
    }
}

/// The measures of [`score`].
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// All attributions, exact content match (after trimming).
    pub exact: Prf,
    /// All attributions, overlap match.
    pub overlap: Prf,
    /// Of the overlap matches, how many have the right speaker.
    pub speaker_right: usize,
    /// Direct quotes (gold direct vs predicted direct), overlap match.
    pub direct: Prf,
    /// Direct quotes, exact match.
    pub direct_exact: Prf,
    /// Of the direct overlap matches, how many have the right speaker.
    pub direct_speaker_right: usize,
}

impl Report {
    /// Share of overlap-matched attributions with the right speaker.
    pub fn speaker_accuracy(&self) -> f64 {
        self.speaker_right as f64 / self.overlap.tp.max(1) as f64
    }

    /// Share of overlap-matched direct quotes with the right speaker.
    pub fn direct_speaker_accuracy(&self) -> f64 {
        self.direct_speaker_right as f64 / self.direct.tp.max(1) as f64
    }

    /// The printed table.
    pub fn table(&self) -> String {
        let row = |name: &str, p: &Prf, spk: Option<(usize, f64)>| {
            format!(
                "{:<26} {:>6.1} {:>6.1} {:>6.1} {:>6} {:>6} {:>6}{}\n",
                name,
                100.0 * p.precision,
                100.0 * p.recall,
                100.0 * p.f1,
                p.tp,
                p.predicted,
                p.gold,
                spk.map_or(String::new(), |(n, a)| format!(
                    "   speaker right {n}/{} = {:.1}%",
                    p.tp,
                    100.0 * a
                ))
            )
        };
        let mut s = format!(
            "{:<26} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
            "content spans", "P", "R", "F1", "match", "found", "gold"
        );
        s.push_str(&row("all, exact", &self.exact, None));
        s.push_str(&row(
            "all, overlap",
            &self.overlap,
            Some((self.speaker_right, self.speaker_accuracy())),
        ));
        s.push_str(&row("direct, exact", &self.direct_exact, None));
        s.push_str(&row(
            "direct, overlap",
            &self.direct,
            Some((self.direct_speaker_right, self.direct_speaker_accuracy())),
        ));
        s
    }
}

/// One document's matching: for each gold attribution, the index of the
/// predicted one matched to it by overlap.
///
/// ```
/// use newsmill_eval::polnear::{Attribution, Kind, Predicted, match_overlap};
/// let gold = vec![Attribution { content: vec![(10, 20)], source: vec![], cue: vec![], kind: Kind::Indirect }];
/// let pred = vec![Predicted { content: (15, 30), speaker: None, direct: false }];
/// assert_eq!(match_overlap(&gold, &pred), vec![Some(0)]);
/// ```
pub fn match_overlap(gold: &[Attribution], pred: &[Predicted]) -> Vec<Option<usize>> {
    let mut pairs = Vec::new();
    for (g, ga) in gold.iter().enumerate() {
        for (p, pa) in pred.iter().enumerate() {
            let o: usize = ga.content.iter().map(|&c| overlap(c, pa.content)).sum();
            if o > 0 {
                pairs.push((o, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut g_used = vec![None; gold.len()];
    let mut p_used = vec![false; pred.len()];
    for (_, g, p) in pairs {
        if g_used[g].is_none() && !p_used[p] {
            g_used[g] = Some(p);
            p_used[p] = true;
        }
    }
    g_used
}

fn speaker_right(g: &Attribution, p: &Predicted) -> bool {
    match p.speaker {
        None => g.source.is_empty(),
        Some(s) => overlaps_any(s, &g.source),
    }
}

/// Counts of one document, to add up.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    exact_tp: usize,
    tp: usize,
    pred: usize,
    gold: usize,
    spk: usize,
}

fn count(text: &str, gold: &[&Attribution], pred: &[&Predicted]) -> Counts {
    let g_owned: Vec<Attribution> = gold.iter().map(|a| (*a).clone()).collect();
    let p_owned: Vec<Predicted> = pred.iter().map(|p| (*p).clone()).collect();
    let m = match_overlap(&g_owned, &p_owned);
    let mut c = Counts {
        pred: pred.len(),
        gold: gold.len(),
        ..Counts::default()
    };
    let mut p_exact = vec![false; pred.len()];
    for (g, ga) in gold.iter().enumerate() {
        if let Some(p) = m[g] {
            c.tp += 1;
            if speaker_right(ga, pred[p]) {
                c.spk += 1;
            }
        }
        let ge = trim(text, ga.extent());
        if let Some(p) = pred
            .iter()
            .enumerate()
            .position(|(i, pa)| !p_exact[i] && trim(text, pa.content) == ge)
        {
            p_exact[p] = true;
            c.exact_tp += 1;
        }
    }
    c
}

/// Score predictions against gold: `pred[i]` belongs to `docs[i]`.
pub fn score(docs: &[Document], pred: &[Vec<Predicted>]) -> Report {
    let mut r = Report {
        documents: docs.len(),
        ..Report::default()
    };
    let (mut all, mut dir) = (Counts::default(), Counts::default());
    for (d, p) in docs.iter().zip(pred) {
        let g_all: Vec<&Attribution> = d.attributions.iter().collect();
        let p_all: Vec<&Predicted> = p.iter().collect();
        let g_dir: Vec<&Attribution> = d
            .attributions
            .iter()
            .filter(|a| a.kind == Kind::Direct)
            .collect();
        let p_dir: Vec<&Predicted> = p.iter().filter(|q| q.direct).collect();
        for (acc, c) in [
            (&mut all, count(&d.text, &g_all, &p_all)),
            (&mut dir, count(&d.text, &g_dir, &p_dir)),
        ] {
            acc.exact_tp += c.exact_tp;
            acc.tp += c.tp;
            acc.pred += c.pred;
            acc.gold += c.gold;
            acc.spk += c.spk;
        }
    }
    r.exact = Prf::from_counts(all.exact_tp, all.pred, all.gold);
    r.overlap = Prf::from_counts(all.tp, all.pred, all.gold);
    r.speaker_right = all.spk;
    r.direct = Prf::from_counts(dir.tp, dir.pred, dir.gold);
    r.direct_exact = Prf::from_counts(dir.exact_tp, dir.pred, dir.gold);
    r.direct_speaker_right = dir.spk;
    r
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn kinds_and_scores() {
        let text = "“It is over,” Lavrov said. He said that talks failed.";
        let ann = "T1\tContent 0 13\t“It is over,”\nT2\tSource 14 20\tLavrov\nT3\tCue 21 25\tsaid\nE1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\nT4\tSource 27 29\tHe\nT5\tContent 35 52\tthat talks failed\nE2\tAttribution:T3 Content:T5 Source:T4\n";
        let gold = parse_ann("t.ann", ann, text).unwrap();
        assert_eq!(gold[0].kind, Kind::Direct);
        assert_eq!(gold[1].kind, Kind::Indirect);
        let b = |c: usize| text.char_indices().nth(c).map_or(text.len(), |x| x.0);
        let docs = vec![Document {
            name: "t".into(),
            annotator: String::new(),
            text: text.into(),
            attributions: gold,
        }];
        let pred = vec![vec![
            Predicted {
                content: (b(0), b(13)),
                speaker: Some((b(14), b(20))),
                direct: true,
            },
            Predicted {
                content: (b(40), b(52)),
                speaker: None,
                direct: false,
            },
        ]];
        let r = score(&docs, &pred);
        assert_eq!(r.overlap.tp, 2);
        assert_eq!(r.exact.tp, 1);
        assert_eq!(r.speaker_right, 1);
        assert_eq!(r.direct.tp, 1);
        assert_eq!(r.direct_speaker_right, 1);
    }
}

//! TimeML gold data (TimeBank, AQUAINT: the TempEval-3 training data) and
//! the TempEval-3 measures of temporal-expression extraction.
//!
//! ```no_run
//! let docs = newsmill_eval::timeml::read_dir("../shared/data/timeml".as_ref()).unwrap();
//! let report = newsmill_eval::timeml::evaluate(&docs).unwrap();
//! println!("{}", report.table());
//! ```

use std::path::{Path, PathBuf};

use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
use newsmill_dates::{Dates, TimexType};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, Factory, HostSink};

/// Why TimeML data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file is not TimeML as expected.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The directory holds no `.tml` file.
    #[error("{0}: no .tml files found")]
    Empty(PathBuf),
    /// The extractor could not be created.
    #[error("dates extractor: {0}")]
    Extractor(String),
}

/// One gold TIMEX3 of a document's TEXT.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldTimex {
    /// The TIMEX3 `tid`.
    pub tid: String,
    /// First byte in [`TimemlDoc::text`].
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// First character (Unicode scalar) in the text.
    pub char_start: usize,
    /// One past the last character.
    pub char_end: usize,
    /// The type (`None` when the file names another).
    pub kind: Option<TimexType>,
    /// The TIMEX3 value.
    pub value: String,
}

/// One TimeML document: its TEXT with the tags stripped (entities
/// decoded), its creation time, and its gold expressions.
#[derive(Clone, Debug, PartialEq)]
pub struct TimemlDoc {
    /// The file name.
    pub name: String,
    /// The text of the TEXT element, tags removed.
    pub text: String,
    /// The value of the CREATION_TIME TIMEX3 (the DCT).
    pub dct: Option<String>,
    /// The gold TIMEX3 elements inside TEXT, in order.
    pub timexes: Vec<GoldTimex>,
}

/// Every `*.tml` file under `dir`, recursively, in name order.
///
/// ```no_run
/// let docs = newsmill_eval::timeml::read_dir("../shared/data/timeml".as_ref())?;
/// assert!(docs.iter().all(|d| d.dct.is_some()));
/// # Ok::<(), newsmill_eval::timeml::Error>(())
/// ```
pub fn read_dir(dir: &Path) -> Result<Vec<TimemlDoc>, Error> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(Error::Empty(dir.to_path_buf()));
    }
    files.iter().map(|p| read_file(p)).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Read one TimeML file.
pub fn read_file(path: &Path) -> Result<TimemlDoc, Error> {
    let raw = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse(&name, &raw).map_err(|message| Error::Format {
        path: path.to_path_buf(),
        message,
    })
}

/// Parse TimeML markup.
///
/// ```
/// let doc = newsmill_eval::timeml::parse("a.tml", r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
/// <TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose.</TEXT></TimeML>"#).unwrap();
/// assert_eq!(doc.text, "It fell yesterday & rose.");
/// assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
/// assert_eq!(&doc.text[doc.timexes[0].start..doc.timexes[0].end], "yesterday");
/// ```
pub fn parse(name: &str, raw: &str) -> Result<TimemlDoc, String> {
    let dct = find_dct(raw);
    let body_start = raw
        .find("<TEXT>")
        .map(|p| p + "<TEXT>".len())
        .ok_or("no <TEXT> element")?;
    let body_end = raw[body_start..]
        .find("</TEXT>")
        .map(|p| body_start + p)
        .ok_or("no </TEXT>")?;
    let body = &raw[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut open: Vec<(String, usize, usize, Option<TimexType>, String)> = Vec::new();
    let mut timexes = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let close = after.find('>').ok_or("unclosed tag")?;
            let tag = &after[..close];
            rest = &after[close + 1..];
            if let Some(attrs) = tag.strip_prefix("TIMEX3") {
                let attr = |k: &str| attribute(attrs, k).unwrap_or_default();
                let kind = TimexType::parse(&attr("type"));
                open.push((attr("tid"), text.len(), chars, kind, attr("value")));
                if tag.ends_with('/') {
                    open.pop();
                }
            } else if tag == "/TIMEX3" {
                let (tid, start, char_start, kind, value) =
                    open.pop().ok_or("</TIMEX3> without <TIMEX3>")?;
                timexes.push(GoldTimex {
                    tid,
                    start,
                    end: text.len(),
                    char_start,
                    char_end: chars,
                    kind,
                    value,
                });
            }
            continue;
        }
        let stop = rest.find('<').unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(stop);
        rest = tail;
        let before = text.len();
        decode_into(chunk, &mut text);
        chars += text[before..].chars().count();
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok(TimemlDoc {
        name: name.to_string(),
        text,
        dct,
        timexes,
    })
}

fn find_dct(raw: &str) -> Option<String> {
    let mut rest = raw;
    while let Some(p) = rest.find("<TIMEX3") {
        let tail = &rest[p + 7..];
        let end = tail.find('>')?;
        let attrs = &tail[..end];
        if attribute(attrs, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            return attribute(attrs, "value");
        }
        rest = &tail[end..];
    }
    None
}

fn attribute(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(p) = rest.find(key) {
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let tail = &rest[p + key.len()..];
        if before_ok && let Some(v) = tail.trim_start().strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let inner = &v[1..];
                let end = inner.find(q)?;
                let mut out = String::new();
                decode_into(&inner[..end], &mut out);
                return Some(out);
            }
        }
        rest = tail;
    }
    None
}

fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let semi = tail.find(';').filter(|&e| e <= 10);
        let decoded = semi.and_then(|e| {
            let ent = &tail[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => ent
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// One expression the pipeline found in a TimeML document.
#[derive(Clone, Debug, PartialEq)]
pub struct Predicted {
    /// First byte in the document's text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The label (type).
    pub kind: Option<TimexType>,
    /// The `value` attribute.
    pub value: String,
}

/// Run the real pipeline (analysis, then the `dates` extractor through the
/// host, as `newsmill process` runs it) on each document, with its DCT as
/// the article's `published` date.
pub fn predict(docs: &[TimemlDoc]) -> Result<Vec<Vec<Predicted>>, Error> {
    let mut vocab = Vocab::default();
    let layer = vocab.intern("dates");
    let factory = Builtin::<Dates>::new();
    let extractor = factory
        .create(&serde_json::json!({}), &mut vocab)
        .map_err(|e| Error::Extractor(e.to_string()))?;
    let value_key = vocab.intern("value");
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let article = Article {
            id: d.name.clone(),
            source: d.name.clone(),
            text: d.text.clone(),
            published: d.dct.clone(),
            title: None,
            first_line_is_title: false,
            ..Article::default()
        };
        let mut doc = Doc::analyze(article, &AnalyzeOptions::default());
        let mut sink = HostSink::new(&doc, layer, vocab.len());
        extractor
            .process(&DocView::from_doc(&doc), &mut sink)
            .map_err(|e| Error::Extractor(format!("{}: {e}", d.name)))?;
        sink.append_to(&mut doc);
        let view = DocView::from_doc(&doc);
        let preds = view
            .layer(layer)
            .map(|(_, a)| Predicted {
                start: a.start as usize,
                end: a.end as usize,
                kind: vocab.name(a.label).and_then(TimexType::parse),
                value: view
                    .attr(a, value_key)
                    .and_then(|at| view.attr_str(at))
                    .unwrap_or_default()
                    .to_string(),
            })
            .collect();
        out.push(preds);
    }
    Ok(out)
}

/// The TempEval-3 measures of temporal-expression extraction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Documents.
    pub docs: usize,
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Predictions with exactly a gold span.
    pub strict: usize,
    /// Predictions overlapping a gold span (one to one).
    pub relaxed: usize,
    /// Relaxed matches with the right type.
    pub type_correct: usize,
    /// Relaxed matches with the right value.
    pub value_correct: usize,
}

/// Precision, recall and F1 in percent (the one P/R/F1 rule of
/// [`crate::Prf`]).
fn prf(tp: usize, pred: usize, gold: usize) -> (f64, f64, f64) {
    let m = crate::Prf::from_counts(tp, pred, gold);
    (100.0 * m.precision, 100.0 * m.recall, 100.0 * m.f1)
}

impl Report {
    /// Strict span precision, recall, F1 (percent).
    pub fn strict(&self) -> (f64, f64, f64) {
        prf(self.strict, self.predicted, self.gold)
    }
    /// Relaxed (overlap) span precision, recall, F1 (percent).
    pub fn relaxed(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.predicted, self.gold)
    }
    /// Type precision, recall, F1 over relaxed matches with the right type.
    pub fn type_f1(&self) -> (f64, f64, f64) {
        prf(self.type_correct, self.predicted, self.gold)
    }
    /// Value precision, recall, F1: relaxed matches whose value is right,
    /// over predictions and over gold (TempEval-3's "value F1").
    pub fn value_f1(&self) -> (f64, f64, f64) {
        prf(self.value_correct, self.predicted, self.gold)
    }
    /// Right types among relaxed matches (percent).
    pub fn type_accuracy(&self) -> f64 {
        pct(self.type_correct, self.relaxed)
    }
    /// Right values among relaxed matches (percent).
    pub fn value_accuracy(&self) -> f64 {
        pct(self.value_correct, self.relaxed)
    }

    /// The report as a text table.
    ///
    /// ```
    /// let r = newsmill_eval::timeml::Report { docs: 1, gold: 2, predicted: 2, strict: 1, relaxed: 2, type_correct: 2, value_correct: 1 };
    /// assert!(r.table().contains("relaxed span"));
    /// ```
    pub fn table(&self) -> String {
        let mut s = format!(
            "TimeML temporal expressions: {} documents, {} gold, {} predicted\n",
            self.docs, self.gold, self.predicted
        );
        s.push_str(&format!(
            "{:<14} {:>7} {:>7} {:>7}\n",
            "measure", "P", "R", "F1"
        ));
        for (name, (p, r, f)) in [
            ("strict span", self.strict()),
            ("relaxed span", self.relaxed()),
            ("type", self.type_f1()),
            ("value", self.value_f1()),
        ] {
            s.push_str(&format!("{name:<14} {p:>7.2} {r:>7.2} {f:>7.2}\n"));
        }
        s.push_str(&format!(
            "accuracy over relaxed matches: type {:.2}, value {:.2}\n",
            self.type_accuracy(),
            self.value_accuracy()
        ));
        s
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Score predictions against the gold (one list per document).
pub fn score(docs: &[TimemlDoc], predictions: &[Vec<Predicted>]) -> Report {
    let mut r = Report {
        docs: docs.len(),
        ..Report::default()
    };
    for (d, preds) in docs.iter().zip(predictions) {
        r.gold += d.timexes.len();
        r.predicted += preds.len();
        for (p, g) in align(d, preds) {
            let Some(g) = g else { continue };
            r.relaxed += 1;
            if p.start == g.start && p.end == g.end {
                r.strict += 1;
            }
            if p.kind == g.kind {
                r.type_correct += 1;
            }
            if p.value == g.value {
                r.value_correct += 1;
            }
        }
    }
    r
}

/// Each prediction with the gold expression it overlaps (one to one; an
/// exact match is preferred, else the first overlapping gold).
pub fn align<'d, 'p>(
    doc: &'d TimemlDoc,
    preds: &'p [Predicted],
) -> Vec<(&'p Predicted, Option<&'d GoldTimex>)> {
    let mut used = vec![false; doc.timexes.len()];
    let mut out = Vec::with_capacity(preds.len());
    for p in preds {
        let overlapping = |g: &GoldTimex| g.start < p.end && p.start < g.end;
        let pick = doc
            .timexes
            .iter()
            .enumerate()
            .find(|(i, g)| !used[*i] && g.start == p.start && g.end == p.end)
            .or_else(|| {
                doc.timexes
                    .iter()
                    .enumerate()
                    .find(|(i, g)| !used[*i] && overlapping(g))
            });
        match pick {
            Some((i, g)) => {
                used[i] = true;
                out.push((p, Some(g)));
            }
            None => out.push((p, None)),
        }
    }
    out
}

/// Predict with the pipeline and score: the figures users get.
pub fn evaluate(docs: &[TimemlDoc]) -> Result<Report, Error> {
    let preds = predict(docs)?;
    Ok(score(docs, &preds))
}

/// Read every `.tml` file under `dir` and evaluate: what `newsmill eval
/// dates --timeml DIR` prints (`evaluate_dir(dir)?.table()`).
///
/// ```no_run
/// let report = newsmill_eval::timeml::evaluate_dir("../shared/data/timeml".as_ref())?;
/// print!("{}", report.table());
/// # Ok::<(), newsmill_eval::timeml::Error>(())
/// ```
pub fn evaluate_dir(dir: &Path) -> Result<Report, Error> {
    evaluate(&read_dir(dir)?)
}

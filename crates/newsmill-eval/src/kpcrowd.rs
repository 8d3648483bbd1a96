//! The 500N-KPCrowd evaluation: news articles (`docs/NAME.txt`, headline on
//! the first line, the body on the next) with crowd-sourced keyphrases
//! (`keys/NAME.key`, one per line); F1 at a cut-off on normalised phrases ([`score_document`]).
//!
//! [`evaluate`] runs what a user runs — `Doc::analyze`, then the
//! `keyphrases` extractor through the host's built-in factory — and scores
//! the `phrase` attribute of its annotations; [`evaluate_predictions`]
//! scores another system's output (read with [`read_predictions`]) by the
//! same code.
//!
//! ```no_run
//! let report = newsmill_eval::kpcrowd::evaluate(
//!     std::path::Path::new("../shared/data/kpcrowd"), 10)?;
//! println!("{}", report.table());
//! # Ok::<(), newsmill_eval::kpcrowd::Error>(())
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsmill_core::{AnalyzeOptions, Article, AttrKind, Doc, Vocab};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, Factory, HostSink};

use newsmill_keyphrases::Keyphrases;
use newsmill_keyphrases::normalize::Normalizer;

/// What can go wrong reading the corpus or a predictions file.
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
    /// The directory holds no `docs/*.txt` with a matching `keys/*.key`.
    #[error("{0}: no documents (expected docs/*.txt and keys/*.key)")]
    Empty(PathBuf),
    /// A line of a predictions file is not `{"id": ..., "keyphrases": [...]}`.
    #[error("{path}:{line}: {message}")]
    Predictions {
        /// The file.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The extractor refused its configuration.
    #[error("{0}")]
    Extractor(String),
}

/// One document of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The file name without `.txt`.
    pub id: String,
    /// The text as read (lossily decoded).
    pub text: String,
    /// The gold keys, one per non-blank line.
    pub keys: Vec<String>,
}

/// Reads `DIR/docs/*.txt` and their `DIR/keys/*.key`, sorted by name
/// (documents without a key file are skipped).
pub fn load(dir: &Path) -> Result<Vec<Document>, Error> {
    let docs_dir = dir.join("docs");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&docs_dir)
        .map_err(io(&docs_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for p in names {
        let Some(id) = p.file_stem().and_then(|s| s.to_str()).map(str::to_string) else {
            continue;
        };
        let key_path = dir.join("keys").join(format!("{id}.key"));
        let keys = match std::fs::read(&key_path) {
            Ok(b) => String::from_utf8_lossy(&b)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&key_path)(e)),
        };
        let bytes = std::fs::read(&p).map_err(io(&p))?;
        out.push(Document {
            id,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            keys,
        });
    }
    if out.is_empty() {
        return Err(Error::Empty(dir.to_path_buf()));
    }
    Ok(out)
}

/// Averages over the documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// What was scored ("newsmill keyphrases", "predictions FILE", ...).
    pub system: String,
    /// The cut-off.
    pub top: usize,
    /// Documents scored.
    pub documents: usize,
    /// Documents the predictions did not cover (scored as empty).
    pub missing: usize,
    /// Mean gold keys per document.
    pub gold_per_doc: f64,
    /// Mean phrases returned per document.
    pub returned_per_doc: f64,
    /// P, R and F1, each averaged over documents.
    pub mean: Prf,
}

impl Report {
    /// A plain-text table.
    ///
    /// ```
    /// use newsmill_eval::kpcrowd::{Prf, Report};
    /// let r = Report { system: "x".into(), top: 10, documents: 2, missing: 0, gold_per_doc: 40.0,
    ///     returned_per_doc: 10.0, mean: Prf::from_counts(2, 10, 40) };
    /// assert!(r.table().contains("F1@10"));
    /// ```
    pub fn table(&self) -> String {
        let k = self.top;
        let mut s = format!(
            "keyphrases on KPCrowd: {}, {} documents, {:.1} gold keys and {:.1} phrases returned per document{}\n",
            self.system,
            self.documents,
            self.gold_per_doc,
            self.returned_per_doc,
            if self.missing > 0 {
                format!(" ({} documents without predictions)", self.missing)
            } else {
                String::new()
            }
        );
        s.push_str(&format!("{:<8} {:>7}\n", "measure", "value"));
        s.push_str(&format!(
            "{:<8} {:>7.4}\n",
            format!("P@{k}"),
            self.mean.precision
        ));
        s.push_str(&format!(
            "{:<8} {:>7.4}\n",
            format!("R@{k}"),
            self.mean.recall
        ));
        s.push_str(&format!("{:<8} {:>7.4}\n", format!("F1@{k}"), self.mean.f1));
        s
    }
}

fn average<'a>(
    system: String,
    top: usize,
    docs: &[Document],
    predictions: impl Iterator<Item = Option<&'a [String]>>,
) -> Report {
    let normalizer = Normalizer::new();
    let (mut p, mut r, mut f, mut returned, mut missing) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for (d, pred) in docs.iter().zip(predictions) {
        let pred = pred.unwrap_or_else(|| {
            missing += 1;
            &[]
        });
        returned += pred.len().min(top);
        let s = score_document(&normalizer, pred, &d.keys, top);
        p += s.precision;
        r += s.recall;
        f += s.f1;
    }
    let n = docs.len().max(1) as f64;
    Report {
        system,
        top,
        documents: docs.len(),
        missing,
        gold_per_doc: docs.iter().map(|d| d.keys.len()).sum::<usize>() as f64 / n,
        returned_per_doc: returned as f64 / n,
        mean: Prf {
            precision: p / n,
            recall: r / n,
            f1: f / n,
        },
    }
}

/// Runs the `keyphrases` extractor (configuration `config`, e.g.
/// `{"top": 10}`) over each document as newsmill does and returns its
/// phrases, in rank order.
pub fn predict(docs: &[Document], config: &serde_json::Value) -> Result<Vec<Vec<String>>, Error> {
    let mut vocab = Vocab::default();
    let layer = vocab.intern(<Keyphrases as newsmill_plugin::Extractor>::NAME);
    let extractor = Builtin::<Keyphrases>::new()
        .create(config, &mut vocab)
        .map_err(|e| Error::Extractor(e.to_string()))?;
    let phrase_key = vocab.get("phrase");
    let opts = AnalyzeOptions::default();
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let mut doc = Doc::analyze(Article::from_text(d.id.clone(), d.text.clone()), &opts);
        let mut sink = HostSink::new(&doc, layer, vocab.len());
        let phrases = match extractor.process(&DocView::from_doc(&doc), &mut sink) {
            Ok(()) => {
                sink.append_to(&mut doc);
                doc.annotations
                    .iter()
                    .filter(|a| a.layer == layer)
                    .map(|a| {
                        let attrs = doc
                            .attrs
                            .get(a.attr_start as usize..a.attr_end as usize)
                            .unwrap_or(&[]);
                        attrs
                            .iter()
                            .find(|at| Some(at.key) == phrase_key && at.kind == AttrKind::STR)
                            .and_then(|at| doc.strings.get(at.a as usize..at.b as usize))
                            .or_else(|| doc.text.get(a.start as usize..a.end as usize))
                            .unwrap_or("")
                            .to_string()
                    })
                    .collect()
            }
            // A failure on one document scores as no phrases, as a user
            // would get an error record for it.
            Err(_) => Vec::new(),
        };
        out.push(phrases);
    }
    Ok(out)
}

/// F1@`top` of newsmill's `keyphrases` extractor (default configuration)
/// on the corpus in `dir`.
///
/// ```no_run
/// let r = newsmill_eval::kpcrowd::evaluate(std::path::Path::new("../shared/data/kpcrowd"), 10)?;
/// assert!(r.mean.f1 > 0.12);
/// # Ok::<(), newsmill_eval::kpcrowd::Error>(())
/// ```
pub fn evaluate(dir: &Path, top: usize) -> Result<Report, Error> {
    evaluate_with(dir, top, &serde_json::json!({}))
}

/// As [`evaluate`], with the extractor's configuration (any [`crate::Params`]
/// field by name; `top` is set to `top`).
pub fn evaluate_with(dir: &Path, top: usize, config: &serde_json::Value) -> Result<Report, Error> {
    let docs = load(dir)?;
    let mut config = config.clone();
    if let Some(obj) = config.as_object_mut() {
        obj.insert("top".into(), serde_json::json!(top));
    }
    let predicted = predict(&docs, &config)?;
    Ok(average(
        "newsmill keyphrases".into(),
        top,
        &docs,
        predicted.iter().map(|p| Some(p.as_slice())),
    ))
}

/// F1@`top` of another system's phrases (by document id, the key file's
/// name without `.key`) on the corpus in `dir`; a document without
/// predictions scores zero.
pub fn evaluate_predictions(
    dir: &Path,
    predictions: &HashMap<String, Vec<String>>,
    top: usize,
) -> Result<Report, Error> {
    let docs = load(dir)?;
    Ok(average(
        "predictions".into(),
        top,
        &docs,
        docs.iter()
            .map(|d| predictions.get(&d.id).map(Vec::as_slice)),
    ))
}

/// Reads a JSON Lines predictions file: one `{"id": "...", "keyphrases":
/// ["...", ...]}` per line, best first (`id` may keep its `.txt`).
pub fn read_predictions(path: &Path) -> Result<HashMap<String, Vec<String>>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::Predictions {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let id = v
            .get("id")
            .and_then(|x| x.as_str())
            .ok_or_else(|| bad("no string \"id\"".into()))?;
        let id = id.strip_suffix(".txt").unwrap_or(id).to_string();
        let phrases = v
            .get("keyphrases")
            .and_then(|x| x.as_array())
            .ok_or_else(|| bad("no array \"keyphrases\"".into()))?
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad("a keyphrase is not a string".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        out.insert(id, phrases);
    }
    Ok(out)
}

/// Precision, recall and F1 of one document, or their means over many
/// (macro averages, as KPCrowd results are reported).
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
    /// let s = newsmill_eval::kpcrowd::Prf::from_counts(2, 10, 40);
    /// assert!((s.precision - 0.2).abs() < 1e-12 && (s.recall - 0.05).abs() < 1e-12);
    /// assert!((s.f1 - 0.08).abs() < 1e-12);
    /// ```
    pub fn from_counts(matches: usize, returned: usize, gold: usize) -> Prf {
        let m = crate::Prf::from_counts(matches, returned, gold);
        Prf {
            precision: m.precision,
            recall: m.recall,
            f1: m.f1,
        }
    }
}

/// Scores one document: the first `top` of `predicted` against `gold`.
/// A prediction matches when its normalized form equals that of a gold key
/// not matched yet; P = matches / phrases returned (at most `top`),
/// R = matches / gold keys.
///
/// ```
/// use newsmill_eval::kpcrowd::score_document;
/// use newsmill_keyphrases::normalize::Normalizer;
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

//! Evaluation of newsmill against gold data.
//!
//! [`conll`] reads CoNLL-2003 files and rebuilds each document's running
//! text with gold token and sentence spans; [`tokens`] and [`sentences`]
//! measure the tokenizer's and the sentence splitter's agreement with them.

pub mod batch;
pub mod conll;
pub mod html;
pub mod html_blocks;
pub mod kpcrowd;
pub mod language;
pub mod modern_ner;
pub mod polnear;
pub mod sentences;
pub mod timeml;
pub mod tokens;
pub mod variants;

/// The data root: `NEWSMILL_DATA` when set, else `../shared/data` beside
/// the workspace root (where CI and developers keep the corpora).
///
/// ```
/// let d = newsmill_eval::data_dir();
/// assert!(d.ends_with("data") || std::env::var_os("NEWSMILL_DATA").is_some());
/// ```
pub fn data_dir() -> std::path::PathBuf {
    std::env::var_os("NEWSMILL_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
        })
}

/// Say that a test skips because `what` is absent, or, under CI (`CI` set in
/// the environment, as `.ci/run` runs), fail: a check that CI cannot run
/// must not pass by skipping.
///
/// ```
/// if std::env::var_os("CI").is_none() {
///     newsmill_eval::skip_or_fail("an example corpus at /nowhere");
/// }
/// ```
#[allow(clippy::panic)] // the point: a missing corpus fails a CI run
pub fn skip_or_fail(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is missing, and CI must not skip (set NEWSMILL_DATA or install it)");
    }
    eprintln!("skipping: {what} (set NEWSMILL_DATA to the shared data directory)");
}

/// Errors of the evaluation readers.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The gold file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The gold file is not in the expected format.
    #[error("{path}:{line}: {message}")]
    Format {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Precision, recall and F1 from counts.
///
/// ```
/// let s = newsmill_eval::Prf::from_counts(8, 10, 10);
/// assert!((s.f1 - 0.8).abs() < 1e-9);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Matches.
    pub tp: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
    /// tp / predicted.
    pub precision: f64,
    /// tp / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Prf {
    /// Compute from counts (0 where undefined).
    pub fn from_counts(tp: usize, predicted: usize, gold: usize) -> Prf {
        let precision = if predicted == 0 {
            0.0
        } else {
            tp as f64 / predicted as f64
        };
        let recall = if gold == 0 {
            0.0
        } else {
            tp as f64 / gold as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            tp,
            predicted,
            gold,
            precision,
            recall,
            f1,
        }
    }
}

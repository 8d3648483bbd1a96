//! Synthetic batches for benchmarks: real article texts, cycled.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::EvalError;

/// Every `*.txt` file under `dir` (sorted by path), decoded lossily.
///
/// ```no_run
/// let texts = newsmill_eval::batch::corpus_texts("../shared/data/bbc".as_ref()).unwrap();
/// assert_eq!(texts.len(), 2225);
/// ```
pub fn corpus_texts(dir: &Path) -> Result<Vec<(PathBuf, String)>, EvalError> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|source| EvalError::Read {
                path: p.display().to_string(),
                source,
            })?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Ok((p, text))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let rd = std::fs::read_dir(dir).map_err(|source| EvalError::Read {
        path: dir.display().to_string(),
        source,
    })?;
    for entry in rd {
        let entry = entry.map_err(|source| EvalError::Read {
            path: dir.display().to_string(),
            source,
        })?;
        let p = entry.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

/// Write `n` JSON Lines articles made by cycling `texts` (title = first
/// line, text = the rest), with ids `0..n`. Returns the bytes written.
///
/// ```
/// let texts = vec![("a".into(), "Title\n\nBody.".to_string())];
/// let mut out = Vec::new();
/// newsmill_eval::batch::write_jsonl(&texts, 2, &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
/// ```
pub fn write_jsonl<W: Write>(
    texts: &[(PathBuf, String)],
    n: usize,
    out: &mut W,
) -> std::io::Result<u64> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        id: String,
        title: &'a str,
        text: &'a str,
    }
    let mut written = 0u64;
    if texts.is_empty() {
        return Ok(0);
    }
    let mut buf = Vec::new();
    for i in 0..n {
        let text = &texts[i % texts.len()].1;
        let (title, body) = text.split_once('\n').unwrap_or(("", text.as_str()));
        buf.clear();
        serde_json::to_writer(
            &mut buf,
            &Line {
                id: i.to_string(),
                title: title.trim(),
                text: body.trim_start(),
            },
        )
        .map_err(std::io::Error::other)?;
        buf.push(b'\n');
        out.write_all(&buf)?;
        written += buf.len() as u64;
    }
    Ok(written)
}

/// The BBC corpus under the data root ([`crate::data_dir`]), analysed
/// (structure, tokens, sentences) with default options: what the benches
/// measure extractors on. `Err` when the data is absent.
///
/// ```no_run
/// let docs = newsmill_eval::batch::analysed_bbc().unwrap();
/// assert_eq!(docs.len(), 2225);
/// ```
pub fn analysed_bbc() -> Result<Vec<newsmill_core::Doc>, EvalError> {
    let opts = newsmill_core::AnalyzeOptions::default();
    Ok(corpus_texts(&crate::data_dir().join("bbc"))?
        .into_iter()
        .map(|(p, t)| {
            newsmill_core::Doc::analyze(
                newsmill_core::Article::from_text(p.display().to_string(), t),
                &opts,
            )
        })
        .collect())
}

//! `newsmill eval dates` and `newsmill eval keyphrases`.

use std::path::Path;

use anyhow::{Context, Result};

/// Temporal expressions against TimeML (TempEval-3 measures).
pub(crate) fn dates(dir: &Path) -> Result<()> {
    let docs = newsmill_eval::timeml::read_dir(dir)
        .with_context(|| format!("cannot read TimeML documents in {}", dir.display()))?;
    let report = newsmill_eval::timeml::evaluate(&docs)
        .with_context(|| format!("evaluating dates on {}", dir.display()))?;
    println!(
        "== {} ({} documents)\n{}",
        dir.display(),
        docs.len(),
        report.table()
    );
    Ok(())
}

/// Keyphrases against KPCrowd (P, R, F1 at `top`), ours and, with
/// `predictions`, another system's.
pub(crate) fn keyphrases(dir: &Path, top: usize, predictions: Option<&Path>) -> Result<()> {
    let ours = newsmill_eval::kpcrowd::evaluate(dir, top)
        .with_context(|| format!("evaluating keyphrases on {}", dir.display()))?;
    let theirs = match predictions {
        None => None,
        Some(p) => {
            let preds = newsmill_eval::kpcrowd::read_predictions(p)
                .with_context(|| format!("cannot read predictions {}", p.display()))?;
            Some(
                newsmill_eval::kpcrowd::evaluate_predictions(dir, &preds, top)
                    .with_context(|| format!("scoring {}", p.display()))?,
            )
        }
    };
    for r in std::iter::once(&ours).chain(theirs.as_ref()) {
        println!("{}", r.table());
    }
    Ok(())
}

//! `newsmill eval html`: main-text extraction against the
//! article-extraction benchmark, by its own metric.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

/// Extract every page under `dir`, score the texts, print P/R/F1 and page
/// counts (and, with `worst`, the lowest-scoring pages).
pub(crate) fn html(dir: &Path, worst: usize, json: bool) -> Result<()> {
    let pages = newsmill_eval::html::load(dir)
        .with_context(|| format!("cannot read the HTML benchmark in {}", dir.display()))?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let t0 = Instant::now();
    let (s, results) = newsmill_eval::html::evaluate(&pages);
    let secs = t0.elapsed().as_secs_f64();
    if json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    println!(
        "== {} ({} pages, {:.1} MB of HTML)\nprecision {:.4}  recall {:.4}  F1 {:.4}\npages with a prediction {}, with a truth {}, extraction errors {}\n({:.2} s one thread, {:.1} MB/s including scoring)",
        dir.display(),
        s.pages,
        bytes as f64 / 1e6,
        s.precision,
        s.recall,
        s.f1,
        s.predicted,
        s.with_truth,
        errors,
        secs,
        bytes as f64 / 1e6 / secs
    );
    if worst > 0 {
        let mut by_f1: Vec<_> = results
            .iter()
            .map(|r| {
                let (tp, fp, fn_) = r.tp_fp_fn;
                let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
                let rc = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
                (p, rc, r)
            })
            .collect();
        by_f1.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
        println!("\nworst pages: precision recall id");
        for (p, rc, r) in by_f1.iter().take(worst) {
            println!(
                "{p:.3} {rc:.3} {}{}",
                r.id,
                r.error.map(|e| format!(" ({e})")).unwrap_or_default()
            );
        }
    }
    Ok(())
}

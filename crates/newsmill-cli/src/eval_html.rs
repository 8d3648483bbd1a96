//! `newsmill eval html`: main-text extraction against the
//! article-extraction benchmark, by its own metric.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

/// Extract every page under `dir`, score the texts, print P/R/F1 and page
/// counts (and, with `worst`, the lowest-scoring pages).
pub(crate) fn html(dir: &Path, worst: usize, json: bool, folds: Option<usize>) -> Result<()> {
    let pages = newsmill_eval::html::load(dir)
        .with_context(|| format!("cannot read the HTML benchmark in {}", dir.display()))?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let t0 = Instant::now();
    let (s, results) = newsmill_eval::html::evaluate(&pages);
    let secs = t0.elapsed().as_secs_f64();
    if json && folds.is_none() {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    if let Some(k) = folds {
        return cross_validated(&pages, k, json);
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

/// `--folds K`: the default rules, each rule switched off, no rules and a
/// few `keep_share` values, each scored on all pages (tuned) and per fold;
/// then the choices made on K-1 folds and scored on the K-th.
fn cross_validated(pages: &[newsmill_eval::html::Page], k: usize, json: bool) -> Result<()> {
    use newsmill_eval::html::{cross_validate, evaluate_with, fold_f1};
    use newsmill_io::html::Rules;
    let (urls, folds) = site_folds(pages, k)?;
    let sites: std::collections::BTreeSet<String> =
        urls.iter().map(|u| newsmill_eval::html::site(*u)).collect();
    let sizes: Vec<usize> = (0..k)
        .map(|f| folds.iter().filter(|&&x| x == f).count())
        .collect();
    // Candidates: default, each switch off, none, keep_share grid.
    let mut cands: Vec<(String, Rules)> = vec![("all rules".into(), Rules::ALL)];
    for (name, set) in Rules::SWITCHES {
        let mut r = Rules::ALL;
        set(&mut r, false);
        cands.push((format!("- {name}"), r));
    }
    cands.push(("no rules (dom_smoothie alone)".into(), Rules::NONE));
    for share in [0.1, 0.5, 1.01] {
        cands.push((
            format!("keep_share {share}"),
            Rules {
                keep_share: share,
                ..Rules::ALL
            },
        ));
    }
    let results: Vec<_> = cands
        .iter()
        .map(|(_, r)| evaluate_with(pages, r).1)
        .collect();
    let tuned: Vec<f64> = cands
        .iter()
        .zip(&results)
        .map(|(_, res)| {
            newsmill_eval::html::score(
                pages
                    .iter()
                    .zip(res)
                    .map(|(p, r)| (p.truth.as_str(), r.predicted.as_str())),
            )
            .f1
        })
        .collect();
    let per_fold: Vec<Vec<f64>> = results.iter().map(|r| fold_f1(r, &folds, k)).collect();
    // Per-rule: on/off chosen on K-1 folds.
    let mut per_rule = Vec::new();
    for (i, (name, _)) in Rules::SWITCHES.iter().enumerate() {
        let pair = [results[0].clone(), results[i + 1].clone()];
        let cv = cross_validate(&pair, &folds, k);
        let kept = cv.chosen.iter().filter(|&&c| c == 0).count();
        per_rule.push((*name, cv, kept));
    }
    let shares = [0usize]
        .into_iter()
        .chain(cands.len() - 3..cands.len())
        .collect::<Vec<_>>();
    let share_cv = cross_validate(
        &shares
            .iter()
            .map(|&i| results[i].clone())
            .collect::<Vec<_>>(),
        &folds,
        k,
    );
    let all_cv = cross_validate(&results, &folds, k);
    if json {
        let v = serde_json::json!({
            "folds": k,
            "sites": sites.len(),
            "pages_per_fold": sizes,
            "candidates": cands.iter().zip(&tuned).zip(&per_fold).map(|(((n, _), t), f)| serde_json::json!({"name": n, "tuned_f1": t, "fold_f1": f})).collect::<Vec<_>>(),
            "rules": per_rule.iter().map(|(n, cv, kept)| serde_json::json!({"rule": n, "cv_f1": cv.cv.f1, "kept_in_folds": kept})).collect::<Vec<_>>(),
            "selection_cv_f1": all_cv.cv.f1,
            "selection_tuned_f1": all_cv.tuned.1,
            "default_cv_f1": tuned[0],
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    println!(
        "\n== {k} folds by site ({} sites; pages per fold {:?}; no site in two folds)",
        sites.len(),
        sizes
    );
    println!(
        "A fixed design's cross-validated F1 is its F1 on all pages (nothing is chosen on the folds);"
    );
    println!(
        "choices (rule on/off, thresholds) are made on {} folds and scored on the remaining one.\n",
        k - 1
    );
    print!("{:<32} {:>8}", "design", "all F1");
    for f in 0..k {
        print!(" {:>7}", format!("fold{}", f + 1));
    }
    println!();
    for ((name, _), (t, pf)) in cands.iter().zip(tuned.iter().zip(&per_fold)) {
        print!("{name:<32} {t:>8.4}");
        for x in pf {
            print!(" {x:>7.4}");
        }
        println!();
    }
    println!(
        "\nrule on/off chosen on {} folds: CV F1 (tuned = best of on/off on all pages), folds that kept it",
        k - 1
    );
    for (name, cv, kept) in &per_rule {
        println!(
            "{name:<20} CV {:.4}  tuned {:.4}  kept in {kept}/{k} folds",
            cv.cv.f1, cv.tuned.1
        );
    }
    println!(
        "\nkeep_share chosen on {} folds among {{0.3, 0.1, 0.5, 1.01}}: CV {:.4}  tuned {:.4}",
        k - 1,
        share_cv.cv.f1,
        share_cv.tuned.1
    );
    println!(
        "best of all {} designs chosen on {} folds: CV {:.4}  tuned {:.4} ({}); per fold {}",
        cands.len(),
        k - 1,
        all_cv.cv.f1,
        all_cv.tuned.1,
        cands[all_cv.tuned.0].0,
        all_cv
            .chosen
            .iter()
            .zip(&all_cv.fold_f1)
            .map(|(c, f)| format!("{f:.4} ({})", cands[*c].0))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "\nthe earlier rule design (all rules): F1 {:.4} on all pages, mean of per-fold F1 {:.4}. The on/off choices above \
         are cross-validated; the rules' class words and thresholds were written while looking at \
         these pages, so read this as a tuned figure, not an unseen-site one. The default extractor \
         is the learned block classifier: its cross-validated figure is `--blocks`.",
        tuned[0],
        per_fold[0].iter().sum::<f64>() / k as f64
    );
    Ok(())
}

/// `--blocks`: the learned block classifier, cross-validated by site under
/// a few training settings (each fold's pages extracted by a model trained
/// on the other folds), beside the F1 of a model trained on all pages
/// (tuned); `write_model` saves the all-pages model of the shipped
/// settings.
pub(crate) fn blocks(dir: &Path, k: usize, write_model: Option<&Path>) -> Result<()> {
    use newsmill_eval::html::{fold_f1, score_results};
    use newsmill_eval::html_blocks::{
        BlockSettings, FAMILIES, Weight, cross_validate, label_pages,
    };
    let pages = newsmill_eval::html::load(dir)
        .with_context(|| format!("cannot read the HTML benchmark in {}", dir.display()))?;
    let (_, folds) = site_folds(&pages, k)?;
    let t0 = Instant::now();
    let labelled = label_pages(&pages);
    let blocks: usize = labelled.iter().map(|p| p.share.len()).sum();
    let positive: usize = labelled
        .iter()
        .map(|p| p.share.iter().filter(|&&s| s >= 0.5).count())
        .sum();
    println!(
        "== block classifier, {} pages, {blocks} blocks ({positive} main text), {k} site folds ({:.1} s to cut and label)",
        pages.len(),
        t0.elapsed().as_secs_f64()
    );
    let shipped = BlockSettings::default();
    let mut settings: Vec<(String, BlockSettings)> = vec![("shipped".into(), shipped)];
    let mut with = |name: &str, f: &dyn Fn(&mut BlockSettings)| {
        let mut s = shipped;
        f(&mut s);
        settings.push((name.to_string(), s));
    };
    with("no context stage", &|s| s.context = false);
    with("lr 0.05, 300 rounds, rows 0.7", &|s| {
        s.params.learning_rate = 0.05;
        s.params.rounds = 300;
        s.params.subsample = 0.7;
    });
    with("min child 8", &|s| s.params.min_child = 8.0);
    with("weight log tokens", &|s| s.weight = Weight::LogTokens);
    with("weight tokens", &|s| s.weight = Weight::Tokens);
    with("threshold 0.4", &|s| s.threshold = 0.4);
    with("threshold 0.6", &|s| s.threshold = 0.6);
    with("depth 2", &|s| s.params.depth = 2);
    with("depth 3", &|s| s.params.depth = 3);
    for (family, names) in FAMILIES {
        with(&format!("without {family}"), &|s| s.without = names);
    }
    println!("| settings | F1 all pages (tuned) | CV F1 (P / R) | per fold (seconds) |");
    println!("|---|---|---|---|");
    use rayon::prelude::*;
    let runs: Vec<_> = settings
        .par_iter()
        .map(|(name, s)| {
            let t = Instant::now();
            let (held, tuned, model) = cross_validate(&pages, &labelled, &folds, k, s);
            (name, held, tuned, model, t.elapsed().as_secs_f64())
        })
        .collect();
    for (name, held, tuned, model, secs) in runs {
        let cv = score_results(&held, |_| true);
        let all = score_results(&tuned, |_| true);
        let per: Vec<String> = fold_f1(&held, &folds, k)
            .iter()
            .map(|f| format!("{f:.3}"))
            .collect();
        println!(
            "| {name} | {:.4} | {:.4} ({:.3} / {:.3}) | {} ({secs:.0} s) |",
            all.f1,
            cv.f1,
            cv.precision,
            cv.recall,
            per.join(" "),
        );
        if name == "shipped"
            && let Some(path) = write_model
        {
            let json = serde_json::to_string(&model)?;
            std::fs::write(path, json)
                .with_context(|| format!("cannot write the model to {}", path.display()))?;
            println!("(model trained on all pages written to {})", path.display());
        }
    }
    Ok(())
}

/// The pages' URLs and their `k` site folds (no site in two folds).
fn site_folds(
    pages: &[newsmill_eval::html::Page],
    k: usize,
) -> Result<(Vec<Option<&str>>, Vec<usize>)> {
    anyhow::ensure!(
        (2..=pages.len().max(2)).contains(&k),
        "--folds {k}: need between 2 and the number of pages ({})",
        pages.len()
    );
    let urls: Vec<Option<&str>> = pages.iter().map(|p| p.url.as_deref()).collect();
    let folds = newsmill_eval::html::folds_by_site(&urls, k);
    Ok((urls, folds))
}

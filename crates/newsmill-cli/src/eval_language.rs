//! `newsmill eval language`: language detectors compared on declared
//! languages (HTML benchmark pages) and English (BBC), by text length and
//! by language, with their speed on one thread.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use newsmill_eval::language::{self as lang, Detector, Sample};

/// Arguments of `newsmill eval language`.
#[derive(Debug, Args)]
pub(crate) struct LanguageEvalArgs {
    /// The HTML benchmark directory (ground-truth.json and html/, e.g.
    /// ../shared/data/html-articles): pages with a two-letter declared
    /// language are the multilingual labels.
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// The BBC corpus directory (e.g. ../shared/data/bbc): English labels.
    #[arg(long, value_name = "DIR")]
    bbc: Option<PathBuf>,
    /// At most this many BBC articles (in path order).
    #[arg(long, default_value_t = usize::MAX, value_name = "N")]
    bbc_limit: usize,
    /// Also score hybrids: whatlang from this many characters on, the
    /// other detector below (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CHARS,...")]
    hybrid: Vec<usize>,
    /// Keep the declared language of the pages whose declaration is
    /// wrong (newsmill_eval::language::WRONG_DECLARATIONS: two pages,
    /// relabelled by default).
    #[arg(long)]
    as_declared: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &LanguageEvalArgs) -> Result<()> {
    if args.html.is_none() && args.bbc.is_none() {
        anyhow::bail!("give --html DIR, --bbc DIR or both");
    }
    let mut samples: Vec<Sample> = Vec::new();
    let mut sources = Vec::new();
    if let Some(dir) = &args.html {
        let (s, pages) = lang::html_samples(dir, !args.as_declared)
            .with_context(|| format!("cannot read the HTML benchmark in {}", dir.display()))?;
        sources.push(format!(
            "{pages} HTML pages with a declared two-letter language ({})",
            if args.as_declared {
                "as declared"
            } else {
                "two wrong declarations corrected"
            }
        ));
        samples.extend(s);
    }
    if let Some(dir) = &args.bbc {
        let (s, n) = lang::bbc_samples(dir, args.bbc_limit)
            .with_context(|| format!("cannot read the BBC corpus in {}", dir.display()))?;
        sources.push(format!("{n} BBC articles"));
        samples.extend(s);
    }
    lang::dedup(&mut samples);
    let owned = detectors();
    let mut list: Vec<&dyn Detector> = owned.iter().map(|d| d.as_ref()).collect();
    let hybrids: Vec<lang::Hybrid<'_>> = args
        .hybrid
        .iter()
        .flat_map(|&min_chars| {
            owned
                .iter()
                .filter(|d| d.name() != "whatlang" && d.name() != "newsmill (core)")
                .map(move |d| lang::Hybrid {
                    min_chars,
                    short: d.as_ref(),
                })
        })
        .collect();
    list.extend(hybrids.iter().map(|h| h as &dyn Detector));
    let report = lang::score(&samples, &list);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "== language detection: {} samples (deduplicated) from {}",
            samples.len(),
            sources.join(" and ")
        );
        print!("{}", report.markdown());
    }
    Ok(())
}

#[cfg(feature = "lingua")]
fn detectors() -> Vec<Box<dyn Detector>> {
    vec![
        Box::new(lang::Whatlang),
        Box::new(lang::Whichlang),
        Box::new(lang::Lingua::all()),
        Box::new(lang::Lingua::restricted(lang::NEWS_LANGUAGES)),
        Box::new(lang::Core),
    ]
}

#[cfg(not(feature = "lingua"))]
fn detectors() -> Vec<Box<dyn Detector>> {
    eprintln!(
        "note: built without the `lingua` feature: lingua is not measured (cargo build --release --features lingua)"
    );
    vec![
        Box::new(lang::Whatlang),
        Box::new(lang::Whichlang),
        Box::new(lang::Core),
    ]
}

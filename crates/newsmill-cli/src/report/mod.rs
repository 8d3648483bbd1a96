//! `newsmill report`: one self-contained HTML page about a batch of
//! records, read in one streaming pass in bounded memory.

mod aggregate;
mod html;
mod read;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use aggregate::{Aggregate, Capacity};
use read::Item;

/// Arguments of `newsmill report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Records written by `newsmill process`: JSON Lines (plain, .gz, .zst) or Parquet.
    #[arg(required = true, value_name = "RECORDS")]
    inputs: Vec<PathBuf>,
    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Keys kept per approximate table (entities, speakers, keyphrases,
    /// sources, clusters); figures stay exact while a table holds fewer.
    #[arg(long, default_value_t = 5000, value_name = "N")]
    keep: usize,
    /// No summary line on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// What the run that wrote the records measured, when the report is
/// written by `newsmill process --report`.
#[derive(Debug, Clone)]
pub(crate) struct RunInfo {
    pub articles: u64,
    pub bytes: u64,
    pub seconds: f64,
    pub threads: usize,
    /// (stage, seconds summed over threads, is an extractor).
    pub stages: Vec<(String, f64, bool)>,
}

impl RunInfo {
    fn articles_per_second(&self) -> f64 {
        self.articles as f64 / self.seconds.max(1e-9)
    }
}

fn capacity(keep: usize) -> Capacity {
    Capacity {
        entities: keep,
        speakers: keep,
        keyphrases: keep,
        sources: keep,
        clusters: keep,
    }
}

/// Read `inputs`, write the page to `output`; gives the aggregate.
pub(crate) fn write(
    inputs: &[PathBuf],
    output: &Path,
    keep: usize,
    run: Option<&RunInfo>,
) -> Result<Aggregate> {
    let mut agg = Aggregate::new(capacity(keep));
    for path in inputs {
        read::for_each(path, |item| match item {
            Item::Record(r) => agg.add(&r),
            Item::Unreadable(u) => {
                if agg.unreadable < 3 {
                    eprintln!("newsmill: warning: {}: not a record: {}", u.at, u.message);
                }
                agg.add_unreadable(u);
            }
        })?;
    }
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let page = html::render(&agg, &names, run);
    std::fs::write(output, page)
        .with_context(|| format!("cannot write the report {}", output.display()))?;
    Ok(agg)
}

pub(crate) fn run(args: ReportArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let agg = write(&args.inputs, &args.output, args.keep, None)?;
    if !args.quiet {
        eprintln!(
            "newsmill: report of {} records ({} lines not records) -> {} in {:.2} s",
            agg.articles,
            agg.unreadable,
            args.output.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

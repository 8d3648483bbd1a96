//! `newsmill bench`: the `process` pipeline over the user's own data
//! (records encoded, then discarded), timed stage by stage, for each
//! number of worker threads asked for.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;

use newsmill_core::{AnalyzeOptions, RecordOptions};
use newsmill_engine::{EngineOptions, FnCodec, FnSink, RunStats, Runner, StageTime};
use newsmill_io::{Inputs, JsonlWriter, OutputError, RawItem, ReadOptions, decode, encode_jsonl};

use crate::Usage;
use crate::process::FormatArg;

/// Arguments of `newsmill bench`.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// Files, directories (read recursively) and `-` for stdin (read once:
    /// then give one threads value).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Worker-thread counts to run with, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1", value_name = "N,...")]
    threads: Vec<usize>,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    /// Which files of a directory to read [default: *.txt, or *.jsonl with --format jsonl].
    #[arg(long, value_name = "PATTERN")]
    glob: Option<String>,
    /// Print the results as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    extractors: crate::extractors::ExtractorArgs,
    #[command(flatten)]
    dedup: crate::dedup::DedupArgs,
}

/// One run's figures.
struct Run {
    threads: usize,
    stats: RunStats,
    stages: Vec<StageTime>,
}

fn one_run(args: &BenchArgs, read: &ReadOptions, threads: usize) -> Result<Run> {
    let pipeline = crate::extractors::builder(&args.extractors)?
        .analyze(AnalyzeOptions::default())
        .record(RecordOptions::default())
        .timed(true)
        .build()
        .map_err(|e| Usage(e.to_string()))?;
    let mut dedup = args.dedup.stage()?;
    let inputs = Inputs::open(&args.inputs, read).map_err(|e| Usage(e.to_string()))?;
    let mut writer = JsonlWriter::new(std::io::sink(), "(discarded)");
    let opts = EngineOptions {
        threads,
        ..EngineOptions::default()
    };
    let stats = Runner::new(&opts, &pipeline)
        .dedup(dedup.as_mut())
        .run(
            inputs.map(|item: RawItem| (item.size, item)),
            &FnCodec(
                |(_, item): (u64, RawItem)| decode(item, read),
                |record| encode_jsonl(&record, false),
            ),
            FnSink(
                |encoded: Result<Vec<u8>, OutputError>| writer.write_encoded(&encoded?),
                |_: &RunStats| {},
            ),
        )
        .context("the run stopped")?;
    let stages = pipeline
        .timings()
        .map(newsmill_engine::Timings::snapshot)
        .unwrap_or_default();
    Ok(Run {
        threads,
        stats,
        stages,
    })
}

fn micros_per_article(d: Duration, articles: u64) -> f64 {
    if articles == 0 {
        0.0
    } else {
        d.as_secs_f64() * 1e6 / articles as f64
    }
}

fn report(runs: &[Run]) -> String {
    let mut s = String::new();
    let base = runs.first().map_or(0.0, |r| r.stats.articles_per_second());
    for r in runs {
        let total: Duration = r.stages.iter().map(|t| t.time).sum();
        s.push_str(&format!(
            "threads {}: {} articles, {:.1} MB of text in {:.2} s: {:.0} articles/s, {:.2} MB/s, speed-up {:.2}x\n",
            r.threads,
            r.stats.articles,
            r.stats.bytes as f64 / 1e6,
            r.stats.elapsed.as_secs_f64(),
            r.stats.articles_per_second(),
            r.stats.mb_per_second(),
            if base > 0.0 {
                r.stats.articles_per_second() / base
            } else {
                0.0
            },
        ));
        s.push_str(&format!(
            "  {:<24} {:>12} {:>7}\n",
            "stage", "µs/article", "share"
        ));
        for t in &r.stages {
            s.push_str(&format!(
                "  {:<24} {:>12.1} {:>6.1}%\n",
                if t.extractor {
                    format!("extractor {}", t.name)
                } else {
                    t.name.clone()
                },
                micros_per_article(t.time, r.stats.articles),
                100.0 * t.time.as_secs_f64() / total.as_secs_f64().max(1e-12)
            ));
        }
        s.push_str(&format!(
            "  {:<24} {:>12.1} {:>6.1}%\n",
            "total (CPU, all threads)",
            micros_per_article(total, r.stats.articles),
            100.0
        ));
    }
    s
}

fn json(runs: &[Run]) -> serde_json::Value {
    let base = runs.first().map_or(0.0, |r| r.stats.articles_per_second());
    let runs: Vec<serde_json::Value> = runs
        .iter()
        .map(|r| {
            let total: Duration = r.stages.iter().map(|t| t.time).sum();
            let stages: Vec<serde_json::Value> = r
                .stages
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "stage": t.name,
                        "extractor": t.extractor,
                        "us_per_article": micros_per_article(t.time, r.stats.articles),
                        "share": t.time.as_secs_f64() / total.as_secs_f64().max(1e-12),
                    })
                })
                .collect();
            serde_json::json!({
                "threads": r.threads,
                "articles": r.stats.articles,
                "errors": r.stats.errors,
                "bytes": r.stats.bytes,
                "seconds": r.stats.elapsed.as_secs_f64(),
                "articles_per_second": r.stats.articles_per_second(),
                "mb_per_second": r.stats.mb_per_second(),
                "speedup": if base > 0.0 { r.stats.articles_per_second() / base } else { 0.0 },
                "stages": stages,
            })
        })
        .collect();
    serde_json::json!({ "runs": runs })
}

pub(crate) fn run(args: BenchArgs) -> Result<ExitCode> {
    if args.threads.is_empty() {
        return Err(Usage("--threads needs at least one value".into()).into());
    }
    if args.inputs.iter().any(|p| p.as_os_str() == "-") && args.threads.len() > 1 {
        return Err(
            Usage("stdin can be read once: give one --threads value with `-`".into()).into(),
        );
    }
    let read = ReadOptions {
        format: args.format.into(),
        glob: args.glob.clone(),
        ..ReadOptions::default()
    };
    let mut runs = Vec::new();
    for &t in &args.threads {
        let r = one_run(&args, &read, t)?;
        if !args.json {
            eprintln!(
                "newsmill: bench: threads {t} done, {:.0} articles/s",
                r.stats.articles_per_second()
            );
        }
        runs.push(r);
    }
    if args.json {
        println!("{}", json(&runs));
    } else {
        print!("{}", report(&runs));
    }
    Ok(ExitCode::SUCCESS)
}

//! `newsmill process` as the Python package (crates/newsmill-py) calls it:
//! the same options, parsed by the same parser, build the same pipeline and
//! reader settings, so a Python run and a command-line run give the same
//! records and the same one-line error messages.
//!
//! ```
//! let p = newsmill_cli::python::prepare(["--extractors", "dates", "--tokens"]).unwrap();
//! assert_eq!(p.pipeline.extractors().count(), 1);
//! assert!(p.pipeline.record.tokens);
//! let e = newsmill_cli::python::prepare(["--extractors", "nope"]).unwrap_err();
//! assert!(newsmill_cli::python::is_usage(&e));
//! assert!(format!("{e:#}").contains("no built-in extractor \"nope\""));
//! ```

use std::ffi::OsString;

use anyhow::{Result, anyhow};
use clap::Parser;

use newsmill_engine::{Dedup, EngineOptions, Pipeline, RunStats};
use newsmill_io::ReadOptions;

use super::ProcessArgs;
use crate::Usage;

#[derive(Debug, Parser)]
#[command(name = "newsmill process", no_binary_name = true)]
struct ProcessCli {
    #[command(flatten)]
    args: ProcessArgs,
}

/// The options of `newsmill process`, parsed, with what they build.
pub struct Prepared {
    /// How items are read: JSON field names, the size limit.
    pub read: ReadOptions,
    /// The extractors in order, with their configuration and record options.
    pub pipeline: Pipeline,
    /// The runner's settings (`--threads`).
    pub engine: EngineOptions,
    args: ProcessArgs,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("read", &self.read)
            .field("pipeline", &self.pipeline)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    /// A fresh near-duplicate stage for one run, when the options ask for
    /// one (`--dedup`, `--dedup-threshold`, `--emit-signature`).
    pub fn dedup(&self) -> Result<Option<Dedup>> {
        self.args.dedup.stage()
    }
}

/// True when the error is about how newsmill was called (a bad option, an
/// unknown extractor, a plugin that does not load): the CLI's exit code 2.
pub fn is_usage(e: &anyhow::Error) -> bool {
    e.downcast_ref::<Usage>().is_some()
}

fn parse<I, T>(argv: I) -> Result<ProcessArgs>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match ProcessCli::try_parse_from(argv) {
        Ok(cli) => Ok(cli.args),
        Err(e) => {
            // clap's message is several lines (tip, usage); keep the first.
            let text = e.to_string();
            let line = text.lines().next().unwrap_or("bad arguments");
            Err(anyhow!(Usage(
                line.strip_prefix("error: ").unwrap_or(line).to_string()
            )))
        }
    }
}

/// Parse the options of `newsmill process` (no inputs) and build the
/// pipeline exactly as `process` does.
pub fn prepare<I, T>(options: I) -> Result<Prepared>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv = std::iter::once(OsString::from("-")).chain(options.into_iter().map(Into::into));
    let args = parse(argv)?;
    let read = args.read_options();
    let pipeline = crate::extractors::builder(&args.extractors)?
        .analyze(args.analyze_options())
        .record(args.record_options())
        .build()
        .map_err(|e| Usage(e.to_string()))?;
    // Check the near-duplicate options now, not at the first run.
    args.dedup.stage()?;
    let engine = EngineOptions {
        threads: args.threads,
        ..EngineOptions::default()
    };
    Ok(Prepared {
        read,
        pipeline,
        engine,
        args,
    })
}

/// Run `newsmill process` with these arguments (inputs and options, no
/// program name) and give the run's counts. Records go to `--output` (or
/// stdout); the summary line goes to stderr unless `--quiet`.
///
/// ```no_run
/// let stats = newsmill_cli::python::process(["in/", "-o", "out.parquet", "--quiet"]).unwrap();
/// println!("{} records", stats.articles);
/// ```
pub fn process<I, T>(argv: I) -> Result<RunStats>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = parse(argv)?;
    super::run_counted(args, None).map(|(_, stats)| stats)
}

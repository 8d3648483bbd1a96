//! The `newsmill` command line: argument parsing (clap) and the commands,
//! over the library crates. The binary itself is the root package's
//! three-line `main`, so that the end-to-end tests and `cargo install`
//! see it.
//!
//! ```no_run
//! std::process::exit(match newsmill_cli::main() { c if c == std::process::ExitCode::SUCCESS => 0, _ => 1 });
//! ```

mod bench;
mod dedup;
mod eval;
mod eval_dedup;
mod eval_extra;
mod eval_html;
mod eval_language;
mod eval_quotes;
mod extractors;
mod process;
mod report;
mod train;

pub use process::python;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn large batches of news articles into structured records.
#[derive(Debug, Parser)]
#[command(name = "newsmill", version, about = "Turn large batches of news articles into structured records.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse articles: one JSON record per input item, in input order.
    Process(Box<process::ProcessArgs>),
    /// List the extractors that would run, in order, with their versions.
    Extractors(extractors::ExtractorArgs),
    /// Measure newsmill against gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Time the pipeline on your own data: per-stage cost, articles/s and
    /// MB/s for each thread count, with the speed-up.
    Bench(Box<bench::BenchArgs>),
    /// Train a model from annotated data.
    #[command(subcommand)]
    Train(train::TrainCommand),
    /// Write one self-contained HTML page about a batch of records.
    Report(report::ReportArgs),
}

/// Parse the process arguments, run the command, print errors, and give
/// the exit code: 0 done, 1 failed (output, or errors with
/// `--fail-on-error`), 2 usage error.
pub fn main() -> ExitCode {
    // A panic inside one article's processing is caught and reported on
    // that article's record; on stderr it takes one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let msg = newsmill_plugin::host::panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("newsmill: panic{at}: {msg}");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Process(args) => process::run(*args),
        Command::Extractors(args) => extractors::list(&args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Train(cmd) => train::run(cmd),
        Command::Bench(args) => bench::run(*args),
        Command::Report(args) => report::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("newsmill: error: {}", one_line(&e));
            ExitCode::from(e.downcast_ref::<Usage>().map_or(1, |_| 2))
        }
    }
}

/// The error and its causes on one line, leaving out a cause whose text
/// the line already holds (an OS error wrapped with its own message).
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let c = cause.to_string();
        if line.contains(&c) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&c);
    }
    line
}

/// An error in how newsmill was called (exit code 2).
#[derive(Debug)]
pub(crate) struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

//! `newsmill eval`: measurements against gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

/// What to measure.
#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Token agreement with CoNLL-2003 (text rebuilt from the gold tokens).
    Tokens {
        /// CoNLL-2003 files (e.g. ../shared/data/conll2003/eng.testa).
        #[arg(long, required = true, num_args = 1..)]
        conll: Vec<PathBuf>,
    },
}

pub(crate) fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Tokens { conll } => {
            for p in conll {
                println!("{}", p.display());
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

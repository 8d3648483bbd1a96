//! `newsmill eval`: measurements against gold data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;

use newsmill_eval::conll::{self, ConllDoc};
use newsmill_eval::sentences::TokensFrom;

/// What to measure.
#[derive(Debug, Subcommand)]
pub(crate) enum EvalCommand {
    /// Token agreement with CoNLL-2003: each document's running text is
    /// rebuilt from the gold tokens, tokenized, and compared span by span.
    Tokens {
        /// CoNLL-2003 files (e.g. ../shared/data/conll2003/eng.testa).
        #[arg(long, required = true, num_args = 1..)]
        conll: Vec<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sentence-boundary agreement with CoNLL-2003, on the gold tokens and
    /// end to end with newsmill's tokenizer.
    Sentences {
        /// CoNLL-2003 files.
        #[arg(long, required = true, num_args = 1..)]
        conll: Vec<PathBuf>,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn read(path: &Path) -> Result<Vec<ConllDoc>> {
    let p = path.to_string_lossy();
    conll::read_file(&p).with_context(|| format!("cannot read CoNLL file {}", path.display()))
}

pub(crate) fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Tokens { conll, json } => {
            for p in &conll {
                let docs = read(p)?;
                let a = newsmill_eval::tokens::agreement(&docs);
                if json {
                    println!("{}", serde_json::json!({"file": p, "tokens": a}));
                } else {
                    println!(
                        "== {} ({} documents)\n{}",
                        p.display(),
                        docs.len(),
                        a.report()
                    );
                }
            }
        }
        EvalCommand::Sentences { conll, json } => {
            for p in &conll {
                let docs = read(p)?;
                for mode in [TokensFrom::Gold, TokensFrom::Tokenizer] {
                    let a = newsmill_eval::sentences::agreement(&docs, mode);
                    if json {
                        println!("{}", serde_json::json!({"file": p, "sentences": a}));
                    } else {
                        println!(
                            "== {} ({} documents), {:?} tokens\n{}",
                            p.display(),
                            docs.len(),
                            mode,
                            a.report()
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

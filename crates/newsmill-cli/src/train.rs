//! `newsmill train`: train models from annotated data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use newsmill_core::{Sentence, Token, TokenKind};
use newsmill_eval::conll::{self, ConllDoc};
use newsmill_ner::train::{TrainDoc, TrainOptions};
use newsmill_ner::{FeatureSet, Lexicon};

/// What to train.
#[derive(Debug, Subcommand)]
pub(crate) enum TrainCommand {
    /// The named-entity tagger (averaged perceptron over BILOU tags).
    Ner(NerTrainArgs),
}

/// Options of `newsmill train ner`.
#[derive(Debug, Args)]
pub(crate) struct NerTrainArgs {
    /// CoNLL-2003 training file (e.g. ../shared/data/conll2003/eng.train).
    #[arg(long)]
    train: PathBuf,
    /// CoNLL-2003 development file; the best epoch on it is kept.
    #[arg(long, conflicts_with = "train_dev_tail")]
    dev: Option<PathBuf>,
    /// Hold out the last FRACTION of the training documents (e.g. 0.1) as
    /// the development slice that picks the epoch, so that no reported
    /// split (eng.testa) is used for model selection. Train the final model
    /// on everything with `--epochs` set to the epoch picked here.
    #[arg(long, value_name = "FRACTION")]
    train_dev_tail: Option<f64>,
    /// Where to write the model.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 0x5EED)]
    seed: u64,
    /// Train one model per shuffling seed (comma-separated) and write
    /// their average: the same size and speed as one model, without its
    /// dependence on one order of the training data. Word clusters are
    /// learned once, with --seed.
    #[arg(long, value_delimiter = ',', value_name = "SEED,...")]
    seeds: Vec<u64>,
    /// Drop features seen fewer times than this in training.
    #[arg(long, default_value_t = 1)]
    min_count: u32,
    /// Directories of unlabelled text (`*.txt`, recursively) to learn word
    /// clusters from; none: no cluster features.
    #[arg(long = "unlabelled", value_name = "DIR")]
    unlabelled: Vec<PathBuf>,
    /// Number of clusters at the finest level.
    #[arg(long, default_value_t = 256)]
    clusters: usize,
    /// Word-vector clusters, a feature family beside the clusters learned
    /// from --unlabelled text: a file (plain or .gz) of
    /// `word<TAB>fine<TAB>mid<TAB>coarse` lines, as
    /// plugins/ner/scripts/vector_clusters.py writes (case-sensitive words).
    #[arg(long, value_name = "FILE")]
    vector_clusters: Option<PathBuf>,
    /// Word vectors, dense features beside the cluster ids: a file (plain
    /// or .gz) as plugins/ner/scripts/word_vectors.py writes
    /// (`ROWS<TAB>DIM`, the rows, then `word<TAB>row` lines).
    #[arg(long, value_name = "FILE")]
    word_vectors: Option<PathBuf>,
    /// Multiply the word vectors by this (their weight against the 0/1
    /// features while training).
    #[arg(long, default_value_t = 1.0)]
    vector_scale: f32,
    /// Gazetteer lists, TYPE=FILE (TYPE one of PER, ORG, LOC, MISC, or
    /// BRAND for brand and service names, or PLACE for place names (towns,
    /// which are also sports teams' names), whose type the model learns; one
    /// entry per line); repeatable.
    #[arg(long = "gazetteer", value_name = "TYPE=FILE")]
    gazetteers: Vec<String>,
    /// Word dropout: the probability that a token of a training name is
    /// seen as an unknown word in an epoch; 0 turns it off.
    #[arg(long, default_value_t = newsmill_ner::train::DEFAULT_WORD_DROPOUT)]
    word_dropout: f32,
    /// Training margin: wrong tags get this much added to their scores
    /// while training (cost-augmented decoding); 0 is the plain perceptron.
    #[arg(long, default_value_t = 0.0)]
    margin: f32,
    /// Turn off feature groups (ablations): context, sentence, doc-case,
    /// history, clusters, gazetteers, two-pass, vote.
    #[arg(long = "without", value_name = "GROUP")]
    without: Vec<String>,
}

/// Read a text file, plain or compressed; `what` names it in the error.
fn read_text(path: &Path, what: &str) -> Result<String> {
    let mut text = String::new();
    newsmill_io::open_decompressed(path)
        .and_then(|(mut r, _)| std::io::Read::read_to_string(&mut r, &mut text))
        .with_context(|| format!("cannot read {what} {}", path.display()))?;
    Ok(text)
}

/// Read a CoNLL-2003 file.
pub(crate) fn read_conll(path: &Path) -> Result<Vec<ConllDoc>> {
    let p = path.to_string_lossy();
    conll::read_file(&p).with_context(|| format!("cannot read CoNLL file {}", path.display()))
}

/// A CoNLL document as the tagger's training/scoring input (gold tokens,
/// gold sentences, BILOU tags).
pub(crate) fn to_train_doc(d: &ConllDoc) -> TrainDoc {
    let tokens: Vec<Token> = d
        .tokens
        .iter()
        .map(|t| Token::new(t.span.start, t.span.end, TokenKind::WORD))
        .collect();
    let mut sentences = Vec::with_capacity(d.sentences.len());
    let mut tags = Vec::with_capacity(tokens.len());
    for &(a, b) in &d.sentences {
        let (Some(first), Some(last)) = (tokens.get(a), tokens.get(b.saturating_sub(1))) else {
            continue;
        };
        sentences.push(Sentence {
            start: first.start,
            end: last.end,
            token_start: a as u32,
            token_end: b as u32,
        });
        let iob: Vec<&str> = d.tokens[a..b].iter().map(|t| t.ner.as_str()).collect();
        tags.extend(newsmill_ner::tags::from_iob(&iob));
    }
    tags.resize(tokens.len(), 0);
    TrainDoc {
        text: d.text.clone(),
        tokens,
        sentences,
        tags,
    }
}

fn feature_set(without: &[String]) -> Result<FeatureSet> {
    let mut fs = FeatureSet::default();
    for w in without {
        match w.as_str() {
            "context" => fs.context = false,
            "sentence" => fs.sentence = false,
            "doc-case" => fs.doc_case = false,
            "history" => fs.history = false,
            "clusters" => fs.clusters = false,
            "gazetteers" => fs.gazetteers = false,
            "vote" => fs.vote = false,
            "two-pass" => fs.two_pass = false,
            other => anyhow::bail!(crate::Usage(format!(
                "--without {other:?}: expected context, sentence, doc-case, history, clusters, gazetteers, two-pass or vote"
            ))),
        }
    }
    Ok(fs)
}

pub(crate) fn run(cmd: TrainCommand) -> Result<ExitCode> {
    match cmd {
        TrainCommand::Ner(a) => train_ner(a),
    }
}

fn train_ner(a: NerTrainArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let features = feature_set(&a.without)?;
    let mut train: Vec<TrainDoc> = read_conll(&a.train)?.iter().map(to_train_doc).collect();
    let dev: Vec<TrainDoc> = match (&a.dev, a.train_dev_tail) {
        (Some(p), _) => read_conll(p)?.iter().map(to_train_doc).collect(),
        (None, Some(f)) => {
            if !(f > 0.0 && f < 1.0) {
                anyhow::bail!(crate::Usage(format!(
                    "--train-dev-tail {f}: expected a fraction between 0 and 1"
                )));
            }
            let keep = train.len() - ((train.len() as f64 * f).round() as usize).min(train.len());
            if keep == 0 || keep == train.len() {
                anyhow::bail!(crate::Usage(format!(
                    "--train-dev-tail {f}: {} training documents leave an empty slice",
                    train.len()
                )));
            }
            let dev = train.split_off(keep);
            eprintln!(
                "development slice: the last {} of {} training documents (epochs are picked on it)",
                dev.len(),
                dev.len() + train.len()
            );
            dev
        }
        (None, None) => Vec::new(),
    };
    let mut lexicon = Lexicon::default();
    let mut texts = Vec::new();
    for dir in &a.unlabelled {
        let found = newsmill_eval::batch::corpus_texts(dir)
            .with_context(|| format!("cannot read unlabelled text in {}", dir.display()))?;
        texts.extend(found.into_iter().map(|(_, t)| t));
    }
    // The training text itself is unlabelled text too.
    texts.extend(train.iter().map(|d| d.text.clone()));
    if let (Some(path), true) = (&a.vector_clusters, features.clusters) {
        let tsv = read_text(path, "word clusters")?;
        let n = lexicon
            .load_word_clusters(&tsv)
            .with_context(|| format!("word clusters {}", path.display()))?;
        eprintln!("{n} words with clusters from {}", path.display());
    }
    if let (Some(path), true) = (&a.word_vectors, features.clusters) {
        let text = read_text(path, "word vectors")?;
        let n = lexicon
            .load_word_vectors(&text, a.vector_scale)
            .with_context(|| format!("word vectors {}", path.display()))?;
        eprintln!("{n} words with vectors from {}", path.display());
    }
    if !a.unlabelled.is_empty() && features.clusters {
        eprintln!("clustering words of {} unlabelled texts ...", texts.len());
        let n = newsmill_ner::cluster::learn(&texts, a.clusters, a.seed, &mut lexicon);
        eprintln!("{n} words clustered ({:.0} s)", t0.elapsed().as_secs_f64());
    }
    if features.gazetteers {
        // Words written in lower case more often than capitalised in the
        // running text are common words, not names: they stay out.
        let case = newsmill_ner::casing::CaseCounts::from_texts(&texts);
        for g in &a.gazetteers {
            let Some((ty, path)) = g.split_once('=') else {
                anyhow::bail!(crate::Usage(format!(
                    "--gazetteer {g:?}: expected TYPE=FILE"
                )));
            };
            let t = match ty {
                "BRAND" => newsmill_ner::tags::TYPES.len() as u8,
                "PLACE" => newsmill_ner::tags::TYPES.len() as u8 + 1,
                _ => newsmill_ner::tags::type_index(ty).ok_or_else(|| {
                    crate::Usage(format!(
                        "--gazetteer {g:?}: TYPE must be PER, ORG, LOC, MISC, BRAND or PLACE"
                    ))
                })?,
            };
            let list = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read gazetteer {path}"))?;
            let n = lexicon.add_gazetteer_list_with(t, &list, |w| !case.is_mostly_lower(w));
            eprintln!("gazetteer {ty}: {n} entries from {path}");
        }
    }
    let opts = TrainOptions {
        epochs: a.epochs,
        seed: a.seed,
        features,
        min_count: a.min_count,
        lexicon,
        word_dropout: a.word_dropout,
        margin: a.margin,
    };
    eprintln!(
        "training on {} documents ({} tokens), dev {} documents",
        train.len(),
        train.iter().map(|d| d.tokens.len()).sum::<usize>(),
        dev.len()
    );
    let (model, counts) = if a.seeds.is_empty() {
        newsmill_ner::train::train(&train, &dev, &opts, |line| eprintln!("{line}"))
    } else {
        let models: Vec<newsmill_ner::Model> = std::thread::scope(|scope| {
            let handles: Vec<_> = a
                .seeds
                .iter()
                .map(|&seed| {
                    let (train, dev) = (&train, &dev);
                    let opts = TrainOptions {
                        seed,
                        ..opts.clone()
                    };
                    scope.spawn(move || {
                        newsmill_ner::train::train(train, dev, &opts, |line| {
                            eprintln!("seed {seed}: {line}")
                        })
                        .0
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let model = newsmill_ner::Model::average(&models)
            .context("the models of the seeds differ in their features")?;
        let counts = newsmill_ner::train::evaluate(&model, &dev);
        eprintln!(
            "averaged the models of {} seeds; dev F1 {:.2}",
            models.len(),
            100.0 * counts.f1()
        );
        (model, counts)
    };
    let bytes = model.to_bytes();
    if let Some(parent) = a.output.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&a.output, &bytes)
        .with_context(|| format!("cannot write the model to {}", a.output.display()))?;
    eprintln!(
        "wrote {} ({:.2} MB, {} features); best dev F1 {:.2}; {:.0} s",
        a.output.display(),
        bytes.len() as f64 / 1e6,
        model.features(),
        100.0 * counts.f1(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

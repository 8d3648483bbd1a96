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
    /// Temporal expressions against TimeML (TempEval-3): span P/R/F1 strict
    /// and relaxed, type, value accuracy and value F1.
    Dates {
        /// A directory of .tml files (e.g. ../shared/data/timeml).
        #[arg(long, value_name = "DIR")]
        timeml: PathBuf,
    },
    /// Main-text extraction from HTML against the article-extraction
    /// benchmark: precision, recall and F1 of 4-token shingles.
    Html {
        /// The benchmark directory (ground-truth.json and html/*.html.gz,
        /// e.g. ../shared/data/html-articles).
        #[arg(long, value_name = "DIR")]
        bench: PathBuf,
        /// Also list the N lowest-scoring pages.
        #[arg(long, default_value_t = 0, value_name = "N")]
        worst: usize,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Also cross-validate by site: N folds (no site in two folds),
        /// per-fold and cross-validated F1 beside the tuned F1, and an
        /// ablation of each furniture rule.
        #[arg(long, value_name = "N")]
        folds: Option<usize>,
        /// Cross-validate the learned block classifier by site (the
        /// `--folds` count, default 5): each fold extracted by a model
        /// trained on the other folds, for a few training settings.
        #[arg(long)]
        blocks: bool,
        /// With --blocks: write the model trained on all pages with the
        /// shipped settings to FILE (JSON).
        #[arg(long, value_name = "FILE", requires = "blocks")]
        write_model: Option<PathBuf>,
    },
    /// Keyphrases against KPCrowd: P, R and F1 at N (lower-cased,
    /// punctuation stripped, Porter-stemmed exact matches).
    Keyphrases {
        /// The KPCrowd directory (with docs/ and keys/).
        #[arg(long, value_name = "DIR")]
        kpcrowd: PathBuf,
        /// Phrases per document.
        #[arg(long, default_value_t = 10)]
        top: usize,
        /// Also score another system's output: JSON Lines of {"id", "keyphrases": [...]}.
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
    /// Quotations against PolNeAR: content P/R/F1 (exact and overlap),
    /// the share of found quotations with the right speaker, and the same
    /// for direct quotations alone.
    Quotes {
        /// A PolNeAR split (e.g. ../shared/data/polnear/dev).
        #[arg(long, value_name = "DIR")]
        polnear: PathBuf,
        /// Also print each miss, false alarm and wrong speaker.
        #[arg(long)]
        errors: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Named entities against CoNLL-2003: conlleval-style precision,
    /// recall and F1 per type and overall (exact span match), on the gold
    /// tokens and sentences; with `--raw`, from each document's rebuilt
    /// running text through the whole pipeline (structure, tokenizer,
    /// sentences, ner), scored by character spans. With `--modern`, the
    /// modern dev set: 49 article bodies of the HTML benchmark annotated by
    /// the same guidelines (docs/ner.md), raw text through the pipeline.
    Ner {
        /// CoNLL-2003 files (e.g. ../shared/data/conll2003/eng.testa).
        #[arg(long, num_args = 1.., required_unless_present = "modern")]
        conll: Vec<PathBuf>,
        /// The HTML benchmark directory (../shared/data/html-articles):
        /// score the modern dev set, by split.
        #[arg(long, value_name = "DIR")]
        modern: Option<PathBuf>,
        /// With --modern: the split to score (`tune` for choosing, `untouched`
        /// to report a decided change, or `all`: each split, then both).
        #[arg(long, default_value = "tune", value_parser = ["tune", "untouched", "all"])]
        split: String,
        /// With --modern: also print each miss and false alarm (type and text).
        #[arg(long)]
        errors: bool,
        /// Run the full pipeline from raw text instead of the gold tokens.
        #[arg(long)]
        raw: bool,
        /// A model file (default: the embedded model).
        #[arg(long)]
        model: Option<PathBuf>,
        /// The CoNLL training file whose gold mentions count as seen names
        /// for the "unseen names" table (default: eng.train next to each
        /// --conll file, when present).
        #[arg(long, value_name = "FILE")]
        seen: Option<PathBuf>,
        /// Also write the gold-token predictions in CoNLL format (word POS
        /// chunk gold predicted), the input of the original conlleval. With
        /// --modern: the pipeline's tokens and sentences of the split's
        /// articles (POS and chunk `-`), one `-DOCSTART-` per article, the
        /// gold tags from the annotated spans.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Near-duplicates: pair precision and recall on generated wire-copy
    /// variants of the BBC articles (by share of text kept), and the
    /// duplicate clusters found in the BBC corpus.
    Dedup(crate::eval_dedup::DedupEvalArgs),
    /// Language detectors compared: accuracy by text length and by
    /// language, and µs per text on one thread, for whatlang, whichlang,
    /// the core's choice and (built with the `lingua` feature) lingua's
    /// low-accuracy mode. Labels: the declared language of the HTML
    /// benchmark's pages, and English for BBC.
    Language(crate::eval_language::LanguageEvalArgs),
}

/// The gold-token predictions as CoNLL lines: word POS chunk gold pred.
fn conll_predictions(model: &newsmill_ner::Model, docs: &[ConllDoc]) -> String {
    let mut s = String::new();
    let mut found = Vec::new();
    for d in docs {
        let t = crate::train::to_train_doc(d);
        found.clear();
        model.tag(&t.text, &t.tokens, &t.sentences, &mut found);
        let pred = mention_iob(t.tokens.len(), &found);
        s.push_str("-DOCSTART- -X- -X- O O\n\n");
        for &(a, b) in &d.sentences {
            for (tok, p) in d.tokens[a..b].iter().zip(&pred[a..b]) {
                s.push_str(&format!(
                    "{} {} {} {} {p}\n",
                    tok.word, tok.pos, tok.chunk, tok.ner
                ));
            }
            s.push('\n');
        }
    }
    s
}

/// The IOB2 tag of each of `n` tokens (`B-ORG`, `I-ORG`, `O`) from the
/// tagger's mentions.
fn mention_iob(n: usize, found: &[newsmill_ner::Mention]) -> Vec<String> {
    let mut tags = vec![String::from("O"); n];
    for m in found {
        let ty = newsmill_ner::tags::TYPES[m.ty as usize & 3];
        for (k, p) in tags[m.first..m.end].iter_mut().enumerate() {
            *p = format!("{}-{ty}", if k == 0 { "B" } else { "I" });
        }
    }
    tags
}

fn ner_report(counts: &newsmill_ner::train::SpanCounts) -> (String, serde_json::Value) {
    let mut s = format!(
        "{:<8} {:>8} {:>8} {:>8} {:>7} {:>7}\n",
        "type", "P", "R", "F1", "gold", "found"
    );
    let mut j = serde_json::Map::new();
    let names = newsmill_ner::tags::TYPES
        .iter()
        .copied()
        .chain(std::iter::once("overall"));
    for (name, &(tp, p, g)) in names.zip(&counts.counts) {
        let prf = newsmill_eval::Prf::from_counts(tp, p, g);
        s.push_str(&format!(
            "{:<8} {:>8.2} {:>8.2} {:>8.2} {:>7} {:>7}\n",
            name,
            100.0 * prf.precision,
            100.0 * prf.recall,
            100.0 * prf.f1,
            g,
            p
        ));
        j.insert(
            name.to_string(),
            serde_json::to_value(prf).unwrap_or_default(),
        );
    }
    (s, serde_json::Value::Object(j))
}

/// A mention's surface form: its text with runs of white space as one space.
fn surface(text: &str, start: usize, end: usize) -> String {
    text.get(start..end)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The character spans and types of tagged mentions.
fn char_spans(
    tokens: &[newsmill_core::Token],
    found: &[newsmill_ner::Mention],
) -> Vec<(usize, usize, u8)> {
    found
        .iter()
        .map(|m| {
            (
                tokens[m.first].start as usize,
                tokens[m.end - 1].end as usize,
                m.ty,
            )
        })
        .collect()
}

/// Count unseen names: the predicted and gold mentions of `text` whose
/// surface form is no gold mention of the training file (`seen`).
fn add_unseen(
    unseen: &mut newsmill_ner::train::SpanCounts,
    seen: &std::collections::HashSet<String>,
    text: &str,
    pred: &[(usize, usize, u8)],
    gold: &[(usize, usize, u8)],
) {
    let keep = |&&(a, b, _): &&(usize, usize, u8)| !seen.contains(&surface(text, a, b));
    let pu: Vec<_> = pred.iter().filter(keep).copied().collect();
    let gu: Vec<_> = gold.iter().filter(keep).copied().collect();
    unseen.add(&pu, &gu);
}

/// The surface forms of every gold mention of a CoNLL file.
fn seen_names(path: &Path) -> Result<std::collections::HashSet<String>> {
    let mut seen = std::collections::HashSet::new();
    for d in read(path)? {
        let t = crate::train::to_train_doc(&d);
        for (a, b, _) in newsmill_ner::train::gold_spans(&t) {
            seen.insert(surface(
                &t.text,
                t.tokens[a].start as usize,
                t.tokens[b - 1].end as usize,
            ));
        }
    }
    Ok(seen)
}

/// The training file for the unseen-names table: `--seen`, else eng.train
/// next to the evaluated file.
fn seen_file(seen: Option<&Path>, conll: &Path) -> Option<PathBuf> {
    match seen {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let p = conll.parent()?.join("eng.train");
            p.is_file().then_some(p)
        }
    }
}

fn load_model(model: Option<&Path>) -> Result<newsmill_ner::Model> {
    match model {
        Some(p) => newsmill_ner::Model::load(p)
            .with_context(|| format!("cannot load NER model {}", p.display())),
        None => newsmill_ner::Model::embedded().context("cannot load the embedded NER model"),
    }
}

/// How `eval ner --modern` scores: which split, and what else it writes.
#[derive(Clone, Copy)]
struct ModernEval<'a> {
    split: &'a str,
    errors: bool,
    output: Option<&'a Path>,
}

/// The modern dev set (`eval ner --modern DIR`): each article body through
/// the whole pipeline, mentions scored by exact character span and type,
/// per split, with the unseen-names table against eng.train.
fn eval_ner_modern(
    dir: &Path,
    how: &ModernEval<'_>,
    model: Option<&Path>,
    seen: Option<&Path>,
    json: bool,
) -> Result<()> {
    use newsmill_eval::modern_ner::Split;
    let ModernEval {
        split,
        errors,
        output,
    } = *how;
    let model = load_model(model)?;
    let docs = newsmill_eval::modern_ner::load(dir)
        .with_context(|| format!("cannot read the modern NER set against {}", dir.display()))?;
    // Seen names: --seen, else eng.train of the CoNLL set beside the benchmark.
    let seen_path = seen.map(Path::to_path_buf).or_else(|| {
        let p = dir.parent()?.join("conll2003").join("eng.train");
        p.is_file().then_some(p)
    });
    let seen_set = match &seen_path {
        Some(s) => Some(seen_names(s)?),
        None => None,
    };
    let splits: Vec<(&str, Vec<Split>)> = match split {
        "tune" => vec![("tune", vec![Split::Tune])],
        "untouched" => vec![("untouched", vec![Split::Untouched])],
        _ => vec![
            ("tune", vec![Split::Tune]),
            ("untouched", vec![Split::Untouched]),
            ("all", vec![Split::Tune, Split::Untouched]),
        ],
    };
    let opts = newsmill_core::AnalyzeOptions::default();
    let ty_of = |t: &str| {
        newsmill_ner::tags::TYPES
            .iter()
            .position(|&x| x == t)
            .map_or(3, |i| i as u8)
    };
    let mut found = Vec::new();
    let mut conll_out = String::new();
    let mut cut_tokens = 0usize;
    for (name, which) in splits {
        let mut counts = newsmill_ner::train::SpanCounts::default();
        let mut unseen = newsmill_ner::train::SpanCounts::default();
        let (mut n, mut ntok) = (0, 0);
        for d in docs.iter().filter(|d| which.contains(&d.split)) {
            let doc = newsmill_core::Doc::analyze(
                newsmill_core::Article::from_text(d.id.clone(), d.text.clone()),
                &opts,
            );
            found.clear();
            model.tag(&doc.text, &doc.tokens, &doc.sentences, &mut found);
            let pred: Vec<_> = char_spans(&doc.tokens, &found);
            let gold: Vec<_> = d.gold.iter().map(|(s, e, t)| (*s, *e, ty_of(t))).collect();
            counts.add(&pred, &gold);
            if output.is_some() && name != "all" {
                cut_tokens += modern_conll(&mut conll_out, &doc, &gold, &found);
            }
            if errors && name != "all" {
                let ty = |t: u8| newsmill_ner::tags::TYPES[t as usize & 3];
                for (what, these, other) in [("miss", &gold, &pred), ("false", &pred, &gold)] {
                    for m in these.iter().filter(|m| !other.contains(m)) {
                        let s = surface(&d.text, m.0, m.1);
                        println!("{what} {} {:<4} {s}", d.site, ty(m.2));
                    }
                }
            }
            if let Some(seen) = &seen_set {
                add_unseen(&mut unseen, seen, &d.text, &pred, &gold);
            }
            n += 1;
            ntok += doc.tokens.len();
        }
        let (table, j) = ner_report(&counts);
        let (utable, uj) = ner_report(&unseen);
        if json {
            println!(
                "{}",
                serde_json::json!({"modern": dir, "split": name, "articles": n, "tokens": ntok,
                    "ner": j, "unseen": seen_set.as_ref().map(|_| uj), "seen_file": seen_path})
            );
        } else {
            println!(
                "== modern dev set, {name} split ({n} articles, {ntok} tokens), raw text through the whole pipeline, character spans\n{table}"
            );
            match &seen_path {
                Some(s) => println!(
                    "-- unseen names: mentions whose surface form is no gold mention of {}\n{utable}",
                    s.display()
                ),
                None => println!(
                    "-- unseen names: no conll2003/eng.train beside the benchmark; pass --seen FILE"
                ),
            }
        }
    }
    if let Some(out) = output {
        std::fs::write(out, conll_out)
            .with_context(|| format!("cannot write {}", out.display()))?;
        if cut_tokens > 0 {
            eprintln!(
                "{}: {cut_tokens} tokens cross an annotated span's edge and are written O",
                out.display()
            );
        }
    }
    Ok(())
}

/// Append one analysed article as CoNLL lines (`word - - gold predicted`,
/// IOB2 tags) to `out`, its sentences as the pipeline split them. Gold
/// spans are `(start, end, type)` in bytes; `found` is the tagger's output
/// over `doc.tokens`. Returns how many tokens cross a gold span's edge
/// (written `O`).
fn modern_conll(
    out: &mut String,
    doc: &newsmill_core::Doc,
    gold: &[(usize, usize, u8)],
    found: &[newsmill_ner::Mention],
) -> usize {
    use std::fmt::Write as _;
    let (g, cut) = span_iob(&doc.tokens, gold);
    let p = mention_iob(doc.tokens.len(), found);
    out.push_str("-DOCSTART- -X- -X- O O\n\n");
    for sent in &doc.sentences {
        let range = sent.token_start as usize..sent.token_end as usize;
        for i in range {
            let Some(tok) = doc.tokens.get(i) else {
                continue;
            };
            let word: String = doc
                .text
                .get(tok.start as usize..tok.end as usize)
                .unwrap_or("_")
                .chars()
                .map(|c| if c.is_whitespace() { '_' } else { c })
                .collect();
            let _ = writeln!(out, "{word} - - {} {}", g[i], p[i]);
        }
        out.push('\n');
    }
    cut
}

/// The IOB2 tag of each token (`B-ORG`, `I-ORG`, `O`) from byte spans
/// `(start, end, type)`: a token inside a span takes its type. A token that
/// crosses a span's edge is `O`; the second value counts them.
fn span_iob(tokens: &[newsmill_core::Token], spans: &[(usize, usize, u8)]) -> (Vec<String>, usize) {
    let mut cut = 0;
    let tags = tokens
        .iter()
        .map(|tok| {
            let (s, e) = (tok.start as usize, tok.end as usize);
            let mut crosses = false;
            for &(a, b, t) in spans {
                if s >= a && e <= b {
                    let ty = newsmill_ner::tags::TYPES[t as usize & 3];
                    return format!("{}-{ty}", if s == a { "B" } else { "I" });
                }
                crosses |= s < b && e > a;
            }
            cut += usize::from(crosses);
            "O".to_string()
        })
        .collect();
    (tags, cut)
}

fn eval_ner(
    conll: &[PathBuf],
    raw: bool,
    model: Option<&Path>,
    seen: Option<&Path>,
    output: Option<&Path>,
    json: bool,
) -> Result<()> {
    let t0 = std::time::Instant::now();
    let model = load_model(model)?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    for p in conll {
        let docs = read(p)?;
        if let Some(out) = output {
            std::fs::write(out, conll_predictions(&model, &docs))
                .with_context(|| format!("cannot write {}", out.display()))?;
        }
        let seen_path = seen_file(seen, p);
        let seen_set = match &seen_path {
            Some(s) => Some(seen_names(s)?),
            None => None,
        };
        let gold: Vec<_> = docs.iter().map(crate::train::to_train_doc).collect();
        let opts = newsmill_core::AnalyzeOptions::default();
        let mut counts = newsmill_ner::train::SpanCounts::default();
        let mut unseen = newsmill_ner::train::SpanCounts::default();
        let mut found = Vec::new();
        let mut secs = 0.0;
        for (i, d) in gold.iter().enumerate() {
            let g: Vec<_> = newsmill_ner::train::gold_spans(d)
                .into_iter()
                .map(|(a, b, t)| (d.tokens[a].start as usize, d.tokens[b - 1].end as usize, t))
                .collect();
            found.clear();
            let pred: Vec<_> = if raw {
                let t1 = std::time::Instant::now();
                let doc = newsmill_core::Doc::analyze(
                    newsmill_core::Article::from_text(
                        format!("{}#{i}", p.display()),
                        d.text.clone(),
                    ),
                    &opts,
                );
                model.tag(&doc.text, &doc.tokens, &doc.sentences, &mut found);
                secs += t1.elapsed().as_secs_f64();
                char_spans(&doc.tokens, &found)
            } else {
                let t1 = std::time::Instant::now();
                model.tag(&d.text, &d.tokens, &d.sentences, &mut found);
                secs += t1.elapsed().as_secs_f64();
                char_spans(&d.tokens, &found)
            };
            counts.add(&pred, &g);
            if let Some(seen) = &seen_set {
                add_unseen(&mut unseen, seen, &d.text, &pred, &g);
            }
        }
        let ntok: usize = gold.iter().map(|d| d.tokens.len()).sum();
        let (table, j) = ner_report(&counts);
        let (utable, uj) = ner_report(&unseen);
        if json {
            println!(
                "{}",
                serde_json::json!({"file": p, "raw": raw, "ner": j,
                    "unseen": seen_set.as_ref().map(|_| uj),
                    "seen_file": seen_path,
                    "model_load_ms": load_ms,
                    "tokens_per_s": ntok as f64 / secs.max(1e-9)})
            );
        } else {
            println!(
                "== {} ({} documents, {} tokens), {} \n{}model loaded in {:.0} ms; {:.0} tokens/s{}",
                p.display(),
                docs.len(),
                ntok,
                if raw {
                    "raw text through the whole pipeline, character spans"
                } else {
                    "gold tokens and sentences"
                },
                table,
                load_ms,
                ntok as f64 / secs.max(1e-9),
                if raw { " (analysis included)" } else { "" }
            );
            match &seen_path {
                Some(s) => println!(
                    "-- unseen names: mentions whose surface form is no gold mention of {}\n{}",
                    s.display(),
                    utable
                ),
                None => {
                    println!("-- unseen names: no eng.train next to the file; pass --seen FILE")
                }
            }
        }
    }
    Ok(())
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
        EvalCommand::Dates { timeml } => crate::eval_extra::dates(&timeml)?,
        EvalCommand::Html {
            bench,
            folds,
            blocks,
            write_model,
            ..
        } if blocks => {
            crate::eval_html::blocks(&bench, folds.unwrap_or(5), write_model.as_deref())?
        }
        EvalCommand::Html {
            bench,
            worst,
            json,
            folds,
            ..
        } => crate::eval_html::html(&bench, worst, json, folds)?,
        EvalCommand::Keyphrases {
            kpcrowd,
            top,
            predictions,
        } => crate::eval_extra::keyphrases(&kpcrowd, top, predictions.as_deref())?,
        EvalCommand::Quotes {
            polnear,
            errors,
            json,
        } => crate::eval_quotes::quotes(&polnear, errors, json)?,
        EvalCommand::Ner {
            conll,
            modern,
            split,
            errors,
            raw,
            model,
            seen,
            output,
            json,
        } => {
            if output.is_some() && conll.len() + usize::from(modern.is_some()) > 1 {
                anyhow::bail!(crate::Usage(
                    "--output writes one file: give one --conll file or --modern, not several"
                        .to_string()
                ));
            }
            if !conll.is_empty() {
                eval_ner(
                    &conll,
                    raw,
                    model.as_deref(),
                    seen.as_deref(),
                    output.as_deref(),
                    json,
                )?;
            }
            if let Some(dir) = modern {
                let how = ModernEval {
                    split: &split,
                    errors,
                    output: output.as_deref(),
                };
                eval_ner_modern(&dir, &how, model.as_deref(), seen.as_deref(), json)?;
            }
        }
        EvalCommand::Dedup(args) => crate::eval_dedup::run(&args)?,
        EvalCommand::Language(args) => crate::eval_language::run(&args)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::span_iob;

    #[test]
    fn a_token_across_two_names_is_one_cut_token() {
        let doc = newsmill_core::Doc::analyze(
            newsmill_core::Article::from_text(
                String::from("t"),
                String::from("US-China talks in Geneva."),
            ),
            &newsmill_core::AnalyzeOptions::default(),
        );
        // "US" and "China" are two names inside the one token "US-China".
        let (tags, cut) = span_iob(&doc.tokens, &[(0, 2, 2), (3, 8, 2), (18, 24, 2)]);
        assert_eq!(tags, ["O", "O", "O", "B-LOC", "O"]);
        assert_eq!(cut, 1);
    }
}

//! `newsmill eval dedup`: near-duplicate detection measured on wire-copy
//! variants of the BBC articles (known ground truth), and the duplicate
//! clusters found in the BBC corpus itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use newsmill_core::{Article, Record};
use newsmill_engine::{
    Dedup, DedupOptions, EngineOptions, FnCodec, FnSink, Pipeline, RunStats, Runner, dedup,
};
use newsmill_eval::variants::{self, Generated, Original, PairScore, VariantOptions};

/// Arguments of `newsmill eval dedup`.
#[derive(Debug, Args)]
pub(crate) struct DedupEvalArgs {
    /// The BBC corpus directory (e.g. ../shared/data/bbc).
    #[arg(long, value_name = "DIR")]
    bbc: PathBuf,
    /// Seed of the variant generator.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Variants per original.
    #[arg(long, default_value_t = 3)]
    variants: usize,
    /// Thresholds to score, comma-separated [default: the built-in default].
    #[arg(long, value_delimiter = ',', value_name = "X,...")]
    thresholds: Vec<f32>,
    /// Worker threads (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    threads: usize,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
}

/// Run the engine with near-duplicates over `articles`; for each, the
/// index of the article its record names (itself when none).
fn clusters_of(articles: Vec<Article>, threshold: f32, threads: usize) -> Result<Vec<usize>> {
    let index: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    let mut stage = Dedup::new(DedupOptions {
        threshold,
        ..DedupOptions::default()
    })?;
    let mut named: Vec<Option<String>> = Vec::with_capacity(articles.len());
    let opts = EngineOptions {
        threads,
        ..EngineOptions::default()
    };
    let pipeline = Pipeline::default();
    Runner::new(&opts, &pipeline)
        .dedup(&mut stage)
        .run(
            articles.into_iter().map(|a| (a.text.len() as u64, a)),
            &FnCodec(
                |(_, a)| Ok::<_, Box<Record>>(a),
                |r: Record| r.near_duplicate_of.map(|n| n.id),
            ),
            FnSink(
                |n| {
                    named.push(n);
                    Ok::<(), std::io::Error>(())
                },
                |_: &RunStats| {},
            ),
        )
        .context("the near-duplicate run stopped")?;
    Ok(named
        .into_iter()
        .enumerate()
        .map(|(i, n)| n.and_then(|id| index.get(&id).copied()).unwrap_or(i))
        .collect())
}

fn bbc_originals(dir: &Path) -> Result<Vec<Original>> {
    let texts = newsmill_eval::batch::corpus_texts(dir)
        .with_context(|| format!("cannot read the BBC corpus at {}", dir.display()))?;
    Ok(texts
        .into_iter()
        .map(|(p, t)| {
            let id = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
            let (title, body) = t.split_once('\n').unwrap_or(("", t.as_str()));
            Original {
                id,
                title: title.trim().to_string(),
                body: body.trim().to_string(),
            }
        })
        .collect())
}

fn table(threshold: f32, s: &PairScore) -> String {
    let mut out = format!(
        "threshold {threshold:.2}: pair precision {:.4} recall {:.4} (all pairs); precision {:.4} recall {:.4} (kept >= 70%); {} predicted pairs, {} correct\n",
        s.precision, s.recall, s.precision_70, s.recall_70, s.predicted, s.correct
    );
    out.push_str(&format!(
        "  {:<12} {:>8} {:>8} {:>8}\n",
        "kept text", "pairs", "found", "recall"
    ));
    for b in &s.bands {
        out.push_str(&format!(
            "  {:<12} {:>8} {:>8} {:>8.4}\n",
            format!("{:.0}-{:.0}%", b.from * 100.0, b.to * 100.0),
            b.gold,
            b.found,
            b.recall
        ));
    }
    out
}

pub(crate) fn run(args: &DedupEvalArgs) -> Result<()> {
    let all = bbc_originals(&args.bbc)?;
    let bbc_articles: Vec<Article> = all
        .iter()
        .map(|o| Article {
            title: Some(o.title.clone()),
            ..Article::from_text(o.id.clone(), o.body.clone())
        })
        .collect();
    let (originals, refiled) = variants::distinct(all.clone(), 0.3);
    let set: Vec<Generated> = variants::generate(
        &originals,
        &VariantOptions {
            seed: args.seed,
            per_original: args.variants,
            ..VariantOptions::default()
        },
    );
    let articles = || -> Vec<Article> {
        set.iter()
            .map(|g| Article {
                title: Some(g.title.clone()),
                ..Article::from_text(g.id.clone(), g.body.clone())
            })
            .collect()
    };
    let thresholds = if args.thresholds.is_empty() {
        vec![dedup::DEFAULT_THRESHOLD]
    } else {
        args.thresholds.clone()
    };
    let similar = variants::similar_distinct_pairs(&originals, 200);
    let mut results = Vec::new();
    let mut report = format!(
        "generated set: {} originals (BBC, {} left out as the same story filed twice: exact 4-shingle Jaccard >= 0.3 with an earlier one), {} variants (seed {})\n",
        originals.len(),
        refiled.len(),
        set.len() - originals.len(),
        args.seed
    );
    for &t in &thresholds {
        let cluster = clusters_of(articles(), t, args.threads)?;
        let score = variants::score(&set, &cluster);
        // Distinct-but-similar: the most word-overlapping distinct originals.
        let pos: HashMap<&str, usize> = set
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        let merged = similar
            .iter()
            .filter(|(a, b, _)| {
                let (x, y) = (
                    pos[originals[*a].id.as_str()],
                    pos[originals[*b].id.as_str()],
                );
                cluster[x] == cluster[y]
            })
            .count();
        report.push_str(&table(t, &score));
        report.push_str(&format!(
            "  distinct but similar: {merged} of the {} most word-overlapping pairs of distinct originals (word Jaccard {:.2}-{:.2}) merged\n",
            similar.len(),
            similar.last().map_or(0.0, |s| s.2),
            similar.first().map_or(0.0, |s| s.2),
        ));
        results.push(serde_json::json!({"threshold": t, "score": score, "similar_distinct_pairs": similar.len(), "similar_distinct_merged": merged}));
    }
    // The BBC corpus as it is: its own duplicates.
    let threshold = thresholds[0];
    let n = bbc_articles.len();
    let ids: Vec<String> = bbc_articles.iter().map(|a| a.id.clone()).collect();
    let cluster = clusters_of(bbc_articles, threshold, args.threads)?;
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &c) in cluster.iter().enumerate() {
        if c != i {
            groups.entry(c).or_default().push(i);
        }
    }
    let sets: Vec<_> = all.iter().map(|o| variants::shingles(&o.body, 4)).collect();
    report.push_str(&format!(
        "BBC corpus ({n} articles) at threshold {threshold:.2}: {} duplicate clusters, {} articles name an earlier copy\n",
        groups.len(),
        groups.values().map(Vec::len).sum::<usize>()
    ));
    let mut bbc = Vec::new();
    for (root, members) in &groups {
        let list: Vec<String> = members
            .iter()
            .map(|&m| {
                format!(
                    "{} ({:.2})",
                    ids[m],
                    variants::jaccard(&sets[*root], &sets[m])
                )
            })
            .collect();
        report.push_str(&format!("  {} = {}\n", ids[*root], list.join(", ")));
        bbc.push(serde_json::json!({"id": ids[*root], "members": members.iter().map(|&m| &ids[m]).collect::<Vec<_>>()}));
    }
    report.push_str("(in brackets: exact 4-shingle Jaccard of the bodies)\n");
    if args.json {
        println!(
            "{}",
            serde_json::json!({"originals": originals.len(), "variants": set.len() - originals.len(), "seed": args.seed, "results": results, "bbc_clusters": bbc})
        );
    } else {
        print!("{report}");
    }
    Ok(())
}

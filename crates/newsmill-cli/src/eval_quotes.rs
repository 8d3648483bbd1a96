//! `newsmill eval quotes --polnear DIR`: quotations against PolNeAR.

use std::path::Path;

use anyhow::{Context, Result};

use newsmill_core::{Article, Doc};
use newsmill_eval::polnear::{self, Predicted};
use newsmill_plugin::host::Builtin;

/// The quotes a pipeline found in an analysed document.
fn predicted(doc: &Doc, vocab: &newsmill_core::Vocab) -> Vec<Predicted> {
    let (Some(layer), Some(speaker), Some(direct)) = (
        vocab.get("quotes"),
        vocab.get("speaker"),
        vocab.get("direct"),
    ) else {
        return Vec::new();
    };
    doc.annotations
        .iter()
        .filter(|a| a.layer == layer)
        .map(|a| {
            let attrs = doc
                .attrs
                .get(a.attr_start as usize..a.attr_end as usize)
                .unwrap_or(&[]);
            Predicted {
                content: (a.start as usize, a.end as usize),
                speaker: attrs
                    .iter()
                    .find(|x| x.key == speaker)
                    .map(|x| (x.a as usize, x.b as usize)),
                direct: a.label == direct,
            }
        })
        .collect()
}

fn show(text: &str, (a, b): (usize, usize)) -> String {
    text.get(a..b).unwrap_or("").replace('\n', " ⏎ ")
}

/// Measure; with `errors`, print the misses and false alarms too.
pub(crate) fn quotes(dir: &Path, errors: bool, json: bool) -> Result<()> {
    let docs = polnear::read_dir(dir)
        .with_context(|| format!("cannot read PolNeAR data in {}", dir.display()))?;
    let pipeline = newsmill_engine::Pipeline::builder()
        .extractor(Box::new(Builtin::<newsmill_ner::Ner>::new()))
        .extractor(Box::new(Builtin::<newsmill_entities::Entities>::new()))
        .extractor(Box::new(Builtin::<newsmill_quotes::Quotes>::new()))
        .build()
        .context("building the ner + entities + quotes pipeline")?;
    let mut preds = Vec::with_capacity(docs.len());
    for d in &docs {
        let doc = pipeline.analyse(Article::from_text(d.name.clone(), d.text.clone()));
        if let Some(e) = doc.errors.first() {
            anyhow::bail!("{}: {}", d.name, e.message);
        }
        let p = predicted(&doc, pipeline.vocab());
        if errors {
            let m = polnear::match_overlap(&d.attributions, &p);
            let mut hit = vec![false; p.len()];
            for (g, mg) in d.attributions.iter().zip(&m) {
                match mg {
                    None => println!(
                        "MISS\t{}\t{}\tcue {:?}\t{}",
                        g.kind.name(),
                        d.name,
                        g.cue.first().map(|&c| show(&d.text, c).to_lowercase()),
                        show(&d.text, g.extent())
                    ),
                    Some(k) => {
                        hit[*k] = true;
                        let pk = &p[*k];
                        if pk.direct != (g.kind == polnear::Kind::Direct) {
                            println!(
                                "KIND\tgold {}\t{}\tgold: {}\tfound: {}",
                                g.kind.name(),
                                d.name,
                                show(&d.text, g.extent()),
                                show(&d.text, pk.content)
                            );
                        }
                        let right = match pk.speaker {
                            None => g.source.is_empty(),
                            Some(s) => g.source.iter().any(|&x| x.0 < s.1 && s.0 < x.1),
                        };
                        if !right {
                            println!(
                                "SPEAKER\t{}\t{}\tgold {:?}\tfound {:?}\t{}",
                                g.kind.name(),
                                d.name,
                                g.source.first().map(|&s| show(&d.text, s)),
                                pk.speaker.map(|s| show(&d.text, s)),
                                show(&d.text, g.extent())
                            );
                        }
                    }
                }
            }
            for (q, h) in p.iter().zip(&hit) {
                if !h {
                    println!(
                        "FALSE\t{}\t{}\t{:?}\t{}",
                        match (
                            q.direct,
                            d.attributions.iter().any(|g| g
                                .content
                                .iter()
                                .any(|c| c.0 < q.content.1 && q.content.0 < c.1))
                        ) {
                            (true, false) => "direct",
                            (true, true) => "direct-in-gold",
                            (false, false) => "other",
                            (false, true) => "other-in-gold",
                        },
                        d.name,
                        q.speaker.map(|s| show(&d.text, s)),
                        show(&d.text, q.content)
                    );
                }
            }
        }
        preds.push(p);
    }
    let r = polnear::score(&docs, &preds);
    if json {
        println!("{}", serde_json::json!({"dir": dir, "quotes": r}));
    } else {
        println!(
            "== {} ({} documents, one annotator each)\n{}",
            dir.display(),
            docs.len(),
            r.table()
        );
    }
    Ok(())
}

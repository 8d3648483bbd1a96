//! The learned block classifier for HTML main text: block labels from the
//! benchmark's gold text, training, and cross-validation by site folds
//! (the model of each fold is trained on the other folds' pages only).
//!
//! A block is labelled main text when at least half of its 4-token
//! shingles (for a block of fewer tokens: the block's token sequence) occur
//! in the page's gold text.

use std::collections::HashSet;

use newsmill_io::html::gbdt::{Forest, Params};
use newsmill_io::html::{
    BLOCK_FEATURES, BlockModel, CONTEXT_FEATURES, HtmlOptions, PageBlocks, extract_by_blocks,
    page_blocks,
};

use crate::html::{Page, PageResult, evaluate_by, folds_by_site, tokens};

/// How training rows are weighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Every block counts once.
    One,
    /// A block counts `1 + ln(1 + tokens)`.
    LogTokens,
    /// A block counts by its tokens (as the metric does).
    Tokens,
}

/// Training settings for the block classifier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlockSettings {
    /// Tree settings.
    pub params: Params,
    /// Row weights.
    pub weight: Weight,
    /// Probability a block needs to be kept.
    pub threshold: f32,
    /// Train the second (context) stage: on first-stage probabilities
    /// that come from models which did not see the page (inner site
    /// folds of the training pages).
    pub context: bool,
    /// Inner folds for the second stage's training probabilities.
    pub inner_folds: usize,
    /// Features held at zero in training (an ablation: the trees cannot
    /// split on them).
    pub without: &'static [&'static str],
}

/// Families of block features, for the ablation `newsmill eval html
/// --blocks` prints.
pub const FAMILIES: &[(&str, &[&str])] = &[
    (
        "Readability pass",
        &[
            "readability_took",
            "inside_readability_span",
            "blocks_to_readability",
        ],
    ),
    (
        "class/id names",
        &[
            "furniture_names",
            "furniture_dist",
            "nav_names",
            "content_names",
        ],
    ),
    ("stop words", &["stop_density"]),
    (
        "elements and ancestors",
        &[
            "tag_kind",
            "is_p",
            "is_heading",
            "flag_article",
            "flag_main",
            "flag_nav",
            "flag_header",
            "flag_footer",
            "flag_aside",
            "flag_form",
            "flag_figure",
            "flag_list",
            "flag_table",
            "flag_body_mark",
            "flag_link",
            "flag_time",
            "flag_blockquote",
        ],
    ),
    (
        "place and neighbours",
        &[
            "depth",
            "position",
            "text_before",
            "after_first_h1",
            "is_title",
            "prev_ln_chars",
            "prev_link_density",
            "next_ln_chars",
            "next_link_density",
            "window_ln_chars",
            "container_share",
            "container_blocks",
        ],
    ),
];

impl Default for BlockSettings {
    fn default() -> Self {
        BlockSettings {
            params: Params::default(),
            weight: Weight::One,
            threshold: 0.5,
            context: true,
            inner_folds: 4,
            without: &[],
        }
    }
}

/// One page's blocks with their labels and weights.
#[derive(Clone, Debug, Default)]
pub struct LabelledPage {
    /// The blocks and their features.
    pub blocks: PageBlocks,
    /// Share of each block's shingles found in the gold text.
    pub share: Vec<f32>,
    /// Tokens of each block.
    pub tokens: Vec<usize>,
}

/// Share of each block's shingles in `truth` (see the module doc).
///
/// ```
/// let share = newsmill_eval::html_blocks::label_shares(
///     "The dam opened on Monday after six years of work.",
///     &["The dam opened on Monday after six years".into(), "Share this".into(), "Monday".into()]);
/// assert_eq!(share, [1.0, 0.0, 1.0]);
/// ```
pub fn label_shares(truth: &str, texts: &[String]) -> Vec<f32> {
    let t = tokens(truth);
    let mut grams: [HashSet<&[&str]>; 4] = Default::default();
    for (n, set) in grams.iter_mut().enumerate() {
        set.extend(t.windows(n + 1));
    }
    texts
        .iter()
        .map(|b| {
            let toks = tokens(b);
            match toks.len() {
                0 => 0.0,
                m @ 1..=3 => f32::from(u8::from(grams[m - 1].contains(&toks[..]))),
                _ => {
                    let all = toks.len() - 3;
                    let hit = toks.windows(4).filter(|w| grams[3].contains(w)).count();
                    hit as f32 / all as f32
                }
            }
        })
        .collect()
}

/// Cut every page into labelled blocks (pages that are not HTML give no
/// blocks).
pub fn label_pages(pages: &[Page]) -> Vec<LabelledPage> {
    pages
        .iter()
        .map(|p| {
            let opts = HtmlOptions {
                url: p.url.as_deref(),
                charset: None,
            };
            let blocks = page_blocks(&p.html, &opts).unwrap_or_default();
            let share = label_shares(&p.truth, &blocks.texts);
            let tokens = blocks.texts.iter().map(|t| tokens(t).len()).collect();
            LabelledPage {
                blocks,
                share,
                tokens,
            }
        })
        .collect()
}

/// Train a model on the pages `keep` selects (`sites`: each page's site,
/// for the inner folds of the second stage).
pub fn train(
    pages: &[LabelledPage],
    sites: &[Option<&str>],
    keep: impl Fn(usize) -> bool,
    s: &BlockSettings,
) -> BlockModel {
    let chosen: Vec<usize> = (0..pages.len()).filter(|&i| keep(i)).collect();
    let first = train_stage(pages, &chosen, s, None);
    let mut model = BlockModel {
        first,
        second: Forest::default(),
        threshold: s.threshold,
    };
    if !s.context {
        return model;
    }
    // First-stage probabilities of each training page from a model that
    // did not see its site.
    let urls: Vec<Option<&str>> = chosen
        .iter()
        .map(|&i| sites.get(i).copied().flatten())
        .collect();
    let k = s.inner_folds.clamp(2, chosen.len().max(2));
    let inner = folds_by_site(&urls, k);
    let mut probs: Vec<Vec<f32>> = vec![Vec::new(); pages.len()];
    for f in 0..k {
        let train_on: Vec<usize> = chosen
            .iter()
            .enumerate()
            .filter(|(j, _)| inner.get(*j) != Some(&f))
            .map(|(_, &i)| i)
            .collect();
        let m = train_stage(pages, &train_on, s, None);
        for (j, &i) in chosen.iter().enumerate() {
            if inner.get(j) == Some(&f) {
                probs[i] = pages[i].blocks.first_stage(&m);
            }
        }
    }
    model.second = train_stage(pages, &chosen, s, Some(&probs));
    model
}

/// One stage's forest over the pages `chosen`: the block rows, or with
/// `probs` the context rows built from those first-stage probabilities.
fn train_stage(
    pages: &[LabelledPage],
    chosen: &[usize],
    s: &BlockSettings,
    probs: Option<&[Vec<f32>]>,
) -> Forest {
    let width = BLOCK_FEATURES.len()
        + if probs.is_some() {
            CONTEXT_FEATURES.len()
        } else {
            0
        };
    let (mut xs, mut ys, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for &pi in chosen {
        let Some(p) = pages.get(pi) else { continue };
        match probs.and_then(|pr| pr.get(pi)) {
            Some(pr) => xs.extend_from_slice(&p.blocks.context_rows(pr)),
            None => xs.extend_from_slice(&p.blocks.rows),
        }
        for (i, &share) in p.share.iter().enumerate() {
            ys.push(share >= 0.5);
            let t = p.tokens.get(i).copied().unwrap_or(0) as f32;
            w.push(match s.weight {
                Weight::One => 1.0,
                Weight::LogTokens => 1.0 + t.ln_1p(),
                Weight::Tokens => t.max(1.0),
            });
        }
    }
    for name in s.without {
        if let Some(j) = BLOCK_FEATURES.iter().position(|n| n == name) {
            for row in xs.chunks_mut(width) {
                row[j] = 0.0;
            }
        }
    }
    let mut f = Forest::train(&xs, width, &ys, &w, &s.params);
    f.features = BLOCK_FEATURES
        .iter()
        .chain(CONTEXT_FEATURES.iter().take(width - BLOCK_FEATURES.len()))
        .map(|s| s.to_string())
        .collect();
    f
}

/// Extract and score one page with a model.
pub fn result(page: &Page, model: &BlockModel) -> PageResult {
    let (_, mut r) = evaluate_by(std::slice::from_ref(page), |html, opts| {
        extract_by_blocks(html, opts, model)
    });
    r.pop().unwrap_or(PageResult {
        id: page.id.clone(),
        predicted: String::new(),
        error: None,
        tp_fp_fn: (0.0, 0.0, 0.0),
    })
}

/// Cross-validated page results: each fold's pages extracted by a model
/// trained on the other folds; and the results of a model trained on all
/// pages (the tuned figure), with that model.
pub fn cross_validate(
    pages: &[Page],
    labelled: &[LabelledPage],
    folds: &[usize],
    k: usize,
    s: &BlockSettings,
) -> (Vec<PageResult>, Vec<PageResult>, BlockModel) {
    let sites: Vec<Option<&str>> = pages.iter().map(|p| p.url.as_deref()).collect();
    let mut held: Vec<Option<PageResult>> = vec![None; pages.len()];
    for f in 0..k {
        let model = train(labelled, &sites, |i| folds.get(i) != Some(&f), s);
        for (i, p) in pages.iter().enumerate() {
            if folds.get(i) == Some(&f) {
                held[i] = Some(result(p, &model));
            }
        }
    }
    let held = held.into_iter().flatten().collect();
    let all = train(labelled, &sites, |_| true, s);
    let tuned = pages.iter().map(|p| result(p, &all)).collect();
    (held, tuned, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_names_real_features_once() {
        let mut seen = HashSet::new();
        for (family, names) in FAMILIES {
            for n in *names {
                assert!(BLOCK_FEATURES.contains(n), "{family}: no feature {n}");
                assert!(seen.insert(*n), "{n} in two families");
            }
        }
    }
}

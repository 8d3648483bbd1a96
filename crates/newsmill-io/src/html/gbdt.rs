//! Gradient-boosted decision trees (logistic loss, histogram splits, Newton
//! leaf values): the block classifier's model, how it scores a feature row,
//! and how it is trained (`newsmill train html-blocks`, and inside
//! `newsmill eval html --folds` on the training folds only).
//!
//! ```
//! use newsmill_io::html::gbdt::{Forest, Params};
//! // One feature; the label is whether it exceeds 0.5.
//! let xs: Vec<f32> = (0..200).map(|i| i as f32 / 200.0).collect();
//! let ys: Vec<bool> = xs.iter().map(|&x| x > 0.5).collect();
//! let w = vec![1.0; xs.len()];
//! let f = Forest::train(&xs, 1, &ys, &w, &Params { rounds: 20, ..Params::default() });
//! assert!(f.probability(&[0.9]) > 0.9 && f.probability(&[0.1]) < 0.1);
//! ```

use serde::{Deserialize, Serialize};

/// One tree node: a split (`feature < u16::MAX`) sends a row left when its
/// value is at most `threshold`; a leaf (`feature == u16::MAX`) adds
/// `value` to the score.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Node {
    /// Feature index, or `u16::MAX` for a leaf.
    pub feature: u16,
    /// Split threshold.
    pub threshold: f32,
    /// Index of the left child in the tree's nodes.
    pub left: u32,
    /// Index of the right child.
    pub right: u32,
    /// Leaf value (log-odds).
    pub value: f32,
}

/// A model: a base log-odds plus the sum of its trees' leaf values.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Forest {
    /// What each feature is (documentation and a check on loading).
    pub features: Vec<String>,
    /// The log-odds before any tree.
    pub base: f32,
    /// The trees, each a node list whose root is node 0.
    pub trees: Vec<Vec<Node>>,
}

/// Training settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Boosting rounds (trees).
    pub rounds: usize,
    /// Depth of each tree.
    pub depth: usize,
    /// Shrinkage of every leaf value.
    pub learning_rate: f32,
    /// L2 penalty on leaf values.
    pub lambda: f64,
    /// Least hessian (weighted row count near p = 0.5: a quarter) a child
    /// must hold.
    pub min_child: f64,
    /// Histogram bins per feature.
    pub bins: usize,
    /// Share of the rows each tree is grown on (drawn afresh for every
    /// tree by a fixed-seed generator: training is deterministic).
    pub subsample: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            rounds: 150,
            depth: 4,
            learning_rate: 0.1,
            lambda: 1.0,
            min_child: 2.0,
            bins: 48,
            subsample: 1.0,
        }
    }
}

const LEAF: u16 = u16::MAX;

impl Forest {
    /// The log-odds of row `x`.
    pub fn score(&self, x: &[f32]) -> f32 {
        self.base + self.trees.iter().map(|t| leaf_of(t, x)).sum::<f32>()
    }

    /// The probability of row `x` being in the positive class.
    pub fn probability(&self, x: &[f32]) -> f32 {
        1.0 / (1.0 + (-self.score(x)).exp())
    }

    /// Train on `xs` (rows of `width` features, flattened), labels `ys` and
    /// row weights `w`.
    pub fn train(xs: &[f32], width: usize, ys: &[bool], w: &[f32], p: &Params) -> Forest {
        let n = ys.len().min(w.len()).min(xs.len() / width.max(1));
        let edges: Vec<Vec<f32>> = (0..width)
            .map(|j| bin_edges(xs, width, n, j, p.bins))
            .collect();
        // Bin of every (row, feature): the first edge at or above the value.
        let mut binned = vec![0u8; n * width];
        for i in 0..n {
            for j in 0..width {
                let v = xs[i * width + j];
                binned[i * width + j] = edges[j].partition_point(|&e| e < v) as u8;
            }
        }
        let (mut pos, mut tot) = (0.0f64, 0.0f64);
        for i in 0..n {
            tot += f64::from(w[i]);
            if ys[i] {
                pos += f64::from(w[i]);
            }
        }
        let prior = ((pos + 1.0) / (tot + 2.0)).clamp(1e-6, 1.0 - 1e-6);
        let base = (prior / (1.0 - prior)).ln() as f32;
        let mut scores = vec![base; n];
        let mut g = vec![0f64; n];
        let mut h = vec![0f64; n];
        let mut trees = Vec::with_capacity(p.rounds);
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..p.rounds {
            for i in 0..n {
                let pr = 1.0 / (1.0 + (-f64::from(scores[i])).exp());
                let wi = f64::from(w[i]);
                g[i] = wi * (pr - f64::from(u8::from(ys[i])));
                h[i] = wi * (pr * (1.0 - pr)).max(1e-6);
            }
            let keep = (f64::from(p.subsample.clamp(0.0, 1.0)) * f64::from(u32::MAX)) as u64;
            let rows: Vec<u32> = (0..n as u32)
                .filter(|_| {
                    // xorshift64*
                    rng ^= rng >> 12;
                    rng ^= rng << 25;
                    rng ^= rng >> 27;
                    (rng.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) <= keep
                })
                .collect();
            let mut tree = Vec::new();
            grow(
                &mut tree,
                &Grow {
                    binned: &binned,
                    width,
                    edges: &edges,
                    g: &g,
                    h: &h,
                    p,
                },
                rows,
                0,
            );
            for i in 0..n {
                scores[i] += leaf_of(&tree, &xs[i * width..(i + 1) * width]);
            }
            trees.push(tree);
        }
        Forest {
            features: Vec::new(),
            base,
            trees,
        }
    }
}

/// The value of the leaf row `x` reaches in `tree`.
fn leaf_of(tree: &[Node], x: &[f32]) -> f32 {
    let mut i = 0usize;
    while let Some(n) = tree.get(i) {
        if n.feature == LEAF {
            return n.value;
        }
        let v = x.get(usize::from(n.feature)).copied().unwrap_or(0.0);
        i = if v <= n.threshold { n.left } else { n.right } as usize;
    }
    0.0
}

/// Up to `bins - 1` cut points of feature `j`: midpoints between distinct
/// quantile values.
fn bin_edges(xs: &[f32], width: usize, n: usize, j: usize, bins: usize) -> Vec<f32> {
    let mut v: Vec<f32> = (0..n).map(|i| xs[i * width + j]).collect();
    v.sort_by(f32::total_cmp);
    v.dedup();
    if v.len() <= bins {
        return v.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    }
    let mut edges: Vec<f32> = (1..bins)
        .map(|k| {
            let a = v[k * v.len() / bins - 1];
            let b = v[k * v.len() / bins];
            (a + b) / 2.0
        })
        .collect();
    edges.dedup();
    edges.truncate(255);
    edges
}

struct Grow<'a> {
    binned: &'a [u8],
    width: usize,
    edges: &'a [Vec<f32>],
    g: &'a [f64],
    h: &'a [f64],
    p: &'a Params,
}

/// Grow the subtree over `rows` at `depth`; returns its root's index.
fn grow(tree: &mut Vec<Node>, ctx: &Grow<'_>, rows: Vec<u32>, depth: usize) -> u32 {
    let at = tree.len() as u32;
    let (gs, hs) = rows.iter().fold((0.0, 0.0), |(a, b), &r| {
        (a + ctx.g[r as usize], b + ctx.h[r as usize])
    });
    let leaf = Node {
        feature: LEAF,
        threshold: 0.0,
        left: 0,
        right: 0,
        value: (-gs / (hs + ctx.p.lambda)) as f32 * ctx.p.learning_rate,
    };
    tree.push(leaf);
    if depth >= ctx.p.depth || hs < 2.0 * ctx.p.min_child {
        return at;
    }
    let parent_gain = gs * gs / (hs + ctx.p.lambda);
    let mut best: Option<(f64, usize, usize)> = None;
    let mut hist = vec![(0f64, 0f64); 256];
    for j in 0..ctx.width {
        let nb = ctx.edges[j].len() + 1;
        if nb < 2 {
            continue;
        }
        hist[..nb].fill((0.0, 0.0));
        for &r in &rows {
            let b = ctx.binned[r as usize * ctx.width + j] as usize;
            hist[b].0 += ctx.g[r as usize];
            hist[b].1 += ctx.h[r as usize];
        }
        let (mut gl, mut hl) = (0.0, 0.0);
        for (b, &(hg, hh)) in hist[..nb - 1].iter().enumerate() {
            gl += hg;
            hl += hh;
            let (gr, hr) = (gs - gl, hs - hl);
            if hl < ctx.p.min_child || hr < ctx.p.min_child {
                continue;
            }
            let gain = gl * gl / (hl + ctx.p.lambda) + gr * gr / (hr + ctx.p.lambda) - parent_gain;
            if gain > best.map_or(1e-9, |b| b.0) {
                best = Some((gain, j, b));
            }
        }
    }
    let Some((_, j, b)) = best else {
        return at;
    };
    let (l, r): (Vec<u32>, Vec<u32>) = rows
        .into_iter()
        .partition(|&r| usize::from(ctx.binned[r as usize * ctx.width + j]) <= b);
    let threshold = ctx.edges[j][b];
    let left = grow(tree, ctx, l, depth + 1);
    let right = grow(tree, ctx, r, depth + 1);
    tree[at as usize] = Node {
        feature: j as u16,
        threshold,
        left,
        right,
        value: 0.0,
    };
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_an_interaction_no_single_feature_shows() {
        // Both features must be high: one split alone cannot say it.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..400 {
            let a = (i % 2) as f32;
            let b = ((i / 2) % 2) as f32;
            xs.extend_from_slice(&[a, b]);
            ys.push(a > 0.5 && b > 0.5);
        }
        let w = vec![1.0; ys.len()];
        let f = Forest::train(&xs, 2, &ys, &w, &Params::default());
        assert!(f.probability(&[1.0, 1.0]) > 0.9);
        assert!(f.probability(&[1.0, 0.0]) < 0.1);
        assert!(f.probability(&[0.0, 1.0]) < 0.1);
        // A model survives a JSON round trip unchanged.
        let back: Forest = serde_json::from_str(&serde_json::to_string(&f).unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(back, f);
    }
}

//! Word clusters from unlabelled text: each frequent (lower-cased) word is
//! described by the words seen just before and just after it; the vectors
//! (square-root relative frequencies, L2-normalised) are grouped by
//! spherical k-means into `k` fine clusters, and the fine centroids are
//! grouped again into `k/8` and `k/32` coarser ones, which stand in for
//! the prefixes of a Brown-cluster path. Deterministic: the initial
//! centroids are the most frequent words, ties broken by the word.

use std::collections::HashMap;

use crate::clusters::Lexicon;
use crate::features::CLUSTER_LEVELS;

/// Words seen fewer times are not clustered.
const MIN_COUNT: u32 = 3;
/// At most this many words are clustered.
const MAX_WORDS: usize = 60_000;
/// Context words: the most frequent ones.
const CONTEXTS: usize = 1_500;
const ITERATIONS: usize = 12;

/// Split text into lower-cased word tokens: letter/digit runs (with inner
/// `'`, `-`, `.`, `&` kept, and the final period of an abbreviation), every
/// other non-space character alone.
///
/// ```
/// let w = newsmill_ner::cluster::words("Mr. O'Neil's U.S. firm, 3.5%");
/// assert_eq!(w, ["mr", ".", "o'neil's", "u.s.", "firm", ",", "3.5", "%"]);
/// ```
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j];
                if d.is_alphanumeric() {
                    j += 1;
                } else if matches!(d, '\'' | '-' | '.' | '&' | '\u{2019}')
                    && chars.get(j + 1).is_some_and(|e| e.is_alphanumeric())
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // An abbreviation keeps its final period (U.S.), as the
            // tokenizer does.
            if chars.get(j) == Some(&'.') && chars[i..j].contains(&'.') {
                j += 1;
            }
            out.push(chars[i..j].iter().collect::<String>().to_lowercase());
            i = j;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

fn normalise(v: &mut [f32]) {
    let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v {
            *x /= n;
        }
    }
}

/// Spherical k-means over sparse unit vectors (`rows` of (dim, value)),
/// with weights (counts) and the first `k` rows as initial centroids.
/// Returns each row's cluster and the centroids.
fn kmeans(
    rows: &[Vec<(u32, f32)>],
    weights: &[f32],
    dims: usize,
    k: usize,
) -> (Vec<u16>, Vec<Vec<f32>>) {
    let k = k.min(rows.len()).max(1);
    let mut cent: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut v = vec![0f32; dims];
            for &(d, x) in &rows[c] {
                v[d as usize] = x;
            }
            v
        })
        .collect();
    let mut assign = vec![0u16; rows.len()];
    for _ in 0..ITERATIONS {
        let mut changed = 0usize;
        for (r, row) in rows.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (c, cv) in cent.iter().enumerate() {
                let s: f32 = row.iter().map(|&(d, x)| x * cv[d as usize]).sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            if assign[r] as usize != best.1 {
                changed += 1;
                assign[r] = best.1 as u16;
            }
        }
        let mut sums = vec![vec![0f32; dims]; k];
        for (r, row) in rows.iter().enumerate() {
            let s = &mut sums[assign[r] as usize];
            let w = weights.get(r).copied().unwrap_or(1.0).sqrt();
            for &(d, x) in row {
                s[d as usize] += w * x;
            }
        }
        for (c, s) in sums.into_iter().enumerate() {
            if s.iter().any(|x| *x != 0.0) {
                cent[c] = s;
                normalise(&mut cent[c]);
            }
        }
        if changed == 0 {
            break;
        }
    }
    (assign, cent)
}

/// Learn clusters of the words in `texts` and add them to `lexicon`:
/// `k` fine clusters, `k/8` and `k/32` coarse ones. Returns the number of
/// words clustered.
pub fn learn(texts: &[String], k: usize, _seed: u64, lexicon: &mut Lexicon) -> usize {
    // Word ids by frequency.
    let docs: Vec<Vec<String>> = texts.iter().map(|t| words(t)).collect();
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for d in &docs {
        for w in d {
            *freq.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = freq
        .iter()
        .filter(|(_, c)| **c >= MIN_COUNT)
        .map(|(w, c)| (*w, *c))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(MAX_WORDS);
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let nctx = CONTEXTS.min(vocab.len());
    let dims = 2 * (nctx + 1);
    let ctx_of = |w: Option<&String>| -> u32 {
        match w.and_then(|w| index.get(w.as_str())) {
            Some(&i) if (i as usize) < nctx => i,
            _ => nctx as u32,
        }
    };
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for d in &docs {
        for (i, w) in d.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let left = ctx_of(if i > 0 { d.get(i - 1) } else { None });
            let right = ctx_of(d.get(i + 1)) + nctx as u32 + 1;
            let m = &mut counts[wi as usize];
            *m.entry(left).or_insert(0.0) += 1.0;
            *m.entry(right).or_insert(0.0) += 1.0;
        }
    }
    let rows: Vec<Vec<(u32, f32)>> = counts
        .into_iter()
        .map(|m| {
            let mut r: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
            r.sort_by_key(|x| x.0);
            let n: f32 = r.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            for x in &mut r {
                x.1 /= n.max(1e-9);
            }
            r
        })
        .collect();
    let weights: Vec<f32> = vocab.iter().map(|(_, c)| *c as f32).collect();
    let (fine, cent) = kmeans(&rows, &weights, dims, k);
    // Coarser levels: cluster the fine centroids.
    let crow: Vec<Vec<(u32, f32)>> = cent
        .iter()
        .map(|c| {
            c.iter()
                .enumerate()
                .filter(|(_, x)| **x != 0.0)
                .map(|(d, x)| (d as u32, *x))
                .collect()
        })
        .collect();
    let ones = vec![1.0f32; crow.len()];
    let (mid, _) = kmeans(&crow, &ones, dims, (k / 8).max(2));
    let (coarse, _) = kmeans(&crow, &ones, dims, (k / 32).max(2));
    for (i, (w, _)) in vocab.iter().enumerate() {
        let f = fine[i] as usize;
        let ids: [u16; CLUSTER_LEVELS] = [fine[i] + 1, mid[f] + 1, coarse[f] + 1];
        lexicon.set_clusters(w, ids);
    }
    vocab.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_cluster_together() {
        let mut t = String::new();
        for _ in 0..5 {
            for a in ["monday", "tuesday"] {
                t.push_str(&format!("on {a} we met . "));
            }
            for a in ["paris", "london"] {
                t.push_str(&format!("in {a} he lives , "));
            }
        }
        let mut lex = Lexicon::default();
        let n = learn(&[t], 4, 1, &mut lex);
        assert!(n >= 4);
        let c = |w: &str| lex.clusters(crate::features::lower_hash(w))[0];
        assert_eq!(c("paris"), c("london"));
    }
}

//! Wire-copy variants of real articles, with known ground truth, for
//! measuring near-duplicate detection; and the scoring of predicted
//! clusters against them.
//!
//! Each variant of an original is made by a seeded random mix of what
//! editors do to wire copy: retitle, drop the last paragraphs, add a
//! publisher's boilerplate, substitute a few words, swap two paragraphs,
//! change (or add) the dateline. Each variant records how much of the
//! original's body text it keeps.
//!
//! ```
//! use newsmill_eval::variants::{generate, Original, VariantOptions};
//! let body = (0..8).map(|i| format!("Paragraph {i} says something about the harbour and the boats moored there."))
//!     .collect::<Vec<_>>().join("\n\n");
//! let originals = [Original { id: "a".into(), title: "Harbour".into(), body }];
//! let set = generate(&originals, &VariantOptions { per_original: 3, ..Default::default() });
//! assert_eq!(set.len(), 4);
//! assert!(set.iter().all(|a| a.family == 0));
//! assert_eq!(set.iter().filter(|a| a.ops.is_empty()).count(), 1); // the original
//! ```

use std::collections::{HashMap, HashSet};

/// An original article: id, headline and body (paragraphs separated by
/// blank lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Original {
    /// Id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Body.
    pub body: String,
}

/// Generator settings.
///
/// ```
/// assert_eq!(newsmill_eval::variants::VariantOptions::default().per_original, 3);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct VariantOptions {
    /// Seed: the same seed gives the same set.
    pub seed: u64,
    /// Variants per original.
    pub per_original: usize,
    /// The least share of the body a variant keeps when cut short.
    pub min_keep: f64,
}

impl Default for VariantOptions {
    fn default() -> Self {
        VariantOptions {
            seed: 2026,
            per_original: 3,
            min_keep: 0.4,
        }
    }
}

/// One article of the generated set.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    /// `ORIGINAL_ID` for the original, `ORIGINAL_ID#vN` for a variant.
    pub id: String,
    /// Index of the original it comes from (the ground truth).
    pub family: u32,
    /// Share of the original body's words kept in place (1 for the original).
    pub kept: f64,
    /// What was done: `retitle`, `cut`, `boilerplate`, `substitute`, `swap`, `dateline`.
    pub ops: Vec<&'static str>,
    /// Headline.
    pub title: String,
    /// Body.
    pub body: String,
}

/// Publisher lines appended by `boilerplate`; the last ones are not of a
/// kind newsmill's structure detection knows, as in real feeds.
const BOILERPLATE: &[&str] = &[
    "© 2005 Example Wire. All rights reserved.",
    "Share this article",
    "Click here to subscribe.",
    "Follow us on Twitter",
    "Sign up for our newsletter",
    "Advertisement",
    "Distributed by Example Wire Syndicate for subscribers in the region; reuse needs a separate licence.",
];

const DATELINES: &[&str] = &[
    "LONDON (Example Wire) - ",
    "NEW YORK, Jan 12 (Example Wire) - ",
    "Brussels: ",
    "PARIS (EW) — ",
];

/// Replacement words for `substitute`.
const SUBSTITUTES: &[&str] = &[
    "reportedly",
    "officials",
    "on Tuesday",
    "several",
    "also",
    "however",
    "major",
    "recently",
];

/// SplitMix64: a small, seedable generator (the set must be the same on
/// every machine).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The originals followed by their variants, in a seeded shuffled order
/// (as copies arrive on a wire, a variant may come before its original).
pub fn generate(originals: &[Original], opts: &VariantOptions) -> Vec<Generated> {
    let mut rng = Rng(opts.seed);
    let mut out = Vec::with_capacity(originals.len() * (opts.per_original + 1));
    for (family, o) in originals.iter().enumerate() {
        let family = family as u32;
        out.push(Generated {
            id: o.id.clone(),
            family,
            kept: 1.0,
            ops: Vec::new(),
            title: o.title.clone(),
            body: o.body.clone(),
        });
        let paras: Vec<&str> = o
            .body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let total = paras.iter().map(|p| words(p)).sum::<usize>().max(1);
        for v in 0..opts.per_original {
            out.push(variant(&mut rng, o, &paras, total, family, v, opts));
        }
    }
    // Fisher-Yates.
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}

fn variant(
    rng: &mut Rng,
    o: &Original,
    paras: &[&str],
    total: usize,
    family: u32,
    v: usize,
    opts: &VariantOptions,
) -> Generated {
    let mut ops = Vec::new();
    let mut body: Vec<String> = paras.iter().map(|p| p.to_string()).collect();
    let mut title = o.title.clone();
    if rng.chance(0.6) {
        ops.push("retitle");
        title = match rng.below(3) {
            0 => format!("UPDATE: {title}"),
            1 => {
                let w: Vec<&str> = paras
                    .first()
                    .map(|p| p.split_whitespace().take(7).collect())
                    .unwrap_or_default();
                w.join(" ")
            }
            _ => format!("{title} - report"),
        };
    }
    let mut kept_words = total;
    if rng.chance(0.7) && body.len() > 1 {
        let target = opts.min_keep + (1.0 - opts.min_keep) * rng.unit();
        let mut cut = false;
        while body.len() > 1 {
            let last = words(body.last().map(String::as_str).unwrap_or(""));
            if ((kept_words - last) as f64) < target * total as f64 {
                break;
            }
            body.pop();
            kept_words -= last;
            cut = true;
        }
        if cut {
            ops.push("cut");
        }
    }
    if rng.chance(0.4) {
        // A word replaced is a word not kept.
        let n = 1 + rng.below(5);
        let mut done = 0;
        for _ in 0..n {
            let p = rng.below(body.len());
            let mut w: Vec<String> = body[p].split(' ').map(str::to_string).collect();
            if w.len() < 3 {
                continue;
            }
            let i = 1 + rng.below(w.len() - 2);
            w[i] = SUBSTITUTES[rng.below(SUBSTITUTES.len())].to_string();
            body[p] = w.join(" ");
            done += 1;
        }
        if done > 0 {
            ops.push("substitute");
            kept_words = kept_words.saturating_sub(done);
        }
    }
    if rng.chance(0.3) && body.len() > 2 {
        ops.push("swap");
        let a = rng.below(body.len());
        let b = (a + 1 + rng.below(body.len() - 1)) % body.len();
        body.swap(a, b);
    }
    if rng.chance(0.5) {
        ops.push("dateline");
        let d = DATELINES[rng.below(DATELINES.len())];
        if let Some(first) = body.first_mut() {
            *first = format!("{d}{first}");
        }
    }
    if rng.chance(0.5) {
        ops.push("boilerplate");
        let n = 1 + rng.below(3);
        for _ in 0..n {
            body.push(BOILERPLATE[rng.below(BOILERPLATE.len())].to_string());
        }
    }
    Generated {
        id: format!("{}#v{}", o.id, v + 1),
        family,
        kept: kept_words as f64 / total as f64,
        ops,
        title,
        body: body.join("\n\n"),
    }
}

/// Lower-cased `\w+` words.
fn word_list(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The set of word `n`-shingles of a text (exact, for ground truth).
pub fn shingles(s: &str, n: usize) -> HashSet<Vec<String>> {
    let w = word_list(s);
    if w.len() < n {
        return std::iter::once(w).filter(|w| !w.is_empty()).collect();
    }
    w.windows(n).map(<[String]>::to_vec).collect()
}

/// Exact Jaccard similarity of two sets.
///
/// ```
/// use std::collections::HashSet;
/// let a: HashSet<u32> = [1, 2, 3].into();
/// let b: HashSet<u32> = [2, 3, 4].into();
/// assert_eq!(newsmill_eval::variants::jaccard(&a, &b), 0.5);
/// ```
pub fn jaccard<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Originals that are mutually distinct: an article whose body shares an
/// exact word-4-shingle Jaccard of `max_jaccard` or more with an earlier
/// kept one (the same story filed twice) is left out. Returns the kept
/// ones and the pairs that were too close (later, earlier, Jaccard).
pub fn distinct(
    originals: Vec<Original>,
    max_jaccard: f64,
) -> (Vec<Original>, Vec<(String, String, f64)>) {
    let sets: Vec<HashSet<Vec<String>>> = originals.iter().map(|o| shingles(&o.body, 4)).collect();
    // Inverted index: shingle -> kept articles holding it.
    let mut postings: HashMap<&Vec<String>, Vec<usize>> = HashMap::new();
    let mut keep = vec![false; originals.len()];
    let mut close = Vec::new();
    for i in 0..originals.len() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for s in &sets[i] {
            for &j in postings.get(s).map(Vec::as_slice).unwrap_or(&[]) {
                *shared.entry(j).or_default() += 1;
            }
        }
        let hit = shared.iter().find_map(|(&j, &n)| {
            let union = sets[i].len() + sets[j].len() - n;
            let jac = n as f64 / union.max(1) as f64;
            (jac >= max_jaccard).then_some((j, jac))
        });
        match hit {
            Some((j, jac)) => close.push((originals[i].id.clone(), originals[j].id.clone(), jac)),
            None => {
                keep[i] = true;
                for s in &sets[i] {
                    postings.entry(s).or_default().push(i);
                }
            }
        }
    }
    let kept = originals
        .into_iter()
        .zip(keep)
        .filter_map(|(o, k)| k.then_some(o))
        .collect();
    (kept, close)
}

/// Pair counts in one band of kept text.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct BandScore {
    /// Lower bound of the band (share of the original's text kept by the
    /// less complete article of the pair).
    pub from: f64,
    /// Upper bound (exclusive, except 1.0).
    pub to: f64,
    /// Gold pairs in the band.
    pub gold: usize,
    /// Of those, pairs placed in one cluster.
    pub found: usize,
    /// found / gold.
    pub recall: f64,
}

/// Pair precision and recall of predicted clusters against the families.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct PairScore {
    /// Predicted pairs (two articles in one predicted cluster).
    pub predicted: usize,
    /// Predicted pairs of one family.
    pub correct: usize,
    /// correct / predicted.
    pub precision: f64,
    /// Recall over all gold pairs.
    pub recall: f64,
    /// Precision over predicted pairs whose less complete side keeps at
    /// least 70% (wrong pairs always count).
    pub precision_70: f64,
    /// Recall over gold pairs whose less complete side keeps at least 70%.
    pub recall_70: f64,
    /// Recall by band of kept text.
    pub bands: Vec<BandScore>,
}

/// The bands of kept text reported.
pub const BANDS: [(f64, f64); 5] = [(0.9, 1.0), (0.8, 0.9), (0.7, 0.8), (0.5, 0.7), (0.0, 0.5)];

/// Score predicted clusters: `cluster[i]` is the predicted cluster of
/// article `i` of `set` (its root's index; itself when alone).
///
/// ```
/// use newsmill_eval::variants::{score, Generated};
/// let g = |id: &str, family, kept| Generated { id: id.into(), family, kept, ops: vec![], title: String::new(), body: String::new() };
/// let set = [g("a", 0, 1.0), g("a#v1", 0, 0.95), g("b", 1, 1.0)];
/// let s = score(&set, &[0, 0, 2]);
/// assert_eq!((s.precision, s.recall), (1.0, 1.0));
/// let s = score(&set, &[0, 0, 0]);
/// assert_eq!(s.correct, 1);
/// assert!((s.precision - 1.0 / 3.0).abs() < 1e-9);
/// ```
pub fn score(set: &[Generated], cluster: &[usize]) -> PairScore {
    let band_of = |k: f64| {
        BANDS
            .iter()
            .position(|&(a, b)| k >= a && (k < b || b >= 1.0))
    };
    let mut bands: Vec<BandScore> = BANDS
        .iter()
        .map(|&(from, to)| BandScore {
            from,
            to,
            ..Default::default()
        })
        .collect();
    let (mut predicted, mut correct, mut pred70, mut correct70) = (0, 0, 0, 0);
    // Gold pairs: within each family.
    let mut families: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, a) in set.iter().enumerate() {
        families.entry(a.family).or_default().push(i);
    }
    for members in families.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                let kept = set[i].kept.min(set[j].kept);
                if let Some(b) = band_of(kept) {
                    bands[b].gold += 1;
                    if cluster.get(i) == cluster.get(j) {
                        bands[b].found += 1;
                    }
                }
            }
        }
    }
    // Predicted pairs: within each predicted cluster.
    let mut clusters: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &c) in cluster.iter().enumerate().take(set.len()) {
        clusters.entry(c).or_default().push(i);
    }
    for members in clusters.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                predicted += 1;
                let same = set[i].family == set[j].family;
                let kept = set[i].kept.min(set[j].kept);
                if same {
                    correct += 1;
                }
                if !same || kept >= 0.7 {
                    pred70 += 1;
                    if same {
                        correct70 += 1;
                    }
                }
            }
        }
    }
    for b in &mut bands {
        b.recall = ratio(b.found, b.gold);
    }
    let gold: usize = bands.iter().map(|b| b.gold).sum();
    let found: usize = bands.iter().map(|b| b.found).sum();
    let gold70: usize = bands.iter().filter(|b| b.from >= 0.7).map(|b| b.gold).sum();
    let found70: usize = bands
        .iter()
        .filter(|b| b.from >= 0.7)
        .map(|b| b.found)
        .sum();
    PairScore {
        predicted,
        correct,
        precision: ratio(correct, predicted),
        recall: ratio(found, gold),
        precision_70: ratio(correct70, pred70),
        recall_70: ratio(found70, gold70),
        bands,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The `n` pairs of distinct originals whose word sets (lower-cased
/// words of four letters or more) overlap most: same topic, different
/// stories, the pairs a near-duplicate detector must keep apart.
pub fn similar_distinct_pairs(originals: &[Original], n: usize) -> Vec<(usize, usize, f64)> {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    let hasher = BuildHasherDefault::<DefaultHasher>::default();
    // Sorted word hashes: intersections by merging.
    let sets: Vec<Vec<u64>> = originals
        .iter()
        .map(|o| {
            let mut v: Vec<u64> = word_list(&o.body)
                .into_iter()
                .filter(|w| w.chars().count() >= 4)
                .map(|w| hasher.hash_one(w))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut best: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            let (a, b) = (&sets[i], &sets[j]);
            let (mut x, mut y, mut inter) = (0, 0, 0usize);
            while x < a.len() && y < b.len() {
                match a[x].cmp(&b[y]) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        inter += 1;
                        x += 1;
                        y += 1;
                    }
                }
            }
            let union = a.len() + b.len() - inter;
            let jac = if union == 0 {
                0.0
            } else {
                inter as f64 / union as f64
            };
            if best.len() < n || best.last().is_some_and(|b| jac > b.2) {
                let at = best.partition_point(|b| b.2 >= jac);
                best.insert(at, (i, j, jac));
                best.truncate(n);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn original(i: usize) -> Original {
        Original {
            id: format!("o{i}"),
            title: format!("Title {i}"),
            body: (0..10)
                .map(|p| {
                    format!(
                        "Story {i} paragraph {p} tells of events number {} in the town.",
                        i * 100 + p
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n"),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_set_and_another_seed_another() {
        let o: Vec<Original> = (0..5).map(original).collect();
        let a = generate(&o, &VariantOptions::default());
        let b = generate(&o, &VariantOptions::default());
        let c = generate(
            &o,
            &VariantOptions {
                seed: 7,
                ..Default::default()
            },
        );
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 20);
    }

    #[test]
    fn kept_share_follows_what_was_cut() {
        let o: Vec<Original> = (0..40).map(original).collect();
        for g in generate(&o, &VariantOptions::default()) {
            assert!(g.kept > 0.3 && g.kept <= 1.0, "{g:?}");
            if !g.ops.contains(&"cut") && !g.ops.contains(&"substitute") {
                assert_eq!(g.kept, 1.0);
            }
            if g.ops.contains(&"cut") {
                assert!(g.kept < 1.0);
                assert!(
                    g.body
                        .split("\n\n")
                        .filter(|p| p.starts_with("Story") || p.contains("Story"))
                        .count()
                        < 10
                );
            }
        }
    }

    #[test]
    fn distinct_drops_a_story_filed_twice() {
        let mut o: Vec<Original> = (0..3).map(original).collect();
        let mut again = original(1);
        again.id = "again".into();
        o.push(again);
        let (kept, close) = distinct(o, 0.5);
        assert_eq!(kept.len(), 3);
        assert_eq!(close[0].0, "again");
        assert_eq!(close[0].1, "o1");
    }
}

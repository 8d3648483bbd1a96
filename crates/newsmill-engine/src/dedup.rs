//! Near-duplicate articles, a batch stage: MinHash signatures over word
//! shingles of each article's analysed body (one-permutation MinHash with
//! optimal densification: one hash per shingle; computed in parallel, per
//! article), LSH banding for candidates, and an in-order index that names,
//! for each later copy, the first copy seen.
//!
//! Only body paragraphs count: the headline, standfirst, dateline,
//! boilerplate and repeated paragraphs are left out, so copies that differ
//! in those match. Words are compared lower-cased; punctuation, quotes and
//! symbols are skipped.
//!
//! State kept per article (see [`DedupIndex::state_bytes`]): the low byte
//! of each MinHash value (`hashes` bytes), the id, the cluster root (4
//! bytes) and, for each band key not seen before, one entry of that band's
//! table (4 + 4 bytes plus the table's slack).
//!
//! ```
//! use newsmill_core::{Article, Doc, AnalyzeOptions};
//! use newsmill_engine::{Dedup, DedupOptions};
//! let body = "The central bank raised its main interest rate by a quarter point on Thursday, \
//!     citing persistent inflation in services and a tight labour market. \
//!     Economists had expected the move after strong wage figures last month.";
//! let doc = |id: &str, title: &str| Doc::analyze(
//!     Article::from_text(id, format!("{title}\n\n{body}")), &AnalyzeOptions::default());
//! let mut dedup = Dedup::new(DedupOptions::default()).unwrap();
//! let a = dedup.hasher().sign(&doc("a", "Bank raises rates")).unwrap();
//! let b = dedup.hasher().sign(&doc("b", "Rates up again")).unwrap();
//! assert_eq!(dedup.index_mut().observe("a", &a), None);
//! let dup = dedup.index_mut().observe("b", &b).unwrap();
//! assert_eq!(dup.id, "a");
//! assert_eq!(dup.similarity, 1.0);
//! ```

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use newsmill_core::{DedupSignature, Doc, NearDuplicate, ParagraphKind, TokenKind};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Settings of the near-duplicate stage.
///
/// ```
/// let o = newsmill_engine::DedupOptions::default();
/// assert!(o.bands * o.rows <= o.hashes);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DedupOptions {
    /// Estimated Jaccard similarity at or above which two articles are
    /// near-duplicates.
    pub threshold: f32,
    /// Words per shingle.
    pub shingle: usize,
    /// MinHash values (one-permutation bins) per article; the similarity
    /// estimate uses all.
    pub hashes: usize,
    /// LSH bands.
    pub bands: usize,
    /// MinHash values per band (the first `bands * rows` values are banded).
    pub rows: usize,
    /// Put each record's band keys and MinHash into it.
    pub emit_signature: bool,
}

/// The measured default threshold (see the README: `newsmill eval dedup`).
pub const DEFAULT_THRESHOLD: f32 = 0.4;

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            threshold: DEFAULT_THRESHOLD,
            shingle: 4,
            hashes: 128,
            bands: 20,
            rows: 3,
            emit_signature: false,
        }
    }
}

/// Settings that cannot work.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DedupError {
    /// A setting out of range.
    #[error("near-duplicate settings: {0}")]
    Settings(String),
}

/// One article's MinHash values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    mins: Vec<u32>,
}

impl Signature {
    /// The MinHash values.
    pub fn values(&self) -> &[u32] {
        &self.mins
    }
}

/// Computes signatures; shared by the worker threads.
#[derive(Clone, Debug)]
pub struct MinHasher {
    opts: DedupOptions,
}

/// The in-order index of the articles seen so far.
#[derive(Debug)]
pub struct DedupIndex {
    threshold: f32,
    hashes: usize,
    bands: usize,
    rows: usize,
    /// One table per band: band key -> first article with that key.
    tables: Vec<HashMap<u32, u32, BuildHasherDefault<SpreadHasher>>>,
    /// Low byte of each MinHash value, `hashes` per article.
    low: Vec<u8>,
    /// Cluster root of each article (itself when it is an original).
    roots: Vec<u32>,
    /// Ids, one after another; `id_ends[i]` is where article i's ends.
    ids: String,
    id_ends: Vec<u64>,
    /// (article, root, similarity) of every near-duplicate.
    dups: Vec<(u32, u32, f32)>,
}

/// The near-duplicate stage: a [`MinHasher`] for the workers and a
/// [`DedupIndex`] for the in-order pass.
#[derive(Debug)]
pub struct Dedup {
    hasher: MinHasher,
    index: DedupIndex,
}

/// A cluster: an original and its near-duplicates, in input order.
///
/// ```
/// let c = newsmill_engine::Cluster { id: "a".into(), members: vec![("b".into(), 0.9)] };
/// assert_eq!(c.members.len() + 1, 2);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The first copy seen.
    pub id: String,
    /// The later copies with their estimated similarity to the first.
    pub members: Vec<(String, f32)>,
}

impl Dedup {
    /// A stage with these settings.
    pub fn new(opts: DedupOptions) -> Result<Dedup, DedupError> {
        let bad = |m: String| Err(DedupError::Settings(m));
        if !(opts.threshold > 0.0 && opts.threshold <= 1.0) {
            return bad(format!(
                "the threshold must be in (0, 1], not {}",
                opts.threshold
            ));
        }
        if !(1..=16).contains(&opts.shingle) {
            return bad(format!("a shingle has 1 to 16 words, not {}", opts.shingle));
        }
        if !(8..=1024).contains(&opts.hashes) {
            return bad(format!("8 to 1024 MinHash values, not {}", opts.hashes));
        }
        if opts.bands == 0 || !(1..=8).contains(&opts.rows) || opts.bands * opts.rows > opts.hashes
        {
            return bad(format!(
                "{} bands of {} rows: need 1 to 8 rows and bands * rows <= {} hashes",
                opts.bands, opts.rows, opts.hashes
            ));
        }
        let index = DedupIndex {
            threshold: opts.threshold,
            hashes: opts.hashes,
            bands: opts.bands,
            rows: opts.rows,
            tables: (0..opts.bands).map(|_| HashMap::default()).collect(),
            low: Vec::new(),
            roots: Vec::new(),
            ids: String::new(),
            id_ends: Vec::new(),
            dups: Vec::new(),
        };
        Ok(Dedup {
            hasher: MinHasher { opts },
            index,
        })
    }

    /// The signature side (parallel).
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// The index (in input order).
    pub fn index(&self) -> &DedupIndex {
        &self.index
    }

    /// The index, to add articles.
    pub fn index_mut(&mut self) -> &mut DedupIndex {
        &mut self.index
    }

    /// Both sides at once: the hasher for the workers while the index is
    /// updated.
    pub fn parts(&mut self) -> (&MinHasher, &mut DedupIndex) {
        (&self.hasher, &mut self.index)
    }
}

impl MinHasher {
    /// The settings.
    pub fn options(&self) -> &DedupOptions {
        &self.opts
    }

    /// The signature of a document's body, or `None` when it has no words.
    pub fn sign(&self, doc: &Doc) -> Option<Signature> {
        let n = self.opts.shingle;
        let mut window = [0u64; 16];
        let mut words = 0usize;
        let mut mins = vec![u32::MAX; self.opts.hashes];
        let mut filled = [0u64; 16];
        let mut shingles = 0usize;
        let dateline = doc.dateline;
        let mut tokens = doc.tokens.iter().peekable();
        for p in doc.paragraphs.iter().filter(|p| p.kind.is_analysed()) {
            while let Some(t) = tokens.next_if(|t| t.start < p.end) {
                if p.kind != ParagraphKind::BODY
                    || t.start < p.start
                    || dateline.is_some_and(|d| t.start >= d.start && t.end <= d.end)
                    || matches!(
                        t.kind,
                        TokenKind::PUNCT | TokenKind::QUOTE | TokenKind::SYMBOL
                    )
                {
                    continue;
                }
                let text = doc.text.get(t.start as usize..t.end as usize).unwrap_or("");
                window[words % n] = word_hash(text);
                words += 1;
                if words >= n {
                    add(
                        &mut mins,
                        &mut filled,
                        shingle_hash(&window, words - n, n, n),
                    );
                    shingles += 1;
                }
            }
        }
        if words == 0 {
            return None;
        }
        if shingles == 0 {
            // Fewer words than a shingle: the words are the one shingle.
            add(&mut mins, &mut filled, shingle_hash(&window, 0, words, n));
        }
        densify(&mut mins, &filled);
        Some(Signature { mins })
    }

    /// The band keys of a signature, one per band.
    pub fn band_keys(&self, sig: &Signature) -> Vec<u32> {
        band_keys(&sig.mins, self.opts.bands, self.opts.rows).collect()
    }

    /// The signature as written into a record (`--emit-signature`).
    pub fn export(&self, sig: &Signature) -> DedupSignature {
        use std::fmt::Write;
        let bands = band_keys(&sig.mins, self.opts.bands, self.opts.rows)
            .enumerate()
            .map(|(b, k)| format!("{b:02x}:{k:08x}"))
            .collect();
        let mut minhash = String::with_capacity(2 * sig.mins.len());
        for m in &sig.mins {
            let _ = write!(minhash, "{:02x}", *m as u8);
        }
        DedupSignature { bands, minhash }
    }
}

/// One-permutation MinHash (Li, Owen and Zhang 2012): the shingle's hash
/// picks a bin (its high half) and competes for that bin's minimum (its low
/// half). One hash per shingle instead of one per shingle and value.
#[inline]
fn add(mins: &mut [u32], filled: &mut [u64; 16], shingle: u64) {
    let h = fmix64(shingle);
    let bin = (((h >> 32) * mins.len() as u64) >> 32) as usize;
    let v = h as u32;
    if let Some(m) = mins.get_mut(bin) {
        *m = (*m).min(v);
        filled[bin / 64] |= 1 << (bin % 64);
    }
}

/// Optimal densification (Shrivastava 2017): each empty bin takes the value
/// of the first filled bin on its own seeded random probe sequence, so two
/// articles' empty bins copy from the same places and equal bins still
/// estimate Jaccard similarity.
fn densify(mins: &mut [u32], filled: &[u64; 16]) {
    let k = mins.len() as u64;
    let is_filled = |b: usize| filled[b / 64] & (1 << (b % 64)) != 0;
    if (0..mins.len()).all(is_filled) || !(0..mins.len()).any(is_filled) {
        return;
    }
    for i in 0..mins.len() {
        if is_filled(i) {
            continue;
        }
        for attempt in 1u64.. {
            let r = fmix64(((i as u64) << 32) ^ attempt ^ 0x5bd1_e995_0000_0000);
            let j = (((r >> 32) * k) >> 32) as usize;
            if is_filled(j) {
                mins[i] = mins[j];
                break;
            }
        }
    }
}

/// MurmurHash3's 64-bit finaliser.
#[inline]
fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn band_keys(mins: &[u32], bands: usize, rows: usize) -> impl Iterator<Item = u32> + '_ {
    (0..bands).map(move |b| {
        let mut buf = [0u8; 32];
        for (i, m) in mins[b * rows..(b + 1) * rows].iter().enumerate() {
            buf[4 * i..4 * i + 4].copy_from_slice(&m.to_le_bytes());
        }
        xxh3_64_with_seed(&buf[..4 * rows], b as u64) as u32
    })
}

/// Lower-cased word hash, without allocating for words up to 64 bytes.
fn word_hash(word: &str) -> u64 {
    let b = word.as_bytes();
    let mut buf = [0u8; 64];
    if b.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        xxh3_64(&buf[..b.len()])
    } else {
        xxh3_64(word.to_lowercase().as_bytes())
    }
}

/// The hash of `count` words from word `start` on; word i is at
/// `window[i % ring]`.
fn shingle_hash(window: &[u64; 16], start: usize, count: usize, ring: usize) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3u64;
    for i in start..start + count {
        let w = window[i % ring];
        h = (h.rotate_left(23) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h ^ (h >> 29)
}

/// Estimated Jaccard similarity from the low bytes of two signatures: the
/// share of equal bytes, corrected for chance equality (1 in 256).
///
/// ```
/// assert_eq!(newsmill_engine::dedup::similarity(&[1, 2, 3, 4], &[1, 2, 3, 4]), 1.0);
/// assert_eq!(newsmill_engine::dedup::similarity(&[1, 2, 3, 4], &[5, 6, 7, 8]), 0.0);
/// ```
pub fn similarity(a: &[u8], b: &[u8]) -> f32 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    let p = equal as f32 / n as f32;
    ((p - 1.0 / 256.0) / (1.0 - 1.0 / 256.0)).clamp(0.0, 1.0)
}

impl DedupIndex {
    /// Add the next article in input order; when it nearly duplicates an
    /// earlier one, name the first copy of that story.
    ///
    /// Candidates are the first article seen under each of this article's
    /// band keys; the earliest candidate whose estimated similarity reaches
    /// the threshold decides, and the record names that candidate's
    /// cluster root with the estimated similarity to it. Band keys not seen
    /// before are added.
    pub fn observe(&mut self, id: &str, sig: &Signature) -> Option<NearDuplicate> {
        let me = self.roots.len() as u32;
        let low_start = self.low.len();
        self.low.extend(sig.mins.iter().map(|&m| m as u8));
        let mut checked = [u32::MAX; 64];
        let mut n_checked = 0;
        let mut best: Option<u32> = None;
        for (b, key) in band_keys(&sig.mins, self.bands, self.rows).enumerate() {
            let first = *self.tables[b].entry(key).or_insert(me);
            if first == me || best.is_some_and(|x| first >= x) {
                continue;
            }
            if checked[..n_checked].contains(&first) {
                continue;
            }
            if n_checked < checked.len() {
                checked[n_checked] = first;
                n_checked += 1;
            }
            if self.sim(first, low_start) >= self.threshold {
                best = Some(first);
            }
        }
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len() as u64);
        match best {
            None => {
                self.roots.push(me);
                None
            }
            Some(c) => {
                let root = self.roots[c as usize];
                let similarity = self.sim(root, low_start);
                self.roots.push(root);
                self.dups.push((me, root, similarity));
                Some(NearDuplicate {
                    id: self.id(root).to_string(),
                    similarity,
                })
            }
        }
    }

    fn sim(&self, other: u32, low_start: usize) -> f32 {
        let k = self.hashes;
        let o = other as usize * k;
        similarity(&self.low[o..o + k], &self.low[low_start..low_start + k])
    }

    fn id(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 {
            0
        } else {
            self.id_ends[i - 1] as usize
        };
        self.ids.get(start..self.id_ends[i] as usize).unwrap_or("")
    }

    /// Articles added.
    pub fn len(&self) -> usize {
        self.roots.len()
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// Articles that named an earlier one.
    pub fn duplicates(&self) -> usize {
        self.dups.len()
    }

    /// Bytes the index holds (allocated capacity, all tables included).
    pub fn state_bytes(&self) -> usize {
        let table: usize = self
            .tables
            .iter()
            // hashbrown: 8 bytes of (key, value) and 1 control byte per slot.
            .map(|t| t.capacity() * 9)
            .sum();
        table
            + self.low.capacity()
            + self.roots.capacity() * 4
            + self.ids.capacity()
            + self.id_ends.capacity() * 8
            + self.dups.capacity() * 12
    }

    /// The clusters with at least one near-duplicate, ordered by their
    /// first copy; members in input order.
    pub fn clusters(&self) -> Vec<Cluster> {
        let mut dups = self.dups.clone();
        dups.sort_by_key(|&(m, r, _)| (r, m));
        let mut out: Vec<Cluster> = Vec::new();
        let mut last = None;
        for (m, r, s) in dups {
            if last != Some(r) {
                out.push(Cluster {
                    id: self.id(r).to_string(),
                    members: Vec::new(),
                });
                last = Some(r);
            }
            if let Some(c) = out.last_mut() {
                c.members.push((self.id(m).to_string(), s));
            }
        }
        out
    }
}

/// Band keys are already hashes; spread them over the 64 bits hashbrown
/// reads (its control bytes take the top 7).
#[derive(Default)]
struct SpreadHasher(u64);

impl Hasher for SpreadHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = u64::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use newsmill_core::{AnalyzeOptions, Article};

    fn doc(text: &str) -> Doc {
        Doc::analyze(Article::from_text("x", text), &AnalyzeOptions::default())
    }

    #[test]
    fn bad_settings_are_refused() {
        for o in [
            DedupOptions {
                threshold: 0.0,
                ..Default::default()
            },
            DedupOptions {
                threshold: 1.5,
                ..Default::default()
            },
            DedupOptions {
                shingle: 0,
                ..Default::default()
            },
            DedupOptions {
                bands: 50,
                rows: 3,
                ..Default::default()
            },
            DedupOptions {
                rows: 9,
                bands: 2,
                ..Default::default()
            },
        ] {
            assert!(Dedup::new(o).is_err());
        }
    }

    #[test]
    fn no_words_no_signature_and_short_texts_still_sign() {
        let d = Dedup::new(DedupOptions::default()).unwrap();
        assert!(d.hasher().sign(&doc("Title only\n\n.,;")).is_none());
        assert!(d.hasher().sign(&doc("T\n\nTwo words.")).is_some());
    }

    #[test]
    fn title_and_boilerplate_do_not_count_but_every_body_word_does() {
        let d = Dedup::new(DedupOptions::default()).unwrap();
        let body =
            "Ministers met in the capital to agree a budget for schools and hospitals next year.";
        let a = d
            .hasher()
            .sign(&doc(&format!("First title\n\n{body}")))
            .unwrap();
        let b = d
            .hasher()
            .sign(&doc(&format!("Another title\n\n{body}")))
            .unwrap();
        assert_eq!(a, b);
        let c = d
            .hasher()
            .sign(&doc(&format!("First title\n\n{body} Extra words here.")))
            .unwrap();
        assert_ne!(a, c);
    }
}

//! Feature extraction: every feature is a 64-bit hash of a template id and
//! the values it combines, computed without allocating per token.
//!
//! Per document, [`DocFeatures::prepare`] computes each token's atomic
//! values (word, lower-cased form, shape, affixes, capitalisation class,
//! clusters, gazetteer hits) and the document's casing statistics; per
//! sentence, [`DocFeatures::sentence_keys`] writes each token's feature keys
//! into a flat buffer, including the non-local "prediction history"
//! features (how the same word was tagged earlier in the document).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use newsmill_sdk::{Sentence, Token};

use crate::clusters::Lexicon;

/// Mix two 64-bit values (a multiply-rotate step, as in FxHash, with a
/// final avalanche so that the low bits are usable as a table index).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let h = (a.rotate_left(26) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}

/// Hash bytes, optionally ASCII-lower-cased, with a seed.
#[inline]
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8], lower: bool) -> u64 {
    let mut h = seed ^ 0x5bd1_e995;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        if lower {
            a.make_ascii_lowercase();
        }
        h = mix(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    let mut a = [0u8; 8];
    a[..rest.len()].copy_from_slice(rest);
    if lower {
        a.make_ascii_lowercase();
    }
    mix(mix(h, u64::from_le_bytes(a)), bytes.len() as u64)
}

/// The hash of a word as written (the key of case-sensitive clusters).
#[inline]
pub(crate) fn exact_hash(word: &str) -> u64 {
    hash_bytes(1, word.as_bytes(), false)
}

/// The hash of a word's lower-cased form (the key of clusters, gazetteers
/// and the document maps).
#[inline]
pub(crate) fn lower_hash(word: &str) -> u64 {
    hash_bytes(1, word.as_bytes(), true)
}

/// An identity hasher for maps keyed by hashes already mixed.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by a pre-mixed hash.
pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Capitalisation classes.
pub(crate) mod cls {
    pub const LOWER: u8 = 0;
    pub const CAP: u8 = 1;
    pub const ALLCAP: u8 = 2;
    pub const DIGIT: u8 = 3;
    pub const PUNCT: u8 = 4;
    pub const MIXED: u8 = 5;
    pub const OTHER: u8 = 6;
    /// A word in a sentence whose case says nothing (all capitals, or
    /// title case).
    pub const CASELESS: u8 = 9;
}

/// Number of cluster granularities used as features.
pub(crate) const CLUSTER_LEVELS: usize = 3;

/// Atomic values of one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokVals {
    word: u64,
    pub(crate) lower: u64,
    shape: u64,
    short_shape: u64,
    pre: [u64; 3],
    suf: [u64; 4],
    cls: u8,
    /// 1 if the token has a hyphen, 2 a digit, 4 a period.
    chars: u8,
    clusters: [u64; CLUSTER_LEVELS],
    /// Clusters of the word's vector (case-sensitive), when the model has them.
    vclusters: [u64; CLUSTER_LEVELS],
    gaz: u32,
    /// Row of the word's vector (1-based; 0 none), when the model has them.
    pub(crate) vrow: u32,
    /// Document casing: bit 0 seen capitalised mid-sentence in a mixed-case
    /// sentence, bit 1 seen lower-case, bit 2 seen all capitals there.
    doccase: u8,
}

impl TokVals {
    /// The values of a padding position before (`0xB0`, class 7) or after
    /// (`0xE0`, class 8) the sentence: one marker in every hashed slot.
    const fn padding(marker: u64, cls: u8) -> Self {
        TokVals {
            word: marker,
            lower: marker,
            shape: marker,
            short_shape: marker,
            pre: [0; 3],
            suf: [0; 4],
            cls,
            chars: 0,
            clusters: [marker; CLUSTER_LEVELS],
            vclusters: [marker; CLUSTER_LEVELS],
            gaz: 0,
            vrow: 0,
            doccase: 0,
        }
    }
}

/// A sentence's properties.
#[derive(Clone, Copy, Debug, Default)]
struct SentInfo {
    all_caps: bool,
    /// 0 headline (the first sentence), 1 second, 2 third, 3 later.
    position: u8,
    /// A short all-caps line ending in a date or a number (a dateline).
    dateline: bool,
}

/// Tag the first sentence (the headline) after the body, whatever its case.
const HEADLINE_LAST: bool = true;

/// Label classes recorded in the prediction history: 0 none, 1..=4 the
/// entity types, 5 outside.
pub(crate) const HIST_NONE: u8 = 0;

/// Per-document feature state and scratch buffers, reused across
/// documents.
#[derive(Default)]
pub(crate) struct DocFeatures {
    pub(crate) toks: Vec<TokVals>,
    sents: Vec<SentInfo>,
    doccase: IdMap<u8>,
    /// Prediction history: lower-cased hash -> last label class.
    history: IdMap<u8>,
    /// First-pass label class of every token (two-pass tagging).
    pass1: Vec<u8>,
    /// Per word, first-pass label class counts over the document.
    majority: IdMap<[u16; 6]>,
    /// Whether this is the second pass.
    pub(crate) second_pass: bool,
    /// Tagging: the second pass writes only the keys that depend on the
    /// first pass's labels (history and majority); the tagger keeps the
    /// first pass's sum of the others. Training writes every key each pass.
    pub(crate) reuse_static: bool,
    /// Per token of the current sentence, the range of its keys in `keys`
    /// that depend on the labels (history, majority); the others are the
    /// same in both passes.
    pub(crate) dynamic: Vec<(u32, u32)>,
    /// The order in which to tag the sentences.
    pub(crate) order: Vec<u32>,
    /// Feature keys of the current sentence, flat.
    pub(crate) keys: Vec<u64>,
    /// Offsets of each token's keys in `keys` (len = tokens + 1).
    pub(crate) offs: Vec<u32>,
    /// Training only: tokens whose word identity is hidden this time
    /// (word dropout), by document token index; empty when tagging.
    pub(crate) dropped: Vec<bool>,
}

/// The key of feature template `tid` with value `v`.
#[inline]
pub(crate) fn feature_key(tid: u64, v: u64) -> u64 {
    mix(mix(0xA5A5_0000 ^ tid, v), tid) | 1
}

/// The key of the word-identity feature of a token (whether the model has
/// a weight for it says whether training saw the word).
#[inline]
pub(crate) fn word_key(t: &TokVals) -> u64 {
    feature_key(t::WORD, t.word)
}

/// The word value of a token hidden by word dropout.
const UNKNOWN_WORD: u64 = 0x0DD_C0DE;

/// Template ids.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const SSHAPE: u64 = 5;
    pub const PRE: u64 = 10;
    pub const SUF: u64 = 20;
    pub const L_M1: u64 = 30;
    pub const L_P1: u64 = 31;
    pub const L_M2: u64 = 32;
    pub const L_P2: u64 = 33;
    pub const W_M1: u64 = 34;
    pub const W_P1: u64 = 35;
    pub const SH_M1: u64 = 40;
    pub const SH_P1: u64 = 41;
    pub const SH_M1_0: u64 = 42;
    pub const SH_0_P1: u64 = 43;
    pub const SH_M2: u64 = 44;
    pub const SH_P2: u64 = 45;
    pub const LL_M1_0: u64 = 50;
    pub const LL_0_P1: u64 = 51;
    pub const LL_M2_M1: u64 = 52;
    pub const LL_P1_P2: u64 = 53;
    pub const CLS_SENT: u64 = 60;
    pub const CLS_POS: u64 = 61;
    pub const CHARS: u64 = 62;
    pub const DOCCASE: u64 = 63;
    pub const LOWER_ALLCAPS: u64 = 64;
    pub const DATELINE: u64 = 65;
    pub const CLS_NEIGH: u64 = 66;
    pub const HIST0: u64 = 70;
    pub const HIST_M1: u64 = 71;
    pub const HIST_P1: u64 = 72;
    pub const HIST_CLS: u64 = 73;
    pub const CLU0: u64 = 80;
    pub const CLU_M1: u64 = 90;
    pub const CLU_P1: u64 = 100;
    pub const GAZ0: u64 = 110;
    pub const GAZ_M1: u64 = 111;
    pub const GAZ_P1: u64 = 112;
    pub const GAZ_CLS: u64 = 113;
    pub const MAJ0: u64 = 120;
    pub const MAJ_CLS: u64 = 121;
    pub const MAJ_M1: u64 = 122;
    pub const MAJ_P1: u64 = 123;
    pub const VCL0: u64 = 130;
    pub const VCL_M1: u64 = 140;
    pub const VCL_P1: u64 = 150;
}

/// Which feature groups are on (for ablations); all on by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet {
    /// Neighbouring words, shapes and their conjunctions.
    pub context: bool,
    /// Sentence-level features: all-caps lines, position, datelines.
    pub sentence: bool,
    /// Document casing: how the word is written elsewhere in the document.
    pub doc_case: bool,
    /// Prediction history: how the word was tagged earlier in the document.
    pub history: bool,
    /// Word clusters (when the model has them).
    pub clusters: bool,
    /// Gazetteers (when the model has them).
    pub gazetteers: bool,
    /// Two passes: the second sees how each word was tagged everywhere
    /// else in the document by the first (the majority label).
    pub two_pass: bool,
    /// One type per name per document: mentions of the same words take the
    /// type most of them got (a vote after tagging).
    pub vote: bool,
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet {
            context: true,
            sentence: true,
            doc_case: true,
            history: true,
            clusters: true,
            gazetteers: true,
            two_pass: true,
            vote: true,
        }
    }
}

impl FeatureSet {
    /// As a bit set (stored in the model file).
    pub fn bits(self) -> u32 {
        u32::from(self.context)
            | u32::from(self.sentence) << 1
            | u32::from(self.doc_case) << 2
            | u32::from(self.history) << 3
            | u32::from(self.clusters) << 4
            | u32::from(self.gazetteers) << 5
            | u32::from(self.two_pass) << 6
            | u32::from(self.vote) << 7
    }
    /// From a bit set.
    pub fn from_bits(b: u32) -> Self {
        FeatureSet {
            context: b & 1 != 0,
            sentence: b & 2 != 0,
            doc_case: b & 4 != 0,
            history: b & 8 != 0,
            clusters: b & 16 != 0,
            gazetteers: b & 32 != 0,
            two_pass: b & 64 != 0,
            vote: b & 128 != 0,
        }
    }
}

fn char_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_ascii_digit() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'*'
    }
}

/// Spellings today's news uses for a name the 1996 training data writes
/// otherwise: the tagger sees the training spelling ("US" is written
/// "U.S." 377 times in eng.train and "US" 6 times; read as an acronym it
/// was typed ORG 1,041 times in BBC news, "in the US" included).
pub(crate) fn training_spelling(word: &str, caseless: bool) -> &str {
    match word {
        "US" if !caseless => "U.S.",
        _ => word,
    }
}

fn token_vals(word: &str, lex: &Lexicon, fs: FeatureSet, caseless: bool) -> TokVals {
    let word = training_spelling(word, caseless);
    let b = word.as_bytes();
    let mut v = TokVals {
        word: hash_bytes(0, b, caseless),
        lower: lower_hash(word),
        ..TokVals::default()
    };
    // Shapes: the long one keeps up to 6 classes with runs collapsed past
    // 2; the short one collapses every run.
    let mut shape = 0x51u64;
    let mut sshape = 0x73u64;
    let (mut last, mut run, mut n) = (0u8, 0u32, 0u32);
    let (mut up, mut low, mut dig, mut alpha_other, mut other) = (0u32, 0u32, 0u32, 0u32, 0u32);
    let mut first_upper = false;
    for (i, c) in word.chars().enumerate() {
        let mut k = char_class(c);
        if caseless && k == b'X' {
            k = b'x';
        }
        match k {
            b'X' => {
                up += 1;
                if i == 0 {
                    first_upper = true;
                }
            }
            b'x' => low += 1,
            b'd' => dig += 1,
            b'a' => alpha_other += 1,
            _ => other += 1,
        }
        match c {
            '-' => v.chars |= 1,
            '.' => v.chars |= 4,
            _ => {}
        }
        if k == last {
            run += 1;
        } else {
            run = 1;
            sshape = mix(sshape, u64::from(k));
        }
        if run <= 2 && n < 8 {
            shape = mix(shape, u64::from(k));
            n += 1;
        }
        last = k;
    }
    if dig > 0 {
        v.chars |= 2;
    }
    v.shape = shape;
    v.short_shape = sshape;
    v.cls = if up + low + alpha_other == 0 {
        if dig > 0 {
            cls::DIGIT
        } else if other > 0 {
            cls::PUNCT
        } else {
            cls::OTHER
        }
    } else if low == 0 && up > 0 {
        cls::ALLCAP
    } else if first_upper && up == 1 {
        cls::CAP
    } else if up > 0 {
        cls::MIXED
    } else if low > 0 {
        cls::LOWER
    } else {
        cls::OTHER
    };
    // Affixes of the lower-cased form, by characters.
    let nchars = word.chars().count();
    let mut ends = [0usize; 4];
    for (k, (i, _)) in word.char_indices().skip(1).take(3).enumerate() {
        ends[k] = i;
    }
    for k in 0..3 {
        if nchars > k + 1 {
            v.pre[k] = hash_bytes(10 + k as u64, &b[..ends[k]], true);
        }
    }
    let mut starts = [0usize; 4];
    for (k, (i, _)) in word.char_indices().rev().take(4).enumerate() {
        starts[k] = i;
    }
    for k in 0..4 {
        if nchars > k + 1 {
            v.suf[k] = hash_bytes(20 + k as u64, &b[starts[k]..], true);
        }
    }
    if fs.clusters {
        // The word as written first (case-sensitive clusters, from word
        // vectors), then its lower-cased form.
        let exact = if caseless {
            None
        } else {
            Some(hash_bytes(1, b, false))
        };
        v.clusters = lex.clusters(v.lower);
        v.vclusters = lex.vector_clusters(exact, v.lower);
        v.vrow = lex.vector_row(exact, v.lower);
    }
    if fs.gazetteers {
        v.gaz = lex.gazetteer(v.lower);
    }
    v
}

/// Whether a sentence is in title case: at least three words of four
/// letters or more, every one capitalised, none all capitals.
fn is_title_case(text: &str, tokens: &[Token]) -> bool {
    let mut long = 0;
    for t in tokens {
        let w = text.get(t.start as usize..t.end as usize).unwrap_or("");
        if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        let mut cs = w.chars();
        let first_upper = cs.next().is_some_and(char::is_uppercase);
        if !first_upper || !cs.any(char::is_lowercase) {
            return false;
        }
        long += 1;
    }
    long >= 3
}

fn is_date_like(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b.iter().any(|c| c.is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'/' | b'.'))
}

/// One sentence of [`DocFeatures::walk`]: its tokens are
/// `first..first + len`; `keys[offs[i]..offs[i + 1]]` are token `first + i`'s
/// feature keys.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SentenceStep {
    /// The sentence's first token.
    pub first: usize,
    /// Its number of tokens (at least one).
    pub len: usize,
    /// Whether this is the last pass (the one whose labels count).
    pub last: bool,
}

impl DocFeatures {
    /// Compute the atomic values of every token, the sentences' properties
    /// and the document casing map; clear the prediction history.
    pub(crate) fn prepare(
        &mut self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        lex: &Lexicon,
        fs: FeatureSet,
    ) {
        self.toks.clear();
        self.toks.reserve(tokens.len());
        for tk in tokens {
            let w = text.get(tk.start as usize..tk.end as usize).unwrap_or("");
            self.toks.push(token_vals(w, lex, fs, false));
        }
        self.sents.clear();
        self.doccase.clear();
        self.history.clear();
        self.majority.clear();
        self.second_pass = false;
        self.pass1.clear();
        self.pass1.resize(tokens.len(), 0);
        for (si, s) in sentences.iter().enumerate() {
            let b = (s.token_end as usize).min(self.toks.len());
            let a = (s.token_start as usize).min(b);
            let toks = self.toks.get(a..b).unwrap_or(&[]);
            let letters = toks
                .iter()
                .filter(|t| matches!(t.cls, cls::LOWER | cls::CAP | cls::ALLCAP | cls::MIXED))
                .count();
            let lower = toks
                .iter()
                .filter(|t| matches!(t.cls, cls::LOWER | cls::CAP | cls::MIXED))
                .count();
            let all_caps = letters > 0 && lower == 0;
            let last = tokens
                .get(b.wrapping_sub(1))
                .and_then(|t| text.get(t.start as usize..t.end as usize))
                .unwrap_or("");
            let dateline = b - a <= 8
                && b > a
                && is_date_like(last)
                && toks.first().is_some_and(|t| t.cls == cls::ALLCAP);
            // Title case: every word of four letters or more capitalised.
            let sent_toks = tokens.get(a..b).unwrap_or(&[]);
            let title_case = fs.sentence && !all_caps && is_title_case(text, sent_toks);
            let caseless = fs.sentence && (all_caps || title_case);
            if caseless {
                for (tk, v) in sent_toks.iter().zip(&mut self.toks[a..b]) {
                    if matches!(v.cls, cls::LOWER | cls::CAP | cls::ALLCAP | cls::MIXED) {
                        let w = text.get(tk.start as usize..tk.end as usize).unwrap_or("");
                        *v = token_vals(w, lex, fs, true);
                        v.cls = cls::CASELESS;
                    }
                }
            }
            let all_caps = caseless || all_caps;
            let toks = self.toks.get(a..b).unwrap_or(&[]);
            self.sents.push(SentInfo {
                all_caps,
                position: si.min(3) as u8,
                dateline,
            });
            if fs.doc_case && !all_caps {
                for t in toks.iter().skip(1) {
                    let bit = match t.cls {
                        cls::CAP | cls::MIXED => 1,
                        cls::LOWER => 2,
                        cls::ALLCAP => 4,
                        _ => 0,
                    };
                    if bit != 0 {
                        *self.doccase.entry(t.lower).or_insert(0) |= bit;
                    }
                }
            }
        }
        // Sentences whose case says nothing (headlines) are tagged last, so
        // that they see how their words were tagged in the body.
        self.order.clear();
        for pass in [false, true] {
            for (i, si) in self.sents.iter().enumerate() {
                if (si.all_caps || (HEADLINE_LAST && i == 0)) == pass {
                    self.order.push(i as u32);
                }
            }
        }
        if fs.doc_case {
            for t in &mut self.toks {
                t.doccase = self.doccase.get(&t.lower).copied().unwrap_or(0);
            }
        }
    }

    /// Write the feature keys of sentence `si` (tokens `a..b`) into
    /// `self.keys` / `self.offs`.
    pub(crate) fn sentence_keys(&mut self, si: usize, a: usize, b: usize, fs: FeatureSet) {
        self.keys.clear();
        self.offs.clear();
        self.offs.push(0);
        self.dynamic.clear();
        let only_dynamic = self.second_pass && self.reuse_static;
        let si_info = self.sents.get(si).copied().unwrap_or_default();
        let toks = self.toks.get(a..b).unwrap_or(&[]);
        let n = toks.len();
        const PAD: TokVals = TokVals::padding(0xB0, 7);
        const PAD_END: TokVals = TokVals::padding(0xE0, 8);
        let get = |i: isize| -> &TokVals {
            if i < 0 {
                &PAD
            } else if i as usize >= n {
                &PAD_END
            } else {
                &toks[i as usize]
            }
        };
        let hist = |h: &IdMap<u8>, t: &TokVals| -> u64 {
            if t.cls > 6 {
                return 7;
            }
            u64::from(h.get(&t.lower).copied().unwrap_or(HIST_NONE))
        };
        let mut keys_buf = std::mem::take(&mut self.keys);
        let mut offs_buf = std::mem::take(&mut self.offs);
        let keys = &mut keys_buf;
        let k = feature_key;
        let sent_bits = u64::from(si_info.all_caps)
            | u64::from(si_info.dateline) << 1
            | u64::from(si_info.position) << 2;
        for i in 0..n as isize {
            let c = get(i);
            let (m1, p1) = (get(i - 1), get(i + 1));
            let ccls = u64::from(c.cls);
            // Word dropout (training): the token is seen as an unknown word,
            // so shape, affixes, context, clusters and gazetteers must carry
            // it, as they must for names the training data never had.
            let hidden = self.dropped.get(a + i as usize).copied().unwrap_or(false);
            let (cword, clower) = if hidden {
                (UNKNOWN_WORD, UNKNOWN_WORD)
            } else {
                (c.word, c.lower)
            };
            if !only_dynamic {
                keys.push(k(t::BIAS, 0));
                keys.push(k(t::WORD, cword));
                keys.push(k(t::LOWER, clower));
                keys.push(k(t::SHAPE, c.shape));
                keys.push(k(t::SSHAPE, c.short_shape));
                for (j, &p) in c.pre.iter().enumerate() {
                    if p != 0 {
                        keys.push(k(t::PRE + j as u64, p));
                    }
                }
                for (j, &s) in c.suf.iter().enumerate() {
                    if s != 0 {
                        keys.push(k(t::SUF + j as u64, s));
                    }
                }
                keys.push(k(t::CHARS, u64::from(c.chars) << 4 | ccls));
                if fs.context {
                    let (m2, p2) = (get(i - 2), get(i + 2));
                    keys.push(k(t::L_M1, m1.lower));
                    keys.push(k(t::L_P1, p1.lower));
                    keys.push(k(t::L_M2, m2.lower));
                    keys.push(k(t::L_P2, p2.lower));
                    keys.push(k(t::W_M1, m1.word));
                    keys.push(k(t::W_P1, p1.word));
                    keys.push(k(t::SH_M1, m1.short_shape));
                    keys.push(k(t::SH_P1, p1.short_shape));
                    keys.push(k(t::SH_M2, m2.short_shape));
                    keys.push(k(t::SH_P2, p2.short_shape));
                    keys.push(k(t::SH_M1_0, mix(m1.short_shape, c.short_shape)));
                    keys.push(k(t::SH_0_P1, mix(c.short_shape, p1.short_shape)));
                    keys.push(k(t::LL_M1_0, mix(m1.lower, clower)));
                    keys.push(k(t::LL_0_P1, mix(clower, p1.lower)));
                    keys.push(k(t::LL_M2_M1, mix(m2.lower, m1.lower)));
                    keys.push(k(t::LL_P1_P2, mix(p1.lower, p2.lower)));
                    keys.push(k(
                        t::CLS_NEIGH,
                        u64::from(m1.cls) << 8 | ccls << 4 | u64::from(p1.cls),
                    ));
                }
                if fs.sentence {
                    let pos = (i as u64).min(3) | ((n as u64 - 1 - i as u64).min(2)) << 2;
                    keys.push(k(t::CLS_SENT, sent_bits << 8 | ccls));
                    keys.push(k(
                        t::CLS_POS,
                        pos << 8 | ccls << 1 | u64::from(si_info.all_caps),
                    ));
                    if si_info.all_caps {
                        keys.push(k(t::LOWER_ALLCAPS, c.lower));
                    }
                    if si_info.dateline {
                        keys.push(k(t::DATELINE, (i as u64).min(3) << 8 | ccls));
                    }
                }
                if fs.doc_case {
                    keys.push(k(
                        t::DOCCASE,
                        u64::from(c.doccase) << 8
                            | ccls << 1
                            | u64::from(si_info.all_caps || i == 0),
                    ));
                }
            }
            // The keys that depend on the labels so far (`dynamic`).
            let dyn_start = keys.len() as u32;
            if fs.history {
                let h0 = hist(&self.history, c);
                keys.push(k(t::HIST0, h0));
                keys.push(k(t::HIST_CLS, h0 << 8 | ccls));
                keys.push(k(t::HIST_M1, hist(&self.history, m1)));
                keys.push(k(t::HIST_P1, hist(&self.history, p1)));
            }
            if fs.two_pass && self.second_pass {
                let at = a + i as usize;
                let m0 = self.majority_of(at);
                keys.push(k(t::MAJ0, m0));
                keys.push(k(t::MAJ_CLS, m0 << 8 | ccls));
                if i > 0 {
                    keys.push(k(t::MAJ_M1, self.majority_of(at - 1)));
                }
                if (i as usize) + 1 < n {
                    keys.push(k(t::MAJ_P1, self.majority_of(at + 1)));
                }
            }
            self.dynamic.push((dyn_start, keys.len() as u32));
            if !only_dynamic {
                if fs.clusters {
                    for l in 0..CLUSTER_LEVELS {
                        let ids = [
                            (t::CLU0, c.clusters[l]),
                            (t::CLU_M1, m1.clusters[l]),
                            (t::CLU_P1, p1.clusters[l]),
                            (t::VCL0, c.vclusters[l]),
                            (t::VCL_M1, m1.vclusters[l]),
                            (t::VCL_P1, p1.vclusters[l]),
                        ];
                        for (tid, id) in ids {
                            if id != 0 {
                                keys.push(k(tid + l as u64, id));
                            }
                        }
                    }
                }
                if fs.gazetteers {
                    if c.gaz != 0 {
                        keys.push(k(t::GAZ0, u64::from(c.gaz)));
                        keys.push(k(t::GAZ_CLS, u64::from(c.gaz) << 8 | ccls));
                    }
                    if m1.gaz != 0 {
                        keys.push(k(t::GAZ_M1, u64::from(m1.gaz)));
                    }
                    if p1.gaz != 0 {
                        keys.push(k(t::GAZ_P1, u64::from(p1.gaz)));
                    }
                }
            }
            offs_buf.push(keys.len() as u32);
        }
        self.keys = keys_buf;
        self.offs = offs_buf;
    }

    /// The vector rows (1-based, 0 none) of the tokens before, at and
    /// after token `first + i` of a sentence of `n` tokens starting at
    /// `first` (the word-vector features).
    #[inline]
    pub(crate) fn vector_rows(&self, first: usize, n: usize, i: usize) -> [u32; 3] {
        let at = |j: usize| self.toks.get(first + j).map_or(0, |t| t.vrow);
        [
            if i > 0 { at(i - 1) } else { 0 },
            at(i),
            if i + 1 < n { at(i + 1) } else { 0 },
        ]
    }

    /// Start the second pass: count the first pass's labels per word, and
    /// start the prediction history afresh.
    pub(crate) fn begin_second_pass(&mut self) {
        self.majority.clear();
        for (t, &c) in self.toks.iter().zip(&self.pass1) {
            if c != HIST_NONE && (c != 5 || matches!(t.cls, cls::CAP | cls::ALLCAP | cls::MIXED)) {
                let e = self.majority.entry(t.lower).or_insert([0; 6]);
                e[c as usize] = e[c as usize].saturating_add(1);
            }
        }
        self.history.clear();
        self.second_pass = true;
    }

    /// The majority first-pass class of token `i`'s word elsewhere in the
    /// document (its own label left out); 0 when there is none.
    fn majority_of(&self, i: usize) -> u64 {
        let Some(t) = self.toks.get(i) else { return 0 };
        let Some(counts) = self.majority.get(&t.lower) else {
            return 0;
        };
        let own = self.pass1.get(i).copied().unwrap_or(0) as usize;
        let mut best = (0u16, 0usize);
        for (c, &n) in counts.iter().enumerate() {
            let n = if c == own { n.saturating_sub(1) } else { n };
            if n > best.0 {
                best = (n, c);
            }
        }
        best.1 as u64
    }

    /// The walk that tagging and training share, over a prepared
    /// document: one pass (two with `fs.two_pass`, the second reading the
    /// first's labels), each sentence in feature order; for each, the
    /// sentence's keys are computed, `label` fills `labels` with its tags
    /// (given the features, the sentence and whether this is the last
    /// pass), and the labels go into the history. One copy, so inference
    /// and training cannot drift apart.
    pub(crate) fn walk(
        &mut self,
        sentences: &[Sentence],
        n_tokens: usize,
        fs: FeatureSet,
        labels: &mut Vec<u8>,
        mut label: impl FnMut(&DocFeatures, SentenceStep, &mut Vec<u8>),
    ) {
        let passes = if fs.two_pass { 2 } else { 1 };
        for pass in 0..passes {
            if pass == 1 {
                self.begin_second_pass();
            }
            let last = pass + 1 == passes;
            for oi in 0..self.order.len() {
                let si = self.order[oi] as usize;
                let Some(sent) = sentences.get(si) else {
                    continue;
                };
                let (a, b) = (
                    sent.token_start as usize,
                    (sent.token_end as usize).min(n_tokens),
                );
                if a >= b {
                    continue;
                }
                self.sentence_keys(si, a, b, fs);
                label(
                    self,
                    SentenceStep {
                        first: a,
                        len: b - a,
                        last,
                    },
                    labels,
                );
                self.record(a, labels);
            }
        }
    }

    /// Record the labels predicted for tokens `a..b` in the history.
    pub(crate) fn record(&mut self, a: usize, labels: &[u8]) {
        for (j, &l) in labels.iter().enumerate() {
            let Some(t) = self.toks.get(a + j) else { break };
            let class = crate::tags::type_of(l).map_or(5, |ty| ty + 1);
            // First pass: caseless words are not counted (see
            // begin_second_pass).
            if let (false, Some(p)) = (self.second_pass, self.pass1.get_mut(a + j)) {
                *p = if t.cls == cls::CASELESS {
                    HIST_NONE
                } else {
                    class
                };
            }
            // Only words that could be names: capitalised, or inside an entity.
            if t.cls != cls::CASELESS
                && (class != 5 || matches!(t.cls, cls::CAP | cls::ALLCAP | cls::MIXED))
            {
                self.history.insert(t.lower, class);
            }
        }
    }
}

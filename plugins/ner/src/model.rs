//! The runtime model: quantized feature weights in an open-addressing
//! table, transition scores, the lexicon, and the tagging loop.

use std::cell::RefCell;

use newsmill_sdk::{Sentence, Token};

use crate::NerError;
use crate::clusters::Lexicon;
use crate::features::{DocFeatures, FeatureSet};
use crate::tags::{N_TAGS, Transitions, Viterbi};

const MAGIC: &[u8; 8] = b"NMNER\x00\x01\x00";
/// A model with word-vector scores (read after the transitions).
const MAGIC_DENSE: &[u8; 8] = b"NMNER\x00\x02\x00";
/// A model with word-vector scores whose words' vector rows are stored
/// compactly (48 bits of each word's hash, 16-bit rows); the one written.
const MAGIC_DENSE_COMPACT: &[u8; 8] = b"NMNER\x00\x03\x00";

/// One entity mention: token range (end exclusive) and type index into
/// [`crate::tags::TYPES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Type index (0 PER, 1 ORG, 2 LOC, 3 MISC).
    pub ty: u8,
}

/// A trained tagger.
#[derive(Clone, Debug)]
pub struct Model {
    fs: FeatureSet,
    scale: f32,
    /// Feature keys, by row.
    keys: Vec<u64>,
    /// Quantized weights, by row.
    rows: Vec<[i16; N_TAGS]>,
    /// Open-addressing index: row + 1, 0 empty.
    table: Vec<u32>,
    mask: usize,
    trans_raw: Vec<f32>,
    start_raw: Vec<f32>,
    end_raw: Vec<f32>,
    tr: Transitions,
    pub(crate) lexicon: Lexicon,
    /// Word-vector scores: per vector row and position (before, at, after
    /// the token), the score of each tag, `[((row - 1) * 3 + pos) * N_TAGS
    /// + tag]` (empty: no word vectors).
    dtab: Vec<f32>,
}

/// Per-thread scratch.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) fe: DocFeatures,
    scores: Vec<f32>,
    vit: Viterbi,
    labels: Vec<u8>,
    votes: Vec<(u64, u8, u32)>,
    /// Per feature key of the current sentence, its row + 1 (0: none).
    hits: Vec<u32>,
    /// Per token of the document, the first pass's sum of the weights of
    /// the keys that are the same in both passes (the second pass adds
    /// only the label-dependent ones).
    fixed: Vec<[i32; N_TAGS]>,
    /// Write every key in both passes, as training does (the test that the
    /// reuse changes nothing sets it).
    write_all_keys: bool,
    /// Per new mention, the tagger's score for each type over its tokens
    /// (the vote breaks ties with them).
    type_scores: Vec<[f32; 4]>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[inline]
fn slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize & mask
}

impl Model {
    /// Build a model from features and weights (already quantized with
    /// `scale`: a weight is `row[tag] as f32 / scale`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_parts(
        fs: FeatureSet,
        scale: f32,
        keys: Vec<u64>,
        rows: Vec<[i16; N_TAGS]>,
        trans: Vec<f32>,
        start: Vec<f32>,
        end: Vec<f32>,
        lexicon: Lexicon,
        dtab: Vec<f32>,
    ) -> Model {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut table = vec![0u32; cap];
        for (i, &k) in keys.iter().enumerate() {
            let mut s = slot(k, mask);
            while table[s] != 0 {
                s = (s + 1) & mask;
            }
            table[s] = i as u32 + 1;
        }
        let tr = Transitions::new(&trans, &start, &end);
        Model {
            fs,
            scale,
            keys,
            rows,
            table,
            mask,
            trans_raw: trans,
            start_raw: start,
            end_raw: end,
            tr,
            lexicon,
            dtab,
        }
    }

    /// The average of models trained alike with different seeds: each
    /// feature's weights, the transitions and the word-vector scores are
    /// the mean over the models (a feature a model pruned counts as zero
    /// there), quantized afresh. A linear model of the same size and speed
    /// as one of them that does not hang on one shuffle of the training
    /// data. `None` for no models, or models with different feature groups
    /// or word-vector tables; the lexicon is the first model's (the same
    /// for models trained alike).
    ///
    /// ```
    /// let m = newsmill_ner::Model::embedded().unwrap();
    /// let avg = newsmill_ner::Model::average(&[m.clone(), m.clone()]).unwrap();
    /// assert_eq!(avg.features(), m.features());
    /// assert!(newsmill_ner::Model::average(&[]).is_none());
    /// ```
    pub fn average(models: &[Model]) -> Option<Model> {
        let first = models.first()?;
        if models
            .iter()
            .any(|m| m.fs != first.fs || m.dtab.len() != first.dtab.len())
        {
            return None;
        }
        let n = models.len() as f32;
        let mut index: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        let mut keys: Vec<u64> = Vec::new();
        let mut sums: Vec<[f32; N_TAGS]> = Vec::new();
        for m in models {
            let inv = 1.0 / m.scale;
            for (&k, row) in m.keys.iter().zip(&m.rows) {
                let i = *index.entry(k).or_insert_with(|| {
                    keys.push(k);
                    sums.push([0.0; N_TAGS]);
                    keys.len() - 1
                });
                for (s, &w) in sums[i].iter_mut().zip(row) {
                    *s += f32::from(w) * inv / n;
                }
            }
        }
        let max = sums.iter().flatten().fold(0f32, |a, w| a.max(w.abs()));
        let (scale, out_keys, rows) = quantize(max, keys.into_iter().zip(sums));
        let mean = |part: fn(&Model) -> &Vec<f32>| -> Vec<f32> {
            let mut v = vec![0f32; part(first).len()];
            for m in models {
                for (o, &x) in v.iter_mut().zip(part(m)) {
                    *o += x / n;
                }
            }
            v
        };
        Some(Model::from_parts(
            first.fs,
            scale,
            out_keys,
            rows,
            mean(|m| &m.trans_raw),
            mean(|m| &m.start_raw),
            mean(|m| &m.end_raw),
            first.lexicon.clone(),
            mean(|m| &m.dtab),
        ))
    }

    /// Number of weighted features.
    ///
    /// ```
    /// assert!(newsmill_ner::Model::embedded().unwrap().features() > 0);
    /// ```
    pub fn features(&self) -> usize {
        self.keys.len()
    }

    /// The feature groups the model was trained with.
    pub fn feature_set(&self) -> FeatureSet {
        self.fs
    }

    /// The table entry of `key` (its row + 1; 0 for none), probing from
    /// slot `s` on.
    #[inline]
    fn probe(&self, key: u64, mut s: usize) -> u32 {
        loop {
            let r = self.table[s];
            if r == 0 || self.keys[(r - 1) as usize] == key {
                return r;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// The weights of a table entry (row + 1; 0 for none).
    #[inline]
    fn entry_row(&self, entry: u32) -> Option<&[i16; N_TAGS]> {
        entry.checked_sub(1).and_then(|r| self.rows.get(r as usize))
    }

    #[inline]
    fn row(&self, key: u64) -> Option<&[i16; N_TAGS]> {
        self.entry_row(self.probe(key, slot(key, self.mask)))
    }

    /// The rows of many keys at once (`hits[j]`: row + 1 of `keys[j]`, 0
    /// for none). The same answers as [`Model::row`] key by key, but each
    /// step's loads are independent of one another, so their cache misses
    /// overlap instead of waiting in line: first every key's home slot,
    /// then the key stored there, then (rarely) the rest of a probe.
    fn rows_of(&self, keys: &[u64], hits: &mut Vec<u32>) {
        hits.clear();
        hits.extend(keys.iter().map(|&k| self.table[slot(k, self.mask)]));
        for (h, &key) in hits.iter_mut().zip(keys) {
            if *h != 0 && self.keys[(*h - 1) as usize] != key {
                *h = self.probe(key, (slot(key, self.mask) + 1) & self.mask);
            }
        }
    }

    /// The model built into newsmill.
    ///
    /// ```
    /// let m = newsmill_ner::Model::embedded().unwrap();
    /// assert!(m.features() > 1000);
    /// ```
    pub fn embedded() -> Result<Model, NerError> {
        Model::from_bytes(crate::EMBEDDED_MODEL)
    }

    /// Read a model file.
    pub fn load(path: &std::path::Path) -> Result<Model, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::Io(path.display().to_string(), e))?;
        Model::from_bytes(&bytes)
    }

    /// Parse a model from its bytes.
    ///
    /// ```
    /// assert!(newsmill_ner::Model::from_bytes(b"nonsense").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, NerError> {
        let mut r = Reader { b: bytes, at: 0 };
        let magic = r.take(8)?;
        let compact = magic == MAGIC_DENSE_COMPACT;
        let with_dense = magic == MAGIC_DENSE || compact;
        if magic != MAGIC && !with_dense {
            return Err(NerError::Format(
                "not a newsmill NER model (bad magic)".into(),
            ));
        }
        let ntags = r.u32()? as usize;
        if ntags != N_TAGS {
            return Err(NerError::Format(format!(
                "model has {ntags} tags, expected {N_TAGS}"
            )));
        }
        let fs = FeatureSet::from_bits(r.u32()?);
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        r.check_count(n, 12)?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(r.u64()?);
        }
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let m = r.u32()?;
            let mut row = [0i16; N_TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                if m & (1 << t) != 0 {
                    *w = r.i16()?;
                }
            }
            rows.push(row);
        }
        let mut f = |k: usize| -> Result<Vec<f32>, NerError> { (0..k).map(|_| r.f32()).collect() };
        let trans = f(N_TAGS * N_TAGS)?;
        let start = f(N_TAGS)?;
        let end = f(N_TAGS)?;
        let dtab = if with_dense {
            let n = r.u32()? as usize;
            r.check_count(n, 4 * 3 * N_TAGS)?;
            let mut v = vec![0f32; n * 3 * N_TAGS];
            r.f32s(&mut v)?;
            v
        } else {
            Vec::new()
        };
        let lexicon = Lexicon::read(&mut r, compact)?;
        let vector_rows = (dtab.len() / (3 * N_TAGS)) as u32;
        if lexicon.vrows.max_row() > vector_rows {
            return Err(NerError::Format(format!(
                "a word's vector row is beyond the {vector_rows} rows of word-vector scores"
            )));
        }
        Ok(Model::from_parts(
            fs, scale, keys, rows, trans, start, end, lexicon, dtab,
        ))
    }

    /// Serialise the model.
    ///
    /// ```
    /// let m = newsmill_ner::Model::embedded().unwrap();
    /// let again = newsmill_ner::Model::from_bytes(&m.to_bytes()).unwrap();
    /// assert_eq!(again.features(), m.features());
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.keys.len() * 16);
        out.extend_from_slice(if self.dtab.is_empty() {
            MAGIC
        } else {
            MAGIC_DENSE_COMPACT
        });
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.fs.bits().to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for row in &self.rows {
            let mut m = 0u32;
            for (t, &w) in row.iter().enumerate() {
                if w != 0 {
                    m |= 1 << t;
                }
            }
            out.extend_from_slice(&m.to_le_bytes());
            for &w in row.iter().filter(|w| **w != 0) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for v in self
            .trans_raw
            .iter()
            .chain(&self.start_raw)
            .chain(&self.end_raw)
        {
            out.extend_from_slice(&v.to_le_bytes());
        }
        if !self.dtab.is_empty() {
            out.extend_from_slice(&((self.dtab.len() / (3 * N_TAGS)) as u32).to_le_bytes());
            for v in &self.dtab {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        self.lexicon.write(&mut out);
        out
    }

    /// Tag a document: `tokens` and `sentences` over `text` (sentences
    /// index into `tokens`). Appends the mentions found to `out`.
    ///
    /// ```
    /// use newsmill_core::{AnalyzeOptions, Article, Doc};
    /// let doc = Doc::analyze(Article::from_text("a", "Talks\n\nAngela Merkel flew to Paris on Monday."), &AnalyzeOptions::default());
    /// let m = newsmill_ner::Model::embedded().unwrap();
    /// let mut out = Vec::new();
    /// m.tag(&doc.text, &doc.tokens, &doc.sentences, &mut out);
    /// let found: Vec<_> = out.iter().map(|x| (&doc.text[doc.tokens[x.first].start as usize..doc.tokens[x.end - 1].end as usize], x.ty)).collect();
    /// assert!(found.contains(&("Angela Merkel", 0)));
    /// assert!(found.contains(&("Paris", 2)));
    /// ```
    pub fn tag(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        out: &mut Vec<Mention>,
    ) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.tag_with(&mut s, text, tokens, sentences, out),
            Err(_) => self.tag_with(&mut Scratch::default(), text, tokens, sentences, out),
        });
    }

    pub(crate) fn tag_with(
        &self,
        s: &mut Scratch,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        out: &mut Vec<Mention>,
    ) {
        let Scratch {
            fe,
            scores,
            vit,
            labels,
            votes,
            hits,
            fixed,
            write_all_keys,
            type_scores,
        } = s;
        type_scores.clear();
        fe.prepare(text, tokens, sentences, &self.lexicon, self.fs);
        fe.reuse_static = !*write_all_keys;
        fixed.clear();
        fixed.resize(tokens.len(), [0; N_TAGS]);
        let inv = 1.0 / self.scale;
        let first_out = out.len();
        fe.walk(
            sentences,
            tokens.len(),
            self.fs,
            labels,
            |fe, step, labels| {
                let n = step.len;
                scores.clear();
                scores.resize(n * N_TAGS, 0.0);
                self.rows_of(&fe.keys, hits);
                let add = |acc: &mut [i32; N_TAGS], hs: &[u32]| {
                    for &h in hs {
                        if let Some(row) = self.entry_row(h) {
                            for (a, &w) in acc.iter_mut().zip(row) {
                                *a += i32::from(w);
                            }
                        }
                    }
                };
                for i in 0..n {
                    let (ka, kb) = (fe.offs[i] as usize, fe.offs[i + 1] as usize);
                    let (da, db) = fe
                        .dynamic
                        .get(i)
                        .map_or((kb, kb), |&(a, b)| (a as usize, b as usize));
                    let mut acc = [0i32; N_TAGS];
                    if let Some(fixed) = fixed.get_mut(step.first + i) {
                        if fe.second_pass {
                            // Only the label-dependent keys were written.
                            acc = *fixed;
                            add(&mut acc, hits.get(ka..kb).unwrap_or(&[]));
                        } else {
                            add(&mut acc, hits.get(ka..da).unwrap_or(&[]));
                            add(&mut acc, hits.get(db..kb).unwrap_or(&[]));
                            *fixed = acc;
                            add(&mut acc, hits.get(da..db).unwrap_or(&[]));
                        }
                    }
                    let sc = &mut scores[i * N_TAGS..(i + 1) * N_TAGS];
                    for (o, &a) in sc.iter_mut().zip(&acc) {
                        *o = a as f32 * inv;
                    }
                    if !self.dtab.is_empty() {
                        let rows = fe.vector_rows(step.first, n, i);
                        for (pos, &r) in rows.iter().enumerate() {
                            let Some(row) = (r as usize).checked_sub(1) else {
                                continue;
                            };
                            let at = (row * 3 + pos) * N_TAGS;
                            if let Some(w) = self.dtab.get(at..at + N_TAGS) {
                                for (o, &w) in sc.iter_mut().zip(w) {
                                    *o += w;
                                }
                            }
                        }
                    }
                }
                vit.decode(scores, n, &self.tr, labels);
                if step.last {
                    let before = out.len();
                    push_mentions(labels, step.first, out);
                    for m in out.get(before..).unwrap_or(&[]) {
                        type_scores.push(span_type_scores(
                            scores,
                            m.first - step.first,
                            m.end - step.first,
                        ));
                    }
                }
            },
        );
        if let Some(new) = out.get_mut(first_out..) {
            for m in new.iter_mut() {
                if m.end - m.first >= 2 {
                    let first = tokens
                        .get(m.first)
                        .and_then(|t| text.get(t.start as usize..t.end as usize));
                    if first.is_some_and(is_title) {
                        m.first += 1;
                        m.ty = 0;
                    }
                }
            }
            // In text order (the walk may visit sentences out of order),
            // `type_scores` moved along with its mentions.
            if !new.is_sorted_by_key(|m| m.first) {
                let mut pairs: Vec<(Mention, [f32; 4])> = new
                    .iter()
                    .copied()
                    .zip(
                        type_scores
                            .iter()
                            .copied()
                            .chain(std::iter::repeat([0.0; 4])),
                    )
                    .collect();
                pairs.sort_unstable_by_key(|(m, _)| m.first);
                type_scores.clear();
                for (slot, (m, sc)) in new.iter_mut().zip(pairs) {
                    *slot = m;
                    type_scores.push(sc);
                }
            }
            if self.fs.vote {
                self.vote(new, type_scores, fe, votes);
            }
        }
    }
}

/// The tagger's score for each type over tokens `a..b` of a sentence
/// (`scores`: `N_TAGS` per token): per token the best of the type's tags,
/// summed.
fn span_type_scores(scores: &[f32], a: usize, b: usize) -> [f32; 4] {
    let mut out = [0f32; 4];
    for i in a..b {
        let Some(row) = scores.get(i * N_TAGS..(i + 1) * N_TAGS) else {
            break;
        };
        let mut best = [f32::NEG_INFINITY; 4];
        for (t, &x) in row.iter().enumerate() {
            if let Some(ty) = crate::tags::type_of(t as u8) {
                let slot = &mut best[usize::from(ty & 3)];
                *slot = slot.max(x);
            }
        }
        for (o, b) in out.iter_mut().zip(best) {
            *o += b;
        }
    }
    out
}

/// The mentions in one sentence's BILOU labels (its first token is
/// `first`), appended to `out`.
fn push_mentions(labels: &[u8], first: usize, out: &mut Vec<Mention>) {
    use crate::tags::{B, I, L, part, type_of};
    let n = labels.len();
    let mut i = 0;
    while i < n {
        let l = labels[i];
        let Some(ty) = type_of(l) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        if part(l) == Some(B) {
            while j < n && part(labels[j]) == Some(I) {
                j += 1;
            }
            if j < n && part(labels[j]) == Some(L) {
                j += 1;
            }
        }
        out.push(Mention {
            first: first + i,
            end: first + j,
            ty,
        });
        i = j;
    }
}

/// A courtesy title, which the CoNLL guidelines leave out of a person's
/// name ("Mr Blair" names "Blair"); a name after one is a person's.
fn is_title(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Dr" | "Sir" | "Prof" | "MR" | "MRS" | "MS" | "DR"
    )
}

impl Model {
    /// One name, one type per document: where the same words (case aside),
    /// one of them in no training name, are tagged with different types in one
    /// article, every mention takes the type most of them got; between types
    /// tied on count, the one the tagger scored highest over those mentions
    /// (`type_scores`, one entry per mention).
    fn vote(
        &self,
        mentions: &mut [Mention],
        type_scores: &[[f32; 4]],
        fe: &DocFeatures,
        votes: &mut Vec<(u64, u8, u32)>,
    ) {
        votes.clear();
        for (mi, m) in mentions.iter().enumerate() {
            let mut key = 0x9E37_79B9_7F4A_7C15u64;
            let mut unseen = false;
            for t in fe.toks.get(m.first..m.end).unwrap_or(&[]) {
                key = crate::features::mix(key, t.lower);
                // A word outside the training names (older models: a word
                // the model keeps no weight for).
                unseen |= match self.lexicon.training_name(t.lower) {
                    Some(known) => !known,
                    None => self.row(crate::features::word_key(t)).is_none(),
                };
            }
            // Names the training data had keep the type the tagger gave each
            // mention: their weights already say what they are.
            if !unseen {
                continue;
            }
            votes.push((key, m.ty, mi as u32));
        }
        votes.sort_unstable();
        let mut g = 0;
        while g < votes.len() {
            let key = votes[g].0;
            let mut h = g;
            while h < votes.len() && votes[h].0 == key {
                h += 1;
            }
            if h - g >= 2 {
                let mut count = [0u32; 4];
                for v in &votes[g..h] {
                    count[usize::from(v.1 & 3)] += 1;
                }
                let most = count.iter().copied().max().unwrap_or(0);
                let mut total = [0f32; 4];
                for v in &votes[g..h] {
                    if let Some(s) = type_scores.get(v.2 as usize) {
                        for (t, x) in total.iter_mut().zip(s) {
                            *t += x;
                        }
                    }
                }
                let best = (0..4)
                    .filter(|&t| count[t] == most)
                    .max_by(|&a, &b| total[a].total_cmp(&total[b]));
                if let Some(best) = best {
                    for v in &votes[g..h] {
                        if let Some(m) = mentions.get_mut(v.2 as usize) {
                            m.ty = best as u8;
                        }
                    }
                }
            }
            g = h;
        }
    }
}

/// Quantize float weight rows to i16, with the scale that maps `max` (the
/// largest weight magnitude) to 32,000; rows that round to all zeros are
/// dropped. Returns the scale and the kept keys with their rows.
pub(crate) fn quantize(
    max: f32,
    rows: impl IntoIterator<Item = (u64, [f32; N_TAGS])>,
) -> (f32, Vec<u64>, Vec<[i16; N_TAGS]>) {
    let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
    let (mut keys, mut out) = (Vec::new(), Vec::new());
    for (k, w) in rows {
        let row = w.map(|w| (w * scale).round().clamp(-32767.0, 32767.0) as i16);
        if row.iter().any(|&q| q != 0) {
            keys.push(k);
            out.push(row);
        }
    }
    (scale, keys, out)
}

/// A little-endian byte reader with bounds checks.
pub(crate) struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| NerError::Format(format!("model file truncated at byte {}", self.at)))?;
        self.at += n;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], NerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    /// Refuse a count of `n` items of at least `size` bytes each that the
    /// rest of the file cannot hold (before allocating for them).
    pub(crate) fn check_count(&self, n: usize, size: usize) -> Result<(), NerError> {
        if n.saturating_mul(size) > self.b.len().saturating_sub(self.at) {
            return Err(NerError::Format(format!(
                "count {n} at byte {} is beyond the end of the file",
                self.at
            )));
        }
        Ok(())
    }

    /// Whether every byte has been read.
    pub(crate) fn at_end(&self) -> bool {
        self.at >= self.b.len()
    }

    pub(crate) fn u16(&mut self) -> Result<u16, NerError> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    fn i16(&mut self) -> Result<i16, NerError> {
        Ok(i16::from_le_bytes(self.arr()?))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, NerError> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_le_bytes(self.arr()?))
    }
    /// Fill `out` with little-endian floats.
    fn f32s(&mut self, out: &mut [f32]) -> Result<(), NerError> {
        let b = self.take(out.len() * 4)?;
        for (o, c) in out.iter_mut().zip(b.chunks_exact(4)) {
            *o = f32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_or_corrupt_models_are_errors_not_panics() {
        let bytes = crate::EMBEDDED_MODEL;
        for cut in [0, 7, 8, 12, 20, 100, 1000, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut bad = bytes.to_vec();
        bad[20..24].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Model::from_bytes(&bad).is_err());
        assert!(Model::from_bytes(bytes).is_ok());
    }

    #[test]
    fn the_embedded_model_and_its_word_vectors_write_back_byte_for_byte() {
        let m = Model::embedded().unwrap();
        assert!(!m.dtab.is_empty() && !m.lexicon.vrows.is_empty());
        assert!(m.to_bytes() == crate::EMBEDDED_MODEL);
        // A word's vector row past the table is refused.
        let mut lex = m.lexicon.clone();
        lex.vrows = crate::clusters::RowIndex::from_pairs(vec![(1, u32::MAX)]);
        let bad = Model { lexicon: lex, ..m }.to_bytes();
        assert!(Model::from_bytes(&bad).is_err());
    }

    /// The vote regroups the mentions of a name the training data lacks
    /// into one type, and leaves a training name's mentions as tagged, even
    /// one the model keeps no weight for ("Stroud" occurs once in eng.train).
    #[test]
    fn the_vote_regroups_only_names_the_training_data_lacks() {
        let m = Model::embedded().unwrap();
        let text = "Stroud Stroud Stroud Quillbrook Quillbrook Quillbrook.";
        let (toks, sents) = toy_doc(text);
        let mut fe = DocFeatures::default();
        fe.prepare(text, &toks, &sents, &m.lexicon, m.fs);
        assert!(m.row(crate::features::word_key(&fe.toks[0])).is_none());
        let types = [2, 1, 1, 2, 1, 1];
        let mut mentions: Vec<Mention> = types
            .iter()
            .enumerate()
            .map(|(i, &ty)| Mention {
                first: i,
                end: i + 1,
                ty,
            })
            .collect();
        m.vote(&mut mentions, &[], &fe, &mut Vec::new());
        let got: Vec<u8> = mentions.iter().map(|x| x.ty).collect();
        assert_eq!(got, [2, 1, 1, 1, 1, 1]);
    }

    /// Tokens (words, and `,` `.` `'s` split off) and sentences (ending
    /// in `.`) of a plain text, for tests.
    fn toy_doc(text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let mut toks = Vec::new();
        let mut sents = Vec::new();
        let mut at = 0u32;
        let mut first = 0u32;
        for w in text.split(' ') {
            let (stem, tail) = match w.strip_suffix('.').or_else(|| w.strip_suffix(',')) {
                Some(s) => (s, &w[s.len()..]),
                None => (w, ""),
            };
            let (stem, poss) = match stem.strip_suffix("'s") {
                Some(s) => (s, "'s"),
                None => (stem, ""),
            };
            let mut pos = at;
            for part in [stem, poss, tail].into_iter().filter(|p| !p.is_empty()) {
                toks.push(Token::new(
                    pos,
                    pos + part.len() as u32,
                    newsmill_sdk::TokenKind::WORD,
                ));
                pos += part.len() as u32;
            }
            at += w.len() as u32 + 1;
            if tail == "." {
                sents.push(Sentence {
                    start: toks[first as usize].start,
                    end: at - 1,
                    token_start: first,
                    token_end: toks.len() as u32,
                });
                first = toks.len() as u32;
            }
        }
        (toks, sents)
    }

    /// The tagger's second pass reads only the label-dependent keys and
    /// keeps the first pass's sum of the others: the same mentions as
    /// writing every key in both passes, as training does.
    #[test]
    fn the_second_pass_reuses_the_first_without_changing_a_mention() {
        let m = Model::embedded().unwrap();
        let text = "Orvane Holdings said on Tuesday that Mr Kessley would leave. \
            KESSLEY TO LEAVE ORVANE. Kessley, who ran Orvane for ten years, \
            told Reuters in Frankfurt that Orvane's board had asked him to stay. \
            The board of Orvane met in Frankfurt on Monday. Kessley said nothing. \
            Analysts at Deutsche Bank said Orvane shares fell in Frankfurt.";
        let (toks, sents) = toy_doc(text);
        assert_eq!(sents.len(), 6);
        let mut reuse = Vec::new();
        m.tag_with(&mut Scratch::default(), text, &toks, &sents, &mut reuse);
        let mut all = Vec::new();
        let mut s = Scratch {
            write_all_keys: true,
            ..Scratch::default()
        };
        m.tag_with(&mut s, text, &toks, &sents, &mut all);
        assert!(reuse.len() >= 8, "{reuse:?}");
        assert_eq!(reuse, all);
    }

    #[test]
    fn empty_and_odd_documents() {
        let m = Model::embedded().unwrap();
        let mut out = Vec::new();
        m.tag("", &[], &[], &mut out);
        assert!(out.is_empty());
        // A sentence pointing past the tokens is skipped, not a panic.
        let toks = [Token::new(0, 5, newsmill_sdk::TokenKind::WORD)];
        let sents = [Sentence {
            start: 0,
            end: 5,
            token_start: 0,
            token_end: 9,
        }];
        m.tag("Paris", &toks, &sents, &mut out);
        let sents = [Sentence {
            start: 0,
            end: 5,
            token_start: 3,
            token_end: 1,
        }];
        m.tag("Paris", &toks, &sents, &mut out);
    }
}

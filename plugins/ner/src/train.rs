//! Training: an averaged structured perceptron over BILOU tags, with the
//! same feature extraction and constrained Viterbi decoding as tagging.
//! Deterministic: documents are shuffled with a fixed seed, features get
//! ids in the order they are first seen, and the best epoch on the
//! development set is kept.

use std::collections::HashMap;

use newsmill_sdk::{Sentence, Token};

use crate::clusters::Lexicon;
use crate::features::{DocFeatures, FeatureSet};
use crate::model::{Mention, Model, Scratch};
use crate::tags::{N_TAGS, Transitions, Viterbi};

/// A document with gold tags, for training or scoring.
#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    /// The running text.
    pub text: String,
    /// Tokens over `text`.
    pub tokens: Vec<Token>,
    /// Sentences over `tokens`.
    pub sentences: Vec<Sentence>,
    /// One BILOU tag per token (see [`crate::tags`]).
    pub tags: Vec<u8>,
}

/// The default word dropout (first chosen on eng.testa, see the crate
/// README; five-fold cross-validation on eng.train cannot tell 0 to 0.35
/// apart, see docs/ner.md).
pub const DEFAULT_WORD_DROPOUT: f32 = 0.2;

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data (the best on the dev set is kept).
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Feature groups.
    pub features: FeatureSet,
    /// Drop features seen fewer times than this in training.
    pub min_count: u32,
    /// Clusters and gazetteers.
    pub lexicon: Lexicon,
    /// Word dropout: the probability that a token inside a training name is
    /// seen as an unknown word in an epoch (0 turns it off).
    pub word_dropout: f32,
    /// Training margin: while training, every wrong tag of a token gets
    /// this much added to its score before decoding (cost-augmented
    /// decoding), so updates go on until the gold tags win by the margin,
    /// not just barely (0 turns it off: the plain perceptron).
    pub margin: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            seed: 0x5EED,
            features: FeatureSet::default(),
            min_count: 1,
            lexicon: Lexicon::default(),
            word_dropout: DEFAULT_WORD_DROPOUT,
            margin: 0.0,
        }
    }
}

/// Exact-span scores: per type and overall `(tp, predicted, gold)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpanCounts {
    /// Per type (PER, ORG, LOC, MISC), then overall: (tp, predicted, gold).
    pub counts: [(usize, usize, usize); 5],
}

impl SpanCounts {
    /// Add one document's predicted and gold mentions (any span unit).
    pub fn add(&mut self, pred: &[(usize, usize, u8)], gold: &[(usize, usize, u8)]) {
        let gset: std::collections::HashSet<_> = gold.iter().collect();
        for p in pred {
            self.counts[p.2 as usize].1 += 1;
            self.counts[4].1 += 1;
            if gset.contains(p) {
                self.counts[p.2 as usize].0 += 1;
                self.counts[4].0 += 1;
            }
        }
        for g in gold {
            self.counts[g.2 as usize].2 += 1;
            self.counts[4].2 += 1;
        }
    }

    /// Overall F1 (0..1).
    pub fn f1(&self) -> f64 {
        let (tp, p, g) = self.counts[4];
        if p + g == 0 {
            1.0
        } else {
            2.0 * tp as f64 / (p + g) as f64
        }
    }
}

/// Score a model on gold documents by token spans.
pub fn evaluate(model: &Model, docs: &[TrainDoc]) -> SpanCounts {
    let mut c = SpanCounts::default();
    let mut out: Vec<Mention> = Vec::new();
    let mut scratch = Scratch::default();
    for d in docs {
        out.clear();
        model.tag_with(&mut scratch, &d.text, &d.tokens, &d.sentences, &mut out);
        let pred: Vec<_> = out.iter().map(|m| (m.first, m.end, m.ty)).collect();
        c.add(&pred, &gold_spans(d));
    }
    c
}

/// Gold mentions of a document, as token spans.
pub fn gold_spans(d: &TrainDoc) -> Vec<(usize, usize, u8)> {
    let mut g = Vec::new();
    for s in &d.sentences {
        let (a, b) = (
            s.token_start as usize,
            (s.token_end as usize).min(d.tags.len()),
        );
        crate::tags::spans_into(&d.tags[a..b], a, &mut g);
    }
    g
}

struct Weights {
    w: Vec<f32>,
    acc: Vec<f64>,
    count: Vec<u32>,
    keys: Vec<u64>,
    ids: HashMap<u64, u32>,
    trans: Vec<f32>,
    trans_acc: Vec<f64>,
    /// Word-vector weights, `[(pos * dim + d) * NT + tag]`, and their sums.
    dw: Vec<f32>,
    dacc: Vec<f64>,
    c: f64,
}

const NT: usize = N_TAGS;
const NTR: usize = NT * NT + 2 * NT; // trans, start, end

impl Weights {
    fn id(&mut self, key: u64, counting: bool) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.keys.push(key);
            self.w.extend_from_slice(&[0.0; NT]);
            self.acc.extend_from_slice(&[0.0; NT]);
            self.count.push(0);
        }
        if counting {
            self.count[id as usize] += 1;
        }
        id
    }
    fn upd(&mut self, id: u32, tag: u8, d: f32) {
        let i = id as usize * NT + tag as usize;
        self.w[i] += d;
        self.acc[i] += self.c * f64::from(d);
    }
    /// The averaged weight of a current weight `w` with update sum `a`.
    fn avg(&self, w: f32, a: f64) -> f32 {
        (f64::from(w) - a / self.c.max(1.0)) as f32
    }
    fn upd_dense(&mut self, i: usize, d: f32) {
        if let (Some(w), Some(a)) = (self.dw.get_mut(i), self.dacc.get_mut(i)) {
            *w += d;
            *a += self.c * f64::from(d);
        }
    }
    fn upd_tr(&mut self, i: usize, d: f32) {
        self.trans[i] += d;
        self.trans_acc[i] += self.c * f64::from(d);
    }
    fn transitions(&self) -> Transitions {
        Transitions::new(
            &self.trans[..NT * NT],
            &self.trans[NT * NT..NT * NT + NT],
            &self.trans[NT * NT + NT..],
        )
    }
    /// The averaged, pruned, quantized model.
    #[allow(clippy::needless_range_loop)]
    fn model(&self, fs: FeatureSet, min_count: u32, lexicon: &Lexicon) -> Model {
        let avg = |w: f32, a: f64| self.avg(w, a);
        let mut max = 0f32;
        for (w, a) in self.w.iter().zip(&self.acc) {
            max = max.max(avg(*w, *a).abs());
        }
        let (scale, keys, rows) = crate::model::quantize(
            max,
            self.keys
                .iter()
                .enumerate()
                .filter(|&(f, _)| self.count[f] >= min_count)
                .map(|(f, &k)| {
                    let w = std::array::from_fn(|t| avg(self.w[f * NT + t], self.acc[f * NT + t]));
                    (k, w)
                }),
        );
        let tr: Vec<f32> = self
            .trans
            .iter()
            .zip(&self.trans_acc)
            .map(|(w, a)| avg(*w, *a))
            .collect();
        Model::from_parts(
            fs,
            scale,
            keys,
            rows,
            tr[..NT * NT].to_vec(),
            tr[NT * NT..NT * NT + NT].to_vec(),
            tr[NT * NT + NT..].to_vec(),
            lexicon.clone(),
            self.vector_scores(lexicon),
        )
    }

    /// The averaged word-vector weights applied to every vector: per row
    /// and position, each tag's score (see `Model`).
    fn vector_scores(&self, lexicon: &Lexicon) -> Vec<f32> {
        let dim = lexicon.vdim;
        if dim == 0 || self.dw.len() != 3 * dim * NT {
            return Vec::new();
        }
        let w: Vec<f32> = self
            .dw
            .iter()
            .zip(&self.dacc)
            .map(|(w, a)| self.avg(*w, *a))
            .collect();
        let rows = lexicon.vecs.len() / dim;
        let mut tab = vec![0f32; rows * 3 * NT];
        for (r, v) in lexicon.vecs.chunks_exact(dim).enumerate() {
            for pos in 0..3 {
                let out = &mut tab[(r * 3 + pos) * NT..(r * 3 + pos + 1) * NT];
                for (d, &x) in v.iter().enumerate() {
                    let at = (pos * dim + d) * NT;
                    for (o, &w) in out.iter_mut().zip(&w[at..at + NT]) {
                        *o += x * w;
                    }
                }
            }
        }
        tab
    }
}

/// Train a model; `log` receives one line per epoch. Returns the model of
/// the best epoch on `dev` (the last one when `dev` is empty) and its
/// dev scores.
#[allow(clippy::needless_range_loop)]
pub fn train(
    train: &[TrainDoc],
    dev: &[TrainDoc],
    opts: &TrainOptions,
    mut log: impl FnMut(&str),
) -> (Model, SpanCounts) {
    let fs = opts.features;
    let lex = &opts.lexicon;
    // The model's lexicon also marks the words of the training names (the
    // vote's test for a new name); features never read the mark.
    let mut model_lex = lex.clone();
    for d in train {
        for (a, b, _) in gold_spans(d) {
            for t in d.tokens.get(a..b).unwrap_or(&[]) {
                if let Some(w) = d.text.get(t.start as usize..t.end as usize) {
                    model_lex.mark_training_name(crate::features::lower_hash(
                        crate::features::training_spelling(w, false),
                    ));
                }
            }
        }
    }
    let dim = if fs.clusters { lex.vdim } else { 0 };
    let mut wt = Weights {
        w: Vec::new(),
        acc: Vec::new(),
        count: Vec::new(),
        keys: Vec::new(),
        ids: HashMap::new(),
        trans: vec![0.0; NTR],
        trans_acc: vec![0.0; NTR],
        dw: vec![0.0; 3 * dim * NT],
        dacc: vec![0.0; 3 * dim * NT],
        c: 1.0,
    };
    let mut fe = DocFeatures::default();
    let mut vit = Viterbi::default();
    let mut ids: Vec<u32> = Vec::new();
    let mut scores: Vec<f32> = Vec::new();
    let mut pred: Vec<u8> = Vec::new();
    let mut order: Vec<usize> = (0..train.len()).collect();
    // xorshift needs a non-zero state; every other seed is used as given.
    let mut rng = if opts.seed == 0 { 1 } else { opts.seed };
    let mut best: Option<(f64, Model, SpanCounts)> = None;
    for epoch in 0..opts.epochs {
        // Fisher-Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut errors, mut total) = (0usize, 0usize);
        for &di in &order {
            let d = &train[di];
            fe.prepare(&d.text, &d.tokens, &d.sentences, &opts.lexicon, fs);
            fe.dropped.clear();
            if opts.word_dropout > 0.0 {
                let threshold = (f64::from(opts.word_dropout) * u64::MAX as f64) as u64;
                fe.dropped.extend(d.tags.iter().map(|&tag| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    tag != crate::tags::O && rng < threshold
                }));
            }
            fe.walk(
                &d.sentences,
                d.tokens.len(),
                fs,
                &mut pred,
                |fe, step, pred| {
                    let (a, n) = (step.first, step.len);
                    ids.clear();
                    for &k in &fe.keys {
                        let id = wt.id(k, epoch == 0);
                        ids.push(id);
                    }
                    scores.clear();
                    scores.resize(n * NT, 0.0);
                    for i in 0..n {
                        let sc = &mut scores[i * NT..(i + 1) * NT];
                        for &id in &ids[fe.offs[i] as usize..fe.offs[i + 1] as usize] {
                            let row = &wt.w[id as usize * NT..(id as usize + 1) * NT];
                            for (o, w) in sc.iter_mut().zip(row) {
                                *o += w;
                            }
                        }
                        if dim > 0 {
                            for (pos, &r) in fe.vector_rows(a, n, i).iter().enumerate() {
                                for (d, &x) in lex.vector(r).iter().enumerate() {
                                    let at = (pos * dim + d) * NT;
                                    for (o, w) in sc.iter_mut().zip(&wt.dw[at..at + NT]) {
                                        *o += x * w;
                                    }
                                }
                            }
                        }
                    }
                    let tr = wt.transitions();
                    let gold = &d.tags[a..a + n];
                    if step.last && opts.margin > 0.0 {
                        for (sc, &g) in scores.chunks_exact_mut(NT).zip(gold) {
                            for (t, x) in sc.iter_mut().enumerate() {
                                if t != usize::from(g) {
                                    *x += opts.margin;
                                }
                            }
                        }
                    }
                    vit.decode(&scores, n, &tr, pred);
                    if !step.last {
                        return;
                    }
                    total += n;
                    if pred.as_slice() != gold {
                        for i in 0..n {
                            if pred[i] != gold[i] {
                                errors += 1;
                                for j in fe.offs[i] as usize..fe.offs[i + 1] as usize {
                                    let id = ids[j];
                                    wt.upd(id, gold[i], 1.0);
                                    wt.upd(id, pred[i], -1.0);
                                }
                                if dim > 0 {
                                    for (pos, &r) in fe.vector_rows(a, n, i).iter().enumerate() {
                                        for (d, &x) in lex.vector(r).iter().enumerate() {
                                            let at = (pos * dim + d) * NT;
                                            wt.upd_dense(at + usize::from(gold[i]), x);
                                            wt.upd_dense(at + usize::from(pred[i]), -x);
                                        }
                                    }
                                }
                            }
                        }
                        // Transitions: gold minus predicted.
                        wt.upd_tr(NT * NT + gold[0] as usize, 1.0);
                        wt.upd_tr(NT * NT + pred[0] as usize, -1.0);
                        wt.upd_tr(NT * NT + NT + gold[n - 1] as usize, 1.0);
                        wt.upd_tr(NT * NT + NT + pred[n - 1] as usize, -1.0);
                        for i in 1..n {
                            wt.upd_tr(gold[i - 1] as usize * NT + gold[i] as usize, 1.0);
                            wt.upd_tr(pred[i - 1] as usize * NT + pred[i] as usize, -1.0);
                        }
                    }
                    wt.c += 1.0;
                },
            );
        }
        let model = wt.model(fs, opts.min_count, &model_lex);
        let counts = evaluate(&model, dev);
        let f1 = counts.f1();
        log(&format!(
            "epoch {}: train token errors {:.2}%, features {} (kept {}), dev F1 {:.2}",
            epoch + 1,
            100.0 * errors as f64 / total.max(1) as f64,
            wt.keys.len(),
            model.features(),
            100.0 * f1
        ));
        if dev.is_empty() || best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, model, counts));
        }
    }
    match best {
        Some((_, m, c)) => (m, c),
        None => (
            wt.model(fs, opts.min_count, &model_lex),
            SpanCounts::default(),
        ),
    }
}

//! The ranking itself, over a [`DocView`]: candidates are single words and
//! word n-grams of the analysed paragraphs (never across a sentence or a
//! punctuation mark), grouped by their stems; each is scored from its
//! frequency, where it first appears, whether the headline has it, how it
//! is capitalized and, when an `ner` layer ran before, whether it is a
//! named entity.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use newsmill_sdk::{DocView, Token, TokenKind};

use crate::normalize::Normalizer;

/// Longest phrase, in words.
pub const MAX_WORDS: usize = 4;

/// The weights of the ranking; each field is also a configuration key of
/// the extractor (`--set keyphrases.word_length=1.0`). The defaults were
/// tuned on the 400 KPCrowd development documents (see the crate's
/// README for what each one is worth there).
///
/// ```
/// let p = newsmill_keyphrases::Params::default();
/// assert!(p.max_words >= 1 && p.max_words <= newsmill_keyphrases::extract::MAX_WORDS);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Longest phrase, in words (1 ..= [`MAX_WORDS`]).
    pub max_words: usize,
    /// Frequency weight: `tf ^ tf_exp`.
    pub tf_exp: f64,
    /// Bonus per headline occurrence (capped at one).
    pub title: f64,
    /// Bonus for occurrences in the standfirst.
    pub subtitle: f64,
    /// Position: the score is multiplied by `1 + position / (1 + s)` where
    /// `s` is the index of the first sentence (after the headline) that has it.
    pub position: f64,
    /// Bonus for a word usually capitalized in mid-sentence (a name).
    pub capital: f64,
    /// Multiplier per extra word of a phrase.
    pub phrase: f64,
    /// A name phrase must occur this often (an `ner` entity always may).
    pub min_phrase_tf: f64,
    /// A phrase that is not a name must occur this often.
    pub min_common_phrase_tf: f64,
    /// A phrase that holds at least this share of a word's occurrences
    /// ranks just above that word (and so replaces it: "interest rates"
    /// rather than "interest" and "rates").
    pub cohesion: f64,
    /// Single words: the score is multiplied by `chars ^ word_length`.
    pub word_length: f64,
    /// Phrases: the score is multiplied by `chars ^ phrase_length` (the
    /// characters of its words other than function words).
    pub phrase_length: f64,
    /// Single words whose form reads as a verb form or an adverb ("-ed",
    /// "-ing", "-ly"): the score is multiplied by this.
    pub verbal: f64,
    /// Single words: multiplied by `(sentences / tf) ^ spread`.
    pub spread: f64,
    /// A name phrase that holds one word already chosen takes its place.
    pub upgrade: bool,
    /// A name phrase must be a whole run of name words ("President Barack
    /// Obama", not "President Barack").
    pub whole_names: bool,
    /// Longest phrase that is not a name, in words.
    pub max_common_words: usize,
    /// Bonus for a candidate that is exactly a named entity (ner layer).
    pub entity: f64,
    /// Keep a single word that is part of a phrase already chosen.
    pub allow_subsumed: bool,
    /// A word shorter than this (in characters) is no keyphrase alone, but
    /// may be part of one ("Wang Yi").
    pub min_chars: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            max_words: 3,
            tf_exp: 1.0,
            title: 0.3,
            subtitle: 0.3,
            position: 0.5,
            capital: 0.0,
            phrase: 1.0,
            min_phrase_tf: 1.0,
            min_common_phrase_tf: 3.0,
            cohesion: 0.8,
            max_common_words: 2,
            whole_names: true,
            upgrade: true,
            word_length: 1.3,
            spread: 0.0,
            verbal: 0.8,
            phrase_length: 1.0,
            entity: 0.5,
            allow_subsumed: false,
            min_chars: 3,
        }
    }
}

/// One keyphrase found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyphrase {
    /// Byte offset of its first occurrence.
    pub start: u32,
    /// End of its first occurrence.
    pub end: u32,
    /// Higher is more important.
    pub score: f64,
    /// The phrase, words joined by single spaces, lower-cased unless the
    /// word is a name or an acronym.
    pub phrase: String,
}

/// A small, fast hasher for short strings and ids (FxHash's mixing).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Fx = BuildHasherDefault<FxHasher>;

const NONE: u32 = u32::MAX;

/// Per-word (per-stem) statistics.
#[derive(Clone, Debug, Default)]
struct StemStat {
    tf: u32,
    title: u32,
    subtitle: u32,
    /// Capitalized, not first in its sentence.
    caps: u32,
    /// Lower-case occurrences.
    lower: u32,
    /// First body sentence it occurs in (NONE: headline only).
    first_sentence: u32,
    stop: bool,
    short: bool,
    /// Length in characters.
    chars: u32,
    /// The first form reads as a verb form or an adverb ("-ed", "-ing", "-ly").
    verbal: bool,
    /// Distinct sentences it occurs in, and the last one seen.
    sentences: u32,
    last_sentence: u32,
}

/// A word token of the document, as the ranking sees it.
#[derive(Clone, Copy, Debug)]
struct Word {
    token: u32,
    stem: u32,
    /// Starts a new run: the previous token was not a word next to it.
    run_start: bool,
}

#[derive(Clone, Debug)]
struct Cand {
    len: u8,
    tf: u32,
    title: u32,
    subtitle: u32,
    entity: bool,
    first_sentence: u32,
    /// First occurrence: index into `words`.
    first: u32,
    score: f64,
}

/// What the per-thread lexicon knows of a stem.
#[derive(Clone, Copy, Debug, Default)]
struct LexStem {
    stop: bool,
    /// The document (stamp) that last used it, and its id there.
    stamp: u32,
    local: u32,
}

/// Most word forms the per-thread lexicon keeps before it starts afresh
/// (about 140 bytes each).
const LEXICON_MAX: usize = 50_000;

/// Reusable per-thread state. The lexicon (lower-case word -> stem) lives
/// across documents, so each word of the language is stemmed once per
/// thread, not once per document; the per-document maps and buffers are
/// cleared, keeping their capacity.
#[derive(Default)]
pub(crate) struct Scratch {
    lex_words: HashMap<String, u32, Fx>,
    lex_stems: HashMap<String, u32, Fx>,
    lex: Vec<LexStem>,
    stop_stems: std::collections::HashSet<String, Fx>,
    stamp: u32,
    stats: Vec<StemStat>,
    words: Vec<Word>,
    /// Sentence index (body sentences counted from 0; NONE in headline).
    word_sentence: Vec<u32>,
    word_zone: Vec<u8>,
    cands: HashMap<[u32; MAX_WORDS], u32, Fx>,
    cand_list: Vec<Cand>,
    entity_tokens: Vec<(u32, u32)>,
    lower: String,
    order: Vec<u32>,
    sentence_no: u32,
}

const ZONE_BODY: u8 = 0;
const ZONE_TITLE: u8 = 1;
const ZONE_SUBTITLE: u8 = 2;

/// `x ^ e`, without calling `powf` for the common exponents.
#[inline]
fn pow(x: f64, e: f64) -> f64 {
    if e == 1.0 {
        x
    } else if e == 0.0 {
        1.0
    } else {
        x.powf(e)
    }
}

fn is_word_kind(k: TokenKind) -> bool {
    k == TokenKind::WORD || k == TokenKind::ALNUM || k == TokenKind::HASHTAG
}

fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

impl Scratch {
    fn clear(&mut self) {
        // Keep memory bounded after a huge document or a huge vocabulary.
        if self.cands.capacity() > 1 << 18 || self.lex_words.len() > LEXICON_MAX {
            *self = Scratch::default();
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            for l in &mut self.lex {
                l.stamp = 0;
            }
            self.stamp = 1;
        }
        self.stats.clear();
        self.words.clear();
        self.word_sentence.clear();
        self.word_zone.clear();
        self.cands.clear();
        self.cand_list.clear();
        self.entity_tokens.clear();
        self.order.clear();
    }

    /// The (per-document) stem id of a token's text.
    fn stem_of(&mut self, text: &str, normalizer: &Normalizer, min_chars: usize) -> u32 {
        lower_into(text, &mut self.lower);
        let global = match self.lex_words.get(self.lower.as_str()) {
            Some(&g) => g,
            None => {
                let stem = normalizer.stem(&self.lower);
                let g = match self.lex_stems.get(stem.as_ref()) {
                    Some(&g) => g,
                    None => {
                        let g = self.lex.len() as u32;
                        if self.stop_stems.is_empty() {
                            self.stop_stems = normalizer
                                .stopwords()
                                .iter()
                                .map(|w| normalizer.stem(w).into_owned())
                                .collect();
                        }
                        // A stem is a function word when any stopword has
                        // it ("needs" as "need"), whichever form came first.
                        let stop = normalizer.is_stopword(&self.lower)
                            || self.stop_stems.contains(stem.as_ref());
                        self.lex.push(LexStem {
                            stop,
                            stamp: 0,
                            local: NONE,
                        });
                        self.lex_stems.insert(stem.into_owned(), g);
                        g
                    }
                };
                self.lex_words.insert(self.lower.clone(), g);
                g
            }
        };
        let Some(l) = self.lex.get_mut(global as usize) else {
            return NONE;
        };
        if l.stamp != self.stamp {
            l.stamp = self.stamp;
            l.local = self.stats.len() as u32;
            // Length of the form the document uses first.
            let chars = if self.lower.is_ascii() {
                self.lower.bytes().filter(u8::is_ascii_alphanumeric).count()
            } else {
                self.lower.chars().filter(|c| c.is_alphanumeric()).count()
            };
            let form = self.lower.as_str();
            // English verb and adverb endings.
            let verbal = normalizer.lang_index() == 0
                && form.len() > 5
                && (form.ends_with("ed") || form.ends_with("ing") || form.ends_with("ly"));
            self.stats.push(StemStat {
                verbal,
                first_sentence: NONE,
                stop: l.stop,
                short: chars < min_chars,
                chars: chars as u32,
                last_sentence: NONE,
                ..StemStat::default()
            });
        }
        l.local
    }
}

thread_local! {
    /// One scratch state (and lexicon) per language of
    /// [`LANGUAGES`](crate::normalize::LANGUAGES).
    static SCRATCH: std::cell::RefCell<Vec<Scratch>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The top `top` keyphrases of a document, best first.
///
/// `entities` are byte spans of named entities (from an `ner` layer), used
/// as a feature when given.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// use newsmill_keyphrases::{Params, extract::keyphrases, normalize::Normalizer};
/// let doc = Doc::analyze(
///     Article::from_text("a", "Volcano erupts in Iceland\n\nThe volcano erupted on Sunday. Ash from the volcano closed airports across Iceland."),
///     &AnalyzeOptions::default(),
/// );
/// let view = newsmill_sdk::DocView::from_doc(&doc);
/// let found = keyphrases(&view, &[], 3, &Params::default(), &Normalizer::new());
/// assert_eq!(found[0].phrase, "volcano");
/// ```
pub fn keyphrases(
    doc: &DocView<'_>,
    entities: &[(u32, u32)],
    top: usize,
    params: &Params,
    normalizer: &Normalizer,
) -> Vec<Keyphrase> {
    let run = |s: &mut Scratch| rank(doc, entities, top, params, normalizer, s);
    // The thread's scratch state, or a fresh one when it is not available
    // (re-entered, or the thread is being torn down).
    let lang = normalizer.lang_index();
    SCRATCH
        .try_with(|cell| {
            cell.try_borrow_mut().ok().map(|mut all| {
                if all.len() <= lang {
                    all.resize_with(lang + 1, Scratch::default);
                }
                run(&mut all[lang])
            })
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| run(&mut Scratch::default()))
}

fn rank(
    doc: &DocView<'_>,
    entities: &[(u32, u32)],
    top: usize,
    params: &Params,
    normalizer: &Normalizer,
    s: &mut Scratch,
) -> Vec<Keyphrase> {
    s.clear();
    if top == 0 || doc.tokens.is_empty() {
        return Vec::new();
    }
    let max_words = params.max_words.clamp(1, MAX_WORDS);
    let span_zone = |t: &Token| -> u8 {
        let inside = |sp: Option<newsmill_sdk::Span>| {
            sp.is_some_and(|sp| t.start >= sp.start && t.end <= sp.end)
        };
        if inside(doc.title) {
            ZONE_TITLE
        } else if inside(doc.subtitle) {
            ZONE_SUBTITLE
        } else {
            ZONE_BODY
        }
    };

    // A headline in sentence case ("US jobless rate hits two-year low")
    // tells names by their capitals as the body does; one in title case
    // ("Phish Phavors New York") does not.
    let sentence_case_title = doc.title.is_some_and(|sp| {
        let first = doc.tokens.partition_point(|t| t.start < sp.start);
        doc.tokens
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|t| t.end <= sp.end)
            .filter(|t| is_word_kind(t.kind))
            .skip(1)
            .any(|t| {
                let w = t.text(doc.text);
                w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase)
            })
    });

    // 1. Words, their stems and per-stem statistics.
    let mut body_sentence = 0u32;
    for sent in doc.sentences {
        let toks = doc.sentence_tokens(sent);
        let Some(first_tok) = toks.first() else {
            continue;
        };
        let zone = span_zone(first_tok);
        s.sentence_no = s.sentence_no.wrapping_add(1);
        let sent_idx = if zone == ZONE_BODY {
            body_sentence += 1;
            body_sentence - 1
        } else {
            NONE
        };
        let mut prev_word_tok: u32 = NONE;
        let mut first_word = true;
        for (k, t) in toks.iter().enumerate() {
            let ti = sent.token_start + k as u32;
            if !is_word_kind(t.kind) {
                if t.kind != TokenKind::QUOTE {
                    // Quotes at sentence start don't make the next word
                    // mid-sentence.
                    first_word = first_word && t.kind == TokenKind::PUNCT && k == 0;
                }
                continue;
            }
            let text = t.text(doc.text);
            // Letters, digits and joiners ("lace-making", "A.K.A.", "O'Neill")
            // only: "h&amp" and other debris of markup is no keyphrase.
            if !text.chars().any(char::is_alphabetic)
                || !text
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’'))
            {
                first_word = false;
                continue;
            }
            let stem = s.stem_of(text, normalizer, params.min_chars);
            let run_start = prev_word_tok == NONE || prev_word_tok + 1 != ti;
            prev_word_tok = ti;
            if let Some(st) = s.stats.get_mut(stem as usize) {
                st.tf += 1;
                let sent_no = s.sentence_no;
                if st.last_sentence != sent_no {
                    st.last_sentence = sent_no;
                    st.sentences += 1;
                }
                match zone {
                    ZONE_TITLE => st.title += 1,
                    ZONE_SUBTITLE => st.subtitle += 1,
                    _ => {
                        if st.first_sentence == NONE {
                            st.first_sentence = sent_idx;
                        }
                    }
                }
                // German capitalizes every noun: capitals tell no names.
                if (zone == ZONE_BODY || zone == ZONE_TITLE && sentence_case_title)
                    && normalizer.language() != "de"
                {
                    if t.has(Token::UPPER_INITIAL) {
                        if !first_word {
                            st.caps += 1;
                        }
                    } else {
                        st.lower += 1;
                    }
                }
            }
            first_word = false;
            s.words.push(Word {
                token: ti,
                stem,
                run_start,
            });
            s.word_sentence.push(sent_idx);
            s.word_zone.push(zone);
        }
    }

    // 2. Entity spans (token index ranges) from the ner layer.
    for &(a, b) in entities {
        let first = doc.tokens.partition_point(|t| t.start < a);
        let last = doc.tokens.partition_point(|t| t.end <= b);
        if first < last {
            s.entity_tokens.push((first as u32, last as u32));
        }
    }
    s.entity_tokens.sort_unstable();

    // 3. Candidates: n-grams of consecutive words.
    let n = s.words.len();
    for i in 0..n {
        let Some(&w0) = s.words.get(i) else { break };
        let Some(st0) = s.stats.get(w0.stem as usize) else {
            continue;
        };
        if st0.stop {
            continue;
        }
        // A short word ("UK", "Yi") may be part of a phrase, not one alone.
        let short0 = st0.short;
        let mut key = [NONE; MAX_WORDS];
        // Phrases that scoring would drop anyway are not counted (without
        // entities, whether a phrase can pass is known from its words).
        let prune = s.entity_tokens.is_empty();
        let min_common = params.min_common_phrase_tf.max(params.min_phrase_tf);
        let (mut all_names, mut rarest) = (true, u32::MAX);
        for len in 1..=max_words {
            let j = i + len - 1;
            let Some(wj) = s.words.get(j) else { break };
            if len > 1 && wj.run_start {
                break;
            }
            if s.word_sentence.get(j) != s.word_sentence.get(i)
                || s.word_zone.get(j) != s.word_zone.get(i)
            {
                break;
            }
            key[len - 1] = wj.stem;
            let Some(stj) = s.stats.get(wj.stem as usize) else {
                break;
            };
            if !stj.stop {
                all_names &= stj.caps > stj.lower;
                rarest = rarest.min(stj.tf);
            }
            if stj.stop || (len == 1 && short0) {
                continue;
            }
            if prune
                && len > 1
                && !all_names
                && (f64::from(rarest) < min_common || len > params.max_common_words)
            {
                continue;
            }
            let zone = s.word_zone.get(i).copied().unwrap_or(ZONE_BODY);
            let sentence = s.word_sentence.get(i).copied().unwrap_or(NONE);
            let entity = s
                .entity_tokens
                .binary_search(&(w0.token, wj.token + 1))
                .is_ok();
            if len > 1 && all_names && !entity && params.whole_names {
                // "President Barack" is no phrase when "Obama" follows: a
                // name phrase must be the whole run of name words.
                let name_at = |k: usize| {
                    s.words.get(k).is_some_and(|w| {
                        s.word_sentence.get(k) == s.word_sentence.get(i)
                            && s.stats
                                .get(w.stem as usize)
                                .is_some_and(|st| !st.stop && st.caps > st.lower)
                    })
                };
                let left = i > 0 && !w0.run_start && name_at(i - 1);
                let right = s.words.get(j + 1).is_some_and(|w| !w.run_start) && name_at(j + 1);
                if left || right {
                    continue;
                }
            }
            let next = s.cand_list.len() as u32;
            let idx = *s.cands.entry(key).or_insert(next);
            if idx == next {
                s.cand_list.push(Cand {
                    len: len as u8,
                    tf: 0,
                    title: 0,
                    subtitle: 0,
                    entity: false,
                    first_sentence: NONE,
                    first: i as u32,
                    score: 0.0,
                });
            }
            if let Some(c) = s.cand_list.get_mut(idx as usize) {
                c.tf += 1;
                c.entity |= entity;
                match zone {
                    ZONE_TITLE => c.title += 1,
                    ZONE_SUBTITLE => c.subtitle += 1,
                    _ => {
                        if c.first_sentence == NONE {
                            c.first_sentence = sentence;
                        }
                    }
                }
            }
        }
    }

    // 4. Scores: single words first, then phrases, which may take the
    // score of their best word.
    let Scratch {
        cands,
        cand_list,
        stats,
        order,
        words,
        ..
    } = s;
    let base = |c: &Cand, name: bool| -> f64 {
        let tf = pow(f64::from(c.tf), params.tf_exp);
        let mut score = tf
            * (1.0 + params.title * f64::from(c.title.min(1)))
            * (1.0 + params.subtitle * f64::from(c.subtitle.min(1)));
        if c.first_sentence != NONE {
            score *= 1.0 + params.position / (1.0 + f64::from(c.first_sentence));
        }
        if name {
            score *= 1.0 + params.capital;
        }
        if c.entity {
            score *= 1.0 + params.entity;
        }
        score
    };
    let is_name = |st: &StemStat| st.stop || st.caps > st.lower;
    let mut length_weight = [0.0f64; 24];
    for (n, w) in length_weight.iter_mut().enumerate() {
        *w = pow(n.max(1) as f64, params.word_length);
    }
    for pass in [1usize, 2] {
        for (key, &idx) in cands.iter() {
            let Some(c) = cand_list.get(idx as usize) else {
                continue;
            };
            let len = usize::from(c.len);
            if (len == 1) != (pass == 1) {
                continue;
            }
            let content = || {
                key.iter()
                    .take(len)
                    .filter_map(|&st| stats.get(st as usize).map(|x| (st, x)))
                    .filter(|(_, x)| !x.stop)
            };
            let name = content().all(|(_, x)| is_name(x));
            let mut score = 0.0;
            if len == 1 {
                score = base(c, name);
                if let Some(st) = key.first().and_then(|&k| stats.get(k as usize)) {
                    if params.word_length != 0.0 {
                        score *= length_weight
                            .get(st.chars as usize)
                            .copied()
                            .unwrap_or_else(|| pow(f64::from(st.chars.max(1)), params.word_length));
                    }
                    if st.verbal {
                        score *= params.verbal;
                    }
                    if params.spread != 0.0 && st.tf > 0 {
                        score *= (f64::from(st.sentences) / f64::from(st.tf)).powf(params.spread);
                    }
                }
            } else {
                let min_tf = if name || c.entity {
                    params.min_phrase_tf
                } else {
                    params.min_common_phrase_tf.max(params.min_phrase_tf)
                };
                let allowed = name || c.entity || len <= params.max_common_words;
                if allowed && (f64::from(c.tf) >= min_tf || c.entity) {
                    score = base(c, name) * params.phrase.powi(len as i32 - 1);
                    if params.phrase_length != 0.0 {
                        let chars: u32 = content().map(|(_, x)| x.chars).sum();
                        score *= pow(f64::from(chars.max(1)), params.phrase_length);
                    }
                    let mut single = [NONE; MAX_WORDS];
                    let best = content()
                        .filter(|(_, x)| f64::from(c.tf) >= params.cohesion * f64::from(x.tf))
                        .filter_map(|(st, _)| {
                            single[0] = st;
                            cands.get(&single)
                        })
                        .filter_map(|&i| cand_list.get(i as usize))
                        .map(|w| w.score)
                        .fold(0.0, f64::max);
                    {
                        score = score.max(best * 1.001);
                    }
                }
            }
            if let Some(c) = cand_list.get_mut(idx as usize) {
                c.score = score;
            }
        }
    }
    order.extend(0..cand_list.len() as u32);
    order.retain(|&i| cand_list.get(i as usize).is_some_and(|c| c.score > 0.0));
    // Candidates are unique by (first occurrence, length), so the order is
    // total and an unstable sort is deterministic.
    order.sort_unstable_by(|&a, &b| {
        let (Some(ca), Some(cb)) = (cand_list.get(a as usize), cand_list.get(b as usize)) else {
            return std::cmp::Ordering::Equal;
        };
        cb.score
            .total_cmp(&ca.score)
            .then(cb.len.cmp(&ca.len))
            .then(ca.first.cmp(&cb.first))
    });

    // 5. Selection: best first; a word of a phrase already chosen is
    // skipped, and a phrase that holds one word already chosen takes that
    // word's place ("Sharapova" becomes "Maria Sharapova").
    let mut picked: Vec<(u32, f64)> = Vec::with_capacity(top);
    let span_of = |i: u32| {
        cand_list
            .get(i as usize)
            .and_then(|c| words.get(c.first as usize..c.first as usize + usize::from(c.len)))
    };
    for &i in order.iter() {
        if picked.len() >= top {
            break;
        }
        let (Some(c), Some(ws)) = (cand_list.get(i as usize), span_of(i)) else {
            continue;
        };
        if !params.allow_subsumed {
            let mut hit = None;
            let mut blocked = false;
            for (k, &(p, _)) in picked.iter().enumerate() {
                let Some(other) = span_of(p) else {
                    continue;
                };
                let (short, long) = if ws.len() <= other.len() {
                    (ws, other)
                } else {
                    (other, ws)
                };
                if short.len() == 1 && long.iter().any(|w| w.stem == short[0].stem) {
                    let name = ws.iter().all(|w| {
                        stats
                            .get(w.stem as usize)
                            .is_some_and(|st| st.stop || st.caps > st.lower)
                    });
                    if params.upgrade && name && ws.len() > 1 && other.len() == 1 && hit.is_none() {
                        hit = Some(k);
                    } else {
                        blocked = true;
                        break;
                    }
                }
            }
            if blocked {
                continue;
            }
            if let Some(k) = hit {
                if let Some(slot) = picked.get_mut(k) {
                    slot.0 = i;
                }
                continue;
            }
        }
        picked.push((i, c.score));
    }
    let mut out: Vec<Keyphrase> = Vec::with_capacity(picked.len());
    for &(i, score) in &picked {
        let (Some(c), Some(ws)) = (cand_list.get(i as usize), span_of(i)) else {
            continue;
        };
        let len = ws.len();
        if len == 0 {
            continue;
        }
        let (Some(a), Some(b)) = (
            doc.tokens.get(ws[0].token as usize),
            doc.tokens.get(ws[len - 1].token as usize),
        ) else {
            continue;
        };
        // A word keeps its case when it is an acronym or usually written
        // with a capital in mid-sentence (a name); in a phrase with such a
        // word, every capitalized word keeps it ("Wang Yi", "Bank of England").
        let name_word = |w: &Word| {
            doc.tokens.get(w.token as usize).is_some_and(|t| {
                t.has(Token::ALL_UPPER) && t.len() > 1
                    || t.has(Token::UPPER_INITIAL)
                        && stats
                            .get(w.stem as usize)
                            .is_some_and(|st| st.caps > st.lower)
            })
        };
        let in_name = len > 1 && (c.entity || ws.iter().any(name_word));
        let mut phrase = String::new();
        for (k, w) in ws.iter().enumerate() {
            let Some(t) = doc.tokens.get(w.token as usize) else {
                continue;
            };
            if k > 0 {
                phrase.push(' ');
            }
            let text = t.text(doc.text);
            if name_word(w) || in_name && t.has(Token::UPPER_INITIAL) {
                phrase.push_str(text);
            } else {
                phrase.extend(text.chars().flat_map(char::to_lowercase));
            }
        }
        out.push(Keyphrase {
            start: a.start,
            end: b.end,
            score,
            phrase,
        });
    }
    out
}

//! The ranking itself, over a [`DocView`]: candidates are single words and
//! word n-grams of the analysed paragraphs (never across a sentence or a
//! punctuation mark), grouped by their stems; each is scored from its
//! frequency, where it first appears, whether the headline has it, how it
//! is capitalized and, when an `ner` layer ran before, whether it is a
//! named entity.

use std::collections::HashMap;

use newsmill_sdk::{DocView, Token, TokenKind};

use crate::normalize::Normalizer;

mod candidates;
mod score;
mod scratch;
mod select;
mod words;

use scratch::Fx;

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

/// The ranking, in its stages (each in a module of its own).
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
    s.read_words(doc, params, normalizer);
    s.read_entities(doc, entities);
    s.read_candidates(max_words, params);
    s.score(params);
    let picked = s.select(top, params);
    s.keyphrases(doc, &picked)
}

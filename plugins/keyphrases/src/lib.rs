//! Keyphrases of news articles: the few words and phrases that say what a
//! story is about, ranked, as a newsmill extractor — unsupervised, with no
//! model file, and fast enough for millions of articles.
//!
//! The ranking ([`extract`]) uses what newsmill already knows of the
//! article: its headline and standfirst, its sentences and tokens (it never
//! re-tokenizes), and the named entities of an `ner` layer when one ran
//! before it. Candidates are single words and word n-grams that neither
//! start nor end with a function word, grouped by their Porter stems; each
//! is scored from its frequency, its first position, the headline, its
//! capitalization and entity-hood.
//!
//! Output, under `"keyphrases"` in each record, best first, one annotation
//! per phrase over its first occurrence:
//! `{"start": 46, "end": 55, "text": "inflation", "phrase": "inflation", "score": 101.78, "rank": 1}`
//! (the phrase keeps the capitals of names: "Bank of England").
//! Configuration: `--set keyphrases.top=N` (default 10), and the weights of
//! [`Params`] under their field names.
//!
//! newsmill-eval's `kpcrowd` module measures it on the 500N-KPCrowd corpus
//! (F1@10 on stemmed exact matches; `newsmill eval keyphrases`).
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_keyphrases::Keyphrases;
//! use newsmill_sdk::{DocView, Extractor, Setup, HostSink};
//!
//! let text = "Iceland volcano ash closes airports\n\n\
//!             Ash from the Icelandic volcano closed airports across Europe on Sunday. \
//!             The volcano has erupted twice this year, and airlines expect more ash.";
//! let doc = Doc::analyze(Article::from_text("a", text), &AnalyzeOptions::default());
//! let mut vocab = Vocab::default();
//! let layer = vocab.intern("keyphrases");
//! let config = serde_json::json!({"top": 3});
//! let kp = Keyphrases::create(&mut Setup::new(&config, &mut vocab)).unwrap();
//! let mut sink = HostSink::new(&doc, layer, vocab.len());
//! kp.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
//! assert_eq!(sink.len(), 3);
//! ```

pub mod extract;
pub mod normalize;
mod stopwords;

pub use extract::{Keyphrase, Params, keyphrases};
pub use stopwords::is_stopword;

use newsmill_sdk::{Annotation, DocView, Emitter, Error, Extractor, Setup};
use normalize::Normalizer;

/// The `keyphrases` extractor.
#[derive(Debug)]
pub struct Keyphrases {
    top: usize,
    params: Params,
    /// One per language of [`normalize::LANGUAGES`], in that order.
    normalizers: Vec<Normalizer>,
    ner: u32,
    score: u32,
    rank: u32,
    phrase: u32,
}

impl Keyphrases {
    /// Phrases returned when the configuration does not say (`top`).
    pub const DEFAULT_TOP: usize = 10;

    /// The parameters in use.
    pub fn params(&self) -> &Params {
        &self.params
    }
}

fn read_params(setup: &Setup<'_>) -> Result<Params, Error> {
    let mut p = Params::default();
    macro_rules! set {
        ($($field:ident: $t:ty),*) => {
            $(if let Some(v) = setup.get::<$t>(stringify!($field))? { p.$field = v; })*
        };
    }
    set!(max_words: usize, tf_exp: f64, title: f64, subtitle: f64, position: f64,
         capital: f64, phrase: f64, min_phrase_tf: f64, min_common_phrase_tf: f64, cohesion: f64, max_common_words: usize, whole_names: bool, upgrade: bool, word_length: f64, phrase_length: f64, spread: f64, verbal: f64, entity: f64,
         allow_subsumed: bool, min_chars: usize);
    if !(1..=extract::MAX_WORDS).contains(&p.max_words) {
        return Err(Error(format!(
            "max_words must be between 1 and {}, not {}",
            extract::MAX_WORDS,
            p.max_words
        )));
    }
    Ok(p)
}

impl Extractor for Keyphrases {
    const NAME: &'static str = "keyphrases";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "tokens,sentences";
    /// English (tuned on KPCrowd); German, French, Spanish and Russian
    /// with the stopwords-iso lists and Snowball stemmers (not measured:
    /// no gold data here).
    const LANGUAGES: &'static str = "en,de,fr,es,ru";
    const DESCRIPTION: &'static str =
        "the top phrases of each article, ranked (unsupervised; uses headline, position, entities)";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        let top = setup.get::<usize>("top")?.unwrap_or(Self::DEFAULT_TOP);
        let params = read_params(setup)?;
        Ok(Keyphrases {
            top,
            params,
            normalizers: normalize::LANGUAGES
                .iter()
                .filter_map(|l| Normalizer::for_language(l))
                .collect(),
            ner: setup.intern("ner"),
            score: setup.intern("score"),
            rank: setup.intern("rank"),
            phrase: setup.intern("phrase"),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let entities: Vec<(u32, u32)> = doc
            .layer(self.ner)
            .filter(|(_, a)| a.start < a.end && a.end != u32::MAX)
            .map(|(_, a)| (a.start, a.end))
            .collect();
        let lang = doc.language.unwrap_or("en");
        let Some(normalizer) = self
            .normalizers
            .iter()
            .find(|n| n.language() == lang)
            .or(self.normalizers.first())
        else {
            return Ok(());
        };
        let found = keyphrases(doc, &entities, self.top, &self.params, normalizer);
        for (i, k) in found.iter().enumerate() {
            out.annotation(k.start, k.end, Annotation::NO_LABEL)
                .num(self.score, k.score)
                .int(self.rank, (i + 1) as i64)
                .str(self.phrase, &k.phrase)
                .emit()?;
        }
        Ok(())
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(Keyphrases);

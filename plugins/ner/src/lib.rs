//! Named entities in news text — persons, organisations, locations and
//! miscellaneous names (the CoNLL-2003 types PER, ORG, LOC, MISC) — as the
//! newsmill extractor `ner`.
//!
//! The tagger is an averaged structured perceptron over BILOU tags with
//! constrained Viterbi decoding ([`tags`]), trained by newsmill itself
//! (`newsmill train ner`, see [`train`]). Features ([`features`]) are local
//! (word, lower-cased form, affixes, shapes, neighbours), sentence-level
//! (all-capitals headlines, datelines, position), document-level (how the
//! word is written elsewhere in the article, how it was tagged earlier in
//! it, and, in a second pass, how it was tagged everywhere else in it) and
//! lexical (word clusters learned from unlabelled news,
//! [`cluster`]). Every feature is a 64-bit hash looked up in an
//! open-addressing table of quantized weight rows; the default model is
//! embedded in the binary.
//!
//! Output, under `"ner"` in each record:
//! `{"start": 0, "end": 11, "text": "Pavel Durov", "label": "PER"}`.
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_ner::Ner;
//! use newsmill_sdk::{DocView, Extractor, Setup, HostSink};
//!
//! let doc = Doc::analyze(Article::from_text("a", "Talks\n\nAngela Merkel met Emmanuel Macron in Berlin."), &AnalyzeOptions::default());
//! let mut vocab = Vocab::default();
//! let layer = vocab.intern("ner");
//! let config = serde_json::json!({});
//! let ner = Ner::create(&mut Setup::new(&config, &mut vocab)).unwrap();
//! let mut sink = HostSink::new(&doc, layer, vocab.len());
//! ner.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
//! assert_eq!(sink.len(), 3);
//! ```

pub mod casing;
pub mod cluster;
mod clusters;
pub mod features;
mod model;
pub mod tags;
pub mod train;

use std::sync::{Arc, OnceLock};

pub use clusters::Lexicon;
pub use features::FeatureSet;
pub use model::{Mention, Model};

use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// The default model, trained on CoNLL-2003 eng.train (see the README).
pub static EMBEDDED_MODEL: &[u8] = include_bytes!("../models/ner-conll.bin");

/// Errors of the NER library.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    /// A model or data file could not be read.
    #[error("cannot read {0}: {1}")]
    Io(String, #[source] std::io::Error),
    /// A model file is malformed.
    #[error("bad model: {0}")]
    Format(String),
}

fn embedded() -> Result<Arc<Model>, NerError> {
    static M: OnceLock<Result<Arc<Model>, String>> = OnceLock::new();
    M.get_or_init(|| Model::embedded().map(Arc::new).map_err(|e| e.to_string()))
        .clone()
        .map_err(NerError::Format)
}

/// The `ner` extractor.
#[derive(Debug)]
pub struct Ner {
    model: Arc<Model>,
    labels: [u32; 4],
}

impl Extractor for Ner {
    const NAME: &'static str = "ner";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "tokens,sentences";
    const LANGUAGES: &'static str = "en";
    const DESCRIPTION: &'static str =
        "named entities: PER, ORG, LOC, MISC (averaged perceptron, BILOU)";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        let model = match setup.get::<String>("model")? {
            Some(path) => Arc::new(Model::load(std::path::Path::new(&path)).map_err(|e| {
                Error(format!(
                    "cannot load the \"ner\" model {path:?} (ner.model): {e}"
                ))
            })?),
            None => embedded().map_err(|e| Error(format!("embedded model: {e}")))?,
        };
        let labels = tags::TYPES.map(|t| setup.intern(t));
        Ok(Ner { model, labels })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        thread_local! {
            static MENTIONS: std::cell::RefCell<Vec<Mention>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        MENTIONS.with(|m| {
            let mut owned = Vec::new();
            let mut guard = m.try_borrow_mut();
            let found = match guard.as_mut() {
                Ok(v) => &mut **v,
                Err(_) => &mut owned,
            };
            found.clear();
            self.model.tag(doc.text, doc.tokens, doc.sentences, found);
            for x in found.iter() {
                let (Some(a), Some(b)) = (
                    doc.tokens.get(x.first),
                    doc.tokens.get(x.end.wrapping_sub(1)),
                ) else {
                    continue;
                };
                out.emit(a.start, b.end, self.labels[x.ty as usize & 3])?;
            }
            Ok(())
        })
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(Ner);

//! Run an extractor on a text in the plugin's own tests, and see its
//! output exactly as it appears in a newsmill record (character offsets,
//! labels and attributes by name), without the host or a shared library.
//!
//! The text is read as a plain-text article (first line the headline, a
//! blank line, then paragraphs) and analysed as newsmill analyses it
//! (structure, tokens, sentences); then the extractor alone runs on it:
//! layers it requires from other extractors are empty.
//!
//! ```
//! use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup, testing};
//!
//! struct Caps { label: u32 }
//! impl Extractor for Caps {
//!     const NAME: &'static str = "caps";
//!     const VERSION: &'static str = "0.1.0";
//!     fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
//!         Ok(Caps { label: setup.intern("CAPS") })
//!     }
//!     fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
//!         for t in doc.tokens {
//!             let s = t.text(doc.text);
//!             if s.len() > 1 && s.bytes().all(|b| b.is_ascii_uppercase()) {
//!                 out.emit(t.start, t.end, self.label)?;
//!             }
//!         }
//!         Ok(())
//!     }
//! }
//!
//! let found = testing::run::<Caps>("Headline\n\nThe NHS and the BBC agreed.").unwrap();
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[0]["text"], "NHS");
//! assert_eq!(found[0]["label"], "CAPS");
//! assert_eq!(found[1]["start"], 26); // character offsets into the text
//! ```

use newsmill_core::{AnalyzeOptions, Article, Doc, Record, RecordOptions, Vocab};
use serde_json::Value;

use crate::sdk::{DocView, Error, Extractor, Setup};
use crate::sink::HostSink;

/// Run `E` with an empty configuration on `text`; its annotations as the
/// record shows them (one JSON object each, in the order emitted).
///
/// An error from `create` or `process`, or an annotation the host would
/// refuse (a span outside the text or off a character boundary, an unknown
/// label), is returned as the error.
pub fn run<E: Extractor>(text: &str) -> Result<Vec<Value>, Error> {
    run_with_config::<E>(text, &Value::Object(Default::default()))
}

/// [`run`] with a configuration: the JSON object a user would put under
/// the extractor's name in `--config`, or set with `--set NAME.KEY=VALUE`.
///
/// ```
/// # use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup, testing};
/// struct Long { min: usize, label: u32 }
/// impl Extractor for Long {
///     const NAME: &'static str = "long";
///     const VERSION: &'static str = "0.1.0";
///     fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
///         let min = setup.get::<usize>("min")?.unwrap_or(10);
///         Ok(Long { min, label: setup.intern("LONG") })
///     }
///     fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
///         for t in doc.tokens.iter().filter(|t| t.text(doc.text).len() >= self.min) {
///             out.emit(t.start, t.end, self.label)?;
///         }
///         Ok(())
///     }
/// }
/// let found = testing::run_with_config::<Long>("T\n\nA remarkably long word.", &serde_json::json!({"min": 8})).unwrap();
/// assert_eq!(found[0]["text"], "remarkably");
/// ```
pub fn run_with_config<E: Extractor>(text: &str, config: &Value) -> Result<Vec<Value>, Error> {
    let mut doc = Doc::analyze(Article::from_text("test", text), &AnalyzeOptions::default());
    let mut vocab = Vocab::default();
    let layer = vocab.intern(E::NAME);
    let extractor = {
        let mut setup = Setup::new(config, &mut vocab);
        let created = E::create(&mut setup)?;
        setup.check_keys(E::NAME)?;
        created
    };
    let mut sink = HostSink::new(&doc, layer, vocab.len());
    {
        let view = DocView::from_doc(&doc);
        let mut out = sink.emitter(&doc.text);
        extractor.process(&view, &mut out)?;
    }
    if let Some(refused) = sink.error() {
        return Err(Error(format!("the host would refuse this: {refused}")));
    }
    sink.append_to(&mut doc);
    let mut record = Record::from_doc_with(doc, &RecordOptions::default(), &vocab, &[layer]);
    let found = record.extractions.remove(E::NAME).unwrap_or_default();
    found
        .iter()
        .map(|a| serde_json::to_value(a).map_err(Error::from))
        .collect()
}

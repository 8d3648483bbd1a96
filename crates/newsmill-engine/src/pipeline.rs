//! Analysis of one article into one record.

use std::panic::{AssertUnwindSafe, catch_unwind};

use newsmill_core::{AnalyzeOptions, Article, Doc, Notice, Record, RecordOptions};

/// What is done to each article: structure, tokens, sentences (and, as
/// they arrive, extractors), then the record.
///
/// ```
/// use newsmill_core::{Article, Status};
/// let p = newsmill_engine::Pipeline::default();
/// let r = p.process(Article::from_text("a", "Title\n\nBody text here."));
/// assert_eq!(r.status, Status::Ok);
/// assert_eq!(r.stats.sentences, 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Pipeline {
    /// Structure and analysis options.
    pub analyze: AnalyzeOptions,
    /// Which layers each record carries.
    pub record: RecordOptions,
}

impl Pipeline {
    /// Process one article. Never panics: a panic inside analysis becomes
    /// an error record for that article, and the batch goes on.
    pub fn process(&self, article: Article) -> Record {
        let id = article.id.clone();
        let source = article.source.clone();
        match catch_unwind(AssertUnwindSafe(|| {
            let doc = Doc::analyze(article, &self.analyze);
            Record::from_doc(doc, &self.record)
        })) {
            Ok(r) => r,
            Err(payload) => Record::error(
                id,
                source,
                Notice::new(
                    "internal",
                    format!("analysis failed: {}", panic_message(payload.as_ref())),
                )
                .with_stage("core"),
            ),
        }
    }
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

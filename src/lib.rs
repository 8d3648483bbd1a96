//! newsmill: turn large batches of news articles into structured records.
//!
//! This facade re-exports the workspace's public API:
//! [`core`] (text types, structure, tokenizer, sentence splitter, records),
//! [`io`] (readers and writers) and [`engine`] (the parallel pipeline).
//!
//! ```
//! use newsmill::core::{Article, AnalyzeOptions, Doc};
//! let doc = Doc::analyze(Article::from_text("a", "Title\n\nBody."), &AnalyzeOptions::default());
//! assert_eq!(doc.title_text(), Some("Title"));
//! ```

pub use newsmill_core as core;
pub use newsmill_engine as engine;
pub use newsmill_io as io;

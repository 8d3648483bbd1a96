//! Core text types and text processing for newsmill.
//!
//! An [`Article`] comes in (from any reader); [`Doc::analyze`] finds its
//! structure (title, standfirst, dateline, paragraphs, boilerplate), its
//! tokens and its sentences, all as byte spans into one text buffer; a
//! [`Record`] goes out, with character offsets.
//!
//! ```
//! use newsmill_core::{Article, Doc, AnalyzeOptions};
//!
//! let article = Article::from_text("a.txt", "Title line\n\nPrices rose 2%. Smith said so.\n");
//! let doc = Doc::analyze(article, &AnalyzeOptions::default());
//! assert_eq!(doc.title_text(), Some("Title line"));
//! assert_eq!(doc.sentences.len(), 3); // the title, then two body sentences
//! ```

mod article;
mod doc;
pub mod language;
mod offsets;
mod record;
pub mod sentences;
pub mod structure;
mod text;
pub mod tokenize;
mod vocab;

pub use article::{Article, Notice, PageMeta};
pub use doc::{AnalyzeOptions, Doc};
pub use language::{Language, LanguageSource};
pub use offsets::CharOffsets;
pub use record::{
    AnnotationOut, AttrOut, DatelineOut, DedupSignature, NearDuplicate, ParagraphOut,
    RESERVED_NAMES, Record, RecordOptions, RecordStats, SCHEMA_VERSION, SpanOut, Status, TokenOut,
};
pub use text::{
    Annotation, Attr, AttrKind, Paragraph, ParagraphKind, Sentence, Span, Token, TokenKind,
};
pub use vocab::Vocab;

//! The output record: one per input item, serde-serialisable, with
//! character offsets into the emitted `text`.

use serde::{Deserialize, Serialize};

use crate::article::Notice;
use crate::doc::Doc;
use crate::offsets::CharOffsets;
use crate::text::Span;

/// Version of the record layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Whether a record is clean, carries warnings, or is an error record.
///
/// ```
/// use newsmill_core::Status;
/// assert_eq!(serde_json::to_string(&Status::Warning).unwrap(), "\"warning\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Processed with no warning.
    Ok,
    /// Processed; see `warnings`.
    Warning,
    /// Not processed (or an extractor failed); see `errors`.
    Error,
}

/// A character-offset span in the output.
///
/// ```
/// let s = newsmill_core::SpanOut { start: 0, end: 3 };
/// assert_eq!(s.end - s.start, 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanOut {
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

/// A paragraph in the output.
///
/// ```
/// let p = newsmill_core::ParagraphOut { start: 0, end: 3, kind: "title".into(), repeat_of: None };
/// assert_eq!(p.kind, "title");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphOut {
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
    /// `title`, `subtitle`, `body`, `boilerplate` or `repeat`.
    pub kind: String,
    /// For a repeat, the index of the paragraph it repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_of: Option<u32>,
}

/// A token in the output (only with `--tokens`).
///
/// ```
/// let t = newsmill_core::TokenOut { start: 0, end: 3, kind: "word".into() };
/// assert_eq!(t.kind, "word");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenOut {
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
    /// The token kind's name.
    pub kind: String,
}

/// The dateline in the output.
///
/// ```
/// let d = newsmill_core::DatelineOut { text: "Moscow".into(), start: 10, end: 16 };
/// assert_eq!(d.text, "Moscow");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineOut {
    /// The dateline as written, without its separator.
    pub text: String,
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

/// Counts over the analysed text.
///
/// ```
/// let s = newsmill_core::RecordStats::default();
/// assert_eq!(s.tokens, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordStats {
    /// Bytes of the emitted text (UTF-8).
    pub bytes: u64,
    /// Characters of the emitted text.
    pub chars: u64,
    /// Paragraphs, all kinds.
    pub paragraphs: u32,
    /// Boilerplate paragraphs (not analysed).
    pub boilerplate: u32,
    /// Repeated paragraphs (not analysed).
    pub repeats: u32,
    /// Sentences.
    pub sentences: u32,
    /// Tokens.
    pub tokens: u32,
}

/// Which optional layers a record carries.
///
/// ```
/// let o = newsmill_core::RecordOptions::default();
/// assert!(o.text && o.sentences && !o.tokens);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordOptions {
    /// Emit the analysed text (offsets refer to it).
    pub text: bool,
    /// Emit sentence spans.
    pub sentences: bool,
    /// Emit every token.
    pub tokens: bool,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions {
            text: true,
            sentences: true,
            tokens: false,
        }
    }
}

/// One output record. Every input item gives exactly one.
///
/// ```
/// use newsmill_core::{Article, Doc, AnalyzeOptions, Record, RecordOptions, Status};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nBody text."), &AnalyzeOptions::default());
/// let r = Record::from_doc(doc, &RecordOptions::default());
/// assert_eq!(r.status, Status::Ok);
/// assert_eq!(r.title.as_deref(), Some("Head"));
/// let e = Record::error("b", "b", newsmill_core::Notice::new("empty", "empty file"));
/// assert_eq!(e.status, Status::Error);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable id of the input item.
    pub id: String,
    /// Where it came from: a path, `path:line`, `-:line`.
    pub source: String,
    /// `ok`, `warning` or `error`.
    pub status: Status,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst / subtitle.
    pub subtitle: Option<String>,
    /// Dateline.
    pub dateline: Option<DatelineOut>,
    /// Publication date as given by the input.
    pub published: Option<String>,
    /// URL as given by the input.
    pub url: Option<String>,
    /// The analysed text; every offset in the record is a character offset into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Counts.
    pub stats: RecordStats,
    /// Paragraphs with their kinds.
    pub paragraphs: Vec<ParagraphOut>,
    /// Sentence spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SpanOut>>,
    /// Tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenOut>>,
    /// Problems that did not stop processing.
    pub warnings: Vec<Notice>,
    /// Problems that did; an error record has at least one.
    pub errors: Vec<Notice>,
}

impl Record {
    /// An error record for an input item that could not be read or parsed.
    pub fn error(id: impl Into<String>, source: impl Into<String>, error: Notice) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            source: source.into(),
            status: Status::Error,
            title: None,
            subtitle: None,
            dateline: None,
            published: None,
            url: None,
            text: None,
            stats: RecordStats::default(),
            paragraphs: Vec::new(),
            sentences: None,
            tokens: None,
            warnings: Vec::new(),
            errors: vec![error],
        }
    }

    /// The record of an analysed document, offsets converted to characters.
    pub fn from_doc(doc: Doc, opts: &RecordOptions) -> Record {
        let conv = CharOffsets::new(&doc.text);
        let out = |s: Span| SpanOut {
            start: conv.char_offset(s.start),
            end: conv.char_offset(s.end),
        };
        let paragraphs = doc
            .paragraphs
            .iter()
            .map(|p| {
                let s = out(p.span());
                ParagraphOut {
                    start: s.start,
                    end: s.end,
                    kind: p.kind.name().to_string(),
                    repeat_of: (p.repeat_of != u32::MAX).then_some(p.repeat_of),
                }
            })
            .collect::<Vec<_>>();
        let sentences = opts
            .sentences
            .then(|| doc.sentences.iter().map(|s| out(s.span())).collect());
        let tokens = opts.tokens.then(|| {
            doc.tokens
                .iter()
                .map(|t| {
                    let s = out(t.span());
                    TokenOut {
                        start: s.start,
                        end: s.end,
                        kind: t.kind.name().to_string(),
                    }
                })
                .collect()
        });
        let stats = RecordStats {
            bytes: doc.text.len() as u64,
            chars: u64::from(conv.char_offset(doc.text.len() as u32)),
            paragraphs: doc.paragraphs.len() as u32,
            boilerplate: doc
                .paragraphs
                .iter()
                .filter(|p| p.kind == crate::ParagraphKind::BOILERPLATE)
                .count() as u32,
            repeats: doc
                .paragraphs
                .iter()
                .filter(|p| p.kind == crate::ParagraphKind::REPEAT)
                .count() as u32,
            sentences: doc.sentences.len() as u32,
            tokens: doc.tokens.len() as u32,
        };
        let dateline = doc.dateline.map(|d| {
            let s = out(d);
            DatelineOut {
                text: d.slice(&doc.text).to_string(),
                start: s.start,
                end: s.end,
            }
        });
        let title = doc.title_text().map(str::to_string);
        let subtitle = doc.subtitle_text().map(str::to_string);
        let status = if !doc.errors.is_empty() {
            Status::Error
        } else if !doc.warnings.is_empty() {
            Status::Warning
        } else {
            Status::Ok
        };
        drop(conv);
        Record {
            schema_version: SCHEMA_VERSION,
            id: doc.id,
            source: doc.source,
            status,
            title,
            subtitle,
            dateline,
            published: doc.published,
            url: doc.url,
            text: opts.text.then_some(doc.text),
            stats,
            paragraphs,
            sentences,
            tokens,
            warnings: doc.warnings,
            errors: doc.errors,
        }
    }
}

//! The article as it comes from a reader.

use serde::{Deserialize, Serialize};

/// A warning or error attached to a record: a stable machine code and a
/// human message.
///
/// ```
/// use newsmill_core::Notice;
/// let n = Notice::new("invalid_utf8", "3 invalid bytes replaced");
/// assert_eq!(n.code, "invalid_utf8");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Stable code, snake_case (`invalid_utf8`, `invalid_json`, ...).
    pub code: String,
    /// What happened, for a person.
    pub message: String,
    /// The stage or extractor that raised it, when not the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
}

impl Notice {
    /// A notice with no stage.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Notice {
            code: code.into(),
            message: message.into(),
            stage: None,
        }
    }

    /// The same notice, naming the stage or extractor.
    pub fn with_stage(mut self, stage: impl Into<String>) -> Self {
        self.stage = Some(stage.into());
        self
    }
}

/// One input article.
///
/// `text` is the body as the reader found it. When `title` is `None` and
/// `first_line_is_title` is set (plain-text files), the first line of `text`
/// is the headline; when `title` is `Some`, the analysed text is the title,
/// a blank line, then the body.
///
/// ```
/// use newsmill_core::Article;
/// let a = Article::from_text("x.txt", "Headline\n\nBody.");
/// assert!(a.first_line_is_title);
/// assert_eq!(a.id, "x.txt");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id: relative path, id field, or `file:line`.
    pub id: String,
    /// Where it came from (file path, `path:line`, `-:line`).
    pub source: String,
    /// Headline, when the input gave one separately.
    pub title: Option<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// URL, when given.
    pub url: Option<String>,
    /// Body text.
    pub text: String,
    /// Treat the first line of `text` as the headline when `title` is `None`.
    pub first_line_is_title: bool,
    /// Problems the reader met that did not stop it (lossy decoding, ...).
    pub warnings: Vec<Notice>,
    /// Metadata a web page declares about itself (HTML input); empty for
    /// plain text and JSON Lines.
    pub meta: PageMeta,
}

/// Metadata a web page declares about itself: from `<meta>`, OpenGraph,
/// JSON-LD and `<link>` elements. Every field is as the page states it.
///
/// ```
/// use newsmill_core::PageMeta;
/// let m = PageMeta { authors: vec!["Ada Lovelace".into()], ..PageMeta::default() };
/// assert!(m.site_name.is_none());
/// assert_eq!(m.authors.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Authors named by the page (JSON-LD `author`, `<meta name=author>`, bylines).
    pub authors: Vec<String>,
    /// The publication's name (`og:site_name`, JSON-LD `publisher`).
    pub site_name: Option<String>,
    /// The language the page declares (`<html lang>`, `og:locale`,
    /// `Content-Language`), as written (`en`, `en-GB`).
    pub page_language: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`).
    pub canonical_url: Option<String>,
    /// The page's summary (`description`, `og:description`).
    pub description: Option<String>,
    /// When the page was fetched (WARC input: `WARC-Date`).
    #[serde(default)]
    pub fetched: Option<String>,
    /// The publication date as the page writes it, when `published` was
    /// normalised from it (HTML input).
    #[serde(default)]
    pub published_raw: Option<String>,
}

impl Article {
    /// A plain-text article whose first line is the headline.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let id = id.into();
        Article {
            source: id.clone(),
            id,
            text: text.into(),
            first_line_is_title: true,
            ..Article::default()
        }
    }
}

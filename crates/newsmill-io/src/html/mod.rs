//! HTML pages: the article's main text and the metadata the page carries.
//!
//! [`extract`] decodes the bytes (byte-order mark, then the HTTP charset,
//! then `<meta charset>`, then UTF-8), parses the page once with html5ever
//! (through `dom_query`), reads the metadata (`<meta>`, OpenGraph,
//! JSON-LD, `<link rel=canonical>`, `<time>`, `<html lang>`), prunes the
//! page furniture from the tree (captions, date stamps, blocks named as
//! share/related/byline/tags/comments..., lists of links; see `prune.rs`),
//! and finds the article body with `dom_smoothie` (a Readability.js port),
//! dropping menus, cookie banners, related links and comments. Paragraphs
//! are kept as paragraphs, separated by a blank line.
//!
//! ```
//! use newsmill_io::html::{extract, HtmlOptions};
//! let page = br#"<html lang="en"><head><title>Dam opens - The Valley Post</title>
//! <meta property="og:site_name" content="The Valley Post"></head><body>
//! <nav><a href="/">Home</a> <a href="/news">News</a></nav>
//! <article><h1>Dam opens</h1>
//! <p>The new dam on the river opened on Monday after six years of building work, the county said.</p>
//! <p>Engineers expect it to hold back the spring floods that closed the valley road twice last year.</p>
//! <p>Residents who had campaigned for the scheme gathered on the bank to watch the gates close.</p>
//! </article><footer>Copyright The Valley Post</footer></body></html>"#;
//! let p = extract(page, &HtmlOptions::default()).unwrap();
//! assert_eq!(p.title.as_deref(), Some("Dam opens"));
//! assert_eq!(p.site_name.as_deref(), Some("The Valley Post"));
//! assert_eq!(p.language.as_deref(), Some("en"));
//! assert!(p.text.starts_with("The new dam on the river"));
//! assert_eq!(p.text.split("\n\n").count(), 3);
//! assert!(!p.text.contains("Copyright"));
//! ```

mod body;
mod charset;
mod depth;
mod meta;
mod prune;

use newsmill_core::{Article, Notice, PageMeta};

/// The furniture rules [`extract_with`] applies, each one switchable so
/// that `newsmill eval html --folds` can judge it by cross-validated F1
/// (ablation). [`Rules::default`] is what [`extract`] uses.
///
/// ```
/// use newsmill_io::html::Rules;
/// let r = Rules::default();
/// assert!(r.named_furniture && r.link_list);
/// let none = Rules::NONE;
/// assert!(!none.named_furniture && !none.line_furniture);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// Drop `<figcaption>`.
    pub figcaption: bool,
    /// Drop `<time>` outside a paragraph (date stamps).
    pub time_stamp: bool,
    /// Drop blocks whose class/id names them as furniture (share, related,
    /// byline, tags, comments, ...).
    pub named_furniture: bool,
    /// Drop lists of links (menus, other stories).
    pub link_list: bool,
    /// Drop paragraphs that are only a link to another story.
    pub link_paragraph: bool,
    /// Keep only the `itemprop="articleBody"` element when there is one.
    pub microdata_body: bool,
    /// Drop short furniture lines ("Share this", "Advertisement", "©") and
    /// date stamps from the body text (English words).
    pub line_furniture: bool,
    /// Cut the text at a tail marker ("Related stories", "Tags") in its
    /// second half (English words).
    pub tail_markers: bool,
    /// Drop the headline repeated as the first paragraph.
    pub leading_title: bool,
    /// Refuse pages that fail Readability's "probably readable" test and
    /// have no prose.
    pub readable_test: bool,
    /// A block that holds more than this share of the page's paragraph
    /// characters is kept whatever its class/id says.
    pub keep_share: f64,
}

impl Rules {
    /// Every rule off: `dom_smoothie` alone.
    pub const NONE: Rules = Rules {
        figcaption: false,
        time_stamp: false,
        named_furniture: false,
        link_list: false,
        link_paragraph: false,
        microdata_body: false,
        line_furniture: false,
        tail_markers: false,
        leading_title: false,
        readable_test: false,
        keep_share: 0.3,
    };
    /// Every rule on (the default).
    pub const ALL: Rules = Rules {
        figcaption: true,
        time_stamp: true,
        named_furniture: true,
        link_list: true,
        link_paragraph: true,
        microdata_body: true,
        line_furniture: true,
        tail_markers: true,
        leading_title: true,
        readable_test: true,
        keep_share: 0.3,
    };

    /// The switchable rules by name, with a setter: what the ablation in
    /// `newsmill eval html --folds` turns off one at a time.
    ///
    /// ```
    /// let mut r = newsmill_io::html::Rules::default();
    /// let (name, set) = newsmill_io::html::Rules::SWITCHES[0];
    /// set(&mut r, false);
    /// assert_eq!(name, "figcaption");
    /// assert!(!r.figcaption);
    /// ```
    pub const SWITCHES: &'static [(&'static str, RuleSetter)] = &[
        ("figcaption", |r, v| r.figcaption = v),
        ("time_stamp", |r, v| r.time_stamp = v),
        ("named_furniture", |r, v| r.named_furniture = v),
        ("link_list", |r, v| r.link_list = v),
        ("link_paragraph", |r, v| r.link_paragraph = v),
        ("microdata_body", |r, v| r.microdata_body = v),
        ("line_furniture", |r, v| r.line_furniture = v),
        ("tail_markers", |r, v| r.tail_markers = v),
        ("leading_title", |r, v| r.leading_title = v),
        ("readable_test", |r, v| r.readable_test = v),
    ];
}

/// Sets one of the [`Rules`] switches on or off.
pub type RuleSetter = fn(&mut Rules, bool);

impl Default for Rules {
    fn default() -> Self {
        Rules::ALL
    }
}

/// Options for [`extract`].
///
/// ```
/// let o = newsmill_io::html::HtmlOptions { url: Some("https://example.com/a"), charset: Some("utf-8") };
/// assert_eq!(o.charset, Some("utf-8"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlOptions<'a> {
    /// The URL the page was fetched from, if known (resolves relative links).
    pub url: Option<&'a str>,
    /// The charset from an HTTP `Content-Type` header, if any; it wins over
    /// `<meta>` but not over a byte-order mark.
    pub charset: Option<&'a str>,
}

/// What [`extract`] finds in a page.
///
/// ```
/// let p = newsmill_io::html::HtmlPage::default();
/// assert!(p.text.is_empty() && p.authors.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlPage {
    /// Headline (JSON-LD `headline`, `og:title`, `<title>` without the site
    /// name, or the first `<h1>`).
    pub title: Option<String>,
    /// The article body; paragraphs separated by `"\n\n"`.
    pub text: String,
    /// Publication date as the page gives it (ISO 8601 in nearly every page:
    /// JSON-LD `datePublished`, `article:published_time`, `<time datetime>`).
    pub published: Option<String>,
    /// Authors (JSON-LD `author`, `<meta name=author>`, bylines).
    pub authors: Vec<String>,
    /// `<link rel=canonical>`, `og:url` or the JSON-LD `url`.
    pub canonical_url: Option<String>,
    /// `og:site_name`, the JSON-LD publisher.
    pub site_name: Option<String>,
    /// Declared language: `<html lang>`, JSON-LD `inLanguage`, `og:locale`,
    /// `Content-Language`.
    pub language: Option<String>,
    /// `<meta name=description>` or `og:description`.
    pub description: Option<String>,
    /// Problems met that did not stop extraction (unknown charset, bytes
    /// invalid in the charset, ...).
    pub warnings: Vec<Notice>,
}

/// Why a page gave no article.
///
/// ```
/// use newsmill_io::html::{extract, HtmlError, HtmlOptions};
/// let e = extract(b"\x00\x01\x02binary", &HtmlOptions::default()).unwrap_err();
/// assert!(matches!(e, HtmlError::NotHtml));
/// assert_eq!(e.code(), "not_html");
/// ```
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HtmlError {
    /// The bytes are binary or contain no markup at all.
    #[error("not HTML: binary content or no markup")]
    NotHtml,
    /// The page has no article body (an index page, an error page, an
    /// empty shell filled in by JavaScript).
    #[error("no article body found in the page")]
    NoArticleBody,
}

impl HtmlError {
    /// The stable code for error records.
    pub fn code(&self) -> &'static str {
        match self {
            HtmlError::NotHtml => "not_html",
            HtmlError::NoArticleBody => "no_article_body",
        }
    }
}

/// Extract the article text and metadata of one HTML page.
///
/// Never panics, whatever the bytes. A page whose charset is unknown or
/// whose bytes are invalid in it is decoded anyway, with a warning.
///
/// ```
/// use newsmill_io::html::{extract, HtmlError, HtmlOptions};
/// let e = extract(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", &HtmlOptions::default());
/// assert_eq!(e.unwrap_err(), HtmlError::NoArticleBody);
/// ```
pub fn extract(html: &[u8], opts: &HtmlOptions<'_>) -> Result<HtmlPage, HtmlError> {
    extract_with(html, opts, &Rules::default())
}

/// [`extract`] with a chosen set of furniture [`Rules`] (for ablation).
///
/// ```
/// use newsmill_io::html::{extract_with, HtmlOptions, Rules};
/// let page = b"<html><body><article><p>The river rose by two metres overnight and the town council closed the old bridge to all traffic.</p>
/// <figure><figcaption>The bridge at dawn.</figcaption></figure></article></body></html>";
/// let with = extract_with(page, &HtmlOptions::default(), &Rules::ALL).unwrap();
/// assert!(!with.text.contains("at dawn"));
/// ```
pub fn extract_with(
    html: &[u8],
    opts: &HtmlOptions<'_>,
    rules: &Rules,
) -> Result<HtmlPage, HtmlError> {
    if looks_binary(html) || memchr::memchr(b'<', html).is_none() {
        return Err(HtmlError::NotHtml);
    }
    let mut warnings = Vec::new();
    let text = charset::decode(html, opts.charset, &mut warnings);
    let doc = dom_query::Document::from(depth::cap_nesting(&text).as_ref());
    drop(text);
    let m = meta::extract(&doc);
    prune::prune(&doc, rules);
    let found = body::extract(
        doc,
        opts.url,
        m.article_body.as_deref(),
        m.title.as_deref(),
        rules,
    );
    if found.text.trim().is_empty() {
        return Err(HtmlError::NoArticleBody);
    }
    let pick = |a: Option<String>, b: Option<String>| a.or(b.filter(|s| !s.trim().is_empty()));
    let mut authors = m.authors;
    if authors.is_empty() {
        if let Some(b) = found.byline {
            let b = meta::clean(&b);
            let b = b.strip_prefix("By ").unwrap_or(&b);
            if !b.is_empty() && b.chars().count() <= 80 {
                authors.push(b.to_string());
            }
        }
    }
    Ok(HtmlPage {
        title: pick(m.title, found.title.map(|t| meta::clean(&t))),
        text: found.text,
        published: pick(m.published, found.published),
        authors,
        canonical_url: m.canonical_url,
        site_name: pick(m.site_name, found.site_name),
        language: m.language,
        description: m.description,
        warnings,
    })
}

impl HtmlPage {
    /// The page as an [`Article`]: `url` is the URL it was fetched from
    /// when known, else the page's canonical URL.
    ///
    /// ```
    /// let page = newsmill_io::html::HtmlPage { title: Some("T".into()), text: "Body.".into(),
    ///     canonical_url: Some("https://x.example/a".into()), ..Default::default() };
    /// let a = page.into_article("a.html", "pages/a.html", None);
    /// assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
    /// assert_eq!(a.meta.canonical_url.as_deref(), Some("https://x.example/a"));
    /// assert!(!a.first_line_is_title);
    /// ```
    pub fn into_article(
        self,
        id: impl Into<String>,
        source: impl Into<String>,
        url: Option<&str>,
    ) -> Article {
        Article {
            id: id.into(),
            source: source.into(),
            title: self.title,
            published: self.published,
            url: url
                .map(str::to_string)
                .or_else(|| self.canonical_url.clone()),
            text: self.text,
            first_line_is_title: false,
            warnings: self.warnings,
            meta: PageMeta {
                authors: self.authors,
                site_name: self.site_name,
                page_language: self.language,
                canonical_url: self.canonical_url,
                description: self.description,
                fetched: None,
            },
        }
    }
}

/// A NUL byte in the first 1 KiB (UTF-16 pages carry a byte-order mark and
/// are let through).
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(1024)]).is_some()
}

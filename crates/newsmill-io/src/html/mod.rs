//! HTML pages: the article's main text and the metadata the page carries.
//!
//! [`extract`] decodes the bytes (byte-order mark, then the HTTP charset,
//! then `<meta charset>`, then UTF-8), parses the page once with html5ever
//! (through `dom_query`), reads the metadata (`<meta>`, OpenGraph,
//! JSON-LD, `<link rel=canonical>`, `<time>`, `<html lang>`), cuts the
//! page into text blocks and keeps the main-text ones by a learned block
//! classifier (gradient-boosted trees over features of structure and text
//! that hold in any language: link and stop-word density, the element and
//! its ancestors, class/id words by kind, position, neighbours, and what a
//! Readability pass (`dom_smoothie`) took; see `blocks.rs`, `gbdt.rs` and
//! docs/html.md). Menus, cookie banners, related links and comments go.
//! Paragraphs are kept as paragraphs, separated by a blank line.
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

mod blocks;
mod body;
mod charset;
mod date;
mod depth;
pub mod gbdt;
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
    /// Drop agency credit lines ("Reporting by ...; Editing by ...";
    /// English wording).
    pub credit_lines: bool,
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
        credit_lines: false,
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
        credit_lines: true,
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
        ("credit_lines", |r, v| r.credit_lines = v),
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
    /// Publication date in ISO 8601, with the page's offset when it gives
    /// a zone (`2019-11-19T19:47:00-05:00`), from JSON-LD `datePublished`,
    /// `article:published_time` and other `<meta>`, `itemprop=datePublished`,
    /// `<time datetime>`; `None` when the page's date is in no known form
    /// (it is still in `published_raw`).
    pub published: Option<String>,
    /// The publication date as the page writes it.
    pub published_raw: Option<String>,
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
    extract_by_blocks(html, opts, BlockModel::shipped())
}

/// The earlier design, kept for comparison (`newsmill eval html --folds`):
/// furniture pruned from the tree by the chosen [`Rules`], then
/// `dom_smoothie` (a Readability.js port) and line rules. Its words and
/// thresholds were written on the benchmark pages, so it has no honest
/// cross-validated figure; [`extract`] uses the learned block classifier.
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
    let (doc, m, warnings) = parse(html, opts)?;
    prune::prune(&doc, rules);
    let found = body::extract(
        doc,
        opts.url,
        m.article_body.as_deref(),
        m.title.as_deref(),
        rules,
    );
    finish(found, m, warnings)
}

/// Decode and parse a page, and read its metadata.
fn parse(
    html: &[u8],
    opts: &HtmlOptions<'_>,
) -> Result<(dom_query::Document, meta::Meta, Vec<Notice>), HtmlError> {
    if looks_binary(html) || memchr::memchr(b'<', html).is_none() {
        return Err(HtmlError::NotHtml);
    }
    let mut warnings = Vec::new();
    let text = charset::decode(html, opts.charset, &mut warnings);
    let doc = dom_query::Document::from(depth::cap_nesting(&text).as_ref());
    drop(text);
    let m = meta::extract(&doc);
    Ok((doc, m, warnings))
}

/// A page cut into text blocks, each with its feature row: what the block
/// classifier reads (see [`extract_by_blocks`]).
///
/// ```
/// use newsmill_io::html::{page_blocks, HtmlOptions, BLOCK_FEATURES};
/// let b = page_blocks(b"<html><body><nav><a href='/'>Home</a></nav><p>The dam opened on Monday.</p></body></html>",
///     &HtmlOptions::default()).unwrap();
/// assert_eq!(b.texts, ["Home", "The dam opened on Monday."]);
/// assert_eq!(b.rows.len(), 2 * BLOCK_FEATURES.len());
/// ```
#[derive(Clone, Debug, Default)]
pub struct PageBlocks {
    /// Each block's text (whitespace runs collapsed), in document order.
    pub texts: Vec<String>,
    /// The feature rows, [`BLOCK_FEATURES`] values per block, flattened.
    pub rows: Vec<f32>,
    /// Which container (parent element) each block sits in.
    pub containers: Vec<u64>,
}

impl PageBlocks {
    /// The first stage's probability of each block under `model`.
    pub fn first_stage(&self, model: &gbdt::Forest) -> Vec<f32> {
        let w = BLOCK_FEATURES.len();
        (0..self.texts.len())
            .map(|i| model.probability(self.rows.get(i * w..(i + 1) * w).unwrap_or(&[])))
            .collect()
    }

    /// The second stage's rows ([`CONTEXT_FEATURES`] wide) from the first
    /// stage's probabilities.
    pub fn context_rows(&self, p: &[f32]) -> Vec<f32> {
        let chars: Vec<usize> = self.texts.iter().map(|t| t.chars().count()).collect();
        blocks::context_rows(&self.rows, p, &self.containers, &chars)
    }
}

/// The names of the block features, in row order.
pub const BLOCK_FEATURES: &[&str] = blocks::FEATURE_NAMES;

/// The names of the second stage's extra features (appended to
/// [`BLOCK_FEATURES`]).
pub const CONTEXT_FEATURES: &[&str] = blocks::CONTEXT_NAMES;

/// The block classifier: a first stage over each block's own features, a
/// second over those and the first stage's probabilities around the
/// block.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct BlockModel {
    /// Over [`BLOCK_FEATURES`].
    pub first: gbdt::Forest,
    /// Over [`BLOCK_FEATURES`] then [`CONTEXT_FEATURES`]; with no trees
    /// the first stage decides.
    pub second: gbdt::Forest,
    /// Probability a block needs to be kept.
    pub threshold: f32,
}

/// The shipped model, trained on the 121 benchmark pages by
/// `newsmill eval html --bench DIR --blocks --write-model FILE`.
static SHIPPED: std::sync::LazyLock<BlockModel> = std::sync::LazyLock::new(|| {
    serde_json::from_str(include_str!("block_model.json")).unwrap_or_default()
});

impl BlockModel {
    /// The model [`extract`] uses (embedded; parsed on first use).
    ///
    /// ```
    /// let m = newsmill_io::html::BlockModel::shipped();
    /// assert!(!m.first.trees.is_empty() && !m.second.trees.is_empty());
    /// ```
    pub fn shipped() -> &'static BlockModel {
        &SHIPPED
    }

    /// The probability of each block being main text.
    pub fn probabilities(&self, b: &PageBlocks) -> Vec<f32> {
        let p = b.first_stage(&self.first);
        if self.second.trees.is_empty() {
            return p;
        }
        let w = BLOCK_FEATURES.len() + CONTEXT_FEATURES.len();
        let rows = b.context_rows(&p);
        (0..p.len())
            .map(|i| {
                self.second
                    .probability(rows.get(i * w..(i + 1) * w).unwrap_or(&[]))
            })
            .collect()
    }
}

/// Cut a page into blocks and describe each one (no pruning rule runs:
/// the features are all the classifier sees).
pub fn page_blocks(html: &[u8], opts: &HtmlOptions<'_>) -> Result<PageBlocks, HtmlError> {
    let (doc, m, _) = parse(html, opts)?;
    Ok(blocks_of(doc, &m, opts).0)
}

fn blocks_of(
    doc: dom_query::Document,
    m: &meta::Meta,
    opts: &HtmlOptions<'_>,
) -> (PageBlocks, body::Body) {
    let raw = doc.body().map(blocks::blocks).unwrap_or_default();
    let read = body::extract(
        doc,
        opts.url,
        m.article_body.as_deref(),
        m.title.as_deref(),
        &Rules::NONE,
    );
    let took = took_by(&raw, &read.text);
    let bit = blocks::stop_bit(&raw, m.language.as_deref());
    let rows = blocks::features(&raw, &took, bit, m.title.as_deref());
    let containers = blocks::container_keys(&raw);
    let texts = raw.into_iter().map(|r| r.text).collect();
    (
        PageBlocks {
            texts,
            rows,
            containers,
        },
        read,
    )
}

/// Whether the Readability pass took each block: its text, whitespace
/// collapsed, is found in the pass's text at or after where the previous
/// long block taken was found (both are in document order), within
/// [`TOOK_WINDOW`] bytes; short blocks ("Home", "Share") do not move that
/// place, as they may match anywhere. Linear in the page, whatever its
/// number of blocks.
fn took_by(raw: &[blocks::Raw], read: &str) -> Vec<bool> {
    let flat = read.split_whitespace().collect::<Vec<_>>().join(" ");
    let hay = flat.as_bytes();
    let mut from = 0usize;
    raw.iter()
        .map(|r| {
            let end = (from + TOOK_WINDOW + r.text.len()).min(hay.len());
            let window = hay.get(from..end).unwrap_or(&[]);
            match memchr::memmem::find(window, r.text.as_bytes()) {
                Some(at) => {
                    if r.text.len() >= 40 {
                        from += at + r.text.len();
                    }
                    true
                }
                None => false,
            }
        })
        .collect()
}

/// How far past the last match [`took_by`] looks for a block's text.
const TOOK_WINDOW: usize = 4096;

/// [`extract`] by the learned block classifier: every block `model` keeps,
/// in document order, one paragraph each, except agency credit lines
/// ("Reporting by ...; Editing by ...").
///
/// ```
/// use newsmill_io::html::{extract_by_blocks, BlockModel, HtmlOptions};
/// // A model with no trees keeps everything (log-odds 0: probability 0.5).
/// let m = BlockModel { threshold: 0.5, ..Default::default() };
/// let p = extract_by_blocks(b"<html><body><p>The dam opened on Monday.</p><p>Work began in 2019.</p></body></html>",
///     &HtmlOptions::default(), &m).unwrap();
/// assert_eq!(p.text, "The dam opened on Monday.\n\nWork began in 2019.");
/// ```
pub fn extract_by_blocks(
    html: &[u8],
    opts: &HtmlOptions<'_>,
    model: &BlockModel,
) -> Result<HtmlPage, HtmlError> {
    let (doc, m, warnings) = parse(html, opts)?;
    let (b, mut found) = blocks_of(doc, &m, opts);
    let p = model.probabilities(&b);
    let mut text = String::new();
    for (t, &pi) in b.texts.iter().zip(&p) {
        // Agency credit lines ("Reporting by ...; Editing by ...") are
        // the agency's, not the story's (English wording).
        if pi >= model.threshold && !body::is_credit_line(t) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(t);
        }
    }
    if text.is_empty()
        && let Some(body) = m.article_body.as_deref()
    {
        text = body.trim().to_string();
    }
    found.text = text;
    finish(found, m, warnings)
}

/// The page from its metadata and the body found.
fn finish(found: body::Body, m: meta::Meta, warnings: Vec<Notice>) -> Result<HtmlPage, HtmlError> {
    if found.text.trim().is_empty() {
        return Err(HtmlError::NoArticleBody);
    }
    let pick = |a: Option<String>, b: Option<String>| a.or(b.filter(|s| !s.trim().is_empty()));
    let site_name = pick(m.site_name, found.site_name);
    let mut authors = m.authors;
    if authors.is_empty()
        && let Some(b) = found.byline
    {
        let b = meta::clean(&b);
        let b = b.strip_prefix("By ").unwrap_or(&b);
        if !b.is_empty() && b.chars().count() <= 80 && meta::is_person(b, site_name.as_deref()) {
            authors.push(b.to_string());
        }
    }
    authors.retain(|a| meta::is_person(a, site_name.as_deref()));
    let published_raw = pick(m.published, found.published).map(|d| meta::clean(&d));
    Ok(HtmlPage {
        title: pick(m.title, found.title.map(|t| meta::clean(&t))),
        text: found.text,
        published: published_raw.as_deref().and_then(date::normalize),
        published_raw,
        authors,
        canonical_url: m.canonical_url,
        site_name,
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
                published_raw: self.published_raw,
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

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "The port authority said on Tuesday that the new container terminal would open next spring after two years of delays.";

    fn page(head: &str, body: &str) -> HtmlPage {
        let html = format!(
            "<html><head>{head}</head><body><article>{body}<p>{P}</p><p>{P}</p><p>{P}</p></article></body></html>"
        );
        extract(html.as_bytes(), &HtmlOptions::default()).unwrap_or_default()
    }

    #[test]
    fn published_is_iso_8601_with_offset_and_kept_as_written() {
        let p = page(
            r#"<meta name="date" content="November 19, 2019, 07:47 PM EST">"#,
            "",
        );
        assert_eq!(p.published.as_deref(), Some("2019-11-19T19:47:00-05:00"));
        assert_eq!(
            p.published_raw.as_deref(),
            Some("November 19, 2019, 07:47 PM EST")
        );
        // Microdata on an element that is not <meta>.
        let p = page(
            "",
            r#"<span itemprop="datePublished" content="Mon, 18 Nov 2019 16:07:38 -0600">Nov 18</span>"#,
        );
        assert_eq!(p.published.as_deref(), Some("2019-11-18T16:07:38-06:00"));
        // A placeholder date is no date.
        let p = page(
            r#"<meta property="article:published_time" content="0001-01-01T00:00:00Z">"#,
            "",
        );
        assert_eq!(p.published, None);
    }

    #[test]
    fn titles_lose_entities_and_json_ld_outranks_opengraph_for_the_site() {
        let p = page(
            r#"<meta property="og:site_name" content="U.S.">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"&#8216;The Medium is the Message&#8217;",
            "publisher":{"@type":"Organization","name":"Reuters"}}</script>"#,
            "",
        );
        assert_eq!(
            p.title.as_deref(),
            Some("\u{2018}The Medium is the Message\u{2019}")
        );
        assert_eq!(p.site_name.as_deref(), Some("Reuters"));
    }

    #[test]
    fn author_strings_that_are_not_people_are_dropped() {
        let p = page(
            r#"<meta property="og:site_name" content="CNN">
            <script type="application/ld+json">{"@type":"NewsArticle","author":[
            {"name":"admin"},{"name":"@jdoe"},{"name":"jdoe_88"},{"name":"CNN"},{"name":"Sobre Carlos Nadalim"},
            {"name":"CNN Business"},{"name":"Analysis by Chris Cillizza"},{"name":"AP Sports Writer"},
            {"name":"Ilana Muhlstein, MS, RDN"},{"name":"王伟"}]}</script>"#,
            "",
        );
        assert_eq!(p.authors, ["Chris Cillizza", "Ilana Muhlstein", "王伟"]);
    }

    #[test]
    fn a_page_of_200000_nested_divs_gives_its_text() {
        let n = 200_000;
        let html = format!(
            "<html><body>{}<p>{P}</p><p>{P}</p><p>{P}</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let p = extract(html.as_bytes(), &HtmlOptions::default());
        assert_eq!(
            p.map(|p| p.text.matches("container terminal").count()),
            Ok(3)
        );
    }

    #[test]
    fn agency_credit_lines_leave_the_body() {
        let p = page(
            "",
            &format!("<p>{P}</p><p>Reporting by Ann Lee in Oslo; Editing by Bo Li</p>"),
        );
        assert!(!p.text.contains("Reporting by"), "{}", p.text);
        assert!(p.text.contains("container terminal"));
    }
}

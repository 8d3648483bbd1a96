//! The article body: `dom_smoothie` finds the main content node, then the
//! text is laid out as paragraphs.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

/// The body and what the content finder noticed on the way.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
}

/// Readability score a page needs to count as an article: the sum over
/// paragraphs of `sqrt(chars - MIN_PARAGRAPH)`.
const MIN_SCORE: f32 = 8.0;
/// Characters a paragraph needs to count towards [`MIN_SCORE`].
const MIN_PARAGRAPH: usize = 60;

pub(crate) fn extract(doc: Document, url: Option<&str>, ld_body: Option<&str>) -> Body {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut found = Body::default();
    // Readability.js's test: some visible paragraphs of real length. A
    // page without them (an index, an error page, a script-filled shell)
    // has no article, unless its JSON-LD carries the body.
    let readable = dom_smoothie::is_probably_readable(&doc, Some(MIN_SCORE), Some(MIN_PARAGRAPH));
    let reader = Readability::with_document(doc, url, Some(cfg)).ok();
    if let Some(mut r) = reader {
        if let Ok(a) = r.parse() {
            found.text = paragraphs(&a.text_content);
            found.title = Some(a.title).filter(|t| !t.trim().is_empty());
            found.byline = a.byline;
            found.published = a.published_time;
            found.site_name = a.site_name;
        }
    }
    // What the content finder returns from a page that failed the test is
    // the page's navigation, unless it found real paragraphs anyway
    // (text in <div>s with <br>s).
    if !readable && !has_prose(&found.text) {
        found.text.clear();
    }
    if found.text.is_empty() {
        if let Some(b) = ld_body {
            found.text = paragraphs(b);
        }
    }
    found
}

/// At least 400 characters, one paragraph of 80 or more.
fn has_prose(text: &str) -> bool {
    text.len() >= 400 && text.split("\n\n").any(|p| p.chars().count() >= 80)
}

/// Lines trimmed, blank ones dropped, the rest joined by a blank line.
fn paragraphs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    out
}

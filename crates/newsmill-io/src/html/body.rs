//! The article body: `dom_smoothie` finds the main content node, then the
//! text is laid out as paragraphs.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::Rules;

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

pub(crate) fn extract(
    doc: Document,
    url: Option<&str>,
    ld_body: Option<&str>,
    title: Option<&str>,
    rules: &Rules,
) -> Body {
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
    if let Some(mut r) = reader
        && let Ok(a) = r.parse()
    {
        found.text = paragraphs(&a.text_content, rules);
        found.title = Some(a.title).filter(|t| !t.trim().is_empty());
        if rules.leading_title {
            drop_leading_title(&mut found.text, found.title.as_deref(), title);
        }
        found.byline = a.byline;
        found.published = a.published_time;
        found.site_name = a.site_name;
    }
    // What the content finder returns from a page that failed the test is
    // the page's navigation, unless it found real paragraphs anyway
    // (text in <div>s with <br>s).
    if rules.readable_test && !readable && !has_prose(&found.text) {
        found.text.clear();
    }
    if found.text.is_empty()
        && let Some(b) = ld_body
    {
        found.text = paragraphs(b, rules);
    }
    found
}

/// At least 400 characters, one paragraph of 80 or more.
fn has_prose(text: &str) -> bool {
    text.len() >= 400 && text.split("\n\n").any(|p| p.chars().count() >= 80)
}

/// The headline repeated as the body's first paragraph is dropped.
fn drop_leading_title(text: &mut String, a: Option<&str>, b: Option<&str>) {
    let first = text.split("\n\n").next().unwrap_or("");
    let same = |t: Option<&str>| t.is_some_and(|t| t.trim().eq_ignore_ascii_case(first.trim()));
    if !first.is_empty() && (same(a) || same(b)) {
        let cut = (first.len() + 2).min(text.len());
        text.drain(..cut);
    }
}

/// Short lines that are page furniture, not story: share and follow
/// prompts, newsletter sign-ups, advertising labels, copyright lines.
const FURNITURE: &[&str] = &[
    "advertisement",
    "all rights reserved",
    "click here",
    "copyright",
    "follow us",
    "newsletter",
    "read more",
    "share this",
    "sign up",
    "subscribe",
    "©",
];

/// Short lines that stamp the page, not the story.
const STAMPS: &[&str] = &["published", "updated", "posted", "last modified"];

/// Lines after which, in the second half of the text, only links to
/// other stories follow.
const TAIL_MARKERS: &[&str] = &[
    "you may also like",
    "related articles",
    "related stories",
    "more from",
    "see also",
    "tags",
    "comments",
    "recommended",
];

/// Agency credit lines ("Reporting by ...; Editing by ..."): English
/// wording, the form Reuters and AP use.
const CREDITS: &[&str] = &[
    "reporting by ",
    "additional reporting by ",
    "editing by ",
    "writing by ",
    "compiled by ",
];

pub(crate) fn is_credit_line(line: &str) -> bool {
    line.len() <= 300
        && CREDITS.iter().any(|c| {
            line.get(..c.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(c))
        })
}

fn is_furniture(line: &str) -> bool {
    if line.len() > 100 {
        return false;
    }
    let lower = line.to_lowercase();
    FURNITURE.iter().any(|f| lower.contains(f))
        || (line.len() <= 60 && STAMPS.iter().any(|f| lower.contains(f)))
}

fn is_tail_marker(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', '…', ' ']);
    TAIL_MARKERS.contains(&lower)
}

/// Lines trimmed, blank and furniture ones dropped, the rest joined by a
/// blank line.
fn paragraphs(s: &str, rules: &Rules) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let line = line.trim();
        if rules.tail_markers && is_tail_marker(line) && out.len() * 2 > s.len() {
            break;
        }
        if line.is_empty()
            || (rules.line_furniture && is_furniture(line))
            || (rules.credit_lines && is_credit_line(line))
        {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_stamps_repeated_title_and_trailing_link_lists_are_dropped() {
        let long = "The council approved the new budget after a long debate that ran late into the evening on Tuesday.";
        let raw = format!(
            "Budget passes\n{long}\nPublished: 10:48, Tue\nShare this article\n{long}\nYou may also like...\nOther story one\nOther story two"
        );
        let mut text = paragraphs(&raw, &Rules::ALL);
        drop_leading_title(&mut text, Some("Budget passes"), None);
        assert_eq!(text, format!("{long}\n\n{long}"));
        // A marker in the first half is kept: it may be the story's own words.
        assert_eq!(
            paragraphs("Comments\nA reply.", &Rules::ALL),
            "Comments\n\nA reply."
        );
    }
}

//! Page furniture removed from the DOM before the content finder runs:
//! captions and photo credits, and blocks whose class or id names them as
//! sharing bars, related-story lists, newsletter boxes, bylines, tags,
//! comments and the like. A block that holds a large share of the page's
//! paragraph text is kept whatever its name says (WordPress, for one, puts
//! `tag-...` classes on the article element itself).

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef};

/// Class/id words (after splitting on `-`, `_`, and lower/upper case
/// changes) that name a block as furniture, not story.
const FURNITURE_WORDS: &[&str] = &[
    "advert",
    "advertisement",
    "author",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "credit",
    "credits",
    "disqus",
    "newsletter",
    "outbrain",
    "promo",
    "recirc",
    "recommended",
    "related",
    "share",
    "sharing",
    "signup",
    "social",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
];

/// Elements dropped by name: captions belong to the picture, not the story.
const DROPPED_ELEMENTS: &[&str] = &["figcaption"];

/// A named block is kept when it holds more than this share of the page's
/// paragraph characters.
const KEEP_SHARE: f64 = 0.3;

/// Text counts of one subtree.
#[derive(Clone, Copy, Default)]
struct Stats {
    /// Non-blank characters.
    text: usize,
    /// Non-blank characters inside links.
    link: usize,
    /// Non-blank characters inside `<p>`.
    para: usize,
    /// Links.
    links: usize,
}

/// Remove the furniture from `doc`.
pub(crate) fn prune(doc: &Document) {
    let Some(body) = doc.body() else {
        return;
    };
    let stats = subtree_stats(&body);
    let total = stats.get(&body.id).copied().unwrap_or_default();
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    for node in body.descendants_it() {
        if !node.is_element() {
            continue;
        }
        let s = stats.get(&node.id).copied().unwrap_or_default();
        let minor = s.para as f64 <= KEEP_SHARE * total.para as f64;
        if DROPPED_ELEMENTS.iter().any(|n| node.has_name(n))
            || (minor
                && (names_furniture(&node) || link_list(&node, s) || link_paragraph(&node, s)))
        {
            doomed.push(node);
        }
    }
    outside_article_body(&body, &stats, &mut doomed);
    for node in doomed {
        node.remove_from_parent();
    }
}

/// A page that marks its story with schema.org microdata
/// (`itemprop="articleBody"`, once, around real text): everything beside
/// the path from `<body>` down to it is furniture.
fn outside_article_body<'a>(
    body: &NodeRef<'a>,
    stats: &HashMap<NodeId, Stats>,
    doomed: &mut Vec<NodeRef<'a>>,
) {
    let mut marked = body.descendants_it().filter(|n| {
        n.attr("itemprop")
            .is_some_and(|v| v.split_whitespace().any(|w| w == "articleBody"))
    });
    let (Some(article), None) = (marked.next(), marked.next()) else {
        return;
    };
    if stats
        .get(&article.id)
        .is_none_or(|s| s.text < ARTICLE_BODY_MIN_CHARS)
    {
        return;
    }
    let mut node = article;
    while node.id != body.id {
        let mut sib = node.prev_sibling();
        while let Some(x) = sib {
            sib = x.prev_sibling();
            doomed.push(x);
        }
        let mut sib = node.next_sibling();
        while let Some(x) = sib {
            sib = x.next_sibling();
            doomed.push(x);
        }
        match node.parent() {
            Some(p) => node = p,
            None => break,
        }
    }
}

/// Characters an `itemprop="articleBody"` element needs to be trusted.
const ARTICLE_BODY_MIN_CHARS: usize = 500;

/// Blocks that are mostly links: lists of other stories, tag lists, menus.
fn link_list(node: &NodeRef<'_>, s: Stats) -> bool {
    s.links >= LINK_LIST_MIN_LINKS
        && s.text > 0
        && s.link as f64 >= LINK_LIST_DENSITY * s.text as f64
        && LINK_LIST_ELEMENTS.iter().any(|n| node.has_name(n))
}

/// A paragraph that is a link to another story ("SEE MORE: ...", "Also
/// on ...: ..."): at least four words, nearly all link text, and not a
/// bare web address (sources cited by address are part of the story).
fn link_paragraph(node: &NodeRef<'_>, s: Stats) -> bool {
    if !node.has_name("p")
        || s.links == 0
        || s.text == 0
        || (s.link as f64) < LINK_PARAGRAPH_DENSITY * s.text as f64
    {
        return false;
    }
    let text = node.text();
    !(text.contains("://") || text.contains("www.")) && text.split_whitespace().count() >= 4
}

/// Share of a paragraph's characters that must be link text for
/// [`link_paragraph`].
const LINK_PARAGRAPH_DENSITY: f64 = 0.8;

/// Elements that can be a list of links.
const LINK_LIST_ELEMENTS: &[&str] = &["ul", "ol", "div", "section", "aside", "nav", "table"];
/// Links a block needs to count as a list of links.
const LINK_LIST_MIN_LINKS: usize = 3;
/// Share of a block's characters that must be link text.
const LINK_LIST_DENSITY: f64 = 0.6;

/// Text counts for every node under `root` (itself included), in one pass:
/// nodes in document order, then folded child-to-parent in reverse.
fn subtree_stats<'a>(root: &NodeRef<'a>) -> HashMap<NodeId, Stats> {
    let nodes: Vec<NodeRef<'a>> = std::iter::once(*root)
        .chain(root.descendants_it())
        .collect();
    let mut stats: HashMap<NodeId, Stats> = HashMap::with_capacity(nodes.len());
    for node in nodes.iter().rev() {
        let mut s = stats.get(&node.id).copied().unwrap_or_default();
        if node.is_text() {
            s.text = node.normalized_char_count();
        } else if node.has_name("a") {
            s.link = s.text;
            s.links += 1;
        } else if node.has_name("p") {
            s.para = s.text;
        } else if node.has_name("script") || node.has_name("style") {
            s = Stats::default();
        }
        stats.insert(node.id, s);
        if node.id == root.id {
            break;
        }
        if let Some(parent) = node.parent() {
            let p = stats.entry(parent.id).or_default();
            p.text += s.text;
            p.link += s.link;
            p.para += s.para;
            p.links += s.links;
        }
    }
    stats
}

fn names_furniture(node: &NodeRef<'_>) -> bool {
    node.class().is_some_and(|v| has_furniture_word(&v))
        || node.id_attr().is_some_and(|v| has_furniture_word(&v))
}

/// Whether a class or id value contains a furniture word as one of its
/// parts: `share-bar`, `relatedStories`, `article_tags` do; `shareholder`,
/// `authority` do not.
fn has_furniture_word(value: &str) -> bool {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars().chain(std::iter::once(' ')) {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && prev_lower);
        if boundary && !word.is_empty() {
            if FURNITURE_WORDS.contains(&word.as_str()) {
                return true;
            }
            word.clear();
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "The harbour board voted on Thursday to rebuild the north pier before the winter storms arrive.";

    #[test]
    fn captions_named_furniture_and_link_lists_go_the_story_stays() {
        let html = format!(
            r#"<html><body><article class="post tag-harbour category-news">
            <div class="c-byline">By Ann Lee</div><p>{PARA}</p>
            <figure><img src="p.jpg"><figcaption>The old pier in 1990.</figcaption></figure>
            <p>{PARA}</p><div class="share-bar"><a href="/f">Facebook</a></div>
            <p>{PARA}</p><ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other story two</a></li>
            <li><a href="/3">Other story three</a></li></ul>
            <p><a href="/4">SEE MORE: Harbour board elects a new chair</a></p>
            <p><a href="https://board.example/minutes">https://board.example/minutes</a></p>
            </article></body></html>"#
        );
        let doc = Document::from(html.as_str());
        prune(&doc);
        let text = doc.select("body").text();
        assert_eq!(text.matches(PARA).count(), 3, "{text}");
        for gone in ["Ann Lee", "old pier", "Facebook", "Other story", "SEE MORE"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert!(text.contains("https://board.example/minutes"), "{text}");
    }

    #[test]
    fn only_the_microdata_article_body_is_kept_when_it_holds_the_text() {
        let story = [PARA; 6].join(" ");
        let html = format!(
            r#"<html><body><div><p class="lead">A lead paragraph set apart from the story body by the page.</p>
            <div itemprop="articleBody"><p>{story}</p></div><p>Read our other stories.</p></div>
            <div><p>Footer text.</p></div></body></html>"#
        );
        let doc = Document::from(html.as_str());
        prune(&doc);
        assert_eq!(doc.select("body").text().trim(), story);
        // A short marked element (a teaser) is not trusted.
        let html = format!(
            r#"<html><body><p>{PARA}</p><div itemprop="articleBody"><p>Short teaser.</p></div></body></html>"#
        );
        let doc = Document::from(html.as_str());
        prune(&doc);
        assert!(doc.select("body").text().contains(PARA));
    }

    #[test]
    fn furniture_words_are_whole_parts_of_class_names() {
        for yes in [
            "share-bar",
            "relatedStories",
            "article_tags",
            "c-byline x",
            "fig caption",
        ] {
            assert!(has_furniture_word(yes), "{yes}");
        }
        for no in ["shareholder", "authority", "article-body", "tagline", ""] {
            assert!(!has_furniture_word(no), "{no}");
        }
    }
}

//! Page furniture removed from the DOM before the content finder runs:
//! captions, date stamps, and blocks whose class or id names them as
//! sharing bars, related-story lists, newsletter boxes, bylines, tags,
//! comments and the like; lists of links; paragraphs that are only a link
//! to another story. A block that holds a large share of the page's
//! paragraph text is kept whatever its name says (WordPress, for one, puts
//! `tag-...` classes on the article element itself). A page that marks its
//! story with schema.org microdata (`itemprop="articleBody"`) keeps only
//! that.
//!
//! One walk over the tree counts the text of every element (post-order,
//! with an explicit stack: no recursion, whatever the nesting); a second
//! walk over those counts picks what goes.

use dom_query::{Document, NodeRef};

use super::Rules;

/// Class/id words (after splitting on `-`, `_`, and lower/upper case
/// changes) that name a block as furniture, not story.
pub(crate) const FURNITURE_WORDS: &[&str] = &[
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
    "date",
    "dateline",
    "disqus",
    "gallery",
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
    "timestamp",
];

/// Longest word in [`FURNITURE_WORDS`]; longer words cannot match.
const MAX_WORD: usize = 16;

/// Elements that can be a list of links.
const LINK_LIST_ELEMENTS: &[&str] = &["ul", "ol", "div", "section", "aside", "nav", "table"];
/// Links a block needs to count as a list of links.
const LINK_LIST_MIN_LINKS: usize = 3;
/// Share of a block's characters that must be link text.
const LINK_LIST_DENSITY: f64 = 0.6;
/// Share of a paragraph's characters that must be link text for
/// [`link_paragraph`].
const LINK_PARAGRAPH_DENSITY: f64 = 0.8;
/// Characters an `itemprop="articleBody"` element needs to be trusted.
const ARTICLE_BODY_MIN_CHARS: usize = 500;

/// Text counts of one element's subtree.
#[derive(Clone, Copy, Default)]
struct Stats {
    /// Characters (whitespace runs count once).
    text: usize,
    /// Characters inside links.
    link: usize,
    /// Characters inside `<p>`.
    para: usize,
    /// Links.
    links: usize,
    /// Inside a `<p>`.
    in_p: bool,
}

/// Remove the furniture from `doc`.
pub(crate) fn prune(doc: &Document, rules: &Rules) {
    let Some(body) = doc.body() else {
        return;
    };
    let elements = element_stats(body);
    let Some(&(_, total)) = elements.first() else {
        return;
    };
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    let mut article_body = None;
    let mut marked = 0;
    for &(node, s) in &elements[1..] {
        if node
            .attr("itemprop")
            .is_some_and(|v| v.split_whitespace().any(|w| w == "articleBody"))
        {
            marked += 1;
            article_body = Some((node, s));
        }
        let minor = s.para as f64 <= rules.keep_share * total.para as f64;
        if (rules.figcaption && node.has_name("figcaption"))
            || (rules.time_stamp && node.has_name("time") && !s.in_p)
            || (minor
                && ((rules.named_furniture && names_furniture(&node))
                    || (rules.link_list && link_list(&node, s))
                    || (rules.link_paragraph && link_paragraph(&node, s))))
        {
            doomed.push(node);
        }
    }
    if let (true, 1, Some((node, s))) = (rules.microdata_body, marked, article_body)
        && s.text >= ARTICLE_BODY_MIN_CHARS
    {
        outside(node, body, &mut doomed);
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Every element under `root` (itself first) in document order, with the
/// text counts of its subtree.
fn element_stats(root: NodeRef<'_>) -> Vec<(NodeRef<'_>, Stats)> {
    let mut out: Vec<(NodeRef<'_>, Stats)> = vec![(root, Stats::default())];
    // (index in `out`, next child to visit)
    let mut stack: Vec<(usize, Option<NodeRef<'_>>)> = vec![(0, root.first_child())];
    while let Some(top) = stack.last_mut() {
        let idx = top.0;
        match top.1 {
            Some(child) => {
                top.1 = child.next_sibling();
                if child.is_text() {
                    out[idx].1.text += child.normalized_char_count();
                } else if child.is_element() {
                    let in_p = out[idx].1.in_p || out[idx].0.has_name("p");
                    let s = Stats {
                        in_p,
                        ..Stats::default()
                    };
                    stack.push((out.len(), child.first_child()));
                    out.push((child, s));
                }
            }
            None => {
                stack.pop();
                let (node, mut s) = out[idx];
                if node.has_name("a") {
                    s.link = s.text;
                    s.links += 1;
                } else if node.has_name("p") {
                    s.para = s.text;
                } else if node.has_name("script") || node.has_name("style") {
                    s = Stats {
                        in_p: s.in_p,
                        ..Stats::default()
                    };
                }
                out[idx].1 = s;
                if let Some(&(parent, _)) = stack.last() {
                    let p = &mut out[parent].1;
                    p.text += s.text;
                    p.link += s.link;
                    p.para += s.para;
                    p.links += s.links;
                }
            }
        }
    }
    out
}

/// Everything beside the path from `body` down to `node`.
fn outside<'a>(node: NodeRef<'a>, body: NodeRef<'a>, doomed: &mut Vec<NodeRef<'a>>) {
    let mut node = node;
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
    if s.links == 0
        || s.text == 0
        || (s.link as f64) < LINK_PARAGRAPH_DENSITY * s.text as f64
        || !node.has_name("p")
    {
        return false;
    }
    let text = node.text();
    !(text.contains("://") || text.contains("www.")) && text.split_whitespace().count() >= 4
}

fn names_furniture(node: &NodeRef<'_>) -> bool {
    let Some(el) = node.element_ref() else {
        return false;
    };
    el.attrs.iter().any(|a| {
        let name = &*a.name.local;
        (name == "class" || name == "id") && has_furniture_word(&a.value)
    })
}

/// Whether a class or id value contains a furniture word as one of its
/// parts: `share-bar`, `relatedStories`, `article_tags` do; `shareholder`,
/// `authority` do not.
fn has_furniture_word(value: &str) -> bool {
    let mut found = false;
    class_words(value, |w| {
        found = FURNITURE_WORDS.iter().any(|f| f.as_bytes() == w);
        found
    });
    found
}

/// Call `f` on each ASCII word of a class or id value (split at `-`, `_`,
/// other non-alphanumerics and lower-to-upper case changes), lower-cased,
/// until it returns true. No allocation: words are lower-cased into a
/// small buffer, and words too long or not ASCII are skipped.
pub(crate) fn class_words(value: &str, mut f: impl FnMut(&[u8]) -> bool) {
    let mut word = [0u8; MAX_WORD];
    let mut len = 0;
    let mut fits = true;
    let mut prev_lower = false;
    for b in value.bytes().chain(std::iter::once(b' ')) {
        let alnum = b.is_ascii_alphanumeric() || !b.is_ascii();
        let boundary = !alnum || (b.is_ascii_uppercase() && prev_lower);
        if boundary && len + usize::from(!fits) > 0 {
            if fits && word.get(..len).is_some_and(&mut f) {
                return;
            }
            len = 0;
            fits = true;
        }
        if alnum {
            if b.is_ascii() && len < MAX_WORD {
                word[len] = b.to_ascii_lowercase();
                len += 1;
            } else {
                fits = false;
            }
        }
        prev_lower = b.is_ascii_lowercase();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "The harbour board voted on Thursday to rebuild the north pier before the winter storms arrive.";

    #[test]
    fn captions_named_furniture_and_link_lists_go_the_story_stays() {
        let html = format!(
            r#"<html><body><article class="post tag-harbour category-news">
            <div class="c-byline">By Ann Lee</div><time datetime="2025-04-14">14 April 2025</time>
            <p>{PARA}</p><p>Work starts on <time datetime="2025-05-01">1 May</time>.</p>
            <figure><img src="p.jpg"><figcaption>The old pier in 1990.</figcaption></figure>
            <p>{PARA}</p><div class="share-bar"><a href="/f">Facebook</a></div>
            <p>{PARA}</p><ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other story two</a></li>
            <li><a href="/3">Other story three</a></li></ul>
            <p><a href="/4">SEE MORE: Harbour board elects a new chair</a></p>
            <p><a href="https://board.example/minutes">https://board.example/minutes</a></p>
            </article></body></html>"#
        );
        let doc = Document::from(html.as_str());
        prune(&doc, &Rules::ALL);
        let text = doc.select("body").text();
        assert_eq!(text.matches(PARA).count(), 3, "{text}");
        for gone in [
            "Ann Lee",
            "14 April",
            "old pier",
            "Facebook",
            "Other story",
            "SEE MORE",
        ] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert!(text.contains("https://board.example/minutes"), "{text}");
        assert!(text.contains("Work starts on 1 May."), "{text}");
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
        prune(&doc, &Rules::ALL);
        assert_eq!(doc.select("body").text().trim(), story);
        // A short marked element (a teaser) is not trusted.
        let html = format!(
            r#"<html><body><p>{PARA}</p><div itemprop="articleBody"><p>Short teaser.</p></div></body></html>"#
        );
        let doc = Document::from(html.as_str());
        prune(&doc, &Rules::ALL);
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

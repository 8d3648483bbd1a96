//! The page cut into text blocks, each described by features of its
//! structure and its text, for the learned block classifier
//! ([`super::gbdt`]).
//!
//! A block is the text between two block-level boundaries in document
//! order (a paragraph, a heading, a list item, a table cell, the text of a
//! `<div>` up to its next block child), as boilerpipe and dragnet cut
//! pages. Its features say nothing about any one site: text length, link
//! density, stop-word density in the page's language (stopwords-iso, so
//! any of 58 languages), punctuation, the element and its ancestors
//! (`<article>`, `<nav>`, `<footer>`, ...), words of the ancestors'
//! class/id names as counts by kind (content, furniture, navigation),
//! position, depth, the neighbouring blocks, the share of the page's text
//! held by the block's container, and whether the Readability pass
//! (`dom_smoothie`) took the block's text.

use dom_query::{NodeId, NodeRef};

/// Elements whose start and end cut the text into blocks.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "br",
];

/// Elements whose content is never text a reader sees.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "select", "option", "button",
    "textarea", "canvas", "math", "object", "head", "input",
];

/// Class/id words that name a block as furniture besides the pruning
/// rules' [`super::prune::FURNITURE_WORDS`] (same splitting: `-`, `_`,
/// case changes).
const MORE_FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "banner",
    "cookie",
    "copyright",
    "meta",
    "modal",
    "popup",
    "trending",
    "widget",
];

/// Class/id words that name navigation and page chrome.
const NAV_WORDS: &[&str] = &[
    "footer",
    "header",
    "menu",
    "masthead",
    "nav",
    "navbar",
    "navigation",
    "pagination",
    "sidebar",
    "skip",
    "toolbar",
    "topbar",
];

/// Class/id words that name the story.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "prose", "richtext", "story", "text",
];

/// Ancestor flags (bits of [`Raw::flags`]).
mod flag {
    pub const ARTICLE: u32 = 1;
    pub const MAIN: u32 = 1 << 1;
    pub const NAV: u32 = 1 << 2;
    pub const HEADER: u32 = 1 << 3;
    pub const FOOTER: u32 = 1 << 4;
    pub const ASIDE: u32 = 1 << 5;
    pub const FORM: u32 = 1 << 6;
    pub const FIGURE: u32 = 1 << 7;
    pub const LIST: u32 = 1 << 8;
    pub const TABLE: u32 = 1 << 9;
    pub const BODY_MARK: u32 = 1 << 10;
    pub const LINK: u32 = 1 << 11;
    pub const TIME: u32 = 1 << 12;
    pub const BLOCKQUOTE: u32 = 1 << 13;
    pub const HIDDEN: u32 = 1 << 14;
}

/// What the walk keeps of one block, before its features.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    /// The block's text, whitespace runs collapsed to one space.
    pub text: String,
    /// Characters inside links (spaces not counted).
    link_chars: usize,
    /// The innermost block element's context.
    at: Ctx,
}

/// Context of an open element.
#[derive(Clone, Copy, Debug, Default)]
struct Ctx {
    /// The innermost block element's kind (see [`tag_kind`]).
    tag: u8,
    /// Ancestor flags.
    flags: u32,
    /// Ancestors (and the element) whose class/id holds a furniture,
    /// navigation or content word.
    furniture: u8,
    nav: u8,
    content: u8,
    /// Levels up to the nearest furniture-named ancestor (0: none).
    furniture_dist: u8,
    /// Element depth.
    depth: u16,
    /// The innermost block element's parent.
    container: Option<NodeId>,
}

/// The kind of a block element, one of a few classes the model sees.
fn tag_kind(name: &str) -> u8 {
    match name {
        "p" => 1,
        "h1" | "h2" | "h3" => 2,
        "h4" | "h5" | "h6" => 3,
        "li" | "dd" | "dt" => 4,
        "td" | "th" | "caption" => 5,
        "blockquote" | "pre" => 6,
        "figcaption" => 7,
        "div" | "section" | "article" | "main" | "body" => 8,
        _ => 9,
    }
}

fn tag_flag(name: &str) -> u32 {
    match name {
        "article" => flag::ARTICLE,
        "main" => flag::MAIN,
        "nav" => flag::NAV,
        "header" => flag::HEADER,
        "footer" => flag::FOOTER,
        "aside" => flag::ASIDE,
        "form" => flag::FORM,
        "figure" | "figcaption" => flag::FIGURE,
        "ul" | "ol" | "li" | "dl" => flag::LIST,
        "table" => flag::TABLE,
        "a" => flag::LINK,
        "time" => flag::TIME,
        "blockquote" => flag::BLOCKQUOTE,
        _ => 0,
    }
}

/// Counts of furniture, navigation and content words in one class/id
/// value. No allocation.
fn name_words(value: &str, counts: &mut [u8; 3]) {
    super::prune::class_words(value, |w| {
        let is = |list: &[&str]| list.iter().any(|f| f.as_bytes() == w);
        let kinds = [
            is(super::prune::FURNITURE_WORDS) || is(MORE_FURNITURE_WORDS),
            is(NAV_WORDS),
            is(CONTENT_WORDS),
        ];
        for (count, kind) in counts.iter_mut().zip(kinds) {
            if kind {
                *count = count.saturating_add(1);
            }
        }
        false
    });
}

/// The context of `node` (an element) inside `parent`'s.
fn child_ctx(node: &NodeRef<'_>, name: &str, parent: &Ctx, parent_id: NodeId) -> Ctx {
    let mut c = *parent;
    c.depth = c.depth.saturating_add(1);
    c.flags |= tag_flag(name);
    if c.furniture_dist > 0 {
        c.furniture_dist = c.furniture_dist.saturating_add(1);
    }
    let mut counts = [0u8; 3];
    if let Some(el) = node.element_ref() {
        for a in el.attrs.iter() {
            match &*a.name.local {
                "class" | "id" => name_words(&a.value, &mut counts),
                "itemprop" if a.value.split_whitespace().any(|w| w == "articleBody") => {
                    c.flags |= flag::BODY_MARK;
                }
                "role" => {
                    c.flags |= match &*a.value {
                        "navigation" | "menu" | "menubar" => flag::NAV,
                        "banner" => flag::HEADER,
                        "contentinfo" => flag::FOOTER,
                        "complementary" => flag::ASIDE,
                        "main" => flag::MAIN,
                        "article" => flag::ARTICLE,
                        _ => 0,
                    };
                }
                "hidden" => c.flags |= flag::HIDDEN,
                "aria-hidden" if &*a.value == "true" => c.flags |= flag::HIDDEN,
                "style" => {
                    let v = a.value.to_ascii_lowercase();
                    if v.contains("display:none") || v.contains("display: none") {
                        c.flags |= flag::HIDDEN;
                    }
                }
                _ => {}
            }
        }
    }
    if counts[0] > 0 {
        c.furniture = c.furniture.saturating_add(1);
        c.furniture_dist = 1;
    }
    if counts[1] > 0 {
        c.nav = c.nav.saturating_add(1);
    }
    if counts[2] > 0 {
        c.content = c.content.saturating_add(1);
    }
    if BLOCK_TAGS.contains(&name) {
        c.tag = tag_kind(name);
        c.container = Some(parent_id);
    }
    c
}

/// Append a text node's text to the block being read, collapsing
/// whitespace; returns the characters added.
fn push_text(buf: &mut String, text: &str) -> usize {
    let mut added = 0;
    for word in text.split_whitespace() {
        if !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        buf.push_str(word);
        added += word.chars().count();
    }
    if text.ends_with(char::is_whitespace) && !buf.is_empty() && !buf.ends_with(' ') {
        buf.push(' ');
    }
    added
}

/// The blocks of the page under `body`, in document order.
pub(crate) fn blocks(body: NodeRef<'_>) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let root = Ctx {
        tag: tag_kind("body"),
        ..Ctx::default()
    };
    let mut cur = root;
    let flush = |buf: &mut String, link_chars: &mut usize, cur: &Ctx, out: &mut Vec<Raw>| {
        let t = buf.trim();
        if !t.is_empty() && cur.flags & flag::HIDDEN == 0 {
            out.push(Raw {
                text: t.to_string(),
                link_chars: *link_chars,
                at: *cur,
            });
        }
        buf.clear();
        *link_chars = 0;
    };
    // (node, its context, next child to visit, is a block element)
    let mut stack: Vec<(NodeRef<'_>, Ctx, Option<NodeRef<'_>>, bool)> =
        vec![(body, root, body.first_child(), true)];
    while let Some(top) = stack.last_mut() {
        let (_, ctx, next, _) = *top;
        match next {
            Some(child) => {
                top.2 = child.next_sibling();
                if child.is_text() {
                    let added = push_text(&mut buf, &child.text());
                    if ctx.flags & flag::LINK != 0 {
                        link_chars += added;
                    }
                    cur = ctx;
                } else if child.is_element() {
                    let name = child.node_name();
                    let name = name.as_deref().unwrap_or("");
                    if SKIP_TAGS.contains(&name) {
                        continue;
                    }
                    let c = child_ctx(&child, name, &ctx, top.0.id);
                    let block = BLOCK_TAGS.contains(&name);
                    if block {
                        flush(&mut buf, &mut link_chars, &cur, &mut out);
                        cur = c;
                    }
                    stack.push((child, c, child.first_child(), block));
                }
            }
            None => {
                let (_, _, _, block) = *top;
                stack.pop();
                if block {
                    flush(&mut buf, &mut link_chars, &cur, &mut out);
                    if let Some(&(_, parent, _, _)) = stack.last() {
                        cur = parent;
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut link_chars, &cur, &mut out);
    out
}

/// Names of the features, in the order [`features`] writes them.
pub const FEATURE_NAMES: &[&str] = &[
    "ln_chars",
    "ln_words",
    "link_density",
    "stop_density",
    "sentence_ends_per_word",
    "commas_per_word",
    "ends_like_sentence",
    "digit_share",
    "capitalised_share",
    "mean_word_len",
    "tag_kind",
    "is_p",
    "is_heading",
    "flag_article",
    "flag_main",
    "flag_nav",
    "flag_header",
    "flag_footer",
    "flag_aside",
    "flag_form",
    "flag_figure",
    "flag_list",
    "flag_table",
    "flag_body_mark",
    "flag_link",
    "flag_time",
    "flag_blockquote",
    "furniture_names",
    "furniture_dist",
    "nav_names",
    "content_names",
    "depth",
    "position",
    "text_before",
    "prev_ln_chars",
    "prev_link_density",
    "next_ln_chars",
    "next_link_density",
    "window_ln_chars",
    "container_share",
    "container_blocks",
    "chars_vs_longest",
    "readability_took",
    "page_ln_blocks",
    "page_link_density",
    "is_title",
    "inside_readability_span",
    "blocks_to_readability",
    "after_first_h1",
];

/// Number of features per block.
pub const FEATURES: usize = FEATURE_NAMES.len();

/// Word statistics of a block's text.
#[derive(Clone, Copy, Default)]
struct TextStats {
    words: usize,
    stop: usize,
    sentence_ends: usize,
    commas: usize,
    digits: usize,
    letters: usize,
    capitalised: usize,
    word_chars: usize,
}

fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F)
}

fn text_stats(text: &str, stop_bit: u64, lower: &mut String) -> TextStats {
    let mut s = TextStats::default();
    for c in text.chars() {
        match c {
            '.' | '!' | '?' | '。' | '！' | '？' => s.sentence_ends += 1,
            ',' | '，' | '、' | ';' => s.commas += 1,
            _ if c.is_numeric() => s.digits += 1,
            _ if c.is_alphabetic() => s.letters += 1,
            _ => {}
        }
    }
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word.chars().any(is_unspaced) {
            // Unspaced scripts: each character is a word for these counts.
            let mut tmp = [0u8; 4];
            for c in word.chars() {
                s.words += 1;
                s.word_chars += 1;
                if stop_bit & stop_lists(c.encode_utf8(&mut tmp)) != 0 {
                    s.stop += 1;
                }
            }
            continue;
        }
        s.words += 1;
        s.word_chars += word.chars().count();
        if word.chars().next().is_some_and(char::is_uppercase) {
            s.capitalised += 1;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if stop_bit & stop_lists(lower) != 0 {
            s.stop += 1;
        }
    }
    s
}

fn stop_lists(word: &str) -> u64 {
    newsmill_core::language::stop_word_lists(word)
}

/// The language whose stop words count: the page's declaration, else the
/// detector's verdict on the page's longest blocks.
pub(crate) fn stop_bit(raw: &[Raw], declared: Option<&str>) -> u64 {
    use newsmill_core::language::{declared_code, detect, stop_list_bit};
    if let Some(bit) = declared
        .and_then(declared_code)
        .and_then(|c| stop_list_bit(&c))
    {
        return bit;
    }
    let mut longest: Vec<&Raw> = raw.iter().collect();
    longest.sort_by_key(|r| std::cmp::Reverse(r.text.len()));
    let mut sample = String::new();
    for r in longest.iter().take(8) {
        sample.push_str(&r.text);
        sample.push('\n');
    }
    detect(&sample)
        .and_then(|d| stop_list_bit(d.code))
        .unwrap_or(0)
}

fn ln1(x: f64) -> f32 {
    (x + 1.0).ln() as f32
}

fn density(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        (part as f64 / whole as f64) as f32
    }
}

/// The feature rows of `raw` (one row of [`FEATURES`] values per block,
/// flattened). `took[i]` says whether the Readability pass kept block `i`.
pub(crate) fn features(raw: &[Raw], took: &[bool], stop_bit: u64, title: Option<&str>) -> Vec<f32> {
    let n = raw.len();
    let took_at = |i: usize| took.get(i).copied().unwrap_or(false);
    let first_took = (0..n).find(|&i| took_at(i));
    let last_took = (0..n).rev().find(|&i| took_at(i));
    let first_h1 = raw.iter().position(|r| r.at.tag == 2);
    // Blocks to the nearest block the Readability pass kept.
    let mut to_took = vec![n; n];
    let mut d = n;
    for (i, t) in to_took.iter_mut().enumerate() {
        d = if took_at(i) { 0 } else { d.saturating_add(1) };
        *t = d;
    }
    d = n;
    for (i, t) in to_took.iter_mut().enumerate().rev() {
        d = if took_at(i) { 0 } else { d.saturating_add(1) };
        *t = (*t).min(d);
    }
    let title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut out = Vec::with_capacity(n * FEATURES);
    let chars: Vec<usize> = raw.iter().map(|r| r.text.chars().count()).collect();
    let total: usize = chars.iter().sum();
    let links: usize = raw.iter().map(|r| r.link_chars).sum();
    let longest = chars.iter().copied().max().unwrap_or(0);
    let max_depth = raw.iter().map(|r| r.at.depth).max().unwrap_or(0).max(1);
    let mut container: std::collections::HashMap<Option<NodeId>, (usize, usize)> =
        std::collections::HashMap::new();
    for (r, &c) in raw.iter().zip(&chars) {
        let e = container.entry(r.at.container).or_default();
        e.0 += c;
        e.1 += 1;
    }
    let mut before = 0usize;
    let mut lower = String::new();
    for (i, r) in raw.iter().enumerate() {
        let c = chars[i];
        let s = text_stats(&r.text, stop_bit, &mut lower);
        let words = s.words.max(1) as f64;
        let f = |b: u32| f32::from(u8::from(r.at.flags & b != 0));
        let (cont_chars, cont_blocks) = container.get(&r.at.container).copied().unwrap_or((c, 1));
        let neighbour = |j: Option<usize>| {
            j.and_then(|j| raw.get(j).map(|x| (j, x)))
                .map_or((0.0, 0.0), |(j, x)| {
                    (ln1(chars[j] as f64), density(x.link_chars, chars[j]))
                })
        };
        let prev = neighbour(i.checked_sub(1));
        let next = neighbour(Some(i + 1));
        let window: usize = chars[i.saturating_sub(2)..(i + 3).min(n)].iter().sum();
        let last = r.text.trim_end().chars().last().unwrap_or(' ');
        out.extend_from_slice(&[
            ln1(c as f64),
            ln1(s.words as f64),
            density(r.link_chars, c),
            (s.stop as f64 / words) as f32,
            (s.sentence_ends as f64 / words) as f32,
            (s.commas as f64 / words) as f32,
            f32::from(u8::from(matches!(
                last,
                '.' | '!' | '?' | '"' | '\u{201d}' | '\u{bb}' | '。' | '！' | '？' | '」' | ')'
            ))),
            density(s.digits, s.digits + s.letters),
            (s.capitalised as f64 / words) as f32,
            (s.word_chars as f64 / words) as f32,
            f32::from(r.at.tag),
            f32::from(u8::from(r.at.tag == 1)),
            f32::from(u8::from(r.at.tag == 2 || r.at.tag == 3)),
            f(flag::ARTICLE),
            f(flag::MAIN),
            f(flag::NAV),
            f(flag::HEADER),
            f(flag::FOOTER),
            f(flag::ASIDE),
            f(flag::FORM),
            f(flag::FIGURE),
            f(flag::LIST),
            f(flag::TABLE),
            f(flag::BODY_MARK),
            f(flag::LINK),
            f(flag::TIME),
            f(flag::BLOCKQUOTE),
            f32::from(r.at.furniture),
            if r.at.furniture_dist == 0 {
                0.0
            } else {
                1.0 / f32::from(r.at.furniture_dist)
            },
            f32::from(r.at.nav),
            f32::from(r.at.content),
            f32::from(r.at.depth) / f32::from(max_depth),
            if n > 1 {
                i as f32 / (n - 1) as f32
            } else {
                0.0
            },
            density(before, total),
            prev.0,
            prev.1,
            next.0,
            next.1,
            ln1(window as f64),
            density(cont_chars, total),
            ln1(cont_blocks as f64),
            density(c, longest),
            f32::from(u8::from(took.get(i).copied().unwrap_or(false))),
            ln1(n as f64),
            density(links, total),
            f32::from(u8::from(
                title
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case(&r.text)),
            )),
            f32::from(u8::from(
                first_took.is_some_and(|a| a <= i) && last_took.is_some_and(|b| i <= b),
            )),
            ln1(to_took[i] as f64),
            f32::from(u8::from(first_h1.is_some_and(|h| i > h))),
        ]);
        before += c;
    }
    debug_assert_eq!(out.len(), n * FEATURES);
    out
}

/// Names of the second stage's extra features: the first stage's
/// probabilities around each block.
pub const CONTEXT_NAMES: &[&str] = &[
    "p_prev2",
    "p_prev1",
    "p_self",
    "p_next1",
    "p_next2",
    "p_container_mean",
    "p_window_max",
    "kept_text_before",
    "kept_text_after",
];

/// The second stage's rows: each block's first-stage row followed by the
/// first-stage probabilities `p` around it (see [`CONTEXT_NAMES`]).
pub(crate) fn context_rows(
    raw_rows: &[f32],
    p: &[f32],
    containers: &[u64],
    chars: &[usize],
) -> Vec<f32> {
    let n = p.len();
    let w = FEATURES;
    let mut by_container: std::collections::HashMap<u64, (f32, f32)> =
        std::collections::HashMap::new();
    for (i, &c) in containers.iter().enumerate() {
        let e = by_container.entry(c).or_default();
        e.0 += p[i];
        e.1 += 1.0;
    }
    let kept: Vec<usize> = (0..n)
        .map(|i| {
            if p[i] >= 0.5 {
                chars.get(i).copied().unwrap_or(0)
            } else {
                0
            }
        })
        .collect();
    let total: usize = kept.iter().sum::<usize>().max(1);
    let mut before = 0usize;
    let mut out = Vec::with_capacity(n * (w + CONTEXT_NAMES.len()));
    for i in 0..n {
        out.extend_from_slice(raw_rows.get(i * w..(i + 1) * w).unwrap_or(&[0.0; FEATURES]));
        let at = |j: isize| {
            usize::try_from(j)
                .ok()
                .and_then(|j| p.get(j))
                .copied()
                .unwrap_or(0.0)
        };
        let ii = i as isize;
        let (sum, cnt) = containers
            .get(i)
            .and_then(|c| by_container.get(c))
            .copied()
            .unwrap_or((p[i], 1.0));
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(n);
        let win = p[lo..hi]
            .iter()
            .enumerate()
            .filter(|(j, _)| lo + j != i)
            .map(|(_, v)| *v)
            .fold(0.0f32, f32::max);
        out.extend_from_slice(&[
            at(ii - 2),
            at(ii - 1),
            p[i],
            at(ii + 1),
            at(ii + 2),
            sum / cnt,
            win,
            before as f32 / total as f32,
            (total.saturating_sub(before + kept[i])) as f32 / total as f32,
        ]);
        before += kept[i];
    }
    out
}

/// A container key per block (for [`context_rows`]).
pub(crate) fn container_keys(raw: &[Raw]) -> Vec<u64> {
    let mut ids: std::collections::HashMap<Option<NodeId>, u64> = std::collections::HashMap::new();
    raw.iter()
        .map(|r| {
            let next = ids.len() as u64;
            *ids.entry(r.at.container).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_block_elements_and_count_link_text() {
        let doc = dom_query::Document::from(
            r#"<html><body><nav class="main-menu"><a href="/">Home</a> <a href="/n">News</a></nav>
            <article><h1>Dam opens</h1><p>The dam <b>opened</b> on Monday, <a href="/c">the county</a> said.</p>
            <div>Loose text<p>Inner paragraph.</p>tail text</div><script>var x = 1;</script></article></body></html>"#,
        );
        let Some(body) = doc.body() else {
            panic!("no body");
        };
        let b = blocks(body);
        let texts: Vec<&str> = b.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Home News",
                "Dam opens",
                "The dam opened on Monday, the county said.",
                "Loose text",
                "Inner paragraph.",
                "tail text"
            ]
        );
        assert_eq!(b[0].link_chars, 8);
        assert!(b[0].at.flags & flag::NAV != 0 && b[0].at.nav == 1);
        assert!(b[2].at.flags & flag::ARTICLE != 0 && b[2].at.tag == 1);
        // Link text is counted without its spaces.
        assert_eq!(b[2].link_chars, "thecounty".len());
        let rows = features(&b, &[false; 6], stop_bit(&b, Some("en")), None);
        assert_eq!(rows.len(), 6 * FEATURES);
    }

    #[test]
    fn stop_word_density_reads_the_page_language() {
        let doc = dom_query::Document::from(
            "<html><body><p>Der Bundestag hat am Donnerstag über das Gesetz abgestimmt, und die Mehrheit war knapp.</p></body></html>",
        );
        let Some(body) = doc.body() else {
            panic!("no body");
        };
        let b = blocks(body);
        let de = stop_bit(&b, None);
        assert_eq!(Some(de), newsmill_core::language::stop_list_bit("de"));
        let rows = features(&b, &[true], de, None);
        let stop = rows[FEATURE_NAMES
            .iter()
            .position(|n| *n == "stop_density")
            .unwrap_or(0)];
        assert!(stop > 0.3, "{stop}");
    }
}

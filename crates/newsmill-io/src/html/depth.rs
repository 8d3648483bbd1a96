//! A guard against pathological nesting, before the page is parsed.
//!
//! html5ever checks the stack of open elements at every start tag (is a
//! `<p>` open "in button scope"?) and the content finder walks ancestors
//! of every block: on a page of nothing but nested `<div>`s both are
//! quadratic in the depth (5,000 levels took 11 s, 20,000 over a minute).
//! No real page nests wrapper elements hundreds deep, so one linear scan
//! over the bytes counts the open wrapper elements (`div`, `span`,
//! `section`, `font`, ...: tags that are never closed implicitly and hold
//! no text of their own) and drops the start tags past [`MAX_OPEN`]
//! together with their end tags. Dropping a start tag never drops text; it
//! only merges blocks, and only on pages far past any real nesting.
//! Comments and `<script>`/`<style>`/`<textarea>`/`<title>` content are
//! skipped whole so that markup in them is not counted.

use std::borrow::Cow;

/// Wrapper elements open at once before further ones are dropped.
pub(crate) const MAX_OPEN: usize = 256;

/// Tags counted: wrappers never closed implicitly by the parser.
const WRAPPERS: &[&[u8]] = &[
    b"div",
    b"span",
    b"section",
    b"article",
    b"aside",
    b"main",
    b"header",
    b"footer",
    b"nav",
    b"font",
    b"center",
    b"blockquote",
    b"b",
    b"i",
    b"em",
    b"strong",
    b"u",
    b"small",
];

/// Elements whose content is raw text: skipped to their end tag.
const RAW: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"xmp"];

/// The page with wrapper start tags past [`MAX_OPEN`] open ones (and their
/// end tags) removed; borrowed unchanged when the page never gets there.
pub(crate) fn cap_nesting(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut open = 0usize;
    let mut dropped = 0usize;
    // Byte ranges to cut, in order; built only once the cap is reached.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = &b[name_start..name_start + name_len];
        let Some(gt) = memchr::memchr(b'>', &b[name_start + name_len..]) else {
            break;
        };
        let end = name_start + name_len + gt + 1;
        if !closing && RAW.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            i = find_end_tag(b, end, name);
            continue;
        }
        if !WRAPPERS.iter().any(|w| w.eq_ignore_ascii_case(name)) {
            i = end;
            continue;
        }
        let self_closing = b[..end].ends_with(b"/>");
        if closing {
            if dropped > 0 {
                dropped -= 1;
                cuts.push((lt, end));
            } else {
                open = open.saturating_sub(1);
            }
        } else if !self_closing {
            if open >= MAX_OPEN {
                dropped += 1;
                cuts.push((lt, end));
            } else {
                open += 1;
            }
        }
        i = end;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in cuts {
        // Cuts are at ASCII `<` and `>`: always char boundaries.
        out.push_str(html.get(from..s).unwrap_or(""));
        from = e;
    }
    out.push_str(html.get(from..).unwrap_or(""));
    Cow::Owned(out)
}

/// The index just past `</name ...>` at or after `from` (ASCII case
/// ignored), or the end of the page.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + off + 2;
        if b.len() >= at + name.len() && b[at..at + name.len()].eq_ignore_ascii_case(name) {
            return memchr::memchr(b'>', &b[at..]).map_or(b.len(), |g| at + g + 1);
        }
        i = at;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched_and_deep_wrappers_are_cut_without_text_loss() {
        let page = "<html><body><div class=a><span>x</span><!-- <div><div> --><script>if (a<b) '<div>'</script><p>Text</p></div></body></html>";
        assert!(matches!(cap_nesting(page), Cow::Borrowed(_)));
        let n = MAX_OPEN + 1000;
        let deep = format!(
            "<body>{}<p>Deep text.</p>{}<p>After.</p></body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let out = cap_nesting(&deep);
        assert_eq!(out.matches("<div>").count(), MAX_OPEN);
        assert_eq!(out.matches("</div>").count(), MAX_OPEN);
        assert!(out.contains("<p>Deep text.</p>") && out.contains("<p>After.</p>"));
        // Upper case and attributes are counted too; unclosed tags are capped.
        let soup = format!("{}<p>Soup.</p>", "<DIV class='x'>".repeat(n));
        let out = cap_nesting(&soup);
        assert_eq!(out.matches("<DIV").count(), MAX_OPEN);
        assert!(out.ends_with("<p>Soup.</p>"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<div",
            "<!--",
            "<script>",
            "</",
            "<div/>",
            "<é>",
            "<div>é</div",
        ] {
            let _ = cap_nesting(s);
        }
    }
}

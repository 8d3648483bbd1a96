//! Boilerplate: navigation, sharing, advertising, credit and copyright lines.

use super::*;
use memchr::memmem;

pub(super) const KEY_CAP: usize = 160;

/// Navigation phrases that a page-to-text conversion may glue to the end of
/// the last sentence ("... challenges.Recent News").
pub(super) const GLUED_TAIL: &[&str] = &[
    "Recent News",
    "Latest News",
    "Related Articles",
    "Related Stories",
    "Read more",
    "Read More",
    "Advertisement",
    "ADVERTISEMENT",
    "Share this article",
    "Most Popular",
    "Trending Now",
];

/// Split a navigation phrase glued to the end of the last paragraph (right
/// after sentence-final punctuation, or after a space) into a paragraph of
/// its own.
pub(super) fn split_glued_tail(text: &str, paras: &mut Vec<Paragraph>) {
    let Some(last) = paras.last().copied() else {
        return;
    };
    if paras.len() < 2 {
        return;
    }
    let t = para_text(text, &last);
    for tail in GLUED_TAIL {
        let Some(head) = t.strip_suffix(tail) else {
            continue;
        };
        let body = head.trim_end_matches(is_ws);
        if body.len() < 20 || !body.ends_with(['.', '!', '?', '"', '”', '’', ')']) {
            continue;
        }
        if let Some(p) = paras.last_mut() {
            p.end = last.start + body.len() as u32;
        }
        let cut = last.start + head.len() as u32;
        paras.push(Paragraph::new(cut, last.end, ParagraphKind::BODY));
        return;
    }
}

/// Lower-case ASCII letters and digits of `s` with runs of anything else as
/// one space, into `buf`; returns the key and its word count. Non-ASCII
/// letters count as word characters but are not copied. Truncated at
/// `KEY_CAP` bytes; reading stops at the word after `max_words` words (then
/// the count is `max_words + 1`).
pub(super) fn norm_key<'b>(
    s: &str,
    buf: &'b mut [u8; KEY_CAP],
    max_words: usize,
) -> (&'b [u8], usize) {
    let b = s.as_bytes();
    let mut i = 0usize;
    let mut n = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    while i < b.len() {
        let x = b[i];
        let (word, apos, ascii) = if x < 0x80 {
            i += 1;
            let l = ASCII_KEY[x as usize];
            if l == 0 {
                if !(in_word && x == b'\'') {
                    in_word = false;
                }
                continue;
            }
            (true, false, l)
        } else if x == 0xE2 && b.get(i + 1) == Some(&0x80) {
            // U+2000..U+203F: spaces, dashes, quotes (’ inside a word).
            let apos = b.get(i + 2) == Some(&0x99);
            i += 3;
            (false, apos, 0)
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => {
                    i += c.len_utf8();
                    (c.is_alphanumeric(), c == '’', 0)
                }
                None => break,
            }
        };
        if word {
            if !in_word {
                if words == max_words {
                    // One more word: the caller only needs to know "more".
                    words += 1;
                    break;
                }
                if n > 0 && n < KEY_CAP {
                    buf[n] = b' ';
                    n += 1;
                }
                words += 1;
                in_word = true;
            }
            if ascii != 0 {
                if n < KEY_CAP {
                    buf[n] = ascii;
                    n += 1;
                }
                // The rest of an ASCII run, in a tight loop.
                while let Some(&y) = b.get(i) {
                    let l = ASCII_KEY[(y & 0x7f) as usize];
                    if y >= 0x80 || l == 0 {
                        break;
                    }
                    if n < KEY_CAP {
                        buf[n] = l;
                        n += 1;
                    }
                    i += 1;
                }
            }
        } else if !(in_word && apos) {
            in_word = false;
        }
    }
    (&buf[..n], words)
}

/// ASCII letters and digits, lower-cased; 0 for every other byte.
pub(super) static ASCII_KEY: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// `s` cut to at most `n` bytes, on a character boundary.
pub(super) fn prefix(s: &str, n: usize) -> &str {
    let mut e = n.min(s.len());
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

/// Does one of `phrases` start at a word start of the key `k`?
pub(super) fn has_phrase(k: &[u8], phrases: &[&[u8]]) -> bool {
    // Bit set of the phrases' first letters (a-z).
    let mut firsts = 0u32;
    for p in phrases {
        if let Some(&f) = p.first() {
            firsts |= 1 << (f & 31);
        }
    }
    let mut at_start = true;
    for (i, &c) in k.iter().enumerate() {
        if at_start
            && firsts & (1 << (c & 31)) != 0
            && phrases
                .iter()
                .any(|p| p.first() == Some(&c) && k[i..].starts_with(p))
        {
            return true;
        }
        at_start = c == b' ';
    }
    false
}

/// Whole-line phrases (normalised keys).
pub(super) const BOILER_EXACT: &[&[u8]] = &[
    b"recent news",
    b"latest news",
    b"advertisement",
    b"advertisements",
    b"advertising",
    b"sponsored",
    b"sponsored content",
    b"paid content",
    b"read more",
    b"read more below",
    b"continue reading",
    b"continue reading below",
    b"continue reading the main story",
    b"story continues below",
    b"article continues below",
    b"share this article",
    b"share this story",
    b"share this",
    b"share",
    b"share on facebook",
    b"share on twitter",
    b"share via email",
    b"tweet",
    b"email",
    b"print",
    b"comments",
    b"comment",
    b"related",
    b"related articles",
    b"related stories",
    b"related content",
    b"related coverage",
    b"related news",
    b"related topics",
    b"more on this story",
    b"more stories",
    b"more from",
    b"most popular",
    b"most read",
    b"trending",
    b"trending now",
    b"top stories",
    b"before you go",
    b"you may also like",
    b"you might also like",
    b"recommended",
    b"recommended for you",
    b"listen to this article",
    b"listen",
    b"skip to content",
    b"skip to main content",
    b"skip navigation",
    b"image copyright",
    b"image caption",
    b"media caption",
    b"getty images",
    b"getty",
    b"ap photo",
    b"associated press",
    b"the associated press",
    b"all rights reserved",
    b"abstract",
    b"full text",
    b"back to top",
    b"subscribe",
    b"subscribe now",
    b"sign up",
    b"newsletter",
    b"log in",
    b"login",
    b"sign in",
    b"menu",
    b"home",
    b"loading",
    b"video",
    b"watch",
    b"photos",
    b"photo",
    b"see also",
    b"click to expand",
    b"enlarge this image",
    b"toggle caption",
    b"hide caption",
    b"caption",
    b"follow us",
    b"follow",
    b"online",
    b"twitter",
    b"facebook",
    b"instagram",
    b"correction",
    b"correction appended",
    b"reuters",
    b"ap",
    b"afp",
    b"advertise with us",
    b"cookie policy",
    b"privacy policy",
    b"terms of use",
    b"terms of service",
];

/// Phrases that start a short boilerplate line (normalised keys; at most 25
/// words).
pub(super) const BOILER_PREFIX: &[&[u8]] = &[
    b"sign up for ",
    b"sign up to ",
    b"subscribe to ",
    b"subscribe for ",
    b"click here",
    b"tap here",
    b"read more",
    b"read the rest",
    b"read the full",
    b"read it all",
    b"read our ",
    b"continue reading",
    b"share this",
    b"listen to this article",
    b"get the app",
    b"download our app",
    b"download the app",
    b"enter your email",
    b"like us on facebook",
    b"this article originally appeared",
    b"this article first appeared",
    b"this article was originally published",
    b"this article was first published",
    b"this story originally appeared",
    b"this story first appeared",
    b"this story was originally published",
    b"this piece first appeared",
    b"this piece originally appeared",
    b"this post originally appeared",
    b"this post first appeared",
    b"originally published",
    b"as published in",
    b"a version of this article",
    b"additional reporting by",
    b"image copyright",
    b"image caption",
    b"media caption",
    b"image source",
    b"image credit",
    b"photo credit",
    b"photograph by",
    b"ap photo",
    b"afp photo",
    b"reuters photo",
    b"all rights reserved",
    b"h t ",
    b"hat tip ",
    b"watch the latest video",
    b"watch the video",
    b"share and comment",
    b"on twitter follow",
];

/// Label words that make a short line boilerplate when a colon follows
/// them ("Related: ...", "Tags: ...", "Photo: ...").
pub(super) const BOILER_LABEL: &[&[u8]] = &[
    b"related",
    b"tags",
    b"tagged",
    b"topics",
    b"photo",
    b"photos",
    b"photograph",
    b"image",
    b"picture",
    b"video",
    b"watch",
    b"read",
    b"read more",
    b"see also",
    b"more",
    b"twitter",
    b"facebook",
    b"instagram",
    b"follow",
    b"filed under",
    b"credit",
    b"contributing",
    b"email",
];

/// Notes about the article itself (normalised keys; up to 80 words).
pub(super) const BOILER_NOTE: &[&[u8]] = &[
    b"correction an earlier version",
    b"clarification an earlier version",
    b"an earlier version of this",
    b"this story has been updated",
    b"this article has been updated",
    b"this piece has been updated",
    b"this post has been updated",
    b"this story was updated",
    b"this article was updated",
    b"this piece was updated",
    b"this post was updated",
    b"we are sorry this video",
];

/// Phrases that make a short line boilerplate wherever they stand.
pub(super) const BOILER_CONTAINS: &[&[u8]] = &[
    b"download our app",
    b"sign up for our",
    b"subscribe to our",
    b"like us on facebook",
    b"follow us on",
    b"click here",
    b"this video is restricted",
    b"contributed reporting",
    b"contributed to this report",
    b"contributed to this story",
];

/// Agencies and photo services that end a credit line with a slash.
pub(super) const BOILER_CREDIT: &[&[u8]] = &[
    b"reuters",
    b"getty images",
    b"getty",
    b"ap",
    b"afp",
    b"epa",
    b"instagram",
    b"ap photo",
    b"bloomberg",
    b"shutterstock",
];

/// A paragraph that is only HTML/XML tags (`<tweet tweet-id="1"><tweet/>.`).
pub(super) fn markup_only(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'<' || !(b[1].is_ascii_alphabetic() || b[1] == b'/') {
        return false;
    }
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && c.is_alphanumeric() => return false,
            _ => {}
        }
    }
    true
}

/// Endings of short photo-credit lines.
pub(super) const BOILER_SUFFIX: &[&[u8]] = &[
    b"getty images",
    b" via getty",
    b"shutterstock",
    b"like the page",
    b"like us on facebook",
    b"all rights reserved",
];

pub(super) fn starts_with_url(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() > 7 && b[..7].eq_ignore_ascii_case(b"http://"))
        || (b.len() > 8 && b[..8].eq_ignore_ascii_case(b"https://"))
        || (b.len() > 4 && b[..4].eq_ignore_ascii_case(b"www."))
}

pub(super) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memmem::find(hay, needle).is_some()
}

/// Is this paragraph navigation, sharing, advertising, a credit or a
/// copyright line? Conservative: only short paragraphs, anchored phrases.
pub(super) fn is_boilerplate(s: &str) -> bool {
    // No letter or digit at all: separators ("* * *", "___."), stray
    // punctuation.
    // (A single character stays: ":" may be a table cell.)
    if s.len() <= 200 && s.chars().nth(1).is_some() && !s.chars().any(char::is_alphanumeric) {
        return true;
    }
    if s.len() > 600 {
        return false;
    }
    // Notes about the article itself ("This story has been updated ...",
    // "Correction: An earlier version ..."), up to a few sentences: judged
    // on the first bytes.
    let starts = |p: &str| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    if starts("this ")
        || starts("correction")
        || starts("clarification")
        || starts("an earlier")
        || starts("we are sorry")
    {
        let mut pb = [0u8; KEY_CAP];
        let (pk, _) = norm_key(prefix(s, 48), &mut pb, 8);
        if BOILER_NOTE.iter().any(|p| pk.starts_with(p)) && word_count(s) <= 80 {
            return true;
        }
    }
    // "From BOOK by X. Copyright © 2015 by X. Reprinted ..."
    if s.contains('©') {
        if s.starts_with('©') && s.len() <= 300 {
            return true;
        }
        let mut cb = [0u8; KEY_CAP];
        let (ck, cw) = norm_key(s, &mut cb, 40);
        if cw <= 40
            && (contains(ck, b"copyright")
                || contains(ck, b"all rights reserved")
                || contains(ck, b"reprinted"))
        {
            return true;
        }
    }
    if s.len() > 300 {
        return false;
    }
    // Lines over 160 bytes qualify only through their first word.
    if s.len() > 160 {
        let mut fb = [0u8; KEY_CAP];
        let (first, _) = norm_key(s, &mut fb, 1);
        let known = |list: &[&[u8]]| {
            list.iter().any(|p| {
                p.first() == first.first() && p.split(|&c| c == b' ').next() == Some(first)
            })
        };
        if !(known(BOILER_PREFIX)
            || known(BOILER_LABEL)
            || matches!(first, b"copyright" | b"reporting" | b"writing" | b"c"))
        {
            return false;
        }
    }
    // The first twelve words decide (13 means "more").
    let mut buf = [0u8; KEY_CAP];
    let (k, words) = norm_key(s, &mut buf, 12);
    if words == 0 {
        return s.chars().nth(1).is_some();
    }
    if s.starts_with("(c) ") {
        return true;
    }
    // A bare URL.
    if starts_with_url(s) && !s.contains(' ') {
        return true;
    }
    // CSS left by an extractor.
    if s.ends_with('{') || (s.starts_with('@') && s.contains('{')) {
        return true;
    }
    if is_css_declaration(s) || markup_only(s) {
        return true;
    }
    // A lone letter: the placeholder of an embed ("X."), a section mark.
    if k.len() == 1 && k[0].is_ascii_alphabetic() && s.len() <= 2 {
        return true;
    }
    if words <= 6 && BOILER_EXACT.contains(&k) {
        return true;
    }
    if words <= 8 && BOILER_SUFFIX.iter().any(|x| k.ends_with(x)) {
        return true;
    }
    // "Also on HuffPost:"
    if k.starts_with(b"also on ") && s.ends_with(':') && words <= 5 {
        return true;
    }
    // Photo credits: "Robert Galbraith / Reuters.", "Getty/Instagram."
    if words <= 6 && s.contains('/') && BOILER_CREDIT.iter().any(|x| k.ends_with(x)) {
        return true;
    }
    // Anchored phrases, on lines of up to about 25 words.
    if s.len() <= 200
        && BOILER_PREFIX
            .iter()
            .any(|p| p.first() == k.first() && k.starts_with(p))
    {
        return true;
    }
    // "Copyright 2024 ...", "Copyright © ...".
    if k.starts_with(b"copyright ") && k[10..].first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    // "(Reporting by X; Editing by Y)".
    let credit = k.starts_with(b"reporting by ") || k.starts_with(b"writing by ");
    if credit && s.starts_with('(') {
        return true;
    }
    // "Label: ...".
    // (Not inside a quotation: "“VIDEO: they all told me ...”" is speech.)
    let quoted = s.starts_with(['"', '“', '‘', '\'']);
    if let Some(colon) = memchr::memchr(b':', &s.as_bytes()[..s.len().min(40)]).filter(|_| !quoted)
    {
        let mut lb = [0u8; KEY_CAP];
        let (label, lw) = norm_key(&s[..colon], &mut lb, 2);
        if lw <= 2 && BOILER_LABEL.contains(&label) {
            return true;
        }
    }
    // Phrases anywhere in a short line (within its first twelve words).
    if s.len() > 160 {
        return false;
    }
    if has_phrase(k, BOILER_CONTAINS)
        || (has_phrase(k, &[b"newsletter"]) && has_phrase(k, &[b"sign up", b"subscribe"]))
    {
        return true;
    }
    if credit && contains(k, b" editing by ") {
        return true;
    }
    // "Follow X on Twitter @x".
    if k.starts_with(b"follow ")
        && (s.contains('@')
            || has_phrase(
                k,
                &[
                    b"twitter",
                    b"facebook",
                    b"instagram",
                    b"linkedin",
                    b"tiktok",
                    b"youtube",
                ],
            ))
    {
        return true;
    }
    false
}

/// `padding-left: 80px;`
pub(super) fn is_css_declaration(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let prop = &s[..colon];
    s.ends_with(';')
        && !prop.is_empty()
        && prop.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && s.len() < 80
        && word_count(s) <= 4
}

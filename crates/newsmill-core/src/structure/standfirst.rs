//! The standfirst (subtitle) under a headline.

use super::*;
use memchr::memmem;

pub(super) fn next_body(paras: &[Paragraph], from: usize) -> Option<usize> {
    (from..paras.len()).find(|&i| paras[i].kind == ParagraphKind::BODY)
}

/// Words: runs of bytes other than ASCII white space (no-break spaces and
/// other Unicode spaces do not separate; fine for the length limits here).
pub(super) fn word_count(s: &str) -> usize {
    let mut n = 0usize;
    let mut in_word = false;
    for &x in s.as_bytes() {
        let space = x.is_ascii_whitespace();
        n += usize::from(!space && !in_word);
        in_word = !space;
    }
    n
}

pub(super) fn starts_with_byline(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 3 && b[..3].eq_ignore_ascii_case(b"by ")
}

/// A paragraph that can be a standfirst: a short summary, not a byline.
pub(super) fn standfirst_like(s: &str) -> bool {
    s.len() <= 500 && (4..=60).contains(&word_count(s)) && !starts_with_byline(s)
}

/// The standfirst, from the cues that do not involve the dateline.
pub(super) fn find_standfirst(
    text: &str,
    paras: &[Paragraph],
    title: usize,
    cands: &[usize],
    c0_has_dateline: bool,
) -> Option<usize> {
    let &c0 = cands.first()?;
    let title_text = para_text(text, &paras[title]);
    // "Headline; \nDeck." in the same block.
    if c0 == title + 1 && paras[c0].reserved[0] & BLANK_BEFORE == 0 && title_text.ends_with(';') {
        let s = para_text(text, &paras[c0]);
        if standfirst_like(s) && word_count(s) >= 3 && !title_case(s) {
            return Some(c0);
        }
    }
    // "ABSTRACT." label, then the summary.
    for i in title + 1..paras.len().min(title + 5) {
        if paras[i].kind == ParagraphKind::BOILERPLATE {
            let mut key = [0u8; KEY_CAP];
            let k = norm_key(para_text(text, &paras[i]), &mut key, 4);
            if matches!(k.0, b"abstract" | b"summary" | b"standfirst") {
                let j = i + 1;
                if j < paras.len()
                    && paras[j].kind == ParagraphKind::BODY
                    && para_text(text, &paras[j]).len() <= 1200
                {
                    return Some(j);
                }
            }
        }
    }
    // A pull-quote standfirst: repeated verbatim in the body.
    if !c0_has_dateline
        && standfirst_like(para_text(text, &paras[c0]))
        && repeated_in_body(text, paras, c0).is_some()
    {
        return Some(c0);
    }
    None
}

/// Every word of four letters or more starts with a capital ("Window on
/// Wall Street": a column name, not a deck).
pub(super) fn title_case(s: &str) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
}

/// Index of a later BODY paragraph that contains the text of paragraph `s`
/// verbatim (as a part, not the whole: a repeated whole paragraph is a
/// plain repeat).
pub(super) fn repeated_in_body(text: &str, paras: &[Paragraph], s: usize) -> Option<usize> {
    let needle = para_text(text, &paras[s]);
    if needle.len() < 30 || word_count(needle) < 5 {
        return None;
    }
    let from = paras[s].end as usize;
    let hay = text.as_bytes().get(from..)?;
    let mut pos = 0usize;
    // Search for the first 32 bytes (a cheap searcher), then compare.
    let head = prefix(needle, 32).as_bytes();
    let finder = memmem::Finder::new(head);
    while let Some(i) = finder.find(&hay[pos..]) {
        let at = from + pos + i;
        if !hay[pos + i..].starts_with(needle.as_bytes()) {
            pos += i + 1;
            continue;
        }
        // The paragraph holding `at`.
        let j = paras.partition_point(|p| (p.end as usize) <= at);
        if j < paras.len()
            && j > s
            && (paras[j].start as usize) <= at
            && at + needle.len() <= paras[j].end as usize
            && (paras[j].end - paras[j].start) as usize > needle.len()
            && paras[j].kind == ParagraphKind::BODY
        {
            return Some(j);
        }
        pos += i + 1;
    }
    None
}

//! Quotation marks paired into segments.

use super::*;

pub(super) fn segments(cx: &Ctx<'_>) -> Vec<Seg> {
    let n = cx.toks.len();
    let mut segs = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < n {
        if open.is_some() && cx.para_start[i] {
            // A quotation running over paragraphs reopens at the start of
            // each; otherwise it ended with the paragraph.
            let reopen = matches!(cx.mark(i), Some(Mark::Open | Mark::Straight));
            if reopen {
                i += 1;
                continue;
            }
            if let Some(o) = open.take() {
                segs.push(seg(cx, o, i, false));
            }
            depth = 0;
        }
        match cx.mark(i) {
            Some(Mark::Open) => {
                if open.is_none() {
                    open = Some(i);
                    depth = 1;
                } else {
                    depth += 1;
                }
            }
            Some(Mark::Close) => {
                if depth > 1 {
                    depth -= 1;
                } else if let Some(o) = open.take() {
                    segs.push(seg(cx, o, i, true));
                    depth = 0;
                }
            }
            Some(Mark::Straight) => {
                let t = &cx.toks[i];
                let before = cx.text[..t.start as usize].chars().next_back();
                let opening = cx.para_start[i]
                    || before.is_none_or(|c| c.is_whitespace() || "([—–-".contains(c));
                match open {
                    Some(o) if !opening || depth == 1 => {
                        segs.push(seg(cx, o, i, true));
                        open = None;
                        depth = 0;
                    }
                    None => {
                        open = Some(i);
                        depth = 1;
                    }
                    Some(_) => {}
                }
            }
            None => {}
        }
        i += 1;
    }
    if let Some(o) = open {
        segs.push(seg(cx, o, n, false));
    }
    segs
}

pub(super) fn seg(cx: &Ctx<'_>, open: usize, close: usize, closed: bool) -> Seg {
    let words = (open + 1..close).filter(|&k| cx.is_word(k)).count();
    let last_inner = close.saturating_sub(1);
    let punct_end = matches!(cx.t(last_inner), "," | "." | "?" | "!" | "…" | "—" | "-");
    let prev = open.checked_sub(1);
    let after_intro = prev.is_none_or(|p| {
        cx.para_start[open] || matches!(cx.t(p), ":" | ",") || cx.is_cue(p) || cx.is(p, "that")
    });
    // The first quoted word: capitalised (or a number) for a quotation of
    // its own; a lower-case start continues the sentence around it (a
    // fragment inside reported speech) unless a colon or a cue introduces it.
    let first = (open + 1..close).find(|&k| cx.is_word(k));
    let starts_upper = first
        .is_some_and(|k| cx.toks[k].has(Token::UPPER_INITIAL) || cx.kind(k) == TokenKind::NUMBER);
    let strong_intro = prev.is_none_or(|p| {
        cx.para_start[open]
            || cx.t(p) == ":"
            || cx.is_cue(p)
            || (cx.t(p) == "," && p > 0 && cx.is_cue(p - 1))
    });
    // A short run of capitalised words is a title ("Law and Order"); it
    // needs one word longer than three letters ("We can win" is none).
    let mut long_words = (open + 1..close).filter(|&k| cx.is_word(k) && cx.t(k).len() > 3);
    let title = words <= 5
        && long_words
            .next()
            .is_some_and(|k| cx.toks[k].has(Token::UPPER_INITIAL))
        && long_words.all(|k| cx.toks[k].has(Token::UPPER_INITIAL));
    let quotation = words >= 3
        && if strong_intro {
            !title || cx.t(prev.unwrap_or(0)) == ":"
        } else {
            starts_upper
                && !title
                && (words >= 6
                    || punct_end
                    || after_intro
                    || !closed
                    || cx.para_of_break(open, close))
        };
    Seg {
        open,
        close,
        closed,
        quotation,
    }
}

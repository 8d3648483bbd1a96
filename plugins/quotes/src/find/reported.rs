//! Reported speech around cue verbs that no quotation claimed: "X said (that) C.", "C, X said."

use super::*;

/// Reported speech around cue verbs that no quotation claimed.
pub(super) fn indirect(
    cx: &Ctx<'_>,
    segs: &[Seg],
    used: &mut [bool],
    out: &mut Vec<(Quote, usize)>,
) {
    let n = cx.toks.len();
    let covered = |a: u32, b: u32, out: &Vec<(Quote, usize)>| {
        out.iter()
            .any(|(q, _)| q.content.0 < b && a < q.content.1 && q.kind != Kind::Indirect)
    };
    let mut fresh: Vec<(Quote, usize)> = Vec::new();
    for si in 0..cx.sentences.len() {
        let s = &cx.sentences[si];
        let (lo, hi) = (s.token_start as usize, (s.token_end as usize).min(n));
        let mut i = lo;
        while i < hi {
            let c = cx.class(i);
            let stance_cue = c & (C_STANCE | C_SOURCELESS | C_CALLED | C_HEARSAY) != 0;
            if c & C_NOUNS != 0 && !used[i] && !cx.quoted[i] {
                if let Some((q, head, last)) = nominal(cx, i, lo, hi)
                    && !covered(q.content.0, q.content.1, out)
                {
                    fresh.push((q, head));
                    i = last.max(i + 1);
                    continue;
                }
                if c & !C_NOUNS == 0 {
                    i += 1;
                    continue;
                }
            }
            if used[i] || cx.quoted[i] || !(cx.is_cue(i) || stance_cue) {
                i += 1;
                continue;
            }
            let found = if cx.according(i) {
                according(cx, i, lo, hi)
            } else if cx.is_cue(i) || c & C_CALLED != 0 {
                reported(cx, i, lo, hi).or_else(|| {
                    (stance_cue || c & C_WEAK == 0)
                        .then(|| stance(cx, i, lo, hi))
                        .flatten()
                })
            } else {
                stance(cx, i, lo, hi)
            };
            let found = found.and_then(|(q, head, last)| {
                if !covered(q.content.0, q.content.1, out) {
                    return Some((q, head, last));
                }
                // Cut before a quotation that starts inside the content.
                let cut = out
                    .iter()
                    .filter(|(o, _)| o.kind != Kind::Indirect)
                    .map(|(o, _)| o.content.0)
                    .filter(|&p| p > q.content.0 && p < q.content.1)
                    .min()?;
                let a = cx.toks.partition_point(|t| t.start < q.content.0);
                let mut b = cx.toks.partition_point(|t| t.end <= cut);
                while b > a && matches!(cx.t(b - 1), "." | "," | ";" | ":" | "!" | "?") {
                    b -= 1;
                }
                let words = (a..b).filter(|&t| cx.is_word(t)).count();
                let end = cx.toks.get(b.checked_sub(1)?)?.end;
                (words >= 3 && !covered(q.content.0, end, out)).then_some((
                    Quote {
                        content: (q.content.0, end),
                        ..q
                    },
                    head,
                    last,
                ))
            });
            if let Some((q, head, last)) = found {
                let q = Quote {
                    kind: if mixed(cx, segs, q.content) {
                        Kind::Mixed
                    } else {
                        Kind::Indirect
                    },
                    ..q
                };
                used[i] = true;
                fresh.push((q, head));
                i = last.max(i + 1);
                continue;
            }
            i += 1;
        }
    }
    out.extend(fresh);
}

pub(super) fn mixed(cx: &Ctx<'_>, segs: &[Seg], (a, b): (u32, u32)) -> bool {
    segs.iter().any(|s| {
        let p = cx.toks.get(s.open).map_or(u32::MAX, |t| t.start);
        a <= p && p < b
    })
}

/// A second verb of saying or stance coordinated after "and"/"but":
/// "... and stressed the need", "but he urged ...".
pub(super) fn coordinated_cue(cx: &Ctx<'_>, mut k: usize) -> bool {
    if has(SUBJECT_PRONOUNS, cx.t(k)) {
        k += 1;
    }
    if has(lx::SKIP_BEFORE_CUE, cx.t(k)) {
        k += 1;
    }
    let w = cx.t(k);
    cx.class(k) & (C_SPEECH | C_STANCE) != 0
        && (w.ends_with("ed") || w.ends_with("ing") || cx.class(k) & C_SPEECH != 0)
}

/// "and"/"but" at `t` before a second verb of saying or stance of the
/// same subject: where the clause before it ends.
pub(super) fn and_then_cue(cx: &Ctx<'_>, t: usize) -> bool {
    (cx.is(t, "and") || cx.is(t, "but"))
        && (cx.class(t + 1) & C_SPEECH != 0 || coordinated_cue(cx, t + 1))
}

/// A new subject of one to four words, then a verb of saying: "..., and
/// other GOP leaders said ...".
fn subject_then_saying(cx: &Ctx<'_>, k: usize) -> bool {
    (k + 1..k + 5)
        .take_while(|&t| t < cx.toks.len())
        .find(|&t| !cx.is_word(t) || cx.class(t) & C_SPEECH != 0)
        .is_some_and(|t| {
            cx.class(t) & C_SPEECH != 0
                && cx.is_word(t)
                && (k..t).all(|u| cx.is_word(u) && cx.class(u) == 0)
        })
}

/// The last content token of a sentence (final punctuation dropped).
pub(super) fn content_end(cx: &Ctx<'_>, from: usize, hi: usize) -> usize {
    // A second reported clause of the same subject ends this one: "He said
    // X and said that Y".
    let mut e = (from + 1..hi)
        .find(|&t| {
            and_then_cue(cx, t)
                || (cx.is(t, "and") || cx.is(t, "but"))
                    && (has(lx::SKIP_BEFORE_CUE, cx.t(t + 1)) && cx.class(t + 2) & C_SPEECH != 0
                        || subject_then_saying(cx, t + 1))
                // "..., saying ...", "..., according to": the next attribution.
                || cx.t(t) == ","
                    && (cx.t(t + 1).ends_with("ing")
                        && cx.class(t + 1) & (C_SPEECH | C_STANCE) != 0
                        || cx.according(t + 1))
        })
        .unwrap_or(hi);
    while e > from + 1 && matches!(cx.t(e - 1), "." | "!" | "?" | ";" | ":" | ",") {
        e -= 1;
    }
    e
}

pub(super) fn quote_of(
    cx: &Ctx<'_>,
    content: (usize, usize),
    cue: (usize, usize),
    speaker: Option<(usize, usize)>,
) -> Option<Quote> {
    Some(Quote {
        content: (
            cx.toks.get(content.0)?.start,
            cx.toks.get(content.1 - 1)?.end,
        ),
        cue: tok_span(cx, cue),
        speaker: speaker.and_then(|s| tok_span(cx, s)),
        entity: None,
        kind: Kind::Indirect,
    })
}

/// The first clause-ending punctuation token from `k` (or `hi`).
pub(super) fn clause_end(cx: &Ctx<'_>, k: usize, hi: usize) -> usize {
    (k..hi)
        .find(|&t| {
            matches!(
                cx.t(t),
                "," | ";" | ":" | "—" | "–" | "--" | "(" | "." | "?" | "!"
            )
        })
        .unwrap_or(hi)
}

/// Whether the verb at `i` is the second of two coordinated verbs of one
/// subject: "and"/"but" (adverbs and auxiliaries between) before a past
/// form or a verb of saying.
pub(super) fn coordinated(cx: &Ctx<'_>, i: usize, lo: usize) -> bool {
    let mut p = i;
    while p > lo && (has(lx::SKIP_BEFORE_CUE, cx.t(p - 1)) || has(lx::MODALS, cx.t(p - 1))) {
        p -= 1;
    }
    let w = cx.t(i);
    p > lo
        && (cx.is(p - 1, "and") || cx.is(p - 1, "but"))
        && (w.ends_with("ed") || cx.class(i) & C_SPEECH != 0)
}

/// A gerund after a preposition ([`GERUND_PREPOSITIONS`]: "distinguished
/// himself by saying C", "while criticizing"): its subject is the clause's.
pub(super) fn gerund_after_preposition(cx: &Ctx<'_>, i: usize, lo: usize) -> bool {
    i > lo && cx.t(i).ends_with("ing") && has(GERUND_PREPOSITIONS, cx.t(i - 1))
}

/// "X said (that) C." / "C, X said." / "C, said X."
pub(super) fn reported(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<Found> {
    let w = cx.t(i);
    let weak = has(lx::WEAK, w);
    let left = speaker_left(cx, i, lo);
    if has(ASKED, w)
        && let Some((k, end)) = asked_about(cx, i, hi)
    {
        let sp = left.map(|(sp, _)| sp);
        let head = left.map_or(usize::MAX, |(_, h)| h);
        return Some((quote_of(cx, (k, end), (i, i), sp)?, head, end));
    }
    if has(CALLED, w) {
        return called(cx, i, hi, left);
    }
    // Content after the cue.
    let (k, adjunct_only) = content_start(cx, i, hi);
    let mut end = content_end(cx, k, hi);
    // "Barkley, who said he votes Democratic, said ...": the relative
    // clause ends at its comma.
    if left.is_some_and(|(_, h)| cx.is(h, "who") || cx.is(h, "which"))
        && let Some(c) = (k..end).find(|&t| cx.t(t) == ",")
    {
        end = c;
    }
    let words = (k..end).filter(|&t| cx.is_word(t)).count();
    // "C, she said in a video message.": the adjunct is no content.
    let fronted = |s: usize| {
        s > lo + 2 && (cx.t(s - 1) == "," || cx.mark(s - 1).is_some() && cx.t(s - 2) == ",")
    };
    if let Some((sp, head)) = left
        && words >= 3
        && !matches!(cx.t(k), "," | "." | ")")
        && !(adjunct_only && fronted(sp.0))
    {
        // Verbs of thinking too take any object here ("believes the
        // deal", "polls show Clinton ahead"): PolNeAR counts both.
        if cx.is(k, "to") || cx.is(k, "of") || cx.is(k, "about") || cx.is(k, "for") {
            return None;
        }
        return Some((quote_of(cx, (k, end), (i, i), Some(sp))?, head, end));
    }
    // "... called X a liar and said that C": the second verb's subject is
    // the first's (carried over later).
    if left.is_none()
        && (coordinated(cx, i, lo) || gerund_after_preposition(cx, i, lo))
        && words >= 3
        && !matches!(cx.t(k), "," | "." | ")" | "to" | "of" | "about" | "for")
    {
        return Some((quote_of(cx, (k, end), (i, i), None)?, usize::MAX, end));
    }
    if weak {
        return None;
    }
    fronted_content(cx, i, k, lo, hi, left)
}

/// "Asked whether he would run, ...", "was asked about it": the question
/// after the cue `i`, as (first, end) tokens.
fn asked_about(cx: &Ctx<'_>, i: usize, hi: usize) -> Option<(usize, usize)> {
    let k = (i + 1..hi.min(i + 8))
        .take_while(|&k| !matches!(cx.t(k), "," | "." | ";" | ":") && cx.mark(k).is_none())
        .find(|&k| has(WH, cx.t(k)))?;
    let end = (k + 1..hi)
        .find(|&t| matches!(cx.t(t), "," | ";" | "." | "?" | "!" | ":"))
        .unwrap_or(hi);
    (end > k + 1).then_some((k, end))
}

/// "X called Y “a disgrace”": the object and its quoted label.
fn called(
    cx: &Ctx<'_>,
    i: usize,
    hi: usize,
    left: Option<((usize, usize), usize)>,
) -> Option<Found> {
    let (sp, head) = left?;
    let open = (i + 1..hi.min(i + 12))
        .find(|&k| matches!(cx.mark(k), Some(Mark::Open | Mark::Straight)))?;
    let close =
        (open + 1..hi).find(|&k| matches!(cx.mark(k), Some(Mark::Close | Mark::Straight)))?;
    Some((
        quote_of(cx, (i + 1, close + 1), (i, i), Some(sp))?,
        head,
        close + 1,
    ))
}

/// Where the content after the cue `i` starts (objects, "that" and
/// adjuncts skipped), and whether only an adjunct follows the cue ("said
/// in a statement").
fn content_start(cx: &Ctx<'_>, i: usize, hi: usize) -> (usize, bool) {
    let w = cx.t(i);
    let mut k = i + 1;
    let mut adjunct_only = false;
    while k < hi && has(lx::SKIP_BEFORE_CUE, cx.t(k)) {
        k += 1;
    }
    if has(lx::WITH_OBJECT, w) {
        // "told reporters (on Friday) that ..."
        if let Some(t) = (k..hi.min(k + 8)).find(|&t| cx.is(t, "that")) {
            k = t;
        } else {
            while k < hi && k < i + 5 && cx.is_word(k) && !has(lx::NOT_SPEAKER, cx.t(k))
                || cx.is(k, "the")
            {
                k += 1;
            }
        }
    } else if matches!(cx.t(k), ":" | ",") && k + 1 < hi && cx.t(k + 1) != "," {
        k += 1;
    } else if has(ADJUNCT_START, cx.t(k)) {
        // "said in a statement (on Friday) that ...", "said in an
        // interview: ..."
        if let Some(t) = (k + 1..hi.min(k + 14))
            .take_while(|&t| !matches!(cx.t(t), "," | "." | ";") && cx.mark(t).is_none())
            .find(|&t| cx.is(t, "that") || cx.t(t) == ":")
        {
            k = if cx.t(t) == ":" { t + 1 } else { t };
        } else {
            adjunct_only = true;
        }
    }
    (k, adjunct_only)
}

/// Fronted content: "C, X said." or "C, said X." The comma may sit
/// inside a closing quotation mark: "C is “a fragment,” X said." `k` is
/// where content after the cue `i` would start.
pub(super) fn fronted_content(
    cx: &Ctx<'_>,
    i: usize,
    k: usize,
    lo: usize,
    hi: usize,
    left: Option<((usize, usize), usize)>,
) -> Option<Found> {
    let after_ok = |t: usize| {
        t >= hi || matches!(cx.t(t), "." | "," | "!" | "?" | ";") || has(ADJUNCT_START, cx.t(t))
    };
    let fronted_end = |t: usize| {
        if cx.t(t) == "," {
            Some(t)
        } else if matches!(cx.mark(t), Some(Mark::Close | Mark::Straight))
            && t > lo
            && cx.t(t - 1) == ","
        {
            Some(t + 1)
        } else {
            None
        }
    };
    if let Some(((s, e), head)) = left
        && s > lo + 2
        && let Some(ce) = fronted_end(s - 1)
        && after_ok(k)
    {
        let cs = lo;
        if (cs..ce).filter(|&t| cx.is_word(t)).count() >= 3 {
            return Some((quote_of(cx, (cs, ce), (i, i), Some((s, e)))?, head, i + 1));
        }
    }
    if i > lo + 2
        && let Some(ce) = fronted_end(i - 1)
        && let Some((sp, head)) = speaker_right(cx, i, hi)
        && after_ok(sp.1 + 1)
        && (lo..ce).filter(|&t| cx.is_word(t)).count() >= 3
    {
        return Some((quote_of(cx, (lo, ce), (i, i), Some(sp))?, head, sp.1 + 1));
    }
    None
}

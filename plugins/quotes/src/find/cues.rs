//! Other forms of reported speech: "according to X", verbs of stance, nouns of saying ("the claim that C") and source phrases ("In a new poll, C.").

use super::*;

/// "According to X, C." / "C, according to X."
pub(super) fn according(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<Found> {
    let (sp, head) = speaker_right(cx, i + 1, hi)?;
    let after = sp.1 + 1;
    let before_is_comma = i > lo && cx.t(i - 1) == ",";
    let (cs, ce) = if before_is_comma && i - 1 > lo + 2 {
        (lo, i - 1)
    } else if let Some(comma) = (after..hi.min(after + 16))
        .take_while(|&t| cx.mark(t).is_none() && !matches!(cx.t(t), "." | ";" | ":" | "?" | "!"))
        .find(|&t| cx.t(t) == ",")
    {
        // "According to a poll from X broadcast on Y, C": the source
        // phrase may run on past its head noun.
        (comma + 1, content_end(cx, comma + 1, hi))
    } else {
        return None;
    };
    let words = (cs..ce).filter(|&k| cx.is_word(k)).count();
    if words < 3 {
        return None;
    }
    Some((quote_of(cx, (cs, ce), (i, i + 1), Some(sp))?, head, hi))
}

/// "X criticized C", "X wants to C", "X called for C", "C seems to C":
/// the rest of the clause after a verb of stance or intention.
pub(super) fn stance(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<Found> {
    let w = cx.t(i);
    let mut p = i;
    while p > lo
        && (has(lx::SKIP_BEFORE_CUE, cx.t(p - 1))
            || has(lx::MODALS, cx.t(p - 1))
            || cx.is(p - 1, "not")
            || cx.t(p - 1) == "n't")
    {
        p -= 1;
    }
    let prev = if p > lo { cx.t(p - 1) } else { "" };
    let passive = ["is", "are", "was", "were", "be", "been", "being"]
        .iter()
        .any(|b| prev.eq_ignore_ascii_case(b));
    if has(HEARSAY, w) {
        // "Trump reportedly told aides ...": no source of its own.
        let end = (i + 1..hi)
            .find(|&t| matches!(cx.t(t), ";" | "." | "?" | "!"))
            .unwrap_or(hi);
        let words = (i + 1..end).filter(|&t| cx.is_word(t)).count();
        if words < 2 {
            return None;
        }
        return Some((quote_of(cx, (i + 1, end), (i, i), None)?, usize::MAX, end));
    }
    let sourceless = has(lx::SOURCELESS, w);
    if sourceless && !cx.is(i + 1, "to") || passive && !sourceless {
        return None;
    }
    // "..., Manchin said, referring to C": a participle after a comma
    // takes the speaker of the attribution before it (carried over later).
    let participle = w.ends_with("ing") && p > lo && cx.t(p - 1) == ",";
    let coordinated = coordinated(cx, i, lo) || gerund_after_preposition(cx, i, lo);
    let (speaker, head) =
        if sourceless || (participle || coordinated) && speaker_left(cx, i, lo).is_none() {
            (None, usize::MAX)
        } else {
            let (sp, h) = speaker_left(cx, i, lo)?;
            if has(lx::NOT_SUBJECT, cx.t(h)) || cx.kind(h) == TokenKind::CLITIC {
                return None;
            }
            (Some(sp), h)
        };
    let mut k = i + 1;
    if cx.is(k, "out") {
        k += 1;
    }
    let mut end = clause_end(cx, k, hi);
    // "... and asserted that ...": a second verb of the same subject.
    if let Some(t) = (k + 1..end).find(|&t| and_then_cue(cx, t)) {
        end = t;
    }
    let words = (k..end).filter(|&t| cx.is_word(t)).count();
    if words == 0 {
        // "C, the union leader echoed.": the verb ends the clause after
        // fronted content.
        let left = speaker.map(|sp| (sp, head));
        return fronted_content(cx, i, k, lo, hi, left);
    }
    Some((quote_of(cx, (k, end), (i, i), speaker)?, head, end))
}

/// "In a new Fox News poll, C." / "In a statement, C.": a sentence opened
/// by a source noun phrase, its clause the content (when no cue verb in
/// it claims it).
pub(super) fn source_phrase(cx: &Ctx<'_>, out: &mut Vec<(Quote, usize)>) {
    let n = cx.toks.len();
    for s in cx.sentences {
        let (lo, hi) = (s.token_start as usize, (s.token_end as usize).min(n));
        if !cx.is(lo, "in") || cx.quoted[lo] {
            continue;
        }
        let Some(comma) = (lo + 1..hi.min(lo + 12))
            .take_while(|&k| cx.is_word(k) || cx.t(k) == ",")
            .find(|&k| cx.t(k) == ",")
        else {
            continue;
        };
        let Some(noun) = (lo + 1..comma).rev().find(|&k| has(SOURCE_NOUNS, cx.t(k))) else {
            continue;
        };
        let end = content_end(cx, comma + 1, hi);
        let words = (comma + 1..end).filter(|&k| cx.is_word(k)).count();
        if words < 3 || (comma + 1..end).any(|k| cx.is_cue(k) || cx.quoted[k]) {
            continue;
        }
        let (a, b) = (cx.toks[comma + 1].start, cx.toks[end - 1].end);
        if out.iter().any(|(q, _)| q.content.0 < b && a < q.content.1) {
            continue;
        }
        if let Some(q) = quote_of(cx, (comma + 1, end), (lo, noun), Some((lo + 1, comma - 1))) {
            out.push((q, noun));
        }
    }
}

/// Nouns of a source in "In a new poll, ...".
pub(super) const SOURCE_NOUNS: &[&str] = &[
    "column",
    "editorial",
    "email",
    "essay",
    "filing",
    "interview",
    "letter",
    "memo",
    "op-ed",
    "poll",
    "polls",
    "post",
    "report",
    "speech",
    "statement",
    "study",
    "survey",
    "tweet",
    "video",
];

/// "the claim that C", "his warning that C": the clause after a noun of
/// saying; the possessor before the noun, when there is one, the source.
pub(super) fn nominal(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<Found> {
    // "his claim", "Trump's claim"
    let speaker = match i.checked_sub(1) {
        Some(h) if h >= lo && has(POSSESSIVES, cx.t(h)) => Some((h, h)),
        Some(h) if h > lo && matches!(cx.t(h), "’s" | "'s") => Some((h - 1, h - 1)),
        _ => None,
    };
    // A headline opened by the noun ("Crucial decision on super-casinos")
    // reports no one's words: with no holder and no subject before it, the
    // noun names an event.
    if speaker.is_none()
        && i < lo + 3
        && cx
            .title
            .zip(cx.toks.get(i))
            .is_some_and(|((a, b), t)| a <= t.start && t.end <= b)
    {
        return None;
    }
    if cx.class(i) & C_NOUN == 0 || !cx.is(i + 1, "that") {
        // "his support for C", "Trump's attacks on C", "criticism of C":
        // a noun of stance, its object the content, its possessor (when
        // there is one) the source.
        if cx.class(i) & C_NOUN_PREP == 0 || !has(NOUN_PREPS, cx.t(i + 1)) {
            return None;
        }
        let k = i + 2;
        let end = clause_end(cx, k, hi);
        if (k..end).filter(|&t| cx.is_word(t)).count() == 0 {
            return None;
        }
        let head = speaker.map_or(usize::MAX, |(_, h)| h);
        return Some((quote_of(cx, (k, end), (i, i), speaker)?, head, end));
    }
    let k = i + 2;
    let end = content_end(cx, k, hi);
    if (k..end).filter(|&t| cx.is_word(t)).count() < 3 {
        return None;
    }
    let head = speaker.map_or(usize::MAX, |(_, h)| h);
    Some((quote_of(cx, (k, end), (i, i), speaker)?, head, end))
}

//! Speakers and attributions: the speaker phrase on either side of a cue verb, and the attribution of a quotation segment.

use super::*;

/// The speaker phrase ending just before `cue` (auxiliaries, adverbs and
/// times skipped; an appositive between commas skipped), not before `lo`.
/// Returns (first, last) token and the head token.
pub(super) fn speaker_left(cx: &Ctx<'_>, cue: usize, lo: usize) -> Option<((usize, usize), usize)> {
    let mut j = cue.checked_sub(1)?;
    loop {
        while j > lo
            && (has(lx::SKIP_BEFORE_CUE, cx.t(j))
                || cx.t(j) == "n't"
                || cx.is(j, "not")
                || has(lx::MODALS, cx.t(j))
                || adverb(cx.t(j))
                || (cx.is(j, "were") || cx.is(j, "was")) && cx.is(cue, "asked")
                || j > lo && after_auxiliary(cx, j))
        {
            j -= 1;
        }
        // "Sen. Bernie Sanders (I-Vt.) said": a parenthesis skipped.
        if cx.t(j) == ")"
            && let Some(o) = (lo..j).rev().take(10).find(|&k| cx.t(k) == "(")
            && o > lo
        {
            j = o - 1;
            continue;
        }
        // "Clinton on Tuesday said"
        if j > lo
            && cx.is(j, "on")
            && has(lx::SKIP_BEFORE_CUE, cx.t(j + 1))
            && cx
                .toks
                .get(j + 1)
                .is_some_and(|t| t.has(Token::UPPER_INITIAL))
        {
            j -= 1;
            continue;
        }
        break;
    }
    // "on Tuesday said"
    if j > lo && cx.is(j, "on") {
        return None;
    }
    if j < lo {
        return None;
    }
    // "Rubio thanked Miami and said ...", "Ryan stunned Republicans by
    // withholding ...": the subject of the clause.
    if j > lo && (cx.is(j, "and") || cx.is(j, "but") || gerund_after_preposition(cx, cue, lo)) {
        let start = (lo..j)
            .rev()
            .find(|&k| cx.t(k) == "," || cx.is(k, "when") || cx.is(k, "as") || cx.is(k, "while"))
            .map_or(lo, |k| k + 1);
        return sentence_subject(cx, start, j);
    }
    if cx.t(j) == "," && cx.t(cue).ends_with("ing") {
        // "Albright urged women to vote, saying ...": the subject of the
        // sentence.
        return sentence_subject(cx, lo, j);
    }
    if cx.t(j) == "," {
        // "Lavrov, speaking at ..., suggested": the phrase before the
        // previous comma.
        let k = (lo..j).rev().take(40).find(|&k| cx.t(k) == ",")?;
        // "Its chairman, Tom Haskins, said": a name in apposition to a
        // role noun is the speaker.
        if k > lo && has(lx::ROLES, cx.t(k - 1)) && appositive_name(cx, k + 1, j) {
            return Some(((k + 1, j - 1), j - 1));
        }
        j = k.checked_sub(1)?;
        if j < lo {
            return None;
        }
    }
    if cx.is(j, "who") || cx.is(j, "which") {
        return Some(((j, j), j));
    }
    let head = j;
    if !cx.is_word(head) || has(lx::NOT_SPEAKER, cx.t(head)) {
        return None;
    }
    let mut s = np_start(cx, head, lo);
    let mut head = head;
    // "Dr. Samuel Reyes of the University of Southampton", "Mr Smith,
    // from Wembley, London": a phrase after a preposition modifies the
    // noun phrase before it, whose head is the speaker's.
    for _ in 0..3 {
        let Some(p) = s.checked_sub(1) else { break };
        if p <= lo || !has(POST_MODIFIER, cx.t(p)) {
            break;
        }
        let mut k = p - 1;
        if cx.t(k) == "," && k > lo {
            k -= 1;
        }
        if !cx.is_word(k) || has(lx::NOT_SPEAKER, cx.t(k)) || cx.class(k) & C_SPEECH != 0 {
            break;
        }
        head = k;
        s = np_start(cx, k, lo);
    }
    Some(((s, j), head))
}

/// A lower-case word right after an auxiliary ("has long wanted", "can
/// only hope", "didn’t want"): an adverb or a negation between the
/// auxiliary and the verb, never the subject (a pronoun or a plural noun
/// there is the subject of a question: "Do you think", "will reporters
/// want").
fn after_auxiliary(cx: &Ctx<'_>, j: usize) -> bool {
    let w = cx.t(j);
    w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && cx.is_word(j)
        && !has(lx::NOT_SPEAKER, w)
        && !has(SUBJECT_PRONOUNS, w)
        && !w.eq_ignore_ascii_case("you")
        && !plural(w)
        && (has(PERFECT, cx.t(j - 1)) || has(lx::MODALS, cx.t(j - 1)))
}

/// A word in -s (not -ss): a plural noun or a verb, never an adverb.
fn plural(w: &str) -> bool {
    w.ends_with('s') && !w.ends_with("ss")
}

/// Auxiliaries of the perfect ("has long wanted"; after "was" the verb is
/// passive: "was first reported").
const PERFECT: &[&str] = &["had", "has", "have"];

/// Forms of "be" and negations before a predicate.
const COPULAS: &[&str] = &[
    "am", "are", "be", "been", "being", "is", "n't", "not", "n’t", "was", "were",
];

/// Auxiliaries of tense and voice.
const AUXILIARIES: &[&str] = &["had", "has", "have", "is", "was"];

/// Whether tokens `s..=head` can be the subject of the cue: a noun
/// phrase, so not one whose head is an article, a preposition, a
/// negation or an adverb ("an", "of", "n't", "only"), and not one that
/// follows an auxiliary or an infinitive "to" ("to hold talks": the verb's
/// object).
pub(super) fn noun_phrase(cx: &Ctx<'_>, s: usize, head: usize) -> bool {
    let h = cx.t(head);
    if non_head(h) || head > s && has(QUANTIFIERS, h) {
        return false;
    }
    // A lower-case first word that is no determiner or pronoun, right
    // after an auxiliary or an infinitive "to": a verb or an adverb ("to
    // hold talks", "has long wanted"), not a subject ("Does he know",
    // "according to polls").
    let first = cx.t(s);
    let verb_like = first.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && !has(lx::NP_START, first)
        && !has(DETERMINERS, first)
        && !has(SUBJECT_PRONOUNS, first)
        && !first.eq_ignore_ascii_case("you")
        && !has(POSSESSIVES, first)
        && !plural(first);
    let before = s
        .checked_sub(1)
        .filter(|&b| cx.sent.get(b) == cx.sent.get(s));
    // One such word after a preposition, a copula or a negation is an
    // object or a predicate ("in tough talks", "for best supporting
    // actress", "are holding talks", "not worth showing"); a lower-case
    // participle in -ed or a verb of saying alone is no subject ("failed
    // promises", "reports say").
    if verb_like && head == s {
        let b = before.map_or("", |b| cx.t(b));
        if has(PREPOSITIONS, b) && !matches!(b, "by" | "from")
            || has(COPULAS, b)
            || cx.class(head) & C_SPEECH != 0 && !first.ends_with('s')
            || first.len() > 4 && first.ends_with("ed")
        {
            return false;
        }
    }
    !before.is_some_and(|b| {
        verb_like
            && head == s
            && (has(AUXILIARIES, cx.t(b))
                || has(lx::MODALS, cx.t(b))
                || cx.is(b, "to") && !(b > 0 && cx.is(b - 1, "according")))
    })
}

/// A speaker phrase that is no noun phrase loses its trailing adverbs and
/// function words ("Rubio only" -> "Rubio"); when what is left is still
/// no noun phrase, the speaker is dropped and the quotation kept (its
/// content is often right: "has long wanted ...").
pub(super) fn drop_non_np_speakers(cx: &Ctx<'_>, out: &mut [(Quote, usize)]) {
    for (q, head) in out.iter_mut() {
        let Some((a, b)) = q.speaker else { continue };
        let s = cx.toks.partition_point(|t| t.start < a);
        let mut e = cx.toks.partition_point(|t| t.end <= b);
        if e <= s {
            continue;
        }
        let h = if (s..e).contains(head) { *head } else { e - 1 };
        // The phrase must also end on a word that may close a noun phrase
        // ("Citigroup away from its strategy of" does not).
        let last = cx.t(e - 1);
        let ends_well = !(non_head(last) || e - 1 > s && has(QUANTIFIERS, last));
        if ends_well && noun_phrase(cx, s, h) {
            continue;
        }
        while e > s + 1
            && (!cx.is_word(e - 1) || non_head(cx.t(e - 1)) || has(QUANTIFIERS, cx.t(e - 1)))
        {
            e -= 1;
        }
        let h = if (s..e).contains(head) && !non_head(cx.t(*head)) {
            *head
        } else {
            e - 1
        };
        if noun_phrase(cx, s, h) {
            q.speaker = tok_span(cx, (s, e - 1));
            *head = h;
        } else {
            q.speaker = None;
            *head = usize::MAX;
        }
    }
}

/// A word that cannot head a noun phrase (lower-case: the "A:" of an
/// interview is a speaker).
fn non_head(h: &str) -> bool {
    if !h.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    has(NON_HEADS, h) || has(PREPOSITIONS, h) || h == "n’t" || adverb(h)
}

/// Quantifiers that head a noun phrase only alone ("several said", not
/// "won several").
const QUANTIFIERS: &[&str] = &[
    "all", "both", "many", "more", "most", "other", "several", "some",
];

/// Words that never head a noun phrase.
const NON_HEADS: &[&str] = &[
    "a", "again", "already", "also", "always", "an", "even", "every", "first", "however", "just",
    "long", "n't", "never", "no", "not", "only", "still", "the", "too",
];

/// An adverb, which is never a speaker ("has always insisted", "has
/// firmly declared", "strongly supported"): a lower-case word in -ly
/// (nouns such as "family" or "ally" excepted) or a common adverb.
pub(super) fn adverb(w: &str) -> bool {
    const NOT_ADVERBS: &[&str] = &[
        "ally",
        "anomaly",
        "assembly",
        "bully",
        "daily",
        "elderly",
        "family",
        "folly",
        "holly",
        "jelly",
        "monopoly",
        "monthly",
        "quarterly",
        "rally",
        "reply",
        "supply",
        "weekly",
    ];
    const ADVERBS: &[&str] = &[
        "actually",
        "afterwards",
        "always",
        "consistently",
        "even",
        "firmly",
        "indeed",
        "instead",
        "just",
        "now",
        "still",
        "too",
    ];
    let b = w.as_bytes();
    if b.first().is_none_or(|c| !c.is_ascii_lowercase()) {
        return false;
    }
    (w.len() > 4 && w.ends_with("ly") && !has(NOT_ADVERBS, w)) || has(ADVERBS, w)
}

/// Prepositions that open a post-modifier of a noun phrase.
pub(super) const POST_MODIFIER: &[&str] = &["at", "from", "of"];

/// Tokens `a..b` are a name in apposition: one to four capitalised words.
pub(super) fn appositive_name(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    b > a
        && b - a <= 4
        && (a..b).all(|k| {
            cx.is_word(k) && cx.toks[k].has(Token::UPPER_INITIAL) && !has(lx::NOT_SPEAKER, cx.t(k))
        })
}

/// The first token of the noun phrase ending at `head` (not before `lo`).
pub(super) fn np_start(cx: &Ctx<'_>, head: usize, lo: usize) -> usize {
    let mut s = head;
    let mut count = 1;
    while s > lo && count < 8 {
        let p = s - 1;
        let w = cx.t(p);
        let ok = (cx.is_word(p) && (!has(lx::NOT_SPEAKER, w) || has(lx::NP_START, w)))
            || (matches!(w, "of" | "-") && s > lo + 1)
            || w == "&";
        if !ok || cx.class(p) & C_SPEECH != 0 {
            break;
        }
        s = p;
        count += 1;
        if has(lx::NP_START, w) {
            break;
        }
    }
    // Never start on a preposition.
    while s < head && cx.is(s, "of") {
        s += 1;
    }
    s
}

/// The subject of the sentence starting at `lo`, before `end`: a leading
/// pronoun, else the first name mention's run of capitalised words.
pub(super) fn sentence_subject(
    cx: &Ctx<'_>,
    lo: usize,
    end: usize,
) -> Option<((usize, usize), usize)> {
    // The first pronoun or capitalised word (sentence adverbs such as
    // "But" or "To wit" skipped).
    let s = (lo..end).find(|&k| {
        has(SUBJECT_PRONOUNS, cx.t(k))
            || (cx.is_word(k)
                && cx.toks[k].has(Token::UPPER_INITIAL)
                && !has(lx::NOT_SPEAKER, cx.t(k))
                && !has(lx::SKIP_BEFORE_CUE, cx.t(k)))
    })?;
    if has(SUBJECT_PRONOUNS, cx.t(s)) {
        return Some(((s, s), s));
    }
    let mut e = s;
    while e + 1 < end
        && e < s + 7
        && cx.is_word(e + 1)
        && (cx.toks[e + 1].has(Token::UPPER_INITIAL) || cx.t(e + 1) == "’s" || cx.t(e + 1) == "'s")
    {
        e += 1;
    }
    if !cx.toks.get(e)?.has(Token::UPPER_INITIAL) {
        return None;
    }
    Some(((s, e), e))
}

pub(super) const SUBJECT_PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we"];

/// The speaker phrase right after `cue` ("said Caddell", "said the
/// spokesman"), up to punctuation; the head is its last word.
pub(super) fn speaker_right(
    cx: &Ctx<'_>,
    cue: usize,
    hi: usize,
) -> Option<((usize, usize), usize)> {
    let s = cue + 1;
    let mut e = s;
    while e < hi && e < s + 8 {
        let w = cx.t(e);
        let ok = cx.is_word(e) && (!has(lx::NOT_SPEAKER, w) || has(lx::NP_START, w))
            || (w == "of" && e > s);
        if !ok {
            break;
        }
        e += 1;
    }
    if e == s {
        return None;
    }
    let head = e - 1;
    if has(lx::NP_START, cx.t(head)) {
        return None;
    }
    Some(((s, head), head))
}

pub(super) fn tok_span(cx: &Ctx<'_>, (a, b): (usize, usize)) -> Option<(u32, u32)> {
    Some((cx.toks.get(a)?.start, cx.toks.get(b)?.end))
}

/// An attribution of cue tokens `cue` and the speaker phrase `sp`
/// ((first, last), head) when found; the head is `usize::MAX` without one.
pub(super) fn attr(cue: (usize, usize), sp: Option<((usize, usize), usize)>) -> (Attr, usize) {
    let (speaker, head) = sp.map_or((None, usize::MAX), |(sp, h)| (Some(sp), h));
    (
        Attr {
            cue: Some(cue),
            speaker,
        },
        head,
    )
}

/// The attribution to the right of a segment: `,” he said.`, `,” said X.`
pub(super) fn attr_right(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize)> {
    if !s.closed {
        return None;
    }
    let n = cx.toks.len();
    let start = s.close + 1;
    if start >= n || cx.para_start[start] {
        return None;
    }
    // “...” ― Carla Sanchez: a name after a dash, ending the paragraph.
    if matches!(cx.t(start), "―" | "—" | "–" | "-" | "--") {
        let mut e = start + 1;
        while e < n
            && e < start + 9
            && !cx.para_start[e]
            && (cx.is_word(e) && cx.toks[e].has(Token::UPPER_INITIAL)
                || cx.t(e) == "." && e > start + 1)
        {
            e += 1;
        }
        let ends = e >= n || cx.para_start[e] || matches!(cx.t(e), "," | ";");
        if e > start + 1 && ends {
            let mut last = e - 1;
            while cx.t(last) == "." && last > start + 1 {
                last -= 1;
            }
            return Some((
                Attr {
                    cue: None,
                    speaker: Some((start + 1, last)),
                },
                last,
            ));
        }
    }
    let inner_end = cx.t(s.close.saturating_sub(1));
    let comma_after = cx.t(start) == ",";
    let first = if comma_after { start + 1 } else { start };
    let mut k = first;
    let mut cue = None;
    while k < n && k < first + 10 && !cx.para_start[k] || k == first && k < n {
        if cx.mark(k).is_some() || matches!(cx.t(k), "." | "!" | "?" | ";" | ":") {
            break;
        }
        // A verb of stance that ends the clause takes the quotation too:
        // "“...,” Gorka urged."
        let stance_at_end = cx.class(k) & C_STANCE != 0
            && (matches!(cx.t(k + 1), "." | "," | "!" | "?" | "") || cx.mark(k + 1).is_some());
        if (cx.is_cue(k) || stance_at_end) && !cx.according(k) {
            cue = Some(k);
            break;
        }
        k += 1;
    }
    // "“...,” Trump, the frontrunner in South Carolina, said": a cue after
    // an appositive.
    if cue.is_none() && (comma_after || matches!(inner_end, "," | "?" | "!")) {
        let comma = (first..n.min(first + 8)).find(|&k| cx.t(k) == ",");
        if let Some(cm) = comma {
            cue = (cm + 1..n.min(cm + 40))
                .take_while(|&k| {
                    cx.mark(k).is_none()
                        && !matches!(cx.t(k), "." | "!" | "?" | ";")
                        && !cx.para_start[k]
                })
                .find(|&k| cx.t(k - 1) == "," && cx.class(k) & C_SPEECH != 0);
        }
    }
    let c = cue?;
    // After a full stop inside the quote, only a short "he said." counts.
    let ends_sentence = matches!(cx.t(c + 1), "." | "," | "" | "!" | "?")
        || cx.mark(c + 1).is_some()
        || cx.para_start.get(c + 1).copied().unwrap_or(true);
    if inner_end == "." && !(ends_sentence && c - first <= 4) && !comma_after {
        return None;
    }
    let sp = if c > first {
        speaker_left(cx, c, first)
    } else {
        speaker_right(cx, c, n)
    };
    Some(attr((c, c), sp))
}

/// The attribution to the left of a segment: `X said: “`, `X said, “`,
/// `according to X, “`. Also returns where the content starts when the
/// quote is introduced by "that" (mixed).
pub(super) fn attr_left(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize, Option<usize>)> {
    let (lo, _) = cx.sent_range(s.open);
    if s.open == 0 || cx.para_start[s.open] {
        return None;
    }
    let mut j = s.open - 1;
    let mut that = None;
    if matches!(cx.t(j), ":" | ",") {
        j = j.checked_sub(1)?;
    } else if cx.is(j, "that") {
        that = Some(j);
        j = j.checked_sub(1)?;
    }
    if j < lo || cx.quoted[j] {
        return None;
    }
    // The cue is the word before the mark, or "according to X,".
    if cx.is_cue(j) && !cx.according(j) {
        let sp = speaker_left(cx, j, lo);
        let (a, head) = attr((j, j), sp);
        return Some((a, head, that));
    }
    // "according to X, “...”" or "X told reporters: “...”"
    let back = (lo..=j).rev().take(8);
    for k in back {
        if cx.quoted[k] {
            break;
        }
        if cx.according(k) {
            let sp = speaker_right(cx, k + 1, j + 1);
            let (a, head) = attr((k, k + 1), sp);
            return Some((a, head, that));
        }
        if has(lx::WITH_OBJECT, cx.t(k))
            || (cx.class(k) & C_SPEECH != 0 && matches!(cx.t(s.open - 1), ":" | ","))
        {
            let sp = speaker_left(cx, k, lo);
            let (a, head) = attr((k, k), sp);
            return Some((a, head, that));
        }
    }
    None
}

/// An introduction in the previous paragraph ending with a colon
/// ("Caddell continued:").
pub(super) fn attr_intro(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize)> {
    if !cx.para_start[s.open] || s.open < 2 {
        return None;
    }
    let j = s.open - 1;
    if cx.t(j) != ":" {
        return None;
    }
    let (lo, _) = cx.sent_range(j);
    let c = (lo..j).rev().take(10).find(|&k| cx.is_cue(k))?;
    let sp = speaker_left(cx, c, lo).or_else(|| speaker_right(cx, c, j));
    Some(attr((c, c), sp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        for l in [
            PERFECT,
            COPULAS,
            AUXILIARIES,
            QUANTIFIERS,
            NON_HEADS,
            DETERMINERS,
            SUBJECTS,
            PREPOSITIONS,
            SUBJECT_PRONOUNS,
            GERUND_PREPOSITIONS,
            POSSESSIVES,
            NOUN_NOT_VERB_PREPS,
            NOUN_FIRST,
            NOUN_THAT,
            NOUN_PREP,
            NOUN_BEFORE,
            MORE_STANCE,
            PERCEPTION,
            HEARSAY,
            ASKED,
            WH,
            ADJUNCT_START,
            CALLED,
        ] {
            assert!(l.windows(2).all(|w| w[0] < w[1]), "unsorted near {l:?}");
        }
        assert!(adverb("firmly") && !adverb("quarterly") && adverb("instead"));
    }
}

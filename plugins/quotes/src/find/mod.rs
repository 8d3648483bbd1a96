//! The quote finder: quotation marks paired into segments, segments joined
//! into quotations with their attribution, reported speech around cue
//! verbs, and speakers resolved to entities.

use newsmill_sdk::{Sentence, Token, TokenKind};

use crate::lexicon::{self as lx, has};

/// A mention of an entity (from the `entities` layer).
#[derive(Clone, Copy, Debug)]
pub struct EntityMention {
    /// Start byte.
    pub start: u32,
    /// End byte.
    pub end: u32,
    /// The entity's number in the article.
    pub entity: u32,
    /// Type index: 0 PER, 1 ORG, 2 LOC, 3 MISC.
    pub ty: u8,
}

/// Direct, indirect or mixed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Wholly inside quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech with a quoted part.
    Mixed,
}

impl Kind {
    /// `direct`, `indirect` or `mixed`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
        }
    }
}

/// One quotation (byte spans).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Content: from its first byte to its last (a quotation split by an
    /// attribution is one span over both parts).
    pub content: (u32, u32),
    /// The cue ("said", "according to"), when found.
    pub cue: Option<(u32, u32)>,
    /// The speaker as written, when found.
    pub speaker: Option<(u32, u32)>,
    /// The entity the speaker resolves to.
    pub entity: Option<u32>,
    /// Direct, indirect or mixed.
    pub kind: Kind,
}

/// A byte range.
type Range = (u32, u32);

/// What the finder reads.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The text.
    pub text: &'a str,
    /// Tokens.
    pub tokens: &'a [Token],
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Entity mentions in text order.
    pub mentions: &'a [EntityMention],
    /// Gender of each entity (by entity number): 1 male, 2 female, 0 unknown.
    pub genders: &'a [u8],
    /// The headline span, if any ("Graham: Trump's rhetoric is hateful").
    pub title: Option<Range>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Open,
    Close,
    Straight,
}

/// A pair of quotation marks: token indices of the marks (the close may be
/// missing at a paragraph end), and the quoted words.
#[derive(Clone, Copy, Debug)]
struct Seg {
    open: usize,
    /// Index of the closing mark, or one past the last quoted token.
    close: usize,
    closed: bool,
    quotation: bool,
}

/// An attribution found for a segment.
#[derive(Clone, Copy, Debug, Default)]
struct Attr {
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Sentence of each token.
    sent: Vec<u32>,
    sentences: &'a [Sentence],
    /// Token starts a paragraph.
    para_start: Vec<bool>,
    /// Token is inside a quotation segment (marks included).
    quoted: Vec<bool>,
    /// Cue classes of each token, looked up once.
    cls: Vec<u8>,
}

const C_SPEECH: u8 = 1;
const C_WEAK: u8 = 2;
const C_STANCE: u8 = 4;
const C_SOURCELESS: u8 = 8;
const C_CALLED: u8 = 16;
const C_HEARSAY: u8 = 32;
const C_NOUN: u8 = 64;
const C_NOUN_PREP: u8 = 128;
/// Both noun classes.
const C_NOUNS: u8 = C_NOUN | C_NOUN_PREP;

/// An upper-case letter followed by at least one lower-case one ("States",
/// not "STATES", "said" or "U.S.").
fn title_case(word: &str) -> bool {
    let mut c = word.chars();
    c.next().is_some_and(char::is_uppercase) && c.any(char::is_lowercase)
}

/// The cue classes of a word: one binary search in a table merged once
/// from the word lists.
fn classes(word: &str) -> u8 {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, u8)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut v: Vec<(&'static str, u8)> = Vec::new();
        for (list, c) in [
            (lx::SPEECH, C_SPEECH),
            (lx::WEAK, C_WEAK),
            (lx::STANCE, C_STANCE),
            (MORE_STANCE, C_STANCE),
            (lx::SOURCELESS, C_SOURCELESS),
            (CALLED, C_CALLED),
            (HEARSAY, C_HEARSAY),
            (NOUN_THAT, C_NOUN),
            (NOUN_PREP, C_NOUN_PREP),
        ] {
            v.extend(list.iter().map(|w| (*w, c)));
        }
        v.sort_unstable();
        v.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 |= b.1;
            }
            same
        });
        v
    });
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 24 || !b[0].is_ascii_alphabetic() {
        return 0;
    }
    let mut buf = [0u8; 24];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let low = &buf[..b.len()];
    table
        .binary_search_by(|(w, _)| w.as_bytes().cmp(low))
        .map_or(0, |k| table[k].1)
}

impl<'a> Ctx<'a> {
    fn t(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.t(i).eq_ignore_ascii_case(w)
    }

    fn kind(&self, i: usize) -> TokenKind {
        self.toks.get(i).map_or(TokenKind::PUNCT, |t| t.kind)
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(
            self.kind(i),
            TokenKind::WORD | TokenKind::NUMBER | TokenKind::ALNUM | TokenKind::CLITIC
        )
    }

    fn mark(&self, i: usize) -> Option<Mark> {
        if self.kind(i) != TokenKind::QUOTE {
            return None;
        }
        match self.t(i) {
            "“" | "„" | "«" | "``" => Some(Mark::Open),
            "”" | "»" => Some(Mark::Close),
            // Some papers write '' for both marks; after `` it closes.
            "\"" | "''" => Some(Mark::Straight),
            _ => None,
        }
    }

    fn sent_range(&self, i: usize) -> (usize, usize) {
        let s = self.sent.get(i).copied().unwrap_or(0) as usize;
        self.sentences.get(s).map_or((i, i + 1), |s| {
            (s.token_start as usize, s.token_end as usize)
        })
    }

    fn is_cue(&self, i: usize) -> bool {
        self.class(i) & (C_SPEECH | C_WEAK) != 0 || self.according(i)
    }

    /// The cue classes of token `i` (`C_*` bits).
    fn class(&self, i: usize) -> u8 {
        self.cls.get(i).copied().unwrap_or(0)
    }

    fn according(&self, i: usize) -> bool {
        self.is(i, "according") && self.is(i + 1, "to")
    }

    fn para_of_break(&self, lo: usize, hi: usize) -> bool {
        (lo + 1..=hi.min(self.toks.len().saturating_sub(1))).any(|k| self.para_start[k])
    }
}

/// Find the quotations of a document.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// use newsmill_quotes::find::{Input, Kind, find};
/// let doc = Doc::analyze(Article::from_text("a", "Talks\n\n“We will not give in,” he said. Officials said that the talks had failed."), &AnalyzeOptions::default());
/// let q = find(&Input { text: &doc.text, tokens: &doc.tokens, sentences: &doc.sentences, mentions: &[], genders: &[], title: None });
/// assert_eq!(q.len(), 2);
/// assert_eq!(q[0].kind, Kind::Direct);
/// assert_eq!(&doc.text[q[1].speaker.unwrap().0 as usize..q[1].speaker.unwrap().1 as usize], "Officials");
/// ```
pub fn find(input: &Input<'_>) -> Vec<Quote> {
    let n = input.tokens.len();
    let mut sent = vec![0u32; n];
    for (si, s) in input.sentences.iter().enumerate() {
        for x in sent
            .get_mut(s.token_start as usize..s.token_end as usize)
            .into_iter()
            .flatten()
        {
            *x = si as u32;
        }
    }
    let mut para_start = vec![false; n];
    for (i, t) in input.tokens.iter().enumerate() {
        para_start[i] = i == 0 || t.has(Token::LINE_BEFORE) || {
            let prev = input.tokens[i - 1].end as usize;
            input
                .text
                .get(prev..t.start as usize)
                .is_some_and(|g| g.contains('\n'))
        };
    }
    let mut cx = Ctx {
        text: input.text,
        toks: input.tokens,
        sent,
        sentences: input.sentences,
        para_start,
        quoted: vec![false; n],
        cls: input
            .tokens
            .iter()
            .map(|t| classes(t.text(input.text)))
            .collect(),
    };
    // Cue words that are no verb there: a capitalised one after a
    // capitalised word is part of a name (in "the United States began",
    // "States" is no cue and "the United" no speaker); one in -s after a
    // determiner, possessive or number is a plural noun ("30 states", "his
    // plans") and keeps only its noun readings.
    for i in 1..n {
        let c = cx.cls[i];
        if c == 0 {
            continue;
        }
        let (w, prev) = (cx.t(i), cx.t(i - 1));
        if !cx.para_start[i] && cx.sent[i] == cx.sent[i - 1] && title_case(w) && title_case(prev) {
            cx.cls[i] = 0;
        } else if c & !C_NOUNS != 0
            && w.ends_with('s')
            && (has(NOUN_BEFORE, prev) || cx.kind(i - 1) == TokenKind::NUMBER)
        {
            cx.cls[i] = c & C_NOUNS;
        }
    }
    let segs = segments(&cx);
    for s in segs.iter().filter(|s| s.quotation) {
        for q in cx
            .quoted
            .get_mut(s.open..(s.close + 1).min(n))
            .into_iter()
            .flatten()
        {
            *q = true;
        }
    }
    let mut used_cue = vec![false; n];
    let mut out: Vec<(Quote, usize)> = Vec::new(); // quote, speaker head token
    direct(&cx, &segs, &mut used_cue, &mut out);
    indirect(&cx, &segs, &mut used_cue, &mut out);
    if let Some(t) = input.title {
        headline(&cx, t, &mut out);
    }
    // "Bernie Sanders: I'm not much of a socialist." at a paragraph start
    // (interviews, transcripts, lists of reactions).
    for k in 0..n {
        if cx.para_start[k] && !cx.quoted[k] {
            let (_, e) = cx.sent_range(k);
            if let (Some(a), Some(b)) = (cx.toks.get(k), cx.toks.get(e.saturating_sub(1))) {
                headline(&cx, (a.start, b.end), &mut out);
            }
        }
    }
    source_phrase(&cx, &mut out);
    // Reported content that is only a place adjunct ("speaking at
    // Moscow's prestigious MGIMO University") is no quotation.
    out.retain(|(q, _)| {
        let (a, b) = q.content;
        q.kind != Kind::Indirect
            || b - a >= 60
            || !input
                .text
                .get(a as usize..b as usize)
                .is_some_and(|c| c.starts_with("at ") && !c.contains(" that "))
    });
    out.sort_by_key(|(q, _)| q.content);
    // A quotation with no speaker of its own takes the speaker of the
    // attribution just before it (same or previous paragraph).
    let mut last: Option<(Option<Range>, usize, u32)> = None;
    for (q, head) in &mut out {
        if q.speaker.is_none()
            && let Some((sp, h, end)) = last
            && q.content.0 >= end
            && input
                .text
                .get(end as usize..q.content.0 as usize)
                .is_some_and(|gap| gap.len() < 600 && gap.matches('\n').count() <= 2)
        {
            q.speaker = sp;
            *head = h;
        }
        if q.speaker.is_some() {
            last = Some((q.speaker, *head, q.content.1));
        }
    }
    // Speaker resolution, in text order (pronouns look at earlier speakers).
    let mut last_speakers: Vec<(u32, u32)> = Vec::new(); // (entity, byte pos)
    let mut quotes = Vec::with_capacity(out.len());
    for (mut q, head) in out {
        if let Some((s, _)) = q.speaker {
            q.entity = resolve(&cx, input, q.speaker, head, &last_speakers);
            if let Some(e) = q.entity {
                last_speakers.push((e, s));
            }
        }
        quotes.push(q);
    }
    quotes
}

fn segments(cx: &Ctx<'_>) -> Vec<Seg> {
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

fn seg(cx: &Ctx<'_>, open: usize, close: usize, closed: bool) -> Seg {
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
    // A short run of capitalised words is a title ("Law and Order").
    let title = words <= 5
        && (open + 1..close)
            .filter(|&k| cx.is_word(k) && cx.t(k).len() > 3)
            .all(|k| cx.toks[k].has(Token::UPPER_INITIAL));
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

/// The speaker phrase ending just before `cue` (auxiliaries, adverbs and
/// times skipped; an appositive between commas skipped), not before `lo`.
/// Returns (first, last) token and the head token.
fn speaker_left(cx: &Ctx<'_>, cue: usize, lo: usize) -> Option<((usize, usize), usize)> {
    let mut j = cue.checked_sub(1)?;
    loop {
        while j > lo
            && (has(lx::SKIP_BEFORE_CUE, cx.t(j))
                || cx.t(j) == "n't"
                || cx.is(j, "not")
                || has(lx::MODALS, cx.t(j))
                || adverb(cx.t(j))
                || (cx.is(j, "were") || cx.is(j, "was")) && cx.is(cue, "asked"))
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
    if (cx.is(j, "and") || cx.is(j, "but")) && j > lo {
        // "Rubio thanked Miami and said ...": the subject of the clause.
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

/// An adverb, which is never a speaker ("has always insisted", "has
/// firmly declared", "strongly supported"): a lower-case word in -ly
/// (nouns such as "family" or "ally" excepted) or a common adverb.
fn adverb(w: &str) -> bool {
    const NOT_ADVERBS: &[&str] = &[
        "ally", "anomaly", "assembly", "bully", "family", "folly", "holly", "jelly", "monopoly",
        "rally", "reply", "supply",
    ];
    const ADVERBS: &[&str] = &[
        "actually",
        "always",
        "consistently",
        "even",
        "firmly",
        "indeed",
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
const POST_MODIFIER: &[&str] = &["at", "from", "of"];

/// Tokens `a..b` are a name in apposition: one to four capitalised words.
fn appositive_name(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    b > a
        && b - a <= 4
        && (a..b).all(|k| {
            cx.is_word(k) && cx.toks[k].has(Token::UPPER_INITIAL) && !has(lx::NOT_SPEAKER, cx.t(k))
        })
}

/// The first token of the noun phrase ending at `head` (not before `lo`).
fn np_start(cx: &Ctx<'_>, head: usize, lo: usize) -> usize {
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
fn sentence_subject(cx: &Ctx<'_>, lo: usize, end: usize) -> Option<((usize, usize), usize)> {
    // The first pronoun or capitalised word (sentence adverbs such as
    // "But" or "To wit" skipped).
    let s = (lo..end).find(|&k| {
        has(SUBJECT_PRONOUNS, cx.t(k))
            || (cx.is_word(k)
                && cx.toks[k].has(Token::UPPER_INITIAL)
                && !has(lx::NOT_SPEAKER, cx.t(k)))
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

const SUBJECT_PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we"];

/// The speaker phrase right after `cue` ("said Caddell", "said the
/// spokesman"), up to punctuation; the head is its last word.
fn speaker_right(cx: &Ctx<'_>, cue: usize, hi: usize) -> Option<((usize, usize), usize)> {
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

fn tok_span(cx: &Ctx<'_>, (a, b): (usize, usize)) -> Option<(u32, u32)> {
    Some((cx.toks.get(a)?.start, cx.toks.get(b)?.end))
}

/// An attribution of cue tokens `cue` and the speaker phrase `sp`
/// ((first, last), head) when found; the head is `usize::MAX` without one.
fn attr(cue: (usize, usize), sp: Option<((usize, usize), usize)>) -> (Attr, usize) {
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
fn attr_right(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize)> {
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
        if cx.is_cue(k) && !cx.according(k) {
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
fn attr_left(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize, Option<usize>)> {
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
fn attr_intro(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize)> {
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

fn direct(cx: &Ctx<'_>, segs: &[Seg], used: &mut [bool], out: &mut Vec<(Quote, usize)>) {
    // (first segment, last segment, attribution, head, content start override)
    let mut groups: Vec<(usize, usize, Attr, usize, Option<usize>)> = Vec::new();
    for (si, s) in segs.iter().enumerate() {
        if !s.quotation {
            continue;
        }
        let right = attr_right(cx, s);
        let left = if right.is_none() {
            attr_left(cx, s)
        } else {
            None
        };
        // Join to the previous group when only its attribution lies
        // between: “A,” he said, “B.” / “A,” he said. “B.”
        if let Some(g) = groups.last_mut() {
            let prev = &segs[g.1];
            let same_para = !cx.para_of_break(prev.close, s.open);
            // The previous quotation's attribution lies between, and this
            // one has none of its own (or the same one): one quotation
            // split around its attribution, as PolNeAR annotates it.
            let between_is_attr = g.2.cue.is_some_and(|(_, c)| {
                prev.close < c
                    && c < s.open
                    && s.open - prev.close <= 60
                    && g.2.speaker.is_none_or(|(_, e)| e < s.open)
            });
            let own = right.is_some()
                || left
                    .as_ref()
                    .is_some_and(|(a, _, _)| a.cue != g.2.cue && a.cue.is_some());
            if same_para && between_is_attr && !own {
                g.1 = si;
                continue;
            }
        }
        let (attr, head, start) = if let Some((a, h)) = right {
            (a, h, None)
        } else if let Some((a, h, that)) = left {
            (a, h, that)
        } else if let Some((a, h)) = attr_intro(cx, s) {
            (a, h, None)
        } else {
            (Attr::default(), usize::MAX, None)
        };
        groups.push((si, si, attr, head, start));
    }
    // Quotes without attribution take the speaker of the quote just before
    // when it is in the same or the previous paragraph.
    let mut prev: Option<(Attr, usize, usize)> = None; // attr, head, last token
    for (first, last, mut attr, mut head, start) in groups {
        let (a, b) = (&segs[first], &segs[last]);
        if attr.cue.is_none()
            && attr.speaker.is_none()
            && let Some((pa, ph, pend)) = prev
        {
            let paras = (pend + 1..=a.open).filter(|&k| cx.para_start[k]).count();
            if paras <= 1 {
                attr.speaker = pa.speaker;
                head = ph;
            }
        }
        if let Some((c0, c1)) = attr.cue {
            for u in used.get_mut(c0..=c1).into_iter().flatten() {
                *u = true;
            }
        }
        let Some(cs) = cx.toks.get(start.unwrap_or(a.open)).map(|t| t.start) else {
            continue;
        };
        let ce = if b.closed {
            cx.toks.get(b.close).map_or(0, |t| t.end)
        } else {
            cx.toks.get(b.close.saturating_sub(1)).map_or(0, |t| t.end)
        };
        let kind = if start.is_some() {
            Kind::Mixed
        } else {
            Kind::Direct
        };
        out.push((
            Quote {
                content: (cs, ce),
                cue: attr.cue.and_then(|c| tok_span(cx, c)),
                speaker: attr.speaker.and_then(|s| tok_span(cx, s)),
                entity: None,
                kind,
            },
            head,
        ));
        prev = Some((attr, head, b.close));
    }
}

/// A headline "Name: what they said" (one to four capitalised words
/// before the colon).
fn headline(cx: &Ctx<'_>, (ts, te): Range, out: &mut Vec<(Quote, usize)>) {
    let t0 = cx.toks.partition_point(|t| t.start < ts);
    let t1 = cx.toks.partition_point(|t| t.end <= te);
    let Some(colon) = (t0 + 1..t1.min(t0 + 5)).find(|&k| cx.t(k) == ":") else {
        return;
    };
    let name_like = (t0..colon).all(|k| cx.is_word(k) && cx.toks[k].has(Token::UPPER_INITIAL));
    let end = content_end(cx, colon + 1, t1);
    if !name_like || (colon + 1..end).filter(|&k| cx.is_word(k)).count() < 3 {
        return;
    }
    let covered = out
        .iter()
        .any(|(q, _)| q.content.0 < te && ts < q.content.1);
    if let (false, Some(q)) = (
        covered,
        quote_of(cx, (colon + 1, end), (colon, colon), Some((t0, colon - 1))),
    ) {
        out.push((q, colon - 1));
    }
}

/// Reported speech around cue verbs that no quotation claimed.
fn indirect(cx: &Ctx<'_>, segs: &[Seg], used: &mut [bool], out: &mut Vec<(Quote, usize)>) {
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

fn mixed(cx: &Ctx<'_>, segs: &[Seg], (a, b): (u32, u32)) -> bool {
    segs.iter().any(|s| {
        let p = cx.toks.get(s.open).map_or(u32::MAX, |t| t.start);
        a <= p && p < b
    })
}

/// The last content token of a sentence (final punctuation dropped).
fn content_end(cx: &Ctx<'_>, from: usize, hi: usize) -> usize {
    // A second reported clause of the same subject ends this one: "He said
    // X and said that Y".
    let mut e = (from + 1..hi)
        .find(|&t| {
            (cx.is(t, "and") || cx.is(t, "but"))
                && (cx.class(t + 1) & C_SPEECH != 0
                    || has(lx::SKIP_BEFORE_CUE, cx.t(t + 1)) && cx.class(t + 2) & C_SPEECH != 0)
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

fn quote_of(
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

/// "According to X, C." / "C, according to X."
fn according(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<(Quote, usize, usize)> {
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
fn stance(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<(Quote, usize, usize)> {
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
    let (speaker, head) = if sourceless || participle && speaker_left(cx, i, lo).is_none() {
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
    let end = clause_end(cx, k, hi);
    let words = (k..end).filter(|&t| cx.is_word(t)).count();
    if words == 0 {
        return None;
    }
    Some((quote_of(cx, (k, end), (i, i), speaker)?, head, end))
}

/// The first clause-ending punctuation token from `k` (or `hi`).
fn clause_end(cx: &Ctx<'_>, k: usize, hi: usize) -> usize {
    (k..hi)
        .find(|&t| {
            matches!(
                cx.t(t),
                "," | ";" | ":" | "—" | "–" | "--" | "(" | "." | "?" | "!"
            )
        })
        .unwrap_or(hi)
}

/// "In a new Fox News poll, C." / "In a statement, C.": a sentence opened
/// by a source noun phrase, its clause the content (when no cue verb in
/// it claims it).
fn source_phrase(cx: &Ctx<'_>, out: &mut Vec<(Quote, usize)>) {
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
const SOURCE_NOUNS: &[&str] = &[
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

/// "X said (that) C." / "C, X said." / "C, said X."
fn reported(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<(Quote, usize, usize)> {
    let w = cx.t(i);
    let weak = has(lx::WEAK, w);
    let left = speaker_left(cx, i, lo);
    if has(ASKED, w) {
        // "Asked whether he would run, ...", "was asked about it".
        if let Some(k) = (i + 1..hi.min(i + 8))
            .take_while(|&k| !matches!(cx.t(k), "," | "." | ";" | ":") && cx.mark(k).is_none())
            .find(|&k| has(WH, cx.t(k)))
        {
            let end = (k + 1..hi)
                .find(|&t| matches!(cx.t(t), "," | ";" | "." | "?" | "!" | ":"))
                .unwrap_or(hi);
            if end > k + 1 {
                let sp = left.map(|(sp, _)| sp);
                let head = left.map_or(usize::MAX, |(_, h)| h);
                return Some((quote_of(cx, (k, end), (i, i), sp)?, head, end));
            }
        }
    }
    if has(CALLED, w) {
        // "X called Y “a disgrace”": the object and its quoted label.
        let (sp, head) = left?;
        let open = (i + 1..hi.min(i + 12))
            .find(|&k| matches!(cx.mark(k), Some(Mark::Open | Mark::Straight)))?;
        let close =
            (open + 1..hi).find(|&k| matches!(cx.mark(k), Some(Mark::Close | Mark::Straight)))?;
        return Some((
            quote_of(cx, (i + 1, close + 1), (i, i), Some(sp))?,
            head,
            close + 1,
        ));
    }
    // Content after the cue.
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
    if weak {
        return None;
    }
    // Fronted content: "C, X said." or "C, said X." The comma may sit
    // inside a closing quotation mark: "C is “a fragment,” X said."
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

/// Nouns of saying and believing that take a "that" clause ("the claim
/// that ...", "his warning that ...").
const NOUN_THAT: &[&str] = &[
    "accusation",
    "accusations",
    "admission",
    "allegation",
    "allegations",
    "argument",
    "assertion",
    "assurance",
    "belief",
    "claim",
    "claims",
    "complaint",
    "concern",
    "concerns",
    "contention",
    "denial",
    "doubts",
    "expectation",
    "fear",
    "fears",
    "insistence",
    "message",
    "notion",
    "prediction",
    "promise",
    "suggestion",
    "view",
    "warning",
];

/// "the claim that C", "his warning that C": the clause after a noun of
/// saying; the possessor before the noun, when there is one, the source.
fn nominal(cx: &Ctx<'_>, i: usize, lo: usize, hi: usize) -> Option<(Quote, usize, usize)> {
    // "his claim", "Trump's claim"
    let speaker = match i.checked_sub(1) {
        Some(h) if h >= lo && has(POSSESSIVES, cx.t(h)) => Some((h, h)),
        Some(h) if h > lo && matches!(cx.t(h), "’s" | "'s") => Some((h - 1, h - 1)),
        _ => None,
    };
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

/// Words before a noun: a cue word after one is no verb.
const NOUN_BEFORE: &[&str] = &[
    "a", "an", "another", "each", "eight", "every", "five", "four", "her", "his", "its", "my",
    "nine", "our", "seven", "six", "ten", "the", "their", "these", "those", "three", "two", "your",
];

/// Nouns of stance and intention that take their object with a
/// preposition ("his support for", "her attacks on", "their plan to").
const NOUN_PREP: &[&str] = &[
    "attack",
    "attacks",
    "call",
    "calls",
    "comment",
    "comments",
    "commitment",
    "complaint",
    "complaints",
    "concern",
    "concerns",
    "condemnation",
    "criticism",
    "decision",
    "defense",
    "demand",
    "demands",
    "doubts",
    "embrace",
    "endorsement",
    "fears",
    "hopes",
    "objections",
    "opposition",
    "plan",
    "plans",
    "pledge",
    "position",
    "praise",
    "promise",
    "proposal",
    "push",
    "question",
    "questions",
    "refusal",
    "rejection",
    "remarks",
    "skepticism",
    "stance",
    "support",
    "threat",
    "view",
    "views",
    "vow",
    "warning",
    "warnings",
];

/// Prepositions after a noun of `NOUN_PREP`.
const NOUN_PREPS: &[&str] = &[
    "about", "against", "for", "of", "on", "to", "toward", "towards",
];

const POSSESSIVES: &[&str] = &["her", "his", "its", "my", "our", "their", "your"];

/// More verbs of stance and view.
const MORE_STANCE: &[&str] = &[
    "identified",
    "named",
    "offered",
    "offering",
    "offers",
    "ordered",
    "saw",
    "sees",
    "signed",
    "viewed",
    "views",
];

/// Adverbs of hearsay: the rest of the sentence is attributed.
const HEARSAY: &[&str] = &["allegedly", "reportedly"];

/// Forms of "ask".
const ASKED: &[&str] = &["ask", "asked", "asking", "asks"];

/// Words that open an indirect question ("asked whether ...").
const WH: &[&str] = &[
    "about", "how", "if", "what", "when", "where", "whether", "which", "who", "why",
];

/// Words that start an adjunct between a cue and its clause.
const ADJUNCT_START: &[&str] = &[
    "after", "at", "before", "during", "earlier", "in", "last", "on", "this", "to", "when", "while",
];

/// Verbs that label: "called it “a disgrace”".
const CALLED: &[&str] = &[
    "branded",
    "called",
    "calling",
    "calls",
    "described",
    "describes",
    "describing",
    "dubbed",
    "labeled",
    "labelled",
];

const PRONOUNS_M: &[&str] = &["he", "him", "his"];
const PRONOUNS_F: &[&str] = &["her", "she"];

/// The entity a speaker phrase refers to.
fn resolve(
    cx: &Ctx<'_>,
    input: &Input<'_>,
    speaker: Option<(u32, u32)>,
    head: usize,
    last_speakers: &[(u32, u32)],
) -> Option<u32> {
    let (s, e) = speaker?;
    let ms = input.mentions;
    // The name at the head of the phrase, else the last one inside it.
    if let Some(m) = cx.toks.get(head).and_then(|t| {
        ms.iter()
            .find(|m| m.start <= t.start && t.end <= m.end && m.start >= s && m.end <= e)
    }) {
        return Some(m.entity);
    }
    if let Some(m) = ms.iter().rev().find(|m| m.start >= s && m.end <= e) {
        return Some(m.entity);
    }
    let h = cx.t(head);
    let gender = if has(PRONOUNS_M, h) {
        Some(1u8)
    } else if has(PRONOUNS_F, h) {
        Some(2)
    } else {
        None
    };
    let compatible = |ent: u32, g: u8| {
        let eg = input.genders.get(ent as usize).copied().unwrap_or(0);
        eg == 0 || eg == g
    };
    let is_per = |ent: u32| ms.iter().any(|m| m.entity == ent && m.ty == 0);
    if let Some(g) = gender {
        // The latest speaker within the last ~600 bytes, else the nearest
        // person named before.
        if let Some(&(ent, _)) = last_speakers
            .iter()
            .rev()
            .take_while(|(_, p)| s.saturating_sub(*p) < 600)
            .find(|(ent, _)| is_per(*ent) && compatible(*ent, g))
        {
            return Some(ent);
        }
        return ms
            .iter()
            .rev()
            .filter(|m| m.end <= s && m.ty == 0)
            .find(|m| compatible(m.entity, g))
            .map(|m| m.entity);
    }
    if cx.is(head, "who") || cx.is(head, "which") {
        // The name just before the relative pronoun.
        return ms
            .iter()
            .rev()
            .find(|m| m.end <= s && s - m.end < 40)
            .map(|m| m.entity);
    }
    if has(lx::ROLES, h) {
        // "the spokesman": the person the article gave that role to,
        // "Kremlin spokesman Dmitry Peskov" or "Dmitry Peskov, the spokesman".
        let before = cx.toks[..head.min(cx.toks.len())]
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, t)| t.text(cx.text).eq_ignore_ascii_case(h))
            .filter_map(|(k, t)| {
                let near_after = ms
                    .iter()
                    .find(|m| m.ty == 0 && m.start >= t.end && m.start - t.end <= 3);
                let near_before = ms
                    .iter()
                    .rev()
                    .find(|m| m.ty == 0 && m.end <= t.start && t.start - m.end <= 30 && k > 0);
                near_after.or(near_before).map(|m| m.entity)
            })
            .next();
        if before.is_some() {
            return before;
        }
        return last_speakers
            .iter()
            .rev()
            .find(|(ent, _)| is_per(*ent))
            .map(|(e, _)| *e);
    }
    if cx.is(head, "it") || has(lx::ORG_NOUNS, h) {
        return ms
            .iter()
            .rev()
            .find(|m| m.end <= s && m.ty == 1)
            .map(|m| m.entity);
    }
    None
}

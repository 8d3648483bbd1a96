//! The quote finder: quotation marks paired into segments, segments joined
//! into quotations with their attribution, reported speech around cue
//! verbs, and speakers resolved to entities.

use newsmill_sdk::{Sentence, Token, TokenKind};

use crate::lexicon::{self as lx, has};

mod cues;
mod direct;
mod lists;
mod reported;
mod resolve;
mod segments;
mod speaker;

use cues::*;
use direct::*;
use lists::*;
use reported::*;
use resolve::*;
use segments::*;
use speaker::*;

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

/// Reported speech found at a cue: the quote, its speaker's head token, and
/// the token the scan goes on from.
type Found = (Quote, usize, usize);

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
    /// The headline span, if any.
    title: Option<Range>,
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
    /// The context of `input`: each token's sentence, paragraph starts and
    /// cue classes.
    fn new(input: &Input<'a>) -> Ctx<'a> {
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
            title: input.title,
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
        cx.demote_cues();
        cx
    }

    /// Cue words that are no verb there: a capitalised one after a
    /// capitalised word is part of a name (in "the United States began",
    /// "States" is no cue and "the United" no speaker); one in -s after a
    /// determiner, possessive or number is a plural noun ("30 states", "his
    /// plans") and keeps only its noun readings.
    fn demote_cues(&mut self) {
        let title_lines = self.title_lines();
        for i in 1..self.toks.len() {
            let c = self.cls[i];
            if c == 0 {
                continue;
            }
            let (w, prev) = (self.t(i), self.t(i - 1));
            if !self.para_start[i]
                && self.sent[i] == self.sent[i - 1]
                && title_case(w)
                && title_case(prev)
                && !title_lines
                    .get(self.sent[i] as usize)
                    .copied()
                    .unwrap_or(false)
            {
                self.cls[i] = 0;
            } else if c & !C_NOUNS != 0
                && w.ends_with('s')
                && (has(NOUN_BEFORE, prev) || self.kind(i - 1) == TokenKind::NUMBER)
            {
                self.cls[i] = c & C_NOUNS;
            } else if c & !C_NOUNS != 0
                && (c & C_NOUNS != 0 || has(NOUN_FIRST, w))
                && w.ends_with('s')
                && !self.subject_before(i)
            {
                // "hold talks", "peace talks", "net attacks": a plural noun
                // after a verb or a modifier; the verb reading needs a
                // subject ("Mr Smith plans", "it attacks", "the company
                // plans"). Words that are nouns in news far more often
                // than verbs ("talks", `NOUN_FIRST`) are read so too though
                // no list has them as nouns of saying.
                self.cls[i] = c & C_NOUNS;
            } else if c & !C_NOUNS != 0
                && c & C_NOUNS != 0
                && w.ends_with('s')
                && self.toks.get(i + 1).is_some_and(|_| {
                    let next = self.t(i + 1);
                    has(NOUN_NOT_VERB_PREPS, next)
                        && !PHRASAL_VERBS
                            .iter()
                            .any(|(v, p)| w.eq_ignore_ascii_case(v) && next.eq_ignore_ascii_case(p))
                })
            {
                // "attacks in the US", "plans at the plant": a plural noun;
                // as a verb of stance these take an object or "to", not
                // this preposition (`PHRASAL_VERBS` such as "calls on"
                // excepted).
                self.cls[i] = c & C_NOUNS;
            } else if c & !C_NOUNS == C_STANCE
                && w.ends_with('s')
                && self
                    .toks
                    .get(i + 1)
                    .is_some_and(|_| has(&["between", "with"], self.t(i + 1)))
            {
                // "talks with unions", "meets with the board": company,
                // not a view.
                self.cls[i] = 0;
            } else if c & !C_NOUNS != 0
                && (prev.eq_ignore_ascii_case("a") || prev.eq_ignore_ascii_case("an"))
            {
                // No verb follows an indefinite article: "an estimated
                // $458m", "a cold feel".
                self.cls[i] = c & C_NOUNS;
            } else if has(PERCEPTION, w) && !self.view_complement(i) {
                // "its film division saw profits slump": seeing, not a view.
                self.cls[i] = 0;
            }
        }
    }

    /// Per sentence: whether it is a headline in title case ("Ted Cruz
    /// Hints Trump Would Get Border Wall Contract"), where a capitalised
    /// word after another may still be a verb: at least three words of
    /// four letters or more, every one of them capitalised.
    fn title_lines(&self) -> Vec<bool> {
        self.sentences
            .iter()
            .map(|s| {
                let (a, b) = (
                    s.token_start as usize,
                    (s.token_end as usize).min(self.toks.len()),
                );
                let mut long = 0;
                for t in a..b {
                    let w = self.t(t);
                    if w.chars().count() >= 4 && w.chars().all(char::is_alphabetic) {
                        if !w.starts_with(char::is_uppercase) {
                            return false;
                        }
                        long += 1;
                    }
                }
                long >= 3
            })
            .collect()
    }

    /// Whether a subject may end just before the verb at `i` (adverbs and
    /// auxiliaries skipped): a capitalised word, a pronoun, a relative, a
    /// quotation mark or comma (fronted content), or a lower-case noun
    /// after a determiner ("the company plans").
    fn subject_before(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0
            && (speaker::adverb(self.t(j - 1))
                || has(lx::SKIP_BEFORE_CUE, self.t(j - 1))
                || has(lx::MODALS, self.t(j - 1)))
        {
            j -= 1;
        }
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        if self.para_start[j] || self.sent[p] != self.sent[j] {
            return false;
        }
        let w = self.t(p);
        if !self.is_word(p) {
            return true;
        }
        if title_case(w) || w.chars().all(|c| !c.is_lowercase()) {
            return true;
        }
        has(SUBJECTS, w)
            || p > 0 && (has(lx::NP_START, self.t(p - 1)) || has(POSSESSIVES, self.t(p - 1)))
    }

    /// Whether the verb at `i` takes the complement of a view or a
    /// message: "that", "as", a colon or a quotation mark within the next
    /// few words of its sentence ("sees the deal as a threat", "saw that
    /// prices would rise", "posted on X: “...”"), or a quotation just
    /// before it ("“...”, she posted").
    fn view_complement(&self, i: usize) -> bool {
        // A closing mark just before: "“...,” she posted".
        let quote_before = i > 1 && matches!(self.mark(i - 2), Some(Mark::Close));
        // "that" right after the verb; "as" after a short object ("saw
        // the tycoon as", not "saw Ireland leading 18-12 as the game ...").
        quote_before
            || self.is(i + 1, "that")
            || (i + 1..(i + 6).min(self.toks.len()))
                .take_while(|&k| self.sent[k] == self.sent[i])
                .take_while(|&k| !self.t(k).ends_with("ing") && self.t(k) != ",")
                .any(|k| self.is(k, "as") || self.is(k, ":") || self.mark(k).is_some())
    }

    /// Mark the tokens of quotation segments (marks included) as quoted.
    fn mark_quoted(&mut self, segs: &[Seg]) {
        let n = self.toks.len();
        for s in segs.iter().filter(|s| s.quotation) {
            for q in self
                .quoted
                .get_mut(s.open..(s.close + 1).min(n))
                .into_iter()
                .flatten()
            {
                *q = true;
            }
        }
    }

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
    let mut cx = Ctx::new(input);
    let segs = segments(&cx);
    cx.mark_quoted(&segs);
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
    carry_speakers(input.text, &mut out);
    drop_non_np_speakers(&cx, &mut out);
    resolve_all(&cx, input, out)
}

/// A quotation with no speaker of its own takes the speaker of the
/// attribution just before it (same or previous paragraph); `out` is in
/// text order.
fn carry_speakers(text: &str, out: &mut [(Quote, usize)]) {
    let mut last: Option<(Option<Range>, usize, u32)> = None;
    for (q, head) in out {
        if q.speaker.is_none()
            && let Some((sp, h, end)) = last
            && q.content.0 >= end
            && text
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
}

/// Speaker resolution, in text order (pronouns look at earlier speakers).
fn resolve_all(cx: &Ctx<'_>, input: &Input<'_>, out: Vec<(Quote, usize)>) -> Vec<Quote> {
    let mut last_speakers: Vec<(u32, u32)> = Vec::new(); // (entity, byte pos)
    let mut quotes = Vec::with_capacity(out.len());
    for (mut q, head) in out {
        if let Some((s, _)) = q.speaker {
            q.entity = resolve(cx, input, q.speaker, head, &last_speakers);
            if let Some(e) = q.entity {
                last_speakers.push((e, s));
            }
        }
        quotes.push(q);
    }
    quotes
}

//! Sentence splitter over tokens.
//!
//! A rule-based splitter in the tradition of Mikheev, Grefenstette &
//! Tapanainen and the pragmatic segmenter: it looks only at the token texts
//! and at the bytes between tokens (white space, line breaks), never at token
//! kinds or flags, so it works on any tokenization that keeps the byte spans
//! (this crate's tokenizer, gold CoNLL tokens, ...).
//!
//! The decisions, in short:
//!
//! - `!`, `?` and runs of them (`?!`, `!!!`) end a sentence unless a
//!   lower-case word or a comma follows (`"Why?" he asked`).
//! - A full stop ends a sentence unless the word before it is an
//!   abbreviation that cannot end one (`Mr.`, `Dr.`, `e.g.`, `vs.`, `P.S.`,
//!   `No. 5`, `Jan. 5`, the initial in `George W. Bush`), or a lower-case
//!   word or sentence-inner punctuation follows (`approx. five`), or no
//!   space follows (`3.14`, `example.com`). Abbreviations that may end a
//!   sentence (`Inc.`, `U.S.`, `p.m.`, `Jr.`, `St.`, `Calif.`) end one only
//!   before a typical sentence start (`The`, `He`, `But`, an opening quote)
//!   or a line break; `etc.` before any capital. A mixed-case word such as
//!   `iPhone` or `eBay` after a stop starts a sentence; so do digits,
//!   quotes, brackets and dashes (`said. -- Reuters`).
//! - An ellipsis ends a sentence before a capitalised word or a quote, not
//!   before a lower-case word.
//! - Closing quotes and brackets after the stop stay with the sentence
//!   (`He said "no."`, `(See below.)`, `the end.”`); so does a straight
//!   quote standing alone between spaces (`said. " We`), the CoNLL-2003
//!   convention.
//! - The full-width stops of Chinese and Japanese (`。`, `！`, `？`) end a
//!   sentence with no space after them; `」` and `』` after them stay with
//!   the sentence. German `„…“`, French `« … »` and Spanish `¿…?` / `¡…!`
//!   close and open sentences like English quotes.
//! - A line break after a line without final punctuation (headline,
//!   dateline, byline, list item, table row) is a boundary, unless the line
//!   obviously continues: it ends in a comma, an opening bracket, a
//!   word-breaking hyphen (`well-`) or a word like `the` or `of`, or the next
//!   line starts with a lower-case word. A blank line is always a boundary.
//!   Colons and semicolons are never boundaries in running text.
//! - List markers (`1.`, `a)`, `(b)`, `iv.`, `• 9.`) at the start of a
//!   line or sentence do not end a sentence; a bullet (`•`) or a dash at
//!   the start of a line starts one; an inline list splits where the next
//!   label follows the first (`1) milk 2) eggs`, `a. x b. y`).
//!
//! Cost: one pass over the tokens, no allocation besides the pushes to
//! `out`; abbreviations are looked up by binary search in small sorted
//! static tables, ASCII-case-insensitively.

use std::cmp::Ordering;

use crate::text::{Sentence, Token};

/// Split the tokens of one paragraph (or region) into sentences, appending
/// them to `out`. `base` is the index of `tokens[0]` in the document.
///
/// Every token belongs to exactly one sentence; sentences come in order and
/// none is empty. Only token spans and the text are read (not kinds or
/// flags).
///
/// ```
/// use newsmill_core::{Span, tokenize::tokenize, sentences::split};
/// let text = "Mr. Smith arrived at 5 p.m. He left. Then it rained.";
/// let mut toks = Vec::new();
/// tokenize(text, Span::new(0, text.len() as u32), &mut toks);
/// let mut sents = Vec::new();
/// split(text, &toks, 0, &mut sents);
/// let got: Vec<_> = sents.iter().map(|s| s.span().slice(text)).collect();
/// assert_eq!(got, ["Mr. Smith arrived at 5 p.m.", "He left.", "Then it rained."]);
/// ```
pub fn split(text: &str, tokens: &[Token], base: u32, out: &mut Vec<Sentence>) {
    let n = tokens.len();
    let sp = Splitter { text, toks: tokens };
    let mut first = 0usize;
    // The list label the current sentence starts with, if any.
    let mut label = if n > 0 { sp.label_at(0) } else { None };
    let mut i = 0usize;
    while i < n {
        let (brk, k) = sp.decide(first, label, i);
        if brk && k + 1 < n {
            push(out, tokens, base, first, k);
            first = k + 1;
            label = sp.label_at(first);
        }
        i = k + 1;
    }
    if first < n {
        push(out, tokens, base, first, n - 1);
    }
}

fn push(out: &mut Vec<Sentence>, toks: &[Token], base: u32, first: usize, last: usize) {
    out.push(Sentence {
        start: toks[first].start,
        end: toks[last].end,
        token_start: base + first as u32,
        token_end: base + last as u32 + 1,
    });
}

/// What ends the candidate sentence.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stop {
    /// A full-width stop of Chinese or Japanese (`。`, `！`, `？`): ends the
    /// sentence with no space after it.
    Full,
    /// `!` or `?` (possibly with dots).
    Strong,
    /// `...` or `…`.
    Ellipsis,
    /// A single full stop; the token index of the word before it (the word
    /// may include the stop itself, `Mr.`), if any.
    Period(Option<usize>),
}

/// How the word before a full stop behaves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abbrev {
    /// An ordinary word or number: the stop ends the sentence before a
    /// capital, a digit, a quote or a bracket.
    None,
    /// Never ends a sentence (`Mr.`, `e.g.`, `vs.`).
    Never,
    /// Does not end a sentence before a number (`No. 5`, `Jan. 5`, `p. 12`).
    BeforeNumber {
        /// Otherwise it may end one before a typical sentence start.
        else_final: bool,
    },
    /// May end a sentence, but only before a typical sentence start
    /// (`Inc.`, `U.S.`, `p.m.`, `Jr.`).
    Final,
    /// `etc.`: ends a sentence before any capitalised word.
    Etc,
    /// A single letter (`J.` in `J. K. Rowling`): ends a sentence only
    /// before a typical sentence start.
    Initial,
    /// A list marker (`1.`, `a.`, `iv.`) at the start of a line or
    /// sentence: never ends a sentence.
    ListMarker,
}

struct Splitter<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Splitter<'a> {
    fn tok(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// The bytes between token `i` and token `i + 1` (empty at the end).
    fn gap_after(&self, i: usize) -> &'a str {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self
                .text
                .get(a.end as usize..b.start as usize)
                .unwrap_or(""),
            _ => "",
        }
    }

    /// True when token `i + 1` follows token `i` with no byte between.
    fn attached(&self, i: usize) -> bool {
        i + 1 < self.toks.len() && self.toks[i].end == self.toks[i + 1].start
    }

    /// Number of line breaks between token `i` and `i + 1`, capped at 2.
    fn breaks_after(&self, i: usize) -> u8 {
        let mut nl = 0u8;
        for b in self.gap_after(i).bytes() {
            if b == b'\n' {
                nl += 1;
                if nl == 2 {
                    break;
                }
            }
        }
        nl
    }

    /// True when token `i` starts a line (or the region).
    fn line_start(&self, i: usize) -> bool {
        i == 0 || self.breaks_after(i - 1) > 0
    }

    /// Decide whether a sentence ends at token `i` or at the end of the
    /// terminal run starting at `i`; returns the decision and the last token
    /// index of what was looked at (the run's end, or `i`).
    fn decide(&self, first: usize, label: Option<Label>, i: usize) -> (bool, usize) {
        let n = self.toks.len();
        let t = self.tok(i);
        let Some((stop, mut k)) = self.stop_at(first, i, t) else {
            return (
                i + 1 < n && (self.line_break_ends(i) || self.next_item_inline(label, i + 1)),
                i,
            );
        };
        // Closing quotes and brackets stay with the sentence.
        while k + 1 < n && self.is_closer_after(k) {
            k += 1;
        }
        if k + 1 >= n {
            return (true, k);
        }
        let next = k + 1;
        let nl = self.breaks_after(k);
        if nl >= 2 {
            return (true, k);
        }
        let nt = self.tok(next);
        let no_space = self.attached(k);
        let decision = match stop {
            Stop::Full => !is_inner_punct(nt),
            Stop::Strong => {
                if no_space && !is_opening(nt) {
                    false
                } else {
                    !(is_lower_word(nt) || is_inner_punct(nt))
                }
            }
            Stop::Ellipsis => {
                i > first
                    && !no_space
                    && (starts_upper(nt) || is_opening(nt) || (nl > 0 && !is_lower_word(nt)))
            }
            Stop::Period(word) => self.period_ends(first, word, next, nl > 0, no_space),
        };
        (
            decision || !no_space && self.next_item_inline(label, next),
            k,
        )
    }

    /// If token `i` (with text `t`) starts a terminal run, its kind and the
    /// last token of the run (before closers).
    fn stop_at(&self, first: usize, i: usize, t: &str) -> Option<(Stop, usize)> {
        let n = self.toks.len();
        let (mut strong, mut dots, mut ellipsis, mut word) = (false, 0usize, false, None);
        // A CJK (full-width) stop: no space follows it, it always ends.
        let mut full = false;
        if is_terminal(t) {
            for c in t.chars() {
                match c {
                    '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' | '‽' => strong = true,
                    '。' | '｡' | '！' | '？' | '︒' | '﹒' | '﹗' | '﹖' => full = true,
                    '.' => dots += 1,
                    _ => ellipsis = true,
                }
            }
            if t == "." && i > first && self.attached(i - 1) {
                word = Some(i - 1);
            }
        } else if t.len() > 1 && t.ends_with('.') {
            // An abbreviation (or word) delivered with its stop: "U.S.", "Mr."
            let w = &t[..t.len() - 1];
            if !w.chars().last().is_some_and(char::is_alphanumeric) {
                return None;
            }
            dots = 1;
            word = Some(i);
        } else {
            return None;
        }
        let mut k = i;
        // Further attached terminal tokens: "?" "!", "..." ".", ". . ." spaced.
        while k + 1 < n && is_terminal(self.tok(k + 1)) {
            let spaced_dot = self.gap_after(k) == " "
                && self.tok(k) == "."
                && self.tok(k + 1) == "."
                && (t == "." || dots > 1);
            if !(self.attached(k) || spaced_dot) {
                break;
            }
            k += 1;
            for c in self.tok(k).chars() {
                match c {
                    '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' | '‽' => strong = true,
                    '。' | '｡' | '！' | '？' | '︒' | '﹒' | '﹗' | '﹖' => full = true,
                    '.' => dots += 1,
                    _ => ellipsis = true,
                }
            }
        }
        let stop = if full {
            Stop::Full
        } else if strong {
            Stop::Strong
        } else if ellipsis || dots == 2 || dots == 3 {
            Stop::Ellipsis
        } else if dots == 1 {
            Stop::Period(word)
        } else {
            // "...." and longer runs: an ellipsis closing a sentence.
            Stop::Period(None)
        };
        Some((stop, k))
    }

    /// True when token `k + 1` closes a quotation or bracket opened before
    /// the stop at `k`.
    fn is_closer_after(&self, k: usize) -> bool {
        let t = self.tok(k + 1);
        match t {
            ")" | "]" | "}" | "”" | "’" | "»" | "›" | "''" | "」" | "』" | "）" | "〉" | "》" => {
                true
            }
            // German closing marks (`„Wir gehen.“ Dann`): closing when
            // attached to the stop and followed by a space or the end.
            "“" | "‘" => self.attached(k) && !self.attached(k + 1),
            "\"" | "'" => {
                // A straight quote is closing when attached to the stop, or
                // when it stands alone (`said. " We`): an opening quote
                // sits against the word it opens.
                self.attached(k) || k + 2 >= self.toks.len() || !self.attached(k + 1)
            }
            _ => false,
        }
    }

    /// Decide a single full stop whose run ends at `k`; `word` is the token
    /// before the stop (or holding it), `next` the token after the run.
    fn period_ends(
        &self,
        first: usize,
        word: Option<usize>,
        next: usize,
        newline: bool,
        no_space: bool,
    ) -> bool {
        let nt = self.tok(next);
        let class = match word {
            Some(w) => self.classify(first, w),
            None => Abbrev::None,
        };
        let wtext = word.map(|w| self.word_text(w)).unwrap_or("");
        if no_space {
            // "3.14", "example.com", "U.S" split by a tokenizer: not an end,
            // unless a space was plainly forgotten ("home.The next day").
            return class == Abbrev::None
                && is_lower_word(wtext)
                && wtext.len() >= 3
                && is_capitalized_word(nt)
                && !self.attached(next);
        }
        if is_day_number(wtext) && is_german_month(nt) {
            // A German ordinal date: "am 3. März 2024".
            return false;
        }
        match class {
            Abbrev::Never | Abbrev::ListMarker => false,
            Abbrev::BeforeNumber { else_final } => {
                // "No. 5", "No. #3", "Vol. IV" (not "No. I": the pronoun).
                if starts_digit(nt)
                    || nt.starts_with('#')
                    || nt.len() >= 2 && roman_value(nt).is_some_and(|v| v > 100)
                {
                    false
                } else if else_final {
                    newline && !is_lower_word(nt) || self.is_sentence_start(next)
                } else {
                    ordinary_end(nt)
                }
            }
            Abbrev::Final => {
                (newline && !is_lower_word(nt) && !is_inner_punct(nt))
                    || self.is_sentence_start(next)
            }
            Abbrev::Etc => {
                (newline && !is_lower_word(nt) && !is_inner_punct(nt))
                    || starts_upper(nt)
                    || is_opening(nt)
            }
            Abbrev::Initial => {
                // Initials run on over a line break ("J.\nSmith") unless the
                // line plainly restarts with a sentence start.
                self.is_sentence_start(next)
            }
            Abbrev::None => ordinary_end(nt),
        }
    }

    /// The word before the stop: the token text without a final `.`.
    fn word_text(&self, w: usize) -> &'a str {
        let t = self.tok(w);
        t.strip_suffix('.').unwrap_or(t)
    }

    /// Classify the word at token `w` (which may hold the stop itself).
    fn classify(&self, first: usize, w: usize) -> Abbrev {
        let word = self.word_text(w);
        let Some(c0) = word.chars().next() else {
            return Abbrev::None;
        };
        // List markers: "1." "12." "a." "iv." at the start of a line or of
        // the sentence.
        let item_start = w == first
            || self.line_start(w)
            || (w == first + 1 && is_bullet(self.tok(first)) && !self.attached(first))
            || (w > first && self.tok(w - 1) == ":" && !self.attached(w - 1));
        if item_start && is_list_label(word) {
            return Abbrev::ListMarker;
        }
        if word.contains('.') {
            // "U.S", "a.m", "e.g", "Ph.D" (the last stop is the candidate);
            // not "example.com" or "info@example.com".
            return if in_table(NEVER, word) {
                Abbrev::Never
            } else if is_initialism(word) {
                Abbrev::Final
            } else {
                Abbrev::None
            };
        }
        let upper = c0.is_uppercase();
        let mut chars = word.chars();
        if chars.next().is_some() && chars.next().is_none() && c0.is_alphabetic() {
            // A single letter; "U" "." "S" "." split apart counts as an
            // initialism too.
            return Abbrev::Initial;
        }
        if upper && in_table(TITLES, word) {
            return Abbrev::Never;
        }
        if in_table(NEVER, word) {
            return Abbrev::Never;
        }
        if in_table(BEFORE_NUMBER, word) {
            return Abbrev::BeforeNumber { else_final: false };
        }
        if upper && in_table(MONTHS_DAYS, word) {
            return Abbrev::BeforeNumber { else_final: true };
        }
        if word.eq_ignore_ascii_case("etc") {
            return Abbrev::Etc;
        }
        if in_table(FINAL, word) || upper && in_table(STATES, word) {
            return Abbrev::Final;
        }
        if upper && is_vowelless_abbrev(word) {
            return Abbrev::Final;
        }
        Abbrev::None
    }

    /// A typical sentence start: a capitalised function word ("The", "He",
    /// "But", ...) that is not itself an initial, or an opening quote.
    fn is_sentence_start(&self, j: usize) -> bool {
        let t = self.tok(j);
        if matches!(t, "\"" | "“" | "‘" | "«" | "``") {
            return true;
        }
        if !starts_upper(t) {
            return false;
        }
        if self.attached(j) && self.tok(j + 1) == "." {
            return false;
        }
        in_table(STARTERS, t)
    }

    /// A line break after token `i`, which is not a stop: a boundary unless
    /// the line plainly continues.
    fn line_break_ends(&self, i: usize) -> bool {
        let nl = self.breaks_after(i);
        if nl == 0 {
            return is_inline_bullet(self.tok(i + 1)) && !self.attached(i);
        }
        if nl >= 2 {
            return true;
        }
        let (t, nt) = (self.tok(i), self.tok(i + 1));
        if self.starts_list_item(i + 1) {
            return true;
        }
        if matches!(t, "," | "(" | "[" | "{" | "“" | "‘" | "«") {
            return false;
        }
        if matches!(t, "-" | "–") && i > 0 && self.attached(i - 1) {
            // A word broken at its hyphen: "well-\nknown".
            return false;
        }
        if is_lower_word(nt) || is_inner_punct(nt) {
            return false;
        }
        !in_table(CONTINUATION, t) || !is_lower_word(t)
    }

    /// Token `j` starts the next item of an inline list whose first item
    /// (label `current`) starts the current sentence: "1) The first item 2) The second item",
    /// "a. apples b. pears". The labels must run on (1 then 2, a then b,
    /// i then ii), so "(a) ... (b)" inside running prose does not split;
    /// capital letters do not count ("J. K. Rowling" is no list).
    fn next_item_inline(&self, current: Option<Label>, j: usize) -> bool {
        let Some(current) = current else {
            return false;
        };
        if j == 0 || self.attached(j - 1) {
            return false;
        }
        self.label_at(j).is_some_and(|next| next.follows(current))
    }

    /// A list label at token `j`: `1.`, `2)`, `a.`, `(b)`, `iv.`, `3.)`.
    fn label_at(&self, j: usize) -> Option<Label> {
        let n = self.toks.len();
        let mut t = self.tok(j);
        let b0 = *t.as_bytes().first()?;
        if !(b0.is_ascii_alphanumeric() || b0 == b'(') || t.len() > 5 {
            return None;
        }
        let mut j = j;
        let paren = t == "(";
        if paren {
            if !self.attached(j) {
                return None;
            }
            j += 1;
            t = self.tok(j);
        }
        let core = t.trim_end_matches(['.', ')']);
        let mut closed = core.len() < t.len();
        let mut closed_paren = t.ends_with(')');
        let mut k = j;
        while k + 1 < n && self.attached(k) && matches!(self.tok(k + 1), "." | ")" | ".)") {
            k += 1;
            closed = true;
            closed_paren |= self.tok(k).ends_with(')');
        }
        if !closed || (paren && !closed_paren) || self.attached(k) {
            return None;
        }
        Label::parse(core)
    }

    /// A list item starts at token `j`: a bullet, or a label ("1", "a",
    /// "iv") followed by an attached "." or ")", or "(a)".
    fn starts_list_item(&self, j: usize) -> bool {
        let t = self.tok(j);
        if is_bullet(t) {
            return true;
        }
        if let Some(l) = t.strip_suffix('.').or_else(|| t.strip_suffix(')')) {
            return is_list_label(l);
        }
        let n = self.toks.len();
        if is_list_label(t) && self.attached(j) && j + 1 < n {
            return matches!(self.tok(j + 1), "." | ")");
        }
        if t == "(" && self.attached(j) && j + 2 < n && self.attached(j + 1) {
            return is_list_label(self.tok(j + 1)) && self.tok(j + 2) == ")";
        }
        false
    }
}

/// After an ordinary word and a full stop: a boundary before a capital,
/// a digit, an opening quote or bracket, a symbol, a bullet, a
/// mixed-case word like "iPhone"; not before a lower-case word or
/// sentence-inner punctuation.
fn ordinary_end(nt: &str) -> bool {
    if is_dash(nt) {
        // "... he said. -- Reuters", "... the government. - Next item"
        return true;
    }
    if is_lower_word(nt) || is_inner_punct(nt) {
        return false;
    }
    true
}

/// The value of a list label in each numbering it may belong to.
#[derive(Clone, Copy, Debug)]
struct Label {
    /// 1, 2, ... for digits.
    number: Option<u32>,
    /// 1 for `a`, 2 for `b`, ... (lower case only: capitals are initials).
    letter: Option<u32>,
    /// 1 for `i`, 4 for `iv`, ... (upper case offset by 100).
    roman: Option<u32>,
}

impl Label {
    fn parse(t: &str) -> Option<Label> {
        let b = t.as_bytes();
        if b.is_empty() {
            return None;
        }
        if b.iter().all(u8::is_ascii_digit) {
            return (b.len() <= 2).then(|| Label {
                number: t.parse().ok(),
                letter: None,
                roman: None,
            });
        }
        let letter =
            (b.len() == 1 && b[0].is_ascii_lowercase()).then(|| u32::from(b[0] - b'a' + 1));
        let roman = roman_value(t);
        (letter.is_some() || roman.is_some()).then_some(Label {
            number: None,
            letter,
            roman,
        })
    }

    /// `self` is the label right after `prev` in some numbering.
    fn follows(self, prev: Label) -> bool {
        let next =
            |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if a == b + 1);
        next(self.number, prev.number)
            || next(self.letter, prev.letter)
            || next(self.roman, prev.roman)
    }
}

/// The value of a small roman numeral (`i` to `xxxix`), upper case offset
/// by 100; `None` for anything else.
fn roman_value(t: &str) -> Option<u32> {
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 6 {
        return None;
    }
    let upper = b[0].is_ascii_uppercase();
    let mut total = 0u32;
    let mut prev = 0u32;
    for &c in b.iter().rev() {
        if c.is_ascii_uppercase() != upper {
            return None;
        }
        let v = match c.to_ascii_lowercase() {
            b'i' => 1,
            b'v' => 5,
            b'x' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    Some(total + if upper { 100 } else { 0 })
}

/// Only sentence-final punctuation: `.`, `!`, `?`, `…`, the full-width
/// `。` `！` `？` and runs of them.
fn is_terminal(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '.' | '!'
                    | '?'
                    | '…'
                    | '‼'
                    | '⁇'
                    | '⁈'
                    | '⁉'
                    | '‽'
                    | '。'
                    | '｡'
                    | '！'
                    | '？'
                    | '︒'
                    | '﹒'
                    | '﹗'
                    | '﹖'
            )
        })
}

/// A day of the month in digits, `1` to `31`.
fn is_day_number(t: &str) -> bool {
    (1..=2).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_digit())
        && t.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// A German month name (or its usual abbreviation) as it follows an
/// ordinal day: `3. März`, `1. Okt.`.
fn is_german_month(t: &str) -> bool {
    matches!(
        t.strip_suffix('.').unwrap_or(t),
        "Januar"
            | "Jänner"
            | "Februar"
            | "März"
            | "April"
            | "Mai"
            | "Juni"
            | "Juli"
            | "August"
            | "September"
            | "Oktober"
            | "November"
            | "Dezember"
            | "Jan"
            | "Feb"
            | "Mär"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Okt"
            | "Nov"
            | "Dez"
    )
}

/// An opening quote or bracket.
fn is_opening(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'"
            | "“"
            | "‘"
            | "«"
            | "‹"
            | "``"
            | "("
            | "["
            | "{"
            | "„"
            | "‚"
            | "¿"
            | "¡"
            | "「"
            | "『"
    )
}

/// Punctuation that continues a sentence: `,` `;` `:` `)` dashes, ...
fn is_inner_punct(t: &str) -> bool {
    matches!(
        t,
        "," | ";" | ":" | ")" | "]" | "}" | "%" | "-" | "--" | "–" | "—" | "/" | "&"
    )
}

/// A dash: `-`, `--`, `–`, `—`.
fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "--" | "–" | "—" | "---")
}

/// A bullet that starts a list item even inside a line.
fn is_inline_bullet(t: &str) -> bool {
    matches!(t, "•" | "▪" | "◦" | "●" | "■" | "►" | "▶" | "‣" | "⁃")
}

/// A bullet character that starts a list item at the start of a line.
fn is_bullet(t: &str) -> bool {
    is_inline_bullet(t) || is_dash(t) || matches!(t, "*" | "·")
}

/// A word of only lower-case letters (and inner apostrophes / hyphens):
/// "the", "approx", not "iPhone", "eBay" or "3".
fn is_lower_word(t: &str) -> bool {
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => {}
        _ => return false,
    }
    chars.all(|c| !c.is_uppercase())
}

/// Upper-case first letter, lower-case letters after it: "The", "Paris".
fn is_capitalized_word(t: &str) -> bool {
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {}
        _ => return false,
    }
    let mut any = false;
    for c in chars {
        if !c.is_lowercase() {
            return false;
        }
        any = true;
    }
    any
}

fn starts_upper(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

fn starts_digit(t: &str) -> bool {
    t.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// "1", "12", "a", "B", "iv", "XII": a list item's label.
fn is_list_label(t: &str) -> bool {
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 4 {
        return false;
    }
    if b.iter().all(u8::is_ascii_digit) {
        return b.len() <= 2;
    }
    if b.len() == 1 {
        return b[0].is_ascii_alphabetic();
    }
    let lower = b.iter().all(|c| matches!(c, b'i' | b'v' | b'x'));
    let upper = b.iter().all(|c| matches!(c, b'I' | b'V' | b'X'));
    lower || upper
}

/// Letters in groups of one or two between stops: "U.S", "a.m", "Ph.D".
fn is_initialism(t: &str) -> bool {
    t.split('.')
        .all(|g| !g.is_empty() && g.len() <= 2 && g.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// A short capitalised word with no vowel: "Mr", "Dr", "St", "Blvd".
fn is_vowelless_abbrev(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 2
        && b.len() <= 4
        && b[0].is_ascii_uppercase()
        && b[1..].iter().all(u8::is_ascii_lowercase)
        && !b.iter().any(|c| {
            matches!(
                c.to_ascii_lowercase(),
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
            )
        })
}

/// ASCII-case-insensitive ordering of `a` against the lower-case `b`.
fn cmp_lower(a: &str, b: &str) -> Ordering {
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes())
}

/// `word` (any case) is in a sorted lower-case `table`.
fn in_table(table: &[&str], word: &str) -> bool {
    table
        .binary_search_by(|e| cmp_lower(word, e).reverse())
        .is_ok()
}

/// Titles and other abbreviations that come before a name: never final
/// (only when capitalised: "Gen." but not "gen.").
const TITLES: &[&str] = &[
    "adm", "ald", "amb", "atty", "brig", "capt", "cdr", "cmdr", "col", "comdr", "cpl", "det", "dr",
    "drs", "ens", "fr", "ft", "gen", "gov", "hon", "insp", "lt", "maj", "messrs", "mlle", "mme",
    "mr", "mrs", "ms", "msgr", "mssrs", "mt", "pres", "prof", "pvt", "rep", "reps", "rev", "sen",
    "sens", "sgt", "spc", "sr", "supt",
];

/// Abbreviations that never end a sentence, in any case.
const NEVER: &[&str] = &[
    "approx", "cf", "e.g", "esp", "et", "i.e", "incl", "p.s", "viz", "vs",
];

/// Abbreviations before a number: "No. 5", "p. 12", "Vol. 3".
const BEFORE_NUMBER: &[&str] = &[
    "art", "arts", "ch", "chap", "fig", "figs", "no", "nos", "nr", "op", "p", "para", "pp", "sec",
    "vol", "vols",
];

/// Month and weekday abbreviations: not final before a number ("Jan. 5").
const MONTHS_DAYS: &[&str] = &[
    "apr", "aug", "dec", "feb", "fri", "jan", "jul", "jun", "mar", "mon", "nov", "oct", "sat",
    "sep", "sept", "sun", "thu", "thur", "thurs", "tue", "tues", "wed",
];

/// Abbreviations that often end a sentence: final only before a typical
/// sentence start.
const FINAL: &[&str] = &[
    "al", "assn", "ave", "blvd", "bros", "co", "corp", "cos", "dept", "est", "govt", "hr", "hrs",
    "inc", "intl", "jr", "lb", "lbs", "llc", "ltd", "mfg", "min", "mins", "natl", "oz", "plc",
    "pty", "rd", "sq", "st", "univ",
];

/// US state abbreviations of the AP style ("Sacramento, Calif."): final
/// only before a typical sentence start, and only when capitalised.
const STATES: &[&str] = &[
    "ala", "alta", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "kans", "ky", "la", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nebr", "nev",
    "okla", "ont", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wisc", "wyo",
];

/// Lower-case words a headline does not end with: a line break after them
/// is a wrapped line.
const CONTINUATION: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "than", "that", "the", "to", "with",
];

/// Capitalised words that typically start a sentence (and rarely follow
/// "Inc." or "U.S." inside one).
const STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "even",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "is",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "mr",
    "mrs",
    "ms",
    "my",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "on",
    "once",
    "one",
    "only",
    "or",
    "our",
    "over",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "under",
    "unlike",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yet",
    "you",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::tokenize::tokenize;

    /// Abbreviations a PTB-style tokenizer keeps with their stop.
    const KEEP: &[&str] = &[
        "Co", "Corp", "Dr", "Fig", "Gen", "Inc", "Jan", "Jr", "Ltd", "Mr", "Mrs", "Ms", "No",
        "Nov", "Prof", "Rep", "Sen", "Sept", "St", "al", "approx", "est", "etc", "p", "vs", "MR",
    ];

    /// A PTB-like test tokenizer, independent of the crate's tokenizer
    /// (which is being rewritten): punctuation peeled off both ends, one
    /// token per character except runs of dots; inner punctuation kept
    /// ("3.14", "example.com", "Mark's"); URLs and e-mails kept whole. With
    /// `keep_abbrev`, "U.S.", "Mr.", "J." keep their stop; without, every
    /// final stop is its own token.
    fn test_tokens(text: &str, keep_abbrev: bool) -> Vec<Token> {
        use crate::TokenKind;
        let mut out = Vec::new();
        let mut push =
            |s: usize, e: usize| out.push(Token::new(s as u32, e as u32, TokenKind::WORD));
        let mut pos = 0;
        for piece in text.split_inclusive(char::is_whitespace) {
            let start = pos;
            pos += piece.len();
            let word = piece.trim_end_matches(char::is_whitespace);
            if word.is_empty() {
                continue;
            }
            let is_p = |c: char| !c.is_alphanumeric() && !matches!(c, '$' | '#' | '@');
            let urlish = word.contains("://") || word.contains('@');
            let mut a = 0;
            if !urlish {
                while let Some(c) = word[a..].chars().next() {
                    if !is_p(c) {
                        break;
                    }
                    push(start + a, start + a + c.len_utf8());
                    a += c.len_utf8();
                }
            }
            let mut b = word.len();
            let mut tail = Vec::new();
            while b > a {
                let c = word[..b].chars().next_back().unwrap_or('a');
                if !is_p(c) {
                    break;
                }
                if c == '.' {
                    let mut d = b;
                    while d > a && word.as_bytes()[d - 1] == b'.' {
                        d -= 1;
                    }
                    let core = &word[a..d];
                    if keep_abbrev
                        && b - d == 1
                        && (is_initialism(core)
                            || KEEP.contains(&core)
                            || (core.len() == 1 && core.chars().all(char::is_alphabetic)))
                    {
                        break;
                    }
                    tail.push((d, b));
                    b = d;
                    continue;
                }
                tail.push((b - c.len_utf8(), b));
                b -= c.len_utf8();
            }
            if b > a {
                push(start + a, start + b);
            }
            for (s, e) in tail.into_iter().rev() {
                push(start + s, start + e);
            }
        }
        out
    }

    fn run(text: &str, toks: &[Token]) -> Vec<String> {
        let mut out = Vec::new();
        split(text, toks, 0, &mut out);
        // Invariants: cover all tokens, in order, none empty.
        let mut next = 0u32;
        for s in &out {
            assert_eq!(s.token_start, next, "{text:?}");
            assert!(s.token_end > s.token_start, "{text:?}");
            next = s.token_end;
        }
        assert_eq!(next as usize, toks.len(), "{text:?}");
        out.iter()
            .map(|s| s.span().slice(text).to_string())
            .collect()
    }

    /// The sentences of `text`, the same whether abbreviations come with
    /// their stop ("U.S.") or without ("U.S" "."), and with the crate's
    /// tokenizer.
    fn sents(text: &str) -> Vec<String> {
        let kept = run(text, &test_tokens(text, true));
        let split_off = run(text, &test_tokens(text, false));
        assert_eq!(
            sents_crate(text),
            kept,
            "the crate's tokenizer gives other sentences for {text:?}"
        );
        assert_eq!(
            kept, split_off,
            "tokenization-dependent result for {text:?}"
        );
        kept
    }

    /// The sentences of `text` with the crate's own tokenizer.
    fn sents_crate(text: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len() as u32), &mut toks);
        run(text, &toks)
    }

    #[test]
    fn tables_are_sorted_lower_case() {
        for t in [
            TITLES,
            NEVER,
            BEFORE_NUMBER,
            MONTHS_DAYS,
            FINAL,
            STATES,
            CONTINUATION,
            STARTERS,
        ] {
            for w in t.windows(2) {
                assert!(w[0] < w[1], "{} !< {}", w[0], w[1]);
            }
            for w in t {
                assert_eq!(*w, w.to_ascii_lowercase());
                assert!(in_table(t, w));
                assert!(in_table(t, &w.to_ascii_uppercase()));
            }
        }
    }

    #[test]
    fn empty_and_single() {
        assert!(sents("").is_empty());
        assert!(sents("  \n ").is_empty());
        assert_eq!(sents("Hello"), ["Hello"]);
        assert_eq!(sents("."), ["."]);
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("It rained. Then it stopped. We went home."),
            ["It rained.", "Then it stopped.", "We went home."]
        );
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(
            sents(
                "Mr. Smith met Dr. Jones and Prof. Lee. Gen. Clark, Sen. Reid and Rep. Pelosi agreed."
            ),
            [
                "Mr. Smith met Dr. Jones and Prof. Lee.",
                "Gen. Clark, Sen. Reid and Rep. Pelosi agreed."
            ]
        );
        assert_eq!(
            sents("Mrs. Brown lives on St. Mark's Place. Ms. Green does not."),
            [
                "Mrs. Brown lives on St. Mark's Place.",
                "Ms. Green does not."
            ]
        );
    }

    #[test]
    fn company_suffixes() {
        assert_eq!(
            sents("He joined Apple Inc. The company declined to comment."),
            ["He joined Apple Inc.", "The company declined to comment."]
        );
        assert_eq!(
            sents("Acme Corp. Chief Executive John Doe quit. Widget Co. Ltd. said nothing."),
            [
                "Acme Corp. Chief Executive John Doe quit.",
                "Widget Co. Ltd. said nothing."
            ]
        );
        assert_eq!(
            sents("Martin Luther King Jr. He was a preacher."),
            ["Martin Luther King Jr.", "He was a preacher."]
        );
        assert_eq!(
            sents("Martin Luther King Jr. was a preacher."),
            ["Martin Luther King Jr. was a preacher."]
        );
    }

    #[test]
    fn country_initialisms() {
        assert_eq!(
            sents("He moved to the U.S. The move was costly."),
            ["He moved to the U.S.", "The move was costly."]
        );
        assert_eq!(
            sents("The U.S. Treasury and the U.N. Security Council met in the U.K. on Monday."),
            ["The U.S. Treasury and the U.N. Security Council met in the U.K. on Monday."]
        );
        assert_eq!(
            sents("Troops left the U.K. But they came back."),
            ["Troops left the U.K.", "But they came back."]
        );
    }

    #[test]
    fn etc_and_latin() {
        assert_eq!(
            sents("We sell apples, pears, etc. The stock is fresh."),
            ["We sell apples, pears, etc.", "The stock is fresh."]
        );
        assert_eq!(
            sents(
                "We sell fruit, e.g. Apples and pears, i.e. Fresh food. Smith vs. Jones is next."
            ),
            [
                "We sell fruit, e.g. Apples and pears, i.e. Fresh food.",
                "Smith vs. Jones is next."
            ]
        );
        assert_eq!(
            sents("Smith et al. found it. Apples etc. are cheap."),
            ["Smith et al. found it.", "Apples etc. are cheap."]
        );
    }

    #[test]
    fn times_am_pm() {
        assert_eq!(
            sents("The meeting starts at 5 p.m. The doors open at 9 a.m. sharp."),
            [
                "The meeting starts at 5 p.m.",
                "The doors open at 9 a.m. sharp."
            ]
        );
        assert_eq!(
            sents("It ends at 5 p.m. Monday. He left."),
            ["It ends at 5 p.m. Monday.", "He left."]
        );
    }

    #[test]
    fn numbers_and_months() {
        assert_eq!(
            sents("He was ranked No. 5 in the world. No. He was not."),
            ["He was ranked No. 5 in the world.", "No.", "He was not."]
        );
        assert_eq!(
            sents(
                "It happened on Jan. 5, 2010. Sept. 11 changed it. Vote in Nov. The polls say so."
            ),
            [
                "It happened on Jan. 5, 2010.",
                "Sept. 11 changed it.",
                "Vote in Nov.",
                "The polls say so."
            ]
        );
        assert_eq!(
            sents("See p. 12 and Fig. 3 for details."),
            ["See p. 12 and Fig. 3 for details."]
        );
    }

    #[test]
    fn decimals_and_money() {
        assert_eq!(
            sents("Pi is 3.14. The deal was worth $1.5 billion. Shares rose 2.5 percent."),
            [
                "Pi is 3.14.",
                "The deal was worth $1.5 billion.",
                "Shares rose 2.5 percent."
            ]
        );
        assert_eq!(
            sents("Sales were 1996. 25 people came."),
            ["Sales were 1996.", "25 people came."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            sents("J. K. Rowling wrote it. George W. Bush read it."),
            ["J. K. Rowling wrote it.", "George W. Bush read it."]
        );
        assert_eq!(
            sents("It was written by E. B. White. The book sold well."),
            ["It was written by E. B. White.", "The book sold well."]
        );
        assert_eq!(
            sents("They chose Plan B. The rest is history."),
            ["They chose Plan B.", "The rest is history."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("He paused ... and then went on. It was late... The end."),
            [
                "He paused ... and then went on.",
                "It was late...",
                "The end."
            ]
        );
        assert_eq!(
            sents("Wait… what happened? I don't know…"),
            ["Wait… what happened?", "I don't know…"]
        );
        assert_eq!(
            sents("It was over.... Nobody stayed."),
            ["It was over....", "Nobody stayed."]
        );
    }

    #[test]
    fn exclamations_and_questions() {
        assert_eq!(
            sents("Really?! That is amazing!!! Is it? Yes!"),
            ["Really?!", "That is amazing!!!", "Is it?", "Yes!"]
        );
        assert_eq!(
            sents("\"Why?\" he asked. \"Go!\" she shouted."),
            ["\"Why?\" he asked.", "\"Go!\" she shouted."]
        );
        assert_eq!(
            sents("Why me? Because you can? 2 people asked."),
            ["Why me?", "Because you can?", "2 people asked."]
        );
    }

    #[test]
    fn quotes_after_the_stop() {
        assert_eq!(
            sents("He said \"no.\" Then he left."),
            ["He said \"no.\"", "Then he left."]
        );
        assert_eq!(
            sents("It was “the end.” He left. She said ‘fine.’ They parted."),
            [
                "It was “the end.”",
                "He left.",
                "She said ‘fine.’",
                "They parted."
            ]
        );
        assert_eq!(
            sents("He said 'no.' Then he left."),
            ["He said 'no.'", "Then he left."]
        );
    }

    #[test]
    fn brackets_after_the_stop() {
        assert_eq!(
            sents("(See below.) Next comes the rest. It fell (as expected). Then it rose."),
            [
                "(See below.)",
                "Next comes the rest.",
                "It fell (as expected).",
                "Then it rose."
            ]
        );
    }

    #[test]
    fn sentence_starting_with_quote_bracket_digit() {
        assert_eq!(
            sents("He left. \"We are done,\" he said. (The talks failed.) 2015 was hard."),
            [
                "He left.",
                "\"We are done,\" he said.",
                "(The talks failed.)",
                "2015 was hard."
            ]
        );
        assert_eq!(
            sents("He spoke. “We won,” she said."),
            ["He spoke.", "“We won,” she said."]
        );
    }

    #[test]
    fn lower_case_brand_starts() {
        assert_eq!(
            sents("Apple launched a phone. iPhone sales soared. eBay fell."),
            [
                "Apple launched a phone.",
                "iPhone sales soared.",
                "eBay fell."
            ]
        );
    }

    #[test]
    fn lower_case_after_stop_is_not_a_boundary() {
        assert_eq!(
            sents("It weighs approx. five tons and costs est. ten dollars."),
            ["It weighs approx. five tons and costs est. ten dollars."]
        );
    }

    #[test]
    fn numbered_lists() {
        assert_eq!(
            sents("Steps:\n1. Open the box.\n2. Take it out\n3) Plug it in"),
            [
                "Steps:",
                "1. Open the box.",
                "2. Take it out",
                "3) Plug it in"
            ]
        );
        assert_eq!(
            sents("Results:\n1. Jan Ullrich (Germany) 4:30:23\n2. Bjarne Riis (Denmark)"),
            [
                "Results:",
                "1. Jan Ullrich (Germany) 4:30:23",
                "2. Bjarne Riis (Denmark)"
            ]
        );
    }

    #[test]
    fn lettered_lists() {
        assert_eq!(
            sents("Options:\na) stay home\nb) go out\nc. do nothing"),
            ["Options:", "a) stay home", "b) go out", "c. do nothing"]
        );
        assert_eq!(
            sents("i. first point\nii. second point"),
            ["i. first point", "ii. second point"]
        );
    }

    #[test]
    fn inline_lists() {
        assert_eq!(
            sents("1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            sents("1) Buy milk 2) Sell eggs 3) Go home."),
            ["1) Buy milk", "2) Sell eggs", "3) Go home."]
        );
        assert_eq!(
            sents("a. apples b. pears c. plums"),
            ["a. apples", "b. pears", "c. plums"]
        );
        assert_eq!(
            sents("i. first point ii. second point iii. third point"),
            ["i. first point", "ii. second point", "iii. third point"]
        );
        assert_eq!(
            sents("(a) The first. (b) The second"),
            ["(a) The first.", "(b) The second"]
        );
        // Enumerations inside a sentence stay in it.
        assert_eq!(
            sents("He said that (a) the deal is off and (b) the money is gone."),
            ["He said that (a) the deal is off and (b) the money is gone."]
        );
        assert_eq!(
            sents("• 9. The first item • 10. The second item ⁃ 11. The third"),
            [
                "• 9. The first item",
                "• 10. The second item",
                "⁃ 11. The third"
            ]
        );
    }

    #[test]
    fn list_after_a_colon() {
        assert_eq!(
            sents("Three steps: 1. Stop. 2. Look. 3. Go."),
            ["Three steps: 1. Stop.", "2. Look.", "3. Go."]
        );
    }

    #[test]
    fn roman_numbers_after_abbreviations() {
        assert_eq!(
            sents("See Vol. IV of the report. No. I did not. Part No. XII is here."),
            [
                "See Vol. IV of the report.",
                "No.",
                "I did not.",
                "Part No. XII is here."
            ]
        );
    }

    #[test]
    fn interrobang() {
        assert_eq!(
            sents("You did what‽ He left."),
            ["You did what‽", "He left."]
        );
    }

    #[test]
    fn bullets() {
        assert_eq!(
            sents("Highlights:\n• Sales rose\n• Profit fell\n- Costs flat\n* Jobs cut"),
            [
                "Highlights:",
                "• Sales rose",
                "• Profit fell",
                "- Costs flat",
                "* Jobs cut"
            ]
        );
    }

    #[test]
    fn headlines_and_datelines() {
        assert_eq!(
            sents(
                "EU rejects German call to boycott British lamb\nPeter Blackburn\nBRUSSELS 1996-08-22\nThe European Commission said on Thursday it disagreed."
            ),
            [
                "EU rejects German call to boycott British lamb",
                "Peter Blackburn",
                "BRUSSELS 1996-08-22",
                "The European Commission said on Thursday it disagreed."
            ]
        );
    }

    #[test]
    fn wrapped_lines_continue() {
        assert_eq!(
            sents(
                "The company said on\nMonday that profits rose,\nbeating forecasts. It\nwas a surprise."
            ),
            [
                "The company said on\nMonday that profits rose,\nbeating forecasts.",
                "It\nwas a surprise."
            ]
        );
    }

    #[test]
    fn blank_line_always_ends() {
        assert_eq!(
            sents("Talks with Mr.\n\nNothing else"),
            ["Talks with Mr.", "Nothing else"]
        );
    }

    #[test]
    fn urls_emails_domains() {
        assert_eq!(
            sents(
                "Visit example.com for more. Write to info@example.com. See https://www.example.com/a.html today."
            ),
            [
                "Visit example.com for more.",
                "Write to info@example.com.",
                "See https://www.example.com/a.html today."
            ]
        );
    }

    #[test]
    fn colons_and_semicolons_do_not_split() {
        assert_eq!(
            sents("He said: we will win; they will lose. The end."),
            ["He said: we will win; they will lose.", "The end."]
        );
    }

    #[test]
    fn all_caps() {
        assert_eq!(
            sents("MR. SMITH WENT TO WASHINGTON. HE MET THE U.S. PRESIDENT. THE END."),
            [
                "MR. SMITH WENT TO WASHINGTON.",
                "HE MET THE U.S. PRESIDENT.",
                "THE END."
            ]
        );
    }

    #[test]
    fn missing_space_after_stop() {
        use crate::TokenKind;
        let text = "He went home.The next day.";
        let spans = [
            (0, 2),
            (3, 7),
            (8, 12),
            (12, 13),
            (13, 16),
            (17, 21),
            (22, 25),
            (25, 26),
        ];
        let toks: Vec<Token> = spans
            .iter()
            .map(|&(s, e)| Token::new(s, e, TokenKind::WORD))
            .collect();
        assert_eq!(run(text, &toks), ["He went home.", "The next day."]);
    }

    #[test]
    fn dashes_after_a_stop_and_at_line_edges() {
        assert_eq!(
            sents("Shares closed higher, it said. -- London Newsroom +44 171 542 7658"),
            [
                "Shares closed higher, it said.",
                "-- London Newsroom +44 171 542 7658"
            ]
        );
        assert_eq!(
            sents("Top stories:\n- Talks collapse in Beirut.\n- Hariri to run again"),
            [
                "Top stories:",
                "- Talks collapse in Beirut.",
                "- Hariri to run again"
            ]
        );
        assert_eq!(
            sents("NEW YORK 72 53 .576 -\nBALTIMORE 67 58 .536 5"),
            ["NEW YORK 72 53 .576 -", "BALTIMORE 67 58 .536 5"]
        );
        assert_eq!(
            sents("It was a well-\nknown fact that CRICKET - ENGLAND WIN was the headline."),
            ["It was a well-\nknown fact that CRICKET - ENGLAND WIN was the headline."]
        );
    }

    #[test]
    fn state_abbreviations() {
        assert_eq!(
            sents("SAN MATEO, Calif. 1996-08-23\nHe lives in Sacramento, Calif. The city is hot."),
            [
                "SAN MATEO, Calif. 1996-08-23",
                "He lives in Sacramento, Calif.",
                "The city is hot."
            ]
        );
    }

    #[test]
    fn exclamation_inside_a_name() {
        assert_eq!(
            sents("Yahoo! said on Monday it won. Wow! It did."),
            ["Yahoo! said on Monday it won.", "Wow!", "It did."]
        );
    }

    #[test]
    fn inline_bullets() {
        assert_eq!(
            sents("Key points • Sales rose • Profit fell"),
            ["Key points", "• Sales rose", "• Profit fell"]
        );
    }

    #[test]
    fn roman_numerals_and_ordinals() {
        assert_eq!(
            sents("He fought in World War II. Then he came home. Henry VIII. He had six wives."),
            [
                "He fought in World War II.",
                "Then he came home.",
                "Henry VIII.",
                "He had six wives."
            ]
        );
    }

    #[test]
    fn free_standing_quote_stays_with_the_stop() {
        assert_eq!(
            sents("\"We will win,\" he said. \" We do not want a war.\""),
            ["\"We will win,\" he said. \"", "We do not want a war.\""]
        );
    }

    #[test]
    fn academic_and_multi_dot_abbreviations() {
        assert_eq!(
            sents("She holds a Ph.D. She teaches in Washington, D.C. on weekdays."),
            [
                "She holds a Ph.D.",
                "She teaches in Washington, D.C. on weekdays."
            ]
        );
    }

    #[test]
    fn assorted_abbreviation_contexts() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He left at 10 a.m. and returned at 3 p.m. on Friday.",
                &["He left at 10 a.m. and returned at 3 p.m. on Friday."],
            ),
            ("The U.S. economy grew.", &["The U.S. economy grew."]),
            (
                "He lives on Main St. The house is old. St. Louis is near.",
                &[
                    "He lives on Main St.",
                    "The house is old.",
                    "St. Louis is near.",
                ],
            ),
            (
                "It reads, \"P.S. You can give more.\" He smiled.",
                &["It reads, \"P.S. You can give more.\"", "He smiled."],
            ),
            (
                "I live in the U.S.A. Do you?",
                &["I live in the U.S.A.", "Do you?"],
            ),
            (
                "Were Jane and co. at the party? Ask Jane and co. They know.",
                &[
                    "Were Jane and co. at the party?",
                    "Ask Jane and co.",
                    "They know.",
                ],
            ),
            (
                "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
                &[
                    "They closed the deal with Pitt, Briggs & Co.",
                    "It closed yesterday.",
                ],
            ),
            (
                "I can see Mt. Fuji from here. It is on 5th st. near the light.",
                &[
                    "I can see Mt. Fuji from here.",
                    "It is on 5th st. near the light.",
                ],
            ),
            (
                "I live in the E.U. How about you?",
                &["I live in the E.U.", "How about you?"],
            ),
            (
                "She has $100.00. It is in her bag.",
                &["She has $100.00.", "It is in her bag."],
            ),
            (
                "He teaches science (he worked for 5 years as an engineer.) at the local school.",
                &[
                    "He teaches science (he worked for 5 years as an engineer.) at the local school.",
                ],
            ),
            (
                "Her email is Jane.Doe@example.com. I wrote to her.",
                &["Her email is Jane.Doe@example.com.", "I wrote to her."],
            ),
            (
                "The site is https://www.example.com/new/a_b.html. Please check it.",
                &[
                    "The site is https://www.example.com/new/a_b.html.",
                    "Please check it.",
                ],
            ),
            (
                "She turned to him, 'This is great.' she said.",
                &["She turned to him, 'This is great.' she said."],
            ),
            (
                "Hello!! Long time no see. Hello?? Who is there? Hello!? Is that you?",
                &[
                    "Hello!!",
                    "Long time no see.",
                    "Hello??",
                    "Who is there?",
                    "Hello!?",
                    "Is that you?",
                ],
            ),
            (
                "The talks ended on Tuesday. 30 people were hurt.",
                &["The talks ended on Tuesday.", "30 people were hurt."],
            ),
            (
                "Gov. Brown met Lt. Col. North and Capt. Smith Jr. on Wednesday.",
                &["Gov. Brown met Lt. Col. North and Capt. Smith Jr. on Wednesday."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(sents(text), *want, "{text:?}");
        }
    }

    #[test]
    fn with_the_crate_tokenizer() {
        for text in [
            "Mr. Smith met Dr. Jones in the U.S. The talks failed. \"Why?\" he asked.",
            "It ends at 5 p.m. He left... Then (See below.) Next. Pi is 3.14 and $1.5 billion.",
            "Headline here\nBRUSSELS 1996-08-22\nThe EU said so. J. K. Rowling agreed.",
        ] {
            assert_eq!(sents_crate(text), sents(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn partitions_any_text(text in "[A-Za-z0-9 .!?…\"'“”()\\-•,:;\n\t]{0,80}") {
            // `run` checks the partition; both tokenizations must not panic.
            run(&text, &test_tokens(&text, true));
            run(&text, &test_tokens(&text, false));
            let _ = sents_crate(&text);
        }
    }

    #[test]
    fn base_offsets_token_indices() {
        let text = "It is. So it is.";
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len() as u32), &mut toks);
        let mut out = Vec::new();
        split(text, &toks, 10, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].token_start, out[0].token_end), (10, 13));
        assert_eq!((out[1].token_start, out[1].token_end), (13, 17));
        assert_eq!((out[1].start, out[1].end), (7, 16));
    }
}

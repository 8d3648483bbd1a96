//! The recognizer and normalizer: a hand-written scan over the document's
//! tokens, one sentence at a time, trying patterns at each token and
//! keeping the longest match.

use crate::date::Date;
use crate::lexicon::{
    Unit, day_number, day_part, digits, month, number_compound, number_word, ordinal, season,
    time_zone, weekday, weekday_plural, year,
};
use newsmill_sdk::{Sentence, Token};

mod durations;
mod months;
mod numeric;
mod periods;
mod phrases;
mod relative;
mod times;
mod word_led;

/// The TIMEX3 type of an expression.
///
/// ```
/// use newsmill_dates::TimexType;
/// assert_eq!(TimexType::parse("DURATION"), Some(TimexType::Duration));
/// assert_eq!(TimexType::Set.as_str(), "SET");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period: "March 3", "last week", "2009".
    Date,
    /// A time of day: "3 p.m.", "this morning".
    Time,
    /// A length of time: "three years", "a month".
    Duration,
    /// A recurrence: "every Monday", "annually".
    Set,
}

impl TimexType {
    /// The TimeML name: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Parse a TimeML type name.
    pub fn parse(s: &str) -> Option<TimexType> {
        Some(match s {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => return None,
        })
    }
}

/// One temporal expression found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The TIMEX3 value: `2013-03-22`, `2013-W11`, `P1M`, `PRESENT_REF`,
    /// `XXXX-XX-XX` (relative, with no known article date), ...
    pub value: String,
    /// TIMEX3 `mod`: `START` ("early March"), `END`, `MID`, or `None`.
    pub modifier: Option<&'static str>,
    /// The value was computed from the article date.
    pub anchored: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

struct W {
    low: String,
    start: usize,
    end: usize,
    cap: bool,
}

struct M {
    end: usize,
    kind: TimexType,
    value: String,
    modifier: Option<&'static str>,
    anchored: bool,
    /// A preceding "the" belongs to the expression.
    the_ok: bool,
}

impl M {
    fn new(end: usize, kind: TimexType, value: String) -> M {
        M {
            end,
            kind,
            value,
            modifier: None,
            anchored: false,
            the_ok: true,
        }
    }
    fn anchored(mut self, yes: bool) -> M {
        self.anchored = yes;
        self
    }
    fn no_the(mut self) -> M {
        self.the_ok = false;
        self
    }
}

/// Find and normalise the temporal expressions of a tokenized text.
///
/// `anchor` is the article date; without one, relative expressions get
/// values with `X` in place of unknown digits (`yesterday` is
/// `XXXX-XX-XX`, `last year` is `XXXX`, `Friday` is `XXXX-WXX-5`).
///
/// ```
/// use newsmill_core::{Article, AnalyzeOptions, Doc};
/// use newsmill_dates::{date::Date, recognize};
/// let text = "Shares fell on Friday, two years after the merger.";
/// let doc = Doc::analyze(Article { text: text.into(), ..Article::default() }, &AnalyzeOptions::default());
/// let found = recognize(&doc.text, &doc.tokens, &doc.sentences, Date::new(2013, 3, 25));
/// let values: Vec<&str> = found.iter().map(|t| t.value.as_str()).collect();
/// assert_eq!(values, ["2013-03-22", "P2Y"]);
/// ```
pub fn recognize(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    anchor: Option<Date>,
) -> Vec<Timex> {
    let mut out = Vec::new();
    let mut ctx = Ctx {
        w: Vec::new(),
        tense: Vec::new(),
        dct: anchor,
        last_quarter: None,
    };
    let mut ranges: Vec<(usize, usize)> = sentences
        .iter()
        .map(|s| (s.token_start as usize, s.token_end as usize))
        .filter(|&(a, b)| a < b && b <= tokens.len())
        .collect();
    if ranges.is_empty() && !tokens.is_empty() {
        ranges.push((0, tokens.len()));
    }
    for (a, b) in ranges {
        ctx.load(text, &tokens[a..b]);
        ctx.scan(&mut out);
    }
    out
}

struct Ctx {
    w: Vec<W>,
    tense: Vec<Option<Tense>>,
    dct: Option<Date>,
    last_quarter: Option<(Option<i32>, u32)>,
}

const EMPTY: &str = "";

fn fmt_year(y: Option<i32>) -> String {
    y.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"))
}

fn fmt_day(d: Option<Date>) -> String {
    d.map_or_else(|| "XXXX-XX-XX".to_string(), |d| d.to_string())
}

fn fmt_month(d: Option<Date>) -> String {
    d.map_or_else(
        || "XXXX-XX".to_string(),
        |d| format!("{:04}-{:02}", d.year, d.month),
    )
}

fn fmt_week(d: Option<Date>) -> String {
    d.map_or_else(|| "XXXX-WXX".to_string(), |d| d.week_value())
}

fn decade_of(y: i32) -> String {
    format!("{:03}", y.div_euclid(10))
}

/// Parse "1990s", "90s" (with the century guessed), giving the decade value.
fn decade(w: &str) -> Option<String> {
    let d = w.strip_suffix('s')?;
    let d = d.strip_suffix('\'').unwrap_or(d);
    let d = d.strip_prefix('\'').unwrap_or(d);
    if !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match d.len() {
        4 if d.ends_with('0') => {
            let y: i32 = d.parse().ok()?;
            (1000..=2090).contains(&y).then(|| decade_of(y))
        }
        2 if d.ends_with('0') => {
            let y: i32 = d.parse().ok()?;
            Some(decade_of(if y >= 20 { 1900 + y } else { 2000 + y }))
        }
        _ => None,
    }
}

const MODIFIER_WORDS: &[(&str, Option<&str>)] = &[
    ("early", Some("START")),
    ("late", Some("END")),
    ("mid", Some("MID")),
    ("earlier", None),
    ("later", None),
];

const APPROXIMATORS: &[(&[&str], &str)] = &[
    (&["about"], "APPROX"),
    (&["around"], "APPROX"),
    (&["approximately"], "APPROX"),
    (&["roughly"], "APPROX"),
    (&["nearly"], "APPROX"),
    (&["almost"], "APPROX"),
    (&["at", "least"], "EQUAL_OR_MORE"),
    (&["more", "than"], "MORE_THAN"),
    (&["less", "than"], "LESS_THAN"),
    (&["no", "more", "than"], "EQUAL_OR_LESS"),
    (&["right"], "APPROX"),
];

const PHRASE_MODIFIERS: &[(&[&str], Option<&str>)] = &[
    (&["the", "end", "of"], Some("END")),
    (&["end", "of"], Some("END")),
    (&["the", "beginning", "of"], Some("START")),
    (&["the", "start", "of"], Some("START")),
    (&["the", "middle", "of"], Some("MID")),
    (&["the", "early"], Some("START")),
    (&["the", "late"], Some("END")),
    (&["the", "mid"], Some("MID")),
];

impl Ctx {
    fn load(&mut self, text: &str, tokens: &[Token]) {
        self.w.clear();
        for t in tokens {
            let raw = text.get(t.start as usize..t.end as usize).unwrap_or(EMPTY);
            // Curly apostrophes read as straight ones.
            let low = raw.to_lowercase().replace('\u{2019}', "'");
            self.w.push(W {
                low,
                start: t.start as usize,
                end: t.end as usize,
                cap: raw.chars().next().is_some_and(char::is_uppercase),
            });
        }
        // Tense: the nearest tense marker in the sentence decides.
        let mut marks: Vec<(usize, Tense)> = Vec::new();
        for (i, w) in self.w.iter().enumerate() {
            let l = w.low.as_str();
            let t = match l {
                "will" | "'ll" | "shall" | "wo" | "would" | "expected" | "scheduled" | "plans"
                | "plan" | "planned" | "upcoming" | "tomorrow" | "expects" | "intends"
                | "until" => Some(Tense::Future),
                "due" if self.w.get(i + 1).is_none_or(|n| n.low != "to") => Some(Tense::Future),
                "going" if self.w.get(i + 1).is_some_and(|n| n.low == "to") => Some(Tense::Future),
                "was" | "were" | "had" | "did" | "said" | "told" | "ago" | "yesterday" | "last"
                | "earlier" | "came" | "went" | "took" | "got" | "won" | "lost" | "left"
                | "began" | "fell" | "rose" | "sold" | "bought" | "met" | "held" | "saw"
                | "gave" | "found" | "made" | "paid" | "shot" | "hit" | "struck" | "killed"
                | "ended" | "since" => Some(Tense::Past),
                _ if l.len() > 4
                    && l.ends_with("ed")
                    && l.bytes().all(|b| b.is_ascii_lowercase()) =>
                {
                    Some(Tense::Past)
                }
                _ => None,
            };
            if let Some(t) = t {
                marks.push((i, t));
            }
        }
        self.tense.clear();
        for i in 0..self.w.len() {
            let t = marks
                .iter()
                .min_by_key(|(p, _)| if *p < i { (i - p) * 2 } else { (p - i) * 3 })
                .map(|&(_, t)| t);
            self.tense.push(t);
        }
    }

    fn l(&self, i: usize) -> &str {
        self.w.get(i).map_or(EMPTY, |w| w.low.as_str())
    }

    fn cap(&self, i: usize) -> bool {
        self.w.get(i).is_some_and(|w| w.cap)
    }

    fn tense(&self, i: usize) -> Tense {
        self.tense_marked(i).unwrap_or(Tense::Past)
    }

    /// The tense for a weekday at `j`: "as soon as Tuesday" looks ahead.
    fn weekday_tense(&self, j: usize) -> Tense {
        if j >= 2 && self.l(j - 1) == "as" && matches!(self.l(j - 2), "soon" | "early") {
            return Tense::Future;
        }
        self.tense(j)
    }

    /// The tense of the nearest marker, `None` when the sentence has none.
    fn tense_marked(&self, i: usize) -> Option<Tense> {
        self.tense.get(i).copied().flatten()
    }

    fn scan(&mut self, out: &mut Vec<Timex>) {
        let mut i = 0;
        while i < self.w.len() {
            let Some((start, m)) = self.match_at(i) else {
                i += 1;
                continue;
            };
            if m.end <= start || m.end > self.w.len() {
                i += 1;
                continue;
            }
            // Never end on punctuation.
            let mut end = m.end;
            while end > start + 1 && matches!(self.l(end - 1), "," | "." | "-" | "'s") {
                end -= 1;
            }
            if m.kind == TimexType::Duration && matches!(m.value.as_str(), "P6M" | "P9M") {
                self.last_quarter = None;
            }
            // "April 24 and 25": the second day is a date of its own.
            let mut next = m.end.max(i + 1);
            let second = (m.kind == TimexType::Date
                && m.value.len() == 10
                && matches!(self.l(m.end), "and" | "or" | "to" | "through" | "-")
                && Unit::parse(self.l(m.end + 2)).is_none()
                && month(self.l(m.end + 2)).is_none())
            .then(|| day_number(self.l(m.end + 1)))
            .flatten()
            .and_then(|d| {
                let (y, mo) = (
                    m.value.get(..4)?.parse().ok()?,
                    m.value.get(5..7)?.parse().ok()?,
                );
                Date::new(y, mo, d)
            });
            out.push(Timex {
                start: self.w[start].start,
                end: self.w[end - 1].end,
                kind: m.kind,
                value: m.value,
                modifier: m.modifier,
                anchored: m.anchored,
            });
            if let Some(d) = second {
                let w = &self.w[m.end + 1];
                out.push(Timex {
                    start: w.start,
                    end: w.end,
                    kind: TimexType::Date,
                    value: d.to_string(),
                    modifier: None,
                    anchored: m.anchored,
                });
                next = m.end + 2;
            }
            i = next;
        }
    }

    fn match_at(&mut self, i: usize) -> Option<(usize, M)> {
        for (words, md) in APPROXIMATORS {
            if words.iter().enumerate().all(|(k, w)| self.l(i + k) == *w) {
                let j = i + words.len();
                if let Some((s, mut m)) = self.match_at_inner(j)
                    && s == j
                    && (m.kind == TimexType::Duration
                        || (m.value != "PRESENT_REF" && *words != ["right"])
                        || (m.value == "PRESENT_REF" && *words == ["right"]))
                {
                    m.modifier = m.modifier.or(Some(md));
                    return Some((i, m));
                }
            }
        }
        self.match_at_inner(i)
    }

    fn match_at_inner(&mut self, i: usize) -> Option<(usize, M)> {
        // Phrase modifiers: "the end of 1990", "early next year".
        for (words, md) in PHRASE_MODIFIERS {
            if words.iter().enumerate().all(|(k, w)| self.l(i + k) == *w)
                && let Some(mut m) = self.core(i + words.len())
                && matches!(m.kind, TimexType::Date | TimexType::Time)
            {
                m.modifier = md.or(m.modifier);
                return Some((i, m));
            }
        }
        for (w, md) in MODIFIER_WORDS {
            if self.l(i) == *w {
                if let Some(mut m) = self.core(i + 1)
                    && matches!(m.kind, TimexType::Date | TimexType::Time)
                    && !m.value.ends_with("_REF")
                {
                    m.modifier = md.or(m.modifier);
                    return Some((i, m));
                }
                if matches!(*w, "early" | "late") {
                    return None;
                }
            }
        }
        if self.l(i) == "the" {
            if let Some(m) = self.the_phrase(i + 1) {
                return Some((i, m));
            }
            if let Some(m) = self.core(i + 1) {
                return Some(if m.the_ok { (i, m) } else { (i + 1, m) });
            }
            return None;
        }
        self.core(i).map(|m| (i, m))
    }

    /// The expression starting exactly at `j`, if any.
    fn core(&mut self, j: usize) -> Option<M> {
        let t = self.l(j);
        if t.is_empty() {
            return None;
        }
        let first = t.as_bytes()[0];
        if first.is_ascii_digit() || first == b'\'' {
            return self.number_led(j);
        }
        if let Some(m) = self.word_led(j) {
            return Some(m);
        }
        None
    }
}

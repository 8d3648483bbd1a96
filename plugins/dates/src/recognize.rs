//! The recognizer and normalizer: a hand-written scan over the document's
//! tokens, one sentence at a time, trying patterns at each token and
//! keeping the longest match.

use crate::date::Date;
use crate::lexicon::{
    Unit, day_number, day_part, digits, month, number_compound, number_word, ordinal, season,
    time_zone, weekday, weekday_plural, year,
};
use newsmill_sdk::{Sentence, Token};

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

    /// Patterns that need "the" before them (at `j`, after the article).
    fn the_phrase(&mut self, j: usize) -> Option<M> {
        let t = self.l(j).to_string();
        let dct = self.dct;
        match t.as_str() {
            "future" => return Some(M::new(j + 1, TimexType::Date, "FUTURE_REF".into())),
            "near" if self.l(j + 1) == "future" => {
                return Some(M::new(j + 2, TimexType::Date, "FUTURE_REF".into()));
            }
            "past" | "present"
                if !(Unit::parse(self.l(j + 1)).is_some() || self.quantity(j + 1).is_some()) =>
            {
                let v = if t == "past" {
                    "PAST_REF"
                } else {
                    "PRESENT_REF"
                };
                return Some(M::new(j + 1, TimexType::Date, v.into()));
            }
            "weekend" => {
                let d = dct.map(|d| self.weekend_anchor(d, self.tense(j)));
                let v = d.map_or_else(
                    || "XXXX-WXX-WE".to_string(),
                    |d| format!("{}-WE", d.week_value()),
                );
                return Some(M::new(j + 1, TimexType::Date, v).anchored(dct.is_some()));
            }
            "year" => {
                if self.l(j + 1) == "two" && self.l(j + 2) == "thousand" {
                    return Some(M::new(j + 3, TimexType::Date, "2000".into()));
                }
                if year(self.l(j + 1)).is_some() {
                    return None;
                }
                // "the year ended March 31" is a length of time.
                if matches!(self.l(j + 1), "ended" | "ending" | "through" | "to") {
                    return Some(M::new(j + 1, TimexType::Duration, "P1Y".into()));
                }
                return Some(
                    M::new(j + 1, TimexType::Date, fmt_year(dct.map(|d| d.year)))
                        .anchored(dct.is_some()),
                );
            }
            "fiscal" if self.l(j + 1) == "year" && year(self.l(j + 2)).is_none() => {
                return Some(M::new(j + 2, TimexType::Duration, "P1Y".into()));
            }
            "current" | "latest" | "nineties" | "eighties" | "seventies" | "sixties"
            | "fifties" | "forties" | "thirties" | "twenties"
                if t.ends_with("ties")
                    || (self.l(j + 1) == "fiscal" && self.l(j + 2) == "year") =>
            {
                let v = match t.as_str() {
                    "current" => fmt_year(dct.map(|d| d.year)),
                    "latest" => fmt_year(dct.map(|d| d.year - 1)),
                    decade => {
                        let n = number_word(decade.strip_suffix("ies").map_or("", |s| s))
                            .or_else(|| {
                                number_word(&format!("{}y", decade.trim_end_matches("ies")))
                            })
                            .unwrap_or(0);
                        format!("19{}", n / 10)
                    }
                };
                let k = if t.ends_with("ties") { j + 1 } else { j + 3 };
                return Some(M::new(k, TimexType::Date, v).anchored(dct.is_some()));
            }
            "full" if self.l(j + 1) == "year" => {
                return Some(
                    M::new(j + 2, TimexType::Date, fmt_year(dct.map(|d| d.year)))
                        .anchored(dct.is_some()),
                );
            }
            _ => {}
        }
        // "the quarter", "the latest quarter", "the year-ago period", ...
        let (k, shift) = match t.as_str() {
            "latest" | "current" | "recent" | "most" => {
                let k = if t == "most" && self.l(j + 1) == "recent" {
                    j + 2
                } else {
                    j + 1
                };
                (k, 0)
            }
            "year-ago" | "year-earlier" | "prior-year" => (j + 1, 1),
            "same" if self.l(j + 1) == "quarter" || self.l(j + 1) == "period" => (j + 1, 1),
            _ => (j, 0),
        };
        let noun = self.l(k);
        if noun == "quarter" || (noun == "period" && k > j) {
            let (y, q) = if t == "latest" {
                self.previous_quarter()
            } else {
                self.recent_quarter()
            };
            let y = y.map(|y| y - shift);
            if shift == 0 && t != "current" {
                self.last_quarter = Some((y, q));
            }
            let q = if t == "current" {
                dct.map_or(q, |d| d.quarter())
            } else {
                q
            };
            return Some(
                M::new(k + 1, TimexType::Date, format!("{}-Q{q}", fmt_year(y)))
                    .anchored(dct.is_some()),
            );
        }
        None
    }

    /// The quarter a financial story is about: the last one named, else
    /// the one before the article date.
    fn recent_quarter(&self) -> (Option<i32>, u32) {
        if let Some(q) = self.last_quarter {
            return q;
        }
        self.previous_quarter()
    }

    /// The quarter before the article date's.
    fn previous_quarter(&self) -> (Option<i32>, u32) {
        match self.dct {
            Some(d) if d.quarter() == 1 => (Some(d.year - 1), 4),
            Some(d) => (Some(d.year), d.quarter() - 1),
            None => (None, 1),
        }
    }

    fn weekend_anchor(&self, d: Date, tense: Tense) -> Date {
        let wd = i64::from(d.weekday());
        match tense {
            Tense::Past if wd < 6 => d.add_days(-wd - 1),
            Tense::Past => d,
            Tense::Future => d.add_days(6 - wd),
        }
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

    // ----- numbers ------------------------------------------------------

    fn number_led(&mut self, j: usize) -> Option<M> {
        let t = self.l(j).to_string();
        // ISO date 2013-03-22.
        if t.len() == 10
            && t.as_bytes()[4] == b'-'
            && let Some(d) = Date::parse_iso(&t)
        {
            return Some(M::new(j + 1, TimexType::Date, d.to_string()).no_the());
        }
        // 03/22/2013, 3/22/13
        let parts: Vec<&str> = t.split('/').collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let m: u32 = parts[0].parse().ok()?;
            let d: u32 = parts[1].parse().ok()?;
            let y: i32 = parts[2].parse().ok()?;
            let y = match parts[2].len() {
                4 => y,
                2 if y >= 30 => 1900 + y,
                2 => 2000 + y,
                _ => return None,
            };
            let date = Date::new(y, m, d)?;
            return Some(M::new(j + 1, TimexType::Date, date.to_string()).no_the());
        }
        // Clock times.
        if let Some(m) = self.clock(j) {
            return Some(m);
        }
        // Decades: 1990s, '90s.
        if let Some(v) = decade(&t) {
            return Some(M::new(j + 1, TimexType::Date, v));
        }
        if (t == "'" || t == "’")
            && let Some(v) = decade(self.l(j + 1))
        {
            return Some(M::new(j + 2, TimexType::Date, v));
        }
        // "22 March 2013", "3rd March".
        if let Some(d) = day_number(&t)
            && let Some(m) = self.month_at(j + 1)
        {
            let (k, y) = match year(self.l(j + 2)) {
                Some(y) => (j + 3, Some(y)),
                None => (j + 2, None),
            };
            return self.day_month_year(k, y, m, d, j).map(M::no_the);
        }
        // Years.
        if let Some(y) = year(&t) {
            if self.is_year(j, y) {
                // "the 1988 second quarter", "the 1989 period"
                if let Some(o) = ordinal(self.l(j + 1))
                    && self.l(j + 2) == "quarter"
                    && (1..=4).contains(&o)
                {
                    return Some(self.quarter(j + 3, o, Some(y), j));
                }
                if self.l(j + 1) == "period"
                    && let Some((_, q)) = self.last_quarter
                {
                    return Some(M::new(j + 2, TimexType::Date, format!("{y:04}-Q{q}")));
                }
                return Some(M::new(j + 1, TimexType::Date, format!("{y:04}")).no_the());
            }
            return None;
        }
        // "20th century"
        if let Some(o) = ordinal(&t)
            && self.l(j + 1) == "century"
        {
            return Some(M::new(
                j + 2,
                TimexType::Date,
                format!("{:02}", o.saturating_sub(1)),
            ));
        }
        // "10-year", "16-hour".
        if let Some(m) = self.hyphen_duration(j) {
            return Some(m);
        }
        // Quantities: "14 days", "5 1/2 hours", "two years ago".
        self.quantity_expr(j)
    }

    /// A year at `k`, in digits or words ("nineteen ninety-six", "two
    /// thousand"), and the index after it.
    fn year_at(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(y) = year(self.l(k)) {
            return Some((y, k + 1));
        }
        match self.l(k) {
            "nineteen" | "eighteen" => {
                let base = if self.l(k) == "nineteen" { 1900 } else { 1800 };
                let n = number_compound(self.l(k + 1))?;
                if (10..100).contains(&n) {
                    return Some((base + n as i32, k + 2));
                }
                if n >= 20 && n % 10 == 0 {
                    let m = number_word(self.l(k + 2)).filter(|&m| m < 10);
                    return Some(match m {
                        Some(m) => (base + (n + m) as i32, k + 3),
                        None => (base + n as i32, k + 2),
                    });
                }
                None
            }
            "two" if self.l(k + 1) == "thousand" => {
                let n = number_compound(self.l(k + 2))
                    .filter(|&n| n < 100 && !matches!(self.l(k + 2), "a" | "an"));
                Some(match n {
                    Some(n) => (2000 + n as i32, k + 3),
                    None => (2000, k + 2),
                })
            }
            _ => None,
        }
    }

    fn is_year(&self, j: usize, y: i32) -> bool {
        let prev = if j > 0 { self.l(j - 1) } else { EMPTY };
        let next = self.l(j + 1);
        if matches!(
            prev,
            "$" | "£"
                | "€"
                | "#"
                | "no."
                | "number"
                | "us$"
                | "c$"
                | "a$"
                | "rs"
                | "page"
                | "flight"
                | "route"
                | "room"
                | "about"
                | "nearly"
                | "almost"
                | "than"
                | "approximately"
                | "roughly"
        ) {
            return false;
        }
        if matches!(next, "%" | "percent" | "-" | "–" | "/" | ":") || Unit::parse(next).is_some()
        {
            return false;
        }
        if next.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return false;
        }
        if (1900..=2050).contains(&y) {
            return true;
        }
        matches!(
            prev,
            "in" | "since"
                | "of"
                | "by"
                | "until"
                | "from"
                | "to"
                | "before"
                | "after"
                | "year"
                | "circa"
                | "c."
        )
    }

    fn clock(&mut self, j: usize) -> Option<M> {
        let t = self.l(j);
        let (h, mi, k) = if let Some((h, m)) = t.split_once(':') {
            let h: u32 = h.parse().ok()?;
            let m: u32 = m.get(..2)?.parse().ok()?;
            (h, m, j + 1)
        } else {
            // "3pm", or "3" followed by "p.m."
            let (num, suffix) = match t.find(|c: char| !c.is_ascii_digit()) {
                Some(p) => (&t[..p], &t[p..]),
                None => (t, EMPTY),
            };
            if !suffix.is_empty() && !matches!(suffix, "am" | "pm" | "a.m." | "p.m.") {
                return None;
            }
            let h: u32 = num.parse().ok()?;
            if suffix.is_empty()
                && !matches!(
                    self.l(j + 1),
                    "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "o'clock"
                )
            {
                return None;
            }
            (h, 0, j + 1)
        };
        if h > 24 || mi > 59 {
            return None;
        }
        let mut k = k;
        let mut hour = h;
        let ampm = |s: &str| -> Option<bool> {
            match s {
                "am" | "a.m." | "a.m" => Some(false),
                "pm" | "p.m." | "p.m" => Some(true),
                _ => None,
            }
        };
        let own = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':');
        let mut pm = ampm(own);
        if pm.is_none() {
            if let Some(p) = ampm(self.l(k)) {
                pm = Some(p);
                k += 1;
                if self.l(k) == "." && !self.l(k - 1).ends_with('.') {
                    k += 1;
                }
            } else if self.l(k) == "o'clock" {
                k += 1;
            } else if !t.contains(':') {
                return None;
            }
        }
        if pm == Some(true) && hour < 12 {
            hour += 12;
        } else if pm == Some(false) && hour == 12 {
            hour = 0;
        }
        if time_zone(self.l(k)) {
            k += 1;
        }
        let tv = format!("T{hour:02}:{mi:02}");
        // "3 p.m. Friday", "10 a.m. today", "5 p.m. EST, Nov. 6".
        let k_date = if self.l(k) == "," { k + 1 } else { k };
        let (day, k) = match self.day_word(k) {
            Some((d, k2)) => (d, k2),
            None => match self.month_led(k_date) {
                Some(m) if m.value.len() == 10 => (m.value, m.end),
                _ => (fmt_day(self.dct), k),
            },
        };
        Some(
            M::new(k, TimexType::Time, format!("{day}{tv}"))
                .anchored(self.dct.is_some())
                .no_the(),
        )
    }

    /// A day named by a word at `k`: a weekday, today, yesterday, tomorrow.
    fn day_word(&self, k: usize) -> Option<(String, usize)> {
        let t = self.l(k);
        let d = self.dct;
        let v = match t {
            "today" => fmt_day(d),
            "yesterday" => fmt_day(d.map(|d| d.add_days(-1))),
            "tomorrow" => fmt_day(d.map(|d| d.add_days(1))),
            _ => {
                let wd = weekday(t)?;
                if !self.cap(k) {
                    return None;
                }
                self.weekday_value(wd, self.tense(k), None)
            }
        };
        Some((v, k + 1))
    }

    fn weekday_value(&self, wd: u32, tense: Tense, rel: Option<&str>) -> String {
        let Some(d) = self.dct else {
            return format!("XXXX-WXX-{wd}");
        };
        let dw = i64::from(d.weekday());
        let wd = i64::from(wd);
        let back = (dw - wd).rem_euclid(7);
        let fwd = (wd - dw).rem_euclid(7);
        let date = match (rel, tense) {
            (Some("last"), _) => d.add_days(-(if back == 0 { 7 } else { back })),
            (Some("next"), _) | (Some("coming"), _) => d.add_days(if fwd == 0 { 7 } else { fwd }),
            (_, Tense::Past) => d.add_days(-back),
            (_, Tense::Future) => d.add_days(fwd),
        };
        date.to_string()
    }

    fn hyphen_duration(&self, j: usize) -> Option<M> {
        let t = self.l(j);
        if t.ends_with("-old") || !t.contains('-') {
            return None;
        }
        let (num, unit) = t.rsplit_once('-')?;
        let (unit, _) = Unit::parse(unit)?;
        if unit == Unit::Quarter || unit == Unit::Weekend {
            return None;
        }
        let n = digits(num)
            .or_else(|| number_compound(num).map(f64::from))
            .or_else(|| {
                let (a, b) = num.split_once('-')?;
                Some(f64::from(number_compound(&format!("{a}-{b}"))?))
            })?;
        if self.l(j + 1) == "-" && self.l(j + 2) == "old" {
            return None;
        }
        Some(M::new(j + 1, TimexType::Duration, unit.duration(Some(n))).no_the())
    }

    /// A quantity at `j`: the number (None: vague) and the index after it.
    fn quantity(&self, j: usize) -> Option<(Option<f64>, usize)> {
        let t = self.l(j);
        if let Some(n) = digits(t) {
            // "5 1/2"
            if let Some((a, b)) = self.l(j + 1).split_once('/')
                && let (Ok(a), Ok(b)) = (a.parse::<f64>(), b.parse::<f64>())
                && b > 0.0
                && a < b
            {
                return Some((Some(n + a / b), j + 2));
            }
            return Some((Some(n), j + 1));
        }
        match t {
            "a" | "an" if self.l(j + 1) == "few" => return Some((None, j + 2)),
            "a" if self.l(j + 1) == "couple" && self.l(j + 2) == "of" => {
                return Some((Some(2.0), j + 3));
            }
            "couple" if self.l(j + 1) == "of" => return Some((Some(2.0), j + 2)),
            "several" | "few" | "many" | "some" => return Some((None, j + 1)),
            "half" if self.l(j + 1) == "a" => return Some((Some(0.5), j + 2)),
            _ => {}
        }
        let n = number_compound(t)?;
        // "twenty four", "two hundred"
        let next = self.l(j + 1);
        if n >= 20
            && n % 10 == 0
            && n < 100
            && let Some(m) = number_word(next)
            && m < 10
            && next != "a"
            && next != "an"
        {
            return Some((Some(f64::from(n + m)), j + 2));
        }
        if next == "hundred" && n < 10 {
            return Some((Some(f64::from(n * 100)), j + 2));
        }
        Some((Some(f64::from(n)), j + 1))
    }

    /// "14 days", "a month", "two years ago", "a year earlier".
    fn quantity_expr(&mut self, j: usize) -> Option<M> {
        let (n, mut k) = self.quantity(j)?;
        let article = matches!(self.l(j), "a" | "an");
        // "a half", "and a half"
        let (unit, plural) = Unit::parse(self.l(k))?;
        if unit == Unit::Quarter && article {
            return None;
        }
        if unit == Unit::Quarter && self.l(j) == "first" {
            return None;
        }
        let vague = n.is_none();
        if matches!(self.l(j), "some" | "many") && !plural {
            return None;
        }
        k += 1;
        let mut n = n;
        if self.l(k) == "and" && self.l(k + 1) == "a" && self.l(k + 2) == "half" {
            n = n.map(|n| n + 0.5);
            k += 3;
        }
        // Ages: "52 years old".
        if self.l(k) == "old" {
            return None;
        }
        // "a second group", "This Week", "60 Minutes": not lengths of time.
        if unit == Unit::Second
            && article
            && self.l(k).bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(
                self.l(k),
                "later" | "ago" | "earlier" | "or" | "and" | "before" | "after" | "longer"
            )
        {
            return None;
        }
        if self.cap(k - 1) && k - 1 > 0 && !self.cap(j) {
            return None;
        }
        // "two years ago", "a year earlier"
        let after = self.l(k);
        if matches!(after, "ago" | "earlier" | "before" | "from")
            && (after != "from" || self.l(k + 1) == "now")
            && (after != "before" || !is_content(self.l(k + 1)))
        {
            let end = if after == "from" { k + 2 } else { k + 1 };
            let sign = if matches!(after, "ago" | "earlier" | "before") {
                -1.0
            } else {
                1.0
            };
            if vague {
                let v = if sign < 0.0 { "PAST_REF" } else { "FUTURE_REF" };
                return Some(M::new(end, TimexType::Date, v.into()));
            }
            let n = n.unwrap_or(1.0);
            let v = self.shifted(unit, sign * n);
            return Some(M::new(end, TimexType::Date, v).anchored(self.dct.is_some()));
        }
        // "$5 a year", "twice a month": a set.
        if article && j > 0 {
            let prev = self.l(j - 1);
            let prev_num = prev.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || matches!(
                    prev,
                    "%" | "percent"
                        | "twice"
                        | "times"
                        | "once"
                        | "million"
                        | "billion"
                        | "dollars"
                        | "cents"
                );
            if prev_num && !plural {
                return Some(M::new(k, TimexType::Set, unit.set()));
            }
        }
        Some(M::new(k, TimexType::Duration, unit.duration(n)))
    }

    /// The date `n` units from the article date, at the unit's granularity.
    fn shifted(&self, unit: Unit, n: f64) -> String {
        let d = self.dct;
        // Clamped: "99999999999 years ago" must not overflow.
        let whole = (n.round() as i64).clamp(-100_000, 100_000);
        match unit {
            Unit::Year => {
                if let (Some((Some(y), q)), true) = (self.last_quarter, whole == -1) {
                    return format!("{:04}-Q{q}", y - 1);
                }
                fmt_year(d.map(|d| d.add_months(12 * whole).year))
            }
            Unit::Decade => {
                d.map_or_else(|| "XXX".into(), |d| decade_of(d.year + 10 * whole as i32))
            }
            Unit::Century => d.map_or_else(
                || "XX".into(),
                |d| format!("{:02}", (d.year + 100 * whole as i32) / 100),
            ),
            Unit::Quarter => match d {
                Some(d) => {
                    let d2 = d.add_months(3 * whole);
                    format!("{:04}-Q{}", d2.year, d2.quarter())
                }
                None => "XXXX-QX".into(),
            },
            Unit::Month => fmt_month(d.map(|d| d.add_months(whole))),
            Unit::Week | Unit::Weekend => fmt_week(d.map(|d| d.add_days(7 * whole))),
            Unit::Day => fmt_day(d.map(|d| d.add_days(whole))),
            Unit::Hour | Unit::Minute | Unit::Second => fmt_day(d),
        }
    }

    // ----- words --------------------------------------------------------

    fn month_at(&self, j: usize) -> Option<u32> {
        let t = self.l(j);
        let m = month(t)?;
        if !self.cap(j) {
            return None;
        }
        // "Sept" "." as two tokens is handled by the caller's index.
        Some(m)
    }

    /// "22 March 2013" (k: after the year or month), at day granularity.
    fn day_month_year(&self, k: usize, y: Option<i32>, m: u32, d: u32, at: usize) -> Option<M> {
        match y {
            Some(y) => {
                let date = Date::new(y, m, d)?;
                Some(M::new(k, TimexType::Date, date.to_string()))
            }
            None => {
                let v = match self.dct {
                    Some(dct) => {
                        // The one date in a year-long window around the
                        // article date: mostly the past, a few months ahead.
                        let (lo, hi) = match self.tense_marked(at) {
                            Some(Tense::Future) => (-30, 335),
                            _ => (-245, 120),
                        };
                        [dct.year - 1, dct.year, dct.year + 1]
                            .into_iter()
                            .filter_map(|y| Date::new(y, m, d))
                            .find(|c| (lo..hi).contains(&(c.days() - dct.days())))
                            .or_else(|| Date::new(dct.year, m, d))?
                            .to_string()
                    }
                    None => {
                        Date::new(2000, m, d)?;
                        format!("XXXX-{m:02}-{d:02}")
                    }
                };
                Some(M::new(k, TimexType::Date, v).anchored(self.dct.is_some()))
            }
        }
    }

    fn month_value(&self, m: u32, tense: Option<Tense>, rel: Option<&str>) -> String {
        let Some(d) = self.dct else {
            return format!("XXXX-{m:02}");
        };
        let y = match rel {
            Some("last") | Some("past") => {
                if m < d.month {
                    d.year
                } else {
                    d.year - 1
                }
            }
            Some("next") | Some("coming") => {
                if m > d.month {
                    d.year
                } else {
                    d.year + 1
                }
            }
            Some(_) => d.year,
            None => {
                let diff = m as i32 - d.month as i32;
                let (lo, hi) = match tense {
                    Some(Tense::Past) => (-10, 2),
                    Some(Tense::Future) => (0, 11),
                    None => (-8, 4),
                };
                if diff > hi {
                    d.year - 1
                } else if diff < lo {
                    d.year + 1
                } else {
                    d.year
                }
            }
        };
        format!("{y:04}-{m:02}")
    }

    fn month_led(&self, j: usize) -> Option<M> {
        let m = self.month_at(j)?;
        let t = self.l(j);
        let mut k = j + 1;
        if self.l(k) == "." && !t.ends_with('.') && t.len() <= 4 {
            k += 1;
        }
        // Month day [, year]
        if let Some(d) = day_number(self.l(k))
            && Unit::parse(self.l(k + 1)).is_none()
            && self.l(k + 1) != "%"
        {
            let (k2, y) = if self.l(k + 1) == "," && year(self.l(k + 2)).is_some() {
                (k + 3, year(self.l(k + 2)))
            } else if let Some(y) = year(self.l(k + 1)) {
                (k + 2, Some(y))
            } else {
                (k + 1, None)
            };
            return self.day_month_year(k2, y, m, d, j).map(M::no_the);
        }
        // Month year
        let y = if let Some(y) = self.year_at(k) {
            Some(y)
        } else if matches!(self.l(k), "," | "of") {
            self.year_at(k + 1)
        } else {
            None
        };
        if let Some((y, k2)) = y {
            return Some(M::new(k2, TimexType::Date, format!("{y:04}-{m:02}")).no_the());
        }
        // The month alone: "May" and "March" need a preposition before them.
        if matches!(
            t,
            "jan" | "dec" | "oct" | "sept" | "nov" | "jun" | "jul" | "aug" | "apr" | "feb"
        ) {
            return None;
        }
        if matches!(t, "may" | "march" | "mar.") {
            let prev = if j > 0 { self.l(j - 1) } else { EMPTY };
            if !matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "till"
                    | "through"
                    | "by"
                    | "during"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "of"
                    | "from"
                    | "to"
                    | "before"
                    | "after"
                    | "end"
                    | "between"
                    | "and"
            ) {
                return None;
            }
        }
        Some(
            M::new(
                k,
                TimexType::Date,
                self.month_value(m, self.tense_marked(j), None),
            )
            .anchored(self.dct.is_some())
            .no_the(),
        )
    }

    fn word_led(&mut self, j: usize) -> Option<M> {
        let t = self.l(j).to_string();
        let dct = self.dct;
        let an = dct.is_some();
        // Weekdays.
        if let Some(wd) = weekday(&t) {
            if !self.cap(j) {
                return None;
            }
            let mut k = j + 1;
            if self.l(k) == "," {
                k += 1;
            }
            if let Some(m) = self.month_led(k)
                && m.value.len() == 10
            {
                return Some(m);
            }
            let v = self.weekday_value(wd, self.weekday_tense(j), None);
            // "Friday night": a DATE, the day (the TimeML gold is split
            // between the day and the day with its part; the day scores best).
            if day_part(self.l(j + 1)).is_some() {
                return Some(M::new(j + 2, TimexType::Date, v).anchored(an).no_the());
            }
            return Some(M::new(j + 1, TimexType::Date, v).anchored(an).no_the());
        }
        if let Some(m) = self.month_led(j) {
            return Some(m);
        }
        // "mid-March", "mid-1990s"
        if let Some((pre, rest)) = t.split_once('-') {
            let md = match pre {
                "mid" => Some("MID"),
                "early" => Some("START"),
                "late" => Some("END"),
                _ => None,
            };
            if let Some(md) = md {
                let v = if let Some(m) = month(rest) {
                    Some(self.month_value(m, self.tense_marked(j), None))
                } else if let Some(d) = decade(rest) {
                    Some(d)
                } else {
                    year(rest).map(|y| format!("{y:04}"))
                };
                if let Some(v) = v {
                    let mut m = M::new(j + 1, TimexType::Date, v).anchored(an);
                    m.modifier = Some(md);
                    return Some(m);
                }
            }
            // "third-quarter", "first-half"
            if let Some(o) = ordinal(pre) {
                if rest == "quarter" && (1..=4).contains(&o) {
                    return Some(self.quarter(j + 1, o, None, j).no_the());
                }
                if rest == "half" && o <= 2 {
                    return Some(self.half(j + 1, o));
                }
            }
            if pre == "year" && matches!(rest, "earlier" | "ago") {
                return Some(self.year_earlier(j + 1));
            }
            if pre == "year" && rest == "end" {
                let v = dct.map_or_else(|| "XXXX-12-31".into(), |d| format!("{:04}-12-31", d.year));
                return Some(M::new(j + 1, TimexType::Date, v).anchored(an));
            }
            if let Some(m) = self.hyphen_duration(j) {
                return Some(m);
            }
        }
        match t.as_str() {
            "today" => {
                return Some(self.with_day_part(j, fmt_day(dct)));
            }
            "yesterday" => {
                return Some(self.with_day_part(j, fmt_day(dct.map(|d| d.add_days(-1)))));
            }
            "tomorrow" => return Some(self.with_day_part(j, fmt_day(dct.map(|d| d.add_days(1))))),
            "tonight" => {
                return Some(
                    M::new(j + 1, TimexType::Time, format!("{}TNI", fmt_day(dct))).anchored(an),
                );
            }
            "noon" | "midday" | "midnight" if j == 0 || self.l(j - 1) != "high" => {
                let h = if t == "midnight" { "24:00" } else { "12:00" };
                return Some(
                    M::new(j + 1, TimexType::Time, format!("{}T{h}", fmt_day(dct))).anchored(an),
                );
            }
            "now" | "currently" | "nowadays" | "presently" => {
                return Some(M::new(j + 1, TimexType::Date, "PRESENT_REF".into()).no_the());
            }
            "recently" | "lately" => {
                return Some(M::new(j + 1, TimexType::Date, "PAST_REF".into()).no_the());
            }
            "recent" => {
                if let Some((u, true)) = Unit::parse(self.l(j + 1))
                    && matches!(
                        u,
                        Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Decade
                    )
                {
                    // "recent years" is the past; "recent weeks" a vague span.
                    if matches!(u, Unit::Year | Unit::Decade) {
                        return Some(M::new(j + 2, TimexType::Date, "PAST_REF".into()));
                    }
                    return Some(M::new(j + 2, TimexType::Duration, u.duration(None)));
                }
                return None;
            }
            "future" => {
                let prev = if j > 0 { self.l(j - 1) } else { EMPTY };
                if matches!(prev, "in" | "near") {
                    return Some(M::new(j + 1, TimexType::Date, "FUTURE_REF".into()));
                }
                return None;
            }
            "daily" | "nightly" => return Some(M::new(j + 1, TimexType::Set, "P1D".into())),
            "weekly" => return Some(M::new(j + 1, TimexType::Set, "P1W".into())),
            "monthly" => return Some(M::new(j + 1, TimexType::Set, "P1M".into())),
            "annually" | "yearly" => return Some(M::new(j + 1, TimexType::Set, "P1Y".into())),
            "hourly" => return Some(M::new(j + 1, TimexType::Set, "PT1H".into())),
            "every" | "each" | "per" => {
                let k = j + 1;
                if let Some(wd) = weekday(self.l(k)) {
                    return Some(M::new(k + 1, TimexType::Set, format!("XXXX-WXX-{wd}")));
                }
                if let Some((u, false)) = Unit::parse(self.l(k)) {
                    return Some(M::new(k + 1, TimexType::Set, u.set()));
                }
                if let Some(p) = day_part(self.l(k)) {
                    return Some(M::new(k + 1, TimexType::Set, format!("XXXX-XX-XXT{p}")));
                }
                if t == "every"
                    && let Some((n, k2)) = self.quantity(k)
                    && let Some((u, _)) = Unit::parse(self.l(k2))
                {
                    return Some(M::new(k2 + 1, TimexType::Set, u.duration(n)));
                }
                return None;
            }
            "fiscal" => {
                let mut k = j + 1;
                if self.l(k) == "year" {
                    k += 1;
                }
                if let Some(y) = year(self.l(k)) {
                    return Some(M::new(k + 1, TimexType::Date, format!("{y:04}")));
                }
                if let Some(o) = ordinal(self.l(k))
                    && self.l(k + 1) == "quarter"
                    && (1..=4).contains(&o)
                {
                    return Some(self.quarter(k + 2, o, None, j));
                }
                if let Some((o, r)) = self.l(k).split_once('-')
                    && let (Some(o), "quarter") = (ordinal(o), r)
                    && (1..=4).contains(&o)
                {
                    return Some(self.quarter(k + 1, o, None, j));
                }
                return None;
            }
            "year-earlier" | "year-ago" => return Some(self.year_earlier(j + 1)),
            "nineteen" | "eighteen" => {
                let (y, k) = self.year_at(j)?;
                return Some(M::new(k, TimexType::Date, format!("{y:04}")));
            }
            "christmas" | "thanksgiving" | "halloween" if self.cap(j) => {
                let mut k = j + 1;
                if matches!(self.l(k), "day" | "eve") {
                    k += 1;
                }
                let eve = self.l(j + 1) == "eve";
                let day = |y: i32| -> Option<Date> {
                    match t.as_str() {
                        "christmas" if eve => Date::new(y, 12, 24),
                        "christmas" => Date::new(y, 12, 25),
                        "halloween" => Date::new(y, 10, 31),
                        _ => {
                            // The fourth Thursday of November.
                            let n1 = Date::new(y, 11, 1)?;
                            let first_thu = (4 + 7 - i64::from(n1.weekday())) % 7;
                            Some(n1.add_days(first_thu + 21))
                        }
                    }
                };
                let v = match dct {
                    Some(d) => {
                        let (lo, hi) = match (self.l(j.saturating_sub(1)), self.tense_marked(j)) {
                            ("last", _) => (-400, 0),
                            ("next", _) | (_, Some(Tense::Future)) => (0, 400),
                            _ => (-305, 60),
                        };
                        [d.year - 1, d.year, d.year + 1]
                            .into_iter()
                            .filter_map(day)
                            .find(|c| (lo..hi).contains(&(c.days() - d.days())))
                            .map_or_else(|| "XXXX-XX-XX".to_string(), |c| c.to_string())
                    }
                    None => match t.as_str() {
                        "christmas" if eve => "XXXX-12-24".into(),
                        "christmas" => "XXXX-12-25".into(),
                        "halloween" => "XXXX-10-31".into(),
                        _ => "XXXX-11-XX".into(),
                    },
                };
                return Some(M::new(k, TimexType::Date, v).anchored(an));
            }
            _ => {}
        }
        // "last year", "this week", "next Friday", "past 20 years"
        if matches!(
            t.as_str(),
            "last"
                | "this"
                | "next"
                | "past"
                | "coming"
                | "previous"
                | "current"
                | "first"
                | "final"
                | "prior"
        ) && let Some(m) = self.relative(j)
        {
            return Some(m);
        }
        // Ordinal quarters and halves: "the third quarter of 1989".
        if let Some(o) = ordinal(&t) {
            if self.l(j + 1) == "quarter" && (1..=4).contains(&o) {
                return Some(self.quarter(j + 2, o, None, j));
            }
            if self.l(j + 1) == "half" && o <= 2 {
                return Some(self.half(j + 2, o));
            }
            if matches!(self.l(j + 1), "century") {
                return Some(M::new(
                    j + 2,
                    TimexType::Date,
                    format!("{:02}", o.saturating_sub(1)),
                ));
            }
        }
        if let Some(s) = season(&t) {
            let prev = if j > 0 { self.l(j - 1) } else { EMPTY };
            let (y, k) = if let Some((y, k)) = self.year_at(j + 1) {
                (Some(y), k)
            } else if let Some((y, k)) = self.year_at(j + 2).filter(|_| self.l(j + 1) == "of") {
                (Some(y), k)
            } else if t != "fall"
                && matches!(
                    prev,
                    "the" | "in" | "this" | "early" | "late" | "mid" | "during" | "until" | "by"
                )
            {
                (dct.map(|d| d.year), j + 1)
            } else {
                return None;
            };
            return Some(M::new(k, TimexType::Date, format!("{}-{s}", fmt_year(y))).anchored(an));
        }
        // Sets of weekdays: "on Mondays"
        if let Some(wd) = weekday_plural(&t)
            && self.cap(j)
        {
            return Some(M::new(j + 1, TimexType::Set, format!("XXXX-WXX-{wd}")));
        }
        // Vague plurals after a preposition: "for years".
        if let Some((u, true)) = Unit::parse(&t) {
            let prev = if j > 0 { self.l(j - 1) } else { EMPTY };
            if matches!(prev, "for" | "in" | "over" | "within")
                && !matches!(self.l(j + 1), "of" | "to" | "ago" | "'")
                && matches!(
                    u,
                    Unit::Year
                        | Unit::Month
                        | Unit::Week
                        | Unit::Day
                        | Unit::Decade
                        | Unit::Hour
                        | Unit::Century
                )
            {
                return Some(M::new(j + 1, TimexType::Duration, u.duration(None)));
            }
            return None;
        }
        self.quantity_expr(j)
    }

    fn with_day_part(&self, j: usize, day: String) -> M {
        let an = self.dct.is_some();
        if let Some(p) = day_part(self.l(j + 1)) {
            return M::new(j + 2, TimexType::Time, format!("{day}T{p}")).anchored(an);
        }
        M::new(j + 1, TimexType::Date, day).anchored(an)
    }

    fn quarter(&mut self, k: usize, q: u32, year_hint: Option<i32>, at: usize) -> M {
        let (y, k) = if let Some(y) = year(self.l(k)) {
            (Some(y), k + 1)
        } else if self.l(k) == "of" && year(self.l(k + 1)).is_some() {
            (year(self.l(k + 1)), k + 2)
        } else if let Some(y) = year_hint {
            (Some(y), k)
        } else {
            let y = self.dct.map(|d| match self.tense(at) {
                Tense::Past if q > d.quarter() => d.year - 1,
                _ => d.year,
            });
            (y, k)
        };
        // Only a finished quarter is what later "a year ago" compares with.
        let finished = match (self.dct, y) {
            (Some(d), Some(y)) => (y, q) < (d.year, d.quarter()),
            _ => true,
        };
        if finished {
            self.last_quarter = Some((y, q));
        }
        M::new(k, TimexType::Date, format!("{}-Q{q}", fmt_year(y))).anchored(self.dct.is_some())
    }

    fn half(&self, k: usize, h: u32) -> M {
        let (y, k) = if self.l(k) == "of" && year(self.l(k + 1)).is_some() {
            (year(self.l(k + 1)), k + 2)
        } else {
            (self.dct.map(|d| d.year), k)
        };
        M::new(k, TimexType::Date, format!("{}-H{h}", fmt_year(y))).anchored(self.dct.is_some())
    }

    fn year_earlier(&self, k: usize) -> M {
        let (y, q) = self.recent_quarter();
        let an = self.dct.is_some();
        let k2 = if matches!(self.l(k), "quarter" | "period") {
            k + 1
        } else {
            k
        };
        if self.last_quarter.is_some() || k2 > k {
            return M::new(
                k2,
                TimexType::Date,
                format!("{}-Q{q}", fmt_year(y.map(|y| y - 1))),
            )
            .anchored(an);
        }
        M::new(k, TimexType::Date, fmt_year(self.dct.map(|d| d.year - 1))).anchored(an)
    }

    fn relative(&mut self, j: usize) -> Option<M> {
        let rel = self.l(j).to_string();
        let k = j + 1;
        let dct = self.dct;
        let an = dct.is_some();
        // "past 20 years", "the first nine months", "the next two weeks"
        if rel != "this"
            && rel != "current"
            && let Some((n, k2)) = self.quantity(k)
            && (!matches!(self.l(k), "a" | "an" | "some" | "many") || self.l(k + 1) == "few")
            && let Some((u, _)) = Unit::parse(self.l(k2))
        {
            return Some(M::new(k2 + 1, TimexType::Duration, u.duration(n)));
        }
        if rel == "first" || rel == "final" {
            return None;
        }
        let next = self.l(k).to_string();
        let back = matches!(rel.as_str(), "last" | "past" | "previous" | "prior");
        let fwd = matches!(rel.as_str(), "next" | "coming");
        let step: i64 = if back {
            -1
        } else if fwd {
            1
        } else {
            0
        };
        // "the coming weeks", "the past months": a vague span.
        if let Some((u, true)) = Unit::parse(&next)
            && (back || fwd)
            && !self.cap(k)
        {
            return Some(M::new(k + 1, TimexType::Duration, u.duration(None)));
        }
        if let Some((u, false)) = Unit::parse(&next) {
            // "This Week" (a programme's name).
            if self.cap(k) {
                return None;
            }
            if rel == "past" && u != Unit::Year {
                return Some(M::new(k + 1, TimexType::Duration, u.duration(Some(1.0))));
            }
            let v = match u {
                Unit::Year => {
                    let y = fmt_year(dct.map(|d| d.year + step as i32));
                    // "this year's third quarter"
                    if self.l(k + 1) == "'s"
                        && let Some(o) = ordinal(self.l(k + 2))
                        && self.l(k + 3) == "quarter"
                        && (1..=4).contains(&o)
                    {
                        let yy = dct.map(|d| d.year + step as i32);
                        return Some(self.quarter(k + 4, o, yy, j));
                    }
                    y
                }
                Unit::Month => fmt_month(dct.map(|d| d.add_months(step))),
                Unit::Week => fmt_week(dct.map(|d| d.add_days(7 * step))),
                Unit::Weekend => match dct {
                    Some(d) => {
                        let base = d.add_days(7 * step);
                        format!("{}-WE", base.week_value())
                    }
                    None => "XXXX-WXX-WE".into(),
                },
                Unit::Quarter => {
                    let v = self.shifted(Unit::Quarter, step as f64);
                    if let Some(d) = dct {
                        let d2 = d.add_months(3 * step);
                        self.last_quarter = Some((Some(d2.year), d2.quarter()));
                    }
                    v
                }
                Unit::Decade => {
                    dct.map_or_else(|| "XXX".into(), |d| decade_of(d.year + 10 * step as i32))
                }
                Unit::Century => dct.map_or_else(
                    || "XX".into(),
                    |d| format!("{:02}", d.year / 100 + step as i32),
                ),
                Unit::Day => return None,
                _ => return None,
            };
            return Some(M::new(k + 1, TimexType::Date, v).anchored(an));
        }
        if let Some(wd) = weekday(&next)
            && self.cap(k)
        {
            let v = self.weekday_value(wd, self.tense(j), Some(rel.as_str()));
            if let Some(p) = day_part(self.l(k + 1)) {
                return Some(M::new(k + 2, TimexType::Time, format!("{v}T{p}")).anchored(an));
            }
            return Some(M::new(k + 1, TimexType::Date, v).anchored(an));
        }
        // "last Oct. 23": the date itself.
        if month(&next).is_some()
            && self.cap(k)
            && let Some(m) = self.month_led(k)
            && m.value.len() == 10
        {
            return Some(m);
        }
        if let Some(m) = month(&next)
            && self.cap(k)
        {
            return Some(
                M::new(
                    k + 1,
                    TimexType::Date,
                    self.month_value(m, self.tense_marked(j), Some(rel.as_str())),
                )
                .anchored(an),
            );
        }
        if let Some(s) = season(&next) {
            let v = match dct {
                Some(d) => {
                    let idx = |s: &str| match s {
                        "SP" => 0,
                        "SU" => 1,
                        "FA" => 2,
                        _ => 3,
                    };
                    let cur = match d.month {
                        3..=5 => 0,
                        6..=8 => 1,
                        9..=11 => 2,
                        _ => 3,
                    };
                    let y = if back {
                        if idx(s) < cur { d.year } else { d.year - 1 }
                    } else if fwd {
                        if idx(s) > cur { d.year } else { d.year + 1 }
                    } else {
                        d.year
                    };
                    format!("{y:04}-{s}")
                }
                None => format!("XXXX-{s}"),
            };
            return Some(M::new(k + 1, TimexType::Date, v).anchored(an));
        }
        if let Some(p) = day_part(&next) {
            let day = match rel.as_str() {
                "last" if p == "NI" => dct.map(|d| d.add_days(-1)),
                "this" => dct,
                _ => return None,
            };
            return Some(
                M::new(k + 1, TimexType::Time, format!("{}T{p}", fmt_day(day))).anchored(an),
            );
        }
        None
    }
}

/// A word that would make "before" a preposition ("a week before the vote").
fn is_content(w: &str) -> bool {
    !w.is_empty() && !matches!(w, "," | "." | ";" | ":" | "and" | "or" | "but")
}

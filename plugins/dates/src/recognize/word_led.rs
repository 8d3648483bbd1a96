//! Expressions led by a word: weekdays, "today", sets ("weekly"), holidays,
//! seasons, ordinals. `word_led` tries the steps in order; the first that
//! settles the token decides.

use super::*;

/// A step's verdict: `None` passes the token on to the next step;
/// `Some(found)` settles it (`Some(None)`: no expression starts here).
type Verdict = Option<Option<M>>;

impl Ctx {
    pub(super) fn word_led(&mut self, j: usize) -> Option<M> {
        let t = self.l(j).to_string();
        if let Some(found) = self.weekday_led(j, &t) {
            return found;
        }
        if let Some(m) = self.month_led(j) {
            return Some(m);
        }
        if let Some(m) = self.hyphenated(j, &t) {
            return Some(m);
        }
        if let Some(found) = self.named_word(j, &t) {
            return found;
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
        if let Some(m) = self.ordinal_led(j, &t) {
            return Some(m);
        }
        if let Some(found) = self.season_led(j, &t) {
            return found;
        }
        // Sets of weekdays: "on Mondays"
        if let Some(wd) = weekday_plural(&t)
            && self.cap(j)
        {
            return Some(M::new(j + 1, TimexType::Set, format!("XXXX-WXX-{wd}")));
        }
        if let Some(found) = self.vague_plural(j, &t) {
            return found;
        }
        self.quantity_expr(j)
    }

    /// Weekdays: "Friday", "Friday night", "Friday, March 22".
    fn weekday_led(&self, j: usize, t: &str) -> Verdict {
        let wd = weekday(t)?;
        if !self.cap(j) {
            return Some(None);
        }
        let an = self.dct.is_some();
        let mut k = j + 1;
        if self.l(k) == "," {
            k += 1;
        }
        if let Some(m) = self.month_led(k)
            && m.value.len() == 10
        {
            return Some(Some(m));
        }
        let v = self.weekday_value(wd, self.weekday_tense(j), None);
        // "Friday night": a DATE, the day (the TimeML gold is split
        // between the day and the day with its part; the day scores best).
        if day_part(self.l(j + 1)).is_some() {
            return Some(Some(
                M::new(j + 2, TimexType::Date, v).anchored(an).no_the(),
            ));
        }
        Some(Some(
            M::new(j + 1, TimexType::Date, v).anchored(an).no_the(),
        ))
    }

    /// Hyphenated words: "mid-March", "mid-1990s", "third-quarter",
    /// "first-half", "year-earlier", "year-end", "three-month".
    fn hyphenated(&mut self, j: usize, t: &str) -> Option<M> {
        let dct = self.dct;
        let an = dct.is_some();
        let (pre, rest) = t.split_once('-')?;
        // "mid-March", "mid-1990s"
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
        self.hyphen_duration(j)
    }

    /// Words that are expressions of their own: "today", "noon", "now",
    /// "recent weeks", "weekly", "every Monday", "fiscal 1990",
    /// "Christmas".
    fn named_word(&mut self, j: usize, t: &str) -> Verdict {
        let dct = self.dct;
        let an = dct.is_some();
        let found = match t {
            "today" => Some(self.with_day_part(j, fmt_day(dct))),
            "yesterday" => Some(self.with_day_part(j, fmt_day(dct.map(|d| d.add_days(-1))))),
            "tomorrow" => Some(self.with_day_part(j, fmt_day(dct.map(|d| d.add_days(1))))),
            "tonight" => {
                Some(M::new(j + 1, TimexType::Time, format!("{}TNI", fmt_day(dct))).anchored(an))
            }
            "noon" | "midday" | "midnight" if j == 0 || self.l(j - 1) != "high" => {
                let h = if t == "midnight" { "24:00" } else { "12:00" };
                Some(M::new(j + 1, TimexType::Time, format!("{}T{h}", fmt_day(dct))).anchored(an))
            }
            "now" | "currently" | "nowadays" | "presently" => {
                Some(M::new(j + 1, TimexType::Date, "PRESENT_REF".into()).no_the())
            }
            "recently" | "lately" => {
                Some(M::new(j + 1, TimexType::Date, "PAST_REF".into()).no_the())
            }
            "recent" => self.recent(j),
            "future" => {
                let prev = if j > 0 { self.l(j - 1) } else { EMPTY };
                matches!(prev, "in" | "near")
                    .then(|| M::new(j + 1, TimexType::Date, "FUTURE_REF".into()))
            }
            "daily" | "nightly" => Some(M::new(j + 1, TimexType::Set, "P1D".into())),
            "weekly" => Some(M::new(j + 1, TimexType::Set, "P1W".into())),
            "monthly" => Some(M::new(j + 1, TimexType::Set, "P1M".into())),
            "annually" | "yearly" => Some(M::new(j + 1, TimexType::Set, "P1Y".into())),
            "hourly" => Some(M::new(j + 1, TimexType::Set, "PT1H".into())),
            "every" | "each" | "per" => self.every(j, t),
            "fiscal" => self.fiscal(j),
            "year-earlier" | "year-ago" => Some(self.year_earlier(j + 1)),
            "nineteen" | "eighteen" => self
                .year_at(j)
                .map(|(y, k)| M::new(k, TimexType::Date, format!("{y:04}"))),
            "christmas" | "thanksgiving" | "halloween" if self.cap(j) => Some(self.holiday(j, t)),
            _ => return None,
        };
        Some(found)
    }

    /// "recent years" is the past; "recent weeks" a vague span.
    fn recent(&self, j: usize) -> Option<M> {
        if let Some((u, true)) = Unit::parse(self.l(j + 1))
            && matches!(
                u,
                Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Decade
            )
        {
            if matches!(u, Unit::Year | Unit::Decade) {
                return Some(M::new(j + 2, TimexType::Date, "PAST_REF".into()));
            }
            return Some(M::new(j + 2, TimexType::Duration, u.duration(None)));
        }
        None
    }

    /// Sets after "every", "each" or "per": "every Monday", "each year",
    /// "per night", "every two weeks".
    fn every(&self, j: usize, t: &str) -> Option<M> {
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
        None
    }

    /// "fiscal 1990", "fiscal year 1990", "fiscal third quarter".
    fn fiscal(&mut self, j: usize) -> Option<M> {
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
        None
    }

    /// "Christmas", "Christmas Eve", "Thanksgiving Day", "Halloween": the
    /// one near the article date (ahead when the sentence looks ahead).
    fn holiday(&self, j: usize, t: &str) -> M {
        let dct = self.dct;
        let an = dct.is_some();
        let mut k = j + 1;
        if matches!(self.l(k), "day" | "eve") {
            k += 1;
        }
        let eve = self.l(j + 1) == "eve";
        let day = |y: i32| -> Option<Date> {
            match t {
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
            None => match t {
                "christmas" if eve => "XXXX-12-24".into(),
                "christmas" => "XXXX-12-25".into(),
                "halloween" => "XXXX-10-31".into(),
                _ => "XXXX-11-XX".into(),
            },
        };
        M::new(k, TimexType::Date, v).anchored(an)
    }

    /// Ordinal quarters, halves and centuries: "the third quarter of
    /// 1989", "the first half", "the 20th century".
    fn ordinal_led(&mut self, j: usize, t: &str) -> Option<M> {
        let o = ordinal(t)?;
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
        None
    }

    /// Seasons: "summer 2012", "spring of 1990", "in the summer".
    fn season_led(&self, j: usize, t: &str) -> Verdict {
        let s = season(t)?;
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
            (self.dct.map(|d| d.year), j + 1)
        } else {
            return Some(None);
        };
        let an = self.dct.is_some();
        Some(Some(
            M::new(k, TimexType::Date, format!("{}-{s}", fmt_year(y))).anchored(an),
        ))
    }

    /// Vague plurals after a preposition: "for years". Any other plural
    /// unit settles the token with nothing.
    fn vague_plural(&self, j: usize, t: &str) -> Verdict {
        let Some((u, true)) = Unit::parse(t) else {
            return None;
        };
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
            return Some(Some(M::new(j + 1, TimexType::Duration, u.duration(None))));
        }
        Some(None)
    }
}

//! Patterns that need "the" before them: "the future", "the weekend", "the year two thousand".

use super::*;

impl Ctx {
    /// Patterns that need "the" before them (at `j`, after the article).
    pub(super) fn the_phrase(&mut self, j: usize) -> Option<M> {
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
            "year" => return self.the_year(j),
            "fiscal" if self.l(j + 1) == "year" && year(self.l(j + 2)).is_none() => {
                return Some(M::new(j + 2, TimexType::Duration, "P1Y".into()));
            }
            "current" | "latest" | "nineties" | "eighties" | "seventies" | "sixties"
            | "fifties" | "forties" | "thirties" | "twenties"
                if t.ends_with("ties")
                    || (self.l(j + 1) == "fiscal" && self.l(j + 2) == "year") =>
            {
                return Some(self.the_decade(j, &t));
            }
            "full" if self.l(j + 1) == "year" => {
                return Some(
                    M::new(j + 2, TimexType::Date, fmt_year(dct.map(|d| d.year)))
                        .anchored(dct.is_some()),
                );
            }
            _ => {}
        }
        self.the_quarter(j, &t)
    }

    /// "the year": the article's year; "the year two thousand"; "the year
    /// ended March 31" (a length of time).
    fn the_year(&self, j: usize) -> Option<M> {
        let dct = self.dct;
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
        Some(M::new(j + 1, TimexType::Date, fmt_year(dct.map(|d| d.year))).anchored(dct.is_some()))
    }

    /// "the current fiscal year", "the latest fiscal year", "the sixties".
    fn the_decade(&self, j: usize, t: &str) -> M {
        let dct = self.dct;
        let v = match t {
            "current" => fmt_year(dct.map(|d| d.year)),
            "latest" => fmt_year(dct.map(|d| d.year - 1)),
            decade => {
                let n = number_word(decade.strip_suffix("ies").map_or("", |s| s))
                    .or_else(|| number_word(&format!("{}y", decade.trim_end_matches("ies"))))
                    .unwrap_or(0);
                format!("19{}", n / 10)
            }
        };
        let k = if t.ends_with("ties") { j + 1 } else { j + 3 };
        M::new(k, TimexType::Date, v).anchored(dct.is_some())
    }

    /// "the quarter", "the latest quarter", "the year-ago period", ...
    fn the_quarter(&mut self, j: usize, t: &str) -> Option<M> {
        let dct = self.dct;
        let (k, shift) = match t {
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
}

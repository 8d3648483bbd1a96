//! Month-led expressions: "March 22, 2013", "March", "last March".

use super::*;

impl Ctx {
    pub(super) fn month_at(&self, j: usize) -> Option<u32> {
        let t = self.l(j);
        let m = month(t)?;
        if !self.cap(j) {
            return None;
        }
        // "Sept" "." as two tokens is handled by the caller's index.
        Some(m)
    }

    /// "22 March 2013" (k: after the year or month), at day granularity.
    pub(super) fn day_month_year(
        &self,
        k: usize,
        y: Option<i32>,
        m: u32,
        d: u32,
        at: usize,
    ) -> Option<M> {
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

    pub(super) fn month_value(&self, m: u32, tense: Option<Tense>, rel: Option<&str>) -> String {
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

    pub(super) fn month_led(&self, j: usize) -> Option<M> {
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
}

//! Financial periods: quarters, halves and "a year earlier".

use super::*;

impl Ctx {
    /// The quarter a financial story is about: the last one named, else
    /// the one before the article date.
    pub(super) fn recent_quarter(&self) -> (Option<i32>, u32) {
        if let Some(q) = self.last_quarter {
            return q;
        }
        self.previous_quarter()
    }

    /// The quarter before the article date's.
    pub(super) fn previous_quarter(&self) -> (Option<i32>, u32) {
        match self.dct {
            Some(d) if d.quarter() == 1 => (Some(d.year - 1), 4),
            Some(d) => (Some(d.year), d.quarter() - 1),
            None => (None, 1),
        }
    }

    pub(super) fn quarter(&mut self, k: usize, q: u32, year_hint: Option<i32>, at: usize) -> M {
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

    pub(super) fn half(&self, k: usize, h: u32) -> M {
        let (y, k) = if self.l(k) == "of" && year(self.l(k + 1)).is_some() {
            (year(self.l(k + 1)), k + 2)
        } else {
            (self.dct.map(|d| d.year), k)
        };
        M::new(k, TimexType::Date, format!("{}-H{h}", fmt_year(y))).anchored(self.dct.is_some())
    }

    pub(super) fn year_earlier(&self, k: usize) -> M {
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
}

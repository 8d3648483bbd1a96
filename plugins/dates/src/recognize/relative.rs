//! Relative expressions: "last year", "this week", "next Friday", "past 20 years".

use super::*;

impl Ctx {
    pub(super) fn weekend_anchor(&self, d: Date, tense: Tense) -> Date {
        let wd = i64::from(d.weekday());
        match tense {
            Tense::Past if wd < 6 => d.add_days(-wd - 1),
            Tense::Past => d,
            Tense::Future => d.add_days(6 - wd),
        }
    }

    pub(super) fn relative(&mut self, j: usize) -> Option<M> {
        let rel = self.l(j).to_string();
        let k = j + 1;
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
            return self.relative_unit(j, &rel, u, step);
        }
        self.relative_name(j, &rel, &next, back, fwd)
    }

    /// A unit after the relative word at `j`: "last year", "this week",
    /// "next quarter", "past month", "this year's third quarter".
    fn relative_unit(&mut self, j: usize, rel: &str, u: Unit, step: i64) -> Option<M> {
        let k = j + 1;
        let dct = self.dct;
        let an = dct.is_some();
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
        Some(M::new(k + 1, TimexType::Date, v).anchored(an))
    }

    /// A name after the relative word at `j` (`next` is the word after
    /// it): "next Friday", "last Oct. 23", "last March", "this summer",
    /// "last night".
    fn relative_name(&self, j: usize, rel: &str, next: &str, back: bool, fwd: bool) -> Option<M> {
        let k = j + 1;
        let dct = self.dct;
        let an = dct.is_some();
        if let Some(wd) = weekday(next)
            && self.cap(k)
        {
            let v = self.weekday_value(wd, self.tense(j), Some(rel));
            if let Some(p) = day_part(self.l(k + 1)) {
                return Some(M::new(k + 2, TimexType::Time, format!("{v}T{p}")).anchored(an));
            }
            return Some(M::new(k + 1, TimexType::Date, v).anchored(an));
        }
        // "last Oct. 23": the date itself.
        if month(next).is_some()
            && self.cap(k)
            && let Some(m) = self.month_led(k)
            && m.value.len() == 10
        {
            return Some(m);
        }
        if let Some(m) = month(next)
            && self.cap(k)
        {
            return Some(
                M::new(
                    k + 1,
                    TimexType::Date,
                    self.month_value(m, self.tense_marked(j), Some(rel)),
                )
                .anchored(an),
            );
        }
        if let Some(s) = season(next) {
            let v = match dct {
                Some(d) => relative_season(d, s, back, fwd),
                None => format!("XXXX-{s}"),
            };
            return Some(M::new(k + 1, TimexType::Date, v).anchored(an));
        }
        if let Some(p) = day_part(next) {
            let day = match rel {
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

/// The value of season `s` ("SU") named relative to the article date `d`:
/// the last one before it (`back`), the next one after it (`fwd`), or this
/// year's.
fn relative_season(d: Date, s: &str, back: bool, fwd: bool) -> String {
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

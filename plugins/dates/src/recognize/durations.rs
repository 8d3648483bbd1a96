//! Durations and sets: "two years", "three-month", "every week", and dates shifted by them ("two years ago").

use super::*;

impl Ctx {
    pub(super) fn hyphen_duration(&self, j: usize) -> Option<M> {
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
    pub(super) fn quantity(&self, j: usize) -> Option<(Option<f64>, usize)> {
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
    pub(super) fn quantity_expr(&mut self, j: usize) -> Option<M> {
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
    pub(super) fn shifted(&self, unit: Unit, n: f64) -> String {
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
}

/// A word that would make "before" a preposition ("a week before the vote").
fn is_content(w: &str) -> bool {
    !w.is_empty() && !matches!(w, "," | "." | ";" | ":" | "and" | "or" | "but")
}

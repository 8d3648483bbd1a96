//! Expressions led by a number: ISO and numeric dates, years, decades.

use super::*;

impl Ctx {
    pub(super) fn number_led(&mut self, j: usize) -> Option<M> {
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
    pub(super) fn year_at(&self, k: usize) -> Option<(i32, usize)> {
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

    pub(super) fn is_year(&self, j: usize, y: i32) -> bool {
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
}

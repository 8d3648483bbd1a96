//! Times of day: clock times, day words with a part of the day.

use super::*;

impl Ctx {
    pub(super) fn clock(&mut self, j: usize) -> Option<M> {
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
    pub(super) fn day_word(&self, k: usize) -> Option<(String, usize)> {
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

    pub(super) fn weekday_value(&self, wd: u32, tense: Tense, rel: Option<&str>) -> String {
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

    pub(super) fn with_day_part(&self, j: usize, day: String) -> M {
        let an = self.dct.is_some();
        if let Some(p) = day_part(self.l(j + 1)) {
            return M::new(j + 2, TimexType::Time, format!("{day}T{p}")).anchored(an);
        }
        M::new(j + 1, TimexType::Date, day).anchored(an)
    }
}

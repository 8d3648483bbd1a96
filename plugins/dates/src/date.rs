//! Calendar arithmetic on proleptic Gregorian dates: enough for TIMEX3
//! values (days, ISO weeks, months, quarters), with no dependency.

/// A calendar date.
///
/// ```
/// use newsmill_dates::date::Date;
/// let d = Date::new(2013, 3, 22).unwrap();
/// assert_eq!(d.weekday(), 5); // Friday
/// assert_eq!(d.add_days(-7).to_string(), "2013-03-15");
/// assert_eq!(d.iso_week(), (2013, 12));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

/// Days in `month` of `year`.
///
/// ```
/// assert_eq!(newsmill_dates::date::days_in_month(2012, 2), 29);
/// ```
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None`.
    ///
    /// ```
    /// assert!(newsmill_dates::date::Date::new(2013, 2, 30).is_none());
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    ///
    /// ```
    /// assert_eq!(newsmill_dates::date::Date::new(1970, 1, 2).unwrap().days(), 1);
    /// ```
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (clamped to years 1..=9999).
    ///
    /// ```
    /// use newsmill_dates::date::Date;
    /// assert_eq!(Date::from_days(Date::new(2000, 2, 29).unwrap().days()).to_string(), "2000-02-29");
    /// ```
    pub fn from_days(days: i64) -> Date {
        let days = days.clamp(-719_162, 2_932_896);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date {
            year: y.clamp(1, 9999) as i32,
            month: m as u32,
            day: d as u32,
        }
    }

    /// Add (or subtract) days.
    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days(self.days().saturating_add(n))
    }

    /// Add (or subtract) months, keeping the day when it exists, else the
    /// month's last day.
    ///
    /// ```
    /// use newsmill_dates::date::Date;
    /// assert_eq!(Date::new(2013, 3, 31).unwrap().add_months(-1).to_string(), "2013-02-28");
    /// ```
    pub fn add_months(&self, n: i64) -> Date {
        let total = (i64::from(self.year) * 12 + i64::from(self.month) - 1).saturating_add(n);
        let year = total.div_euclid(12).clamp(1, 9999) as i32;
        let month = (total.rem_euclid(12) + 1) as u32;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(&self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.days() - jan1.days()) / 7 + 1;
        (thursday.year, week as u32)
    }

    /// The ISO week as a TIMEX3 value: `2013-W12`.
    pub fn week_value(&self) -> String {
        let (y, w) = self.iso_week();
        format!("{y:04}-W{w:02}")
    }

    /// Quarter of the year, 1 to 4.
    pub fn quarter(&self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    /// Parse an ISO-ish date at the start of `s`: `2013-03-22`,
    /// `2013-03-22T10:00:00Z`, `20130322`, `2013/03/22`.
    ///
    /// ```
    /// use newsmill_dates::date::Date;
    /// assert_eq!(Date::parse_iso("1998-01-08T12:00").map(|d| d.to_string()), Some("1998-01-08".into()));
    /// assert_eq!(Date::parse_iso("19980108").map(|d| d.to_string()), Some("1998-01-08".into()));
    /// assert_eq!(Date::parse_iso("soon"), None);
    /// ```
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (y, m, d, end) = if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4]
        {
            (num(0..4)?, num(5..7)?, num(8..10)?, 10)
        } else if b.len() >= 8 {
            (num(0..4)?, num(4..6)?, num(6..8)?, 8)
        } else {
            return None;
        };
        if b.get(end).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        Date::new(y as i32, m, d)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_and_weekdays() {
        let d = Date::new(2013, 3, 22).unwrap();
        assert_eq!(d.weekday(), 5);
        assert_eq!(d.week_value(), "2013-W12");
        assert_eq!(Date::new(2010, 1, 3).unwrap().iso_week(), (2009, 53));
        assert_eq!(Date::new(2008, 12, 29).unwrap().iso_week(), (2009, 1));
        for n in [-800_000i64, -1, 0, 1, 10_000, 3_000_000] {
            let d = Date::from_days(n);
            assert!(Date::new(d.year, d.month, d.day).is_some());
        }
    }
}

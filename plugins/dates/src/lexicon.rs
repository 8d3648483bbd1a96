//! Word lists: month and weekday names, number words, units.

/// A time unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The unit of a word, and whether it is plural.
    pub(crate) fn parse(w: &str) -> Option<(Unit, bool)> {
        Some(match w {
            "second" | "sec" => (Unit::Second, false),
            "seconds" | "secs" => (Unit::Second, true),
            "minute" | "min" => (Unit::Minute, false),
            "minutes" | "mins" => (Unit::Minute, true),
            "hour" | "hr" => (Unit::Hour, false),
            "hours" | "hrs" => (Unit::Hour, true),
            "day" => (Unit::Day, false),
            "days" => (Unit::Day, true),
            "week" => (Unit::Week, false),
            "weeks" => (Unit::Week, true),
            "weekend" => (Unit::Weekend, false),
            "weekends" => (Unit::Weekend, true),
            "month" => (Unit::Month, false),
            "months" => (Unit::Month, true),
            "quarter" => (Unit::Quarter, false),
            "quarters" => (Unit::Quarter, true),
            "year" | "yr" => (Unit::Year, false),
            "years" | "yrs" => (Unit::Year, true),
            "decade" => (Unit::Decade, false),
            "decades" => (Unit::Decade, true),
            "century" => (Unit::Century, false),
            "centuries" => (Unit::Century, true),
            _ => return None,
        })
    }

    /// The ISO 8601 duration for `n` units (`None`: an unknown number).
    pub(crate) fn duration(self, n: Option<f64>) -> String {
        let (time, letter, scale) = match self {
            Unit::Second => (true, 'S', 1.0),
            Unit::Minute => (true, 'M', 1.0),
            Unit::Hour => (true, 'H', 1.0),
            Unit::Day => (false, 'D', 1.0),
            Unit::Weekend => (false, 'D', 2.0),
            Unit::Week => (false, 'W', 1.0),
            Unit::Month => (false, 'M', 1.0),
            Unit::Quarter => (false, 'M', 3.0),
            Unit::Year => (false, 'Y', 1.0),
            Unit::Decade => (false, 'Y', 10.0),
            Unit::Century => (false, 'Y', 100.0),
        };
        let t = if time { "T" } else { "" };
        let Some(n) = n else {
            return match self {
                Unit::Decade => "PXDE".to_string(),
                Unit::Century => "PXCE".to_string(),
                _ => format!("P{t}X{letter}"),
            };
        };
        let v = n * scale;
        if v.fract() == 0.0 {
            return format!("P{t}{}{letter}", v as i64);
        }
        // Fractions: 1.5 hours is PT1H30M, 2.5 days P2DT12H; else decimals.
        match self {
            Unit::Hour => format!(
                "PT{}H{}M",
                v.trunc() as i64,
                (v.fract() * 60.0).round() as i64
            ),
            Unit::Minute => format!(
                "PT{}M{}S",
                v.trunc() as i64,
                (v.fract() * 60.0).round() as i64
            ),
            Unit::Year | Unit::Decade | Unit::Century
                if (v.fract() * 12.0 - (v.fract() * 12.0).round()).abs() < 1e-6 =>
            {
                format!(
                    "P{}Y{}M",
                    v.trunc() as i64,
                    (v.fract() * 12.0).round() as i64
                )
            }
            Unit::Day => format!(
                "P{}DT{}H",
                v.trunc() as i64,
                (v.fract() * 24.0).round() as i64
            ),
            _ => {
                let s = format!("{v:.2}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                format!("P{t}{s}{letter}")
            }
        }
    }

    /// The SET value for "every <unit>", "daily", ...
    pub(crate) fn set(self) -> String {
        self.duration(Some(1.0))
    }
}

/// Month number of a month name or abbreviation (lower case).
pub(crate) fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" | "jan." => 1,
        "february" | "feb" | "feb." => 2,
        "march" | "mar." => 3,
        "april" | "apr" | "apr." => 4,
        "may" => 5,
        "june" | "jun" | "jun." => 6,
        "july" | "jul" | "jul." => 7,
        "august" | "aug" | "aug." => 8,
        "september" | "sep." | "sept" | "sept." => 9,
        "october" | "oct" | "oct." => 10,
        "november" | "nov" | "nov." => 11,
        "december" | "dec" | "dec." => 12,
        _ => return None,
    })
}

/// ISO weekday (1 = Monday) of a weekday name (lower case).
pub(crate) fn weekday(w: &str) -> Option<u32> {
    Some(match w {
        "monday" | "mon." => 1,
        "tuesday" | "tues." | "tue." => 2,
        "wednesday" | "wed." => 3,
        "thursday" | "thurs." | "thu." | "thur." => 4,
        "friday" | "fri." => 5,
        "saturday" | "sat." => 6,
        "sunday" | "sun." => 7,
        _ => return None,
    })
}

/// The plural of a weekday name ("mondays"), for sets.
pub(crate) fn weekday_plural(w: &str) -> Option<u32> {
    weekday(w.strip_suffix('s')?)
}

/// A simple number word: "one" ... "twenty", the tens, "a", "an".
pub(crate) fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

/// A number word, hyphenated compounds included ("twenty-four").
pub(crate) fn number_compound(w: &str) -> Option<u32> {
    if let Some(n) = number_word(w) {
        return Some(n);
    }
    let (a, b) = w.split_once('-')?;
    let (a, b) = (number_word(a)?, number_word(b)?);
    (a >= 20 && a % 10 == 0 && b < 10).then_some(a + b)
}

/// An ordinal word or abbreviation: "first", "3rd".
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "sixth" | "6th" => 6,
        "seventh" | "7th" => 7,
        "eighth" | "8th" => 8,
        "ninth" | "9th" => 9,
        "tenth" | "10th" => 10,
        "eleventh" | "11th" => 11,
        "twelfth" | "12th" => 12,
        "nineteenth" | "19th" => 19,
        "twentieth" | "20th" => 20,
        "twenty-first" | "21st" => 21,
        _ => return None,
    })
}

/// A day of the month written "22", "22nd", "3rd".
pub(crate) fn day_number(w: &str) -> Option<u32> {
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A plain number written in digits: "14", "1.5", "1,000".
pub(crate) fn digits(w: &str) -> Option<f64> {
    if w.is_empty() || w.len() > 12 || !w.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    if !w
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    w.replace(',', "").parse().ok()
}

/// A four-digit year, 1000 to 2099.
pub(crate) fn year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1000..=2099).contains(&y).then_some(y)
}

/// A season: its TIMEX3 code.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// A part of the day: its TIMEX3 code.
pub(crate) fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// A time-zone abbreviation that may follow a clock time.
pub(crate) fn time_zone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "et"
            | "pt"
    )
}

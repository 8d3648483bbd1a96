//! Publication dates as pages write them, normalised to ISO 8601.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// Time-zone abbreviations seen in news datelines, with their offsets in
/// seconds east of UTC.
const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("Z", 0),
    ("EST", -5 * 3600),
    ("EDT", -4 * 3600),
    ("CST", -6 * 3600),
    ("CDT", -5 * 3600),
    ("MST", -7 * 3600),
    ("MDT", -6 * 3600),
    ("PST", -8 * 3600),
    ("PDT", -7 * 3600),
    ("BST", 3600),
    ("CET", 3600),
    ("CEST", 2 * 3600),
    ("EET", 2 * 3600),
    ("EEST", 3 * 3600),
    ("MSK", 3 * 3600),
    ("IST", 5 * 3600 + 1800),
    ("JST", 9 * 3600),
    ("KST", 9 * 3600),
    ("AEST", 10 * 3600),
    ("AEDT", 11 * 3600),
];

/// Formats tried after the zone is split off, with a time of day.
const DATETIME_FORMATS: &[&str] = &[
    "%B %d, %Y, %I:%M %p",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %H:%M",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%a, %d %b %Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%a %I:%M %p, %b %d, %Y",
];

/// Formats tried for a date without a time.
const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d.%m.%Y",
    "%Y%m%d",
];

/// `raw` as ISO 8601: `2019-11-19T19:47:00-05:00` when the page gives a
/// time and a zone (offset or abbreviation), `2019-11-19T19:47:00` with a
/// time and no zone, `2019-11-19` with a date only; `None` when it is
/// not a date these formats know.
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim().trim_end_matches('.');
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    let found = normalize_any(s)?;
    // Placeholders ("0001-01-01T00:00:00Z") are no date.
    let year: i32 = found.get(..4)?.parse().ok()?;
    (year >= 1900).then_some(found)
}

fn normalize_any(s: &str) -> Option<String> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(iso(&d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(iso(&d));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%a %b %d %Y %H:%M:%S GMT%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(iso(&d));
        }
    }
    // A trailing zone abbreviation: "November 19, 2019, 07:47 PM EST".
    let (body, zone) = match s.rsplit_once(' ') {
        Some((b, z)) => match ZONES.iter().find(|(n, _)| n.eq_ignore_ascii_case(z)) {
            Some(&(_, off)) => (b.trim_end_matches(',').trim(), FixedOffset::east_opt(off)),
            None => (s, None),
        },
        None => (s, None),
    };
    for f in DATETIME_FORMATS {
        if let Ok(n) = NaiveDateTime::parse_from_str(body, f) {
            return Some(
                match zone.and_then(|z| z.from_local_datetime(&n).single()) {
                    Some(d) => iso(&d),
                    None => n.format("%Y-%m-%dT%H:%M:%S").to_string(),
                },
            );
        }
    }
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(body, f).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn iso(d: &DateTime<FixedOffset>) -> String {
    d.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn dates_as_pages_write_them_become_iso_8601_with_their_offset() {
        for (raw, want) in [
            (
                "November 19, 2019, 07:47 PM EST",
                "2019-11-19T19:47:00-05:00",
            ),
            (
                "Mon, 18 Nov 2019 16:07:38 -0600",
                "2019-11-18T16:07:38-06:00",
            ),
            ("2019-11-19T19:47:00Z", "2019-11-19T19:47:00+00:00"),
            ("2019-11-19T19:47:00+0100", "2019-11-19T19:47:00+01:00"),
            ("2019-11-19T19:47:00", "2019-11-19T19:47:00"),
            ("2019-11-19", "2019-11-19"),
            ("Nov 5, 2023", "2023-11-05"),
            ("5 November 2023 14:02 GMT", "2023-11-05T14:02:00+00:00"),
            (
                "Tue Nov 19 2019 03:05:46 GMT+0000",
                "2019-11-19T03:05:46+00:00",
            ),
            ("Fri 6:45 PM, Feb 16, 2018", "2018-02-16T18:45:00"),
        ] {
            assert_eq!(normalize(raw).as_deref(), Some(want), "{raw}");
        }
        for bad in [
            "",
            "yesterday",
            "0001-01-01T00:00:00Z",
            "2019-13-45",
            "x".repeat(200).as_str(),
        ] {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}

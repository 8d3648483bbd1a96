//! The article's language, found once in the core analysis before any
//! extractor runs: [whatlang](https://docs.rs/whatlang) (trigram-based,
//! 69 languages) over a bounded sample of the analysed paragraphs (the
//! first [`SAMPLE_BYTES`] bytes, cut at a character boundary; boilerplate
//! and repeated paragraphs are left out). When whatlang is not sure and
//! the page declares its language (`<html lang>`, HTML input), the
//! declaration wins.
//!
//! ```
//! let l = newsmill_core::language::detect("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.").unwrap();
//! assert_eq!(l.code, "fr");
//! ```

use serde::{Deserialize, Serialize};

/// Most bytes of analysed text handed to the detector: a couple of
/// kilobytes decide the language; more only costs time.
pub const SAMPLE_BYTES: usize = 2048;

/// Fewest letters of analysed text for a verdict from the text alone.
pub const MIN_LETTERS: usize = 12;

/// An article's language: the record's `language` field.
///
/// ```
/// let l = newsmill_core::Language { code: "de".into(), confidence: 0.98, reliable: true };
/// assert_eq!(serde_json::to_value(&l).unwrap()["code"], "de");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code (`en`), or the ISO 639-3 code where the language
    /// has none; from a page declaration, its primary subtag lower-cased.
    pub code: String,
    /// Confidence, 0 to 1 (rounded to 3 decimals).
    pub confidence: f64,
    /// Whether the verdict is reliable: whatlang's reliability flag, or a
    /// page declaration that the text does not contradict.
    pub reliable: bool,
}

/// What whatlang makes of a text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code, or ISO 639-3 where there is none.
    pub code: &'static str,
    /// ISO 639-3 code.
    pub iso639_3: &'static str,
    /// Confidence, 0 to 1.
    pub confidence: f64,
    /// whatlang's reliability flag.
    pub reliable: bool,
}

/// Detect the language of `text` (whatlang); `None` when there is no
/// letter to judge by.
///
/// ```
/// assert_eq!(newsmill_core::language::detect("Die Regierung hat am Dienstag eine neue Reform angekündigt.").unwrap().code, "de");
/// ```
pub fn detect(text: &str) -> Option<Detection> {
    let info = whatlang::detect(text)?;
    let iso3 = info.lang().code();
    Some(Detection {
        code: iso639_1(iso3).unwrap_or(iso3),
        iso639_3: iso3,
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// The primary subtag of a declared language (`en-GB` -> `en`), when it
/// looks like an ISO 639 code.
///
/// ```
/// assert_eq!(newsmill_core::language::declared_code("en-GB"), Some("en".to_string()));
/// assert_eq!(newsmill_core::language::declared_code("not a language"), None);
/// ```
pub fn declared_code(declared: &str) -> Option<String> {
    let primary = declared.trim().split(['-', '_']).next()?;
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The language of an analysed text: `sample` is the bounded sample of
/// its analysed paragraphs, `declared` the page's declared language.
/// `None` only when the sample has no letters to judge by and nothing is
/// declared.
///
/// ```
/// use newsmill_core::language::decide;
/// assert_eq!(decide("Shares rose sharply on Tuesday after the central bank held rates.", None).unwrap().code, "en");
/// assert_eq!(decide("", Some("fr-FR")).unwrap().code, "fr");
/// assert!(decide("", None).is_none());
/// ```
pub fn decide(sample: &str, declared: Option<&str>) -> Option<Language> {
    let declared = declared.and_then(declared_code);
    let letters = sample
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(MIN_LETTERS)
        .count();
    let found = if letters > 0 { detect(sample) } else { None };
    let round = |c: f64| (c * 1000.0).round() / 1000.0;
    match (found, declared) {
        (Some(d), _) if d.reliable && letters >= MIN_LETTERS => Some(Language {
            code: d.code.to_string(),
            confidence: round(d.confidence),
            reliable: true,
        }),
        // Not sure from the text: the page's own declaration decides; it
        // is reliable when the text's best guess agrees.
        (found, Some(code)) => Some(Language {
            reliable: found.is_some_and(|d| d.code == code),
            confidence: round(
                found
                    .filter(|d| d.code == code)
                    .map_or(0.0, |d| d.confidence),
            ),
            code,
        }),
        (Some(d), None) => Some(Language {
            code: d.code.to_string(),
            confidence: round(d.confidence),
            reliable: false,
        }),
        (None, None) => None,
    }
}

/// The first [`SAMPLE_BYTES`] bytes of the given spans of `text`, joined
/// by newlines, cut at a character boundary, into `buf` (cleared first).
pub fn sample_into<'a>(
    text: &str,
    spans: impl Iterator<Item = crate::Span>,
    buf: &'a mut String,
) -> &'a str {
    buf.clear();
    for s in spans {
        let Some(t) = text.get(s.start as usize..s.end as usize) else {
            continue;
        };
        if !buf.is_empty() {
            buf.push('\n');
        }
        let room = SAMPLE_BYTES.saturating_sub(buf.len());
        let mut cut = t.len().min(room);
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        buf.push_str(&t[..cut]);
        if buf.len() >= SAMPLE_BYTES {
            break;
        }
    }
    buf.as_str()
}

/// ISO 639-3 to ISO 639-1 for the languages whatlang knows.
///
/// ```
/// assert_eq!(newsmill_core::language::iso639_1("rus"), Some("ru"));
/// assert_eq!(newsmill_core::language::iso639_1("xyz"), None);
/// ```
pub fn iso639_1(iso3: &str) -> Option<&'static str> {
    Some(match iso3 {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => return None,
    })
}

/// Every ISO 639-3 code whatlang can answer.
pub const ALL_ISO3: &[&str] = &[
    "afr", "aka", "amh", "ara", "aze", "bel", "ben", "bul", "cat", "ces", "cmn", "cym", "dan",
    "deu", "ell", "eng", "epo", "est", "fin", "fra", "guj", "heb", "hin", "hrv", "hun", "hye",
    "ind", "ita", "jav", "jpn", "kan", "kat", "khm", "kor", "lat", "lav", "lit", "mal", "mar",
    "mkd", "mya", "nep", "nld", "nob", "ori", "pan", "pes", "pol", "por", "ron", "rus", "sin",
    "slk", "slv", "sna", "spa", "srp", "swe", "tam", "tel", "tgl", "tha", "tuk", "tur", "ukr",
    "urd", "uzb", "vie", "yid", "zul",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whatlang_language_has_a_two_letter_code() {
        for iso3 in ALL_ISO3 {
            assert!(iso639_1(iso3).is_some(), "{iso3}");
        }
    }

    #[test]
    fn a_declaration_decides_only_when_the_text_is_unsure() {
        let german = "Die Regierung hat am Dienstag eine neue Reform der Renten angekündigt, sagte der Minister.";
        // The text is clear: a wrong declaration does not override it.
        let l = decide(german, Some("en")).unwrap();
        assert_eq!((l.code.as_str(), l.reliable), ("de", true));
        // Too little text: the declaration wins.
        let l = decide("Ok.", Some("de-AT")).unwrap();
        assert_eq!((l.code.as_str(), l.reliable), ("de", false));
        assert_eq!(decide("2024 1 2", None), None);
    }
}

//! The article's language, found once in the core analysis before any
//! extractor runs: [whatlang](https://docs.rs/whatlang) (trigram-based,
//! 69 languages) over a bounded sample of the analysed paragraphs (the
//! first [`SAMPLE_BYTES`] bytes, cut at a character boundary; boilerplate
//! and repeated paragraphs are left out), with
//! [whichlang](https://docs.rs/whichlang) for texts under [`SHORT_CHARS`]
//! characters (see [`detect`]; the comparison that chose them is
//! `newsmill eval language`, figures in `docs/languages.md`). When the
//! verdict is not reliable and the page declares its language (`<html
//! lang>`, HTML input), the declaration wins.
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
/// use newsmill_core::language::{Language, LanguageSource};
/// let l = Language { code: "de".into(), confidence: 0.98, reliable: true, source: LanguageSource::Text };
/// let v = serde_json::to_value(&l).unwrap();
/// assert_eq!((v["code"].as_str(), v["source"].as_str()), (Some("de"), Some("text")));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code (`en`), or the ISO 639-3 code where the language
    /// has none; from a page declaration, its primary subtag lower-cased.
    pub code: String,
    /// The detector's confidence in `code`, 0 to 1 (rounded to 3
    /// decimals); 0 when the text's best guess was another language.
    pub confidence: f64,
    /// Whether the verdict is reliable: the detector's reliability flag, or
    /// a page declaration that the text's best guess agrees with.
    pub reliable: bool,
    /// Where `code` came from.
    pub source: LanguageSource,
}

/// Where an article's language code came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSource {
    /// The detector, from the text.
    Text,
    /// The page's own declaration (`<html lang>`, JSON-LD, `og:locale`),
    /// taken because the text alone was not decisive.
    Declared,
    /// The run's default language (`--default-language`), taken because
    /// the text was not decisive, nothing was declared, and the text is in
    /// that language's script.
    Default,
}

impl LanguageSource {
    /// The lower-case name, as in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageSource::Text => "text",
            LanguageSource::Declared => "declared",
            LanguageSource::Default => "default",
        }
    }
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

/// Most bytes of a text the detectors read (cut back to a character
/// boundary): whatlang's cost grows with the text, and on the comparison
/// of `docs/languages.md` its verdicts on 400 bytes are as right as on
/// 2 KB. This is what keeps the language stage under 30 µs per article.
pub const DETECT_BYTES: usize = 400;

/// Texts shorter than this many characters are judged with whichlang as
/// well as whatlang (see [`detect`]).
pub const SHORT_CHARS: usize = 200;

/// The languages whichlang knows (ISO 639-3).
pub const WHICHLANG_ISO3: &[&str] = &[
    "ara", "cmn", "deu", "eng", "fra", "hin", "ita", "jpn", "kor", "nld", "por", "rus", "spa",
    "swe", "tur", "vie",
];

/// Detect the language of `text` (its first [`DETECT_BYTES`] bytes);
/// `None` when there is no letter to judge by. Texts of [`SHORT_CHARS`]
/// characters or more: whatlang (69
/// languages). Shorter texts: whichlang (16 major languages, right far
/// more often than whatlang on a line or a sentence, see
/// `docs/languages.md`), unless its language is not written in the text's
/// script (Greek, Hebrew, Thai, ... are whatlang's) or whatlang is
/// reliable about a language whichlang does not know (Indonesian,
/// Ukrainian, ...). When whichlang overrules whatlang the verdict is not
/// reliable and its confidence is 0 (whichlang gives none).
///
/// ```
/// assert_eq!(newsmill_core::language::detect("Die Regierung hat am Dienstag eine neue Reform angekündigt.").unwrap().code, "de");
/// // A short English line whatlang alone takes for another language.
/// assert_eq!(newsmill_core::language::detect("Read more about our privacy policy").unwrap().code, "en");
/// assert!(newsmill_core::language::detect("2024 - 12").is_none());
/// ```
pub fn detect(text: &str) -> Option<Detection> {
    judge(text).map(|(d, _)| d)
}

/// [`detect`], with whatlang's own verdict (its script decides the
/// default language).
fn judge(text: &str) -> Option<(Detection, whatlang::Info)> {
    let mut cut = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let info = whatlang::detect(text)?;
    let d = detection(&info);
    if text.chars().take(SHORT_CHARS).count() >= SHORT_CHARS {
        return Some((d, info));
    }
    let w = whichlang::detect_language(text).three_letter_code();
    let in_script =
        whatlang::Lang::from_code(w).is_some_and(|l| info.script().langs().contains(&l));
    let whatlang_sure_elsewhere = info.is_reliable() && !WHICHLANG_ISO3.contains(&d.iso639_3);
    if w == d.iso639_3 || !in_script || whatlang_sure_elsewhere {
        return Some((d, info));
    }
    let d = Detection {
        code: iso639_1(w).unwrap_or(w),
        iso639_3: w,
        confidence: 0.0,
        reliable: false,
    };
    Some((d, info))
}

fn detection(info: &whatlang::Info) -> Detection {
    let iso3 = info.lang().code();
    Detection {
        code: iso639_1(iso3).unwrap_or(iso3),
        iso639_3: iso3,
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    }
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
/// its analysed paragraphs, `declared` the page's declared language,
/// `default` the run's default language. In order:
/// 1. a reliable verdict from a text of at least [`MIN_LETTERS`] letters;
/// 2. else the page's declaration (reliable when the text's guess agrees);
/// 3. else the default language, when the text is written in its script
///    (a short Latin-script line is taken as English by default; a short
///    Cyrillic one is not); not reliable;
/// 4. else the detector's guess, not reliable.
///
/// `None` only when the sample has no letters and nothing is declared.
///
/// ```
/// use newsmill_core::language::{decide, LanguageSource};
/// let l = decide("Shares rose sharply on Tuesday after the central bank held rates.", None, None).unwrap();
/// assert_eq!((l.code.as_str(), l.reliable), ("en", true));
/// assert_eq!(decide("", Some("fr-FR"), None).unwrap().code, "fr");
/// let short = decide("Telegram raised $5m.", None, Some("en")).unwrap();
/// assert_eq!((short.code.as_str(), short.reliable, short.source), ("en", false, LanguageSource::Default));
/// let cyrillic = decide("Кремль отказался.", None, Some("en")).unwrap();
/// assert_eq!((cyrillic.code.as_str(), cyrillic.source), ("ru", LanguageSource::Text));
/// assert!(decide("", None, Some("en")).is_none());
/// ```
pub fn decide(sample: &str, declared: Option<&str>, default: Option<&str>) -> Option<Language> {
    let declared = declared.and_then(declared_code);
    let letters = sample
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(MIN_LETTERS)
        .count();
    let judged = if letters > 0 { judge(sample) } else { None };
    let found = judged.as_ref().map(|(d, _)| *d);
    let info = judged.map(|(_, i)| i);
    let round = |c: f64| (c * 1000.0).round() / 1000.0;
    let agreeing = |code: &str| {
        found
            .filter(|d| d.code == code)
            .map_or(0.0, |d| round(d.confidence))
    };
    if let Some(d) = found.filter(|d| d.reliable && letters >= MIN_LETTERS) {
        return Some(Language {
            code: d.code.to_string(),
            confidence: round(d.confidence),
            reliable: true,
            source: LanguageSource::Text,
        });
    }
    if let Some(code) = declared {
        return Some(Language {
            reliable: found.is_some_and(|d| d.code == code),
            confidence: agreeing(&code),
            code,
            source: LanguageSource::Declared,
        });
    }
    let info = info?;
    let default = default.and_then(whatlang_lang);
    if let Some(lang) = default.filter(|l| info.script().langs().contains(l)) {
        let code = iso639_1(lang.code()).unwrap_or(lang.code());
        return Some(Language {
            confidence: agreeing(code),
            code: code.to_string(),
            reliable: false,
            source: LanguageSource::Default,
        });
    }
    found.map(|d| Language {
        code: d.code.to_string(),
        confidence: round(d.confidence),
        reliable: false,
        source: LanguageSource::Text,
    })
}

/// whatlang's language for an ISO 639-1 or 639-3 code.
fn whatlang_lang(code: &str) -> Option<whatlang::Lang> {
    let code = code.trim().to_ascii_lowercase();
    whatlang::Lang::from_code(code.as_str()).or_else(|| {
        ALL_ISO3
            .iter()
            .find(|iso3| iso639_1(iso3) == Some(code.as_str()))
            .and_then(|iso3| whatlang::Lang::from_code(*iso3))
    })
}

/// Whether `code` names a language the detector knows (ISO 639-1 or 639-3).
///
/// ```
/// assert!(newsmill_core::language::is_known("de") && newsmill_core::language::is_known("deu"));
/// assert!(!newsmill_core::language::is_known("xx"));
/// ```
pub fn is_known(code: &str) -> bool {
    whatlang_lang(code).is_some()
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
        let l = decide(german, Some("en"), None).unwrap();
        assert_eq!((l.code.as_str(), l.reliable), ("de", true));
        // Too little text: the declaration wins.
        let l = decide("Ok.", Some("de-AT"), Some("en")).unwrap();
        assert_eq!((l.code.as_str(), l.reliable), ("de", false));
        assert_eq!(decide("2024 1 2", None, Some("en")), None);
    }
}

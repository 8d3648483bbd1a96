//! The `language` extractor: the article's language as an ISO 639-1 code
//! with a confidence, from [whatlang](https://docs.rs/whatlang) (fast,
//! trigram-based, 69 languages), run over the analysed paragraphs only
//! (boilerplate and repeats left out).
//!
//! Output, one annotation about the whole document:
//! `"language": [{"label": "en", "confidence": 0.99, "name": "English", "iso639_3": "eng", "reliable": true}]`;
//! an empty list when the text is too short or mixed to tell.
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_language::{Language, detect};
//! assert_eq!(detect("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.").map(|d| d.code), Some("fr"));
//! ```

use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// What was detected.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code (`en`), or the ISO 639-3 code where the language has
    /// no two-letter code.
    pub code: &'static str,
    /// ISO 639-3 code (`eng`).
    pub iso639_3: &'static str,
    /// English name.
    pub name: &'static str,
    /// Confidence, 0 to 1.
    pub confidence: f64,
    /// whatlang's reliability flag.
    pub reliable: bool,
}

/// Detect the language of `text`.
///
/// ```
/// assert_eq!(newsmill_language::detect("Die Regierung hat am Dienstag eine neue Reform angekündigt.").unwrap().code, "de");
/// ```
pub fn detect(text: &str) -> Option<Detection> {
    let info = whatlang::detect(text)?;
    let iso3 = info.lang().code();
    Some(Detection {
        code: iso639_1(iso3).unwrap_or(iso3),
        iso639_3: iso3,
        name: info.lang().eng_name(),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// ISO 639-3 to ISO 639-1 for the languages whatlang knows.
///
/// ```
/// assert_eq!(newsmill_language::iso639_1("rus"), Some("ru"));
/// assert_eq!(newsmill_language::iso639_1("xyz"), None);
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

/// Most bytes of analysed text handed to the detector: a few kilobytes
/// decide the language; more only costs time.
const SAMPLE_BYTES: usize = 2048;

/// Fewest letters of analysed text for a verdict.
const MIN_LETTERS: usize = 12;

/// The `language` extractor.
#[derive(Debug)]
pub struct Language {
    confidence: u32,
    name: u32,
    iso639_3: u32,
    reliable: u32,
    vocab_labels: Vec<(&'static str, u32)>,
    min_confidence: f64,
}

impl Extractor for Language {
    const NAME: &'static str = "language";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "paragraphs";
    const DESCRIPTION: &'static str = "language (ISO 639-1) and confidence, by whatlang";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        // Resolve every possible label once, here.
        let mut vocab_labels = Vec::new();
        for iso3 in ALL_ISO3 {
            let code = iso639_1(iso3).unwrap_or(iso3);
            vocab_labels.push((code, setup.intern(code)));
        }
        Ok(Language {
            confidence: setup.intern("confidence"),
            name: setup.intern("name"),
            iso639_3: setup.intern("iso639_3"),
            reliable: setup.intern("reliable"),
            vocab_labels,
            min_confidence: setup.get::<f64>("min_confidence")?.unwrap_or(0.0),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        // The analysed paragraphs, up to SAMPLE_BYTES, without copying when
        // one span covers them.
        let mut sample = String::new();
        for p in doc.paragraphs.iter().filter(|p| p.kind.is_analysed()) {
            let Some(t) = doc.text.get(p.start as usize..p.end as usize) else {
                continue;
            };
            if !sample.is_empty() {
                sample.push('\n');
            }
            let room = SAMPLE_BYTES.saturating_sub(sample.len());
            let mut cut = t.len().min(room);
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            sample.push_str(&t[..cut]);
            if sample.len() >= SAMPLE_BYTES {
                break;
            }
        }
        // A word or two is no evidence: whatlang would still guess.
        if sample
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(MIN_LETTERS)
            .count()
            < MIN_LETTERS
        {
            return Ok(());
        }
        let Some(d) = detect(&sample) else {
            return Ok(());
        };
        if d.confidence < self.min_confidence {
            return Ok(());
        }
        let Some(&(_, label)) = self.vocab_labels.iter().find(|(c, _)| *c == d.code) else {
            return Ok(());
        };
        out.document(label)
            .num(self.confidence, (d.confidence * 1000.0).round() / 1000.0)
            .str(self.name, d.name)
            .str(self.iso639_3, d.iso639_3)
            .flag(self.reliable, d.reliable)
            .emit()
    }
}

const ALL_ISO3: &[&str] = &[
    "afr", "aka", "amh", "ara", "aze", "bel", "ben", "bul", "cat", "ces", "cmn", "cym", "dan",
    "deu", "ell", "eng", "epo", "est", "fin", "fra", "guj", "heb", "hin", "hrv", "hun", "hye",
    "ind", "ita", "jav", "jpn", "kan", "kat", "khm", "kor", "lat", "lav", "lit", "mal", "mar",
    "mkd", "mya", "nep", "nld", "nob", "ori", "pan", "pes", "pol", "por", "ron", "rus", "sin",
    "slk", "slv", "sna", "spa", "srp", "swe", "tam", "tel", "tgl", "tha", "tuk", "tur", "ukr",
    "urd", "uzb", "vie", "yid", "zul",
];

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(Language);

#[cfg(test)]
mod tests {
    use super::*;

    fn language_of(text: &str) -> Option<(String, f64)> {
        let found = newsmill_sdk::testing::run::<Language>(text).unwrap();
        let a = found.first()?;
        Some((a["label"].as_str()?.to_string(), a["confidence"].as_f64()?))
    }

    #[test]
    fn short_paragraphs_in_five_languages() {
        let cases = [
            (
                "Markets rally\n\nShares rose sharply on Tuesday after the central bank said it would hold interest rates steady for the rest of the year.",
                "en",
            ),
            (
                "Les marchés progressent\n\nLes actions ont fortement progressé mardi après que la banque centrale a annoncé qu'elle maintiendrait ses taux d'intérêt.",
                "fr",
            ),
            (
                "Märkte legen zu\n\nDie Aktien stiegen am Dienstag deutlich, nachdem die Zentralbank erklärt hatte, die Zinsen für den Rest des Jahres stabil zu halten.",
                "de",
            ),
            (
                "Los mercados suben\n\nLas acciones subieron con fuerza el martes después de que el banco central dijera que mantendría los tipos de interés sin cambios.",
                "es",
            ),
            (
                "Рынки растут\n\nВо вторник акции резко выросли после того, как центральный банк заявил, что сохранит процентные ставки до конца года.",
                "ru",
            ),
        ];
        for (text, code) in cases {
            let (got, conf) = language_of(text).unwrap();
            assert_eq!(got, code, "{text}");
            assert!(conf > 0.5, "{text}: {conf}");
        }
    }

    #[test]
    fn boilerplate_is_left_out_and_empty_text_gives_nothing() {
        assert_eq!(language_of("x").map(|(c, _)| c), None);
        assert_eq!(language_of("Title\n\nOk.").map(|(c, _)| c), None);
        // Only a title of digits: nothing to tell.
        assert_eq!(language_of("2024 1 2 3").map(|(c, _)| c), None);
    }

    #[test]
    fn every_whatlang_language_maps_to_a_label() {
        for iso3 in ALL_ISO3 {
            assert!(iso639_1(iso3).is_some(), "{iso3}");
        }
    }
}

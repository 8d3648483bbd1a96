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

/// [`detect`], with the text's script (it decides the default language).
fn judge(text: &str) -> Option<(Detection, whatlang::Script)> {
    let mut cut = text.len().min(DETECT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let long = text.chars().take(SHORT_CHARS).count() >= SHORT_CHARS;
    if long {
        let script = whatlang::detect_script(text)?;
        if script == whatlang::Script::Latin
            && let Some(d) = stop_word_agreement(text)
        {
            return Some((d, script));
        }
    }
    let info = whatlang::detect(text)?;
    let d = detection(&info);
    if long {
        return Some((d, info.script()));
    }
    let w = whichlang::detect_language(text).three_letter_code();
    let in_script =
        whatlang::Lang::from_code(w).is_some_and(|l| info.script().langs().contains(&l));
    let whatlang_sure_elsewhere = info.is_reliable() && !WHICHLANG_ISO3.contains(&d.iso639_3);
    if w == d.iso639_3 || !in_script || whatlang_sure_elsewhere {
        return Some((d, info.script()));
    }
    let d = Detection {
        code: iso639_1(w).unwrap_or(w),
        iso639_3: w,
        confidence: 0.0,
        reliable: false,
    };
    Some((d, info.script()))
}

/// Fewest stop words of whichlang's language a Latin-script text must hold
/// for the fast verdict (see [`stop_word_agreement`]).
pub const MIN_STOP_HITS: u32 = 8;

/// How many times more stop words whichlang's language must match than any
/// other language for the fast verdict.
pub const STOP_MARGIN: u32 = 2;

/// The stop-word lists of the `stop-words` crate (stopwords-iso, 58
/// languages): each word with the set of languages that list it (bit `i`
/// is `LISTS[i]`).
struct StopWords {
    codes: Vec<&'static str>,
    words: std::collections::HashMap<&'static str, u64>,
}

static STOP_WORDS: std::sync::LazyLock<StopWords> = std::sync::LazyLock::new(|| {
    let codes: Vec<&'static str> = stop_words::available_languages()
        .iter()
        .copied()
        .filter(|c| stop_words::lookup(c).is_some())
        .take(64)
        .collect();
    let mut words = std::collections::HashMap::new();
    for (i, code) in codes.iter().enumerate() {
        for w in stop_words::lookup(code).unwrap_or_default() {
            *words.entry(*w).or_insert(0u64) |= 1 << i;
        }
    }
    StopWords { codes, words }
});

/// The bit of `code`'s stop-word list (stopwords-iso, through the
/// `stop-words` crate) in the masks [`stop_word_lists`] returns; `None`
/// when there is no list for that language.
///
/// ```
/// use newsmill_core::language::{stop_list_bit, stop_word_lists};
/// let de = stop_list_bit("de").unwrap();
/// assert!(stop_word_lists("und") & de != 0);
/// assert!(stop_word_lists("bundestag") & de == 0);
/// assert!(stop_list_bit("xx").is_none());
/// ```
pub fn stop_list_bit(code: &str) -> Option<u64> {
    STOP_WORDS
        .codes
        .iter()
        .position(|c| *c == code)
        .map(|i| 1u64 << i)
}

/// The stop-word lists (bits, see [`stop_list_bit`]) that hold `word`,
/// which must be lower case; 0 when none does.
///
/// ```
/// let en = newsmill_core::language::stop_list_bit("en").unwrap();
/// assert!(newsmill_core::language::stop_word_lists("the") & en != 0);
/// ```
pub fn stop_word_lists(word: &str) -> u64 {
    STOP_WORDS.words.get(word).copied().unwrap_or(0)
}

/// The fast verdict on a Latin-script text of [`SHORT_CHARS`] characters or
/// more, where whatlang weighs some forty languages' trigram profiles
/// (about 70 µs): whichlang's language (a linear model, a few µs), taken
/// only when the text's words agree with it: at least [`MIN_STOP_HITS`] of
/// them are on that language's stop-word list and at least
/// [`STOP_MARGIN`] times as many as on any other language's list (58
/// languages, among them the ones whichlang does not know: Indonesian,
/// Polish, Danish, Catalan, ...). Otherwise `None`, and whatlang decides.
/// The confidence is one minus the ratio of the runner-up's hits to the
/// language's own.
fn stop_word_agreement(text: &str) -> Option<Detection> {
    let w = whichlang::detect_language(text).three_letter_code();
    let code = iso639_1(w)?;
    let sw = &*STOP_WORDS;
    let own = sw.codes.iter().position(|c| *c == code)?;
    let mut hits = [0u32; 64];
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        let key = if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            word
        };
        let Some(&mask) = sw.words.get(key) else {
            continue;
        };
        let mut m = mask;
        while m != 0 {
            hits[m.trailing_zeros() as usize] += 1;
            m &= m - 1;
        }
    }
    let best = hits[own];
    let runner_up = hits
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != own)
        .map(|(_, h)| *h)
        .max()
        .unwrap_or(0);
    (best >= MIN_STOP_HITS && best >= STOP_MARGIN * runner_up).then(|| Detection {
        code,
        iso639_3: w,
        confidence: 1.0 - f64::from(runner_up) / f64::from(best),
        reliable: true,
    })
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
    let script = judged.map(|(_, s)| s);
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
    let script = script?;
    let default = default.and_then(whatlang_lang);
    if let Some(lang) = default.filter(|l| script.langs().contains(l)) {
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

    /// Paragraphs of 200 characters or more, written for this test, in
    /// languages whichlang knows (the fast verdict may decide) and in ones
    /// it does not (whatlang must decide): each gets its own language.
    #[test]
    fn long_paragraphs_get_their_language_known_to_whichlang_or_not() {
        let cases: &[(&str, &str)] = &[
            (
                "en",
                "The government on Tuesday unveiled a new plan to repair roads and bridges in several regions. According to the transport minister, the work will begin next month and last two years, but some opposition lawmakers are asking where the money for such a large project will come from.",
            ),
            (
                "de",
                "Die Regierung hat am Dienstag einen neuen Plan zur Sanierung von Straßen und Brücken in mehreren Bundesländern vorgestellt. Nach Angaben des Verkehrsministers sollen die Arbeiten im kommenden Monat beginnen und zwei Jahre dauern, doch einige Abgeordnete der Opposition fragen, woher das Geld für ein so großes Projekt kommen soll.",
            ),
            (
                "nl",
                "De regering heeft dinsdag een nieuw plan gepresenteerd om wegen en bruggen in verschillende provincies te herstellen. Volgens de minister van verkeer beginnen de werkzaamheden volgende maand en duren ze twee jaar, maar enkele Kamerleden van de oppositie vragen zich af waar het geld voor zo'n groot project vandaan moet komen.",
            ),
            (
                "fr",
                "Le gouvernement a présenté mardi un nouveau plan pour réparer les routes et les ponts dans plusieurs départements. Selon le ministre des transports, les travaux commenceront le mois prochain et dureront deux ans, mais plusieurs députés de l'opposition se demandent d'où viendra l'argent pour un projet aussi important.",
            ),
            (
                "sv",
                "Regeringen presenterade på tisdagen en ny plan för att reparera vägar och broar i flera län. Enligt infrastrukturministern ska arbetet börja nästa månad och pågå i två år, men flera riksdagsledamöter från oppositionen frågar var pengarna till ett så stort projekt ska komma ifrån.",
            ),
            (
                "tr",
                "Hükümet salı günü birçok ildeki yolların ve köprülerin onarımı için yeni bir plan açıkladı. Ulaştırma bakanına göre çalışmalar gelecek ay başlayacak ve iki yıl sürecek, ancak bazı muhalefet milletvekilleri bu kadar büyük bir proje için paranın nereden geleceğini soruyor.",
            ),
            (
                "es",
                "El gobierno presentó el martes un nuevo plan para reparar carreteras y puentes en varias provincias. Según el ministro de transportes, las obras comenzarán el mes que viene y durarán dos años, pero algunos diputados de la oposición se preguntan de dónde saldrá el dinero para un proyecto tan grande.",
            ),
            (
                "it",
                "Il governo ha presentato martedì un nuovo piano per riparare strade e ponti in diverse regioni. Secondo il ministro dei trasporti, i lavori inizieranno il mese prossimo e dureranno due anni, ma alcuni deputati dell'opposizione si chiedono da dove arriveranno i soldi per un progetto così grande.",
            ),
            (
                "pt",
                "O governo apresentou na terça-feira um novo plano para reparar estradas e pontes em vários estados. Segundo o ministro dos transportes, as obras vão começar no próximo mês e durar dois anos, mas alguns deputados da oposição perguntam de onde virá o dinheiro para um projeto tão grande.",
            ),
            (
                "da",
                "Regeringen fremlagde i går et nyt forslag til en reform af pensionssystemet. Ifølge finansministeren skal reformen sikre, at der også er penge til de kommende generationer, men oppositionen kalder planen urimelig og vil stemme imod, når forslaget kommer til afstemning i Folketinget efter sommerferien.",
            ),
            (
                "nb",
                "Regjeringen la i går fram et nytt forslag om endringer i pensjonssystemet. Ifølge finansministeren skal endringene sikre at det også finnes penger til kommende generasjoner, men opposisjonen mener planen er urettferdig og vil stemme imot når saken kommer opp i Stortinget etter sommeren.",
            ),
            (
                "id",
                "Pemerintah pada hari Selasa mengumumkan rencana baru untuk memperbaiki jalan dan jembatan di beberapa provinsi. Menurut menteri pekerjaan umum, proyek tersebut akan dimulai bulan depan dan diharapkan selesai dalam dua tahun, meskipun sejumlah anggota parlemen mempertanyakan sumber dananya.",
            ),
            (
                "pl",
                "Rząd przedstawił we wtorek nowy plan naprawy dróg i mostów w kilku województwach. Według ministra infrastruktury prace mają się rozpocząć w przyszłym miesiącu i potrwać dwa lata, jednak część posłów opozycji pyta, skąd mają pochodzić pieniądze na tak duży projekt.",
            ),
            (
                "ca",
                "El govern va presentar dimarts un nou pla per reparar carreteres i ponts en diverses comarques. Segons el conseller de territori, les obres començaran el mes que ve i duraran dos anys, però alguns diputats de l'oposició pregunten d'on sortiran els diners per a un projecte tan gran.",
            ),
            (
                "cs",
                "Vláda v úterý představila nový plán na opravu silnic a mostů v několika krajích. Podle ministra dopravy mají práce začít příští měsíc a potrvat dva roky, ale někteří poslanci opozice se ptají, odkud se na tak velký projekt vezmou peníze a kdo za zpoždění ponese odpovědnost.",
            ),
            (
                "ro",
                "Guvernul a prezentat marți un nou plan pentru repararea drumurilor și a podurilor din mai multe județe. Potrivit ministrului transporturilor, lucrările vor începe luna viitoare și vor dura doi ani, însă unii parlamentari din opoziție întreabă de unde vor veni banii pentru un proiect atât de mare.",
            ),
            (
                "hu",
                "A kormány kedden új tervet mutatott be az utak és hidak felújítására több megyében. A közlekedési miniszter szerint a munkák a jövő hónapban kezdődnek és két évig tartanak, de néhány ellenzéki képviselő azt kérdezi, honnan lesz pénz egy ilyen nagy beruházásra.",
            ),
            (
                "fi",
                "Hallitus esitteli tiistaina uuden suunnitelman teiden ja siltojen korjaamiseksi useissa maakunnissa. Liikenneministerin mukaan työt alkavat ensi kuussa ja kestävät kaksi vuotta, mutta osa oppositiona olevista kansanedustajista kysyy, mistä rahat näin suureen hankkeeseen tulevat.",
            ),
            (
                "hr",
                "Vlada je u utorak predstavila novi plan za popravak cesta i mostova u nekoliko županija. Prema riječima ministra prometa, radovi bi trebali početi idući mjesec i trajati dvije godine, no neki zastupnici oporbe pitaju odakle će doći novac za tako velik projekt.",
            ),
            (
                "sk",
                "Vláda v utorok predstavila nový plán na opravu ciest a mostov v niekoľkých krajoch. Podľa ministra dopravy sa majú práce začať budúci mesiac a potrvať dva roky, no niektorí poslanci opozície sa pýtajú, odkiaľ sa na taký veľký projekt vezmú peniaze a kto bude zodpovedať za meškanie.",
            ),
            (
                "tl",
                "Inihayag ng pamahalaan noong Martes ang isang bagong plano para ayusin ang mga kalsada at tulay sa ilang lalawigan. Ayon sa kalihim ng mga pampublikong gawain, magsisimula ang proyekto sa susunod na buwan at matatapos sa loob ng dalawang taon, ngunit nagtatanong ang ilang mambabatas kung saan manggagaling ang pondo.",
            ),
        ];
        for (code, text) in cases {
            assert!(text.chars().count() >= SHORT_CHARS, "{code}");
            let d = detect(text).unwrap();
            assert_eq!(d.code, *code, "{text}");
            assert!(d.reliable, "{code}: {d:?}");
        }
    }

    /// The fast verdict decides English, German and Dutch news; languages
    /// whichlang does not know never pass its stop-word check.
    #[test]
    fn the_stop_word_check_passes_whichlangs_language_and_nothing_else() {
        let en = "The government on Tuesday unveiled a new plan to repair roads and bridges in several regions. According to the transport minister, the work will begin next month and last two years, but some opposition lawmakers are asking where the money will come from.";
        let d = stop_word_agreement(en).unwrap();
        assert_eq!((d.code, d.reliable), ("en", true));
        assert!(d.confidence > 0.5 && d.confidence <= 1.0, "{d:?}");
        assert_eq!(
            stop_word_agreement(
                "Regeringen fremlagde i går et nyt forslag til en reform af pensionssystemet. Ifølge finansministeren skal reformen sikre, at der også er penge til de kommende generationer, men oppositionen kalder planen urimelig og vil stemme imod, når forslaget kommer til afstemning i Folketinget efter sommerferien."
            ),
            None,
            "da"
        );
        assert_eq!(
            stop_word_agreement(
                "Regjeringen la i går fram et nytt forslag om endringer i pensjonssystemet. Ifølge finansministeren skal endringene sikre at det også finnes penger til kommende generasjoner, men opposisjonen mener planen er urettferdig og vil stemme imot når saken kommer opp i Stortinget etter sommeren."
            ),
            None,
            "nb"
        );
        assert_eq!(
            stop_word_agreement(
                "Pemerintah pada hari Selasa mengumumkan rencana baru untuk memperbaiki jalan dan jembatan di beberapa provinsi. Menurut menteri pekerjaan umum, proyek tersebut akan dimulai bulan depan dan diharapkan selesai dalam dua tahun, meskipun sejumlah anggota parlemen mempertanyakan sumber dananya."
            ),
            None,
            "id"
        );
        assert_eq!(
            stop_word_agreement(
                "Rząd przedstawił we wtorek nowy plan naprawy dróg i mostów w kilku województwach. Według ministra infrastruktury prace mają się rozpocząć w przyszłym miesiącu i potrwać dwa lata, jednak część posłów opozycji pyta, skąd mają pochodzić pieniądze na tak duży projekt."
            ),
            None,
            "pl"
        );
        assert_eq!(
            stop_word_agreement(
                "El govern va presentar dimarts un nou pla per reparar carreteres i ponts en diverses comarques. Segons el conseller de territori, les obres començaran el mes que ve i duraran dos anys, però alguns diputats de l'oposició pregunten d'on sortiran els diners per a un projecte tan gran."
            ),
            None,
            "ca"
        );
    }

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

//! Language detection against declared languages: which detector names
//! the language of a text right, by language and by text length, and how
//! fast (µs per text, one thread).
//!
//! The labels: the pages of the HTML article-extraction benchmark whose
//! declaration (`<html lang>`, JSON-LD `inLanguage`, `og:locale`) has a
//! two-letter primary subtag, and the BBC corpus (all English). From each
//! article come several [`Cut`]s: the sample the core hands its detector
//! (the first 2 KB of the analysed paragraphs), each body paragraph, the
//! first body sentence, and the first 200 characters of the body. Each
//! sample is scored by its length in characters ([`Bucket`]).
//!
//! ```
//! use newsmill_eval::language::{cuts, score, Bucket, Whatlang, Source};
//! let text = "Le gouvernement a annoncé mardi une réforme des retraites.\n\nLes syndicats appellent à la grève jeudi dans toute la France.";
//! let samples = cuts(text, None, "fr", Source::Html);
//! assert!(samples.len() >= 3);
//! let report = score(&samples, &[&Whatlang]);
//! assert_eq!(report.detectors[0].name, "whatlang");
//! assert!(report.detectors[0].by_bucket[Bucket::Short as usize].total > 0);
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

use newsmill_core::{AnalyzeOptions, Article, Doc, ParagraphKind, language};
use serde::Serialize;

use crate::EvalError;

/// Which part of an article a sample is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cut {
    /// What the core hands its detector: the first
    /// [`SAMPLE_BYTES`](newsmill_core::language::SAMPLE_BYTES) bytes of
    /// the analysed paragraphs (title and body).
    Article,
    /// One body paragraph (at least [`MIN_PARAGRAPH_CHARS`] characters).
    Paragraph,
    /// The first sentence of the body.
    FirstSentence,
    /// The first 200 characters of the body, cut back to a space.
    First200,
}

/// Fewest characters of a body paragraph taken as a sample: shorter lines
/// ("Photo: AFP", "1.") say nothing of a language.
pub const MIN_PARAGRAPH_CHARS: usize = 15;

/// Where a sample's label comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A page of the HTML benchmark, labelled by its declaration.
    Html,
    /// A BBC article, English.
    Bbc,
}

/// A text length class, in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Up to 60 characters (a headline, a short sentence).
    Short = 0,
    /// 61 to 200 (a sentence, a short paragraph).
    Sentence = 1,
    /// 201 to 1000 (a paragraph).
    Paragraph = 2,
    /// Over 1000 (an article's sample).
    Article = 3,
}

impl Bucket {
    /// Every bucket, shortest first.
    pub const ALL: [Bucket; 4] = [
        Bucket::Short,
        Bucket::Sentence,
        Bucket::Paragraph,
        Bucket::Article,
    ];

    /// The bucket of a text of `chars` characters.
    ///
    /// ```
    /// use newsmill_eval::language::Bucket;
    /// assert_eq!(Bucket::of(60), Bucket::Short);
    /// assert_eq!(Bucket::of(61), Bucket::Sentence);
    /// assert_eq!(Bucket::of(1001), Bucket::Article);
    /// ```
    pub fn of(chars: usize) -> Bucket {
        match chars {
            0..=60 => Bucket::Short,
            61..=200 => Bucket::Sentence,
            201..=1000 => Bucket::Paragraph,
            _ => Bucket::Article,
        }
    }

    /// The bucket's column name.
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Short => "<=60",
            Bucket::Sentence => "61-200",
            Bucket::Paragraph => "201-1000",
            Bucket::Article => ">1000",
        }
    }
}

/// One labelled text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The gold language, ISO 639-1.
    pub lang: String,
    /// The text.
    pub text: String,
    /// Which part of its article it is.
    pub cut: Cut,
    /// Where its label comes from.
    pub source: Source,
    /// Its length bucket.
    pub bucket: Bucket,
}

/// A language detector under test: `detect` gives an ISO 639-1 code (or
/// the detector's own code where the language has none), `None` when it
/// declines.
pub trait Detector {
    /// The name in the report.
    fn name(&self) -> String;
    /// The language of `text`.
    fn detect(&self, text: &str) -> Option<String>;
}

/// [whatlang](https://docs.rs/whatlang) 0.18, all 69 languages (what the
/// core used before the comparison).
#[derive(Clone, Copy, Debug, Default)]
pub struct Whatlang;

impl Detector for Whatlang {
    fn name(&self) -> String {
        "whatlang".into()
    }
    fn detect(&self, text: &str) -> Option<String> {
        whatlang::detect_lang(text).map(|l| {
            let iso3 = l.code();
            language::iso639_1(iso3).unwrap_or(iso3).to_string()
        })
    }
}

/// [whichlang](https://docs.rs/whichlang) 0.1 (Quickwit): a linear model
/// over hashed n-grams, 16 languages, always answers.
#[derive(Clone, Copy, Debug, Default)]
pub struct Whichlang;

impl Detector for Whichlang {
    fn name(&self) -> String {
        "whichlang".into()
    }
    fn detect(&self, text: &str) -> Option<String> {
        let iso3 = whichlang::detect_language(text).three_letter_code();
        Some(language::iso639_1(iso3).unwrap_or(iso3).to_string())
    }
}

/// The core's verdict as wired, with no declaration and no default:
/// [`newsmill_core::language::decide`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Core;

impl Detector for Core {
    fn name(&self) -> String {
        "newsmill (core)".into()
    }
    fn detect(&self, text: &str) -> Option<String> {
        language::decide(text, None, None).map(|l| l.code)
    }
}

/// lingua-rs in its low-accuracy mode (trigram models only), over all its
/// 75 languages or a set; models preloaded, so the first call costs no
/// more than the others.
#[cfg(feature = "lingua")]
pub struct Lingua {
    detector: lingua::LanguageDetector,
    name: String,
}

/// The language set of the restricted lingua detector: twenty languages
/// with large news industries (ISO 639-1).
pub const NEWS_LANGUAGES: &[&str] = &[
    "en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "sv", "tr", "ar", "fa", "zh", "ja",
    "ko", "hi", "id", "vi",
];

#[cfg(feature = "lingua")]
impl Lingua {
    /// All of lingua's languages, low-accuracy mode.
    pub fn all() -> Lingua {
        Lingua {
            detector: lingua::LanguageDetectorBuilder::from_all_languages()
                .with_low_accuracy_mode()
                .with_preloaded_language_models()
                .build(),
            name: "lingua low-acc (75 langs)".into(),
        }
    }

    /// Only `codes` (ISO 639-1; unknown ones are left out), low-accuracy
    /// mode.
    pub fn restricted(codes: &[&str]) -> Lingua {
        use std::str::FromStr;
        let isos: Vec<_> = codes
            .iter()
            .filter_map(|c| lingua::IsoCode639_1::from_str(c).ok())
            .collect();
        Lingua {
            detector: lingua::LanguageDetectorBuilder::from_iso_codes_639_1(&isos)
                .with_low_accuracy_mode()
                .with_preloaded_language_models()
                .build(),
            name: format!("lingua low-acc ({} langs)", isos.len()),
        }
    }
}

#[cfg(feature = "lingua")]
impl Detector for Lingua {
    fn name(&self) -> String {
        self.name.clone()
    }
    fn detect(&self, text: &str) -> Option<String> {
        self.detector
            .detect_language_of(text)
            .map(|l| l.iso_code_639_1().to_string())
    }
}

/// Whatlang for texts of at least `min_chars` characters, another
/// detector below: a hybrid candidate.
pub struct Hybrid<'a> {
    /// Fewest characters for whatlang.
    pub min_chars: usize,
    /// The detector for shorter texts.
    pub short: &'a dyn Detector,
}

impl Detector for Hybrid<'_> {
    fn name(&self) -> String {
        format!(
            "whatlang >={} chars, else {}",
            self.min_chars,
            self.short.name()
        )
    }
    fn detect(&self, text: &str) -> Option<String> {
        if text.chars().take(self.min_chars).count() >= self.min_chars {
            Whatlang.detect(text)
        } else {
            self.short.detect(text)
        }
    }
}

/// The samples of one article: `text` is its body (paragraphs separated
/// by blank lines), `title` its headline when known apart.
///
/// ```
/// use newsmill_eval::language::{cuts, Cut, Source};
/// let s = cuts("Erste Zeile hier. Zweiter Satz folgt.\n\nEin zweiter Absatz mit Text.", Some("Titel"), "de", Source::Html);
/// let first = s.iter().find(|s| s.cut == Cut::FirstSentence).unwrap();
/// assert_eq!(first.text, "Erste Zeile hier.");
/// ```
pub fn cuts(text: &str, title: Option<&str>, lang: &str, source: Source) -> Vec<Sample> {
    let mut article = Article::from_text("sample", text);
    article.title = title.map(str::to_string);
    article.first_line_is_title = false;
    let doc = Doc::analyze(article, &AnalyzeOptions::default());
    let mut out = Vec::new();
    let mut push = |text: &str, cut: Cut| {
        let text = text.trim();
        if text.chars().any(char::is_alphabetic) {
            out.push(Sample {
                lang: lang.to_string(),
                text: text.to_string(),
                cut,
                source,
                bucket: Bucket::of(text.chars().count()),
            });
        }
    };
    let mut buf = String::new();
    let analysed = doc.analysed_paragraphs().map(|p| p.span());
    push(
        language::sample_into(&doc.text, analysed, &mut buf),
        Cut::Article,
    );
    let body: Vec<_> = doc
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::BODY)
        .filter_map(|p| doc.text.get(p.start as usize..p.end as usize))
        .collect();
    for p in &body {
        if p.chars().count() >= MIN_PARAGRAPH_CHARS {
            push(p, Cut::Paragraph);
        }
    }
    let first_body = doc
        .paragraphs
        .iter()
        .find(|p| p.kind == ParagraphKind::BODY);
    if let Some(s) = first_body.and_then(|p| {
        doc.sentences
            .iter()
            .find(|s| s.start >= p.start && s.end <= p.end)
    }) && let Some(t) = doc.text.get(s.start as usize..s.end as usize)
    {
        push(t, Cut::FirstSentence);
    }
    let joined = body.join("\n");
    push(&first_chars(&joined, 200), Cut::First200);
    out
}

/// The first `n` characters of `text`, cut back to the last white space
/// when there is one in the second half.
fn first_chars(text: &str, n: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(n) else {
        return text.to_string();
    };
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(ws) if ws > cut / 2 => head[..ws].to_string(),
        _ => head.to_string(),
    }
}

/// The two-letter language a page declares, if it declares one
/// (`en-GB` -> `en`; `eng`, `x-default` and nothing give `None`).
///
/// ```
/// assert_eq!(newsmill_eval::language::declared_label(Some("pt_BR")), Some("pt".to_string()));
/// assert_eq!(newsmill_eval::language::declared_label(Some("eng")), None);
/// ```
pub fn declared_label(declared: Option<&str>) -> Option<String> {
    declared
        .and_then(language::declared_code)
        .filter(|c| c.len() == 2)
}

/// Pages of the HTML benchmark whose declaration is wrong, as their text
/// shows at a glance (URL, declared, written in): a German blog post
/// declared `en`, an English news digest declared `de` (a German edition's
/// site template). [`html_samples`] relabels them unless told to keep the
/// declarations as they are.
pub const WRONG_DECLARATIONS: &[(&str, &str, &str)] = &[
    (
        "https://blog.comwrap.com/die-elektronische-patientenakte-der-lange-marsch-ins-digitale-gesundheitswesen",
        "en",
        "de",
    ),
    (
        "https://www.businessinsider.de/10-things-in-tech-you-need-to-know-today-november-19-2019-11",
        "de",
        "en",
    ),
];

/// The samples of the HTML benchmark under `dir`: the pages whose
/// extracted body is not empty and whose declaration is a two-letter code;
/// with `correct`, the pages of [`WRONG_DECLARATIONS`] get the language
/// they are written in. Returns the samples and the number of pages used.
pub fn html_samples(dir: &Path, correct: bool) -> Result<(Vec<Sample>, usize), EvalError> {
    let mut out = Vec::new();
    let mut pages = 0;
    for page in crate::html::load(dir)? {
        let opts = newsmill_io::html::HtmlOptions {
            url: page.url.as_deref(),
            charset: None,
        };
        let Ok(p) = newsmill_io::html::extract(&page.html, &opts) else {
            continue;
        };
        let Some(mut lang) = declared_label(p.language.as_deref()) else {
            continue;
        };
        if correct
            && let Some((_, _, real)) = WRONG_DECLARATIONS
                .iter()
                .find(|(url, declared, _)| page.url.as_deref() == Some(*url) && *declared == lang)
        {
            lang = (*real).to_string();
        }
        pages += 1;
        out.extend(cuts(&p.text, p.title.as_deref(), &lang, Source::Html));
    }
    Ok((out, pages))
}

/// The samples of the BBC corpus under `dir` (English), at most `limit`
/// articles (in path order). Returns the samples and the articles used.
pub fn bbc_samples(dir: &Path, limit: usize) -> Result<(Vec<Sample>, usize), EvalError> {
    let texts = crate::batch::corpus_texts(dir)?;
    let mut out = Vec::new();
    let n = texts.len().min(limit);
    for (_, t) in texts.iter().take(limit) {
        let (title, body) = match t.split_once('\n') {
            Some((a, b)) => (Some(a.trim()), b),
            None => (None, t.as_str()),
        };
        out.extend(cuts(body, title, "en", Source::Bbc));
    }
    Ok((out, n))
}

/// Drop repeated texts (the same boilerplate paragraph on many pages),
/// keeping the first.
pub fn dedup(samples: &mut Vec<Sample>) {
    let mut seen = HashSet::new();
    samples.retain(|s| seen.insert(s.text.clone()));
}

/// Right and total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Samples whose language was named right.
    pub right: usize,
    /// Samples.
    pub total: usize,
}

impl Tally {
    /// right / total (0 when empty).
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }
}

/// One detector's figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DetectorReport {
    /// Its name.
    pub name: String,
    /// Accuracy by length bucket, over all samples.
    pub by_bucket: [Tally; 4],
    /// Accuracy by length bucket, HTML pages not declared English.
    pub non_english_by_bucket: [Tally; 4],
    /// Accuracy by length bucket, BBC only.
    pub bbc_by_bucket: [Tally; 4],
    /// Accuracy by gold language, all lengths.
    pub by_language: BTreeMap<String, Tally>,
    /// Accuracy by gold language on texts of at most 200 characters.
    pub short_by_language: BTreeMap<String, Tally>,
    /// Mean µs per text by length bucket (one thread; the fastest of three
    /// passes over the bucket's samples, after the scoring pass).
    pub micros_by_bucket: [f64; 4],
    /// What it said instead of the gold language, most frequent first
    /// (gold -> said, count), at most 12.
    pub confusions: Vec<(String, String, usize)>,
}

/// The comparison of several detectors on one sample set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Samples per bucket.
    pub samples_by_bucket: [usize; 4],
    /// Samples per gold language.
    pub samples_by_language: BTreeMap<String, usize>,
    /// One entry per detector, in the order given.
    pub detectors: Vec<DetectorReport>,
}

/// Run every detector over `samples`: accuracy (exact ISO 639-1 match)
/// and speed.
pub fn score(samples: &[Sample], detectors: &[&dyn Detector]) -> Report {
    let mut report = Report::default();
    for s in samples {
        report.samples_by_bucket[s.bucket as usize] += 1;
        *report
            .samples_by_language
            .entry(s.lang.clone())
            .or_default() += 1;
    }
    for d in detectors {
        let mut r = DetectorReport {
            name: d.name(),
            ..Default::default()
        };
        let mut confusions: BTreeMap<(String, String), usize> = BTreeMap::new();
        for s in samples {
            let said = d.detect(&s.text);
            let right = said.as_deref() == Some(s.lang.as_str());
            let b = s.bucket as usize;
            r.by_bucket[b].add(right);
            match s.source {
                Source::Bbc => r.bbc_by_bucket[b].add(right),
                Source::Html if s.lang != "en" => r.non_english_by_bucket[b].add(right),
                Source::Html => {}
            }
            r.by_language.entry(s.lang.clone()).or_default().add(right);
            if s.bucket <= Bucket::Sentence {
                r.short_by_language
                    .entry(s.lang.clone())
                    .or_default()
                    .add(right);
            }
            if !right {
                *confusions
                    .entry((s.lang.clone(), said.unwrap_or_else(|| "none".into())))
                    .or_default() += 1;
            }
        }
        let mut c: Vec<_> = confusions
            .into_iter()
            .map(|((g, s), n)| (g, s, n))
            .collect();
        c.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.cmp(b)));
        c.truncate(12);
        r.confusions = c;
        for bucket in Bucket::ALL {
            let texts: Vec<&str> = samples
                .iter()
                .filter(|s| s.bucket == bucket)
                .map(|s| s.text.as_str())
                .collect();
            if texts.is_empty() {
                continue;
            }
            // The fastest of three passes: other processes on the machine
            // only ever make a pass slower.
            let mut best = f64::INFINITY;
            for _ in 0..3 {
                let t0 = Instant::now();
                for t in &texts {
                    std::hint::black_box(d.detect(std::hint::black_box(t)));
                }
                best = best.min(t0.elapsed().as_secs_f64());
            }
            r.micros_by_bucket[bucket as usize] = best * 1e6 / texts.len() as f64;
        }
        report.detectors.push(r);
    }
    report
}

impl Report {
    /// The report as Markdown tables.
    pub fn markdown(&self) -> String {
        let mut s = String::new();
        let head = |title: &str| {
            let mut h = format!("| {title} |");
            for b in Bucket::ALL {
                h.push_str(&format!(" {} |", b.label()));
            }
            h.push_str(" all |\n|---|");
            for _ in 0..=Bucket::ALL.len() {
                h.push_str("---:|");
            }
            h.push('\n');
            h
        };
        let row = |name: &str, t: &[Tally; 4]| {
            let mut line = format!("| {name} |");
            let mut all = Tally::default();
            for x in t {
                line.push_str(&if x.total == 0 {
                    " - |".to_string()
                } else {
                    format!(" {:.1} |", 100.0 * x.accuracy())
                });
                all.right += x.right;
                all.total += x.total;
            }
            line.push_str(&format!(" {:.1} |\n", 100.0 * all.accuracy()));
            line
        };
        let counts = |t: &[Tally; 4]| {
            t.iter()
                .map(|x| x.total.to_string())
                .collect::<Vec<_>>()
                .join(" / ")
        };
        type Pick = fn(&DetectorReport) -> &[Tally; 4];
        let tables: [(&str, Pick); 3] = [
            ("accuracy %, all samples", |d| &d.by_bucket),
            ("accuracy %, HTML pages not in English", |d| {
                &d.non_english_by_bucket
            }),
            ("accuracy %, BBC (English)", |d| &d.bbc_by_bucket),
        ];
        for (title, pick) in tables {
            if let Some(first) = self.detectors.first() {
                s.push_str(&format!(
                    "\n{title} (samples per bucket: {})\n\n",
                    counts(pick(first))
                ));
            }
            s.push_str(&head("detector"));
            for d in &self.detectors {
                s.push_str(&row(&d.name, pick(d)));
            }
        }
        s.push_str("\nµs per text, one thread\n\n| detector |");
        for b in Bucket::ALL {
            s.push_str(&format!(" {} |", b.label()));
        }
        s.push_str("\n|---|---:|---:|---:|---:|\n");
        for d in &self.detectors {
            s.push_str(&format!("| {} |", d.name));
            for m in d.micros_by_bucket {
                s.push_str(&format!(" {m:.1} |"));
            }
            s.push('\n');
        }
        for (title, short) in [
            ("accuracy % by language, all lengths", false),
            (
                "accuracy % by language, texts of at most 200 characters",
                true,
            ),
        ] {
            let langs: Vec<&String> = self.samples_by_language.keys().collect();
            s.push_str(&format!("\n{title}\n\n| detector |"));
            for l in &langs {
                let n = self
                    .detectors
                    .first()
                    .and_then(|d| {
                        if short {
                            d.short_by_language.get(*l)
                        } else {
                            d.by_language.get(*l)
                        }
                    })
                    .map_or(0, |t| t.total);
                s.push_str(&format!(" {l} ({n}) |"));
            }
            s.push_str("\n|---|");
            for _ in &langs {
                s.push_str("---:|");
            }
            s.push('\n');
            for d in &self.detectors {
                s.push_str(&format!("| {} |", d.name));
                let m = if short {
                    &d.short_by_language
                } else {
                    &d.by_language
                };
                for l in &langs {
                    s.push_str(&match m.get(*l) {
                        Some(t) if t.total > 0 => format!(" {:.1} |", 100.0 * t.accuracy()),
                        _ => " - |".to_string(),
                    });
                }
                s.push('\n');
            }
        }
        s.push_str("\nmost frequent errors (gold -> said: count)\n\n");
        for d in &self.detectors {
            let e: Vec<String> = d
                .confusions
                .iter()
                .map(|(g, x, n)| format!("{g}->{x}: {n}"))
                .collect();
            s.push_str(&format!("- {}: {}\n", d.name, e.join(", ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_cover_each_part_and_bucket_by_length() {
        let body = "Die Bundesregierung hat am Dienstag in Berlin ein neues Gesetz zum Klimaschutz beschlossen, das ab dem kommenden Jahr gelten soll. Der Bundestag muss noch zustimmen.\n\nKurz.\n\nDie Opposition kritisierte den Entwurf als unzureichend und forderte deutlich strengere Vorgaben für die Industrie.";
        let s = cuts(body, Some("Klimagesetz beschlossen"), "de", Source::Html);
        let kinds: HashSet<Cut> = s.iter().map(|s| s.cut).collect();
        assert_eq!(kinds.len(), 4, "{s:?}");
        // "Kurz." is too short to be a paragraph sample.
        assert!(!s.iter().any(|s| s.text == "Kurz."));
        let first = s.iter().find(|s| s.cut == Cut::First200).unwrap();
        assert!(first.text.chars().count() <= 200);
        assert!(
            first
                .text
                .ends_with("neues Gesetz zum Klimaschutz beschlossen,")
                || first.text.len() > 100
        );
        for x in &s {
            assert_eq!(x.bucket, Bucket::of(x.text.chars().count()));
        }
    }

    #[test]
    fn detectors_name_clear_languages() {
        let text = "Der Bundestag hat am Donnerstag über das neue Klimagesetz abgestimmt.";
        assert_eq!(Whatlang.detect(text).as_deref(), Some("de"));
        assert_eq!(Whichlang.detect(text).as_deref(), Some("de"));
        let h = Hybrid {
            min_chars: 1000,
            short: &Whichlang,
        };
        assert_eq!(h.detect(text).as_deref(), Some("de"));
    }
}

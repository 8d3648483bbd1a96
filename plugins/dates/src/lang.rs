//! Dates in German, French and Spanish: month and weekday names, ordinal
//! and numeric formats, and the few relative words news text uses most,
//! normalised against the article date the way the English recognizer does.
//!
//! Covered, per language (values for an article of Monday 2024-03-11):
//!
//! | | German | French | Spanish |
//! |---|---|---|---|
//! | full date | `3. März 2024`, `03.03.2024` | `3 mars 2024`, `1er mars`, `03/03/2024` | `3 de marzo de 2024`, `03/03/2024` |
//! | day and month | `3. März` → `2024-03-03` | `le 3 mars` | `el 3 de marzo` |
//! | month (and year) | `März 2024`, `im März` | `mars 2024`, `en mars` | `marzo de 2024`, `en marzo` |
//! | weekday | `am Dienstag` → `2024-03-05`, `letzten Dienstag`, `nächsten Dienstag` | `mardi`, `mardi dernier`, `mardi prochain` | `el martes`, `el martes pasado`, `el próximo martes` |
//! | day words | `heute`, `gestern`, `morgen`, `vorgestern`, `übermorgen` | `aujourd'hui`, `hier`, `demain`, `avant-hier`, `après-demain` | `hoy`, `ayer`, `mañana`, `anteayer` |
//! | year words | `letztes Jahr`, `nächstes Jahr`, `dieses Jahr` | `l'année dernière`, `l'an prochain`, `cette année` | `el año pasado`, `el próximo año`, `este año` |
//!
//! A weekday with no `last`/`next` word is the nearest one before the
//! article date (news reports the past), as English does when a sentence
//! has no tense marker; tense is not read in these languages. Without an
//! article date, relative values keep `X` (`XXXX-WXX-2`), never a guess.

use crate::date::Date;
use crate::recognize::{Timex, TimexType};
use newsmill_sdk::Token;

/// A language the date rules cover.
///
/// ```
/// use newsmill_dates::lang::Lang;
/// assert_eq!(Lang::from_code("fr"), Some(Lang::Fr));
/// assert_eq!(Lang::from_code("ru"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Lang {
    /// The rules for an ISO 639-1 code, if covered.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "de" => Some(Lang::De),
            "fr" => Some(Lang::Fr),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    fn month(self, w: &str) -> Option<u32> {
        let w = w.strip_suffix('.').unwrap_or(w);
        Some(match self {
            Lang::De => match w {
                "januar" | "jänner" | "jan" => 1,
                "februar" | "feb" => 2,
                "märz" | "mär" => 3,
                "april" | "apr" => 4,
                "mai" => 5,
                "juni" | "jun" => 6,
                "juli" | "jul" => 7,
                "august" | "aug" => 8,
                "september" | "sep" | "sept" => 9,
                "oktober" | "okt" => 10,
                "november" | "nov" => 11,
                "dezember" | "dez" => 12,
                _ => return None,
            },
            Lang::Fr => match w {
                "janvier" | "janv" => 1,
                "février" | "fevrier" | "févr" => 2,
                "mars" => 3,
                "avril" => 4,
                "mai" => 5,
                "juin" => 6,
                "juillet" | "juil" => 7,
                "août" | "aout" => 8,
                "septembre" | "sept" => 9,
                "octobre" | "oct" => 10,
                "novembre" | "nov" => 11,
                "décembre" | "decembre" | "déc" => 12,
                _ => return None,
            },
            Lang::Es => match w {
                "enero" | "ene" => 1,
                "febrero" | "feb" => 2,
                "marzo" | "mar" => 3,
                "abril" | "abr" => 4,
                "mayo" => 5,
                "junio" | "jun" => 6,
                "julio" | "jul" => 7,
                "agosto" | "ago" => 8,
                "septiembre" | "setiembre" | "sept" | "sep" => 9,
                "octubre" | "oct" => 10,
                "noviembre" | "nov" => 11,
                "diciembre" | "dic" => 12,
                _ => return None,
            },
        })
    }

    /// ISO weekday, 1 = Monday.
    fn weekday(self, w: &str) -> Option<u32> {
        Some(match self {
            Lang::De => match w {
                "montag" => 1,
                "dienstag" => 2,
                "mittwoch" => 3,
                "donnerstag" => 4,
                "freitag" => 5,
                "samstag" | "sonnabend" => 6,
                "sonntag" => 7,
                _ => return None,
            },
            Lang::Fr => match w {
                "lundi" => 1,
                "mardi" => 2,
                "mercredi" => 3,
                "jeudi" => 4,
                "vendredi" => 5,
                "samedi" => 6,
                "dimanche" => 7,
                _ => return None,
            },
            Lang::Es => match w {
                "lunes" => 1,
                "martes" => 2,
                "miércoles" | "miercoles" => 3,
                "jueves" => 4,
                "viernes" => 5,
                "sábado" | "sabado" => 6,
                "domingo" => 7,
                _ => return None,
            },
        })
    }

    /// A word for last (-1) or next (+1) placed before a weekday or year.
    fn rel_before(self, w: &str) -> Option<i64> {
        match self {
            Lang::De => match w {
                "letzten" | "letzte" | "letztes" | "vergangenen" | "vergangene" | "vergangenes"
                | "vorigen" | "vorige" | "voriges" => Some(-1),
                "nächsten" | "nächste" | "nächstes" | "kommenden" | "kommende" | "kommendes" => {
                    Some(1)
                }
                "diesen" | "diese" | "dieses" => Some(0),
                _ => None,
            },
            Lang::Fr => match w {
                "cette" | "cet" => Some(0),
                _ => None,
            },
            Lang::Es => match w {
                "próximo" | "proximo" | "próxima" | "proxima" => Some(1),
                "este" | "esta" => Some(0),
                _ => None,
            },
        }
    }

    /// A word for last (-1) or next (+1) placed after a weekday or year.
    fn rel_after(self, w: &str) -> Option<i64> {
        match self {
            Lang::De => None,
            Lang::Fr => match w {
                "dernier" | "dernière" | "passé" | "passée" => Some(-1),
                "prochain" | "prochaine" => Some(1),
                _ => None,
            },
            Lang::Es => match w {
                "pasado" | "pasada" => Some(-1),
                "próximo" | "proximo" | "próxima" | "proxima" => Some(1),
                _ => None,
            },
        }
    }

    /// A day named by a word: its offset from the article date.
    fn day_word(self, w: &str) -> Option<i64> {
        Some(match self {
            Lang::De => match w {
                "heute" => 0,
                "gestern" => -1,
                "morgen" => 1,
                "vorgestern" => -2,
                "übermorgen" => 2,
                _ => return None,
            },
            Lang::Fr => match w {
                "aujourd'hui" => 0,
                "hier" => -1,
                "demain" => 1,
                "avant-hier" => -2,
                "après-demain" => 2,
                _ => return None,
            },
            Lang::Es => match w {
                "hoy" => 0,
                "ayer" => -1,
                "mañana" => 1,
                "anteayer" | "antier" => -2,
                _ => return None,
            },
        })
    }

    fn is_year_word(self, w: &str) -> bool {
        match self {
            Lang::De => w == "jahr",
            Lang::Fr => matches!(w, "année" | "an" | "l'année" | "l'an"),
            Lang::Es => w == "año",
        }
    }
}

struct W {
    low: String,
    /// The original text starts with an upper-case letter.
    cap: bool,
    start: usize,
    end: usize,
}

struct Scan<'a> {
    lang: Lang,
    w: &'a [W],
    dct: Option<Date>,
}

/// Find and normalise dates in `text` written in `lang`.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// use newsmill_dates::{date::Date, lang::{Lang, recognize_lang}};
/// let text = "Die Wahl fand am 3. März 2024 statt, das Ergebnis kam am Dienstag.";
/// let doc = Doc::analyze(Article { text: text.into(), ..Article::default() }, &AnalyzeOptions::default());
/// let found = recognize_lang(&doc.text, &doc.tokens, Date::new(2024, 3, 11), Lang::De);
/// let values: Vec<&str> = found.iter().map(|t| t.value.as_str()).collect();
/// assert_eq!(values, ["2024-03-03", "2024-03-05"]);
/// ```
pub fn recognize_lang(
    text: &str,
    tokens: &[Token],
    anchor: Option<Date>,
    lang: Lang,
) -> Vec<Timex> {
    let w: Vec<W> = tokens
        .iter()
        .map(|t| {
            let raw = text.get(t.start as usize..t.end as usize).unwrap_or("");
            W {
                low: raw.to_lowercase().replace('\u{2019}', "'"),
                cap: raw.chars().next().is_some_and(char::is_uppercase),
                start: t.start as usize,
                end: t.end as usize,
            }
        })
        .collect();
    let sc = Scan {
        lang,
        w: &w,
        dct: anchor,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        match sc.at(i) {
            Some((s, e, kind, value, anchored)) => {
                out.push(Timex {
                    start: w[s].start,
                    end: w[e - 1].end,
                    kind,
                    value,
                    modifier: None,
                    anchored,
                });
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

type Found = (usize, usize, TimexType, String, bool);

impl Scan<'_> {
    fn l(&self, i: usize) -> &str {
        self.w.get(i).map_or("", |w| w.low.as_str())
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    fn attached(&self, i: usize) -> bool {
        match (self.w.get(i), self.w.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// A day of the month at `i`; returns the day and the index after it
    /// ("3." or "3" "." in German, "1er" in French, "1º" in Spanish).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.l(i);
        let (digits, mut next) = match self.lang {
            Lang::De => {
                if let Some(d) = t.strip_suffix('.') {
                    (d, i + 1)
                } else if self.l(i + 1) == "." && self.attached(i) {
                    (t, i + 2)
                } else {
                    return None;
                }
            }
            Lang::Fr => (t.strip_suffix("er").unwrap_or(t), i + 1),
            Lang::Es => (
                t.strip_suffix('º')
                    .or_else(|| t.strip_suffix('°'))
                    .unwrap_or(t),
                i + 1,
            ),
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        if self.lang == Lang::Es && self.l(next) == "de" {
            next += 1;
        }
        Some((d, next))
    }

    /// A four-digit year at `i` (after "de" in Spanish).
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let i = if self.lang == Lang::Es && self.l(i) == "de" {
            i + 1
        } else {
            i
        };
        let t = self.l(i);
        if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = t.parse().ok()?;
        (1000..=2099).contains(&y).then_some((y, i + 1))
    }

    fn at(&self, i: usize) -> Option<Found> {
        // A weekday before a date belongs to it: "Dienstag, 3. März".
        if let Some(wd_end) = self.weekday_prefix(i)
            && let Some((_, e, kind, value, anchored)) = self.date(wd_end)
        {
            return Some((i, e, kind, value, anchored));
        }
        self.date(i)
            .or_else(|| self.numeric(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.day_word(i))
            .or_else(|| self.year_word(i))
            .or_else(|| self.month_alone(i))
    }

    /// After a weekday name at `i` (and a comma), where a date may start.
    fn weekday_prefix(&self, i: usize) -> Option<usize> {
        self.lang.weekday(self.l(i))?;
        Some(if self.l(i + 1) == "," { i + 2 } else { i + 1 })
    }

    /// "3. März 2024", "3 mars", "3 de marzo de 2024".
    fn date(&self, i: usize) -> Option<Found> {
        let (d, k) = self.day_at(i)?;
        let m = self.lang.month(self.l(k))?;
        if let Some((y, e)) = self.year_at(k + 1) {
            let date = Date::new(y, m, d)?;
            return Some((i, e, TimexType::Date, date.to_string(), false));
        }
        match self.dct {
            Some(dct) => {
                let y = self.year_for_month(dct, m);
                let date = Date::new(y, m, d)?;
                Some((i, k + 1, TimexType::Date, date.to_string(), true))
            }
            None => Some((
                i,
                k + 1,
                TimexType::Date,
                format!("XXXX-{m:02}-{d:02}"),
                false,
            )),
        }
    }

    /// "03.03.2024" (German), "03/03/2024" (French, Spanish): day first.
    fn numeric(&self, i: usize) -> Option<Found> {
        let t = self.l(i);
        let sep = if self.lang == Lang::De { '.' } else { '/' };
        let mut parts = t.split(sep);
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || d.len() > 2 || m.len() > 2 {
            return None;
        }
        let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        Some((i, i + 1, TimexType::Date, date.to_string(), false))
    }

    /// "Dienstag", "letzten Dienstag", "mardi dernier", "el martes pasado",
    /// "el próximo martes".
    fn weekday(&self, i: usize) -> Option<Found> {
        let (start, rel_before, wi) = match self.lang.rel_before(self.l(i)) {
            Some(r) if self.lang.weekday(self.l(i + 1)).is_some() => (i, Some(r), i + 1),
            _ => (i, None, i),
        };
        let wd = self.lang.weekday(self.l(wi))?;
        if self.lang == Lang::De && !self.w[wi].cap {
            // German weekdays are nouns: "dienstags" is a set, lower case
            // is no weekday.
            return None;
        }
        let (rel, end) = match (rel_before, self.lang.rel_after(self.l(wi + 1))) {
            (Some(r), _) => (Some(r), wi + 1),
            (None, Some(r)) => (Some(r), wi + 2),
            (None, None) => (None, wi + 1),
        };
        let Some(d) = self.dct else {
            return Some((start, end, TimexType::Date, format!("XXXX-WXX-{wd}"), false));
        };
        let dw = i64::from(d.weekday());
        let wd = i64::from(wd);
        let back = (dw - wd).rem_euclid(7);
        let fwd = (wd - dw).rem_euclid(7);
        let date = match rel {
            Some(-1) => d.add_days(-(if back == 0 { 7 } else { back })),
            Some(1) => d.add_days(if fwd == 0 { 7 } else { fwd }),
            // "diesen Dienstag", "este martes": the one of this week.
            Some(_) => d.add_days(wd - dw),
            None => d.add_days(-back),
        };
        Some((start, end, TimexType::Date, date.to_string(), true))
    }

    /// "heute", "hier", "ayer", ...
    fn day_word(&self, i: usize) -> Option<Found> {
        let t = self.l(i);
        let off = self.lang.day_word(t)?;
        // "Morgen" capitalised, "la mañana", "esta mañana": the morning.
        if self.lang == Lang::De
            && t == "morgen"
            && self.w[i].cap
            && i > 0
            && !matches!(self.l(i - 1), "." | "!" | "?" | ":" | "„" | "\"" | "«")
        {
            return None;
        }
        if self.lang == Lang::Es
            && t == "mañana"
            && i > 0
            && matches!(self.l(i - 1), "la" | "esta" | "cada" | "una" | "por" | "de")
        {
            return None;
        }
        let Some(d) = self.dct else {
            let v = if off == 0 {
                "PRESENT_REF"
            } else {
                "XXXX-XX-XX"
            };
            return Some((i, i + 1, TimexType::Date, v.to_string(), false));
        };
        let v = if off == 0 {
            d.to_string()
        } else {
            d.add_days(off).to_string()
        };
        Some((i, i + 1, TimexType::Date, v, true))
    }

    /// "letztes Jahr", "l'année dernière", "el año pasado", "este año".
    fn year_word(&self, i: usize) -> Option<Found> {
        let (rel, end) = if let Some(r) = self.lang.rel_before(self.l(i))
            && self.lang.is_year_word(self.l(i + 1))
        {
            (r, i + 2)
        } else if self.lang.is_year_word(self.l(i))
            && let Some(r) = self.lang.rel_after(self.l(i + 1))
        {
            (r, i + 2)
        } else {
            return None;
        };
        // Keep "l'" with the French year word; the span starts at `i`.
        let Some(d) = self.dct else {
            return Some((i, end, TimexType::Date, "XXXX".to_string(), false));
        };
        Some((
            i,
            end,
            TimexType::Date,
            format!("{:04}", i64::from(d.year) + rel),
            true,
        ))
    }

    /// "März 2024", "marzo de 2024", "im März", "en mars".
    fn month_alone(&self, i: usize) -> Option<Found> {
        let m = self.lang.month(self.l(i))?;
        let raw_len = self.w[i].end - self.w[i].start;
        if raw_len < 4 && !self.l(i).ends_with('.') && self.l(i) != "mai" {
            // Bare abbreviations ("mar", "jun") are too ambiguous alone.
            return None;
        }
        if let Some((y, e)) = self.year_at(i + 1) {
            return Some((i, e, TimexType::Date, format!("{y:04}-{m:02}"), false));
        }
        // A month alone only after a preposition, and in German only
        // capitalised ("Mai" the month, not a word in a name is rarer).
        let prev = if i > 0 { self.l(i - 1) } else { "" };
        let ok = match self.lang {
            Lang::De => self.w[i].cap && matches!(prev, "im" | "seit" | "bis" | "ab" | "vom"),
            Lang::Fr => matches!(
                prev,
                "en" | "depuis" | "jusqu'en" | "mois" | "fin" | "début"
            ),
            Lang::Es => matches!(prev, "en" | "desde" | "hasta" | "de"),
        };
        // French "mars" is also the planet; Spanish "mayo" a name: both
        // need the preposition too.
        if !ok {
            return None;
        }
        let Some(d) = self.dct else {
            return Some((i, i + 1, TimexType::Date, format!("XXXX-{m:02}"), false));
        };
        let y = self.year_for_month(d, m);
        Some((i, i + 1, TimexType::Date, format!("{y:04}-{m:02}"), true))
    }

    /// The year of a month named without one: the English rule with no
    /// tense marker (up to 8 months back, 4 ahead).
    fn year_for_month(&self, d: Date, m: u32) -> i32 {
        let diff = m as i32 - d.month as i32;
        if diff > 4 {
            d.year - 1
        } else if diff < -8 {
            d.year + 1
        } else {
            d.year
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use newsmill_core::{AnalyzeOptions, Article, Doc};

    /// (text, value) of each date found, article date Monday 2024-03-11.
    fn found(text: &str, lang: Lang) -> Vec<(String, String)> {
        let doc = Doc::analyze(
            Article {
                text: text.into(),
                ..Article::default()
            },
            &AnalyzeOptions::default(),
        );
        recognize_lang(&doc.text, &doc.tokens, Date::new(2024, 3, 11), lang)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_string(), t.value))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn german() {
        let text = "Der Bundestag stimmte am Donnerstag über das Gesetz ab. Die Wahl fand am 3. März 2024 statt, \
                    das Ergebnis kam am 5.3. nicht. Gestern sprach die Ministerin, letzten Dienstag der Kanzler. \
                    Im Mai soll es weitergehen, nächsten Freitag gibt es eine Anhörung. Laut Protokoll vom 01.02.2024 \
                    war das letztes Jahr anders. Am Morgen regnete es.";
        assert_eq!(
            found(text, Lang::De),
            pairs(&[
                ("Donnerstag", "2024-03-07"),
                ("3. März 2024", "2024-03-03"),
                ("Gestern", "2024-03-10"),
                ("letzten Dienstag", "2024-03-05"),
                ("Mai", "2024-05"),
                ("nächsten Freitag", "2024-03-15"),
                ("01.02.2024", "2024-02-01"),
                ("letztes Jahr", "2023"),
            ])
        );
    }

    #[test]
    fn french() {
        let text = "Le maire a présenté son budget le 12 mars 2024. Mardi dernier, le conseil s'est réuni; \
                    il se réunira mardi prochain et le 1er avril. Hier, l'opposition a protesté. \
                    Samedi 2 mars, une manifestation a eu lieu. En juin, le budget sera voté. \
                    L'année dernière, le 03/02/2023, rien de tel.";
        assert_eq!(
            found(text, Lang::Fr),
            pairs(&[
                ("12 mars 2024", "2024-03-12"),
                ("Mardi dernier", "2024-03-05"),
                ("mardi prochain", "2024-03-12"),
                ("1er avril", "2024-04-01"),
                ("Hier", "2024-03-10"),
                ("Samedi 2 mars", "2024-03-02"),
                ("juin", "2024-06"),
                ("L'année dernière", "2023"),
                ("03/02/2023", "2023-02-03"),
            ])
        );
    }

    #[test]
    fn spanish() {
        let text = "El Gobierno aprobó el presupuesto el 3 de marzo de 2024. El martes pasado hubo una votación \
                    y el próximo viernes habrá otra. Ayer, la ministra habló por la mañana. \
                    En mayo de 2023 el año pasado fue distinto; el 1º de enero cambió todo.";
        assert_eq!(
            found(text, Lang::Es),
            pairs(&[
                ("3 de marzo de 2024", "2024-03-03"),
                ("martes pasado", "2024-03-05"),
                ("próximo viernes", "2024-03-15"),
                ("Ayer", "2024-03-10"),
                ("mayo de 2023", "2023-05"),
                ("año pasado", "2023"),
                ("1º de enero", "2024-01-01"),
            ])
        );
    }

    #[test]
    fn without_article_date_values_keep_x() {
        let doc = Doc::analyze(
            Article {
                text: "Am Dienstag und am 3. März sprach sie.".into(),
                ..Article::default()
            },
            &AnalyzeOptions::default(),
        );
        let v: Vec<String> = recognize_lang(&doc.text, &doc.tokens, None, Lang::De)
            .into_iter()
            .map(|t| t.value)
            .collect();
        assert_eq!(v, ["XXXX-WXX-2", "XXXX-03-03"]);
    }

    #[test]
    fn no_panic_on_odd_tokens() {
        for text in [
            "3.",
            "3. ",
            ". März",
            "de de de 2024",
            "99.99.9999",
            "31/02/2024",
            "l'",
            "1er",
        ] {
            for lang in [Lang::De, Lang::Fr, Lang::Es] {
                let _ = found(text, lang);
            }
        }
        assert!(found("31/02/2024", Lang::Fr).is_empty());
    }
}

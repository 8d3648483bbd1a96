//! Direct quotations in German, French and Spanish: the quotation marks of
//! each language, the cue verbs of reporting, and the speaker named next
//! to them. Kept apart from the English finder ([`crate::find`]).
//!
//! - Marks: German `„…“`, `»…«` and `“…”`; French `« … »`; Spanish `«…»`
//!   and `“…”`; straight `"…"` in all three. A quotation stays within its
//!   paragraph; one or two quoted words are scare quotes, not quotations.
//! - Speaker after the quotation: `„…“, sagte die Ministerin.`,
//!   `« … », a déclaré le maire.`, `« … », a-t-il dit.`,
//!   `«…», dijo la ministra.`, `„…“, so Müller.`
//! - Speaker before: `Die Ministerin sagte: „…“`, `Le maire a déclaré : « … »`,
//!   `La ministra dijo: «…»`.
//!
//! The speaker is the words after the cue up to punctuation or a clause
//! word (at most six), or the words before the cue back to the start of
//! the sentence or a comma. Reported (indirect) speech is not covered in
//! these languages.

use crate::find::{EntityMention, Kind, Quote};
use newsmill_sdk::{Sentence, Token};

/// A language the quotation rules cover.
///
/// ```
/// use newsmill_quotes::lang::Lang;
/// assert_eq!(Lang::from_code("es"), Some(Lang::Es));
/// assert_eq!(Lang::from_code("en"), None);
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

    /// The closing mark for an opening one, in this language.
    fn closer(self, open: &str) -> Option<&'static str> {
        Some(match (self, open) {
            (_, "\"") => "\"",
            (Lang::De, "„") => "“",
            (Lang::De, "»") => "«",
            (Lang::De, "“") => "”",
            (Lang::Fr | Lang::Es, "«") => "»",
            (Lang::Fr | Lang::Es, "“") => "”",
            _ => return None,
        })
    }

    /// A single-word cue verb (lower case).
    fn cue(self, w: &str) -> bool {
        match self {
            Lang::De => matches!(
                w,
                "sagte"
                    | "sagten"
                    | "sagt"
                    | "sagen"
                    | "erklärte"
                    | "erklärten"
                    | "erklärt"
                    | "betonte"
                    | "betont"
                    | "meinte"
                    | "meint"
                    | "fügte"
                    | "schrieb"
                    | "schreibt"
                    | "kritisierte"
                    | "warnte"
                    | "warnt"
                    | "forderte"
                    | "erläuterte"
                    | "berichtete"
                    | "antwortete"
                    | "fragte"
                    | "rief"
                    | "versicherte"
                    | "bekräftigte"
                    | "unterstrich"
                    | "behauptete"
                    | "teilte"
                    | "so"
            ),
            Lang::Fr => matches!(
                w,
                "déclaré"
                    | "dit"
                    | "affirmé"
                    | "expliqué"
                    | "ajouté"
                    | "souligné"
                    | "estimé"
                    | "indiqué"
                    | "précisé"
                    | "assuré"
                    | "lancé"
                    | "répondu"
                    | "averti"
                    | "reconnu"
                    | "déclare"
                    | "explique"
                    | "ajoute"
                    | "affirme"
                    | "souligne"
                    | "estime"
                    | "indique"
                    | "précise"
                    | "assure"
                    | "lance"
                    | "répond"
                    | "déclara"
                    | "selon"
            ),
            Lang::Es => matches!(
                w,
                "dijo"
                    | "dice"
                    | "dijeron"
                    | "afirmó"
                    | "afirma"
                    | "declaró"
                    | "declara"
                    | "explicó"
                    | "explica"
                    | "añadió"
                    | "agregó"
                    | "aseguró"
                    | "asegura"
                    | "señaló"
                    | "señala"
                    | "indicó"
                    | "manifestó"
                    | "advirtió"
                    | "sostuvo"
                    | "subrayó"
                    | "destacó"
                    | "comentó"
                    | "respondió"
                    | "preguntó"
                    | "según"
            ),
        }
    }

    /// An auxiliary that may come before the cue participle (French
    /// `a déclaré`, `ont dit`, `a-t-il déclaré`).
    fn auxiliary(self, w: &str) -> bool {
        self == Lang::Fr
            && matches!(
                w,
                "a" | "ont" | "avait" | "a-t-il" | "a-t-elle" | "ont-ils" | "ont-elles"
            )
    }

    /// A word that ends a speaker phrase after the cue.
    fn stops_speaker(self, w: &str) -> bool {
        match self {
            Lang::De => matches!(
                w,
                "und" | "dass" | "am" | "im" | "auf" | "in" | "bei" | "vor"
            ),
            Lang::Fr => matches!(
                w,
                "et" | "que" | "qui" | "lors" | "dans" | "à" | "au" | "en"
            ),
            Lang::Es => matches!(w, "y" | "que" | "en" | "durante" | "a" | "al" | "ante"),
        }
    }
}

/// A subject pronoun carried by the French inverted cue (`a-t-il dit`).
fn inverted_pronoun(w: &str) -> Option<usize> {
    // Byte offset of the pronoun in the token.
    ["-t-il", "-t-elle", "-ils", "-elles", "-il", "-elle"]
        .iter()
        .find(|p| w.ends_with(*p))
        .map(|p| w.len() - p.len() + p.rfind('-').map_or(0, |i| i + 1))
}

/// Find direct quotations in a text written in `lang`.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// use newsmill_quotes::lang::{Lang, find_lang};
/// let text = "« C'est un budget juste », a déclaré le maire.";
/// let doc = Doc::analyze(Article { text: text.into(), ..Article::default() }, &AnalyzeOptions::default());
/// let q = find_lang(&doc.text, &doc.tokens, &doc.sentences, &[], Lang::Fr);
/// let (s, e) = q[0].speaker.unwrap();
/// assert_eq!(&text[s as usize..e as usize], "le maire");
/// ```
pub fn find_lang(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &[EntityMention],
    lang: Lang,
) -> Vec<Quote> {
    let cx = Cx { text, tokens };
    let tok = |i: usize| cx.tok(i);
    let sent_of = |i: usize| {
        sentences
            .iter()
            .position(|s| (s.token_start as usize..s.token_end as usize).contains(&i))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(close_mark) = lang.closer(tok(i)) else {
            i += 1;
            continue;
        };
        // The closing mark within the paragraph.
        let mut j = i + 1;
        let mut found = None;
        while j < tokens.len() && j < i + 400 {
            let gap = text
                .get(tokens[j - 1].end as usize..tokens[j].start as usize)
                .unwrap_or("");
            if gap.matches('\n').count() >= 2 {
                break;
            }
            if tok(j) == close_mark {
                found = Some(j);
                break;
            }
            j += 1;
        }
        let Some(c) = found else {
            i += 1;
            continue;
        };
        let words = (i + 1..c)
            .filter(|&k| tok(k).chars().next().is_some_and(char::is_alphanumeric))
            .count();
        if words <= 2 {
            i = c + 1;
            continue;
        }
        let mut q = Quote {
            content: (tokens[i].start, tokens[c].end),
            cue: None,
            speaker: None,
            entity: None,
            kind: Kind::Direct,
        };
        if let Some((cue, speaker)) =
            after(lang, c, &cx, tokens.len()).or_else(|| before(lang, i, &cx, sentences, sent_of))
        {
            q.cue = Some((tokens[cue.0].start, tokens[cue.1].end));
            q.speaker = speaker.map(|(s, e)| span(tokens, text, s, e));
        }
        if let Some((s, e)) = q.speaker {
            q.entity = mentions
                .iter()
                .find(|m| m.start < e && s < m.end)
                .map(|m| m.entity);
        }
        out.push(q);
        i = c + 1;
    }
    out
}

/// Byte span of tokens `s..=e`; for a French inverted cue token
/// (`a-t-il`) alone, the pronoun inside it.
fn span(tokens: &[Token], text: &str, s: usize, e: usize) -> (u32, u32) {
    if s == e
        && let Some(off) = inverted_pronoun(tokens[s].text(text))
    {
        return (tokens[s].start + off as u32, tokens[s].end);
    }
    (tokens[s].start, tokens[e].end)
}

/// Token access.
struct Cx<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Cx<'a> {
    fn tok(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn low(&self, i: usize) -> String {
        self.tok(i).to_lowercase()
    }
}

/// Token index ranges (inclusive).
type Found = ((usize, usize), Option<(usize, usize)>);

/// `„…“, sagte die Ministerin.`: a comma (or the mark alone) after the
/// closing mark at `c`, then the cue, then the speaker.
fn after(lang: Lang, c: usize, cx: &Cx<'_>, n: usize) -> Option<Found> {
    let mut k = c + 1;
    if matches!(cx.tok(k), "," | "—" | "–") {
        k += 1;
    }
    let aux = lang.auxiliary(&cx.low(k));
    let cue_start = k;
    if aux {
        k += 1;
    }
    if !lang.cue(&cx.low(k)) {
        return None;
    }
    let (cue_end, speaker_start) = (k, k + 1);
    // "a-t-il déclaré": the pronoun inside the auxiliary is the speaker.
    if aux && inverted_pronoun(cx.tok(cue_start)).is_some() {
        return Some(((cue_start, cue_end), Some((cue_start, cue_start))));
    }
    // German "fügte ... hinzu", "teilte ... mit": the particle is not part
    // of the speaker.
    let mut e = speaker_start;
    while e < n && e < speaker_start + 6 {
        let t = cx.tok(e);
        if !t.chars().next().is_some_and(char::is_alphanumeric) || lang.stops_speaker(&cx.low(e)) {
            break;
        }
        if lang == Lang::De && matches!(t, "hinzu" | "mit") {
            break;
        }
        e += 1;
    }
    let speaker = (e > speaker_start).then(|| (speaker_start, e - 1));
    Some(((cue_start, cue_end), speaker))
}

/// `Die Ministerin sagte: „…“`: the cue before a colon before the opening
/// mark at `o`, the speaker before the cue back to the sentence start or a
/// comma.
fn before(
    lang: Lang,
    o: usize,
    cx: &Cx<'_>,
    sentences: &[Sentence],
    sent_of: impl Fn(usize) -> Option<usize>,
) -> Option<Found> {
    if o < 2 || cx.tok(o - 1) != ":" {
        return None;
    }
    let k = o - 2;
    if !lang.cue(&cx.low(k)) || cx.low(k) == "so" || cx.low(k) == "selon" || cx.low(k) == "según" {
        return None;
    }
    let cue_start = if k > 0 && lang.auxiliary(&cx.low(k - 1)) {
        k - 1
    } else {
        k
    };
    let first = sent_of(k)
        .and_then(|s| sentences.get(s))
        .map_or(0, |s| s.token_start as usize);
    let mut s = cue_start;
    while s > first {
        let t = cx.tok(s - 1);
        if !t.chars().next().is_some_and(char::is_alphanumeric) {
            break;
        }
        s -= 1;
    }
    let speaker = (s < cue_start).then(|| (s, cue_start - 1));
    Some(((cue_start, k), speaker))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use newsmill_core::{AnalyzeOptions, Article, Doc};

    /// (quotation, cue, speaker) as text.
    fn quotes(text: &str, lang: Lang) -> Vec<(String, String, String)> {
        let doc = Doc::analyze(
            Article {
                text: text.into(),
                ..Article::default()
            },
            &AnalyzeOptions::default(),
        );
        let s = |r: Option<(u32, u32)>| {
            r.map_or(String::new(), |(a, b)| {
                text[a as usize..b as usize].to_string()
            })
        };
        find_lang(&doc.text, &doc.tokens, &doc.sentences, &[], lang)
            .into_iter()
            .map(|q| (s(Some(q.content)), s(q.cue), s(q.speaker)))
            .collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn german() {
        let text = "Der Bundestag hat abgestimmt. „Das ist ein guter Tag für das Klima“, sagte die Ministerin. \
                    Der Kanzler sagte: „Wir haben lange verhandelt.“ Die Opposition sprach von einem „Fehler“. \
                    „Wir werden klagen“, so Müller.\n\n»Das Gesetz kommt zu spät«, erklärte sie am Abend.";
        assert_eq!(
            quotes(text, Lang::De),
            [
                t(
                    "„Das ist ein guter Tag für das Klima“",
                    "sagte",
                    "die Ministerin"
                ),
                t("„Wir haben lange verhandelt.“", "sagte", "Der Kanzler"),
                t("„Wir werden klagen“", "so", "Müller"),
                t("»Das Gesetz kommt zu spät«", "erklärte", "sie"),
            ]
        );
    }

    #[test]
    fn french() {
        let text = "Le conseil s'est réuni. « C'est un budget juste », a déclaré le maire de Lyon. \
                    « Nous ne céderons pas », a-t-il ajouté. La ministre a déclaré : « Le texte sera voté en juin. » \
                    L'opposition dénonce une « erreur ».";
        assert_eq!(
            quotes(text, Lang::Fr),
            [
                t("« C'est un budget juste »", "a déclaré", "le maire de Lyon"),
                t("« Nous ne céderons pas »", "a-t-il ajouté", "il"),
                t(
                    "« Le texte sera voté en juin. »",
                    "a déclaré",
                    "La ministre"
                ),
            ]
        );
    }

    #[test]
    fn spanish() {
        let text = "El Gobierno aprobó el presupuesto. «Es un buen día para el país», dijo la ministra Ana Pérez. \
                    El presidente afirmó: «No habrá recortes en sanidad». La oposición habló de un «error». \
                    “Vamos a recurrir la ley”, señaló el portavoz en rueda de prensa.";
        assert_eq!(
            quotes(text, Lang::Es),
            [
                t(
                    "«Es un buen día para el país»",
                    "dijo",
                    "la ministra Ana Pérez"
                ),
                t("«No habrá recortes en sanidad»", "afirmó", "El presidente"),
                t("“Vamos a recurrir la ley”", "señaló", "el portavoz"),
            ]
        );
    }

    #[test]
    fn unclosed_and_odd_marks_do_not_panic() {
        for text in [
            "„",
            "« »",
            "«a b c",
            "\"\"\"",
            "„a b c“, sagte",
            "« a b c », a-t-il",
            ": „x y z“",
        ] {
            for lang in [Lang::De, Lang::Fr, Lang::Es] {
                let _ = quotes(text, lang);
            }
        }
        assert!(quotes("«a b c", Lang::Fr).is_empty());
    }
}

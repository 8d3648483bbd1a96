//! Temporal expressions in news text, as a newsmill extractor: dates,
//! times, durations and sets (TimeML TIMEX3), each normalised to a TIMEX3
//! value against the article date.
//!
//! "Friday" in an article of 2013-03-25 is `2013-03-22`, "last week" is
//! `2013-W12`, "a month" is `P1M`, "every Monday" is the SET
//! `XXXX-WXX-1`, "recently" is `PAST_REF`.
//!
//! The recognizer ([`recognize`]) is a hand-written scan over the tokens
//! newsmill already made (no re-tokenizing, no regex), in the spirit of
//! the rule-based HeidelTime and SUTime. The article date ([`article_date`])
//! comes from the input's `published` field, else from an ISO date or a
//! "Month day, year" date in the first lines of the text (a CoNLL-style
//! `1996-12-06` line after the dateline), else it is unknown: relative
//! expressions then keep `X` for what is not known (`XXXX-XX-XX` for
//! "yesterday", `XXXX` for "last year", `XXXX-WXX-5` for "Friday"), the
//! TimeML way of writing an undetermined value, never a guess.
//!
//! Output, under `"dates"` in each record:
//! `{"start": 15, "end": 21, "text": "Friday", "label": "DATE", "value": "2013-03-22", "anchor": "2013-03-25"}`
//! (`anchor`: the article date a relative value was computed from; `mod`:
//! `START`, `MID` or `END` for "early March", "mid-1990s", "the end of 1990").
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_dates::Dates;
//! use newsmill_sdk::{DocView, Extractor, Setup, HostSink};
//!
//! let article = Article {
//!     text: "Prices rose last week and will rise again in three months.".into(),
//!     published: Some("2013-03-25".into()),
//!     ..Article::default()
//! };
//! let doc = Doc::analyze(article, &AnalyzeOptions::default());
//! let mut vocab = Vocab::default();
//! let layer = vocab.intern("dates");
//! let config = serde_json::json!({});
//! let dates = Dates::create(&mut Setup::new(&config, &mut vocab)).unwrap();
//! let mut sink = HostSink::new(&doc, layer, vocab.len());
//! dates.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
//! assert_eq!(sink.len(), 2);
//! ```

pub mod date;
pub mod lang;
mod lexicon;
mod recognize;

pub use recognize::{Timex, TimexType, recognize};

use date::Date;
use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// The article date of a document: `published` when it parses (ISO
/// `2013-03-22`, `2013-03-22T10:00Z`, `20130322`, `March 22, 2013`,
/// `Fri, 22 Mar 2013 10:00:00 GMT`), else a date in its first lines.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// use newsmill_dates::article_date;
/// use newsmill_sdk::DocView;
/// let doc = Doc::analyze(Article::from_text("a", "Title\n\nLONDON 1996-12-06\n\nShares fell."), &AnalyzeOptions::default());
/// assert_eq!(article_date(&DocView::from_doc(&doc)).map(|d| d.to_string()), Some("1996-12-06".into()));
/// ```
pub fn article_date(doc: &DocView<'_>) -> Option<Date> {
    if let Some(p) = doc.published
        && let Some(d) = parse_date(p)
    {
        return Some(d);
    }
    // The first lines: the first 40 tokens.
    let toks = &doc.tokens[..doc.tokens.len().min(40)];
    for (i, t) in toks.iter().enumerate() {
        let s = t.text(doc.text);
        if s.len() == 10
            && let Some(d) = Date::parse_iso(s)
        {
            return Some(d);
        }
        if let Some(m) = lexicon::month(&s.to_lowercase()) {
            let next = |k: usize| toks.get(i + k).map_or("", |t| t.text(doc.text));
            if let Some(d) = lexicon::day_number(next(1)) {
                let y = if next(2) == "," { next(3) } else { next(2) };
                if let Some(y) = lexicon::year(y)
                    && let Some(d) = Date::new(y, m, d)
                {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// Parse a date as found in metadata: ISO forms, "March 22, 2013",
/// "22 March 2013", "Fri, 22 Mar 2013 10:00:00 GMT".
///
/// ```
/// use newsmill_dates::parse_date;
/// assert_eq!(parse_date("Fri, 22 Mar 2013 10:00:00 GMT").map(|d| d.to_string()), Some("2013-03-22".into()));
/// assert_eq!(parse_date("March 22, 2013").map(|d| d.to_string()), Some("2013-03-22".into()));
/// assert_eq!(parse_date("yesterday"), None);
/// ```
pub fn parse_date(s: &str) -> Option<Date> {
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let (mut m, mut d, mut y) = (None, None, None);
    for w in &words {
        if m.is_none()
            && let Some(x) = lexicon::month(w).or_else(|| lexicon::month(&format!("{w}.")))
        {
            m = Some(x);
            continue;
        }
        if d.is_none()
            && let Some(x) = lexicon::day_number(w)
        {
            d = Some(x);
            continue;
        }
        if y.is_none() {
            y = lexicon::year(w);
        }
    }
    Date::new(y?, m?, d?)
}

/// The `dates` extractor.
#[derive(Debug)]
pub struct Dates {
    labels: [u32; 4],
    value: u32,
    modifier: u32,
    anchor: u32,
    /// `language` in the configuration: absent or `auto` follows each
    /// article's language (`None`); a code (`en`, `de`, `fr`, `es`) uses
    /// that language's rules on every article (`Some(None)` is English).
    forced: Option<Option<lang::Lang>>,
}

impl Dates {
    /// The rules for this article: the configured language, else the
    /// article's own (English when it is not one with rules of its own,
    /// which happens only when `languages` was widened).
    fn rules(&self, doc: &DocView<'_>) -> Option<lang::Lang> {
        match self.forced {
            Some(forced) => forced,
            None => doc.language.and_then(lang::Lang::from_code),
        }
    }
}

impl Extractor for Dates {
    const NAME: &'static str = "dates";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "tokens,sentences";
    const LANGUAGES: &'static str = "en,de,fr,es";
    const DESCRIPTION: &'static str = "temporal expressions (TIMEX3 DATE, TIME, DURATION, SET) normalised against the article date";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        let forced = match setup.get::<String>("language")? {
            None => None,
            Some(code) if code == "auto" => None,
            Some(code) if code == "en" => Some(None),
            Some(code) => Some(Some(lang::Lang::from_code(&code).ok_or_else(|| {
                Error(format!(
                    "configuration key \"language\": {code:?} is not covered (auto, en, de, fr, es)"
                ))
            })?)),
        };
        Ok(Dates {
            forced,
            labels: [
                setup.intern("DATE"),
                setup.intern("TIME"),
                setup.intern("DURATION"),
                setup.intern("SET"),
            ],
            value: setup.intern("value"),
            modifier: setup.intern("mod"),
            anchor: setup.intern("anchor"),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let anchor = article_date(doc);
        let anchor_text = anchor.map(|d| d.to_string()).unwrap_or_default();
        let found = match self.rules(doc) {
            None => recognize(doc.text, doc.tokens, doc.sentences, anchor),
            Some(l) => lang::recognize_lang(doc.text, doc.tokens, anchor, l),
        };
        for t in found {
            let label = self.labels[match t.kind {
                TimexType::Date => 0,
                TimexType::Time => 1,
                TimexType::Duration => 2,
                TimexType::Set => 3,
            }];
            let mut a = out
                .annotation(t.start as u32, t.end as u32, label)
                .str(self.value, &t.value);
            if let Some(m) = t.modifier {
                a = a.str(self.modifier, m);
            }
            if t.anchored {
                a = a.str(self.anchor, &anchor_text);
            }
            a.emit()?;
        }
        Ok(())
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(Dates);

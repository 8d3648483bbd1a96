//! Who said what, as the newsmill extractor `quotes`: direct quotations
//! and reported (indirect) speech, each with its cue, its speaker as
//! written and the entity (from the `entities` extractor) the speaker
//! resolves to.
//!
//! - **Direct**: text between double quotation marks (straight `"` or
//!   curly `“ ”`, with single quotes nested inside), over several
//!   paragraphs when each paragraph reopens the quote, joined across an
//!   attribution in the middle (`“It is,” he said, “a disgrace.”`), with
//!   the speaker after, before or inside, in an introduction ending with a
//!   colon in the paragraph before, or carried over from the quotation just
//!   before, or named after a dash ending the paragraph (`“...” ― Name`).
//!   One or two quoted words are scare quotes, not quotations.
//! - **Indirect**: `X said (that) ...`, `X told reporters that ...`,
//!   `..., X said.`, `..., said X.`, `according to X, ...`,
//!   `..., according to X`, `asked whether ...`, `In a new poll, ...`,
//!   `Name: ...` at a paragraph start; verbs of thinking and finding
//!   ("believes", "polls show"), of stance and intention ("criticized
//!   the accord", "wants to run", "called for a ban", "declined to
//!   comment") with the rest of their clause; "reportedly" and "seems to"
//!   without a source. Content stops before ", saying" and before a
//!   quotation.
//! - **Mixed**: reported speech with a quoted part, or a quotation
//!   introduced by "that".
//! - **Speakers**: a name in the speaker phrase gives its entity; "he" and
//!   "she" the latest compatible speaker nearby, else the nearest person
//!   named before (gender from a hand-written first-name list); "who" the
//!   name before it; role nouns ("the spokesman") the person named with
//!   that role earlier; "it", "the company" the latest organisation.
//!
//! Output, under `"quotes"` in each record, one entry per quotation, its
//! span the content, its label the kind:
//!
//! `{"start": 1210, "end": 1239, "text": "“Pavel Durov was too free,”", "label": "direct", "cue": {"start": 1247, "end": 1254, "text": "remarked"}, "speaker": {"start": 1240, "end": 1246, "text": "Lavrov"}, "entity": 2, "speaker_name": "Sergei Lavrov"}`
//!
//! (`entity` is the speaker's entity number in the record's `entities`).
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_sdk::{DocView, Extractor, Setup, HostSink};
//! use newsmill_quotes::Quotes;
//!
//! let doc = Doc::analyze(
//!     Article::from_text("a", "Talks\n\n“We will not give in,” the minister said."),
//!     &AnalyzeOptions::default(),
//! );
//! let mut vocab = Vocab::default();
//! let config = serde_json::json!({});
//! let quotes = Quotes::create(&mut Setup::new(&config, &mut vocab)).unwrap();
//! let layer = vocab.intern("quotes");
//! let mut sink = HostSink::new(&doc, layer, vocab.len());
//! quotes.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
//! assert_eq!(sink.len(), 1);
//! ```

pub mod find;
pub mod lang;
mod lexicon;

use find::{EntityMention, Input, Kind};
use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// The `quotes` extractor.
#[derive(Debug)]
pub struct Quotes {
    entities: u32,
    entity: u32,
    name: u32,
    types: [u32; 4],
    kinds: [u32; 3],
    cue: u32,
    speaker: u32,
    speaker_name: u32,
    /// `language` in the configuration: absent or `auto` follows each
    /// article's language (`None`); a code (`en`, `de`, `fr`, `es`) uses
    /// that language's rules on every article (`Some(None)` is English).
    forced: Option<Option<lang::Lang>>,
}

/// Gender of a first name: 1 male, 2 female, 0 unknown.
fn gender_of(name: &str) -> u8 {
    let first = name.split_whitespace().next().unwrap_or("");
    if lexicon::has(lexicon::MALE, first) {
        1
    } else if lexicon::has(lexicon::FEMALE, first) {
        2
    } else {
        0
    }
}

impl Quotes {
    /// The entity mentions of a document, the canonical name and gender
    /// of each entity.
    fn entities<'a>(&self, doc: &DocView<'a>) -> (Vec<EntityMention>, Vec<&'a str>, Vec<u8>) {
        let mut ms = Vec::new();
        let mut names: Vec<&'a str> = Vec::new();
        let mut genders: Vec<u8> = Vec::new();
        for (_, a) in doc.layer(self.entities) {
            let Some(e) = doc.attr(a, self.entity).and_then(|x| x.int_value()) else {
                continue;
            };
            let Some(e) = usize::try_from(e).ok().filter(|&e| e < 1_000_000) else {
                continue;
            };
            let ty = self.types.iter().position(|&t| t == a.label).unwrap_or(3) as u8;
            if names.len() <= e {
                names.resize(e + 1, "");
                genders.resize(e + 1, 0);
            }
            if let Some(n) = doc.attr(a, self.name).and_then(|x| doc.attr_str(x)) {
                names[e] = n;
                if ty == 0 {
                    genders[e] = gender_of(n);
                }
            }
            // "Mr." / "Mrs." before a mention.
            let before = doc.text.get(..a.start as usize).unwrap_or("").trim_end();
            if before.ends_with("Mr.") || before.ends_with("Mr") {
                genders[e] = 1;
            } else if before.ends_with("Mrs.") || before.ends_with("Ms.") || before.ends_with("Mrs")
            {
                genders[e] = 2;
            }
            ms.push(EntityMention {
                start: a.start,
                end: a.end,
                entity: e as u32,
                ty,
            });
        }
        (ms, names, genders)
    }
}

impl Quotes {
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

impl Extractor for Quotes {
    const NAME: &'static str = "quotes";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "tokens,sentences,entities?";
    const LANGUAGES: &'static str = "en,de,fr,es";
    const DESCRIPTION: &'static str =
        "direct and indirect quotations with cue, speaker and the speaker's entity";

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
        Ok(Quotes {
            forced,
            entities: setup.intern("entities"),
            entity: setup.intern("entity"),
            name: setup.intern("name"),
            types: ["PER", "ORG", "LOC", "MISC"].map(|t| setup.intern(t)),
            kinds: [Kind::Direct, Kind::Indirect, Kind::Mixed].map(|k| setup.intern(k.name())),
            cue: setup.intern("cue"),
            speaker: setup.intern("speaker"),
            speaker_name: setup.intern("speaker_name"),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let (mentions, names, genders) = self.entities(doc);
        let quotes = match self.rules(doc) {
            Some(l) => lang::find_lang(doc.text, doc.tokens, doc.sentences, &mentions, l),
            None => find::find(&Input {
                text: doc.text,
                tokens: doc.tokens,
                sentences: doc.sentences,
                mentions: &mentions,
                genders: &genders,
                title: doc.title.map(|t| (t.start, t.end)),
            }),
        };
        for q in quotes {
            let kind = self.kinds[match q.kind {
                Kind::Direct => 0,
                Kind::Indirect => 1,
                Kind::Mixed => 2,
            }];
            let mut a = out.annotation(q.content.0, q.content.1, kind);
            if let Some((s, e)) = q.cue {
                a = a.span(self.cue, s, e);
            }
            if let Some((s, e)) = q.speaker {
                a = a.span(self.speaker, s, e);
            }
            if let Some(e) = q.entity {
                a = a.int(self.entity, i64::from(e));
                if let Some(n) = names.get(e as usize).filter(|n| !n.is_empty()) {
                    a = a.str(self.speaker_name, n);
                }
            }
            a.emit()?;
        }
        Ok(())
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(Quotes);

//! Entities within an article, as the newsmill extractor `entities`: the
//! `ner` mentions clustered into real-world entities. "Pavel Durov",
//! "Durov" and "Durov's" are one PER entity; "Securities and Exchange
//! Commission" and "SEC" one ORG.
//!
//! Rules ([`cluster`]): longer names found entities first; a shorter
//! mention joins an entity when it is the same words, a contiguous part of
//! the name ("Durov", "Mr. Durov" for "Pavel Durov"; the first name alone
//! for a person), or an acronym of it ("SEC"); a surname the tagger typed
//! ORG or MISC still joins the person. With several candidates (two
//! Clintons) the one mentioned nearest before wins. The canonical name is
//! the longest form; the type is the canonical mention's. Salience: each
//! mention scores 3 in the headline, else between 1 and 2 (2 at the start
//! of the text, 1 at its end); an entity's sum is divided by the
//! document's highest, so the most salient entity has 1.
//!
//! Output, under `"entities"` in each record: one entry **per mention**, in
//! text order, carrying its entity: `entity` (the entity's number in the
//! article, 0 = most salient), `name` (canonical name), `mentions` (the
//! entity's mention count) and `salience`:
//!
//! `{"start": 28, "end": 33, "text": "Durov", "label": "PER", "entity": 0, "name": "Pavel Durov", "mentions": 5, "salience": 1.0}`
//!
//! Group by `entity` to get one entry per entity.
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_entities::Entities;
//! use newsmill_sdk::{DocView, Extractor, Setup, HostSink};
//!
//! let text = "Durov held\n\nPavel Durov was held in Paris. Durov's lawyers spoke.";
//! let mut doc = Doc::analyze(Article::from_text("a", text), &AnalyzeOptions::default());
//! let mut vocab = Vocab::default();
//! let config = serde_json::json!({});
//! let ents = Entities::create(&mut Setup::new(&config, &mut vocab)).unwrap();
//! let (ner, entities) = (vocab.intern("ner"), vocab.intern("entities"));
//! let (per, loc) = (vocab.intern("PER"), vocab.intern("LOC"));
//! // What the `ner` extractor would have found.
//! let mut sink = HostSink::new(&doc, ner, vocab.len());
//! let mut out = sink.emitter(&doc.text);
//! for (s, e, label) in [(0, 5, per), (12, 23, per), (36, 41, loc), (43, 48, per)] {
//!     out.emit(s, e, label).unwrap();
//! }
//! sink.append_to(&mut doc);
//! let mut sink = HostSink::new(&doc, entities, vocab.len());
//! ents.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
//! sink.append_to(&mut doc);
//! let key = vocab.get("entity").unwrap();
//! let ids: Vec<Option<i64>> = doc.annotations.iter().filter(|a| a.layer == entities)
//!     .map(|a| doc.attrs[a.attr_start as usize..a.attr_end as usize].iter().find(|x| x.key == key).unwrap().int_value())
//!     .collect();
//! // Three mentions of Pavel Durov (entity 0, the most salient), one of Paris.
//! assert_eq!(ids, vec![Some(0), Some(0), Some(1), Some(0)]);
//! ```
//! ```

pub mod cluster;

use cluster::{Mention, TYPES, cluster};
use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// The `entities` extractor.
#[derive(Debug)]
pub struct Entities {
    ner: u32,
    labels: [u32; 4],
    entity: u32,
    name: u32,
    mentions: u32,
    salience: u32,
}

/// The NER mentions of a document view, in text order.
pub fn ner_mentions(doc: &DocView<'_>, ner_layer: u32, labels: &[u32; 4]) -> Vec<Mention> {
    let title = doc.title;
    doc.layer(ner_layer)
        .filter_map(|(_, a)| {
            let ty = labels.iter().position(|&l| l == a.label)? as u8;
            Some(Mention {
                start: a.start,
                end: a.end,
                ty,
                in_title: title.is_some_and(|t| a.start >= t.start && a.end <= t.end),
            })
        })
        .collect()
}

impl Extractor for Entities {
    const NAME: &'static str = "entities";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "tokens,ner";
    const LANGUAGES: &'static str = "en";
    const DESCRIPTION: &'static str =
        "NER mentions clustered into entities: canonical name, type, mentions, salience";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        Ok(Entities {
            ner: setup.intern("ner"),
            labels: TYPES.map(|t| setup.intern(t)),
            entity: setup.intern("entity"),
            name: setup.intern("name"),
            mentions: setup.intern("mentions"),
            salience: setup.intern("salience"),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let mentions = ner_mentions(doc, self.ner, &self.labels);
        let ents = cluster(doc.text, &mentions);
        // Entity of each mention.
        let mut of = vec![usize::MAX; mentions.len()];
        for (e, ent) in ents.iter().enumerate() {
            for &m in &ent.mentions {
                of[m] = e;
            }
        }
        for (m, &e) in mentions.iter().zip(&of) {
            let Some(ent) = ents.get(e) else { continue };
            let c = &mentions[ent.canonical];
            let name = doc.text.get(c.start as usize..c.end as usize).unwrap_or("");
            out.annotation(m.start, m.end, self.labels[ent.ty as usize & 3])
                .int(self.entity, e as i64)
                .str(self.name, name)
                .int(self.mentions, ent.mentions.len() as i64)
                .num(self.salience, ent.salience)
                .emit()?;
        }
        Ok(())
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(Entities);

//! `entity_list`: each entity of an article once, for readers who want
//! "who is in this story" without regrouping the per-mention `entities`
//! entries.
//!
//! One entry per entity, most salient first (the `entities` numbering):
//! `{start, end, text, label, entity, name, salience, mentions, quotes}`.
//! The span is the first mention that spells the canonical name; `label`
//! the entity's type (PER, ORG, LOC, MISC); `mentions` how often it is
//! mentioned; `quotes` how many of the article's quotations `quotes`
//! attributes to it (0 when `quotes` did not run). The mentions themselves
//! are the `entities` entries with the same `entity` number, the
//! quotations the `quotes` entries with that `entity`.
//!
//! ```
//! use newsmill_entity_list::EntityList;
//! use newsmill_sdk::Extractor;
//! assert_eq!(EntityList::NAME, "entity_list");
//! assert_eq!(EntityList::REQUIRES, "entities,quotes?");
//! ```

use newsmill_sdk::{Annotation, DocView, Emitter, Error, Extractor, Setup};

/// The `entity_list` extractor.
#[derive(Debug)]
pub struct EntityList {
    entities: u32,
    quotes: u32,
    entity: u32,
    name: u32,
    salience: u32,
    mentions: u32,
    quoted: u32,
}

/// What is gathered about one entity from its mentions.
#[derive(Clone, Copy, Debug, Default)]
struct Gathered<'a> {
    /// The first mention, and the first that spells the canonical name.
    first: Option<&'a Annotation>,
    named: Option<&'a Annotation>,
    name: &'a str,
    salience: f64,
    mentions: i64,
    quotes: i64,
}

/// An entity number attribute as an index (entity numbers are small).
fn index(doc: &DocView<'_>, a: &Annotation, key: u32) -> Option<usize> {
    let n = doc.attr(a, key)?.int_value()?;
    usize::try_from(n).ok().filter(|&n| n < 1_000_000)
}

impl Extractor for EntityList {
    const NAME: &'static str = "entity_list";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "entities,quotes?";
    const LANGUAGES: &'static str = "en";
    const DESCRIPTION: &'static str =
        "each entity once: canonical name, type, salience, mention and quotation counts";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        Ok(EntityList {
            entities: setup.intern("entities"),
            quotes: setup.intern("quotes"),
            entity: setup.intern("entity"),
            name: setup.intern("name"),
            salience: setup.intern("salience"),
            mentions: setup.intern("mentions"),
            quoted: setup.intern("quotes"),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let mut ents: Vec<Gathered<'_>> = Vec::new();
        for (_, a) in doc.layer(self.entities) {
            let Some(e) = index(doc, a, self.entity) else {
                continue;
            };
            if ents.len() <= e {
                ents.resize(e + 1, Gathered::default());
            }
            let g = &mut ents[e];
            g.mentions += 1;
            g.first = g.first.or(Some(a));
            if let Some(n) = doc.attr(a, self.name).and_then(|x| doc.attr_str(x)) {
                g.name = n;
            }
            if let Some(s) = doc.attr(a, self.salience).map(|x| x.num) {
                g.salience = s;
            }
            if g.named.is_none() && doc.text.get(a.start as usize..a.end as usize) == Some(g.name) {
                g.named = Some(a);
            }
        }
        for (_, q) in doc.layer(self.quotes) {
            if let Some(g) = index(doc, q, self.entity).and_then(|e| ents.get_mut(e)) {
                g.quotes += 1;
            }
        }
        for (e, g) in ents.iter().enumerate() {
            let Some(at) = g.named.or(g.first) else {
                continue;
            };
            out.annotation(at.start, at.end, at.label)
                .int(self.entity, e as i64)
                .str(self.name, g.name)
                .num(self.salience, g.salience)
                .int(self.mentions, g.mentions)
                .int(self.quoted, g.quotes)
                .emit()?;
        }
        Ok(())
    }
}

#[cfg(not(feature = "builtin"))]
newsmill_sdk::export_extractor!(EntityList);

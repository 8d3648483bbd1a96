//! Money amounts in news text, as a newsmill extractor: "$1.13bn",
//! "£600m", "300 million euros", "US$5", each with the amount as a number
//! and an ISO 4217 currency code.
//!
//! This crate is the template for your own plugin: [`money`] holds the
//! finding, plain Rust with no newsmill types; the [`Extractor`] impl below
//! turns it into annotations; [`export_extractor!`](newsmill_sdk::export_extractor)
//! makes `cargo build --release` produce a library that `newsmill process
//! --plugin target/release/libnewsmill_example_money.so` loads.
//!
//! Output, under `"money"` in each record:
//! `{"start": 63, "end": 70, "text": "$1.13bn", "label": "MONEY", "amount": 1130000000.0, "currency": "USD"}`
//! (`amount_max` is added for ranges such as "$5-6bn").
//!
//! ```
//! use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
//! use newsmill_example_money::Money;
//! use newsmill_sdk::{DocView, Extractor, Setup, HostSink};
//!
//! let doc = Doc::analyze(Article::from_text("a", "Profits\n\nIt made $1.13bn."), &AnalyzeOptions::default());
//! let mut vocab = Vocab::default();
//! let layer = vocab.intern("money");
//! let config = serde_json::json!({});
//! let money = Money::create(&mut Setup::new(&config, &mut vocab)).unwrap();
//! let mut sink = HostSink::new(&doc, layer, vocab.len());
//! money.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
//! assert_eq!(sink.len(), 1);
//! ```

pub mod money;

pub use money::find_money_into;
pub use money::{Money as Amount, find_money};

use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// The `money` extractor.
#[derive(Debug)]
pub struct Money {
    label: u32,
    amount: u32,
    amount_max: u32,
    currency: u32,
    /// Skip amounts below this (configuration `min`, default 0).
    min: f64,
}

impl Extractor for Money {
    const NAME: &'static str = "money";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const REQUIRES: &'static str = "paragraphs";
    /// Amount words ("million", "bn") and number formats are English.
    const LANGUAGES: &'static str = "en";
    const DESCRIPTION: &'static str = "money amounts, normalised to a number and an ISO 4217 code";

    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        Ok(Money {
            label: setup.intern("MONEY"),
            amount: setup.intern("amount"),
            amount_max: setup.intern("amount_max"),
            currency: setup.intern("currency"),
            min: setup.get::<f64>("min")?.unwrap_or(0.0),
        })
    }

    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        let mut found = Vec::new();
        for p in doc.paragraphs {
            if !p.kind.is_analysed() {
                continue;
            }
            let Some(text) = doc.text.get(p.start as usize..p.end as usize) else {
                continue;
            };
            found.clear();
            find_money_into(text, &mut found);
            for m in &found {
                if m.amount < self.min {
                    continue;
                }
                let (start, end) = (p.start + m.start as u32, p.start + m.end as u32);
                let mut a = out
                    .annotation(start, end, self.label)
                    .num(self.amount, m.amount)
                    .str(self.currency, m.currency);
                if let Some(max) = m.amount_max {
                    a = a.num(self.amount_max, max);
                }
                a.emit()?;
            }
        }
        Ok(())
    }
}

newsmill_sdk::export_extractor!(Money);

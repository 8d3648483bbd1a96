//! A newsmill plugin: stock tickers written after an exchange, as in
//! "(NYSE: IBM)" or "(Nasdaq: AAPL)". Copy this crate to start your own;
//! README.md says how.

use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};

/// The exchanges recognised unless the configuration names others.
const EXCHANGES: &[&str] = &["NYSE", "Nasdaq", "NASDAQ", "LSE", "TSX", "ASX"];

/// The extractor: made once from its configuration, then called for every
/// article, from many threads at once (so it holds no mutable state).
pub struct Ticker {
    exchanges: Vec<String>,
    label: u32,
    exchange_key: u32,
}

impl Extractor for Ticker {
    /// The key of this extractor's output in every record.
    const NAME: &'static str = "ticker";
    const VERSION: &'static str = "0.1.0";
    /// The layers it reads: here only the tokens.
    const REQUIRES: &'static str = "tokens";
    /// The languages it reads: exchange tickers look the same in every
    /// language, so any (`*`). Leave it out and it is English only (`en`);
    /// on other articles the record then says it was skipped.
    const LANGUAGES: &'static str = "*";
    const DESCRIPTION: &'static str = "stock tickers after an exchange name: (NYSE: IBM)";

    /// Called once: read the configuration (`--set ticker.exchanges=...`)
    /// and turn every label and attribute name into an id.
    fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
        let exchanges = setup
            .get::<Vec<String>>("exchanges")?
            .unwrap_or_else(|| EXCHANGES.iter().map(|s| s.to_string()).collect());
        Ok(Ticker {
            exchanges,
            label: setup.intern("TICKER"),
            exchange_key: setup.intern("exchange"),
        })
    }

    /// Called for every article: find tickers, emit one annotation each.
    /// Offsets are byte offsets into `doc.text`; newsmill turns them into
    /// character offsets in the record.
    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
        for w in doc.tokens.windows(3) {
            let (exchange, colon, symbol) = (
                w[0].text(doc.text),
                w[1].text(doc.text),
                w[2].text(doc.text),
            );
            let is_symbol = (1..=5).contains(&symbol.len())
                && symbol.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
            if colon == ":" && is_symbol && self.exchanges.iter().any(|e| e == exchange) {
                out.annotation(w[2].start, w[2].end, self.label)
                    .str(self.exchange_key, exchange)
                    .emit()?;
            }
        }
        Ok(())
    }
}

// Export the extractor from the shared library (one per library).
newsmill_sdk::export_extractor!(Ticker);

#[cfg(test)]
mod tests {
    use super::*;
    use newsmill_sdk::testing;

    const STORY: &str = "Chip deal\n\nShares of Intel (Nasdaq: INTC) rose after IBM \
                         (NYSE: IBM) said it would buy the unit. NYSE traders cheered.";

    #[test]
    fn finds_tickers_with_their_exchange() {
        let found = testing::run::<Ticker>(STORY).unwrap();
        let tickers: Vec<(&str, &str)> = found
            .iter()
            .map(|a| (a["text"].as_str().unwrap(), a["exchange"].as_str().unwrap()))
            .collect();
        assert_eq!(tickers, [("INTC", "Nasdaq"), ("IBM", "NYSE")]);
        assert_eq!(found[0]["label"], "TICKER");
        // Character offsets: text[start:end] is the ticker.
        let start = found[0]["start"].as_u64().unwrap() as usize;
        assert_eq!(
            STORY.chars().skip(start).take(4).collect::<String>(),
            "INTC"
        );
    }

    #[test]
    fn the_configuration_names_the_exchanges() {
        let config = newsmill_sdk::serde_json::json!({"exchanges": ["NYSE"]});
        let found = testing::run_with_config::<Ticker>(STORY, &config).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0]["text"], "IBM");
    }

    #[test]
    fn an_exchange_name_alone_is_no_ticker() {
        let found = testing::run::<Ticker>("Markets\n\nNYSE: closed. The LSE said nothing.");
        assert!(found.unwrap().is_empty());
    }
}

//! Per-stage time of a run, for `newsmill bench`: summed over every
//! article and every worker (CPU time spent in each stage, not wall time).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Decoding an input item into an article.
pub(crate) const DECODE: usize = 0;
/// Structure, tokens and sentences.
pub(crate) const ANALYSIS: usize = 1;
/// Building the record.
pub(crate) const RECORD: usize = 2;
/// What the runner computes from each document (the near-duplicate
/// signature) and its in-order batch stage.
pub(crate) const INSPECT: usize = 3;
/// Encoding the record for the writer.
pub(crate) const ENCODE: usize = 4;
/// The first extractor's slot; the others follow in pipeline order.
pub(crate) const FIRST_EXTRACTOR: usize = 5;

const FIXED: [&str; FIRST_EXTRACTOR] =
    ["decode", "analysis", "record", "near-duplicates", "encode"];

/// Nanoseconds spent in each stage, summed over articles and threads.
/// Updated with relaxed atomic adds (one per stage per article).
///
/// ```
/// let p = newsmill_engine::Pipeline::builder().timed(true).build().unwrap();
/// p.process(newsmill_core::Article::from_text("a", "T\n\nBody."));
/// let t = p.timings().unwrap().snapshot();
/// assert!(t.iter().any(|s| s.name == "analysis" && s.time.as_nanos() > 0));
/// ```
#[derive(Debug)]
pub struct Timings {
    names: Vec<String>,
    nanos: Vec<AtomicU64>,
}

/// One stage's share of a run.
///
/// ```
/// let s = newsmill_engine::StageTime { name: "ner".into(), extractor: true, time: std::time::Duration::from_millis(3) };
/// assert!(s.extractor);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageTime {
    /// `decode`, `analysis`, an extractor's name, `near-duplicates`, `record` or `encode`.
    pub name: String,
    /// Whether the stage is an extractor.
    pub extractor: bool,
    /// Time summed over articles and threads.
    pub time: Duration,
}

impl Timings {
    pub(crate) fn new(extractors: impl Iterator<Item = String>) -> Timings {
        let names: Vec<String> = FIXED
            .iter()
            .map(|s| s.to_string())
            .chain(extractors)
            .collect();
        let nanos = names.iter().map(|_| AtomicU64::new(0)).collect();
        Timings { names, nanos }
    }

    /// Add the time since `clock` to `slot` and restart the clock.
    pub(crate) fn lap(&self, slot: usize, clock: &mut Instant) {
        let now = Instant::now();
        self.add(slot, now.duration_since(*clock));
        *clock = now;
    }

    pub(crate) fn add(&self, slot: usize, d: Duration) {
        if let Some(n) = self.nanos.get(slot) {
            n.fetch_add(
                u64::try_from(d.as_nanos()).unwrap_or(u64::MAX),
                Ordering::Relaxed,
            );
        }
    }

    /// Every stage in the order an article meets them: decode, analysis,
    /// the extractors, near-duplicates, record, encode.
    pub fn snapshot(&self) -> Vec<StageTime> {
        let get = |i: usize| StageTime {
            name: self.names[i].clone(),
            extractor: i >= FIRST_EXTRACTOR,
            time: Duration::from_nanos(self.nanos[i].load(Ordering::Relaxed)),
        };
        let mut out = vec![get(DECODE), get(ANALYSIS)];
        out.extend((FIRST_EXTRACTOR..self.names.len()).map(get));
        out.extend([get(INSPECT), get(RECORD), get(ENCODE)]);
        out
    }

    /// Set every stage back to zero (between runs).
    pub fn reset(&self) {
        for n in &self.nanos {
            n.store(0, Ordering::Relaxed);
        }
    }
}

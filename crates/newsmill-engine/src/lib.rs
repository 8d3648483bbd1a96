//! The newsmill pipeline: analysis of one article ([`Pipeline`]) and the
//! parallel batch runner ([`Runner`]) with bounded read-ahead and output in
//! input order.
//!
//! The engine knows no file format: it takes an iterator of items, a
//! [`Codec`] (item to article, or an error record; record to whatever the
//! writer takes) and a [`Sink`]. Decoding,
//! analysis and encoding run on the worker threads; the sink sees outputs
//! one by one, in input order.
//!
//! ```
//! use newsmill_core::{Article, Record};
//! use newsmill_engine::{EngineOptions, FnCodec, FnSink, Pipeline, Runner};
//! let texts = ["One\n\nFirst story.", "Two\n\nSecond story."];
//! let mut titles = Vec::new();
//! let opts = EngineOptions { threads: 2, ..EngineOptions::default() };
//! let pipeline = Pipeline::default();
//! let codec = FnCodec(
//!     |(_, t): (u64, &str)| Ok::<_, Box<Record>>(Article::from_text(t, t)),
//!     |r: Record| r.title,
//! );
//! let sink = FnSink(|t: Option<String>| { titles.push(t); Ok::<(), std::io::Error>(()) }, |_: &_| {});
//! let stats = Runner::new(&opts, &pipeline)
//!     .run(texts.iter().map(|t| (t.len() as u64, *t)), &codec, sink)
//!     .unwrap();
//! assert_eq!(titles, [Some("One".to_string()), Some("Two".to_string())]);
//! assert_eq!(stats.articles, 2);
//! ```

pub mod dedup;
mod pipeline;
mod runner;
mod timing;

pub use dedup::{Cluster, Dedup, DedupError, DedupIndex, DedupOptions, MinHasher, Signature};
pub use pipeline::{CORE_LAYERS, Pipeline, PipelineBuilder, PipelineError};
pub use runner::{
    Codec, EngineError, EngineOptions, FnCodec, FnSink, ItemSize, RunStats, Runner, Sink,
};
pub use timing::{StageTime, Timings};

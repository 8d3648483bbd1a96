//! Analysis of one article into one record: structure, tokens, sentences,
//! then the extractors in dependency order.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsmill_core::{
    AnalyzeOptions, Article, Doc, Notice, RESERVED_NAMES, Record, RecordOptions, Vocab,
};
use newsmill_plugin::DocView;
use newsmill_plugin::host::{DynExtractor, ExtractorInfo, Factory, HostSink, PluginError};

/// Layers the core provides before any extractor runs.
pub const CORE_LAYERS: &[&str] = &[
    "text",
    "structure",
    "paragraphs",
    "language",
    "tokens",
    "sentences",
];

/// Why a pipeline cannot be built. Every one is found before any input is
/// read.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// Two extractors share a name.
    #[error("two extractors are named {name:?}: {first} and {second}")]
    Duplicate {
        /// The name.
        name: String,
        /// Where the first comes from.
        first: String,
        /// Where the second comes from.
        second: String,
    },
    /// An extractor's name is a field of the record.
    #[error("extractor {name:?} ({origin}) cannot use that name: it is a field of every record")]
    Reserved {
        /// The name.
        name: String,
        /// Where it comes from.
        origin: String,
    },
    /// A requirement nobody provides.
    #[error(
        "extractor {name:?} ({origin}) requires {missing:?}, which no extractor provides (available: {available})"
    )]
    Missing {
        /// The extractor.
        name: String,
        /// Where it comes from.
        origin: String,
        /// What is missing.
        missing: String,
        /// What the pipeline has.
        available: String,
    },
    /// Requirements that form a cycle.
    #[error("extractors {names} require each other in a cycle")]
    Cycle {
        /// The extractors in the cycle.
        names: String,
    },
    /// Configuration for an extractor that is not in the pipeline, or not an object.
    #[error("configuration: {0}")]
    Config(String),
    /// An extractor could not be created.
    #[error(transparent)]
    Create(#[from] PluginError),
}

struct Stage {
    layer: u32,
    /// The extractor's info with any `languages` override applied.
    info: ExtractorInfo,
    extractor: Box<dyn DynExtractor>,
}

/// The `languages` override of an extractor's configuration (`"de,fr"`,
/// `"*"` or `["de", "fr"]`), taken out of the configuration the extractor
/// sees.
fn take_languages(
    name: &str,
    config: &mut serde_json::Value,
) -> Result<Option<String>, PipelineError> {
    let Some(obj) = config.as_object_mut() else {
        return Ok(None);
    };
    let Some(v) = obj.remove("languages") else {
        return Ok(None);
    };
    let list = match &v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            let mut codes = Vec::with_capacity(items.len());
            for item in items {
                match item.as_str() {
                    Some(c) => codes.push(c.to_string()),
                    None => {
                        return Err(PipelineError::Config(format!(
                            "{name}.languages: expected language codes, got {v}"
                        )));
                    }
                }
            }
            codes.join(",")
        }
        _ => {
            return Err(PipelineError::Config(format!(
                "{name}.languages: expected \"de,fr\", \"*\" or a list of codes, got {v}"
            )));
        }
    };
    let bad = list.split(',').map(str::trim).find(|c| {
        *c != "*" && !((2..=3).contains(&c.len()) && c.chars().all(|x| x.is_ascii_alphabetic()))
    });
    if let Some(bad) = bad {
        return Err(PipelineError::Config(format!(
            "{name}.languages: {bad:?} is not an ISO 639 language code (or *)"
        )));
    }
    Ok(Some(list))
}

/// What is done to each article: structure, tokens, sentences, the
/// extractors, then the record.
///
/// ```
/// use newsmill_core::{Article, Status};
/// let p = newsmill_engine::Pipeline::default();
/// let r = p.process(Article::from_text("a", "Title\n\nBody text here."));
/// assert_eq!(r.status, Status::Ok);
/// assert_eq!(r.counts.sentences, 2);
/// ```
#[derive(Default)]
pub struct Pipeline {
    /// Structure and analysis options.
    pub analyze: AnalyzeOptions,
    /// Which layers each record carries.
    pub record: RecordOptions,
    /// The time one item may take, checked between stages (see
    /// [`PipelineBuilder::item_timeout`]); `None`: no limit.
    pub item_timeout: Option<Duration>,
    stages: Vec<Stage>,
    vocab: Vocab,
    layers: Vec<u32>,
    timings: Option<Arc<crate::timing::Timings>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("analyze", &self.analyze)
            .field("record", &self.record)
            .field(
                "extractors",
                &self.extractors().map(|i| &i.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Builds a [`Pipeline`]: checks names and requirements, orders the
/// extractors, and creates each with its configuration.
///
/// ```
/// let p = newsmill_engine::Pipeline::builder().build().unwrap();
/// assert_eq!(p.extractors().count(), 0);
/// ```
#[derive(Default)]
pub struct PipelineBuilder {
    analyze: AnalyzeOptions,
    record: RecordOptions,
    factories: Vec<Box<dyn Factory>>,
    config: serde_json::Map<String, serde_json::Value>,
    timed: bool,
    item_timeout: Option<Duration>,
}

impl PipelineBuilder {
    /// Structure and analysis options.
    pub fn analyze(mut self, opts: AnalyzeOptions) -> Self {
        self.analyze = opts;
        self
    }

    /// Which layers each record carries.
    pub fn record(mut self, opts: RecordOptions) -> Self {
        self.record = opts;
        self
    }

    /// Add an extractor (built-in or loaded).
    pub fn extractor(mut self, f: Box<dyn Factory>) -> Self {
        self.factories.push(f);
        self
    }

    /// Configuration: an object whose keys are extractor names and whose
    /// values are each extractor's configuration object.
    pub fn config(mut self, config: serde_json::Map<String, serde_json::Value>) -> Self {
        self.config = config;
        self
    }

    /// The time one item may take from the start of its decoding. The
    /// clock is read between stages (after decoding, after analysis,
    /// after each extractor): an item past its budget stops there and
    /// becomes an error record with a `timeout` error naming the stage
    /// that passed it; the batch goes on. A stage already running is not
    /// interrupted. `None` (the default): no limit.
    ///
    /// ```
    /// use std::time::Duration;
    /// use newsmill_core::{Article, Status};
    /// let p = newsmill_engine::Pipeline::builder()
    ///     .item_timeout(Some(Duration::ZERO))
    ///     .build()
    ///     .unwrap();
    /// let r = p.process(Article::from_text("a", "Title\n\nBody text."));
    /// assert_eq!(r.status, Status::Error);
    /// assert_eq!(r.errors[0].code, "timeout");
    /// assert_eq!(r.errors[0].stage.as_deref(), Some("analysis"));
    /// ```
    pub fn item_timeout(mut self, budget: Option<Duration>) -> Self {
        self.item_timeout = budget;
        self
    }

    /// Time every stage of every article (see [`Pipeline::timings`]); off
    /// by default, when the pipeline reads no clock.
    pub fn timed(mut self, timed: bool) -> Self {
        self.timed = timed;
        self
    }

    /// Check, order and create.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let infos: Vec<&ExtractorInfo> = self.factories.iter().map(|f| f.info()).collect();
        for (i, a) in infos.iter().enumerate() {
            if RESERVED_NAMES.contains(&a.name.as_str()) || CORE_LAYERS.contains(&a.name.as_str()) {
                return Err(PipelineError::Reserved {
                    name: a.name.clone(),
                    origin: a.origin.to_string(),
                });
            }
            if let Some(b) = infos[..i].iter().find(|b| b.name == a.name) {
                return Err(PipelineError::Duplicate {
                    name: a.name.clone(),
                    first: b.origin.to_string(),
                    second: a.origin.to_string(),
                });
            }
        }
        for key in self.config.keys() {
            if !infos.iter().any(|i| &i.name == key) {
                let names: Vec<&str> = infos.iter().map(|i| i.name.as_str()).collect();
                return Err(PipelineError::Config(format!(
                    "there is configuration for {key:?}, but no extractor of that name (extractors: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )));
            }
        }
        // Every requirement must be provided by the core or some extractor.
        let provided = |layer: &str| {
            CORE_LAYERS.contains(&layer)
                || infos.iter().any(|i| i.provides.iter().any(|p| p == layer))
        };
        for info in &infos {
            if let Some(missing) = info.requires.iter().find(|r| !provided(r)) {
                let mut available: Vec<String> =
                    CORE_LAYERS.iter().map(|s| s.to_string()).collect();
                available.extend(infos.iter().flat_map(|i| i.provides.iter().cloned()));
                return Err(PipelineError::Missing {
                    name: info.name.clone(),
                    origin: info.origin.to_string(),
                    missing: missing.clone(),
                    available: available.join(", "),
                });
            }
        }
        // Order: repeatedly take the first extractor whose requirements
        // are all met (stable: input order among equals).
        let mut have: Vec<String> = CORE_LAYERS.iter().map(|s| s.to_string()).collect();
        let mut order = Vec::with_capacity(infos.len());
        let mut placed = vec![false; infos.len()];
        while order.len() < infos.len() {
            // An optional layer (`name?`) counts as met when no extractor
            // in the pipeline provides it.
            let met = |r: &String| have.contains(r) || !provided(r);
            let next = (0..infos.len()).find(|&i| {
                !placed[i]
                    && infos[i].requires.iter().all(|r| have.contains(r))
                    && infos[i].uses.iter().all(met)
            });
            match next {
                Some(i) => {
                    placed[i] = true;
                    have.extend(infos[i].provides.iter().cloned());
                    order.push(i);
                }
                None => {
                    let names: Vec<&str> = (0..infos.len())
                        .filter(|&i| !placed[i])
                        .map(|i| infos[i].name.as_str())
                        .collect();
                    return Err(PipelineError::Cycle {
                        names: names.join(", "),
                    });
                }
            }
        }
        let mut vocab = Vocab::default();
        let mut stages = Vec::with_capacity(order.len());
        let empty = serde_json::Value::Object(Default::default());
        for i in order {
            let f = &self.factories[i];
            let name = f.info().name.clone();
            let mut config = self.config.get(&name).unwrap_or(&empty).clone();
            if !config.is_object() {
                return Err(PipelineError::Config(format!(
                    "the configuration of {name:?} must be a JSON object, not {config}"
                )));
            }
            let mut info = f.info().clone();
            if let Some(list) = take_languages(&name, &mut config)? {
                info = info.with_languages(&list);
            }
            let layer = vocab.intern(&name);
            let extractor = f.create(&config, &mut vocab)?;
            stages.push(Stage {
                layer,
                info,
                extractor,
            });
        }
        let layers = stages.iter().map(|s| s.layer).collect();
        let timings = self.timed.then(|| {
            Arc::new(crate::timing::Timings::new(
                stages.iter().map(|s| s.info.name.clone()),
            ))
        });
        Ok(Pipeline {
            analyze: self.analyze,
            record: self.record,
            item_timeout: self.item_timeout,
            stages,
            vocab,
            layers,
            timings,
        })
    }
}

impl Pipeline {
    /// A builder.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The extractors, in the order they run (with their `languages`
    /// as configured).
    pub fn extractors(&self) -> impl Iterator<Item = &ExtractorInfo> {
        self.stages.iter().map(|s| &s.info)
    }

    /// Why stage `i` does not run on `doc`, if it does not: its language
    /// is not one the extractor reads, or it requires a layer of a stage
    /// already skipped (`skipped` lists those stages' indices).
    fn skip_reason(&self, i: usize, doc: &Doc, skipped: &[usize]) -> Option<String> {
        let info = &self.stages[i].info;
        for &j in skipped {
            let other = &self.stages[j].info;
            if let Some(r) = info
                .requires
                .iter()
                .find(|r| other.provides.iter().any(|p| p == *r))
            {
                let why = doc
                    .skipped
                    .iter()
                    .find(|(n, _)| *n == other.name)
                    .map_or("", |(_, w)| w.as_str());
                return Some(format!("requires {r}, skipped: {why}"));
            }
        }
        if info.reads_any() {
            return None;
        }
        match doc.language_code() {
            Some(code) if info.reads(code) => None,
            Some(code) => Some(format!("language {code} not supported")),
            None => Some("language unknown".to_string()),
        }
    }

    /// The names of layers, labels and keys.
    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// Analyse an article and run the extractors, giving the document.
    /// An extractor's failure (error or panic) is an error on the
    /// document naming the extractor; its partial output is dropped, the
    /// other extractors' output is kept.
    pub fn analyse(&self, article: Article) -> Doc {
        self.analyse_from(article, Instant::now())
    }

    /// The `timeout` error of an item started at `started`, when it is
    /// past [`Pipeline::item_timeout`] at the end of `stage`.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// let p = newsmill_engine::Pipeline::builder()
    ///     .item_timeout(Some(Duration::from_secs(60)))
    ///     .build()
    ///     .unwrap();
    /// assert!(p.past_budget("decode", Instant::now()).is_none());
    /// ```
    pub fn past_budget(&self, stage: &str, started: Instant) -> Option<Notice> {
        let budget = self.item_timeout?;
        let took = started.elapsed();
        (took > budget).then(|| {
            Notice::new(
                "timeout",
                format!(
                    "the item took {:.2} s by the end of {stage}, over its budget of {} s (--item-timeout); the stages after it did not run",
                    took.as_secs_f64(),
                    budget.as_secs_f64()
                ),
            )
            .with_stage(stage.to_string())
        })
    }

    /// [`analyse`](Self::analyse) of an item whose clock started at
    /// `started` (before it was decoded), for [`Pipeline::item_timeout`].
    pub fn analyse_from(&self, article: Article, started: Instant) -> Doc {
        let timings = self.timings.as_deref();
        let mut clock = timings.map(|_| Instant::now());
        let mut doc = Doc::analyze(article, &self.analyze);
        if let (Some(t), Some(c)) = (timings, clock.as_mut()) {
            t.lap(crate::timing::ANALYSIS, c);
        }
        if !doc.errors.is_empty() {
            return doc;
        }
        if let Some(late) = self.past_budget("analysis", started) {
            doc.errors.push(late);
            return doc;
        }
        let mut skipped: Vec<usize> = Vec::new();
        for (i, stage) in self.stages.iter().enumerate() {
            if let Some(why) = self.skip_reason(i, &doc, &skipped) {
                doc.skipped.push((stage.info.name.clone(), why));
                skipped.push(i);
                if let (Some(t), Some(c)) = (timings, clock.as_mut()) {
                    t.lap(crate::timing::FIRST_EXTRACTOR + i, c);
                }
                continue;
            }
            let mut sink = HostSink::new(&doc, stage.layer, self.vocab.len());
            let result = stage.extractor.process(&DocView::from_doc(&doc), &mut sink);
            match result {
                Ok(()) => sink.append_to(&mut doc),
                Err(msg) => {
                    let name = &stage.info.name;
                    doc.errors.push(
                        Notice::new("extractor_failed", format!("extractor {name}: {msg}"))
                            .with_stage(name.clone()),
                    );
                }
            }
            if let (Some(t), Some(c)) = (timings, clock.as_mut()) {
                t.lap(crate::timing::FIRST_EXTRACTOR + i, c);
            }
            if let Some(late) = self.past_budget(&stage.info.name, started) {
                doc.errors.push(late);
                break;
            }
        }
        doc
    }

    /// Per-stage time, when the pipeline was built [`timed`](PipelineBuilder::timed).
    pub fn timings(&self) -> Option<&crate::timing::Timings> {
        self.timings.as_deref()
    }

    /// Process one article into its record. Never panics: a panic inside
    /// analysis becomes an error record for that article, and the batch
    /// goes on.
    pub fn process(&self, article: Article) -> Record {
        self.process_with(article, |_| ()).0
    }

    /// [`process`](Self::process), also giving what `inspect` makes of
    /// the analysed document before it becomes the record (`None` when
    /// analysis panicked).
    ///
    /// ```
    /// use newsmill_core::Article;
    /// let p = newsmill_engine::Pipeline::default();
    /// let (r, n) = p.process_with(Article::from_text("a", "T\n\nOne two."), |d| d.tokens.len());
    /// assert_eq!((r.id.as_str(), n), ("a", Some(4)));
    /// ```
    pub fn process_with<T>(
        &self,
        article: Article,
        inspect: impl FnOnce(&Doc) -> T,
    ) -> (Record, Option<T>) {
        self.process_from(article, Instant::now(), inspect)
    }

    /// [`process_with`](Self::process_with) of an item whose clock
    /// started at `started` (before it was decoded), for
    /// [`Pipeline::item_timeout`].
    pub fn process_from<T>(
        &self,
        article: Article,
        started: Instant,
        inspect: impl FnOnce(&Doc) -> T,
    ) -> (Record, Option<T>) {
        let id = article.id.clone();
        let source = article.source.clone();
        match catch_unwind(AssertUnwindSafe(|| {
            let doc = self.analyse_from(article, started);
            let mut clock = self.timings.as_ref().map(|_| Instant::now());
            let seen = inspect(&doc);
            if let (Some(t), Some(c)) = (self.timings.as_deref(), clock.as_mut()) {
                t.lap(crate::timing::INSPECT, c);
            }
            let r = Record::from_doc_with(doc, &self.record, &self.vocab, &self.layers);
            if let (Some(t), Some(c)) = (self.timings.as_deref(), clock.as_mut()) {
                t.lap(crate::timing::RECORD, c);
            }
            (r, Some(seen))
        })) {
            Ok(r) => r,
            Err(payload) => (
                Record::error(
                    id,
                    source,
                    Notice::new(
                        "internal",
                        format!("analysis failed: {}", panic_message(payload.as_ref())),
                    )
                    .with_stage("core"),
                ),
                None,
            ),
        }
    }
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    newsmill_plugin::host::panic_message(payload)
}

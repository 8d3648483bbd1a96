//! The batch runner: a reader thread, rayon workers, a writer thread.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use newsmill_core::{Article, Notice, Record, Status};

use crate::Pipeline;
use crate::dedup::{Dedup, Signature};
use crate::pipeline::panic_message;
use crate::timing;

/// Runner settings. Memory in flight is about `(2 * queue + 2) *
/// chunk_bytes` of input plus the records made from it.
///
/// ```
/// let o = newsmill_engine::EngineOptions::default();
/// assert_eq!(o.threads, 0); // all cores
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineOptions {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Most items in one chunk.
    pub chunk_items: usize,
    /// Most input bytes in one chunk (as reported by [`ItemSize`]).
    pub chunk_bytes: u64,
    /// Chunks waiting between reader and workers, and between workers and
    /// writer.
    pub queue: usize,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            threads: 0,
            chunk_items: 512,
            chunk_bytes: 4 << 20,
            queue: 2,
        }
    }
}

/// Input bytes an item holds, for chunking; 0 when unknown. Readers that
/// know sizes pass `(size, item)` pairs.
///
/// ```
/// use newsmill_engine::ItemSize;
/// assert_eq!((42u64, "item").item_size(), 42);
/// ```
pub trait ItemSize {
    /// Bytes held.
    fn item_size(&self) -> u64;
}

impl<T> ItemSize for (u64, T) {
    fn item_size(&self) -> u64 {
        self.0
    }
}

/// Counts for a finished (or stopped) run.
///
/// ```
/// let s = newsmill_engine::RunStats::default();
/// assert_eq!(s.articles_per_second(), 0.0);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunStats {
    /// Records written (= input items).
    pub articles: u64,
    /// Records with status ok.
    pub ok: u64,
    /// Records with status warning.
    pub warnings: u64,
    /// Error records.
    pub errors: u64,
    /// Bytes of analysed text.
    pub bytes: u64,
    /// Articles per detected language code (`unknown` for error records
    /// and texts with no letters).
    pub languages: std::collections::BTreeMap<String, u64>,
    /// Wall time so far.
    pub elapsed: Duration,
    /// Error records by the code of their first error
    /// (`invalid_json`, `missing_field`, `timeout`, ...).
    pub error_codes: std::collections::BTreeMap<String, u64>,
    /// The first message seen for each code of [`RunStats::error_codes`].
    pub error_examples: std::collections::BTreeMap<String, String>,
    /// True when the run was stopped by [`Runner::stop_on`] before the
    /// input ended: the records written are a prefix of the full run's.
    pub stopped: bool,
}

impl RunStats {
    /// The per-language counts, most frequent first: `en 2210, de 12`.
    ///
    /// ```
    /// let mut s = newsmill_engine::RunStats::default();
    /// s.languages.insert("de".into(), 2);
    /// s.languages.insert("en".into(), 5);
    /// assert_eq!(s.languages_line(), "en 5, de 2");
    /// ```
    pub fn languages_line(&self) -> String {
        let mut v: Vec<(&String, &u64)> = self.languages.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Articles per second of wall time.
    pub fn articles_per_second(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.articles as f64 / s
        } else {
            0.0
        }
    }

    /// Megabytes (10^6) of text per second of wall time.
    pub fn mb_per_second(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.bytes as f64 / 1e6 / s
        } else {
            0.0
        }
    }
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum EngineError<E: std::error::Error + 'static> {
    /// The sink failed; records up to the failure were written.
    #[error(transparent)]
    Sink(E),
    /// The worker pool could not be built.
    #[error("cannot start {threads} worker threads: {message}")]
    Pool {
        /// Threads asked for.
        threads: usize,
        /// The cause.
        message: String,
    },
    /// A runner thread died (a bug: item-level panics are caught).
    #[error("internal error: {0}")]
    Internal(String),
}

struct Done<O> {
    status: Status,
    /// The first error's code and message, for error records.
    error: Option<(String, String)>,
    bytes: u64,
    language: Option<String>,
    out: O,
}

/// Turns input items into articles and records into outputs. Both run on
/// the worker threads, so a codec is shared (`Sync`).
///
/// ```
/// use newsmill_core::{Article, Record};
/// use newsmill_engine::Codec;
///
/// /// Plain strings in, titles out.
/// struct Titles;
/// impl Codec<&str> for Titles {
///     type Out = Option<String>;
///     fn decode(&self, text: &str) -> Result<Article, Box<Record>> {
///         Ok(Article::from_text(text, text))
///     }
///     fn encode(&self, record: Record) -> Option<String> {
///         record.title
///     }
/// }
/// let r = Titles.decode("One\n\nFirst story.").unwrap();
/// assert_eq!(r.text, "One\n\nFirst story.");
/// ```
pub trait Codec<I>: Sync {
    /// What the sink receives for each record.
    type Out: Send;
    /// One item to an article, or the error record that stands for it.
    fn decode(&self, item: I) -> Result<Article, Box<Record>>;
    /// One finished record to what the sink takes.
    fn encode(&self, record: Record) -> Self::Out;
}

/// Takes the outputs one by one, in input order, on the writer thread.
///
/// ```
/// use newsmill_engine::{RunStats, Sink};
///
/// struct Count(u64);
/// impl Sink<String> for Count {
///     type Error = std::io::Error;
///     fn write(&mut self, _out: String) -> Result<(), std::io::Error> {
///         self.0 += 1;
///         Ok(())
///     }
/// }
/// let mut c = Count(0);
/// c.write("x".into()).unwrap();
/// c.progress(&RunStats::default());
/// assert_eq!(c.0, 1);
/// ```
pub trait Sink<O>: Send {
    /// Why writing failed; the run stops with it.
    type Error: std::error::Error + Send + 'static;
    /// Write one output.
    fn write(&mut self, out: O) -> Result<(), Self::Error>;
    /// Called after each chunk with the counts so far.
    fn progress(&mut self, _stats: &RunStats) {}
}

/// Two closures as a [`Codec`]: `decode(item)` and `encode(record)`.
///
/// ```
/// use newsmill_core::{Article, Record};
/// use newsmill_engine::{Codec, FnCodec};
/// let codec = FnCodec(
///     |t: &str| Ok::<_, Box<Record>>(Article::from_text(t, t)),
///     |r: Record| r.id,
/// );
/// assert!(codec.decode("x").is_ok());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct FnCodec<D, E>(pub D, pub E);

impl<I, O, D, E> Codec<I> for FnCodec<D, E>
where
    D: Fn(I) -> Result<Article, Box<Record>> + Sync,
    E: Fn(Record) -> O + Sync,
    O: Send,
{
    type Out = O;
    fn decode(&self, item: I) -> Result<Article, Box<Record>> {
        (self.0)(item)
    }
    fn encode(&self, record: Record) -> O {
        (self.1)(record)
    }
}

/// Two closures as a [`Sink`]: `write(output)` and `progress(stats)`.
///
/// ```
/// use newsmill_engine::{FnSink, RunStats, Sink};
/// let mut n = 0;
/// let mut sink = FnSink(|_: u32| { n += 1; Ok::<(), std::io::Error>(()) }, |_: &RunStats| {});
/// sink.write(7).unwrap();
/// drop(sink);
/// assert_eq!(n, 1);
/// ```
#[derive(Debug)]
pub struct FnSink<W, P>(pub W, pub P);

impl<O, W, P, SE> Sink<O> for FnSink<W, P>
where
    W: FnMut(O) -> Result<(), SE> + Send,
    SE: std::error::Error + Send + 'static,
    P: FnMut(&RunStats) + Send,
{
    type Error = SE;
    fn write(&mut self, out: O) -> Result<(), SE> {
        (self.0)(out)
    }
    fn progress(&mut self, stats: &RunStats) {
        (self.1)(stats)
    }
}

/// The batch runner: a reader thread reads `items` in order, in chunks;
/// the worker pool decodes, processes and encodes each chunk; a writer
/// thread hands the outputs to the sink in input order.
///
/// One item always gives one output: a decode failure is the error record
/// the codec returns; a panic while decoding or processing is caught and
/// becomes that item's error record. When the sink fails the run stops
/// (reading stops too) and its error is returned.
///
/// ```
/// use newsmill_core::{Article, Record};
/// use newsmill_engine::{EngineOptions, FnCodec, FnSink, Pipeline, Runner};
/// let texts = ["One\n\nFirst story.", "Two\n\nSecond story."];
/// let mut titles = Vec::new();
/// let opts = EngineOptions { threads: 2, ..EngineOptions::default() };
/// let pipeline = Pipeline::default();
/// let codec = FnCodec(
///     |(_, t): (u64, &str)| Ok::<_, Box<Record>>(Article::from_text(t, t)),
///     |r: Record| r.title,
/// );
/// let sink = FnSink(|t: Option<String>| { titles.push(t); Ok::<(), std::io::Error>(()) }, |_: &_| {});
/// let stats = Runner::new(&opts, &pipeline)
///     .run(texts.iter().map(|t| (t.len() as u64, *t)), &codec, sink)
///     .unwrap();
/// assert_eq!(titles, [Some("One".to_string()), Some("Two".to_string())]);
/// assert_eq!(stats.articles, 2);
/// ```
#[derive(Debug)]
pub struct Runner<'a> {
    opts: &'a EngineOptions,
    pipeline: &'a Pipeline,
    dedup: Option<&'a mut Dedup>,
    stop: Option<&'a AtomicBool>,
}

impl<'a> Runner<'a> {
    /// A runner of `pipeline` with these settings.
    pub fn new(opts: &'a EngineOptions, pipeline: &'a Pipeline) -> Runner<'a> {
        Runner {
            opts,
            pipeline,
            dedup: None,
            stop: None,
        }
    }

    /// Stop early when `stop` becomes true (a signal handler sets it):
    /// reading stops, chunks read but not started are dropped, the chunk
    /// being processed is finished and written, and the run returns its
    /// counts with [`RunStats::stopped`] set. What was written is then
    /// exactly the first [`RunStats::articles`] records of the full run.
    ///
    /// ```
    /// use std::sync::atomic::AtomicBool;
    /// use newsmill_core::{Article, Record};
    /// use newsmill_engine::{EngineOptions, FnCodec, FnSink, Pipeline, Runner};
    /// let stop = AtomicBool::new(true); // stopped before it starts
    /// let pipeline = Pipeline::default();
    /// let codec = FnCodec(
    ///     |(_, t): (u64, &str)| Ok::<_, Box<Record>>(Article::from_text(t, t)),
    ///     |r: Record| r.id,
    /// );
    /// let sink = FnSink(|_: String| Ok::<(), std::io::Error>(()), |_: &_| {});
    /// let stats = Runner::new(&EngineOptions::default(), &pipeline)
    ///     .stop_on(&stop)
    ///     .run([(1u64, "T\n\nBody.")], &codec, sink)
    ///     .unwrap();
    /// assert!(stats.stopped);
    /// assert_eq!(stats.articles, 0);
    /// ```
    pub fn stop_on(mut self, stop: &'a AtomicBool) -> Runner<'a> {
        self.stop = Some(stop);
        self
    }

    /// Add the near-duplicate stage: each chunk is processed (and signed)
    /// in parallel, then passed through the index in input order, then
    /// encoded in parallel. Each later copy's record names the first copy
    /// (`near_duplicate_of`); the index stays in `dedup` for clusters.
    /// `None` leaves the stage out.
    pub fn dedup(mut self, dedup: impl Into<Option<&'a mut Dedup>>) -> Runner<'a> {
        self.dedup = dedup.into();
        self
    }

    /// Run the batch; the counts of what was written.
    pub fn run<I, It, C, S>(
        self,
        items: It,
        codec: &C,
        sink: S,
    ) -> Result<RunStats, EngineError<S::Error>>
    where
        It: IntoIterator<Item = I>,
        It::IntoIter: Send,
        I: ItemSize + Send,
        C: Codec<I>,
        S: Sink<C::Out>,
    {
        run_batch(self, items.into_iter(), codec, sink)
    }
}

fn run_batch<I, It, C, S>(
    runner: Runner<'_>,
    items: It,
    codec: &C,
    sink: S,
) -> Result<RunStats, EngineError<S::Error>>
where
    It: Iterator<Item = I> + Send,
    I: ItemSize + Send,
    C: Codec<I>,
    S: Sink<C::Out>,
{
    let Runner {
        opts,
        pipeline,
        mut dedup,
        stop,
    } = runner;
    let mut was_stopped = false;
    let started = Instant::now();
    let pool = worker_pool(opts)?;
    let queue = opts.queue.max(1);
    let (chunk_items, chunk_bytes) = (opts.chunk_items.max(1), opts.chunk_bytes.max(1));

    std::thread::scope(|scope| {
        let (chunk_tx, chunk_rx) = sync_channel::<Vec<(u64, I)>>(queue);
        let (out_tx, out_rx) = sync_channel::<Vec<Done<C::Out>>>(queue);
        let reader = std::thread::Builder::new()
            .name("newsmill-reader".into())
            .spawn_scoped(scope, move || {
                read_chunks(items, &chunk_tx, chunk_items, chunk_bytes, stop)
            })
            .map_err(|e| EngineError::Internal(format!("cannot start reader: {e}")))?;
        let writer = std::thread::Builder::new()
            .name("newsmill-writer".into())
            .spawn_scoped(scope, move || write_records(out_rx, sink, started))
            .map_err(|e| EngineError::Internal(format!("cannot start writer: {e}")))?;

        let hasher = dedup.as_deref().map(|d| d.hasher().clone());
        let hasher = hasher.as_ref();
        let analyse = |item: (u64, I)| analyse_item(pipeline, codec, hasher, item);
        let finish = |record: Record| finish_record(pipeline, codec, record);
        for chunk in chunk_rx.iter() {
            if is_stopped(stop) {
                was_stopped = true;
                break; // interrupted: the chunks read but not started are dropped
            }
            let done: Vec<Done<C::Out>> = match dedup.as_deref_mut() {
                None => pool.install(|| {
                    chunk
                        .into_par_iter()
                        .map(|item| finish(analyse(item).0))
                        .collect()
                }),
                Some(d) => {
                    let mut analysed: Vec<(Record, Option<Signature>)> =
                        pool.install(|| chunk.into_par_iter().map(&analyse).collect());
                    observe_duplicates(pipeline, d, &mut analysed);
                    pool.install(|| {
                        analysed
                            .into_par_iter()
                            .map(|(record, _)| finish(record))
                            .collect()
                    })
                }
            };
            if out_tx.send(done).is_err() {
                break; // the writer stopped
            }
        }
        // Unblock the reader if it is still sending, then let the writer finish.
        drop(chunk_rx);
        drop(out_tx);
        let reader_stopped = reader.join().unwrap_or(false);
        match writer.join() {
            Ok(Ok(mut stats)) => {
                stats.stopped = was_stopped || reader_stopped;
                Ok(stats)
            }
            Ok(Err((e, _stats))) => Err(EngineError::Sink(e)),
            Err(_) => Err(EngineError::Internal("writer thread panicked".into())),
        }
    })
}

/// Whether a stop was asked for.
fn is_stopped(stop: Option<&AtomicBool>) -> bool {
    stop.is_some_and(|s| s.load(Ordering::SeqCst))
}

/// The worker threads (`opts.threads`, 0: one per core).
fn worker_pool<E: std::error::Error + 'static>(
    opts: &EngineOptions,
) -> Result<rayon::ThreadPool, EngineError<E>> {
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("newsmill-worker-{i}"))
        .build()
        .map_err(|e| EngineError::Pool {
            threads,
            message: e.to_string(),
        })
}

/// The reader thread: number the items from 1 and send them in chunks of
/// at most `chunk_items` items or `chunk_bytes` bytes. True when it
/// stopped because a stop was asked for.
fn read_chunks<I: ItemSize>(
    items: impl Iterator<Item = I>,
    tx: &SyncSender<Vec<(u64, I)>>,
    chunk_items: usize,
    chunk_bytes: u64,
    stop: Option<&AtomicBool>,
) -> bool {
    let mut chunk = Vec::with_capacity(chunk_items);
    let mut bytes = 0u64;
    for (seq, item) in (1u64..).zip(items) {
        if is_stopped(stop) {
            return true; // interrupted: read no more
        }
        bytes += item.item_size();
        chunk.push((seq, item));
        if chunk.len() >= chunk_items || bytes >= chunk_bytes {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_items));
            bytes = 0;
            if tx.send(full).is_err() {
                return false; // the run stopped
            }
        }
    }
    if chunk.is_empty() {
        return false;
    }
    if is_stopped(stop) {
        return true;
    }
    let _ = tx.send(chunk);
    false
}

/// The writer thread: hand the outputs to the sink in order and count
/// them; on a sink error, that error and the counts so far.
fn write_records<O, S: Sink<O>>(
    rx: Receiver<Vec<Done<O>>>,
    mut sink: S,
    started: Instant,
) -> Result<RunStats, (S::Error, Box<RunStats>)> {
    let mut stats = RunStats::default();
    for batch in rx {
        for done in batch {
            stats.count(
                done.status,
                done.bytes,
                done.language.as_deref(),
                done.error,
            );
            if let Err(e) = sink.write(done.out) {
                stats.elapsed = started.elapsed();
                return Err((e, Box::new(stats)));
            }
        }
        stats.elapsed = started.elapsed();
        sink.progress(&stats);
    }
    stats.elapsed = started.elapsed();
    Ok(stats)
}

impl RunStats {
    /// Count one written record.
    fn count(
        &mut self,
        status: Status,
        bytes: u64,
        language: Option<&str>,
        error: Option<(String, String)>,
    ) {
        self.articles += 1;
        self.bytes += bytes;
        let lang = language.unwrap_or("unknown");
        match self.languages.get_mut(lang) {
            Some(n) => *n += 1,
            None => {
                self.languages.insert(lang.to_string(), 1);
            }
        }
        match status {
            Status::Ok => self.ok += 1,
            Status::Warning => self.warnings += 1,
            Status::Error => self.errors += 1,
        }
        if let Some((code, message)) = error {
            *self.error_codes.entry(code.clone()).or_insert(0) += 1;
            self.error_examples.entry(code).or_insert(message);
        }
    }
}

/// One item on a worker: decode it (a panicking decoder still gives the
/// item its record, named by its position), then analyse it.
fn analyse_item<I, C: Codec<I>>(
    pipeline: &Pipeline,
    codec: &C,
    hasher: Option<&crate::dedup::MinHasher>,
    (seq, item): (u64, I),
) -> (Record, Option<Signature>) {
    let timings = pipeline.timings();
    let started = Instant::now();
    let mut clock = timings.map(|_| Instant::now());
    let decoded = catch_unwind(AssertUnwindSafe(|| codec.decode(item)));
    if let (Some(t), Some(c)) = (timings, clock.as_mut()) {
        t.lap(timing::DECODE, c);
    }
    match decoded {
        Ok(Ok(article)) if pipeline.item_timeout.is_some() => {
            match pipeline.past_budget("decode", started) {
                Some(late) => (Record::error(article.id, article.source, late), None),
                None => analyse_decoded(pipeline, hasher, article, started),
            }
        }
        Ok(Ok(article)) => analyse_decoded(pipeline, hasher, article, started),
        Ok(Err(record)) => (*record, None),
        Err(payload) => (
            Record::error(
                format!("item#{seq}"),
                format!("item#{seq}"),
                Notice::new(
                    "internal",
                    format!("reading failed: {}", panic_message(payload.as_ref())),
                )
                .with_stage("reader"),
            ),
            None,
        ),
    }
}

/// One finished record on a worker: what the writer needs to count it,
/// and its encoded output.
fn finish_record<I, C: Codec<I>>(pipeline: &Pipeline, codec: &C, record: Record) -> Done<C::Out> {
    let timings = pipeline.timings();
    let clock = timings.map(|_| Instant::now());
    let error = (record.status == Status::Error)
        .then(|| record.errors.first())
        .flatten()
        .map(|n| (n.code.clone(), n.message.clone()));
    let done = Done {
        status: record.status,
        error,
        bytes: record.counts.bytes,
        language: record.language.as_ref().map(|l| l.code.clone()),
        out: codec.encode(record),
    };
    if let (Some(t), Some(c)) = (timings, clock) {
        t.add(timing::ENCODE, c.elapsed());
    }
    done
}

/// The near-duplicate index sees a chunk's signatures in input order; each
/// later copy's record names the first copy.
fn observe_duplicates(
    pipeline: &Pipeline,
    dedup: &mut Dedup,
    analysed: &mut [(Record, Option<Signature>)],
) {
    let timings = pipeline.timings();
    let clock = timings.map(|_| Instant::now());
    let index = dedup.index_mut();
    for (record, sig) in analysed.iter_mut() {
        if let Some(sig) = sig {
            record.near_duplicate_of = index.observe(&record.id, sig);
        }
    }
    if let (Some(t), Some(c)) = (timings, clock) {
        t.add(timing::INSPECT, c.elapsed());
    }
}

/// Process a decoded article (and sign it for the near-duplicate index).
fn analyse_decoded(
    pipeline: &Pipeline,
    hasher: Option<&crate::dedup::MinHasher>,
    article: Article,
    started: Instant,
) -> (Record, Option<Signature>) {
    match hasher {
        None => (pipeline.process_from(article, started, |_| ()).0, None),
        Some(h) => {
            let (mut record, sig) = pipeline.process_from(article, started, |doc| h.sign(doc));
            let sig = sig.flatten();
            if h.options().emit_signature {
                record.dedup_signature = sig.as_ref().map(|s| h.export(s));
            }
            (record, sig)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(threads: usize) -> EngineOptions {
        EngineOptions {
            threads,
            chunk_items: 7,
            chunk_bytes: 1 << 20,
            queue: 1,
        }
    }

    #[test]
    fn output_is_in_input_order_with_one_record_per_item() {
        let n = 2000u64;
        let items = (0..n).map(|i| (10u64, i));
        let mut seen = Vec::new();
        let o = opts(4);
        let pipeline = Pipeline::default();
        let codec = FnCodec(
            |(_, i): (u64, u64)| {
                if i % 100 == 3 {
                    Err(Box::new(Record::error(
                        i.to_string(),
                        "t",
                        Notice::new("bad", "bad item"),
                    )))
                } else {
                    Ok(Article::from_text(
                        i.to_string(),
                        format!("Title {i}\n\nBody {i}."),
                    ))
                }
            },
            |r: Record| (r.id, r.status),
        );
        let sink = FnSink(
            |o: (String, Status)| {
                seen.push(o);
                Ok::<(), std::io::Error>(())
            },
            |_: &RunStats| {},
        );
        let stats = Runner::new(&o, &pipeline).run(items, &codec, sink).unwrap();
        assert_eq!(stats.articles, n);
        assert_eq!(stats.errors, 20);
        let ids: Vec<u64> = seen.iter().map(|(id, _)| id.parse().unwrap()).collect();
        assert_eq!(ids, (0..n).collect::<Vec<_>>());
        assert_eq!(seen[3].1, Status::Error);
    }

    #[test]
    fn a_panicking_decoder_gives_an_error_record_and_the_batch_goes_on() {
        let mut seen = Vec::new();
        let o = opts(2);
        let pipeline = Pipeline::default();
        let codec = FnCodec(
            |(_, i): (u64, u64)| {
                if i == 10 {
                    panic!("decoder bug");
                }
                Ok(Article::from_text(i.to_string(), "T\n\nBody."))
            },
            |r: Record| r,
        );
        let sink = FnSink(
            |r: Record| {
                seen.push(r);
                Ok::<(), std::io::Error>(())
            },
            |_: &RunStats| {},
        );
        let stats = Runner::new(&o, &pipeline)
            .run((0..50u64).map(|i| (0u64, i)), &codec, sink)
            .unwrap();
        assert_eq!(stats.articles, 50);
        assert_eq!(seen[10].id, "item#11");
        assert_eq!(seen[10].errors[0].code, "internal");
        assert!(seen[10].errors[0].message.contains("decoder bug"));
        assert_eq!(seen[11].id, "11");
    }

    #[test]
    fn a_failing_sink_stops_the_run_with_its_error() {
        let mut written = 0;
        let o = opts(2);
        let pipeline = Pipeline::default();
        let codec = FnCodec(
            |(_, i): (u64, u64)| Ok(Article::from_text(i.to_string(), "T\n\nBody.")),
            |r: Record| r.id,
        );
        let sink = FnSink(
            |_id: String| {
                written += 1;
                if written == 100 {
                    Err(std::io::Error::new(
                        std::io::ErrorKind::BrokenPipe,
                        "closed",
                    ))
                } else {
                    Ok(())
                }
            },
            |_: &RunStats| {},
        );
        let err = Runner::new(&o, &pipeline)
            .run((0..10_000u64).map(|i| (0u64, i)), &codec, sink)
            .unwrap_err();
        assert!(matches!(err, EngineError::Sink(e) if e.kind() == std::io::ErrorKind::BrokenPipe));
        assert_eq!(written, 100);
    }
}

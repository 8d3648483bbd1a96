//! The batch runner: a reader thread, rayon workers, a writer thread.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use newsmill_core::{Article, Record, Status};

use crate::Pipeline;

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
    /// Wall time so far.
    pub elapsed: Duration,
}

impl RunStats {
    /// Articles per second of wall time.
    pub fn articles_per_second(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 { self.articles as f64 / s } else { 0.0 }
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
    bytes: u64,
    out: O,
}

/// Run a batch: read `items` in order on a reader thread, in chunks;
/// decode, process and encode each chunk on the worker pool; hand the
/// encoded outputs to `sink` in input order on a writer thread. `progress`
/// is called (on the writer thread) after each chunk.
///
/// One item always gives one output: a decode failure is the error record
/// `decode` returns; a panic while processing is caught by [`Pipeline`].
/// When `sink` fails the run stops (reading stops too) and the error is
/// returned.
#[allow(clippy::too_many_arguments)]
pub fn run<I, It, D, E, O, S, SE, P>(
    opts: &EngineOptions,
    pipeline: &Pipeline,
    items: It,
    decode: D,
    encode: E,
    mut sink: S,
    mut progress: P,
) -> Result<RunStats, EngineError<SE>>
where
    It: Iterator<Item = I> + Send,
    I: ItemSize + Send,
    D: Fn(I) -> Result<Article, Record> + Sync,
    E: Fn(Record) -> O + Sync,
    O: Send,
    S: FnMut(O) -> Result<(), SE> + Send,
    SE: std::error::Error + Send + 'static,
    P: FnMut(&RunStats) + Send,
{
    let started = Instant::now();
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("newsmill-worker-{i}"))
        .build()
        .map_err(|e| EngineError::Pool {
            threads,
            message: e.to_string(),
        })?;
    let queue = opts.queue.max(1);
    let chunk_items = opts.chunk_items.max(1);
    let chunk_bytes = opts.chunk_bytes.max(1);

    std::thread::scope(|scope| {
        let (chunk_tx, chunk_rx): (SyncSender<Vec<I>>, Receiver<Vec<I>>) = sync_channel(queue);
        let (out_tx, out_rx): (SyncSender<Vec<Done<O>>>, Receiver<Vec<Done<O>>>) =
            sync_channel(queue);

        let reader = std::thread::Builder::new()
            .name("newsmill-reader".into())
            .spawn_scoped(scope, move || {
                let mut chunk = Vec::with_capacity(chunk_items);
                let mut bytes = 0u64;
                for item in items {
                    bytes += item.item_size();
                    chunk.push(item);
                    if chunk.len() >= chunk_items || bytes >= chunk_bytes {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_items));
                        bytes = 0;
                        if chunk_tx.send(full).is_err() {
                            return; // the run stopped
                        }
                    }
                }
                if !chunk.is_empty() {
                    let _ = chunk_tx.send(chunk);
                }
            });
        let reader = match reader {
            Ok(r) => r,
            Err(e) => return Err(EngineError::Internal(format!("cannot start reader: {e}"))),
        };

        let writer = std::thread::Builder::new()
            .name("newsmill-writer".into())
            .spawn_scoped(scope, move || {
                let mut stats = RunStats::default();
                for batch in out_rx {
                    for done in batch {
                        stats.articles += 1;
                        stats.bytes += done.bytes;
                        match done.status {
                            Status::Ok => stats.ok += 1,
                            Status::Warning => stats.warnings += 1,
                            Status::Error => stats.errors += 1,
                        }
                        if let Err(e) = sink(done.out) {
                            stats.elapsed = started.elapsed();
                            return Err((e, stats));
                        }
                    }
                    stats.elapsed = started.elapsed();
                    progress(&stats);
                }
                stats.elapsed = started.elapsed();
                Ok(stats)
            });
        let writer = match writer {
            Ok(w) => w,
            Err(e) => return Err(EngineError::Internal(format!("cannot start writer: {e}"))),
        };

        let work = |item: I| {
            let record = match decode(item) {
                Ok(article) => pipeline.process(article),
                Err(record) => record,
            };
            Done {
                status: record.status,
                bytes: record.stats.bytes,
                out: encode(record),
            }
        };
        for chunk in chunk_rx.iter() {
            let done: Vec<Done<O>> = pool.install(|| chunk.into_par_iter().map(&work).collect());
            if out_tx.send(done).is_err() {
                break; // the writer stopped
            }
        }
        // Unblock the reader if it is still sending, then let the writer finish.
        drop(chunk_rx);
        drop(out_tx);
        let _ = reader.join();
        match writer.join() {
            Ok(Ok(stats)) => Ok(stats),
            Ok(Err((e, _stats))) => Err(EngineError::Sink(e)),
            Err(_) => Err(EngineError::Internal("writer thread panicked".into())),
        }
    })
}

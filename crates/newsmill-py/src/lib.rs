//! `newsmill._newsmill`: the native half of the `newsmill` Python package.
//!
//! The options are parsed by the command line's own parser
//! ([`newsmill_cli::python`]), the articles go through the engine's batch
//! runner ([`newsmill_engine::run_with`]) and the records are encoded by the
//! command line's encoder ([`newsmill_io::encode_jsonl`]), so a record from
//! Python is the record `newsmill process` writes. The Python half
//! (`python/newsmill/__init__.py`) turns keyword arguments into those
//! options and adapts pandas and Arrow inputs.
//!
//! Streaming: `pipe` pulls items from the Python iterator in batches (with
//! the GIL held: it is Python code), hands them to the runner on its own
//! threads, and yields records as they come back in input order; at most
//! `4 * batch_size` items are in flight, whatever the length of the input.
//! The GIL is released while waiting for records, so Rust works in parallel
//! with the Python code that consumes them.

use std::sync::{Arc, Mutex, TryLockError};
use std::thread::JoinHandle;
use std::time::Duration;

use arrow_array::RecordBatch;
use arrow_pyarrow::ToPyArrow;
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use newsmill_cli::python::{Prepared, is_usage, prepare};
use newsmill_core::{Article, Notice, Record};
use newsmill_engine::{EngineError, EngineOptions, FnCodec, FnSink, RunStats, Runner};
use newsmill_io::{ArrowBatches, OutputError, Payload, RawItem, ReadOptions, decode, encode_jsonl};

create_exception!(
    _newsmill,
    Error,
    PyException,
    "A newsmill run failed (not a bad item: those become error records)."
);

/// Items in flight per `batch_size`: the reader's partial chunk, chunks
/// queued and being processed, and records waiting to be taken.
const IN_FLIGHT_BATCHES: usize = 4;

fn usage_or_run_error(e: &anyhow::Error) -> PyErr {
    let msg = format!("{e:#}");
    if is_usage(e) {
        PyValueError::new_err(msg)
    } else {
        Error::new_err(msg)
    }
}

/// One input item, converted with the GIL held.
enum Item {
    /// Text (or bytes) read exactly as a `.txt` file is.
    Raw(RawItem),
    /// A dict's fields, as a JSON Lines object's.
    Ready(Box<Article>),
    /// An item that gives an error record.
    Failed(Box<Record>),
}

fn run_decode(item: Item, read: &ReadOptions) -> Result<Article, Box<Record>> {
    match item {
        Item::Raw(raw) => decode(raw, read),
        Item::Ready(a) => Ok(*a),
        Item::Failed(r) => Err(r),
    }
}

/// A dict value as the JSON Lines reader sees a field.
enum Field {
    Missing,
    Text(String),
    Nested,
}

impl Field {
    fn into_option(self) -> Option<String> {
        match self {
            Field::Text(s) => Some(s),
            _ => None,
        }
    }
}

fn field(dict: &Bound<'_, PyDict>, name: &str) -> PyResult<Field> {
    let Some(v) = dict.get_item(name)? else {
        return Ok(Field::Missing);
    };
    if v.is_none() {
        return Ok(Field::Missing);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(Field::Text(s.to_cow()?.into_owned()));
    }
    if v.is_instance_of::<PyBool>() {
        return Ok(Field::Text(v.extract::<bool>()?.to_string()));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(Field::Text(v.str()?.to_cow()?.into_owned()));
    }
    if v.is_instance_of::<PyFloat>() {
        // pandas marks a missing value with NaN.
        let x: f64 = v.extract()?;
        return Ok(if x.is_nan() {
            Field::Missing
        } else {
            Field::Text(x.to_string())
        });
    }
    if let Ok(b) = v.cast::<PyBytes>() {
        return Ok(Field::Text(
            String::from_utf8_lossy(b.as_bytes()).into_owned(),
        ));
    }
    if v.is_instance_of::<PyDict>() || v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>()
    {
        return Ok(Field::Nested);
    }
    // Dates, timestamps, decimals...: their text.
    Ok(Field::Text(v.str()?.to_cow()?.into_owned()))
}

fn too_large(len: usize, max: u64) -> Notice {
    Notice::new(
        "too_large",
        format!("{len} bytes is over the --max-bytes limit of {max}"),
    )
}

fn dict_item(dict: &Bound<'_, PyDict>, name: &str, read: &ReadOptions) -> PyResult<Item> {
    let f = &read.fields;
    let id = field(dict, &f.id)?
        .into_option()
        .unwrap_or_else(|| name.to_owned());
    let fail = |notice: Notice| Item::Failed(Box::new(Record::error(id.clone(), name, notice)));
    let text = match field(dict, &f.text)? {
        Field::Text(t) => t,
        Field::Missing => {
            return Ok(fail(Notice::new(
                "missing_field",
                format!("{name}: no {:?} field", f.text),
            )));
        }
        Field::Nested => {
            return Ok(fail(Notice::new(
                "bad_field",
                format!("{name}: field {:?} is not a string", f.text),
            )));
        }
    };
    if text.len() as u64 > read.max_bytes {
        return Ok(fail(too_large(text.len(), read.max_bytes)));
    }
    let title = field(dict, &f.title)?
        .into_option()
        .filter(|t| !t.trim().is_empty());
    if text.trim().is_empty() && title.is_none() {
        return Ok(fail(Notice::new(
            "empty",
            format!("{name}: the text is empty"),
        )));
    }
    Ok(Item::Ready(Box::new(Article {
        source: name.to_owned(),
        title,
        published: field(dict, &f.date)?.into_option(),
        url: field(dict, &f.url)?.into_option(),
        text,
        first_line_is_title: false,
        warnings: Vec::new(),
        meta: Default::default(),
        id,
    })))
}

/// The UTF-8 bytes of a str, or the bytes of a bytes object; `None` for
/// anything else.
fn str_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    if let Ok(s) = obj.cast::<PyString>() {
        Ok(Some(s.to_cow()?.as_bytes().to_vec()))
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(Some(b.as_bytes().to_vec()))
    } else {
        Ok(None)
    }
}

/// Text or bytes as a `.txt` file's content: the first line is the headline.
fn text_item(obj: &Bound<'_, PyAny>, id: String) -> PyResult<Option<Item>> {
    let Some(bytes) = str_or_bytes(obj)? else {
        return Ok(None);
    };
    Ok(Some(Item::Raw(RawItem {
        source: id.clone(),
        id,
        size: bytes.len() as u64,
        payload: Payload::Text(bytes),
    })))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// One JSON Lines line (str or bytes) as `newsmill process` reads a line
/// of a `.jsonl` file: `item:N` is its source, a bad line an
/// `invalid_json` error record.
fn json_line_item(obj: &Bound<'_, PyAny>, index: u64) -> PyResult<Option<Item>> {
    let Some(bytes) = str_or_bytes(obj)? else {
        return Ok(None);
    };
    let name = format!("item:{index}");
    Ok(Some(Item::Raw(RawItem {
        source: name.clone(),
        id: name,
        size: bytes.len() as u64,
        payload: Payload::JsonLine(bytes, index + 1),
    })))
}

/// One Python item to an [`Item`]; never fails: what cannot be read is an
/// error record. With `jsonl`, str and bytes items are JSON Lines lines.
fn to_item(obj: &Bound<'_, PyAny>, index: u64, read: &ReadOptions, jsonl: bool) -> (u64, Item) {
    let name = format!("item:{index}");
    let converted = (|| -> PyResult<Item> {
        if jsonl && let Some(item) = json_line_item(obj, index)? {
            return Ok(item);
        }
        if let Some(item) = text_item(obj, name.clone())? {
            return Ok(item);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return dict_item(d, &name, read);
        }
        if let Ok(t) = obj.cast::<PyTuple>()
            && t.len() == 2
        {
            let id = t.get_item(0)?;
            let id = match id.cast::<PyString>() {
                Ok(s) => s.to_cow()?.into_owned(),
                Err(_) => id.str()?.to_cow()?.into_owned(),
            };
            if let Some(item) = text_item(&t.get_item(1)?, id.clone())? {
                return Ok(item);
            }
            return Ok(Item::Failed(Box::new(Record::error(
                id,
                name.clone(),
                Notice::new(
                    "bad_item",
                    format!(
                        "{name}: the text of an (id, text) pair must be str or bytes, not {}",
                        type_name(&t.get_item(1)?)
                    ),
                ),
            ))));
        }
        Ok(Item::Failed(Box::new(Record::error(
            name.clone(),
            name.clone(),
            Notice::new(
                "bad_item",
                format!(
                    "{name}: expected str, bytes, a dict or an (id, text) pair, not {}",
                    type_name(obj)
                ),
            ),
        ))))
    })();
    let item = converted.unwrap_or_else(|e| {
        Item::Failed(Box::new(Record::error(
            name.clone(),
            name.clone(),
            Notice::new("bad_item", format!("{name}: cannot read the item: {e}")),
        )))
    });
    let size = match &item {
        Item::Raw(r) => r.size,
        Item::Ready(a) => a.text.len() as u64,
        Item::Failed(_) => 0,
    };
    (size, item)
}

/// What the pipe's writer side hands to Python.
enum Out {
    /// One record as a JSON line.
    Json(Vec<u8>),
    /// Records as an Arrow batch.
    Batch(RecordBatch),
}

impl Out {
    fn rows(&self) -> usize {
        match self {
            Out::Json(_) => 1,
            Out::Batch(b) => b.num_rows(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum SinkError {
    #[error("the consumer went away")]
    Closed,
    #[error(transparent)]
    Encode(#[from] OutputError),
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// The shared, immutable part of a pipeline.
struct Shared {
    prepared: Prepared,
}

/// Run the engine over the items sent on `items_rx`, sending outputs on
/// `out_tx` in input order; gives the run's counts.
fn run_engine(
    shared: &Shared,
    items_rx: Receiver<Vec<(u64, Item)>>,
    out_tx: Sender<Out>,
    batch_size: usize,
    arrow_rows: Option<usize>,
) -> Result<RunStats, String> {
    let p = &shared.prepared;
    // The runner's chunks must not be larger than what the iterator lets
    // be in flight, or it would wait for items that are never sent.
    let engine = EngineOptions {
        chunk_items: batch_size,
        ..p.engine.clone()
    };
    let mut dedup = p.dedup().map_err(|e| format!("{e:#}"))?;
    let items = items_rx.into_iter().flatten();
    let read = &p.read;
    let decode = |(_, item): (u64, Item)| run_decode(item, read);
    let runner = Runner::new(&engine, &p.pipeline).dedup(dedup.as_mut());
    let result = match arrow_rows {
        None => runner.run(
            items,
            &FnCodec(decode, |record| encode_jsonl(&record, false)),
            FnSink(
                |encoded: Result<Vec<u8>, OutputError>| {
                    out_tx
                        .send(Out::Json(encoded?))
                        .map_err(|_| SinkError::Closed)
                },
                |_: &RunStats| {},
            ),
        ),
        Some(rows) => {
            let mut batches = ArrowBatches::default();
            let mut pending: Vec<Record> = Vec::with_capacity(rows);
            let r = runner.run(
                items,
                &FnCodec(decode, |record| record),
                FnSink(
                    |record: Record| {
                        pending.push(record);
                        if pending.len() >= rows {
                            let b = batches.convert(&pending)?;
                            pending.clear();
                            out_tx.send(Out::Batch(b)).map_err(|_| SinkError::Closed)?;
                        }
                        Ok(())
                    },
                    |_: &RunStats| {},
                ),
            );
            r.and_then(|stats| {
                if !pending.is_empty() {
                    let b = batches
                        .convert(&pending)
                        .map_err(|e| EngineError::Sink(SinkError::from(e)))?;
                    out_tx
                        .send(Out::Batch(b))
                        .map_err(|_| EngineError::Sink(SinkError::Closed))?;
                }
                Ok(stats)
            })
        }
    };
    result.map_err(|e| e.to_string())
}

/// A pipeline: the extractors, their configuration and the record options,
/// built once; call it on one article or `pipe` many through it.
#[pyclass(frozen, module = "newsmill._newsmill", name = "Pipeline")]
struct PyPipeline {
    shared: Arc<Shared>,
}

#[pymethods]
impl PyPipeline {
    /// Build from `newsmill process` options (as on the command line, no
    /// inputs). Raises ValueError with the command line's message for a bad
    /// option, an unknown extractor or a plugin that does not load.
    #[new]
    fn new(py: Python<'_>, options: Vec<String>) -> PyResult<Self> {
        let prepared = py
            .detach(|| prepare(options))
            .map_err(|e| usage_or_run_error(&e))?;
        Ok(PyPipeline {
            shared: Arc::new(Shared { prepared }),
        })
    }

    /// The extractors that run, in order.
    #[getter]
    fn extractors(&self) -> Vec<String> {
        self.shared
            .prepared
            .pipeline
            .extractors()
            .map(|i| i.name.clone())
            .collect()
    }

    /// Worker threads (0: one per core).
    #[getter]
    fn threads(&self) -> usize {
        self.shared.prepared.engine.threads
    }

    /// One item to one record (a dict with the command line's JSON schema).
    fn process_one(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let (_, item) = to_item(item, 0, &self.shared.prepared.read, false);
        let shared = &self.shared;
        let encoded = py.detach(|| {
            let p = &shared.prepared;
            let record = match run_decode(item, &p.read) {
                Ok(article) => p.pipeline.process(article),
                Err(r) => *r,
            };
            encode_jsonl(&record, false)
        });
        let encoded = encoded.map_err(|e| Error::new_err(e.to_string()))?;
        let loads = py.import("json")?.getattr("loads")?;
        Ok(loads.call1((PyBytes::new(py, &encoded),))?.unbind())
    }

    /// Records for the items of `iterable`, in order, as an iterator;
    /// `arrow=True` gives `pyarrow.RecordBatch`es of up to `batch_size`
    /// rows instead of dicts.
    #[pyo3(signature = (iterable, batch_size = 256, arrow = false, jsonl = false))]
    fn pipe(
        &self,
        py: Python<'_>,
        iterable: &Bound<'_, PyAny>,
        batch_size: usize,
        arrow: bool,
        jsonl: bool,
    ) -> PyResult<PipeIter> {
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        let source = iterable.try_iter()?.into_any().unbind();
        let loads = py.import("json")?.getattr("loads")?.unbind();
        let (items_tx, items_rx) = crossbeam_channel::unbounded();
        let (out_tx, out_rx) = crossbeam_channel::bounded(IN_FLIGHT_BATCHES * batch_size);
        let shared = Arc::clone(&self.shared);
        let arrow_rows = arrow.then_some(batch_size);
        let handle = std::thread::Builder::new()
            .name("newsmill-pipe".into())
            .spawn(move || run_engine(&shared, items_rx, out_tx, batch_size, arrow_rows))
            .map_err(|e| Error::new_err(format!("cannot start the pipe thread: {e}")))?;
        Ok(PipeIter {
            state: Mutex::new(PipeState {
                source: Some(source),
                items_tx: Some(items_tx),
                out_rx,
                handle: Some(handle),
                read: self.shared.prepared.read.clone(),
                jsonl,
                loads,
                batch_size,
                in_flight: 0,
                next_index: 0,
                source_error: None,
                stats: None,
            }),
        })
    }
}

struct PipeState {
    source: Option<Py<PyAny>>,
    items_tx: Option<Sender<Vec<(u64, Item)>>>,
    out_rx: Receiver<Out>,
    handle: Option<JoinHandle<Result<RunStats, String>>>,
    read: ReadOptions,
    /// str and bytes items are JSON Lines lines.
    jsonl: bool,
    loads: Py<PyAny>,
    batch_size: usize,
    in_flight: usize,
    next_index: u64,
    source_error: Option<PyErr>,
    stats: Option<RunStats>,
}

impl PipeState {
    /// Pull up to `batch_size` items from the Python iterator and send them
    /// to the runner.
    fn feed(&mut self, py: Python<'_>) {
        let Some(source) = &self.source else {
            return;
        };
        let source = source.bind(py);
        let mut chunk = Vec::with_capacity(self.batch_size);
        let mut done = false;
        while chunk.len() < self.batch_size {
            match source.call_method0("__next__") {
                Ok(obj) => {
                    chunk.push(to_item(&obj, self.next_index, &self.read, self.jsonl));
                    self.next_index += 1;
                }
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                    done = true;
                    break;
                }
                Err(e) => {
                    // The iterator itself failed: finish what was read,
                    // then raise its exception.
                    self.source_error = Some(e);
                    done = true;
                    break;
                }
            }
        }
        self.in_flight += chunk.len();
        if !chunk.is_empty()
            && let Some(tx) = &self.items_tx
            && tx.send(chunk).is_err()
        {
            done = true;
        }
        if done {
            self.source = None;
            self.items_tx = None;
        }
    }

    fn convert(&self, py: Python<'_>, out: Out) -> PyResult<Py<PyAny>> {
        match out {
            Out::Json(bytes) => Ok(self
                .loads
                .bind(py)
                .call1((PyBytes::new(py, &bytes),))?
                .unbind()),
            Out::Batch(b) => Ok(b.to_pyarrow(py)?.unbind()),
        }
    }

    /// The run ended: its counts, or its error, or the source's error.
    fn finish(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if let Some(h) = self.handle.take() {
            let joined = py.detach(|| h.join());
            match joined {
                Ok(Ok(stats)) => self.stats = Some(stats),
                Ok(Err(msg)) => return Err(Error::new_err(msg)),
                Err(_) => return Err(Error::new_err("internal error: the pipe thread panicked")),
            }
        }
        if let Some(e) = self.source_error.take() {
            return Err(e);
        }
        Ok(None)
    }
}

/// The records of a `pipe` call, in input order.
#[pyclass(module = "newsmill._newsmill")]
struct PipeIter {
    state: Mutex<PipeState>,
}

#[pymethods]
impl PipeIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let mut st = match self.state.try_lock() {
            Ok(st) => st,
            Err(TryLockError::WouldBlock) => {
                return Err(PyRuntimeError::new_err(
                    "this pipe is being advanced by another thread",
                ));
            }
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
        };
        loop {
            match st.out_rx.try_recv() {
                Ok(out) => {
                    st.in_flight = st.in_flight.saturating_sub(out.rows());
                    return st.convert(py, out).map(Some);
                }
                Err(TryRecvError::Disconnected) => return st.finish(py),
                Err(TryRecvError::Empty) => {}
            }
            if st.source.is_some()
                && st.in_flight + st.batch_size <= IN_FLIGHT_BATCHES * st.batch_size
            {
                st.feed(py);
                continue;
            }
            // Nothing more may be read now: wait for records, without the GIL.
            let rx = st.out_rx.clone();
            let got = py.detach(|| rx.recv_timeout(Duration::from_millis(100)));
            match got {
                Ok(out) => {
                    st.in_flight = st.in_flight.saturating_sub(out.rows());
                    return st.convert(py, out).map(Some);
                }
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => return st.finish(py),
            }
        }
    }

    /// The run's counts once the iterator is exhausted (else None): a dict
    /// with articles, ok, warnings, errors, bytes, seconds.
    #[getter]
    fn stats(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let st = match self.state.try_lock() {
            Ok(st) => st,
            Err(_) => return Ok(None),
        };
        st.stats.as_ref().map(|s| stats_dict(py, s)).transpose()
    }
}

fn stats_dict(py: Python<'_>, s: &RunStats) -> PyResult<Py<PyAny>> {
    let d = PyDict::new(py);
    d.set_item("articles", s.articles)?;
    d.set_item("ok", s.ok)?;
    d.set_item("warnings", s.warnings)?;
    d.set_item("errors", s.errors)?;
    d.set_item("bytes", s.bytes)?;
    d.set_item("seconds", s.elapsed.as_secs_f64())?;
    Ok(d.into_any().unbind())
}

/// Run `newsmill process` with these arguments (inputs and options, as on
/// the command line) without the GIL; gives the run's counts.
#[pyfunction]
fn process(py: Python<'_>, argv: Vec<String>) -> PyResult<Py<PyAny>> {
    let stats = py
        .detach(|| newsmill_cli::python::process(argv))
        .map_err(|e| usage_or_run_error(&e))?;
    stats_dict(py, &stats)
}

/// The native module.
#[pymodule]
fn _newsmill(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("Error", m.py().get_type::<Error>())?;
    m.add_class::<PyPipeline>()?;
    m.add_class::<PipeIter>()?;
    m.add_function(wrap_pyfunction!(process, m)?)?;
    Ok(())
}

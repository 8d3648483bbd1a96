//! The writers: `ParquetWriter` (row groups to a file as the records come) and `ArrowBatches` (record batches in memory).

use super::checkpoint::{self, Checkpointer, Recovered};
use super::*;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};
use std::path::{Path, PathBuf};

/// Records to Parquet, written in row groups as they come.
///
/// ```
/// use newsmill_core::{Article, AnalyzeOptions, Doc, Notice, Record, RecordOptions};
/// use newsmill_io::{ParquetOptions, ParquetWriter};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nBody text."), &AnalyzeOptions::default());
/// let mut w = ParquetWriter::new(Vec::new(), "memory", ParquetOptions::default());
/// w.write(Record::from_doc(doc, &RecordOptions::default())).unwrap();
/// w.write(Record::error("b", "b", Notice::new("empty", "empty file"))).unwrap();
/// let (bytes, warnings) = w.finish().unwrap();
/// assert!(bytes.starts_with(b"PAR1") && warnings.is_empty());
/// ```
pub struct ParquetWriter<W: Write + Send> {
    name: String,
    opts: ParquetOptions,
    pending: Vec<Record>,
    inner: Option<W>,
    writer: Option<(ArrowWriter<W>, Layout)>,
    warned: BTreeSet<(String, String)>,
    warnings: Vec<String>,
    /// A resumed output is written beside the file and renamed over it
    /// when closed: (the temporary file, the output).
    rename: Option<(std::path::PathBuf, std::path::PathBuf)>,
    /// Rows copied from a resumed file that began a batch the interrupted
    /// run had not finished: written together with the next batch, so
    /// that every write is the same run of rows as in an uninterrupted run
    /// (page boundaries depend on it).
    carry: Option<RecordBatch>,
    /// The file written, when it is one: a checkpoint goes beside it
    /// after each row group (see the `checkpoint` module).
    checkpoint_of: Option<PathBuf>,
    checkpoint: Option<Checkpointer>,
    /// Checkpoints to remove once the file is closed (and renamed).
    cleanup: Vec<PathBuf>,
}

impl<W: Write + Send> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("name", &self.name)
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> ParquetWriter<W> {
    /// Write to `inner`; `name` appears in error messages.
    pub fn new(inner: W, name: impl Into<String>, opts: ParquetOptions) -> Self {
        ParquetWriter {
            name: name.into(),
            pending: Vec::with_capacity(opts.batch_rows.max(1)),
            opts,
            inner: Some(inner),
            writer: None,
            warned: BTreeSet::new(),
            warnings: Vec::new(),
            rename: None,
            carry: None,
            checkpoint_of: None,
            checkpoint: None,
            cleanup: Vec::new(),
        }
    }

    /// Add one record; a batch is converted and handed to the Parquet
    /// encoder every [`ParquetOptions::batch_rows`] records.
    pub fn write(&mut self, record: Record) -> Result<(), ParquetWriteError> {
        self.pending.push(record);
        // After a resume, the first batch ends where the interrupted run's
        // would have (see `carry`).
        let carried = self.carry.as_ref().map_or(0, RecordBatch::num_rows);
        if self.pending.len() + carried >= self.opts.batch_rows.max(1) {
            self.flush_batch()?;
        }
        Ok(())
    }

    /// Warnings so far (one per extractor and attribute key that did not
    /// fit the schema).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Write what is buffered, the footer, and hand back the output and the
    /// warnings.
    pub fn finish(mut self) -> Result<(W, Vec<String>), ParquetWriteError> {
        self.flush_batch()?;
        if let (Some(carry), Some((writer, _))) = (self.carry.take(), self.writer.as_mut()) {
            writer.write(&carry)?;
        }
        if self.writer.is_none() {
            // No record at all: still a valid, empty file with the fixed columns.
            self.start(&[])?;
        }
        let (writer, _) = self
            .writer
            .take()
            .ok_or_else(|| ParquetError::General("writer not started".into()))?;
        let out = writer.into_inner()?;
        Ok((out, self.warnings))
    }

    fn start(&mut self, sample: &[Record]) -> Result<(), ParquetWriteError> {
        self.start_with(Layout::infer(sample))
    }

    fn start_with(&mut self, layout: Layout) -> Result<(), ParquetWriteError> {
        let props = WriterProperties::builder()
            .set_compression(PqCompression::ZSTD(ZstdLevel::try_new(
                self.opts.zstd_level,
            )?))
            .set_max_row_group_row_count(Some(self.opts.row_group_rows.max(1)))
            .set_max_row_group_bytes(Some(self.opts.row_group_bytes.max(1)))
            .set_created_by(format!("newsmill {}", env!("CARGO_PKG_VERSION")))
            .build();
        if let Some(data) = &self.checkpoint_of {
            self.checkpoint = Some(Checkpointer::new(
                data,
                &layout.schema,
                props.writer_version().as_num(),
                props.created_by(),
            ));
        }
        let inner = self
            .inner
            .take()
            .ok_or_else(|| ParquetError::General("output already used".into()))?;
        let writer = ArrowWriter::try_new(inner, layout.schema.clone(), Some(props))?;
        self.writer = Some((writer, layout));
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ParquetWriteError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let records = std::mem::take(&mut self.pending);
        if self.writer.is_none() {
            self.start(&records)?;
        }
        let Some((writer, layout)) = self.writer.as_mut() else {
            return Err(ParquetError::General("writer not started".into()).into());
        };
        let (batch, lost) = to_batch(layout, &records)?;
        match self.carry.take() {
            Some(carry) => {
                writer.write(&arrow_select::concat::concat_batches(
                    &layout.schema,
                    [&carry, &batch],
                )?)?;
            }
            None => writer.write(&batch)?,
        }
        if let Some(c) = self.checkpoint.as_mut() {
            c.after_write(writer)?;
        }
        for (extractor, key) in lost {
            if self.warned.insert((extractor.clone(), key.clone())) {
                let what = if key.is_empty() {
                    format!(
                        "extractor {extractor:?} was not in the first {} records",
                        self.opts.batch_rows
                    )
                } else {
                    format!(
                        "attribute {key:?} of extractor {extractor:?} is new or has another type than in the first {} records",
                        self.opts.batch_rows
                    )
                };
                self.warnings.push(format!(
                    "{}: {what}; its values are kept as JSON in the {EXTRA_JSON} column",
                    self.name
                ));
            }
        }
        self.pending = records;
        self.pending.clear();
        Ok(())
    }
}

impl ParquetWriter<Box<dyn Write + Send>> {
    /// Write to `path`, or to stdout when `path` is `None` or `-`.
    ///
    /// A file gets a checkpoint beside it (`FILE.newsmill-checkpoint`)
    /// after each row group, so that a killed run can be continued
    /// ([`ParquetWriter::resume_point`]); [`ParquetWriter::close`] removes
    /// it. Checkpoints and temporary files of an earlier run to `path`
    /// are removed here.
    pub fn create(
        path: Option<&std::path::Path>,
        opts: ParquetOptions,
    ) -> Result<Self, crate::OutputError> {
        let (out, name, file): (Box<dyn Write + Send>, String, Option<PathBuf>) = match path {
            Some(p) if p.as_os_str() != "-" => {
                let file =
                    std::fs::File::create(p).map_err(|source| crate::OutputError::Create {
                        path: p.display().to_string(),
                        source,
                    })?;
                let tmp = checkpoint::with_suffix(p, TMP);
                for stale in [
                    checkpoint::with_suffix(p, checkpoint::SUFFIX),
                    checkpoint::with_suffix(&tmp, checkpoint::SUFFIX),
                    tmp,
                ] {
                    remove_if_there(&stale).map_err(|source| crate::OutputError::Create {
                        path: stale.display().to_string(),
                        source,
                    })?;
                }
                (
                    Box::new(std::io::BufWriter::with_capacity(1 << 17, file)),
                    p.display().to_string(),
                    Some(p.to_path_buf()),
                )
            }
            _ => (
                Box::new(std::io::BufWriter::new(std::io::stdout())),
                "stdout".into(),
                None,
            ),
        };
        let mut w = ParquetWriter::new(out, name, opts);
        if let Some(p) = file {
            w.cleanup = vec![checkpoint::with_suffix(&p, checkpoint::SUFFIX)];
            w.checkpoint_of = Some(p);
        }
        Ok(w)
    }

    /// [`ParquetWriter::write`] with the error naming the output.
    pub fn write_record(&mut self, record: Record) -> Result<(), crate::OutputError> {
        let path = self.name.clone();
        self.write(record)
            .map_err(|source| crate::OutputError::Parquet { path, source })
    }

    /// Finish the file and flush it; gives the schema warnings.
    pub fn close(mut self) -> Result<Vec<String>, crate::OutputError> {
        let path = self.name.clone();
        let rename = self.rename.take();
        let cleanup = std::mem::take(&mut self.cleanup);
        let (mut out, warnings) = self
            .finish()
            .map_err(|source| crate::OutputError::Parquet {
                path: path.clone(),
                source,
            })?;
        out.flush().map_err(|source| crate::OutputError::Write {
            path: path.clone(),
            source,
        })?;
        drop(out);
        if let Some((tmp, to)) = rename {
            std::fs::rename(&tmp, &to)
                .map_err(|source| crate::OutputError::Write { path, source })?;
        }
        // The file is complete: its checkpoints are of no more use (and a
        // file with a footer is never read through one).
        for c in cleanup {
            let _ = remove_if_there(&c);
        }
        Ok(warnings)
    }

    /// Where the Parquet output at `path` left by an interrupted run ends:
    /// its rows, the last one's id and source. Changes nothing. A missing
    /// or empty file holds none. A file closed by the run (Ctrl-C and
    /// SIGTERM close it) is read whole; a file without its footer (a kill,
    /// a crash) is read through its checkpoint (`FILE.newsmill-checkpoint`,
    /// written after each row group): its complete row groups are kept,
    /// and refused when it has none. A resumed run killed before it
    /// renamed its output over `path` left `FILE.resume-tmp`: when that
    /// holds more rows, they are the ones kept.
    ///
    /// ```
    /// use newsmill_core::{Notice, Record};
    /// use newsmill_io::{ParquetOptions, ParquetWriter};
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("out.parquet");
    /// let mut w = ParquetWriter::create(Some(&path), ParquetOptions::default()).unwrap();
    /// w.write_record(Record::error("a", "in:1", Notice::new("empty", "empty"))).unwrap();
    /// w.close().unwrap();
    /// let at = ParquetWriter::resume_point(&path).unwrap();
    /// assert_eq!((at.records, at.last_source.as_deref()), (1, Some("in:1")));
    /// let mut w = ParquetWriter::resume_at(&path, &at, ParquetOptions::default()).unwrap();
    /// w.write_record(Record::error("b", "in:2", Notice::new("empty", "empty"))).unwrap();
    /// w.close().unwrap();
    /// assert_eq!(ParquetWriter::resume_point(&path).unwrap().records, 2);
    /// ```
    pub fn resume_point(path: &std::path::Path) -> Result<crate::ResumePoint, crate::ResumeError> {
        let tmp = checkpoint::with_suffix(path, TMP);
        let own = checkpoint::with_suffix(path, checkpoint::SUFFIX);
        let tmps = checkpoint::with_suffix(&tmp, checkpoint::SUFFIX);
        let io = |p: &Path, source| crate::ResumeError::Io {
            path: p.display().to_string(),
            source,
        };
        let main = inspect(path, &[&own, &tmps]).map_err(|e| io(path, e))?;
        // A resumed run's output not yet renamed over `path`; used when
        // it holds more rows. (Never an error: it is ours, and optional.)
        let beside = inspect(&tmp, &[&tmps]).unwrap_or(Found::Missing);
        let (found, from_tmp) = if beside.rows() > main.rows() {
            (beside, true)
        } else {
            (main, false)
        };
        let source = if from_tmp { &tmp } else { path };
        let checkpoint = match found {
            Found::Missing => return Ok(crate::ResumePoint::default()),
            Found::Unreadable(reason) => {
                return Err(crate::ResumeError::NoParquetCheckpoint {
                    path: path.display().to_string(),
                    reason,
                });
            }
            Found::Footer(_) => None,
            Found::Checkpoint {
                sidecar,
                recovered,
                file_len,
            } => Some((sidecar, recovered, file_len)),
        };
        let file = std::fs::File::open(source).map_err(|e| io(source, e))?;
        let builder = open_reader(
            file,
            checkpoint.as_ref().map(|(_, r, _)| r),
            &source.display().to_string(),
        )?;
        let (rows, last_id, last_source) = last_row(builder, source)?;
        let mut point = crate::ResumePoint::parquet(rows, last_id, last_source);
        if let Some((_, recovered, file_len)) = &checkpoint {
            point.dropped_bytes = file_len.saturating_sub(recovered.len);
        }
        point.parquet = Some(crate::resume::ParquetFrom {
            tmp: from_tmp,
            checkpoint: checkpoint.map(|(sidecar, _, _)| sidecar),
        });
        Ok(point)
    }

    /// Continue the Parquet output at `path` from `point` (found by
    /// [`ParquetWriter::resume_point`]): its rows are copied, in the same
    /// schema and row groups, into a new file beside it
    /// (`FILE.resume-tmp`), the new records follow, and
    /// [`ParquetWriter::close`] renames it over `path`. The result is the
    /// file an uninterrupted run would have written. When the rows come
    /// from `FILE.resume-tmp` (a resumed run that was killed), it is first
    /// renamed over `path`; otherwise `path` is untouched until the close.
    pub fn resume_at(
        path: &std::path::Path,
        point: &crate::ResumePoint,
        opts: ParquetOptions,
    ) -> Result<Self, crate::ResumeError> {
        let name = || path.display().to_string();
        let io = |source| crate::ResumeError::Io {
            path: name(),
            source,
        };
        // No rows to keep (no file, or a run stopped before its first
        // batch, whose file has only the fixed columns): start afresh, so
        // that the columns come from the first records, as in an
        // uninterrupted run.
        if point.records == 0 && point.last_id.is_none() {
            return ParquetWriter::create(Some(path), opts)
                .map_err(|e| io(std::io::Error::other(e.to_string())));
        }
        let tmp = checkpoint::with_suffix(path, TMP);
        let own = checkpoint::with_suffix(path, checkpoint::SUFFIX);
        let tmps = checkpoint::with_suffix(&tmp, checkpoint::SUFFIX);
        let from = point.parquet.clone().unwrap_or_default();
        if from.tmp {
            // Data first: a checkpoint is only used for the file whose
            // bytes it hashed, so every state in between is safe.
            std::fs::rename(&tmp, path).map_err(io)?;
        }
        // The checkpoint of `path` is `FILE.newsmill-checkpoint` from here
        // on; `FILE.resume-tmp.newsmill-checkpoint` is the new file's.
        let recovered = match &from.checkpoint {
            Some(c) => {
                if *c != own {
                    std::fs::rename(c, &own).map_err(io)?;
                }
                let r = checkpoint::load(&own, path).ok_or_else(|| {
                    crate::ResumeError::NoParquetCheckpoint {
                        path: name(),
                        reason: "its checkpoint changed since it was read".into(),
                    }
                })?;
                Some(r)
            }
            None => None,
        };
        remove_if_there(&tmps).map_err(io)?;
        let file = std::fs::File::open(path).map_err(io)?;
        let builder = open_reader(file, recovered.as_ref(), &name())?;
        let unfinished = |e: ParquetError| crate::ResumeError::UnfinishedParquet {
            path: name(),
            reason: e.to_string(),
        };
        let layout = Layout::from_schema(builder.schema())
            .ok_or_else(|| crate::ResumeError::NotParquetRecords { path: name() })?;
        let reader = builder
            .with_batch_size(opts.batch_rows.max(1))
            .build()
            .map_err(unfinished)?;
        let out = std::fs::File::create(&tmp).map_err(io)?;
        let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::with_capacity(1 << 17, out));
        let mut w = ParquetWriter::new(out, name(), opts);
        w.checkpoint_of = Some(tmp.clone());
        w.cleanup = vec![tmps, own];
        let copy = |e: ParquetWriteError| io(std::io::Error::other(e.to_string()));
        w.start_with(layout).map_err(copy)?;
        let full = w.opts.batch_rows.max(1);
        // The rows are written in runs of `full`, as the interrupted run
        // wrote them, whatever batches the reader gives; a partial last
        // run waits for the next records (`carry`).
        let mut held: Option<RecordBatch> = None;
        for batch in reader {
            let batch = batch.map_err(|e| unfinished(e.into()))?;
            let Some((writer, layout)) = w.writer.as_mut() else {
                break;
            };
            let mut rows = match held.take() {
                Some(h) => arrow_select::concat::concat_batches(&layout.schema, [&h, &batch])
                    .map_err(|e| copy(e.into()))?,
                None => batch,
            };
            while rows.num_rows() >= full {
                writer
                    .write(&rows.slice(0, full))
                    .map_err(|e| copy(e.into()))?;
                if let Some(c) = w.checkpoint.as_mut() {
                    c.after_write(writer).map_err(copy)?;
                }
                rows = rows.slice(full, rows.num_rows() - full);
            }
            if rows.num_rows() > 0 {
                held = Some(rows);
            }
        }
        w.carry = held;
        w.rename = Some((tmp, path.to_path_buf()));
        Ok(w)
    }
}

/// The name of a resumed run's output until it is closed.
const TMP: &str = ".resume-tmp";

fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// What a Parquet output left by a run holds.
enum Found {
    /// No file, or an empty one.
    Missing,
    /// A complete file (with its footer) of this many rows.
    Footer(u64),
    /// No footer, but a valid checkpoint.
    Checkpoint {
        sidecar: PathBuf,
        recovered: Recovered,
        file_len: u64,
    },
    /// No footer and no valid checkpoint: what the reader said.
    Unreadable(String),
}

impl Found {
    fn rows(&self) -> u64 {
        match self {
            Found::Footer(n) => *n,
            Found::Checkpoint { recovered, .. } => recovered.rows(),
            Found::Missing | Found::Unreadable(_) => 0,
        }
    }
}

/// Look at the Parquet file `data`: its footer, or else the best valid
/// checkpoint among `sidecars`.
fn inspect(data: &Path, sidecars: &[&Path]) -> std::io::Result<Found> {
    let file = match std::fs::File::open(data) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(e),
    };
    let file_len = file.metadata()?.len();
    if file_len == 0 {
        return Ok(Found::Missing);
    }
    let reason = match parquet::file::metadata::ParquetMetaDataReader::new().parse_and_finish(&file)
    {
        Ok(m) => {
            return Ok(Found::Footer(
                u64::try_from(m.file_metadata().num_rows()).unwrap_or(0),
            ));
        }
        Err(e) => e.to_string(),
    };
    let best = sidecars
        .iter()
        .filter_map(|s| Some((s.to_path_buf(), checkpoint::load(s, data)?)))
        .max_by_key(|(_, r)| r.rows());
    Ok(match best {
        Some((sidecar, recovered)) => Found::Checkpoint {
            sidecar,
            recovered,
            file_len,
        },
        None => Found::Unreadable(reason),
    })
}

/// A reader of `file`: through its own footer, or through the footer of
/// its checkpoint.
fn open_reader(
    file: std::fs::File,
    checkpoint: Option<&Recovered>,
    name: &str,
) -> Result<ParquetRecordBatchReaderBuilder<std::fs::File>, crate::ResumeError> {
    let unfinished = |e: ParquetError| crate::ResumeError::UnfinishedParquet {
        path: name.to_string(),
        reason: e.to_string(),
    };
    match checkpoint {
        None => ParquetRecordBatchReaderBuilder::try_new(file).map_err(unfinished),
        Some(r) => {
            let meta = ArrowReaderMetadata::try_new(r.metadata.clone(), Default::default())
                .map_err(unfinished)?;
            Ok(ParquetRecordBatchReaderBuilder::new_with_metadata(
                file, meta,
            ))
        }
    }
}

/// The rows of the file `builder` reads, and its last row's id and source
/// (read from the last row group alone).
#[allow(clippy::type_complexity)]
fn last_row(
    builder: ParquetRecordBatchReaderBuilder<std::fs::File>,
    path: &Path,
) -> Result<(u64, Option<String>, Option<String>), crate::ResumeError> {
    use arrow_array::Array;
    use parquet::arrow::ProjectionMask;
    let name = || path.display().to_string();
    let unfinished = |e: ParquetError| crate::ResumeError::UnfinishedParquet {
        path: name(),
        reason: e.to_string(),
    };
    if Layout::from_schema(builder.schema()).is_none() {
        return Err(crate::ResumeError::NotParquetRecords { path: name() });
    }
    let rows = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
    let groups = builder.metadata().num_row_groups();
    if rows == 0 || groups == 0 {
        return Ok((0, None, None));
    }
    let index = |n: &str| builder.schema().index_of(n).ok();
    let (Some(id), Some(source)) = (index("id"), index("source")) else {
        return Err(crate::ResumeError::NotParquetRecords { path: name() });
    };
    let mask = ProjectionMask::roots(builder.parquet_schema(), [id, source]);
    let reader = builder
        .with_projection(mask)
        .with_row_groups(vec![groups - 1])
        .build()
        .map_err(unfinished)?;
    let mut last = (None, None);
    for batch in reader {
        let batch = batch.map_err(|e| unfinished(e.into()))?;
        let value = |col: usize| {
            let a = batch.column(col).as_any().downcast_ref::<StringArray>()?;
            let i = a.len().checked_sub(1)?;
            a.is_valid(i).then(|| a.value(i).to_string())
        };
        if batch.num_rows() > 0 {
            last = (value(0), value(1));
        }
    }
    Ok((rows, last.0, last.1))
}

/// Records to Arrow record batches with the Parquet writer's schema (the
/// same columns, inferred from the first batch the same way), for callers
/// that want Arrow in memory rather than a file: the Python package's
/// `pipe_arrow`.
///
/// ```
/// use newsmill_core::{Article, AnalyzeOptions, Doc, Notice, Record, RecordOptions};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nBody text."), &AnalyzeOptions::default());
/// let mut b = newsmill_io::ArrowBatches::default();
/// let batch = b.convert(&[
///     Record::from_doc(doc, &RecordOptions::default()),
///     Record::error("b", "b", Notice::new("empty", "empty file")),
/// ]).unwrap();
/// assert_eq!(batch.num_rows(), 2);
/// assert!(batch.schema().field_with_name("id").is_ok());
/// ```
#[derive(Default)]
pub struct ArrowBatches {
    layout: Option<Layout>,
    warned: BTreeSet<(String, String)>,
    warnings: Vec<String>,
}

impl std::fmt::Debug for ArrowBatches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArrowBatches")
            .field("schema", &self.layout.as_ref().map(|l| &l.schema))
            .finish_non_exhaustive()
    }
}

impl ArrowBatches {
    /// Convert records; the first call fixes the schema. Parts of later
    /// records that do not fit it go, as JSON, to the `extra_json` column.
    pub fn convert(&mut self, records: &[Record]) -> Result<RecordBatch, ArrowError> {
        let layout = self.layout.get_or_insert_with(|| Layout::infer(records));
        let (batch, lost) = to_batch(layout, records)?;
        for (extractor, key) in lost {
            if self.warned.insert((extractor.clone(), key.clone())) {
                self.warnings.push(if key.is_empty() {
                    format!(
                        "extractor {extractor:?} was not in the first batch; its values are kept as JSON in the {EXTRA_JSON} column"
                    )
                } else {
                    format!(
                        "attribute {key:?} of extractor {extractor:?} is new or has another type than in the first batch; its values are kept as JSON in the {EXTRA_JSON} column"
                    )
                });
            }
        }
        Ok(batch)
    }

    /// The schema, once the first batch has fixed it.
    pub fn schema(&self) -> Option<SchemaRef> {
        self.layout.as_ref().map(|l| l.schema.clone())
    }

    /// Warnings so far, one per extractor and attribute that did not fit.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

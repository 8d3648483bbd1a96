//! The writers: `ParquetWriter` (row groups to a file as the records come) and `ArrowBatches` (record batches in memory).

use super::*;

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
    pub fn create(
        path: Option<&std::path::Path>,
        opts: ParquetOptions,
    ) -> Result<Self, crate::OutputError> {
        let (out, name): (Box<dyn Write + Send>, String) = match path {
            Some(p) if p.as_os_str() != "-" => {
                let file =
                    std::fs::File::create(p).map_err(|source| crate::OutputError::Create {
                        path: p.display().to_string(),
                        source,
                    })?;
                (
                    Box::new(std::io::BufWriter::with_capacity(1 << 17, file)),
                    p.display().to_string(),
                )
            }
            _ => (
                Box::new(std::io::BufWriter::new(std::io::stdout())),
                "stdout".into(),
            ),
        };
        Ok(ParquetWriter::new(out, name, opts))
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
        Ok(warnings)
    }

    /// Where the Parquet output at `path`, closed by an interrupted run
    /// (Ctrl-C or SIGTERM close it), ends: its rows, the last one's id and
    /// source. Changes nothing. A missing or empty file holds none; a file
    /// without its footer (a kill, a crash) cannot be continued.
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
        use arrow_array::Array;
        use parquet::arrow::ProjectionMask;
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let name = || path.display().to_string();
        let io = |source| crate::ResumeError::Io {
            path: name(),
            source,
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(crate::ResumePoint::default());
            }
            Err(e) => return Err(io(e)),
        };
        if file.metadata().map_err(io)?.len() == 0 {
            return Ok(crate::ResumePoint::default());
        }
        let unfinished = |e: ParquetError| crate::ResumeError::UnfinishedParquet {
            path: name(),
            reason: e.to_string(),
        };
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(unfinished)?;
        if Layout::from_schema(builder.schema()).is_none() {
            return Err(crate::ResumeError::NotParquetRecords { path: name() });
        }
        let rows = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
        let groups = builder.metadata().num_row_groups();
        if rows == 0 || groups == 0 {
            return Ok(crate::ResumePoint::parquet(0, None, None));
        }
        // The last row's id and source, from the last row group alone.
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
        Ok(crate::ResumePoint::parquet(rows, last.0, last.1))
    }

    /// Continue the Parquet output at `path` from `point` (found by
    /// [`ParquetWriter::resume_point`]): its rows are copied, in the same
    /// schema and row groups, into a new file beside it, the new records
    /// follow, and [`ParquetWriter::close`] renames it over `path` (until
    /// then `path` is untouched). The result is the file an uninterrupted
    /// run would have written.
    pub fn resume_at(
        path: &std::path::Path,
        point: &crate::ResumePoint,
        opts: ParquetOptions,
    ) -> Result<Self, crate::ResumeError> {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let name = || path.display().to_string();
        let io = |source| crate::ResumeError::Io {
            path: name(),
            source,
        };
        if point.records == 0 && point.last_id.is_none() {
            let exists = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
            if !exists {
                return ParquetWriter::create(Some(path), opts)
                    .map_err(|e| io(std::io::Error::other(e.to_string())));
            }
        }
        let unfinished = |e: ParquetError| crate::ResumeError::UnfinishedParquet {
            path: name(),
            reason: e.to_string(),
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(unfinished)?;
        let layout = Layout::from_schema(builder.schema())
            .ok_or_else(|| crate::ResumeError::NotParquetRecords { path: name() })?;
        let reader = builder
            .with_batch_size(opts.batch_rows.max(1))
            .build()
            .map_err(unfinished)?;
        let mut tmp = path.to_path_buf();
        let mut file_name = tmp
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        file_name.push(".resume-tmp");
        tmp.set_file_name(file_name);
        let out = std::fs::File::create(&tmp).map_err(io)?;
        let out: Box<dyn Write + Send> = Box::new(std::io::BufWriter::with_capacity(1 << 17, out));
        let mut w = ParquetWriter::new(out, name(), opts);
        let copy = |e: ParquetWriteError| io(std::io::Error::other(e.to_string()));
        w.start_with(layout).map_err(copy)?;
        let full = w.opts.batch_rows.max(1);
        for batch in reader {
            let batch = batch.map_err(|e| unfinished(e.into()))?;
            if let Some((writer, _)) = w.writer.as_mut() {
                if batch.num_rows() < full {
                    // The last, partial batch (the reader gives full ones
                    // before it): its rows wait for the next records.
                    w.carry = Some(batch);
                } else {
                    writer.write(&batch).map_err(|e| copy(e.into()))?;
                }
            }
        }
        w.rename = Some((tmp, path.to_path_buf()));
        Ok(w)
    }
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

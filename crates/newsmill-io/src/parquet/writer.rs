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
        }
    }

    /// Add one record; a batch is converted and handed to the Parquet
    /// encoder every [`ParquetOptions::batch_rows`] records.
    pub fn write(&mut self, record: Record) -> Result<(), ParquetWriteError> {
        self.pending.push(record);
        if self.pending.len() >= self.opts.batch_rows.max(1) {
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
        let layout = Layout::infer(sample);
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
        writer.write(&batch)?;
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
    pub fn close(self) -> Result<Vec<String>, crate::OutputError> {
        let path = self.name.clone();
        let (mut out, warnings) = self
            .finish()
            .map_err(|source| crate::OutputError::Parquet {
                path: path.clone(),
                source,
            })?;
        out.flush()
            .map_err(|source| crate::OutputError::Write { path, source })?;
        Ok(warnings)
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

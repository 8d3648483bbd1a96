//! Writers: records in, bytes out, in order.

use std::io::{BufWriter, Write};
use std::path::Path;

use newsmill_core::Record;
use parquet::errors::ParquetError;

use crate::compress::{Compression, Encoded};

/// A failure to write output; the run stops with exit code 1.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output file could not be created.
    #[error("cannot create output {path}: {source}")]
    Create {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing failed.
    #[error("cannot write to {path}: {source}")]
    Write {
        /// The file, or `stdout`.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The Parquet encoder failed (or writing through it).
    #[error("cannot write Parquet to {path}: {source}")]
    Parquet {
        /// The file, or `stdout`.
        path: String,
        /// The cause.
        source: crate::parquet::ParquetWriteError,
    },
    /// A record could not be encoded (should not happen).
    #[error("cannot encode record {id}: {source}")]
    Encode {
        /// The record's id.
        id: String,
        /// The cause.
        source: serde_json::Error,
    },
}

impl OutputError {
    /// True when the reader of stdout went away (`newsmill ... | head`):
    /// the run ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            OutputError::Write { source, .. } => source.kind() == std::io::ErrorKind::BrokenPipe,
            OutputError::Parquet {
                source: crate::parquet::ParquetWriteError::Parquet(ParquetError::External(e)),
                ..
            } => e
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe),
            _ => false,
        }
    }
}

/// One record as a JSON line (with its `\n`); `pretty` indents it.
///
/// ```
/// use newsmill_core::{Notice, Record};
/// let r = Record::error("a", "a", Notice::new("empty", "empty file"));
/// let line = newsmill_io::encode_jsonl(&r, false).unwrap();
/// assert!(line.starts_with(b"{\"schema_version\":2,"));
/// ```
pub fn encode_jsonl(record: &Record, pretty: bool) -> Result<Vec<u8>, OutputError> {
    let mut buf = Vec::with_capacity(record.counts.bytes as usize * 2 + 512);
    let res = if pretty {
        serde_json::to_writer_pretty(&mut buf, record)
    } else {
        serde_json::to_writer(&mut buf, record)
    };
    res.map_err(|source| OutputError::Encode {
        id: record.id.clone(),
        source,
    })?;
    buf.push(b'\n');
    Ok(buf)
}

/// JSON Lines output to a file or stdout. Encoding ([`encode_jsonl`])
/// is separate from writing so that it can run on worker threads.
///
/// ```
/// use newsmill_core::{Record, Notice};
/// use newsmill_io::{encode_jsonl, JsonlWriter};
/// let rec = Record::error("a", "a", Notice::new("empty", "empty file"));
/// let bytes = encode_jsonl(&rec, false).unwrap();
/// assert!(bytes.ends_with(b"\n"));
/// let mut w = JsonlWriter::new(Vec::new(), "memory");
/// w.write_encoded(&bytes).unwrap();
/// assert_eq!(w.finish().unwrap(), bytes);
/// ```
pub struct JsonlWriter<W: Write> {
    out: BufWriter<W>,
    name: String,
}

impl<W: Write> std::fmt::Debug for JsonlWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlWriter")
            .field("name", &self.name)
            .finish()
    }
}

/// The output stream [`JsonlWriter::create`] opens: a file or stdout,
/// compressed as the file name says.
pub type OutputStream = Encoded<Box<dyn Write + Send>>;

impl JsonlWriter<OutputStream> {
    /// Write to `path`, or to stdout when `path` is `None` or `-`; a path
    /// ending in `.gz` or `.zst` is compressed. Call [`JsonlWriter::close`]
    /// at the end.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("out.jsonl.gz");
    /// let rec = newsmill_core::Record::error("a", "a", newsmill_core::Notice::new("empty", "empty"));
    /// let mut w = newsmill_io::JsonlWriter::create(Some(&path)).unwrap();
    /// w.write_record(&rec, false).unwrap();
    /// w.close().unwrap();
    /// let bytes = std::fs::read(&path).unwrap();
    /// assert_eq!(newsmill_io::Compression::sniff(&bytes), newsmill_io::Compression::Gzip);
    /// ```
    pub fn create(path: Option<&Path>) -> Result<Self, OutputError> {
        match path {
            None => Ok(Self::stdout()),
            Some(p) if p.as_os_str() == "-" => Ok(Self::stdout()),
            Some(p) => {
                let create = |source| OutputError::Create {
                    path: p.display().to_string(),
                    source,
                };
                let f = std::fs::File::create(p).map_err(create)?;
                let inner = Encoded::new(
                    Box::new(f) as Box<dyn Write + Send>,
                    Compression::from_path(p),
                )
                .map_err(create)?;
                Ok(JsonlWriter::new(inner, p.display().to_string()))
            }
        }
    }

    fn stdout() -> Self {
        JsonlWriter::new(
            Encoded::Plain(Box::new(std::io::stdout()) as Box<dyn Write + Send>),
            "stdout".to_string(),
        )
    }

    /// Flush, end a compressed stream, and close the output.
    pub fn close(self) -> Result<(), OutputError> {
        let name = self.name.clone();
        let inner = self.finish()?;
        inner
            .finish()
            .map(drop)
            .map_err(|source| OutputError::Write { path: name, source })
    }
}

impl<W: Write> JsonlWriter<W> {
    /// Wrap a writer; `name` appears in error messages.
    pub fn new(inner: W, name: impl Into<String>) -> Self {
        JsonlWriter {
            out: BufWriter::with_capacity(1 << 17, inner),
            name: name.into(),
        }
    }

    /// Write bytes made by [`encode_jsonl`].
    pub fn write_encoded(&mut self, bytes: &[u8]) -> Result<(), OutputError> {
        self.out
            .write_all(bytes)
            .map_err(|source| OutputError::Write {
                path: self.name.clone(),
                source,
            })
    }

    /// Encode and write one record.
    pub fn write_record(&mut self, record: &Record, pretty: bool) -> Result<(), OutputError> {
        let bytes = encode_jsonl(record, pretty)?;
        self.write_encoded(&bytes)
    }

    /// Flush and hand back the inner writer.
    pub fn finish(self) -> Result<W, OutputError> {
        let name = self.name;
        self.out.into_inner().map_err(|e| OutputError::Write {
            path: name,
            source: e.into_error(),
        })
    }

    /// Flush buffered output.
    pub fn flush(&mut self) -> Result<(), OutputError> {
        self.out.flush().map_err(|source| OutputError::Write {
            path: self.name.clone(),
            source,
        })
    }
}

//! Continuing an interrupted JSON Lines output: find the last complete
//! record, drop a partial tail, and open the file for appending.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use crate::compress::{Compression, Encoded, decompress};
use crate::write::{JsonlWriter, OutputError, OutputStream};

/// Where an earlier run's output ends.
///
/// ```
/// let p = newsmill_io::ResumePoint::default();
/// assert_eq!(p.records, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResumePoint {
    /// Complete records kept: the inputs to skip.
    pub records: u64,
    /// The `id` of the last complete record.
    pub last_id: Option<String>,
    /// The `source` of the last complete record (where its input came
    /// from, `file:line` for JSON Lines), to check that the inputs are
    /// the same.
    pub last_source: Option<String>,
    /// Bytes (uncompressed) of a partial last record that were dropped;
    /// for a Parquet file recovered from its checkpoint, the bytes after
    /// its last complete row group.
    pub dropped_bytes: u64,
    /// Uncompressed bytes of the complete records.
    prefix: u64,
    /// The file's stream ended cleanly, in the compression its name says.
    clean: bool,
    /// The file needs no change at all (nothing to drop).
    exists: bool,
    /// Parquet: where the rows to keep are read from.
    pub(crate) parquet: Option<ParquetFrom>,
}

/// Where a Parquet resume reads the rows it keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ParquetFrom {
    /// From `FILE.resume-tmp` (a resumed run killed before it renamed
    /// its output over FILE), not FILE.
    pub(crate) tmp: bool,
    /// Through this checkpoint (the file has no footer).
    pub(crate) checkpoint: Option<PathBuf>,
}

/// Why an output cannot be continued.
#[derive(Debug, thiserror::Error)]
pub enum ResumeError {
    /// Reading, truncating or rewriting the file failed.
    #[error("cannot resume {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A Parquet output that was not closed: a kill or a crash leaves no
    /// footer, and without it the rows cannot be read.
    #[error(
        "cannot resume {path}: it is not a complete Parquet file ({reason}); a Parquet output can be continued after Ctrl-C or SIGTERM, which close it, not after a kill or a crash: start the run again, or write JSON Lines, which resumes after any stop"
    )]
    UnfinishedParquet {
        /// The file.
        path: String,
        /// What the Parquet reader said.
        reason: String,
    },
    /// A Parquet output without its footer (a kill, a crash) and without
    /// a valid checkpoint: nothing of it can be read.
    #[error(
        "cannot resume {path}: it is not a complete Parquet file ({reason}), and no checkpoint of it was found ({path}.newsmill-checkpoint, written after each row group): a run killed before its first row group was written leaves nothing to continue; start the run again"
    )]
    NoParquetCheckpoint {
        /// The file.
        path: String,
        /// What the Parquet reader said.
        reason: String,
    },
    /// A Parquet file whose columns are not the ones newsmill writes.
    #[error(
        "cannot resume {path}: its columns are not newsmill's record columns (was it written by `newsmill process`?)"
    )]
    NotParquetRecords {
        /// The file.
        path: String,
    },
    /// The file holds a line that is not a newsmill record.
    #[error(
        "cannot resume {path}: line {line} is not a newsmill record (was it written by `newsmill process` without --pretty?)"
    )]
    NotRecords {
        /// The file.
        path: String,
        /// The line number (1-based).
        line: u64,
    },
}

/// What a scan of the file found.
struct Scan {
    records: u64,
    /// Uncompressed bytes of the complete lines.
    prefix: u64,
    last_line: Vec<u8>,
    tail: u64,
    /// The compressed stream ended cleanly (always true for plain files).
    clean: bool,
    kind: Compression,
}

/// Read the file, giving each run of complete lines to `keep`.
fn scan(path: &Path, mut keep: impl FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<Scan> {
    let file = File::open(path)?;
    let (mut reader, kind) = decompress(BufReader::with_capacity(1 << 16, file))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let mut last_line: Vec<u8> = Vec::new();
    let (mut records, mut prefix) = (0u64, 0u64);
    let mut clean = true;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A compressed stream cut off by a kill: what was decoded
            // before the cut is kept.
            Err(_) if kind != Compression::None => {
                clean = false;
                break;
            }
            Err(e) => return Err(e),
        };
        let chunk = buf.get(..n).unwrap_or(&[]);
        let Some(last_nl) = memchr::memrchr(b'\n', chunk) else {
            carry.extend_from_slice(chunk);
            continue;
        };
        let (complete, rest) = chunk.split_at(last_nl + 1);
        carry.extend_from_slice(complete);
        records += memchr::memchr_iter(b'\n', &carry).count() as u64;
        prefix += carry.len() as u64;
        // The last complete line of this run of lines (`carry` holds the
        // whole of a line that spanned reads).
        let body = carry.get(..carry.len() - 1).unwrap_or(&[]);
        let start = memchr::memrchr(b'\n', body).map_or(0, |i| i + 1);
        last_line.clear();
        last_line.extend_from_slice(body.get(start..).unwrap_or(&[]));
        keep(&carry)?;
        carry.clear();
        carry.extend_from_slice(rest);
    }
    Ok(Scan {
        records,
        prefix,
        last_line,
        tail: carry.len() as u64,
        clean,
        kind,
    })
}

impl JsonlWriter<OutputStream> {
    /// Continue the JSON Lines output at `path` left by an interrupted
    /// run: keep its complete records, drop a partial last line, and
    /// open it for appending (a plain file is truncated in place; a
    /// compressed file whose stream was cut off is rewritten with the
    /// complete records, then a new gzip member or zstd frame follows).
    /// A missing or empty file starts from nothing.
    ///
    /// ```
    /// use std::io::Write;
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("out.jsonl");
    /// std::fs::write(&path, "{\"id\":\"a\",\"source\":\"in:1\"}\n{\"id\":\"b\",\"sou").unwrap();
    /// let (mut w, at) = newsmill_io::JsonlWriter::resume(&path).unwrap();
    /// assert_eq!((at.records, at.last_source.as_deref()), (1, Some("in:1")));
    /// w.write_encoded(b"{\"id\":\"b\",\"source\":\"in:2\"}\n").unwrap();
    /// w.close().unwrap();
    /// let text = std::fs::read_to_string(&path).unwrap();
    /// assert_eq!(text.lines().count(), 2);
    /// ```
    pub fn resume(path: &Path) -> Result<(Self, ResumePoint), ResumeError> {
        let point = ResumePoint::find(path)?;
        let w = JsonlWriter::resume_at(path, &point)?;
        Ok((w, point))
    }

    /// [`JsonlWriter::resume`] in two steps: `point` from
    /// [`ResumePoint::find`] (which changes nothing, so the caller can
    /// check the inputs first), then this truncates or rewrites the file
    /// and opens it for appending.
    pub fn resume_at(path: &Path, point: &ResumePoint) -> Result<Self, ResumeError> {
        let io = |source| ResumeError::Io {
            path: path.display().to_string(),
            source,
        };
        if !point.exists {
            return JsonlWriter::create(Some(path)).map_err(|e| match e {
                OutputError::Create { source, .. } => io(source),
                other => io(std::io::Error::other(other.to_string())),
            });
        }
        let want = Compression::from_path(path);
        if want == Compression::None && point.clean {
            let f = OpenOptions::new().write(true).open(path).map_err(io)?;
            f.set_len(point.prefix).map_err(io)?;
            f.sync_all().map_err(io)?;
        } else if !(point.clean && point.dropped_bytes == 0) {
            rewrite(path, want).map_err(io)?;
        }
        let f = OpenOptions::new().append(true).open(path).map_err(io)?;
        let inner = Encoded::new(Box::new(f) as Box<dyn Write + Send>, want).map_err(io)?;
        Ok(JsonlWriter::new(inner, path.display().to_string()))
    }
}

impl ResumePoint {
    /// The point at the end of a closed Parquet output of `records` rows.
    pub(crate) fn parquet(
        records: u64,
        last_id: Option<String>,
        last_source: Option<String>,
    ) -> Self {
        ResumePoint {
            records,
            last_id,
            last_source,
            exists: records > 0,
            clean: true,
            ..ResumePoint::default()
        }
    }

    /// True when the records kept were recovered from the checkpoint of
    /// a Parquet file left without its footer (a killed run): the
    /// records after its last complete row group are done again.
    ///
    /// ```
    /// assert!(!newsmill_io::ResumePoint::default().recovered_from_checkpoint());
    /// ```
    pub fn recovered_from_checkpoint(&self) -> bool {
        self.parquet
            .as_ref()
            .is_some_and(|p| p.checkpoint.is_some())
    }

    /// Read the output left at `path` (changing nothing): how many
    /// complete records it holds, the last one's id and source, and the
    /// bytes of a partial last record. A missing or empty file holds none.
    ///
    /// ```
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("out.jsonl");
    /// std::fs::write(&path, "{\"id\":\"a\",\"source\":\"in:1\"}\n{\"id").unwrap();
    /// let at = newsmill_io::ResumePoint::find(&path).unwrap();
    /// assert_eq!((at.records, at.dropped_bytes), (1, 4)); // `{"id`
    /// assert_eq!(at.last_id.as_deref(), Some("a"));
    /// ```
    pub fn find(path: &Path) -> Result<ResumePoint, ResumeError> {
        let io = |source| ResumeError::Io {
            path: path.display().to_string(),
            source,
        };
        let empty = match std::fs::metadata(path) {
            Ok(m) => m.len() == 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(io(e)),
        };
        if empty {
            return Ok(ResumePoint::default());
        }
        let found = scan(path, |_| Ok(())).map_err(io)?;
        let point = ResumePoint {
            records: found.records,
            dropped_bytes: found.tail,
            prefix: found.prefix,
            clean: found.clean && found.kind == Compression::from_path(path),
            exists: true,
            ..ResumePoint::default()
        };
        with_last(point, &found, path)
    }
}

/// Fill in the last record's id and source (checking it is a record).
fn with_last(
    mut point: ResumePoint,
    found: &Scan,
    path: &Path,
) -> Result<ResumePoint, ResumeError> {
    if found.records == 0 {
        return Ok(point);
    }
    let value: serde_json::Value =
        serde_json::from_slice(&found.last_line).map_err(|_| ResumeError::NotRecords {
            path: path.display().to_string(),
            line: found.records,
        })?;
    let field = |k: &str| value.get(k).and_then(|v| v.as_str()).map(str::to_string);
    point.last_id = field("id");
    point.last_source = field("source");
    if point.last_id.is_none() || point.last_source.is_none() {
        return Err(ResumeError::NotRecords {
            path: path.display().to_string(),
            line: found.records,
        });
    }
    Ok(point)
}

/// Write the complete lines of `path` anew, compressed as `kind`, through
/// a temporary file beside it (so a kill now loses nothing).
fn rewrite(path: &Path, kind: Compression) -> std::io::Result<()> {
    let mut tmp: PathBuf = path.to_path_buf();
    let mut name = tmp
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".resume-tmp");
    tmp.set_file_name(name);
    let out = File::create(&tmp)?;
    let mut enc = Encoded::new(std::io::BufWriter::with_capacity(1 << 17, out), kind)?;
    scan(path, |lines| enc.write_all(lines))?;
    let out = enc.finish()?;
    let out = out.into_inner().map_err(|e| e.into_error())?;
    out.sync_all()?;
    std::fs::rename(&tmp, path)
}

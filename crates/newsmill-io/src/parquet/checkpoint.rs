//! Checkpoints: after each row group the writer puts down, beside the
//! file, the footer a reader needs to read the row groups written so far.
//! A run killed (SIGKILL, a crash) leaves a Parquet file without its
//! footer; with the checkpoint, its complete row groups can still be read
//! and the run continued from there.
//!
//! The sidecar `FILE.newsmill-checkpoint` is a log: each time row groups
//! are closed, one entry is appended, holding a header (magic, the length
//! `L` of the file when the entry was written, an FNV-1a hash of the
//! file's last 64 KiB before `L`, the footer's length and hash) and a
//! footer (Thrift metadata, its 4-byte length, `PAR1`) of the row groups
//! closed since the previous entry. An entry costs what its row groups'
//! metadata costs (plus the schema), so the log grows linearly with the
//! file, as its real footer does. An entry is one write at the end of the
//! log: a kill while writing leaves a torn last entry, which its footer
//! hash rejects. The log is used up to its last entry that belongs to the
//! file as it is now (the file at least `L` bytes long, the hash of its
//! bytes before `L` matching): a log of another file, or of an earlier run
//! to the same path, is ignored. No fsync: a killed process loses nothing
//! the OS has been handed; after a power loss the log may be stale, and
//! is then ignored (or, the file being shorter, cut where it stops
//! matching).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_schema::Schema;
use parquet::arrow::ArrowWriter;
use parquet::file::metadata::{
    FileMetaData, KeyValue, ParquetMetaData, ParquetMetaDataReader, ParquetMetaDataWriter,
};

use super::ParquetWriteError;

/// The sidecar's name: the data file's name and this.
pub(crate) const SUFFIX: &str = ".newsmill-checkpoint";
const MAGIC: &[u8; 8] = b"NMCKPT01";
const HEADER: usize = 8 + 4 * 8;
/// Bytes of the data file (before `L`) the hash covers.
const TAIL: u64 = 64 * 1024;

/// `path` with `suffix` appended to its file name.
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The hash of `file`'s bytes `[len - min(len, 64 KiB), len)`.
fn tail_hash(file: &mut File, len: u64) -> std::io::Result<u64> {
    let n = len.min(TAIL);
    file.seek(SeekFrom::Start(len - n))?;
    let mut buf = Vec::with_capacity(n as usize);
    Read::by_ref(file).take(n).read_to_end(&mut buf)?;
    if buf.len() as u64 != n {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(fnv1a(&buf))
}

/// Writes a checkpoint each time the writer has closed more row groups.
pub(crate) struct Checkpointer {
    data: PathBuf,
    sidecar: PathBuf,
    groups: usize,
    version: i32,
    created_by: String,
    schema: KeyValue,
    /// The log, once its first entry is written.
    log: Option<File>,
}

impl Checkpointer {
    /// Checkpoints of the Parquet file at `data`, written with `schema`,
    /// format `version` and `created_by` (as the writer writes them in
    /// its own footer).
    pub(crate) fn new(data: &Path, schema: &Schema, version: i32, created_by: &str) -> Self {
        Checkpointer {
            data: data.to_path_buf(),
            sidecar: with_suffix(data, SUFFIX),
            groups: 0,
            version,
            created_by: created_by.to_string(),
            schema: KeyValue::new(
                parquet::arrow::ARROW_SCHEMA_META_KEY.to_string(),
                parquet::arrow::encode_arrow_schema(schema),
            ),
            log: None,
        }
    }

    /// Call after each `ArrowWriter::write`: if a row group was closed,
    /// flush the file and write the checkpoint.
    pub(crate) fn after_write<W: Write + Send>(
        &mut self,
        writer: &mut ArrowWriter<W>,
    ) -> Result<(), ParquetWriteError> {
        let groups = writer.flushed_row_groups();
        if groups.len() <= self.groups {
            return Ok(());
        }
        let Some(first) = groups.first() else {
            return Ok(());
        };
        let new_groups = groups.get(self.groups..).unwrap_or(&[]).to_vec();
        let descr = first.schema_descr_ptr();
        let count = groups.len();
        let rows = new_groups.iter().map(|g| g.num_rows()).sum();
        let fail = |source| ParquetWriteError::Checkpoint {
            path: self.sidecar.display().to_string(),
            source,
        };
        writer.sync().map_err(fail)?;
        let len = writer.bytes_written() as u64;
        let meta = ParquetMetaData::new(
            FileMetaData::new(
                self.version,
                rows,
                Some(self.created_by.clone()),
                Some(vec![self.schema.clone()]),
                descr,
                None,
            ),
            new_groups,
        );
        let mut footer = Vec::new();
        ParquetMetaDataWriter::new(&mut footer, &meta).finish()?;
        let hash = File::open(&self.data)
            .and_then(|mut f| tail_hash(&mut f, len))
            .map_err(fail)?;
        let mut entry = Vec::with_capacity(HEADER + footer.len());
        entry.extend_from_slice(MAGIC);
        for v in [len, hash, footer.len() as u64, fnv1a(&footer)] {
            entry.extend_from_slice(&v.to_le_bytes());
        }
        entry.extend_from_slice(&footer);
        // The first entry starts a new log; later ones are appended.
        let log = match self.log.as_mut() {
            Some(log) => log,
            None => self.log.insert(File::create(&self.sidecar).map_err(fail)?),
        };
        log.write_all(&entry).map_err(fail)?;
        self.groups = count;
        Ok(())
    }
}

/// What a valid checkpoint recovers of its data file.
pub(crate) struct Recovered {
    /// The file's bytes the footer covers (the complete row groups).
    pub(crate) len: u64,
    /// The footer, decoded.
    pub(crate) metadata: Arc<ParquetMetaData>,
}

impl Recovered {
    /// Rows in the complete row groups.
    pub(crate) fn rows(&self) -> u64 {
        u64::try_from(self.metadata.file_metadata().num_rows()).unwrap_or(0)
    }
}

/// One entry of the log at `bytes`: its `L`, its row groups' metadata,
/// and the rest of the log; `None` at the end or at a torn or damaged
/// entry.
fn entry(bytes: &[u8]) -> Option<(u64, u64, ParquetMetaData, &[u8])> {
    let (header, rest) = bytes.split_at_checked(HEADER)?;
    let (magic, nums) = header.split_at_checked(MAGIC.len())?;
    if magic != MAGIC {
        return None;
    }
    let num = |i: usize| -> Option<u64> {
        let b: [u8; 8] = nums.get(i * 8..i * 8 + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    };
    let (len, hash, footer_len, footer_hash) = (num(0)?, num(1)?, num(2)?, num(3)?);
    let (footer, rest) = rest.split_at_checked(usize::try_from(footer_len).ok()?)?;
    if fnv1a(footer) != footer_hash {
        return None;
    }
    // The footer: Thrift metadata, its length (4 bytes LE), "PAR1".
    let (body, magic) = footer.split_at_checked(footer.len().checked_sub(4)?)?;
    let (thrift, meta_len) = body.split_at_checked(body.len().checked_sub(4)?)?;
    let meta_len = u32::from_le_bytes(meta_len.try_into().ok()?);
    if magic != b"PAR1" || thrift.len() as u64 != u64::from(meta_len) {
        return None;
    }
    let metadata = ParquetMetaDataReader::decode_metadata(thrift).ok()?;
    Some((len, hash, metadata, rest))
}

/// The checkpoint log at `sidecar`, if it is one of the Parquet file at
/// `data` as it is now: its entries up to the last that matches the file;
/// `None` when missing, damaged from its first entry, or stale.
pub(crate) fn load(sidecar: &Path, data: &Path) -> Option<Recovered> {
    let bytes = std::fs::read(sidecar).ok()?;
    let mut file = File::open(data).ok()?;
    let file_len = file.metadata().ok()?.len();
    let mut rest = bytes.as_slice();
    let mut kept: Option<(u64, FileMetaData)> = None;
    let mut groups = Vec::new();
    let mut rows = 0i64;
    while let Some((len, hash, metadata, next)) = entry(rest) {
        rest = next;
        if len > file_len || tail_hash(&mut file, len).ok()? != hash {
            break;
        }
        // Every column chunk lies within the file's first `len` bytes.
        let inside = metadata.row_groups().iter().all(|g| {
            g.columns().iter().all(|c| {
                let (start, n) = c.byte_range();
                start.checked_add(n).is_some_and(|end| end <= len)
            })
        });
        if !inside {
            break;
        }
        rows = rows.checked_add(metadata.file_metadata().num_rows())?;
        groups.extend_from_slice(metadata.row_groups());
        kept = Some((len, metadata.file_metadata().clone()));
    }
    let (len, last) = kept?;
    if groups.is_empty() {
        return None;
    }
    let file_meta = FileMetaData::new(
        last.version(),
        rows,
        last.created_by().map(str::to_string),
        last.key_value_metadata().cloned(),
        last.schema_descr_ptr(),
        None,
    );
    Some(Recovered {
        len,
        metadata: Arc::new(ParquetMetaData::new(file_meta, groups)),
    })
}

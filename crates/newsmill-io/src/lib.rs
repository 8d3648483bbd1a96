//! Readers and writers for newsmill; no analysis.
//!
//! Reading is split in two so that the expensive half runs in parallel:
//! [`Inputs`] walks files, directories, JSON Lines files and stdin in input
//! order and yields cheap [`RawItem`]s (a path to read, or the bytes of one
//! line); [`decode`] turns one item into an [`Article`](newsmill_core::Article)
//! or an error [`Record`](newsmill_core::Record) and is safe to call from
//! many threads. Writers take records in order.
//!
//! ```
//! use newsmill_io::{Inputs, ReadOptions, decode};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "Headline\n\nBody text.").unwrap();
//! let opts = ReadOptions::default();
//! let items: Vec<_> = Inputs::open(&[dir.path().to_path_buf()], &opts).unwrap().collect();
//! assert_eq!(items.len(), 1);
//! let article = decode(items.into_iter().next().unwrap(), &opts).unwrap();
//! assert_eq!(article.id, "a.txt");
//! ```

mod compress;
mod decode;
pub mod html;
mod json;
mod parquet;
mod parquet_read;
mod read;
mod resume;
mod warc;
mod write;

pub use compress::{
    Compression, Encoded, StreamError, decompress, format_extension, open_decompressed,
};
pub use decode::decode;
pub use parquet::{ArrowBatches, EXTRA_JSON, ParquetOptions, ParquetWriteError, ParquetWriter};
pub use parquet_read::{ParquetReadError, ParquetRecords};
pub use read::{InputFormat, Inputs, JsonFields, Payload, RawItem, ReadOptions};
pub use resume::{ResumeError, ResumePoint};
pub use warc::{WarcCounts, WarcPage, decode_http_body};
pub use write::{JsonlWriter, OutputError, OutputStream, encode_jsonl};

/// Errors that stop reading before any item is produced (a missing input
/// path, a bad glob). Problems with single items never surface here: they
/// become error records.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The input path does not exist or cannot be opened.
    #[error("cannot open input {path}: {source}")]
    Open {
        /// The path as given.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The `--glob` pattern is not valid.
    #[error("invalid glob {pattern:?}: {source}")]
    Glob {
        /// The pattern.
        pattern: String,
        /// The cause.
        source: globset::Error,
    },
}

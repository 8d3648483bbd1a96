//! Parquet output: one row per record, nested fields as Arrow structs and
//! lists, written in row groups as the records arrive.
//!
//! The fixed part of the schema mirrors [`Record`] (`language` a struct,
//! `skipped` a map from extractor name to reason). Each extractor becomes
//! one `list<struct>` column named after it, whose struct has `start`,
//! `end`, `text`, `label`, `score` and one field per attribute key (an
//! attribute named like one of the first four gets an `attr_` prefix; a
//! number attribute named `score` is the `score` column, as it is the
//! `score` field in JSON). An extractor that, in the first batch, gives at
//! most one annotation per article, each about the whole document
//! (`stats`), is a struct column instead of a list, without `start`, `end`
//! and `text`, as in JSON. Integer attributes are `int64` columns. The
//! attribute keys and their types are not known in advance (they depend on
//! the extractor), so they are inferred from the first batch of records
//! (the union of the keys seen). A later record whose extractor, key or
//! value type does not fit that schema loses nothing: the parts that do not
//! fit go, as JSON, into the row's `extra_json` column, and the writer
//! reports a warning once per extractor and key.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, Float32Array, Float64Array, Int64Array, ListArray, MapArray,
    RecordBatch, StringArray, StructArray, UInt32Array, UInt64Array,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use newsmill_core::{AnnotationOut, AttrOut, Notice, RESERVED_NAMES, Record, Status};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as PqCompression, ZstdLevel};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;

mod checkpoint;
mod columns;
mod extractors;
mod schema;
#[cfg(test)]
mod tests;
mod writer;

use columns::*;
use extractors::*;
use schema::*;

pub use schema::EXTRA_JSON;
pub use writer::{ArrowBatches, ParquetWriter};

/// Parquet writer settings.
///
/// ```
/// let o = newsmill_io::ParquetOptions::default();
/// assert_eq!(o.batch_rows, 1024);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParquetOptions {
    /// Records converted to Arrow at a time; the first batch also fixes the
    /// extractor columns' attribute fields.
    pub batch_rows: usize,
    /// Most rows in one row group. A file written by
    /// [`ParquetWriter::create`] gets a checkpoint after each row group, so
    /// this is also the most work a killed run loses.
    pub row_group_rows: usize,
    /// A row group is closed once its encoded size passes this many bytes
    /// (this bounds the writer's memory).
    pub row_group_bytes: usize,
    /// zstd level of the column chunks.
    pub zstd_level: i32,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions {
            batch_rows: 1024,
            row_group_rows: 16 * 1024,
            row_group_bytes: 64 << 20,
            zstd_level: 3,
        }
    }
}

/// A failure while writing Parquet.
#[derive(Debug, thiserror::Error)]
pub enum ParquetWriteError {
    /// Building the Arrow arrays failed (a bug in the schema mapping).
    #[error("arrow: {0}")]
    Arrow(#[from] ArrowError),
    /// The Parquet encoder or the output failed.
    #[error("parquet: {0}")]
    Parquet(#[from] ParquetError),
    /// Writing the checkpoint beside the file (or flushing the file
    /// before it) failed.
    #[error("cannot write the checkpoint {path}: {source}")]
    Checkpoint {
        /// The checkpoint file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

//! Reading Parquet records back as JSON values, one per row, streaming row
//! group by row group. Any Arrow layout is accepted (lists or structs,
//! integers or floats), so records written by older and newer versions of
//! newsmill both read; the `extra_json` column, where the writer puts what
//! did not fit its schema, is merged back into the row.

use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use serde_json::{Map, Number, Value};

use crate::parquet::EXTRA_JSON;

/// A failure while reading Parquet records.
#[derive(Debug, thiserror::Error)]
pub enum ParquetReadError {
    /// The file cannot be opened.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file is not valid Parquet, or a page cannot be decoded.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// A batch cannot be decoded into Arrow arrays.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// The rows of a Parquet file as JSON objects, in order.
///
/// ```
/// use newsmill_io::{ParquetOptions, ParquetRecords, ParquetWriter};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("r.parquet");
/// let mut w = ParquetWriter::create(Some(&path), ParquetOptions::default()).unwrap();
/// let r = newsmill_core::Record::error("a", "a.txt", newsmill_core::Notice::new("empty", "empty file"));
/// w.write_record(r).unwrap();
/// w.close().unwrap();
/// let rows: Vec<_> = ParquetRecords::open(&path, None).unwrap().collect::<Result<_, _>>().unwrap();
/// assert_eq!(rows[0]["id"], "a");
/// assert_eq!(rows[0]["errors"][0]["code"], "empty");
/// ```
pub struct ParquetRecords {
    reader: ParquetRecordBatchReader,
    batch: Option<RecordBatch>,
    row: usize,
}

impl std::fmt::Debug for ParquetRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetRecords")
            .field("row", &self.row)
            .finish_non_exhaustive()
    }
}

impl ParquetRecords {
    /// Open `path`; with `columns`, read only those top-level columns (and
    /// `extra_json`), which is much faster than decoding the text.
    pub fn open(path: &Path, columns: Option<&[&str]>) -> Result<Self, ParquetReadError> {
        let file = File::open(path)?;
        let mut builder = ParquetRecordBatchReaderBuilder::try_new(file)?.with_batch_size(1024);
        if let Some(cols) = columns {
            let roots: Vec<usize> = builder
                .schema()
                .fields()
                .iter()
                .enumerate()
                .filter(|(_, f)| f.name() == EXTRA_JSON || cols.contains(&f.name().as_str()))
                .map(|(i, _)| i)
                .collect();
            let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
            builder = builder.with_projection(mask);
        }
        Ok(ParquetRecords {
            reader: builder.build()?,
            batch: None,
            row: 0,
        })
    }
}

impl Iterator for ParquetRecords {
    type Item = Result<Value, ParquetReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(b) = &self.batch
                && self.row < b.num_rows()
            {
                let v = row_value(b, self.row);
                self.row += 1;
                return Some(Ok(v));
            }
            match self.reader.next()? {
                Ok(b) => {
                    self.batch = Some(b);
                    self.row = 0;
                }
                Err(e) => return Some(Err(e.into())),
            }
        }
    }
}

fn row_value(batch: &RecordBatch, row: usize) -> Value {
    let mut obj = Map::new();
    let mut extra = None;
    for (field, col) in batch.schema().fields().iter().zip(batch.columns()) {
        let v = value_at(col.as_ref(), row);
        if field.name() == EXTRA_JSON {
            extra = v
                .as_str()
                .and_then(|s| serde_json::from_str::<Value>(s).ok());
        } else {
            obj.insert(field.name().clone(), v);
        }
    }
    if let Some(Value::Object(extra)) = extra {
        for (k, v) in extra {
            match (obj.get_mut(&k), v) {
                (Some(Value::Array(have)), Value::Array(more)) => have.extend(more),
                (Some(slot), v) if slot.is_null() => *slot = v,
                (None, v) => {
                    obj.insert(k, v);
                }
                _ => {}
            }
        }
    }
    Value::Object(obj)
}

fn float(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// The value of `array` at `i` as JSON; types with no JSON form are null.
fn value_at(array: &dyn Array, i: usize) -> Value {
    if i >= array.len() || array.is_null(i) {
        return Value::Null;
    }
    match array.data_type() {
        DataType::Boolean => Value::Bool(array.as_boolean().value(i)),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(i).into(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(i).into(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(i).into(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(i).into(),
        DataType::UInt8 => array.as_primitive::<UInt8Type>().value(i).into(),
        DataType::UInt16 => array.as_primitive::<UInt16Type>().value(i).into(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(i).into(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(i).into(),
        DataType::Float32 => float(f64::from(array.as_primitive::<Float32Type>().value(i))),
        DataType::Float64 => float(array.as_primitive::<Float64Type>().value(i)),
        DataType::Utf8 => Value::String(array.as_string::<i32>().value(i).to_string()),
        DataType::LargeUtf8 => Value::String(array.as_string::<i64>().value(i).to_string()),
        DataType::Utf8View => Value::String(array.as_string_view().value(i).to_string()),
        DataType::List(_) => {
            let l = array.as_list::<i32>().value(i);
            Value::Array((0..l.len()).map(|j| value_at(l.as_ref(), j)).collect())
        }
        DataType::LargeList(_) => {
            let l = array.as_list::<i64>().value(i);
            Value::Array((0..l.len()).map(|j| value_at(l.as_ref(), j)).collect())
        }
        DataType::Struct(fields) => {
            let s = array.as_struct();
            Value::Object(
                fields
                    .iter()
                    .zip(s.columns())
                    .map(|(f, c)| (f.name().clone(), value_at(c.as_ref(), i)))
                    .collect(),
            )
        }
        DataType::Map(_, _) => {
            let m = array.as_map();
            let entries = m.value(i);
            let (keys, values) = (entries.column(0), entries.column(1));
            Value::Object(
                (0..entries.len())
                    .map(|j| {
                        let k = match value_at(keys.as_ref(), j) {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        (k, value_at(values.as_ref(), j))
                    })
                    .collect(),
            )
        }
        _ => Value::Null,
    }
}

//! The near-duplicate options shared by `process` and `bench`, and the
//! clusters file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use newsmill_engine::{Dedup, DedupOptions, dedup::DEFAULT_THRESHOLD};

use crate::Usage;

/// Near-duplicate options.
#[derive(Debug, Args)]
pub(crate) struct DedupArgs {
    /// Find near-duplicates: a later copy's record carries
    /// `near_duplicate_of: {id, similarity}` naming the first copy seen.
    #[arg(long)]
    pub dedup: bool,
    /// Estimated Jaccard similarity of body word shingles at or above which
    /// two articles are near-duplicates (implies --dedup) [default: 0.4].
    #[arg(long, value_name = "X")]
    pub dedup_threshold: Option<f32>,
    /// Write the near-duplicate clusters here at the end, one JSON object
    /// per line (implies --dedup).
    #[arg(long, value_name = "FILE")]
    pub clusters: Option<PathBuf>,
    /// Put each record's LSH band keys and MinHash into it
    /// (`dedup_signature`), to group near-duplicates across partitions.
    #[arg(long)]
    pub emit_signature: bool,
}

impl DedupArgs {
    /// The stage, when any near-duplicate option asks for it.
    pub fn stage(&self) -> Result<Option<Dedup>> {
        if !(self.dedup
            || self.clusters.is_some()
            || self.emit_signature
            || self.dedup_threshold.is_some())
        {
            return Ok(None);
        }
        let opts = DedupOptions {
            threshold: self.dedup_threshold.unwrap_or(DEFAULT_THRESHOLD),
            emit_signature: self.emit_signature,
            ..DedupOptions::default()
        };
        Dedup::new(opts)
            .map(Some)
            .map_err(|e| Usage(e.to_string()).into())
    }
}

/// Write the clusters as JSON Lines: `{"id", "size", "members": [{"id", "similarity"}]}`.
pub(crate) fn write_clusters(path: &Path, dedup: &Dedup) -> Result<usize> {
    let clusters = dedup.index().clusters();
    let file = std::fs::File::create(path)
        .with_context(|| format!("cannot create the clusters file {}", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    for c in &clusters {
        let members: Vec<serde_json::Value> = c
            .members
            .iter()
            .map(|(id, s)| serde_json::json!({"id": id, "similarity": round3(*s)}))
            .collect();
        let line = serde_json::json!({"id": c.id, "size": c.members.len() + 1, "members": members});
        writeln!(w, "{line}")
            .with_context(|| format!("cannot write the clusters file {}", path.display()))?;
    }
    w.flush()
        .with_context(|| format!("cannot write the clusters file {}", path.display()))?;
    Ok(clusters.len())
}

fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// One line for stderr: duplicates found and the index's size.
pub(crate) fn summary(dedup: &Dedup) -> String {
    let index = dedup.index();
    let bytes = index.state_bytes();
    format!(
        "newsmill: near-duplicates: {} of {} articles name an earlier copy, {} clusters; index {:.1} MB ({} bytes per article)",
        index.duplicates(),
        index.len(),
        index.clusters().len(),
        bytes as f64 / 1e6,
        bytes.checked_div(index.len()).unwrap_or(0)
    )
}

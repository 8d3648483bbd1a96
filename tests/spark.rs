//! The Spark example (examples/spark/newsmill_spark.py) on a real local
//! Spark (`local[2]`, pyspark from PyPI; `.ci/test` installs it) over a few
//! hundred BBC articles: one record per input line in order within each
//! partition, error lines included, and the near-duplicates found across
//! partitions equal to what `newsmill process --dedup` finds on one machine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

fn pyspark_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        // CI installs pyspark (.ci/test): there, its absence is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "pyspark is not importable by python3 although CI should have installed it"
        );
        eprintln!(
            "skipping: pyspark is not installed (python3 -m pip install --user pyspark==4.0.1; it needs Java 17)"
        );
    }
    ok
}

fn ids_of(lines: &str) -> Vec<String> {
    lines
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is a record");
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

fn part_files(dir: &Path) -> Vec<String> {
    let mut parts: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    parts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// The Python that runs the example with `--engine python`: one where
/// both `newsmill` (the package, crates/newsmill-py) and `pyspark` import;
/// `.ci/test` builds the wheel into a virtual environment and names its
/// Python in NEWSMILL_PYTHON.
fn newsmill_python() -> Option<String> {
    let python = std::env::var("NEWSMILL_PYTHON").ok();
    let ok = python.as_deref().is_some_and(|py| {
        Command::new(py)
            .args(["-c", "import newsmill, pyspark"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !ok {
        newsmill_eval::skip_or_fail(
            "NEWSMILL_PYTHON does not name a Python with the newsmill package and pyspark (.ci/test sets it up)",
        );
        return None;
    }
    python
}

#[test]
fn spark_example_with_the_binary_keeps_order_and_finds_the_same_near_duplicates() {
    if pyspark_available() {
        spark_example("python3", "binary");
    }
}

#[test]
fn spark_example_with_the_python_package_keeps_order_and_finds_the_same_near_duplicates() {
    if let Some(python) = newsmill_python() {
        spark_example(&python, "python");
    }
}

/// The example on 510 BBC business articles and a bad line, in three
/// partitions, with `--engine engine`.
fn spark_example(python: &str, engine: &str) {
    let Some(bbc) = common::data("bbc/business") else {
        return;
    };
    // 510 business articles, a bad line in the middle.
    let texts = newsmill_eval::batch::corpus_texts(&bbc).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let mut lines = String::new();
    let mut expected_ids = Vec::new();
    for (i, (path, text)) in texts.iter().enumerate() {
        let id = format!("business/{}", path.file_name().unwrap().to_string_lossy());
        let (title, body) = text.split_once('\n').unwrap();
        lines.push_str(
            &serde_json::json!({"id": id, "title": title, "text": body.trim()}).to_string(),
        );
        lines.push('\n');
        expected_ids.push(id);
        if i == 200 {
            lines.push_str("{this line is not JSON\n");
            // An error record's id names its place in the partition
            // (`-:LINE` from the binary's stdin, `item:N` from the package).
            expected_ids.push(String::new());
        }
    }
    std::fs::write(&input, &lines).unwrap();

    let out = dir.path().join("out");
    let dups = dir.path().join("dups");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spark/newsmill_spark.py");
    let started = std::time::Instant::now();
    let run = Command::new(python)
        // The executors' Python: the same one, with the package.
        .env("PYSPARK_PYTHON", python)
        .arg(&script)
        .args(["--engine", engine])
        .args(["--master", "local[2]", "--partitions", "3"])
        .arg("--input")
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .arg("--duplicates")
        .arg(&dups)
        .args(["--newsmill", env!("CARGO_BIN_EXE_newsmill")])
        .args(["--extractors", "none"])
        .output()
        .expect("run python3");
    eprintln!(
        "spark example, --engine {engine}: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    // One record per line, in input order within each partition (the
    // partitions are contiguous ranges of the input).
    let parts = part_files(&out);
    assert_eq!(parts.len(), 3);
    let mut partition_of = BTreeMap::new();
    let mut all = Vec::new();
    for (p, text) in parts.iter().enumerate() {
        let ids = ids_of(text);
        assert!(!ids.is_empty());
        for id in &ids {
            partition_of.insert(id.clone(), p);
        }
        all.extend(ids);
    }
    assert_eq!(all.len(), expected_ids.len());
    for (i, (got, want)) in all.iter().zip(&expected_ids).enumerate() {
        assert!(
            got == want || (want.is_empty() && (got.starts_with("-:") || got.starts_with("item:"))),
            "record {i}: {got} where {want} was expected"
        );
    }
    let bad: serde_json::Value =
        serde_json::from_str(parts.concat().lines().nth(201).unwrap()).unwrap();
    assert_eq!(bad["status"], "error");

    // Cross-partition near-duplicates = one machine's --dedup.
    let spark_pairs: BTreeSet<(String, String)> = part_files(&dups)
        .concat()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["near_duplicate_of"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let local = common::newsmill()
        .args(["process", "--dedup", "--extractors", "none", "-q"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(local.status.success());
    let local_pairs: BTreeSet<(String, String)> = common::records(&local.stdout)
        .iter()
        .filter_map(|r| {
            let n = r.get("near_duplicate_of")?;
            Some((
                r["id"].as_str().unwrap().to_string(),
                n["id"].as_str().unwrap().to_string(),
            ))
        })
        .collect();
    assert!(local_pairs.len() >= 5, "{local_pairs:?}");
    assert_eq!(spark_pairs, local_pairs);
    let across = local_pairs
        .iter()
        .filter(|(a, b)| partition_of[a] != partition_of[b])
        .count();
    assert!(across > 0, "no pair crosses partitions: {local_pairs:?}");
}

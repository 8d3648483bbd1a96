//! End to end: compressed inputs and outputs, Parquet output, WARC input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::io::{Read, Write};
use std::path::Path;

use common::{newsmill, records, run_with_stdin, succeed};
use newsmill::io::{Compression, Encoded, decompress};

fn compress(bytes: &[u8], kind: Compression) -> Vec<u8> {
    let mut w = Encoded::new(Vec::new(), kind).unwrap();
    w.write_all(bytes).unwrap();
    w.finish().unwrap()
}

fn read_decompressed(path: &Path) -> Vec<u8> {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let (mut r, _) = decompress(file).unwrap();
    let mut out = Vec::new();
    r.read_to_end(&mut out).unwrap();
    out
}

fn story(i: usize) -> String {
    format!(
        "Harbour council vote {i}: the council of Port Elling approved plan number {i} on Tuesday. \"We are ready,\" said Mayor Ana Ruiz."
    )
}

#[test]
fn zstd_json_lines_with_a_custom_text_field_to_gzip_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.jsonl.zst");
    let output = dir.path().join("out.jsonl.gz");
    let mut lines = String::new();
    for i in 0..3 {
        lines.push_str(&format!(
            "{{\"id\": \"n{i}\", \"title\": \"Vote {i}\", \"body\": {}}}\n",
            serde_json::to_string(&story(i)).unwrap()
        ));
    }
    std::fs::write(&input, compress(lines.as_bytes(), Compression::Zstd)).unwrap();
    succeed(
        newsmill()
            .args(["process", "--text-field", "body", "-o"])
            .arg(&output)
            .arg(&input),
    );
    let raw = std::fs::read(&output).unwrap();
    assert_eq!(Compression::sniff(&raw), Compression::Gzip);
    let recs = records(&read_decompressed(&output));
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["n0", "n1", "n2"]);
    assert_eq!(recs[1]["status"], "ok");
    assert!(
        recs[1]["text"]
            .as_str()
            .unwrap()
            .contains("plan number 1 on Tuesday")
    );

    // The same with a .zst output.
    let output = dir.path().join("out.jsonl.zst");
    let out = newsmill()
        .args(["process", "--text-field", "body", "-o"])
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        Compression::sniff(&std::fs::read(&output).unwrap()),
        Compression::Zstd
    );
    assert_eq!(records(&read_decompressed(&output)).len(), 3);
}

#[test]
fn a_truncated_gzip_stream_gives_the_items_before_it_then_one_error_record() {
    for kind in [Compression::Gzip, Compression::Zstd] {
        let dir = tempfile::tempdir().unwrap();
        let ext = if kind == Compression::Gzip {
            "gz"
        } else {
            "zst"
        };
        let bad = dir.path().join(format!("a.jsonl.{ext}"));
        let good = dir.path().join("b.jsonl");
        let mut lines = String::new();
        for i in 0..20_000 {
            lines.push_str(&format!(
                "{{\"id\": \"{i}\", \"text\": \"Item {i} is here, {}.\"}}\n",
                i * 7919
            ));
        }
        let mut bytes = compress(lines.as_bytes(), kind);
        bytes.truncate(bytes.len() * 3 / 4);
        std::fs::write(&bad, bytes).unwrap();
        std::fs::write(
            &good,
            "{\"id\": \"after\", \"text\": \"The batch goes on.\"}\n",
        )
        .unwrap();
        let out = succeed(
            newsmill()
                .args(["process", "--no-sentences", "-j", "1"])
                .arg(&bad)
                .arg(&good),
        );
        let recs = records(&out.stdout);
        let errors: Vec<&serde_json::Value> =
            recs.iter().filter(|r| r["status"] == "error").collect();
        assert_eq!(errors.len(), 1, "{kind:?}");
        let err = &errors[0]["errors"][0];
        assert_eq!(err["code"], "corrupt_stream");
        let msg = err["message"].as_str().unwrap();
        assert!(msg.contains(&format!("a.jsonl.{ext}")), "{msg}");
        assert!(
            msg.contains(&format!("{} stream is truncated or corrupt", kind.name())),
            "{msg}"
        );
        // Every item before the damage came out, in order, then the error, then the next file.
        let n = recs.len() - 2;
        assert!(n > 5000, "{kind:?}: only {n} items before the damage");
        for (i, r) in recs[..n].iter().enumerate() {
            assert_eq!(r["id"], i.to_string());
        }
        assert_eq!(recs[n]["status"], "error");
        assert_eq!(recs[n + 1]["id"], "after");
    }
}

#[test]
fn compressed_text_files_in_a_directory_and_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), format!("Plain\n\n{}", story(1))).unwrap();
    std::fs::write(
        d.join("b.txt.gz"),
        compress(
            format!("Gzipped\n\n{}", story(2)).as_bytes(),
            Compression::Gzip,
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("c.txt.zst"),
        compress(
            format!("Zstd\n\n{}", story(3)).as_bytes(),
            Compression::Zstd,
        ),
    )
    .unwrap();
    let mut broken = compress(
        format!("Broken\n\n{}", story(4)).as_bytes(),
        Compression::Gzip,
    );
    broken.truncate(20);
    std::fs::write(d.join("d.txt.gz"), broken).unwrap();
    let out = newsmill().arg("process").arg(d).output().unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let got: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["title"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a.txt", "Plain"),
            ("b.txt.gz", "Gzipped"),
            ("c.txt.zst", "Zstd"),
            ("d.txt.gz", "-")
        ]
    );
    assert_eq!(recs[3]["errors"][0]["code"], "corrupt_stream");

    // JSON Lines on stdin, gzip detected by its magic bytes.
    let input = compress(
        format!(
            "{{\"id\": \"s\", \"text\": {}}}\n",
            serde_json::to_string(&story(5)).unwrap()
        )
        .as_bytes(),
        Compression::Gzip,
    );
    let out = run_with_stdin(&["process", "-"], &input);
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "s");
}

fn write_stories(dir: &Path) {
    std::fs::write(
        dir.join("a.txt"),
        "Harbour vote\n\nPORT ELLING, March 3 (Reuters) - The council of Port Elling approved the plan on Tuesday. \"We are ready,\" said Mayor Ana Ruiz of the Green Party. Shares of Acme Corp rose 5% to $12.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "").unwrap();
    std::fs::write(
        dir.join("c.txt"),
        "Rail strike ends\n\nLONDON - Train drivers in Britain ended a three-day strike on Friday, the union said. Talks with Network Rail will resume in London next week, according to union leader Mick Lynch.\n",
    )
    .unwrap();
}

fn parquet_batches(path: &Path) -> Vec<arrow_array::RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    reader.map(|b| b.unwrap()).collect()
}

#[test]
fn parquet_output_holds_the_same_records_as_json_lines() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::UInt32Type;
    use arrow_array::{Array, ListArray, StructArray};

    let dir = tempfile::tempdir().unwrap();
    write_stories(dir.path());
    let pq = dir.path().join("out.parquet");
    succeed(newsmill().args(["process", "-o"]).arg(&pq).arg(dir.path()));
    assert_eq!(&std::fs::read(&pq).unwrap()[..4], b"PAR1");
    let json = newsmill().arg("process").arg(dir.path()).output().unwrap();
    let want = records(&json.stdout);

    let batches = parquet_batches(&pq);
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 3);
    assert_eq!(batches.len(), 1);
    let b = &batches[0];
    let col = |name: &str| {
        b.column_by_name(name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let ids = col("id").as_string::<i32>();
    let status = col("status").as_string::<i32>();
    let titles = col("title").as_string::<i32>();
    for (i, w) in want.iter().enumerate() {
        assert_eq!(ids.value(i), w["id"]);
        assert_eq!(status.value(i), w["status"]);
        assert_eq!(titles.is_null(i), w["title"].is_null());
    }
    assert_eq!(titles.value(0), "Harbour vote");
    // The error record: its errors list holds the code.
    let errors = col("errors").as_list::<i32>();
    let e1 = errors.value(1);
    let e1 = e1.as_struct();
    assert_eq!(
        e1.column_by_name("code")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        "empty"
    );

    // Nested extraction: ner is list<struct<start, end, text, label, ...>>,
    // the same entities as in the JSON record.
    for (name, attr) in [("ner", None), ("dates", Some("value"))] {
        let lists: &ListArray = col(name).as_list::<i32>();
        for (i, w) in want.iter().enumerate() {
            let expected = w[name].as_array();
            if lists.is_null(i) {
                assert!(expected.is_none(), "{name} row {i}");
                continue;
            }
            let expected = expected.unwrap();
            let items = lists.value(i);
            let items: &StructArray = items.as_struct();
            assert_eq!(items.len(), expected.len(), "{name} row {i}");
            let text = items.column_by_name("text").unwrap().as_string::<i32>();
            let label = items.column_by_name("label").unwrap().as_string::<i32>();
            let start = items
                .column_by_name("start")
                .unwrap()
                .as_primitive::<UInt32Type>();
            for (j, e) in expected.iter().enumerate() {
                assert_eq!(text.value(j), e["text"], "{name} row {i} item {j}");
                assert_eq!(label.value(j), e["label"]);
                assert_eq!(u64::from(start.value(j)), e["start"].as_u64().unwrap());
                if let Some(attr) = attr {
                    let v = items.column_by_name(attr).unwrap().as_string::<i32>();
                    assert_eq!(v.value(j), e[attr]);
                }
            }
        }
    }
    assert!(!want[0]["ner"].as_array().unwrap().is_empty());
    assert!(!want[0]["dates"].as_array().unwrap().is_empty());
    // counts is a struct column.
    let counts = col("counts").as_struct();
    let tokens = counts
        .column_by_name("tokens")
        .unwrap()
        .as_primitive::<UInt32Type>();
    assert_eq!(
        u64::from(tokens.value(2)),
        want[2]["counts"]["tokens"].as_u64().unwrap()
    );
    assert_eq!(col("extra_json").null_count(), 3);
}

/// The rows of a DuckDB query (Python's duckdb package), as JSON values.
fn duckdb_rows(sql: &str) -> serde_json::Value {
    let py = std::process::Command::new("python3")
        .args([
            "-c",
            "import duckdb, json, sys; print(json.dumps(duckdb.sql(sys.argv[1]).fetchall()))",
            sql,
        ])
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    serde_json::from_slice(&py.stdout).unwrap()
}

#[test]
fn duckdb_reads_entities_from_parquet_without_json() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        newsmill_eval::skip_or_fail(
            "the Python duckdb package (.ci/test installs it with `python3 -m pip install --user duckdb`)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_stories(dir.path());
    let pq = dir.path().join("out.parquet");
    let out = newsmill()
        .args(["process", "-q", "--output-format", "parquet", "-o"])
        .arg(&pq)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let sql = format!(
        "SELECT id, e.text, e.label FROM (SELECT id, unnest(ner) AS e FROM '{}') ORDER BY id, e.start",
        pq.display()
    );
    let got: Vec<(String, String, String)> = serde_json::from_value(duckdb_rows(&sql)).unwrap();
    let json = newsmill()
        .args(["process", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    let mut want = Vec::new();
    for r in records(&json.stdout) {
        for e in r["ner"].as_array().into_iter().flatten() {
            want.push((
                r["id"].as_str().unwrap().to_string(),
                e["text"].as_str().unwrap().to_string(),
                e["label"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert!(want.len() >= 3);
    assert_eq!(got, want);

    // Each entity once, with integer counts, as in the JSON.
    let sql = format!(
        "SELECT id, g.name, g.label, g.mentions, g.quotes FROM (SELECT id, unnest(entity_list) AS g FROM '{}') ORDER BY id, g.entity",
        pq.display()
    );
    let got: Vec<(String, String, String, i64, i64)> =
        serde_json::from_value(duckdb_rows(&sql)).unwrap();
    let mut want = Vec::new();
    for r in records(&json.stdout) {
        for g in r["entity_list"].as_array().into_iter().flatten() {
            want.push((
                r["id"].as_str().unwrap().to_string(),
                g["name"].as_str().unwrap().to_string(),
                g["label"].as_str().unwrap().to_string(),
                g["mentions"].as_i64().unwrap(),
                g["quotes"].as_i64().unwrap(),
            ));
        }
    }
    assert!(!want.is_empty());
    assert_eq!(got, want);
}

//! End to end: compressed inputs and outputs, Parquet output, WARC input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::{newsmill, records, run_with_stdin};
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
    let out = newsmill()
        .args(["process", "--text-field", "body", "-o"])
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
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
        let out = newsmill()
            .args(["process", "--no-sentences", "-j", "1"])
            .arg(&bad)
            .arg(&good)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
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

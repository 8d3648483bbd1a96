//! Interrupted runs end cleanly (SIGTERM: summary says "interrupted",
//! exit 143) and `--resume` continues one: a batch killed at random points
//! many times (SIGTERM and SIGKILL) and resumed each time ends
//! byte-identical to an uninterrupted run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::newsmill;

/// `n` short articles, a few of them broken lines (error records).
fn batch(path: &Path, n: usize) {
    let mut s = String::new();
    for i in 0..n {
        if i % 97 == 13 {
            s.push_str("{ this line is not JSON\n");
            continue;
        }
        s.push_str(&format!(
            "{{\"id\": \"a{i}\", \"title\": \"Council {i} meets\", \"text\": \"The council of Millbrook met on Tuesday, {i} March. Mayor Jane Porter said: \\\"We will cut the rates by {i} percent.\\\" The board agreed after a long debate.\"}}\n"
        ));
    }
    std::fs::write(path, s).unwrap();
}

/// The uninterrupted run: `cmd` writing `output`, which must succeed; the
/// bytes it wrote and how long it took (ms).
fn reference_run(mut cmd: Command, output: &Path) -> (Vec<u8>, u64) {
    let started = Instant::now();
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ms = started.elapsed().as_millis() as u64;
    (std::fs::read(output).unwrap(), ms)
}

/// Run `cmd` with `--resume`, and after `delay_ms` stop it: SIGTERM when
/// `term`, else SIGKILL. Its output (stderr captured).
fn resume_and_stop(mut cmd: Command, delay_ms: u64, term: bool) -> std::process::Output {
    let mut child = cmd
        .arg("--resume")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(delay_ms));
    if term {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
    } else {
        let _ = child.kill();
    }
    child.wait_with_output().unwrap()
}

/// A small deterministic generator of kill points.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn process(input: &Path, output: &Path) -> Command {
    let mut cmd = newsmill();
    cmd.args(["process", "-j", "2", "--progress", "never"])
        .arg(input)
        .arg("-o")
        .arg(output);
    cmd
}

/// The file's records, decompressed; a stream cut off by SIGKILL gives
/// what was decoded before the cut.
fn decompressed(path: &Path) -> Vec<u8> {
    decoded(path).0
}

/// The decompressed bytes, and whether the stream ended cleanly.
fn decoded(path: &Path) -> (Vec<u8>, bool) {
    use std::io::Read;
    let (mut r, _) = newsmill::io::open_decompressed(path).unwrap();
    let mut v = Vec::new();
    let mut buf = [0u8; 1 << 16];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return (v, true),
            Ok(n) => v.extend_from_slice(&buf[..n]),
            Err(_) => return (v, false),
        }
    }
}

#[test]
fn a_run_killed_at_random_points_and_resumed_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    // NEWSMILL_RESUME_ARTICLES and NEWSMILL_RESUME_KILLS make it larger
    // (the 20,000 articles and 50 kills); the defaults keep it
    // to a few seconds.
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let n = env("NEWSMILL_RESUME_ARTICLES", 2000);
    let want_kills = env("NEWSMILL_RESUME_KILLS", 10);
    batch(&input, n as usize);
    let reference = dir.path().join("ref.jsonl");
    let (expected, full_ms) = reference_run(process(&input, &reference), &reference);
    assert_eq!(expected.iter().filter(|b| **b == b'\n').count() as u64, n);

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut terms, mut kills) = (0, 0);
    let mut seen = Vec::new();
    // Rounds from an empty output, in turn plain, gzip and zstd, each
    // killed (SIGTERM and SIGKILL in turn) and resumed until it completes,
    // until ten signals (NEWSMILL_RESUME_KILLS) have landed inside a run.
    let mut round = 0;
    while terms + kills < want_kills && round < 2 * want_kills as usize {
        let name = ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"][round % 3];
        round += 1;
        let output = dir.path().join(name);
        let _ = std::fs::remove_file(&output);
        for attempt in 0..5 {
            let term = (round + attempt) % 2 == 0;
            let written = if output.exists() {
                decompressed(&output)
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64
            } else {
                0
            };
            // Somewhere in the first 70% of the time the rest should take.
            let left_ms = full_ms * (n - written.min(n)) / n;
            let delay = 30 + rng.below(left_ms * 7 / 10);
            let done = resume_and_stop(process(&input, &output), delay, term);
            let err = String::from_utf8_lossy(&done.stderr);
            seen.push((name, term, delay, written, done.status.code()));
            match done.status.code() {
                Some(143) => {
                    terms += 1;
                    assert!(err.contains("interrupted by SIGTERM"), "{err}");
                    assert!(err.contains("--resume"), "{err}");
                    // A clean stop ends on a record boundary, and what it
                    // wrote is a prefix of the full run's output.
                    let (so_far, clean) = decoded(&output);
                    assert!(clean, "a SIGTERM leaves a complete compressed stream");
                    assert!(so_far.is_empty() || so_far.ends_with(b"\n"));
                    assert!(expected.starts_with(&so_far));
                }
                Some(0) => break, // finished before the signal
                None => kills += 1,
                Some(c) => panic!("exit {c}: {err}"),
            }
        }
        let out = process(&input, &output).arg("--resume").output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (got, clean) = decoded(&output);
        assert!(clean);
        assert!(
            got == expected,
            "{name}: {} bytes, {} lines; expected {} bytes; kills {seen:?}",
            got.len(),
            got.iter().filter(|b| **b == b'\n').count(),
            expected.len()
        );
    }
    assert!(terms >= 1, "no SIGTERM landed inside a run: {seen:?}");
    assert!(kills >= 1, "no SIGKILL landed inside a run: {seen:?}");
    eprintln!(
        "{n} articles: {terms} SIGTERM and {kills} SIGKILL landed in {round} rounds, output byte-identical"
    );
    assert!(
        terms + kills >= want_kills,
        "too few kills landed: {seen:?}"
    );
}

/// A Parquet run stopped before its first batch leaves a complete file of
/// no rows, whose schema has only the fixed columns. `--resume` starts that
/// file afresh, so the extractors' columns come from the records as in an
/// uninterrupted run (before, every extractor's values went to the JSON
/// column). The state is made here by a run over an empty input.
#[test]
fn a_parquet_run_stopped_before_its_first_batch_resumes_like_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    batch(&input, 50);
    let reference = dir.path().join("ref.parquet");
    common::succeed(&mut process(&input, &reference));
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let output = dir.path().join("out.parquet");
    common::succeed(&mut process(&empty, &output));
    assert_eq!(
        newsmill::io::ParquetWriter::resume_point(&output)
            .unwrap()
            .records,
        0
    );
    common::succeed(process(&input, &output).arg("--resume"));
    assert!(std::fs::read(&output).unwrap() == std::fs::read(&reference).unwrap());
}

/// Parquet: a run stopped by SIGTERM is closed (footer written), and
/// `--resume` continues it: the rows are copied into a new file in the
/// same batches and row groups, and the result is byte-identical to an
/// uninterrupted run. A file without footer and without checkpoint (cut
/// short by hand) is refused. (Killed runs: the next test.)
#[test]
fn a_parquet_run_stopped_and_resumed_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    // More than two of the writer's 1,024-record batches, so that a stop
    // falls inside a batch.
    let n = 2600;
    batch(&input, n);
    let reference = dir.path().join("ref.parquet");
    let started = Instant::now();
    let out = process(&input, &reference).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full_ms = started.elapsed().as_millis() as u64;
    let expected = std::fs::read(&reference).unwrap();
    let rows = |p: &Path| {
        newsmill::io::ParquetWriter::resume_point(p)
            .unwrap()
            .records
    };
    assert_eq!(rows(&reference), n as u64);

    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut stops, mut seen) = (0, Vec::new());
    for round in 0..4 {
        let output = dir.path().join(format!("out{round}.parquet"));
        for _ in 0..4 {
            let written = if output.exists() { rows(&output) } else { 0 };
            let child = process(&input, &output)
                .arg("--resume")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let left_ms = full_ms * (n as u64 - written.min(n as u64)) / n as u64;
            let delay = 30 + rng.below(left_ms * 7 / 10);
            std::thread::sleep(Duration::from_millis(delay));
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(child.id().to_string())
                .status();
            let done = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&done.stderr);
            seen.push((round, delay, written, done.status.code()));
            match done.status.code() {
                Some(143) => {
                    stops += 1;
                    assert!(err.contains("--resume"), "{err}");
                    // What a stop leaves is a complete Parquet file.
                    assert!(rows(&output) >= written);
                }
                Some(0) => break,
                c => panic!("exit {c:?}: {err}"),
            }
        }
        let out = process(&input, &output).arg("--resume").output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = std::fs::read(&output).unwrap();
        assert!(
            got == expected,
            "round {round}: {} bytes, expected {}; stops {seen:?}",
            got.len(),
            expected.len()
        );
        assert!(
            !dir.path()
                .join(format!("out{round}.parquet.resume-tmp"))
                .exists()
        );
    }
    assert!(stops >= 2, "too few SIGTERMs landed inside a run: {seen:?}");

    // No footer and no checkpoint: refused with exit 2 and a reason.
    let killed = dir.path().join("killed.parquet");
    std::fs::write(&killed, &expected[..expected.len() / 2]).unwrap();
    let out = process(&input, &killed).arg("--resume").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not a complete Parquet file"), "{err}");
    assert!(err.contains("no checkpoint of it was found"), "{err}");
    assert_eq!(
        std::fs::read(&killed).unwrap().len(),
        expected.len() / 2,
        "the file is left as it was"
    );
}

/// Parquet after SIGKILL: the file has no footer, but a checkpoint
/// beside it (written after each row group) holds the footer of its
/// complete row groups. A run killed at random points several times, and
/// resumed each time until it completes, ends byte-identical to an
/// uninterrupted run. Row groups of 500 rows (`--row-group-rows`) end
/// inside the writer's 1,024-record batches; kills land while records are
/// written and while a resumed run copies the rows kept.
#[test]
fn a_parquet_run_killed_at_random_points_and_resumed_equals_an_uninterrupted_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let n = 5000u64;
    batch(&input, n as usize);
    let run = |output: &Path| {
        let mut cmd = process(&input, output);
        cmd.args(["--row-group-rows", "500"]);
        cmd
    };
    let reference = dir.path().join("ref.parquet");
    let (expected, full_ms) = reference_run(run(&reference), &reference);
    assert!(!dir.path().join("ref.parquet.newsmill-checkpoint").exists());
    let rows = |p: &Path| {
        newsmill::io::ParquetWriter::resume_point(p)
            .map(|at| at.records)
            .unwrap_or(0)
    };

    let mut rng = Rng(0x1234_5678_9abc_def1);
    let (mut kills, mut recovered, mut restarts, mut seen) = (0, 0, 0, Vec::new());
    for round in 0..3 {
        let output = dir.path().join(format!("out{round}.parquet"));
        for _ in 0..4 {
            let written = if output.exists() { rows(&output) } else { 0 };
            let left_ms = full_ms * (n - written.min(n)) / n;
            let delay = 30 + rng.below(left_ms * 8 / 10);
            let done = resume_and_stop(run(&output), delay, false);
            let err = String::from_utf8_lossy(&done.stderr);
            seen.push((round, delay, written, done.status.code()));
            if err.contains("recovered from its checkpoint") {
                recovered += 1;
            }
            match done.status.code() {
                None => kills += 1,
                Some(0) => break,
                // Killed before its first row group: nothing to continue,
                // and the refusal says so; the run starts again.
                Some(2) if err.contains("no checkpoint of it was found") => {
                    restarts += 1;
                    std::fs::remove_file(&output).unwrap();
                }
                Some(c) => panic!("exit {c}: {err}"),
            }
        }
        let out = run(&output).arg("--resume").output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        if err.contains("recovered from its checkpoint") {
            recovered += 1;
        }
        let got = std::fs::read(&output).unwrap();
        assert!(
            got == expected,
            "round {round}: {} bytes, expected {}; kills {seen:?}",
            got.len(),
            expected.len()
        );
        for left in [
            ".newsmill-checkpoint",
            ".resume-tmp",
            ".resume-tmp.newsmill-checkpoint",
        ] {
            let p = dir.path().join(format!("out{round}.parquet{left}"));
            assert!(!p.exists(), "{} left behind", p.display());
        }
    }
    eprintln!(
        "{kills} SIGKILL landed, {recovered} resumes from a checkpoint, {restarts} restarts: {seen:?}"
    );
    assert!(kills >= 3, "too few kills landed inside a run: {seen:?}");
    assert!(
        recovered >= 2,
        "too few resumes from a checkpoint: {seen:?}"
    );
}

#[test]
fn resume_refuses_other_inputs_and_missing_output_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    batch(&input, 30);
    let output = dir.path().join("out.jsonl");
    let out = process(&input, &output).output().unwrap();
    assert!(out.status.success());
    // Cut the output in the middle of its 11th record.
    let bytes = std::fs::read(&output).unwrap();
    let cut = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(9)
        .unwrap()
        .0
        + 20;
    std::fs::write(&output, &bytes[..cut]).unwrap();

    let other = dir.path().join("other.jsonl");
    batch(&other, 5);
    let out = process(&other, &output).arg("--resume").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("holds 10 records but the inputs have only 5"),
        "{err}"
    );

    let out = newsmill()
        .args(["process", "--resume", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --output"));

    // The right inputs: the partial record is dropped and the rest written.
    let out = process(&input, &output).arg("--resume").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("resumed after 10 records"), "{err}");
    assert!(
        err.contains("partial last record of 19 bytes was dropped"),
        "{err}"
    );
    assert_eq!(std::fs::read(&output).unwrap(), bytes);
}

#[test]
fn ctrl_c_on_a_parquet_run_leaves_a_readable_file_of_the_first_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    batch(&input, 2000);
    let output = dir.path().join("out.parquet");
    let child = process(&input, &output)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status();
    let done = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&done.stderr);
    let rows: Vec<serde_json::Value> = newsmill::io::ParquetRecords::open(&output, Some(&["id"]))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    match done.status.code() {
        Some(130) => {
            assert!(err.contains("interrupted by SIGINT"), "{err}");
            assert!(
                err.contains(&format!(
                    "the output holds the first {} records",
                    rows.len()
                )),
                "{err}"
            );
            assert!(rows.len() < 2000);
        }
        Some(0) => assert_eq!(rows.len(), 2000), // finished first
        other => panic!("exit {other:?}: {err}"),
    }
    // In input order, from the first.
    for (i, r) in rows.iter().take(13).enumerate() {
        assert_eq!(r["id"], format!("a{i}"));
    }
}

/// A run reading a silent pipe stops at SIGTERM without waiting for the
/// next line: stdin is read by a thread of its own, and the stop ends it.
#[test]
fn sigterm_stops_a_run_waiting_on_a_silent_stdin_pipe() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.jsonl");
    let mut child = newsmill()
        .args(["process", "--progress", "never", "-", "-o"])
        .arg(&output)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(b"{\"id\": \"a\", \"text\": \"The council met on Tuesday.\"}\n")
        .unwrap();
    pipe.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    // The pipe stays open and silent: the run must end on its own.
    let signalled = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if signalled.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let waited = signalled.elapsed();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let status = status.unwrap_or_else(|| panic!("still running 10 s after SIGTERM: {err}"));
    assert_eq!(status.code(), Some(143), "{err}");
    assert!(err.contains("interrupted by SIGTERM"), "{err}");
    assert!(waited < Duration::from_secs(3), "took {waited:?}");
    // What was written is whole records only.
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'), "{text}");
}

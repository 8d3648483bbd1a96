//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

#[path = "../support/cdylib.rs"]
pub mod cdylib;
pub mod warc;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The data root: NEWSMILL_DATA, else ../shared/data beside the repo.
pub fn data_dir() -> PathBuf {
    newsmill_eval::data_dir()
}

/// A path under the data root, or `None` (with a clear message) when the
/// data is absent.
pub fn data(rel: &str) -> Option<PathBuf> {
    let p = data_dir().join(rel);
    if p.exists() {
        Some(p)
    } else {
        newsmill_eval::skip_or_fail(&format!("{} not found", p.display()));
        None
    }
}

/// The newsmill binary.
pub fn newsmill() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsmill"))
}

/// Run a newsmill command and assert that it succeeded, showing its
/// stderr when it did not.
pub fn succeed(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run newsmill");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Run newsmill with `args`, feeding `stdin`.
pub fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = newsmill()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsmill");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait newsmill");
    feeder.join().expect("feeder");
    out
}

/// Parse JSON Lines output.
pub fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

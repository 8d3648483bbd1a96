//! End to end: the faults a hostile input or a careless call meets, and
//! what the user sees (exit codes, one-line messages, capped thread counts).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use common::{newsmill, records, run_with_stdin};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_missing_or_broken_config_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not json").unwrap();
    for (file, says) in [
        (dir.path().join("missing.json"), "cannot read --config"),
        (broken, "not JSON"),
    ] {
        let out = newsmill()
            .args(["process", "--config"])
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(says) && err.lines().count() == 1, "{err}");
    }
}

#[test]
fn a_full_disk_is_one_message_naming_the_os_error_once() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("no /dev/full here: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "Prices rose.\n\nThe council met on Tuesday.\n".repeat(2000),
    )
    .unwrap();
    let out = newsmill()
        .args(["process", "-o", "/dev/full"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("No space left on device").count(), 1, "{err}");
}

#[test]
fn a_huge_thread_count_is_capped_with_a_message() {
    let out = run_with_stdin(
        &["process", "-j", "100000", "--no-text", "-"],
        b"{\"text\": \"The council met on Tuesday.\"}\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("-j 100000 is more threads"),
        "{}",
        stderr(&out)
    );
    assert_eq!(records(&out.stdout).len(), 1);
}

#[test]
fn an_unknown_configuration_key_is_refused_naming_the_extractor_and_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.json");
    std::fs::write(&config, r#"{"keyphrases": {"top": 3, "tpo": 5}}"#).unwrap();
    let out = newsmill()
        .args(["process", "--extractors", "keyphrases", "--config"])
        .arg(&config)
        .arg("-")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("keyphrases") && err.contains("\"tpo\"") && err.contains("top, "),
        "{err}"
    );
    // An extractor with no keys of its own says so.
    let out = run_with_stdin(
        &[
            "process",
            "--extractors",
            "stats",
            "--set",
            "stats.nokey=1",
            "-",
        ],
        b"{\"text\": \"The council met.\"}\n",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("stats takes no keys of its own"), "{err}");
}

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

#[test]
fn an_item_past_its_time_budget_is_a_timeout_record_and_the_batch_goes_on() {
    // One article of 3 MB among small ones; in the test build it takes
    // seconds, far over a quarter-second budget.
    let big =
        "The council of Millbrook met on Tuesday and Mayor Jane Porter said the rates would fall. "
            .repeat(33_000);
    let mut input = String::new();
    for i in 0..5 {
        let text = if i == 2 {
            big.as_str()
        } else {
            "The council met on Tuesday. Mayor Jane Porter said: \"We will act.\""
        };
        input.push_str(
            &serde_json::json!({"id": format!("a{i}"), "title": "Council", "text": text})
                .to_string(),
        );
        input.push('\n');
    }
    let out = run_with_stdin(
        &["process", "--item-timeout", "0.25", "--no-text", "-"],
        input.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4"]);
    let late = &recs[2];
    assert_eq!(late["status"], "error");
    assert_eq!(late["errors"][0]["code"], "timeout", "{late}");
    let stage = late["errors"][0]["stage"].as_str().unwrap();
    assert!(!stage.is_empty());
    assert!(
        late["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("by the end of {stage}, over its budget of 0.25 s"))
    );
    for i in [0, 1, 3, 4] {
        assert_eq!(recs[i]["status"], "ok", "{}", recs[i]);
    }
    // A budget that is not a number is a usage error.
    let out = run_with_stdin(&["process", "--item-timeout", "soon", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn when_most_items_fail_the_same_way_the_summary_says_what_to_try() {
    // Plain text on stdin, read as JSON Lines.
    let out = run_with_stdin(
        &["process", "--no-text", "-"],
        b"Council meets\n\nThe council met on Tuesday.\nThe board agreed.\n",
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("hint: 3 of 3 items are lines that are not JSON")
            && err.contains("--format text"),
        "{err}"
    );
    // JSON Lines whose body is under `body`.
    let out = run_with_stdin(
        &["process", "--no-text", "-"],
        b"{\"id\": 1, \"body\": \"The council met on Tuesday.\"}\n{\"id\": 2, \"body\": \"The rates fell.\"}\n",
    );
    let err = stderr(&out);
    assert!(
        err.contains("hint: 2 of 2 items have no \"text\" field, but they have \"body\": add --text-field body"),
        "{err}"
    );
    let recs = records(&out.stdout);
    let message = recs[0]["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("try --text-field body"), "{message}");
    // A run where most items are fine gives no hint.
    let out = run_with_stdin(
        &["process", "--no-text", "-"],
        b"{\"text\": \"The council met.\"}\n{\"text\": \"The rates fell.\"}\nnot json\n",
    );
    assert!(!stderr(&out).contains("hint"), "{}", stderr(&out));
}

#[test]
fn a_csv_table_is_one_article_per_row_with_the_json_lines_field_options() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("news.csv");
    std::fs::write(
        &csv,
        "\u{feff}url,title,body,date\n\
         https://example.org/a,Council meets,\"The council met on Tuesday, and Mayor Jane Porter said: \"\"We will act.\"\"\n\nThe board agreed.\",2024-03-01\n\
         https://example.org/b,Rates fall,The rates fell by 2 percent on Monday.,2024-03-02\n",
    )
    .unwrap();
    let out = newsmill()
        .args(["process", "--text-field", "body", "--id-field", "url"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2, "one record per row, not the table as prose");
    assert_eq!(recs[0]["id"], "https://example.org/a");
    assert_eq!(recs[0]["url"], "https://example.org/a");
    assert_eq!(recs[0]["title"], "Council meets");
    assert_eq!(recs[0]["published"], "2024-03-01");
    assert_eq!(recs[0]["status"], "ok", "{}", recs[0]);
    let text = recs[0]["text"].as_str().unwrap();
    assert!(
        text.contains("said: \"We will act.\"\n\nThe board agreed."),
        "{text}"
    );
    assert!(recs[0]["source"].as_str().unwrap().ends_with("news.csv:2"));
    assert_eq!(recs[1]["title"], "Rates fall");
    // In a directory, `--glob '*.csv'` finds the tables, read as tables.
    let out = newsmill()
        .args([
            "process",
            "--text-field",
            "body",
            "--glob",
            "*.csv",
            "--no-text",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(&out.stdout).len(), 2);
    // --format csv reads stdin as a table; without --text-field the hint
    // names the column.
    let out = run_with_stdin(
        &["process", "--format", "csv", "--no-text", "-"],
        b"id,body\n1,The council met on Tuesday and the rates fell.\n",
    );
    assert!(
        stderr(&out).contains("add --text-field body"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        records(&out.stdout)[0]["errors"][0]["code"],
        "missing_field"
    );
}

#[test]
fn when_stderr_is_not_a_terminal_a_status_line_gives_count_total_rate_and_eta() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let line = "{\"text\": \"The council of Millbrook met on Tuesday. Mayor Jane Porter said: \\\"We will act.\\\" The board agreed.\"}\n";
    std::fs::write(&input, line.repeat(2000)).unwrap();
    let out = newsmill()
        .args([
            "process",
            "--status-every",
            "0.05",
            "-j",
            "2",
            "--no-text",
            "-o",
        ])
        .arg(dir.path().join("out.jsonl"))
        .arg(&input)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let status: Vec<&str> = err.lines().filter(|l| l.contains(" elapsed")).collect();
    assert!(!status.is_empty(), "{err}");
    assert!(
        status
            .iter()
            .any(|l| l.contains(" of 2000 articles (") && l.contains("articles/s, ETA ")),
        "{err}"
    );
    let out = newsmill()
        .args([
            "process",
            "--status-every",
            "0.05",
            "--progress",
            "never",
            "-o",
        ])
        .arg(dir.path().join("out2.jsonl"))
        .arg(&input)
        .output()
        .unwrap();
    assert!(!stderr(&out).contains(" elapsed"), "{}", stderr(&out));
}

#[test]
fn a_missing_requirement_names_the_built_in_to_add() {
    let out = run_with_stdin(&["process", "--extractors", "entities", "-"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("requires \"ner\"")
            && err.contains("the built-in ner provides it: --extractors entities,ner"),
        "{err}"
    );
    // The suggestion works.
    let out = run_with_stdin(
        &["process", "--extractors", "entities,ner", "--no-text", "-"],
        b"{\"text\": \"Mayor Jane Porter met the council in Millbrook on Tuesday.\"}\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

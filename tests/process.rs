//! End-to-end tests of `newsmill process`: what a user sees.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use crate::common;

use common::{data, newsmill, records, run_with_stdin, succeed};
use serde_json::Value;

#[test]
fn bbc_corpus_gives_one_record_per_file_in_sorted_path_order() {
    let Some(bbc) = data("bbc") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("bbc.jsonl");
    let out = succeed(newsmill().arg("process").arg(&bbc).arg("-o").arg(&out_path));
    let recs = records(&std::fs::read(&out_path).unwrap());
    assert_eq!(recs.len(), 2225);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids[0], "business/001.txt");
    let warned: Vec<&Value> = recs.iter().filter(|r| r["status"] == "warning").collect();
    assert_eq!(warned.len(), 1, "exactly one BBC file is not valid UTF-8");
    assert_eq!(warned[0]["warnings"][0]["code"], "invalid_utf8");
    assert!(recs.iter().all(|r| r["schema_version"] == 2));
    assert!(recs.iter().all(|r| r["language"]["code"] == "en"));
    assert_eq!(recs[0]["title"], "Ad sales boost Time Warner profit");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2225 articles"), "summary: {stderr}");
}

fn jsonl_with_bad_line(n: usize, bad: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 1..=n {
        if i == bad {
            s.push_str("{\"id\": \"broken\", \"text\": \"no closing quote}\n");
        } else {
            s.push_str(&format!(
                "{{\"id\": \"a{i}\", \"title\": \"Story {i}\", \"text\": \"Prices rose {i}% on Monday. Traders said so.\"}}\n"
            ));
        }
    }
    s.into_bytes()
}

#[test]
fn one_bad_json_line_among_a_thousand_gives_a_thousand_records() {
    let out = run_with_stdin(&["process", "-"], &jsonl_with_bad_line(1000, 617));
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1000);
    let errors: Vec<&Value> = recs.iter().filter(|r| r["status"] == "error").collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["id"], "-:617");
    assert_eq!(errors[0]["errors"][0]["code"], "invalid_json");
    assert!(
        errors[0]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line 617")
    );
    assert_eq!(recs[0]["id"], "a1");
    assert_eq!(recs[999]["id"], "a1000");
    assert_eq!(recs[0]["title"], "Story 1");
}

#[test]
fn custom_field_names_and_character_offsets() {
    let line = "{\"url\": \"https://example.com/x\", \"body\": \"Café owners in Zürich said prices rose.\", \"headline\": \"Zürich cafés\"}\n";
    let out = run_with_stdin(
        &[
            "process",
            "-",
            "--text-field",
            "body",
            "--id-field",
            "url",
            "--title-field",
            "headline",
        ],
        line.as_bytes(),
    );
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let r = &recs[0];
    assert_eq!(r["id"], "https://example.com/x");
    // The field used as the id also fills its own record field.
    assert_eq!(r["url"], "https://example.com/x");
    assert_eq!(r["title"], "Zürich cafés");
    let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    // Every sentence span, taken as characters, is a piece of the text.
    let last = r["sentences"].as_array().unwrap().last().unwrap();
    let (s, e) = (
        last["start"].as_u64().unwrap() as usize,
        last["end"].as_u64().unwrap() as usize,
    );
    let sentence: String = text[s..e].iter().collect();
    assert_eq!(sentence, "Café owners in Zürich said prices rose.");
}

#[test]
fn bad_files_become_error_records_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Good headline\n\nA fine story.").unwrap();
    std::fs::write(d.join("b.txt"), "").unwrap();
    std::fs::write(d.join("c.txt"), b"\x00\x01\x02binary\x00junk").unwrap();
    std::fs::write(d.join("d.txt"), "Big\n\n".repeat(100)).unwrap();
    std::fs::write(d.join("e.md"), "not matched by the default glob").unwrap();
    let out = newsmill()
        .args(["process", "--max-bytes", "400"])
        .arg(d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let got: Vec<(&str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["errors"]
                    .get(0)
                    .map_or("ok", |e| e["code"].as_str().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a.txt", "ok"),
            ("b.txt", "empty"),
            ("c.txt", "binary"),
            ("d.txt", "too_large")
        ]
    );

    // --fail-on-error turns error records into exit code 1, still writing all.
    let out = newsmill()
        .args(["process", "--fail-on-error", "--max-bytes", "400"])
        .arg(d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out.stdout).len(), 4);

    // --glob changes what a directory yields.
    let out = newsmill()
        .args(["process", "--glob", "*.md"])
        .arg(d)
        .output()
        .unwrap();
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "e.md");
}

#[test]
fn usage_errors_exit_2_before_reading() {
    let out = newsmill()
        .args(["process", "/no/such/input"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/input"));
    let out = newsmill()
        .args(["process", "--threads", "x", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = newsmill()
        .args(["process", "--glob", "a[", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unwritable_output_exits_1() {
    let out = newsmill()
        .args(["process", "-", "-o", "/no/such/dir/out.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/dir/out.jsonl"));
}

#[test]
fn closed_stdout_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let input = jsonl_with_bad_line(20_000, 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, input).unwrap();
    let mut child = newsmill()
        .arg("process")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 100`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "stderr: {stderr}");
}

#[test]
fn plain_text_on_stdin_and_the_shipped_sample() {
    let out = run_with_stdin(
        &["process", "--format", "text", "-"],
        "A headline\n\nLONDON (Reuters) - Shares rose. They fell later.".as_bytes(),
    );
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["title"], "A headline");

    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/article.txt");
    let out = newsmill()
        .args(["process", sample, "--tokens"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["counts"]["tokens"].as_u64().unwrap() > 100);
    let r = &recs[0];
    assert_eq!(
        r["title"],
        "Harbour Council Approves Tidal Barrier After Decade of Debate"
    );
    assert!(
        r["subtitle"]
            .as_str()
            .unwrap()
            .starts_with("The £1.2bn project")
    );
    assert_eq!(r["dateline"]["text"], "PORTSMOUTH, March 3 (Newsmill Wire)");
    // The standfirst repeated as a pull-quote is counted once; the two
    // trailing lines are boilerplate, kept but not analysed.
    let kinds: Vec<&str> = r["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "repeat").count(), 1);
    assert_eq!(&kinds[kinds.len() - 2..], ["boilerplate", "boilerplate"]);
    let repeat = r["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "repeat")
        .unwrap();
    assert_eq!(repeat["repeat_of"], 1);
    assert_eq!(
        recs[0]["tokens"].as_array().unwrap().len() as u64,
        recs[0]["counts"]["tokens"].as_u64().unwrap()
    );
}

#[test]
fn extractors_can_be_chosen() {
    let text = "Rates held\n\nThe Bank of England held rates on Thursday, Mark Carney said.";
    let out = run_with_stdin(
        &["process", "--format", "text", "-", "--extractors", "stats"],
        text.as_bytes(),
    );
    assert!(out.status.success());
    let r = &records(&out.stdout)[0];
    // The language is found by the core, whatever extractors run.
    assert_eq!(r["language"]["code"], "en");
    assert!(r["stats"][0]["words"].as_u64().unwrap() > 10);
    assert!(r.get("ner").is_none() && r.get("dates").is_none());

    let out = run_with_stdin(
        &["process", "--format", "text", "-", "--extractors", "none"],
        text.as_bytes(),
    );
    let r = &records(&out.stdout)[0];
    assert!(r.get("ner").is_none() && r.get("stats").is_none());
    assert_eq!(r["language"]["code"], "en");

    // By default every built-in runs.
    let out = run_with_stdin(&["process", "--format", "text", "-"], text.as_bytes());
    let r = &records(&out.stdout)[0];
    for name in ["ner", "dates", "keyphrases", "stats"] {
        assert!(r.get(name).is_some(), "{name}");
    }
    assert!(
        r["ner"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["text"] == "Mark Carney" && e["label"] == "PER")
    );

    let out = run_with_stdin(&["process", "-", "--extractors", "sentiment"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sentiment"));
}

//! Near-duplicates end to end: `newsmill process --dedup`, `--clusters`,
//! `--emit-signature`, on JSON Lines through stdin.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{records, run_with_stdin};
use serde_json::json;

const STORY: [&str; 5] = [
    "Flood defences along the river were raised overnight after forecasters warned of a second storm arriving before dawn on Saturday.",
    "Engineers from the county council worked through the night to stack sandbags outside the old mill and the primary school, officials said.",
    "About two hundred homes in the lower town were told to prepare to leave, although no evacuation order had been given by midnight.",
    "The mayor said the town had learned from the floods of three winters ago, when water reached the market square within an hour.",
    "Rail services between the coast and the city were suspended and the main bridge was closed to lorries as a precaution.",
];

const OTHER: [&str; 3] = [
    "The river festival planned for next month will go ahead on a new site after the council approved a move to the playing fields.",
    "Organisers said ticket sales had doubled since last year and that extra buses would run from the station on both days.",
    "Local traders welcomed the decision, saying the festival brought more visitors to the town than any other weekend of the year.",
];

fn line(id: &str, title: &str, paras: &[&str]) -> String {
    json!({"id": id, "title": title, "text": paras.join("\n\n")}).to_string() + "\n"
}

fn input() -> Vec<u8> {
    let mut copy: Vec<&str> = STORY[..4].to_vec(); // cut short
    copy.swap(1, 2);
    copy.push("Copyright 2026 Example Wire. All rights reserved. Click here to subscribe.");
    let s = [
        line("orig", "Town braces for second storm", &STORY),
        line("other", "River festival moves to playing fields", &OTHER),
        "{not json\n".to_string(),
        line("copy", "Second storm: defences raised", &copy),
        line("copy2", "Storm warning", &STORY),
    ];
    s.concat().into_bytes()
}

#[test]
fn later_copies_name_the_first_and_clusters_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let clusters = dir.path().join("clusters.jsonl");
    let out = run_with_stdin(
        &[
            "process",
            "-",
            "--dedup",
            "--clusters",
            clusters.to_str().unwrap(),
            "--extractors",
            "none",
        ],
        &input(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["orig", "other", "-:3", "copy", "copy2"]);
    assert!(recs[0].get("near_duplicate_of").is_none());
    assert!(recs[1].get("near_duplicate_of").is_none());
    assert_eq!(recs[2]["status"], "error");
    assert_eq!(recs[3]["near_duplicate_of"]["id"], "orig");
    let sim = recs[3]["near_duplicate_of"]["similarity"].as_f64().unwrap();
    assert!(sim > 0.5 && sim < 1.0, "{sim}");
    assert_eq!(recs[4]["near_duplicate_of"]["id"], "orig");
    assert_eq!(recs[4]["near_duplicate_of"]["similarity"], 1.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("near-duplicates: 2 of 4 articles"),
        "{stderr}"
    );

    let cl = std::fs::read_to_string(&clusters).unwrap();
    let cl: Vec<serde_json::Value> = cl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(cl.len(), 1);
    assert_eq!(cl[0]["id"], "orig");
    assert_eq!(cl[0]["size"], 3);
    assert_eq!(cl[0]["members"][0]["id"], "copy");
    assert_eq!(cl[0]["members"][1]["id"], "copy2");
}

#[test]
fn without_dedup_records_carry_no_dedup_fields() {
    let out = run_with_stdin(&["process", "-", "--extractors", "none"], &input());
    assert!(out.status.success());
    for r in records(&out.stdout) {
        assert!(r.get("near_duplicate_of").is_none());
        assert!(r.get("dedup_signature").is_none());
    }
}

#[test]
fn emitted_signatures_share_band_keys_exactly_when_articles_match() {
    let out = run_with_stdin(
        &["process", "-", "--emit-signature", "--extractors", "none"],
        &input(),
    );
    assert!(out.status.success());
    let recs = records(&out.stdout);
    let bands = |i: usize| -> Vec<String> {
        recs[i]["dedup_signature"]["bands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap().to_string())
            .collect()
    };
    assert!(recs[2].get("dedup_signature").is_none()); // the error record
    assert_eq!(bands(0).len(), 20);
    assert!(bands(0)[3].starts_with("03:") && bands(0)[3].len() == 11);
    assert_eq!(bands(0), bands(4)); // same body, other title
    let shared = |a: usize, b: usize| bands(a).iter().filter(|k| bands(b).contains(k)).count();
    assert!(shared(0, 3) > 0);
    assert_eq!(shared(0, 1), 0);
    assert_eq!(
        recs[0]["dedup_signature"]["minhash"]
            .as_str()
            .unwrap()
            .len(),
        256
    );
}

#[test]
fn a_bad_threshold_is_a_usage_error() {
    let out = run_with_stdin(&["process", "-", "--dedup-threshold", "1.5"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("threshold"));
}

#[test]
fn eval_dedup_meets_the_floors_on_generated_bbc_variants() {
    let Some(bbc) = common::data("bbc") else {
        return;
    };
    let out = common::succeed(
        common::newsmill()
            .args(["eval", "dedup", "--json", "--variants", "2", "--bbc"])
            .arg(&bbc),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["results"][0]["score"];
    assert!(s["precision_70"].as_f64().unwrap() >= 0.98, "{s}");
    assert!(s["recall_70"].as_f64().unwrap() >= 0.95, "{s}");
    assert_eq!(v["results"][0]["similar_distinct_merged"], 0);
    assert!(v["originals"].as_u64().unwrap() > 2000);
    // The BBC's own duplicates: the same story filed twice.
    let clusters = v["bbc_clusters"].as_array().unwrap();
    assert!(clusters.len() > 100);
    assert!(clusters.iter().any(|c| {
        c["id"] == "business/007.txt"
            && c["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "business/253.txt")
    }));
}

#[test]
fn bench_reports_every_stage_and_each_thread_count() {
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&line(&format!("a{i}"), "Storm", &STORY));
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, lines).unwrap();
    let out = common::succeed(
        common::newsmill()
            .args(["bench", "--threads", "1,2", "--json", "--dedup"])
            .arg(&input),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["threads"], 1);
    assert_eq!(runs[1]["threads"], 2);
    assert_eq!(runs[0]["speedup"], 1.0);
    for r in runs {
        assert_eq!(r["articles"], 40);
        assert!(r["articles_per_second"].as_f64().unwrap() > 0.0);
        let stages: Vec<&str> = r["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["stage"].as_str().unwrap())
            .collect();
        for want in [
            "decode",
            "analysis",
            "ner",
            "dates",
            "keyphrases",
            "stats",
            "near-duplicates",
            "record",
            "encode",
        ] {
            assert!(stages.contains(&want), "{want} missing from {stages:?}");
        }
        let share: f64 = r["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["share"].as_f64().unwrap())
            .sum();
        assert!((share - 1.0).abs() < 1e-6);
        let ner = r["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["stage"] == "ner")
            .unwrap();
        assert!(ner["us_per_article"].as_f64().unwrap() > 0.0);
    }
    // The text form names the figures a user reads.
    let out = common::newsmill()
        .args(["bench"])
        .arg(&input)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("articles/s") && text.contains("MB/s") && text.contains("extractor ner"),
        "{text}"
    );
}

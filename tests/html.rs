//! HTML input end to end: `newsmill process --format html` on pages written
//! for these tests (tests/html/), the benchmark corpus through the eval
//! path, and arbitrary bytes through the extractor.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use crate::common;

use std::path::{Path, PathBuf};

use common::{data, newsmill, records, succeed};
use newsmill::io::html::{HtmlOptions, extract};
use proptest::prelude::*;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html")
}

/// Run `newsmill process ARGS -o out.jsonl` and return the records.
fn process(args: &[&std::ffi::OsStr]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    succeed(
        newsmill()
            .arg("process")
            .args(args)
            .arg("-o")
            .arg(&out_path),
    );
    records(&std::fs::read(&out_path).unwrap())
}

#[test]
fn a_directory_of_pages_gives_one_record_per_page_article_text_only() {
    let dir = fixtures();
    let recs = process(&[dir.as_os_str(), "--format".as_ref(), "html".as_ref()]);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["broken-charset.html", "index-page.html", "news-page.html"]
    );

    let news = &recs[2];
    assert_eq!(news["status"], "ok", "{news}");
    assert_eq!(
        news["title"],
        "Ferry service returns to the island after two winters"
    );
    assert_eq!(news["published"], "2025-04-14T07:45:00+01:00");
    assert_eq!(
        news["authors"],
        serde_json::json!(["Morag Finlay", "Tom Reid"])
    );
    assert_eq!(news["site_name"], "The Harbour Gazette");
    assert_eq!(news["page_language"], "en-GB");
    assert_eq!(
        news["canonical_url"],
        "https://gazette.example/news/ferry-returns"
    );
    assert_eq!(news["url"], "https://gazette.example/news/ferry-returns");
    assert_eq!(
        news["description"],
        "The Saltbay ferry sails again from Monday."
    );
    let text = news["text"].as_str().unwrap();
    assert!(text.contains("The ferry between Saltbay and the mainland will sail again"));
    assert!(text.contains("add a second evening sailing in June if demand holds."));
    for boilerplate in [
        "cookies",
        "Weather",
        "Share on Facebook",
        "Related stories",
        "Pier repairs run over budget",
        "About time too",
        "Comments (3)",
        "All rights reserved",
    ] {
        assert!(!text.contains(boilerplate), "{boilerplate:?} in {text}");
    }
    // The title, then each of the five paragraphs, as paragraphs.
    let body: Vec<&Value> = news["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "body")
        .collect();
    assert_eq!(body.len(), 5, "{}", news["paragraphs"]);
    assert_eq!(news["sentences"].as_array().unwrap().len(), 7);

    // A page with no article: an error record, and the batch went on.
    let index = &recs[1];
    assert_eq!(index["status"], "error");
    assert_eq!(index["errors"][0]["code"], "no_article_body");

    // An unknown charset label and bytes that are not UTF-8: warnings, text kept.
    let broken = &recs[0];
    assert_eq!(broken["status"], "warning", "{broken}");
    let codes: Vec<&str> = broken["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown_charset", "invalid_charset_bytes"]);
    assert!(
        broken["text"]
            .as_str()
            .unwrap()
            .contains("trois mois de travaux")
    );
    assert_eq!(broken["page_language"], "fr");
}

#[test]
fn html_files_are_recognised_by_extension_under_auto() {
    let page = fixtures().join("news-page.html");
    let recs = process(&[page.as_os_str()]);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["site_name"], "The Harbour Gazette");
    assert!(!recs[0]["text"].as_str().unwrap().contains("<p"));
    // Text input has no page metadata.
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    std::fs::write(&txt, "Headline\n\nBody text here.").unwrap();
    let recs = process(&[txt.as_os_str()]);
    assert_eq!(recs[0]["authors"], serde_json::json!([]));
    assert_eq!(recs[0]["site_name"], Value::Null);
}

#[test]
fn gzip_and_zstd_compressed_pages_are_read_like_plain_ones() {
    use std::io::Write;
    let page = std::fs::read(fixtures().join("news-page.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&page).unwrap();
    std::fs::write(dir.path().join("a.html.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(
        dir.path().join("b.htm.zst"),
        zstd::encode_all(page.as_slice(), 3).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.path().join("c.txt"), "Not a page\n\nPlain text.").unwrap();
    // A directory with --format html: only the pages, compressed or not.
    let recs = process(&[dir.path().as_os_str(), "--format".as_ref(), "html".as_ref()]);
    assert_eq!(recs.len(), 2);
    for r in &recs {
        assert_eq!(r["status"], "ok", "{r}");
        assert_eq!(r["site_name"], "The Harbour Gazette");
        assert!(r["text"].as_str().unwrap().contains("four new deckhands"));
    }
    // A compressed page named on the command line is HTML by its name.
    let recs = process(&[dir.path().join("a.html.gz").as_os_str()]);
    assert_eq!(
        recs[0]["authors"],
        serde_json::json!(["Morag Finlay", "Tom Reid"])
    );
}

#[test]
fn benchmark_f1_through_the_eval_path() {
    let Some(dir) = data("html-articles") else {
        return;
    };
    let pages = newsmill_eval::html::load(&dir).unwrap();
    assert_eq!(pages.len(), 121);
    let (s, results) = newsmill_eval::html::evaluate(&pages);
    assert_eq!(s.pages, 121);
    assert!(results.iter().all(|r| r.error.is_none()));
    assert!(
        s.f1 >= 0.97,
        "F1 {:.4} (P {:.4}, R {:.4})",
        s.f1,
        s.precision,
        s.recall
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn extract_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = extract(&bytes, &HtmlOptions::default());
    }

    #[test]
    fn extract_never_panics_on_tag_soup(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"content\">".to_string()),
            Just("</div>".to_string()), Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":".to_string()),
            Just("</script>".to_string()), Just("<meta charset=\"".to_string()), Just("<a href=\"x\">".to_string()),
            Just("<table><tr><td>".to_string()), Just("<!--".to_string()), Just("&amp;&#x0;&#99999999;".to_string()),
            "[ -~]{0,40}".prop_map(|s| s), "\\PC{0,20}".prop_map(|s| s),
        ], 0..60)) {
        let page = parts.concat();
        if let Ok(p) = extract(page.as_bytes(), &HtmlOptions { url: Some("https://a.example/x"), charset: None }) {
            prop_assert!(!p.text.trim().is_empty());
        }
    }
}

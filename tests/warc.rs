//! End to end: WARC archives in (`.warc`, `.warc.gz`, by magic bytes,
//! `--format warc`), JSON Lines and Parquet out; truncated and damaged
//! archives.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use common::warc::{DATE, crawl_of, gzip, http, record, warc_gz};
use common::{data, newsmill, records, run_with_stdin, succeed};

/// A news page written for these tests.
fn news_page(title: &str, para: &str, head: &str) -> String {
    let body: String = (1..=6)
        .map(|i| format!("<p>{para} This is paragraph {i} of the report, with enough words in it to read as the body of a news story and not as a menu.</p>\n"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head>{head}<title>{title} | The Harbour Times</title><meta property=\"og:site_name\" content=\"The Harbour Times\"></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>{title}</h1>{body}</article><footer>Cookies help us.</footer></body></html>"
    )
}

fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

/// A small crawl: four HTML pages (Latin-1 by the HTTP header; chunked and
/// gzipped; windows-1252 by `<meta>` only; an unknown charset label) among
/// the records a crawler also writes.
fn fixture() -> Vec<Vec<u8>> {
    let cafe = latin1(&news_page(
        "Caf\u{e9} owners vote",
        "Caf\u{e9} owners in Port Elling voted on Tuesday.",
        "",
    ));
    let rail = gzip(
        news_page(
            "Rail strike ends",
            "Train drivers ended a three-day strike on Friday.",
            "",
        )
        .as_bytes(),
    );
    let mut chunked = Vec::new();
    for part in rail.chunks(100) {
        chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let ferry = latin1(&news_page(
        "Ferry \u{201c}back\u{201d} in May",
        "The ferry returns in May, the harbour master said \u{2013} weather permitting.",
        "<meta charset=\"windows-1252\">",
    ))
    .iter()
    .map(|&b| match b {
        // U+201C, U+201D, U+2013 as windows-1252 bytes.
        0x1c => 0x93,
        0x1d => 0x94,
        0x13 => 0x96,
        b => b,
    })
    .collect::<Vec<u8>>();
    let odd = news_page("Market day", "The market opens at six on Saturday.", "");
    vec![
        record("warcinfo", "", 0, b"software: newsmill-test\r\n"),
        record(
            "request",
            "https://harbour.example/cafe",
            1,
            b"GET /cafe HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "https://harbour.example/cafe",
            2,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=ISO-8859-1\r\n",
                &cafe,
            ),
        ),
        record(
            "metadata",
            "https://harbour.example/cafe",
            3,
            b"fetchTimeMs: 12\r\n",
        ),
        record(
            "response",
            "https://harbour.example/logo.png",
            4,
            &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
        ),
        record(
            "response",
            "https://harbour.example/gone",
            5,
            &http(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<p>gone</p>",
            ),
        ),
        record(
            "response",
            "https://harbour.example/rail",
            6,
            &http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        ),
        record(
            "response",
            "https://harbour.example/ferry",
            7,
            &http("200 OK", "Content-Type: application/xhtml+xml\r\n", &ferry),
        ),
        record(
            "response",
            "https://harbour.example/market",
            8,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=x-no-such-set\r\n",
                odd.as_bytes(),
            ),
        ),
    ]
}

const FIXTURE_SUMMARY: &str = "newsmill: WARC: 9 records, 4 HTML pages read; skipped: 1 metadata, 1 non-200 response, 1 non-HTML response, 1 request, 1 warcinfo";

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A small Parquet file read back as one batch.
fn parquet_batch(path: &Path) -> arrow_array::RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let mut batches: Vec<_> =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .with_batch_size(1 << 16)
            .build()
            .unwrap()
            .map(|b| b.unwrap())
            .collect();
    assert_eq!(batches.len(), 1);
    batches.remove(0)
}

#[test]
fn a_multi_member_warc_gz_becomes_one_record_per_html_response_in_parquet() {
    use arrow_array::cast::AsArray;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("CC-NEWS-20240101000000-00001.warc.gz");
    std::fs::write(&input, warc_gz(&fixture())).unwrap();
    let pq = dir.path().join("out.parquet");
    let out = succeed(newsmill().args(["process", "-o"]).arg(&pq).arg(&input));
    assert!(stderr(&out).contains(FIXTURE_SUMMARY), "{}", stderr(&out));

    let b = parquet_batch(&pq);
    assert_eq!(b.num_rows(), 4);
    let col = |n: &str| b.column_by_name(n).unwrap().as_string::<i32>().clone();
    let url_col = col("url");
    let urls: Vec<&str> = (0..4).map(|i| url_col.value(i)).collect();
    assert_eq!(
        urls,
        [
            "https://harbour.example/cafe",
            "https://harbour.example/rail",
            "https://harbour.example/ferry",
            "https://harbour.example/market"
        ]
    );
    for i in 0..4 {
        assert_eq!(col("fetched").value(i), DATE);
        // The market page's unknown charset label is a warning.
        let want = if i == 3 { "warning" } else { "ok" };
        assert_eq!(col("status").value(i), want, "row {i}");
        assert!(!col("text").value(i).contains("Cookies"), "row {i}");
    }
    assert_eq!(col("id").value(0), "urn:uuid:response-2");
    assert_eq!(col("title").value(0), "Caf\u{e9} owners vote");
    assert!(
        col("text")
            .value(0)
            .contains("Caf\u{e9} owners in Port Elling voted")
    );
    assert_eq!(col("title").value(1), "Rail strike ends");
    assert!(col("text").value(1).contains("three-day strike"));
    assert_eq!(col("title").value(2), "Ferry \u{201c}back\u{201d} in May");
    assert!(col("text").value(2).contains("said \u{2013} weather"));
    assert_eq!(col("site_name").value(0), "The Harbour Times");
}

#[test]
fn a_broken_charset_is_a_warning_and_the_json_has_url_and_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("crawl.warc");
    std::fs::write(&input, fixture().concat()).unwrap();
    let out = succeed(newsmill().args(["process", "--no-text"]).arg(&input));
    assert!(stderr(&out).contains(FIXTURE_SUMMARY), "{}", stderr(&out));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[0]["url"], "https://harbour.example/cafe");
    assert_eq!(recs[0]["fetched"], DATE);
    assert_eq!(recs[0]["source"], format!("{}#3", input.display()));
    let market = &recs[3];
    assert_eq!(market["status"], "warning");
    let warnings = market["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w["code"] == "unknown_charset"
            && w["message"].as_str().unwrap().contains("x-no-such-set")),
        "{market}"
    );
}

#[test]
fn a_warc_is_found_by_its_magic_bytes_or_by_format_warc_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    // No .warc in the name: "WARC/" once decompressed says what it is.
    let input = dir.path().join("crawl-00001.dat");
    std::fs::write(&input, warc_gz(&fixture())).unwrap();
    let out = succeed(newsmill().args(["process", "--no-text"]).arg(&input));
    assert_eq!(records(&out.stdout).len(), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains(FIXTURE_SUMMARY));

    let out = run_with_stdin(
        &["process", "--no-text", "--format", "warc", "-"],
        &warc_gz(&fixture()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[1]["url"], "https://harbour.example/rail");

    // In a directory, *.warc.gz files are read as archives by default
    // under --format warc, and by name under auto.
    let sub = dir.path().join("crawls");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.warc.gz"), warc_gz(&fixture())).unwrap();
    std::fs::write(sub.join("b.warc"), fixture().concat()).unwrap();
    let out = succeed(
        newsmill()
            .args(["process", "--no-text", "--format", "warc"])
            .arg(&sub),
    );
    assert_eq!(records(&out.stdout).len(), 8);
    assert!(
        stderr(&out).contains("18 records, 8 HTML pages read"),
        "{}",
        stderr(&out)
    );
}

/// Run `newsmill process --no-text FILE` and return its records.
fn process(file: &Path) -> Vec<serde_json::Value> {
    let out = succeed(newsmill().args(["process", "--no-text"]).arg(file));
    records(&out.stdout)
}

#[test]
fn a_truncated_archive_gives_the_pages_before_the_damage_then_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let recs = fixture();
    let plain = recs.concat();
    let gz = warc_gz(&recs);
    // Cut inside the last page's record, plain and gzip.
    for (name, bytes) in [
        ("cut.warc", &plain[..plain.len() - 200]),
        ("cut.warc.gz", &gz[..gz.len() - 150]),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = process(&file);
        assert_eq!(out.len(), 4, "{name}: {out:?}");
        for r in &out[..3] {
            assert_eq!(r["status"], "ok", "{name}: {r}");
        }
        let err = &out[3];
        assert_eq!(err["status"], "error");
        let code = err["errors"][0]["code"].as_str().unwrap();
        let message = err["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains(name) && message.contains("at offset"),
            "{message}"
        );
        if name == "cut.warc" {
            assert_eq!(code, "truncated");
            // The record's start in the file: everything before record 9.
            let offset: usize = recs[..8].iter().map(Vec::len).sum();
            assert!(
                message.contains(&format!("record 9 at offset {offset}")),
                "{message}"
            );
        } else {
            assert_eq!(code, "corrupt_stream", "{message}");
        }
    }
}

#[test]
fn a_bad_content_length_is_one_error_then_reading_resumes_at_the_next_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut recs = fixture();
    // The Latin-1 page's Content-Length 10 bytes short.
    let cafe = String::from_utf8_lossy(&recs[2]).into_owned();
    let start = cafe.find("Content-Length: ").unwrap() + 16;
    let end = start + cafe[start..].find('\r').unwrap();
    let n: usize = cafe[start..end].parse().unwrap();
    recs[2].splice(start..end, (n - 10).to_string().bytes());
    for (name, bytes) in [("len.warc", recs.concat()), ("len.warc.gz", warc_gz(&recs))] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = newsmill()
            .args(["process", "--no-text"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let got = records(&out.stdout);
        let status: Vec<&str> = got.iter().map(|r| r["status"].as_str().unwrap()).collect();
        assert_eq!(status, ["error", "ok", "ok", "warning"], "{name}: {got:?}");
        let err = &got[0]["errors"][0];
        assert_eq!(err["code"], "bad_warc");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .contains("record 3 at offset"),
            "{err}"
        );
        assert_eq!(got[1]["url"], "https://harbour.example/rail");
        assert!(
            stderr(&out).contains("3 HTML pages read; skipped: 1 damaged, 1 metadata"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn html_articles_pages_wrapped_in_a_warc_gz_give_the_same_records_as_the_pages() {
    let Some(dir) = data("html-articles") else {
        return;
    };
    // 20 of the 121 pages keep the test to seconds.
    let pages: Vec<_> = newsmill_eval::html::load(&dir)
        .unwrap()
        .into_iter()
        .take(20)
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let html_dir = tmp.path().join("pages");
    std::fs::create_dir(&html_dir).unwrap();
    let mut wrapped = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        std::fs::write(html_dir.join(format!("{i:03}.html")), &p.html).unwrap();
        let url = p
            .url
            .clone()
            .unwrap_or_else(|| format!("https://page.example/{i}"));
        wrapped.push((url, p.html.clone()));
    }
    let input = tmp.path().join("pages.warc.gz");
    std::fs::write(&input, warc_gz(&crawl_of(&wrapped))).unwrap();
    let pq = tmp.path().join("out.parquet");
    let out = succeed(newsmill().args(["process", "-o"]).arg(&pq).arg(&input));
    assert!(
        stderr(&out).contains(
            "WARC: 61 records, 20 HTML pages read; skipped: 20 metadata, 20 request, 1 warcinfo"
        ),
        "{}",
        stderr(&out)
    );
    // The same pages as HTML files, without a URL from the crawl.
    let out = succeed(
        newsmill()
            .args(["process", "--format", "html"])
            .arg(&html_dir),
    );
    let html = records(&out.stdout);
    assert_eq!(html.len(), 20);

    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    let b = parquet_batch(&pq);
    assert_eq!(b.num_rows(), 20);
    let col = |n: &str| b.column_by_name(n).unwrap().as_string::<i32>().clone();
    let (urls, fetched, status, title, text) = (
        col("url"),
        col("fetched"),
        col("status"),
        col("title"),
        col("text"),
    );
    for (i, (url, _)) in wrapped.iter().enumerate() {
        assert_eq!(urls.value(i), url);
        assert_eq!(fetched.value(i), DATE);
        let h = &html[i];
        assert_eq!(status.value(i), h["status"], "{url}");
        assert_eq!(
            title.is_valid(i).then(|| title.value(i)),
            h["title"].as_str(),
            "{url}"
        );
        assert_eq!(
            text.value(i),
            h["text"].as_str().unwrap_or_default(),
            "{url}"
        );
    }
}

#[test]
fn a_page_that_fails_is_an_error_record_with_its_url_and_fetch_time() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad-pages.warc.gz");
    let recs = [
        record(
            "response",
            "https://harbour.example/",
            1,
            &http(
                "200 OK",
                "Content-Type: text/html\r\n",
                b"<html><body><nav><a href=\"/\">Home</a></nav></body></html>",
            ),
        ),
        record(
            "response",
            "https://harbour.example/zipped",
            2,
            &http(
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                b"not gzip at all",
            ),
        ),
    ];
    std::fs::write(&input, warc_gz(&recs)).unwrap();
    let got = process(&input);
    assert_eq!(got.len(), 2);
    let codes: Vec<&str> = got
        .iter()
        .map(|r| r["errors"][0]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["no_article_body", "bad_http"]);
    assert_eq!(got[0]["url"], "https://harbour.example/");
    assert_eq!(got[1]["url"], "https://harbour.example/zipped");
    for r in &got {
        assert_eq!(r["status"], "error");
        assert_eq!(r["fetched"], DATE);
    }
}

/// 102 HTML responses, the second with a Content-Length of 10^15 (far past
/// the end of the file and past --max-bytes): 101 page records and one
/// `bad_warc` error in its place, plain and gzipped; the summary counts it.
#[test]
fn a_huge_content_length_loses_only_its_own_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut recs: Vec<Vec<u8>> = (0..102)
        .map(|i| {
            let page = news_page(&format!("Report {i}"), "The council met.", "");
            record(
                "response",
                &format!("https://harbour.example/{i}"),
                i,
                &http("200 OK", "Content-Type: text/html\r\n", page.as_bytes()),
            )
        })
        .collect();
    let second = String::from_utf8(recs[1].clone()).unwrap();
    let start = second.find("Content-Length: ").unwrap() + 16;
    let end = start + second[start..].find('\r').unwrap();
    recs[1].splice(start..end, b"1000000000000000".iter().copied());
    for (name, bytes) in [
        ("huge.warc", recs.concat()),
        ("huge.warc.gz", warc_gz(&recs)),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = newsmill()
            .args(["process", "--no-text"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let got = records(&out.stdout);
        assert_eq!(got.len(), 102, "{name}");
        let errors: Vec<&serde_json::Value> =
            got.iter().filter(|r| r["status"] == "error").collect();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert_eq!(got[1]["status"], "error");
        let err = &got[1]["errors"][0];
        assert_eq!(err["code"], "bad_warc");
        let message = err["message"].as_str().unwrap();
        assert!(
            message.contains("record 2 at offset")
                && message.contains("Content-Length 1000000000000000"),
            "{message}"
        );
        assert_eq!(got[2]["url"], "https://harbour.example/2");
        assert_eq!(got[101]["url"], "https://harbour.example/101");
        assert!(
            stderr(&out).contains("102 records, 101 HTML pages read; skipped: 1 damaged"),
            "{}",
            stderr(&out)
        );
    }
}

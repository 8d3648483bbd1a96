//! `newsmill report` end to end: a BBC run, the page opened in headless
//! Chromium (sections and figures from the DOM, no network, no script
//! error), and three figures checked against DuckDB over the same records.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{data, newsmill, succeed};

/// The value of `data-figure="name"` in a page.
fn figure(html: &str, name: &str) -> u64 {
    let key = format!("data-figure=\"{name}\">");
    let at = html
        .find(&key)
        .unwrap_or_else(|| panic!("no figure {name}"))
        + key.len();
    let digits: String = html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("figure {name} is not a number"))
}

/// BBC business + tech as JSON Lines input with a publication date each,
/// so the timeline and sparklines have data.
fn dated_input(dir: &Path, bbc: &Path) -> PathBuf {
    let mut lines = String::new();
    let mut i = 0u32;
    for cat in ["business", "tech"] {
        let mut files: Vec<_> = std::fs::read_dir(bbc.join(cat))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files.iter().take(120) {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let (title, body) = text.split_once('\n').unwrap_or(("", &text));
            let day = 1 + i % 28;
            let v = serde_json::json!({
                "id": format!("{cat}-{}", f.file_name().unwrap().to_string_lossy()),
                "title": title.trim(), "text": body.trim(),
                "date": format!("2005-02-{day:02}"),
                "url": format!("https://news.example/{cat}/{i}"),
            });
            lines.push_str(&v.to_string());
            lines.push('\n');
            i += 1;
        }
    }
    // One line that is not an article: one error record.
    lines.push_str("{\"id\": \"broken\", \"text\": \n");
    let p = dir.join("in.jsonl");
    std::fs::write(&p, lines).unwrap();
    p
}

fn chromium() -> Option<PathBuf> {
    for c in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("which").arg(c).output()
            && out.status.success()
        {
            return Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
        }
    }
    None
}

#[test]
fn report_of_a_bbc_run_in_a_browser() {
    let Some(bbc) = data("bbc") else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dated_input(dir.path(), &bbc);
    let records = dir.path().join("out.jsonl");
    let page = dir.path().join("report.html");
    succeed(newsmill().args([
        "process".as_ref(),
        input.as_os_str(),
        "--dedup".as_ref(),
        "-o".as_ref(),
        records.as_os_str(),
        "--report".as_ref(),
        page.as_os_str(),
    ]));
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(figure(&html, "articles"), 241);
    assert_eq!(figure(&html, "errors"), 1);
    assert_eq!(figure(&html, "dated-articles"), 240);
    assert!(figure(&html, "quotes") > 100);
    assert!(html.len() < 3_000_000, "page is {} bytes", html.len());
    // No network: nothing is loaded from anywhere (the CSP forbids it too).
    for attr in [
        "src=\"http",
        "href=\"http",
        "src=\"//",
        "href=\"//",
        "url(http",
    ] {
        assert!(
            !html.contains(attr),
            "the page refers to the network: {attr}"
        );
    }
    // The Parquet output gives the same page figures.
    let pq = dir.path().join("out.parquet");
    let pq_page = dir.path().join("pq.html");
    succeed(newsmill().args([
        "process".as_ref(),
        input.as_os_str(),
        "--dedup".as_ref(),
        "-o".as_ref(),
        pq.as_os_str(),
    ]));
    succeed(newsmill().args([
        "report".as_ref(),
        pq.as_os_str(),
        "-o".as_ref(),
        pq_page.as_os_str(),
    ]));
    let pq_html = std::fs::read_to_string(&pq_page).unwrap();
    for f in [
        "articles",
        "errors",
        "quotes",
        "entity-mentions",
        "duplicates",
        "dates-mentioned",
    ] {
        assert_eq!(
            figure(&html, f),
            figure(&pq_html, f),
            "figure {f}: JSON Lines vs Parquet"
        );
    }
    duckdb_agrees(&records, &html);
    browser(&page, dir.path());
}

/// Three figures of the page equal DuckDB's count over the same records.
fn duckdb_agrees(records: &Path, html: &str) {
    let ok = Command::new("python3")
        .args(["-c", "import duckdb"])
        .status();
    if !ok.is_ok_and(|s| s.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI: python3 duckdb missing"
        );
        eprintln!("skipping the DuckDB check: python3 cannot import duckdb");
        return;
    }
    let script = r#"
import duckdb, sys
c = duckdb.connect()
t = f"read_json_auto('{sys.argv[1]}', format='newline_delimited', maximum_object_size=100000000)"
print(c.execute(f"select count(*) from {t}").fetchone()[0])
print(c.execute(f"select count(*) from {t} where status = 'error'").fetchone()[0])
print(c.execute(f"select coalesce(sum(len(quotes)), 0) from {t}").fetchone()[0])
"#;
    let out = Command::new("python3")
        .args(["-c", script, records.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect();
    assert_eq!(
        got,
        vec![
            figure(html, "articles"),
            figure(html, "errors"),
            figure(html, "quotes")
        ],
        "DuckDB (articles, errors, quotations) vs the page"
    );
}

fn browser(page: &Path, dir: &Path) {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI: chromium is missing (.ci/test installs it)"
        );
        eprintln!("skipping the browser check: chromium not found (apt-get install chromium)");
        return;
    };
    let url = format!("file://{}", page.display());
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
    ];
    let profile = format!("--user-data-dir={}", dir.join("profile").display());
    let out = Command::new(&chromium)
        .args(common)
        .arg(&profile)
        .args(["--virtual-time-budget=3000", "--dump-dom", &url])
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium failed: {log}");
    assert!(
        dom.contains("data-js-ready=\"1\""),
        "the page's script did not run:\n{log}"
    );
    assert!(
        dom.contains("data-js-errors=\"0\""),
        "script errors in the page:\n{}",
        &dom[..dom.len().min(600)]
    );
    for s in [
        "batch",
        "entities",
        "quotes",
        "timeline",
        "keyphrases",
        "duplicates",
        "cost",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{s}\"")),
            "section {s} missing"
        );
    }
    assert_eq!(figure(&dom, "articles"), 241);
    assert!(
        dom.contains("aria-sort") || dom.contains("tabindex=\"0\""),
        "tables were not made sortable"
    );
    for bad in [
        "Uncaught",
        "Refused to load",
        "ERR_NAME_NOT_RESOLVED",
        "net::ERR",
    ] {
        assert!(!log.contains(bad), "chromium logged {bad}:\n{log}");
    }
    let shot = dir.join("shot.png");
    let out = Command::new(&chromium)
        .args(common)
        .arg(&profile)
        .args([
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600",
            "--hide-scrollbars",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    if let Some(keep) = std::env::var_os("NEWSMILL_REPORT_SHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}

//! Plugins end to end: the example plugin built as a cdylib and loaded,
//! static and loaded giving identical records, faults, and many threads
//! through one loaded plugin.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use crate::common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{cdylib, data, newsmill, records, run_with_stdin};
use newsmill::core::{Article, Record, Status};
use newsmill::engine::{EngineOptions, FnCodec, FnSink, Pipeline, RunStats, Runner};
use newsmill_plugin::host::{Builtin, Factory, Plugin};

/// The plugin libraries, built once per test process.
fn libs() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        cdylib::build_plugins(
            "plugin-tests",
            false,
            &[
                "newsmill-example-money",
                "fixture-panicky",
                "fixture-wrong-abi",
                "fixture-no-descriptor",
                "newsmill-stats",
            ],
        )
    })
}

fn lib(name: &str) -> PathBuf {
    cdylib::library(libs(), name)
}

fn money_lib() -> PathBuf {
    lib("newsmill_example_money")
}

fn static_pipeline() -> Pipeline {
    Pipeline::builder()
        .extractor(Box::new(Builtin::<newsmill_example_money::Money>::new()))
        .build()
        .unwrap()
}

fn loaded_pipeline() -> Pipeline {
    Pipeline::builder()
        .extractor(Box::new(Plugin::load(&money_lib()).unwrap()))
        .build()
        .unwrap()
}

fn sample_texts() -> Vec<(String, String)> {
    if let Some(bbc) = data("bbc") {
        let texts = newsmill_eval::batch::corpus_texts(&bbc).unwrap();
        return texts
            .into_iter()
            .map(|(p, t)| (p.display().to_string(), t))
            .collect();
    }
    let sample = include_str!("../samples/article.txt");
    (0..50)
        .map(|i| {
            (
                format!("fixture-{i}"),
                format!("{sample}\n\nIt also cost ${i}.5m, or {i} million euros."),
            )
        })
        .collect()
}

#[test]
fn static_and_loaded_give_identical_records() {
    let (s, l) = (static_pipeline(), loaded_pipeline());
    let mut amounts = 0;
    for (id, text) in sample_texts() {
        let a = s.process(Article::from_text(id.clone(), text.clone()));
        let b = l.process(Article::from_text(id, text));
        assert_eq!(a, b);
        amounts += a.extractions["money"].len();
    }
    assert!(
        amounts > 100,
        "the corpus has many money amounts, found {amounts}"
    );
}

/// A built-in extractor's crate built on its own (`cargo build -p`) is a
/// loadable plugin with the same output as the built-in (linked into the
/// binary it exports no descriptor: feature `builtin`).
#[test]
fn builtin_crate_built_alone_is_a_loadable_plugin() {
    let loaded = Plugin::load(&lib("newsmill_stats")).unwrap();
    assert_eq!(loaded.info().name, "stats");
    let l = Pipeline::builder()
        .extractor(Box::new(loaded))
        .build()
        .unwrap();
    let s = Pipeline::builder()
        .extractor(Box::new(Builtin::<newsmill_stats::StatsExtractor>::new()))
        .build()
        .unwrap();
    for (id, text) in sample_texts().into_iter().take(50) {
        let a = s.process(Article::from_text(id.clone(), text.clone()));
        let b = l.process(Article::from_text(id, text));
        assert!(!a.extractions["stats"].is_empty());
        assert_eq!(a, b);
    }
}

#[test]
fn loaded_plugin_output_appears_under_its_name() {
    let out = run_with_stdin(
        &["process", "--format", "text", "-", "--plugin", money_lib().to_str().unwrap()],
        "Profits jump\n\nQuarterly profits jumped 76% to $1.13bn (£600m), and 300 million euros more.".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    let money = recs[0]["money"].as_array().unwrap();
    let got: Vec<(&str, f64, &str)> = money
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap(),
                m["amount"].as_f64().unwrap(),
                m["currency"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("$1.13bn", 1.13e9, "USD"),
            ("£600m", 6e8, "GBP"),
            ("300 million euros", 3e8, "EUR")
        ]
    );
    // Character offsets into the emitted text.
    let text: Vec<char> = recs[0]["text"].as_str().unwrap().chars().collect();
    let (s, e) = (
        money[1]["start"].as_u64().unwrap() as usize,
        money[1]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(text[s..e].iter().collect::<String>(), "£600m");

    // Configuration crosses at create: amounts under `min` are dropped.
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--plugin",
            money_lib().to_str().unwrap(),
            "--set",
            "money.min=1e9",
        ],
        "Profits jump\n\nProfits rose to $1.13bn (£600m).".as_bytes(),
    );
    let recs = records(&out.stdout);
    assert_eq!(recs[0]["money"].as_array().unwrap().len(), 1);
}

#[test]
fn extractors_command_lists_loaded_plugins_and_the_plugin_path() {
    let out = newsmill()
        .args(["extractors", "--plugin"])
        .arg(money_lib())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("money"), "{stdout}");
    assert!(stdout.contains(env!("CARGO_PKG_VERSION")), "{stdout}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(money_lib(), dir.path().join("libmoney.so")).unwrap();
    let out = newsmill()
        .arg("extractors")
        .env("NEWSMILL_PLUGIN_PATH", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("money"));
}

/// Each bad library: exit 2, a one-line error naming the library, and no
/// input read (no record written).
#[test]
fn bad_libraries_are_refused_before_any_input_is_read() {
    let not_a_lib = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_a_lib.path(), "this is text, not a library").unwrap();
    let cases = [
        (lib("fixture_wrong_abi"), "plugin ABI version 1, but"),
        (
            lib("fixture_no_descriptor"),
            "no newsmill plugin descriptor",
        ),
        (
            not_a_lib.path().to_path_buf(),
            "not a loadable plugin library",
        ),
    ];
    for (path, expected) in cases {
        let out = run_with_stdin(
            &["process", "-", "--plugin", path.to_str().unwrap()],
            b"{\"text\": \"must not be read\"}\n",
        );
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(out.stdout.is_empty(), "no record may be written");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(stderr.contains(path.to_str().unwrap()), "{stderr}");
    }
    // The ABI error names both versions: the plugin's old 1 and our 2.
    let err = Plugin::load(&lib("fixture_wrong_abi"))
        .unwrap_err()
        .to_string();
    assert_eq!(newsmill_plugin::abi::ABI_VERSION, 2);
    assert!(
        err.contains("plugin ABI version 1") && err.contains("speaks ABI version 2"),
        "{err}"
    );
}

/// A plugin built against the ABI 2 SDK: its integer attributes are JSON
/// integers and Parquet int64; its declared languages cross the boundary.
#[test]
fn a_loaded_plugin_emits_integers_as_json_integers_and_parquet_int64() {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    let stats = lib("newsmill_stats");
    let loaded = Plugin::load(&stats).unwrap();
    assert_eq!(loaded.info().languages, ["*"]);
    let text = "Rates held\n\nThe central bank kept rates on hold on Tuesday. Markets barely moved.\n\nTraders had expected as much.";
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--extractors",
            "none",
            "--plugin",
            stats.to_str().unwrap(),
        ],
        text.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    let rec = &records(&out.stdout)[0];
    let st = &rec["stats"][0];
    assert!(st["words"].is_u64(), "{st}");
    assert_eq!(st["words"], 19);
    assert!(line.contains("\"words\":19"), "{line}");
    assert!(st["reading_minutes"].is_f64());
    assert_eq!(rec["language"]["code"], "en");

    let dir = tempfile::tempdir().unwrap();
    let pq = dir.path().join("out.parquet");
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--extractors",
            "none",
            "--plugin",
            stats.to_str().unwrap(),
            "--output-format",
            "parquet",
            "-o",
            pq.to_str().unwrap(),
        ],
        text.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = std::fs::File::open(&pq).unwrap();
    let batch = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    // A document-level extractor is a struct, as in JSON, not a list.
    let st = batch.column_by_name("stats").unwrap().as_struct();
    let words = st
        .column_by_name("words")
        .unwrap()
        .as_primitive::<arrow_array::types::Int64Type>();
    assert_eq!(words.value(0), 19);
    let lang = batch.column_by_name("language").unwrap().as_struct();
    assert_eq!(
        lang.column_by_name("code")
            .unwrap()
            .as_string::<i32>()
            .value(0),
        "en"
    );
    assert!(!lang.is_null(0));
}

/// A loaded plugin declaring English only is skipped on German text, with
/// the reason in the record, and the status stays ok; `--set
/// NAME.languages=` overrides the declaration.
#[test]
fn a_loaded_english_plugin_is_skipped_on_german_text() {
    let money = money_lib();
    let text = "Gewinne steigen\n\nDer Konzern meldete am Dienstag einen Gewinn von 300 Millionen Euro, wie das Unternehmen in Frankfurt mitteilte.";
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--extractors",
            "none",
            "--plugin",
            money.to_str().unwrap(),
        ],
        text.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = &records(&out.stdout)[0];
    assert_eq!(rec["language"]["code"], "de");
    assert_eq!(rec["status"], "ok");
    assert_eq!(rec["skipped"]["money"], "language de not supported");
    assert!(rec.get("money").is_none(), "{rec}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("languages: de 1"), "{stderr}");

    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--extractors",
            "none",
            "--plugin",
            money.to_str().unwrap(),
            "--set",
            "money.languages=de,en",
        ],
        text.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = &records(&out.stdout)[0];
    assert!(rec.get("skipped").is_none(), "{rec}");
    assert!(rec["money"].is_array());
}

#[test]
fn pipeline_errors_are_refused_before_any_input_is_read() {
    let money = money_lib();
    let m = money.to_str().unwrap();
    // Two extractors of one name.
    let out = run_with_stdin(
        &["process", "-", "--plugin", m, "--plugin", m],
        b"{\"text\": \"x\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("two extractors are named \"money\""));
    assert!(out.stdout.is_empty());
    // Configuration for an extractor that is not there.
    let out = run_with_stdin(
        &["process", "-", "--set", "sentiment.model=x"],
        b"{\"text\": \"x\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("configuration for \"sentiment\""),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // A plugin refusing its configuration.
    let out = run_with_stdin(
        &[
            "process",
            "-",
            "--plugin",
            lib("fixture_panicky").to_str().unwrap(),
            "--set",
            "panicky.refuse=true",
        ],
        b"{\"text\": \"x\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refused by configuration"));
}

#[test]
fn a_missing_requirement_is_refused() {
    struct NeedsNer;
    impl newsmill_plugin::Extractor for NeedsNer {
        const NAME: &'static str = "needs_ner";
        const VERSION: &'static str = "1";
        const REQUIRES: &'static str = "tokens,ner";
        fn create(_: &mut newsmill_plugin::Setup<'_>) -> Result<Self, newsmill_plugin::Error> {
            Ok(NeedsNer)
        }
        fn process(
            &self,
            _: &newsmill_plugin::DocView<'_>,
            _: &mut newsmill_plugin::Emitter<'_>,
        ) -> Result<(), newsmill_plugin::Error> {
            Ok(())
        }
    }
    let err = Pipeline::builder()
        .extractor(Box::new(Builtin::<NeedsNer>::new()))
        .build()
        .unwrap_err()
        .to_string();
    assert!(err.contains("requires \"ner\""), "{err}");
}

#[test]
fn a_panicking_or_failing_plugin_becomes_an_error_entry_and_the_batch_goes_on() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Telegram raised $5m.\"}\n",
        "{\"id\": \"b\", \"text\": \"Telegram raised $6m. PANIC now.\"}\n",
        "{\"id\": \"c\", \"text\": \"Telegram raised $7m. FAIL now.\"}\n",
        "{\"id\": \"d\", \"text\": \"Telegram raised $8m.\"}\n",
    );
    let out = run_with_stdin(
        &[
            "process",
            "-",
            "--plugin",
            money_lib().to_str().unwrap(),
            "--plugin",
            lib("fixture_panicky").to_str().unwrap(),
        ],
        input.as_bytes(),
    );
    assert!(out.status.success());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 4);
    for (r, amount) in recs.iter().zip([5e6, 6e6, 7e6, 8e6]) {
        // The other extractor's output is kept on every record.
        assert_eq!(r["money"][0]["amount"].as_f64(), Some(amount));
    }
    assert_eq!(recs[0]["status"], "ok");
    assert_eq!(recs[0]["panicky"][0]["text"], "Telegram");
    for (r, what) in [
        (&recs[1], "panicked: fixture panic"),
        (&recs[2], "fixture failure"),
    ] {
        assert_eq!(r["status"], "error");
        assert_eq!(r["errors"][0]["stage"], "panicky");
        assert!(
            r["errors"][0]["message"].as_str().unwrap().contains(what),
            "{r}"
        );
        assert_eq!(r["panicky"].as_array().unwrap().len(), 0);
    }
    assert_eq!(recs[3]["status"], "ok");
}

#[test]
fn thousands_of_documents_through_one_loaded_plugin_on_all_threads() {
    let pipeline = loaded_pipeline();
    let n = 5000u64;
    let mut seen = Vec::new();
    let opts = EngineOptions {
        threads: 8,
        chunk_items: 64,
        ..EngineOptions::default()
    };
    let codec = FnCodec(
        |(_, i): (u64, u64)| {
            Ok::<_, Box<Record>>(Article::from_text(
                i.to_string(),
                format!("Deal {i}\n\nThe firm paid ${i}m and £{i}bn; {i} people came."),
            ))
        },
        |r: Record| r,
    );
    let sink = FnSink(
        |r: Record| {
            seen.push(r);
            Ok::<(), std::io::Error>(())
        },
        |_: &RunStats| {},
    );
    let stats = Runner::new(&opts, &pipeline)
        .run((0..n).map(|i| (0u64, i)), &codec, sink)
        .unwrap();
    assert_eq!(stats.articles, n);
    for (i, r) in seen.iter().enumerate() {
        assert_eq!(r.status, Status::Ok);
        assert_eq!(r.id, i.to_string());
        let m = &r.extractions["money"];
        assert_eq!(m.len(), 2, "{}", r.id);
        assert_eq!(m[0].text.as_deref(), Some(format!("${i}m").as_str()));
        assert_eq!(m[1].text.as_deref(), Some(format!("£{i}bn").as_str()));
    }
}

#[test]
fn an_unknown_configuration_key_of_a_loaded_plugin_is_refused_at_start_up() {
    // The check runs in the SDK glue inside the plugin library.
    for (args, key) in [
        (vec!["--set", "money.nokey=1"], "\"nokey\""),
        (vec!["--set", "money.mni=5"], "\"mni\""),
    ] {
        let lib = money_lib();
        let mut all = vec![
            "process",
            "--format",
            "text",
            "-",
            "--plugin",
            lib.to_str().unwrap(),
        ];
        all.extend(args);
        let out = run_with_stdin(&all, b"Profits\n\nThey rose to $5m.");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("money") && err.contains(key) && err.contains("money knows: min"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    // Known keys and the engine's own `languages` still pass.
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--plugin",
            money_lib().to_str().unwrap(),
            "--set",
            "money.min=1",
            "--set",
            "money.languages=en",
        ],
        b"Profits\n\nThey rose to $5m.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

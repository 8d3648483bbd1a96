//! The named-entity extractor end to end: entity sentences of a real news
//! article, the F1 floor on CoNLL-2003 eng.testa (gold tokens and raw
//! text), training and evaluating a model with the CLI, `--set ner.model`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use crate::common;

use common::{data, newsmill, records, run_with_stdin, succeed};
use serde_json::Value;

/// Sentences quoted from ../shared/data/samples/durov-arrest.txt (title,
/// dateline paragraph, and the sentences naming the people).
const DUROV: &str = "Russia Claims Telegram Boss Durov\u{2019}s Independence Led to His Arrest

Moscow: Pavel Durov, the founder of Telegram who was recently detained in France, is facing scrutiny due to his \u{201c}too free\u{201d} management style, according to Russian Foreign Minister Sergei Lavrov. Lavrov, speaking at Moscow\u{2019}s prestigious MGIMO University, suggested that Durov\u{2019}s independent approach to operating the social media platform contributed to his current predicament.

Durov\u{2019}s legal team has dismissed these accusations, labeling them as \u{201c}absurd\u{201d} and emphasizing that he should not be held accountable for illegal activities conducted on Telegram.

Russia has strongly supported Durov, especially after enduring years of pressure on him and his technological ventures. Kremlin spokesman Dmitry Peskov assured last week that there were no direct negotiations between the Kremlin and Durov regarding the case.

French President Emmanuel Macron has denied any political motives behind Durov\u{2019}s detention.
";

fn entities(rec: &Value) -> Vec<(String, String)> {
    rec["ner"]
        .as_array()
        .expect("a ner layer")
        .iter()
        .map(|a| {
            (
                a["text"].as_str().unwrap().to_string(),
                a["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn durov_article_people_organisations_places() {
    let out = run_with_stdin(&["process", "--format", "text", "-"], DUROV.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    let found = entities(&recs[0]);
    let expect = [
        ("Pavel Durov", "PER"),
        ("Sergei Lavrov", "PER"),
        ("Dmitry Peskov", "PER"),
        ("Emmanuel Macron", "PER"),
        ("MGIMO University", "ORG"),
        ("Moscow", "LOC"),
        ("France", "LOC"),
        ("Russia", "LOC"),
    ];
    for (text, label) in expect {
        let labels: Vec<&str> = found
            .iter()
            .filter(|(t, _)| t == text)
            .map(|(_, l)| l.as_str())
            .collect();
        assert!(!labels.is_empty(), "{text} not found in {found:?}");
        assert!(
            labels.iter().all(|l| *l == label),
            "{text}: expected {label} every time, got {labels:?}"
        );
    }
    // Offsets are character offsets into the record's text.
    let text: Vec<char> = recs[0]["text"].as_str().unwrap().chars().collect();
    for a in recs[0]["ner"].as_array().unwrap() {
        let (s, e) = (
            a["start"].as_u64().unwrap() as usize,
            a["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            a["text"].as_str().unwrap()
        );
    }
}

/// The types the shipped model gives "Telegram" in the Durov article.
fn durov_telegram_labels() -> Vec<String> {
    let out = run_with_stdin(&["process", "--format", "text", "-"], DUROV.as_bytes());
    entities(&records(&out.stdout)[0])
        .into_iter()
        .filter(|(t, _)| t == "Telegram")
        .map(|(_, l)| l)
        .collect()
}

/// Every mention of "Telegram" in the article gets the same type (the
/// vote after tagging), so `entity_list` reports one entity.
#[test]
fn durov_article_telegram_has_one_type_in_the_article() {
    let labels = durov_telegram_labels();
    assert!(
        labels.len() >= 2 && labels.iter().all(|l| *l == labels[0]),
        "{labels:?}"
    );
}

/// Telegram, the messaging company and its platform, is a name the 1996
/// training data never saw. It is no place and no person: ORG (the
/// company) or MISC (the platform, as the modern dev set annotates
/// "Facebook" and "Twitter" where they are platforms). A known failure:
/// single models passed or failed this by their seed (three seeds of four
/// typed it LOC), and the shipped average of four seeds types it LOC
/// (docs/ner.md, "Seeds averaged"). `cargo nextest run --run-ignored all`
/// shows it.
#[test]
#[ignore = "known failure of the shipped model: Telegram is typed LOC here (docs/ner.md)"]
fn durov_article_telegram_is_an_organisation_or_its_product() {
    let labels = durov_telegram_labels();
    assert!(
        labels.len() >= 2
            && labels.iter().all(|l| *l == labels[0])
            && matches!(labels[0].as_str(), "ORG" | "MISC"),
        "{labels:?}"
    );
}

fn eval_json(args: &[&str]) -> Value {
    let out = succeed(newsmill().args(args));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn conll_testa_f1_floor_gold_tokens_and_raw_text() {
    let Some(testa) = data("conll2003/eng.testa") else {
        return;
    };
    let testa = testa.to_string_lossy().to_string();
    let gold = eval_json(&["eval", "ner", "--conll", &testa, "--json"]);
    let raw = eval_json(&["eval", "ner", "--conll", &testa, "--raw", "--json"]);
    let f_gold = gold["ner"]["overall"]["f1"].as_f64().unwrap();
    let f_raw = raw["ner"]["overall"]["f1"].as_f64().unwrap();
    eprintln!("eng.testa F1: gold tokens {f_gold:.4}, raw text {f_raw:.4}");
    // Issue 13's floor: 92.9 on gold tokens and from raw text (the shipped
    // model: 93.40 / 93.33); and the unseen names (surface forms eng.train
    // lacks) near the shipped 85.34.
    assert!(f_gold >= 0.933, "gold-token F1 {f_gold} below 0.933");
    assert!(f_raw >= 0.933, "raw-text F1 {f_raw} below 0.933");
    let unseen = gold["unseen"]["overall"]["f1"].as_f64().unwrap();
    assert!(unseen >= 0.85, "unseen-name F1 {unseen} below 0.85");
    for ty in ["PER", "ORG", "LOC", "MISC"] {
        assert!(
            gold["ner"][ty]["f1"].as_f64().unwrap() > 0.85,
            "{ty}: {}",
            gold["ner"][ty]
        );
    }
}

/// The modern dev set: `eval ner --modern` scores each split (and both)
/// against the committed annotations, with the unseen-names table.
#[test]
fn modern_dev_set_scores_each_split_from_raw_text() {
    let Some(dir) = data("html-articles") else {
        return;
    };
    let dir = dir.to_string_lossy().to_string();
    let out =
        succeed(newsmill().args(["eval", "ner", "--modern", &dir, "--split", "all", "--json"]));
    let rows: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(&str, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["split"].as_str().unwrap(),
                r["articles"].as_u64().unwrap(),
                r["ner"]["overall"]["gold"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("tune", 24, 966),
            ("untouched", 25, 1005),
            ("all", 49, 1971)
        ]
    );
    for r in &rows {
        let f1 = r["ner"]["overall"]["f1"].as_f64().unwrap();
        assert!(f1 > 0.3 && f1 < 1.0, "{r}");
        assert!(r["unseen"]["overall"]["gold"].as_u64().unwrap() > 0, "{r}");
    }
    // --errors names each miss and false alarm with its site.
    let out = succeed(newsmill().args(["eval", "ner", "--modern", &dir, "--errors"]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.starts_with("miss www.")), "{text}");
}

/// `eval ner --modern --output FILE` writes the split's articles as CoNLL
/// lines (word, `-`, `-`, gold, predicted) over the pipeline's tokens: one
/// `-DOCSTART-` per article, and the gold column holds the annotated names.
#[test]
fn modern_dev_set_output_is_conll_of_the_pipeline_tokens() {
    let Some(dir) = data("html-articles") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out_path = tmp.path().join("tune.conll");
    let out = succeed(newsmill().args([
        "eval",
        "ner",
        "--modern",
        &dir.to_string_lossy(),
        "--split",
        "tune",
        "--json",
        "--output",
        &out_path.to_string_lossy(),
    ]));
    let row: Value = serde_json::from_slice(&out.stdout).unwrap();
    let gold = row["ner"]["overall"]["gold"].as_u64().unwrap();
    let found = row["ner"]["overall"]["predicted"].as_u64().unwrap();
    let conll = std::fs::read_to_string(&out_path).unwrap();
    let lines: Vec<Vec<&str>> = conll
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(' ').collect())
        .collect();
    assert!(lines.iter().all(|c| c.len() == 5), "5 columns per line");
    let docs = lines.iter().filter(|c| c[0] == "-DOCSTART-").count();
    assert_eq!(docs as u64, row["articles"].as_u64().unwrap());
    // A gold name starts with B-; a few cross a token's edge ("US-China"
    // is one token) and are written O, never more than one in twenty.
    let starts = |col: usize| lines.iter().filter(|c| c[col].starts_with("B-")).count() as u64;
    assert!(
        starts(3) <= gold && starts(3) * 20 >= gold * 19,
        "{} of {gold}",
        starts(3)
    );
    assert_eq!(starts(4), found, "every predicted name is written");
    assert!(
        lines
            .iter()
            .any(|c| c[..4] == ["Volkswagen", "-", "-", "B-ORG"])
    );
    // One file for one input: --conll beside --modern is refused, not
    // overwritten.
    let conll_path = tmp.path().join("tiny.conll");
    std::fs::write(&conll_path, tiny_conll()).unwrap();
    let out = newsmill()
        .args(["eval", "ner", "--conll", &conll_path.to_string_lossy()])
        .args(["--modern", &dir.to_string_lossy(), "--output"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output writes one file"));
}

/// A CoNLL file with one document per sentence (CoNLL lines, each ending
/// in a newline), the sentence three times in its document.
fn conll_docs(sentences: impl IntoIterator<Item = String>) -> String {
    let mut s = String::new();
    for sentence in sentences {
        s.push_str("-DOCSTART- -X- O O\n\n");
        for _ in 0..3 {
            s.push_str(&sentence);
            s.push('\n');
        }
    }
    s
}

/// A tiny CoNLL file: enough for the perceptron to learn something.
fn tiny_conll() -> String {
    conll_docs(
        [
            ("Smith", "Paris"),
            ("Jones", "London"),
            ("Brown", "Rome"),
            ("Clark", "Oslo"),
        ]
        .map(|(name, place)| {
            format!(
                "Mr NNP I-NP O\n{name} NNP I-NP I-PER\nwent VBD I-VP O\nto TO I-PP O\n{place} NNP I-NP I-LOC\n. . O O\n"
            )
        }),
    )
}

/// The entities `newsmill process` finds in `text` with the model file
/// `model` (`--set ner.model=PATH`); the run must succeed.
fn entities_with_model(model: &str, text: &[u8]) -> Vec<(String, String)> {
    let set = format!("ner.model={model}");
    let out = run_with_stdin(&["process", "--format", "text", "--set", &set, "-"], text);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    entities(&records(&out.stdout)[0])
}

#[test]
fn train_then_eval_and_load_with_set() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("tiny.conll");
    std::fs::write(&conll, tiny_conll()).unwrap();
    let model = dir.path().join("m").join("tiny.bin");
    let c = conll.to_str().unwrap();
    let m = model.to_str().unwrap();
    succeed(newsmill().args([
        "train", "ner", "--train", c, "--dev", c, "-o", m, "--epochs", "3",
    ]));
    assert!(model.exists());
    let j = eval_json(&["eval", "ner", "--conll", c, "--model", m, "--json"]);
    assert!(j["ner"]["overall"]["f1"].as_f64().unwrap() > 0.9, "{j}");
    // The model loads in the pipeline with --set ner.model=PATH.
    let found = entities_with_model(m, b"Travel\n\nMr Smith went to Paris.\n");
    assert!(found.contains(&("Smith".into(), "PER".into())), "{found:?}");
}

/// Three people and three places, each alone before "waits": a context
/// that says nothing, so only what a model knows of the word types it.
fn waits_conll() -> String {
    conll_docs(
        [
            ("Smith", "I-PER"),
            ("Jones", "I-PER"),
            ("Brown", "I-PER"),
            ("Paris", "I-LOC"),
            ("London", "I-LOC"),
            ("Rome", "I-LOC"),
        ]
        .map(|(word, tag)| format!("{word} NNP I-NP {tag}\nwaits VBZ I-VP O\n. . O O\n")),
    )
}

/// Word vectors carry what the training data cannot: two names it never
/// had, in a context that says nothing, are typed by the training names
/// their vectors are near.
#[test]
fn word_vectors_type_names_the_training_data_never_had() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.conll");
    std::fs::write(&train, waits_conll()).unwrap();
    // Row 0: people, row 1: places; Adams and Lima are not in the training
    // data.
    let vectors = dir.path().join("vectors.tsv");
    std::fs::write(
        &vectors,
        "2\t2\n1 0\n0 1\nSmith\t0\nJones\t0\nBrown\t0\nAdams\t0\n\
         Paris\t1\nLondon\t1\nRome\t1\nLima\t1\n",
    )
    .unwrap();
    let model = dir.path().join("v.bin");
    let (t, v, m) = (
        train.to_str().unwrap(),
        vectors.to_str().unwrap(),
        model.to_str().unwrap(),
    );
    succeed(newsmill().args([
        "train",
        "ner",
        "--train",
        t,
        "--word-vectors",
        v,
        // Two-dimensional toy vectors weigh little against the word
        // features: scaled up, as a user may for a small vector table.
        "--vector-scale",
        "4",
        "-o",
        m,
        "--epochs",
        "5",
    ]));
    let found = entities_with_model(m, b"Notes\n\nAdams waits. Lima waits.\n");
    assert!(found.contains(&("Adams".into(), "PER".into())), "{found:?}");
    assert!(found.contains(&("Lima".into(), "LOC".into())), "{found:?}");
}

/// `--seeds` trains one model per seed and writes their average: a model
/// that tags like its parts, the same file from run to run.
#[test]
fn seeds_average_into_one_model_the_same_each_run() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("tiny.conll");
    std::fs::write(&conll, tiny_conll()).unwrap();
    let c = conll.to_str().unwrap();
    let mut files = Vec::new();
    for run in ["a", "b"] {
        let model = dir.path().join(format!("{run}.bin"));
        let m = model.to_str().unwrap();
        let out = succeed(newsmill().args([
            "train", "ner", "--train", c, "--seeds", "1,2,3", "-o", m, "--epochs", "3",
        ]));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("averaged the models of 3 seeds"), "{err}");
        assert!(err.contains("seed 2: epoch 3"), "{err}");
        files.push(std::fs::read(&model).unwrap());
    }
    assert!(files[0] == files[1], "two runs wrote different models");
    let m = dir.path().join("a.bin");
    let found = entities_with_model(m.to_str().unwrap(), b"Travel\n\nMr Jones went to Rome.\n");
    assert!(found.contains(&("Jones".into(), "PER".into())), "{found:?}");
    assert!(found.contains(&("Rome".into(), "LOC".into())), "{found:?}");
}

/// A PLACE gazetteer (`--gazetteer PLACE=FILE`, e.g. the GeoNames towns
/// of plugins/ner/gazetteers) is a type the model learns the meaning of: a town
/// the training data never had, in a context that says nothing, is typed
/// by what the listed towns were in training.
#[test]
fn a_place_gazetteer_types_towns_the_training_data_never_had() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.conll");
    std::fs::write(&train, waits_conll()).unwrap();
    let places = dir.path().join("places.txt");
    std::fs::write(&places, "# towns\nParis\nLondon\nRome\nLima\n").unwrap();
    let model = dir.path().join("p.bin");
    let (t, m) = (train.to_str().unwrap(), model.to_str().unwrap());
    let gaz = format!("PLACE={}", places.to_str().unwrap());
    let out = succeed(newsmill().args([
        "train",
        "ner",
        "--train",
        t,
        "--gazetteer",
        &gaz,
        "-o",
        m,
        "--epochs",
        "5",
    ]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gazetteer PLACE: 4 entries"), "{err}");
    let found = entities_with_model(m, b"Notes\n\nLima waits.\n");
    assert!(found.contains(&("Lima".into(), "LOC".into())), "{found:?}");
    // A type the tagger does not know is refused, naming the ones it does.
    let out = newsmill()
        .args([
            "train",
            "ner",
            "--train",
            t,
            "--gazetteer",
            "TOWN=x.txt",
            "-o",
            m,
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("BRAND or PLACE"), "{err}");
}

#[test]
fn unseen_names_count_only_mentions_the_training_file_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.conll");
    std::fs::write(&train, tiny_conll()).unwrap();
    // Two documents: one with the training names, one with a person and a
    // place the training file never had.
    let test = dir.path().join("test.conll");
    std::fs::write(
        &test,
        "-DOCSTART- -X- O O\n\nMr NNP I-NP O\nSmith NNP I-NP I-PER\nwent VBD I-VP O\nto TO I-PP O\nParis NNP I-NP I-LOC\n. . O O\n\n\
         -DOCSTART- -X- O O\n\nMr NNP I-NP O\nAdams NNP I-NP I-PER\nwent VBD I-VP O\nto TO I-PP O\nLima NNP I-NP I-LOC\n. . O O\n\n",
    )
    .unwrap();
    let model = dir.path().join("tiny.bin");
    let (t, m) = (train.to_str().unwrap(), model.to_str().unwrap());
    succeed(newsmill().args(["train", "ner", "--train", t, "-o", m, "--epochs", "3"]));
    let j = eval_json(&[
        "eval",
        "ner",
        "--conll",
        test.to_str().unwrap(),
        "--model",
        m,
        "--seen",
        t,
        "--json",
    ]);
    assert_eq!(j["ner"]["overall"]["gold"], 4, "{j}");
    let u = &j["unseen"];
    assert_eq!(u["overall"]["gold"], 2, "{j}");
    assert_eq!(u["PER"]["gold"], 1, "{j}");
    assert_eq!(u["LOC"]["gold"], 1, "{j}");
    // Without --seen and no eng.train beside the file there is no table.
    let j = eval_json(&[
        "eval",
        "ner",
        "--conll",
        test.to_str().unwrap(),
        "--model",
        m,
        "--json",
    ]);
    assert!(j["unseen"].is_null(), "{j}");
}

#[test]
fn train_dev_tail_picks_epochs_on_a_slice_of_the_training_file() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train.conll");
    std::fs::write(&train, tiny_conll()).unwrap();
    let model = dir.path().join("tiny.bin");
    let (t, m) = (train.to_str().unwrap(), model.to_str().unwrap());
    let out = succeed(newsmill().args([
        "train",
        "ner",
        "--train",
        t,
        "--train-dev-tail",
        "0.25",
        "-o",
        m,
        "--epochs",
        "2",
    ]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the last 1 of 4 training documents"), "{err}");
    assert!(err.contains("training on 3 documents"), "{err}");
    assert!(model.exists());
    for bad in ["1.5", "0", "0.01"] {
        let out = newsmill()
            .args([
                "train",
                "ner",
                "--train",
                t,
                "--train-dev-tail",
                bad,
                "-o",
                m,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--train-dev-tail {bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--train-dev-tail"));
    }
}

#[test]
fn us_written_without_periods_is_the_country() {
    // Today's news writes "US" where the 1996 training data wrote "U.S.";
    // read as an acronym it was typed ORG.
    let out = run_with_stdin(
        &["process", "--format", "text", "-"],
        b"Markets\n\nShares in the US firm rose after US officials met. Sales in the US fell.\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = entities(&records(&out.stdout)[0]);
    let us: Vec<_> = found.iter().filter(|(t, _)| t == "US").collect();
    assert_eq!(us.len(), 3, "{found:?}");
    assert!(us.iter().all(|(_, l)| l == "LOC"), "{found:?}");
}

#[test]
fn missing_model_is_a_usage_error_before_input_is_read() {
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "--set",
            "ner.model=/nonexistent/ner.bin",
            "-",
        ],
        b"Title\n\nText.\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ner.model") && err.contains("/nonexistent/ner.bin"),
        "{err}"
    );
}

#[test]
fn arbitrary_text_gives_valid_entities_and_no_errors() {
    // Deterministic pseudo-random texts mixing names, capitals, digits,
    // punctuation, curly quotes and multi-byte letters.
    let pieces = [
        "Paris",
        "LONDON",
        "Müller",
        "São Paulo",
        "Ünal",
        "the",
        "of",
        "said",
        "\u{201c}",
        "\u{201d}",
        "'s",
        "-",
        "1996-08-30",
        "(Reuters)",
        ".",
        ",",
        "\n",
        "\n\n",
        "Jean-Luc",
        "U.S.",
        "ÉCOLE",
        "Москва",
        "東京",
        "🙂",
        "BBC",
        "Mr",
        "&",
        "Co",
        "INC",
        "  ",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lines = String::new();
    for _ in 0..300 {
        let mut text = String::new();
        let len = (state % 60) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            if !state.is_multiple_of(3) {
                text.push(' ');
            }
        }
        lines.push_str(&serde_json::json!({ "text": text }).to_string());
        lines.push('\n');
    }
    // Whatever language the detector makes of the noise, ner runs on it.
    let out = run_with_stdin(
        &["process", "-", "--set", "ner.languages=*"],
        lines.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 300);
    for r in &recs {
        let text: Vec<char> = r["text"].as_str().unwrap_or("").chars().collect();
        if r["status"] == "error" {
            // Only empty input may be an error record.
            assert_eq!(r["errors"][0]["code"], "empty", "{r}");
            continue;
        }
        for a in r["ner"].as_array().unwrap() {
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= text.len(), "{a}");
            assert!(["PER", "ORG", "LOC", "MISC"].contains(&a["label"].as_str().unwrap()));
        }
    }
}

#[test]
fn eval_output_is_conll_with_a_prediction_column() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("tiny.conll");
    std::fs::write(&conll, tiny_conll()).unwrap();
    let pred = dir.path().join("pred.conll");
    succeed(
        newsmill()
            .args(["eval", "ner", "--conll"])
            .arg(&conll)
            .arg("--output")
            .arg(&pred),
    );
    let text = std::fs::read_to_string(&pred).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .map(|l| l.split(' ').collect())
        .collect();
    assert_eq!(rows.len(), 4 * 3 * 6);
    assert!(rows.iter().all(|r| r.len() == 5));
    // The embedded model finds the person and the place.
    assert_eq!(rows[1][4], "B-PER", "{:?}", rows[1]);
    assert_eq!(rows[4][4], "B-LOC", "{:?}", rows[4]);
}

/// Courtesy titles stay outside the name, as CoNLL annotates them: British
/// news writes "Mr Blair" without a period, which the 1996 data rarely has.
#[test]
fn courtesy_titles_are_not_part_of_the_name() {
    let text = "Blair defends policy\n\nMr Blair told MPs on Tuesday that Mrs Thatcher had been wrong, and Dr Fox agreed.\n";
    let out = run_with_stdin(&["process", "--format", "text", "-"], text.as_bytes());
    let found = entities(&records(&out.stdout)[0]);
    let people: Vec<&str> = found
        .iter()
        .filter(|(_, l)| l == "PER")
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(people.contains(&"Thatcher"), "{found:?}");
    assert!(people.contains(&"Fox"), "{found:?}");
    assert!(
        people
            .iter()
            .all(|p| !p.starts_with("Mr") && !p.starts_with("Dr")),
        "{found:?}"
    );
}

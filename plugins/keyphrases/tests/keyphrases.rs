//! The extractor on text written here, as a user sees its output, and the
//! KPCrowd evaluation on the real corpus when it is present.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use newsmill_core::{AnalyzeOptions, Annotation, Article, AttrKind, Doc, Vocab};
use newsmill_keyphrases::Keyphrases;
use newsmill_sdk::{DocView, Extractor, HostSink, Setup};

/// (phrase, covered text, score, rank) of each annotation, in order.
fn run_on(
    doc: &mut Doc,
    vocab: &mut Vocab,
    config: serde_json::Value,
) -> Vec<(String, String, f64, f64)> {
    let layer = vocab.intern("keyphrases");
    let kp = Keyphrases::create(&mut Setup::new(&config, vocab)).unwrap();
    let mut sink = HostSink::new(doc, layer, vocab.len());
    kp.process(&DocView::from_doc(doc), &mut sink.emitter(&doc.text))
        .unwrap();
    sink.append_to(doc);
    let (phrase, score, rank) = (
        vocab.get("phrase").unwrap(),
        vocab.get("score").unwrap(),
        vocab.get("rank").unwrap(),
    );
    doc.annotations
        .iter()
        .filter(|a| a.layer == layer)
        .map(|a| {
            let attrs = &doc.attrs[a.attr_start as usize..a.attr_end as usize];
            let get = |k: u32| attrs.iter().find(|x| x.key == k).unwrap();
            let p = get(phrase);
            assert_eq!(p.kind, AttrKind::STR);
            (
                doc.strings[p.a as usize..p.b as usize].to_string(),
                doc.text[a.start as usize..a.end as usize].to_string(),
                get(score).num,
                get(rank).int_value().unwrap_or(-1) as f64,
            )
        })
        .collect()
}

fn run(text: &str, config: serde_json::Value) -> Vec<(String, String, f64, f64)> {
    let mut doc = Doc::analyze(Article::from_text("t", text), &AnalyzeOptions::default());
    run_on(&mut doc, &mut Vocab::default(), config)
}

const ARTICLE: &str = "Bank of England raises interest rates to curb inflation\n\n\
The Bank of England raised interest rates on Thursday for the first time in three years, \
as inflation climbed to its highest level since 2008.\n\n\
The Monetary Policy Committee voted seven to two to lift the base rate to 0.75%. \
Governor Mark Carney said inflation would fall back next year, but that higher interest rates \
were needed to keep prices in check.\n\n\
Mortgage holders will see their monthly payments rise. Savers, who have earned little on their \
deposits since the financial crisis, welcomed the rise. Mark Carney said further rises would be gradual.";

#[test]
fn finds_what_the_story_is_about() {
    let found = run(ARTICLE, serde_json::json!({}));
    let phrases: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(found.len(), 10, "{phrases:?}");
    for want in [
        "Bank of England",
        "interest rates",
        "inflation",
        "Mark Carney",
    ] {
        assert!(phrases.contains(&want), "{want:?} missing from {phrases:?}");
    }
    // Function words and reporting verbs never stand alone.
    for never in ["the", "said", "would", "since"] {
        assert!(!phrases.contains(&never), "{never:?} in {phrases:?}");
    }
    // Ranks count from 1, scores fall.
    for (i, f) in found.iter().enumerate() {
        assert_eq!(f.3, (i + 1) as f64);
    }
    assert!(found.windows(2).all(|w| w[0].2 >= w[1].2), "{found:?}");
    // Each annotation covers the first occurrence: the headline's.
    let bank = found.iter().find(|f| f.0 == "Bank of England").unwrap();
    assert_eq!(bank.1, "Bank of England");
}

#[test]
fn top_is_configurable_and_spans_are_first_occurrences() {
    let found = run(ARTICLE, serde_json::json!({"top": 3}));
    assert_eq!(found.len(), 3);
    let mut doc = Doc::analyze(Article::from_text("t", ARTICLE), &AnalyzeOptions::default());
    let mut vocab = Vocab::default();
    let found = run_on(&mut doc, &mut vocab, serde_json::json!({"top": 20}));
    assert!(found.len() > 10);
    for a in doc.annotations.iter() {
        let covered = &doc.text[a.start as usize..a.end as usize];
        let first = doc
            .text
            .to_lowercase()
            .find(&covered.to_lowercase())
            .unwrap();
        assert_eq!(
            first, a.start as usize,
            "{covered:?} is not the first occurrence"
        );
    }
}

#[test]
fn stems_group_word_forms_and_names_keep_their_case() {
    let text = "Elections in Kenya\n\n\
                Kenya holds elections on Monday. The election is the first since violence followed \
                the last election in Kenya. Observers from the African Union will watch the elections.";
    let found = run(text, serde_json::json!({"top": 5}));
    let phrases: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    // "Elections", "election" and "elections" are one candidate.
    let forms = ["election", "elections", "Elections"];
    assert_eq!(
        phrases.iter().filter(|p| forms.contains(p)).count(),
        1,
        "{phrases:?}"
    );
    assert!(phrases.contains(&"elections"), "{phrases:?}");
    assert!(phrases.contains(&"Kenya"), "{phrases:?}");
}

#[test]
fn bad_config_is_refused_at_create() {
    let mut vocab = Vocab::default();
    let config = serde_json::json!({"top": "many"});
    assert!(Keyphrases::create(&mut Setup::new(&config, &mut vocab)).is_err());
    let config = serde_json::json!({"max_words": 9});
    assert!(Keyphrases::create(&mut Setup::new(&config, &mut vocab)).is_err());
}

#[test]
fn odd_input_gives_few_or_no_phrases_and_never_fails() {
    for text in [
        "",
        "\n\n\n",
        "Title only",
        "!!! ??? ...\n\n--- *** 12 34 %%%",
        "the of and\n\nand the of to in it is was.",
        "Ünïcödé Çafé\n\nÇafé ÜNÏCÖDÉ çafé — “quoted” ‘words’ ΑΘΗΝΑ Αθήνα Москва москва 東京 東京.",
    ] {
        let found = run(text, serde_json::json!({}));
        assert!(found.len() <= 10);
        for f in &found {
            assert!(!f.0.is_empty());
        }
    }
    let found = run(
        "the of and\n\nand the of to in it is was.",
        serde_json::json!({}),
    );
    assert!(found.is_empty(), "{found:?}");
    let found = run("Title only", serde_json::json!({}));
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["title"],
        "a headline's first word is no name"
    );
}

#[test]
fn named_entities_of_an_ner_layer_are_used_when_present() {
    let text = "Talks resume\n\n\
                Negotiators met in Geneva again. The talks on the nuclear programme resumed after \
                a pause. Wang Yi led one delegation; talks continue on Friday.";
    let mut doc = Doc::analyze(Article::from_text("t", text), &AnalyzeOptions::default());
    let mut vocab = Vocab::default();
    let ner = vocab.intern("ner");
    let start = text.find("Wang Yi").unwrap() as u32;
    doc.annotations.push(Annotation {
        start,
        end: start + 7,
        layer: ner,
        label: vocab.intern("PER"),
        score: 1.0,
        attr_start: 0,
        attr_end: 0,
    });
    let with = run_on(&mut doc, &mut vocab, serde_json::json!({}));
    let without = run(text, serde_json::json!({}));
    let rank_of = |v: &[(String, String, f64, f64)]| v.iter().position(|f| f.0 == "Wang Yi");
    let with_rank = rank_of(&with).unwrap_or_else(|| panic!("{with:?}"));
    assert!(
        rank_of(&without).is_none_or(|r| r >= with_rank),
        "{with:?} vs {without:?}"
    );
}

const GERMAN: &str = "Bundestag beschließt neues Klimagesetz\n\n\
Der Bundestag hat am Donnerstag in Berlin ein neues Klimagesetz beschlossen. \
Das Klimagesetz soll den Ausstoß von Treibhausgasen bis 2030 deutlich senken.\n\n\
Die Opposition kritisierte das Klimagesetz als zu schwach. Umweltverbände fordern \
strengere Ziele für den Verkehr und die Industrie, denn der Verkehr verfehlt seine Ziele seit Jahren.\n\n\
Die Industrie begrüßte dagegen die Förderung von Wasserstoff. Der Wasserstoff soll \
vor allem in der Stahlindustrie eingesetzt werden.";

const FRENCH: &str = "Le gouvernement présente sa réforme des retraites\n\n\
Le gouvernement a présenté mardi à Paris sa réforme des retraites. \
La réforme repousse l'âge légal de départ à la retraite de deux ans.\n\n\
Les syndicats dénoncent une réforme injuste et appellent à la grève jeudi. \
Selon les syndicats, la grève touchera les transports et les écoles.\n\n\
Le Premier ministre a défendu la réforme devant les députés. Les retraites \
seront financées sans hausse des impôts, a-t-il assuré.";

#[test]
fn german_and_french_with_their_own_stop_words_and_stems() {
    for (text, lang, wanted, never) in [
        (
            GERMAN,
            "de",
            &["klimagesetz", "bundestag", "wasserstoff"][..],
            &["der", "die", "das", "soll", "von", "und", "denn"][..],
        ),
        (
            FRENCH,
            "fr",
            &["réforme", "retraites", "syndicats", "gouvernement"][..],
            &["le", "la", "les", "des", "sans", "selon", "sont"][..],
        ),
    ] {
        let mut doc = Doc::analyze(Article::from_text("t", text), &AnalyzeOptions::default());
        assert_eq!(doc.language_code(), Some(lang));
        let found = run_on(
            &mut doc,
            &mut Vocab::default(),
            serde_json::json!({"top": 6}),
        );
        let phrases: Vec<String> = found.iter().map(|f| f.0.to_lowercase()).collect();
        for w in wanted {
            assert!(
                phrases.iter().any(|p| p.contains(w)),
                "{lang}: {w:?} missing from {phrases:?}"
            );
        }
        for n in never {
            assert!(
                !phrases.iter().any(|p| p == n
                    || p.starts_with(&format!("{n} "))
                    || p.ends_with(&format!(" {n}"))),
                "{lang}: {n:?} in {phrases:?}"
            );
        }
    }
}

//! Articles in six languages, written for this test, through `newsmill
//! process`: each is read as its language, the English-only layers say
//! `skipped` instead of emitting, dates and quotations are found in German,
//! French and Spanish, and unspaced scripts get words and sentences.

use crate::common::{records, run_with_stdin};
use serde_json::Value;

const ARTICLES: &[(&str, &str)] = &[
    (
        "de",
        "Bundestag beschließt Klimagesetz\n\nDer Bundestag hat am Donnerstag, dem 14. März 2024, das neue Klimagesetz beschlossen. „Das ist ein guter Tag für das Klima“, sagte die Ministerin. Die Opposition kündigte eine Klage in Karlsruhe an.",
    ),
    (
        "fr",
        "Le maire de Lyon présente son budget\n\nLe conseil municipal a voté le budget le 12 mars 2024. « Nous investissons dans les écoles et les transports », a déclaré le maire. La séance a duré quatre heures.",
    ),
    (
        "es",
        "El Gobierno aprueba el presupuesto\n\nEl Consejo de Ministros aprobó ayer el presupuesto del próximo año. «Es un presupuesto para la mayoría», dijo la ministra. El Congreso votará el 3 de abril de 2024.",
    ),
    (
        "ru",
        "Правительство утвердило бюджет\n\nВ четверг правительство утвердило новый бюджет на следующий год. Министр финансов заявил, что расходы на образование вырастут. Депутаты обсудят документ на следующей неделе.",
    ),
    (
        "zh",
        "政府公布新预算\n\n政府周四公布了明年的新预算。财政部长表示，教育支出将会增加。议会将在下周讨论这份文件。",
    ),
    (
        "ja",
        "政府が新しい予算を発表\n\n政府は木曜日に来年度の新しい予算を発表した。財務大臣は教育への支出が増えると述べた。国会は来週この文書を審議する。",
    ),
    (
        "en",
        "Council approves budget\n\nThe city council approved the budget on Thursday. \"This is a good day for our schools,\" said Mayor Ann Fischer. The vote was 9 to 2.",
    ),
];

fn run() -> Vec<Value> {
    let input: String = ARTICLES
        .iter()
        .map(|(id, text)| {
            serde_json::json!({"id": id, "text": text, "date": "2024-03-15"}).to_string() + "\n"
        })
        .collect();
    let out = run_with_stdin(&["process", "-", "--tokens"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("languages: de 1, en 1, es 1, fr 1, ja 1, ru 1, zh 1"),
        "{stderr}"
    );
    records(&out.stdout)
}

fn texts<'a>(rec: &'a Value, layer: &str) -> Vec<&'a str> {
    rec[layer]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["text"].as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn each_article_is_read_as_its_language_and_english_only_layers_are_skipped() {
    let recs = run();
    assert_eq!(recs.len(), ARTICLES.len());
    for (rec, (code, _)) in recs.iter().zip(ARTICLES) {
        assert_eq!(rec["language"]["code"], *code, "{}", rec["language"]);
        assert_eq!(rec["language"]["reliable"], true, "{code}");
        assert_eq!(rec["status"], "ok", "{code}");
        let skipped = rec["skipped"].as_object();
        if *code == "en" {
            assert!(skipped.is_none_or(|s| s.is_empty()), "{code}: {skipped:?}");
            assert!(!texts(rec, "ner").is_empty());
            continue;
        }
        let skipped = skipped.unwrap_or_else(|| panic!("{code}: nothing skipped"));
        let mut english_only = vec!["ner", "entities"];
        if ["de", "fr", "es", "ru"].contains(code) {
            // Keyphrases with the language's stop words and stemmer.
            assert!(
                !texts(rec, "keyphrases").is_empty(),
                "{code}: no keyphrases"
            );
        } else {
            english_only.push("keyphrases");
        }
        if !["de", "fr", "es"].contains(code) {
            english_only.extend(["dates", "quotes"]);
        }
        for name in english_only {
            // Skipped, with the reason, and no output at all.
            let why = skipped[name].as_str().unwrap_or("");
            assert!(
                why.contains(&format!("language {code} not supported")),
                "{code} {name}: {why:?}"
            );
            assert!(
                rec.get(name).is_none(),
                "{code}: {name} emitted {}",
                rec[name]
            );
        }
        // Language-neutral counts run everywhere; readability is English only.
        assert!(rec["stats"][0]["words"].as_u64().unwrap() > 10, "{code}");
        assert!(
            rec["stats"][0].get("flesch_reading_ease").is_none(),
            "{code}"
        );
        // Title and three body sentences.
        assert_eq!(rec["sentences"].as_array().unwrap().len(), 4, "{code}");
    }
}

#[test]
fn dates_and_quotes_in_german_french_and_spanish() {
    let recs = run();
    let by = |code: &str| recs.iter().find(|r| r["id"] == code).unwrap();
    let values = |code: &str| -> Vec<(String, String)> {
        by(code)["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["text"].as_str().unwrap().to_string(),
                    d["value"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let has = |code: &str, text: &str, value: &str| {
        let v = values(code);
        assert!(
            v.iter().any(|(t, x)| t == text && x == value),
            "{code}: {v:?}"
        );
    };
    // Article date Friday 15 March 2024.
    has("de", "Donnerstag", "2024-03-14");
    has("de", "14. März 2024", "2024-03-14");
    has("fr", "12 mars 2024", "2024-03-12");
    has("es", "ayer", "2024-03-14");
    has("es", "3 de abril de 2024", "2024-04-03");

    for (code, content, cue, speaker) in [
        (
            "de",
            "Das ist ein guter Tag für das Klima",
            "sagte",
            "die Ministerin",
        ),
        (
            "fr",
            "Nous investissons dans les écoles",
            "a déclaré",
            "le maire",
        ),
        (
            "es",
            "Es un presupuesto para la mayoría",
            "dijo",
            "la ministra",
        ),
    ] {
        let q = &by(code)["quotes"];
        assert_eq!(q.as_array().map(Vec::len), Some(1), "{code}: {q}");
        assert!(
            q[0]["text"].as_str().unwrap().contains(content),
            "{code}: {q}"
        );
        assert_eq!(q[0]["label"], "direct");
        assert_eq!(q[0]["cue"]["text"], cue, "{code}");
        assert_eq!(q[0]["speaker"]["text"], speaker, "{code}");
    }
}

#[test]
fn unspaced_scripts_are_split_into_words() {
    let recs = run();
    let tokens = |code: &str| -> Vec<String> {
        let r = recs.iter().find(|r| r["id"] == code).unwrap();
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        r["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let (s, e) = (
                    t["start"].as_u64().unwrap() as usize,
                    t["end"].as_u64().unwrap() as usize,
                );
                text[s..e].iter().collect()
            })
            .collect()
    };
    let zh = tokens("zh");
    assert_eq!(&zh[..4], ["政府", "公布", "新", "预算"]);
    assert!(zh.iter().any(|t| t == "教育") && zh.iter().any(|t| t == "。"));
    let ja = tokens("ja");
    assert_eq!(&ja[..6], ["政府", "が", "新しい", "予算", "を", "発表"]);
}

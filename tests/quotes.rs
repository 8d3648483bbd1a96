//! Entities and quotes end to end, in process: the quotations of a real
//! news article with their speakers resolved to entities, and the PolNeAR
//! dev floors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use newsmill::core::{Article, RecordOptions};
use newsmill::engine::Pipeline;
use newsmill_plugin::host::Builtin;
use serde_json::Value;

/// Sentences quoted from ../shared/data/samples/durov-arrest.txt.
const DUROV: &str = "Russia Claims Telegram Boss Durov\u{2019}s Independence Led to His Arrest

Moscow: Pavel Durov, the founder of Telegram who was recently detained in France, is facing scrutiny due to his \u{201c}too free\u{201d} management style, according to Russian Foreign Minister Sergei Lavrov.

Russia has strongly supported Durov, especially after enduring years of pressure on him and his technological ventures. Kremlin spokesman Dmitry Peskov assured last week that there were no direct negotiations between the Kremlin and Durov regarding the case.

\u{201c}Pavel Durov was too free,\u{201d} Lavrov remarked. \u{201c}He didn\u{2019}t heed Western advice on moderating his brainchild.\u{201d}

\u{201c}The main thing is that what is happening in France does not turn into political persecution,\u{201d} Peskov stated.
";

fn pipeline() -> Pipeline {
    Pipeline::builder()
        .extractor(Box::new(Builtin::<newsmill_ner::Ner>::new()))
        .extractor(Box::new(Builtin::<newsmill_entities::Entities>::new()))
        .extractor(Box::new(Builtin::<newsmill_quotes::Quotes>::new()))
        .record(RecordOptions::default())
        .build()
        .unwrap()
}

fn record(text: &str) -> Value {
    let r = pipeline().process(Article::from_text("durov", text));
    serde_json::to_value(&r).unwrap()
}

fn quote<'a>(rec: &'a Value, needle: &str) -> &'a Value {
    rec["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?} in {:#}", rec["quotes"]))
}

#[test]
fn durov_quotes_and_speakers() {
    let rec = record(DUROV);
    let lavrov = quote(&rec, "Pavel Durov was too free");
    assert_eq!(lavrov["label"], "direct");
    assert_eq!(lavrov["speaker"]["text"], "Lavrov");
    assert_eq!(lavrov["cue"]["text"], "remarked");
    assert_eq!(lavrov["speaker_name"], "Sergei Lavrov");
    // The split quotation is one quotation over both parts.
    assert!(
        lavrov["text"]
            .as_str()
            .unwrap()
            .ends_with("brainchild.\u{201d}")
    );

    let peskov = quote(&rec, "The main thing is");
    assert_eq!(peskov["label"], "direct");
    assert_eq!(peskov["speaker_name"], "Dmitry Peskov");

    let assured = quote(&rec, "there were no direct negotiations");
    assert_eq!(assured["label"], "indirect");
    assert_eq!(assured["cue"]["text"], "assured");
    assert_eq!(assured["speaker_name"], "Dmitry Peskov");

    let according = quote(&rec, "is facing scrutiny");
    assert_eq!(according["cue"]["text"], "according to");
    assert_eq!(according["speaker_name"], "Sergei Lavrov");
    // "too free" is a scare quote inside reported speech: mixed, and not
    // a quotation of its own.
    assert_eq!(according["label"], "mixed");
    assert!(
        rec["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["text"] != "\u{201c}too free\u{201d}")
    );

    // The speaker entities are the ones the entities layer lists.
    let ents = rec["entities"].as_array().unwrap();
    let id_of = |name: &str| {
        ents.iter()
            .find(|e| e["name"] == name)
            .map(|e| e["entity"].clone())
            .unwrap()
    };
    assert_eq!(lavrov["entity"], id_of("Sergei Lavrov"));
    assert_eq!(assured["entity"], id_of("Dmitry Peskov"));
    // "Durov" and "Pavel Durov" are one entity.
    let durov: Vec<&Value> = ents.iter().filter(|e| e["name"] == "Pavel Durov").collect();
    assert!(durov.len() >= 3, "{durov:?}");
    assert!(durov.iter().any(|e| e["text"] == "Durov"));
}

#[test]
fn pronouns_and_roles_resolve() {
    let text = "Talks stall\n\nGerman Chancellor Angela Merkel met Dmitry Peskov, the Kremlin spokesman, in Berlin.\n\n\u{201c}We will not give in,\u{201d} she said.\n\nThe spokesman said that Moscow had made no offer.\n";
    let rec = record(text);
    assert_eq!(
        quote(&rec, "We will not give in")["speaker_name"],
        "Angela Merkel"
    );
    assert_eq!(
        quote(&rec, "Moscow had made no offer")["speaker_name"],
        "Dmitry Peskov"
    );
}

#[test]
fn stance_verbs_noun_cues_and_dash_speakers() {
    let text = "Budget vote\n\nSenator Jane Doe (D-Md.) criticized the new budget plan, saying it cut too deep.\n\nHer claim that the cuts would close schools was disputed by the mayor.\n\n\u{201c}We will fight this in every committee.\u{201d} \u{2015} Jane Doe\n";
    let rec = record(text);
    let criticized = quote(&rec, "the new budget plan");
    assert_eq!(criticized["text"], "the new budget plan");
    assert_eq!(criticized["cue"]["text"], "criticized");
    assert_eq!(criticized["speaker"]["text"], "Senator Jane Doe");
    let claim = quote(&rec, "the cuts would close schools");
    assert_eq!(claim["cue"]["text"], "claim");
    assert_eq!(claim["speaker"]["text"], "Her");
    let fight = quote(&rec, "We will fight this");
    assert_eq!(fight["label"], "direct");
    assert_eq!(fight["speaker"]["text"], "Jane Doe");
}

#[test]
fn fronted_fragments_and_plural_nouns() {
    let text = "Race tightens\n\nThe new ad is a \u{201c}very costly gamble,\u{201d} Maria Lopez said in an interview.\n\nThe party won 30 states with a record turnout.\n";
    let rec = record(text);
    let gamble = quote(&rec, "very costly gamble");
    assert_eq!(gamble["label"], "mixed");
    assert!(
        gamble["text"]
            .as_str()
            .unwrap()
            .starts_with("The new ad is a"),
        "{gamble:#}"
    );
    assert_eq!(gamble["speaker"]["text"], "Maria Lopez");
    let quotes = rec["quotes"].as_array().unwrap();
    assert!(
        quotes.iter().all(|q| q["text"] != "with a record turnout"),
        "{quotes:#?}"
    );
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
}

#[test]
fn nouns_of_stance_with_a_preposition() {
    let rec = record(
        "Farm bill\n\nThe governor repeated his support for the new water rules on Monday.\n",
    );
    let support = quote(&rec, "the new water rules");
    assert_eq!(support["text"], "the new water rules on Monday");
    assert_eq!(support["cue"]["text"], "support");
    assert_eq!(support["speaker"]["text"], "his");
}

#[test]
fn a_cue_word_inside_a_name_is_no_cue() {
    let rec = record(
        "Trade talks\n\nThe United States began new talks with Canada on Monday. \
         Officials said the talks would last a week.\n",
    );
    let quotes = rec["quotes"].as_array().unwrap();
    assert!(
        quotes
            .iter()
            .all(|q| q["speaker"]["text"] != "The United" && q["cue"]["text"] != "States"),
        "{quotes:#?}"
    );
    let week = quote(&rec, "the talks would last a week");
    assert_eq!(week["speaker"]["text"], "Officials");
}

#[test]
fn scare_quotes_are_not_quotations() {
    let rec = record(
        "Title\n\nThe so-called \u{201c}deal\u{201d} was signed on Monday by both \u{201c}sides\u{201d} in Paris.\n",
    );
    assert_eq!(
        rec["quotes"].as_array().unwrap().len(),
        0,
        "{:#}",
        rec["quotes"]
    );
}

#[test]
fn polnear_dev_floors() {
    let Some(dir) = common::data("polnear/dev") else {
        return;
    };
    let docs = newsmill_eval::polnear::read_dir(&dir).unwrap();
    let p = pipeline();
    let vocab = p.vocab();
    let (layer, speaker, direct) = (
        vocab.get("quotes").unwrap(),
        vocab.get("speaker").unwrap(),
        vocab.get("direct").unwrap(),
    );
    let preds: Vec<Vec<newsmill_eval::polnear::Predicted>> = docs
        .iter()
        .map(|d| {
            let doc = p.analyse(Article::from_text(d.name.clone(), d.text.clone()));
            doc.annotations
                .iter()
                .filter(|a| a.layer == layer)
                .map(|a| newsmill_eval::polnear::Predicted {
                    content: (a.start as usize, a.end as usize),
                    speaker: doc.attrs[a.attr_start as usize..a.attr_end as usize]
                        .iter()
                        .find(|x| x.key == speaker)
                        .map(|x| (x.a as usize, x.b as usize)),
                    direct: a.label == direct,
                })
                .collect()
        })
        .collect();
    let r = newsmill_eval::polnear::score(&docs, &preds);
    println!("{}", r.table());
    // Issue 5's targets: all attributions F1 >= 75, direct F1 >= 90;
    // issue 17's: all attributions F1 >= 78 and the right speaker for >=
    // 93% of direct quotations (overlap match). Rules are tuned on train
    // only; dev is read once a change is decided.
    assert!(r.overlap.f1 >= 0.78, "{}", r.table());
    assert!(
        r.direct.f1 >= 0.90 && r.direct_speaker_accuracy() >= 0.93,
        "{}",
        r.table()
    );
    assert!(r.direct.recall >= 0.90, "{}", r.table());
}

#[test]
fn appositive_names_and_post_modifiers_give_the_speaker() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/article.txt"))
        .unwrap();
    let rec = record(&text);
    let haskins = quote(&rec, "look at every legal option");
    assert_eq!(haskins["speaker"]["text"], "Tom Haskins");
    assert_eq!(haskins["speaker_name"], "Tom Haskins");
    let reyes = quote(&rec, "the barrier would protect about 40,000 homes");
    assert_eq!(reyes["speaker_name"], "Samuel Reyes");
    assert!(
        reyes["speaker"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Dr. Samuel Reyes"),
        "{reyes:#}"
    );
}

#[test]
fn adverbs_are_no_speakers_and_places_no_content() {
    let rec = record(
        "Telecoms\n\nMr Ebbers, 63, has always insisted that he knew nothing of the fraud. \
         Lavrov, speaking at Moscow's prestigious MGIMO University, suggested that the arrest was political.",
    );
    let ebbers = quote(&rec, "he knew nothing of the fraud");
    assert_ne!(ebbers["speaker"]["text"], "always", "{ebbers:#}");
    let quotes = rec["quotes"].as_array().unwrap();
    assert!(
        !quotes
            .iter()
            .any(|q| q["text"].as_str().unwrap().starts_with("at Moscow")),
        "{quotes:#?}"
    );
    assert_eq!(
        quote(&rec, "the arrest was political")["speaker"]["text"],
        "Lavrov"
    );
}

/// `entity_list` gives each entity once, in entity-number order, and its
/// counts agree with the per-mention `entities` and with `quotes`.
#[test]
fn entity_list_gives_each_entity_once_with_its_mentions_and_quotes() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/article.txt"),
    )
    .unwrap();
    let pipeline = Pipeline::builder()
        .extractor(Box::new(Builtin::<newsmill_ner::Ner>::new()))
        .extractor(Box::new(Builtin::<newsmill_entities::Entities>::new()))
        .extractor(Box::new(Builtin::<newsmill_quotes::Quotes>::new()))
        .extractor(Box::new(Builtin::<newsmill_entity_list::EntityList>::new()))
        .record(RecordOptions::default())
        .build()
        .unwrap();
    let rec = serde_json::to_value(pipeline.process(Article::from_text("a", &text))).unwrap();
    let list = rec["entity_list"].as_array().unwrap();
    let count = |layer: &str, e: u64| {
        rec[layer]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["entity"].as_u64() == Some(e))
            .count() as u64
    };
    assert!(list.len() >= 5);
    for (i, g) in list.iter().enumerate() {
        let e = g["entity"].as_u64().unwrap();
        assert_eq!(e, i as u64);
        assert_eq!(g["mentions"].as_u64(), Some(count("entities", e)), "{g}");
        assert_eq!(g["quotes"].as_u64(), Some(count("quotes", e)), "{g}");
        assert_eq!(g["text"], g["name"]);
    }
    let by_name = |n: &str| list.iter().find(|g| g["name"] == n).unwrap();
    assert_eq!(by_name("Tom Haskins")["label"], "PER");
    assert_eq!(by_name("Tom Haskins")["quotes"], 1);
    assert_eq!(by_name("Samuel Reyes")["quotes"], 1);
    assert!(by_name("Margaret O'Neill")["quotes"].as_u64().unwrap() >= 2);
    assert_eq!(list[0]["salience"], 1.0);
}

/// Over the BBC corpus: "saw", "sees" and "posted" are cues only where
/// they state a view or a message ("sees the deal as", "saw that"), not
/// where something is seen or published ("its film division saw profits
/// slump", "posted a loss"): under 25 such cues in 2,225 articles, where
/// the word list alone gave about 150.
#[test]
fn seeing_and_posting_are_cues_only_with_a_view() {
    let Some(records) = bbc_quotes() else {
        return;
    };
    let mut seen = Vec::new();
    for r in records {
        for q in r["quotes"].as_array().into_iter().flatten() {
            let cue = q["cue"]["text"].as_str().unwrap_or("").to_lowercase();
            if ["saw", "sees", "see", "posted"].contains(&cue.as_str()) {
                seen.push(q["text"].as_str().unwrap_or("").to_string());
            }
        }
    }
    assert!(seen.len() < 25, "{} cues: {seen:#?}", seen.len());
    assert!(
        !seen.iter().any(|c| c.starts_with("profits slump")),
        "{seen:#?}"
    );
}

/// Words that never end a noun phrase: articles, prepositions,
/// conjunctions, auxiliaries, negations and common adverbs.
const NOT_NP_END: &[&str] = &[
    "a", "about", "after", "again", "against", "already", "also", "always", "amid", "among", "an",
    "and", "are", "at", "be", "been", "before", "between", "but", "by", "can", "could", "despite",
    "did", "do", "does", "during", "even", "every", "for", "from", "had", "has", "have", "however",
    "in", "into", "is", "just", "may", "might", "must", "n't", "n’t", "never", "no", "not", "of",
    "on", "only", "or", "over", "should", "still", "the", "through", "to", "too", "under", "was",
    "were", "will", "with", "without", "would",
];

/// Why a speaker phrase is no noun phrase, if it is not: it ends on a
/// word of [`NOT_NP_END`], an adverb in -ly or a quantifier after other
/// words ("won several"), or it is one lower-case word that could be a
/// verb or an adjective (no pronoun, possessive or plural) right after a
/// preposition, a form of "be", an auxiliary, a negation or an infinitive
/// "to" ("in tough talks", "has long wanted", "to hold talks"), or a
/// participle in -ed ("failed promises").
fn not_a_noun_phrase(before: &str, speaker: &str) -> Option<&'static str> {
    const LY_NOUNS: &[&str] = &[
        "ally",
        "anomaly",
        "assembly",
        "bully",
        "daily",
        "elderly",
        "family",
        "folly",
        "holly",
        "jelly",
        "monopoly",
        "monthly",
        "quarterly",
        "rally",
        "reply",
        "supply",
        "weekly",
    ];
    const QUANTIFIERS: &[&str] = &[
        "all", "both", "many", "more", "most", "other", "several", "some",
    ];
    const PRONOUNS: &[&str] = &[
        "a", "an", "every", "he", "her", "his", "i", "it", "its", "my", "our", "she", "that",
        "the", "their", "they", "this", "those", "we", "which", "who", "you", "your",
    ];
    const BEFORE_PREDICATE: &[&str] = &[
        "about", "after", "against", "am", "amid", "among", "are", "at", "be", "been", "before",
        "being", "between", "can", "could", "despite", "did", "do", "does", "during", "for", "had",
        "has", "have", "in", "into", "is", "may", "might", "must", "n't", "n’t", "not", "of", "on",
        "over", "should", "through", "under", "was", "were", "will", "with", "without", "would",
    ];
    let trim = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .to_string()
    };
    let words: Vec<String> = speaker
        .split_whitespace()
        .map(trim)
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.last()?;
    let lower = last.chars().next().is_some_and(char::is_lowercase);
    let low = last.to_lowercase();
    if lower && NOT_NP_END.contains(&low.as_str()) {
        return Some("ends on a function word");
    }
    if lower && low.len() > 4 && low.ends_with("ly") && !LY_NOUNS.contains(&low.as_str()) {
        return Some("ends on an adverb");
    }
    if lower && words.len() > 1 && QUANTIFIERS.contains(&low.as_str()) {
        return Some("ends on a quantifier");
    }
    let plural = low.ends_with('s') && !low.ends_with("ss");
    if words.len() == 1 && lower && !PRONOUNS.contains(&low.as_str()) && !plural {
        let prev: Vec<String> = before.split_whitespace().rev().take(2).map(trim).collect();
        let p = prev.first().map(|w| w.to_lowercase()).unwrap_or_default();
        let pp = prev.get(1).map(|w| w.to_lowercase()).unwrap_or_default();
        if BEFORE_PREDICATE.contains(&p.as_str())
            || p.ends_with("n't")
            || p.ends_with("n’t")
            || p == "to" && pp != "according"
        {
            return Some("an object or a predicate, not a subject");
        }
        if low.len() > 4 && low.ends_with("ed") {
            return Some("a participle");
        }
    }
    None
}

#[test]
fn the_noun_phrase_check_itself() {
    assert!(not_a_noun_phrase("Mr Ebbers, 63, has", "always").is_some());
    assert!(not_a_noun_phrase("Its strategy", "Citigroup away from its strategy of").is_some());
    assert!(not_a_noun_phrase("Trump has won", "won several").is_some());
    assert!(not_a_noun_phrase("spent 2004 in", "tough").is_some());
    assert!(not_a_noun_phrase("Euronext is due to", "hold").is_some());
    assert!(not_a_noun_phrase("", "Tom Haskins").is_none());
    assert!(not_a_noun_phrase("according to", "analysts").is_none());
    assert!(not_a_noun_phrase("Bad news, ", "his family").is_none());
    assert!(not_a_noun_phrase("Do", "you").is_none());
}

/// Over the BBC corpus, every speaker is a noun phrase: no adverb, stray
/// word or verb ("always", "firmly", "Wembley" after "from", "hold" in
/// "to hold talks") is ever a speaker.
#[test]
fn bbc_speakers_are_noun_phrases() {
    let Some(records) = bbc_quotes() else {
        return;
    };
    let (mut speakers, mut bad) = (0, Vec::new());
    for r in records {
        let text = r["text"].as_str().unwrap_or("");
        // Output offsets count characters.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        for q in r["quotes"].as_array().into_iter().flatten() {
            let Some(sp) = q["speaker"].as_object() else {
                continue;
            };
            speakers += 1;
            let start = sp["start"].as_u64().unwrap() as usize;
            let before = &text[..bytes[start]];
            let speaker = sp["text"].as_str().unwrap();
            if let Some(why) = not_a_noun_phrase(before, speaker) {
                let from = before.len().saturating_sub(60);
                let from = (from..before.len())
                    .find(|&b| before.is_char_boundary(b))
                    .unwrap_or(before.len());
                bad.push(format!(
                    "{speaker:?} ({why}) in …{}{speaker}",
                    &before[from..]
                ));
            }
        }
    }
    assert!(speakers > 10_000, "{speakers} speakers");
    assert!(
        bad.is_empty(),
        "{} speakers:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

fn cues(text: &str) -> Vec<(String, String, String)> {
    let rec = record(text);
    rec["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let s = |v: &Value| v.as_str().unwrap_or("").to_string();
            (
                s(&q["cue"]["text"]),
                s(&q["speaker"]["text"]),
                s(&q["text"]),
            )
        })
        .collect()
}

/// Nouns such as "decision", "plans", "attacks" are cues only where they
/// introduce someone's words: a headline opened by the noun names an
/// event ("Crucial decision on super-casinos"); a plural after a verb or
/// a modifier is no verb ("revived peace plans"); no verb follows "a"
/// ("a feel that ..."); with a holder or a subject they stay cues.
#[test]
fn noun_cues_only_where_they_introduce_speech() {
    let headline = cues(
        "Crucial decision on super-casinos\n\nA decision whether to allow Westminster to \
         legislate on super-casinos is expected by early February.\n",
    );
    assert!(
        headline
            .iter()
            .all(|(c, _, t)| c != "decision" && t != "super-casinos"),
        "{headline:?}"
    );
    let found = cues(
        "Summit\n\nMinisters revived peace plans in Brussels. The film has a feel that is \
         simply gorgeous. Trump's attacks on the judge drew criticism. Mr Smith attacks the \
         budget as a giveaway.\n",
    );
    assert!(
        found.iter().all(|(c, _, _)| c != "plans" && c != "feel"),
        "{found:?}"
    );
    let attacks: Vec<_> = found.iter().filter(|(c, _, _)| c == "attacks").collect();
    assert_eq!(attacks.len(), 2, "{found:?}");
    assert_eq!(attacks[0].1, "Trump");
    assert_eq!(attacks[1].1, "Mr Smith");
    assert_eq!(attacks[1].2, "the budget as a giveaway");
}

/// A short quotation of short words is a quotation, not a title: "Law and
/// Order" is a title because its long words are capitalised; "We can win"
/// has no long word to be one.
#[test]
fn a_short_quotation_of_short_words_is_direct() {
    let rec = record(
        "Rally\n\n\u{201c}We can win,\u{201d} he said. She praised \u{201c}Law and Order\u{201d} again.\n",
    );
    let q = quote(&rec, "We can win");
    assert_eq!(q["label"], "direct", "{q:#}");
    assert_eq!(q["speaker"]["text"], "he");
    let quotes = rec["quotes"].as_array().unwrap();
    assert!(
        quotes
            .iter()
            .all(|q| q["text"] != "\u{201c}Law and Order\u{201d}"),
        "{quotes:#?}"
    );
}

/// A quotation with no attribution of its own takes the speaker of the
/// attribution just before it, not of a quotation before that one.
#[test]
fn an_unattributed_quotation_takes_the_nearest_speaker() {
    let rec = record(
        "Reactions\n\n\u{201c}She does need him,\u{201d} Kunin said of Sanders.\n\n\
         The party leader Matteo Salvini wrote on Facebook that he backed the plan. \
         \u{201c}We are on the same wavelength.\u{201d}\n",
    );
    let q = quote(&rec, "same wavelength");
    assert_eq!(
        q["speaker"]["text"], "The party leader Matteo Salvini",
        "{q:#}"
    );
}

/// A verb of stance that ends the clause after a quotation attributes it,
/// as a verb of saying does: "“...,” Gorka urged."
#[test]
fn a_stance_verb_after_a_quotation_gives_its_speaker() {
    let rec = record(
        "Debate\n\n\u{201c}Compare that to his other competitor,\u{201d} Gorka urged. \
         \u{201c}This is a woman who is responsible for Libya.\u{201d}\n",
    );
    let q = quote(&rec, "Compare that");
    assert_eq!(q["label"], "direct", "{q:#}");
    assert_eq!(q["speaker"]["text"], "Gorka");
    assert_eq!(q["cue"]["text"], "urged");
}

/// The quotation's content ends before `word`, where the next
/// attribution begins.
fn assert_stops_before(q: &Value, word: &str) {
    assert!(!q["text"].as_str().unwrap().contains(word), "{q:#}");
}

/// Two coordinated verbs of one subject are two attributions: the first
/// content ends before "and"/"but" and the second verb ("and asserted
/// that", "but he urged"), which takes the first verb's speaker.
#[test]
fn coordinated_verbs_are_two_attributions_of_one_speaker() {
    let rec = record(
        "Funds\n\nOn Monday, Mr. Ubben called the chief executive driven and asserted \
         that things were being resolved behind the scenes.\n\n\
         Linick said that he considers the recommendation handled, but he urged the \
         department to review all its archives.\n",
    );
    let q = quote(&rec, "things were being resolved");
    assert_eq!(q["cue"]["text"], "asserted", "{q:#}");
    assert_eq!(q["speaker"]["text"], "Mr. Ubben", "{q:#}");
    assert_stops_before(quote(&rec, "he considers the recommendation"), "urged");
    let second = quote(&rec, "department to review");
    assert_eq!(second["cue"]["text"], "urged", "{second:#}");
    assert_eq!(second["speaker"]["text"], "he", "{second:#}");
}

/// A new subject and a verb of saying after "and"/"but" start a second
/// attribution; a verb of stance that ends the clause after fronted
/// content is its cue ("C, the union leader echoed.").
#[test]
fn a_second_subject_and_a_fronted_stance_verb() {
    let rec = record(
        "Delegates\n\nHe said he intends to pursue a slot as a delegate next week, and \
         other party leaders said he is an example of the new voters.\n\n\
         The plan is a giveaway to the banks, the union leader echoed.\n",
    );
    assert_stops_before(quote(&rec, "he intends to pursue"), "leaders");
    let second = quote(&rec, "he is an example");
    assert_eq!(
        second["speaker"]["text"], "other party leaders",
        "{second:#}"
    );
    let union = quote(&rec, "a giveaway to the banks");
    assert_eq!(union["cue"]["text"], "echoed", "{union:#}");
    assert_eq!(union["speaker"]["text"], "the union leader", "{union:#}");
}

/// A verb of saying or stance as a gerund after "by", "while", "after" and
/// like prepositions attributes its clause to the subject of the sentence.
#[test]
fn a_gerund_after_a_preposition_takes_the_sentence_subject() {
    let rec = record(
        "Field\n\nTrump distinguished himself in the field by saying he would make nice \
         with the Russian president.\n\n\
         Warren drew applause in Ohio while criticizing the new trade deal with China.\n",
    );
    let q = quote(&rec, "he would make nice");
    assert_eq!(q["cue"]["text"], "saying", "{q:#}");
    assert_eq!(q["speaker"]["text"], "Trump", "{q:#}");
    let q = quote(&rec, "the new trade deal");
    assert_eq!(q["cue"]["text"], "criticizing", "{q:#}");
    assert_eq!(q["speaker"]["text"], "Warren", "{q:#}");
}

/// An attribution right before a quotation ("Brafman said, “...”") wins
/// over one in the next sentence, which introduces the next quotation.
#[test]
fn an_attribution_before_the_quotation_wins_over_the_next_sentence() {
    let rec = record(
        "Court\n\nBrafman said, \u{201c}It is the least characteristic case we have found.\u{201d} \
         He added, \u{201c}Things happened in this prosecution that are not ordinary.\u{201d}\n",
    );
    let q = quote(&rec, "least characteristic");
    assert_eq!(q["speaker"]["text"], "Brafman", "{q:#}");
    assert_eq!(q["cue"]["text"], "said", "{q:#}");
    let q = quote(&rec, "not ordinary");
    assert_eq!(q["speaker"]["text"], "He", "{q:#}");
}

/// A quotation after a clause that ends in a comma or colon with no cue
/// word ("Hillary shot back, “...”") is its subject's; a weekday opening
/// the sentence is no subject.
#[test]
fn the_clause_before_a_quotation_gives_its_subject() {
    let rec = record(
        "Campaign\n\nAfter the governor criticized her husband, Hillary shot back, \
         \u{201c}I suppose I could have stayed home and baked cookies.\u{201d}\n\n\
         On Thursday, Rep. Hakeem Jeffries reacted to the news, saying: \u{201c}This man \
         should be in prison.\u{201d}\n",
    );
    let q = quote(&rec, "baked cookies");
    assert_eq!(q["speaker"]["text"], "Hillary", "{q:#}");
    let q = quote(&rec, "should be in prison");
    assert!(
        q["speaker"]["text"]
            .as_str()
            .is_some_and(|s| s.contains("Hakeem Jeffries")),
        "{q:#}"
    );
}

/// In a headline set in title case every word is capitalised, so a
/// capitalised verb after a name is still a verb: "Ted Cruz Hints ...".
#[test]
fn title_case_headlines_keep_their_verbs() {
    let rec = record(
        "Ted Cruz Hints Trump Would Get Border Wall Contract\n\n\
         The senator spoke in Iowa on Monday.\n",
    );
    let q = quote(&rec, "Trump Would Get");
    assert_eq!(q["cue"]["text"], "Hints", "{q:#}");
    assert_eq!(q["speaker"]["text"], "Ted Cruz", "{q:#}");
    // In running text a capitalised word after a name stays part of it.
    let rec = record("Talks\n\nThe United States began talks with Iran on Monday.\n");
    assert!(
        rec["quotes"].as_array().unwrap().is_empty(),
        "{:#}",
        rec["quotes"]
    );
}

/// A plural that is a noun or a verb of stance is the noun before "in",
/// "with", "at" and like prepositions ("attacks in the US", "talks with
/// unions"): company and events, not views. "calls on" stays the verb.
#[test]
fn talks_and_attacks_before_a_preposition_are_no_cues() {
    let found = cues(
        "Airline\n\nThe launch was delayed by the attacks in the US. Ms Druyun had talks with \
         Mr Sears in October. The firm held talks between the unions and managers. The senator \
         calls on Congress to pass the bill. The two sides held talks about a deal.\n",
    );
    assert!(
        found.iter().all(|(c, _, _)| c != "attacks" && c != "talks"),
        "{found:?}"
    );
    let calls: Vec<_> = found.iter().filter(|(c, _, _)| c == "calls").collect();
    assert_eq!(calls.len(), 1, "{found:?}");
}

/// The BBC corpus through `ner,entities,quotes`, one record per article;
/// `None` (with the data helper's message) when the corpus is absent.
fn bbc_quotes() -> Option<Vec<serde_json::Value>> {
    let bbc = common::data("bbc")?;
    let out = common::newsmill()
        .args(["process", "-q", "--extractors", "ner,entities,quotes"])
        .arg(&bbc)
        .output()
        .unwrap();
    assert!(out.status.success());
    Some(common::records(&out.stdout))
}

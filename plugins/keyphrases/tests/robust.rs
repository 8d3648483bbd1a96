//! No input makes the extractor fail, panic, or emit a bad span.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use newsmill_core::{AnalyzeOptions, Annotation, Article, Doc, Vocab};
use newsmill_keyphrases::Keyphrases;
use newsmill_sdk::{DocView, Extractor, HostSink, Setup};
use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Z][a-z]{0,12}",
        "[a-z]{1,12}",
        "[A-Z]{2,5}",
        Just("the".to_string()),
        Just("of".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("'s".to_string()),
        Just("-".to_string()),
        Just("&amp;".to_string()),
        Just("“".to_string()),
        "[0-9]{1,4}",
        "\\PC{1,3}",
        "[ \t]{1,3}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_valid_annotations(
        text in text_strategy(),
        top in 0usize..15,
        ents in prop::collection::vec((0u32..2000, 0u32..40), 0..4),
    ) {
        let mut doc = Doc::analyze(Article::from_text("p", text.clone()), &AnalyzeOptions::default());
        let mut vocab = Vocab::default();
        let ner = vocab.intern("ner");
        let n = doc.text.len() as u32;
        for (a, len) in ents {
            let (a, b) = (a.min(n), (a + len).min(n));
            if doc.text.is_char_boundary(a as usize) && doc.text.is_char_boundary(b as usize) {
                doc.annotations.push(Annotation { start: a, end: b, layer: ner, label: 0, score: 1.0, attr_start: 0, attr_end: 0 });
            }
        }
        let layer = vocab.intern("keyphrases");
        let config = serde_json::json!({"top": top});
        let kp = Keyphrases::create(&mut Setup::new(&config, &mut vocab)).unwrap();
        let mut sink = HostSink::new(&doc, layer, vocab.len());
        kp.process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text)).unwrap();
        prop_assert!(sink.error().is_none());
        prop_assert!(sink.len() <= top);
        sink.append_to(&mut doc);
        for a in doc.annotations.iter().filter(|a| a.layer == layer) {
            prop_assert!(a.start < a.end && (a.end as usize) <= doc.text.len());
        }
    }
}

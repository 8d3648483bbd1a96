//! Every BBC article is English.

use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
use newsmill_language::Language;
use newsmill_plugin::DocView;
use newsmill_plugin::host::{Builtin, Factory, HostSink};

#[test]
fn every_bbc_article_is_english() {
    let dir = newsmill_eval::data_dir().join("bbc");
    if !dir.exists() {
        newsmill_eval::skip_or_fail(&format!("{} not found", dir.display()));
        return;
    }
    let texts = newsmill_eval::batch::corpus_texts(&dir).unwrap();
    assert_eq!(texts.len(), 2225);
    let mut vocab = Vocab::default();
    let layer = vocab.intern("language");
    let ext = Builtin::<Language>::new()
        .create(&serde_json::json!({}), &mut vocab)
        .unwrap();
    let en = vocab.get("en").unwrap();
    for (path, text) in texts {
        let doc = Doc::analyze(Article::from_text("b", text), &AnalyzeOptions::default());
        let mut sink = HostSink::new(&doc, layer, vocab.len());
        ext.process(&DocView::from_doc(&doc), &mut sink).unwrap();
        let mut doc = doc;
        sink.append_to(&mut doc);
        let label = doc.annotations.first().map(|a| a.label);
        assert_eq!(label, Some(en), "{}", path.display());
    }
}

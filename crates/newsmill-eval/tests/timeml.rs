//! The `dates` extractor on the TimeML training data (TimeBank + AQUAINT),
//! when present: the floors the extractor reaches.

use newsmill_eval::timeml;

#[test]
fn timeml_training_data_floors() {
    let dir = newsmill_eval::data_dir().join("timeml");
    if !dir.is_dir() {
        newsmill_eval::skip_or_fail(&format!("TimeML data not found at {}", dir.display()));
        return;
    }
    let docs = timeml::read_dir(&dir).unwrap();
    assert_eq!(docs.len(), 256);
    assert!(docs.iter().all(|d| d.dct.is_some()));
    let report = timeml::evaluate(&docs).unwrap();
    println!("{}", report.table());
    let (_, _, relaxed) = report.relaxed();
    let (_, _, value) = report.value_f1();
    assert!(relaxed >= 93.0, "relaxed span F1 {relaxed:.2}");
    assert!(value >= 80.0, "value F1 {value:.2}");
}

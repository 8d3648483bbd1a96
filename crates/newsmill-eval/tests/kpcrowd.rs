//! The `keyphrases` extractor on 500N-KPCrowd, when present: the floor it
//! reaches (F1@10 on stemmed exact matches).

use newsmill_eval::kpcrowd;

#[test]
fn kpcrowd_f1_at_10_is_above_the_floor() {
    let dir = newsmill_eval::data_dir().join("kpcrowd");
    if !dir.join("docs").is_dir() {
        newsmill_eval::skip_or_fail(&format!("KPCrowd not found at {}", dir.display()));
        return;
    }
    let r = kpcrowd::evaluate(&dir, 10).unwrap();
    eprintln!("{}", r.table());
    assert_eq!(r.documents, 400);
    assert!(r.mean.f1 >= 0.195, "{}", r.table());
    assert!(r.mean.precision >= 0.55, "{}", r.table());
}

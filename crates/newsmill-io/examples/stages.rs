//! Time `extract` on one page (profiling aid).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let p = newsmill_io::html::extract(&bytes, &Default::default());
    eprintln!("extract {:?} {:?}", p.map(|p| p.text.len()), t.elapsed());
}

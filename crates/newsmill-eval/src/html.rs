//! Main-text extraction from HTML against the article-extraction benchmark
//! (Scrapinghub's, MIT licence): its gold is a `ground-truth.json` mapping
//! each page's hash to `{"articleBody", "url"}`, its pages
//! `html/<hash>.html.gz`.
//!
//! The benchmark's own metric: tokens are `\w+` runs; each text becomes a
//! multiset of 4-token shingles (a text of fewer tokens is one shingle);
//! per page the true positives, false positives and false negatives are
//! counted and normalised to sum to 1; precision is averaged over the pages
//! with a prediction, recall over the pages with a truth, and F1 is taken
//! from the two averages.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::EvalError;

/// One benchmark page.
#[derive(Clone, Debug)]
pub struct Page {
    /// The page's key (hash) in `ground-truth.json`.
    pub id: String,
    /// The URL the page was fetched from.
    pub url: Option<String>,
    /// The human-extracted article body.
    pub truth: String,
    /// The raw HTML bytes (decompressed).
    pub html: Vec<u8>,
}

/// Read the benchmark: `ground-truth.json` and `html/<id>.html.gz` (or
/// `.html`) under `dir`, in key order.
///
/// ```no_run
/// let pages = newsmill_eval::html::load(std::path::Path::new("../shared/data/html-articles")).unwrap();
/// assert!(pages.iter().all(|p| !p.html.is_empty()));
/// ```
pub fn load(dir: &Path) -> Result<Vec<Page>, EvalError> {
    let read = |p: &Path| {
        std::fs::read(p).map_err(|source| EvalError::Read {
            path: p.display().to_string(),
            source,
        })
    };
    let gt_path = dir.join("ground-truth.json");
    let gt: serde_json::Value =
        serde_json::from_slice(&read(&gt_path)?).map_err(|e| EvalError::Format {
            path: gt_path.display().to_string(),
            line: e.line(),
            message: e.to_string(),
        })?;
    let Some(map) = gt.as_object() else {
        return Err(EvalError::Format {
            path: gt_path.display().to_string(),
            line: 1,
            message: "not a JSON object of pages".into(),
        });
    };
    let mut pages = Vec::with_capacity(map.len());
    for (id, v) in map {
        let gz = dir.join("html").join(format!("{id}.html.gz"));
        let html = if gz.exists() {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(read(&gz)?.as_slice())
                .read_to_end(&mut out)
                .map_err(|source| EvalError::Read {
                    path: gz.display().to_string(),
                    source,
                })?;
            out
        } else {
            read(&dir.join("html").join(format!("{id}.html")))?
        };
        pages.push(Page {
            id: id.clone(),
            url: v.get("url").and_then(|u| u.as_str()).map(str::to_string),
            truth: v
                .get("articleBody")
                .and_then(|b| b.as_str())
                .unwrap_or("")
                .to_string(),
            html,
        });
    }
    Ok(pages)
}

/// The `\w+` tokens of `text` (letters, digits, `_`).
pub(crate) fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles<'a>(toks: &'a [&'a str]) -> HashMap<&'a [&'a str], i64> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    if toks.len() < 4 {
        m.insert(toks, 1);
        return m;
    }
    for w in toks.windows(4) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// One page's true positives, false positives and false negatives,
/// normalised to sum to 1 (all 0 when both texts have no token).
///
/// ```
/// use newsmill_eval::html::page_scores;
/// let (tp, fp, fn_) = page_scores("the cat sat on the mat", "the cat sat on the mat");
/// assert_eq!((tp, fp, fn_), (1.0, 0.0, 0.0));
/// let (tp, fp, fn_) = page_scores("a b c d e", "a b c d x");
/// assert_eq!((tp, fp, fn_), (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0));
/// ```
pub fn page_scores(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let t_toks = tokens(truth);
    let p_toks = tokens(predicted);
    let t = shingles(&t_toks);
    let p = shingles(&p_toks);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (k, &c) in &t {
        let q = p.get(k).copied().unwrap_or(0);
        tp += c.min(q);
        fn_ += (c - q).max(0);
    }
    for (k, &q) in &p {
        let c = t.get(k).copied().unwrap_or(0);
        fp += (q - c).max(0);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
}

/// The benchmark's scores over many pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Mean precision over the pages with a prediction.
    pub precision: f64,
    /// Mean recall over the pages with a truth.
    pub recall: f64,
    /// F1 from the two means.
    pub f1: f64,
    /// Pages scored.
    pub pages: usize,
    /// Pages with a prediction (counted in precision).
    pub predicted: usize,
    /// Pages with a truth (counted in recall).
    pub with_truth: usize,
}

/// Score `(truth, prediction)` pairs by the benchmark's metric.
///
/// ```
/// use newsmill_eval::html::score;
/// let s = score([("one two three four five", "one two three four five"),
///                ("alpha beta gamma delta", "")]);
/// assert_eq!((s.predicted, s.with_truth), (1, 2));
/// assert_eq!(s.precision, 1.0);
/// assert_eq!(s.recall, 0.5);
/// ```
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Scores {
    average(
        pairs
            .into_iter()
            .map(|(truth, pred)| page_scores(truth, pred)),
    )
}

/// The benchmark's averages over pages, from each page's normalised
/// (TP, FP, FN): precision over pages with a prediction, recall over pages
/// with a truth, F1 from the two averages.
fn average(pages: impl Iterator<Item = (f64, f64, f64)>) -> Scores {
    let mut s = Scores::default();
    let (mut psum, mut rsum) = (0.0, 0.0);
    for (tp, fp, fn_) in pages {
        s.pages += 1;
        if tp + fp > 0.0 {
            psum += tp / (tp + fp);
            s.predicted += 1;
        }
        if tp + fn_ > 0.0 {
            rsum += tp / (tp + fn_);
            s.with_truth += 1;
        }
    }
    if s.predicted > 0 {
        s.precision = psum / s.predicted as f64;
    }
    if s.with_truth > 0 {
        s.recall = rsum / s.with_truth as f64;
    }
    if s.precision + s.recall > 0.0 {
        s.f1 = 2.0 * s.precision * s.recall / (s.precision + s.recall);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_are_multisets_and_short_texts_are_one_shingle() {
        // Repeated shingles count once each time they occur.
        let (tp, fp, fn_) = page_scores("a b c d a b c d", "a b c d");
        // truth shingles: abcd, bcda, cdab, dabc, abcd -> 5; pred: abcd.
        assert_eq!((tp, fp, fn_), (0.2, 0.0, 0.8));
        // Fewer than four tokens: the whole text is one shingle.
        assert_eq!(page_scores("Hello, world!", "hello world"), (0.0, 0.5, 0.5));
        assert_eq!(page_scores("Hello, world!", "Hello world"), (1.0, 0.0, 0.0));
        // Punctuation and spacing do not matter; `_` and digits are word characters.
        assert_eq!(
            page_scores("x_1 won 3-2 today.", "x_1   won\n3 2 today"),
            (1.0, 0.0, 0.0)
        );
        assert_eq!(page_scores("", ""), (0.0, 0.0, 0.0));
    }

    #[test]
    fn pages_without_prediction_are_left_out_of_precision_only() {
        let s = score([
            ("one two three four five six", "one two three four five six"),
            ("one two three four five six", "one two three four"),
            ("seven eight nine ten", ""),
        ]);
        assert_eq!((s.pages, s.predicted, s.with_truth), (3, 2, 3));
        assert!((s.precision - 1.0).abs() < 1e-12);
        // Recall: 1, 1/3, 0.
        assert!((s.recall - (1.0 + 1.0 / 3.0) / 3.0).abs() < 1e-12);
        let f1 = 2.0 * s.precision * s.recall / (s.precision + s.recall);
        assert!((s.f1 - f1).abs() < 1e-12);
    }
}

/// One page's extraction and its scores.
#[derive(Clone, Debug)]
pub struct PageResult {
    /// The page's key.
    pub id: String,
    /// The extracted text (empty when extraction gave an error).
    pub predicted: String,
    /// The extraction error's code, if any.
    pub error: Option<&'static str>,
    /// Normalised true positives, false positives, false negatives.
    pub tp_fp_fn: (f64, f64, f64),
}

/// Extract every page with [`newsmill_io::html::extract`] (the page's URL
/// given) and score the texts.
///
/// ```no_run
/// use newsmill_eval::html::{evaluate, load};
/// let pages = load(std::path::Path::new("../shared/data/html-articles")).unwrap();
/// let (scores, _) = evaluate(&pages);
/// println!("F1 {:.3}", scores.f1);
/// ```
pub fn evaluate(pages: &[Page]) -> (Scores, Vec<PageResult>) {
    evaluate_by(pages, newsmill_io::html::extract)
}

/// Extract every page with `extract` and score the texts.
pub(crate) fn evaluate_by(
    pages: &[Page],
    extract: impl Fn(
        &[u8],
        &newsmill_io::html::HtmlOptions<'_>,
    ) -> Result<newsmill_io::html::HtmlPage, newsmill_io::html::HtmlError>,
) -> (Scores, Vec<PageResult>) {
    use newsmill_io::html::HtmlOptions;
    let results: Vec<PageResult> = pages
        .iter()
        .map(|p| {
            let opts = HtmlOptions {
                url: p.url.as_deref(),
                charset: None,
            };
            let (predicted, error) = match extract(&p.html, &opts) {
                Ok(page) => (page.text, None),
                Err(e) => (String::new(), Some(e.code())),
            };
            let tp_fp_fn = page_scores(&p.truth, &predicted);
            PageResult {
                id: p.id.clone(),
                predicted,
                error,
                tp_fp_fn,
            }
        })
        .collect();
    let scores = score_results(&results, |_| true);
    (scores, results)
}

/// [`evaluate`] with a chosen set of furniture rules.
///
/// ```no_run
/// use newsmill_eval::html::{evaluate_with, load};
/// let pages = load(std::path::Path::new("../shared/data/html-articles")).unwrap();
/// let (s, _) = evaluate_with(&pages, &newsmill_io::html::Rules::NONE);
/// println!("dom_smoothie alone: F1 {:.3}", s.f1);
/// ```
pub fn evaluate_with(
    pages: &[Page],
    rules: &newsmill_io::html::Rules,
) -> (Scores, Vec<PageResult>) {
    evaluate_by(pages, |html, opts| {
        newsmill_io::html::extract_with(html, opts, rules)
    })
}

/// The site of a page: the URL's host, lower-cased, without `www.` (the
/// empty string when there is no URL).
///
/// ```
/// use newsmill_eval::html::site;
/// assert_eq!(site(Some("https://www.NYTimes.com/2019/a.html")), "nytimes.com");
/// assert_eq!(site(Some("http://user@blog.example:8080/x?y")), "blog.example");
/// assert_eq!(site(None), "");
/// ```
pub fn site(url: Option<&str>) -> String {
    let Some(u) = url else {
        return String::new();
    };
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    host.strip_prefix("www.")
        .map(str::to_string)
        .unwrap_or(host)
}

/// FNV-1a, for a deterministic order of sites that does not follow the
/// alphabet.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Split pages into `k` folds by site: every page of one site is in the
/// same fold; sites are dealt (most pages first, then by a fixed hash of
/// the name) to the fold with the fewest pages so far. Deterministic.
/// Returns the fold of each page.
///
/// ```
/// use newsmill_eval::html::folds_by_site;
/// let urls = [Some("https://a.example/1"), Some("https://a.example/2"),
///             Some("https://b.example/1"), Some("https://www.c.example/1")];
/// let f = folds_by_site(&urls, 2);
/// assert_eq!(f[0], f[1]);
/// assert_ne!(f[0], f[2]);
/// assert_eq!(f[2], f[3]);
/// ```
pub fn folds_by_site(urls: &[Option<&str>], k: usize) -> Vec<usize> {
    let k = k.max(1);
    let sites: Vec<String> = urls.iter().map(|u| site(*u)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for s in &sites {
        *count.entry(s.as_str()).or_insert(0) += 1;
    }
    let mut order: Vec<(&str, usize)> = count.into_iter().collect();
    order.sort_by_key(|&(s, n)| (std::cmp::Reverse(n), fnv1a(s), s));
    let mut size = vec![0usize; k];
    let mut fold_of: HashMap<&str, usize> = HashMap::new();
    for (s, n) in order {
        let mut best = 0;
        for f in 1..k {
            if size[f] < size[best] {
                best = f;
            }
        }
        size[best] += n;
        fold_of.insert(s, best);
    }
    sites
        .iter()
        .map(|s| fold_of.get(s.as_str()).copied().unwrap_or(0))
        .collect()
}

/// Score the page results for which `keep(index)` holds.
pub fn score_results(results: &[PageResult], keep: impl Fn(usize) -> bool) -> Scores {
    average(
        results
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, r)| r.tp_fp_fn),
    )
}

/// F1 of each fold's pages for one candidate's page results.
pub fn fold_f1(results: &[PageResult], folds: &[usize], k: usize) -> Vec<f64> {
    (0..k)
        .map(|f| score_results(results, |i| folds.get(i) == Some(&f)).f1)
        .collect()
}

/// Cross-validated choice among candidates.
#[derive(Clone, Debug, PartialEq)]
pub struct CvChoice {
    /// For each fold, the candidate chosen on the other folds.
    pub chosen: Vec<usize>,
    /// For each fold, the chosen candidate's F1 on that (held-out) fold.
    pub fold_f1: Vec<f64>,
    /// The held-out predictions of all folds pooled and scored together.
    pub cv: Scores,
    /// The candidate that is best on all pages, and its F1 (the tuned
    /// figure).
    pub tuned: (usize, f64),
}

/// Choose among candidates (their page results on the same pages, in the
/// same order) by cross-validation: for each fold the candidate with the
/// best F1 on the other folds is scored on that fold; ties go to the
/// earlier candidate.
///
/// ```
/// use newsmill_eval::html::{cross_validate, PageResult};
/// let r = |s: f64| PageResult { id: String::new(), predicted: String::new(), error: None, tp_fp_fn: (s, 1.0 - s, 0.0) };
/// // Candidate 1 is better on every page but the last, and on any two pages.
/// let a = vec![r(0.5), r(0.5), r(0.5)];
/// let b = vec![r(0.9), r(0.9), r(0.3)];
/// let cv = cross_validate(&[a, b], &[0, 1, 2], 3);
/// assert_eq!(cv.chosen, vec![1, 1, 1]);
/// assert_eq!(cv.tuned.0, 1);
/// ```
pub fn cross_validate(candidates: &[Vec<PageResult>], folds: &[usize], k: usize) -> CvChoice {
    let mut chosen = Vec::with_capacity(k);
    let mut fold_scores = Vec::with_capacity(k);
    let mut pooled: Vec<PageResult> = Vec::new();
    let n = candidates.first().map_or(0, Vec::len);
    let mut pick_of_page = vec![0usize; n];
    for f in 0..k {
        let mut best = (0usize, f64::NEG_INFINITY);
        for (c, res) in candidates.iter().enumerate() {
            let s = score_results(res, |i| folds.get(i) != Some(&f)).f1;
            if s > best.1 {
                best = (c, s);
            }
        }
        chosen.push(best.0);
        let held = candidates.get(best.0).map_or(0.0, |res| {
            score_results(res, |i| folds.get(i) == Some(&f)).f1
        });
        fold_scores.push(held);
        for (i, p) in pick_of_page.iter_mut().enumerate() {
            if folds.get(i) == Some(&f) {
                *p = best.0;
            }
        }
    }
    for (i, &c) in pick_of_page.iter().enumerate() {
        if let Some(r) = candidates.get(c).and_then(|res| res.get(i)) {
            pooled.push(r.clone());
        }
    }
    let mut tuned = (0usize, f64::NEG_INFINITY);
    for (c, res) in candidates.iter().enumerate() {
        let s = score_results(res, |_| true).f1;
        if s > tuned.1 {
            tuned = (c, s);
        }
    }
    CvChoice {
        chosen,
        fold_f1: fold_scores,
        cv: score_results(&pooled, |_| true),
        tuned,
    }
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn folds_keep_each_site_whole_and_are_balanced_and_deterministic() {
        let urls: Vec<String> = (0..60)
            .map(|i| format!("https://www.site{}.example/story/{i}", i % 23))
            .collect();
        let refs: Vec<Option<&str>> = urls.iter().map(|u| Some(u.as_str())).collect();
        let f = folds_by_site(&refs, 5);
        assert_eq!(f, folds_by_site(&refs, 5));
        let mut fold_of_site: HashMap<String, usize> = HashMap::new();
        for (u, &k) in refs.iter().zip(&f) {
            let s = site(*u);
            assert_eq!(
                *fold_of_site.entry(s).or_insert(k),
                k,
                "site split across folds"
            );
        }
        let sizes: Vec<usize> = (0..5)
            .map(|k| f.iter().filter(|&&x| x == k).count())
            .collect();
        let (lo, hi) = (sizes.iter().min(), sizes.iter().max());
        assert!(hi.zip(lo).is_some_and(|(h, l)| h - l <= 3), "{sizes:?}");
    }

    #[test]
    fn cross_validation_scores_each_fold_with_the_choice_of_the_others() {
        let r = |s: f64| PageResult {
            id: String::new(),
            predicted: String::new(),
            error: None,
            tp_fp_fn: (s, 1.0 - s, 0.0),
        };
        // Candidate 1 wins on fold 3 only: fold 3 is scored with
        // candidate 0 (chosen on folds 0-2), so its held-out F1 is
        // candidate 0's there, not the best possible.
        let a = vec![r(0.9), r(0.9), r(0.9), r(0.2)];
        let b = vec![r(0.5), r(0.5), r(0.5), r(0.95)];
        let cv = cross_validate(&[a, b], &[0, 1, 2, 3], 4);
        assert_eq!(cv.chosen, vec![0, 0, 0, 0]);
        assert!((cv.fold_f1[3] - 2.0 * 0.2 / 1.2).abs() < 1e-9);
        assert!(cv.cv.f1 <= cv.tuned.1 + 1e-12);
    }
}

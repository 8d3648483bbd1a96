//! A modern NER dev set: named entities in 49 article bodies of the
//! HTML benchmark (`html-articles/ground-truth.json`, news and blog
//! posts of 2019), annotated for newsmill by the CoNLL-2003 conventions
//! (`data/modern-ner/GUIDELINES.md`).
//!
//! The annotations are offsets only (`data/modern-ner/annotations.json`,
//! embedded here): each article's id in the benchmark, its site, its
//! split, its length in characters and the SHA-256 of its body, and the
//! mentions as `[start, end, type]` in Unicode code points, end exclusive.
//! [`load`] joins them with the bodies from the benchmark and checks that
//! each body is the one annotated.
//!
//! The 49 articles come from 49 different sites. Twenty-four are the
//! `tune` split, for choosing models and settings; twenty-five are
//! `untouched`, measured only to report a decided change (the first batch
//! of 25 was split 12 / 13, the second of 12 and the third and fourth of
//! 6 half and half, alternating as before).

use std::path::Path;

use sha2::Digest;

use crate::EvalError;

/// The annotations, as committed (offsets, no text).
pub const ANNOTATIONS: &str = include_str!("../data/modern-ner/annotations.json");

/// Which part of the set an article belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Used to choose models and settings.
    Tune,
    /// Measured only to report a change already decided on the tune split.
    Untouched,
}

impl Split {
    /// The split's name as in the annotation file.
    pub fn name(self) -> &'static str {
        match self {
            Split::Tune => "tune",
            Split::Untouched => "untouched",
        }
    }
}

#[derive(serde::Deserialize)]
struct Annotated {
    id: String,
    site: String,
    split: Split,
    chars: usize,
    sha256: String,
    entities: Vec<(usize, usize, String)>,
}

/// One annotated article with its text.
#[derive(Clone, Debug)]
pub struct ModernDoc {
    /// The article's key in `ground-truth.json`.
    pub id: String,
    /// The site it was published on.
    pub site: String,
    /// Its split.
    pub split: Split,
    /// The article body.
    pub text: String,
    /// The gold mentions: byte offsets into `text` and a CoNLL type
    /// (`PER`, `ORG`, `LOC`, `MISC`), in text order.
    pub gold: Vec<(usize, usize, String)>,
}

fn format_error(path: &Path, message: String) -> EvalError {
    EvalError::Format {
        path: path.display().to_string(),
        line: 1,
        message,
    }
}

/// Parse the annotations (for [`load`], or a file of the same shape).
fn parse(json: &str, name: &Path) -> Result<Vec<Annotated>, EvalError> {
    serde_json::from_str(json).map_err(|e| EvalError::Format {
        path: name.display().to_string(),
        line: e.line(),
        message: e.to_string(),
    })
}

/// The annotated articles with their bodies from the benchmark at `dir`
/// (the directory holding `ground-truth.json`), in annotation order. An
/// article missing from the benchmark, a body that is not the annotated
/// one (length or SHA-256) or a span outside it is an error.
///
/// ```no_run
/// use newsmill_eval::modern_ner::{load, Split};
/// let docs = load(std::path::Path::new("../shared/data/html-articles")).unwrap();
/// assert_eq!(docs.len(), 49);
/// assert_eq!(docs.iter().filter(|d| d.split == Split::Tune).count(), 24);
/// ```
pub fn load(dir: &Path) -> Result<Vec<ModernDoc>, EvalError> {
    load_with(dir, ANNOTATIONS)
}

/// [`load`] with annotations given as JSON text.
pub fn load_with(dir: &Path, annotations: &str) -> Result<Vec<ModernDoc>, EvalError> {
    let ann_name = Path::new("modern-ner/annotations.json");
    let annotated = parse(annotations, ann_name)?;
    let gt_path = dir.join("ground-truth.json");
    let bytes = std::fs::read(&gt_path).map_err(|source| EvalError::Read {
        path: gt_path.display().to_string(),
        source,
    })?;
    let gt: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| EvalError::Format {
        path: gt_path.display().to_string(),
        line: e.line(),
        message: e.to_string(),
    })?;
    let mut docs = Vec::with_capacity(annotated.len());
    for a in annotated {
        let Some(text) = gt
            .get(&a.id)
            .and_then(|v| v.get("articleBody"))
            .and_then(|b| b.as_str())
        else {
            return Err(format_error(
                &gt_path,
                format!("article {} of the modern NER set is not in the file", a.id),
            ));
        };
        let sha = format!("{:x}", sha2::Sha256::digest(text.as_bytes()));
        let chars = text.chars().count();
        if chars != a.chars || sha != a.sha256 {
            return Err(format_error(
                &gt_path,
                format!(
                    "article {}: the body is not the one annotated ({chars} characters, SHA-256 {sha}; annotated {} characters, {})",
                    a.id, a.chars, a.sha256
                ),
            ));
        }
        // Code point offsets to byte offsets (one past the end included).
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        let mut gold = Vec::with_capacity(a.entities.len());
        for (start, end, ty) in a.entities {
            let (Some(&s), Some(&e)) = (byte_at.get(start), byte_at.get(end)) else {
                return Err(format_error(
                    ann_name,
                    format!("article {}: span {start}..{end} is outside the body", a.id),
                ));
            };
            if s >= e || !matches!(ty.as_str(), "PER" | "ORG" | "LOC" | "MISC") {
                return Err(format_error(
                    ann_name,
                    format!("article {}: bad span {start}..{end} {ty:?}", a.id),
                ));
            }
            gold.push((s, e, ty));
        }
        docs.push(ModernDoc {
            id: a.id,
            site: a.site,
            split: a.split,
            text: text.to_string(),
            gold,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_annotations_are_49_articles_of_49_sites_split_24_25() {
        let a = parse(ANNOTATIONS, Path::new("annotations.json")).unwrap();
        assert_eq!(a.len(), 49);
        let sites: std::collections::HashSet<_> = a
            .iter()
            .map(|x| x.site.trim_start_matches("www."))
            .collect();
        assert_eq!(sites.len(), 49, "one article per site");
        assert_eq!(a.iter().filter(|x| x.split == Split::Tune).count(), 24);
        for x in &a {
            assert!(!x.entities.is_empty(), "{} has no mention", x.id);
            for w in x.entities.windows(2) {
                assert!(w[0].1 <= w[1].0, "{}: overlapping or unsorted spans", x.id);
            }
        }
    }

    #[test]
    fn loads_against_the_benchmark_and_refuses_another_body() {
        let dir = crate::data_dir().join("html-articles");
        if !dir.join("ground-truth.json").is_file() {
            crate::skip_or_fail("html-articles");
            return;
        }
        let docs = load(&dir).unwrap();
        assert_eq!(docs.len(), 49);
        for d in &docs {
            for (s, e, _) in &d.gold {
                let m = &d.text[*s..*e];
                assert_eq!(m, m.trim(), "{}: span with spaces at its ends", d.id);
            }
        }
        // An annotation whose checksum does not match is refused, naming it.
        let first = &docs[0].id;
        let bad = format!(
            r#"[{{"id":"{first}","site":"x","split":"tune","chars":3,"sha256":"00","entities":[]}}]"#
        );
        let err = load_with(&dir, &bad).unwrap_err().to_string();
        assert!(
            err.contains(first) && err.contains("not the one annotated"),
            "{err}"
        );
    }
}

//! The output record: one per input item, serde-serialisable, with
//! character offsets into the emitted `text`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::article::Notice;
use crate::doc::Doc;
use crate::language::Language;
use crate::offsets::CharOffsets;
use crate::text::{AttrKind, Span};
use crate::vocab::Vocab;

/// Version of the record layout; bumped on any incompatible change.
/// Version 2 added `language` and `skipped`, and integer attributes
/// (`"entity": 1`, not `1.0`); see docs/schema.md.
pub const SCHEMA_VERSION: u32 = 2;

/// Whether a record is clean, carries warnings, or is an error record.
///
/// ```
/// use newsmill_core::Status;
/// assert_eq!(serde_json::to_string(&Status::Warning).unwrap(), "\"warning\"");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Processed with no warning.
    Ok,
    /// Processed; see `warnings`.
    Warning,
    /// Not processed (or an extractor failed); see `errors`.
    Error,
}

/// A character-offset span in the output.
///
/// ```
/// let s = newsmill_core::SpanOut { start: 0, end: 3 };
/// assert_eq!(s.end - s.start, 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanOut {
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

/// A paragraph in the output.
///
/// ```
/// let p = newsmill_core::ParagraphOut { start: 0, end: 3, kind: "title".into(), repeat_of: None };
/// assert_eq!(p.kind, "title");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphOut {
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
    /// `title`, `subtitle`, `body`, `boilerplate` or `repeat`.
    pub kind: String,
    /// For a repeat, the index of the paragraph it repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_of: Option<u32>,
}

/// A token in the output (only with `--tokens`).
///
/// ```
/// let t = newsmill_core::TokenOut { start: 0, end: 3, kind: "word".into() };
/// assert_eq!(t.kind, "word");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenOut {
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
    /// The token kind's name.
    pub kind: String,
}

/// The dateline in the output.
///
/// ```
/// let d = newsmill_core::DatelineOut { text: "Moscow".into(), start: 10, end: 16 };
/// assert_eq!(d.text, "Moscow");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineOut {
    /// The dateline as written, without its separator.
    pub text: String,
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

/// Counts over the analysed text.
///
/// ```
/// let s = newsmill_core::RecordStats::default();
/// assert_eq!(s.tokens, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordStats {
    /// Bytes of the emitted text (UTF-8).
    pub bytes: u64,
    /// Characters of the emitted text.
    pub chars: u64,
    /// Paragraphs, all kinds.
    pub paragraphs: u32,
    /// Boilerplate paragraphs (not analysed).
    pub boilerplate: u32,
    /// Repeated paragraphs (not analysed).
    pub repeats: u32,
    /// Sentences.
    pub sentences: u32,
    /// Tokens.
    pub tokens: u32,
}

/// Which optional layers a record carries.
///
/// ```
/// let o = newsmill_core::RecordOptions::default();
/// assert!(o.text && o.sentences && !o.tokens);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordOptions {
    /// Emit the analysed text (offsets refer to it).
    pub text: bool,
    /// Emit sentence spans.
    pub sentences: bool,
    /// Emit every token.
    pub tokens: bool,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions {
            text: true,
            sentences: true,
            tokens: false,
        }
    }
}

/// An attribute value in the output.
///
/// ```
/// use newsmill_core::AttrOut;
/// assert_eq!(serde_json::to_string(&AttrOut::Num(2.5)).unwrap(), "2.5");
/// assert_eq!(serde_json::to_string(&AttrOut::Int(3)).unwrap(), "3");
/// assert_eq!(serde_json::to_string(&AttrOut::Str("USD".into())).unwrap(), "\"USD\"");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrOut {
    /// A boolean.
    Bool(bool),
    /// An integer (a count, an index, a rank).
    Int(i64),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// A span of the text, with its text.
    Span {
        /// First character.
        start: u32,
        /// One past the last character.
        end: u32,
        /// The covered text.
        text: String,
    },
    /// A reference to another annotation: its extractor and its index in
    /// that extractor's list.
    Ref {
        /// The extractor (layer) name.
        layer: String,
        /// Index in that layer's list.
        index: u32,
    },
}

/// One annotation in the output, under its extractor's name.
///
/// ```
/// let a = newsmill_core::AnnotationOut { start: Some(0), end: Some(7), text: Some("$1.13bn".into()),
///     label: Some("MONEY".into()), score: None, attrs: Default::default() };
/// assert_eq!(serde_json::to_value(&a).unwrap()["label"], "MONEY");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotationOut {
    /// First character; absent for an annotation about the whole document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// One past the last character; absent as `start` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u32>,
    /// The covered text; absent as `start` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The label, if the annotation has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The score, when it is not 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// The extractor's attributes, as fields of the annotation.
    #[serde(flatten)]
    pub attrs: BTreeMap<String, AttrOut>,
}

/// Field names of the record that an extractor may not take as its name.
pub const RESERVED_NAMES: &[&str] = &[
    "schema_version",
    "id",
    "source",
    "status",
    "title",
    "subtitle",
    "dateline",
    "published",
    "published_raw",
    "url",
    "authors",
    "site_name",
    "page_language",
    "language",
    "skipped",
    "canonical_url",
    "description",
    "fetched",
    "text",
    "counts",
    "paragraphs",
    "sentences",
    "tokens",
    "warnings",
    "errors",
    "near_duplicate_of",
    "dedup_signature",
];

/// The earlier article a record's article nearly duplicates (`--dedup`).
///
/// ```
/// let n = newsmill_core::NearDuplicate { id: "wire-1".into(), similarity: 0.82 };
/// assert_eq!(serde_json::to_value(&n).unwrap()["id"], "wire-1");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    /// The id of the first copy seen.
    pub id: String,
    /// Estimated Jaccard similarity of the two bodies' word shingles.
    pub similarity: f32,
}

/// An article's near-duplicate signature (`--emit-signature`): its LSH
/// band keys, to group by across partitions, and its MinHash, to check a
/// candidate pair's similarity.
///
/// ```
/// let s = newsmill_core::DedupSignature { bands: vec!["00:1a2b3c4d".into()], minhash: "ff00".into() };
/// assert_eq!(serde_json::to_value(&s).unwrap()["bands"][0], "00:1a2b3c4d");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedupSignature {
    /// One key per LSH band, `BB:KKKKKKKK` (band, key; hex).
    pub bands: Vec<String>,
    /// The low byte of each MinHash value, hex.
    pub minhash: String,
}

/// One output record. Every input item gives exactly one.
///
/// ```
/// use newsmill_core::{Article, Doc, AnalyzeOptions, Record, RecordOptions, Status};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nBody text."), &AnalyzeOptions::default());
/// let r = Record::from_doc(doc, &RecordOptions::default());
/// assert_eq!(r.status, Status::Ok);
/// assert_eq!(r.title.as_deref(), Some("Head"));
/// let e = Record::error("b", "b", newsmill_core::Notice::new("empty", "empty file"));
/// assert_eq!(e.status, Status::Error);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable id of the input item.
    pub id: String,
    /// Where it came from: a path, `path:line`, `-:line`.
    pub source: String,
    /// `ok`, `warning` or `error`.
    pub status: Status,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst / subtitle.
    pub subtitle: Option<String>,
    /// Dateline.
    pub dateline: Option<DatelineOut>,
    /// Publication date as given by the input (HTML input: ISO 8601 with
    /// the page's offset).
    pub published: Option<String>,
    /// The publication date as the page writes it (HTML input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_raw: Option<String>,
    /// URL as given by the input.
    pub url: Option<String>,
    /// Authors the page names (HTML input; empty otherwise).
    #[serde(default)]
    pub authors: Vec<String>,
    /// The publication's name as the page gives it (HTML input).
    #[serde(default)]
    pub site_name: Option<String>,
    /// The language the page declares (HTML input), as written; the
    /// detected language is `language`.
    #[serde(default)]
    pub page_language: Option<String>,
    /// The page's canonical URL (HTML input).
    #[serde(default)]
    pub canonical_url: Option<String>,
    /// The page's own summary (HTML input).
    #[serde(default)]
    pub description: Option<String>,
    /// The article's language, detected from its text before any
    /// extractor ran (null only for a text with no letters).
    #[serde(default)]
    pub language: Option<Language>,
    /// Extractors that did not run on this article, each with why
    /// (`{"ner": "language de not supported"}`); absent when all ran.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<String, String>,
    /// When the page was fetched (WARC input: `WARC-Date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
    /// The analysed text; every offset in the record is a character offset into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Counts of the text and its layers (the `stats` extractor adds
    /// words, reading time and readability).
    pub counts: RecordStats,
    /// Paragraphs with their kinds.
    pub paragraphs: Vec<ParagraphOut>,
    /// Sentence spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SpanOut>>,
    /// Tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenOut>>,
    /// Problems that did not stop processing.
    pub warnings: Vec<Notice>,
    /// Problems that did; an error record has at least one.
    pub errors: Vec<Notice>,
    /// With `--dedup`: the earlier article this one nearly duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_duplicate_of: Option<NearDuplicate>,
    /// With `--emit-signature`: LSH band keys and MinHash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup_signature: Option<DedupSignature>,
    /// Each extractor's annotations, under the extractor's name.
    #[serde(flatten)]
    pub extractions: BTreeMap<String, Vec<AnnotationOut>>,
}

impl Record {
    /// An error record for an input item that could not be read or parsed.
    pub fn error(id: impl Into<String>, source: impl Into<String>, error: Notice) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            source: source.into(),
            status: Status::Error,
            title: None,
            subtitle: None,
            dateline: None,
            published: None,
            published_raw: None,
            url: None,
            authors: Vec::new(),
            site_name: None,
            page_language: None,
            canonical_url: None,
            description: None,
            language: None,
            skipped: BTreeMap::new(),
            fetched: None,
            text: None,
            counts: RecordStats::default(),
            paragraphs: Vec::new(),
            sentences: None,
            tokens: None,
            warnings: Vec::new(),
            errors: vec![error],
            near_duplicate_of: None,
            dedup_signature: None,
            extractions: BTreeMap::new(),
        }
    }

    /// The record of an analysed document with no extractor output,
    /// offsets converted to characters.
    pub fn from_doc(doc: Doc, opts: &RecordOptions) -> Record {
        Record::from_doc_with(doc, opts, &Vocab::default(), &[])
    }

    /// The record of an analysed document, offsets converted to characters;
    /// `vocab` names the annotations' layers, labels and keys; `layers`
    /// lists the layer ids of the pipeline's extractors, each of which gets
    /// a list (empty when it found nothing).
    pub fn from_doc_with(doc: Doc, opts: &RecordOptions, vocab: &Vocab, layers: &[u32]) -> Record {
        let conv = CharOffsets::new(&doc.text);
        let out = |s: Span| SpanOut {
            start: conv.char_offset(s.start),
            end: conv.char_offset(s.end),
        };
        let paragraphs = doc
            .paragraphs
            .iter()
            .map(|p| {
                let s = out(p.span());
                ParagraphOut {
                    start: s.start,
                    end: s.end,
                    kind: p.kind.name().to_string(),
                    repeat_of: (p.repeat_of != u32::MAX).then_some(p.repeat_of),
                }
            })
            .collect::<Vec<_>>();
        let sentences = opts
            .sentences
            .then(|| doc.sentences.iter().map(|s| out(s.span())).collect());
        let tokens = opts.tokens.then(|| {
            doc.tokens
                .iter()
                .map(|t| {
                    let s = out(t.span());
                    TokenOut {
                        start: s.start,
                        end: s.end,
                        kind: t.kind.name().to_string(),
                    }
                })
                .collect()
        });
        let stats = RecordStats {
            bytes: doc.text.len() as u64,
            chars: u64::from(conv.char_offset(doc.text.len() as u32)),
            paragraphs: doc.paragraphs.len() as u32,
            boilerplate: doc
                .paragraphs
                .iter()
                .filter(|p| p.kind == crate::ParagraphKind::BOILERPLATE)
                .count() as u32,
            repeats: doc
                .paragraphs
                .iter()
                .filter(|p| p.kind == crate::ParagraphKind::REPEAT)
                .count() as u32,
            sentences: doc.sentences.len() as u32,
            tokens: doc.tokens.len() as u32,
        };
        let dateline = doc.dateline.map(|d| {
            let s = out(d);
            DatelineOut {
                text: d.slice(&doc.text).to_string(),
                start: s.start,
                end: s.end,
            }
        });
        let skipped: BTreeMap<String, String> = doc.skipped.iter().cloned().collect();
        let extractions = extractions(&doc, &conv, vocab, layers, &skipped);
        let title = doc.title_text().map(str::to_string);
        let subtitle = doc.subtitle_text().map(str::to_string);
        let status = if !doc.errors.is_empty() {
            Status::Error
        } else if !doc.warnings.is_empty() {
            Status::Warning
        } else {
            Status::Ok
        };
        drop(conv);
        Record {
            schema_version: SCHEMA_VERSION,
            id: doc.id,
            source: doc.source,
            status,
            title,
            subtitle,
            dateline,
            published: doc.published,
            published_raw: doc.meta.published_raw,
            url: doc.url,
            authors: doc.meta.authors,
            site_name: doc.meta.site_name,
            page_language: doc.meta.page_language,
            canonical_url: doc.meta.canonical_url,
            description: doc.meta.description,
            language: doc.language,
            skipped,
            fetched: doc.meta.fetched,
            text: opts.text.then_some(doc.text),
            counts: stats,
            paragraphs,
            sentences,
            tokens,
            warnings: doc.warnings,
            errors: doc.errors,
            near_duplicate_of: None,
            dedup_signature: None,
            extractions,
        }
    }
}

fn extractions(
    doc: &Doc,
    conv: &CharOffsets<'_>,
    vocab: &Vocab,
    layers: &[u32],
    skipped: &BTreeMap<String, String>,
) -> BTreeMap<String, Vec<AnnotationOut>> {
    let mut map: BTreeMap<String, Vec<AnnotationOut>> = BTreeMap::new();
    let name = |id: u32| vocab.name(id).unwrap_or("?").to_string();
    for &l in layers {
        let n = name(l);
        // A skipped extractor has no list: "found nothing" and "did not
        // run" stay apart.
        if !skipped.contains_key(&n) {
            map.entry(n).or_default();
        }
    }
    if doc.annotations.is_empty() {
        return map;
    }
    // Index of each annotation within its layer, for references.
    let mut within = Vec::with_capacity(doc.annotations.len());
    let mut counts: BTreeMap<u32, u32> = BTreeMap::new();
    for a in &doc.annotations {
        let c = counts.entry(a.layer).or_insert(0);
        within.push(*c);
        *c += 1;
    }
    let text_of = |start: u32, end: u32| Span::new(start, end).slice(&doc.text).to_string();
    for a in &doc.annotations {
        let mut attrs = BTreeMap::new();
        let list = doc
            .attrs
            .get(a.attr_start as usize..a.attr_end as usize)
            .unwrap_or(&[]);
        for at in list {
            let v = match at.kind {
                AttrKind::NUM => AttrOut::Num(at.num),
                AttrKind::INT => AttrOut::Int(at.int_value().unwrap_or_default()),
                AttrKind::BOOL => AttrOut::Bool(at.a != 0),
                AttrKind::STR => AttrOut::Str(
                    doc.strings
                        .get(at.a as usize..at.b as usize)
                        .unwrap_or("")
                        .to_string(),
                ),
                AttrKind::SPAN => AttrOut::Span {
                    start: conv.char_offset(at.a),
                    end: conv.char_offset(at.b),
                    text: text_of(at.a, at.b),
                },
                AttrKind::REF => match doc.annotations.get(at.a as usize) {
                    Some(target) => AttrOut::Ref {
                        layer: name(target.layer),
                        index: within[at.a as usize],
                    },
                    None => continue,
                },
                _ => continue,
            };
            attrs.insert(name(at.key), v);
        }
        let whole = a.is_document();
        map.entry(name(a.layer)).or_default().push(AnnotationOut {
            start: (!whole).then(|| conv.char_offset(a.start)),
            end: (!whole).then(|| conv.char_offset(a.end)),
            text: (!whole).then(|| text_of(a.start, a.end)),
            label: (a.label != crate::Annotation::NO_LABEL).then(|| name(a.label)),
            score: (a.score != 1.0).then_some(a.score),
            attrs,
        });
    }
    map
}

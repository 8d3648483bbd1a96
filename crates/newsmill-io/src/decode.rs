//! Turning one raw item into an article, or an error record.

use newsmill_core::{Article, Notice, Record};

use crate::json::{self, Scalar};
use crate::read::{Payload, RawItem, ReadOptions};

/// Decode one item: read the file, check and decode its bytes, or parse
/// the JSON line. Safe to call from many threads at once; never panics.
///
/// Problems that stop the item give `Err` with the error record to emit:
/// unreadable file, empty or binary content, over `max_bytes`, malformed
/// JSON, missing text field. Invalid UTF-8 is decoded lossily and gives a
/// warning on the article.
///
/// ```
/// use newsmill_io::{decode, Payload, RawItem, ReadOptions};
/// let item = RawItem { id: "in.jsonl:3".into(), source: "in.jsonl:3".into(),
///     payload: Payload::JsonLine(br#"{"text": "Body"#.to_vec(), 3), size: 14 };
/// let err = decode(item, &ReadOptions::default()).unwrap_err();
/// assert_eq!(err.errors[0].code, "invalid_json");
/// assert!(err.errors[0].message.contains("line 3"));
/// ```
pub fn decode(item: RawItem, opts: &ReadOptions) -> Result<Article, Box<Record>> {
    let RawItem {
        id,
        source,
        payload,
        ..
    } = item;
    let fail = |notice: Notice| Box::new(Record::error(id.clone(), source.clone(), notice));
    match payload {
        Payload::Failed(notice) => Err(fail(notice)),
        Payload::File(path) => {
            let bytes = read_file(&path, opts.max_bytes).map_err(fail)?;
            text_article(bytes, &id, &source).map_err(fail)
        }
        Payload::HtmlFile(path) => {
            let bytes = read_file(&path, opts.max_bytes).map_err(fail)?;
            html_article(&bytes, id, source, &Default::default())
        }
        Payload::Warc(page) => {
            let crate::warc::WarcPage {
                url,
                date,
                charset,
                chunked,
                content_encoding,
                body,
            } = *page;
            // Error records of a page keep its URL and fetch time.
            let with_page = |mut r: Box<Record>| {
                r.url.clone_from(&url);
                r.fetched.clone_from(&date);
                r
            };
            let html = crate::warc::decode_http_body(
                body,
                chunked,
                content_encoding.as_deref(),
                opts.max_bytes,
            )
            .map_err(|m| with_page(fail(Notice::new("bad_http", m))))?;
            if html.len() as u64 > opts.max_bytes {
                return Err(with_page(fail(too_large(
                    html.len() as u64,
                    opts.max_bytes,
                ))));
            }
            let hopts = crate::html::HtmlOptions {
                url: url.as_deref(),
                charset: charset.as_deref(),
            };
            let mut a = html_article(&html, id, source, &hopts).map_err(with_page)?;
            a.meta.fetched = date;
            Ok(a)
        }
        Payload::Html(bytes) => {
            if bytes.len() as u64 > opts.max_bytes {
                return Err(fail(too_large(bytes.len() as u64, opts.max_bytes)));
            }
            html_article(&bytes, id, source, &Default::default())
        }
        Payload::Text(bytes) => {
            if bytes.len() as u64 > opts.max_bytes {
                return Err(fail(too_large(bytes.len() as u64, opts.max_bytes)));
            }
            text_article(bytes, &id, &source).map_err(fail)
        }
        Payload::JsonLine(bytes, line) => {
            let mut warnings = Vec::new();
            let text = match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let (s, n) = lossy(e.as_bytes());
                    warnings.push(invalid_utf8(n));
                    s
                }
            };
            let fields = match json::parse_line(&text, &opts.fields) {
                Ok(f) => f,
                Err(e) => {
                    // Escapes of lone surrogates are valid JSON but not
                    // Unicode: replace them and try again.
                    let fixed = json::replace_lone_surrogates(&text)
                        .and_then(|(t, n)| json::parse_line(&t, &opts.fields).ok().map(|f| (f, n)));
                    let Some((f, n)) = fixed else {
                        return Err(fail(Notice::new(
                            "invalid_json",
                            format!("line {line}: malformed JSON: {e}"),
                        )));
                    };
                    warnings.push(Notice::new(
                        "invalid_unicode_escape",
                        format!("line {line}: {n} escape(s) of a lone UTF-16 surrogate replaced with U+FFFD"),
                    ));
                    f
                }
            };
            let body = match fields.text {
                Scalar::Text(t) => t,
                Scalar::Missing => {
                    let hint = other_text_field(&text)
                        .map(|f| format!("; it has {f:?}: try --text-field {f}"))
                        .unwrap_or_default();
                    return Err(fail(Notice::new(
                        "missing_field",
                        format!("line {line}: no {:?} field{hint}", opts.fields.text),
                    )));
                }
                Scalar::Nested | Scalar::NonString(_) => {
                    return Err(fail(Notice::new(
                        "bad_field",
                        format!("line {line}: field {:?} is not a string", opts.fields.text),
                    )));
                }
            };
            // A field used as the id also fills its own record field
            // (`--id-field url` keeps the record's url).
            let id_value = fields.id.into_option();
            let own = |name: &str, value: Scalar| {
                if name == opts.fields.id {
                    id_value.clone()
                } else {
                    value.into_option()
                }
            };
            let title = own(&opts.fields.title, fields.title);
            let published = own(&opts.fields.date, fields.date);
            let url = own(&opts.fields.url, fields.url);
            let mut article = Article {
                id: id_value.unwrap_or_else(|| id.clone()),
                source: source.clone(),
                title: title.filter(|t| !t.trim().is_empty()),
                published,
                url,
                text: body,
                first_line_is_title: false,
                warnings,
                meta: Default::default(),
            };
            if article.text.trim().is_empty() && article.title.is_none() {
                let mut r = Record::error(
                    article.id,
                    source.clone(),
                    Notice::new("empty", format!("line {line}: the text is empty")),
                );
                r.warnings = std::mem::take(&mut article.warnings);
                return Err(Box::new(r));
            }
            Ok(article)
        }
    }
}

/// An HTML page's article, or an error record (`not_html`,
/// `no_article_body`).
fn html_article(
    bytes: &[u8],
    id: String,
    source: String,
    opts: &crate::html::HtmlOptions<'_>,
) -> Result<Article, Box<Record>> {
    match crate::html::extract(bytes, opts) {
        Ok(page) => Ok(page.into_article(id, source, opts.url)),
        Err(e) => Err(Box::new(Record::error(
            id,
            source,
            Notice::new(e.code(), e.to_string()),
        ))),
    }
}

/// A plain-text article (first line the headline) from its bytes.
fn text_article(bytes: Vec<u8>, id: &str, source: &str) -> Result<Article, Notice> {
    let mut warnings = Vec::new();
    let text = text_from_bytes(bytes, &mut warnings)?;
    let mut a = Article::from_text(id, text);
    a.source = source.to_string();
    a.warnings = warnings;
    Ok(a)
}

fn too_large(len: u64, max: u64) -> Notice {
    Notice::new(
        "too_large",
        format!("{len} bytes is over the --max-bytes limit of {max}"),
    )
}

fn read_file(path: &std::path::Path, max: u64) -> Result<Vec<u8>, Notice> {
    match crate::compress::read_limited(path, max) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(len)) => Err(too_large(len, max)),
        Err(e) if crate::compress::is_stream_error(&e) => {
            Err(Notice::new("corrupt_stream", format!("cannot read: {e}")))
        }
        Err(e) => Err(Notice::new("unreadable", format!("cannot read: {e}"))),
    }
}

fn invalid_utf8(n: usize) -> Notice {
    Notice::new(
        "invalid_utf8",
        format!("not valid UTF-8: {n} invalid byte sequence(s) replaced with U+FFFD"),
    )
}

/// Lossy UTF-8 decoding with the number of replaced sequences.
fn lossy(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut n = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push('\u{FFFD}');
            n += 1;
        }
    }
    (out, n)
}

/// Bytes of a plain-text article to a string: BOMs handled (UTF-16 decoded),
/// invalid UTF-8 replaced with a warning; empty and binary content refused.
fn text_from_bytes(bytes: Vec<u8>, warnings: &mut Vec<Notice>) -> Result<String, Notice> {
    let utf16 = |le: bool, body: &[u8], warnings: &mut Vec<Notice>| {
        let units = body.chunks(2).map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        let mut bad = 0;
        let s: String = char::decode_utf16(units)
            .map(|r| {
                r.unwrap_or_else(|_| {
                    bad += 1;
                    '\u{FFFD}'
                })
            })
            .collect();
        if bad > 0 {
            warnings.push(Notice::new(
                "invalid_utf16",
                format!("{bad} invalid UTF-16 unit(s) replaced with U+FFFD"),
            ));
        }
        s
    };
    let text = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(true, rest, warnings),
        [0xFE, 0xFF, rest @ ..] => utf16(false, rest, warnings),
        _ => {
            if looks_binary(&bytes) {
                return Err(Notice::new(
                    "binary",
                    "binary content (NUL or control bytes), not text",
                ));
            }
            let mut s = match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(e) => {
                    let (s, n) = lossy(e.as_bytes());
                    warnings.push(invalid_utf8(n));
                    s
                }
            };
            if s.starts_with('\u{FEFF}') {
                s.drain(..3);
            }
            s
        }
    };
    if text.trim().is_empty() {
        return Err(Notice::new("empty", "empty: no text"));
    }
    Ok(text)
}

/// A NUL byte, or many control bytes, in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > head.len()
}

/// Fields that often hold an article's body under another name, most
/// likely first.
const TEXT_FIELDS: &[&str] = &[
    "body",
    "content",
    "article",
    "maintext",
    "full_text",
    "fulltext",
    "article_text",
    "text_body",
    "story",
    "Body",
    "Content",
    "Text",
];

/// The field of a JSON object line that most likely holds the article's
/// text, when the configured text field is missing (read only on that
/// error path): a well-known name holding a string, else the longest
/// string of 200 characters or more.
fn other_text_field(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let obj = value.as_object()?;
    let is_text = |v: &serde_json::Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    if let Some(f) = TEXT_FIELDS
        .iter()
        .find(|f| obj.get(**f).is_some_and(is_text))
    {
        return Some((*f).to_string());
    }
    obj.iter()
        .filter_map(|(k, v)| Some((k, v.as_str()?.chars().count())))
        .filter(|(_, n)| *n >= 200)
        .max_by_key(|(_, n)| *n)
        .map(|(k, _)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_item(bytes: &[u8]) -> (tempfile::TempDir, RawItem) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.txt");
        std::fs::write(&p, bytes).unwrap();
        let item = RawItem {
            id: "x.txt".into(),
            source: p.display().to_string(),
            payload: Payload::File(p),
            size: 0,
        };
        (dir, item)
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_warning() {
        let (_d, item) = file_item(b"Caf\xe9 prices\n\nThey rose \xff\xfe by 2%.");
        let a = decode(item, &ReadOptions::default()).unwrap();
        assert_eq!(
            a.text,
            "Caf\u{FFFD} prices\n\nThey rose \u{FFFD}\u{FFFD} by 2%."
        );
        assert_eq!(a.warnings[0].code, "invalid_utf8");
        assert!(a.warnings[0].message.contains("3 invalid"));
    }

    #[test]
    fn empty_binary_and_oversized_files_are_error_records() {
        for (bytes, code) in [
            (&b""[..], "empty"),
            (&b"  \n\n \t"[..], "empty"),
            (&b"\x7fELF\x02\x01\x01\x00\x00\x00"[..], "binary"),
        ] {
            let (_d, item) = file_item(bytes);
            let r = decode(item, &ReadOptions::default()).unwrap_err();
            assert_eq!(r.errors[0].code, code, "{bytes:?}");
            assert_eq!(r.id, "x.txt");
        }
        let (_d, item) = file_item(&[b'a'; 100]);
        let opts = ReadOptions {
            max_bytes: 50,
            ..ReadOptions::default()
        };
        assert_eq!(decode(item, &opts).unwrap_err().errors[0].code, "too_large");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Héllo\n\nWorld".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (_d, item) = file_item(&bytes);
        assert_eq!(
            decode(item, &ReadOptions::default()).unwrap().text,
            "Héllo\n\nWorld"
        );
    }

    #[test]
    fn lenient_json_lines_keep_their_article() {
        let opts = ReadOptions::default();
        let item = |s: &str| RawItem {
            id: "f:1".into(),
            source: "f:1".into(),
            payload: Payload::JsonLine(s.as_bytes().to_vec(), 1),
            size: 0,
        };
        // A lone surrogate escape: the article stays, with a warning.
        let a = decode(item(r#"{"text": "Prices rose \ud800 by 2%."}"#), &opts).unwrap();
        assert_eq!(a.text, "Prices rose \u{FFFD} by 2%.");
        assert_eq!(a.warnings.len(), 1);
        assert_eq!(a.warnings[0].code, "invalid_unicode_escape");
        assert!(a.warnings[0].message.contains("line 1: 1 escape"));
        // A byte-order mark before the first line is skipped.
        let a = decode(item("\u{FEFF}{\"text\": \"Body.\"}"), &opts).unwrap();
        assert_eq!((a.text.as_str(), a.warnings.len()), ("Body.", 0));
        // A number or boolean as the text is a bad field, like an array.
        for bad in ["42", "true", "1.5", "[\"a\"]", "{}"] {
            let r = decode(item(&format!("{{\"text\": {bad}}}")), &opts).unwrap_err();
            assert_eq!(r.errors[0].code, "bad_field", "{bad}");
            assert!(r.errors[0].message.contains("not a string"));
        }
        // A field used as the id fills its own field too.
        let by_url = ReadOptions {
            fields: crate::read::JsonFields {
                id: "url".into(),
                ..Default::default()
            },
            ..ReadOptions::default()
        };
        let a = decode(item(r#"{"url": "http://x/1", "text": "Body."}"#), &by_url).unwrap();
        assert_eq!(
            (a.id.as_str(), a.url.as_deref()),
            ("http://x/1", Some("http://x/1"))
        );
        // Still malformed after the repair: invalid_json.
        let r = decode(item(r#"{"text": "\ud800"#), &opts).unwrap_err();
        assert_eq!(r.errors[0].code, "invalid_json");
    }

    #[test]
    fn json_line_fields_and_missing_text() {
        let opts = ReadOptions::default();
        let item = |s: &str| RawItem {
            id: "f:7".into(),
            source: "f:7".into(),
            payload: Payload::JsonLine(s.as_bytes().to_vec(), 7),
            size: 0,
        };
        let a = decode(
            item(r#"{"id": 42, "title": "T", "text": "Body.", "url": "u", "date": "2024-01-02"}"#),
            &opts,
        )
        .unwrap();
        assert_eq!(
            (a.id.as_str(), a.title.as_deref(), a.published.as_deref()),
            ("42", Some("T"), Some("2024-01-02"))
        );
        let r = decode(item(r#"{"title": " ", "text": "\n"}"#), &opts).unwrap_err();
        assert_eq!(r.errors[0].code, "empty");
        let r = decode(item(r#"{"title": "T"}"#), &opts).unwrap_err();
        assert_eq!(r.errors[0].code, "missing_field");
        assert!(r.errors[0].message.contains("line 7"));
        assert_eq!(r.id, "f:7");
    }
}

//! Choosing and applying a page's character encoding: byte-order mark,
//! then the HTTP `charset`, then `<meta charset>` / `http-equiv`, then
//! UTF-8 (invalid sequences replaced, with a warning).

use encoding_rs::{Encoding, UTF_8};
use newsmill_core::Notice;

/// How far into the page to look for a `<meta>` charset declaration.
const PRESCAN: usize = 4096;

/// Decode `bytes` to text, pushing a warning for an unknown charset label
/// or for bytes that are invalid in the chosen encoding. Never fails.
pub(crate) fn decode(bytes: &[u8], http: Option<&str>, warnings: &mut Vec<Notice>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return run(enc, &bytes[bom..], warnings);
    }
    if let Some(label) = http.map(str::trim).filter(|l| !l.is_empty()) {
        match Encoding::for_label(label.as_bytes()) {
            Some(enc) => return run(html_encoding(enc), bytes, warnings),
            None => warnings.push(unknown(label, "HTTP Content-Type")),
        }
    }
    if let Some(label) = meta_charset(&bytes[..bytes.len().min(PRESCAN)]) {
        let label = String::from_utf8_lossy(label);
        match Encoding::for_label(label.trim().as_bytes()) {
            Some(enc) => {
                let enc = html_encoding(enc);
                // A page that says Latin-1 but is valid UTF-8 with
                // non-ASCII bytes was saved as UTF-8: the label is stale.
                if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
                    return run(UTF_8, bytes, warnings);
                }
                return run(enc, bytes, warnings);
            }
            None => warnings.push(unknown(&label, "<meta>")),
        }
    }
    run(UTF_8, bytes, warnings)
}

/// As browsers do: a `<meta>` or HTTP label naming UTF-16 means UTF-8 for
/// a page with no byte-order mark, and `x-user-defined` is windows-1252.
fn html_encoding(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    }
}

fn unknown(label: &str, from: &str) -> Notice {
    let label: String = label.chars().take(40).collect();
    Notice::new(
        "unknown_charset",
        format!("unknown charset {label:?} in the {from}; read as UTF-8"),
    )
}

fn run(enc: &'static Encoding, bytes: &[u8], warnings: &mut Vec<Notice>) -> String {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        warnings.push(Notice::new(
            "invalid_charset_bytes",
            format!("bytes not valid in {} replaced with U+FFFD", enc.name()),
        ));
    }
    text.into_owned()
}

/// The charset label of the first `<meta charset=...>` or
/// `<meta http-equiv=content-type content="...; charset=...">` in `head`.
fn meta_charset(head: &[u8]) -> Option<&[u8]> {
    let mut at = 0;
    while let Some(i) = find_ci(&head[at..], b"<meta") {
        let start = at + i + 5;
        let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = find_ci(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            rest = trim_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_start(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let len = r
                    .iter()
                    .position(|&b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(r.len());
                if len > 0 {
                    return Some(&r[..len]);
                }
            }
        }
        at = end;
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// ASCII case-insensitive search for a lower-case `needle`.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let s = from + i;
        if hay.len() - s < needle.len() {
            return None;
        }
        if hay[s..s + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(s);
        }
        from = s + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8], http: Option<&str>) -> (String, Vec<String>) {
        let mut w = Vec::new();
        let s = decode(bytes, http, &mut w);
        (s, w.into_iter().map(|n| n.code).collect())
    }

    #[test]
    fn meta_charset_and_http_header_choose_the_encoding() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(dec(page, None).0.contains("caf\u{e9}"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8";
        assert!(dec(page, None).0.contains("\u{41f}\u{440}\u{438}"));
        // The HTTP header wins over <meta>.
        let page = b"<meta charset=utf-8><p>caf\xe9";
        assert_eq!(
            dec(page, Some("latin1")).0,
            "<meta charset=utf-8><p>caf\u{e9}"
        );
    }

    #[test]
    fn unknown_labels_and_bad_bytes_are_warnings() {
        let (s, w) = dec(b"<meta charset=\"klingon-8\"><p>ok", None);
        assert!(s.ends_with("<p>ok"));
        assert_eq!(w, ["unknown_charset"]);
        let (s, w) = dec(b"<p>bad \xff\xfe here", Some("no-such-charset"));
        assert!(s.contains('\u{FFFD}'));
        assert_eq!(w, ["unknown_charset", "invalid_charset_bytes"]);
    }

    #[test]
    fn bom_wins_and_stale_latin1_label_on_utf8_bytes_reads_utf8() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1><p>é".as_bytes());
        assert_eq!(dec(&page, Some("latin1")).0, "<meta charset=latin1><p>é");
        assert_eq!(
            dec("<meta charset=latin1><p>é".as_bytes(), None).0,
            "<meta charset=latin1><p>é"
        );
    }
}

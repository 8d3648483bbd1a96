//! WARC archives (`.warc`, `.warc.gz` with one gzip member per record, as
//! Common Crawl writes them), read as a stream: one record at a time, never
//! the whole archive.
//!
//! The reader thread only frames records and reads the HTTP status line and
//! headers; the HTTP body (chunked transfer, content encoding) and the HTML
//! are decoded on the workers ([`decode_http_body`], then `html::extract`).

use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::sync::{Arc, Mutex};

/// Counts of the WARC records read, by what became of them, shared between
/// the reader and whoever prints the summary.
///
/// ```
/// let c = newsmill_io::WarcCounts::default();
/// assert_eq!(c.summary(), None); // no WARC input
/// ```
#[derive(Clone, Debug, Default)]
pub struct WarcCounts(Arc<Mutex<BTreeMap<&'static str, u64>>>);

impl WarcCounts {
    pub(crate) fn add(&self, what: &'static str) {
        if let Ok(mut m) = self.0.lock() {
            *m.entry(what).or_insert(0) += 1;
        }
    }

    /// The counts so far, by kind: `pages` (HTML responses that became
    /// items) and the skipped kinds (`request`, `metadata`, `warcinfo`,
    /// `non-HTML response`, `non-200 response`, ...).
    pub fn get(&self) -> BTreeMap<&'static str, u64> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// One line for the run's summary, or `None` when no WARC was read.
    pub fn summary(&self) -> Option<String> {
        let m = self.get();
        if m.is_empty() {
            return None;
        }
        let pages = m.get(PAGES).copied().unwrap_or(0);
        let total: u64 = m.values().sum();
        let skipped: Vec<String> = m
            .iter()
            .filter(|(k, _)| **k != PAGES)
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        Some(format!(
            "newsmill: WARC: {total} records, {pages} HTML pages read; skipped: {}",
            if skipped.is_empty() {
                "none".to_string()
            } else {
                skipped.join(", ")
            }
        ))
    }
}

pub(crate) const PAGES: &str = "pages";

/// The file opened and decompressed, when its content starts with `WARC/`
/// (a WARC archive whatever its name); `None` for anything else, unreadable
/// files included (reading them as text reports the error).
pub(crate) fn sniff(path: &std::path::Path) -> Option<Box<dyn BufRead + Send>> {
    let (mut reader, _) = crate::compress::open_decompressed(path).ok()?;
    let head = reader.fill_buf().ok()?;
    head.starts_with(b"WARC/").then_some(reader)
}

/// An HTML response found in an archive, before decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date` (the fetch time).
    pub date: Option<String>,
    /// The charset of the HTTP `Content-Type` header.
    pub charset: Option<String>,
    /// `Transfer-Encoding: chunked`.
    pub chunked: bool,
    /// `Content-Encoding` (`gzip`, `deflate`, ...), lower-cased; `None` or
    /// `identity` for none.
    pub content_encoding: Option<String>,
    /// The HTTP body as stored.
    pub body: Vec<u8>,
}

/// What the next record of an archive gave.
#[derive(Debug)]
pub(crate) enum Next {
    /// An HTML page; `id` the WARC-Record-ID (or the record number).
    Page { id: String, page: Box<WarcPage> },
    /// A response too large for `--max-bytes`: an error item.
    TooLarge { id: String, len: u64 },
    /// A record that is not an article, counted under this kind.
    Skipped(&'static str),
    /// A damaged record: one error item. With `fatal` the archive cannot be
    /// read on (truncated, corrupt compression); otherwise the reader skips
    /// to the next line that starts with `WARC/1.` and goes on from there.
    Broken {
        msg: String,
        code: &'static str,
        fatal: bool,
    },
    /// The end of the archive.
    End,
}

/// Counts the bytes taken out of a reader (the offset of the next byte),
/// with a replay buffer read before the stream: after a block whose
/// Content-Length was wrong, the bytes from the first line in it that looks
/// like a record start are put back and read again.
struct Counted {
    inner: Box<dyn BufRead + Send>,
    pos: u64,
    replay: Vec<u8>,
    replay_at: usize,
}

impl Counted {
    /// Put `bytes` back in front of what is left to read; they start at
    /// offset `at` of the stream.
    fn unread(&mut self, mut bytes: Vec<u8>, at: u64) {
        bytes.extend_from_slice(&self.replay[self.replay_at..]);
        self.replay = bytes;
        self.replay_at = 0;
        self.pos = at;
    }
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = if self.replay_at < self.replay.len() {
            let rest = &self.replay[self.replay_at..];
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            self.replay_at += n;
            n
        } else {
            self.inner.read(buf)?
        };
        self.pos += n as u64;
        Ok(n)
    }
}

impl BufRead for Counted {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.replay_at < self.replay.len() {
            return Ok(&self.replay[self.replay_at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if self.replay_at < self.replay.len() {
            self.replay_at = (self.replay_at + amt).min(self.replay.len());
            if self.replay_at == self.replay.len() {
                self.replay = Vec::new();
                self.replay_at = 0;
            }
        } else {
            self.inner.consume(amt);
        }
        self.pos += amt as u64;
    }
}

/// The most bytes kept for a replay while skipping a block (beyond it,
/// records after a wrong Content-Length of a skipped block are lost).
const REPLAY_CAP: usize = 64 << 20;

const VERSION: &[u8] = b"WARC/1.";

/// Whether `b` (the bytes from a line start on) may begin a record: it
/// starts with `WARC/1.`, or with the start of it when `b` is shorter.
fn may_start_record(b: &[u8]) -> bool {
    let n = b.len().min(VERSION.len());
    n > 0 && b[..n] == VERSION[..n]
}

/// The first line start in `block` (the block starts at a line start) where
/// a record may begin.
fn first_record_start(block: &[u8]) -> Option<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', block).map(|i| i + 1))
        .filter(|&i| i < block.len())
        .find(|&i| may_start_record(&block[i..]))
}

/// Frames WARC records out of a (decompressed) stream.
pub(crate) struct WarcReader {
    r: Counted,
    max: u64,
    /// Records read so far (the version lines seen).
    pub(crate) records: u64,
    /// The offset of the record being read (in the decompressed stream).
    start: u64,
    /// After a damaged record: skip to the next `WARC/1.` line.
    resync: bool,
    line: Vec<u8>,
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// Read one line (with its ending) into `buf`, at most `max` bytes.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<usize> {
    buf.clear();
    r.take(max as u64).read_until(b'\n', buf)
}

impl WarcReader {
    pub(crate) fn new(r: Box<dyn BufRead + Send>, max: u64) -> Self {
        WarcReader {
            r: Counted {
                inner: r,
                pos: 0,
                replay: Vec::new(),
                replay_at: 0,
            },
            max,
            records: 0,
            start: 0,
            resync: false,
            line: Vec::new(),
        }
    }

    /// The next record.
    pub(crate) fn next(&mut self) -> Next {
        let next = match self.next_inner() {
            Ok(n) => n,
            Err(e) => Next::Broken {
                msg: format!("{}: {e}", self.at()),
                code: crate::read::read_error_code(&e),
                fatal: true,
            },
        };
        if let Next::Broken { fatal: false, .. } = next {
            self.resync = true;
        }
        next
    }

    /// "record N at offset X", for messages.
    fn at(&self) -> String {
        format!("record {} at offset {}", self.records.max(1), self.start)
    }

    /// A damaged record the reader can skip.
    fn damaged(&self, what: impl std::fmt::Display) -> Next {
        Next::Broken {
            msg: format!("{}: {what}", self.at()),
            code: "bad_warc",
            fatal: false,
        }
    }

    /// The archive ends inside record: nothing more to read.
    fn truncated(&self, what: impl std::fmt::Display) -> Next {
        Next::Broken {
            msg: format!("{}: the archive is truncated: {what}", self.at()),
            code: "truncated",
            fatal: true,
        }
    }

    fn next_inner(&mut self) -> std::io::Result<Next> {
        // The version line, after any blank lines (after damage: after
        // anything up to a line that starts with `WARC/1.`).
        let mut line_start = true;
        loop {
            let at = self.r.pos;
            let n = read_line(&mut self.r, &mut self.line, 1024)?;
            if n == 0 {
                return Ok(Next::End);
            }
            let starts = line_start;
            line_start = self.line.last() == Some(&b'\n');
            if self.resync {
                if starts && self.line.starts_with(b"WARC/1.") {
                    self.resync = false;
                    self.start = at;
                    break;
                }
                continue;
            }
            if !trim(&self.line).is_empty() {
                self.start = at;
                break;
            }
        }
        self.records += 1;
        if !self.line.starts_with(b"WARC/") {
            let found = lossy(&self.line[..self.line.len().min(40)]);
            return Ok(self.damaged(format!("expected a WARC/1.x version line, found {found:?}")));
        }
        let mut kind = String::new();
        let mut url = None;
        let mut date = None;
        let mut id = None;
        let mut length: Option<Result<u64, String>> = None;
        let mut header_bytes = 0usize;
        loop {
            let n = read_line(&mut self.r, &mut self.line, 64 * 1024)?;
            header_bytes += n;
            if n == 0 {
                return Ok(self.truncated("it ends inside the WARC headers"));
            }
            if header_bytes > 1 << 20 {
                return Ok(self.damaged("WARC headers longer than 1 MB"));
            }
            let line = trim(&self.line);
            if line.is_empty() {
                break;
            }
            let Some(colon) = memchr::memchr(b':', line) else {
                continue;
            };
            let (name, value) = (trim(&line[..colon]), trim(&line[colon + 1..]));
            if name.eq_ignore_ascii_case(b"WARC-Type") {
                kind = lossy(value).to_ascii_lowercase();
            } else if name.eq_ignore_ascii_case(b"WARC-Target-URI") {
                url = Some(lossy(value.strip_prefix(b"<").unwrap_or(value)))
                    .map(|s| s.trim_end_matches('>').to_string());
            } else if name.eq_ignore_ascii_case(b"WARC-Date") {
                date = Some(lossy(value));
            } else if name.eq_ignore_ascii_case(b"WARC-Record-ID") {
                id = Some(lossy(value).trim_matches(['<', '>']).to_string());
            } else if name.eq_ignore_ascii_case(b"Content-Length") {
                let v = lossy(value);
                length = Some(v.parse::<u64>().map_err(|_| v));
            }
        }
        let length = match length {
            Some(Ok(n)) => n,
            Some(Err(v)) => return Ok(self.damaged(format!("bad Content-Length {v:?}"))),
            None => return Ok(self.damaged("no Content-Length")),
        };
        let id = id.unwrap_or_else(|| format!("record-{}", self.records));
        let skip_kind: Option<&'static str> = match kind.as_str() {
            "response" => None,
            "request" => Some("request"),
            "metadata" => Some("metadata"),
            "warcinfo" => Some("warcinfo"),
            "revisit" => Some("revisit"),
            "resource" => Some("resource"),
            "conversion" => Some("conversion"),
            _ => Some("other"),
        };
        let short = |got: u64| {
            format!("the block has {got} of its {length} bytes (or its Content-Length is wrong)")
        };
        let block_start = self.r.pos;
        if skip_kind.is_some() || length > self.max.saturating_add(64 * 1024) {
            let (copied, replay) = self.skip_block(length)?;
            if copied < length {
                return Ok(match replay {
                    Some((at, bytes)) => self.wrong_length(length, block_start + at, bytes, &[]),
                    None => self.truncated(short(copied)),
                });
            }
            if let Some((broken, ends)) = self.end_of_record()? {
                return Ok(match replay {
                    Some((at, bytes)) => self.wrong_length(length, block_start + at, bytes, ends),
                    None => broken,
                });
            }
            return Ok(match skip_kind {
                Some(k) => Next::Skipped(k),
                None => Next::TooLarge { id, len: length },
            });
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.r).take(length).read_to_end(&mut block)?;
        let short_by = (block.len() as u64) < length;
        let ends = if short_by {
            None
        } else {
            self.end_of_record()?
        };
        if short_by || ends.is_some() {
            let Some(at) = first_record_start(&block) else {
                return Ok(match ends {
                    Some((broken, _)) => broken,
                    None => self.truncated(short(block.len() as u64)),
                });
            };
            let consumed = ends.map(|(_, e)| e).unwrap_or_default();
            block.drain(..at);
            return Ok(self.wrong_length(length, block_start + at as u64, block, consumed));
        }
        Ok(match parse_http(block) {
            Http::Page(mut page) => {
                page.url = url;
                page.date = date;
                Next::Page { id, page }
            }
            Http::Skip(k) => Next::Skipped(k),
        })
    }

    /// A block that does not end where its Content-Length says, with a
    /// record start inside it at offset `at`: the bytes from there (and the
    /// record-end bytes `ends` read after the block) are read again, this
    /// record is one `bad_warc` error.
    fn wrong_length(&mut self, length: u64, at: u64, mut bytes: Vec<u8>, ends: &[u8]) -> Next {
        bytes.extend_from_slice(ends);
        let broken = self.damaged(format!(
            "its Content-Length {length} runs past the record's end (a record starts at offset {at}); reading on from there"
        ));
        self.r.unread(bytes, at);
        broken
    }

    /// Read past a block of `length` bytes without keeping it: the bytes
    /// read and, when a line in it may start a record, that line's offset
    /// in the block and the bytes from there on (at most [`REPLAY_CAP`]).
    #[allow(clippy::type_complexity)]
    fn skip_block(&mut self, length: u64) -> std::io::Result<(u64, Option<(u64, Vec<u8>)>)> {
        let mut copied = 0u64;
        let mut line_start = true;
        let mut replay: Option<(u64, Vec<u8>)> = None;
        while copied < length {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let n = buf
                .len()
                .min(usize::try_from(length - copied).unwrap_or(usize::MAX));
            let chunk = &buf[..n];
            match replay.as_mut() {
                Some((_, bytes)) if bytes.len() + n <= REPLAY_CAP => bytes.extend_from_slice(chunk),
                Some(_) => replay = None,
                None => {
                    let first = if line_start && may_start_record(chunk) {
                        Some(0)
                    } else {
                        memchr::memchr_iter(b'\n', chunk)
                            .map(|i| i + 1)
                            .filter(|&i| i < n)
                            .find(|&i| may_start_record(&chunk[i..]))
                    };
                    if let Some(i) = first {
                        replay = Some((copied + i as u64, chunk[i..].to_vec()));
                    }
                }
            }
            line_start = chunk.last() == Some(&b'\n');
            self.r.consume(n);
            copied += n as u64;
        }
        Ok((copied, replay))
    }

    /// The two CRLFs that end a record; anything else means the
    /// Content-Length was wrong: the error and the record-end bytes that
    /// were read. Only matching bytes are consumed.
    fn end_of_record(&mut self) -> std::io::Result<Option<(Next, &'static [u8])>> {
        let mut got = 0;
        while got < 4 {
            let buf = self.r.fill_buf()?;
            let Some(&b) = buf.first() else {
                // Some writers leave the last record's CRLFs out.
                return Ok(None);
            };
            if b != b"\r\n\r\n"[got] {
                return Ok(Some((
                    self.damaged(
                        "the block does not end where its Content-Length says (bad Content-Length or a damaged archive)",
                    ),
                    &b"\r\n\r\n"[..got],
                )));
            }
            self.r.consume(1);
            got += 1;
        }
        Ok(None)
    }
}

enum Http {
    Page(Box<WarcPage>),
    Skip(&'static str),
}

/// Split an HTTP response into status, headers and body; keep HTML 200s.
fn parse_http(mut block: Vec<u8>) -> Http {
    let head_end = memchr::memmem::find(&block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(&block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_len, body_start)) = head_end else {
        return Http::Skip("non-HTTP response");
    };
    let head = &block[..head_len];
    let mut lines = head.split(|&b| b == b'\n').map(trim);
    let status = lines.next().unwrap_or_default();
    if !status.starts_with(b"HTTP/") {
        return Http::Skip("non-HTTP response");
    }
    let code = status
        .split(|&b| b == b' ')
        .filter(|p| !p.is_empty())
        .nth(1)
        .unwrap_or_default();
    if code != b"200" {
        return Http::Skip("non-200 response");
    }
    let mut html = false;
    let mut charset = None;
    let mut chunked = false;
    let mut encoding = None;
    for line in lines {
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let (name, value) = (trim(&line[..colon]), trim(&line[colon + 1..]));
        if name.eq_ignore_ascii_case(b"Content-Type") {
            let v = lossy(value).to_ascii_lowercase();
            let mut parts = v.split(';').map(str::trim);
            let mime = parts.next().unwrap_or_default();
            html = matches!(mime, "text/html" | "application/xhtml+xml");
            charset = parts
                .filter_map(|p| p.strip_prefix("charset="))
                .map(|c| c.trim_matches(['"', '\'']).to_string())
                .find(|c| !c.is_empty());
        } else if name.eq_ignore_ascii_case(b"Transfer-Encoding") {
            chunked = lossy(value).to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case(b"Content-Encoding") {
            encoding = Some(lossy(value).to_ascii_lowercase());
        }
    }
    if !html {
        return Http::Skip("non-HTML response");
    }
    block.drain(..body_start);
    Http::Page(Box::new(WarcPage {
        url: None,
        date: None,
        charset,
        chunked,
        content_encoding: encoding.filter(|e| e != "identity"),
        body: block,
    }))
}

/// The HTML bytes of a page: chunked transfer undone, then `gzip` /
/// `deflate` content encoding undone; at most `max` bytes.
///
/// ```
/// let page = newsmill_io::WarcPage { url: None, date: None, charset: None, chunked: true,
///     content_encoding: None, body: b"5\r\n<p>Hi\r\n5\r\n</p>\n\r\n0\r\n\r\n".to_vec() };
/// assert_eq!(newsmill_io::decode_http_body(page.body, true, None, 1000).unwrap(), b"<p>Hi</p>\n");
/// ```
pub fn decode_http_body(
    body: Vec<u8>,
    chunked: bool,
    content_encoding: Option<&str>,
    max: u64,
) -> Result<Vec<u8>, String> {
    let body = if chunked { dechunk(&body)? } else { body };
    match content_encoding {
        None => Ok(body),
        Some("gzip" | "x-gzip") => {
            inflate(flate2::read::MultiGzDecoder::new(&body[..]), max, "gzip")
        }
        Some("deflate") => {
            // Servers send zlib-wrapped or raw deflate under this name.
            inflate(flate2::read::ZlibDecoder::new(&body[..]), max, "deflate")
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), max, "deflate"))
        }
        Some(other) => Err(format!("unsupported HTTP Content-Encoding {other:?}")),
    }
}

fn inflate(r: impl Read, max: u64, name: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(max + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("HTTP body: bad {name} content encoding: {e}"))?;
    if out.len() as u64 > max {
        return Err(format!(
            "HTTP body is over the --max-bytes limit of {max} once decoded"
        ));
    }
    Ok(out)
}

fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(eol) = memchr::memchr(b'\n', rest) else {
            return Err("HTTP chunked body: truncated chunk header".into());
        };
        let size_line = trim(&rest[..eol]);
        let hex = size_line
            .split(|&b| b == b';')
            .next()
            .map(trim)
            .unwrap_or_default();
        let size = std::str::from_utf8(hex)
            .ok()
            .and_then(|h| usize::from_str_radix(h, 16).ok())
            .ok_or_else(|| format!("HTTP chunked body: bad chunk size {:?}", lossy(hex)))?;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        let Some(chunk) = rest.get(..size) else {
            // A chunk cut short: keep what is there.
            out.extend_from_slice(rest);
            return Ok(out);
        };
        out.extend_from_slice(chunk);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{uri}>\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(status: &str, ctype: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n{body}").into_bytes()
    }

    fn all(bytes: Vec<u8>) -> Vec<Next> {
        let mut r = WarcReader::new(Box::new(std::io::Cursor::new(bytes)), 1 << 20);
        let mut out = Vec::new();
        loop {
            let n = r.next();
            let stop = matches!(n, Next::End | Next::Broken { fatal: true, .. });
            out.push(n);
            if stop {
                return out;
            }
        }
    }

    fn msg(n: &Next) -> (&str, bool) {
        match n {
            Next::Broken { msg, fatal, .. } => (msg, *fatal),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    fn with_length(rec: &[u8], from: usize, to: usize) -> Vec<u8> {
        String::from_utf8(rec.to_vec())
            .unwrap()
            .replace(
                &format!("Content-Length: {from}\r"),
                &format!("Content-Length: {to}\r"),
            )
            .into_bytes()
    }

    #[test]
    fn bad_length_is_one_error_then_the_reader_resyncs() {
        let body = http("200 OK", "text/html", "<p>one</p>");
        let good = record("response", "http://a.example/1", &body);
        let len = body.len();
        // Content-Length three too large, two too small, 40 too large: each
        // is one error, then the reader finds the next `WARC/1.` line.
        for wrong in [len + 3, len - 2, len + 40] {
            let mut w = good.clone();
            w.extend(with_length(&good, len, wrong));
            w.extend(good.clone());
            w.extend(good.clone());
            let got = all(w);
            assert!(matches!(got[0], Next::Page { .. }));
            let (m, fatal) = msg(&got[1]);
            assert!(!fatal);
            assert!(
                m.contains("record 2 at offset") && m.contains("Content-Length"),
                "{m}"
            );
            let pages = got
                .iter()
                .filter(|n| matches!(n, Next::Page { .. }))
                .count();
            // 40 bytes too long runs into the next record's version line:
            // the reader reads on from that line, no other record is lost.
            assert_eq!(pages, 3, "{wrong}: {got:?}");
            assert!(matches!(got.last(), Some(Next::End)));
        }

        let mut w = good.clone();
        w.extend(b"WARC/1.0\r\nContent-Length: ten\r\n\r\nxxxxxxxxxx\r\n\r\n");
        w.extend(good.clone());
        let got = all(w);
        assert!(msg(&got[1]).0.contains("bad Content-Length \"ten\""));
        assert!(matches!(got[2], Next::Page { .. }));
        let garbage = all(b"garbage\n".to_vec());
        let (m, _) = msg(&garbage[0]);
        assert!(m.contains("version line"), "{m}");
    }

    /// 102 records, the second with a Content-Length past the end of the
    /// archive (10^15, or just over --max-bytes, or a few KB past the end):
    /// 101 pages and one `bad_warc` error naming record 2.
    #[test]
    fn a_length_past_the_end_loses_only_that_record() {
        let max = 1 << 20;
        let recs: Vec<Vec<u8>> = (0..102)
            .map(|i| {
                let body = http("200 OK", "text/html", &format!("<p>page {i}</p>"));
                record("response", &format!("http://a.example/{i}"), &body)
            })
            .collect();
        let len2 = http("200 OK", "text/html", "<p>page 1</p>").len();
        let total: usize = recs.iter().map(Vec::len).sum();
        for wrong in [
            1_000_000_000_000_000u64,
            max + 64 * 1024 + 1,
            (total + 5000) as u64,
        ] {
            let mut w = Vec::new();
            for (i, r) in recs.iter().enumerate() {
                if i == 1 {
                    w.extend(with_length(r, len2, wrong as usize));
                } else {
                    w.extend(r);
                }
            }
            let mut r = WarcReader::new(Box::new(std::io::Cursor::new(w)), max);
            let mut pages = Vec::new();
            let mut errors = Vec::new();
            loop {
                match r.next() {
                    Next::Page { page, .. } => pages.push(page.url.unwrap_or_default()),
                    Next::Broken { msg, code, fatal } => errors.push((msg, code, fatal)),
                    Next::End => break,
                    other => panic!("{wrong}: {other:?}"),
                }
            }
            assert_eq!(pages.len(), 101, "{wrong}: {errors:?}");
            assert_eq!(pages[1], "http://a.example/2");
            assert_eq!(pages[100], "http://a.example/101");
            assert_eq!(errors.len(), 1, "{wrong}: {errors:?}");
            let (m, code, fatal) = &errors[0];
            assert_eq!((*code, *fatal), ("bad_warc", false));
            assert!(
                m.starts_with("record 2 at offset")
                    && m.contains(&format!("Content-Length {wrong}")),
                "{m}"
            );
        }
    }

    /// A record over --max-bytes whose length is right stays one
    /// `too_large` item even when its block holds a line `WARC/1.0`.
    #[test]
    fn a_record_start_inside_a_good_block_is_not_a_resync() {
        let inner = format!(
            "{}\nWARC/1.0\r\n{}",
            "<p>x</p>".repeat(5000),
            "<p>y</p>".repeat(5000)
        );
        let big = http("200 OK", "text/html", &inner);
        let mut w = record("response", "http://a.example/big", &big);
        w.extend(record("request", "http://a.example/q", inner.as_bytes()));
        w.extend(record(
            "response",
            "http://a.example/1",
            &http("200 OK", "text/html", "<p>one</p>"),
        ));
        let mut r = WarcReader::new(Box::new(std::io::Cursor::new(w)), 1000);
        assert!(matches!(r.next(), Next::TooLarge { .. }));
        assert!(matches!(r.next(), Next::Skipped("request")));
        assert!(matches!(r.next(), Next::Page { .. }));
        assert!(matches!(r.next(), Next::End));
    }

    #[test]
    fn truncation_is_one_fatal_error_with_the_offset() {
        let good = record(
            "response",
            "http://a.example/1",
            &http("200 OK", "text/html", "<p>one</p>"),
        );
        let mut w = good.clone();
        w.extend(&good[..good.len() - 20]);
        let got = all(w);
        assert_eq!(got.len(), 2);
        assert!(matches!(got[0], Next::Page { .. }));
        let (m, fatal) = msg(&got[1]);
        assert!(fatal);
        assert!(
            m.contains(&format!("record 2 at offset {}", good.len())) && m.contains("truncated"),
            "{m}"
        );
        let got = all(good[..40].to_vec());
        assert!(msg(&got[0]).0.contains("inside the WARC headers"));
    }

    #[test]
    fn frames_records_and_keeps_html_200s() {
        let mut w = record("warcinfo", "", b"software: test\r\n");
        w.extend(record(
            "request",
            "http://a.example/",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "http://a.example/",
            &http(
                "200 OK",
                "text/html; charset=ISO-8859-1",
                "<p>Caf\u{e9}</p>",
            ),
        ));
        w.extend(record(
            "response",
            "http://a.example/x.png",
            &http("200 OK", "image/png", "PNG"),
        ));
        w.extend(record(
            "response",
            "http://a.example/gone",
            &http("404 Not Found", "text/html", "<p>no</p>"),
        ));
        w.extend(record(
            "metadata",
            "http://a.example/",
            b"fetchTimeMs: 1\r\n",
        ));
        let got = all(w);
        assert_eq!(got.len(), 7);
        assert!(matches!(got[0], Next::Skipped("warcinfo")));
        assert!(matches!(got[1], Next::Skipped("request")));
        let Next::Page { id, page } = &got[2] else {
            panic!("{:?}", got[2])
        };
        assert_eq!(id, "urn:uuid:response-http://a.example/");
        assert_eq!(page.url.as_deref(), Some("http://a.example/"));
        assert_eq!(page.date.as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(page.charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(page.body, "<p>Caf\u{e9}</p>".as_bytes());
        assert!(matches!(got[3], Next::Skipped("non-HTML response")));
        assert!(matches!(got[4], Next::Skipped("non-200 response")));
        assert!(matches!(got[5], Next::Skipped("metadata")));
        assert!(matches!(got[6], Next::End));
    }

    #[test]
    fn chunked_and_gzip_bodies() {
        assert_eq!(
            dechunk(b"3;x=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(
            decode_http_body(gz, false, Some("gzip"), 100).unwrap(),
            b"<p>zipped</p>"
        );
        assert!(
            decode_http_body(b"x".to_vec(), false, Some("br"), 100)
                .unwrap_err()
                .contains("br")
        );
    }

    #[test]
    fn a_response_over_max_bytes_is_skipped_unread_and_reported() {
        let big = http("200 OK", "text/html", &"<p>long</p>".repeat(10_000));
        let mut w = record("response", "http://a.example/big", &big);
        w.extend(record(
            "response",
            "http://a.example/1",
            &http("200 OK", "text/html", "<p>one</p>"),
        ));
        let mut r = WarcReader::new(Box::new(std::io::Cursor::new(w)), 1000);
        let Next::TooLarge { id, len } = r.next() else {
            panic!("expected too large")
        };
        assert_eq!(
            (id.as_str(), len),
            ("urn:uuid:response-http://a.example/big", big.len() as u64)
        );
        assert!(matches!(r.next(), Next::Page { .. }));
        assert!(matches!(r.next(), Next::End));
    }

    /// Archives stitched from WARC and HTTP fragments and random bytes, by
    /// a fixed xorshift sequence: the reader and the body decoder return,
    /// never panic, and always reach the end.
    #[test]
    fn stitched_fragments_never_panic() {
        const PARTS: [&[u8]; 14] = [
            b"WARC/1.0\r\n",
            b"WARC-Type: response\r\n",
            b"WARC-Type: request\r\n",
            b"Content-Length: 40\r\n",
            b"Content-Length: 99999999999999999999\r\n",
            b"\r\n",
            b"\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n",
            b"Content-Type: text/html; charset=\r\n",
            b"Transfer-Encoding: chunked\r\n",
            b"Content-Encoding: gzip\r\n",
            b"ffffffff\r\n",
            b"<p>Caf\xe9</p>",
            b"\x1f\x8b\x08\x00",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..(next() % 24) {
                let n = next();
                if n % 5 == 0 {
                    bytes.extend((0..n % 50).map(|_| next() as u8));
                } else {
                    bytes.extend_from_slice(PARTS[(n % PARTS.len() as u64) as usize]);
                }
            }
            for n in all(bytes) {
                if let Next::Page { page, .. } = n {
                    let p = *page;
                    let _ =
                        decode_http_body(p.body, p.chunked, p.content_encoding.as_deref(), 1 << 16);
                }
            }
        }
    }

    #[test]
    fn any_bytes_never_panic() {
        let good = record(
            "response",
            "http://a.example/1",
            &http("200 OK", "text/html", "<p>one</p>"),
        );
        for cut in 0..good.len() {
            let _ = all(good[..cut].to_vec());
            let mut flipped = good.clone();
            flipped[cut] ^= 0x55;
            let _ = all(flipped);
        }
    }
}

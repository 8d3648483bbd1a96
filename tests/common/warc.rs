//! Building WARC archives for the tests and the WARC bench: records as a
//! crawler writes them, one gzip member per record as Common Crawl does.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test and bench code

use std::io::Write;

/// The fetch time every generated record carries.
pub const DATE: &str = "2024-01-01T10:00:00Z";

/// One WARC record (version line, headers, block, the two closing CRLFs).
pub fn record(kind: &str, uri: &str, n: usize, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {DATE}\r\nWARC-Record-ID: <urn:uuid:{kind}-{n}>\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response: status line, `headers` (each ending in CRLF), body.
pub fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

/// The records a crawler writes for each page: request, response
/// (`text/html`, no charset: the page's `<meta>` decides), metadata; after
/// one warcinfo record. `pages` are (URL, HTML).
pub fn crawl_of(pages: &[(String, Vec<u8>)]) -> Vec<Vec<u8>> {
    let mut out = vec![record("warcinfo", "", 0, b"software: newsmill-test\r\n")];
    for (i, (url, html)) in pages.iter().enumerate() {
        out.push(record(
            "request",
            url,
            i,
            b"GET / HTTP/1.1\r\nHost: example\r\n\r\n",
        ));
        out.push(record(
            "response",
            url,
            i,
            &http("200 OK", "Content-Type: text/html\r\n", html),
        ));
        out.push(record("metadata", url, i, b"fetchTimeMs: 120\r\n"));
    }
    out
}

/// gzip, one member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A `.warc.gz`: each record its own gzip member.
pub fn warc_gz(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gzip(r)).collect()
}

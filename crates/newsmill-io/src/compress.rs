//! gzip and zstd, in and out: detection by magic bytes (or extension),
//! streaming decoders that name the stream in their errors, and encoders
//! for `-o out.jsonl.gz` / `out.jsonl.zst`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

/// A compression format.
///
/// ```
/// use newsmill_io::Compression;
/// assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
/// assert_eq!(Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd]), Compression::Zstd);
/// assert_eq!(Compression::sniff(b"{\"text\""), Compression::None);
/// assert_eq!(Compression::from_path(std::path::Path::new("out.jsonl.zst")), Compression::Zstd);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip, one or more members (`.gz`).
    Gzip,
    /// Zstandard, one or more frames (`.zst`).
    Zstd,
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
const BUF: usize = 1 << 16;

impl Compression {
    /// The compression whose magic bytes start `head`.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(&ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// The compression a file name's last extension names (`.gz`, `.zst`).
    pub fn from_path(path: &Path) -> Compression {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("gz" | "gzip") => Compression::Gzip,
            Some("zst" | "zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// The format extension of a file name, under any compression extension,
/// lower-cased: `a.JSONL.gz` -> `jsonl`.
///
/// ```
/// use std::path::Path;
/// assert_eq!(newsmill_io::format_extension(Path::new("d/a.warc.gz")).as_deref(), Some("warc"));
/// assert_eq!(newsmill_io::format_extension(Path::new("a.txt")).as_deref(), Some("txt"));
/// assert_eq!(newsmill_io::format_extension(Path::new("README")), None);
/// ```
pub fn format_extension(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = match Compression::from_path(path) {
        Compression::None => name.as_str(),
        _ => name.rsplit_once('.')?.0,
    };
    name.rsplit_once('.')
        .map(|(_, e)| e.to_string())
        .filter(|e| !e.is_empty())
}

/// A decompression failure: the stream is truncated or corrupt. Items
/// read before it stand; the reader reports this once and stops.
#[derive(Debug, thiserror::Error)]
#[error("{kind} stream is truncated or corrupt after {offset} decompressed bytes: {source}")]
pub struct StreamError {
    /// `gzip` or `zstd`.
    pub kind: &'static str,
    /// Decompressed bytes delivered before the failure.
    pub offset: u64,
    /// The decoder's error.
    pub source: io::Error,
}

/// True when `e` came from a truncated or corrupt compressed stream.
pub(crate) fn is_stream_error(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<StreamError>())
}

/// A decoder whose errors say which stream failed and where, and that
/// turns a stream ending inside a frame into an error.
struct Checked<R> {
    inner: R,
    kind: &'static str,
    offset: u64,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.offset += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Err(e),
            Err(source) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                StreamError {
                    kind: self.kind,
                    offset: self.offset,
                    source,
                },
            )),
        }
    }
}

/// Wrap `reader` in the decoder its first bytes call for (gzip: every
/// member; zstd: every frame); plain input passes through. Streaming: the
/// decoder holds a fixed-size window, never the whole input.
///
/// ```
/// use std::io::{Read, Write};
/// let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
/// gz.write_all(b"hello").unwrap();
/// let bytes = gz.finish().unwrap();
/// let (mut r, kind) = newsmill_io::decompress(std::io::Cursor::new(bytes)).unwrap();
/// let mut s = String::new();
/// r.read_to_string(&mut s).unwrap();
/// assert_eq!((s.as_str(), kind), ("hello", newsmill_io::Compression::Gzip));
/// ```
pub fn decompress<R: BufRead + Send + 'static>(
    mut reader: R,
) -> io::Result<(Box<dyn BufRead + Send>, Compression)> {
    let head = loop {
        match reader.fill_buf() {
            Ok(h) => break h,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    let kind = Compression::sniff(head);
    let out: Box<dyn BufRead + Send> = match kind {
        Compression::None => Box::new(reader),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUF,
            Checked {
                inner: MultiGzDecoder::new(reader),
                kind: "gzip",
                offset: 0,
            },
        )),
        Compression::Zstd => {
            let dec = zstd::stream::read::Decoder::with_buffer(reader)?;
            Box::new(BufReader::with_capacity(
                BUF,
                Checked {
                    inner: dec,
                    kind: "zstd",
                    offset: 0,
                },
            ))
        }
    };
    Ok((out, kind))
}

/// Open a file and decompress it as its magic bytes say.
pub fn open_decompressed(path: &Path) -> io::Result<(Box<dyn BufRead + Send>, Compression)> {
    let f = File::open(path)?;
    decompress(BufReader::with_capacity(BUF, f))
}

/// Read all of a (possibly compressed) file, refusing more than `max`
/// decompressed bytes: `Ok(Err(n))` says the content reached `n > max`.
pub(crate) fn read_limited(path: &Path, max: u64) -> io::Result<Result<Vec<u8>, u64>> {
    let f = File::open(path)?;
    let len = f.metadata()?.len();
    let mut reader = BufReader::with_capacity(BUF.min(len as usize + 1), f);
    let kind = {
        let head = reader.fill_buf()?;
        Compression::sniff(head)
    };
    if kind == Compression::None && len > max {
        return Ok(Err(len));
    }
    let (r, _) = decompress(reader)?;
    let cap = if kind == Compression::None {
        len
    } else {
        len * 4
    };
    let mut bytes = Vec::with_capacity(cap.min(max + 1) as usize);
    r.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// An output stream, compressed as its file name says. Call
/// [`Encoded::finish`] to write the compressed stream's end.
pub enum Encoded<W: Write> {
    /// Written as is.
    Plain(W),
    /// gzip.
    Gzip(flate2::write::GzEncoder<W>),
    /// zstd.
    Zstd(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> std::fmt::Debug for Encoded<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Encoded::Plain(_) => "Encoded::Plain",
            Encoded::Gzip(_) => "Encoded::Gzip",
            Encoded::Zstd(_) => "Encoded::Zstd",
        })
    }
}

impl<W: Write> Encoded<W> {
    /// Wrap `inner` in an encoder for `kind` (gzip level 6, zstd level 3).
    ///
    /// ```
    /// use std::io::Write;
    /// use newsmill_io::{Compression, Encoded};
    /// let mut w = Encoded::new(Vec::new(), Compression::Zstd).unwrap();
    /// w.write_all(b"{}\n").unwrap();
    /// let bytes = w.finish().unwrap();
    /// assert_eq!(Compression::sniff(&bytes), Compression::Zstd);
    /// ```
    pub fn new(inner: W, kind: Compression) -> io::Result<Self> {
        Ok(match kind {
            Compression::None => Encoded::Plain(inner),
            Compression::Gzip => Encoded::Gzip(flate2::write::GzEncoder::new(
                inner,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoded::Zstd(zstd::stream::write::Encoder::new(inner, 3)?),
        })
    }

    /// End the compressed stream and hand back the inner writer.
    pub fn finish(self) -> io::Result<W> {
        match self {
            Encoded::Plain(mut w) => {
                w.flush()?;
                Ok(w)
            }
            Encoded::Gzip(g) => {
                let mut w = g.finish()?;
                w.flush()?;
                Ok(w)
            }
            Encoded::Zstd(z) => {
                let mut w = z.finish()?;
                w.flush()?;
                Ok(w)
            }
        }
    }
}

impl<W: Write> Write for Encoded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Encoded::Plain(w) => w.write(buf),
            Encoded::Gzip(w) => w.write(buf),
            Encoded::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Encoded::Plain(w) => w.write_all(buf),
            Encoded::Gzip(w) => w.write_all(buf),
            Encoded::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Encoded::Plain(w) => w.flush(),
            Encoded::Gzip(w) => w.flush(),
            Encoded::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(parts: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in parts {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(p).unwrap();
            out.extend(e.finish().unwrap());
        }
        out
    }

    fn read_all(bytes: Vec<u8>) -> (Vec<u8>, io::Result<usize>) {
        let (mut r, _) = decompress(io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        let res = r.read_to_end(&mut out);
        (out, res)
    }

    #[test]
    fn multi_member_gzip_reads_every_member() {
        let (out, res) = read_all(gzip(&[b"one\n", b"two\n", b"three\n"]));
        res.unwrap();
        assert_eq!(out, b"one\ntwo\nthree\n");
    }

    #[test]
    fn zstd_frames_are_read_in_turn() {
        let mut bytes = zstd::encode_all(&b"a\n"[..], 3).unwrap();
        bytes.extend(zstd::encode_all(&b"b\n"[..], 3).unwrap());
        let (out, res) = read_all(bytes);
        res.unwrap();
        assert_eq!(out, b"a\nb\n");
    }

    #[test]
    fn truncated_streams_give_a_stream_error_after_the_good_part() {
        let body: Vec<u8> = (0..200_000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let mut gz = gzip(&[&body]);
        gz.truncate(gz.len() / 2);
        let mut zs = zstd::encode_all(&body[..], 3).unwrap();
        zs.truncate(zs.len() / 2);
        for bytes in [gz, zs] {
            let (out, res) = read_all(bytes);
            let err = res.unwrap_err();
            assert!(is_stream_error(&err), "{err}");
            assert!(err.to_string().contains("truncated or corrupt"), "{err}");
            assert!(!out.is_empty() && body.starts_with(&out));
        }
    }

    #[test]
    fn plain_input_passes_through_and_empty_input_is_empty() {
        assert_eq!(read_all(b"plain".to_vec()).0, b"plain");
        assert_eq!(read_all(Vec::new()).0, b"");
    }

    #[test]
    fn format_extension_looks_under_compression() {
        assert_eq!(
            format_extension(Path::new("a.jsonl.zst")).as_deref(),
            Some("jsonl")
        );
        assert_eq!(
            format_extension(Path::new("/x/y/p.HTML.gz")).as_deref(),
            Some("html")
        );
        assert_eq!(format_extension(Path::new("x.gz")), None);
    }
}

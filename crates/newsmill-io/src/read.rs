//! Walking inputs in order: files, directories, JSON Lines, stdin.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use newsmill_core::Notice;

use crate::InputError;
use crate::compress::{decompress, is_stream_error, open_decompressed};

/// `corrupt_stream` for a truncated or corrupt gzip/zstd stream,
/// `read_error` for any other failure to read.
pub(crate) fn read_error_code(e: &std::io::Error) -> &'static str {
    if is_stream_error(e) {
        "corrupt_stream"
    } else {
        "read_error"
    }
}

/// How to read an input path.
///
/// ```
/// use newsmill_io::InputFormat;
/// assert_eq!(InputFormat::Auto.resolve(std::path::Path::new("a.jsonl"), false), InputFormat::Jsonl);
/// assert_eq!(InputFormat::Auto.resolve(std::path::Path::new("a.html"), false), InputFormat::Html);
/// assert_eq!(InputFormat::Auto.resolve(std::path::Path::new("a.txt"), false), InputFormat::Text);
/// assert_eq!(InputFormat::Auto.resolve(std::path::Path::new("a.csv.gz"), false), InputFormat::Csv);
/// assert_eq!(InputFormat::Auto.resolve(std::path::Path::new("CC-NEWS-1.warc.gz"), false), InputFormat::Warc);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// By extension, under any `.gz` / `.zst`: `.jsonl`, `.ndjson`, `.json`
    /// are JSON Lines; `.warc` is a WARC archive; `-` is JSON Lines; a file
    /// named on the command line whose decompressed content starts with
    /// `WARC/` is a WARC archive; anything else (and every other file in a
    /// directory) is plain text.
    #[default]
    Auto,
    /// One article per file, the first line its headline.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// A WARC archive (`.warc`, `.warc.gz`): each HTML `response` record is
    /// a page; other records are counted and skipped.
    Warc,
    /// One web page per file (`.html`, `.htm`): the article body and the
    /// page's metadata are extracted.
    Html,
    /// A table with a header row (`.csv`): one article per row, its
    /// fields named by the header and chosen as for JSON Lines
    /// (`--text-field`, `--id-field`, ...).
    Csv,
}

/// `.html`, `.htm` or `.xhtml`, perhaps compressed (`.gz`, `.zst`).
pub(crate) fn is_html_path(path: &Path) -> bool {
    matches!(
        crate::compress::format_extension(path).as_deref(),
        Some("html" | "htm" | "xhtml")
    )
}

/// `.warc`, perhaps compressed (`.gz`, `.zst`).
pub(crate) fn is_warc_path(path: &Path) -> bool {
    crate::compress::format_extension(path).as_deref() == Some("warc")
}

impl InputFormat {
    /// The concrete format for `path` (`is_stdin` for `-`).
    pub fn resolve(self, path: &Path, is_stdin: bool) -> InputFormat {
        match self {
            InputFormat::Auto if is_stdin => InputFormat::Jsonl,
            InputFormat::Auto => match crate::compress::format_extension(path).as_deref() {
                Some("jsonl" | "ndjson" | "json") => InputFormat::Jsonl,
                Some("warc") => InputFormat::Warc,
                Some("html" | "htm" | "xhtml") => InputFormat::Html,
                Some("csv") => InputFormat::Csv,
                _ => InputFormat::Text,
            },
            f => f,
        }
    }
}

/// Names of the JSON Lines fields.
///
/// ```
/// let f = newsmill_io::JsonFields::default();
/// assert_eq!((f.id.as_str(), f.text.as_str()), ("id", "text"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonFields {
    /// Stable id (string or number); default `id`.
    pub id: String,
    /// Headline; default `title`.
    pub title: String,
    /// Body text (required); default `text`.
    pub text: String,
    /// Publication date; default `date`.
    pub date: String,
    /// URL; default `url`.
    pub url: String,
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields {
            id: "id".into(),
            title: "title".into(),
            text: "text".into(),
            date: "date".into(),
            url: "url".into(),
        }
    }
}

/// Reading options.
///
/// ```
/// let o = newsmill_io::ReadOptions::default();
/// assert_eq!(o.max_bytes, 10 * 1024 * 1024);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// How to read inputs.
    pub format: InputFormat,
    /// Which files of a directory to read; default `*.txt` (`*.jsonl` when
    /// the format is JSON Lines), each also with `.gz` or `.zst`. Matched against the path relative to the
    /// directory.
    pub glob: Option<String>,
    /// JSON Lines field names.
    pub fields: JsonFields,
    /// Largest article (file or line) accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            glob: None,
            fields: JsonFields::default(),
            max_bytes: 10 * 1024 * 1024,
        }
    }
}

/// What an item holds before decoding.
#[derive(Debug)]
pub enum Payload {
    /// A plain-text file to read.
    File(PathBuf),
    /// A whole plain-text article (stdin with `--format text`).
    Text(Vec<u8>),
    /// An HTML page to read (a file with `--format html` or an `.html`
    /// name under `--format auto`).
    HtmlFile(PathBuf),
    /// A whole HTML page (stdin with `--format html`).
    Html(Vec<u8>),
    /// An HTML response from a WARC archive.
    Warc(Box<crate::warc::WarcPage>),
    /// One JSON Lines line, and its 1-based number.
    JsonLine(Vec<u8>, u64),
    /// An item that failed before decoding (unreadable directory entry,
    /// over-long line, read error).
    Failed(Notice),
}

/// One input item, cheap to produce; [`crate::decode`] does the work.
#[derive(Debug)]
pub struct RawItem {
    /// Stable id: path relative to the input root, or `file:line`
    /// (replaced by the id field of a JSON line when it has one).
    pub id: String,
    /// Where it came from, for messages.
    pub source: String,
    /// The content or where to find it.
    pub payload: Payload,
    /// Bytes already read (lines), for chunking and progress; 0 for files.
    pub size: u64,
}

enum Source {
    Walk {
        root: PathBuf,
        iter: Box<walkdir::IntoIter>,
        glob: GlobMatcher,
        format: InputFormat,
    },
    Lines {
        name: String,
        reader: Box<dyn BufRead + Send>,
        line: u64,
    },
    Warc {
        name: String,
        reader: crate::warc::WarcReader,
        counts: crate::warc::WarcCounts,
        done: bool,
    },
    Csv {
        name: String,
        reader: Box<csv::Reader<Box<dyn BufRead + Send>>>,
        headers: Vec<String>,
        done: bool,
    },
}

/// The items of a list of inputs, in order: each path in turn; a directory
/// recursively, entries sorted by name; a JSON Lines file line by line.
///
/// Memory stays bounded: at most one line is held here.
pub struct Inputs {
    pending: VecDeque<(PathBuf, InputFormat)>,
    current: Option<Source>,
    stack: Vec<Option<Source>>,
    opts: ReadOptions,
    buf: Vec<u8>,
    warc: crate::warc::WarcCounts,
    stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

fn path_display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn failed(id: String, code: &str, message: String) -> RawItem {
    RawItem {
        source: id.clone(),
        id,
        payload: Payload::Failed(Notice::new(code, message)),
        size: 0,
    }
}

/// Outcome of reading one line with a length limit.
enum Line {
    Ok,
    TooLong(u64),
    Eof,
}

/// Read one line (without its `\n` / `\r\n`) into `buf`, keeping at most
/// `max` bytes; a longer line is skipped to its end and reported.
fn read_line_limited(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: u64) -> std::io::Result<Line> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if total <= max {
            buf.extend_from_slice(&chunk[..take]);
        }
        r.consume(take + usize::from(found));
        if found {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if total > max {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Ok)
}

impl Inputs {
    /// Check every input path and the glob, and prepare to read the inputs
    /// in order. A missing path or a bad glob is an error here, before any
    /// item is produced; anything that goes wrong later becomes an item
    /// that decodes to an error record.
    pub fn open(paths: &[PathBuf], opts: &ReadOptions) -> Result<Inputs, InputError> {
        if let Some(g) = &opts.glob {
            Glob::new(g).map_err(|source| InputError::Glob {
                pattern: g.clone(),
                source,
            })?;
        }
        let mut pending = VecDeque::new();
        for p in paths {
            let is_stdin = p.as_os_str() == "-";
            if !is_stdin {
                std::fs::metadata(p).map_err(|source| InputError::Open {
                    path: path_display(p),
                    source,
                })?;
            }
            pending.push_back((p.clone(), opts.format.resolve(p, is_stdin)));
        }
        Ok(Inputs {
            pending,
            current: None,
            stack: Vec::new(),
            opts: opts.clone(),
            buf: Vec::new(),
            warc: crate::warc::WarcCounts::default(),
            stop: None,
        })
    }

    /// Stop reading stdin within a tenth of a second once `stop` is set,
    /// even while the pipe is silent: stdin is then read by a thread of its
    /// own, and the reader sees the end of its input at the stop (files end
    /// on their own; the caller stops asking for items). Without this a
    /// stop is seen only when the next item arrives.
    ///
    /// ```
    /// use std::sync::{Arc, atomic::AtomicBool};
    /// let mut inputs = newsmill_io::Inputs::open(&[], &newsmill_io::ReadOptions::default()).unwrap();
    /// inputs.stop_on(Arc::new(AtomicBool::new(false)));
    /// assert!(inputs.next().is_none());
    /// ```
    pub fn stop_on(&mut self, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) {
        self.stop = Some(stop);
    }

    /// Stdin, read through a thread when a stop flag is set.
    fn stdin(&self) -> Box<dyn std::io::Read + Send> {
        match &self.stop {
            Some(stop) => Box::new(StoppableStdin::spawn(std::sync::Arc::clone(stop))),
            None => Box::new(std::io::stdin()),
        }
    }

    /// The counts of WARC records read so far (shared: it stays valid
    /// after the iterator moves to another thread).
    pub fn warc_counts(&self) -> crate::warc::WarcCounts {
        self.warc.clone()
    }

    fn warc_source(&self, name: String, reader: Box<dyn BufRead + Send>) -> Source {
        Source::Warc {
            name,
            reader: crate::warc::WarcReader::new(reader, self.opts.max_bytes),
            counts: self.warc.clone(),
            done: false,
        }
    }

    /// Start reading the next input path; `Err` is an item to emit.
    fn start(&mut self, path: PathBuf, format: InputFormat) -> Result<Source, Box<RawItem>> {
        let name = path_display(&path);
        if path.as_os_str() == "-" {
            let stdin = self.stdin();
            if matches!(format, InputFormat::Text | InputFormat::Html) {
                // One article from all of stdin.
                let mut bytes = Vec::new();
                let limit = self.opts.max_bytes.saturating_add(1);
                let read =
                    decompress(BufReader::with_capacity(1 << 16, stdin)).and_then(|(reader, _)| {
                        std::io::Read::read_to_end(
                            &mut std::io::Read::take(reader, limit),
                            &mut bytes,
                        )
                    });
                if let Err(e) = read {
                    return Err(Box::new(failed(
                        "-".into(),
                        read_error_code(&e),
                        format!("stdin: {e}"),
                    )));
                }
                let size = bytes.len() as u64;
                return Err(Box::new(RawItem {
                    id: "-".into(),
                    source: "-".into(),
                    payload: if format == InputFormat::Html {
                        Payload::Html(bytes)
                    } else {
                        Payload::Text(bytes)
                    },
                    size,
                }));
            }
            let reader = decompress(BufReader::with_capacity(1 << 16, stdin))
                .map_err(|e| Box::new(failed("-".into(), "read_error", format!("stdin: {e}"))))?
                .0;
            if format == InputFormat::Warc {
                return Ok(self.warc_source("-".into(), reader));
            }
            if format == InputFormat::Csv {
                return csv_source("-".into(), reader);
            }
            return Ok(Source::Lines {
                name: "-".into(),
                reader,
                line: 0,
            });
        }
        let meta = std::fs::metadata(&path)
            .map_err(|e| Box::new(failed(name.clone(), "unreadable", format!("{name}: {e}"))))?;
        if meta.is_dir() {
            let default = match format {
                InputFormat::Jsonl => "*.{jsonl,jsonl.gz,jsonl.zst}",
                InputFormat::Html => "*.{html,htm,xhtml,html.gz,htm.gz,html.zst,htm.zst}",
                InputFormat::Warc => "*.{warc,warc.gz,warc.zst}",
                InputFormat::Csv => "*.{csv,csv.gz,csv.zst}",
                _ => "*.{txt,txt.gz,txt.zst}",
            };
            let pattern = self.opts.glob.as_deref().unwrap_or(default);
            let glob = Glob::new(pattern)
                .map_err(|e| Box::new(failed(name.clone(), "bad_glob", format!("{pattern}: {e}"))))?
                .compile_matcher();
            let iter = Box::new(
                walkdir::WalkDir::new(&path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter(),
            );
            return Ok(Source::Walk {
                root: path,
                iter,
                glob,
                // Under auto, each file of a directory goes by its name.
                format: if self.opts.format == InputFormat::Auto {
                    InputFormat::Auto
                } else {
                    format
                },
            });
        }
        match format {
            InputFormat::Warc => {
                let (reader, _) = open_decompressed(&path).map_err(|e| {
                    Box::new(failed(name.clone(), "unreadable", format!("{name}: {e}")))
                })?;
                Ok(self.warc_source(name, reader))
            }
            InputFormat::Text if self.opts.format == InputFormat::Auto => {
                // A WARC archive under another name: "WARC/" once decompressed.
                match crate::warc::sniff(&path) {
                    Some(reader) => Ok(self.warc_source(name, reader)),
                    None => Err(Box::new(RawItem {
                        id: name.clone(),
                        source: name,
                        payload: Payload::File(path),
                        size: 0,
                    })),
                }
            }
            InputFormat::Csv => {
                let (reader, _) = open_decompressed(&path).map_err(|e| {
                    Box::new(failed(name.clone(), "unreadable", format!("{name}: {e}")))
                })?;
                csv_source(name, reader)
            }
            InputFormat::Jsonl => {
                let (reader, _) = open_decompressed(&path).map_err(|e| {
                    Box::new(failed(name.clone(), "unreadable", format!("{name}: {e}")))
                })?;
                Ok(Source::Lines {
                    name,
                    reader,
                    line: 0,
                })
            }
            _ => Err(Box::new(RawItem {
                id: name.clone(),
                source: name,
                payload: if format == InputFormat::Html {
                    Payload::HtmlFile(path)
                } else {
                    Payload::File(path)
                },
                size: 0,
            })),
        }
    }
}

enum Step {
    Item(RawItem),
    Nested(PathBuf, InputFormat),
    Done,
}

impl Source {
    fn next(&mut self, buf: &mut Vec<u8>, max: u64) -> Step {
        match self {
            Source::Walk {
                root,
                iter,
                glob,
                format,
            } => loop {
                let entry = match iter.next() {
                    None => return Step::Done,
                    Some(Ok(e)) => e,
                    Some(Err(e)) => {
                        let where_ = e
                            .path()
                            .map(path_display)
                            .unwrap_or_else(|| path_display(root));
                        return Step::Item(failed(
                            where_.clone(),
                            "unreadable",
                            format!("{where_}: {e}"),
                        ));
                    }
                };
                if entry.file_type().is_dir() {
                    continue;
                }
                let rel = entry.path().strip_prefix(&*root).unwrap_or(entry.path());
                if !glob.is_match(rel) {
                    continue;
                }
                if matches!(*format, InputFormat::Jsonl | InputFormat::Csv) {
                    return Step::Nested(entry.into_path(), *format);
                }
                if *format == InputFormat::Auto
                    && crate::compress::format_extension(entry.path()).as_deref() == Some("csv")
                {
                    // `--glob '*.csv'` under auto: still a table.
                    return Step::Nested(entry.into_path(), InputFormat::Csv);
                }
                if *format == InputFormat::Warc
                    || (*format == InputFormat::Auto && is_warc_path(entry.path()))
                {
                    return Step::Nested(entry.into_path(), InputFormat::Warc);
                }
                let id = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let html = *format == InputFormat::Html
                    || (*format == InputFormat::Auto && is_html_path(entry.path()));
                let path = entry.into_path();
                return Step::Item(RawItem {
                    id,
                    source: path_display(&path),
                    payload: if html {
                        Payload::HtmlFile(path)
                    } else {
                        Payload::File(path)
                    },
                    size: 0,
                });
            },
            Source::Warc {
                name,
                reader,
                counts,
                done,
            } => loop {
                use crate::warc::Next;
                if *done {
                    return Step::Done;
                }
                let here = |n: u64| format!("{name}#{n}");
                match reader.next() {
                    Next::Page { id, page } => {
                        counts.add(crate::warc::PAGES);
                        let size = page.body.len() as u64;
                        return Step::Item(RawItem {
                            id,
                            source: here(reader.records),
                            payload: Payload::Warc(page),
                            size,
                        });
                    }
                    Next::TooLarge { id, len } => {
                        counts.add("too large");
                        return Step::Item(RawItem {
                            id,
                            source: here(reader.records),
                            payload: Payload::Failed(Notice::new(
                                "too_large",
                                format!(
                                    "WARC response of {len} bytes is over the --max-bytes limit of {max}"
                                ),
                            )),
                            size: 0,
                        });
                    }
                    Next::Skipped(kind) => counts.add(kind),
                    Next::Broken { msg, code, fatal } => {
                        counts.add("damaged");
                        *done = fatal;
                        let at = here(reader.records);
                        return Step::Item(failed(at, code, format!("{name}: {msg}")));
                    }
                    Next::End => return Step::Done,
                }
            },
            Source::Csv {
                name,
                reader,
                headers,
                done,
            } => {
                if *done {
                    return Step::Done;
                }
                let mut row = csv::ByteRecord::new();
                let read = reader.read_byte_record(&mut row);
                let line = row.position().map_or(0, |p| p.line());
                let here = format!("{name}:{line}");
                match read {
                    Ok(false) => Step::Done,
                    Ok(true) => {
                        let size = row.as_slice().len() as u64;
                        if size > max {
                            return Step::Item(failed(
                                here,
                                "too_large",
                                format!(
                                    "row of {size} bytes is over the --max-bytes limit of {max}"
                                ),
                            ));
                        }
                        // The row as a JSON object, read as a JSON line.
                        let mut obj = serde_json::Map::new();
                        for (key, value) in headers.iter().zip(row.iter()) {
                            let v = String::from_utf8_lossy(value).into_owned();
                            obj.insert(key.clone(), serde_json::Value::String(v));
                        }
                        let bytes = serde_json::Value::Object(obj).to_string().into_bytes();
                        Step::Item(RawItem {
                            id: here.clone(),
                            source: here,
                            payload: Payload::JsonLine(bytes, line),
                            size,
                        })
                    }
                    Err(e) => {
                        // An unreadable stream stops this source; a bad row
                        // (say, an unclosed quote) is that row's error.
                        if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                            *done = true;
                        }
                        Step::Item(failed(here.clone(), "bad_csv", format!("{here}: {e}")))
                    }
                }
            }
            Source::Lines { name, reader, line } => loop {
                *line += 1;
                let here = format!("{name}:{line}");
                match read_line_limited(reader.as_mut(), buf, max) {
                    Ok(Line::Eof) => return Step::Done,
                    Ok(Line::TooLong(n)) => {
                        return Step::Item(failed(
                            here,
                            "too_large",
                            format!("line of {n} bytes is over the --max-bytes limit of {max}"),
                        ));
                    }
                    Ok(Line::Ok) => {
                        if buf.iter().all(u8::is_ascii_whitespace) {
                            continue; // blank lines are not items
                        }
                        let size = buf.len() as u64 + 1;
                        return Step::Item(RawItem {
                            id: here.clone(),
                            source: here,
                            payload: Payload::JsonLine(std::mem::take(buf), *line),
                            size,
                        });
                    }
                    Err(e) => {
                        // Stop this source: the rest of the stream is unreadable.
                        let item =
                            failed(here.clone(), read_error_code(&e), format!("{here}: {e}"));
                        *reader = Box::new(std::io::empty());
                        return Step::Item(item);
                    }
                }
            },
        }
    }
}

/// A CSV source: the header row names the fields.
fn csv_source(name: String, reader: Box<dyn BufRead + Send>) -> Result<Source, Box<RawItem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_string()
            })
            .collect(),
        Err(e) => {
            return Err(Box::new(failed(
                name.clone(),
                "bad_csv",
                format!("{name}: cannot read the header row: {e}"),
            )));
        }
    };
    Ok(Source::Csv {
        name,
        reader: Box::new(reader),
        headers,
        done: false,
    })
}

impl Iterator for Inputs {
    type Item = RawItem;

    fn next(&mut self) -> Option<RawItem> {
        loop {
            if let Some(src) = self.current.as_mut() {
                match src.next(&mut self.buf, self.opts.max_bytes) {
                    Step::Item(item) => return Some(item),
                    Step::Nested(path, format) => {
                        // A JSON Lines file or a WARC archive found in a
                        // directory: read it now, then carry on with the
                        // directory.
                        let outer = self.current.take();
                        match self.start(path, format) {
                            Ok(inner) => {
                                self.stack.push(outer);
                                self.current = Some(inner);
                            }
                            Err(item) => {
                                self.current = outer;
                                return Some(*item);
                            }
                        }
                    }
                    Step::Done => self.current = self.stack.pop().flatten(),
                }
                continue;
            }
            let (path, format) = self.pending.pop_front()?;
            match self.start(path, format) {
                Ok(src) => self.current = Some(src),
                Err(item) => return Some(*item),
            }
        }
    }
}

/// Stdin read by a thread of its own in blocks, so that a reader waiting on
/// a silent pipe can give up when the run stops: `read` waits for the next
/// block a tenth of a second at a time, checking the stop flag, and at the
/// stop reads as the end of the input.
struct StoppableStdin {
    blocks: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    block: Vec<u8>,
    at: usize,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl StoppableStdin {
    fn spawn(stop: std::sync::Arc<std::sync::atomic::AtomicBool>) -> StoppableStdin {
        let (tx, blocks) = std::sync::mpsc::sync_channel(4);
        let spawned = std::thread::Builder::new()
            .name("newsmill-stdin".into())
            .spawn(move || {
                use std::io::Read;
                let mut stdin = std::io::stdin().lock();
                loop {
                    let mut block = vec![0u8; 1 << 16];
                    match stdin.read(&mut block) {
                        Ok(0) => return,
                        Ok(n) => {
                            block.truncate(n);
                            if tx.send(Ok(block)).is_err() {
                                return;
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
            });
        if let Err(e) = spawned {
            // No thread: the reader gets the error as its first read.
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            let _ = tx.send(Err(e));
            return StoppableStdin {
                blocks: rx,
                block: Vec::new(),
                at: 0,
                stop,
            };
        }
        StoppableStdin {
            blocks,
            block: Vec::new(),
            at: 0,
            stop,
        }
    }
}

impl std::io::Read for StoppableStdin {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        use std::sync::mpsc::RecvTimeoutError;
        while self.at >= self.block.len() {
            if self.stop.load(std::sync::atomic::Ordering::SeqCst) {
                return Ok(0);
            }
            match self
                .blocks
                .recv_timeout(std::time::Duration::from_millis(100))
            {
                Ok(block) => {
                    self.block = block?;
                    self.at = 0;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
        let rest = self.block.get(self.at..).unwrap_or(&[]);
        let n = rest.len().min(out.len());
        out[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

//! `newsmill process`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use newsmill_core::{AnalyzeOptions, RecordOptions};
use newsmill_engine::{EngineError, EngineOptions, FnCodec, FnSink, RunStats, Runner};
use newsmill_io::{
    InputFormat, Inputs, JsonFields, JsonlWriter, OutputError, ParquetOptions, ParquetWriter,
    RawItem, ReadOptions, decode, encode_jsonl,
};

use crate::Usage;

mod interrupt;
mod progress;
pub mod python;

use interrupt::Interrupt;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum FormatArg {
    /// By extension: .jsonl/.ndjson/.json and `-` are JSON Lines, .html/.htm
    /// web pages, .csv tables, the rest text.
    Auto,
    /// One article per file; the first line is the headline.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One web page per file: the article body and the page's metadata.
    Html,
    /// WARC archives: HTML responses become articles.
    Warc,
    /// A table with a header row: one article per row, fields chosen with
    /// --text-field, --id-field, ... as for JSON Lines.
    Csv,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> InputFormat {
        match f {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Text => InputFormat::Text,
            FormatArg::Jsonl => InputFormat::Jsonl,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Warc => InputFormat::Warc,
            FormatArg::Csv => InputFormat::Csv,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormatArg {
    /// By extension: `.parquet` is Parquet, anything else JSON Lines.
    Auto,
    /// One JSON record per line (`.gz` / `.zst` compress it).
    Jsonl,
    /// Apache Parquet: one row per record, nested fields as structs and lists.
    Parquet,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ProgressArg {
    /// A progress bar when stderr is a terminal, a status line every
    /// --status-every seconds when it is not.
    Auto,
    /// The same (kept for scripts that ask for it).
    Always,
    /// Never.
    Never,
}

/// Arguments of `newsmill process`.
#[derive(Debug, Args)]
pub(crate) struct ProcessArgs {
    /// Files, directories (read recursively) and `-` for stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Write records here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "auto")]
    output_format: OutputFormatArg,
    /// Input format.
    #[arg(long, value_enum, default_value = "auto")]
    format: FormatArg,
    /// Which files of a directory to read [default: *.txt; *.jsonl, *.html, *.warc, *.csv with --format jsonl, html, warc, csv; each also .gz/.zst].
    #[arg(long, value_name = "PATTERN")]
    glob: Option<String>,
    /// JSON Lines field holding the body text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,
    /// JSON Lines field holding the stable id (default: file:line).
    #[arg(long, default_value = "id", value_name = "NAME")]
    id_field: String,
    /// JSON Lines field holding the headline.
    #[arg(long, default_value = "title", value_name = "NAME")]
    title_field: String,
    /// JSON Lines field holding the publication date.
    #[arg(long, default_value = "date", value_name = "NAME")]
    date_field: String,
    /// JSON Lines field holding the URL.
    #[arg(long, default_value = "url", value_name = "NAME")]
    url_field: String,
    /// Worker threads (0: one per core).
    #[arg(short = 'j', long, default_value_t = 0, value_name = "N")]
    threads: usize,
    /// Largest article accepted (bytes; k, M, G suffixes allowed); larger ones become error records.
    #[arg(long, default_value = "10M", value_parser = parse_size, value_name = "SIZE")]
    max_bytes: u64,
    /// Time one item may take (seconds, from the start of its decoding);
    /// an item past it becomes an error record `timeout` naming the
    /// stage, and the batch goes on. Checked between stages; 0: no limit.
    #[arg(long, default_value = "5", value_parser = parse_seconds, value_name = "SECS")]
    item_timeout: f64,
    /// Parquet output: most rows in one row group. After each row group
    /// a checkpoint is written beside the file, so a killed run is
    /// continued (--resume) from its last complete row group: smaller
    /// groups lose less work to a kill, larger ones read faster. Give
    /// --resume the same value for a file identical to an uninterrupted
    /// run's.
    #[arg(long, default_value_t = 16 * 1024, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    row_group_rows: u32,
    /// Indent each record (for people; the output is then not JSON Lines).
    #[arg(long)]
    pretty: bool,
    /// Include every token in the records.
    #[arg(long)]
    tokens: bool,
    /// Language taken for an article whose text is too short for a
    /// reliable verdict when the page declares none and the text is in
    /// that language's script (the record's language then has source
    /// "default"); `none` keeps the detector's unreliable guess.
    #[arg(long, default_value = "en", value_name = "CODE", value_parser = parse_default_language)]
    default_language: String,
    /// Leave the analysed text out of the records (offsets still refer to it).
    #[arg(long)]
    no_text: bool,
    /// Leave sentence spans out of the records.
    #[arg(long)]
    no_sentences: bool,
    /// Exit 1 when any record is an error record.
    #[arg(long)]
    fail_on_error: bool,
    /// Progress on stderr: a bar with count, total, rate and ETA on a
    /// terminal, a status line now and then otherwise.
    #[arg(long, value_enum, default_value = "auto")]
    progress: ProgressArg,
    /// Seconds between status lines when stderr is not a terminal (0: none).
    #[arg(long, default_value = "10", value_parser = parse_seconds, value_name = "SECS")]
    status_every: f64,
    /// No summary line on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Continue an interrupted run: keep the complete records already in
    /// --output (a partial last line is dropped), skip the inputs they
    /// came from, and append the rest. Run the same command with --resume
    /// added. JSON Lines (plain, .gz or .zst) resumes after any stop;
    /// Parquet too: after Ctrl-C or SIGTERM from the last record written,
    /// after a kill or a crash from the last complete row group (see
    /// --row-group-rows).
    #[arg(long)]
    resume: bool,
    /// After the run, write an HTML report of the records here (needs --output).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    #[command(flatten)]
    extractors: crate::extractors::ExtractorArgs,
    #[command(flatten)]
    dedup: crate::dedup::DedupArgs,
}

/// `--item-timeout`: seconds, 0 or more (fractions allowed).
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=1e9).contains(&v) => Ok(v),
        _ => Err(format!(
            "{s:?} is not a number of seconds (e.g. 5, 0.5; 0 for no limit)"
        )),
    }
}

/// "10M" -> 10 * 2^20.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    let n: u64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 500000, 64k, 10M, 1G)"))?;
    let v = n
        .checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))?;
    if v == 0 || v > u64::from(u32::MAX) {
        return Err(format!("{s:?}: the limit must be between 1 byte and 4G"));
    }
    Ok(v)
}

fn summary(stats: &RunStats) -> String {
    let languages = if stats.languages.is_empty() {
        String::new()
    } else {
        format!("; languages: {}", stats.languages_line())
    };
    format!(
        "newsmill: {} articles ({} ok, {} with warnings, {} errors), {:.1} MB of text in {:.2} s: {:.0} articles/s, {:.1} MB/s{languages}",
        stats.articles,
        stats.ok,
        stats.warnings,
        stats.errors,
        stats.bytes as f64 / 1e6,
        stats.elapsed.as_secs_f64(),
        stats.articles_per_second(),
        stats.mb_per_second()
    )
}

impl ProcessArgs {
    /// How the inputs are read, from the options (one place for the CLI
    /// and the Python package).
    pub(crate) fn read_options(&self) -> ReadOptions {
        ReadOptions {
            format: self.format.into(),
            glob: self.glob.clone(),
            fields: JsonFields {
                id: self.id_field.clone(),
                title: self.title_field.clone(),
                text: self.text_field.clone(),
                date: self.date_field.clone(),
                url: self.url_field.clone(),
            },
            max_bytes: self.max_bytes,
        }
    }

    /// How each article is analysed, from the options.
    pub(crate) fn analyze_options(&self) -> AnalyzeOptions {
        AnalyzeOptions {
            default_language: (self.default_language != "none")
                .then(|| self.default_language.clone()),
            ..AnalyzeOptions::default()
        }
    }

    /// What each record holds, from the options.
    pub(crate) fn record_options(&self) -> RecordOptions {
        RecordOptions {
            text: !self.no_text,
            sentences: !self.no_sentences,
            tokens: self.tokens,
        }
    }
}

/// `--default-language`: a language code the detector knows, or `none`.
fn parse_default_language(s: &str) -> std::result::Result<String, String> {
    let code = s.trim().to_ascii_lowercase();
    if code == "none" || newsmill_core::language::is_known(&code) {
        Ok(code)
    } else {
        Err(format!(
            "{s:?} is not a language code the detector knows (ISO 639-1 such as en, de, or none)"
        ))
    }
}

pub(crate) fn run(args: ProcessArgs) -> Result<ExitCode> {
    let interrupt = Interrupt::install()?;
    run_counted(args, Some(&interrupt)).map(|(code, _)| code)
}

/// [`run`], also giving the run's counts (for the Python package, which
/// keeps its own signal handling: `interrupt` is then `None`).
pub(crate) fn run_counted(
    args: ProcessArgs,
    interrupt: Option<&Interrupt>,
) -> Result<(ExitCode, RunStats)> {
    let read = args.read_options();
    let stdin_count = args.inputs.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(Usage("`-` (stdin) may be given only once".into()).into());
    }
    if args.report.is_some() && args.output.is_none() {
        return Err(Usage("--report reads the records back: give --output".into()).into());
    }
    let pipeline = crate::extractors::builder(&args.extractors)?
        .timed(args.report.is_some())
        .analyze(args.analyze_options())
        .record(args.record_options())
        .item_timeout((args.item_timeout > 0.0).then(|| Duration::from_secs_f64(args.item_timeout)))
        .build()
        .map_err(|e| crate::extractors::build_error(e, &args.extractors))?;
    let mut dedup = args.dedup.stage()?;
    let inputs = Inputs::open(&args.inputs, &read).map_err(|e| Usage(e.to_string()))?;
    let parquet = match args.output_format {
        OutputFormatArg::Parquet => true,
        OutputFormatArg::Jsonl => false,
        OutputFormatArg::Auto => args
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet")),
    };
    if parquet && args.pretty {
        return Err(Usage("--pretty applies to JSON Lines output, not Parquet".into()).into());
    }
    let resume_path = match (&args.output, args.resume) {
        (_, false) => None,
        (Some(p), true) if p.as_os_str() != "-" && !args.pretty => Some(p.clone()),
        (None, true) => {
            return Err(Usage("--resume continues a file: give --output FILE".into()).into());
        }
        (Some(p), true) if p.as_os_str() == "-" => {
            return Err(Usage("--resume continues a file: give --output FILE".into()).into());
        }
        (Some(_), true) => {
            return Err(Usage(
                "--resume works with JSON Lines (plain, .gz or .zst) and Parquet output, not --pretty"
                    .into(),
            )
            .into());
        }
    };
    let engine = EngineOptions {
        threads: capped_threads(args.threads),
        ..EngineOptions::default()
    };
    let mut shown =
        progress::Progress::new(args.progress, Duration::from_secs_f64(args.status_every));
    let warc_counts = inputs.warc_counts();
    let mut inputs = inputs;
    if let Some(i) = interrupt {
        inputs.stop_on(i.shared());
    }
    // --resume: the writer keeps the complete records; their inputs are
    // skipped here (or, with near-duplicates, analysed again for the index
    // and not written).
    let parquet_opts = ParquetOptions {
        row_group_rows: args.row_group_rows as usize,
        ..ParquetOptions::default()
    };
    let mut resumed = None;
    let mut drop_outputs = 0u64;
    let mut jsonl_writer = None;
    let mut parquet_writer = None;
    if let Some(path) = &resume_path {
        let at = if parquet {
            ParquetWriter::resume_point(path)
        } else {
            newsmill_io::ResumePoint::find(path)
        }
        .map_err(|e| Usage(e.to_string()))?;
        if dedup.is_some() {
            drop_outputs = at.records;
        } else {
            skip_done(&mut inputs, &at, path)?;
        }
        // Only now, with the inputs checked, is the file changed.
        if parquet {
            parquet_writer = Some(ParquetWriter::resume_at(path, &at, parquet_opts.clone())?);
            if at.recovered_from_checkpoint() && !args.quiet {
                eprintln!(
                    "newsmill: {} had no footer (a killed run): {} records recovered from its checkpoint (its complete row groups); the records after them are done again",
                    path.display(),
                    at.records
                );
            }
        } else {
            jsonl_writer = Some(JsonlWriter::resume_at(path, &at)?);
        }
        resumed = Some(at);
    }
    shown.count(
        &args.inputs,
        &read,
        resumed
            .as_ref()
            .map_or(0, |r| if dedup.is_some() { 0 } else { r.records }),
    );
    let progress = |stats: &RunStats| shown.update(stats);
    let items = inputs.map(|item: RawItem| (item.size, item));
    let decode = |(_, item): (u64, RawItem)| decode(item, &read);
    let result = if parquet {
        let mut writer = match parquet_writer {
            Some(w) => w,
            None => ParquetWriter::create(args.output.as_deref(), parquet_opts.clone())
                .context("cannot open the output; no input was read")?,
        };
        let mut runner = Runner::new(&engine, &pipeline).dedup(dedup.as_mut());
        if let Some(i) = interrupt {
            runner = runner.stop_on(i.flag());
        }
        let result = runner.run(
            items,
            &FnCodec(decode, |record| record),
            FnSink(
                |record| {
                    if drop_outputs > 0 {
                        drop_outputs -= 1; // already in the resumed output
                        return Ok(());
                    }
                    writer.write_record(record)
                },
                progress,
            ),
        );
        result.and_then(|stats| {
            for w in writer.close().map_err(EngineError::Sink)? {
                eprintln!("newsmill: warning: {w}");
            }
            Ok(stats)
        })
    } else {
        let mut writer = match jsonl_writer {
            Some(w) => w,
            None => JsonlWriter::create(args.output.as_deref())
                .context("cannot open the output; no input was read")?,
        };
        let pretty = args.pretty;
        let mut runner = Runner::new(&engine, &pipeline).dedup(dedup.as_mut());
        if let Some(i) = interrupt {
            runner = runner.stop_on(i.flag());
        }
        let result = runner.run(
            items,
            &FnCodec(decode, |record| encode_jsonl(&record, pretty)),
            FnSink(
                |encoded: Result<Vec<u8>, OutputError>| {
                    let encoded = encoded?;
                    if drop_outputs > 0 {
                        drop_outputs -= 1; // already in the resumed output
                        return Ok(());
                    }
                    writer.write_encoded(&encoded)
                },
                progress,
            ),
        );
        result.and_then(|stats| writer.close().map(|()| stats).map_err(EngineError::Sink))
    };
    shown.finish();
    let stats = match result {
        Ok(stats) => stats,
        Err(EngineError::Sink(e)) if e.is_broken_pipe() => {
            return Ok((ExitCode::SUCCESS, RunStats::default()));
        }
        Err(e) => return Err(e).context("the run stopped"),
    };
    if let (Some(path), Some(d)) = (&args.dedup.clusters, &dedup) {
        crate::dedup::write_clusters(path, d)?;
    }
    let caught = interrupt
        .and_then(Interrupt::caught)
        .filter(|_| stats.stopped);
    if !args.quiet {
        if let Some(at) = &resumed {
            eprintln!(
                "newsmill: resumed after {} records already in the output{}",
                at.records,
                if at.recovered_from_checkpoint() {
                    format!(
                        " (recovered from the checkpoint; {} bytes after the last complete row group were dropped)",
                        at.dropped_bytes
                    )
                } else if at.dropped_bytes > 0 {
                    format!(
                        " (a partial last record of {} bytes was dropped)",
                        at.dropped_bytes
                    )
                } else {
                    String::new()
                }
            );
        }
        match caught {
            Some((name, _)) => {
                let line = summary(&stats);
                let counts = line.strip_prefix("newsmill: ").unwrap_or(&line);
                eprintln!("newsmill: interrupted by {name}: {counts}");
            }
            None => eprintln!("{}", summary(&stats)),
        }
        if let Some(line) = warc_counts.summary() {
            eprintln!("{line}");
        }
        if let Some(d) = &dedup {
            eprintln!("{}", crate::dedup::summary(d));
        }
        if let Some(line) = hint(&stats, &args) {
            eprintln!("{line}");
        }
    }
    if let Some((_, code)) = caught {
        if !args.quiet {
            let how = if args.output.as_ref().is_some_and(|p| p.as_os_str() != "-") && !args.pretty
            {
                "; run the same command with --resume to continue"
            } else {
                ""
            };
            eprintln!(
                "newsmill: the output holds the first {} records, each complete{how}",
                stats.articles
            );
        }
        return Ok((ExitCode::from(code), stats));
    }
    if stats.articles == 0 && resumed.is_none() {
        eprintln!(
            "newsmill: note: no input items were found (a directory yields the files matching --glob, by default *.txt, or *.jsonl with --format jsonl)"
        );
    }
    if let (Some(report), Some(output)) = (&args.report, &args.output) {
        let run = crate::report::RunInfo {
            articles: stats.articles,
            bytes: stats.bytes,
            seconds: stats.elapsed.as_secs_f64(),
            threads: rayon_threads(args.threads),
            stages: pipeline
                .timings()
                .map(|t| {
                    t.snapshot()
                        .into_iter()
                        .map(|s| (s.name, s.time.as_secs_f64(), s.extractor))
                        .collect()
                })
                .unwrap_or_default(),
        };
        crate::report::write(std::slice::from_ref(output), report, 5000, Some(&run))?;
        if !args.quiet {
            eprintln!("newsmill: report -> {}", report.display());
        }
    }
    if args.fail_on_error && stats.errors > 0 {
        return Ok((ExitCode::from(1), stats));
    }
    Ok((ExitCode::SUCCESS, stats))
}

/// The worker threads a run used (0: one per core).
fn rayon_threads(asked: usize) -> usize {
    if asked > 0 {
        asked
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// `-j N` capped at 8 threads per core (at least 64), with a message: a
/// huge count would spend its time starting threads.
fn capped_threads(asked: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = (cores * 8).max(64);
    if asked > cap {
        eprintln!(
            "newsmill: -j {asked} is more threads than this machine can use ({cores} cores); using {cap} (at most 8 per core, at least 64)"
        );
        return cap;
    }
    asked
}

/// What to try when most items of a run failed the same way: one line,
/// or `None` when they did not.
fn hint(stats: &RunStats, args: &ProcessArgs) -> Option<String> {
    let (code, &n) = stats.error_codes.iter().max_by_key(|(_, n)| **n)?;
    if n * 2 <= stats.articles {
        return None;
    }
    let m = stats.articles;
    let example = stats
        .error_examples
        .get(code)
        .map(String::as_str)
        .unwrap_or("");
    let line = match code.as_str() {
        "invalid_json" if matches!(args.format, FormatArg::Auto | FormatArg::Jsonl) => format!(
            "newsmill: hint: {n} of {m} items are lines that are not JSON (invalid_json): stdin and .jsonl/.json files are read as JSON Lines; for plain text add --format text (one article: the first line its headline), for a table --format csv"
        ),
        "missing_field" => match example.split_once("try --text-field ") {
            Some((_, field)) => format!(
                "newsmill: hint: {n} of {m} items have no {:?} field, but they have {field:?}: add --text-field {field}",
                args.text_field
            ),
            None => format!(
                "newsmill: hint: {n} of {m} items have no {:?} field: name the field that holds the article with --text-field NAME",
                args.text_field
            ),
        },
        "timeout" => format!(
            "newsmill: hint: {n} of {m} items passed --item-timeout {} s (e.g. {example}): give a larger --item-timeout, or 0 for none",
            args.item_timeout
        ),
        _ => format!("newsmill: note: {n} of {m} items are errors {code}, e.g. {example}"),
    };
    Some(line)
}

/// Skip the inputs whose records a resumed output already holds, checking
/// that the last of them is the input its record names.
fn skip_done(
    inputs: &mut Inputs,
    at: &newsmill_io::ResumePoint,
    path: &std::path::Path,
) -> Result<()> {
    let mut last = None;
    for n in 0..at.records {
        match inputs.next() {
            Some(item) => last = Some(item),
            None => {
                return Err(Usage(format!(
                    "--resume: {} holds {} records but the inputs have only {n} items: are they the inputs of the interrupted run?",
                    path.display(),
                    at.records
                ))
                .into());
            }
        }
    }
    if let (Some(item), Some(source)) = (&last, &at.last_source)
        && &item.source != source
    {
        return Err(Usage(format!(
                "--resume: record {} of {} came from {source}, but input item {} is {}: are these the inputs of the interrupted run?",
                at.records,
                path.display(),
                at.records,
                item.source
            ))
            .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("500"), Ok(500));
        assert!(parse_size("0").is_err());
        assert!(parse_size("ten").is_err());
        assert!(parse_size("9G").is_err());
    }
}

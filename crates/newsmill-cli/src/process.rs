//! `newsmill process`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use newsmill_core::{AnalyzeOptions, RecordOptions};
use newsmill_engine::{EngineError, EngineOptions, RunStats};
use newsmill_io::{
    InputFormat, Inputs, JsonFields, JsonlWriter, OutputError, ParquetOptions, ParquetWriter,
    RawItem, ReadOptions, decode, encode_jsonl,
};

use crate::Usage;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum FormatArg {
    /// By extension: .jsonl/.ndjson/.json and `-` are JSON Lines, .html/.htm
    /// web pages, the rest text.
    Auto,
    /// One article per file; the first line is the headline.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One web page per file: the article body and the page's metadata.
    Html,
    /// WARC archives: HTML responses become articles.
    Warc,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> InputFormat {
        match f {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Text => InputFormat::Text,
            FormatArg::Jsonl => InputFormat::Jsonl,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Warc => InputFormat::Warc,
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
    /// A progress bar when stderr is a terminal.
    Auto,
    /// Always.
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
    /// Which files of a directory to read [default: *.txt; *.jsonl, *.html, *.warc with --format jsonl, html, warc; each also .gz/.zst].
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
    /// Indent each record (for people; the output is then not JSON Lines).
    #[arg(long)]
    pretty: bool,
    /// Include every token in the records.
    #[arg(long)]
    tokens: bool,
    /// Leave the analysed text out of the records (offsets still refer to it).
    #[arg(long)]
    no_text: bool,
    /// Leave sentence spans out of the records.
    #[arg(long)]
    no_sentences: bool,
    /// Exit 1 when any record is an error record.
    #[arg(long)]
    fail_on_error: bool,
    /// Progress bar on stderr.
    #[arg(long, value_enum, default_value = "auto")]
    progress: ProgressArg,
    /// No summary line on stderr.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    extractors: crate::extractors::ExtractorArgs,
    #[command(flatten)]
    dedup: crate::dedup::DedupArgs,
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

fn progress_bar(arg: ProgressArg) -> Option<ProgressBar> {
    let show = match arg {
        ProgressArg::Always => true,
        ProgressArg::Never => false,
        ProgressArg::Auto => std::io::stderr().is_terminal(),
    };
    if !show {
        return None;
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} articles {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(200));
    Some(pb)
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

pub(crate) fn run(args: ProcessArgs) -> Result<ExitCode> {
    let read = ReadOptions {
        format: args.format.into(),
        glob: args.glob.clone(),
        fields: JsonFields {
            id: args.id_field.clone(),
            title: args.title_field.clone(),
            text: args.text_field.clone(),
            date: args.date_field.clone(),
            url: args.url_field.clone(),
        },
        max_bytes: args.max_bytes,
    };
    let stdin_count = args.inputs.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(Usage("`-` (stdin) may be given only once".into()).into());
    }
    let pipeline = crate::extractors::builder(&args.extractors)?
        .analyze(AnalyzeOptions::default())
        .record(RecordOptions {
            text: !args.no_text,
            sentences: !args.no_sentences,
            tokens: args.tokens,
        })
        .build()
        .map_err(|e| Usage(e.to_string()))?;
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
    let engine = EngineOptions {
        threads: args.threads,
        ..EngineOptions::default()
    };
    let pb = progress_bar(args.progress);
    let progress = |stats: &RunStats| {
        if let Some(pb) = &pb {
            pb.set_position(stats.articles);
            pb.set_message(format!(
                "{:.1} MB of text, {} warnings, {} errors, {:.1} MB/s",
                stats.bytes as f64 / 1e6,
                stats.warnings,
                stats.errors,
                stats.mb_per_second()
            ));
        }
    };
    let warc_counts = inputs.warc_counts();
    let items = inputs.map(|item: RawItem| (item.size, item));
    let decode = |(_, item): (u64, RawItem)| decode(item, &read);
    let result = if parquet {
        let mut writer = ParquetWriter::create(args.output.as_deref(), ParquetOptions::default())
            .context("cannot open the output; no input was read")?;
        let result = newsmill_engine::run_with(
            &engine,
            &pipeline,
            newsmill_engine::BatchStages {
                dedup: dedup.as_mut(),
            },
            items,
            decode,
            |record| record,
            |record| writer.write_record(record),
            progress,
        );
        result.and_then(|stats| {
            for w in writer.close().map_err(EngineError::Sink)? {
                eprintln!("newsmill: warning: {w}");
            }
            Ok(stats)
        })
    } else {
        let mut writer = JsonlWriter::create(args.output.as_deref())
            .context("cannot open the output; no input was read")?;
        let pretty = args.pretty;
        let result = newsmill_engine::run_with(
            &engine,
            &pipeline,
            newsmill_engine::BatchStages {
                dedup: dedup.as_mut(),
            },
            items,
            decode,
            |record| encode_jsonl(&record, pretty),
            |encoded: Result<Vec<u8>, OutputError>| writer.write_encoded(&encoded?),
            progress,
        );
        result.and_then(|stats| writer.close().map(|()| stats).map_err(EngineError::Sink))
    };
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    let stats = match result {
        Ok(stats) => stats,
        Err(EngineError::Sink(e)) if e.is_broken_pipe() => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("the run stopped"),
    };
    if let (Some(path), Some(d)) = (&args.dedup.clusters, &dedup) {
        crate::dedup::write_clusters(path, d)?;
    }
    if !args.quiet {
        eprintln!("{}", summary(&stats));
        if let Some(line) = warc_counts.summary() {
            eprintln!("{line}");
        }
        if let Some(d) = &dedup {
            eprintln!("{}", crate::dedup::summary(d));
        }
    }
    if stats.articles == 0 {
        eprintln!(
            "newsmill: note: no input items were found (a directory yields the files matching --glob, by default *.txt, or *.jsonl with --format jsonl)"
        );
    }
    if args.fail_on_error && stats.errors > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
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

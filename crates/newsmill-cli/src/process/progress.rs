//! Progress on stderr: a bar with count, total (when it can be counted),
//! rate and ETA on a terminal; a one-line status every few seconds when
//! stderr is a file or a pipe.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use newsmill_engine::RunStats;
use newsmill_io::{InputFormat, Inputs, ReadOptions};

use super::ProgressArg;

const SPINNER: &str = "{spinner} {elapsed_precise} {pos} articles, {msg}";
const BAR: &str = "{elapsed_precise} [{bar:30}] {pos}/{len} articles, ETA {eta}, {msg}";

/// What the run shows while it goes.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Status lines instead of a bar, this often.
    every: Option<Duration>,
    last: Instant,
    /// Items the run will write; 0 while unknown.
    total: Arc<AtomicU64>,
}

impl Progress {
    /// A bar on a terminal, status lines every `every` elsewhere (or with
    /// `--progress always` on a file), nothing with `never`.
    pub(crate) fn new(arg: ProgressArg, every: Duration) -> Progress {
        let tty = std::io::stderr().is_terminal();
        let (bar, lines) = match arg {
            ProgressArg::Never => (false, false),
            ProgressArg::Auto | ProgressArg::Always => (tty, !tty),
        };
        let bar = bar.then(|| {
            let pb = ProgressBar::new_spinner();
            pb.set_style(
                ProgressStyle::with_template(SPINNER)
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            pb.enable_steady_tick(Duration::from_millis(200));
            pb
        });
        Progress {
            bar,
            every: (lines && !every.is_zero()).then_some(every),
            last: Instant::now(),
            total: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Count the items in a thread of their own (the inputs read a
    /// second time, without decoding), so the bar gets its total and
    /// ETA. Not for stdin, which cannot be read twice, nor WARC archives,
    /// whose decompression would cost as much again.
    pub(crate) fn count(&self, paths: &[PathBuf], read: &ReadOptions, skip: u64) {
        if self.bar.is_none() && self.every.is_none() {
            return;
        }
        let warc = |p: &PathBuf| {
            read.format == InputFormat::Warc
                || newsmill_io::format_extension(p).as_deref() == Some("warc")
        };
        if paths.iter().any(|p| p.as_os_str() == "-" || warc(p)) {
            return;
        }
        let (paths, read) = (paths.to_vec(), read.clone());
        let total = Arc::clone(&self.total);
        let bar = self.bar.clone();
        let _ = std::thread::Builder::new()
            .name("newsmill-count".into())
            .spawn(move || {
                let Ok(inputs) = Inputs::open(&paths, &read) else {
                    return;
                };
                let n = (inputs.count() as u64).saturating_sub(skip);
                total.store(n, Ordering::SeqCst);
                if let Some(pb) = bar {
                    pb.set_length(n);
                    if let Ok(style) = ProgressStyle::with_template(BAR) {
                        pb.set_style(style.progress_chars("=> "));
                    }
                }
            });
    }

    /// After each chunk written.
    pub(crate) fn update(&mut self, stats: &RunStats) {
        if let Some(pb) = &self.bar {
            pb.set_position(stats.articles);
            pb.set_message(format!(
                "{:.0} articles/s, {:.1} MB of text, {} warnings, {} errors",
                stats.articles_per_second(),
                stats.bytes as f64 / 1e6,
                stats.warnings,
                stats.errors,
            ));
        }
        if let Some(every) = self.every
            && self.last.elapsed() >= every
        {
            self.last = Instant::now();
            eprintln!("{}", status_line(stats, self.total.load(Ordering::SeqCst)));
        }
    }

    /// Clear the bar.
    pub(crate) fn finish(&self) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
    }
}

/// `newsmill: 12000 of 20000 articles (60%), 2290 articles/s, ETA 0:03, 12 errors`.
fn status_line(stats: &RunStats, total: u64) -> String {
    let rate = stats.articles_per_second();
    let of = if total > 0 {
        let done = stats.articles.min(total);
        let left = (total - done) as f64;
        let eta = if rate > 0.0 {
            format!(", ETA {}", clock((left / rate).round() as u64))
        } else {
            String::new()
        };
        (
            format!(" of {total}"),
            format!(" ({:.0}%)", 100.0 * done as f64 / total as f64),
            eta,
        )
    } else {
        Default::default()
    };
    format!(
        "newsmill: {}{} articles{}, {:.0} articles/s{}, {} errors, {} elapsed",
        stats.articles,
        of.0,
        of.1,
        rate,
        of.2,
        stats.errors,
        clock(stats.elapsed.as_secs())
    )
}

/// Seconds as `m:ss` or `h:mm:ss`.
fn clock(s: u64) -> String {
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_line_has_count_total_rate_and_eta() {
        let stats = RunStats {
            articles: 500,
            errors: 2,
            elapsed: Duration::from_secs(5),
            ..RunStats::default()
        };
        assert_eq!(
            status_line(&stats, 2000),
            "newsmill: 500 of 2000 articles (25%), 100 articles/s, ETA 0:15, 2 errors, 0:05 elapsed"
        );
        assert_eq!(
            status_line(&stats, 0),
            "newsmill: 500 articles, 100 articles/s, 2 errors, 0:05 elapsed"
        );
        assert_eq!(clock(3725), "1:02:05");
    }
}

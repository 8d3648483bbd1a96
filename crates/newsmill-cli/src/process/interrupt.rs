//! SIGINT and SIGTERM: the first asks the run to stop cleanly (finish
//! the records in flight, flush, summary); a second ends at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result};

/// The signal flags of one run.
#[derive(Debug, Clone)]
pub(crate) struct Interrupt {
    stop: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Catch SIGINT and SIGTERM for the rest of the process.
    pub(crate) fn install() -> Result<Interrupt> {
        let stop = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        #[cfg(unix)]
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            // A second signal while stopping ends the process at once
            // (registered first, so it sees the flag before this signal sets it).
            signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&stop))
                .context("cannot install the signal handler")?;
            signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
                .context("cannot install the signal handler")?;
            signal_hook::flag::register(sig, Arc::clone(&stop))
                .context("cannot install the signal handler")?;
        }
        let interrupt = Interrupt { stop, signal };
        // Say at once that the signal was seen (a handler cannot print).
        let watch = interrupt.clone();
        let _ = std::thread::Builder::new()
            .name("newsmill-signal".into())
            .spawn(move || {
                while !watch.stop.load(Ordering::SeqCst) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                let name = watch.caught().map_or("a signal", |(n, _)| n);
                eprintln!(
                    "newsmill: {name}: stopping after the records in flight (again to stop at once)"
                );
            });
        Ok(interrupt)
    }

    /// The flag the runner watches.
    pub(crate) fn flag(&self) -> &AtomicBool {
        &self.stop
    }

    /// The flag, shared with a thread that reads stdin.
    pub(crate) fn shared(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.stop)
    }

    /// The signal that stopped the run, by name, with its exit code
    /// (128 + its number: 130 for SIGINT, 143 for SIGTERM).
    pub(crate) fn caught(&self) -> Option<(&'static str, u8)> {
        let sig = self.signal.load(Ordering::SeqCst);
        #[cfg(unix)]
        {
            if sig == signal_hook::consts::SIGINT as usize {
                return Some(("SIGINT", 130));
            }
            if sig == signal_hook::consts::SIGTERM as usize {
                return Some(("SIGTERM", 143));
            }
        }
        (sig != 0).then_some(("a signal", 130))
    }
}

//! Start-up timing: what the start spends its time on (one log line), and the moment the
//! first screen is ready to type into, reported by the UI. `scripts/bench startup` reads that
//! moment from the file named by [`READY_FILE_VAR`]; the log keeps it for everyone else.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Names a file that gets one `ready_epoch_ms=…` line when the first screen is ready (the
/// blank baseline app in benches/blank-app writes the same line).
pub const READY_FILE_VAR: &str = "CASCO_READY_FILE";

static STARTED: OnceLock<(Instant, SystemTime)> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Marks the start of the process; the first call wins.
pub fn begin() {
    STARTED.get_or_init(|| (Instant::now(), SystemTime::now()));
}

/// Time since [`begin`].
fn since_start() -> Duration {
    STARTED.get().map_or(Duration::ZERO, |(at, _)| at.elapsed())
}

/// Milliseconds since the Unix epoch (the web page's clock is the same wall clock).
fn epoch_ms(at: SystemTime) -> f64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// When the page got to its first screen, by the web page's own clock: milliseconds since
/// its navigation began (`performance.now()`), and when that was (`performance.timeOrigin`).
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PageTiming {
    /// `performance.timeOrigin`: the navigation's start, ms since the Unix epoch.
    pub navigation_epoch_ms: f64,
    /// The UI's script started running.
    pub script_ms: f64,
    /// The settings were read (the first call the UI waits for).
    pub settings_ms: f64,
    /// The first screen was painted with its first field in it.
    pub ready_ms: f64,
}

/// The steps of one start-up phase, timed one after the other and logged together.
pub struct Steps {
    phase: &'static str,
    began: Instant,
    last: Instant,
    parts: Vec<(&'static str, Duration)>,
}

impl Steps {
    /// Starts timing `phase` now.
    pub fn new(phase: &'static str) -> Steps {
        let now = Instant::now();
        Steps {
            phase,
            began: now,
            last: now,
            parts: Vec::new(),
        }
    }

    /// Records the time since the previous step as `name`.
    pub fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        self.parts.push((name, now - self.last));
        self.last = now;
    }

    /// Logs every step, the phase's total and how long after the process started it ended.
    pub fn log(&self) {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|(name, took)| format!("{name} {} ms", took.as_millis()))
            .collect();
        log::info!(
            "start-up, {}: {} (total {} ms, {} ms after start)",
            self.phase,
            parts.join(", "),
            self.began.elapsed().as_millis(),
            since_start().as_millis()
        );
    }
}

/// The UI's first screen is on and its first field can take focus: logged once with where
/// the time went, and written to [`READY_FILE_VAR`]'s file when it is set.
pub fn first_screen_ready(page: PageTiming) {
    if REPORTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let started = STARTED.get().map_or(0.0, |(_, wall)| epoch_ms(*wall));
    let navigation = page.navigation_epoch_ms - started;
    log::info!(
        "start-up: first screen ready {} ms after start (page: navigation began at {:.0} ms, \
         script ran at {:.0} ms, settings read at {:.0} ms, first screen at {:.0} ms)",
        since_start().as_millis(),
        navigation,
        navigation + page.script_ms,
        navigation + page.settings_ms,
        navigation + page.ready_ms,
    );
    let Some(path) = std::env::var_os(READY_FILE_VAR) else {
        return;
    };
    let epoch_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(format!("ready_epoch_ms={epoch_ms}\n").as_bytes()));
    if let Err(e) = written {
        log::warn!("{READY_FILE_VAR}: {e}");
    }
}

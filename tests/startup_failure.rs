//! A start-up that fails is said, not silent (`src-tauri/lib.rs`: `startup_failed`): with the
//! database path taken by a folder, the app logs the reason and stays up showing a native
//! message box (a silent failure would exit, or panic). Needs a display and a session bus:
//! scripts/test runs it inside xvfb-run + dbus-run-session.
#![cfg(target_os = "linux")]

use std::process::Stdio;
use std::time::{Duration, Instant};

#[path = "support/launched.rs"]
mod launched;
use launched::Launched;

#[test]
#[ignore = "needs a display and a session bus: scripts/test runs it"]
fn a_database_that_cannot_open_is_said_in_the_log_and_a_message_box() {
    let dir = std::env::temp_dir().join(format!("casco-startup-failure-{}", std::process::id()));
    let local = dir.join("data").join("ro.cascodesk.desk");
    // A folder where the database file should be: SQLite cannot open it.
    std::fs::create_dir_all(local.join("casco.db")).unwrap();
    let mut app = Launched::app_in(dir.clone(), Stdio::null());
    let log = local.join("logs").join("casco-desk.log");
    let deadline = Instant::now() + Duration::from_secs(30);
    let said = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("start-up failed") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(
        said.contains("start-up failed: the local database"),
        "log:\n{said}"
    );
    // The message box waits for the agent: the app has not exited on its own.
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        app.0.try_wait().unwrap().is_none(),
        "the app stays up showing the reason until it is closed"
    );
}

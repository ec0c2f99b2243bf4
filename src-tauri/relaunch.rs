//! A launch that meets a predecessor still on its way out.
//!
//! The single-instance lock is a D-Bus name on Linux. When the previous Casco Desk crashed or is
//! closing, the bus can still list it as the owner for a moment; the new launch then forwards
//! its arguments to an instance that never answers, and the plugin fails the whole start. The
//! agent would see nothing happen. Instead the launch starts itself over after a short pause,
//! a few times, by which point the name is free or a live instance answers.
//!
//! Linux only: on Windows and macOS tauri-plugin-single-instance (2.5) never fails a start
//! this way.

use std::os::unix::process::CommandExt;
use std::time::Duration;

/// How many times a launch starts itself over before giving up.
const MAX_ATTEMPTS: u32 = 5;
/// The pause before starting over: long enough for the bus to see the old owner go.
const PAUSE: Duration = Duration::from_millis(300);
/// Counts the attempts across the restarts; only this module reads or writes it.
const ATTEMPT_VAR: &str = "CASCO_DESK_LAUNCH_ATTEMPT";

/// True when the start failed only because the running instance could not be reached.
pub fn predecessor_unreachable(error: &tauri::Error) -> bool {
    matches!(
        error,
        tauri::Error::PluginInitialization(plugin, message)
            if plugin == "single-instance" && message.contains("failed to forward arguments")
    )
}

/// Starts this launch over with the same arguments, or explains why it cannot and exits.
pub fn start_over(error: &tauri::Error) -> ! {
    let attempt = std::env::var(ATTEMPT_VAR)
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    if attempt > MAX_ATTEMPTS {
        eprintln!(
            "Casco Desk este deja pornit, dar nu răspunde; închideți-l și încercați din nou. \
             (Casco Desk is already running but does not answer: {error})"
        );
        std::process::exit(1);
    }
    eprintln!("Casco Desk: the previous instance is still closing; starting again ({attempt}/{MAX_ATTEMPTS}).");
    std::thread::sleep(PAUSE);
    let exe = std::env::current_exe().unwrap_or_else(|e| {
        eprintln!("Casco Desk cannot find its own executable to start again: {e}");
        std::process::exit(1)
    });
    // exec keeps the process id, so whoever launched the app (a shortcut, a WebDriver) still
    // holds the right process.
    let error = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env(ATTEMPT_VAR, attempt.to_string())
        .exec();
    eprintln!("Casco Desk could not start again: {error}");
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_failed_forward_to_the_running_instance_starts_over() {
        let dying = tauri::Error::PluginInitialization(
            "single-instance".into(),
            "failed to forward arguments to the running instance: \
             org.freedesktop.DBus.Error.NoReply: Message recipient disconnected"
                .into(),
        );
        assert!(predecessor_unreachable(&dying));
        let other_plugin = tauri::Error::PluginInitialization(
            "store".into(),
            "failed to forward arguments".into(),
        );
        assert!(!predecessor_unreachable(&other_plugin));
        let no_bus =
            tauri::Error::PluginInitialization("single-instance".into(), "no session bus".into());
        assert!(!predecessor_unreachable(&no_bus));
    }
}

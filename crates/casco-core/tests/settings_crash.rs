//! A save interrupted by a crash leaves the previous settings readable. A child process (this
//! test binary again) copies the last good file aside and then overwrites settings.json in
//! place exactly as tauri-plugin-store does (truncate, write), slowed down so the parent can
//! kill it with SIGKILL after half the new file is on disk.

use casco_core::settings::{EnvironmentKind, Settings};
use casco_core::settings_backup::{self, SettingsRecovery, SETTINGS_KEY};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "CASCO_SETTINGS_CRASH_CHILD";

fn store_file(settings: &Settings) -> Vec<u8> {
    serde_json::to_vec_pretty(&serde_json::json!({ SETTINGS_KEY: settings })).unwrap()
}

fn agency_settings(name: &str, url: &str) -> Settings {
    let mut s = Settings::default();
    s.environment.kind = EnvironmentKind::Custom;
    s.environment.custom_url = url.into();
    s.agency.name = name.into();
    s.agency.address = "Str. Memorandumului 28, Cluj-Napoca".into();
    s
}

fn read_settings(main: &Path) -> Settings {
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(main).unwrap()).unwrap();
    serde_json::from_value(value[SETTINGS_KEY].clone()).unwrap()
}

/// The child's part: back up, then the plugin's in-place write, stopping halfway for good.
#[test]
fn child_saves_slowly_when_asked() {
    let Ok(main) = std::env::var(CHILD_ENV) else {
        return; // an ordinary test run: nothing to do
    };
    let main = PathBuf::from(main);
    settings_backup::keep_last_good(&main).unwrap();
    let next = store_file(&agency_settings("Agenția B", "https://api.broker-b.ro"));
    let mut file = std::fs::File::create(&main).unwrap(); // truncates, as fs::write does
    file.write_all(&next[..next.len() / 2]).unwrap();
    file.sync_all().unwrap();
    std::fs::write(main.with_extension("half-written"), b"").unwrap();
    std::thread::sleep(Duration::from_secs(60)); // the parent kills us here
    file.write_all(&next[next.len() / 2..]).unwrap();
}

#[test]
fn a_save_killed_halfway_leaves_the_previous_settings_readable() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("settings.json");
    let before = agency_settings("Agenția A", "https://api.broker-a.ro");
    std::fs::write(&main, store_file(&before)).unwrap();

    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_saves_slowly_when_asked", "--nocapture"])
        .env(CHILD_ENV, &main)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let marker = main.with_extension("half-written");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the child never wrote half a file"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no flush, like a crash
    child.wait().unwrap();
    let torn = std::fs::read(&main).unwrap();
    assert!(
        serde_json::from_slice::<serde_json::Value>(&torn).is_err(),
        "the crash left a torn file"
    );

    // The next start finds the torn file, keeps it, and restores the last good one.
    let SettingsRecovery::Restored { kept } = settings_backup::recover(&main).unwrap() else {
        panic!("expected the last good settings restored");
    };
    assert_eq!(std::fs::read(&kept).unwrap(), torn, "the torn file is kept");
    let after = read_settings(&main);
    assert_eq!(after, before);
    assert_eq!(after.environment.custom_url, "https://api.broker-a.ro");
    assert_eq!(after.agency.name, "Agenția A");
}

#[test]
fn a_damaged_main_file_never_overwrites_the_good_copy() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("settings.json");
    let good = agency_settings("Agenția A", "https://api.broker-a.ro");
    std::fs::write(&main, store_file(&good)).unwrap();
    settings_backup::keep_last_good(&main).unwrap();
    std::fs::write(&main, b"{\"settings\": {\"agen").unwrap();
    settings_backup::keep_last_good(&main).unwrap(); // a save attempt on top of the damage
    assert!(matches!(
        settings_backup::recover(&main).unwrap(),
        SettingsRecovery::Restored { .. }
    ));
    assert_eq!(read_settings(&main), good);
}

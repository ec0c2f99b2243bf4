//! Keeps the settings file safe from a crash mid-save. tauri-plugin-store writes the file in
//! place, so a crash while it writes leaves it cut short. Before every save the last good
//! file is copied aside (`settings.json.last-good`, written atomically); at start, a main file
//! that cannot be read is kept under another name and the copy takes its place. Nothing is
//! ever silently reset to defaults: the agent is told what happened.

use std::path::{Path, PathBuf};

use crate::durable;
use crate::messages::Message;
use crate::settings::Settings;

/// The key the settings object lives under in the store file.
pub const SETTINGS_KEY: &str = "settings";

/// What start-up found in the settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsRecovery {
    /// The file was readable, or there was none yet.
    Intact,
    /// The file was unreadable; the last good copy replaced it and it was kept at `kept`.
    Restored {
        /// Where the unreadable file now is.
        kept: PathBuf,
    },
    /// The file was unreadable and there was no good copy: defaults until the agent saves.
    Unreadable {
        /// Where the unreadable file now is.
        kept: PathBuf,
    },
}

impl SettingsRecovery {
    /// The notice for the agent, if anything needs saying.
    pub fn notice(&self) -> Option<Message> {
        match self {
            SettingsRecovery::Intact => None,
            SettingsRecovery::Restored { kept } => Some(Message::SettingsRestored {
                kept: kept.display().to_string(),
            }),
            SettingsRecovery::Unreadable { kept } => Some(Message::SettingsUnreadable {
                kept: kept.display().to_string(),
            }),
        }
    }
}

/// `settings.json.last-good` next to `main`.
pub fn last_good_path(main: &Path) -> PathBuf {
    sibling(main, ".last-good")
}

/// Whether `bytes` is a store file this version can read: a JSON object whose settings, if
/// present, have the settings' shape. Whether their values still pass validation is the
/// loader's question; a file that merely fails a newer rule is not damaged.
pub fn is_good(bytes: &[u8]) -> bool {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(bytes) else {
        return false;
    };
    match map.get(SETTINGS_KEY) {
        None => true,
        Some(value) => serde_json::from_value::<Settings>(value.clone()).is_ok(),
    }
}

/// Before a save overwrites `main` in place: copies it aside if it is good. A bad main file
/// is never copied over a good copy.
pub fn keep_last_good(main: &Path) -> std::io::Result<()> {
    match std::fs::read(main) {
        Ok(bytes) if is_good(&bytes) => durable::write_atomically(&last_good_path(main), &bytes),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// At start, before the store reads `main`: an unreadable main file is renamed to
/// `settings.json.unreadable-<UTC time>` and the last good copy, if any, takes its place.
pub fn recover(main: &Path) -> std::io::Result<SettingsRecovery> {
    let bytes = match std::fs::read(main) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SettingsRecovery::Intact),
        Err(e) => return Err(e),
    };
    if is_good(&bytes) {
        return Ok(SettingsRecovery::Intact);
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let kept = sibling(main, &format!(".unreadable-{stamp}"));
    std::fs::rename(main, &kept)?;
    let backup = last_good_path(main);
    let good_copy = std::fs::read(&backup).ok().filter(|b| is_good(b));
    log::warn!(
        "settings file unreadable; kept at {}; {}",
        kept.display(),
        if good_copy.is_some() {
            "restored the last good copy"
        } else {
            "no good copy: defaults until the next save"
        }
    );
    match good_copy {
        Some(good) => {
            durable::write_atomically(main, &good)?;
            Ok(SettingsRecovery::Restored { kept })
        }
        None => Ok(SettingsRecovery::Unreadable { kept }),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_objects_with_valid_settings_are_good() {
        assert!(is_good(b"{}"));
        assert!(is_good(br#"{"other": 1}"#));
        let valid = serde_json::json!({ SETTINGS_KEY: Settings::default() });
        assert!(is_good(valid.to_string().as_bytes()));
        assert!(!is_good(b""));
        assert!(!is_good(br#"{"settings": {"environ"#));
        assert!(!is_good(br#"{"settings": {"language": "de"}}"#));
        assert!(!is_good(b"[]"));
    }

    #[test]
    fn without_a_good_copy_the_unreadable_file_is_kept_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("settings.json");
        std::fs::write(&main, b"{\"settings\": {").unwrap();
        let SettingsRecovery::Unreadable { kept } = recover(&main).unwrap() else {
            panic!("expected Unreadable");
        };
        assert!(!main.exists());
        assert_eq!(std::fs::read(&kept).unwrap(), b"{\"settings\": {");
        assert!(matches!(
            SettingsRecovery::Unreadable { kept }.notice(),
            Some(Message::SettingsUnreadable { .. })
        ));
        assert_eq!(recover(&main).unwrap(), SettingsRecovery::Intact);
    }
}

//! The first start under the final app identifier: everything an earlier release kept under
//! the old one (`ro.cascodesk.app`, which macOS Finder shows as an application bundle) moves
//! to the new places, losing nothing:
//!
//! - the database (`casco.db`, checkpointed first so it travels as one file, and any damaged
//!   copies kept aside) goes to the local data folder, never a roaming one (SQLite's locking
//!   does not work on the network shares Windows redirects roaming profiles to);
//! - settings, their last good copy and the agency logo go to the data folder;
//! - keychain entries move from the old service to the new one, re-written as UTF-8 and with
//!   the remembered login split into account, password and refresh token.
//!
//! Nothing that already exists in the new place is overwritten: a file in the way stays in the
//! old folder, which is then kept, and the agent is told. Running it again finishes a move
//! a crash interrupted.

use std::path::{Path, PathBuf};

use casco_api::insurers::catalogue;
use serde::Deserialize;

use crate::connection::ApiTarget;
use crate::durable;
use crate::keychain::Keychain;
use crate::keychain::Secret;
use crate::messages::Message;
use crate::remembered::RememberedLogin;
use crate::settings::{EnvironmentKind, EnvironmentSettings, Settings};
use crate::settings_backup::SETTINGS_KEY;

/// The database file's name, in the local data folder.
pub const DATABASE_FILE: &str = "casco.db";
/// The settings file's name, in the data folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// Where this release keeps its files.
#[derive(Debug, Clone)]
pub struct AppFolders {
    /// Settings and the agency logo (`app_data_dir`; roaming on Windows).
    pub data: PathBuf,
    /// The database (`app_local_data_dir`; never roaming).
    pub local: PathBuf,
}

/// Marks a move whose keychain part is not finished yet (in the new data folder), so a crash
/// or a locked keychain during the first start is finished at the next one.
const SECRETS_PENDING: &str = "keychain-move-pending";

/// What moving from the old identifier did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RelocationReport {
    /// Files moved to the new folders.
    pub moved_files: Vec<PathBuf>,
    /// Files left in the old folder because the same name already exists in the new one.
    pub left_behind: Vec<PathBuf>,
    /// Keychain entries moved to the new service.
    pub moved_secrets: usize,
}

impl RelocationReport {
    /// The notice for the agent when something of the earlier release stayed behind.
    pub fn notice(&self, old: &Path) -> Option<Message> {
        (!self.left_behind.is_empty()).then(|| Message::OldDataLeft {
            folder: old.display().to_string(),
        })
    }
}

/// The whole move at start, before anything opens the settings or the database: the files of
/// the earlier release's data folder `old`, then its keychain entries (from `old_keys`, read the
/// way it wrote them) for the environments its settings name. Cheap when there is nothing to
/// move: one folder and one marker checked, no keychain access.
pub fn relocate(
    old: &Path,
    new: &AppFolders,
    old_keys: &dyn Keychain,
    new_keys: &dyn Keychain,
) -> std::io::Result<RelocationReport> {
    let marker = new.data.join(SECRETS_PENDING);
    if old.is_dir() {
        std::fs::create_dir_all(&new.data)?;
        durable::write_atomically(&marker, b"")?;
    }
    let mut report = move_files(old, new)?;
    if marker.exists() {
        let envs = environments_in(&new.data.join(SETTINGS_FILE));
        let (moved, failed) = move_secrets(old_keys, new_keys, &envs);
        report.moved_secrets = moved;
        if failed == 0 {
            std::fs::remove_file(&marker)?;
        }
    }
    if report != RelocationReport::default() {
        log::info!("moved from {}: {report:?}", old.display());
    }
    Ok(report)
}

/// Moves the files of an earlier release from `old` (its data folder) into `new`. A missing
/// `old` folder is a start with nothing to move.
pub fn move_files(old: &Path, new: &AppFolders) -> std::io::Result<RelocationReport> {
    let mut report = RelocationReport::default();
    if !old.is_dir() {
        return Ok(report);
    }
    checkpoint(&old.join(DATABASE_FILE));
    for entry in std::fs::read_dir(old)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            log::warn!("relocation: {} is not a file; left", entry.path().display());
            report.left_behind.push(entry.path());
            continue;
        }
        let name = entry.file_name();
        let folder = if name.to_string_lossy().starts_with(DATABASE_FILE) {
            &new.local
        } else {
            &new.data
        };
        let target = folder.join(&name);
        if target.exists() {
            log::warn!(
                "relocation: {} already exists; {} left where it is",
                target.display(),
                entry.path().display()
            );
            report.left_behind.push(entry.path());
            continue;
        }
        std::fs::create_dir_all(folder)?;
        move_file(&entry.path(), &target)?;
        report.moved_files.push(target);
    }
    if report.left_behind.is_empty() {
        // Only when empty: a file that could not move keeps the folder.
        let _ = std::fs::remove_dir(old);
    }
    Ok(report)
}

/// Folds the old database's WAL into the file, so it moves as one file with nothing pending
/// in a companion. A file SQLite cannot open moves as it is, with its companions.
fn checkpoint(db: &Path) {
    if !db.is_file() {
        return;
    }
    let folded = rusqlite::Connection::open(db).and_then(|conn| {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()))
    });
    if let Err(e) = folded {
        log::warn!(
            "relocation: checkpoint of {} failed ({e}); moving it as it is",
            db.display()
        );
    }
}

/// A rename; across file systems (a redirected roaming folder to a local one), a durable copy
/// and then the removal of the original.
fn move_file(from: &Path, to: &Path) -> std::io::Result<()> {
    if std::fs::rename(from, to).is_ok() {
        return Ok(());
    }
    durable::copy_atomically(from, to)?;
    std::fs::remove_file(from)
}

/// The environments whose secrets an earlier release may have kept: QA, Demo, and the custom
/// URL in the (already moved) settings file.
pub fn environments_in(settings_file: &Path) -> Vec<String> {
    let mut envs = vec!["qa".to_string(), "demo".to_string()];
    let custom = std::fs::read(settings_file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| serde_json::from_value::<Settings>(v.get(SETTINGS_KEY)?.clone()).ok())
        .map(|s| s.environment.custom_url)
        .filter(|url| !url.trim().is_empty());
    if let Some(url) = custom {
        let env = EnvironmentSettings {
            kind: EnvironmentKind::Custom,
            custom_url: url,
        };
        envs.push(ApiTarget::from_settings(&env, "").key);
    }
    envs
}

/// The remembered login as an earlier release kept it: one JSON entry `login:<env>`.
#[derive(Deserialize)]
struct OldLogin {
    account: String,
    password: String,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// Moves the keychain entries of `envs` from `old` (the earlier release's service, read the
/// way it wrote them) to `new`. An entry already in `new` is newer and wins. Returns how many
/// entries moved and how many could not (those stay in `old` for the next start).
pub fn move_secrets(old: &dyn Keychain, new: &dyn Keychain, envs: &[String]) -> (usize, usize) {
    let mut tally = (0, 0);
    let mut count = |moved: Moved| match moved {
        Moved::Yes => tally.0 += 1,
        Moved::Failed => tally.1 += 1,
        Moved::Nothing => {}
    };
    for env in envs {
        count(move_login(old, new, env));
        for insurer in catalogue() {
            let key = format!("insurer:{env}:{}", insurer.key);
            count(move_entry(old, new, &key, |value| new.set(&key, value)));
        }
    }
    tally
}

/// What happened to one keychain entry.
enum Moved {
    Yes,
    Nothing,
    Failed,
}

fn move_login(old: &dyn Keychain, new: &dyn Keychain, env: &str) -> Moved {
    let key = format!("login:{env}");
    move_entry(old, new, &key, |value| {
        let Ok(login) = serde_json::from_str::<OldLogin>(value.expose()) else {
            log::warn!("relocation: the remembered login for {env} is unreadable; dropped");
            return Ok(());
        };
        if RememberedLogin::read(new, env).is_some() {
            return Ok(()); // remembered again since: the newer one wins
        }
        RememberedLogin {
            account: login.account,
            password: Secret::new(login.password),
            refresh_token: login.refresh_token.map(Secret::new),
        }
        .write(new, env)
    })
}

/// Reads `key` from `old`, hands it to `write` and deletes it from `old` once written.
fn move_entry(
    old: &dyn Keychain,
    new: &dyn Keychain,
    key: &str,
    write: impl FnOnce(&Secret<String>) -> Result<(), crate::keychain::KeychainError>,
) -> Moved {
    let value = match old.get(key) {
        Ok(Some(value)) => value,
        Ok(None) => return Moved::Nothing,
        Err(e) => {
            log::warn!("relocation: cannot read {key} from the old keychain entries: {e}");
            return Moved::Failed;
        }
    };
    let already = matches!(new.get(key), Ok(Some(_)));
    let written = if already { Ok(()) } else { write(&value) };
    if let Err(e) = written {
        log::warn!("relocation: cannot keep {key} under the new identifier: {e}; left");
        return Moved::Failed;
    }
    if let Err(e) = old.delete(key) {
        log::warn!("relocation: {key} copied but not removed from the old entries: {e}");
    }
    Moved::Yes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::MemoryKeychain;

    #[test]
    fn a_file_already_in_the_new_place_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("ro.cascodesk.app");
        let new = AppFolders {
            data: dir.path().join("new-data"),
            local: dir.path().join("new-local"),
        };
        std::fs::create_dir_all(&old).unwrap();
        std::fs::create_dir_all(&new.data).unwrap();
        std::fs::write(old.join(SETTINGS_FILE), b"old").unwrap();
        std::fs::write(old.join("agency-logo-1.png"), b"logo").unwrap();
        std::fs::write(new.data.join(SETTINGS_FILE), b"new").unwrap();
        let report = move_files(&old, &new).unwrap();
        assert_eq!(report.left_behind, [old.join(SETTINGS_FILE)]);
        assert_eq!(std::fs::read(new.data.join(SETTINGS_FILE)).unwrap(), b"new");
        assert_eq!(
            std::fs::read(new.data.join("agency-logo-1.png")).unwrap(),
            b"logo"
        );
        assert!(old.join(SETTINGS_FILE).exists(), "the old folder is kept");
    }

    #[test]
    fn an_entry_remembered_again_since_wins_over_the_old_one() {
        let (old, new) = (MemoryKeychain::default(), MemoryKeychain::default());
        let json = r#"{"account":"vechi","password":"p-vechi","refresh_token":"r"}"#;
        old.set("login:qa", &Secret::new(json.into())).unwrap();
        RememberedLogin {
            account: "nou".into(),
            password: Secret::new("p-nou".into()),
            refresh_token: None,
        }
        .write(&new, "qa")
        .unwrap();
        move_secrets(&old, &new, &["qa".into()]);
        assert_eq!(RememberedLogin::read(&new, "qa").unwrap().account, "nou");
        assert!(old.get("login:qa").unwrap().is_none());
    }
}

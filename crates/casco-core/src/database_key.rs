//! Where the database key comes from at start, and what happens when it is gone.
//!
//! The key is made at first start and kept only in the OS keychain (entry
//! [`DATABASE_KEY_ENTRY`]). It is written to the keychain before anything is sealed with it,
//! so no value is ever sealed with a key that was not kept.
//!
//! When the keychain has no key (or another one) but the file was sealed, the file cannot be
//! read: it is moved aside, never deleted, and the app starts with an empty book while
//! reference data syncs again; the agent is told where the file was kept. When the keychain
//! cannot be reached at all, nothing is moved (the key may well come back next start): the
//! session works on a temporary database that is not kept, and the agent is told so.

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::keychain::{Keychain, Secret};
use crate::messages::Message;
use crate::store::{DatabaseKey, Store, StoreError};

/// The keychain entry of the database key.
pub const DATABASE_KEY_ENTRY: &str = "database-key";

/// The database to open and the key to open it with.
#[derive(Debug)]
pub struct Unlocked {
    /// The database file (the temporary one when the keychain is unreachable).
    pub path: PathBuf,
    /// Its key.
    pub key: DatabaseKey,
    /// What the agent must be told.
    pub notice: Option<Message>,
    /// The temporary folder to remove when the session ends, if the database is temporary.
    pub temporary: Option<tempfile::TempDir>,
}

/// The key for the database at `path`, from `keychain` (made and kept there at first start).
pub fn unlock(path: &Path, keychain: &dyn Keychain) -> Result<Unlocked, StoreError> {
    let kept = match keychain.get(DATABASE_KEY_ENTRY) {
        Ok(kept) => kept,
        Err(e) => return temporary(&e.to_string()),
    };
    if let Some(key) = kept.and_then(|k| DatabaseKey::from_base64(k.expose())) {
        return Ok(Unlocked {
            path: path.to_owned(),
            key,
            notice: None,
            temporary: None,
        });
    }
    let key = DatabaseKey::generate()?;
    if let Err(e) = keychain.set(DATABASE_KEY_ENTRY, &Secret::new(key.to_base64())) {
        return temporary(&e.to_string());
    }
    let notice = if path.exists() && Store::is_sealed_file(path) {
        Some(Message::DatabaseKeyMissing {
            kept: move_aside(path, "no-key")?.display().to_string(),
        })
    } else {
        None
    };
    Ok(Unlocked {
        path: path.to_owned(),
        key,
        notice,
        temporary: None,
    })
}

/// After [`StoreError::KeyMismatch`]: the file sealed with another key is moved aside (never
/// deleted) and the agent told where; the caller opens a fresh database in its place.
pub fn set_aside_foreign(path: &Path) -> Result<Message, StoreError> {
    let kept = move_aside(path, "other-key")?;
    Ok(Message::DatabaseKeyMismatch {
        kept: kept.display().to_string(),
    })
}

/// The keychain cannot be reached: a database for this session only, with a key that is
/// never kept; the file on disk is not touched.
fn temporary(reason: &str) -> Result<Unlocked, StoreError> {
    log::warn!("keychain unreachable ({reason}): working on a temporary database");
    let folder = tempfile::Builder::new().prefix("casco-desk-").tempdir()?;
    Ok(Unlocked {
        path: folder.path().join("casco.db"),
        key: DatabaseKey::generate()?,
        notice: Some(Message::KeychainUnavailableForData),
        temporary: Some(folder),
    })
}

/// Moves the database and its `-wal`/`-shm` to `<name>.<why>-<time>`; returns the new path.
fn move_aside(path: &Path, why: &str) -> Result<PathBuf, StoreError> {
    let stamp = Utc::now().format("%Y%m%d-%H%M%S");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("casco.db");
    let target = path.with_file_name(format!("{name}.{why}-{stamp}"));
    std::fs::rename(path, &target)?;
    for suffix in ["-wal", "-shm"] {
        let companion = path.with_file_name(format!("{name}{suffix}"));
        if companion.exists() {
            let moved = target.with_file_name(format!(
                "{}{suffix}",
                target.file_name().and_then(|n| n.to_str()).unwrap_or(name)
            ));
            std::fs::rename(companion, moved)?;
        }
    }
    log::warn!("database set aside ({why}) as {}", target.display());
    Ok(target)
}

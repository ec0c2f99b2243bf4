//! The local store: one SQLite file (WAL) holding the nomenclature cache, drafts, quote calls
//! and, later, policies, documents and clients.
//!
//! The store sits below the domain: it knows rows and their stored formats, never the views
//! built from them. It keeps facts (what the agent typed, what the API said), and every JSON it
//! writes carries a format version its readers check; `crate::quote` and
//! `crate::nomenclature` build on it, never the reverse.
//!
//! Invariants: opening never panics; a damaged file is moved aside (never deleted) and a fresh
//! database is built in its place; a database written by a newer version of the app is refused
//! untouched. The connection sits behind a mutex, so one [`Store`] is shared by all tasks.

mod api_log;
mod clients;
mod documents;
mod drafts;
mod file;
mod identifications;
mod migrations;
mod nomenclature;
mod policy_issues;
mod quote_calls;
pub mod reference;
mod sealing;
mod sealing_migration;

use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use api_log::{ApiCallOutcome, ApiCallRow};
pub use clients::{CardRow, ClientId, DraftLink, VehicleId};
pub use documents::{DocumentId, DocumentKind, DocumentRecord, NewDocument};
pub use drafts::{DraftId, DraftListing, DraftRow, DraftStatus, DraftWrite};
pub use file::Journal;
pub use migrations::latest_version;
pub use nomenclature::{PartData, SyncState};
pub use policy_issues::{IssueId, IssueRecord};
pub use quote_calls::{
    CallAnswer, CallFailure, QuoteCallId, QuoteCallRecord, RecordedAnswer, Reply,
};
pub use sealing::{DatabaseKey, Sealer};
pub use sealing_migration::Sealing;

use crate::error::AppError;
use crate::messages::Message;

/// How long a statement waits for a lock held by another connection before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the store could not read or write.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A schema migration failed.
    #[error("migration {file}: {source}")]
    Migration {
        /// The migration file that failed.
        file: &'static str,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// The file was written by a newer version of the app; it is left untouched.
    #[error("schema version {found} is newer than this app knows ({known})")]
    NewerSchema {
        /// The file's `user_version`.
        found: u32,
        /// The newest version this binary knows.
        known: u32,
    },
    /// The file (or its folder) could not be created, moved or read.
    #[error("file system: {0}")]
    Io(#[from] std::io::Error),
    /// The database is still damaged after being rebuilt from scratch.
    #[error("database damaged: {0}")]
    Corrupt(String),
    /// The file's values were sealed with another key than the one given; it is left untouched.
    #[error("the database was sealed with another key")]
    KeyMismatch,
}

impl StoreError {
    /// What to tell the agent.
    pub fn message(&self) -> Message {
        match self {
            Self::NewerSchema { .. } => Message::StoreNewerSchema,
            other => Message::StoreUnusable {
                detail: other.to_string(),
            },
        }
    }

    /// The IPC error for this failure.
    pub fn to_app_error(&self) -> AppError {
        AppError::new(crate::error::ErrorCode::Storage, self.message())
    }
}

/// A damaged database that was moved aside and replaced by a fresh one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// Where the damaged file now lives (its `-wal`/`-shm` sit next to it with those suffixes).
    pub moved_to: PathBuf,
    /// SQLite's diagnosis, for logs and support.
    pub reason: String,
}

/// What happened while opening the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// The schema version found in the file before migrating (0 for a new file).
    pub migrated_from: u32,
    /// The schema version now in the file.
    pub schema_version: u32,
    /// Set when the file was damaged and rebuilt.
    pub recovered: Option<Recovery>,
    /// WAL, or a rollback journal where the file system cannot do WAL.
    pub journal: Journal,
    /// Whether the key matched, or how many plain values were sealed now.
    pub sealing: Sealing,
}

impl OpenReport {
    /// The notice for the agent, if anything needs saying.
    pub fn notice(&self) -> Option<Message> {
        let r = self.recovered.as_ref()?;
        Some(Message::StoreRebuilt {
            copy: r.moved_to.display().to_string(),
        })
    }
}

/// The local SQLite store; `Send + Sync`, meant to be shared in an `Arc`. Client data is
/// sealed on the way in and opened on the way out (see `sealing.rs`): callers see plain values.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    sealer: Sealer,
}

/// Why one open attempt failed: damaged files are recoverable, anything else is not.
enum OpenFailure {
    Corrupt(String),
    Other(StoreError),
}

impl From<StoreError> for OpenFailure {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::Sqlite(s) | StoreError::Migration { source: s, .. } => {
                s.sqlite_error_code()
            }
            _ => None,
        };
        match code {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                Self::Corrupt(e.to_string())
            }
            _ => Self::Other(e),
        }
    }
}

impl From<rusqlite::Error> for OpenFailure {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e).into()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`, checks it, migrates it, and rebuilds
    /// it if it is damaged.
    ///
    /// Only damage SQLite itself diagnoses (not a database, malformed image, failed
    /// `quick_check`) leads to a rebuild; a locked file, a permission problem or a newer schema
    /// is returned as an error with the file untouched, so a healthy database is never moved.
    ///
    /// `key` seals client data; a file sealed with another key is refused untouched
    /// ([`StoreError::KeyMismatch`]), and a file from before sealing is sealed now.
    pub fn open(
        path: impl AsRef<Path>,
        key: &DatabaseKey,
    ) -> Result<(Store, OpenReport), StoreError> {
        Store::open_on(path.as_ref(), None, key)
    }

    /// [`Store::open`] through the SQLite VFS named `vfs` (`None`: the platform's default).
    fn open_on(
        path: &Path,
        vfs: Option<&str>,
        key: &DatabaseKey,
    ) -> Result<(Store, OpenReport), StoreError> {
        file::make_private(path)?;
        // SQLite deletes the -wal/-shm of a file it cannot read when the connection closes,
        // so they are copied first: if the file turns out damaged, the copies are what is kept.
        let saved = file::save_companions(path)?;
        let opened = match file::open_checked(path, vfs) {
            Ok((conn, from, journal)) => Ok((conn, from, journal, None)),
            Err(OpenFailure::Other(e)) => Err(e),
            Err(OpenFailure::Corrupt(reason)) => {
                Store::rebuild(path, vfs, &saved).map(|(conn, from, journal, moved_to)| {
                    (conn, from, journal, Some(Recovery { moved_to, reason }))
                })
            }
        };
        for (_, copy) in &saved {
            // Already moved when the file was damaged; otherwise no longer needed.
            let _ = std::fs::remove_file(copy);
        }
        let (mut conn, migrated_from, journal, recovered) = opened?;
        let sealer = Sealer::new(key);
        let sealing = sealing_migration::seal_existing(&mut conn, &sealer)?;
        let report = OpenReport {
            migrated_from,
            schema_version: latest_version(),
            recovered,
            journal,
            sealing,
        };
        let store = Store {
            conn: Mutex::new(conn),
            sealer,
        };
        Ok((store, report))
    }

    /// Moves the damaged file aside and opens a fresh one in its place.
    fn rebuild(
        path: &Path,
        vfs: Option<&str>,
        saved: &[(&'static str, PathBuf)],
    ) -> Result<(Connection, u32, Journal, PathBuf), StoreError> {
        let moved_to = file::move_aside(path, saved)?;
        file::make_private(path)?;
        match file::open_checked(path, vfs) {
            Ok((conn, from, journal)) => Ok((conn, from, journal, moved_to)),
            Err(OpenFailure::Corrupt(again)) => Err(StoreError::Corrupt(again)),
            Err(OpenFailure::Other(e)) => Err(e),
        }
    }

    /// The connection, exclusively. A panic in another holder cannot leave SQLite state
    /// half-written (transactions roll back on drop), so a poisoned lock is safe to reuse.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Seals and opens this database's client data.
    pub(crate) fn sealer(&self) -> &Sealer {
        &self.sealer
    }

    /// Whether the file at `path` holds sealed values (its canary row), read without a key and
    /// without writing: how start-up tells a lost key from a file that was never sealed.
    pub fn is_sealed_file(path: &Path) -> bool {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let Ok(conn) = Connection::open_with_flags(path, flags) else {
            return false;
        };
        conn.query_row("SELECT count(*) FROM sealing", [], |r| r.get::<_, i64>(0))
            .is_ok_and(|n| n > 0)
    }
}

/// A stored timestamp (Unix milliseconds, UTC); a value out of chrono's range reads as the
/// epoch rather than failing the whole read.
fn from_millis(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// `value` as JSON text for a column; `what` names it in the error ("draft").
fn to_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| not_serializable(what, &e))
}

/// `value` as a JSON tree; `what` names it in the error ("quote request").
fn to_json_value<T: Serialize + ?Sized>(
    value: &T,
    what: &str,
) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(value).map_err(|e| not_serializable(what, &e))
}

fn not_serializable(what: &str, e: &serde_json::Error) -> StoreError {
    StoreError::Corrupt(format!("{what} not serializable: {e}"))
}

/// A JSON column read back; `what` names it in the error ("draft 7 body"). A row this
/// version cannot read is reported as [`StoreError::Corrupt`], never silently dropped.
fn from_json<T: DeserializeOwned>(text: &str, what: impl Display) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Store>();
    }

    #[test]
    fn new_file_is_migrated_and_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("casco.db");
        let (store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
        assert_eq!(report.migrated_from, 0);
        assert_eq!(report.schema_version, latest_version());
        assert!(report.recovered.is_none());
        assert_eq!(report.notice(), None);
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(report.journal, Journal::Wal);
        drop(store);
        let (_, again) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
        assert_eq!(again.migrated_from, latest_version());
    }

    #[test]
    fn without_shared_memory_for_wal_the_store_falls_back_to_a_rollback_journal() {
        // The unix-none VFS has no shared memory, as a network file system lacks it: WAL
        // cannot be set. Opening must still work, and the data must still be kept.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("casco.db");
        let (store, report) =
            Store::open_on(&path, Some("unix-none"), &DatabaseKey::from_bytes([7; 32])).unwrap();
        assert_eq!(report.journal, Journal::Rollback);
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        store
            .conn()
            .execute_batch("CREATE TABLE probe(x); INSERT INTO probe VALUES (1);")
            .unwrap();
        drop(store);
        let (store, again) =
            Store::open_on(&path, Some("unix-none"), &DatabaseKey::from_bytes([7; 32])).unwrap();
        assert_eq!(again.migrated_from, latest_version());
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM probe", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_folder_are_readable_by_the_user_only() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("ro.cascodesk.desk");
        let path = folder.join("casco.db");
        let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
        store
            .conn()
            .execute_batch("CREATE TABLE probe(x); INSERT INTO probe VALUES (1);")
            .unwrap();
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder.join("casco.db-wal")), 0o600);
        drop(store);

        // A folder and file an earlier version left open to others are narrowed.
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap());
        assert_eq!((mode(&folder), mode(&path)), (0o700, 0o600));
    }

    #[test]
    fn recovery_notice_names_the_copy() {
        let report = OpenReport {
            migrated_from: 0,
            schema_version: 1,
            recovered: Some(Recovery {
                moved_to: PathBuf::from("/x/casco.db.corrupt-1"),
                reason: "r".into(),
            }),
            journal: Journal::Wal,
            sealing: Sealing::KeyMatches,
        };
        assert_eq!(
            report.notice(),
            Some(Message::StoreRebuilt {
                copy: "/x/casco.db.corrupt-1".into()
            })
        );
    }

    #[test]
    fn newer_schema_error_reads_as_update_advice() {
        let e = StoreError::NewerSchema { found: 9, known: 1 };
        let a = e.to_app_error();
        assert_eq!(
            (a.code, a.message),
            (crate::error::ErrorCode::Storage, Message::StoreNewerSchema)
        );
    }
}

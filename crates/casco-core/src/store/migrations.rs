//! Versioned schema migrations, embedded in the binary and tracked with `PRAGMA user_version`.
//!
//! Adding a migration: drop `NNNN_what.sql` into `crates/casco-core/migrations/` and add its
//! `migration!` line below. A test fails if a file in that folder is not registered, if the
//! versions are not 1, 2, 3, … in order, or if a file's number differs from its version.

use rusqlite::Connection;

use super::StoreError;

/// One schema step: the SQL that brings `user_version` from `version - 1` to `version`.
#[derive(Debug)]
pub(crate) struct Migration {
    /// The `user_version` after this step.
    pub version: u32,
    /// The file name under `migrations/`, for diagnostics and the registration test.
    pub file: &'static str,
    /// The SQL, run as one batch inside the step's transaction.
    pub sql: &'static str,
}

macro_rules! migration {
    ($version:expr, $file:literal) => {
        Migration {
            version: $version,
            file: $file,
            sql: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/", $file)),
        }
    };
}

/// Every migration, oldest first.
pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_nomenclature.sql"),
    migration!(2, "0002_drafts.sql"),
    migration!(3, "0003_quote_calls.sql"),
    migration!(4, "0004_vehicle_identifications.sql"),
    migration!(5, "0005_quote_answers.sql"),
    migration!(6, "0006_documents_and_policies.sql"),
    migration!(7, "0007_sealing.sql"),
    migration!(8, "0008_clients.sql"),
    migration!(9, "0009_api_log.sql"),
];

/// The schema version this binary writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Brings the database up to [`latest_version`]; returns the version it started from.
///
/// Each step runs in its own transaction together with its `user_version` bump, so a failed
/// step leaves the database at the previous version, never half-migrated.
pub(crate) fn run(conn: &mut Connection) -> Result<u32, StoreError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = latest_version();
    if found > latest {
        return Err(StoreError::NewerSchema {
            found,
            known: latest,
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > found) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql).map_err(|e| StoreError::Migration {
            file: m.file,
            source: e,
        })?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_contiguous_and_match_file_numbers() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{} is out of order", m.file);
            let number: u32 = m.file.split('_').next().unwrap().parse().unwrap();
            assert_eq!(number, m.version, "{} carries the wrong number", m.file);
        }
    }

    #[test]
    fn every_sql_file_is_registered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let registered: Vec<String> = MIGRATIONS.iter().map(|m| m.file.to_owned()).collect();
        assert_eq!(on_disk, registered);
    }

    #[test]
    fn a_newer_schema_is_refused_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("casco.db")).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        let err = run(&mut conn).unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { .. }), "{err:?}");
    }

    #[test]
    fn running_twice_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("casco.db")).unwrap();
        assert_eq!(run(&mut conn).unwrap(), 0);
        assert_eq!(run(&mut conn).unwrap(), latest_version());
        let tables: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'nom_%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 5);
    }
}

//! The first open with a key seals what an earlier release wrote in plain text, and every
//! later open checks that the key is the database's own (the canary).
//!
//! Invariant: after [`seal_existing`] returns, no listed column holds a plain value, and the
//! plain text is gone from the file too: `secure_delete` zeroes freed pages, a `VACUUM`
//! rewrites the file, and the WAL is checkpointed and truncated.

use rusqlite::{params, Connection, OptionalExtension};

use super::sealing::{Sealer, CANARY};
use super::StoreError;

/// Every sealed column, by table. `vehicle_identifications.specs` is a lookup key: it holds a
/// tag, not a sealed value (see `identifications.rs`).
pub(super) const SEALED_COLUMNS: &[(&str, &[&str])] = &[
    ("drafts", &["client_name", "body"]),
    ("quote_calls", &["request", "outcome", "answer"]),
    ("vehicle_identifications", &["answer"]),
    ("documents", &["path"]),
    ("policy_issues", &["request", "answer"]),
    ("api_calls", &["client"]),
    ("clients", &["card"]),
    ("client_vehicles", &["card"]),
];

/// What opening found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
    /// The canary opened: the key is this database's.
    KeyMatches,
    /// The file had never been sealed; this many values were sealed now.
    SealedNow(usize),
}

/// Checks the key against the canary, or seals the whole file the first time.
pub(super) fn seal_existing(conn: &mut Connection, sealer: &Sealer) -> Result<Sealing, StoreError> {
    let canary: Option<String> = conn
        .query_row("SELECT canary FROM sealing WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    if let Some(canary) = canary {
        return match sealer.open("sealing.canary", &canary) {
            Ok(text) if text == CANARY => Ok(Sealing::KeyMatches),
            _ => Err(StoreError::KeyMismatch),
        };
    }
    let tx = conn.transaction()?;
    let mut sealed = 0;
    for (table, columns) in SEALED_COLUMNS {
        for column in *columns {
            sealed += seal_column(&tx, sealer, table, column)?;
        }
    }
    sealed += tag_identification_keys(&tx, sealer)?;
    tx.execute(
        "INSERT INTO sealing (id, canary, sealed_at) VALUES (1, ?1, ?2)",
        params![
            sealer.seal("sealing.canary", CANARY)?,
            chrono::Utc::now().timestamp_millis()
        ],
    )?;
    tx.commit()?;
    if sealed > 0 {
        // The plain values still sit in freed pages and in the WAL: rewrite both away.
        conn.execute_batch("VACUUM")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(Sealing::SealedNow(sealed))
}

/// Seals the plain values of one column; returns how many.
fn seal_column(
    tx: &rusqlite::Transaction<'_>,
    sealer: &Sealer,
    table: &str,
    column: &str,
) -> Result<usize, StoreError> {
    let name = format!("{table}.{column}");
    let plain: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let mut count = 0;
    let mut update = tx.prepare(&format!(
        "UPDATE {table} SET {column} = ?2 WHERE rowid = ?1"
    ))?;
    for (rowid, value) in plain.into_iter().filter(|(_, v)| !Sealer::is_sealed(v)) {
        update.execute(params![rowid, sealer.seal(&name, &value)?])?;
        count += 1;
    }
    Ok(count)
}

/// The identification cache's key (the vehicle data sent, VIN included) becomes its tag.
fn tag_identification_keys(
    tx: &rusqlite::Transaction<'_>,
    sealer: &Sealer,
) -> Result<usize, StoreError> {
    let keys: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT rowid, specs FROM vehicle_identifications")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<Vec<_>, _>>()?
    };
    let mut update =
        tx.prepare("UPDATE vehicle_identifications SET specs = ?2 WHERE rowid = ?1")?;
    let mut count = 0;
    for (rowid, specs) in keys.into_iter().filter(|(_, s)| !s.starts_with("t1.")) {
        update.execute(params![rowid, sealer.tag(&specs)])?;
        count += 1;
    }
    Ok(count)
}

//! Rows of the diagnostic log of API calls: one per HTTP exchange with CascoApi, the facts
//! only (when, which route, for which insurer and masked client, how it ended, how long, how
//! large). The masked client is sealed like every value about a person.

use chrono::{DateTime, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use super::{from_millis, Store, StoreError};

/// The column the masked client is sealed for.
const CLIENT_COLUMN: &str = "api_calls.client";

/// How an HTTP exchange ended, as the log keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ApiCallOutcome {
    /// A complete answer (its HTTP status is kept beside).
    Answered,
    /// A redirect, never followed (its status is kept beside).
    Redirected,
    /// An answer larger than the route allows.
    TooLarge,
    /// The host could not be reached.
    NoConnection,
    /// Connecting took too long.
    ConnectTimeout,
    /// The exchange broke off half-way.
    Broken,
    /// Refused before anything was sent.
    NotSent,
    /// The call's time ran out, or it was cancelled, before the answer was complete.
    Abandoned,
}

impl ApiCallOutcome {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Answered => "answered",
            Self::Redirected => "redirected",
            Self::TooLarge => "too_large",
            Self::NoConnection => "no_connection",
            Self::ConnectTimeout => "connect_timeout",
            Self::Broken => "broken",
            Self::NotSent => "not_sent",
            Self::Abandoned => "abandoned",
        }
    }

    /// Every outcome, for reading a stored code back.
    const ALL: [ApiCallOutcome; 8] = [
        ApiCallOutcome::Answered,
        ApiCallOutcome::Redirected,
        ApiCallOutcome::TooLarge,
        ApiCallOutcome::NoConnection,
        ApiCallOutcome::ConnectTimeout,
        ApiCallOutcome::Broken,
        ApiCallOutcome::NotSent,
        ApiCallOutcome::Abandoned,
    ];

    fn parse(code: &str) -> Result<Self, StoreError> {
        Self::ALL
            .into_iter()
            .find(|o| o.as_str() == code)
            .ok_or_else(|| StoreError::Corrupt(format!("api_calls.outcome: {code:?}")))
    }
}

/// One logged API call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCallRow {
    /// When the request was about to be sent.
    pub started_at: DateTime<Utc>,
    /// The route's name in casco-api's routes table.
    pub operation: String,
    /// The insurer's catalogue key, when the call was for one.
    pub insurer: Option<String>,
    /// The client, already masked (never a name or a tax id in the clear).
    pub client: Option<String>,
    /// The HTTP status, when one arrived.
    pub status: Option<u16>,
    /// How it ended.
    pub outcome: ApiCallOutcome,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
    /// Bytes of the answer's body.
    pub response_bytes: u32,
}

impl Store {
    /// Adds one call to the log.
    pub fn record_api_call(&self, row: &ApiCallRow) -> Result<(), StoreError> {
        let client = self
            .sealer()
            .seal_opt(CLIENT_COLUMN, row.client.as_deref())?;
        self.conn().execute(
            "INSERT INTO api_calls (started_at, operation, insurer, client, status, outcome,
                                    duration_ms, response_bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                row.started_at.timestamp_millis(),
                row.operation,
                row.insurer,
                client,
                row.status,
                row.outcome.as_str(),
                row.duration_ms,
                row.response_bytes,
            ],
        )?;
        Ok(())
    }

    /// The newest `limit` calls, newest first (every call without a limit).
    pub fn api_calls(&self, limit: Option<u32>) -> Result<Vec<ApiCallRow>, StoreError> {
        let limit = limit.map_or(-1, i64::from);
        let rows: Vec<(ApiCallRow, Option<String>)> = {
            let conn = self.conn();
            let mut stmt = conn.prepare_cached(
                "SELECT started_at, operation, insurer, client, status, outcome, duration_ms,
                        response_bytes
                 FROM api_calls ORDER BY started_at DESC, id DESC LIMIT ?1",
            )?;
            let read = stmt.query_map([limit], read_row)?;
            read.collect::<Result<Vec<_>, _>>()?
        };
        rows.into_iter()
            .map(|(mut row, outcome)| {
                row.outcome = ApiCallOutcome::parse(outcome.as_deref().unwrap_or_default())?;
                row.client = self.sealer().open_opt(CLIENT_COLUMN, row.client)?;
                Ok(row)
            })
            .collect()
    }

    /// Forgets the calls that started before `cutoff`; returns how many.
    pub fn prune_api_calls(&self, cutoff: DateTime<Utc>) -> Result<usize, StoreError> {
        let removed = self.conn().execute(
            "DELETE FROM api_calls WHERE started_at < ?1",
            [cutoff.timestamp_millis()],
        )?;
        Ok(removed)
    }
}

/// A row with its outcome code still to be read (so a bad code is a store error, not SQLite's).
fn read_row(r: &Row<'_>) -> rusqlite::Result<(ApiCallRow, Option<String>)> {
    let row = ApiCallRow {
        started_at: from_millis(r.get(0)?),
        operation: r.get(1)?,
        insurer: r.get(2)?,
        client: r.get(3)?,
        status: r.get(4)?,
        outcome: ApiCallOutcome::Abandoned,
        duration_ms: r.get(6)?,
        response_bytes: r.get(7)?,
    };
    Ok((row, r.get(5)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DatabaseKey;
    use chrono::TimeZone;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let key = DatabaseKey::from_bytes([3; 32]);
        let (store, _) = Store::open(dir.path().join("casco.db"), &key).unwrap();
        (dir, store)
    }

    fn row(minute: u32, client: Option<&str>) -> ApiCallRow {
        ApiCallRow {
            started_at: Utc.with_ymd_and_hms(2026, 12, 1, 10, minute, 0).unwrap(),
            operation: "quote".into(),
            insurer: Some("groupama".into()),
            client: client.map(str::to_owned),
            status: Some(200),
            outcome: ApiCallOutcome::Answered,
            duration_ms: 812,
            response_bytes: 2048,
        }
    }

    #[test]
    fn calls_read_back_newest_first_with_the_client_sealed_on_disk() {
        let (_dir, store) = store();
        let first = row(1, Some("Ș. Ț. 1900101•••••••"));
        let second = ApiCallRow {
            operation: "countries".into(),
            insurer: None,
            client: None,
            status: None,
            outcome: ApiCallOutcome::Abandoned,
            ..row(2, None)
        };
        store.record_api_call(&first).unwrap();
        store.record_api_call(&second).unwrap();
        assert_eq!(
            store.api_calls(None).unwrap(),
            vec![second.clone(), first.clone()]
        );
        assert_eq!(store.api_calls(Some(1)).unwrap(), vec![second]);

        let stored: String = store
            .conn()
            .query_row(
                "SELECT client FROM api_calls WHERE client IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            stored.starts_with("s1.") && !stored.contains("1900101"),
            "{stored}"
        );
    }

    #[test]
    fn pruning_forgets_only_what_started_before_the_cutoff() {
        let (_dir, store) = store();
        for minute in [1, 2, 3] {
            store.record_api_call(&row(minute, None)).unwrap();
        }
        let cutoff = Utc.with_ymd_and_hms(2026, 12, 1, 10, 2, 0).unwrap();
        assert_eq!(store.prune_api_calls(cutoff).unwrap(), 1);
        let left: Vec<_> = store
            .api_calls(None)
            .unwrap()
            .into_iter()
            .map(|r| r.started_at)
            .collect();
        assert_eq!(left, [row(3, None).started_at, cutoff]);
        assert_eq!(store.prune_api_calls(cutoff).unwrap(), 0);
    }

    #[test]
    fn every_outcome_reads_back_and_an_unknown_code_is_an_error() {
        let (_dir, store) = store();
        for (i, outcome) in ApiCallOutcome::ALL.into_iter().enumerate() {
            let r = ApiCallRow {
                outcome,
                ..row(i as u32, None)
            };
            store.record_api_call(&r).unwrap();
        }
        let mut read: Vec<_> = store
            .api_calls(None)
            .unwrap()
            .into_iter()
            .map(|r| r.outcome)
            .collect();
        read.reverse();
        assert_eq!(read, ApiCallOutcome::ALL);
        store
            .conn()
            .execute("UPDATE api_calls SET outcome = 'gone'", [])
            .unwrap();
        assert!(matches!(store.api_calls(None), Err(StoreError::Corrupt(_))));
    }
}

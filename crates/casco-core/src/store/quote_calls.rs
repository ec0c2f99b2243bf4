//! The quote calls of each draft (issue 6): one row written before a request is sent and
//! completed when its outcome is known. An app killed mid-batch therefore leaves rows
//! without an outcome, and [`Store::unanswered_insurers`] names the insurers to ask again.
//!
//! The request is stored as sent, minus the provider's secrets (password and code): the
//! database file is not a secret store (they live in the OS keychain).

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use super::{from_json, from_millis, to_json, to_json_value, DraftId, Store, StoreError};
use crate::quote::fanout::InsurerOutcome;
use casco_api::model::QuoteRequest;

/// A quote call's id in the store.
pub type QuoteCallId = i64;

/// One stored quote call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteCallRecord {
    /// The call's id.
    pub id: QuoteCallId,
    /// The draft it quoted.
    pub draft_id: DraftId,
    /// Insurer key.
    pub insurer: String,
    /// The request as sent, without `provider.authentication.password` and `.code`.
    pub request: serde_json::Value,
    /// When the request was about to be sent.
    pub started_at: DateTime<Utc>,
    /// When the outcome was known; `None` if it never was.
    pub finished_at: Option<DateTime<Utc>>,
    /// The outcome; `None` if it never was known.
    pub outcome: Option<InsurerOutcome>,
}

/// The request as JSON with the provider's secrets removed.
fn redacted_request(request: &QuoteRequest) -> Result<serde_json::Value, StoreError> {
    let mut value = to_json_value(request, "quote request")?;
    if let Some(auth) = value
        .pointer_mut("/provider/authentication")
        .and_then(serde_json::Value::as_object_mut)
    {
        // Every provider secret; the account stays (support needs to see who quoted).
        for secret in ["password", "code"] {
            auth.remove(secret);
        }
    }
    Ok(value)
}

impl Store {
    /// Records that `insurer` is about to be quoted for `draft`; returns the call's id for
    /// [`Store::record_quote_finished`].
    pub fn record_quote_started(
        &self,
        draft: DraftId,
        insurer: &str,
        request: &QuoteRequest,
        now: DateTime<Utc>,
    ) -> Result<QuoteCallId, StoreError> {
        let body = redacted_request(request)?.to_string();
        let conn = self.conn();
        conn.execute(
            "INSERT INTO quote_calls (draft_id, insurer, request, started_at) VALUES (?1, ?2, ?3, ?4)",
            params![draft, insurer, body, now.timestamp_millis()],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// Records the outcome of call `id`.
    pub fn record_quote_finished(
        &self,
        id: QuoteCallId,
        outcome: &InsurerOutcome,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let body = to_json(outcome, "outcome")?;
        self.conn().execute(
            "UPDATE quote_calls SET finished_at = ?2, outcome = ?3 WHERE id = ?1",
            params![id, now.timestamp_millis(), body],
        )?;
        Ok(())
    }

    /// The latest call to each insurer for `draft`, by insurer key.
    pub fn quote_calls_for_draft(
        &self,
        draft: DraftId,
    ) -> Result<Vec<QuoteCallRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, insurer, request, started_at, finished_at, outcome FROM quote_calls q
             WHERE draft_id = ?1
               AND id = (SELECT MAX(id) FROM quote_calls WHERE draft_id = q.draft_id AND insurer = q.insurer)
             ORDER BY insurer",
        )?;
        let rows = stmt.query_map(params![draft], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut records = Vec::new();
        for row in rows {
            let (id, insurer, request, started, finished, outcome) = row?;
            // A row this version cannot read is reported, not silently dropped.
            let request = from_json(&request, format_args!("quote call {id} request"))?;
            let outcome = outcome
                .map(|o| from_json(&o, format_args!("quote call {id} outcome")))
                .transpose()?;
            records.push(QuoteCallRecord {
                id,
                draft_id: draft,
                insurer,
                request,
                started_at: from_millis(started),
                finished_at: finished.map(from_millis),
                outcome,
            });
        }
        Ok(records)
    }

    /// Insurers whose latest call for `draft` never got an outcome (the app stopped first).
    pub fn unanswered_insurers(&self, draft: DraftId) -> Result<Vec<String>, StoreError> {
        Ok(self
            .quote_calls_for_draft(draft)?
            .into_iter()
            .filter(|c| c.outcome.is_none())
            .map(|c| c.insurer)
            .collect())
    }
}

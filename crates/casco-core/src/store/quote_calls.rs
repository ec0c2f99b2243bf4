//! The quote calls of each draft, as facts: the request as sent (the provider's secrets, password
//! and code, stripped: the file is not a secret store), when it started and ended, and what the
//! API answered, the HTTP status and the body as received, or why no answer came. The
//! comparison the agent sees is built from these when read (`crate::quote::saved_comparison`), so amounts,
//! expiry and wording follow the day and the language of the reading.
//!
//! A row is written before the request is sent and completed when the answer is known, so an
//! app killed mid-batch leaves rows without an answer: [`Store::unanswered_insurers`].
//!
//! Formats of the `answer` column: 1 = [`CallAnswer`] with `"v": 1`. Rows written before
//! format 1 have no `answer` but an `outcome`, the comparison row as it was shown then; they
//! are read as [`RecordedAnswer::Shown`].

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{from_json, from_millis, to_json, to_json_value, DraftId, Sealer, Store, StoreError};
use casco_api::model::QuoteRequest;

/// A quote call's id in the store.
pub type QuoteCallId = i64;

/// The format of the `answer` column this version writes.
const ANSWER_FORMAT: u32 = 1;

/// Why a call got no answer to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CallFailure {
    /// No answer within the insurer's timeout.
    #[serde(rename_all = "camelCase")]
    TimedOut {
        /// The timeout that elapsed.
        after_ms: u32,
    },
    /// The API host could not be reached, or the connection broke.
    CannotConnect,
    /// The host answered with a redirect, which is never followed.
    Redirected {
        /// The host it pointed to.
        host: String,
    },
    /// The answer was over the route's size limit; nothing of it was kept.
    TooLarge,
    /// The session was refused and could not be renewed.
    SessionRefused,
    /// The request could not be sent as built (a bug), or the session answer was unreadable.
    Unusable {
        /// For support.
        detail: String,
    },
}

/// What came back for one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reply {
    /// An HTTP answer: its status and body as received (bodies are JSON, so text).
    Received {
        /// HTTP status.
        status: u16,
        /// The body.
        body: String,
    },
    /// No answer to keep.
    Failed(CallFailure),
}

/// What the API said to one call, and how long it took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallAnswer {
    /// The answer, or why there is none.
    #[serde(flatten)]
    pub reply: Reply,
    /// From sending the request to knowing the answer.
    pub elapsed_ms: u32,
}

/// The `answer` column as written: [`CallAnswer`] with its format version.
#[derive(Serialize, Deserialize)]
struct StoredAnswer {
    v: u32,
    #[serde(flatten)]
    answer: CallAnswer,
}

/// A call's answer as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordedAnswer {
    /// What the API said (format 1 and later).
    Facts(CallAnswer),
    /// Format 0: the comparison row as it was shown when the call ended (an `InsurerOutcome`
    /// of release 0.1), for the quote module to read.
    Shown(serde_json::Value),
}

/// One stored quote call.
#[derive(Debug, Clone, PartialEq)]
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
    /// When the answer was known; `None` if it never was.
    pub finished_at: Option<DateTime<Utc>>,
    /// The answer; `None` if it never came (the app stopped first).
    pub answer: Option<RecordedAnswer>,
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

/// The answer read back from its columns: format 1 from `answer`, else format 0 from
/// `outcome`. A newer format is read for the fields this version knows.
fn recorded(
    sealer: &Sealer,
    id: QuoteCallId,
    answer: Option<String>,
    outcome: Option<String>,
) -> Result<Option<RecordedAnswer>, StoreError> {
    let answer = sealer.open_opt("quote_calls.answer", answer)?;
    let outcome = sealer.open_opt("quote_calls.outcome", outcome)?;
    if let Some(text) = answer {
        let stored: StoredAnswer = from_json(&text, format_args!("quote call {id} answer"))?;
        return Ok(Some(RecordedAnswer::Facts(stored.answer)));
    }
    outcome
        .map(|text| from_json(&text, format_args!("quote call {id} outcome")))
        .transpose()
        .map(|shown| shown.map(RecordedAnswer::Shown))
}

impl Store {
    /// Records that `insurer` is about to be quoted for `draft`; returns the call's id for
    /// [`Store::record_quote_answer`].
    pub fn record_quote_started(
        &self,
        draft: DraftId,
        insurer: &str,
        request: &QuoteRequest,
        now: DateTime<Utc>,
    ) -> Result<QuoteCallId, StoreError> {
        let body = redacted_request(request)?.to_string();
        let body = self.sealer().seal("quote_calls.request", &body)?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO quote_calls (draft_id, insurer, request, started_at) VALUES (?1, ?2, ?3, ?4)",
            params![draft, insurer, body, now.timestamp_millis()],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// Records what the API said to call `id`.
    pub fn record_quote_answer(
        &self,
        id: QuoteCallId,
        answer: &CallAnswer,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let stored = StoredAnswer {
            v: ANSWER_FORMAT,
            answer: answer.clone(),
        };
        let text = to_json(&stored, "quote answer")?;
        let text = self.sealer().seal("quote_calls.answer", &text)?;
        self.conn().execute(
            "UPDATE quote_calls SET finished_at = ?2, answer = ?3 WHERE id = ?1",
            params![id, now.timestamp_millis(), text],
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
            "SELECT id, insurer, request, started_at, finished_at, answer, outcome FROM quote_calls q
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
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut records = Vec::new();
        for row in rows {
            let (id, insurer, request, started, finished, answer, outcome) = row?;
            // A row this version cannot read is reported, not silently dropped.
            let request = self.sealer().open("quote_calls.request", &request)?;
            let request = from_json(&request, format_args!("quote call {id} request"))?;
            records.push(QuoteCallRecord {
                id,
                draft_id: draft,
                insurer,
                request,
                started_at: from_millis(started),
                finished_at: finished.map(from_millis),
                answer: recorded(self.sealer(), id, answer, outcome)?,
            });
        }
        Ok(records)
    }

    /// Drafts with quote calls, the most recently quoted first, with their latest call's time.
    pub fn drafts_by_activity(&self) -> Result<Vec<(DraftId, DateTime<Utc>)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT draft_id, MAX(started_at) AS at FROM quote_calls GROUP BY draft_id ORDER BY at DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, DraftId>(0)?, from_millis(r.get(1)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Insurers whose latest call for `draft` never got an answer (the app stopped first).
    pub fn unanswered_insurers(&self, draft: DraftId) -> Result<Vec<String>, StoreError> {
        Ok(self
            .quote_calls_for_draft(draft)?
            .into_iter()
            .filter(|c| c.answer.is_none())
            .map(|c| c.insurer)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_stored_with_its_format_version_and_reads_back() {
        let answer = CallAnswer {
            reply: Reply::Received {
                status: 200,
                body: r#"{"data":{"offers":[]}}"#.into(),
            },
            elapsed_ms: 812,
        };
        let stored = StoredAnswer {
            v: ANSWER_FORMAT,
            answer: answer.clone(),
        };
        let json = serde_json::to_value(&stored).unwrap();
        assert_eq!(json["v"], 1);
        assert_eq!(json["received"]["status"], 200);
        assert_eq!(json["elapsedMs"], 812);
        // Unknown fields of a later format are ignored.
        let mut later = json.clone();
        later["v"] = 2.into();
        later["insurerRequestId"] = "x".into();
        let sealer = Sealer::new(&super::super::DatabaseKey::from_bytes([7; 32]));
        let back = recorded(&sealer, 1, Some(later.to_string()), None).unwrap();
        assert_eq!(back, Some(RecordedAnswer::Facts(answer)));

        let failed = CallAnswer {
            reply: Reply::Failed(CallFailure::TimedOut { after_ms: 60_000 }),
            elapsed_ms: 60_001,
        };
        let json = serde_json::to_value(&failed).unwrap();
        assert_eq!(
            json["failed"],
            serde_json::json!({"kind": "timedOut", "afterMs": 60000})
        );
    }
}

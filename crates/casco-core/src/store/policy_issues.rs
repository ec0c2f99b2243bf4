//! The policies asked for, as facts: one row per offer, written before POST /policy is sent,
//! holding the request body as sent and, once known, the raw answer. The row is what makes
//! issuing happen exactly once: while it has no answer, the issuing is unconfirmed and only
//! the very same request may be sent again (`crate::issuing`).
//!
//! Formats: `request` is `{"v": 1, "request": <POST /policy body>}`; `answer` is the
//! `quote_calls.answer` format ([`CallAnswer`] with `"v": 1`).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{from_json, from_millis, to_json, CallAnswer, DraftId, Sealer, Store, StoreError};
use casco_api::model::PolicyRequest;

/// A policy issue's id in the store.
pub type IssueId = i64;

/// The format of the `request` and `answer` columns this version writes.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct StoredRequest {
    v: u32,
    request: PolicyRequest,
}

#[derive(Serialize, Deserialize)]
struct StoredAnswer {
    v: u32,
    #[serde(flatten)]
    answer: CallAnswer,
}

/// One offer's issuing as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueRecord {
    /// Its id.
    pub id: IssueId,
    /// The draft the offer was quoted for.
    pub draft_id: DraftId,
    /// The insurer.
    pub insurer: String,
    /// The API's offer id, as text.
    pub offer_id: String,
    /// The body sent (and sent again, unchanged, while the answer is unknown).
    pub request: PolicyRequest,
    /// When it was first written.
    pub started_at: DateTime<Utc>,
    /// How many times the request was sent.
    pub attempts: u32,
    /// The answer to the latest attempt; `None` while unknown.
    pub answer: Option<CallAnswer>,
    /// When the answer was recorded.
    pub finished_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str =
    "id, draft_id, insurer, offer_id, request, started_at, attempts, answer, finished_at";

/// The sealed columns' names.
const REQUEST: &str = "policy_issues.request";
const ANSWER: &str = "policy_issues.answer";

type RawRow = (
    i64,
    DraftId,
    String,
    String,
    String,
    i64,
    u32,
    Option<String>,
    Option<i64>,
);

fn raw(row: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
    ))
}

fn decode(sealer: &Sealer, row: RawRow) -> Result<IssueRecord, StoreError> {
    let (id, draft_id, insurer, offer_id, request, started, attempts, answer, finished) = row;
    let request = sealer.open(REQUEST, &request)?;
    let answer = sealer.open_opt(ANSWER, answer)?;
    let request: StoredRequest = from_json(&request, format_args!("policy issue {id} request"))?;
    let answer = answer
        .map(|text| from_json::<StoredAnswer>(&text, format_args!("policy issue {id} answer")))
        .transpose()?;
    Ok(IssueRecord {
        id,
        draft_id,
        insurer,
        offer_id,
        request: request.request,
        started_at: from_millis(started),
        attempts,
        answer: answer.map(|a| a.answer),
        finished_at: finished.map(from_millis),
    })
}

impl Store {
    /// `request` as the `request` column keeps it: versioned JSON, sealed.
    fn sealed_request(&self, request: &PolicyRequest) -> Result<String, StoreError> {
        let stored = StoredRequest {
            v: FORMAT,
            request: request.clone(),
        };
        self.sealer()
            .seal(REQUEST, &to_json(&stored, "policy request")?)
    }

    /// Writes the intent to issue `offer_id` with `request`, unless the offer already has a row:
    /// `Ok(Err(existing))` then, and nothing is written. The UNIQUE offer id makes two
    /// attempts from anywhere (two windows, two presses) meet here.
    pub fn begin_issue(
        &self,
        draft: DraftId,
        insurer: &str,
        offer_id: &str,
        request: &PolicyRequest,
        now: DateTime<Utc>,
    ) -> Result<Result<IssueId, IssueRecord>, StoreError> {
        let body = self.sealed_request(request)?;
        let conn = self.conn();
        let inserted = conn.execute(
            "INSERT INTO policy_issues (draft_id, insurer, offer_id, request, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (offer_id) DO NOTHING",
            params![draft, insurer, offer_id, body, now.timestamp_millis()],
        )?;
        if inserted == 1 {
            return Ok(Ok(conn.last_insert_rowid()));
        }
        drop(conn);
        match self.issue_for_offer(offer_id)? {
            Some(existing) => Ok(Err(existing)),
            // The row the insert collided with is gone: only a damaged file does that.
            None => Err(StoreError::Corrupt(format!(
                "policy issue of offer {offer_id} vanished"
            ))),
        }
    }

    /// Replaces the request of an issue the insurer refused (so nothing was issued) and clears
    /// its answer: the agent corrected the payment and asks again.
    pub fn restart_refused_issue(
        &self,
        id: IssueId,
        request: &PolicyRequest,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let body = self.sealed_request(request)?;
        self.conn().execute(
            "UPDATE policy_issues SET request = ?2, started_at = ?3, attempts = attempts + 1,
                    answer = NULL, finished_at = NULL WHERE id = ?1",
            params![id, body, now.timestamp_millis()],
        )?;
        Ok(())
    }

    /// Counts one more sending of the stored request (a check after an unconfirmed issue).
    pub fn count_issue_attempt(&self, id: IssueId) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE policy_issues SET attempts = attempts + 1 WHERE id = ?1",
            params![id],
        )?;
        Ok(())
    }

    /// Records the answer to the latest sending of issue `id`.
    pub fn record_issue_answer(
        &self,
        id: IssueId,
        answer: &CallAnswer,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let text = to_json(
            &StoredAnswer {
                v: FORMAT,
                answer: answer.clone(),
            },
            "policy answer",
        )?;
        let text = self.sealer().seal(ANSWER, &text)?;
        self.conn().execute(
            "UPDATE policy_issues SET answer = ?2, finished_at = ?3 WHERE id = ?1",
            params![id, text, now.timestamp_millis()],
        )?;
        Ok(())
    }

    /// The issue of offer `offer_id`, if one was ever asked for.
    pub fn issue_for_offer(&self, offer_id: &str) -> Result<Option<IssueRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM policy_issues WHERE offer_id = ?1");
        let row = self
            .conn()
            .query_row(&sql, params![offer_id], raw)
            .optional()?;
        row.map(|r| decode(self.sealer(), r)).transpose()
    }

    /// The issues asked for offers of `draft`.
    pub fn issues_for_draft(&self, draft: DraftId) -> Result<Vec<IssueRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM policy_issues WHERE draft_id = ?1 ORDER BY id");
        let rows: Vec<RawRow> = {
            let conn = self.conn();
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map(params![draft], raw)?;
            rows.collect::<Result<_, _>>()?
        };
        rows.into_iter().map(|r| decode(self.sealer(), r)).collect()
    }

    /// Drafts with at least one issue asked for, oldest first.
    pub fn drafts_with_issues(&self) -> Result<Vec<DraftId>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT DISTINCT draft_id FROM policy_issues ORDER BY draft_id")?;
        let rows = stmt.query_map([], |r| r.get::<_, DraftId>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

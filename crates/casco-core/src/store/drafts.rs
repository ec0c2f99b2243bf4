//! Quote wizard drafts: saved on every change (one small upsert), listed in Ciorne, offered
//! again on start ("continuă de unde ai rămas").
//!
//! The body is the whole [`QuoteDraft`] as JSON; the client name and step are copied into
//! columns so the list never parses bodies. Discarding only marks the row, so a draft
//! discarded by mistake can still be recovered from the file, and an autosave racing a
//! discard cannot bring the draft back.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{from_json, from_millis, to_json, Store, StoreError};
use crate::quote::{QuoteDraft, WizardStep};

/// A draft's id in the store.
pub type DraftId = u32;

/// Where a draft is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum DraftStatus {
    /// Being filled in.
    Open,
    /// Offers were asked for with it.
    Quoted,
    /// Thrown away by the agent.
    Discarded,
}

impl DraftStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Quoted => "quoted",
            Self::Discarded => "discarded",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "quoted" => Self::Quoted,
            "discarded" => Self::Discarded,
            _ => Self::Open,
        }
    }
}

/// One row of the Ciorne list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftSummary {
    /// The draft's id.
    pub id: DraftId,
    /// "Popescu Ana", "TechCorp SRL", or "" while no name was typed.
    pub client_name: String,
    /// The step the agent was on.
    pub step: WizardStep,
    /// When the draft was started.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
}

/// A stored draft with its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftRecord {
    /// List data of the draft.
    pub summary: DraftSummary,
    /// Where it is in its life.
    pub status: DraftStatus,
    /// What the agent typed.
    pub draft: QuoteDraft,
}

fn id_from(raw: i64) -> Result<DraftId, StoreError> {
    DraftId::try_from(raw).map_err(|_| StoreError::Corrupt(format!("draft id {raw} out of range")))
}

const SUMMARY_COLUMNS: &str = "id, client_name, step, created_at, updated_at";

fn summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, i64, i64)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn to_summary(raw: (i64, String, String, i64, i64)) -> Result<DraftSummary, StoreError> {
    let (id, client_name, step, created, updated) = raw;
    Ok(DraftSummary {
        id: id_from(id)?,
        client_name,
        step: WizardStep::parse(&step).unwrap_or_default(),
        created_at: from_millis(created),
        updated_at: from_millis(updated),
    })
}

impl Store {
    /// Saves a draft: `None` starts a new one and returns its id; `Some(id)` overwrites that
    /// draft if it is still open. Returns `None` when the draft was already quoted or
    /// discarded (the save is dropped, the row left as it was) or no longer exists.
    ///
    /// One indexed upsert of a few kilobytes: cheap enough to run on every change.
    pub fn save_draft(
        &self,
        id: Option<DraftId>,
        draft: &QuoteDraft,
        now: DateTime<Utc>,
    ) -> Result<Option<DraftId>, StoreError> {
        let body = to_json(draft, "draft")?;
        let name = draft.client_name();
        let step = draft.step.as_str();
        let conn = self.conn();
        match id {
            None => {
                conn.execute(
                    "INSERT INTO drafts (created_at, updated_at, client_name, step, body, status)
                     VALUES (?1, ?1, ?2, ?3, ?4, 'open')",
                    params![now.timestamp_millis(), name, step, body],
                )?;
                id_from(conn.last_insert_rowid()).map(Some)
            }
            Some(id) => {
                let changed = conn.execute(
                    "UPDATE drafts SET updated_at = ?2, client_name = ?3, step = ?4, body = ?5
                     WHERE id = ?1 AND status = 'open'",
                    params![id, now.timestamp_millis(), name, step, body],
                )?;
                Ok((changed == 1).then_some(id))
            }
        }
    }

    /// The draft with this id, whatever its status; `None` if there is no such draft.
    pub fn load_draft(&self, id: DraftId) -> Result<Option<DraftRecord>, StoreError> {
        let row = self
            .conn()
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS}, status, body FROM drafts WHERE id = ?1"),
                [id],
                |row| {
                    Ok((
                        summary(row)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((raw, status, body)) = row else {
            return Ok(None);
        };
        let draft = from_json(&body, format_args!("draft {id} body"))?;
        Ok(Some(DraftRecord {
            summary: to_summary(raw)?,
            status: DraftStatus::parse(&status),
            draft,
        }))
    }

    /// Open drafts, most recently saved first.
    pub fn list_drafts(&self) -> Result<Vec<DraftSummary>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM drafts WHERE status = 'open'
             ORDER BY updated_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], summary)?;
        rows.map(|r| to_summary(r?)).collect()
    }

    /// The most recently saved open draft: what "continue where you left off" offers.
    pub fn last_open_draft(&self) -> Result<Option<DraftRecord>, StoreError> {
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM drafts WHERE status = 'open'
                 ORDER BY updated_at DESC, id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.load_draft(id_from(id)?),
            None => Ok(None),
        }
    }

    /// Throws a draft away (it leaves the list); `false` if it was not open.
    pub fn discard_draft(&self, id: DraftId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.set_draft_status(id, DraftStatus::Discarded, now)
    }

    /// Marks a draft as quoted (offers were asked for); `false` if it was not open.
    pub fn mark_draft_quoted(&self, id: DraftId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.set_draft_status(id, DraftStatus::Quoted, now)
    }

    fn set_draft_status(
        &self,
        id: DraftId,
        status: DraftStatus,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let changed = self.conn().execute(
            "UPDATE drafts SET status = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'open'",
            params![id, status.as_str(), now.timestamp_millis()],
        )?;
        Ok(changed == 1)
    }
}

//! Quote wizard drafts: saved on every change (one small upsert), listed in Ciorne, offered
//! again on start ("continuă de unde ai rămas").
//!
//! The body is the draft as its owner encodes it (`crate::quote::saved_drafts`: versioned
//! JSON); the client name and step are copied into columns so the list never parses bodies. Discarding only marks the row, so a draft
//! discarded by mistake can still be recovered from the file, and an autosave racing a
//! discard cannot bring the draft back.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{from_millis, Sealer, Store, StoreError};

/// The sealed columns' names (the associated data of their values).
const CLIENT_NAME: &str = "drafts.client_name";
const BODY: &str = "drafts.body";

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

/// A draft row's list data: what Ciorne shows, read without the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftListing {
    /// The draft's id.
    pub id: DraftId,
    /// "Popescu Ana", "TechCorp SRL", or "" while no name was typed.
    pub client_name: String,
    /// The wizard step the agent was on, as the quote module spells it.
    pub step: String,
    /// When the draft was started.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
}

/// A draft row with its body: the draft as the quote module wrote it (versioned JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// List data.
    pub listing: DraftListing,
    /// Where it is in its life.
    pub status: DraftStatus,
    /// The body as stored.
    pub body: String,
}

/// What a save writes: the list columns and the body.
#[derive(Debug, Clone, Copy)]
pub struct DraftWrite<'a> {
    /// The client's name for the list.
    pub client_name: &'a str,
    /// The step the agent is on.
    pub step: &'a str,
    /// The draft, encoded by its owner.
    pub body: &'a str,
}

fn id_from(raw: i64) -> Result<DraftId, StoreError> {
    DraftId::try_from(raw).map_err(|_| StoreError::Corrupt(format!("draft id {raw} out of range")))
}

const LISTING_COLUMNS: &str = "id, client_name, step, created_at, updated_at";

fn listing(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, i64, i64)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn to_listing(
    sealer: &Sealer,
    raw: (i64, String, String, i64, i64),
) -> Result<DraftListing, StoreError> {
    let (id, client_name, step, created, updated) = raw;
    Ok(DraftListing {
        id: id_from(id)?,
        client_name: sealer.open(CLIENT_NAME, &client_name)?,
        step,
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
    pub fn save_draft_row(
        &self,
        id: Option<DraftId>,
        write: DraftWrite<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<DraftId>, StoreError> {
        let DraftWrite {
            client_name: name,
            step,
            body,
        } = write;
        let name = self.sealer().seal(CLIENT_NAME, name)?;
        let body = self.sealer().seal(BODY, body)?;
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

    /// The draft row with this id, whatever its status; `None` if there is no such draft.
    pub fn load_draft_row(&self, id: DraftId) -> Result<Option<DraftRow>, StoreError> {
        let row = self
            .conn()
            .query_row(
                &format!("SELECT {LISTING_COLUMNS}, status, body FROM drafts WHERE id = ?1"),
                [id],
                |row| {
                    Ok((
                        listing(row)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((raw, status, body)) = row else {
            return Ok(None);
        };
        Ok(Some(DraftRow {
            listing: to_listing(self.sealer(), raw)?,
            status: DraftStatus::parse(&status),
            body: self.sealer().open(BODY, &body)?,
        }))
    }

    /// Open drafts' list data, most recently saved first.
    pub fn list_open_drafts(&self) -> Result<Vec<DraftListing>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {LISTING_COLUMNS} FROM drafts WHERE status = 'open'
             ORDER BY updated_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], listing)?;
        rows.map(|r| to_listing(self.sealer(), r?)).collect()
    }

    /// The most recently saved open draft's id: what "continue where you left off" offers.
    pub fn last_open_draft_id(&self) -> Result<Option<DraftId>, StoreError> {
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM drafts WHERE status = 'open'
                 ORDER BY updated_at DESC, id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        id.map(id_from).transpose()
    }

    /// Throws a draft away (it leaves the list); `false` if it was not open.
    pub fn discard_draft(&self, id: DraftId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.set_draft_status(id, DraftStatus::Discarded, now)
    }

    /// Brings a discarded draft back to the list; `false` if it was not discarded.
    pub fn restore_draft(&self, id: DraftId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let changed = self.conn().execute(
            "UPDATE drafts SET status = 'open', updated_at = ?2 WHERE id = ?1 AND status = 'discarded'",
            params![id, now.timestamp_millis()],
        )?;
        Ok(changed == 1)
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

//! The documents saved for the agent: one row per PDF written under the documents folder,
//! with its hash, so a saved file opens again without asking the API and a file that was moved,
//! deleted or changed is known to be gone.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{from_millis, DraftId, Store, StoreError};

/// A document's id in the store.
pub type DocumentId = i64;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum DocumentKind {
    /// An insurer's offer PDF (GET /offer/{id}).
    Offer,
    /// An issued policy's PDF (GET /policy).
    Policy,
    /// The proposal for the client, made by the app.
    Proposal,
}

impl DocumentKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Offer => "offer",
            Self::Policy => "policy",
            Self::Proposal => "proposal",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "offer" => Self::Offer,
            "policy" => Self::Policy,
            _ => Self::Proposal,
        }
    }
}

/// A document about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument<'a> {
    /// The draft it belongs to.
    pub draft_id: DraftId,
    /// What it is.
    pub kind: DocumentKind,
    /// The insurer of an offer or policy document.
    pub insurer: Option<&'a str>,
    /// The API's offer id of an offer or policy document.
    pub offer_id: Option<&'a str>,
    /// Where it was written.
    pub path: &'a std::path::Path,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: &'a str,
}

/// A recorded document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    /// Its id.
    pub id: DocumentId,
    /// The draft it belongs to.
    pub draft_id: DraftId,
    /// What it is.
    pub kind: DocumentKind,
    /// The insurer of an offer or policy document.
    pub insurer: Option<String>,
    /// The API's offer id of an offer or policy document.
    pub offer_id: Option<String>,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes when written.
    pub size: u64,
    /// Its SHA-256 when written.
    pub sha256: String,
    /// When it was written.
    pub saved_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, draft_id, kind, insurer, offer_id, path, size, sha256, saved_at";

fn record(row: &Row<'_>) -> rusqlite::Result<DocumentRecord> {
    Ok(DocumentRecord {
        id: row.get(0)?,
        draft_id: row.get(1)?,
        kind: DocumentKind::parse(&row.get::<_, String>(2)?),
        insurer: row.get(3)?,
        offer_id: row.get(4)?,
        path: PathBuf::from(row.get::<_, String>(5)?),
        size: row.get::<_, i64>(6)?.try_into().unwrap_or(0),
        sha256: row.get(7)?,
        saved_at: from_millis(row.get(8)?),
    })
}

/// The sealed column's name: the path names the client's folder.
const PATH: &str = "documents.path";

impl Store {
    /// `record` with its path opened.
    fn opened(&self, mut record: DocumentRecord) -> Result<DocumentRecord, StoreError> {
        let stored = record.path.to_string_lossy().into_owned();
        record.path = PathBuf::from(self.sealer().open(PATH, &stored)?);
        Ok(record)
    }

    /// Records a document written to disk; returns its id.
    pub fn record_document(
        &self,
        document: &NewDocument<'_>,
        now: DateTime<Utc>,
    ) -> Result<DocumentId, StoreError> {
        let path = self.sealer().seal(PATH, &document.path.to_string_lossy())?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO documents (draft_id, kind, insurer, offer_id, path, size, sha256, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                document.draft_id,
                document.kind.as_str(),
                document.insurer,
                document.offer_id,
                path,
                i64::try_from(document.size).unwrap_or(i64::MAX),
                document.sha256,
                now.timestamp_millis()
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    /// Document `id`, if recorded.
    pub fn document(&self, id: DocumentId) -> Result<Option<DocumentRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM documents WHERE id = ?1");
        let row = self
            .conn()
            .query_row(&sql, params![id], record)
            .optional()?;
        row.map(|r| self.opened(r)).transpose()
    }

    /// The documents of `draft`, newest first.
    pub fn documents_for_draft(&self, draft: DraftId) -> Result<Vec<DocumentRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM documents WHERE draft_id = ?1 ORDER BY saved_at DESC, id DESC"
        );
        let rows: Vec<DocumentRecord> = {
            let conn = self.conn();
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map(params![draft], record)?;
            rows.collect::<Result<_, _>>()?
        };
        rows.into_iter().map(|r| self.opened(r)).collect()
    }

    /// The latest `kind` document saved for offer `offer_id`.
    pub fn latest_offer_document(
        &self,
        offer_id: &str,
        kind: DocumentKind,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM documents WHERE offer_id = ?1 AND kind = ?2
             ORDER BY saved_at DESC, id DESC LIMIT 1"
        );
        let row = self
            .conn()
            .query_row(&sql, params![offer_id, kind.as_str()], record)
            .optional()?;
        row.map(|r| self.opened(r)).transpose()
    }

    /// How many proposals were made for `draft` (their number follows it).
    pub fn proposal_count(&self, draft: DraftId) -> Result<u32, StoreError> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM documents WHERE draft_id = ?1 AND kind = 'proposal'",
            params![draft],
            |r| r.get(0),
        )?)
    }
}

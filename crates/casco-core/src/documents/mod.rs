//! The documents the agent keeps (issue 13): offer and policy PDFs from the API and the
//! client proposal the app makes, saved under the documents folder in a folder per client,
//! recorded in the store with their hash, and opened again from disk with no API call while
//! the file is still there unchanged.

mod files;
mod names;
mod proposal;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use files::{is_unchanged, sha256_hex, write_new, WrittenFile};
pub use names::{client_folder_name, document_file_name, kind_word, safe_name};
pub use proposal::{
    render_proposal, ProposalContent, ProposalRequest, ProposalVehicle, ProposalWording,
    RenderedProposal,
};

use crate::error::AppError;
use crate::settings::{Language, Settings};
use crate::store::{DocumentKind, DocumentRecord, DraftId, NewDocument, Store};

/// The name of the app's folder inside the system's Documents folder.
pub const DEFAULT_FOLDER_NAME: &str = "Casco Desk";

/// Where documents go: the folder chosen in Setări, else `<Documents>/Casco Desk`, else (a
/// system with no Documents folder) `documents` in the app's data folder.
pub fn documents_root(
    settings: &Settings,
    system_documents: Option<PathBuf>,
    data_dir: &Path,
) -> PathBuf {
    let chosen = settings.documents.folder.trim();
    if !chosen.is_empty() {
        return PathBuf::from(chosen);
    }
    system_documents.map_or_else(
        || data_dir.join("documents"),
        |d| d.join(DEFAULT_FOLDER_NAME),
    )
}

/// A saved document as the agent sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    /// Its id, to open or show it (a u32: ids cross IPC as plain numbers).
    pub id: u32,
    /// What it is.
    pub kind: DocumentKind,
    /// The file's name.
    pub name: String,
    /// The folder it is in.
    pub folder: String,
    /// Size in bytes.
    pub size: u32,
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
    /// The insurer of an offer or policy document.
    pub insurer: Option<String>,
    /// The API's offer id of an offer or policy document.
    pub offer_id: Option<String>,
    /// Whether the file is still where it was saved, unchanged.
    pub on_disk: bool,
}

impl DocumentView {
    /// The view of `record`, checking the file on disk.
    pub fn of(record: &DocumentRecord) -> DocumentView {
        DocumentView {
            id: u32::try_from(record.id).unwrap_or(u32::MAX),
            kind: record.kind,
            name: record
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            folder: record
                .path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            size: u32::try_from(record.size).unwrap_or(u32::MAX),
            saved_at: record.saved_at,
            insurer: record.insurer.clone(),
            offer_id: record.offer_id.clone(),
            on_disk: is_unchanged(&record.path, Some(record.size), &record.sha256),
        }
    }
}

/// What a document to save is and whose.
#[derive(Debug, Clone)]
pub struct DocumentToSave<'a> {
    /// The draft it belongs to.
    pub draft_id: DraftId,
    /// What it is.
    pub kind: DocumentKind,
    /// The client's name (the folder).
    pub client: &'a str,
    /// The insurer (key) of an offer or policy document.
    pub insurer: Option<&'a str>,
    /// Who the name shows ("Groupama", "Ștefănescu Țuțu-Ioana").
    pub who: &'a str,
    /// Its number ("123", "GRP 100045", "P-12-1").
    pub number: &'a str,
    /// The API's offer id of an offer or policy document.
    pub offer_id: Option<&'a str>,
    /// The day it is saved (the name starts with it).
    pub day: NaiveDate,
    /// The agent's language (the name's first word).
    pub language: Language,
}

/// Writes `bytes` under `root` for `doc` and records it.
pub fn save_document(
    store: &Store,
    root: &Path,
    doc: &DocumentToSave<'_>,
    bytes: &[u8],
) -> Result<DocumentRecord, AppError> {
    let folder = root.join(client_folder_name(doc.client, doc.language));
    let name = document_file_name(doc.day, doc.kind, doc.language, doc.who, doc.number);
    let written = write_new(&folder, &name, bytes)?;
    let new = NewDocument {
        draft_id: doc.draft_id,
        kind: doc.kind,
        insurer: doc.insurer,
        offer_id: doc.offer_id,
        path: &written.path,
        size: written.size,
        sha256: &written.sha256,
    };
    let id = store
        .record_document(&new, Utc::now())
        .map_err(|e| e.to_app_error())?;
    store
        .document(id)
        .map_err(|e| e.to_app_error())?
        .ok_or_else(|| AppError::internal(format!("document {id} not recorded")))
}

/// The latest `kind` document of offer `offer_id` whose file is still on disk, unchanged.
pub fn kept_document(store: &Store, offer_id: &str, kind: DocumentKind) -> Option<DocumentRecord> {
    let record = store.latest_offer_document(offer_id, kind).ok().flatten()?;
    is_unchanged(&record.path, Some(record.size), &record.sha256).then_some(record)
}

/// The documents of a draft, newest first.
pub fn draft_documents(store: &Store, draft: DraftId) -> Result<Vec<DocumentView>, AppError> {
    let records = store
        .documents_for_draft(draft)
        .map_err(|e| e.to_app_error())?;
    Ok(records.iter().map(DocumentView::of).collect())
}

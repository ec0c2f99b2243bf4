//! Documents: offer and policy PDFs (saved once, opened again from disk), the client proposal,
//! and showing a saved document in the file manager.

use casco_core::desk::Desk;
use casco_core::documents::{DocumentView, ProposalRequest};
use casco_core::store::DraftId;
use casco_core::AppError;
use tauri::State;

/// The folder documents are saved under now (Setări, or Documents/Casco Desk).
#[tauri::command]
#[specta::specta]
pub fn documents_folder(desk: State<'_, Desk>) -> String {
    desk.documents_folder().display().to_string()
}

/// The documents saved for a draft, newest first.
#[tauri::command]
#[specta::specta]
pub fn draft_documents(
    desk: State<'_, Desk>,
    draft_id: DraftId,
) -> Result<Vec<DocumentView>, AppError> {
    desk.draft_documents(draft_id)
}

/// Opens an offer's PDF: the saved file, or downloaded, checked and saved first.
#[tauri::command]
#[specta::specta]
pub async fn open_offer_document(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    offer_id: String,
) -> Result<DocumentView, AppError> {
    desk.open_offer_document(draft_id, &offer_id).await
}

/// Opens the PDF of the policy issued from an offer, as `open_offer_document`.
#[tauri::command]
#[specta::specta]
pub async fn open_policy_document(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    offer_id: String,
) -> Result<DocumentView, AppError> {
    desk.open_policy_document(draft_id, &offer_id).await
}

/// Makes the proposal for the client from the ticked offers, saves and opens it.
#[tauri::command]
#[specta::specta]
pub fn make_proposal(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    request: ProposalRequest,
) -> Result<DocumentView, AppError> {
    desk.make_proposal(draft_id, &request)
}

/// Opens a saved document in the system's viewer.
#[tauri::command]
#[specta::specta]
pub fn open_document(desk: State<'_, Desk>, id: u32) -> Result<DocumentView, AppError> {
    desk.open_document(id)
}

/// Shows a saved document in the system's file manager.
#[tauri::command]
#[specta::specta]
pub fn reveal_document(desk: State<'_, Desk>, id: u32) -> Result<(), AppError> {
    desk.reveal_document(id)
}

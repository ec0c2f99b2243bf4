//! Ofertă nouă and Ciorne: the quote wizard's checks and its autosaved drafts.

use casco_core::desk::{CnpPrefill, Desk, QuoteCheck};
use casco_core::quote::{DraftRecord, DraftSummary, QuoteDraft};
use casco_core::store::DraftId;
use casco_core::AppError;
use tauri::State;

/// Checks the draft as the agent types; today is the Bucharest calendar day. With the
/// draft's id, its sums are checked against the insurers' catalogue values too.
#[tauri::command]
#[specta::specta]
pub fn validate_quote_draft(
    desk: State<'_, Desk>,
    id: Option<DraftId>,
    draft: QuoteDraft,
) -> QuoteCheck {
    desk.validate_quote_draft(id, &draft)
}

/// A fresh draft with the quote defaults from Setări (currency, installments, term) and
/// tomorrow's start date.
#[tauri::command]
#[specta::specta]
pub fn new_quote_draft(desk: State<'_, Desk>) -> QuoteDraft {
    desk.new_quote_draft()
}

/// Birth date and sex read from a valid CNP; `None` while the CNP is not valid.
#[tauri::command]
#[specta::specta]
pub fn cnp_prefill(cnp: String) -> Option<CnpPrefill> {
    CnpPrefill::of(&cnp)
}

/// Autosave: `None` starts a new draft and returns its id; `Some(id)` overwrites it. Returns
/// `None` when that draft was meanwhile quoted or discarded.
#[tauri::command]
#[specta::specta]
pub fn save_quote_draft(
    desk: State<'_, Desk>,
    id: Option<DraftId>,
    draft: QuoteDraft,
) -> Result<Option<DraftId>, AppError> {
    desk.save_quote_draft(id, &draft)
}

/// One draft with its body, whatever its status; `None` if there is no such draft.
#[tauri::command]
#[specta::specta]
pub fn load_quote_draft(
    desk: State<'_, Desk>,
    id: DraftId,
) -> Result<Option<DraftRecord>, AppError> {
    desk.load_quote_draft(id)
}

/// Open drafts for Ciorne, most recently saved first.
#[tauri::command]
#[specta::specta]
pub fn list_quote_drafts(desk: State<'_, Desk>) -> Result<Vec<DraftSummary>, AppError> {
    desk.list_quote_drafts()
}

/// Throws a draft away; `false` if it was no longer open.
#[tauri::command]
#[specta::specta]
pub fn discard_quote_draft(desk: State<'_, Desk>, id: DraftId) -> Result<bool, AppError> {
    desk.discard_quote_draft(id)
}

/// Brings a discarded draft back (the undo of *Șterge* in Ciorne); `false` if it was not
/// discarded.
#[tauri::command]
#[specta::specta]
pub fn restore_quote_draft(desk: State<'_, Desk>, id: DraftId) -> Result<bool, AppError> {
    desk.restore_quote_draft(id)
}

/// The most recently saved open draft, offered on start ("Continuați?").
#[tauri::command]
#[specta::specta]
pub fn last_open_quote_draft(desk: State<'_, Desk>) -> Result<Option<DraftRecord>, AppError> {
    desk.last_open_quote_draft()
}

/// Copies a draft (an issued one, to change it) into a new open draft; its id.
#[tauri::command]
#[specta::specta]
pub fn copy_quote_draft(desk: State<'_, Desk>, id: DraftId) -> Result<Option<DraftId>, AppError> {
    desk.copy_quote_draft(id)
}

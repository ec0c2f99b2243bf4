//! Ofertă nouă and Ciorne: the quote wizard's checks and its autosaved drafts.

use casco_core::insurers::enabled_insurers;
use casco_core::quote::{
    insurer_gaps, required_paths, validate_draft, Gender, InsurerGap, QuoteDraft,
};
use casco_core::reference_data::ReferenceData;
use casco_core::store::{DraftId, DraftRecord, DraftSummary};
use casco_core::validate::{cnp_facts, today_in_bucharest};
use casco_core::{AppError, FieldErrors};
use chrono::Utc;
use serde::Serialize;
use tauri::State;

use crate::SettingsFile;

/// What the wizard shows while the agent types: a message under each field, and the fields
/// the enabled insurers ask for beyond the spec (warnings, they do not block quoting).
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuoteCheck {
    /// Request path → messages, worded in the settings language.
    pub fields: FieldErrors,
    /// Fields an enabled insurer requires that the draft leaves empty.
    pub insurer_gaps: Vec<InsurerGap>,
    /// Request paths this draft's shape requires, marked with an asterisk in the form.
    pub required: Vec<String>,
}

/// What a valid CNP prefills: the birth date (ISO) and the sex, when the CNP encodes them.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CnpPrefill {
    /// `yyyy-mm-dd`, or `None` for a foreigner's CNP starting with 9.
    pub birthdate: Option<String>,
    /// Sex, or `None` when the CNP does not encode it.
    pub gender: Option<Gender>,
}

/// Checks the draft as the agent types; today is the Bucharest calendar day.
#[tauri::command]
#[specta::specta]
pub fn validate_quote_draft(file: State<'_, SettingsFile>, draft: QuoteDraft) -> QuoteCheck {
    let settings = file.current();
    let today = today_in_bucharest(Utc::now());
    let enabled_keys: Vec<String> = enabled_insurers(&settings)
        .iter()
        .map(|i| i.key.clone())
        .collect();
    QuoteCheck {
        fields: validate_draft(&draft, today),
        insurer_gaps: insurer_gaps(&draft, &enabled_keys),
        required: required_paths(&draft),
    }
}

/// A fresh draft with the quote defaults from Setări (currency, installments, term) and
/// tomorrow's start date.
#[tauri::command]
#[specta::specta]
pub fn new_quote_draft(file: State<'_, SettingsFile>) -> QuoteDraft {
    QuoteDraft::with_defaults(&file.current().defaults, today_in_bucharest(Utc::now()))
}

/// Birth date and sex read from a valid CNP; `None` while the CNP is not valid.
#[tauri::command]
#[specta::specta]
pub fn cnp_prefill(cnp: String) -> Option<CnpPrefill> {
    cnp_facts(&cnp).ok().map(|facts| CnpPrefill {
        birthdate: facts.birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
        gender: facts.gender,
    })
}

/// Autosave: `None` starts a new draft and returns its id; `Some(id)` overwrites it. Returns
/// `None` when that draft was meanwhile quoted or discarded.
#[tauri::command]
#[specta::specta]
pub fn save_quote_draft(
    data: State<'_, ReferenceData>,
    id: Option<DraftId>,
    draft: QuoteDraft,
) -> Result<Option<DraftId>, AppError> {
    data.store()
        .save_draft(id, &draft, Utc::now())
        .map_err(|e| e.to_app_error())
}

/// One draft with its body, whatever its status; `None` if there is no such draft.
#[tauri::command]
#[specta::specta]
pub fn load_quote_draft(
    data: State<'_, ReferenceData>,
    id: DraftId,
) -> Result<Option<DraftRecord>, AppError> {
    data.store().load_draft(id).map_err(|e| e.to_app_error())
}

/// Open drafts for Ciorne, most recently saved first.
#[tauri::command]
#[specta::specta]
pub fn list_quote_drafts(data: State<'_, ReferenceData>) -> Result<Vec<DraftSummary>, AppError> {
    data.store().list_drafts().map_err(|e| e.to_app_error())
}

/// Throws a draft away; `false` if it was no longer open.
#[tauri::command]
#[specta::specta]
pub fn discard_quote_draft(data: State<'_, ReferenceData>, id: DraftId) -> Result<bool, AppError> {
    data.store()
        .discard_draft(id, Utc::now())
        .map_err(|e| e.to_app_error())
}

/// The most recently saved open draft, offered on start ("Continuați?").
#[tauri::command]
#[specta::specta]
pub fn last_open_quote_draft(
    data: State<'_, ReferenceData>,
) -> Result<Option<DraftRecord>, AppError> {
    data.store().last_open_draft().map_err(|e| e.to_app_error())
}

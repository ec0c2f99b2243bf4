//! Setări → Diagnostic: the log of API calls, and its export for support.

use casco_core::api_log::ApiCallEntry;
use casco_core::desk::{Desk, ExportedLog};
use casco_core::AppError;
use tauri::State;

/// The newest `limit` API calls, newest first (masked: never a CNP, a name or a secret).
#[tauri::command]
#[specta::specta]
pub fn api_calls(desk: State<'_, Desk>, limit: u32) -> Result<Vec<ApiCallEntry>, AppError> {
    desk.api_calls(limit)
}

/// Asks where to save the log and writes it there; `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_api_log(desk: State<'_, Desk>) -> Result<Option<ExportedLog>, AppError> {
    desk.export_api_log().await
}

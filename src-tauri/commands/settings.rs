//! Setări: read and save settings, choose the agency logo, what start-up found.

use casco_core::desk::{AgencyLogo, Desk};
use casco_core::{AppError, Message, Settings};
use tauri::State;

/// The settings in force.
#[tauri::command]
#[specta::specta]
pub fn get_settings(desk: State<'_, Desk>) -> Settings {
    desk.settings()
}

/// Validates and saves settings; on error nothing is written and `fields` names each bad field.
#[tauri::command]
#[specta::specta]
pub fn save_settings(desk: State<'_, Desk>, settings: Settings) -> Result<Settings, AppError> {
    desk.save_settings(settings)
}

/// Lets the agent pick a PNG or JPEG, checks it and copies it into the app's folder. `None`
/// when the dialog was cancelled. Settings are not changed until the agent saves.
#[tauri::command]
#[specta::specta]
pub async fn choose_agency_logo(desk: State<'_, Desk>) -> Result<Option<AgencyLogo>, AppError> {
    desk.choose_agency_logo().await
}

/// The stored logo as a preview, or `None` when the file is gone.
#[tauri::command]
#[specta::specta]
pub fn agency_logo(desk: State<'_, Desk>, file: String) -> Result<Option<AgencyLogo>, AppError> {
    desk.agency_logo(&file)
}

/// What the agent must know about how start-up found the files: settings restored from their
/// last good copy, an earlier build's files left behind, the local store rebuilt.
#[tauri::command]
#[specta::specta]
pub fn start_notices(desk: State<'_, Desk>) -> Vec<Message> {
    desk.start_notices()
}

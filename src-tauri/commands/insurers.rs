//! Setări → Asigurători: which insurers are quoted, and their provider credentials.
//!
//! Every command here is async: Tauri runs synchronous commands on the main thread, and a
//! keychain call (a Secret Service round trip, a macOS keychain prompt) would freeze the window.

use casco_api::Secret;
use casco_core::desk::Desk;
use casco_core::insurers::{InsurerView, ProviderCredentials};
use casco_core::AppError;
use tauri::State;

/// Every insurer with its state in the environment in force.
#[tauri::command]
#[specta::specta]
pub async fn list_insurers(desk: State<'_, Desk>) -> Result<Vec<InsurerView>, AppError> {
    Ok(desk.insurers().await)
}

/// Switches an insurer on or off (saved in the settings file).
#[tauri::command]
#[specta::specta]
pub async fn set_insurer_enabled(
    desk: State<'_, Desk>,
    insurer: String,
    enabled: bool,
) -> Result<Vec<InsurerView>, AppError> {
    desk.set_insurer_enabled(&insurer, enabled).await
}

/// Keeps an insurer's provider credentials in the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn save_insurer_credentials(
    desk: State<'_, Desk>,
    insurer: String,
    account: String,
    password: String,
    code: String,
) -> Result<Vec<InsurerView>, AppError> {
    let (password, code) = (Secret::new(password), Secret::new(code));
    let credentials = ProviderCredentials {
        account,
        password,
        code,
    };
    desk.save_insurer_credentials(&insurer, credentials).await
}

/// Forgets an insurer's provider credentials.
#[tauri::command]
#[specta::specta]
pub async fn forget_insurer_credentials(
    desk: State<'_, Desk>,
    insurer: String,
) -> Result<Vec<InsurerView>, AppError> {
    desk.forget_insurer_credentials(&insurer).await
}

//! Setări → Asigurători: which insurers are quoted, and their provider credentials.
//!
//! Every command here is async: Tauri runs synchronous commands on the main thread, and a
//! keychain call (a Secret Service round trip, a macOS keychain prompt) would freeze the window.

use casco_api::Secret;
use casco_core::insurers::{with_insurer_enabled, InsurerView, ProviderCredentials};
use casco_core::AppError;
use tauri::State;

use crate::api::Api;
use crate::SettingsFile;

/// Every insurer with its state in the environment in force.
#[tauri::command]
#[specta::specta]
pub async fn list_insurers(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
) -> Result<Vec<InsurerView>, AppError> {
    let settings = file.current();
    Ok(api.insurers.list(&api.target(&settings), &settings).await)
}

/// Switches an insurer on or off (saved in the settings file).
#[tauri::command]
#[specta::specta]
pub async fn set_insurer_enabled(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    insurer: String,
    enabled: bool,
) -> Result<Vec<InsurerView>, AppError> {
    let current = file.current();
    let next = with_insurer_enabled(current.clone(), &insurer, enabled)?;
    let saved = file.save(next)?;
    Ok(api.insurers.list(&api.target(&saved), &saved).await)
}

/// Keeps an insurer's provider credentials in the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn save_insurer_credentials(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    insurer: String,
    account: String,
    password: String,
    code: String,
) -> Result<Vec<InsurerView>, AppError> {
    let settings = file.current();
    let target = api.target(&settings);
    let credentials = ProviderCredentials {
        account,
        password: Secret::new(password),
        code: Secret::new(code),
    };
    api.insurers
        .save_credentials(&target, &insurer, credentials)
        .await?;
    Ok(api.insurers.list(&target, &settings).await)
}

/// Forgets an insurer's provider credentials.
#[tauri::command]
#[specta::specta]
pub async fn forget_insurer_credentials(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    insurer: String,
) -> Result<Vec<InsurerView>, AppError> {
    let settings = file.current();
    let target = api.target(&settings);
    api.insurers.forget_credentials(&target, &insurer).await?;
    Ok(api.insurers.list(&target, &settings).await)
}

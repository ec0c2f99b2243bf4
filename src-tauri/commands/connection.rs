//! The agent's CascoApi session: status, login, logout.

use casco_api::Secret;
use casco_core::connection::ConnectionStatus;
use casco_core::AppError;
use tauri::State;

use crate::api::Api;
use crate::SettingsFile;

/// Makes the environment in the settings the one in force and reports the session; Demo and
/// remembered logins connect by themselves.
#[tauri::command]
#[specta::specta]
pub async fn connect(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
) -> Result<ConnectionStatus, AppError> {
    Ok(api.connect(&file.current()).await)
}

/// Logs in to the environment in force. `remember` keeps the login in the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn login(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    account: String,
    password: String,
    remember: bool,
) -> Result<ConnectionStatus, AppError> {
    let settings = file.current();
    let target = api.target(&settings);
    api.connection
        .login(target, &account, Secret::new(password), remember)
        .await
}

/// Ends the session and forgets any remembered login for this environment.
#[tauri::command]
#[specta::specta]
pub async fn logout(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
) -> Result<ConnectionStatus, AppError> {
    Ok(api.connection.logout(api.target(&file.current())).await)
}

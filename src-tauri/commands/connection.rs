//! The agent's CascoApi session: status, login, logout, the offline indicator.

use std::time::Duration;

use casco_api::Secret;
use casco_core::connection::ConnectionStatus;
use casco_core::desk::Desk;
use casco_core::AppError;
use tauri::State;

/// How long the offline indicator waits for the API: long enough for a TLS handshake through
/// an agency proxy.
const ONLINE_PROBE_TIMEOUT: Duration = Duration::from_secs(4);

/// Makes the environment in the settings the one in force and reports the session; Demo and
/// remembered logins connect by themselves.
#[tauri::command]
#[specta::specta]
pub async fn connect(desk: State<'_, Desk>) -> Result<ConnectionStatus, AppError> {
    Ok(desk.connect().await)
}

/// Logs in to the environment in force. `remember` keeps the login in the OS keychain.
#[tauri::command]
#[specta::specta]
pub async fn login(
    desk: State<'_, Desk>,
    account: String,
    password: String,
    remember: bool,
) -> Result<ConnectionStatus, AppError> {
    desk.login(&account, Secret::new(password), remember).await
}

/// Ends the session and forgets any remembered login for this environment.
#[tauri::command]
#[specta::specta]
pub async fn logout(desk: State<'_, Desk>) -> Result<ConnectionStatus, AppError> {
    Ok(desk.logout().await)
}

/// Whether the API of the environment in force answers (the offline indicator).
#[tauri::command]
#[specta::specta]
pub async fn check_online(desk: State<'_, Desk>) -> Result<bool, AppError> {
    Ok(desk.check_online(ONLINE_PROBE_TIMEOUT).await)
}

//! Reference data: sync with progress on a Channel, cancel, status, offline search.

use std::time::Duration;

use casco_core::nomenclature::{
    Country, County, Locality, SyncProgress, SyncSummary, VehicleMake, VehicleModel,
};
use casco_core::reference_data::{ReferenceData, ReferenceStatus};
use casco_core::{AppError, Message};
use tauri::ipc::Channel;
use tauri::State;

use crate::api::Api;
use crate::{SettingsFile, StartNotices};

/// Refreshes the lists older than the TTL in Setări (all of them with `force`, for
/// "Sincronizează acum"), streaming progress on `on_progress`.
#[tauri::command]
#[specta::specta]
pub async fn sync_reference_data(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    data: State<'_, ReferenceData>,
    force: bool,
    on_progress: Channel<SyncProgress>,
) -> Result<SyncSummary, AppError> {
    let settings = file.current();
    let client = api.connection.client().await?;
    let ttl = Duration::from_secs(u64::from(settings.reference_data.ttl_days) * 86_400);
    let env = api.target(&settings).key;
    let progress = move |p: SyncProgress| {
        // A closed channel (the window reloaded) must not stop the sync itself.
        let _ = on_progress.send(p);
    };
    data.sync(client, &env, force, ttl, &progress).await
}

/// Stops the running sync; lists already refreshed stay.
#[tauri::command]
#[specta::specta]
pub fn cancel_reference_sync(data: State<'_, ReferenceData>) -> bool {
    data.cancel()
}

/// Counts and last sync per list, for the environment in force.
#[tauri::command]
#[specta::specta]
pub fn reference_data_status(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    data: State<'_, ReferenceData>,
) -> Result<ReferenceStatus, AppError> {
    let settings = file.current();
    data.status(&api.target(&settings).key)
}

/// What the agent must know about how start-up found the files: settings restored from their
/// last good copy, an earlier build's files left behind, the local store rebuilt.
#[tauri::command]
#[specta::specta]
pub fn start_notices(
    data: State<'_, ReferenceData>,
    notices: State<'_, StartNotices>,
) -> Vec<Message> {
    notices.0.iter().cloned().chain(data.notice()).collect()
}

/// How long the offline indicator waits for the API: long enough for a TLS handshake through
/// an agency proxy.
const ONLINE_PROBE_TIMEOUT: Duration = Duration::from_secs(4);

/// Whether the API of the environment in force answers (the offline indicator).
#[tauri::command]
#[specta::specta]
pub async fn check_online(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
) -> Result<bool, AppError> {
    let target = api.target(&file.current());
    Ok(api
        .connection
        .reachable(&target, ONLINE_PROBE_TIMEOUT)
        .await)
}

macro_rules! search_command {
    ($(#[$doc:meta])* $name:ident($($arg:ident),*) -> $item:ty, $method:ident) => {
        $(#[$doc])*
        #[tauri::command]
        #[specta::specta]
        pub fn $name(
            api: State<'_, Api>,
            file: State<'_, SettingsFile>,
            data: State<'_, ReferenceData>,
            $($arg: String,)*
        ) -> Result<Vec<$item>, AppError> {
            let settings = file.current();
            data.$method(&api.target(&settings).key, $(&$arg),*)
        }
    };
}

search_command!(
    /// Countries matching `query`, from the local store.
    search_countries(query) -> Country, countries
);
search_command!(
    /// Counties matching `query`, from the local store.
    search_counties(query) -> County, counties
);
search_command!(
    /// Localities of `county` matching `query`, from the local store.
    search_localities(county, query) -> Locality, localities
);
search_command!(
    /// Vehicle makes matching `query`, from the local store.
    search_makes(query) -> VehicleMake, makes
);
search_command!(
    /// Models of `make` matching `query`, from the local store.
    search_models(make, query) -> VehicleModel, models
);

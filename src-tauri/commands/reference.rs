//! Reference data: sync with progress on a Channel, cancel, status, offline search.

use casco_core::desk::Desk;
use casco_core::nomenclature::{
    Country, County, Locality, SyncProgress, SyncSummary, VehicleMake, VehicleModel,
};
use casco_core::reference_data::ReferenceStatus;
use casco_core::AppError;
use tauri::ipc::Channel;
use tauri::State;

/// Refreshes the lists older than the TTL in Setări (all of them with `force`, for
/// "Sincronizează acum"), streaming progress on `on_progress`.
#[tauri::command]
#[specta::specta]
pub async fn sync_reference_data(
    desk: State<'_, Desk>,
    force: bool,
    on_progress: Channel<SyncProgress>,
) -> Result<SyncSummary, AppError> {
    // A closed channel (the window reloaded) must not stop the sync itself.
    let progress = move |p: SyncProgress| drop(on_progress.send(p));
    desk.sync_reference_data(force, &progress).await
}

/// Stops the running sync; lists already refreshed stay.
#[tauri::command]
#[specta::specta]
pub fn cancel_reference_sync(desk: State<'_, Desk>) -> bool {
    desk.cancel_reference_sync()
}

/// Counts and last sync per list, for the environment in force.
#[tauri::command]
#[specta::specta]
pub fn reference_data_status(desk: State<'_, Desk>) -> Result<ReferenceStatus, AppError> {
    desk.reference_data_status()
}

/// Countries matching `query`, from the local store.
#[tauri::command]
#[specta::specta]
pub fn search_countries(desk: State<'_, Desk>, query: String) -> Result<Vec<Country>, AppError> {
    desk.search_countries(&query)
}

/// Counties matching `query`, from the local store.
#[tauri::command]
#[specta::specta]
pub fn search_counties(desk: State<'_, Desk>, query: String) -> Result<Vec<County>, AppError> {
    desk.search_counties(&query)
}

/// Localities of `county` matching `query`, from the local store.
#[tauri::command]
#[specta::specta]
pub fn search_localities(
    desk: State<'_, Desk>,
    county: String,
    query: String,
) -> Result<Vec<Locality>, AppError> {
    desk.search_localities(&county, &query)
}

/// Vehicle makes matching `query`, from the local store.
#[tauri::command]
#[specta::specta]
pub fn search_makes(desk: State<'_, Desk>, query: String) -> Result<Vec<VehicleMake>, AppError> {
    desk.search_makes(&query)
}

/// Models of `make` matching `query`, from the local store.
#[tauri::command]
#[specta::specta]
pub fn search_models(
    desk: State<'_, Desk>,
    make: String,
    query: String,
) -> Result<Vec<VehicleModel>, AppError> {
    desk.search_models(&make, &query)
}

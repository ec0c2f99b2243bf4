//! Clienți, Istoric and Reînnoiri: the client book searched in memory, a client's page, new
//! drafts from the book, the history and the renewals.

use casco_core::book::history::{HistoryFilter, HistoryPage};
use casco_core::book::page::ClientPage;
use casco_core::book::renewals::RenewalLine;
use casco_core::book::BookClient;
use casco_core::desk::Desk;
use casco_core::store::{ClientId, DraftId, VehicleId};
use casco_core::AppError;
use tauri::State;

/// Clients matching what the agent types (name without diacritics, CNP, CUI, phone, plate, VIN).
#[tauri::command]
#[specta::specta]
pub fn search_clients(desk: State<'_, Desk>, query: String) -> Vec<BookClient> {
    desk.search_clients(&query)
}

/// A client's page: details, vehicles, drafts, policies and documents.
#[tauri::command]
#[specta::specta]
pub fn client_page(
    desk: State<'_, Desk>,
    client_id: ClientId,
) -> Result<Option<ClientPage>, AppError> {
    desk.client_page(client_id)
}

/// *Ofertă nouă pentru client*: a new draft with the policyholder filled in; its id.
#[tauri::command]
#[specta::specta]
pub fn new_draft_for_client(
    desk: State<'_, Desk>,
    client_id: ClientId,
) -> Result<Option<DraftId>, AppError> {
    desk.new_draft_for_client(client_id)
}

/// *Recotează* on a vehicle: holder, vehicle and user filled in; the new draft's id.
#[tauri::command]
#[specta::specta]
pub fn requote_vehicle(
    desk: State<'_, Desk>,
    client_id: ClientId,
    vehicle_id: VehicleId,
) -> Result<Option<DraftId>, AppError> {
    desk.requote_vehicle(client_id, vehicle_id)
}

/// *Recotează pentru reînnoire*: the policy's data again with `renewPolicy` set.
#[tauri::command]
#[specta::specta]
pub fn requote_renewal(
    desk: State<'_, Desk>,
    offer_id: String,
) -> Result<Option<DraftId>, AppError> {
    desk.requote_renewal(&offer_id)
}

/// *Copiază și recotează*: a past draft as a new one.
#[tauri::command]
#[specta::specta]
pub fn copy_and_requote(
    desk: State<'_, Desk>,
    draft_id: DraftId,
) -> Result<Option<DraftId>, AppError> {
    desk.copy_and_requote(draft_id)
}

/// Istoric for the agent's filters, newest first.
#[tauri::command]
#[specta::specta]
pub fn history(desk: State<'_, Desk>, filter: HistoryFilter) -> Result<HistoryPage, AppError> {
    desk.history(&filter)
}

/// Reînnoiri: policies ending within the window set in Setări, soonest first.
#[tauri::command]
#[specta::specta]
pub fn renewals(desk: State<'_, Desk>) -> Result<Vec<RenewalLine>, AppError> {
    desk.renewals()
}

//! Oferte (the wizard's sixth step): vehicle identification, quoting every insurer with
//! outcomes streamed on a Channel, the saved comparison, and its sorting and filters.

use casco_core::desk::Desk;
use casco_core::quote::comparison::{ComparedOffer, ComparisonFilter};
use casco_core::quote::fanout::InsurerOutcome;
use casco_core::quote::identification::VehicleIdentification;
use casco_core::quote::{QuoteDraft, SavedComparison};
use casco_core::store::DraftId;
use casco_core::AppError;
use tauri::ipc::Channel;
use tauri::State;

/// The vehicle's variants per enabled insurer, from the draft's cache when the vehicle data
/// did not change (no API call then).
#[tauri::command]
#[specta::specta]
pub async fn identify_quote_vehicle(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    draft: QuoteDraft,
) -> Result<VehicleIdentification, AppError> {
    desk.identify_quote_vehicle(draft_id, &draft).await
}

/// Quotes the enabled insurers (only those in `only`, for "Reîncearcă") for the saved draft,
/// sending each outcome on `on_outcome` the moment it is known.
#[tauri::command]
#[specta::specta]
pub async fn quote_offers(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    draft: QuoteDraft,
    only: Option<Vec<String>>,
    on_outcome: Channel<InsurerOutcome>,
) -> Result<Vec<InsurerOutcome>, AppError> {
    // A closed channel (the window reloaded) must not stop the batch: outcomes are stored
    // either way and the comparison reopens from the store.
    let send = move |outcome: InsurerOutcome| drop(on_outcome.send(outcome));
    desk.quote_offers(draft_id, &draft, only.as_deref(), &send)
        .await
}

/// The draft's last outcome per insurer from the store (no API call), offers judged expired
/// against today, and the insurers a stopped batch left unanswered.
#[tauri::command]
#[specta::specta]
pub fn saved_comparison(
    desk: State<'_, Desk>,
    draft_id: DraftId,
) -> Result<SavedComparison, AppError> {
    desk.saved_comparison(draft_id)
}

/// The comparison rows for `outcomes` with the agent's filters and sort order.
#[tauri::command]
#[specta::specta]
pub fn compare_offers(
    outcomes: Vec<InsurerOutcome>,
    filter: ComparisonFilter,
) -> Vec<ComparedOffer> {
    Desk::compare_offers(&outcomes, &filter)
}

//! Oferte (the wizard's sixth step): vehicle identification, quoting every insurer with
//! outcomes streamed on a Channel, the saved comparison, and its sorting and filters.

use std::sync::Arc;
use std::time::Duration;

use casco_api::insurers::catalogue;
use casco_api::{CallOptions, CascoClient};
use casco_core::insurers::enabled_insurers;
use casco_core::quote::comparison::{arrange, ComparedOffer, ComparisonFilter};
use casco_core::quote::fanout::{quote_insurers, FanoutOptions, InsurerCall, InsurerOutcome};
use casco_core::quote::identification::{identify_vehicle, VehicleIdentification};
use casco_core::quote::QuoteDraft;
use casco_core::reference_data::ReferenceData;
use casco_core::store::{DraftId, SavedComparison};
use casco_core::validate::today_in_bucharest;
use casco_core::{AppError, Settings};
use chrono::Utc;
use tauri::ipc::Channel;
use tauri::State;

use crate::api::Api;
use crate::SettingsFile;

/// The settings in force, the live API client and the per-insurer wait from Setări.
async fn session(
    api: &Api,
    file: &SettingsFile,
) -> Result<(Settings, Arc<CascoClient>, Duration), AppError> {
    let settings = file.current();
    let client = api.connection.client().await?;
    let timeout = Duration::from_secs(u64::from(settings.quoting.timeout_seconds));
    Ok((settings, client, timeout))
}

/// The vehicle's variants per enabled insurer, from the draft's cache when the vehicle data
/// did not change (no API call then).
#[tauri::command]
#[specta::specta]
pub async fn identify_quote_vehicle(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    data: State<'_, ReferenceData>,
    draft_id: DraftId,
    draft: QuoteDraft,
) -> Result<VehicleIdentification, AppError> {
    let (settings, client, timeout) = session(&api, &file).await?;
    identify_vehicle(
        &client,
        data.store(),
        draft_id,
        &draft,
        &enabled_insurers(&settings),
        CallOptions::with_timeout(timeout),
    )
    .await
}

/// Quotes the enabled insurers (only those in `only`, for "Reîncearcă") for the saved draft,
/// sending each outcome on `on_outcome` the moment it is known. The draft is saved first, so
/// the stored requests always match a stored draft.
#[tauri::command]
#[specta::specta]
pub async fn quote_offers(
    api: State<'_, Api>,
    file: State<'_, SettingsFile>,
    data: State<'_, ReferenceData>,
    draft_id: DraftId,
    draft: QuoteDraft,
    only: Option<Vec<String>>,
    on_outcome: Channel<InsurerOutcome>,
) -> Result<Vec<InsurerOutcome>, AppError> {
    let (settings, client, timeout) = session(&api, &file).await?;
    let store = data.store();
    store
        .save_draft(Some(draft_id), &draft, Utc::now())
        .map_err(|e| e.to_app_error())?;
    let target = api.target(&settings);
    let mut calls = Vec::new();
    for insurer in catalogue()
        .iter()
        .filter(|i| only.as_ref().is_none_or(|keys| keys.contains(&i.key)))
    {
        let enabled = settings.insurer_enabled(&insurer.key);
        // A keychain read is a Secret Service round trip; a switched-off insurer needs none.
        let credentials = match enabled {
            true => api.insurers.credentials(&target, &insurer.key).await,
            false => None,
        };
        calls.push(InsurerCall {
            insurer,
            credentials,
            enabled,
        });
    }
    let options = FanoutOptions {
        per_insurer_timeout: timeout,
        today: today_in_bucharest(Utc::now()),
    };
    let send = move |outcome: InsurerOutcome| {
        // A closed channel (the window reloaded) must not stop the batch: outcomes are
        // stored either way and the comparison reopens from the store.
        let _ = on_outcome.send(outcome);
    };
    Ok(quote_insurers(
        client,
        &draft,
        calls,
        options,
        Some((store.as_ref(), draft_id)),
        &send,
    )
    .await)
}

/// The draft's last outcome per insurer from the store (no API call), offers judged expired
/// against today, and the insurers a stopped batch left unanswered.
#[tauri::command]
#[specta::specta]
pub fn saved_comparison(
    data: State<'_, ReferenceData>,
    draft_id: DraftId,
) -> Result<SavedComparison, AppError> {
    data.store()
        .saved_comparison(draft_id, today_in_bucharest(Utc::now()))
        .map_err(|e| e.to_app_error())
}

/// The comparison rows for `outcomes` with the agent's filters and sort order.
#[tauri::command]
#[specta::specta]
pub fn compare_offers(
    outcomes: Vec<InsurerOutcome>,
    filter: ComparisonFilter,
) -> Vec<ComparedOffer> {
    arrange(&outcomes, &filter)
}

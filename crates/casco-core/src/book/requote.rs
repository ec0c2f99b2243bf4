//! New drafts from the book: *Ofertă nouă pentru client* (the policyholder filled in),
//! *Recotează* on a vehicle (holder, vehicle and user; cover starting the day after the
//! vehicle's current policy ends), *Recotează pentru reînnoire* (the same, with `renewPolicy`
//! set) and *Copiază și recotează* (a past draft, its start moved to a day it can have).
//! Each takes the facts from the latest draft typed for the client or vehicle.

use chrono::{Days, NaiveDate};

use super::index::{BookClient, ClientBook};
use super::page::{policies_of, PolicyLine};
use crate::quote::{saved_drafts, QuoteDraft, WizardStep};
use crate::settings::QuoteDefaults;
use crate::store::{ClientId, DraftId, Store, StoreError, VehicleId};
use crate::validate::parse_date;

fn start_text(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}

/// The latest readable draft among `drafts` (ids ascend with time).
fn latest(store: &Store, drafts: &[DraftId]) -> Result<Option<QuoteDraft>, StoreError> {
    for &id in drafts.iter().rev() {
        if let Some(record) = saved_drafts::load_draft(store, id)? {
            return Ok(Some(record.draft));
        }
    }
    Ok(None)
}

/// A fresh draft with the client's policyholder from their latest draft.
pub fn draft_for_client(
    store: &Store,
    client: &BookClient,
    defaults: &QuoteDefaults,
    today: NaiveDate,
) -> Result<Option<QuoteDraft>, StoreError> {
    let Some(last) = latest(store, &client.drafts)? else {
        return Ok(None);
    };
    let mut draft = QuoteDraft::with_defaults(defaults, today);
    draft.policyholder = last.policyholder;
    Ok(Some(draft))
}

/// The vehicle's current policy: the issued one ending last.
fn current_policy(
    store: &Store,
    book: &ClientBook,
    drafts: &[DraftId],
) -> Result<Option<PolicyLine>, StoreError> {
    let lines = policies_of(store, book, drafts)?;
    Ok(lines.into_iter().find(|l| l.policy.end_date.is_some()))
}

/// A fresh draft for `vehicle` of `client`: holder, vehicle and user from the vehicle's latest
/// draft; the start the day after its current policy ends, when that is later than tomorrow.
pub fn draft_for_vehicle(
    store: &Store,
    book: &ClientBook,
    (client, vehicle): (ClientId, VehicleId),
    defaults: &QuoteDefaults,
    today: NaiveDate,
) -> Result<Option<QuoteDraft>, StoreError> {
    let Some(v) = book
        .client(client)
        .and_then(|c| c.vehicles.iter().find(|v| v.id == vehicle))
    else {
        return Ok(None);
    };
    let Some(last) = latest(store, &v.drafts)? else {
        return Ok(None);
    };
    let mut draft = QuoteDraft::with_defaults(defaults, today);
    draft.policyholder = last.policyholder;
    draft.vehicle = last.vehicle;
    draft.user = last.user;
    if let Some(end) = current_policy(store, book, &v.drafts)?.and_then(|l| l.policy.end_date) {
        let after = end + Days::new(1);
        if after > today + Days::new(1) {
            draft.cover.start_date = start_text(after);
        }
    }
    Ok(Some(draft))
}

/// A draft renewing the policy issued from `offer_id`: everything from its draft, `renewPolicy`
/// set to its series and number, starting the day after it ends.
pub fn draft_for_renewal(
    store: &Store,
    book: &ClientBook,
    offer_id: &str,
    today: NaiveDate,
) -> Result<Option<QuoteDraft>, StoreError> {
    let Some(record) = store.issue_for_offer(offer_id)? else {
        return Ok(None);
    };
    let line = policies_of(store, book, &[record.draft_id])?
        .into_iter()
        .find(|l| l.offer_id == offer_id);
    let (Some(line), Some(old)) = (line, saved_drafts::load_draft(store, record.draft_id)?) else {
        return Ok(None);
    };
    let mut draft = old.draft;
    draft.step = WizardStep::default();
    draft.cover.renewal_series = line.policy.series.clone();
    draft.cover.renewal_number = line.policy.number.clone();
    let start = line
        .policy
        .end_date
        .map_or(today + Days::new(1), |end| end + Days::new(1));
    draft.cover.start_date = start_text(start.max(today + Days::new(1)));
    Ok(Some(draft))
}

/// A copy of draft `id` to quote again: at its first step, not renewing anything it did not,
/// starting tomorrow when its own start has passed.
pub fn draft_copy(
    store: &Store,
    id: DraftId,
    today: NaiveDate,
) -> Result<Option<QuoteDraft>, StoreError> {
    let Some(record) = saved_drafts::load_draft(store, id)? else {
        return Ok(None);
    };
    let mut draft = record.draft;
    draft.step = WizardStep::default();
    let start = parse_date(&draft.cover.start_date);
    if start.is_none_or(|s| s <= today) {
        draft.cover.start_date = start_text(today + Days::new(1));
    }
    Ok(Some(draft))
}

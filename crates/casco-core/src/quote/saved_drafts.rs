//! Drafts as the store keeps them: what the agent typed, as versioned JSON, with the client
//! name and step copied into list columns.
//!
//! Formats of a draft body: 1 = `{"v": 1, "draft": {...}}`; 0 (release 0.1) = the draft
//! itself. Every field of [`QuoteDraft`] has a default and unknown fields are ignored, so a
//! draft written before a field existed, or after one was dropped, still reads.

use std::str::FromStr;

use casco_api::model::Currency;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::draft::{QuoteDraft, WizardStep};
use super::outcome::{Money, OutcomeState};
use super::saved_comparison::saved_comparison;
use crate::store::{DraftId, DraftListing, DraftStatus, DraftWrite, Store, StoreError};

/// The format of a draft body this version writes.
const DRAFT_FORMAT: u32 = 1;

/// One row of the Ciorne list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftSummary {
    /// The draft's id.
    pub id: DraftId,
    /// "Popescu Ana", "TechCorp SRL", or "" while no name was typed.
    pub client_name: String,
    /// The step the agent was on.
    pub step: WizardStep,
    /// When the draft was started.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// The vehicle's plate, as typed.
    pub plate: String,
    /// The vehicle's make and model, as typed.
    pub vehicle: String,
    /// The lowest premium in RON among the offers still valid, from the saved comparison.
    pub best_premium: Option<Money>,
    /// The last day that offer can be issued.
    pub best_until: Option<NaiveDate>,
    /// "Series number" of the policy issued from this draft: the draft is read-only.
    pub policy: Option<String>,
}

/// A stored draft with what the agent typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftRecord {
    /// List data of the draft.
    pub summary: DraftSummary,
    /// Where it is in its life.
    pub status: DraftStatus,
    /// What the agent typed.
    pub draft: QuoteDraft,
}

#[derive(Serialize)]
struct StoredDraftRef<'a> {
    v: u32,
    draft: &'a QuoteDraft,
}

#[derive(Deserialize)]
struct StoredDraft {
    draft: QuoteDraft,
}

fn encode(draft: &QuoteDraft) -> Result<String, StoreError> {
    let stored = StoredDraftRef {
        v: DRAFT_FORMAT,
        draft,
    };
    serde_json::to_string(&stored)
        .map_err(|e| StoreError::Corrupt(format!("draft not serializable: {e}")))
}

/// A stored body, whatever its format.
fn decode(body: &str, id: DraftId) -> Result<QuoteDraft, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("draft {id} body: {e}"));
    let value: serde_json::Value = serde_json::from_str(body).map_err(corrupt)?;
    // Format 0 is a draft object, which never has a numeric "v".
    if value.get("v").is_some_and(serde_json::Value::is_u64) {
        let stored: StoredDraft = serde_json::from_value(value).map_err(corrupt)?;
        return Ok(stored.draft);
    }
    serde_json::from_value(value).map_err(corrupt)
}

fn summary(listing: DraftListing, draft: &QuoteDraft) -> DraftSummary {
    let vehicle = format!("{} {}", draft.vehicle.make, draft.vehicle.model);
    DraftSummary {
        id: listing.id,
        client_name: listing.client_name,
        step: WizardStep::parse(&listing.step).unwrap_or_default(),
        created_at: listing.created_at,
        updated_at: listing.updated_at,
        plate: draft.vehicle.plate.trim().to_owned(),
        vehicle: vehicle.trim().to_owned(),
        best_premium: None,
        best_until: None,
        policy: None,
    }
}

/// "Series number" of the policy issued from draft `id`, if one was.
pub fn issued_policy(store: &Store, id: DraftId) -> Option<String> {
    let issues = store.issues_for_draft(id).ok()?;
    issues.iter().find_map(|record| {
        let issue = crate::issuing::OfferIssue::of(record);
        issue.policy().map(|p| format!("{} {}", p.series, p.number))
    })
}

/// The cheapest offer still valid `today` of the draft's saved comparison: premium in RON and
/// the offer's last day.
fn best_offer(store: &Store, id: DraftId, today: NaiveDate) -> Option<(Money, Option<NaiveDate>)> {
    let saved = saved_comparison(store, id, today).ok()?;
    let offers = saved.outcomes.into_iter().flat_map(|o| match o.state {
        OutcomeState::Offers { offers } => offers,
        _ => Vec::new(),
    });
    let valid = offers.filter(|o| !o.expired);
    let best = valid.min_by_key(|o| Decimal::from_str(&o.premium_ron).unwrap_or(Decimal::MAX))?;
    let premium = Money {
        amount: best.premium_ron,
        currency: Currency::Ron,
    };
    Some((premium, best.expiry_date))
}

/// Fills in the draft's cheapest offer still valid `today` and its last day, as Ciorne shows them.
pub fn add_best_offer(store: &Store, summary: &mut DraftSummary, today: NaiveDate) {
    if let Some((premium, until)) = best_offer(store, summary.id, today) {
        summary.best_premium = Some(premium);
        summary.best_until = until;
    }
}

/// Saves a draft: `None` starts a new one and returns its id; `Some(id)` overwrites that draft
/// if it is still open. `None` back when the draft was meanwhile quoted or discarded, or a
/// policy was issued from it: what was sold is never changed afterwards.
pub fn save_draft(
    store: &Store,
    id: Option<DraftId>,
    draft: &QuoteDraft,
    now: DateTime<Utc>,
) -> Result<Option<DraftId>, StoreError> {
    if id.is_some_and(|id| issued_policy(store, id).is_some()) {
        return Ok(None);
    }
    let body = encode(draft)?;
    let client_name = draft.client_name();
    let write = DraftWrite {
        client_name: &client_name,
        step: draft.step.as_str(),
        body: &body,
    };
    store.save_draft_row(id, write, now)
}

/// The draft with this id, whatever its status; `None` if there is no such draft.
pub fn load_draft(store: &Store, id: DraftId) -> Result<Option<DraftRecord>, StoreError> {
    let Some(row) = store.load_draft_row(id)? else {
        return Ok(None);
    };
    let draft = decode(&row.body, id)?;
    let mut summary = summary(row.listing, &draft);
    summary.policy = issued_policy(store, id);
    Ok(Some(DraftRecord {
        summary,
        status: row.status,
        draft,
    }))
}

/// A new open draft with what draft `id` holds (for changes after its policy was issued),
/// starting again at the first step; `None` when there is no such draft.
pub fn copy_draft(
    store: &Store,
    id: DraftId,
    now: DateTime<Utc>,
) -> Result<Option<DraftId>, StoreError> {
    let Some(row) = store.load_draft_row(id)? else {
        return Ok(None);
    };
    let mut draft = decode(&row.body, id)?;
    draft.step = WizardStep::default();
    save_draft(store, None, &draft, now)
}

/// Open drafts, most recently saved first: the agent's work queue, with each one's vehicle
/// and its best offer still valid `today`.
pub fn list_drafts(store: &Store, today: NaiveDate) -> Result<Vec<DraftSummary>, StoreError> {
    let mut list = Vec::new();
    for listing in store.list_open_drafts()? {
        let Some(row) = store.load_draft_row(listing.id)? else {
            continue; // discarded meanwhile
        };
        let mut summary = summary(listing, &decode(&row.body, row.listing.id)?);
        summary.policy = issued_policy(store, summary.id);
        add_best_offer(store, &mut summary, today);
        list.push(summary);
    }
    Ok(list)
}

/// The most recently saved open draft: what "continue where you left off" offers.
pub fn last_open_draft(store: &Store) -> Result<Option<DraftRecord>, StoreError> {
    match store.last_open_draft_id()? {
        Some(id) => load_draft(store, id),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_carries_its_format_and_the_release_0_1_form_still_reads() {
        let mut draft = QuoteDraft::default();
        draft.policyholder.last_name = "Popescu".into();
        let body = encode(&draft).unwrap();
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["v"], 1);
        assert_eq!(decode(&body, 1).unwrap(), draft);
        // Release 0.1 stored the draft itself.
        let bare = serde_json::to_string(&draft).unwrap();
        assert_eq!(decode(&bare, 1).unwrap(), draft);
        // A field this version does not know, and one it lacks, are no reason to fail.
        let mut later = json.clone();
        later["draft"]["policyholder"]["nickname"] = "Nelu".into();
        later["draft"].as_object_mut().unwrap().remove("vehicle");
        let read = decode(&later.to_string(), 1).unwrap();
        assert_eq!(read.policyholder.last_name, "Popescu");
        assert_eq!(read.vehicle, QuoteDraft::default().vehicle);
    }
}

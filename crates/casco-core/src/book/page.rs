//! A client's page: details, vehicles, drafts, comparisons, policies and documents, built from
//! the store each time it is opened (no API call).

use chrono::NaiveDate;
use serde::Serialize;

use super::index::{BookClient, ClientBook};
use crate::documents::DocumentView;
use crate::issuing::{OfferIssue, PolicyView};
use crate::quote::{saved_drafts, DraftSummary};
use crate::store::{ClientId, DraftId, DraftStatus, Store, StoreError, VehicleId};

/// One of the client's drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientDraft {
    /// As Ciorne lists it.
    pub summary: DraftSummary,
    /// Open, quoted or discarded.
    pub status: DraftStatus,
    /// The vehicle it was typed for.
    pub vehicle_id: Option<VehicleId>,
}

/// A policy issued for the client.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PolicyLine {
    /// The draft it was issued from.
    pub draft_id: DraftId,
    /// The offer it was issued from.
    pub offer_id: String,
    /// The insurer's key.
    pub insurer: String,
    /// The vehicle insured.
    pub vehicle_id: Option<VehicleId>,
    /// The policy.
    pub policy: PolicyView,
    /// "Series number" of the policy issued to renew this one, once there is one.
    pub renewed_by: Option<String>,
}

/// Everything the client's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ClientPage {
    /// The client with its vehicles.
    pub client: BookClient,
    /// Its drafts, newest first.
    pub drafts: Vec<ClientDraft>,
    /// Its policies, the latest ending first.
    pub policies: Vec<PolicyLine>,
    /// Its documents, newest first.
    pub documents: Vec<DocumentView>,
}

/// The policies issued from `drafts` (issued ones only), each with what renewed it among
/// `renewals` (policies whose draft carries `renewPolicy`).
pub fn policies_of(
    store: &Store,
    book: &ClientBook,
    drafts: &[DraftId],
) -> Result<Vec<PolicyLine>, StoreError> {
    let mut lines = Vec::new();
    for &draft_id in drafts {
        for record in store.issues_for_draft(draft_id)? {
            let issue = OfferIssue::of(&record);
            let Some(policy) = issue.policy().cloned() else {
                continue;
            };
            let vehicle_id = book
                .client_of_draft(draft_id)
                .and_then(|c| c.vehicles.iter().find(|v| v.drafts.contains(&draft_id)))
                .map(|v| v.id);
            lines.push(PolicyLine {
                draft_id,
                offer_id: issue.offer_id,
                insurer: issue.insurer,
                vehicle_id,
                policy,
                renewed_by: None,
            });
        }
    }
    mark_renewed(store, &mut lines)?;
    lines.sort_by_key(|l| std::cmp::Reverse(l.policy.end_date));
    Ok(lines)
}

/// Marks each policy renewed by another of `lines`: one issued from a draft whose
/// `renewPolicy` names it.
fn mark_renewed(store: &Store, lines: &mut [PolicyLine]) -> Result<(), StoreError> {
    let mut renewals = Vec::new();
    for line in lines.iter() {
        if let Some(record) = saved_drafts::load_draft(store, line.draft_id)? {
            let cover = &record.draft.cover;
            if !cover.renewal_series.trim().is_empty() {
                let named = (
                    cover.renewal_series.trim().to_owned(),
                    cover.renewal_number.trim().to_owned(),
                );
                renewals.push((
                    named,
                    format!("{} {}", line.policy.series, line.policy.number),
                ));
            }
        }
    }
    for line in lines.iter_mut() {
        let this = (line.policy.series.clone(), line.policy.number.clone());
        line.renewed_by = renewals
            .iter()
            .find(|(named, _)| *named == this)
            .map(|(_, by)| by.clone());
    }
    Ok(())
}

/// Client `id`'s page; `None` when the book has no such client.
pub fn client_page(
    store: &Store,
    book: &ClientBook,
    id: ClientId,
    today: NaiveDate,
) -> Result<Option<ClientPage>, StoreError> {
    let Some(client) = book.client(id) else {
        return Ok(None);
    };
    let mut drafts = Vec::new();
    let mut documents = Vec::new();
    for &draft_id in client.drafts.iter().rev() {
        let Some(record) = saved_drafts::load_draft(store, draft_id)? else {
            continue;
        };
        let vehicle_id = client
            .vehicles
            .iter()
            .find(|v| v.drafts.contains(&draft_id))
            .map(|v| v.id);
        let mut summary = record.summary;
        saved_drafts::add_best_offer(store, &mut summary, today);
        drafts.push(ClientDraft {
            summary,
            status: record.status,
            vehicle_id,
        });
        documents.extend(
            store
                .documents_for_draft(draft_id)?
                .iter()
                .map(DocumentView::of),
        );
    }
    documents.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
    let policies = policies_of(store, book, &client.drafts)?;
    Ok(Some(ClientPage {
        client: client.clone(),
        drafts,
        policies,
        documents,
    }))
}

//! Istoric: every comparison, offer, policy and document, newest first, with filters for
//! period, insurer, state and kind, and the same search as Clienți. Built from the stored
//! facts when read; reopening a comparison from here calls no API.

use std::collections::HashSet;

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::index::ClientBook;
use crate::choices::Currency;
use crate::documents::DocumentView;
use crate::fold::fold;
use crate::issuing::{IssueState, OfferIssue};
use crate::quote::fanout::OutcomeState;
use crate::quote::outcome::Money;
use crate::quote::saved_comparison;
use crate::store::{ClientId, DraftId, Store, StoreError};

/// Most lines one read returns: comparisons, policies and documents; a comparison's offers,
/// folded under it, do not count.
pub const HISTORY_LIMIT: usize = 300;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum HistoryKind {
    /// Offers asked for a draft.
    Comparison,
    /// One insurer's offer.
    Offer,
    /// A policy asked for.
    Policy,
    /// A PDF saved.
    Document,
}

/// Where an offer or a policy stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum HistoryState {
    /// An offer that can still be issued.
    Valid,
    /// An offer past its last day.
    Expired,
    /// A policy issued.
    Issued,
    /// A policy asked for whose answer never came.
    Unconfirmed,
    /// A policy the insurer refused.
    Refused,
}

/// What Istoric shows: `kinds` empty means every kind; an empty `query` every client.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct HistoryFilter {
    /// First day (Bucharest dates compare as UTC days here; a day's edge is not worth a zone).
    pub from: Option<NaiveDate>,
    /// Last day.
    pub to: Option<NaiveDate>,
    /// Only this insurer's entries.
    pub insurer: Option<String>,
    /// Only these kinds.
    pub kinds: Vec<HistoryKind>,
    /// Only entries in this state.
    pub state: Option<HistoryState>,
    /// Clienți's search.
    pub query: String,
}

/// One line of Istoric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// What it is.
    pub kind: HistoryKind,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The draft it belongs to (reopened from here).
    pub draft_id: DraftId,
    /// The client, when the draft is in the book.
    pub client_id: Option<ClientId>,
    /// The client's name as last typed.
    pub client_name: String,
    /// The insurer of an offer, policy or insurer document.
    pub insurer: Option<String>,
    /// Where an offer or policy stands.
    pub state: Option<HistoryState>,
    /// The premium in lei (comparison: the lowest valid one).
    pub amount: Option<Money>,
    /// The policy's "series number", the document's file name, or how many offers came.
    pub label: String,
    /// The offer's id (offers, policies, insurer documents).
    pub offer_id: Option<String>,
    /// The document's id, to open it.
    pub document_id: Option<u32>,
}

fn ron(amount: &str) -> Money {
    Money {
        amount: amount.to_owned(),
        currency: Currency::Ron,
    }
}

/// Everything that happened on draft `id`, unfiltered.
fn draft_entries(
    store: &Store,
    book: &ClientBook,
    id: DraftId,
    today: NaiveDate,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let client = book.client_of_draft(id);
    let base = HistoryEntry {
        kind: HistoryKind::Comparison,
        at: DateTime::<Utc>::default(),
        draft_id: id,
        client_id: client.map(|c| c.id),
        client_name: client.map(|c| c.card.name.clone()).unwrap_or_default(),
        insurer: None,
        state: None,
        amount: None,
        label: String::new(),
        offer_id: None,
        document_id: None,
    };
    let mut out = Vec::new();
    let saved = saved_comparison(store, id, today)?;
    if let Some(at) = saved.quoted_at {
        let mut offers: Vec<_> = saved
            .outcomes
            .iter()
            .flat_map(|o| match &o.state {
                OutcomeState::Offers { offers } => offers.clone(),
                _ => Vec::new(),
            })
            .collect();
        // Cheapest first under the comparison, as the comparison itself sorts by default.
        let lei = |x: &str| Decimal::from_str(x).unwrap_or(Decimal::MAX);
        offers.sort_by_key(|o| lei(&o.premium_ron));
        let best = offers.iter().find(|o| !o.expired);
        out.push(HistoryEntry {
            at,
            amount: best.map(|o| ron(&o.premium_ron)),
            label: offers.len().to_string(),
            ..base.clone()
        });
        for o in &offers {
            let state = if o.expired {
                HistoryState::Expired
            } else {
                HistoryState::Valid
            };
            out.push(HistoryEntry {
                kind: HistoryKind::Offer,
                at,
                insurer: Some(o.insurer.clone()),
                state: Some(state),
                amount: Some(ron(&o.premium_ron)),
                label: o.offer_id.clone(),
                offer_id: Some(o.offer_id.clone()),
                ..base.clone()
            });
        }
    }
    for record in store.issues_for_draft(id)? {
        let issue = OfferIssue::of(&record);
        let (state, label, amount) = match &issue.state {
            IssueState::Issued { policy } => (
                HistoryState::Issued,
                format!("{} {}", policy.series, policy.number),
                policy.premium.clone(),
            ),
            IssueState::Unconfirmed { .. } => (HistoryState::Unconfirmed, String::new(), None),
            IssueState::Refused { .. } => (HistoryState::Refused, String::new(), None),
        };
        let at = record.finished_at.unwrap_or(record.started_at);
        out.push(HistoryEntry {
            kind: HistoryKind::Policy,
            at,
            insurer: Some(issue.insurer),
            state: Some(state),
            amount,
            label,
            offer_id: Some(issue.offer_id),
            ..base.clone()
        });
    }
    for record in store.documents_for_draft(id)? {
        let view = DocumentView::of(&record);
        out.push(HistoryEntry {
            kind: HistoryKind::Document,
            at: view.saved_at,
            insurer: view.insurer,
            label: view.name,
            offer_id: view.offer_id,
            document_id: Some(view.id),
            ..base.clone()
        });
    }
    Ok(out)
}

fn keeps_all(filter: &HistoryFilter, entry: &HistoryEntry) -> bool {
    let day = entry.at.date_naive();
    let period = filter.from.is_none_or(|f| day >= f) && filter.to.is_none_or(|t| day <= t);
    let kind = filter.kinds.is_empty() || filter.kinds.contains(&entry.kind);
    let insurer = filter
        .insurer
        .as_ref()
        .is_none_or(|i| entry.insurer.as_ref() == Some(i));
    let state = filter.state.is_none_or(|s| entry.state == Some(s));
    period && kind && insurer && state
}

/// What one read of Istoric answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPage {
    /// Newest first; a comparison's offers right after it.
    pub entries: Vec<HistoryEntry>,
    /// Older lines were left out ([`HISTORY_LIMIT`]): a narrower period shows them.
    pub limited: bool,
}

/// Istoric for `filter`, newest first, at most [`HISTORY_LIMIT`] lines.
pub fn history(
    store: &Store,
    book: &ClientBook,
    filter: &HistoryFilter,
    today: NaiveDate,
) -> Result<HistoryPage, StoreError> {
    let wanted: Option<HashSet<ClientId>> = (!filter.query.trim().is_empty()).then(|| {
        book.search(&filter.query, usize::MAX)
            .into_iter()
            .map(|c| c.id)
            .collect()
    });
    let folded = fold(&filter.query);
    let mut out = Vec::new();
    let mut shown = 0;
    for (id, quoted_at) in store.drafts_by_activity()? {
        if shown >= HISTORY_LIMIT && filter.from.is_none_or(|f| quoted_at.date_naive() < f) {
            break;
        }
        if filter
            .to
            .is_some_and(|t| quoted_at.date_naive() > t + chrono::Days::new(400))
        {
            continue;
        }
        let entries = draft_entries(store, book, id, today)?;
        let matches_client = |e: &HistoryEntry| match (&wanted, e.client_id) {
            (None, _) => true,
            (Some(ids), Some(c)) => ids.contains(&c),
            (Some(_), None) => fold(&e.client_name).contains(&folded),
        };
        let kept: Vec<HistoryEntry> = entries
            .into_iter()
            .filter(|e| keeps_all(filter, e) && matches_client(e))
            .collect();
        shown += lines(&kept);
        out.extend(kept);
    }
    // Stable: a comparison's offers share its time and stay right after it.
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    let mut kept = 0;
    let cut = out.iter().position(|e| {
        kept += usize::from(e.kind != HistoryKind::Offer);
        kept > HISTORY_LIMIT
    });
    out.truncate(cut.unwrap_or(out.len()));
    Ok(HistoryPage {
        entries: out,
        limited: cut.is_some(),
    })
}

/// How many lines `entries` make on screen (offers fold under their comparison).
fn lines(entries: &[HistoryEntry]) -> usize {
    entries
        .iter()
        .filter(|e| e.kind != HistoryKind::Offer)
        .count()
}

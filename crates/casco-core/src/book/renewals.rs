//! Reînnoiri: issued policies that end within the window set in Setări, soonest first, not
//! yet renewed by a policy issued from a draft that names them in `renewPolicy`.

use chrono::NaiveDate;
use serde::Serialize;

use super::index::ClientBook;
use super::page::{policies_of, PolicyLine};
use crate::store::{ClientId, Store, StoreError};

/// A policy coming up for renewal.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RenewalLine {
    /// The client, when the policy's draft is in the book.
    pub client_id: Option<ClientId>,
    /// The client's name.
    pub client_name: String,
    /// "CJ 12 ABC · Dacia Logan".
    pub vehicle: String,
    /// The policy.
    pub line: PolicyLine,
    /// Days from today to its last day (0: it ends today).
    pub days_left: u32,
}

/// Policies ending between `today` and `today + window_days`, soonest first.
pub fn renewals(
    store: &Store,
    book: &ClientBook,
    today: NaiveDate,
    window_days: u32,
) -> Result<Vec<RenewalLine>, StoreError> {
    let drafts = store.drafts_with_issues()?;
    let mut due = Vec::new();
    for line in policies_of(store, book, &drafts)? {
        let Some(end) = line.policy.end_date else {
            continue;
        };
        let Ok(days_left) = u32::try_from((end - today).num_days()) else {
            continue; // ended already
        };
        if line.renewed_by.is_some() || days_left > window_days {
            continue;
        }
        let client = book.client_of_draft(line.draft_id);
        let vehicle = client
            .and_then(|c| c.vehicles.iter().find(|v| Some(v.id) == line.vehicle_id))
            .map(|v| {
                let name = format!("{} {}", v.card.make, v.card.model);
                [v.card.plate.as_str(), name.trim()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .unwrap_or_default();
        due.push(RenewalLine {
            client_id: client.map(|c| c.id),
            client_name: client.map(|c| c.card.name.clone()).unwrap_or_default(),
            vehicle,
            line,
            days_left,
        });
    }
    due.sort_by_key(|r| r.days_left);
    Ok(due)
}

//! The comparison of a draft as saved: what the UI shows when a quoted draft is reopened,
//! possibly days later, in another language, after the app died mid-batch or was updated.
//! Built from the stored facts each time it is read, with expiry judged against the day of
//! reading; rows written by release 0.1 (the row as it was shown) are read too.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::outcome::{state_from_answer, Asked, InsurerOutcome};
use super::release_0_1;
use crate::store::{DraftId, QuoteCallRecord, RecordedAnswer, Store, StoreError};

/// An insurer named for the agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InsurerRef {
    /// Insurer key ("groupama").
    pub insurer: String,
    /// Name shown to the agent ("Groupama"); the key when the catalogue no longer has it.
    pub display_name: String,
}

impl InsurerRef {
    /// The insurer with key `key`, named from the catalogue.
    pub fn of(key: &str) -> InsurerRef {
        InsurerRef {
            insurer: key.to_owned(),
            display_name: casco_api::insurers::find(key)
                .map_or_else(|| key.to_owned(), |i| i.display_name.clone()),
        }
    }
}

/// The latest quote of each insurer for one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedComparison {
    /// Outcomes of the insurers that answered, in catalogue order, with `expired` judged
    /// against the day asked for.
    pub outcomes: Vec<InsurerOutcome>,
    /// Insurers asked whose answer never arrived (the app stopped first), in catalogue order.
    pub unanswered: Vec<InsurerRef>,
    /// When the latest of these calls was started; `None` when the draft was never quoted.
    pub quoted_at: Option<DateTime<Utc>>,
}

/// Catalogue position of an insurer key; keys the catalogue no longer has come last.
fn catalogue_rank(key: &str) -> (usize, String) {
    let position = casco_api::insurers::catalogue()
        .iter()
        .position(|i| i.key == key)
        .unwrap_or(usize::MAX);
    (position, key.to_owned())
}

/// The latest call to each insurer for `draft`: answered ones as outcomes built for `today`,
/// and the calls that never got an answer as `unanswered`.
pub fn saved_comparison(
    store: &Store,
    draft: DraftId,
    today: NaiveDate,
) -> Result<SavedComparison, StoreError> {
    let mut calls = store.quote_calls_for_draft(draft)?;
    calls.sort_by_cached_key(|c| catalogue_rank(&c.insurer));
    let quoted_at = calls.iter().map(|c| c.started_at).max();
    let mut outcomes = Vec::new();
    let mut unanswered = Vec::new();
    for call in calls {
        match outcome_of(&call, today)? {
            Some(outcome) => outcomes.push(outcome),
            None => unanswered.push(InsurerRef::of(&call.insurer)),
        }
    }
    Ok(SavedComparison {
        outcomes,
        unanswered,
        quoted_at,
    })
}

/// The outcome of one stored call, or `None` when it never got an answer.
fn outcome_of(
    call: &QuoteCallRecord,
    today: NaiveDate,
) -> Result<Option<InsurerOutcome>, StoreError> {
    let Some(answer) = &call.answer else {
        return Ok(None);
    };
    let named = InsurerRef::of(&call.insurer);
    let outcome = match answer {
        RecordedAnswer::Facts(facts) => {
            // What was asked for: offers do not repeat it.
            let asked = Asked::of_stored(&call.request);
            InsurerOutcome {
                insurer: named.insurer,
                display_name: named.display_name,
                state: state_from_answer(facts, &call.insurer, &asked, today),
                elapsed_ms: facts.elapsed_ms,
            }
        }
        RecordedAnswer::Shown(shown) => release_0_1::outcome(shown, named, today).map_err(|e| {
            StoreError::Corrupt(format!("quote call {} outcome (format 0): {e}", call.id))
        })?,
    };
    Ok(Some(outcome))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DatabaseKey;

    #[test]
    fn a_draft_never_quoted_has_an_empty_comparison() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(
            dir.path().join("casco.db"),
            &DatabaseKey::from_bytes([7; 32]),
        )
        .unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let saved = saved_comparison(&store, 42, today).unwrap();
        assert!(saved.outcomes.is_empty() && saved.unanswered.is_empty());
        assert_eq!(saved.quoted_at, None);
    }

    #[test]
    fn insurers_are_named_from_the_catalogue_or_by_their_key() {
        assert_eq!(InsurerRef::of("grawe").display_name, "Grawe");
        assert_eq!(InsurerRef::of("lloyds").display_name, "lloyds");
        let order: Vec<usize> = ["axeria", "generali", "zzz"]
            .iter()
            .map(|k| catalogue_rank(k).0)
            .collect();
        assert!(order[1] < order[0] && order[0] < order[2]);
    }
}

//! Whether the offers of a draft still answer the draft as it is now: an offer priced for a
//! request the draft no longer makes (another vehicle, sum, start date or cover) must not be
//! sold, so it cannot be chosen until the insurer is asked again.

use serde_json::Value;

use super::draft::QuoteDraft;
use super::payload::build_quote_request;
use crate::store::{DraftId, Store, StoreError};

/// Insurer keys whose latest stored request for `draft_id` differs from the request the draft
/// makes now (in the order the store returns them). Credentials are left out of the
/// comparison: a changed password does not change a price.
pub fn stale_insurers(
    store: &Store,
    draft_id: DraftId,
    draft: &QuoteDraft,
) -> Result<Vec<String>, StoreError> {
    Ok(store
        .quote_calls_for_draft(draft_id)?
        .into_iter()
        .filter(|call| !asks_the_same(&call.insurer, &call.request, draft))
        .map(|call| call.insurer)
        .collect())
}

/// True when `draft` would send `insurer` the same request as `stored` (an insurer the
/// catalogue no longer has, or a draft that no longer builds, never does).
fn asks_the_same(insurer: &str, stored: &Value, draft: &QuoteDraft) -> bool {
    let Some(insurer) = casco_api::insurers::find(insurer) else {
        return false;
    };
    let Ok(request) = build_quote_request(draft, insurer, None) else {
        return false;
    };
    let Ok(now) = serde_json::to_value(&request) else {
        return false;
    };
    without_credentials(now) == without_credentials(stored.clone())
}

/// The request with `provider.authentication` removed.
fn without_credentials(mut request: Value) -> Value {
    if let Some(provider) = request.get_mut("provider").and_then(Value::as_object_mut) {
        provider.remove("authentication");
    }
    request
}

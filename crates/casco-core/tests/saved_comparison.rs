//! A quoted draft reopened later: its saved comparison judges offer expiry against the day it
//! is reopened and names the insurers whose answer never arrived.

use casco_api::insurers;
use casco_core::quote::build_quote_request;
use casco_core::quote::fanout::{InsurerOutcome, OfferView, OutcomeState};
use casco_core::quote::InsurerRef;
use casco_core::store::DatabaseKey;
use casco_core::store::{CallAnswer, Store};
use chrono::{NaiveDate, TimeZone, Utc};

#[path = "support/answers.rs"]
mod answers;
#[path = "support/sample_draft.rs"]
mod sample_draft;
use sample_draft::sample_draft;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The API's answer with one RON offer that expires on `expiry`.
fn offered(expiry: &str) -> CallAnswer {
    let offer = serde_json::json!({
        "offerId": 7, "premiumAmount": "1200.00", "currency": "RON",
        "startDate": "2025-06-16", "endDate": "2026-06-15", "offerExpiryDate": expiry
    });
    answers::offered(&[offer], 10)
}

fn offers(outcome: &InsurerOutcome) -> &[OfferView] {
    match &outcome.state {
        OutcomeState::Offers { offers } => offers,
        other => panic!("{other:?}"),
    }
}

#[test]
fn offers_expire_since_quoting_and_unanswered_calls_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let t0 = Utc.with_ymd_and_hms(2025, 6, 10, 9, 0, 0).unwrap();
    let t1 = Utc.with_ymd_and_hms(2025, 6, 10, 9, 0, 5).unwrap();
    let draft = sample_draft();
    let draft_id = casco_core::quote::save_draft(&store, None, &draft, t0)
        .unwrap()
        .unwrap();
    let request =
        |key: &str| build_quote_request(&draft, insurers::find(key).unwrap(), None).unwrap();

    // An older call to grawe that was answered, then a newer one cut short: the newer counts.
    let old = store
        .record_quote_started(draft_id, "grawe", &request("grawe"), t0)
        .unwrap();
    store
        .record_quote_answer(old, &offered("2025-06-30"), t0)
        .unwrap();
    let groupama = store
        .record_quote_started(draft_id, "groupama", &request("groupama"), t0)
        .unwrap();
    store
        .record_quote_started(draft_id, "grawe", &request("grawe"), t1)
        .unwrap();
    store
        .record_quote_answer(groupama, &offered("2025-06-20"), t1)
        .unwrap();
    drop(store);

    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let quoted_on =
        casco_core::quote::saved_comparison(&store, draft_id, day(2025, 6, 10)).unwrap();
    assert!(!offers(&quoted_on.outcomes[0])[0].expired);
    let on_expiry_day =
        casco_core::quote::saved_comparison(&store, draft_id, day(2025, 6, 20)).unwrap();
    assert!(
        !offers(&on_expiry_day.outcomes[0])[0].expired,
        "the expiry day itself is still valid"
    );

    let saved = casco_core::quote::saved_comparison(&store, draft_id, day(2025, 6, 21)).unwrap();
    assert_eq!(saved.outcomes.len(), 1);
    assert_eq!(saved.outcomes[0].insurer, "groupama");
    assert!(offers(&saved.outcomes[0])[0].expired);
    assert_eq!(
        saved.unanswered,
        [InsurerRef {
            insurer: "grawe".into(),
            display_name: "Grawe".into()
        }]
    );
    assert_eq!(saved.quoted_at, Some(t1));
    let json = serde_json::to_value(&saved).unwrap();
    assert_eq!(json["unanswered"][0]["displayName"], "Grawe");
    assert_eq!(json["outcomes"][0]["state"]["offers"][0]["expired"], true);
    assert!(json["quotedAt"].is_string());
}

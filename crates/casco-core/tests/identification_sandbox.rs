//! Vehicle identification against the real sandbox over loopback, cached in a real SQLite
//! file: every insurer answers with a preselected variant built in the vehicle's year, the
//! same question is never sent twice (not even after going back and forth), and an
//! incomplete vehicle is refused before anything is sent.

use std::time::Duration;

use casco_api::insurers::{self, Insurer};
use casco_api::{routes, CallOptions, CascoClient};
use casco_core::quote::{identify_vehicle, QuoteDraft, VehicleIdentification};
use casco_core::store::DatabaseKey;
use casco_core::store::{DraftId, Store};
use casco_core::{AppError, ErrorCode, Message};
use casco_sandbox::SandboxConfig;
use chrono::Utc;

#[path = "support/sample_draft.rs"]
mod sample_draft;
use sample_draft::sample_draft;
#[path = "support/demo_account.rs"]
mod demo_account;
use demo_account::demo_sandbox;

const ROUTE: &str = routes::VEHICLE_IDENTIFICATION.name;

fn enabled() -> Vec<&'static Insurer> {
    insurers::catalogue().iter().collect()
}

async fn identify(
    client: &CascoClient,
    store: &Store,
    draft_id: DraftId,
    draft: &QuoteDraft,
) -> Result<VehicleIdentification, AppError> {
    identify_vehicle(
        client,
        store,
        draft_id,
        draft,
        &enabled(),
        CallOptions::with_timeout(Duration::from_secs(10)),
    )
    .await
}

/// The first and last year of a production text such as "1997–" or "2008–2012".
fn years(production: &str) -> (u16, Option<u16>) {
    let (from, to) = production.split_once('–').expect(production);
    (from.parse().unwrap(), to.parse().ok())
}

fn assert_preselected_in(year: u16, id: &VehicleIdentification) {
    let keys: Vec<&str> = id.insurers.iter().map(|i| i.insurer.as_str()).collect();
    let catalogue: Vec<&str> = enabled().iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, catalogue);
    for insurer in &id.insurers {
        assert!(!insurer.variants.is_empty(), "{}", insurer.insurer);
        let closest = insurer.closest.expect("a variant is preselected") as usize;
        let chosen = &insurer.variants[closest];
        let (from, to) = years(&chosen.production);
        assert!(
            from <= year && to.is_none_or(|to| year <= to),
            "{} preselected {chosen:?} for {year}",
            insurer.insurer
        );
        assert!(chosen.model_name.contains("Corolla"), "{chosen:?}");
        let (_, cents) = chosen.market_value.split_once('.').unwrap();
        assert_eq!(cents.len(), 2, "{chosen:?}");
        assert!(chosen.currency.is_some(), "{chosen:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identification_is_cached_per_draft_and_vehicle() {
    let (sandbox, client) = demo_sandbox(SandboxConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let mut draft = sample_draft();
    let draft_id = casco_core::quote::save_draft(&store, None, &draft, Utc::now())
        .unwrap()
        .unwrap();

    let first = identify(&client, &store, draft_id, &draft).await.unwrap();
    assert!(!first.from_cache);
    assert_preselected_in(2020, &first);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 1);

    // The same question again, from a reopened store: answered locally.
    drop(store);
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let again = identify(&client, &store, draft_id, &draft).await.unwrap();
    assert!(again.from_cache);
    assert_eq!(again.insurers, first.insurers);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 1);

    // Another year is another question; changing it back asks nothing.
    draft.vehicle.year = "2019".into();
    let older = identify(&client, &store, draft_id, &draft).await.unwrap();
    assert!(!older.from_cache);
    assert_preselected_in(2019, &older);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 2);
    draft.vehicle.year = "2020".into();
    let back = identify(&client, &store, draft_id, &draft).await.unwrap();
    assert!(back.from_cache);
    assert_eq!(back.insurers, first.insurers);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 2);

    // The sums, mileage and colour the agent types do not change which model it is: the
    // cached answer stays, and a market value far from it is warned about under the field.
    draft.vehicle.market_value = "9500".into();
    draft.vehicle.mileage = "123456".into();
    let retyped = identify(&client, &store, draft_id, &draft).await.unwrap();
    assert!(retyped.from_cache);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 2);
    let warnings = casco_core::quote::catalogue_warnings(&store, draft_id, &draft);
    assert!(
        matches!(warnings.get("product.vehicle.marketValue").map(Vec::as_slice),
            Some([Message::FarFromCatalogue { values }]) if !values.is_empty()),
        "{warnings:?}"
    );
    draft.vehicle.market_value = sample_draft().vehicle.market_value;
    draft.vehicle.mileage = sample_draft().vehicle.mileage;

    // Another draft with the same vehicle is its own question.
    let other_id = casco_core::quote::save_draft(&store, None, &draft, Utc::now())
        .unwrap()
        .unwrap();
    let other = identify(&client, &store, other_id, &draft).await.unwrap();
    assert!(!other.from_cache);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 3);

    // An incomplete vehicle: field errors, nothing sent.
    let mut incomplete = draft.clone();
    incomplete.vehicle.make = "  ".into();
    let refused = identify(&client, &store, draft_id, &incomplete)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Validation);
    assert_eq!(refused.message, Message::CannotIdentify);
    let fields = refused.fields.unwrap();
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["product.vehicle.brand"]);
    assert_eq!(sandbox.counters().requests_to(ROUTE), 3);

    // With the server gone, a known answer still comes back and a new question fails
    // with a readable network error.
    sandbox.stop().await;
    let offline = identify(&client, &store, draft_id, &draft).await.unwrap();
    assert!(offline.from_cache);
    draft.vehicle.year = "2018".into();
    let down = identify(&client, &store, draft_id, &draft)
        .await
        .unwrap_err();
    assert_eq!(down.code, ErrorCode::Network, "{down:?}");
    assert_eq!(down.message, Message::CannotConnect);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_insurers_asked_for_appear_and_missing_ones_are_empty() {
    let (sandbox, client) = demo_sandbox(SandboxConfig::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let mut draft = sample_draft();
    // A model the sandbox's catalogue does not have: every insurer answers with no variants.
    draft.vehicle.model = "Imaginarium".into();
    let draft_id = casco_core::quote::save_draft(&store, None, &draft, Utc::now())
        .unwrap()
        .unwrap();
    let two = [
        insurers::find("grawe").unwrap(),
        insurers::find("allianz").unwrap(),
    ];
    let id = identify_vehicle(
        &client,
        &store,
        draft_id,
        &draft,
        &two,
        CallOptions::default(),
    )
    .await
    .unwrap();
    let keys: Vec<&str> = id.insurers.iter().map(|i| i.insurer.as_str()).collect();
    assert_eq!(keys, ["grawe", "allianz"]);
    assert_eq!(id.insurers[1].display_name, "Allianz-Țiriac");
    for insurer in &id.insurers {
        assert!(insurer.variants.is_empty());
        assert_eq!(insurer.closest, None);
    }
    sandbox.stop().await;
}

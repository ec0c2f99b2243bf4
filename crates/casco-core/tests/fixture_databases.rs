//! Every database an earlier release wrote (tests/fixtures/release-*.db, never edited) opens
//! with this version: migrated, every draft readable, every comparison rebuilt. A copy is
//! opened, so the committed file stays as its release left it.

use casco_core::messages::Message;
use casco_core::quote::fanout::OutcomeState;
use casco_core::quote::{list_drafts, load_draft, saved_comparison};
use casco_core::store::DatabaseKey;
use casco_core::store::{latest_version, DraftStatus, Store};
use chrono::NaiveDate;

/// A fresh copy of the fixture `name`.
fn open_copy(name: &str) -> (tempfile::TempDir, Store) {
    let fixture = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    std::fs::copy(&fixture, &path).unwrap();
    let (store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    assert!(report.recovered.is_none(), "{name} was read as damaged");
    assert_eq!(report.schema_version, latest_version());
    (dir, store)
}

#[test]
fn every_fixture_of_an_earlier_release_is_listed_here() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".db"))
        .collect();
    found.sort();
    assert_eq!(
        found,
        ["release-0.1.0.db"],
        "add a test for the new fixture"
    );
}

#[test]
fn release_0_1_drafts_and_comparisons_read_with_this_version() {
    let (_dir, store) = open_copy("release-0.1.0.db");

    // Three drafts: quoted, open, discarded; the list shows the open one.
    let drafts: Vec<_> = (1..=3)
        .map(|id| load_draft(&store, id).unwrap().unwrap())
        .collect();
    let statuses: Vec<_> = drafts.iter().map(|d| d.status).collect();
    assert_eq!(
        statuses,
        [
            DraftStatus::Quoted,
            DraftStatus::Open,
            DraftStatus::Discarded
        ]
    );
    assert_eq!(
        drafts[0].draft.vehicle.vin.len(),
        17,
        "what was typed is intact"
    );
    assert_eq!(drafts[1].summary.client_name, "Popescu Ioana");
    let open: Vec<_> = list_drafts(&store, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap())
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(open, [2]);

    // The quoted draft's comparison, rebuilt today: nine answers, the later generali call
    // unanswered, and every kind of outcome 0.1 could store.
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let saved = saved_comparison(&store, 1, today).unwrap();
    assert_eq!(saved.outcomes.len(), 9);
    assert_eq!(saved.unanswered.len(), 1);
    assert_eq!(saved.unanswered[0].insurer, "generali");
    let state = |key: &str| {
        let o = saved.outcomes.iter().find(|o| o.insurer == key).unwrap();
        o.state.clone()
    };
    let OutcomeState::Offers { offers } = state("allianz") else {
        panic!("{:?}", state("allianz"))
    };
    assert_eq!(offers[0].currency, "EUR");
    assert!(offers[0].exchange_rate.is_some());
    assert_eq!(state("grawe"), OutcomeState::TimedOut { after_ms: 2000 });
    // Its sentences come back as codes, so they follow the language of the day.
    let refused = Message::ServerRefused {
        message: "HTTP 502".into(),
    };
    assert_eq!(state("uniqa"), OutcomeState::Failed { message: refused });
    let OutcomeState::Rejected { message, fields } = state("omniasig") else {
        panic!("{:?}", state("omniasig"))
    };
    assert_eq!(message, Message::ServerValidation);
    assert!(fields.contains_key("product.vehicle.vin"), "{fields:?}");
    assert!(matches!(
        state("asirom"),
        OutcomeState::NotEnabled {
            reason: Message::ServerSaid { .. }
        }
    ));

    // Expiry is judged against the day of reading: valid when quoted, expired a year on.
    let a_year_on = NaiveDate::from_ymd_opt(2027, 12, 2).unwrap();
    let later = saved_comparison(&store, 1, a_year_on).unwrap();
    let expired: Vec<bool> = later
        .outcomes
        .iter()
        .flat_map(|o| match &o.state {
            OutcomeState::Offers { offers } => offers.iter().map(|v| v.expired).collect(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(
        expired, [true; 5],
        "five insurers offered (generali was asked again)"
    );
    let fresh = saved.outcomes.iter().any(
        |o| matches!(&o.state, OutcomeState::Offers { offers } if offers.iter().any(|v| v.expired)),
    );
    assert!(!fresh, "valid when reopened the day after quoting");
}

#[test]
fn release_0_1_identifications_still_answer_from_the_cache() {
    let (_dir, store) = open_copy("release-0.1.0.db");
    let key: String = {
        // The one cached question, as 0.1 keyed it.
        let conn = rusqlite::Connection::open(format!(
            "{}/tests/fixtures/release-0.1.0.db",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        conn.query_row("SELECT specs FROM vehicle_identifications", [], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let cached = store.cached_identification(1, &key).unwrap().unwrap();
    assert!(cached.values().any(|variants| !variants.is_empty()));
}

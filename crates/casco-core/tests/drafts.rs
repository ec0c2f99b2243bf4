//! Drafts in a real SQLite file: saved, reopened intact, listed newest first, discarded.

use casco_core::quote::{PartyKind, QuoteDraft, WizardStep};
use casco_core::store::DatabaseKey;
use casco_core::store::{DraftId, DraftStatus, Store};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// The day the Ciorne list judges offers against.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
}

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 15, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn draft(last: &str, first: &str) -> QuoteDraft {
    let mut d = QuoteDraft::default();
    d.policyholder.last_name = last.into();
    d.policyholder.first_name = first.into();
    d
}

/// Saves a new draft for the policyholder `last` `first`, `minutes` after the first save.
fn save_new(store: &Store, last: &str, first: &str, minutes: i64) -> DraftId {
    casco_core::quote::save_draft(store, None, &draft(last, first), at(minutes))
        .unwrap()
        .unwrap()
}

#[test]
fn a_saved_draft_survives_reopening_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let mut d = draft("Popescu", "Ana");
    d.step = WizardStep::Vehicle;
    d.vehicle.vin = "wvwzzz1kz8w12345".into(); // half-typed: kept exactly as typed
    d.vehicle.market_value = "12.500,5".into();
    d.policyholder.address.street = "Calea Șerban Vodă".into();
    let id = {
        let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
        casco_core::quote::save_draft(&store, None, &d, at(0))
            .unwrap()
            .unwrap()
    };
    let (store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    assert_eq!(report.migrated_from, casco_core::store::latest_version());
    let record = casco_core::quote::load_draft(&store, id).unwrap().unwrap();
    assert_eq!(record.draft, d);
    assert_eq!(record.status, DraftStatus::Open);
    assert_eq!(record.summary.client_name, "Popescu Ana");
    assert_eq!(record.summary.step, WizardStep::Vehicle);
    assert_eq!(record.summary.created_at, at(0));
    assert_eq!(
        casco_core::quote::load_draft(&store, id + 100).unwrap(),
        None
    );
}

#[test]
fn saving_again_updates_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let mut d = draft("Ionescu", "");
    let id = casco_core::quote::save_draft(&store, None, &d, at(0))
        .unwrap()
        .unwrap();
    d.policyholder.kind = PartyKind::Company;
    d.policyholder.business_name = "TechCorp SRL".into();
    d.step = WizardStep::Cover;
    assert_eq!(
        casco_core::quote::save_draft(&store, Some(id), &d, at(5)).unwrap(),
        Some(id)
    );
    let list = casco_core::quote::list_drafts(&store, today()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].client_name, "TechCorp SRL");
    assert_eq!(list[0].step, WizardStep::Cover);
    assert_eq!(list[0].created_at, at(0));
    assert_eq!(list[0].updated_at, at(5));
}

#[test]
fn list_is_newest_first_and_last_open_draft_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    assert!(casco_core::quote::list_drafts(&store, today())
        .unwrap()
        .is_empty());
    assert_eq!(casco_core::quote::last_open_draft(&store).unwrap(), None);
    let a = save_new(&store, "A", "a", 0);
    let b = save_new(&store, "B", "b", 1);
    let c = save_new(&store, "C", "c", 2);
    let ids = |store: &Store| -> Vec<u32> {
        casco_core::quote::list_drafts(store, today())
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(ids(&store), [c, b, a]);
    // Touching the oldest brings it to the top.
    casco_core::quote::save_draft(&store, Some(a), &draft("A", "a2"), at(3)).unwrap();
    assert_eq!(ids(&store), [a, c, b]);
    assert_eq!(
        casco_core::quote::last_open_draft(&store)
            .unwrap()
            .unwrap()
            .summary
            .id,
        a
    );
    // Same timestamp: the later draft wins, so the order is stable.
    let d = save_new(&store, "D", "d", 3);
    assert_eq!(ids(&store), [d, a, c, b]);
}

#[test]
fn discarded_and_quoted_drafts_leave_the_list_and_stay_put() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let a = save_new(&store, "A", "a", 0);
    let b = save_new(&store, "B", "b", 1);
    assert!(store.discard_draft(b, at(2)).unwrap());
    assert!(!store.discard_draft(b, at(3)).unwrap());
    let list = casco_core::quote::list_drafts(&store, today()).unwrap();
    assert_eq!(list.iter().map(|s| s.id).collect::<Vec<_>>(), [a]);
    assert_eq!(
        casco_core::quote::last_open_draft(&store)
            .unwrap()
            .unwrap()
            .summary
            .id,
        a
    );
    // A late autosave cannot bring a discarded draft back.
    assert_eq!(
        casco_core::quote::save_draft(&store, Some(b), &draft("B", "late"), at(4)).unwrap(),
        None
    );
    let record = casco_core::quote::load_draft(&store, b).unwrap().unwrap();
    assert_eq!(record.status, DraftStatus::Discarded);
    assert_eq!(record.draft.policyholder.first_name, "b");
    assert!(store.mark_draft_quoted(a, at(5)).unwrap());
    assert!(casco_core::quote::list_drafts(&store, today())
        .unwrap()
        .is_empty());
    assert_eq!(casco_core::quote::last_open_draft(&store).unwrap(), None);
    assert_eq!(
        casco_core::quote::load_draft(&store, a)
            .unwrap()
            .unwrap()
            .status,
        DraftStatus::Quoted
    );
}

#[test]
fn autosave_on_every_keystroke_stays_cheap() {
    // Not a timing assertion: 200 saves of a growing draft must simply complete and leave one
    // row with the last text (the benches are where speed is measured).
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let mut d = draft("Popescu", "Ana");
    let id = casco_core::quote::save_draft(&store, None, &d, at(0))
        .unwrap()
        .unwrap();
    for i in 0..200 {
        d.cover.mentions.push(char::from(b'a' + (i % 26) as u8));
        casco_core::quote::save_draft(&store, Some(id), &d, at(0)).unwrap();
    }
    assert_eq!(
        casco_core::quote::list_drafts(&store, today())
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        casco_core::quote::load_draft(&store, id)
            .unwrap()
            .unwrap()
            .draft
            .cover
            .mentions
            .len(),
        200
    );
}

//! Search over the real SIRUTA data and plausible models, loaded through a real store file.

mod common;

use casco_core::nomenclature::{Index, Locality, Part, SearchError};
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use chrono::Utc;

/// A store file with every county, locality, make and model on "demo", and its index.
fn index() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let (counties, localities) = common::siruta();
    let (makes, models) = common::plausible_models();
    let now = Utc::now();
    common::store_siruta(&store, "demo", &counties, &localities, now);
    common::store_vehicles(&store, "demo", &makes, &models, now);
    let index = Index::load(&store, "demo").unwrap();
    (dir, index)
}

fn names(found: &[Locality]) -> Vec<&str> {
    found.iter().map(|l| l.name.as_str()).collect()
}

#[test]
fn brasov_finds_the_cedilla_spelling() {
    let (_dir, index) = index();
    assert_eq!(index.counties("brasov", 5).unwrap()[0].name, "BRAŞOV");
    assert_eq!(index.counties("Brașov", 5).unwrap()[0].name, "BRAŞOV");
    assert_eq!(
        index.localities("BV", "brasov", 5).unwrap()[0].name,
        "BRAŞOV"
    );
}

#[test]
fn cluj_nap_finds_cluj_napoca_first() {
    let (_dir, index) = index();
    let found = index.localities("CJ", "cluj nap", 5).unwrap();
    assert_eq!(found[0].name, "CLUJ-NAPOCA");
    assert_eq!(found[0].siruta, 54984);
}

#[test]
fn empty_query_lists_the_county_municipalities_first() {
    let (_dir, index) = index();
    let found = index.localities("CJ", "", 5).unwrap();
    // Cluj's five municipalities, alphabetically by folded name (so CÂMPIA before CLUJ).
    assert_eq!(
        names(&found),
        ["CÂMPIA TURZII", "CLUJ-NAPOCA", "DEJ", "GHERLA", "TURDA"]
    );
    assert!(found.iter().all(|l| l.rank == Some(1)));
}

#[test]
fn towns_come_before_villages_for_the_same_match() {
    let (_dir, index) = index();
    let found = index.localities("CJ", "h", 50).unwrap();
    let ranks: Vec<u8> = found.iter().map(|l| l.rank.unwrap()).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted, "{:?}", names(&found));
    assert_eq!(found[0].name, "HUEDIN");
}

#[test]
fn results_stay_within_the_county() {
    let (_dir, index) = index();
    for county in ["AB", "B", "CJ", "VS"] {
        let found = index.localities(county, "", 1000).unwrap();
        assert!(!found.is_empty());
        assert!(found.iter().all(|l| l.county_code == county), "{county}");
    }
    assert_eq!(
        index.localities("B", "", 10).unwrap().len(),
        6,
        "Bucharest has six sectors"
    );
}

#[test]
fn models_are_found_within_their_make() {
    let (_dir, index) = index();
    let found = index.models("DACIA", "logan ii br", 5).unwrap();
    assert_eq!(found[0].name, "LOGAN II BREAK");
    assert!(index.models("FORD", "logan", 5).unwrap().is_empty());
    let skoda = index.models("skoda", "octavia iii", 10).unwrap();
    assert_eq!(skoda.len(), 3);
    assert!(skoda.iter().all(|m| m.make == "ŠKODA"));
    assert_eq!(index.makes("citroen", 5).unwrap()[0].name, "CITROËN");
}

#[test]
fn a_list_never_synced_says_so() {
    let (_dir, index) = index();
    assert_eq!(
        index.countries("ro", 5).unwrap_err(),
        SearchError::NeverSynced {
            part: Part::Countries
        }
    );
    assert!(matches!(
        index.localities("XX", "", 5),
        Err(SearchError::NeverSynced { .. })
    ));
}

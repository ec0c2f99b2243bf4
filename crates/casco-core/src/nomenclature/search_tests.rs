//! Unit tests of matching, ranking and scoping (the store-backed path is in tests/).

use super::*;

fn loc(siruta: u32, name: &str, county: &str, rank: Option<u8>) -> Locality {
    Locality {
        siruta,
        name: name.into(),
        county_code: county.into(),
        rank,
    }
}

fn model(make: &str, name: &str) -> VehicleModel {
    VehicleModel {
        make: make.into(),
        name: name.into(),
    }
}

fn index() -> Index {
    let counties = vec![
        County {
            code: "BV".into(),
            name: "BRAŞOV".into(),
            siruta: 83,
        },
        County {
            code: "CJ".into(),
            name: "CLUJ".into(),
            siruta: 127,
        },
        County {
            code: "BN".into(),
            name: "BISTRIŢA-NĂSĂUD".into(),
            siruta: 65,
        },
        County {
            code: "CT".into(),
            name: "CONSTANŢA".into(),
            siruta: 136,
        },
    ];
    let localities = vec![
        loc(1, "FLOREŞTI", "CJ", Some(3)),
        loc(2, "CLUJ-NAPOCA", "CJ", Some(1)),
        loc(3, "NAPOCA VECHE", "CJ", Some(3)),
        loc(4, "DEJ", "CJ", Some(1)),
        loc(5, "GHERLA", "CJ", Some(1)),
        loc(6, "HUEDIN", "CJ", Some(2)),
        loc(7, "CLUJENI", "CJ", None),
        loc(8, "BRAŞOV", "BV", Some(1)),
        loc(9, "ŞINCA VECHE", "BV", Some(3)),
        loc(10, "SĂCELE", "BV", Some(1)),
        loc(11, "SATU NOU", "BV", Some(3)),
        loc(12, "SATULUNG", "BV", Some(3)),
        loc(13, "ŢÂNŢARI", "BV", Some(3)),
        loc(14, "ÎNTORSURA BUZĂULUI", "BV", Some(2)),
        loc(15, "SACELE", "CT", Some(3)),
    ];
    let makes = vec![
        VehicleMake {
            name: "DACIA".into(),
        },
        VehicleMake {
            name: "ŠKODA".into(),
        },
    ];
    let models = vec![
        model("DACIA", "LOGAN"),
        model("DACIA", "LOGAN MCV"),
        model("DACIA", "SANDERO STEPWAY"),
        model("DACIA", "DUSTER"),
        model("ŠKODA", "OCTAVIA"),
        model("ŠKODA", "FABIA"),
    ];
    Index::from_lists(None, Some(counties), localities, Some(makes), models)
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| name(i).to_owned()).collect()
}

fn locs(county: &str, q: &str) -> Vec<String> {
    names(&index().localities(county, q, 10).unwrap(), |l| &l.name)
}

#[test]
fn plain_ascii_finds_cedilla_names() {
    assert_eq!(
        names(&index().counties("brasov", 10).unwrap(), |c| &c.name),
        ["BRAŞOV"]
    );
    assert_eq!(locs("BV", "brasov"), ["BRAŞOV"]);
}

#[test]
fn comma_below_query_finds_cedilla_name_and_back() {
    assert_eq!(locs("BV", "Șinca"), ["ŞINCA VECHE"]);
    assert_eq!(locs("BV", "şinca"), ["ŞINCA VECHE"]);
    assert_eq!(locs("BV", "ţânţari"), ["ŢÂNŢARI"]);
    assert_eq!(locs("BV", "țanțari"), ["ŢÂNŢARI"]);
    assert_eq!(
        names(&index().counties("Constanța", 10).unwrap(), |c| &c.name),
        ["CONSTANŢA"]
    );
}

#[test]
fn a_breve_a_circumflex_i_circumflex_and_case_fold() {
    assert_eq!(locs("BV", "săcele"), ["SĂCELE"]);
    assert_eq!(locs("BV", "SACELE"), ["SĂCELE"]);
    assert_eq!(locs("BV", "tantari"), ["ŢÂNŢARI"]);
    assert_eq!(locs("BV", "intorsura"), ["ÎNTORSURA BUZĂULUI"]);
    assert_eq!(locs("BV", "ÎNTORSURA buzău"), ["ÎNTORSURA BUZĂULUI"]);
}

#[test]
fn cluj_nap_finds_cluj_napoca_first() {
    let found = locs("CJ", "cluj nap");
    assert_eq!(found[0], "CLUJ-NAPOCA");
    assert_eq!(locs("CJ", "cluj-nap")[0], "CLUJ-NAPOCA");
    assert_eq!(
        names(&index().counties("bistrita nas", 10).unwrap(), |c| &c.name),
        ["BISTRIŢA-NĂSĂUD"]
    );
}

#[test]
fn whole_prefix_matches_rank_before_word_prefix_matches() {
    // NAPOCA VECHE is a village (rank 3) and CLUJ-NAPOCA a municipality (rank 1), yet the
    // whole-name prefix match comes first.
    assert_eq!(locs("CJ", "napoca"), ["NAPOCA VECHE", "CLUJ-NAPOCA"]);
}

#[test]
fn municipalities_rank_before_villages_for_the_same_match() {
    // Both are whole-name prefix matches of "cluj"; CLUJENI has no rank, so it comes last.
    assert_eq!(locs("CJ", "cluj"), ["CLUJ-NAPOCA", "CLUJENI"]);
    // SĂCELE (municipality) before SATU NOU and SATULUNG (villages), alphabetical among villages.
    assert_eq!(locs("BV", "sa"), ["SĂCELE", "SATU NOU", "SATULUNG"]);
}

#[test]
fn every_query_word_must_match_some_name_word() {
    assert_eq!(locs("BV", "veche sin"), ["ŞINCA VECHE"]);
    assert!(locs("BV", "veche xyz").is_empty());
    assert_eq!(locs("BV", "nou"), ["SATU NOU"]);
    // A word must match at a word start, not inside it.
    assert!(locs("CJ", "apoca").is_empty());
}

#[test]
fn localities_are_scoped_to_their_county() {
    assert_eq!(locs("CT", "sacele"), ["SACELE"]);
    assert_eq!(locs("BV", "sacele"), ["SĂCELE"]);
    assert!(locs("CJ", "sacele").is_empty());
    // The county code itself is case-insensitive.
    assert_eq!(
        names(&index().localities("bv", "sacele", 10).unwrap(), |l| &l
            .name),
        ["SĂCELE"]
    );
}

#[test]
fn models_are_scoped_to_their_make() {
    let i = index();
    assert_eq!(
        names(&i.models("DACIA", "logan", 10).unwrap(), |m| &m.name),
        ["LOGAN", "LOGAN MCV"]
    );
    assert!(i.models("ŠKODA", "logan", 10).unwrap().is_empty());
    assert_eq!(
        names(&i.models("skoda", "oct", 10).unwrap(), |m| &m.name),
        ["OCTAVIA"]
    );
    assert_eq!(
        names(&i.models("DACIA", "step", 10).unwrap(), |m| &m.name),
        ["SANDERO STEPWAY"]
    );
    assert_eq!(names(&i.makes("sko", 10).unwrap(), |m| &m.name), ["ŠKODA"]);
}

#[test]
fn empty_query_lists_top_ranked_alphabetically() {
    assert_eq!(
        locs("CJ", ""),
        [
            "CLUJ-NAPOCA",
            "DEJ",
            "GHERLA",
            "HUEDIN",
            "FLOREŞTI",
            "NAPOCA VECHE",
            "CLUJENI"
        ]
    );
    assert_eq!(locs("CJ", " - "), locs("CJ", ""));
    let top3 = index().localities("CJ", "", 3).unwrap();
    assert_eq!(names(&top3, |l| &l.name), ["CLUJ-NAPOCA", "DEJ", "GHERLA"]);
    assert_eq!(
        names(&index().counties("", 10).unwrap(), |c| &c.name),
        ["BISTRIŢA-NĂSĂUD", "BRAŞOV", "CLUJ", "CONSTANŢA"]
    );
}

#[test]
fn limit_caps_results_and_keeps_best_first() {
    assert_eq!(index().localities("CJ", "", 0).unwrap(), vec![]);
    let one = index().localities("CJ", "napoca", 1).unwrap();
    assert_eq!(names(&one, |l| &l.name), ["NAPOCA VECHE"]);
    // Word matches fill up behind whole matches.
    let two = index().localities("BV", "s", 2).unwrap();
    assert_eq!(names(&two, |l| &l.name), ["SĂCELE", "SATU NOU"]);
}

#[test]
fn never_synced_lists_say_what_to_do() {
    let i = index();
    let err = i.countries("ro", 5).unwrap_err();
    assert_eq!(
        err,
        SearchError::NeverSynced {
            part: Part::Countries
        }
    );
    let err = i.localities("ab", "alba", 5).unwrap_err();
    assert_eq!(
        err,
        SearchError::NeverSynced {
            part: Part::Localities("AB".into())
        }
    );
    assert_eq!(err.message(), Part::Localities("AB".into()).never_synced());
    assert_eq!(err.to_app_error().code, ErrorCode::NotFound);
    assert!(matches!(
        i.models("FORD", "", 5),
        Err(SearchError::NeverSynced { .. })
    ));
}

#[test]
fn display_names_are_returned_as_stored() {
    let found = index().localities("BV", "sinca", 1).unwrap();
    assert_eq!(found, vec![loc(9, "ŞINCA VECHE", "BV", Some(3))]);
}

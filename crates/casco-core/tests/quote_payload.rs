//! The quote wizard's domain end to end: a draft holding the published sample's data builds
//! exactly the published request; validation reports every empty required field; the builder
//! never panics and accepts whatever validation accepts.

use casco_api::insurers;
use casco_api::model::ProviderAuthentication;
use casco_api::Secret;
use casco_core::quote::{
    add_gaps, build_quote_product, build_quote_request, check_draft, insurer_gaps, required_paths,
    validate_draft, Gender, PartyKind, QuoteDraft, RegistrationType,
};
use casco_core::Message;
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

#[path = "support/sample_draft.rs"]
mod sample_draft;
use sample_draft::{sample_draft, valid_draft_from};

const FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../casco-api/tests/fixtures/quote_request.json"
));

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
}

/// The sample made valid for today's rules, starting tomorrow.
fn valid_draft() -> QuoteDraft {
    valid_draft_from(today().succ_opt().unwrap())
}

#[test]
fn the_published_sample_builds_the_published_request() {
    let draft = sample_draft();
    // The sample quotes Groupama's "casco": its product for a vehicle that is not leased.
    let insurer = insurers::find("groupama").unwrap().clone();
    let auth = ProviderAuthentication {
        account: "user123".into(),
        password: Secret::new("securePassword123".into()),
        code: Some("AUTH456".into()),
    };
    let request = build_quote_request(&draft, &insurer, Some(auth)).unwrap();
    let built = serde_json::to_value(&request).unwrap();
    let expected: Value = serde_json::from_str(FIXTURE).unwrap();
    assert_eq!(built, expected);
}

#[test]
fn the_catalogue_product_name_and_identifier_follow_the_insurer() {
    let draft = sample_draft();
    let generali = insurers::find("generali").unwrap();
    let request = build_quote_request(&draft, generali, None).unwrap();
    assert_eq!(request.product.name, "casco");
    assert_eq!(request.provider.organization.business_name, "generali");
    assert_eq!(request.product.vehicle.identifier, None);
    // Groupama: its leasing product for a leased vehicle only.
    let groupama = insurers::find("groupama").unwrap();
    let request = build_quote_request(&draft, groupama, None).unwrap();
    assert_eq!(request.product.name, "casco");
    assert!(request.product.vehicle.identifier.is_some());
    let mut leased = draft.clone();
    leased.vehicle.is_leased = true;
    let request = build_quote_request(&leased, groupama, None).unwrap();
    assert_eq!(request.product.name, "casco-leasing");
}

#[test]
fn optional_covers_are_chosen_once_and_sent_in_each_insurers_code() {
    let mut draft = sample_draft();
    draft.cover.extra_coverages =
        vec!["glass".into(), "replacementCar".into(), "typed-code".into()];
    let generali = insurers::find("generali").unwrap();
    let request = build_quote_request(&draft, generali, None).unwrap();
    let codes: Vec<&str> = request
        .product
        .coverages
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(codes, ["vehicle", "glass", "replacement_car", "typed-code"]);
}

#[test]
fn builder_normalises_and_prefills_from_the_cnp() {
    let mut d = valid_draft();
    d.policyholder.birthdate.clear();
    d.policyholder.gender = None;
    d.policyholder.mobile = "+40 712 345 678".into();
    d.vehicle.plate = "b 123 xyz".into();
    d.vehicle.vin = "1hgcm82633a123456".into();
    d.vehicle.market_value = "100.000,00".into();
    d.cover.insured_sum.clear();
    let product = build_quote_product(&d).unwrap();
    let v = serde_json::to_value(&product).unwrap();
    assert_eq!(v["policyholder"]["birthdate"], "1990-01-01");
    assert_eq!(v["policyholder"]["gender"], "m");
    assert_eq!(v["policyholder"]["mobileNumber"], "0712345678");
    assert_eq!(v["vehicle"]["licensePlate"], "B123XYZ");
    assert_eq!(v["vehicle"]["vin"], "1HGCM82633A123456");
    assert_eq!(v["vehicle"]["marketValue"], "100000.00");
    // The insured sum defaults to the market value.
    assert_eq!(v["coverages"][0]["insuredSum"], 100000.0);
    assert_eq!(v["vehicle"]["user"], v["policyholder"]);
}

#[test]
fn builder_refuses_what_it_cannot_encode() {
    let mut d = sample_draft();
    d.cover.start_date = "mâine".into();
    d.vehicle.make.clear();
    d.cover.deductible_total_percent.clear();
    let errors = build_quote_product(&d).unwrap_err();
    assert_eq!(errors["product.motor.startDate"], [Message::Date]);
    assert_eq!(errors["product.vehicle.brand"], [Message::Required]);
    assert_eq!(
        errors["product.motor.deductibles.totalDamage"],
        [Message::CompleteGroup]
    );
}

#[test]
fn a_valid_draft_has_no_errors() {
    let errors = validate_draft(&valid_draft(), today());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn an_empty_draft_reports_every_required_field() {
    let d = QuoteDraft::default();
    let errors = validate_draft(&d, today());
    for path in required_paths(&d) {
        if path == "product.policyholder.address.country" {
            continue; // "RO" by default
        }
        assert_eq!(errors.get(&path), Some(&vec![Message::Required]), "{path}");
    }
    assert!(errors.contains_key("product.policyholder.taxId"));
    assert!(errors.contains_key("product.motor.startDate"));
}

#[test]
fn wrong_cnp_and_mismatches_are_reported_under_their_fields() {
    let mut d = valid_draft();
    d.policyholder.tax_id = "1900101400013".into();
    let errors = validate_draft(&d, today());
    assert_eq!(errors["product.policyholder.taxId"], [Message::CnpControl]);
    let mut d = valid_draft();
    d.policyholder.birthdate = "1990-01-02".into();
    d.policyholder.gender = Some(Gender::F);
    let errors = validate_draft(&d, today());
    assert_eq!(
        errors["product.policyholder.birthdate"],
        [Message::BirthdateNotCnp]
    );
    assert_eq!(
        errors["product.policyholder.gender"],
        [Message::GenderNotCnp]
    );
}

#[test]
fn start_date_today_is_refused_for_a_registered_vehicle_only() {
    let mut d = valid_draft();
    d.cover.start_date = "2025-06-15".into();
    let errors = validate_draft(&d, today());
    assert_eq!(
        errors["product.motor.startDate"],
        [Message::StartNotTomorrow]
    );
    d.vehicle.registration_type = RegistrationType::ForRegistration;
    d.vehicle.plate.clear();
    let errors = validate_draft(&d, today());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn company_and_foreign_policyholders() {
    let mut d = valid_draft();
    d.policyholder.kind = PartyKind::Company;
    d.policyholder.tax_id = "ro 18547290".into();
    assert!(validate_draft(&d, today()).is_empty());
    let v = serde_json::to_value(build_quote_product(&d).unwrap()).unwrap();
    assert_eq!(v["policyholder"]["isLegalEntity"], "true");
    assert_eq!(v["policyholder"]["taxId"], "RO18547290");
    d.policyholder.tax_id = "RO18547291".into();
    d.policyholder.trade_registry_number.clear();
    let errors = validate_draft(&d, today());
    assert_eq!(errors["product.policyholder.taxId"], [Message::CuiControl]);
    assert_eq!(
        errors["product.policyholder.companyRegistryNumber"],
        [Message::Required]
    );

    let mut d = valid_draft();
    d.policyholder.is_foreign = true;
    d.policyholder.tax_id = "DE123456789".into();
    d.policyholder.nationality.clear();
    let errors = validate_draft(&d, today());
    assert_eq!(
        errors.keys().collect::<Vec<_>>(),
        ["product.policyholder.nationality"]
    );
}

#[test]
fn insurer_gaps_land_under_their_fields() {
    let mut d = valid_draft();
    d.policyholder.address.floor.clear();
    let gaps = insurer_gaps(&d, &["grawe".to_owned()]);
    let mut errors = validate_draft(&d, today());
    add_gaps(&mut errors, &gaps);
    assert_eq!(
        errors["product.policyholder.address.floor"],
        [Message::InsurerRequires {
            insurer: "Grawe".into(),
            path: "product.policyholder.address.floor".into()
        }]
    );
}

#[test]
fn a_separate_user_is_checked_under_its_own_paths() {
    let mut d = valid_draft();
    d.user.same_as_policyholder = false;
    let problems = check_draft(&d, today());
    assert!(problems.has("product.vehicle.user.taxId"));
    assert!(problems.has("product.vehicle.user.lastName"));
    d.user.party = d.policyholder.clone();
    d.user.party.email = "nu-i-email".into();
    let problems = check_draft(&d, today());
    assert_eq!(
        problems.0,
        vec![(
            "product.vehicle.user.email".to_owned(),
            Message::EmailFormat
        )]
    );
}

/// One random edit of a draft: a free-text field set to arbitrary text or cleared, or a
/// switch that changes which fields apply.
#[derive(Debug, Clone)]
enum Edit {
    Text(usize, String),
    Clear(usize),
    Kind(bool),
    Foreign(bool),
    SameUser(bool),
    Registration(usize),
    Term(u32),
    Installments(u32),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = QuoteDraft::request_paths().len();
    prop_oneof![
        (0..n, any::<String>()).prop_map(|(i, s)| Edit::Text(i, s)),
        (0..n, "[0-9 .,:-]{0,14}").prop_map(|(i, s)| Edit::Text(i, s)),
        (0..n).prop_map(Edit::Clear),
        any::<bool>().prop_map(Edit::Kind),
        any::<bool>().prop_map(Edit::Foreign),
        any::<bool>().prop_map(Edit::SameUser),
        (0..5usize).prop_map(Edit::Registration),
        any::<u32>().prop_map(Edit::Term),
        any::<u32>().prop_map(Edit::Installments),
    ]
}

const REGISTRATIONS: [RegistrationType; 5] = [
    RegistrationType::Registered,
    RegistrationType::ForRegistration,
    RegistrationType::Recorded,
    RegistrationType::Temporary,
    RegistrationType::Foreign,
];

/// Applies an edit through the draft's JSON, so any text field can be reached by path.
fn apply(d: &mut QuoteDraft, e: &Edit) {
    let paths = QuoteDraft::request_paths();
    match e {
        Edit::Clear(i) => {
            d.clear_field(&paths[*i]);
        }
        Edit::Text(i, text) => {
            // Only text fields take arbitrary text: set it where the JSON holds a string.
            let mut probe = d.clone();
            if probe.clear_field(&paths[*i]) {
                let before = serde_json::to_value(&*d).unwrap();
                let cleared = serde_json::to_value(&probe).unwrap();
                if let Some(pointer) = changed_string(&before, &cleared, String::new()) {
                    let mut v = cleared;
                    *v.pointer_mut(&pointer).unwrap() = Value::String(text.clone());
                    if let Ok(edited) = serde_json::from_value(v) {
                        *d = edited;
                    }
                }
            }
        }
        Edit::Kind(company) => {
            d.policyholder.kind = if *company {
                PartyKind::Company
            } else {
                PartyKind::Person
            }
        }
        Edit::Foreign(f) => d.policyholder.is_foreign = *f,
        Edit::SameUser(same) => d.user.same_as_policyholder = *same,
        Edit::Registration(i) => d.vehicle.registration_type = REGISTRATIONS[*i],
        Edit::Term(t) => d.cover.term_months = *t,
        Edit::Installments(n) => d.cover.installments = *n,
    }
}

/// The JSON pointer of a string leaf that differs between two values (the cleared field).
fn changed_string(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.iter().find_map(|(k, va)| {
            y.get(k)
                .and_then(|vb| changed_string(va, vb, format!("{at}/{k}")))
        }),
        (Value::String(x), Value::String(y)) if x != y => Some(at),
        _ => None,
    }
}

#[test]
fn random_edits_reach_text_fields_by_path() {
    let paths = QuoteDraft::request_paths();
    let vin = paths
        .iter()
        .position(|p| p == "product.vehicle.vin")
        .unwrap();
    let floor = paths
        .iter()
        .position(|p| p == "product.policyholder.address.floor")
        .unwrap();
    let mut d = sample_draft();
    apply(&mut d, &Edit::Text(vin, "zz".into()));
    apply(&mut d, &Edit::Text(floor, "parter".into()));
    assert_eq!(d.vehicle.vin, "zz");
    assert_eq!(d.policyholder.address.floor, "parter");
    let errors = validate_draft(&d, today());
    assert!(errors.contains_key("product.vehicle.vin"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn builder_and_checks_never_panic_and_validation_implies_buildable(
        start_valid in any::<bool>(),
        edits in prop::collection::vec(edit(), 0..12),
    ) {
        let mut d = if start_valid { valid_draft() } else { sample_draft() };
        for e in &edits {
            apply(&mut d, e);
        }
        let errors = validate_draft(&d, today());
        let built = build_quote_product(&d);
        let keys: Vec<String> = insurers::catalogue().iter().map(|i| i.key.clone()).collect();
        let _ = insurer_gaps(&d, &keys);
        if errors.is_empty() {
            prop_assert!(built.is_ok(), "valid but not buildable: {:?}", built.err());
        }
    }

    #[test]
    fn every_emptied_required_field_is_reported(
        company in any::<bool>(),
        foreign in any::<bool>(),
        separate_user in any::<bool>(),
        registration in 0..5usize,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..8),
    ) {
        let mut d = valid_draft();
        d.vehicle.registration_type = REGISTRATIONS[registration];
        if company {
            d.policyholder.kind = PartyKind::Company;
            d.policyholder.tax_id = "14399840".into();
        } else if foreign {
            d.policyholder.is_foreign = true;
            d.policyholder.tax_id = "X1234567".into();
        }
        if separate_user {
            d.user.same_as_policyholder = false;
            d.user.party = d.policyholder.clone();
        }
        if d.vehicle.registration_type == RegistrationType::Temporary {
            d.vehicle.plate = "B 012345".into();
        }
        prop_assert!(check_draft(&d, today()).is_empty(), "{:?}", check_draft(&d, today()));
        let required = required_paths(&d);
        let emptied: Vec<String> = picks.iter().map(|i| i.get(&required).clone()).collect();
        for path in &emptied {
            prop_assert!(d.clear_field(path), "cannot clear {}", path);
        }
        let problems = check_draft(&d, today());
        for path in &emptied {
            prop_assert!(
                problems.0.contains(&(path.clone(), Message::Required)),
                "{} not reported: {:?}", path, problems
            );
        }
        prop_assert!(build_quote_product(&d).is_ok() || !problems.is_empty());
    }
}

//! The published quote request sample, typed into the wizard's draft as an agent would. Shared
//! by the payload tests, the fan-out tests and the fan-out benchmark (included with `#[path]`).

use casco_core::quote::*;
use casco_core::validate::today_in_bucharest;
use chrono::{NaiveDate, Utc};

/// Today on the Bucharest calendar, as the app judges dates.
#[allow(dead_code)] // not every crate that includes this file quotes
pub fn today() -> NaiveDate {
    today_in_bucharest(Utc::now())
}

/// Tomorrow in Bucharest: the earliest start date for a registered vehicle.
#[allow(dead_code)] // not every crate that includes this file quotes
pub fn tomorrow_in_bucharest() -> NaiveDate {
    today().succ_opt().expect("tomorrow")
}

/// The published sample, typed into the wizard as an agent would.
pub fn sample_draft() -> QuoteDraft {
    let mut d = QuoteDraft::default();
    let p = &mut d.policyholder;
    p.kind = PartyKind::Person;
    p.tax_id = "RO123456789".into();
    p.last_name = "Doe".into();
    p.first_name = "John".into();
    p.business_name = "TechCorp".into();
    p.trade_registry_number = "12345678".into();
    p.caen_code = "6201".into();
    p.nationality = "RO".into();
    p.citizenship = "RO".into();
    p.gender = Some(Gender::M);
    p.birthdate = "1990-01-01".into();
    p.email = "john.doe@example.com".into();
    p.mobile = "0712345678".into();
    p.licence_date = "2010-05-15".into();
    p.id_document.id_type = Some(IdDocumentType::IdentityCard);
    p.id_document.series_number = "AB123456".into();
    p.id_document.issued_by = "Police Department".into();
    p.id_document.issue_date = "2023-01-01".into();
    let a = &mut p.address;
    a.county_code = "CJ".into();
    a.county_name = "Cluj".into();
    a.locality_siruta = "12345".into();
    a.locality_name = "Cluj-Napoca".into();
    a.street = "Eroilor".into();
    a.number = "10".into();
    a.building = "A".into();
    a.staircase = "1".into();
    a.apartment = "12".into();
    a.floor = "3".into();
    a.postcode = "400001".into();
    let v = &mut d.vehicle;
    v.vin = "1HGCM82633A123456".into();
    v.motor_series = "e2007".into();
    v.category = Some(VehicleType::M1);
    v.make = "Toyota".into();
    v.model = "Corolla".into();
    v.year = "2020".into();
    v.engine_cc = "1800".into();
    v.power_kw = "140".into();
    v.total_weight = "1500".into();
    v.seats = "5".into();
    v.fuel = Some(FuelType::Petrol);
    v.mileage = "120000".into();
    v.colour = Some(Color::White);
    v.market_value = "100000.00".into();
    v.identifiers
        .insert("groupama".into(), "F9bcVXsC3Zu7PDagZcLfCw==".into());
    v.plate = "B123XYZ".into();
    v.registration_type = RegistrationType::Registered;
    v.first_registration = "2015-06-01".into();
    v.civ_series = "AB123456".into();
    v.key_count = "3".into();
    v.pti_expiry = "2025-05-12".into();
    v.vignette_expiry = "2025-06-11".into();
    v.equipment_description = "External lighting, Tow bar".into();
    v.equipment_value = "7000".into();
    v.acquisition_date = "2023-01-01".into();
    v.is_first_owner = Some(false);
    v.stolen_before = Some(false);
    v.construction_changes = Some(false);
    v.right_hand_drive = Some(false);
    v.is_atv = Some(false);
    let c = &mut d.cover;
    c.start_date = "2023-01-01".into();
    c.term_months = 12;
    c.installments = 1;
    c.currency = Currency::Ron;
    c.insured_sum = "10000.5".into();
    c.deductible_partial = "500".into();
    c.deductible_total_percent = "20".into();
    c.renewal_series = "AB".into();
    c.renewal_number = "123456".into();
    c.mentions = "Additional mentions or notes".into();
    c.leasing_contract_type = Some(LeasingContractType::Financial);
    c.leasing_contract_number = "RX123456".into();
    c.bonus_malus_class = "B0".into();
    c.bonus_malus_claims = "2".into();
    c.no_young_drivers = Some(false);
    c.raf_code = "RAF012345".into();
    c.filter_packages = Some(false);
    c.cash_on_hand_accord = Some(false);
    c.partner_repair_network = Some(false);
    c.covers_minor_children = Some(false);
    c.personal_accident_plan = "SAFE".into();
    d
}

/// The sample made valid for quoting from `start`: a real CNP, and a first registration after
/// construction (the sample registers in 2015 a car built in 2020).
#[allow(dead_code)] // not every crate that includes this file quotes
pub fn valid_draft_from(start: NaiveDate) -> QuoteDraft {
    let mut d = sample_draft();
    d.policyholder.tax_id = "1900101400012".into();
    d.vehicle.first_registration = "2020-03-01".into();
    d.cover.start_date = start.to_string();
    d
}

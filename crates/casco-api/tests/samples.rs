//! The vendor's published samples: requests built from typed values encode to exactly
//! the sample JSON, and every sample response decodes.

use casco_api::envelope::decode;
use casco_api::model::*;
use casco_api::{pdf, ApiError, PdfError, Secret};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::str::FromStr;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A published response fixture decoded as `operation` would be, from a 200.
fn decode_fixture<T: DeserializeOwned>(operation: &'static str, name: &str) -> T {
    decode(operation, 200, fixture(name).as_bytes()).unwrap()
}

fn json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn sample_person() -> Person {
    Person {
        is_legal_entity: false,
        business_name: s("TechCorp"),
        company_registry_number: s("12345678"),
        caen_code: Some(6201),
        last_name: s("Doe"),
        first_name: s("John"),
        is_foreign_person: false,
        tax_id: "RO123456789".into(),
        nationality: s("RO"),
        citizenship: s("RO"),
        gender: s("m"),
        birthdate: Some(date("1990-01-01")),
        email: s("john.doe@example.com"),
        mobile_number: s("0712345678"),
        driving_license: Some(DrivingLicense {
            issue_date: date("2010-05-15"),
        }),
        identification: Some(PersonIdentification {
            id_type: "CI".into(),
            id_number: "AB123456".into(),
            issue_authority: s("Police Department"),
            issue_date: Some(date("2023-01-01")),
        }),
        address: Address {
            country: "RO".into(),
            county: "Cluj".into(),
            city: "Cluj-Napoca".into(),
            city_code: Some(12345),
            street: s("Eroilor"),
            house_number: s("10"),
            building: s("A"),
            staircase: s("1"),
            apartment: s("12"),
            floor: s("3"),
            postcode: s("400001"),
        },
        has_disability: false,
        is_retired: false,
        residency: s("resident in Romania"),
        political_exposure: s("no"),
    }
}

fn sample_specs() -> VehicleSpecs {
    VehicleSpecs {
        vin: s("1HGCM82633A123456"),
        motor_series: s("e2007"),
        vehicle_type: VehicleType::M1,
        brand: "Toyota".into(),
        model: "Corolla".into(),
        year_of_construction: 2020,
        engine_displacement: Some(1800),
        engine_power: Some(140),
        total_weight: Some(1500),
        seats: Some(5),
        fuel_type: Some(FuelType::Petrol),
        current_mileage: Some(120000),
        color: Some(Color::White),
        market_value: Some(dec("100000.00")),
    }
}

/// The published quote request, written as the app would build it.
pub fn sample_quote_request() -> QuoteRequest {
    QuoteRequest {
        provider: Provider {
            organization: Organization {
                business_name: "groupama".into(),
            },
            authentication: Some(ProviderAuthentication {
                account: "user123".into(),
                password: Secret::from("securePassword123"),
                code: Some(Secret::from("AUTH456")),
            }),
        },
        product: Product {
            name: "casco".into(),
            motor: Motor {
                start_date: date("2023-01-01"),
                term_time: 12,
                installment_count: 1,
                currency: Currency::Ron,
                renew_policy: Some(RenewPolicy {
                    series: "AB".into(),
                    number: PolicyNumber("123456".into()),
                }),
                mentions: s("Additional mentions or notes"),
                without_tax: false,
                deductibles: Some(Deductibles {
                    partial_damage: dec("500"),
                    total_damage: dec("20"),
                }),
            },
            coverages: vec![Coverage {
                is_included: true,
                code: "vehicle".into(),
                insured_sum: Some(dec("10000.5")),
            }],
            policyholder: sample_person(),
            vehicle: Vehicle {
                specs: sample_specs(),
                user: Some(sample_person()),
                identifier: s("F9bcVXsC3Zu7PDagZcLfCw=="),
                license_plate: s("B123XYZ"),
                registration_type: s("registered"),
                first_registration: Some(date("2015-06-01")),
                usage_type: s("personal"),
                identification: Some(VehicleDocument {
                    id_number: "AB123456".into(),
                }),
                key_number: Some(3),
                pti_expiry_date: Some(date("2025-05-12")),
                vignette_expiry_date: Some(date("2025-06-11")),
                has_mobility_modifications: false,
                is_leased: false,
                is_new: false,
                is_owner_transfer: false,
            },
            additional_data: Some(AdditionalData {
                raf_code: s("RAF012345"),
                filter_packages: Some(false),
                motor: Some(AdditionalMotor {
                    contract_type: s("financial"),
                    leasing_contract_number: s("RX123456"),
                }),
                vehicle: Some(AdditionalVehicle {
                    user: Some(AdditionalVehicleUser {
                        bonus_malus_class: s("B0"),
                        bonus_malus_claims: Some(2),
                        no_young_drivers: Some(false),
                    }),
                    is_atv: Some(false),
                    equipment_description: s("External lighting, Tow bar"),
                    equipment_value: Some(dec("7000")),
                    acquisition_date: Some(date("2023-01-01")),
                    is_first_owner: Some(false),
                    stolen_vehicle: Some(false),
                    has_construction_changes: Some(false),
                    wheel_on_the_right_side: Some(false),
                }),
                special_accord_cash_on_hand: Some(false),
                partner_network_repair_agreement: Some(false),
                covers_minor_children: Some(false),
                person_accidents_plan: s("SAFE"),
            }),
        },
    }
}

#[test]
fn quote_request_encodes_to_the_published_sample() {
    let encoded = serde_json::to_value(sample_quote_request()).unwrap();
    assert_eq!(encoded, json("quote_request"));
    // Spot checks of the shapes that matter: string booleans, JSON booleans, money as text.
    assert_eq!(encoded["product"]["policyholder"]["isLegalEntity"], "false");
    assert_eq!(encoded["product"]["policyholder"]["isForeignPerson"], false);
    assert_eq!(encoded["product"]["vehicle"]["marketValue"], "100000.00");
    assert_eq!(encoded["product"]["vehicle"]["isLeased"], false);
    assert_eq!(
        encoded["product"]["additionalData"]["vehicle"]["user"]["bonusMalusClaims"],
        "2"
    );
}

#[test]
fn quote_request_sample_decodes_and_re_encodes_identically() {
    let decoded: QuoteRequest = serde_json::from_str(&fixture("quote_request")).unwrap();
    assert_eq!(decoded, sample_quote_request());
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        json("quote_request")
    );
}

#[test]
fn provider_password_never_shows_in_debug() {
    let text = format!("{:?}", sample_quote_request());
    assert!(!text.contains("securePassword123"), "{text}");
    assert!(text.contains("***"));
}

#[test]
fn policy_and_identification_requests_encode_to_the_samples() {
    let policy = PolicyRequest {
        offer_id: 12345,
        payment: Payment {
            method: "pos".into(),
            currency: Currency::Ron,
            amount: dec("100.5"),
            date: date("2023-10-01"),
            document_number: s("INV-12345"),
        },
    };
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        json("policy_request")
    );
    assert_eq!(
        serde_json::to_value(sample_specs()).unwrap(),
        json("identification_request")
    );
}

#[test]
fn published_offer_response_decodes() {
    let data: OffersData = decode_fixture("quote", "offer_response");
    assert_eq!(data.provider.organization.business_name, "groupama");
    let offer = &data.offers[0];
    assert_eq!(offer.offer_id, 123);
    assert_eq!(offer.premium_amount, dec("1000.5"));
    assert_eq!(
        offer.exchange_rate.as_ref().unwrap().exchange_rate,
        dec("1.12")
    );
    assert_eq!(offer.installments[0].amount, dec("123.45"));
    assert_eq!(offer.offer_expiry_date, Some(date("2025-12-31")));
}

#[test]
fn published_policy_response_decodes_with_a_string_number() {
    let data: PoliciesData = decode_fixture("issue_policy", "policy_response");
    let policy = &data.policies[0];
    assert_eq!(policy.number, PolicyNumber("123456".into()));
    assert_eq!(policy.series, "A");
    assert_eq!(policy.payment.as_ref().unwrap().amount, dec("100.5"));
    assert_eq!(policy.start_date, Some(date("2025-01-01")));
    assert_eq!(policy.premium_amount, Some(dec("1000.5")));
    assert_eq!(policy.installments.len(), 1);
}

#[test]
fn a_sparse_policy_with_an_integer_number_is_still_a_policy() {
    // No payment, no dates, installments in another shape, the number an integer: the series
    // and number are what make it a policy; the rest is unknown rather than a lost answer.
    let body = serde_json::json!({"policies": [{
        "series": "GRP", "number": 100045, "premiumAmount": "1234.50",
        "startDate": "01.02.2027", "installments": "4", "payment": {"method": "pos"}
    }]});
    let data: PoliciesData = serde_json::from_value(body).unwrap();
    let policy = &data.policies[0];
    assert_eq!(policy.number, PolicyNumber("100045".into()));
    assert_eq!(policy.premium_amount, Some(dec("1234.50")));
    assert_eq!(policy.start_date, None);
    assert_eq!(policy.payment, None);
    assert!(policy.installments.is_empty());
    // Without a number it is not a policy.
    let body = serde_json::json!({"policies": [{"series": "GRP"}]});
    assert!(serde_json::from_value::<PoliciesData>(body).is_err());
}

#[test]
fn published_file_responses_decode_and_their_truncated_content_is_a_typed_error() {
    for name in ["offer_pdf_response", "policy_pdf_response"] {
        let files: FilesData = decode_fixture("pdf", name);
        assert_eq!(files.files[0].mime_type, "application/pdf");
        // The sample's content ends in "..." (elided on the page): not base64.
        assert!(matches!(
            pdf::decode_first(&files.files),
            Err(PdfError::Base64(_))
        ));
    }
}

#[test]
fn published_nomenclature_responses_decode() {
    let countries: Vec<Country> = decode_fixture("countries", "countries_response");
    assert_eq!(
        countries[0],
        Country {
            id: "1".into(),
            name: "GRECIA".into(),
            iso2: "GR".into(),
            iso3: "GRC".into()
        }
    );
    let counties: Vec<County> = decode_fixture("counties", "counties_response");
    assert_eq!(
        counties[0],
        County {
            code: "CJ".into(),
            name: "CLUJ".into(),
            siruta: 127
        }
    );
    let localities: Vec<Locality> = decode_fixture("localities", "localities_response");
    assert_eq!(
        localities[0],
        Locality {
            name: "CLUJ-NAPOCA".into(),
            county_code: "CJ".into(),
            siruta: 54984,
            rank: None
        }
    );
    let makes: Vec<VehicleMake> = decode_fixture("makes", "makes_response");
    assert_eq!(makes[0].name, "alfa-romeo");
    let models: Vec<VehicleModel> = decode_fixture("models", "models_response");
    assert_eq!(models[0].name, "750");
    let ids: Identifications = decode_fixture("identify", "identification_response");
    assert_eq!(ids["INSURER_NAME"][0].market_value, dec("26500"));
    assert_eq!(
        ids["INSURER_NAME"][0].production_end_date.as_deref(),
        Some("2021-01")
    );
}

#[test]
fn observed_nomenclature_spelling_decodes_to_the_same_values() {
    let body = br#"{"error":false,"status":200,"data":[{"name":"CLUJ-NAPOCA","countyCode":"CJ","siruta":54984,"rang":1}]}"#;
    let localities: Vec<Locality> = decode("localities", 200, body).unwrap();
    assert_eq!(
        localities[0],
        Locality {
            name: "CLUJ-NAPOCA".into(),
            county_code: "CJ".into(),
            siruta: 54984,
            rank: Some(1)
        }
    );
    let counties: Vec<County> = decode(
        "counties",
        200,
        br#"{"data":[{"code":"CJ","name":"CLUJ","siruta":127}]}"#,
    )
    .unwrap();
    assert_eq!(counties[0].code, "CJ");
}

#[test]
fn strict_fields_reject_wrong_types_with_their_path() {
    let body = fixture("offer_response").replace(
        r#""currency": "RON",
        "exchangeRate""#,
        r#""currency": "USD",
        "exchangeRate""#,
    );
    match decode::<OffersData>("quote", 200, body.as_bytes()).unwrap_err() {
        ApiError::Decode { path, .. } => assert_eq!(path, "data.offers[0].currency"),
        other => panic!("unexpected {other:?}"),
    }
}

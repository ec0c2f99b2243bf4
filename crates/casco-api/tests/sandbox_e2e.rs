//! Every operation against the sandbox over real HTTP: decoding, the offer → policy
//! flow, both nomenclature spellings, and the insurers' own rules.

mod common;

use casco_api::model::{Currency, Payment, PolicyRequest, VehicleSpecs};
use casco_api::ApiError;
use casco_sandbox::{NomenclatureSpelling, SandboxConfig};
use common::{quote_for, sandbox_and_client, today_bucharest, NO_OPTS};
use rust_decimal::Decimal;
use std::collections::HashSet;

#[tokio::test]
async fn nomenclatures_decode_in_both_spellings() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    let info = client.login(NO_OPTS).await.unwrap();
    assert!(info.expires_at.is_some(), "expiry read from the JWT");

    let countries = client.countries(NO_OPTS).await.unwrap();
    assert!(countries.len() >= 240);
    assert!(countries
        .iter()
        .any(|c| c.name == "GRECIA" && c.iso2 == "GR" && c.iso3 == "GRC"));

    let observed_counties = client.counties(NO_OPTS).await.unwrap();
    let observed_cluj = client.localities("CJ", NO_OPTS).await.unwrap();
    sandbox.update_config(|c| c.nomenclature_spelling = NomenclatureSpelling::Published);
    let published_counties = client.counties(NO_OPTS).await.unwrap();
    let published_cluj = client.localities("CJ", NO_OPTS).await.unwrap();

    assert_eq!(observed_counties.len(), 42);
    assert_eq!(observed_counties, published_counties);
    assert!(observed_counties
        .iter()
        .any(|c| c.code == "CJ" && c.siruta == 127));
    let napoca = observed_cluj
        .iter()
        .find(|l| l.name == "CLUJ-NAPOCA")
        .expect("Cluj-Napoca");
    assert_eq!(
        (napoca.county_code.as_str(), napoca.siruta, napoca.rank),
        ("CJ", 54984, Some(1))
    );
    assert_eq!(observed_cluj.len(), published_cluj.len());
    assert!(
        published_cluj.iter().all(|l| l.rank.is_none()),
        "the published spelling has no rang"
    );
    assert!(published_cluj
        .iter()
        .zip(&observed_cluj)
        .all(|(p, o)| p.name == o.name && p.siruta == o.siruta));

    assert!(
        client.localities("ZZ", NO_OPTS).await.unwrap().is_empty(),
        "unknown county: 200 and an empty list"
    );
    let makes = client.vehicle_makes(NO_OPTS).await.unwrap();
    assert!(makes.len() >= 40);
    let dacia = client.vehicle_models("dacia", NO_OPTS).await.unwrap();
    assert!(dacia.iter().any(|m| m.name == "Logan"));
    assert!(client
        .vehicle_models("alfa romeo", NO_OPTS)
        .await
        .unwrap()
        .iter()
        .any(|m| m.name == "Giulia"));
    assert!(client
        .vehicle_models("no-such-make", NO_OPTS)
        .await
        .unwrap()
        .is_empty());
    sandbox.stop().await;
}

#[tokio::test]
async fn vehicle_identification_answers_per_insurer() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    let mut specs: VehicleSpecs = quote_for("generali").product.vehicle.specs;
    specs.brand = "Dacia".into();
    specs.model = "Logan".into();
    specs.year_of_construction = 2019;
    specs.engine_displacement = Some(999);
    specs.engine_power = Some(67);
    let found = client.identify_vehicle(&specs, NO_OPTS).await.unwrap();
    assert_eq!(found.len(), casco_api::insurers::catalogue().len());
    let identifiers: HashSet<&str> = found
        .values()
        .map(|list| list[0].identifier.as_str())
        .collect();
    assert_eq!(
        identifiers.len(),
        found.len(),
        "each insurer has its own identifier"
    );
    let generali = &found["generali"][0];
    assert!(
        generali.model_name.starts_with("Dacia Logan 1.0"),
        "{}",
        generali.model_name
    );
    assert!(generali.market_value > Decimal::ZERO);
    assert!(
        found["allianz"][0].market_value < generali.market_value,
        "allianz values in EUR"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn every_insurer_quotes_and_an_offer_becomes_exactly_one_policy() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    for insurer in casco_api::insurers::catalogue() {
        let data = client
            .quote(&quote_for(&insurer.key), NO_OPTS)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", insurer.key));
        assert_eq!(data.provider.organization.business_name, insurer.key);
        assert!(
            insurer.quotes_product(&data.product.name),
            "{}",
            data.product.name
        );
        let offer = &data.offers[0];
        assert_eq!(offer.currency, insurer.offer_currency);
        assert_eq!(offer.installments.len(), 4);
        assert_eq!(
            offer.installments.iter().map(|i| i.amount).sum::<Decimal>(),
            offer.premium_amount
        );
        assert!(offer.offer_expiry_date.unwrap() > today_bucharest());
        if offer.currency == Currency::Eur {
            assert_eq!(
                offer.exchange_rate.as_ref().unwrap().currency,
                Currency::Ron
            );
        }
    }

    let offer = client
        .quote(&quote_for("grawe"), NO_OPTS)
        .await
        .unwrap()
        .offers
        .remove(0);
    let pdf = client.offer_pdf(offer.offer_id, NO_OPTS).await.unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert_eq!(pdf.name, format!("oferta-{}.pdf", offer.offer_id));

    let request = PolicyRequest {
        offer_id: offer.offer_id,
        payment: Payment {
            method: "pos".into(),
            currency: offer.currency,
            amount: offer.installments[0].amount,
            date: today_bucharest(),
            document_number: Some("POS-1".into()),
        },
    };
    let first = client
        .issue_policy(&request, NO_OPTS)
        .await
        .unwrap()
        .policies
        .remove(0);
    let again = client
        .issue_policy(&request, NO_OPTS)
        .await
        .unwrap()
        .policies
        .remove(0);
    assert_eq!(first, again, "a second issue returns the same policy");
    assert_eq!(first.premium_amount, Some(offer.premium_amount));
    let policy_pdf = client
        .policy_pdf(&first.series, &first.number.0, NO_OPTS)
        .await
        .unwrap();
    assert!(policy_pdf.bytes.starts_with(b"%PDF"));

    match client.offer_pdf(999_999, NO_OPTS).await.unwrap_err() {
        ApiError::Rejected {
            status: 404,
            message,
            ..
        } => assert!(message.contains("999999")),
        other => panic!("unexpected {other:?}"),
    }
    client.logout(NO_OPTS).await.unwrap();
    assert_eq!(sandbox.counters().logins, 1);
    client.countries(NO_OPTS).await.unwrap();
    assert_eq!(
        sandbox.counters().logins,
        2,
        "after logout the next call logs in again"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn insurer_rules_arrive_as_validation_errors_with_field_paths() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    let mut request = quote_for("grawe");
    request.product.policyholder.address.floor = None;
    request.product.motor.start_date = today_bucharest();
    request.provider.authentication.as_mut().unwrap().password = "".into();
    match client.quote(&request, NO_OPTS).await.unwrap_err() {
        ApiError::Validation { status, fields } => {
            assert_eq!(status, 400);
            assert_eq!(
                fields["product.policyholder.address.floor"],
                ["Câmpul este obligatoriu pentru Grawe."]
            );
            assert_eq!(
                fields["product.motor.startDate"],
                ["Data începerii trebuie să fie cel puțin mâine pentru un vehicul înmatriculat."]
            );
            assert!(fields.contains_key("provider.authentication.password"));
            assert_eq!(fields.len(), 3, "{fields:?}");
        }
        other => panic!("unexpected {other:?}"),
    }

    let mut request = quote_for("axeria");
    request.product.policyholder.address.house_number = None;
    let err = client.quote(&request, NO_OPTS).await.unwrap_err();
    assert!(
        matches!(&err, ApiError::Validation { fields, .. } if fields.contains_key("product.policyholder.address.houseNumber"))
    );

    // A leased vehicle is quoted by Groupama's leasing product only.
    let mut request = quote_for("groupama");
    request.product.vehicle.is_leased = true;
    request.product.name = "casco".into();
    let err = client.quote(&request, NO_OPTS).await.unwrap_err();
    assert!(
        matches!(&err, ApiError::Validation { fields, .. } if fields["product.name"][0].contains("casco-leasing"))
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn localities_are_found_under_either_reading_of_the_county_parameter() {
    use casco_api::model::CountyParameter::{PlateCode, SirutaCode};
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    client.login(NO_OPTS).await.unwrap();
    let counties = client.counties(NO_OPTS).await.unwrap();
    let cluj = counties.iter().find(|c| c.code == "CJ").unwrap();
    let (by_plate, reading) = client
        .localities_of(cluj, SirutaCode, NO_OPTS)
        .await
        .unwrap();
    assert_eq!(
        reading, PlateCode,
        "the empty reading is dropped for the one that answers"
    );
    sandbox.update_config(|c| c.county_parameter = SirutaCode);
    let (by_code, reading) = client
        .localities_of(cluj, PlateCode, NO_OPTS)
        .await
        .unwrap();
    assert_eq!(reading, SirutaCode);
    assert_eq!(by_code, by_plate);
    assert!(by_code.iter().any(|l| l.name == "CLUJ-NAPOCA"));
    sandbox.stop().await;
}

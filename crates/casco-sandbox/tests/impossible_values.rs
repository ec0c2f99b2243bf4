//! Values no person or vehicle can have are refused with VALIDATION_ERROR on their dotted
//! paths, in quotes (POST /offer) and in identification (POST /vehicle/identification).

mod common;
mod quotes;

use common::demo_session;
use quotes::{asirom_quote, post_quote};
use serde_json::{json, Value};

/// Sets `value` at a dotted path of `root`, creating objects on the way.
fn set(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    for key in path.split('.') {
        if node.get(key).is_none() {
            node[key] = json!({});
        }
        node = &mut node[key];
    }
    *node = value;
}

/// The paths of a VALIDATION_ERROR answer.
fn refused_paths(status: u16, body: &Value) -> Vec<String> {
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["message"], "VALIDATION_ERROR", "{body}");
    let fields = body["data"].as_object().unwrap();
    for (path, messages) in fields {
        assert!(
            messages[0].as_str().is_some_and(|m| !m.is_empty()),
            "{path}: {body}"
        );
    }
    fields.keys().cloned().collect()
}

#[tokio::test]
async fn a_future_birth_date_a_negative_deductible_and_a_negative_engine_are_refused() {
    let (sandbox, _, client, token) = demo_session().await;
    let mut quote = asirom_quote();
    set(
        &mut quote,
        "product.policyholder.birthdate",
        json!("2999-01-01"),
    );
    set(
        &mut quote,
        "product.motor.deductibles",
        json!({"partialDamage": -500, "totalDamage": 10}),
    );
    set(
        &mut quote,
        "product.vehicle.engineDisplacement",
        json!(-1800),
    );
    let (status, body) = post_quote(&client, sandbox.base_url(), &token, &quote).await;
    assert_eq!(
        refused_paths(status, &body),
        [
            "product.motor.deductibles.partialDamage",
            "product.policyholder.birthdate",
            "product.vehicle.engineDisplacement",
        ],
        "{body}"
    );
    assert!(
        body["data"]["product.policyholder.birthdate"][0]
            .as_str()
            .unwrap()
            .contains("viitor"),
        "{body}"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn other_impossible_amounts_sizes_and_ages_are_refused() {
    let (sandbox, _, client, token) = demo_session().await;
    let mut quote = asirom_quote();
    let impossible = [
        ("product.vehicle.user.birthdate", json!("1880-05-05")),
        (
            "product.coverages",
            json!([{"isIncluded": true, "code": "vehicle", "insuredSum": -1}]),
        ),
        (
            "product.motor.deductibles",
            json!({"partialDamage": 0, "totalDamage": 150}),
        ),
        (
            "product.additionalData.vehicle.equipmentValue",
            json!("-100"),
        ),
        ("product.vehicle.marketValue", json!(-9000)),
        ("product.vehicle.engineDisplacement", json!(0)),
        ("product.vehicle.enginePower", json!(0)),
        ("product.vehicle.seats", json!(0)),
        ("product.vehicle.totalWeight", json!(-1)),
        ("product.vehicle.currentMileage", json!(-5)),
    ];
    for (path, value) in impossible {
        set(&mut quote, path, value);
    }
    let (status, body) = post_quote(&client, sandbox.base_url(), &token, &quote).await;
    assert_eq!(
        refused_paths(status, &body),
        [
            "product.additionalData.vehicle.equipmentValue",
            "product.coverages.0.insuredSum",
            "product.motor.deductibles.totalDamage",
            "product.vehicle.currentMileage",
            "product.vehicle.engineDisplacement",
            "product.vehicle.enginePower",
            "product.vehicle.marketValue",
            "product.vehicle.seats",
            "product.vehicle.totalWeight",
            "product.vehicle.user.birthdate",
        ],
        "{body}"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn plausible_values_are_still_quoted_an_electric_car_has_no_displacement() {
    let (sandbox, _, client, token) = demo_session().await;
    let mut quote = asirom_quote();
    for (path, value) in [
        ("product.policyholder.birthdate", json!("1950-02-28")),
        (
            "product.motor.deductibles",
            json!({"partialDamage": 0, "totalDamage": 0}),
        ),
        ("product.vehicle.fuelType", json!("electric")),
        ("product.vehicle.engineDisplacement", json!(0)),
        ("product.vehicle.enginePower", json!("150")),
        ("product.vehicle.seats", json!(5)),
        ("product.vehicle.totalWeight", json!(2100)),
        (
            "product.coverages",
            json!([{"isIncluded": true, "code": "vehicle", "insuredSum": 9000}]),
        ),
    ] {
        set(&mut quote, path, value);
    }
    let (status, body) = post_quote(&client, sandbox.base_url(), &token, &quote).await;
    assert_eq!(status, 200, "{body}");
    sandbox.stop().await;
}

#[tokio::test]
async fn identification_refuses_impossible_engines() {
    let (sandbox, _, client, token) = demo_session().await;
    let body = json!({"vehicleType": "M1", "brand": "Dacia", "model": "Logan", "yearOfConstruction": 2020,
                      "fuelType": "petrol", "engineDisplacement": -1800, "enginePower": 0, "seats": 500});
    let response = client
        .post(format!("{}/vehicle/identification", sandbox.base_url()))
        .header("Token", &token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        refused_paths(status, &body),
        ["engineDisplacement", "enginePower", "seats"],
        "{body}"
    );
    sandbox.stop().await;
}

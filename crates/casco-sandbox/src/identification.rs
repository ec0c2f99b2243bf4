//! POST /vehicle/identification: matches mechanical data against the catalogue and
//! answers, per insurer, that insurer's identifiers and market values.

use crate::auth::AuthorizedObject;
use crate::data::{self, IdentifierStyle, Make, Model, Pricing, Variant};
use crate::plausibility;
use crate::reply;
use crate::state::AppState;
use crate::valuation;
use axum::extract::State;
use axum::response::Response;
use base64::Engine;
use casco_api::insurers;
use chrono::Datelike;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// POST /vehicle/identification
#[utoipa::path(post, path = "/vehicle/identification", tag = "vehicle",
    params(("Token" = String, Header, description = "JWT")),
    request_body(content = Object, description = "Vehicle mechanical data (vehicleType, brand, model, yearOfConstruction, ...)"),
    responses((status = 200, description = "{insurer: [{identifier, modelName, productionStartDate, productionEndDate, marketValue, additionalData}]}"),
              (status = 400, description = "VALIDATION_ERROR")))]
pub async fn identify(
    State(state): State<Arc<AppState>>,
    AuthorizedObject(_, request): AuthorizedObject,
) -> Response {
    let current_year = crate::insurer_behaviour::today_in_bucharest().year();
    let errors = validate(&request, current_year);
    if !errors.is_empty() {
        return reply::validation(errors);
    }
    let text = |name: &str| valuation::text(&request, name);
    let (brand, model_name, year) = (
        text("brand").unwrap_or_default(),
        text("model").unwrap_or_default(),
        request
            .get("yearOfConstruction")
            .and_then(valuation::as_i64)
            .unwrap_or_default(),
    );
    let wanted = Wanted {
        fuel: text("fuelType").map(str::to_owned),
        cc: request
            .get("engineDisplacement")
            .and_then(valuation::as_i64),
        kw: request.get("enginePower").and_then(valuation::as_i64),
    };
    let matches = data::find_make(brand)
        .and_then(|make| find_model(make, model_name).map(|model| (make, model)))
        .map(|(make, model)| best_variants(make, model, year, &wanted))
        .unwrap_or_default();

    let config = state.config();
    let mut answer = Map::new();
    for insurer in insurers::catalogue() {
        let knobs = config.insurers.get(&insurer.key);
        if knobs.and_then(|k| k.failure) == Some(crate::config::FailureMode::NotEnabled) {
            continue;
        }
        let Some(pricing) = data::pricing().get(&insurer.key) else {
            continue;
        };
        let list: Vec<Value> = matches
            .iter()
            .map(|(make, model, variant)| {
                let value_eur = valuation::market_value_eur(variant.new_value_eur, year, current_year);
                let value = match insurer.offer_currency {
                    casco_api::model::Currency::Eur => value_eur,
                    casco_api::model::Currency::Ron => valuation::round_to_hundreds(value_eur * config.exchange_rate),
                };
                json!({
                    "identifier": identifier(&insurer.key, pricing, &variant.code),
                    "modelName": format!("{} {} {}", make.display_name, model.name, variant.trim),
                    "productionStartDate": format!("{}-01", variant.production_start),
                    "productionEndDate": variant.production_end.map(|y| format!("{y}-12")),
                    "marketValue": valuation::number(value),
                    "additionalData": {"vehicleCode": variant.code, "vehicleType": model.vehicle_type, "currency": insurer.offer_currency.code(),
                                       "fuelType": variant.fuel_type, "engineDisplacement": variant.engine_displacement,
                                       "enginePower": variant.engine_power},
                })
            })
            .collect();
        answer.insert(insurer.key.clone(), Value::Array(list));
    }
    reply::ok(Value::Object(answer))
}

/// Every problem with an identification request, by field, in Romanian.
fn validate(request: &Value, current_year: i32) -> reply::FieldErrors {
    let text = |name: &str| valuation::text(request, name);
    let mut errors = reply::required(&[
        ("vehicleType", text("vehicleType").unwrap_or_default()),
        ("brand", text("brand").unwrap_or_default()),
        ("model", text("model").unwrap_or_default()),
    ]);
    let year = request
        .get("yearOfConstruction")
        .and_then(valuation::as_i64);
    match year {
        Some(y) if (1950..=i64::from(current_year) + 1).contains(&y) => {}
        _ => {
            errors.insert(
                "yearOfConstruction".into(),
                vec![format!(
                    "Anul de fabricație trebuie să fie între 1950 și {}.",
                    current_year + 1
                )],
            );
        }
    }
    plausibility::check_vehicle_sizes(request, "", &mut errors);
    errors
}

struct Wanted {
    fuel: Option<String>,
    cc: Option<i64>,
    kw: Option<i64>,
}

fn find_model<'a>(make: &'a Make, name: &str) -> Option<&'a Model> {
    let wanted = data::fold(name);
    make.models
        .iter()
        .find(|m| data::fold(&m.name) == wanted)
        .or_else(|| {
            make.models
                .iter()
                .find(|m| wanted.starts_with(&data::fold(&m.name)))
        })
}

/// Up to two variants built in `year`, closest in fuel, displacement and power first.
fn best_variants<'a>(
    make: &'a Make,
    model: &'a Model,
    year: i64,
    wanted: &Wanted,
) -> Vec<(&'a Make, &'a Model, &'a Variant)> {
    let built_in_year = |v: &&Variant| {
        i64::from(v.production_start) <= year
            && v.production_end.is_none_or(|end| year <= i64::from(end))
    };
    let mut candidates: Vec<&Variant> = model.variants.iter().filter(built_in_year).collect();
    if let Some(fuel) = &wanted.fuel {
        if candidates.iter().any(|v| &v.fuel_type == fuel) {
            candidates.retain(|v| &v.fuel_type == fuel);
        }
    }
    let distance = |v: &Variant| {
        wanted
            .cc
            .map_or(0, |cc| (i64::from(v.engine_displacement) - cc).abs() / 100)
            + wanted
                .kw
                .map_or(0, |kw| (i64::from(v.engine_power) - kw).abs() / 10)
    };
    candidates.sort_by_key(|v| (distance(v), v.code.clone()));
    candidates
        .into_iter()
        .take(2)
        .map(|v| (make, model, v))
        .collect()
}

/// The insurer's identifier for a catalogue variant, in the insurer's own style.
fn identifier(insurer: &str, pricing: &Pricing, code: &str) -> String {
    match pricing.identifier_style {
        IdentifierStyle::Opaque => {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&fnv1a(0xcbf2_9ce4_8422_2325, insurer, code).to_be_bytes());
            bytes[8..].copy_from_slice(&fnv1a(0x8422_2325_cbf2_9ce4, code, insurer).to_be_bytes());
            base64::engine::general_purpose::STANDARD.encode(bytes)
        }
        IdentifierStyle::Prefixed => format!("{}-{code}", pricing.identifier_prefix),
    }
}

fn fnv1a(seed: u64, a: &str, b: &str) -> u64 {
    a.bytes()
        .chain([0])
        .chain(b.bytes())
        .fold(seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

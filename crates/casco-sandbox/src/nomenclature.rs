//! Nomenclature routes: countries, counties, localities, vehicle makes and models, in
//! either field spelling (see [`crate::config::NomenclatureSpelling`]).

use crate::auth::{expire_mid_batch, Claims, Session};
use crate::config::{FailureMode, NomenclatureSpelling};
use crate::data;
use crate::reply;
use crate::state::{AppState, MidBatchKnob};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use casco_api::model::CountyParameter;
use serde_json::{json, Value};
use std::sync::{Arc, PoisonError};

/// The failure configured for one nomenclature list (see
/// [`crate::SandboxConfig::nomenclature_failures`]); `arg` is the county code or make name
/// of the per-county / per-make lists. Keys match as the routes do: county codes ignoring
/// case, make names by [`data::fold`], so `models:Dacia` fails `/vehicle/model/dacia`.
/// Returns the matching config key with its mode.
fn configured_failure(
    state: &AppState,
    list: &str,
    arg: Option<&str>,
) -> Option<(String, FailureMode)> {
    // Read under the lock: this runs on every nomenclature request, and nothing here awaits.
    let config = state.config.read().unwrap_or_else(PoisonError::into_inner);
    config
        .nomenclature_failures
        .iter()
        .find(|(key, _)| match (key.split_once(':'), arg) {
            (None, None) => key.as_str() == list,
            (Some((kind, wanted)), Some(arg)) if kind == list => {
                let wanted = wanted.trim();
                wanted == "*"
                    || match list {
                        "models" => data::fold(wanted) == data::fold(arg),
                        _ => wanted.eq_ignore_ascii_case(arg.trim()),
                    }
            }
            _ => false,
        })
        .map(|(key, mode)| (key.clone(), *mode))
}

/// Applies the configured failure of a list, if any, to a request whose session
/// ([`Session`]) and path value are good: `None` means answer normally.
async fn simulated_failure(
    state: &AppState,
    claims: &Claims,
    list: &str,
    arg: Option<&str>,
) -> Option<Response> {
    let (key, mode) = configured_failure(state, list, arg)?;
    let what = match arg {
        Some(arg) => format!("{list}:{arg}"),
        None => list.to_owned(),
    };
    match mode {
        // Fires once for the config key (a `*` key: for the first county or make asked).
        FailureMode::TokenExpiresMidBatch => {
            expire_mid_batch(state, claims, MidBatchKnob::Nomenclature(key))
        }
        FailureMode::Hang => std::future::pending().await,
        // The vendor's own failure: an envelope, unlike an insurer's gateway page.
        FailureMode::ServerError => Some(reply::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Eroare internă la citirea nomenclatorului {what}."),
        )),
        FailureMode::MalformedJson => Some(reply::malformed_json()),
        FailureMode::ValidationError => Some(reply::invalid_field(
            &what,
            "Valoare necunoscută în nomenclator.",
        )),
        FailureMode::NotEnabled => Some(reply::error(
            StatusCode::BAD_REQUEST,
            format!("Nomenclatorul {what} nu este activat pentru acest cont de broker."),
        )),
    }
}

/// GET /nomenclature/country
#[utoipa::path(get, path = "/nomenclature/country", tag = "nomenclature",
    params(("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{id, name, iso2, iso3}]")))]
pub async fn countries(State(state): State<Arc<AppState>>, Session(claims): Session) -> Response {
    if let Some(refused) = simulated_failure(&state, &claims, "countries", None).await {
        return refused;
    }
    let list: Vec<Value> = data::countries()
        .iter()
        .map(|c| json!({"id": c.id, "name": c.name, "iso2": c.iso2, "iso3": c.iso3}))
        .collect();
    reply::ok(Value::Array(list))
}

/// GET /nomenclature/county
#[utoipa::path(get, path = "/nomenclature/county", tag = "nomenclature",
    params(("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{county_code|code, name, siruta}]")))]
pub async fn counties(State(state): State<Arc<AppState>>, Session(claims): Session) -> Response {
    if let Some(refused) = simulated_failure(&state, &claims, "counties", None).await {
        return refused;
    }
    let spelling = state.config().nomenclature_spelling;
    let list: Vec<Value> = data::siruta()
        .counties
        .iter()
        .map(|c| match spelling {
            NomenclatureSpelling::Published => {
                json!({"county_code": c.code, "name": c.name, "siruta": c.siruta.to_string()})
            }
            NomenclatureSpelling::Observed => {
                json!({"code": c.code, "name": c.name, "siruta": c.siruta})
            }
        })
        .collect();
    reply::ok(Value::Array(list))
}

/// GET /nomenclature/locality/{county_code}; an unknown county is an empty list.
#[utoipa::path(get, path = "/nomenclature/locality/{county_code}", tag = "nomenclature",
    params(("county_code" = String, Path, description = "County plate code (CJ) or, with countyParameter sirutaCode, the county SIRUTA code"), ("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{nume|name, cod_judet|countyCode, cod_siruta|siruta, rang?}]")))]
pub async fn localities(
    State(state): State<Arc<AppState>>,
    Session(claims): Session,
    county: Result<Path<String>, PathRejection>,
) -> Response {
    let county = match reply::path_value(county, "county_code") {
        Ok(county) => county,
        Err(refused) => return *refused,
    };
    if let Some(refused) = simulated_failure(&state, &claims, "localities", Some(&county)).await {
        return refused;
    }
    let config = state.config();
    let spelling = config.nomenclature_spelling;
    // The parameter is read one way only, as a real host would: the other reading names no
    // county, and an unknown county is an empty list.
    let asked = county.trim();
    let plate_code = match config.county_parameter {
        CountyParameter::PlateCode => Some(asked.to_owned()),
        CountyParameter::SirutaCode => data::siruta()
            .counties
            .iter()
            .find(|c| c.siruta.to_string() == asked)
            .map(|c| c.code.clone()),
    };
    let plate_code = plate_code.unwrap_or_default();
    let list: Vec<Value> = data::siruta()
        .localities
        .iter()
        .filter(|l| !plate_code.is_empty() && l.county_code.eq_ignore_ascii_case(&plate_code))
        .map(|l| match spelling {
            NomenclatureSpelling::Published => {
                json!({"nume": l.name, "cod_judet": l.county_code, "cod_siruta": l.siruta.to_string()})
            }
            NomenclatureSpelling::Observed => {
                json!({"name": l.name, "countyCode": l.county_code, "siruta": l.siruta, "rang": l.rank})
            }
        })
        .collect();
    reply::ok(Value::Array(list))
}

/// GET /nomenclature/vehicle/make
#[utoipa::path(get, path = "/nomenclature/vehicle/make", tag = "nomenclature",
    params(("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{name}]")))]
pub async fn makes(State(state): State<Arc<AppState>>, Session(claims): Session) -> Response {
    if let Some(refused) = simulated_failure(&state, &claims, "makes", None).await {
        return refused;
    }
    reply::ok(Value::Array(
        data::makes()
            .iter()
            .map(|m| json!({"name": m.name}))
            .collect(),
    ))
}

/// GET /nomenclature/vehicle/model/{make}; an unknown make is an empty list.
#[utoipa::path(get, path = "/nomenclature/vehicle/model/{make}", tag = "nomenclature",
    params(("make" = String, Path, description = "Make name"), ("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{name}]")))]
pub async fn models(
    State(state): State<Arc<AppState>>,
    Session(claims): Session,
    make: Result<Path<String>, PathRejection>,
) -> Response {
    let make = match reply::path_value(make, "make") {
        Ok(make) => make,
        Err(refused) => return *refused,
    };
    if let Some(refused) = simulated_failure(&state, &claims, "models", Some(&make)).await {
        return refused;
    }
    let list = data::find_make(&make)
        .map(|m| {
            m.models
                .iter()
                .map(|model| json!({"name": model.name}))
                .collect()
        })
        .unwrap_or_default();
    reply::ok(Value::Array(list))
}

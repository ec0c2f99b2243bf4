//! Nomenclature routes: countries, counties, localities, vehicle makes and models, in
//! either field spelling (see [`crate::config::NomenclatureSpelling`]).

use crate::auth::authorize;
use crate::config::NomenclatureSpelling;
use crate::data;
use crate::reply;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{json, Value};
use std::sync::Arc;

/// GET /nomenclature/country
#[utoipa::path(get, path = "/nomenclature/country", tag = "nomenclature",
    params(("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{id, name, iso2, iso3}]")))]
pub async fn countries(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(refused) = authorize(&state, &headers) {
        return *refused;
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
pub async fn counties(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(refused) = authorize(&state, &headers) {
        return *refused;
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
    params(("county_code" = String, Path, description = "County plate code, e.g. CJ"), ("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{nume|name, cod_judet|countyCode, cod_siruta|siruta, rang?}]")))]
pub async fn localities(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(county): Path<String>,
) -> Response {
    if let Err(refused) = authorize(&state, &headers) {
        return *refused;
    }
    let spelling = state.config().nomenclature_spelling;
    let list: Vec<Value> = data::siruta()
        .localities
        .iter()
        .filter(|l| l.county_code.eq_ignore_ascii_case(county.trim()))
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
pub async fn makes(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(refused) = authorize(&state, &headers) {
        return *refused;
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
    headers: HeaderMap,
    Path(make): Path<String>,
) -> Response {
    if let Err(refused) = authorize(&state, &headers) {
        return *refused;
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

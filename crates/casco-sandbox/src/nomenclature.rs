//! Nomenclature routes: countries, counties, localities, vehicle makes and models, in
//! either field spelling (see [`crate::config::NomenclatureSpelling`]).

use crate::auth::{authorize, expire_mid_batch, Claims};
use crate::config::{FailureMode, NomenclatureSpelling};
use crate::data;
use crate::reply;
use crate::state::{self, AppState};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};
use std::sync::Arc;

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
    let config = state.config();
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

/// Why a nomenclature request is not served: a refused session first, then a failure the
/// config asks this list (or this county/make) to simulate.
async fn refusal(
    state: &AppState,
    headers: &HeaderMap,
    list: &str,
    arg: Option<&str>,
) -> Option<Response> {
    let claims = match authorize(state, headers) {
        Ok(claims) => claims,
        Err(refused) => return Some(*refused),
    };
    simulated_failure(state, &claims, list, arg).await
}

/// Applies the configured failure of a list, if any: `None` means answer normally.
async fn simulated_failure(
    state: &AppState,
    claims: &Claims,
    list: &str,
    arg: Option<&str>,
) -> Option<Response> {
    let what = match arg {
        Some(arg) => format!("{list}:{arg}"),
        None => list.to_owned(),
    };
    let (key, mode) = configured_failure(state, list, arg)?;
    match mode {
        // Fires once for the config key (a `*` key: for the first county or make asked).
        FailureMode::TokenExpiresMidBatch => {
            expire_mid_batch(state, claims, state::nomenclature_knob(&key))
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
pub async fn countries(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(refused) = refusal(&state, &headers, "countries", None).await {
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
pub async fn counties(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(refused) = refusal(&state, &headers, "counties", None).await {
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
    params(("county_code" = String, Path, description = "County plate code, e.g. CJ"), ("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "[{nume|name, cod_judet|countyCode, cod_siruta|siruta, rang?}]")))]
pub async fn localities(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(county): Path<String>,
) -> Response {
    if let Some(refused) = refusal(&state, &headers, "localities", Some(&county)).await {
        return refused;
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
    if let Some(refused) = refusal(&state, &headers, "makes", None).await {
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
    headers: HeaderMap,
    Path(make): Path<String>,
) -> Response {
    if let Some(refused) = refusal(&state, &headers, "models", Some(&make)).await {
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

#[cfg(test)]
mod tests {
    use crate::config::{FailureMode, SandboxConfig};
    use serde_json::Value;
    use std::collections::BTreeMap;
    use std::time::Duration;

    /// Logs in as the demo account and returns the access token.
    async fn demo_token(client: &reqwest::Client, base: &str) -> String {
        let login: Value = client
            .post(format!("{base}/auth?account=demo&password=demo"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        login["data"]["token"].as_str().unwrap().to_owned()
    }

    async fn get(client: &reqwest::Client, base: &str, token: &str, path: &str) -> (u16, String) {
        let response = client
            .get(format!("{base}{path}"))
            .header("Token", token)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    #[tokio::test]
    async fn configured_nomenclature_parts_fail_and_the_others_answer() {
        let sandbox = crate::start(SandboxConfig {
            nomenclature_failures: BTreeMap::from([
                ("localities:cj".to_owned(), FailureMode::ServerError),
                ("models:Dacia".to_owned(), FailureMode::MalformedJson),
                ("countries".to_owned(), FailureMode::Hang),
            ]),
            ..SandboxConfig::default()
        })
        .await
        .unwrap();
        let base = sandbox.base_url().to_owned();
        let client = reqwest::Client::new();
        let token = demo_token(&client, &base).await;

        // serverError: a 500 error envelope with a message, matched ignoring case.
        let (status, body) = get(&client, &base, &token, "/nomenclature/locality/CJ").await;
        assert_eq!(status, 500, "{body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"], true);
        assert_eq!(body["status"], 500);
        assert!(body["message"].as_str().unwrap().contains("localities:CJ"));

        // Other counties still answer.
        let (status, body) = get(&client, &base, &token, "/nomenclature/locality/BV").await;
        assert_eq!(status, 200);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(!body["data"].as_array().unwrap().is_empty());

        // malformedJson: 200 with a cut body; make names match folded.
        let (status, body) = get(&client, &base, &token, "/nomenclature/vehicle/model/dacia").await;
        assert_eq!(status, 200);
        assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
        let (status, _) = get(&client, &base, &token, "/nomenclature/vehicle/model/audi").await;
        assert_eq!(status, 200);

        // hang: no answer at all.
        let hung = tokio::time::timeout(
            Duration::from_millis(300),
            get(&client, &base, &token, "/nomenclature/country"),
        )
        .await;
        assert!(hung.is_err(), "countries answered: {hung:?}");

        // Removing the knob heals the list at once.
        sandbox.update_config(|c| c.nomenclature_failures.clear());
        let (status, _) = get(&client, &base, &token, "/nomenclature/locality/CJ").await;
        assert_eq!(status, 200);
        sandbox.stop().await;
    }

    /// A sandbox whose every locality list fails with `mode`, and a demo session on it.
    async fn every_county_failing(
        mode: FailureMode,
    ) -> (crate::SandboxHandle, String, reqwest::Client, String) {
        let sandbox = crate::start(SandboxConfig {
            nomenclature_failures: BTreeMap::from([("localities:*".to_owned(), mode)]),
            ..SandboxConfig::default()
        })
        .await
        .unwrap();
        let base = sandbox.base_url().to_owned();
        let client = reqwest::Client::new();
        let token = demo_token(&client, &base).await;
        (sandbox, base, client, token)
    }

    #[tokio::test]
    async fn a_token_expiring_mid_sync_is_refused_once_then_renewed() {
        let (sandbox, base, client, token) =
            every_county_failing(FailureMode::TokenExpiresMidBatch).await;
        assert_eq!(
            get(&client, &base, &token, "/nomenclature/county").await.0,
            200
        );
        // The first county asked expires the token, for every list after it.
        let (status, body) = get(&client, &base, &token, "/nomenclature/locality/CJ").await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(
            get(&client, &base, &token, "/nomenclature/county").await.0,
            403
        );
        // A new session's token is not expired again: the knob fired once.
        let token = demo_token(&client, &base).await;
        for county in ["CJ", "BV"] {
            let path = format!("/nomenclature/locality/{county}");
            assert_eq!(get(&client, &base, &token, &path).await.0, 200, "{county}");
        }
        sandbox.stop().await;
    }

    #[tokio::test]
    async fn wildcards_fail_every_county() {
        let (sandbox, base, client, token) = every_county_failing(FailureMode::NotEnabled).await;
        for county in ["CJ", "B", "XX"] {
            let path = format!("/nomenclature/locality/{county}");
            let (status, _) = get(&client, &base, &token, &path).await;
            assert_eq!(status, 400, "{county}");
        }
        let (status, _) = get(&client, &base, &token, "/nomenclature/county").await;
        assert_eq!(status, 200);
        sandbox.stop().await;
    }
}

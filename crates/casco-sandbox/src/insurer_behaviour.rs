//! Per-insurer latency and simulated failures (see [`crate::config::InsurerKnobs`]).

use crate::auth::{self, Claims};
use crate::config::FailureMode;
use crate::reply;
use crate::state::{AppState, MidBatchKnob};
use axum::http::StatusCode;
use axum::response::Response;
use casco_api::insurers::Insurer;
use chrono::NaiveDate;
use std::time::Duration;

/// Whether the handler goes on or answers with a simulated failure.
pub enum Outcome {
    /// Answer normally.
    Proceed,
    /// Answer this instead.
    Respond(Response),
}

/// Waits the insurer's latency, then applies its failure mode, if any. A token that expires
/// mid-batch does so as the request arrives, before the latency: `claims` are the request's
/// (already authorised) session.
pub async fn before_answer(state: &AppState, insurer: &Insurer, claims: &Claims) -> Outcome {
    let knobs = state
        .config()
        .insurers
        .get(&insurer.key)
        .cloned()
        .unwrap_or_default();
    if knobs.failure == Some(FailureMode::TokenExpiresMidBatch) {
        if let Some(refused) =
            auth::expire_mid_batch(state, claims, MidBatchKnob::Insurer(insurer.key.clone()))
        {
            return Outcome::Respond(refused);
        }
    }
    if let Some(latency) = knobs.latency {
        let n = state
            .counters
            .next_draw(&format!("insurer:{}", insurer.key));
        tokio::time::sleep(Duration::from_millis(latency.millis(n))).await;
    }
    let name = &insurer.display_name;
    match knobs.failure {
        None | Some(FailureMode::TokenExpiresMidBatch) => Outcome::Proceed,
        Some(FailureMode::Hang) => std::future::pending().await,
        Some(FailureMode::ServerError) => Outcome::Respond(reply::bad_gateway()),
        Some(FailureMode::MalformedJson) => Outcome::Respond(reply::malformed_json()),
        Some(FailureMode::ValidationError) => Outcome::Respond(reply::invalid_field(
            "product.vehicle.vin",
            format!("Asigurătorul {name} nu a putut verifica seria de șasiu (VIN)."),
        )),
        Some(FailureMode::NotEnabled) => Outcome::Respond(reply::error(
            StatusCode::BAD_REQUEST,
            format!("Asigurătorul {name} nu este activat pentru acest cont de broker."),
        )),
    }
}

/// Today's date in Europe/Bucharest (start dates are checked against it).
pub fn today_in_bucharest() -> NaiveDate {
    casco_api::session::today_in_bucharest(chrono::Utc::now())
}

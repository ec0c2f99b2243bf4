//! Per-route failures of the document and issuing routes
//! ([`crate::config::SandboxConfig::route_failures`]) and the request log
//! ([`crate::config::SandboxConfig::request_log`]).

use crate::config::RouteFailureMode;
use crate::reply;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;
use std::io::Write;

/// The failure `route` has for this request, if any: a knob with `times` fails only that many
/// requests, then the route answers normally (a retry after a failure succeeds).
pub fn failure_for(state: &AppState, route: &str) -> Option<RouteFailureMode> {
    let knob = *state.config().route_failures.get(route)?;
    let n = state.counters.next_draw(&format!("route-failure:{route}"));
    knob.times
        .is_none_or(|times| n <= times)
        .then_some(knob.failure)
}

/// The answer of a failing document route (`hang` never answers).
pub async fn respond(failure: RouteFailureMode, route: &str) -> Response {
    let file = |content: &str| {
        reply::ok(json!({"files": [{
            "type": "offer", "mimeType": "application/pdf", "name": "document.pdf", "content": content,
        }]}))
    };
    match failure {
        RouteFailureMode::Hang => std::future::pending().await,
        RouteFailureMode::ServerError => reply::bad_gateway(),
        RouteFailureMode::MalformedJson => reply::malformed_json(),
        // "<html><body>Eroare</body></html>" in base64: a gateway page passed off as a file.
        RouteFailureMode::NotPdf => file("PGh0bWw+PGJvZHk+RXJvYXJlPC9ib2R5PjwvaHRtbD4="),
        RouteFailureMode::BrokenBase64 => file("JVBERi0xLjQK*!not-base64"),
        RouteFailureMode::ValidationError if route == "issue_policy" => reply::invalid_field(
            "payment.documentNumber",
            "Asigurătorul nu a găsit documentul de plată.",
        ),
        RouteFailureMode::ValidationError => reply::error(
            StatusCode::BAD_REQUEST,
            "Documentul nu este disponibil pentru acest cont de broker.",
        ),
    }
}

/// Appends `{"route": …}` to the request log, when one is configured.
pub fn log_request(state: &AppState, route: &str) {
    append(state, &json!({ "route": route }));
}

/// Appends what a quote asked to renew (`product.motor.renewPolicy`, null when nothing) to the
/// request log, when one is configured; the rest of the body is personal data and stays out.
pub fn log_quote_payload(state: &AppState, insurer: &str, request: &serde_json::Value) {
    let renew = request
        .pointer("/product/motor/renewPolicy")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    append(
        state,
        &json!({ "payload": "quote", "insurer": insurer, "renewPolicy": renew }),
    );
}

/// Appends `{"booked": "policy", "offerId": …}` when a new policy is booked (not when a repeated
/// request gets the one already booked), so a test in another process can count bookings
/// without reading the book, which the app seals.
pub fn log_booked(state: &AppState, offer_id: u64) {
    append(state, &json!({ "booked": "policy", "offerId": offer_id }));
}

fn append(state: &AppState, line: &serde_json::Value) {
    let Some(path) = state.config().request_log else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        // One write per line: `writeln!` writes piece by piece, and requests answered at the
        // same moment then interleave inside each other's lines.
        .and_then(|mut file| file.write_all(format!("{line}\n").as_bytes()));
    if let Err(e) = written {
        tracing::warn!(path = %path.display(), error = %e, "request log not written");
    }
}

//! Sessions: HS256 JWTs with a short lifetime, rotating refresh tokens, and the
//! vendor's habit of answering an expired token with 403 (or 401, configurable).

use crate::config::SandboxConfig;
use crate::reply;
use crate::state::{AppState, MidBatchKnob};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::Utc;
use jsonwebtoken::{
    decode, encode, errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Claims of the sandbox's access tokens.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// Account.
    pub sub: String,
    /// Expiry (Unix seconds, UTC).
    pub exp: i64,
    /// Issued at.
    pub iat: i64,
    /// Token id, for DELETE /auth.
    pub jti: String,
    /// Session generation; older tokens count as expired.
    pub gen: u64,
}

const EXPIRED: &str = "Tokenul a expirat. Reînnoiți sesiunea.";

/// The answer to an expired or revoked access token: 403, or the configured status.
fn expired_token(config: &SandboxConfig) -> Response {
    let status = StatusCode::from_u16(config.expired_token_status).unwrap_or(StatusCode::FORBIDDEN);
    reply::error(status, EXPIRED)
}

/// Checks the `Token` header of a protected route.
pub fn authorize(state: &AppState, headers: &HeaderMap) -> Result<Claims, Box<Response>> {
    let config = state.config();
    let refuse = |status: StatusCode, message: &str| Err(Box::new(reply::error(status, message)));
    let Some(value) = headers.get("Token").and_then(|v| v.to_str().ok()) else {
        return refuse(StatusCode::UNAUTHORIZED, "Lipsește antetul Token.");
    };
    if value.starts_with("Refresh ") {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Folosiți tokenul de acces, nu pe cel de reîmprospătare.",
        );
    }
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    let key = DecodingKey::from_secret(config.jwt_secret.as_bytes());
    let claims = match decode::<Claims>(value, &key, &validation) {
        Ok(data) => data.claims,
        Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => {
            return Err(Box::new(expired_token(&config)))
        }
        Err(_) => return refuse(StatusCode::UNAUTHORIZED, "Token invalid."),
    };
    let sessions = state.sessions();
    if config.reject_all_tokens
        || claims.gen < sessions.generation
        || sessions.revoked.contains(&claims.jti)
    {
        return Err(Box::new(expired_token(&config)));
    }
    Ok(claims)
}

/// The session's claims and the JSON object body of an authorised POST, or the answer that
/// refuses it: the session check first (403/401), then the body (400 with the envelope, never
/// a bare error).
pub fn authorized_object(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(Claims, Value), Box<Response>> {
    let claims = authorize(state, headers)?;
    match serde_json::from_slice(body) {
        Ok(value @ Value::Object(_)) => Ok((claims, value)),
        Ok(_) => Err(Box::new(reply::error(
            StatusCode::BAD_REQUEST,
            "Corpul cererii trebuie să fie un obiect JSON.",
        ))),
        Err(e) => Err(Box::new(reply::error(
            StatusCode::BAD_REQUEST,
            format!("JSON invalid în corpul cererii: {e}"),
        ))),
    }
}

/// [`crate::config::FailureMode::TokenExpiresMidBatch`] for `knob`: unless it has fired
/// already, the token of this (authorised) request expires now, revoked for every later
/// request, and the request is refused as expired. The refresh token is left alone. Firing is
/// checked and recorded under the sessions lock, so concurrent requests cannot both fire it.
pub fn expire_mid_batch(state: &AppState, claims: &Claims, knob: MidBatchKnob) -> Option<Response> {
    {
        let mut sessions = state.sessions();
        if !sessions.expired_mid_batch.insert(knob) {
            return None;
        }
        sessions.revoked.insert(claims.jti.clone());
    }
    tracing::info!(jti = %claims.jti, "sandbox: access token expired mid-batch");
    Some(expired_token(&state.config()))
}

/// POST /auth?account=..&password=..
#[utoipa::path(post, path = "/auth", tag = "auth",
    params(("account" = String, Query, description = "Account"), ("password" = String, Query, description = "Password")),
    responses((status = 200, description = "token, expires_at (Europe/Bucharest), refresh_token"), (status = 401, description = "Wrong credentials")))]
pub async fn login(
    State(state): State<Arc<AppState>>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return reply::error(
            StatusCode::BAD_REQUEST,
            "Parametrii cererii nu pot fi citiți.",
        );
    };
    let account = query.get("account").map(String::as_str).unwrap_or_default();
    let password = query
        .get("password")
        .map(String::as_str)
        .unwrap_or_default();
    let missing = reply::required(&[("account", account), ("password", password)]);
    if !missing.is_empty() {
        return reply::validation(missing);
    }
    let known = state
        .config()
        .accounts
        .iter()
        .any(|a| a.account == account && a.password == password);
    if !known {
        return reply::error(StatusCode::UNAUTHORIZED, "Cont sau parolă greșită.");
    }
    state.counters.logins.fetch_add(1, Ordering::SeqCst);
    issue(&state, account)
}

/// PATCH /auth with `Token: Refresh <refresh_token>`; the refresh token is single-use.
#[utoipa::path(patch, path = "/auth", tag = "auth",
    params(("Token" = String, Header, description = "Refresh <refresh_token>")),
    responses((status = 200, description = "A new token pair"), (status = 401, description = "Unknown or expired refresh token")))]
pub async fn refresh(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let presented = headers
        .get("Token")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Refresh "))
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    let entry = state.sessions().refresh_tokens.remove(&presented);
    match entry {
        Some((account, expires)) if expires > Utc::now().timestamp() => {
            state.counters.refreshes.fetch_add(1, Ordering::SeqCst);
            issue(&state, &account)
        }
        _ => reply::error(
            StatusCode::UNAUTHORIZED,
            "Token de reîmprospătare invalid sau expirat.",
        ),
    }
}

/// DELETE /auth: ends the current token's session.
#[utoipa::path(delete, path = "/auth", tag = "auth",
    params(("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "Session ended")))]
pub async fn logout(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    match authorize(&state, &headers) {
        Ok(claims) => {
            state.sessions().revoked.insert(claims.jti);
            reply::ok(json!([]))
        }
        Err(response) => *response,
    }
}

/// Mints a token pair for `account`.
fn issue(state: &AppState, account: &str) -> Response {
    let config = state.config();
    let now = Utc::now().timestamp();
    let lifetime = i64::try_from(config.token_lifetime_secs).unwrap_or(i64::MAX / 4);
    let refresh_lifetime = i64::try_from(config.refresh_lifetime_secs).unwrap_or(i64::MAX / 4);
    let (jti, generation, refresh_token) = {
        let mut sessions = state.sessions();
        sessions.next_id += 1;
        let jti = format!("s{}", sessions.next_id);
        let refresh_token = format!(
            "rt-{}-{:x}",
            sessions.next_id,
            Utc::now().timestamp_nanos_opt().unwrap_or(now)
        );
        sessions.refresh_tokens.insert(
            refresh_token.clone(),
            (account.to_owned(), now + refresh_lifetime),
        );
        (jti, sessions.generation, refresh_token)
    };
    let claims = Claims {
        sub: account.to_owned(),
        exp: now + lifetime,
        iat: now,
        jti,
        gen: generation,
    };
    let token = match encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(config.jwt_secret.as_bytes()),
    ) {
        Ok(token) => token,
        Err(e) => {
            return reply::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Tokenul nu a putut fi emis: {e}"),
            )
        }
    };
    let expires_at = chrono::DateTime::from_timestamp(claims.exp, 0)
        .unwrap_or_default()
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    reply::ok(json!({"token": token, "expires_at": expires_at, "refresh_token": refresh_token}))
}

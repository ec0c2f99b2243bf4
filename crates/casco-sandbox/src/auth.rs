//! Sessions: HS256 JWTs with a short lifetime, signed with a secret drawn at each start and
//! valid only for a configured account; random, single-use, rotating refresh tokens; and
//! the vendor's habit of answering an expired token with 403 (or 401, configurable).
//!
//! Protected handlers take the session as an extractor: [`Session`] for GET and DELETE,
//! [`AuthorizedObject`] (session and JSON body) for POST.

use crate::config::{SandboxConfig, REFRESH_TOKEN_LENGTHS};
use crate::reply;
use crate::state::{AppState, MidBatchKnob};
use crate::tokens;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
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
const INVALID_TOKEN: &str = "Token invalid.";

/// The answer to an expired or revoked access token: 403, or the configured status.
fn expired_token(config: &SandboxConfig) -> Response {
    let status = StatusCode::from_u16(config.expired_token_status).unwrap_or(StatusCode::FORBIDDEN);
    reply::error(status, EXPIRED)
}

/// The session of a protected request, taken as a handler argument: the handler runs only
/// for a token `authorize` accepts, and otherwise the request is answered with the refusal
/// (the envelope with 401, or 403 or the configured `expiredTokenStatus` for an expired or
/// revoked token). Put it before any path or query argument: extractors run in argument
/// order, and a refused session is answered before a value that cannot be read.
pub struct Session(pub Claims);

impl FromRequestParts<Arc<AppState>> for Session {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Session, Response> {
        authorize(state, &parts.headers)
            .map(Session)
            .map_err(|refused| *refused)
    }
}

/// Checks the `Token` header of a protected route: signed with this start's secret, for an
/// account the sandbox has (a removed account's tokens die with it), not expired or revoked.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<Claims, Box<Response>> {
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
    let key = DecodingKey::from_secret(state.secret.bytes());
    let claims = match decode::<Claims>(value, &key, &validation) {
        Ok(data) => data.claims,
        Err(e) if matches!(e.kind(), ErrorKind::ExpiredSignature) => {
            return Err(Box::new(expired_token(&config)))
        }
        Err(_) => return refuse(StatusCode::UNAUTHORIZED, INVALID_TOKEN),
    };
    // Same answer as a bad signature: a caller learns nothing about which accounts exist.
    if !has_account(&config, &claims.sub) {
        return refuse(StatusCode::UNAUTHORIZED, INVALID_TOKEN);
    }
    let sessions = state.sessions();
    if config.reject_all_tokens
        || claims.gen < sessions.generation
        || sessions.revoked.contains(&claims.jti)
    {
        return Err(Box::new(expired_token(&config)));
    }
    Ok(claims)
}

/// Whether `account` is one of the configured accounts (they can change while running).
fn has_account(config: &SandboxConfig, account: &str) -> bool {
    config.accounts.iter().any(|a| a.account == account)
}

/// The session and the JSON object body of a protected POST, taken as the handler's last
/// argument. A request is refused in this order: a body that cannot be read (over the limit:
/// 413), then the session (401/403, as [`Session`]), then a body that is not a JSON object
/// (400). Every refusal is the envelope.
///
/// The body is read before the session is checked: a POST is read to its end whoever sends
/// it, so the connection stays reusable after a refusal, and an oversized body gets its 413
/// even without a valid token. That is why this is one extractor rather than [`Session`]
/// followed by a body extractor, which would check the session before reading the body.
pub struct AuthorizedObject(pub Claims, pub Value);

impl FromRequest<Arc<AppState>> for AuthorizedObject {
    type Rejection = Response;

    async fn from_request(
        request: Request,
        state: &Arc<AppState>,
    ) -> Result<AuthorizedObject, Response> {
        // The headers outlive the request, which reading the body consumes.
        let headers = request.headers().clone();
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let claims = authorize(state, &headers).map_err(|refused| *refused)?;
        match serde_json::from_slice(&body) {
            Ok(value @ Value::Object(_)) => Ok(AuthorizedObject(claims, value)),
            Ok(_) => Err(reply::error(
                StatusCode::BAD_REQUEST,
                "Corpul cererii trebuie să fie un obiect JSON.",
            )),
            Err(e) => Err(reply::error(
                StatusCode::BAD_REQUEST,
                format!("JSON invalid în corpul cererii: {e}"),
            )),
        }
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
    let config = state.config();
    let known = config
        .accounts
        .iter()
        .find(|a| a.account == account && a.password == password);
    match known {
        None => return reply::error(StatusCode::UNAUTHORIZED, "Cont sau parolă greșită."),
        Some(a) if a.locked => {
            return reply::error(
                StatusCode::FORBIDDEN,
                "Contul este blocat. Contactați administratorul CascoApi.",
            )
        }
        Some(_) => {}
    }
    state.counters.logins.fetch_add(1, Ordering::SeqCst);
    issue(&state, account)
}

/// PATCH /auth with `Token: Refresh <refresh_token>`; the refresh token is single-use, and
/// only renews a session of an account the sandbox still has.
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
        Some((account, expires))
            if expires > Utc::now().timestamp() && has_account(&state.config(), &account) =>
        {
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
pub async fn logout(State(state): State<Arc<AppState>>, Session(claims): Session) -> Response {
    state.sessions().revoked.insert(claims.jti);
    reply::ok(json!([]))
}

/// Mints a token pair for `account`.
fn issue(state: &AppState, account: &str) -> Response {
    let config = state.config();
    let now = Utc::now().timestamp();
    let lifetime = i64::try_from(config.token_lifetime_secs).unwrap_or(i64::MAX / 4);
    let refresh_lifetime = i64::try_from(config.refresh_lifetime_secs).unwrap_or(i64::MAX / 4);
    let (jti, generation, refresh_token) =
        match new_session(state, &config, account, now + refresh_lifetime) {
            Ok(session) => session,
            Err(refused) => return *refused,
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
        &EncodingKey::from_secret(state.secret.bytes()),
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

/// Records a new session for `account`: its token id, the current generation, and a refresh
/// token valid until `refresh_expiry`, unique among the live ones.
fn new_session(
    state: &AppState,
    config: &SandboxConfig,
    account: &str,
    refresh_expiry: i64,
) -> Result<(String, u64, String), Box<Response>> {
    let length = config.refresh_token_length;
    if length.is_some_and(|n| !REFRESH_TOKEN_LENGTHS.contains(&n)) {
        // Only reachable from Rust (the config file refuses it): say which knob is wrong.
        return Err(Box::new(reply::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "Configurație invalidă: refreshTokenLength trebuie să fie între {} și {}.",
                REFRESH_TOKEN_LENGTHS.start(),
                REFRESH_TOKEN_LENGTHS.end()
            ),
        )));
    }
    let mut sessions = state.sessions();
    let refresh_token = loop {
        let candidate = tokens::refresh_token(length).map_err(|e| {
            Box::new(reply::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Tokenul nu a putut fi emis: {e}"),
            ))
        })?;
        // 96 random bits at the least make a repeat unheard of; checking makes it impossible.
        if !sessions.refresh_tokens.contains_key(&candidate) {
            break candidate;
        }
    };
    sessions.next_id += 1;
    let jti = format!("s{}", sessions.next_id);
    sessions
        .refresh_tokens
        .insert(refresh_token.clone(), (account.to_owned(), refresh_expiry));
    Ok((jti, sessions.generation, refresh_token))
}

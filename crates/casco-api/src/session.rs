//! The login session: tokens, their expiry, and counters for tests and diagnostics.

use crate::Secret;
use base64::Engine;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Told each new refresh token as a session is renewed (see
/// [`crate::CascoClient::observe_refresh_tokens`]). Refresh tokens are single-use, so anything
/// that remembers one must replace it every time; the client awaits the returned future
/// before the renewed session is used, so what is remembered is never older than what is live.
pub type RefreshTokenObserver =
    Arc<dyn Fn(Secret<String>) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// `data` of `POST /auth` and `PATCH /auth`.
#[derive(Debug, Deserialize)]
pub(crate) struct AuthData {
    pub token: Secret<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
    pub refresh_token: Secret<String>,
}

/// A live session: the JWT, its refresh token and when it stops being accepted.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub jwt: Secret<String>,
    pub refresh: Secret<String>,
    /// From the JWT `exp` claim, else from `expires_at`; `None` when neither is readable
    /// (then only a 401/403 triggers a refresh).
    pub expires_at: Option<DateTime<Utc>>,
    pub received_at: DateTime<Utc>,
}

impl Token {
    pub fn from_auth(data: AuthData, now: DateTime<Utc>) -> Token {
        let expires_at = jwt_expiry(data.token.expose())
            .or_else(|| data.expires_at.as_deref().and_then(bucharest_local_expiry))
            // An expiry already past on arrival means skewed clocks: scheduling refreshes
            // on it would refresh before every call, so rely on 401/403 instead.
            .filter(|expires_at| *expires_at > now);
        Token {
            jwt: data.token,
            refresh: data.refresh_token,
            expires_at,
            received_at: now,
        }
    }

    /// True when the token is expired or within `margin` of expiry. The margin is capped
    /// at half the token's lifetime so short-lived tokens are not refreshed on every call.
    pub fn needs_refresh(&self, now: DateTime<Utc>, margin: Duration) -> bool {
        let Some(expires_at) = self.expires_at else {
            return false;
        };
        let lifetime = (expires_at - self.received_at).to_std().unwrap_or_default();
        let margin = chrono::Duration::from_std(margin.min(lifetime / 2)).unwrap_or_default();
        now >= expires_at - margin
    }

    pub fn info(&self) -> SessionInfo {
        SessionInfo {
            expires_at: self.expires_at,
        }
    }
}

/// What a caller may know about the session (never the tokens themselves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// When the current token stops being accepted, if known.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Counts of session traffic, so tests can assert "exactly one refresh".
#[derive(Debug, Default)]
pub struct SessionStats {
    logins: AtomicU64,
    refreshes: AtomicU64,
}

impl SessionStats {
    /// Login requests sent.
    pub fn logins(&self) -> u64 {
        self.logins.load(Ordering::SeqCst)
    }
    /// Refresh requests sent.
    pub fn refreshes(&self) -> u64 {
        self.refreshes.load(Ordering::SeqCst)
    }
    pub(crate) fn count_login(&self) {
        self.logins.fetch_add(1, Ordering::SeqCst);
    }
    pub(crate) fn count_refresh(&self) {
        self.refreshes.fetch_add(1, Ordering::SeqCst);
    }
}

/// The `exp` claim of a JWT, read from its payload without verifying the signature
/// (the client cannot verify it and only needs the expiry for scheduling).
pub fn jwt_expiry(token: &str) -> Option<DateTime<Utc>> {
    #[derive(Deserialize)]
    struct Claims {
        exp: i64,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    Utc.timestamp_opt(claims.exp, 0).single()
}

/// The calendar day in Bucharest at `now`: the day CascoApi judges start dates and offer
/// expiry against, whatever the agent's machine clock zone.
pub fn today_in_bucharest(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Europe::Bucharest)
        .date_naive()
}

/// `expires_at` as the API sends it: "YYYY-MM-DD HH:MM:SS" in Europe/Bucharest local time.
/// In the autumn DST overlap the earlier instant is taken (refreshing early is harmless).
pub fn bucharest_local_expiry(text: &str) -> Option<DateTime<Utc>> {
    let local = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    let zoned = chrono_tz::Europe::Bucharest.from_local_datetime(&local);
    zoned
        .earliest()
        .or_else(|| {
            // Spring-forward gap: the wall time does not exist; an hour later does.
            chrono_tz::Europe::Bucharest
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_claim_wins_over_expires_at() {
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"sub":"demo","exp":1630698087}"#);
        let jwt = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.sig");
        let data = AuthData {
            token: Secret::new(jwt),
            expires_at: Some("2030-01-01 00:00:00".into()),
            refresh_token: Secret::from("r"),
        };
        let token = Token::from_auth(data, Utc.with_ymd_and_hms(2021, 9, 3, 0, 0, 0).unwrap());
        assert_eq!(token.expires_at, Utc.timestamp_opt(1630698087, 0).single());
    }

    #[test]
    fn without_a_readable_jwt_expires_at_is_used_and_a_past_expiry_is_ignored() {
        let sample = include_str!("../tests/fixtures/auth_response.json");
        let data: AuthData = crate::envelope::decode("login", 200, sample.as_bytes()).unwrap();
        assert_eq!(data.expires_at.as_deref(), Some("2021-09-03 19:41:27"));
        let before = Utc.with_ymd_and_hms(2021, 9, 3, 16, 0, 0).unwrap();
        let token = Token::from_auth(data, before);
        assert_eq!(
            token.expires_at.unwrap().to_rfc3339(),
            "2021-09-03T16:41:27+00:00"
        );

        let data: AuthData = crate::envelope::decode("login", 200, sample.as_bytes()).unwrap();
        assert_eq!(
            Token::from_auth(data, Utc::now()).expires_at,
            None,
            "already past: ignored"
        );
    }

    #[test]
    fn expires_at_is_bucharest_local_time() {
        // 19:41:27 in Bucharest in September (UTC+3) is 16:41:27 UTC.
        let utc = bucharest_local_expiry("2021-09-03 19:41:27").unwrap();
        assert_eq!(utc.to_rfc3339(), "2021-09-03T16:41:27+00:00");
        // In January Bucharest is UTC+2.
        assert_eq!(
            bucharest_local_expiry("2022-01-10 12:00:00")
                .unwrap()
                .to_rfc3339(),
            "2022-01-10T10:00:00+00:00"
        );
        assert!(bucharest_local_expiry("yesterday").is_none());
    }

    #[test]
    fn margin_is_capped_by_half_the_lifetime() {
        let now = Utc::now();
        let token = Token {
            jwt: Secret::from("a"),
            refresh: Secret::from("b"),
            expires_at: Some(now + chrono::Duration::seconds(10)),
            received_at: now,
        };
        assert!(!token.needs_refresh(now, Duration::from_secs(30)));
        assert!(token.needs_refresh(now + chrono::Duration::seconds(6), Duration::from_secs(30)));
    }
}

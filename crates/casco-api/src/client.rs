//! The CascoApi client: configuration, the session lifecycle and every operation.

use crate::envelope;
use crate::error::ApiError;
use crate::model::{
    Country, County, FilesData, Identifications, Locality, OffersData, PoliciesData, PolicyRequest,
    QuoteRequest, VehicleMake, VehicleModel, VehicleSpecs,
};
use crate::pdf::{self, PdfDocument};
use crate::routes::{self, Method, Route};
use crate::session::{AuthData, SessionInfo, SessionStats, Token};
use crate::Secret;
use chrono::Utc;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Where and how to talk to CascoApi.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL, e.g. `https://casco-qa.api.lifeishard.ro` or the sandbox's.
    pub base_url: url::Url,
    /// Default whole-call timeout (login/refresh and retry included); per call see [`CallOptions`].
    pub timeout: Duration,
    /// TCP connect timeout.
    pub connect_timeout: Duration,
    /// Refresh this long before the token expires (capped at half the token lifetime).
    pub refresh_margin: Duration,
}

impl ClientConfig {
    /// Defaults: 30 s per call, 10 s to connect, refresh 30 s before expiry.
    pub fn new(base_url: &str) -> Result<ClientConfig, ApiError> {
        let base_url = url::Url::parse(base_url)
            .map_err(|e| ApiError::InvalidRequest(format!("base URL {base_url:?}: {e}")))?;
        if base_url.cannot_be_a_base() {
            return Err(ApiError::InvalidRequest(format!(
                "base URL {base_url} cannot have paths"
            )));
        }
        Ok(ClientConfig {
            base_url,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            refresh_margin: Duration::from_secs(30),
        })
    }
}

/// The agent's CascoApi account.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Account name.
    pub account: String,
    /// Password (redacted in Debug).
    pub password: Secret<String>,
}

impl Credentials {
    /// Account and password.
    pub fn new(account: impl Into<String>, password: impl Into<String>) -> Credentials {
        Credentials {
            account: account.into(),
            password: Secret::new(password.into()),
        }
    }
}

/// Per-call options.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallOptions {
    /// Overrides [`ClientConfig::timeout`] for this call.
    pub timeout: Option<Duration>,
}

impl CallOptions {
    /// Options with this call's own timeout.
    pub fn with_timeout(timeout: Duration) -> CallOptions {
        CallOptions {
            timeout: Some(timeout),
        }
    }
}

/// Which `Token` header a request carries.
enum TokenHeader<'a> {
    None,
    Access(&'a Secret<String>),
    Refresh(&'a Secret<String>),
}

/// A CascoApi client for one account. Cheap to share behind an `Arc`; all methods take `&self`.
pub struct CascoClient {
    http: reqwest::Client,
    config: ClientConfig,
    credentials: Credentials,
    /// The session; holding this lock while logging in or refreshing makes every
    /// concurrent caller wait for that one request (single flight).
    session: Mutex<Option<Token>>,
    stats: Arc<SessionStats>,
}

impl CascoClient {
    /// A client that logs in lazily on its first call.
    pub fn new(config: ClientConfig, credentials: Credentials) -> Result<CascoClient, ApiError> {
        let mut headers = reqwest::header::HeaderMap::new();
        // Romanian messages from the API, for agents.
        headers.insert(
            "Content-Language",
            reqwest::header::HeaderValue::from_static("ro"),
        );
        headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("casco-desk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::InvalidRequest(format!("HTTP client: {}", e.without_url())))?;
        Ok(CascoClient {
            http,
            config,
            credentials,
            session: Mutex::new(None),
            stats: Arc::default(),
        })
    }

    /// Login and refresh counters.
    pub fn stats(&self) -> Arc<SessionStats> {
        Arc::clone(&self.stats)
    }

    /// The account this client logs in with.
    pub fn account(&self) -> &str {
        &self.credentials.account
    }

    /// Logs in now (POST /auth) and keeps the new session.
    pub async fn login(&self, opts: CallOptions) -> Result<SessionInfo, ApiError> {
        self.with_timeout(routes::LOGIN, opts, async {
            let mut session = self.session.lock().await;
            let token = self.login_request().await?;
            Ok(session.insert(token).info())
        })
        .await
    }

    /// Refreshes now (PATCH /auth); logs in instead when there is no session or the refresh is refused.
    pub async fn refresh(&self, opts: CallOptions) -> Result<SessionInfo, ApiError> {
        self.with_timeout(routes::REFRESH, opts, async {
            let mut session = self.session.lock().await;
            Ok(self.renew(&mut session).await?.info())
        })
        .await
    }

    /// The refresh token of the live session, for an agent who asked to be remembered.
    pub async fn refresh_token(&self) -> Option<Secret<String>> {
        self.session
            .lock()
            .await
            .as_ref()
            .map(|token| token.refresh.clone())
    }

    /// Resumes a remembered session: PATCH /auth with `refresh_token`, falling back to a
    /// login with the stored credentials only when the server refuses it.
    pub async fn resume(
        &self,
        refresh_token: Secret<String>,
        opts: CallOptions,
    ) -> Result<SessionInfo, ApiError> {
        {
            let now = Utc::now();
            // An already-expired access token that carries the remembered refresh token: the
            // refresh below then goes through the normal single-flight path.
            *self.session.lock().await = Some(Token {
                jwt: Secret::new(String::new()),
                refresh: refresh_token,
                expires_at: Some(now),
                received_at: now,
            });
        }
        self.refresh(opts).await
    }

    /// Ends the session (DELETE /auth) and forgets the tokens; a no-op without a session
    /// or when the server already refuses the token.
    pub async fn logout(&self, opts: CallOptions) -> Result<(), ApiError> {
        self.with_timeout(routes::LOGOUT, opts, async {
            let mut session = self.session.lock().await;
            let Some(token) = session.take() else {
                return Ok(());
            };
            let (status, body) = self
                .send(
                    &routes::LOGOUT,
                    &[],
                    &[],
                    None,
                    TokenHeader::Access(&token.jwt),
                )
                .await?;
            match envelope::decode::<serde::de::IgnoredAny>(routes::LOGOUT.name, status, &body) {
                // A token the server already refuses has no session left to end.
                Ok(_) | Err(ApiError::Auth { .. }) => Ok(()),
                Err(e) => Err(e),
            }
        })
        .await
    }

    /// Quotes one insurer (POST /offer).
    pub async fn quote(
        &self,
        request: &QuoteRequest,
        opts: CallOptions,
    ) -> Result<OffersData, ApiError> {
        let body = encode(request)?;
        self.call(routes::QUOTE, &[], &[], Some(body), opts).await
    }

    /// Downloads an offer's PDF (GET /offer/{id}).
    pub async fn offer_pdf(
        &self,
        offer_id: u64,
        opts: CallOptions,
    ) -> Result<PdfDocument, ApiError> {
        let id = offer_id.to_string();
        self.download_pdf(routes::OFFER_PDF, &[&id], &[], opts)
            .await
    }

    /// Turns an offer into a policy (POST /policy).
    pub async fn issue_policy(
        &self,
        request: &PolicyRequest,
        opts: CallOptions,
    ) -> Result<PoliciesData, ApiError> {
        let body = encode(request)?;
        self.call(routes::ISSUE_POLICY, &[], &[], Some(body), opts)
            .await
    }

    /// Downloads a policy's PDF (GET /policy?series=..&number=..).
    pub async fn policy_pdf(
        &self,
        series: &str,
        number: &str,
        opts: CallOptions,
    ) -> Result<PdfDocument, ApiError> {
        let query = [("series", series), ("number", number)];
        self.download_pdf(routes::POLICY_PDF, &[], &query, opts)
            .await
    }

    /// Countries (GET /nomenclature/country).
    pub async fn countries(&self, opts: CallOptions) -> Result<Vec<Country>, ApiError> {
        self.call(routes::COUNTRIES, &[], &[], None, opts).await
    }

    /// Romanian counties (GET /nomenclature/county).
    pub async fn counties(&self, opts: CallOptions) -> Result<Vec<County>, ApiError> {
        self.call(routes::COUNTIES, &[], &[], None, opts).await
    }

    /// Localities of a county by plate code, e.g. "CJ"; empty for an unknown county.
    pub async fn localities(
        &self,
        county_code: &str,
        opts: CallOptions,
    ) -> Result<Vec<Locality>, ApiError> {
        self.call(routes::LOCALITIES, &[county_code], &[], None, opts)
            .await
    }

    /// Vehicle makes (GET /nomenclature/vehicle/make).
    pub async fn vehicle_makes(&self, opts: CallOptions) -> Result<Vec<VehicleMake>, ApiError> {
        self.call(routes::VEHICLE_MAKES, &[], &[], None, opts).await
    }

    /// Models of a make (GET /nomenclature/vehicle/model/{make}).
    pub async fn vehicle_models(
        &self,
        make: &str,
        opts: CallOptions,
    ) -> Result<Vec<VehicleModel>, ApiError> {
        self.call(routes::VEHICLE_MODELS, &[make], &[], None, opts)
            .await
    }

    /// Insurer-specific identifiers for a vehicle (POST /vehicle/identification).
    pub async fn identify_vehicle(
        &self,
        specs: &VehicleSpecs,
        opts: CallOptions,
    ) -> Result<Identifications, ApiError> {
        let body = encode(specs)?;
        self.call(routes::VEHICLE_IDENTIFICATION, &[], &[], Some(body), opts)
            .await
    }

    /// An authenticated GET whose answer is one PDF file, decoded and checked.
    async fn download_pdf(
        &self,
        route: Route,
        params: &[&str],
        query: &[(&str, &str)],
        opts: CallOptions,
    ) -> Result<PdfDocument, ApiError> {
        let files: FilesData = self.call(route, params, query, None, opts).await?;
        pdf::decode_first(&files.files).map_err(|source| ApiError::Pdf {
            operation: route.name,
            source,
        })
    }

    /// An authenticated call: a valid token first, then the request; on 401/403 one
    /// refresh (or re-login) and one retry. A second refusal is returned, never retried.
    async fn call<T: DeserializeOwned>(
        &self,
        route: Route,
        params: &[&str],
        query: &[(&str, &str)],
        body: Option<Vec<u8>>,
        opts: CallOptions,
    ) -> Result<T, ApiError> {
        self.with_timeout(route, opts, async {
            let token = self.current_token().await?;
            let first = self
                .send(
                    &route,
                    params,
                    query,
                    body.as_deref(),
                    TokenHeader::Access(&token),
                )
                .await?;
            match envelope::decode(route.name, first.0, &first.1) {
                Err(ApiError::Auth { status, .. }) => {
                    tracing::info!(
                        operation = route.name,
                        status,
                        "session refused; renewing once"
                    );
                    let renewed = self.renew_after_rejection(&token).await?;
                    let (status, bytes) = self
                        .send(
                            &route,
                            params,
                            query,
                            body.as_deref(),
                            TokenHeader::Access(&renewed),
                        )
                        .await?;
                    envelope::decode(route.name, status, &bytes)
                }
                other => other,
            }
        })
        .await
    }

    async fn with_timeout<T>(
        &self,
        route: Route,
        opts: CallOptions,
        work: impl std::future::Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        let after = opts.timeout.unwrap_or(self.config.timeout);
        tokio::time::timeout(after, work)
            .await
            .unwrap_or(Err(ApiError::Timeout {
                operation: route.name,
                after,
            }))
    }

    /// The current access token, logging in or refreshing first when needed. The session
    /// lock is held across that request, so concurrent callers share it.
    async fn current_token(&self) -> Result<Secret<String>, ApiError> {
        let mut session = self.session.lock().await;
        if let Some(t) = session.as_ref() {
            if !t.needs_refresh(Utc::now(), self.config.refresh_margin) {
                return Ok(t.jwt.clone());
            }
        }
        Ok(self.renew(&mut session).await?.jwt.clone())
    }

    /// After `rejected` was refused: renew unless another caller already did.
    async fn renew_after_rejection(
        &self,
        rejected: &Secret<String>,
    ) -> Result<Secret<String>, ApiError> {
        let mut session = self.session.lock().await;
        if let Some(current) = session.as_ref() {
            if current.jwt != *rejected {
                return Ok(current.jwt.clone());
            }
        }
        Ok(self.renew(&mut session).await?.jwt.clone())
    }

    /// Replaces the session (the caller holds its lock) with a renewed one: a refresh with
    /// its refresh token; a login when there is none or the server refuses it (not on a
    /// transport failure).
    async fn renew<'s>(&self, session: &'s mut Option<Token>) -> Result<&'s Token, ApiError> {
        if let Some(refresh) = session.as_ref().map(|t| t.refresh.clone()) {
            self.stats.count_refresh();
            let (status, body) = self
                .send(
                    &routes::REFRESH,
                    &[],
                    &[],
                    None,
                    TokenHeader::Refresh(&refresh),
                )
                .await?;
            match envelope::decode::<AuthData>(routes::REFRESH.name, status, &body) {
                Ok(data) => return Ok(session.insert(Token::from_auth(data, Utc::now()))),
                Err(e @ ApiError::Decode { .. }) => return Err(e),
                Err(e) => tracing::info!(error = %e, "refresh refused; logging in again"),
            }
        }
        let token = self.login_request().await?;
        Ok(session.insert(token))
    }

    async fn login_request(&self) -> Result<Token, ApiError> {
        self.stats.count_login();
        let query = [
            ("account", self.credentials.account.as_str()),
            ("password", self.credentials.password.expose().as_str()),
        ];
        let (status, body) = self
            .send(&routes::LOGIN, &[], &query, None, TokenHeader::None)
            .await?;
        let data: AuthData = envelope::decode(routes::LOGIN.name, status, &body)?;
        Ok(Token::from_auth(data, Utc::now()))
    }

    /// One HTTP exchange. Errors never carry the URL: the login URL holds the password.
    async fn send(
        &self,
        route: &Route,
        params: &[&str],
        query: &[(&str, &str)],
        body: Option<&[u8]>,
        token: TokenHeader<'_>,
    ) -> Result<(u16, Vec<u8>), ApiError> {
        let url = route
            .url(&self.config.base_url, params)
            .map_err(ApiError::InvalidRequest)?;
        let method = match route.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self.http.request(method, url);
        if !query.is_empty() {
            request = request.query(query);
        }
        request = match token {
            TokenHeader::None => request,
            TokenHeader::Access(jwt) => request.header("Token", jwt.expose().as_str()),
            TokenHeader::Refresh(refresh) => {
                request.header("Token", format!("Refresh {}", refresh.expose()))
            }
        };
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec());
        }
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(route.name, e))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(route.name, e))?;
        tracing::debug!(
            operation = route.name,
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "CascoApi"
        );
        Ok((status, bytes.to_vec()))
    }

    /// Classifies a reqwest failure; only connecting has a transport-level timeout (the
    /// whole-call timeout is applied around the call).
    fn transport_error(&self, operation: &'static str, e: reqwest::Error) -> ApiError {
        let source = e.without_url();
        if source.is_timeout() {
            ApiError::Timeout {
                operation,
                after: self.config.connect_timeout,
            }
        } else if source.is_connect() {
            ApiError::Connect { operation, source }
        } else {
            ApiError::Transport { operation, source }
        }
    }
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value)
        .map_err(|e| ApiError::InvalidRequest(format!("cannot encode the request: {e}")))
}

//! The CascoApi client: configuration, the session lifecycle and every operation.

use crate::calls::{CallObserver, CallOptions, CallTag, CallWatch};
use crate::endpoint;
use crate::envelope;
use crate::error::ApiError;
use crate::model::{
    Country, County, CountyParameter, FilesData, Identifications, Locality, OffersData,
    PoliciesData, PolicyRequest, QuoteRequest, VehicleMake, VehicleModel, VehicleSpecs,
};
use crate::pdf::{self, PdfDocument};
use crate::routes::{self, Route};
use crate::session::{AuthData, RefreshTokenObserver, SessionInfo, SessionStats, Token};
use crate::transport::{Answer, Outgoing, TokenHeader, Transport};
use crate::Secret;
use chrono::Utc;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::Mutex;

/// Where and how to talk to CascoApi.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL, e.g. `https://casco-qa.api.lifeishard.ro` or the sandbox's; it must pass
    /// [`crate::endpoint::check_base_url`] (https, or http on loopback; no credentials).
    pub base_url: url::Url,
    /// Default whole-call timeout (login/refresh and retry included); per call see [`CallOptions`].
    pub timeout: Duration,
    /// TCP connect timeout.
    pub connect_timeout: Duration,
    /// Refresh this long before the token expires (capped at half the token lifetime).
    pub refresh_margin: Duration,
}

impl ClientConfig {
    /// Defaults: 30 s per call, 10 s to connect, refresh 30 s before expiry. Refuses a base URL
    /// that breaks the transport rules before anything is sent.
    pub fn new(base_url: &str) -> Result<ClientConfig, ApiError> {
        let base_url = endpoint::parse_base_url(base_url)?;
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

/// Turns an answer's body into the caller's type; runs on a blocking thread.
type Decoder<T> = fn(&'static str, u16, &[u8]) -> Result<T, ApiError>;

/// A CascoApi client for one account. Cheap to share behind an `Arc`; all methods take `&self`.
pub struct CascoClient {
    transport: Transport,
    config: ClientConfig,
    credentials: Credentials,
    /// The session; holding this lock while logging in or refreshing makes every
    /// concurrent caller wait for that one request (single flight).
    session: Mutex<Option<Token>>,
    stats: Arc<SessionStats>,
    /// Told every new refresh token (they are single-use), e.g. to keep a remembered login.
    on_refresh_token: OnceLock<RefreshTokenObserver>,
    /// Told every finished HTTP exchange, e.g. to keep a log of API calls.
    on_call: OnceLock<CallObserver>,
}

impl CascoClient {
    /// A client that logs in lazily on its first call.
    pub fn new(config: ClientConfig, credentials: Credentials) -> Result<CascoClient, ApiError> {
        let transport = Transport::new(config.base_url.clone(), config.connect_timeout)?;
        Ok(CascoClient {
            transport,
            config,
            credentials,
            session: Mutex::new(None),
            stats: Arc::default(),
            on_refresh_token: OnceLock::new(),
            on_call: OnceLock::new(),
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

    /// Registers the observer told each new refresh token, from every later login or refresh,
    /// before any call waiting on that renewal goes on. Only one observer: false if one is set.
    pub fn observe_refresh_tokens(&self, observer: RefreshTokenObserver) -> bool {
        self.on_refresh_token.set(observer).is_ok()
    }

    /// Registers the observer told each HTTP exchange this client makes once it ends (see
    /// [`crate::calls`]): its route, insurer, timing, outcome and answer size, never what was
    /// sent or received. Only one observer: false if one is set.
    pub fn observe_calls(&self, observer: CallObserver) -> bool {
        self.on_call.set(observer).is_ok()
    }

    /// Logs in now (POST /auth) and keeps the new session.
    pub async fn login(&self, opts: CallOptions) -> Result<SessionInfo, ApiError> {
        self.with_timeout(routes::LOGIN, opts.timeout, async {
            let mut session = self.session.lock().await;
            let token = self.login_request().await?;
            Ok(self.adopt(&mut session, token).await.info())
        })
        .await
    }

    /// Refreshes now (PATCH /auth); logs in instead when there is no session or the refresh is refused.
    pub async fn refresh(&self, opts: CallOptions) -> Result<SessionInfo, ApiError> {
        self.with_timeout(routes::REFRESH, opts.timeout, async {
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
        self.with_timeout(routes::LOGOUT, opts.timeout, async {
            let mut session = self.session.lock().await;
            let Some(token) = session.take() else {
                return Ok(());
            };
            let answer = self
                .send(
                    &routes::LOGOUT,
                    &[],
                    &[],
                    None,
                    TokenHeader::Access(&token.jwt),
                    CallTag::default(),
                )
                .await?;
            match decode_off_runtime(
                routes::LOGOUT,
                answer,
                envelope::decode::<serde::de::IgnoredAny>,
            )
            .await
            .data
            {
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
        self.quote_answered(request, opts).await?.data
    }

    /// Quotes one insurer and keeps the answer as received, for a caller that stores what the
    /// API said. `Err` when no answer arrived (transport, timeout, redirect, size, session);
    /// the answer's own refusal is in [`Answered::data`].
    pub async fn quote_answered(
        &self,
        request: &QuoteRequest,
        opts: CallOptions,
    ) -> Result<Answered<OffersData>, ApiError> {
        let body = encode(request)?;
        let route = routes::QUOTE;
        let insurer = &request.provider.organization.business_name;
        let opts = match opts.insurer {
            Some(_) => opts,
            None => opts.for_insurer(insurer),
        };
        self.call_answered(route, &[], &[], Some(body), opts, envelope::decode)
            .await
    }

    /// Downloads an offer's PDF (GET /offer/{id}).
    pub async fn offer_pdf(
        &self,
        offer_id: u64,
        opts: CallOptions,
    ) -> Result<PdfDocument, ApiError> {
        let id = offer_id.to_string();
        self.call(routes::OFFER_PDF, &[&id], &[], None, opts, decode_pdf)
            .await
    }

    /// Turns an offer into a policy (POST /policy).
    pub async fn issue_policy(
        &self,
        request: &PolicyRequest,
        opts: CallOptions,
    ) -> Result<PoliciesData, ApiError> {
        self.issue_policy_answered(request, opts).await?.data
    }

    /// Turns an offer into a policy and keeps the answer as received: an issued policy is the
    /// costliest answer to lose, so the caller stores the raw body whether or not this version
    /// can read it. `Err` when no answer arrived.
    pub async fn issue_policy_answered(
        &self,
        request: &PolicyRequest,
        opts: CallOptions,
    ) -> Result<Answered<PoliciesData>, ApiError> {
        let body = encode(request)?;
        let route = routes::ISSUE_POLICY;
        self.call_answered(route, &[], &[], Some(body), opts, envelope::decode)
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
        self.call(routes::POLICY_PDF, &[], &query, None, opts, decode_pdf)
            .await
    }

    /// Countries (GET /nomenclature/country).
    pub async fn countries(&self, opts: CallOptions) -> Result<Vec<Country>, ApiError> {
        self.get(routes::COUNTRIES, &[], opts).await
    }

    /// Romanian counties (GET /nomenclature/county).
    pub async fn counties(&self, opts: CallOptions) -> Result<Vec<County>, ApiError> {
        self.get(routes::COUNTIES, &[], opts).await
    }

    /// Localities of a county by plate code, e.g. "CJ"; empty for an unknown county.
    pub async fn localities(
        &self,
        county_code: &str,
        opts: CallOptions,
    ) -> Result<Vec<Locality>, ApiError> {
        self.get(routes::LOCALITIES, &[county_code], opts).await
    }

    /// The localities of `county`, asked under the `first` reading of the county parameter
    /// and, when that list is empty (a county from the list always has localities), under
    /// the other. Returns the list and the reading that gave it (`first` when both are empty),
    /// for the caller to ask that way first next time.
    pub async fn localities_of(
        &self,
        county: &County,
        first: CountyParameter,
        opts: CallOptions,
    ) -> Result<(Vec<Locality>, CountyParameter), ApiError> {
        let found = self.localities(&first.value(county), opts.clone()).await?;
        if !found.is_empty() {
            return Ok((found, first));
        }
        let other = first.other();
        let found = self.localities(&other.value(county), opts).await?;
        let reading = if found.is_empty() { first } else { other };
        Ok((found, reading))
    }

    /// Vehicle makes (GET /nomenclature/vehicle/make).
    pub async fn vehicle_makes(&self, opts: CallOptions) -> Result<Vec<VehicleMake>, ApiError> {
        self.get(routes::VEHICLE_MAKES, &[], opts).await
    }

    /// Models of a make (GET /nomenclature/vehicle/model/{make}).
    pub async fn vehicle_models(
        &self,
        make: &str,
        opts: CallOptions,
    ) -> Result<Vec<VehicleModel>, ApiError> {
        self.get(routes::VEHICLE_MODELS, &[make], opts).await
    }

    /// Insurer-specific identifiers for a vehicle (POST /vehicle/identification).
    pub async fn identify_vehicle(
        &self,
        specs: &VehicleSpecs,
        opts: CallOptions,
    ) -> Result<Identifications, ApiError> {
        let body = encode(specs)?;
        let route = routes::VEHICLE_IDENTIFICATION;
        self.call(route, &[], &[], Some(body), opts, envelope::decode)
            .await
    }

    /// An authenticated GET whose answer is the envelope's `data`.
    async fn get<T: DeserializeOwned + Send + 'static>(
        &self,
        route: Route,
        params: &[&str],
        opts: CallOptions,
    ) -> Result<T, ApiError> {
        self.call(route, params, &[], None, opts, envelope::decode)
            .await
    }

    /// An authenticated call: a valid token first, then the request; on 401/403 one
    /// refresh (or re-login) and one retry. A second refusal is returned, never retried.
    async fn call<T: Send + 'static>(
        &self,
        route: Route,
        params: &[&str],
        query: &[(&str, &str)],
        body: Option<Vec<u8>>,
        opts: CallOptions,
        decode: Decoder<T>,
    ) -> Result<T, ApiError> {
        self.call_answered(route, params, query, body, opts, decode)
            .await?
            .data
    }

    /// [`Self::call`], keeping the final answer as received.
    async fn call_answered<T: Send + 'static>(
        &self,
        route: Route,
        params: &[&str],
        query: &[(&str, &str)],
        body: Option<Vec<u8>>,
        opts: CallOptions,
        decode: Decoder<T>,
    ) -> Result<Answered<T>, ApiError> {
        let tag = opts.tag();
        self.with_timeout(route, opts.timeout, async {
            let token = self.current_token().await?;
            let access = TokenHeader::Access(&token);
            let first = self.send(&route, params, query, body.as_deref(), access, tag);
            let answered = decode_off_runtime(route, first.await?, decode).await;
            let Err(ApiError::Auth { status, .. }) = &answered.data else {
                return Ok(answered);
            };
            tracing::info!(
                operation = route.name,
                status,
                "session refused; renewing once"
            );
            let renewed = self.renew_after_rejection(&token).await?;
            let access = TokenHeader::Access(&renewed);
            let answer = self
                .send(&route, params, query, body.as_deref(), access, tag)
                .await?;
            Ok(decode_off_runtime(route, answer, decode).await)
        })
        .await
    }

    async fn with_timeout<T>(
        &self,
        route: Route,
        timeout: Option<Duration>,
        work: impl std::future::Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        let after = timeout.unwrap_or(self.config.timeout);
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
            let answer = self
                .send(
                    &routes::REFRESH,
                    &[],
                    &[],
                    None,
                    TokenHeader::Refresh(&refresh),
                    CallTag::default(),
                )
                .await?;
            match decode_off_runtime(routes::REFRESH, answer, envelope::decode::<AuthData>)
                .await
                .data
            {
                Ok(data) => {
                    return Ok(self
                        .adopt(session, Token::from_auth(data, Utc::now()))
                        .await)
                }
                Err(e @ ApiError::Decode { .. }) => return Err(e),
                Err(e) => tracing::info!(error = %e, "refresh refused; logging in again"),
            }
        }
        let token = self.login_request().await?;
        Ok(self.adopt(session, token).await)
    }

    /// Makes `token` the session (the caller holds its lock) after telling the observer its
    /// refresh token: the one remembered anywhere must never be older than the live one.
    async fn adopt<'s>(&self, session: &'s mut Option<Token>, token: Token) -> &'s Token {
        if let Some(observer) = self.on_refresh_token.get() {
            observer(token.refresh.clone()).await;
        }
        session.insert(token)
    }

    async fn login_request(&self) -> Result<Token, ApiError> {
        self.stats.count_login();
        let query = [
            ("account", self.credentials.account.as_str()),
            ("password", self.credentials.password.expose().as_str()),
        ];
        let answer = self
            .send(
                &routes::LOGIN,
                &[],
                &query,
                None,
                TokenHeader::None,
                CallTag::default(),
            )
            .await?;
        let data = decode_off_runtime(routes::LOGIN, answer, envelope::decode::<AuthData>)
            .await
            .data?;
        Ok(Token::from_auth(data, Utc::now()))
    }

    /// One HTTP exchange, told to the call observer once it ends (or is dropped).
    async fn send(
        &self,
        route: &Route,
        params: &[&str],
        query: &[(&str, &str)],
        body: Option<&[u8]>,
        token: TokenHeader<'_>,
        tag: CallTag<'_>,
    ) -> Result<Answer, ApiError> {
        let out = Outgoing {
            params,
            query,
            body,
            token,
        };
        let watch = CallWatch::start(self.on_call.get(), *route, tag);
        let sent = self.transport.send(route, out).await;
        watch.finish(sent.as_ref().map(|a| (a.status, a.body.len())));
        sent
    }
}

/// An answer as received, with what it decodes to.
pub struct Answered<T> {
    /// HTTP status.
    pub status: u16,
    /// The body as received (within the route's limit).
    pub body: Vec<u8>,
    /// The envelope's `data`, or the error the answer amounts to (a refusal, a
    /// VALIDATION_ERROR, an unreadable body).
    pub data: Result<T, ApiError>,
}

impl<T> std::fmt::Debug for Answered<T> {
    // The body may hold a client's data: its size only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answered")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .field("ok", &self.data.is_ok())
            .finish()
    }
}

/// Decodes on a blocking thread: a large or slow-to-parse body never stalls the async
/// runtime, so every call's timeout fires on time.
async fn decode_off_runtime<T: Send + 'static>(
    route: Route,
    answer: Answer,
    decode: Decoder<T>,
) -> Answered<T> {
    let decoded = tokio::task::spawn_blocking(move || {
        let data = decode(route.name, answer.status, &answer.body);
        (answer, data)
    })
    .await;
    match decoded {
        Ok((answer, data)) => Answered {
            status: answer.status,
            body: answer.body,
            data,
        },
        Err(e) => Answered {
            status: 0,
            body: Vec::new(),
            data: Err(ApiError::Decode {
                operation: route.name,
                path: String::new(),
                message: format!("the decoder stopped: {e}"),
            }),
        },
    }
}

/// The envelope of a PDF route, then its first file checked as a PDF.
fn decode_pdf(operation: &'static str, status: u16, body: &[u8]) -> Result<PdfDocument, ApiError> {
    let files: FilesData = envelope::decode(operation, status, body)?;
    pdf::decode_first(&files.files).map_err(|source| ApiError::Pdf { operation, source })
}

fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value)
        .map_err(|e| ApiError::InvalidRequest(format!("cannot encode the request: {e}")))
}

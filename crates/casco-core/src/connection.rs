//! The agent's connection to CascoApi in the chosen environment: log in (optionally remembered
//! in the OS keychain), log out, and the one client every later feature calls through.
//!
//! Invariant: at most one live client, always for the environment in the settings; switching
//! environment drops it, so Demo, QA and custom sessions never mix.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use casco_api::{CallObserver, CallOptions, CascoClient, ClientConfig, Credentials, Probe, Secret};
use serde::Serialize;
use tokio::sync::Mutex;

use crate::api_errors::app_error;
use crate::error::{ensure_no_field_errors, AppError, ErrorCode, FieldErrors};
use crate::keychain::{self, Keychain, KeychainError};
use crate::messages::Message;
use crate::remembered::{self, refresh_token_keeper, RememberedLogin};
use crate::settings::{EnvironmentKind, EnvironmentSettings};

/// Which API to talk to, and the key that keeps its data and secrets apart from the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTarget {
    /// Demo, QA or Custom.
    pub kind: EnvironmentKind,
    /// `demo`, `qa` or `custom:<url>`: namespaces keychain entries and cached data.
    pub key: String,
    /// The base URL.
    pub base_url: String,
}

impl ApiTarget {
    /// The target for `env`; Demo points at the built-in sandbox's `demo_url`.
    pub fn from_settings(env: &EnvironmentSettings, demo_url: &str) -> ApiTarget {
        let base_url = env
            .base_url()
            .unwrap_or(demo_url)
            .trim_end_matches('/')
            .to_string();
        let key = match env.kind {
            EnvironmentKind::Demo => "demo".to_string(),
            EnvironmentKind::Qa => "qa".to_string(),
            EnvironmentKind::Custom => format!("custom:{base_url}"),
        };
        ApiTarget {
            kind: env.kind,
            key,
            base_url,
        }
    }
}

/// What the UI shows about the connection (never a secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionStatus {
    /// The environment in force.
    pub environment: EnvironmentKind,
    /// Its base URL.
    pub base_url: String,
    /// The logged-in account.
    pub account: Option<String>,
    /// Whether a session is live.
    pub logged_in: bool,
    /// Whether the login is remembered in the keychain.
    pub remembered: bool,
    /// Something the agent should know, e.g. why an automatic login failed.
    pub notice: Option<Message>,
}

struct Live {
    target: ApiTarget,
    client: Arc<CascoClient>,
    remembered: bool,
    /// While set, every rotated refresh token is written to the keychain.
    keep_refresh_token: Arc<AtomicBool>,
}

/// The connection for the whole app.
pub struct Connection {
    keychain: Arc<dyn Keychain>,
    live: Mutex<Option<Live>>,
    /// The offline indicator's probe, for the base URL it was made for.
    probe: Mutex<Option<(String, Arc<Probe>)>>,
    /// Told every HTTP exchange of every client this connection makes (the API log).
    on_call: Option<CallObserver>,
}

fn new_client(
    target: &ApiTarget,
    account: &str,
    password: Secret<String>,
) -> Result<CascoClient, AppError> {
    let credentials = Credentials {
        account: account.to_string(),
        password,
    };
    ClientConfig::new(&target.base_url)
        .and_then(|config| CascoClient::new(config, credentials))
        .map_err(|e| app_error(&e))
}

impl Connection {
    /// A connection with no session yet.
    pub fn new(keychain: Arc<dyn Keychain>) -> Self {
        Self {
            keychain,
            live: Mutex::new(None),
            probe: Mutex::new(None),
            on_call: None,
        }
    }

    /// This connection with every client it makes telling `observer` each HTTP exchange
    /// (login and refresh included), from the first request on.
    pub fn observing_calls(mut self, observer: CallObserver) -> Self {
        self.on_call = Some(observer);
        self
    }

    /// Makes `target` the environment in force. Demo logs in with `demo` credentials; QA and
    /// Custom log in silently with a remembered login, if there is one. A failed automatic
    /// login leaves the agent logged out with a notice saying why.
    pub async fn switch_to(
        &self,
        target: ApiTarget,
        demo: Option<Credentials>,
    ) -> ConnectionStatus {
        {
            let live = self.live.lock().await;
            if let Some(l) = live.as_ref().filter(|l| l.target == target) {
                return status(&target, Some(l), None);
            }
        }
        *self.live.lock().await = None;
        let (account, password, remembered, refresh) = match demo {
            Some(c) => (c.account, c.password, false, None),
            None => match self.remembered(&target).await {
                Some(r) => (r.account, r.password, true, r.refresh_token),
                None => return status(&target, None, None),
            },
        };
        match self
            .open(&target, &account, password, remembered, refresh)
            .await
        {
            Ok(s) => s,
            Err(e) => {
                log::warn!(
                    "automatic login to {} failed: {:?}",
                    target.base_url,
                    e.message
                );
                status(&target, None, Some(e.message))
            }
        }
    }

    /// Logs in with what the agent typed; `remember` keeps it in the keychain, otherwise any
    /// remembered login for this environment is forgotten.
    pub async fn login(
        &self,
        target: ApiTarget,
        account: &str,
        password: Secret<String>,
        remember: bool,
    ) -> Result<ConnectionStatus, AppError> {
        let account = account.trim();
        let mut fields = FieldErrors::new();
        if account.is_empty() {
            fields.insert("account".into(), vec![Message::AccountRequired]);
        }
        if password.expose().is_empty() {
            fields.insert("password".into(), vec![Message::PasswordRequired]);
        }
        ensure_no_field_errors(fields)?;
        *self.live.lock().await = None;
        let mut s = self
            .open(&target, account, password.clone(), remember, None)
            .await?;
        let env = target.key.clone();
        let kept = if remember {
            let refresh_token = match self.live.lock().await.as_ref() {
                Some(l) => l.client.refresh_token().await,
                None => None,
            };
            let login = RememberedLogin {
                account: account.to_string(),
                password,
                refresh_token,
            };
            keychain::off_thread(&self.keychain, move |k| login.write(k, &env)).await
        } else {
            keychain::off_thread(&self.keychain, move |k| remembered::forget(k, &env)).await
        };
        if let Err(e) = kept {
            log::warn!("keychain: {e}");
            s.remembered = false;
            if remember {
                s.notice = Some(keychain_notice(&e));
            }
            if let Some(l) = self.live.lock().await.as_mut() {
                l.remembered = false;
                l.keep_refresh_token.store(false, Ordering::SeqCst);
            }
        }
        Ok(s)
    }

    /// Ends the session (DELETE /auth), forgets the token and any remembered login for this
    /// environment. The local session ends even if the server cannot be reached.
    pub async fn logout(&self, target: ApiTarget) -> ConnectionStatus {
        let live = self.live.lock().await.take();
        if let Some(l) = live {
            // No rotated token may be written back after the agent logged out.
            l.keep_refresh_token.store(false, Ordering::SeqCst);
            if let Err(e) = l.client.logout(CallOptions::default()).await {
                log::warn!("logout at {} failed: {e}", l.target.base_url);
            }
        }
        let env = target.key.clone();
        let forgot = keychain::off_thread(&self.keychain, move |k| remembered::forget(k, &env));
        if let Err(e) = forgot.await {
            log::warn!("keychain: {e}");
        }
        status(&target, None, None)
    }

    /// The status for `target`.
    pub async fn status(&self, target: &ApiTarget) -> ConnectionStatus {
        let live = self.live.lock().await;
        status(target, live.as_ref().filter(|l| &l.target == target), None)
    }

    /// The live client, for API calls; an auth error when nobody is logged in.
    pub async fn client(&self) -> Result<Arc<CascoClient>, AppError> {
        let live = self.live.lock().await;
        live.as_ref()
            .map(|l| Arc::clone(&l.client))
            .ok_or_else(|| AppError::new(ErrorCode::Auth, Message::NotLoggedIn))
    }

    /// Whether the API of `target` answers a real request within `timeout` (the offline
    /// indicator). The probe is kept between calls, so its connection pool is reused.
    pub async fn reachable(&self, target: &ApiTarget, timeout: Duration) -> bool {
        let probe = {
            let mut cached = self.probe.lock().await;
            match cached.as_ref().filter(|(url, _)| *url == target.base_url) {
                Some((_, probe)) => Arc::clone(probe),
                None => {
                    let Some(probe) = ClientConfig::new(&target.base_url)
                        .and_then(|config| Probe::new(&config))
                        .ok()
                    else {
                        return false;
                    };
                    let probe = Arc::new(probe);
                    *cached = Some((target.base_url.clone(), Arc::clone(&probe)));
                    probe
                }
            }
        };
        probe.answers(timeout).await
    }

    async fn open(
        &self,
        target: &ApiTarget,
        account: &str,
        password: Secret<String>,
        remembered: bool,
        refresh: Option<Secret<String>>,
    ) -> Result<ConnectionStatus, AppError> {
        let client = new_client(target, account, password)?;
        if let Some(observer) = &self.on_call {
            client.observe_calls(Arc::clone(observer));
        }
        let keep_refresh_token = Arc::new(AtomicBool::new(remembered));
        if remembered {
            // Before the first request: resuming rotates the remembered token at once.
            let keeper = refresh_token_keeper(
                Arc::clone(&self.keychain),
                target.key.clone(),
                Arc::clone(&keep_refresh_token),
            );
            client.observe_refresh_tokens(keeper);
        }
        let opened = match refresh {
            Some(token) => client.resume(token, CallOptions::default()).await,
            None => client.login(CallOptions::default()).await,
        };
        opened.map_err(|e| login_error(&e))?;
        let live = Live {
            target: target.clone(),
            client: Arc::new(client),
            remembered,
            keep_refresh_token,
        };
        let s = status(target, Some(&live), None);
        *self.live.lock().await = Some(live);
        Ok(s)
    }

    async fn remembered(&self, target: &ApiTarget) -> Option<RememberedLogin> {
        let env = target.key.clone();
        keychain::off_thread(&self.keychain, move |k| RememberedLogin::read(k, &env)).await
    }
}

/// A refused login as the form shows it: wrong credentials under the password field.
/// A refused login as the form shows it: a locked account under the account field, wrong
/// credentials under the password; a host that cannot be reached as the network failure it is.
fn login_error(e: &casco_api::ApiError) -> AppError {
    let casco_api::ApiError::Auth { message, .. } = e else {
        return app_error(e);
    };
    // The API has no code for a locked account: its message is the only sign.
    let locked = message.as_deref().is_some_and(says_locked);
    let (field, message) = match locked {
        true => ("account", Message::AccountLocked),
        false => ("password", Message::WrongCredentials),
    };
    let mut fields = FieldErrors::new();
    fields.insert(field.into(), vec![message.clone()]);
    AppError {
        code: ErrorCode::Auth,
        message,
        fields: Some(fields),
    }
}

fn says_locked(message: &str) -> bool {
    let m = message.to_lowercase();
    ["blocat", "suspendat", "locked", "suspended"]
        .iter()
        .any(|sign| m.contains(sign))
}

/// What the agent reads when the login could not be remembered: what happened, not a guess.
fn keychain_notice(e: &KeychainError) -> Message {
    match e {
        KeychainError::TooLong { bytes, limit } => Message::KeychainTooLong {
            bytes: u32::try_from(*bytes).unwrap_or(u32::MAX),
            limit: u32::try_from(*limit).unwrap_or(u32::MAX),
        },
        KeychainError::Unavailable(_) => Message::KeychainUnavailable,
    }
}

fn status(target: &ApiTarget, live: Option<&Live>, notice: Option<Message>) -> ConnectionStatus {
    ConnectionStatus {
        environment: target.kind,
        base_url: target.base_url.clone(),
        account: live.map(|l| l.client.account().to_string()),
        logged_in: live.is_some(),
        remembered: live.is_some_and(|l| l.remembered),
        notice,
    }
}

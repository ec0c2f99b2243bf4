//! The agent's connection to CascoApi in the chosen environment: log in (optionally remembered
//! in the OS keychain), log out, and the one client every later feature calls through.
//!
//! Invariant: at most one live client, always for the environment in the settings; switching
//! environment drops it, so Demo, QA and custom sessions never mix.

use std::sync::Arc;

use casco_api::{CallOptions, CascoClient, ClientConfig, Credentials, Secret};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::api_errors::app_error;
use crate::error::{ensure_no_field_errors, AppError, ErrorCode, FieldErrors};
use crate::keychain::{self, Keychain};
use crate::messages::{Language, Message};
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

    /// Whether the API host accepts a TCP connection within `timeout`: the offline indicator's
    /// cheap probe (no request, no session needed).
    pub async fn reachable(&self, timeout: std::time::Duration) -> bool {
        let Ok(url) = url::Url::parse(&self.base_url) else {
            return false;
        };
        let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
            return false;
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        matches!(
            tokio::time::timeout(timeout, tokio::net::TcpStream::connect((host, port))).await,
            Ok(Ok(_))
        )
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
    pub notice: Option<String>,
}

/// A login kept in the keychain when the agent ticks "Ține-mă minte".
#[derive(Serialize, Deserialize)]
struct RememberedLogin {
    account: String,
    password: String,
    /// Lets the next start resume with PATCH /auth instead of sending the password again.
    #[serde(default)]
    refresh_token: Option<String>,
}

struct Live {
    target: ApiTarget,
    client: Arc<CascoClient>,
    remembered: bool,
}

/// The connection for the whole app.
pub struct Connection {
    keychain: Arc<dyn Keychain>,
    live: Mutex<Option<Live>>,
}

fn login_key(target: &ApiTarget) -> String {
    format!("login:{}", target.key)
}

fn new_client(
    target: &ApiTarget,
    account: &str,
    password: Secret<String>,
) -> Result<CascoClient, AppError> {
    let config =
        ClientConfig::new(&target.base_url).map_err(|e| AppError::internal(e.to_string()))?;
    CascoClient::new(
        config,
        Credentials {
            account: account.to_string(),
            password,
        },
    )
    .map_err(|e| AppError::internal(e.to_string()))
}

impl Connection {
    /// A connection with no session yet.
    pub fn new(keychain: Arc<dyn Keychain>) -> Self {
        Self {
            keychain,
            live: Mutex::new(None),
        }
    }

    /// Makes `target` the environment in force. Demo logs in with `demo` credentials; QA and
    /// Custom log in silently with a remembered login, if there is one. A failed automatic
    /// login leaves the agent logged out with a notice saying why.
    pub async fn switch_to(
        &self,
        target: ApiTarget,
        demo: Option<Credentials>,
        lang: Language,
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
            None => match self.remembered(&target) {
                Some(r) => {
                    let refresh = r.refresh_token.map(Secret::new);
                    (r.account, Secret::new(r.password), true, refresh)
                }
                None => return status(&target, None, None),
            },
        };
        match self
            .open(&target, &account, password, remembered, refresh, lang)
            .await
        {
            Ok(s) => s,
            Err(e) => {
                log::warn!(
                    "automatic login to {} failed: {}",
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
        lang: Language,
    ) -> Result<ConnectionStatus, AppError> {
        let account = account.trim();
        let mut fields = FieldErrors::new();
        if account.is_empty() {
            fields.insert("account".into(), vec![Message::AccountRequired.text(lang)]);
        }
        if password.expose().is_empty() {
            fields.insert(
                "password".into(),
                vec![Message::PasswordRequired.text(lang)],
            );
        }
        ensure_no_field_errors(fields, lang)?;
        *self.live.lock().await = None;
        let mut s = self
            .open(&target, account, password.clone(), remember, None, lang)
            .await?;
        let key = login_key(&target);
        let kept = if remember {
            let refresh_token = match self.live.lock().await.as_ref() {
                Some(l) => l.client.refresh_token().await.map(|t| t.expose().clone()),
                None => None,
            };
            let login = RememberedLogin {
                account: account.to_string(),
                password: password.expose().clone(),
                refresh_token,
            };
            let json =
                serde_json::to_string(&login).map_err(|e| AppError::internal(e.to_string()))?;
            self.keychain.set(&key, &Secret::new(json))
        } else {
            self.keychain.delete(&key)
        };
        if let Err(e) = kept {
            log::warn!("keychain: {e}");
            s.remembered = false;
            if remember {
                s.notice = Some(Message::KeychainUnavailable.text(lang));
            }
            if let Some(l) = self.live.lock().await.as_mut() {
                l.remembered = false;
            }
        }
        Ok(s)
    }

    /// Ends the session (DELETE /auth), forgets the token and any remembered login for this
    /// environment. The local session ends even if the server cannot be reached.
    pub async fn logout(&self, target: ApiTarget) -> ConnectionStatus {
        let live = self.live.lock().await.take();
        if let Some(l) = live {
            if let Err(e) = l.client.logout(CallOptions::default()).await {
                log::warn!("logout at {} failed: {e}", l.target.base_url);
            }
        }
        if let Err(e) = self.keychain.delete(&login_key(&target)) {
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
    pub async fn client(&self, lang: Language) -> Result<Arc<CascoClient>, AppError> {
        let live = self.live.lock().await;
        live.as_ref()
            .map(|l| Arc::clone(&l.client))
            .ok_or_else(|| AppError::new(ErrorCode::Auth, Message::NotLoggedIn.text(lang)))
    }

    async fn open(
        &self,
        target: &ApiTarget,
        account: &str,
        password: Secret<String>,
        remembered: bool,
        refresh: Option<Secret<String>>,
        lang: Language,
    ) -> Result<ConnectionStatus, AppError> {
        let client = new_client(target, account, password)?;
        let opened = match refresh {
            Some(token) => client.resume(token, CallOptions::default()).await,
            None => client.login(CallOptions::default()).await,
        };
        opened.map_err(|e| {
            if e.is_auth() {
                let mut fields = FieldErrors::new();
                fields.insert(
                    "password".into(),
                    vec![Message::WrongCredentials.text(lang)],
                );
                AppError {
                    code: ErrorCode::Auth,
                    message: Message::WrongCredentials.text(lang),
                    fields: Some(fields),
                }
            } else {
                app_error(&e, lang)
            }
        })?;
        let live = Live {
            target: target.clone(),
            client: Arc::new(client),
            remembered,
        };
        let s = status(target, Some(&live), None);
        *self.live.lock().await = Some(live);
        Ok(s)
    }

    fn remembered(&self, target: &ApiTarget) -> Option<RememberedLogin> {
        keychain::read_json(self.keychain.as_ref(), &login_key(target))
    }
}

fn status(target: &ApiTarget, live: Option<&Live>, notice: Option<String>) -> ConnectionStatus {
    ConnectionStatus {
        environment: target.kind,
        base_url: target.base_url.clone(),
        account: live.map(|l| l.client.account().to_string()),
        logged_in: live.is_some(),
        remembered: live.is_some_and(|l| l.remembered),
        notice,
    }
}

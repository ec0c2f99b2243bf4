//! The agent's insurers: which are switched on (settings data) and the provider credentials
//! each one needs, kept in the OS keychain per environment. Insurer identities come from the
//! catalogue in casco-api; no insurer is special-cased in code.

use std::sync::Arc;

use casco_api::insurers::{catalogue, find, Insurer};
use casco_api::Secret;
use serde::{Deserialize, Serialize};

use crate::connection::ApiTarget;
use crate::error::{ensure_no_field_errors, AppError, ErrorCode, FieldErrors};
use crate::keychain::{self, Keychain, KeychainError};
use crate::messages::Message;
use crate::settings::{EnvironmentKind, Settings};

/// Where an insurer's provider credentials come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum CredentialSource {
    /// Built into the Demo environment.
    Demo,
    /// Saved by the agent in the keychain.
    Saved,
    /// None yet: the insurer cannot be quoted.
    Missing,
}

/// One row of Setări → Asigurători.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InsurerView {
    /// Catalogue key, e.g. `grawe`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// The products quoted ("casco / casco-leasing").
    pub product: String,
    /// Offer currency, `RON` or `EUR`.
    pub offer_currency: String,
    /// Whether the agent quotes this insurer.
    pub enabled: bool,
    /// Where its credentials come from.
    pub credentials: CredentialSource,
    /// The provider account (not secret), when credentials exist.
    pub account: Option<String>,
}

/// Provider credentials for one insurer, as sent in `provider.authentication`.
#[derive(Debug, Clone)]
pub struct ProviderCredentials {
    /// Provider account.
    pub account: String,
    /// Provider password.
    pub password: Secret<String>,
    /// Provider code (some insurers need it; may be empty); a credential like the password.
    pub code: Secret<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredCredentials {
    account: String,
    password: String,
    code: String,
}

/// Reads and writes the agent's insurer choices and credentials. Every method that touches
/// the keychain is async and does so off the async runtime's threads (see
/// [`keychain::off_thread`]).
#[derive(Clone)]
pub struct InsurerDirectory {
    keychain: Arc<dyn Keychain>,
    demo_credentials: fn(&str) -> (String, String),
}

fn credentials_key(target: &ApiTarget, insurer: &str) -> String {
    format!("insurer:{}:{insurer}", target.key)
}

impl InsurerDirectory {
    /// `demo_credentials` gives the Demo environment's built-in account and password per insurer.
    pub fn new(
        keychain: Arc<dyn Keychain>,
        demo_credentials: fn(&str) -> (String, String),
    ) -> Self {
        Self {
            keychain,
            demo_credentials,
        }
    }

    /// Every catalogue insurer with its state for `target`.
    pub async fn list(&self, target: &ApiTarget, settings: &Settings) -> Vec<InsurerView> {
        let (this, target, settings) = (self.clone(), target.clone(), settings.clone());
        keychain::off_thread(&self.keychain, move |_| {
            catalogue()
                .iter()
                .map(|insurer| this.view(&target, &settings, insurer))
                .collect()
        })
        .await
    }

    fn view(&self, target: &ApiTarget, settings: &Settings, insurer: &Insurer) -> InsurerView {
        let (credentials, account) = match self.credentials_now(target, &insurer.key) {
            Some(c) if target.kind == EnvironmentKind::Demo => {
                (CredentialSource::Demo, Some(c.account))
            }
            Some(c) => (CredentialSource::Saved, Some(c.account)),
            None => (CredentialSource::Missing, None),
        };
        InsurerView {
            key: insurer.key.clone(),
            name: insurer.display_name.clone(),
            product: insurer
                .products
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" / "),
            offer_currency: insurer.offer_currency.code().to_owned(),
            enabled: settings.insurer_enabled(&insurer.key),
            credentials,
            account,
        }
    }

    /// The credentials to quote `insurer` with in `target`, if any.
    pub async fn credentials(
        &self,
        target: &ApiTarget,
        insurer: &str,
    ) -> Option<ProviderCredentials> {
        let (this, target, insurer) = (self.clone(), target.clone(), insurer.to_owned());
        keychain::off_thread(&self.keychain, move |_| {
            this.credentials_now(&target, &insurer)
        })
        .await
    }

    /// [`Self::credentials`] on the calling thread (a keychain round trip).
    fn credentials_now(&self, target: &ApiTarget, insurer: &str) -> Option<ProviderCredentials> {
        if target.kind == EnvironmentKind::Demo {
            let (account, password) = (self.demo_credentials)(insurer);
            return Some(ProviderCredentials {
                account,
                password: Secret::new(password),
                code: Secret::new(String::new()),
            });
        }
        let stored: StoredCredentials =
            keychain::read_json(self.keychain.as_ref(), &credentials_key(target, insurer))?;
        Some(ProviderCredentials {
            account: stored.account,
            password: Secret::new(stored.password),
            code: Secret::new(stored.code),
        })
    }

    /// Checks and keeps an insurer's credentials in the keychain.
    pub async fn save_credentials(
        &self,
        target: &ApiTarget,
        insurer: &str,
        credentials: ProviderCredentials,
    ) -> Result<(), AppError> {
        known(insurer)?;
        if target.kind == EnvironmentKind::Demo {
            return Err(AppError::new(
                ErrorCode::Conflict,
                Message::DemoCredentialsBuiltIn,
            ));
        }
        let mut fields = FieldErrors::new();
        if credentials.account.trim().is_empty() {
            fields.insert("account".into(), vec![Message::Required]);
        }
        if credentials.password.expose().is_empty() {
            fields.insert("password".into(), vec![Message::Required]);
        }
        ensure_no_field_errors(fields)?;
        let stored = StoredCredentials {
            account: credentials.account.trim().to_string(),
            password: credentials.password.expose().clone(),
            code: credentials.code.expose().trim().to_string(),
        };
        let json = serde_json::to_string(&stored).map_err(|e| AppError::internal(e.to_string()))?;
        let key = credentials_key(target, insurer);
        keychain::off_thread(&self.keychain, move |k| k.set(&key, &Secret::new(json)))
            .await
            .map_err(keychain_error)
    }

    /// Forgets an insurer's credentials.
    pub async fn forget_credentials(
        &self,
        target: &ApiTarget,
        insurer: &str,
    ) -> Result<(), AppError> {
        known(insurer)?;
        let key = credentials_key(target, insurer);
        keychain::off_thread(&self.keychain, move |k| k.delete(&key))
            .await
            .map_err(keychain_error)
    }
}

/// The catalogue insurers switched on in `settings`, in catalogue order.
pub fn enabled_insurers(settings: &Settings) -> Vec<&'static Insurer> {
    catalogue()
        .iter()
        .filter(|i| settings.insurer_enabled(&i.key))
        .collect()
}

/// Settings with `insurer` switched on or off.
pub fn with_insurer_enabled(
    mut settings: Settings,
    insurer: &str,
    enabled: bool,
) -> Result<Settings, AppError> {
    known(insurer)?;
    settings.disabled_insurers.retain(|k| k != insurer);
    if !enabled {
        settings.disabled_insurers.push(insurer.to_string());
        settings.disabled_insurers.sort();
    }
    Ok(settings)
}

fn known(insurer: &str) -> Result<&'static Insurer, AppError> {
    find(insurer).ok_or_else(|| AppError::new(ErrorCode::NotFound, Message::UnknownValue))
}

fn keychain_error(e: KeychainError) -> AppError {
    log::warn!("keychain: {e}");
    match e {
        KeychainError::TooLong { bytes, limit } => {
            let message = Message::KeychainTooLong {
                bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
                limit: u32::try_from(limit).unwrap_or(u32::MAX),
            };
            let mut fields = FieldErrors::new();
            fields.insert("password".into(), vec![message.clone()]);
            AppError::validation(message, fields)
        }
        KeychainError::Unavailable(_) => {
            AppError::new(ErrorCode::Storage, Message::KeychainUnavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::MemoryKeychain;
    use crate::settings::EnvironmentSettings;

    fn demo_creds(insurer: &str) -> (String, String) {
        (format!("demo-{insurer}"), "demo".into())
    }

    fn target(kind: EnvironmentKind) -> ApiTarget {
        let env = EnvironmentSettings {
            kind,
            custom_url: "https://api.broker.ro".into(),
        };
        ApiTarget::from_settings(&env, "http://127.0.0.1:9")
    }

    fn directory() -> (Arc<MemoryKeychain>, InsurerDirectory) {
        let k = Arc::new(MemoryKeychain::default());
        (k.clone(), InsurerDirectory::new(k, demo_creds))
    }

    #[tokio::test]
    async fn demo_has_built_in_credentials_for_every_insurer() {
        let (_, d) = directory();
        let list = d
            .list(&target(EnvironmentKind::Demo), &Settings::default())
            .await;
        assert!(list.len() >= 10);
        assert!(list
            .iter()
            .all(|i| i.enabled && i.credentials == CredentialSource::Demo));
        assert_eq!(
            list.iter().find(|i| i.key == "groupama").unwrap().product,
            "casco / casco-leasing"
        );
    }

    #[tokio::test]
    async fn saved_credentials_live_in_the_keychain_per_environment() {
        let (k, d) = directory();
        let qa = target(EnvironmentKind::Qa);
        let creds = ProviderCredentials {
            account: " ag-12 ".into(),
            password: Secret::new("p4ss".into()),
            code: Secret::new("C1".into()),
        };
        d.save_credentials(&qa, "grawe", creds).await.unwrap();
        let list = d.list(&qa, &Settings::default()).await;
        let grawe = list.iter().find(|i| i.key == "grawe").unwrap();
        assert_eq!(
            (grawe.credentials, grawe.account.as_deref()),
            (CredentialSource::Saved, Some("ag-12"))
        );
        assert!(k
            .get("insurer:qa:grawe")
            .unwrap()
            .unwrap()
            .expose()
            .contains("p4ss"));
        // Custom is another environment: nothing there.
        let custom = d
            .list(&target(EnvironmentKind::Custom), &Settings::default())
            .await;
        assert_eq!(
            custom
                .iter()
                .find(|i| i.key == "grawe")
                .unwrap()
                .credentials,
            CredentialSource::Missing
        );

        d.forget_credentials(&qa, "grawe").await.unwrap();
        assert!(d.credentials(&qa, "grawe").await.is_none());
    }

    #[tokio::test]
    async fn empty_credentials_and_unknown_insurers_are_refused() {
        let (_, d) = directory();
        let qa = target(EnvironmentKind::Qa);
        let empty = ProviderCredentials {
            account: " ".into(),
            password: Secret::new(String::new()),
            code: Secret::new(String::new()),
        };
        let e = d
            .save_credentials(&qa, "grawe", empty.clone())
            .await
            .unwrap_err();
        assert_eq!(
            e.fields.unwrap().keys().collect::<Vec<_>>(),
            ["account", "password"]
        );
        assert_eq!(
            d.save_credentials(&qa, "lloyds", empty)
                .await
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
    }

    #[test]
    fn switching_an_insurer_off_and_on_edits_the_settings() {
        let s = with_insurer_enabled(Settings::default(), "uniqa", false).unwrap();
        assert_eq!(s.disabled_insurers, ["uniqa"]);
        let s = with_insurer_enabled(s, "uniqa", true).unwrap();
        assert!(s.disabled_insurers.is_empty());
        assert!(with_insurer_enabled(Settings::default(), "nope", false).is_err());
    }
}

//! Secrets (passwords, refresh tokens, insurer credentials) live in the OS keychain, never in a
//! file or a log. The [`Keychain`] trait keeps the domain testable with [`MemoryKeychain`].

use std::collections::HashMap;
use std::sync::Mutex;

use serde::de::DeserializeOwned;

/// Secrets are casco-api's redacting wrapper: Debug prints `***`, and there is no Serialize.
pub use casco_api::Secret;

/// What went wrong talking to the keychain.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// The platform keychain is missing, locked or refused the request.
    #[error("keychain unavailable: {0}")]
    Unavailable(String),
}

/// A place to keep secrets under string keys.
pub trait Keychain: Send + Sync {
    /// The secret stored under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<Secret<String>>, KeychainError>;
    /// Stores (or replaces) the secret under `key`.
    fn set(&self, key: &str, value: &Secret<String>) -> Result<(), KeychainError>;
    /// Forgets the secret under `key`; forgetting a missing key is not an error.
    fn delete(&self, key: &str) -> Result<(), KeychainError>;
}

/// The JSON value kept under `key`; `None` when there is none, it does not parse, or the
/// keychain fails (logged: a secret that cannot be read is asked for again, not fatal).
pub(crate) fn read_json<T: DeserializeOwned>(keychain: &dyn Keychain, key: &str) -> Option<T> {
    match keychain.get(key) {
        Ok(Some(secret)) => serde_json::from_str(secret.expose()).ok(),
        Ok(None) => None,
        Err(e) => {
            log::warn!("keychain: {e}");
            None
        }
    }
}

/// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) via `keyring`.
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    /// Entries are namespaced by `service` (the app identifier, plus a suffix for debug builds
    /// so a developer's test runs never touch an installed app's secrets).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, key).map_err(unavailable)
    }
}

fn unavailable(e: keyring::Error) -> KeychainError {
    // keyring's errors never include the secret itself.
    KeychainError::Unavailable(e.to_string())
}

impl Keychain for OsKeychain {
    fn get(&self, key: &str) -> Result<Option<Secret<String>>, KeychainError> {
        match self.entry(key)?.get_password() {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, key: &str, value: &Secret<String>) -> Result<(), KeychainError> {
        self.entry(key)?
            .set_password(value.expose())
            .map_err(unavailable)
    }

    fn delete(&self, key: &str) -> Result<(), KeychainError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// An in-memory keychain for unit tests.
#[derive(Default)]
pub struct MemoryKeychain {
    entries: Mutex<HashMap<String, String>>,
}

impl Keychain for MemoryKeychain {
    fn get(&self, key: &str) -> Result<Option<Secret<String>>, KeychainError> {
        Ok(self
            .entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
            .map(Secret::new))
    }

    fn set(&self, key: &str, value: &Secret<String>) -> Result<(), KeychainError> {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.into(), value.expose().clone());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<(), KeychainError> {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Login {
            account: String,
            password: Secret<String>,
        }
        let l = Login {
            account: "agent".into(),
            password: Secret::new("parola-foarte-secreta".into()),
        };
        assert!(!format!("{l:?}").contains("parola"));
    }

    #[test]
    fn memory_keychain_round_trip() {
        let k = MemoryKeychain::default();
        assert!(k.get("a").unwrap().is_none());
        k.set("a", &Secret::new("1".into())).unwrap();
        assert_eq!(k.get("a").unwrap().unwrap().expose(), "1");
        k.delete("a").unwrap();
        k.delete("a").unwrap();
        assert!(k.get("a").unwrap().is_none());
    }
}

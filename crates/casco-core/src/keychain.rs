//! Secrets (passwords, refresh tokens, insurer credentials) live in the OS keychain, never in a
//! file or a log. The [`Keychain`] trait keeps the domain testable with [`MemoryKeychain`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;

/// Secrets are casco-api's redacting wrapper: Debug prints `***`, and there is no Serialize.
pub use casco_api::Secret;

/// Windows Credential Manager's cap on one secret (`CRED_MAX_CREDENTIAL_BLOB_SIZE`, 5 × 512
/// bytes), the smallest of the three platform keychains. Every entry is held to it on every
/// platform, so what works on the Linux CI works for an agent on Windows.
pub const MAX_SECRET_BYTES: usize = 2560;

/// What went wrong talking to the keychain.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// The platform keychain is missing, locked or refused the request.
    #[error("keychain unavailable: {0}")]
    Unavailable(String),
    /// The value does not fit one keychain entry on every platform; nothing was written.
    #[error("the value is {bytes} bytes; a keychain entry holds at most {limit}")]
    TooLong {
        /// The value's size as written (UTF-8).
        bytes: usize,
        /// [`MAX_SECRET_BYTES`].
        limit: usize,
    },
}

/// The size rule for one entry: values are written as UTF-8 bytes (keyring's `set_secret`, not
/// `set_password`, which on Windows writes UTF-16 and so halves what fits) and must fit
/// [`MAX_SECRET_BYTES`].
pub fn check_size(value: &str) -> Result<(), KeychainError> {
    if value.len() > MAX_SECRET_BYTES {
        return Err(KeychainError::TooLong {
            bytes: value.len(),
            limit: MAX_SECRET_BYTES,
        });
    }
    Ok(())
}

/// A place to keep secrets under string keys.
pub trait Keychain: Send + Sync {
    /// The secret stored under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<Secret<String>>, KeychainError>;
    /// Stores (or replaces) the secret under `key`; refuses values over [`check_size`].
    fn set(&self, key: &str, value: &Secret<String>) -> Result<(), KeychainError>;
    /// Forgets the secret under `key`; forgetting a missing key is not an error.
    fn delete(&self, key: &str) -> Result<(), KeychainError>;
}

/// Runs keychain work on a blocking thread: a Secret Service round trip or a macOS keychain
/// prompt must never hold up the async runtime or the window.
pub async fn off_thread<T: Send + 'static>(
    keychain: &Arc<dyn Keychain>,
    work: impl FnOnce(&dyn Keychain) -> T + Send + 'static,
) -> T {
    let keychain = Arc::clone(keychain);
    match tokio::task::spawn_blocking(move || work(keychain.as_ref())).await {
        Ok(value) => value,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

/// The JSON value kept under `key`; `None` when there is none, it does not parse, or the
/// keychain fails (logged: a secret that cannot be read is asked for again, not fatal).
pub(crate) fn read_json<T: DeserializeOwned>(keychain: &dyn Keychain, key: &str) -> Option<T> {
    read_logged(keychain, key).and_then(|secret| serde_json::from_str(secret.expose()).ok())
}

/// The secret under `key`; `None` when there is none or the keychain fails (logged).
pub(crate) fn read_logged(keychain: &dyn Keychain, key: &str) -> Option<Secret<String>> {
    keychain.get(key).unwrap_or_else(|e| {
        log::warn!("keychain: {e}");
        None
    })
}

/// How an [`OsKeychain`] encodes values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// UTF-8 bytes through `set_secret`/`get_secret`: the format of every entry this
    /// version writes.
    Utf8,
    /// `set_password`/`get_password` (UTF-16 on Windows): how releases before the identifier
    /// change wrote their entries. Only read (and deleted) when moving them.
    Legacy,
}

/// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) via `keyring`.
pub struct OsKeychain {
    service: String,
    encoding: Encoding,
}

impl OsKeychain {
    /// Entries are namespaced by `service` (the app identifier, plus a suffix for debug builds
    /// so a developer's test runs never touch an installed app's secrets).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            encoding: Encoding::Utf8,
        }
    }

    /// The entries an earlier release wrote under `service` with `set_password`.
    pub fn legacy(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            encoding: Encoding::Legacy,
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
        let entry = self.entry(key)?;
        let read = match self.encoding {
            Encoding::Utf8 => entry.get_secret().and_then(|bytes| {
                String::from_utf8(bytes).map_err(|e| keyring::Error::BadEncoding(e.into_bytes()))
            }),
            Encoding::Legacy => entry.get_password(),
        };
        match read {
            Ok(v) => Ok(Some(Secret::new(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, key: &str, value: &Secret<String>) -> Result<(), KeychainError> {
        let entry = self.entry(key)?;
        match self.encoding {
            Encoding::Utf8 => {
                check_size(value.expose())?;
                entry.set_secret(value.expose().as_bytes())
            }
            Encoding::Legacy => entry.set_password(value.expose()),
        }
        .map_err(|e| match e {
            keyring::Error::TooLong(_, limit) => KeychainError::TooLong {
                bytes: value.expose().len(),
                limit: limit as usize,
            },
            e => unavailable(e),
        })
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
        check_size(value.expose())?;
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

    /// What Windows would store for `value` through `set_password` (UTF-16).
    fn utf16_bytes(value: &str) -> usize {
        value.encode_utf16().count() * 2
    }

    #[test]
    fn every_entry_fits_windows_limit_as_utf8_where_utf16_would_not() {
        // A real JWT refresh token of 2,000 characters: 4,000 bytes as UTF-16, over the
        // 2,560-byte cap; 2,000 bytes as UTF-8, within it.
        let refresh = "r".repeat(2000);
        assert!(utf16_bytes(&refresh) > MAX_SECRET_BYTES);
        assert!(check_size(&refresh).is_ok());
        // Account, password and insurer credentials are each an entry of their own.
        for value in [
            "agent.broker@agentie.ro".to_string(),
            "parolă-cu-diacritice-ș-ț".repeat(20),
            r#"{"account":"demo-grawe","password":"p","code":"B123"}"#.to_string(),
            "x".repeat(MAX_SECRET_BYTES),
        ] {
            assert!(check_size(&value).is_ok(), "{} bytes", value.len());
        }
        // One byte over is refused, and multi-byte letters count as their UTF-8 bytes.
        let over = "x".repeat(MAX_SECRET_BYTES + 1);
        assert!(matches!(
            check_size(&over),
            Err(KeychainError::TooLong {
                bytes: 2561,
                limit: 2560
            })
        ));
        let diacritics = "ș".repeat(1281); // 2,562 bytes in 1,281 characters
        assert!(check_size(&diacritics).is_err());
        let k = MemoryKeychain::default();
        assert!(matches!(
            k.set("login:qa:refresh", &Secret::new(over)),
            Err(KeychainError::TooLong { .. })
        ));
        assert!(
            k.get("login:qa:refresh").unwrap().is_none(),
            "nothing written"
        );
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

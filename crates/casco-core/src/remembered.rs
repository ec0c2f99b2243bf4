//! A login kept in the OS keychain when the agent ticks *Ține-mă minte*: the account, the
//! password and the refresh token, each in an entry of its own (`login:<env>:account`,
//! `…:password`, `…:refresh`) so each fits every platform's size limit.
//!
//! Refresh tokens are single-use: the stored one is replaced after every refresh, or the next
//! start would find a spent token and have to send the password again.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use casco_api::{RefreshTokenObserver, Secret};

use crate::keychain::{self, Keychain, KeychainError};

/// The keychain key of one part of the remembered login for environment `env`.
fn key(env: &str, part: &str) -> String {
    format!("login:{env}:{part}")
}

/// A remembered login, read back at start.
pub struct RememberedLogin {
    /// The CascoApi account.
    pub account: String,
    /// Its password.
    pub password: Secret<String>,
    /// The last refresh token, to resume without the password.
    pub refresh_token: Option<Secret<String>>,
}

impl RememberedLogin {
    /// The login remembered for `env`; `None` when there is none, or only a part of one.
    pub fn read(keychain: &dyn Keychain, env: &str) -> Option<RememberedLogin> {
        let account = keychain::read_logged(keychain, &key(env, "account"))?;
        let password = keychain::read_logged(keychain, &key(env, "password"))?;
        Some(RememberedLogin {
            account: account.expose().clone(),
            password,
            refresh_token: keychain::read_logged(keychain, &key(env, "refresh")),
        })
    }

    /// Writes every part; when one is refused, the parts already written are removed, so a
    /// login is remembered whole or not at all.
    pub fn write(&self, keychain: &dyn Keychain, env: &str) -> Result<(), KeychainError> {
        let mut parts = vec![
            ("account", Secret::new(self.account.clone())),
            ("password", self.password.clone()),
        ];
        parts.extend(self.refresh_token.clone().map(|t| ("refresh", t)));
        for (part, value) in &parts {
            if let Err(e) = keychain.set(&key(env, part), value) {
                let _ = forget(keychain, env);
                return Err(e);
            }
        }
        Ok(())
    }
}

/// Removes every part of the login remembered for `env`.
pub fn forget(keychain: &dyn Keychain, env: &str) -> Result<(), KeychainError> {
    let mut result = Ok(());
    for part in ["account", "password", "refresh"] {
        if let Err(e) = keychain.delete(&key(env, part)) {
            result = Err(e);
        }
    }
    result
}

/// Keeps the remembered refresh token equal to the live one while `keep` is set: the client
/// awaits each write before it uses the renewed session.
pub fn refresh_token_keeper(
    keychain: Arc<dyn Keychain>,
    env: String,
    keep: Arc<AtomicBool>,
) -> RefreshTokenObserver {
    Arc::new(move |token: Secret<String>| {
        let (keychain, env, keep) = (keychain.clone(), env.clone(), keep.clone());
        Box::pin(async move {
            if !keep.load(Ordering::SeqCst) {
                return;
            }
            let written =
                keychain::off_thread(&keychain, move |k| k.set(&key(&env, "refresh"), &token))
                    .await;
            if let Err(e) = written {
                log::warn!("keychain: the rotated refresh token was not kept: {e}");
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keychain::MemoryKeychain;

    #[test]
    fn a_login_is_remembered_whole_or_not_at_all() {
        let k = MemoryKeychain::default();
        let login = RememberedLogin {
            account: "agent".into(),
            password: Secret::new("parola".into()),
            refresh_token: Some(Secret::new("t".repeat(2000))),
        };
        login.write(&k, "qa").unwrap();
        let read = RememberedLogin::read(&k, "qa").unwrap();
        assert_eq!(read.account, "agent");
        assert_eq!(read.refresh_token.unwrap().expose().len(), 2000);

        let too_long = RememberedLogin {
            refresh_token: Some(Secret::new("t".repeat(3000))),
            ..login
        };
        assert!(matches!(
            too_long.write(&k, "qa"),
            Err(KeychainError::TooLong { .. })
        ));
        assert!(RememberedLogin::read(&k, "qa").is_none());
        assert!(k.get("login:qa:password").unwrap().is_none());
    }
}

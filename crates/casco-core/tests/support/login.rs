//! Logging in the way the login form does, for the connection tests (included with `#[path]`).
#![allow(dead_code)] // each test crate uses a different subset

use casco_api::Secret;
use casco_core::connection::{ApiTarget, Connection, ConnectionStatus};
use casco_core::settings::{EnvironmentKind, EnvironmentSettings};
use casco_core::AppError;

/// A custom environment at `url`.
pub fn custom(url: &str) -> ApiTarget {
    let env = EnvironmentSettings {
        kind: EnvironmentKind::Custom,
        custom_url: url.to_string(),
    };
    ApiTarget::from_settings(&env, "http://127.0.0.1:9")
}

/// The login form submitted with `demo` and `password`, *Ține-mă minte* as `remember`.
pub async fn log_in(
    conn: &Connection,
    target: &ApiTarget,
    password: &str,
    remember: bool,
) -> Result<ConnectionStatus, AppError> {
    let password = Secret::new(password.to_string());
    conn.login(target.clone(), "demo", password, remember).await
}

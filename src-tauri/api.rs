//! The app's link to CascoApi: the built-in sandbox for Demo, the agent's connection and the
//! insurer directory, created once at start.

use std::sync::Arc;

use casco_api::Credentials;
use casco_core::connection::{ApiTarget, Connection};
use casco_core::insurers::InsurerDirectory;
use casco_core::keychain::OsKeychain;
use casco_core::relocation::{self, AppFolders, RelocationReport};
use casco_core::settings::EnvironmentKind;
use casco_core::Settings;
use casco_sandbox::{SandboxConfig, SandboxHandle};

/// Keychain entries are namespaced by build kind, so development and test runs never touch
/// the secrets of an installed app. The service is the app identifier (tauri.conf.json).
const KEYCHAIN_SERVICE: &str = if cfg!(debug_assertions) {
    "ro.cascodesk.desk.dev"
} else {
    "ro.cascodesk.desk"
};

/// The identifier earlier builds used: its data folder and keychain entries are moved at
/// the first start (see [`casco_core::relocation`]). It ended in `.app`, which macOS Finder
/// shows as an application bundle.
pub const OLD_IDENTIFIER: &str = "ro.cascodesk.app";

/// The keychain service of [`OLD_IDENTIFIER`], by build kind as [`KEYCHAIN_SERVICE`].
const OLD_KEYCHAIN_SERVICE: &str = if cfg!(debug_assertions) {
    "ro.cascodesk.app.dev"
} else {
    "ro.cascodesk.app"
};

/// The command-line option naming a sandbox config file (the `casco-sandbox --config`
/// format) for the Demo environment. The e2e suite uses it to make insurers hang; agents never
/// need it, and it changes nothing but the built-in sandbox.
const DEMO_CONFIG_ARG: &str = "--demo-sandbox-config";

/// The Demo sandbox's settings: the built-in defaults unless [`DEMO_CONFIG_ARG`] names a file.
fn demo_config() -> std::io::Result<SandboxConfig> {
    let mut args = std::env::args_os()
        .skip_while(|a| a != DEMO_CONFIG_ARG)
        .skip(1);
    let Some(path) = args.next() else {
        return Ok(SandboxConfig::default());
    };
    let config = SandboxConfig::from_file(path.as_ref()).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{DEMO_CONFIG_ARG}: {e}"),
        )
    })?;
    log::warn!("Demo sandbox configured from {}", path.to_string_lossy());
    Ok(config)
}

/// Managed state for everything that talks to CascoApi.
pub struct Api {
    demo: SandboxHandle,
    keychain: Arc<OsKeychain>,
    /// The agent's session.
    pub connection: Connection,
    /// Insurer choices and credentials.
    pub insurers: InsurerDirectory,
}

impl Api {
    /// Starts the Demo sandbox on 127.0.0.1 (a free port) and opens the OS keychain.
    pub fn start() -> std::io::Result<Self> {
        let demo = tauri::async_runtime::block_on(casco_sandbox::start(demo_config()?))?;
        log::info!("Demo sandbox listening on {}", demo.base_url());
        let keychain = Arc::new(OsKeychain::new(KEYCHAIN_SERVICE));
        Ok(Self {
            demo,
            keychain: keychain.clone(),
            connection: Connection::new(keychain.clone()),
            insurers: InsurerDirectory::new(keychain, casco_sandbox::demo_provider_credentials),
        })
    }

    /// Moves what the release under [`OLD_IDENTIFIER`] kept in `old_data` (its data folder)
    /// and in the keychain to `folders` and this release's keychain service.
    pub fn relocate(
        &self,
        old_data: &std::path::Path,
        folders: &AppFolders,
    ) -> std::io::Result<RelocationReport> {
        let old_keys = OsKeychain::legacy(OLD_KEYCHAIN_SERVICE);
        relocation::relocate(old_data, folders, &old_keys, self.keychain.as_ref())
    }

    /// The API the settings point at.
    pub fn target(&self, settings: &Settings) -> ApiTarget {
        ApiTarget::from_settings(&settings.environment, self.demo.base_url())
    }

    /// The Demo account, for environments that log in by themselves.
    pub fn demo_login(&self, target: &ApiTarget) -> Option<Credentials> {
        let demo = self.demo.config().accounts.into_iter().next()?;
        (target.kind == EnvironmentKind::Demo)
            .then(|| Credentials::new(demo.account, demo.password))
    }

    /// Makes the environment in the settings the one in force (logging in where it can).
    pub async fn connect(&self, settings: &Settings) -> casco_core::connection::ConnectionStatus {
        let target = self.target(settings);
        let demo = self.demo_login(&target);
        self.connection.switch_to(target, demo).await
    }
}

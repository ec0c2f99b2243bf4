//! The Demo environment (the sandbox run in-process on loopback) and this build's keychain
//! service, created once at start.

use std::sync::Arc;

use casco_api::Credentials;
use casco_core::desk::Demo;
use casco_core::keychain::OsKeychain;
use casco_core::relocation::{self, AppFolders, RelocationReport};
use casco_core::store::{DatabaseKey, Sealer};
use casco_sandbox::book_file::{BookCipher, BookCipherSlot};
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

/// The file the Demo sandbox keeps its offers and policies in, next to the database: Demo
/// offers reopened from a draft can still be downloaded and issued after a restart, as a
/// real host's would.
const DEMO_BOOK_FILE: &str = "demo-sandbox-book.json";

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

/// The Demo book sealed like the database: in Demo the agent may type a real client.
struct SealedBook(Sealer);

impl BookCipher for SealedBook {
    fn seal(&self, plain: &str) -> Option<String> {
        self.0.seal(DEMO_BOOK_COLUMN, plain).ok()
    }
    fn open(&self, stored: &str) -> Option<String> {
        self.0.open(DEMO_BOOK_COLUMN, stored).ok()
    }
}

/// The associated data the Demo book is sealed under.
const DEMO_BOOK_COLUMN: &str = "demo.book";

/// The Demo sandbox, running for as long as the app does (dropping it stops the server).
pub struct DemoSandbox(SandboxHandle);

impl DemoSandbox {
    /// Starts the Demo sandbox on 127.0.0.1 (a free port), keeping its book in `folder`
    /// unless the config file names another.
    pub fn start(folder: &std::path::Path, key: &DatabaseKey) -> std::io::Result<DemoSandbox> {
        let mut config = demo_config()?;
        config
            .book_file
            .get_or_insert_with(|| folder.join(DEMO_BOOK_FILE));
        config.book_cipher = BookCipherSlot(Some(Arc::new(SealedBook(Sealer::new(key)))));
        let handle = tauri::async_runtime::block_on(casco_sandbox::start(config))?;
        log::info!("Demo sandbox listening on {}", handle.base_url());
        Ok(DemoSandbox(handle))
    }

    /// Writes the Demo book's latest offers now: the sandbox writes offers behind, at most once
    /// a second, and the app exits without dropping it.
    pub fn flush(&self) {
        self.0.flush_book();
    }

    /// The Demo environment as the desk sees it.
    pub fn demo(&self) -> Demo {
        let account = self.0.config().accounts.into_iter().next();
        let (name, password) = account.map_or_else(Default::default, |a| (a.account, a.password));
        Demo {
            base_url: self.0.base_url().to_owned(),
            login: Credentials::new(name, password),
            provider_credentials: casco_sandbox::demo_provider_credentials,
        }
    }
}

/// The OS keychain under this build's service.
pub fn keychain() -> Arc<OsKeychain> {
    Arc::new(OsKeychain::new(KEYCHAIN_SERVICE))
}

/// Moves what the build under [`OLD_IDENTIFIER`] kept in `old_data` (its data folder) and in
/// the keychain to `folders` and this build's keychain service.
pub fn relocate(
    keychain: &OsKeychain,
    old_data: &std::path::Path,
    folders: &AppFolders,
) -> std::io::Result<RelocationReport> {
    let old_keys = OsKeychain::legacy(OLD_KEYCHAIN_SERVICE);
    relocation::relocate(old_data, folders, &old_keys, keychain)
}

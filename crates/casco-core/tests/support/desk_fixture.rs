//! The desk as the window drives it, for tests: a temp data folder and database, the in-process
//! sandbox, an in-memory keychain and settings, and a host whose file dialog answers a chosen
//! file and whose "system viewer" records what it was asked to open.

// Every test binary compiles this module and each uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use casco_api::Credentials;
use casco_core::desk::{Demo, Desk, DeskParts, Host, SettingsStore};
use casco_core::keychain::MemoryKeychain;
use casco_core::{AppError, Message, Settings};
use casco_sandbox::{SandboxConfig, SandboxHandle};

/// A host with a data folder of its own, a file dialog that answers `picked` and a save
/// dialog that answers `save_to`.
pub struct FakeHost {
    pub data_dir: PathBuf,
    pub picked: Mutex<Option<PathBuf>>,
    pub save_to: Mutex<Option<PathBuf>>,
    /// What the save dialog was asked to offer, in order.
    pub offered: Mutex<Vec<PathBuf>>,
    /// The system's Documents folder.
    pub documents: PathBuf,
    /// Every file opened in the "system viewer", in order.
    pub opened: Mutex<Vec<PathBuf>>,
    /// Every file shown in the "file manager".
    pub revealed: Mutex<Vec<PathBuf>>,
}

impl Host for FakeHost {
    fn data_dir(&self) -> PathBuf {
        self.data_dir.clone()
    }
    fn pick_image(&self) -> Option<PathBuf> {
        self.picked.lock().unwrap().clone()
    }
    fn choose_save_path(&self, suggested: &Path) -> Option<PathBuf> {
        self.offered.lock().unwrap().push(suggested.to_owned());
        self.save_to.lock().unwrap().clone()
    }
    fn documents_dir(&self) -> Option<PathBuf> {
        Some(self.documents.clone())
    }
    fn open_file(&self, path: &Path) -> Result<(), String> {
        if !path.exists() {
            return Err(format!("{} does not exist", path.display()));
        }
        self.opened.lock().unwrap().push(path.to_owned());
        Ok(())
    }
    fn reveal_file(&self, path: &Path) -> Result<(), String> {
        self.revealed.lock().unwrap().push(path.to_owned());
        Ok(())
    }
}

/// Settings kept in memory, counting writes.
#[derive(Default)]
pub struct MemorySettings {
    pub current: Mutex<Settings>,
    pub writes: Mutex<u32>,
}

impl SettingsStore for MemorySettings {
    fn current(&self) -> Settings {
        self.current.lock().unwrap().clone()
    }
    fn write(&self, settings: &Settings) -> Result<(), AppError> {
        *self.current.lock().unwrap() = settings.clone();
        *self.writes.lock().unwrap() += 1;
        Ok(())
    }
    fn notice(&self) -> Option<Message> {
        None
    }
}

pub struct Fixture {
    pub _dir: tempfile::TempDir,
    pub host: Arc<FakeHost>,
    pub settings: Arc<MemorySettings>,
    pub keychain: Arc<MemoryKeychain>,
    pub sandbox: SandboxHandle,
    pub database: PathBuf,
}

impl Fixture {
    pub async fn new(config: SandboxConfig) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let host = Arc::new(FakeHost {
            data_dir: dir.path().join("data"),
            picked: Mutex::new(None),
            save_to: Mutex::new(None),
            offered: Mutex::default(),
            documents: dir.path().join("Documents"),
            opened: Mutex::default(),
            revealed: Mutex::default(),
        });
        Fixture {
            database: dir.path().join("local").join("casco.db"),
            host,
            settings: Arc::default(),
            keychain: Arc::default(),
            sandbox: casco_sandbox::start(config).await.unwrap(),
            _dir: dir,
        }
    }

    /// A desk over this fixture's files: opening it twice is a restart of the app.
    pub fn desk(&self) -> Desk {
        Desk::open(DeskParts {
            host: self.host.clone(),
            settings: self.settings.clone(),
            keychain: self.keychain.clone(),
            demo: Demo {
                base_url: self.sandbox.base_url().to_owned(),
                login: Credentials::new("demo", "demo"),
                provider_credentials: casco_sandbox::demo_provider_credentials,
            },
            database: self.database.clone(),
            unlocked: None,
            notices: Vec::new(),
        })
        .unwrap()
    }
}

/// Every offer of a batch's outcomes, in their order.
#[allow(dead_code)] // not every test that includes this file quotes
pub fn offers_of(
    outcomes: Vec<casco_core::quote::fanout::InsurerOutcome>,
) -> Vec<casco_core::quote::outcome::OfferView> {
    use casco_core::quote::fanout::OutcomeState;
    outcomes
        .into_iter()
        .flat_map(|o| match o.state {
            OutcomeState::Offers { offers } => offers,
            _ => Vec::new(),
        })
        .collect()
}

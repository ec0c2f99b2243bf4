//! The agent's desk: one object that owns what the app works with (the connection to CascoApi,
//! the insurer directory, the local store with its reference data, drafts and comparisons, and
//! the settings) and does, for each thing the agent can do, what the app's commands ask. The
//! shell's commands call it in one to three lines; what only the shell has (the data folder,
//! a file dialog, where settings are written) comes in through [`Host`] and [`SettingsStore`],
//! so every command's logic is tested here with a temp database and the in-process sandbox.

mod book;
mod diagnostic;
mod documents;
mod host;
mod issuing;
mod quoting;
mod reference;
mod session;
mod settings;

use std::path::PathBuf;
use std::sync::Arc;

use casco_api::Credentials;

pub use diagnostic::ExportedLog;
pub use host::{Host, SettingsStore};
pub use quoting::{CnpPrefill, QuoteCheck};
pub use settings::AgencyLogo;

use crate::api_log::ApiLog;
use crate::connection::{ApiTarget, Connection};
use crate::database_key;
use crate::insurers::InsurerDirectory;
use crate::issuing::IssuesInFlight;
use crate::keychain::Keychain;
use crate::messages::Message;
use crate::reference_data::ReferenceData;
use crate::settings::Settings;
use crate::store::{Store, StoreError};
use book::BookSlot;

/// The Demo environment: the sandbox the shell runs on loopback.
#[derive(Debug, Clone)]
pub struct Demo {
    /// Its base URL (a free port chosen at start).
    pub base_url: String,
    /// The account Demo logs in with by itself.
    pub login: Credentials,
    /// Each insurer's built-in provider account and password.
    pub provider_credentials: fn(&str) -> (String, String),
}

/// What a desk is made of.
pub struct DeskParts {
    /// The shell's side.
    pub host: Arc<dyn Host>,
    /// Where settings are kept.
    pub settings: Arc<dyn SettingsStore>,
    /// The OS keychain (a memory one in tests).
    pub keychain: Arc<dyn Keychain>,
    /// The Demo environment.
    pub demo: Demo,
    /// The database file.
    pub database: PathBuf,
    /// Its key, when the shell already read it (to seal the Demo book with it); `None`: the
    /// desk reads it from the keychain itself.
    pub unlocked: Option<database_key::Unlocked>,
    /// What start-up found that the agent must be told (besides the store's and settings').
    pub notices: Vec<Message>,
}

/// The agent's desk (see the module comment).
pub struct Desk {
    host: Arc<dyn Host>,
    settings: Arc<dyn SettingsStore>,
    demo: Demo,
    connection: Connection,
    insurers: InsurerDirectory,
    data: ReferenceData,
    notices: Vec<Message>,
    /// Offers being issued right now, so a second press sends nothing.
    issuing: IssuesInFlight,
    /// The diagnostic log every API call is written to.
    api_log: Arc<ApiLog>,
    /// The session-only database's folder when the keychain could not be reached.
    _temporary: Option<tempfile::TempDir>,
    /// The client book, searched in memory; read in the background at open.
    book: Arc<BookSlot>,
    /// The thread reading the book; joined on drop, so the database is closed when the desk is.
    book_reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some(reader) = self.book_reader.take() {
            let _ = reader.join();
        }
    }
}

impl Desk {
    /// Opens the desk: the store (rebuilt if damaged, refused if newer), no session yet.
    pub fn open(parts: DeskParts) -> Result<Desk, StoreError> {
        let mut notices = parts.notices;
        let unlocked = match parts.unlocked {
            Some(unlocked) => unlocked,
            None => database_key::unlock(&parts.database, parts.keychain.as_ref())?,
        };
        notices.extend(unlocked.notice);
        let data = match ReferenceData::open(&unlocked.path, &unlocked.key) {
            Err(StoreError::KeyMismatch) => {
                notices.push(database_key::set_aside_foreign(&unlocked.path)?);
                ReferenceData::open(&unlocked.path, &unlocked.key)?
            }
            opened => opened?,
        };
        let (book, book_reader) = BookSlot::read_in_background(Arc::clone(data.store()));
        let insurers =
            InsurerDirectory::new(parts.keychain.clone(), parts.demo.provider_credentials);
        let log_days = parts.settings.current().diagnostic.log_days;
        let api_log = ApiLog::open(Arc::clone(data.store()), log_days);
        let connection = Connection::new(parts.keychain).observing_calls(api_log.observer());
        Ok(Desk {
            host: parts.host,
            settings: parts.settings,
            demo: parts.demo,
            connection,
            insurers,
            data,
            notices,
            issuing: IssuesInFlight::default(),
            api_log,
            _temporary: unlocked.temporary,
            book,
            book_reader,
        })
    }

    /// The local store (drafts, comparisons, reference data).
    pub fn store(&self) -> &Arc<Store> {
        self.data.store()
    }

    /// The API the settings in force point at.
    fn target(&self, settings: &Settings) -> ApiTarget {
        ApiTarget::from_settings(&settings.environment, &self.demo.base_url)
    }
}

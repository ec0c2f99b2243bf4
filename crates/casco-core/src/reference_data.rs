//! Reference data as the app uses it: the local store opened once, nomenclature sync (one at a
//! time, cancellable, with progress), instant offline search, and the status shown in
//! Setări → Date de referință.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use casco_api::CascoClient;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::error::{AppError, ErrorCode};
pub use crate::messages::ListKind;
use crate::messages::Message;
use crate::nomenclature::{
    ApiNomenclatureSource, Catalog, Country, County, Index, Locality, Part, SyncOptions,
    SyncProgress, SyncSummary, VehicleMake, VehicleModel,
};
use crate::store::{DatabaseKey, OpenReport, Store, StoreError};

/// Most results a search returns to a typeahead: two screens of its list (it shows nine rows),
/// so the agent types on rather than scrolls. Was 50: a one-letter or empty query then laid out
/// 50 rows per keystroke, the slowest keystrokes in the e2e responsiveness run.
pub const SEARCH_LIMIT: usize = 20;

/// Counties are never cut: all 42 (and Bucharest) show on an empty query.
const COUNTY_LIMIT: usize = 50;

/// Counts and freshness of one kind of list in one environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ListStatus {
    /// Which list.
    pub kind: ListKind,
    /// Rows stored.
    pub rows: u32,
    /// Parts stored (one per county for localities, per make for models).
    pub parts: u32,
    /// Parts whose last refresh failed (their previous rows stay).
    pub failed_parts: u32,
    /// The oldest successful fetch among the parts: the list is at least this fresh.
    pub synced_at: Option<DateTime<Utc>>,
}

/// Everything Setări → Date de referință shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceStatus {
    /// The environment key.
    pub env: String,
    /// One row per list.
    pub lists: Vec<ListStatus>,
    /// The newest successful fetch of anything, for "datele salvate pe …".
    pub last_sync: Option<DateTime<Utc>>,
    /// Nothing was ever synced for this environment.
    pub never_synced: bool,
    /// A sync is running.
    pub syncing: bool,
}

/// Marks a sync as no longer running when dropped.
struct RunningSync<'a>(&'a Mutex<Option<CancellationToken>>);

impl Drop for RunningSync<'_> {
    fn drop(&mut self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// The store, its search indexes and the running sync.
pub struct ReferenceData {
    catalog: Catalog,
    opened: OpenReport,
    running: Mutex<Option<CancellationToken>>,
}

impl ReferenceData {
    /// Opens (or creates, or rebuilds if damaged) the store at `path`, sealed with `key`.
    pub fn open(path: impl AsRef<Path>, key: &DatabaseKey) -> Result<Self, StoreError> {
        let (store, opened) = Store::open(path, key)?;
        Ok(Self {
            catalog: Catalog::new(Arc::new(store)),
            opened,
            running: Mutex::new(None),
        })
    }

    /// The store, for other features' tables.
    pub fn store(&self) -> &Arc<Store> {
        self.catalog.store()
    }

    /// What to tell the agent about opening the store (e.g. it was damaged and rebuilt).
    pub fn notice(&self) -> Option<Message> {
        self.opened.notice()
    }

    /// Refreshes the lists of `env` older than `ttl` (all of them with `force`), streaming
    /// progress. Only one sync runs at a time; a second one is refused as a conflict.
    pub async fn sync(
        &self,
        client: Arc<CascoClient>,
        env: &str,
        force: bool,
        ttl: Duration,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncSummary, AppError> {
        let cancel = {
            let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
            if running.is_some() {
                return Err(AppError::new(ErrorCode::Conflict, Message::SyncRunning));
            }
            let token = CancellationToken::new();
            *running = Some(token.clone());
            token
        };
        // Cleared however this future ends, dropped mid-sync included: a flag left set would
        // refuse every later sync as "already running".
        let _running = RunningSync(&self.running);
        let options = SyncOptions {
            ttl,
            force,
            ..SyncOptions::default()
        };
        let source = ApiNomenclatureSource::new(client).remembering(Arc::clone(self.store()), env);
        self.catalog
            .sync(&source, env, &options, progress, &cancel)
            .await
            .map_err(|e| e.to_app_error())
    }

    /// Stops the running sync, if any; returns whether one was running.
    pub fn cancel(&self) -> bool {
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        running.as_ref().inspect(|t| t.cancel()).is_some()
    }

    /// Counts and freshness per list for `env`.
    pub fn status(&self, env: &str) -> Result<ReferenceStatus, AppError> {
        let states = self
            .store()
            .sync_states(env)
            .map_err(|e| e.to_app_error())?;
        let kinds = [
            ListKind::Countries,
            ListKind::Counties,
            ListKind::Localities,
            ListKind::Makes,
            ListKind::Models,
        ];
        let lists = kinds
            .iter()
            .map(|&kind| {
                let mine: Vec<_> = states
                    .iter()
                    .filter(|s| Part::list(&s.part) == kind)
                    .collect();
                let stored: Vec<_> = mine.iter().filter(|s| s.fetched_at.is_some()).collect();
                ListStatus {
                    kind,
                    rows: stored.iter().map(|s| s.row_count as u32).sum(),
                    parts: stored.len() as u32,
                    failed_parts: mine.iter().filter(|s| s.last_error.is_some()).count() as u32,
                    synced_at: stored.iter().filter_map(|s| s.fetched_at).min(),
                }
            })
            .collect();
        let last_sync = states.iter().filter_map(|s| s.fetched_at).max();
        Ok(ReferenceStatus {
            env: env.to_string(),
            lists,
            last_sync,
            never_synced: last_sync.is_none(),
            syncing: self
                .running
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .is_some(),
        })
    }

    fn index(&self, env: &str) -> Result<Arc<Index>, AppError> {
        self.catalog.index(env).map_err(|e| e.to_app_error())
    }

    /// Countries matching `query`.
    pub fn countries(&self, env: &str, query: &str) -> Result<Vec<Country>, AppError> {
        self.index(env)?
            .countries(query, SEARCH_LIMIT)
            .map_err(|e| e.to_app_error())
    }

    /// Counties matching `query`.
    pub fn counties(&self, env: &str, query: &str) -> Result<Vec<County>, AppError> {
        self.index(env)?
            .counties(query, COUNTY_LIMIT)
            .map_err(|e| e.to_app_error())
    }

    /// Localities of `county` matching `query`.
    pub fn localities(
        &self,
        env: &str,
        county: &str,
        query: &str,
    ) -> Result<Vec<Locality>, AppError> {
        self.index(env)?
            .localities(county, query, SEARCH_LIMIT)
            .map_err(|e| e.to_app_error())
    }

    /// Makes matching `query`.
    pub fn makes(&self, env: &str, query: &str) -> Result<Vec<VehicleMake>, AppError> {
        self.index(env)?
            .makes(query, SEARCH_LIMIT)
            .map_err(|e| e.to_app_error())
    }

    /// Models of `make` matching `query`.
    pub fn models(
        &self,
        env: &str,
        make: &str,
        query: &str,
    ) -> Result<Vec<VehicleModel>, AppError> {
        self.index(env)?
            .models(make, query, SEARCH_LIMIT)
            .map_err(|e| e.to_app_error())
    }
}

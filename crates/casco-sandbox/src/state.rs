//! Shared server state: knobs, counters, sessions and the book of offers and policies.

use crate::config::{FailureMode, SandboxConfig};
use crate::tokens::SigningSecret;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock};

/// State behind every handler.
#[derive(Debug)]
pub struct AppState {
    pub config: RwLock<SandboxConfig>,
    pub counters: Counters,
    pub sessions: Mutex<Sessions>,
    pub book: Mutex<Book>,
    /// Held while the book is written to its file, so writes follow one another and the
    /// last one holds the latest book.
    book_writer: Mutex<()>,
    /// This start's HS256 key: random, never configured, never shown.
    pub secret: SigningSecret,
}

impl AppState {
    /// Fails only when the OS random source cannot give the signing secret.
    pub fn new(config: SandboxConfig) -> std::io::Result<AppState> {
        let today = crate::insurer_behaviour::today_in_bucharest();
        let book = config
            .book_file
            .as_deref()
            .map_or_else(Book::default, |path| {
                crate::book_file::load(path, today, &config.book_cipher)
            });
        Ok(AppState {
            config: RwLock::new(config),
            counters: Counters::default(),
            sessions: Mutex::new(Sessions::default()),
            book: Mutex::new(book),
            book_writer: Mutex::new(()),
            secret: SigningSecret::random()?,
        })
    }

    /// Writes the book to the configured file, if any (a failure is logged: the sandbox
    /// keeps answering from memory).
    pub fn persist_book(&self) {
        let config = self.config();
        let Some(path) = config.book_file else {
            return;
        };
        let _turn = self
            .book_writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let book = self.book().clone();
        if let Err(e) = crate::book_file::save(&path, &book, &config.book_cipher) {
            tracing::warn!(path = %path.display(), error = %e, "sandbox book not written");
        }
    }

    /// A copy of the current knobs (handlers never hold the lock across an await).
    pub fn config(&self) -> SandboxConfig {
        self.config
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn book(&self) -> MutexGuard<'_, Book> {
        self.book.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Forgets the fired [`FailureMode::TokenExpiresMidBatch`] knobs that the config no
    /// longer sets, so setting one again re-arms it; knobs still set stay spent.
    pub fn rearm_removed_mid_batch_knobs(&self) {
        let config = self.config();
        self.sessions()
            .expired_mid_batch
            .retain(|knob| knob.is_set(&config));
    }
}

/// A [`FailureMode::TokenExpiresMidBatch`] knob, kept in [`Sessions::expired_mid_batch`]
/// once it has fired.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MidBatchKnob {
    /// The knob of an insurer, by insurer key.
    Insurer(String),
    /// A knob of `nomenclature_failures`, by its config key.
    Nomenclature(String),
}

impl MidBatchKnob {
    /// Whether the config still sets this knob.
    fn is_set(&self, config: &SandboxConfig) -> bool {
        let mode = match self {
            MidBatchKnob::Insurer(insurer) => config.insurers.get(insurer).and_then(|k| k.failure),
            MidBatchKnob::Nomenclature(key) => config.nomenclature_failures.get(key).copied(),
        };
        mode == Some(FailureMode::TokenExpiresMidBatch)
    }
}

/// Request counters, for tests.
#[derive(Debug, Default)]
pub struct Counters {
    pub logins: AtomicU64,
    pub refreshes: AtomicU64,
    pub requests: Mutex<BTreeMap<String, u64>>,
    /// Requests per latency key, so range latencies walk a reproducible sequence.
    pub latency_draws: Mutex<HashMap<String, u64>>,
}

impl Counters {
    pub fn count_request(&self, route: &str) {
        *self
            .requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(route.to_owned())
            .or_default() += 1;
    }

    pub fn next_draw(&self, key: &str) -> u64 {
        let mut draws = self
            .latency_draws
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let n = draws.entry(key.to_owned()).or_default();
        *n += 1;
        *n
    }

    pub fn snapshot(&self) -> CounterSnapshot {
        CounterSnapshot {
            logins: self.logins.load(Ordering::SeqCst),
            refreshes: self.refreshes.load(Ordering::SeqCst),
            requests: self
                .requests
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }
}

/// Counters at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterSnapshot {
    /// Successful logins.
    pub logins: u64,
    /// Successful refreshes.
    pub refreshes: u64,
    /// Requests per route name (`casco_api::routes`), "unknown" for unmatched paths.
    pub requests: BTreeMap<String, u64>,
}

impl CounterSnapshot {
    /// Requests seen on one route.
    pub fn requests_to(&self, route: &str) -> u64 {
        self.requests.get(route).copied().unwrap_or(0)
    }
}

/// Issued refresh tokens and revocations.
#[derive(Debug, Default)]
pub struct Sessions {
    /// Refresh token → (account, expiry as Unix seconds).
    pub refresh_tokens: HashMap<String, (String, i64)>,
    /// Token ids ended by DELETE /auth.
    pub revoked: HashSet<String>,
    /// [`FailureMode::TokenExpiresMidBatch`] knobs that have fired; each fires once.
    pub expired_mid_batch: HashSet<MidBatchKnob>,
    /// Access tokens minted before this generation count as expired.
    pub generation: u64,
    pub next_id: u64,
}

/// Offers and policies made so far.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Book {
    pub offers: HashMap<u64, StoredOffer>,
    pub policies: Vec<StoredPolicy>,
    pub next_offer_id: u64,
    pub next_policy_number: u64,
}

impl Book {
    /// Offer `id` if `account` made it: another account's offer is as absent as one never
    /// made, so its answer cannot tell that the id exists.
    pub fn offer_of(&self, id: u64, account: &str) -> Option<&StoredOffer> {
        self.offers
            .get(&id)
            .filter(|offer| offer.account == account)
    }
}

/// An offer and what its PDF needs.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredOffer {
    /// The account that asked for it; no other account may see or issue it.
    pub account: String,
    pub insurer: String,
    pub product: String,
    /// The offer exactly as sent in `data.offers[0]`.
    pub offer: Value,
    pub expiry: chrono::NaiveDate,
    pub summary: crate::documents::Summary,
}

/// An issued policy.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StoredPolicy {
    /// The account that issued it (the offer's); no other account may fetch its PDF.
    pub account: String,
    pub offer_id: u64,
    pub series: String,
    pub number: String,
    /// The policy exactly as sent in `data.policies[0]`.
    pub policy: Value,
}

//! Shared server state: knobs, counters, sessions and the book of offers and policies.

use crate::config::{FailureMode, SandboxConfig};
use crate::tokens::SigningSecret;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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
    /// The book changed since it was last written to its file.
    book_dirty: AtomicBool,
    /// Wakes the book file's writer thread ([`crate::book_writer`]) when the book changed.
    pub book_signal: crate::book_writer::WriterSignal,
    /// This start's HS256 key: random, never configured, never shown.
    pub secret: SigningSecret,
}

impl AppState {
    /// Fails only when the OS random source cannot give the signing secret.
    pub fn new(config: SandboxConfig) -> std::io::Result<AppState> {
        let today = crate::insurer_behaviour::today_in_bucharest();
        let mut book = config
            .book_file
            .as_deref()
            .map_or_else(Book::default, |path| {
                crate::book_file::load(path, &config.book_cipher)
            });
        // Long-expired offers, and a book kept before the cap or under a larger one, are cut
        // down as it is read.
        book.forget_stale(today, config.unissued_offers_kept);
        Ok(AppState {
            config: RwLock::new(config),
            counters: Counters::default(),
            sessions: Mutex::new(Sessions::default()),
            book: Mutex::new(book),
            book_writer: Mutex::new(()),
            book_dirty: AtomicBool::new(false),
            book_signal: Default::default(),
            secret: SigningSecret::random()?,
        })
    }

    /// Notes that the book changed: the writer thread ([`crate::book_writer`]) writes it to
    /// the configured file soon (at most [`crate::book_writer::BOOK_WRITE_GAP`] after its last
    /// write), not before this returns. For offers, which a crash may lose (the agent quotes
    /// again); a policy is written at once with [`AppState::persist_book`].
    pub fn book_changed(&self) {
        if self.config().book_file.is_some() {
            self.book_dirty.store(true, Ordering::SeqCst);
            self.book_signal.changed();
        }
    }

    /// Writes the book to the configured file now, if any, and returns once it is written
    /// (a failure is logged: the sandbox keeps answering from memory). For a booked policy,
    /// which must outlive a crash right after its answer.
    pub fn persist_book(&self) {
        self.write_book(true);
    }

    /// Writes the book to the configured file if it changed since its last write (the
    /// writer thread's turn, and the last write when the sandbox stops).
    pub fn flush_book(&self) {
        self.write_book(false);
    }

    /// Writes the book, when it changed or `always`, through [`crate::book_file::save`].
    fn write_book(&self, always: bool) {
        let config = self.config();
        let Some(path) = config.book_file else {
            return;
        };
        let _turn = self
            .book_writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Cleared before the book is read: a change after this marks it again, for the next turn.
        let changed = self.book_dirty.swap(false, Ordering::SeqCst);
        if !changed && !always {
            return;
        }
        // Copied (a few hundred short texts) so the book's lock is not held while it is
        // serialized, sealed and written.
        let book = self.book().clone();
        if let Err(e) = crate::book_file::save(&path, &book, &config.book_cipher) {
            // Still only in memory: the next turn tries again.
            self.book_dirty.store(true, Ordering::SeqCst);
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

/// Offers that expired this long ago, and were never issued, are forgotten: nobody can issue
/// them any more. Until then an expired offer's PDF still downloads and issuing it is refused
/// as expired, the vendor's own answer.
const KEEP_EXPIRED_DAYS: i64 = 90;

/// Offers and policies made so far: every issued offer with its policy, and the newest
/// unissued ones (see [`crate::config::DEFAULT_UNISSUED_OFFERS_KEPT`]).
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Book {
    /// By offer id, which grows with every offer: the first entries are the oldest. (The file
    /// keeps the same JSON map a `HashMap` wrote.)
    pub offers: BTreeMap<u64, StoredOffer>,
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

    /// Forgets the offers never issued that expired more than [`KEEP_EXPIRED_DAYS`] before
    /// `today`, then the oldest of the rest beyond the newest `kept` (at least one). A
    /// forgotten offer answers as one never made. Issued offers always stay. Run at each new
    /// offer, so the book stays this size however long the sandbox runs.
    pub fn forget_stale(&mut self, today: chrono::NaiveDate, kept: usize) {
        let issued: HashSet<u64> = self.policies.iter().map(|p| p.offer_id).collect();
        self.offers.retain(|id, offer| {
            issued.contains(id) || (today - offer.expiry).num_days() <= KEEP_EXPIRED_DAYS
        });
        let unissued: Vec<u64> = self
            .offers
            .keys()
            .filter(|id| !issued.contains(id))
            .copied()
            .collect();
        let excess = unissued.len().saturating_sub(kept.max(1));
        for id in &unissued[..excess] {
            self.offers.remove(id);
        }
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
    pub offer: JsonText,
    pub expiry: chrono::NaiveDate,
    pub summary: crate::documents::Summary,
}

/// A JSON value kept as its compact text. An offer held as a `Value` tree cost about 7 KiB
/// of memory (every object a map node of its own), most of an offer's footprint; as text it
/// costs its length. It is parsed again only where it is read (issuing). In the book file it
/// is the same JSON as the value, so files read either way.
#[derive(Debug, Clone)]
pub struct JsonText(Box<str>);

impl JsonText {
    /// The text of `value`.
    pub fn new(value: &Value) -> JsonText {
        JsonText(value.to_string().into_boxed_str())
    }

    /// The value again (`null` if the text were not JSON, which [`JsonText::new`] rules out).
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }
}

impl serde::Serialize for JsonText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for JsonText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<JsonText, D::Error> {
        Value::deserialize(d).map(|value| JsonText::new(&value))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// An offer of the demo account that expires on `expiry`.
    fn offer(expiry: &str) -> StoredOffer {
        let summary = serde_json::json!({
            "insurer_name": "Asirom", "product": "CASCO", "holder_name": "", "holder_tax_id": "",
            "holder_address": "", "vehicle": "", "license_plate": "", "vin": "",
            "insured_value": "", "premium": "100", "currency": "RON", "installments": [],
            "start": expiry, "end": expiry, "offer_expiry": expiry,
        });
        StoredOffer {
            account: "demo".into(),
            insurer: "asirom".into(),
            product: "CASCO".into(),
            offer: JsonText::new(&Value::Null),
            expiry: day(expiry),
            summary: serde_json::from_value(summary).unwrap(),
        }
    }

    fn issued(offer_id: u64) -> StoredPolicy {
        StoredPolicy {
            account: "demo".into(),
            offer_id,
            series: "AS".into(),
            number: offer_id.to_string(),
            policy: Value::Null,
        }
    }

    #[test]
    fn the_oldest_unissued_offers_go_first_and_issued_ones_never() {
        let mut book = Book::default();
        for id in 1..=6 {
            book.offers.insert(id, offer("2026-12-31"));
        }
        book.policies = vec![issued(1), issued(4)];
        book.forget_stale(day("2026-12-01"), 2);
        let kept: Vec<u64> = book.offers.keys().copied().collect();
        assert_eq!(
            kept,
            [1, 4, 5, 6],
            "issued 1 and 4, and the newest two others"
        );
        book.forget_stale(day("2026-12-01"), 0);
        let kept: Vec<u64> = book.offers.keys().copied().collect();
        assert_eq!(kept, [1, 4, 6], "the newest offer always stays");
    }

    #[test]
    fn an_offer_kept_as_text_is_the_same_json_in_the_file() {
        let offer =
            serde_json::json!({"offerId": 1001, "installments": [{"id": 1, "amount": "10.5"}]});
        let kept = JsonText::new(&offer);
        assert_eq!(
            serde_json::to_value(&kept).unwrap(),
            offer,
            "an object, not a string"
        );
        let read: JsonText = serde_json::from_value(offer.clone()).unwrap();
        assert_eq!(read.value(), offer);
    }

    #[test]
    fn offers_long_expired_go_unless_issued() {
        let mut book = Book::default();
        book.offers.insert(1, offer("2026-01-01"));
        book.offers.insert(2, offer("2026-01-01"));
        book.offers.insert(3, offer("2026-09-10"));
        book.policies = vec![issued(2)];
        // 1 expired 334 days ago; 3 expired 82 days ago, its "expired" answer still useful.
        book.forget_stale(day("2026-12-01"), 500);
        let kept: Vec<u64> = book.offers.keys().copied().collect();
        assert_eq!(kept, [2, 3]);
    }
}

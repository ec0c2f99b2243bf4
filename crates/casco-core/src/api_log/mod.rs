//! The diagnostic log of API calls (Setări → Diagnostic): one entry per HTTP exchange with
//! CascoApi, written by the client's call observer as each one ends.
//!
//! What an entry keeps: when the call started, its operation (the route's name in casco-api's
//! routes table), the insurer it was for, the client it was about in masked form (see
//! [`mask`]), the HTTP status or how it ended without one, its duration and the size of the
//! answer. Never a body, a header, a URL, a token or a password: the observer is not told them.
//! The offline indicator's probe is not an agent's call and is not logged.
//!
//! Entries older than the days set in Setări are forgotten when the app starts, when the
//! setting changes, and, while calls are logged, at most once an hour.

mod export;
pub mod mask;

pub use export::{export_json, file_name};

use std::sync::atomic::{AtomicI64, AtomicU16, Ordering};
use std::sync::Arc;
use std::time::Duration;

use casco_api::model::Person;
use casco_api::{CallObserver, CallOutcome, CallRecord};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::{ApiCallOutcome, ApiCallRow, Store, StoreError};

/// How often logging a call also forgets the entries past their days.
const PRUNE_EVERY: Duration = Duration::from_secs(60 * 60);

/// One logged call, as Setări shows it and the export writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApiCallEntry {
    /// When the request was about to be sent.
    pub at: DateTime<Utc>,
    /// The route's name in casco-api's routes table (`quote`, `offer_pdf`, …).
    pub operation: String,
    /// The insurer's catalogue key, when the call was for one.
    pub insurer: Option<String>,
    /// That insurer's name as agents know it.
    pub insurer_name: Option<String>,
    /// The client the call was about, masked: initials and a masked CNP or CUI.
    pub client: Option<String>,
    /// The HTTP status, when one arrived.
    pub status: Option<u16>,
    /// How the call ended.
    pub outcome: ApiCallOutcome,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
    /// Bytes of the answer's body.
    pub response_bytes: u32,
}

impl ApiCallEntry {
    fn of(row: ApiCallRow) -> ApiCallEntry {
        let insurer_name = row
            .insurer
            .as_deref()
            .map(|key| casco_api::insurers::find(key).map_or(key, |i| &i.display_name))
            .map(str::to_owned);
        ApiCallEntry {
            at: row.started_at,
            operation: row.operation,
            insurer: row.insurer,
            insurer_name,
            client: row.client,
            status: row.status,
            outcome: row.outcome,
            duration_ms: row.duration_ms,
            response_bytes: row.response_bytes,
        }
    }
}

/// The log: writes what the call observer is told, keeps the set number of days.
pub struct ApiLog {
    store: Arc<Store>,
    retention_days: AtomicU16,
    /// When entries were last pruned (Unix milliseconds).
    last_prune_ms: AtomicI64,
}

impl ApiLog {
    /// The log in `store`, keeping `retention_days`; entries already past them are forgotten now.
    pub fn open(store: Arc<Store>, retention_days: u16) -> Arc<ApiLog> {
        let log = ApiLog {
            store,
            retention_days: AtomicU16::new(retention_days),
            last_prune_ms: AtomicI64::new(0),
        };
        log.prune(Utc::now());
        Arc::new(log)
    }

    /// The observer a client tells each finished call to; it writes the call to the log.
    pub fn observer(self: &Arc<Self>) -> CallObserver {
        let log = Arc::clone(self);
        Arc::new(move |call: &CallRecord| log.record(call, Utc::now()))
    }

    /// Writes one call; a failure to write is logged for support and never fails the call.
    /// Forgets the entries past their days when the last time is [`PRUNE_EVERY`] ago.
    pub fn record(&self, call: &CallRecord, now: DateTime<Utc>) {
        if let Err(e) = self.store.record_api_call(&row_of(call)) {
            log::warn!("API call {} not logged: {e}", call.route.name);
        }
        let last = self.last_prune_ms.load(Ordering::Relaxed);
        if prune_due(last, now) {
            self.prune(now);
        }
    }

    /// Keeps `days` from now on, forgetting at once the entries past them.
    pub fn set_retention_days(&self, days: u16) {
        self.retention_days.store(days, Ordering::Relaxed);
        self.prune(Utc::now());
    }

    /// The newest `limit` entries, newest first (all of them without a limit).
    pub fn entries(&self, limit: Option<u32>) -> Result<Vec<ApiCallEntry>, StoreError> {
        let rows = self.store.api_calls(limit)?;
        Ok(rows.into_iter().map(ApiCallEntry::of).collect())
    }

    /// Forgets the entries that started more than the set days before `now`; how many.
    pub fn prune(&self, now: DateTime<Utc>) -> usize {
        self.last_prune_ms
            .store(now.timestamp_millis(), Ordering::Relaxed);
        let days = self.retention_days.load(Ordering::Relaxed);
        self.store
            .prune_api_calls(cutoff(now, days))
            .unwrap_or_else(|e| {
                log::warn!("API log not pruned: {e}");
                0
            })
    }
}

/// The oldest start an entry kept `days` may have at `now`.
pub fn cutoff(now: DateTime<Utc>, days: u16) -> DateTime<Utc> {
    now - chrono::Duration::days(i64::from(days))
}

/// Whether logging a call at `now` also prunes, the last prune being at `last_ms`.
fn prune_due(last_ms: i64, now: DateTime<Utc>) -> bool {
    let every = i64::try_from(PRUNE_EVERY.as_millis()).unwrap_or(i64::MAX);
    now.timestamp_millis().saturating_sub(last_ms) >= every
}

/// The row the log keeps of a call.
fn row_of(call: &CallRecord) -> ApiCallRow {
    let outcome = match call.outcome {
        CallOutcome::Answered { .. } => ApiCallOutcome::Answered,
        CallOutcome::Redirected { .. } => ApiCallOutcome::Redirected,
        CallOutcome::TooLarge => ApiCallOutcome::TooLarge,
        CallOutcome::NoConnection => ApiCallOutcome::NoConnection,
        CallOutcome::ConnectTimeout => ApiCallOutcome::ConnectTimeout,
        CallOutcome::Broken => ApiCallOutcome::Broken,
        CallOutcome::NotSent => ApiCallOutcome::NotSent,
        CallOutcome::Abandoned => ApiCallOutcome::Abandoned,
    };
    ApiCallRow {
        started_at: call.started_at,
        operation: call.route.name.to_owned(),
        insurer: call.insurer.map(str::to_owned),
        client: call.label.as_deref().map(str::to_owned),
        status: call.outcome.status(),
        outcome,
        duration_ms: u32::try_from(call.duration.as_millis()).unwrap_or(u32::MAX),
        response_bytes: u32::try_from(call.response_bytes).unwrap_or(u32::MAX),
    }
}

/// The masked client of a request's policyholder: a company by its name, a person by
/// family then given name, with the masked tax id.
pub fn client_of(person: &Person) -> Option<String> {
    let name = match person.is_legal_entity {
        true => person.business_name.clone().unwrap_or_default(),
        false => [&person.last_name, &person.first_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" "),
    };
    mask::client(&name, &person.tax_id)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

//! The sync engine: refreshes stale nomenclature parts from a [`NomenclatureSource`] into the
//! [`Store`], concurrently under a bound, with retries, progress and cancellation.
//!
//! Order: counties before localities (the county list says which localities to fetch), makes
//! before models. A parent list that fails or is fresh falls back to the stored list for its
//! children. Invariants: a failed part keeps its previous rows and records the error (so it is
//! stale next time); parts already written stay written when the sync is cancelled.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::stream::{FuturesUnordered, StreamExt};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::{NomenclatureSource, Part, SourceError};
use crate::messages::Message;
use crate::store::{PartData, Store, StoreError, SyncState};

/// Where "now" comes from; injectable so tests can age the cache.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(Arc::new(Utc::now))
    }

    /// A clock that asks `now` for the time.
    pub fn from_fn(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

/// How transient failures are retried: `attempts` calls in all, waiting `initial_delay`,
/// then twice that, and so on, never more than `max_delay`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Calls per part, the first included (at least 1).
    pub attempts: u32,
    /// Wait before the first retry.
    pub initial_delay: Duration,
    /// Longest wait between two calls.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 3,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(4),
        }
    }
}

impl RetryPolicy {
    /// The wait after failed call number `failed` (1-based).
    pub fn delay_after(&self, failed: u32) -> Duration {
        let factor = 1u32
            .checked_shl(failed.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.initial_delay
            .saturating_mul(factor)
            .min(self.max_delay)
    }
}

/// How a sync runs.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Parts fetched longer ago than this are refreshed.
    pub ttl: Duration,
    /// Refresh every part whatever its age ("Sincronizează acum").
    pub force: bool,
    /// Most calls in flight at once (at least 1).
    pub concurrency: usize,
    /// Retries of transient failures.
    pub retry: RetryPolicy,
    /// Source of "now" for TTLs and timestamps.
    pub clock: Clock,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            ttl: Duration::from_secs(7 * 24 * 3600),
            force: false,
            concurrency: 8,
            retry: RetryPolicy::default(),
            clock: Clock::system(),
        }
    }
}

/// Where a part is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStage {
    /// The call was sent.
    Started,
    /// The part was stored.
    Succeeded,
    /// The part failed; its previous rows stay.
    Failed,
}

/// One progress event. `total` grows once the county and make lists say how many child parts
/// there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    /// Parts finished (succeeded or failed).
    pub done: u32,
    /// Parts to refresh, as known so far.
    pub total: u32,
    /// The part's key: `localities:CJ`.
    pub part: String,
    /// The part for people: "Localități — CLUJ".
    pub label: Message,
    /// What just happened to it.
    pub stage: ProgressStage,
}

/// A part that was refreshed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartSuccess {
    /// The part's key.
    pub part: String,
    /// Rows now stored.
    pub rows: u32,
}

/// A part that could not be refreshed; its previous rows stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartFailure {
    /// The part's key.
    pub part: String,
    /// The part for people.
    pub label: Message,
    /// Why.
    pub reason: Message,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncSummary {
    /// The environment synced.
    pub env: String,
    /// Parts refreshed.
    pub succeeded: Vec<PartSuccess>,
    /// Parts that failed (retried at the next sync).
    pub failed: Vec<PartFailure>,
    /// Parts skipped because they were younger than the TTL.
    pub fresh: u32,
    /// Keys of parts not finished because the sync was cancelled.
    pub not_run: Vec<String>,
    /// The sync was cancelled before it finished.
    pub cancelled: bool,
}

/// A part to fetch and how to name it.
struct Job {
    part: Part,
    label: Message,
}

/// Decides which parts are stale.
struct Plan {
    states: HashMap<Part, SyncState>,
    now: DateTime<Utc>,
    ttl: chrono::Duration,
    force: bool,
    fresh: u32,
}

impl Plan {
    fn is_stale(&self, part: &Part) -> bool {
        let Some(state) = self.states.get(part) else {
            return true;
        };
        let Some(fetched) = state.fetched_at else {
            return true;
        };
        // A fetch dated in the future means the clock moved back: refresh rather than trust it.
        let age = self.now.signed_duration_since(fetched);
        self.force
            || state.last_error.is_some()
            || age < chrono::Duration::zero()
            || age >= self.ttl
    }

    /// Queues `part` if stale, counting it as fresh otherwise; returns whether it was queued.
    fn offer(&mut self, queue: &mut VecDeque<Job>, part: Part, name: Option<&str>) -> bool {
        if self.is_stale(&part) {
            let label = part.label(name);
            queue.push_back(Job { part, label });
            true
        } else {
            self.fresh += 1;
            false
        }
    }
}

/// Refreshes every stale part of `env` (every part when `options.force`), reporting each step
/// to `progress`. Returns `Err` only when the sync state cannot be read; part failures are in
/// the summary. Store writes happen on this task between awaits, one part at a time.
/// To stream progress through a channel: `&|p| { let _ = tx.send(p); }`.
pub async fn run<S: NomenclatureSource>(
    store: &Store,
    source: &S,
    env: &str,
    options: &SyncOptions,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
    cancel: &CancellationToken,
) -> Result<SyncSummary, StoreError> {
    let states = store
        .sync_states(env)?
        .into_iter()
        .map(|s| (s.part.clone(), s))
        .collect();
    let mut plan = Plan {
        states,
        now: options.clock.now(),
        ttl: chrono::Duration::from_std(options.ttl).unwrap_or(chrono::Duration::MAX),
        force: options.force,
        fresh: 0,
    };
    let mut queue = VecDeque::new();
    for parent in [Part::Counties, Part::Makes, Part::Countries] {
        if !plan.offer(&mut queue, parent.clone(), None) {
            offer_children(
                &mut plan,
                &mut queue,
                &stored_children(store, env, &parent)?,
            );
        }
    }

    let mut summary = SyncSummary {
        env: env.to_owned(),
        succeeded: Vec::new(),
        failed: Vec::new(),
        fresh: 0,
        not_run: Vec::new(),
        cancelled: false,
    };
    let bound = options.concurrency.max(1);
    let (mut done, mut total) = (0u32, queue.len() as u32);
    let mut started: BTreeSet<Part> = BTreeSet::new();
    let mut in_flight = FuturesUnordered::new();
    loop {
        while in_flight.len() < bound && !cancel.is_cancelled() {
            let Some(job) = queue.pop_front() else { break };
            progress(event(done, total, &job, ProgressStage::Started));
            started.insert(job.part.clone());
            let retry = &options.retry;
            in_flight.push(async move {
                let result = fetch(source, &job.part, retry).await;
                (job, result)
            });
        }
        if in_flight.is_empty() {
            break;
        }
        let next = tokio::select! {
            biased;
            () = cancel.cancelled() => None,
            next = in_flight.next() => next,
        };
        let Some((job, result)) = next else { break };
        started.remove(&job.part);
        done += 1;
        let stored = result.map_err(|e| e.message).and_then(|data| {
            if data.is_empty() && !matches!(job.part, Part::Localities(_) | Part::Models(_)) {
                // These lists are never empty in reality; an empty answer is a glitch and
                // must not wipe the agent's offline data.
                return Err(Message::EmptyList);
            }
            let rows = store.replace_part(env, &data, options.clock.now());
            rows.map(|rows| (rows, data)).map_err(|e| e.message())
        });
        match stored {
            Ok((rows, data)) => {
                total += offer_children(&mut plan, &mut queue, &children_of(&data));
                summary.succeeded.push(PartSuccess {
                    part: job.part.key(),
                    rows: u32::try_from(rows).unwrap_or(u32::MAX),
                });
                progress(event(done, total, &job, ProgressStage::Succeeded));
            }
            Err(reason) => {
                // Recording is best effort: if even that fails, the part has no fresh
                // fetched_at and is retried next time anyway.
                let _ = store.record_failure(env, &job.part, &reason, options.clock.now());
                total += offer_children(
                    &mut plan,
                    &mut queue,
                    &stored_children(store, env, &job.part).unwrap_or_default(),
                );
                progress(event(done, total, &job, ProgressStage::Failed));
                summary.failed.push(PartFailure {
                    part: job.part.key(),
                    label: job.label,
                    reason,
                });
            }
        }
    }
    if cancel.is_cancelled() && (!started.is_empty() || !queue.is_empty()) {
        summary.cancelled = true;
        summary.not_run = started
            .iter()
            .chain(queue.iter().map(|j| &j.part))
            .map(Part::key)
            .collect();
    }
    summary.fresh = plan.fresh;
    Ok(summary)
}

fn event(done: u32, total: u32, job: &Job, stage: ProgressStage) -> SyncProgress {
    SyncProgress {
        done,
        total,
        part: job.part.key(),
        label: job.label.clone(),
        stage,
    }
}

/// Child parts (with display names) of a freshly fetched parent.
fn children_of(data: &PartData) -> Vec<(Part, String)> {
    match data {
        PartData::Counties(rows) => rows
            .iter()
            .map(|c| (Part::Localities(c.code.clone()), c.name.clone()))
            .collect(),
        PartData::Makes(rows) => rows
            .iter()
            .map(|m| (Part::Models(m.name.clone()), m.name.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Child parts of a parent from what the store already holds (the parent is fresh or failed).
fn stored_children(
    store: &Store,
    env: &str,
    parent: &Part,
) -> Result<Vec<(Part, String)>, StoreError> {
    let stored = match parent {
        Part::Counties => PartData::Counties(store.counties(env)?),
        Part::Makes => PartData::Makes(store.makes(env)?),
        _ => return Ok(Vec::new()),
    };
    Ok(children_of(&stored))
}

/// Offers every child to the plan; returns how many were queued.
fn offer_children(plan: &mut Plan, queue: &mut VecDeque<Job>, children: &[(Part, String)]) -> u32 {
    let mut queued = 0;
    for (part, name) in children {
        queued += u32::from(plan.offer(queue, part.clone(), Some(name)));
    }
    queued
}

/// One part's call, retried on transient errors with exponential backoff.
async fn fetch<S: NomenclatureSource>(
    source: &S,
    part: &Part,
    retry: &RetryPolicy,
) -> Result<PartData, SourceError> {
    let mut failed = 0u32;
    loop {
        let result = match part {
            Part::Countries => source.countries().await.map(PartData::Countries),
            Part::Counties => source.counties().await.map(PartData::Counties),
            Part::Localities(county) => {
                source
                    .localities(county)
                    .await
                    .map(|rows| PartData::Localities {
                        county: county.clone(),
                        rows,
                    })
            }
            Part::Makes => source.makes().await.map(PartData::Makes),
            Part::Models(make) => source.models(make).await.map(|rows| PartData::Models {
                make: make.clone(),
                rows,
            }),
        };
        match result {
            Err(e) if e.is_transient() && failed + 1 < retry.attempts.max(1) => {
                failed += 1;
                tokio::time::sleep(retry.delay_after(failed)).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let r = RetryPolicy {
            attempts: 5,
            initial_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
        };
        assert_eq!(r.delay_after(1), Duration::from_millis(100));
        assert_eq!(r.delay_after(2), Duration::from_millis(200));
        assert_eq!(r.delay_after(3), Duration::from_millis(350));
        assert_eq!(r.delay_after(40), Duration::from_millis(350));
    }

    #[test]
    fn stale_means_missing_failed_old_or_forced() {
        let now = Utc::now();
        let state = |fetched: Option<DateTime<Utc>>, err: Option<&str>| SyncState {
            part: Part::Makes,
            fetched_at: fetched,
            row_count: 1,
            attempted_at: now,
            last_error: err.map(|text| Message::ServerSaid { text: text.into() }),
        };
        let mut plan = Plan {
            states: HashMap::new(),
            now,
            ttl: chrono::Duration::days(7),
            force: false,
            fresh: 0,
        };
        assert!(plan.is_stale(&Part::Makes));
        plan.states.insert(
            Part::Makes,
            state(Some(now - chrono::Duration::days(1)), None),
        );
        assert!(!plan.is_stale(&Part::Makes));
        plan.states.insert(
            Part::Makes,
            state(Some(now - chrono::Duration::days(7)), None),
        );
        assert!(plan.is_stale(&Part::Makes));
        plan.states
            .insert(Part::Makes, state(Some(now), Some("timeout")));
        assert!(plan.is_stale(&Part::Makes));
        plan.states
            .insert(Part::Makes, state(None, Some("timeout")));
        assert!(plan.is_stale(&Part::Makes));
        plan.states.insert(
            Part::Makes,
            state(Some(now + chrono::Duration::days(2)), None),
        );
        assert!(plan.is_stale(&Part::Makes));
        plan.states.insert(Part::Makes, state(Some(now), None));
        plan.force = true;
        assert!(plan.is_stale(&Part::Makes));
    }
}

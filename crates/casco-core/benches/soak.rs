//! A working day at the desk, compressed: 100 quote batches in a row through the desk core,
//! the same calls the app's commands make, to show that nothing piles up in memory, file
//! handles or threads. The desk runs over a real SQLite file in a temp folder, an in-memory
//! keychain and settings and a fake host (tests/support/desk_fixture.rs), logged in to Demo:
//! the sandbox served in-process on loopback, its ten insurers answering in 2–8 ms so the
//! run measures the desk, not the wait.
//!
//! Each batch does what the wizard and Oferte do for one client: a new draft, its first step
//! typed and autosaved (the draft gets its id), the rest typed and saved again, the ten
//! insurers quoted until every one has answered with offers (anything else panics: that is
//! a functional failure, not a figure), the comparison reopened from the store and arranged,
//! and the draft reopened. Every command's answer is serialized as the IPC would send it.
//!
//! Thirty warm-up batches first fill the allocator's pools, SQLite's page cache and the HTTP
//! connection pool; the start figures are taken after them, and the end figures after the
//! last batch, each after 11 s idle (see [`settled`]). RSS (VmRSS) and SQLite's heap are
//! printed every ten batches. The last line is
//! `soak: rss_start_mib=… rss_end_mib=… growth=… fds_start=… fds_end=… threads_start=… threads_end=…`
//! where growth = (end − start) / start (goal ≤ 0.10) and fds/threads count
//! /proc/self/fd and /proc/self/task (goal: no growth). The sandbox's own memory counts too:
//! it runs in this process, as Demo does in the app (here without the app's book file: its
//! offers are kept in memory only). Nothing is timed against a goal. Linux only (it reads
//! /proc).
//! Run: `scripts/bench soak` or `cargo bench -p casco-core --bench soak`.

use std::time::{Duration, Instant};

use casco_api::insurers;
use casco_core::desk::Desk;
use casco_core::quote::comparison::ComparisonFilter;
use casco_core::quote::fanout::{InsurerOutcome, OutcomeState};
use casco_core::quote::{QuoteDraft, WizardStep};
use casco_core::store::DraftId;
use casco_sandbox::{InsurerKnobs, Latency, SandboxConfig};
use serde::Serialize;

#[path = "../tests/support/desk_fixture.rs"]
mod desk_fixture;
#[path = "../tests/support/sample_draft.rs"]
mod sample_draft;
#[path = "../tests/support/two_workers.rs"]
mod two_workers;
use desk_fixture::Fixture;
use sample_draft::{tomorrow_in_bucharest, valid_draft_from};

/// Batches before the start figures are taken. Not fewer: SQLite's page cache fills up to
/// its default 2 MiB cap over the first 20 to 30 batches (measured with sqlite_mib), a
/// cache reaching its size rather than growth; the desk's RSS is flat after it.
const WARM_UP: usize = 30;
/// Batches measured.
const BATCHES: usize = 100;
/// RSS is printed after every this many batches.
const SAMPLE_EVERY: usize = 10;
/// Demo's insurers.
const INSURERS: usize = 10;
/// Idle time before a figure: tokio's blocking threads retire 10 s after their last task.
const IDLE: Duration = Duration::from_secs(11);

/// The process's footprint at one moment.
#[derive(Clone, Copy)]
struct Footprint {
    rss_kib: u64,
    fds: usize,
    threads: usize,
}

impl Footprint {
    fn now() -> Footprint {
        let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
        let rss_kib = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/self/status");
        Footprint {
            rss_kib,
            // Listing the folder opens one descriptor of its own: the same at start and end.
            fds: entries("/proc/self/fd"),
            threads: entries("/proc/self/task"),
        }
    }

    fn rss_mib(&self) -> f64 {
        self.rss_kib as f64 / 1024.0
    }
}

/// How many entries a /proc folder lists (descriptors, threads).
fn entries(dir: &str) -> usize {
    std::fs::read_dir(dir).expect(dir).count()
}

/// What the IPC does with a command's answer before the window sees it (kept from being
/// optimized away: its allocations are part of what the soak exercises).
fn ipc<T: Serialize>(answer: &T) {
    std::hint::black_box(serde_json::to_string(answer).expect("answers serialize"));
}

/// Demo with every insurer answering in a few milliseconds, spread so answers interleave.
fn sandbox_config() -> SandboxConfig {
    let mut config = SandboxConfig::default();
    for insurer in insurers::catalogue().iter().take(INSURERS) {
        let knobs = InsurerKnobs {
            latency: Some(Latency::Range {
                min_ms: 2,
                max_ms: 8,
            }),
            failure: None,
        };
        config.insurers.insert(insurer.key.clone(), knobs);
    }
    config
}

/// Ofertă nouă as the wizard does it: a fresh draft, its first step typed and autosaved
/// (which gives it an id), then the other steps typed and saved over it.
fn typed_draft(desk: &Desk) -> (DraftId, QuoteDraft) {
    let typed = valid_draft_from(tomorrow_in_bucharest());
    let mut draft = desk.new_quote_draft();
    ipc(&draft);
    draft.policyholder = typed.policyholder;
    let id = desk
        .save_quote_draft(None, &draft)
        .expect("the draft saves")
        .expect("a new draft gets an id");
    draft.step = WizardStep::Review;
    draft.vehicle = typed.vehicle;
    draft.user = typed.user;
    draft.cover = typed.cover;
    desk.save_quote_draft(Some(id), &draft)
        .expect("the draft saves")
        .expect("the draft is still open");
    let check = desk.validate_quote_draft(Some(id), &draft);
    assert!(check.fields.is_empty(), "{:?}", check.fields);
    ipc(&check);
    draft.step = WizardStep::Offers;
    (id, draft)
}

/// Panics unless every Demo insurer answered with offers.
fn assert_all_offered(outcomes: &[InsurerOutcome], what: &str) {
    assert_eq!(outcomes.len(), INSURERS, "{what}: {outcomes:?}");
    for o in outcomes {
        assert!(
            matches!(o.state, OutcomeState::Offers { .. }),
            "{what}: {} answered {:?}",
            o.insurer,
            o.state
        );
    }
}

/// One client from a new draft to its reopened comparison.
async fn batch(desk: &Desk) {
    let (id, draft) = typed_draft(desk);
    // The app sends each outcome on a Channel as it arrives, serialized.
    let answered = desk
        .quote_offers(id, &draft, None, &|o| ipc(&o))
        .await
        .expect("the batch runs");
    assert_all_offered(&answered, "batch");
    ipc(&answered);

    // Oferte reopened: the comparison from the store, arranged with the default filter.
    let saved = desk.saved_comparison(id).expect("the comparison reopens");
    assert_all_offered(&saved.outcomes, "reopened comparison");
    assert!(saved.unanswered.is_empty(), "{:?}", saved.unanswered);
    ipc(&saved);
    ipc(&Desk::compare_offers(
        &saved.outcomes,
        &ComparisonFilter::default(),
    ));

    // Ciorne: the draft reopened as it was quoted.
    let record = desk.load_quote_draft(id).expect("loads").expect("kept");
    assert_eq!(record.draft, draft);
    ipc(&record);
}

/// The result line (see the module comment).
fn report(start: Footprint, end: Footprint) {
    let growth = (end.rss_mib() - start.rss_mib()) / start.rss_mib();
    println!(
        "soak: rss_start_mib={:.1} rss_end_mib={:.1} growth={growth:.3} fds_start={} fds_end={} threads_start={} threads_end={}",
        start.rss_mib(),
        end.rss_mib(),
        start.fds,
        end.fds,
        start.threads,
        end.threads
    );
}

/// The figures after the process sat idle long enough for the runtime's blocking threads to
/// retire: those threads (API answers are decoded off the runtime, keychain reads) live
/// [`IDLE`] past their last task, and how many exist at one moment only says how many
/// decodes happened to overlap. Taken the same way at start and end, the counts compare the
/// threads and handles that stay.
async fn settled() -> Footprint {
    tokio::time::sleep(IDLE).await;
    Footprint::now()
}

/// SQLite's own heap (its page cache is most of it), in MiB.
fn sqlite_mib() -> f64 {
    // SAFETY: a read of SQLite's global counter, safe from any thread (memstatus is on in
    // the bundled build).
    let used = unsafe { rusqlite::ffi::sqlite3_memory_used() };
    used as f64 / (1024.0 * 1024.0)
}

async fn bench() {
    let fixture = Fixture::new(sandbox_config()).await;
    let desk = fixture.desk();
    assert!(desk.connect().await.logged_in, "Demo logs in by itself");
    for _ in 0..WARM_UP {
        batch(&desk).await;
    }
    let start = settled().await;
    println!(
        "soak: after {WARM_UP} warm-up batches rss_mib={:.1} sqlite_mib={:.1} fds={} threads={}",
        start.rss_mib(),
        sqlite_mib(),
        start.fds,
        start.threads
    );
    let clock = Instant::now();
    for n in 1..=BATCHES {
        batch(&desk).await;
        if n % SAMPLE_EVERY == 0 {
            let now = Footprint::now();
            println!(
                "soak: batch {n:>3}/{BATCHES} rss_mib={:.1} sqlite_mib={:.1} fds={} threads={} elapsed_s={:.1}",
                now.rss_mib(),
                sqlite_mib(),
                now.fds,
                now.threads,
                clock.elapsed().as_secs_f64()
            );
        }
    }
    let end = settled().await;
    drop(desk);
    fixture.sandbox.stop().await;
    report(start, end);
}

fn main() {
    if !cfg!(target_os = "linux") {
        println!("soak: linux only (reads /proc/self), skipped");
        return;
    }
    two_workers::block_on(bench());
}

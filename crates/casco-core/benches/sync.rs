//! Sync wall time against the real sandbox, served in-process on loopback with 100 ms of
//! latency on every nomenclature call: a full sync at bound 1 (serial, the baseline) and at
//! bound 8, in the same run, each into its own fresh store file. A full sync is counties,
//! makes and countries, then every county's localities and every make's models (90 calls
//! with the sandbox's 45 makes), so serial is about 9 s.
//!
//! The last line is `sync: serial_s=… concurrent_s=… ratio=…` with ratio = concurrent / serial
//! (lower is better; the goal is ≤ 0.2). Run: `scripts/bench sync` or
//! `cargo bench -p casco-core --bench sync`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use casco_api::routes;
use casco_core::nomenclature::sync::run;
use casco_core::nomenclature::{ApiNomenclatureSource, SyncOptions};
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use casco_sandbox::{Latency, SandboxConfig};
use tokio_util::sync::CancellationToken;

#[path = "../tests/support/demo_account.rs"]
mod demo_account;
#[path = "../tests/support/two_workers.rs"]
mod two_workers;
use demo_account::logged_in_demo_client;

/// Added to every nomenclature call, as a slow link to the real service would.
const LATENCY_MS: u64 = 100;

/// Every nomenclature route of the shared table.
const NOMENCLATURE_ROUTES: [&str; 5] = [
    routes::COUNTRIES.name,
    routes::COUNTIES.name,
    routes::LOCALITIES.name,
    routes::VEHICLE_MAKES.name,
    routes::VEHICLE_MODELS.name,
];

/// What one timed sync did.
struct Run {
    elapsed: Duration,
    parts: usize,
    rows: u64,
}

/// One full sync at `concurrency` into a fresh store, through a fresh client that logged in
/// before the clock starts (login is not a nomenclature call and has no added latency).
async fn timed_sync(base_url: &str, concurrency: usize) -> Run {
    let client = logged_in_demo_client(base_url).await;
    let source = ApiNomenclatureSource::new(client);
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .expect("store");
    let options = SyncOptions {
        force: true,
        concurrency,
        ..SyncOptions::default()
    };
    let start = Instant::now();
    let summary = run(
        &store,
        &source,
        "bench",
        &options,
        &|_| {},
        &CancellationToken::new(),
    )
    .await
    .expect("sync");
    let elapsed = start.elapsed();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    Run {
        elapsed,
        parts: summary.succeeded.len(),
        rows: summary.succeeded.iter().map(|p| u64::from(p.rows)).sum(),
    }
}

async fn bench() {
    let route_latency: BTreeMap<String, Latency> = NOMENCLATURE_ROUTES
        .iter()
        .map(|r| ((*r).to_owned(), Latency::Fixed(LATENCY_MS)))
        .collect();
    let sandbox = casco_sandbox::start(SandboxConfig {
        route_latency,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts on loopback");

    let serial = timed_sync(sandbox.base_url(), 1).await;
    let concurrent = timed_sync(sandbox.base_url(), 8).await;
    assert_eq!(serial.parts, concurrent.parts, "both runs sync every list");
    assert_eq!(
        serial.rows, concurrent.rows,
        "both runs store the same rows"
    );
    let calls: u64 = NOMENCLATURE_ROUTES
        .iter()
        .map(|r| sandbox.counters().requests_to(r))
        .sum();
    sandbox.stop().await;

    let (s, c) = (
        serial.elapsed.as_secs_f64(),
        concurrent.elapsed.as_secs_f64(),
    );
    println!(
        "sync setup: sandbox on loopback, {LATENCY_MS} ms per nomenclature call, parts={} rows={} calls={calls} (both runs), bounds 1 and 8",
        serial.parts, serial.rows
    );
    println!(
        "sync: serial_s={s:.2} concurrent_s={c:.2} ratio={:.3}",
        c / s
    );
}

fn main() {
    two_workers::block_on(bench());
}

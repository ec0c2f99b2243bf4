//! Sync wall time, serial (bound 1) against concurrent (bound 8), with a fake source that takes
//! 100 ms per call: counties + 42 counties' localities + countries + makes + 40 makes' models
//! = 85 parts. Run: `cargo bench -p casco-core --bench sync`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use casco_core::nomenclature::sync::run;
use casco_core::nomenclature::{NomenclatureSource, SyncOptions};
use casco_core::store::Store;
use tokio_util::sync::CancellationToken;

/// Wall time of one forced full sync of `source` into a fresh store at `concurrency`.
async fn timed_sync<S: NomenclatureSource>(source: &S, concurrency: usize) -> (Duration, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = Store::open(dir.path().join("casco.db")).expect("store");
    let options = SyncOptions {
        force: true,
        concurrency,
        ..SyncOptions::default()
    };
    let start = Instant::now();
    let summary = run(
        &store,
        source,
        "bench",
        &options,
        &|_| {},
        &CancellationToken::new(),
    )
    .await
    .expect("sync");
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    (start.elapsed(), summary.succeeded.len())
}

/// Measures `source` serially and with a bound of 8; prints the `sync:` line and returns the ratio.
pub async fn sync<S: NomenclatureSource>(source: &S) -> f64 {
    let (serial, parts) = timed_sync(source, 1).await;
    let (concurrent, _) = timed_sync(source, 8).await;
    let ratio = serial.as_secs_f64() / concurrent.as_secs_f64();
    println!("parts={parts}");
    println!(
        "sync: serial_s={:.2} concurrent_s={:.2} ratio={ratio:.1}",
        serial.as_secs_f64(),
        concurrent.as_secs_f64()
    );
    ratio
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let source = common::FakeSource::full().with_delay(Duration::from_millis(100));
    runtime.block_on(sync(&source));
}

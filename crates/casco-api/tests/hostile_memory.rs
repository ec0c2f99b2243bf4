//! Floods of bytes from a hostile host: a 200 MB list, the same without a length, and an
//! endless chunked body. Each is refused, and the heap of this test process stays bounded
//! while it happens. The heap is measured by a counting global allocator (this binary holds
//! only this test, so nothing else allocates in parallel).

mod common;
mod stand_in;

use casco_api::ApiError;
use common::{client_for, NO_OPTS};
use stand_in::{answer_flood, answer_json, handler, login_body, Framing, StandIn};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The system allocator, counting live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(live, Ordering::SeqCst);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most the heap may grow while a flood is refused. The largest list limit is 4 MiB, so
/// a client that reads within its limit peaks a little above that; a client that reads the
/// flood peaks at the flood's size (200 MB) or grows until the timeout.
const HEAP_BOUND: usize = 16 << 20;

/// A host that logs in and answers everything else with a flood.
async fn flooding_api(framing: Framing, total: Option<u64>) -> StandIn {
    StandIn::start(handler(move |request, socket| async move {
        if request.target.starts_with("/auth") {
            answer_json(socket, 200, &login_body("r")).await;
        } else {
            answer_flood(socket, framing, total).await;
        }
    }))
    .await
}

/// Runs one refused flood and returns how far the heap grew above where it started.
async fn heap_growth_while_refusing(framing: Framing, total: Option<u64>) -> usize {
    let host = flooding_api(framing, total).await;
    let client = client_for(&host.url, "agent", "p", Duration::ZERO);
    client.login(NO_OPTS).await.unwrap();
    let start = LIVE.load(Ordering::SeqCst);
    PEAK.store(start, Ordering::SeqCst);
    let result = client.counties(NO_OPTS).await;
    let growth = PEAK.load(Ordering::SeqCst).saturating_sub(start);
    match result {
        Err(ApiError::TooLarge {
            operation: "counties",
            limit,
        }) => assert_eq!(limit, casco_api::routes::COUNTIES.max_body),
        other => panic!("{framing:?}: expected the answer refused as too large, got {other:?}"),
    }
    growth
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn floods_are_refused_with_the_heap_bounded() {
    const FLOOD: u64 = 200 * 1000 * 1000;
    for (framing, total) in [
        (Framing::Announced, Some(FLOOD)),
        (Framing::UntilClose, Some(FLOOD)),
        (Framing::Chunked, None),
    ] {
        let growth = heap_growth_while_refusing(framing, total).await;
        println!(
            "{framing:?}: heap grew {:.1} MiB (bound {} MiB)",
            growth as f64 / 1048576.0,
            HEAP_BOUND >> 20
        );
        assert!(
            growth < HEAP_BOUND,
            "{framing:?}: the heap grew {growth} bytes while refusing a flood"
        );
    }
}

//! Quoting every insurer at once against the real sandbox, served in-process on loopback
//! with 10 insurers that each take seconds, as the real ones do. Two runs:
//! A, 1.5 s for every insurer; B, latencies spread from 0.5 s to 3 s (fixed per insurer).
//! In each run, in the same process: the fan-out (every insurer at once) and a serial loop
//! over the same insurers through the same code path, the baseline.
//!
//! The last line is
//! `fanout: total_over_slowest=… first_over_fastest_ms=… serial_over_total=…` where
//! total_over_slowest = fan-out wall time / slowest insurer's latency (the worse of A and B;
//! goal ≤ 1.15), first_over_fastest_ms = time to the first streamed outcome minus the fastest
//! insurer's latency (run B; goal ≤ 50 ms) and serial_over_total = serial / fan-out time
//! (run B; higher is better). Run: `scripts/bench fanout` or
//! `cargo bench -p casco-core --bench fanout`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casco_api::insurers::{self, Insurer};
use casco_api::CascoClient;
use casco_core::quote::fanout::{quote_insurers, FanoutOptions, InsurerOutcome, OutcomeState};
use casco_core::quote::QuoteDraft;
use casco_sandbox::{InsurerKnobs, Latency, SandboxConfig, SandboxHandle};

#[path = "../tests/support/sample_draft.rs"]
mod sample_draft;
#[path = "../tests/support/two_workers.rs"]
mod two_workers;
use sample_draft::{today, tomorrow_in_bucharest, valid_draft_from};
#[path = "../tests/support/demo_account.rs"]
mod demo_account;
use demo_account::{demo_call, logged_in_demo_client};

/// Far above the slowest latency: no call may time out in the bench.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The sample with a start date the sandbox accepts today (tomorrow in Bucharest).
fn valid_draft() -> QuoteDraft {
    valid_draft_from(tomorrow_in_bucharest())
}

/// What one timed batch did.
struct Batch {
    total: Duration,
    first: Duration,
}

/// One batch over `insurers` through the fan-out; panics unless every insurer made offers.
async fn batch(
    client: &Arc<CascoClient>,
    draft: &QuoteDraft,
    insurers: &[&'static Insurer],
) -> Batch {
    let first: Mutex<Option<Duration>> = Mutex::new(None);
    let options = FanoutOptions {
        per_insurer_timeout: TIMEOUT,
        today: today(),
    };
    let start = Instant::now();
    let outcomes = quote_insurers(
        Arc::clone(client),
        draft,
        insurers.iter().copied().map(demo_call).collect(),
        options,
        None,
        &|_: InsurerOutcome| {
            let mut first = first.lock().expect("first");
            first.get_or_insert(start.elapsed());
        },
    )
    .await;
    let total = start.elapsed();
    for o in &outcomes {
        assert!(
            matches!(o.state, OutcomeState::Offers { .. }),
            "{}: {:?}",
            o.insurer,
            o.state
        );
    }
    assert_eq!(outcomes.len(), insurers.len());
    let first = first.into_inner().expect("first").expect("an outcome");
    Batch { total, first }
}

/// One run: the sandbox told `latency_ms[i]` for insurer i, then the fan-out and the serial
/// loop, each through a client that logged in before the clock starts.
struct Run {
    slowest: Duration,
    fastest: Duration,
    fanout: Batch,
    serial: Duration,
}

async fn run(sandbox: &SandboxHandle, latency_ms: &[u64]) -> Run {
    let catalogue: Vec<&'static Insurer> = insurers::catalogue().iter().take(10).collect();
    assert_eq!(catalogue.len(), latency_ms.len());
    sandbox.update_config(|c| {
        c.insurers = catalogue
            .iter()
            .zip(latency_ms)
            .map(|(i, ms)| {
                (
                    i.key.clone(),
                    InsurerKnobs {
                        latency: Some(Latency::Fixed(*ms)),
                        failure: None,
                    },
                )
            })
            .collect();
    });
    let client = logged_in_demo_client(sandbox.base_url()).await;
    let draft = valid_draft();
    let fanout = batch(&client, &draft, &catalogue).await;
    let start = Instant::now();
    for insurer in &catalogue {
        batch(&client, &draft, &[*insurer]).await;
    }
    let serial = start.elapsed();
    Run {
        slowest: Duration::from_millis(latency_ms.iter().copied().max().unwrap_or(0)),
        fastest: Duration::from_millis(latency_ms.iter().copied().min().unwrap_or(0)),
        fanout,
        serial,
    }
}

async fn bench() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts on loopback");
    let fixed = [1500; 10];
    // 0.5 s to 3 s in nine even steps, in catalogue order.
    let spread: Vec<u64> = (0..10).map(|i| 500 + i * 2500 / 9).collect();
    let a = run(&sandbox, &fixed).await;
    let b = run(&sandbox, &spread).await;
    sandbox.stop().await;

    for (name, r) in [("A", &a), ("B", &b)] {
        println!(
            "fanout run {name}: slowest_ms={} fastest_ms={} total_ms={} first_ms={} serial_ms={}",
            r.slowest.as_millis(),
            r.fastest.as_millis(),
            r.fanout.total.as_millis(),
            r.fanout.first.as_millis(),
            r.serial.as_millis()
        );
    }
    let over = |r: &Run| r.fanout.total.as_secs_f64() / r.slowest.as_secs_f64();
    let total_over_slowest = over(&a).max(over(&b));
    let first_over_fastest_ms = (b.fanout.first.as_secs_f64() - b.fastest.as_secs_f64()) * 1000.0;
    let serial_over_total = b.serial.as_secs_f64() / b.fanout.total.as_secs_f64();
    println!(
        "fanout: total_over_slowest={total_over_slowest:.3} first_over_fastest_ms={first_over_fastest_ms:.1} serial_over_total={serial_over_total:.2}"
    );
}

fn main() {
    two_workers::block_on(bench());
}

//! Nomenclature sync against the real sandbox over HTTP on loopback, into a real SQLite file:
//! the client logs in as demo/demo, [`ApiNomenclatureSource`] maps its answers, the sync
//! engine stores them, and search answers from the store even when the server is gone.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use casco_api::{routes, CallOptions, CascoClient};
use casco_core::messages::Message;
use casco_core::nomenclature::{
    ApiNomenclatureSource, Catalog, Index, Locality, NomenclatureSource, Part, RetryPolicy,
    SyncOptions, SyncSummary,
};
use casco_core::store::DatabaseKey;
use casco_core::store::{Store, SyncState};
use casco_sandbox::{FailureMode, NomenclatureSpelling, SandboxConfig, SandboxHandle};
use tokio_util::sync::CancellationToken;

#[path = "support/demo_account.rs"]
mod demo_account;
use demo_account::demo_sandbox;

const ENV: &str = "demo";
const ATTEMPTS: u32 = 3;

/// Counties, makes, countries: the parent lists every full sync fetches besides the children.
const PARENTS: usize = 3;

/// The client side: what the app holds. The sandbox is kept apart so a test can stop it.
struct Rig {
    client: Arc<CascoClient>,
    source: ApiNomenclatureSource,
    catalog: Catalog,
    _dir: tempfile::TempDir,
}

/// A sandbox on 127.0.0.1:0, a client logged in lazily as demo/demo, and a catalog over a
/// fresh store file.
async fn fixture(config: SandboxConfig) -> (SandboxHandle, Rig) {
    let (sandbox, client) = demo_sandbox(config).await;
    // Short per-call timeout: a hanging list must fail fast in tests.
    let source =
        ApiNomenclatureSource::new(Arc::clone(&client)).with_timeout(Duration::from_secs(5));
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let rig = Rig {
        client,
        source,
        catalog: Catalog::new(Arc::new(store)),
        _dir: dir,
    };
    (sandbox, rig)
}

/// Tiny retry delays so failing parts cost milliseconds, not seconds.
fn options(force: bool) -> SyncOptions {
    SyncOptions {
        force,
        retry: RetryPolicy {
            attempts: ATTEMPTS,
            initial_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(4),
        },
        ..SyncOptions::default()
    }
}

async fn sync(f: &Rig, force: bool) -> SyncSummary {
    f.catalog
        .sync(
            &f.source,
            ENV,
            &options(force),
            &|_| {},
            &CancellationToken::new(),
        )
        .await
        .expect("sync state readable")
}

fn keys(parts: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut keys: Vec<String> = parts.into_iter().collect();
    keys.sort();
    keys
}

fn call() -> CallOptions {
    CallOptions::with_timeout(Duration::from_secs(5))
}

/// The parts a sync failed, in the order it reports them.
fn failed_parts(summary: &SyncSummary) -> Vec<String> {
    summary.failed.iter().map(|p| p.part.clone()).collect()
}

/// What the store records of CJ's localities' last sync.
fn cj_sync_state(f: &Rig) -> SyncState {
    f.catalog
        .store()
        .sync_state(ENV, &Part::Localities("CJ".into()))
        .unwrap()
        .unwrap()
}

/// Searching CJ for "cluj nap" puts Cluj-Napoca first.
fn assert_finds_cluj_napoca(index: &Index) {
    let cluj = index.localities("CJ", "cluj nap", 10).unwrap();
    assert_eq!(cluj.first().map(|l| l.name.as_str()), Some("CLUJ-NAPOCA"));
}

/// Everything one environment holds, for comparisons.
#[derive(Debug, PartialEq)]
struct Snapshot {
    countries: usize,
    counties: Vec<(String, String, u32)>,
    localities: Vec<Locality>,
    makes: Vec<String>,
    models: Vec<(String, String)>,
}

fn snapshot(store: &Store) -> Snapshot {
    let mut counties: Vec<_> = store
        .counties(ENV)
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.name, c.siruta))
        .collect();
    counties.sort();
    let mut localities = store.localities(ENV, None).unwrap();
    localities.sort_by_key(|l| l.siruta);
    let mut makes: Vec<_> = store
        .makes(ENV)
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    makes.sort();
    let mut models: Vec<_> = store
        .models(ENV, None)
        .unwrap()
        .into_iter()
        .map(|m| (m.make, m.name))
        .collect();
    models.sort();
    Snapshot {
        countries: store.countries(ENV).unwrap().len(),
        counties,
        localities,
        makes,
        models,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_sync_fills_every_table() {
    let (sandbox, f) = fixture(SandboxConfig::default()).await;
    let summary = sync(&f, false).await;
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert!(!summary.cancelled);

    // What the server has, asked directly.
    let countries = f.client.countries(call()).await.unwrap();
    let makes = f.client.vehicle_makes(call()).await.unwrap();
    assert_eq!(
        summary.succeeded.len(),
        PARENTS + 42 + makes.len(),
        "every list once"
    );

    let store = f.catalog.store();
    let got = snapshot(store);
    assert_eq!(got.counties.len(), 42);
    assert_eq!(got.localities.len(), 13_755);
    assert!(countries.len() >= 240);
    assert_eq!(got.countries, countries.len());
    assert_eq!(got.makes.len(), makes.len());
    let mut model_total = 0;
    for make in &makes {
        let served = f.client.vehicle_models(&make.name, call()).await.unwrap();
        let mut served: Vec<String> = served.into_iter().map(|m| m.name).collect();
        let mut stored: Vec<String> = store
            .models(ENV, Some(&make.name))
            .unwrap()
            .into_iter()
            .map(|m| m.name)
            .collect();
        served.sort();
        stored.sort();
        assert_eq!(stored, served, "models of {}", make.name);
        model_total += stored.len();
    }
    assert_eq!(got.models.len(), model_total);
    assert!(model_total > makes.len(), "makes have models");
    // Every county's localities are stored under it, ranked as the API ranks them.
    let cluj = store.localities(ENV, Some("CJ")).unwrap();
    assert!(cluj
        .iter()
        .any(|l| l.name == "CLUJ-NAPOCA" && l.rank == Some(1)));

    // One login served the whole fan-out.
    assert_eq!(sandbox.counters().logins, 1);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_server_gone_search_answers_and_sync_fails_transiently_keeping_the_data() {
    let (sandbox, f) = fixture(SandboxConfig::default()).await;
    let first = sync(&f, false).await;
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    let before = snapshot(f.catalog.store());
    sandbox.stop().await;

    // Search answers from the store alone.
    let index = f.catalog.index(ENV).unwrap();
    assert_finds_cluj_napoca(&index);
    let brasov = index.counties("brasov", 5).unwrap();
    assert_eq!(brasov.first().map(|c| c.name.as_str()), Some("BRAŞOV"));

    // Each call fails with a transient error (so the engine retries it).
    let e = f.source.localities("CJ").await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");
    let e = f.source.counties().await.unwrap_err();
    assert!(e.is_transient(), "{e:?}");

    // A forced sync tries every list, fails each one, and keeps every row.
    let offline = sync(&f, true).await;
    assert!(offline.succeeded.is_empty(), "{:?}", offline.succeeded);
    assert_eq!(offline.failed.len(), first.succeeded.len());
    let cannot_connect = Message::CannotConnect;
    for failure in &offline.failed {
        assert_eq!(failure.reason, cannot_connect, "{}", failure.part);
    }
    assert_eq!(snapshot(f.catalog.store()), before);
    let state = cj_sync_state(&f);
    assert!(
        state.fetched_at.is_some(),
        "the last success stays recorded"
    );
    assert_eq!(state.last_error, Some(cannot_connect));

    // The index rebuilt after the failed sync still answers.
    assert_finds_cluj_napoca(&f.catalog.index(ENV).unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_county_keeps_its_rows_and_alone_is_refetched_later() {
    let (sandbox, f) = fixture(SandboxConfig::default()).await;
    let first = sync(&f, false).await;
    assert!(first.failed.is_empty(), "{:?}", first.failed);
    let before = snapshot(f.catalog.store());
    let cluj_before = f.catalog.store().localities(ENV, Some("CJ")).unwrap();
    assert!(!cluj_before.is_empty());

    // CJ's localities answer a 500 envelope; everything else is refreshed.
    sandbox.update_config(|c| {
        c.nomenclature_failures
            .insert("localities:CJ".into(), FailureMode::ServerError);
    });
    let calls_before = sandbox.counters().requests_to(routes::LOCALITIES.name);
    let partial = sync(&f, true).await;
    assert_eq!(failed_parts(&partial), ["localities:CJ"]);
    assert_eq!(partial.succeeded.len(), first.succeeded.len() - 1);
    // A 5xx is transient: CJ was tried `ATTEMPTS` times, every other county once.
    assert_eq!(
        sandbox.counters().requests_to(routes::LOCALITIES.name) - calls_before,
        41 + u64::from(ATTEMPTS)
    );
    assert_eq!(
        f.catalog.store().localities(ENV, Some("CJ")).unwrap(),
        cluj_before
    );
    assert_eq!(snapshot(f.catalog.store()), before);
    let cj = cj_sync_state(&f);
    assert!(cj.last_error.is_some());
    // Search still finds CJ's places.
    assert_finds_cluj_napoca(&f.catalog.index(ENV).unwrap());

    // Healed: a normal (not forced) sync refetches CJ only; the rest is fresh.
    sandbox.update_config(|c| c.nomenclature_failures.clear());
    let calls_before = sandbox.counters().requests_to(routes::LOCALITIES.name);
    let other_routes: BTreeMap<String, u64> = sandbox.counters().requests;
    let healed = sync(&f, false).await;
    assert!(healed.failed.is_empty(), "{:?}", healed.failed);
    let refreshed: Vec<String> = healed.succeeded.iter().map(|p| p.part.clone()).collect();
    assert_eq!(refreshed, ["localities:CJ"]);
    assert_eq!(healed.fresh as usize, first.succeeded.len() - 1);
    let after = sandbox.counters();
    assert_eq!(after.requests_to(routes::LOCALITIES.name) - calls_before, 1);
    for route in [
        routes::COUNTIES.name,
        routes::COUNTRIES.name,
        routes::VEHICLE_MAKES.name,
        routes::VEHICLE_MODELS.name,
    ] {
        assert_eq!(
            after.requests_to(route),
            other_routes.get(route).copied().unwrap_or(0),
            "{route} was not called again"
        );
    }
    let cj = cj_sync_state(&f);
    assert_eq!(cj.last_error, None);
    assert_eq!(snapshot(f.catalog.store()), before);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_county_list_falls_back_to_the_stored_counties() {
    let (sandbox, f) = fixture(SandboxConfig::default()).await;
    assert!(sync(&f, false).await.failed.is_empty());
    let before = snapshot(f.catalog.store());

    // A broken county list (cut JSON) is permanent: one call, no retries; the stored
    // counties still say which localities to refresh.
    sandbox.update_config(|c| {
        c.nomenclature_failures
            .insert("counties".into(), FailureMode::MalformedJson);
    });
    let calls_before = sandbox.counters().requests_to(routes::COUNTIES.name);
    let summary = sync(&f, true).await;
    assert_eq!(failed_parts(&summary), ["counties"]);
    assert_eq!(
        sandbox.counters().requests_to(routes::COUNTIES.name) - calls_before,
        1
    );
    let localities = summary
        .succeeded
        .iter()
        .filter(|p| p.part.starts_with("localities:"))
        .count();
    assert_eq!(localities, 42);
    assert_eq!(snapshot(f.catalog.store()), before);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_make_times_out_alone() {
    let (sandbox, f) = fixture(SandboxConfig {
        nomenclature_failures: BTreeMap::from([("models:dacia".into(), FailureMode::Hang)]),
        ..SandboxConfig::default()
    })
    .await;
    let f = Rig {
        source: f.source.clone().with_timeout(Duration::from_millis(300)),
        ..f
    };
    let options = SyncOptions {
        retry: RetryPolicy {
            attempts: 2,
            initial_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        },
        ..options(false)
    };
    let summary = f
        .catalog
        .sync(&f.source, ENV, &options, &|_| {}, &CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(failed_parts(&summary), ["models:dacia"]);
    assert_eq!(summary.failed[0].reason, Message::TimedOut);
    assert!(f
        .catalog
        .store()
        .models(ENV, Some("volkswagen"))
        .unwrap()
        .iter()
        .any(|m| !m.name.is_empty()));
    // A hang holds its connection open: stop() gives up on it after a second.
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_nomenclature_spellings_sync_the_same_data() {
    let mut synced = Vec::new();
    for spelling in [
        NomenclatureSpelling::Published,
        NomenclatureSpelling::Observed,
    ] {
        let (sandbox, f) = fixture(SandboxConfig {
            nomenclature_spelling: spelling,
            ..SandboxConfig::default()
        })
        .await;
        let summary = sync(&f, false).await;
        assert!(
            summary.failed.is_empty(),
            "{spelling:?}: {:?}",
            summary.failed
        );
        synced.push((
            keys(summary.succeeded.into_iter().map(|p| p.part)),
            snapshot(f.catalog.store()),
        ));
        sandbox.stop().await;
    }
    let (observed_parts, observed) = synced.pop().unwrap();
    let (published_parts, mut published) = synced.pop().unwrap();
    assert_eq!(published_parts, observed_parts);
    assert_eq!(observed.localities.len(), 13_755);
    // The published spelling has no `rang`: ranks are the one thing it cannot carry.
    assert!(published.localities.iter().all(|l| l.rank.is_none()));
    assert!(observed.localities.iter().any(|l| l.rank.is_some()));
    for (p, o) in published.localities.iter_mut().zip(&observed.localities) {
        p.rank = o.rank;
    }
    assert_eq!(published, observed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_that_reads_counties_as_siruta_codes_is_learned_and_remembered() {
    use casco_api::model::CountyParameter;
    let config = SandboxConfig {
        county_parameter: CountyParameter::SirutaCode,
        ..SandboxConfig::default()
    };
    let (sandbox, mut f) = fixture(config).await;
    let store = Arc::clone(f.catalog.store());
    f.source = f.source.clone().remembering(Arc::clone(&store), ENV);
    let first = sync(&f, false).await;
    assert!(first.failed.is_empty(), "{first:?}");
    assert_eq!(f.source.county_parameter(), CountyParameter::SirutaCode);
    let index = f.catalog.index(ENV).unwrap();
    assert_finds_cluj_napoca(&index);
    let counties = store.counties(ENV).unwrap().len() as u64;
    // Only the counties asked before the first answer came were asked both ways (the sync
    // asks a few at once); once learned, each county is asked once.
    let asked = sandbox.counters().requests_to(routes::LOCALITIES.name);
    assert!(
        asked > counties && asked < 2 * counties,
        "{asked} calls for {counties} counties"
    );
    let forced = sync(&f, true).await;
    assert!(forced.failed.is_empty(), "{forced:?}");
    let asked_again = sandbox.counters().requests_to(routes::LOCALITIES.name) - asked;
    assert_eq!(asked_again, counties);
    let asked = asked + asked_again;

    // A new source for the same environment (the next start) asks the right way at once.
    let again =
        ApiNomenclatureSource::new(Arc::clone(&f.client)).remembering(Arc::clone(&store), ENV);
    assert_eq!(again.county_parameter(), CountyParameter::SirutaCode);
    let cluj = again.localities("CJ").await.unwrap();
    assert!(cluj.iter().any(|l| l.name == "CLUJ-NAPOCA"));
    assert_eq!(
        sandbox.counters().requests_to(routes::LOCALITIES.name),
        asked + 1
    );
    sandbox.stop().await;
}

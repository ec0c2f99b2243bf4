//! The sync engine against a fake source and a real SQLite file.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use casco_core::messages::{ListKind, Message};
use casco_core::nomenclature::sync::run;
use casco_core::nomenclature::{
    Catalog, Clock, Index, Locality, Part, ProgressStage, RetryPolicy, SearchError, SyncOptions,
    SyncProgress, SyncSummary,
};
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use chrono::{DateTime, TimeZone, Utc};
use common::{said, FakeSource, Fault};
use tokio_util::sync::CancellationToken;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// A clock tests move by hand.
#[derive(Clone)]
struct TestClock(Arc<AtomicI64>);

impl TestClock {
    fn new() -> Self {
        Self(Arc::new(AtomicI64::new(
            Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
                .unwrap()
                .timestamp_millis(),
        )))
    }
    fn advance_days(&self, days: i64) {
        self.0.fetch_add(days * DAY_MS, Ordering::SeqCst);
    }
    fn now(&self) -> DateTime<Utc> {
        Utc.timestamp_millis_opt(self.0.load(Ordering::SeqCst))
            .unwrap()
    }
    fn clock(&self) -> Clock {
        let ms = Arc::clone(&self.0);
        Clock::from_fn(move || Utc.timestamp_millis_opt(ms.load(Ordering::SeqCst)).unwrap())
    }
}

fn options(clock: &TestClock) -> SyncOptions {
    SyncOptions {
        retry: RetryPolicy {
            attempts: 3,
            initial_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(4),
        },
        clock: clock.clock(),
        ..SyncOptions::default()
    }
}

fn open_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    (dir, store)
}

async fn sync(store: &Store, source: &FakeSource, env: &str, options: &SyncOptions) -> SyncSummary {
    run(
        store,
        source,
        env,
        options,
        &|_| {},
        &CancellationToken::new(),
    )
    .await
    .unwrap()
}

fn sorted(mut keys: Vec<String>) -> Vec<String> {
    keys.sort();
    keys
}

#[tokio::test]
async fn first_sync_fills_every_table_parents_first() {
    let (_dir, store) = open_store();
    let source = FakeSource::full();
    let clock = TestClock::new();
    let events = Mutex::new(Vec::<SyncProgress>::new());
    let summary = run(
        &store,
        &source,
        "demo",
        &options(&clock),
        &|p| events.lock().unwrap().push(p),
        &CancellationToken::new(),
    )
    .await
    .unwrap();

    assert_eq!(summary.failed, vec![]);
    assert!(!summary.cancelled);
    // countries + counties + makes + 42 counties' localities + 40 makes' models.
    assert_eq!(summary.succeeded.len(), 3 + 42 + 40);
    assert_eq!(store.countries("demo").unwrap().len(), 2);
    assert_eq!(store.counties("demo").unwrap().len(), 42);
    assert_eq!(store.localities("demo", None).unwrap().len(), 13_755);
    assert_eq!(store.localities("demo", Some("CJ")).unwrap().len(), 434);
    assert_eq!(store.makes("demo").unwrap().len(), 40);
    assert_eq!(store.models("demo", None).unwrap().len(), 2_160);
    assert_eq!(store.models("demo", Some("DACIA")).unwrap().len(), 54);

    let states = store.sync_states("demo").unwrap();
    assert_eq!(states.len(), 85);
    assert!(states
        .iter()
        .all(|s| s.fetched_at == Some(clock.now()) && s.last_error.is_none()));
    let cj = store
        .sync_state("demo", &Part::Localities("CJ".into()))
        .unwrap()
        .unwrap();
    assert_eq!(cj.row_count, 434);

    let calls = source.calls();
    let first_locality = calls
        .iter()
        .position(|c| c.starts_with("localities:"))
        .unwrap();
    let first_model = calls.iter().position(|c| c.starts_with("models:")).unwrap();
    assert!(calls.iter().position(|c| c == "counties").unwrap() < first_locality);
    assert!(calls.iter().position(|c| c == "makes").unwrap() < first_model);

    let events = events.into_inner().unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.stage == ProgressStage::Started)
            .count(),
        85
    );
    let last = events.last().unwrap();
    assert_eq!(
        (last.done, last.total, last.stage),
        (85, 85, ProgressStage::Succeeded)
    );
    let cluj = events.iter().find(|e| e.part == "localities:CJ").unwrap();
    let label = Message::ListLabel {
        list: ListKind::Localities,
        of: Some("CLUJ".into()),
    };
    assert_eq!(cluj.label, label);
    assert!(events
        .windows(2)
        .all(|w| w[0].done <= w[1].done && w[1].done <= w[1].total));
}

#[tokio::test]
async fn a_failing_county_keeps_its_old_rows_while_the_others_sync() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    let opts = options(&clock);
    sync(&store, &FakeSource::small(), "demo", &opts).await;
    let old_cj = store.localities("demo", Some("CJ")).unwrap();
    let first_fetch = clock.now();

    // The next day the source has new localities everywhere, but Cluj times out.
    clock.advance_days(1);
    let mut changed = FakeSource::small();
    for l in &mut changed.localities {
        l.name = format!("{} NOU", l.name);
    }
    changed.set_fault(&Part::Localities("CJ".into()), Some(Fault::Transient));
    let summary = sync(
        &store,
        &changed,
        "demo",
        &SyncOptions {
            force: true,
            ..opts.clone()
        },
    )
    .await;

    assert_eq!(summary.failed.len(), 1);
    assert_eq!(summary.failed[0].part, "localities:CJ");
    assert_eq!(summary.failed[0].reason, said("timeout on localities:CJ"));
    assert_eq!(
        summary.succeeded.len(),
        3 + 2 + 2,
        "the other parts all synced"
    );
    // Three attempts, as the retry policy says.
    assert_eq!(
        changed
            .calls()
            .iter()
            .filter(|c| *c == "localities:CJ")
            .count(),
        3
    );
    assert_eq!(store.localities("demo", Some("CJ")).unwrap(), old_cj);
    assert!(store
        .localities("demo", Some("AB"))
        .unwrap()
        .iter()
        .all(|l| l.name.ends_with(" NOU")));
    let cj = store
        .sync_state("demo", &Part::Localities("CJ".into()))
        .unwrap()
        .unwrap();
    assert_eq!(cj.fetched_at, Some(first_fetch), "the last success is kept");
    assert_eq!(cj.attempted_at, clock.now());
    assert_eq!(cj.last_error, Some(said("timeout on localities:CJ")));
    // Search still answers from the old Cluj rows.
    let index = Index::load(&store, "demo").unwrap();
    assert_eq!(index.localities("CJ", "dej", 5).unwrap()[0].name, "DEJ");

    // A plain (not forced) sync retries only the failed part.
    changed.set_fault(&Part::Localities("CJ".into()), None);
    changed.clear_calls();
    let summary = sync(&store, &changed, "demo", &opts).await;
    assert_eq!(changed.calls(), ["localities:CJ"]);
    assert_eq!(summary.succeeded.len(), 1);
    assert!(store
        .localities("demo", Some("CJ"))
        .unwrap()
        .iter()
        .all(|l| l.name.ends_with(" NOU")));
    assert_eq!(
        store
            .sync_state("demo", &Part::Localities("CJ".into()))
            .unwrap()
            .unwrap()
            .last_error,
        None
    );
}

#[tokio::test]
async fn transient_errors_are_retried_and_permanent_ones_are_not() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    let source = FakeSource::small();
    source.set_fault(&Part::Makes, Some(Fault::TransientTimes(2)));
    source.set_fault(&Part::Countries, Some(Fault::Permanent));
    let summary = sync(&store, &source, "demo", &options(&clock)).await;
    let count = |key: &str| source.calls().iter().filter(|c| *c == key).count();
    assert_eq!(count("makes"), 3, "two transient failures, then success");
    assert_eq!(count("countries"), 1, "a permanent failure is not retried");
    assert_eq!(
        summary
            .failed
            .iter()
            .map(|f| f.part.as_str())
            .collect::<Vec<_>>(),
        ["countries"]
    );
    assert_eq!(
        store.models("demo", None).unwrap().len(),
        4,
        "models follow the recovered makes"
    );
}

#[tokio::test]
async fn only_parts_older_than_the_ttl_are_refetched() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    let opts = options(&clock);
    let source = FakeSource::small();
    // Day 0: makes fail, so makes and models are never fetched.
    source.set_fault(&Part::Makes, Some(Fault::Permanent));
    sync(&store, &source, "demo", &opts).await;
    assert_eq!(
        sorted(source.calls()),
        [
            "counties",
            "countries",
            "localities:AB",
            "localities:BV",
            "localities:CJ",
            "makes"
        ]
    );

    // Day 4: makes work again; everything else is fresh.
    clock.advance_days(4);
    source.set_fault(&Part::Makes, None);
    source.clear_calls();
    let summary = sync(&store, &source, "demo", &opts).await;
    assert_eq!(
        sorted(source.calls()),
        ["makes", "models:DACIA", "models:FORD"]
    );
    assert_eq!(summary.fresh, 5);

    // Day 6: nothing is older than 7 days.
    clock.advance_days(2);
    source.clear_calls();
    let summary = sync(&store, &source, "demo", &opts).await;
    assert_eq!(source.calls(), Vec::<String>::new());
    assert_eq!(summary.fresh, 8);

    // Day 8: the day-0 parts are stale, the day-4 ones are not.
    clock.advance_days(2);
    source.clear_calls();
    sync(&store, &source, "demo", &opts).await;
    assert_eq!(
        sorted(source.calls()),
        [
            "counties",
            "countries",
            "localities:AB",
            "localities:BV",
            "localities:CJ"
        ]
    );

    // "Sincronizează acum" refreshes everything.
    source.clear_calls();
    let summary = sync(
        &store,
        &source,
        "demo",
        &SyncOptions {
            force: true,
            ..opts
        },
    )
    .await;
    assert_eq!(source.calls().len(), 8);
    assert_eq!(summary.fresh, 0);
}

#[tokio::test]
async fn concurrency_never_exceeds_the_bound() {
    for bound in [1, 3, 8] {
        let (_dir, store) = open_store();
        let clock = TestClock::new();
        let source = FakeSource::full().with_delay(Duration::from_millis(2));
        let summary = sync(
            &store,
            &source,
            "demo",
            &SyncOptions {
                concurrency: bound,
                ..options(&clock)
            },
        )
        .await;
        assert_eq!(summary.succeeded.len(), 85);
        // Equal, not just below: with 85 parts the bound is actually reached.
        assert_eq!(source.max_in_flight(), bound, "bound {bound}");
    }
}

#[tokio::test]
async fn cancelling_stops_promptly_and_keeps_what_was_written() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    let source = FakeSource::small();
    // Alba's call never answers: only cancellation can end this sync.
    source.set_fault(&Part::Localities("AB".into()), Some(Fault::Hang));
    let cancel = CancellationToken::new();
    let on_progress = |p: SyncProgress| {
        if p.part == "localities:AB" && p.stage == ProgressStage::Started {
            cancel.cancel();
        }
    };
    let opts = SyncOptions {
        concurrency: 2,
        ..options(&clock)
    };
    let summary = tokio::time::timeout(
        Duration::from_secs(10),
        run(&store, &source, "demo", &opts, &on_progress, &cancel),
    )
    .await
    .expect("cancellation ends the sync")
    .unwrap();

    assert!(summary.cancelled);
    assert!(
        summary.not_run.contains(&"localities:AB".to_owned()),
        "{:?}",
        summary.not_run
    );
    assert!(summary.succeeded.iter().any(|s| s.part == "counties"));
    // Everything reported as done is stored; nothing cancelled is marked fetched.
    for done in &summary.succeeded {
        let part = Part::from_key(&done.part).unwrap();
        assert!(store
            .sync_state("demo", &part)
            .unwrap()
            .unwrap()
            .fetched_at
            .is_some());
    }
    for key in &summary.not_run {
        let part = Part::from_key(key).unwrap();
        assert!(store.sync_state("demo", &part).unwrap().is_none(), "{key}");
    }
    assert_eq!(store.counties("demo").unwrap().len(), 3);
    assert_eq!(
        store.localities("demo", Some("AB")).unwrap(),
        Vec::<Locality>::new()
    );
}

#[tokio::test]
async fn a_sync_cancelled_before_it_starts_calls_nothing() {
    let (_dir, store) = open_store();
    let source = FakeSource::small();
    let cancel = CancellationToken::new();
    cancel.cancel();
    let summary = run(
        &store,
        &source,
        "demo",
        &options(&TestClock::new()),
        &|_| {},
        &cancel,
    )
    .await
    .unwrap();
    assert!(summary.cancelled);
    assert_eq!(sorted(summary.not_run), ["counties", "countries", "makes"]);
    assert!(source.calls().is_empty());
}

#[tokio::test]
async fn an_empty_parent_list_keeps_the_saved_one() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    sync(&store, &FakeSource::small(), "demo", &options(&clock)).await;
    let mut emptied = FakeSource::small();
    emptied.counties.clear();
    let summary = sync(
        &store,
        &emptied,
        "demo",
        &SyncOptions {
            force: true,
            ..options(&clock)
        },
    )
    .await;
    assert_eq!(summary.failed.len(), 1);
    assert_eq!(summary.failed[0].reason, Message::EmptyList);
    assert_eq!(store.counties("demo").unwrap().len(), 3);
    // The saved county list still drives the localities refresh.
    assert!(emptied.calls().contains(&"localities:CJ".to_owned()));
}

#[tokio::test]
async fn a_county_dropped_by_the_source_loses_its_localities() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    sync(&store, &FakeSource::small(), "demo", &options(&clock)).await;
    let mut fewer = FakeSource::small();
    fewer.counties.retain(|c| c.code != "AB");
    sync(
        &store,
        &fewer,
        "demo",
        &SyncOptions {
            force: true,
            ..options(&clock)
        },
    )
    .await;
    assert!(store.localities("demo", Some("AB")).unwrap().is_empty());
    assert_eq!(
        store
            .sync_state("demo", &Part::Localities("AB".into()))
            .unwrap(),
        None
    );
    let index = Index::load(&store, "demo").unwrap();
    assert!(matches!(
        index.localities("AB", "", 5),
        Err(SearchError::NeverSynced { .. })
    ));
}

#[tokio::test]
async fn environments_never_mix() {
    let (_dir, store) = open_store();
    let clock = TestClock::new();
    sync(&store, &FakeSource::small(), "demo", &options(&clock)).await;
    let mut qa = FakeSource::small();
    qa.counties.retain(|c| c.code == "AB");
    qa.localities = vec![Locality {
        siruta: 1,
        name: "LOCALITATE QA".into(),
        county_code: "AB".into(),
        rank: Some(2),
    }];
    sync(&store, &qa, "qa", &options(&clock)).await;

    assert_eq!(store.counties("demo").unwrap().len(), 3);
    assert_eq!(store.counties("qa").unwrap().len(), 1);
    let demo = Index::load(&store, "demo").unwrap();
    let qa_index = Index::load(&store, "qa").unwrap();
    let names = |ls: Vec<Locality>| ls.into_iter().map(|l| l.name).collect::<Vec<_>>();
    assert_eq!(
        names(qa_index.localities("AB", "", 10).unwrap()),
        ["LOCALITATE QA"]
    );
    assert_eq!(
        names(demo.localities("AB", "", 10).unwrap()),
        ["AIUD", "ALBA IULIA"]
    );
    assert!(matches!(
        qa_index.localities("CJ", "", 10),
        Err(SearchError::NeverSynced { .. })
    ));
    assert!(matches!(
        Index::load(&store, "custom:https://x.ro")
            .unwrap()
            .counties("", 5),
        Err(SearchError::NeverSynced { .. })
    ));
    // A first sync on a new environment fetches everything even though "demo" is fresh.
    let other = FakeSource::small();
    sync(&store, &other, "custom:https://x.ro", &options(&clock)).await;
    assert_eq!(other.calls().len(), 8);
}

#[tokio::test]
async fn the_catalog_answers_from_the_store_after_a_sync() {
    let (_dir, store) = open_store();
    let catalog = Catalog::new(Arc::new(store));
    let before = catalog.index("demo").unwrap();
    assert!(matches!(
        before.localities("CJ", "cluj", 5),
        Err(SearchError::NeverSynced { .. })
    ));
    let clock = TestClock::new();
    let source = FakeSource::small();
    let summary = catalog
        .sync(
            &source,
            "demo",
            &options(&clock),
            &|_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    assert!(summary.failed.is_empty());
    assert_eq!(
        catalog
            .index("demo")
            .unwrap()
            .localities("CJ", "cluj nap", 5)
            .unwrap()[0]
            .name,
        "CLUJ-NAPOCA"
    );
}

#[test]
fn the_sync_future_can_be_spawned() {
    fn assert_send<T: Send>(_: &T) {}
    let (_dir, store) = open_store();
    let source = FakeSource::small();
    let cancel = CancellationToken::new();
    let opts = SyncOptions::default();
    let future = run(&store, &source, "demo", &opts, &|_| {}, &cancel);
    assert_send(&future);
}

//! Reference data as the app drives it: sync from the real sandbox over HTTP into a real
//! SQLite file, status counts, and search that keeps answering with the sandbox stopped.

use casco_core::store::DatabaseKey;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use casco_core::reference_data::{ListKind, ReferenceData};
use casco_sandbox::{FailureMode, Latency, SandboxConfig};

#[path = "support/demo_account.rs"]
mod demo_account;
use demo_account::demo_sandbox;

#[tokio::test]
async fn sync_fills_the_status_and_search_answers_offline() {
    let dir = tempfile::tempdir().unwrap();
    let data = ReferenceData::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    assert!(data.notice().is_none());
    let before = data.status("demo").unwrap();
    assert!(before.never_synced);
    let e = data.localities("demo", "CJ", "cluj").unwrap_err();
    assert!(
        matches!(e.message, casco_core::Message::ListNeverSynced { .. }),
        "{:?}",
        e.message
    );

    let (sandbox, client) = demo_sandbox(SandboxConfig::default()).await;
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&events);
    let summary = data
        .sync(
            client,
            "demo",
            false,
            Duration::from_secs(7 * 86_400),
            &move |p| seen.lock().unwrap().push(p),
        )
        .await
        .unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    let last = events.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last.done, last.total);

    let status = data.status("demo").unwrap();
    let rows = |k: ListKind| status.lists.iter().find(|l| l.kind == k).unwrap().rows;
    assert_eq!(rows(ListKind::Counties), 42);
    assert_eq!(rows(ListKind::Localities), 13_755);
    assert!(rows(ListKind::Makes) >= 40 && rows(ListKind::Models) >= 400);
    assert!(rows(ListKind::Countries) > 100);
    assert!(!status.never_synced && !status.syncing);

    sandbox.stop().await;
    let found = data.localities("demo", "CJ", "cluj nap").unwrap();
    assert_eq!(found[0].name, "CLUJ-NAPOCA");
    assert_eq!(data.counties("demo", "brasov").unwrap()[0].code, "BV");
    // Another environment never mixes in.
    assert!(data.status("qa").unwrap().never_synced);
}

#[tokio::test]
async fn a_sync_dropped_midway_frees_the_next_whose_reason_is_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let data = ReferenceData::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let mut config = SandboxConfig::default();
    config
        .route_latency
        .insert("countries".into(), Latency::Fixed(30_000));
    let (sandbox, client) = demo_sandbox(config).await;
    let week = Duration::from_secs(7 * 86_400);

    // The window reloads mid-sync: the command's future is dropped, never finished.
    let sync = || data.sync(Arc::clone(&client), "demo", true, week, &|_| {});
    let dropped = tokio::time::timeout(Duration::from_millis(300), sync()).await;
    assert!(dropped.is_err(), "the slow list must still be running");
    assert!(!data.status("demo").unwrap().syncing);

    // The next sync is not refused as already running, and a failing county is reported as
    // a code the report renders in whatever language is in force.
    sandbox.update_config(|c| {
        c.route_latency.clear();
        c.nomenclature_failures
            .insert("localities:CJ".into(), FailureMode::ServerError);
    });
    let reason = |summary: casco_core::nomenclature::SyncSummary| {
        assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
        summary.failed[0].reason.clone()
    };
    let reason = reason(sync().await.unwrap());
    assert!(
        matches!(&reason, casco_core::Message::ServerRefused { message } if message.contains("localities:CJ")),
        "{reason:?}"
    );
    sandbox.stop().await;
}

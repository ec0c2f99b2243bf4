//! Writes the fixture database of this release (run once, by hand, before a release changes
//! stored formats): `WRITE_FIXTURE=path cargo test -p casco-core --test write_fixture`.

use std::time::Duration;

use casco_api::insurers;
use casco_core::quote::fanout::{quote_insurers, FanoutOptions};
use casco_core::quote::identify_vehicle;
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use casco_sandbox::{FailureMode, InsurerKnobs, SandboxConfig};

#[path = "support/demo_account.rs"]
mod demo_account;
#[path = "support/sample_draft.rs"]
mod sample_draft;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn write_fixture() {
    let Ok(path) = std::env::var("WRITE_FIXTURE") else {
        return;
    };
    let _ = std::fs::remove_file(&path);
    let mut config = SandboxConfig::default();
    for (key, failure) in [
        ("grawe", FailureMode::Hang),
        ("uniqa", FailureMode::ServerError),
        ("omniasig", FailureMode::ValidationError),
        ("asirom", FailureMode::NotEnabled),
    ] {
        config.insurers.insert(
            key.into(),
            InsurerKnobs {
                latency: None,
                failure: Some(failure),
            },
        );
    }
    let (sandbox, client) = demo_account::demo_sandbox(config).await;
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let now = chrono::Utc::now();

    // A quoted draft: every insurer asked, every kind of outcome, and the identification.
    let draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    let quoted = casco_core::quote::save_draft(&store, None, &draft, now)
        .unwrap()
        .unwrap();
    let all: Vec<_> = insurers::catalogue().iter().collect();
    identify_vehicle(&client, &store, quoted, &draft, &all, Default::default())
        .await
        .unwrap();
    let calls = insurers::catalogue()
        .iter()
        .map(demo_account::demo_call)
        .collect();
    let options = FanoutOptions {
        per_insurer_timeout: Duration::from_secs(2),
        today: sample_draft::today(),
    };
    let outcomes = quote_insurers(
        client.clone(),
        &draft,
        calls,
        options,
        Some((&store, quoted)),
        &|_| {},
    )
    .await;
    assert_eq!(outcomes.len(), insurers::catalogue().len());
    store.mark_draft_quoted(quoted, now).unwrap();
    // A batch cut short: one insurer asked again, never answered.
    let request =
        casco_core::quote::build_quote_request(&draft, insurers::find("generali").unwrap(), None)
            .unwrap();
    store
        .record_quote_started(quoted, "generali", &request, now)
        .unwrap();

    // An open draft half typed, and a discarded one.
    let mut open = casco_core::quote::QuoteDraft::default();
    open.policyholder.last_name = "Popescu".into();
    open.policyholder.first_name = "Ioana".into();
    casco_core::quote::save_draft(&store, None, &open, now).unwrap();
    let gone = casco_core::quote::save_draft(&store, None, &draft, now)
        .unwrap()
        .unwrap();
    store.discard_draft(gone, now).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    conn.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()))
        .unwrap();
    conn.execute_batch("VACUUM").unwrap();
    sandbox.stop().await;
}

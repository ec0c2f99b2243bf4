//! Quoting every insurer at once against the real sandbox over loopback: a fault matrix
//! where each failure lands in its own readable state while the other insurers' offers
//! arrive and the token expires mid-batch, a session that goes stale and is renewed exactly
//! once for the whole batch, and a batch cut short that leaves the unanswered insurers
//! visible in a reopened SQLite file.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casco_api::insurers;
use casco_api::model::ProviderAuthentication;
use casco_api::{routes, CallOptions, CascoClient, Secret};
use casco_core::quote::comparison::compare;
use casco_core::quote::fanout::{
    quote_insurers, FanoutOptions, InsurerCall, InsurerOutcome, OutcomeState,
};
use casco_core::quote::{build_quote_request, QuoteDraft};
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use casco_core::Message;
use casco_sandbox::{FailureMode, InsurerKnobs, Latency, SandboxConfig};
use chrono::Utc;

#[path = "support/answers.rs"]
mod answers;
#[path = "support/sample_draft.rs"]
mod sample_draft;
use sample_draft::{today, tomorrow_in_bucharest, valid_draft_from};
#[path = "support/demo_account.rs"]
mod demo_account;
use demo_account::{demo_call, demo_sandbox};

const HANG: &str = "generali";
const SERVER_ERROR: &str = "groupama";
const MALFORMED: &str = "eazy_insure";
const VALIDATION: &str = "allianz";
const NOT_ENABLED: &str = "omniasig";
const TOKEN_EXPIRES: &str = "asirom";
const TIMEOUT: Duration = Duration::from_millis(1500);

/// The sample with a start date the sandbox accepts today.
fn valid_draft() -> QuoteDraft {
    valid_draft_from(tomorrow_in_bucharest())
}

/// Every catalogue insurer, enabled, with the sandbox's demo provider credentials.
fn all_insurers() -> Vec<InsurerCall> {
    insurers::catalogue().iter().map(demo_call).collect()
}

fn options() -> FanoutOptions {
    FanoutOptions {
        per_insurer_timeout: TIMEOUT,
        today: today(),
    }
}

/// Every insurer quoted with the valid draft, nothing stored, outcomes not watched.
async fn quote_everyone(client: &Arc<CascoClient>) -> Vec<InsurerOutcome> {
    quote_insurers(
        Arc::clone(client),
        &valid_draft(),
        all_insurers(),
        options(),
        None,
        &|_| {},
    )
    .await
}

fn by_key(outcomes: &[InsurerOutcome]) -> BTreeMap<&str, &InsurerOutcome> {
    outcomes.iter().map(|o| (o.insurer.as_str(), o)).collect()
}

fn assert_all_offered(outcomes: &[InsurerOutcome]) {
    for o in outcomes {
        assert!(matches!(o.state, OutcomeState::Offers { .. }), "{o:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failure_gets_its_own_state_and_the_rest_still_quote() {
    let mut config = SandboxConfig::default();
    for insurer in insurers::catalogue() {
        config.insurers.insert(
            insurer.key.clone(),
            InsurerKnobs {
                latency: Some(Latency::Fixed(300)),
                failure: None,
            },
        );
    }
    for (key, failure) in [
        (HANG, FailureMode::Hang),
        (SERVER_ERROR, FailureMode::ServerError),
        (MALFORMED, FailureMode::MalformedJson),
        (VALIDATION, FailureMode::ValidationError),
        (NOT_ENABLED, FailureMode::NotEnabled),
        (TOKEN_EXPIRES, FailureMode::TokenExpiresMidBatch),
    ] {
        config.insurers.get_mut(key).unwrap().failure = Some(failure);
    }
    let (sandbox, client) = demo_sandbox(config).await;
    // The app logged in earlier with token T0 (15 min: no early refresh during the batch).
    // The session then runs out mid-batch: the sandbox expires T0 when TOKEN_EXPIRES's
    // request arrives and refuses it with 403; calls with T0 it had already let through
    // answer normally, any that arrive after are refused as well. Exactly one refresh
    // follows, whatever the arrival order, by construction:
    // - T0 is the only token ever expired: nothing else expires tokens here, the knob fires
    //   once (checked and recorded under the sandbox's session lock), and its first request
    //   necessarily carries T0, since no renewal can happen before some refusal and the
    //   knob's is the only one there can be.
    // - Every refused call carries T0 and renews under the client's session lock (single
    //   flight): the first to take it sees T0 still current and refreshes (the refresh token
    //   stays valid, so no login); every other one then sees T1 != T0 and reuses T1.
    // - T1 is minted after the knob fired and is never expired, so every retry (including
    //   TOKEN_EXPIRES's, which now quotes normally) is accepted: no second refusal, no second
    //   renewal. No latency or ordering is relied on.
    client.login(CallOptions::default()).await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let draft = valid_draft();
    let draft_id = casco_core::quote::save_draft(&store, None, &draft, Utc::now())
        .unwrap()
        .unwrap();

    let streamed: Mutex<Vec<(Duration, String)>> = Mutex::new(Vec::new());
    let start = Instant::now();
    let outcomes = quote_insurers(
        Arc::clone(&client),
        &draft,
        all_insurers(),
        options(),
        Some((&store, draft_id)),
        &|o: InsurerOutcome| streamed.lock().unwrap().push((start.elapsed(), o.insurer)),
    )
    .await;
    let total = start.elapsed();

    assert_eq!(outcomes.len(), 10);
    let outcomes_by_key = by_key(&outcomes);
    for insurer in insurers::catalogue() {
        let o = outcomes_by_key[insurer.key.as_str()];
        match insurer.key.as_str() {
            HANG => assert_eq!(o.state, OutcomeState::TimedOut { after_ms: 1500 }),
            SERVER_ERROR | MALFORMED => {
                let OutcomeState::Failed { message } = &o.state else {
                    panic!("{}: {:?}", o.insurer, o.state)
                };
                // No HTML page or JSON path reaches the agent: a 502 is named by its
                // status, an unreadable answer as such.
                let expected = match insurer.key.as_str() {
                    SERVER_ERROR => Message::ServerRefused {
                        message: "HTTP 502".into(),
                    },
                    _ => Message::BadAnswer,
                };
                assert_eq!(*message, expected);
            }
            VALIDATION => {
                let OutcomeState::Rejected { message, fields } = &o.state else {
                    panic!("{:?}", o.state)
                };
                assert_eq!(*message, Message::ServerValidation);
                assert!(
                    matches!(&fields["product.vehicle.vin"][0], Message::ServerSaid { text } if text.contains("VIN")),
                    "{fields:?}"
                );
            }
            NOT_ENABLED => {
                let OutcomeState::NotEnabled { reason } = &o.state else {
                    panic!("{:?}", o.state)
                };
                assert!(
                    matches!(reason, Message::ServerSaid { text } if text.contains("nu este activat")),
                    "{reason:?}"
                );
            }
            // TOKEN_EXPIRES included: refused once as expired, it quotes on its one retry.
            key => {
                let OutcomeState::Offers { offers } = &o.state else {
                    panic!("{key}: {:?}", o.state)
                };
                assert!(!offers.is_empty(), "{key}");
                let offer = &offers[0];
                assert_eq!(offer.insurer, key);
                assert_eq!(offer.start_date, tomorrow_in_bucharest());
                assert!(!offer.expired);
                assert!(offer.premium_ron.parse::<f64>().unwrap() > 0.0);
                if offer.currency == "EUR" {
                    assert_ne!(offer.premium, offer.premium_ron, "{key}");
                }
                // The deductibles are the request's, in the currency it asked for, whatever
                // currency the insurer priced in.
                let deductibles = offer.deductibles.as_ref().expect("the draft asks for them");
                assert_eq!(deductibles.currency, "RON", "{key}");
            }
        }
    }
    let expired_mid_batch = &outcomes_by_key[TOKEN_EXPIRES].state;
    assert!(
        matches!(expired_mid_batch, OutcomeState::Offers { offers } if !offers.is_empty()),
        "{expired_mid_batch:?}"
    );
    assert_eq!(compare(&outcomes).len(), 5);

    // Exactly one renewal for the whole batch, seen from both sides.
    assert_eq!(client.stats().refreshes(), 1);
    assert_eq!(client.stats().logins(), 1);
    let counters = sandbox.counters();
    assert_eq!(counters.refreshes, 1);
    assert_eq!(counters.logins, 1);
    // Ten first attempts, TOKEN_EXPIRES's retry, and one retry for each call refused with
    // T0 after it expired (how many depends on arrival order; each retries once).
    let quotes = counters.requests_to(routes::QUOTE.name);
    assert!((11..=20).contains(&quotes), "{quotes}");

    // Streamed as they completed: the quick answers came long before the hung insurer's
    // timeout, which was the last one and bounds the whole batch.
    let streamed = streamed.into_inner().unwrap();
    assert_eq!(streamed.len(), 10);
    assert!(streamed[0].0 < Duration::from_millis(1200), "{streamed:?}");
    assert_eq!(streamed.last().unwrap().1, HANG);
    assert!(total < TIMEOUT + Duration::from_millis(800), "{total:?}");

    // Every call recorded, every outcome known, no provider password on disk.
    let calls = store.quote_calls_for_draft(draft_id).unwrap();
    assert_eq!(calls.len(), 10);
    assert!(store.unanswered_insurers(draft_id).unwrap().is_empty());
    for call in &calls {
        let auth = &call.request["provider"]["authentication"];
        let (account, _) = casco_sandbox::demo_provider_credentials(&call.insurer);
        assert_eq!(auth["account"], account);
        assert!(auth.get("password").is_none(), "{auth}");
        assert!(call.answer.is_some(), "{}", call.insurer);
    }
    // Reopened from what the API said, the comparison is the one streamed live.
    let reopened = casco_core::quote::saved_comparison(&store, draft_id, today()).unwrap();
    let mut live = outcomes.clone();
    live.sort_by_key(|o| o.insurer.clone());
    let mut again = reopened.outcomes.clone();
    again.sort_by_key(|o| o.insurer.clone());
    assert_eq!(again, live);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_server_dropped_before_the_batch_is_renewed_once() {
    let (sandbox, client) = demo_sandbox(SandboxConfig::default()).await;
    // The app logged in earlier; the server has since dropped that token, so every call of
    // the batch is refused once with 403 and the client must renew once for all of them.
    client.login(CallOptions::default()).await.unwrap();
    sandbox.expire_access_tokens();
    let outcomes = quote_everyone(&client).await;
    assert_eq!(outcomes.len(), 10);
    assert_all_offered(&outcomes);
    assert_eq!(client.stats().refreshes(), 1);
    assert_eq!(client.stats().logins(), 1);
    let counters = sandbox.counters();
    assert_eq!((counters.logins, counters.refreshes), (1, 1));
    // Each call carrying the dropped token was refused once and retried; a call that only
    // took its token after the renewal went straight through.
    let quotes = counters.requests_to(routes::QUOTE.name);
    assert!((11..=20).contains(&quotes), "{quotes}");
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_running_out_is_renewed_once_for_the_whole_batch() {
    // 2 s tokens: the client renews within half the lifetime of expiry, so after 1.2 s every
    // one of the 10 concurrent calls finds the token due. They must share one refresh.
    let config = SandboxConfig {
        token_lifetime_secs: 2,
        ..SandboxConfig::default()
    };
    let (sandbox, client) = demo_sandbox(config).await;
    client.login(CallOptions::default()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let outcomes = quote_everyone(&client).await;
    assert_all_offered(&outcomes);
    assert_eq!(client.stats().refreshes(), 1);
    let counters = sandbox.counters();
    assert_eq!((counters.logins, counters.refreshes), (1, 1));
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn insurers_switched_off_or_without_credentials_are_not_asked() {
    let (sandbox, client) = demo_sandbox(SandboxConfig::default()).await;
    let mut calls = all_insurers();
    calls[0].enabled = false;
    calls[1].credentials = None;
    let outcomes = quote_insurers(
        Arc::clone(&client),
        &valid_draft(),
        calls,
        options(),
        None,
        &|_| {},
    )
    .await;
    let outcomes_by_key = by_key(&outcomes);
    let first = &insurers::catalogue()[0].key;
    let second = &insurers::catalogue()[1].key;
    assert!(matches!(
        &outcomes_by_key[first.as_str()].state,
        OutcomeState::NotEnabled { reason } if *reason == Message::SwitchedOff
    ));
    assert!(matches!(
        &outcomes_by_key[second.as_str()].state,
        OutcomeState::NotEnabled { reason } if *reason == Message::CredentialsMissing
    ));
    let offered = outcomes
        .iter()
        .filter(|o| matches!(o.state, OutcomeState::Offers { .. }))
        .count();
    assert_eq!(offered, 8);
    // The client had no session: the batch logged in once, before any quote.
    assert_eq!(sandbox.counters().logins, 1);
    assert_eq!(sandbox.counters().requests_to(routes::QUOTE.name), 8);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_the_server_cannot_take_is_rejected_per_field_without_calls() {
    let (sandbox, client) = demo_sandbox(SandboxConfig::default()).await;
    let mut draft = valid_draft();
    draft.vehicle.make.clear();
    let outcomes = quote_insurers(client, &draft, all_insurers(), options(), None, &|_| {}).await;
    assert_eq!(outcomes.len(), 10);
    for o in &outcomes {
        let OutcomeState::Rejected { fields, .. } = &o.state else {
            panic!("{:?}", o.state)
        };
        assert!(fields.contains_key("product.vehicle.brand"), "{fields:?}");
    }
    assert_eq!(sandbox.counters().requests_to(routes::QUOTE.name), 0);
    sandbox.stop().await;
}

#[test]
fn an_interrupted_batch_leaves_the_unanswered_insurers_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let draft = valid_draft();
    let catalogue = insurers::catalogue();
    let answered = 4;
    let draft_id = {
        let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
        let draft_id = casco_core::quote::save_draft(&store, None, &draft, Utc::now())
            .unwrap()
            .unwrap();
        let mut ids = Vec::new();
        for insurer in catalogue {
            let auth = ProviderAuthentication {
                account: format!("acct-{}", insurer.key),
                password: Secret::new("s3cret-provider-pass".into()),
                code: Some(Secret::new("s3cret-provider-code".into())),
            };
            let request = build_quote_request(&draft, insurer, Some(auth)).unwrap();
            ids.push(
                store
                    .record_quote_started(draft_id, &insurer.key, &request, Utc::now())
                    .unwrap(),
            );
        }
        for (insurer, id) in catalogue.iter().zip(&ids).take(answered) {
            let _ = insurer;
            store
                .record_quote_answer(*id, &answers::unreachable(), Utc::now())
                .unwrap();
        }
        draft_id
        // The store is dropped here without any further write: the app "died".
    };
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let mut expected: Vec<String> = catalogue[answered..]
        .iter()
        .map(|i| i.key.clone())
        .collect();
    expected.sort();
    assert_eq!(store.unanswered_insurers(draft_id).unwrap(), expected);
    let calls = store.quote_calls_for_draft(draft_id).unwrap();
    assert_eq!(calls.len(), catalogue.len());
    assert_eq!(
        calls.iter().filter(|c| c.finished_at.is_some()).count(),
        answered
    );
    // The provider password and code never reached the file, in any form.
    let raw = std::fs::read(&path).unwrap();
    let wal = std::fs::read(dir.path().join("casco.db-wal")).unwrap_or_default();
    for bytes in [raw, wal] {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("s3cret-provider-pass"));
        assert!(!text.contains("s3cret-provider-code"));
    }
    for call in &calls {
        let auth = &call.request["provider"]["authentication"];
        assert!(
            auth.get("password").is_none() && auth.get("code").is_none(),
            "{auth}"
        );
        assert_eq!(auth["account"], format!("acct-{}", call.insurer));
    }

    // A second attempt for an insurer replaces the unanswered one as its latest call.
    let insurer = &catalogue[answered];
    let request = build_quote_request(&draft, insurer, None).unwrap();
    let id = store
        .record_quote_started(draft_id, &insurer.key, &request, Utc::now())
        .unwrap();
    store
        .record_quote_answer(id, &answers::unreachable(), Utc::now())
        .unwrap();
    assert_eq!(
        store.unanswered_insurers(draft_id).unwrap().len(),
        expected.len() - 1
    );
}

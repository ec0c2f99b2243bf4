//! The call observer against the sandbox over real HTTP: one record per HTTP exchange (the
//! session's login, refresh and retry included) with its route, insurer, status and size; a
//! call whose time runs out is recorded as abandoned; no record carries a secret.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use casco_api::{CallObserver, CallOptions, CallOutcome, CallRecord, CascoClient};
use casco_sandbox::{FailureMode, InsurerKnobs, SandboxConfig};
use common::{quote_for, sandbox_and_client, NO_OPTS};

fn observed(client: &CascoClient) -> Arc<Mutex<Vec<CallRecord>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let observer: CallObserver =
        Arc::new(move |r: &CallRecord| sink.lock().unwrap().push(r.clone()));
    assert!(client.observe_calls(observer));
    assert!(
        !client.observe_calls(Arc::new(|_: &CallRecord| ())),
        "only one observer"
    );
    seen
}

fn summary(records: &[CallRecord]) -> Vec<(&'static str, Option<&'static str>, Option<u16>)> {
    records
        .iter()
        .map(|r| (r.route.name, r.insurer, r.outcome.status()))
        .collect()
}

#[tokio::test]
async fn every_exchange_is_recorded_with_its_route_insurer_status_and_size() {
    let mut config = SandboxConfig::default();
    let knobs = InsurerKnobs {
        latency: None,
        failure: Some(FailureMode::TokenExpiresMidBatch),
    };
    config.insurers.insert("uniqa".into(), knobs);
    let (sandbox, client) = sandbox_and_client(config).await;
    let seen = observed(&client);

    client.countries(NO_OPTS).await.unwrap();
    client.quote(&quote_for("groupama"), NO_OPTS).await.unwrap();
    // The token expires on this one: refused, refreshed, sent again.
    client.quote(&quote_for("uniqa"), NO_OPTS).await.unwrap();
    let labelled = CallOptions::default()
        .for_insurer("allianz")
        .labelled("A. B.");
    client.offer_pdf(999_999, labelled).await.unwrap_err();

    let records = seen.lock().unwrap().clone();
    assert_eq!(
        summary(&records),
        [
            ("login", None, Some(200)),
            ("countries", None, Some(200)),
            ("quote", Some("groupama"), Some(200)),
            ("quote", Some("uniqa"), Some(403)),
            ("refresh", None, Some(200)),
            ("quote", Some("uniqa"), Some(200)),
            ("offer_pdf", Some("allianz"), Some(404)),
        ]
    );
    let countries = &records[1];
    assert!(countries.response_bytes > 1000, "{countries:?}");
    assert!(records
        .windows(2)
        .all(|w| w[0].started_at <= w[1].started_at));
    assert_eq!(records[6].label.as_deref(), Some("A. B."));
    assert!(records[..6].iter().all(|r| r.label.is_none()));

    // Nothing sent or received is in a record: not the password, not a token.
    let refresh = client.refresh_token().await.unwrap();
    let printed = format!("{records:?}");
    assert!(!printed.contains(refresh.expose().as_str()));
    assert!(!printed.contains("password") && !printed.contains("demo"));
    sandbox.stop().await;
}

#[tokio::test]
async fn a_call_whose_time_runs_out_is_recorded_as_abandoned() {
    let mut config = SandboxConfig::default();
    let knobs = InsurerKnobs {
        latency: None,
        failure: Some(FailureMode::Hang),
    };
    config.insurers.insert("asirom".into(), knobs);
    let (sandbox, client) = sandbox_and_client(config).await;
    client.login(NO_OPTS).await.unwrap();
    let seen = observed(&client);

    let opts = CallOptions::with_timeout(Duration::from_millis(300));
    client.quote(&quote_for("asirom"), opts).await.unwrap_err();

    let records = seen.lock().unwrap().clone();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].route.name, "quote");
    assert_eq!(records[0].insurer, Some("asirom"));
    assert_eq!(records[0].outcome, CallOutcome::Abandoned);
    assert_eq!(records[0].response_bytes, 0);
    assert!(records[0].duration >= Duration::from_millis(250));
    sandbox.stop().await;
}

#[tokio::test]
async fn an_unreachable_host_is_recorded_as_no_connection() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = common::client_for(
        &format!("http://127.0.0.1:{port}"),
        "demo",
        "demo",
        Duration::from_secs(30),
    );
    let seen = observed(&client);
    client.login(NO_OPTS).await.unwrap_err();
    let records = seen.lock().unwrap().clone();
    assert_eq!(summary(&records), [("login", None, None)]);
    assert_eq!(records[0].outcome, CallOutcome::NoConnection);
}

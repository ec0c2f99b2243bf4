//! Nomenclature lists configured to fail (`nomenclature_failures`), over raw HTTP.

mod common;

use casco_sandbox::{FailureMode, SandboxConfig};
use common::{demo_login, get_with_token};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// GET `path` with the session token: the status and the body as text.
async fn get(client: &reqwest::Client, base: &str, token: &str, path: &str) -> (u16, String) {
    let response = get_with_token(client, format!("{base}{path}"), token).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn configured_nomenclature_parts_fail_and_the_others_answer() {
    let sandbox = casco_sandbox::start(SandboxConfig {
        nomenclature_failures: BTreeMap::from([
            ("localities:cj".to_owned(), FailureMode::ServerError),
            ("models:Dacia".to_owned(), FailureMode::MalformedJson),
            ("countries".to_owned(), FailureMode::Hang),
        ]),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let base = sandbox.base_url().to_owned();
    let client = reqwest::Client::new();
    let token = demo_login(&client, &base).await.0;

    // serverError: a 500 error envelope with a message, matched ignoring case.
    let (status, body) = get(&client, &base, &token, "/nomenclature/locality/CJ").await;
    assert_eq!(status, 500, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"], true);
    assert_eq!(body["status"], 500);
    assert!(body["message"].as_str().unwrap().contains("localities:CJ"));

    // Other counties still answer.
    let (status, body) = get(&client, &base, &token, "/nomenclature/locality/BV").await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert!(!body["data"].as_array().unwrap().is_empty());

    // malformedJson: 200 with a cut body; make names match folded.
    let (status, body) = get(&client, &base, &token, "/nomenclature/vehicle/model/dacia").await;
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    let (status, _) = get(&client, &base, &token, "/nomenclature/vehicle/model/audi").await;
    assert_eq!(status, 200);

    // hang: no answer at all.
    let hung = tokio::time::timeout(
        Duration::from_millis(300),
        get(&client, &base, &token, "/nomenclature/country"),
    )
    .await;
    assert!(hung.is_err(), "countries answered: {hung:?}");

    // Removing the knob heals the list at once.
    sandbox.update_config(|c| c.nomenclature_failures.clear());
    let (status, _) = get(&client, &base, &token, "/nomenclature/locality/CJ").await;
    assert_eq!(status, 200);
    sandbox.stop().await;
}

/// A sandbox whose every locality list fails with `mode`, and a demo session on it.
async fn every_county_failing(
    mode: FailureMode,
) -> (
    casco_sandbox::SandboxHandle,
    String,
    reqwest::Client,
    String,
) {
    let sandbox = casco_sandbox::start(SandboxConfig {
        nomenclature_failures: BTreeMap::from([("localities:*".to_owned(), mode)]),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let base = sandbox.base_url().to_owned();
    let client = reqwest::Client::new();
    let token = demo_login(&client, &base).await.0;
    (sandbox, base, client, token)
}

#[tokio::test]
async fn a_token_expiring_mid_sync_is_refused_once_then_renewed() {
    let (sandbox, base, client, token) =
        every_county_failing(FailureMode::TokenExpiresMidBatch).await;
    assert_eq!(
        get(&client, &base, &token, "/nomenclature/county").await.0,
        200
    );
    // The first county asked expires the token, for every list after it.
    let (status, body) = get(&client, &base, &token, "/nomenclature/locality/CJ").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        get(&client, &base, &token, "/nomenclature/county").await.0,
        403
    );
    // A new session's token is not expired again: the knob fired once.
    let token = demo_login(&client, &base).await.0;
    for county in ["CJ", "BV"] {
        let path = format!("/nomenclature/locality/{county}");
        assert_eq!(get(&client, &base, &token, &path).await.0, 200, "{county}");
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn wildcards_fail_every_county() {
    let (sandbox, base, client, token) = every_county_failing(FailureMode::NotEnabled).await;
    for county in ["CJ", "B", "XX"] {
        let path = format!("/nomenclature/locality/{county}");
        let (status, _) = get(&client, &base, &token, &path).await;
        assert_eq!(status, 400, "{county}");
    }
    let (status, _) = get(&client, &base, &token, "/nomenclature/county").await;
    assert_eq!(status, 200);
    sandbox.stop().await;
}

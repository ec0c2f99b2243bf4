//! Nomenclature lists configured to fail (`nomenclature_failures`), over raw HTTP.

mod common;

use casco_sandbox::{FailureMode, SandboxConfig, SandboxHandle};
use common::{demo_login, get_with_token};
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// A sandbox with `nomenclature_failures` configured, and a demo session on it.
struct Session {
    sandbox: SandboxHandle,
    base: String,
    client: reqwest::Client,
    token: String,
}

impl Session {
    async fn start(failures: BTreeMap<String, FailureMode>) -> Session {
        let sandbox = casco_sandbox::start(SandboxConfig {
            nomenclature_failures: failures,
            ..SandboxConfig::default()
        })
        .await
        .unwrap();
        let base = sandbox.base_url().to_owned();
        let client = common::http();
        let token = demo_login(&client, &base).await.0;
        Session {
            sandbox,
            base,
            client,
            token,
        }
    }

    /// Logs in again: a new session's token.
    async fn log_in_again(&mut self) {
        self.token = demo_login(&self.client, &self.base).await.0;
    }

    /// GET `path` with the session token: the status and the body as text.
    async fn get(&self, path: &str) -> (u16, String) {
        let response =
            get_with_token(&self.client, format!("{}{path}", self.base), &self.token).await;
        (response.status().as_u16(), response.text().await.unwrap())
    }
}

#[tokio::test]
async fn configured_nomenclature_parts_fail_and_the_others_answer() {
    let session = Session::start(BTreeMap::from([
        ("localities:cj".to_owned(), FailureMode::ServerError),
        ("models:Dacia".to_owned(), FailureMode::MalformedJson),
        ("countries".to_owned(), FailureMode::Hang),
    ]))
    .await;

    // serverError: a 500 error envelope with a message, matched ignoring case.
    let (status, body) = session.get("/nomenclature/locality/CJ").await;
    assert_eq!(status, 500, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"], true);
    assert_eq!(body["status"], 500);
    assert!(body["message"].as_str().unwrap().contains("localities:CJ"));

    // Other counties still answer.
    let (status, body) = session.get("/nomenclature/locality/BV").await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert!(!body["data"].as_array().unwrap().is_empty());

    // malformedJson: 200 with a cut body; make names match folded.
    let (status, body) = session.get("/nomenclature/vehicle/model/dacia").await;
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    let (status, _) = session.get("/nomenclature/vehicle/model/audi").await;
    assert_eq!(status, 200);

    // hang: no answer at all.
    let hung = tokio::time::timeout(
        Duration::from_millis(300),
        session.get("/nomenclature/country"),
    )
    .await;
    assert!(hung.is_err(), "countries answered: {hung:?}");

    // Removing the knob heals the list at once.
    session
        .sandbox
        .update_config(|c| c.nomenclature_failures.clear());
    let (status, _) = session.get("/nomenclature/locality/CJ").await;
    assert_eq!(status, 200);
    session.sandbox.stop().await;
}

/// A sandbox whose every locality list fails with `mode`, and a demo session on it.
async fn every_county_failing(mode: FailureMode) -> Session {
    Session::start(BTreeMap::from([("localities:*".to_owned(), mode)])).await
}

#[tokio::test]
async fn a_token_expiring_mid_sync_is_refused_once_then_renewed() {
    let mut session = every_county_failing(FailureMode::TokenExpiresMidBatch).await;
    assert_eq!(session.get("/nomenclature/county").await.0, 200);
    // The first county asked expires the token, for every list after it.
    let (status, body) = session.get("/nomenclature/locality/CJ").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(session.get("/nomenclature/county").await.0, 403);
    // A new session's token is not expired again: the knob fired once.
    session.log_in_again().await;
    for county in ["CJ", "BV"] {
        let path = format!("/nomenclature/locality/{county}");
        assert_eq!(session.get(&path).await.0, 200, "{county}");
    }
    session.sandbox.stop().await;
}

#[tokio::test]
async fn wildcards_fail_every_county() {
    let session = every_county_failing(FailureMode::NotEnabled).await;
    for county in ["CJ", "B", "XX"] {
        let path = format!("/nomenclature/locality/{county}");
        let (status, _) = session.get(&path).await;
        assert_eq!(status, 400, "{county}");
    }
    let (status, _) = session.get("/nomenclature/county").await;
    assert_eq!(status, 200);
    session.sandbox.stop().await;
}

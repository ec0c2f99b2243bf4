//! Shared set-up for the tests that talk to the sandbox over real HTTP on loopback.

#![allow(dead_code)] // each test binary uses a different part of this module

use casco_api::model::{Currency, QuoteRequest};
use casco_api::{CallOptions, CascoClient, ClientConfig, Credentials};
use casco_sandbox::{SandboxConfig, SandboxHandle};
use chrono::{Days, NaiveDate};
use std::time::Duration;

/// Calls with the client's default timeout.
pub const NO_OPTS: CallOptions = CallOptions {
    timeout: None,
    insurer: None,
    label: None,
};

/// A sandbox on 127.0.0.1:0 and a client for its demo account.
pub async fn sandbox_and_client(config: SandboxConfig) -> (SandboxHandle, CascoClient) {
    let sandbox = casco_sandbox::start(config).await.expect("sandbox starts");
    let client = client_for(sandbox.base_url(), "demo", "demo", Duration::from_secs(30));
    (sandbox, client)
}

/// A client with short timeouts and the given refresh margin.
pub fn client_for(
    base_url: &str,
    account: &str,
    password: &str,
    refresh_margin: Duration,
) -> CascoClient {
    let mut config = ClientConfig::new(base_url).unwrap();
    config.timeout = Duration::from_secs(10);
    config.refresh_margin = refresh_margin;
    CascoClient::new(config, Credentials::new(account, password)).unwrap()
}

/// Today in Bucharest (the sandbox checks start dates against it).
pub fn today_bucharest() -> NaiveDate {
    casco_api::session::today_in_bucharest(chrono::Utc::now())
}

/// The published sample request, retargeted at `insurer` with a valid start date; it
/// carries every field any insurer requires.
pub fn quote_for(insurer: &str) -> QuoteRequest {
    let text = std::fs::read_to_string(format!(
        "{}/tests/fixtures/quote_request.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut request: QuoteRequest = serde_json::from_str(&text).unwrap();
    let entry = casco_api::insurers::find(insurer).expect("known insurer");
    request.provider.organization.business_name = insurer.to_owned();
    let auth = request.provider.authentication.as_mut().unwrap();
    let (account, password) = casco_sandbox::demo_provider_credentials(insurer);
    auth.account = account;
    auth.password = password.into();
    let leased = request.product.vehicle.is_leased;
    request.product.name = entry.product_for(leased).unwrap().name.clone();
    request.product.motor.start_date = today_bucharest().checked_add_days(Days::new(2)).unwrap();
    request.product.motor.currency = Currency::Ron;
    request.product.motor.installment_count = 4;
    request
}

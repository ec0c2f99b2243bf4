//! Session helpers shared by the sandbox's HTTP tests.

// Every test binary compiles this module and each uses only some of it.
#![allow(dead_code)]

use serde_json::Value;

/// A plain HTTP client for the tests' own requests. reqwest here has no TLS provider of its
/// own (casco-api installs ring's): it is installed first, as the app does.
pub fn http() -> reqwest::Client {
    casco_api::install_tls_provider();
    reqwest::Client::new()
}

/// Logs in as `account`: the access token and the whole answer.
pub async fn login(
    client: &reqwest::Client,
    base: &str,
    account: &str,
    password: &str,
) -> (String, Value) {
    let body: Value = client
        .post(format!("{base}/auth?account={account}&password={password}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = body["data"]["token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (token, body)
}

/// Logs in as the demo account: the access token and the whole answer.
pub async fn demo_login(client: &reqwest::Client, base: &str) -> (String, Value) {
    let (token, body) = login(client, base, "demo", "demo").await;
    assert!(!token.is_empty(), "demo login: {body}");
    (token, body)
}

/// A default sandbox, its base URL, an HTTP client and a demo session token.
pub async fn demo_session() -> (
    casco_sandbox::SandboxHandle,
    String,
    reqwest::Client,
    String,
) {
    let sandbox = casco_sandbox::start(casco_sandbox::SandboxConfig::default())
        .await
        .unwrap();
    let base = sandbox.base_url().to_owned();
    let client = http();
    let (jwt, _) = demo_login(&client, &base).await;
    (sandbox, base, client, jwt)
}

/// GET `url` with the session token.
pub async fn get_with_token(client: &reqwest::Client, url: String, jwt: &str) -> reqwest::Response {
    client.get(url).header("Token", jwt).send().await.unwrap()
}

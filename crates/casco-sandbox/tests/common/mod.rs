//! Session helpers shared by the sandbox's HTTP tests.

use serde_json::Value;

/// Logs in as the demo account: the access token and the whole answer.
pub async fn demo_login(client: &reqwest::Client, base: &str) -> (String, Value) {
    let body: Value = client
        .post(format!("{base}/auth?account=demo&password=demo"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (body["data"]["token"].as_str().unwrap().to_owned(), body)
}

/// GET `url` with the session token.
pub async fn get_with_token(client: &reqwest::Client, url: String, jwt: &str) -> reqwest::Response {
    client.get(url).header("Token", jwt).send().await.unwrap()
}

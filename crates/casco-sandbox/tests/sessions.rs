//! Who may hold a session: tokens signed with anything but this start's secret, or for an
//! account the sandbox does not have, are refused; refresh tokens of a configured length.

mod common;

use casco_sandbox::{Account, SandboxConfig};
use common::{demo_login, get_with_token, login};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

/// The secret every sandbox signed with before it was made random per start (and documented).
const OLD_FIXED_SECRET: &str = "casco-sandbox-demo-secret";

/// A token shaped exactly like the sandbox's, for `account`, signed with `secret`.
fn forged_token(account: &str, secret: &str) -> String {
    let now = chrono::Utc::now().timestamp();
    let claims = json!({"sub": account, "exp": now + 600, "iat": now, "jti": "s1", "gen": 0});
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

/// Asserts a 401 error envelope.
async fn assert_refused(response: reqwest::Response, what: &str) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 401, "{what}: {body}");
    assert_eq!(body["error"], true, "{what}: {body}");
    assert_eq!(body["status"], 401, "{what}: {body}");
}

#[tokio::test]
async fn a_token_signed_with_the_old_fixed_secret_is_refused() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let base = sandbox.base_url().to_owned();
    let client = common::http();
    for account in ["demo", "mallory"] {
        let forged = forged_token(account, OLD_FIXED_SECRET);
        let response =
            get_with_token(&client, format!("{base}/nomenclature/country"), &forged).await;
        assert_refused(response, account).await;
    }
    // The real session still works.
    let (jwt, _) = demo_login(&client, &base).await;
    let response = get_with_token(&client, format!("{base}/nomenclature/country"), &jwt).await;
    assert_eq!(response.status(), 200);
    sandbox.stop().await;
}

#[tokio::test]
async fn each_start_signs_with_its_own_secret() {
    let first = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let second = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let client = common::http();
    let (jwt, _) = demo_login(&client, first.base_url()).await;
    let url = |base: &str| format!("{base}/nomenclature/country");
    let own = get_with_token(&client, url(first.base_url()), &jwt).await;
    assert_eq!(own.status(), 200);
    let other = get_with_token(&client, url(second.base_url()), &jwt).await;
    assert_refused(other, "a token of another sandbox").await;
    first.stop().await;
    second.stop().await;
}

/// Every protected route, as (method, path, JSON body).
fn protected_routes() -> Vec<(reqwest::Method, &'static str, Option<Value>)> {
    use reqwest::Method;
    vec![
        (Method::GET, "/nomenclature/country", None),
        (Method::GET, "/nomenclature/county", None),
        (Method::GET, "/nomenclature/locality/CJ", None),
        (Method::GET, "/nomenclature/vehicle/make", None),
        (Method::GET, "/nomenclature/vehicle/model/dacia", None),
        (Method::POST, "/offer", Some(json!({}))),
        (Method::GET, "/offer/1001", None),
        (Method::POST, "/policy", Some(json!({"offerId": 1001}))),
        (Method::GET, "/policy?series=AS&number=100001", None),
        (
            Method::POST,
            "/vehicle/identification",
            Some(json!({"brand": "Dacia"})),
        ),
        (Method::DELETE, "/auth", None),
    ]
}

#[tokio::test]
async fn a_validly_signed_token_for_an_account_not_configured_is_refused_everywhere() {
    let config = SandboxConfig {
        accounts: vec![
            Account {
                account: "demo".into(),
                password: "demo".into(),
                locked: false,
            },
            Account {
                account: "agent".into(),
                password: "pw".into(),
                locked: false,
            },
        ],
        ..SandboxConfig::default()
    };
    let sandbox = casco_sandbox::start(config).await.unwrap();
    let base = sandbox.base_url().to_owned();
    let client = common::http();
    let (jwt, answer) = login(&client, &base, "agent", "pw").await;
    let refresh_token = answer["data"]["refresh_token"].as_str().unwrap().to_owned();
    let countries = get_with_token(&client, format!("{base}/nomenclature/country"), &jwt).await;
    assert_eq!(
        countries.status(),
        200,
        "the token is good while the account exists"
    );

    // The account goes away: the token the sandbox itself signed names an unknown account.
    sandbox.update_config(|c| c.accounts.retain(|a| a.account == "demo"));
    for (method, path, body) in protected_routes() {
        let mut request = client
            .request(method.clone(), format!("{base}{path}"))
            .header("Token", &jwt);
        if let Some(body) = body {
            request = request.json(&body);
        }
        assert_refused(request.send().await.unwrap(), &format!("{method} {path}")).await;
    }
    let refreshed = client
        .patch(format!("{base}/auth"))
        .header("Token", format!("Refresh {refresh_token}"))
        .send()
        .await
        .unwrap();
    assert_refused(refreshed, "refresh for the removed account").await;
    assert_eq!(sandbox.counters().refreshes, 0);
    sandbox.stop().await;
}

/// PATCH /auth with `refresh_token`: the status and the answer.
async fn refresh(client: &reqwest::Client, base: &str, refresh_token: &str) -> (u16, Value) {
    let response = client
        .patch(format!("{base}/auth"))
        .header("Token", format!("Refresh {refresh_token}"))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn refresh_tokens_of_a_configured_length_are_unique_single_use_and_rotate() {
    // Set through the JSON spelling, as a --config file or the app's Demo knobs would.
    let config: SandboxConfig =
        serde_json::from_value(json!({"refreshTokenLength": 2000})).unwrap();
    let sandbox = casco_sandbox::start(config).await.unwrap();
    let base = sandbox.base_url().to_owned();
    let client = common::http();
    let (_, answer) = demo_login(&client, &base).await;
    let mut current = answer["data"]["refresh_token"].as_str().unwrap().to_owned();
    let mut seen = vec![current.clone()];
    for _ in 0..3 {
        assert_eq!(current.chars().count(), 2000);
        let (status, renewed) = refresh(&client, &base, &current).await;
        assert_eq!(status, 200, "{renewed}");
        let jwt = renewed["data"]["token"].as_str().unwrap();
        let countries = get_with_token(&client, format!("{base}/nomenclature/country"), jwt).await;
        assert_eq!(countries.status(), 200);
        // Single use: the token just spent is refused.
        assert_eq!(refresh(&client, &base, &current).await.0, 401);
        current = renewed["data"]["refresh_token"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(!seen.contains(&current), "a refresh token came back twice");
        seen.push(current.clone());
    }
    let (_, second_login) = demo_login(&client, &base).await;
    let other = second_login["data"]["refresh_token"].as_str().unwrap();
    assert_eq!(other.len(), 2000);
    assert!(!seen.iter().any(|t| t == other));
    assert_eq!(sandbox.counters().refreshes, 3);
    sandbox.stop().await;
}

#[tokio::test]
async fn default_refresh_tokens_are_not_guessable_from_a_counter_and_a_clock() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let client = common::http();
    let (_, answer) = demo_login(&client, sandbox.base_url()).await;
    let token = answer["data"]["refresh_token"].as_str().unwrap();
    // 32 random bytes, base64url: at least 43 characters after the `rt-` prefix.
    let random = token.strip_prefix("rt-").unwrap();
    assert!(
        random.len() >= 43
            && random
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "{token}"
    );
    sandbox.stop().await;
}

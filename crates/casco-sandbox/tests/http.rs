//! The sandbox over raw HTTP: vendor-shaped envelopes, clear errors for bad requests,
//! the OpenAPI document and the binary.

mod common;
mod quotes;

use casco_sandbox::SandboxConfig;
use common::{demo_login, demo_session, get_with_token};
use quotes::{asirom_quote, post_quote};
use serde_json::Value;
use std::time::Duration;

#[tokio::test]
async fn openapi_lists_every_route_of_the_shared_table() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let doc: Value = reqwest::get(format!("{}/openapi.json", sandbox.base_url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for route in casco_api::routes::ALL {
        let operation = &doc["paths"][route.path][route.method.as_lower()];
        assert!(
            operation.is_object(),
            "{} {} missing from /openapi.json",
            route.method.as_lower(),
            route.path
        );
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn login_answers_like_the_vendor() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let client = common::http();
    let (jwt, body) = demo_login(&client, sandbox.base_url()).await;
    assert_eq!(body["error"], "false");
    assert_eq!(body["status"], "200");
    assert!(body["data"]["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    // expires_at is the JWT's exp written in Bucharest local time.
    let exp = casco_api::session::jwt_expiry(&jwt).unwrap();
    let expires_at =
        casco_api::session::bucharest_local_expiry(body["data"]["expires_at"].as_str().unwrap())
            .unwrap();
    assert_eq!(exp, expires_at);

    let wrong = client
        .post(format!(
            "{}/auth?account=demo&password=nope",
            sandbox.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let missing: Value = client
        .post(format!("{}/auth", sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(missing["message"], "VALIDATION_ERROR");
    assert!(missing["data"]["account"].is_array());
    sandbox.stop().await;
}

#[tokio::test]
async fn bad_requests_get_the_envelope_with_a_clear_message() {
    let (sandbox, base, client, jwt) = demo_session().await;

    let no_token = client
        .get(format!("{base}/nomenclature/country"))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 401);
    assert_eq!(
        no_token.json::<Value>().await.unwrap()["message"],
        "Lipsește antetul Token."
    );

    let bad_json = client
        .post(format!("{base}/offer"))
        .header("Token", &jwt)
        .body("{\"provider\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_json.status(), 400);
    let body: Value = bad_json.json().await.unwrap();
    assert_eq!(body["error"], true);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("JSON invalid"),
        "{body}"
    );

    let not_object = client
        .post(format!("{base}/policy"))
        .header("Token", &jwt)
        .body("[1,2]")
        .send()
        .await
        .unwrap();
    assert_eq!(not_object.status(), 400);

    let unknown = client
        .get(format!("{base}/no/such/route"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(unknown.json::<Value>().await.unwrap()["message"]
        .as_str()
        .unwrap()
        .contains("/no/such/route"));

    let wrong_method = client.put(format!("{base}/offer")).send().await.unwrap();
    assert_eq!(wrong_method.status(), 405);
    assert_eq!(wrong_method.json::<Value>().await.unwrap()["error"], true);

    let bad_id = get_with_token(&client, format!("{base}/offer/abc"), &jwt).await;
    assert_eq!(bad_id.status(), 400);
    let body: Value = bad_id.json().await.unwrap();
    assert_eq!(body["message"], "VALIDATION_ERROR");

    let counters = sandbox.counters();
    assert_eq!(counters.requests_to("quote"), 1);
    assert_eq!(counters.requests_to("unknown"), 1);
    sandbox.stop().await;
}

#[tokio::test]
async fn expired_tokens_answer_403_by_default_and_401_when_configured() {
    let (sandbox, base, client, jwt) = demo_session().await;
    sandbox.expire_access_tokens();
    let refused = get_with_token(&client, format!("{base}/nomenclature/county"), &jwt).await;
    assert_eq!(refused.status(), 403);
    sandbox.update_config(|c| c.expired_token_status = 401);
    let refused = get_with_token(&client, format!("{base}/nomenclature/county"), &jwt).await;
    assert_eq!(refused.status(), 401);
    sandbox.stop().await;
}

#[tokio::test]
async fn the_binary_serves_on_loopback_with_a_config_file() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::env::temp_dir().join(format!("casco-sandbox-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.json");
    std::fs::write(&config, r#"{"accounts": [{"account": "agent", "password": "pw"}], "nomenclatureSpelling": "published"}"#).unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_casco-sandbox"))
        .args(["--port", &port.to_string(), "--config"])
        .arg(&config)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let client = common::http();
    let base = format!("http://127.0.0.1:{port}");
    let mut answer = None;
    for _ in 0..100 {
        if let Ok(response) = client
            .post(format!("{base}/auth?account=agent&password=pw"))
            .send()
            .await
        {
            answer = Some(response.json::<Value>().await.unwrap());
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let jwt = answer.expect("the binary answers")["data"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let counties: Value = get_with_token(&client, format!("{base}/nomenclature/county"), &jwt)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        counties["data"][0]["county_code"], "AB",
        "published spelling from the config file"
    );
    child.kill().await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_token_expiring_mid_batch_is_refused_everywhere_once_and_renewed_by_refresh() {
    let mut config = SandboxConfig::default();
    config.insurers.insert(
        "asirom".into(),
        casco_sandbox::InsurerKnobs {
            latency: None,
            failure: Some(casco_sandbox::FailureMode::TokenExpiresMidBatch),
        },
    );
    let sandbox = casco_sandbox::start(config).await.unwrap();
    let client = common::http();
    let base = sandbox.base_url().to_owned();
    let (jwt, login) = demo_login(&client, &base).await;
    let refresh_token = login["data"]["refresh_token"].as_str().unwrap().to_owned();

    // The token is good until the knob's insurer is asked...
    let counties = get_with_token(&client, format!("{base}/nomenclature/county"), &jwt).await;
    assert_eq!(counties.status(), 200);
    // ...which refuses it as expired, exactly as an expired token is refused...
    let (status, body) = post_quote(&client, &base, &jwt, &asirom_quote()).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"], true);
    assert!(
        body["message"].as_str().unwrap().contains("expirat"),
        "{body}"
    );
    // ...and from then on the token is refused on every route.
    let counties = get_with_token(&client, format!("{base}/nomenclature/county"), &jwt).await;
    assert_eq!(counties.status(), 403);

    // The refresh token still works; the new token quotes the same insurer normally, again
    // and again: the knob fired once.
    let renewed: Value = client
        .patch(format!("{base}/auth"))
        .header("Token", format!("Refresh {refresh_token}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(renewed["error"], "false", "{renewed}");
    let fresh = renewed["data"]["token"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        let (status, body) = post_quote(&client, &base, &fresh, &asirom_quote()).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["data"]["provider"]["organization"]["businessName"],
            "asirom"
        );
        assert!(!body["data"]["offers"].as_array().unwrap().is_empty());
    }
    let (status, _) = post_quote(&client, &base, &jwt, &asirom_quote()).await;
    assert_eq!(status, 403, "the expired token stays expired");

    // Unrelated knob changes leave it spent; removing and setting it again re-arms it, and
    // the refusal follows the configured expired-token status.
    sandbox.update_config(|c| c.offer_validity_days = 20);
    assert_eq!(
        post_quote(&client, &base, &fresh, &asirom_quote()).await.0,
        200
    );
    sandbox.update_config(|c| c.insurers.get_mut("asirom").unwrap().failure = None);
    sandbox.update_config(|c| {
        c.expired_token_status = 401;
        c.insurers.get_mut("asirom").unwrap().failure =
            Some(casco_sandbox::FailureMode::TokenExpiresMidBatch);
    });
    assert_eq!(
        post_quote(&client, &base, &fresh, &asirom_quote()).await.0,
        401
    );
    assert_eq!(
        post_quote(&client, &base, &fresh, &asirom_quote()).await.0,
        401
    );

    let counters = sandbox.counters();
    assert_eq!((counters.logins, counters.refreshes), (1, 1));
    sandbox.stop().await;
}

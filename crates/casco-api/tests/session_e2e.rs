//! Session handling against the sandbox: one shared refresh, one retry on 401/403,
//! re-login when the refresh is refused, and no loops.

mod common;

use casco_api::ApiError;
use casco_sandbox::SandboxConfig;
use common::{client_for, sandbox_and_client, NO_OPTS};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_calls_on_an_expired_token_share_one_refresh() {
    let sandbox = casco_sandbox::start(SandboxConfig {
        token_lifetime_secs: 1,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let client = Arc::new(client_for(
        sandbox.base_url(),
        "demo",
        "demo",
        Duration::ZERO,
    ));
    let session = client.login(NO_OPTS).await.unwrap();
    let expires_at = session.expires_at.expect("exp claim");
    let wait = (expires_at - chrono::Utc::now())
        .to_std()
        .unwrap_or_default()
        + Duration::from_millis(50);
    tokio::time::sleep(wait).await;

    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.countries(NO_OPTS).await.map(|c| c.len()) })
        })
        .collect();
    for call in calls {
        assert!(call.await.unwrap().unwrap() > 200);
    }
    assert_eq!(client.stats().refreshes(), 1);
    assert_eq!(client.stats().logins(), 1);
    let counters = sandbox.counters();
    assert_eq!((counters.refreshes, counters.logins), (1, 1));
    assert_eq!(
        counters.requests_to("countries"),
        20,
        "no call was refused and retried"
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn a_401_or_403_causes_one_refresh_and_one_retry_and_a_second_refusal_surfaces() {
    for status in [401u16, 403] {
        let (sandbox, client) = sandbox_and_client(SandboxConfig {
            expired_token_status: status,
            ..SandboxConfig::default()
        })
        .await;
        client.login(NO_OPTS).await.unwrap();
        sandbox.expire_access_tokens();
        client.counties(NO_OPTS).await.unwrap();
        assert_eq!(
            (client.stats().refreshes(), client.stats().logins()),
            (1, 1),
            "status {status}"
        );
        assert_eq!(
            sandbox.counters().requests_to("counties"),
            2,
            "refused once, retried once"
        );

        sandbox.update_config(|c| c.reject_all_tokens = true);
        match client.counties(NO_OPTS).await.unwrap_err() {
            ApiError::Auth {
                status: got,
                message,
            } => {
                assert_eq!(got, status);
                assert!(message.unwrap().contains("expirat"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            client.stats().refreshes(),
            2,
            "exactly one more refresh, no loop"
        );
        assert_eq!(sandbox.counters().requests_to("counties"), 4);
        sandbox.stop().await;
    }
}

#[tokio::test]
async fn a_refused_refresh_falls_back_to_logging_in_again() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    client.login(NO_OPTS).await.unwrap();
    sandbox.expire_access_tokens();
    sandbox.revoke_refresh_tokens();
    client.vehicle_makes(NO_OPTS).await.unwrap();
    assert_eq!(
        (client.stats().refreshes(), client.stats().logins()),
        (1, 2)
    );
    assert_eq!(
        (sandbox.counters().refreshes, sandbox.counters().logins),
        (0, 2)
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn wrong_credentials_are_an_auth_error_and_never_leak_the_password() {
    let (sandbox, _) = sandbox_and_client(SandboxConfig::default()).await;
    let client = client_for(
        sandbox.base_url(),
        "demo",
        "s3cr3t-wrong",
        Duration::from_secs(30),
    );
    let err = client.countries(NO_OPTS).await.unwrap_err();
    assert!(matches!(err, ApiError::Auth { status: 401, .. }), "{err:?}");
    assert_eq!(client.stats().logins(), 1, "a refused login is not retried");
    for text in [
        format!("{err}"),
        format!("{err:?}"),
        format!("{:?}", casco_api::Credentials::new("demo", "s3cr3t-wrong")),
    ] {
        assert!(!text.contains("s3cr3t-wrong"), "{text}");
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn explicit_refresh_renews_the_session() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    client.login(NO_OPTS).await.unwrap();
    client.refresh(NO_OPTS).await.unwrap();
    client.countries(NO_OPTS).await.unwrap();
    assert_eq!(
        (sandbox.counters().logins, sandbox.counters().refreshes),
        (1, 1)
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn logout_ends_the_session_even_when_the_token_already_expired() {
    let (sandbox, client) = sandbox_and_client(SandboxConfig::default()).await;
    client.login(NO_OPTS).await.unwrap();
    client.logout(NO_OPTS).await.unwrap();
    assert_eq!(sandbox.counters().requests_to("logout"), 1);
    client.logout(NO_OPTS).await.unwrap();
    assert_eq!(
        sandbox.counters().requests_to("logout"),
        1,
        "no session, nothing sent"
    );

    client.login(NO_OPTS).await.unwrap();
    sandbox.expire_access_tokens();
    client.logout(NO_OPTS).await.unwrap();
    client.countries(NO_OPTS).await.unwrap();
    assert_eq!(
        (client.stats().logins(), client.stats().refreshes()),
        (3, 0),
        "a new login after logout, no refresh"
    );
    sandbox.stop().await;
}

//! The agent's connection against the real sandbox over HTTP on loopback, with an in-memory
//! keychain (the real Secret Service has its own test).

use std::sync::Arc;

use casco_api::{Credentials, Secret};
use casco_core::connection::{ApiTarget, Connection};
use casco_core::keychain::{Keychain, MemoryKeychain};
use casco_core::settings::{EnvironmentKind, EnvironmentSettings};
use casco_core::{ErrorCode, Message};
use casco_sandbox::SandboxConfig;

#[path = "support/login.rs"]
mod login;
use login::{custom, log_in};

#[tokio::test]
async fn wrong_then_right_login_then_logout() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let conn = Connection::new(keychain.clone());
    let target = custom(sandbox.base_url());

    let e = log_in(&conn, &target, "greșit", false).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Auth);
    assert_eq!(e.fields.unwrap()["password"], [Message::WrongCredentials]);
    assert!(!conn.status(&target).await.logged_in);

    let s = conn
        .login(target.clone(), " demo ", Secret::new("demo".into()), false)
        .await
        .unwrap();
    assert!(s.logged_in);
    assert_eq!(s.account.as_deref(), Some("demo"));
    for part in ["account", "password", "refresh"] {
        let key = format!("login:{}:{part}", target.key);
        assert!(keychain.get(&key).unwrap().is_none(), "{key}");
    }
    // The live client works for API calls.
    let client = conn.client().await.unwrap();
    assert_eq!(client.counties(Default::default()).await.unwrap().len(), 42);

    let out = conn.logout(target.clone()).await;
    assert!(!out.logged_in);
    assert_eq!(
        conn.client().await.err().map(|e| e.code),
        Some(ErrorCode::Auth)
    );
    assert_eq!(sandbox.counters().requests_to("logout"), 1);
}

#[tokio::test]
async fn a_remembered_login_resumes_with_the_refresh_token() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let target = custom(sandbox.base_url());

    let first = Connection::new(keychain.clone());
    let s = log_in(&first, &target, "demo", true).await.unwrap();
    assert!(s.remembered);
    let stored = |part: &str| {
        keychain
            .get(&format!("login:{}:{part}", target.key))
            .unwrap()
            .map(|s| s.expose().clone())
    };
    assert_eq!(stored("account").as_deref(), Some("demo"));
    assert_eq!(stored("password").as_deref(), Some("demo"));
    assert!(stored("refresh").is_some());
    assert_eq!(sandbox.counters().logins, 1);

    // A new start of the app: same keychain, no typing, and no password sent again.
    let again = Connection::new(keychain.clone());
    let s = again.switch_to(target.clone(), None).await;
    assert!(s.logged_in && s.remembered, "{s:?}");
    assert_eq!(sandbox.counters().logins, 1);
    assert_eq!(sandbox.counters().refreshes, 1);

    // Logout forgets the remembered login, so the next start asks again.
    again.logout(target.clone()).await;
    let third = Connection::new(keychain);
    assert!(!third.switch_to(target, None).await.logged_in);
}

#[tokio::test]
async fn the_remembered_refresh_token_follows_every_rotation() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let target = custom(sandbox.base_url());
    let refresh_key = format!("login:{}:refresh", target.key);
    let remembered = || keychain.get(&refresh_key).unwrap().unwrap();

    let conn = Connection::new(keychain.clone());
    log_in(&conn, &target, "demo", true).await.unwrap();
    let client = conn.client().await.unwrap();
    let at_login = remembered();
    // The session goes on for a working day: the token is refreshed twice (once on schedule,
    // once after the server refused an expired one). Each refresh spends the old token.
    client.refresh(Default::default()).await.unwrap();
    sandbox.expire_access_tokens();
    client.counties(Default::default()).await.unwrap();
    assert_eq!(sandbox.counters().refreshes, 2);
    assert_ne!(remembered(), at_login);
    assert_eq!(Some(remembered()), client.refresh_token().await);

    // The next start resumes with the rotated token: no password is sent again.
    let restart = Connection::new(keychain.clone());
    let s = restart.switch_to(target.clone(), None).await;
    assert!(s.logged_in && s.remembered, "{s:?}");
    assert_eq!(
        sandbox.counters().logins,
        1,
        "the password was sent only once"
    );
    let live = restart.client().await.unwrap();
    assert_eq!(Some(remembered()), live.refresh_token().await);

    // After logout nothing is written back, and nothing is remembered.
    restart.logout(target.clone()).await;
    live.refresh(Default::default()).await.ok();
    assert!(keychain.get(&refresh_key).unwrap().is_none());
}

#[tokio::test]
async fn a_login_too_long_for_the_keychain_says_so_and_keeps_nothing() {
    let sandbox = casco_sandbox::start(SandboxConfig {
        accounts: vec![casco_sandbox::config::Account {
            account: "demo".into(),
            password: "p".repeat(3000),
            locked: false,
        }],
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let target = custom(sandbox.base_url());
    let conn = Connection::new(keychain.clone());
    let s = log_in(&conn, &target, &"p".repeat(3000), true)
        .await
        .unwrap();
    assert!(s.logged_in && !s.remembered);
    // What it is, not "not available".
    assert_eq!(
        s.notice,
        Some(Message::KeychainTooLong {
            bytes: 3000,
            limit: 2560
        })
    );
    assert!(keychain
        .get(&format!("login:{}:account", target.key))
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn demo_logs_in_by_itself_and_environments_do_not_mix() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let conn = Connection::new(Arc::new(MemoryKeychain::default()));
    let demo = ApiTarget::from_settings(&EnvironmentSettings::default(), sandbox.base_url());
    assert_eq!(demo.key, "demo");
    let s = conn
        .switch_to(demo.clone(), Some(Credentials::new("demo", "demo")))
        .await;
    assert!(s.logged_in);

    // Switching to QA drops the Demo session; with nothing remembered it waits for a login.
    let qa = ApiTarget::from_settings(
        &EnvironmentSettings {
            kind: EnvironmentKind::Qa,
            custom_url: String::new(),
        },
        sandbox.base_url(),
    );
    let s = conn.switch_to(qa.clone(), None).await;
    assert!(!s.logged_in);
    assert!(conn.client().await.is_err());
    assert!(!conn.status(&demo).await.logged_in);
}

#[tokio::test]
async fn an_unreachable_api_is_a_network_error_not_a_wrong_password() {
    // A port nothing listens on: bind, read the port, drop the listener.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conn = Connection::new(Arc::new(MemoryKeychain::default()));
    let e = conn
        .login(
            custom(&format!("http://127.0.0.1:{port}")),
            "demo",
            Secret::new("demo".into()),
            false,
        )
        .await
        .unwrap_err();
    assert_eq!(
        (e.code, e.message),
        (ErrorCode::Network, Message::CannotConnect)
    );
}

#[tokio::test]
async fn reachability_follows_the_server() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let target = custom(sandbox.base_url());
    let conn = Connection::new(Arc::new(MemoryKeychain::default()));
    let wait = std::time::Duration::from_secs(2);
    assert!(conn.reachable(&target, wait).await);
    sandbox.stop().await;
    assert!(!conn.reachable(&target, wait).await);
}

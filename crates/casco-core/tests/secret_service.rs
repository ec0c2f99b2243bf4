//! The real OS keychain. On Linux this needs a Secret Service on the session bus, so it is
//! ignored in a plain `cargo test`; scripts/test runs it inside dbus-run-session with
//! gnome-keyring unlocked (`cargo test -- --ignored secret_service`).

use casco_core::keychain::{Keychain, OsKeychain, Secret};

#[path = "support/login.rs"]
mod login;

#[test]
#[ignore = "needs a Secret Service session: scripts/test runs it"]
fn secret_service_stores_and_reads_a_secret() {
    let keychain = OsKeychain::new("ro.cascodesk.desk.test");
    let key = format!("secret-service-test-{}", std::process::id());
    keychain
        .set(&key, &Secret::new("parolă-ștearsă-la-final".to_string()))
        .expect("store in the keychain");

    // A second, independent handle reads it back: the in-memory mock keyring would fail here,
    // since its entries are not shared between Entry objects.
    let again = OsKeychain::new("ro.cascodesk.desk.test");
    let read = again
        .get(&key)
        .expect("read from the keychain")
        .expect("the secret is there");
    assert_eq!(read.expose(), "parolă-ștearsă-la-final");

    again.delete(&key).unwrap();
    assert!(keychain.get(&key).unwrap().is_none());
}

/// A keychain service of its own per test run, so runs never see each other's entries.
fn service(what: &str) -> String {
    format!("ro.cascodesk.desk.test-{what}-{}", std::process::id())
}

#[tokio::test]
#[ignore = "needs a Secret Service session: scripts/test runs it"]
async fn secret_service_remembers_and_resumes_a_2000_character_refresh_token() {
    use casco_core::connection::Connection;
    use login::{custom, log_in};
    use std::sync::Arc;

    let sandbox = casco_sandbox::start(casco_sandbox::SandboxConfig {
        refresh_token_length: Some(2000),
        ..Default::default()
    })
    .await
    .unwrap();
    let target = custom(sandbox.base_url());
    let name = service("long-token");
    let first = Connection::new(Arc::new(OsKeychain::new(name.clone())));
    let s = log_in(&first, &target, "demo", true).await.unwrap();
    assert!(s.remembered && s.notice.is_none(), "{s:?}");
    let stored = OsKeychain::new(name.clone())
        .get(&format!("login:{}:refresh", target.key))
        .unwrap()
        .expect("the refresh token is in the keychain");
    assert_eq!(stored.expose().len(), 2000);

    // The next start, with a fresh handle on the real keychain: resumed, no password sent.
    let next = Connection::new(Arc::new(OsKeychain::new(name.clone())));
    let s = next.switch_to(target.clone(), None).await;
    assert!(s.logged_in && s.remembered, "{s:?}");
    assert_eq!(sandbox.counters().logins, 1);
    let rotated = OsKeychain::new(name.clone())
        .get(&format!("login:{}:refresh", target.key))
        .unwrap()
        .unwrap();
    assert_eq!(rotated.expose().len(), 2000);
    assert_ne!(
        rotated, stored,
        "the resume's rotated token replaced the spent one"
    );

    next.logout(target.clone()).await;
    let left = OsKeychain::new(name).get(&format!("login:{}:account", target.key));
    assert!(left.unwrap().is_none());
    sandbox.stop().await;
}

#[test]
#[ignore = "needs a Secret Service session: scripts/test runs it"]
fn secret_service_entries_of_the_old_identifier_move_to_the_new_one() {
    use casco_core::relocation::move_secrets;
    use casco_core::remembered::RememberedLogin;

    let (old_name, new_name) = (service("old"), service("new"));
    // How earlier builds wrote: set_password, one JSON entry per login.
    let old = OsKeychain::legacy(old_name.clone());
    let json = r#"{"account":"agent","password":"parolă-veche","refresh_token":"rt-1"}"#;
    old.set("login:qa", &Secret::new(json.into())).unwrap();
    old.set(
        "insurer:qa:grawe",
        &Secret::new(r#"{"account":"a","password":"p","code":"c"}"#.into()),
    )
    .unwrap();

    let new = OsKeychain::new(new_name.clone());
    assert_eq!(move_secrets(&old, &new, &["qa".into()]), (2, 0));
    let login = RememberedLogin::read(&OsKeychain::new(new_name.clone()), "qa").unwrap();
    assert_eq!(login.account, "agent");
    assert_eq!(login.password.expose(), "parolă-veche");
    assert!(OsKeychain::legacy(old_name)
        .get("login:qa")
        .unwrap()
        .is_none());

    for key in [
        "login:qa:account",
        "login:qa:password",
        "login:qa:refresh",
        "insurer:qa:grawe",
    ] {
        new.delete(key).unwrap();
    }
}

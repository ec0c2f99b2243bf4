//! The real OS keychain. On Linux this needs a Secret Service on the session bus, so it is
//! ignored in a plain `cargo test`; scripts/test runs it inside dbus-run-session with
//! gnome-keyring unlocked (`cargo test -- --ignored secret_service`).

use casco_core::keychain::{Keychain, OsKeychain, Secret};

#[test]
#[ignore = "needs a Secret Service session: scripts/test runs it"]
fn secret_service_stores_and_reads_a_secret() {
    let keychain = OsKeychain::new("ro.cascodesk.app.test");
    let key = format!("secret-service-test-{}", std::process::id());
    keychain
        .set(&key, &Secret::new("parolă-ștearsă-la-final".to_string()))
        .expect("store in the keychain");

    // A second, independent handle reads it back: the in-memory mock keyring would fail here,
    // since its entries are not shared between Entry objects.
    let again = OsKeychain::new("ro.cascodesk.app.test");
    let read = again
        .get(&key)
        .expect("read from the keychain")
        .expect("the secret is there");
    assert_eq!(read.expose(), "parolă-ștearsă-la-final");

    again.delete(&key).unwrap();
    assert!(keychain.get(&key).unwrap().is_none());
}

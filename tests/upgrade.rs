//! The first start of this build on a machine where an earlier build ran under the old
//! identifier `ro.cascodesk.app`: the real app, the real Secret Service, a real SQLite file.
//! Its data folder (a quoted draft, settings pointing at a loopback API, the agency logo) and
//! its keychain entries (a remembered login, an insurer's credentials) must be found under the
//! new identifier, with the remembered login resuming the session without the password.
//! Needs a display, a session bus and a Secret Service: scripts/test runs it.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use casco_api::{CallOptions, CascoClient, ClientConfig, Credentials};
use casco_core::database_key::DATABASE_KEY_ENTRY;
use casco_core::keychain::{Keychain, OsKeychain, Secret};
use casco_core::remembered::RememberedLogin;
use casco_core::settings::{EnvironmentKind, Settings};
use casco_core::store::DatabaseKey;
use casco_core::store::{DraftId, Store};

/// The keychain services of a debug build, old and new (see src-tauri/api.rs).
const OLD_SERVICE: &str = "ro.cascodesk.app.dev";
const NEW_SERVICE: &str = "ro.cascodesk.desk.dev";

#[path = "support/launched.rs"]
mod launched;
use launched::Launched;

/// The earlier build's data folder: its database (release 0.1's, committed under
/// crates/casco-core/tests/fixtures: plain text, as every build before sealing wrote it; draft 1
/// quoted ten insurers), settings for the custom environment at `api`, and a logo. Returns the
/// quoted draft's id.
fn old_data_folder(old: &Path, api: &str) -> DraftId {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/casco-core/tests/fixtures/release-0.1.0.db"
    );
    std::fs::copy(fixture, old.join("casco.db")).unwrap();
    let id = 1;
    let mut settings = Settings::default();
    settings.environment.kind = EnvironmentKind::Custom;
    settings.environment.custom_url = api.into();
    settings.agency.name = "Agenția Mureș".into();
    let file = serde_json::json!({ "settings": settings });
    std::fs::write(old.join("settings.json"), file.to_string()).unwrap();
    std::fs::write(old.join("agency-logo-00000000000000ab.png"), b"\x89PNG").unwrap();
    id
}

/// A live refresh token for `demo` at `api`, as a remembered login holds one.
async fn refresh_token(api: &str) -> String {
    let client = CascoClient::new(
        ClientConfig::new(api).unwrap(),
        Credentials::new("demo", "demo"),
    )
    .unwrap();
    client.login(CallOptions::default()).await.unwrap();
    client.refresh_token().await.unwrap().expose().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a display, a session bus and a Secret Service: scripts/test runs it"]
async fn the_first_start_finds_the_old_identifiers_data_and_secrets() {
    let sandbox = casco_sandbox::start(Default::default()).await.unwrap();
    let api = sandbox.base_url().to_string();
    let env = format!("custom:{api}");
    let dir = std::env::temp_dir().join(format!("casco-upgrade-{}", std::process::id()));
    let old = dir.join("data").join("ro.cascodesk.app");
    std::fs::create_dir_all(&old).unwrap();
    let draft_id = old_data_folder(&old, &api);
    let legacy = OsKeychain::legacy(OLD_SERVICE);
    let login = serde_json::json!({
        "account": "demo", "password": "demo", "refresh_token": refresh_token(&api).await
    });
    legacy
        .set(&format!("login:{env}"), &Secret::new(login.to_string()))
        .unwrap();
    let insurer_key = format!("insurer:{env}:grawe");
    let insurer = r#"{"account":"acct-grawe","password":"pw","code":""}"#;
    legacy
        .set(&insurer_key, &Secret::new(insurer.into()))
        .unwrap();

    let mut app = Launched::app_in(dir.clone(), Stdio::null());
    // The UI connects at start: the moved login resumes with its refresh token.
    let deadline = Instant::now() + Duration::from_secs(90);
    while sandbox.counters().refreshes == 0 {
        assert!(app.0.try_wait().unwrap().is_none(), "the app exited");
        assert!(
            Instant::now() < deadline,
            "the app never resumed the session"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(sandbox.counters().logins, 1, "only the test's own login");
    let _ = app.0.kill();
    let _ = app.0.wait();

    let new = dir.join("data").join("ro.cascodesk.desk");
    assert!(!old.exists(), "the old folder is emptied and removed");
    // The old plain database was sealed on the first start, with the key the app keeps in the
    // keychain under the new service.
    let keys = OsKeychain::new(NEW_SERVICE);
    let kept = keys
        .get(DATABASE_KEY_ENTRY)
        .unwrap()
        .expect("the database key");
    let key = DatabaseKey::from_base64(kept.expose()).expect("a key");
    let (store, _) = Store::open(new.join("casco.db"), &key).unwrap();
    assert!(
        casco_core::quote::load_draft(&store, draft_id)
            .unwrap()
            .is_some(),
        "the draft"
    );
    let calls = store.quote_calls_for_draft(draft_id).unwrap();
    assert_eq!(calls.len(), 10, "the comparison's calls, one per insurer");
    // Sealed on that first start: the client's name is no longer in the file.
    let mut bytes = std::fs::read(new.join("casco.db")).unwrap();
    bytes.extend(std::fs::read(new.join("casco.db-wal")).unwrap_or_default());
    assert!(
        !bytes.windows(7).any(|w| w == b"Popescu"),
        "the old plain text is sealed"
    );
    let settings = std::fs::read_to_string(new.join("settings.json")).unwrap();
    assert!(settings.contains("Agenția Mureș"), "{settings}");
    assert!(new.join("agency-logo-00000000000000ab.png").is_file());

    let remembered = RememberedLogin::read(&keys, &env).expect("the login, moved");
    assert_eq!(remembered.account, "demo");
    assert!(
        keys.get(&insurer_key).unwrap().is_some(),
        "the insurer's credentials"
    );
    assert!(legacy.get(&format!("login:{env}")).unwrap().is_none());
    assert!(legacy.get(&insurer_key).unwrap().is_none());
    casco_core::remembered::forget(&keys, &env).unwrap();
    keys.delete(&insurer_key).unwrap();
    keys.delete(DATABASE_KEY_ENTRY).unwrap();
    sandbox.stop().await;
}

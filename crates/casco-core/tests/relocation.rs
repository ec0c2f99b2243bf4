//! The first start under the new identifier finds an earlier release's data folder, settings
//! and keychain entries, and moves them: drafts and comparisons intact in a real SQLite file
//! (with a WAL not yet checkpointed), settings and logo beside it, the remembered login split
//! into its three entries. The same move against the real Secret Service and the real app
//! binary is `tests/upgrade.rs` at the workspace root.

use casco_api::insurers;
use casco_core::keychain::{Keychain, MemoryKeychain, Secret};
use casco_core::quote::build_quote_request;
use casco_core::relocation::{self, AppFolders, DATABASE_FILE, SETTINGS_FILE};
use casco_core::remembered::RememberedLogin;
use casco_core::settings::{EnvironmentKind, Settings};
use casco_core::store::DatabaseKey;
use casco_core::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};

#[path = "support/answers.rs"]
mod answers;
#[path = "support/sample_draft.rs"]
mod sample_draft;
use sample_draft::sample_draft;

const CUSTOM_URL: &str = "https://api.broker.ro";

/// An earlier release's data folder: a draft quoted with grawe, settings with a custom URL,
/// a logo. The store is dropped without a checkpoint, so the last writes sit in the WAL.
fn old_install(old: &std::path::Path) -> casco_core::store::DraftId {
    let (store, _) =
        Store::open(old.join(DATABASE_FILE), &DatabaseKey::from_bytes([7; 32])).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let draft = sample_draft();
    let id = casco_core::quote::save_draft(&store, None, &draft, t0)
        .unwrap()
        .unwrap();
    let request = build_quote_request(&draft, insurers::find("grawe").unwrap(), None).unwrap();
    let call = store
        .record_quote_started(id, "grawe", &request, t0)
        .unwrap();
    let offer = serde_json::json!({
        "offerId": 41, "premiumAmount": "1830.50", "currency": "RON",
        "startDate": "2026-12-01", "endDate": "2027-11-30", "offerExpiryDate": "2026-12-20"
    });
    store
        .record_quote_answer(call, &answers::offered(&[offer], 900), t0)
        .unwrap();
    std::mem::forget(store); // as a crash would: no close, no checkpoint
    let mut settings = Settings::default();
    settings.environment.kind = EnvironmentKind::Custom;
    settings.environment.custom_url = CUSTOM_URL.into();
    settings.agency.name = "Agenția Someș".into();
    let file = serde_json::json!({ "settings": settings });
    std::fs::write(old.join(SETTINGS_FILE), serde_json::to_vec(&file).unwrap()).unwrap();
    std::fs::write(
        old.join("agency-logo-00000000000000aa.png"),
        b"\x89PNG logo",
    )
    .unwrap();
    id
}

/// The keychain entries an earlier release wrote: one JSON entry per remembered login.
fn old_secrets(old: &MemoryKeychain) {
    let login = |account: &str| {
        Secret::new(format!(
            r#"{{"account":"{account}","password":"parolă-{account}","refresh_token":"{}"}}"#,
            "r".repeat(2000)
        ))
    };
    old.set("login:qa", &login("agent.qa")).unwrap();
    old.set(&format!("login:custom:{CUSTOM_URL}"), &login("agent.prod"))
        .unwrap();
    let insurer = r#"{"account":"acct-grawe","password":"pw-grawe","code":"C-7"}"#;
    old.set("insurer:qa:grawe", &Secret::new(insurer.into()))
        .unwrap();
}

#[test]
fn data_settings_and_secrets_of_the_old_identifier_are_found_under_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let old_dir = dir.path().join("ro.cascodesk.app");
    let draft_id = old_install(&old_dir);
    assert!(
        old_dir.join("casco.db-wal").exists(),
        "writes pending in the WAL"
    );
    let (old_keys, new_keys) = (MemoryKeychain::default(), MemoryKeychain::default());
    old_secrets(&old_keys);
    let new = AppFolders {
        data: dir.path().join("roaming").join("ro.cascodesk.desk"),
        local: dir.path().join("local").join("ro.cascodesk.desk"),
    };

    let report = relocation::relocate(&old_dir, &new, &old_keys, &new_keys).unwrap();
    assert!(report.left_behind.is_empty(), "{report:?}");
    assert_eq!(report.notice(&old_dir), None);
    assert!(!old_dir.exists(), "the emptied old folder is removed");
    assert_eq!(report.moved_secrets, 3);

    // Drafts and comparisons, with what was still in the WAL.
    let (store, open) = Store::open(
        new.local.join(DATABASE_FILE),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    assert!(open.recovered.is_none());
    assert_eq!(
        casco_core::quote::load_draft(&store, draft_id)
            .unwrap()
            .unwrap()
            .draft,
        sample_draft()
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let saved = casco_core::quote::saved_comparison(&store, draft_id, today).unwrap();
    assert_eq!(saved.outcomes.len(), 1);
    assert_eq!(saved.outcomes[0].insurer, "grawe");
    // Settings and the logo in the data folder.
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(new.data.join(SETTINGS_FILE)).unwrap()).unwrap();
    assert_eq!(file["settings"]["agency"]["name"], "Agenția Someș");
    assert!(new.data.join("agency-logo-00000000000000aa.png").is_file());
    // The secrets, split and re-written; none left under the old identifier.
    let qa = RememberedLogin::read(&new_keys, "qa").unwrap();
    assert_eq!(
        (qa.account.as_str(), qa.password.expose().as_str()),
        ("agent.qa", "parolă-agent.qa")
    );
    assert_eq!(qa.refresh_token.unwrap().expose().len(), 2000);
    let prod = RememberedLogin::read(&new_keys, &format!("custom:{CUSTOM_URL}")).unwrap();
    assert_eq!(prod.account, "agent.prod");
    assert!(new_keys
        .get("insurer:qa:grawe")
        .unwrap()
        .unwrap()
        .expose()
        .contains("pw-grawe"));
    for key in ["login:qa", "insurer:qa:grawe"] {
        assert!(old_keys.get(key).unwrap().is_none(), "{key} left behind");
    }

    // A second start has nothing left to move and changes nothing.
    let again = relocation::relocate(&old_dir, &new, &old_keys, &new_keys).unwrap();
    assert_eq!(again, Default::default());
    let names: Vec<_> = std::fs::read_dir(&new.data)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|n| n.contains("pending")), "{names:?}");
}

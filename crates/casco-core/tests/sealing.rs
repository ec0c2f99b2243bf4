//! Client data encrypted at rest: a plain database from release 0.1 sealed on first open with
//! nothing lost and no plain text left in the file; a key that is not the database's refused
//! with the file untouched; a keychain without the key (or with another one) leaving the old
//! file aside, byte for byte, and the desk working on an empty book; a damaged sealed value
//! reported for its row only.

#[path = "support/desk_fixture.rs"]
mod desk_fixture;
#[path = "support/sample_draft.rs"]
mod sample_draft;

use std::path::{Path, PathBuf};

use casco_core::database_key::DATABASE_KEY_ENTRY;
use casco_core::keychain::{Keychain, Secret};
use casco_core::store::{DatabaseKey, DraftWrite, Sealing, Store, StoreError};
use casco_core::Message;
use casco_sandbox::SandboxConfig;
use chrono::Utc;
use desk_fixture::Fixture;
use sha2::{Digest, Sha256};

const KEY: [u8; 32] = [7; 32];

fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let fixture = format!(
        "{}/tests/fixtures/release-0.1.0.db",
        env!("CARGO_MANIFEST_DIR")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    std::fs::copy(fixture, &path).unwrap();
    (dir, path)
}

/// Every byte the database keeps on disk: the file and its WAL.
fn file_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let wal = path.with_file_name(format!(
        "{}-wal",
        path.file_name().unwrap().to_str().unwrap()
    ));
    bytes.extend(std::fs::read(wal).unwrap_or_default());
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn sha256(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// The drafts' bodies and the quote calls' requests as release 0.1 wrote them, in plain text.
/// A draft row as stored: id, client name, body.
type RawDraft = (i64, String, String);

fn plain_rows(path: &Path) -> (Vec<RawDraft>, Vec<(i64, String)>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let drafts = conn
        .prepare("SELECT id, client_name, body FROM drafts ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let calls = conn
        .prepare("SELECT id, request FROM quote_calls ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (drafts, calls)
}

#[test]
fn a_plain_database_from_release_0_1_is_sealed_on_first_open_with_nothing_lost() {
    let (_dir, path) = fixture_copy();
    let (drafts, calls) = plain_rows(&path);
    let vin = |body: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        let draft = v.get("draft").unwrap_or(&v);
        draft["vehicle"]["vin"].as_str().unwrap().to_owned()
    };
    let mut needles: Vec<String> = drafts
        .iter()
        .filter(|(_, name, _)| !name.is_empty())
        .map(|(_, name, _)| name.clone())
        .collect();
    needles.push(vin(&drafts[0].2));
    assert!(needles.len() >= 2, "{needles:?}");
    assert!(contains(&file_bytes(&path), &needles[0]), "plain before");

    let (store, report) = Store::open(&path, &DatabaseKey::from_bytes(KEY)).unwrap();
    let Sealing::SealedNow(sealed) = report.sealing else {
        panic!("{:?}", report.sealing);
    };
    assert!(sealed >= drafts.len() * 2 + calls.len(), "{sealed} values");
    assert!(!calls.is_empty());
    for (id, name, body) in &drafts {
        let row = store
            .load_draft_row(u32::try_from(*id).unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(&row.listing.client_name, name);
        assert_eq!(&row.body, body, "draft {id} as typed");
    }
    // The latest call per insurer: release 0.1's fixture asked one insurer twice.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let asked: i64 = conn
        .query_row(
            "SELECT COUNT(DISTINCT insurer) FROM quote_calls WHERE draft_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let draft_one = store.quote_calls_for_draft(1).unwrap();
    assert_eq!(i64::try_from(draft_one.len()).unwrap(), asked);
    drop(store);

    let bytes = file_bytes(&path);
    for needle in &needles {
        assert!(!contains(&bytes, needle), "{needle} still in the file");
    }
    let (raw_drafts, raw_calls) = plain_rows(&path);
    assert!(raw_drafts
        .iter()
        .all(|(_, n, b)| n.starts_with("s1.") && b.starts_with("s1.")));
    assert!(raw_calls.iter().all(|(_, r)| r.starts_with("s1.")));

    let (again, report) = Store::open(&path, &DatabaseKey::from_bytes(KEY)).unwrap();
    assert_eq!(report.sealing, Sealing::KeyMatches);
    assert_eq!(again.load_draft_row(1).unwrap().unwrap().body, drafts[0].2);
}

#[test]
fn a_key_that_is_not_the_databases_is_refused_and_the_file_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes(KEY)).unwrap();
    let write = DraftWrite {
        client_name: "Ștefănescu Țuțu",
        step: "vehicle",
        body: "{}",
    };
    store.save_draft_row(None, write, Utc::now()).unwrap();
    drop(store);
    let before = sha256(&path);
    let other = DatabaseKey::from_bytes([8; 32]);
    assert!(matches!(
        Store::open(&path, &other),
        Err(StoreError::KeyMismatch)
    ));
    assert_eq!(sha256(&path), before);
}

#[test]
fn a_damaged_sealed_value_is_reported_for_its_row_and_the_rest_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes(KEY)).unwrap();
    let write = |name| DraftWrite {
        client_name: name,
        step: "vehicle",
        body: "{}",
    };
    let a = store
        .save_draft_row(None, write("A"), Utc::now())
        .unwrap()
        .unwrap();
    let b = store
        .save_draft_row(None, write("B"), Utc::now())
        .unwrap()
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let body: String = conn
        .query_row("SELECT body FROM drafts WHERE id = ?1", [a], |r| r.get(0))
        .unwrap();
    let flipped = format!(
        "{}{}",
        &body[..body.len() - 2],
        if body.ends_with('A') { "BB" } else { "AA" }
    );
    conn.execute(
        "UPDATE drafts SET body = ?2 WHERE id = ?1",
        rusqlite::params![a, flipped],
    )
    .unwrap();
    drop(conn);

    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes(KEY)).unwrap();
    assert!(matches!(
        store.load_draft_row(a),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(store.load_draft_row(b).unwrap().unwrap().body, "{}");
    assert_eq!(
        store.list_open_drafts().unwrap().len(),
        2,
        "names are intact"
    );
}

/// A desk with one saved draft for "Ștefănescu", closed again; the database's hash.
async fn desk_with_a_draft(f: &Fixture) -> String {
    let desk = f.desk();
    let mut draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    draft.policyholder.last_name = "Ștefănescu".into();
    desk.save_quote_draft(None, &draft).unwrap().unwrap();
    assert_eq!(desk.list_quote_drafts().unwrap().len(), 1);
    drop(desk);
    sha256(&f.database)
}

fn kept_path(notices: &[Message]) -> PathBuf {
    notices
        .iter()
        .find_map(|n| match n {
            Message::DatabaseKeyMissing { kept } | Message::DatabaseKeyMismatch { kept } => {
                Some(PathBuf::from(kept))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("a notice names the kept file: {notices:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_its_key_the_sealed_file_is_kept_aside_untouched_and_the_desk_starts_empty() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let hash = desk_with_a_draft(&f).await;
    f.keychain.delete(DATABASE_KEY_ENTRY).unwrap();

    let desk = f.desk();
    let notices = desk.start_notices();
    assert!(matches!(notices[0], Message::DatabaseKeyMissing { .. }));
    let kept = kept_path(&notices);
    assert_eq!(sha256(&kept), hash, "the sealed file, byte for byte");
    assert!(
        desk.list_quote_drafts().unwrap().is_empty(),
        "an empty book"
    );
    let draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    assert!(
        desk.save_quote_draft(None, &draft).unwrap().is_some(),
        "and it works"
    );
    assert!(
        f.keychain.get(DATABASE_KEY_ENTRY).unwrap().is_some(),
        "a new key kept"
    );
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_another_key_in_the_keychain_the_file_is_kept_aside_untouched() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let hash = desk_with_a_draft(&f).await;
    let other = DatabaseKey::from_bytes([9; 32]).to_base64();
    f.keychain
        .set(DATABASE_KEY_ENTRY, &Secret::new(other))
        .unwrap();

    let desk = f.desk();
    let notices = desk.start_notices();
    assert!(matches!(notices[0], Message::DatabaseKeyMismatch { .. }));
    assert_eq!(sha256(&kept_path(&notices)), hash);
    assert!(desk.list_quote_drafts().unwrap().is_empty());
    drop(desk);
    // The next start opens the new file with the same key: nothing more is set aside.
    assert!(f.desk().start_notices().is_empty());
    f.sandbox.stop().await;
}

//! The local store on a real SQLite file: reopening, damage detection and rebuild, refusals
//! that must leave the file alone, and sharing across threads.

mod common;

use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use casco_core::nomenclature::Part;
use casco_core::store::DatabaseKey;
use casco_core::store::{latest_version, PartData, Store, StoreError};
use chrono::Utc;

/// A store at `dir/casco.db` holding all SIRUTA counties and localities on "demo".
fn filled_store(dir: &Path) -> PathBuf {
    let path = dir.join("casco.db");
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let (counties, localities) = common::siruta();
    common::store_siruta(&store, "demo", &counties, &localities, Utc::now());
    drop(store); // closing checkpoints the WAL into the main file
    path
}

/// Deterministic bytes that are not a SQLite page.
fn garbage(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i.wrapping_mul(131) ^ (i >> 7)) as u8)
        .collect()
}

/// The files next to `path` whose names start with `<name>.corrupt-`.
fn corrupt_copies(path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}.corrupt-", path.file_name().unwrap().to_string_lossy());
    let mut found: Vec<PathBuf> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&prefix)
        })
        .collect();
    found.sort();
    found
}

/// Opens a damaged file and checks the rebuild: notice, copy kept, fresh usable database.
fn assert_rebuilt(path: &Path, damaged: &[u8]) {
    let (store, report) = Store::open(path, &DatabaseKey::from_bytes([7; 32]))
        .expect("a damaged file never stops the app");
    let recovery = report.recovered.clone().expect("damage detected");
    assert_eq!(report.migrated_from, 0, "a fresh database was built");
    assert_eq!(
        fs::read(&recovery.moved_to).unwrap(),
        damaged,
        "the damaged bytes are kept"
    );
    assert_eq!(corrupt_copies(path), vec![recovery.moved_to.clone()]);
    assert_eq!(
        report.notice(),
        Some(casco_core::Message::StoreRebuilt {
            copy: recovery.moved_to.display().to_string()
        })
    );
    assert!(store.sync_states("demo").unwrap().is_empty());
    store
        .replace_part("demo", &PartData::Makes(vec![]), Utc::now())
        .unwrap();
    drop(store);
    let (_, again) = Store::open(path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    assert_eq!(again.recovered, None, "the rebuilt file is healthy");
}

#[test]
fn reopening_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled_store(dir.path());
    let (store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    assert_eq!(report.recovered, None);
    assert_eq!(report.migrated_from, latest_version());
    assert_eq!(store.localities("demo", None).unwrap().len(), 13_755);
    assert_eq!(
        store
            .sync_state("demo", &Part::Counties)
            .unwrap()
            .unwrap()
            .row_count,
        42
    );
}

#[test]
fn a_file_of_garbage_is_moved_aside_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled_store(dir.path());
    let len = fs::metadata(&path).unwrap().len() as usize;
    let bytes = garbage(len);
    fs::write(&path, &bytes).unwrap();
    assert_rebuilt(&path, &bytes);
}

#[test]
fn garbage_over_pages_behind_an_intact_header_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled_store(dir.path());
    let len = fs::metadata(&path).unwrap().len();
    assert!(len > 64 * 1024, "enough pages to damage: {len}");
    // Keep the first page (header and schema) intact, overwrite a run of b-tree pages.
    let mut f = fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.seek(SeekFrom::Start(4096 * 2)).unwrap();
    f.write_all(&garbage(4096 * 8)).unwrap();
    drop(f);
    let damaged = fs::read(&path).unwrap();
    assert_rebuilt(&path, &damaged);
}

#[test]
fn a_truncated_file_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled_store(dir.path());
    let len = fs::metadata(&path).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 3)
        .unwrap();
    let damaged = fs::read(&path).unwrap();
    assert_rebuilt(&path, &damaged);
}

#[test]
fn the_wal_and_shm_of_a_damaged_file_move_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let bytes = garbage(8192);
    fs::write(&path, &bytes).unwrap();
    fs::write(dir.path().join("casco.db-wal"), b"wal bytes").unwrap();
    fs::write(dir.path().join("casco.db-shm"), b"shm bytes").unwrap();
    let (_store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let moved = report.recovered.unwrap().moved_to;
    let mut wal = moved.clone().into_os_string();
    wal.push("-wal");
    let mut shm = moved.clone().into_os_string();
    shm.push("-shm");
    assert_eq!(fs::read(&moved).unwrap(), bytes);
    assert_eq!(fs::read(wal).unwrap(), b"wal bytes");
    assert_eq!(fs::read(shm).unwrap(), b"shm bytes");
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.retain(|n| n.contains("before-open"));
    assert!(left.is_empty(), "temporary copies are cleaned up: {left:?}");
}

#[test]
fn a_second_damage_keeps_both_copies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    for round in 1..=2 {
        fs::write(&path, garbage(4096 + round)).unwrap();
        let (_store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
        assert!(report.recovered.is_some());
        assert_eq!(corrupt_copies(&path).len(), round);
    }
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled_store(dir.path());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    drop(conn);
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(corrupt_copies(&path).is_empty());
}

#[test]
fn a_path_that_cannot_be_a_database_is_an_error_not_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    fs::create_dir(&path).unwrap();
    let err = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap_err();
    assert!(matches!(
        err.message(),
        casco_core::Message::StoreUnusable { detail } if !detail.is_empty()
    ));
    assert!(path.is_dir(), "the directory is left where it was");
    assert!(corrupt_copies(&path).is_empty());
}

#[test]
fn one_store_serves_many_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(
        dir.path().join("casco.db"),
        &DatabaseKey::from_bytes([7; 32]),
    )
    .unwrap();
    let store = Arc::new(store);
    let (counties, _) = common::siruta();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let store = Arc::clone(&store);
            let counties = counties.clone();
            std::thread::spawn(move || {
                for round in 0..5 {
                    let env = format!("env{t}");
                    let rows = counties[..10 + round].to_vec();
                    store
                        .replace_part(&env, &PartData::Counties(rows), Utc::now())
                        .unwrap();
                    assert_eq!(store.counties(&env).unwrap().len(), 10 + round);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    for t in 0..4 {
        assert_eq!(store.counties(&format!("env{t}")).unwrap().len(), 14);
    }
}

#[test]
fn a_healthy_file_with_a_pending_wal_opens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casco.db");
    let (store, _) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    let (counties, _) = common::siruta();
    store
        .replace_part("demo", &PartData::Counties(counties), Utc::now())
        .unwrap();
    // Like a crash: the connection is never closed, so the WAL is never checkpointed away.
    std::mem::forget(store);
    assert!(dir.path().join("casco.db-wal").is_file());
    let (store, report) = Store::open(&path, &DatabaseKey::from_bytes([7; 32])).unwrap();
    assert_eq!(report.recovered, None);
    assert_eq!(store.counties("demo").unwrap().len(), 42);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("before-open") && !n.contains("corrupt")),
        "{names:?}"
    );
}

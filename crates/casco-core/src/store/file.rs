//! The database file on disk: opening it (check, journal mode, migrations), keeping it
//! private to the user, and moving a damaged one aside.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{migrations, OpenFailure, StoreError, BUSY_TIMEOUT};

/// How SQLite journals writes in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Journal {
    /// Write-ahead log: readers never wait for the writer. The normal case.
    Wal,
    /// A rollback journal: where WAL cannot work, such as a database on a network share
    /// (Windows folder redirection), whose file locking lacks the shared memory WAL needs.
    Rollback,
}

/// One attempt: open, `quick_check`, choose the journal, migrate. `vfs` names an SQLite VFS
/// other than the platform's default (tests use one without shared memory).
pub(super) fn open_checked(
    path: &Path,
    vfs: Option<&str>,
) -> Result<(Connection, u32, Journal), OpenFailure> {
    let mut conn = match vfs {
        None => Connection::open(path)?,
        Some(vfs) => Connection::open_with_flags_and_vfs(path, OpenFlags::default(), vfs)?,
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // quick_check reads every page; it is the first statement so a garbage header is caught
    // before the journal mode writes anything.
    let verdict: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    if verdict.first().map(String::as_str) != Some("ok") {
        return Err(OpenFailure::Corrupt(format!(
            "quick_check: {}",
            verdict.join("; ")
        )));
    }
    let journal = choose_journal(&conn)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted or overwritten client data is zeroed in the file, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    let from = migrations::run(&mut conn)?;
    Ok((conn, from, journal))
}

/// WAL when the file system allows it; otherwise a rollback journal, said in the log. Never
/// a failure: an agent whose data folder sits on a network share must still be able to work.
fn choose_journal(conn: &Connection) -> Result<Journal, OpenFailure> {
    let wal: Result<String, _> = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0));
    match wal {
        Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(Journal::Wal),
        Ok(mode) => log::warn!(
            "the database cannot use WAL here (journal stayed {mode}); using a rollback journal"
        ),
        Err(e) => log::warn!("the database cannot use WAL here ({e}); using a rollback journal"),
    }
    let mode: String = conn.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(OpenFailure::Other(StoreError::Corrupt(format!(
            "journal_mode stayed {mode}"
        ))));
    }
    Ok(Journal::Rollback)
}

/// Creates the database's folder and file readable by the user only (on Unix; elsewhere the
/// user's profile folder already is), and narrows them if an earlier version left them open.
pub(super) fn make_private(path: &Path) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    create_private_file(path)?;
    for suffix in COMPANIONS {
        let companion = sibling(path, suffix);
        if companion.is_file() {
            restrict(&companion, 0o600)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    restrict(dir, 0o700)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// An empty file is what SQLite treats as a new database; creating it first fixes its mode
/// (SQLite gives the -wal/-shm files the database file's mode).
#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => restrict(path, 0o600),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn create_private_file(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Narrows `path` to `mode` when it allows more.
#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if current & !mode != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Copies of `path`'s `-wal`/`-shm` taken before SQLite touches them: (suffix, copy).
pub(super) fn save_companions(path: &Path) -> Result<Vec<(&'static str, PathBuf)>, StoreError> {
    let mut saved = Vec::new();
    for suffix in COMPANIONS {
        let live = sibling(path, suffix);
        if live.is_file() {
            let copy = sibling(path, &format!("{suffix}.before-open"));
            std::fs::copy(&live, &copy)?;
            saved.push((suffix, copy));
        }
    }
    Ok(saved)
}

/// The files SQLite keeps next to a WAL-mode database.
const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// Renames `path` to `<name>.corrupt-<UTC timestamp>[-n]` and puts its `-wal`/`-shm` (the
/// copies in `saved`, else whatever is on disk) next to it with the same suffixes, so the copy
/// can still be opened with SQLite. Companions left behind are removed: they belong to the
/// damaged file and must not be replayed into the fresh one.
pub(super) fn move_aside(
    path: &Path,
    saved: &[(&'static str, PathBuf)],
) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
    }
    if path.exists() {
        std::fs::rename(path, &target)?;
    }
    for suffix in COMPANIONS {
        let live = sibling(path, suffix);
        match saved.iter().find(|(s, _)| *s == suffix) {
            Some((_, copy)) => {
                std::fs::rename(copy, sibling(&target, suffix))?;
                if live.exists() {
                    std::fs::remove_file(&live)?;
                }
            }
            None if live.exists() => std::fs::rename(&live, sibling(&target, suffix))?,
            None => {}
        }
    }
    Ok(target)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

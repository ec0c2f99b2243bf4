//! The book of offers and policies kept in a file across restarts, when the config names one
//! ([`crate::config::SandboxConfig::book_file`]). Written whole through a temporary file and
//! a rename, so a crash leaves the previous book or the new one: at once when a policy is
//! booked, at most once a second for new offers (`crate::book_writer`), and
//! when the sandbox stops.

use crate::state::Book;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

/// Seals the book file's text and opens it again: the Demo book holds what the agent typed
/// (names, CNPs, plates), so the app keeps it sealed like its database. Without one the file
/// is plain JSON (the stand-alone sandbox).
pub trait BookCipher: Send + Sync {
    /// The text as written to disk.
    fn seal(&self, plain: &str) -> Option<String>;
    /// The text read from disk, opened; `None` when it does not open.
    fn open(&self, stored: &str) -> Option<String>;
}

/// The optional [`BookCipher`] in [`crate::config::SandboxConfig`]: never serialised, and
/// configs compare equal whatever cipher they carry.
#[derive(Clone, Default)]
pub struct BookCipherSlot(pub Option<Arc<dyn BookCipher>>);

impl std::fmt::Debug for BookCipherSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "BookCipher(sealed)"
        } else {
            "BookCipher(none)"
        })
    }
}

impl PartialEq for BookCipherSlot {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The file's format version.
const FORMAT: u32 = 1;

/// The file as read.
#[derive(Deserialize)]
struct BookFile {
    v: u32,
    book: Book,
}

/// The file as written: the same fields, the book borrowed rather than copied.
#[derive(Serialize)]
struct BookFileRef<'a> {
    v: u32,
    book: &'a Book,
}

/// The book kept in `path`; an empty book when there is none. A file this version cannot
/// read is moved aside (`.unreadable`) rather than overwritten. The sandbox cuts what it read
/// down with `Book::forget_stale`, as it does at each new offer.
pub fn load(path: &Path, cipher: &BookCipherSlot) -> Book {
    let stored = match std::fs::read_to_string(path) {
        Ok(stored) => stored,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Book::default(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "sandbox book unreadable; starting empty");
            return Book::default();
        }
    };
    // A plain book (written before sealing, or by the stand-alone sandbox) still reads; the
    // next save seals it.
    let text = match &cipher.0 {
        Some(cipher) if !stored.trim_start().starts_with('{') => {
            cipher.open(&stored).unwrap_or_default()
        }
        _ => stored,
    };
    match serde_json::from_str::<BookFile>(&text) {
        Ok(file) if file.v == FORMAT => file.book,
        _ => {
            let aside = path.with_extension("unreadable");
            tracing::warn!(path = %path.display(), "sandbox book in an unknown format; moved to {}", aside.display());
            let _ = std::fs::rename(path, aside);
            Book::default()
        }
    }
}

/// Writes `book` to `path`, sealed when there is a cipher, through a temporary file and a
/// rename (its folder is created).
pub fn save(path: &Path, book: &Book, cipher: &BookCipherSlot) -> std::io::Result<()> {
    let plain = serde_json::to_string(&BookFileRef { v: FORMAT, book })?;
    let text = match &cipher.0 {
        Some(cipher) => cipher
            .seal(&plain)
            .ok_or_else(|| std::io::Error::other("the book could not be sealed"))?,
        None => plain,
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = path.with_extension("writing");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

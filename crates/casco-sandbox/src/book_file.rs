//! The book of offers and policies kept in a file across restarts, when the config names one
//! ([`crate::config::SandboxConfig::book_file`]). Written whole after every change, through a
//! temporary file and a rename, so a crash leaves the previous book or the new one.

use crate::state::Book;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The file's format version.
const FORMAT: u32 = 1;

/// Offers that expired this long ago, and were never issued, are dropped when the book is
/// read: nobody can issue them any more, and the file would grow without end.
const KEEP_EXPIRED_DAYS: i64 = 90;

#[derive(Serialize, Deserialize)]
struct BookFile {
    v: u32,
    book: Book,
}

/// The book kept in `path`; an empty book when there is none. A file this version cannot
/// read is moved aside (`.unreadable`) rather than overwritten.
pub fn load(path: &Path, today: chrono::NaiveDate) -> Book {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Book::default(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "sandbox book unreadable; starting empty");
            return Book::default();
        }
    };
    match serde_json::from_str::<BookFile>(&text) {
        Ok(file) if file.v == FORMAT => pruned(file.book, today),
        _ => {
            let aside = path.with_extension("unreadable");
            tracing::warn!(path = %path.display(), "sandbox book in an unknown format; moved to {}", aside.display());
            let _ = std::fs::rename(path, aside);
            Book::default()
        }
    }
}

fn pruned(mut book: Book, today: chrono::NaiveDate) -> Book {
    let issued: std::collections::HashSet<u64> = book.policies.iter().map(|p| p.offer_id).collect();
    book.offers.retain(|id, offer| {
        issued.contains(id) || (today - offer.expiry).num_days() <= KEEP_EXPIRED_DAYS
    });
    book
}

/// Writes `book` to `path` (its folder is created).
pub fn save(path: &Path, book: &Book) -> std::io::Result<()> {
    let text = serde_json::to_vec(&BookFile {
        v: FORMAT,
        book: book.clone(),
    })?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = path.with_extension("writing");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

//! Writing a document under the documents folder and telling, later, whether the file on disk
//! is still the one written (same size and SHA-256).

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{AppError, ErrorCode};
use crate::messages::Message;

/// A file as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    /// Where.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` as `name` in `folder` (created as needed). A different file already there
/// keeps its name: this one gets " (2)", " (3)", … The bytes go to a temporary file first and
/// are renamed into place, so a half-written PDF never carries the real name.
pub fn write_new(folder: &Path, name: &str, bytes: &[u8]) -> Result<WrittenFile, AppError> {
    let unwritable = |e: std::io::Error| {
        AppError::new(
            ErrorCode::Storage,
            Message::DocumentsFolderUnwritable {
                folder: folder.display().to_string(),
                detail: e.to_string(),
            },
        )
    };
    std::fs::create_dir_all(folder).map_err(unwritable)?;
    let sha256 = sha256_hex(bytes);
    let path = free_path(folder, name, &sha256);
    let temporary = folder.join(format!(
        ".{}.writing",
        sha256.get(..16).unwrap_or("document")
    ));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &path)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&temporary);
        return Err(unwritable(e));
    }
    Ok(WrittenFile {
        path,
        size: bytes.len() as u64,
        sha256,
    })
}

/// `name` in `folder`, or the first " (n)" variant that is free or already holds this very
/// content (writing the same PDF twice makes no copy).
fn free_path(folder: &Path, name: &str, sha256: &str) -> PathBuf {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, "pdf"));
    (1..)
        .map(|n| match n {
            1 => folder.join(name),
            n => folder.join(format!("{stem} ({n}).{extension}")),
        })
        .find(|candidate| !candidate.exists() || is_unchanged(candidate, None, sha256))
        .unwrap_or_else(|| folder.join(name))
}

/// Whether `path` still holds the document written (same size, when known, and same hash).
pub fn is_unchanged(path: &Path, size: Option<u64>, sha256: &str) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if size.is_some_and(|s| s != meta.len()) {
        return false;
    }
    std::fs::read(path).is_ok_and(|bytes| sha256_hex(&bytes) == sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_document_under_the_same_name_gets_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "a.pdf", b"%PDF-1 one").unwrap();
        let again = write_new(dir.path(), "a.pdf", b"%PDF-1 one").unwrap();
        assert_eq!(first.path, again.path, "the same content is not copied");
        let second = write_new(dir.path(), "a.pdf", b"%PDF-1 two").unwrap();
        assert_eq!(second.path, dir.path().join("a (2).pdf"));
        assert!(is_unchanged(&first.path, Some(first.size), &first.sha256));
        std::fs::write(&first.path, b"changed").unwrap();
        assert!(!is_unchanged(&first.path, Some(first.size), &first.sha256));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, b"x").unwrap();
        let e = write_new(&blocker.join("Client"), "a.pdf", b"%PDF-").unwrap_err();
        assert!(
            matches!(e.message, Message::DocumentsFolderUnwritable { ref folder, .. } if folder.contains("not-a-folder"))
        );
    }
}

//! Where the app keeps its files, and the one-time move from the old identifier's folder.

use casco_core::keychain::OsKeychain;
use casco_core::relocation::AppFolders;
use casco_core::Message;
use tauri::{AppHandle, Manager};

use crate::demo::{self, OLD_IDENTIFIER};

/// Settings in the data folder; the database in the local one (on Windows, Local rather than
/// Roaming `%APPDATA%`, which agencies with a domain often redirect to a network share).
pub fn app_folders(app: &AppHandle) -> tauri::Result<AppFolders> {
    let path = app.path();
    Ok(AppFolders {
        data: path.app_data_dir()?,
        local: path.app_local_data_dir()?,
    })
}

/// Moves an earlier build's files and secrets; a notice when something stayed behind. A
/// failure never stops the start: what could not move stays where it was, and is said.
pub fn relocate(keychain: &OsKeychain, folders: &AppFolders) -> Option<Message> {
    // Every platform keeps the data folder as `<base>/<identifier>`.
    let old = folders.data.parent()?.join(OLD_IDENTIFIER);
    match demo::relocate(keychain, &old, folders) {
        Ok(report) => report.notice(&old),
        Err(e) => {
            log::error!("moving the files of {} failed: {e}", old.display());
            Some(Message::OldDataLeft {
                folder: old.display().to_string(),
            })
        }
    }
}

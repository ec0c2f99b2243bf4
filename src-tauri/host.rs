//! The desk's [`Host`] in the real app: the data folder and the system's file dialog.

use std::path::PathBuf;

use casco_core::desk::Host;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The shell's side of the desk.
pub struct TauriHost {
    app: AppHandle,
    data_dir: PathBuf,
}

impl TauriHost {
    /// A host for `app`, keeping its own files in `data_dir`.
    pub fn new(app: AppHandle, data_dir: PathBuf) -> TauriHost {
        TauriHost { app, data_dir }
    }
}

impl Host for TauriHost {
    fn data_dir(&self) -> PathBuf {
        self.data_dir.clone()
    }

    fn pick_image(&self) -> Option<PathBuf> {
        let picked = self
            .app
            .dialog()
            .file()
            .add_filter("PNG / JPEG", &["png", "jpg", "jpeg"])
            .blocking_pick_file()?;
        picked.into_path().ok()
    }
}

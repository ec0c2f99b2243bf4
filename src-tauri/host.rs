//! The desk's [`Host`] in the real app: the data folder, the system's open and save dialogs,
//! its Documents folder, and opening files with the system's viewer (tauri-plugin-opener).

use std::path::{Path, PathBuf};

use casco_core::desk::Host;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

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

    fn choose_save_path(&self, suggested: &Path) -> Option<PathBuf> {
        let mut dialog = self.app.dialog().file().add_filter("JSON", &["json"]);
        // The documents folder may not exist yet: the nearest folder above it that does.
        if let Some(folder) = suggested.ancestors().skip(1).find(|f| f.is_dir()) {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.blocking_save_file()?.into_path().ok()
    }

    fn documents_dir(&self) -> Option<PathBuf> {
        self.app.path().document_dir().ok()
    }

    fn open_file(&self, path: &Path) -> Result<(), String> {
        self.app
            .opener()
            .open_path(path.to_string_lossy(), None::<&str>)
            .map_err(|e| e.to_string())
    }

    fn reveal_file(&self, path: &Path) -> Result<(), String> {
        // The file selected in the file manager; where the desktop offers no such service
        // (a Linux session without FileManager1 or the portal), its folder opened instead.
        tauri_plugin_opener::reveal_item_in_dir(path).or_else(|reveal| {
            log::info!(
                "reveal {} failed ({reveal}); opening its folder",
                path.display()
            );
            let folder = path.parent().unwrap_or(path);
            self.open_file(folder)
        })
    }
}

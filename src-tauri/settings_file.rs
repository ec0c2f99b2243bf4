//! Settings persisted with tauri-plugin-store, made crash-safe by casco-core's
//! [`settings_backup`]: the last good file is copied aside before every save, and an
//! unreadable file found at start is kept and replaced by that copy.
//!
//! Invariant: only settings that passed validation are written (the desk validates before
//! [`SettingsStore::write`]), so the file always holds the last valid settings.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use casco_core::desk::SettingsStore;
use casco_core::settings_backup::{self, SETTINGS_KEY};
use casco_core::{AppError, Message, Settings};
use tauri::AppHandle;
use tauri_plugin_store::{Store, StoreExt};

/// The settings file and the validated settings it holds.
pub struct SettingsFile {
    store: Arc<Store<tauri::Wry>>,
    path: PathBuf,
    current: Mutex<Settings>,
    /// What the agent must know about how the file was found at start.
    notice: Option<Message>,
}

impl SettingsFile {
    /// Opens the store at `path`, restoring the last good copy if the file is unreadable.
    /// Settings that no longer validate are left on disk (never overwritten silently), and
    /// the app runs on defaults until the agent saves, with a notice saying so.
    pub fn load(app: &AppHandle, path: &Path) -> Result<Self, AppError> {
        let recovery = settings_backup::recover(path)
            .map_err(|e| AppError::storage(format!("settings file: {e}")))?;
        let store = app
            .store(path)
            .map_err(|e| AppError::storage(format!("settings store: {e}")))?;
        let mut notice = recovery.notice();
        let current = match store.get(SETTINGS_KEY) {
            None => Settings::default(),
            Some(value) => Settings::from_json(value).unwrap_or_else(|e| {
                log::warn!("settings fail validation ({:?}); using defaults", e.fields);
                notice.get_or_insert(Message::SettingsInvalid);
                Settings::default()
            }),
        };
        Ok(Self {
            store,
            path: path.to_path_buf(),
            current: Mutex::new(current),
            notice,
        })
    }
}

impl SettingsStore for SettingsFile {
    fn current(&self) -> Settings {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn notice(&self) -> Option<Message> {
        self.notice.clone()
    }

    fn write(&self, settings: &Settings) -> Result<(), AppError> {
        let value = serde_json::to_value(settings).map_err(AppError::internal)?;
        // The plugin writes in place: the copy taken first is what a crash mid-write falls
        // back to at the next start.
        settings_backup::keep_last_good(&self.path)
            .map_err(|e| AppError::storage(format!("settings backup: {e}")))?;
        self.store.set(SETTINGS_KEY, value);
        self.store
            .save()
            .map_err(|e| AppError::storage(format!("settings store: {e}")))?;
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = settings.clone();
        Ok(())
    }
}

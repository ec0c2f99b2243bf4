//! Settings persisted with tauri-plugin-store.
//!
//! Invariant: only settings that passed validation are written, so the file always holds the
//! last valid settings; an invalid save leaves the file (and the in-memory copy) untouched.

use std::sync::{Arc, Mutex};

use casco_core::{AppError, Language, Settings};
use tauri::AppHandle;
use tauri_plugin_store::{Store, StoreExt};

/// The store file, inside the app data dir.
pub const SETTINGS_STORE: &str = "settings.json";
/// The key holding the settings object inside the store file.
const SETTINGS_KEY: &str = "settings";

/// The settings file and the validated settings it holds.
pub struct SettingsFile {
    store: Arc<Store<tauri::Wry>>,
    current: Mutex<Settings>,
}

impl SettingsFile {
    /// Opens the store. A file that does not parse as valid settings is left as it is on disk
    /// (the agent's data is never overwritten silently) and the app runs on defaults until the
    /// agent saves.
    pub fn load(app: &AppHandle) -> Result<Self, AppError> {
        let store = app
            .store(SETTINGS_STORE)
            .map_err(|e| AppError::storage(format!("settings store: {e}")))?;
        let current = match store.get(SETTINGS_KEY) {
            None => Settings::default(),
            Some(value) => Settings::from_json(value, Language::Ro).unwrap_or_else(|e| {
                log::warn!(
                    "settings file holds invalid settings ({:?}); using defaults",
                    e.fields
                );
                Settings::default()
            }),
        };
        Ok(Self {
            store,
            current: Mutex::new(current),
        })
    }

    /// The settings in force.
    pub fn current(&self) -> Settings {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Validates and writes `next`; on a validation error nothing is written.
    pub fn save(&self, next: Settings) -> Result<Settings, AppError> {
        let next = next.normalized();
        next.validate()?;
        let value = serde_json::to_value(&next).map_err(|e| AppError::internal(e.to_string()))?;
        self.store.set(SETTINGS_KEY, value);
        self.store
            .save()
            .map_err(|e| AppError::storage(format!("settings store: {e}")))?;
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = next.clone();
        Ok(next)
    }
}

//! What only the shell has, as small traits: the desk is tested against fakes of them.

use std::path::{Path, PathBuf};

use crate::error::AppError;
use crate::messages::Message;
use crate::settings::Settings;

/// The shell's side of the desk.
pub trait Host: Send + Sync {
    /// The folder the app keeps its own files in (the agency logo).
    fn data_dir(&self) -> PathBuf;
    /// Asks the agent for a PNG or JPEG with the system's file dialog; `None` when cancelled.
    /// Blocks until the agent answers: the desk calls it off the async runtime.
    fn pick_image(&self) -> Option<PathBuf>;
    /// Asks the agent where to save a file with the system's save dialog, offering
    /// `suggested` (a folder and a file name); `None` when cancelled. Blocks until the agent
    /// answers: the desk calls it off the async runtime.
    fn choose_save_path(&self, suggested: &Path) -> Option<PathBuf>;
    /// The system's Documents folder, if it has one.
    fn documents_dir(&self) -> Option<PathBuf>;
    /// Opens `path` in the system's viewer for its type (a PDF viewer).
    fn open_file(&self, path: &Path) -> Result<(), String>;
    /// Shows `path` selected in the system's file manager.
    fn reveal_file(&self, path: &Path) -> Result<(), String>;
}

/// Where the settings are kept. Writes only ever receive validated settings.
pub trait SettingsStore: Send + Sync {
    /// The settings in force.
    fn current(&self) -> Settings;
    /// Makes `settings` the ones in force and keeps them.
    fn write(&self, settings: &Settings) -> Result<(), AppError>;
    /// What the agent must know about how the settings were found at start.
    fn notice(&self) -> Option<Message>;
}

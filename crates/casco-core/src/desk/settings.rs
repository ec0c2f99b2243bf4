//! Setări: the settings themselves, the agency logo, and what start-up found.

use std::path::Path;

use base64::Engine as _;
use serde::Serialize;

use super::Desk;
use crate::durable;
use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::messages::Message;
use crate::settings::{is_logo_file_name, LogoFormat, Settings};

/// A logo copied into the app's folder, ready to preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AgencyLogo {
    /// File name inside the app's folder, to store in `agency.logoFile`.
    pub file: String,
    /// `data:` URL for an `<img>`; the CSP allows data images only.
    pub data_url: String,
}

impl AgencyLogo {
    fn of(file: String, format: LogoFormat, bytes: &[u8]) -> AgencyLogo {
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        AgencyLogo {
            file,
            data_url: format!("data:{};base64,{data}", format.mime()),
        }
    }
}

impl Desk {
    /// The settings in force.
    pub fn settings(&self) -> Settings {
        self.settings.current()
    }

    /// Validates and keeps `next`; on a validation error nothing is written and `fields`
    /// names each bad field.
    pub fn save_settings(&self, next: Settings) -> Result<Settings, AppError> {
        let next = next.normalized();
        next.validate()?;
        self.settings.write(&next)?;
        self.api_log.set_retention_days(next.diagnostic.log_days);
        Ok(next)
    }

    /// Lets the agent pick a PNG or JPEG and imports it ([`Desk::import_logo`]); `None` when
    /// the dialog was cancelled. Settings are not changed until the agent saves.
    pub async fn choose_agency_logo(&self) -> Result<Option<AgencyLogo>, AppError> {
        let host = self.host.clone();
        let picked = tokio::task::spawn_blocking(move || host.pick_image())
            .await
            .map_err(AppError::internal)?;
        picked.map(|path| self.import_logo(&path)).transpose()
    }

    /// Checks the image at `path` by its content and copies it into the app's folder under a
    /// name made from its content, so a new logo never overwrites the one saved settings
    /// still point to.
    pub fn import_logo(&self, path: &Path) -> Result<AgencyLogo, AppError> {
        let bytes = std::fs::read(path)
            .map_err(|e| AppError::storage(format!("{}: {e}", path.display())))?;
        let format = LogoFormat::detect(&bytes).map_err(|m| {
            let mut fields = FieldErrors::new();
            fields.insert("agency.logoFile".into(), vec![m.clone()]);
            AppError::validation(m, fields)
        })?;
        let name = format.file_name(&bytes);
        let dir = self.host.data_dir();
        std::fs::create_dir_all(&dir).map_err(|e| AppError::storage(e.to_string()))?;
        durable::write_atomically(&dir.join(&name), &bytes)
            .map_err(|e| AppError::storage(format!("{name}: {e}")))?;
        Ok(AgencyLogo::of(name, format, &bytes))
    }

    /// The stored logo as a preview; `None` when the file is gone or no longer an image.
    /// Only names the app writes are accepted.
    pub fn agency_logo(&self, file: &str) -> Result<Option<AgencyLogo>, AppError> {
        if !is_logo_file_name(file) {
            return Err(AppError::new(ErrorCode::NotFound, Message::UnknownValue));
        }
        let Ok(bytes) = std::fs::read(self.host.data_dir().join(file)) else {
            return Ok(None);
        };
        let format = LogoFormat::detect(&bytes).ok();
        Ok(format.map(|format| AgencyLogo::of(file.to_owned(), format, &bytes)))
    }

    /// What start-up found that the agent must be told: settings restored from their last
    /// good copy, an earlier build's files left behind, the local store rebuilt.
    pub fn start_notices(&self) -> Vec<Message> {
        let settings = self.settings.notice();
        let store = self.data.notice();
        let book = self.book.problem(self.store());
        self.notices
            .iter()
            .cloned()
            .chain(settings)
            .chain(store)
            .chain(book)
            .collect()
    }
}

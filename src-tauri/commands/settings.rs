//! Setări: read and save settings, choose the agency logo.

use base64::Engine as _;
use casco_core::settings::{is_logo_file_name, LogoFormat};
use casco_core::{AppError, ErrorCode, Message, Settings};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::SettingsFile;

/// A logo copied into the app data dir, ready to preview.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AgencyLogo {
    /// File name inside the app data dir, to store in `agency.logoFile`.
    pub file: String,
    /// `data:` URL for an `<img>`; the CSP allows data images only.
    pub data_url: String,
}

/// The settings in force.
#[tauri::command]
#[specta::specta]
pub fn get_settings(file: State<'_, SettingsFile>) -> Settings {
    file.current()
}

/// Validates and saves settings; on error nothing is written and `fields` names each bad field.
#[tauri::command]
#[specta::specta]
pub fn save_settings(
    file: State<'_, SettingsFile>,
    settings: Settings,
) -> Result<Settings, AppError> {
    file.save(settings)
}

/// Lets the agent pick a PNG or JPEG, checks it and copies it into the app data dir. `None`
/// when the dialog was cancelled. Settings are not changed until the agent saves.
#[tauri::command]
#[specta::specta]
pub async fn choose_agency_logo(app: AppHandle) -> Result<Option<AgencyLogo>, AppError> {
    let Some(picked) = app
        .dialog()
        .file()
        .add_filter("PNG / JPEG", &["png", "jpg", "jpeg"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = picked
        .into_path()
        .map_err(|e| AppError::internal(e.to_string()))?;
    let bytes =
        std::fs::read(&path).map_err(|e| AppError::storage(format!("{}: {e}", path.display())))?;
    let format = LogoFormat::detect(&bytes).map_err(|m| {
        let mut fields = casco_core::FieldErrors::new();
        fields.insert("agency.logoFile".into(), vec![m.clone()]);
        AppError::validation(m, fields)
    })?;
    let name = format.file_name(&bytes);
    let dir = app_data_dir(&app)?;
    std::fs::create_dir_all(&dir).map_err(|e| AppError::storage(e.to_string()))?;
    std::fs::write(dir.join(&name), &bytes).map_err(|e| AppError::storage(e.to_string()))?;
    Ok(Some(AgencyLogo {
        data_url: data_url(format, &bytes),
        file: name,
    }))
}

/// The stored logo as a preview, or `None` when the file is gone.
#[tauri::command]
#[specta::specta]
pub fn agency_logo(app: AppHandle, file: String) -> Result<Option<AgencyLogo>, AppError> {
    if !is_logo_file_name(&file) {
        return Err(AppError::new(ErrorCode::NotFound, Message::UnknownValue));
    }
    let Ok(bytes) = std::fs::read(app_data_dir(&app)?.join(&file)) else {
        return Ok(None);
    };
    Ok(LogoFormat::detect(&bytes).ok().map(|format| AgencyLogo {
        data_url: data_url(format, &bytes),
        file,
    }))
}

fn app_data_dir(app: &AppHandle) -> Result<std::path::PathBuf, AppError> {
    app.path()
        .app_data_dir()
        .map_err(|e| AppError::storage(e.to_string()))
}

fn data_url(format: LogoFormat, bytes: &[u8]) -> String {
    format!(
        "data:{};base64,{}",
        format.mime(),
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

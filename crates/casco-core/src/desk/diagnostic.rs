//! Setări → Diagnostic: the latest API calls, and the whole log exported for support.

use std::path::Path;
use std::time::Duration;

use casco_api::CallOptions;
use chrono::Utc;
use serde::Serialize;

use super::Desk;
use crate::api_log::{self, mask, ApiCallEntry};
use crate::durable;
use crate::error::AppError;
use crate::quote::load_draft;
use crate::store::DraftId;
use crate::validate::today_in_bucharest;

/// The log written to a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportedLog {
    /// Where it was written.
    pub path: String,
    /// How many calls it holds.
    pub calls: u32,
}

impl Desk {
    /// The newest `limit` API calls, newest first.
    pub fn api_calls(&self, limit: u32) -> Result<Vec<ApiCallEntry>, AppError> {
        self.api_log
            .entries(Some(limit))
            .map_err(|e| e.to_app_error())
    }

    /// Asks the agent where to save the log (the save dialog offers the documents folder and
    /// a name with today's date) and writes it there; `None` when the dialog was cancelled.
    pub async fn export_api_log(&self) -> Result<Option<ExportedLog>, AppError> {
        let name = api_log::file_name(today_in_bucharest(Utc::now()));
        let suggested = self.documents_folder().join(name);
        let host = self.host.clone();
        let chosen = tokio::task::spawn_blocking(move || host.choose_save_path(&suggested))
            .await
            .map_err(AppError::internal)?;
        chosen.map(|path| self.write_api_log(&path)).transpose()
    }

    /// Writes the whole log to `path`, replacing a file there: the masked entries, the app's
    /// version and the OS, nothing else.
    pub fn write_api_log(&self, path: &Path) -> Result<ExportedLog, AppError> {
        let calls = self.api_log.entries(None).map_err(|e| e.to_app_error())?;
        let bytes = api_log::export_json(&calls, Utc::now()).map_err(AppError::internal)?;
        durable::write_atomically(path, &bytes)
            .map_err(|e| AppError::storage(format!("{}: {e}", path.display())))?;
        Ok(ExportedLog {
            path: path.display().to_string(),
            calls: u32::try_from(calls.len()).unwrap_or(u32::MAX),
        })
    }

    /// Options for a call about draft `draft_id`'s client, made for `insurer`: the API log
    /// shows the insurer and the client, masked.
    pub(super) fn call_options(
        &self,
        timeout: Duration,
        draft_id: DraftId,
        insurer: &str,
    ) -> CallOptions {
        let opts = CallOptions::with_timeout(timeout).for_insurer(insurer);
        let draft = match load_draft(self.store(), draft_id) {
            Ok(Some(record)) => record.draft,
            _ => return opts,
        };
        match mask::client(&draft.client_name(), &draft.policyholder.tax_id) {
            Some(client) => opts.labelled(client),
            None => opts,
        }
    }
}

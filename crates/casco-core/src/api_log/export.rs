//! The log as one file for support: JSON with the app's version, the OS and every entry the
//! log keeps, nothing else (no settings, no URL, no account, no secret).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::ApiCallEntry;

/// The exported file's format version.
const FORMAT_VERSION: u32 = 1;

/// The exported file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct LogExport<'a> {
    v: u32,
    app: &'static str,
    version: &'static str,
    os: String,
    exported_at: DateTime<Utc>,
    calls: &'a [ApiCallEntry],
}

/// The file's content: `calls` (newest first) with the app's version and the OS, at `now`.
pub fn export_json(
    calls: &[ApiCallEntry],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, serde_json::Error> {
    let export = LogExport {
        v: FORMAT_VERSION,
        app: "Casco Desk",
        // Every crate of the workspace carries the app's version.
        version: env!("CARGO_PKG_VERSION"),
        os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        exported_at: now,
        calls,
    };
    let mut json = serde_json::to_vec_pretty(&export)?;
    json.push(b'\n');
    Ok(json)
}

/// The name the save dialog offers: `casco-desk-jurnal-api-2026-12-03.json`.
pub fn file_name(day: NaiveDate) -> String {
    format!("casco-desk-jurnal-api-{}.json", day.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ApiCallOutcome;
    use chrono::TimeZone;

    #[test]
    fn the_file_holds_the_version_the_os_and_the_entries() {
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 9, 15, 0).unwrap();
        let entry = ApiCallEntry {
            at,
            operation: "quote".into(),
            insurer: Some("groupama".into()),
            insurer_name: Some("Groupama".into()),
            client: Some("Ș. Ț. 1900101•••••••".into()),
            status: Some(200),
            outcome: ApiCallOutcome::Answered,
            duration_ms: 812,
            response_bytes: 2048,
        };
        let bytes = export_json(&[entry], at).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["v"], 1);
        assert_eq!(v["app"], "Casco Desk");
        assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            v["os"].as_str().unwrap().split(' ').next(),
            Some(std::env::consts::OS)
        );
        assert_eq!(v["exportedAt"], "2026-12-03T09:15:00Z");
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 6, "nothing else: {keys:?}");
        let call = &v["calls"][0];
        assert_eq!(call["operation"], "quote");
        assert_eq!(call["client"], "Ș. Ț. 1900101•••••••");
        assert_eq!(call["status"], 200);
        assert_eq!(call["outcome"], "answered");
        assert_eq!(call["durationMs"], 812);
        assert_eq!(call["responseBytes"], 2048);
    }

    #[test]
    fn the_offered_name_carries_the_day() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(file_name(day), "casco-desk-jurnal-api-2026-12-03.json");
    }
}

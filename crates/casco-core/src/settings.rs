//! The agent's settings: environment, agency profile, quote defaults and language.
//!
//! Invariant: a [`Settings`] value that passed [`Settings::validate`] is the only thing ever
//! persisted, so the settings file always holds the last valid settings. Secrets (passwords,
//! tokens) are not part of this model; they live in the OS keychain.

use serde::{Deserialize, Serialize};

use crate::error::{ensure_no_field_errors, AppError, FieldErrors};
use crate::messages::Message;
use crate::validate;

/// The vendor's published QA host (answers only authorised IP addresses).
pub const QA_BASE_URL: &str = "https://casco-qa.api.lifeishard.ro";

/// Largest agency logo accepted, in bytes.
pub const LOGO_MAX_BYTES: u64 = 1024 * 1024;

/// Which CascoApi the app talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum EnvironmentKind {
    /// The built-in sandbox on loopback; needs no account.
    #[default]
    Demo,
    /// The vendor's QA host.
    Qa,
    /// Any other URL, e.g. production.
    Custom,
}

/// Quote currency: the workspace's one currency type.
pub use casco_api::model::Currency;

/// Installment counts the insurers accept.
pub const INSTALLMENT_CHOICES: [u8; 4] = [1, 2, 4, 12];

/// Policy terms the insurers accept, in months.
pub(crate) const TERM_MONTHS_RANGE: std::ops::RangeInclusive<u8> = 1..=12;

/// The environment choice and, for Custom, its URL.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct EnvironmentSettings {
    /// Demo, QA or Custom.
    pub kind: EnvironmentKind,
    /// Base URL used when `kind` is Custom; kept when switching away so it is not lost.
    pub custom_url: String,
}

impl EnvironmentSettings {
    /// The base URL for QA and Custom; `None` for Demo, whose sandbox port is chosen at start.
    pub fn base_url(&self) -> Option<&str> {
        match self.kind {
            EnvironmentKind::Demo => None,
            EnvironmentKind::Qa => Some(QA_BASE_URL),
            EnvironmentKind::Custom => Some(self.custom_url.trim()),
        }
    }
}

/// The agency as printed on proposals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct AgencyProfile {
    /// Agency or broker firm name.
    pub name: String,
    /// Broker code registered with the supervisory authority (ASF).
    pub broker_code: String,
    /// Postal address, one line.
    pub address: String,
    /// Contact phone.
    pub phone: String,
    /// Contact e-mail.
    pub email: String,
    /// File name of the logo inside the app data dir, if one was chosen.
    pub logo_file: Option<String>,
}

/// Values prefilled in every new quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct QuoteDefaults {
    /// Offer currency.
    pub currency: Currency,
    /// Number of installments: 1, 2, 4 or 12.
    pub installments: u8,
    /// Policy term in months, 1 to 12.
    pub term_months: u8,
}

impl Default for QuoteDefaults {
    fn default() -> Self {
        Self {
            currency: Currency::Ron,
            installments: 1,
            term_months: 12,
        }
    }
}

/// How reference data (nomenclatures) is kept fresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ReferenceDataSettings {
    /// Lists older than this many days refresh in the background (1 to 90).
    pub ttl_days: u16,
}

impl Default for ReferenceDataSettings {
    fn default() -> Self {
        Self { ttl_days: 7 }
    }
}

/// Bounds of [`QuotingSettings::timeout_seconds`]: below 5 s slow insurers never answer,
/// above 10 minutes the agent has long given up.
const QUOTING_TIMEOUT_RANGE: std::ops::RangeInclusive<u16> = 5..=600;

/// How quotes are asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct QuotingSettings {
    /// Each insurer's own timeout for a quote or identification, in seconds (5 to 600).
    pub timeout_seconds: u16,
}

impl Default for QuotingSettings {
    fn default() -> Self {
        Self {
            timeout_seconds: 60,
        }
    }
}

/// How far ahead Reînnoiri looks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct RenewalSettings {
    /// Policies ending within this many days are listed (1 to 365).
    pub window_days: u16,
}

impl Default for RenewalSettings {
    fn default() -> Self {
        Self { window_days: 45 }
    }
}

/// The agent's UI language. Only the UI uses it: the domain speaks in [`Message`] codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Romanian, the default.
    #[default]
    Ro,
    /// English.
    En,
}

/// Everything the agent can set in Setări.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// API environment.
    pub environment: EnvironmentSettings,
    /// Agency profile for proposals.
    pub agency: AgencyProfile,
    /// Quote defaults.
    pub defaults: QuoteDefaults,
    /// UI and message language.
    pub language: Language,
    /// Nomenclature refresh policy.
    pub reference_data: ReferenceDataSettings,
    /// Keys of insurers the agent switched off; insurers are on unless listed, so a new
    /// insurer in the catalogue is quoted without a settings change.
    pub disabled_insurers: Vec<String>,
    /// Quoting timeouts; absent from settings files written before it existed.
    pub quoting: QuotingSettings,
    /// Where offer, policy and proposal PDFs are saved; absent from settings files written
    /// before it existed.
    pub documents: DocumentsSettings,
    /// Reînnoiri's window; absent from settings files written before it existed.
    pub renewals: RenewalSettings,
    /// The diagnostic log of API calls; absent from settings files written before it existed.
    pub diagnostic: DiagnosticSettings,
}

/// Bounds of [`DiagnosticSettings::log_days`]: a day at least, a year at most.
pub const LOG_DAYS_RANGE: std::ops::RangeInclusive<u16> = 1..=365;

/// The diagnostic log of API calls (Setări → Diagnostic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct DiagnosticSettings {
    /// Days an API call stays in the log (1 to 365).
    pub log_days: u16,
}

impl Default for DiagnosticSettings {
    fn default() -> Self {
        Self { log_days: 30 }
    }
}

/// Where documents are saved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct DocumentsSettings {
    /// An absolute folder; empty for `<Documents>/Casco Desk`.
    pub folder: String,
}

impl Settings {
    /// Whether the agent left `insurer` switched on (every catalogue insurer is, by default).
    pub fn insurer_enabled(&self, insurer: &str) -> bool {
        !self.disabled_insurers.iter().any(|k| k == insurer)
    }

    /// Checks every field; the error's `fields` use the camelCase paths of the JSON shape
    /// (`agency.email`).
    pub fn validate(&self) -> Result<(), AppError> {
        let mut fields = FieldErrors::new();
        let mut put = |path: &str, m: Option<Message>| {
            if let Some(m) = m {
                fields.entry(path.to_string()).or_default().push(m);
            }
        };

        if self.environment.kind == EnvironmentKind::Custom {
            let url = self.environment.custom_url.trim();
            put(
                "environment.customUrl",
                if url.is_empty() {
                    Some(Message::Required)
                } else {
                    validate::http_url(url)
                },
            );
        }

        let a = &self.agency;
        put("agency.name", validate::max_chars(&a.name, 120));
        put("agency.brokerCode", validate::max_chars(&a.broker_code, 40));
        put("agency.address", validate::max_chars(&a.address, 250));
        if !a.email.trim().is_empty() {
            put("agency.email", validate::email(&a.email));
        }
        if !a.phone.trim().is_empty() {
            put("agency.phone", validate::phone(&a.phone));
        }
        if let Some(logo) = &a.logo_file {
            let ours = is_logo_file_name(logo);
            put("agency.logoFile", (!ours).then_some(Message::UnknownValue));
        }

        let folder = self.documents.folder.trim();
        if !folder.is_empty() {
            let absolute = std::path::Path::new(folder).is_absolute();
            put("documents.folder", validate::max_chars(folder, 400));
            put(
                "documents.folder",
                (!absolute).then_some(Message::FolderNotAbsolute),
            );
        }

        for key in &self.disabled_insurers {
            if casco_api::insurers::find(key).is_none() {
                put("disabledInsurers", Some(Message::UnknownValue));
            }
        }

        let d = &self.defaults;
        if !INSTALLMENT_CHOICES.contains(&d.installments) {
            put(
                "defaults.installments",
                Some(Message::NotAllowed {
                    allowed: INSTALLMENT_CHOICES.map(|n| n.to_string()).join(", "),
                }),
            );
        }
        if !TERM_MONTHS_RANGE.contains(&d.term_months) {
            put(
                "defaults.termMonths",
                Some(Message::OutOfRange {
                    min: TERM_MONTHS_RANGE.start().to_string(),
                    max: TERM_MONTHS_RANGE.end().to_string(),
                }),
            );
        }

        if !(1..=90).contains(&self.reference_data.ttl_days) {
            put(
                "referenceData.ttlDays",
                Some(Message::OutOfRange {
                    min: "1".into(),
                    max: "90".into(),
                }),
            );
        }

        if !(1..=365).contains(&self.renewals.window_days) {
            put(
                "renewals.windowDays",
                Some(Message::OutOfRange {
                    min: "1".into(),
                    max: "365".into(),
                }),
            );
        }

        let timeout = self.quoting.timeout_seconds;
        if !QUOTING_TIMEOUT_RANGE.contains(&timeout) {
            put(
                "quoting.timeoutSeconds",
                Some(Message::TimeoutOutOfRange {
                    min: (*QUOTING_TIMEOUT_RANGE.start()).into(),
                    max: (*QUOTING_TIMEOUT_RANGE.end()).into(),
                }),
            );
        }

        if !LOG_DAYS_RANGE.contains(&self.diagnostic.log_days) {
            put(
                "diagnostic.logDays",
                Some(Message::OutOfRange {
                    min: LOG_DAYS_RANGE.start().to_string(),
                    max: LOG_DAYS_RANGE.end().to_string(),
                }),
            );
        }

        ensure_no_field_errors(fields)
    }

    /// Trims surrounding whitespace from free-text fields, as an agent expects on save.
    pub fn normalized(mut self) -> Self {
        let a = &mut self.agency;
        for s in [
            &mut a.name,
            &mut a.broker_code,
            &mut a.address,
            &mut a.phone,
            &mut a.email,
        ] {
            *s = s.trim().to_string();
        }
        self.environment.custom_url = self.environment.custom_url.trim().to_string();
        self
    }

    /// Reads settings from JSON of unknown quality (the settings file, or input from outside
    /// the typed UI). Unknown enum values, wrong types and invalid values are refused with the
    /// path of the offending field.
    pub fn from_json(value: serde_json::Value) -> Result<Self, AppError> {
        let settings: Settings = serde_path_to_error::deserialize(value).map_err(|e| {
            let mut fields = FieldErrors::new();
            fields.insert(e.path().to_string(), vec![Message::UnknownValue]);
            AppError::validation(Message::FixHighlighted, fields)
        })?;
        settings.validate()?;
        Ok(settings)
    }
}

/// Whether `name` has the one form the app writes logos under ([`LogoFormat::file_name`]):
/// anything else could point outside the app's folder once joined to it (`../x`, `/etc/x`,
/// or on Windows `C:x.png`, whose drive prefix makes `join` drop the base folder).
pub fn is_logo_file_name(name: &str) -> bool {
    let Some((hash, extension)) = name
        .strip_prefix("agency-logo-")
        .and_then(|rest| rest.split_once('.'))
    else {
        return false;
    };
    hash.len() == 16
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && matches!(extension, "png" | "jpg")
}

/// The image kinds accepted as an agency logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
}

impl LogoFormat {
    /// File extension for the stored copy.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
        }
    }

    /// The name the logo is stored under: a content hash, so choosing a new logo never
    /// overwrites the one the saved settings still point to.
    pub fn file_name(self, bytes: &[u8]) -> String {
        let hash = bytes.iter().fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x100000001b3) // FNV-1a
        });
        format!("agency-logo-{hash:016x}.{}", self.extension())
    }

    /// MIME type, for showing the logo in the UI.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    /// Recognises a logo by its magic bytes (not its file name) and checks its size.
    pub fn detect(bytes: &[u8]) -> Result<Self, Message> {
        if bytes.len() as u64 > LOGO_MAX_BYTES {
            return Err(Message::LogoTooLarge {
                max_kb: (LOGO_MAX_BYTES / 1024) as u32,
            });
        }
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Ok(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Ok(Self::Jpeg)
        } else {
            Err(Message::LogoNotImage)
        }
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;

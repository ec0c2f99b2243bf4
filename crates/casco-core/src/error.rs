//! The one error shape that crosses IPC: `{ code, message, fields? }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::messages::{Language, Message};

/// Messages per dotted request path (`product.policyholder.address.floor`), so the UI can put
/// each message under its field. Ordered so serialized errors are stable.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// What went wrong, as a small closed set the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is wrong; `fields` says where.
    Validation,
    /// Credentials or session refused.
    Auth,
    /// The API could not be reached.
    Network,
    /// The API did not answer in time.
    Timeout,
    /// An insurer answered with an error of its own.
    Insurer,
    /// The thing asked for does not exist.
    NotFound,
    /// The request clashes with the current state.
    Conflict,
    /// The local store could not read or write.
    Storage,
    /// A bug: something that should not happen.
    Internal,
}

/// The error every command returns. `message` is already in the agent's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct AppError {
    /// The kind of failure.
    pub code: ErrorCode,
    /// A sentence the agent can act on.
    pub message: String,
    /// Field-level messages, present only for validation failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

impl AppError {
    /// An error without field details.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: None,
        }
    }

    /// A validation error carrying its field map.
    pub fn validation(message: impl Into<String>, fields: FieldErrors) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: message.into(),
            fields: Some(fields),
        }
    }

    /// An internal error; `detail` is for logs and support, not a secret.
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, detail)
    }

    /// A storage error.
    pub fn storage(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, detail)
    }
}

/// `Ok` when no field has a message; otherwise the validation error asking the agent to fix
/// the highlighted fields (the one summary every form uses).
pub(crate) fn ensure_no_field_errors(fields: FieldErrors, lang: Language) -> Result<(), AppError> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(
            Message::FixHighlighted.text(lang),
            fields,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_error_serializes_without_fields() {
        let e = AppError::new(ErrorCode::NotFound, "Oferta nu există.");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "not_found", "message": "Oferta nu există."})
        );
    }

    #[test]
    fn validation_error_carries_dotted_paths() {
        let mut fields = FieldErrors::new();
        fields.insert(
            "product.policyholder.address.floor".into(),
            vec!["Asigurătorul Grawe cere etajul din adresa asiguratului.".into()],
        );
        let e = AppError::validation("Date invalide.", fields);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({
                "code": "validation",
                "message": "Date invalide.",
                "fields": {"product.policyholder.address.floor": ["Asigurătorul Grawe cere etajul din adresa asiguratului."]}
            })
        );
    }

    #[test]
    fn every_code_round_trips_in_snake_case() {
        let codes = [
            (ErrorCode::Validation, "validation"),
            (ErrorCode::Auth, "auth"),
            (ErrorCode::Network, "network"),
            (ErrorCode::Timeout, "timeout"),
            (ErrorCode::Insurer, "insurer"),
            (ErrorCode::NotFound, "not_found"),
            (ErrorCode::Conflict, "conflict"),
            (ErrorCode::Storage, "storage"),
            (ErrorCode::Internal, "internal"),
        ];
        for (code, text) in codes {
            assert_eq!(serde_json::to_value(code).unwrap(), json!(text));
            let back: ErrorCode = serde_json::from_value(json!(text)).unwrap();
            assert_eq!(back, code);
        }
    }

    #[test]
    fn unknown_code_is_refused() {
        assert!(serde_json::from_value::<ErrorCode>(json!("teapot")).is_err());
    }

    #[test]
    fn error_deserializes_without_fields() {
        let e: AppError =
            serde_json::from_value(json!({"code": "auth", "message": "Parolă greșită."})).unwrap();
        assert_eq!(e, AppError::new(ErrorCode::Auth, "Parolă greșită."));
    }
}

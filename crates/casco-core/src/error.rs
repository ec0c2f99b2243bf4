//! The one error shape that crosses IPC: `{ code, message, fields? }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::messages::Message;

/// Messages per dotted request path (`product.policyholder.address.floor`), so the UI can put
/// each message under its field. Ordered so serialized errors are stable.
pub type FieldErrors = BTreeMap<String, Vec<Message>>;

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

/// The error every command returns: `{ code, message, fields? }`, where `message` (and every
/// field message) is a [`Message`] the UI renders in the agent's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, thiserror::Error)]
#[error("{code:?}: {message:?}")]
pub struct AppError {
    /// The kind of failure.
    pub code: ErrorCode,
    /// What the agent reads.
    pub message: Message,
    /// Field-level messages, present only for validation failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

impl AppError {
    /// An error without field details.
    pub fn new(code: ErrorCode, message: Message) -> Self {
        Self {
            code,
            message,
            fields: None,
        }
    }

    /// A validation error carrying its field map.
    pub fn validation(message: Message, fields: FieldErrors) -> Self {
        Self {
            code: ErrorCode::Validation,
            message,
            fields: Some(fields),
        }
    }

    /// A bug or an impossible state; `detail` is for support (never a secret) and is logged.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        log::error!("internal error: {detail}");
        Self::new(
            ErrorCode::Internal,
            Message::Unexpected {
                detail: detail.to_string(),
            },
        )
    }

    /// A file the app keeps could not be read or written; `detail` names it and why.
    pub fn storage(detail: impl std::fmt::Display) -> Self {
        log::warn!("storage error: {detail}");
        Self::new(
            ErrorCode::Storage,
            Message::FileProblem {
                detail: detail.to_string(),
            },
        )
    }
}

/// `Ok` when no field has a message; otherwise the validation error asking the agent to fix
/// the highlighted fields (the one summary every form uses).
pub(crate) fn ensure_no_field_errors(fields: FieldErrors) -> Result<(), AppError> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(Message::FixHighlighted, fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_error_serializes_without_fields() {
        let e = AppError::new(ErrorCode::NotFound, Message::UnknownValue);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "not_found", "message": {"code": "unknownValue"}})
        );
    }

    #[test]
    fn validation_error_carries_dotted_paths() {
        let mut fields = FieldErrors::new();
        let path = "product.policyholder.address.floor";
        let requires = Message::InsurerRequires {
            insurer: "Grawe".into(),
            path: path.into(),
        };
        fields.insert(path.into(), vec![requires]);
        let e = AppError::validation(Message::FixHighlighted, fields);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({
                "code": "validation",
                "message": {"code": "fixHighlighted"},
                "fields": {path: [{"code": "insurerRequires", "insurer": "Grawe", "path": path}]}
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
        let e: AppError = serde_json::from_value(
            json!({"code": "auth", "message": {"code": "wrongCredentials"}}),
        )
        .unwrap();
        assert_eq!(e, AppError::new(ErrorCode::Auth, Message::WrongCredentials));
    }
}

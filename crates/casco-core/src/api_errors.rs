//! How CascoApi failures reach the agent: one [`AppError`] per failure, as a [`Message`] code.
//! Details that help support (paths, status codes, bodies) go to the log, not the message.

use casco_api::{ApiError, PdfError};

use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::messages::Message;

/// Maps a client error to the IPC error shape.
pub fn app_error(e: &ApiError) -> AppError {
    let (code, message) = match e {
        ApiError::Connect { .. } | ApiError::Transport { .. } => {
            (ErrorCode::Network, Message::CannotConnect)
        }
        ApiError::Timeout { .. } => (ErrorCode::Timeout, Message::TimedOut),
        ApiError::Auth { .. } => (ErrorCode::Auth, Message::SessionRefused),
        ApiError::Validation { fields, .. } => {
            return AppError::validation(Message::ServerValidation, server_fields(fields));
        }
        ApiError::Rejected { message, .. } => (
            ErrorCode::Insurer,
            Message::ServerRefused {
                message: message.clone(),
            },
        ),
        ApiError::HttpStatus { status, .. } => (
            ErrorCode::Insurer,
            Message::ServerRefused {
                message: format!("HTTP {status}"),
            },
        ),
        ApiError::Redirect { target, .. } => {
            log::warn!("CascoApi redirect refused: {e}");
            (
                ErrorCode::Network,
                Message::Redirected {
                    host: target.clone(),
                },
            )
        }
        ApiError::TooLarge { .. } => {
            log::warn!("CascoApi answer refused: {e}");
            (ErrorCode::Insurer, Message::AnswerTooLarge)
        }
        ApiError::UnsafeBaseUrl(why) => (ErrorCode::Validation, Message::from(*why)),
        ApiError::Pdf {
            source: PdfError::TooLarge { limit },
            ..
        } => (
            ErrorCode::Insurer,
            Message::PdfTooLarge {
                limit_mib: u32::try_from(limit / (1024 * 1024)).unwrap_or(u32::MAX),
            },
        ),
        ApiError::Pdf { source, .. } => {
            log::warn!("CascoApi document refused: {e}");
            (
                ErrorCode::Insurer,
                Message::PdfInvalid {
                    detail: source.to_string(),
                },
            )
        }
        ApiError::Decode { .. } | ApiError::InvalidRequest(_) => {
            log::warn!("CascoApi answer unusable: {e}");
            (ErrorCode::Internal, Message::BadAnswer)
        }
    };
    AppError::new(code, message)
}

/// A VALIDATION_ERROR's per-field texts, kept verbatim as the server's own words.
pub fn server_fields(fields: &std::collections::BTreeMap<String, Vec<String>>) -> FieldErrors {
    fields
        .iter()
        .map(|(path, texts)| {
            let said = texts
                .iter()
                .map(|text| Message::ServerSaid { text: text.clone() });
            (path.clone(), said.collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::Duration;

    #[test]
    fn timeouts_and_validation_keep_their_meaning() {
        let t = app_error(&ApiError::Timeout {
            operation: "quote",
            after: Duration::from_secs(60),
        });
        assert_eq!(t.code, ErrorCode::Timeout);
        assert_eq!(t.message, Message::TimedOut);

        let mut fields = BTreeMap::new();
        fields.insert(
            "product.policyholder.address.floor".to_string(),
            vec!["Etaj obligatoriu".to_string()],
        );
        let v = app_error(&ApiError::Validation {
            status: 400,
            fields: fields.clone(),
        });
        assert_eq!(v.code, ErrorCode::Validation);
        let said = Message::ServerSaid {
            text: "Etaj obligatoriu".into(),
        };
        assert_eq!(
            v.fields.unwrap()["product.policyholder.address.floor"],
            [said]
        );
    }

    #[test]
    fn a_plain_refusal_carries_the_servers_message() {
        let e = ApiError::Rejected {
            operation: "quote",
            status: 400,
            message: "Asigurătorul nu este activ.".into(),
        };
        let a = app_error(&e);
        assert_eq!(a.code, ErrorCode::Insurer);
        assert_eq!(
            a.message,
            Message::ServerRefused {
                message: "Asigurătorul nu este activ.".into()
            }
        );
    }

    #[test]
    fn unreadable_answers_do_not_leak_details_to_the_agent() {
        let e = ApiError::Decode {
            operation: "quote",
            path: "data.offers[0]".into(),
            message: "bad".into(),
        };
        let a = app_error(&e);
        assert_eq!(
            (a.code, a.message),
            (ErrorCode::Internal, Message::BadAnswer)
        );
    }
}

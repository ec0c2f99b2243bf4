//! How CascoApi failures reach the agent: one [`AppError`] per failure, in the agent's language.
//! Details that help support (paths, status codes, bodies) go to the log, not the message.

use casco_api::ApiError;

use crate::error::{AppError, ErrorCode};
use crate::messages::{Language, Message};

/// Maps a client error to the IPC error shape.
pub fn app_error(e: &ApiError, lang: Language) -> AppError {
    let (code, message) = match e {
        ApiError::Connect { .. } | ApiError::Transport { .. } => {
            (ErrorCode::Network, Message::CannotConnect)
        }
        ApiError::Timeout { .. } => (ErrorCode::Timeout, Message::TimedOut),
        ApiError::Auth { .. } => (ErrorCode::Auth, Message::SessionRefused),
        ApiError::Validation { fields, .. } => {
            return AppError::validation(Message::ServerValidation.text(lang), fields.clone());
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
        ApiError::Decode { .. } | ApiError::Pdf { .. } | ApiError::InvalidRequest(_) => {
            log::warn!("CascoApi answer unusable: {e}");
            (ErrorCode::Internal, Message::BadAnswer)
        }
    };
    AppError::new(code, message.text(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::Duration;

    #[test]
    fn timeouts_and_validation_keep_their_meaning() {
        let t = app_error(
            &ApiError::Timeout {
                operation: "quote",
                after: Duration::from_secs(60),
            },
            Language::Ro,
        );
        assert_eq!(t.code, ErrorCode::Timeout);
        assert_eq!(
            t.message,
            "Serverul CascoApi nu a răspuns la timp. Încercați din nou."
        );

        let mut fields = BTreeMap::new();
        fields.insert(
            "product.policyholder.address.floor".to_string(),
            vec!["Etaj obligatoriu".to_string()],
        );
        let v = app_error(
            &ApiError::Validation {
                status: 400,
                fields: fields.clone(),
            },
            Language::En,
        );
        assert_eq!(v.code, ErrorCode::Validation);
        assert_eq!(v.fields, Some(fields));
    }

    #[test]
    fn a_plain_refusal_carries_the_servers_message() {
        let e = ApiError::Rejected {
            operation: "quote",
            status: 400,
            message: "Asigurătorul nu este activ.".into(),
        };
        let a = app_error(&e, Language::Ro);
        assert_eq!(a.code, ErrorCode::Insurer);
        assert_eq!(
            a.message,
            "Serverul a refuzat cererea: Asigurătorul nu este activ."
        );
    }

    #[test]
    fn unreadable_answers_do_not_leak_details_to_the_agent() {
        let e = ApiError::Decode {
            operation: "quote",
            path: "data.offers[0]".into(),
            message: "bad".into(),
        };
        let a = app_error(&e, Language::Ro);
        assert_eq!(a.code, ErrorCode::Internal);
        assert!(!a.message.contains("data.offers"));
    }
}

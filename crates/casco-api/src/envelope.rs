//! The response envelope `{error, status, message?, data}` and how it maps to errors.

use crate::error::ApiError;
use crate::lenient;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The envelope as sent: `error` and `status` as strings or JSON values, all optional
/// (the published samples omit them on several routes).
#[derive(Debug, Deserialize)]
struct RawEnvelope {
    #[serde(default, with = "lenient::str_bool")]
    error: bool,
    #[serde(default, with = "lenient::opt_uint")]
    status: Option<u64>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    data: serde_json::Value,
}

/// The message that marks a field-level validation failure.
pub const VALIDATION_ERROR: &str = "VALIDATION_ERROR";

/// Decodes a response body: the envelope first, then `data` into `T`, reporting the JSON
/// path of the first bad field. Error envelopes and 4xx/5xx statuses become typed errors.
pub fn decode<T: DeserializeOwned>(
    operation: &'static str,
    http_status: u16,
    body: &[u8],
) -> Result<T, ApiError> {
    let success = (200..300).contains(&http_status);
    let envelope: RawEnvelope =
        match serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(body)) {
            Ok(envelope) => envelope,
            Err(_) if !success => return Err(http_status_error(operation, http_status, body)),
            Err(e) => return Err(decode_error(operation, "", e)),
        };
    if http_status == 401 || http_status == 403 {
        return Err(ApiError::Auth {
            status: http_status,
            message: envelope.message,
        });
    }
    if envelope.error || !success {
        let status = if success {
            envelope
                .status
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or(http_status)
        } else {
            http_status
        };
        return Err(match envelope.message {
            Some(m) if m == VALIDATION_ERROR => ApiError::Validation {
                status,
                fields: field_messages(envelope.data),
            },
            Some(message) => ApiError::Rejected {
                operation,
                status,
                message,
            },
            None if !success => http_status_error(operation, http_status, body),
            None => ApiError::Rejected {
                operation,
                status,
                message: "error without a message".into(),
            },
        });
    }
    serde_path_to_error::deserialize(envelope.data).map_err(|e| decode_error(operation, "data", e))
}

fn decode_error<E: std::fmt::Display>(
    operation: &'static str,
    prefix: &str,
    e: serde_path_to_error::Error<E>,
) -> ApiError {
    let inner = e.path().to_string();
    let path = match (prefix, inner.as_str()) {
        ("", p) => p.to_owned(),
        (pre, ".") => pre.to_owned(),
        (pre, p) if p.starts_with('[') => format!("{pre}{p}"),
        (pre, p) => format!("{pre}.{p}"),
    };
    ApiError::Decode {
        operation,
        path,
        message: e.inner().to_string(),
    }
}

fn http_status_error(operation: &'static str, status: u16, body: &[u8]) -> ApiError {
    let body_start = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
    ApiError::HttpStatus {
        operation,
        status,
        body_start,
    }
}

/// Field messages of a `VALIDATION_ERROR`: `{path: [messages]}`; a single string per
/// path is accepted too, anything else is kept under the path as its JSON text.
fn field_messages(data: serde_json::Value) -> BTreeMap<String, Vec<String>> {
    let serde_json::Value::Object(map) = data else {
        return BTreeMap::new();
    };
    map.into_iter()
        .map(|(path, value)| {
            let messages = match value {
                serde_json::Value::Array(items) => items
                    .into_iter()
                    .map(|item| match item {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
                serde_json::Value::String(s) => vec![s],
                other => vec![other.to_string()],
            };
            (path, messages)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Country;

    #[test]
    fn string_and_json_envelope_values_both_decode() {
        let a: Vec<Country> =
            decode("t", 200, br#"{"error":"false","status":"200","data":[{"id":"1","name":"GRECIA","iso2":"GR","iso3":"GRC"}]}"#)
                .unwrap();
        let b: Vec<Country> =
            decode("t", 200, br#"{"error":false,"status":200,"data":[{"id":1,"name":"GRECIA","iso2":"GR","iso3":"GRC"}]}"#)
                .unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn decode_error_names_the_field_path() {
        let err = decode::<Vec<Country>>(
            "t",
            200,
            br#"{"data":[{"id":"1","name":"X","iso2":5,"iso3":"GRC"}]}"#,
        )
        .unwrap_err();
        match err {
            ApiError::Decode { path, .. } => assert_eq!(path, "data[0].iso2"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn validation_error_keeps_its_field_map() {
        let body = br#"{"error":true,"status":400,"message":"VALIDATION_ERROR","data":{"product.policyholder.address.floor":["Etajul lipseste."]}}"#;
        match decode::<serde::de::IgnoredAny>("t", 400, body).unwrap_err() {
            ApiError::Validation { status, fields } => {
                assert_eq!(status, 400);
                assert_eq!(
                    fields["product.policyholder.address.floor"],
                    vec!["Etajul lipseste.".to_owned()]
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

//! The vendor's envelope, reproduced: success with string `error`/`status` values,
//! failures with JSON values, and a plain message or a `VALIDATION_ERROR` field map.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Field path → messages, as in a `VALIDATION_ERROR`.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The message of a required field left out or blank.
pub const REQUIRED: &str = "Câmp obligatoriu.";

/// Field errors naming each empty value of `(field, value)` as [`REQUIRED`].
pub fn required(values: &[(&str, &str)]) -> FieldErrors {
    values
        .iter()
        .filter(|(_, value)| value.is_empty())
        .map(|(field, _)| ((*field).to_owned(), vec![REQUIRED.to_owned()]))
        .collect()
}

/// `{"error": "false", "status": "200", "data": ...}`
pub fn ok(data: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({"error": "false", "status": "200", "data": data})),
    )
        .into_response()
}

/// `{"error": true, "status": <code>, "message": ..., "data": []}`
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body =
        json!({"error": true, "status": status.as_u16(), "message": message.into(), "data": []});
    (status, axum::Json(body)).into_response()
}

/// 400 `VALIDATION_ERROR` with dotted paths.
pub fn validation(fields: FieldErrors) -> Response {
    let body = json!({"error": true, "status": 400, "message": "VALIDATION_ERROR", "data": fields});
    (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
}

/// A one-field `VALIDATION_ERROR`.
pub fn invalid_field(path: &str, message: impl Into<String>) -> Response {
    validation(BTreeMap::from([(path.to_owned(), vec![message.into()])]))
}

/// The value of a one-parameter path, or a `VALIDATION_ERROR` on `name` when it cannot be
/// read (axum would answer plain text; the vendor answers with the envelope).
pub fn path_value(
    value: Result<Path<String>, PathRejection>,
    name: &str,
) -> Result<String, Box<Response>> {
    let rejection = match value {
        Ok(Path(value)) => return Ok(value),
        Err(rejection) => rejection,
    };
    let message = match &rejection {
        PathRejection::FailedToDeserializePathParams(e)
            if matches!(e.kind(), ErrorKind::InvalidUtf8InPathParam { .. }) =>
        {
            "Valoarea din adresă nu este text UTF-8 valid."
        }
        _ => "Valoarea din adresă nu poate fi citită.",
    };
    Err(Box::new(invalid_field(name, message)))
}

/// A simulated failure that is meant not to be the envelope (a gateway page, a cut body):
/// [`crate::rejections`] leaves responses carrying it alone.
#[derive(Debug, Clone, Copy)]
pub struct Deliberate;

/// 200 with a body cut in the middle of the JSON (a simulated broken insurer).
pub fn malformed_json() -> Response {
    let body = r#"{"error": "false", "status": "200", "data": {"offers": [{"offerId": 1, "premiumAmount": "#;
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        axum::Extension(Deliberate),
        body,
    )
        .into_response()
}

/// 502 with an HTML body, as a gateway in front of an insurer answers.
pub fn bad_gateway() -> Response {
    let body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html")],
        axum::Extension(Deliberate),
        body,
    )
        .into_response()
}

//! Rejections made before or around the handlers, answered with the vendor's envelope like
//! every other error: a URI too long (414), a body over the limit (413), and any plain-text
//! rejection axum's extractors or routing would otherwise send.
//!
//! hyper itself still answers a URI over 64 KiB (414) and headers over about 400 KiB (431)
//! with an empty body: it writes those while parsing, before any service runs.

use crate::reply::{self, Deliberate};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Largest request body (quote, policy and identification bodies are a few kB).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Longest path and query. 8 KiB is what the usual front proxies allow (nginx's default),
/// far below hyper's own 64 KiB limit, so the refusal is always ours and enveloped.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Refuses, with the envelope and before reading anything more, a path and query longer than
/// [`MAX_URI_BYTES`] (414) and a body whose declared `Content-Length` is over
/// [`MAX_BODY_BYTES`] (413). A body that only turns out too long while read (chunked) is
/// caught by the body limit and enveloped by [`envelope_errors`].
pub async fn limit_request(request: Request, next: Next) -> Response {
    let uri_length = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if uri_length > MAX_URI_BYTES {
        return reply::error(
            StatusCode::URI_TOO_LONG,
            message_for(StatusCode::URI_TOO_LONG),
        );
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
        let status = StatusCode::PAYLOAD_TOO_LARGE;
        return reply::error(status, message_for(status));
    }
    next.run(request).await
}

/// Replaces an error answer that is not JSON (an extractor's plain-text rejection, such as
/// the body limit's 413) with the envelope of the same status. Simulated failures marked
/// [`Deliberate`] keep their body: not being the envelope is their point.
pub async fn envelope_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_error || is_json || response.extensions().get::<Deliberate>().is_some() {
        return response;
    }
    tracing::debug!(%status, "sandbox: plain rejection answered with the envelope");
    let allow: Option<HeaderValue> = response.headers().get(header::ALLOW).cloned();
    let mut enveloped = reply::error(status, message_for(status));
    if let Some(allow) = allow {
        enveloped.headers_mut().insert(header::ALLOW, allow);
    }
    enveloped
}

/// The Romanian message of a rejection by status.
fn message_for(status: StatusCode) -> String {
    let message = match status {
        StatusCode::BAD_REQUEST => "Cererea nu poate fi citită.",
        StatusCode::NOT_FOUND => "Resursa cerută nu există.",
        StatusCode::METHOD_NOT_ALLOWED => "Metoda nu este permisă la această adresă.",
        StatusCode::LENGTH_REQUIRED => "Lipsește lungimea corpului cererii (Content-Length).",
        StatusCode::PAYLOAD_TOO_LARGE => {
            return format!(
                "Corpul cererii depășește limita de {} MiB.",
                MAX_BODY_BYTES / (1024 * 1024)
            )
        }
        StatusCode::URI_TOO_LONG => {
            return format!(
                "Adresa cererii (calea și parametrii) depășește {MAX_URI_BYTES} de octeți."
            )
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "Tipul conținutului nu este acceptat.",
        StatusCode::UNPROCESSABLE_ENTITY => "Cererea nu poate fi procesată.",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "Antetele cererii sunt prea mari.",
        s if s.is_server_error() => "Eroare internă a serverului.",
        _ => "Cererea a fost refuzată.",
    };
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rejection_has_a_romanian_message() {
        assert_eq!(
            message_for(StatusCode::PAYLOAD_TOO_LARGE),
            "Corpul cererii depășește limita de 2 MiB."
        );
        assert!(message_for(StatusCode::URI_TOO_LONG).contains("8192"));
        assert_eq!(
            message_for(StatusCode::IM_A_TEAPOT),
            "Cererea a fost refuzată."
        );
        assert_eq!(
            message_for(StatusCode::BAD_GATEWAY),
            "Eroare internă a serverului."
        );
    }
}

//! What can go wrong talking to CascoApi, one variant per way the caller reacts.

use std::collections::BTreeMap;
use std::time::Duration;

/// Errors of every [`crate::CascoClient`] operation.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached (DNS, refused, TLS handshake).
    #[error("cannot connect to CascoApi for {operation}: {source}")]
    Connect {
        /// Route name.
        operation: &'static str,
        /// Underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// No complete answer within the call's timeout.
    #[error("CascoApi did not answer {operation} within {}ms", after.as_millis())]
    Timeout {
        /// Route name.
        operation: &'static str,
        /// The timeout that elapsed.
        after: Duration,
    },
    /// Other transport failure (connection reset mid-body, HTTP protocol error).
    #[error("transport error during {operation}: {source}")]
    Transport {
        /// Route name.
        operation: &'static str,
        /// Underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The session was refused even after one refresh (or re-login) and one retry,
    /// or the credentials were rejected at login.
    #[error("authentication refused (HTTP {status}){}", message_suffix(.message))]
    Auth {
        /// HTTP status (401 or 403).
        status: u16,
        /// The server's message, if any.
        message: Option<String>,
    },
    /// `VALIDATION_ERROR`: messages per dotted request path.
    #[error("the request was rejected: {}", summarize(.fields))]
    Validation {
        /// HTTP status (400 in practice).
        status: u16,
        /// `product.policyholder.address.floor` → messages.
        fields: BTreeMap<String, Vec<String>>,
    },
    /// An error envelope with a plain message (insurer not enabled, offer not found, ...).
    #[error("CascoApi refused {operation} (HTTP {status}): {message}")]
    Rejected {
        /// Route name.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// A non-success HTTP status without a readable envelope (gateway errors, HTML pages).
    #[error("CascoApi answered HTTP {status} to {operation}")]
    HttpStatus {
        /// Route name.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// The start of the body, for the log.
        body_start: String,
    },
    /// The body is not the JSON we expect; `path` names the bad field (`data.offers[0].currency`).
    #[error("cannot read the answer to {operation} at `{path}`: {message}")]
    Decode {
        /// Route name.
        operation: &'static str,
        /// JSON path of the offending field (`.` for the whole body).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// A PDF in the answer is unusable.
    #[error("PDF from {operation}: {source}")]
    Pdf {
        /// Route name.
        operation: &'static str,
        /// What was wrong.
        #[source]
        source: PdfError,
    },
    /// The host answered with a redirect. Redirects are never followed: the next hop would
    /// receive the token, the request body (insurer passwords, client data) or the login query.
    #[error("CascoApi answered {operation} with a redirect (HTTP {status}) to {target}; redirects are not followed")]
    Redirect {
        /// Route name.
        operation: &'static str,
        /// HTTP status (301, 302, 303, 307, 308).
        status: u16,
        /// The host the redirect pointed to (`unknown` without a readable Location).
        target: String,
    },
    /// The answer is larger than the route allows; nothing of it was kept.
    #[error("the answer to {operation} is larger than its limit of {limit} bytes")]
    TooLarge {
        /// Route name.
        operation: &'static str,
        /// The route's limit in bytes.
        limit: u64,
    },
    /// The base URL breaks the transport rules (plain http off loopback, credentials inside).
    #[error("unsafe CascoApi address: {0}")]
    UnsafeBaseUrl(#[from] crate::endpoint::UnsafeBaseUrl),
    /// The client was misconfigured or a request could not be encoded.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

/// Why a PDF from the API was rejected.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The answer listed no file.
    #[error("the answer contains no file")]
    NoFile,
    /// The content is not valid (standard, padded) base64.
    #[error("content is not valid base64: {0}")]
    Base64(#[from] base64::DecodeError),
    /// The file is larger than [`crate::pdf::MAX_PDF_BYTES`]; it was not decoded.
    #[error("the file is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The decoded bytes do not start with `%PDF-`.
    #[error("content is not a PDF (starts with {start:?})")]
    NotPdf {
        /// The first bytes, escaped.
        start: String,
    },
}

impl ApiError {
    /// True for 401/403 answers: the caller's session was refused.
    pub fn is_auth(&self) -> bool {
        matches!(self, ApiError::Auth { .. })
    }
}

fn message_suffix(message: &Option<String>) -> String {
    message
        .as_ref()
        .map(|m| format!(": {m}"))
        .unwrap_or_default()
}

fn summarize(fields: &BTreeMap<String, Vec<String>>) -> String {
    fields
        .iter()
        .map(|(path, messages)| format!("{path}: {}", messages.join("; ")))
        .collect::<Vec<_>>()
        .join(", ")
}

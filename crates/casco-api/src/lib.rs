//! Typed async client for the CascoApi broker API.
//!
//! One [`CascoClient`] per account: it logs in with the stored credentials, keeps the JWT
//! fresh (one refresh shared by all concurrent calls), retries once after a 401/403 and
//! decodes the vendor's inconsistent payloads into strict Rust types.

pub mod calls;
pub mod client;
pub mod covers;
pub mod endpoint;
pub mod envelope;
pub mod error;
pub mod insurers;
pub mod lenient;
pub mod model;
pub mod payment;
pub mod pdf;
pub mod probe;
pub mod routes;
pub mod secret;
pub mod session;
mod transport;
pub use transport::install_tls_provider;

pub use calls::{CallObserver, CallOptions, CallOutcome, CallRecord};
pub use client::{Answered, CascoClient, ClientConfig, Credentials};
pub use endpoint::UnsafeBaseUrl;
pub use error::{ApiError, PdfError};
pub use pdf::PdfDocument;
pub use probe::Probe;
pub use secret::Secret;
pub use session::{RefreshTokenObserver, SessionInfo, SessionStats};

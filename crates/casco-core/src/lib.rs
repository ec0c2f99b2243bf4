//! The agent's domain for Casco Desk, free of any Tauri dependency so it is tested with plain
//! `cargo test`: the IPC error shape, settings, validators and the message catalogue.

pub mod error;
pub mod keychain;
pub mod messages;
pub mod settings;
pub mod validate;

pub use error::{AppError, ErrorCode, FieldErrors};
pub use messages::{Language, Message};
pub use settings::Settings;

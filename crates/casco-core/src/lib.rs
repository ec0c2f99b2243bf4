//! The agent's domain for Casco Desk, free of any Tauri dependency so it is tested with plain
//! `cargo test`: the IPC error shape, settings, validators, the message catalogue, the keychain,
//! the connection to CascoApi, the local store and nomenclature search.

pub mod api_errors;
pub mod api_log;
pub mod book;
pub mod choices;
pub mod connection;
pub mod database_key;
pub mod desk;
pub mod documents;
pub mod durable;
pub mod error;
pub mod fold;
pub mod insurers;
pub mod issuing;
pub mod keychain;
pub mod messages;
pub mod money_text;
pub mod nomenclature;
pub mod quote;
pub mod reference_data;
pub mod relocation;
pub mod remembered;
pub mod settings;
pub mod settings_backup;
pub mod store;
pub mod validate;

pub use error::{AppError, ErrorCode, FieldErrors};
pub use messages::Message;
pub use settings::{Language, Settings};

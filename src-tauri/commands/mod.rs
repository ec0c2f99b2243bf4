//! Thin IPC commands, one file per area: parse, call the domain, map the error.

pub mod connection;
pub mod insurers;
pub mod offers;
pub mod quote;
pub mod reference;
pub mod settings;

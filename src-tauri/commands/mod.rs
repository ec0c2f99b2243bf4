//! Thin IPC commands, one file per area: parse, call the domain, map the error.

pub mod book;
pub mod connection;
pub mod diagnostic;
pub mod documents;
pub mod insurers;
pub mod offers;
pub mod policies;
pub mod quote;
pub mod reference;
pub mod settings;
pub mod startup;

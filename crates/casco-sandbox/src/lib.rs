//! A faithful CascoApi server for Casco Desk's demo mode, tests and benchmarks.
//!
//! It reproduces the vendor's behaviour the client must survive: string booleans and
//! numbers, both nomenclature spellings, VALIDATION_ERROR with dotted paths, 403 (or 401)
//! on expired tokens, Bucharest-local `expires_at`, per-insurer required fields, latency
//! and failures. Start it in-process with [`start`]; change knobs with
//! [`SandboxHandle::update_config`].
//!
//! Each start signs its tokens with a random secret, refuses tokens for accounts it does not
//! have, keeps every offer and policy to the account that made it, answers every rejection
//! with the envelope and refuses impossible values (a birth date in the future, a negative
//! deductible or engine).

mod auth;
pub mod book_file;
mod book_writer;
pub mod config;
mod data;
mod documents;
mod identification;
mod insurer_behaviour;
mod nomenclature;
mod openapi;
mod plausibility;
mod policy;
mod pricing;
mod quote;
mod rejections;
mod reply;
mod route_knobs;
mod server;
mod state;
mod tokens;
mod valuation;

pub use config::{
    Account, FailureMode, InsurerKnobs, Latency, NomenclatureSpelling, RouteFailure,
    RouteFailureMode, SandboxConfig,
};
pub use data::{Siruta, SirutaCounty, SirutaLocality};
pub use server::{start, start_on, SandboxHandle};
pub use state::CounterSnapshot;

/// Demo provider credentials for an insurer key: account `demo-<insurer>`, password `demo`.
/// (The sandbox accepts any non-empty provider credentials; these are what docs and the
/// demo mode use.)
pub fn demo_provider_credentials(insurer: &str) -> (String, String) {
    (format!("demo-{insurer}"), "demo".to_owned())
}

/// Romania's counties and localities as the sandbox serves them (SIRUTA; attribution in
/// [`Siruta::source`]). The repository keeps this data once, in this crate; casco-core's
/// tests and benchmarks read it from here rather than from a copy of their own.
pub fn siruta() -> &'static Siruta {
    data::siruta()
}

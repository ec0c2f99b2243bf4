//! Where nomenclatures come from: the API client implements [`NomenclatureSource`]; tests and
//! benchmarks use fakes.

use std::future::Future;

use crate::messages::Message;

use super::{Country, County, Locality, VehicleMake, VehicleModel};

/// Whether retrying the same call may succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceErrorKind {
    /// Network failure, timeout or a 5xx answer: worth retrying.
    Transient,
    /// Refused (auth, 4xx, unreadable answer): retrying the same call will not help.
    Permanent,
}

/// Why a source call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message:?}")]
pub struct SourceError {
    /// Retry or not.
    pub kind: SourceErrorKind,
    /// What happened, for the agent's sync report.
    pub message: Message,
}

impl SourceError {
    /// A failure worth retrying.
    pub fn transient(message: Message) -> Self {
        Self {
            kind: SourceErrorKind::Transient,
            message,
        }
    }

    /// A failure retrying will not fix.
    pub fn permanent(message: Message) -> Self {
        Self {
            kind: SourceErrorKind::Permanent,
            message,
        }
    }

    /// True when retrying may help.
    pub fn is_transient(&self) -> bool {
        self.kind == SourceErrorKind::Transient
    }
}

/// The remote nomenclature lists, one call per list. Implementations may answer in any order;
/// the sync engine stores localities under the county and models under the make it asked for.
pub trait NomenclatureSource: Send + Sync {
    /// All countries.
    fn countries(&self) -> impl Future<Output = Result<Vec<Country>, SourceError>> + Send;
    /// All counties.
    fn counties(&self) -> impl Future<Output = Result<Vec<County>, SourceError>> + Send;
    /// The localities of one county (an unknown county answers an empty list).
    fn localities(
        &self,
        county_code: &str,
    ) -> impl Future<Output = Result<Vec<Locality>, SourceError>> + Send;
    /// All vehicle makes.
    fn makes(&self) -> impl Future<Output = Result<Vec<VehicleMake>, SourceError>> + Send;
    /// The models of one make.
    fn models(
        &self,
        make: &str,
    ) -> impl Future<Output = Result<Vec<VehicleModel>, SourceError>> + Send;
}

//! Reference data: sync with progress, its status, and offline search.

use std::time::Duration;

use super::Desk;
use crate::error::AppError;
use crate::nomenclature::{
    Country, County, Locality, SyncProgress, SyncSummary, VehicleMake, VehicleModel,
};
use crate::reference_data::ReferenceStatus;

impl Desk {
    /// Refreshes the lists older than the TTL in Setări (all of them with `force`), passing
    /// each step to `progress`.
    pub async fn sync_reference_data(
        &self,
        force: bool,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
    ) -> Result<SyncSummary, AppError> {
        let settings = self.settings();
        let client = self.connection.client().await?;
        let ttl = Duration::from_secs(u64::from(settings.reference_data.ttl_days) * 86_400);
        let env = self.target(&settings).key;
        self.data.sync(client, &env, force, ttl, progress).await
    }

    /// Stops the running sync; lists already refreshed stay.
    pub fn cancel_reference_sync(&self) -> bool {
        self.data.cancel()
    }

    /// Counts and last sync per list, for the environment in force.
    pub fn reference_data_status(&self) -> Result<ReferenceStatus, AppError> {
        self.data.status(&self.env())
    }

    /// Countries matching `query`, from the local store.
    pub fn search_countries(&self, query: &str) -> Result<Vec<Country>, AppError> {
        self.data.countries(&self.env(), query)
    }

    /// Counties matching `query`.
    pub fn search_counties(&self, query: &str) -> Result<Vec<County>, AppError> {
        self.data.counties(&self.env(), query)
    }

    /// Localities of `county` matching `query`.
    pub fn search_localities(&self, county: &str, query: &str) -> Result<Vec<Locality>, AppError> {
        self.data.localities(&self.env(), county, query)
    }

    /// Vehicle makes matching `query`.
    pub fn search_makes(&self, query: &str) -> Result<Vec<VehicleMake>, AppError> {
        self.data.makes(&self.env(), query)
    }

    /// Models of `make` matching `query`.
    pub fn search_models(&self, make: &str, query: &str) -> Result<Vec<VehicleModel>, AppError> {
        self.data.models(&self.env(), make, query)
    }

    /// The environment key the local reference data is kept under.
    fn env(&self) -> String {
        self.target(&self.settings()).key
    }
}

//! The app-facing entry point: the store plus one search index per environment, rebuilt after
//! every sync so search always answers from what is stored.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use tokio_util::sync::CancellationToken;

use super::search::Index;
use super::sync::{self, SyncOptions, SyncProgress, SyncSummary};
use super::NomenclatureSource;
use crate::store::{Store, StoreError};

/// The store and its per-environment search indexes; `Send + Sync`, shared in an `Arc`.
#[derive(Debug)]
pub struct Catalog {
    store: Arc<Store>,
    indexes: RwLock<HashMap<String, Arc<Index>>>,
}

impl Catalog {
    /// A catalog over `store`; indexes are built on first use.
    pub fn new(store: Arc<Store>) -> Self {
        Self {
            store,
            indexes: RwLock::new(HashMap::new()),
        }
    }

    /// The store.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// The search index of `env`, built from the store on first use.
    pub fn index(&self, env: &str) -> Result<Arc<Index>, StoreError> {
        if let Some(found) = self
            .indexes
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(env)
        {
            return Ok(Arc::clone(found));
        }
        self.reload(env)
    }

    /// Rebuilds the index of `env` from the store (searches in progress keep the old one).
    pub fn reload(&self, env: &str) -> Result<Arc<Index>, StoreError> {
        let index = Arc::new(Index::load(&self.store, env)?);
        self.indexes
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(env.to_owned(), Arc::clone(&index));
        Ok(index)
    }

    /// Runs [`sync::run`] on `env`, then rebuilds its index (also after a cancelled or partly
    /// failed sync, since the parts that succeeded are already stored).
    pub async fn sync<S: NomenclatureSource>(
        &self,
        source: &S,
        env: &str,
        options: &SyncOptions,
        progress: &(dyn Fn(SyncProgress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<SyncSummary, StoreError> {
        let summary = sync::run(&self.store, source, env, options, progress, cancel).await?;
        self.reload(env)?;
        Ok(summary)
    }
}

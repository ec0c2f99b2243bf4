//! Instant offline search over one environment's cached nomenclatures.
//!
//! Matching (on [`fold`]ed text): the whole query is a prefix of the name, or every query word
//! is a prefix of some word of the name. Ranking: whole-name prefix matches first, then word
//! matches; within each, lower locality rank first (no rank last), then alphabetical (folded).
//!
//! The [`Index`] keeps every list pre-folded and pre-sorted by (rank, folded name), so a search
//! is one linear pass that keeps two ordered buckets and stops as soon as the first bucket
//! alone fills `limit`. Lists are small per scope (at most a few hundred localities per county
//! or models per make), which keeps every query far below a millisecond.

use std::collections::{HashMap, HashSet};

use super::{Country, County, Locality, Part, VehicleMake, VehicleModel};
use crate::error::{AppError, ErrorCode};
use crate::fold::fold;
use crate::messages::Message;

use crate::store::{Store, StoreError};

/// Why a search has no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// The list was never downloaded for this environment; the agent has to sync once online.
    #[error("never synced: {}", part.key())]
    NeverSynced {
        /// The list that is missing.
        part: Part,
    },
}

impl SearchError {
    /// What to tell the agent.
    pub fn message(&self) -> Message {
        match self {
            Self::NeverSynced { part } => part.never_synced(),
        }
    }

    /// The IPC error for this failure.
    pub fn to_app_error(&self) -> AppError {
        AppError::new(ErrorCode::NotFound, self.message())
    }
}

/// No rank sorts after every real rank.
const NO_RANK: u8 = u8::MAX;

/// One searchable item with its folded name.
#[derive(Debug, Clone)]
struct Entry<T> {
    item: T,
    folded: String,
    rank: u8,
}

/// A list ready to search: entries sorted by (rank, folded name, display name).
#[derive(Debug, Clone)]
struct List<T> {
    entries: Vec<Entry<T>>,
}

impl<T: Clone> List<T> {
    fn new(items: Vec<T>, name: impl Fn(&T) -> &str, rank: impl Fn(&T) -> Option<u8>) -> Self {
        let mut entries: Vec<Entry<T>> = items
            .into_iter()
            .map(|item| Entry {
                folded: fold(name(&item)),
                rank: rank(&item).unwrap_or(NO_RANK),
                item,
            })
            .collect();
        entries.sort_by(|a, b| {
            (a.rank, &a.folded, name(&a.item)).cmp(&(b.rank, &b.folded, name(&b.item)))
        });
        Self { entries }
    }

    fn search(&self, query: &Query, limit: usize) -> Vec<T> {
        if limit == 0 {
            return Vec::new();
        }
        let mut whole: Vec<&T> = Vec::with_capacity(limit.min(self.entries.len()));
        let mut words: Vec<&T> = Vec::new();
        for e in &self.entries {
            if e.folded.starts_with(&query.folded) {
                whole.push(&e.item);
                if whole.len() == limit {
                    break;
                }
            } else if words.len() + whole.len() < limit && query.words_match(&e.folded) {
                words.push(&e.item);
            }
        }
        whole
            .into_iter()
            .chain(words)
            .take(limit)
            .cloned()
            .collect()
    }
}

/// A folded query and its words.
struct Query {
    folded: String,
}

impl Query {
    fn new(text: &str) -> Self {
        Self { folded: fold(text) }
    }

    /// Every query word is a prefix of some word of `name` (both folded).
    fn words_match(&self, name: &str) -> bool {
        self.folded
            .split(' ')
            .all(|q| name.split(' ').any(|w| w.starts_with(q)))
    }
}

/// One environment's nomenclatures, ready for instant search. Built from the store; rebuild
/// it after a sync.
#[derive(Debug, Clone)]
pub struct Index {
    countries: Option<List<Country>>,
    counties: Option<List<County>>,
    makes: Option<List<VehicleMake>>,
    /// By folded county code; present only for synced counties (possibly empty).
    localities: HashMap<String, List<Locality>>,
    /// By folded make name; present only for synced makes (possibly empty).
    models: HashMap<String, List<VehicleModel>>,
}

impl Index {
    /// Loads everything cached for `env`. A list counts as available once it was fetched
    /// successfully at least once, even if a later refresh failed.
    pub fn load(store: &Store, env: &str) -> Result<Self, StoreError> {
        let synced: HashSet<Part> = store
            .sync_states(env)?
            .into_iter()
            .filter(|s| s.fetched_at.is_some())
            .map(|s| s.part)
            .collect();
        let has = |p: &Part| synced.contains(p);
        let mut localities: HashMap<String, Vec<Locality>> = HashMap::new();
        for l in store.localities(env, None)? {
            localities.entry(l.county_code.clone()).or_default().push(l);
        }
        let mut models: HashMap<String, Vec<VehicleModel>> = HashMap::new();
        for m in store.models(env, None)? {
            models.entry(m.make.clone()).or_default().push(m);
        }
        let mut index = Self {
            countries: has(&Part::Countries)
                .then(|| store.countries(env))
                .transpose()?
                .map(countries_list),
            counties: has(&Part::Counties)
                .then(|| store.counties(env))
                .transpose()?
                .map(counties_list),
            makes: has(&Part::Makes)
                .then(|| store.makes(env))
                .transpose()?
                .map(makes_list),
            localities: HashMap::new(),
            models: HashMap::new(),
        };
        for part in &synced {
            match part {
                Part::Localities(county) => {
                    let rows = localities.remove(county).unwrap_or_default();
                    index.localities.insert(fold(county), localities_list(rows));
                }
                Part::Models(make) => {
                    let rows = models.remove(make).unwrap_or_default();
                    index.models.insert(fold(make), models_list(rows));
                }
                _ => {}
            }
        }
        Ok(index)
    }

    /// Builds an index from lists already in memory; `None` marks a list never synced.
    /// Localities are grouped by their `county_code`, models by their `make`.
    pub fn from_lists(
        countries: Option<Vec<Country>>,
        counties: Option<Vec<County>>,
        localities: Vec<Locality>,
        makes: Option<Vec<VehicleMake>>,
        models: Vec<VehicleModel>,
    ) -> Self {
        let mut by_county: HashMap<String, Vec<Locality>> = HashMap::new();
        for l in localities {
            by_county.entry(fold(&l.county_code)).or_default().push(l);
        }
        let mut by_make: HashMap<String, Vec<VehicleModel>> = HashMap::new();
        for m in models {
            by_make.entry(fold(&m.make)).or_default().push(m);
        }
        Self {
            countries: countries.map(countries_list),
            counties: counties.map(counties_list),
            makes: makes.map(makes_list),
            localities: by_county
                .into_iter()
                .map(|(k, v)| (k, localities_list(v)))
                .collect(),
            models: by_make
                .into_iter()
                .map(|(k, v)| (k, models_list(v)))
                .collect(),
        }
    }

    /// Countries matching `query`, best first.
    pub fn countries(&self, query: &str, limit: usize) -> Result<Vec<Country>, SearchError> {
        let list = self.countries.as_ref().ok_or(SearchError::NeverSynced {
            part: Part::Countries,
        })?;
        Ok(list.search(&Query::new(query), limit))
    }

    /// Counties matching `query`, best first.
    pub fn counties(&self, query: &str, limit: usize) -> Result<Vec<County>, SearchError> {
        let list = self.counties.as_ref().ok_or(SearchError::NeverSynced {
            part: Part::Counties,
        })?;
        Ok(list.search(&Query::new(query), limit))
    }

    /// Localities of county `county_code` (any case) matching `query`, best first.
    pub fn localities(
        &self,
        county_code: &str,
        query: &str,
        limit: usize,
    ) -> Result<Vec<Locality>, SearchError> {
        let list =
            self.localities
                .get(&fold(county_code))
                .ok_or_else(|| SearchError::NeverSynced {
                    part: Part::Localities(county_code.trim().to_uppercase()),
                })?;
        Ok(list.search(&Query::new(query), limit))
    }

    /// Vehicle makes matching `query`, best first.
    pub fn makes(&self, query: &str, limit: usize) -> Result<Vec<VehicleMake>, SearchError> {
        let list = self
            .makes
            .as_ref()
            .ok_or(SearchError::NeverSynced { part: Part::Makes })?;
        Ok(list.search(&Query::new(query), limit))
    }

    /// Models of `make` (case and diacritics ignored) matching `query`, best first.
    pub fn models(
        &self,
        make: &str,
        query: &str,
        limit: usize,
    ) -> Result<Vec<VehicleModel>, SearchError> {
        let list = self
            .models
            .get(&fold(make))
            .ok_or_else(|| SearchError::NeverSynced {
                part: Part::Models(make.trim().to_owned()),
            })?;
        Ok(list.search(&Query::new(query), limit))
    }
}

fn countries_list(rows: Vec<Country>) -> List<Country> {
    List::new(rows, |c| &c.name, |_| None)
}

fn counties_list(rows: Vec<County>) -> List<County> {
    List::new(rows, |c| &c.name, |_| None)
}

fn localities_list(rows: Vec<Locality>) -> List<Locality> {
    List::new(rows, |l| &l.name, |l| l.rank)
}

fn makes_list(rows: Vec<VehicleMake>) -> List<VehicleMake> {
    List::new(rows, |m| &m.name, |_| None)
}

fn models_list(rows: Vec<VehicleModel>) -> List<VehicleModel> {
    List::new(rows, |m| &m.name, |_| None)
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;

//! Offline reference data: countries, counties, localities, vehicle makes and models, cached
//! per environment in the [`crate::store::Store`], refreshed by [`sync`] and searched instantly
//! by [`search`].

pub mod api_source;
mod catalog;
pub mod fold;
pub mod search;
pub mod source;
pub mod sync;

use serde::{Deserialize, Serialize};

pub use api_source::ApiNomenclatureSource;
pub use catalog::Catalog;
pub use search::{Index, SearchError};
pub use source::{NomenclatureSource, SourceError, SourceErrorKind};
pub use sync::{
    Clock, PartFailure, PartSuccess, ProgressStage, RetryPolicy, SyncOptions, SyncProgress,
    SyncSummary,
};

use crate::messages::{ListKind, Message};

/// A country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    /// The API's identifier (a string in the published sample: `"1"`).
    pub id: String,
    /// Display name, as the API spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
}

/// A Romanian county (județ), Bucharest included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct County {
    /// Plate/county code: `CJ`, `B`.
    pub code: String,
    /// Display name, as stored (cedilla letters kept: `BRAŞOV`).
    pub name: String,
    /// The county's SIRUTA code.
    pub siruta: u32,
}

/// A locality (municipality, town, village or Bucharest sector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Locality {
    /// The locality's SIRUTA code.
    pub siruta: u32,
    /// Display name, as stored.
    pub name: String,
    /// The code of the county it belongs to.
    pub county_code: String,
    /// 1 municipality or Bucharest sector, 2 town, 3 village; lower is more important.
    pub rank: Option<u8>,
}

/// A vehicle make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VehicleMake {
    /// Display name: `DACIA`.
    pub name: String,
}

/// A vehicle model of one make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VehicleModel {
    /// The make's name.
    pub make: String,
    /// Display name: `LOGAN`.
    pub name: String,
}

/// One independently synced list; its [`Part::key`] names it in `sync_state`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// All countries.
    Countries,
    /// All counties.
    Counties,
    /// The localities of one county (by county code).
    Localities(String),
    /// All vehicle makes.
    Makes,
    /// The models of one make (by make name).
    Models(String),
}

impl Part {
    /// The stable key stored in `sync_state`: `countries`, `localities:CJ`, `models:DACIA`.
    pub fn key(&self) -> String {
        match self {
            Self::Countries => "countries".into(),
            Self::Counties => "counties".into(),
            Self::Localities(county) => format!("localities:{county}"),
            Self::Makes => "makes".into(),
            Self::Models(make) => format!("models:{make}"),
        }
    }

    /// The part a `sync_state` key names, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "countries" => Some(Self::Countries),
            "counties" => Some(Self::Counties),
            "makes" => Some(Self::Makes),
            _ => match key.split_once(':')? {
                ("localities", county) => Some(Self::Localities(county.into())),
                ("models", make) => Some(Self::Models(make.into())),
                _ => None,
            },
        }
    }

    /// Which list this part belongs to.
    pub fn list(&self) -> ListKind {
        match self {
            Self::Countries => ListKind::Countries,
            Self::Counties => ListKind::Counties,
            Self::Localities(_) => ListKind::Localities,
            Self::Makes => ListKind::Makes,
            Self::Models(_) => ListKind::Models,
        }
    }

    /// The county or make code a part belongs to.
    fn of(&self) -> Option<&str> {
        match self {
            Self::Localities(code) | Self::Models(code) => Some(code),
            _ => None,
        }
    }

    /// The label for progress lines ("Localități — CLUJ"). `name` is the county or make
    /// name when known; the code is used otherwise.
    pub fn label(&self, name: Option<&str>) -> Message {
        Message::ListLabel {
            list: self.list(),
            of: self.of().map(|code| name.unwrap_or(code).to_owned()),
        }
    }

    /// What to tell the agent when this list was never downloaded for the environment.
    pub fn never_synced(&self) -> Message {
        Message::ListNeverSynced {
            list: self.list(),
            of: self.of().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_keys_round_trip() {
        let parts = [
            Part::Countries,
            Part::Counties,
            Part::Localities("CJ".into()),
            Part::Makes,
            Part::Models("MERCEDES-BENZ".into()),
        ];
        for p in parts {
            assert_eq!(Part::from_key(&p.key()), Some(p.clone()), "{}", p.key());
        }
        assert_eq!(Part::Localities("CJ".into()).key(), "localities:CJ");
        assert_eq!(Part::from_key("drafts"), None);
        assert_eq!(Part::from_key("quotes:1"), None);
    }

    #[test]
    fn never_synced_names_the_list_and_its_code() {
        assert_eq!(
            Part::Localities("CJ".into()).never_synced(),
            Message::ListNeverSynced {
                list: ListKind::Localities,
                of: Some("CJ".into())
            }
        );
        assert_eq!(
            Part::Makes.never_synced(),
            Message::ListNeverSynced {
                list: ListKind::Makes,
                of: None
            }
        );
    }

    #[test]
    fn labels_prefer_names_over_codes() {
        let label = |part: Part, name| match part.label(name) {
            Message::ListLabel { of, .. } => of,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            label(Part::Localities("CJ".into()), Some("CLUJ")),
            Some("CLUJ".into())
        );
        assert_eq!(
            label(Part::Localities("CJ".into()), None),
            Some("CJ".into())
        );
        assert_eq!(label(Part::Makes, Some("x")), None);
    }
}

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

use crate::messages::Language;

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

    /// A short label for progress lines: "Localități — CLUJ". `name` is the county or make name
    /// when known; the code is used otherwise.
    pub fn label(&self, name: Option<&str>, lang: Language) -> String {
        let ro = lang == Language::Ro;
        match self {
            Self::Countries => if ro { "Țări" } else { "Countries" }.into(),
            Self::Counties => if ro { "Județe" } else { "Counties" }.into(),
            Self::Makes => if ro { "Mărci auto" } else { "Vehicle makes" }.into(),
            Self::Localities(code) => {
                let shown = name.unwrap_or(code);
                if ro {
                    format!("Localități — {shown}")
                } else {
                    format!("Localities — {shown}")
                }
            }
            Self::Models(make) => {
                let shown = name.unwrap_or(make);
                if ro {
                    format!("Modele — {shown}")
                } else {
                    format!("Models — {shown}")
                }
            }
        }
    }

    /// What to tell the agent when this list was never downloaded for the environment.
    pub fn never_synced_text(&self, lang: Language) -> String {
        let what = match (self, lang) {
            (Self::Countries, Language::Ro) => "Lista de țări".to_owned(),
            (Self::Counties, Language::Ro) => "Lista de județe".to_owned(),
            (Self::Makes, Language::Ro) => "Lista de mărci auto".to_owned(),
            (Self::Localities(c), Language::Ro) => {
                format!("Lista de localități pentru județul {c}")
            }
            (Self::Models(m), Language::Ro) => format!("Lista de modele pentru marca {m}"),
            (Self::Countries, Language::En) => "The list of countries".to_owned(),
            (Self::Counties, Language::En) => "The list of counties".to_owned(),
            (Self::Makes, Language::En) => "The list of vehicle makes".to_owned(),
            (Self::Localities(c), Language::En) => format!("The list of localities for county {c}"),
            (Self::Models(m), Language::En) => format!("The list of models for make {m}"),
        };
        match lang {
            Language::Ro => format!(
                "{what} nu a fost încă descărcată. Conectați-vă și apăsați «Sincronizează acum»."
            ),
            Language::En => {
                format!("{what} has not been downloaded yet. Connect and press “Sync now”.")
            }
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
    fn never_synced_text_tells_the_agent_what_to_do() {
        let ro = Part::Localities("CJ".into()).never_synced_text(Language::Ro);
        assert_eq!(
            ro,
            "Lista de localități pentru județul CJ nu a fost încă descărcată. \
             Conectați-vă și apăsați «Sincronizează acum»."
        );
        let en = Part::Models("DACIA".into()).never_synced_text(Language::En);
        assert!(
            en.contains("models for make DACIA") && en.contains("Sync now"),
            "{en}"
        );
    }

    #[test]
    fn labels_prefer_names_over_codes() {
        assert_eq!(
            Part::Localities("CJ".into()).label(Some("CLUJ"), Language::Ro),
            "Localități — CLUJ"
        );
        assert_eq!(
            Part::Localities("CJ".into()).label(None, Language::En),
            "Localities — CJ"
        );
        assert_eq!(Part::Makes.label(None, Language::Ro), "Mărci auto");
    }
}

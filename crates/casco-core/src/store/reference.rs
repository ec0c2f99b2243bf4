//! The reference lists as the store keeps them: one row type per list, and the parts they
//! are synced and stored in. The domain's search and sync (`crate::nomenclature`) build on
//! these; the store never reaches up to them.

use serde::{Deserialize, Serialize};

use crate::messages::ListKind;

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
    pub fn of(&self) -> Option<&str> {
        match self {
            Self::Localities(code) | Self::Models(code) => Some(code),
            _ => None,
        }
    }
}

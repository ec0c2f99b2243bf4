//! Reference data: countries, counties, localities, vehicle makes and models.
//!
//! Field names differ between the published spec and what the API sends; both
//! spellings decode, and encoding uses one normalised spelling.

use crate::lenient;
use serde::{Deserialize, Serialize};

/// A country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// Numeric id (string or number on the wire).
    #[serde(with = "lenient::text")]
    pub id: String,
    /// Name, e.g. "GRECIA".
    pub name: String,
    /// ISO 3166 alpha-2.
    pub iso2: String,
    /// ISO 3166 alpha-3.
    pub iso3: String,
}

/// A Romanian county (județ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct County {
    /// Plate code, e.g. "CJ" (`county_code` in the spec, `code` in practice).
    #[serde(rename = "code", alias = "county_code")]
    pub code: String,
    /// Name, e.g. "CLUJ".
    pub name: String,
    /// County SIRUTA code (string or number on the wire).
    #[serde(with = "lenient::uint")]
    pub siruta: u64,
}

/// How a host reads the county parameter of the locality list. The published page types it
/// as an integer county code, while its sample answers with plate codes ("CJ"); a host may
/// take either reading, and answers an empty list for the one it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum CountyParameter {
    /// The county's plate code, "CJ" (what the page's sample answers with).
    #[default]
    PlateCode,
    /// The county's SIRUTA code, an integer (what the page's parameter type says).
    SirutaCode,
}

impl CountyParameter {
    /// The parameter's value for `county` under this reading.
    pub fn value(self, county: &County) -> String {
        match self {
            CountyParameter::PlateCode => county.code.clone(),
            CountyParameter::SirutaCode => county.siruta.to_string(),
        }
    }

    /// The other reading.
    pub fn other(self) -> CountyParameter {
        match self {
            CountyParameter::PlateCode => CountyParameter::SirutaCode,
            CountyParameter::SirutaCode => CountyParameter::PlateCode,
        }
    }
}

/// A locality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locality {
    /// Name (`nume` or `name`).
    #[serde(alias = "nume")]
    pub name: String,
    /// County plate code (`cod_judet` or `countyCode`).
    #[serde(rename = "countyCode", alias = "cod_judet")]
    pub county_code: String,
    /// SIRUTA code (`cod_siruta` or `siruta`; string or number).
    #[serde(alias = "cod_siruta", with = "lenient::uint")]
    pub siruta: u64,
    /// Rank: 1 municipality, 2 town, 3 other (lower = more important); not always sent.
    #[serde(
        rename = "rang",
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_uint"
    )]
    pub rank: Option<u64>,
}

/// A vehicle make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleMake {
    /// Make name as the API spells it, e.g. "alfa-romeo".
    pub name: String,
}

/// A vehicle model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleModel {
    /// Model name, e.g. "750".
    pub name: String,
}

//! Reference data the sandbox serves, embedded from `data/*.json` at build time.

use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A country of `data/countries.json`.
#[derive(Debug, Deserialize)]
pub struct Country {
    pub id: String,
    pub name: String,
    pub iso2: String,
    pub iso3: String,
}

/// Romania's counties and localities, from `data/ro-siruta.json`: what the county and
/// locality routes serve, and (through [`crate::siruta`]) the data casco-core's tests and
/// benchmarks search.
#[derive(Debug, Deserialize)]
pub struct Siruta {
    /// Where the data comes from and under which licence (SIRUTA via django-siruta,
    /// BSD-2-Clause), with the meaning of `rank`; kept with the data it credits.
    pub source: String,
    /// The 42 counties, Bucharest included.
    pub counties: Vec<SirutaCounty>,
    /// Every locality of every county (13,755).
    pub localities: Vec<SirutaLocality>,
}

/// A county.
#[derive(Debug, Deserialize)]
pub struct SirutaCounty {
    /// Plate code, e.g. `CJ`, `B`.
    pub code: String,
    /// Upper-case name with the source's diacritics, e.g. `ARGEŞ`.
    pub name: String,
    /// The county's SIRUTA code.
    pub siruta: u32,
}

/// A locality.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SirutaLocality {
    /// The locality's SIRUTA code.
    pub siruta: u32,
    /// Upper-case name, with the source's cedilla letters (Ş, Ţ).
    pub name: String,
    /// Plate code of its county.
    pub county_code: String,
    /// 1 municipality or Bucharest sector, 2 town, 3 any other locality (village etc.).
    pub rank: u8,
}

/// A make of `data/vehicles.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Make {
    /// Slug as the API spells makes ("alfa-romeo").
    pub name: String,
    pub display_name: String,
    pub models: Vec<Model>,
}

/// A model with its engine variants.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    pub name: String,
    pub vehicle_type: String,
    pub variants: Vec<Variant>,
}

/// An engine variant.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Variant {
    pub code: String,
    pub trim: String,
    pub fuel_type: String,
    pub engine_displacement: u32,
    pub engine_power: u32,
    pub production_start: i32,
    pub production_end: Option<i32>,
    pub new_value_eur: u32,
}

/// Pricing parameters of one insurer (`data/pricing.json`); percentages as decimals.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pricing {
    pub base_rate_percent: Decimal,
    pub minimum_premium_ron: Decimal,
    pub age_loading_percent_per_year: Decimal,
    pub max_age_years: u32,
    /// Ascending by `fromKw`; the highest band not above the engine applies.
    pub engine_power_loading: Vec<PowerBand>,
    pub diesel_loading_percent: Decimal,
    pub usage_loading_percent: BTreeMap<String, Decimal>,
    pub partial_deductible_discount_percent_per_100_ron: Decimal,
    pub total_deductible_discount_percent_per_point: Decimal,
    pub max_deductible_discount_percent: Decimal,
    pub installment_surcharge_percent: BTreeMap<String, Decimal>,
    pub young_driver_loading_percent: Decimal,
    pub senior_driver_loading_percent: Decimal,
    pub bonus_step_percent: Decimal,
    pub malus_step_percent: Decimal,
    pub legal_entity_loading_percent: Decimal,
    pub identifier_prefix: String,
    /// How this insurer spells vehicle identifiers.
    pub identifier_style: IdentifierStyle,
    pub policy_series: String,
    pub notes: String,
}

/// Vehicle identifier spelling: an opaque base64 token (as in the published sample) or a
/// readable code with the insurer's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IdentifierStyle {
    Opaque,
    Prefixed,
}

/// Loading for engines from `fromKw` up.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PowerBand {
    pub from_kw: u32,
    pub percent: Decimal,
}

#[derive(Deserialize)]
struct CountriesFile {
    countries: Vec<Country>,
}

#[derive(Deserialize)]
struct VehiclesFile {
    makes: Vec<Make>,
}

// The files are part of the crate and tests load each of them: a parse failure here is a
// build defect, not a runtime condition.
fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("embedded data/{name} is invalid: {e}"))
}

/// All countries.
pub fn countries() -> &'static [Country] {
    static DATA: OnceLock<Vec<Country>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse::<CountriesFile>("countries.json", include_str!("../data/countries.json")).countries
    })
}

/// Counties and localities, parsed once.
pub fn siruta() -> &'static Siruta {
    static DATA: OnceLock<Siruta> = OnceLock::new();
    DATA.get_or_init(|| parse("ro-siruta.json", include_str!("../data/ro-siruta.json")))
}

/// The vehicle catalogue.
pub fn makes() -> &'static [Make] {
    static DATA: OnceLock<Vec<Make>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse::<VehiclesFile>("vehicles.json", include_str!("../data/vehicles.json")).makes
    })
}

/// Pricing by insurer key.
pub fn pricing() -> &'static BTreeMap<String, Pricing> {
    static DATA: OnceLock<BTreeMap<String, Pricing>> = OnceLock::new();
    DATA.get_or_init(|| parse("pricing.json", include_str!("../data/pricing.json")))
}

/// The make whose slug or display name matches, ignoring case, spaces and dashes.
pub fn find_make(name: &str) -> Option<&'static Make> {
    let wanted = fold(name);
    makes()
        .iter()
        .find(|m| fold(&m.name) == wanted || fold(&m.display_name) == wanted)
}

/// Lower-case, without spaces, dashes or dots: "Mercedes Benz" = "mercedes-benz".
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_is_complete() {
        assert!(countries().len() >= 240);
        assert!(countries()
            .iter()
            .any(|c| c.name == "GRECIA" && c.iso3 == "GRC"));
        assert_eq!(siruta().counties.len(), 42);
        assert_eq!(siruta().localities.len(), 13_755);
        // The attribution travels with the data (BSD-2-Clause asks for it).
        let source = &siruta().source;
        assert!(
            source.contains("django-siruta") && source.contains("BSD-2-Clause"),
            "{source}"
        );
        assert!(makes().len() >= 40);
        assert!(makes().iter().map(|m| m.models.len()).sum::<usize>() >= 400);
        for key in [
            "generali",
            "groupama",
            "eazy_insure",
            "allianz",
            "omniasig",
            "asirom",
            "grawe",
            "uniqa",
            "signal_iduna",
            "axeria",
        ] {
            assert!(pricing().contains_key(key), "pricing for {key}");
            assert!(
                casco_api::insurers::find(key).is_some(),
                "catalogue entry for {key}"
            );
        }
        let dacia = find_make("DACIA").unwrap();
        for model in ["Logan", "Sandero", "Duster", "Spring", "Jogger"] {
            assert!(
                dacia.models.iter().any(|m| m.name == model),
                "Dacia {model}"
            );
        }
        assert!(find_make("Mercedes Benz").is_some());
    }
}

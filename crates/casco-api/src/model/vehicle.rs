//! The vehicle: its mechanical data (also the body of `POST /vehicle/identification`)
//! and the registration data a quote needs.

use super::Person;
use crate::lenient;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Vehicle category (EU type-approval classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[allow(missing_docs)]
pub enum VehicleType {
    M1,
    M1G,
    M2,
    M2G,
    M3,
    M3G,
    N1,
    N1G,
    N2,
    N2G,
    N3,
    N3G,
    O1,
    O2,
    O3,
    O4,
    L1e,
    L2e,
    L3e,
    L4e,
    L5e,
    L6e,
    L7e,
    T,
    C,
    R,
    S,
}

/// Fuel type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum FuelType {
    Petrol,
    Diesel,
    Electric,
    Hybrid,
    Lpg,
    None,
}

/// Body colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Color {
    White,
    Blue,
    Yellow,
    Gray,
    Brown,
    Black,
    Orange,
    Red,
    Green,
    Purple,
}

/// Mechanical data of a vehicle: the identification request, and the first half of a
/// quote's `product.vehicle`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleSpecs {
    /// VIN (serie șasiu).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vin: Option<String>,
    /// Engine series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motor_series: Option<String>,
    /// Category.
    pub vehicle_type: VehicleType,
    /// Make.
    pub brand: String,
    /// Model.
    pub model: String,
    /// Year of manufacture.
    pub year_of_construction: u16,
    /// Engine displacement (cm³).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_displacement: Option<u32>,
    /// Engine power (kW).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_power: Option<u32>,
    /// Maximum authorised mass (kg).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_weight: Option<u32>,
    /// Seats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// Fuel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel_type: Option<FuelType>,
    /// Mileage (km).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_mileage: Option<u32>,
    /// Colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Market value; a string like "100000.00" in the samples.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_money_str"
    )]
    pub market_value: Option<Decimal>,
}

/// `product.vehicle` of a quote: mechanical data plus registration and ownership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vehicle {
    /// Mechanical data (flattened into the same object).
    #[serde(flatten)]
    pub specs: VehicleSpecs,
    /// The vehicle's usual user (by default the policyholder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<Person>,
    /// Insurer-specific identifier from vehicle identification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Registration plate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_plate: Option<String>,
    /// "registered", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_type: Option<String>,
    /// First registration date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_registration: Option<NaiveDate>,
    /// "personal", "taxi", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_type: Option<String>,
    /// Registration certificate (CIV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identification: Option<VehicleDocument>,
    /// Number of keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_number: Option<u32>,
    /// Periodic technical inspection (ITP) expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pti_expiry_date: Option<NaiveDate>,
    /// Road vignette (rovinietă) expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vignette_expiry_date: Option<NaiveDate>,
    /// Adapted for disabled drivers; a JSON boolean in the samples.
    #[serde(default, with = "lenient::json_bool")]
    pub has_mobility_modifications: bool,
    /// Leased.
    #[serde(default, with = "lenient::json_bool")]
    pub is_leased: bool,
    /// New vehicle.
    #[serde(default, with = "lenient::json_bool")]
    pub is_new: bool,
    /// Ownership transfer.
    #[serde(default, with = "lenient::json_bool")]
    pub is_owner_transfer: bool,
}

/// Vehicle registration certificate (CIV).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleDocument {
    /// CIV series and number.
    pub id_number: String,
}

/// One insurer's match for a vehicle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifiedVehicle {
    /// Identifier to send back as `product.vehicle.identifier` when quoting that insurer.
    pub identifier: String,
    /// The insurer's model name.
    pub model_name: String,
    /// Production start, "YYYY-MM".
    pub production_start_date: String,
    /// Production end, "YYYY-MM" (absent while in production).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_end_date: Option<String>,
    /// The insurer's market value (number or string on the wire).
    #[serde(with = "lenient::money_num")]
    pub market_value: Decimal,
    /// Insurer-specific data, passed through as is.
    #[serde(default)]
    pub additional_data: serde_json::Value,
}

/// Identification result: insurer key → matches. Keys are matched in any letter case: a host
/// that answers `"Groupama"` or `"GROUPAMA"` means the catalogue's `groupama`, so keys are
/// lower-cased as they are read (matches under two spellings of one key are merged).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Identifications(BTreeMap<String, Vec<IdentifiedVehicle>>);

impl Identifications {
    /// The matches of one insurer, by its catalogue key in any case.
    pub fn of(&self, insurer: &str) -> Option<&Vec<IdentifiedVehicle>> {
        self.0.get(&insurer.to_lowercase())
    }

    /// Every insurer's matches, by lower-case key.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<IdentifiedVehicle>)> {
        self.0.iter()
    }

    /// Every insurer's matches.
    pub fn values(&self) -> impl Iterator<Item = &Vec<IdentifiedVehicle>> {
        self.0.values()
    }

    /// How many insurers answered.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no insurer answered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Identifications {
    type Output = Vec<IdentifiedVehicle>;

    /// The matches of `insurer` (any case); panics when it did not answer, like a map.
    fn index(&self, insurer: &str) -> &Self::Output {
        self.of(insurer)
            .unwrap_or_else(|| panic!("no identification for {insurer}"))
    }
}

impl FromIterator<(String, Vec<IdentifiedVehicle>)> for Identifications {
    fn from_iter<I: IntoIterator<Item = (String, Vec<IdentifiedVehicle>)>>(items: I) -> Self {
        let mut by_key: BTreeMap<String, Vec<IdentifiedVehicle>> = BTreeMap::new();
        for (key, matches) in items {
            by_key
                .entry(key.to_lowercase())
                .or_default()
                .extend(matches);
        }
        Identifications(by_key)
    }
}

impl<'de> Deserialize<'de> for Identifications {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = BTreeMap::<String, Vec<IdentifiedVehicle>>::deserialize(d)?;
        Ok(raw.into_iter().collect())
    }
}

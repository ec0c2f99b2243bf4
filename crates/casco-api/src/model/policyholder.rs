//! The policyholder and the vehicle's user: the same person shape in both places.

use crate::lenient;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person or company: `product.policyholder` and `product.vehicle.user`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Company (true) or natural person; the samples send it as a string.
    #[serde(with = "lenient::str_bool")]
    pub is_legal_entity: bool,
    /// Company name (legal entities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    /// Trade registry number (legal entities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_registry_number: Option<String>,
    /// CAEN activity code (legal entities).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caen_code: Option<u32>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Foreign citizen; a JSON boolean in the samples.
    #[serde(default, with = "lenient::json_bool")]
    pub is_foreign_person: bool,
    /// CNP, CUI/CIF or foreign tax id.
    pub tax_id: String,
    /// Nationality (ISO2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// Citizenship (ISO2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
    /// "m" or "f".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<NaiveDate>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_number: Option<String>,
    /// Driving licence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driving_license: Option<DrivingLicense>,
    /// Identity document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identification: Option<PersonIdentification>,
    /// Postal address.
    pub address: Address,
    /// Person with disabilities; a JSON boolean in the samples.
    #[serde(default, with = "lenient::json_bool")]
    pub has_disability: bool,
    /// Retired; a JSON boolean in the samples.
    #[serde(default, with = "lenient::json_bool")]
    pub is_retired: bool,
    /// Residency, e.g. "resident in Romania".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency: Option<String>,
    /// Politically exposed person answer, e.g. "no".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub political_exposure: Option<String>,
}

/// Driving licence data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DrivingLicense {
    /// Date the licence was first obtained.
    pub issue_date: NaiveDate,
}

/// Identity document of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonIdentification {
    /// CI, BI, PAS, ...
    pub id_type: String,
    /// Series and number.
    pub id_number: String,
    /// Issuing authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_authority: Option<String>,
    /// Issue date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<NaiveDate>,
}

/// Postal address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Country (ISO2).
    pub country: String,
    /// County name.
    pub county: String,
    /// Locality name.
    pub city: String,
    /// Locality SIRUTA code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_code: Option<u32>,
    /// Street.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<String>,
    /// Building (bloc).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    /// Staircase (scară).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staircase: Option<String>,
    /// Apartment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apartment: Option<String>,
    /// Floor (etaj).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

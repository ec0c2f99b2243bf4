//! The closed sets of the quote wizard (selects and radio buttons), spelled as the request
//! spells them. Where the published sample shows only one value, the other spellings are our
//! reading and say so.

use serde::{Deserialize, Serialize};

/// Persoană fizică or persoană juridică.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum PartyKind {
    /// A natural person.
    #[default]
    Person,
    /// A company (legal entity).
    Company,
}

/// Sex, as encoded in the CNP and sent as "m"/"f".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum Gender {
    /// Male.
    #[serde(rename = "m")]
    M,
    /// Female.
    #[serde(rename = "f")]
    F,
}

impl Gender {
    /// The request's spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::M => "m",
            Self::F => "f",
        }
    }
}

/// Identity document type. Only "CI" appears in the published sample; the other spellings
/// are our reading of the insurers' usual codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum IdDocumentType {
    /// Carte de identitate.
    #[serde(rename = "CI")]
    IdentityCard,
    /// Buletin de identitate (old booklet).
    #[serde(rename = "BI")]
    IdentityBooklet,
    /// Pașaport.
    #[serde(rename = "PAS")]
    Passport,
    /// Permis de ședere.
    #[serde(rename = "PS")]
    ResidencePermit,
}

impl IdDocumentType {
    /// The request's spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::IdentityCard => "CI",
            Self::IdentityBooklet => "BI",
            Self::Passport => "PAS",
            Self::ResidencePermit => "PS",
        }
    }
}

/// Residency; the sample sends "resident in Romania" (the other spelling is ours).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Residency {
    /// Rezident în România.
    #[default]
    Resident,
    /// Nerezident.
    NonResident,
}

impl Residency {
    /// The request's spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Resident => "resident in Romania",
            Self::NonResident => "non-resident",
        }
    }
}

/// Tip înmatriculare. Only "registered" appears in the published sample; the others are our
/// spelling. Decides which plate form is accepted and whether the start date may be today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum RegistrationType {
    /// Înmatriculat (Romanian plate).
    #[default]
    Registered,
    /// În vederea înmatriculării (plate not issued yet).
    ForRegistration,
    /// Înregistrat (mopeds, tractors: recorded at the town hall).
    Recorded,
    /// Provizoriu (temporary plate).
    Temporary,
    /// Înmatriculat în străinătate (foreign plate).
    Foreign,
}

impl RegistrationType {
    /// The request's spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::ForRegistration => "for-registration",
            Self::Recorded => "recorded",
            Self::Temporary => "temporary",
            Self::Foreign => "foreign",
        }
    }
}

/// Mod de utilizare; the spellings the sandbox's pricing knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum UsageType {
    /// Personal.
    #[default]
    Personal,
    /// Taxi.
    Taxi,
    /// Rent-a-car.
    RentACar,
    /// Ridesharing.
    Ridesharing,
    /// Școală de șoferi.
    DrivingSchool,
    /// Leasing.
    Leasing,
}

impl UsageType {
    /// The request's spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Taxi => "taxi",
            Self::RentACar => "rent-a-car",
            Self::Ridesharing => "ridesharing",
            Self::DrivingSchool => "driving-school",
            Self::Leasing => "leasing",
        }
    }
}

/// Tip contract leasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum LeasingContractType {
    /// Financiar.
    Financial,
    /// Operațional.
    Operational,
}

impl LeasingContractType {
    /// The request's spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Financial => "financial",
            Self::Operational => "operational",
        }
    }
}

// Category, fuel and colour are the request model's own enums (casco_api::model), so the
// draft and the payload cannot drift apart.
pub use casco_api::model::{Color, Currency, FuelType, VehicleType};

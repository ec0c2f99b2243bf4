//! The quote request: `POST /offer` with `{provider, product}`.

use super::{Person, PolicyNumber, Vehicle};
use crate::{lenient, secret, Secret};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Body of `POST /offer`: one insurer (provider) and the product to quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRequest {
    /// The insurer and the broker's credentials with it.
    pub provider: Provider,
    /// What to insure.
    pub product: Product,
}

/// The insurer to quote and the broker's account with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    /// Insurer identity (`businessName` is the insurer key, e.g. "groupama").
    pub organization: Organization,
    /// The broker's credentials with this insurer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<ProviderAuthentication>,
}

/// Insurer identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    /// Insurer key, e.g. "generali", "groupama".
    pub business_name: String,
}

/// The broker's credentials with one insurer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderAuthentication {
    /// Account at the insurer.
    pub account: String,
    /// Password at the insurer (redacted in Debug; sent only in the request body).
    #[serde(serialize_with = "secret::serialize_exposed")]
    pub password: Secret<String>,
    /// Optional extra code some insurers hand out; a credential like the password (redacted
    /// in Debug, sent only in the request body, never stored).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "secret::serialize_exposed_opt"
    )]
    pub code: Option<Secret<String>>,
}

/// The product to quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// Product name at the insurer ("casco", "casco-leasing").
    pub name: String,
    /// Cover period, payment and deductibles.
    pub motor: Motor,
    /// Coverages asked for.
    #[serde(default)]
    pub coverages: Vec<Coverage>,
    /// The policyholder (asigurat).
    pub policyholder: Person,
    /// The insured vehicle.
    pub vehicle: Vehicle,
    /// Insurer-specific extras.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_data: Option<AdditionalData>,
}

/// A currency the API and the app deal in: of an offer, a policy, a quote's insured sum,
/// the agent's default. The one currency type of the workspace.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, specta::Type,
)]
pub enum Currency {
    /// Romanian leu.
    #[default]
    #[serde(rename = "RON")]
    Ron,
    /// Euro.
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// ISO code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Ron => "RON",
            Currency::Eur => "EUR",
        }
    }
}

/// Cover period, payment plan and deductibles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Motor {
    /// First day of cover.
    pub start_date: NaiveDate,
    /// Cover period in months.
    pub term_time: u32,
    /// Number of installments: 1, 2, 4 or 12.
    pub installment_count: u32,
    /// Currency asked for.
    pub currency: Currency,
    /// Policy this one renews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renew_policy: Option<RenewPolicy>,
    /// Free-text mentions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions: Option<String>,
    /// Quote without taxes; a string boolean in the samples.
    #[serde(default, with = "lenient::str_bool")]
    pub without_tax: bool,
    /// Deductibles (franșize).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductibles: Option<Deductibles>,
}

/// The policy being renewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewPolicy {
    /// Policy series.
    pub series: String,
    /// Policy number.
    pub number: PolicyNumber,
}

/// Deductibles: partial damage is an amount, total damage a percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deductibles {
    /// Amount deducted from each partial-damage claim.
    #[serde(with = "lenient::money_num")]
    pub partial_damage: Decimal,
    /// Percentage deducted from a total-damage claim.
    #[serde(with = "lenient::money_num")]
    pub total_damage: Decimal,
}

/// One coverage asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// Included or not; a JSON boolean in the samples.
    #[serde(with = "lenient::json_bool")]
    pub is_included: bool,
    /// Coverage code, e.g. "vehicle".
    pub code: String,
    /// Insured sum.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_money_num"
    )]
    pub insured_sum: Option<Decimal>,
}

/// Insurer-specific extras (`product.additionalData`); booleans are strings in the samples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdditionalData {
    /// RAF code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raf_code: Option<String>,
    /// Filter packages.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub filter_packages: Option<bool>,
    /// Leasing contract data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motor: Option<AdditionalMotor>,
    /// Vehicle extras.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vehicle: Option<AdditionalVehicle>,
    /// Cash settlement agreement.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub special_accord_cash_on_hand: Option<bool>,
    /// Repair in the partner network.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub partner_network_repair_agreement: Option<bool>,
    /// Covers minor children.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub covers_minor_children: Option<bool>,
    /// Personal accident plan, e.g. "SAFE".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_accidents_plan: Option<String>,
}

/// Leasing contract extras.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdditionalMotor {
    /// "financial" or "operational".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_type: Option<String>,
    /// Leasing contract number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leasing_contract_number: Option<String>,
}

/// Vehicle extras.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdditionalVehicle {
    /// The vehicle user's bonus-malus data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<AdditionalVehicleUser>,
    /// All-terrain vehicle.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub is_atv: Option<bool>,
    /// Extra equipment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment_description: Option<String>,
    /// Value of the extra equipment (a string in the samples).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_money_str"
    )]
    pub equipment_value: Option<Decimal>,
    /// Acquisition date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquisition_date: Option<NaiveDate>,
    /// First owner.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub is_first_owner: Option<bool>,
    /// Previously stolen.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub stolen_vehicle: Option<bool>,
    /// Constructive modifications.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub has_construction_changes: Option<bool>,
    /// Right-hand drive.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub wheel_on_the_right_side: Option<bool>,
}

/// Bonus-malus data of the vehicle's user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdditionalVehicleUser {
    /// Bonus-malus class, e.g. "B0", "B8", "M2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus_malus_class: Option<String>,
    /// Number of claims (a string in the samples).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_uint_str"
    )]
    pub bonus_malus_claims: Option<u64>,
    /// No drivers under 25.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "lenient::opt_str_bool"
    )]
    pub no_young_drivers: Option<bool>,
}

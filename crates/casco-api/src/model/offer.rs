//! Offers, policies and the files (PDFs) that come with them.

use super::{Currency, Provider};
use crate::lenient;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// `data` of `POST /offer`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffersData {
    /// The insurer that answered.
    pub provider: Provider,
    /// The product quoted.
    pub product: ProductRef,
    /// Offers (usually one per quote).
    pub offers: Vec<Offer>,
}

/// A product named in a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRef {
    /// Product name, e.g. "casco".
    pub name: String,
}

/// One offer from an insurer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    /// Id to download the PDF and to issue the policy.
    #[serde(with = "lenient::uint")]
    pub offer_id: u64,
    /// The insurer's own offer code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_offer_code: Option<String>,
    /// Total premium (primă).
    #[serde(with = "lenient::money_num")]
    pub premium_amount: Decimal,
    /// Currency of the premium.
    pub currency: Currency,
    /// Exchange rate used, for offers not in RON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_rate: Option<ExchangeRate>,
    /// Payment due now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<OfferPayment>,
    /// First day of cover.
    pub start_date: NaiveDate,
    /// Last day of cover.
    pub end_date: NaiveDate,
    /// Installment schedule.
    #[serde(default)]
    pub installments: Vec<Installment>,
    /// Coverages with notes.
    #[serde(default)]
    pub coverages: Vec<OfferCoverage>,
    /// Last day the offer can be issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_expiry_date: Option<NaiveDate>,
    /// Insurer's notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Exchange rate applied to an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeRate {
    /// Currency of `amount`.
    pub currency: Currency,
    /// Converted amount.
    #[serde(with = "lenient::money_num")]
    pub amount: Decimal,
    /// Rate.
    #[serde(with = "lenient::money_num")]
    pub exchange_rate: Decimal,
}

/// Amount to pay for an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferPayment {
    /// Currency.
    pub currency: Currency,
    /// Amount.
    #[serde(with = "lenient::money_num")]
    pub amount: Decimal,
}

/// One installment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Installment {
    /// 1-based installment number.
    #[serde(with = "lenient::uint")]
    pub id: u64,
    /// Amount due.
    #[serde(with = "lenient::money_num")]
    pub amount: Decimal,
    /// Due date (scadență).
    pub due_date: NaiveDate,
}

/// A coverage in an offer or policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferCoverage {
    /// Coverage code.
    pub code: String,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Body of `POST /policy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRequest {
    /// The offer to turn into a policy.
    #[serde(with = "lenient::uint")]
    pub offer_id: u64,
    /// How it was paid.
    pub payment: Payment,
}

/// Payment of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// "pos", "receipt", "broker receipt", "payment order", "broker payment order".
    pub method: String,
    /// Currency.
    pub currency: Currency,
    /// Amount paid.
    #[serde(with = "lenient::money_num")]
    pub amount: Decimal,
    /// Payment date.
    pub date: NaiveDate,
    /// Receipt or payment order number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
}

/// `data` of `POST /policy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoliciesData {
    /// Issued policies (one per offer).
    pub policies: Vec<Policy>,
}

/// An issued policy, read forgivingly: only the series and the number are required. A host
/// that leaves out the payment, the dates or the installments, or spells one of them in
/// another shape, still issued a policy; what could not be read is `None` (shown as unknown).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// The insurer.
    #[serde(
        default,
        deserialize_with = "lenient::forgiving::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub provider: Option<Provider>,
    /// The product.
    #[serde(
        default,
        deserialize_with = "lenient::forgiving::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub product: Option<ProductRef>,
    /// Broker-side policy id.
    #[serde(
        default,
        deserialize_with = "forgiving_uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub policy_id: Option<u64>,
    /// The insurer's own policy code.
    #[serde(
        default,
        deserialize_with = "forgiving_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub provider_policy_code: Option<String>,
    /// Policy series.
    #[serde(with = "lenient::text")]
    pub series: String,
    /// Policy number (a string here, an integer elsewhere).
    pub number: PolicyNumber,
    /// Payment recorded.
    #[serde(
        default,
        deserialize_with = "lenient::forgiving::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub payment: Option<Payment>,
    /// First day of cover.
    #[serde(
        default,
        deserialize_with = "lenient::forgiving::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_date: Option<NaiveDate>,
    /// Last day of cover.
    #[serde(
        default,
        deserialize_with = "lenient::forgiving::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_date: Option<NaiveDate>,
    /// Total premium.
    #[serde(
        default,
        deserialize_with = "forgiving_amount",
        serialize_with = "lenient::opt_money_num::serialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub premium_amount: Option<Decimal>,
    /// Currency.
    #[serde(
        default,
        deserialize_with = "lenient::forgiving::deserialize",
        skip_serializing_if = "Option::is_none"
    )]
    pub currency: Option<Currency>,
    /// Installment schedule (items that cannot be read are left out).
    #[serde(default, deserialize_with = "lenient::forgiving::list")]
    pub installments: Vec<Installment>,
    /// Coverages (items that cannot be read are left out).
    #[serde(default, deserialize_with = "lenient::forgiving::list")]
    pub coverages: Vec<OfferCoverage>,
    /// Notes.
    #[serde(
        default,
        deserialize_with = "forgiving_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub notes: Option<String>,
}

fn forgiving_uint<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(lenient::forgiving::deserialize::<D, lenient::AnyUint>(d)?.map(|n| n.0))
}

fn forgiving_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    Ok(lenient::forgiving::deserialize::<D, lenient::AnyAmount>(d)?.map(|a| a.0))
}

fn forgiving_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(lenient::forgiving::deserialize::<D, AnyText>(d)?.map(|t| t.0))
}

/// Text in any of the API's spellings (a string or a number).
#[derive(Deserialize)]
struct AnyText(#[serde(with = "lenient::text")] String);

/// A policy number: the API sends it as a string in policies and as an integer in
/// `renewPolicy`. Kept as text (leading zeros survive); written as an integer when it is
/// one, the shape the request schema declares.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PolicyNumber(pub String);

impl fmt::Display for PolicyNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PolicyNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let canonical_integer = !self.0.starts_with('0') || self.0 == "0";
        match self.0.parse::<u64>() {
            Ok(n) if canonical_integer => s.serialize_u64(n),
            _ => s.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for PolicyNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = lenient::text::deserialize(d)?;
        if text.trim().is_empty() {
            return Err(de::Error::custom("empty policy number"));
        }
        Ok(PolicyNumber(text))
    }
}

/// `data` of the PDF routes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilesData {
    /// Files (one PDF).
    pub files: Vec<FileEntry>,
}

/// A file as the API sends it: base64 content.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileEntry {
    /// "offer" or "policy".
    #[serde(rename = "type")]
    pub kind: String,
    /// MIME type.
    pub mime_type: String,
    /// File name.
    pub name: String,
    /// Base64 content.
    pub content: String,
}

impl fmt::Debug for FileEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileEntry")
            .field("kind", &self.kind)
            .field("mime_type", &self.mime_type)
            .field("name", &self.name)
            .field("content_len", &self.content.len())
            .finish()
    }
}

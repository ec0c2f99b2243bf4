//! The sums the agent types, checked against what each insurer's catalogue says the vehicle is
//! worth (the identification answers): a market value or insured sum far from every catalogue
//! under-insures or over-insures the client, so the wizard warns under the field.

use std::str::FromStr;

use casco_api::model::{Currency, IdentifiedVehicle};
use rust_decimal::Decimal;

use super::draft::QuoteDraft;
use super::identification::{cached_identification, closest_variant};
use super::outcome::money;
use super::payload::build_vehicle_specs;
use crate::error::FieldErrors;
use crate::messages::{InsurerAmount, Message};
use crate::store::{DraftId, Store};

/// How far (a fraction) a typed sum may be from a catalogue value before the agent is warned.
const TOLERANCE: &str = "0.20";

/// Warnings under the market value and insured sum fields, from the draft's cached
/// identification (none before the vehicle was identified, or when nothing is far off).
/// A sum is compared with the catalogues in its own currency (the policy's).
pub fn catalogue_warnings(store: &Store, draft_id: DraftId, draft: &QuoteDraft) -> FieldErrors {
    let mut warnings = FieldErrors::new();
    let Ok(specs) = build_vehicle_specs(draft) else {
        return warnings;
    };
    let Some(answer) = cached_identification(store, draft_id, &specs) else {
        return warnings;
    };
    let currency = draft.cover.currency;
    let values: Vec<InsurerAmount> = casco_api::insurers::catalogue()
        .iter()
        .filter_map(|insurer| {
            let found = answer.of(&insurer.key)?;
            let chosen = draft.vehicle.identifiers.get(&insurer.key);
            let variant = chosen
                .and_then(|id| found.iter().find(|v| &v.identifier == id))
                .or_else(|| closest_variant(&specs, found).and_then(|i| found.get(i)))?;
            let value_currency = currency_of(variant).unwrap_or(insurer.offer_currency);
            (value_currency == currency).then(|| InsurerAmount {
                insurer: insurer.display_name.clone(),
                amount: money(variant.market_value),
                currency,
            })
        })
        .collect();
    for (path, typed) in [
        ("product.vehicle.marketValue", &draft.vehicle.market_value),
        ("product.coverages.0.insuredSum", &draft.cover.insured_sum),
    ] {
        let far = far_from(typed, &values);
        if !far.is_empty() {
            warnings.insert(path.into(), vec![Message::FarFromCatalogue { values: far }]);
        }
    }
    warnings
}

/// The catalogue values `typed` is more than [`TOLERANCE`] away from; none when `typed` is not
/// a number.
fn far_from(typed: &str, values: &[InsurerAmount]) -> Vec<InsurerAmount> {
    let Ok(typed) = Decimal::from_str(typed.trim().replace(',', ".").as_str()) else {
        return Vec::new();
    };
    let tolerance = Decimal::from_str(TOLERANCE).unwrap_or_default();
    values
        .iter()
        .filter(|v| {
            let catalogue = Decimal::from_str(&v.amount).unwrap_or_default();
            catalogue > Decimal::ZERO && ((typed - catalogue) / catalogue).abs() > tolerance
        })
        .cloned()
        .collect()
}

/// The currency an identification answer states for its market value, if any.
fn currency_of(variant: &IdentifiedVehicle) -> Option<Currency> {
    let code = variant.additional_data.get("currency")?.as_str()?;
    serde_json::from_value(serde_json::Value::String(code.to_uppercase())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(insurer: &str, amount: &str) -> InsurerAmount {
        InsurerAmount {
            insurer: insurer.into(),
            amount: amount.into(),
            currency: Currency::Ron,
        }
    }

    #[test]
    fn a_sum_more_than_a_fifth_off_is_named_with_the_catalogues_it_misses() {
        let values = [value("Generali", "26300.00"), value("Allianz", "9800.00")];
        let far = far_from("9500", &values);
        assert_eq!(far, [value("Generali", "26300.00")]);
        assert!(far_from("26000", &values[..1]).is_empty(), "within 20 %");
        assert_eq!(far_from("21000", &values[..1]).len(), 1, "20.2 % under");
        assert!(far_from("", &values).is_empty());
        assert!(far_from("abc", &values).is_empty());
    }
}

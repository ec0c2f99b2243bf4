//! Vehicle identification (wizard step 6): each insurer's variants of the agent's vehicle,
//! the closest one preselected, before offers are asked for.
//!
//! Answers are cached in the store per draft and per vehicle data sent, so moving back and
//! forth in the wizard never asks CascoApi the same question twice.

use casco_api::insurers::Insurer;
use casco_api::model::{Identifications, IdentifiedVehicle, VehicleSpecs};
use casco_api::{CallOptions, CascoClient};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::draft::QuoteDraft;
use super::outcome::money;
use super::payload::build_vehicle_specs;
use crate::api_errors::app_error;
use crate::error::AppError;
use crate::messages::Message;
use crate::store::{DraftId, Store};

pub use super::closest::closest_variant;

/// One variant an insurer offers for the vehicle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VariantView {
    /// The insurer's identifier, sent back as `product.vehicle.identifier` when quoting.
    pub identifier: String,
    /// The insurer's model name ("Toyota Corolla 1.5 TSI").
    pub model_name: String,
    /// Production years: "2017–2021", or "2017–" while still produced.
    pub production: String,
    /// The insurer's market value, decimal text with two decimals ("26500.00").
    pub market_value: String,
    /// Currency of the market value, when the answer states it.
    pub currency: Option<String>,
}

impl VariantView {
    /// The view of one identified variant.
    pub fn of(v: &IdentifiedVehicle) -> VariantView {
        VariantView {
            identifier: v.identifier.clone(),
            model_name: v.model_name.clone(),
            production: production(&v.production_start_date, v.production_end_date.as_deref()),
            market_value: money(v.market_value),
            currency: v
                .additional_data
                .get("currency")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
        }
    }
}

/// One insurer's variants, in the insurer's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InsurerVariants {
    /// Insurer key ("groupama").
    pub insurer: String,
    /// Name shown to the agent ("Groupama").
    pub display_name: String,
    /// Empty when the insurer did not recognise the vehicle.
    pub variants: Vec<VariantView>,
    /// Index into `variants` of the one closest to the agent's data (see [`closest_variant`]).
    pub closest: Option<u32>,
    /// The product this insurer is asked for, and why that one.
    pub product: Message,
}

/// The identification of the draft's vehicle with every enabled insurer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VehicleIdentification {
    /// One entry per insurer asked, in catalogue order.
    pub insurers: Vec<InsurerVariants>,
    /// True when the answer came from the local store and no request was sent.
    pub from_cache: bool,
}

/// Identifies the draft's vehicle with `insurers` (the enabled ones, catalogue order, which
/// decides who appears and in what order; an insurer absent from the answer appears with no
/// variants).
///
/// The answer is looked up in `store` by draft and vehicle data first: a hit is returned with
/// `from_cache: true` and nothing is sent. Otherwise CascoApi is asked and its answer kept.
/// A store that cannot be read or written is logged, not fatal: the agent still gets the
/// answer.
pub async fn identify_vehicle(
    client: &CascoClient,
    store: &Store,
    draft_id: DraftId,
    draft: &QuoteDraft,
    insurers: &[&'static Insurer],
    opts: CallOptions,
) -> Result<VehicleIdentification, AppError> {
    let specs = build_vehicle_specs(draft)
        .map_err(|fields| AppError::validation(Message::CannotIdentify, fields))?;
    let key = specs_key(&specs)?;
    let cached = store
        .cached_identification(draft_id, &key)
        .map_err(|e| log::warn!("identification cache of draft {draft_id} unreadable: {e}"))
        .ok()
        .flatten();
    if let Some(answer) = cached {
        return Ok(arrange(
            &specs,
            insurers,
            &answer,
            true,
            draft.vehicle.is_leased,
        ));
    }
    let answer = client
        .identify_vehicle(&specs, opts)
        .await
        .map_err(|e| app_error(&e))?;
    if let Err(e) = store.save_identification(draft_id, &key, &answer, chrono::Utc::now()) {
        log::warn!("identification of draft {draft_id} not cached: {e}");
    }
    Ok(arrange(
        &specs,
        insurers,
        &answer,
        false,
        draft.vehicle.is_leased,
    ))
}

/// The draft's identification answer from the store, for the vehicle data it holds now;
/// `None` when it was never identified (or the store cannot be read: logged).
pub(crate) fn cached_identification(
    store: &Store,
    draft_id: DraftId,
    specs: &VehicleSpecs,
) -> Option<Identifications> {
    let key = specs_key(specs).ok()?;
    store
        .cached_identification(draft_id, &key)
        .map_err(|e| log::warn!("identification cache of draft {draft_id} unreadable: {e}"))
        .ok()
        .flatten()
}

/// The cache key: the specs that say which model the vehicle is, as JSON with every object's
/// keys sorted, so the same vehicle always gives the same text whatever order a serializer
/// writes fields in. The market value, mileage and colour the agent types say nothing about
/// the model: leaving them out keeps the answer (and the catalogue values the typed sums are
/// checked against) when only they change.
fn specs_key(specs: &VehicleSpecs) -> Result<String, AppError> {
    let model_only = VehicleSpecs {
        market_value: None,
        current_mileage: None,
        color: None,
        ..specs.clone()
    };
    let value = serde_json::to_value(&model_only)
        .map_err(|e| AppError::internal(format!("vehicle specs not serializable: {e}")))?;
    Ok(canonical(value).to_string())
}

fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, canonical(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// The product `insurer` is asked for a vehicle that is (or is not) leased, in one line.
pub fn product_note(insurer: &Insurer, leased: bool) -> Message {
    match insurer.product_for(leased) {
        Some(choice) => Message::ProductChosen {
            product: choice.name.clone(),
            vehicles: choice.for_vehicles,
        },
        None => Message::NoProductFor { leased },
    }
}

fn arrange(
    specs: &VehicleSpecs,
    insurers: &[&'static Insurer],
    answer: &Identifications,
    from_cache: bool,
    leased: bool,
) -> VehicleIdentification {
    let insurers = insurers
        .iter()
        .map(|insurer| {
            let found = answer.of(&insurer.key).map_or(&[][..], Vec::as_slice);
            InsurerVariants {
                insurer: insurer.key.clone(),
                display_name: insurer.display_name.clone(),
                variants: found.iter().map(VariantView::of).collect(),
                closest: closest_variant(specs, found).and_then(|i| u32::try_from(i).ok()),
                product: product_note(insurer, leased),
            }
        })
        .collect();
    VehicleIdentification {
        insurers,
        from_cache,
    }
}

/// "2017–2021" from "2017-01" and "2021-12"; "2017–" without an end.
fn production(start: &str, end: Option<&str>) -> String {
    let year = |date: &str| {
        let date = date.trim();
        date.split('-').next().unwrap_or(date).to_owned()
    };
    format!("{}–{}", year(start), end.map(year).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use casco_api::model::{FuelType, VehicleType};
    use serde_json::json;

    fn identified(json: Value) -> IdentifiedVehicle {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn variants_show_years_and_money_as_text() {
        let v = VariantView::of(&identified(json!({
            "identifier": "X-1", "modelName": "Toyota Corolla 1.5 TSI",
            "productionStartDate": "2017-01", "productionEndDate": "2021-12",
            "marketValue": 26500, "additionalData": {"currency": "EUR"}
        })));
        assert_eq!(v.production, "2017–2021");
        assert_eq!(v.market_value, "26500.00");
        assert_eq!(v.currency.as_deref(), Some("EUR"));
        let open = VariantView::of(&identified(json!({
            "identifier": "X-2", "modelName": "Corolla", "productionStartDate": "2017-03",
            "marketValue": "18250.5"
        })));
        assert_eq!(open.production, "2017–");
        assert_eq!(open.market_value, "18250.50");
        assert_eq!(open.currency, None);
        let json = serde_json::to_value(&open).unwrap();
        assert_eq!(json["modelName"], "Corolla");
        assert_eq!(json["marketValue"], "18250.50");
    }

    #[test]
    fn an_incomplete_vehicle_reports_every_missing_field() {
        let fields = build_vehicle_specs(&QuoteDraft::default()).unwrap_err();
        for path in ["vehicleType", "brand", "model", "yearOfConstruction"] {
            assert!(
                fields.contains_key(&format!("product.vehicle.{path}")),
                "{path}: {fields:?}"
            );
        }
    }

    #[test]
    fn the_cache_key_is_stable_and_follows_the_data() {
        let mut d = QuoteDraft::default();
        d.vehicle.category = Some(VehicleType::M1);
        d.vehicle.make = " Toyota ".into();
        d.vehicle.model = "Corolla".into();
        d.vehicle.year = "2020".into();
        d.vehicle.fuel = Some(FuelType::Petrol);
        d.vehicle.market_value = "100000.00".into();
        let specs = build_vehicle_specs(&d).unwrap();
        assert_eq!(specs.brand, "Toyota");
        let key = specs_key(&specs).unwrap();
        assert_eq!(
            key,
            r#"{"brand":"Toyota","fuelType":"petrol","model":"Corolla","vehicleType":"M1","yearOfConstruction":2020}"#
        );
        d.vehicle.market_value = "9500".into();
        assert_eq!(specs_key(&build_vehicle_specs(&d).unwrap()).unwrap(), key);
        d.vehicle.year = "2021".into();
        assert_ne!(specs_key(&build_vehicle_specs(&d).unwrap()).unwrap(), key);
    }

    #[test]
    fn every_insurer_asked_appears_in_order_even_without_variants() {
        let catalogue = casco_api::insurers::catalogue();
        let asked: Vec<&'static Insurer> = vec![&catalogue[1], &catalogue[0]];
        // Keys in another letter case are the catalogue's keys.
        let answer: Identifications = [
            (
                catalogue[0].key.to_uppercase(),
                vec![identified(json!({
                    "identifier": "A", "modelName": "Toyota Corolla", "productionStartDate": "2017-01",
                    "marketValue": 1
                }))],
            ),
            ("not-asked".into(), Vec::new()),
        ]
        .into_iter()
        .collect();
        let specs: VehicleSpecs = serde_json::from_value(json!({
            "vehicleType": "M1", "brand": "Toyota", "model": "Corolla", "yearOfConstruction": 2020
        }))
        .unwrap();
        let view = arrange(&specs, &asked, &answer, true, false);
        assert!(view.from_cache);
        let keys: Vec<&str> = view.insurers.iter().map(|i| i.insurer.as_str()).collect();
        assert_eq!(keys, [catalogue[1].key.as_str(), catalogue[0].key.as_str()]);
        assert!(view.insurers[0].variants.is_empty());
        assert_eq!(view.insurers[0].closest, None);
        assert_eq!(view.insurers[1].closest, Some(0));
        assert_eq!(view.insurers[1].display_name, catalogue[0].display_name);
    }
}

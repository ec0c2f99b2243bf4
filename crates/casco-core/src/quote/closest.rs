//! Which of an insurer's identified variants is the agent's vehicle: the one the wizard
//! preselects, so the agent only has to confirm it.
//!
//! The real API documents `additionalData` as an opaque object, so every fact read from it is
//! optional, and the model name is searched for what `additionalData` does not say.

use std::str::FromStr;

use casco_api::model::{FuelType, IdentifiedVehicle, VehicleSpecs};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::fold::fold;

/// What an unknown engine figure costs: a variant that says nothing ranks behind one that
/// confirms the agent's data, but ahead of one that clearly contradicts it.
const UNKNOWN_FIGURE: u64 = 300;
/// A stated fuel different from the agent's.
const FUEL_MISMATCH: u64 = 500;
/// A model name that does not contain the agent's model.
const MODEL_MISMATCH: u64 = 1000;
/// A model name that does not contain the make: small, as insurers often leave it out.
const MAKE_MISMATCH: u64 = 100;

/// The index of the variant closest to `specs`; `None` only for an empty list.
///
/// Variants are ranked by two keys, the first deciding:
///
/// 1. **Year.** A production range (`productionStartDate`–`productionEndDate`, open when no
///    end) holding `yearOfConstruction` always wins; a range that cannot be read comes next;
///    then ranges outside the year, nearest first by the distance in years.
/// 2. **Penalty points** (hundredths of a point; lower is closer):
///    - engine displacement: 1 per cm³ of difference (one point per 100 cm³);
///    - engine power: 10 per kW of difference (one point per 10 kW);
///    - either figure comes from `additionalData.engineDisplacement` / `enginePower` (number
///      or numeric text), else from the model name ("1.5 TSI" → 1500 cm³, "110 kW"); when
///      the agent gave it but the variant does not say, it costs 300;
///    - fuel: 500 when `additionalData.fuelType` names another fuel, 250 when it is absent
///      (nothing when the agent gave no fuel);
///    - the model name (folded: case, diacritics and punctuation ignored) not containing
///      the model as whole words: 1000; not containing the make: 100.
///
/// Ties go to the first variant in the insurer's list.
pub fn closest_variant(specs: &VehicleSpecs, variants: &[IdentifiedVehicle]) -> Option<usize> {
    let wanted = Wanted::of(specs);
    variants
        .iter()
        .enumerate()
        .min_by_key(|(i, v)| (wanted.year_rank(v), wanted.penalty(v), *i))
        .map(|(i, _)| i)
}

/// The agent's data, folded once.
struct Wanted {
    year: i32,
    make: String,
    model: String,
    cc: Option<u32>,
    kw: Option<u32>,
    fuel: Option<&'static str>,
}

impl Wanted {
    fn of(specs: &VehicleSpecs) -> Wanted {
        Wanted {
            year: i32::from(specs.year_of_construction),
            make: fold(&specs.brand),
            model: fold(&specs.model),
            cc: specs.engine_displacement,
            kw: specs.engine_power,
            fuel: specs.fuel_type.map(fuel_word),
        }
    }

    /// 0 in range, 1 unreadable, 1 + years off outside.
    fn year_rank(&self, v: &IdentifiedVehicle) -> u32 {
        let Some(start) = year_of(&v.production_start_date) else {
            return 1;
        };
        let end = v.production_end_date.as_deref().and_then(year_of);
        let off = if self.year < start {
            start - self.year
        } else {
            end.map_or(0, |end| (self.year - end).max(0))
        };
        if off == 0 {
            0
        } else {
            1 + off.unsigned_abs()
        }
    }

    fn penalty(&self, v: &IdentifiedVehicle) -> u64 {
        let data = &v.additional_data;
        let name = fold(&v.model_name);
        let mut points = 0;
        if let Some(cc) = self.cc {
            let theirs = figure(data, "engineDisplacement").or_else(|| litres_in(&v.model_name));
            points += theirs.map_or(UNKNOWN_FIGURE, |t| u64::from(t.abs_diff(cc)));
        }
        if let Some(kw) = self.kw {
            let theirs = figure(data, "enginePower").or_else(|| kilowatts_in(&name));
            points += theirs.map_or(UNKNOWN_FIGURE, |t| u64::from(t.abs_diff(kw)) * 10);
        }
        if let Some(fuel) = self.fuel {
            points += match data.get("fuelType").and_then(Value::as_str) {
                Some(theirs) if same_fuel(theirs, fuel) => 0,
                Some(_) => FUEL_MISMATCH,
                None => FUEL_MISMATCH / 2,
            };
        }
        if !has_words(&name, &self.model) {
            points += MODEL_MISMATCH;
        }
        if !has_words(&name, &self.make) {
            points += MAKE_MISMATCH;
        }
        points
    }
}

/// The year of a "YYYY-MM" (or "YYYY") date.
fn year_of(date: &str) -> Option<i32> {
    let year = date.trim().get(..4)?;
    year.parse().ok()
}

/// The wire spelling of a fuel ("petrol").
fn fuel_word(fuel: FuelType) -> &'static str {
    match fuel {
        FuelType::Petrol => "petrol",
        FuelType::Diesel => "diesel",
        FuelType::Electric => "electric",
        FuelType::Hybrid => "hybrid",
        FuelType::Lpg => "lpg",
        FuelType::None => "none",
    }
}

/// `theirs` names `fuel`, in English or Romanian.
fn same_fuel(theirs: &str, fuel: &str) -> bool {
    let theirs = match fold(theirs).as_str() {
        "benzina" | "gasoline" => "petrol".to_owned(),
        "motorina" => "diesel".to_owned(),
        "hibrid" => "hybrid".to_owned(),
        "gpl" => "lpg".to_owned(),
        "electrica" => "electric".to_owned(),
        other => other.to_owned(),
    };
    theirs == fuel
}

/// `needle` occurs in `hay` as whole words (both folded).
fn has_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {hay} ").contains(&format!(" {needle} "))
}

/// A whole number from `additionalData[key]`, written as a number or as text.
fn figure(data: &Value, key: &str) -> Option<u32> {
    let text = match data.get(key)? {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().replace(',', "."),
        _ => return None,
    };
    Decimal::from_str(&text).ok()?.round().to_u32()
}

/// The displacement a model name states in litres ("1.5 TSI", "2,0 TDI") in cm³.
fn litres_in(model_name: &str) -> Option<u32> {
    let chars: Vec<char> = model_name.chars().collect();
    chars.windows(3).enumerate().find_map(|(i, w)| {
        let before_ok = i == 0 || !chars[i - 1].is_alphanumeric();
        let after_ok = chars.get(i + 3).is_none_or(|c| !c.is_ascii_digit());
        match (w[0].to_digit(10), w[1], w[2].to_digit(10)) {
            (Some(whole), '.' | ',', Some(tenth)) if before_ok && after_ok => {
                Some(whole * 1000 + tenth * 100)
            }
            _ => None,
        }
    })
}

/// The power a folded model name states in kW ("electric 33 kw", "110kw").
fn kilowatts_in(folded_name: &str) -> Option<u32> {
    let words: Vec<&str> = folded_name.split(' ').collect();
    words.iter().enumerate().find_map(|(i, word)| {
        if let Some(number) = word.strip_suffix("kw").filter(|n| !n.is_empty()) {
            return number.parse().ok();
        }
        (*word == "kw" && i > 0)
            .then(|| words[i - 1].parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use casco_api::model::VehicleType;
    use serde_json::json;

    fn specs() -> VehicleSpecs {
        VehicleSpecs {
            vin: None,
            motor_series: None,
            vehicle_type: VehicleType::M1,
            brand: "Škoda".into(),
            model: "Octavia".into(),
            year_of_construction: 2020,
            engine_displacement: Some(1500),
            engine_power: Some(110),
            total_weight: None,
            seats: None,
            fuel_type: Some(FuelType::Petrol),
            current_mileage: None,
            color: None,
            market_value: None,
        }
    }

    fn variant(name: &str, from: &str, to: Option<&str>, data: Value) -> IdentifiedVehicle {
        IdentifiedVehicle {
            identifier: name.into(),
            model_name: name.into(),
            production_start_date: from.into(),
            production_end_date: to.map(Into::into),
            market_value: Decimal::new(1_000_000, 2),
            additional_data: data,
        }
    }

    fn engine(cc: u32, kw: u32, fuel: &str) -> Value {
        json!({"engineDisplacement": cc, "enginePower": kw, "fuelType": fuel})
    }

    #[test]
    fn an_empty_list_has_no_closest() {
        assert_eq!(closest_variant(&specs(), &[]), None);
    }

    #[test]
    fn a_year_outside_the_range_loses_even_with_the_right_engine() {
        let list = [
            variant(
                "Skoda Octavia 1.5 TSI",
                "2008-01",
                Some("2012-12"),
                engine(1500, 110, "petrol"),
            ),
            variant(
                "Skoda Octavia 1.0 TSI",
                "2017-01",
                None,
                engine(999, 81, "petrol"),
            ),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(1));
    }

    #[test]
    fn outside_the_range_the_nearest_years_win() {
        let list = [
            variant("Skoda Octavia", "2005-01", Some("2010-12"), Value::Null),
            variant("Skoda Octavia", "2021-03", None, Value::Null),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(1));
    }

    #[test]
    fn the_closest_power_wins() {
        let list = [
            variant(
                "Skoda Octavia 1.5 TSI",
                "2017-01",
                None,
                engine(1498, 96, "petrol"),
            ),
            variant(
                "Skoda Octavia 1.5 TSI",
                "2017-01",
                None,
                engine(1498, 110, "petrol"),
            ),
            variant(
                "Skoda Octavia 1.5 TSI",
                "2017-01",
                None,
                engine(1498, 130, "petrol"),
            ),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(1));
    }

    #[test]
    fn figures_as_text_count_and_fuel_decides_between_equal_engines() {
        let list = [
            variant(
                "Skoda Octavia",
                "2017-01",
                None,
                json!({"engineDisplacement": "1498", "enginePower": "110", "fuelType": "diesel"}),
            ),
            variant(
                "Skoda Octavia",
                "2017-01",
                None,
                json!({"engineDisplacement": "1498", "enginePower": "110", "fuelType": "Benzină"}),
            ),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(1));
    }

    #[test]
    fn without_additional_data_the_model_name_states_the_engine() {
        let list = [
            variant("ŠKODA OCTAVIA 1.2 TSI", "2017-01", None, Value::Null),
            variant("ŠKODA OCTAVIA 1.5 TSI", "2017-01", None, Value::Null),
            variant("ŠKODA OCTAVIA 2,0 TDI", "2017-01", None, Value::Null),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(1));
        assert_eq!(litres_in("Corolla 1.8 Hybrid"), Some(1800));
        assert_eq!(litres_in("Model 3 Long Range"), None);
        assert_eq!(litres_in("X1.25"), None);
        assert_eq!(kilowatts_in(&fold("Spring electric 33 kW")), Some(33));
        assert_eq!(kilowatts_in(&fold("e-208 100kW")), Some(100));
    }

    #[test]
    fn the_model_name_must_hold_the_model() {
        let list = [
            variant(
                "Skoda Superb 1.5 TSI",
                "2017-01",
                None,
                engine(1500, 110, "petrol"),
            ),
            variant(
                "Skoda Octavia Combi 1.4 TSI",
                "2017-01",
                None,
                engine(1395, 110, "petrol"),
            ),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(1));
    }

    #[test]
    fn missing_data_still_yields_a_choice_and_ties_go_to_the_first() {
        let list = [
            variant("", "", None, Value::Null),
            variant("", "", None, json!("opaque")),
        ];
        assert_eq!(closest_variant(&specs(), &list), Some(0));
        let mut bare = specs();
        bare.engine_displacement = None;
        bare.engine_power = None;
        bare.fuel_type = None;
        let same = [
            variant("Skoda Octavia", "2017-01", None, Value::Null),
            variant("Skoda Octavia", "2017-01", None, Value::Null),
        ];
        assert_eq!(closest_variant(&bare, &same), Some(0));
    }
}

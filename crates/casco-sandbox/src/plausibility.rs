//! Values no person or vehicle can have: a birth date in the future or more than 120 years
//! back, a negative deductible (which would raise the premium), an engine of −1800 cm³.
//! Insurers refuse them, so the sandbox does too, by dotted path and in Romanian. Fields
//! left out are not judged here; what is required is checked elsewhere.

use crate::reply::FieldErrors;
use crate::valuation::{as_decimal, as_i64, at, date, present, text};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value;

/// The oldest a person in a request can be.
const MAX_AGE_YEARS: u32 = 120;

/// Whole-number sizes of a vehicle: field, lowest, highest, message. The bounds are those
/// of the app's own checks, except that a size of zero means no vehicle at all.
const VEHICLE_SIZES: [(&str, i64, i64, &str); 6] = [
    ("engineDisplacement", 1, 20_000, "Cilindreea trebuie să fie un număr întreg între 1 și 20.000 cm³ (0 doar la vehiculele electrice)."),
    ("enginePower", 1, 2_000, "Puterea motorului trebuie să fie un număr întreg între 1 și 2.000 kW."),
    ("seats", 1, 100, "Numărul de locuri trebuie să fie un număr întreg între 1 și 100."),
    ("totalWeight", 1, 60_000, "Masa totală trebuie să fie un număr întreg între 1 și 60.000 kg."),
    ("currentMileage", 0, 3_000_000, "Kilometrajul trebuie să fie un număr întreg între 0 și 3.000.000 km."),
    ("keyNumber", 0, 20, "Numărul de chei trebuie să fie un număr întreg între 0 și 20."),
];

/// Amounts of a quote: path, lowest, highest (inclusive), message. Lowest `None` means
/// strictly positive.
const QUOTE_AMOUNTS: [(&str, Option<i64>, i64, &str); 3] = [
    ("product.motor.deductibles.partialDamage", Some(0), 1_000_000, "Franșiza pentru daune parțiale trebuie să fie o sumă între 0 și 1.000.000; nu poate fi negativă."),
    ("product.motor.deductibles.totalDamage", Some(0), 100, "Franșiza pentru daună totală este un procent între 0 și 100; nu poate fi negativă."),
    ("product.additionalData.vehicle.equipmentValue", Some(0), 10_000_000, "Valoarea echipamentelor trebuie să fie o sumă între 0 și 10.000.000; nu poate fi negativă."),
];

/// People named in a quote, by the path of their object.
const PEOPLE: [&str; 2] = ["product.policyholder", "product.vehicle.user"];

/// Adds `message` under `path`.
fn add(errors: &mut FieldErrors, path: &str, message: &str) {
    errors
        .entry(path.to_owned())
        .or_default()
        .push(message.to_owned());
}

/// Every impossible value of a quote request, judged on `today` (Bucharest).
pub fn check_quote(request: &Value, today: NaiveDate, errors: &mut FieldErrors) {
    for person in PEOPLE {
        check_person(request, person, today, errors);
    }
    for (path, lowest, highest, message) in QUOTE_AMOUNTS {
        check_amount(request, path, lowest, highest, message, errors);
    }
    if let Some(coverages) = at(request, "product.coverages").and_then(Value::as_array) {
        for index in 0..coverages.len() {
            check_amount(
                request,
                &format!("product.coverages.{index}.insuredSum"),
                None,
                100_000_000,
                "Suma asigurată trebuie să fie un număr pozitiv, de cel mult 100.000.000.",
                errors,
            );
        }
    }
    check_vehicle_sizes(request, "product.vehicle.", errors);
}

/// A person's dates: born neither in the future nor more than [`MAX_AGE_YEARS`] ago;
/// documents not issued in the future.
fn check_person(request: &Value, person: &str, today: NaiveDate, errors: &mut FieldErrors) {
    let birth_path = format!("{person}.birthdate");
    if present(request, &birth_path) {
        let oldest = today
            .checked_sub_months(Months::new(MAX_AGE_YEARS * 12))
            .unwrap_or(NaiveDate::MIN);
        match date(request, &birth_path) {
            None => add(
                errors,
                &birth_path,
                "Data nașterii nu are forma AAAA-LL-ZZ.",
            ),
            Some(birth) if birth > today => {
                add(errors, &birth_path, "Data nașterii nu poate fi în viitor.")
            }
            Some(birth) if birth < oldest => add(
                errors,
                &birth_path,
                "Data nașterii indică o vârstă de peste 120 de ani.",
            ),
            Some(_) => {}
        }
    }
    for document in ["drivingLicense.issueDate", "identification.issueDate"] {
        let path = format!("{person}.{document}");
        if date(request, &path).is_some_and(|issued| issued > today) {
            add(errors, &path, "Data eliberării nu poate fi în viitor.");
        }
    }
}

/// An amount at `path`, when given: a number from `lowest` (or above zero) to `highest`.
fn check_amount(
    request: &Value,
    path: &str,
    lowest: Option<i64>,
    highest: i64,
    message: &str,
    errors: &mut FieldErrors,
) {
    if !present(request, path) {
        return;
    }
    let fits = at(request, path)
        .and_then(as_decimal)
        .is_some_and(|amount| {
            let above_lowest = match lowest {
                Some(lowest) => amount >= Decimal::from(lowest),
                None => amount > Decimal::ZERO,
            };
            above_lowest && amount <= Decimal::from(highest)
        });
    if !fits {
        add(errors, path, message);
    }
}

/// The sizes of a vehicle whose fields sit under `prefix` (`product.vehicle.` in a quote,
/// nothing in an identification request), when given. An electric vehicle has no engine
/// displacement, so 0 cm³ is right for it alone.
pub fn check_vehicle_sizes(request: &Value, prefix: &str, errors: &mut FieldErrors) {
    let electric = text(request, &format!("{prefix}fuelType"))
        .is_some_and(|fuel| fuel.eq_ignore_ascii_case("electric"));
    for (field, lowest, highest, message) in VEHICLE_SIZES {
        let path = format!("{prefix}{field}");
        if !present(request, &path) {
            continue;
        }
        let value = at(request, &path).and_then(as_i64);
        let fits = match value {
            Some(0) if field == "engineDisplacement" => electric,
            Some(value) => (lowest..=highest).contains(&value),
            None => false,
        };
        if !fits {
            add(errors, &path, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn birth_dates_between_120_years_ago_and_today_pass() {
        let today = day(2026, 6, 15);
        let judged = |birth: &str| {
            let request = json!({"product": {"policyholder": {"birthdate": birth}}});
            let mut errors = FieldErrors::new();
            check_quote(&request, today, &mut errors);
            errors.contains_key("product.policyholder.birthdate")
        };
        assert!(!judged("2026-06-15"), "born today");
        assert!(judged("2026-06-16"), "born tomorrow");
        assert!(!judged("1906-06-15"), "exactly 120");
        assert!(judged("1906-06-14"), "over 120");
        assert!(judged("15.06.1990"), "not ISO");
    }

    #[test]
    fn sizes_allow_no_displacement_only_for_electric_vehicles() {
        let sizes = |vehicle: Value| {
            let mut errors = FieldErrors::new();
            check_vehicle_sizes(&vehicle, "", &mut errors);
            errors.into_keys().collect::<Vec<_>>()
        };
        assert!(sizes(json!({"engineDisplacement": 0, "fuelType": "electric"})).is_empty());
        assert_eq!(
            sizes(json!({"engineDisplacement": 0, "fuelType": "petrol"})),
            ["engineDisplacement"]
        );
        assert_eq!(
            sizes(json!({"engineDisplacement": "1.6", "seats": "5", "enginePower": 2001})),
            ["engineDisplacement", "enginePower"]
        );
        assert!(sizes(json!({"currentMileage": 0, "keyNumber": null})).is_empty());
    }
}

//! Reading loosely typed request values and valuing vehicles.

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

/// The value at a dotted path (`product.policyholder.address.floor`); a number indexes an
/// array, as in `product.coverages.0.insuredSum`, the way VALIDATION_ERROR paths are written.
pub fn at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |node, key| match node {
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => node.get(key),
    })
}

/// True when the path holds something other than null or blank text.
pub fn present(root: &Value, path: &str) -> bool {
    match at(root, path) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}

/// Text at a path, trimmed, if non-empty.
pub fn text<'a>(root: &'a Value, path: &str) -> Option<&'a str> {
    at(root, path)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A date at a path, written `YYYY-MM-DD` as every date of the API is.
pub fn date(root: &Value, path: &str) -> Option<NaiveDate> {
    text(root, path).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// An integer given as a number or numeric string.
pub fn as_i64(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An amount given as a number or numeric string.
pub fn as_decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

/// A boolean given as a JSON boolean or "true"/"false".
pub fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the policyholder is a company; `isLegalEntity` arrives as `true` or `"true"`.
pub fn is_legal_entity(request: &Value) -> bool {
    at(request, "product.policyholder.isLegalEntity")
        .and_then(as_bool)
        .unwrap_or(false)
}

/// A JSON number for an amount (answers carry numbers; the client reads them exactly).
pub fn number(amount: Decimal) -> Value {
    amount
        .round_dp(2)
        .to_f64()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// Market value in EUR of a car that cost `new_value_eur` new: 15 % less per year of
/// age, never below 15 % of the new value, rounded to 100.
pub fn market_value_eur(new_value_eur: u32, year: i64, current_year: i32) -> Decimal {
    let age = (i64::from(current_year) - year).clamp(0, 30);
    let mut value = Decimal::from(new_value_eur);
    let floor = value * Decimal::new(15, 2);
    for _ in 0..age {
        value *= Decimal::new(85, 2);
    }
    round_to_hundreds(value.max(floor))
}

/// Rounded to the nearest 100.
pub fn round_to_hundreds(value: Decimal) -> Decimal {
    (value / Decimal::ONE_HUNDRED).round() * Decimal::ONE_HUNDRED
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_company_is_recognised_in_both_spellings() {
        for flag in [json!(true), json!("true")] {
            let request = json!({"product": {"policyholder": {"isLegalEntity": flag}}});
            assert!(is_legal_entity(&request), "{flag}");
        }
        for flag in [json!(false), json!("false"), json!(null)] {
            let request = json!({"product": {"policyholder": {"isLegalEntity": flag}}});
            assert!(!is_legal_entity(&request), "{flag}");
        }
    }

    #[test]
    fn paths_and_values() {
        let v =
            json!({"product": {"vehicle": {"marketValue": "100000.00", "seats": 5, "floor": " "}}});
        assert_eq!(
            at(&v, "product.vehicle.marketValue").and_then(as_decimal),
            Some(Decimal::new(10_000_000, 2))
        );
        assert_eq!(at(&v, "product.vehicle.seats").and_then(as_i64), Some(5));
        let listed = json!({"coverages": [{"code": "a"}, {"code": "b"}]});
        assert_eq!(at(&listed, "coverages.1.code"), Some(&json!("b")));
        assert_eq!(at(&listed, "coverages.2.code"), None);
        assert!(!present(&v, "product.vehicle.floor"));
        assert!(!present(&v, "product.nothing.here"));
        assert_eq!(market_value_eur(20_000, 2020, 2020), Decimal::from(20_000));
        assert_eq!(market_value_eur(20_000, 2019, 2020), Decimal::from(17_000));
        assert_eq!(market_value_eur(20_000, 1990, 2020), Decimal::from(3_000));
    }
}

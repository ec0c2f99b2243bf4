//! Amounts written as the agent reads them on screen (`ui/src/lib/format.ts`): `1.234,56 lei`
//! in Romanian, `1,234.56 RON` in English. Only for documents the app makes (the client
//! proposal); both sides are checked against `data/money_text_cases.json`.

use std::str::FromStr;

use casco_api::model::Currency;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::settings::Language;

/// `value` (decimal text) with two decimals and grouped thousands; text that is not a plain
/// decimal is returned unchanged, as the UI does.
pub fn amount_text(value: &str, language: Language) -> String {
    let text = value.trim();
    let plain = is_plain_decimal(text);
    let Some(d) = plain.then(|| Decimal::from_str(text).ok()).flatten() else {
        return text.to_owned();
    };
    let rounded = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let (group, mark) = match language {
        Language::Ro => ('.', ','),
        Language::En => (',', '.'),
    };
    let cents = (rounded.abs().fract() * Decimal::ONE_HUNDRED).trunc();
    let whole = rounded.abs().trunc().to_string();
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}{mark}{cents:0>2}", grouped(&whole, group))
}

/// An exchange rate with four decimals, as the UI writes it: `4,9770` / `4.9770`.
pub fn rate_text(value: &str, language: Language) -> String {
    let Some(d) = is_plain_decimal(value.trim())
        .then(|| Decimal::from_str(value.trim()).ok())
        .flatten()
    else {
        return value.trim().to_owned();
    };
    let mut rounded = d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(4);
    let text = rounded.to_string();
    match language {
        Language::Ro => text.replace('.', ","),
        Language::En => text,
    }
}

/// `value` with its currency: lei in Romanian, the ISO code otherwise.
pub fn money_text(value: &str, currency: Currency, language: Language) -> String {
    let unit = match (currency, language) {
        (Currency::Ron, Language::Ro) => "lei",
        _ => currency.code(),
    };
    format!("{} {unit}", amount_text(value, language))
}

/// "-1234.5", "999": digits, an optional sign, an optional fraction (as the UI accepts).
fn is_plain_decimal(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
}

fn grouped(digits: &str, group: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_amounts_exactly_as_the_screen_does() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../data/money_text_cases.json")).unwrap();
        for case in cases["cases"].as_array().unwrap() {
            let value = case["value"].as_str().unwrap();
            let language = if case["lang"] == "en" {
                Language::En
            } else {
                Language::Ro
            };
            assert_eq!(amount_text(value, language), case["amount"], "{case}");
            assert_eq!(
                money_text(value, Currency::Ron, language),
                case["RON"],
                "{case}"
            );
            assert_eq!(
                money_text(value, Currency::Eur, language),
                case["EUR"],
                "{case}"
            );
        }
    }
}

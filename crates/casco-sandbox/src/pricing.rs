//! Deterministic CASCO pricing from each insurer's parameters (`data/pricing.json`):
//! vehicle value and age, engine, usage, deductibles, installments, the holder's age and
//! bonus-malus class, and legal entity versus person.

use crate::data::Pricing;
use crate::valuation::{as_decimal, as_i64, at, date, is_legal_entity, text};
use casco_api::model::Currency;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

/// What pricing needs from a validated quote request.
#[derive(Debug, Clone)]
pub struct Risk {
    pub value_ron: Decimal,
    pub vehicle_age: u32,
    pub engine_kw: u32,
    pub diesel: bool,
    pub usage: String,
    pub partial_deductible_ron: Decimal,
    pub total_deductible_percent: Decimal,
    pub installments: u32,
    pub holder_age: Option<u32>,
    pub bonus_malus: BonusMalus,
    pub legal_entity: bool,
}

/// Bonus-malus class: B0 neutral, B1–B14 bonus steps, M1–M8 malus steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BonusMalus {
    Bonus(u32),
    Malus(u32),
}

impl BonusMalus {
    /// "B0".."B14", "M1".."M8".
    pub fn parse(text: &str) -> Option<BonusMalus> {
        let text = text.trim().to_ascii_uppercase();
        let (kind, steps) = text.split_at_checked(1)?;
        let steps: u32 = steps.parse().ok()?;
        match kind {
            "B" if steps <= 14 => Some(BonusMalus::Bonus(steps)),
            "M" if (1..=8).contains(&steps) => Some(BonusMalus::Malus(steps)),
            _ => None,
        }
    }
}

/// Premium in the offer's currency and its schedule.
#[derive(Debug, Clone)]
pub struct Price {
    pub premium: Decimal,
    pub premium_ron: Decimal,
    pub currency: Currency,
    pub installments: Vec<(u64, Decimal, NaiveDate)>,
}

/// Reads the risk from a request that passed validation; `rate` is RON per EUR.
pub fn risk(request: &Value, rate: Decimal, today: NaiveDate) -> Risk {
    let currency_is_eur = text(request, "product.motor.currency") == Some("EUR");
    let to_ron = |amount: Decimal| {
        if currency_is_eur {
            amount * rate
        } else {
            amount
        }
    };
    let amount = |path: &str| at(request, path).and_then(as_decimal).unwrap_or_default();
    let value = amount("product.vehicle.marketValue")
        + amount("product.additionalData.vehicle.equipmentValue");
    let year = at(request, "product.vehicle.yearOfConstruction")
        .and_then(as_i64)
        .unwrap_or(i64::from(today.year()));
    let holder_age =
        date(request, "product.policyholder.birthdate").and_then(|birth| today.years_since(birth));
    Risk {
        value_ron: to_ron(value),
        vehicle_age: u32::try_from(i64::from(today.year()) - year).unwrap_or(0),
        engine_kw: at(request, "product.vehicle.enginePower")
            .and_then(as_i64)
            .and_then(|kw| u32::try_from(kw).ok())
            .unwrap_or(0),
        diesel: text(request, "product.vehicle.fuelType") == Some("diesel"),
        usage: text(request, "product.vehicle.usageType")
            .unwrap_or("personal")
            .to_owned(),
        partial_deductible_ron: to_ron(amount("product.motor.deductibles.partialDamage")),
        total_deductible_percent: amount("product.motor.deductibles.totalDamage"),
        installments: at(request, "product.motor.installmentCount")
            .and_then(as_i64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(1),
        holder_age,
        bonus_malus: text(
            request,
            "product.additionalData.vehicle.user.bonusMalusClass",
        )
        .and_then(BonusMalus::parse)
        .unwrap_or(BonusMalus::Bonus(0)),
        legal_entity: is_legal_entity(request),
    }
}

fn pct(percent: Decimal) -> Decimal {
    percent / Decimal::ONE_HUNDRED
}

/// The annual premium in RON, before currency conversion.
pub fn premium_ron(p: &Pricing, r: &Risk) -> Decimal {
    let one = Decimal::ONE;
    let mut premium = r.value_ron * pct(p.base_rate_percent);
    premium *= one
        + pct(p.age_loading_percent_per_year) * Decimal::from(r.vehicle_age.min(p.max_age_years));
    let power = p
        .engine_power_loading
        .iter()
        .rev()
        .find(|b| r.engine_kw >= b.from_kw)
        .map(|b| b.percent)
        .unwrap_or_default();
    premium *= one + pct(power);
    if r.diesel {
        premium *= one + pct(p.diesel_loading_percent);
    }
    premium *= one
        + pct(p
            .usage_loading_percent
            .get(&r.usage)
            .copied()
            .unwrap_or_default());
    let deductible_discount = (r.partial_deductible_ron / Decimal::ONE_HUNDRED
        * p.partial_deductible_discount_percent_per_100_ron
        + r.total_deductible_percent * p.total_deductible_discount_percent_per_point)
        .min(p.max_deductible_discount_percent);
    premium *= one - pct(deductible_discount);
    premium *= one
        + pct(p
            .installment_surcharge_percent
            .get(&r.installments.to_string())
            .copied()
            .unwrap_or_default());
    if r.legal_entity {
        premium *= one + pct(p.legal_entity_loading_percent);
    } else {
        match r.holder_age {
            Some(age) if age < 25 => premium *= one + pct(p.young_driver_loading_percent),
            Some(age) if age >= 70 => premium *= one + pct(p.senior_driver_loading_percent),
            _ => {}
        }
    }
    premium *= match r.bonus_malus {
        BonusMalus::Bonus(steps) => one - pct(p.bonus_step_percent * Decimal::from(steps)),
        BonusMalus::Malus(steps) => one + pct(p.malus_step_percent * Decimal::from(steps)),
    };
    premium.max(p.minimum_premium_ron).round_dp(2)
}

/// The offer price in `currency`, with installments summing exactly to the premium.
pub fn price(
    p: &Pricing,
    r: &Risk,
    currency: Currency,
    rate: Decimal,
    start: NaiveDate,
    term_months: u32,
) -> Price {
    let premium_ron = premium_ron(p, r);
    let premium = match currency {
        Currency::Ron => premium_ron,
        Currency::Eur => (premium_ron / rate).round_dp(2),
    };
    let count = r.installments.max(1);
    let each = (premium / Decimal::from(count)).round_dp_with_strategy(2, RoundingStrategy::ToZero);
    let step = (term_months / count).max(1);
    let installments = (0..count)
        .map(|i| {
            let amount = if i + 1 == count {
                premium - each * Decimal::from(count - 1)
            } else {
                each
            };
            let due = start
                .checked_add_months(Months::new(i * step))
                .unwrap_or(start);
            (u64::from(i) + 1, amount, due)
        })
        .collect();
    Price {
        premium,
        premium_ron,
        currency,
        installments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::pricing;
    use std::str::FromStr;

    fn base_risk() -> Risk {
        Risk {
            value_ron: Decimal::from(100_000),
            vehicle_age: 3,
            engine_kw: 85,
            diesel: false,
            usage: "personal".into(),
            partial_deductible_ron: Decimal::ZERO,
            total_deductible_percent: Decimal::ZERO,
            installments: 1,
            holder_age: Some(40),
            bonus_malus: BonusMalus::Bonus(0),
            legal_entity: false,
        }
    }

    #[test]
    fn each_factor_moves_the_premium_the_right_way() {
        let p = &pricing()["generali"];
        let base = premium_ron(p, &base_risk());
        let with = |f: &dyn Fn(&mut Risk)| {
            let mut r = base_risk();
            f(&mut r);
            premium_ron(p, &r)
        };
        assert!(with(&|r| r.value_ron = Decimal::from(150_000)) > base);
        assert!(with(&|r| r.vehicle_age = 8) > base);
        assert!(with(&|r| r.engine_kw = 200) > base);
        assert!(with(&|r| r.usage = "taxi".into()) > base);
        assert!(with(&|r| r.partial_deductible_ron = Decimal::from(500)) < base);
        assert!(with(&|r| r.installments = 12) > base);
        assert!(with(&|r| r.holder_age = Some(21)) > base);
        assert!(with(&|r| r.bonus_malus = BonusMalus::Bonus(8)) < base);
        assert!(with(&|r| r.bonus_malus = BonusMalus::Malus(2)) > base);
        assert!(with(&|r| r.legal_entity = true) > base);
        assert_eq!(premium_ron(p, &base_risk()), base, "deterministic");
    }

    #[test]
    fn installments_sum_to_the_premium() {
        let p = &pricing()["uniqa"];
        let start = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        for count in [1, 2, 4, 12] {
            let r = Risk {
                installments: count,
                ..base_risk()
            };
            let price = price(
                p,
                &r,
                Currency::Eur,
                Decimal::from_str("4.97").unwrap(),
                start,
                12,
            );
            assert_eq!(price.installments.len(), count as usize);
            assert_eq!(
                price.installments.iter().map(|i| i.1).sum::<Decimal>(),
                price.premium
            );
            assert_eq!(price.installments[0].2, start);
        }
        assert_eq!(BonusMalus::parse("b8"), Some(BonusMalus::Bonus(8)));
        assert_eq!(BonusMalus::parse("M9"), None);
    }
}

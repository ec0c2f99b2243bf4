//! The comparison table over a batch's offers: cheapest first by the premium in RON (EUR
//! offers are compared through their RON amount), the cheapest marked, and filters for the
//! installment count and currency the agent asks for.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::fanout::{InsurerOutcome, OfferView, OutcomeState};

/// One row of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparedOffer {
    /// The offer.
    pub offer: OfferView,
    /// Insurer name shown to the agent.
    pub display_name: String,
    /// The lowest premium in RON of the rows compared (ties are all marked).
    pub cheapest: bool,
}

/// The premium in RON as a number; `premium_ron` is written by this crate as decimal text,
/// so a value that does not parse sorts last rather than first.
fn ron(offer: &OfferView) -> Option<Decimal> {
    Decimal::from_str(&offer.premium_ron).ok()
}

/// Every offer of `outcomes`, cheapest first by premium in RON, ties by insurer key (a
/// stable order for the UI); the cheapest row(s) marked.
pub fn compare(outcomes: &[InsurerOutcome]) -> Vec<ComparedOffer> {
    let offers = outcomes.iter().flat_map(|o| match &o.state {
        OutcomeState::Offers { offers } => offers
            .iter()
            .map(|offer| (offer.clone(), o.display_name.clone()))
            .collect(),
        _ => Vec::new(),
    });
    rank(offers)
}

/// Sorts and marks `rows` (offer, display name).
fn rank(rows: impl IntoIterator<Item = (OfferView, String)>) -> Vec<ComparedOffer> {
    let mut rows: Vec<ComparedOffer> = rows
        .into_iter()
        .map(|(offer, display_name)| ComparedOffer {
            offer,
            display_name,
            cheapest: false,
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &ComparedOffer| (ron(&r.offer).is_none(), ron(&r.offer));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.offer.insurer.cmp(&b.offer.insurer))
    });
    let best = rows.first().and_then(|r| ron(&r.offer));
    if let Some(best) = best {
        for row in &mut rows {
            row.cheapest = ron(&row.offer) == Some(best);
        }
    }
    rows
}

/// Only the offers payable in `count` installments, re-ranked (so "cheapest" means cheapest
/// among what is shown).
pub fn with_installments(rows: &[ComparedOffer], count: u32) -> Vec<ComparedOffer> {
    refilter(rows, |o| o.installment_count == count)
}

/// Only the offers in `currency` ("RON" or "EUR"), re-ranked.
pub fn in_currency(rows: &[ComparedOffer], currency: &str) -> Vec<ComparedOffer> {
    refilter(rows, |o| o.currency.eq_ignore_ascii_case(currency))
}

fn refilter(rows: &[ComparedOffer], keep: impl Fn(&OfferView) -> bool) -> Vec<ComparedOffer> {
    rank(
        rows.iter()
            .filter(|r| keep(&r.offer))
            .map(|r| (r.offer.clone(), r.display_name.clone())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn offer(insurer: &str, currency: &str, premium: &str, ron: &str, rates: u32) -> OfferView {
        let day = NaiveDate::from_ymd_opt(2025, 6, 16).unwrap();
        OfferView {
            offer_id: "1".into(),
            insurer: insurer.into(),
            premium: premium.into(),
            currency: currency.into(),
            premium_ron: ron.into(),
            exchange_rate: None,
            installment_count: rates,
            installments: Vec::new(),
            start_date: day,
            end_date: day,
            deductibles: None,
            coverages: Vec::new(),
            notes: None,
            expiry_date: None,
            expired: false,
        }
    }

    fn outcome(insurer: &str, offers: Vec<OfferView>) -> InsurerOutcome {
        InsurerOutcome {
            insurer: insurer.into(),
            display_name: insurer.to_uppercase(),
            state: OutcomeState::Offers { offers },
            elapsed_ms: 1,
        }
    }

    fn sample() -> Vec<InsurerOutcome> {
        vec![
            outcome("a", vec![offer("a", "RON", "2500.00", "2500.00", 1)]),
            // 450 EUR = 2236.50 RON: cheaper than 2500 RON although 450 < 2500 is not why.
            outcome("b", vec![offer("b", "EUR", "450.00", "2236.50", 4)]),
            outcome("c", vec![offer("c", "RON", "999.99", "999.99", 4)]),
            InsurerOutcome {
                insurer: "d".into(),
                display_name: "D".into(),
                state: OutcomeState::Failed {
                    message: "x".into(),
                },
                elapsed_ms: 1,
            },
        ]
    }

    #[test]
    fn offers_sort_by_premium_in_ron_and_the_cheapest_is_marked() {
        let rows = compare(&sample());
        let order: Vec<&str> = rows.iter().map(|r| r.offer.insurer.as_str()).collect();
        assert_eq!(order, ["c", "b", "a"]);
        assert!(rows[0].cheapest);
        assert!(!rows[1].cheapest && !rows[2].cheapest);
        assert_eq!(rows[1].display_name, "B");
    }

    #[test]
    fn decimal_order_is_numeric_not_textual() {
        let rows = compare(&[
            outcome("x", vec![offer("x", "RON", "10000.00", "10000.00", 1)]),
            outcome("y", vec![offer("y", "RON", "9000.00", "9000.00", 1)]),
        ]);
        assert_eq!(rows[0].offer.insurer, "y");
    }

    #[test]
    fn ties_are_all_cheapest_and_unreadable_amounts_sort_last() {
        let rows = compare(&[
            outcome("z", vec![offer("z", "RON", "?", "?", 1)]),
            outcome("b", vec![offer("b", "RON", "100.00", "100.00", 1)]),
            outcome("a", vec![offer("a", "RON", "100.00", "100.00", 1)]),
        ]);
        let order: Vec<&str> = rows.iter().map(|r| r.offer.insurer.as_str()).collect();
        assert_eq!(order, ["a", "b", "z"]);
        assert!(rows[0].cheapest && rows[1].cheapest && !rows[2].cheapest);
    }

    #[test]
    fn filters_rerank_what_remains() {
        let rows = compare(&sample());
        let single = with_installments(&rows, 1);
        assert_eq!(single.len(), 1);
        assert!(single[0].cheapest && single[0].offer.insurer == "a");
        let eur = in_currency(&rows, "eur");
        assert_eq!(eur.len(), 1);
        assert!(eur[0].cheapest && eur[0].offer.insurer == "b");
        assert!(in_currency(&rows, "USD").is_empty());
    }
}

//! The comparison table over a batch's offers: cheapest first by the premium in RON (EUR
//! offers are compared through their RON amount) unless the agent picks another order, the
//! cheapest marked, and filters for the installment count and currency the agent asks for.

use std::cmp::Ordering;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::fanout::{InsurerOutcome, OfferView, OutcomeState};
use crate::fold::fold;

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

/// The order of the comparison's rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ComparisonSort {
    /// Cheapest first by premium in RON.
    #[default]
    PremiumAsc,
    /// Dearest first by premium in RON.
    PremiumDesc,
    /// By insurer name.
    Insurer,
    /// Soonest expiry first; offers without an expiry date last.
    Expiry,
}

/// What the agent asked to see, and in which order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ComparisonFilter {
    /// Only offers payable in this many installments.
    pub installments: Option<u32>,
    /// Only offers in this currency ("RON" or "EUR", any case).
    pub currency: Option<String>,
    /// Row order.
    pub sort: ComparisonSort,
}

impl ComparisonFilter {
    fn keeps(&self, offer: &OfferView) -> bool {
        self.installments
            .is_none_or(|count| offer.installment_count == count)
            && self
                .currency
                .as_deref()
                .is_none_or(|c| offer.currency.eq_ignore_ascii_case(c))
    }
}

/// The premium in RON as a number; `premium_ron` is written by this crate as decimal text,
/// so a value that does not parse sorts last rather than first.
fn ron(offer: &OfferView) -> Option<Decimal> {
    Decimal::from_str(&offer.premium_ron).ok()
}

/// Every offer of `outcomes`, cheapest first by premium in RON, ties by insurer key (a
/// stable order for the UI); the cheapest row(s) marked.
pub fn compare(outcomes: &[InsurerOutcome]) -> Vec<ComparedOffer> {
    arrange(outcomes, &ComparisonFilter::default())
}

/// The offers of `outcomes` that `filter` keeps, in its order; ties go to the cheaper RON
/// premium, then the insurer key. `cheapest` marks the lowest RON premium among the rows
/// returned, whatever the order.
pub fn arrange(outcomes: &[InsurerOutcome], filter: &ComparisonFilter) -> Vec<ComparedOffer> {
    let offers = outcomes.iter().flat_map(|o| match &o.state {
        OutcomeState::Offers { offers } => offers
            .iter()
            .filter(|offer| filter.keeps(offer))
            .map(|offer| (offer.clone(), o.display_name.clone()))
            .collect(),
        _ => Vec::new(),
    });
    rank(offers, filter.sort)
}

/// Sorts `rows` (offer, display name) by `sort` and marks the cheapest.
fn rank(
    rows: impl IntoIterator<Item = (OfferView, String)>,
    sort: ComparisonSort,
) -> Vec<ComparedOffer> {
    let mut rows: Vec<ComparedOffer> = rows
        .into_iter()
        .map(|(offer, display_name)| ComparedOffer {
            offer,
            display_name,
            cheapest: false,
        })
        .collect();
    // Unreadable amounts last in either direction: the flag sorts before the amount.
    let premium = |r: &ComparedOffer| {
        let v = ron(&r.offer);
        (v.is_none(), v)
    };
    let tie = |a: &ComparedOffer, b: &ComparedOffer| {
        premium(a)
            .cmp(&premium(b))
            .then_with(|| a.offer.insurer.cmp(&b.offer.insurer))
    };
    rows.sort_by(|a, b| {
        let first = match sort {
            ComparisonSort::PremiumAsc => Ordering::Equal,
            ComparisonSort::PremiumDesc => {
                let (a_bad, a_ron) = premium(a);
                let (b_bad, b_ron) = premium(b);
                a_bad.cmp(&b_bad).then_with(|| b_ron.cmp(&a_ron))
            }
            ComparisonSort::Insurer => fold(&a.display_name).cmp(&fold(&b.display_name)),
            ComparisonSort::Expiry => {
                let expiry =
                    |r: &ComparedOffer| (r.offer.expiry_date.is_none(), r.offer.expiry_date);
                expiry(a).cmp(&expiry(b))
            }
        };
        first.then_with(|| tie(a, b))
    });
    let best = rows.iter().filter_map(|r| ron(&r.offer)).min();
    if let Some(best) = best {
        for row in &mut rows {
            row.cheapest = ron(&row.offer) == Some(best);
        }
    }
    rows
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
            insured_sum: None,
            deductibles: None,
            covers: Vec::new(),
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
                    message: crate::Message::TimedOut,
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
        let installments = |count| ComparisonFilter {
            installments: Some(count),
            ..ComparisonFilter::default()
        };
        let currency = |code: &str| ComparisonFilter {
            currency: Some(code.into()),
            ..ComparisonFilter::default()
        };
        let single = arrange(&sample(), &installments(1));
        assert_eq!(single.len(), 1);
        assert!(single[0].cheapest && single[0].offer.insurer == "a");
        let eur = arrange(&sample(), &currency("eur"));
        assert_eq!(eur.len(), 1);
        assert!(eur[0].cheapest && eur[0].offer.insurer == "b");
        assert!(arrange(&sample(), &currency("USD")).is_empty());
    }

    fn expiring(mut offer: OfferView, day: Option<u32>) -> OfferView {
        offer.expiry_date = day.map(|d| NaiveDate::from_ymd_opt(2025, 7, d).unwrap());
        offer
    }

    fn order(rows: &[ComparedOffer]) -> Vec<&str> {
        rows.iter().map(|r| r.offer.insurer.as_str()).collect()
    }

    #[test]
    fn the_default_arrangement_is_the_comparison() {
        let sample = sample();
        assert_eq!(
            arrange(&sample, &ComparisonFilter::default()),
            compare(&sample)
        );
    }

    #[test]
    fn premium_descending_keeps_the_cheapest_marked_and_unreadable_last() {
        let mut outcomes = sample();
        outcomes.push(outcome("z", vec![offer("z", "RON", "?", "?", 1)]));
        let filter = ComparisonFilter {
            sort: ComparisonSort::PremiumDesc,
            ..ComparisonFilter::default()
        };
        let rows = arrange(&outcomes, &filter);
        assert_eq!(order(&rows), ["a", "b", "c", "z"]);
        let cheapest: Vec<bool> = rows.iter().map(|r| r.cheapest).collect();
        assert_eq!(cheapest, [false, false, true, false]);
    }

    #[test]
    fn insurer_order_follows_the_names_and_ties_go_to_the_cheaper() {
        let mut outcomes = vec![
            outcome("x", vec![offer("x", "RON", "900.00", "900.00", 1)]),
            outcome("y", vec![offer("y", "RON", "800.00", "800.00", 1)]),
        ];
        outcomes[0].display_name = "Ăsirom".into();
        outcomes[1].display_name = "Allianz".into();
        outcomes.push(InsurerOutcome {
            display_name: "asirom".into(),
            ..outcome("w", vec![offer("w", "RON", "700.00", "700.00", 1)])
        });
        let filter = ComparisonFilter {
            sort: ComparisonSort::Insurer,
            ..ComparisonFilter::default()
        };
        let rows = arrange(&outcomes, &filter);
        // "Allianz" < "asirom" = "Ăsirom" (folded); equal names: cheaper first.
        assert_eq!(order(&rows), ["y", "w", "x"]);
        assert!(rows[1].cheapest && !rows[0].cheapest);
    }

    #[test]
    fn expiry_order_puts_the_soonest_first_and_no_expiry_last() {
        let outcomes = vec![
            outcome(
                "a",
                vec![expiring(offer("a", "RON", "500.00", "500.00", 1), None)],
            ),
            outcome(
                "b",
                vec![expiring(offer("b", "RON", "900.00", "900.00", 1), Some(20))],
            ),
            outcome(
                "c",
                vec![expiring(offer("c", "RON", "800.00", "800.00", 1), Some(5))],
            ),
            outcome(
                "d",
                vec![expiring(offer("d", "RON", "700.00", "700.00", 1), Some(20))],
            ),
        ];
        let filter = ComparisonFilter {
            sort: ComparisonSort::Expiry,
            ..ComparisonFilter::default()
        };
        let rows = arrange(&outcomes, &filter);
        assert_eq!(order(&rows), ["c", "d", "b", "a"]);
        assert!(rows[3].cheapest);
    }

    #[test]
    fn filters_combine_and_the_cheapest_is_among_what_is_shown() {
        let filter = ComparisonFilter {
            installments: Some(4),
            currency: Some("eur".into()),
            sort: ComparisonSort::PremiumAsc,
        };
        let rows = arrange(&sample(), &filter);
        assert_eq!(order(&rows), ["b"]);
        assert!(rows[0].cheapest);
        let four = ComparisonFilter {
            installments: Some(4),
            ..ComparisonFilter::default()
        };
        let rows = arrange(&sample(), &four);
        assert_eq!(order(&rows), ["c", "b"]);
        let none = ComparisonFilter {
            currency: Some("USD".into()),
            ..ComparisonFilter::default()
        };
        assert!(arrange(&sample(), &none).is_empty());
    }

    #[test]
    fn the_filter_reads_partial_camel_case_json() {
        let f: ComparisonFilter = serde_json::from_str(r#"{"sort":"premiumDesc"}"#).unwrap();
        assert_eq!(f.sort, ComparisonSort::PremiumDesc);
        assert_eq!(f.installments, None);
        let v = serde_json::to_value(ComparisonFilter::default()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"installments": null, "currency": null, "sort": "premiumAsc"})
        );
    }
}

//! How a policy is paid when an offer is issued, and the rules every insurer applies to it.
//! Shared by the app (checked before POST /policy, each problem under its field) and the
//! sandbox (which refuses what a real insurer would), so both read the same rules. The
//! methods an insurer takes are data (`insurers.json`, `paymentMethods`).

use crate::model::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A way of paying the premium, as CascoApi names it on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub enum PaymentMethod {
    /// Card at the agency's terminal.
    #[serde(rename = "pos")]
    Pos,
    /// Cash against the insurer's receipt.
    #[serde(rename = "receipt")]
    Receipt,
    /// Cash against the broker's receipt.
    #[serde(rename = "broker receipt")]
    BrokerReceipt,
    /// Bank transfer to the insurer.
    #[serde(rename = "payment order")]
    PaymentOrder,
    /// Bank transfer to the broker.
    #[serde(rename = "broker payment order")]
    BrokerPaymentOrder,
}

impl PaymentMethod {
    /// Every method, in the order the form lists them.
    pub const ALL: [PaymentMethod; 5] = [
        PaymentMethod::Pos,
        PaymentMethod::Receipt,
        PaymentMethod::BrokerReceipt,
        PaymentMethod::PaymentOrder,
        PaymentMethod::BrokerPaymentOrder,
    ];

    /// The wire name ("broker receipt").
    pub fn wire(self) -> &'static str {
        match self {
            PaymentMethod::Pos => "pos",
            PaymentMethod::Receipt => "receipt",
            PaymentMethod::BrokerReceipt => "broker receipt",
            PaymentMethod::PaymentOrder => "payment order",
            PaymentMethod::BrokerPaymentOrder => "broker payment order",
        }
    }

    /// The method with this wire name.
    pub fn from_wire(name: &str) -> Option<PaymentMethod> {
        PaymentMethod::ALL.into_iter().find(|m| m.wire() == name)
    }

    /// Whether the payment is proven by a numbered document (a receipt or a payment order)
    /// whose number the insurer records; a card payment's slip is not asked for.
    pub fn needs_document_number(self) -> bool {
        !matches!(self, PaymentMethod::Pos)
    }
}

/// The longest document number insurers record.
pub const MAX_DOCUMENT_NUMBER: usize = 30;

/// How far back a payment date may be: an older payment belongs to another policy.
pub const MAX_PAYMENT_AGE_DAYS: i64 = 30;

/// What the payment rules need to know about the offer being issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferTerms {
    /// The offer's currency: the policy is paid in it.
    pub currency: Currency,
    /// The whole premium.
    pub premium: Decimal,
    /// The first installment (the premium when paid at once).
    pub first_installment: Decimal,
}

/// A payment as the agent fills it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentFacts<'a> {
    /// The method, `None` when the wire name is unknown.
    pub method: Option<PaymentMethod>,
    /// Currency paid in.
    pub currency: Option<Currency>,
    /// Amount paid; `None` when it is not a number.
    pub amount: Option<Decimal>,
    /// Date paid; `None` when it is not a date.
    pub date: Option<NaiveDate>,
    /// Receipt or payment order number, as typed.
    pub document_number: &'a str,
}

/// One broken payment rule, with the request path it concerns (`payment.amount`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentProblem {
    /// No method, or one CascoApi does not know.
    UnknownMethod,
    /// The insurer does not take this method.
    MethodNotTaken {
        /// The methods it takes.
        taken: Vec<PaymentMethod>,
    },
    /// Paid in another currency than the offer's.
    WrongCurrency {
        /// The offer's currency.
        expected: Currency,
    },
    /// No amount, or not a positive number.
    AmountMissing,
    /// Less than the first installment.
    AmountBelowFirstInstallment {
        /// The first installment.
        minimum: Decimal,
    },
    /// More than the whole premium.
    AmountAbovePremium {
        /// The premium.
        maximum: Decimal,
    },
    /// No date, or not a date.
    DateMissing,
    /// A date after today.
    DateInFuture,
    /// A date more than [`MAX_PAYMENT_AGE_DAYS`] ago.
    DateTooOld,
    /// The method needs a document number and none was typed.
    DocumentNumberMissing,
    /// A document number longer than [`MAX_DOCUMENT_NUMBER`] or with control characters.
    DocumentNumberInvalid,
}

impl PaymentProblem {
    /// The request path the problem is shown under.
    pub fn path(&self) -> &'static str {
        use PaymentProblem::*;
        match self {
            UnknownMethod | MethodNotTaken { .. } => "payment.method",
            WrongCurrency { .. } => "payment.currency",
            AmountMissing | AmountBelowFirstInstallment { .. } | AmountAbovePremium { .. } => {
                "payment.amount"
            }
            DateMissing | DateInFuture | DateTooOld => "payment.date",
            DocumentNumberMissing | DocumentNumberInvalid => "payment.documentNumber",
        }
    }
}

/// Every rule `payment` breaks for an offer of `taken`'s insurer with `terms`, judged on
/// `today` (Bucharest); empty when it may be sent.
pub fn check_payment(
    taken: &[PaymentMethod],
    terms: &OfferTerms,
    payment: &PaymentFacts<'_>,
    today: NaiveDate,
) -> Vec<PaymentProblem> {
    let mut problems = Vec::new();
    match payment.method {
        None => problems.push(PaymentProblem::UnknownMethod),
        Some(m) if !taken.contains(&m) => problems.push(PaymentProblem::MethodNotTaken {
            taken: taken.to_vec(),
        }),
        Some(_) => {}
    }
    if payment.currency != Some(terms.currency) {
        problems.push(PaymentProblem::WrongCurrency {
            expected: terms.currency,
        });
    }
    problems.extend(amount_problem(terms, payment.amount));
    problems.extend(date_problem(payment.date, today));
    let number = payment.document_number.trim();
    if number.is_empty() {
        if payment
            .method
            .is_some_and(PaymentMethod::needs_document_number)
        {
            problems.push(PaymentProblem::DocumentNumberMissing);
        }
    } else if number.chars().count() > MAX_DOCUMENT_NUMBER || number.chars().any(char::is_control) {
        problems.push(PaymentProblem::DocumentNumberInvalid);
    }
    problems
}

fn amount_problem(terms: &OfferTerms, amount: Option<Decimal>) -> Option<PaymentProblem> {
    match amount {
        Some(a) if a <= Decimal::ZERO => Some(PaymentProblem::AmountMissing),
        None => Some(PaymentProblem::AmountMissing),
        Some(a) if a < terms.first_installment => {
            Some(PaymentProblem::AmountBelowFirstInstallment {
                minimum: terms.first_installment,
            })
        }
        Some(a) if a > terms.premium => Some(PaymentProblem::AmountAbovePremium {
            maximum: terms.premium,
        }),
        Some(_) => None,
    }
}

fn date_problem(date: Option<NaiveDate>, today: NaiveDate) -> Option<PaymentProblem> {
    let Some(date) = date else {
        return Some(PaymentProblem::DateMissing);
    };
    if date > today {
        return Some(PaymentProblem::DateInFuture);
    }
    ((today - date).num_days() > MAX_PAYMENT_AGE_DAYS).then_some(PaymentProblem::DateTooOld)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::from_str(s).unwrap()
    }

    const TODAY: &str = "2026-12-01";

    fn terms() -> OfferTerms {
        OfferTerms {
            currency: Currency::Ron,
            premium: dec("2400.00"),
            first_installment: dec("600.00"),
        }
    }

    fn pay(method: PaymentMethod, amount: &str, number: &str) -> Vec<PaymentProblem> {
        let facts = PaymentFacts {
            method: Some(method),
            currency: Some(Currency::Ron),
            amount: Decimal::from_str(amount).ok(),
            date: Some(day(TODAY)),
            document_number: number,
        };
        check_payment(&PaymentMethod::ALL, &terms(), &facts, day(TODAY))
    }

    #[test]
    fn a_card_needs_no_document_and_every_other_method_does() {
        assert_eq!(pay(PaymentMethod::Pos, "600", ""), []);
        for method in &PaymentMethod::ALL[1..] {
            assert_eq!(
                pay(*method, "600", ""),
                [PaymentProblem::DocumentNumberMissing],
                "{method:?}"
            );
            assert_eq!(pay(*method, "600", "CH 0012"), [], "{method:?}");
        }
        let long = "X".repeat(MAX_DOCUMENT_NUMBER + 1);
        assert_eq!(
            pay(PaymentMethod::Receipt, "600", &long),
            [PaymentProblem::DocumentNumberInvalid]
        );
    }

    #[test]
    fn the_amount_lies_between_the_first_installment_and_the_premium() {
        assert_eq!(pay(PaymentMethod::Pos, "2400.00", ""), []);
        assert_eq!(
            pay(PaymentMethod::Pos, "599.99", ""),
            [PaymentProblem::AmountBelowFirstInstallment {
                minimum: dec("600.00")
            }]
        );
        assert_eq!(
            pay(PaymentMethod::Pos, "2400.01", ""),
            [PaymentProblem::AmountAbovePremium {
                maximum: dec("2400.00")
            }]
        );
        assert_eq!(
            pay(PaymentMethod::Pos, "x", ""),
            [PaymentProblem::AmountMissing]
        );
        assert_eq!(
            pay(PaymentMethod::Pos, "0", ""),
            [PaymentProblem::AmountMissing]
        );
    }

    #[test]
    fn method_currency_and_date_follow_the_insurer_and_the_calendar() {
        let facts = PaymentFacts {
            method: Some(PaymentMethod::BrokerReceipt),
            currency: Some(Currency::Eur),
            amount: Some(dec("600")),
            date: Some(day("2026-12-02")),
            document_number: "1",
        };
        let taken = [PaymentMethod::Pos, PaymentMethod::PaymentOrder];
        let problems = check_payment(&taken, &terms(), &facts, day(TODAY));
        assert_eq!(
            problems,
            [
                PaymentProblem::MethodNotTaken {
                    taken: taken.to_vec()
                },
                PaymentProblem::WrongCurrency {
                    expected: Currency::Ron
                },
                PaymentProblem::DateInFuture,
            ]
        );
        let paths: Vec<_> = problems.iter().map(PaymentProblem::path).collect();
        assert_eq!(
            paths,
            ["payment.method", "payment.currency", "payment.date"]
        );
        let old = PaymentFacts {
            date: Some(day("2026-10-31")),
            method: Some(PaymentMethod::Pos),
            currency: Some(Currency::Ron),
            ..facts
        };
        assert_eq!(
            check_payment(&PaymentMethod::ALL, &terms(), &old, day(TODAY)),
            [PaymentProblem::DateTooOld]
        );
        let undated = PaymentFacts { date: None, ..old };
        assert_eq!(
            check_payment(&PaymentMethod::ALL, &terms(), &undated, day(TODAY)),
            [PaymentProblem::DateMissing]
        );
        assert_eq!(
            PaymentMethod::from_wire("broker payment order"),
            Some(PaymentMethod::BrokerPaymentOrder)
        );
        assert_eq!(PaymentMethod::from_wire("cash"), None);
    }
}

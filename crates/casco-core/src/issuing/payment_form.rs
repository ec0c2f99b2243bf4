//! The payment form the agent fills before issuing: prefilled from the offer, checked with
//! the insurer's rules (`casco_api::payment`), each problem under its field.

use std::str::FromStr;

use casco_api::insurers::Insurer;
use casco_api::model::{Currency, Payment};
use casco_api::payment::{
    check_payment, OfferTerms, PaymentFacts, PaymentMethod, PaymentProblem, MAX_DOCUMENT_NUMBER,
    MAX_PAYMENT_AGE_DAYS,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::messages::Message;
use crate::quote::outcome::OfferView;

/// The payment as the agent fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDraft {
    /// How it was paid; `None` until chosen.
    pub method: Option<PaymentMethod>,
    /// The currency paid in.
    pub currency: Currency,
    /// The amount, decimal text ("600.00" or "600,00").
    pub amount: String,
    /// The payment date, `yyyy-mm-dd`.
    pub date: String,
    /// The receipt's or the payment order's number.
    pub document_number: String,
}

/// What the issuing rules need from the offer.
pub(crate) fn terms_of(offer: &OfferView) -> OfferTerms {
    let premium = Decimal::from_str(&offer.premium).unwrap_or_default();
    OfferTerms {
        currency: if offer.currency == "EUR" {
            Currency::Eur
        } else {
            Currency::Ron
        },
        premium,
        first_installment: offer
            .installments
            .first()
            .and_then(|i| Decimal::from_str(&i.amount).ok())
            .unwrap_or(premium),
    }
}

/// The form for `offer`: card, in the offer's currency, the first installment (the premium
/// when paid at once), paid today.
pub fn payment_for(offer: &OfferView, today: NaiveDate) -> PaymentDraft {
    let terms = terms_of(offer);
    PaymentDraft {
        method: Some(PaymentMethod::Pos),
        currency: terms.currency,
        amount: crate::quote::outcome::money(terms.first_installment),
        date: today.format("%Y-%m-%d").to_string(),
        document_number: String::new(),
    }
}

/// An amount as typed: "600", "600.5", "600,50" (a comma is the decimal mark).
fn parse_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if text.contains(',') && text.contains('.') {
        return None;
    }
    Decimal::from_str(&text.replace(',', ".")).ok()
}

/// The `payment` of POST /policy for `draft`, or every problem under its field.
pub fn check_payment_draft(
    insurer: &Insurer,
    offer: &OfferView,
    draft: &PaymentDraft,
    today: NaiveDate,
) -> Result<Payment, FieldErrors> {
    let mut fields = FieldErrors::new();
    let amount = parse_amount(&draft.amount);
    let date = NaiveDate::parse_from_str(draft.date.trim(), "%Y-%m-%d").ok();
    let put = |fields: &mut FieldErrors, path: &str, message: Message| {
        fields.entry(path.to_owned()).or_default().push(message);
    };
    if draft.amount.trim().is_empty() {
        put(&mut fields, "payment.amount", Message::Required);
    } else if amount.is_none() {
        put(&mut fields, "payment.amount", Message::NotNumber);
    }
    if draft.date.trim().is_empty() {
        put(&mut fields, "payment.date", Message::Required);
    } else if date.is_none() {
        put(&mut fields, "payment.date", Message::Date);
    }
    let facts = PaymentFacts {
        method: draft.method,
        currency: Some(draft.currency),
        amount,
        date,
        document_number: &draft.document_number,
    };
    let terms = terms_of(offer);
    for problem in check_payment(&insurer.payment_methods, &terms, &facts, today) {
        // An empty or unreadable amount or date was already named above.
        if let Some(message) = message_of(&problem, insurer, terms.currency) {
            if !fields.contains_key(problem.path()) {
                put(&mut fields, problem.path(), message);
            }
        }
    }
    match (fields.is_empty(), draft.method, amount, date) {
        (true, Some(method), Some(amount), Some(date)) => Ok(Payment {
            method: method.wire().to_owned(),
            currency: draft.currency,
            amount,
            date,
            document_number: Some(draft.document_number.trim().to_owned())
                .filter(|n| !n.is_empty()),
        }),
        _ => Err(fields),
    }
}

/// The message for a broken rule; amounts are in the offer's `currency`.
fn message_of(problem: &PaymentProblem, insurer: &Insurer, currency: Currency) -> Option<Message> {
    use crate::quote::outcome::money;
    Some(match problem {
        PaymentProblem::UnknownMethod => Message::Required,
        PaymentProblem::MethodNotTaken { taken } => Message::PaymentMethodNotTaken {
            insurer: insurer.display_name.clone(),
            methods: taken.clone(),
        },
        PaymentProblem::WrongCurrency { expected } => Message::PaymentCurrency {
            currency: *expected,
        },
        PaymentProblem::AmountMissing => Message::NotNumber,
        PaymentProblem::AmountBelowFirstInstallment { minimum } => {
            Message::PaymentBelowFirstInstallment {
                amount: money(*minimum),
                currency,
            }
        }
        PaymentProblem::AmountAbovePremium { maximum } => Message::PaymentAbovePremium {
            amount: money(*maximum),
            currency,
        },
        PaymentProblem::DateMissing => return None,
        PaymentProblem::DateInFuture => Message::DateInFuture,
        PaymentProblem::DateTooOld => Message::PaymentTooOld {
            days: MAX_PAYMENT_AGE_DAYS
                .unsigned_abs()
                .try_into()
                .unwrap_or(u32::MAX),
        },
        PaymentProblem::DocumentNumberMissing => Message::DocumentNumberRequired,
        PaymentProblem::DocumentNumberInvalid => Message::DocumentNumberInvalid {
            max: u32::try_from(MAX_DOCUMENT_NUMBER).unwrap_or(u32::MAX),
        },
    })
}

//! What became of one insurer's quote, as the comparison shows it: views built from what the
//! API said. The same functions build the outcome streamed while a batch runs and the one
//! rebuilt from the store when a comparison is reopened, so the two never differ; amounts are
//! decimal text, expiry is judged against the day of showing, sentences are message codes.

use casco_api::insurers::Insurer;
use casco_api::model::{Coverage, Currency, Deductibles, Motor, Offer, OffersData, QuoteRequest};
use casco_api::ApiError;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::api_errors::{app_error, server_fields};
use crate::error::FieldErrors;
use crate::messages::Message;
use crate::store::{CallAnswer, CallFailure, Reply};

/// What became of one insurer in a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InsurerOutcome {
    /// Insurer key ("groupama").
    pub insurer: String,
    /// Name shown to the agent ("Groupama").
    pub display_name: String,
    /// Offers or the reason there are none.
    pub state: OutcomeState,
    /// Time from sending the request to knowing the outcome (0 when nothing was sent).
    pub elapsed_ms: u32,
}

impl InsurerOutcome {
    /// What became of `insurer`, named as the catalogue names it.
    pub fn of(insurer: &Insurer, state: OutcomeState, elapsed_ms: u32) -> InsurerOutcome {
        InsurerOutcome {
            insurer: insurer.key.clone(),
            display_name: insurer.display_name.clone(),
            state,
            elapsed_ms,
        }
    }
}

/// The result of quoting one insurer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum OutcomeState {
    /// The insurer made offers.
    Offers {
        /// Usually one.
        offers: Vec<OfferView>,
    },
    /// The request was refused on its content; `fields` are keyed by dotted request paths
    /// (`product.vehicle.vin`) so the UI can link each message to its wizard field.
    Rejected {
        /// What the agent reads.
        message: Message,
        /// Messages per request path (empty for a plain refusal).
        fields: FieldErrors,
    },
    /// Server error, unreadable answer or network failure.
    Failed {
        /// What the agent reads.
        message: Message,
    },
    /// No answer within the per-insurer timeout.
    #[serde(rename_all = "camelCase")]
    TimedOut {
        /// The timeout that elapsed.
        after_ms: u32,
    },
    /// Not asked (switched off, no credentials) or refused as not enabled for the account.
    NotEnabled {
        /// Why.
        reason: Message,
    },
}

/// One offer, ready for the comparison table. Money is decimal text, never a float.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OfferView {
    /// Id to download the PDF and issue the policy (text: ids may exceed 2^53).
    pub offer_id: String,
    /// Insurer key.
    pub insurer: String,
    /// Premium in the offer's currency ("1234.50").
    pub premium: String,
    /// "RON" or "EUR".
    pub currency: String,
    /// Premium in RON: the premium itself for RON offers, converted for EUR offers.
    pub premium_ron: String,
    /// RON per EUR used for the conversion, when the offer states one.
    pub exchange_rate: Option<String>,
    /// Number of installments (1 when the offer lists none).
    pub installment_count: u32,
    /// Installment schedule.
    pub installments: Vec<InstallmentView>,
    /// First day of cover.
    pub start_date: NaiveDate,
    /// Last day of cover.
    pub end_date: NaiveDate,
    /// The insured sum this insurer was asked to price (the offer does not repeat it).
    pub insured_sum: Option<Money>,
    /// Deductibles asked for in the request (the offer does not repeat them).
    pub deductibles: Option<DeductiblesView>,
    /// Keys of the catalogue covers the offer lists, by code or in its notes (`glass`, …).
    pub covers: Vec<String>,
    /// Coverages with the insurer's notes.
    pub coverages: Vec<CoverageView>,
    /// The insurer's notes on the whole offer.
    pub notes: Option<String>,
    /// Last day the offer can be issued.
    pub expiry_date: Option<NaiveDate>,
    /// True when `expiry_date` is before `today`.
    pub expired: bool,
}

/// What an insurer was asked to price: offers do not repeat it, so it comes from the request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Asked {
    /// The policy's currency (of the insured sum and the partial-damage deductible).
    pub currency: Option<Currency>,
    /// The insured sum asked for.
    pub insured_sum: Option<Decimal>,
    /// The deductibles asked for.
    pub deductibles: Option<Deductibles>,
}

impl Asked {
    /// From the request as sent.
    pub fn of(request: &QuoteRequest) -> Asked {
        let motor = &request.product.motor;
        Asked {
            currency: Some(motor.currency),
            insured_sum: request
                .product
                .coverages
                .first()
                .and_then(|c| c.insured_sum),
            deductibles: motor.deductibles.clone(),
        }
    }

    /// From the request as stored (its secrets stripped, so it is read field by field); a part
    /// that does not read is left out rather than failing the whole comparison.
    pub fn of_stored(request: &serde_json::Value) -> Asked {
        let read = |pointer: &str| request.pointer(pointer).cloned();
        let motor: Option<Motor> =
            read("/product/motor").and_then(|m| serde_json::from_value(m).ok());
        let coverage: Option<Coverage> =
            read("/product/coverages/0").and_then(|c| serde_json::from_value(c).ok());
        Asked {
            currency: motor.as_ref().map(|m| m.currency),
            insured_sum: coverage.and_then(|c| c.insured_sum),
            deductibles: motor.and_then(|m| m.deductibles),
        }
    }
}

/// An amount with its currency, as decimal text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// "26300.00".
    pub amount: String,
    /// Its currency.
    pub currency: Currency,
}

/// One installment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InstallmentView {
    /// 1-based number.
    pub number: u32,
    /// Due date.
    pub due_date: NaiveDate,
    /// Amount due, decimal text.
    pub amount: String,
}

/// Deductibles (franșiză).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DeductiblesView {
    /// Amount per partial-damage claim.
    pub partial_damage: String,
    /// Percentage of a total-damage claim.
    pub total_damage_percent: String,
    /// Currency of `partial_damage`: the one the request asked for, which an insurer may
    /// not use for its premium.
    pub currency: String,
}

/// One coverage of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CoverageView {
    /// Coverage code.
    pub code: String,
    /// The insurer's notes.
    pub notes: Option<String>,
}

impl OfferView {
    /// The view of `offer` from `insurer`; `asked`, from the request the offer answers,
    /// supplies the insured sum and deductibles (offers do not repeat them), `today` the
    /// expiry flag.
    pub fn from_offer(insurer: &str, offer: &Offer, asked: &Asked, today: NaiveDate) -> OfferView {
        let rate = offer.exchange_rate.as_ref();
        let premium_ron = match (offer.currency.code(), rate) {
            ("RON", _) => offer.premium_amount,
            // The offer states the RON amount itself: use it rather than recomputing.
            (_, Some(r)) if r.currency.code() == "RON" => r.amount,
            (_, Some(r)) => (offer.premium_amount * r.exchange_rate).round_dp(2),
            // No rate stated: nothing honest to convert with; the premium stands as is.
            (_, None) => offer.premium_amount,
        };
        let mut view = OfferView {
            offer_id: offer.offer_id.to_string(),
            insurer: insurer.to_owned(),
            premium: money(offer.premium_amount),
            currency: offer.currency.code().to_owned(),
            premium_ron: money(premium_ron),
            exchange_rate: rate.map(|r| r.exchange_rate.normalize().to_string()),
            installment_count: u32::try_from(offer.installments.len().max(1)).unwrap_or(1),
            installments: offer
                .installments
                .iter()
                .map(|i| InstallmentView {
                    number: u32::try_from(i.id).unwrap_or(u32::MAX),
                    due_date: i.due_date,
                    amount: money(i.amount),
                })
                .collect(),
            start_date: offer.start_date,
            end_date: offer.end_date,
            insured_sum: asked
                .insured_sum
                .zip(asked.currency)
                .map(|(amount, currency)| Money {
                    amount: money(amount),
                    currency,
                }),
            deductibles: asked.deductibles.as_ref().map(|d| DeductiblesView {
                partial_damage: money(d.partial_damage),
                total_damage_percent: d.total_damage.normalize().to_string(),
                currency: asked.currency.map_or("RON", Currency::code).to_owned(),
            }),
            covers: covers_listed(insurer, offer),
            coverages: offer
                .coverages
                .iter()
                .map(|c| CoverageView {
                    code: c.code.clone(),
                    notes: c.notes.clone(),
                })
                .collect(),
            notes: offer.notes.clone(),
            expiry_date: offer.offer_expiry_date,
            expired: false,
        };
        view.judge_expiry(today);
        view
    }

    /// Sets `expired`: the offer can no longer be issued when its expiry date is before
    /// `today`.
    pub(crate) fn judge_expiry(&mut self, today: NaiveDate) {
        self.expired = self.expiry_date.is_some_and(|d| d < today);
    }
}

/// The catalogue covers an offer lists: by their code among its coverages, or named in a
/// coverage's or the offer's notes.
fn covers_listed(insurer: &str, offer: &Offer) -> Vec<String> {
    let coverages = offer.coverages.iter();
    let codes: Vec<&str> = coverages.clone().map(|c| c.code.as_str()).collect();
    let notes = coverages.filter_map(|c| c.notes.as_deref());
    covers_in(
        insurer,
        &codes,
        &notes.chain(offer.notes.as_deref()).collect::<Vec<_>>(),
    )
}

/// The catalogue covers named by `codes` or in `notes` of an offer of `insurer`.
pub(crate) fn covers_in(insurer: &str, codes: &[&str], notes: &[&str]) -> Vec<String> {
    casco_api::covers::catalogue()
        .iter()
        .filter(|cover| cover.listed_in(insurer, codes.iter().copied(), notes.iter().copied()))
        .map(|cover| cover.key.clone())
        .collect()
}

/// Two decimals, as amounts are shown and compared.
pub fn money(d: Decimal) -> String {
    let mut d = d.round_dp(2);
    d.rescale(2);
    d.to_string()
}

/// The state of an answer the API gave: its offers, or what its refusal amounts to.
pub fn state_from_data(
    data: Result<OffersData, ApiError>,
    insurer: &str,
    asked: &Asked,
    today: NaiveDate,
) -> OutcomeState {
    match data {
        Ok(data) => OutcomeState::Offers {
            offers: data
                .offers
                .iter()
                .map(|o| OfferView::from_offer(insurer, o, asked, today))
                .collect(),
        },
        Err(e) => failure_state(&e),
    }
}

/// The state of a call that got no answer to keep.
pub fn state_from_failure(failure: &CallFailure) -> OutcomeState {
    let message = match failure {
        CallFailure::TimedOut { after_ms } => {
            return OutcomeState::TimedOut {
                after_ms: *after_ms,
            }
        }
        CallFailure::CannotConnect => Message::CannotConnect,
        CallFailure::Redirected { host } => Message::Redirected { host: host.clone() },
        CallFailure::TooLarge => Message::AnswerTooLarge,
        CallFailure::SessionRefused => Message::SessionRefused,
        CallFailure::Unusable { .. } => Message::BadAnswer,
    };
    OutcomeState::Failed { message }
}

/// The state of a stored answer: the body decoded as the client decodes it live.
pub fn state_from_answer(
    answer: &CallAnswer,
    insurer: &str,
    asked: &Asked,
    today: NaiveDate,
) -> OutcomeState {
    match &answer.reply {
        Reply::Received { status, body } => {
            let data = casco_api::envelope::decode("quote", *status, body.as_bytes());
            state_from_data(data, insurer, asked, today)
        }
        Reply::Failed(failure) => state_from_failure(failure),
    }
}

/// A failed call (no answer came) as the fact the store keeps.
pub fn call_failure(e: &ApiError) -> CallFailure {
    match e {
        ApiError::Timeout { after, .. } => CallFailure::TimedOut {
            after_ms: u32::try_from(after.as_millis()).unwrap_or(u32::MAX),
        },
        ApiError::Connect { .. } | ApiError::Transport { .. } => CallFailure::CannotConnect,
        ApiError::Redirect { target, .. } => CallFailure::Redirected {
            host: target.clone(),
        },
        ApiError::TooLarge { .. } => CallFailure::TooLarge,
        ApiError::Auth { .. } => CallFailure::SessionRefused,
        other => CallFailure::Unusable {
            detail: other.to_string(),
        },
    }
}

/// The state an answer that is not an offer amounts to (a refusal, a VALIDATION_ERROR, an
/// unreadable body), or a call that failed before any answer.
pub(crate) fn failure_state(e: &ApiError) -> OutcomeState {
    match e {
        ApiError::Timeout { after, .. } => OutcomeState::TimedOut {
            after_ms: u32::try_from(after.as_millis()).unwrap_or(u32::MAX),
        },
        ApiError::Validation { fields, .. } => OutcomeState::Rejected {
            message: app_error(e).message,
            fields: server_fields(fields),
        },
        // The API has no code for "not enabled": its plain message is the only sign.
        ApiError::Rejected { message, .. } if says_not_enabled(message) => {
            OutcomeState::NotEnabled {
                reason: Message::ServerSaid {
                    text: message.clone(),
                },
            }
        }
        ApiError::Rejected { .. } => OutcomeState::Rejected {
            message: app_error(e).message,
            fields: FieldErrors::new(),
        },
        _ => OutcomeState::Failed {
            message: app_error(e).message,
        },
    }
}

fn says_not_enabled(message: &str) -> bool {
    let m = message.to_lowercase();
    [
        "nu este activat",
        "nu este activ",
        "not enabled",
        "not active",
    ]
    .iter()
    .any(|sign| m.contains(sign))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn offer(json: &str) -> Offer {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn eur_offers_keep_both_amounts() {
        let o = offer(
            r#"{"offerId": 7, "premiumAmount": 100, "currency": "EUR",
                "exchangeRate": {"currency": "RON", "amount": 497, "exchangeRate": 4.97},
                "startDate": "2025-06-16", "endDate": "2026-06-15",
                "installments": [{"id": 1, "amount": "50", "dueDate": "2025-06-16"},
                                 {"id": 2, "amount": "50", "dueDate": "2025-12-16"}],
                "offerExpiryDate": "2025-07-01"}"#,
        );
        let today = NaiveDate::from_ymd_opt(2025, 7, 2).unwrap();
        let asked = Asked {
            currency: Some(Currency::Ron),
            insured_sum: Some(Decimal::from(26_300)),
            deductibles: None,
        };
        let v = OfferView::from_offer("allianz", &o, &asked, today);
        let sum = v.insured_sum.as_ref().unwrap();
        assert_eq!(
            (sum.amount.as_str(), sum.currency),
            ("26300.00", Currency::Ron)
        );
        assert_eq!(v.premium, "100.00");
        assert_eq!(v.currency, "EUR");
        assert_eq!(v.premium_ron, "497.00");
        assert_eq!(v.exchange_rate.as_deref(), Some("4.97"));
        assert_eq!(v.installment_count, 2);
        assert_eq!(v.installments[1].amount, "50.00");
        assert!(v.expired);
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["premiumRon"], "497.00");
    }

    #[test]
    fn eur_offers_without_a_ron_amount_are_converted_with_the_rate() {
        let o = offer(
            r#"{"offerId": 7, "premiumAmount": "100.10", "currency": "EUR",
                "exchangeRate": {"currency": "EUR", "amount": 100.1, "exchangeRate": "5"},
                "startDate": "2025-06-16", "endDate": "2026-06-15"}"#,
        );
        let v = OfferView::from_offer("uniqa", &o, &Asked::default(), NaiveDate::MIN);
        assert_eq!(v.insured_sum, None);
        assert_eq!(v.premium_ron, "500.50");
        assert_eq!(v.installment_count, 1);
        assert!(!v.expired);
    }

    #[test]
    fn failures_map_to_their_own_states() {
        // No answer came: the fact kept, and the state shown from it.
        let timeout = ApiError::Timeout {
            operation: "quote",
            after: std::time::Duration::from_millis(1500),
        };
        let failure = call_failure(&timeout);
        assert_eq!(failure, CallFailure::TimedOut { after_ms: 1500 });
        let t = state_from_failure(&failure);
        assert_eq!(t, OutcomeState::TimedOut { after_ms: 1500 });
        let mut fields = BTreeMap::new();
        fields.insert("product.vehicle.vin".to_owned(), vec!["bad".to_owned()]);
        let v = failure_state(&ApiError::Validation {
            status: 400,
            fields: fields.clone(),
        });
        let said = vec![Message::ServerSaid { text: "bad".into() }];
        assert!(
            matches!(&v, OutcomeState::Rejected { fields: f, .. } if f["product.vehicle.vin"] == said)
        );
        let n = failure_state(&ApiError::Rejected {
            operation: "quote",
            status: 400,
            message: "Asigurătorul X nu este activat pentru acest cont de broker.".into(),
        });
        assert!(matches!(n, OutcomeState::NotEnabled { .. }), "{n:?}");
        let f = failure_state(&ApiError::HttpStatus {
            operation: "quote",
            status: 502,
            body_start: "<html>".into(),
        });
        let refused = Message::ServerRefused {
            message: "HTTP 502".into(),
        };
        assert_eq!(f, OutcomeState::Failed { message: refused });
    }

    #[test]
    fn states_serialize_with_a_kind_tag_in_camel_case() {
        let s = serde_json::to_value(OutcomeState::TimedOut { after_ms: 5 }).unwrap();
        assert_eq!(s, serde_json::json!({"kind": "timedOut", "afterMs": 5}));
    }
}

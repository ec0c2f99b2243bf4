//! Quoting every insurer at once (issue 6): one session for the batch, one `POST /offer` per
//! insurer, all in flight together, each with its own timeout, and every outcome handed to
//! the caller the moment it is known, so the comparison fills in while slow insurers think.
//!
//! A failing insurer never spoils the batch: each ends in exactly one [`InsurerOutcome`]
//! whose [`OutcomeState`] says, in the agent's language, what happened to it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use casco_api::insurers::Insurer;
use casco_api::model::{Offer, ProviderAuthentication, QuoteRequest};
use casco_api::{ApiError, CallOptions, CascoClient};
use chrono::NaiveDate;
use futures_util::stream::{FuturesUnordered, StreamExt};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::build_quote_request;
use super::draft::QuoteDraft;
use crate::api_errors::{app_error, server_fields};
use crate::error::FieldErrors;
use crate::insurers::ProviderCredentials;
use crate::messages::Message;
use crate::store::{DraftId, Store};

/// One insurer of the batch, as settings and the keychain describe it.
#[derive(Debug, Clone)]
pub struct InsurerCall {
    /// The catalogue entry (key, display name, product).
    pub insurer: &'static Insurer,
    /// The broker's account with this insurer; `None` when none was saved.
    pub credentials: Option<ProviderCredentials>,
    /// Switched on in settings.
    pub enabled: bool,
}

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
    /// Deductibles asked for in the request (the offer does not repeat them).
    pub deductibles: Option<DeductiblesView>,
    /// Coverages with the insurer's notes.
    pub coverages: Vec<CoverageView>,
    /// The insurer's notes on the whole offer.
    pub notes: Option<String>,
    /// Last day the offer can be issued.
    pub expiry_date: Option<NaiveDate>,
    /// True when `expiry_date` is before `today`.
    pub expired: bool,
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
    /// The view of `offer` from `insurer`; `request` supplies the deductibles, `today` the
    /// expiry flag.
    pub fn from_offer(
        insurer: &str,
        offer: &Offer,
        request: Option<&QuoteRequest>,
        today: NaiveDate,
    ) -> OfferView {
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
            deductibles: request.and_then(|r| {
                let motor = &r.product.motor;
                motor.deductibles.as_ref().map(|d| DeductiblesView {
                    partial_damage: money(d.partial_damage),
                    total_damage_percent: d.total_damage.normalize().to_string(),
                    currency: motor.currency.code().to_owned(),
                })
            }),
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

/// Two decimals, as amounts are shown and compared.
pub(crate) fn money(d: Decimal) -> String {
    let mut d = d.round_dp(2);
    d.rescale(2);
    d.to_string()
}

/// The settings of one batch.
#[derive(Debug, Clone, Copy)]
pub struct FanoutOptions {
    /// Each insurer's own timeout (session renewal and one retry included).
    pub per_insurer_timeout: Duration,
    /// The day offers are judged expired against.
    pub today: NaiveDate,
}

/// Quotes every enabled insurer with credentials, all at once, and returns one outcome per
/// entry of `insurers` in the order they completed. Each outcome is also passed to
/// `on_outcome` as soon as it is known (insurers not asked come first).
///
/// The session is obtained once before the batch (a login only when the client has none);
/// a token the server refuses mid-batch is renewed once by the client for all calls in
/// flight. With `store`, every call is recorded before it is sent and again when it ends, so
/// a batch cut short by a crash shows which insurers never answered.
pub async fn quote_insurers(
    client: Arc<CascoClient>,
    draft: &QuoteDraft,
    insurers: Vec<InsurerCall>,
    options: FanoutOptions,
    store: Option<(&Store, DraftId)>,
    on_outcome: &(dyn Fn(InsurerOutcome) + Send + Sync),
) -> Vec<InsurerOutcome> {
    let mut results = Vec::with_capacity(insurers.len());
    let emit = |outcome: InsurerOutcome, results: &mut Vec<InsurerOutcome>| {
        on_outcome(outcome.clone());
        results.push(outcome);
    };

    // Insurers that are not asked, and requests that cannot be built, are settled first.
    let mut ready = Vec::new();
    for call in insurers {
        let insurer = call.insurer;
        let settle = |state| InsurerOutcome::of(insurer, state, 0);
        let credentials = match (call.enabled, call.credentials) {
            (true, Some(c)) => Ok(c),
            (false, _) => Err(Message::SwitchedOff),
            (true, None) => Err(Message::CredentialsMissing),
        };
        let credentials = match credentials {
            Ok(c) => c,
            Err(reason) => {
                emit(settle(OutcomeState::NotEnabled { reason }), &mut results);
                continue;
            }
        };
        let auth = ProviderAuthentication {
            account: credentials.account,
            password: credentials.password,
            code: Some(credentials.code).filter(|c| !c.expose().is_empty()),
        };
        match build_quote_request(draft, insurer, Some(auth)) {
            Ok(request) => ready.push((insurer, request)),
            Err(fields) => emit(
                settle(OutcomeState::Rejected {
                    message: Message::CannotSendRequest,
                    fields,
                }),
                &mut results,
            ),
        }
    }
    if ready.is_empty() {
        return results;
    }

    // One session for the whole batch, obtained before any call: a failing login then fails
    // the batch once instead of once per insurer, and a live session is reused (a login only
    // when the client has none).
    if client.refresh_token().await.is_none() {
        let session = client
            .login(CallOptions::with_timeout(options.per_insurer_timeout))
            .await;
        if let Err(e) = session {
            for (insurer, _) in ready {
                emit(
                    InsurerOutcome::of(insurer, failure_state(&e), 0),
                    &mut results,
                );
            }
            return results;
        }
    }

    // All calls are polled by this one task: no spawn, so `draft`, `store` and the callback
    // can be borrowed, and each outcome is handled the moment its future completes.
    let mut in_flight = FuturesUnordered::new();
    for (insurer, request) in ready {
        let record = store.and_then(|(s, draft_id)| {
            s.record_quote_started(draft_id, &insurer.key, &request, chrono::Utc::now())
                .map_err(|e| log::warn!("quote call to {} not recorded: {e}", insurer.key))
                .ok()
        });
        let client = Arc::clone(&client);
        in_flight.push(async move {
            let started = Instant::now();
            let answer = client
                .quote(
                    &request,
                    CallOptions::with_timeout(options.per_insurer_timeout),
                )
                .await;
            let elapsed_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
            let state = match answer {
                Ok(data) => OutcomeState::Offers {
                    offers: data
                        .offers
                        .iter()
                        .map(|o| {
                            OfferView::from_offer(&insurer.key, o, Some(&request), options.today)
                        })
                        .collect(),
                },
                Err(e) => failure_state(&e),
            };
            (record, InsurerOutcome::of(insurer, state, elapsed_ms))
        });
    }
    while let Some((record, outcome)) = in_flight.next().await {
        if let (Some((s, _)), Some(call_id)) = (store, record) {
            if let Err(e) = s.record_quote_finished(call_id, &outcome, chrono::Utc::now()) {
                log::warn!("outcome of {} not recorded: {e}", outcome.insurer);
            }
        }
        emit(outcome, &mut results);
    }
    results
}

/// The outcome state for a failed call.
fn failure_state(e: &ApiError) -> OutcomeState {
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
        let v = OfferView::from_offer("allianz", &o, None, today);
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
        let v = OfferView::from_offer("uniqa", &o, None, NaiveDate::MIN);
        assert_eq!(v.premium_ron, "500.50");
        assert_eq!(v.installment_count, 1);
        assert!(!v.expired);
    }

    #[test]
    fn failures_map_to_their_own_states() {
        let t = failure_state(&ApiError::Timeout {
            operation: "quote",
            after: Duration::from_millis(1500),
        });
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

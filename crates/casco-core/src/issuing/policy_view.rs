//! What became of an offer the agent asked to issue, built from the stored facts (the request
//! sent and the raw answer) each time it is read: issued (the policy, with what the answer
//! left out shown as unknown), refused (nothing was issued), or unconfirmed (the answer never
//! came or cannot say: only the same request may be sent again).

use casco_api::model::{PoliciesData, Policy};
use casco_api::payment::PaymentMethod;
use casco_api::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::api_errors::{app_error, server_fields};
use crate::error::FieldErrors;
use crate::messages::Message;
use crate::quote::outcome::{money, InstallmentView, Money};
use crate::store::{CallAnswer, IssueRecord, Reply};

/// An issued policy as the agent sees it; `None` where the insurer's answer did not say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PolicyView {
    /// Policy series.
    pub series: String,
    /// Policy number.
    pub number: String,
    /// The insurer's own code for it.
    pub provider_policy_code: Option<String>,
    /// First day of cover.
    pub start_date: Option<NaiveDate>,
    /// Last day of cover.
    pub end_date: Option<NaiveDate>,
    /// The whole premium.
    pub premium: Option<Money>,
    /// The installments.
    pub installments: Vec<InstallmentView>,
    /// The payment recorded.
    pub payment: Option<PaymentView>,
}

/// A recorded payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PaymentView {
    /// The method, when it is one the app knows.
    pub method: Option<PaymentMethod>,
    /// The amount paid.
    pub amount: Money,
    /// The payment date.
    pub date: NaiveDate,
    /// The receipt's or payment order's number.
    pub document_number: Option<String>,
}

/// Where an offer's issuing stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum IssueState {
    /// Sent, and no answer says what happened: "Emitere neconfirmată" until checked.
    Unconfirmed {
        /// How many times the request was sent.
        attempts: u32,
        /// What the last attempt ran into, when it is known.
        reason: Option<Message>,
    },
    /// The insurer refused: nothing was issued; the payment may be corrected.
    Refused {
        /// What the agent reads.
        message: Message,
        /// Messages per request path (`payment.amount`).
        fields: FieldErrors,
    },
    /// Issued.
    Issued {
        /// The policy.
        policy: PolicyView,
    },
}

/// An offer's issuing, for the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OfferIssue {
    /// The API's offer id.
    pub offer_id: String,
    /// The insurer's key.
    pub insurer: String,
    /// Where it stands.
    pub state: IssueState,
}

impl OfferIssue {
    /// The issuing `record` amounts to.
    pub fn of(record: &IssueRecord) -> OfferIssue {
        OfferIssue {
            offer_id: record.offer_id.clone(),
            insurer: record.insurer.clone(),
            state: issue_state(record.answer.as_ref(), record.attempts),
        }
    }

    /// The policy, when issued.
    pub fn policy(&self) -> Option<&PolicyView> {
        match &self.state {
            IssueState::Issued { policy } => Some(policy),
            _ => None,
        }
    }
}

/// The state an answer (or its absence) amounts to. Only a refusal the insurer states (4xx)
/// proves nothing was issued; a 5xx, a timeout or an unreadable 200 might hide a policy.
pub fn issue_state(answer: Option<&CallAnswer>, attempts: u32) -> IssueState {
    let unconfirmed = |reason| IssueState::Unconfirmed { attempts, reason };
    let Some(answer) = answer else {
        return unconfirmed(None);
    };
    let (status, body) = match &answer.reply {
        Reply::Received { status, body } => (*status, body),
        Reply::Failed(failure) => {
            let reason = crate::quote::outcome::state_from_failure(failure);
            return unconfirmed(failure_message(reason));
        }
    };
    match casco_api::envelope::decode::<PoliciesData>("issue_policy", status, body.as_bytes()) {
        Ok(mut data) if !data.policies.is_empty() => IssueState::Issued {
            policy: policy_view(data.policies.swap_remove(0)),
        },
        Ok(_) => unconfirmed(Some(Message::BadAnswer)),
        Err(e) if (400..500).contains(&status) && !matches!(e, ApiError::Auth { .. }) => {
            refused(&e)
        }
        Err(e) => unconfirmed(Some(app_error(&e).message)),
    }
}

fn failure_message(state: crate::quote::outcome::OutcomeState) -> Option<Message> {
    use crate::quote::outcome::OutcomeState;
    match state {
        OutcomeState::Failed { message } => Some(message),
        OutcomeState::TimedOut { .. } => Some(Message::TimedOut),
        _ => None,
    }
}

fn refused(e: &ApiError) -> IssueState {
    let fields = match e {
        ApiError::Validation { fields, .. } => server_fields(fields),
        _ => FieldErrors::new(),
    };
    IssueState::Refused {
        message: app_error(e).message,
        fields,
    }
}

/// The policy as the agent sees it.
pub fn policy_view(policy: Policy) -> PolicyView {
    let currency = policy.currency;
    let premium = policy
        .premium_amount
        .zip(currency)
        .map(|(amount, currency)| Money {
            amount: money(amount),
            currency,
        });
    let installments = policy
        .installments
        .iter()
        .map(|i| InstallmentView {
            number: u32::try_from(i.id).unwrap_or(u32::MAX),
            due_date: i.due_date,
            amount: money(i.amount),
        })
        .collect();
    let payment = policy.payment.map(|p| PaymentView {
        method: PaymentMethod::from_wire(&p.method),
        amount: Money {
            amount: money(p.amount),
            currency: p.currency,
        },
        date: p.date,
        document_number: p.document_number,
    });
    PolicyView {
        series: policy.series,
        number: policy.number.0,
        provider_policy_code: policy.provider_policy_code,
        start_date: policy.start_date,
        end_date: policy.end_date,
        premium,
        installments,
        payment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CallFailure;

    fn received(status: u16, body: serde_json::Value) -> CallAnswer {
        CallAnswer {
            reply: Reply::Received {
                status,
                body: body.to_string(),
            },
            elapsed_ms: 5,
        }
    }

    #[test]
    fn a_sparse_answer_is_still_a_policy_with_the_rest_unknown() {
        let body = serde_json::json!({"error": false, "status": 200,
            "data": {"policies": [{"series": "GRP", "number": 100045}]}});
        let IssueState::Issued { policy } = issue_state(Some(&received(200, body)), 1) else {
            panic!("issued");
        };
        assert_eq!(
            (policy.series.as_str(), policy.number.as_str()),
            ("GRP", "100045")
        );
        assert_eq!(policy.premium, None);
        assert_eq!(policy.payment, None);
        assert!(policy.installments.is_empty());
    }

    #[test]
    fn only_a_refusal_proves_nothing_was_issued() {
        let refusal = serde_json::json!({"error": true, "status": 400, "message": "VALIDATION_ERROR",
            "data": {"payment.amount": ["Suma plătită nu acoperă prima rată."]}});
        let state = issue_state(Some(&received(400, refusal)), 1);
        assert!(
            matches!(&state, IssueState::Refused { fields, .. } if fields.contains_key("payment.amount"))
        );
        let gateway = received(502, serde_json::json!("<html>"));
        assert!(matches!(
            issue_state(Some(&gateway), 1),
            IssueState::Unconfirmed { .. }
        ));
        let garbled = received(
            200,
            serde_json::json!({"data": {"policies": [{"series": "A"}]}}),
        );
        assert!(matches!(
            issue_state(Some(&garbled), 2),
            IssueState::Unconfirmed { attempts: 2, .. }
        ));
        let timed_out = CallAnswer {
            reply: Reply::Failed(CallFailure::TimedOut { after_ms: 90_000 }),
            elapsed_ms: 90_000,
        };
        assert!(matches!(
            issue_state(Some(&timed_out), 1),
            IssueState::Unconfirmed {
                reason: Some(Message::TimedOut),
                ..
            }
        ));
        assert!(matches!(
            issue_state(None, 1),
            IssueState::Unconfirmed { reason: None, .. }
        ));
    }
}

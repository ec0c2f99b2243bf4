//! Issuing an offer exactly once. The intent (the very request to send) is written to the store
//! before POST /policy; while it runs nothing else is sent for that offer, from this window or
//! any other (an in-process guard, and the store's unique offer id for other processes). If
//! the answer never comes, the offer stays "unconfirmed": the only call allowed is the very
//! same request again ([`verify_issue`]), which the API answers with the policy it already
//! issued. A new request with other data is sent only after the insurer refused the first,
//! which proves nothing was issued.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use casco_api::insurers::Insurer;
use casco_api::model::PolicyRequest;
use casco_api::{CallOptions, CascoClient};
use chrono::{NaiveDate, Utc};

use super::payment_form::{check_payment_draft, PaymentDraft};
use super::policy_view::{IssueState, OfferIssue};
use crate::error::{AppError, ErrorCode};
use crate::messages::Message;
use crate::quote::outcome::{call_failure, OfferView, OutcomeState};
use crate::quote::saved_comparison;
use crate::store::{CallAnswer, DraftId, IssueId, Reply, Store};

/// The offers this process is issuing right now.
#[derive(Debug, Default)]
pub struct IssuesInFlight(Mutex<HashSet<String>>);

/// Holds an offer in [`IssuesInFlight`] until dropped.
struct InFlight<'a> {
    all: &'a IssuesInFlight,
    offer_id: String,
}

impl IssuesInFlight {
    /// Marks `offer_id` as being issued; `None` when it already is.
    fn enter(&self, offer_id: &str) -> Option<InFlight<'_>> {
        let mut set = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        set.insert(offer_id.to_owned()).then(|| InFlight {
            all: self,
            offer_id: offer_id.to_owned(),
        })
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut set = self.all.0.lock().unwrap_or_else(PoisonError::into_inner);
        set.remove(&self.offer_id);
    }
}

/// An offer of a draft's stored comparison, with its insurer.
pub(crate) struct StoredOffer {
    pub insurer: &'static Insurer,
    pub offer: OfferView,
}

/// Offer `offer_id` among the draft's stored offers, judged on `today`.
pub(crate) fn stored_offer(
    store: &Store,
    draft_id: DraftId,
    offer_id: &str,
    today: NaiveDate,
) -> Result<StoredOffer, AppError> {
    let saved = saved_comparison(store, draft_id, today).map_err(|e| e.to_app_error())?;
    saved
        .outcomes
        .into_iter()
        .filter_map(|o| match o.state {
            OutcomeState::Offers { offers } => Some(offers),
            _ => None,
        })
        .flatten()
        .find(|o| o.offer_id == offer_id)
        .and_then(|offer| {
            let insurer = casco_api::insurers::find(&offer.insurer)?;
            Some(StoredOffer { insurer, offer })
        })
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, Message::OfferNotFound))
}

/// What the agent asked to issue.
#[derive(Debug, Clone, Copy)]
pub struct IssueOrder<'a> {
    /// The draft whose comparison holds the offer.
    pub draft_id: DraftId,
    /// The API's offer id.
    pub offer_id: &'a str,
    /// The payment as filled in.
    pub payment: &'a PaymentDraft,
}

/// Issues the offer of `order` once. An offer already issued returns its policy and sends
/// nothing; an unconfirmed one is refused (check it with [`verify_issue`]); an expired offer
/// or a payment that breaks the insurer's rules is refused before any call.
pub async fn issue_policy(
    client: &CascoClient,
    store: &Store,
    in_flight: &IssuesInFlight,
    order: IssueOrder<'_>,
    today: NaiveDate,
    opts: CallOptions,
) -> Result<OfferIssue, AppError> {
    let StoredOffer { insurer, offer } =
        stored_offer(store, order.draft_id, order.offer_id, today)?;
    if let Some(blocked) = draft_blocked(store, order.draft_id, Some(order.offer_id))? {
        return Err(AppError::new(ErrorCode::Conflict, blocked));
    }
    let _running = in_flight
        .enter(order.offer_id)
        .ok_or_else(|| AppError::new(ErrorCode::Conflict, Message::IssueInProgress))?;
    let earlier = store
        .issue_for_offer(order.offer_id)
        .map_err(|e| e.to_app_error())?;
    if let Some(earlier) = &earlier {
        let issue = OfferIssue::of(earlier);
        match issue.state {
            IssueState::Issued { .. } => return Ok(issue),
            IssueState::Unconfirmed { .. } => {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    Message::IssueUnconfirmed,
                ))
            }
            IssueState::Refused { .. } => {}
        }
    }
    if offer.expired {
        let date = offer.expiry_date.map(|d| d.to_string()).unwrap_or_default();
        return Err(AppError::new(
            ErrorCode::Validation,
            Message::OfferExpired { date },
        ));
    }
    let payment = check_payment_draft(insurer, &offer, order.payment, today)
        .map_err(|fields| AppError::validation(Message::FixHighlighted, fields))?;
    let request = PolicyRequest {
        offer_id: order
            .offer_id
            .parse()
            .map_err(|_| AppError::new(ErrorCode::NotFound, Message::OfferNotFound))?,
        payment,
    };
    let id = match earlier {
        Some(refused) => {
            store
                .restart_refused_issue(refused.id, &request, Utc::now())
                .map_err(|e| e.to_app_error())?;
            refused.id
        }
        None => match store
            .begin_issue(
                order.draft_id,
                &insurer.key,
                order.offer_id,
                &request,
                Utc::now(),
            )
            .map_err(|e| e.to_app_error())?
        {
            Ok(id) => id,
            // Another process wrote its intent first: it is that one's call.
            Err(_) => return Err(AppError::new(ErrorCode::Conflict, Message::IssueInProgress)),
        },
    };
    send(client, store, id, &request, opts).await
}

/// Why the draft takes no new issue (or, with `except: None`, no new quote): another of its
/// offers was issued (one draft sells one policy) or waits to be checked. `except` is the
/// offer being issued, whose own earlier attempt is judged by the caller.
pub fn draft_blocked(
    store: &Store,
    draft: DraftId,
    except: Option<&str>,
) -> Result<Option<Message>, AppError> {
    let issues = store
        .issues_for_draft(draft)
        .map_err(|e| e.to_app_error())?;
    let others = issues
        .iter()
        .filter(|r| Some(r.offer_id.as_str()) != except);
    let states: Vec<IssueState> = others.map(|r| OfferIssue::of(r).state).collect();
    if states
        .iter()
        .any(|s| matches!(s, IssueState::Issued { .. }))
    {
        return Ok(Some(Message::DraftIssued));
    }
    let unconfirmed = states
        .iter()
        .any(|s| matches!(s, IssueState::Unconfirmed { .. }));
    Ok(unconfirmed.then_some(Message::IssueUnconfirmed))
}

/// Sends the stored request of an unconfirmed issue again, unchanged, and records the answer.
/// An issue that is settled (issued or refused) is returned as it is, with no call.
pub async fn verify_issue(
    client: &CascoClient,
    store: &Store,
    in_flight: &IssuesInFlight,
    offer_id: &str,
    opts: CallOptions,
) -> Result<OfferIssue, AppError> {
    let _running = in_flight
        .enter(offer_id)
        .ok_or_else(|| AppError::new(ErrorCode::Conflict, Message::IssueInProgress))?;
    let record = store
        .issue_for_offer(offer_id)
        .map_err(|e| e.to_app_error())?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, Message::OfferNotFound))?;
    let issue = OfferIssue::of(&record);
    if !matches!(issue.state, IssueState::Unconfirmed { .. }) {
        return Ok(issue);
    }
    store
        .count_issue_attempt(record.id)
        .map_err(|e| e.to_app_error())?;
    send(client, store, record.id, &record.request, opts).await
}

/// Sends `request`, stores the answer as received, and reads the stored answer.
async fn send(
    client: &CascoClient,
    store: &Store,
    id: IssueId,
    request: &PolicyRequest,
    opts: CallOptions,
) -> Result<OfferIssue, AppError> {
    let started = Instant::now();
    let reply = match client.issue_policy_answered(request, opts).await {
        Ok(answered) => Reply::Received {
            status: answered.status,
            body: String::from_utf8_lossy(&answered.body).into_owned(),
        },
        Err(e) => Reply::Failed(call_failure(&e)),
    };
    let answer = CallAnswer {
        reply,
        elapsed_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
    };
    store
        .record_issue_answer(id, &answer, Utc::now())
        .map_err(|e| e.to_app_error())?;
    let record = store
        .issue_for_offer(&request.offer_id.to_string())
        .map_err(|e| e.to_app_error())?
        .ok_or_else(|| AppError::new(ErrorCode::Internal, Message::OfferNotFound))?;
    Ok(OfferIssue::of(&record))
}

//! Quoting every insurer at once: one session for the batch, one `POST /offer` per insurer,
//! all in flight together, each with its own timeout, and every outcome handed to the caller
//! the moment it is known, so the comparison fills in while slow insurers think.
//!
//! A failing insurer never spoils the batch: each ends in exactly one [`InsurerOutcome`]. The
//! batch runs in three steps: `settle` the insurers that are not asked, open the session
//! once, then keep every call `in_flight` together, recording each call's facts in the
//! store before it is sent and when its answer arrives.

use std::sync::Arc;
use std::time::{Duration, Instant};

use casco_api::insurers::Insurer;
use casco_api::model::{ProviderAuthentication, QuoteRequest};
use casco_api::{Answered, ApiError, CallOptions, CascoClient};
use chrono::{NaiveDate, Utc};
use futures_util::stream::{FuturesUnordered, StreamExt};

use super::build_quote_request;
use super::draft::QuoteDraft;
use super::outcome::{call_failure, state_from_data, state_from_failure, Asked};
pub use super::outcome::{
    CoverageView, DeductiblesView, InstallmentView, InsurerOutcome, OfferView, OutcomeState,
};
use crate::insurers::ProviderCredentials;
use crate::messages::Message;
use crate::store::{CallAnswer, DraftId, QuoteCallId, Reply, Store};

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

/// The settings of one batch.
#[derive(Debug, Clone, Copy)]
pub struct FanoutOptions {
    /// Each insurer's own timeout (session renewal and one retry included).
    pub per_insurer_timeout: Duration,
    /// The day offers are judged expired against.
    pub today: NaiveDate,
}

/// The outcomes of a batch so far, each passed on the moment it is known.
struct Outcomes<'a> {
    all: Vec<InsurerOutcome>,
    on_outcome: &'a (dyn Fn(InsurerOutcome) + Send + Sync),
}

impl Outcomes<'_> {
    fn emit(&mut self, outcome: InsurerOutcome) {
        (self.on_outcome)(outcome.clone());
        self.all.push(outcome);
    }
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
    let mut outcomes = Outcomes {
        all: Vec::with_capacity(insurers.len()),
        on_outcome,
    };
    let ready = settle(draft, insurers, &mut outcomes);
    if ready.is_empty() {
        return outcomes.all;
    }
    // One session for the whole batch, before any call: a failing login then fails the batch
    // once instead of once per insurer (a login only when the client has none).
    if client.refresh_token().await.is_none() {
        let timeout = CallOptions::with_timeout(options.per_insurer_timeout);
        if let Err(e) = client.login(timeout).await {
            let state = state_from_failure(&call_failure(&e));
            for (insurer, _) in ready {
                outcomes.emit(InsurerOutcome::of(insurer, state.clone(), 0));
            }
            return outcomes.all;
        }
    }
    in_flight(client, ready, options, store, &mut outcomes).await;
    outcomes.all
}

/// Settles the insurers that are not asked (switched off, no credentials, a request the
/// draft cannot build) and returns the requests to send.
fn settle(
    draft: &QuoteDraft,
    insurers: Vec<InsurerCall>,
    outcomes: &mut Outcomes<'_>,
) -> Vec<(&'static Insurer, QuoteRequest)> {
    let mut ready = Vec::new();
    for call in insurers {
        let insurer = call.insurer;
        let credentials = match (call.enabled, call.credentials) {
            (true, Some(c)) => c,
            (enabled, _) => {
                let reason = match enabled {
                    false => Message::SwitchedOff,
                    true => Message::CredentialsMissing,
                };
                let state = OutcomeState::NotEnabled { reason };
                outcomes.emit(InsurerOutcome::of(insurer, state, 0));
                continue;
            }
        };
        if insurer.product_for(draft.vehicle.is_leased).is_none() {
            let reason = Message::NoProductFor {
                leased: draft.vehicle.is_leased,
            };
            let state = OutcomeState::NotEnabled { reason };
            outcomes.emit(InsurerOutcome::of(insurer, state, 0));
            continue;
        }
        let auth = ProviderAuthentication {
            account: credentials.account,
            password: credentials.password,
            code: Some(credentials.code).filter(|c| !c.expose().is_empty()),
        };
        match build_quote_request(draft, insurer, Some(auth)) {
            Ok(request) => ready.push((insurer, request)),
            Err(fields) => {
                let state = OutcomeState::Rejected {
                    message: Message::CannotSendRequest,
                    fields,
                };
                outcomes.emit(InsurerOutcome::of(insurer, state, 0));
            }
        }
    }
    ready
}

/// What one call came back with.
struct Settled {
    insurer: &'static Insurer,
    asked: Asked,
    record: Option<QuoteCallId>,
    result: Result<Answered<casco_api::model::OffersData>, ApiError>,
    elapsed_ms: u32,
}

/// Sends every request at once and handles each answer the moment it arrives. All calls are
/// polled by this one task (no spawn), so the store and the callback can be borrowed.
async fn in_flight(
    client: Arc<CascoClient>,
    ready: Vec<(&'static Insurer, QuoteRequest)>,
    options: FanoutOptions,
    store: Option<(&Store, DraftId)>,
    outcomes: &mut Outcomes<'_>,
) {
    let mut calls = FuturesUnordered::new();
    for (insurer, request) in ready {
        let record = store.and_then(|(s, draft_id)| {
            s.record_quote_started(draft_id, &insurer.key, &request, Utc::now())
                .map_err(|e| log::warn!("quote call to {} not recorded: {e}", insurer.key))
                .ok()
        });
        let client = Arc::clone(&client);
        calls.push(async move {
            let started = Instant::now();
            let mut opts = CallOptions::with_timeout(options.per_insurer_timeout);
            if let Some(masked) = crate::api_log::client_of(&request.product.policyholder) {
                opts = opts.labelled(masked);
            }
            let result = client.quote_answered(&request, opts).await;
            Settled {
                insurer,
                asked: Asked::of(&request),
                record,
                result,
                elapsed_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
            }
        });
    }
    while let Some(settled) = calls.next().await {
        let outcome = conclude(settled, options.today, store.map(|(s, _)| s));
        outcomes.emit(outcome);
    }
}

/// Records what the API said to one call and turns it into the outcome shown.
fn conclude(settled: Settled, today: NaiveDate, store: Option<&Store>) -> InsurerOutcome {
    let Settled {
        insurer,
        asked,
        record,
        result,
        elapsed_ms,
    } = settled;
    let (reply, state) = match result {
        Ok(answered) => {
            let reply = Reply::Received {
                status: answered.status,
                body: String::from_utf8_lossy(&answered.body).into_owned(),
            };
            let state = state_from_data(answered.data, &insurer.key, &asked, today);
            (reply, state)
        }
        Err(e) => {
            let failure = call_failure(&e);
            let state = state_from_failure(&failure);
            (Reply::Failed(failure), state)
        }
    };
    if let (Some(store), Some(id)) = (store, record) {
        let answer = CallAnswer { reply, elapsed_ms };
        if let Err(e) = store.record_quote_answer(id, &answer, Utc::now()) {
            log::warn!("answer of {} not recorded: {e}", insurer.key);
        }
    }
    InsurerOutcome::of(insurer, state, elapsed_ms)
}

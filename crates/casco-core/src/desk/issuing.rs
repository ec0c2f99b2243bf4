//! Issuing: the payment form, the policy asked for exactly once, its check after a crash.

use std::time::Duration;

use casco_api::CallOptions;
use chrono::Utc;

use super::Desk;
use crate::error::{AppError, FieldErrors};
use crate::issuing::{
    check_payment_draft, issue_policy, payment_for, stored_offer, verify_issue, IssueOrder,
    OfferIssue, PaymentDraft,
};
use crate::store::DraftId;
use crate::validate::today_in_bucharest;

/// How long POST /policy may take (insurers issue slowly; an unanswered call is checked).
const ISSUE_TIMEOUT: Duration = Duration::from_secs(90);

impl Desk {
    /// The payment form for an offer of the draft, prefilled.
    pub fn payment_form(
        &self,
        draft_id: DraftId,
        offer_id: &str,
    ) -> Result<PaymentDraft, AppError> {
        let today = today_in_bucharest(Utc::now());
        let found = stored_offer(self.store(), draft_id, offer_id, today)?;
        Ok(payment_for(&found.offer, today))
    }

    /// The payment's problems, under their fields, as the agent types (empty when it may be sent).
    pub fn check_payment(
        &self,
        draft_id: DraftId,
        offer_id: &str,
        payment: &PaymentDraft,
    ) -> Result<FieldErrors, AppError> {
        let today = today_in_bucharest(Utc::now());
        let found = stored_offer(self.store(), draft_id, offer_id, today)?;
        Ok(
            check_payment_draft(found.insurer, &found.offer, payment, today)
                .err()
                .unwrap_or_default(),
        )
    }

    /// Issues the offer once (see [`crate::issuing`]).
    pub async fn issue_policy(
        &self,
        draft_id: DraftId,
        offer_id: &str,
        payment: &PaymentDraft,
    ) -> Result<OfferIssue, AppError> {
        let client = self.connection.client().await?;
        let order = IssueOrder {
            draft_id,
            offer_id,
            payment,
        };
        let today = today_in_bucharest(Utc::now());
        let found = stored_offer(self.store(), draft_id, offer_id, today)?;
        let opts = self.call_options(ISSUE_TIMEOUT, draft_id, &found.insurer.key);
        issue_policy(&client, self.store(), &self.issuing, order, today, opts).await
    }

    /// Sends the unconfirmed issue of `offer_id` again, unchanged ("Verifică").
    pub async fn verify_policy_issue(&self, offer_id: &str) -> Result<OfferIssue, AppError> {
        let client = self.connection.client().await?;
        let record = self.store().issue_for_offer(offer_id);
        let opts = match record.ok().flatten() {
            Some(r) => self.call_options(ISSUE_TIMEOUT, r.draft_id, &r.insurer),
            None => CallOptions::with_timeout(ISSUE_TIMEOUT),
        };
        verify_issue(&client, self.store(), &self.issuing, offer_id, opts).await
    }

    /// Where each offer of the draft that the agent asked to issue stands.
    pub fn offer_issues(&self, draft_id: DraftId) -> Result<Vec<OfferIssue>, AppError> {
        let records = self
            .store()
            .issues_for_draft(draft_id)
            .map_err(|e| e.to_app_error())?;
        Ok(records.iter().map(OfferIssue::of).collect())
    }
}

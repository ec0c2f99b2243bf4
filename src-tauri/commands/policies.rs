//! Issuing: the payment form and its checks, the policy asked for exactly once, the check of
//! an unconfirmed issue, and where each offer's issuing stands.

use casco_core::desk::Desk;
use casco_core::error::FieldErrors;
use casco_core::issuing::{OfferIssue, PaymentDraft};
use casco_core::store::DraftId;
use casco_core::AppError;
use tauri::State;

/// The payment form for an offer, prefilled (card, first installment, today).
#[tauri::command]
#[specta::specta]
pub fn payment_form(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    offer_id: String,
) -> Result<PaymentDraft, AppError> {
    desk.payment_form(draft_id, &offer_id)
}

/// The payment's problems under their fields (empty when it may be sent).
#[tauri::command]
#[specta::specta]
pub fn check_payment(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    offer_id: String,
    payment: PaymentDraft,
) -> Result<FieldErrors, AppError> {
    desk.check_payment(draft_id, &offer_id, &payment)
}

/// Issues the offer once: its intent is stored first, a second call sends nothing.
#[tauri::command]
#[specta::specta]
pub async fn issue_policy(
    desk: State<'_, Desk>,
    draft_id: DraftId,
    offer_id: String,
    payment: PaymentDraft,
) -> Result<OfferIssue, AppError> {
    desk.issue_policy(draft_id, &offer_id, &payment).await
}

/// Sends an unconfirmed issue's very same request again ("Verifică").
#[tauri::command]
#[specta::specta]
pub async fn verify_policy_issue(
    desk: State<'_, Desk>,
    offer_id: String,
) -> Result<OfferIssue, AppError> {
    desk.verify_policy_issue(&offer_id).await
}

/// Where each offer of the draft that the agent asked to issue stands.
#[tauri::command]
#[specta::specta]
pub fn offer_issues(desk: State<'_, Desk>, draft_id: DraftId) -> Result<Vec<OfferIssue>, AppError> {
    desk.offer_issues(draft_id)
}

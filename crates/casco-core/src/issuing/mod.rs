//! Issuing a policy from a chosen offer (issue 13): the payment form and its rules, the call
//! made exactly once, and the policy read back from the stored answer.

mod exactly_once;
mod payment_form;
mod policy_view;

pub(crate) use exactly_once::stored_offer;
pub use exactly_once::{draft_blocked, issue_policy, verify_issue, IssueOrder, IssuesInFlight};
pub use payment_form::{check_payment_draft, payment_for, PaymentDraft};
pub use policy_view::{issue_state, policy_view, IssueState, OfferIssue, PaymentView, PolicyView};

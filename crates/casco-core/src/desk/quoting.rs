//! Ofertă nouă, Ciorne and Oferte: the wizard's checks, autosaved drafts, vehicle
//! identification, quoting every insurer and the comparison.

use std::sync::Arc;
use std::time::Duration;

use casco_api::insurers::catalogue;
use casco_api::{CallOptions, CascoClient};
use chrono::Utc;
use serde::Serialize;

use super::Desk;
use crate::choices::Gender;
use crate::error::{AppError, ErrorCode, FieldErrors};
use crate::insurers::enabled_insurers;
use crate::quote::comparison::{arrange, ComparedOffer, ComparisonFilter};
use crate::quote::fanout::{quote_insurers, FanoutOptions, InsurerCall, InsurerOutcome};
use crate::quote::identification::{identify_vehicle, VehicleIdentification};
use crate::quote::{
    catalogue_warnings, insurer_gaps, required_paths, saved_comparison, saved_drafts,
    stale_insurers, validate_draft, DraftRecord, DraftSummary, InsurerGap, QuoteDraft,
    SavedComparison,
};
use crate::settings::Settings;
use crate::store::DraftId;
use crate::validate::{cnp_facts, today_in_bucharest};

/// What the wizard shows while the agent types: a message under each field, and the fields
/// the enabled insurers ask for beyond the spec (warnings, they do not block quoting).
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuoteCheck {
    /// Request path → messages.
    pub fields: FieldErrors,
    /// Request path → warnings that do not block quoting (a sum far from the insurers'
    /// catalogue values, once the vehicle was identified).
    pub warnings: FieldErrors,
    /// Fields an enabled insurer requires that the draft leaves empty.
    pub insurer_gaps: Vec<InsurerGap>,
    /// Request paths this draft's shape requires, marked with an asterisk in the form.
    pub required: Vec<String>,
    /// Insurers whose stored offers were priced for a request this draft no longer makes:
    /// they cannot be chosen until quoted again (empty without the draft's id).
    pub stale: Vec<String>,
}

/// What a valid CNP prefills: the birth date (ISO) and the sex, when the CNP encodes them.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CnpPrefill {
    /// `yyyy-mm-dd`, or `None` for a foreigner's CNP starting with 9.
    pub birthdate: Option<String>,
    /// Sex, or `None` when the CNP does not encode it.
    pub gender: Option<Gender>,
}

impl CnpPrefill {
    /// Birth date and sex read from a valid CNP; `None` while the CNP is not valid.
    pub fn of(cnp: &str) -> Option<CnpPrefill> {
        cnp_facts(cnp).ok().map(|facts| CnpPrefill {
            birthdate: facts.birth_date.map(|d| d.format("%Y-%m-%d").to_string()),
            gender: facts.gender,
        })
    }
}

impl Desk {
    /// Checks the draft as the agent types; today is the Bucharest calendar day. With the
    /// draft's id, sums are also checked against its cached identification.
    pub fn validate_quote_draft(
        &self,
        draft_id: Option<DraftId>,
        draft: &QuoteDraft,
    ) -> QuoteCheck {
        let settings = self.settings();
        let today = today_in_bucharest(Utc::now());
        let enabled: Vec<String> = enabled_insurers(&settings)
            .iter()
            .map(|i| i.key.clone())
            .collect();
        QuoteCheck {
            fields: validate_draft(draft, today),
            warnings: draft_id
                .map(|id| catalogue_warnings(self.store(), id, draft))
                .unwrap_or_default(),
            insurer_gaps: insurer_gaps(draft, &enabled),
            required: required_paths(draft),
            // A store that cannot be read marks every offer stale: no offer is sold unchecked.
            stale: draft_id
                .map(|id| {
                    stale_insurers(self.store(), id, draft).unwrap_or_else(|_| every_insurer())
                })
                .unwrap_or_default(),
        }
    }

    /// A fresh draft with the quote defaults from Setări and tomorrow's start date.
    pub fn new_quote_draft(&self) -> QuoteDraft {
        QuoteDraft::with_defaults(&self.settings().defaults, today_in_bucharest(Utc::now()))
    }

    /// Autosave: `None` starts a new draft and returns its id; `Some(id)` overwrites it.
    /// `None` back when that draft was meanwhile quoted or discarded.
    pub fn save_quote_draft(
        &self,
        id: Option<DraftId>,
        draft: &QuoteDraft,
    ) -> Result<Option<DraftId>, AppError> {
        let saved = saved_drafts::save_draft(self.store(), id, draft, Utc::now())
            .map_err(|e| e.to_app_error())?;
        if let Some(saved) = saved {
            self.file_draft(saved, draft)?;
        }
        Ok(saved)
    }

    /// One draft with its body, whatever its status.
    pub fn load_quote_draft(&self, id: DraftId) -> Result<Option<DraftRecord>, AppError> {
        saved_drafts::load_draft(self.store(), id).map_err(|e| e.to_app_error())
    }

    /// Open drafts for Ciorne, most recently saved first.
    pub fn list_quote_drafts(&self) -> Result<Vec<DraftSummary>, AppError> {
        let today = today_in_bucharest(Utc::now());
        saved_drafts::list_drafts(self.store(), today).map_err(|e| e.to_app_error())
    }

    /// Throws a draft away; `false` if it was no longer open.
    pub fn discard_quote_draft(&self, id: DraftId) -> Result<bool, AppError> {
        self.store()
            .discard_draft(id, Utc::now())
            .map_err(|e| e.to_app_error())
    }

    /// Copies a draft (an issued one, to change it) into a new open draft at its first step.
    pub fn copy_quote_draft(&self, id: DraftId) -> Result<Option<DraftId>, AppError> {
        let copy =
            saved_drafts::copy_draft(self.store(), id, Utc::now()).map_err(|e| e.to_app_error())?;
        if let Some(copy) = copy {
            if let Some(record) = self.load_quote_draft(copy)? {
                self.file_draft(copy, &record.draft)?;
            }
        }
        Ok(copy)
    }

    /// Brings a discarded draft back to the list (the undo of *Șterge*); `false` if it was not
    /// discarded.
    pub fn restore_quote_draft(&self, id: DraftId) -> Result<bool, AppError> {
        self.store()
            .restore_draft(id, Utc::now())
            .map_err(|e| e.to_app_error())
    }

    /// The most recently saved open draft, offered on start.
    pub fn last_open_quote_draft(&self) -> Result<Option<DraftRecord>, AppError> {
        saved_drafts::last_open_draft(self.store()).map_err(|e| e.to_app_error())
    }

    /// The vehicle's variants per enabled insurer, from the draft's cache when the vehicle
    /// data did not change (no API call then).
    pub async fn identify_quote_vehicle(
        &self,
        draft_id: DraftId,
        draft: &QuoteDraft,
    ) -> Result<VehicleIdentification, AppError> {
        let (settings, client, timeout) = self.session().await?;
        let insurers = enabled_insurers(&settings);
        let opts = CallOptions::with_timeout(timeout);
        identify_vehicle(&client, self.store(), draft_id, draft, &insurers, opts).await
    }

    /// Quotes the enabled insurers (only those in `only`, for "Reîncearcă") for the draft,
    /// passing each outcome to `on_outcome` the moment it is known. The draft is saved first,
    /// so the stored requests always match a stored draft.
    pub async fn quote_offers(
        &self,
        draft_id: DraftId,
        draft: &QuoteDraft,
        only: Option<&[String]>,
        on_outcome: &(dyn Fn(InsurerOutcome) + Send + Sync),
    ) -> Result<Vec<InsurerOutcome>, AppError> {
        if let Some(blocked) = crate::issuing::draft_blocked(self.store(), draft_id, None)? {
            return Err(AppError::new(ErrorCode::Conflict, blocked));
        }
        let (settings, client, timeout) = self.session().await?;
        saved_drafts::save_draft(self.store(), Some(draft_id), draft, Utc::now())
            .map_err(|e| e.to_app_error())?;
        let calls = self.insurer_calls(&settings, only).await;
        let options = FanoutOptions {
            per_insurer_timeout: timeout,
            today: today_in_bucharest(Utc::now()),
        };
        let store = Some((self.store().as_ref(), draft_id));
        Ok(quote_insurers(client, draft, calls, options, store, on_outcome).await)
    }

    /// The draft's last answer per insurer from the store (no API call), with offers judged
    /// against today, and the insurers a stopped batch left unanswered.
    pub fn saved_comparison(&self, draft_id: DraftId) -> Result<SavedComparison, AppError> {
        saved_comparison(self.store(), draft_id, today_in_bucharest(Utc::now()))
            .map_err(|e| e.to_app_error())
    }

    /// The comparison rows for `outcomes` with the agent's filters and sort order.
    pub fn compare_offers(
        outcomes: &[InsurerOutcome],
        filter: &ComparisonFilter,
    ) -> Vec<ComparedOffer> {
        arrange(outcomes, filter)
    }

    /// The settings in force, the live client and the per-insurer wait from Setări.
    async fn session(&self) -> Result<(Settings, Arc<CascoClient>, Duration), AppError> {
        let settings = self.settings();
        let client = self.connection.client().await?;
        let timeout = Duration::from_secs(u64::from(settings.quoting.timeout_seconds));
        Ok((settings, client, timeout))
    }

    /// One call per catalogue insurer (those in `only`, when given), with its credentials
    /// from the keychain; a switched-off insurer needs no keychain read.
    async fn insurer_calls(
        &self,
        settings: &Settings,
        only: Option<&[String]>,
    ) -> Vec<InsurerCall> {
        let target = self.target(settings);
        let mut calls = Vec::new();
        let asked = catalogue()
            .iter()
            .filter(|i| only.is_none_or(|keys| keys.contains(&i.key)));
        for insurer in asked {
            let enabled = settings.insurer_enabled(&insurer.key);
            let credentials = match enabled {
                true => self.insurers.credentials(&target, &insurer.key).await,
                false => None,
            };
            calls.push(InsurerCall {
                insurer,
                credentials,
                enabled,
            });
        }
        calls
    }
}

/// Every catalogue insurer's key.
fn every_insurer() -> Vec<String> {
    catalogue().iter().map(|i| i.key.clone()).collect()
}

//! Documents: offer and policy PDFs opened from disk when saved, downloaded, checked, saved
//! and recorded when not; shown in the file manager; listed per draft.

use std::path::PathBuf;
use std::time::Duration;

use casco_api::PdfDocument;
use chrono::Utc;

use super::Desk;
use crate::documents::{
    documents_root, draft_documents, kept_document, render_proposal, save_document, DocumentToSave,
    DocumentView, ProposalContent, ProposalRequest, ProposalVehicle,
};
use crate::error::{AppError, ErrorCode};
use crate::issuing::OfferIssue;
use crate::messages::Message;
use crate::quote::load_draft;
use crate::store::{DocumentKind, DocumentRecord, DraftId};
use crate::validate::today_in_bucharest;

/// How long a PDF download may take (a policy PDF is made by the insurer on request).
const PDF_TIMEOUT: Duration = Duration::from_secs(60);

impl Desk {
    /// The folder documents are saved under now.
    pub fn documents_folder(&self) -> PathBuf {
        documents_root(
            &self.settings(),
            self.host.documents_dir(),
            &self.host.data_dir(),
        )
    }

    /// The documents saved for a draft, newest first.
    pub fn draft_documents(&self, draft_id: DraftId) -> Result<Vec<DocumentView>, AppError> {
        draft_documents(self.store(), draft_id)
    }

    /// Opens offer `offer_id`'s PDF: the saved file while it is still there unchanged (no API
    /// call, offline too), else downloaded, checked, saved and recorded first.
    pub async fn open_offer_document(
        &self,
        draft_id: DraftId,
        offer_id: &str,
    ) -> Result<DocumentView, AppError> {
        if let Some(kept) = kept_document(self.store(), offer_id, DocumentKind::Offer) {
            return self.opened(&kept);
        }
        let id: u64 = offer_id
            .parse()
            .map_err(|_| AppError::new(ErrorCode::NotFound, Message::OfferNotFound))?;
        let insurer = self.offer_insurer(draft_id, offer_id)?;
        let client = self.connection.client().await?;
        let pdf = client
            .offer_pdf(id, self.call_options(PDF_TIMEOUT, draft_id, &insurer))
            .await
            .map_err(|e| crate::api_errors::app_error(&e))?;
        let record = self.save_pdf(
            draft_id,
            DocumentKind::Offer,
            &insurer,
            offer_id,
            offer_id,
            &pdf,
        )?;
        self.opened(&record)
    }

    /// Opens the policy PDF of the issued offer `offer_id`, as [`Desk::open_offer_document`].
    pub async fn open_policy_document(
        &self,
        draft_id: DraftId,
        offer_id: &str,
    ) -> Result<DocumentView, AppError> {
        if let Some(kept) = kept_document(self.store(), offer_id, DocumentKind::Policy) {
            return self.opened(&kept);
        }
        let record = self
            .store()
            .issue_for_offer(offer_id)
            .map_err(|e| e.to_app_error())?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, Message::OfferNotFound))?;
        let issue = OfferIssue::of(&record);
        let policy = issue
            .policy()
            .ok_or_else(|| AppError::new(ErrorCode::Conflict, Message::IssueUnconfirmed))?;
        let client = self.connection.client().await?;
        let pdf = client
            .policy_pdf(
                &policy.series,
                &policy.number,
                self.call_options(PDF_TIMEOUT, draft_id, &record.insurer),
            )
            .await
            .map_err(|e| crate::api_errors::app_error(&e))?;
        let number = format!("{} {}", policy.series, policy.number);
        let record = self.save_pdf(
            draft_id,
            DocumentKind::Policy,
            &record.insurer,
            offer_id,
            &number,
            &pdf,
        )?;
        self.opened(&record)
    }

    /// Makes the proposal for the client from the ticked offers of the draft's comparison,
    /// saves and records it, and opens it. No API call.
    pub fn make_proposal(
        &self,
        draft_id: DraftId,
        request: &ProposalRequest,
    ) -> Result<DocumentView, AppError> {
        let today = today_in_bucharest(Utc::now());
        let offers = self.proposed_offers(draft_id, &request.offer_ids, today)?;
        let record = load_draft(self.store(), draft_id)
            .map_err(|e| e.to_app_error())?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, Message::OfferNotFound))?;
        let settings = self.settings();
        let count = self
            .store()
            .proposal_count(draft_id)
            .map_err(|e| e.to_app_error())?;
        let number = format!("{draft_id}-{}", count + 1);
        let draft = &record.draft;
        let sum = Some(draft.cover.insured_sum.trim())
            .filter(|s| !s.is_empty())
            .unwrap_or(draft.vehicle.market_value.trim());
        let content = ProposalContent {
            agency: &settings.agency,
            logo: self.agency_picture(&settings),
            number: number.clone(),
            date: today,
            client: draft.client_name(),
            vehicle: ProposalVehicle {
                name: request.vehicle_name.trim().to_owned(),
                plate: draft.vehicle.plate.trim().to_owned(),
                vin: draft.vehicle.vin.trim().to_owned(),
                insured_sum: (!sum.is_empty()).then(|| (sum.to_owned(), draft.cover.currency)),
            },
            offers,
            recommendation: request.recommendation.clone(),
            wording: &request.wording,
            language: settings.language,
        };
        let rendered =
            render_proposal(&content).map_err(|e| AppError::internal(format!("proposal: {e}")))?;
        let client = content.client.clone();
        let doc = DocumentToSave {
            draft_id,
            kind: DocumentKind::Proposal,
            client: &client,
            insurer: None,
            who: &client,
            number: &number,
            offer_id: None,
            day: today,
            language: settings.language,
        };
        let saved = save_document(
            self.store(),
            &self.documents_folder(),
            &doc,
            &rendered.bytes,
        )?;
        self.opened(&saved)
    }

    /// The ticked offers, in the order given, each with its insurer's name; an expired or
    /// unknown one is refused under `offers`.
    fn proposed_offers(
        &self,
        draft_id: DraftId,
        offer_ids: &[String],
        today: chrono::NaiveDate,
    ) -> Result<Vec<(String, crate::quote::outcome::OfferView)>, AppError> {
        let refuse = |message| {
            let fields = crate::error::FieldErrors::from([("offers".to_owned(), vec![message])]);
            AppError::validation(Message::FixHighlighted, fields)
        };
        if offer_ids.is_empty() {
            return Err(refuse(Message::Required));
        }
        offer_ids
            .iter()
            .map(|id| {
                let found = crate::issuing::stored_offer(self.store(), draft_id, id, today)
                    .map_err(|_| refuse(Message::OfferNotFound))?;
                if found.offer.expired {
                    let date = found
                        .offer
                        .expiry_date
                        .map(|d| d.to_string())
                        .unwrap_or_default();
                    return Err(refuse(Message::OfferExpired { date }));
                }
                Ok((found.insurer.display_name.clone(), found.offer))
            })
            .collect()
    }

    /// The agency's logo, when one is set and readable (a proposal without it beats none).
    fn agency_picture(&self, settings: &crate::settings::Settings) -> Option<casco_pdf::Picture> {
        let file = settings.agency.logo_file.as_ref()?;
        let bytes = std::fs::read(self.host.data_dir().join(file))
            .map_err(|e| log::warn!("agency logo unreadable: {e}"))
            .ok()?;
        casco_pdf::Picture::decode(&bytes)
            .map_err(|e| log::warn!("agency logo not usable: {e}"))
            .ok()
    }

    /// Opens a recorded document in the system's viewer.
    pub fn open_document(&self, id: u32) -> Result<DocumentView, AppError> {
        self.opened(&self.recorded(id)?)
    }

    /// Shows a recorded document in the system's file manager.
    pub fn reveal_document(&self, id: u32) -> Result<(), AppError> {
        let record = self.recorded(id)?;
        self.host
            .reveal_file(&record.path)
            .map_err(|detail| cannot_open(&record, detail))
    }

    fn recorded(&self, id: u32) -> Result<DocumentRecord, AppError> {
        self.store()
            .document(i64::from(id))
            .map_err(|e| e.to_app_error())?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, Message::DocumentNotFound))
    }

    /// Opens `record`'s file and returns its view.
    fn opened(&self, record: &DocumentRecord) -> Result<DocumentView, AppError> {
        self.host
            .open_file(&record.path)
            .map_err(|detail| cannot_open(record, detail))?;
        Ok(DocumentView::of(record))
    }

    /// The insurer key of a stored offer of the draft.
    fn offer_insurer(&self, draft_id: DraftId, offer_id: &str) -> Result<String, AppError> {
        let today = today_in_bucharest(Utc::now());
        crate::issuing::stored_offer(self.store(), draft_id, offer_id, today)
            .map(|found| found.insurer.key.clone())
    }

    /// Saves a PDF the API sent (already checked: base64, `%PDF-`, size) and records it.
    fn save_pdf(
        &self,
        draft_id: DraftId,
        kind: DocumentKind,
        insurer: &str,
        offer_id: &str,
        number: &str,
        pdf: &PdfDocument,
    ) -> Result<DocumentRecord, AppError> {
        let client = self.client_name(draft_id)?;
        let who = casco_api::insurers::find(insurer).map_or(insurer, |i| i.display_name.as_str());
        let doc = DocumentToSave {
            draft_id,
            kind,
            client: &client,
            insurer: Some(insurer),
            who,
            number,
            offer_id: Some(offer_id),
            day: today_in_bucharest(Utc::now()),
            language: self.settings().language,
        };
        save_document(self.store(), &self.documents_folder(), &doc, &pdf.bytes)
    }

    /// The draft's client name, for the folder.
    pub(crate) fn client_name(&self, draft_id: DraftId) -> Result<String, AppError> {
        let record = load_draft(self.store(), draft_id).map_err(|e| e.to_app_error())?;
        Ok(record.map(|r| r.draft.client_name()).unwrap_or_default())
    }
}

fn cannot_open(record: &DocumentRecord, detail: String) -> AppError {
    AppError::new(
        ErrorCode::Internal,
        Message::CannotOpenDocument {
            path: record.path.display().to_string(),
            detail,
        },
    )
}

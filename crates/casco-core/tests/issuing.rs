//! Documents and issuing through the desk, against the in-process sandbox: offer PDFs saved,
//! recorded and opened again from disk; broken files refused with nothing saved; a documents
//! folder that cannot be written; payment rules; a policy issued exactly once, also when two
//! presses meet, and after the app died mid-call.

#[path = "support/desk_fixture.rs"]
mod desk_fixture;
#[path = "support/sample_draft.rs"]
mod sample_draft;

use casco_api::payment::PaymentMethod;
use casco_core::desk::Desk;
use casco_core::issuing::{IssueState, OfferIssue, PaymentDraft};
use casco_core::quote::outcome::OfferView;
use casco_core::store::{CallAnswer, DocumentKind, DraftId, RecordedAnswer};
use casco_core::{ErrorCode, Message};
use casco_sandbox::{Latency, RouteFailure, RouteFailureMode, SandboxConfig};
use desk_fixture::Fixture;

/// A connected desk with a quoted draft: its id and the offers by insurer.
async fn quoted(f: &Fixture) -> (Desk, DraftId, Vec<OfferView>) {
    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    let mut draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    draft.policyholder.last_name = "Ștefănescu".into();
    draft.policyholder.first_name = "Țuțu-Ioana".into();
    let id = desk.save_quote_draft(None, &draft).unwrap().unwrap();
    let outcomes = desk.quote_offers(id, &draft, None, &|_| ()).await.unwrap();
    (desk, id, desk_fixture::offers_of(outcomes))
}

fn offer_of<'a>(offers: &'a [OfferView], insurer: &str) -> &'a OfferView {
    offers
        .iter()
        .find(|o| o.insurer == insurer)
        .unwrap_or_else(|| panic!("{insurer} offered"))
}

fn pdfs_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            if e.path().is_dir() {
                pdfs_under(&e.path())
            } else {
                vec![e.path()]
            }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_pdf_is_saved_once_opened_from_disk_and_fetched_again_when_gone() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let (desk, id, offers) = quoted(&f).await;
    let groupama = offer_of(&offers, "groupama");
    let doc = desk
        .open_offer_document(id, &groupama.offer_id)
        .await
        .unwrap();
    let day = sample_draft::today().format("%Y-%m-%d");
    assert_eq!(
        doc.name,
        format!("{day} Ofertă Groupama {}.pdf", groupama.offer_id)
    );
    assert!(
        doc.folder.ends_with("Casco Desk/Ștefănescu Țuțu-Ioana"),
        "{}",
        doc.folder
    );
    let path = std::path::Path::new(&doc.folder).join(&doc.name);
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    assert_eq!(*f.host.opened.lock().unwrap(), std::slice::from_ref(&path));
    assert_eq!(f.sandbox.counters().requests_to("offer_pdf"), 1);

    // Again: the saved file, no API call.
    let again = desk
        .open_offer_document(id, &groupama.offer_id)
        .await
        .unwrap();
    assert_eq!(again.id, doc.id);
    assert_eq!(f.sandbox.counters().requests_to("offer_pdf"), 1);
    assert_eq!(f.host.opened.lock().unwrap().len(), 2);

    // Deleted: downloaded again, recorded again.
    std::fs::remove_file(&path).unwrap();
    let fetched = desk
        .open_offer_document(id, &groupama.offer_id)
        .await
        .unwrap();
    assert_ne!(fetched.id, doc.id);
    assert_eq!(f.sandbox.counters().requests_to("offer_pdf"), 2);
    let listed = desk.draft_documents(id).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].id, fetched.id, "newest first");
    assert!(listed[0].on_disk && !listed[1].on_disk);
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_pdf_or_not_base64_is_refused_and_nothing_is_saved() {
    let mut config = SandboxConfig::default();
    let fail = |failure| RouteFailure {
        failure,
        times: None,
    };
    config
        .route_failures
        .insert("offer_pdf".into(), fail(RouteFailureMode::NotPdf));
    let f = Fixture::new(config).await;
    let (desk, id, offers) = quoted(&f).await;
    let offer = &offers[0];
    let e = desk
        .open_offer_document(id, &offer.offer_id)
        .await
        .unwrap_err();
    assert!(matches!(e.message, Message::PdfInvalid { .. }), "{e:?}");
    f.sandbox.update_config(|c| {
        c.route_failures
            .insert("offer_pdf".into(), fail(RouteFailureMode::BrokenBase64));
    });
    let e = desk
        .open_offer_document(id, &offer.offer_id)
        .await
        .unwrap_err();
    assert!(matches!(e.message, Message::PdfInvalid { .. }), "{e:?}");
    assert!(pdfs_under(&f.host.documents).is_empty(), "nothing written");
    assert!(
        desk.draft_documents(id).unwrap().is_empty(),
        "nothing recorded"
    );
    assert!(f.host.opened.lock().unwrap().is_empty());
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_documents_folder_that_cannot_be_written_is_named() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let (desk, id, offers) = quoted(&f).await;
    let blocker = f.host.data_dir.join("a-file");
    std::fs::create_dir_all(&f.host.data_dir).unwrap();
    std::fs::write(&blocker, b"x").unwrap();
    let mut settings = desk.settings();
    settings.documents.folder = blocker.join("Dosare").display().to_string();
    desk.save_settings(settings).unwrap();
    let e = desk
        .open_offer_document(id, &offers[0].offer_id)
        .await
        .unwrap_err();
    match e.message {
        Message::DocumentsFolderUnwritable { folder, .. } => {
            assert!(folder.contains("a-file"), "{folder}")
        }
        other => panic!("{other:?}"),
    }
    assert!(desk.draft_documents(id).unwrap().is_empty());
    f.sandbox.stop().await;
}

fn pos(desk: &Desk, id: DraftId, offer: &OfferView) -> PaymentDraft {
    let form = desk.payment_form(id, &offer.offer_id).unwrap();
    assert_eq!(form.method, Some(PaymentMethod::Pos));
    assert_eq!(
        form.amount, offer.installments[0].amount,
        "the first installment"
    );
    form
}

fn issued(issue: &OfferIssue) -> &casco_core::issuing::PolicyView {
    issue
        .policy()
        .unwrap_or_else(|| panic!("issued: {issue:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payment_rules_are_checked_under_their_fields_before_any_call() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let (desk, id, offers) = quoted(&f).await;
    let grawe = offer_of(&offers, "grawe");
    let mut payment = pos(&desk, id, grawe);
    payment.method = Some(PaymentMethod::BrokerReceipt);
    payment.amount = "1,00".into();
    payment.date = "2999-01-01".into();
    let fields = desk.check_payment(id, &grawe.offer_id, &payment).unwrap();
    assert!(matches!(
        fields["payment.method"][0],
        Message::PaymentMethodNotTaken { .. }
    ));
    assert!(matches!(
        fields["payment.amount"][0],
        Message::PaymentBelowFirstInstallment { .. }
    ));
    assert_eq!(fields["payment.date"], [Message::DateInFuture]);
    payment.method = Some(PaymentMethod::Receipt);
    let e = desk
        .issue_policy(id, &grawe.offer_id, &payment)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(
        e.fields.unwrap()["payment.documentNumber"],
        [Message::DocumentNumberRequired]
    );
    assert_eq!(
        f.sandbox.counters().requests_to("issue_policy"),
        0,
        "nothing sent"
    );
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_is_issued_once_even_when_two_presses_meet() {
    let mut config = SandboxConfig::default();
    config
        .route_latency
        .insert("issue_policy".into(), Latency::Fixed(400));
    let f = Fixture::new(config).await;
    let (desk, id, offers) = quoted(&f).await;
    let offer = offer_of(&offers, "asirom");
    let payment = pos(&desk, id, offer);
    let (first, second) = tokio::join!(
        desk.issue_policy(id, &offer.offer_id, &payment),
        desk.issue_policy(id, &offer.offer_id, &payment),
    );
    let (won, lost) = if first.is_ok() {
        (first, second)
    } else {
        (second, first)
    };
    let policy = issued(won.as_ref().unwrap()).clone();
    assert_eq!(lost.unwrap_err().message, Message::IssueInProgress);
    assert_eq!(f.sandbox.counters().requests_to("issue_policy"), 1);
    assert_eq!(policy.premium.as_ref().unwrap().amount, offer.premium);
    assert_eq!(
        policy.payment.as_ref().unwrap().method,
        Some(PaymentMethod::Pos)
    );

    // Another offer of the same draft is refused: one draft sells one policy.
    let rival = offer_of(&offers, "generali");
    let e = desk
        .issue_policy(id, &rival.offer_id, &pos(&desk, id, rival))
        .await
        .unwrap_err();
    assert_eq!(e.message, Message::DraftIssued);
    assert_eq!(f.sandbox.counters().requests_to("issue_policy"), 1);

    // Pressing again later sends nothing and shows the same policy.
    let again = desk
        .issue_policy(id, &offer.offer_id, &payment)
        .await
        .unwrap();
    assert_eq!(issued(&again), &policy);
    assert_eq!(f.sandbox.counters().requests_to("issue_policy"), 1);

    // Its PDF is fetched, saved as a policy and opened.
    let doc = desk
        .open_policy_document(id, &offer.offer_id)
        .await
        .unwrap();
    assert_eq!(doc.kind, DocumentKind::Policy);
    assert!(
        doc.name.contains(&format!(
            "Poliță Asirom {} {}",
            policy.series, policy.number
        )),
        "{}",
        doc.name
    );

    // What was sold does not change: the draft is read-only, a copy takes the changes.
    let record = desk.load_quote_draft(id).unwrap().unwrap();
    let sold = format!("{} {}", policy.series, policy.number);
    assert_eq!(record.summary.policy.as_deref(), Some(sold.as_str()));
    let mut changed = record.draft.clone();
    changed.vehicle.market_value = "1".into();
    assert_eq!(desk.save_quote_draft(Some(id), &changed).unwrap(), None);
    assert_eq!(
        desk.load_quote_draft(id).unwrap().unwrap().draft,
        record.draft
    );
    let e = desk
        .quote_offers(id, &changed, None, &|_| ())
        .await
        .unwrap_err();
    assert_eq!(e.message, Message::DraftIssued);
    let copy = desk.copy_quote_draft(id).unwrap().unwrap();
    assert_ne!(copy, id);
    assert!(desk
        .save_quote_draft(Some(copy), &changed)
        .unwrap()
        .is_some());
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_issue_cut_short_is_unconfirmed_and_checked_with_the_very_same_request() {
    let mut config = SandboxConfig::default();
    let hang = RouteFailure {
        failure: RouteFailureMode::Hang,
        times: Some(1),
    };
    config.route_failures.insert("issue_policy".into(), hang);
    let f = Fixture::new(config).await;
    let (desk, id, offers) = quoted(&f).await;
    let offer = offer_of(&offers, "generali").clone();
    let payment = pos(&desk, id, &offer);

    // The app dies while POST /policy runs: the call is dropped after it reached the sandbox.
    let desk = std::sync::Arc::new(desk);
    let running = {
        let (desk, offer_id, payment) = (desk.clone(), offer.offer_id.clone(), payment.clone());
        tokio::spawn(async move { desk.issue_policy(id, &offer_id, &payment).await })
    };
    while f.sandbox.counters().requests_to("issue_policy") == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    running.abort();
    let _ = running.await;
    drop(desk);

    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    let issues = desk.offer_issues(id).unwrap();
    assert!(
        matches!(issues[0].state, IssueState::Unconfirmed { attempts: 1, .. }),
        "{issues:?}"
    );
    // Another payment is never sent for it.
    let mut other = payment.clone();
    other.method = Some(PaymentMethod::PaymentOrder);
    other.document_number = "OP 7".into();
    let e = desk
        .issue_policy(id, &offer.offer_id, &other)
        .await
        .unwrap_err();
    assert_eq!(e.message, Message::IssueUnconfirmed);
    // Nor another offer of the same draft, nor a new quote that would replace what was sent.
    let rival = offer_of(&offers, "asirom");
    let e = desk
        .issue_policy(id, &rival.offer_id, &pos(&desk, id, rival))
        .await
        .unwrap_err();
    assert_eq!(e.message, Message::IssueUnconfirmed);
    let record = desk.load_quote_draft(id).unwrap().unwrap();
    let e = desk
        .quote_offers(id, &record.draft, None, &|_| ())
        .await
        .unwrap_err();
    assert_eq!(e.message, Message::IssueUnconfirmed);
    assert_eq!(f.sandbox.counters().requests_to("issue_policy"), 1);

    let checked = desk.verify_policy_issue(&offer.offer_id).await.unwrap();
    let policy = issued(&checked);
    assert_eq!(
        policy.payment.as_ref().unwrap().method,
        Some(PaymentMethod::Pos),
        "the first request"
    );
    assert_eq!(f.sandbox.counters().requests_to("issue_policy"), 2);
    // The sandbox booked the policy before the answer was lost: this is that one.
    assert_eq!(policy.number, "100001");
    let again = desk.verify_policy_issue(&offer.offer_id).await.unwrap();
    assert_eq!(issued(&again), policy);
    assert_eq!(
        f.sandbox.counters().requests_to("issue_policy"),
        2,
        "a settled issue sends nothing"
    );
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_that_expired_is_refused_before_any_call() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let (desk, id, offers) = quoted(&f).await;
    let offer = offer_of(&offers, "asirom");
    let payment = pos(&desk, id, offer);
    // The stored answer says the offer was valid until yesterday (as it would read tomorrow).
    let yesterday = sample_draft::today().pred_opt().unwrap().to_string();
    let store = desk.store();
    let call = store
        .quote_calls_for_draft(id)
        .unwrap()
        .into_iter()
        .find(|c| c.insurer == "asirom")
        .unwrap();
    let Some(RecordedAnswer::Facts(answer)) = call.answer else {
        panic!("asirom's answer is stored as facts");
    };
    let body = serde_json::to_string(&answer).unwrap();
    let old = offer.expiry_date.unwrap().to_string();
    let aged = body.replace(
        &format!("\\\"offerExpiryDate\\\":\\\"{old}\\\""),
        &format!("\\\"offerExpiryDate\\\":\\\"{yesterday}\\\""),
    );
    assert_ne!(aged, body, "the stored answer names the expiry date");
    let aged: CallAnswer = serde_json::from_str(&aged).unwrap();
    store
        .record_quote_answer(call.id, &aged, chrono::Utc::now())
        .unwrap();

    let e = desk
        .issue_policy(id, &offer.offer_id, &payment)
        .await
        .unwrap_err();
    assert_eq!(e.message, Message::OfferExpired { date: yesterday });
    assert_eq!(f.sandbox.counters().requests_to("issue_policy"), 0);
    assert!(
        desk.offer_issues(id).unwrap().is_empty(),
        "no intent stored either"
    );
    f.sandbox.stop().await;
}

//! The client book through the desk, against the in-process sandbox: clients filed from
//! drafts (one per CNP, a later edit updating it), searched by a name without diacritics, CNP,
//! phone, plate or VIN; the client's page; new drafts from the book; Istoric; Reînnoiri with a
//! renewal that carries `renewPolicy` and marks the old policy renewed once issued.

#[path = "support/desk_fixture.rs"]
mod desk_fixture;
#[path = "support/sample_draft.rs"]
mod sample_draft;

use casco_core::book::history::{HistoryFilter, HistoryKind, HistoryState};
use casco_core::desk::Desk;
use casco_core::quote::outcome::OfferView;
use casco_core::quote::QuoteDraft;
use casco_core::store::DraftId;
use casco_sandbox::SandboxConfig;
use desk_fixture::Fixture;

fn ioana() -> QuoteDraft {
    let mut d = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    d.policyholder.tax_id = "2850315125792".into();
    d.policyholder.last_name = "Ștefănescu".into();
    d.policyholder.first_name = "Țuțu-Ioana".into();
    d.policyholder.mobile = "0722123456".into();
    d.vehicle.plate = "CJ 34 TUT".into();
    d.vehicle.vin = "UU1LSDAAG12345678".into();
    d
}

fn popescu() -> QuoteDraft {
    sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest())
}

async fn quote(desk: &Desk, draft: &QuoteDraft) -> (DraftId, Vec<OfferView>) {
    let id = desk.save_quote_draft(None, draft).unwrap().unwrap();
    (id, quote_again(desk, id, draft).await)
}

async fn quote_again(desk: &Desk, id: DraftId, draft: &QuoteDraft) -> Vec<OfferView> {
    desk_fixture::offers_of(desk.quote_offers(id, draft, None, &|_| ()).await.unwrap())
}

fn names(desk: &Desk, query: &str) -> Vec<String> {
    desk.search_clients(query)
        .into_iter()
        .map(|c| c.card.name)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_are_filed_from_drafts_and_found_as_the_agent_types() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    quote(&desk, &ioana()).await;
    quote(&desk, &popescu()).await;
    // A draft without a valid CNP yet stays outside the book.
    let mut half = popescu();
    half.policyholder.tax_id = "19001".into();
    desk.save_quote_draft(None, &half).unwrap();

    let ioana_name = "Ștefănescu Țuțu-Ioana";
    assert_eq!(names(&desk, "stefanescu"), [ioana_name]);
    assert_eq!(names(&desk, "ȚUȚU ioana"), [ioana_name]);
    assert_eq!(names(&desk, "cj34tut"), [ioana_name]);
    assert_eq!(names(&desk, "CJ 34 TUT"), [ioana_name]);
    assert_eq!(names(&desk, "uu1lsdaag"), [ioana_name]);
    assert_eq!(names(&desk, "28503"), [ioana_name]);
    assert_eq!(names(&desk, "0722 123"), [ioana_name]);
    assert_eq!(desk.search_clients("").len(), 2, "the latest clients");
    assert!(desk.search_clients("zzz").is_empty());

    // A later edit of the name and phone updates the client; no second client appears.
    let mut renamed = ioana();
    renamed.policyholder.last_name = "Ștefănescu-Pop".into();
    renamed.policyholder.mobile = "0744000111".into();
    desk.save_quote_draft(None, &renamed).unwrap();
    let found = desk.search_clients("stefanescu");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].card.name, "Ștefănescu-Pop Țuțu-Ioana");
    assert_eq!(found[0].card.phone, "0744000111");
    assert_eq!(found[0].drafts.len(), 2);
    assert_eq!(
        found[0].vehicles.len(),
        1,
        "the same VIN is the same vehicle"
    );

    // The book is read back at the next start, from the sealed cards.
    drop(desk);
    let desk = f.desk();
    assert_eq!(names(&desk, "pop tutu"), ["Ștefănescu-Pop Țuțu-Ioana"]);
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clients_page_and_new_drafts_from_the_book_are_filled_in() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    let (draft_id, _) = quote(&desk, &ioana()).await;
    let client = desk.search_clients("stefanescu").remove(0);
    let page = desk.client_page(client.id).unwrap().unwrap();
    assert_eq!(page.drafts.len(), 1);
    assert_eq!(page.drafts[0].summary.id, draft_id);
    // Each draft reads as in Ciorne: its cheapest offer still valid, and until when.
    let queued = desk.list_quote_drafts().unwrap();
    let in_queue = queued.iter().find(|d| d.id == draft_id).unwrap();
    assert!(in_queue.best_premium.is_some());
    assert_eq!(page.drafts[0].summary.best_premium, in_queue.best_premium);
    assert_eq!(page.drafts[0].summary.best_until, in_queue.best_until);
    assert_eq!(page.client.vehicles[0].card.plate, "CJ 34 TUT");

    let fresh = desk.new_draft_for_client(client.id).unwrap().unwrap();
    let fresh = desk.load_quote_draft(fresh).unwrap().unwrap().draft;
    assert_eq!(fresh.policyholder, ioana().policyholder);
    assert_eq!(
        fresh.vehicle,
        QuoteDraft::default().vehicle,
        "a new vehicle to type"
    );

    let vehicle = page.client.vehicles[0].id;
    let again = desk.requote_vehicle(client.id, vehicle).unwrap().unwrap();
    let again = desk.load_quote_draft(again).unwrap().unwrap().draft;
    assert_eq!(again.policyholder, ioana().policyholder);
    assert_eq!(again.vehicle, ioana().vehicle);
    assert_eq!(again.user, ioana().user);
    let tomorrow = sample_draft::tomorrow_in_bucharest()
        .format("%d.%m.%Y")
        .to_string();
    assert_eq!(again.cover.start_date, tomorrow, "no policy: tomorrow");
    let page = desk.client_page(client.id).unwrap().unwrap();
    assert_eq!(page.drafts.len(), 3, "both new drafts are the client's");
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_ending_soon_is_renewed_with_renew_policy_and_then_leaves_reinnoiri() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    // A one-month policy ends in about 30 days: inside the default 45-day window.
    let mut short = ioana();
    short.cover.term_months = 1;
    short.cover.installments = 1;
    let (draft_id, offers) = quote(&desk, &short).await;
    let offer = offers.iter().find(|o| o.insurer == "asirom").unwrap();
    let payment = desk.payment_form(draft_id, &offer.offer_id).unwrap();
    let issued = desk
        .issue_policy(draft_id, &offer.offer_id, &payment)
        .await
        .unwrap();
    let old = issued.policy().unwrap().clone();

    let due = desk.renewals().unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].client_name, "Ștefănescu Țuțu-Ioana");
    assert_eq!(due[0].vehicle, "CJ 34 TUT · Toyota Corolla");
    let end = old.end_date.unwrap();
    assert!(
        (25..=32).contains(&due[0].days_left),
        "{}",
        due[0].days_left
    );

    let renewal = desk.requote_renewal(&offer.offer_id).unwrap().unwrap();
    let mut draft = desk.load_quote_draft(renewal).unwrap().unwrap().draft;
    assert_eq!(
        (
            draft.cover.renewal_series.as_str(),
            draft.cover.renewal_number.as_str()
        ),
        (old.series.as_str(), old.number.as_str())
    );
    let next = end.succ_opt().unwrap().format("%d.%m.%Y").to_string();
    assert_eq!(draft.cover.start_date, next);

    // The renewal is quoted: the sandbox receives renewPolicy; once issued, the old one is renewed.
    draft.step = Default::default();
    let new_offer = quote_again(&desk, renewal, &draft)
        .await
        .into_iter()
        .find(|o| o.insurer == "asirom")
        .unwrap();
    let sent = desk.store().quote_calls_for_draft(renewal).unwrap();
    let request =
        serde_json::to_value(&sent.iter().find(|c| c.insurer == "asirom").unwrap().request)
            .unwrap();
    assert_eq!(
        request["product"]["motor"]["renewPolicy"]["series"],
        old.series.as_str(),
        "{request}"
    );
    let payment = desk.payment_form(renewal, &new_offer.offer_id).unwrap();
    desk.issue_policy(renewal, &new_offer.offer_id, &payment)
        .await
        .unwrap();
    assert!(desk.renewals().unwrap().is_empty(), "renewed");
    let client = desk.search_clients("stefanescu").remove(0);
    let page = desk.client_page(client.id).unwrap().unwrap();
    let renewed = page
        .policies
        .iter()
        .find(|p| p.policy.number == old.number)
        .unwrap();
    assert!(renewed.renewed_by.is_some());

    // Istoric: both comparisons, their offers, both policies, newest first; filters apply.
    let page = desk.history(&HistoryFilter::default()).unwrap();
    assert!(!page.limited);
    let all = page.entries;
    // Under each comparison its offers follow, cheapest first.
    let first = all
        .iter()
        .position(|e| e.kind == HistoryKind::Comparison)
        .unwrap();
    let lei: Vec<rust_decimal::Decimal> = all[first + 1..]
        .iter()
        .take_while(|e| e.kind == HistoryKind::Offer)
        .map(|e| e.amount.as_ref().unwrap().amount.parse().unwrap())
        .collect();
    assert_eq!(lei.len(), 10, "the ten offers under their comparison");
    assert!(lei.windows(2).all(|w| w[0] <= w[1]), "{lei:?}");
    assert!(all.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
    let policies = HistoryFilter {
        kinds: vec![HistoryKind::Policy],
        ..Default::default()
    };
    let policies = desk.history(&policies).unwrap().entries;
    assert_eq!(policies.len(), 2);
    assert!(policies
        .iter()
        .all(|e| e.state == Some(HistoryState::Issued)));
    let asirom = HistoryFilter {
        insurer: Some("asirom".into()),
        kinds: vec![HistoryKind::Offer],
        ..Default::default()
    };
    assert_eq!(desk.history(&asirom).unwrap().entries.len(), 2);
    let nobody = HistoryFilter {
        query: "popescu".into(),
        ..Default::default()
    };
    assert!(desk.history(&nobody).unwrap().entries.is_empty());
    f.sandbox.stop().await;
}

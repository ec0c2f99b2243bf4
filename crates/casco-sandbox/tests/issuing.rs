//! Issuing a policy: the insurer's payment rules, exactly one policy per offer whatever
//! happens to the answer, failures of the document routes, a book kept across restarts
//! (bounded to the newest unissued offers, written behind for offers and at once for
//! policies), the request log and the locality parameter read as a SIRUTA code.

mod common;
mod quotes;

use casco_sandbox::book_file::BookCipherSlot;
use casco_sandbox::{RouteFailure, RouteFailureMode, SandboxConfig};
use common::{demo_login, get_with_token};
use quotes::{asirom_quote, post_quote};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Grawe takes no broker receipts; its quote needs the floor and the PTI date.
fn grawe_quote() -> Value {
    let mut body = asirom_quote();
    let (account, password) = casco_sandbox::demo_provider_credentials("grawe");
    body["provider"] = json!({"organization": {"businessName": "grawe"},
                              "authentication": {"account": account, "password": password}});
    body["product"]["policyholder"]["address"]["floor"] = json!("2");
    let pti = chrono::Utc::now().date_naive() + chrono::Days::new(200);
    body["product"]["vehicle"]["ptiExpiryDate"] = json!(pti.to_string());
    body
}

fn today() -> String {
    casco_api::session::today_in_bucharest(chrono::Utc::now()).to_string()
}

fn payment(offer: &Value, method: &str, number: Option<&str>) -> Value {
    json!({"offerId": offer["offerId"], "payment": {
        "method": method, "currency": offer["currency"], "amount": offer["premiumAmount"],
        "date": today(), "documentNumber": number}})
}

struct Desk {
    sandbox: casco_sandbox::SandboxHandle,
    base: String,
    client: reqwest::Client,
    token: String,
}

impl Desk {
    async fn open(config: SandboxConfig) -> Desk {
        let sandbox = casco_sandbox::start(config).await.unwrap();
        let base = sandbox.base_url().to_owned();
        let client = common::http();
        let token = demo_login(&client, &base).await.0;
        Desk {
            sandbox,
            base,
            client,
            token,
        }
    }

    async fn offer(&self, body: &Value) -> Value {
        let (status, quoted) = post_quote(&self.client, &self.base, &self.token, body).await;
        assert_eq!(status, 200, "{quoted}");
        quoted["data"]["offers"][0].clone()
    }

    async fn issue(&self, body: &Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/policy", self.base))
            .header("Token", &self.token)
            .json(body)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        let response =
            get_with_token(&self.client, format!("{}{path}", self.base), &self.token).await;
        (response.status().as_u16(), response.json().await.unwrap())
    }
}

#[tokio::test]
async fn each_insurer_takes_its_own_payment_methods_and_documents() {
    let desk = Desk::open(SandboxConfig::default()).await;
    let offer = desk.offer(&grawe_quote()).await;
    let (status, body) = desk
        .issue(&payment(&offer, "broker receipt", Some("CH-1")))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["message"], "VALIDATION_ERROR");
    assert_eq!(
        body["data"]["payment.method"][0],
        "Grawe acceptă doar: pos, receipt, payment order."
    );
    let (status, body) = desk.issue(&payment(&offer, "receipt", None)).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["data"]["payment.documentNumber"][0],
        "Numărul documentului de plată este obligatoriu."
    );
    let mut low = payment(&offer, "pos", None);
    low["payment"]["amount"] = json!(1);
    let (status, body) = desk.issue(&low).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["data"]["payment.amount"][0]
        .as_str()
        .unwrap()
        .contains("prima rată"));
    // Refusals issued nothing; a valid payment issues the policy.
    let (status, body) = desk
        .issue(&payment(&offer, "receipt", Some("CH-0042")))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["policies"][0]["payment"]["documentNumber"],
        "CH-0042"
    );
    desk.sandbox.stop().await;
}

#[tokio::test]
async fn an_answer_lost_after_booking_is_the_same_policy_when_asked_again() {
    let mut config = SandboxConfig::default();
    let hang_once = RouteFailure {
        failure: RouteFailureMode::Hang,
        times: Some(1),
    };
    config
        .route_failures
        .insert("issue_policy".into(), hang_once);
    let desk = Desk::open(config).await;
    let offer = desk.offer(&asirom_quote()).await;
    let request = payment(&offer, "pos", None);
    let lost =
        tokio::time::timeout(std::time::Duration::from_millis(500), desk.issue(&request)).await;
    assert!(lost.is_err(), "the first answer never comes");
    let (status, again) = desk.issue(&request).await;
    assert_eq!(status, 200, "{again}");
    let (_, third) = desk.issue(&request).await;
    assert_eq!(again["data"], third["data"]);
    assert_eq!(
        again["data"]["policies"][0]["policyId"], 1,
        "one policy for the offer"
    );
    assert_eq!(desk.sandbox.counters().requests_to("issue_policy"), 3);
    desk.sandbox.stop().await;
}

#[tokio::test]
async fn document_routes_fail_as_configured_then_recover() {
    let mut config = SandboxConfig::default();
    for (route, failure) in [
        ("offer_pdf", RouteFailureMode::NotPdf),
        ("policy_pdf", RouteFailureMode::BrokenBase64),
    ] {
        config.route_failures.insert(
            route.into(),
            RouteFailure {
                failure,
                times: Some(1),
            },
        );
    }
    let desk = Desk::open(config).await;
    let offer = desk.offer(&asirom_quote()).await;
    let id = offer["offerId"].as_u64().unwrap();
    let (_, first) = desk.get(&format!("/offer/{id}")).await;
    let files: casco_api::model::FilesData = serde_json::from_value(first["data"].clone()).unwrap();
    assert!(matches!(
        casco_api::pdf::decode_first(&files.files),
        Err(casco_api::PdfError::NotPdf { .. })
    ));
    let (_, second) = desk.get(&format!("/offer/{id}")).await;
    let files: casco_api::model::FilesData =
        serde_json::from_value(second["data"].clone()).unwrap();
    assert!(casco_api::pdf::decode_first(&files.files).is_ok());

    let (_, issued) = desk.issue(&payment(&offer, "pos", None)).await;
    let policy = &issued["data"]["policies"][0];
    let path = format!(
        "/policy?series={}&number={}",
        policy["series"].as_str().unwrap(),
        policy["number"].as_str().unwrap()
    );
    let (_, broken) = desk.get(&path).await;
    let files: casco_api::model::FilesData =
        serde_json::from_value(broken["data"].clone()).unwrap();
    assert!(matches!(
        casco_api::pdf::decode_first(&files.files),
        Err(casco_api::PdfError::Base64(_))
    ));
    desk.sandbox.stop().await;
}

#[tokio::test]
async fn the_book_and_the_request_log_outlive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        book_file: Some(dir.path().join("book.json")),
        request_log: Some(dir.path().join("requests.jsonl")),
        ..SandboxConfig::default()
    };
    let desk = Desk::open(config.clone()).await;
    let offer = desk.offer(&asirom_quote()).await;
    let (_, issued) = desk.issue(&payment(&offer, "pos", None)).await;
    desk.sandbox.stop().await;

    let desk = Desk::open(config).await;
    let id = offer["offerId"].as_u64().unwrap();
    let (status, _) = desk.get(&format!("/offer/{id}")).await;
    assert_eq!(status, 200, "yesterday's offer is still there");
    let (_, again) = desk.issue(&payment(&offer, "pos", None)).await;
    assert_eq!(again["data"], issued["data"], "and its policy");
    let next = desk.offer(&asirom_quote()).await;
    assert!(next["offerId"].as_u64().unwrap() > id, "ids are not reused");
    desk.sandbox.stop().await;

    let log = std::fs::read_to_string(dir.path().join("requests.jsonl")).unwrap();
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // A quote's payload line sits beside its route line: routes are counted on their own.
    let routes: Vec<&str> = lines.iter().filter_map(|l| l["route"].as_str()).collect();
    assert_eq!(routes.iter().filter(|r| **r == "quote").count(), 2);
    let payloads: Vec<&Value> = lines.iter().filter(|l| l["payload"] == "quote").collect();
    assert_eq!(payloads.len(), 2);
    assert!(
        payloads.iter().all(|p| p["renewPolicy"].is_null()),
        "{payloads:?}"
    );
    assert_eq!(routes.iter().filter(|r| **r == "issue_policy").count(), 2);
    assert_eq!(routes.iter().filter(|r| **r == "offer_pdf").count(), 1);
    let booked: Vec<&Value> = lines.iter().filter(|l| l["booked"] == "policy").collect();
    assert_eq!(booked.len(), 1, "the repeated request booked nothing new");
    assert_eq!(booked[0]["offerId"], offer["offerId"]);
}

/// A stand-in cipher: hex, behind a tag, so the test can see nothing is written plain.
struct Hex;

impl casco_sandbox::book_file::BookCipher for Hex {
    fn seal(&self, plain: &str) -> Option<String> {
        Some(format!(
            "hex:{}",
            plain
                .bytes()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ))
    }
    fn open(&self, stored: &str) -> Option<String> {
        let hex = stored.strip_prefix("hex:")?;
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        String::from_utf8(bytes?).ok()
    }
}

#[tokio::test]
async fn a_sealed_book_keeps_nothing_plain_and_reads_back_and_a_plain_one_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.json");
    let plain = SandboxConfig {
        book_file: Some(path.clone()),
        ..SandboxConfig::default()
    };
    // A plain book from before sealing: read, then written back sealed.
    let desk = Desk::open(plain.clone()).await;
    let offer = desk.offer(&asirom_quote()).await;
    desk.sandbox.stop().await;
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("1900101400012"));

    let sealed = SandboxConfig {
        book_cipher: BookCipherSlot(Some(std::sync::Arc::new(Hex))),
        ..plain
    };
    let desk = Desk::open(sealed.clone()).await;
    let (status, issued) = desk.issue(&payment(&offer, "pos", None)).await;
    assert_eq!(status, 200, "the plain book's offer is there: {issued}");
    desk.sandbox.stop().await;
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(on_disk.starts_with("hex:"));
    assert!(
        !on_disk.contains("1900101400012"),
        "the CNP is not written plain"
    );

    let desk = Desk::open(sealed).await;
    let (_, again) = desk.issue(&payment(&offer, "pos", None)).await;
    assert_eq!(again["data"], issued["data"], "the sealed book reads back");
    desk.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_answered_at_once_keep_one_whole_line_each_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        request_log: Some(dir.path().join("requests.jsonl")),
        ..SandboxConfig::default()
    };
    let desk = std::sync::Arc::new(Desk::open(config).await);
    let quotes: Vec<_> = (0..24)
        .map(|_| {
            let desk = desk.clone();
            tokio::spawn(async move { desk.offer(&asirom_quote()).await })
        })
        .collect();
    for quote in quotes {
        quote.await.unwrap();
    }
    let log = std::fs::read_to_string(dir.path().join("requests.jsonl")).unwrap();
    for line in log.lines() {
        assert!(
            serde_json::from_str::<Value>(line).is_ok(),
            "a torn line: {line}"
        );
    }
    assert_eq!(log.matches("\"payload\":\"quote\"").count(), 24);
}

#[tokio::test]
async fn policy_days_sets_the_cover_and_the_log_names_the_policy_a_quote_renews() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        policy_days: Some(20),
        request_log: Some(dir.path().join("requests.jsonl")),
        ..SandboxConfig::default()
    };
    let desk = Desk::open(config).await;
    let mut body = asirom_quote();
    body["product"]["motor"]["renewPolicy"] = json!({"series": "ASR", "number": 100045});
    let offer = desk.offer(&body).await;
    let start: chrono::NaiveDate = offer["startDate"].as_str().unwrap().parse().unwrap();
    let end: chrono::NaiveDate = offer["endDate"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        (end - start).num_days(),
        19,
        "20 days of cover, both ends included"
    );
    let (status, issued) = desk.issue(&payment(&offer, "pos", None)).await;
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["data"]["policies"][0]["endDate"], offer["endDate"]);
    desk.sandbox.stop().await;

    let log = std::fs::read_to_string(dir.path().join("requests.jsonl")).unwrap();
    let payload: Value = log
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["payload"] == "quote")
        .unwrap();
    assert_eq!(payload["insurer"], "asirom");
    assert_eq!(
        payload["renewPolicy"],
        json!({"series": "ASR", "number": 100045})
    );
    assert!(
        !log.contains("1900101400012"),
        "no personal data in the log"
    );
}

#[tokio::test]
async fn a_host_that_reads_the_county_as_a_siruta_code_lists_localities_under_it() {
    let config = SandboxConfig {
        county_parameter: casco_api::model::CountyParameter::SirutaCode,
        ..SandboxConfig::default()
    };
    let desk = Desk::open(config).await;
    let cluj = casco_sandbox::siruta()
        .counties
        .iter()
        .find(|c| c.code == "CJ")
        .unwrap();
    let (_, by_plate) = desk.get("/nomenclature/locality/CJ").await;
    assert_eq!(by_plate["data"], json!([]));
    let (_, by_code) = desk
        .get(&format!("/nomenclature/locality/{}", cluj.siruta))
        .await;
    assert!(by_code["data"].as_array().unwrap().len() > 50);
    desk.sandbox.stop().await;
}

/// The id of an offer.
fn id_of(offer: &Value) -> u64 {
    offer["offerId"].as_u64().unwrap()
}

/// `answer` with `id` written as `#`, to compare it with another id's.
fn without_id(answer: &Value, id: u64) -> String {
    answer.to_string().replace(&id.to_string(), "#")
}

#[tokio::test]
async fn beyond_the_default_cap_the_oldest_unissued_offers_are_forgotten() {
    let kept = casco_sandbox::config::DEFAULT_UNISSUED_OFFERS_KEPT;
    let desk = Desk::open(SandboxConfig::default()).await;
    let mut ids = Vec::new();
    for _ in 0..kept + 5 {
        ids.push(id_of(&desk.offer(&asirom_quote()).await));
    }
    for id in &ids[..5] {
        let (status, body) = desk.get(&format!("/offer/{id}")).await;
        assert_eq!(status, 404, "offer {id} is forgotten: {}", body["message"]);
    }
    for id in [ids[5], ids[kept + 4]] {
        let (status, body) = desk.get(&format!("/offer/{id}")).await;
        let message = &body["message"];
        assert_eq!(
            status, 200,
            "offer {id} is among the newest {kept}: {message}"
        );
    }
    desk.sandbox.stop().await;
}

#[tokio::test]
async fn the_cap_keeps_issued_offers_and_a_forgotten_one_answers_as_unknown() {
    let desk = Desk::open(SandboxConfig {
        unissued_offers_kept: 2,
        ..SandboxConfig::default()
    })
    .await;
    let issued_offer = desk.offer(&asirom_quote()).await;
    let (status, issued) = desk.issue(&payment(&issued_offer, "pos", None)).await;
    assert_eq!(status, 200, "{issued}");
    let forgotten = desk.offer(&asirom_quote()).await;
    let newer = [
        desk.offer(&asirom_quote()).await,
        desk.offer(&asirom_quote()).await,
    ];

    let gone = id_of(&forgotten);
    let never = 987_654;
    let (status, pdf) = desk.get(&format!("/offer/{gone}")).await;
    let (unknown_status, unknown_pdf) = desk.get(&format!("/offer/{never}")).await;
    assert_eq!((status, unknown_status), (404, 404), "{pdf}");
    assert_eq!(without_id(&pdf, gone), without_id(&unknown_pdf, never));
    let (status, issue) = desk.issue(&payment(&forgotten, "pos", None)).await;
    let mut unknown = payment(&forgotten, "pos", None);
    unknown["offerId"] = json!(never);
    let (unknown_status, unknown_issue) = desk.issue(&unknown).await;
    assert_eq!((status, unknown_status), (404, 404), "{issue}");
    assert_eq!(without_id(&issue, gone), without_id(&unknown_issue, never));

    for offer in &newer {
        let (status, body) = desk.get(&format!("/offer/{}", id_of(offer))).await;
        assert_eq!(status, 200, "{}", body["message"]);
    }
    // The oldest offer, issued, stays with its policy: its PDFs and the same policy again.
    let (status, _) = desk.get(&format!("/offer/{}", id_of(&issued_offer))).await;
    assert_eq!(status, 200);
    let policy = &issued["data"]["policies"][0];
    let path = format!(
        "/policy?series={}&number={}",
        policy["series"].as_str().unwrap(),
        policy["number"].as_str().unwrap()
    );
    let (status, body) = desk.get(&path).await;
    assert_eq!(status, 200, "{}", body["message"]);
    let (_, again) = desk.issue(&payment(&issued_offer, "pos", None)).await;
    assert_eq!(again["data"], issued["data"]);
    desk.sandbox.stop().await;
}

#[tokio::test]
async fn the_book_file_keeps_the_cap_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let config = SandboxConfig {
        book_file: Some(dir.path().join("book.json")),
        unissued_offers_kept: 2,
        ..SandboxConfig::default()
    };
    let desk = Desk::open(config.clone()).await;
    let issued_offer = desk.offer(&asirom_quote()).await;
    let (_, issued) = desk.issue(&payment(&issued_offer, "pos", None)).await;
    let mut offers = Vec::new();
    for _ in 0..3 {
        offers.push(id_of(&desk.offer(&asirom_quote()).await));
    }
    desk.sandbox.stop().await;

    // A smaller cap at the next start cuts the book as it is read.
    let desk = Desk::open(SandboxConfig {
        unissued_offers_kept: 1,
        ..config
    })
    .await;
    let mut statuses = Vec::new();
    for id in &offers {
        statuses.push(desk.get(&format!("/offer/{id}")).await.0);
    }
    assert_eq!(statuses, [404, 404, 200], "only the newest unissued offer");
    let (_, again) = desk.issue(&payment(&issued_offer, "pos", None)).await;
    assert_eq!(
        again["data"], issued["data"],
        "the issued one and its policy"
    );
    let next = desk.offer(&asirom_quote()).await;
    assert!(id_of(&next) > offers[2], "ids are not reused");
    desk.sandbox.stop().await;
}

/// A stand-in cipher that leaves the text plain and counts the writes of the book.
struct CountingWrites(Arc<AtomicUsize>);

impl casco_sandbox::book_file::BookCipher for CountingWrites {
    fn seal(&self, plain: &str) -> Option<String> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Some(plain.to_owned())
    }
    fn open(&self, stored: &str) -> Option<String> {
        Some(stored.to_owned())
    }
}

/// The offer ids and the policies' offer ids in the book file at `path`.
fn on_disk(path: &std::path::Path) -> (Vec<u64>, Vec<u64>) {
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let book = &file["book"];
    let offers = book["offers"].as_object().unwrap();
    let policies = book["policies"].as_array().unwrap();
    (
        offers.keys().map(|k| k.parse().unwrap()).collect(),
        policies
            .iter()
            .map(|p| p["offer_id"].as_u64().unwrap())
            .collect(),
    )
}

#[tokio::test]
async fn offers_are_written_behind_and_a_policy_before_its_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.json");
    let writes = Arc::new(AtomicUsize::new(0));
    let config = SandboxConfig {
        book_file: Some(path.clone()),
        book_cipher: BookCipherSlot(Some(Arc::new(CountingWrites(Arc::clone(&writes))))),
        ..SandboxConfig::default()
    };
    let desk = Desk::open(config).await;
    let mut offers = Vec::new();
    for _ in 0..30 {
        offers.push(desk.offer(&asirom_quote()).await);
    }
    let written = writes.load(Ordering::SeqCst);
    assert!(
        written <= 10,
        "30 offers, {written} writes of the whole book"
    );
    // Behind, but not far: within a couple of seconds every offer is on disk, no stop needed.
    let last = id_of(&offers[29]);
    for _ in 0..40 {
        if path.exists() && on_disk(&path).0.contains(&last) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(on_disk(&path).0.len(), 30, "every offer written behind");

    let (status, issued) = desk.issue(&payment(&offers[3], "pos", None)).await;
    assert_eq!(status, 200, "{issued}");
    assert_eq!(
        on_disk(&path).1,
        [id_of(&offers[3])],
        "the policy is on disk with its answer"
    );

    // Dropped without stop (as a host ending): the offer made since the last write is written.
    let newest = desk.offer(&asirom_quote()).await;
    drop(desk);
    assert!(on_disk(&path).0.contains(&id_of(&newest)));
}

//! Issuing a policy: the insurer's payment rules, exactly one policy per offer whatever
//! happens to the answer, failures of the document routes, a book kept across restarts,
//! the request log and the locality parameter read as a SIRUTA code.

mod common;
mod quotes;

use casco_sandbox::{RouteFailure, RouteFailureMode, SandboxConfig};
use common::{demo_login, get_with_token};
use quotes::{asirom_quote, post_quote};
use serde_json::{json, Value};

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
    use casco_sandbox::book_file::BookCipherSlot;
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

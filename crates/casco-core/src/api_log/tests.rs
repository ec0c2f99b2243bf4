//! The log's retention, and what it keeps of a call.

use super::*;
use crate::store::DatabaseKey;
use casco_api::routes;
use chrono::TimeZone;

fn store() -> (tempfile::TempDir, Arc<Store>) {
    let dir = tempfile::tempdir().unwrap();
    let key = DatabaseKey::from_bytes([5; 32]);
    let (store, _) = Store::open(dir.path().join("casco.db"), &key).unwrap();
    (dir, Arc::new(store))
}

fn call(started_at: DateTime<Utc>, outcome: CallOutcome) -> CallRecord {
    CallRecord {
        route: routes::QUOTE,
        insurer: Some("groupama"),
        label: Some(Arc::from("Ș. Ț. 1900101•••••••")),
        started_at,
        duration: Duration::from_millis(1234),
        outcome,
        response_bytes: 5678,
    }
}

/// `days` before now, to the millisecond the store keeps.
fn days_ago(days: i64) -> DateTime<Utc> {
    let now = Utc
        .timestamp_millis_opt(Utc::now().timestamp_millis())
        .unwrap();
    now - chrono::Duration::days(days)
}

fn starts(log: &ApiLog) -> Vec<DateTime<Utc>> {
    log.entries(None)
        .unwrap()
        .into_iter()
        .map(|e| e.at)
        .collect()
}

#[test]
fn the_cutoff_is_the_set_number_of_days_back() {
    let now = Utc.with_ymd_and_hms(2026, 12, 31, 8, 30, 0).unwrap();
    assert_eq!(
        cutoff(now, 30),
        Utc.with_ymd_and_hms(2026, 12, 1, 8, 30, 0).unwrap()
    );
    assert_eq!(
        cutoff(now, 1),
        Utc.with_ymd_and_hms(2026, 12, 30, 8, 30, 0).unwrap()
    );
}

#[test]
fn logging_prunes_at_most_once_an_hour() {
    let now = Utc.with_ymd_and_hms(2026, 12, 31, 8, 30, 0).unwrap();
    let ms = |t: DateTime<Utc>| t.timestamp_millis();
    assert!(prune_due(0, now), "never pruned");
    assert!(!prune_due(ms(now - chrono::Duration::minutes(59)), now));
    assert!(prune_due(ms(now - chrono::Duration::minutes(60)), now));
    assert!(!prune_due(ms(now), now));
}

#[test]
fn entries_past_their_days_are_forgotten_at_open() {
    let (_dir, store) = store();
    let old = days_ago(31);
    let recent = days_ago(29);
    for at in [old, recent] {
        store
            .record_api_call(&row_of(&call(at, CallOutcome::Abandoned)))
            .unwrap();
    }
    let log = ApiLog::open(Arc::clone(&store), 30);
    assert_eq!(starts(&log), [recent]);
}

#[test]
fn a_shorter_retention_forgets_at_once_and_logging_prunes_when_due() {
    let (_dir, store) = store();
    let log = ApiLog::open(Arc::clone(&store), 30);
    let (ten, three) = (days_ago(10), days_ago(3));
    log.record(
        &call(ten, CallOutcome::Answered { status: 200 }),
        Utc::now(),
    );
    log.record(
        &call(three, CallOutcome::Answered { status: 200 }),
        Utc::now(),
    );
    assert_eq!(starts(&log), [three, ten], "both within 30 days");

    log.set_retention_days(7);
    assert_eq!(starts(&log), [three]);

    // An hour later, logging a call prunes again: the 3-day-old entry is 8 days old by then.
    let later = days_ago(-5);
    log.record(&call(later, CallOutcome::Answered { status: 200 }), later);
    assert_eq!(starts(&log), [later]);
}

#[test]
fn an_entry_keeps_the_facts_of_the_call_and_the_masked_client_only() {
    let (_dir, store) = store();
    let log = ApiLog::open(store, 30);
    let at = days_ago(1);
    log.record(&call(at, CallOutcome::Answered { status: 200 }), Utc::now());
    let redirected = CallRecord {
        route: routes::COUNTRIES,
        insurer: None,
        label: None,
        ..call(
            at + chrono::Duration::seconds(1),
            CallOutcome::Redirected { status: 302 },
        )
    };
    log.record(&redirected, Utc::now());
    let abandoned = call(at + chrono::Duration::seconds(2), CallOutcome::Abandoned);
    log.record(&abandoned, Utc::now());

    let entries = log.entries(Some(10)).unwrap();
    let answered = &entries[2];
    assert_eq!(answered.at, at);
    assert_eq!(answered.operation, "quote");
    assert_eq!(answered.insurer.as_deref(), Some("groupama"));
    assert_eq!(answered.insurer_name.as_deref(), Some("Groupama"));
    assert_eq!(answered.client.as_deref(), Some("Ș. Ț. 1900101•••••••"));
    assert_eq!(answered.status, Some(200));
    assert_eq!(answered.outcome, ApiCallOutcome::Answered);
    assert_eq!(
        (answered.duration_ms, answered.response_bytes),
        (1234, 5678)
    );

    assert_eq!(entries[1].operation, "countries");
    assert_eq!(entries[1].status, Some(302));
    assert_eq!(entries[1].outcome, ApiCallOutcome::Redirected);
    assert_eq!(
        (entries[1].insurer.clone(), entries[1].client.clone()),
        (None, None)
    );
    assert_eq!(entries[0].status, None);
    assert_eq!(entries[0].outcome, ApiCallOutcome::Abandoned);
    assert_eq!(log.entries(Some(1)).unwrap().len(), 1);
}

#[test]
fn a_request_policyholder_becomes_initials_and_a_masked_tax_id() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../casco-api/tests/fixtures/quote_request.json"
    ));
    let request: casco_api::model::QuoteRequest = serde_json::from_str(text).unwrap();
    let mut person = request.product.policyholder;
    person.last_name = Some("Ștefănescu".into());
    person.first_name = Some("Țuțu-Ioana".into());
    person.tax_id = "1900101123456".into();
    assert_eq!(client_of(&person).as_deref(), Some("Ș. Ț. 1900101•••••••"));

    person.is_legal_entity = true;
    person.business_name = Some("Popescu Ion PFA".into());
    person.tax_id = "RO14399840".into();
    assert_eq!(client_of(&person).as_deref(), Some("P. I. P. RO14•••••••"));
}

//! The diagnostic log through the desk, against the in-process sandbox: an agent logs in with a
//! known password, quotes a client with a known CNP and name, downloads an offer PDF; the log
//! then holds one entry per HTTP exchange with its route, insurer and status, and neither its
//! stored rows nor the exported file hold the CNP, the name, a token or a password.

#[path = "support/desk_fixture.rs"]
mod desk_fixture;
#[path = "support/sample_draft.rs"]
mod sample_draft;

use std::collections::BTreeMap;

use casco_api::Secret;
use casco_core::api_log::ApiCallEntry;
use casco_core::desk::Desk;
use casco_core::insurers::ProviderCredentials;
use casco_core::keychain::Keychain;
use casco_core::quote::fanout::OutcomeState;
use casco_core::settings::EnvironmentKind;
use casco_core::store::ApiCallOutcome;
use casco_sandbox::config::Account;
use casco_sandbox::{FailureMode, InsurerKnobs, SandboxConfig};
use desk_fixture::Fixture;

const ACCOUNT: &str = "agent-diagnostic";
const PASSWORD: &str = "Parola-Agentului-7310";
const PROVIDER_PASSWORD: &str = "Parola-Asiguratorului-5521";
const PROVIDER_CODE: &str = "Cod-Asigurator-8842";
const CNP: &str = "1900101400012";
const LAST_NAME: &str = "Ștefănescu";
const FIRST_NAME: &str = "Țuțu-Ioana";
const INSURERS: [&str; 3] = ["groupama", "allianz", "uniqa"];

/// A sandbox with the agent's account and uniqa answering 502.
fn sandbox_config() -> SandboxConfig {
    let mut config = SandboxConfig {
        accounts: vec![Account {
            account: ACCOUNT.into(),
            password: PASSWORD.into(),
            locked: false,
        }],
        ..SandboxConfig::default()
    };
    let failing = InsurerKnobs {
        latency: None,
        failure: Some(FailureMode::ServerError),
    };
    config.insurers.insert("uniqa".into(), failing);
    config
}

/// The desk on the sandbox as a custom environment, logged in (remembered) with three
/// insurers' credentials, and a quoted draft for the known client.
async fn quoted_desk(f: &Fixture) -> (Desk, casco_core::store::DraftId, String) {
    let desk = f.desk();
    let mut settings = desk.settings();
    settings.environment.kind = EnvironmentKind::Custom;
    settings.environment.custom_url = f.sandbox.base_url().to_owned();
    desk.save_settings(settings).unwrap();
    let password = Secret::new(PASSWORD.to_owned());
    assert!(desk.login(ACCOUNT, password, true).await.unwrap().logged_in);
    for insurer in INSURERS {
        let credentials = ProviderCredentials {
            account: format!("cont-{insurer}"),
            password: Secret::new(PROVIDER_PASSWORD.to_owned()),
            code: Secret::new(PROVIDER_CODE.to_owned()),
        };
        desk.save_insurer_credentials(insurer, credentials)
            .await
            .unwrap();
    }
    let mut draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    draft.policyholder.tax_id = CNP.into();
    draft.policyholder.last_name = LAST_NAME.into();
    draft.policyholder.first_name = FIRST_NAME.into();
    let id = desk.save_quote_draft(None, &draft).unwrap().unwrap();
    let outcomes = desk.quote_offers(id, &draft, None, &|_| ()).await.unwrap();
    let groupama = outcomes
        .into_iter()
        .find(|o| o.insurer == "groupama")
        .and_then(|o| match o.state {
            OutcomeState::Offers { offers } => offers.into_iter().next(),
            _ => None,
        })
        .expect("groupama offered");
    (desk, id, groupama.offer_id)
}

/// Every text that must never be in the log: the secrets, the client's CNP and name, and
/// any JWT (every one starts `eyJ`, the base64 of `{"`).
fn forbidden(f: &Fixture) -> Vec<String> {
    let refresh_key = format!("login:custom:{}:refresh", f.sandbox.base_url());
    let refresh = f.keychain.get(&refresh_key).unwrap().expect("remembered");
    let refresh = refresh.expose().clone();
    let mut all: Vec<String> = [
        PASSWORD,
        PROVIDER_PASSWORD,
        PROVIDER_CODE,
        CNP,
        &CNP[7..],
        LAST_NAME,
        FIRST_NAME,
        "Ioana",
        "eyJ",
    ]
    .map(str::to_owned)
    .to_vec();
    all.push(refresh);
    all
}

fn assert_clean(what: &str, text: &str, forbidden: &[String]) {
    for secret in forbidden {
        assert!(!text.contains(secret.as_str()), "{what} holds {secret:?}");
    }
}

/// Every column of every stored log row, as the database file holds it.
fn stored_rows(f: &Fixture) -> Vec<Vec<String>> {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let conn = rusqlite::Connection::open_with_flags(&f.database, flags).unwrap();
    let mut stmt = conn.prepare("SELECT * FROM api_calls").unwrap();
    let columns = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            (0..columns)
                .map(|i| {
                    let value: rusqlite::types::Value = r.get(i)?;
                    Ok(format!("{value:?}"))
                })
                .collect()
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn count_by_route(calls: &[ApiCallEntry]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for call in calls {
        *counts.entry(call.operation.clone()).or_default() += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_holds_one_masked_entry_per_call_and_no_personal_data_or_secret() {
    let f = Fixture::new(sandbox_config()).await;
    let (desk, id, offer_id) = quoted_desk(&f).await;
    desk.open_offer_document(id, &offer_id).await.unwrap();

    let calls = desk.api_calls(100).unwrap();
    let sandbox = f.sandbox.counters();
    assert_eq!(
        count_by_route(&calls),
        sandbox.requests,
        "one entry per call"
    );
    assert!(calls.windows(2).all(|w| w[0].at >= w[1].at), "newest first");

    let client = Some("Ș. Ț. 1900101•••••••".to_owned());
    let mut quotes: Vec<_> = calls
        .iter()
        .filter(|c| c.operation == "quote")
        .map(|c| {
            (
                c.insurer.clone().unwrap(),
                c.status,
                c.outcome,
                c.client.clone(),
            )
        })
        .collect();
    quotes.sort_by(|a, b| a.0.cmp(&b.0));
    let answered = ApiCallOutcome::Answered;
    assert_eq!(
        quotes,
        [
            ("allianz".into(), Some(200), answered, client.clone()),
            ("groupama".into(), Some(200), answered, client.clone()),
            ("uniqa".into(), Some(502), answered, client.clone()),
        ]
    );
    let pdf = &calls[0];
    assert_eq!(pdf.operation, "offer_pdf");
    assert_eq!(
        (pdf.insurer_name.as_deref(), pdf.status, &pdf.client),
        (Some("Groupama"), Some(200), &client)
    );
    assert!(pdf.response_bytes > 1000, "{pdf:?}");
    let login = calls.iter().find(|c| c.operation == "login").unwrap();
    assert_eq!(
        (login.status, &login.insurer, &login.client),
        (Some(200), &None, &None)
    );

    let forbidden = forbidden(&f);
    assert_clean("the log as shown", &format!("{calls:?}"), &forbidden);
    let rows = stored_rows(&f);
    assert_eq!(rows.len(), calls.len());
    for row in &rows {
        assert_clean("a stored log row", &row.join(" | "), &forbidden);
        assert!(
            !row.join(" ").contains("1900101•"),
            "the client is sealed: {row:?}"
        );
    }

    // The restarted app still has its log.
    drop(desk);
    assert_eq!(f.desk().api_calls(100).unwrap(), calls);
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exported_file_holds_the_masked_log_the_version_and_the_os_only() {
    let f = Fixture::new(sandbox_config()).await;
    let (desk, _, _) = quoted_desk(&f).await;

    // Cancelled: nothing written.
    assert_eq!(desk.export_api_log().await.unwrap(), None);
    let offered = f.host.offered.lock().unwrap()[0].clone();
    let day = sample_draft::today().format("%Y-%m-%d");
    assert_eq!(
        offered,
        desk.documents_folder()
            .join(format!("casco-desk-jurnal-api-{day}.json"))
    );

    let target = f.host.data_dir.parent().unwrap().join("pentru-suport.json");
    *f.host.save_to.lock().unwrap() = Some(target.clone());
    let exported = desk.export_api_log().await.unwrap().unwrap();
    assert_eq!(exported.path, target.display().to_string());
    let calls = desk.api_calls(1000).unwrap();
    assert_eq!(exported.calls as usize, calls.len());

    let text = std::fs::read_to_string(&target).unwrap();
    assert_clean("the exported file", &text, &forbidden(&f));
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = file
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["app", "calls", "exportedAt", "os", "v", "version"]);
    assert_eq!(file["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(file["calls"].as_array().unwrap().len(), calls.len());
    let quote = file["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["operation"] == "quote" && c["insurer"] == "uniqa")
        .unwrap();
    assert_eq!(quote["status"], 502);
    assert_eq!(quote["client"], "Ș. Ț. 1900101•••••••");
    f.sandbox.stop().await;
}

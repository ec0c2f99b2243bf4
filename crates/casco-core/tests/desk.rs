//! The app's commands, below WebKit: each command is a line or two over [`Desk`], so these
//! tests drive the desk as the window does, with a temp database, the in-process sandbox,
//! an in-memory keychain and settings, and a host whose "file dialog" returns a chosen file.

use std::sync::Mutex;

use casco_core::quote::fanout::{InsurerOutcome, OutcomeState};
use casco_core::settings::EnvironmentKind;
use casco_core::{ErrorCode, Message, Settings};
use casco_sandbox::{FailureMode, InsurerKnobs, SandboxConfig};

#[path = "support/desk_fixture.rs"]
mod desk_fixture;
#[path = "support/sample_draft.rs"]
mod sample_draft;

use desk_fixture::Fixture;

fn by_insurer(mut outcomes: Vec<InsurerOutcome>) -> Vec<InsurerOutcome> {
    outcomes.sort_by(|a, b| a.insurer.cmp(&b.insurer));
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_reopens_as_it_was_shown_after_a_restart() {
    let mut config = SandboxConfig::default();
    for (key, failure) in [
        ("uniqa", FailureMode::ServerError),
        ("omniasig", FailureMode::ValidationError),
    ] {
        let knobs = InsurerKnobs {
            latency: None,
            failure: Some(failure),
        };
        config.insurers.insert(key.into(), knobs);
    }
    let f = Fixture::new(config).await;
    let desk = f.desk();
    assert!(desk.connect().await.logged_in, "Demo logs in by itself");
    desk.set_insurer_enabled("grawe", false).await.unwrap();

    let draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    let id = desk.save_quote_draft(None, &draft).unwrap().unwrap();
    let streamed = Mutex::new(Vec::new());
    let answered = desk
        .quote_offers(id, &draft, None, &|o| streamed.lock().unwrap().push(o))
        .await
        .unwrap();
    assert_eq!(answered.len(), 10);
    assert_eq!(
        by_insurer(streamed.into_inner().unwrap()),
        by_insurer(answered.clone())
    );
    let grawe = answered.iter().find(|o| o.insurer == "grawe").unwrap();
    assert_eq!(
        grawe.state,
        OutcomeState::NotEnabled {
            reason: Message::SwitchedOff
        }
    );

    // The app restarts: the comparison comes from the store, no call to the API.
    drop(desk);
    let quotes_before = f.sandbox.counters().requests_to("quote");
    let desk = f.desk();
    let saved = desk.saved_comparison(id).unwrap();
    assert_eq!(f.sandbox.counters().requests_to("quote"), quotes_before);
    let asked: Vec<_> = answered
        .into_iter()
        .filter(|o| o.insurer != "grawe")
        .collect();
    assert_eq!(by_insurer(saved.outcomes), by_insurer(asked));
    assert!(saved.unanswered.is_empty());
    let record = desk.load_quote_draft(id).unwrap().unwrap();
    assert_eq!(record.draft, draft);
    f.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offers_go_stale_when_the_draft_asks_something_else_and_fresh_when_quoted_again() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    let mut draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    let id = desk.save_quote_draft(None, &draft).unwrap().unwrap();
    assert!(
        desk.validate_quote_draft(Some(id), &draft).stale.is_empty(),
        "never quoted"
    );
    let answered = desk.quote_offers(id, &draft, None, &|_| ()).await.unwrap();
    assert_eq!(answered.len(), 10);
    assert!(desk.validate_quote_draft(Some(id), &draft).stale.is_empty());

    // Only an edit that changes the request makes offers stale; a restart does not.
    draft.step = casco_core::quote::WizardStep::Vehicle;
    assert!(desk.validate_quote_draft(Some(id), &draft).stale.is_empty());
    draft.vehicle.market_value = "9500".into();
    let stale = desk.validate_quote_draft(Some(id), &draft).stale;
    assert_eq!(
        stale.len(),
        10,
        "every insurer was asked for the old value: {stale:?}"
    );
    drop(desk);
    let desk = f.desk();
    assert_eq!(desk.validate_quote_draft(Some(id), &draft).stale.len(), 10);
    assert!(desk.connect().await.logged_in);

    // Asking one insurer again makes its offer current; the others stay stale.
    let only = ["generali".to_owned()];
    desk.quote_offers(id, &draft, Some(&only), &|_| ())
        .await
        .unwrap();
    let stale = desk.validate_quote_draft(Some(id), &draft).stale;
    assert_eq!(stale.len(), 9);
    assert!(!stale.contains(&"generali".to_owned()));
    f.sandbox.stop().await;
}

/// A minimal PNG's first bytes (the signature is what the logo check reads).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[tokio::test]
async fn a_logo_is_imported_under_its_content_name_and_anything_else_is_refused() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    let chosen = f.host.data_dir.with_file_name("sigla agenției.png");
    std::fs::write(&chosen, PNG).unwrap();

    assert_eq!(desk.choose_agency_logo().await.unwrap(), None, "cancelled");
    *f.host.picked.lock().unwrap() = Some(chosen.clone());
    let logo = desk.choose_agency_logo().await.unwrap().unwrap();
    assert!(
        casco_core::settings::is_logo_file_name(&logo.file),
        "{}",
        logo.file
    );
    assert!(logo.data_url.starts_with("data:image/png;base64,"));
    assert_eq!(
        std::fs::read(f.host.data_dir.join(&logo.file)).unwrap(),
        PNG
    );
    assert_eq!(desk.agency_logo(&logo.file).unwrap(), Some(logo.clone()));

    // A text file named .png is refused under the logo field; nothing is written.
    let fake = f.host.data_dir.with_file_name("not-a-logo.png");
    std::fs::write(&fake, b"hello").unwrap();
    let e = desk.import_logo(&fake).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(
        e.fields.unwrap()["agency.logoFile"],
        [Message::LogoNotImage]
    );
    assert_eq!(std::fs::read_dir(&f.host.data_dir).unwrap().count(), 1);
    // Only names the app writes are read back.
    for name in ["C:x.png", "../casco.db", "agency-logo.png"] {
        assert_eq!(
            desk.agency_logo(name).unwrap_err().code,
            ErrorCode::NotFound
        );
    }
    f.sandbox.stop().await;
}

#[tokio::test]
async fn settings_with_bad_fields_are_refused_field_by_field_and_never_written() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    let mut next = desk.settings();
    next.environment.kind = EnvironmentKind::Custom;
    next.environment.custom_url = "http://api.broker.ro".into();
    next.agency.email = "office-at-broker".into();
    next.agency.name = "  Broker Asig SRL  ".into();

    let e = desk.save_settings(next.clone()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert_eq!(e.message, Message::FixHighlighted);
    let fields = e.fields.unwrap();
    assert_eq!(fields["environment.customUrl"], [Message::InsecureUrl]);
    assert_eq!(fields["agency.email"], [Message::InvalidEmail]);
    assert_eq!(*f.settings.writes.lock().unwrap(), 0, "nothing written");
    assert_eq!(desk.settings(), Settings::default());

    next.environment.custom_url = "https://api.broker.ro".into();
    next.agency.email = "office@broker.ro".into();
    let saved = desk.save_settings(next).unwrap();
    assert_eq!(saved.agency.name, "Broker Asig SRL", "trimmed on save");
    assert_eq!(desk.settings(), saved);
    assert_eq!(*f.settings.writes.lock().unwrap(), 1);
    f.sandbox.stop().await;
}

//! Unit tests of [`super`]: defaults, field checks, older files.
use super::*;
use serde_json::json;

fn valid() -> Settings {
    let mut s = Settings::default();
    s.agency.name = "Broker Asig SRL".into();
    s.agency.email = "office@broker.ro".into();
    s
}

#[test]
fn defaults_are_demo_ron_single_installment_twelve_months_romanian() {
    let s = Settings::default();
    assert_eq!(s.environment.kind, EnvironmentKind::Demo);
    assert_eq!(
        s.defaults,
        QuoteDefaults {
            currency: Currency::Ron,
            installments: 1,
            term_months: 12
        }
    );
    assert_eq!(s.language, Language::Ro);
    assert!(s.validate().is_ok());
}

#[test]
fn json_shape_is_camel_case() {
    let v = serde_json::to_value(valid()).unwrap();
    assert_eq!(v["environment"]["kind"], "demo");
    assert_eq!(v["environment"]["customUrl"], "");
    assert_eq!(v["agency"]["brokerCode"], "");
    assert_eq!(v["defaults"]["termMonths"], 12);
    assert_eq!(v["defaults"]["currency"], "RON");
    assert_eq!(v["language"], "ro");
}

#[test]
fn bad_email_is_refused_under_its_field() {
    let mut s = valid();
    s.agency.email = "office-at-broker".into();
    let e = s.validate().unwrap_err();
    let f = e.fields.unwrap();
    assert_eq!(f.keys().collect::<Vec<_>>(), ["agency.email"]);
    assert_eq!(f["agency.email"], [Message::InvalidEmail]);
    assert_eq!(e.message, Message::FixHighlighted);
}

#[test]
fn custom_environment_needs_an_http_url() {
    let mut s = valid();
    s.environment.kind = EnvironmentKind::Custom;
    let e = s.validate().unwrap_err();
    assert_eq!(
        e.fields.as_ref().unwrap()["environment.customUrl"],
        [Message::Required]
    );
    s.environment.custom_url = "api.broker.ro".into();
    assert!(s
        .validate()
        .unwrap_err()
        .fields
        .unwrap()
        .contains_key("environment.customUrl"));
    s.environment.custom_url = "https://api.broker.ro".into();
    assert!(s.validate().is_ok());
    assert_eq!(s.environment.base_url(), Some("https://api.broker.ro"));
}

#[test]
fn a_bad_custom_url_is_ignored_while_another_environment_is_chosen() {
    let mut s = valid();
    s.environment.custom_url = "not a url".into();
    s.environment.kind = EnvironmentKind::Qa;
    assert!(s.validate().is_ok());
    assert_eq!(s.environment.base_url(), Some(QA_BASE_URL));
}

#[test]
fn the_documents_folder_is_empty_or_a_whole_path_and_older_files_lack_it() {
    let mut s = valid();
    assert!(
        s.validate().is_ok(),
        "empty: the system's Documents/Casco Desk"
    );
    s.documents.folder = "Documente/Clienți".into();
    let fields = s.validate().unwrap_err().fields.unwrap();
    assert_eq!(fields["documents.folder"], [Message::FolderNotAbsolute]);
    s.documents.folder = std::env::temp_dir()
        .join("Dosare Ștefan")
        .display()
        .to_string();
    assert!(s.validate().is_ok());
    let older: Settings = serde_json::from_str(r#"{"language": "en"}"#).unwrap();
    assert_eq!(older.documents, DocumentsSettings::default());
}

#[test]
fn installments_and_term_are_bounded() {
    let mut s = valid();
    s.defaults.installments = 3;
    s.defaults.term_months = 0;
    let f = s.validate().unwrap_err().fields.unwrap();
    assert_eq!(
        f["defaults.installments"],
        [Message::NotAllowed {
            allowed: "1, 2, 4, 12".into()
        }]
    );
    assert_eq!(
        f["defaults.termMonths"],
        [Message::OutOfRange {
            min: "1".into(),
            max: "12".into()
        }]
    );
}

#[test]
fn reference_data_ttl_defaults_to_a_week_and_is_bounded() {
    let mut s = valid();
    assert_eq!(s.reference_data.ttl_days, 7);
    s.reference_data.ttl_days = 0;
    assert!(s
        .validate()
        .unwrap_err()
        .fields
        .unwrap()
        .contains_key("referenceData.ttlDays"));
}

#[test]
fn quoting_timeout_defaults_to_a_minute_and_is_bounded() {
    let mut s = valid();
    assert_eq!(s.quoting.timeout_seconds, 60);
    for ok in [5, 600] {
        s.quoting.timeout_seconds = ok;
        assert!(s.validate().is_ok(), "{ok}");
    }
    for bad in [4, 601] {
        s.quoting.timeout_seconds = bad;
        let f = s.validate().unwrap_err().fields.unwrap();
        assert_eq!(
            f["quoting.timeoutSeconds"],
            [Message::TimeoutOutOfRange { min: 5, max: 600 }]
        );
    }
}

#[test]
fn settings_written_before_quoting_existed_still_load() {
    let mut v = serde_json::to_value(valid()).unwrap();
    v.as_object_mut().unwrap().remove("quoting");
    let s = Settings::from_json(v).unwrap();
    assert_eq!(s.quoting, QuotingSettings::default());
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["quoting"]["timeoutSeconds"], 60);
}

#[test]
fn the_api_log_keeps_thirty_days_by_default_between_one_and_a_year() {
    let mut s = valid();
    assert_eq!(s.diagnostic.log_days, 30);
    for ok in [1, 365] {
        s.diagnostic.log_days = ok;
        assert!(s.validate().is_ok(), "{ok}");
    }
    for bad in [0, 366] {
        s.diagnostic.log_days = bad;
        let f = s.validate().unwrap_err().fields.unwrap();
        assert_eq!(
            f["diagnostic.logDays"],
            [Message::OutOfRange {
                min: "1".into(),
                max: "365".into()
            }]
        );
    }
    // Settings written before the log existed still load, with the default.
    let mut v = serde_json::to_value(valid()).unwrap();
    v.as_object_mut().unwrap().remove("diagnostic");
    assert_eq!(Settings::from_json(v).unwrap().diagnostic.log_days, 30);
}

#[test]
fn logo_must_be_a_bare_file_name() {
    let mut s = valid();
    s.agency.logo_file = Some("../../etc/passwd".into());
    assert!(s
        .validate()
        .unwrap_err()
        .fields
        .unwrap()
        .contains_key("agency.logoFile"));
    let name = LogoFormat::Png.file_name(b"\x89PNG\r\n\x1a\nlogo");
    assert!(is_logo_file_name(&name), "{name}");
    s.agency.logo_file = Some(name);
    assert!(s.validate().is_ok());
}

#[test]
fn only_the_logo_names_the_app_writes_are_accepted() {
    for bad in [
        "",
        "agency-logo.png",
        "C:x.png",
        "C:agency-logo-0123456789abcdef.png",
        "agency-logo-0123456789abcdef.png/../x",
        "agency-logo-0123456789ABCDEF.png",
        "agency-logo-0123456789abcdef.gif",
        "agency-logo-0123456789abcde.png",
        "..\\agency-logo-0123456789abcdef.png",
    ] {
        assert!(!is_logo_file_name(bad), "{bad}");
    }
    assert!(is_logo_file_name("agency-logo-0123456789abcdef.jpg"));
}

#[test]
fn only_known_insurers_can_be_disabled() {
    let mut s = valid();
    s.disabled_insurers = vec!["grawe".into()];
    assert!(s.validate().is_ok());
    s.disabled_insurers.push("lloyds".into());
    assert!(s
        .validate()
        .unwrap_err()
        .fields
        .unwrap()
        .contains_key("disabledInsurers"));
}

#[test]
fn unknown_enum_value_is_refused_with_its_path() {
    let mut v = serde_json::to_value(valid()).unwrap();
    v["defaults"]["currency"] = json!("USD");
    let e = Settings::from_json(v).unwrap_err();
    assert!(e.fields.unwrap().contains_key("defaults.currency"));
    let mut v = serde_json::to_value(valid()).unwrap();
    v["environment"]["kind"] = json!("production");
    let e = Settings::from_json(v).unwrap_err();
    assert!(e.fields.unwrap().contains_key("environment.kind"));
}

#[test]
fn missing_fields_take_defaults_when_reading() {
    let s = Settings::from_json(json!({"agency": {"name": "X"}})).unwrap();
    assert_eq!(s.agency.name, "X");
    assert_eq!(s.defaults.term_months, 12);
}

#[test]
fn normalized_trims_free_text() {
    let mut s = valid();
    s.agency.email = "  office@broker.ro ".into();
    s.environment.custom_url = " https://x.ro ".into();
    let s = s.normalized();
    assert_eq!(s.agency.email, "office@broker.ro");
    assert_eq!(s.environment.custom_url, "https://x.ro");
}
#[test]
fn logo_is_recognised_by_content() {
    assert_eq!(
        LogoFormat::detect(b"\x89PNG\r\n\x1a\nrest"),
        Ok(LogoFormat::Png)
    );
    assert_eq!(
        LogoFormat::detect(&[0xFF, 0xD8, 0xFF, 0xE0]),
        Ok(LogoFormat::Jpeg)
    );
    assert_eq!(LogoFormat::detect(b"GIF89a"), Err(Message::LogoNotImage));
    let big = vec![0xFFu8; (LOGO_MAX_BYTES + 1) as usize];
    assert_eq!(
        LogoFormat::detect(&big),
        Err(Message::LogoTooLarge { max_kb: 1024 })
    );
}

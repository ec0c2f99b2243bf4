//! Drives the `casco` binary through login → quote → offer PDF → issue → policy PDF
//! against an in-process sandbox, and reads both PDFs back with pdftotext.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Fixture {
    // Keeps the sandbox's runtime (and so the server) alive for the test.
    _runtime: tokio::runtime::Runtime,
    _sandbox: casco_sandbox::SandboxHandle,
    base_url: String,
    dir: PathBuf,
}

fn fixture(name: &str) -> Fixture {
    fixture_with(name, casco_sandbox::SandboxConfig::default())
}

fn fixture_with(name: &str, config: casco_sandbox::SandboxConfig) -> Fixture {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime.block_on(casco_sandbox::start(config)).unwrap();
    let dir = std::env::temp_dir().join(format!("casco-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Fixture {
        base_url: sandbox.base_url().to_owned(),
        _runtime: runtime,
        _sandbox: sandbox,
        dir,
    }
}

fn casco(base_url: &str, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casco"))
        .args([
            "--base-url",
            base_url,
            "--account",
            "demo",
            "--password",
            password,
        ])
        .args(args)
        .env_remove("CASCO_PASSWORD")
        .output()
        .unwrap()
}

fn json_out(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "casco failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The published quote sample, aimed at `insurer` with a start date the day after tomorrow.
fn quote_file(dir: &Path, insurer: &str, product: &str) -> PathBuf {
    let sample = format!(
        "{}/../casco-api/tests/fixtures/quote_request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut request: Value =
        serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
    let start = casco_api::session::today_in_bucharest(chrono::Utc::now()) + chrono::Days::new(2);
    request["provider"]["organization"]["businessName"] = insurer.into();
    let (account, password) = casco_sandbox::demo_provider_credentials(insurer);
    request["provider"]["authentication"]["account"] = account.into();
    request["provider"]["authentication"]["password"] = password.into();
    request["product"]["name"] = product.into();
    request["product"]["motor"]["startDate"] = start.to_string().into();
    request["product"]["motor"]["installmentCount"] = 2.into();
    request["product"]["policyholder"]["firstName"] = "Ștefan".into();
    request["product"]["policyholder"]["lastName"] = "Țărănescu".into();
    let path = dir.join(format!("quote-{insurer}.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(&request).unwrap()).unwrap();
    path
}

/// The PDF's text (see `casco_pdf::read_back`: skipped, and said so, without pdftotext).
fn pdf_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with(b"%PDF"),
        "{} is not a PDF",
        path.display()
    );
    casco_pdf::read_back::pdf_text(path)
}

#[test]
fn login_quote_offer_pdf_issue_policy_pdf() {
    let f = fixture("flow");
    let login = json_out(&casco(&f.base_url, "demo", &["login"]));
    assert_eq!(login["account"], "demo");
    assert!(login["expiresAt"].is_string());

    let counties = json_out(&casco(&f.base_url, "demo", &["counties"]));
    assert_eq!(counties.as_array().unwrap().len(), 42);
    let localities = json_out(&casco(&f.base_url, "demo", &["localities", "CJ"]));
    assert!(localities
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["name"] == "CLUJ-NAPOCA" && l["countyCode"] == "CJ"));

    let countries = json_out(&casco(&f.base_url, "demo", &["countries"]));
    assert!(countries
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["iso3"] == "ROU"));
    let makes = json_out(&casco(&f.base_url, "demo", &["makes"]));
    assert!(makes
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["name"] == "dacia"));
    let models = json_out(&casco(&f.base_url, "demo", &["models", "dacia"]));
    assert!(models
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["name"] == "Duster"));
    let vehicle = format!(
        "{}/../casco-api/tests/fixtures/identification_request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let identified = json_out(&casco(&f.base_url, "demo", &["identify", &vehicle]));
    let toyota = &identified["generali"][0];
    assert!(
        toyota["modelName"]
            .as_str()
            .unwrap()
            .starts_with("Toyota Corolla"),
        "{identified}"
    );

    let quote = quote_file(&f.dir, "generali", "casco");
    let offers = json_out(&casco(
        &f.base_url,
        "demo",
        &["quote", quote.to_str().unwrap()],
    ));
    let offer = &offers["offers"][0];
    let offer_id = offer["offerId"].as_u64().unwrap();
    assert_eq!(offer["installments"].as_array().unwrap().len(), 2);

    let offer_pdf = f.dir.join("offer.pdf");
    let saved = json_out(&casco(
        &f.base_url,
        "demo",
        &[
            "offer-pdf",
            &offer_id.to_string(),
            "--out",
            offer_pdf.to_str().unwrap(),
        ],
    ));
    assert_eq!(saved["name"], format!("oferta-{offer_id}.pdf"));
    if let Some(text) = pdf_text(&offer_pdf) {
        for needle in [
            "Ofertă CASCO",
            "Generali",
            "Primă",
            "Asigurători",
            "Scadență",
            "Serie șasiu",
            "Ștefan Țărănescu",
        ] {
            assert!(text.contains(needle), "offer PDF lacks {needle:?}:\n{text}");
        }
    }

    let issue = serde_json::json!({
        "offerId": offer_id,
        "payment": {"method": "pos", "currency": offer["currency"], "amount": offer["installments"][0]["amount"],
                    "date": chrono::Utc::now().date_naive().to_string(), "documentNumber": "POS-77"}
    });
    let issue_file = f.dir.join("issue.json");
    std::fs::write(&issue_file, issue.to_string()).unwrap();
    let policies = json_out(&casco(
        &f.base_url,
        "demo",
        &["issue", issue_file.to_str().unwrap()],
    ));
    let policy = &policies["policies"][0];
    let (series, number) = (
        policy["series"].as_str().unwrap(),
        policy["number"].to_string(),
    );
    assert_eq!(policy["premiumAmount"], offer["premiumAmount"]);

    let policy_pdf = f.dir.join("policy.pdf");
    json_out(&casco(
        &f.base_url,
        "demo",
        &[
            "policy-pdf",
            "--series",
            series,
            "--number",
            &number,
            "--out",
            policy_pdf.to_str().unwrap(),
        ],
    ));
    if let Some(text) = pdf_text(&policy_pdf) {
        for needle in [
            format!("Poliță CASCO seria {series} nr. {number}"),
            "Primă".into(),
            "Asigurătorii".into(),
            "Ștefan Țărănescu".into(),
        ] {
            assert!(
                text.contains(&needle),
                "policy PDF lacks {needle:?}:\n{text}"
            );
        }
    }
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let f = fixture("errors");
    let wrong = casco(&f.base_url, "not-the-password", &["countries"]);
    assert!(!wrong.status.success());
    assert!(wrong.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("authentication refused") && !stderr.contains("not-the-password"),
        "{stderr}"
    );

    // Grawe needs the floor of the policyholder's address.
    let quote = quote_file(&f.dir, "grawe", "casco");
    let mut request: Value = serde_json::from_slice(&std::fs::read(&quote).unwrap()).unwrap();
    request["product"]["policyholder"]["address"]
        .as_object_mut()
        .unwrap()
        .remove("floor");
    std::fs::write(&quote, request.to_string()).unwrap();
    let rejected = casco(&f.base_url, "demo", &["quote", quote.to_str().unwrap()]);
    assert!(!rejected.status.success());
    let stderr = String::from_utf8_lossy(&rejected.stderr);
    assert!(
        stderr
            .contains("product.policyholder.address.floor: Câmpul este obligatoriu pentru Grawe."),
        "{stderr}"
    );

    std::fs::write(
        &quote,
        r#"{"provider": {"organization": {"businessName": 5}}}"#,
    )
    .unwrap();
    let invalid = casco(&f.base_url, "demo", &["quote", quote.to_str().unwrap()]);
    assert!(!invalid.status.success());
    assert!(String::from_utf8_lossy(&invalid.stderr).contains("provider.organization.businessName"));
    std::fs::remove_dir_all(&f.dir).ok();
}

#[test]
fn localities_come_back_whichever_way_the_host_reads_the_county() {
    let config = casco_sandbox::SandboxConfig {
        county_parameter: casco_api::model::CountyParameter::SirutaCode,
        ..casco_sandbox::SandboxConfig::default()
    };
    let f = fixture_with("siruta", config);
    let localities = json_out(&casco(&f.base_url, "demo", &["localities", "CJ"]));
    assert!(localities
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["name"] == "CLUJ-NAPOCA"));
}

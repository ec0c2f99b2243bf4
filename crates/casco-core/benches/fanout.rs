//! Quoting every insurer at once against the real sandbox, served in-process on loopback
//! with 10 insurers that each take seconds, as the real ones do. Two runs:
//! A, 1.5 s for every insurer; B, latencies spread from 0.5 s to 3 s (fixed per insurer).
//! In each run, in the same process: the fan-out (every insurer at once) and a serial loop
//! over the same insurers through the same code path, the baseline.
//!
//! The last line is
//! `fanout: total_over_slowest=… first_over_fastest_ms=… serial_over_total=…` where
//! total_over_slowest = fan-out wall time / slowest insurer's latency (the worse of A and B;
//! goal ≤ 1.15), first_over_fastest_ms = time to the first streamed outcome minus the fastest
//! insurer's latency (run B; goal ≤ 50 ms) and serial_over_total = serial / fan-out time
//! (run B; higher is better). Run: `scripts/bench fanout` or
//! `cargo bench -p casco-core --bench fanout`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casco_api::insurers::{self, Insurer};
use casco_api::{CallOptions, CascoClient, ClientConfig, Credentials, Secret};
use casco_core::insurers::ProviderCredentials;
use casco_core::quote::fanout::{
    quote_insurers, FanoutOptions, InsurerCall, InsurerOutcome, OutcomeState,
};
use casco_core::quote::{
    Color, CoverCurrency, FuelType, Gender, IdDocumentType, LeasingContractType, PartyKind,
    QuoteDraft, RegistrationType, VehicleType,
};
use casco_core::Language;
use casco_sandbox::{InsurerKnobs, Latency, SandboxConfig, SandboxHandle};
use chrono::{Days, Utc};

/// Far above the slowest latency: no call may time out in the bench.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The published sample, typed into the wizard as an agent would.
fn sample_draft() -> QuoteDraft {
    let mut d = QuoteDraft::default();
    let p = &mut d.policyholder;
    p.kind = PartyKind::Person;
    p.tax_id = "RO123456789".into();
    p.last_name = "Doe".into();
    p.first_name = "John".into();
    p.business_name = "TechCorp".into();
    p.trade_registry_number = "12345678".into();
    p.caen_code = "6201".into();
    p.nationality = "RO".into();
    p.citizenship = "RO".into();
    p.gender = Some(Gender::M);
    p.birthdate = "1990-01-01".into();
    p.email = "john.doe@example.com".into();
    p.mobile = "0712345678".into();
    p.licence_date = "2010-05-15".into();
    p.id_document.id_type = Some(IdDocumentType::IdentityCard);
    p.id_document.series_number = "AB123456".into();
    p.id_document.issued_by = "Police Department".into();
    p.id_document.issue_date = "2023-01-01".into();
    let a = &mut p.address;
    a.county_code = "CJ".into();
    a.county_name = "Cluj".into();
    a.locality_siruta = "12345".into();
    a.locality_name = "Cluj-Napoca".into();
    a.street = "Eroilor".into();
    a.number = "10".into();
    a.building = "A".into();
    a.staircase = "1".into();
    a.apartment = "12".into();
    a.floor = "3".into();
    a.postcode = "400001".into();
    let v = &mut d.vehicle;
    v.vin = "1HGCM82633A123456".into();
    v.motor_series = "e2007".into();
    v.category = Some(VehicleType::M1);
    v.make = "Toyota".into();
    v.model = "Corolla".into();
    v.year = "2020".into();
    v.engine_cc = "1800".into();
    v.power_kw = "140".into();
    v.total_weight = "1500".into();
    v.seats = "5".into();
    v.fuel = Some(FuelType::Petrol);
    v.mileage = "120000".into();
    v.colour = Some(Color::White);
    v.market_value = "100000.00".into();
    v.identifiers
        .insert("groupama".into(), "F9bcVXsC3Zu7PDagZcLfCw==".into());
    v.plate = "B123XYZ".into();
    v.registration_type = RegistrationType::Registered;
    v.first_registration = "2015-06-01".into();
    v.civ_series = "AB123456".into();
    v.key_count = "3".into();
    v.pti_expiry = "2025-05-12".into();
    v.vignette_expiry = "2025-06-11".into();
    v.equipment_description = "External lighting, Tow bar".into();
    v.equipment_value = "7000".into();
    v.acquisition_date = "2023-01-01".into();
    v.is_first_owner = Some(false);
    v.stolen_before = Some(false);
    v.construction_changes = Some(false);
    v.right_hand_drive = Some(false);
    v.is_atv = Some(false);
    let c = &mut d.cover;
    c.start_date = "2023-01-01".into();
    c.term_months = 12;
    c.installments = 1;
    c.currency = CoverCurrency::Ron;
    c.insured_sum = "10000.5".into();
    c.deductible_partial = "500".into();
    c.deductible_total_percent = "20".into();
    c.renewal_series = "AB".into();
    c.renewal_number = "123456".into();
    c.mentions = "Additional mentions or notes".into();
    c.leasing_contract_type = Some(LeasingContractType::Financial);
    c.leasing_contract_number = "RX123456".into();
    c.bonus_malus_class = "B0".into();
    c.bonus_malus_claims = "2".into();
    c.no_young_drivers = Some(false);
    c.raf_code = "RAF012345".into();
    c.filter_packages = Some(false);
    c.cash_on_hand_accord = Some(false);
    c.partner_repair_network = Some(false);
    c.covers_minor_children = Some(false);
    c.personal_accident_plan = "SAFE".into();
    d
}

/// The sample (as in `tests/quote_payload.rs`) with a start date the sandbox accepts today.
fn valid_draft() -> QuoteDraft {
    let mut d = sample_draft();
    d.policyholder.tax_id = "1900101400012".into();
    d.vehicle.first_registration = "2020-03-01".into();
    d.cover.start_date = Utc::now()
        .with_timezone(&chrono_tz::Europe::Bucharest)
        .date_naive()
        .checked_add_days(Days::new(1))
        .expect("tomorrow")
        .to_string();
    d
}

fn call(insurer: &'static Insurer) -> InsurerCall {
    let (account, password) = casco_sandbox::demo_provider_credentials(&insurer.key);
    InsurerCall {
        insurer,
        credentials: Some(ProviderCredentials {
            account,
            password: Secret::new(password),
            code: String::new(),
        }),
        enabled: true,
    }
}

/// What one timed batch did.
struct Batch {
    total: Duration,
    first: Duration,
}

/// One batch over `insurers` through the fan-out; panics unless every insurer made offers.
async fn batch(
    client: &Arc<CascoClient>,
    draft: &QuoteDraft,
    insurers: &[&'static Insurer],
) -> Batch {
    let first: Mutex<Option<Duration>> = Mutex::new(None);
    let options = FanoutOptions {
        per_insurer_timeout: TIMEOUT,
        lang: Language::Ro,
        today: Utc::now().date_naive(),
    };
    let start = Instant::now();
    let outcomes = quote_insurers(
        Arc::clone(client),
        draft,
        insurers.iter().map(|i| call(i)).collect(),
        options,
        None,
        &|_: InsurerOutcome| {
            let mut first = first.lock().expect("first");
            first.get_or_insert(start.elapsed());
        },
    )
    .await;
    let total = start.elapsed();
    for o in &outcomes {
        assert!(
            matches!(o.state, OutcomeState::Offers { .. }),
            "{}: {:?}",
            o.insurer,
            o.state
        );
    }
    assert_eq!(outcomes.len(), insurers.len());
    let first = first.into_inner().expect("first").expect("an outcome");
    Batch { total, first }
}

/// One run: the sandbox told `latency_ms[i]` for insurer i, then the fan-out and the serial
/// loop, each through a client that logged in before the clock starts.
struct Run {
    slowest: Duration,
    fastest: Duration,
    fanout: Batch,
    serial: Duration,
}

async fn run(sandbox: &SandboxHandle, latency_ms: &[u64]) -> Run {
    let catalogue: Vec<&'static Insurer> = insurers::catalogue().iter().take(10).collect();
    assert_eq!(catalogue.len(), latency_ms.len());
    sandbox.update_config(|c| {
        c.insurers = catalogue
            .iter()
            .zip(latency_ms)
            .map(|(i, ms)| {
                (
                    i.key.clone(),
                    InsurerKnobs {
                        latency: Some(Latency::Fixed(*ms)),
                        failure: None,
                    },
                )
            })
            .collect();
    });
    let client = Arc::new(
        CascoClient::new(
            ClientConfig::new(sandbox.base_url()).expect("base URL"),
            Credentials::new("demo", "demo"),
        )
        .expect("client"),
    );
    client
        .login(CallOptions::default())
        .await
        .expect("demo/demo logs in");
    let draft = valid_draft();
    let fanout = batch(&client, &draft, &catalogue).await;
    let start = Instant::now();
    for insurer in &catalogue {
        batch(&client, &draft, &[*insurer]).await;
    }
    let serial = start.elapsed();
    Run {
        slowest: Duration::from_millis(latency_ms.iter().copied().max().unwrap_or(0)),
        fastest: Duration::from_millis(latency_ms.iter().copied().min().unwrap_or(0)),
        fanout,
        serial,
    }
}

async fn bench() {
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts on loopback");
    let fixed = [1500; 10];
    // 0.5 s to 3 s in nine even steps, in catalogue order.
    let spread: Vec<u64> = (0..10).map(|i| 500 + i * 2500 / 9).collect();
    let a = run(&sandbox, &fixed).await;
    let b = run(&sandbox, &spread).await;
    sandbox.stop().await;

    for (name, r) in [("A", &a), ("B", &b)] {
        println!(
            "fanout run {name}: slowest_ms={} fastest_ms={} total_ms={} first_ms={} serial_ms={}",
            r.slowest.as_millis(),
            r.fastest.as_millis(),
            r.fanout.total.as_millis(),
            r.fanout.first.as_millis(),
            r.serial.as_millis()
        );
    }
    let over = |r: &Run| r.fanout.total.as_secs_f64() / r.slowest.as_secs_f64();
    let total_over_slowest = over(&a).max(over(&b));
    let first_over_fastest_ms = (b.fanout.first.as_secs_f64() - b.fastest.as_secs_f64()) * 1000.0;
    let serial_over_total = b.serial.as_secs_f64() / b.fanout.total.as_secs_f64();
    println!(
        "fanout: total_over_slowest={total_over_slowest:.3} first_over_fastest_ms={first_over_fastest_ms:.1} serial_over_total={serial_over_total:.2}"
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench());
}

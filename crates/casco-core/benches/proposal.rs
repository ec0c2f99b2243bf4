//! The client proposal for 10 offers with 12 installments each, built many times over: p50 and
//! p99 of one build (layout, font subsetting, serialisation), its size and pages. The baseline,
//! measured in the same run, is a one-page document with the same embedded font and one line
//! (the fixed cost of any PDF the app makes); the ratio says what the proposal adds to it.
//! Run: `scripts/bench proposal`. Writes the last proposal to target/bench-proposal.pdf.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use casco_core::documents::{render_proposal, ProposalContent, ProposalVehicle, ProposalWording};
use casco_core::quote::outcome::{
    CoverageView, DeductiblesView, InstallmentView, Money, OfferView,
};
use casco_core::settings::{AgencyProfile, Language};
use chrono::{Days, NaiveDate};

const RUNS: usize = 200;
const INSURERS: [&str; 10] = [
    "Generali",
    "Groupama",
    "Eazy Insure",
    "Allianz-Țiriac",
    "Omniasig",
    "Asirom",
    "Grawe",
    "Uniqa",
    "Signal Iduna",
    "Axeria",
];

fn wording() -> ProposalWording {
    let w = |s: &str| s.to_owned();
    ProposalWording {
        title: w("Propunere de asigurare CASCO"),
        number_line: w("Nr. {number} din {date}"),
        client: w("Client"),
        vehicle: w("Vehicul"),
        plate: w("Nr. înmatriculare"),
        vin: w("Serie șasiu (VIN)"),
        insured_sum: w("Sumă asigurată"),
        offers: w("Ofertele propuse"),
        insurer: w("Asigurător"),
        premium: w("Primă"),
        premium_in_lei: w("Primă în lei"),
        installments: w("Rate"),
        deductibles: w("Franșiză"),
        valid_until: w("Valabilă până la"),
        schedule: w("Scadențe"),
        coverages: w("Acoperiri"),
        notes: w("Observații"),
        at_once: w("integral"),
        installment_count: w("{count} rate"),
        deductible_text: w("{partial} / {total}% daună totală"),
        rate_note: w("la cursul de {rate} lei/EUR din ofertă"),
        recommendation: w("Recomandarea noastră"),
        closing: w(
            "Condițiile obligatorii sunt cele din documentul de ofertă al fiecărui asigurător.",
        ),
        page: w("Pagina {page} din {pages}"),
        broker_code: w("Cod ASF"),
        covers: BTreeMap::from([
            ("glass".into(), "Geamuri".into()),
            ("assistance".into(), "Asistență rutieră".into()),
        ]),
    }
}

fn offer(i: usize, start: NaiveDate) -> OfferView {
    let eur = i % 4 == 3;
    let premium = 2400 + 37 * i as i64;
    let installments = (0..12)
        .map(|n| InstallmentView {
            number: n + 1,
            due_date: start
                .checked_add_days(Days::new(30 * u64::from(n)))
                .unwrap(),
            amount: format!("{}.{:02}", premium / 12, (premium % 12) * 8),
        })
        .collect();
    OfferView {
        offer_id: (1000 + i).to_string(),
        insurer: INSURERS[i].to_lowercase(),
        premium: format!("{premium}.50"),
        currency: if eur { "EUR" } else { "RON" }.into(),
        premium_ron: format!("{}.50", if eur { premium * 5 } else { premium }),
        exchange_rate: eur.then(|| "4.9770".into()),
        installment_count: 12,
        installments,
        start_date: start,
        end_date: start.checked_add_days(Days::new(364)).unwrap(),
        insured_sum: Some(Money { amount: "26300.00".into(), currency: casco_api::model::Currency::Ron }),
        deductibles: Some(DeductiblesView { partial_damage: "500".into(), total_damage_percent: "10".into(), currency: "RON".into() }),
        covers: vec!["glass".into()],
        coverages: vec![
            CoverageView { code: "vehicle".into(), notes: Some("Avarii și furt, suma asigurată a acoperirii este inclusă în suma principală.".into()) },
            CoverageView { code: "glass".into(), notes: Some("Fără franșiză pentru parbriz și geamuri laterale.".into()) },
            CoverageView { code: "assistance".into(), notes: Some("Tractare 24/7 în România și Europa, până la 500 km.".into()) },
        ],
        notes: Some("Oferta ține cont de istoricul de daune declarat; inspecția de risc se face la emitere.".into()),
        expiry_date: Some(start.checked_add_days(Days::new(29)).unwrap()),
        expired: false,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let start = NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    let agency = AgencyProfile {
        name: "Agenția Ștefan & Țugui SRL".into(),
        broker_code: "RBK-123".into(),
        address: "Str. Memorandumului 28, Cluj-Napoca".into(),
        phone: "0264 123 456".into(),
        email: "oferte@agentia.ro".into(),
        logo_file: None,
    };
    let wording = wording();
    let content = ProposalContent {
        agency: &agency,
        logo: None,
        number: "12-1".into(),
        date: start,
        client: "Ștefănescu Țuțu-Ioana".into(),
        vehicle: ProposalVehicle {
            name: "Dacia Logan 2019".into(),
            plate: "CJ 12 ABC".into(),
            vin: "UU1ABCDEF12345678".into(),
            insured_sum: Some(("26300.00".into(), casco_api::model::Currency::Ron)),
        },
        offers: (0..10)
            .map(|i| (INSURERS[i].to_owned(), offer(i, start)))
            .collect(),
        recommendation: "Recomandăm Groupama: prima mică și asistență în Europa.".into(),
        wording: &wording,
        language: Language::Ro,
    };

    let mut baseline = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut doc = casco_pdf::Document::new("baseline").unwrap();
        doc.paragraph("Ștefănescu Țuțu-Ioana");
        std::hint::black_box(doc.finish().unwrap());
        baseline.push(t.elapsed());
    }
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let rendered = render_proposal(&content).unwrap();
        times.push(t.elapsed());
        last = Some(rendered);
    }
    baseline.sort();
    times.sort();
    let last = last.unwrap();
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-proposal.pdf");
    if std::fs::create_dir_all(out.parent().unwrap()).is_ok() {
        let _ = std::fs::write(&out, &last.bytes);
    }
    let p50 = percentile(&times, 0.5);
    let base = percentile(&baseline, 0.5);
    println!("baseline (one line, same font): p50_ms={base:.2}");
    println!(
        "proposal: p50_ms={p50:.1} p99_ms={:.1} kb={} pages={} over_baseline={:.1}",
        percentile(&times, 0.99),
        last.bytes.len() / 1024,
        last.pages,
        p50 / base.max(f64::EPSILON)
    );
}

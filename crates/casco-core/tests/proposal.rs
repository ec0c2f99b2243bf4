//! The proposal for the client, made through the desk from a real comparison: the ticked
//! offers in the order given, the agency's letterhead and logo, the client's name with its
//! diacritics, amounts as on screen, "Pagina 1 din N"; saved, recorded and opened; nothing
//! asked of the API.

#[path = "support/desk_fixture.rs"]
mod desk_fixture;
#[path = "support/sample_draft.rs"]
mod sample_draft;

use std::collections::BTreeMap;

use casco_core::documents::{ProposalRequest, ProposalWording};
use casco_core::money_text::money_text;
use casco_core::quote::fanout::OutcomeState;
use casco_core::settings::Language;
use casco_core::store::DocumentKind;
use casco_core::Message;
use casco_sandbox::SandboxConfig;
use desk_fixture::Fixture;

fn wording() -> ProposalWording {
    ProposalWording {
        title: "Propunere de asigurare CASCO".into(),
        number_line: "Nr. {number} din {date}".into(),
        client: "Client".into(),
        vehicle: "Vehicul".into(),
        plate: "Nr. înmatriculare".into(),
        vin: "Serie șasiu (VIN)".into(),
        insured_sum: "Sumă asigurată".into(),
        offers: "Ofertele propuse".into(),
        insurer: "Asigurător".into(),
        premium: "Primă".into(),
        premium_in_lei: "Primă în lei".into(),
        installments: "Rate".into(),
        deductibles: "Franșiză".into(),
        valid_until: "Valabilă până la".into(),
        schedule: "Scadențe".into(),
        coverages: "Acoperiri".into(),
        notes: "Observații".into(),
        at_once: "integral".into(),
        installment_count: "{count} rate".into(),
        deductible_text: "{partial} / {total}% daună totală".into(),
        rate_note: "la cursul de {rate} lei/EUR din ofertă".into(),
        recommendation: "Recomandarea noastră".into(),
        closing:
            "Condițiile obligatorii sunt cele din documentul de ofertă al fiecărui asigurător."
                .into(),
        page: "Pagina {page} din {pages}".into(),
        broker_code: "Cod ASF".into(),
        covers: BTreeMap::from([("glass".into(), "Geamuri".into())]),
    }
}

/// A 2 × 1 PNG: the logo's pixels do not matter, its decoding does.
const LOGO: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7b, 0x40, 0xe8,
    0xdd, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x10, 0x32, 0x09, 0xfb,
    0xff, 0xff, 0x3f, 0x00, 0x08, 0xc9, 0x03, 0x9a, 0x3e, 0xf2, 0xeb, 0x0b, 0x00, 0x00, 0x00, 0x00,
    0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_shows_the_ticked_offers_on_the_letterhead_with_diacritics() {
    let f = Fixture::new(SandboxConfig::default()).await;
    let desk = f.desk();
    assert!(desk.connect().await.logged_in);
    std::fs::create_dir_all(&f.host.data_dir).unwrap();
    let source = f.host.data_dir.join("logo-source.png");
    std::fs::write(&source, LOGO).unwrap();
    let logo = desk.import_logo(&source).unwrap();
    let mut settings = desk.settings();
    settings.agency.name = "Agenția Ștefan & Țugui SRL".into();
    settings.agency.broker_code = "RBK-123".into();
    settings.agency.address = "Str. Memorandumului 28, Cluj-Napoca".into();
    settings.agency.logo_file = Some(logo.file);
    desk.save_settings(settings).unwrap();

    let mut draft = sample_draft::valid_draft_from(sample_draft::tomorrow_in_bucharest());
    draft.policyholder.last_name = "Ștefănescu".into();
    draft.policyholder.first_name = "Țuțu-Ioana".into();
    let id = desk.save_quote_draft(None, &draft).unwrap().unwrap();
    let outcomes = desk.quote_offers(id, &draft, None, &|_| ()).await.unwrap();
    let mut offers: Vec<_> = outcomes
        .iter()
        .flat_map(|o| match &o.state {
            OutcomeState::Offers { offers } => offers
                .iter()
                .map(|v| (o.display_name.clone(), v.clone()))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    offers.sort_by(|a, b| {
        a.1.premium_ron
            .parse::<f64>()
            .unwrap()
            .total_cmp(&b.1.premium_ron.parse().unwrap())
    });
    let ticked = &offers[..3];
    let quotes_before = f.sandbox.counters();

    let request = ProposalRequest {
        offer_ids: ticked.iter().map(|(_, o)| o.offer_id.clone()).collect(),
        recommendation: "Recomandăm oferta cea mai ieftină.".into(),
        vehicle_name: "Toyota Corolla 2020".into(),
        wording: wording(),
    };
    let doc = desk.make_proposal(id, &request).unwrap();
    assert_eq!(doc.kind, DocumentKind::Proposal);
    assert!(
        doc.name.contains("Propunere Ștefănescu Țuțu-Ioana"),
        "{}",
        doc.name
    );
    let path = std::path::Path::new(&doc.folder).join(&doc.name);
    assert_eq!(*f.host.opened.lock().unwrap(), std::slice::from_ref(&path));
    assert_eq!(f.sandbox.counters(), quotes_before, "no API call");

    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.windows(6).any(|w| w == b"/Image"),
        "the logo is on the letterhead"
    );
    let Some(text) = casco_pdf::read_back::pdf_text(&path) else {
        return; // said on stderr: pdftotext is not installed
    };
    for needle in [
        "Ștefănescu Țuțu-Ioana",
        "Agenția Ștefan & Țugui SRL",
        "Cod ASF: RBK-123",
        "Pagina 1 din",
        "Recomandăm",
    ] {
        assert!(text.contains(needle), "{needle:?} in:\n{text}");
    }
    for (name, offer) in ticked {
        assert!(text.contains(name.as_str()), "{name}");
        let premium = money_text(
            &offer.premium,
            if offer.currency == "EUR" {
                casco_api::model::Currency::Eur
            } else {
                casco_api::model::Currency::Ron
            },
            Language::Ro,
        );
        assert!(text.contains(&premium), "{premium} in:\n{text}");
    }
    let left_out = &offers[offers.len() - 1].0;
    assert!(
        !text.contains(left_out.as_str()),
        "{left_out} was not ticked"
    );

    // The next proposal of the draft has the next number; none without offers.
    let second = desk.make_proposal(id, &request).unwrap();
    assert!(casco_pdf::read_back::pdf_text(
        &std::path::Path::new(&second.folder).join(&second.name)
    )
    .is_some_and(|t| t.contains(&format!("Nr. {id}-2"))));
    let none = ProposalRequest {
        offer_ids: Vec::new(),
        ..request
    };
    let e = desk.make_proposal(id, &none).unwrap_err();
    assert_eq!(e.fields.unwrap()["offers"], [Message::Required]);
    f.sandbox.stop().await;
}

//! The proposal for the client: the offers the agent ticked, side by side, on the agency's
//! letterhead, made locally (no API call) with the embedded font. Its words come from the UI's
//! catalogue in the agent's language ([`ProposalWording`]); amounts are written as on screen.

use std::collections::BTreeMap;

use casco_api::model::Currency;
use casco_pdf::{Document, PdfError, Picture};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::money_text::money_text;
use crate::quote::outcome::{CoverageView, OfferView};
use crate::settings::{AgencyProfile, Language};

/// The proposal's words, from the UI's catalogue (`{name}` placeholders are filled here).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProposalWording {
    /// "Propunere de asigurare CASCO".
    pub title: String,
    /// "Nr. {number} din {date}".
    pub number_line: String,
    /// "Client".
    pub client: String,
    /// "Vehicul".
    pub vehicle: String,
    /// "Nr. înmatriculare".
    pub plate: String,
    /// "Serie șasiu (VIN)".
    pub vin: String,
    /// "Sumă asigurată".
    pub insured_sum: String,
    /// "Ofertele propuse".
    pub offers: String,
    /// "Asigurător".
    pub insurer: String,
    /// "Primă".
    pub premium: String,
    /// "Primă în lei".
    pub premium_in_lei: String,
    /// "Rate".
    pub installments: String,
    /// "Franșiză".
    pub deductibles: String,
    /// "Valabilă până la".
    pub valid_until: String,
    /// "Scadențe".
    pub schedule: String,
    /// "Acoperiri".
    pub coverages: String,
    /// "Observații".
    pub notes: String,
    /// "integral".
    pub at_once: String,
    /// "{count} rate".
    pub installment_count: String,
    /// "{partial} / {total}% daună totală".
    pub deductible_text: String,
    /// "la cursul de {rate} lei/EUR din ofertă".
    pub rate_note: String,
    /// "Recomandarea noastră".
    pub recommendation: String,
    /// "Condițiile obligatorii sunt cele din documentul de ofertă al fiecărui asigurător."
    pub closing: String,
    /// "Pagina {page} din {pages}".
    pub page: String,
    /// "Cod ASF".
    pub broker_code: String,
    /// Cover key ("glass") → its name ("Geamuri").
    pub covers: BTreeMap<String, String>,
}

/// What the agent asks a proposal for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProposalRequest {
    /// The ticked offers' ids, in the order they are shown (cheapest first by default).
    pub offer_ids: Vec<String>,
    /// The agent's recommendation ("" for none).
    pub recommendation: String,
    /// The vehicle as the UI names it ("Dacia Logan 2019").
    pub vehicle_name: String,
    /// The words, in the agent's language.
    pub wording: ProposalWording,
}

/// Fills `{name}` placeholders; an unknown one stays visible so it gets noticed.
fn fill(template: &str, params: &[(&str, &str)]) -> String {
    params
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The vehicle as the proposal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProposalVehicle {
    /// "Dacia Logan 2019", as the UI names it.
    pub name: String,
    /// The plate.
    pub plate: String,
    /// The VIN.
    pub vin: String,
    /// The insured sum asked for and its currency, when typed.
    pub insured_sum: Option<(String, Currency)>,
}

/// Everything a proposal shows.
#[derive(Debug, Clone)]
pub struct ProposalContent<'a> {
    /// The agency's letterhead.
    pub agency: &'a AgencyProfile,
    /// Its logo, when one is set and readable.
    pub logo: Option<Picture>,
    /// "12-1".
    pub number: String,
    /// The day it is made.
    pub date: NaiveDate,
    /// The client's name.
    pub client: String,
    /// The vehicle.
    pub vehicle: ProposalVehicle,
    /// The offers with their insurer's name, in the order the agent chose (cheapest first).
    pub offers: Vec<(String, OfferView)>,
    /// The agent's recommendation ("" for none).
    pub recommendation: String,
    /// The words.
    pub wording: &'a ProposalWording,
    /// How amounts are written.
    pub language: Language,
}

/// A rendered proposal.
#[derive(Debug, Clone)]
pub struct RenderedProposal {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
}

/// `dd.mm.yyyy`, as the UI writes dates in both languages.
fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Lays the proposal out on A4 pages.
pub fn render_proposal(p: &ProposalContent<'_>) -> Result<RenderedProposal, PdfError> {
    let w = p.wording;
    let mut doc = Document::new(&w.title)?;
    let agency_lines = agency_lines(p.agency, w);
    let lines: Vec<&str> = agency_lines.iter().map(String::as_str).collect();
    doc.letterhead(p.logo.as_ref(), p.agency.name.trim(), &lines);
    doc.title(&w.title);
    doc.line(
        &fill(
            &w.number_line,
            &[("number", &p.number), ("date", &day(p.date))],
        ),
        10.0,
    );
    let insured = p
        .vehicle
        .insured_sum
        .as_ref()
        .map(|(amount, currency)| money_text(amount, *currency, p.language))
        .unwrap_or_default();
    let rows: Vec<(&str, &str)> = [
        (w.client.as_str(), p.client.as_str()),
        (w.vehicle.as_str(), p.vehicle.name.as_str()),
        (w.plate.as_str(), p.vehicle.plate.as_str()),
        (w.vin.as_str(), p.vehicle.vin.as_str()),
        (w.insured_sum.as_str(), insured.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .collect();
    doc.key_values(&rows);
    doc.heading(&w.offers);
    comparison_table(&mut doc, p);
    for (name, offer) in &p.offers {
        offer_block(&mut doc, p, name, offer);
    }
    if !p.recommendation.trim().is_empty() {
        doc.heading(&w.recommendation);
        doc.paragraph(p.recommendation.trim());
    }
    doc.small(&w.closing, 8.5);
    let pages = doc.page_count();
    let bytes = doc.finish_with_footer(|page, pages| {
        fill(
            &w.page,
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        )
    })?;
    Ok(RenderedProposal { bytes, pages })
}

fn agency_lines(agency: &AgencyProfile, w: &ProposalWording) -> Vec<String> {
    let contact = [agency.phone.trim(), agency.email.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let code = agency.broker_code.trim();
    let code = if code.is_empty() {
        String::new()
    } else {
        format!("{}: {code}", w.broker_code)
    };
    vec![agency.address.trim().to_owned(), contact, code]
}

/// One row per offer: insurer, premium, in lei, installments, deductibles, valid until.
fn comparison_table(doc: &mut Document, p: &ProposalContent<'_>) {
    let w = p.wording;
    let headers = [
        w.insurer.as_str(),
        w.premium.as_str(),
        w.premium_in_lei.as_str(),
        w.installments.as_str(),
        w.deductibles.as_str(),
        w.valid_until.as_str(),
    ];
    let rows: Vec<Vec<String>> = p
        .offers
        .iter()
        .map(|(name, o)| {
            vec![
                name.clone(),
                money_text(&o.premium, currency(&o.currency), p.language),
                in_lei(o, p),
                installments_text(o, w),
                deductibles_text(o, p),
                o.expiry_date.map(day).unwrap_or_default(),
            ]
        })
        .collect();
    doc.wrapped_table(&headers, &rows, &[1.25, 1.05, 1.75, 0.75, 1.75, 0.9]);
}

fn currency(code: &str) -> Currency {
    if code == "EUR" {
        Currency::Eur
    } else {
        Currency::Ron
    }
}

/// The premium in lei: the premium itself, or `≈` the conversion with the offer's rate named.
fn in_lei(o: &OfferView, p: &ProposalContent<'_>) -> String {
    let lei = money_text(&o.premium_ron, Currency::Ron, p.language);
    match (&o.exchange_rate, o.currency.as_str()) {
        (_, "RON") => lei,
        (Some(rate), _) => format!(
            "≈ {lei} {}",
            fill(
                &p.wording.rate_note,
                &[("rate", &crate::money_text::rate_text(rate, p.language))]
            )
        ),
        (None, _) => String::new(),
    }
}

fn installments_text(o: &OfferView, w: &ProposalWording) -> String {
    if o.installment_count <= 1 {
        w.at_once.clone()
    } else {
        fill(
            &w.installment_count,
            &[("count", &o.installment_count.to_string())],
        )
    }
}

fn deductibles_text(o: &OfferView, p: &ProposalContent<'_>) -> String {
    o.deductibles
        .as_ref()
        .map(|d| {
            let partial = money_text(&d.partial_damage, currency(&d.currency), p.language);
            fill(
                &p.wording.deductible_text,
                &[("partial", &partial), ("total", &d.total_damage_percent)],
            )
        })
        .unwrap_or_default()
}

/// An offer's details: its schedule, coverages and notes.
fn offer_block(doc: &mut Document, p: &ProposalContent<'_>, name: &str, o: &OfferView) {
    let w = p.wording;
    let premium = money_text(&o.premium, currency(&o.currency), p.language);
    doc.heading(&format!("{name} — {premium}"));
    let schedule = o
        .installments
        .iter()
        .map(|i| {
            let amount = money_text(&i.amount, currency(&o.currency), p.language);
            // No-break spaces: an installment never breaks across lines.
            format!(
                "{}.\u{a0}{}\u{a0}—\u{a0}{}",
                i.number,
                day(i.due_date),
                amount.replace(' ', "\u{a0}")
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let coverages = o
        .coverages
        .iter()
        .map(|c| coverage_text(c, &w.covers))
        .collect::<Vec<_>>()
        .join("\n");
    let notes = o.notes.clone().unwrap_or_default();
    let rows: Vec<(&str, &str)> = [
        (w.schedule.as_str(), schedule.as_str()),
        (w.coverages.as_str(), coverages.as_str()),
        (w.notes.as_str(), notes.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .collect();
    doc.key_values(&rows);
}

/// "Geamuri: notes" — a catalogue cover by its name, another coverage by its code.
fn coverage_text(c: &CoverageView, covers: &BTreeMap<String, String>) -> String {
    let key = camel(&c.code);
    let name = covers.get(&key).cloned().unwrap_or_else(|| c.code.clone());
    match c.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(notes) => format!("{name}: {notes}"),
        None => name,
    }
}

/// `replacement_car` → `replacementCar`, as cover keys are written.
fn camel(code: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in code.to_lowercase().chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_cover_names_are_filled() {
        assert_eq!(
            fill(
                "Pagina {page} din {pages}",
                &[("page", "1"), ("pages", "2")]
            ),
            "Pagina 1 din 2"
        );
        assert_eq!(fill("{unknown}", &[]), "{unknown}");
        assert_eq!(camel("replacement_car"), "replacementCar");
        let covers = BTreeMap::from([("glass".to_owned(), "Geamuri".to_owned())]);
        let glass = CoverageView {
            code: "GLASS".into(),
            notes: Some("fără franșiză".into()),
        };
        assert_eq!(coverage_text(&glass, &covers), "Geamuri: fără franșiză");
        let other = CoverageView {
            code: "vehicle".into(),
            notes: None,
        };
        assert_eq!(coverage_text(&other, &covers), "vehicle");
    }
}

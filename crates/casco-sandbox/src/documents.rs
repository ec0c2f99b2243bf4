//! Offer and policy PDFs, in Romanian, rendered with casco-pdf.

use crate::pricing::Price;
use crate::valuation::{at, is_legal_entity, text};
use casco_api::insurers::Insurer;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

/// What an offer or policy PDF shows, captured when the offer is made.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub insurer_name: String,
    pub product: String,
    pub holder_name: String,
    pub holder_tax_id: String,
    pub holder_address: String,
    pub vehicle: String,
    pub license_plate: String,
    pub vin: String,
    pub insured_value: String,
    pub premium: Decimal,
    pub currency: String,
    pub installments: Vec<(u64, Decimal, NaiveDate)>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub offer_expiry: NaiveDate,
}

impl Summary {
    /// Picks the printed fields from a validated quote request.
    pub fn from_request(
        insurer: &Insurer,
        request: &Value,
        price: &Price,
        start: NaiveDate,
        end: NaiveDate,
        offer_expiry: NaiveDate,
    ) -> Summary {
        let t = |path: &str| text(request, path).unwrap_or("").to_owned();
        let holder_name = match text(request, "product.policyholder.businessName") {
            Some(company) if is_legal_entity(request) => company.to_owned(),
            _ => format!(
                "{} {}",
                t("product.policyholder.firstName"),
                t("product.policyholder.lastName")
            )
            .trim()
            .to_owned(),
        };
        let address = ["street", "houseNumber", "city", "county"]
            .iter()
            .filter_map(|k| text(request, &format!("product.policyholder.address.{k}")))
            .collect::<Vec<_>>()
            .join(", ");
        let year = at(request, "product.vehicle.yearOfConstruction")
            .map(|v| v.to_string().trim_matches('"').to_owned())
            .unwrap_or_default();
        let value = at(request, "product.vehicle.marketValue")
            .map(|v| v.to_string().trim_matches('"').to_owned())
            .unwrap_or_default();
        Summary {
            insurer_name: insurer.display_name.clone(),
            product: t("product.name"),
            holder_name,
            holder_tax_id: t("product.policyholder.taxId"),
            holder_address: address,
            vehicle: format!(
                "{} {} ({year})",
                t("product.vehicle.brand"),
                t("product.vehicle.model")
            ),
            license_plate: t("product.vehicle.licensePlate"),
            vin: t("product.vehicle.vin"),
            insured_value: format!("{value} {}", t("product.motor.currency")),
            premium: price.premium,
            currency: price.currency.code().to_owned(),
            installments: price.installments.clone(),
            start,
            end,
            offer_expiry,
        }
    }
}

/// An amount as Romanians write it: 1.234,56 lei / 1.234,56 EUR.
pub fn amount_ro(amount: Decimal, currency: &str) -> String {
    let fixed = format!("{:.2}", amount.round_dp(2));
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, "00"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let unit = if currency == "RON" { "lei" } else { currency };
    format!("{sign}{grouped},{frac} {unit}")
}

fn date_ro(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// The offer PDF.
pub fn offer_pdf(offer_id: u64, s: &Summary) -> Result<Vec<u8>, casco_pdf::PdfError> {
    let mut doc = casco_pdf::Document::new(&format!("Ofertă CASCO {offer_id}"))?;
    doc.title(&format!("Ofertă CASCO nr. {offer_id} — {}", s.insurer_name));
    common_sections(&mut doc, s);
    doc.key_values(&[("Valabilă până la", &date_ro(s.offer_expiry))]);
    doc.paragraph(
        "Oferta a fost emisă prin platforma CascoApi (mediu demonstrativ). Asigurătorii participanți își rezervă \
         dreptul de a reevalua riscul la inspecția vehiculului. Prima nu include taxele de înmatriculare.",
    );
    doc.finish()
}

/// The policy PDF.
pub fn policy_pdf(
    series: &str,
    number: &str,
    payment: &str,
    s: &Summary,
) -> Result<Vec<u8>, casco_pdf::PdfError> {
    let mut doc = casco_pdf::Document::new(&format!("Poliță CASCO {series} {number}"))?;
    doc.title(&format!("Poliță CASCO seria {series} nr. {number}"));
    doc.key_values(&[("Asigurător", &s.insurer_name), ("Plată", payment)]);
    common_sections(&mut doc, s);
    doc.paragraph(
        "Polița intră în vigoare la data începerii, după plata primei sau a primei rate. Asigurătorii răspund \
         conform condițiilor de asigurare; despăgubirile se plătesc în termenul prevăzut în contract.",
    );
    doc.finish()
}

fn common_sections(doc: &mut casco_pdf::Document, s: &Summary) {
    doc.heading("Asigurat");
    doc.key_values(&[
        ("Nume / Denumire", &s.holder_name),
        ("CNP / CUI", &s.holder_tax_id),
        ("Adresă", &s.holder_address),
    ]);
    doc.heading("Vehicul");
    doc.key_values(&[
        ("Marcă și model", &s.vehicle),
        ("Număr de înmatriculare", &s.license_plate),
        ("Serie șasiu (VIN)", &s.vin),
        ("Valoare asigurată", &s.insured_value),
    ]);
    doc.heading("Primă și rate");
    doc.key_values(&[
        ("Produs", &s.product),
        (
            "Perioada",
            &format!("{} – {}", date_ro(s.start), date_ro(s.end)),
        ),
        ("Primă", &amount_ro(s.premium, &s.currency)),
    ]);
    let rows: Vec<Vec<String>> = s
        .installments
        .iter()
        .map(|(id, amount, due)| {
            vec![
                id.to_string(),
                date_ro(*due),
                amount_ro(*amount, &s.currency),
            ]
        })
        .collect();
    doc.table(&["Rata", "Scadență", "Sumă"], &rows, &[1.0, 2.0, 2.0]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn romanian_amounts() {
        assert_eq!(
            amount_ro(Decimal::from_str("1234.5").unwrap(), "RON"),
            "1.234,50 lei"
        );
        assert_eq!(
            amount_ro(Decimal::from_str("999").unwrap(), "EUR"),
            "999,00 EUR"
        );
        assert_eq!(
            amount_ro(Decimal::from_str("1234567.891").unwrap(), "RON"),
            "1.234.567,89 lei"
        );
    }
}

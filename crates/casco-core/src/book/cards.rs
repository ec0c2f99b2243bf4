//! What the book keeps of a client and a vehicle: the latest details as typed in a draft,
//! as versioned JSON (`{"v": 1, ...}`; unknown fields ignored, missing ones empty).

use serde::{Deserialize, Serialize};

use crate::choices::PartyKind;
use crate::quote::QuoteDraft;
use crate::validate::{cnp, normalize_cui, normalize_plate, normalize_vin};

/// The format of the cards this version writes.
const CARD_FORMAT: u32 = 1;

/// A client as the book shows and searches it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct ClientCard {
    /// Person or company.
    pub kind: PartyKind,
    /// CNP or CUI, as stored (the client's identity in the book).
    pub tax_id: String,
    /// "Popescu Ana" or "TechCorp SRL".
    pub name: String,
    /// Mobile phone, as typed.
    pub phone: String,
    /// E-mail, as typed.
    pub email: String,
    /// "CLUJ-NAPOCA, CLUJ".
    pub place: String,
}

/// A client's vehicle as the book shows and searches it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct VehicleCard {
    /// VIN, normalised; "" while not typed.
    pub vin: String,
    /// Plate, normalised ("CJ 12 ABC"); "" for an unregistered vehicle.
    pub plate: String,
    /// Make as typed.
    pub make: String,
    /// Model as typed.
    pub model: String,
    /// Year of manufacture.
    pub year: String,
}

#[derive(Serialize, Deserialize)]
struct Stored<T> {
    v: u32,
    #[serde(flatten)]
    card: T,
}

/// A card as stored.
pub fn encode<T: Serialize>(card: &T) -> String {
    let stored = Stored {
        v: CARD_FORMAT,
        card,
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// A stored card, whatever fields it has.
pub fn decode<T: for<'de> Deserialize<'de> + Default>(text: &str) -> Option<T> {
    serde_json::from_str::<Stored<T>>(text).ok().map(|s| s.card)
}

/// The identity a draft's client is kept under: a valid CNP, or a valid CUI (normalised);
/// `None` while neither is typed right, and the draft stays outside the book.
pub fn client_key(draft: &QuoteDraft) -> Option<String> {
    let p = &draft.policyholder;
    match p.kind {
        PartyKind::Person => {
            let v = p.tax_id.trim();
            cnp(v).is_none().then(|| v.to_owned())
        }
        PartyKind::Company => normalize_cui(&p.tax_id).ok(),
    }
}

/// The identity a draft's vehicle is kept under within its client: the VIN once it has 17
/// characters, else the plate; `None` with neither.
pub fn vehicle_key(draft: &QuoteDraft) -> Option<String> {
    let vin = normalize_vin(&draft.vehicle.vin);
    if vin.chars().count() == 17 {
        return Some(format!("vin:{vin}"));
    }
    normalize_plate(&draft.vehicle.plate)
        .ok()
        .map(|p| format!("plate:{p}"))
}

/// The client card of a draft.
pub fn client_card(draft: &QuoteDraft, tax_id: &str) -> ClientCard {
    let p = &draft.policyholder;
    let a = &p.address;
    let place = [a.locality_name.trim(), a.county_name.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    ClientCard {
        kind: p.kind,
        tax_id: tax_id.to_owned(),
        name: draft.client_name(),
        phone: p.mobile.trim().to_owned(),
        email: p.email.trim().to_owned(),
        place,
    }
}

/// The vehicle card of a draft.
pub fn vehicle_card(draft: &QuoteDraft) -> VehicleCard {
    let v = &draft.vehicle;
    let vin = normalize_vin(&v.vin);
    VehicleCard {
        vin: if vin.chars().count() == 17 {
            vin
        } else {
            String::new()
        },
        plate: normalize_plate(&v.plate).unwrap_or_default(),
        make: v.make.trim().to_owned(),
        model: v.model.trim().to_owned(),
        year: v.year.trim().to_owned(),
    }
}

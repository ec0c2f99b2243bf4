//! The wizard's state: everything the agent typed in steps 1–4, kept as typed.
//!
//! Free text, numbers and dates are strings, so a half-typed value ("12.0", "2025-0") is never
//! lost or rejected while the agent types; closed sets are enums; yes/no questions that only
//! some insurers ask are `Option<bool>` (not answered = not sent). Every struct is
//! `#[serde(default)]`: a draft saved by an older version of the app, missing newer fields,
//! still loads.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::settings::QuoteDefaults;

use crate::choices::*;

/// The wizard's steps, in order (the fifth is the review before quoting, the sixth the
/// vehicle identification and the comparison of offers).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum WizardStep {
    /// 1 Asigurat.
    #[default]
    Policyholder,
    /// 2 Vehicul.
    Vehicle,
    /// 3 Utilizator.
    User,
    /// 4 Acoperiri.
    Cover,
    /// 5 Verificare.
    Review,
    /// 6 Oferte: vehicle identification, then the comparison.
    Offers,
}

impl WizardStep {
    /// The text stored in the drafts table.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Policyholder => "policyholder",
            Self::Vehicle => "vehicle",
            Self::User => "user",
            Self::Cover => "cover",
            Self::Review => "review",
            Self::Offers => "offers",
        }
    }

    /// The step named by [`WizardStep::as_str`].
    pub fn parse(text: &str) -> Option<Self> {
        [
            Self::Policyholder,
            Self::Vehicle,
            Self::User,
            Self::Cover,
            Self::Review,
            Self::Offers,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Identity document as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct IdDocumentDraft {
    /// Tip act de identitate.
    pub id_type: Option<IdDocumentType>,
    /// Serie și număr act.
    pub series_number: String,
    /// Eliberat de.
    pub issued_by: String,
    /// Data eliberării.
    pub issue_date: String,
}

/// Address as typed; county and locality come from the nomenclature pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct AddressDraft {
    /// Country (ISO2), "RO" by default.
    pub country: String,
    /// County code ("CJ", "B").
    pub county_code: String,
    /// County name as sent ("Cluj").
    pub county_name: String,
    /// Locality SIRUTA code.
    pub locality_siruta: String,
    /// Locality name as sent ("Cluj-Napoca").
    pub locality_name: String,
    /// Stradă.
    pub street: String,
    /// Număr.
    pub number: String,
    /// Bloc.
    pub building: String,
    /// Scară.
    pub staircase: String,
    /// Apartament.
    pub apartment: String,
    /// Etaj.
    pub floor: String,
    /// Cod poștal.
    pub postcode: String,
}

impl Default for AddressDraft {
    fn default() -> Self {
        Self {
            country: "RO".into(),
            county_code: String::new(),
            county_name: String::new(),
            locality_siruta: String::new(),
            locality_name: String::new(),
            street: String::new(),
            number: String::new(),
            building: String::new(),
            staircase: String::new(),
            apartment: String::new(),
            floor: String::new(),
            postcode: String::new(),
        }
    }
}

/// A person or company: the policyholder, or the vehicle's user when it is someone else.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct PartyDraft {
    /// Persoană fizică / juridică.
    pub kind: PartyKind,
    /// CNP, CUI (CIF) or a foreigner's tax id.
    pub tax_id: String,
    /// Nume.
    pub last_name: String,
    /// Prenume.
    pub first_name: String,
    /// Cetățean străin.
    pub is_foreign: bool,
    /// Naționalitate (ISO2).
    pub nationality: String,
    /// Cetățenie (ISO2).
    pub citizenship: String,
    /// Sex (prefilled from the CNP).
    pub gender: Option<Gender>,
    /// Data nașterii (prefilled from the CNP).
    pub birthdate: String,
    /// Act de identitate.
    pub id_document: IdDocumentDraft,
    /// Data obținerii permisului de conducere.
    pub licence_date: String,
    /// E-mail.
    pub email: String,
    /// Telefon mobil.
    pub mobile: String,
    /// Persoană cu dizabilități.
    pub has_disability: bool,
    /// Pensionar.
    pub is_retired: bool,
    /// Rezidență.
    pub residency: Residency,
    /// Persoană expusă public.
    pub politically_exposed: bool,
    /// Denumire firmă.
    pub business_name: String,
    /// Nr. de ordine în Registrul Comerțului.
    pub trade_registry_number: String,
    /// Cod CAEN.
    pub caen_code: String,
    /// Adresă.
    pub address: AddressDraft,
}

/// The vehicle as typed (step 2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct VehicleDraft {
    /// Serie șasiu (VIN).
    pub vin: String,
    /// Serie motor.
    pub motor_series: String,
    /// Număr de înmatriculare.
    pub plate: String,
    /// Tip înmatriculare.
    pub registration_type: RegistrationType,
    /// Data primei înmatriculări.
    pub first_registration: String,
    /// Mod de utilizare.
    pub usage_type: UsageType,
    /// Categorie vehicul.
    pub category: Option<VehicleType>,
    /// Marcă.
    pub make: String,
    /// Model.
    pub model: String,
    /// An fabricație.
    pub year: String,
    /// Capacitate cilindrică (cm³).
    pub engine_cc: String,
    /// Putere (kW).
    pub power_kw: String,
    /// Masă maximă autorizată (kg).
    pub total_weight: String,
    /// Număr de locuri.
    pub seats: String,
    /// Combustibil.
    pub fuel: Option<FuelType>,
    /// Kilometraj.
    pub mileage: String,
    /// Culoare.
    pub colour: Option<Color>,
    /// Valoare de piață.
    pub market_value: String,
    /// Număr de chei.
    pub key_count: String,
    /// Expirare ITP.
    pub pti_expiry: String,
    /// Expirare rovinietă.
    pub vignette_expiry: String,
    /// Serie CIV.
    pub civ_series: String,
    /// Adaptat pentru persoane cu dizabilități.
    pub mobility_modifications: bool,
    /// În leasing.
    pub is_leased: bool,
    /// Vehicul nou.
    pub is_new: bool,
    /// Transfer de proprietate.
    pub is_owner_transfer: bool,
    /// Echipamente suplimentare.
    pub equipment_description: String,
    /// Valoare echipamente.
    pub equipment_value: String,
    /// Data achiziției.
    pub acquisition_date: String,
    /// Primul proprietar.
    pub is_first_owner: Option<bool>,
    /// Vehicul furat anterior.
    pub stolen_before: Option<bool>,
    /// Modificări constructive.
    pub construction_changes: Option<bool>,
    /// Volan pe dreapta.
    pub right_hand_drive: Option<bool>,
    /// ATV.
    pub is_atv: Option<bool>,
    /// Identification results: insurer key → that insurer's vehicle identifier.
    pub identifiers: BTreeMap<String, String>,
}

/// The vehicle's user (step 3): the policyholder by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct VehicleUserDraft {
    /// Same as the policyholder (the default); `party` is then ignored but kept.
    pub same_as_policyholder: bool,
    /// Another person or company.
    pub party: PartyDraft,
}

impl Default for VehicleUserDraft {
    fn default() -> Self {
        Self {
            same_as_policyholder: true,
            party: PartyDraft::default(),
        }
    }
}

/// Cover and additional data (step 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct CoverDraft {
    /// Data începerii.
    pub start_date: String,
    /// Perioada (luni).
    pub term_months: u32,
    /// Număr de rate: 1, 2, 4 or 12.
    pub installments: u32,
    /// Monedă.
    pub currency: Currency,
    /// Sumă asigurată; empty means the market value.
    pub insured_sum: String,
    /// Franșiză daună parțială (amount).
    pub deductible_partial: String,
    /// Franșiză daună totală (%).
    pub deductible_total_percent: String,
    /// Further coverage codes asked for besides "vehicle".
    pub extra_coverages: Vec<String>,
    /// Reînnoire poliță: serie.
    pub renewal_series: String,
    /// Reînnoire poliță: număr.
    pub renewal_number: String,
    /// Tip contract leasing.
    pub leasing_contract_type: Option<LeasingContractType>,
    /// Nr. contract leasing.
    pub leasing_contract_number: String,
    /// Clasă bonus-malus.
    pub bonus_malus_class: String,
    /// Număr daune.
    pub bonus_malus_claims: String,
    /// Fără șoferi tineri.
    pub no_young_drivers: Option<bool>,
    /// Acoperă copiii minori.
    pub covers_minor_children: Option<bool>,
    /// Reparație în rețeaua de service parteneră.
    pub partner_repair_network: Option<bool>,
    /// Acord despăgubire în numerar.
    pub cash_on_hand_accord: Option<bool>,
    /// Plan accidente persoane.
    pub personal_accident_plan: String,
    /// Cod RAF.
    pub raf_code: String,
    /// Filter packages.
    pub filter_packages: Option<bool>,
    /// Mențiuni.
    pub mentions: String,
    /// Fără taxe.
    pub without_tax: bool,
}

impl Default for CoverDraft {
    fn default() -> Self {
        Self {
            start_date: String::new(),
            term_months: 12,
            installments: 1,
            currency: Currency::Ron,
            insured_sum: String::new(),
            deductible_partial: String::new(),
            deductible_total_percent: String::new(),
            extra_coverages: Vec::new(),
            renewal_series: String::new(),
            renewal_number: String::new(),
            leasing_contract_type: None,
            leasing_contract_number: String::new(),
            bonus_malus_class: String::new(),
            bonus_malus_claims: String::new(),
            no_young_drivers: None,
            covers_minor_children: None,
            partner_repair_network: None,
            cash_on_hand_accord: None,
            personal_accident_plan: String::new(),
            raf_code: String::new(),
            filter_packages: None,
            mentions: String::new(),
            without_tax: false,
        }
    }
}

/// The whole wizard: a fresh one is a person policyholder who also uses the vehicle, a
/// registered vehicle, 12 months, one installment, RON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct QuoteDraft {
    /// The step the agent is on.
    pub step: WizardStep,
    /// Step 1.
    pub policyholder: PartyDraft,
    /// Step 2.
    pub vehicle: VehicleDraft,
    /// Step 3.
    pub user: VehicleUserDraft,
    /// Step 4.
    pub cover: CoverDraft,
    /// Insurer keys chosen for quoting.
    pub insurers: Vec<String>,
}

impl QuoteDraft {
    /// A fresh draft with the quote defaults from Setări (currency, installments, term),
    /// starting the day after `today` (Bucharest): the earliest start a registered vehicle
    /// may have.
    pub fn with_defaults(defaults: &QuoteDefaults, today: NaiveDate) -> Self {
        let mut draft = QuoteDraft::default();
        draft.cover.currency = defaults.currency;
        draft.cover.installments = u32::from(defaults.installments);
        draft.cover.term_months = u32::from(defaults.term_months);
        draft.cover.start_date = (today + chrono::Days::new(1))
            .format("%d.%m.%Y")
            .to_string();
        draft
    }

    /// The name to list the draft under: "Pop Ion", "TechCorp SRL", or "" while unknown.
    pub fn client_name(&self) -> String {
        let p = &self.policyholder;
        match p.kind {
            PartyKind::Company => p.business_name.trim().to_owned(),
            PartyKind::Person => {
                let parts = [p.last_name.trim(), p.first_name.trim()];
                parts
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
    }

    /// The party that uses the vehicle.
    pub fn vehicle_user(&self) -> &PartyDraft {
        if self.user.same_as_policyholder {
            &self.policyholder
        } else {
            &self.user.party
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_draft_takes_the_settings_defaults_and_starts_tomorrow() {
        let defaults = QuoteDefaults {
            currency: crate::settings::Currency::Eur,
            installments: 4,
            term_months: 6,
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let d = QuoteDraft::with_defaults(&defaults, today);
        assert_eq!(d.cover.currency, Currency::Eur);
        assert_eq!(d.cover.installments, 4);
        assert_eq!(d.cover.term_months, 6);
        assert_eq!(d.cover.start_date, "01.01.2027");
    }

    #[test]
    fn a_fresh_draft_has_the_agreed_defaults() {
        let d = QuoteDraft::default();
        assert_eq!(d.policyholder.kind, PartyKind::Person);
        assert!(d.user.same_as_policyholder);
        assert_eq!(d.cover.term_months, 12);
        assert_eq!(d.cover.installments, 1);
        assert_eq!(d.cover.currency, Currency::Ron);
        assert_eq!(d.vehicle.registration_type, RegistrationType::Registered);
        assert_eq!(d.policyholder.address.country, "RO");
        assert_eq!(d.step, WizardStep::Policyholder);
    }

    #[test]
    fn an_older_partial_draft_still_loads() {
        let d: QuoteDraft = serde_json::from_str(
            r#"{"step":"vehicle","policyholder":{"taxId":"1900101400012"},"cover":{"installments":4}}"#,
        )
        .unwrap();
        assert_eq!(d.step, WizardStep::Vehicle);
        assert_eq!(d.policyholder.tax_id, "1900101400012");
        assert_eq!(d.cover.installments, 4);
        assert_eq!(d.cover.term_months, 12);
        assert!(d.user.same_as_policyholder);
    }

    #[test]
    fn draft_round_trips_in_camel_case() {
        let mut d = QuoteDraft::default();
        d.vehicle.category = Some(VehicleType::L3e);
        d.vehicle.registration_type = RegistrationType::ForRegistration;
        d.policyholder.gender = Some(Gender::F);
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["vehicle"]["category"], "L3e");
        assert_eq!(v["vehicle"]["registrationType"], "for-registration");
        assert_eq!(v["policyholder"]["gender"], "f");
        assert_eq!(v["user"]["sameAsPolicyholder"], true);
        assert_eq!(serde_json::from_value::<QuoteDraft>(v).unwrap(), d);
    }

    #[test]
    fn client_name_follows_the_party_kind() {
        let mut d = QuoteDraft::default();
        assert_eq!(d.client_name(), "");
        d.policyholder.last_name = " Popescu ".into();
        d.policyholder.first_name = "Ana".into();
        assert_eq!(d.client_name(), "Popescu Ana");
        d.policyholder.kind = PartyKind::Company;
        d.policyholder.business_name = "TechCorp SRL".into();
        assert_eq!(d.client_name(), "TechCorp SRL");
    }

    #[test]
    fn steps_round_trip_as_text() {
        for s in [
            WizardStep::Policyholder,
            WizardStep::Vehicle,
            WizardStep::User,
            WizardStep::Cover,
            WizardStep::Review,
            WizardStep::Offers,
        ] {
            assert_eq!(WizardStep::parse(s.as_str()), Some(s));
            // The stored text and the IPC spelling are the same word.
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(WizardStep::parse("x"), None);
    }
}

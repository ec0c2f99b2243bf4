//! The wizard's checks: every problem in a draft, keyed by dotted request path.
//!
//! Required fields (our reading of the published spec, whose page marks few fields; the
//! sandbox and insurers refuse requests without the ones marked ★):
//! - every party: ★taxId, address country, ★county and ★city (locality);
//! - a person: last and first name; a foreign person also birth date, sex, nationality and
//!   citizenship (a Romanian's birth date and sex come from the CNP when left empty);
//! - a company: business name and trade registry number;
//! - the vehicle: VIN, ★category, ★make, ★model, ★year of construction, ★market value; the
//!   plate unless the vehicle is still to be registered; the first registration date when
//!   registered;
//! - the cover: ★start date (★term, ★installments and ★currency always have a value).
//!
//! Street, number, floor, e-mail, mobile, identity document and driving licence are optional
//! in the spec; insurers that want them say so in the catalogue (see `insurer_checks`).
//! Half-filled groups must be completed: both deductibles, both renewal series and number,
//! identity document type and number.

use casco_api::model::FuelType;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::draft::{PartyDraft, QuoteDraft};
use super::{PartyKind, RegistrationType};
use crate::error::FieldErrors;
use crate::messages::Message;
use crate::settings::{INSTALLMENT_CHOICES, TERM_MONTHS_RANGE};
use crate::validate;

/// Every problem found in a draft, in the order found, with typed messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftProblems(pub Vec<(String, Message)>);

impl DraftProblems {
    /// Records a problem at a request path.
    pub fn add(&mut self, path: impl Into<String>, message: Message) {
        self.0.push((path.into(), message));
    }

    /// No problems at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any problem is reported at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.0.iter().any(|(p, _)| p == path)
    }

    /// The IPC shape: messages per path, each once.
    pub fn field_errors(&self) -> FieldErrors {
        let mut out = FieldErrors::new();
        for (path, message) in &self.0 {
            let list = out.entry(path.clone()).or_default();
            if !list.contains(message) {
                list.push(message.clone());
            }
        }
        out
    }
}

/// The request paths that must be filled for this draft's shape (person or company, foreign
/// or not, registration type, user same as the policyholder or not). The UI marks them with
/// an asterisk; [`validate_draft`] reports each empty one as "Câmp obligatoriu.".
pub fn required_paths(draft: &QuoteDraft) -> Vec<String> {
    let mut paths = party_required("product.policyholder", &draft.policyholder);
    if !draft.user.same_as_policyholder {
        paths.extend(party_required("product.vehicle.user", &draft.user.party));
    }
    let mut vehicle = vec![
        "vin",
        "vehicleType",
        "brand",
        "model",
        "yearOfConstruction",
        "marketValue",
    ];
    if draft.vehicle.registration_type != RegistrationType::ForRegistration {
        vehicle.push("licensePlate");
    }
    if draft.vehicle.registration_type == RegistrationType::Registered {
        vehicle.push("firstRegistration");
    }
    paths.extend(vehicle.iter().map(|f| format!("product.vehicle.{f}")));
    paths.push("product.motor.startDate".into());
    paths
}

fn party_required(prefix: &str, party: &PartyDraft) -> Vec<String> {
    let mut fields = vec!["taxId", "address.country", "address.county", "address.city"];
    match party.kind {
        PartyKind::Person => {
            fields.extend(["lastName", "firstName"]);
            if party.is_foreign {
                fields.extend(["birthdate", "gender", "nationality", "citizenship"]);
            }
        }
        PartyKind::Company => fields.extend(["businessName", "companyRegistryNumber"]),
    }
    fields.iter().map(|f| format!("{prefix}.{f}")).collect()
}

/// Every problem in the draft as the IPC field map. `today` is the Bucharest calendar day
/// ([`validate::today_in_bucharest`]).
pub fn validate_draft(draft: &QuoteDraft, today: NaiveDate) -> FieldErrors {
    check_draft(draft, today).field_errors()
}

/// Every problem in the draft, typed.
pub fn check_draft(draft: &QuoteDraft, today: NaiveDate) -> DraftProblems {
    let mut p = DraftProblems::default();
    for path in required_paths(draft) {
        if draft.field_filled(&path) == Some(false) {
            p.add(path, Message::Required);
        }
    }
    check_party(&mut p, "product.policyholder", &draft.policyholder, today);
    if !draft.user.same_as_policyholder {
        check_party(&mut p, "product.vehicle.user", &draft.user.party, today);
    }
    check_vehicle(&mut p, draft, today);
    check_cover(&mut p, draft, today);
    p
}

/// Runs `check` on a filled field and records its complaint.
fn check(
    p: &mut DraftProblems,
    path: &str,
    value: &str,
    check: impl FnOnce(&str) -> Option<Message>,
) {
    if filled(value) {
        if let Some(message) = check(value) {
            p.add(path, message);
        }
    }
}

/// Both or neither: reports the empty half of a half-filled pair.
fn pair(p: &mut DraftProblems, a: (&str, bool), b: (&str, bool)) {
    match (a.1, b.1) {
        (true, false) => p.add(b.0, Message::CompleteGroup),
        (false, true) => p.add(a.0, Message::CompleteGroup),
        _ => {}
    }
}

fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

fn check_party(p: &mut DraftProblems, prefix: &str, party: &PartyDraft, today: NaiveDate) {
    let at = |field: &str| format!("{prefix}.{field}");
    let romanian_person = party.kind == PartyKind::Person && !party.is_foreign;
    let facts = romanian_person
        .then(|| validate::cnp_facts(&party.tax_id).ok())
        .flatten();
    let tax_check = |v: &str| match (party.kind, party.is_foreign) {
        (PartyKind::Company, _) => validate::cui(v),
        (PartyKind::Person, false) => validate::cnp(v),
        (PartyKind::Person, true) => {
            let v = v.trim();
            let ok = (2..=20).contains(&v.len()) && v.chars().all(|c| c.is_ascii_alphanumeric());
            (!ok).then_some(Message::ForeignTaxId)
        }
    };
    check(p, &at("taxId"), &party.tax_id, tax_check);

    let mut birth = None;
    if filled(&party.birthdate) {
        match validate::birth_date(&party.birthdate, today) {
            Ok(date) => {
                birth = Some(date);
                // The CNP of 7/8/9 carries no (or an assumed) century: compare YYMMDD only.
                let same = |cnp: NaiveDate| {
                    (cnp.year() % 100, cnp.month(), cnp.day())
                        == (date.year() % 100, date.month(), date.day())
                };
                if facts.and_then(|f| f.birth_date).is_some_and(|c| !same(c)) {
                    p.add(at("birthdate"), Message::BirthdateNotCnp);
                }
            }
            Err(m) => p.add(at("birthdate"), m),
        }
    }
    let birth = birth.or_else(|| facts.and_then(|f| f.birth_date));
    if let (Some(typed), Some(Some(cnp))) = (party.gender, facts.map(|f| f.gender)) {
        if typed != cnp {
            p.add(at("gender"), Message::GenderNotCnp);
        }
    }
    check(
        p,
        &at("drivingLicense.issueDate"),
        &party.licence_date,
        |v| validate::licence_date(v, birth, today).err(),
    );
    let id = &party.id_document;
    pair(
        p,
        (&at("identification.idType"), id.id_type.is_some()),
        (&at("identification.idNumber"), filled(&id.series_number)),
    );
    if (filled(&id.issued_by) || filled(&id.issue_date))
        && id.id_type.is_none()
        && !filled(&id.series_number)
    {
        p.add(at("identification.idNumber"), Message::CompleteGroup);
    }
    check(p, &at("identification.issueDate"), &id.issue_date, |v| {
        validate::id_issue_date(v, today).err()
    });
    check(p, &at("email"), &party.email, |v| {
        validate::email(v).map(|_| Message::EmailFormat)
    });
    check(p, &at("mobileNumber"), &party.mobile, validate::mobile);
    check(p, &at("caenCode"), &party.caen_code, validate::caen);
    check(
        p,
        &at("nationality"),
        &party.nationality,
        validate::country_code,
    );
    check(
        p,
        &at("citizenship"),
        &party.citizenship,
        validate::country_code,
    );
    let a = &party.address;
    check(
        p,
        &at("address.country"),
        &a.country,
        validate::country_code,
    );
    check(p, &at("address.cityCode"), &a.locality_siruta, |v| {
        validate::integer_in(v, 1, 999_999).err()
    });
    if a.country.trim().eq_ignore_ascii_case("RO") {
        check(p, &at("address.postcode"), &a.postcode, validate::postcode);
    }
}

fn int_check(min: i64, max: i64) -> impl Fn(&str) -> Option<Message> {
    move |v| validate::integer_in(v, min, max).err()
}

fn money_check(min: i64, max: i64) -> impl Fn(&str) -> Option<Message> {
    move |v| validate::decimal_in(v, Decimal::from(min), Decimal::from(max)).err()
}

fn check_vehicle(p: &mut DraftProblems, draft: &QuoteDraft, today: NaiveDate) {
    let v = &draft.vehicle;
    let at = |field: &str| format!("product.vehicle.{field}");
    check(p, &at("vin"), &v.vin, validate::vin);
    check(p, &at("licensePlate"), &v.plate, |x| {
        validate::plate(x, v.registration_type)
    });
    let max_year = i64::from(today.year()) + 1;
    check(
        p,
        &at("yearOfConstruction"),
        &v.year,
        int_check(1900, max_year),
    );
    let year = validate::integer_in(&v.year, 1900, max_year)
        .ok()
        .and_then(|y| i32::try_from(y).ok());
    check(p, &at("firstRegistration"), &v.first_registration, |x| {
        validate::first_registration(x, year, today).err()
    });
    // An electric car has no displacement; anything else has some (the API refuses 0).
    let min_cc = i64::from(v.fuel != Some(FuelType::Electric));
    check(
        p,
        &at("engineDisplacement"),
        &v.engine_cc,
        int_check(min_cc, 20_000),
    );
    check(p, &at("enginePower"), &v.power_kw, int_check(1, 2_000));
    check(p, &at("totalWeight"), &v.total_weight, int_check(1, 60_000));
    check(p, &at("seats"), &v.seats, int_check(1, 100));
    check(
        p,
        &at("currentMileage"),
        &v.mileage,
        int_check(0, 3_000_000),
    );
    check(p, &at("keyNumber"), &v.key_count, int_check(0, 20));
    check(
        p,
        &at("marketValue"),
        &v.market_value,
        money_check(1, 100_000_000),
    );
    check(p, &at("ptiExpiryDate"), &v.pti_expiry, |x| {
        validate::expiry_date(x).err()
    });
    check(p, &at("vignetteExpiryDate"), &v.vignette_expiry, |x| {
        validate::expiry_date(x).err()
    });
    let extra = |field: &str| format!("product.additionalData.vehicle.{field}");
    check(
        p,
        &extra("equipmentValue"),
        &v.equipment_value,
        money_check(0, 10_000_000),
    );
    check(p, &extra("acquisitionDate"), &v.acquisition_date, |x| {
        validate::past_date(x, today).err()
    });
}

fn check_cover(p: &mut DraftProblems, draft: &QuoteDraft, today: NaiveDate) {
    let c = &draft.cover;
    // Only a vehicle still to be registered may be insured from today.
    let registered = draft.vehicle.registration_type != RegistrationType::ForRegistration;
    check(p, "product.motor.startDate", &c.start_date, |v| {
        validate::start_date(v, registered, today).err()
    });
    if !u8::try_from(c.term_months).is_ok_and(|m| TERM_MONTHS_RANGE.contains(&m)) {
        p.add(
            "product.motor.termTime",
            Message::OutOfRange {
                min: TERM_MONTHS_RANGE.start().to_string(),
                max: TERM_MONTHS_RANGE.end().to_string(),
            },
        );
    }
    if !u8::try_from(c.installments).is_ok_and(|n| INSTALLMENT_CHOICES.contains(&n)) {
        p.add(
            "product.motor.installmentCount",
            Message::OneOf {
                allowed: INSTALLMENT_CHOICES.map(|n| n.to_string()).join(", "),
            },
        );
    }
    check(
        p,
        "product.coverages.0.insuredSum",
        &c.insured_sum,
        money_check(1, 100_000_000),
    );
    let partial = "product.motor.deductibles.partialDamage";
    let total = "product.motor.deductibles.totalDamage";
    pair(
        p,
        (partial, filled(&c.deductible_partial)),
        (total, filled(&c.deductible_total_percent)),
    );
    check(p, partial, &c.deductible_partial, money_check(0, 1_000_000));
    check(p, total, &c.deductible_total_percent, money_check(0, 100));
    let series = "product.motor.renewPolicy.series";
    let number = "product.motor.renewPolicy.number";
    pair(
        p,
        (series, filled(&c.renewal_series)),
        (number, filled(&c.renewal_number)),
    );
    check(p, number, &c.renewal_number, |v| {
        (!v.trim().bytes().all(|b| b.is_ascii_digit())).then_some(Message::NotInteger)
    });
    let user = "product.additionalData.vehicle.user";
    check(
        p,
        &format!("{user}.bonusMalusClass"),
        &c.bonus_malus_class,
        |v| {
            bonus_malus_class(v)
                .is_none()
                .then_some(Message::BonusMalusClass)
        },
    );
    check(
        p,
        &format!("{user}.bonusMalusClaims"),
        &c.bonus_malus_claims,
        int_check(0, 99),
    );
}

/// The bonus-malus classes of the Romanian scale, best to worst: the wizard offers these.
pub const BONUS_MALUS_CLASSES: [&str; 17] = [
    "B8", "B7", "B6", "B5", "B4", "B3", "B2", "B1", "B0", "M1", "M2", "M3", "M4", "M5", "M6", "M7",
    "M8",
];

/// The bonus-malus class in canonical form ("B0"–"B8", "M1"–"M8"), any case and spacing.
pub fn bonus_malus_class(value: &str) -> Option<String> {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (kind, steps) = v.split_at_checked(1)?;
    if steps.is_empty() || steps.len() > 2 || !steps.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = steps.parse().ok()?;
    match kind {
        "B" if n <= 8 => Some(format!("B{n}")),
        "M" if (1..=8).contains(&n) => Some(format!("M{n}")),
        _ => None,
    }
}

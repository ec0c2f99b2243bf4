//! From the draft to the published request shape, through casco-api's typed model (which
//! owns the wire encoding: ISO dates, plain numbers, string booleans where the sample has
//! them).
//!
//! The builder is not the validator: it refuses only what it cannot encode (an empty or
//! unreadable field the model needs, a half-filled group) and otherwise sends every filled
//! field as typed, as the published sample does (it even carries company fields for a
//! person). Run [`super::validate_draft`] first; the UI hides fields that do not apply.

use casco_api::insurers::Insurer;
use casco_api::model::{
    AdditionalData, AdditionalMotor, AdditionalVehicle, AdditionalVehicleUser, Address, Coverage,
    Deductibles, DrivingLicense, Motor, Organization, Person, PersonIdentification, PolicyNumber,
    Product, Provider, ProviderAuthentication, QuoteRequest, RenewPolicy, Vehicle, VehicleDocument,
    VehicleSpecs,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::checks::{bonus_malus_class, DraftProblems};
use super::draft::{PartyDraft, QuoteDraft};
use super::PartyKind;
use crate::error::FieldErrors;
use crate::messages::Message;
use crate::validate;

/// The product name sent when no insurer is chosen yet; the request uses the insurer's own.
const DEFAULT_PRODUCT: &str = "casco";

/// Collects problems while reading fields, so one pass reports all of them.
#[derive(Default)]
struct Reader {
    problems: DraftProblems,
}

impl Reader {
    /// Trimmed text, or `None` when empty.
    fn text(&self, value: &str) -> Option<String> {
        let v = value.trim();
        (!v.is_empty()).then(|| v.to_owned())
    }

    /// Text the model cannot do without.
    fn needed(&mut self, path: &str, value: &str) -> String {
        self.text(value).unwrap_or_else(|| {
            self.problems.add(path, Message::Required);
            String::new()
        })
    }

    fn parsed<T>(
        &mut self,
        path: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        bad: Message,
    ) -> Option<T> {
        let v = self.text(value)?;
        let parsed = parse(&v);
        if parsed.is_none() {
            self.problems.add(path, bad);
        }
        parsed
    }

    fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        self.parsed(path, value, validate::parse_date, Message::Date)
    }

    fn uint<T: TryFrom<i64>>(&mut self, path: &str, value: &str) -> Option<T> {
        let parse = |v: &str| validate::parse_integer(v).and_then(|n| T::try_from(n).ok());
        self.parsed(path, value, parse, Message::NotInteger)
    }

    fn money(&mut self, path: &str, value: &str) -> Option<Decimal> {
        self.parsed(path, value, validate::parse_decimal, Message::NotNumber)
    }

    fn missing(&mut self, path: &str) {
        self.problems.add(path, Message::Required);
    }

    /// Both or neither; the empty half of a half-filled pair is reported.
    fn pair<A, B>(&mut self, a: (&str, Option<A>), b: (&str, Option<B>)) -> Option<(A, B)> {
        match (a.1, b.1) {
            (Some(x), Some(y)) => Some((x, y)),
            (Some(_), None) => {
                self.problems.add(b.0, Message::CompleteGroup);
                None
            }
            (None, Some(_)) => {
                self.problems.add(a.0, Message::CompleteGroup);
                None
            }
            (None, None) => None,
        }
    }
}

/// Runs `build` with a fresh reader: its value when no problem was met, else every problem
/// as the field map.
fn read<T>(build: impl FnOnce(&mut Reader) -> Option<T>) -> Result<T, FieldErrors> {
    let mut r = Reader::default();
    match build(&mut r) {
        Some(value) if r.problems.is_empty() => Ok(value),
        _ => Err(r.problems.field_errors()),
    }
}

/// Builds `product` from the draft; on failure, the field map.
pub fn build_quote_product(draft: &QuoteDraft) -> Result<Product, FieldErrors> {
    read(|r| product(r, draft))
}

/// Builds the whole `POST /offer` body for one insurer: its key and product name, its
/// vehicle identifier from identification (when there is one) and the broker's credentials.
pub fn build_quote_request(
    draft: &QuoteDraft,
    insurer: &Insurer,
    authentication: Option<ProviderAuthentication>,
) -> Result<QuoteRequest, FieldErrors> {
    let mut product = build_quote_product(draft)?;
    if let Some(choice) = insurer.product_for(draft.vehicle.is_leased) {
        product.name = choice.name.clone();
    }
    // The draft names optional covers by the catalogue's keys; each insurer gets its own code.
    // A code typed before the catalogue existed goes out as typed.
    for coverage in product.coverages.iter_mut().skip(1) {
        if let Some(code) =
            casco_api::covers::find(&coverage.code).and_then(|c| c.code_for(&insurer.key))
        {
            coverage.code = code.to_owned();
        }
    }
    product.vehicle.identifier = draft.vehicle.identifiers.get(&insurer.key).cloned();
    Ok(QuoteRequest {
        provider: Provider {
            organization: Organization {
                business_name: insurer.key.clone(),
            },
            authentication,
        },
        product,
    })
}

fn product(r: &mut Reader, d: &QuoteDraft) -> Option<Product> {
    let motor = motor(r, d);
    let policyholder = person(r, "product.policyholder", &d.policyholder);
    let user = if d.user.same_as_policyholder {
        policyholder.clone()
    } else {
        person(r, "product.vehicle.user", &d.user.party)
    };
    let vehicle = vehicle(r, d, user);
    let market_value = r.money("product.vehicle.marketValue", &d.vehicle.market_value);
    let insured_sum = r
        .money("product.coverages.0.insuredSum", &d.cover.insured_sum)
        .or(market_value);
    let mut coverages = vec![Coverage {
        is_included: true,
        code: "vehicle".into(),
        insured_sum,
    }];
    coverages.extend(d.cover.extra_coverages.iter().filter_map(|code| {
        r.text(code).map(|code| Coverage {
            is_included: true,
            code,
            insured_sum: None,
        })
    }));
    let additional_data = additional_data(r, d);
    Some(Product {
        name: DEFAULT_PRODUCT.into(),
        motor: motor?,
        coverages,
        policyholder: policyholder?,
        vehicle: vehicle?,
        additional_data,
    })
}

fn motor(r: &mut Reader, d: &QuoteDraft) -> Option<Motor> {
    let c = &d.cover;
    let start_path = "product.motor.startDate";
    let start_date = r.date(start_path, &c.start_date);
    if start_date.is_none() && r.text(&c.start_date).is_none() {
        r.missing(start_path);
    }
    let series = r.text(&c.renewal_series);
    let number = r.text(&c.renewal_number).map(PolicyNumber);
    let renew_policy = r
        .pair(
            ("product.motor.renewPolicy.series", series),
            ("product.motor.renewPolicy.number", number),
        )
        .map(|(series, number)| RenewPolicy { series, number });
    let partial = r.money(
        "product.motor.deductibles.partialDamage",
        &c.deductible_partial,
    );
    let total = r.money(
        "product.motor.deductibles.totalDamage",
        &c.deductible_total_percent,
    );
    let deductibles = r
        .pair(
            ("product.motor.deductibles.partialDamage", partial),
            ("product.motor.deductibles.totalDamage", total),
        )
        .map(|(partial_damage, total_damage)| Deductibles {
            partial_damage,
            total_damage,
        });
    Some(Motor {
        start_date: start_date?,
        term_time: c.term_months,
        installment_count: c.installments,
        currency: c.currency,
        renew_policy,
        mentions: r.text(&c.mentions),
        without_tax: c.without_tax,
        deductibles,
    })
}

fn person(r: &mut Reader, prefix: &str, p: &PartyDraft) -> Option<Person> {
    let at = |field: &str| format!("{prefix}.{field}");
    let is_company = p.kind == PartyKind::Company;
    // A Romanian person's birth date and sex default to what the CNP says.
    let facts = (!is_company && !p.is_foreign)
        .then(|| validate::cnp_facts(&p.tax_id).ok())
        .flatten();
    let tax_id = r.needed(&at("taxId"), &p.tax_id);
    let tax_id = match validate::normalize_cui(&tax_id) {
        Ok(cui) if is_company => cui,
        _ => tax_id,
    };
    let birthdate = r
        .date(&at("birthdate"), &p.birthdate)
        .or_else(|| facts.and_then(|f| f.birth_date));
    let gender = p.gender.or_else(|| facts.and_then(|f| f.gender));
    let mobile_number = r
        .text(&p.mobile)
        .map(|m| validate::normalize_mobile(&m).unwrap_or(m));
    let licence = r.date(&at("drivingLicense.issueDate"), &p.licence_date);
    let id = &p.id_document;
    let id_number = r.text(&id.series_number);
    let identification = r
        .pair(
            (&at("identification.idType"), id.id_type),
            (&at("identification.idNumber"), id_number),
        )
        .map(|(id_type, id_number)| PersonIdentification {
            id_type: id_type.code().into(),
            id_number,
            issue_authority: r.text(&id.issued_by),
            issue_date: r.date(&at("identification.issueDate"), &id.issue_date),
        });
    let a = &p.address;
    let address = Address {
        country: r.text(&a.country).unwrap_or_else(|| "RO".into()),
        county: r.needed(&at("address.county"), &a.county_name),
        city: r.needed(&at("address.city"), &a.locality_name),
        city_code: r.uint(&at("address.cityCode"), &a.locality_siruta),
        street: r.text(&a.street),
        house_number: r.text(&a.number),
        building: r.text(&a.building),
        staircase: r.text(&a.staircase),
        apartment: r.text(&a.apartment),
        floor: r.text(&a.floor),
        postcode: r.text(&a.postcode),
    };
    Some(Person {
        is_legal_entity: is_company,
        business_name: r.text(&p.business_name),
        company_registry_number: r.text(&p.trade_registry_number),
        caen_code: r.uint(&at("caenCode"), &p.caen_code),
        last_name: r.text(&p.last_name),
        first_name: r.text(&p.first_name),
        is_foreign_person: p.is_foreign,
        tax_id,
        nationality: r.text(&p.nationality).map(|s| s.to_uppercase()),
        citizenship: r.text(&p.citizenship).map(|s| s.to_uppercase()),
        gender: gender.map(|g| g.code().into()),
        birthdate,
        email: r.text(&p.email),
        mobile_number,
        driving_license: licence.map(|issue_date| DrivingLicense { issue_date }),
        identification,
        address,
        has_disability: p.has_disability,
        is_retired: p.is_retired,
        residency: Some(p.residency.code().into()),
        political_exposure: Some(if p.politically_exposed { "yes" } else { "no" }.into()),
    })
}

/// Builds `product.vehicle`'s mechanical data (also the body of a vehicle identification);
/// on failure, the field map, keyed by the quote request's paths.
pub fn build_vehicle_specs(draft: &QuoteDraft) -> Result<VehicleSpecs, FieldErrors> {
    read(|r| vehicle_specs(r, draft))
}

fn vehicle_specs(r: &mut Reader, d: &QuoteDraft) -> Option<VehicleSpecs> {
    let v = &d.vehicle;
    let at = |field: &str| format!("product.vehicle.{field}");
    if v.category.is_none() {
        r.missing(&at("vehicleType"));
    }
    let year = r.uint::<u16>(&at("yearOfConstruction"), &v.year);
    if r.text(&v.year).is_none() {
        r.missing(&at("yearOfConstruction"));
    }
    // Every field is read before the `?`s, so one pass reports all of the problems.
    let brand = r.needed(&at("brand"), &v.make);
    let model = r.needed(&at("model"), &v.model);
    let engine_displacement = r.uint(&at("engineDisplacement"), &v.engine_cc);
    let engine_power = r.uint(&at("enginePower"), &v.power_kw);
    let total_weight = r.uint(&at("totalWeight"), &v.total_weight);
    let seats = r.uint(&at("seats"), &v.seats);
    let current_mileage = r.uint(&at("currentMileage"), &v.mileage);
    let market_value = r.money(&at("marketValue"), &v.market_value);
    Some(VehicleSpecs {
        vin: r.text(&v.vin).map(|vin| validate::normalize_vin(&vin)),
        motor_series: r.text(&v.motor_series),
        vehicle_type: v.category?,
        brand,
        model,
        year_of_construction: year?,
        engine_displacement,
        engine_power,
        total_weight,
        seats,
        fuel_type: v.fuel,
        current_mileage,
        color: v.colour,
        market_value,
    })
}

fn vehicle(r: &mut Reader, d: &QuoteDraft, user: Option<Person>) -> Option<Vehicle> {
    let v = &d.vehicle;
    let at = |field: &str| format!("product.vehicle.{field}");
    let specs = vehicle_specs(r, d);
    // The sample sends plates without spaces ("B123XYZ"); spacing is for display only.
    let license_plate = r.text(&v.plate).map(|plate| {
        validate::normalize_plate_for(&plate, v.registration_type)
            .unwrap_or(plate)
            .replace(' ', "")
            .to_uppercase()
    });
    Some(Vehicle {
        specs: specs?,
        user,
        identifier: None,
        license_plate,
        registration_type: Some(v.registration_type.code().into()),
        first_registration: r.date(&at("firstRegistration"), &v.first_registration),
        usage_type: Some(v.usage_type.code().into()),
        identification: r
            .text(&v.civ_series)
            .map(|id_number| VehicleDocument { id_number }),
        key_number: r.uint(&at("keyNumber"), &v.key_count),
        pti_expiry_date: r.date(&at("ptiExpiryDate"), &v.pti_expiry),
        vignette_expiry_date: r.date(&at("vignetteExpiryDate"), &v.vignette_expiry),
        has_mobility_modifications: v.mobility_modifications,
        is_leased: v.is_leased,
        is_new: v.is_new,
        is_owner_transfer: v.is_owner_transfer,
    })
}

fn additional_data(r: &mut Reader, d: &QuoteDraft) -> Option<AdditionalData> {
    let (c, v) = (&d.cover, &d.vehicle);
    let at = |field: &str| format!("product.additionalData.{field}");
    let motor = AdditionalMotor {
        contract_type: c.leasing_contract_type.map(|t| t.code().into()),
        leasing_contract_number: r.text(&c.leasing_contract_number),
    };
    let user = AdditionalVehicleUser {
        bonus_malus_class: r
            .text(&c.bonus_malus_class)
            .map(|class| bonus_malus_class(&class).unwrap_or(class)),
        bonus_malus_claims: r.uint(&at("vehicle.user.bonusMalusClaims"), &c.bonus_malus_claims),
        no_young_drivers: c.no_young_drivers,
    };
    let vehicle = AdditionalVehicle {
        user: (user != AdditionalVehicleUser::default()).then_some(user),
        is_atv: v.is_atv,
        equipment_description: r.text(&v.equipment_description),
        equipment_value: r.money(&at("vehicle.equipmentValue"), &v.equipment_value),
        acquisition_date: r.date(&at("vehicle.acquisitionDate"), &v.acquisition_date),
        is_first_owner: v.is_first_owner,
        stolen_vehicle: v.stolen_before,
        has_construction_changes: v.construction_changes,
        wheel_on_the_right_side: v.right_hand_drive,
    };
    let data = AdditionalData {
        raf_code: r.text(&c.raf_code),
        filter_packages: c.filter_packages,
        motor: (motor != AdditionalMotor::default()).then_some(motor),
        vehicle: (vehicle != AdditionalVehicle::default()).then_some(vehicle),
        special_accord_cash_on_hand: c.cash_on_hand_accord,
        partner_network_repair_agreement: c.partner_repair_network,
        covers_minor_children: c.covers_minor_children,
        person_accidents_plan: r.text(&c.personal_accident_plan),
    };
    (data != AdditionalData::default()).then_some(data)
}

//! Where each request path lives in the draft.
//!
//! Insurer catalogues, insurers' VALIDATION_ERROR answers and the wizard's own checks all
//! speak dotted request paths (`product.policyholder.address.floor`); this table maps each
//! path the agent can fill to its draft field, so "is it filled?" is answered from data, not
//! from code per insurer or per field.

use super::draft::{PartyDraft, QuoteDraft};

/// A draft field that can be left empty.
trait Slot {
    fn is_filled(&self) -> bool;
    fn clear(&mut self);
}

impl Slot for String {
    fn is_filled(&self) -> bool {
        !self.trim().is_empty()
    }
    fn clear(&mut self) {
        String::clear(self);
    }
}

impl<T> Slot for Option<T> {
    fn is_filled(&self) -> bool {
        self.is_some()
    }
    fn clear(&mut self) {
        *self = None;
    }
}

/// Generates the read and write lookups of one table, the list of its paths, and where each
/// lives in the draft (the Rust field path, as `stringify!` spells it).
macro_rules! slot_table {
    ($paths:ident, $fields:ident, $get:ident, $get_mut:ident, $ty:ty { $($path:literal => $($field:ident).+;)* }) => {
        /// Every path of this table.
        const $paths: &[&str] = &[$($path),*];

        /// The draft field of each path, in the same order.
        const $fields: &[&str] = &[$(stringify!($($field).+)),*];

        fn $get<'a>(d: &'a $ty, path: &str) -> Option<&'a dyn Slot> {
            match path {
                $($path => Some(&d.$($field).+ as &dyn Slot),)*
                _ => None,
            }
        }

        fn $get_mut<'a>(d: &'a mut $ty, path: &str) -> Option<&'a mut dyn Slot> {
            match path {
                $($path => Some(&mut d.$($field).+ as &mut dyn Slot),)*
                _ => None,
            }
        }
    };
}

// Paths below `product.policyholder.` and `product.vehicle.user.`.
slot_table!(PARTY_PATHS, PARTY_FIELDS, party_slot, party_slot_mut, PartyDraft {
    "taxId" => tax_id;
    "lastName" => last_name;
    "firstName" => first_name;
    "businessName" => business_name;
    "companyRegistryNumber" => trade_registry_number;
    "caenCode" => caen_code;
    "nationality" => nationality;
    "citizenship" => citizenship;
    "gender" => gender;
    "birthdate" => birthdate;
    "email" => email;
    "mobileNumber" => mobile;
    "drivingLicense.issueDate" => licence_date;
    "identification.idType" => id_document.id_type;
    "identification.idNumber" => id_document.series_number;
    "identification.issueAuthority" => id_document.issued_by;
    "identification.issueDate" => id_document.issue_date;
    "address.country" => address.country;
    "address.county" => address.county_name;
    "address.city" => address.locality_name;
    "address.cityCode" => address.locality_siruta;
    "address.street" => address.street;
    "address.houseNumber" => address.number;
    "address.building" => address.building;
    "address.staircase" => address.staircase;
    "address.apartment" => address.apartment;
    "address.floor" => address.floor;
    "address.postcode" => address.postcode;
});

slot_table!(PRODUCT_PATHS, PRODUCT_FIELDS, product_slot, product_slot_mut, QuoteDraft {
    "product.motor.startDate" => cover.start_date;
    "product.motor.renewPolicy.series" => cover.renewal_series;
    "product.motor.renewPolicy.number" => cover.renewal_number;
    "product.motor.mentions" => cover.mentions;
    "product.motor.deductibles.partialDamage" => cover.deductible_partial;
    "product.motor.deductibles.totalDamage" => cover.deductible_total_percent;
    "product.coverages.0.insuredSum" => cover.insured_sum;
    "product.vehicle.vin" => vehicle.vin;
    "product.vehicle.motorSeries" => vehicle.motor_series;
    "product.vehicle.vehicleType" => vehicle.category;
    "product.vehicle.brand" => vehicle.make;
    "product.vehicle.model" => vehicle.model;
    "product.vehicle.yearOfConstruction" => vehicle.year;
    "product.vehicle.engineDisplacement" => vehicle.engine_cc;
    "product.vehicle.enginePower" => vehicle.power_kw;
    "product.vehicle.totalWeight" => vehicle.total_weight;
    "product.vehicle.seats" => vehicle.seats;
    "product.vehicle.fuelType" => vehicle.fuel;
    "product.vehicle.currentMileage" => vehicle.mileage;
    "product.vehicle.color" => vehicle.colour;
    "product.vehicle.marketValue" => vehicle.market_value;
    "product.vehicle.licensePlate" => vehicle.plate;
    "product.vehicle.firstRegistration" => vehicle.first_registration;
    "product.vehicle.identification.idNumber" => vehicle.civ_series;
    "product.vehicle.keyNumber" => vehicle.key_count;
    "product.vehicle.ptiExpiryDate" => vehicle.pti_expiry;
    "product.vehicle.vignetteExpiryDate" => vehicle.vignette_expiry;
    "product.additionalData.rafCode" => cover.raf_code;
    "product.additionalData.filterPackages" => cover.filter_packages;
    "product.additionalData.motor.contractType" => cover.leasing_contract_type;
    "product.additionalData.motor.leasingContractNumber" => cover.leasing_contract_number;
    "product.additionalData.vehicle.user.bonusMalusClass" => cover.bonus_malus_class;
    "product.additionalData.vehicle.user.bonusMalusClaims" => cover.bonus_malus_claims;
    "product.additionalData.vehicle.user.noYoungDrivers" => cover.no_young_drivers;
    "product.additionalData.vehicle.isAtv" => vehicle.is_atv;
    "product.additionalData.vehicle.equipmentDescription" => vehicle.equipment_description;
    "product.additionalData.vehicle.equipmentValue" => vehicle.equipment_value;
    "product.additionalData.vehicle.acquisitionDate" => vehicle.acquisition_date;
    "product.additionalData.vehicle.isFirstOwner" => vehicle.is_first_owner;
    "product.additionalData.vehicle.stolenVehicle" => vehicle.stolen_before;
    "product.additionalData.vehicle.hasConstructionChanges" => vehicle.construction_changes;
    "product.additionalData.vehicle.wheelOnTheRightSide" => vehicle.right_hand_drive;
    "product.additionalData.specialAccordCashOnHand" => cover.cash_on_hand_accord;
    "product.additionalData.partnerNetworkRepairAgreement" => cover.partner_repair_network;
    "product.additionalData.coversMinorChildren" => cover.covers_minor_children;
    "product.additionalData.personAccidentsPlan" => cover.personal_accident_plan;
});

/// Paths the request always carries, whatever the agent did (selects with a default,
/// switches): they can never be missing.
pub(crate) const ALWAYS_SENT: &[&str] = &[
    "product.name",
    "product.motor.termTime",
    "product.motor.installmentCount",
    "product.motor.currency",
    "product.motor.withoutTax",
    "product.vehicle.registrationType",
    "product.vehicle.usageType",
    "product.vehicle.hasMobilityModifications",
    "product.vehicle.isLeased",
    "product.vehicle.isNew",
    "product.vehicle.isOwnerTransfer",
    "product.policyholder.isLegalEntity",
    "product.policyholder.isForeignPerson",
    "product.policyholder.hasDisability",
    "product.policyholder.isRetired",
    "product.policyholder.residency",
    "product.policyholder.politicalExposure",
    "product.vehicle.user.isLegalEntity",
    "product.vehicle.user.isForeignPerson",
    "product.vehicle.user.hasDisability",
    "product.vehicle.user.isRetired",
    "product.vehicle.user.residency",
    "product.vehicle.user.politicalExposure",
    "product.coverages",
];

const HOLDER: &str = "product.policyholder.";
const USER: &str = "product.vehicle.user.";

impl QuoteDraft {
    /// Whether the field at a dotted request path is filled: `Some(true/false)`, or `None`
    /// for a path the draft has no field for. Paths under `product.vehicle.user.` read the
    /// policyholder while the user is the same person.
    pub fn field_filled(&self, path: &str) -> Option<bool> {
        if ALWAYS_SENT.contains(&path) {
            return Some(true);
        }
        if let Some(rest) = path.strip_prefix(HOLDER) {
            return party_slot(&self.policyholder, rest).map(Slot::is_filled);
        }
        if let Some(rest) = path.strip_prefix(USER) {
            return party_slot(self.vehicle_user(), rest).map(Slot::is_filled);
        }
        product_slot(self, path).map(Slot::is_filled)
    }

    /// Every request path the draft has a field for (policyholder, vehicle user, product).
    pub fn request_paths() -> Vec<String> {
        let party = |prefix: &str| {
            PARTY_PATHS
                .iter()
                .map(|p| format!("{prefix}{p}"))
                .collect::<Vec<_>>()
        };
        let mut all = party(HOLDER);
        all.extend(party(USER));
        all.extend(PRODUCT_PATHS.iter().map(|p| (*p).to_owned()));
        all
    }

    /// Every request path the agent fills, with the draft field it lives in as the UI holds
    /// the draft (`policyholder.address.floor`): the one spelling of these paths, which the
    /// UI's field table is checked against (`ui/src/lib/wizard/generated.ts`, generated).
    pub fn draft_paths() -> Vec<(String, String)> {
        let party = |request: &str, draft: &str| {
            let pairs = PARTY_PATHS.iter().zip(PARTY_FIELDS);
            pairs
                .map(|(p, f)| (format!("{request}{p}"), format!("{draft}.{}", json_path(f))))
                .collect::<Vec<_>>()
        };
        let mut all = party(HOLDER, "policyholder");
        all.extend(party(USER, "user.party"));
        let product = PRODUCT_PATHS.iter().zip(PRODUCT_FIELDS);
        all.extend(product.map(|(p, f)| ((*p).to_owned(), json_path(f))));
        all
    }

    /// Empties the field at a dotted request path; `false` when the path has no clearable
    /// field. Paths under `product.vehicle.user.` clear the separate user's field.
    pub fn clear_field(&mut self, path: &str) -> bool {
        let slot = if let Some(rest) = path.strip_prefix(HOLDER) {
            party_slot_mut(&mut self.policyholder, rest)
        } else if let Some(rest) = path.strip_prefix(USER) {
            party_slot_mut(&mut self.user.party, rest)
        } else {
            product_slot_mut(self, path)
        };
        slot.map(Slot::clear).is_some()
    }
}

/// A Rust field path as the draft's JSON spells it: `address . locality_siruta` →
/// `address.localitySiruta` (the draft's structs are `rename_all = "camelCase"`).
fn json_path(field: &str) -> String {
    field
        .split('.')
        .map(|segment| {
            let mut out = String::new();
            let mut upper = false;
            for c in segment.trim().chars() {
                match c {
                    '_' => upper = true,
                    c if upper => {
                        out.extend(c.to_uppercase());
                        upper = false;
                    }
                    c => out.push(c),
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The paths a request always carries, as the UI's field table is checked against them.
pub fn always_sent() -> &'static [&'static str] {
    ALWAYS_SENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_paths_are_the_draft_json_spelling_of_each_field() {
        let paths = QuoteDraft::draft_paths();
        let find = |request: &str| paths.iter().find(|(r, _)| r == request).unwrap().1.clone();
        assert_eq!(
            find("product.policyholder.address.city"),
            "policyholder.address.localityName"
        );
        assert_eq!(find("product.vehicle.user.taxId"), "user.party.taxId");
        assert_eq!(find("product.coverages.0.insuredSum"), "cover.insuredSum");
        // Every draft path names a field that exists in the draft's JSON.
        let json = serde_json::to_value(QuoteDraft::default()).unwrap();
        for (request, draft) in &paths {
            let pointer = format!("/{}", draft.replace('.', "/"));
            assert!(json.pointer(&pointer).is_some(), "{request} → {draft}");
        }
    }

    #[test]
    fn every_catalogue_path_is_known_to_the_draft() {
        let draft = QuoteDraft::default();
        for insurer in casco_api::insurers::catalogue() {
            for field in &insurer.required_fields {
                assert!(
                    draft.field_filled(&field.path).is_some(),
                    "{}: {} has no draft field",
                    insurer.key,
                    field.path
                );
            }
        }
    }

    #[test]
    fn user_paths_follow_the_same_as_policyholder_switch() {
        let mut d = QuoteDraft::default();
        d.policyholder.address.floor = "3".into();
        assert_eq!(
            d.field_filled("product.vehicle.user.address.floor"),
            Some(true)
        );
        d.user.same_as_policyholder = false;
        assert_eq!(
            d.field_filled("product.vehicle.user.address.floor"),
            Some(false)
        );
        assert_eq!(
            d.field_filled("product.policyholder.address.floor"),
            Some(true)
        );
        assert!(d.clear_field("product.policyholder.address.floor"));
        assert_eq!(
            d.field_filled("product.policyholder.address.floor"),
            Some(false)
        );
    }

    #[test]
    fn whitespace_is_not_filled_and_unknown_paths_say_so() {
        let mut d = QuoteDraft::default();
        d.vehicle.vin = "   ".into();
        assert_eq!(d.field_filled("product.vehicle.vin"), Some(false));
        assert_eq!(d.field_filled("product.motor.termTime"), Some(true));
        assert_eq!(d.field_filled("product.nope"), None);
        assert!(!d.clear_field("product.nope"));
        d.vehicle.category = Some(super::super::VehicleType::M1);
        assert!(d.clear_field("product.vehicle.vehicleType"));
        assert_eq!(d.vehicle.category, None);
    }
}

//! The insurer identity catalogue: who CascoApi quotes, their products and which vehicles each
//! is for, offer currency and the fields each one requires beyond the spec. Shared by the app (wizard
//! checks) and the sandbox (validation), so both read the same data.

use crate::model::Currency;
use crate::payment::PaymentMethod;
use serde::Deserialize;
use std::sync::OnceLock;

/// One insurer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Insurer {
    /// Key sent as `provider.organization.businessName`, e.g. "grawe".
    pub key: String,
    /// Name shown to agents, e.g. "Grawe".
    pub display_name: String,
    /// The products this insurer quotes, each for the vehicles it is meant for; the one asked
    /// for is chosen by [`Insurer::product_for`].
    pub products: Vec<ProductChoice>,
    /// Currency the insurer's offers come in.
    pub offer_currency: Currency,
    /// Fields this insurer requires although the spec calls them optional.
    pub required_fields: Vec<RequiredField>,
    /// The payment methods this insurer takes when issuing (every method when absent).
    #[serde(default = "every_payment_method")]
    pub payment_methods: Vec<PaymentMethod>,
}

fn every_payment_method() -> Vec<PaymentMethod> {
    PaymentMethod::ALL.to_vec()
}

/// Which vehicles a product or a requirement applies to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum Vehicles {
    /// Every vehicle.
    #[default]
    Any,
    /// Vehicles the policyholder owns outright.
    Owned,
    /// Leased vehicles.
    Leased,
}

impl Vehicles {
    /// Whether a vehicle that is (or is not) leased is among these.
    pub fn include(self, leased: bool) -> bool {
        match self {
            Vehicles::Any => true,
            Vehicles::Owned => !leased,
            Vehicles::Leased => leased,
        }
    }
}

/// A product an insurer quotes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductChoice {
    /// Its name in `product.name`, e.g. "casco" or "casco-leasing".
    pub name: String,
    /// The vehicles it is for.
    #[serde(default, rename = "for")]
    pub for_vehicles: Vehicles,
}

/// A request field an insurer requires. How it is named to the agent is the UI's business
/// (its catalogues key the phrases by `path`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequiredField {
    /// Dotted request path, e.g. "product.policyholder.address.floor".
    pub path: String,
    /// The vehicles it is required for (leasing details only for a leased one).
    #[serde(default, rename = "for")]
    pub for_vehicles: Vehicles,
}

impl Insurer {
    /// The product to ask for a vehicle that is (or is not) leased; `None` when this insurer
    /// quotes no product for such a vehicle.
    pub fn product_for(&self, leased: bool) -> Option<&ProductChoice> {
        self.products
            .iter()
            .find(|p| p.for_vehicles.include(leased))
    }

    /// Whether `name` is one of this insurer's products.
    pub fn quotes_product(&self, name: &str) -> bool {
        self.products.iter().any(|p| p.name == name)
    }
}

/// Every insurer, in display order.
pub fn catalogue() -> &'static [Insurer] {
    static CATALOGUE: OnceLock<Vec<Insurer>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/insurers.json"))
            // The file is part of this crate and a unit test parses it: failing here is a build defect.
            .expect("data/insurers.json is valid (checked by insurers::tests)")
    })
}

/// The insurer with this key.
pub fn find(key: &str) -> Option<&'static Insurer> {
    catalogue().iter().find(|insurer| insurer.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_parses_and_keys_are_unique() {
        let all = catalogue();
        assert!(all.len() >= 10);
        let mut keys: Vec<_> = all.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
        let groupama = find("groupama").unwrap();
        assert_eq!(groupama.product_for(true).unwrap().name, "casco-leasing");
        assert_eq!(groupama.product_for(false).unwrap().name, "casco");
        assert!(catalogue().iter().all(|i| i.product_for(false).is_some()));
        let grawe = find("grawe").unwrap();
        assert!(grawe
            .required_fields
            .iter()
            .any(|f| f.path == "product.policyholder.address.floor"));
        // Insurers differ in how they may be paid: data, not code.
        assert_eq!(
            find("generali").unwrap().payment_methods,
            PaymentMethod::ALL
        );
        assert!(!grawe
            .payment_methods
            .contains(&PaymentMethod::BrokerReceipt));
    }
}

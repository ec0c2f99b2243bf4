//! The insurer identity catalogue: who CascoApi quotes, their product names, offer
//! currency and the fields each one requires beyond the spec. Shared by the app (wizard
//! checks) and the sandbox (validation), so both read the same data.

use crate::model::Currency;
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
    /// Product name to quote, e.g. "casco" or "casco-leasing".
    pub product: String,
    /// Currency the insurer's offers come in.
    pub offer_currency: Currency,
    /// Fields this insurer requires although the spec calls them optional.
    pub required_fields: Vec<RequiredField>,
}

/// A request field an insurer requires. How it is named to the agent is the UI's business
/// (its catalogues key the phrases by `path`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequiredField {
    /// Dotted request path, e.g. "product.policyholder.address.floor".
    pub path: String,
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
        assert_eq!(find("groupama").unwrap().product, "casco-leasing");
        let grawe = find("grawe").unwrap();
        assert!(grawe
            .required_fields
            .iter()
            .any(|f| f.path == "product.policyholder.address.floor"));
    }
}

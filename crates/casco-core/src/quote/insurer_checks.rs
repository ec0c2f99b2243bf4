//! Fields an insurer requires beyond the spec, read from the insurer catalogue: the wizard
//! warns before quoting instead of waiting for the insurer's VALIDATION_ERROR.

use casco_api::insurers;
use serde::Serialize;

use super::draft::QuoteDraft;
use crate::error::FieldErrors;
use crate::messages::Message;

/// One field an insurer requires that the draft leaves empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InsurerGap {
    /// Insurer key, e.g. "grawe".
    pub insurer: String,
    /// Insurer name shown to agents, e.g. "Grawe".
    pub display_name: String,
    /// Dotted request path of the empty field.
    pub path: String,
    /// "Asigurătorul Grawe cere etajul din adresa asiguratului."
    pub message: Message,
}

/// The fields the chosen insurers require that the draft leaves empty, in catalogue order.
/// Unknown keys are skipped (the insurer list is checked elsewhere). A required path the draft
/// has no field for is reported too: quoting that insurer would fail anyway.
pub fn insurer_gaps(draft: &QuoteDraft, keys: &[String]) -> Vec<InsurerGap> {
    let mut gaps = Vec::new();
    for insurer in insurers::catalogue()
        .iter()
        .filter(|i| keys.contains(&i.key))
    {
        let leased = draft.vehicle.is_leased;
        let required = insurer.required_fields.iter();
        for field in required.filter(|f| f.for_vehicles.include(leased)) {
            if draft.field_filled(&field.path) != Some(true) {
                let message = Message::InsurerRequires {
                    insurer: insurer.display_name.clone(),
                    path: field.path.clone(),
                };
                gaps.push(InsurerGap {
                    insurer: insurer.key.clone(),
                    display_name: insurer.display_name.clone(),
                    path: field.path.clone(),
                    message,
                });
            }
        }
    }
    gaps
}

/// Adds the gaps to a field map, so each message shows under its field.
pub fn add_gaps(errors: &mut FieldErrors, gaps: &[InsurerGap]) {
    for gap in gaps {
        let list = errors.entry(gap.path.clone()).or_default();
        if !list.contains(&gap.message) {
            list.push(gap.message.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn grawe_asks_for_the_floor_until_it_is_filled() {
        let mut d = QuoteDraft::default();
        d.vehicle.pti_expiry = "2026-05-12".into();
        let gaps = insurer_gaps(&d, &keys(&["grawe"]));
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert_eq!(gaps[0].path, "product.policyholder.address.floor");
        assert_eq!(gaps[0].display_name, "Grawe");
        assert_eq!(
            gaps[0].message,
            Message::InsurerRequires {
                insurer: "Grawe".into(),
                path: "product.policyholder.address.floor".into()
            }
        );
        d.policyholder.address.floor = "3".into();
        assert!(insurer_gaps(&d, &keys(&["grawe"])).is_empty());
    }

    #[test]
    fn every_chosen_insurer_is_checked_and_unknown_keys_skipped() {
        let d = QuoteDraft::default();
        let gaps = insurer_gaps(&d, &keys(&["eazy_insure", "allianz", "nobody"]));
        let pairs: Vec<(&str, &str)> = gaps
            .iter()
            .map(|g| (g.insurer.as_str(), g.path.as_str()))
            .collect();
        assert!(pairs.contains(&("eazy_insure", "product.policyholder.email")));
        assert!(pairs.contains(&("eazy_insure", "product.policyholder.mobileNumber")));
        assert!(pairs.contains(&("allianz", "product.vehicle.ptiExpiryDate")));
        assert!(gaps.iter().all(|g| matches!(
            &g.message,
            Message::InsurerRequires { path, .. } if *path == g.path
        )));
        let mut errors = FieldErrors::new();
        add_gaps(&mut errors, &gaps);
        add_gaps(&mut errors, &gaps);
        assert_eq!(errors["product.policyholder.email"].len(), 1);
    }

    #[test]
    fn an_unchosen_insurer_adds_nothing() {
        assert!(insurer_gaps(&QuoteDraft::default(), &[]).is_empty());
    }
}

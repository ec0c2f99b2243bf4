//! Offline reference data: countries, counties, localities, vehicle makes and models, cached
//! per environment in the [`crate::store::Store`], refreshed by [`sync`] and searched instantly
//! by [`search`].

pub mod api_source;
mod catalog;
pub use crate::fold;
pub mod search;
pub mod source;
pub mod sync;

pub use api_source::ApiNomenclatureSource;
pub use catalog::Catalog;
pub use search::{Index, SearchError};
pub use source::{NomenclatureSource, SourceError, SourceErrorKind};
pub use sync::{
    Clock, PartFailure, PartSuccess, ProgressStage, RetryPolicy, SyncOptions, SyncProgress,
    SyncSummary,
};

pub use crate::store::reference::{Country, County, Locality, Part, VehicleMake, VehicleModel};

use crate::messages::Message;

impl Part {
    /// The label for progress lines ("Localități — CLUJ"). `name` is the county or make
    /// name when known; the code is used otherwise.
    pub fn label(&self, name: Option<&str>) -> Message {
        Message::ListLabel {
            list: self.list(),
            of: self.of().map(|code| name.unwrap_or(code).to_owned()),
        }
    }

    /// What to tell the agent when this list was never downloaded for the environment.
    pub fn never_synced(&self) -> Message {
        Message::ListNeverSynced {
            list: self.list(),
            of: self.of().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ListKind;

    #[test]
    fn part_keys_round_trip() {
        let parts = [
            Part::Countries,
            Part::Counties,
            Part::Localities("CJ".into()),
            Part::Makes,
            Part::Models("MERCEDES-BENZ".into()),
        ];
        for p in parts {
            assert_eq!(Part::from_key(&p.key()), Some(p.clone()), "{}", p.key());
        }
        assert_eq!(Part::Localities("CJ".into()).key(), "localities:CJ");
        assert_eq!(Part::from_key("drafts"), None);
        assert_eq!(Part::from_key("quotes:1"), None);
    }

    #[test]
    fn never_synced_names_the_list_and_its_code() {
        assert_eq!(
            Part::Localities("CJ".into()).never_synced(),
            Message::ListNeverSynced {
                list: ListKind::Localities,
                of: Some("CJ".into())
            }
        );
        assert_eq!(
            Part::Makes.never_synced(),
            Message::ListNeverSynced {
                list: ListKind::Makes,
                of: None
            }
        );
    }

    #[test]
    fn labels_prefer_names_over_codes() {
        let label = |part: Part, name| match part.label(name) {
            Message::ListLabel { of, .. } => of,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            label(Part::Localities("CJ".into()), Some("CLUJ")),
            Some("CLUJ".into())
        );
        assert_eq!(
            label(Part::Localities("CJ".into()), None),
            Some("CJ".into())
        );
        assert_eq!(label(Part::Makes, Some("x")), None);
    }
}

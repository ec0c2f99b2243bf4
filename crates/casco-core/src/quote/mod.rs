//! The quote wizard's domain (issue 5): the draft the agent fills in steps 1–4, the checks
//! that put a message under each field, the insurer catalogue's extra requirements, and the
//! builder of the published request shape. The UI and the quoting fan-out sit on top; step 6
//! identifies the vehicle with each insurer, then compares their offers.

mod catalogue_values;
mod checks;
mod closest;
pub mod comparison;
mod draft;
pub mod fanout;
mod freshness;
pub mod identification;
mod insurer_checks;
pub mod outcome;
mod payload;
mod release_0_1;
pub mod saved_comparison;
pub mod saved_drafts;
mod slots;

pub use crate::choices::{
    Color, Currency, FuelType, Gender, IdDocumentType, LeasingContractType, PartyKind,
    RegistrationType, Residency, UsageType, VehicleType,
};
pub use catalogue_values::catalogue_warnings;
pub use checks::{
    bonus_malus_class, check_draft, required_paths, validate_draft, DraftProblems,
    BONUS_MALUS_CLASSES,
};
pub use draft::{
    AddressDraft, CoverDraft, IdDocumentDraft, PartyDraft, QuoteDraft, VehicleDraft,
    VehicleUserDraft, WizardStep,
};
pub use freshness::stale_insurers;
pub use identification::{
    closest_variant, identify_vehicle, InsurerVariants, VariantView, VehicleIdentification,
};
pub use insurer_checks::{add_gaps, insurer_gaps, InsurerGap};
pub use payload::{build_quote_product, build_quote_request, build_vehicle_specs};
pub use saved_comparison::{saved_comparison, InsurerRef, SavedComparison};
pub use saved_drafts::{
    copy_draft, issued_policy, last_open_draft, list_drafts, load_draft, save_draft, DraftRecord,
    DraftSummary,
};
pub use slots::always_sent;

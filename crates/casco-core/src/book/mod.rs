//! The agent's book of business (issue 14): clients and their vehicles, built from every draft
//! typed (one client per CNP or CUI, one vehicle per VIN or plate), the client's page, the
//! history of comparisons, policies and documents, and the policies coming up for renewal.
//!
//! Drafts and the API's answers stay the facts; the book's cards are an index rewritten from
//! the latest draft on every save, and everything shown is built when read.

pub mod cards;
pub mod history;
pub mod index;
pub mod page;
pub mod renewals;
pub mod requote;

use chrono::{DateTime, Utc};

pub use cards::{ClientCard, VehicleCard};
pub use index::{BookClient, BookVehicle, ClientBook, CLIENT_SEARCH_LIMIT};

use crate::quote::{saved_drafts, QuoteDraft};
use crate::store::{DraftId, DraftLink, Store, StoreError};

/// Files the draft just saved under its client (and vehicle), in the store and in `book`.
/// A draft without a valid CNP or CUI yet stays outside the book.
pub fn record_draft(
    store: &Store,
    book: &mut ClientBook,
    draft_id: DraftId,
    draft: &QuoteDraft,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(key) = cards::client_key(draft) else {
        return Ok(());
    };
    let card = cards::client_card(draft, &key);
    let tag = store.lookup_tag(&format!("client:{key}"));
    let client_id = store.upsert_client(&tag, &cards::encode(&card), now)?;
    let vehicle = match cards::vehicle_key(draft) {
        Some(vkey) => {
            let vcard = cards::vehicle_card(draft);
            let vtag = store.lookup_tag(&vkey);
            let id = store.upsert_vehicle(client_id, &vtag, &cards::encode(&vcard), now)?;
            Some((id, vcard))
        }
        None => None,
    };
    let link = DraftLink {
        draft_id,
        client_id,
        vehicle_id: vehicle.as_ref().map(|(id, _)| *id),
    };
    store.link_draft(link)?;
    book.note((client_id, card), vehicle, link, now);
    Ok(())
}

/// Files every draft not yet in the book (drafts from before the book, or typed before their
/// CNP was), oldest first so the latest details win; a draft that cannot be read is skipped
/// (it is reported when opened). Returns how many were filed.
pub fn file_earlier_drafts(store: &Store, book: &mut ClientBook) -> Result<usize, StoreError> {
    let mut filed = 0;
    for id in store.drafts_outside_book()? {
        let Ok(Some(record)) = saved_drafts::load_draft(store, id) else {
            continue;
        };
        if cards::client_key(&record.draft).is_some() {
            record_draft(store, book, id, &record.draft, record.summary.updated_at)?;
            filed += 1;
        }
    }
    Ok(filed)
}

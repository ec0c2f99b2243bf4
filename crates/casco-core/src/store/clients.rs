//! The client book's rows: clients, their vehicles, and which draft was typed for which.
//!
//! Rows are found by the lookup tag of an identifier (CNP/CUI, VIN or plate), never by the
//! identifier; the cards are the owner's versioned JSON (`crate::book::cards`), sealed here.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{from_millis, DraftId, Store, StoreError};

/// A client's id in the store.
pub type ClientId = u32;
/// A client's vehicle's id in the store.
pub type VehicleId = u32;

const CLIENT_CARD: &str = "clients.card";
const VEHICLE_CARD: &str = "client_vehicles.card";

/// A card row read back (plain JSON), with its owner's ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRow {
    /// The client's or the vehicle's id.
    pub id: u32,
    /// For a vehicle: its client; for a client: its own id.
    pub client_id: ClientId,
    /// The card as its owner wrote it.
    pub card: String,
    /// When it was last written.
    pub updated_at: DateTime<Utc>,
}

/// A draft's place in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftLink {
    /// The draft.
    pub draft_id: DraftId,
    /// Its client.
    pub client_id: ClientId,
    /// Its vehicle, once one was identified.
    pub vehicle_id: Option<VehicleId>,
}

fn id_of(raw: i64) -> Result<u32, StoreError> {
    u32::try_from(raw)
        .map_err(|_| StoreError::Corrupt(format!("client book id {raw} out of range")))
}

impl Store {
    /// Writes the card of the client tagged `tag` (a new client when the tag is new).
    pub fn upsert_client(
        &self,
        tag: &str,
        card: &str,
        now: DateTime<Utc>,
    ) -> Result<ClientId, StoreError> {
        let card = self.sealer().seal(CLIENT_CARD, card)?;
        let id: i64 = self.conn().query_row(
            "INSERT INTO clients (tag, card, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (tag) DO UPDATE SET card = excluded.card, updated_at = excluded.updated_at
             RETURNING id",
            params![tag, card, now.timestamp_millis()],
            |r| r.get(0),
        )?;
        id_of(id)
    }

    /// Writes the card of `client`'s vehicle tagged `tag`.
    pub fn upsert_vehicle(
        &self,
        client: ClientId,
        tag: &str,
        card: &str,
        now: DateTime<Utc>,
    ) -> Result<VehicleId, StoreError> {
        let card = self.sealer().seal(VEHICLE_CARD, card)?;
        let id: i64 = self.conn().query_row(
            "INSERT INTO client_vehicles (client_id, tag, card, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (client_id, tag) DO UPDATE SET card = excluded.card, updated_at = excluded.updated_at
             RETURNING id",
            params![client, tag, card, now.timestamp_millis()],
            |r| r.get(0),
        )?;
        id_of(id)
    }

    /// Links `draft` to its client and vehicle (replacing an earlier link: the CNP was fixed).
    pub fn link_draft(&self, link: DraftLink) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT OR REPLACE INTO client_drafts (draft_id, client_id, vehicle_id) VALUES (?1, ?2, ?3)",
            params![link.draft_id, link.client_id, link.vehicle_id],
        )?;
        Ok(())
    }

    /// Every client's card.
    pub fn client_cards(&self) -> Result<Vec<CardRow>, StoreError> {
        self.card_rows(
            "SELECT id, id, card, updated_at FROM clients ORDER BY id",
            CLIENT_CARD,
        )
    }

    /// Every vehicle's card.
    pub fn vehicle_cards(&self) -> Result<Vec<CardRow>, StoreError> {
        let sql = "SELECT id, client_id, card, updated_at FROM client_vehicles ORDER BY id";
        self.card_rows(sql, VEHICLE_CARD)
    }

    fn card_rows(&self, sql: &str, column: &str) -> Result<Vec<CardRow>, StoreError> {
        let raw: Vec<(i64, i64, String, i64)> = {
            let conn = self.conn();
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        // Opening is the cost of sealing at start: it runs on every core, in order.
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let chunk = raw.len().div_ceil(threads).max(1024);
        std::thread::scope(|scope| {
            let parts: Vec<_> = raw
                .chunks(chunk)
                .map(|part| scope.spawn(move || self.open_cards(part, column)))
                .collect();
            let mut rows = Vec::with_capacity(raw.len());
            for part in parts {
                let opened = part.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                rows.extend(opened?);
            }
            Ok(rows)
        })
    }

    fn open_cards(
        &self,
        raw: &[(i64, i64, String, i64)],
        column: &str,
    ) -> Result<Vec<CardRow>, StoreError> {
        raw.iter()
            .map(|(id, client, card, at)| {
                Ok(CardRow {
                    id: id_of(*id)?,
                    client_id: id_of(*client)?,
                    card: self.sealer().open(column, card)?,
                    updated_at: from_millis(*at),
                })
            })
            .collect()
    }

    /// Every draft's place in the book.
    pub fn draft_links(&self) -> Result<Vec<DraftLink>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT draft_id, client_id, vehicle_id FROM client_drafts ORDER BY draft_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (draft, client, vehicle) = row?;
            Ok(DraftLink {
                draft_id: id_of(draft)?,
                client_id: id_of(client)?,
                vehicle_id: vehicle.map(id_of).transpose()?,
            })
        })
        .collect()
    }

    /// Drafts (not discarded) that are in no client's book yet: written before the book
    /// existed, or before a CNP/CUI was typed.
    pub fn drafts_outside_book(&self) -> Result<Vec<DraftId>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id FROM drafts WHERE status != 'discarded'
               AND id NOT IN (SELECT draft_id FROM client_drafts) ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        rows.map(|r| id_of(r?)).collect()
    }

    /// The lookup tag of an identifier under this database's key.
    pub fn lookup_tag(&self, identifier: &str) -> String {
        self.sealer().tag(identifier)
    }
}

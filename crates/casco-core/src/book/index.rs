//! The client book in memory: built once at start from the decrypted cards, kept current on
//! every draft save, searched as the agent types (names folded as reference search folds them,
//! CNP, CUI, phone, plate or VIN).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::cards::{decode, ClientCard, VehicleCard};
use crate::fold::fold;
use crate::store::{CardRow, ClientId, DraftId, DraftLink, Store, StoreError, VehicleId};

/// Most clients a search returns.
pub const CLIENT_SEARCH_LIMIT: usize = 50;

/// A vehicle of a client, with the drafts typed for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BookVehicle {
    /// Its id in the book.
    pub id: VehicleId,
    /// What was last typed about it.
    pub card: VehicleCard,
    /// The drafts typed for it, oldest first.
    pub drafts: Vec<DraftId>,
}

/// A client as the book lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BookClient {
    /// Its id in the book.
    pub id: ClientId,
    /// What was last typed about the client.
    pub card: ClientCard,
    /// Its vehicles.
    pub vehicles: Vec<BookVehicle>,
    /// Every draft typed for the client, oldest first.
    pub drafts: Vec<DraftId>,
    /// When its card was last written.
    pub updated_at: DateTime<Utc>,
}

/// The book (see the module comment).
#[derive(Debug, Default)]
pub struct ClientBook {
    clients: Vec<BookClient>,
    /// What a search matches, per client, folded; same order as `clients`.
    haystacks: Vec<String>,
    by_id: HashMap<ClientId, usize>,
}

/// Plates and VINs as searched: spaced and compact ("cj 12 abc cj12abc").
fn vehicle_words(card: &VehicleCard) -> String {
    let plate = fold(&card.plate);
    format!(
        "{plate} {} {}",
        plate.replace(' ', ""),
        card.vin.to_lowercase()
    )
}

fn haystack(client: &BookClient) -> String {
    let c = &client.card;
    let phone: String = c.phone.chars().filter(char::is_ascii_digit).collect();
    let mut text = format!(
        "{} {} {phone} {}",
        fold(&c.name),
        c.tax_id.to_lowercase(),
        fold(&c.email)
    );
    for v in &client.vehicles {
        text.push(' ');
        text.push_str(&vehicle_words(&v.card));
    }
    text
}

impl ClientBook {
    /// Reads the book from the store (every card opened).
    pub fn load(store: &Store) -> Result<ClientBook, StoreError> {
        Ok(ClientBook::from_rows(
            store.client_cards()?,
            store.vehicle_cards()?,
            store.draft_links()?,
        ))
    }

    /// The book from its rows, cards as plain JSON; unreadable cards read as empty.
    pub fn from_rows(
        clients: Vec<CardRow>,
        vehicles: Vec<CardRow>,
        links: Vec<DraftLink>,
    ) -> ClientBook {
        let mut book = ClientBook::default();
        for row in clients {
            let card = decode(&row.card).unwrap_or_default();
            book.by_id.insert(row.id, book.clients.len());
            book.clients.push(BookClient {
                id: row.id,
                card,
                vehicles: Vec::new(),
                drafts: Vec::new(),
                updated_at: row.updated_at,
            });
        }
        for row in vehicles {
            if let Some(&at) = book.by_id.get(&row.client_id) {
                let card = decode(&row.card).unwrap_or_default();
                book.clients[at].vehicles.push(BookVehicle {
                    id: row.id,
                    card,
                    drafts: Vec::new(),
                });
            }
        }
        for link in links {
            book.link(link);
        }
        book.haystacks = book.clients.iter().map(haystack).collect();
        book
    }

    fn link(&mut self, link: DraftLink) {
        let Some(&at) = self.by_id.get(&link.client_id) else {
            return;
        };
        let client = &mut self.clients[at];
        if !client.drafts.contains(&link.draft_id) {
            client.drafts.push(link.draft_id);
        }
        for v in &mut client.vehicles {
            v.drafts.retain(|d| *d != link.draft_id);
            if Some(v.id) == link.vehicle_id {
                v.drafts.push(link.draft_id);
            }
        }
    }

    /// Takes in what a draft save wrote: the client's card, the vehicle's, and the link.
    pub fn note(
        &mut self,
        client: (ClientId, ClientCard),
        vehicle: Option<(VehicleId, VehicleCard)>,
        link: DraftLink,
        now: DateTime<Utc>,
    ) {
        let (id, card) = client;
        let at = match self.by_id.get(&id) {
            Some(&at) => at,
            None => {
                self.by_id.insert(id, self.clients.len());
                self.clients.push(BookClient {
                    id,
                    card: card.clone(),
                    vehicles: Vec::new(),
                    drafts: Vec::new(),
                    updated_at: now,
                });
                self.haystacks.push(String::new());
                self.clients.len() - 1
            }
        };
        // A draft moved to another client (its CNP was corrected) leaves the first one.
        for other in self.clients.iter_mut().filter(|c| c.id != id) {
            other.drafts.retain(|d| *d != link.draft_id);
            for v in &mut other.vehicles {
                v.drafts.retain(|d| *d != link.draft_id);
            }
        }
        let entry = &mut self.clients[at];
        entry.card = card;
        entry.updated_at = now;
        if let Some((vid, vcard)) = vehicle {
            match entry.vehicles.iter_mut().find(|v| v.id == vid) {
                Some(v) => v.card = vcard,
                None => entry.vehicles.push(BookVehicle {
                    id: vid,
                    card: vcard,
                    drafts: Vec::new(),
                }),
            }
        }
        self.link(link);
        self.haystacks[at] = haystack(&self.clients[at]);
    }

    /// How many clients the book holds.
    pub fn len(&self) -> usize {
        self.clients.len()
    }

    /// Whether the book is empty.
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    /// Client `id`.
    pub fn client(&self, id: ClientId) -> Option<&BookClient> {
        self.by_id.get(&id).map(|&at| &self.clients[at])
    }

    /// The client a draft was typed for.
    pub fn client_of_draft(&self, draft: DraftId) -> Option<&BookClient> {
        self.clients.iter().find(|c| c.drafts.contains(&draft))
    }

    /// Clients matching every word of `query` (an empty query: the latest clients), those whose
    /// name starts with the query first, then the most recently updated.
    pub fn search(&self, query: &str, limit: usize) -> Vec<BookClient> {
        let folded = fold(query);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut hits: Vec<(bool, &BookClient)> = self
            .clients
            .iter()
            .zip(&self.haystacks)
            .filter(|(_, hay)| words.iter().all(|w| hay.contains(w)))
            .map(|(c, hay)| (!folded.is_empty() && hay.starts_with(&folded), c))
            .collect();
        hits.sort_by(|(a_first, a), (b_first, b)| {
            b_first.cmp(a_first).then(b.updated_at.cmp(&a.updated_at))
        });
        hits.into_iter()
            .take(limit)
            .map(|(_, c)| c.clone())
            .collect()
    }
}

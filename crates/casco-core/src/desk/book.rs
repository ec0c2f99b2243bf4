//! Clienți, Istoric and Reînnoiri: the book searched in memory, a client's page, new drafts
//! from the book, the history and the renewals. Every new draft is saved and filed under its
//! client at once, and opens in the wizard by its id.

use std::sync::{Arc, OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::Utc;

use super::Desk;
use crate::book::history::{history, HistoryFilter, HistoryPage};
use crate::book::page::{client_page, ClientPage};
use crate::book::renewals::{renewals, RenewalLine};
use crate::book::{record_draft, requote, BookClient, ClientBook, CLIENT_SEARCH_LIMIT};
use crate::error::AppError;
use crate::messages::Message;
use crate::quote::{saved_drafts, QuoteDraft};
use crate::store::{ClientId, DraftId, Store, StoreError, VehicleId};
use crate::validate::today_in_bucharest;

fn app(e: StoreError) -> AppError {
    e.to_app_error()
}

/// The client book, read on a thread of its own when the desk opens: the first screen does not
/// need it (57 ms for 10,000 clients, `scripts/bench clients`). The first reader waits for it,
/// or reads it itself if the thread has not started yet.
pub(super) struct BookSlot {
    book: OnceLock<RwLock<ClientBook>>,
    /// Why the book could not be read (it is empty then); a start notice.
    problem: OnceLock<Message>,
}

impl BookSlot {
    /// Starts reading the book from `store`, filing drafts saved before the book existed. The
    /// thread holds the store: the desk joins it before it closes (see `Drop for Desk`).
    pub(super) fn read_in_background(
        store: Arc<Store>,
    ) -> (Arc<BookSlot>, Option<std::thread::JoinHandle<()>>) {
        let slot = Arc::new(BookSlot {
            book: OnceLock::new(),
            problem: OnceLock::new(),
        });
        let mine = Arc::clone(&slot);
        // Without a thread, the first reader reads it instead.
        let reader = std::thread::Builder::new()
            .name("client-book".into())
            .spawn(move || {
                mine.get(&store);
            })
            .ok();
        (slot, reader)
    }

    /// The book, once read.
    fn get(&self, store: &Store) -> &RwLock<ClientBook> {
        self.book.get_or_init(|| RwLock::new(self.read(store)))
    }

    fn read(&self, store: &Store) -> ClientBook {
        let read = ClientBook::load(store).and_then(|mut book| {
            let filed = crate::book::file_earlier_drafts(store, &mut book)?;
            if filed > 0 {
                log::info!("{filed} earlier drafts filed in the client book");
            }
            Ok(book)
        });
        read.unwrap_or_else(|e| {
            log::error!("the client book could not be read: {e}");
            let _ = self.problem.set(e.message());
            ClientBook::default()
        })
    }

    /// Why the book could not be read, once it was tried.
    pub(super) fn problem(&self, store: &Store) -> Option<Message> {
        self.get(store);
        self.problem.get().cloned()
    }
}

impl Desk {
    fn book(&self) -> RwLockReadGuard<'_, ClientBook> {
        self.book
            .get(self.store())
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn book_mut(&self) -> RwLockWriteGuard<'_, ClientBook> {
        self.book
            .get(self.store())
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Files a saved draft under its client (a draft without a valid CNP/CUI stays out).
    pub(super) fn file_draft(&self, id: DraftId, draft: &QuoteDraft) -> Result<(), AppError> {
        let mut book = self.book_mut();
        record_draft(self.store(), &mut book, id, draft, Utc::now()).map_err(app)
    }

    /// Saves `draft` as a new open draft, filed in the book; its id.
    fn start_draft(&self, draft: Option<QuoteDraft>) -> Result<Option<DraftId>, AppError> {
        let Some(draft) = draft else {
            return Ok(None);
        };
        let id = saved_drafts::save_draft(self.store(), None, &draft, Utc::now()).map_err(app)?;
        if let Some(id) = id {
            self.file_draft(id, &draft)?;
        }
        Ok(id)
    }

    /// Clients matching `query` as the agent types (names without diacritics, CNP, CUI, phone,
    /// plate, VIN); the latest clients for an empty query.
    pub fn search_clients(&self, query: &str) -> Vec<BookClient> {
        self.book().search(query, CLIENT_SEARCH_LIMIT)
    }

    /// Client `id`'s page; `None` when there is no such client.
    pub fn client_page(&self, id: ClientId) -> Result<Option<ClientPage>, AppError> {
        let today = today_in_bucharest(Utc::now());
        client_page(self.store(), &self.book(), id, today).map_err(app)
    }

    /// *Ofertă nouă pentru client*: a new draft with the policyholder filled in.
    pub fn new_draft_for_client(&self, id: ClientId) -> Result<Option<DraftId>, AppError> {
        let today = today_in_bucharest(Utc::now());
        let draft = {
            let book = self.book();
            let Some(client) = book.client(id) else {
                return Ok(None);
            };
            requote::draft_for_client(self.store(), client, &self.settings().defaults, today)
                .map_err(app)?
        };
        self.start_draft(draft)
    }

    /// *Recotează* on a vehicle: holder, vehicle and user filled in, starting the day after
    /// its current policy ends.
    pub fn requote_vehicle(
        &self,
        client: ClientId,
        vehicle: VehicleId,
    ) -> Result<Option<DraftId>, AppError> {
        let today = today_in_bucharest(Utc::now());
        let defaults = self.settings().defaults;
        let draft = requote::draft_for_vehicle(
            self.store(),
            &self.book(),
            (client, vehicle),
            &defaults,
            today,
        )
        .map_err(app)?;
        self.start_draft(draft)
    }

    /// *Recotează pentru reînnoire*: the policy's draft again, with `renewPolicy` set.
    pub fn requote_renewal(&self, offer_id: &str) -> Result<Option<DraftId>, AppError> {
        let today = today_in_bucharest(Utc::now());
        let draft =
            requote::draft_for_renewal(self.store(), &self.book(), offer_id, today).map_err(app)?;
        self.start_draft(draft)
    }

    /// *Copiază și recotează*: a past draft as a new one.
    pub fn copy_and_requote(&self, id: DraftId) -> Result<Option<DraftId>, AppError> {
        let today = today_in_bucharest(Utc::now());
        let draft = requote::draft_copy(self.store(), id, today).map_err(app)?;
        self.start_draft(draft)
    }

    /// Istoric for `filter`, newest first.
    pub fn history(&self, filter: &HistoryFilter) -> Result<HistoryPage, AppError> {
        let today = today_in_bucharest(Utc::now());
        history(self.store(), &self.book(), filter, today).map_err(app)
    }

    /// Reînnoiri: policies ending within the window set in Setări, soonest first.
    pub fn renewals(&self) -> Result<Vec<RenewalLine>, AppError> {
        let today = today_in_bucharest(Utc::now());
        let window = self.settings().renewals.window_days;
        renewals(self.store(), &self.book(), today, u32::from(window)).map_err(app)
    }
}

//! The book file's writer for new offers: a thread of its own that writes the book at most
//! once per [`BOOK_WRITE_GAP`], instead of every offer rewriting the whole book before its
//! answer (each quote then got slower as the book grew: 100 quotes of ten insurers took
//! 29.1 s instead of 1.4 s). Policies do not wait for it: they are written before their answer
//! ([`crate::state::AppState::persist_book`]).
//!
//! One thread, not the runtime's blocking pool: a write makes buffers as large as the book
//! (its copy, its text, the sealed text), and the allocator keeps such buffers for reuse in
//! the arena of the thread that freed them. Writes from whichever pool thread was free left
//! about 1.5 MiB behind in each new one (the soak with a book file, 400 batches: 19.1 →
//! 28.0 MiB, still rising); from one thread they reuse the same memory (19.4 → 21.4 MiB,
//! flat from batch 160).

use crate::state::AppState;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

/// The least time between two writes of the book for new offers. A write seals and replaces
/// the whole book (about 0.7 MB under the default cap, a few milliseconds); once a second
/// leaves the file at most about a second behind the offers, and only offers: a crash in
/// that second loses offers the agent can quote again, never a policy.
pub const BOOK_WRITE_GAP: Duration = Duration::from_secs(1);

/// What the writer thread waits for.
#[derive(Debug, Default)]
struct Pending {
    /// The book changed since the thread last looked.
    changed: bool,
    /// The sandbox is stopping: the thread ends.
    stop: bool,
}

/// Wakes the writer thread: the state says when the book changed, the handle when the
/// sandbox stops.
#[derive(Debug, Default)]
pub struct WriterSignal {
    pending: Mutex<Pending>,
    wake: Condvar,
}

impl WriterSignal {
    fn pending(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The book changed: the thread writes it now, or at the end of its gap.
    pub fn changed(&self) {
        self.pending().changed = true;
        self.wake.notify_one();
    }

    fn stop(&self) {
        self.pending().stop = true;
        self.wake.notify_one();
    }

    /// Waits until the book changed (true) or the sandbox stops (false).
    fn next_change(&self) -> bool {
        let pending = self.pending();
        let mut pending = self
            .wake
            .wait_while(pending, |p| !p.changed && !p.stop)
            .unwrap_or_else(PoisonError::into_inner);
        pending.changed = false;
        !pending.stop
    }

    /// Waits out [`BOOK_WRITE_GAP`]; false when the sandbox stops meanwhile. A change made
    /// meanwhile stays pending, so the next write follows right after the gap.
    fn gap(&self) -> bool {
        let pending = self.pending();
        let (pending, _) = self
            .wake
            .wait_timeout_while(pending, BOOK_WRITE_GAP, |p| !p.stop)
            .unwrap_or_else(PoisonError::into_inner);
        !pending.stop
    }
}

/// The running writer thread. Stopping it waits for a write in progress; what changed after
/// the last write is left to [`AppState::flush_book`].
pub struct BookWriter {
    state: Arc<AppState>,
    thread: Option<JoinHandle<()>>,
}

impl BookWriter {
    /// Starts the thread when the config names a book file (none otherwise: nothing to
    /// write). The first change after a quiet spell is written at once, those made during
    /// the gap together after it.
    pub fn start(state: &Arc<AppState>) -> std::io::Result<Option<BookWriter>> {
        if state.config().book_file.is_none() {
            return Ok(None);
        }
        let writer = Arc::clone(state);
        let thread = std::thread::Builder::new()
            .name("sandbox-book".into())
            .spawn(move || {
                while writer.book_signal.next_change() {
                    writer.flush_book();
                    if !writer.book_signal.gap() {
                        break;
                    }
                }
            })?;
        Ok(Some(BookWriter {
            state: Arc::clone(state),
            thread: Some(thread),
        }))
    }

    /// Ends the thread, after the write it may be doing.
    pub fn stop(mut self) {
        self.end();
    }

    fn end(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.state.book_signal.stop();
            if thread.join().is_err() {
                tracing::error!("sandbox book writer panicked");
            }
        }
    }
}

impl Drop for BookWriter {
    fn drop(&mut self) {
        self.end();
    }
}

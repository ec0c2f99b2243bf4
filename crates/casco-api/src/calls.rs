//! What a client tells its call observer about each HTTP exchange once it ends: the route,
//! whom it was for, when it started, how long it took, how it ended and how large the answer
//! was. Never a body, a header, a query or a URL: the login query holds the password, the
//! `Token` header a token, a quote's body the client's data and the insurer's password.
//!
//! Every exchange is reported once, the retry after a refused token and the session's own
//! login and refresh included, also when the caller stops waiting (a timeout drops the
//! exchange half-way: it is reported as [`CallOutcome::Abandoned`]). Per-call options
//! ([`CallOptions`]) carry the timeout and whom the call is for.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::error::ApiError;
use crate::routes::Route;

/// Told every finished HTTP exchange of a client (see
/// [`crate::CascoClient::observe_calls`]). Called on the task that made the exchange, or
/// while it is dropped: it must be quick and must not block on that task.
pub type CallObserver = Arc<dyn Fn(&CallRecord) + Send + Sync>;

/// The facts of one HTTP exchange, without anything that was sent or received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRecord {
    /// The route asked (its `name` is the operation).
    pub route: Route,
    /// The insurer the call was for (a catalogue key), when it was for one.
    pub insurer: Option<&'static str>,
    /// The caller's own label for the call ([`crate::CallOptions::label`]), passed on untouched.
    pub label: Option<Arc<str>>,
    /// When the request was about to be sent.
    pub started_at: DateTime<Utc>,
    /// From then until the answer was complete, or the exchange failed or was dropped.
    pub duration: Duration,
    /// How it ended.
    pub outcome: CallOutcome,
    /// Bytes of the answer's body received in full (0 without a complete answer).
    pub response_bytes: u64,
}

/// How one HTTP exchange ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOutcome {
    /// A complete answer within the route's size limit, with this HTTP status.
    Answered {
        /// HTTP status.
        status: u16,
    },
    /// A redirect, never followed.
    Redirected {
        /// HTTP status (3xx).
        status: u16,
    },
    /// The answer was larger than the route allows; nothing of it was kept.
    TooLarge,
    /// The host could not be reached (DNS, refused, TLS handshake).
    NoConnection,
    /// Connecting took longer than the connect timeout.
    ConnectTimeout,
    /// The exchange broke off half-way (connection reset, protocol error).
    Broken,
    /// Refused before anything was sent (a path parameter that is not usable).
    NotSent,
    /// The caller stopped waiting first: the call's time ran out, or it was cancelled.
    Abandoned,
}

impl CallOutcome {
    /// How an exchange that failed with `error` ended.
    pub fn of_error(error: &ApiError) -> CallOutcome {
        match error {
            ApiError::Redirect { status, .. } => CallOutcome::Redirected { status: *status },
            ApiError::TooLarge { .. } => CallOutcome::TooLarge,
            ApiError::Connect { .. } => CallOutcome::NoConnection,
            ApiError::Timeout { .. } => CallOutcome::ConnectTimeout,
            ApiError::InvalidRequest(_) | ApiError::UnsafeBaseUrl(_) => CallOutcome::NotSent,
            _ => CallOutcome::Broken,
        }
    }

    /// The HTTP status, when one arrived.
    pub fn status(self) -> Option<u16> {
        match self {
            CallOutcome::Answered { status } | CallOutcome::Redirected { status } => Some(status),
            _ => None,
        }
    }
}

/// Per-call options.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Overrides [`crate::ClientConfig::timeout`] for this call.
    pub timeout: Option<Duration>,
    /// The insurer the call is for (a catalogue key), told to the call observer; a quote
    /// names its insurer by itself. Never sent.
    pub insurer: Option<&'static str>,
    /// The caller's label for the call, told to the call observer untouched (already masked
    /// by the caller: never personal data in the clear). Never sent.
    pub label: Option<Arc<str>>,
}

impl CallOptions {
    /// Options with this call's own timeout.
    pub fn with_timeout(timeout: Duration) -> CallOptions {
        CallOptions {
            timeout: Some(timeout),
            ..CallOptions::default()
        }
    }

    /// These options for a call made for insurer `key` (unchanged when the catalogue has no
    /// such insurer).
    pub fn for_insurer(mut self, key: &str) -> CallOptions {
        self.insurer = crate::insurers::find(key)
            .map(|i| i.key.as_str())
            .or(self.insurer);
        self
    }

    /// These options with the caller's label for the call.
    pub fn labelled(mut self, label: impl Into<Arc<str>>) -> CallOptions {
        self.label = Some(label.into());
        self
    }

    /// Whom the call is for, as the observer is told.
    pub(crate) fn tag(&self) -> CallTag<'_> {
        CallTag {
            insurer: self.insurer,
            label: self.label.as_ref(),
        }
    }
}

/// Whom a call is for, as its log shows it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CallTag<'a> {
    pub insurer: Option<&'static str>,
    pub label: Option<&'a Arc<str>>,
}

/// Watches one exchange and reports it to the observer exactly once: when it ends, or, when
/// the exchange is dropped before that, as [`CallOutcome::Abandoned`].
pub(crate) struct CallWatch<'a> {
    observer: Option<&'a CallObserver>,
    route: Route,
    tag: CallTag<'a>,
    started_at: DateTime<Utc>,
    started: Instant,
}

impl<'a> CallWatch<'a> {
    /// Starts the clock; `observer` is `None` when nobody listens.
    pub fn start(observer: Option<&'a CallObserver>, route: Route, tag: CallTag<'a>) -> Self {
        CallWatch {
            observer,
            route,
            tag,
            started_at: Utc::now(),
            started: Instant::now(),
        }
    }

    /// Reports the exchange as ended: answered with `status` and `bytes`, or failed with an error.
    pub fn finish(mut self, ended: Result<(u16, usize), &ApiError>) {
        let (outcome, bytes) = match ended {
            Ok((status, bytes)) => (CallOutcome::Answered { status }, bytes as u64),
            Err(error) => (CallOutcome::of_error(error), 0),
        };
        self.report(outcome, bytes);
    }

    fn report(&mut self, outcome: CallOutcome, response_bytes: u64) {
        let Some(observer) = self.observer.take() else {
            return;
        };
        observer(&CallRecord {
            route: self.route,
            insurer: self.tag.insurer,
            label: self.tag.label.cloned(),
            started_at: self.started_at,
            duration: self.started.elapsed(),
            outcome,
            response_bytes,
        });
    }
}

impl Drop for CallWatch<'_> {
    fn drop(&mut self) {
        self.report(CallOutcome::Abandoned, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes;
    use std::sync::Mutex;

    fn recorder() -> (CallObserver, Arc<Mutex<Vec<CallRecord>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let observer: CallObserver = Arc::new(move |r: &CallRecord| {
            sink.lock().unwrap().push(r.clone());
        });
        (observer, seen)
    }

    #[test]
    fn a_finished_exchange_is_reported_once_with_its_status_and_size() {
        let (observer, seen) = recorder();
        let label: Arc<str> = Arc::from("Ș. Ț.");
        let tag = CallTag {
            insurer: Some("groupama"),
            label: Some(&label),
        };
        CallWatch::start(Some(&observer), routes::QUOTE, tag).finish(Ok((200, 1234)));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "reported once, not again when dropped");
        let r = &seen[0];
        assert_eq!(r.route.name, "quote");
        assert_eq!(r.insurer, Some("groupama"));
        assert_eq!(r.label.as_deref(), Some("Ș. Ț."));
        assert_eq!(r.outcome, CallOutcome::Answered { status: 200 });
        assert_eq!(r.outcome.status(), Some(200));
        assert_eq!(r.response_bytes, 1234);
    }

    #[test]
    fn a_dropped_exchange_is_reported_as_abandoned() {
        let (observer, seen) = recorder();
        let watch = CallWatch::start(Some(&observer), routes::COUNTRIES, CallTag::default());
        std::thread::sleep(Duration::from_millis(5));
        drop(watch);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].outcome, CallOutcome::Abandoned);
        assert_eq!(seen[0].outcome.status(), None);
        assert!(seen[0].duration >= Duration::from_millis(5));
    }

    #[test]
    fn errors_map_to_how_the_exchange_ended() {
        let redirect = ApiError::Redirect {
            operation: "quote",
            status: 302,
            target: "elsewhere.test".into(),
        };
        assert_eq!(
            CallOutcome::of_error(&redirect),
            CallOutcome::Redirected { status: 302 }
        );
        let too_large = ApiError::TooLarge {
            operation: "countries",
            limit: 1,
        };
        assert_eq!(CallOutcome::of_error(&too_large), CallOutcome::TooLarge);
        let timeout = ApiError::Timeout {
            operation: "quote",
            after: Duration::from_secs(10),
        };
        assert_eq!(CallOutcome::of_error(&timeout), CallOutcome::ConnectTimeout);
        let refused = ApiError::InvalidRequest("route localities: \"..\"".into());
        assert_eq!(CallOutcome::of_error(&refused), CallOutcome::NotSent);
    }
}

//! The router (built from `casco_api::routes`), request accounting, and the in-process
//! server handle tests use.

use crate::book_writer::BookWriter;
use crate::config::SandboxConfig;
use crate::state::{AppState, CounterSnapshot};
use crate::{auth, identification, nomenclature, openapi, policy, quote, rejections, reply};
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{self, MethodRouter};
use axum::Router;
use casco_api::routes::{self, Route};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, PoisonError};
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The handler serving one route of the shared table.
fn handler_for(route: &Route) -> Option<MethodRouter<Arc<AppState>>> {
    let handler = match route.name {
        "login" => routing::post(auth::login),
        "refresh" => routing::patch(auth::refresh),
        "logout" => routing::delete(auth::logout),
        "quote" => routing::post(quote::quote),
        "offer_pdf" => routing::get(policy::offer_pdf),
        "issue_policy" => routing::post(policy::issue),
        "policy_pdf" => routing::get(policy::policy_pdf),
        "countries" => routing::get(nomenclature::countries),
        "counties" => routing::get(nomenclature::counties),
        "localities" => routing::get(nomenclature::localities),
        "vehicle_makes" => routing::get(nomenclature::makes),
        "vehicle_models" => routing::get(nomenclature::models),
        "vehicle_identification" => routing::post(identification::identify),
        _ => return None,
    };
    Some(handler)
}

/// The whole CascoApi surface plus `/openapi.json`.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let mut by_path: BTreeMap<&str, MethodRouter<Arc<AppState>>> = BTreeMap::new();
    for route in routes::ALL {
        let Some(handler) = handler_for(route) else {
            tracing::error!(route = route.name, "no sandbox handler for this route");
            continue;
        };
        let merged = match by_path.remove(route.path) {
            Some(existing) => existing.merge(handler),
            None => handler,
        };
        by_path.insert(route.path, merged);
    }
    let api = by_path
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            account_and_delay,
        ));
    // Layers run outermost last-added: the URI and declared-length checks before anything,
    // then the envelope for whatever plain rejection the body limit, the extractors or
    // routing produce.
    api.route("/openapi.json", routing::get(openapi::document))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(rejections::MAX_BODY_BYTES))
        .layer(middleware::from_fn(rejections::envelope_errors))
        .layer(middleware::from_fn(rejections::limit_request))
        .with_state(state)
}

/// Counts the request under its route name and applies the route's configured latency.
async fn account_and_delay(
    State(state): State<Arc<AppState>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let name = matched
        .and_then(|m| {
            routes::ALL
                .iter()
                .find(|r| {
                    r.path == m.as_str()
                        && r.method
                            .as_lower()
                            .eq_ignore_ascii_case(request.method().as_str())
                })
                .map(|r| r.name)
        })
        .unwrap_or("unknown");
    state.counters.count_request(name);
    crate::route_knobs::log_request(&state, name);
    let latency = state.config().route_latency.get(name).copied();
    if let Some(latency) = latency {
        let n = state.counters.next_draw(&format!("route:{name}"));
        tokio::time::sleep(Duration::from_millis(latency.millis(n))).await;
    }
    next.run(request).await
}

async fn no_such_route(State(state): State<Arc<AppState>>, method: Method, uri: Uri) -> Response {
    state.counters.count_request("unknown");
    reply::error(
        StatusCode::NOT_FOUND,
        format!("Ruta nu există: {method} {}", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    reply::error(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Metoda {method} nu este permisă pe {}", uri.path()),
    )
}

/// A running sandbox. Dropping it stops the server and writes the book file if it changed.
pub struct SandboxHandle {
    base_url: String,
    state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    /// The book file's writer thread (none without a book file), stopped with the server.
    book_writer: Option<BookWriter>,
}

/// Starts a sandbox on 127.0.0.1 with a free port (see [`start_on`]).
pub async fn start(config: SandboxConfig) -> std::io::Result<SandboxHandle> {
    start_on(config, SocketAddr::from(([127, 0, 0, 1], 0))).await
}

/// Starts a sandbox on `addr`, signing its tokens with a secret drawn for this start (so a
/// token from another start, or forged with a known key, is refused).
pub async fn start_on(config: SandboxConfig, addr: SocketAddr) -> std::io::Result<SandboxHandle> {
    let state = Arc::new(AppState::new(config)?);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let app = router(Arc::clone(&state));
    let book_writer = BookWriter::start(&state)?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let serve = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            tracing::error!(error = %e, "sandbox server stopped with an error");
        }
    });
    Ok(SandboxHandle {
        base_url: format!("http://{addr}"),
        state,
        shutdown: Some(shutdown),
        task: Some(task),
        book_writer,
    })
}

impl SandboxHandle {
    /// `http://127.0.0.1:<port>`
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The current knobs.
    pub fn config(&self) -> SandboxConfig {
        self.state.config()
    }

    /// Changes knobs while the server runs; the next request sees them. A
    /// [`crate::FailureMode::TokenExpiresMidBatch`] knob that has fired stays spent while it
    /// stays set; removing it and setting it again re-arms it.
    pub fn update_config(&self, change: impl FnOnce(&mut SandboxConfig)) {
        change(
            &mut self
                .state
                .config
                .write()
                .unwrap_or_else(PoisonError::into_inner),
        );
        self.state.rearm_removed_mid_batch_knobs();
    }

    /// Logins, refreshes and requests per route so far.
    pub fn counters(&self) -> CounterSnapshot {
        self.state.counters.snapshot()
    }

    /// Makes every access token issued so far count as expired (as after a vendor restart).
    pub fn expire_access_tokens(&self) {
        self.state.sessions().generation += 1;
    }

    /// Forgets every refresh token, so the next refresh is refused.
    pub fn revoke_refresh_tokens(&self) {
        self.state.sessions().refresh_tokens.clear();
    }

    /// Writes the book file now if offers were made since its last write (a thread writes
    /// them at most once a second); blocks while it writes. For a host about to exit without
    /// dropping the handle (dropping or stopping it writes them too). Policies never wait:
    /// they are written before their answer.
    pub fn flush_book(&self) {
        self.state.flush_book();
    }

    /// Stops accepting requests; waits up to a second for open ones (a hanging insurer
    /// would otherwise hold the server forever), then aborts them, and writes the book file
    /// if it changed.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(Duration::from_secs(1), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
        let writer = self.book_writer.take();
        let state = Arc::clone(&self.state);
        // Joining the writer and the last write block: off the runtime's workers.
        let last_write = tokio::task::spawn_blocking(move || {
            if let Some(writer) = writer {
                writer.stop();
            }
            state.flush_book();
        });
        if let Err(e) = last_write.await {
            tracing::error!(error = %e, "sandbox book not written");
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
        if let Some(writer) = self.book_writer.take() {
            writer.stop();
            // The offers made since the last write; nothing to do after stop().
            self.state.flush_book();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_of_the_shared_table_has_a_handler() {
        for route in routes::ALL {
            assert!(
                handler_for(route).is_some(),
                "no handler for {}",
                route.name
            );
        }
    }
}

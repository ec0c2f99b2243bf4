//! The client against hostile or broken hosts on loopback: redirects to another origin, plain
//! http, oversized PDFs, and refresh tokens that rotate. Memory bounds under floods of bytes
//! are measured in `hostile_memory.rs`, a binary of its own with a counting allocator.

mod common;
mod stand_in;

use base64::Engine;
use casco_api::{
    ApiError, CallOptions, CascoClient, ClientConfig, Credentials, PdfError, Secret, UnsafeBaseUrl,
};
use common::{client_for, quote_for, sandbox_and_client, NO_OPTS};
use stand_in::{answer_json, answer_redirect, handler, login_body, StandIn};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A host that logs in normally and answers every other request with a redirect to `to`.
async fn redirecting_api(status: u16, to: String, login_too: bool) -> StandIn {
    StandIn::start(handler(move |request, socket| {
        let to = to.clone();
        async move {
            let login = request.method == "POST" && request.target.starts_with("/auth?");
            if login && !login_too {
                answer_json(socket, 200, &login_body("refresh-1")).await;
            } else {
                answer_redirect(socket, status, &to).await;
            }
        }
    }))
    .await
}

fn assert_redirect(result: Result<impl std::fmt::Debug, ApiError>, status: u16, target: &str) {
    match result {
        Err(ApiError::Redirect {
            status: s,
            target: t,
            ..
        }) => assert_eq!((s, t.as_str()), (status, target)),
        other => panic!("expected a refused redirect to {target}, got {other:?}"),
    }
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_and_the_other_origin_receives_nothing() {
    let thief = StandIn::start(handler(|_, socket| answer_json(socket, 200, b"{}"))).await;
    for status in [302u16, 307] {
        let to = format!("{}/collect?from=casco", thief.url);
        let api = redirecting_api(status, to, false).await;
        let client = client_for(&api.url, "agent", "parola-secreta", Duration::ZERO);

        // GET with the access token.
        assert_redirect(client.countries(NO_OPTS).await, status, &thief.host_port);
        // POST /offer: the body carries the insurer's password and the client's data.
        let quote = client.quote(&quote_for("grawe"), NO_OPTS).await;
        assert_redirect(quote, status, &thief.host_port);
        // PATCH /auth with `Token: Refresh …`.
        assert_redirect(client.refresh(NO_OPTS).await, status, &thief.host_port);

        // A redirected login: the query holds the password, a Referer would repeat it.
        let api = redirecting_api(status, format!("{}/login", thief.url), true).await;
        let client = client_for(&api.url, "agent", "parola-secreta", Duration::ZERO);
        assert_redirect(client.login(NO_OPTS).await, status, &thief.host_port);
    }
    assert_eq!(thief.connections(), 0, "{:?}", thief.requests());
}

#[tokio::test]
async fn a_redirect_without_a_readable_location_still_stops() {
    let api = StandIn::start(handler(|_, socket| {
        answer_redirect(socket, 301, "http://[::1")
    }))
    .await;
    let client = client_for(&api.url, "agent", "p", Duration::ZERO);
    assert_redirect(client.login(NO_OPTS).await, 301, "unknown");
}

#[test]
fn plain_http_off_loopback_and_credentials_in_the_url_are_refused_before_any_connection() {
    let refused = |url: &str| match ClientConfig::new(url) {
        Err(ApiError::UnsafeBaseUrl(why)) => why,
        other => panic!("{url} accepted: {other:?}"),
    };
    assert_eq!(
        refused("http://casco-qa.api.lifeishard.ro"),
        UnsafeBaseUrl::PlainHttp
    );
    assert_eq!(
        refused("http://10.0.0.7:8457/api"),
        UnsafeBaseUrl::PlainHttp
    );
    assert_eq!(
        refused("https://agent:parola@casco-qa.api.lifeishard.ro"),
        UnsafeBaseUrl::Credentials
    );
    // A config edited after the check is checked again when the client is built, so nothing
    // can ever be sent to it.
    let mut config = ClientConfig::new("https://casco-qa.api.lifeishard.ro").unwrap();
    config.base_url = url::Url::parse("http://casco-qa.api.lifeishard.ro").unwrap();
    assert!(matches!(
        CascoClient::new(config, Credentials::new("a", "p")),
        Err(ApiError::UnsafeBaseUrl(UnsafeBaseUrl::PlainHttp))
    ));
    // Loopback stays usable over http: the Demo sandbox.
    assert!(ClientConfig::new("http://127.0.0.1:8457").is_ok());
}

/// A host whose offer PDF answer is `pdf_len` bytes of PDF, base64 in the envelope.
async fn pdf_host(pdf_len: usize) -> StandIn {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(pdf_len, b'%');
    let content = base64::engine::general_purpose::STANDARD.encode(&pdf);
    let body = Arc::new(
        format!(
            r#"{{"data":{{"files":[{{"type":"offer","mimeType":"application/pdf","name":"o.pdf","content":"{content}"}}]}}}}"#
        )
        .into_bytes(),
    );
    StandIn::start(handler(move |request, socket| {
        let body = body.clone();
        async move {
            if request.target.starts_with("/auth") {
                answer_json(socket, 200, &login_body("r")).await;
            } else {
                answer_json(socket, 200, &body).await;
            }
        }
    }))
    .await
}

#[tokio::test]
async fn a_pdf_over_the_limit_is_refused_and_a_large_one_within_it_is_kept() {
    let limit = casco_api::pdf::MAX_PDF_BYTES as usize;
    // Within the route's body limit, but the decoded file is over the PDF limit.
    let host = pdf_host(limit + 1024).await;
    let client = client_for(&host.url, "a", "p", Duration::ZERO);
    match client.offer_pdf(7, NO_OPTS).await {
        Err(ApiError::Pdf {
            source: PdfError::TooLarge { .. },
            ..
        }) => {}
        other => panic!("expected the PDF refused as too large, got {other:?}"),
    }
    // Far over: the body itself is refused from its Content-Length.
    let host = pdf_host(limit + limit / 4).await;
    let client = client_for(&host.url, "a", "p", Duration::ZERO);
    assert!(matches!(
        client.offer_pdf(7, NO_OPTS).await,
        Err(ApiError::TooLarge {
            operation: "offer_pdf",
            ..
        })
    ));
    // A 2 MiB PDF is an ordinary one.
    let host = pdf_host(2 << 20).await;
    let client = client_for(&host.url, "a", "p", Duration::ZERO);
    assert_eq!(
        client.offer_pdf(7, NO_OPTS).await.unwrap().bytes.len(),
        2 << 20
    );
}

#[tokio::test]
async fn every_rotated_refresh_token_reaches_the_observer_before_it_is_used() {
    let (sandbox, client) = sandbox_and_client(Default::default()).await;
    let remembered: Arc<Mutex<Vec<String>>> = Arc::default();
    let keep = remembered.clone();
    assert!(
        client.observe_refresh_tokens(Arc::new(move |token: Secret<String>| {
            keep.lock().unwrap().push(token.expose().clone());
            Box::pin(async {})
        }))
    );
    client.login(NO_OPTS).await.unwrap();
    client.refresh(NO_OPTS).await.unwrap();
    sandbox.expire_access_tokens();
    client.countries(NO_OPTS).await.unwrap(); // refused once, refreshed, retried
    let seen = remembered.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "login, refresh, refresh after the 403");
    assert_eq!(
        seen.iter().collect::<std::collections::BTreeSet<_>>().len(),
        3,
        "each token is new"
    );
    let live = client.refresh_token().await.unwrap();
    assert_eq!(seen.last(), Some(live.expose()));

    // What was remembered last resumes a new client with no password; an earlier one is spent.
    let next = client_for(sandbox.base_url(), "demo", "wrong", Duration::ZERO);
    next.resume(Secret::new(seen[2].clone()), NO_OPTS)
        .await
        .unwrap();
    assert_eq!(next.stats().logins(), 0);
    let stale = client_for(sandbox.base_url(), "demo", "wrong", Duration::ZERO);
    assert!(stale
        .resume(Secret::new(seen[1].clone()), CallOptions::default())
        .await
        .is_err());
    sandbox.stop().await;
}

//! Misbehaving servers give typed errors, never panics: insurer failure modes from the
//! sandbox, and hand-written bodies from a canned loopback server.

mod common;

use casco_api::{ApiError, CallOptions, CascoClient, PdfError};
use casco_sandbox::{FailureMode, InsurerKnobs, SandboxConfig, SandboxHandle};
use common::{client_for, quote_for, sandbox_and_client, NO_OPTS};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn failing(insurer: &str, failure: FailureMode) -> SandboxConfig {
    let mut config = SandboxConfig::default();
    config.insurers.insert(
        insurer.into(),
        InsurerKnobs {
            latency: None,
            failure: Some(failure),
        },
    );
    config
}

/// Switches uniqa to `failure` and returns the error its next quote gets.
async fn uniqa_quote_error(
    sandbox: &SandboxHandle,
    client: &CascoClient,
    failure: FailureMode,
) -> ApiError {
    sandbox.update_config(|c| c.insurers.get_mut("uniqa").unwrap().failure = Some(failure));
    client
        .quote(&quote_for("uniqa"), NO_OPTS)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn insurer_failure_modes_map_to_typed_errors() {
    let (sandbox, client) = sandbox_and_client(failing("uniqa", FailureMode::MalformedJson)).await;
    let err = uniqa_quote_error(&sandbox, &client, FailureMode::MalformedJson).await;
    assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");

    let err = uniqa_quote_error(&sandbox, &client, FailureMode::ServerError).await;
    assert!(
        matches!(err, ApiError::HttpStatus { status: 502, .. }),
        "{err:?}"
    );

    match uniqa_quote_error(&sandbox, &client, FailureMode::NotEnabled).await {
        ApiError::Rejected { message, .. } => {
            assert!(message.contains("nu este activat"), "{message}")
        }
        other => panic!("unexpected {other:?}"),
    }

    let err = uniqa_quote_error(&sandbox, &client, FailureMode::ValidationError).await;
    assert!(
        matches!(&err, ApiError::Validation { fields, .. } if fields.contains_key("product.vehicle.vin")),
        "{err:?}"
    );

    // Other insurers are unaffected.
    client.quote(&quote_for("generali"), NO_OPTS).await.unwrap();
    sandbox.stop().await;
}

#[tokio::test]
async fn a_hanging_insurer_hits_the_per_call_timeout() {
    let (sandbox, client) = sandbox_and_client(failing("asirom", FailureMode::Hang)).await;
    client.login(NO_OPTS).await.unwrap();
    let started = Instant::now();
    let err = client
        .quote(
            &quote_for("asirom"),
            CallOptions::with_timeout(Duration::from_millis(300)),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Timeout { after, .. } if after == Duration::from_millis(300)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    sandbox.stop().await;
}

#[tokio::test]
async fn latency_knobs_delay_answers() {
    let mut config = SandboxConfig::default();
    config
        .route_latency
        .insert("countries".into(), casco_sandbox::Latency::Fixed(150));
    let (sandbox, client) = sandbox_and_client(config).await;
    client.login(NO_OPTS).await.unwrap();
    let err = client
        .countries(CallOptions::with_timeout(Duration::from_millis(50)))
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    client.countries(NO_OPTS).await.unwrap();
    sandbox.stop().await;
}

#[tokio::test]
async fn an_unreachable_server_is_a_connect_error() {
    // Bind then drop a listener: the port is free and nothing answers on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = client_for(
        &format!("http://127.0.0.1:{port}"),
        "demo",
        "s3cr3t-pw",
        Duration::from_secs(30),
    );
    let err = client.countries(NO_OPTS).await.unwrap_err();
    assert!(matches!(err, ApiError::Connect { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("s3cr3t-pw"));
}

/// A loopback server answering every request with the body `answer` picks for its path
/// (one request per connection); `/auth` always logs in. A request without
/// `Content-Language: ro` is refused, so every test here also checks that header.
async fn canned_server(answer: fn(&str) -> (u16, String)) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = vec![0u8; 16 * 1024];
            let mut read = 0;
            while !buffer[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer[read..]).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => read += n,
                }
            }
            let head = String::from_utf8_lossy(&buffer[..read]).into_owned();
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let romanian = head
                .to_ascii_lowercase()
                .contains("\r\ncontent-language: ro\r\n");
            let (status, body) = if !romanian {
                (
                    400,
                    r#"{"error":true,"status":400,"message":"missing Content-Language: ro"}"#
                        .to_owned(),
                )
            } else if path.starts_with("/auth") {
                (200, r#"{"error":"false","status":"200","data":{"token":"a.b.c","expires_at":"2099-01-01 00:00:00","refresh_token":"r"}}"#.to_owned())
            } else {
                answer(&path)
            };
            let response = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
        }
    });
    base
}

fn files(content: &str) -> (u16, String) {
    (
        200,
        format!(
            r#"{{"data":{{"files":[{{"type":"offer","mimeType":"application/pdf","name":"o.pdf","content":"{content}"}}]}}}}"#
        ),
    )
}

#[tokio::test]
async fn bad_pdfs_and_bad_json_are_typed_errors() {
    let base = canned_server(|path| match path {
        "/offer/1" => files("JVBERi0x%%%"),
        "/offer/2" => files("PGh0bWw+PC9odG1sPg=="), // "<html></html>"
        "/offer/3" => files("JVBERi0xLjQK"),         // "%PDF-1.4\n"
        "/offer/4" => (200, r#"{"data":{"files":[]}}"#.into()),
        "/nomenclature/country" => (
            200,
            r#"{"error":"false","status":"200","data":[{"id":"1","name":"X","#.into(),
        ),
        "/nomenclature/county" => (
            200,
            r#"{"data":[{"code":"CJ","name":"CLUJ","siruta":"o sută"}]}"#.into(),
        ),
        _ => (404, "<html>not found</html>".into()),
    })
    .await;
    let client = client_for(&base, "demo", "demo", Duration::from_secs(30));
    let pdf_error = |e: ApiError| match e {
        ApiError::Pdf { source, .. } => source,
        other => panic!("unexpected {other:?}"),
    };
    assert!(matches!(
        pdf_error(client.offer_pdf(1, NO_OPTS).await.unwrap_err()),
        PdfError::Base64(_)
    ));
    assert!(matches!(
        pdf_error(client.offer_pdf(2, NO_OPTS).await.unwrap_err()),
        PdfError::NotPdf { .. }
    ));
    assert!(client
        .offer_pdf(3, NO_OPTS)
        .await
        .unwrap()
        .bytes
        .starts_with(b"%PDF"));
    assert!(matches!(
        pdf_error(client.offer_pdf(4, NO_OPTS).await.unwrap_err()),
        PdfError::NoFile
    ));
    assert!(matches!(
        client.countries(NO_OPTS).await.unwrap_err(),
        ApiError::Decode { .. }
    ));
    match client.counties(NO_OPTS).await.unwrap_err() {
        ApiError::Decode { path, .. } => assert_eq!(path, "data[0].siruta"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        client.vehicle_makes(NO_OPTS).await.unwrap_err(),
        ApiError::HttpStatus { status: 404, .. }
    ));
}

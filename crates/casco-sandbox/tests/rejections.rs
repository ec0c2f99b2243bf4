//! Every rejection is the vendor's JSON envelope, never a plain-text body: a body over the
//! limit (413), a URI too long (414), unknown paths (404), wrong methods (405) and path
//! parameters that cannot be read (400).

mod common;

use casco_sandbox::SandboxConfig;
use common::{demo_session, get_with_token};
use serde_json::Value;

/// Asserts `response` is the error envelope with `status`, and returns its body.
async fn assert_envelope(response: reqwest::Response, status: u16, what: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "{what}");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{what}: {content_type} {text}"
    );
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: {e}: {text}"));
    assert_eq!(body["error"], true, "{what}: {body}");
    assert_eq!(body["status"], status, "{what}: {body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {body}"
    );
    body
}

#[tokio::test]
async fn a_body_over_the_limit_gets_a_413_envelope() {
    let (sandbox, base, client, jwt) = demo_session().await;
    for path in ["/offer", "/policy", "/vehicle/identification"] {
        let response = client
            .post(format!("{base}{path}"))
            .header("Token", &jwt)
            .header("content-type", "application/json")
            .body(vec![b' '; 3 * 1024 * 1024])
            .send()
            .await
            .unwrap();
        let body = assert_envelope(response, 413, path).await;
        assert!(
            body["message"].as_str().unwrap().contains("2 MiB"),
            "{body}"
        );
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn a_body_declared_over_the_limit_is_refused_before_it_is_sent() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sandbox = casco_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let address = sandbox.base_url().trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /offer HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{",
        3 * 1024 * 1024
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    // The rest of the body never comes: the answer must not wait for it.
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(std::time::Duration::from_secs(5), socket.read(&mut answer))
        .await
        .expect("answered without waiting for the body")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains(r#""status":413"#), "{answer}");
    sandbox.stop().await;
}

#[tokio::test]
async fn a_uri_too_long_unknown_paths_wrong_methods_and_bad_path_values_get_the_envelope() {
    let (sandbox, base, client, jwt) = demo_session().await;

    let long = format!("{base}/nomenclature/country?x={}", "a".repeat(10_000));
    assert_envelope(get_with_token(&client, long, &jwt).await, 414, "10 kB URI").await;
    let long_login = format!("{base}/auth?account=demo&password={}", "a".repeat(9_000));
    let response = client.post(long_login).send().await.unwrap();
    assert_envelope(response, 414, "long login URI").await;
    // A URI under the limit is served as before.
    let fits = format!("{base}/nomenclature/country?x={}", "a".repeat(7_000));
    assert_eq!(get_with_token(&client, fits, &jwt).await.status(), 200);

    let unknown = get_with_token(&client, format!("{base}/no/such/route"), &jwt).await;
    assert_envelope(unknown, 404, "unknown path").await;
    let wrong_method = client.put(format!("{base}/offer")).send().await.unwrap();
    assert_envelope(wrong_method, 405, "PUT /offer").await;
    let wrong_method = client
        .delete(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_envelope(wrong_method, 405, "DELETE /openapi.json").await;

    for (path, field) in [
        ("/offer/%FF", "id"),
        ("/nomenclature/locality/%FF", "county_code"),
        ("/nomenclature/vehicle/model/%C0", "make"),
    ] {
        let response = get_with_token(&client, format!("{base}{path}"), &jwt).await;
        let body = assert_envelope(response, 400, path).await;
        assert_eq!(body["message"], "VALIDATION_ERROR", "{path}: {body}");
        assert!(body["data"][field].is_array(), "{path}: {body}");
    }
    sandbox.stop().await;
}

//! Which refusal a protected request gets when several apply: a body that cannot be read
//! (over the limit) first, then the session, then a path value or a body that cannot be
//! understood. Handlers take the session as an extractor, so this order is the order of
//! their arguments; these tests hold it.

mod common;

use common::demo_session;
use serde_json::Value;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The status and the envelope's message of `response`.
async fn status_and_message(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], true, "{body}");
    (
        status,
        body["message"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn a_refused_session_comes_before_a_body_or_path_value_that_cannot_be_read() {
    let (sandbox, base, client, jwt) = demo_session().await;
    let unreadable_bodies = ["/offer", "/policy", "/vehicle/identification"];
    let unreadable_paths = [
        "/offer/%FF",
        "/nomenclature/locality/%FF",
        "/nomenclature/vehicle/model/%C0",
    ];

    for path in unreadable_bodies {
        let response = client
            .post(format!("{base}{path}"))
            .body("{\"provider\": ")
            .send()
            .await
            .unwrap();
        let answer = status_and_message(response).await;
        assert_eq!(answer, (401, "Lipsește antetul Token.".into()), "{path}");
    }
    for path in unreadable_paths {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        let answer = status_and_message(response).await;
        assert_eq!(answer, (401, "Lipsește antetul Token.".into()), "{path}");
    }

    // An expired session: 403, or the status the knob asks for.
    sandbox.expire_access_tokens();
    for expired_status in [403, 401] {
        sandbox.update_config(|c| c.expired_token_status = expired_status);
        for path in unreadable_bodies {
            let response = client
                .post(format!("{base}{path}"))
                .header("Token", &jwt)
                .body("[1,2]")
                .send()
                .await
                .unwrap();
            let (status, message) = status_and_message(response).await;
            assert_eq!(status, expired_status, "{path}: {message}");
            assert!(message.contains("expirat"), "{path}: {message}");
        }
        for path in unreadable_paths {
            let response = client
                .get(format!("{base}{path}"))
                .header("Token", &jwt)
                .send()
                .await
                .unwrap();
            let (status, message) = status_and_message(response).await;
            assert_eq!(status, expired_status, "{path}: {message}");
        }
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_read_and_refused_with_413_before_the_session_is_checked() {
    let (sandbox, base, _, _) = demo_session().await;
    let address = base.trim_start_matches("http://").to_owned();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    // Chunked, so no Content-Length lets the limit refuse it before it is read: 2 MiB in
    // 64 KiB chunks, then one byte over, then the last chunk. No Token header at all.
    let mut request = format!(
        "POST /offer HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..32 {
        request.extend_from_slice(b"10000\r\n");
        request.extend(std::iter::repeat_n(b' ', 0x10000));
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"1\r\n \r\n0\r\n\r\n");
    let (mut reader, mut writer) = socket.split();
    let (written, answer) = tokio::time::timeout(Duration::from_secs(10), async {
        let write = writer.write_all(&request);
        let mut answer = vec![0; 4096];
        let read = async {
            let n = reader.read(&mut answer).await?;
            Ok::<_, std::io::Error>(String::from_utf8_lossy(&answer[..n]).into_owned())
        };
        tokio::join!(write, read)
    })
    .await
    .expect("answered");
    written.expect("the whole body was read");
    let answer = answer.unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains(r#""status":413"#), "{answer}");
    sandbox.stop().await;
}

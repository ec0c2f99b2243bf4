//! A hostile host cannot drive the agent's terminal: control characters in the text it sends
//! (an ANSI colour, a carriage return that rewrites the line, a bell, a C1 CSI) reach stdout
//! and stderr escaped, as visible `\u{1b}`-style text, never raw.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Output};

/// What the stand-in answers: status and body, by method and path.
fn answer(method: &str, target: &str) -> (u16, String) {
    let login = r#"{"error":"false","status":"200","data":{"token":"a.b.c","expires_at":"2099-01-01 00:00:00","refresh_token":"r"}}"#;
    match (method, target.split('?').next().unwrap_or_default()) {
        ("POST", "/auth") if target.contains("account=refused") => (
            401,
            r#"{"error":true,"status":401,"message":"\u001b[5mBLINK\u0007","data":[]}"#.into(),
        ),
        ("POST", "/auth") => (200, login.into()),
        ("GET", "/nomenclature/country") => (
            400,
            r#"{"error":true,"status":400,"message":"\u001b[31mRED\r","data":[]}"#.into(),
        ),
        ("GET", "/nomenclature/county") => (
            200,
            r#"{"error":"false","status":"200","data":[{"code":"CJ","name":"CLUJ\u001b[31m\u009b2J\u007f\u202eX","siruta":1}]}"#.into(),
        ),
        ("POST", "/offer") => (
            400,
            r#"{"error":true,"status":400,"message":"VALIDATION_ERROR","data":{"product.\u001b]0;title\u0007":["bad\u001b[2J\r\bX"]}}"#.into(),
        ),
        _ => (404, r#"{"error":true,"status":404,"message":"nu","data":[]}"#.into()),
    }
}

/// Answers one request on `stream` (one request per connection).
fn serve(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap(), parts.next().unwrap());
    let (status, body) = answer(method, target);
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = stream;
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
}

/// Starts the stand-in on a free loopback port; it lives as long as the test process.
fn stand_in() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    url
}

fn casco(base_url: &str, account: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casco"))
        .args([
            "--base-url",
            base_url,
            "--account",
            account,
            "--password",
            "pw",
        ])
        .args(args)
        .env_remove("CASCO_PASSWORD")
        .output()
        .unwrap()
}

/// The characters a terminal acts on (C0 but the newline the CLI writes itself, DEL, C1)
/// and bidi overrides, found raw in `text`.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && *c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Runs a command that must fail, and returns its stderr after checking no raw control
/// character is in it.
fn failing_stderr(base_url: &str, account: &str, args: &[&str]) -> String {
    let output = casco(base_url, account, args);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(raw_controls(&stderr), [], "{stderr:?}");
    stderr
}

#[test]
fn server_messages_reach_stderr_with_control_characters_escaped() {
    let url = stand_in();
    let stderr = failing_stderr(&url, "demo", &["countries"]);
    assert!(stderr.contains(r"\u{1b}[31mRED\r"), "{stderr:?}");

    let stderr = failing_stderr(&url, "refused", &["countries"]);
    assert!(stderr.contains(r"\u{1b}[5mBLINK\u{7}"), "{stderr:?}");

    let quote = format!(
        "{}/../casco-api/tests/fixtures/quote_request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let stderr = failing_stderr(&url, "demo", &["quote", &quote]);
    assert!(
        stderr.contains(r"product.\u{1b}]0;title\u{7}: bad\u{1b}[2J\r\u{8}X"),
        "{stderr:?}"
    );
}

#[test]
fn json_on_stdout_carries_no_raw_control_characters() {
    let url = stand_in();
    let output = casco(&url, "demo", &["counties"]);
    assert!(output.status.success(), "{:?}", output.stderr);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(raw_controls(&stdout), [], "{stdout:?}");
    // Still the same JSON: the escapes decode to the server's text.
    let counties: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(counties[0]["name"], "CLUJ\u{1b}[31m\u{9b}2J\u{7f}\u{202e}X");
}

//! Hostile stand-in hosts for the transport tests: a tiny HTTP/1.1 server on 127.0.0.1 that
//! records every connection and request and answers with whatever the test scripts, including
//! redirects, oversized and endless bodies. One request per connection (`Connection: close`).

#![allow(dead_code)] // each test binary uses a different part of this module

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the stand-in received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path and query as sent.
    pub target: String,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body (by Content-Length).
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the test does with one request: write any answer to the socket.
pub type Handler =
    Arc<dyn Fn(Recorded, TcpStream) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// A running stand-in host.
pub struct StandIn {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// `127.0.0.1:<port>`, as a redirect error names it.
    pub host_port: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl StandIn {
    /// Starts a host that hands every request to `handler`.
    pub async fn start(handler: Handler) -> StandIn {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (c, r) = (connections.clone(), requests.clone());
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                c.fetch_add(1, Ordering::SeqCst);
                let (r, handler) = (r.clone(), handler.clone());
                tokio::spawn(async move {
                    if let Some(request) = read_request(&mut socket).await {
                        r.lock().unwrap().push(request.clone());
                        handler(request, socket).await;
                    }
                });
            }
        });
        StandIn {
            url: format!("http://{addr}"),
            host_port: addr.to_string(),
            connections,
            requests,
        }
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

/// Wraps an async closure as a [`Handler`].
pub fn handler<F, Fut>(f: F) -> Handler
where
    F: Fn(Recorded, TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    Arc::new(move |r, s| Box::pin(f(r, s)))
}

/// Writes a complete answer with a JSON body and closes.
pub async fn answer_json(mut socket: TcpStream, status: u16, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.write_all(body).await;
    let _ = socket.shutdown().await;
}

/// Writes a redirect to `location` and closes.
pub async fn answer_redirect(mut socket: TcpStream, status: u16, location: &str) {
    let head = format!(
        "HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.shutdown().await;
}

/// A login answer with short, valid-looking tokens.
pub fn login_body(refresh: &str) -> Vec<u8> {
    format!(
        r#"{{"error":false,"status":200,"data":{{"token":"jwt-{refresh}","expires_at":"2099-01-01 00:00:00","refresh_token":"{refresh}"}}}}"#
    )
    .into_bytes()
}

/// How a large body is framed on the wire.
#[derive(Debug, Clone, Copy)]
pub enum Framing {
    /// `Content-Length: <total>` announced up front.
    Announced,
    /// No length: the body ends when the connection closes.
    UntilClose,
    /// `Transfer-Encoding: chunked`.
    Chunked,
}

/// Streams `total` bytes of JSON-ish filler (`None`: forever) from one reused buffer, so the
/// stand-in itself allocates nothing that grows with the body.
pub async fn answer_flood(mut socket: TcpStream, framing: Framing, total: Option<u64>) {
    let length = match (framing, total) {
        (Framing::Announced, Some(n)) => format!("Content-Length: {n}\r\n"),
        (Framing::Chunked, _) => "Transfer-Encoding: chunked\r\n".into(),
        _ => String::new(),
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}Connection: close\r\n\r\n"
    );
    if socket.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    static BLOCK: [u8; 64 * 1024] = [b' '; 64 * 1024];
    let chunk_head = format!("{:x}\r\n", BLOCK.len());
    let mut sent = 0u64;
    while total.is_none_or(|t| sent < t) {
        let ok = match framing {
            Framing::Chunked => {
                socket.write_all(chunk_head.as_bytes()).await.is_ok()
                    && socket.write_all(&BLOCK).await.is_ok()
                    && socket.write_all(b"\r\n").await.is_ok()
            }
            _ => socket.write_all(&BLOCK).await.is_ok(),
        };
        if !ok {
            return; // the client hung up: what a correct client does
        }
        sent += BLOCK.len() as u64;
    }
    if matches!(framing, Framing::Chunked) {
        let _ = socket.write_all(b"0\r\n\r\n").await;
    }
    let _ = socket.shutdown().await;
}

async fn read_request(socket: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1024];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        let n = socket.read(&mut byte).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&byte[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let (method, target) = (start.next()?.to_owned(), start.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut byte).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&byte[..n]);
    }
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

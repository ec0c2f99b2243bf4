//! One HTTP exchange with CascoApi under the transport rules: https off loopback, no redirects
//! and no Referer, the system proxy (never for loopback), and a size limit per route checked
//! against Content-Length and again while the body streams in.
//!
//! reqwest is built without gzip/brotli/deflate, so a body is never inflated beyond what was
//! counted against the limit.

use crate::endpoint::{check_base_url, is_loopback};
use crate::error::ApiError;
use crate::routes::{Method, Route};
use crate::Secret;
use reqwest::header::{HeaderMap, HeaderValue};
use std::time::{Duration, Instant};

/// Which `Token` header a request carries.
pub(crate) enum TokenHeader<'a> {
    None,
    Access(&'a Secret<String>),
    Refresh(&'a Secret<String>),
}

/// A complete answer: its HTTP status and a body within the route's limit.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// What one request sends besides the route: path parameters, query, body and token.
pub(crate) struct Outgoing<'a> {
    pub params: &'a [&'a str],
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<&'a [u8]>,
    pub token: TokenHeader<'a>,
}

/// The HTTP side of a client: one connection pool for one base URL.
pub(crate) struct Transport {
    http: reqwest::Client,
    base_url: url::Url,
    connect_timeout: Duration,
}

/// Installs ring as the process's TLS provider, once (reqwest is built without a provider of
/// its own; see Cargo.toml). Anything else that builds a reqwest client in this process (tests
/// talking to the sandbox) calls this first.
pub fn install_tls_provider() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // Err only when a provider is installed already: that one serves.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Transport {
    /// A transport for `base_url`, which must pass [`check_base_url`].
    pub fn new(base_url: url::Url, connect_timeout: Duration) -> Result<Transport, ApiError> {
        check_base_url(&base_url)?;
        install_tls_provider();
        let loopback = is_loopback(&base_url);
        let mut headers = HeaderMap::new();
        // Romanian messages from the API, for agents.
        headers.insert("Content-Language", HeaderValue::from_static("ro"));
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(connect_timeout)
            .user_agent(concat!("casco-desk/", env!("CARGO_PKG_VERSION")))
            // A followed redirect would hand the next origin the token, the request body
            // (insurer passwords, the client's data) or, on login, the password in the query.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .https_only(!loopback);
        if loopback {
            // The Demo sandbox is on this machine: an agency proxy could not reach it.
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| ApiError::InvalidRequest(format!("HTTP client: {}", e.without_url())))?;
        Ok(Transport {
            http,
            base_url,
            connect_timeout,
        })
    }

    /// One HTTP exchange. Errors never carry the URL: the login URL holds the password.
    pub async fn send(&self, route: &Route, out: Outgoing<'_>) -> Result<Answer, ApiError> {
        let url = route
            .url(&self.base_url, out.params)
            .map_err(ApiError::InvalidRequest)?;
        let mut request = self.http.request(method(route.method), url);
        if !out.query.is_empty() {
            request = request.query(out.query);
        }
        request = match out.token {
            TokenHeader::None => request,
            TokenHeader::Access(jwt) => request.header("Token", jwt.expose().as_str()),
            TokenHeader::Refresh(refresh) => {
                request.header("Token", format!("Refresh {}", refresh.expose()))
            }
        };
        if let Some(body) = out.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec());
        }
        let started = Instant::now();
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(route.name, e))?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            return Err(redirect_error(route.name, &response));
        }
        let body = self.read_body(route, response).await?;
        tracing::debug!(
            operation = route.name,
            status,
            bytes = body.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "CascoApi"
        );
        Ok(Answer { status, body })
    }

    /// The body, refused as soon as it is known to exceed the route's limit: from
    /// Content-Length before reading, else while the chunks arrive.
    async fn read_body(
        &self,
        route: &Route,
        mut response: reqwest::Response,
    ) -> Result<Vec<u8>, ApiError> {
        let limit = route.max_body;
        let too_large = || ApiError::TooLarge {
            operation: route.name,
            limit,
        };
        let announced = response.content_length();
        if announced.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(announced.unwrap_or(0) as usize);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(route.name, e))?
        {
            let len = body.len() + chunk.len();
            if len as u64 > limit {
                return Err(too_large());
            }
            if len > body.capacity() {
                // Double as Vec would, but never past the limit: the peak stays bounded by it.
                let target = (body.capacity() * 2).max(len).min(limit as usize);
                body.reserve_exact(target - body.len());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Classifies a reqwest failure; only connecting has a transport-level timeout (the
    /// whole-call timeout is applied around the call).
    fn transport_error(&self, operation: &'static str, e: reqwest::Error) -> ApiError {
        let source = e.without_url();
        if source.is_timeout() {
            ApiError::Timeout {
                operation,
                after: self.connect_timeout,
            }
        } else if source.is_connect() {
            ApiError::Connect { operation, source }
        } else {
            ApiError::Transport { operation, source }
        }
    }
}

fn method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// A 3xx as an error naming only the host it pointed to (its path or query may carry
/// anything, including what was just sent).
fn redirect_error(operation: &'static str, response: &reqwest::Response) -> ApiError {
    let target = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| response.url().join(location).ok())
        .and_then(|url| {
            let host = url.host_str()?.to_owned();
            Some(match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host,
            })
        })
        .unwrap_or_else(|| "unknown".into());
    ApiError::Redirect {
        operation,
        status: response.status().as_u16(),
        target,
    }
}

//! Whether CascoApi answers at all, for the offline indicator: one real HTTP round trip
//! through the same transport as every call (system proxy, TLS, no redirects), needing no
//! session. A TCP connect would read "offline" behind an agency proxy, and "online" for a
//! host whose TLS or HTTP is broken.

use crate::error::ApiError;
use crate::routes;
use crate::transport::{Outgoing, TokenHeader, Transport};
use crate::ClientConfig;
use std::time::Duration;

/// A reusable probe of one base URL.
pub struct Probe {
    transport: Transport,
}

impl Probe {
    /// A probe for the API at `config.base_url` (checked like a client's).
    pub fn new(config: &ClientConfig) -> Result<Probe, ApiError> {
        let transport = Transport::new(config.base_url.clone(), config.connect_timeout)?;
        Ok(Probe { transport })
    }

    /// True when the API answered within `timeout`: an unauthenticated GET of the country list,
    /// which a live API refuses with 401/403 in a few bytes. A gateway error (502–504) is an
    /// agency proxy or load balancer speaking for an API it cannot reach: offline.
    pub async fn answers(&self, timeout: Duration) -> bool {
        let out = Outgoing {
            params: &[],
            query: &[],
            body: None,
            token: TokenHeader::None,
        };
        let sent = self.transport.send(&routes::COUNTRIES, out);
        match tokio::time::timeout(timeout, sent).await {
            Ok(Ok(answer)) => !matches!(answer.status, 502..=504),
            Ok(Err(e)) => {
                tracing::debug!(error = %e, "probe: no usable answer");
                false
            }
            Err(_) => false,
        }
    }
}

//! Talking to the sandbox as the app does: a client for the demo account and each insurer
//! asked with its demo provider credentials. Shared by the sandbox tests and the benchmarks
//! (included with `#[path]`).
#![allow(dead_code)] // each crate uses a different subset

use std::sync::Arc;

use casco_api::insurers::Insurer;
use casco_api::{CascoClient, ClientConfig, Credentials, Secret};
use casco_core::insurers::ProviderCredentials;
use casco_core::quote::fanout::InsurerCall;

/// A client for the sandbox's demo/demo account; it logs in on its first call.
pub fn demo_client(base_url: &str) -> Arc<CascoClient> {
    Arc::new(
        CascoClient::new(
            ClientConfig::new(base_url).expect("base URL"),
            Credentials::new("demo", "demo"),
        )
        .expect("client"),
    )
}

/// `insurer` switched on, with the sandbox's demo provider credentials.
pub fn demo_call(insurer: &'static Insurer) -> InsurerCall {
    let (account, password) = casco_sandbox::demo_provider_credentials(&insurer.key);
    InsurerCall {
        insurer,
        credentials: Some(ProviderCredentials {
            account,
            password: Secret::new(password),
            code: String::new(),
        }),
        enabled: true,
    }
}

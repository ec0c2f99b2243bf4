//! Talking to the sandbox as the app does: a client for the demo account and each insurer
//! asked with its demo provider credentials. Shared by the sandbox tests and the benchmarks
//! (included with `#[path]`).
#![allow(dead_code)] // each crate uses a different subset

use std::sync::Arc;

use casco_api::insurers::Insurer;
use casco_api::{CallOptions, CascoClient, ClientConfig, Credentials, Secret};
use casco_core::insurers::ProviderCredentials;
use casco_core::quote::fanout::InsurerCall;
use casco_sandbox::{SandboxConfig, SandboxHandle};

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

/// [`demo_client`], logged in before it is handed back.
pub async fn logged_in_demo_client(base_url: &str) -> Arc<CascoClient> {
    let client = demo_client(base_url);
    client
        .login(CallOptions::default())
        .await
        .expect("demo/demo logs in");
    client
}

/// A sandbox on loopback with `config`, and a [`demo_client`] for it (not logged in yet).
pub async fn demo_sandbox(config: SandboxConfig) -> (SandboxHandle, Arc<CascoClient>) {
    let sandbox = casco_sandbox::start(config)
        .await
        .expect("sandbox starts on loopback");
    let client = demo_client(sandbox.base_url());
    (sandbox, client)
}

/// `insurer` switched on, with the sandbox's demo provider credentials.
pub fn demo_call(insurer: &'static Insurer) -> InsurerCall {
    let (account, password) = casco_sandbox::demo_provider_credentials(&insurer.key);
    InsurerCall {
        insurer,
        credentials: Some(ProviderCredentials {
            account,
            password: Secret::new(password),
            code: Secret::new(String::new()),
        }),
        enabled: true,
    }
}

//! What the API answers, as the store keeps it, for tests that record quote calls by hand
//! (included with `#[path]`).
#![allow(dead_code)] // each test crate uses a different subset

use casco_core::store::{CallAnswer, CallFailure, Reply};

/// A 200 answer carrying `offers` (API-shaped JSON objects), received in `elapsed_ms`.
pub fn offered(offers: &[serde_json::Value], elapsed_ms: u32) -> CallAnswer {
    let data = serde_json::json!({
        "provider": {"organization": {"businessName": "x"}},
        "product": {"name": "casco"},
        "offers": offers,
    });
    let body = serde_json::json!({"error": false, "status": 200, "data": data});
    CallAnswer {
        reply: Reply::Received {
            status: 200,
            body: body.to_string(),
        },
        elapsed_ms,
    }
}

/// No answer: the host could not be reached.
pub fn unreachable() -> CallAnswer {
    CallAnswer {
        reply: Reply::Failed(CallFailure::CannotConnect),
        elapsed_ms: 3,
    }
}

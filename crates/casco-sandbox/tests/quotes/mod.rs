//! A quote body the sandbox accepts, and posting it; shared by the tests that quote.

use serde_json::Value;

/// A quote body the sandbox accepts for Asirom (its one extra field is the bonus-malus class).
pub fn asirom_quote() -> Value {
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(2);
    let (account, password) = casco_sandbox::demo_provider_credentials("asirom");
    serde_json::json!({
        "provider": {
            "organization": {"businessName": "asirom"},
            "authentication": {"account": account, "password": password}
        },
        "product": {
            "name": "casco",
            "motor": {"startDate": start.to_string(), "termTime": 12, "installmentCount": 1, "currency": "RON"},
            "policyholder": {
                "isLegalEntity": "false", "taxId": "1900101400012",
                "address": {"county": "CJ", "city": "Cluj-Napoca"}
            },
            "vehicle": {
                "brand": "Dacia", "model": "Logan", "vehicleType": "M1",
                "yearOfConstruction": 2020, "marketValue": 9000
            },
            "additionalData": {"vehicle": {"user": {"bonusMalusClass": "B0"}}}
        }
    })
}

/// POST /offer with `body` under `token`: the status and the answer.
pub async fn post_quote(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    body: &Value,
) -> (u16, Value) {
    let response = client
        .post(format!("{base}/offer"))
        .header("Token", token)
        .json(body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

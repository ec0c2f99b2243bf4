//! Offers and policies belong to the account that made them: another account gets the
//! answer it would get for an offer or policy that does not exist.

mod common;
mod quotes;

use casco_sandbox::{Account, SandboxConfig};
use common::{get_with_token, login};
use quotes::{asirom_quote, post_quote};
use serde_json::{json, Value};

/// Two agents on one sandbox, each with a session.
struct Agents {
    sandbox: casco_sandbox::SandboxHandle,
    base: String,
    client: reqwest::Client,
    owner: String,
    other: String,
}

async fn two_agents() -> Agents {
    let account = |name: &str| Account {
        account: name.into(),
        password: format!("{name}-pw"),
        locked: false,
    };
    let sandbox = casco_sandbox::start(SandboxConfig {
        accounts: vec![account("owner"), account("other")],
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let base = sandbox.base_url().to_owned();
    let client = common::http();
    let owner = login(&client, &base, "owner", "owner-pw").await.0;
    let other = login(&client, &base, "other", "other-pw").await.0;
    Agents {
        sandbox,
        base,
        client,
        owner,
        other,
    }
}

impl Agents {
    async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        let response = get_with_token(&self.client, format!("{}{path}", self.base), token).await;
        (response.status().as_u16(), response.json().await.unwrap())
    }

    async fn issue(&self, offer: &Value, token: &str) -> (u16, Value) {
        let body = json!({
            "offerId": offer["offerId"],
            "payment": {"method": "pos", "currency": offer["currency"], "amount": offer["premiumAmount"],
                        "date": chrono::Utc::now().date_naive().to_string()}
        });
        let response = self
            .client
            .post(format!("{}/policy", self.base))
            .header("Token", token)
            .json(&body)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }
}

/// The 404 envelope of an offer that does not exist.
fn no_such_offer(id: u64) -> Value {
    json!({"error": true, "status": 404, "message": format!("Oferta {id} nu există."), "data": []})
}

#[tokio::test]
async fn another_account_can_neither_read_nor_issue_an_offer() {
    let agents = two_agents().await;
    let (status, quoted) =
        post_quote(&agents.client, &agents.base, &agents.owner, &asirom_quote()).await;
    assert_eq!(status, 200, "{quoted}");
    let offer = quoted["data"]["offers"][0].clone();
    let id = offer["offerId"].as_u64().unwrap();

    // The other account reads the same as for an id nobody has.
    let (status, body) = agents.get(&format!("/offer/{id}"), &agents.other).await;
    assert_eq!((status, &body), (404, &no_such_offer(id)));
    let (status, body) = agents
        .get(&format!("/offer/{}", id + 1), &agents.owner)
        .await;
    assert_eq!((status, &body), (404, &no_such_offer(id + 1)));
    let (status, body) = agents.issue(&offer, &agents.other).await;
    assert_eq!((status, &body), (404, &no_such_offer(id)));

    // The owner still reads and issues it; the other's attempt issued nothing.
    let (status, body) = agents.get(&format!("/offer/{id}"), &agents.owner).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["files"][0]["type"], "offer");
    let (status, issued) = agents.issue(&offer, &agents.owner).await;
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["data"]["policies"][0]["policyId"], 1);

    // Once issued, the other account still cannot get the policy by issuing again.
    let (status, body) = agents.issue(&offer, &agents.other).await;
    assert_eq!((status, &body), (404, &no_such_offer(id)));
    agents.sandbox.stop().await;
}

#[tokio::test]
async fn another_account_cannot_fetch_a_policy_pdf() {
    let agents = two_agents().await;
    let (_, quoted) =
        post_quote(&agents.client, &agents.base, &agents.owner, &asirom_quote()).await;
    let offer = quoted["data"]["offers"][0].clone();
    let (status, issued) = agents.issue(&offer, &agents.owner).await;
    assert_eq!(status, 200, "{issued}");
    let policy = &issued["data"]["policies"][0];
    let (series, number) = (
        policy["series"].as_str().unwrap(),
        policy["number"].as_str().unwrap(),
    );
    let path = format!("/policy?series={series}&number={number}");

    let (status, body) = agents.get(&path, &agents.other).await;
    let missing = format!("Polița {series} {number} nu există.");
    assert_eq!(
        (status, &body),
        (
            404,
            &json!({"error": true, "status": 404, "message": missing, "data": []})
        )
    );
    let (status, body) = agents.get(&path, &agents.owner).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["files"][0]["type"], "policy");
    agents.sandbox.stop().await;
}

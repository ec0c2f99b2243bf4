//! Behaviour knobs of the sandbox: a JSON file for the binary, a struct for tests; both
//! can change while the server runs (see [`crate::SandboxHandle::update_config`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Everything the sandbox can be told to do differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SandboxConfig {
    /// Accounts that may log in (default: `demo` / `demo`).
    pub accounts: Vec<Account>,
    /// Lifetime of access tokens (JWT `exp`), in seconds.
    pub token_lifetime_secs: u64,
    /// Lifetime of refresh tokens, in seconds.
    pub refresh_lifetime_secs: u64,
    /// HTTP status for an expired or revoked access token: 403 (default) or 401.
    pub expired_token_status: u16,
    /// Which field names nomenclatures use.
    pub nomenclature_spelling: NomenclatureSpelling,
    /// RON per EUR for EUR offers.
    #[serde(with = "decimal_text")]
    pub exchange_rate: Decimal,
    /// Days an offer can be issued after it is made.
    pub offer_validity_days: u32,
    /// Extra latency per route name (see `casco_api::routes`), e.g. `"countries": 200`.
    pub route_latency: BTreeMap<String, Latency>,
    /// Per-insurer behaviour, by insurer key.
    pub insurers: BTreeMap<String, InsurerKnobs>,
    /// Nomenclature lists that fail instead of answering, keyed like casco-core's sync parts:
    /// `"countries"`, `"counties"`, `"makes"`, `"localities:CJ"`, `"models:dacia"`, or
    /// `"localities:*"` / `"models:*"` for every county or make. Codes and make names match
    /// as the routes match them (case-insensitively). For these routes `serverError` is an
    /// HTTP 500 error envelope (the vendor's own failure, not a gateway page).
    pub nomenclature_failures: BTreeMap<String, FailureMode>,
    /// Refuse every access token as expired (a session that can never be used).
    pub reject_all_tokens: bool,
    /// Exact length, in characters, of the refresh tokens the sandbox issues (between
    /// [`REFRESH_TOKEN_LENGTHS`]' bounds); `None` issues the default `rt-` + 43 characters.
    /// Lets a client meet a long refresh token (a real JWT one) that must still fit where
    /// it stores it. Long tokens stay unique, single-use and rotating.
    #[serde(deserialize_with = "refresh_token_length")]
    pub refresh_token_length: Option<usize>,
    /// How this host reads the locality list's county parameter: plate codes ("CJ", the
    /// default, as the published sample) or the county's SIRUTA code (as the published
    /// parameter type). The other reading answers an empty list.
    pub county_parameter: casco_api::model::CountyParameter,
    /// Failures of the document and issuing routes, by route name (`issue_policy`,
    /// `offer_pdf`, `policy_pdf`). On `issue_policy`, `hang` books the policy and then never
    /// answers: the worst case for a client that must issue exactly once.
    pub route_failures: BTreeMap<String, RouteFailure>,
    /// A file that keeps the offers and policies across restarts (the Demo environment keeps
    /// its book in the app's data folder, so yesterday's offers can still be issued).
    pub book_file: Option<std::path::PathBuf>,
    /// Seals the book file (the app's Demo: it holds what the agent typed); not configurable
    /// from a file.
    #[serde(skip)]
    pub book_cipher: crate::book_file::BookCipherSlot,
    /// A file that gets one JSON line per request (`{"route": "offer_pdf"}`), for tests that
    /// count calls to a sandbox running inside another process. Each POST /offer that reaches
    /// its insurer also gets a line with what it asked to renew (`{"payload": "quote",
    /// "insurer": "asirom", "renewPolicy": {...} or null}`), and each policy newly booked a
    /// line `{"booked": "policy", "offerId": …}`: no personal data.
    pub request_log: Option<std::path::PathBuf>,
    /// Length of every offer's cover in days (its `endDate` is `startDate` + N − 1), instead
    /// of the months the request asks for; the price still follows `termTime`. Lets a test
    /// issue a policy that ends on a day it chooses (Reînnoiri).
    pub policy_days: Option<u32>,
    /// How many offers that were never issued the sandbox keeps, the newest ones (default
    /// [`DEFAULT_UNISSUED_OFFERS_KEPT`], at least 1); offers issued as policies are always
    /// kept. Once more are made the oldest is forgotten, and then answers as an offer never
    /// made. Lets a test reach the cap in a few quotes.
    #[serde(deserialize_with = "unissued_offers_kept")]
    pub unissued_offers_kept: usize,
}

/// The offers never issued that the sandbox remembers by default
/// ([`SandboxConfig::unissued_offers_kept`]).
///
/// Why 500: it is 50 quotes of Demo's ten insurers, a day and a half to two days for an agent
/// quoting 30 clients a day and weeks for one trying Demo on a few, so a client who comes
/// back the next day to sign finds their offer issuable. Each offer costs the sandbox about
/// 2 KiB of memory and 1.4 KiB of sealed book file, so Demo's book stays near 1 MiB and a
/// 0.7 MB file however long the app runs (measured with the soak bench); keeping every offer
/// grew the app by 70 KiB per quote of ten insurers, without end.
///
/// What the agent sees for an offer forgotten this way: what a host answers for an offer it
/// never made (404 "Oferta N nu există.") when they download its PDF or issue it, shown as
/// the server's refusal; they quote the client again. The desk's own copy of the offer, its
/// comparison and any PDF already downloaded stay. Issued offers are never forgotten: their
/// policy's PDF is downloaded again later. Only Demo is concerned: a real host keeps its own.
pub const DEFAULT_UNISSUED_OFFERS_KEPT: usize = 500;

/// Reads `unissuedOffersKept`, refusing 0: the offer just made must stay issuable, and a
/// config file asking for none fails at start rather than at the first issue.
fn unissued_offers_kept<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    match usize::deserialize(d)? {
        0 => Err(serde::de::Error::custom(
            "unissuedOffersKept must be at least 1",
        )),
        kept => Ok(kept),
    }
}

/// A route that fails, for its first `times` requests (every request when absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RouteFailure {
    /// How it fails.
    pub failure: RouteFailureMode,
    /// How many requests fail before the route answers normally again.
    #[serde(default)]
    pub times: Option<u64>,
}

/// The refresh token lengths [`SandboxConfig::refresh_token_length`] accepts: from 16
/// characters (96 random bits, never guessed) to 16 KiB (beyond it no proxy would pass the
/// `Token` header).
pub const REFRESH_TOKEN_LENGTHS: std::ops::RangeInclusive<usize> = 16..=16_384;

/// Reads `refreshTokenLength`, refusing a length outside [`REFRESH_TOKEN_LENGTHS`] so a
/// config file with a useless value fails at start instead of at the first login.
fn refresh_token_length<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    let length = Option::<usize>::deserialize(d)?;
    match length {
        Some(n) if !REFRESH_TOKEN_LENGTHS.contains(&n) => Err(serde::de::Error::custom(format!(
            "refreshTokenLength must be between {} and {}, not {n}",
            REFRESH_TOKEN_LENGTHS.start(),
            REFRESH_TOKEN_LENGTHS.end()
        ))),
        _ => Ok(length),
    }
}

impl SandboxConfig {
    /// Reads a config file (the `--config` format); the error names the file.
    pub fn from_file(path: &std::path::Path) -> Result<Self, String> {
        let shown = path.display();
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        serde_json::from_str(&text).map_err(|e| format!("invalid config {shown}: {e}"))
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            accounts: vec![Account {
                account: "demo".into(),
                password: "demo".into(),
                locked: false,
            }],
            token_lifetime_secs: 900,
            refresh_lifetime_secs: 86_400,
            expired_token_status: 403,
            nomenclature_spelling: NomenclatureSpelling::Observed,
            exchange_rate: Decimal::from_str("4.97").unwrap_or(Decimal::ONE),
            offer_validity_days: 30,
            route_latency: BTreeMap::new(),
            insurers: BTreeMap::new(),
            nomenclature_failures: BTreeMap::new(),
            reject_all_tokens: false,
            refresh_token_length: None,
            county_parameter: casco_api::model::CountyParameter::PlateCode,
            route_failures: BTreeMap::new(),
            book_file: None,
            book_cipher: Default::default(),
            request_log: None,
            policy_days: None,
            unissued_offers_kept: DEFAULT_UNISSUED_OFFERS_KEPT,
        }
    }
}

/// A CascoApi account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Account name.
    pub account: String,
    /// Password.
    pub password: String,
    /// Locked by the vendor: the right password is refused with "Contul este blocat."
    #[serde(default)]
    pub locked: bool,
}

/// Field names of nomenclature answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NomenclatureSpelling {
    /// As the published page: `county_code`, `nume`, `cod_judet`, `cod_siruta`, codes as strings.
    Published,
    /// As the API answers in practice: `code`, `name`, `countyCode`, `siruta`, `rang`, numbers.
    Observed,
}

/// Added latency: a fixed number of milliseconds, or a range walked deterministically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Latency {
    /// Always this many milliseconds.
    Fixed(u64),
    /// Between `minMs` and `maxMs`; the n-th request gets a value fixed by n.
    #[serde(rename_all = "camelCase")]
    Range {
        /// Lower bound (ms).
        min_ms: u64,
        /// Upper bound (ms).
        max_ms: u64,
    },
}

impl Latency {
    /// Milliseconds for the `n`-th request (same n, same answer).
    pub fn millis(&self, n: u64) -> u64 {
        match *self {
            Latency::Fixed(ms) => ms,
            Latency::Range { min_ms, max_ms } if max_ms > min_ms => {
                // splitmix64 of n: well spread and reproducible.
                let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                min_ms + z % (max_ms - min_ms + 1)
            }
            Latency::Range { min_ms, .. } => min_ms,
        }
    }
}

/// How one insurer behaves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct InsurerKnobs {
    /// Latency of this insurer's quotes and policies.
    pub latency: Option<Latency>,
    /// A failure to simulate instead of answering.
    pub failure: Option<FailureMode>,
}

/// Ways an insurer (or a nomenclature list, see [`SandboxConfig::nomenclature_failures`]) fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FailureMode {
    /// Never answers (the client's timeout must fire).
    Hang,
    /// 502 with a non-JSON body, as a gateway in front of the insurer would.
    ServerError,
    /// 200 with a truncated JSON body.
    MalformedJson,
    /// VALIDATION_ERROR on a field the insurer checks itself (the VIN).
    ValidationError,
    /// The insurer is not enabled for this broker account.
    NotEnabled,
    /// The session token runs out while the batch is in flight. The first request for this
    /// insurer (or nomenclature list) that carries a valid access token makes that token
    /// expire server-side: it is revoked, so it and every later request presenting it, for
    /// any insurer or route, is refused like any expired token (403, or
    /// [`SandboxConfig::expired_token_status`]). The refresh token stays valid, so the
    /// client's one refresh succeeds and its retry gets the normal answer.
    ///
    /// A server that checks the token when a request arrives cannot otherwise show an expiry
    /// in the middle of a batch whose calls all carry the same token: the calls that arrived
    /// before it go through, those after it are refused, and the client must renew once for
    /// all of them. The knob fires once, so it never loops: after it fires, this insurer
    /// answers normally and tokens minted later are never expired by it. Setting the knob
    /// again (after removing it) through [`crate::SandboxHandle::update_config`] re-arms it.
    TokenExpiresMidBatch,
}

/// Ways the document and issuing routes fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RouteFailureMode {
    /// Never answers. On `issue_policy` the policy is booked first (the answer is what is lost).
    Hang,
    /// 502 with a non-JSON body.
    ServerError,
    /// 200 with a truncated JSON body.
    MalformedJson,
    /// 200 with a file whose content is base64 of something that is not a PDF.
    NotPdf,
    /// 200 with a file whose content is not base64.
    BrokenBase64,
    /// VALIDATION_ERROR (on `issue_policy`: the payment document number).
    ValidationError,
}

/// Decimals as JSON strings ("4.97") or numbers in the config file.
mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::str::FromStr;

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        let text = match &value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return Err(serde::de::Error::custom("expected a decimal")),
        };
        Decimal::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_file_round_trips_and_rejects_typos() {
        let text = r#"{"tokenLifetimeSecs": 2, "insurers": {"grawe": {"latency": {"minMs": 5, "maxMs": 9}, "failure": "hang"}},
                       "routeLatency": {"countries": 3}, "nomenclatureSpelling": "published", "exchangeRate": "5.01"}"#;
        let config: SandboxConfig = serde_json::from_str(text).unwrap();
        assert_eq!(config.token_lifetime_secs, 2);
        assert_eq!(config.insurers["grawe"].failure, Some(FailureMode::Hang));
        assert_eq!(config.route_latency["countries"], Latency::Fixed(3));
        assert_eq!(config.accounts[0].account, "demo");
        assert!(serde_json::from_str::<SandboxConfig>(r#"{"tokenLifetime": 2}"#).is_err());
        assert!(config.nomenclature_failures.is_empty());
    }

    #[test]
    fn refresh_token_length_reads_in_camel_case_within_its_bounds() {
        let config: SandboxConfig =
            serde_json::from_str(r#"{"refreshTokenLength": 2000}"#).unwrap();
        assert_eq!(config.refresh_token_length, Some(2000));
        assert_eq!(SandboxConfig::default().refresh_token_length, None);
        for refused in [
            r#"{"refreshTokenLength": 15}"#,
            r#"{"refreshTokenLength": 16385}"#,
            r#"{"refreshTokenLength": -1}"#,
        ] {
            assert!(
                serde_json::from_str::<SandboxConfig>(refused).is_err(),
                "{refused}"
            );
        }
    }

    #[test]
    fn unissued_offers_kept_reads_in_camel_case_and_refuses_none() {
        assert_eq!(SandboxConfig::default().unissued_offers_kept, 500);
        let config: SandboxConfig = serde_json::from_str(r#"{"unissuedOffersKept": 3}"#).unwrap();
        assert_eq!(config.unissued_offers_kept, 3);
        assert!(serde_json::from_str::<SandboxConfig>(r#"{"unissuedOffersKept": 0}"#).is_err());
    }

    #[test]
    fn the_signing_secret_is_not_a_knob() {
        // It is random per start; a fixed one in a file would let anyone forge tokens.
        let text = r#"{"jwtSecret": "casco-sandbox-demo-secret"}"#;
        let error = serde_json::from_str::<SandboxConfig>(text).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `jwtSecret`"),
            "{error}"
        );
    }

    #[test]
    fn token_expires_mid_batch_reads_in_camel_case() {
        let text = r#"{"insurers": {"asirom": {"failure": "tokenExpiresMidBatch"}}}"#;
        let config: SandboxConfig = serde_json::from_str(text).unwrap();
        assert_eq!(
            config.insurers["asirom"].failure,
            Some(FailureMode::TokenExpiresMidBatch)
        );
        assert_eq!(
            serde_json::to_value(FailureMode::TokenExpiresMidBatch).unwrap(),
            "tokenExpiresMidBatch"
        );
    }

    #[test]
    fn nomenclature_failures_read_from_the_config_file() {
        let text = r#"{"nomenclatureFailures": {"localities:CJ": "serverError", "models:dacia": "hang", "counties": "malformedJson"}}"#;
        let config: SandboxConfig = serde_json::from_str(text).unwrap();
        assert_eq!(
            config.nomenclature_failures["localities:CJ"],
            FailureMode::ServerError
        );
        assert_eq!(
            config.nomenclature_failures["models:dacia"],
            FailureMode::Hang
        );
        assert_eq!(
            config.nomenclature_failures["counties"],
            FailureMode::MalformedJson
        );
    }

    #[test]
    fn range_latency_is_deterministic_and_bounded() {
        let latency = Latency::Range {
            min_ms: 10,
            max_ms: 20,
        };
        let first: Vec<u64> = (0..50).map(|n| latency.millis(n)).collect();
        assert_eq!(
            first,
            (0..50).map(|n| latency.millis(n)).collect::<Vec<_>>()
        );
        assert!(first.iter().all(|ms| (10..=20).contains(ms)));
        assert!(first.iter().any(|ms| *ms != first[0]));
    }
}

//! The real [`NomenclatureSource`]: CascoApi through [`casco_api::CascoClient`], each call with
//! its own timeout, answers mapped to casco-core's types and failures sorted into "retry" and
//! "give up" for the sync engine.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use casco_api::model::CountyParameter;
use casco_api::{ApiError, CallOptions, CascoClient};

use super::{
    Country, County, Locality, NomenclatureSource, SourceError, SourceErrorKind, VehicleMake,
    VehicleModel,
};
use crate::api_errors::app_error;
use crate::messages::Message;
use crate::store::Store;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Nomenclature lists from CascoApi (the real service or the sandbox).
///
/// Cheap to clone; the client (and so its session) is shared. Every call carries its own
/// timeout, so one hanging list fails alone and the sync engine retries or reports it while
/// the other lists go on.
#[derive(Clone)]
pub struct ApiNomenclatureSource {
    client: Arc<CascoClient>,
    call: CallOptions,
    /// How the host reads the locality list's county parameter, as last found.
    county_parameter: Arc<Mutex<CountyParameter>>,
    /// The counties known so far (from the store, then from this sync's county list): a
    /// locality call needs a county's SIRUTA code under the other reading.
    counties: Arc<Mutex<HashMap<String, casco_api::model::County>>>,
    /// Where a newly found reading is remembered: the store and the environment.
    remember: Option<(Arc<Store>, String)>,
}

/// The `api_readings` name of the county parameter's reading.
const COUNTY_PARAMETER: &str = "localityCountyParameter";

impl std::fmt::Debug for ApiNomenclatureSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiNomenclatureSource")
            .field("account", &self.client.account())
            .field("timeout", &self.timeout())
            .finish()
    }
}

impl ApiNomenclatureSource {
    /// Per-call timeout unless told otherwise: the largest list (a county's localities, a few
    /// hundred rows) answers in well under a second, so 20 s only fires on a stuck call.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

    /// A source over `client` with [`Self::DEFAULT_TIMEOUT`] per call.
    pub fn new(client: Arc<CascoClient>) -> Self {
        Self {
            client,
            call: CallOptions::with_timeout(Self::DEFAULT_TIMEOUT),
            county_parameter: Arc::default(),
            counties: Arc::default(),
            remember: None,
        }
    }

    /// The same source, reading and remembering in `store` how `env`'s host reads the
    /// locality list's county parameter, and knowing the counties already stored.
    pub fn remembering(mut self, store: Arc<Store>, env: &str) -> Self {
        let known = store.api_reading(env, COUNTY_PARAMETER).ok().flatten();
        if let Some(reading) =
            known.and_then(|r| serde_json::from_value(serde_json::Value::String(r)).ok())
        {
            *lock(&self.county_parameter) = reading;
        }
        if let Ok(stored) = store.counties(env) {
            let mut counties = lock(&self.counties);
            for c in stored {
                let api = casco_api::model::County {
                    code: c.code.clone(),
                    name: c.name,
                    siruta: u64::from(c.siruta),
                };
                counties.insert(c.code, api);
            }
        }
        self.remember = Some((store, env.to_owned()));
        self
    }

    /// The reading the host was last found to take.
    pub fn county_parameter(&self) -> CountyParameter {
        *lock(&self.county_parameter)
    }

    /// Keeps `reading` when it differs from the one known.
    fn found(&self, reading: CountyParameter) {
        let mut current = lock(&self.county_parameter);
        if *current == reading {
            return;
        }
        *current = reading;
        log::info!("the host reads the locality county parameter as {reading:?}");
        if let Some((store, env)) = &self.remember {
            let value = serde_json::to_value(reading).ok();
            if let Some(serde_json::Value::String(text)) = value {
                if let Err(e) = store.set_api_reading(env, COUNTY_PARAMETER, &text) {
                    log::warn!("locality parameter reading not remembered: {e}");
                }
            }
        }
    }

    /// The same source with `timeout` per call (login or refresh included, as the client
    /// counts it).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.call = CallOptions::with_timeout(timeout);
        self
    }

    /// The timeout of each call.
    pub fn timeout(&self) -> Duration {
        self.call.timeout.unwrap_or(Self::DEFAULT_TIMEOUT)
    }

    fn error(&self, e: ApiError) -> SourceError {
        source_error(&e)
    }
}

/// Whether retrying a call that failed with `e` may succeed.
///
/// Transient: the server could not be reached or did not answer in time, the connection broke,
/// or it answered 5xx or 429 (with or without an envelope: a 500 envelope is the vendor's own
/// hiccup, no different from a gateway's 502 page). Permanent: the session was refused even
/// after the client's one renewal, the request or answer is unusable, or any other 4xx.
pub fn error_kind(e: &ApiError) -> SourceErrorKind {
    let retry_status = |status: u16| status >= 500 || status == 429;
    match e {
        ApiError::Connect { .. } | ApiError::Timeout { .. } | ApiError::Transport { .. } => {
            SourceErrorKind::Transient
        }
        ApiError::HttpStatus { status, .. } | ApiError::Rejected { status, .. }
            if retry_status(*status) =>
        {
            SourceErrorKind::Transient
        }
        ApiError::HttpStatus { .. }
        | ApiError::Rejected { .. }
        | ApiError::Auth { .. }
        | ApiError::Validation { .. }
        | ApiError::Decode { .. }
        | ApiError::Pdf { .. }
        | ApiError::Redirect { .. }
        | ApiError::TooLarge { .. }
        | ApiError::UnsafeBaseUrl(_)
        | ApiError::InvalidRequest(_) => SourceErrorKind::Permanent,
    }
}

/// `e` as a [`SourceError`]: its [`error_kind`], and the agent-facing message (the
/// technical detail goes to the log, since the message lands in the sync report).
pub fn source_error(e: &ApiError) -> SourceError {
    let kind = error_kind(e);
    log::info!("nomenclature call failed ({kind:?}): {e}");
    SourceError {
        kind,
        message: app_error(e).message,
    }
}

impl NomenclatureSource for ApiNomenclatureSource {
    async fn countries(&self) -> Result<Vec<Country>, SourceError> {
        let rows = self
            .client
            .countries(self.call.clone())
            .await
            .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(country).collect())
    }

    async fn counties(&self) -> Result<Vec<County>, SourceError> {
        let rows = self
            .client
            .counties(self.call.clone())
            .await
            .map_err(|e| self.error(e))?;
        lock(&self.counties).extend(rows.iter().map(|c| (c.code.clone(), c.clone())));
        rows.into_iter().map(county).collect()
    }

    async fn localities(&self, county_code: &str) -> Result<Vec<Locality>, SourceError> {
        let known = lock(&self.counties).get(county_code).cloned();
        let rows = match known {
            // A county from the list always has localities: an empty answer means the host
            // reads the parameter the other way.
            Some(county) => {
                let first = self.county_parameter();
                let (rows, reading) = self
                    .client
                    .localities_of(&county, first, self.call.clone())
                    .await
                    .map_err(|e| self.error(e))?;
                self.found(reading);
                rows
            }
            None => self
                .client
                .localities(county_code, self.call.clone())
                .await
                .map_err(|e| self.error(e))?,
        };
        rows.into_iter().map(locality).collect()
    }

    async fn makes(&self) -> Result<Vec<VehicleMake>, SourceError> {
        let rows = self
            .client
            .vehicle_makes(self.call.clone())
            .await
            .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .map(|m| VehicleMake { name: m.name })
            .collect())
    }

    async fn models(&self, make: &str) -> Result<Vec<VehicleModel>, SourceError> {
        let rows = self
            .client
            .vehicle_models(make, self.call.clone())
            .await
            .map_err(|e| self.error(e))?;
        // The API's model rows carry no make: they belong to the make that was asked for,
        // spelled as asked, so they are stored and searched under that part.
        Ok(rows
            .into_iter()
            .map(|m| VehicleModel {
                make: make.to_owned(),
                name: m.name,
            })
            .collect())
    }
}

fn country(c: casco_api::model::Country) -> Country {
    Country {
        id: c.id,
        name: c.name,
        iso2: c.iso2,
        iso3: c.iso3,
    }
}

fn county(c: casco_api::model::County) -> Result<County, SourceError> {
    Ok(County {
        siruta: siruta_code(c.siruta, &c.name)?,
        code: c.code,
        name: c.name,
    })
}

fn locality(l: casco_api::model::Locality) -> Result<Locality, SourceError> {
    Ok(Locality {
        siruta: siruta_code(l.siruta, &l.name)?,
        name: l.name,
        county_code: l.county_code,
        // Ranks are 1–3; anything beyond a byte is nonsense, and "no rank" sorts it last,
        // which is the honest place for it.
        rank: l.rank.and_then(|r| u8::try_from(r).ok()),
    })
}

/// SIRUTA codes have at most six digits; one that does not fit a `u32` is a broken answer,
/// refused rather than truncated into another place's code.
fn siruta_code(code: u64, name: &str) -> Result<u32, SourceError> {
    u32::try_from(code).map_err(|_| {
        SourceError::permanent(Message::SirutaInvalid {
            name: name.to_owned(),
            siruta: code.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The client's own error for a server that is not there (reqwest is no dependency of
    /// casco-core, so a real connect error comes from calling a loopback port nobody
    /// listens on).
    async fn connect_refused() -> ApiError {
        let config = casco_api::ClientConfig::new("http://127.0.0.1:1").unwrap();
        let client = CascoClient::new(config, casco_api::Credentials::new("demo", "demo")).unwrap();
        client
            .counties(CallOptions::with_timeout(Duration::from_secs(5)))
            .await
            .unwrap_err()
    }

    fn kind(e: ApiError) -> SourceErrorKind {
        error_kind(&e)
    }

    fn status(status: u16) -> ApiError {
        ApiError::HttpStatus {
            operation: "counties",
            status,
            body_start: "<html>".into(),
        }
    }

    fn rejected(status: u16) -> ApiError {
        ApiError::Rejected {
            operation: "localities",
            status,
            message: "Eroare".into(),
        }
    }

    #[test]
    fn network_trouble_and_server_errors_are_transient() {
        use SourceErrorKind::Transient;
        assert_eq!(
            kind(ApiError::Timeout {
                operation: "localities",
                after: Duration::from_secs(20),
            }),
            Transient
        );
        for s in [500, 502, 503, 504, 429] {
            assert_eq!(kind(status(s)), Transient, "HTTP {s}");
            assert_eq!(kind(rejected(s)), Transient, "envelope {s}");
        }
    }

    #[tokio::test]
    async fn an_unreachable_server_is_transient() {
        let e = connect_refused().await;
        assert!(
            matches!(e, ApiError::Connect { .. } | ApiError::Transport { .. }),
            "{e:?}"
        );
        let source = source_error(&e);
        assert!(source.is_transient());
        // The agent reads this in the sync report: no URL or socket detail.
        assert_eq!(source.message, Message::CannotConnect);
    }

    #[test]
    fn refusals_and_unusable_answers_are_permanent() {
        use SourceErrorKind::Permanent;
        assert_eq!(
            kind(ApiError::Auth {
                status: 403,
                message: None,
            }),
            Permanent
        );
        assert_eq!(
            kind(ApiError::Validation {
                status: 400,
                fields: BTreeMap::new(),
            }),
            Permanent
        );
        assert_eq!(
            kind(ApiError::Decode {
                operation: "counties",
                path: "data[0].siruta".into(),
                message: "expected a number".into(),
            }),
            Permanent
        );
        assert_eq!(
            kind(ApiError::InvalidRequest("bad base URL".into())),
            Permanent
        );
        for s in [400, 404, 405, 409, 422] {
            assert_eq!(kind(status(s)), Permanent, "HTTP {s}");
            assert_eq!(kind(rejected(s)), Permanent, "envelope {s}");
        }
    }

    #[test]
    fn a_reason_is_a_code_the_report_renders() {
        let e = rejected(500);
        let source = source_error(&e);
        assert!(source.is_transient());
        assert!(
            matches!(source.message, Message::ServerRefused { .. }),
            "{:?}",
            source.message
        );
    }

    #[test]
    fn rows_map_field_by_field() {
        let l = locality(casco_api::model::Locality {
            name: "CLUJ-NAPOCA".into(),
            county_code: "CJ".into(),
            siruta: 54975,
            rank: Some(1),
        })
        .unwrap();
        assert_eq!(
            l,
            Locality {
                siruta: 54975,
                name: "CLUJ-NAPOCA".into(),
                county_code: "CJ".into(),
                rank: Some(1),
            }
        );
        let c = county(casco_api::model::County {
            code: "BV".into(),
            name: "BRAŞOV".into(),
            siruta: 84,
        })
        .unwrap();
        assert_eq!((c.code.as_str(), c.siruta), ("BV", 84));
        let huge = county(casco_api::model::County {
            code: "XX".into(),
            name: "X".into(),
            siruta: u64::from(u32::MAX) + 1,
        })
        .unwrap_err();
        assert!(!huge.is_transient());
        let odd = locality(casco_api::model::Locality {
            name: "X".into(),
            county_code: "CJ".into(),
            siruta: 1,
            rank: Some(300),
        })
        .unwrap();
        assert_eq!(odd.rank, None);
    }
}

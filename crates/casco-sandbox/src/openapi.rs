//! `/openapi.json`, generated from the handlers' annotations.

use crate::{auth, identification, nomenclature, policy, quote};
use axum::Json;
use utoipa::OpenApi;

/// The sandbox's OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "CascoApi sandbox",
        description = "A faithful CascoApi for Casco Desk's demo mode and tests. \
        Responses use the envelope {error, status, message?, data}; authenticated routes take the header `Token: <jwt>`."
    ),
    paths(
        auth::login,
        auth::refresh,
        auth::logout,
        quote::quote,
        policy::offer_pdf,
        policy::issue,
        policy::policy_pdf,
        nomenclature::countries,
        nomenclature::counties,
        nomenclature::localities,
        nomenclature::makes,
        nomenclature::models,
        identification::identify,
    )
)]
pub struct ApiDoc;

/// GET /openapi.json
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

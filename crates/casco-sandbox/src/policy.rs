//! POST /policy (issue exactly once per offer) and the offer/policy PDF routes.

use crate::auth::{AuthorizedObject, Session};
use crate::config::RouteFailureMode;
use crate::data;
use crate::documents;
use crate::insurer_behaviour::{self, Outcome};
use crate::reply::{self, FieldErrors};
use crate::route_knobs;
use crate::state::{AppState, Book, StoredOffer, StoredPolicy};
use crate::valuation::{as_decimal, as_i64, at, date, number, text};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use casco_api::insurers;
use casco_api::model::Currency;
use casco_api::payment::{check_payment, OfferTerms, PaymentFacts, PaymentMethod, PaymentProblem};
use casco_api::routes;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// POST /policy
#[utoipa::path(post, path = "/policy", tag = "policy",
    params(("Token" = String, Header, description = "JWT")),
    request_body(content = Object, description = "{offerId, payment{method, currency, amount, date, documentNumber}}"),
    responses((status = 200, description = "{policies[]}; the same policy again for an offer already issued"),
              (status = 404, description = "Unknown offer"), (status = 400, description = "VALIDATION_ERROR or expired offer")))]
pub async fn issue(
    State(state): State<Arc<AppState>>,
    AuthorizedObject(claims, request): AuthorizedObject,
) -> Response {
    let failure = route_knobs::failure_for(&state, routes::ISSUE_POLICY.name);
    if let Some(failure) = failure.filter(|f| *f != RouteFailureMode::Hang) {
        return route_knobs::respond(failure, routes::ISSUE_POLICY.name).await;
    }
    let errors = validate(&request);
    if !errors.is_empty() {
        return reply::validation(errors);
    }
    let offer_id = at(&request, "offerId")
        .and_then(as_i64)
        .and_then(|id| u64::try_from(id).ok())
        .unwrap_or_default();
    let Some(stored) = state.book().offer_of(offer_id, &claims.sub).cloned() else {
        return no_such_offer(offer_id);
    };
    let Some(insurer) = insurers::find(&stored.insurer) else {
        return reply::error(
            StatusCode::NOT_FOUND,
            format!("Asigurătorul ofertei {offer_id} nu mai există."),
        );
    };
    if let Outcome::Respond(response) =
        insurer_behaviour::before_answer(&state, insurer, &claims).await
    {
        return response;
    }
    let policy = match book_once(&state, insurer, &stored, &request, offer_id, &claims.sub) {
        Ok(policy) => policy,
        Err(refused) => return *refused,
    };
    // On disk before the answer leaves: a client killed after it must find the policy.
    let writer = Arc::clone(&state);
    if let Err(e) = tokio::task::spawn_blocking(move || writer.persist_book()).await {
        tracing::error!(error = %e, "sandbox book not written");
    }
    if failure == Some(RouteFailureMode::Hang) {
        // Booked, then the answer is lost: the client must ask again, not issue twice.
        std::future::pending::<()>().await;
    }
    reply::ok(json!({"policies": [policy]}))
}

/// The offer's policy: the one already issued (the same answer to a repeated request), or a
/// new one when the offer is still valid and the payment follows the insurer's rules.
fn book_once(
    state: &AppState,
    insurer: &insurers::Insurer,
    stored: &StoredOffer,
    request: &Value,
    offer_id: u64,
    account: &str,
) -> Result<Value, Box<Response>> {
    let mut book = state.book();
    if let Some(existing) = book.policies.iter().find(|p| p.offer_id == offer_id) {
        return Ok(existing.policy.clone());
    }
    let today = insurer_behaviour::today_in_bucharest();
    if stored.expiry < today {
        return Err(Box::new(reply::error(
            StatusCode::BAD_REQUEST,
            format!("Oferta {offer_id} a expirat la {}.", stored.expiry),
        )));
    }
    let errors = payment_problems(insurer, &stored.offer.value(), request, today);
    if !errors.is_empty() {
        return Err(Box::new(reply::validation(errors)));
    }
    // An offer forgotten by the cap while its issue waited on the insurer comes back with
    // its policy: an issued offer always stays (its policy's PDF needs it).
    book.offers
        .entry(offer_id)
        .or_insert_with(|| stored.clone());
    let policy = book_policy(&mut book, stored, request, offer_id, account);
    drop(book);
    crate::route_knobs::log_booked(state, offer_id);
    Ok(policy)
}

/// The insurer's payment rules (`casco_api::payment`) broken by `request`, worded as the
/// insurer would, by request path.
fn payment_problems(
    insurer: &insurers::Insurer,
    offer: &Value,
    request: &Value,
    today: chrono::NaiveDate,
) -> FieldErrors {
    let currency = |path: &str| match text(offer, path).or_else(|| text(request, path)) {
        Some("EUR") => Some(Currency::Eur),
        Some("RON") => Some(Currency::Ron),
        _ => None,
    };
    let premium = at(offer, "premiumAmount")
        .and_then(as_decimal)
        .unwrap_or_default();
    let terms = OfferTerms {
        currency: currency("currency").unwrap_or_default(),
        premium,
        first_installment: at(offer, "installments.0.amount")
            .and_then(as_decimal)
            .unwrap_or(premium),
    };
    let facts = PaymentFacts {
        method: text(request, "payment.method").and_then(PaymentMethod::from_wire),
        currency: match text(request, "payment.currency") {
            Some("EUR") => Some(Currency::Eur),
            Some("RON") => Some(Currency::Ron),
            _ => None,
        },
        amount: at(request, "payment.amount").and_then(as_decimal),
        date: date(request, "payment.date"),
        document_number: text(request, "payment.documentNumber").unwrap_or_default(),
    };
    let mut errors = FieldErrors::new();
    for problem in check_payment(&insurer.payment_methods, &terms, &facts, today) {
        errors
            .entry(problem.path().to_owned())
            .or_default()
            .push(payment_wording(&problem, &insurer.display_name));
    }
    errors
}

/// How the insurer words a broken payment rule (Romanian, as CascoApi answers).
fn payment_wording(problem: &PaymentProblem, insurer: &str) -> String {
    match problem {
        PaymentProblem::UnknownMethod => "Modalitate de plată necunoscută.".into(),
        PaymentProblem::MethodNotTaken { taken } => format!(
            "{insurer} acceptă doar: {}.",
            taken
                .iter()
                .map(|m| m.wire())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        PaymentProblem::WrongCurrency { expected } => {
            format!("Plata se face în moneda ofertei ({}).", expected.code())
        }
        PaymentProblem::AmountMissing => "Suma plătită trebuie să fie pozitivă.".into(),
        PaymentProblem::AmountBelowFirstInstallment { minimum } => {
            format!("Suma plătită nu acoperă prima rată ({minimum}).")
        }
        PaymentProblem::AmountAbovePremium { maximum } => {
            format!("Suma plătită depășește prima totală ({maximum}).")
        }
        PaymentProblem::DateMissing => "Data plății lipsește.".into(),
        PaymentProblem::DateInFuture => "Data plății nu poate fi în viitor.".into(),
        PaymentProblem::DateTooOld => "Data plății este prea veche pentru această poliță.".into(),
        PaymentProblem::DocumentNumberMissing => {
            "Numărul documentului de plată este obligatoriu.".into()
        }
        PaymentProblem::DocumentNumberInvalid => {
            "Numărul documentului de plată nu este valid.".into()
        }
    }
}

/// Issues the policy of `stored` (offer `offer_id`, paid as `request` says) to `account`,
/// records it, and returns it as the answer lists it.
fn book_policy(
    book: &mut Book,
    stored: &StoredOffer,
    request: &Value,
    offer_id: u64,
    account: &str,
) -> Value {
    book.next_policy_number += 1;
    let policy_id = book.next_policy_number;
    let series = data::pricing()
        .get(&stored.insurer)
        .map_or_else(|| "CAS".to_owned(), |p| p.policy_series.clone());
    let number_text = (100_000 + policy_id).to_string();
    let payment = &request["payment"];
    let offer = stored.offer.value();
    let policy = json!({
        "provider": {"organization": {"businessName": stored.insurer}},
        "product": {"name": stored.product},
        "policyId": policy_id,
        "providerPolicyCode": format!("{series}{number_text}"),
        "series": series,
        "number": number_text,
        "payment": {
            "method": payment["method"], "currency": payment["currency"],
            "amount": number(at(request, "payment.amount").and_then(as_decimal).unwrap_or_default()),
            "date": payment["date"], "documentNumber": payment.get("documentNumber").cloned().unwrap_or(Value::Null),
        },
        "startDate": offer["startDate"],
        "endDate": offer["endDate"],
        "premiumAmount": offer["premiumAmount"],
        "currency": offer["currency"],
        "installments": offer["installments"],
        "coverages": offer["coverages"],
        "notes": format!("Poliță emisă din oferta {offer_id} (mediu demonstrativ)."),
    });
    book.policies.push(StoredPolicy {
        account: account.to_owned(),
        offer_id,
        series,
        number: number_text,
        policy: policy.clone(),
    });
    policy
}

/// The 404 of an offer that does not exist, or that another account made (the same answer,
/// so offer ids, which are sequential, reveal nothing about other accounts).
fn no_such_offer(offer_id: u64) -> Response {
    reply::error(
        StatusCode::NOT_FOUND,
        format!("Oferta {offer_id} nu există."),
    )
}

fn validate(request: &Value) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut add = |path: &str, message: &str| {
        errors
            .entry(path.to_owned())
            .or_default()
            .push(message.to_owned())
    };
    if at(request, "offerId")
        .and_then(as_i64)
        .is_none_or(|id| id <= 0)
    {
        add("offerId", "Identificatorul ofertei este obligatoriu.");
    }
    if text(request, "payment.method")
        .and_then(PaymentMethod::from_wire)
        .is_none()
    {
        add("payment.method", "Modalitate de plată necunoscută (pos, receipt, broker receipt, payment order, broker payment order).");
    }
    if !matches!(text(request, "payment.currency"), Some("RON" | "EUR")) {
        add("payment.currency", "Moneda poate fi RON sau EUR.");
    }
    if at(request, "payment.amount")
        .and_then(as_decimal)
        .is_none_or(|a| a <= Decimal::ZERO)
    {
        add("payment.amount", "Suma plătită trebuie să fie pozitivă.");
    }
    if date(request, "payment.date").is_none() {
        add(
            "payment.date",
            "Data plății lipsește sau nu are forma AAAA-LL-ZZ.",
        );
    }
    errors
}

/// GET /offer/{id}
#[utoipa::path(get, path = "/offer/{id}", tag = "offer",
    params(("id" = u64, Path, description = "Offer id"), ("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "{files: [{type, mimeType, name, content (base64 PDF)}]}"), (status = 404, description = "Unknown offer")))]
pub async fn offer_pdf(
    State(state): State<Arc<AppState>>,
    Session(claims): Session,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    if let Some(failure) = route_knobs::failure_for(&state, routes::OFFER_PDF.name) {
        return route_knobs::respond(failure, routes::OFFER_PDF.name).await;
    }
    let id = match reply::path_value(id, "id") {
        Ok(id) => id,
        Err(refused) => return *refused,
    };
    let Ok(offer_id) = id.trim().parse::<u64>() else {
        return reply::invalid_field("id", "Identificatorul ofertei trebuie să fie un număr.");
    };
    let Some(stored) = state.book().offer_of(offer_id, &claims.sub).cloned() else {
        return no_such_offer(offer_id);
    };
    file_answer(
        "offer",
        &format!("oferta-{offer_id}.pdf"),
        documents::offer_pdf(offer_id, &stored.summary),
    )
}

/// GET /policy?series=..&number=..
#[utoipa::path(get, path = "/policy", tag = "policy",
    params(("series" = String, Query, description = "Policy series"), ("number" = String, Query, description = "Policy number"),
           ("Token" = String, Header, description = "JWT")),
    responses((status = 200, description = "{files: [{type, mimeType, name, content (base64 PDF)}]}"), (status = 404, description = "Unknown policy")))]
pub async fn policy_pdf(
    State(state): State<Arc<AppState>>,
    Session(claims): Session,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    if let Some(failure) = route_knobs::failure_for(&state, routes::POLICY_PDF.name) {
        return route_knobs::respond(failure, routes::POLICY_PDF.name).await;
    }
    let Ok(Query(query)) = query else {
        return reply::error(
            StatusCode::BAD_REQUEST,
            "Parametrii cererii nu pot fi citiți.",
        );
    };
    let series = query.get("series").map(|s| s.trim()).unwrap_or_default();
    let number = query.get("number").map(|s| s.trim()).unwrap_or_default();
    let errors = reply::required(&[("series", series), ("number", number)]);
    if !errors.is_empty() {
        return reply::validation(errors);
    }
    let found = {
        let book = state.book();
        // Another account's policy is as absent as one never issued.
        book.policies
            .iter()
            .find(|p| {
                p.series.eq_ignore_ascii_case(series)
                    && p.number == number
                    && p.account == claims.sub
            })
            .and_then(|p| {
                book.offers
                    .get(&p.offer_id)
                    .map(|o| (p.clone(), o.summary.clone()))
            })
    };
    let Some((policy, summary)) = found else {
        return reply::error(
            StatusCode::NOT_FOUND,
            format!("Polița {series} {number} nu există."),
        );
    };
    let payment = format!(
        "{} — {}",
        policy.policy["payment"]["method"]
            .as_str()
            .unwrap_or_default(),
        policy.policy["payment"]["date"]
            .as_str()
            .unwrap_or_default()
    );
    let name = format!("polita-{}-{}.pdf", policy.series, policy.number);
    file_answer(
        "policy",
        &name,
        documents::policy_pdf(&policy.series, &policy.number, &payment, &summary),
    )
}

fn file_answer(kind: &str, name: &str, pdf: Result<Vec<u8>, casco_pdf::PdfError>) -> Response {
    match pdf {
        Ok(bytes) => reply::ok(json!({"files": [{
            "type": kind,
            "mimeType": "application/pdf",
            "name": name,
            "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        }]})),
        Err(e) => reply::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Documentul nu a putut fi generat: {e}"),
        ),
    }
}

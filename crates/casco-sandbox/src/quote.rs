//! POST /offer: validation as the insurers do it, then a priced offer.

use crate::auth::AuthorizedObject;
use crate::config::SandboxConfig;
use crate::data;
use crate::documents::Summary;
use crate::insurer_behaviour::{self, Outcome};
use crate::plausibility;
use crate::pricing::{self, BonusMalus};
use crate::reply::{self, FieldErrors};
use crate::state::{AppState, JsonText, StoredOffer};
use crate::valuation::{as_bool, as_decimal, as_i64, at, date, number, present, text};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use casco_api::insurers::{self, Insurer};
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::sync::Arc;

const INSTALLMENT_COUNTS: [i64; 4] = [1, 2, 4, 12];

/// POST /offer
#[utoipa::path(post, path = "/offer", tag = "offer",
    params(("Token" = String, Header, description = "JWT")),
    request_body(content = Object, description = "{provider, product} as in the published sample"),
    responses((status = 200, description = "{provider, product, offers[]}"), (status = 400, description = "VALIDATION_ERROR or a plain message")))]
pub async fn quote(
    State(state): State<Arc<AppState>>,
    AuthorizedObject(claims, request): AuthorizedObject,
) -> Response {
    let key = text(&request, "provider.organization.businessName").unwrap_or_default();
    let Some(insurer) = insurers::find(key) else {
        let known: Vec<&str> = insurers::catalogue()
            .iter()
            .map(|i| i.key.as_str())
            .collect();
        return reply::invalid_field(
            "provider.organization.businessName",
            format!(
                "Asigurător necunoscut „{key}”. Valori acceptate: {}.",
                known.join(", ")
            ),
        );
    };
    crate::route_knobs::log_quote_payload(&state, &insurer.key, &request);
    if let Outcome::Respond(response) =
        insurer_behaviour::before_answer(&state, insurer, &claims).await
    {
        return response;
    }
    let config = state.config();
    let today = insurer_behaviour::today_in_bucharest();
    let errors = validate(&request, insurer, today);
    if !errors.is_empty() {
        return reply::validation(errors);
    }
    make_offer(&state, &config, insurer, &request, today, &claims.sub)
}

/// Whether the request's vehicle is leased (`isLeased`, a JSON or string boolean).
fn leased(request: &Value) -> bool {
    at(request, "product.vehicle.isLeased").is_some_and(|v| as_bool(v).unwrap_or(false))
}

/// Every problem with the request, by dotted path, in Romanian.
pub fn validate(request: &Value, insurer: &Insurer, today: NaiveDate) -> FieldErrors {
    let mut errors = FieldErrors::new();
    check_provider_and_product(request, insurer, &mut errors);
    check_motor(request, today, &mut errors);
    check_parties_and_vehicle(request, today, &mut errors);
    check_insurer_choices(request, insurer, &mut errors);
    let leased = leased(request);
    let required = insurer.required_fields.iter();
    for field in required.filter(|f| f.for_vehicles.include(leased)) {
        if !present(request, &field.path) {
            // The vendor's own wording: the field is named by its path, as its other
            // VALIDATION_ERROR messages do.
            let message = format!("Câmpul este obligatoriu pentru {}.", insurer.display_name);
            add(&mut errors, &field.path, message);
        }
    }
    plausibility::check_quote(request, today, &mut errors);
    errors
}

/// Adds `message` under `path`.
fn add(errors: &mut FieldErrors, path: &str, message: String) {
    errors.entry(path.to_owned()).or_default().push(message);
}

/// The insurer's credentials and product.
fn check_provider_and_product(request: &Value, insurer: &Insurer, errors: &mut FieldErrors) {
    for (path, message) in [
        (
            "provider.authentication.account",
            "Contul la asigurător este obligatoriu.",
        ),
        (
            "provider.authentication.password",
            "Parola la asigurător este obligatorie.",
        ),
    ] {
        if !present(request, path) {
            add(errors, path, message.to_owned());
        }
    }
    let leased = leased(request);
    match text(request, "product.name") {
        Some(name) if insurer.product_for(leased).is_some_and(|p| p.name == name) => {}
        Some(name) => {
            let offered = insurer.product_for(leased).map_or("—", |p| p.name.as_str());
            let message = format!(
                "Produsul „{name}” nu este disponibil la {} pentru acest vehicul; folosiți „{offered}”.",
                insurer.display_name
            );
            add(errors, "product.name", message);
        }
        None => add(errors, "product.name", reply::REQUIRED.to_owned()),
    }
}

/// Start date, term, installments and currency of the cover.
fn check_motor(request: &Value, today: NaiveDate, errors: &mut FieldErrors) {
    let start = date(request, "product.motor.startDate");
    let registered =
        text(request, "product.vehicle.registrationType").is_none_or(|t| t == "registered");
    match start {
        None => add(
            errors,
            "product.motor.startDate",
            "Data începerii lipsește sau nu are forma AAAA-LL-ZZ.".into(),
        ),
        Some(start) if registered && start <= today => add(
            errors,
            "product.motor.startDate",
            "Data începerii trebuie să fie cel puțin mâine pentru un vehicul înmatriculat.".into(),
        ),
        Some(_) => {}
    }
    match at(request, "product.motor.termTime").and_then(as_i64) {
        Some(1..=12) => {}
        _ => add(
            errors,
            "product.motor.termTime",
            "Perioada trebuie să fie între 1 și 12 luni.".into(),
        ),
    }
    match at(request, "product.motor.installmentCount").and_then(as_i64) {
        Some(n) if INSTALLMENT_COUNTS.contains(&n) => {}
        _ => add(
            errors,
            "product.motor.installmentCount",
            "Numărul de rate poate fi 1, 2, 4 sau 12.".into(),
        ),
    }
    if !matches!(text(request, "product.motor.currency"), Some("RON" | "EUR")) {
        add(
            errors,
            "product.motor.currency",
            "Moneda poate fi RON sau EUR.".into(),
        );
    }
}

/// What every insurer needs of the policyholder and the vehicle.
fn check_parties_and_vehicle(request: &Value, today: NaiveDate, errors: &mut FieldErrors) {
    for path in [
        "product.policyholder.taxId",
        "product.policyholder.address.county",
        "product.policyholder.address.city",
        "product.vehicle.brand",
        "product.vehicle.model",
        "product.vehicle.vehicleType",
    ] {
        if !present(request, path) {
            add(errors, path, reply::REQUIRED.to_owned());
        }
    }
    if at(request, "product.policyholder.isLegalEntity")
        .and_then(as_bool)
        .is_none()
    {
        add(
            errors,
            "product.policyholder.isLegalEntity",
            "Valoare așteptată: true sau false.".into(),
        );
    }
    match at(request, "product.vehicle.yearOfConstruction").and_then(as_i64) {
        Some(year) if (1950..=i64::from(today.year()) + 1).contains(&year) => {}
        _ => add(
            errors,
            "product.vehicle.yearOfConstruction",
            format!(
                "Anul de fabricație trebuie să fie între 1950 și {}.",
                today.year() + 1
            ),
        ),
    }
    match at(request, "product.vehicle.marketValue").and_then(as_decimal) {
        Some(value) if value > Decimal::ZERO => {}
        _ => add(
            errors,
            "product.vehicle.marketValue",
            "Valoarea de piață trebuie să fie un număr pozitiv.".into(),
        ),
    }
}

/// Values from the insurer's own lists: usage types and bonus-malus classes.
fn check_insurer_choices(request: &Value, insurer: &Insurer, errors: &mut FieldErrors) {
    let pricing = data::pricing().get(&insurer.key);
    if let (Some(usage), Some(pricing)) = (text(request, "product.vehicle.usageType"), pricing) {
        if !pricing.usage_loading_percent.contains_key(usage) {
            let known: Vec<&str> = pricing
                .usage_loading_percent
                .keys()
                .map(String::as_str)
                .collect();
            add(
                errors,
                "product.vehicle.usageType",
                format!(
                    "Mod de utilizare necunoscut; valori acceptate: {}.",
                    known.join(", ")
                ),
            );
        }
    }
    if let Some(class) = text(
        request,
        "product.additionalData.vehicle.user.bonusMalusClass",
    ) {
        if BonusMalus::parse(class).is_none() {
            add(
                errors,
                "product.additionalData.vehicle.user.bonusMalusClass",
                "Clasa bonus-malus trebuie să fie B0–B14 sau M1–M8.".into(),
            );
        }
    }
}

/// Prices a validated request and books the offer under `account`, the session's.
fn make_offer(
    state: &AppState,
    config: &SandboxConfig,
    insurer: &Insurer,
    request: &Value,
    today: NaiveDate,
    account: &str,
) -> Response {
    let Some(pricing) = data::pricing().get(&insurer.key) else {
        return reply::error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("Tariful {} nu este configurat.", insurer.display_name),
        );
    };
    let (start, term, end) = cover_period(request, today, config.policy_days);
    let risk = pricing::risk(request, config.exchange_rate, today);
    let price = pricing::price(
        pricing,
        &risk,
        insurer.offer_currency,
        config.exchange_rate,
        start,
        term,
    );
    let expiry = today
        .checked_add_days(Days::new(u64::from(config.offer_validity_days)))
        .unwrap_or(today);

    let mut book = state.book();
    book.next_offer_id += 1;
    let offer_id = 1000 + book.next_offer_id;
    let (other_currency, other_amount) = match insurer.offer_currency {
        casco_api::model::Currency::Ron => {
            ("EUR", (price.premium / config.exchange_rate).round_dp(2))
        }
        casco_api::model::Currency::Eur => ("RON", price.premium_ron),
    };
    let offer = json!({
        "offerId": offer_id,
        "providerOfferCode": format!("{}-{offer_id}", pricing.identifier_prefix),
        "premiumAmount": number(price.premium),
        "currency": price.currency.code(),
        "exchangeRate": {"currency": other_currency, "amount": number(other_amount), "exchangeRate": number(config.exchange_rate)},
        "payment": {"currency": price.currency.code(), "amount": number(price.installments.first().map_or(price.premium, |i| i.1))},
        "startDate": start.to_string(),
        "endDate": end.to_string(),
        "installments": installments_json(&price),
        "coverages": included_coverages(request),
        "offerExpiryDate": expiry.to_string(),
        "notes": pricing.notes,
    });
    let summary = Summary::from_request(insurer, request, &price, start, end, expiry);
    book.offers.insert(
        offer_id,
        StoredOffer {
            account: account.to_owned(),
            insurer: insurer.key.clone(),
            product: text(request, "product.name").unwrap_or_default().to_owned(),
            offer: JsonText::new(&offer),
            expiry,
            summary,
        },
    );
    // Bounded at each offer, not only when the book is read: Demo runs for days.
    book.forget_stale(today, config.unissued_offers_kept);
    drop(book);
    // Written behind: a crash may lose this offer (the agent quotes again), never a policy.
    state.book_changed();
    reply::ok(json!({
        "provider": {"organization": {"businessName": insurer.key}},
        "product": {"name": text(request, "product.name").unwrap_or_default()},
        "offers": [offer],
    }))
}

/// Start, term in months and last day of the cover a validated request asks for; with
/// `policy_days` (a test knob) the cover lasts that many days instead.
fn cover_period(
    request: &Value,
    today: NaiveDate,
    policy_days: Option<u32>,
) -> (NaiveDate, u32, NaiveDate) {
    let start = date(request, "product.motor.startDate").unwrap_or(today);
    let term = at(request, "product.motor.termTime")
        .and_then(as_i64)
        .and_then(|t| u32::try_from(t).ok())
        .unwrap_or(12);
    let end = match policy_days {
        Some(days) => start.checked_add_days(Days::new(u64::from(days.max(1)) - 1)),
        None => start
            .checked_add_months(Months::new(term))
            .and_then(|d| d.checked_sub_days(Days::new(1))),
    };
    (start, term, end.unwrap_or(start))
}

/// The request's included coverages, as an offer lists them.
fn included_coverages(request: &Value) -> Vec<Value> {
    at(request, "product.coverages")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|c| c.get("isIncluded").and_then(as_bool).unwrap_or(true))
                .filter_map(|c| c.get("code").and_then(Value::as_str))
                .map(|code| json!({"code": code, "notes": "Suma asigurată a acoperirii este inclusă în suma asigurată principală."}))
                .collect()
        })
        .unwrap_or_default()
}

/// The installment schedule of an offer. Amounts of installments go out as strings,
/// premiums as numbers: the vendor mixes both.
fn installments_json(price: &pricing::Price) -> Vec<Value> {
    price
        .installments
        .iter()
        .map(|(id, amount, due)| json!({"id": id, "amount": amount.to_string(), "dueDate": due.to_string()}))
        .collect()
}

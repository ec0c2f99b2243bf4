//! Every CascoApi route in one table: a path that turns out different is a one-line change.
//!
//! Path templates use `{name}` placeholders (the same syntax axum 0.8 routes use, so the
//! sandbox registers its handlers from this table too).

/// HTTP method of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// Lower-case name, as OpenAPI documents spell it.
    pub fn as_lower(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
            Method::Patch => "patch",
            Method::Delete => "delete",
        }
    }
}

/// One CascoApi operation: a stable name, its method and its path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// Stable operation name, used in logs, errors and per-route counters.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template relative to the base URL, with `{param}` placeholders.
    pub path: &'static str,
    /// The largest answer body accepted, in bytes: checked against Content-Length and while
    /// the body streams in, so a hostile or broken host cannot exhaust memory or disk.
    pub max_body: u64,
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
/// Token answers are small; a few KiB of JWT and refresh token at most.
const AUTH_BODY: u64 = 64 * KIB;
/// Nomenclature lists: the largest real one (a county's localities) is well under 1 MiB.
const LIST_BODY: u64 = 4 * MIB;
/// A PDF of at most [`crate::pdf::MAX_PDF_BYTES`] as base64 (4/3 of it) inside the envelope.
const PDF_BODY: u64 = crate::pdf::MAX_PDF_BYTES / 3 * 4 + 4 + 64 * KIB;
// A PDF route takes a whole PDF of the largest accepted size; a list stays "a few MB".
const _: () = assert!(PDF_BODY > crate::pdf::MAX_PDF_BYTES && LIST_BODY <= 8 * MIB);

/// POST /auth?account=..&password=.. — log in.
pub const LOGIN: Route = Route {
    name: "login",
    method: Method::Post,
    path: "/auth",
    max_body: AUTH_BODY,
};
/// PATCH /auth with `Token: Refresh <refresh_token>` — renew the token.
pub const REFRESH: Route = Route {
    name: "refresh",
    method: Method::Patch,
    path: "/auth",
    max_body: AUTH_BODY,
};
/// DELETE /auth — end the session of the current token.
pub const LOGOUT: Route = Route {
    name: "logout",
    method: Method::Delete,
    path: "/auth",
    max_body: AUTH_BODY,
};
/// POST /offer — quote one insurer.
pub const QUOTE: Route = Route {
    name: "quote",
    method: Method::Post,
    path: "/offer",
    max_body: LIST_BODY,
};
/// GET /offer/{id} — offer PDF.
pub const OFFER_PDF: Route = Route {
    name: "offer_pdf",
    method: Method::Get,
    path: "/offer/{id}",
    max_body: PDF_BODY,
};
/// POST /policy — turn an offer into a policy.
pub const ISSUE_POLICY: Route = Route {
    name: "issue_policy",
    method: Method::Post,
    path: "/policy",
    max_body: LIST_BODY,
};
/// GET /policy?series=..&number=.. — policy PDF.
pub const POLICY_PDF: Route = Route {
    name: "policy_pdf",
    method: Method::Get,
    path: "/policy",
    max_body: PDF_BODY,
};
/// GET /nomenclature/country
pub const COUNTRIES: Route = Route {
    name: "countries",
    method: Method::Get,
    path: "/nomenclature/country",
    max_body: LIST_BODY,
};
/// GET /nomenclature/county
pub const COUNTIES: Route = Route {
    name: "counties",
    method: Method::Get,
    path: "/nomenclature/county",
    max_body: LIST_BODY,
};
/// GET /nomenclature/locality/{county_code}
pub const LOCALITIES: Route = Route {
    name: "localities",
    method: Method::Get,
    path: "/nomenclature/locality/{county_code}",
    max_body: LIST_BODY,
};
/// GET /nomenclature/vehicle/make (path not shown on the published page: our best reading).
pub const VEHICLE_MAKES: Route = Route {
    name: "vehicle_makes",
    method: Method::Get,
    path: "/nomenclature/vehicle/make",
    max_body: LIST_BODY,
};
/// GET /nomenclature/vehicle/model/{make} (same caveat as makes).
pub const VEHICLE_MODELS: Route = Route {
    name: "vehicle_models",
    method: Method::Get,
    path: "/nomenclature/vehicle/model/{make}",
    max_body: LIST_BODY,
};
/// POST /vehicle/identification — insurer-specific identifiers for a vehicle's mechanical data.
pub const VEHICLE_IDENTIFICATION: Route = Route {
    name: "vehicle_identification",
    method: Method::Post,
    path: "/vehicle/identification",
    max_body: LIST_BODY,
};

/// Every route, for servers and documentation checks.
pub const ALL: &[Route] = &[
    LOGIN,
    REFRESH,
    LOGOUT,
    QUOTE,
    OFFER_PDF,
    ISSUE_POLICY,
    POLICY_PDF,
    COUNTRIES,
    COUNTIES,
    LOCALITIES,
    VEHICLE_MAKES,
    VEHICLE_MODELS,
    VEHICLE_IDENTIFICATION,
];

impl Route {
    /// Builds the absolute URL: `base` + this path with `params` filled in order (each
    /// percent-encoded as one path segment, so a make like "alfa romeo" stays one segment).
    pub fn url(&self, base: &url::Url, params: &[&str]) -> Result<url::Url, String> {
        let mut url = base.clone();
        let mut params = params.iter();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| format!("base URL cannot have paths: {base}"))?;
            segments.pop_if_empty();
            for template in self.path.trim_start_matches('/').split('/') {
                if template.starts_with('{') {
                    let value = params.next().ok_or_else(|| {
                        format!("route {} needs a value for {template}", self.name)
                    })?;
                    check_segment(self.name, template, value)?;
                    segments.push(value);
                } else {
                    segments.push(template);
                }
            }
        }
        if params.next().is_some() {
            return Err(format!(
                "route {} got more parameters than placeholders",
                self.name
            ));
        }
        Ok(url)
    }
}

/// Refuses a path parameter that URL normalisation would drop or turn into another path:
/// `.` and `..` (and their empty cousin) would silently ask a different route.
fn check_segment(route: &str, template: &str, value: &str) -> Result<(), String> {
    if matches!(value, "" | "." | "..") {
        return Err(format!(
            "route {route}: {value:?} is not a usable value for {template}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_keeps_base_prefix() {
        let base = url::Url::parse("https://example.test/api/").unwrap();
        let url = VEHICLE_MODELS.url(&base, &["alfa romeo"]).unwrap();
        assert_eq!(
            url.as_str(),
            "https://example.test/api/nomenclature/vehicle/model/alfa%20romeo"
        );
        assert!(LOCALITIES.url(&base, &[]).is_err());
        assert!(COUNTRIES.url(&base, &["x"]).is_err());
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused_not_dropped() {
        let base = url::Url::parse("https://example.test/api").unwrap();
        for bad in ["", ".", ".."] {
            let e = LOCALITIES.url(&base, &[bad]).unwrap_err();
            assert!(e.contains("not a usable value"), "{bad:?}: {e}");
        }
        // Lookalikes are ordinary text, percent-encoded into one segment.
        let url = LOCALITIES.url(&base, &["%2e%2e"]).unwrap();
        assert!(url.as_str().ends_with("/locality/%252e%252e"), "{url}");
        let url = LOCALITIES.url(&base, &["a/.."]).unwrap();
        assert!(url.as_str().ends_with("/locality/a%2F.."), "{url}");
    }

    #[test]
    fn every_route_has_a_body_limit() {
        for route in ALL {
            assert!(route.max_body >= 16 * 1024, "{}", route.name);
        }
    }
}

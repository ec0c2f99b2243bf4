//! Which base URLs the client talks to. One rule for the client and for Setări's URL check:
//! https for every host, plain http only on loopback (the Demo sandbox, a support sandbox),
//! and never credentials inside the address, where they would travel and be logged in clear.

use url::{Host, Url};

/// Why a base URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnsafeBaseUrl {
    /// Not an absolute http(s) URL with a host.
    #[error("not an http(s) address with a host")]
    NotHttp,
    /// `http://` for a host that is not loopback: the password would cross the network in clear.
    #[error("plain http is accepted only for 127.0.0.1, ::1 and localhost; use https")]
    PlainHttp,
    /// `user:pass@host`: credentials belong in the login form, never in an address.
    #[error("the address carries a user name or password")]
    Credentials,
    /// A query or fragment: the routes table owns everything after the base path.
    #[error("the address carries a query or a fragment")]
    QueryOrFragment,
}

/// Parses and checks a base URL typed by the agent or configured for an environment.
pub fn parse_base_url(text: &str) -> Result<Url, UnsafeBaseUrl> {
    let url = Url::parse(text.trim()).map_err(|_| UnsafeBaseUrl::NotHttp)?;
    check_base_url(&url)?;
    Ok(url)
}

/// Checks an already parsed base URL against the transport rules.
pub fn check_base_url(url: &Url) -> Result<(), UnsafeBaseUrl> {
    if url.cannot_be_a_base() || url.host_str().is_none_or(str::is_empty) {
        return Err(UnsafeBaseUrl::NotHttp);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UnsafeBaseUrl::Credentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UnsafeBaseUrl::QueryOrFragment);
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(UnsafeBaseUrl::PlainHttp),
        _ => Err(UnsafeBaseUrl::NotHttp),
    }
}

/// True for 127.0.0.0/8, ::1 and `localhost`: traffic that never leaves the machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        for ok in [
            "https://casco-qa.api.lifeishard.ro",
            "https://api.example.ro/v1/",
            "http://127.0.0.1:8457",
            "http://127.1.2.3/",
            "http://[::1]:9000/api",
            "http://localhost:8457",
        ] {
            assert_eq!(parse_base_url(ok).map(|_| ()), Ok(()), "{ok}");
        }
        for (bad, why) in [
            (
                "http://casco-qa.api.lifeishard.ro",
                UnsafeBaseUrl::PlainHttp,
            ),
            ("http://192.168.1.10:8457", UnsafeBaseUrl::PlainHttp),
            ("http://localhost.evil.example", UnsafeBaseUrl::PlainHttp),
            (
                "https://agent:parola@api.example.ro",
                UnsafeBaseUrl::Credentials,
            ),
            ("https://agent@api.example.ro", UnsafeBaseUrl::Credentials),
            ("http://u:p@127.0.0.1:8457", UnsafeBaseUrl::Credentials),
            (
                "https://api.example.ro/?account=a",
                UnsafeBaseUrl::QueryOrFragment,
            ),
            ("ftp://api.example.ro", UnsafeBaseUrl::NotHttp),
            ("mailto:a@b.ro", UnsafeBaseUrl::NotHttp),
            ("api.example.ro", UnsafeBaseUrl::NotHttp),
        ] {
            assert_eq!(parse_base_url(bad).map(|_| ()), Err(why), "{bad}");
        }
    }
}

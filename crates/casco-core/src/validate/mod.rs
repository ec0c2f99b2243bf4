//! Field validators shared by settings and the quote wizard. Each returns the message to
//! show, or `None` when the value is acceptable; `normalize_*` functions also give the value
//! in the form the request sends. Settings validators (below) speak [`Message`]; the quote
//! wizard's (submodules) speak [`crate::messages::Message`].

mod contact;
mod identity;
mod values;
mod vehicle;

pub use contact::{caen, country_code, mobile, normalize_mobile, postcode};
pub use identity::{cnp, cnp_facts, cui, normalize_cui, CnpFacts};
pub use values::{
    birth_date, decimal_in, expiry_date, first_registration, id_issue_date, integer_in,
    licence_date, parse_date, parse_decimal, parse_integer, past_date, start_date,
    today_in_bucharest,
};
pub use vehicle::{normalize_plate, normalize_plate_for, normalize_vin, plate, vin};

use crate::messages::Message;

/// Checks an e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn email(value: &str) -> Option<Message> {
    let v = value.trim();
    let Some((local, domain)) = v.split_once('@') else {
        return Some(Message::InvalidEmail);
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'".contains(c));
    (!(domain_ok && local_ok)).then_some(Message::InvalidEmail)
}

/// Checks a CascoApi base URL with casco-api's transport rule: https, or http on loopback;
/// no account or password inside.
pub fn http_url(value: &str) -> Option<Message> {
    casco_api::endpoint::parse_base_url(value)
        .err()
        .map(Message::from)
}

/// Checks a phone number leniently: digits with optional spaces, dots, dashes, brackets and a
/// leading `+`; 9 to 15 digits (a Romanian landline has 10, an international number up to 15).
pub fn phone(value: &str) -> Option<Message> {
    let v = value.trim();
    let body = v.strip_prefix('+').unwrap_or(v);
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || " .-()/".contains(c));
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (!(allowed && (9..=15).contains(&digits))).then_some(Message::InvalidPhone)
}

/// Checks that text has at most `max` characters.
pub fn max_chars(value: &str, max: usize) -> Option<Message> {
    let max_u32 = u32::try_from(max).unwrap_or(u32::MAX);
    (value.chars().count() > max).then_some(Message::TooLong { max: max_u32 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "ana@firma.ro",
            "ion.pop+casco@broker.example.com",
            "a@b.co",
            " x@y.ro ",
        ] {
            assert_eq!(email(ok), None, "{ok}");
        }
        for bad in [
            "",
            "ana",
            "ana@",
            "@firma.ro",
            "ana@firma",
            "ana@@firma.ro",
            "ana pop@firma.ro",
            "ana@firma..ro",
            ".a@b.ro",
        ] {
            assert_eq!(email(bad), Some(Message::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(http_url("https://casco-qa.api.lifeishard.ro"), None);
        assert_eq!(http_url("http://127.0.0.1:8457/"), None);
        for bad in [
            "",
            "casco.ro",
            "ftp://casco.ro",
            "https://",
            "javascript:alert(1)",
        ] {
            assert_eq!(http_url(bad), Some(Message::InvalidUrl), "{bad}");
        }
        assert_eq!(http_url("http://api.broker.ro"), Some(Message::InsecureUrl));
        assert_eq!(
            http_url("https://agent:parola@api.broker.ro"),
            Some(Message::CredentialsInUrl)
        );
    }

    #[test]
    fn phones() {
        for ok in [
            "0712345678",
            "0712 345 678",
            "+40 21 123 4567",
            "021-123.45.67",
        ] {
            assert_eq!(phone(ok), None, "{ok}");
        }
        for bad in ["", "12345", "07123abc78", "+40 21 123 4567 890 123 45"] {
            assert_eq!(phone(bad), Some(Message::InvalidPhone), "{bad}");
        }
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert_eq!(max_chars("ăîșțâ", 5), None);
        assert_eq!(max_chars("ăîșțâx", 5), Some(Message::TooLong { max: 5 }));
    }
}

//! Contact and registry codes: Romanian mobile numbers, CAEN, postcodes, country codes.

use crate::messages::Message;

/// A Romanian mobile number in the form the request sends: `07xxxxxxxx`.
///
/// Accepts `07…`, `+407…` and `00407…` with spaces, dashes, dots or brackets anywhere.
pub fn normalize_mobile(value: &str) -> Result<String, Message> {
    let v = value.trim();
    let (plus, body) = match v.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, v),
    };
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()/".contains(c))
    {
        return Err(Message::Mobile);
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let national = if plus {
        digits.strip_prefix("40")
    } else if let Some(rest) = digits.strip_prefix("0040") {
        Some(rest)
    } else {
        digits.strip_prefix('0')
    };
    match national {
        Some(n) if n.len() == 9 && n.starts_with('7') => Ok(format!("0{n}")),
        _ => Err(Message::Mobile),
    }
}

/// Checks a Romanian mobile number (see [`normalize_mobile`]).
pub fn mobile(value: &str) -> Option<Message> {
    normalize_mobile(value).err()
}

/// Checks a CAEN activity code: exactly 4 digits (e.g. 6201, 0111).
pub fn caen(value: &str) -> Option<Message> {
    let v = value.trim();
    (!(v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))).then_some(Message::Caen)
}

/// Checks a Romanian postcode: exactly 6 digits.
pub fn postcode(value: &str) -> Option<Message> {
    let v = value.trim();
    (!(v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit()))).then_some(Message::Postcode)
}

/// Checks an ISO 3166 alpha-2 country code (any case).
pub fn country_code(value: &str) -> Option<Message> {
    let v = value.trim();
    (!(v.len() == 2 && v.bytes().all(|b| b.is_ascii_alphabetic()))).then_some(Message::CountryCode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_normalise_to_the_national_form() {
        for input in [
            "0712345678",
            "0712 345 678",
            "0712-345-678",
            "+40712345678",
            "+40 712 345 678",
            "0040712345678",
            "0040 (712) 345.678",
        ] {
            assert_eq!(
                normalize_mobile(input).as_deref(),
                Ok("0712345678"),
                "{input}"
            );
        }
        for bad in [
            "",
            "0212345678",     // landline
            "071234567",      // too short
            "07123456789",    // too long
            "+4912345678901", // not Romanian
            "40712345678",    // country code without + or 00
            "+0712345678",
            "0712a45678",
        ] {
            assert_eq!(mobile(bad), Some(Message::Mobile), "{bad}");
        }
    }

    #[test]
    fn caen_codes() {
        assert_eq!(caen("6201"), None);
        assert_eq!(caen(" 0111 "), None);
        for bad in ["", "620", "62011", "62a1", "62.01"] {
            assert_eq!(caen(bad), Some(Message::Caen), "{bad}");
        }
    }

    #[test]
    fn postcodes() {
        assert_eq!(postcode("400001"), None);
        assert_eq!(postcode("010011"), None);
        for bad in ["", "40000", "4000011", "40000a"] {
            assert_eq!(postcode(bad), Some(Message::Postcode), "{bad}");
        }
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code("RO"), None);
        assert_eq!(country_code("de"), None);
        for bad in ["", "ROU", "R0", "Ro "] {
            let expected = if bad == "Ro " {
                None
            } else {
                Some(Message::CountryCode)
            };
            assert_eq!(country_code(bad), expected, "{bad}");
        }
    }
}

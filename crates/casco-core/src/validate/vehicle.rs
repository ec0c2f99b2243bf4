//! Vehicle identifiers: VIN and licence plates.

use crate::choices::RegistrationType;
use crate::messages::Message;

/// The 41 county codes plus B (Bucharest), as on Romanian plates.
const PLATE_COUNTIES: [&str; 42] = [
    "AB", "AG", "AR", "B", "BC", "BH", "BN", "BR", "BT", "BV", "BZ", "CJ", "CL", "CS", "CT", "CV",
    "DB", "DJ", "GJ", "GL", "GR", "HD", "HR", "IF", "IL", "IS", "MH", "MM", "MS", "NT", "OT", "PH",
    "SB", "SJ", "SM", "SV", "TL", "TM", "TR", "VL", "VN", "VS",
];

/// The VIN as stored and sent: trimmed, inner spaces removed, upper-cased.
pub fn normalize_vin(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// Checks a VIN: 17 characters from A–Z and 0–9 without I, O and Q (case-insensitive).
///
/// The ISO 3779 check digit (position 9) is not enforced: it is mandatory only for North
/// American vehicles, and European manufacturers fill that position freely.
pub fn vin(value: &str) -> Option<Message> {
    let v = normalize_vin(value);
    if v.chars().count() != 17 {
        return Some(Message::VinLength);
    }
    let allowed = |c: char| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"IOQ".contains(c));
    (!v.chars().all(allowed)).then_some(Message::VinChars)
}

/// Uppercase letters and digits only (spaces, dashes and dots dropped), or `None` if anything
/// else is left.
fn compact(value: &str) -> Option<String> {
    let v: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !"-.·".contains(*c))
        .collect::<String>()
        .to_uppercase();
    v.chars().all(|c| c.is_ascii_alphanumeric()).then_some(v)
}

/// Splits a compact plate into (county, digits, letters) when it has that shape.
fn parts(v: &str) -> Option<(&str, &str, &str)> {
    let county_len = v.find(|c: char| c.is_ascii_digit())?;
    let (county, rest) = v.split_at(county_len);
    let digits_len = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, letters) = rest.split_at(digits_len);
    (PLATE_COUNTIES.contains(&county) && letters.chars().all(|c| c.is_ascii_uppercase()))
        .then_some((county, digits, letters))
}

/// A Romanian plate in display form: "B 123 ABC", "CJ 12 ABC".
///
/// Lenient on input (any case, any spacing or dashes); strict on shape: a county code or B,
/// then 2 digits (B: 2 or 3), then 3 letters. Letters are any A–Z: the I/O/Q rules for the
/// first letter are not applied, older and special series break them.
pub fn normalize_plate(value: &str) -> Result<String, Message> {
    let v = compact(value).ok_or(Message::Plate)?;
    match parts(&v) {
        Some((county, digits, letters))
            if letters.len() == 3
                && (digits.len() == 2 || (county == "B" && digits.len() == 3)) =>
        {
            Ok(format!("{county} {digits} {letters}"))
        }
        _ => Err(Message::Plate),
    }
}

/// A temporary (provizoriu) plate in display form: county code, then 3–6 digits starting
/// with 0, e.g. "B 012345", "CJ 0123".
fn normalize_temporary_plate(value: &str) -> Result<String, Message> {
    let v = compact(value).ok_or(Message::TemporaryPlate)?;
    match parts(&v) {
        Some((county, digits, ""))
            if (3..=6).contains(&digits.len()) && digits.starts_with('0') =>
        {
            Ok(format!("{county} {digits}"))
        }
        _ => Err(Message::TemporaryPlate),
    }
}

/// A foreign or town-hall plate: passed through (upper-cased, compacted) when it is 2–12
/// letters and digits; formats differ too much by country to check more.
fn normalize_foreign_plate(value: &str) -> Result<String, Message> {
    match compact(value) {
        Some(v) if (2..=12).contains(&v.len()) => Ok(v),
        _ => Err(Message::ForeignPlate),
    }
}

/// The plate in display form for a registration type: registered → Romanian plate;
/// temporary → temporary plate; for registration → either (the agent may already have one);
/// recorded (town hall) and foreign → the lenient pass-through.
pub fn normalize_plate_for(value: &str, registration: RegistrationType) -> Result<String, Message> {
    match registration {
        RegistrationType::Registered => normalize_plate(value),
        RegistrationType::Temporary => normalize_temporary_plate(value),
        RegistrationType::ForRegistration => {
            normalize_plate(value).or_else(|_| normalize_temporary_plate(value))
        }
        RegistrationType::Recorded | RegistrationType::Foreign => normalize_foreign_plate(value),
    }
}

/// Checks a plate for a registration type (see [`normalize_plate_for`]).
pub fn plate(value: &str, registration: RegistrationType) -> Option<Message> {
    normalize_plate_for(value, registration).err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vins() {
        assert_eq!(vin("1HGCM82633A123456"), None);
        assert_eq!(vin("wvwzzz1kz8w123456"), None);
        assert_eq!(vin(" UU1 4SDAG4 53123456 "), None);
        assert_eq!(normalize_vin(" wvwzzz1kz8w123456 "), "WVWZZZ1KZ8W123456");
        for bad in [
            "1HGCM82633I123456",
            "1HGCM82633O123456",
            "1HGCQ82633A123456",
        ] {
            assert_eq!(vin(bad), Some(Message::VinChars), "{bad}");
        }
        assert_eq!(vin("1HGCM82633A12345-"), Some(Message::VinChars));
        assert_eq!(vin("1HGCM82633A12345Ș"), Some(Message::VinChars));
        for bad in ["", "1HGCM82633A12345", "1HGCM82633A1234567"] {
            assert_eq!(vin(bad), Some(Message::VinLength), "{bad}");
        }
    }

    #[test]
    fn counties_are_41_plus_bucharest() {
        let mut all = PLATE_COUNTIES.to_vec();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 42);
    }

    #[test]
    fn regular_plates_are_normalised() {
        for (input, out) in [
            ("B 123 ABC", "B 123 ABC"),
            ("CJ 12 ABC", "CJ 12 ABC"),
            ("b123abc", "B 123 ABC"),
            ("B12XYZ", "B 12 XYZ"),
            ("cj-12-abc", "CJ 12 ABC"),
            ("  IS  07  OAQ ", "IS 07 OAQ"),
        ] {
            assert_eq!(normalize_plate(input).as_deref(), Ok(out), "{input}");
        }
        for bad in [
            "",
            "CJ 123 ABC", // three digits only in Bucharest
            "B 1234 ABC",
            "B 1 ABC",
            "XX 12 ABC", // no such county
            "CJ 12 AB",
            "CJ 12 ABCD",
            "CJ 12 AB1",
            "CJ12",
            "CJ 12 ĂBC",
            "123 ABC",
        ] {
            assert_eq!(normalize_plate(bad), Err(Message::Plate), "{bad}");
        }
    }

    #[test]
    fn temporary_plates() {
        for (input, out) in [
            ("B 012345", "B 012345"),
            ("cj012345", "CJ 012345"),
            ("IF 0123", "IF 0123"),
            ("B 012", "B 012"),
        ] {
            assert_eq!(normalize_temporary_plate(input).as_deref(), Ok(out));
        }
        for bad in ["B 12345", "B 01", "B 0123456", "CJ 012 ABC", "XX 012345"] {
            assert_eq!(
                normalize_temporary_plate(bad),
                Err(Message::TemporaryPlate),
                "{bad}"
            );
        }
    }

    #[test]
    fn plate_rules_follow_the_registration_type() {
        use RegistrationType::*;
        assert_eq!(plate("B 123 ABC", Registered), None);
        assert_eq!(plate("B 012345", Registered), Some(Message::Plate));
        assert_eq!(plate("B 012345", Temporary), None);
        assert_eq!(plate("B 012345", ForRegistration), None);
        assert_eq!(plate("B 123 ABC", ForRegistration), None);
        assert_eq!(
            normalize_plate_for("m-ab 1234", Foreign).as_deref(),
            Ok("MAB1234")
        );
        assert_eq!(plate("W 12345X", Foreign), None);
        assert_eq!(plate("A", Foreign), Some(Message::ForeignPlate));
        assert_eq!(plate("ABCDEFGHIJKLM", Foreign), Some(Message::ForeignPlate));
        assert_eq!(plate("ÄB 12", Recorded), Some(Message::ForeignPlate));
    }
}

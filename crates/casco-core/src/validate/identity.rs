//! Romanian identity codes: CNP (persons) and CUI/CIF (companies).

use chrono::NaiveDate;

use crate::choices::Gender;
use crate::messages::Message;

/// Weights of the CNP check digit over its first 12 digits.
const CNP_WEIGHTS: [u32; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/// Weights of the CUI check digit over the 9 digits before it (left-padded with zeros).
const CUI_KEY: [u32; 9] = [7, 5, 3, 2, 1, 7, 5, 3, 2];

/// What a valid CNP tells about its holder, for prefilling the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CnpFacts {
    /// Birth date; `None` for first digit 9 (foreigners), whose CNP carries no century.
    pub birth_date: Option<NaiveDate>,
    /// Sex: odd first digit male, even female; `None` for 9, which encodes no sex.
    pub gender: Option<Gender>,
    /// County of birth or registration, 1–52.
    pub county: u8,
    /// First digit 7, 8 or 9: a foreign citizen (7/8 resident, 9 not).
    pub foreign: bool,
}

/// Checks a CNP; see [`cnp_facts`] for the rules.
pub fn cnp(value: &str) -> Option<Message> {
    cnp_facts(value).err()
}

/// Checks a CNP and reads what it encodes.
///
/// Rules: 13 digits; the check digit is Σ(digit × 279146358279) mod 11, where 10 becomes 1;
/// the first digit S gives sex and century (1/2 → 1900s, 3/4 → 1800s, 5/6 → 2000s); YYMMDD is
/// a real calendar date in that century (leap years included); county 01–52 (47 and 48, the
/// former Bucharest sectors 7 and 8, are accepted); serial 001–999.
///
/// Foreigners: 7/8 (residents) carry no century, and we assume the 1900s because they are
/// the most common among holders today and no rule says otherwise; 9 (non-residents) carries
/// neither century nor sex, so its date only has to exist in the 1900s or the 2000s and no
/// birth date or sex is prefilled. The check digit is tested first: it catches any typo,
/// whatever digit it hit, with the most useful message.
pub fn cnp_facts(value: &str) -> Result<CnpFacts, Message> {
    let v = value.trim();
    if v.len() != 13 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Message::CnpFormat);
    }
    let d: Vec<u32> = v.bytes().map(|b| u32::from(b - b'0')).collect();
    if d[0] == 0 {
        return Err(Message::CnpFirstDigit);
    }
    let sum: u32 = d.iter().zip(CNP_WEIGHTS).map(|(a, w)| a * w).sum();
    let control = match sum % 11 {
        10 => 1,
        c => c,
    };
    if control != d[12] {
        return Err(Message::CnpControl);
    }
    let yy = (d[1] * 10 + d[2]) as i32;
    let mm = d[3] * 10 + d[4];
    let dd = d[5] * 10 + d[6];
    let date_in = |century: i32| NaiveDate::from_ymd_opt(century + yy, mm, dd);
    let birth_date = match d[0] {
        1 | 2 | 7 | 8 => Some(date_in(1900).ok_or(Message::CnpDate)?),
        3 | 4 => Some(date_in(1800).ok_or(Message::CnpDate)?),
        5 | 6 => Some(date_in(2000).ok_or(Message::CnpDate)?),
        _ => {
            if date_in(1900).or_else(|| date_in(2000)).is_none() {
                return Err(Message::CnpDate);
            }
            None
        }
    };
    let county = d[7] * 10 + d[8];
    if !(1..=52).contains(&county) {
        return Err(Message::CnpCounty);
    }
    if d[9] + d[10] + d[11] == 0 {
        return Err(Message::CnpSerial);
    }
    let gender = match d[0] {
        9 => None,
        s if s % 2 == 1 => Some(Gender::M),
        _ => Some(Gender::F),
    };
    Ok(CnpFacts {
        birth_date,
        gender,
        county: county as u8,
        foreign: d[0] >= 7,
    })
}

/// Checks a CUI/CIF: optional "RO" prefix (any case, optional space), then 2–10 digits whose
/// last is the check digit: the digits before it, left-padded to 9, weighted by 753217532,
/// summed, times 10, mod 11 (10 becomes 0).
pub fn cui(value: &str) -> Option<Message> {
    normalize_cui(value).err()
}

/// The CUI as the request sends it: "RO" prefix (if typed) upper-cased and joined to the
/// digits, e.g. " ro 18547290" → "RO18547290".
pub fn normalize_cui(value: &str) -> Result<String, Message> {
    let v = value.trim();
    let (prefix, digits) = match v.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("RO") => ("RO", v[2..].trim_start()),
        _ => ("", v),
    };
    if !(2..=10).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Message::CuiFormat);
    }
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let (body, control) = d.split_at(d.len() - 1);
    let padding = 9 - body.len();
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, digit)| digit * CUI_KEY[padding + i])
        .sum();
    let expected = (sum * 10) % 11 % 10;
    if expected != control[0] {
        return Err(Message::CuiControl);
    }
    Ok(format!("{prefix}{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn cnp_century_and_sex_for_every_first_digit() {
        let cases = [
            ("1900101400012", date(1990, 1, 1), Some(Gender::M)),
            ("2960229123454", date(1996, 2, 29), Some(Gender::F)),
            ("3000229400121", None, None), // 1800 is not a leap year: refused below
            ("5000229400123", date(2000, 2, 29), Some(Gender::M)),
            ("6000229400125", date(2000, 2, 29), Some(Gender::F)),
            ("7850215123452", date(1985, 2, 15), Some(Gender::M)),
            ("8850215123454", date(1985, 2, 15), Some(Gender::F)),
        ];
        for (code, birth, gender) in cases {
            match cnp_facts(code) {
                Ok(f) => {
                    assert_eq!(f.birth_date, birth, "{code}");
                    assert_eq!(f.gender, gender, "{code}");
                }
                Err(e) => assert_eq!((code, e), ("3000229400121", Message::CnpDate)),
            }
        }
        let eighteen_hundreds = cnp_facts("4000229400121");
        assert_eq!(eighteen_hundreds, Err(Message::CnpDate));
        let f = cnp_facts(" 1900101400012 ").unwrap();
        assert_eq!(f.county, 40);
        assert!(!f.foreign);
    }

    #[test]
    fn cnp_foreign_residents_assume_the_1900s() {
        let f = cnp_facts("7850215123452").unwrap();
        assert!(f.foreign);
        assert_eq!(f.birth_date, date(1985, 2, 15));
    }

    #[test]
    fn cnp_nine_has_no_century_and_no_sex() {
        // 29 Feb "00" exists only in 2000: accepted because the century is unknown.
        let f = cnp_facts("9000229400120").unwrap();
        assert_eq!(f.birth_date, None);
        assert_eq!(f.gender, None);
        assert!(f.foreign);
    }

    #[test]
    fn cnp_wrong_control_digit_is_named() {
        assert_eq!(cnp("1900101400013"), Some(Message::CnpControl));
    }

    #[test]
    fn cnp_impossible_dates_counties_and_serials() {
        // 1900-02-29 does not exist (1900 is not a leap year); control digit is right.
        assert_eq!(cnp("2000229471235"), Some(Message::CnpDate));
        // County 52 (Giurgiu) and 47 (former Bucharest sector 7) are accepted.
        assert_eq!(cnp("5000229521239"), None);
        assert_eq!(cnp(&with_control("196022947001")), None);
        for (body, expected) in [
            ("190010153001", Message::CnpCounty),
            ("190010100001", Message::CnpCounty),
            ("190010140000", Message::CnpSerial),
            ("190013240001", Message::CnpDate),
        ] {
            assert_eq!(cnp(&with_control(body)), Some(expected), "{body}");
        }
    }

    #[test]
    fn cnp_shape_errors() {
        for bad in ["", "190010140001", "19001014000123", "19001014000a2"] {
            assert_eq!(cnp(bad), Some(Message::CnpFormat), "{bad}");
        }
        assert_eq!(
            cnp(&with_control("090010140001")),
            Some(Message::CnpFirstDigit)
        );
    }

    /// Appends the right check digit, so a test can target one rule at a time.
    fn with_control(body12: &str) -> String {
        let sum: u32 = body12
            .bytes()
            .zip(CNP_WEIGHTS)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let c = if sum % 11 == 10 { 1 } else { sum % 11 };
        format!("{body12}{c}")
    }

    #[test]
    fn cui_known_valid_codes_with_and_without_ro() {
        for ok in [
            "18547290",
            "RO18547290",
            "ro18547290",
            "RO 18547290",
            "14399840",
            "13548146",
            "1590082",
            "27",
            "123456789",
        ] {
            assert_eq!(cui(ok), None, "{ok}");
        }
        assert_eq!(normalize_cui(" ro 18547290 ").unwrap(), "RO18547290");
        assert_eq!(normalize_cui("14399840").unwrap(), "14399840");
    }

    #[test]
    fn cui_invalid_codes() {
        for (bad, expected) in [
            ("18547291", Message::CuiControl),
            ("RO14399841", Message::CuiControl),
            ("10", Message::CuiControl),
            ("1", Message::CuiFormat),
            ("12345678901", Message::CuiFormat),
            ("RO", Message::CuiFormat),
            ("RX18547290", Message::CuiFormat),
            ("1854 7290", Message::CuiFormat),
            ("", Message::CuiFormat),
        ] {
            assert_eq!(cui(bad), Some(expected), "{bad}");
        }
    }
}

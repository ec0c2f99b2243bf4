//! Numbers and dates as the agent types them, and the date rules of a quote.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::messages::Message;

/// Parses a whole number; spaces (thousands groups) are ignored.
pub fn parse_integer(value: &str) -> Option<i64> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    v.parse().ok()
}

/// Parses a decimal as agents type it: "1234.56", "1234,56", "1.234,56", "1 234,56".
///
/// With a comma present, the comma is the decimal mark and dots group thousands (the Romanian
/// way); without one, a single dot is the decimal mark and several dots group thousands.
pub fn parse_decimal(value: &str) -> Option<Decimal> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let allowed = |c: char| c.is_ascii_digit() || ".,-".contains(c);
    if v.is_empty() || v.starts_with(['.', ',']) || !v.chars().all(allowed) {
        return None;
    }
    let plain = if v.contains(',') {
        if v.matches(',').count() > 1 {
            return None;
        }
        v.replace('.', "").replace(',', ".")
    } else if v.matches('.').count() > 1 {
        v.replace('.', "")
    } else {
        v
    };
    plain.parse().ok()
}

/// A whole number within `min..=max`.
pub fn integer_in(value: &str, min: i64, max: i64) -> Result<i64, Message> {
    let n = parse_integer(value).ok_or(Message::NotInteger)?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(Message::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
        })
    }
}

/// A decimal within `min..=max`.
pub fn decimal_in(value: &str, min: Decimal, max: Decimal) -> Result<Decimal, Message> {
    let n = parse_decimal(value).ok_or(Message::NotNumber)?;
    if n >= min && n <= max {
        Ok(n)
    } else {
        Err(Message::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
        })
    }
}

/// Parses a date typed as ISO `yyyy-mm-dd` (what the payload and date pickers use) or as
/// `dd.mm.yyyy` (how Romanian agents write dates).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d.%m.%Y"))
        .ok()
        // chrono accepts 5-digit and negative years; no field of ours means those.
        .filter(|d| (1000..=9999).contains(&d.year()))
}

/// Today on the Bucharest calendar: the day the start-date rule is judged on.
pub use casco_api::session::today_in_bucharest;

fn first_of_1900() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
}

/// A past-or-today date from 1900 on.
pub fn past_date(value: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    let d = parse_date(value).ok_or(Message::Date)?;
    if d < first_of_1900() {
        Err(Message::DateTooOld)
    } else if d > today {
        Err(Message::DateInFuture)
    } else {
        Ok(d)
    }
}

/// Birth date: not in the future, and not more than 120 years ago (the API refuses both).
pub fn birth_date(value: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    let d = past_date(value, today)?;
    match today.checked_sub_months(Months::new(120 * 12)) {
        Some(oldest) if d < oldest => Err(Message::BirthdateTooOld),
        _ => Ok(d),
    }
}

/// Driving licence date: not in the future, and (when the birth date is known) on or after
/// the 18th birthday, the minimum age for a car licence (born on 29 February: 28 February).
pub fn licence_date(
    value: &str,
    birth: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<NaiveDate, Message> {
    let d = past_date(value, today)?;
    match birth.and_then(|b| b.checked_add_months(Months::new(18 * 12))) {
        Some(adult) if d < adult => Err(Message::LicenceBefore18),
        _ => Ok(d),
    }
}

/// Identity document issue date: not in the future.
pub fn id_issue_date(value: &str, today: NaiveDate) -> Result<NaiveDate, Message> {
    past_date(value, today)
}

/// First registration: not in the future, and not before the year before construction
/// (a car built in January may carry the previous model year's papers, never older).
pub fn first_registration(
    value: &str,
    year_of_construction: Option<i32>,
    today: NaiveDate,
) -> Result<NaiveDate, Message> {
    let d = past_date(value, today)?;
    match year_of_construction {
        Some(year) if d.year() < year - 1 => Err(Message::RegistrationBeforeConstruction),
        _ => Ok(d),
    }
}

/// Policy start: tomorrow or later for a registered vehicle (insurers refuse today, the
/// vehicle may already be damaged), today or later otherwise, at most a year ahead (a later
/// date is a typo: insurers quote only for the coming months).
pub fn start_date(value: &str, registered: bool, today: NaiveDate) -> Result<NaiveDate, Message> {
    let d = parse_date(value).ok_or(Message::Date)?;
    let limit = today
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    if registered && d <= today {
        Err(Message::StartNotTomorrow)
    } else if d < today {
        Err(Message::StartInPast)
    } else if d > limit {
        Err(Message::StartTooFar)
    } else {
        Ok(d)
    }
}

/// An expiry date (ITP, rovinietă): may be past or future; only a real date from 1900 on.
pub fn expiry_date(value: &str) -> Result<NaiveDate, Message> {
    let d = parse_date(value).ok_or(Message::Date)?;
    if d < first_of_1900() {
        return Err(Message::DateTooOld);
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use std::str::FromStr;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn integers_and_ranges() {
        assert_eq!(integer_in("1 800", 0, 10_000), Ok(1800));
        assert_eq!(integer_in(" 5 ", 1, 9), Ok(5));
        assert_eq!(integer_in("-1", -5, 5), Ok(-1));
        assert_eq!(integer_in("", 0, 5), Err(Message::NotInteger));
        assert_eq!(integer_in("1.5", 0, 5), Err(Message::NotInteger));
        assert_eq!(
            integer_in("10", 0, 9),
            Err(Message::OutOfRange {
                min: "0".into(),
                max: "9".into()
            })
        );
    }

    #[test]
    fn decimals_in_both_notations() {
        for (input, out) in [
            ("100000.00", "100000.00"),
            ("10000.5", "10000.5"),
            ("1234,56", "1234.56"),
            ("1.234,56", "1234.56"),
            ("1 234,56", "1234.56"),
            ("1.234.567", "1234567"),
            ("7000", "7000"),
            ("-3", "-3"),
        ] {
            assert_eq!(parse_decimal(input), Some(dec(out)), "{input}");
        }
        for bad in ["", "abc", "1,2,3", "1e5", "+5", ",5", "1.2.3,4,5"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
        // Scale is kept: "100000.00" stays "100000.00" on the wire.
        assert_eq!(parse_decimal("100000.00").unwrap().to_string(), "100000.00");
        assert_eq!(decimal_in("20", dec("0"), dec("100")), Ok(dec("20")));
        assert!(decimal_in("100,01", dec("0"), dec("100")).is_err());
        assert_eq!(decimal_in("x", dec("0"), dec("1")), Err(Message::NotNumber));
    }

    #[test]
    fn dates_in_iso_and_romanian_form() {
        assert_eq!(parse_date("2024-02-29"), Some(day(2024, 2, 29)));
        assert_eq!(parse_date("29.02.2024"), Some(day(2024, 2, 29)));
        assert_eq!(parse_date(" 2025-03-31 "), Some(day(2025, 3, 31)));
        for bad in [
            "",
            "2023-02-29",
            "31.04.2025",
            "2025-13-01",
            "12345-01-01",
            "2025/01/01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn birth_and_document_dates() {
        let today = day(2025, 6, 15);
        assert_eq!(birth_date("1990-01-01", today), Ok(day(1990, 1, 1)));
        assert_eq!(birth_date("2025-06-15", today), Ok(today));
        assert_eq!(birth_date("2025-06-16", today), Err(Message::DateInFuture));
        assert_eq!(birth_date("1899-12-31", today), Err(Message::DateTooOld));
        assert_eq!(birth_date("1990-1-1x", today), Err(Message::Date));
        // The API refuses a holder older than 120 years.
        assert_eq!(birth_date("1905-06-15", today), Ok(day(1905, 6, 15)));
        assert_eq!(
            birth_date("1905-06-14", today),
            Err(Message::BirthdateTooOld)
        );
        assert_eq!(
            id_issue_date("2026-01-01", today),
            Err(Message::DateInFuture)
        );
    }

    #[test]
    fn licence_needs_age_18() {
        let today = day(2025, 6, 15);
        let birth = Some(day(2000, 2, 29));
        // Born on 29 February: 18 on 28 February of a common year (chrono clamps the day).
        assert_eq!(
            licence_date("2018-02-27", birth, today),
            Err(Message::LicenceBefore18)
        );
        assert_eq!(
            licence_date("2018-02-28", birth, today),
            Ok(day(2018, 2, 28))
        );
        assert_eq!(
            licence_date("2030-01-01", birth, today),
            Err(Message::DateInFuture)
        );
        assert_eq!(licence_date("2001-01-01", None, today), Ok(day(2001, 1, 1)));
    }

    #[test]
    fn first_registration_against_year_of_construction() {
        let today = day(2025, 6, 15);
        assert!(first_registration("2019-12-20", Some(2020), today).is_ok());
        assert_eq!(
            first_registration("2018-12-31", Some(2020), today),
            Err(Message::RegistrationBeforeConstruction)
        );
        assert_eq!(
            first_registration("2025-06-16", Some(2020), today),
            Err(Message::DateInFuture)
        );
        assert!(first_registration("2015-06-01", None, today).is_ok());
    }

    #[test]
    fn start_date_rules() {
        let today = day(2025, 6, 15);
        assert_eq!(
            start_date("2025-06-15", true, today),
            Err(Message::StartNotTomorrow)
        );
        assert_eq!(
            start_date("2025-06-14", true, today),
            Err(Message::StartNotTomorrow)
        );
        assert_eq!(start_date("2025-06-16", true, today), Ok(day(2025, 6, 16)));
        assert_eq!(start_date("2025-06-15", false, today), Ok(today));
        assert_eq!(
            start_date("2025-06-14", false, today),
            Err(Message::StartInPast)
        );
        assert_eq!(start_date("2026-06-15", true, today), Ok(day(2026, 6, 15)));
        assert_eq!(
            start_date("2026-06-16", true, today),
            Err(Message::StartTooFar)
        );
    }

    #[test]
    fn expiry_dates_may_be_in_the_future() {
        assert_eq!(expiry_date("2027-05-12"), Ok(day(2027, 5, 12)));
        assert_eq!(expiry_date("2020-05-12"), Ok(day(2020, 5, 12)));
        assert_eq!(expiry_date("1800-01-01"), Err(Message::DateTooOld));
    }

    #[test]
    fn bucharest_midnight_decides_today() {
        // 22:30 UTC on 15 June is already 16 June in Bucharest (UTC+3 in summer).
        let late = DateTime::parse_from_rfc3339("2025-06-15T22:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(today_in_bucharest(late), day(2025, 6, 16));
        // 21:30 UTC on 15 January is 23:30 in Bucharest (UTC+2 in winter).
        let winter = DateTime::parse_from_rfc3339("2025-01-15T21:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(today_in_bucharest(winter), day(2025, 1, 15));
    }
}

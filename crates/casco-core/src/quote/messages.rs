//! Every sentence the quote wizard's checks show an agent, in Romanian (comma-below ș ț) and
//! English. Kept apart from the shared catalogue in `messages.rs` so the wizard's wording can
//! grow without touching it.

use crate::messages::Language;

/// A field-level message of the quote wizard; [`QuoteMessage::text`] renders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteMessage {
    /// A required field is empty.
    Required,
    /// The CNP is not 13 digits.
    CnpFormat,
    /// The CNP starts with 0 (no sex/century digit).
    CnpFirstDigit,
    /// The CNP's check digit does not match.
    CnpControl,
    /// The CNP's YYMMDD is not a calendar date.
    CnpDate,
    /// The CNP's county code is outside 01–52.
    CnpCounty,
    /// The CNP's serial number is 000.
    CnpSerial,
    /// The birth date typed differs from the one in the CNP.
    BirthdateNotCnp,
    /// The sex chosen differs from the one in the CNP.
    GenderNotCnp,
    /// The CUI is not 2–10 digits with an optional RO prefix.
    CuiFormat,
    /// The CUI's check digit does not match.
    CuiControl,
    /// A foreign tax id outside 2–20 letters and digits.
    ForeignTaxId,
    /// The VIN is not 17 characters.
    VinLength,
    /// The VIN holds I, O, Q or a non-alphanumeric character.
    VinChars,
    /// A Romanian plate that matches no known form.
    Plate,
    /// A temporary plate that matches no known form.
    TemporaryPlate,
    /// A foreign or locally recorded plate outside 2–12 letters and digits.
    ForeignPlate,
    /// Malformed e-mail address.
    Email,
    /// Not a Romanian mobile number.
    Mobile,
    /// CAEN code not 4 digits.
    Caen,
    /// Postcode not 6 digits.
    Postcode,
    /// ISO 3166 alpha-2 country code expected.
    CountryCode,
    /// Not a whole number.
    NotInteger,
    /// Not a number.
    NotNumber,
    /// A number outside an inclusive range.
    OutOfRange {
        /// Lowest allowed value, formatted.
        min: String,
        /// Highest allowed value, formatted.
        max: String,
    },
    /// A value outside a closed set.
    OneOf {
        /// The allowed values, formatted.
        allowed: String,
    },
    /// Not a date.
    Date,
    /// A date that must not be in the future.
    DateInFuture,
    /// A date before 1900.
    DateTooOld,
    /// A birth date more than 120 years ago.
    BirthdateTooOld,
    /// Driving licence obtained before the holder turned 18.
    LicenceBefore18,
    /// First registration before the year before construction.
    RegistrationBeforeConstruction,
    /// Start date today or earlier for a registered vehicle.
    StartNotTomorrow,
    /// Start date in the past for a vehicle not yet registered.
    StartInPast,
    /// Start date more than a year ahead.
    StartTooFar,
    /// Bonus-malus class outside B0–B14, M1–M8.
    BonusMalusClass,
    /// A group of fields needs this one too (e.g. deductibles, renewal policy).
    CompleteGroup,
}

impl QuoteMessage {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Language) -> String {
        let ro = lang == Language::Ro;
        match self {
            Self::Required => lang.pick("Câmp obligatoriu.", "Required field."),
            Self::CnpFormat => lang.pick(
                "CNP invalid: trebuie să aibă exact 13 cifre.",
                "Invalid CNP: it must have exactly 13 digits.",
            ),
            Self::CnpFirstDigit => lang.pick(
                "CNP invalid: prima cifră trebuie să fie între 1 și 9.",
                "Invalid CNP: the first digit must be 1 to 9.",
            ),
            Self::CnpControl => lang.pick(
                "CNP invalid: cifra de control nu corespunde.",
                "Invalid CNP: the check digit does not match.",
            ),
            Self::CnpDate => lang.pick(
                "CNP invalid: data nașterii din CNP nu există în calendar.",
                "Invalid CNP: its birth date is not a calendar date.",
            ),
            Self::CnpCounty => lang.pick(
                "CNP invalid: codul județului (cifrele 8–9) trebuie să fie între 01 și 52.",
                "Invalid CNP: the county code (digits 8–9) must be 01 to 52.",
            ),
            Self::CnpSerial => lang.pick(
                "CNP invalid: numărul de ordine (cifrele 10–12) nu poate fi 000.",
                "Invalid CNP: the serial number (digits 10–12) cannot be 000.",
            ),
            Self::BirthdateNotCnp => lang.pick(
                "Data nașterii nu corespunde cu CNP-ul.",
                "The birth date does not match the CNP.",
            ),
            Self::GenderNotCnp => lang.pick(
                "Sexul nu corespunde cu CNP-ul.",
                "The sex does not match the CNP.",
            ),
            Self::CuiFormat => lang.pick(
                "CUI invalid: 2–10 cifre, opțional precedate de RO.",
                "Invalid CUI: 2 to 10 digits, optionally preceded by RO.",
            ),
            Self::CuiControl => lang.pick(
                "CUI invalid: cifra de control nu corespunde.",
                "Invalid CUI: the check digit does not match.",
            ),
            Self::ForeignTaxId => lang.pick(
                "Cod de identificare fiscală invalid: 2–20 litere și cifre.",
                "Invalid tax id: 2 to 20 letters and digits.",
            ),
            Self::VinLength => lang.pick(
                "VIN invalid: seria de șasiu are exact 17 caractere.",
                "Invalid VIN: it has exactly 17 characters.",
            ),
            Self::VinChars => lang.pick(
                "VIN invalid: doar litere și cifre, fără I, O și Q.",
                "Invalid VIN: letters and digits only, without I, O and Q.",
            ),
            Self::Plate => lang.pick(
                "Număr de înmatriculare invalid (ex.: B 123 ABC, CJ 12 ABC).",
                "Invalid licence plate (e.g. B 123 ABC, CJ 12 ABC).",
            ),
            Self::TemporaryPlate => lang.pick(
                "Număr provizoriu invalid (ex.: B 012345, CJ 0123).",
                "Invalid temporary plate (e.g. B 012345, CJ 0123).",
            ),
            Self::ForeignPlate => lang.pick(
                "Număr de înmatriculare invalid: 2–12 litere și cifre.",
                "Invalid licence plate: 2 to 12 letters and digits.",
            ),
            Self::Email => lang.pick("Adresă de e-mail invalidă.", "Invalid e-mail address."),
            Self::Mobile => lang.pick(
                "Telefon mobil invalid (ex.: 0712 345 678 sau +40 712 345 678).",
                "Invalid mobile number (e.g. 0712 345 678 or +40 712 345 678).",
            ),
            Self::Caen => lang.pick("Cod CAEN invalid: 4 cifre.", "Invalid CAEN code: 4 digits."),
            Self::Postcode => lang.pick(
                "Cod poștal invalid: 6 cifre.",
                "Invalid postcode: 6 digits.",
            ),
            Self::CountryCode => lang.pick(
                "Cod de țară invalid: două litere (ex.: RO).",
                "Invalid country code: two letters (e.g. RO).",
            ),
            Self::NotInteger => lang.pick("Introduceți un număr întreg.", "Enter a whole number."),
            Self::NotNumber => lang.pick("Introduceți un număr.", "Enter a number."),
            Self::OutOfRange { min, max } => {
                if ro {
                    format!("Valoarea trebuie să fie între {min} și {max}.")
                } else {
                    format!("The value must be between {min} and {max}.")
                }
            }
            Self::OneOf { allowed } => {
                if ro {
                    format!("Valoare nepermisă; alegeți una dintre: {allowed}.")
                } else {
                    format!("Value not allowed; choose one of: {allowed}.")
                }
            }
            Self::Date => lang.pick(
                "Dată invalidă (ex.: 31.03.2025).",
                "Invalid date (e.g. 31.03.2025).",
            ),
            Self::DateInFuture => lang.pick(
                "Data nu poate fi în viitor.",
                "The date cannot be in the future.",
            ),
            Self::DateTooOld => lang.pick(
                "Data nu poate fi înainte de 1900.",
                "The date cannot be before 1900.",
            ),
            Self::BirthdateTooOld => lang.pick(
                "Data nașterii nu poate fi cu mai mult de 120 de ani în urmă.",
                "The birth date cannot be more than 120 years ago.",
            ),
            Self::LicenceBefore18 => lang.pick(
                "Permisul se poate obține doar după împlinirea vârstei de 18 ani.",
                "A driving licence can only be obtained from age 18.",
            ),
            Self::RegistrationBeforeConstruction => lang.pick(
                "Data primei înmatriculări nu poate fi cu mult înainte de anul fabricației.",
                "The first registration cannot be well before the year of construction.",
            ),
            Self::StartNotTomorrow => lang.pick(
                "Data începerii trebuie să fie cel puțin mâine pentru un vehicul înmatriculat.",
                "The start date must be tomorrow or later for a registered vehicle.",
            ),
            Self::StartInPast => lang.pick(
                "Data începerii nu poate fi în trecut.",
                "The start date cannot be in the past.",
            ),
            Self::StartTooFar => lang.pick(
                "Data începerii nu poate fi la mai mult de un an de azi.",
                "The start date cannot be more than a year from today.",
            ),
            Self::BonusMalusClass => lang.pick(
                "Clasa bonus-malus trebuie să fie B0–B14 sau M1–M8.",
                "The bonus-malus class must be B0–B14 or M1–M8.",
            ),
            Self::CompleteGroup => {
                lang.pick("Completați și acest câmp.", "Fill in this field as well.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanian_wording_matches_the_ux_notes() {
        assert_eq!(
            QuoteMessage::Required.text(Language::Ro),
            "Câmp obligatoriu."
        );
        assert_eq!(
            QuoteMessage::CnpControl.text(Language::Ro),
            "CNP invalid: cifra de control nu corespunde."
        );
        assert_eq!(
            QuoteMessage::StartNotTomorrow.text(Language::Ro),
            "Data începerii trebuie să fie cel puțin mâine pentru un vehicul înmatriculat."
        );
    }

    #[test]
    fn no_cedilla_letters_anywhere() {
        let all = [
            QuoteMessage::CnpCounty,
            QuoteMessage::Mobile,
            QuoteMessage::Postcode,
            QuoteMessage::CompleteGroup,
            QuoteMessage::RegistrationBeforeConstruction,
            QuoteMessage::LicenceBefore18,
            QuoteMessage::StartTooFar,
        ];
        for m in all {
            let text = m.text(Language::Ro);
            assert!(!text.contains(['ş', 'ţ', 'Ş', 'Ţ']), "{text}");
        }
    }
}

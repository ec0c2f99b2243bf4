//! The Rust side's message catalogue: every sentence the domain shows an agent, in Romanian
//! (the default) and English. The UI has its own catalogues for its labels.

use serde::{Deserialize, Serialize};

/// The agent's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Romanian, the default.
    #[default]
    Ro,
    /// English.
    En,
}

impl Language {
    /// The Romanian or the English sentence, whichever is this language.
    pub(crate) fn pick(self, ro: &str, en: &str) -> String {
        match self {
            Language::Ro => ro.to_owned(),
            Language::En => en.to_owned(),
        }
    }
}

/// A sentence shown to the agent; `text` renders it in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A required field is empty.
    Required,
    /// The e-mail address is malformed.
    InvalidEmail,
    /// The URL is not an http(s) address.
    InvalidUrl,
    /// The phone number is malformed.
    InvalidPhone,
    /// A value outside its allowed set.
    NotAllowed {
        /// The allowed values, already formatted.
        allowed: String,
    },
    /// A number outside an inclusive range.
    OutOfRange {
        /// Lowest allowed value.
        min: i64,
        /// Highest allowed value.
        max: i64,
    },
    /// The quoting timeout outside its range, in seconds.
    TimeoutOutOfRange {
        /// Shortest allowed timeout.
        min: u16,
        /// Longest allowed timeout.
        max: u16,
    },
    /// Text longer than allowed.
    TooLong {
        /// Maximum number of characters.
        max: usize,
    },
    /// A field holds a value the program does not know.
    UnknownValue,
    /// Summary for a form with field errors.
    FixHighlighted,
    /// The logo file is not a PNG or JPEG image.
    LogoNotImage,
    /// The logo file is too large.
    LogoTooLarge {
        /// Maximum size in kilobytes.
        max_kb: u64,
    },
    /// The API host cannot be reached.
    CannotConnect,
    /// The API did not answer in time.
    TimedOut,
    /// Login refused.
    WrongCredentials,
    /// The session was refused after a refresh and a new login.
    SessionRefused,
    /// The server refused with a message of its own.
    ServerRefused {
        /// The server's message.
        message: String,
    },
    /// The server's answer could not be read.
    BadAnswer,
    /// The server rejected some fields.
    ServerValidation,
    /// The OS keychain refused to keep a secret.
    KeychainUnavailable,
    /// An API action needs a login first.
    NotLoggedIn,
    /// The account field of the login form is empty.
    AccountRequired,
    /// The password field of the login form is empty.
    PasswordRequired,
    /// Demo credentials cannot be changed.
    DemoCredentialsBuiltIn,
}

impl Message {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Language) -> String {
        use Language::{En, Ro};
        match (self, lang) {
            (Self::Required, Ro) => "Câmp obligatoriu.".into(),
            (Self::Required, En) => "Required field.".into(),
            (Self::InvalidEmail, Ro) => {
                "Adresa de e-mail nu este validă (exemplu: nume@firma.ro).".into()
            }
            (Self::InvalidEmail, En) => {
                "The e-mail address is not valid (example: name@company.ro).".into()
            }
            (Self::InvalidUrl, Ro) => {
                "Adresa trebuie să înceapă cu http:// sau https:// (exemplu: https://api.exemplu.ro)."
                    .into()
            }
            (Self::InvalidUrl, En) => {
                "The address must start with http:// or https:// (example: https://api.example.com)."
                    .into()
            }
            (Self::InvalidPhone, Ro) => {
                "Numărul de telefon nu este valid (exemplu: 0712 345 678 sau +40 21 123 4567).".into()
            }
            (Self::InvalidPhone, En) => {
                "The phone number is not valid (example: 0712 345 678 or +40 21 123 4567).".into()
            }
            (Self::NotAllowed { allowed }, Ro) => format!("Valori permise: {allowed}."),
            (Self::NotAllowed { allowed }, En) => format!("Allowed values: {allowed}."),
            (Self::OutOfRange { min, max }, Ro) => format!("Valoarea trebuie să fie între {min} și {max}."),
            (Self::OutOfRange { min, max }, En) => format!("The value must be between {min} and {max}."),
            (Self::TimeoutOutOfRange { min, max }, Ro) => {
                format!("Timpul de așteptare trebuie să fie între {min} și {max} de secunde.")
            }
            (Self::TimeoutOutOfRange { min, max }, En) => {
                format!("The waiting time must be between {min} and {max} seconds.")
            }
            (Self::TooLong { max }, Ro) => format!("Cel mult {max} caractere."),
            (Self::TooLong { max }, En) => format!("At most {max} characters."),
            (Self::UnknownValue, Ro) => "Valoare necunoscută; alegeți una din listă.".into(),
            (Self::UnknownValue, En) => "Unknown value; choose one from the list.".into(),
            (Self::FixHighlighted, Ro) => "Corectați câmpurile marcate; nimic nu a fost salvat.".into(),
            (Self::FixHighlighted, En) => "Fix the highlighted fields; nothing was saved.".into(),
            (Self::LogoNotImage, Ro) => "Logo-ul trebuie să fie o imagine PNG sau JPEG.".into(),
            (Self::LogoNotImage, En) => "The logo must be a PNG or JPEG image.".into(),
            (Self::LogoTooLarge { max_kb }, Ro) => format!("Logo-ul poate avea cel mult {max_kb} KB."),
            (Self::LogoTooLarge { max_kb }, En) => format!("The logo can be at most {max_kb} KB."),
            (Self::CannotConnect, Ro) => {
                "Serverul CascoApi nu poate fi contactat. Verificați conexiunea la internet și adresa din Setări.".into()
            }
            (Self::CannotConnect, En) => {
                "The CascoApi server cannot be reached. Check the internet connection and the address in Settings.".into()
            }
            (Self::TimedOut, Ro) => "Serverul CascoApi nu a răspuns la timp. Încercați din nou.".into(),
            (Self::TimedOut, En) => "The CascoApi server did not answer in time. Try again.".into(),
            (Self::WrongCredentials, Ro) => "Contul sau parola nu sunt corecte.".into(),
            (Self::WrongCredentials, En) => "The account or the password is not correct.".into(),
            (Self::SessionRefused, Ro) => {
                "Sesiunea a fost refuzată de server. Autentificați-vă din nou.".into()
            }
            (Self::SessionRefused, En) => "The server refused the session. Log in again.".into(),
            (Self::ServerRefused { message }, Ro) => format!("Serverul a refuzat cererea: {message}"),
            (Self::ServerRefused { message }, En) => format!("The server refused the request: {message}"),
            (Self::BadAnswer, Ro) => {
                "Serverul a trimis un răspuns care nu poate fi citit; detaliile sunt în jurnalul aplicației.".into()
            }
            (Self::BadAnswer, En) => {
                "The server sent an answer that cannot be read; the details are in the app log.".into()
            }
            (Self::ServerValidation, Ro) => "Serverul a respins unele date; vedeți mesajele de la câmpuri.".into(),
            (Self::ServerValidation, En) => "The server rejected some data; see the messages at the fields.".into(),
            (Self::KeychainUnavailable, Ro) => {
                "Portofelul de parole al sistemului nu este disponibil; parola nu a fost păstrată.".into()
            }
            (Self::KeychainUnavailable, En) => {
                "The system keychain is not available; the password was not kept.".into()
            }
            (Self::NotLoggedIn, Ro) => "Nu sunteți autentificat. Apăsați „Autentificare”.".into(),
            (Self::NotLoggedIn, En) => "You are not logged in. Press “Log in”.".into(),
            (Self::AccountRequired, Ro) => "Introduceți contul CascoApi.".into(),
            (Self::AccountRequired, En) => "Enter the CascoApi account.".into(),
            (Self::PasswordRequired, Ro) => "Introduceți parola.".into(),
            (Self::PasswordRequired, En) => "Enter the password.".into(),
            (Self::DemoCredentialsBuiltIn, Ro) => {
                "În mediul Demo datele de acces ale asigurătorilor sunt incluse și nu se modifică.".into()
            }
            (Self::DemoCredentialsBuiltIn, En) => {
                "In the Demo environment the insurers' credentials are built in and cannot be changed.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanian_uses_comma_below_letters() {
        let all = [
            Message::Required,
            Message::InvalidEmail,
            Message::InvalidUrl,
            Message::InvalidPhone,
            Message::FixHighlighted,
            Message::OutOfRange { min: 1, max: 12 },
            Message::TimeoutOutOfRange { min: 5, max: 600 },
        ];
        for m in all {
            let t = m.text(Language::Ro);
            assert!(!t.contains('ş') && !t.contains('ţ'), "cedilla in {t}");
        }
        assert_eq!(
            Message::OutOfRange { min: 1, max: 12 }.text(Language::Ro),
            "Valoarea trebuie să fie între 1 și 12."
        );
    }

    #[test]
    fn language_serializes_lowercase() {
        assert_eq!(serde_json::to_string(&Language::En).unwrap(), "\"en\"");
        assert!(serde_json::from_str::<Language>("\"de\"").is_err());
    }
}

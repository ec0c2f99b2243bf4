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
    /// A secret is larger than one keychain entry holds on every platform.
    KeychainTooLong {
        /// Its size in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A base URL with plain http for a host that is not this machine.
    InsecureUrl,
    /// A base URL with an account or password inside.
    CredentialsInUrl,
    /// The API answered with a redirect, which is never followed.
    Redirected {
        /// The host it pointed to.
        host: String,
    },
    /// The API's answer was over its size limit.
    AnswerTooLarge,
    /// The settings file was unreadable at start; the last good copy replaced it.
    SettingsRestored {
        /// Where the unreadable file was kept.
        kept: String,
    },
    /// Files of an earlier release stayed in its folder (the same names exist in the new one).
    OldDataLeft {
        /// The earlier release's folder.
        folder: String,
    },
    /// The saved settings no longer pass this version's checks; defaults are used.
    SettingsInvalid,
    /// The settings file was unreadable at start and there was no good copy.
    SettingsUnreadable {
        /// Where the unreadable file was kept.
        kept: String,
    },
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
            (Self::KeychainTooLong { bytes, limit }, Ro) => format!(
                "Autentificarea nu a fost păstrată: portofelul de parole al sistemului primește cel mult {limit} de octeți pe intrare, iar valoarea are {bytes} de octeți. Vă veți autentifica la următoarea pornire."
            ),
            (Self::KeychainTooLong { bytes, limit }, En) => format!(
                "The login was not kept: the system keychain takes at most {limit} bytes per entry and the value has {bytes}. You will log in at the next start."
            ),
            (Self::InsecureUrl, Ro) => {
                "Folosiți o adresă https://. Adresele http:// sunt acceptate doar pentru acest calculator (127.0.0.1, localhost), altfel parola ar circula necriptată.".into()
            }
            (Self::InsecureUrl, En) => {
                "Use an https:// address. http:// is accepted only for this computer (127.0.0.1, localhost); otherwise the password would travel unencrypted.".into()
            }
            (Self::CredentialsInUrl, Ro) => {
                "Adresa nu poate conține cont sau parolă; introduceți-le la autentificare.".into()
            }
            (Self::CredentialsInUrl, En) => {
                "The address cannot contain an account or a password; enter them when you log in.".into()
            }
            (Self::Redirected { host }, Ro) => format!(
                "Serverul CascoApi a trimis cererea mai departe, către {host}. Casco Desk nu urmează redirecționări, ca parolele și datele clienților să nu ajungă la altă adresă. Verificați adresa din Setări."
            ),
            (Self::Redirected { host }, En) => format!(
                "The CascoApi server forwarded the request to {host}. Casco Desk does not follow redirects, so passwords and client data never reach another address. Check the address in Settings."
            ),
            (Self::AnswerTooLarge, Ro) => {
                "Răspunsul serverului este mai mare decât limita acceptată și a fost refuzat; nu s-a salvat nimic.".into()
            }
            (Self::AnswerTooLarge, En) => {
                "The server's answer is larger than the accepted limit and was refused; nothing was saved.".into()
            }
            (Self::SettingsRestored { kept }, Ro) => format!(
                "Fișierul de setări era deteriorat (probabil aplicația s-a oprit în timpul unei salvări). Am refăcut setările din ultima copie bună; fișierul deteriorat a fost păstrat în {kept}."
            ),
            (Self::SettingsRestored { kept }, En) => format!(
                "The settings file was damaged (the app probably stopped during a save). The settings were restored from the last good copy; the damaged file was kept at {kept}."
            ),
            (Self::OldDataLeft { folder }, Ro) => format!(
                "Unele fișiere ale versiunii anterioare au rămas în {folder}, pentru că noul dosar avea deja fișiere cu același nume. Nu s-a șters nimic."
            ),
            (Self::OldDataLeft { folder }, En) => format!(
                "Some files of the earlier version stayed in {folder}, because the new folder already had files with the same names. Nothing was deleted."
            ),
            (Self::SettingsInvalid, Ro) => {
                "Setările salvate nu mai trec verificările acestei versiuni (de exemplu, o adresă http:// pentru un server din rețea). Aplicația folosește setările implicite până le salvați din nou în Setări.".into()
            }
            (Self::SettingsInvalid, En) => {
                "The saved settings no longer pass this version's checks (for example, an http:// address for a server on the network). The app uses the default settings until you save them again in Settings.".into()
            }
            (Self::SettingsUnreadable { kept }, Ro) => format!(
                "Fișierul de setări nu a putut fi citit și nu există o copie bună. Aplicația folosește setările implicite până le salvați; fișierul a fost păstrat în {kept}."
            ),
            (Self::SettingsUnreadable { kept }, En) => format!(
                "The settings file could not be read and there is no good copy. The app uses the default settings until you save; the file was kept at {kept}."
            ),
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

impl From<casco_api::UnsafeBaseUrl> for Message {
    fn from(why: casco_api::UnsafeBaseUrl) -> Message {
        match why {
            casco_api::UnsafeBaseUrl::PlainHttp => Message::InsecureUrl,
            casco_api::UnsafeBaseUrl::Credentials => Message::CredentialsInUrl,
            casco_api::UnsafeBaseUrl::NotHttp | casco_api::UnsafeBaseUrl::QueryOrFragment => {
                Message::InvalidUrl
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

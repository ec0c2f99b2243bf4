//! Everything the domain says to an agent, as codes with parameters. Rust never words a
//! sentence: the UI renders each code from `ui/src/lib/i18n/messages/ro.ts` and `en.ts` in
//! the language in force when it is shown (a typecheck fails when a code has no sentence),
//! and the CLI renders the same codes in English. A stored message (a sync error, a quote
//! outcome rebuilt from the stored answer) therefore follows the language of the day.
//!
//! One enum for the whole domain, so there is one place to add a sentence. Parameters are
//! plain data (text, whole numbers, request paths, ISO dates), never preformatted prose. A
//! variant with a multi-word parameter carries its own `rename_all = "camelCase"`: specta
//! does not read serde's `rename_all_fields`.

use serde::{Deserialize, Serialize};

/// A sentence for the agent, as a code with its parameters; serialized `{ "code": "…", … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum Message {
    // ── Forms: settings, login, the wizard ──
    /// A required field is empty.
    Required,
    /// Settings: the e-mail address is malformed.
    InvalidEmail,
    /// Not an http(s) address with a host.
    InvalidUrl,
    /// Plain http for a host that is not this machine.
    InsecureUrl,
    /// An address with an account or password inside.
    CredentialsInUrl,
    /// Settings: the phone number is malformed.
    InvalidPhone,
    /// A value outside its allowed set (settings wording).
    NotAllowed {
        /// The allowed values, as shown.
        allowed: String,
    },
    /// A value outside a closed set (wizard wording).
    OneOf {
        /// The allowed values, as shown.
        allowed: String,
    },
    /// A number outside an inclusive range.
    OutOfRange {
        /// Lowest allowed value, as digits.
        min: String,
        /// Highest allowed value, as digits.
        max: String,
    },
    /// The quoting timeout outside its range, in seconds.
    TimeoutOutOfRange {
        /// Shortest allowed.
        min: u32,
        /// Longest allowed.
        max: u32,
    },
    /// Text longer than allowed.
    TooLong {
        /// Maximum number of characters.
        max: u32,
    },
    /// A field holds a value the program does not know.
    UnknownValue,
    /// Summary for a form with field errors: nothing was saved.
    FixHighlighted,
    /// The logo file is not a PNG or JPEG image.
    LogoNotImage,
    /// The logo file is too large.
    #[serde(rename_all = "camelCase")]
    LogoTooLarge {
        /// Maximum size in kilobytes.
        max_kb: u32,
    },
    /// The account field of the login form is empty.
    AccountRequired,
    /// The password field of the login form is empty.
    PasswordRequired,

    // ── The wizard's field checks ──
    /// The CNP is not 13 digits.
    CnpFormat,
    /// The CNP starts with 0.
    CnpFirstDigit,
    /// The CNP's check digit does not match.
    CnpControl,
    /// The CNP's YYMMDD is not a calendar date.
    CnpDate,
    /// The CNP's county code is outside 01–52.
    CnpCounty,
    /// The CNP's serial number is 000.
    CnpSerial,
    /// The birth date typed differs from the CNP's.
    BirthdateNotCnp,
    /// The sex chosen differs from the CNP's.
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
    /// Wizard: malformed e-mail address.
    EmailFormat,
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
    /// First registration well before the year of construction.
    RegistrationBeforeConstruction,
    /// Start date today or earlier for a registered vehicle.
    StartNotTomorrow,
    /// Start date in the past for a vehicle not yet registered.
    StartInPast,
    /// Start date more than a year ahead.
    StartTooFar,
    /// Bonus-malus class outside B0–B8, M1–M8.
    BonusMalusClass,
    /// A group of fields needs this one too.
    CompleteGroup,
    /// A typed sum is more than a fifth away from these insurers' catalogue values.
    FarFromCatalogue {
        /// Each insurer's value, in the sum's currency.
        values: Vec<InsurerAmount>,
    },
    /// An insurer requires a field the API calls optional.
    InsurerRequires {
        /// The insurer's display name.
        insurer: String,
        /// The dotted request path of the field.
        path: String,
    },

    // ── Issuing a policy ──
    /// The insurer does not take this way of paying.
    PaymentMethodNotTaken {
        /// The insurer's display name.
        insurer: String,
        /// The methods it takes.
        methods: Vec<casco_api::payment::PaymentMethod>,
    },
    /// The policy is paid in the offer's currency.
    PaymentCurrency {
        /// The offer's currency.
        currency: casco_api::model::Currency,
    },
    /// The amount paid is less than the first installment.
    PaymentBelowFirstInstallment {
        /// The first installment, decimal text.
        amount: String,
        /// Its currency.
        currency: casco_api::model::Currency,
    },
    /// The amount paid is more than the whole premium.
    PaymentAbovePremium {
        /// The premium, decimal text.
        amount: String,
        /// Its currency.
        currency: casco_api::model::Currency,
    },
    /// A payment date too far back for this policy.
    PaymentTooOld {
        /// How many days back a payment may be.
        days: u32,
    },
    /// The way of paying needs the receipt's or the payment order's number.
    DocumentNumberRequired,
    /// A document number longer than insurers record, or with control characters.
    DocumentNumberInvalid {
        /// The longest number accepted.
        max: u32,
    },
    /// The offer is not among this draft's stored offers (quoted again since?).
    OfferNotFound,
    /// The offer expired: it can no longer be issued.
    OfferExpired {
        /// Its last valid day, ISO.
        date: String,
    },
    /// The offer is being issued right now (another press, another window).
    IssueInProgress,
    /// A request to issue this offer was sent and its answer never came: check it first.
    IssueUnconfirmed,
    /// The offer was already issued as this policy.
    AlreadyIssued {
        /// Policy series.
        series: String,
        /// Policy number.
        number: String,
    },
    /// The draft's policy was issued: the draft can no longer change.
    DraftIssued,

    // ── Documents ──
    /// The documents folder cannot be created or written.
    DocumentsFolderUnwritable {
        /// The folder.
        folder: String,
        /// The system's reason, for support.
        detail: String,
    },
    /// The file the API sent is not a PDF, or not readable, and was not saved.
    PdfInvalid {
        /// Why, for support ("not base64", "starts with <html>").
        detail: String,
    },
    /// The file is over the size a PDF may have.
    #[serde(rename_all = "camelCase")]
    PdfTooLarge {
        /// The limit in MiB.
        limit_mib: u32,
    },
    /// The system could not open or show the file.
    CannotOpenDocument {
        /// The file.
        path: String,
        /// The system's reason, for support.
        detail: String,
    },
    /// No document was recorded under this id.
    DocumentNotFound,
    /// A folder must be given in full (`C:\\Users\\…`, `/Users/…`).
    FolderNotAbsolute,

    // ── Talking to CascoApi ──
    /// The API host cannot be reached.
    CannotConnect,
    /// The API did not answer in time.
    TimedOut,
    /// Login refused.
    WrongCredentials,
    /// Login refused: the vendor locked the account.
    AccountLocked,
    /// The session was refused after a refresh and a new login.
    SessionRefused,
    /// The server refused with a message of its own.
    ServerRefused {
        /// The server's message, verbatim.
        message: String,
    },
    /// A message of the server's own, verbatim (a VALIDATION_ERROR's per-field text).
    ServerSaid {
        /// The server's text.
        text: String,
    },
    /// A sentence release 0.1 stored already worded (a saved comparison from before codes),
    /// shown as it was written.
    AsShown {
        /// The sentence as stored.
        text: String,
    },
    /// The server's answer could not be read.
    BadAnswer,
    /// The server rejected some fields.
    ServerValidation,
    /// The API answered with a redirect, which is never followed.
    Redirected {
        /// The host it pointed to.
        host: String,
    },
    /// The API's answer was over its size limit.
    AnswerTooLarge,
    /// An API action needs a login first.
    NotLoggedIn,
    /// Demo credentials cannot be changed.
    DemoCredentialsBuiltIn,
    /// The OS keychain refused to keep a secret.
    KeychainUnavailable,
    /// A secret is larger than one keychain entry holds on every platform.
    KeychainTooLong {
        /// Its size in bytes.
        bytes: u32,
        /// The limit in bytes.
        limit: u32,
    },

    // ── Quoting ──
    /// The product an insurer is asked for, and which vehicles it is for.
    ProductChosen {
        /// Its name ("casco-leasing").
        product: String,
        /// The vehicles it is for.
        vehicles: casco_api::insurers::Vehicles,
    },
    /// The insurer quotes no product for this vehicle (leased or not).
    NoProductFor {
        /// Whether the vehicle is leased.
        leased: bool,
    },
    /// Switched off in Setări → Asigurători.
    SwitchedOff,
    /// No provider credentials saved for the insurer.
    CredentialsMissing,
    /// The request cannot be built from the draft.
    CannotSendRequest,
    /// The vehicle cannot be identified from the draft.
    CannotIdentify,

    // ── Reference data ──
    /// A sync is already running.
    SyncRunning,
    /// A list the API sent empty; the saved one stays.
    EmptyList,
    /// A SIRUTA code out of range in an answer.
    SirutaInvalid {
        /// The place it belongs to.
        name: String,
        /// The code as sent.
        siruta: String,
    },
    /// A reference list, for progress and failures ("Localități — CLUJ").
    ListLabel {
        /// Which list.
        list: ListKind,
        /// The county or make it belongs to, if any.
        of: Option<String>,
    },
    /// A list never downloaded for this environment.
    ListNeverSynced {
        /// Which list.
        list: ListKind,
        /// The county or make it belongs to, if any.
        of: Option<String>,
    },

    // ── Start-up and the local store ──
    /// The settings file was unreadable; the last good copy replaced it.
    SettingsRestored {
        /// Where the unreadable file was kept.
        kept: String,
    },
    /// The settings file was unreadable and there was no good copy.
    SettingsUnreadable {
        /// Where the unreadable file was kept.
        kept: String,
    },
    /// The saved settings no longer pass this version's checks; defaults are used.
    SettingsInvalid,
    /// Files of an earlier build stayed in its folder.
    OldDataLeft {
        /// The earlier build's folder.
        folder: String,
    },
    /// The local database was damaged; a copy was kept and it was rebuilt.
    StoreRebuilt {
        /// Where the damaged copy is.
        copy: String,
    },
    /// The keychain had no key for the sealed database: the file was kept aside, the book is
    /// empty and reference data syncs again.
    DatabaseKeyMissing {
        /// Where the sealed file was kept.
        kept: String,
    },
    /// The keychain's key does not open the database: the file was kept aside, as above.
    DatabaseKeyMismatch {
        /// Where the sealed file was kept.
        kept: String,
    },
    /// The keychain cannot be reached: this session works on a temporary database.
    KeychainUnavailableForData,
    /// The local database was written by a newer version of the app.
    StoreNewerSchema,
    /// The local database cannot be used.
    StoreUnusable {
        /// SQLite's or the file system's reason, for support.
        detail: String,
    },
    /// A file the app keeps (settings, logo) could not be read or written.
    FileProblem {
        /// Which file and why, for support.
        detail: String,
    },
    /// Something that should not happen; the details are in the log.
    Unexpected {
        /// For support.
        detail: String,
    },
}

/// An amount one insurer states (its catalogue value for the vehicle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InsurerAmount {
    /// The insurer's display name.
    pub insurer: String,
    /// Decimal text, "26300.00".
    pub amount: String,
    /// Its currency.
    pub currency: casco_api::model::Currency,
}

/// The reference lists, as the agent names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ListKind {
    /// Countries.
    Countries,
    /// Romanian counties.
    Counties,
    /// The localities of one county.
    Localities,
    /// Vehicle makes.
    Makes,
    /// The models of one make.
    Models,
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
    use serde_json::json;

    #[test]
    fn a_message_is_a_code_with_camel_case_parameters() {
        assert_eq!(
            serde_json::to_value(Message::Required).unwrap(),
            json!({"code": "required"})
        );
        assert_eq!(
            serde_json::to_value(Message::LogoTooLarge { max_kb: 512 }).unwrap(),
            json!({"code": "logoTooLarge", "maxKb": 512})
        );
        let requires = Message::InsurerRequires {
            insurer: "Grawe".into(),
            path: "product.policyholder.address.floor".into(),
        };
        let json = serde_json::to_value(&requires).unwrap();
        assert_eq!(json["code"], "insurerRequires");
        assert_eq!(serde_json::from_value::<Message>(json).unwrap(), requires);
        let list = Message::ListLabel {
            list: ListKind::Localities,
            of: Some("CLUJ".into()),
        };
        assert_eq!(
            serde_json::to_value(list).unwrap(),
            json!({"code": "listLabel", "list": "localities", "of": "CLUJ"})
        );
    }
}

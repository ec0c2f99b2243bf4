//! The domain's message codes in English, for the terminal. The app renders the same codes
//! from `ui/src/lib/i18n`; this is the one place Rust words them.

use casco_api::insurers::Vehicles;
use casco_core::messages::{ListKind, Message};

/// `message` as an English sentence. One exhaustive match on purpose: it reads as a table,
/// and a code without a sentence does not compile.
pub fn render(message: &Message) -> String {
    use Message::*;
    match message {
        Required => "Required field.".into(),
        InvalidEmail => "The e-mail address is not valid (example: name@company.ro).".into(),
        InvalidUrl => "The address must start with http:// or https:// (example: https://api.example.com).".into(),
        InsecureUrl => "Use an https:// address. http:// is accepted only for this computer (127.0.0.1, localhost); otherwise the password would travel unencrypted.".into(),
        CredentialsInUrl => "The address cannot contain an account or a password; enter them when you log in.".into(),
        InvalidPhone => "The phone number is not valid (example: 0712 345 678 or +40 21 123 4567).".into(),
        NotAllowed { allowed } => format!("Allowed values: {allowed}."),
        OneOf { allowed } => format!("Value not allowed; choose one of: {allowed}."),
        OutOfRange { min, max } => format!("The value must be between {min} and {max}."),
        TimeoutOutOfRange { min, max } => format!("The waiting time must be between {min} and {max} seconds."),
        TooLong { max } => format!("At most {max} characters."),
        UnknownValue => "Unknown value; choose one from the list.".into(),
        FixHighlighted => "Fix the highlighted fields; nothing was saved.".into(),
        LogoNotImage => "The logo must be a PNG or JPEG image.".into(),
        LogoTooLarge { max_kb } => format!("The logo can be at most {max_kb} KB."),
        AccountRequired => "Enter the CascoApi account.".into(),
        PasswordRequired => "Enter the password.".into(),

        CnpFormat => "Invalid CNP: it must have exactly 13 digits.".into(),
        CnpFirstDigit => "Invalid CNP: the first digit must be 1 to 9.".into(),
        CnpControl => "Invalid CNP: the check digit does not match.".into(),
        CnpDate => "Invalid CNP: its birth date is not a calendar date.".into(),
        CnpCounty => "Invalid CNP: the county code (digits 8–9) must be 01 to 52.".into(),
        CnpSerial => "Invalid CNP: the serial number (digits 10–12) cannot be 000.".into(),
        BirthdateNotCnp => "The birth date does not match the CNP.".into(),
        GenderNotCnp => "The sex does not match the CNP.".into(),
        CuiFormat => "Invalid CUI: 2 to 10 digits, optionally preceded by RO.".into(),
        CuiControl => "Invalid CUI: the check digit does not match.".into(),
        ForeignTaxId => "Invalid tax id: 2 to 20 letters and digits.".into(),
        VinLength => "Invalid VIN: it has exactly 17 characters.".into(),
        VinChars => "Invalid VIN: letters and digits only, without I, O and Q.".into(),
        Plate => "Invalid licence plate (e.g. B 123 ABC, CJ 12 ABC).".into(),
        TemporaryPlate => "Invalid temporary plate (e.g. B 012345, CJ 0123).".into(),
        ForeignPlate => "Invalid licence plate: 2 to 12 letters and digits.".into(),
        EmailFormat => "Invalid e-mail address.".into(),
        Mobile => "Invalid mobile number (e.g. 0712 345 678 or +40 712 345 678).".into(),
        Caen => "Invalid CAEN code: 4 digits.".into(),
        Postcode => "Invalid postcode: 6 digits.".into(),
        CountryCode => "Invalid country code: two letters (e.g. RO).".into(),
        NotInteger => "Enter a whole number.".into(),
        NotNumber => "Enter a number.".into(),
        Date => "Invalid date (e.g. 31.03.2025).".into(),
        DateInFuture => "The date cannot be in the future.".into(),
        DateTooOld => "The date cannot be before 1900.".into(),
        BirthdateTooOld => "The birth date cannot be more than 120 years ago.".into(),
        LicenceBefore18 => "A driving licence can only be obtained from age 18.".into(),
        RegistrationBeforeConstruction => "The first registration cannot be well before the year of construction.".into(),
        StartNotTomorrow => "The start date must be tomorrow or later for a registered vehicle.".into(),
        StartInPast => "The start date cannot be in the past.".into(),
        StartTooFar => "The start date cannot be more than a year from today.".into(),
        BonusMalusClass => "The bonus-malus class must be B0–B8 or M1–M8.".into(),
        CompleteGroup => "Fill in this field as well.".into(),
        InsurerRequires { insurer, path } => format!("{insurer} requires {path}."),
        FarFromCatalogue { values } => format!(
            "More than 20 % away from the insurers' catalogue values: {}.",
            values
                .iter()
                .map(|v| format!("{} {} {}", v.insurer, v.amount, v.currency.code()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ProductChosen { product, vehicles } => match vehicles {
            Vehicles::Any => format!("Product {product}."),
            Vehicles::Owned => format!("Product {product}, for vehicles not leased."),
            Vehicles::Leased => format!("Product {product}, for leased vehicles."),
        },
        NoProductFor { leased: true } => "No product for leased vehicles.".into(),
        NoProductFor { leased: false } => "No product for vehicles that are not leased.".into(),

        CannotConnect => "The CascoApi server cannot be reached. Check the internet connection and the address.".into(),
        TimedOut => "The CascoApi server did not answer in time. Try again.".into(),
        WrongCredentials => "The account or the password is not correct.".into(),
        AccountLocked => "The account is locked; contact the CascoApi administrator.".into(),
        SessionRefused => "The server refused the session. Log in again.".into(),
        ServerRefused { message } => format!("The server refused the request: {message}"),
        ServerSaid { text } | AsShown { text } => text.clone(),
        BadAnswer => "The server sent an answer that cannot be read.".into(),
        ServerValidation => "The server rejected some data; see the messages at the fields.".into(),
        Redirected { host } => format!("The CascoApi server forwarded the request to {host}; redirects are not followed, so passwords and client data never reach another address."),
        AnswerTooLarge => "The server's answer is larger than the accepted limit and was refused; nothing was saved.".into(),
        NotLoggedIn => "You are not logged in.".into(),
        PaymentMethodNotTaken { insurer, methods } => format!(
            "{insurer} takes only: {}.",
            methods.iter().map(|m| m.wire()).collect::<Vec<_>>().join(", ")
        ),
        PaymentCurrency { currency } => format!("The policy is paid in the offer's currency ({}).", currency.code()),
        PaymentBelowFirstInstallment { amount, currency } => format!("The amount paid does not cover the first installment ({amount} {}).", currency.code()),
        PaymentAbovePremium { amount, currency } => format!("The amount paid is more than the premium ({amount} {}).", currency.code()),
        PaymentTooOld { days } => format!("The payment date can be at most {days} days ago."),
        DocumentNumberRequired => "Enter the receipt's or the payment order's number.".into(),
        DocumentNumberInvalid { max } => format!("Invalid document number: at most {max} characters, no control characters."),
        OfferNotFound => "This offer is not among the draft's offers; quote again.".into(),
        OfferExpired { date } => format!("The offer expired on {date}; it can no longer be issued. Quote again."),
        IssueInProgress => "This offer is being issued right now; wait for the answer.".into(),
        IssueUnconfirmed => "A request to issue this offer got no answer. Check it first (Verify): the same request is sent again.".into(),
        AlreadyIssued { series, number } => format!("The offer was already issued as policy {series} {number}."),
        DraftIssued => "The policy was issued: this draft can no longer change. Copy it into a new draft.".into(),
        DocumentsFolderUnwritable { folder, detail } => format!("The documents folder cannot be written: {folder} ({detail}). Choose another in Settings."),
        PdfInvalid { detail } => format!("The file received is not a valid PDF and was not saved ({detail})."),
        PdfTooLarge { limit_mib } => format!("The file received is larger than {limit_mib} MB and was not saved."),
        CannotOpenDocument { path, detail } => format!("The document could not be opened: {path} ({detail})."),
        DocumentNotFound => "No such document.".into(),
        FolderNotAbsolute => "Enter the whole folder path (e.g. C:\\Users\\Ana\\Documents or /Users/ana/Documents).".into(),
        DemoCredentialsBuiltIn => "In the Demo environment the insurers' credentials are built in and cannot be changed.".into(),
        KeychainUnavailable => "The system keychain is not available; the password was not kept.".into(),
        KeychainTooLong { bytes, limit } => format!("The login was not kept: the system keychain takes at most {limit} bytes per entry and the value has {bytes}."),
        SwitchedOff => "Switched off in settings.".into(),
        CredentialsMissing => "The insurer's credentials are missing.".into(),
        CannotSendRequest => "The request cannot be sent: complete the marked fields.".into(),
        CannotIdentify => "The vehicle cannot be identified: complete the marked fields.".into(),

        SyncRunning => "The reference data sync is already running.".into(),
        EmptyList => "The server sent an empty list; the saved list was kept.".into(),
        SirutaInvalid { name, siruta } => format!("Invalid SIRUTA code for {name}: {siruta}."),
        ListLabel { list, of } => list_label(*list, of.as_deref()),
        ListNeverSynced { list, of } => format!(
            "{} has not been downloaded yet. Connect and sync.",
            list_name(*list, of.as_deref())
        ),
        SettingsRestored { kept } => format!("The settings file was damaged; the last good copy was restored and the damaged file kept at {kept}."),
        SettingsUnreadable { kept } => format!("The settings file could not be read and there is no good copy; it was kept at {kept}."),
        SettingsInvalid => "The saved settings no longer pass this version's checks; the defaults are used until they are saved again.".into(),
        OldDataLeft { folder } => format!("Some files of the earlier version stayed in {folder}. Nothing was deleted."),
        DatabaseKeyMissing { kept } => format!("The keychain holds no key for the local database; the file was kept at {kept} and a new, empty one started."),
        DatabaseKeyMismatch { kept } => format!("The keychain's key does not open the local database; the file was kept at {kept} and a new, empty one started."),
        KeychainUnavailableForData => "The keychain cannot be reached: client data is kept only until the app closes.".into(),
        StoreRebuilt { copy } => format!("The local database was damaged; a copy was kept at {copy} and it was rebuilt."),
        StoreNewerSchema => "The local database was created by a newer version of the app.".into(),
        StoreUnusable { detail } => format!("The local database cannot be used ({detail})."),
        FileProblem { detail } => format!("A file of the app could not be read or written ({detail})."),
        Unexpected { detail } => format!("Unexpected error: {detail}"),
    }
}

fn list_label(list: ListKind, of: Option<&str>) -> String {
    let of = of.unwrap_or_default();
    match list {
        ListKind::Countries => "Countries".into(),
        ListKind::Counties => "Counties".into(),
        ListKind::Makes => "Vehicle makes".into(),
        ListKind::Localities => format!("Localities — {of}"),
        ListKind::Models => format!("Models — {of}"),
    }
}

fn list_name(list: ListKind, of: Option<&str>) -> String {
    let of = of.unwrap_or_default();
    match list {
        ListKind::Countries => "The list of countries".into(),
        ListKind::Counties => "The list of counties".into(),
        ListKind::Makes => "The list of vehicle makes".into(),
        ListKind::Localities => format!("The list of localities for county {of}"),
        ListKind::Models => format!("The list of models for make {of}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_english_sentences() {
        assert_eq!(
            render(&Message::WrongCredentials),
            "The account or the password is not correct."
        );
        assert_eq!(
            render(&Message::ServerSaid {
                text: "Câmpul este obligatoriu.".into()
            }),
            "Câmpul este obligatoriu."
        );
        let never = Message::ListNeverSynced {
            list: ListKind::Localities,
            of: Some("CJ".into()),
        };
        assert!(render(&never).starts_with("The list of localities for county CJ"));
        assert_eq!(
            render(&Message::Unexpected { detail: "x".into() }),
            "Unexpected error: x"
        );
    }
}

//! The masks of the diagnostic log: what is left of a client's identity in the log of API
//! calls. Pure functions, applied before anything is stored, so the database, the screen and
//! the exported file only ever hold the masked forms.
//!
//! - a CNP keeps its first 7 digits (sex and century, birth date), then [`HIDDEN`]:
//!   `1900101•••••••`;
//! - a CUI (CIF) keeps its `RO` prefix and first 2 digits, then [`HIDDEN`]: `RO12•••••••`; one of
//!   fewer than 6 digits keeps no digit, since 2 of 5 would leave only a thousand candidates;
//! - any other tax id (a foreigner's, a mistyped one) shows [`HIDDEN`] only;
//! - a name shows its initials, one per word: `Ștefănescu Țuțu-Ioana` is `Ș. Ț.`. A company name
//!   too: a sole trader's firm carries its owner's name (`Popescu Ion PFA`).
//!
//! The hidden part is always the same run of bullets, so a mask tells nothing about how long
//! the hidden part was.

/// What stands for every hidden part.
pub const HIDDEN: &str = "•••••••";

/// Digits of a CNP kept: the sex-and-century digit and the birth date (`1900101`).
const CNP_SHOWN: usize = 7;
/// Digits of a CUI kept, when it has at least [`CUI_MIN_TO_SHOW`] of them.
const CUI_SHOWN: usize = 2;
/// A CUI shorter than this keeps no digit.
const CUI_MIN_TO_SHOW: usize = 6;
/// The most digits a CUI has.
const CUI_MAX: usize = 10;

/// A tax id (CNP, CUI/CIF, a foreigner's) masked by its shape; `None` when it is blank.
/// Spaces inside are ignored.
pub fn tax_id(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if compact.len() == 13 && all_digits(&compact) {
        return Some(format!("{}{HIDDEN}", &compact[..CNP_SHOWN]));
    }
    let (prefix, number) = match compact.get(..2) {
        Some(ro) if ro.eq_ignore_ascii_case("RO") => ("RO", &compact[2..]),
        _ => ("", compact.as_str()),
    };
    if all_digits(number) && number.len() <= CUI_MAX {
        let shown = match number.len() >= CUI_MIN_TO_SHOW {
            true => &number[..CUI_SHOWN],
            false => "",
        };
        return Some(format!("{prefix}{shown}{HIDDEN}"));
    }
    Some(HIDDEN.to_owned())
}

/// The initials of a name, one per word, each an upper-case letter and a dot, in the order
/// written: `Ștefănescu Țuțu-Ioana` → `Ș. Ț.`. Words without a letter (`&`, `2000`) are
/// skipped; the cedilla letters ş ţ become the Romanian comma-below ș ț. Empty for a name
/// without a letter.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(initial)
        .map(|letter| format!("{letter}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first letter of `word` in upper case, with the combining marks that follow it
/// (`S` + U+0326 is one letter, `Ș`, written in two characters).
fn initial(word: &str) -> Option<String> {
    let start = word.find(char::is_alphabetic)?;
    let mut chars = word[start..].chars();
    let first = comma_below(chars.next()?);
    let mut letter: String = first.to_uppercase().collect();
    letter.extend(chars.take_while(|c| is_combining_mark(*c)));
    Some(letter)
}

/// ş ţ (cedilla, common from old keyboards) as the comma-below letters Romanian uses.
fn comma_below(c: char) -> char {
    match c {
        'ş' => 'ș',
        'Ş' => 'Ș',
        'ţ' => 'ț',
        'Ţ' => 'Ț',
        other => other,
    }
}

/// Combining diacritical marks (U+0300–U+036F): a letter and its mark stay together.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A client as the log shows them: the initials of `name` and the masked `tax_id`, either
/// or both; `None` when neither is known.
pub fn client(name: &str, tax_id_text: &str) -> Option<String> {
    let parts: Vec<String> = [Some(initials(name)), tax_id(tax_id_text)]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cnp_keeps_its_first_seven_digits() {
        assert_eq!(tax_id("1900101123456").as_deref(), Some("1900101•••••••"));
        assert_eq!(
            tax_id(" 2850315 40 1234 ").as_deref(),
            Some("2850315•••••••"),
            "spaces ignored"
        );
        let masked = tax_id("1900101123456").unwrap();
        assert!(!masked.contains("123456"));
        assert_eq!(masked.chars().filter(|c| *c == '•').count(), 7);
    }

    #[test]
    fn a_cui_keeps_its_ro_prefix_and_first_two_digits() {
        assert_eq!(tax_id("RO12345678").as_deref(), Some("RO12•••••••"));
        assert_eq!(tax_id("ro 1234567890").as_deref(), Some("RO12•••••••"));
        assert_eq!(tax_id("14399840").as_deref(), Some("14•••••••"));
        assert_eq!(tax_id("123456").as_deref(), Some("12•••••••"));
        // Short ones keep no digit: two of five would leave a thousand candidates.
        assert_eq!(tax_id("12345").as_deref(), Some("•••••••"));
        assert_eq!(tax_id("RO159").as_deref(), Some("RO•••••••"));
    }

    #[test]
    fn any_other_tax_id_is_hidden_whole() {
        for other in [
            "DE123456789A",
            "X1234567",
            "12345678901",
            "190010112345",
            "19001011234567",
            "RO",
            "abc",
        ] {
            assert_eq!(tax_id(other).as_deref(), Some(HIDDEN), "{other}");
        }
        assert_eq!(tax_id(""), None);
        assert_eq!(tax_id("   "), None);
    }

    #[test]
    fn a_name_shows_its_initials_only() {
        assert_eq!(initials("Ștefănescu Țuțu-Ioana"), "Ș. Ț.");
        assert_eq!(initials("popescu maria elena"), "P. M. E.");
        assert_eq!(initials("  Ionescu   Ion "), "I. I.");
        assert_eq!(initials("Ăsăndulesei Îrina Âna"), "Ă. Î. Â.");
        assert_eq!(initials(""), "");
        assert_eq!(initials("& 2000 -"), "");
    }

    #[test]
    fn cedilla_letters_become_comma_below_and_combining_marks_stay_with_their_letter() {
        assert_eq!(initials("şerban ţepeş"), "Ș. Ț.");
        assert_eq!(initials("Ş Ţ"), "Ș. Ț.");
        // S + COMBINING COMMA BELOW, T + COMBINING COMMA BELOW: one letter each.
        assert_eq!(
            initials("S\u{326}erban T\u{326}epes"),
            "S\u{326}. T\u{326}."
        );
    }

    #[test]
    fn a_company_name_shows_its_initials_too() {
        assert_eq!(initials("Popescu Ion PFA"), "P. I. P.");
        assert_eq!(initials("S.C. Transport & Co S.R.L."), "S. T. C. S.");
        assert_eq!(initials("(Alfa) Beta"), "A. B.");
    }

    #[test]
    fn a_client_is_their_initials_and_masked_tax_id() {
        assert_eq!(
            client("Ștefănescu Țuțu-Ioana", "1900101123456").as_deref(),
            Some("Ș. Ț. 1900101•••••••")
        );
        assert_eq!(
            client("Transport Rapid SRL", "RO14399840").as_deref(),
            Some("T. R. S. RO14•••••••")
        );
        assert_eq!(
            client("", "1900101123456").as_deref(),
            Some("1900101•••••••")
        );
        assert_eq!(client("Ionescu", "").as_deref(), Some("I."));
        assert_eq!(client("", " "), None);
    }

    #[test]
    fn no_mask_holds_more_than_its_rule_allows() {
        let cnp = "2991231987654";
        let name = "Ștefănescu Țuțu-Ioana";
        let label = client(name, cnp).unwrap();
        for secret in ["987654", "Ștefănescu", "Țuțu", "Ioana", "tef", "uțu"] {
            assert!(!label.contains(secret), "{label} holds {secret}");
        }
        // Only the 7 digits a CNP shows, whatever the surrounding text.
        let digits: String = label.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(digits, "2991231");
    }
}

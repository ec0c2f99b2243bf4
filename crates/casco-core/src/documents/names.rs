//! File and folder names that every desktop accepts: Windows refuses `< > : " / \ | ? *`,
//! control characters, trailing dots and spaces and names such as `CON`; macOS refuses `:`
//! and `/`. Names keep their Romanian letters (ă â î ș ț are fine on every file system).

use chrono::NaiveDate;

use crate::settings::Language;
use crate::store::DocumentKind;

/// The longest name written, in characters (well within every file system's limit, with
/// room for the folder path on Windows).
const MAX_NAME_CHARS: usize = 100;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `text` made safe as one file or folder name: refused characters become `-`, runs of
/// spaces one space, no leading or trailing dots or spaces, at most [`MAX_NAME_CHARS`],
/// a device name prefixed with `_`; `fallback` when no letter or digit is left.
pub fn safe_name(text: &str, fallback: &str) -> String {
    let replaced: String = text
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let spaced = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = spaced.chars().take(MAX_NAME_CHARS).collect();
    let trimmed = cut.trim_matches(|c: char| c == '.' || c == ' ');
    // A name of punctuation alone ("---") says nothing about whose documents these are.
    if !trimmed.chars().any(char::is_alphanumeric) {
        return fallback.to_owned();
    }
    let stem = trimmed.split('.').next().unwrap_or(trimmed);
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        return format!("_{trimmed}");
    }
    trimmed.to_owned()
}

/// The word a document's file name starts with, in the agent's language. File names are not
/// sentences: they are kept with the document kinds they name, not in the UI's catalogues.
pub fn kind_word(kind: DocumentKind, language: Language) -> &'static str {
    match (kind, language) {
        (DocumentKind::Offer, Language::Ro) => "Ofertă",
        (DocumentKind::Policy, Language::Ro) => "Poliță",
        (DocumentKind::Proposal, Language::Ro) => "Propunere",
        (DocumentKind::Offer, Language::En) => "Offer",
        (DocumentKind::Policy, Language::En) => "Policy",
        (DocumentKind::Proposal, Language::En) => "Proposal",
    }
}

/// `2026-12-01 Ofertă Groupama 123.pdf`: the day, what it is, whose, its number.
pub fn document_file_name(
    day: NaiveDate,
    kind: DocumentKind,
    language: Language,
    who: &str,
    number: &str,
) -> String {
    let words = [kind_word(kind, language), who, number];
    let title = words
        .iter()
        .filter(|w| !w.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let stem = safe_name(&format!("{} {title}", day.format("%Y-%m-%d")), "document");
    format!("{stem}.pdf")
}

/// The client's folder under the documents folder ("Client fără nume" when none was typed).
pub fn client_folder_name(client: &str, language: Language) -> String {
    let fallback = match language {
        Language::Ro => "Client fără nume",
        Language::En => "Unnamed client",
    };
    safe_name(client, fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_refused_characters_become_valid_everywhere() {
        let name = safe_name(r#"Pop/Ion: "SRL" <Test> | a?b*c\d"#, "x");
        assert_eq!(name, "Pop-Ion- -SRL- -Test- - a-b-c-d");
        assert!(!name.chars().any(|c| r#"<>:"/\|?*"#.contains(c)));
        assert_eq!(
            safe_name("  ..Ștefănescu Țuțu-Ioana.. ", "x"),
            "Ștefănescu Țuțu-Ioana"
        );
        assert_eq!(safe_name("con", "x"), "_con");
        assert_eq!(safe_name("LPT1.pdf", "x"), "_LPT1.pdf");
        assert_eq!(safe_name("a\tb\nc", "x"), "a b c");
        assert_eq!(safe_name("/// ...", "Client"), "Client");
        assert_eq!(
            safe_name(&"ă".repeat(300), "x").chars().count(),
            MAX_NAME_CHARS
        );
    }

    #[test]
    fn a_document_reads_like_its_title() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let name = document_file_name(day, DocumentKind::Offer, Language::Ro, "Groupama", "123");
        assert_eq!(name, "2026-12-01 Ofertă Groupama 123.pdf");
        let name = document_file_name(
            day,
            DocumentKind::Policy,
            Language::En,
            "Allianz-Țiriac",
            "GRP/100045",
        );
        assert_eq!(name, "2026-12-01 Policy Allianz-Țiriac GRP-100045.pdf");
        assert_eq!(client_folder_name("", Language::Ro), "Client fără nume");
    }
}

//! Search folding: lower case, no diacritics, words separated by single spaces.
//!
//! Both Romanian spellings fold the same: the legacy cedilla letters the source data uses
//! (ş U+015F, ţ U+0163) and the correct comma-below letters agents type (ș U+0219, ț U+021B).
//! Decomposed input (a base letter followed by a combining mark) folds the same way, because
//! combining marks are dropped.

/// Folds `text` for comparison: `"Cluj-Napoca"` → `"cluj napoca"`, `"BRAŞOV"` → `"brasov"`.
///
/// Every run of characters that are neither letters nor digits (spaces, hyphens, dots,
/// apostrophes…) becomes one space; leading and trailing separators are dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_combining_mark(c) {
            continue;
        }
        for lower in c.to_lowercase() {
            if is_combining_mark(lower) {
                continue;
            }
            if !lower.is_alphanumeric() {
                pending_space = true;
                continue;
            }
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            match lower {
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                other => out.push(base_letter(other)),
            }
        }
    }
    out
}

/// Combining diacritical marks (U+0300–U+036F), e.g. the comma below of a decomposed ș.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The Latin base letter of a lower-case letter with a diacritic; other characters unchanged.
fn base_letter(c: char) -> char {
    match c {
        'ă' | 'â' | 'à' | 'á' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' => 'a',
        'î' | 'ì' | 'í' | 'ï' | 'ī' | 'ı' => 'i',
        'ș' | 'ş' | 'š' | 'ś' => 's',
        'ț' | 'ţ' | 'ť' => 't',
        'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ę' | 'ē' => 'e',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ő' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ů' | 'ū' => 'u',
        'ç' | 'č' | 'ć' => 'c',
        'ñ' | 'ń' | 'ň' => 'n',
        'ž' | 'ź' | 'ż' => 'z',
        'ý' | 'ÿ' => 'y',
        'ł' => 'l',
        'đ' | 'ď' => 'd',
        'ř' => 'r',
        'ğ' => 'g',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn s_with_cedilla_and_with_comma_both_fold_to_s() {
        assert_eq!(fold("\u{015F}"), "s"); // ş
        assert_eq!(fold("\u{0219}"), "s"); // ș
        assert_eq!(fold("\u{015E}"), "s"); // Ş
        assert_eq!(fold("\u{0218}"), "s"); // Ș
    }

    #[test]
    fn t_with_cedilla_and_with_comma_both_fold_to_t() {
        assert_eq!(fold("\u{0163}"), "t"); // ţ
        assert_eq!(fold("\u{021B}"), "t"); // ț
        assert_eq!(fold("\u{0162}"), "t"); // Ţ
        assert_eq!(fold("\u{021A}"), "t"); // Ț
    }

    #[test]
    fn a_breve_a_circumflex_and_i_circumflex_fold_in_both_cases() {
        assert_eq!(fold("ăâ"), "aa");
        assert_eq!(fold("ĂÂ"), "aa");
        assert_eq!(fold("î"), "i");
        assert_eq!(fold("Î"), "i");
    }

    #[test]
    fn case_is_ignored() {
        assert_eq!(fold("BrAşOv"), fold("brasov"));
        assert_eq!(fold("BRAŞOV"), "brasov");
        assert_eq!(fold("Brașov"), "brasov");
    }

    #[test]
    fn decomposed_marks_fold_like_precomposed_letters() {
        assert_eq!(fold("s\u{0326}"), "s"); // s + combining comma below
        assert_eq!(fold("A\u{0306}"), "a"); // A + combining breve
        assert_eq!(fold("I\u{0302}ntorsura"), "intorsura");
    }

    #[test]
    fn hyphens_spaces_and_punctuation_become_single_spaces() {
        assert_eq!(fold("CLUJ-NAPOCA"), "cluj napoca");
        assert_eq!(fold("  Bistriţa -  Năsăud "), "bistrita nasaud");
        assert_eq!(fold("SFÂNTU GHEORGHE"), "sfantu gheorghe");
        assert_eq!(fold("C-MAX (2010)"), "c max 2010");
        assert_eq!(fold(" - "), "");
    }

    #[test]
    fn foreign_letters_in_make_names_fold_too() {
        assert_eq!(fold("ŠKODA"), "skoda");
        assert_eq!(fold("CITROËN"), "citroen");
        assert_eq!(fold("Straße"), "strasse");
    }
}

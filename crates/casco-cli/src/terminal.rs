//! Keeping a hostile server out of the agent's terminal. Text from the server (messages,
//! field paths, names in answers) may carry escape sequences that recolour or clear the
//! screen, a carriage return that rewrites the line just printed, or bidi overrides that
//! reorder it. Every such character is shown as a visible escape instead.

/// Whether `c` must not reach a terminal raw: C0 controls (ESC, CR, BEL, backspace, even
/// newline and tab), DEL, C1 controls (U+0080–U+009F, among them the one-byte CSI), and the
/// bidi marks and overrides that make a line display in another order than it reads.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` for the terminal: each unsafe character written as Rust writes it in a string
/// (`\u{1b}`, `\r`, `\n`); everything else, diacritics and backslashes included, as is.
pub fn escape_text(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Text of several lines for the terminal: the line breaks are ours and stay, everything
/// inside a line is escaped as [`escape_text`] does.
pub fn escape_lines(text: &str) -> String {
    text.split('\n')
        .map(escape_text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// JSON as serde_json writes it, with the unsafe characters it leaves raw (DEL, C1, bidi
/// marks) written as `\uXXXX`. They can only occur inside JSON strings, where that escape
/// means the same character, so the value is unchanged. Below U+0020 serde_json already
/// escapes everything inside strings; what is left there is its own line breaks.
pub fn escape_json(json: &str) -> String {
    let mut shown = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) && c >= '\u{7f}' {
            // Every unsafe character is in the Basic Multilingual Plane: four hex digits.
            shown.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_shows_controls_as_visible_escapes() {
        assert_eq!(escape_text("\u{1b}[31mRED\r"), r"\u{1b}[31mRED\r");
        assert_eq!(
            escape_text("a\u{7}\u{8}\u{7f}\u{9b}\n"),
            r"a\u{7}\u{8}\u{7f}\u{9b}\n"
        );
        assert_eq!(escape_text("\u{202e}txt"), r"\u{202e}txt");
        assert_eq!(
            escape_text(r"Oferta 5 nu există în C:\dosar"),
            r"Oferta 5 nu există în C:\dosar"
        );
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_raw_controls() {
        let value = serde_json::json!({"name": "CLUJ\u{1b}\u{9b}2J\u{7f}\u{202e}ș"});
        let json = serde_json::to_string_pretty(&value).unwrap();
        let shown = escape_json(&json);
        assert!(
            !shown.chars().any(|c| is_unsafe(c) && c != '\n'),
            "{shown:?}"
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&shown).unwrap(),
            value
        );
    }
}

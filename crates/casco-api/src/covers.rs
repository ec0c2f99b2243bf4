//! The cover catalogue: optional covers an agent can ask for (glass, assistance, …) as data,
//! each with the code every insurer uses for it and the words its offers' notes use, so a
//! cover is chosen once for every insurer and found again in each offer. Names for the agent
//! are the UI's (its catalogues key them by `key`).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One optional cover.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// Stable key, e.g. "glass".
    pub key: String,
    /// Insurer key → the insurer's coverage code; `*` for every insurer not listed.
    pub codes: BTreeMap<String, String>,
    /// Word stems that name the cover in an offer's notes, folded as [`fold`] folds (lower
    /// case, no diacritics): "asisten" finds "Asistența rutieră" and "asistenta".
    pub words: Vec<String>,
}

impl Cover {
    /// The code `insurer` uses for this cover.
    pub fn code_for(&self, insurer: &str) -> Option<&str> {
        self.codes
            .get(insurer)
            .or_else(|| self.codes.get("*"))
            .map(String::as_str)
    }

    /// Whether an offer of `insurer` lists this cover: by its code, or in the coverage's or
    /// the offer's notes.
    pub fn listed_in<'a>(
        &self,
        insurer: &str,
        codes: impl IntoIterator<Item = &'a str>,
        notes: impl IntoIterator<Item = &'a str>,
    ) -> bool {
        let code = self.code_for(insurer);
        let by_code = codes
            .into_iter()
            .any(|c| Some(c).is_some_and(|c| code.is_some_and(|k| k.eq_ignore_ascii_case(c))));
        by_code
            || notes.into_iter().any(|note| {
                let note = fold(note);
                self.words.iter().any(|w| note.contains(w.as_str()))
            })
    }
}

/// `text` in lower case without Romanian diacritics (both the comma-below and the older
/// cedilla forms), as cover words are written.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ă' | 'â' => 'a',
            'î' => 'i',
            'ș' | 'ş' => 's',
            'ț' | 'ţ' => 't',
            other => other,
        })
        .collect()
}

/// Every optional cover, in the order the wizard and the comparison show them.
pub fn catalogue() -> &'static [Cover] {
    static CATALOGUE: OnceLock<Vec<Cover>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        serde_json::from_str(include_str!("../data/covers.json"))
            // Part of this crate and parsed by a unit test: failing here is a build defect.
            .expect("data/covers.json is valid (checked by covers::tests)")
    })
}

/// The cover with this key.
pub fn find(key: &str) -> Option<&'static Cover> {
    catalogue().iter().find(|c| c.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_parses_with_unique_keys_and_a_code_for_everyone() {
        let all = catalogue();
        assert!(all.len() >= 6);
        let mut keys: Vec<_> = all.iter().map(|c| c.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
        for insurer in crate::insurers::catalogue() {
            assert!(all.iter().all(|c| c.code_for(&insurer.key).is_some()));
        }
    }

    #[test]
    fn a_cover_is_found_by_code_or_in_the_notes() {
        let glass = find("glass").unwrap();
        assert!(glass.listed_in("generali", ["vehicle", "GLASS"], []));
        assert!(glass.listed_in("generali", ["vehicle"], ["Include daune la parbriz."]));
        assert!(!glass.listed_in("generali", ["vehicle"], ["Asistență rutieră 24/7."]));
        let assistance = find("assistance").unwrap();
        assert!(assistance.listed_in(
            "generali",
            [],
            ["Prima include asistența rutieră în Europa."]
        ));
        assert!(find("abroad")
            .unwrap()
            .listed_in("generali", [], ["Valabilă în EUROPA."]));
    }

    #[test]
    fn words_are_written_folded_so_notes_in_any_spelling_match() {
        for cover in catalogue() {
            for word in &cover.words {
                assert_eq!(&fold(word), word, "{}: write {word:?} folded", cover.key);
            }
        }
        assert_eq!(fold("ȘTEFĂNESCU Țuțu şi ţară"), "stefanescu tutu si tara");
    }
}

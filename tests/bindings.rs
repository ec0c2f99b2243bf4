//! Fails when ui/src/lib/bindings.ts differs from what the Rust commands generate, so a command
//! signature cannot change without the UI's types changing with it; and when the wizard's
//! request paths, cover keys or bonus-malus classes (ui/src/lib/wizard/generated.ts) differ
//! from the Rust data they come from. `scripts/bindings` (or `UPDATE_BINDINGS=1`) rewrites the committed files.

use std::path::Path;

#[test]
fn committed_bindings_match_the_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = root.join(casco_desk::BINDINGS_PATH);
    let dir = std::env::temp_dir().join(format!("casco-bindings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let generated = dir.join("bindings.ts");
    casco_desk::export_bindings(&generated).expect("bindings export");
    let fresh = std::fs::read_to_string(&generated).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    check_or_update(&committed, &fresh);
}

/// Fails when `committed` differs from `fresh`; with `UPDATE_BINDINGS` set, rewrites it.
fn check_or_update(committed: &Path, fresh: &str) {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(committed, fresh).unwrap();
        return;
    }
    let old = std::fs::read_to_string(committed).unwrap_or_default();
    assert!(
        old == fresh,
        "{} is out of date with the Rust it is generated from: run scripts/bindings and commit",
        committed.display()
    );
}

/// Where the wizard's data from Rust is committed, relative to the repository root.
const WIZARD_DATA: &str = "ui/src/lib/wizard/generated.ts";

/// A TypeScript list of strings.
fn string_list(name: &str, doc: &str, items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let mut out = format!("\n/** {doc} */\nexport const {name} = [\n");
    for item in items {
        out.push_str(&format!("  \"{}\",\n", item.as_ref()));
    }
    out.push_str("] as const;\n");
    out
}

/// The TypeScript module of the wizard's data: the draft's request paths (spelled once, in
/// the slot table), the cover catalogue's keys and the bonus-malus classes.
fn wizard_data_module() -> String {
    let mut out = String::from(
        "// Generated from casco-core and casco-api's data by tests/bindings.rs. Do not edit: run\n\
         // scripts/bindings. fields.test.ts checks the field table against DRAFT_PATHS.\n\n\
         /** Request path → the draft field the agent fills for it. */\n\
         export const DRAFT_PATHS: Readonly<Record<string, string>> = {\n",
    );
    for (request, draft) in casco_core::quote::QuoteDraft::draft_paths() {
        out.push_str(&format!("  \"{request}\": \"{draft}\",\n"));
    }
    out.push_str("};\n");
    out += &string_list(
        "ALWAYS_SENT",
        "Request paths every request carries, whatever the agent did.",
        casco_core::quote::always_sent(),
    );
    out += &string_list(
        "COVER_KEYS",
        "The optional covers of the cover catalogue (casco-api/data/covers.json), in order.",
        casco_api::covers::catalogue()
            .iter()
            .map(|c| c.key.as_str()),
    );
    out += &string_list(
        "BONUS_MALUS_CLASSES",
        "The bonus-malus classes, best to worst.",
        casco_core::quote::BONUS_MALUS_CLASSES,
    );
    out
}

#[test]
fn committed_wizard_data_matches_the_rust_side() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check_or_update(&root.join(WIZARD_DATA), &wizard_data_module());
}

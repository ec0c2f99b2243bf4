//! Fails when ui/src/lib/bindings.ts differs from what the Rust commands generate, so a command
//! signature cannot change without the UI's types changing with it; and when the wizard's
//! request paths (ui/src/lib/wizard/draftPaths.ts) differ from the draft's slot table, their
//! one spelling. `scripts/bindings` (or `UPDATE_BINDINGS=1`) rewrites the committed files.

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

/// Where the wizard's request paths are committed, relative to the repository root.
const DRAFT_PATHS: &str = "ui/src/lib/wizard/draftPaths.ts";

/// The TypeScript module of the draft's request paths.
fn draft_paths_module() -> String {
    let mut out = String::from(
        "// Generated from casco-core's slot table (QuoteDraft::draft_paths) by tests/bindings.rs.\n\
         // Do not edit: run scripts/bindings. fields.test.ts checks the field table against it.\n\n\
         /** Request path → the draft field the agent fills for it. */\n\
         export const DRAFT_PATHS: Readonly<Record<string, string>> = {\n",
    );
    for (request, draft) in casco_core::quote::QuoteDraft::draft_paths() {
        out.push_str(&format!("  \"{request}\": \"{draft}\",\n"));
    }
    out.push_str("};\n\n/** Request paths every request carries, whatever the agent did. */\n");
    out.push_str("export const ALWAYS_SENT: readonly string[] = [\n");
    for path in casco_core::quote::always_sent() {
        out.push_str(&format!("  \"{path}\",\n"));
    }
    out.push_str("];\n");
    out
}

#[test]
fn committed_draft_paths_match_the_slot_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    check_or_update(&root.join(DRAFT_PATHS), &draft_paths_module());
}

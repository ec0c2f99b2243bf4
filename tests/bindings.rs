//! Fails when ui/src/lib/bindings.ts differs from what the Rust commands generate, so a command
//! signature cannot change without the UI's types changing with it. `scripts/bindings` (or
//! `UPDATE_BINDINGS=1`) rewrites the committed file instead.

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

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh).unwrap();
        return;
    }
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        old == fresh,
        "{} is out of date with the Rust commands: run scripts/bindings and commit the result",
        casco_desk::BINDINGS_PATH
    );
}

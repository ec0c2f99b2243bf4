//! Reading a PDF's text back with poppler's `pdftotext`, for tests that check what a document
//! says. Where `pdftotext` is not installed the check is skipped, and says so, unless
//! `CASCO_REQUIRE_PDFTOTEXT` is set (scripts/test sets it, having installed poppler-utils): CI
//! never passes by skipping.

use std::path::Path;
use std::process::Command;

/// The text of the PDF at `path`; `None` (after saying why on stderr) when `pdftotext` is not
/// installed and not required. Panics when it is required and missing, or when it fails.
pub fn pdf_text(path: &Path) -> Option<String> {
    let out = match Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::env::var_os("CASCO_REQUIRE_PDFTOTEXT").is_some() {
                panic!("pdftotext is required (CASCO_REQUIRE_PDFTOTEXT) but not installed: apt-get install poppler-utils");
            }
            eprintln!("skipped: reading the PDF back needs pdftotext (poppler-utils), which is not installed");
            return None;
        }
        Err(e) => panic!("pdftotext could not run: {e}"),
    };
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("pdftotext writes UTF-8"))
}

//! PDFs arrive as base64 inside JSON: decode strictly and check they are PDFs.

use crate::error::PdfError;
use crate::model::FileEntry;
use base64::Engine;

/// A decoded PDF with the server's file name.
#[derive(Clone, PartialEq, Eq)]
pub struct PdfDocument {
    /// File name as the server gave it.
    pub name: String,
    /// "offer" or "policy".
    pub kind: String,
    /// The PDF bytes (start with `%PDF`).
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for PdfDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfDocument")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// Decodes the first file of an answer: strict standard base64 (whitespace such as
/// line breaks is tolerated, nothing else), then the `%PDF` signature.
pub fn decode_first(files: &[FileEntry]) -> Result<PdfDocument, PdfError> {
    let file = files.first().ok_or(PdfError::NoFile)?;
    let compact: String = file
        .content
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD.decode(compact.as_bytes())?;
    if !bytes.starts_with(b"%PDF") {
        let start = bytes
            .iter()
            .take(8)
            .flat_map(|b| std::ascii::escape_default(*b))
            .map(char::from)
            .collect();
        return Err(PdfError::NotPdf { start });
    }
    Ok(PdfDocument {
        name: file.name.clone(),
        kind: file.kind.clone(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(content: &str) -> FileEntry {
        FileEntry {
            kind: "offer".into(),
            mime_type: "application/pdf".into(),
            name: "o.pdf".into(),
            content: content.into(),
        }
    }

    #[test]
    fn accepts_pdf_and_rejects_the_rest() {
        let ok = decode_first(&[entry("JVBERi0xLjQK")]).unwrap();
        assert!(ok.bytes.starts_with(b"%PDF-1.4"));
        assert!(matches!(
            decode_first(&[entry("JVBERi0x*LjQK")]),
            Err(PdfError::Base64(_))
        ));
        assert!(matches!(
            decode_first(&[entry("aGVsbG8=")]),
            Err(PdfError::NotPdf { .. })
        ));
        assert!(matches!(decode_first(&[]), Err(PdfError::NoFile)));
    }
}

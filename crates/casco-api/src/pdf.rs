//! PDFs arrive as base64 inside JSON: decode strictly and check they are PDFs.

use crate::error::PdfError;
use crate::model::FileEntry;
use base64::Engine;

/// The largest PDF accepted from the API (30 MiB): an insurer's offer or policy is a few
/// hundred KiB; anything near this is broken or hostile and is never written to disk.
pub const MAX_PDF_BYTES: u64 = 30 * 1024 * 1024;

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

/// Decodes the first file of an answer: the size first (from the base64 length, before
/// anything is decoded), then strict standard base64 (whitespace such as line breaks is
/// tolerated, nothing else), then the `%PDF-` signature.
pub fn decode_first(files: &[FileEntry]) -> Result<PdfDocument, PdfError> {
    let file = files.first().ok_or(PdfError::NoFile)?;
    let compact: Vec<u8> = file
        .content
        .bytes()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let decoded_len = (compact.len() as u64).div_ceil(4) * 3;
    if decoded_len > MAX_PDF_BYTES + 2 {
        return Err(PdfError::TooLarge {
            limit: MAX_PDF_BYTES,
        });
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(&compact)?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge {
            limit: MAX_PDF_BYTES,
        });
    }
    if !bytes.starts_with(b"%PDF-") {
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
        // "%PDX" is not a PDF signature.
        assert!(matches!(
            decode_first(&[entry("JVBEWC0xLjQ=")]),
            Err(PdfError::NotPdf { .. })
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_decoding() {
        use base64::Engine;
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.resize(MAX_PDF_BYTES as usize + 1, b' ');
        let content = base64::engine::general_purpose::STANDARD.encode(&pdf);
        assert!(matches!(
            decode_first(&[entry(&content)]),
            Err(PdfError::TooLarge { .. })
        ));
        pdf.truncate(MAX_PDF_BYTES as usize);
        let content = base64::engine::general_purpose::STANDARD.encode(&pdf);
        assert_eq!(
            decode_first(&[entry(&content)]).unwrap().bytes.len(),
            pdf.len()
        );
    }
}

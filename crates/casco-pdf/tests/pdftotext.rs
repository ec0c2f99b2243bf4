//! The rendered PDF is a real PDF whose text (read back by poppler's pdftotext) keeps
//! Romanian diacritics.

use casco_pdf::Document;

#[test]
fn diacritics_survive_a_round_trip_through_pdftotext() {
    let mut doc = Document::new("Ofertă CASCO").unwrap();
    doc.title("Ofertă CASCO — Asigurători");
    doc.key_values(&[
        ("Asigurat", "Ștefan Țurcanu"),
        ("Primă", "1.234,56 lei"),
        ("Localitate", "Brăila, Târgu Mureș, Iași"),
    ]);
    doc.table(
        &["Rata", "Scadență", "Sumă"],
        &[vec!["1".into(), "01.02.2027".into(), "617,28 lei".into()]],
        &[1.0, 2.0, 2.0],
    );
    for i in 0..60 {
        doc.paragraph(&format!(
            "Paragraful {i}: condițiile poliței se aplică întocmai, fără excepții."
        ));
    }
    assert!(
        doc.page_count() > 1,
        "long content flows onto a second page"
    );
    let bytes = doc.finish().unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // Only the glyphs used are embedded: the whole DejaVu Sans would add ~750 KB per PDF.
    assert!(
        bytes.len() < 200_000,
        "font not subset: {} bytes",
        bytes.len()
    );

    let dir = std::env::temp_dir().join(format!("casco-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let Some(text) = casco_pdf::read_back::pdf_text(&path) else {
        return; // said on stderr: pdftotext is not installed
    };
    for needle in [
        "Ofertă CASCO",
        "Asigurători",
        "Ștefan Țurcanu",
        "Primă",
        "Târgu Mureș",
        "Scadență",
        "Paragraful 59",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

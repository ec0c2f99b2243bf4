//! A4 PDF layout for Casco Desk documents: titles, key/value rows, tables and wrapped
//! text in DejaVu Sans, which has the Romanian letters (ă â î ș ț) that the PDF
//! built-in fonts lack. Used by the sandbox for offer/policy PDFs and, later, by the app
//! for client proposals.

mod metrics;

use metrics::FontMetrics;
use printpdf::{
    CustomPdfConformance, IndirectFontRef, Line, Mm, PdfConformance, PdfDocument,
    PdfDocumentReference, PdfLayerReference, Point,
};

/// DejaVu Sans (licence in fonts/DejaVuSans-LICENSE.txt).
const FONT_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 18.0;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BODY_SIZE: f32 = 10.0;
const PT_TO_MM: f32 = 25.4 / 72.0;

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// printpdf failed (font parsing or serialisation).
    #[error("PDF rendering failed: {0}")]
    Render(String),
}

/// An A4 document being laid out top to bottom; pages are added as content overflows.
pub struct Document {
    doc: PdfDocumentReference,
    font: IndirectFontRef,
    metrics: FontMetrics,
    layer: PdfLayerReference,
    /// Distance of the next line's baseline from the page bottom, in mm.
    cursor: f32,
    pages: usize,
}

impl Document {
    /// A new document; `title` is the PDF's metadata title.
    pub fn new(title: &str) -> Result<Document, PdfError> {
        let (doc, page, layer) =
            PdfDocument::new(title, Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "content");
        // No ICC profile or XMP block: they add size and nothing a printed offer needs.
        let doc = doc.with_conformance(PdfConformance::Custom(CustomPdfConformance {
            requires_icc_profile: false,
            requires_xmp_metadata: false,
            ..CustomPdfConformance::default()
        }));
        let font = doc
            .add_external_font(FONT_TTF)
            .map_err(|e| PdfError::Render(e.to_string()))?;
        let metrics = FontMetrics::parse(FONT_TTF).map_err(PdfError::Render)?;
        let layer = doc.get_page(page).get_layer(layer);
        Ok(Document {
            doc,
            font,
            metrics,
            layer,
            cursor: PAGE_HEIGHT - MARGIN,
            pages: 1,
        })
    }

    /// Width of `text` at `size` points, in mm.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        self.metrics.width_em(text) * size * PT_TO_MM
    }

    /// A large title followed by a rule.
    pub fn title(&mut self, text: &str) {
        self.space_for(14.0);
        self.cursor -= 8.0;
        self.draw(text, 18.0, MARGIN);
        self.cursor -= 3.0;
        self.rule();
        self.cursor -= 3.0;
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        self.space_for(12.0);
        self.cursor -= 7.0;
        self.draw(text, 13.0, MARGIN);
        self.cursor -= 2.0;
    }

    /// Label/value rows: labels in the left third, values wrapped in the rest.
    pub fn key_values(&mut self, rows: &[(&str, &str)]) {
        let label_width = CONTENT_WIDTH * 0.36;
        let value_width = CONTENT_WIDTH - label_width;
        for (label, value) in rows {
            let lines = self.wrap(value, BODY_SIZE, value_width);
            self.space_for(line_height(BODY_SIZE) * lines.len() as f32);
            self.cursor -= line_height(BODY_SIZE);
            self.draw(label, BODY_SIZE, MARGIN);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    self.cursor -= line_height(BODY_SIZE);
                }
                self.draw(line, BODY_SIZE, MARGIN + label_width);
            }
        }
    }

    /// A table: a header row, a rule, then rows; `widths` are column shares of the page
    /// width (normalised). Cells that do not fit are cut with "…".
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>], widths: &[f32]) {
        let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
        let columns: Vec<f32> = widths.iter().map(|w| w / total * CONTENT_WIDTH).collect();
        self.space_for(line_height(BODY_SIZE) * 3.0);
        self.table_row(headers, &columns);
        self.cursor -= 1.5;
        self.rule();
        for row in rows {
            self.space_for(line_height(BODY_SIZE));
            self.table_row(row, &columns);
        }
        self.cursor -= 2.0;
    }

    /// Text wrapped to the page width, as one paragraph.
    pub fn paragraph(&mut self, text: &str) {
        self.cursor -= 2.0;
        for line in self.wrap(text, BODY_SIZE, CONTENT_WIDTH) {
            self.space_for(line_height(BODY_SIZE));
            self.cursor -= line_height(BODY_SIZE);
            self.draw(&line, BODY_SIZE, MARGIN);
        }
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages
    }

    /// The finished PDF (starts with `%PDF`).
    pub fn finish(self) -> Result<Vec<u8>, PdfError> {
        self.doc
            .save_to_bytes()
            .map_err(|e| PdfError::Render(e.to_string()))
    }

    fn table_row(&mut self, cells: &[impl AsRef<str>], columns: &[f32]) {
        self.cursor -= line_height(BODY_SIZE);
        let mut x = MARGIN;
        for (cell, width) in cells.iter().zip(columns) {
            let fitted = self.fit(cell.as_ref(), BODY_SIZE, width - 2.0);
            self.draw(&fitted, BODY_SIZE, x);
            x += width;
        }
    }

    /// Draws `text` at `x` mm on the current baseline.
    fn draw(&self, text: &str, size: f32, x: f32) {
        self.layer
            .use_text(text, size, Mm(x), Mm(self.cursor), &self.font);
    }

    fn rule(&mut self) {
        self.layer.set_outline_thickness(0.5);
        self.layer.add_line(Line {
            points: vec![
                (Point::new(Mm(MARGIN), Mm(self.cursor)), false),
                (Point::new(Mm(PAGE_WIDTH - MARGIN), Mm(self.cursor)), false),
            ],
            is_closed: false,
        });
    }

    /// Starts a new page unless `height` mm still fit above the bottom margin.
    fn space_for(&mut self, height: f32) {
        if self.cursor - height < MARGIN {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        let (page, layer) = self
            .doc
            .add_page(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "content");
        self.layer = self.doc.get_page(page).get_layer(layer);
        self.cursor = PAGE_HEIGHT - MARGIN;
        self.pages += 1;
    }

    /// Greedy word wrap; a word longer than the width is split by characters.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for source_line in text.lines() {
            let mut current = String::new();
            for word in source_line.split_whitespace() {
                let candidate = if current.is_empty() {
                    word.to_owned()
                } else {
                    format!("{current} {word}")
                };
                if self.text_width(&candidate, size) <= width {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                for ch in word.chars() {
                    current.push(ch);
                    if self.text_width(&current, size) > width && current.chars().count() > 1 {
                        current.pop();
                        lines.push(std::mem::take(&mut current));
                        current.push(ch);
                    }
                }
            }
            lines.push(current);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// `text` cut to `width` with a trailing ellipsis when it does not fit.
    fn fit(&self, text: &str, size: f32, width: f32) -> String {
        if self.text_width(text, size) <= width {
            return text.to_owned();
        }
        let mut out = String::new();
        for ch in text.chars() {
            out.push(ch);
            if self.text_width(&format!("{out}…"), size) > width {
                out.pop();
                break;
            }
        }
        out.push('…');
        out
    }
}

fn line_height(size: f32) -> f32 {
    size * 1.45 * PT_TO_MM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_the_width() {
        let doc = Document::new("t").unwrap();
        let text = "Asigurătorii români oferă prime diferite pentru același vehicul înmatriculat în București.";
        let lines = doc.wrap(text, BODY_SIZE, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| doc.text_width(l, BODY_SIZE) <= 60.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn fit_cuts_long_cells() {
        let doc = Document::new("t").unwrap();
        let cut = doc.fit(
            "o celulă mult prea lungă pentru coloana ei",
            BODY_SIZE,
            20.0,
        );
        assert!(cut.ends_with('…'));
        assert!(doc.text_width(&cut, BODY_SIZE) <= 20.0);
    }
}

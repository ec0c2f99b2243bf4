//! A4 PDF layout for Casco Desk documents: titles, key/value rows, tables and wrapped
//! text in DejaVu Sans, which has the Romanian letters (ă â î ș ț) that the PDF
//! built-in fonts lack. Used by the sandbox for offer/policy PDFs and, later, by the app
//! for client proposals.

mod image;
mod metrics;
pub mod read_back;

pub use image::Picture;
use metrics::FontMetrics;
use printpdf::{
    CustomPdfConformance, Image, ImageTransform, IndirectFontRef, Line, Mm, PdfConformance,
    PdfDocument, PdfDocumentReference, PdfLayerReference, Point,
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
    /// An image (the agency's logo) could not be read.
    #[error("image: {0}")]
    Image(String),
}

/// An A4 document being laid out top to bottom; pages are added as content overflows.
pub struct Document {
    doc: PdfDocumentReference,
    font: IndirectFontRef,
    metrics: FontMetrics,
    layer: PdfLayerReference,
    /// Every page's layer, for the footers drawn once the page count is known.
    layers: Vec<PdfLayerReference>,
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
            layers: vec![layer.clone()],
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

    /// The sender's letterhead: the logo (if any) at the left, at most 18 mm high and 60 mm
    /// wide, and `name` with its detail lines at its right; then a rule.
    pub fn letterhead(&mut self, logo: Option<&Picture>, name: &str, lines: &[&str]) {
        let top = self.cursor;
        let mut text_x = MARGIN;
        let mut logo_height = 0.0;
        if let Some(logo) = logo {
            let (height, width) = fitted(logo.aspect(), 18.0, 60.0);
            let (px_w, _) = logo.size_px();
            // printpdf places images at 300 dpi when no DPI is given: scale to the box.
            let natural_mm = px_w as f32 * 25.4 / 300.0;
            let scale = width / natural_mm.max(f32::EPSILON);
            Image::from(logo.x_object()).add_to_layer(
                self.layer.clone(),
                ImageTransform {
                    translate_x: Some(Mm(MARGIN)),
                    translate_y: Some(Mm(top - height)),
                    scale_x: Some(scale),
                    scale_y: Some(scale),
                    dpi: Some(300.0),
                    ..ImageTransform::default()
                },
            );
            text_x = MARGIN + width + 6.0;
            logo_height = height;
        }
        self.cursor -= 6.0;
        self.draw(name, 14.0, text_x);
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            self.cursor -= line_height(9.0);
            self.draw(line, 9.0, text_x);
        }
        self.cursor = self.cursor.min(top - logo_height) - 3.0;
        self.rule();
        self.cursor -= 2.0;
    }

    /// One line of text at `size` points (a subtitle, a date line).
    pub fn line(&mut self, text: &str, size: f32) {
        self.space_for(line_height(size));
        self.cursor -= line_height(size);
        self.draw(text, size, MARGIN);
    }

    /// A table whose cells wrap: each row is as tall as its longest cell, a row never breaks
    /// across pages, and the header is repeated on every page the table reaches. `widths` are
    /// column shares of the page width (normalised).
    pub fn wrapped_table(&mut self, headers: &[&str], rows: &[Vec<String>], widths: &[f32]) {
        const SIZE: f32 = 9.0;
        let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
        let columns: Vec<f32> = widths.iter().map(|w| w / total * CONTENT_WIDTH).collect();
        let header_lines = self.wrapped_cells(headers, &columns, SIZE);
        self.space_for(line_height(SIZE) * (rows_height(&header_lines) + 2.0));
        self.table_lines(&header_lines, &columns, SIZE);
        self.cursor -= 1.0;
        self.rule();
        for row in rows {
            let lines = self.wrapped_cells(row, &columns, SIZE);
            let height = line_height(SIZE) * rows_height(&lines) + 1.5;
            if self.cursor - height < MARGIN + FOOTER_SPACE {
                self.new_page();
                self.table_lines(&header_lines, &columns, SIZE);
                self.cursor -= 1.0;
                self.rule();
            }
            self.cursor -= 1.5;
            self.table_lines(&lines, &columns, SIZE);
        }
        self.cursor -= 2.0;
    }

    /// Text wrapped to the page width at `size` points.
    pub fn small(&mut self, text: &str, size: f32) {
        self.cursor -= 1.0;
        for line in self.wrap(text, size, CONTENT_WIDTH) {
            self.space_for(line_height(size));
            self.cursor -= line_height(size);
            self.draw(&line, size, MARGIN);
        }
    }

    /// The finished PDF with `footer(page, pages)` at the bottom of every page (1-based).
    pub fn finish_with_footer(
        self,
        footer: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>, PdfError> {
        let pages = self.layers.len();
        for (i, layer) in self.layers.iter().enumerate() {
            let text = footer(i + 1, pages);
            let x = PAGE_WIDTH - MARGIN - self.text_width(&text, 8.0);
            layer.use_text(text, 8.0, Mm(x), Mm(MARGIN - 8.0), &self.font);
        }
        self.finish()
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

    fn wrapped_cells(
        &self,
        cells: &[impl AsRef<str>],
        columns: &[f32],
        size: f32,
    ) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(columns)
            .map(|(cell, width)| self.wrap(cell.as_ref(), size, width - 2.0))
            .collect()
    }

    fn table_lines(&mut self, cells: &[Vec<String>], columns: &[f32], size: f32) {
        let top = self.cursor;
        let mut x = MARGIN;
        for (lines, width) in cells.iter().zip(columns) {
            self.cursor = top;
            for line in lines {
                self.cursor -= line_height(size);
                self.draw(line, size, x);
            }
            x += width;
        }
        self.cursor = top - line_height(size) * rows_height(cells);
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
        self.layers.push(self.layer.clone());
        self.cursor = PAGE_HEIGHT - MARGIN;
        self.pages += 1;
    }

    /// Greedy word wrap; a word longer than the width is split by characters.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for source_line in text.lines() {
            let mut current = String::new();
            // Only plain spaces break a line: a no-break space (U+00A0) keeps "1. 10.01.2027 —
            // 200,00 lei" on one line.
            for word in source_line.split([' ', '\t']).filter(|w| !w.is_empty()) {
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

/// Room kept above the bottom margin for the page footer, in mm.
const FOOTER_SPACE: f32 = 4.0;

/// Height and width (mm) of a box of `aspect` within `max_h` × `max_w`.
fn fitted(aspect: f32, max_h: f32, max_w: f32) -> (f32, f32) {
    let width = (max_h * aspect).min(max_w);
    (width / aspect.max(f32::EPSILON), width)
}

/// The number of lines of a row's tallest cell.
fn rows_height(cells: &[Vec<String>]) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1) as f32
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

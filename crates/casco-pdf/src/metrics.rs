//! Advance widths of the embedded font, for measuring and wrapping text.

use std::collections::HashMap;

/// Horizontal advances of every mapped character, in ems.
pub(crate) struct FontMetrics {
    advances: HashMap<char, f32>,
    /// Used for characters the font does not map (printpdf draws its .notdef glyph).
    fallback: f32,
}

impl FontMetrics {
    pub(crate) fn parse(ttf: &[u8]) -> Result<FontMetrics, String> {
        let face = ttf_parser::Face::parse(ttf, 0).map_err(|e| format!("font: {e}"))?;
        let units = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|code| {
                    if let (Some(ch), Some(glyph)) =
                        (char::from_u32(code), subtable.glyph_index(code))
                    {
                        if let Some(advance) = face.glyph_hor_advance(glyph) {
                            advances.insert(ch, f32::from(advance) / units);
                        }
                    }
                });
            }
        }
        let fallback = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .map_or(0.6, |a| f32::from(a) / units);
        Ok(FontMetrics { advances, fallback })
    }

    /// Width of `text` in ems.
    pub(crate) fn width_em(&self, text: &str) -> f32 {
        text.chars()
            .map(|c| self.advances.get(&c).copied().unwrap_or(self.fallback))
            .sum()
    }
}

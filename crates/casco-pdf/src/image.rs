//! The agency's logo on a document: PNG decoded to RGB over a white page (the page is white,
//! so transparency is flattened rather than carried as a soft mask), JPEG embedded as it is
//! (PDF reads baseline and progressive JPEG natively). Large logos are scaled down first:
//! a letterhead needs a few hundred pixels, not the original's megabytes.

use printpdf::{ColorBits, ColorSpace, ImageFilter, ImageXObject, Px};

use crate::PdfError;

/// The largest side, in pixels, a PNG logo is embedded at.
const MAX_SIDE_PX: u32 = 480;

/// An image ready to be placed.
#[derive(Debug, Clone)]
pub struct Picture {
    width: u32,
    height: u32,
    components: u8,
    data: Vec<u8>,
    jpeg: bool,
}

impl Picture {
    /// Decodes a PNG or JPEG (by its signature).
    pub fn decode(bytes: &[u8]) -> Result<Picture, PdfError> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png_picture(bytes)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg_picture(bytes)
        } else {
            Err(PdfError::Image("not a PNG or JPEG".into()))
        }
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
    }

    /// Width and height in pixels.
    pub fn size_px(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    pub(crate) fn x_object(&self) -> ImageXObject {
        ImageXObject {
            width: Px(self.width as usize),
            height: Px(self.height as usize),
            color_space: match self.components {
                1 => ColorSpace::Greyscale,
                4 => ColorSpace::Cmyk,
                _ => ColorSpace::Rgb,
            },
            bits_per_component: ColorBits::Bit8,
            interpolate: true,
            image_data: self.data.clone(),
            image_filter: self.jpeg.then_some(ImageFilter::DCT),
            smask: None,
            clipping_bbox: None,
        }
    }
}

fn png_picture(bytes: &[u8]) -> Result<Picture, PdfError> {
    let bad = |e: &dyn std::fmt::Display| PdfError::Image(format!("PNG: {e}"));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(&e))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad(&"image too large"))?;
    let mut buffer = vec![0; size];
    let info = reader.next_frame(&mut buffer).map_err(|e| bad(&e))?;
    let pixels = &buffer[..info.buffer_size()];
    let channels = info.color_type.samples();
    let rgb = over_white(pixels, channels);
    let (width, height, data) = scaled_down(info.width, info.height, rgb);
    Ok(Picture {
        width,
        height,
        components: 3,
        data,
        jpeg: false,
    })
}

/// RGB8 of `pixels` (grey, grey+alpha, RGB or RGBA, 8 bits) laid over a white page.
fn over_white(pixels: &[u8], channels: usize) -> Vec<u8> {
    let blend =
        |c: u8, a: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
    pixels
        .chunks_exact(channels.max(1))
        .flat_map(|p| match *p {
            [g] => [g, g, g],
            [g, a] => [blend(g, a); 3],
            [r, g, b] => [r, g, b],
            [r, g, b, a, ..] => [blend(r, a), blend(g, a), blend(b, a)],
            [] => [255; 3],
        })
        .collect()
}

/// The image shrunk (box-averaged) so its longer side is at most [`MAX_SIDE_PX`].
fn scaled_down(width: u32, height: u32, rgb: Vec<u8>) -> (u32, u32, Vec<u8>) {
    let factor = width.max(height).div_ceil(MAX_SIDE_PX).max(1);
    if factor == 1 {
        return (width, height, rgb);
    }
    let (w, h) = (width / factor, height / factor);
    let mut out = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0u32; 3];
            for dy in 0..factor {
                for dx in 0..factor {
                    let i = (((y * factor + dy) * width + (x * factor + dx)) * 3) as usize;
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += u32::from(rgb[i + c]);
                    }
                }
            }
            out.extend(sum.map(|s| (s / (factor * factor)) as u8));
        }
    }
    (w, h, out)
}

/// A JPEG's size and components from its frame header; the bytes are embedded unchanged.
fn jpeg_picture(bytes: &[u8]) -> Result<Picture, PdfError> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return Err(PdfError::Image("JPEG: broken marker".into()));
        }
        let marker = bytes[i + 1];
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // SOF0–SOF15 hold the frame size, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let height = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let width = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            let components = bytes[i + 9];
            if width == 0 || height == 0 || ![1, 3, 4].contains(&components) {
                break;
            }
            return Ok(Picture {
                width,
                height,
                components,
                data: bytes.to_vec(),
                jpeg: true,
            });
        }
        i += 2 + length;
    }
    Err(PdfError::Image("JPEG: no frame header".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, rgba: [u8; 4]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..width * height).flat_map(|_| rgba).collect();
        writer.write_image_data(&data).unwrap();
        drop(writer);
        out
    }

    #[test]
    fn a_large_transparent_png_is_flattened_on_white_and_scaled_down() {
        let picture = Picture::decode(&png(1200, 300, [0, 0, 255, 0])).unwrap();
        assert_eq!(picture.size_px(), (400, 100));
        assert!(
            picture.data.iter().all(|&c| c == 255),
            "transparent is white"
        );
        assert!((picture.aspect() - 4.0).abs() < 0.01);
        let half = Picture::decode(&png(2, 2, [0, 0, 0, 128])).unwrap();
        assert_eq!(&half.data[..3], &[127, 127, 127]);
    }

    #[test]
    fn a_jpeg_is_read_from_its_frame_header_and_anything_else_is_refused() {
        // SOI, APP0 (length 16), SOF0: 8 bits, 50 × 120, 3 components.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend([0; 14]);
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x32, 0x00, 0x78, 0x03]);
        jpeg.extend([0; 12]);
        let picture = Picture::decode(&jpeg).unwrap();
        assert_eq!(picture.size_px(), (120, 50));
        assert!(matches!(
            Picture::decode(b"GIF89a"),
            Err(PdfError::Image(_))
        ));
        assert!(matches!(
            Picture::decode(&[0xFF, 0xD8, 0x00]),
            Err(PdfError::Image(_))
        ));
    }
}

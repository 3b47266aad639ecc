//! The take-home sheet's QR code: the page's web address as an SVG drawn at build time, so
//! the printed sheet needs no network, no script and no image file.

use qrcode::{Color, EcLevel, QrCode};

/// Why an address could not become a QR code.
#[derive(Debug, thiserror::Error)]
#[error("the address is too long for a QR code ({0} bytes)")]
pub struct QrTooLong(pub usize);

/// Modules of white border around the code, as the QR standard asks (scanners need it).
const QUIET_ZONE: usize = 4;

/// An inline `<svg>` QR code of `data` (error correction M: a creased or smudged sheet still
/// scans), one unit per module. It is hidden from screen readers: the template around it
/// names it in the page's language.
pub fn qr_svg(data: &str) -> Result<String, QrTooLong> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|_| QrTooLong(data.len()))?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                // One rectangle per horizontal run of dark modules keeps the path short.
                let run = row[x..].iter().take_while(|c| **c == Color::Dark).count();
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", x + QUIET_ZONE, y + QUIET_ZONE));
                x += run;
            } else {
                x += 1;
            }
        }
    }
    Ok(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         aria-hidden=\"true\" focusable=\"false\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" \
         height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_address_becomes_an_inline_svg() {
        let svg = qr_svg("https://clinic.example.org/gene-therapy-basics/").unwrap();
        assert!(svg.starts_with("<svg class=\"qr\""), "{svg}");
        assert!(!svg.contains("<?xml"), "no XML prolog inside HTML");
        assert!(svg.contains("aria-hidden=\"true\""));
        // Version 4 (33 modules) holds this address at level M; with the quiet zone, 41.
        assert!(svg.contains("viewBox=\"0 0 41 41\""), "{svg}");
        assert!(svg.matches('M').count() > 50, "the code has many dark runs");
    }

    #[test]
    fn an_address_too_long_for_any_qr_code_is_an_error() {
        let long = format!("https://example.org/{}", "a".repeat(3000));
        assert!(qr_svg(&long).is_err());
    }
}

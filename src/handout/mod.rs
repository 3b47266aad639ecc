//! Handouts: the take-home sheet's QR code and the estimate of whether a sheet fits on one
//! page. Rendering the sheet is the renderer's job (`render`); printing to PDF is the
//! command line's (`plainleaf handouts`).

pub mod fit;
pub mod pdf;
pub mod qr;

pub use fit::{estimate, SheetFit, SheetPart, SheetText};
pub use qr::{qr_svg, QrTooLong};

/// The short form of a web address printed under a QR code: without `https://` and
/// `index.html`, so it is quick to type from paper.
pub fn short_address(url: &str) -> String {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.strip_suffix("index.html").unwrap_or(rest).trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_addresses_drop_the_scheme_and_the_file_name() {
        assert_eq!(short_address("https://www.clinic.org/a/"), "clinic.org/a");
        assert_eq!(short_address("http://clinic.org/sub/a/index.html"), "clinic.org/sub/a");
    }
}

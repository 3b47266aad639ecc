//! Content pages: front-matter splitting and the page model.

pub mod frontmatter;
pub mod get_help;
pub mod page;
pub mod raw_html;

pub use page::{FrontMatter, Page, Reviewed, Source, Translation};

/// The folder of content pages.
pub const CONTENT_DIR: &str = "content";

/// Whether `text` has the shape of a language tag: a two-letter language, optionally with a
/// region or script (`en`, `es-MX`, `zh-Hant`). Three-letter codes are left out on purpose:
/// `content/faq/` must stay an ordinary folder.
pub fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or("");
    primary.len() == 2
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_have_a_two_letter_language() {
        for ok in ["en", "es", "es-MX", "zh-Hant", "es-419"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for no in ["faq", "images", "e", "es_", "es-", "a1"] {
            assert!(!is_language_tag(no), "{no}");
        }
    }
}

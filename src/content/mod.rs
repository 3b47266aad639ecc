//! Content pages: front-matter splitting and the page model.

pub mod frontmatter;
pub mod get_help;
pub mod page;
pub mod raw_html;

pub use page::{FrontMatter, Page, Reviewed, Source, Translation};

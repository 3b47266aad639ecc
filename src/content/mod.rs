//! Content pages: front-matter splitting and the page model.

pub mod frontmatter;
pub mod page;

pub use page::{FrontMatter, Page, Reviewed, Source};

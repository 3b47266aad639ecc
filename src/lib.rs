//! plainleaf: a static site generator for plain-language patient education.
//!
//! The pipeline runs one way, one module per stage:
//! `load` (config, content, glossary, seeds) -> `seed` (normalize scraped text)
//! -> `plain` (rewrite and measure) -> `markdown` (HTML + glossary marking)
//! -> `render` (tera themes) -> `output` (atomic write, sitemap, feed, search).
//! `build` wires the stages together; `serve` re-runs them on change.

pub mod article;
pub mod build;
pub mod config;
pub mod content;
pub mod error;
pub mod glossary;
pub mod live;
pub mod load;
pub mod markdown;
pub mod output;
pub mod plain;
pub mod render;
pub mod report;
pub mod review;
pub mod scaffold;
pub mod seed;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod watch_build;

pub use build::{build_site, BuildOptions, BuildSummary};
pub use error::{Diagnostic, Location, Severity};

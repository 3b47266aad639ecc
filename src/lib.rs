//! plainleaf: a static site generator for plain-language patient education.
//!
//! One pipeline, [`pipeline`], runs the stages in one order: load (`load`: config, content,
//! glossary, seeds) -> transform (`seed`, `plain`, `markdown`, `article`) -> model and render
//! (`render`, tera themes) -> check (every internal link) -> emit to a sink (memory, or
//! `output`'s atomic writes). `build`, `build --watch`, `serve` and `check` are thin drivers
//! in the binary; the library never prints or exits (see docs/architecture.md).

pub mod article;
pub mod cms;
pub mod codes;
pub mod config;
pub mod content;
pub mod error;
pub mod glossary;
pub mod governance;
pub mod handout;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod plain;
pub mod render;
pub mod report;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod schema_parts;
pub mod seed;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod translations;

pub use error::{Diagnostic, Location, Severity};
pub use pipeline::{build_once, BuildOptions, Sink};

//! Seed normalizer: raw scraped article text or a saved web page becomes structured blocks,
//! then Markdown.
//!
//! [`normalize_seed`] classifies every line (`classify.rs`, from the shallow features in
//! `features.rs` and the chrome lexicon in `data/chrome.txt`), drops junk, lifts the title,
//! review date, bylines and references out of the body, and recovers headings, lists and
//! "gaps" (lines promising a list the scrape lost). [`curate`] applies a page's fills and
//! edits; [`to_markdown`] renders the blocks with seed text escaped so it shows literally.

mod boilerplate;
mod chrome_words;
mod classify;
mod clean;
mod curate;
mod dates;
mod features;
mod html;
mod html_flat;
mod lift;
mod line_model;
mod markdown;
mod normalize;
mod tails;
mod text;
mod wrap;

#[cfg(test)]
mod seed_tests;

pub use boilerplate::{Boilerplate, MatchKind};
pub use classify::{Hint, Options, SourceLine};
pub use clean::{
    normalize_seed, render, report, CleanBlock, CleanFormat, CleanLine, CleanReport, SCHEMA_VERSION,
};
pub use curate::{curate, CurateProblem, Curated};
pub use dates::Region;
pub use html::{is_binary, is_html_name};
pub use markdown::{escape, to_markdown};
pub use normalize::{normalize, normalize_lines, text_lines};

use serde::{Deserialize, Serialize};

/// One block of a normalized seed, with the 1-based seed line it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeedBlock {
    /// 1-based line in the seed file where the block starts.
    pub line: usize,
    /// What the block is.
    pub kind: BlockKind,
}

/// The kinds of block a seed is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "text", rename_all = "lowercase")]
pub enum BlockKind {
    /// A recovered heading (rendered as `##`).
    Heading(String),
    /// A paragraph of prose.
    Paragraph(String),
    /// A recovered list.
    List {
        /// Numbered or bulleted.
        ordered: bool,
        /// The items' text.
        items: Vec<String>,
    },
    /// A line that promises a list the scrape lost ("Benefits include:").
    Gap(String),
    /// Markdown an author wrote (a `fill:` text), emitted unescaped.
    Markdown(String),
}

/// A source lifted from the seed ("Journal reference:" block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiftedSource {
    /// The citation text.
    pub title: String,
    /// A URL when the seed had one.
    pub url: Option<String>,
}

/// A seed after normalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct NormalizedSeed {
    /// The seed's own title line, when it had one.
    pub title: Option<String>,
    /// The article body as blocks.
    pub blocks: Vec<SeedBlock>,
    /// "Last reviewed on 12/04/2023." lifted as a date.
    pub reviewed_on: Option<jiff::civil::Date>,
    /// True when `reviewed_on` was numeric and reads two ways (03/04/2021).
    pub reviewed_ambiguous: bool,
    /// The latest publication or issue date the page shows, and whether it read two ways;
    /// `reviewed_on` falls back to it when the page shows no review date.
    #[serde(skip)]
    pub issued_on: Option<(jiff::civil::Date, bool)>,
    /// "Journal reference:" blocks lifted as sources.
    pub sources: Vec<LiftedSource>,
    /// Lines dropped as junk: (1-based line, trimmed text).
    pub dropped: Vec<(usize, String)>,
    /// Lines taken out of the body as facts (title, dates, bylines, references): (1-based line, trimmed text).
    pub lifted: Vec<(usize, String)>,
    /// "By Jane Doe" and "Medically reviewed by…" lines, lifted.
    pub bylines: Vec<String>,
    /// Every line dropped, lifted or re-typed (heading, list item, gap), with the reason, in order.
    pub explained: Vec<Explained>,
    /// Things the editor should know: a date that reads two ways, a heading with no text.
    pub notes: Vec<SeedNote>,
}

/// Why one seed line was dropped, lifted or re-typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explained {
    /// 1-based seed line.
    pub line: usize,
    /// The line's text (or the part of it the decision is about).
    pub text: String,
    /// What it became: `junk`, `title`, `heading`, `list item`, `gap`, `review date`, `date`,
    /// `byline`, `sources` or `source`.
    pub became: &'static str,
    /// Why, in plain words.
    pub reason: String,
}

/// A warning about a seed line that is not a curation problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeedNote {
    /// 1-based seed line.
    pub line: usize,
    /// What to look at.
    pub message: String,
    /// The note is about how the review date was read, so it matters only to a page that
    /// takes its review date from the seed. Not in `clean`'s JSON (schema version 1).
    #[serde(skip)]
    pub about_review_date: bool,
}

/// How a page fills a gap: a list, a paragraph, or `false` to drop the gap line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Fill {
    /// Items rendered as a bullet list after the gap line.
    Items(Vec<String>),
    /// Markdown added after the gap line.
    Text(String),
    /// `false` drops the gap line (`true` is rejected).
    #[schemars(with = "crate::schema_parts::FalseOnly")]
    Keep(bool),
}

/// A curated replacement of seed text (`edits: [{find, replace}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// Exact text of the seed to replace.
    pub find: String,
    /// The plainer text; a blank line in it splits a paragraph there.
    pub replace: String,
}

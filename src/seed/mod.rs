//! Seed normalizer: raw scraped article text becomes structured blocks, then Markdown.
//!
//! [`normalize`] drops publisher boilerplate, lifts the title, review date and journal references
//! out of the body, and recovers headings, lists and "gaps" (lines promising a list the scrape
//! lost). [`curate`] applies a page's fills and edits; [`to_markdown`] renders the blocks with
//! seed text escaped so it shows literally.

mod boilerplate;
mod curate;
mod lift;
mod markdown;
mod normalize;
mod text;

#[cfg(test)]
mod seed_tests;

pub use boilerplate::{Boilerplate, BoilerplateRule, MatchKind, BUILTIN_BOILERPLATE};
pub use curate::{curate, CurateProblem, Curated};
pub use markdown::{escape, to_markdown};
pub use normalize::normalize;

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
    /// "Journal reference:" blocks lifted as sources.
    pub sources: Vec<LiftedSource>,
    /// Lines dropped as boilerplate: (1-based line, trimmed text).
    pub dropped: Vec<(usize, String)>,
    /// Lines taken out of the body as facts (title, review date, references): (1-based line, trimmed text).
    pub lifted: Vec<(usize, String)>,
}

/// How a page fills a gap: a list, a paragraph, or `false` to drop the gap line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Fill {
    /// Items rendered as a bullet list after the gap line.
    Items(Vec<String>),
    /// Markdown added after the gap line.
    Text(String),
    /// `false` drops the gap line (`true` is rejected).
    Keep(bool),
}

/// A curated replacement of seed text (`edits: [{find, replace}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// Exact text of the seed to replace.
    pub find: String,
    /// The plainer text.
    pub replace: String,
}

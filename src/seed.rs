//! Seed normalizer: raw scraped article text becomes structured blocks, then Markdown.
//!
//! STUB: the real rules (boilerplate, headings, lists, gaps, lifted facts) land with the
//! seed-normalizer work; the types below are the contract the rest of the pipeline uses.

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
#[serde(tag = "type", rename_all = "lowercase")]
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
    /// Lines dropped as boilerplate: (1-based line, text).
    pub dropped: Vec<(usize, String)>,
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

/// Normalize raw seed text; `extra_boilerplate` adds site and page patterns to the built-in list.
pub fn normalize(text: &str, extra_boilerplate: &[String]) -> NormalizedSeed {
    let _ = extra_boilerplate;
    let mut blocks = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.is_empty() {
            blocks.push(SeedBlock { line: i + 1, kind: BlockKind::Paragraph(line.to_string()) });
        }
    }
    NormalizedSeed { blocks, ..Default::default() }
}

/// Render blocks as Markdown, escaping characters Markdown would treat as syntax.
pub fn to_markdown(blocks: &[SeedBlock]) -> String {
    let mut out = String::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Heading(t) => out.push_str(&format!("## {t}\n\n")),
            BlockKind::Paragraph(t) | BlockKind::Gap(t) => out.push_str(&format!("{t}\n\n")),
            BlockKind::List { items, .. } => {
                for it in items {
                    out.push_str(&format!("- {it}\n"));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// A seed after the page's fills and edits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Curated {
    /// The blocks after curation.
    pub blocks: Vec<SeedBlock>,
    /// What did not fit.
    pub problems: Vec<CurateProblem>,
}

/// Problems found while applying fills and edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CurateProblem {
    /// A gap no fill covers.
    UnfilledGap {
        /// 1-based seed line.
        line: usize,
        /// The gap line.
        text: String,
    },
    /// An edit whose `find` is not in the seed.
    EditNotFound {
        /// 0-based index in `edits`.
        index: usize,
        /// The text looked for.
        find: String,
    },
    /// A fill whose key matches no gap.
    FillUnused {
        /// The fill's key.
        key: String,
    },
}

/// Apply a page's fills and edits to normalized blocks (STUB).
pub fn curate(
    seed: &NormalizedSeed,
    fills: &std::collections::BTreeMap<String, Fill>,
    edits: &[Edit],
) -> Curated {
    let _ = (fills, edits);
    Curated { blocks: seed.blocks.clone(), problems: Vec::new() }
}

//! `plainleaf clean SEED`: exactly what the build uses from one seed, as text, Markdown or JSON.
//!
//! The JSON schema is documented in `docs/cleaner.md`; `schema_version` changes whenever a field
//! is renamed, removed or changes meaning (new fields may be added without a change).

use serde::Serialize;

use super::classify::Options;
use super::dates::Region;
use super::html::{html_lines, is_html_name};
use super::normalize::{normalize_lines, text_lines};
use super::{to_markdown, BlockKind, Explained, LiftedSource, NormalizedSeed, SeedNote};

/// The version of the JSON that `plainleaf clean --format json` prints.
pub const SCHEMA_VERSION: u32 = 1;

/// Normalize a seed by its file name: `.html` and `.htm` seeds are saved web pages, anything
/// else is text.
pub fn normalize_seed(name: &str, text: &str, options: &Options) -> NormalizedSeed {
    if !is_html_name(name) {
        return normalize_lines(&text_lines(text), options);
    }
    let (lines, outside) = html_lines(text);
    let mut seed = normalize_lines(&lines, options);
    for line in outside {
        seed.dropped.push((line.number, line.text.clone()));
        seed.explained.push(Explained {
            line: line.number,
            text: line.text,
            became: "junk",
            reason: "outside the page's main content (Readability)".into(),
        });
    }
    seed.explained.sort_by_key(|e| e.line);
    seed
}

/// How `clean` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanFormat {
    /// For people: the blocks, then the lifted facts.
    Text,
    /// The Markdown the build renders, with the title as `#`.
    Markdown,
    /// The report as JSON (schema in `docs/cleaner.md`).
    Json,
}

/// What the build uses from one seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CleanReport {
    /// The JSON schema's version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The seed file as given.
    pub seed: String,
    /// `text` or `html`.
    pub source: &'static str,
    /// How numeric dates were read (`us`: month first, `uk`: day first).
    pub region: Region,
    /// The title found, if any.
    pub title: Option<String>,
    /// The review or update date lifted, as `YYYY-MM-DD`.
    pub review_date: Option<String>,
    /// True when that date was numeric and reads two ways.
    pub review_date_ambiguous: bool,
    /// Bylines lifted ("By …", "Medically reviewed by …").
    pub bylines: Vec<String>,
    /// References lifted as sources.
    pub sources: Vec<LiftedSource>,
    /// The body, in order.
    pub blocks: Vec<CleanBlock>,
    /// Lines that promise a list the seed lost (also in `blocks`, as `gap`).
    pub gaps: Vec<CleanLine>,
    /// Warnings: a date that reads two ways, a heading with no text after it.
    pub notes: Vec<SeedNote>,
    /// Every line dropped, lifted or re-typed, with the reason.
    pub explain: Vec<Explained>,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CleanBlock {
    /// 1-based seed line where it starts.
    pub line: usize,
    /// `heading`, `paragraph`, `list` or `gap`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The text (headings, paragraphs, gaps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Numbered or bulleted (lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordered: Option<bool>,
    /// The items (lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
}

/// A line and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CleanLine {
    /// 1-based seed line.
    pub line: usize,
    /// Its text.
    pub text: String,
}

/// The report for a normalized seed.
pub fn report(seed_name: &str, html: bool, region: Region, seed: &NormalizedSeed) -> CleanReport {
    let mut gaps = Vec::new();
    let blocks = seed
        .blocks
        .iter()
        .map(|b| {
            let (kind, text, ordered, items) = match &b.kind {
                BlockKind::Heading(t) => ("heading", Some(t.clone()), None, None),
                BlockKind::Paragraph(t) | BlockKind::Markdown(t) => {
                    ("paragraph", Some(t.clone()), None, None)
                }
                BlockKind::Gap(t) => {
                    gaps.push(CleanLine { line: b.line, text: t.clone() });
                    ("gap", Some(t.clone()), None, None)
                }
                BlockKind::List { ordered, items } => ("list", None, Some(*ordered), Some(items.clone())),
            };
            CleanBlock { line: b.line, kind, text, ordered, items }
        })
        .collect();
    CleanReport {
        schema_version: SCHEMA_VERSION,
        seed: seed_name.to_string(),
        source: if html { "html" } else { "text" },
        region,
        title: seed.title.clone(),
        review_date: seed.reviewed_on.map(|d| d.to_string()),
        review_date_ambiguous: seed.reviewed_ambiguous,
        bylines: seed.bylines.clone(),
        sources: seed.sources.clone(),
        blocks,
        gaps,
        notes: seed.notes.clone(),
        explain: seed.explained.clone(),
    }
}

/// Renders a report; `explain` adds every dropped or re-typed line (JSON always has them).
pub fn render(report: &CleanReport, format: CleanFormat, explain: bool) -> String {
    match format {
        CleanFormat::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
        CleanFormat::Markdown => {
            let mut out = String::new();
            if let Some(title) = &report.title {
                out.push_str(&format!("# {}\n\n", super::escape(title)));
            }
            out.push_str(&to_markdown(&blocks_of(report)));
            out.push_str(&facts_and_explain(report, explain));
            out
        }
        CleanFormat::Text => {
            let mut out = format!("title: {}\n\n", report.title.as_deref().unwrap_or("(none found)"));
            for block in &report.blocks {
                match (block.kind, &block.text, &block.items) {
                    ("heading", Some(t), _) => out.push_str(&format!("## {t}\n\n")),
                    ("gap", Some(t), _) => out.push_str(&format!("{t}   [gap: line {}]\n\n", block.line)),
                    (_, Some(t), _) => out.push_str(&format!("{t}\n\n")),
                    (_, None, Some(items)) => {
                        for (n, item) in items.iter().enumerate() {
                            let marker =
                                if block.ordered == Some(true) { format!("{}.", n + 1) } else { "-".into() };
                            out.push_str(&format!("{marker} {item}\n"));
                        }
                        out.push('\n');
                    }
                    _ => {}
                }
            }
            out.push_str(&facts_and_explain(report, explain));
            out
        }
    }
}

/// The report's blocks back as seed blocks, for Markdown.
fn blocks_of(report: &CleanReport) -> Vec<super::SeedBlock> {
    report
        .blocks
        .iter()
        .map(|b| {
            let text = b.text.clone().unwrap_or_default();
            let kind = match b.kind {
                "heading" => BlockKind::Heading(text),
                "gap" => BlockKind::Gap(text),
                "list" => BlockKind::List {
                    ordered: b.ordered == Some(true),
                    items: b.items.clone().unwrap_or_default(),
                },
                _ => BlockKind::Paragraph(text),
            };
            super::SeedBlock { line: b.line, kind }
        })
        .collect()
}

/// The lifted facts, notes and (with `explain`) the reasons, as plain lines.
fn facts_and_explain(report: &CleanReport, explain: bool) -> String {
    let mut out = String::from("---\n");
    let ambiguous = if report.review_date_ambiguous { " (reads two ways: check it)" } else { "" };
    out.push_str(&format!(
        "review date: {}{ambiguous}\n",
        report.review_date.as_deref().unwrap_or("(none found)")
    ));
    for byline in &report.bylines {
        out.push_str(&format!("byline: {byline}\n"));
    }
    for source in &report.sources {
        let url = source.url.as_deref().map(|u| format!(" <{u}>")).unwrap_or_default();
        out.push_str(&format!("source: {}{url}\n", source.title));
    }
    for gap in &report.gaps {
        out.push_str(&format!(
            "gap: {}:{}: {:?} promises a list the seed does not have\n",
            report.seed, gap.line, gap.text
        ));
    }
    for note in &report.notes {
        out.push_str(&format!("note: {}:{}: {}\n", report.seed, note.line, note.message));
    }
    if explain {
        out.push_str("\nline  became       why\n");
        for e in &report.explain {
            out.push_str(&format!("{:>4}  {:<11}  {}: {:?}\n", e.line, e.became, e.reason, e.text));
        }
    }
    out
}

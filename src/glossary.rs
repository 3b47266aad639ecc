//! The glossary: entries from `content/glossary.yaml`, one matcher for all terms, and the
//! marker that wraps terms in page text. (STUB: the contract; matching lands later.)

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Failed, Location};

/// How often a term is marked on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MarkMode {
    /// The first occurrence on the page.
    #[default]
    FirstPerPage,
    /// The first occurrence in each section (between headings).
    FirstPerSection,
    /// Every occurrence.
    Every,
}

/// One entry as written in `glossary.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The canonical term.
    pub term: String,
    /// One or two plain sentences.
    pub plain: String,
    /// Synonyms, plurals, spellings and abbreviations.
    #[serde(default)]
    pub also: Vec<String>,
    /// A longer explanation for the glossary page.
    #[serde(default)]
    pub more: Option<String>,
    /// Related terms.
    #[serde(default)]
    pub see: Vec<String>,
    /// Match case exactly (default: on for all-capital abbreviations).
    #[serde(default)]
    pub case_sensitive: Option<bool>,
}

/// The loaded glossary with its matcher, built once per build.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Entries in file order.
    pub entries: Vec<GlossaryEntry>,
    /// Anchor slug for each entry (same order).
    pub slugs: Vec<String>,
}

impl Glossary {
    /// Parse glossary YAML text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<(Glossary, Vec<Diagnostic>), Failed> {
        let entries: Vec<GlossaryEntry> = if text.trim().is_empty() {
            Vec::new()
        } else {
            serde_yaml::from_str(text).map_err(|e| {
                let loc = e.location().map(|l| Location::at(path, l.line(), Some(l.column())));
                Diagnostic::error(loc.or_else(|| Some(Location::file(path))), e.to_string())
            })?
        };
        Ok((Glossary::from_entries(entries), Vec::new()))
    }

    /// Build the glossary (and its matcher) from entries.
    pub fn from_entries(entries: Vec<GlossaryEntry>) -> Glossary {
        let slugs = entries.iter().map(|e| crate::slug::slugify(&e.term)).collect();
        Glossary { entries, slugs }
    }

    /// Every phrase the glossary claims (terms and synonyms), for protecting them from rewrites.
    pub fn phrases(&self) -> Vec<String> {
        self.entries.iter().flat_map(|e| std::iter::once(e.term.clone()).chain(e.also.clone())).collect()
    }
}

/// Marks glossary terms in a page's text, remembering what it already marked.
#[derive(Debug)]
pub struct Marker<'g> {
    glossary: &'g Glossary,
    mode: MarkMode,
    /// Entry indexes used on this page, in first-use order.
    pub used: Vec<usize>,
}

impl<'g> Marker<'g> {
    /// A marker for one page; `glossary_href` is the relative URL of the glossary page.
    pub fn new(glossary: &'g Glossary, mode: MarkMode) -> Self {
        Marker { glossary, mode, used: Vec::new() }
    }

    /// A new section starts (a heading): `FirstPerSection` may mark terms again.
    pub fn new_section(&mut self) {}

    /// Escaped HTML for `text` with its terms marked, or `None` when nothing matched.
    pub fn mark(&mut self, text: &str, glossary_href: &str) -> Option<String> {
        let _ = (text, glossary_href, self.glossary, self.mode);
        None
    }
}

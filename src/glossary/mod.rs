//! The glossary: entries from `content/glossary.yaml`, one matcher for all terms, and the
//! marker that wraps terms in page text with a link and a plain-words bubble.

mod lint;
pub mod matcher;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{did_you_mean, Diagnostic, Failed, Location};
use matcher::{looks_like_abbreviation, Phrase, TermMatch, TermMatcher};

/// Longest `plain` (in words) that still reads well in a bubble.
pub const MAX_PLAIN_WORDS: usize = 25;

/// Every key a glossary entry accepts (for "did you mean").
pub const ENTRY_KEYS: &[&str] = &["term", "plain", "also", "more", "see", "case_sensitive"];

/// How often a term is marked on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

/// `glossary.yaml` as it may be written: the list of entries, or the same list under `terms:`.
/// (Only the schema reads this type; [`Glossary::parse`] picks the form by the first key so
/// its messages stay those of the form the file is written in.)
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum GlossaryFile {
    /// The entries, one `- term: ...` after another.
    List(Vec<GlossaryEntry>),
    /// The entries under `terms:`: the form a git-based CMS can edit, as it edits only files
    /// whose top level is a mapping.
    Terms(GlossaryTerms),
}

/// A glossary written as `terms:` followed by its list of entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTerms {
    /// The entries.
    #[serde(default)]
    pub terms: Vec<GlossaryEntry>,
}

/// Whether a glossary's first key (past comments and blank lines) is `terms:`.
pub fn written_under_terms(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#') && l != &"---")
        .is_some_and(|l| l.starts_with("terms:") || l.starts_with("\"terms\":"))
}

impl GlossaryEntry {
    /// The term followed by its synonyms, trimmed, empty ones left out.
    pub fn all_phrases(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.also.iter().map(String::as_str)).map(str::trim)
    }

    /// Whether `phrase` (one of this entry's) must match case exactly: the entry's
    /// `case_sensitive` when set, otherwise only when the phrase is an abbreviation.
    pub fn phrase_is_case_sensitive(&self, phrase: &str) -> bool {
        self.case_sensitive.unwrap_or_else(|| looks_like_abbreviation(phrase))
    }
}

/// The loaded glossary with its matcher, built once per build.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// Entries in file order.
    pub entries: Vec<GlossaryEntry>,
    /// Anchor slug for each entry (same order).
    pub slugs: Vec<String>,
    matcher: TermMatcher,
}

impl Glossary {
    /// Parse glossary YAML text; `path` is used in messages. Every error is collected; the
    /// warnings come back beside the glossary.
    pub fn parse(text: &str, path: &Path) -> Result<(Glossary, Vec<Diagnostic>), Failed> {
        Glossary::parse_for("en", text, path)
    }

    /// [`Glossary::parse`] for a glossary in `language`, matched by that language's rules
    /// ([`TermMatcher::for_language`]: a Spanish glossary folds accents and finds plurals).
    pub fn parse_for(language: &str, text: &str, path: &Path) -> Result<(Glossary, Vec<Diagnostic>), Failed> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let entries: Vec<GlossaryEntry> = if text.trim().is_empty() {
            Vec::new()
        } else {
            let yaml_error = |e| crate::error::yaml::yaml_diagnostic(&e, path, 0, ENTRY_KEYS);
            if written_under_terms(text) {
                serde_yaml::from_str::<GlossaryTerms>(text).map_err(yaml_error)?.terms
            } else {
                serde_yaml::from_str::<Option<Vec<GlossaryEntry>>>(text)
                    .map_err(yaml_error)?
                    .unwrap_or_default()
            }
        };
        let glossary = Glossary::from_entries_for(language, entries);
        let lines = entry_lines(text, glossary.entries.len());
        let mut diagnostics = glossary.validate(path, &lines);
        // Glossary text is plain text everywhere it is shown: tags would show as written.
        let found = crate::content::raw_html::in_yaml_fields(&glossary.entries, text, 1, path, &[]);
        diagnostics.extend(found.iter().filter_map(|f| f.warning(false)));
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Failed(diagnostics));
        }
        Ok((glossary, diagnostics))
    }

    /// Build the glossary (and its matcher) from entries.
    pub fn from_entries(entries: Vec<GlossaryEntry>) -> Glossary {
        Glossary::from_entries_for("en", entries)
    }

    /// [`Glossary::from_entries`] for a glossary in `language` (its matching rules).
    pub fn from_entries_for(language: &str, entries: Vec<GlossaryEntry>) -> Glossary {
        let slugs = unique_slugs(&entries);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut phrases = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            for text in entry.all_phrases() {
                // A phrase claimed twice is reported by `parse`; the matcher keeps the first claim.
                if text.is_empty() || seen.insert(text.to_lowercase(), index).is_some() {
                    continue;
                }
                let case_sensitive = entry.phrase_is_case_sensitive(text);
                phrases.push(Phrase { text: text.to_string(), entry: index, case_sensitive });
            }
        }
        Glossary { entries, slugs, matcher: TermMatcher::for_language(language, phrases) }
    }

    /// Every phrase the glossary claims (terms and synonyms), for protecting them from rewrites.
    pub fn phrases(&self) -> Vec<String> {
        self.entries.iter().flat_map(|e| std::iter::once(e.term.clone()).chain(e.also.clone())).collect()
    }

    /// Every glossary phrase in `text`: whole words, the longest phrase first, never overlapping.
    pub fn find_terms(&self, text: &str) -> Vec<TermMatch> {
        self.matcher.find_all(text)
    }

    /// The anchor slug of an entry (its `id` on the glossary page), if the index exists.
    pub fn slug(&self, index: usize) -> Option<&str> {
        self.slugs.get(index).map(String::as_str)
    }

    /// The `id` of an entry on the glossary page (what term links point at after `#`).
    pub fn entry_html_id(&self, index: usize) -> Option<&str> {
        self.slug(index)
    }

    /// The index of the entry that owns `phrase` (term or synonym, any case).
    pub fn entry_for(&self, phrase: &str) -> Option<usize> {
        let wanted = phrase.trim().to_lowercase();
        self.entries.iter().position(|e| e.all_phrases().any(|p| p.to_lowercase() == wanted))
    }

    /// The entries for a page's "Words to know" list, in the order the page first used them.
    pub fn words_to_know(&self, used: &[usize]) -> Vec<&GlossaryEntry> {
        let mut listed = vec![false; self.entries.len()];
        used.iter()
            .filter_map(|&i| {
                let flag = listed.get_mut(i)?;
                let first = !std::mem::replace(flag, true);
                first.then(|| &self.entries[i])
            })
            .collect()
    }

    /// All problems with the entries: errors (empty `plain`, a phrase claimed twice, a `see`
    /// naming no term) and warnings (long `plain`, `plain` using a glossary abbreviation).
    fn validate(&self, path: &Path, lines: &[Option<usize>]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |index: usize| match lines.get(index).copied().flatten() {
            Some(line) => Location::at(path, line, None),
            None => Location::file(path),
        };
        let name =
            |index: usize| format!("entry {} \u{201c}{}\u{201d}", index + 1, self.entries[index].term.trim());
        // For messages about two entries, where the location can point at only one.
        let name_and_line = |index: usize| match lines.get(index).copied().flatten() {
            Some(line) => format!("{} (line {line})", name(index)),
            None => name(index),
        };
        if let Some(why) = self.matcher.build_error() {
            out.push(Diagnostic::error(
                Some(Location::file(path)),
                format!("the glossary is too big to match: {why}"),
            ));
        }
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if entry.term.trim().is_empty() {
                out.push(
                    Diagnostic::error(Some(at(index)), format!("entry {} has an empty `term`", index + 1))
                        .with_hint("write the word or phrase this entry explains"),
                );
            }
            if entry.plain.trim().is_empty() {
                out.push(
                    Diagnostic::error(Some(at(index)), format!("{} has an empty `plain`", name(index)))
                        .with_hint("write one or two short, plain sentences that explain the term"),
                );
            }
            if entry.also.iter().any(|a| a.trim().is_empty()) {
                out.push(
                    Diagnostic::error(
                        Some(at(index)),
                        format!("{} has an empty synonym in `also`", name(index)),
                    )
                    .with_hint("remove the empty item from `also`"),
                );
            }
            let mut own = Vec::new();
            for phrase in entry.all_phrases().filter(|p| !p.is_empty()) {
                let key = phrase.to_lowercase();
                if own.contains(&key) {
                    continue;
                }
                own.push(key.clone());
                if let Some(&first) = owner.get(&key) {
                    out.push(
                        Diagnostic::error(
                            Some(at(index)),
                            format!(
                                "\u{201c}{phrase}\u{201d} is claimed by two entries: {} and {}",
                                name_and_line(first),
                                name_and_line(index)
                            ),
                        )
                        .with_hint(
                            "a word or phrase can belong to one entry only: remove it from one of them",
                        ),
                    );
                } else {
                    owner.insert(key, index);
                }
            }
        }
        let known: Vec<&str> = self.entries.iter().map(|e| e.term.trim()).collect();
        for (index, entry) in self.entries.iter().enumerate() {
            for target in &entry.see {
                if self.entry_for(target).is_none() {
                    let mut d = Diagnostic::error(
                        Some(at(index)),
                        format!(
                            "{} says `see: {}`, but the glossary has no such term",
                            name(index),
                            target.trim()
                        ),
                    );
                    d = match did_you_mean(target.trim(), &known) {
                        Some(s) => d.with_hint(format!("did you mean \u{201c}{s}\u{201d}?")),
                        None => d.with_hint("add that term to the glossary, or remove it from `see`"),
                    };
                    out.push(d);
                }
            }
            let words = entry.plain.split_whitespace().count();
            if words > MAX_PLAIN_WORDS {
                out.push(
                    Diagnostic::warning(
                        Some(at(index)),
                        format!("{} has a `plain` of {words} words (the bubble reads best at {MAX_PLAIN_WORDS} or fewer)", name(index)),
                    )
                    .with_hint("keep `plain` to one or two short sentences and move the rest to `more`"),
                );
            }
            let mut named: Vec<usize> = Vec::new();
            let mut shown: Vec<String> = Vec::new();
            for hit in self.find_terms(&entry.plain) {
                // Everyday terms (cells, genes) are fine in a bubble; an abbreviation is not,
                // because the reader meets letters the bubble cannot expand.
                let used = &entry.plain[hit.start..hit.end];
                if hit.entry != index && !named.contains(&hit.entry) && matcher::looks_like_abbreviation(used)
                {
                    named.push(hit.entry);
                    shown.push(format!("\u{201c}{}\u{201d}", &entry.plain[hit.start..hit.end]));
                }
            }
            if !shown.is_empty() {
                let (noun, pronoun) = if shown.len() == 1 { ("term", "it") } else { ("terms", "them") };
                out.push(
                    Diagnostic::warning(
                        Some(at(index)),
                        format!(
                            "the `plain` of {} uses the glossary {noun} {}, and its bubble does not explain {pronoun}",
                            name(index),
                            shown.join(", ")
                        ),
                    )
                    .with_hint("say it in everyday words, so the bubble explains itself"),
                );
            }
        }
        out
    }
}

/// The 1-based line of each entry's `term:` key, when the file is laid out one key per line
/// (as `serde_yaml` gives no positions for values that parsed fine).
fn entry_lines(text: &str, count: usize) -> Vec<Option<usize>> {
    let found: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start();
            let line = line.strip_prefix('-').map(str::trim_start).unwrap_or(line);
            line.starts_with("term:") || line.starts_with("\"term\":")
        })
        .map(|(i, _)| i + 1)
        .collect();
    if found.len() == count {
        found.into_iter().map(Some).collect()
    } else {
        vec![None; count]
    }
}

/// One slug per entry, made unique with "-2", "-3"... so every anchor on the page is distinct.
fn unique_slugs(entries: &[GlossaryEntry]) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let mut base = crate::slug::slugify(&entry.term);
            if base.is_empty() {
                base = format!("term-{}", index + 1);
            }
            let mut slug = base.clone();
            let mut n = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            slug
        })
        .collect()
}

/// Marks glossary terms in a page's text, remembering what it already marked.
#[derive(Debug)]
pub struct Marker<'g> {
    glossary: &'g Glossary,
    mode: MarkMode,
    /// Entry indexes used on this page, in first-use order.
    pub used: Vec<usize>,
    marked_on_page: Vec<bool>,
    marked_in_section: Vec<bool>,
    tips_written: usize,
}

impl crate::markdown::TermMarker for Marker<'_> {
    fn new_section(&mut self) {
        Marker::new_section(self)
    }

    fn mark(&mut self, text: &str, glossary_href: &str) -> Option<String> {
        Marker::mark(self, text, glossary_href)
    }
}

impl<'g> Marker<'g> {
    /// A marker for one page.
    pub fn new(glossary: &'g Glossary, mode: MarkMode) -> Self {
        let count = glossary.entries.len();
        Marker {
            glossary,
            mode,
            used: Vec::new(),
            marked_on_page: vec![false; count],
            marked_in_section: vec![false; count],
            tips_written: 0,
        }
    }

    /// A new section starts (a heading): `FirstPerSection` may mark terms again.
    pub fn new_section(&mut self) {
        self.marked_in_section.iter_mut().for_each(|m| *m = false);
    }

    /// Escaped HTML for `text` with its terms marked, or `None` when nothing was marked;
    /// `glossary_href` is the relative URL of the glossary page.
    pub fn mark(&mut self, text: &str, glossary_href: &str) -> Option<String> {
        let mut out = String::new();
        let mut copied_until = 0;
        for hit in self.glossary.find_terms(text) {
            // A term not marked again still hides the shorter terms inside it.
            if !self.should_mark(hit.entry) {
                continue;
            }
            if out.is_empty() {
                out.reserve(text.len() + 256);
            }
            crate::markdown::escape_into(&mut out, &text[copied_until..hit.start]);
            self.write_term(&mut out, hit.entry, &text[hit.start..hit.end], glossary_href);
            copied_until = hit.end;
        }
        if copied_until == 0 {
            return None;
        }
        crate::markdown::escape_into(&mut out, &text[copied_until..]);
        Some(out)
    }

    fn should_mark(&self, entry: usize) -> bool {
        match self.mode {
            MarkMode::FirstPerPage => !self.marked_on_page[entry],
            MarkMode::FirstPerSection => !self.marked_in_section[entry],
            MarkMode::Every => true,
        }
    }

    fn write_term(&mut self, out: &mut String, entry: usize, shown: &str, glossary_href: &str) {
        self.marked_on_page[entry] = true;
        self.marked_in_section[entry] = true;
        if !self.used.contains(&entry) {
            self.used.push(entry);
        }
        self.tips_written += 1;
        let slug = &self.glossary.slugs[entry];
        let tip_id = format!("tip-{slug}-{}", self.tips_written);
        out.push_str("<a class=\"term\" href=\"");
        crate::markdown::escape_into(out, glossary_href);
        let _ = write!(out, "#{slug}\" data-term=\"{slug}\" aria-describedby=\"{tip_id}\">");
        crate::markdown::escape_into(out, shown);
        // The bubble is empty: the definition is on the page once, in "Words to know"
        // (`id="def-{slug}"`), however often the term is marked; the script copies it in.
        let _ = write!(
            out,
            "</a><span class=\"term-tip\" role=\"tooltip\" id=\"{tip_id}\" data-def=\"def-{slug}\" hidden></span>"
        );
    }
}

/// The text a reader sees in marked HTML: bubbles dropped, term links unwrapped, entities
/// decoded. Only for HTML that `Marker::mark` wrote (tests and checks).
pub fn strip_term_markup(html: &str) -> String {
    let mut visible = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        visible.push_str(&rest[..open]);
        rest = &rest[open..];
        let skip_to = if rest.starts_with("<span class=\"term-tip\"") {
            rest.find("</span>").map(|i| i + "</span>".len())
        } else {
            rest.find('>').map(|i| i + 1)
        };
        rest = &rest[skip_to.unwrap_or(rest.len())..];
    }
    visible.push_str(rest);
    unescape(&visible)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"
- term: hematopoietic stem cells
  plain: Cells in the bone marrow that make all your blood cells.
  also: [hematopoietic stem cell, HSCs, HSC]
  see: [stem cells]
- term: stem cells
  plain: Cells that can grow into many kinds of cells.
  also: [stem cell]
- term: blood pressure
  plain: How hard your blood pushes on the walls of your blood vessels.
- term: blood
  plain: The red liquid your heart pumps around your body.
- term: severe combined immunodeficiency
  plain: A rare illness, present at birth, where the body cannot fight germs.
  also: [SCID]
- term: "<tricky> & \"quoted\""
  plain: Uses <b> & "quotes" & 'apostrophes'.
"#;

    fn glossary() -> Glossary {
        let (g, warnings) = Glossary::parse(YAML, Path::new("glossary.yaml")).expect("test glossary parses");
        // "blood pressure" says "blood" in its plain, which is fine for the test but warned about.
        assert!(warnings.iter().all(|w| !w.is_error()));
        g
    }

    fn entry(term: &str, plain: &str, also: &[&str]) -> GlossaryEntry {
        GlossaryEntry {
            term: term.into(),
            plain: plain.into(),
            also: also.iter().map(|s| s.to_string()).collect(),
            more: None,
            see: Vec::new(),
            case_sensitive: None,
        }
    }

    fn marked_terms(html: &str) -> Vec<String> {
        html.split("<a class=\"term\"")
            .skip(1)
            .filter_map(|part| {
                let slug = part.split("data-term=\"").nth(1)?.split('"').next()?;
                let shown = part.split('>').nth(1)?.split("</a").next()?;
                Some(format!("{slug}:{shown}"))
            })
            .collect()
    }

    #[test]
    fn markup_has_link_and_hidden_tip() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::FirstPerPage);
        let html = marker.mark("Your HSCs live here.", "../glossary/").expect("a term is marked");
        assert_eq!(
            html,
            "Your <a class=\"term\" href=\"../glossary/#hematopoietic-stem-cells\" \
             data-term=\"hematopoietic-stem-cells\" aria-describedby=\"tip-hematopoietic-stem-cells-1\">HSCs</a>\
             <span class=\"term-tip\" role=\"tooltip\" id=\"tip-hematopoietic-stem-cells-1\" \
             data-def=\"def-hematopoietic-stem-cells\" hidden></span> live here."
        );
        assert!(!html.contains("title="));
        assert_eq!(marker.used, [0]);
    }

    #[test]
    fn nothing_marked_gives_none() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::Every);
        assert_eq!(marker.mark("Nothing to see & <here>.", "glossary.html"), None);
        assert!(marker.used.is_empty());
    }

    #[test]
    fn longest_term_wins_and_synonyms_map_to_their_entry() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::Every);
        let html =
            marker.mark("Hematopoietic stem cells are stem cells. One stem cell. An HSC.", "g/").unwrap();
        assert_eq!(
            marked_terms(&html),
            [
                "hematopoietic-stem-cells:Hematopoietic stem cells",
                "stem-cells:stem cells",
                "stem-cells:stem cell",
                "hematopoietic-stem-cells:HSC",
            ]
        );
        assert_eq!(marker.used, [0, 1]);
    }

    #[test]
    fn blood_pressures_still_marks_blood() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::Every);
        let html = marker.mark("High blood pressures; high blood pressure.", "g/").unwrap();
        assert_eq!(marked_terms(&html), ["blood:blood", "blood-pressure:blood pressure"]);
    }

    #[test]
    fn abbreviations_match_case_exactly_and_whole_words_only() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::Every);
        assert_eq!(marker.mark("scid, Scid, SCIDs, xSCID, hscs", "g/"), None);
        let html = marker.mark("Babies with SCID.", "g/").unwrap();
        assert_eq!(marked_terms(&html), ["severe-combined-immunodeficiency:SCID"]);
        // A lower-case term matches at the start of a sentence.
        let html = marker.mark("Blood is red.", "g/").unwrap();
        assert_eq!(marked_terms(&html), ["blood:Blood"]);
    }

    #[test]
    fn explicit_case_sensitive_applies_to_every_phrase() {
        let mut e = entry("Crohn disease", "A gut illness.", &["crohn's"]);
        e.case_sensitive = Some(true);
        let g = Glossary::from_entries(vec![e]);
        assert!(g.find_terms("crohn disease, Crohn's").is_empty());
        assert_eq!(g.find_terms("Crohn disease").len(), 1);
    }

    #[test]
    fn first_per_page_marks_each_entry_once_across_synonyms() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::FirstPerPage);
        let first = marker.mark("Stem cells and a stem cell.", "g/").unwrap();
        assert_eq!(marked_terms(&first), ["stem-cells:Stem cells"]);
        marker.new_section();
        assert_eq!(marker.mark("More stem cells.", "g/"), None);
    }

    #[test]
    fn an_already_marked_term_still_hides_the_terms_inside_it() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::FirstPerPage);
        marker.mark("hematopoietic stem cells", "g/").unwrap();
        assert_eq!(marker.mark("hematopoietic stem cells", "g/"), None);
    }

    #[test]
    fn first_per_section_resets_at_headings() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::FirstPerSection);
        assert!(marker.mark("blood", "g/").is_some());
        assert_eq!(marker.mark("blood", "g/"), None);
        marker.new_section();
        let html = marker.mark("blood", "g/").unwrap();
        assert!(html.contains("id=\"tip-blood-2\""), "ids stay unique on the page: {html}");
        assert_eq!(marker.used, [3]);
    }

    #[test]
    fn every_mode_marks_all_with_unique_ids() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::Every);
        let html = marker.mark("blood, blood and blood", "g/").unwrap();
        for n in 1..=3 {
            assert!(html.contains(&format!("id=\"tip-blood-{n}\"")), "{html}");
        }
        assert_eq!(marker.used, [3]);
    }

    #[test]
    fn marked_text_is_escaped() {
        let g = glossary();
        let mut marker = Marker::new(&g, MarkMode::Every);
        let text = "a < b & \"c\" 'd' <tricky> & \"quoted\" blood";
        let html = marker.mark(text, "x\"y/").unwrap();
        assert!(
            html.starts_with(
                "a &lt; b &amp; &quot;c&quot; &#39;d&#39; <a class=\"term\" href=\"x&quot;y/#tricky-quoted\""
            ),
            "{html}"
        );
        assert!(html.contains(">&lt;tricky&gt; &amp; &quot;quoted&quot;</a>"), "{html}");
        // The definition is not in the marked text: "Words to know" holds it, escaped there.
        assert!(!html.contains("Uses"), "{html}");
        assert_eq!(strip_term_markup(&html), text);
    }

    #[test]
    fn marking_never_changes_the_visible_text() {
        let g = glossary();
        let samples = [
            "Hematopoietic stem cells (HSCs) live in bone marrow & make blood.",
            "SCID <b>is</b> rare; \"severe combined immunodeficiency\" is its name.",
            "High blood pressures, blood pressure, BLOOD, stem-cell, stem cells'.",
            "Ünïcode blood—stem cells…",
        ];
        for mode in [MarkMode::FirstPerPage, MarkMode::FirstPerSection, MarkMode::Every] {
            let mut marker = Marker::new(&g, mode);
            for text in samples {
                if let Some(html) = marker.mark(text, "../glossary/") {
                    assert_eq!(strip_term_markup(&html), text, "{mode:?}: {html}");
                }
            }
        }
    }

    #[test]
    fn words_to_know_follow_first_use() {
        let g = glossary();
        let words: Vec<&str> = g.words_to_know(&[3, 0, 3, 42]).iter().map(|e| e.term.as_str()).collect();
        assert_eq!(words, ["blood", "hematopoietic stem cells"]);
        assert_eq!(g.entry_html_id(1), Some("stem-cells"));
        assert_eq!(g.entry_html_id(99), None);
    }

    #[test]
    fn slugs_are_unique() {
        let g = Glossary::from_entries(vec![
            entry("T cell", "x", &[]),
            entry("T-cell", "y", &[]),
            entry("…", "z", &[]),
        ]);
        assert_eq!(g.slugs, ["t-cell", "t-cell-2", "term-3"]);
    }

    #[test]
    fn duplicate_claims_name_both_entries() {
        let yaml = "- term: stem cells\n  plain: A.\n- term: blood\n  plain: B.\n  also: [Stem Cells]\n";
        let err = Glossary::parse(yaml, Path::new("glossary.yaml")).unwrap_err();
        assert_eq!(err.0.len(), 1, "{err}");
        let d = &err.0[0];
        assert!(d.is_error());
        assert_eq!(d.location, Some(Location::at("glossary.yaml", 3, None)));
        assert!(d.message.contains("entry 1 \u{201c}stem cells\u{201d} (line 1)"), "{d}");
        assert!(d.message.contains("entry 2 \u{201c}blood\u{201d} (line 3)"), "{d}");
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let yaml = "- term: a\n  plain: \"\"\n- term: b\n  plain: Fine.\n  see: [stem cell]\n- term: c\n  plain: Ok.\n  also: [A]\n";
        let err = Glossary::parse(yaml, Path::new("glossary.yaml")).unwrap_err();
        let messages: Vec<String> =
            err.0.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
        assert_eq!(messages.len(), 3, "{err}");
        assert!(messages[0].contains("empty `plain`"), "{err}");
        assert!(messages[1].contains("claimed by two entries"), "{err}");
        assert!(messages[2].contains("see: stem cell") && messages[2].contains("no such term"), "{err}");
    }

    #[test]
    fn see_may_name_a_synonym_and_gets_a_suggestion_when_wrong() {
        let ok = "- term: a\n  plain: x.\n  see: [HSC]\n- term: hematopoietic stem cells\n  plain: y.\n  also: [HSC]\n";
        assert!(Glossary::parse(ok, Path::new("g.yaml")).is_ok());
        let bad = "- term: a\n  plain: x.\n  see: [hematopoetic stem cells]\n- term: hematopoietic stem cells\n  plain: y.\n";
        let err = Glossary::parse(bad, Path::new("g.yaml")).unwrap_err();
        assert!(err.0[0].hint.as_deref().unwrap_or("").contains("hematopoietic stem cells"), "{err}");
    }

    #[test]
    fn long_definitions_and_definitions_using_terms_warn() {
        let long = "word ".repeat(MAX_PLAIN_WORDS + 1);
        let yaml = format!(
            "- term: gene\n  plain: {long}\n- term: gene therapy\n  plain: A way to fix a broken gene in your DNA.\n- term: DNA\n  plain: The code in cells.\n"
        );
        let (_, warnings) = Glossary::parse(&yaml, Path::new("g.yaml")).unwrap();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].message.contains("26 words"), "{}", warnings[0]);
        assert!(warnings[1].message.contains("entry 2 \u{201c}gene therapy\u{201d}"), "{}", warnings[1]);
        // The abbreviation is reported; the everyday term "gene" is not.
        assert!(warnings[1].message.contains("\u{201c}DNA\u{201d}"), "{}", warnings[1]);
        assert!(!warnings[1].message.contains("\u{201c}gene\u{201d}"), "{}", warnings[1]);
        assert!(warnings.iter().all(|w| !w.is_error()));
    }

    #[test]
    fn yaml_errors_point_at_the_line() {
        let err = Glossary::parse("- term: a\n  plian: b\n", Path::new("g.yaml")).unwrap_err();
        assert_eq!(err.0[0].location.as_ref().and_then(|l| l.line), Some(2));
        assert!(err.0[0].hint.as_deref().unwrap_or("").contains("plain"), "{err}");
    }

    #[test]
    fn the_site_glossary_has_no_errors() {
        let text = include_str!("../../content/glossary.yaml");
        let (g, warnings) = match Glossary::parse(text, Path::new("content/glossary.yaml")) {
            Ok(loaded) => loaded,
            Err(failed) => panic!("content/glossary.yaml has errors:\n{failed}"),
        };
        assert!(g.entries.len() >= 70, "{} entries", g.entries.len());
        for w in &warnings {
            eprintln!("{w}");
        }
        // Every entry is reachable: its own term marks it.
        for (index, entry) in g.entries.iter().enumerate() {
            let hits = g.find_terms(entry.term.trim());
            assert_eq!(hits.first().map(|h| h.entry), Some(index), "{}", entry.term);
        }
    }

    #[test]
    fn empty_file_is_an_empty_glossary() {
        let (g, warnings) = Glossary::parse("\n", Path::new("g.yaml")).unwrap();
        assert!(g.entries.is_empty() && warnings.is_empty());
        assert_eq!(Marker::new(&g, MarkMode::Every).mark("blood", "g/"), None);
    }
}

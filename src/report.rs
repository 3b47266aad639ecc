//! The editor's report (`plainleaf check`): one row per page with reading grade before and
//! after (seed vs page), the worst sentences, hard words, rewrites and flags; as a terminal
//! table or as JSON with a stable schema for CI.

use serde::Serialize;

use crate::article::Article;
use crate::error::Severity;
use crate::pipeline::RenderedSite;
use crate::plain::checks::Flag;
use crate::plain::prose::{self, grade_text, round_grade, HardWord, SentenceInfo};
use crate::plain::readability;
use crate::plain::rewrite::Rewrite;

/// The version of the JSON schema; bumped on any breaking change.
pub const SCHEMA_VERSION: u32 = 1;
/// The limits the report lists by, as [`crate::plain::prose`] defines them for every tool.
pub use crate::plain::prose::{HARD_WORD_SYLLABLES, LONG_SENTENCE_WORDS};

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Schema version (see [`SCHEMA_VERSION`]).
    pub schema: u32,
    /// The site's title.
    pub site: String,
    /// One entry per article, by title.
    pub pages: Vec<PageReport>,
    /// Glossary entries no page uses.
    pub unused_glossary_terms: Vec<String>,
    /// Totals.
    pub summary: Summary,
    /// Pages marked `draft: true` that were not checked, by path.
    pub drafts_not_built: Vec<String>,
    /// Seed lines promising a list no `fill:` answers: "seeds/x.txt:12: text".
    pub unfilled_gaps: Vec<String>,
    /// Take-home sheets that would not fit on one page, or have no QR code: "file: message
    /// (help)" (the same notes `check` prints).
    pub handout_notes: Vec<String>,
    /// Pages not translated yet and stale translations (a site in several languages).
    pub translations: Option<crate::translations::Upkeep>,
}

/// Totals over all pages.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Pages checked.
    pub pages: usize,
    /// Pages above their reading-grade target.
    pub over_target: usize,
    /// Warning-level findings.
    pub warnings: usize,
    /// Error-level findings.
    pub errors: usize,
}

/// One page's row.
#[derive(Debug, Clone, Serialize)]
pub struct PageReport {
    /// Content file.
    pub path: String,
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// The page's target grade.
    pub target_grade: f64,
    /// Flesch-Kincaid grade of the page body as published.
    pub grade: f64,
    /// Flesch-Kincaid grade of the raw seed (before edits and rewrites), when the page has one.
    pub seed_grade: Option<f64>,
    /// SMOG grade.
    pub smog: f64,
    /// False when the body has fewer than 30 sentences.
    pub smog_reliable: bool,
    /// Flesch Reading Ease.
    pub reading_ease: f64,
    /// Coleman-Liau index.
    pub coleman_liau: f64,
    /// Words in the body.
    pub words: usize,
    /// Sentences in the body.
    pub sentences: usize,
    /// `grade <= target_grade`.
    pub meets_target: bool,
    /// The longest sentences (over 25 words), longest first, at most 5.
    pub worst_sentences: Vec<SentenceInfo>,
    /// The most frequent hard words, at most 10.
    pub hard_words: Vec<HardWord>,
    /// Plain-word rewrites made.
    pub rewrites: Vec<Rewrite>,
    /// Plain-language findings.
    pub flags: Vec<Flag>,
    /// Owner, sign-off, review status, unfinished parts and translations, as
    /// `plainleaf review` lists them (one source: [`crate::governance::page_facts`]).
    pub governance: Option<crate::governance::PageFacts>,
    /// The page has no picture or diagram (information: a visual that supports the main
    /// message helps readers, CDC Clear Communication Index item 4).
    pub no_visual: bool,
    /// The page's language tag.
    pub language: String,
    /// The Spanish measures, for a page in Spanish. Its `meets_target`, `words`, `sentences`,
    /// `worst_sentences` and `hard_words` then follow the Spanish rules, and the English
    /// grades above (Flesch-Kincaid, SMOG, ...) are not meaningful for it.
    pub spanish: Option<SpanishMeasures>,
}

/// A Spanish page's reading figures.
#[derive(Debug, Clone, Serialize)]
pub struct SpanishMeasures {
    /// Fernández-Huerta, corrected (higher is easier), one decimal.
    pub fernandez_huerta: f64,
    /// The Szigriszt-Pazos score read on the INFLESZ scale (higher is easier), one decimal.
    pub inflesz: f64,
    /// The INFLESZ band the score falls in.
    pub inflesz_band: crate::plain::readability_es::Inflesz,
    /// The band's name, as the text report shows it.
    pub inflesz_label: &'static str,
    /// The score the page should reach (site.yaml `inflesz`).
    pub inflesz_target: f64,
    /// Syllables in the body, by the Spanish syllabifier.
    pub syllables: usize,
}

/// Build the report from a site rendered in memory.
pub fn build_report(rendered: &RenderedSite) -> Report {
    let facts = crate::governance::page_facts(
        &rendered.articles,
        &rendered.site.config,
        crate::pipeline::stages::today(),
    );
    let mut facts: std::collections::HashMap<String, crate::governance::PageFacts> =
        facts.into_iter().map(|f| (f.path.clone(), f)).collect();
    let pages: Vec<PageReport> = rendered
        .articles
        .iter()
        .map(|a| {
            let mut page = page_report(a, &rendered.site.config);
            page.governance = facts.remove(&page.path.replace('\\', "/"));
            page
        })
        .collect();
    let used: Vec<Vec<usize>> = rendered.articles.iter().map(|a| a.terms_used.clone()).collect();
    let glossary = &rendered.site.glossary;
    let unused_glossary_terms =
        glossary.unused_entries(&used).into_iter().map(|i| glossary.entries[i].term.clone()).collect();
    let count = |sev: Severity| pages.iter().flat_map(|p| &p.flags).filter(|f| f.severity == sev).count();
    let summary = Summary {
        pages: pages.len(),
        over_target: pages.iter().filter(|p| !p.meets_target).count(),
        warnings: count(Severity::Warning),
        errors: count(Severity::Error),
    };
    let drafts_not_built = rendered.site.skipped_drafts.iter().map(|p| p.display().to_string()).collect();
    let unfilled_gaps = rendered.articles.iter().flat_map(|a| a.unfilled_gaps.iter().cloned()).collect();
    let handout_notes = rendered
        .warnings
        .iter()
        .filter(|d| d.message.starts_with("handout: "))
        .map(|d| {
            let text = d.message.trim_start_matches("handout: ");
            let hint = d.hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default();
            match &d.location {
                Some(at) => format!("{at}: {text}{hint}"),
                None => format!("{text}{hint}"),
            }
        })
        .collect();
    Report {
        schema: SCHEMA_VERSION,
        site: rendered.site.config.title.clone(),
        pages,
        unused_glossary_terms,
        summary,
        drafts_not_built,
        unfilled_gaps,
        handout_notes,
        translations: crate::translations::upkeep(&rendered.articles, &rendered.site.config),
    }
}

fn page_report(a: &Article, config: &crate::config::SiteConfig) -> PageReport {
    use crate::plain::readability_es;
    let r = &a.readability;
    let language = crate::article::page_language(a, config);
    let spanish = readability_es::is_spanish(&language);
    let blocks = a.prose_blocks();
    let sentences =
        if spanish { readability_es::block_sentences(&blocks) } else { prose::sentences(&blocks) };
    let mut worst: Vec<SentenceInfo> =
        sentences.into_iter().filter(|s| s.words > LONG_SENTENCE_WORDS).collect();
    worst.sort_by_key(|s| std::cmp::Reverse(s.words));
    worst.truncate(5);
    let mut hard = if spanish {
        readability_es::hard_word_details(&blocks)
    } else {
        prose::hard_word_details(&blocks, HARD_WORD_SYLLABLES)
    };
    hard.truncate(10);
    let measured = spanish.then(|| readability_es::measure_blocks(&blocks));
    let spanish = measured.map(|m| SpanishMeasures {
        fernandez_huerta: round_grade(m.fernandez_huerta),
        inflesz: round_grade(m.szigriszt_pazos),
        inflesz_band: m.inflesz(),
        inflesz_label: m.inflesz().label(),
        inflesz_target: config.inflesz,
        syllables: m.syllables,
    });
    PageReport {
        path: a.path.display().to_string(),
        slug: a.slug.clone(),
        title: a.title.clone(),
        target_grade: a.reading_grade_target,
        grade: round_grade(r.flesch_kincaid_grade),
        seed_grade: a.seed_readability.as_ref().map(|s| round_grade(s.flesch_kincaid_grade)),
        smog: round_grade(r.smog),
        smog_reliable: r.smog_reliable,
        reading_ease: round_grade(r.flesch_reading_ease),
        coleman_liau: round_grade(r.coleman_liau),
        words: measured.map_or(r.words, |m| m.words),
        sentences: measured.map_or(r.sentences, |m| m.sentences),
        meets_target: match measured {
            Some(m) => m.szigriszt_pazos >= config.inflesz,
            None => r.flesch_kincaid_grade <= a.reading_grade_target,
        },
        worst_sentences: worst,
        hard_words: hard,
        rewrites: a.rewrites.clone(),
        flags: a.flags.clone(),
        governance: None,
        no_visual: a.visuals == 0,
        language,
        spanish,
    }
}

/// The report as a terminal table followed by each page's details.
pub fn render_text(report: &Report) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{:<44} {:>6} {:>6} {:>6} {:>6}  flags", "page", "seed", "grade", "target", "SMOG");
    for p in &report.pages {
        let seed = p.seed_grade.map(|g| format!("{g:.1}")).unwrap_or_else(|| "-".into());
        let mark = if p.meets_target { " " } else { "!" };
        let smog = format!("{:.1}{}", p.smog, if p.smog_reliable { "" } else { "*" });
        let row = match &p.spanish {
            // A Spanish page: INFLESZ (higher is easier) and its minimum; no English grades.
            Some(es) => format!(
                "{:<44} {:>6} {:>5.1}{mark} {:>6.1} {:>6}  {}",
                truncate(&format!("{} [INFLESZ]", p.slug), 44),
                "-",
                es.inflesz,
                es.inflesz_target,
                "-",
                p.flags.len()
            ),
            None => format!(
                "{:<44} {:>6} {:>5.1}{mark} {:>6.1} {:>6}  {}",
                truncate(&p.slug, 44),
                seed,
                p.grade,
                p.target_grade,
                smog,
                p.flags.len()
            ),
        };
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(
        out,
        "(seed = grade of the raw seed; ! = above target; * = SMOG under 30 sentences, less reliable)"
    );
    if report.pages.iter().any(|p| p.spanish.is_some()) {
        let _ = writeln!(
            out,
            "([INFLESZ] = a Spanish page: its INFLESZ score, higher is easier, and the site's minimum; ! = below it)"
        );
    }
    for p in &report.pages {
        let quiet = p.worst_sentences.is_empty() && p.flags.is_empty() && p.rewrites.is_empty();
        if quiet && !p.no_visual && p.spanish.is_none() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", p.title, p.path);
        if let Some(es) = &p.spanish {
            let _ = writeln!(
                out,
                "  Spanish: INFLESZ {:.1} ({}), target {:.0} or more; Fernández-Huerta {:.1}; {} words, {} sentences",
                es.inflesz, es.inflesz_label, es.inflesz_target, es.fernandez_huerta, p.words, p.sentences
            );
        }
        for s in &p.worst_sentences {
            let _ = writeln!(out, "  long sentence ({} words): {}", s.words, truncate(&s.text, 160));
        }
        if !p.hard_words.is_empty() {
            let words: Vec<String> =
                p.hard_words.iter().map(|h| format!("{} ({})", h.word, h.syllables)).collect();
            let _ = writeln!(out, "  hard words: {}", words.join(", "));
        }
        if p.no_visual {
            let _ = writeln!(
                out,
                "  info [no-visual] no picture or diagram: one that shows the main message helps readers (add ![alt](images/x.png \"Caption\"))"
            );
        }
        for f in &p.flags {
            let level = if f.severity == Severity::Error { "error" } else { "warning" };
            match &f.excerpt {
                Some(e) => {
                    let _ = writeln!(out, "  {level} [{}] {}: {}", f.code, f.message, truncate(e, 120));
                }
                None => {
                    let _ = writeln!(out, "  {level} [{}] {}", f.code, f.message);
                }
            }
        }
        let skipped: Vec<String> = p
            .rewrites
            .iter()
            .filter(|r| r.skipped)
            .map(|r| format!("{} (would read \"{}\")", r.from, r.to))
            .collect();
        if !skipped.is_empty() {
            let _ = writeln!(out, "  not rewritten, the plain word would not fit: {}", skipped.join("; "));
        }
        if p.rewrites.iter().any(|r| !r.skipped) {
            let list: Vec<String> =
                p.rewrites.iter().filter(|r| !r.skipped).map(|r| format!("{} -> {}", r.from, r.to)).collect();
            let _ = writeln!(out, "  rewrote: {}", list.join("; "));
        }
    }
    if !report.unused_glossary_terms.is_empty() {
        let _ = writeln!(out, "\nglossary terms no page uses: {}", report.unused_glossary_terms.join(", "));
    }
    if !report.unfilled_gaps.is_empty() {
        let count = report.unfilled_gaps.len();
        let _ = writeln!(
            out,
            "\n{count} unfilled gap{} (add the items under `fill:`):",
            if count == 1 { "" } else { "s" }
        );
        for gap in &report.unfilled_gaps {
            let _ = writeln!(out, "  {gap}");
        }
    }
    if let Some(upkeep) = &report.translations {
        for missing in upkeep.missing.iter().filter(|m| !m.pages.is_empty()) {
            let count = missing.pages.len();
            let _ = writeln!(
                out,
                "\n{count} page{} not in `{}` yet: {}",
                if count == 1 { "" } else { "s" },
                missing.language,
                missing.pages.join(", ")
            );
        }
        for s in &upkeep.stale {
            let _ = writeln!(
                out,
                "\nstale translation: {} (translation.on {}) is older than the last review of {} ({}): bring it up to date, then set translation.on",
                s.translation, s.translated_on, s.source, s.source_reviewed_on
            );
        }
        if !upkeep.unreviewed.is_empty() {
            let _ = writeln!(
                out,
                "\ntranslations nobody reviewed (add translation.reviewed_by): {}",
                upkeep.unreviewed.join(", ")
            );
        }
    }
    if !report.drafts_not_built.is_empty() {
        let count = report.drafts_not_built.len();
        let _ = writeln!(
            out,
            "\n{count} draft{} not built: {}",
            if count == 1 { "" } else { "s" },
            report.drafts_not_built.join(", ")
        );
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "\n{} pages, {} above target, {} warnings, {} errors",
        s.pages, s.over_target, s.warnings, s.errors
    );
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// `plainleaf readability`: the measures of one text, with every word's syllables.
#[derive(Debug, Clone, Serialize)]
pub struct TextReport {
    /// Schema version (see [`SCHEMA_VERSION`]).
    pub schema: u32,
    /// Flesch-Kincaid grade, rounded as `check`, the badge and the preview show it.
    pub grade: f64,
    /// The measures.
    pub readability: crate::plain::readability::Readability,
    /// Sentences over 25 words, longest first.
    pub long_sentences: Vec<SentenceInfo>,
    /// Hard words, most frequent first.
    pub hard_words: Vec<HardWord>,
    /// Every word in order with its syllable count.
    pub words: Vec<WordSyllables>,
}

/// One word and its syllables.
#[derive(Debug, Clone, Serialize)]
pub struct WordSyllables {
    /// The word as written.
    pub word: String,
    /// Its syllables.
    pub syllables: usize,
}

/// Split plain text into prose blocks: paragraphs at blank lines; list lines are items.
pub fn text_blocks(text: &str) -> Vec<prose::ProseBlock> {
    use crate::plain::prose::{ProseBlock, ProseKind};
    let mut blocks = Vec::new();
    let mut para = String::new();
    let flush = |para: &mut String, blocks: &mut Vec<ProseBlock>| {
        if !para.trim().is_empty() {
            blocks.push(ProseBlock { kind: ProseKind::Paragraph, text: para.trim().to_string() });
        }
        para.clear();
    };
    for line in text.lines() {
        let t = line.trim();
        let item = ["- ", "* ", "• ", "– "].iter().find_map(|m| t.strip_prefix(m));
        if t.is_empty() {
            flush(&mut para, &mut blocks);
        } else if let Some(item) = item {
            flush(&mut para, &mut blocks);
            blocks.push(ProseBlock { kind: ProseKind::ListItem, text: item.trim().to_string() });
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// Measure a file as `check` measures it: a page of a site (a `.md` file under a site's
/// `content/`) by the build's own transform, seed included; a seed (a file in a site's
/// `seeds/`) as the report's seed grade is measured, with the site's boilerplate list; any
/// other file as [`measure_text`] does.
pub fn measure_file(path: &std::path::Path, text: &str) -> Result<TextReport, crate::error::Failed> {
    let markdown = path.extension().is_some_and(|e| e == "md");
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let site_root = |dir: &std::path::Path| dir.join(crate::load::SITE_FILE).is_file();
    let Some(parent) = absolute.parent() else { return Ok(measure_text(text, markdown)) };
    if parent.file_name().is_some_and(|n| n == crate::load::SEEDS_DIR) {
        if let Some(root) = parent.parent().filter(|r| site_root(r)) {
            let site = std::fs::read_to_string(root.join(crate::load::SITE_FILE)).unwrap_or_default();
            let config =
                crate::config::SiteConfig::parse(&site, std::path::Path::new(crate::load::SITE_FILE))?;
            return Ok(measure_blocks(crate::article::seed_prose(text, &config.boilerplate)));
        }
    }
    if let Some(page) = site_page(path)? {
        return Ok(measure_blocks(page.prose));
    }
    Ok(measure_text(text, markdown))
}

/// A site's page as the build publishes it, for measuring.
#[derive(Debug, Clone)]
pub struct SitePage {
    /// The body's prose after the seed, edits and plain-word rewrites.
    pub prose: Vec<prose::ProseBlock>,
    /// The page's language.
    pub language: String,
    /// The site's settings (its targets).
    pub config: crate::config::SiteConfig,
}

/// The page `path` is, when it is a `.md` file under a site's `content/`, through the
/// build's own transform (seed included); None for any other file.
pub fn site_page(path: &std::path::Path) -> Result<Option<SitePage>, crate::error::Failed> {
    if path.extension().is_none_or(|e| e != "md") {
        return Ok(None);
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let content = absolute.ancestors().find(|a| a.file_name().is_some_and(|n| n == crate::load::CONTENT_DIR));
    let Some(root) = content.and_then(|c| c.parent()).filter(|r| r.join(crate::load::SITE_FILE).is_file())
    else {
        return Ok(None);
    };
    let rel = absolute.strip_prefix(root).unwrap_or(&absolute);
    let site = crate::load::load_site(root, &crate::load::LoadOptions { drafts: true })?;
    let Some(page) = site.pages.iter().find(|p| p.path == rel) else { return Ok(None) };
    let rewriter = crate::pipeline::stages::site_rewriter(&site);
    let links = crate::pipeline::stages::content_links(&site);
    let options = crate::pipeline::BuildOptions { allow_stale: true, ..Default::default() };
    let shared = crate::pipeline::stages::shared(&site, rewriter.as_ref(), &links, None, &options);
    let (article, _warnings) =
        crate::pipeline::stages::process_page(&site, page, &shared).map_err(crate::error::Failed)?;
    let language = crate::article::page_language(&article, &site.config);
    Ok(Some(SitePage { prose: article.prose, language, config: site.config }))
}

/// Measure a text (Markdown when `markdown`, so headings and lists count as blocks). A page
/// file's front matter is left out, so a page measures as `check` measures its body.
pub fn measure_text(text: &str, markdown: bool) -> TextReport {
    let blocks = if markdown {
        let text = crate::content::frontmatter::normalize_newlines(text);
        let body = crate::content::frontmatter::split(&text).map_or(text.as_str(), |parts| parts.body);
        let pages = std::collections::HashMap::new();
        // Only the prose is used, and raw HTML is markup, not prose to measure.
        let links = crate::markdown::LinkContext {
            root: "",
            pages: &pages,
            allow_html: true,
            images: None,
            language_prefix: "",
            words: None,
        };
        crate::markdown::render(body, &links, None, &mut crate::markdown::Anchors::default()).prose
    } else {
        text_blocks(text)
    };
    measure_blocks(blocks)
}

/// The measures of blocks of prose, by the rules of [`crate::plain::prose`].
pub fn measure_blocks(blocks: Vec<prose::ProseBlock>) -> TextReport {
    let mut long: Vec<SentenceInfo> =
        prose::sentences(&blocks).into_iter().filter(|s| s.words > LONG_SENTENCE_WORDS).collect();
    long.sort_by_key(|s| std::cmp::Reverse(s.words));
    let words = blocks
        .iter()
        .flat_map(|b| prose::words_with_syllables(&b.text))
        .map(|(word, syllables)| WordSyllables { word, syllables })
        .collect();
    let measured = readability::measure(&blocks);
    TextReport {
        schema: SCHEMA_VERSION,
        grade: round_grade(measured.flesch_kincaid_grade),
        readability: measured,
        long_sentences: long,
        hard_words: prose::hard_word_details(&blocks, HARD_WORD_SYLLABLES),
        words,
    }
}

impl TextReport {
    /// The report for a terminal.
    pub fn to_text(&self) -> String {
        let r = &self.readability;
        let mut out = format!(
            "Flesch-Kincaid grade {}\nSMOG grade {}{}\nColeman-Liau index {}\nFlesch Reading Ease {}\n{} sentences, {} words, {} syllables, {} words of 3+ syllables\n",
            grade_text(r.flesch_kincaid_grade),
            grade_text(r.smog),
            if r.smog_reliable { "" } else { " (less reliable: under 30 sentences)" },
            grade_text(r.coleman_liau),
            grade_text(r.flesch_reading_ease),
            r.sentences,
            r.words,
            r.syllables,
            r.polysyllables
        );
        for s in &self.long_sentences {
            out.push_str(&format!("long sentence ({} words): {}\n", s.words, truncate(&s.text, 160)));
        }
        if !self.hard_words.is_empty() {
            let list: Vec<String> =
                self.hard_words.iter().take(15).map(|h| format!("{} ({})", h.word, h.syllables)).collect();
            out.push_str(&format!("hard words: {}\n", list.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_blocks_split_at_blank_lines_and_list_items() {
        let blocks = text_blocks("One line\ncontinues.\n\n- item one\n- item two\n\nLast.");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One line continues.", "item one", "item two", "Last."]);
    }

    #[test]
    fn measure_text_reports_words_with_syllables() {
        let r = measure_text("The cat sat. Hematopoietic cells grow.", false);
        assert_eq!(r.readability.sentences, 2);
        assert_eq!(r.words.len(), 6);
        assert_eq!(r.hard_words[0].word, "Hematopoietic");
    }
}

//! One page through the transform stages: seed normalized and curated, plain words
//! rewritten, Markdown rendered with glossary terms marked, prose measured and checked.

use std::path::Path;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::get_help::GetHelp;
use crate::content::page::BodyPosition;
use crate::content::{Page, Reviewed, Source};
use crate::error::{Diagnostic, Location, Severity};
use crate::glossary::{Glossary, Marker};
use crate::load::SeedText;
use crate::markdown::{Anchors, LinkContext, TocEntry};
use crate::plain::checks::CheckInput;
use crate::plain::checks::Flag;
use crate::plain::readability::{self, ProseBlock, Readability};
use crate::plain::rewrite::{Rewrite, Rewriter};
use crate::review::ReviewStatus;
use crate::seed::{BlockKind, CurateProblem};

/// Shared, built-once helpers every page uses.
#[derive(Debug)]
pub struct Shared<'a> {
    /// Site settings.
    pub config: &'a SiteConfig,
    /// The main language's glossary and its matcher.
    pub glossary: &'a Glossary,
    /// The other languages' glossaries, by language (see [`crate::load::Site::glossaries`]).
    pub glossaries: &'a std::collections::BTreeMap<String, Glossary>,
    /// The plain-word rewriter for the main language (None when turned off for the site).
    pub rewriter: Option<&'a Rewriter>,
    /// The rewriters for the other languages, by language (empty when turned off).
    pub other_rewriters: std::collections::BTreeMap<String, Rewriter>,
    /// Content files to slugs, for `@/` links.
    pub links: &'a std::collections::HashMap<String, String>,
    /// Abbreviations the glossary explains (terms and synonyms).
    pub known_abbreviations: Vec<String>,
    /// The build's date, for review checks.
    pub today: jiff::civil::Date,
    /// Overdue reviews are warnings even under `review: { overdue: error }`.
    pub allow_stale: bool,
    /// Run the editor's prose checks (for `plainleaf check` and the preview).
    pub prose_checks: bool,
    /// The site folder (page images are read from it, and cached under it).
    pub site_root: &'a Path,
    /// The theme's strings, for the words the Markdown adds (callout labels); None (`check`,
    /// which loads no theme) words them in English.
    pub strings: Option<&'a crate::i18n::Translations>,
}

/// The theme's strings in a page's language, for the Markdown pass.
#[derive(Debug)]
struct PageWords<'a> {
    translations: &'a crate::i18n::Translations,
    language: &'a str,
}

impl crate::markdown::Words for PageWords<'_> {
    fn word(&self, key: &str) -> Option<&str> {
        self.translations.get(self.language, key)
    }
}

/// A page after the transform stages, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Content file, site-relative.
    pub path: std::path::PathBuf,
    /// The page's address inside the output, without `/index.html`: its slug, under its
    /// language's folder for a page in another language than the site's (`es/terapia-genica`).
    pub slug: String,
    /// The page's language tag (`en`, `es`): the site's main language, or its `content/<language>/` folder's.
    pub language: String,
    /// What the page translates, by whom and when (a page in another language).
    pub translation: Option<crate::content::Translation>,
    /// The main-language content file this page translates (`content/x.md`), when it is a translation.
    pub translation_of: Option<std::path::PathBuf>,
    /// Title (front-matter, else the seed's title line).
    pub title: String,
    /// Summary as HTML (terms marked).
    pub summary_html: Option<String>,
    /// Summary as plain text (meta description).
    pub summary: Option<String>,
    /// Key points as HTML.
    pub key_points_html: Vec<String>,
    /// Actions as HTML.
    pub actions_html: Vec<String>,
    /// Questions as HTML.
    pub questions_html: Vec<String>,
    /// Topics as written.
    pub topics: Vec<String>,
    /// Other names for the A-Z index.
    pub also_known_as: Vec<String>,
    /// Review record (front-matter, else lifted from the seed).
    pub reviewed: Option<Reviewed>,
    /// Where the page stands in its review cycle on the build's date.
    pub review_status: ReviewStatus,
    /// Sources (front-matter, then lifted from the seed).
    pub sources: Vec<Source>,
    /// First publication date.
    pub published: Option<jiff::civil::Date>,
    /// Body HTML.
    pub content_html: String,
    /// Headings of the body.
    pub toc: Vec<TocEntry>,
    /// Glossary entry indexes used, in first-use order.
    pub terms_used: Vec<usize>,
    /// Body prose blocks (for search and reports).
    pub prose: Vec<ProseBlock>,
    /// Readability of the body as published.
    pub readability: Readability,
    /// Readability of the seed text before edits and rewrites.
    pub seed_readability: Option<Readability>,
    /// Plain-word rewrites made.
    pub rewrites: Vec<Rewrite>,
    /// Plain-language findings.
    pub flags: Vec<Flag>,
    /// Target reading grade for this page.
    pub reading_grade_target: f64,
    /// A Spanish page's reading ease: its INFLESZ score and band (None for other languages,
    /// which are measured by grade).
    pub inflesz: Option<InfleszScore>,
    /// Draft page.
    pub draft: bool,
    /// Who owns the page (front-matter `owner:`).
    pub owner: Option<String>,
    /// Medical codes of what the page is about.
    pub codes: crate::codes::Codes,
    /// Seed lines promising a list no `fill:` answers: "seeds/x.txt:12: text".
    pub unfilled_gaps: Vec<String>,
    /// When to get help: the same levels as the front-matter, each sign as inline HTML.
    pub get_help: Option<GetHelp>,
    /// Pictures on the page (local, remote or decorative), for the "no visual" note.
    pub visuals: usize,
    /// The page's resized images, written into the output beside the pages.
    #[serde(skip)]
    pub image_files: Vec<crate::markdown::images::ImageFile>,
    /// The body HTML and prose compressed by [`Article::pack`] (empty otherwise).
    #[serde(skip)]
    pub packed: Packed,
}

/// A Spanish page's INFLESZ score (Szigriszt-Pazos) and the band it falls in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InfleszScore {
    /// The score, 0-100, higher is easier.
    pub score: f64,
    /// The band's key (`very_hard`, `somewhat_hard`, `normal`, `fairly_easy`, `very_easy`),
    /// for the theme's strings.
    pub band: &'static str,
    /// Whether it reaches the site's `inflesz` target.
    pub meets_target: bool,
}

/// An article's body HTML and prose, compressed (see [`Article::pack`]).
#[derive(Debug, Clone, Default)]
pub struct Packed {
    html: Vec<u8>,
    prose: Vec<u8>,
}

/// Ends a prose block inside [`Packed`]: a byte UTF-8 text never holds.
const BLOCK_END: u8 = 0xFF;

impl Article {
    /// Compress the body HTML and prose, to keep until the page is rendered and indexed: the
    /// streamed disk build holds every article between the transform and the render, and on
    /// a large site their HTML and prose are most of the memory.
    pub fn pack(&mut self) {
        let html = std::mem::take(&mut self.content_html);
        let mut prose = Vec::new();
        for block in std::mem::take(&mut self.prose) {
            prose.push(block.kind as u8);
            prose.extend_from_slice(block.text.as_bytes());
            prose.push(BLOCK_END);
        }
        self.packed = Packed {
            html: lz4_flex::compress_prepend_size(html.as_bytes()),
            prose: lz4_flex::compress_prepend_size(&prose),
        };
    }

    /// Bring back the body HTML packed by [`Article::pack`] (nothing to do when it is not).
    pub fn unpack_html(&mut self) {
        if self.packed.html.is_empty() {
            return;
        }
        let packed = std::mem::take(&mut self.packed.html);
        // The bytes were made by `pack` from a String in this process.
        let bytes = lz4_flex::decompress_size_prepended(&packed).expect("packed by Article::pack");
        self.content_html = String::from_utf8(bytes).expect("packed from a String");
    }

    /// The body prose, unpacked when [`Article::pack`] packed it.
    pub fn prose_blocks(&self) -> std::borrow::Cow<'_, [ProseBlock]> {
        use crate::plain::readability::ProseKind;
        if self.packed.prose.is_empty() {
            return std::borrow::Cow::Borrowed(&self.prose);
        }
        let bytes = lz4_flex::decompress_size_prepended(&self.packed.prose).expect("packed by Article::pack");
        let blocks = bytes
            .split(|&b| b == BLOCK_END)
            .filter_map(|block| {
                let (&kind, text) = block.split_first()?;
                let kind =
                    [ProseKind::Heading, ProseKind::Paragraph, ProseKind::ListItem, ProseKind::TableCell]
                        .into_iter()
                        .find(|k| *k as u8 == kind)?;
                Some(ProseBlock { kind, text: String::from_utf8_lossy(text).into_owned() })
            })
            .collect();
        std::borrow::Cow::Owned(blocks)
    }
}

/// Transform one page. Errors and warnings name the page (and seed line where known).
pub fn process(
    page: &Page,
    seed: Option<&SeedText>,
    shared: &Shared,
) -> Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let front = &page.front;
    let here = || Some(Location::file(&page.path));
    let root = "../".repeat(page.slug.matches('/').count() + 1);
    let root = root.as_str();
    let language = if page.language.is_empty() { shared.config.language.as_str() } else { &page.language };
    let in_main_language = language == shared.config.language;
    let glossary = shared.glossaries.get(language).unwrap_or(shared.glossary);
    let language_prefix = shared.config.language_prefix(language);
    let image_context = crate::markdown::images::ImageContext {
        site_root: shared.site_root.to_path_buf(),
        page_dir: shared.site_root.join(page.path.parent().unwrap_or(Path::new(""))),
    };
    let page_words = shared.strings.map(|translations| PageWords { translations, language });
    let links = LinkContext {
        root,
        pages: shared.links,
        allow_html: shared.config.allow_html,
        images: Some(&image_context),
        language_prefix: &language_prefix,
        words: page_words.as_ref().map(|w| w as &dyn crate::markdown::Words),
    };

    warnings.extend(page.raw_html.iter().filter_map(|found| found.warning(shared.config.allow_html)));

    // Seed: normalize, curate, rewrite.
    let SeedParts {
        markdown: seed_markdown,
        title: seed_title,
        lifted_review,
        lifted_sources,
        readability: seed_readability,
        rewrites,
        unfilled_gaps,
    } = match seed {
        Some(seed) => seed_parts(page, language, seed, shared, &mut errors, &mut warnings),
        None => SeedParts::default(),
    };

    let title = match front.title.clone().or(seed_title) {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            errors.push(
                Diagnostic::error(here(), "this page has no title, and its seed has no title line")
                    .with_hint("add `title: Your page title` to the front-matter"),
            );
            String::new()
        }
    };

    let (body, page_body_at) = match front.body_position {
        BodyPosition::After => (format!("{seed_markdown}\n\n{}", page.body), seed_markdown.len() + 2),
        BodyPosition::Before => (format!("{}\n\n{seed_markdown}", page.body), 0),
    };

    // Render: summary and key points first, so "first use on the page" follows reading order.
    let mut marker = Marker::new(glossary, shared.config.glossary.mark);
    let mut anchors = Anchors::default();
    for reserved in [
        "main",
        "content",
        "key-points",
        "get-help",
        "actions",
        "questions",
        "words-to-know",
        "sources",
        "review",
    ] {
        anchors.unique(reserved);
    }
    let summary_html = front
        .summary
        .as_ref()
        .map(|s| crate::markdown::render_inline(s, &links, Some(&mut marker), &mut anchors).html);
    let key_points_html = front
        .key_points
        .iter()
        .map(|s| crate::markdown::render_inline(s, &links, Some(&mut marker), &mut anchors).html)
        .collect();
    let rendered = crate::markdown::render(&body, &links, Some(&mut marker), &mut anchors);
    let inline = |s: &String| crate::markdown::render_inline(s, &links, None, &mut Anchors::default()).html;
    let actions_html = front.actions.iter().map(inline).collect();
    let get_help = front.get_help.as_ref().map(|help| GetHelp {
        emergency: help.emergency.iter().map(inline).collect(),
        urgent: help.urgent.iter().map(inline).collect(),
        non_urgent: help.non_urgent.iter().map(inline).collect(),
    });
    let questions_html = front.questions_to_ask.iter().map(inline).collect();
    for link in &rendered.broken_links {
        errors.push(
            Diagnostic::error(here(), format!("the link {link} names no page in content/")).with_hint(
                "write `@/` followed by the page's file name inside content/, like @/gene-therapy.md",
            ),
        );
    }

    let get_help_emergency = page.front.get_help.as_ref().is_some_and(|h| !h.emergency.is_empty());
    let lints = crate::markdown::callout::lint(
        &rendered.callouts.found,
        get_help_emergency,
        &shared.config.emergency_number(),
    );
    let problems = rendered.callouts.problems.iter().chain(&lints).chain(&rendered.images.problems);
    locate_problems(page, problems, page_body_at, &mut errors, &mut warnings);

    let measured = readability::measure(&rendered.prose);
    let review_status = ReviewStatus::of(
        front.reviewed.as_ref().map(|r| r.on).or(lifted_review),
        front.reviewed.as_ref().and_then(|r| r.next),
        &shared.config.review,
        shared.today,
    );
    let mut check = CheckInput::new(&rendered.prose);
    // Another language's page knows the abbreviations its own glossary explains.
    let own_abbreviations = if in_main_language { Vec::new() } else { glossary.phrases() };
    check.known_abbreviations =
        if in_main_language { &shared.known_abbreviations } else { &own_abbreviations };
    check.list_lengths = rendered.list_lengths.clone();
    // The skeleton's `""` placeholders are not content: they count as missing.
    let filled = |s: &String| !s.trim().is_empty();
    check.has_summary = front.summary.as_ref().is_some_and(filled);
    check.has_key_points = front.key_points.iter().any(filled);
    check.has_actions = front.actions.iter().any(filled);
    check.review = review_status;
    check.overdue = shared.config.review.overdue;
    check.prose = shared.prose_checks;
    // Spanish pages get the Spanish measures and checks.
    check.language = language;
    check.inflesz_target = shared.config.inflesz;
    let mut flags = crate::plain::checks::check_page(&check);
    for flag in &mut flags {
        if flag.severity == Severity::Error && shared.allow_stale {
            flag.severity = Severity::Warning;
        }
        // Review dates matter at build time; the other findings are for `plainleaf check`.
        if flag.code.starts_with("review-") {
            let d = Diagnostic {
                severity: flag.severity,
                location: here(),
                message: flag.message.clone(),
                hint: None,
            };
            if flag.severity == Severity::Error {
                errors.push(d.with_hint(
                    "review the page and update reviewed.on and reviewed.next; to publish anyway, \
                     build with --allow-stale (site.yaml has review: { overdue: error })",
                ));
            } else {
                warnings.push(d.with_hint(
                    "review the page, then update reviewed.on and reviewed.next (`plainleaf check` lists every page due)",
                ));
            }
        }
    }

    let mut sources = front.sources.clone();
    for lifted in lifted_sources {
        if !sources.iter().any(|s| s.title == lifted.title) {
            sources.push(Source { title: lifted.title, url: lifted.url });
        }
    }
    let reviewed =
        front.reviewed.clone().or(lifted_review.map(|on| Reviewed { on, by: None, next: None, note: None }));

    if !errors.is_empty() {
        return Err(errors);
    }
    let inflesz = crate::plain::readability_es::is_spanish(language).then(|| {
        use crate::plain::readability_es::{measure_blocks, Inflesz};
        let score = measure_blocks(&rendered.prose).szigriszt_pazos;
        let band = match Inflesz::of(score) {
            Inflesz::VeryHard => "very_hard",
            Inflesz::SomewhatHard => "somewhat_hard",
            Inflesz::Normal => "normal",
            Inflesz::FairlyEasy => "fairly_easy",
            Inflesz::VeryEasy => "very_easy",
        };
        InfleszScore { score, band, meets_target: score >= shared.config.inflesz }
    });
    let article = Article {
        path: page.path.clone(),
        slug: page.slug.clone(),
        language: language.to_string(),
        translation: front.translation.clone(),
        translation_of: page.translation_source(),
        title,
        summary_html,
        summary: front.summary.clone(),
        key_points_html,
        actions_html,
        questions_html,
        topics: front.topics.clone(),
        also_known_as: front.also_known_as.clone(),
        reviewed,
        review_status,
        sources,
        published: front.published,
        content_html: rendered.html,
        toc: rendered.toc,
        terms_used: marker.used.clone(),
        prose: rendered.prose,
        readability: measured,
        seed_readability,
        rewrites,
        flags,
        reading_grade_target: front.reading_grade.unwrap_or(shared.config.reading_grade),
        inflesz,
        draft: front.draft,
        owner: front.owner.clone(),
        codes: front.codes.clone(),
        unfilled_gaps,
        get_help,
        visuals: rendered.images.count,
        image_files: rendered.images.files,
        packed: Packed::default(),
    };
    Ok((article, warnings))
}

/// Callout and image problems as diagnostics at the page file's line and column (one in a
/// seed's `fill:` text is reported at the page file, as the seed's own lines never hold one).
fn locate_problems<'p>(
    page: &Page,
    problems: impl Iterator<Item = &'p crate::markdown::callout::Problem>,
    page_body_at: usize,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for problem in problems {
        let in_page_body = (page_body_at..=page_body_at + page.body.len()).contains(&problem.offset);
        let (location, message) = if in_page_body {
            let (line, col) = crate::content::raw_html::line_col(&page.body, problem.offset - page_body_at);
            (Location::at(&page.path, page.body_line + line - 1, Some(col)), problem.message.clone())
        } else {
            (Location::file(&page.path), format!("in a fill: text, {}", problem.message))
        };
        let d = Diagnostic { severity: problem.severity, location: Some(location), message, hint: None }
            .with_hint(problem.hint.clone());
        if d.is_error() {
            errors.push(d);
        } else {
            warnings.push(d);
        }
    }
}

/// What a page takes from its seed: the curated and rewritten Markdown, and what was lifted
/// from it (title, review date, sources) or measured on it.
#[derive(Default)]
struct SeedParts {
    markdown: String,
    title: Option<String>,
    lifted_review: Option<jiff::civil::Date>,
    lifted_sources: Vec<crate::seed::LiftedSource>,
    readability: Option<Readability>,
    rewrites: Vec<Rewrite>,
    unfilled_gaps: Vec<String>,
}

/// Normalize, curate and rewrite a page's seed; problems go to `errors` and `warnings`.
fn seed_parts(
    page: &Page,
    language: &str,
    seed: &SeedText,
    shared: &Shared,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> SeedParts {
    let front = &page.front;
    let here = || Some(Location::file(&page.path));
    let mut boilerplate = shared.config.boilerplate.clone();
    boilerplate.extend(front.boilerplate.iter().cloned());
    let options = crate::seed::Options { boilerplate, region: crate::seed::Region::from_language(language) };
    let name = seed.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let normalized = crate::seed::normalize_seed(&name, &seed.text, &options);
    for note in &normalized.notes {
        if !note.about_review_date || front.reviewed.is_none() {
            warnings.push(
                Diagnostic::warning(Some(Location::at(&seed.path, note.line, None)), note.message.clone())
                    .with_hint(format!(
                        "run `plainleaf clean {} --explain` to see how the seed was read",
                        seed.path.display()
                    )),
            );
        }
    }
    let mut rewrites = Vec::new();
    let mut unfilled_gaps = Vec::new();
    let readability = Some(readability::measure(&blocks_as_prose(&normalized.blocks)));
    let mut curated = crate::seed::curate(&normalized, &front.fill, &front.edits);
    for problem in &curated.problems {
        match problem {
            CurateProblem::UnfilledGap { line, text } => {
                unfilled_gaps.push(format!(
                    "{}: {text:?} promises a list the seed does not have",
                    Location::at(&seed.path, *line, None)
                ));
                warnings.push(
                Diagnostic::warning(
                    Some(Location::at(&seed.path, *line, None)),
                    format!("gap: {text:?} promises a list the seed does not have"),
                )
                .with_hint(format!(
                    "in {}, add under `fill:` the key {text:?} with a list of items (or `false` to drop the line)",
                    page.path.display()
                )),
                )
            }
            CurateProblem::EditNotFound { index, find } => errors.push(
                Diagnostic::error(
                    here(),
                    format!(
                        "edit {} looks for text that is not in the seed {}: {find:?}",
                        index + 1,
                        seed.path.display()
                    ),
                )
                .with_hint(
                    "the seed may have changed: copy the sentence again from the seed, or remove the edit",
                ),
            ),
            CurateProblem::FillUnused { key } => warnings.push(
                Diagnostic::warning(here(), format!("fill {key:?} matches no gap line in the seed"))
                    .with_hint("the key must be the gap line's exact text, like \"Benefits include:\""),
            ),
        }
    }
    // Each language's page is rewritten with that language's word pairs.
    let rewriter = if language == shared.config.language {
        shared.rewriter
    } else {
        shared.other_rewriters.get(language)
    };
    if let Some(rewriter) = rewriter.filter(|_| front.plain_words.unwrap_or(true)) {
        let mut keep = shared.config.plain_words.keep.clone();
        keep.extend(front.keep_words.iter().cloned());
        for block in &mut curated.blocks {
            for text in block_texts_mut(&mut block.kind) {
                let (new, made) = rewriter.rewrite(text, &keep);
                if let std::borrow::Cow::Owned(new) = new {
                    *text = new;
                }
                rewrites.extend(made);
            }
        }
    }
    SeedParts {
        markdown: crate::seed::to_markdown(&curated.blocks),
        title: normalized.title.clone(),
        lifted_review: normalized.reviewed_on,
        lifted_sources: normalized.sources.clone(),
        readability,
        rewrites,
        unfilled_gaps,
    }
}

/// A seed's prose as the build measures it before curating (the report's seed grade):
/// normalized with the site's boilerplate list and the page's own.
pub fn seed_prose(text: &str, boilerplate: &[String]) -> Vec<ProseBlock> {
    blocks_as_prose(&crate::seed::normalize(text, boilerplate).blocks)
}

/// The prose of seed blocks, for measuring a seed before it is curated.
fn blocks_as_prose(blocks: &[crate::seed::SeedBlock]) -> Vec<ProseBlock> {
    use crate::plain::readability::ProseKind;
    let mut out = Vec::new();
    for b in blocks {
        match &b.kind {
            BlockKind::Heading(t) => out.push(ProseBlock { kind: ProseKind::Heading, text: t.clone() }),
            BlockKind::Paragraph(t) | BlockKind::Gap(t) => {
                out.push(ProseBlock { kind: ProseKind::Paragraph, text: t.clone() })
            }
            BlockKind::List { items, .. } => {
                out.extend(items.iter().map(|t| ProseBlock { kind: ProseKind::ListItem, text: t.clone() }))
            }
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
    out
}

/// The prose strings inside a seed block that plain-word rewriting may change.
fn block_texts_mut(kind: &mut BlockKind) -> Vec<&mut String> {
    match kind {
        BlockKind::Paragraph(t) | BlockKind::Gap(t) => vec![t],
        BlockKind::List { items, .. } => items.iter_mut().collect(),
        // Headings stay as curated: rewriting them would change anchors people link to.
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    }
}

/// The order articles are listed in everywhere: by language, then title (any case), then
/// slug; so each language's pages are one run of the list (see [`language_runs`]).
pub fn sort_articles(articles: &mut [Article]) {
    // Lowercasing in the comparison would allocate twice per comparison on a 10,000-page site.
    articles.sort_by_cached_key(list_key);
}

/// What [`sort_articles`] sorts by.
pub fn list_key(article: &Article) -> (String, String, String) {
    (article.language.clone(), article.title.to_lowercase(), article.slug.clone())
}

/// Each language's run of a sorted article list: the language and where its pages are.
pub fn language_runs(articles: &[Article]) -> Vec<(String, std::ops::Range<usize>)> {
    let mut runs: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        match runs.last_mut() {
            Some((language, range)) if *language == a.language => range.end = i + 1,
            _ => runs.push((a.language.clone(), i..i + 1)),
        }
    }
    runs
}

/// The run of a sorted article list in `language` (empty when it has no pages).
pub fn language_slice<'a>(articles: &'a [Article], language: &str) -> &'a [Article] {
    language_runs(articles).into_iter().find(|(l, _)| l == language).map_or(&[], |(_, r)| &articles[r])
}

/// The key pairing a page with its translations: the main-language content file it is, or
/// it translates.
pub fn pair_key(article: &Article) -> &Path {
    article.translation_of.as_deref().unwrap_or(&article.path)
}

#[cfg(test)]
impl Article {
    /// A minimal article for tests elsewhere in the crate: override fields with `..`.
    pub(crate) fn sample(title: &str, slug: &str) -> Article {
        Article {
            path: format!("content/{slug}.md").into(),
            slug: slug.into(),
            language: "en".into(),
            translation: None,
            translation_of: None,
            title: title.into(),
            summary_html: None,
            summary: None,
            key_points_html: vec![],
            actions_html: vec![],
            questions_html: vec![],
            topics: vec![],
            also_known_as: vec![],
            reviewed: None,
            review_status: ReviewStatus::NeverReviewed,
            sources: vec![],
            published: None,
            content_html: String::new(),
            toc: vec![],
            terms_used: vec![],
            prose: vec![],
            readability: Default::default(),
            seed_readability: None,
            rewrites: vec![],
            flags: vec![],
            reading_grade_target: 8.0,
            inflesz: None,
            draft: false,
            owner: None,
            codes: Default::default(),
            unfilled_gaps: vec![],
            get_help: None,
            visuals: 0,
            image_files: vec![],
            packed: Packed::default(),
        }
    }

    /// The same article at another address (its content file follows: `content/<slug>.md`).
    pub(crate) fn with_slug(self, slug: &str) -> Article {
        Article { path: format!("content/{slug}.md").into(), slug: slug.into(), ..self }
    }
}

/// The language a page is written in ([`Article::language`]; the site's `language` for an
/// article made without one). The review list and the code resolver group pages by it.
pub fn page_language(article: &Article, config: &SiteConfig) -> String {
    if article.language.is_empty() {
        config.language.clone()
    } else {
        article.language.clone()
    }
}

/// The site-relative URL of an article (always with `index.html`, so it works from `file://`).
pub fn article_url(slug: &str) -> String {
    format!("{slug}/index.html")
}

/// The take-home sheet's page, relative to its article's folder.
pub const SHEET_PAGE: &str = "handout/index.html";

/// The output path of an article's one-page take-home sheet.
pub fn sheet_url(slug: &str) -> String {
    format!("{slug}/{SHEET_PAGE}")
}

/// Whether an output path is a take-home sheet (kept out of the sitemap: see docs/handouts.md).
pub fn is_sheet_path(path: &str) -> bool {
    path.strip_suffix(SHEET_PAGE).and_then(|folder| folder.strip_suffix('/')).is_some_and(|article| {
        match article.split_once('/') {
            None => !article.is_empty(),
            // A page in another language: `es/<slug>/handout/index.html`.
            Some((language, slug)) => {
                crate::content::is_language_tag(language) && !slug.is_empty() && !slug.contains('/')
            }
        }
    })
}

/// A path helper used by messages.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod packing_tests {
    use super::*;
    use crate::plain::readability::ProseKind;

    #[test]
    fn packed_html_and_prose_come_back_as_they_were() {
        let prose = vec![
            ProseBlock { kind: ProseKind::Heading, text: "¿Qué es?".into() },
            ProseBlock { kind: ProseKind::Paragraph, text: String::new() },
            ProseBlock { kind: ProseKind::ListItem, text: "Ask your nurse — 24/7.".into() },
            ProseBlock { kind: ProseKind::TableCell, text: "ñ é 🙂".into() },
        ];
        let mut a = Article {
            content_html: "<p>Gene therapy &amp; you</p>".repeat(50),
            prose: prose.clone(),
            ..Article::sample("T", "t")
        };
        let html = a.content_html.clone();
        a.pack();
        assert!(a.content_html.is_empty() && a.prose.is_empty());
        assert!(a.packed.html.len() < html.len() / 4, "it is compressed");
        assert_eq!(a.prose_blocks().as_ref(), &prose[..]);
        a.unpack_html();
        assert_eq!(a.content_html, html);
        // Unpacking twice, or an article never packed, changes nothing.
        a.unpack_html();
        assert_eq!(a.content_html, html);
    }
}

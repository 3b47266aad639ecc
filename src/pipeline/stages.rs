//! The pipeline's first stages as plain functions from data to data: load the site and its
//! theme, then transform every page (in parallel) into an article.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{Article, Shared};
use crate::error::{Diagnostic, Failed, Location};
use crate::load::{load_site, LoadOptions, Site};
use crate::output::search::SiteSearch;
use crate::output::{OutputFile, PublishContext};
use crate::plain::rewrite::Rewriter;
use crate::render::RenderOptions;
use crate::theme::{StaticFile, Theme};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder (default: `public/` in the site folder).
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include draft pages.
    pub drafts: bool,
    /// Overrides `theme` from `site.yaml`.
    pub theme: Option<String>,
    /// Rendering for the live preview.
    pub preview: bool,
    /// Treat overdue reviews as warnings, even under `review: { overdue: error }`.
    pub allow_stale: bool,
    /// Fail on any warning (overdue reviews, unfilled gaps, raw HTML, ...); nothing is written.
    pub strict: bool,
    /// Run the editor's prose checks too (needed by `plainleaf check`, not by `build`).
    pub prose_checks: bool,
    /// Overrides `paper` from `site.yaml` (`--paper`).
    pub paper: Option<crate::config::Paper>,
}

impl BuildOptions {
    /// The output folder these options name.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// A loaded site with its theme, before the per-page stages.
pub struct Prepared {
    /// The loaded site.
    pub site: Site,
    /// The theme the options or `site.yaml` name.
    pub theme: Theme,
    /// `--base-url` or `site.yaml`'s, with a trailing slash.
    pub base_url: Option<String>,
    /// Warnings from loading the site and the theme.
    pub warnings: Vec<Diagnostic>,
}

/// Load the site and its theme, and check the options that name them (shared by the build
/// and the preview).
pub fn prepare(options: &BuildOptions) -> Result<Prepared, Failed> {
    let site = load_site(&options.root, &LoadOptions { drafts: options.drafts })?;
    let mut warnings = site.warnings.clone();
    let base_url = resolve_base_url(options, &site)?;
    check_theme_option(options, &site)?;
    let theme_name = options.theme.clone().unwrap_or_else(|| site.config.theme.clone());
    let (theme, theme_warnings) = Theme::load(&site.root, &theme_name, &site.config.theme_settings)?;
    warnings.extend(theme_warnings);
    warnings.extend(theme.translations.gaps(std::slice::from_ref(&site.config.language)));
    Ok(Prepared { site, theme, base_url, warnings })
}

/// Whether the transform keeps the pages' Markdown after making the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Keep it: the live site re-processes pages when their seed changes.
    Keep,
    /// Drop it batch by batch: a one-shot build never reads it again, and on a large site
    /// the bodies are a good share of peak memory.
    Drop,
    /// Drop it, and keep each article's body HTML and prose packed ([`Article::pack`]) until
    /// its page is rendered and indexed: the streamed disk build, which renders the articles
    /// batch by batch.
    DropAndPack,
}

/// A site after the load and transform stages, with the render settings its options name:
/// where every way of running the pipeline (once in memory, once to disk, live) starts.
pub struct Transformed {
    /// The loaded site (page bodies emptied under [`Bodies::Drop`]).
    pub site: Site,
    /// The theme the options or `site.yaml` name.
    pub theme: Theme,
    /// Articles after the transform stages, in site order.
    pub articles: Vec<Article>,
    /// How pages are rendered (base URL, preview, paper).
    pub render_options: RenderOptions,
    /// Warnings from loading and transforming.
    pub warnings: Vec<Diagnostic>,
}

/// The load and transform stages, timed on `clock`.
pub fn load_and_transform(
    options: &BuildOptions,
    bodies: Bodies,
    clock: &mut super::StageClock,
) -> Result<Transformed, Failed> {
    let Prepared { mut site, theme, base_url, mut warnings } = prepare(options)?;
    clock.lap("load and theme");
    let articles = match bodies {
        Bodies::Keep => transform(&site, Some(&theme.translations), options, &mut warnings)?,
        Bodies::Drop => {
            transform_dropping_bodies(&mut site, Some(&theme.translations), options, &mut warnings, false)?
        }
        Bodies::DropAndPack => {
            transform_dropping_bodies(&mut site, Some(&theme.translations), options, &mut warnings, true)?
        }
    };
    clock.lap("transform");
    let render_options = RenderOptions { base_url, preview: options.preview, paper: options.paper };
    Ok(Transformed { site, theme, articles, render_options, warnings })
}

/// The render stage of an in-memory run (the one-shot memory build and the live site): every
/// page of every language, with each language's derived model parts.
pub fn render_pages(
    site: &Site,
    theme: &crate::theme::Theme,
    articles: &[Article],
    render_options: &RenderOptions,
) -> Result<(Vec<OutputFile>, Vec<crate::render::ModelParts>), Failed> {
    crate::render::render_all(&site.config, articles, &site.glossary, &site.glossaries, theme, render_options)
        .map_err(Failed)
}

/// The publish stage of a one-shot build: the site-wide files (search index, code resolver,
/// sitemap, feeds) made from the articles and the rendered pages' paths.
pub fn publish(
    site: &Site,
    render_options: &RenderOptions,
    articles: &[Article],
    statics: &[StaticFile],
    page_paths: &[&str],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let context = PublishContext {
        config: &site.config,
        base_url: render_options.base_url.as_deref(),
        articles,
        glossary: &site.glossary,
        glossaries: &site.glossaries,
        statics,
    };
    let search = SiteSearch::for_site(&site.config, articles, &site.glossary, &site.glossaries, false);
    crate::output::generated_files(&context, &search, page_paths, warnings)
}

/// Run the per-page transform stages on every page, in parallel; collect every page's errors.
pub fn transform(
    site: &Site,
    strings: Option<&crate::i18n::Translations>,
    options: &BuildOptions,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Article>, Failed> {
    let rewriter = site_rewriter(site);
    let links = content_links(site);
    let shared = shared(site, rewriter.as_ref(), &links, strings, options);
    let pages: Vec<&crate::content::Page> = site.pages.iter().collect();
    let mut articles = process_pages(site, &pages, &shared, warnings)?;
    crate::article::sort_articles(&mut articles);
    Ok(articles)
}

/// [`transform`] for a build that never reads the Markdown again: pages go through in
/// batches and each batch's bodies are dropped once its articles are made, so the site's
/// Markdown and its articles are never in memory whole at the same time. With `pack`
/// each batch's body HTML and prose are packed too ([`Article::pack`]).
pub fn transform_dropping_bodies(
    site: &mut Site,
    strings: Option<&crate::i18n::Translations>,
    options: &BuildOptions,
    warnings: &mut Vec<Diagnostic>,
    pack: bool,
) -> Result<Vec<Article>, Failed> {
    const BATCH: usize = 512;
    let rewriter = site_rewriter(site);
    // Links between pages come from every page's front matter and file name.
    let links = content_links(site);
    let mut pages = std::mem::take(&mut site.pages);
    let mut articles = Vec::with_capacity(pages.len());
    let mut errors = Vec::new();
    {
        let shared = shared(site, rewriter.as_ref(), &links, strings, options);
        for start in (0..pages.len()).step_by(BATCH) {
            let end = (start + BATCH).min(pages.len());
            let batch: Vec<&crate::content::Page> = pages[start..end].iter().collect();
            match process_pages(site, &batch, &shared, warnings) {
                Ok(mut done) => {
                    if pack {
                        done.par_iter_mut().for_each(Article::pack);
                    }
                    articles.extend(done)
                }
                Err(Failed(e)) => errors.extend(e),
            }
            for page in &mut pages[start..end] {
                page.body = String::new();
            }
        }
    }
    site.pages = pages;
    if !errors.is_empty() {
        return Err(Failed(errors));
    }
    crate::article::sort_articles(&mut articles);
    Ok(articles)
}

/// Transform some pages of `site` in parallel, keeping their order; every page's errors are
/// collected, and warnings go to `warnings`.
pub fn process_pages(
    site: &Site,
    pages: &[&crate::content::Page],
    shared: &Shared,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Article>, Failed> {
    let results: Vec<_> = pages.par_iter().map(|page| process_page(site, page, shared)).collect();
    let mut errors = Vec::new();
    let mut articles = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((article, w)) => {
                warnings.extend(w);
                articles.push(article);
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(articles)
    } else {
        Err(Failed(errors))
    }
}

/// The plain-word rewriter a site's settings ask for, for pages in the site's `language`
/// (built once, shared by every page).
pub fn site_rewriter(site: &Site) -> Option<Rewriter> {
    site_rewriter_for(site, &site.config.language)
}

/// The plain-word rewriter for pages in `language`: that language's built-in pairs (Spanish
/// has its own) plus the site's `plain_words` settings.
pub fn site_rewriter_for(site: &Site, language: &str) -> Option<Rewriter> {
    site.config
        .plain_words
        .enabled
        .then(|| Rewriter::from_config_for(language, &site.config.plain_words, &site.glossary.phrases()))
}

/// The helpers every page of `site` shares, built once per build.
pub fn shared<'a>(
    site: &'a Site,
    rewriter: Option<&'a Rewriter>,
    links: &'a HashMap<String, String>,
    strings: Option<&'a crate::i18n::Translations>,
    options: &BuildOptions,
) -> Shared<'a> {
    Shared {
        config: &site.config,
        glossary: &site.glossary,
        glossaries: &site.glossaries,
        rewriter,
        other_rewriters: site
            .config
            .other_languages()
            .filter_map(|l| Some((l.to_string(), site_rewriter_for(site, l)?)))
            .collect(),
        links,
        known_abbreviations: site.glossary.phrases(),
        today: today(),
        allow_stale: options.allow_stale,
        prose_checks: options.prose_checks,
        site_root: &site.root,
        strings,
    }
}

/// `--theme NAME` must name a theme that exists (the message names the option, not site.yaml).
pub fn check_theme_option(options: &BuildOptions, site: &Site) -> Result<(), Failed> {
    if let Some(name) = options.theme.as_deref().filter(|n| !crate::theme::exists(&site.root, n)) {
        let d = crate::theme::missing_theme(&site.root, name, None);
        return Err(Diagnostic { message: format!("--theme {name}: {}", d.message), ..d }.into());
    }
    Ok(())
}

/// Content files (relative to `content/`) to slugs, for `@/` links between pages.
pub fn content_links(site: &Site) -> HashMap<String, String> {
    site.pages
        .iter()
        .map(|p| {
            let rel = p.path.strip_prefix(crate::load::CONTENT_DIR).unwrap_or(&p.path);
            (rel.to_string_lossy().replace('\\', "/"), p.slug.clone())
        })
        .collect()
}

/// Transform one loaded page with its seed, as the build does.
pub fn process_page(
    site: &Site,
    page: &crate::content::Page,
    shared: &Shared,
) -> Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>> {
    let seed = page.front.seed.as_ref().and_then(|s| site.seeds.get(s));
    crate::article::process(page, seed, shared)
}

/// The base URL a build uses: `--base-url` when given (checked), else `site.yaml`'s.
pub fn resolve_base_url(options: &BuildOptions, site: &Site) -> Result<Option<String>, Failed> {
    match &options.base_url {
        Some(url) => {
            crate::config::validate_base_url(url).map_err(|why| {
                Diagnostic::error(None, format!("--base-url {url:?} is not a web address: {why}"))
                    .with_hint("write the full address, like https://clinic.example.org/")
            })?;
            Ok(Some(format!("{}/", url.trim_end_matches('/'))))
        }
        None => Ok(site.config.base_url()),
    }
}

/// "3 drafts not built: …", so a build never hides pages that are waiting for work.
pub fn drafts_not_built(drafts: &[PathBuf]) -> Option<Diagnostic> {
    if drafts.is_empty() {
        return None;
    }
    let names: Vec<String> = drafts.iter().map(|p| p.display().to_string()).collect();
    let count = drafts.len();
    Some(
        Diagnostic::warning(
            None,
            format!("{count} draft{} not built: {}", if count == 1 { "" } else { "s" }, names.join(", ")),
        )
        .with_hint("set `draft: false` when a page is ready, or add --drafts to see them"),
    )
}

/// A diagnostic for a path that is not a site folder.
pub fn not_a_site(root: &Path) -> Diagnostic {
    Diagnostic::error(Some(Location::file(root)), "this folder has no site.yaml").with_hint(
        "run plainleaf inside a site folder, pass --root FOLDER, or create one with `plainleaf new FOLDER`",
    )
}

/// The build's date: from `SOURCE_DATE_EPOCH` when set (reproducible builds), else today.
pub fn today() -> jiff::civil::Date {
    crate::review::today()
}

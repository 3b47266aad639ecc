//! The build: load -> transform (per page, in parallel) -> render -> write, as plain
//! functions from data to data so `serve` and `check` can run the stages they need.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::article::{Article, Shared};
use crate::error::{Diagnostic, Failed, Location};
use crate::load::{load_site, LoadOptions, Site};
use crate::plain::rewrite::Rewriter;
use crate::render::{OutputFile, RenderOptions, SiteModel};
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
}

impl BuildOptions {
    /// The output folder these options name.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// A site rendered in memory, not yet written.
#[derive(Debug)]
pub struct RenderedSite {
    /// The loaded site.
    pub site: Site,
    /// Articles after the transform stages, sorted by title.
    pub articles: Vec<Article>,
    /// Rendered pages and site-wide files.
    pub files: Vec<OutputFile>,
    /// Theme and site static files.
    pub statics: Vec<StaticFile>,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
}

/// What a finished build reports.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Article pages built.
    pub articles: usize,
    /// All HTML pages built.
    pub pages: usize,
    /// Files written (changed bytes).
    pub written: usize,
    /// Files kept as they were.
    pub unchanged: usize,
    /// Warnings to show.
    pub warnings: Vec<Diagnostic>,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// Where the site was written.
    pub output: PathBuf,
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
    Ok(Prepared { site, theme, base_url, warnings })
}

/// Load, transform and render a site in memory.
pub fn render_in_memory(options: &BuildOptions) -> Result<RenderedSite, Failed> {
    let mut clock = StageClock::start();
    let Prepared { mut site, theme, base_url, mut warnings } = prepare(options)?;
    clock.lap("load and theme");
    let mut articles = transform(&site, options, &mut warnings)?;
    clock.lap("transform");
    // Later stages and the report never read the Markdown again; on a large site the
    // bodies are a good share of peak memory.
    for page in &mut site.pages {
        page.body = String::new();
    }
    let model = SiteModel::new(&site.config, &articles, &site.glossary);
    clock.lap("site model");
    let render_options = RenderOptions { base_url, preview: options.preview };
    let mut files = crate::render::render_site(&model, &theme, &render_options).map_err(Failed)?;
    clock.lap("render");
    drop(model);
    // The body HTML now lives in the rendered pages; keeping a second copy would double it.
    for article in &mut articles {
        article.content_html = String::new();
    }
    let statics = theme.static_files.clone();
    let publish = crate::output::PublishContext {
        config: &site.config,
        base_url: render_options.base_url.as_deref(),
        articles: &articles,
        glossary: &site.glossary,
        statics: &statics,
    };
    crate::output::finish_site(&mut files, &publish, &mut warnings)?;
    clock.lap("search, sitemap, links");
    Ok(RenderedSite { site, articles, files, statics, warnings })
}

/// Run the per-page transform stages on every page, in parallel; collect every page's errors.
pub fn transform(
    site: &Site,
    options: &BuildOptions,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Article>, Failed> {
    let rewriter = site_rewriter(site);
    let links = content_links(site);
    let shared = shared(site, rewriter.as_ref(), &links, options);
    let pages: Vec<&crate::content::Page> = site.pages.iter().collect();
    let mut articles = process_pages(site, &pages, &shared, warnings)?;
    sort_articles(&mut articles);
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

/// The plain-word rewriter a site's settings ask for (built once, shared by every page).
pub fn site_rewriter(site: &Site) -> Option<Rewriter> {
    site.config
        .plain_words
        .enabled
        .then(|| Rewriter::from_config(&site.config.plain_words, &site.glossary.phrases()))
}

/// The helpers every page of `site` shares, built once per build.
pub fn shared<'a>(
    site: &'a Site,
    rewriter: Option<&'a Rewriter>,
    links: &'a HashMap<String, String>,
    options: &BuildOptions,
) -> Shared<'a> {
    Shared {
        config: &site.config,
        glossary: &site.glossary,
        rewriter,
        links,
        known_abbreviations: site.glossary.phrases(),
        today: today(),
        allow_stale: options.allow_stale,
        prose_checks: options.prose_checks,
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

/// The order articles are listed in everywhere: by title (any case), then slug.
pub fn sort_articles(articles: &mut [Article]) {
    // Lowercasing in the comparison would allocate twice per comparison on a 10,000-page site.
    articles.sort_by_cached_key(list_key);
}

/// What [`sort_articles`] sorts by.
pub fn list_key(article: &Article) -> (String, String) {
    (article.title.to_lowercase(), article.slug.clone())
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

/// Build the site and write it to the output folder.
pub fn build_site(options: &BuildOptions) -> Result<BuildSummary, Failed> {
    let started = Instant::now();
    let output = options.output_dir();
    // Check the output folder before any work, so a dangerous --output fails fast.
    crate::output::write::check_output_dir(&options.root, &output)?;
    let rendered = render_in_memory(options)?;
    if options.strict && !rendered.warnings.is_empty() {
        let count = rendered.warnings.len();
        let mut list = rendered.warnings;
        list.push(
            Diagnostic::error(
                None,
                format!(
                    "the build has {count} warning{} and --strict is on, so nothing was written",
                    if count == 1 { "" } else { "s" }
                ),
            )
            .with_hint("fix the warnings above, or build without --strict to publish anyway"),
        );
        return Err(Failed(list));
    }
    let mut clock = StageClock::start();
    // Statics first: a page of the same name wins.
    let all: Vec<(&str, &[u8])> = rendered
        .statics
        .iter()
        .map(|s| (s.output_path.as_str(), &s.bytes[..]))
        .chain(rendered.files.iter().map(|f| (f.path.as_str(), &f.bytes[..])))
        .collect();
    let stats = crate::output::write::write_site(&options.root, &output, &all)?;
    clock.lap("write");
    let pages = rendered.files.iter().filter(|f| f.path.ends_with(".html")).count();
    Ok(BuildSummary {
        articles: rendered.articles.len(),
        pages,
        written: stats.written,
        unchanged: stats.unchanged,
        warnings: rendered.warnings,
        millis: started.elapsed().as_millis(),
        output,
    })
}

/// A diagnostic for a path that is not a site folder.
pub fn not_a_site(root: &Path) -> Diagnostic {
    Diagnostic::error(Some(Location::file(root)), "this folder has no site.yaml").with_hint(
        "run plainleaf inside a site folder, pass --root FOLDER, or create one with `plainleaf new FOLDER`",
    )
}

/// The build's date: from `SOURCE_DATE_EPOCH` when set (reproducible builds), else today.
pub fn today() -> jiff::civil::Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok())
        .map(|t| t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// Prints how long each stage took when `PLAINLEAF_TIMINGS` is set (for profiling builds).
pub(crate) struct StageClock {
    last: Option<Instant>,
}

impl StageClock {
    pub(crate) fn start() -> Self {
        StageClock { last: std::env::var_os("PLAINLEAF_TIMINGS").map(|_| Instant::now()) }
    }

    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            eprintln!("timing: {stage:<24} {:>8.1} ms", last.elapsed().as_secs_f64() * 1000.0);
            self.last = Some(Instant::now());
        }
    }
}

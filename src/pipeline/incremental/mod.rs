//! The live site's rebuild: keep the last good site in memory and, on a change, redo only
//! what depends on it. A content page edit re-processes that page alone and re-renders it plus
//! the pages that show something of it; a seed edit re-processes the pages using that seed; a
//! template or theme edit re-renders every page from the kept articles; `site.yaml`, the
//! glossary, new, deleted or renamed pages rebuild everything. After any rebuild the pages equal
//! what a full [`crate::pipeline::render_in_memory`] produces (tests check this byte for byte).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::stages::{content_links, load_and_transform, site_rewriter, Bodies, BuildOptions, Transformed};
use super::{merge, Lap, StageClock};
use crate::article::Article;
use crate::error::{Diagnostic, Failed};
use crate::load::Site;
use crate::output::search::SiteSearch;
use crate::plain::rewrite::Rewriter;
use crate::render::{ModelParts, RenderOptions};
use crate::theme::Theme;

mod inputs;
mod select;
#[cfg(test)]
mod tests;

/// One thing that changed on disk, as the rebuild needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// A content page (site-relative path, like `content/a.md`) was edited.
    Page(PathBuf),
    /// A seed file (its name inside `seeds/`) was edited.
    Seed(String),
    /// A picture a page can show (site-relative path: any file in `content/` but a page, or
    /// an image in `static/`) was added, replaced or removed: the pages naming it are
    /// processed again, so they show the new picture (or report the missing one).
    Picture(PathBuf),
    /// A template or theme file (not a static file) changed.
    Theme,
    /// A static file of the theme or site changed.
    Static,
    /// Anything that needs everything rebuilt: `site.yaml`, the glossary, pages added or removed.
    Full,
}

impl Change {
    /// Whether the theme's and site's static files must be read again: a static file
    /// changed, or a picture in `static/` (which is also copied as it is).
    pub fn touches_static(&self) -> bool {
        match self {
            Change::Static => true,
            Change::Picture(path) => path.starts_with("static"),
            _ => false,
        }
    }
}

/// What the browser should do after a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No served byte changed.
    Unchanged,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// Reload the page.
    Reload,
}

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// What the browser should do.
    pub outcome: Outcome,
    /// Warnings from the pages processed again (all warnings after a full rebuild).
    pub warnings: Vec<Diagnostic>,
    /// Whether everything was rebuilt.
    pub full: bool,
    /// Article pages processed again.
    pub processed: usize,
    /// Pages rendered again.
    pub rendered: usize,
    /// Output paths (pages, site-wide and static files) whose bytes changed, sorted.
    pub changed: Vec<String>,
    /// Output paths that are no longer made, sorted.
    pub removed: Vec<String>,
    /// Slugs of the articles processed again (all of them after a full rebuild).
    pub edited: Vec<String>,
    /// The bytes that changed files had before (partial rebuilds only).
    pub previous: HashMap<String, Arc<[u8]>>,
    /// How long each stage of the rebuild took.
    pub timings: Vec<Lap>,
}

/// A site built in memory (for the preview, or for `build --watch`), with everything an
/// incremental rebuild reuses.
pub struct LiveSite {
    options: BuildOptions,
    site: Site,
    theme: Theme,
    render_options: RenderOptions,
    rewriter: Option<Rewriter>,
    links: HashMap<String, String>,
    articles: Vec<Article>,
    /// Each language's derived lists, in `languages:` order.
    parts: Vec<ModelParts>,
    search: SiteSearch,
    files: HashMap<String, Arc<[u8]>>,
    statics: HashMap<String, Arc<[u8]>>,
    hints: HashMap<String, Arc<str>>,
    warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for LiveSite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveSite").field("root", &self.site.root).field("pages", &self.files.len()).finish()
    }
}

impl LiveSite {
    /// Build the whole site in memory, as `render_in_memory` does, keeping the pieces.
    pub fn build(options: &BuildOptions) -> Result<LiveSite, Failed> {
        let Transformed { site, theme, articles, render_options, mut warnings } =
            load_and_transform(options, Bodies::Keep, &mut StageClock::start())?;
        let (mut rendered, parts) = super::stages::render_pages(&site, &theme, &articles, &render_options)?;
        if site.config.minify {
            crate::output::minify_pages(&mut rendered);
        }
        let search = SiteSearch::for_site(&site.config, &articles, &site.glossary, &site.glossaries, true);
        let publish = crate::output::PublishContext {
            config: &site.config,
            base_url: render_options.base_url.as_deref(),
            articles: &articles,
            glossary: &site.glossary,
            glossaries: &site.glossaries,
            statics: &[],
        };
        let mut paths: Vec<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
        paths.sort_unstable();
        let generated = crate::output::generated_files(&publish, &search, &paths, &mut warnings);
        rendered.extend(generated);
        let statics = statics_of(&theme);
        let hints = articles.par_iter().map(|a| (a.slug.clone(), hints_of(a, &site.config))).collect();
        let preview = LiveSite {
            options: options.clone(),
            rewriter: site_rewriter(&site),
            links: content_links(&site),
            site,
            theme,
            render_options,
            articles,
            parts,
            search,
            files: rendered.into_iter().map(|f| (f.path, Arc::from(f.bytes))).collect(),
            statics,
            hints,
            warnings,
        };
        Ok(preview)
    }

    /// Sitemap, robots.txt and feed (made only with a base URL), as `build` makes them, for
    /// an edit that changes what they list.
    fn address_files(&self, warnings: &mut Vec<Diagnostic>) -> Vec<crate::output::OutputFile> {
        let publish = crate::output::PublishContext {
            config: &self.site.config,
            base_url: self.render_options.base_url.as_deref(),
            articles: &self.articles,
            glossary: &self.site.glossary,
            glossaries: &self.site.glossaries,
            statics: &[],
        };
        let mut paths: Vec<&str> = self.files.keys().map(String::as_str).collect();
        paths.sort_unstable();
        crate::output::address_files(&publish, &paths, warnings)
    }

    /// The loaded site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// The public address pages are rendered with (`--base-url` or `site.yaml`'s).
    pub fn base_url(&self) -> Option<&str> {
        self.render_options.base_url.as_deref()
    }

    /// The build options this site was built with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Articles after the transform stages, in site order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Rendered pages and site-wide files, by output path.
    pub fn files(&self) -> &HashMap<String, Arc<[u8]>> {
        &self.files
    }

    /// Theme and site static files, by output path.
    pub fn statics(&self) -> &HashMap<String, Arc<[u8]>> {
        &self.statics
    }

    /// The bytes the site serves or writes at an output path: a page wins over a static
    /// file of the same name (as [`merge`] orders them).
    pub fn output(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).or_else(|| self.statics.get(path)).map(|b| &b[..])
    }

    /// Every file of the site in the order a sink takes them (see [`merge`]).
    pub fn output_files(&self) -> Vec<(&str, &[u8])> {
        let mut pages: Vec<(&str, &[u8])> =
            self.files.iter().map(|(path, bytes)| (path.as_str(), &bytes[..])).collect();
        pages.sort_unstable_by_key(|(path, _)| *path);
        merge(self.statics.iter().map(|(path, bytes)| (path.as_str(), &bytes[..])), pages)
    }

    /// Writing-hint JSON for each article, by slug.
    pub fn hints(&self) -> &HashMap<String, Arc<str>> {
        &self.hints
    }

    /// Warnings of the last full build.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Rebuild after `changes`. On failure the site stays as it was (the last good one).
    pub fn apply(&mut self, changes: &[Change]) -> Result<Applied, Failed> {
        if changes.contains(&Change::Full) {
            self.rebuild_full()
        } else {
            self.apply_partial(changes)
        }
    }

    fn rebuild_full(&mut self) -> Result<Applied, Failed> {
        let fresh = LiveSite::build(&self.options)?;
        let old = std::mem::replace(self, fresh);
        let mut changed = changed_paths(&old.files, &self.files);
        changed.extend(changed_paths(&old.statics, &self.statics));
        changed.sort();
        let mut removed: Vec<String> = old
            .files
            .keys()
            .chain(old.statics.keys())
            .filter(|p| !self.files.contains_key(*p) && !self.statics.contains_key(*p))
            .cloned()
            .collect();
        removed.sort();
        Ok(Applied {
            outcome: outcome_of(&changed, &removed),
            warnings: self.warnings.clone(),
            full: true,
            processed: self.articles.len(),
            rendered: self.files.len(),
            changed,
            removed,
            edited: self.articles.iter().map(|a| a.slug.clone()).collect(),
            previous: HashMap::new(),
            timings: Vec::new(),
        })
    }
}

/// Whether two site-relative paths, both made by the loader, are the same file. Comparing
/// the bytes is enough here and far cheaper than `Path`'s component-wise equality, which
/// dominated finding one page among 10,000.
fn same_path(a: &Path, b: &Path) -> bool {
    a.as_os_str() == b.as_os_str()
}

/// The preview's writing hints for one article, by the rules of its language.
fn hints_of(a: &Article, config: &crate::config::SiteConfig) -> Arc<str> {
    Arc::from(crate::plain::hints::page_hints_for(
        &crate::article::page_language(a, config),
        config.inflesz,
        &a.slug,
        a.readability.flesch_kincaid_grade,
        a.reading_grade_target,
        &a.prose,
    ))
}

fn statics_of(theme: &Theme) -> HashMap<String, Arc<[u8]>> {
    theme.static_files.iter().map(|f| (f.output_path.clone(), Arc::from(f.bytes.clone()))).collect()
}

/// The cheapest browser update for a set of changed and removed output paths.
fn outcome_of(changed: &[String], removed: &[String]) -> Outcome {
    if changed.is_empty() && removed.is_empty() {
        Outcome::Unchanged
    } else if removed.is_empty() && changed.iter().all(|p| p.ends_with(".css")) {
        Outcome::Css
    } else {
        Outcome::Reload
    }
}

/// Paths in `after` whose bytes differ from `before` (or are new there).
fn changed_paths(before: &HashMap<String, Arc<[u8]>>, after: &HashMap<String, Arc<[u8]>>) -> Vec<String> {
    after
        .iter()
        .filter(|(path, bytes)| {
            before.get(*path).is_none_or(|old| !Arc::ptr_eq(old, bytes) && old[..] != bytes[..])
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Which kind of change a site-relative path is, or None for files the build never reads.
pub fn classify(rel: &Path) -> Option<Change> {
    let text = rel.to_string_lossy().replace('\\', "/");
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if crate::load::is_editor_temp(&name) {
        return None;
    }
    let other_glossary = text.strip_prefix("content/glossary.").is_some_and(|rest| rest.ends_with(".yaml"));
    if text == crate::load::SITE_FILE || text == crate::load::GLOSSARY_FILE || other_glossary {
        return Some(Change::Full);
    }
    if text.starts_with("content/") {
        let path = PathBuf::from(text.as_str());
        return Some(if text.ends_with(".md") { Change::Page(path) } else { Change::Picture(path) });
    }
    if text == "content" {
        return Some(Change::Full);
    }
    if let Some(seed) = text.strip_prefix("seeds/") {
        return if seed.contains('/') { None } else { Some(Change::Seed(seed.to_string())) };
    }
    if text.starts_with("static/") && crate::markdown::images::is_picture(&name) {
        return Some(Change::Picture(PathBuf::from(text)));
    }
    if text.starts_with("static/")
        || (text.starts_with("themes/") && text.split('/').nth(2) == Some("static"))
    {
        return Some(Change::Static);
    }
    if text.starts_with("templates/")
        || text.starts_with("themes/")
        || text.starts_with("i18n/")
        || text == "templates"
        || text == "themes"
        || text == "i18n"
    {
        return Some(Change::Theme);
    }
    if text == "static" {
        return Some(Change::Static);
    }
    if text == "seeds" {
        return Some(Change::Full);
    }
    None
}

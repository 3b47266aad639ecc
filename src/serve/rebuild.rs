//! The live preview's rebuild: keep the last good site in memory and, on a change, redo only
//! what depends on it. A content page edit re-processes that page alone and re-renders it plus
//! the pages that show something of it; a seed edit re-processes the pages using that seed; a
//! template or theme edit re-renders every page from the kept articles; `site.yaml`, the
//! glossary, new, deleted or renamed pages rebuild everything. After any rebuild the pages equal
//! what a full [`crate::build::render_in_memory`] produces (tests check this byte for byte).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::article::Article;
use crate::build::{
    content_links, prepare, process_pages, shared, site_rewriter, sort_articles, transform, BuildOptions,
    Prepared,
};
use crate::content::Page;
use crate::error::{Diagnostic, Failed};
use crate::load::{read_seed, read_text, Site};
use crate::plain::rewrite::Rewriter;
use crate::render::{all_related, render_selected, IndexPages, RenderOptions, SiteModel};
use crate::theme::Theme;

/// One thing that changed on disk, as the rebuild needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// A content page (site-relative path, like `content/a.md`) was edited.
    Page(PathBuf),
    /// A seed file (its name inside `seeds/`) was edited.
    Seed(String),
    /// A template or theme file (not a static file) changed.
    Theme,
    /// A static file of the theme or site changed.
    Static,
    /// Anything that needs everything rebuilt: `site.yaml`, the glossary, pages added or removed.
    Full,
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
}

/// A site built in memory for the preview, with everything an incremental rebuild reuses.
pub struct Preview {
    options: BuildOptions,
    site: Site,
    theme: Theme,
    render_options: RenderOptions,
    rewriter: Option<Rewriter>,
    links: HashMap<String, String>,
    articles: Vec<Article>,
    related: Vec<Vec<usize>>,
    topic_nav: Vec<(String, String)>,
    files: HashMap<String, Arc<[u8]>>,
    statics: HashMap<String, Arc<[u8]>>,
    hints: HashMap<String, Arc<str>>,
    warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview").field("root", &self.site.root).field("pages", &self.files.len()).finish()
    }
}

/// What a page shows of itself on other pages (cards, related lists, glossary back-links).
#[derive(Debug, Clone, PartialEq)]
struct Face {
    title: String,
    summary: Option<String>,
    grade: String,
    topics: Vec<String>,
    terms: Vec<usize>,
}

impl Face {
    fn of(a: &Article) -> Face {
        Face {
            title: a.title.clone(),
            summary: a.summary.clone(),
            grade: format!("{:.1}", a.readability.flesch_kincaid_grade),
            topics: a.topics.clone(),
            terms: a.terms_used.clone(),
        }
    }

    fn sorted_terms(&self) -> BTreeSet<usize> {
        self.terms.iter().copied().collect()
    }
}

impl Preview {
    /// Build the whole site in memory, as `render_in_memory` does, keeping the pieces.
    pub fn build(options: &BuildOptions) -> Result<Preview, Failed> {
        let Prepared { site, theme, base_url, mut warnings } = prepare(options)?;
        let articles = transform(&site, options, &mut warnings)?;
        let related = all_related(&articles, site.glossary.entries.len());
        let render_options = RenderOptions { base_url, preview: options.preview };
        let model = SiteModel::with_related(&site.config, &articles, &site.glossary, related.clone());
        let all: Vec<usize> = (0..articles.len()).collect();
        let mut rendered =
            render_selected(&model, &theme, &render_options, &all, &IndexPages::All).map_err(Failed)?;
        let topic_nav = nav_of(&model);
        drop(model);
        if site.config.minify {
            crate::output::minify_pages(&mut rendered);
        }
        let files = rendered.into_iter().map(|f| (f.path, Arc::from(f.bytes))).collect();
        let statics = statics_of(&theme);
        let hints =
            articles.par_iter().map(|a| (a.slug.clone(), Arc::from(super::hints::page_hints(a)))).collect();
        let mut preview = Preview {
            options: options.clone(),
            rewriter: site_rewriter(&site),
            links: content_links(&site),
            site,
            theme,
            render_options,
            articles,
            related,
            topic_nav,
            files,
            statics,
            hints,
            warnings,
        };
        let mut generated_warnings = Vec::new();
        preview.refresh_generated(&mut generated_warnings);
        preview.warnings.extend(generated_warnings);
        Ok(preview)
    }

    /// Make the site-wide files again (search index, sitemap, feed) from the current pages,
    /// exactly as `build` does, so the preview never serves a stale index.
    fn refresh_generated(&mut self, warnings: &mut Vec<Diagnostic>) {
        let statics: Vec<crate::theme::StaticFile> = Vec::new();
        let publish = crate::output::PublishContext {
            config: &self.site.config,
            base_url: self.render_options.base_url.as_deref(),
            articles: &self.articles,
            glossary: &self.site.glossary,
            statics: &statics,
        };
        let paths: Vec<&str> = self.files.keys().map(String::as_str).collect();
        let generated = crate::output::generated_files(&publish, &paths, warnings);
        for file in generated {
            self.files.insert(file.path, Arc::from(file.bytes));
        }
    }

    /// The loaded site.
    pub fn site(&self) -> &Site {
        &self.site
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

    /// Writing-hint JSON for each article, by slug.
    pub fn hints(&self) -> &HashMap<String, Arc<str>> {
        &self.hints
    }

    /// Warnings of the last full build.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Rebuild after `changes`. On failure the preview keeps the last good site unchanged.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Applied, Failed> {
        let before_files = self.files.clone();
        let before_statics = self.statics.clone();
        let mut applied =
            if changes.contains(&Change::Full) { self.rebuild_full()? } else { self.apply_partial(changes)? };
        applied.outcome = outcome(&before_files, &self.files, &before_statics, &self.statics);
        Ok(applied)
    }

    fn rebuild_full(&mut self) -> Result<Applied, Failed> {
        let fresh = Preview::build(&self.options)?;
        *self = fresh;
        Ok(Applied {
            outcome: Outcome::Reload,
            warnings: self.warnings.clone(),
            full: true,
            processed: self.articles.len(),
            rendered: self.files.len(),
        })
    }

    fn apply_partial(&mut self, changes: &[Change]) -> Result<Applied, Failed> {
        let theme_changed = changes.contains(&Change::Theme);
        let new_theme = if theme_changed || changes.contains(&Change::Static) {
            let name = self.options.theme.clone().unwrap_or_else(|| self.site.config.theme.clone());
            let (theme, _warnings) = Theme::load(&self.site.root, &name, &self.site.config.theme_settings)?;
            Some(theme)
        } else {
            None
        };

        // Pages to process again, and the seeds to swap in first.
        let mut page_paths: BTreeSet<PathBuf> = BTreeSet::new();
        let mut new_pages: HashMap<PathBuf, Page> = HashMap::new();
        let mut new_seeds = HashMap::new();
        let mut warnings = Vec::new();
        for change in changes {
            match change {
                Change::Page(path) => {
                    let Some(old) = self.site.pages.iter().find(|p| &p.path == path) else {
                        // A page that was not there before (new, or no longer a draft).
                        return self.rebuild_full();
                    };
                    if !self.site.root.join(path).is_file() {
                        return self.rebuild_full();
                    }
                    let text = read_text(&self.site.root, path)?;
                    let page = Page::parse(&text, path).map_err(Failed)?;
                    let seed_known = page.front.seed.as_ref().is_none_or(|s| self.site.seeds.contains_key(s));
                    if page.slug != old.slug || (page.front.draft && !self.options.drafts) || !seed_known {
                        return self.rebuild_full();
                    }
                    page_paths.insert(path.clone());
                    new_pages.insert(path.clone(), page);
                }
                Change::Seed(name) => {
                    let users: Vec<PathBuf> = self
                        .site
                        .pages
                        .iter()
                        .filter(|p| p.front.seed.as_deref() == Some(name.as_str()))
                        .map(|p| p.path.clone())
                        .collect();
                    if users.is_empty() {
                        continue;
                    }
                    match read_seed(&self.site.root, name) {
                        Ok((seed, warning)) => {
                            warnings.extend(warning);
                            new_seeds.insert(name.clone(), seed);
                            page_paths.extend(users);
                        }
                        // The full build words seed problems with the page's line; let it.
                        Err(_) => return self.rebuild_full(),
                    }
                }
                Change::Theme | Change::Static | Change::Full => {}
            }
        }

        // Process the pages again against the site as it will be, before changing anything.
        let site = site_with(&self.site, &new_pages, new_seeds);
        let processed = if page_paths.is_empty() {
            Vec::new()
        } else {
            let shared = shared(&site, self.rewriter.as_ref(), &self.links, &self.options);
            let pages: Vec<&Page> = site.pages.iter().filter(|p| page_paths.contains(&p.path)).collect();
            process_pages(&site, &pages, &shared, &mut warnings)?
        };

        // Nothing below changes `self` until rendering has succeeded.
        let theme = new_theme.as_ref().unwrap_or(&self.theme);
        let old_faces: HashMap<String, Face> = processed
            .iter()
            .filter_map(|a| {
                self.articles.iter().find(|o| o.slug == a.slug).map(|o| (a.slug.clone(), Face::of(o)))
            })
            .collect();
        let old_related: HashMap<String, Vec<String>> = self
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (a.slug.clone(), self.related[i].iter().map(|&j| self.articles[j].slug.clone()).collect())
            })
            .collect();
        let mut articles = self.articles.clone();
        let changed: HashSet<String> = processed.iter().map(|a| a.slug.clone()).collect();
        for article in processed {
            if let Some(slot) = articles.iter_mut().find(|a| a.slug == article.slug) {
                *slot = article;
            }
        }
        sort_articles(&mut articles);

        let new_faces: HashMap<&str, Face> = articles
            .iter()
            .filter(|a| changed.contains(&a.slug))
            .map(|a| (a.slug.as_str(), Face::of(a)))
            .collect();
        let relating_inputs_changed = new_faces.iter().any(|(slug, new)| {
            old_faces.get(*slug).is_none_or(|old| {
                old.title != new.title || old.topics != new.topics || old.sorted_terms() != new.sorted_terms()
            })
        });
        let related = if relating_inputs_changed {
            all_related(&articles, site.glossary.entries.len())
        } else {
            let index: HashMap<&str, usize> =
                articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
            articles
                .iter()
                .map(|a| {
                    old_related
                        .get(&a.slug)
                        .map(|list| list.iter().filter_map(|s| index.get(s.as_str()).copied()).collect())
                        .unwrap_or_default()
                })
                .collect()
        };

        let model = SiteModel::with_related(&site.config, &articles, &site.glossary, related.clone());
        let topic_nav = nav_of(&model);
        let dirty: Vec<usize> = if theme_changed || topic_nav != self.topic_nav {
            (0..articles.len()).collect()
        } else if changed.is_empty() {
            Vec::new()
        } else {
            // Related-article cards show title, summary, grade and topics (glossary back-links
            // are on the glossary page only, which is re-rendered with the index pages).
            let card_changed: HashSet<&str> = new_faces
                .iter()
                .filter(|(slug, new)| {
                    old_faces.get(**slug).is_none_or(|old| {
                        old.title != new.title
                            || old.summary != new.summary
                            || old.grade != new.grade
                            || old.topics != new.topics
                    })
                })
                .map(|(slug, _)| *slug)
                .collect();
            (0..articles.len())
                .filter(|&j| {
                    let a = &articles[j];
                    let now: Vec<&str> = related[j].iter().map(|&k| articles[k].slug.as_str()).collect();
                    changed.contains(&a.slug)
                        || old_related
                            .get(&a.slug)
                            .is_none_or(|was| was.iter().map(String::as_str).ne(now.iter().copied()))
                        || now.iter().any(|s| card_changed.contains(s))
                })
                .collect()
        };
        let index_pages = !dirty.is_empty() || theme_changed;
        // A topic page shows the cards of its articles: only the topics an edited page had
        // or has now can have changed (a change to the topic list itself re-renders all).
        let which = if theme_changed || topic_nav != self.topic_nav {
            IndexPages::All
        } else {
            let mut slugs = BTreeSet::new();
            for slug in &changed {
                for face in [old_faces.get(slug.as_str()), new_faces.get(slug.as_str())].into_iter().flatten()
                {
                    slugs.extend(face.topics.iter().map(|t| crate::slug::slugify(t)));
                }
            }
            IndexPages::Topics(slugs)
        };
        let mut rendered = if index_pages {
            render_selected(&model, theme, &self.render_options, &dirty, &which).map_err(Failed)?
        } else {
            Vec::new()
        };
        drop(model);
        if site.config.minify {
            crate::output::minify_pages(&mut rendered);
        }

        let rendered_count = rendered.len();
        for file in rendered {
            self.files.insert(file.path, Arc::from(file.bytes));
        }
        for article in articles.iter().filter(|a| changed.contains(&a.slug)) {
            self.hints.insert(article.slug.clone(), Arc::from(super::hints::page_hints(article)));
        }
        if let Some(theme) = new_theme {
            self.statics = statics_of(&theme);
            self.theme = theme;
        }
        self.site = site;
        self.articles = articles;
        self.related = related;
        self.topic_nav = topic_nav;
        if index_pages {
            // The warning that sitemap and feed were skipped was said by the first build.
            self.refresh_generated(&mut Vec::new());
        }
        Ok(Applied {
            outcome: Outcome::Reload,
            warnings,
            full: false,
            processed: changed.len(),
            rendered: rendered_count,
        })
    }
}

/// A copy of the site with edited pages and seeds swapped in.
fn site_with(
    site: &Site,
    pages: &HashMap<PathBuf, Page>,
    seeds: HashMap<String, crate::load::SeedText>,
) -> Site {
    let mut site = site.clone();
    for page in &mut site.pages {
        if let Some(new) = pages.get(&page.path) {
            *page = new.clone();
        }
    }
    site.seeds.extend(seeds);
    site
}

fn nav_of(model: &SiteModel) -> Vec<(String, String)> {
    model.topics.iter().map(|t| (t.name.clone(), t.slug.clone())).collect()
}

fn statics_of(theme: &Theme) -> HashMap<String, Arc<[u8]>> {
    theme.static_files.iter().map(|f| (f.output_path.clone(), Arc::from(f.bytes.clone()))).collect()
}

/// Compare two versions of the served files to pick the cheapest browser update.
fn outcome(
    files_before: &HashMap<String, Arc<[u8]>>,
    files_after: &HashMap<String, Arc<[u8]>>,
    statics_before: &HashMap<String, Arc<[u8]>>,
    statics_after: &HashMap<String, Arc<[u8]>>,
) -> Outcome {
    let mut changed = changed_paths(files_before, files_after);
    changed.extend(changed_paths(statics_before, statics_after));
    if changed.is_empty() {
        Outcome::Unchanged
    } else if changed.iter().all(|p| p.ends_with(".css")) {
        Outcome::Css
    } else {
        Outcome::Reload
    }
}

fn changed_paths<'a>(
    before: &'a HashMap<String, Arc<[u8]>>,
    after: &'a HashMap<String, Arc<[u8]>>,
) -> Vec<&'a str> {
    let mut out: Vec<&str> = after
        .iter()
        .filter(|(path, bytes)| {
            before.get(*path).is_none_or(|old| !Arc::ptr_eq(old, bytes) && old[..] != bytes[..])
        })
        .map(|(path, _)| path.as_str())
        .collect();
    out.extend(before.keys().filter(|p| !after.contains_key(*p)).map(String::as_str));
    out
}

/// Which kind of change a site-relative path is, or None for files the build never reads.
pub fn classify(rel: &Path) -> Option<Change> {
    let text = rel.to_string_lossy().replace('\\', "/");
    let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if crate::load::is_editor_temp(&name) {
        return None;
    }
    if text == crate::load::SITE_FILE || text == crate::load::GLOSSARY_FILE {
        return Some(Change::Full);
    }
    if let Some(inside) = text.strip_prefix("content/") {
        let _ = inside;
        return if text.ends_with(".md") { Some(Change::Page(PathBuf::from(text))) } else { None };
    }
    if text == "content" {
        return Some(Change::Full);
    }
    if let Some(seed) = text.strip_prefix("seeds/") {
        return if seed.contains('/') { None } else { Some(Change::Seed(seed.to_string())) };
    }
    if text.starts_with("static/")
        || (text.starts_with("themes/") && text.split('/').nth(2) == Some("static"))
    {
        return Some(Change::Static);
    }
    if text.starts_with("templates/")
        || text.starts_with("themes/")
        || text == "templates"
        || text == "themes"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::render_in_memory;

    /// A copy of the bundled site in a temporary folder.
    fn site_copy() -> (tempfile::TempDir, BuildOptions) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in ["site.yaml", "content", "seeds", "themes"] {
            copy_tree(&from.join(entry), &dir.path().join(entry));
        }
        let options = BuildOptions {
            root: dir.path().to_path_buf(),
            preview: true,
            allow_stale: true,
            prose_checks: false,
            ..Default::default()
        };
        (dir, options)
    }

    fn copy_tree(from: &Path, to: &Path) {
        if from.is_file() {
            std::fs::copy(from, to).unwrap();
            return;
        }
        for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
            let target = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    }

    fn edit(root: &Path, rel: &str, find: &str, replace: &str) {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(find), "{rel} has no {find:?}");
        std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
    }

    /// The preview's files must equal a fresh full render, byte for byte.
    fn assert_same_as_full(preview: &Preview, options: &BuildOptions) {
        let full = render_in_memory(options).unwrap();
        let full_files: HashMap<&str, &[u8]> =
            full.files.iter().map(|f| (f.path.as_str(), &f.bytes[..])).collect();
        assert_eq!(
            full_files.keys().copied().collect::<BTreeSet<&str>>(),
            preview.files().keys().map(String::as_str).collect::<BTreeSet<&str>>(),
            "same file list"
        );
        for (path, bytes) in &full_files {
            let mine = &preview.files()[*path];
            assert!(&mine[..] == *bytes, "{path} differs from a full render");
        }
        let statics: HashMap<&str, &[u8]> =
            full.statics.iter().map(|f| (f.output_path.as_str(), &f.bytes[..])).collect();
        assert_eq!(statics.len(), preview.statics().len());
        for (path, bytes) in statics {
            assert!(&preview.statics()[path][..] == bytes, "{path} differs");
        }
    }

    const BASICS: &str = "content/gene-therapy-basics.md";

    #[test]
    fn incremental_rebuilds_equal_full_renders() {
        let (dir, options) = site_copy();
        let root = dir.path();
        let mut preview = Preview::build(&options).unwrap();
        assert_same_as_full(&preview, &options);

        // A body-only edit: one page processed, a few rendered.
        let text = std::fs::read_to_string(root.join(BASICS)).unwrap();
        std::fs::write(
            root.join(BASICS),
            format!("{text}\nAsk your care team about your genes and your treatment plan.\n"),
        )
        .unwrap();
        let applied = preview.apply(&[Change::Page(BASICS.into())]).unwrap();
        assert!(!applied.full && applied.processed == 1, "{applied:?}");
        assert_eq!(applied.outcome, Outcome::Reload);
        assert_same_as_full(&preview, &options);

        // A title edit moves the page in every list.
        edit(root, BASICS, "title: \"Gene therapy: what it is", "title: \"Zebra gene therapy: what it is");
        preview.apply(&[Change::Page(BASICS.into())]).unwrap();
        assert_same_as_full(&preview, &options);

        // A new topic changes the navigation on every page.
        edit(
            root,
            BASICS,
            "topics: [gene therapy, clinical trials]",
            "topics: [gene therapy, clinical trials, brand new topic]",
        );
        preview.apply(&[Change::Page(BASICS.into())]).unwrap();
        assert_same_as_full(&preview, &options);

        // A summary edit shows on cards.
        edit(root, BASICS, "summary: Gene therapy changes", "summary: Gene therapy can change");
        preview.apply(&[Change::Page(BASICS.into())]).unwrap();
        assert_same_as_full(&preview, &options);
    }

    #[test]
    fn seeds_templates_statics_and_deletions_equal_full_renders() {
        let (dir, options) = site_copy();
        let root = dir.path();
        let mut preview = Preview::build(&options).unwrap();

        let seed = root.join("seeds/003_6c4427eec06df93d.txt");
        let text = std::fs::read_to_string(&seed).unwrap();
        std::fs::write(&seed, text + "\nA new closing line about genes.\n").unwrap();
        let applied = preview.apply(&[Change::Seed("003_6c4427eec06df93d.txt".into())]).unwrap();
        assert!(applied.processed >= 1 && !applied.full, "{applied:?}");
        assert_same_as_full(&preview, &options);

        edit(
            root,
            "themes/clinic/templates/article.html",
            "<h1>{{ page.title }}</h1>",
            "<h1 class=\"t\">{{ page.title }}</h1>",
        );
        preview.apply(&[Change::Theme]).unwrap();
        assert_same_as_full(&preview, &options);

        edit(root, "themes/clinic/static/css/style.css", "{", "{ ");
        let applied = preview.apply(&[Change::Static]).unwrap();
        assert_eq!(applied.outcome, Outcome::Css);
        assert_same_as_full(&preview, &options);

        std::fs::remove_file(root.join(BASICS)).unwrap();
        let applied = preview.apply(&[Change::Page(BASICS.into())]).unwrap();
        assert!(applied.full);
        assert_same_as_full(&preview, &options);
    }

    #[test]
    fn a_failed_rebuild_keeps_the_last_good_site() {
        let (dir, options) = site_copy();
        let root = dir.path();
        let mut preview = Preview::build(&options).unwrap();
        let before = preview.files().clone();
        edit(
            root,
            BASICS,
            "topics: [gene therapy, clinical trials]",
            "topics: [gene therapy, clinical trials",
        );
        let err = preview.apply(&[Change::Page(BASICS.into())]).unwrap_err();
        assert!(err.to_string().contains("content/gene-therapy-basics.md:"), "{err}");
        assert_eq!(preview.files().len(), before.len());
        assert!(preview.files().iter().all(|(k, v)| before[k][..] == v[..]));
        edit(
            root,
            BASICS,
            "topics: [gene therapy, clinical trials",
            "topics: [gene therapy, clinical trials]",
        );
        preview.apply(&[Change::Page(BASICS.into())]).unwrap();
        assert_same_as_full(&preview, &options);
    }

    #[test]
    fn classifies_site_paths() {
        assert_eq!(classify(Path::new("site.yaml")), Some(Change::Full));
        assert_eq!(classify(Path::new("content/glossary.yaml")), Some(Change::Full));
        assert_eq!(classify(Path::new("content/a.md")), Some(Change::Page(PathBuf::from("content/a.md"))));
        assert_eq!(classify(Path::new("content/.a.md.swp")), None);
        assert_eq!(classify(Path::new("content/a.md~")), None);
        assert_eq!(classify(Path::new("seeds/001.txt")), Some(Change::Seed("001.txt".into())));
        assert_eq!(classify(Path::new("themes/clinic/templates/base.html")), Some(Change::Theme));
        assert_eq!(classify(Path::new("themes/clinic/static/css/style.css")), Some(Change::Static));
        assert_eq!(classify(Path::new("static/logo.png")), Some(Change::Static));
        assert_eq!(classify(Path::new("templates/article.html")), Some(Change::Theme));
        assert_eq!(classify(Path::new("public/index.html")), None);
        assert_eq!(classify(Path::new("notes.txt")), None);
    }
}

//! The live site's rebuild: keep the last good site in memory and, on a change, redo only
//! what depends on it. A content page edit re-processes that page alone and re-renders it plus
//! the pages that show something of it; a seed edit re-processes the pages using that seed; a
//! template or theme edit re-renders every page from the kept articles; `site.yaml`, the
//! glossary, new, deleted or renamed pages rebuild everything. After any rebuild the pages equal
//! what a full [`crate::pipeline::render_in_memory`] produces (tests check this byte for byte).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::stages::{
    content_links, prepare, process_pages, shared, site_rewriter, transform, BuildOptions, Prepared,
};
use super::{merge, Lap, StageClock};
use crate::article::list_key;
use crate::article::Article;
use crate::content::Page;
use crate::error::{Diagnostic, Failed};
use crate::load::{read_seed, read_text, SeedText, Site};
use crate::output::search::SearchIndex;
use crate::plain::rewrite::Rewriter;
use crate::render::{
    az_split, home_cards_per_topic, render_selected, update_related, EditedArticle, IndexPages,
    IndexSelection, ModelParts, RenderOptions, SiteModel,
};
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
    parts: ModelParts,
    search: SearchIndex,
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

/// What a page shows of itself on other pages (cards, related lists, the glossary, the A-Z
/// list, the feed and the sitemap), to tell which other pages an edit reaches.
#[derive(Debug, Clone, PartialEq)]
struct Face {
    title: String,
    summary: Option<String>,
    grade: String,
    topics: Vec<String>,
    terms: BTreeSet<usize>,
    also_known_as: Vec<String>,
    updated: Option<jiff::civil::Date>,
    published: Option<jiff::civil::Date>,
}

impl Face {
    fn of(a: &Article) -> Face {
        Face {
            title: a.title.clone(),
            summary: a.summary.clone(),
            grade: crate::plain::prose::grade_text(a.readability.flesch_kincaid_grade),
            topics: a.topics.clone(),
            terms: a.terms_used.iter().copied().collect(),
            also_known_as: a.also_known_as.clone(),
            updated: crate::output::feed::article_updated(a),
            published: a.published,
        }
    }

    /// What an article card shows (home, topic pages, related lists).
    fn card_differs(&self, other: &Face) -> bool {
        self.title != other.title
            || self.summary != other.summary
            || self.grade != other.grade
            || self.topics != other.topics
    }

    /// What related lists are computed from.
    fn relating_differs(&self, other: &Face) -> bool {
        self.title != other.title || self.topics != other.topics || self.terms != other.terms
    }

    /// What the feed and the sitemap show.
    fn feed_differs(&self, other: &Face) -> bool {
        self.title != other.title
            || self.summary != other.summary
            || self.topics != other.topics
            || self.updated != other.updated
            || self.published != other.published
    }
}

/// One edited article: where it is now, and how it looked before and after.
struct Edit {
    index: usize,
    old: Face,
    new: Face,
}

/// Pages and seeds read from disk for a partial rebuild.
struct Inputs {
    paths: BTreeSet<PathBuf>,
    pages: Vec<Page>,
    seeds: HashMap<String, SeedText>,
}

/// What a partial rebuild replaced, to put back when it fails.
struct Undo {
    pages: Vec<Page>,
    seeds: Vec<(String, Option<SeedText>)>,
}

impl LiveSite {
    /// Build the whole site in memory, as `render_in_memory` does, keeping the pieces.
    pub fn build(options: &BuildOptions) -> Result<LiveSite, Failed> {
        let Prepared { site, theme, base_url, mut warnings } = prepare(options)?;
        let articles = transform(&site, options, &mut warnings)?;
        let render_options = RenderOptions { base_url, preview: options.preview };
        let model = SiteModel::new(&site.config, &articles, &site.glossary);
        let all: Vec<usize> = (0..articles.len()).collect();
        let mut rendered =
            render_selected(&model, &theme, &render_options, &all, &IndexPages::All).map_err(Failed)?;
        let parts = model.into_parts();
        if site.config.minify {
            crate::output::minify_pages(&mut rendered);
        }
        let search = SearchIndex::new(&articles, &site.glossary);
        rendered.extend(search.files());
        let statics = statics_of(&theme);
        let hints = articles.par_iter().map(|a| (a.slug.clone(), hints_of(a))).collect();
        let mut preview = LiveSite {
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
            warnings: Vec::new(),
        };
        for file in preview.address_files(&mut warnings) {
            preview.files.insert(file.path, Arc::from(file.bytes));
        }
        preview.warnings = warnings;
        Ok(preview)
    }

    /// Sitemap, robots.txt and feed (made only with a base URL), as `build` makes them.
    fn address_files(&self, warnings: &mut Vec<Diagnostic>) -> Vec<crate::output::OutputFile> {
        let publish = crate::output::PublishContext {
            config: &self.site.config,
            base_url: self.render_options.base_url.as_deref(),
            articles: &self.articles,
            glossary: &self.site.glossary,
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

    /// Read the changed pages and seeds; None when the change needs a full rebuild (a page
    /// added, removed, renamed or turned into a draft, or a seed the build cannot read).
    fn read_inputs(
        &self,
        changes: &[Change],
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Option<Inputs>, Failed> {
        let mut inputs = Inputs { paths: BTreeSet::new(), pages: Vec::new(), seeds: HashMap::new() };
        for change in changes {
            match change {
                Change::Page(path) => {
                    let Some(old) = self.site.pages.iter().find(|p| same_path(&p.path, path)) else {
                        return Ok(None);
                    };
                    if !self.site.root.join(path).is_file() {
                        return Ok(None);
                    }
                    let text = read_text(&self.site.root, path)?;
                    let page = Page::parse(&text, path).map_err(Failed)?;
                    let seed_known = page.front.seed.as_ref().is_none_or(|s| self.site.seeds.contains_key(s));
                    if page.slug != old.slug || (page.front.draft && !self.options.drafts) || !seed_known {
                        return Ok(None);
                    }
                    inputs.paths.insert(path.clone());
                    inputs.pages.push(page);
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
                            inputs.seeds.insert(name.clone(), seed);
                            inputs.paths.extend(users);
                        }
                        // The full build words seed problems with the page's line; let it.
                        Err(_) => return Ok(None),
                    }
                }
                Change::Theme | Change::Static | Change::Full => {}
            }
        }
        Ok(Some(inputs))
    }

    /// Put new pages and seeds into the site, returning what they replaced.
    fn swap_inputs(&mut self, pages: Vec<Page>, seeds: HashMap<String, SeedText>) -> Undo {
        let mut undo = Undo { pages: Vec::new(), seeds: Vec::new() };
        for page in pages {
            if let Some(slot) = self.site.pages.iter_mut().find(|p| same_path(&p.path, &page.path)) {
                undo.pages.push(std::mem::replace(slot, page));
            }
        }
        for (name, seed) in seeds {
            let old = self.site.seeds.insert(name.clone(), seed);
            undo.seeds.push((name, old));
        }
        undo
    }

    fn restore_inputs(&mut self, undo: Undo) {
        self.swap_inputs(undo.pages, HashMap::new());
        for (name, old) in undo.seeds {
            match old {
                Some(seed) => self.site.seeds.insert(name, seed),
                None => self.site.seeds.remove(&name),
            };
        }
    }

    /// Put processed articles in place of their old versions (same slugs), keeping the list
    /// in site order; returns the old versions.
    fn swap_articles(&mut self, articles: Vec<Article>) -> Vec<Article> {
        let mut old = Vec::with_capacity(articles.len());
        for article in articles {
            let Some(at) = self.articles.iter().position(|a| a.slug == article.slug) else { continue };
            let retitled = self.articles[at].title != article.title;
            old.push(std::mem::replace(&mut self.articles[at], article));
            if retitled {
                self.move_into_place(at);
            }
        }
        old
    }

    /// Move the article at `at` (just retitled) to where the site order puts it, as
    /// [`crate::article::sort_articles`] would, and renumber the related lists to match: only the articles
    /// between its old and new place shift by one.
    fn move_into_place(&mut self, at: usize) {
        let article = self.articles.remove(at);
        let key = list_key(&article);
        let to = self.articles.partition_point(|a| list_key(a) < key);
        self.articles.insert(to, article);
        let moved = |k: usize| match k {
            k if k == at => to,
            k if at < to && k > at && k <= to => k - 1,
            k if to < at && k >= to && k < at => k + 1,
            k => k,
        };
        let related = &mut self.parts.related;
        let list = related.remove(at);
        related.insert(to, list);
        for list in related.iter_mut() {
            for j in list.iter_mut() {
                *j = moved(*j);
            }
        }
    }

    fn apply_partial(&mut self, changes: &[Change]) -> Result<Applied, Failed> {
        let mut clock = StageClock::start();
        let theme_changed = changes.contains(&Change::Theme);
        let new_theme = if theme_changed || changes.contains(&Change::Static) {
            let name = self.options.theme.clone().unwrap_or_else(|| self.site.config.theme.clone());
            let (theme, _warnings) = Theme::load(&self.site.root, &name, &self.site.config.theme_settings)?;
            Some(theme)
        } else {
            None
        };
        // A theme whose A-Z list splits differently makes or drops letter pages: start over.
        if new_theme
            .as_ref()
            .is_some_and(|t| az_split(t, self.articles.len()) != az_split(&self.theme, self.articles.len()))
        {
            return self.rebuild_full();
        }
        let mut warnings = Vec::new();
        let Some(inputs) = self.read_inputs(changes, &mut warnings)? else {
            return self.rebuild_full();
        };
        clock.lap("read changes");

        // New inputs go in now; every failure below puts the old ones back.
        let paths = inputs.paths;
        let undo = self.swap_inputs(inputs.pages, inputs.seeds);
        let processed = if paths.is_empty() {
            Ok(Vec::new())
        } else {
            let shared = shared(&self.site, self.rewriter.as_ref(), &self.links, &self.options);
            let pages: Vec<&Page> =
                self.site.pages.iter().filter(|p| paths.iter().any(|q| same_path(&p.path, q))).collect();
            process_pages(&self.site, &pages, &shared, &mut warnings)
        };
        let processed = match processed {
            Ok(processed) => processed,
            Err(e) => {
                self.restore_inputs(undo);
                return Err(e);
            }
        };
        clock.lap("process");

        let related_before = self.parts.related.clone();
        let old_articles = self.swap_articles(processed);
        let edits: Vec<Edit> = old_articles
            .iter()
            .filter_map(|old| {
                let index = self.articles.iter().position(|a| a.slug == old.slug)?;
                Some(Edit { index, old: Face::of(old), new: Face::of(&self.articles[index]) })
            })
            .collect();
        let rendered = self.render_edits(&edits, new_theme.as_ref(), theme_changed);
        let (rendered, parts, gone) = match rendered {
            Ok(done) => done,
            Err(e) => {
                // Back to the last good site: old articles (and their order), lists and inputs.
                self.swap_articles(old_articles);
                self.parts.related = related_before;
                self.restore_inputs(undo);
                return Err(e);
            }
        };
        clock.lap(&format!("render {} pages", rendered.len()));

        // Everything below succeeds; the live site now moves to the new version.
        let mut changed = BTreeMap::new();
        let rendered_count = rendered.len();
        for file in rendered {
            self.put(file, &mut changed);
        }
        self.parts = parts;
        for edit in &edits {
            let article = &self.articles[edit.index];
            self.hints.insert(article.slug.clone(), hints_of(article));
        }
        for edit in &edits {
            self.search.update_article(&self.articles[edit.index], &self.site.glossary);
        }
        let search = self.search.changed_files();
        for file in search.files {
            self.put(file, &mut changed);
        }
        let mut removed = Vec::new();
        for path in search.removed.into_iter().chain(gone) {
            if self.files.remove(&path).is_some() {
                removed.push(path);
            }
        }
        removed.sort();
        clock.lap("search index");
        if self.render_options.base_url.is_some() && edits.iter().any(|e| e.old.feed_differs(&e.new)) {
            // The warning that they need a base URL was said by the first build.
            for file in self.address_files(&mut Vec::new()) {
                self.put(file, &mut changed);
            }
        }
        if let Some(theme) = new_theme {
            let statics = statics_of(&theme);
            for path in changed_paths(&self.statics, &statics) {
                let old = self.statics.get(&path).cloned();
                changed.entry(path).or_insert(old);
            }
            // A static file deleted from the theme or the site (a page of that name stays).
            removed.extend(
                self.statics
                    .keys()
                    .filter(|p| !statics.contains_key(*p) && !self.files.contains_key(*p))
                    .cloned(),
            );
            removed.sort();
            self.statics = statics;
            self.theme = theme;
        }
        let previous: HashMap<String, Arc<[u8]>> =
            changed.iter().filter_map(|(path, old)| Some((path.clone(), old.clone()?))).collect();
        let changed: Vec<String> = changed.into_keys().collect();
        clock.lap("store");
        Ok(Applied {
            outcome: outcome_of(&changed, &removed),
            warnings,
            full: false,
            processed: edits.len(),
            rendered: rendered_count,
            changed,
            removed,
            edited: edits.iter().map(|e| self.articles[e.index].slug.clone()).collect(),
            previous,
            timings: clock.laps,
        })
    }

    /// Store a file, noting its path (with the bytes it replaced) when its bytes changed.
    fn put(&mut self, file: crate::output::OutputFile, changed: &mut BTreeMap<String, Option<Arc<[u8]>>>) {
        if self.files.get(&file.path).is_none_or(|old| old[..] != file.bytes[..]) {
            let old = self.files.insert(file.path.clone(), Arc::from(file.bytes));
            changed.entry(file.path).or_insert(old);
        }
    }

    /// Render what the edits (and a new theme) reach, with the articles already in place:
    /// the edited pages, pages whose related list changed or shows an edited card, and the
    /// index pages that show something that changed. Returns the files and the model parts.
    fn render_edits(
        &mut self,
        edits: &[Edit],
        new_theme: Option<&Theme>,
        theme_changed: bool,
    ) -> Result<(Vec<crate::output::OutputFile>, ModelParts, Vec<String>), Failed> {
        let glossary_len = self.site.glossary.entries.len();
        let mut related = self.parts.related.clone();
        let relating: Vec<EditedArticle> = edits
            .iter()
            .filter(|e| e.old.relating_differs(&e.new))
            .map(|e| EditedArticle {
                index: e.index,
                old_topics: e.old.topics.clone(),
                old_terms: e.old.terms.iter().copied().collect(),
            })
            .collect();
        let relisted = if relating.is_empty() {
            Vec::new()
        } else {
            update_related(&self.articles, glossary_len, &mut related, &relating)
        };
        let old_topics = &self.parts.topics;
        let model = if relating.is_empty() {
            let parts =
                ModelParts { topics: old_topics.clone(), term_pages: self.parts.term_pages.clone(), related };
            SiteModel::from_parts(&self.site.config, &self.articles, &self.site.glossary, parts)
        } else {
            SiteModel::with_related(&self.site.config, &self.articles, &self.site.glossary, related)
        };
        let theme = new_theme.unwrap_or(&self.theme);
        let nav_changed = model.topics.len() != old_topics.len()
            || model.topics.iter().zip(old_topics).any(|(a, b)| a.name != b.name || a.slug != b.slug);

        let (dirty, which) = if theme_changed || nav_changed {
            ((0..self.articles.len()).collect::<Vec<usize>>(), IndexPages::All)
        } else {
            let carded: Vec<usize> =
                edits.iter().filter(|e| e.old.card_differs(&e.new)).map(|e| e.index).collect();
            let mut dirty: BTreeSet<usize> = edits.iter().map(|e| e.index).collect();
            dirty.extend(relisted);
            if !carded.is_empty() {
                dirty.extend(
                    (0..self.articles.len()).filter(|&y| model.related[y].iter().any(|j| carded.contains(j))),
                );
            }
            let shown_on_home = home_cards_per_topic(theme);
            let on_home = |topics: &[crate::render::Topic], x: usize| {
                topics.iter().any(|t| t.articles.iter().take(shown_on_home).any(|&i| i == x))
            };
            let mut chosen = IndexSelection::default();
            for e in edits {
                let card = e.old.card_differs(&e.new);
                let reordered = e.old.title != e.new.title || e.old.topics != e.new.topics;
                // Pages with no topic are listed on the home page under "Other pages".
                let untopical = e.old.topics.is_empty() || e.new.topics.is_empty();
                chosen.home |= reordered
                    || (card
                        && (untopical || on_home(&model.topics, e.index) || on_home(old_topics, e.index)));
                if card || reordered {
                    chosen
                        .topics
                        .extend(e.old.topics.iter().chain(&e.new.topics).map(|t| crate::slug::slugify(t)));
                }
                chosen.glossary |= e.old.title != e.new.title || e.old.terms != e.new.terms;
                if e.old.title != e.new.title || e.old.also_known_as != e.new.also_known_as {
                    chosen.az = true;
                    if az_split(theme, self.articles.len()) {
                        // "Other name — see Title" lines show the title under their own letter.
                        let names = [&e.old.title, &e.new.title]
                            .into_iter()
                            .chain(&e.old.also_known_as)
                            .chain(&e.new.also_known_as);
                        chosen.az_letters.extend(names.map(|n| crate::output::az::letter_id(n)));
                        chosen.az_existing = self
                            .files
                            .keys()
                            .filter_map(|p| p.strip_prefix("a-z/")?.strip_suffix("/index.html"))
                            .map(|letter| format!("az-{letter}"))
                            .collect();
                    }
                }
            }
            let which = if chosen.is_empty() { IndexPages::None } else { IndexPages::Some(chosen) };
            (dirty.into_iter().collect(), which)
        };
        let mut rendered =
            render_selected(&model, theme, &self.render_options, &dirty, &which).map_err(Failed)?;
        if self.site.config.minify {
            crate::output::minify_pages(&mut rendered);
        }
        // A letter of a split A-Z list whose last name went elsewhere has no page any more.
        let mut gone = Vec::new();
        if let IndexPages::Some(chosen) = &which {
            for id in &chosen.az_letters {
                let path = crate::output::az::letter_path(id);
                if self.files.contains_key(&path) && !rendered.iter().any(|f| f.path == path) {
                    gone.push(path);
                }
            }
        }
        Ok((rendered, model.into_parts(), gone))
    }
}

/// Whether two site-relative paths, both made by the loader, are the same file. Comparing
/// the bytes is enough here and far cheaper than `Path`'s component-wise equality, which
/// dominated finding one page among 10,000.
fn same_path(a: &Path, b: &Path) -> bool {
    a.as_os_str() == b.as_os_str()
}

/// The preview's writing hints for one article.
fn hints_of(a: &Article) -> Arc<str> {
    Arc::from(crate::plain::hints::page_hints(
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
    use crate::pipeline::render_in_memory;

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

    /// The live site's files must equal a fresh full render, byte for byte.
    fn assert_same_as_full(preview: &LiveSite, options: &BuildOptions) {
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
        let mut preview = LiveSite::build(&options).unwrap();
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
        let mut preview = LiveSite::build(&options).unwrap();

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

        // A site static file added, then deleted: named as changed, then as removed.
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/handout-note.txt"), "Bring this page.").unwrap();
        let applied = preview.apply(&[Change::Static]).unwrap();
        assert_eq!(applied.changed, ["handout-note.txt"]);
        std::fs::remove_file(root.join("static/handout-note.txt")).unwrap();
        let applied = preview.apply(&[Change::Static]).unwrap();
        assert_eq!(
            (applied.changed.len(), applied.removed.clone()),
            (0, vec!["handout-note.txt".to_string()])
        );
        assert_eq!(applied.outcome, Outcome::Reload);
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
        let mut preview = LiveSite::build(&options).unwrap();
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

    /// Apply one change, then check it equals a full render and that `changed` names exactly
    /// the files whose bytes changed.
    fn apply_and_check(
        preview: &mut LiveSite,
        options: &BuildOptions,
        change: Change,
        what: &str,
    ) -> Applied {
        let before = preview.files().clone();
        let applied = preview.apply(&[change]).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_same_as_full(preview, options);
        let mut differ: Vec<&str> = preview
            .files()
            .iter()
            .filter(|(path, bytes)| before.get(*path).is_none_or(|old| old[..] != bytes[..]))
            .map(|(path, _)| path.as_str())
            .collect();
        differ.sort_unstable();
        assert_eq!(differ, applied.changed, "{what}: changed files");
        applied
    }

    /// A site of 30 pages (six copies of each bundled page) with small home and glossary
    /// lists and a base URL, so every list page, the feed and the sitemap are in play.
    fn larger_site_copy() -> (tempfile::TempDir, BuildOptions) {
        let (dir, options) = site_copy();
        let root = dir.path().to_path_buf();
        let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
        std::fs::write(
            root.join("site.yaml"),
            format!("{config}base_url: https://clinic.example.org/\ntheme_settings:\n  home_cards_per_topic: 2\n  glossary_backlinks: 2\n  az_one_page_max: 10\n"),
        )
        .unwrap();
        let pages: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        for page in &pages {
            let text = std::fs::read_to_string(page).unwrap();
            let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
            for copy in 1..6 {
                let retitled: String = text
                    .lines()
                    .map(|line| match line.strip_prefix("title: ") {
                        Some(title) => format!("title: \"Part {copy}: {}\"\n", title.replace('"', "")),
                        None => format!("{line}\n"),
                    })
                    .collect();
                std::fs::write(root.join(format!("content/{stem}-{copy}.md")), retitled).unwrap();
            }
        }
        (dir, options)
    }

    #[test]
    fn every_kind_of_page_edit_on_a_larger_site_equals_a_full_render() {
        let (dir, options) = larger_site_copy();
        let root = dir.path();
        let mut preview = LiveSite::build(&options).unwrap();
        assert_same_as_full(&preview, &options);
        let page = "content/gene-therapy-basics-3.md";
        let change = || Change::Page(page.into());
        let text = std::fs::read_to_string(root.join(page)).unwrap();
        let edits: Vec<(&str, String)> = vec![
            (
                "a sentence",
                format!("{text}\nAsk your care team which tests you need before and after treatment.\n"),
            ),
            ("a glossary word", format!("{text}\nYour bone marrow makes new blood cells every day.\n")),
            (
                "the summary",
                text.replacen("summary: Gene therapy changes", "summary: Gene therapy can change", 1),
            ),
            ("the title", text.replacen("title: \"Part 3:", "title: \"Aardvark part 3:", 1)),
            (
                "the topics",
                text.replacen(
                    "topics: [gene therapy, clinical trials]",
                    "topics: [rare diseases, immune system]",
                    1,
                ),
            ),
            (
                "other names",
                text.replacen(
                    "also_known_as: [genetic therapy,",
                    "also_known_as: [zebra therapy, genetic therapy,",
                    1,
                ),
            ),
            ("the review date", text.replacen("reviewed: { on: 2026-11-23", "reviewed: { on: 2026-10-01", 1)),
            ("back as it was", text.clone()),
        ];
        for (what, edited) in edits {
            assert_ne!(std::fs::read_to_string(root.join(page)).unwrap(), edited, "{what} edits the page");
            std::fs::write(root.join(page), &edited).unwrap();
            let applied = apply_and_check(&mut preview, &options, change(), what);
            assert!(!applied.full && applied.processed == 1, "{what}: {applied:?}");
            assert!(applied.rendered < 40, "{what}: {} pages rendered, not the whole site", applied.rendered);
        }
        // Saving the same bytes again changes nothing.
        let applied = apply_and_check(&mut preview, &options, change(), "no edit");
        assert_eq!(applied.outcome, Outcome::Unchanged);
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

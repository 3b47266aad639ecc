//! A partial rebuild: process the edited pages again, then render only what the edits reach
//! (the edited pages, pages whose related list or cards changed, and the index pages that show
//! something that changed), comparing each page's [`Face`] before and after.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::{changed_paths, hints_of, outcome_of, same_path, statics_of, Applied, Change, LiveSite};
use crate::article::Article;
use crate::content::Page;
use crate::error::Failed;
use crate::pipeline::stages::{process_pages, shared};
use crate::pipeline::StageClock;
use crate::render::{
    az_split, home_cards_per_topic, home_topics, nav_topics, render_selected, top_topics, update_related,
    EditedArticle, IndexPages, IndexSelection, ModelParts, SiteModel, Topic,
};
use crate::theme::Theme;

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
    codes: crate::codes::Codes,
    /// The article's JSON Feed item (key points, codes, review dates as well).
    syndicated: serde_json::Value,
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
            codes: a.codes.clone(),
            syndicated: crate::output::feed::json_feed_item(a, "", ""),
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

    /// What the code resolver shows: the page's codes, and its title when it has codes.
    fn codes_differ(&self, other: &Face) -> bool {
        self.codes != other.codes || (!self.codes.is_empty() && self.title != other.title)
    }

    /// What the feed and the sitemap show.
    fn feed_differs(&self, other: &Face) -> bool {
        self.title != other.title
            || self.summary != other.summary
            || self.topics != other.topics
            || self.updated != other.updated
            || self.published != other.published
            || self.syndicated != other.syndicated
    }
}

/// One edited article: where it is now, and how it looked before and after.
struct Edit {
    index: usize,
    old: Face,
    new: Face,
}

impl LiveSite {
    pub(super) fn apply_partial(&mut self, changes: &[Change]) -> Result<Applied, Failed> {
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
            self.hints.insert(article.slug.clone(), hints_of(article, &self.site.config));
        }
        for edit in &edits {
            self.search.update_article(&self.articles[edit.index], &self.site.glossary);
        }
        let search = self.search.changed_files();
        for file in search.files {
            self.put(file, &mut changed);
        }
        let mut gone = gone;
        if edits.iter().any(|e| e.old.codes_differ(&e.new)) {
            let files = crate::output::codes::code_files(&self.site.config, &self.articles);
            let prefix = format!("{}/", crate::output::codes::CODES_DIR);
            // A code no page carries any more loses its page.
            gone.extend(
                self.files
                    .keys()
                    .filter(|p| p.starts_with(&prefix) && *p != "codes/index.html")
                    .filter(|p| !files.iter().any(|f| &f.path == *p))
                    .cloned()
                    .collect::<Vec<String>>(),
            );
            for file in files {
                self.put(file, &mut changed);
            }
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
        // Every page names the most-used topics; a new or lost topic, or a change in which
        // topics are the most used (in the navigation or on the home page), re-renders all.
        let shown = |topics: &[Topic], n: usize| -> Vec<(String, String)> {
            top_topics(topics, n)
                .into_iter()
                .map(|i| (topics[i].name.clone(), topics[i].slug.clone()))
                .collect()
        };
        let nav_changed = model.topics.len() != old_topics.len()
            || model.topics.iter().zip(old_topics).any(|(a, b)| a.name != b.name || a.slug != b.slug)
            || [nav_topics(theme), home_topics(theme)]
                .into_iter()
                .any(|n| shown(&model.topics, n) != shown(old_topics, n));

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
                // The topics index shows how many pages each topic has.
                chosen.topics_index |= e.old.topics != e.new.topics;
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
        if which == IndexPages::All {
            // Every page was rendered: an HTML page not among them (a numbered list page, a
            // letter that lost its last name) is gone. The code resolver's pages are not
            // rendered here: they follow the pages' codes (above).
            let made: BTreeSet<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
            let codes = format!("{}/", crate::output::codes::CODES_DIR);
            gone.extend(
                self.files
                    .keys()
                    .filter(|p| p.ends_with(".html") && !p.starts_with(&codes) && !made.contains(p.as_str()))
                    .cloned(),
            );
        }
        if let IndexPages::Some(chosen) = &which {
            // A letter of a split A-Z list, or a topic, that needs fewer numbered pages now:
            // its later pages go too. Every page of a chosen list was rendered.
            let firsts = chosen
                .az_letters
                .iter()
                .map(|id| crate::output::az::letter_path(id))
                .chain(chosen.topics.iter().map(|slug| format!("topics/{slug}/index.html")));
            let made: BTreeSet<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
            for first in firsts {
                let folder = first.trim_end_matches("index.html");
                let later = format!("{folder}page/");
                gone.extend(
                    self.files
                        .keys()
                        .filter(|p| **p == first || p.starts_with(&later))
                        .filter(|p| !made.contains(p.as_str()))
                        .cloned(),
                );
            }
        }
        Ok((rendered, model.into_parts(), gone))
    }
}

//! A partial rebuild: process the edited pages again, then render only what the edits reach
//! (the edited pages, pages whose related list or cards changed, and the index pages that show
//! something that changed), comparing each page's [`Face`] before and after.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::{changed_paths, hints_of, outcome_of, same_path, statics_of, Applied, Change, LiveSite};
use crate::article::Article;
use crate::content::Page;
use crate::error::Failed;
use crate::output::pairing::Pairing;
use crate::pipeline::stages::{process_pages, shared};
use crate::pipeline::StageClock;
use crate::render::{
    az_split, glossary_backlinks, home_cards_per_topic, home_topics, nav_topics, render_selected, top_topics,
    update_related, EditedArticle, IndexPages, IndexSelection, ModelParts, SiteModel, Topic,
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

/// Whether the glossary page lists the retitled article of `edit` under a term's "Used in",
/// before or after the retitle: each term lists its first `shown` pages in list order, and
/// the others keep their order, so only this article's place can change what a list shows.
/// On a large site most retitles change no such list, and the glossary page is the biggest
/// page to render again.
fn listed_in_glossary(model: &SiteModel, edit: &Edit, shown: usize) -> bool {
    let article = &model.articles[edit.index];
    let old_key = (article.language.as_str(), edit.old.title.to_lowercase(), article.slug.as_str());
    edit.new.terms.iter().any(|&t| {
        let Some(pages) = model.term_pages.get(t) else { return false };
        if pages[..shown.min(pages.len())].contains(&edit.index) {
            return true;
        }
        // Before, it came before the last page the list shows now (or the list was short).
        let others: Vec<usize> = pages.iter().copied().filter(|&i| i != edit.index).take(shown).collect();
        others.len() < shown
            || others.last().is_some_and(|&last| {
                let a = &model.articles[last];
                old_key < (a.language.as_str(), a.title.to_lowercase(), a.slug.as_str())
            })
    })
}

/// One language of the live site: its place in `languages:` and where its pages are in the
/// site's sorted list (empty for a language with no pages yet).
struct LanguageRun {
    position: usize,
    language: String,
    range: std::ops::Range<usize>,
}

/// Pages of one language that show something of an edited page of another language: the
/// paired versions of a retitled page (the switcher and JSON-LD name its title), and the home
/// page when it lists the retitled page as "not in this language yet". Indexes are into the
/// language's own run.
#[derive(Debug, Clone, Default)]
struct Elsewhere {
    articles: BTreeSet<usize>,
    home: bool,
}

/// What one language's partial render made.
struct LanguageRender {
    files: Vec<crate::output::OutputFile>,
    parts: ModelParts,
    gone: Vec<String>,
}

impl LiveSite {
    pub(super) fn apply_partial(&mut self, changes: &[Change]) -> Result<Applied, Failed> {
        let mut clock = StageClock::start();
        let theme_changed = changes.contains(&Change::Theme);
        let multilingual = self.site.config.is_multilingual();
        // Every language's pages change with a template, and a template can add or drop a
        // page the languages pair (A-Z, topics): a site in several languages starts over.
        if theme_changed && multilingual {
            return self.rebuild_full();
        }
        let new_theme = if theme_changed || changes.iter().any(Change::touches_static) {
            let name = self.options.theme.clone().unwrap_or_else(|| self.site.config.theme.clone());
            let (theme, _warnings) = Theme::load(&self.site.root, &name, &self.site.config.theme_settings)?;
            Some(theme)
        } else {
            None
        };
        // A theme whose A-Z list splits differently makes or drops letter pages: start over.
        let runs = self.language_runs();
        if new_theme.as_ref().is_some_and(|t| {
            runs.iter().any(|run| az_split(t, run.range.len()) != az_split(&self.theme, run.range.len()))
        }) {
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
            let shared = shared(
                &self.site,
                self.rewriter.as_ref(),
                &self.links,
                Some(&self.theme.translations),
                &self.options,
            );
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

        let related_before: Vec<Vec<Vec<usize>>> = self.parts.iter().map(|p| p.related.clone()).collect();
        let old_articles = self.swap_articles(processed);
        let edits: Vec<Edit> = old_articles
            .iter()
            .filter_map(|old| {
                let index = self.articles.iter().position(|a| a.slug == old.slug)?;
                Some(Edit { index, old: Face::of(old), new: Face::of(&self.articles[index]) })
            })
            .collect();
        let rendered = match self.render_languages(&runs, &edits, new_theme.as_ref(), theme_changed) {
            Ok(Some(done)) => done,
            failed_or_full => {
                // Back to the last good site: old articles (and their order), lists and inputs.
                self.swap_articles(old_articles);
                for (parts, related) in self.parts.iter_mut().zip(related_before) {
                    parts.related = related;
                }
                self.restore_inputs(undo);
                return match failed_or_full {
                    Err(e) => Err(e),
                    Ok(_) => self.rebuild_full(),
                };
            }
        };
        let rendered_count = rendered.iter().map(|r| r.files.len()).sum::<usize>();
        clock.lap(&format!("render {rendered_count} pages"));

        // Everything below succeeds; the live site now moves to the new version.
        let mut changed = BTreeMap::new();
        let mut gone = Vec::new();
        for (run, done) in runs.iter().zip(rendered) {
            for file in done.files {
                self.put(file, &mut changed);
            }
            self.parts[run.position] = done.parts;
            gone.extend(done.gone);
        }
        for edit in &edits {
            let article = &self.articles[edit.index];
            self.hints.insert(article.slug.clone(), hints_of(article, &self.site.config));
        }
        for edit in &edits {
            let article = &self.articles[edit.index];
            self.search.update_article(article, self.site.glossary_for(&article.language));
        }
        let search = self.search.changed_files();
        for file in search.files {
            self.put(file, &mut changed);
        }
        // A picture no page shows any more (replaced, or its page changed) loses its file.
        let shown: std::collections::HashSet<&str> =
            self.articles.iter().flat_map(|a| a.image_files.iter().map(|f| f.path.as_str())).collect();
        gone.extend(
            old_articles
                .iter()
                .flat_map(|a| a.image_files.iter().map(|f| f.path.as_str()))
                .filter(|p| !shown.contains(p))
                .map(str::to_string),
        );
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

    /// Every language of the site, in `languages:` order, with where its pages are.
    fn language_runs(&self) -> Vec<LanguageRun> {
        let runs = crate::article::language_runs(&self.articles);
        self.site
            .config
            .languages
            .iter()
            .enumerate()
            .map(|(position, language)| LanguageRun {
                position,
                language: language.clone(),
                range: runs.iter().find(|(l, _)| l == language).map_or(0..0, |(_, r)| r.clone()),
            })
            .collect()
    }

    /// Render, language by language, what the edits reach (in `runs` order, one entry per
    /// language). None when the edits change which pages the languages pair (a language's
    /// first or last topic): the caller rebuilds everything.
    fn render_languages(
        &self,
        runs: &[LanguageRun],
        edits: &[Edit],
        new_theme: Option<&Theme>,
        theme_changed: bool,
    ) -> Result<Option<Vec<LanguageRender>>, Failed> {
        let pairing = self.site.config.is_multilingual().then(|| {
            let paths: Vec<&str> = self.files.keys().map(String::as_str).collect();
            Pairing::from_paths(&self.site.config, &self.articles, &paths)
        });
        let elsewhere = match &pairing {
            Some(pairing) => self.elsewhere(runs, edits, pairing),
            None => vec![Elsewhere::default(); runs.len()],
        };
        let mut done = Vec::with_capacity(runs.len());
        for (run, elsewhere) in runs.iter().zip(&elsewhere) {
            let own: Vec<Edit> = edits
                .iter()
                .filter(|e| run.range.contains(&e.index))
                .map(|e| Edit { index: e.index - run.range.start, old: e.old.clone(), new: e.new.clone() })
                .collect();
            let render =
                self.render_edits(run, pairing.as_ref(), &own, elsewhere, new_theme, theme_changed)?;
            match render {
                Some(render) => done.push(render),
                None => return Ok(None),
            }
        }
        Ok(Some(done))
    }

    /// For each language (in `runs` order), its pages that show a retitled page of another.
    fn elsewhere(&self, runs: &[LanguageRun], edits: &[Edit], pairing: &Pairing) -> Vec<Elsewhere> {
        let mut out = vec![Elsewhere::default(); runs.len()];
        let main = &self.site.config.language;
        for e in edits.iter().filter(|e| e.old.title != e.new.title) {
            let edited = &self.articles[e.index];
            let url = crate::article::article_url(&edited.slug);
            for (run, out) in
                runs.iter().zip(out.iter_mut()).filter(|(run, _)| run.language != edited.language)
            {
                let own = &self.articles[run.range.clone()];
                for alt in pairing.alternates(&url).iter().filter(|alt| alt.language == run.language) {
                    out.articles
                        .extend(own.iter().position(|a| crate::article::article_url(&a.slug) == alt.path));
                }
                if edited.language == *main
                    && pairing.untranslated(&run.language).iter().any(|alt| alt.path == url)
                {
                    out.home = true;
                }
            }
        }
        out
    }

    /// Render what the edits of one language (indexes into its run) and a new theme reach,
    /// with the articles already in place: the edited pages, pages whose related list changed
    /// or shows an edited card, the index pages that show something that changed, and the
    /// pages that show a retitled page of another language. None when the language gains its
    /// first topic or loses its last on a site in several languages (the pairing changes).
    fn render_edits(
        &self,
        run: &LanguageRun,
        pairing: Option<&Pairing>,
        edits: &[Edit],
        elsewhere: &Elsewhere,
        new_theme: Option<&Theme>,
        theme_changed: bool,
    ) -> Result<Option<LanguageRender>, Failed> {
        let articles = &self.articles[run.range.clone()];
        let glossary = self.site.glossary_for(&run.language);
        let old_parts = &self.parts[run.position];
        if edits.is_empty() && !theme_changed && elsewhere.articles.is_empty() && !elsewhere.home {
            return Ok(Some(LanguageRender {
                files: Vec::new(),
                parts: old_parts.clone(),
                gone: Vec::new(),
            }));
        }
        let mut related = old_parts.related.clone();
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
            update_related(articles, glossary.entries.len(), &mut related, &relating)
        };
        let old_topics = &old_parts.topics;
        let model = if relating.is_empty() {
            let parts =
                ModelParts { topics: old_topics.clone(), term_pages: old_parts.term_pages.clone(), related };
            SiteModel::from_parts(&self.site.config, articles, glossary, parts)
        } else {
            SiteModel::with_related(&self.site.config, articles, glossary, related)
        };
        let mut model = model.in_language(&run.language, run.range.start);
        model.lang.pairing = pairing;
        if pairing.is_some() && model.topics.is_empty() != old_topics.is_empty() {
            return Ok(None);
        }
        let theme = new_theme.unwrap_or(&self.theme);
        let prefix = &model.lang.prefix;
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
            ((0..articles.len()).collect::<Vec<usize>>(), IndexPages::All)
        } else {
            let carded: Vec<usize> =
                edits.iter().filter(|e| e.old.card_differs(&e.new)).map(|e| e.index).collect();
            let mut dirty: BTreeSet<usize> = edits.iter().map(|e| e.index).collect();
            dirty.extend(relisted);
            dirty.extend(&elsewhere.articles);
            if !carded.is_empty() {
                dirty.extend(
                    (0..articles.len()).filter(|&y| model.related[y].iter().any(|j| carded.contains(j))),
                );
            }
            let shown_on_home = home_cards_per_topic(theme);
            let on_home = |topics: &[crate::render::Topic], x: usize| {
                topics.iter().any(|t| t.articles.iter().take(shown_on_home).any(|&i| i == x))
            };
            let mut chosen = IndexSelection { home: elsewhere.home, ..IndexSelection::default() };
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
                chosen.glossary |= e.old.terms != e.new.terms
                    || (e.old.title != e.new.title
                        && listed_in_glossary(&model, e, glossary_backlinks(theme)));
                if e.old.title != e.new.title || e.old.also_known_as != e.new.also_known_as {
                    chosen.az = true;
                    if az_split(theme, articles.len()) {
                        // "Other name — see Title" lines show the title under their own letter.
                        let names = [&e.old.title, &e.new.title]
                            .into_iter()
                            .chain(&e.old.also_known_as)
                            .chain(&e.new.also_known_as);
                        chosen.az_letters.extend(names.map(|n| crate::output::az::letter_id(n)));
                        let az = format!("{prefix}a-z/");
                        chosen.az_existing = self
                            .files
                            .keys()
                            .filter_map(|p| p.strip_prefix(az.as_str())?.strip_suffix("/index.html"))
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
        let in_this_language = |path: &str| self.site.config.language_of_output(path) == run.language;
        let mut gone = Vec::new();
        if which == IndexPages::All {
            // Every page of the language was rendered: an HTML page of it not among them (a
            // numbered list page, a letter that lost its last name) is gone. The code
            // resolver's pages are not rendered here: they follow the pages' codes (above).
            let made: BTreeSet<&str> = rendered.iter().map(|f| f.path.as_str()).collect();
            let codes = format!("{}/", crate::output::codes::CODES_DIR);
            gone.extend(
                self.files
                    .keys()
                    .filter(|p| p.ends_with(".html") && !p.starts_with(&codes) && !made.contains(p.as_str()))
                    .filter(|p| in_this_language(p))
                    .cloned(),
            );
        }
        if let IndexPages::Some(chosen) = &which {
            // A letter of a split A-Z list, or a topic, that needs fewer numbered pages now:
            // its later pages go too. Every page of a chosen list was rendered.
            let firsts = chosen
                .az_letters
                .iter()
                .map(|id| format!("{prefix}{}", crate::output::az::letter_path(id)))
                .chain(chosen.topics.iter().map(|slug| format!("{prefix}topics/{slug}/index.html")));
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
        Ok(Some(LanguageRender { files: rendered, parts: model.into_parts(), gone }))
    }
}

//! Reading a partial rebuild's inputs (the edited pages and seeds) and swapping them into the
//! live site, with what is needed to put the old ones back when the rebuild fails.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use super::{same_path, Change, LiveSite};
use crate::article::{list_key, Article};
use crate::content::Page;
use crate::error::{Diagnostic, Failed};
use crate::load::{read_seed, read_text, SeedText};
use crate::seed::Fill;

/// Pages and seeds read from disk for a partial rebuild.
pub(super) struct Inputs {
    /// The content files whose pages are processed again.
    pub(super) paths: BTreeSet<PathBuf>,
    /// The edited pages, parsed.
    pub(super) pages: Vec<Page>,
    /// The edited seeds, read.
    pub(super) seeds: HashMap<String, SeedText>,
}

/// What a partial rebuild replaced, to put back when it fails.
pub(super) struct Undo {
    pages: Vec<Page>,
    seeds: Vec<(String, Option<SeedText>)>,
}

impl LiveSite {
    /// Read the changed pages and seeds; None when the change needs a full rebuild (a page
    /// added, removed, renamed or turned into a draft, a translation of another page, or a seed
    /// the build cannot read).
    pub(super) fn read_inputs(
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
                    let mut page = Page::parse(&text, path).map_err(Failed)?;
                    page.place(&self.site.config.languages)?;
                    let seed_known = page.front.seed.as_ref().is_none_or(|s| self.site.seeds.contains_key(s));
                    // A translation that names another page pairs differently: start over.
                    let repaired = page.translation_source() != old.translation_source();
                    if page.slug != old.slug
                        || (page.front.draft && !self.options.drafts)
                        || !seed_known
                        || repaired
                    {
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
                Change::Picture(path) => {
                    // A picture is named by its file name in a page's body or `fill:` text
                    // (relative to the page, or `/` for static/): a page that merely mentions
                    // the name is processed again too, which costs time but is never wrong.
                    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
                        continue;
                    };
                    let names_it = |p: &Page| {
                        p.body.contains(&name)
                            || p.front.fill.values().any(|f| matches!(f, Fill::Text(t) if t.contains(&name)))
                    };
                    inputs
                        .paths
                        .extend(self.site.pages.iter().filter(|p| names_it(p)).map(|p| p.path.clone()));
                }
                Change::Theme | Change::Static | Change::Full => {}
            }
        }
        Ok(Some(inputs))
    }

    /// Put new pages and seeds into the site, returning what they replaced.
    pub(super) fn swap_inputs(&mut self, pages: Vec<Page>, seeds: HashMap<String, SeedText>) -> Undo {
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

    pub(super) fn restore_inputs(&mut self, undo: Undo) {
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
    pub(super) fn swap_articles(&mut self, articles: Vec<Article>) -> Vec<Article> {
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
    /// [`crate::article::sort_articles`] would, and renumber its language's related lists to
    /// match: only the articles between its old and new place shift by one. The move stays
    /// inside the article's language run (the list sorts by language first).
    pub(super) fn move_into_place(&mut self, at: usize) {
        let (language, run) = self.language_of(at);
        let article = self.articles.remove(at);
        let key = list_key(&article);
        let to = self.articles.partition_point(|a| list_key(a) < key);
        self.articles.insert(to, article);
        let (at, to) = (at - run.start, to - run.start);
        let moved = |k: usize| match k {
            k if k == at => to,
            k if at < to && k > at && k <= to => k - 1,
            k if to < at && k >= to && k < at => k + 1,
            k => k,
        };
        let related = &mut self.parts[language].related;
        let list = related.remove(at);
        related.insert(to, list);
        for list in related.iter_mut() {
            for j in list.iter_mut() {
                *j = moved(*j);
            }
        }
    }

    /// The language (its place in `languages:`) of the article at `at`, and where that
    /// language's run of the site's sorted list is.
    pub(super) fn language_of(&self, at: usize) -> (usize, std::ops::Range<usize>) {
        let language = &self.articles[at].language;
        let position = self.site.config.languages.iter().position(|l| l == language).unwrap_or(0);
        let run = crate::article::language_runs(&self.articles)
            .into_iter()
            .find(|(l, _)| l == language)
            .map_or(at..at + 1, |(_, r)| r);
        (position, run)
    }
}

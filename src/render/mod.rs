//! Render stage: the site model (articles, topics, glossary back-links, related pages) turned
//! into template contexts and rendered with the theme. Every URL is relative to the page it
//! appears on, so the output works at a domain root, under a sub-path and from `file://`.

mod handout;
mod model;
mod pages;
mod related;

use crate::error::Diagnostic;
use crate::output::az::AzLetter;
use crate::output::OutputFile;
use crate::theme::Theme;
pub use handout::{sheet_notes, sheet_size, sheet_text};
pub use model::{LanguageContext, ModelParts, SiteModel, Topic};
use pages::Renderer;
pub use related::{all_related, update_related, EditedArticle, RELATED_COUNT};

/// Where the accessibility statement is written (every footer links to it).
pub const ACCESSIBILITY_PATH: &str = "accessibility/index.html";

/// Options that change how pages are rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `base_url` after command-line override (with a trailing slash).
    pub base_url: Option<String>,
    /// Rendering for `serve` (the theme may show preview-only helpers).
    pub preview: bool,
    /// The handouts' paper when the command line overrides `site.yaml` (`--paper`).
    pub paper: Option<crate::config::Paper>,
}

/// A human date like "4 December 2023".
pub fn human_date(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// Relative prefix from a page at `path` (inside the output) back to the root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn in_page(d: Diagnostic, page: &std::path::Path) -> Diagnostic {
    let hint = d.hint.clone().unwrap_or_default();
    let d2 = Diagnostic { hint: None, ..d };
    d2.with_hint(format!("while rendering {}. {hint}", page.display()).trim_end().to_string())
}

/// A model per language of the site, in `languages:` order (a language with no pages yet
/// still gets one: its home page lists the pages that are not in it yet). `articles` are
/// sorted (see [`crate::article::sort_articles`]), so each language's pages are one run.
/// The models are not paired yet: pair them with [`pair_models`].
pub fn language_models<'a>(
    config: &'a crate::config::SiteConfig,
    articles: &'a [crate::article::Article],
    glossary: &'a crate::glossary::Glossary,
    glossaries: &'a std::collections::BTreeMap<String, crate::glossary::Glossary>,
) -> Vec<SiteModel<'a>> {
    let runs = crate::article::language_runs(articles);
    config
        .languages
        .iter()
        .map(|language| {
            let range = runs.iter().find(|(l, _)| l == language).map_or(0..0, |(_, r)| r.clone());
            let glossary = glossaries.get(language).unwrap_or(glossary);
            let offset = range.start;
            SiteModel::new(config, &articles[range], glossary).in_language(language, offset)
        })
        .collect()
}

/// The index pages a language's model has that the other languages may have too (relative
/// to the language's folder): the home page always, the glossary, A–Z, topics and
/// accessibility pages when the theme and the model have them.
pub fn paired_index_pages(model: &SiteModel, theme: &Theme) -> Vec<String> {
    let mut pages = vec!["index.html".to_string()];
    if !model.glossary.entries.is_empty() {
        pages.push("glossary/index.html".into());
    }
    if theme.has_template("az.html") {
        pages.push(crate::output::az::AZ_PATH.into());
    }
    if has_topics_index(model, theme) {
        pages.push(TOPICS_PATH.into());
    }
    if theme.has_template("accessibility.html") {
        pages.push(ACCESSIBILITY_PATH.into());
    }
    pages
}

/// The pairing of every language's pages (`articles` is the whole sorted list the models
/// were made from).
pub fn pair_models(
    config: &crate::config::SiteConfig,
    articles: &[crate::article::Article],
    models: &[SiteModel],
    theme: &Theme,
) -> crate::output::pairing::Pairing {
    let index = models.iter().map(|m| (m.lang.language.clone(), paired_index_pages(m, theme))).collect();
    crate::output::pairing::Pairing::new(config, articles, &index)
}

/// Render, in every language's model, the articles at `articles` (indexes into the site's
/// whole sorted list) and the chosen index pages.
pub fn render_languages(
    models: &[SiteModel],
    theme: &Theme,
    options: &RenderOptions,
    articles: &[usize],
    index_pages: &IndexPages,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for model in models {
        let range = model.lang.offset..model.lang.offset + model.articles.len();
        let own: Vec<usize> =
            articles.iter().filter(|i| range.contains(*i)).map(|i| i - model.lang.offset).collect();
        if own.is_empty() && *index_pages == IndexPages::None {
            continue;
        }
        match render_selected(model, theme, options, &own, index_pages) {
            Ok(f) => files.extend(f),
            Err(e) => errors.extend(e),
        }
    }
    errors.dedup_by(|a, b| a.message == b.message && a.location == b.location);
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Render every page of every language of the site (`articles`: every language's, sorted).
pub fn render_all(
    config: &crate::config::SiteConfig,
    articles: &[crate::article::Article],
    glossary: &crate::glossary::Glossary,
    glossaries: &std::collections::BTreeMap<String, crate::glossary::Glossary>,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<(Vec<OutputFile>, Vec<ModelParts>), Vec<Diagnostic>> {
    let mut models = language_models(config, articles, glossary, glossaries);
    let pairing = config.is_multilingual().then(|| pair_models(config, articles, &models, theme));
    for model in &mut models {
        model.lang.pairing = pairing.as_ref();
    }
    let all: Vec<usize> = (0..articles.len()).collect();
    let files = render_languages(&models, theme, options, &all, &IndexPages::All)?;
    Ok((files, models.into_iter().map(SiteModel::into_parts).collect()))
}

/// Render every page of the site with the theme. Articles render in parallel.
pub fn render_site(
    model: &SiteModel,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let all: Vec<usize> = (0..model.articles.len()).collect();
    render_selected(model, theme, options, &all, &IndexPages::All)
}

/// Which index pages (home, 404, topics, glossary, A-Z) to render with the articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexPages {
    /// None of them.
    None,
    /// All of them.
    All,
    /// Some of them (never the 404 page, which shows no article).
    Some(IndexSelection),
}

/// The index pages an edit reached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexSelection {
    /// The home page.
    pub home: bool,
    /// The glossary page.
    pub glossary: bool,
    /// The A-Z page.
    pub az: bool,
    /// Letter pages of an A-Z list split by letter, by id (`az-a`); ignored when not split.
    pub az_letters: std::collections::BTreeSet<String>,
    /// The letters that have a page now: when the list's letters differ from these, every
    /// letter page is rendered (each one links to all the others).
    pub az_existing: std::collections::BTreeSet<String>,
    /// Topic pages (all pages of each), by slug.
    pub topics: std::collections::BTreeSet<String>,
    /// The topics index page (every topic with its number of pages).
    pub topics_index: bool,
}

impl IndexSelection {
    /// Whether no page is selected.
    pub fn is_empty(&self) -> bool {
        !self.home
            && !self.glossary
            && !self.az
            && !self.topics_index
            && self.az_letters.is_empty()
            && self.topics.is_empty()
    }
}

/// How many article cards the home page shows per topic: the theme's `home_cards_per_topic`
/// setting, or all of them when the theme has no such setting.
pub fn home_cards_per_topic(theme: &Theme) -> usize {
    theme_count(theme, "home_cards_per_topic")
}

/// How many pages a glossary entry lists under "Used in": the theme's `glossary_backlinks`
/// setting, or all of them when the theme has no such setting.
pub fn glossary_backlinks(theme: &Theme) -> usize {
    theme_count(theme, "glossary_backlinks")
}

/// Whether the A–Z list is split into a page per letter: when the site has more pages than
/// the theme's `az_one_page_max` setting (never, when the theme has no such setting).
pub fn az_split(theme: &Theme, articles: usize) -> bool {
    articles > theme_count(theme, "az_one_page_max")
}

fn theme_count(theme: &Theme, setting: &str) -> usize {
    theme_count_or(theme, setting, usize::MAX)
}

/// A count setting of the theme, or `default` when the theme does not set it.
fn theme_count_or(theme: &Theme, setting: &str, default: usize) -> usize {
    theme.settings.get(setting).and_then(serde_json::Value::as_u64).map_or(default, |n| n as usize)
}

/// How many topics the header and footer name (the most-used ones): the theme's `nav_topics`
/// setting, 8 when the theme has none, so the navigation never grows with the site.
pub fn nav_topics(theme: &Theme) -> usize {
    theme_count_or(theme, "nav_topics", 8)
}

/// How many topics the home page shows with their cards (the most-used ones): the theme's
/// `home_topics` setting, 12 when the theme has none.
pub fn home_topics(theme: &Theme) -> usize {
    theme_count_or(theme, "home_topics", 12)
}

/// How many cards one page of a topic lists before the topic is split into numbered pages:
/// the theme's `topic_page_size` setting, 50 when the theme has none (at least 1).
pub fn topic_page_size(theme: &Theme) -> usize {
    theme_count_or(theme, "topic_page_size", 50).max(1)
}

/// How many lines one page of a letter of a split A–Z list shows before the letter is split
/// into numbered pages: the theme's `az_page_size` setting, 300 when the theme has none.
pub fn az_page_size(theme: &Theme) -> usize {
    theme_count_or(theme, "az_page_size", 300).max(1)
}

/// The `n` most-used topics (ties go to the first by name), as indexes into `topics`, in the
/// order of `topics` (by name). Shown by name, the list changes only when which topics are the
/// most used changes, so a page moving between two topics rarely re-renders the whole site.
pub fn top_topics(topics: &[Topic], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..topics.len()).collect();
    order.sort_by(|&a, &b| {
        topics[b]
            .articles
            .len()
            .cmp(&topics[a].articles.len())
            .then_with(|| topics[a].name.cmp(&topics[b].name))
    });
    order.truncate(n);
    order.sort_unstable();
    order
}

/// The output path of page `number` (1 = the first) of a list whose first page is
/// `first` (`topics/x/index.html`): later pages are `topics/x/page/2/index.html`.
pub fn numbered_page_path(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}page/{number}/index.html")
}

/// How many pages a list of `items` takes at `per_page` a page (at least one).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The path of the topics index page, which lists every topic.
pub const TOPICS_PATH: &str = "topics/index.html";

/// Whether the site has a topics index page: it has topics and the theme a `topics.html`.
pub fn has_topics_index(model: &SiteModel, theme: &Theme) -> bool {
    !model.topics.is_empty() && theme.has_template("topics.html")
}

/// Render some article pages (indexes into `model.articles`) and the chosen index pages;
/// the live preview re-renders only what an edit touched.
pub fn render_selected(
    model: &SiteModel,
    theme: &Theme,
    options: &RenderOptions,
    articles: &[usize],
    index_pages: &IndexPages,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let r = Renderer { model, theme, options };
    // Each article comes with its take-home sheet (when the theme has one), so the live
    // preview re-renders both after an edit.
    let results: Vec<Result<Vec<OutputFile>, Diagnostic>> = articles
        .par_iter()
        .map(|&i| {
            let mut pages = vec![r.article(i)?];
            pages.extend(r.sheet(i)?);
            Ok(pages)
        })
        .collect();
    let mut files = Vec::with_capacity(2 * results.len() + model.topics.len() + 4);
    let mut errors = Vec::new();
    for res in results {
        match res {
            Ok(f) => files.extend(f),
            Err(d) => errors.push(d),
        }
    }
    // Resized images go out with the pages that show them (named by content, so two pages
    // showing one picture write the same file once).
    let mut seen = std::collections::HashSet::new();
    for &i in articles {
        for img in &model.articles[i].image_files {
            if seen.insert(img.path.as_str()) {
                files.push(OutputFile { path: img.path.clone(), bytes: img.bytes.clone() });
            }
        }
    }
    if *index_pages != IndexPages::None {
        #[derive(Clone, Copy)]
        enum Page<'t> {
            Home,
            NotFound,
            TopicsIndex,
            Topic(&'t Topic, usize),
            Glossary,
            Az(Option<(&'t AzLetter, usize)>),
            Accessibility,
        }
        let all = IndexSelection { home: true, glossary: true, az: true, ..Default::default() };
        let (chosen, every_page) = match index_pages {
            IndexPages::Some(chosen) => (chosen, false),
            _ => (&all, true),
        };
        let mut pages = Vec::new();
        if chosen.home {
            pages.push(Page::Home);
        }
        if every_page {
            pages.push(Page::NotFound);
            if theme.has_template("accessibility.html") {
                pages.push(Page::Accessibility);
            }
        }
        if (every_page || chosen.topics_index) && has_topics_index(model, theme) {
            pages.push(Page::TopicsIndex);
        }
        let per_topic_page = topic_page_size(theme);
        for t in model.topics.iter().filter(|t| every_page || chosen.topics.contains(&t.slug)) {
            pages.extend((1..=page_count(t.articles.len(), per_topic_page)).map(|n| Page::Topic(t, n)));
        }
        if chosen.glossary && !model.glossary.entries.is_empty() {
            pages.push(Page::Glossary);
        }
        let split = az_split(theme, model.articles.len());
        let wants_az = chosen.az || (split && !chosen.az_letters.is_empty());
        let letters = if wants_az && theme.has_template("az.html") {
            crate::output::az::az_letters(model.articles, "")
        } else {
            Vec::new()
        };
        if wants_az && theme.has_template("az.html") {
            if chosen.az {
                pages.push(Page::Az(None));
            }
            if split {
                // Compared as sets: ids sort differently from letters (`az-other` is `#`, last).
                let ids: std::collections::BTreeSet<&String> = letters.iter().map(|l| &l.id).collect();
                let letters_changed = !every_page
                    && ids != chosen.az_existing.iter().collect::<std::collections::BTreeSet<&String>>();
                let per_letter_page = az_page_size(theme);
                for l in letters
                    .iter()
                    .filter(|l| every_page || letters_changed || chosen.az_letters.contains(&l.id))
                {
                    pages.extend(
                        (1..=page_count(l.entries.len(), per_letter_page)).map(|n| Page::Az(Some((l, n)))),
                    );
                }
            }
        }
        // Index pages of a large site are big (a topic lists hundreds of cards): render them
        // in parallel too.
        let others: Vec<Result<OutputFile, Diagnostic>> = pages
            .par_iter()
            .map(|page| match page {
                Page::Home => r.home(),
                Page::NotFound => r.not_found(),
                Page::TopicsIndex => r.topics_index(),
                Page::Topic(t, n) => r.topic(t, *n),
                Page::Glossary => r.glossary(),
                Page::Az(letter) => r.az(&letters, split, *letter),
                Page::Accessibility => r.accessibility(),
            })
            .collect();
        for res in others {
            match res {
                Ok(f) => files.push(f),
                Err(d) => errors.push(d),
            }
        }
    }
    // One template error repeats on every page; say it once.
    errors.dedup_by(|a, b| a.message == b.message && a.location == b.location);
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use std::collections::HashMap;

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("a/index.html"), "../");
        assert_eq!(root_prefix("topics/x/index.html"), "../../");
    }

    #[test]
    fn human_dates() {
        assert_eq!(human_date(jiff::civil::date(2023, 12, 4)), "4 December 2023");
    }

    /// Random edits (titles, topics, terms) to a random site: the incremental lists must
    /// always equal lists computed from scratch.
    #[test]
    fn updated_related_lists_equal_fresh_ones() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let topics = ["heart", "lungs", "blood", "genes", "skin", "bones"];
        let random_topics = |next: &mut dyn FnMut(usize) -> usize, i: usize| -> Vec<String> {
            let mut list: Vec<String> =
                (0..next(3)).map(|_| topics[next(topics.len())].to_string()).collect();
            if next(6) == 0 {
                list.push(format!("only-{i}"));
            }
            list.dedup();
            list
        };
        let random_terms = |next: &mut dyn FnMut(usize) -> usize| -> Vec<usize> {
            let mut terms: Vec<usize> = (0..next(6)).map(|_| next(70)).collect();
            terms.sort_unstable();
            terms.dedup();
            terms
        };
        let mut articles: Vec<Article> = (0..60)
            .map(|i| Article {
                topics: random_topics(&mut next, i),
                terms_used: random_terms(&mut next),
                ..Article::sample(&format!("Page {}", next(40)), &format!("p{i:02}"))
            })
            .collect();
        crate::article::sort_articles(&mut articles);
        let mut related = all_related(&articles, 70);
        for round in 0..300 {
            let x = next(articles.len());
            let slug = articles[x].slug.clone();
            let old_topics = articles[x].topics.clone();
            let old_terms = articles[x].terms_used.clone();
            match next(3) {
                0 => articles[x].title = format!("Page {}", next(40)),
                1 => articles[x].topics = random_topics(&mut next, round),
                _ => articles[x].terms_used = random_terms(&mut next),
            }
            let before: Vec<String> = articles.iter().map(|a| a.slug.clone()).collect();
            crate::article::sort_articles(&mut articles);
            let index: HashMap<&str, usize> =
                articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
            let mut moved = vec![Vec::new(); articles.len()];
            for (old, list) in related.iter().enumerate() {
                moved[index[before[old].as_str()]] =
                    list.iter().map(|&j| index[before[j].as_str()]).collect();
            }
            related = moved;
            let edited = EditedArticle { index: index[slug.as_str()], old_topics, old_terms };
            update_related(&articles, 70, &mut related, &[edited]);
            assert_eq!(related, all_related(&articles, 70), "round {round}");
        }
    }
}

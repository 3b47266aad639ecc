//! Render stage: the site model (articles, topics, glossary back-links, related pages) turned
//! into template contexts and rendered with the theme. Every URL is relative to the page it
//! appears on, so the output works at a domain root, under a sub-path and from `file://`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::article::Article;
use crate::config::SiteConfig;
use crate::error::Diagnostic;
use crate::glossary::Glossary;
use crate::output::az::{AzEntry, AzLetter};
use crate::output::OutputFile;
use crate::plain::prose::grade_text;
use crate::theme::Theme;

/// Options that change how pages are rendered.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// `base_url` after command-line override (with a trailing slash).
    pub base_url: Option<String>,
    /// Rendering for `serve` (the theme may show preview-only helpers).
    pub preview: bool,
}

/// A topic and the articles in it.
#[derive(Debug, Clone)]
pub struct Topic {
    /// The topic as written in front-matter.
    pub name: String,
    /// Its URL slug.
    pub slug: String,
    /// Indexes into the article list, by title.
    pub articles: Vec<usize>,
}

/// Everything the templates can show, computed once per build.
#[derive(Debug)]
pub struct SiteModel<'a> {
    /// Site settings.
    pub config: &'a SiteConfig,
    /// Articles, sorted by title.
    pub articles: &'a [Article],
    /// The glossary.
    pub glossary: &'a Glossary,
    /// Topics, sorted by name.
    pub topics: Vec<Topic>,
    /// For each glossary entry, the articles that use it.
    pub term_pages: Vec<Vec<usize>>,
    /// For each article, related articles, best first.
    pub related: Vec<Vec<usize>>,
}

/// The parts of a [`SiteModel`] derived from the articles, kept by the live site between
/// rebuilds so an edit that changes no topic, term or title does not derive them again.
#[derive(Debug, Clone, Default)]
pub struct ModelParts {
    /// Topics, sorted by name.
    pub topics: Vec<Topic>,
    /// For each glossary entry, the articles that use it.
    pub term_pages: Vec<Vec<usize>>,
    /// For each article, related articles, best first.
    pub related: Vec<Vec<usize>>,
}

impl<'a> SiteModel<'a> {
    /// A model from parts derived earlier (they must be what [`SiteModel::new`] derives).
    pub fn from_parts(
        config: &'a SiteConfig,
        articles: &'a [Article],
        glossary: &'a Glossary,
        parts: ModelParts,
    ) -> Self {
        let ModelParts { topics, term_pages, related } = parts;
        SiteModel { config, articles, glossary, topics, term_pages, related }
    }

    /// The derived parts, to keep for the next rebuild.
    pub fn into_parts(self) -> ModelParts {
        ModelParts { topics: self.topics, term_pages: self.term_pages, related: self.related }
    }

    /// Derive topics, glossary back-links and related articles.
    pub fn new(config: &'a SiteConfig, articles: &'a [Article], glossary: &'a Glossary) -> Self {
        let related = all_related(articles, glossary.entries.len());
        Self::with_related(config, articles, glossary, related)
    }

    /// Derive topics and glossary back-links, reusing related-article lists computed earlier
    /// (`related` must be what [`all_related`] gives); the live preview uses this to skip
    /// the comparison when no page's topics, terms or title changed.
    pub fn with_related(
        config: &'a SiteConfig,
        articles: &'a [Article],
        glossary: &'a Glossary,
        related: Vec<Vec<usize>>,
    ) -> Self {
        let mut by_topic: BTreeMap<String, Topic> = BTreeMap::new();
        // A site has few topic names and many pages: slugify each name once.
        let mut slugs: ahash::AHashMap<&str, String> = ahash::AHashMap::new();
        for (i, a) in articles.iter().enumerate() {
            for t in &a.topics {
                let slug = slugs.entry(t.as_str()).or_insert_with(|| crate::slug::slugify(t));
                match by_topic.get_mut(slug.as_str()) {
                    Some(topic) => topic.articles.push(i),
                    None => {
                        by_topic.insert(
                            slug.clone(),
                            Topic { name: t.clone(), slug: slug.clone(), articles: vec![i] },
                        );
                    }
                }
            }
        }
        let mut term_pages = vec![Vec::new(); glossary.entries.len()];
        for (i, a) in articles.iter().enumerate() {
            for &t in &a.terms_used {
                if let Some(list) = term_pages.get_mut(t) {
                    list.push(i);
                }
            }
        }
        SiteModel {
            config,
            articles,
            glossary,
            topics: by_topic.into_values().collect(),
            term_pages,
            related,
        }
    }
}

/// How many related articles each article lists.
pub const RELATED_COUNT: usize = 4;

/// How a candidate scores as related to an article: shared topics, then shared glossary terms.
type Score = (u32, u32);

/// Finds related articles: most shared topics, then most shared glossary terms, then title.
/// Candidates come from an index of topics (and, for an article whose topics no other page
/// shares, of terms), and shared terms are counted with bit sets, so the cost grows with the
/// size of a topic rather than with the square of the site.
struct Relater<'a> {
    articles: &'a [Article],
    /// Each article's glossary terms as bits, `words` u64s per article, in one allocation.
    term_bits: Vec<u64>,
    words: usize,
    by_topic: ahash::AHashMap<&'a str, Vec<usize>>,
    /// Articles by glossary term; only made when some article has no topic mates (the only
    /// ones matched on terms alone).
    by_term: Vec<Vec<usize>>,
    /// Whether another article shares one of this article's topics.
    has_mates: Vec<bool>,
}

impl<'a> Relater<'a> {
    fn new(articles: &'a [Article], glossary_len: usize) -> Self {
        let words = glossary_len.div_ceil(64).max(1);
        let mut term_bits = vec![0u64; words * articles.len()];
        for (i, a) in articles.iter().enumerate() {
            for &t in a.terms_used.iter().filter(|&&t| t < glossary_len) {
                term_bits[i * words + t / 64] |= 1 << (t % 64);
            }
        }
        let mut by_topic: ahash::AHashMap<&str, Vec<usize>> = ahash::AHashMap::new();
        for (i, a) in articles.iter().enumerate() {
            for t in &a.topics {
                by_topic.entry(t.as_str()).or_default().push(i);
            }
        }
        let has_mates: Vec<bool> = (0..articles.len())
            .map(|me| {
                articles[me]
                    .topics
                    .iter()
                    .any(|t| by_topic.get(t.as_str()).is_some_and(|l| l.iter().any(|&o| o != me)))
            })
            .collect();
        let mut by_term: Vec<Vec<usize>> = Vec::new();
        if has_mates.iter().any(|m| !m) {
            by_term = vec![Vec::new(); glossary_len];
            for (i, a) in articles.iter().enumerate() {
                for &t in &a.terms_used {
                    if let Some(list) = by_term.get_mut(t) {
                        list.push(i);
                    }
                }
            }
        }
        Relater { articles, term_bits, words, by_topic, by_term, has_mates }
    }

    fn shared_terms(&self, me: usize, other: usize) -> u32 {
        let bits = |i: usize| &self.term_bits[i * self.words..(i + 1) * self.words];
        bits(me).iter().zip(bits(other)).map(|(a, b)| (a & b).count_ones()).sum()
    }

    /// How `other` scores for `me`, or None when it is not a candidate at all.
    fn score(&self, me: usize, other: usize) -> Option<Score> {
        if me == other {
            return None;
        }
        let (mine, theirs) = (&self.articles[me].topics, &self.articles[other].topics);
        if self.has_mates[me] {
            let topics = mine.iter().map(|t| theirs.iter().filter(|u| *u == t).count() as u32).sum::<u32>();
            (topics > 0).then(|| (topics, self.shared_terms(me, other)))
        } else {
            let terms = self.shared_terms(me, other);
            (terms > 0).then_some((0, terms))
        }
    }

    /// Best first: more shared topics, more shared terms, then title, then list order.
    fn better(&self, a: (usize, Score), b: (usize, Score)) -> std::cmp::Ordering {
        b.1 .0
            .cmp(&a.1 .0)
            .then(b.1 .1.cmp(&a.1 .1))
            .then_with(|| self.articles[a.0].title.cmp(&self.articles[b.0].title))
            .then(a.0.cmp(&b.0))
    }

    /// The related list of `me`; `counts` and `touched` are scratch space reused across calls
    /// (`counts` all zero, one per article).
    fn related(&self, me: usize, counts: &mut [u32], touched: &mut Vec<usize>) -> Vec<usize> {
        if self.has_mates[me] {
            for t in &self.articles[me].topics {
                for &other in self.by_topic.get(t.as_str()).map(Vec::as_slice).unwrap_or_default() {
                    if other != me {
                        if counts[other] == 0 {
                            touched.push(other);
                        }
                        counts[other] += 1;
                    }
                }
            }
        } else {
            for &t in &self.articles[me].terms_used {
                for &other in self.by_term.get(t).map(Vec::as_slice).unwrap_or_default() {
                    if other != me && counts[other] == 0 {
                        touched.push(other);
                        counts[other] = 1;
                    }
                }
            }
        }
        let topics_counted = self.has_mates[me];
        let mut scored: Vec<(usize, Score)> = touched
            .iter()
            .map(|&other| {
                let topics = if topics_counted { counts[other] } else { 0 };
                (other, (topics, self.shared_terms(me, other)))
            })
            .filter(|(_, (topics, terms))| *topics > 0 || *terms > 0)
            .collect();
        for &other in touched.iter() {
            counts[other] = 0;
        }
        touched.clear();
        if scored.len() > RELATED_COUNT {
            scored.select_nth_unstable_by(RELATED_COUNT - 1, |a, b| self.better(*a, *b));
            scored.truncate(RELATED_COUNT);
        }
        scored.sort_by(|a, b| self.better(*a, *b));
        scored.into_iter().map(|(i, _)| i).collect()
    }

    /// Related lists for `which`, in parallel, in that order.
    fn related_of(&self, which: &[usize]) -> Vec<Vec<usize>> {
        use rayon::prelude::*;
        which
            .par_iter()
            .map_init(
                || (vec![0u32; self.articles.len()], Vec::new()),
                |(counts, touched), &me| self.related(me, counts, touched),
            )
            .collect()
    }
}

/// Related articles for every article, best first (see [`Relater`] for the order).
pub fn all_related(articles: &[Article], glossary_len: usize) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..articles.len()).collect();
    Relater::new(articles, glossary_len).related_of(&all)
}

/// An article that was edited, as it was before: what related lists are computed from.
#[derive(Debug, Clone)]
pub struct EditedArticle {
    /// Its index in the (new) article list.
    pub index: usize,
    /// Its topics before the edit.
    pub old_topics: Vec<String>,
    /// Its glossary terms before the edit.
    pub old_terms: Vec<usize>,
}

/// Bring `related` (lists for `articles`, indexes already in the new order) up to date after
/// `edited` changed, recomputing only the lists an edit can reach: the edited articles', those
/// that list one of them, and those one of them now scores high enough to enter. Returns the
/// indexes whose list changed. Equals [`all_related`] on the new articles (tested).
pub fn update_related(
    articles: &[Article],
    glossary_len: usize,
    related: &mut [Vec<usize>],
    edited: &[EditedArticle],
) -> Vec<usize> {
    let relater = Relater::new(articles, glossary_len);
    let mut redo: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let topicless: Vec<usize> = (0..articles.len()).filter(|&i| !relater.has_mates[i]).collect();
    for e in edited {
        let x = e.index;
        let new = &articles[x];
        redo.insert(x);
        // A topic gained or lost changes who has topic mates: redo everyone in it.
        let gained_or_lost = e
            .old_topics
            .iter()
            .filter(|t| !new.topics.contains(t))
            .chain(new.topics.iter().filter(|t| !e.old_topics.contains(t)));
        for t in gained_or_lost {
            redo.extend(relater.by_topic.get(t.as_str()).into_iter().flatten().copied());
        }
        // Everyone that lists the edited article may rank it differently now.
        redo.extend((0..articles.len()).filter(|&y| related[y].contains(&x)));
        // Everyone it can be a candidate for: it enters their list if it now beats the last.
        let mut candidates: Vec<usize> = new
            .topics
            .iter()
            .flat_map(|t| relater.by_topic.get(t.as_str()).into_iter().flatten().copied())
            .collect();
        candidates.extend(topicless.iter().copied().filter(|&y| {
            let shares = |terms: &[usize]| terms.iter().any(|t| articles[y].terms_used.contains(t));
            shares(&new.terms_used) || shares(&e.old_terms)
        }));
        for y in candidates {
            if redo.contains(&y) {
                continue;
            }
            let Some(score) = relater.score(y, x) else { continue };
            let enters = related[y].len() < RELATED_COUNT
                || related[y].last().is_some_and(|&last| {
                    relater.score(y, last).is_none_or(|s| relater.better((x, score), (last, s)).is_lt())
                });
            if enters {
                redo.insert(y);
            }
        }
    }
    let which: Vec<usize> = redo.into_iter().collect();
    let lists = relater.related_of(&which);
    let mut changed = Vec::new();
    for (y, list) in which.into_iter().zip(lists) {
        if related[y] != list {
            related[y] = list;
            changed.push(y);
        }
    }
    changed
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    organization: Option<&'a str>,
    disclaimer: Option<&'a str>,
    base_url: Option<&'a str>,
    reading_grade: f64,
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct ArticleCard {
    title: String,
    url: String,
    summary: String,
    grade: String,
    topics: Vec<LinkView>,
}

#[derive(Serialize)]
struct TopicView {
    name: String,
    url: String,
    /// How many articles the topic has (`articles` may show fewer, on the home page).
    count: usize,
    articles: Vec<ArticleCard>,
}

#[derive(Serialize)]
struct TermView {
    term: String,
    id: String,
    url: String,
    plain: String,
    more: Option<String>,
    also: Vec<String>,
    see: Vec<LinkView>,
    used_by: Vec<LinkView>,
    /// Pages that use the term beyond those in `used_by`.
    used_by_more: usize,
}

#[derive(Serialize)]
struct LetterView {
    letter: String,
    id: String,
    terms: Vec<TermView>,
}

/// One letter of the A–Z list as a template sees it.
#[derive(Serialize)]
struct AzLetterView {
    letter: String,
    id: String,
    /// The letter's section (`#az-a`) or, when the list is split, its page.
    url: String,
    /// Lines under the letter.
    count: usize,
    /// The lines, when this page shows them.
    entries: Vec<AzEntry>,
}

#[derive(Serialize)]
struct ReviewView {
    on: String,
    on_iso: String,
    by: Option<String>,
    next: Option<String>,
    next_iso: Option<String>,
}

#[derive(Serialize)]
struct ReadabilityView {
    grade: String,
    flesch_kincaid: String,
    smog: String,
    reading_ease: String,
    coleman_liau: String,
    words: usize,
    sentences: usize,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    slug: &'a str,
    summary: Option<&'a str>,
    summary_html: Option<&'a str>,
    key_points: &'a [String],
    actions: &'a [String],
    questions_to_ask: &'a [String],
    topics: Vec<LinkView>,
    also_known_as: &'a [String],
    reviewed: Option<ReviewView>,
    sources: &'a [crate::content::Source],
    content: &'a str,
    toc: &'a [crate::markdown::TocEntry],
    words_to_know: Vec<TermView>,
    readability: ReadabilityView,
    related: Vec<ArticleCard>,
    /// `MedicalWebPage` JSON-LD, already escaped for a `<script>` element.
    jsonld: String,
}

/// A human date like "4 December 2023".
pub fn human_date(d: jiff::civil::Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// Relative prefix from a page at `path` (inside the output) back to the root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

struct Renderer<'a> {
    model: &'a SiteModel<'a>,
    theme: &'a Theme,
    options: &'a RenderOptions,
}

impl Renderer<'_> {
    fn base_context(&self, path: &str) -> tera::Context {
        let root = root_prefix(path);
        let c = self.model.config;
        let mut ctx = tera::Context::new();
        ctx.insert(
            "site",
            &SiteView {
                title: &c.title,
                description: &c.description,
                language: &c.language,
                organization: c.organization.as_deref(),
                disclaimer: c.disclaimer.as_deref(),
                base_url: self.options.base_url.as_deref(),
                reading_grade: c.reading_grade,
            },
        );
        let topics: Vec<LinkView> = self
            .model
            .topics
            .iter()
            .map(|t| LinkView { title: t.name.clone(), url: format!("{root}topics/{}/index.html", t.slug) })
            .collect();
        ctx.insert("topics_nav", &topics);
        ctx.insert("home_url", &format!("{root}index.html"));
        ctx.insert("glossary_url", &format!("{root}glossary/index.html"));
        ctx.insert("has_glossary", &!self.model.glossary.entries.is_empty());
        ctx.insert("page_path", path);
        let canonical =
            self.options.base_url.as_ref().map(|b| format!("{b}{}", path.trim_end_matches("index.html")));
        ctx.insert("canonical", &canonical);
        ctx.insert("theme", &self.theme.settings);
        ctx.insert("preview", &self.options.preview);
        ctx.insert("root", &root);
        let og = crate::output::jsonld::OpenGraph::new(
            c,
            self.options.base_url.as_deref(),
            path,
            &c.title,
            &c.description,
        );
        ctx.insert("og", &og);
        ctx.insert("az_url", &format!("{root}{}", crate::output::az::AZ_PATH));
        ctx.insert("has_az", &self.theme.has_template("az.html"));
        ctx
    }

    fn card(&self, i: usize, root: &str) -> ArticleCard {
        let a = &self.model.articles[i];
        ArticleCard {
            title: a.title.clone(),
            url: format!("{root}{}", crate::article::article_url(&a.slug)),
            summary: a.summary.clone().unwrap_or_default(),
            grade: grade_text(a.readability.flesch_kincaid_grade),
            topics: a
                .topics
                .iter()
                .map(|t| LinkView {
                    title: t.clone(),
                    url: format!("{root}topics/{}/index.html", crate::slug::slugify(t)),
                })
                .collect(),
        }
    }

    fn term_view(&self, index: usize, root: &str, back_links: bool) -> TermView {
        let g = self.model.glossary;
        let e = &g.entries[index];
        let id = g.slugs[index].clone();
        let see = e
            .see
            .iter()
            .filter_map(|s| {
                g.entry_for(s).map(|j| LinkView {
                    title: g.entries[j].term.clone(),
                    url: format!("{root}glossary/index.html#{}", g.slugs[j]),
                })
            })
            .collect();
        // Back-links are shown on the glossary page only; building them for every term on
        // every article would cost (pages x pages) on a large site.
        let no_pages: &[usize] = &[];
        let pages = if back_links { &self.model.term_pages[index][..] } else { no_pages };
        let shown = glossary_backlinks(self.theme).min(pages.len());
        let used_by = pages[..shown]
            .iter()
            .map(|&i| {
                let a = &self.model.articles[i];
                LinkView {
                    title: a.title.clone(),
                    url: format!("{root}{}", crate::article::article_url(&a.slug)),
                }
            })
            .collect();
        TermView {
            term: e.term.clone(),
            url: format!("{root}glossary/index.html#{id}"),
            id,
            plain: e.plain.clone(),
            more: e.more.clone(),
            also: e.also.clone(),
            see,
            used_by,
            used_by_more: pages.len() - shown,
        }
    }

    fn article(&self, i: usize) -> Result<OutputFile, Diagnostic> {
        let a = &self.model.articles[i];
        let path = crate::article::article_url(&a.slug);
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let r = &a.readability;
        let view = ArticleView {
            title: &a.title,
            slug: &a.slug,
            summary: a.summary.as_deref(),
            summary_html: a.summary_html.as_deref(),
            key_points: &a.key_points_html,
            actions: &a.actions_html,
            questions_to_ask: &a.questions_html,
            topics: self.card(i, &root).topics,
            also_known_as: &a.also_known_as,
            reviewed: a.reviewed.as_ref().map(|rv| ReviewView {
                on: human_date(rv.on),
                on_iso: rv.on.to_string(),
                by: rv.by.clone(),
                next: rv.next.map(human_date),
                next_iso: rv.next.map(|d| d.to_string()),
            }),
            sources: &a.sources,
            content: &a.content_html,
            toc: &a.toc,
            words_to_know: a.terms_used.iter().map(|&t| self.term_view(t, &root, false)).collect(),
            readability: ReadabilityView {
                grade: grade_text(r.flesch_kincaid_grade),
                flesch_kincaid: grade_text(r.flesch_kincaid_grade),
                smog: grade_text(r.smog),
                reading_ease: grade_text(r.flesch_reading_ease),
                coleman_liau: grade_text(r.coleman_liau),
                words: r.words,
                sentences: r.sentences,
            },
            related: self.model.related[i].iter().map(|&j| self.card(j, &root)).collect(),
            jsonld: crate::output::jsonld::script_safe_json(&crate::output::jsonld::article_jsonld(
                a,
                self.model.config,
                self.options.base_url.as_deref(),
            )),
        };
        ctx.insert("page", &view);
        let mut og = crate::output::jsonld::OpenGraph::new(
            self.model.config,
            self.options.base_url.as_deref(),
            &path,
            &a.title,
            a.summary.as_deref().unwrap_or(&self.model.config.description),
        );
        og.kind = "article";
        ctx.insert("og", &og);
        let html = self.theme.render("article.html", &ctx).map_err(|d| in_page(d, &a.path))?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    fn home(&self) -> Result<OutputFile, Diagnostic> {
        let path = "index.html".to_string();
        let mut ctx = self.base_context(&path);
        let cards = home_cards_per_topic(self.theme);
        ctx.insert("topics", &self.topic_views("", cards));
        // Pages with no topic would otherwise be reachable only from the A-Z list.
        let untopical: Vec<usize> =
            (0..self.model.articles.len()).filter(|&i| self.model.articles[i].topics.is_empty()).collect();
        let other: Vec<ArticleCard> = untopical.iter().take(cards).map(|&i| self.card(i, "")).collect();
        ctx.insert("other_articles", &other);
        ctx.insert("other_count", &untopical.len());
        ctx.insert("article_count", &self.model.articles.len());
        let html = self.theme.render("home.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    /// Every topic with up to `cards` of its article cards.
    fn topic_views(&self, root: &str, cards: usize) -> Vec<TopicView> {
        self.model
            .topics
            .iter()
            .map(|t| TopicView {
                name: t.name.clone(),
                url: format!("{root}topics/{}/index.html", t.slug),
                count: t.articles.len(),
                articles: t.articles.iter().take(cards).map(|&i| self.card(i, root)).collect(),
            })
            .collect()
    }

    fn topic(&self, t: &Topic) -> Result<OutputFile, Diagnostic> {
        let path = format!("topics/{}/index.html", t.slug);
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        ctx.insert(
            "topic",
            &TopicView {
                name: t.name.clone(),
                url: format!("{root}{path}"),
                count: t.articles.len(),
                articles: t.articles.iter().map(|&i| self.card(i, &root)).collect(),
            },
        );
        let og = crate::output::jsonld::OpenGraph::new(
            self.model.config,
            self.options.base_url.as_deref(),
            &path,
            &t.name,
            &self.model.config.description,
        );
        ctx.insert("og", &og);
        let html = self.theme.render("topic.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    fn glossary(&self) -> Result<OutputFile, Diagnostic> {
        let path = "glossary/index.html".to_string();
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let g = self.model.glossary;
        let mut order: Vec<usize> = (0..g.entries.len()).collect();
        order.sort_by_key(|&i| g.entries[i].term.to_lowercase());
        let mut letters: Vec<LetterView> = Vec::new();
        for i in order {
            let letter = g.entries[i]
                .term
                .chars()
                .next()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        c.to_ascii_uppercase().to_string()
                    } else {
                        "#".to_string()
                    }
                })
                .unwrap_or_default();
            if letters.last().map(|l| l.letter != letter).unwrap_or(true) {
                let id = if letter == "#" {
                    "letter-other".to_string()
                } else {
                    format!("letter-{}", letter.to_lowercase())
                };
                letters.push(LetterView { letter: letter.clone(), id, terms: Vec::new() });
            }
            if let Some(l) = letters.last_mut() {
                l.terms.push(self.term_view(i, &root, true));
            }
        }
        ctx.insert("letters", &letters);
        let html = self.theme.render("glossary.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    /// The A–Z page, or with `letter` one letter's page of a list split by letter. `letters`
    /// are every letter's lines with URLs relative to the site root.
    fn az(
        &self,
        letters: &[AzLetter],
        split: bool,
        letter: Option<&AzLetter>,
    ) -> Result<OutputFile, Diagnostic> {
        use crate::output::az::letter_path;
        let path = letter.map_or_else(|| crate::output::az::AZ_PATH.to_string(), |l| letter_path(&l.id));
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let url_of = |l: &AzLetter| {
            if !split {
                format!("#{}", l.id)
            } else {
                format!("{root}{}", letter_path(&l.id))
            }
        };
        let view = |l: &AzLetter, with_entries: bool| AzLetterView {
            letter: l.letter.clone(),
            id: l.id.clone(),
            url: url_of(l),
            count: l.entries.len(),
            entries: if with_entries {
                l.entries.iter().map(|e| AzEntry { url: format!("{root}{}", e.url), ..e.clone() }).collect()
            } else {
                Vec::new()
            },
        };
        let shown: Vec<AzLetterView> = match letter {
            Some(one) => vec![view(one, true)],
            None => letters.iter().map(|l| view(l, !split)).collect(),
        };
        let nav: Vec<AzLetterView> = letters.iter().map(|l| view(l, false)).collect();
        ctx.insert("letters", &shown);
        ctx.insert("all_letters", &nav);
        ctx.insert("split", &split);
        ctx.insert("current_letter", &letter.map(|l| l.letter.clone()));
        let html = self.theme.render("az.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        let path = "404.html".to_string();
        let mut ctx = self.base_context(&path);
        // A 404 page is served at any depth, so relative links only work from the root;
        // with a base_url the links are absolute and work everywhere.
        if let Some(base) = &self.options.base_url {
            ctx.insert("root", base);
            ctx.insert("home_url", &format!("{base}index.html"));
            ctx.insert("glossary_url", &format!("{base}glossary/index.html"));
        }
        let html = self.theme.render("404.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }
}

fn in_page(d: Diagnostic, page: &std::path::Path) -> Diagnostic {
    let hint = d.hint.clone().unwrap_or_default();
    let d2 = Diagnostic { hint: None, ..d };
    d2.with_hint(format!("while rendering {}. {hint}", page.display()).trim_end().to_string())
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
    /// Topic pages, by slug.
    pub topics: std::collections::BTreeSet<String>,
}

impl IndexSelection {
    /// Whether no page is selected.
    pub fn is_empty(&self) -> bool {
        !self.home && !self.glossary && !self.az && self.az_letters.is_empty() && self.topics.is_empty()
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
    theme.settings.get(setting).and_then(serde_json::Value::as_u64).map_or(usize::MAX, |n| n as usize)
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
    let results: Vec<Result<OutputFile, Diagnostic>> = articles.par_iter().map(|&i| r.article(i)).collect();
    let mut files = Vec::with_capacity(results.len() + model.topics.len() + 4);
    let mut errors = Vec::new();
    for res in results {
        match res {
            Ok(f) => files.push(f),
            Err(d) => errors.push(d),
        }
    }
    if *index_pages != IndexPages::None {
        #[derive(Clone, Copy)]
        enum Page<'t> {
            Home,
            NotFound,
            Topic(&'t Topic),
            Glossary,
            Az(Option<&'t AzLetter>),
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
        }
        pages.extend(
            model.topics.iter().filter(|t| every_page || chosen.topics.contains(&t.slug)).map(Page::Topic),
        );
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
                pages.extend(
                    letters
                        .iter()
                        .filter(|l| every_page || letters_changed || chosen.az_letters.contains(&l.id))
                        .map(|l| Page::Az(Some(l))),
                );
            }
        }
        // Index pages of a large site are big (a topic lists hundreds of cards): render them
        // in parallel too.
        let others: Vec<Result<OutputFile, Diagnostic>> = pages
            .par_iter()
            .map(|page| match page {
                Page::Home => r.home(),
                Page::NotFound => r.not_found(),
                Page::Topic(t) => r.topic(t),
                Page::Glossary => r.glossary(),
                Page::Az(letter) => r.az(&letters, split, *letter),
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

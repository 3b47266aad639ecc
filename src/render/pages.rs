//! The renderer: each kind of page (article, home, topic, glossary, A-Z, 404) turned into a
//! template context of view structs and rendered with the theme.

use serde::Serialize;

use super::{
    az_page_size, glossary_backlinks, has_topics_index, home_cards_per_topic, home_topics, in_page,
    nav_topics, numbered_page_path, page_count, root_prefix, top_topics, topic_page_size, RenderOptions,
    SiteModel, Topic, TOPICS_PATH,
};
use crate::error::Diagnostic;
use crate::output::az::{AzEntry, AzLetter};
use crate::output::OutputFile;
use crate::plain::prose::grade_text;
use crate::theme::Theme;

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    organization: Option<&'a str>,
    disclaimer: Option<&'a str>,
    base_url: Option<&'a str>,
    reading_grade: f64,
    /// The handouts' paper as a CSS `@page` size keyword (`letter`, `A4`).
    paper: &'static str,
    /// The number emergency cards name (see [`crate::config::SiteConfig::emergency_number`]).
    emergency_number: String,
    /// Where non-urgent cards send readers, when the site names a line.
    advice_line: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    url: String,
}

/// A `<link rel="alternate" hreflang>` of a page.
#[derive(Serialize)]
struct AlternateView {
    /// The language tag, or `x-default`.
    hreflang: String,
    /// The other version's address (absolute with a base URL, else relative to this page).
    url: String,
}

/// The language switcher's entry for one other language: the same page in it, or (when it
/// has none) a note in that language and a link to its home page.
#[derive(Serialize)]
struct SwitchView {
    /// The language tag (for `lang` and `hreflang`).
    language: String,
    /// The language's own name ("Español").
    name: String,
    /// The same page in that language, when it exists.
    url: Option<String>,
    /// "Esta página no está en español todavía." when it does not (in that language).
    missing: Option<String>,
    /// That language's home page.
    home_url: String,
    /// "Ir a la portada en español" (in that language).
    home_label: String,
}

/// A main-language page another language has no version of yet (its home lists them).
#[derive(Serialize)]
struct ElsewhereView {
    title: String,
    url: String,
    /// Its language tag, for `lang` and `hreflang` on the link.
    language: String,
    /// Its language's own name.
    language_name: String,
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

/// Where a page of a list split into numbered pages sits, with links to its neighbours.
#[derive(Serialize)]
struct PaginationView {
    /// This page's number, from 1.
    number: usize,
    /// How many pages the list has.
    total: usize,
    /// The previous page, relative to this one.
    prev_url: Option<String>,
    /// The next page, relative to this one.
    next_url: Option<String>,
}

impl PaginationView {
    /// Page `number` of `total` of the list whose first page is `first`, seen from `root`.
    fn new(first: &str, number: usize, total: usize, root: &str) -> Self {
        let url = |n: usize| format!("{root}{}", numbered_page_path(first, n));
        PaginationView {
            number,
            total,
            prev_url: (number > 1).then(|| url(number - 1)),
            next_url: (number < total).then(|| url(number + 1)),
        }
    }
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
pub(super) struct ReviewView {
    on: String,
    on_iso: String,
    by: Option<String>,
    next: Option<String>,
    next_iso: Option<String>,
    /// `ok`, `due_soon` or `overdue` on the build's date (see [`crate::review::ReviewStatus`]).
    status: &'static str,
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
pub(super) struct ArticleView<'a> {
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
    /// A Spanish page's INFLESZ score, shown instead of a grade.
    inflesz: Option<crate::article::InfleszScore>,
    related: Vec<ArticleCard>,
    /// `MedicalWebPage` JSON-LD, already escaped for a `<script>` element.
    jsonld: String,
    /// When to get help, each sign as HTML (`partials/get-help.html`).
    get_help: Option<&'a crate::content::get_help::GetHelp>,
    /// Who translated the page and when (a translated page).
    translation: Option<TranslationView<'a>>,
}

/// A translated page's credit: who translated it, when, and who reviewed the translation.
#[derive(Serialize)]
pub(super) struct TranslationView<'a> {
    by: &'a str,
    on: String,
    on_iso: String,
    reviewed_by: Option<&'a str>,
}

pub(super) struct Renderer<'a> {
    pub(super) model: &'a SiteModel<'a>,
    pub(super) theme: &'a Theme,
    pub(super) options: &'a RenderOptions,
}

impl Renderer<'_> {
    /// The output path of an index page of the model's language (`es/` + `glossary/index.html`).
    fn in_language(&self, rel: &str) -> String {
        format!("{}{rel}", self.model.lang.prefix)
    }

    /// The model's language.
    fn language(&self) -> &str {
        &self.model.lang.language
    }

    /// A date in the model's language ("4 de diciembre de 2023").
    fn date(&self, d: jiff::civil::Date) -> String {
        self.theme.translations.date(self.language(), d)
    }

    /// A language's own name, from its theme strings (`language.name`), else the built-in list.
    fn language_name(&self, language: &str) -> String {
        let strings = &self.theme.translations;
        // `get` falls back to English, whose name is not this language's.
        let has_own = strings.resolve(language) != crate::i18n::FALLBACK_LANGUAGE
            || language.to_ascii_lowercase().starts_with(crate::i18n::FALLBACK_LANGUAGE);
        match strings.get(language, "language.name").filter(|_| has_own) {
            Some(name) => name.to_string(),
            None => crate::output::codes::language_name(language).to_string(),
        }
    }

    /// Open Graph values for a page at `path`, in the model's language.
    fn open_graph(&self, path: &str, title: &str, description: &str) -> crate::output::jsonld::OpenGraph {
        let mut og = crate::output::jsonld::OpenGraph::new(
            self.model.config,
            self.options.base_url.as_deref(),
            path,
            title,
            description,
        );
        og.locale = self.language().replace('-', "_");
        og
    }

    /// The page's `hreflang` links (every version, itself and `x-default` included) and the
    /// language switcher's entries, from `root` (the relative way to the site root).
    fn language_links(&self, path: &str, root: &str) -> (Vec<AlternateView>, Vec<SwitchView>) {
        let Some(pairing) = self.model.lang.pairing else { return (Vec::new(), Vec::new()) };
        let url = |p: &str| match &self.options.base_url {
            Some(base) => crate::output::sitemap::pretty_url(base, p),
            None => format!("{root}{p}"),
        };
        let versions = pairing.alternates(path);
        let mut alternates: Vec<AlternateView> = versions
            .iter()
            .map(|v| AlternateView { hreflang: v.language.clone(), url: url(&v.path) })
            .collect();
        if let Some(default) = pairing.x_default(path) {
            alternates.push(AlternateView { hreflang: "x-default".into(), url: url(&default.path) });
        }
        let strings = &self.theme.translations;
        let switch = pairing
            .languages()
            .iter()
            .filter(|l| **l != self.model.lang.language)
            .map(|other| {
                let version = versions.iter().find(|v| v.language == *other);
                let prefix = self.model.config.language_prefix(other);
                let name = self.language_name(other);
                let home_label = strings.get(other, "language.home").unwrap_or("Home");
                SwitchView {
                    language: other.clone(),
                    url: version.map(|v| format!("{root}{}", v.path)),
                    missing: version.is_none().then(|| {
                        let text = strings
                            .get(other, "language.not_yet")
                            .unwrap_or("This page is not in {language} yet.");
                        crate::i18n::fill(text, &[("language", name.clone())])
                    }),
                    home_url: format!("{root}{prefix}index.html"),
                    home_label: crate::i18n::fill(home_label, &[("language", name.clone())]),
                    name,
                }
            })
            .collect();
        (alternates, switch)
    }

    pub(super) fn base_context(&self, path: &str) -> tera::Context {
        let root = root_prefix(path);
        let lang_root = format!("{root}{}", self.model.lang.prefix);
        let c = self.model.config;
        let mut ctx = tera::Context::new();
        ctx.insert(
            "site",
            &SiteView {
                title: &c.title,
                description: &c.description,
                language: &self.model.lang.language,
                organization: c.organization.as_deref(),
                disclaimer: c.disclaimer.as_deref(),
                base_url: self.options.base_url.as_deref(),
                reading_grade: c.reading_grade,
                paper: self.options.paper.unwrap_or_else(|| c.paper()).css(),
                emergency_number: c.emergency_number(),
                advice_line: c.advice_line.as_deref(),
            },
        );
        // The most-used topics only, so no page grows with the number of topics.
        let topics: Vec<LinkView> = top_topics(&self.model.topics, nav_topics(self.theme))
            .into_iter()
            .map(|i| &self.model.topics[i])
            .map(|t| LinkView {
                title: t.name.clone(),
                url: format!("{lang_root}topics/{}/index.html", t.slug),
            })
            .collect();
        ctx.insert("topics_nav", &topics);
        ctx.insert("topic_count", &self.model.topics.len());
        ctx.insert("has_topics_index", &has_topics_index(self.model, self.theme));
        ctx.insert("topics_url", &format!("{lang_root}{TOPICS_PATH}"));
        ctx.insert("pagination", &None::<PaginationView>);
        ctx.insert("home_url", &format!("{lang_root}index.html"));
        ctx.insert("glossary_url", &format!("{lang_root}glossary/index.html"));
        ctx.insert("has_glossary", &!self.model.glossary.entries.is_empty());
        // Relative to the language's folder, so `index.html` is every language's home.
        ctx.insert("page_path", path.strip_prefix(self.model.lang.prefix.as_str()).unwrap_or(path));
        ctx.insert("lang", &self.model.lang.language);
        // Search and other scripts find the language's own files (its search index) here.
        ctx.insert("lang_root", &lang_root);
        ctx.insert("lang_prefix", &self.model.lang.prefix);
        let (alternates, switch) = self.language_links(path, &root);
        ctx.insert("alternates", &alternates);
        ctx.insert("language_switch", &switch);
        let canonical =
            self.options.base_url.as_ref().map(|b| format!("{b}{}", path.trim_end_matches("index.html")));
        ctx.insert("canonical", &canonical);
        ctx.insert("theme", &self.theme.settings);
        ctx.insert("preview", &self.options.preview);
        ctx.insert("root", &root);
        ctx.insert("og", &self.open_graph(path, &c.title, &c.description));
        ctx.insert("az_url", &format!("{lang_root}{}", crate::output::az::AZ_PATH));
        ctx.insert("has_az", &self.theme.has_template("az.html"));
        ctx.insert("accessibility_url", &format!("{lang_root}{}", super::ACCESSIBILITY_PATH));
        ctx.insert("has_accessibility", &self.theme.has_template("accessibility.html"));
        ctx
    }

    /// The accessibility statement. Its "last automated check" is the build's date: every
    /// build runs the checks (internal links and anchors, raw HTML, reading level) and
    /// refuses to write a site that fails them.
    pub(super) fn accessibility(&self) -> Result<OutputFile, Diagnostic> {
        #[derive(Serialize)]
        struct StatementView<'a> {
            contact: Option<&'a str>,
            standard: &'a str,
            known_issues: &'a [String],
            checked_on: String,
            checked_iso: String,
        }
        let path = self.in_language(super::ACCESSIBILITY_PATH);
        let mut ctx = self.base_context(&path);
        let a = &self.model.config.accessibility;
        let today = crate::review::today();
        ctx.insert(
            "statement",
            &StatementView {
                contact: a.contact.as_deref(),
                standard: &a.standard,
                known_issues: &a.known_issues,
                checked_on: self.date(today),
                checked_iso: today.to_string(),
            },
        );
        let html = self.theme.render("accessibility.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    /// An article's card, with URLs from `root` (the relative way to the site root).
    fn card(&self, i: usize, root: &str) -> ArticleCard {
        let a = &self.model.articles[i];
        let lang_root = format!("{root}{}", self.model.lang.prefix);
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
                    url: format!("{lang_root}topics/{}/index.html", crate::slug::slugify(t)),
                })
                .collect(),
        }
    }

    /// A glossary entry, with URLs from `root` (the relative way to the site root).
    fn term_view(&self, index: usize, root: &str, back_links: bool) -> TermView {
        let g = self.model.glossary;
        let lang_root = format!("{root}{}", self.model.lang.prefix);
        let e = &g.entries[index];
        let id = g.slugs[index].clone();
        let see = e
            .see
            .iter()
            .filter_map(|s| {
                g.entry_for(s).map(|j| LinkView {
                    title: g.entries[j].term.clone(),
                    url: format!("{lang_root}glossary/index.html#{}", g.slugs[j]),
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
            url: format!("{lang_root}glossary/index.html#{id}"),
            id,
            plain: e.plain.clone(),
            more: e.more.clone(),
            also: e.also.clone(),
            see,
            used_by,
            used_by_more: pages.len() - shown,
        }
    }

    /// What an article's templates (its page and its sheet) show, with URLs from `root`.
    pub(super) fn article_view(&self, i: usize, root: &str) -> ArticleView<'_> {
        let a = &self.model.articles[i];
        let r = &a.readability;
        ArticleView {
            title: &a.title,
            slug: &a.slug,
            summary: a.summary.as_deref(),
            summary_html: a.summary_html.as_deref(),
            key_points: &a.key_points_html,
            actions: &a.actions_html,
            questions_to_ask: &a.questions_html,
            topics: self.card(i, root).topics,
            also_known_as: &a.also_known_as,
            reviewed: a.reviewed.as_ref().map(|rv| {
                // Without `reviewed.next`, the site's review interval sets the date shown.
                let next = rv.next.or(a.review_status.next());
                let date = |d| self.date(d);
                ReviewView {
                    on: date(rv.on),
                    on_iso: rv.on.to_string(),
                    by: rv.by.clone(),
                    next: next.map(date),
                    next_iso: next.map(|d| d.to_string()),
                    status: a.review_status.code(),
                }
            }),
            sources: &a.sources,
            content: &a.content_html,
            toc: &a.toc,
            words_to_know: a.terms_used.iter().map(|&t| self.term_view(t, root, false)).collect(),
            readability: ReadabilityView {
                grade: grade_text(r.flesch_kincaid_grade),
                flesch_kincaid: grade_text(r.flesch_kincaid_grade),
                smog: grade_text(r.smog),
                reading_ease: grade_text(r.flesch_reading_ease),
                coleman_liau: grade_text(r.coleman_liau),
                words: r.words,
                sentences: r.sentences,
            },
            inflesz: a.inflesz,
            related: self.model.related[i].iter().map(|&j| self.card(j, root)).collect(),
            get_help: a.get_help.as_ref(),
            translation: a.translation.as_ref().map(|t| TranslationView {
                by: &t.by,
                on: self.date(t.on),
                on_iso: t.on.to_string(),
                reviewed_by: t.reviewed_by.as_deref().filter(|r| !r.trim().is_empty()),
            }),
            jsonld: crate::output::jsonld::script_safe_json(&crate::output::jsonld::article_jsonld(
                a,
                self.model.config,
                self.options.base_url.as_deref(),
                self.model.lang.pairing.map_or(&[], |p| p.alternates(&crate::article::article_url(&a.slug))),
            )),
        }
    }

    pub(super) fn article(&self, i: usize) -> Result<OutputFile, Diagnostic> {
        let a = &self.model.articles[i];
        let path = crate::article::article_url(&a.slug);
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        ctx.insert("page", &self.article_view(i, &root));
        if self.theme.has_template(super::handout::SHEET_TEMPLATE) {
            ctx.insert("sheet_url", crate::article::SHEET_PAGE);
        }
        let mut og =
            self.open_graph(&path, &a.title, a.summary.as_deref().unwrap_or(&self.model.config.description));
        og.kind = "article";
        ctx.insert("og", &og);
        let html = self.theme.render("article.html", &ctx).map_err(|d| in_page(d, &a.path))?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    pub(super) fn home(&self) -> Result<OutputFile, Diagnostic> {
        let path = self.in_language("index.html");
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let cards = home_cards_per_topic(self.theme);
        let shown = top_topics(&self.model.topics, home_topics(self.theme));
        ctx.insert("topics", &self.topic_views(&root, cards, &shown));
        // Pages not in this language yet are listed, not silently missing.
        let main = &self.model.config.language;
        let elsewhere: Vec<ElsewhereView> = self
            .model
            .lang
            .pairing
            .map_or(&[][..], |p| p.untranslated(self.language()))
            .iter()
            .map(|alt| ElsewhereView {
                title: alt.title.clone(),
                url: format!("{root}{}", alt.path),
                language: alt.language.clone(),
                language_name: self.language_name(main),
            })
            .collect();
        ctx.insert("elsewhere", &elsewhere);
        // Pages with no topic would otherwise be reachable only from the A-Z list.
        let untopical: Vec<usize> =
            (0..self.model.articles.len()).filter(|&i| self.model.articles[i].topics.is_empty()).collect();
        let other: Vec<ArticleCard> = untopical.iter().take(cards).map(|&i| self.card(i, &root)).collect();
        ctx.insert("other_articles", &other);
        ctx.insert("other_count", &untopical.len());
        ctx.insert("article_count", &self.model.articles.len());
        let html = self.theme.render("home.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    /// The topics at `shown` (indexes into the model's topics) with up to `cards` of their
    /// article cards each, with URLs from `root` (the relative way to the site root).
    fn topic_views(&self, root: &str, cards: usize, shown: &[usize]) -> Vec<TopicView> {
        let lang_root = format!("{root}{}", self.model.lang.prefix);
        shown
            .iter()
            .map(|&i| &self.model.topics[i])
            .map(|t| TopicView {
                name: t.name.clone(),
                url: format!("{lang_root}topics/{}/index.html", t.slug),
                count: t.articles.len(),
                articles: t.articles.iter().take(cards).map(|&i| self.card(i, root)).collect(),
            })
            .collect()
    }

    /// The topics index: every topic, by name, with how many pages it has.
    pub(super) fn topics_index(&self) -> Result<OutputFile, Diagnostic> {
        let path = self.in_language(TOPICS_PATH);
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let all: Vec<usize> = (0..self.model.topics.len()).collect();
        ctx.insert("topics", &self.topic_views(&root, 0, &all));
        let html = self.theme.render("topics.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    /// Page `number` (from 1) of a topic's list of pages.
    pub(super) fn topic(&self, t: &Topic, number: usize) -> Result<OutputFile, Diagnostic> {
        let first = self.in_language(&format!("topics/{}/index.html", t.slug));
        let path = numbered_page_path(&first, number);
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let per_page = topic_page_size(self.theme);
        let total = page_count(t.articles.len(), per_page);
        ctx.insert(
            "topic",
            &TopicView {
                name: t.name.clone(),
                url: format!("{root}{first}"),
                count: t.articles.len(),
                articles: t
                    .articles
                    .iter()
                    .skip((number - 1) * per_page)
                    .take(per_page)
                    .map(|&i| self.card(i, &root))
                    .collect(),
            },
        );
        ctx.insert("pagination", &PaginationView::new(&first, number, total, &root));
        ctx.insert("og", &self.open_graph(&path, &t.name, &self.model.config.description));
        let html = self.theme.render("topic.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    pub(super) fn glossary(&self) -> Result<OutputFile, Diagnostic> {
        let path = self.in_language("glossary/index.html");
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
    pub(super) fn az(
        &self,
        letters: &[AzLetter],
        split: bool,
        letter: Option<(&AzLetter, usize)>,
    ) -> Result<OutputFile, Diagnostic> {
        let letter_path = |id: &str| self.in_language(&crate::output::az::letter_path(id));
        let path = letter.map_or_else(
            || self.in_language(crate::output::az::AZ_PATH),
            |(l, n)| numbered_page_path(&letter_path(&l.id), n),
        );
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        let url_of = |l: &AzLetter| {
            if !split {
                format!("#{}", l.id)
            } else {
                format!("{root}{}", letter_path(&l.id))
            }
        };
        let per_page = az_page_size(self.theme);
        // `page`: which numbered page of the letter's lines to show (0 for all of them).
        let view = |l: &AzLetter, with_entries: bool, page: usize| AzLetterView {
            letter: l.letter.clone(),
            id: l.id.clone(),
            url: url_of(l),
            count: l.entries.len(),
            entries: if with_entries {
                let (skip, take) =
                    if page == 0 { (0, usize::MAX) } else { ((page - 1) * per_page, per_page) };
                l.entries
                    .iter()
                    .skip(skip)
                    .take(take)
                    .map(|e| AzEntry { url: format!("{root}{}", e.url), ..e.clone() })
                    .collect()
            } else {
                Vec::new()
            },
        };
        let shown: Vec<AzLetterView> = match letter {
            Some((one, n)) => vec![view(one, true, n)],
            None => letters.iter().map(|l| view(l, !split, 0)).collect(),
        };
        if let Some((one, n)) = letter {
            let total = page_count(one.entries.len(), per_page);
            ctx.insert("pagination", &PaginationView::new(&letter_path(&one.id), n, total, &root));
        }
        let nav: Vec<AzLetterView> = letters.iter().map(|l| view(l, false, 0)).collect();
        ctx.insert("letters", &shown);
        ctx.insert("all_letters", &nav);
        ctx.insert("split", &split);
        ctx.insert("current_letter", &letter.map(|(l, _)| l.letter.clone()));
        let html = self.theme.render("az.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }

    pub(super) fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        let path = self.in_language("404.html");
        let mut ctx = self.base_context(&path);
        // A 404 page is served at any depth, so relative links only work from the root;
        // with a base_url the links are absolute and work everywhere.
        let root = match &self.options.base_url {
            Some(base) => {
                let prefix = &self.model.lang.prefix;
                ctx.insert("root", base);
                ctx.insert("lang_root", &format!("{base}{prefix}"));
                ctx.insert("home_url", &format!("{base}{prefix}index.html"));
                ctx.insert("glossary_url", &format!("{base}{prefix}glossary/index.html"));
                base.clone()
            }
            None => root_prefix(&path),
        };
        // A missing page has no version in another language: the switcher goes to each
        // language's home, without "this page is not in English yet".
        let (_, switch) = self.language_links(&path, &root);
        let switch: Vec<SwitchView> = switch
            .into_iter()
            .map(|s| SwitchView { url: Some(s.home_url.clone()), missing: None, ..s })
            .collect();
        ctx.insert("language_switch", &switch);
        let html = self.theme.render("404.html", &ctx)?;
        Ok(OutputFile { path, bytes: html.into_bytes() })
    }
}

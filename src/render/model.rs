//! The site model: everything the templates can show, computed once per build from the
//! articles (topics, glossary back-links, related pages).

use super::related::all_related;
use crate::article::Article;
use crate::config::SiteConfig;
use crate::glossary::Glossary;

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

/// Which language a [`SiteModel`] is, and how its pages pair with the other languages'.
#[derive(Debug, Clone)]
pub struct LanguageContext<'a> {
    /// The language tag of every page the model renders.
    pub language: String,
    /// Its folder inside the output: `""` for the main language, `es/` for Spanish.
    pub prefix: String,
    /// The pages of every language paired (None on a site with one language).
    pub pairing: Option<&'a crate::output::pairing::Pairing>,
    /// Where the model's articles start in the site's whole sorted list.
    pub offset: usize,
}

impl LanguageContext<'_> {
    /// The main language of `config`, unpaired.
    pub fn main(config: &SiteConfig) -> Self {
        LanguageContext { language: config.language.clone(), prefix: String::new(), pairing: None, offset: 0 }
    }
}

/// Everything the templates can show, computed once per build: one language's pages (a site
/// in several languages has a model per language, see [`crate::render::language_models`]).
#[derive(Debug)]
pub struct SiteModel<'a> {
    /// Site settings.
    pub config: &'a SiteConfig,
    /// The model's language and its pairing with the others.
    pub lang: LanguageContext<'a>,
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
        SiteModel {
            config,
            lang: LanguageContext::main(config),
            articles,
            glossary,
            topics,
            term_pages,
            related,
        }
    }

    /// The same model as the pages of `language`, whose articles start at `offset` in the
    /// site's whole sorted list.
    pub fn in_language(mut self, language: &str, offset: usize) -> Self {
        self.lang = LanguageContext {
            language: language.to_string(),
            prefix: self.config.language_prefix(language),
            pairing: None,
            offset,
        };
        self
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
        // A site has few topic names and many pages: each name is slugified and looked up by
        // hash once, and the topics are sorted by slug at the end (the live preview redoes this
        // on every retitle, so it must not compare slugs once per page).
        let mut topics: Vec<Topic> = Vec::new();
        let mut topic_of_slug: ahash::AHashMap<String, usize> = ahash::AHashMap::new();
        let mut topic_of_name: ahash::AHashMap<&str, usize> = ahash::AHashMap::new();
        for (i, a) in articles.iter().enumerate() {
            for t in &a.topics {
                let at = *topic_of_name.entry(t.as_str()).or_insert_with(|| {
                    let slug = crate::slug::slugify(t);
                    *topic_of_slug.entry(slug.clone()).or_insert_with(|| {
                        topics.push(Topic { name: t.clone(), slug, articles: Vec::new() });
                        topics.len() - 1
                    })
                });
                topics[at].articles.push(i);
            }
        }
        topics.sort_by(|a, b| a.slug.cmp(&b.slug));
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
            lang: LanguageContext::main(config),
            articles,
            glossary,
            topics,
            term_pages,
            related,
        }
    }
}

//! Pages paired across languages: an article and its translations, and each language's index
//! pages (home, glossary, A–Z, topics, accessibility) with the other languages' same page.
//! The `hreflang` links, the language switcher, JSON-LD's `workTranslation` and the sitemap's
//! `xhtml:link` alternates all read this one map, so they always agree (and are symmetric:
//! every page of a group lists every other).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::article::{article_url, pair_key, Article};
use crate::config::SiteConfig;

/// One language version of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternate {
    /// Its language tag.
    pub language: String,
    /// Its output path (`es/terapia-genica/index.html`).
    pub path: String,
    /// Its title (an article's; empty for index pages).
    pub title: String,
}

/// Which pages are the same page in several languages.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// The site's languages, main one first.
    languages: Vec<String>,
    /// Output path -> its group.
    group_of: HashMap<String, usize>,
    /// Each group's versions, in `languages` order.
    groups: Vec<Vec<Alternate>>,
    /// For each other language, the main-language articles it has no version of, in title order.
    untranslated: BTreeMap<String, Vec<Alternate>>,
}

/// The index pages that exist in every language's folder when the site has them (the home
/// page always), relative to the language's folder.
pub const PAIRED_INDEX_PAGES: &[&str] =
    &["index.html", "glossary/index.html", "a-z/index.html", "topics/index.html", "accessibility/index.html"];

impl Pairing {
    /// Pair `articles` (every language's, sorted) and the index pages each language has
    /// (`index_pages`: language -> paths relative to its folder, a subset of [`PAIRED_INDEX_PAGES`]).
    pub fn new(
        config: &SiteConfig,
        articles: &[Article],
        index_pages: &BTreeMap<String, Vec<String>>,
    ) -> Pairing {
        let languages = config.languages.clone();
        let rank = |language: &str| languages.iter().position(|l| l == language).unwrap_or(usize::MAX);
        let mut by_key: BTreeMap<String, Vec<Alternate>> = BTreeMap::new();
        for a in articles {
            let key = format!("page:{}", pair_key(a).display());
            by_key.entry(key).or_default().push(Alternate {
                language: a.language.clone(),
                path: article_url(&a.slug),
                title: a.title.clone(),
            });
        }
        for (language, pages) in index_pages {
            let prefix = config.language_prefix(language);
            for page in pages {
                by_key.entry(format!("index:{page}")).or_default().push(Alternate {
                    language: language.clone(),
                    path: format!("{prefix}{page}"),
                    title: String::new(),
                });
            }
        }
        let mut pairing = Pairing { languages: languages.clone(), ..Pairing::default() };
        for (_, mut group) in by_key {
            group.sort_by_key(|alt| rank(&alt.language));
            let is_main_article = |alt: &Alternate| alt.language == config.language && !alt.title.is_empty();
            if let Some(main) = group.iter().find(|a| is_main_article(a)) {
                for other in config.other_languages() {
                    if !group.iter().any(|alt| alt.language == other) {
                        pairing.untranslated.entry(other.to_string()).or_default().push(main.clone());
                    }
                }
            }
            if group.len() < 2 {
                continue;
            }
            let id = pairing.groups.len();
            for alt in &group {
                pairing.group_of.insert(alt.path.clone(), id);
            }
            pairing.groups.push(group);
        }
        let position: HashMap<String, usize> =
            articles.iter().enumerate().map(|(i, a)| (article_url(&a.slug), i)).collect();
        for list in pairing.untranslated.values_mut() {
            list.sort_by_key(|alt| position.get(&alt.path).copied().unwrap_or(usize::MAX));
        }
        pairing
    }

    /// [`Pairing::new`] with each language's index pages read from the site's output paths
    /// (the sitemap and the feeds are made after the pages).
    pub fn from_paths(config: &SiteConfig, articles: &[Article], page_paths: &[&str]) -> Pairing {
        let made: std::collections::HashSet<&str> = page_paths.iter().copied().collect();
        let index = config
            .languages
            .iter()
            .map(|language| {
                let prefix = config.language_prefix(language);
                let pages = PAIRED_INDEX_PAGES
                    .iter()
                    .filter(|p| made.contains(format!("{prefix}{p}").as_str()))
                    .map(|p| p.to_string())
                    .collect();
                (language.clone(), pages)
            })
            .collect();
        Pairing::new(config, articles, &index)
    }

    /// Every language version of the page at `path`, itself included, in the site's language
    /// order; empty when the page exists in one language only.
    pub fn alternates(&self, path: &str) -> &[Alternate] {
        self.group_of.get(path).map_or(&[], |&g| &self.groups[g])
    }

    /// The version `x-default` names: the main language's, else the first.
    pub fn x_default(&self, path: &str) -> Option<&Alternate> {
        let all = self.alternates(path);
        all.iter().find(|a| Some(&a.language) == self.languages.first()).or(all.first())
    }

    /// The main-language articles `language` has no version of, in title order.
    pub fn untranslated(&self, language: &str) -> &[Alternate] {
        self.untranslated.get(language).map_or(&[], Vec::as_slice)
    }

    /// The site's languages, main one first.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse("title: X\nlanguages: [en, es]\n", "site.yaml".as_ref()).expect("config")
    }

    fn spanish(title: &str, slug: &str, of: &str) -> Article {
        Article {
            language: "es".into(),
            path: format!("content/es/{slug}.md").into(),
            translation_of: Some(format!("content/{of}").into()),
            ..Article::sample(title, &format!("es/{slug}"))
        }
    }

    #[test]
    fn translations_pair_both_ways_and_the_rest_are_untranslated() {
        let mut articles = vec![
            Article::sample("Asthma", "asthma"),
            Article::sample("Gene therapy", "gene-therapy"),
            spanish("Terapia génica", "terapia-genica", "gene-therapy.md"),
            Article { language: "es".into(), ..Article::sample("Solo en español", "es/solo") },
        ];
        crate::article::sort_articles(&mut articles);
        let index = BTreeMap::from([
            ("en".to_string(), vec!["index.html".to_string(), "glossary/index.html".to_string()]),
            ("es".to_string(), vec!["index.html".to_string()]),
        ]);
        let p = Pairing::new(&config(), &articles, &index);
        let paths =
            |path: &str| -> Vec<String> { p.alternates(path).iter().map(|a| a.path.clone()).collect() };
        assert_eq!(
            paths("gene-therapy/index.html"),
            ["gene-therapy/index.html", "es/terapia-genica/index.html"]
        );
        assert_eq!(paths("es/terapia-genica/index.html"), paths("gene-therapy/index.html"));
        assert_eq!(paths("index.html"), ["index.html", "es/index.html"]);
        assert!(paths("glossary/index.html").is_empty(), "the Spanish site has no glossary");
        assert!(paths("asthma/index.html").is_empty() && paths("es/solo/index.html").is_empty());
        assert_eq!(p.x_default("es/index.html").map(|a| a.path.as_str()), Some("index.html"));
        let untranslated: Vec<&str> = p.untranslated("es").iter().map(|a| a.title.as_str()).collect();
        assert_eq!(untranslated, ["Asthma"]);
    }
}

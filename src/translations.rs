//! Translation upkeep: which main-language pages have no page in another language yet, and
//! which translations are stale (their original was reviewed after the translation was made).
//! `plainleaf check` reports both, naming both files; `plainleaf review` marks the same
//! translations stale (one rule, [`is_stale`]).

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::article::Article;
use crate::config::SiteConfig;

/// A translation and the original it translates, as indexes into the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The main-language page.
    pub source: usize,
    /// The page translating it.
    pub translation: usize,
}

/// Every translation whose original is among `articles` (a draft original left out of the
/// build pairs with nothing).
pub fn pairs(articles: &[Article]) -> Vec<Pair> {
    let by_path: HashMap<&Path, usize> =
        articles.iter().enumerate().map(|(i, a)| (a.path.as_path(), i)).collect();
    articles
        .iter()
        .enumerate()
        .filter_map(|(t, a)| {
            let source = *by_path.get(a.translation_of.as_deref()?)?;
            Some(Pair { source, translation: t })
        })
        .collect()
}

/// The date a translation must be newer than: its original's last review (from
/// `reviewed.on`, or the review date lifted from its seed). A page changes for readers when it
/// is reviewed and signed off, so this is the date that says "the original changed"; the
/// file's modification time is not used, as a checkout or a copy changes it.
pub fn source_changed(source: &Article) -> Option<jiff::civil::Date> {
    source.reviewed.as_ref().map(|r| r.on)
}

/// Whether `translation` is older than its `source`'s last review: the translation was made
/// (`translation.on`) before the original was last reviewed.
pub fn is_stale(source: &Article, translation: &Article) -> bool {
    match (source_changed(source), translation.translation.as_ref()) {
        (Some(changed), Some(t)) => changed > t.on,
        _ => false,
    }
}

/// One language's missing translations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The language tag.
    pub language: String,
    /// Main-language content files with no page in it, by title.
    pub pages: Vec<String>,
}

/// A translation older than its original's last review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stale {
    /// The translation's content file.
    pub translation: String,
    /// The original's content file.
    pub source: String,
    /// When the translation was made (`translation.on`).
    pub translated_on: jiff::civil::Date,
    /// When the original was last reviewed.
    pub source_reviewed_on: jiff::civil::Date,
}

/// What `check` says about a site's translations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Upkeep {
    /// For each language other than the main one, the pages not in it yet.
    pub missing: Vec<Missing>,
    /// Translations older than their original's last review.
    pub stale: Vec<Stale>,
    /// Translations whose `translation:` block names no reviewer (`reviewed_by`).
    pub unreviewed: Vec<String>,
}

/// The upkeep of a site in several languages (None for a site in one language).
pub fn upkeep(articles: &[Article], config: &SiteConfig) -> Option<Upkeep> {
    if !config.is_multilingual() {
        return None;
    }
    let shown = |a: &Article| a.path.display().to_string().replace('\\', "/");
    let pairs = pairs(articles);
    let missing = config
        .other_languages()
        .map(|language| Missing {
            language: language.to_string(),
            pages: articles
                .iter()
                .enumerate()
                .filter(|(_, a)| a.language == config.language)
                .filter(|(i, _)| {
                    !pairs.iter().any(|p| p.source == *i && articles[p.translation].language == language)
                })
                .map(|(_, a)| shown(a))
                .collect(),
        })
        .collect();
    let stale = pairs
        .iter()
        .filter(|p| is_stale(&articles[p.source], &articles[p.translation]))
        .filter_map(|p| {
            let (source, translation) = (&articles[p.source], &articles[p.translation]);
            Some(Stale {
                translation: shown(translation),
                source: shown(source),
                translated_on: translation.translation.as_ref()?.on,
                source_reviewed_on: source_changed(source)?,
            })
        })
        .collect();
    let unreviewed = articles
        .iter()
        .filter(|a| {
            a.translation
                .as_ref()
                .is_some_and(|t| t.reviewed_by.as_deref().is_none_or(|r| r.trim().is_empty()))
        })
        .map(shown)
        .collect();
    Some(Upkeep { missing, stale, unreviewed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Reviewed, Translation};

    fn reviewed(on: jiff::civil::Date) -> Option<Reviewed> {
        Some(Reviewed { on, by: None, next: None, note: None })
    }

    fn translated(of: &str, on: jiff::civil::Date, reviewer: Option<&str>) -> Option<Translation> {
        Some(Translation { of: Some(of.into()), by: "A".into(), reviewed_by: reviewer.map(Into::into), on })
    }

    #[test]
    fn stale_when_the_original_was_reviewed_after_the_translation() {
        let d = jiff::civil::date;
        let config =
            SiteConfig::parse("title: X\nlanguages: [en, es]\n", "site.yaml".as_ref()).expect("config");
        let articles = vec![
            Article { reviewed: reviewed(d(2026, 6, 1)), ..Article::sample("Gene therapy", "gene") },
            Article { reviewed: reviewed(d(2026, 1, 1)), ..Article::sample("Asthma", "asthma") },
            Article {
                language: "es".into(),
                translation_of: Some("content/gene.md".into()),
                translation: translated("gene.md", d(2026, 5, 1), None),
                ..Article::sample("Terapia génica", "es/gen")
            },
            Article {
                language: "es".into(),
                translation_of: Some("content/asthma.md".into()),
                translation: translated("asthma.md", d(2026, 1, 1), Some("B")),
                ..Article::sample("Asma", "es/asma")
            },
        ];
        let u = upkeep(&articles, &config).expect("two languages");
        assert_eq!(u.missing, [Missing { language: "es".into(), pages: vec![] }]);
        assert_eq!(u.stale.len(), 1, "{u:?}");
        assert_eq!(
            (u.stale[0].translation.as_str(), u.stale[0].source.as_str()),
            ("content/es/gen.md", "content/gene.md")
        );
        assert_eq!(u.unreviewed, ["content/es/gen.md"]);
        let u = upkeep(&articles[..3], &config).expect("two languages");
        assert_eq!(
            u.missing[0].pages,
            ["content/asthma.md"],
            "the same day is not stale, a missing page is listed"
        );
        let one = SiteConfig::parse("title: X\n", "site.yaml".as_ref()).expect("config");
        assert!(upkeep(&articles, &one).is_none());
    }
}

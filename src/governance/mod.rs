//! Clinical governance facts per page: who owns it, who signed it off and when, where it
//! stands in its review cycle, how it reads against its target, what is unfinished, and how
//! its translations keep up. [`page_facts`] is the one source: `plainleaf check` puts these
//! facts in its report and `plainleaf review` lists them for the whole library.

pub mod dashboard;
pub mod table;

use jiff::civil::Date;
use serde::Serialize;

use crate::article::Article;
use crate::config::SiteConfig;
use crate::plain::prose::round_grade;

/// The version of the `review --format json` schema; bumped on any breaking change.
pub const SCHEMA_VERSION: u32 = 1;

/// One page's governance facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageFacts {
    /// Content file, site-relative.
    pub path: String,
    /// Title.
    pub title: String,
    /// The page's address inside the site (`slug/index.html`).
    pub url: String,
    /// The page's language (the site's `language` unless the page says otherwise).
    pub language: String,
    /// Who owns the page (`owner:`).
    pub owner: Option<String>,
    /// Who signed it off (`reviewed.by`).
    pub reviewer: Option<String>,
    /// The sign-off note (`reviewed.note`).
    pub sign_off_note: Option<String>,
    /// The last review (`reviewed.on`, or the date the seed gives).
    pub last_review: Option<Date>,
    /// When the next review is due (`reviewed.next`, or the last review plus the interval).
    pub next_review: Option<Date>,
    /// `ok`, `due_soon`, `overdue` or `never_reviewed`, on the date given.
    pub status: &'static str,
    /// Days from the date given to the next review (negative when overdue).
    pub days_to_review: Option<i64>,
    /// Flesch-Kincaid grade of the page as published (one decimal).
    pub grade: f64,
    /// The page's target grade.
    pub target_grade: f64,
    /// `grade <= target_grade`.
    pub meets_target: bool,
    /// Seed lines promising a list no `fill:` answers.
    pub unfilled_gaps: Vec<String>,
    /// Page parts that are missing: summary, key points, actions, review, owner, reviewer.
    pub missing_parts: Vec<String>,
    /// This page's translations, or the page it translates, and whether each is stale.
    pub translations: Vec<Translation>,
}

/// One link between a page and a translation of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    /// The other page's language.
    pub language: String,
    /// The other page's content file.
    pub path: String,
    /// `translation` (the other page translates this one) or `source` (this page translates it).
    pub role: &'static str,
    /// The translation was made before its original's last review: the original changed since.
    pub stale: bool,
}

pub use crate::article::page_language;

/// Every article's facts on `today`, most urgent first (see [`urgency`]).
pub fn page_facts(articles: &[Article], config: &SiteConfig, today: Date) -> Vec<PageFacts> {
    let mut facts: Vec<PageFacts> = articles.iter().map(|a| one_page(a, config, today)).collect();
    link_translations(&mut facts, articles);
    facts.sort_by_cached_key(urgency);
    facts
}

fn one_page(a: &Article, config: &SiteConfig, today: Date) -> PageFacts {
    let reviewed = a.reviewed.as_ref();
    let next = a.review_status.next();
    let days_to_review = next.map(|n| today.until(n).map_or(0, |s| i64::from(s.get_days())));
    let mut missing_parts: Vec<String> = a
        .flags
        .iter()
        .filter_map(|f| f.code.strip_prefix("missing-"))
        .map(|part| part.replace('-', " "))
        .collect();
    // `""` is the skeleton's placeholder: not filled in yet.
    let given = |s: &Option<String>| s.as_ref().filter(|s| !s.trim().is_empty()).cloned();
    let owner = given(&a.owner);
    let reviewer = reviewed.and_then(|r| given(&r.by));
    if owner.is_none() {
        missing_parts.push("owner".into());
    }
    if reviewed.is_some() && reviewer.is_none() {
        missing_parts.push("reviewer".into());
    }
    PageFacts {
        path: a.path.display().to_string().replace('\\', "/"),
        title: a.title.clone(),
        url: crate::article::article_url(&a.slug),
        language: page_language(a, config),
        owner,
        reviewer,
        sign_off_note: reviewed.and_then(|r| given(&r.note)),
        last_review: reviewed.map(|r| r.on),
        next_review: next,
        status: a.review_status.code(),
        days_to_review,
        grade: round_grade(a.readability.flesch_kincaid_grade),
        target_grade: a.reading_grade_target,
        // A Spanish page is held to the site's INFLESZ target, not to a grade.
        meets_target: a
            .inflesz
            .map_or(a.readability.flesch_kincaid_grade <= a.reading_grade_target, |i| i.meets_target),
        unfilled_gaps: a.unfilled_gaps.clone(),
        missing_parts,
        translations: Vec::new(),
    }
}

/// Link each translation with its original (`facts[i]` is `articles[i]`'s), staleness by
/// the one rule `check` uses too ([`crate::translations::is_stale`]).
fn link_translations(facts: &mut [PageFacts], articles: &[Article]) {
    for pair in crate::translations::pairs(articles) {
        let stale = crate::translations::is_stale(&articles[pair.source], &articles[pair.translation]);
        let link = |other: &PageFacts, role| Translation {
            language: other.language.clone(),
            path: other.path.clone(),
            role,
            stale,
        };
        let to_translation = link(&facts[pair.translation], "translation");
        let to_source = link(&facts[pair.source], "source");
        facts[pair.source].translations.push(to_translation);
        facts[pair.translation].translations.push(to_source);
    }
}

/// The order `review` lists pages in: overdue (longest overdue first), never reviewed, due
/// soon (soonest first), then in date (soonest first); within those, pages above their
/// reading target, then pages with more unfinished parts, then by title.
pub fn urgency(f: &PageFacts) -> (u8, i64, bool, std::cmp::Reverse<usize>, String) {
    let rank = match f.status {
        "overdue" => 0,
        "never_reviewed" => 1,
        "due_soon" => 2,
        _ => 3,
    };
    let unfinished =
        f.unfilled_gaps.len() + f.missing_parts.len() + f.translations.iter().filter(|t| t.stale).count();
    (
        rank,
        f.days_to_review.unwrap_or(0),
        f.meets_target,
        std::cmp::Reverse(unfinished),
        f.title.to_lowercase(),
    )
}

/// `review --format json`: the date the statuses are measured on and every page's facts.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewReport {
    /// Schema version (see [`SCHEMA_VERSION`]).
    pub schema: u32,
    /// The site's title.
    pub site: String,
    /// The date statuses are measured on (`SOURCE_DATE_EPOCH` when set).
    pub date: Date,
    /// Pages by status.
    pub counts: Counts,
    /// Every page, most urgent first.
    pub pages: Vec<PageFacts>,
}

/// How many pages are in each review status, and above their reading target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Pages listed.
    pub pages: usize,
    /// Reviewed and in date.
    pub ok: usize,
    /// Due within the policy's `due_soon`.
    pub due_soon: usize,
    /// Past their review date.
    pub overdue: usize,
    /// With no review record.
    pub never_reviewed: usize,
    /// Reading above their target grade.
    pub over_target: usize,
}

impl ReviewReport {
    /// The report of `articles` on `today`.
    pub fn new(articles: &[Article], config: &SiteConfig, today: Date) -> ReviewReport {
        let pages = page_facts(articles, config, today);
        let mut counts = Counts { pages: pages.len(), ..Counts::default() };
        for p in &pages {
            match p.status {
                "ok" => counts.ok += 1,
                "due_soon" => counts.due_soon += 1,
                "overdue" => counts.overdue += 1,
                _ => counts.never_reviewed += 1,
            }
            counts.over_target += usize::from(!p.meets_target);
        }
        ReviewReport { schema: SCHEMA_VERSION, site: config.title.clone(), date: today, counts, pages }
    }
}

/// What a status is called for people.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "ok" => "ok",
        "due_soon" => "due soon",
        "overdue" => "overdue",
        _ => "never reviewed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Reviewed;
    use crate::review::ReviewStatus;
    use jiff::civil::date;

    fn config() -> SiteConfig {
        SiteConfig::parse("title: T\n", "site.yaml".as_ref()).unwrap()
    }

    fn page(title: &str, on: Option<Date>, next: Option<Date>, today: Date) -> Article {
        let policy = crate::review::ReviewPolicy::default();
        Article {
            reviewed: on.map(|on| Reviewed { on, by: Some("Dr A".into()), next, note: None }),
            review_status: ReviewStatus::of(on, next, &policy, today),
            owner: Some("Team".into()),
            ..Article::sample(title, &crate::slug::slugify(title))
        }
    }

    #[test]
    fn most_urgent_first() {
        let today = date(2026, 12, 1);
        let articles = vec![
            page("In date", Some(date(2026, 1, 1)), Some(date(2027, 6, 1)), today),
            page("Due soon", Some(date(2024, 1, 1)), Some(date(2026, 12, 20)), today),
            page("Never", None, None, today),
            page("Long overdue", Some(date(2020, 1, 1)), Some(date(2023, 1, 1)), today),
            page("Just overdue", Some(date(2023, 1, 1)), Some(date(2026, 11, 1)), today),
        ];
        let facts = page_facts(&articles, &config(), today);
        let order: Vec<&str> = facts.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(order, ["Long overdue", "Just overdue", "Never", "Due soon", "In date"]);
        assert_eq!(facts[3].days_to_review, Some(19));
        assert_eq!(facts[1].days_to_review, Some(-30));
        assert_eq!(facts[2].missing_parts, Vec::<String>::new());
        let report = ReviewReport::new(&articles, &config(), today);
        assert_eq!((report.counts.overdue, report.counts.never_reviewed, report.counts.ok), (2, 1, 1));
    }

    #[test]
    fn missing_owner_and_reviewer_are_missing_parts() {
        let today = date(2026, 12, 1);
        let mut a = page("A", Some(date(2026, 1, 1)), None, today);
        a.owner = None;
        if let Some(r) = a.reviewed.as_mut() {
            r.by = None;
        }
        let facts = page_facts(&[a], &config(), today);
        assert_eq!(facts[0].missing_parts, ["owner", "reviewer"]);
    }

    #[test]
    fn translations_pair_by_their_original_and_go_stale_when_it_is_reviewed_later() {
        let today = date(2026, 12, 1);
        let translated = |title: &str, slug: &str, of: &str, on: Date| {
            Article {
                language: "es".into(),
                translation_of: Some(format!("content/{of}").into()),
                translation: Some(crate::content::Translation {
                    of: None,
                    by: "A".into(),
                    reviewed_by: None,
                    on,
                }),
                ..page(title, Some(on), None, today)
            }
            .with_slug(slug)
        };
        let articles = vec![
            page("Diabetes", Some(date(2026, 6, 1)), None, today),
            translated("Diabetes es", "es/diabetes", "diabetes.md", date(2025, 1, 1)),
            page("Asthma", Some(date(2026, 1, 1)), None, today),
            translated("Asma", "es/asma", "asthma.md", date(2026, 2, 1)),
            Article { language: "es".into(), ..page("Solo", None, None, today) }.with_slug("es/solo"),
        ];
        let mut facts: Vec<PageFacts> = articles.iter().map(|a| one_page(a, &config(), today)).collect();
        link_translations(&mut facts, &articles);
        assert_eq!(
            facts[0].translations,
            [Translation {
                language: "es".into(),
                path: "content/es/diabetes.md".into(),
                role: "translation",
                stale: true
            }]
        );
        assert_eq!(facts[1].translations[0].role, "source");
        assert!(facts[1].translations[0].stale);
        assert!(!facts[2].translations[0].stale);
        assert!(facts[4].translations.is_empty());
    }
}

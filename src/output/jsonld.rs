//! Health metadata: schema.org `MedicalWebPage` JSON-LD for each article, built as a
//! `serde_json::Value` (never by pasting strings) and escaped so it cannot end the
//! `<script type="application/ld+json">` element it sits in; plus Open Graph values.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::article::Article;
use crate::config::SiteConfig;

/// JSON text safe inside an HTML `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e`,
/// `\u0026` (a title containing `</script>` or `<!--` cannot break out), and U+2028/U+2029
/// are escaped for older JavaScript parsers. The result parses to the same value.
pub fn script_safe_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Words that mark a reviewer as a group, not one person.
const ORGANIZATION_WORDS: &[&str] = &[
    "team",
    "clinic",
    "committee",
    "board",
    "department",
    "group",
    "hospital",
    "service",
    "centre",
    "center",
    "council",
    "institute",
    "foundation",
    "association",
    "society",
    "organization",
    "organisation",
    "unit",
    "staff",
    "network",
    "program",
    "programme",
];

/// `Organization` when the reviewer's name reads like a group, else `Person`.
fn reviewer_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let is_group = lower.split(|c: char| !c.is_alphanumeric()).any(|w| ORGANIZATION_WORDS.contains(&w));
    if is_group {
        "Organization"
    } else {
        "Person"
    }
}

/// The pretty absolute URL of an article (`base/slug/`), when the site has a base URL.
pub fn article_absolute_url(base_url: &str, slug: &str) -> String {
    format!("{}/{slug}/", base_url.trim_end_matches('/'))
}

/// The article's `MedicalWebPage` description, mirroring what the page shows. `versions` are
/// the page's language versions (itself included; empty on a page in one language): a
/// translation names its original (`translationOfWork`), an original its translations
/// (`workTranslation`).
pub fn article_jsonld(
    article: &Article,
    config: &SiteConfig,
    base_url: Option<&str>,
    versions: &[crate::output::pairing::Alternate],
) -> Value {
    let mut page = Map::new();
    page.insert("@context".into(), json!("https://schema.org"));
    page.insert("@type".into(), json!("MedicalWebPage"));
    page.insert("name".into(), json!(article.title));
    page.insert("headline".into(), json!(article.title));
    if let Some(summary) = &article.summary {
        page.insert("description".into(), json!(summary));
    }
    page.insert("inLanguage".into(), json!(crate::article::page_language(article, config)));
    let work = |v: &crate::output::pairing::Alternate| {
        let mut w = Map::new();
        w.insert("@type".into(), json!("MedicalWebPage"));
        w.insert("name".into(), json!(v.title));
        w.insert("inLanguage".into(), json!(v.language));
        if let Some(base) = base_url {
            w.insert("url".into(), json!(super::sitemap::pretty_url(base, &v.path)));
        }
        Value::Object(w)
    };
    let own = crate::article::article_url(&article.slug);
    if article.translation_of.is_some() {
        if let Some(original) = versions.iter().find(|v| v.language == config.language && v.path != own) {
            page.insert("translationOfWork".into(), work(original));
        }
        if let Some(t) = &article.translation {
            if !t.by.trim().is_empty() {
                page.insert("translator".into(), json!({"@type": reviewer_type(&t.by), "name": t.by}));
            }
        }
    } else {
        let translations: Vec<Value> = versions.iter().filter(|v| v.path != own).map(work).collect();
        if !translations.is_empty() {
            page.insert("workTranslation".into(), Value::Array(translations));
        }
    }
    if let Some(base) = base_url {
        page.insert("url".into(), json!(article_absolute_url(base, &article.slug)));
    }
    page.insert("audience".into(), json!({"@type": "MedicalAudience", "audienceType": "Patient"}));
    if let Some(reviewed) = &article.reviewed {
        page.insert("lastReviewed".into(), json!(reviewed.on.to_string()));
        page.insert("dateModified".into(), json!(reviewed.on.to_string()));
        if let Some(by) = reviewed.by.as_deref().filter(|b| !b.trim().is_empty()) {
            page.insert("reviewedBy".into(), json!({"@type": reviewer_type(by), "name": by}));
        }
    }
    if let Some(published) = article.published {
        page.insert("datePublished".into(), json!(published.to_string()));
    }
    // `Thing`, not `MedicalEntity`, for topics: they are free text ("clinical trials") and not
    // all of them are medical entities; a wrong type is worse than a general one. Coded
    // entities come after them, typed by what their code system names.
    let about: Vec<Value> = article
        .topics
        .iter()
        .map(|t| json!({"@type": "Thing", "name": t}))
        .chain(article.codes.iter().map(|(system, code)| coded_entity(system, code)))
        .collect();
    if !about.is_empty() {
        page.insert("about".into(), Value::Array(about));
    }
    if !article.sources.is_empty() {
        let citations: Vec<Value> = article
            .sources
            .iter()
            .map(|s| {
                let mut work = Map::new();
                work.insert("@type".into(), json!("CreativeWork"));
                work.insert("name".into(), json!(s.title));
                if let Some(url) = &s.url {
                    work.insert("url".into(), json!(url));
                }
                Value::Object(work)
            })
            .collect();
        page.insert("citation".into(), Value::Array(citations));
    }
    if let Some(org) = &config.organization {
        page.insert("publisher".into(), json!({"@type": "Organization", "name": org}));
    }
    let mut site = Map::new();
    site.insert("@type".into(), json!("WebSite"));
    site.insert("name".into(), json!(config.title));
    if let Some(base) = base_url {
        site.insert("url".into(), json!(base));
    }
    page.insert("isPartOf".into(), Value::Object(site));
    Value::Object(page)
}

/// What a page's medical code names, as schema.org describes it: a condition for ICD-10-CM
/// and SNOMED CT, a drug for RxNorm, a test for LOINC, each with its `MedicalCode`, so a
/// search engine or a patient portal can match the page to a record's coded problem list.
fn coded_entity(system: crate::codes::CodeSystem, code: &str) -> Value {
    use crate::codes::CodeSystem;
    let kind = match system {
        CodeSystem::Icd10cm | CodeSystem::Snomed => "MedicalCondition",
        CodeSystem::Rxnorm => "Drug",
        CodeSystem::Loinc => "MedicalTest",
    };
    json!({
        "@type": kind,
        "code": {"@type": "MedicalCode", "codeValue": code, "codingSystem": system.name()},
    })
}

/// Open Graph values for a page's `<meta property="og:...">` tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenGraph {
    /// `og:title`.
    pub title: String,
    /// `og:description`.
    pub description: String,
    /// `article` for articles, else `website`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Absolute pretty URL, when the site has a base URL.
    pub url: Option<String>,
    /// `og:site_name`.
    pub site_name: String,
    /// `og:locale`, like `en` or `en_GB`.
    pub locale: String,
}

impl OpenGraph {
    /// Values for a page at `path` (inside the output) titled `title`.
    pub fn new(
        config: &SiteConfig,
        base_url: Option<&str>,
        path: &str,
        title: &str,
        description: &str,
    ) -> Self {
        OpenGraph {
            title: title.to_string(),
            description: description.to_string(),
            kind: "website",
            url: base_url.map(|b| format!("{b}{}", path.trim_end_matches("index.html"))),
            site_name: config.title.clone(),
            locale: config.language.replace('-', "_"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Reviewed, Source};

    fn config() -> SiteConfig {
        SiteConfig::parse(
            "title: Clinic\nlanguage: en-GB\norganization: Example Clinic\n",
            "site.yaml".as_ref(),
        )
        .expect("config parses")
    }

    fn article(title: &str) -> Article {
        Article {
            summary: Some("Short & plain <b>".into()),
            topics: vec!["gene therapy".into()],
            reviewed: Some(Reviewed {
                on: jiff::civil::date(2025, 3, 1),
                by: Some("Patient Education Team".into()),
                next: None,
                note: None,
            }),
            sources: vec![Source { title: "NIH".into(), url: Some("https://example.org/x?a=1&b=2".into()) }],
            published: Some(jiff::civil::date(2024, 1, 2)),
            language: "en-GB".into(),
            ..Article::sample(title, "a")
        }
    }

    #[test]
    fn script_closing_tag_in_title_cannot_break_out() {
        let value = article_jsonld(&article("Bad </script><script>alert(1)</script>"), &config(), None, &[]);
        let text = script_safe_json(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        let back: Value = serde_json::from_str(&text).expect("still valid JSON");
        assert_eq!(back["name"], "Bad </script><script>alert(1)</script>");
        assert_eq!(back["description"], "Short & plain <b>");
    }

    #[test]
    fn medical_web_page_has_review_audience_and_citations() {
        let v = article_jsonld(&article("Gene therapy"), &config(), Some("https://example.org/clinic/"), &[]);
        assert_eq!(v["@type"], "MedicalWebPage");
        assert_eq!(v["lastReviewed"], "2025-03-01");
        assert_eq!(v["dateModified"], "2025-03-01");
        assert_eq!(v["datePublished"], "2024-01-02");
        assert_eq!(v["reviewedBy"]["@type"], "Organization");
        assert_eq!(v["audience"]["audienceType"], "Patient");
        assert_eq!(v["about"][0]["name"], "gene therapy");
        assert_eq!(v["citation"][0]["url"], "https://example.org/x?a=1&b=2");
        assert_eq!(v["url"], "https://example.org/clinic/a/");
        assert_eq!(v["inLanguage"], "en-GB");
        assert!(v.get("workTranslation").is_none() && v.get("translationOfWork").is_none());
        let none = article_jsonld(&article("X"), &config(), None, &[]);
        assert!(none.get("url").is_none());
    }

    #[test]
    fn coded_conditions_drugs_and_tests_follow_the_topics() {
        let mut a = article("Lupus");
        a.codes = serde_yaml::from_str(
            "{ icd10cm: [M32.9], snomed: [55464009], rxnorm: ['5521'], loinc: [4548-4] }",
        )
        .expect("valid codes");
        let v = article_jsonld(&a, &config(), None, &[]);
        let about = v["about"].as_array().expect("about is a list");
        assert_eq!(about[0]["name"], "gene therapy");
        let coded: Vec<(&str, &str, &str)> = about[1..]
            .iter()
            .map(|e| {
                let code = &e["code"];
                assert_eq!(code["@type"], "MedicalCode");
                (
                    e["@type"].as_str().unwrap_or_default(),
                    code["codeValue"].as_str().unwrap_or_default(),
                    code["codingSystem"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            coded,
            [
                ("MedicalCondition", "M32.9", "ICD-10-CM"),
                ("MedicalCondition", "55464009", "SNOMED CT"),
                ("Drug", "5521", "RxNorm"),
                ("MedicalTest", "4548-4", "LOINC"),
            ]
        );
        let mut bare = article("X");
        bare.topics.clear();
        assert!(article_jsonld(&bare, &config(), None, &[]).get("about").is_none());
    }

    #[test]
    fn translations_name_each_other() {
        use crate::output::pairing::Alternate;
        let config =
            SiteConfig::parse("title: C\nlanguages: [en, es]\n", "site.yaml".as_ref()).expect("config");
        let alt = |language: &str, path: &str, title: &str| Alternate {
            language: language.into(),
            path: path.into(),
            title: title.into(),
        };
        let versions =
            [alt("en", "a/index.html", "Gene therapy"), alt("es", "es/b/index.html", "Terapia génica")];
        let english = Article { language: "en".into(), ..article("Gene therapy") };
        let english = article_jsonld(&english, &config, Some("https://e.org/"), &versions);
        assert_eq!(english["inLanguage"], "en");
        assert_eq!(english["workTranslation"][0]["inLanguage"], "es");
        assert_eq!(english["workTranslation"][0]["url"], "https://e.org/es/b/");
        let spanish = Article {
            language: "es".into(),
            translation_of: Some("content/a.md".into()),
            translation: Some(crate::content::Translation {
                of: None,
                by: "Ana Ruiz".into(),
                reviewed_by: None,
                on: jiff::civil::date(2026, 11, 20),
            }),
            ..Article::sample("Terapia génica", "es/b")
        };
        let v = article_jsonld(&spanish, &config, Some("https://e.org/"), &versions);
        assert_eq!(v["inLanguage"], "es");
        assert_eq!(v["translationOfWork"]["url"], "https://e.org/a/");
        assert_eq!(v["translationOfWork"]["name"], "Gene therapy");
        assert_eq!(v["translator"]["name"], "Ana Ruiz");
    }

    #[test]
    fn reviewer_kind_by_name() {
        assert_eq!(reviewer_type("Dr Ana Silva"), "Person");
        assert_eq!(reviewer_type("Clinic Patient Education Team"), "Organization");
    }

    #[test]
    fn open_graph_locale_and_url() {
        let og = OpenGraph::new(&config(), Some("https://e.org/c/"), "a/index.html", "A", "d");
        assert_eq!(og.locale, "en_GB");
        assert_eq!(og.url.as_deref(), Some("https://e.org/c/a/"));
    }
}

//! `atom.xml`: an Atom feed of the articles, newest review first, written only when the site
//! has a base URL (Atom ids and links must be absolute).

use crate::article::Article;
use crate::config::SiteConfig;

use super::sitemap::xml_escape;

/// The feed's path inside the output folder.
pub const FEED_PATH: &str = "atom.xml";

/// The date an article last changed for readers: its review date, else its publication date.
pub fn article_updated(article: &Article) -> Option<jiff::civil::Date> {
    article.reviewed.as_ref().map(|r| r.on).or(article.published)
}

fn timestamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom feed of one language's `articles` (written in that language's folder). Dates
/// come from the content, never the clock, so an unchanged site writes an unchanged feed.
pub fn atom_xml(config: &SiteConfig, language: &str, base_url: &str, articles: &[Article]) -> String {
    let site_base = format!("{}/", base_url.trim_end_matches('/'));
    let base = format!("{site_base}{}", config.language_prefix(language));
    let mut ordered: Vec<&Article> = articles.iter().collect();
    ordered.sort_by(|a, b| article_updated(b).cmp(&article_updated(a)).then(a.title.cmp(&b.title)));
    let newest = ordered.iter().filter_map(|a| article_updated(a)).max();
    // Atom requires `updated`; a site with no dates at all gets a fixed, honest-looking epoch.
    let feed_updated = newest.map(timestamp).unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let author = config.organization.clone().unwrap_or_else(|| config.title.clone());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(language)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", xml_escape(&base)));
    xml.push_str(&format!("  <title>{}</title>\n", xml_escape(&config.title)));
    if !config.description.is_empty() {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", xml_escape(&config.description)));
    }
    xml.push_str(&format!("  <updated>{feed_updated}</updated>\n"));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", xml_escape(&author)));
    xml.push_str(&format!("  <link rel=\"self\" href=\"{}\"/>\n", xml_escape(&format!("{base}{FEED_PATH}"))));
    xml.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml_escape(&base)));
    for article in ordered {
        let url = super::jsonld::article_absolute_url(&site_base, &article.slug);
        let updated = article_updated(article).map(timestamp).unwrap_or_else(|| feed_updated.clone());
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&url)));
        xml.push_str(&format!("    <title>{}</title>\n", xml_escape(&article.title)));
        xml.push_str(&format!("    <updated>{updated}</updated>\n"));
        if let Some(published) = article.published {
            xml.push_str(&format!("    <published>{}</published>\n", timestamp(published)));
        }
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&url)
        ));
        if let Some(summary) = &article.summary {
            xml.push_str(&format!("    <summary>{}</summary>\n", xml_escape(summary)));
        }
        for topic in &article.topics {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(topic)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The JSON Feed's path inside the output folder.
pub const JSON_FEED_PATH: &str = "feed.json";

/// One article as a JSON Feed 1.1 item, for partners who embed the pages: title, summary,
/// key points (HTML), language, topics, and in the `_plainleaf` extension the key points,
/// medical codes and review dates. `base` is the site's address with a trailing slash and
/// `language` the page's ([`crate::article::page_language`]).
pub fn json_feed_item(article: &Article, language: &str, base: &str) -> serde_json::Value {
    let url = super::jsonld::article_absolute_url(base, &article.slug);
    let key_points: String = article.key_points_html.iter().map(|k| format!("<li>{k}</li>")).collect();
    let summary = article.summary.clone().unwrap_or_default();
    let content = if key_points.is_empty() {
        format!("<p>{}</p>", xml_escape(&summary))
    } else {
        format!("<p>{}</p><ul>{key_points}</ul>", xml_escape(&summary))
    };
    let reviewed = article.reviewed.as_ref();
    let mut item = serde_json::json!({
        "id": url,
        "url": url,
        "title": article.title,
        "summary": summary,
        "content_html": content,
        "language": language,
        "tags": article.topics,
        "_plainleaf": {
            "key_points_html": article.key_points_html,
            "codes": article.codes,
            "reviewed": reviewed.map(|r| r.on),
            "reviewed_by": reviewed.and_then(|r| r.by.clone()),
            "next_review": article.review_status.next(),
        },
    });
    if let Some(published) = article.published {
        item["date_published"] = timestamp(published).into();
    }
    if let Some(updated) = article_updated(article) {
        item["date_modified"] = timestamp(updated).into();
    }
    item
}

/// The JSON Feed 1.1 (`feed.json`) of one language's `articles`, newest review first like
/// the Atom feed.
pub fn json_feed(config: &SiteConfig, language: &str, base_url: &str, articles: &[Article]) -> String {
    let site_base = format!("{}/", base_url.trim_end_matches('/'));
    let base = format!("{site_base}{}", config.language_prefix(language));
    let mut ordered: Vec<&Article> = articles.iter().collect();
    ordered.sort_by(|a, b| article_updated(b).cmp(&article_updated(a)).then(a.title.cmp(&b.title)));
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": base,
        "feed_url": format!("{base}{JSON_FEED_PATH}"),
        "description": config.description,
        "language": language,
        "authors": [{ "name": config.organization.clone().unwrap_or_else(|| config.title.clone()) }],
        "items": ordered.iter().map(|a| json_feed_item(a, &crate::article::page_language(a, config), &site_base)).collect::<Vec<_>>(),
    });
    format!("{}\n", serde_json::to_string_pretty(&feed).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, summary: &str, on: Option<jiff::civil::Date>) -> Article {
        Article {
            path: "content/a.md".into(),
            summary: Some(summary.into()),
            topics: vec!["R&D".into()],
            reviewed: on.map(|on| crate::content::Reviewed { on, by: None, next: None, note: None }),
            ..Article::sample(title, &crate::slug::slugify(title))
        }
    }

    #[test]
    fn escapes_text_and_orders_newest_first() {
        let config =
            SiteConfig::parse("title: Tom & Jerry's <clinic>\n", "site.yaml".as_ref()).expect("config");
        let articles = vec![
            article("Old <b>", "Risks & benefits", Some(jiff::civil::date(2020, 1, 1))),
            article("New", "Fresh", Some(jiff::civil::date(2025, 6, 1))),
        ];
        let xml = atom_xml(&config, "en", "https://example.org/clinic", &articles);
        assert!(xml.contains("<title>Tom &amp; Jerry&apos;s &lt;clinic&gt;</title>"), "{xml}");
        assert!(xml.contains("<title>Old &lt;b&gt;</title>"));
        assert!(xml.contains("<summary>Risks &amp; benefits</summary>"));
        assert!(xml.contains("<category term=\"R&amp;D\"/>"));
        assert!(xml.contains("<updated>2025-06-01T00:00:00Z</updated>\n  <author>"));
        assert!(xml.find("<title>New</title>") < xml.find("<title>Old &lt;b&gt;</title>"));
        assert!(xml.contains("<id>https://example.org/clinic/new/</id>"));
        assert!(!xml.contains("<b>"));
    }

    #[test]
    fn json_feed_items_carry_codes_and_review_dates() {
        let config = SiteConfig::parse("title: Clinic\n", "site.yaml".as_ref()).expect("config");
        let mut a = article("Diabetes", "Sugar <and> you", Some(jiff::civil::date(2025, 6, 1)));
        a.codes.icd10cm = vec!["E11.9".into()];
        a.key_points_html = vec!["Eat <em>well</em>".into()];
        let feed: serde_json::Value =
            serde_json::from_str(&json_feed(&config, "en", "https://example.org", &[a])).expect("JSON");
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        let item = &feed["items"][0];
        assert_eq!(item["id"], "https://example.org/diabetes/");
        assert_eq!(item["language"], "en");
        assert_eq!(item["date_modified"], "2025-06-01T00:00:00Z");
        assert_eq!(item["_plainleaf"]["codes"]["icd10cm"][0], "E11.9");
        assert_eq!(item["content_html"], "<p>Sugar &lt;and&gt; you</p><ul><li>Eat <em>well</em></li></ul>");
    }
}

//! `sitemap.xml` and `robots.txt`, written only when the site has a base URL (both need
//! absolute addresses).

use std::collections::BTreeMap;

/// The sitemap's path inside the output folder.
pub const SITEMAP_PATH: &str = "sitemap.xml";

/// The robots file's path inside the output folder.
pub const ROBOTS_PATH: &str = "robots.txt";

/// Text escaped for XML character data and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// The pretty absolute URL of an output HTML file: `a/index.html` -> `base/a/`.
pub fn pretty_url(base_url: &str, path: &str) -> String {
    format!("{}/{}", base_url.trim_end_matches('/'), path.strip_suffix("index.html").unwrap_or(path))
}

/// Whether an output file belongs in the sitemap: every HTML page except the 404 page
/// (search engines should not index "not found") and the take-home sheets (a print copy of
/// their article, marked `noindex`).
pub fn is_listed_page(path: &str) -> bool {
    // The code resolver's pages only point at articles the sitemap already lists.
    path.ends_with(".html")
        && path != "404.html"
        && !crate::article::is_sheet_path(path)
        && !path.starts_with("codes/")
}

/// `sitemap.xml` listing every page once, sorted by path; `lastmod` from the given
/// dates (articles: their review date); a page in several languages lists every version
/// (itself included, and `x-default`) as `xhtml:link` alternates.
pub fn sitemap_xml(
    base_url: &str,
    pages: &[&str],
    lastmod: &BTreeMap<String, jiff::civil::Date>,
    pairing: Option<&super::pairing::Pairing>,
) -> String {
    let mut paths: Vec<&str> = pages.iter().copied().filter(|p| is_listed_page(p)).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if pairing.is_some() {
        xml.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    xml.push_str(">\n");
    for path in paths {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&pretty_url(base_url, path)));
        xml.push_str("</loc>");
        if let Some(date) = lastmod.get(path) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        if let Some(pairing) = pairing {
            let versions = pairing.alternates(path);
            let x_default = pairing.x_default(path).map(|d| ("x-default", d));
            for (hreflang, v) in versions.iter().map(|v| (v.language.as_str(), v)).chain(x_default) {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(hreflang),
                    xml_escape(&pretty_url(base_url, &v.path))
                ));
            }
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots_txt(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}/{SITEMAP_PATH}\n", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_page_once_with_pretty_urls() {
        let files =
            ["index.html", "b/index.html", "a/index.html", "404.html", "search-index.js", "a/index.html"];
        let dates = BTreeMap::from([("a/index.html".to_string(), jiff::civil::date(2025, 1, 31))]);
        let xml = sitemap_xml("https://example.org/clinic/", &files, &dates, None);
        assert_eq!(xml.matches("<loc>").count(), 3, "{xml}");
        assert_eq!(
            xml.matches("<loc>https://example.org/clinic/a/</loc><lastmod>2025-01-31</lastmod>").count(),
            1
        );
        assert!(xml.contains("<loc>https://example.org/clinic/</loc>"));
        assert!(xml.contains("<loc>https://example.org/clinic/b/</loc></url>"));
        assert!(!xml.contains("404"));
    }

    #[test]
    fn pages_in_two_languages_list_each_other() {
        let config =
            crate::config::SiteConfig::parse("title: X\nlanguages: [en, es]\n", "site.yaml".as_ref())
                .expect("config");
        let files = ["index.html", "es/index.html", "a/index.html"];
        let pairing = super::super::pairing::Pairing::from_paths(&config, &[], &files);
        let xml = sitemap_xml("https://e.org/", &files, &BTreeMap::new(), Some(&pairing));
        assert!(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""), "{xml}");
        let es = "<url><loc>https://e.org/es/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://e.org/\"/><xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://e.org/es/\"/><xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://e.org/\"/></url>";
        assert!(xml.contains(es), "{xml}");
        assert!(xml.contains("<url><loc>https://e.org/a/</loc></url>"), "{xml}");
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert!(robots_txt("https://e.org/c/").ends_with("Sitemap: https://e.org/c/sitemap.xml\n"));
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}

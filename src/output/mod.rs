//! Output stage: writing the rendered site safely, plus the files made from the whole site.

pub mod az;
pub mod codes;
pub mod feed;
pub mod jsonld;
pub mod links;
pub mod pairing;
pub mod search;
pub mod sitemap;
pub mod stem_es;
pub mod write;

use std::collections::BTreeMap;

use crate::article::Article;
use crate::config::SiteConfig;
use crate::error::Diagnostic;
use crate::glossary::Glossary;
use crate::theme::StaticFile;

/// A rendered file, by its path inside the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// The bytes to write.
    pub bytes: Vec<u8>,
}

/// What the publishing steps need besides the rendered files.
#[derive(Debug, Clone, Copy)]
pub struct PublishContext<'a> {
    /// Site settings (`minify`, title, language).
    pub config: &'a SiteConfig,
    /// The public address, with a trailing slash, when known.
    pub base_url: Option<&'a str>,
    /// Articles in title order.
    pub articles: &'a [Article],
    /// The main language's glossary.
    pub glossary: &'a Glossary,
    /// The other languages' glossaries, by language.
    pub glossaries: &'a BTreeMap<String, Glossary>,
    /// Theme and site static files (link targets too).
    pub statics: &'a [StaticFile],
}

/// The files made from the whole site: the search index (`search`, built from the same
/// articles), the code resolver, and with a base URL the sitemap, robots.txt and the feeds.
/// `page_paths` are the rendered pages (for the sitemap). Every way of running the pipeline
/// (once in memory, once to disk, live) takes its site-wide files from here.
pub fn generated_files(
    publish: &PublishContext,
    search: &search::SiteSearch,
    page_paths: &[&str],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = search.files();
    files.extend(codes::code_files(publish.config, publish.articles));
    files.extend(address_files(publish, page_paths, warnings));
    files
}

/// The files that need the site's public address: sitemap, robots.txt and the Atom feed;
/// without a base URL, none and a warning.
pub fn address_files(
    publish: &PublishContext,
    page_paths: &[&str],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    match publish.base_url {
        Some(base) => {
            let lastmod = page_dates(publish.config, publish.articles);
            let pairing = publish
                .config
                .is_multilingual()
                .then(|| pairing::Pairing::from_paths(publish.config, publish.articles, page_paths));
            let sitemap = sitemap::sitemap_xml(base, page_paths, &lastmod, pairing.as_ref());
            files.push(OutputFile { path: sitemap::SITEMAP_PATH.into(), bytes: sitemap.into_bytes() });
            files.push(OutputFile { path: sitemap::ROBOTS_PATH.into(), bytes: sitemap::robots_txt(base).into_bytes() });
            // A feed per language, each in its language's folder.
            let runs = crate::article::language_runs(publish.articles);
            for language in &publish.config.languages {
                let own = runs.iter().find(|(l, _)| l == language).map_or(&[][..], |(_, r)| &publish.articles[r.clone()]);
                let prefix = publish.config.language_prefix(language);
                let feed = feed::atom_xml(publish.config, language, base, own);
                files.push(OutputFile { path: format!("{prefix}{}", feed::FEED_PATH), bytes: feed.into_bytes() });
                let json = feed::json_feed(publish.config, language, base, own);
                files.push(OutputFile { path: format!("{prefix}{}", feed::JSON_FEED_PATH), bytes: json.into_bytes() });
            }
        }
        // A note, not a warning: a site for a USB stick or an intranet folder has no public
        // address, and `--strict` must not fail it for that.
        None => warnings.push(
            Diagnostic::note(
                None,
                "sitemap.xml, robots.txt and atom.xml were not written: they need the site's public web address",
            )
            .with_hint("set base_url in site.yaml or pass --base-url"),
        ),
    }
    files
}

/// `lastmod` for the sitemap: each article's review (else publication) date; topic pages and
/// the home page (of the article's language) take the newest date of the articles they list.
fn page_dates(config: &SiteConfig, articles: &[Article]) -> BTreeMap<String, jiff::civil::Date> {
    let mut dates = BTreeMap::new();
    let mut keep_newest = |path: String, date: jiff::civil::Date| {
        let slot = dates.entry(path).or_insert(date);
        if date > *slot {
            *slot = date;
        }
    };
    for article in articles {
        if let Some(date) = feed::article_updated(article) {
            let prefix = config.language_prefix(&crate::article::page_language(article, config));
            keep_newest(crate::article::article_url(&article.slug), date);
            keep_newest(format!("{prefix}index.html"), date);
            for topic in &article.topics {
                keep_newest(format!("{prefix}topics/{}/index.html", crate::slug::slugify(topic)), date);
            }
        }
    }
    dates
}

/// Whether this binary can minify HTML (defined beside the `minify` setting it guards).
pub use crate::config::MINIFY_AVAILABLE;

/// Minify every HTML page. Scripts and styles are left byte for byte as they are, so JSON-LD
/// and inline scripts stay valid; closing tags are kept so the markup stays easy to inspect.
#[cfg(feature = "minify")]
pub fn minify_pages(files: &mut [OutputFile]) {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..Default::default()
    };
    for file in files.iter_mut().filter(|f| f.path.ends_with(".html")) {
        file.bytes = minify_html::minify(&file.bytes, &cfg);
    }
}

/// Built without the `minify` feature, pages stay as they are: a configuration asking for
/// minification is refused when `site.yaml` is read (see [`MINIFY_AVAILABLE`]).
#[cfg(not(feature = "minify"))]
pub fn minify_pages(_files: &mut [OutputFile]) {}

// The only unit test here is of minification.
#[cfg(all(test, feature = "minify"))]
mod tests {
    use super::*;

    #[test]
    fn minify_keeps_json_ld_and_scripts_intact() {
        let json = r#"{"name":"A \u003c/script\u003e  title",  "x": 1}"#;
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <title>T</title>\n<script type=\"application/ld+json\">{json}</script>\n</head>\n<body>\n  <p>Hello   <a href=\"a/index.html\">world</a></p>\n<script>if (1 < 2) {{ var   x = 1; }}</script>\n</body>\n</html>\n"
        );
        let mut files = vec![OutputFile { path: "index.html".into(), bytes: html.clone().into_bytes() }];
        minify_pages(&mut files);
        let out = String::from_utf8(files[0].bytes.clone()).expect("utf-8");
        assert!(out.len() < html.len());
        assert!(out.contains(json), "{out}");
        assert!(out.contains("if (1 < 2) { var   x = 1; }"), "{out}");
        assert!(out.contains("a/index.html"));
    }
}

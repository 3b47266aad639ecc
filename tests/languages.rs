//! A site in two languages (tests/fixtures/bilingual: English pages, a Spanish translation of
//! one, a Spanish original, a Spanish glossary), built and checked by the real binary: each
//! language's pages and index pages, hreflang links that are symmetric on every page, the
//! sitemap's alternates, the switcher, and the translation upkeep `check` reports.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;

const BASE: &str = "https://clinic.example.org/library/";

/// A copy of the two-language fixture site.
fn bilingual() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/bilingual"), dir.path());
    dir
}

fn built() -> (tempfile::TempDir, PathBuf) {
    let site = bilingual();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "the two-language site builds: {}", stderr(&out));
    let public = site.path().join("public");
    (site, public)
}

fn read(public: &Path, rel: &str) -> String {
    std::fs::read_to_string(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The output path an absolute address of the site names (`BASE/es/` -> `es/index.html`).
fn output_path(url: &str) -> String {
    let rel = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not on the site"));
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// A page's `<link rel="alternate" hreflang>` links: language -> address.
fn hreflang_links(html: &str) -> BTreeMap<String, String> {
    let mut links = BTreeMap::new();
    for tag in html.split("<link ").skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        let attr = |name: &str| {
            tag.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).map(str::to_string)
        };
        if let (Some(lang), Some(href)) = (attr("hreflang"), attr("href")) {
            assert!(links.insert(lang.clone(), href).is_none(), "hreflang {lang} twice in:\n{tag}");
        }
    }
    links
}

fn lang_of(html: &str) -> String {
    html.split("<html lang=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default().to_string()
}

#[test]
fn each_language_gets_its_pages_and_index_pages() {
    let (_site, public) = built();
    for rel in [
        "index.html",
        "gene-therapy/index.html",
        "es/index.html",
        "es/terapia-genica/index.html",
        "es/solo-en-espanol/index.html",
        "es/glossary/index.html",
        "es/topics/index.html",
        "es/topics/genes/index.html",
        "es/a-z/index.html",
        "es/404.html",
        "es/atom.xml",
        "es/feed.json",
        "es/search/index.js",
        "atom.xml",
        "feed.json",
        "search/index.js",
    ] {
        assert!(public.join(rel).is_file(), "{rel} is built");
    }
    assert!(!public.join("es/asthma/index.html").exists(), "an untranslated page is not copied");
    let spanish = read(&public, "es/terapia-genica/index.html");
    assert_eq!(lang_of(&spanish), "es");
    assert_eq!(lang_of(&read(&public, "gene-therapy/index.html")), "en");
    assert_eq!(lang_of(&read(&public, "es/index.html")), "es");
    // Spanish words and dates, and the Spanish glossary for its tooltips.
    assert!(
        spanish.contains("Revisado el <time datetime=\"2026-05-01\">1 de mayo de 2026</time>"),
        "{spanish}"
    );
    assert!(spanish.contains("href=\"../../es/glossary/index.html#gen\""), "{spanish}");
    assert!(spanish.contains("Traducido por Luis Gómez, intérprete médico certificado"), "{spanish}");
    // The translation's own links reach the English page it names.
    assert!(spanish.contains("href=\"../../asthma/index.html\""), "{spanish}");
    // The Spanish feed lists the Spanish pages only, at their addresses.
    let feed = read(&public, "es/atom.xml");
    assert!(
        feed.contains("xml:lang=\"es\"") && feed.contains(&format!("{BASE}es/terapia-genica/")),
        "{feed}"
    );
    assert!(!feed.contains("/gene-therapy/"), "{feed}");
    assert!(!read(&public, "atom.xml").contains("/es/"), "the English feed has no Spanish page");
}

#[test]
fn hreflang_links_are_symmetric_on_every_page() {
    let (_site, public) = built();
    let mut paired = 0;
    for rel in files_under(&public).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&public, rel);
        let links = hreflang_links(&html);
        if links.is_empty() {
            continue;
        }
        paired += 1;
        let me = format!("{BASE}{}", rel.strip_suffix("index.html").unwrap_or(rel));
        assert_eq!(links.get(&lang_of(&html)), Some(&me), "{rel} names itself in its own language");
        assert!(links.contains_key("x-default"), "{rel} has x-default");
        for (lang, url) in links.iter().filter(|(l, _)| *l != "x-default") {
            let target = output_path(url);
            let other = read(&public, &target);
            assert_eq!(&lang_of(&other), lang, "{rel} -> {target} is in {lang}");
            assert_eq!(hreflang_links(&other), links, "{target} lists the same versions as {rel}");
        }
    }
    // Home, A–Z, topics and accessibility pages, and the one translated article, both ways.
    assert!(paired >= 10, "only {paired} pages have hreflang links");
    let english = hreflang_links(&read(&public, "gene-therapy/index.html"));
    assert_eq!(english.get("es").map(String::as_str), Some(&*format!("{BASE}es/terapia-genica/")));
    assert!(hreflang_links(&read(&public, "asthma/index.html")).is_empty(), "an untranslated page has none");
}

#[test]
fn the_sitemap_lists_every_version_of_a_page_with_each() {
    let (_site, public) = built();
    let sitemap = read(&public, "sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let mut alternates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in sitemap.split("<url>").skip(1) {
        let loc = entry.split("<loc>").nth(1).unwrap().split("</loc>").next().unwrap().to_string();
        let set: BTreeSet<String> = entry
            .split("<xhtml:link ")
            .skip(1)
            .map(|l| l.split("href=\"").nth(1).unwrap().split('"').next().unwrap().to_string())
            .collect();
        alternates.insert(loc, set);
    }
    let article = &alternates[&format!("{BASE}gene-therapy/")];
    assert!(article.contains(&format!("{BASE}es/terapia-genica/")), "{sitemap}");
    for (loc, set) in &alternates {
        for other in set {
            assert_eq!(alternates.get(other), Some(set), "{loc} and {other} list the same alternates");
        }
    }
    assert!(alternates.contains_key(&format!("{BASE}es/solo-en-espanol/")));
    assert!(alternates[&format!("{BASE}asthma/")].is_empty());
}

#[test]
fn the_switcher_goes_to_the_same_page_or_says_there_is_none() {
    let (_site, public) = built();
    let english = read(&public, "gene-therapy/index.html");
    assert!(
        english
            .contains("<a href=\"../es/terapia-genica/index.html\" hreflang=\"es\" lang=\"es\">Español</a>"),
        "{english}"
    );
    let spanish = read(&public, "es/terapia-genica/index.html");
    assert!(
        spanish.contains("<a href=\"../../gene-therapy/index.html\" hreflang=\"en\" lang=\"en\">English</a>")
    );
    let untranslated = read(&public, "asthma/index.html");
    assert!(untranslated.contains("Esta página no está en español todavía."), "{untranslated}");
    assert!(
        untranslated.contains("<a href=\"../es/index.html\" hreflang=\"es\">Ir a la portada en español</a>")
    );
    let original = read(&public, "es/solo-en-espanol/index.html");
    assert!(
        original.contains("This page is not in English yet.") && original.contains("../../index.html"),
        "{original}"
    );
    // The Spanish home lists the English pages it has no version of.
    let home = read(&public, "es/index.html");
    assert!(home.contains("Disponible en inglés"), "{home}");
    assert!(
        home.contains("<a href=\"../asthma/index.html\" hreflang=\"en\" lang=\"en\">Asthma</a>"),
        "{home}"
    );
    assert!(
        !home.contains("<a href=\"../gene-therapy/index.html\" hreflang=\"en\" lang=\"en\">"),
        "translated pages are not listed"
    );
    // JSON-LD names the pair both ways.
    assert!(
        spanish.contains("\"translationOfWork\":{\"@type\":\"MedicalWebPage\",\"inLanguage\":\"en\""),
        "{spanish}"
    );
    assert!(english.contains("\"workTranslation\":[{\"@type\":\"MedicalWebPage\",\"inLanguage\":\"es\""));
}

#[test]
fn the_404_pages_switcher_links_are_absolute_like_their_other_links() {
    // A 404 page is served at any address: a relative link would miss from a deeper one.
    let (_site, public) = built();
    // A missing page has no version in the other language: the switcher names the
    // language and goes to its home, without "this page is not in English yet".
    let english = read(&public, "404.html");
    assert!(
        english.contains(&format!("<a href=\"{BASE}es/index.html\" hreflang=\"es\" lang=\"es\">Español</a>")),
        "{english}"
    );
    let spanish = read(&public, "es/404.html");
    assert!(
        spanish.contains(&format!("<a href=\"{BASE}index.html\" hreflang=\"en\" lang=\"en\">English</a>")),
        "{spanish}"
    );
    assert!(!english.contains("language-missing") && !spanish.contains("language-missing"), "{spanish}");
}

#[test]
fn check_lists_untranslated_pages_and_stale_translations() {
    let site = bilingual();
    let out = plainleaf(&["check", "--root", site.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("1 page not in `es` yet: content/asthma.md"), "{text}");
    assert!(
        text.contains("stale translation: content/es/terapia-genica.md (translation.on 2026-05-01) is older than the last review of content/gene-therapy.md (2026-06-01)"),
        "{text}"
    );
    // Brought up to date, it is not stale any more.
    edit(site.path(), "content/es/terapia-genica.md", "  on: 2026-05-01", "  on: 2026-06-02");
    let out = plainleaf(&["check", "--root", site.path().to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["translations"]["stale"], serde_json::json!([]));
    assert_eq!(report["translations"]["missing"][0]["pages"][0], "content/asthma.md");
}

#[test]
fn a_translation_of_a_missing_page_fails_and_leaves_public_alone() {
    let (site, public) = built();
    let before = files_under(&public);
    edit(site.path(), "content/es/terapia-genica.md", "of: gene-therapy.md", "of: gene-therap.md");
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error: content/es/terapia-genica.md:9:7: this page translates content/gene-therap.md, but there is no such page"), "{err}");
    assert!(err.contains("help: did you mean `gene-therapy.md`?"), "{err}");
    assert_eq!(files_under(&public), before);
}

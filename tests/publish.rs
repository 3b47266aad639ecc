//! Publish-ready output from the real binary on a copy of the bundled site: JSON-LD on every
//! article, a sitemap listing every page once, and a broken internal link failing the build.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::bundled_site;

const BASE_URL: &str = "https://example.org/clinic/";

fn build(root: &Path) -> Output {
    common::command()
        .args(["build", "--root"])
        .arg(root)
        .args(["--base-url", BASE_URL])
        .output()
        .expect("run plainleaf")
}

/// Every HTML file under `dir`, as output paths with `/`.
fn html_pages(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("read output") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().expect("type").is_dir() {
            html_pages(&entry.path(), &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".html") {
            out.insert(format!("{prefix}{name}"));
        }
    }
}

fn json_ld_of(html: &str) -> Option<serde_json::Value> {
    let start =
        html.find("<script type=\"application/ld+json\">")? + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>")?;
    Some(serde_json::from_str(&html[start..end]).expect("JSON-LD parses"))
}

#[test]
fn bundled_site_is_publish_ready() {
    let site = bundled_site();
    let result = build(site.path());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "build failed:\n{stderr}");
    let public = site.path().join("public");
    let mut pages = BTreeSet::new();
    html_pages(&public, "", &mut pages);

    let articles: Vec<&String> = pages
        .iter()
        .filter(|p| {
            p.matches('/').count() == 1
                // The main language's pages (the Spanish ones, under es/, have their own tests).
                && !["glossary/", "a-z/", "accessibility/", "topics/", "es/"].iter().any(|s| p.starts_with(s))
        })
        .collect();
    let content_pages = std::fs::read_dir(site.path().join("content"))
        .expect("content")
        .filter(|e| e.as_ref().map(|e| e.path().extension().is_some_and(|x| x == "md")).unwrap_or(false))
        .count();
    assert_eq!(articles.len(), content_pages, "{articles:?}");
    for page in &articles {
        let html = std::fs::read_to_string(public.join(page)).expect("read page");
        let ld = json_ld_of(&html).unwrap_or_else(|| panic!("{page} has no JSON-LD"));
        assert_eq!(ld["@type"], "MedicalWebPage", "{page}");
        assert!(ld["lastReviewed"].is_string(), "{page} has no lastReviewed");
        assert_eq!(ld["audience"]["@type"], "MedicalAudience", "{page}");
        assert_eq!(ld["audience"]["audienceType"], "Patient", "{page}");
        let slug = page.trim_end_matches("/index.html");
        assert_eq!(ld["url"], format!("{BASE_URL}{slug}/"));
        assert!(html.contains("<meta property=\"og:type\" content=\"article\">"), "{page}");
    }

    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap.xml");
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).filter_map(|s| s.split("</loc>").next()).collect();
    let listed: BTreeSet<&str> = locs.iter().copied().collect();
    assert_eq!(listed.len(), locs.len(), "a page is listed twice");
    let expected: BTreeSet<String> = pages
        .iter()
        // The code resolver's pages only send readers on to the articles listed here.
        .filter(|p| {
            p.as_str() != "404.html" && !p.ends_with("/handout/index.html") && !p.starts_with("codes/")
        })
        .map(|p| format!("{BASE_URL}{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(listed, expected.iter().map(String::as_str).collect());
    // The take-home sheets are print copies of their articles: built, but kept out of the
    // sitemap and marked noindex, with no canonical link of their own.
    let sheets: Vec<&String> =
        pages.iter().filter(|p| p.ends_with("/handout/index.html") && !p.starts_with("es/")).collect();
    assert_eq!(sheets.len(), articles.len(), "{sheets:?}");
    for sheet in sheets {
        let html = std::fs::read_to_string(public.join(sheet)).expect("read sheet");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex, follow\">"), "{sheet}");
        assert!(!html.contains("rel=\"canonical\""), "{sheet}");
        let slug = sheet.trim_end_matches("/handout/index.html");
        assert!(html.contains(&format!("href=\"{BASE_URL}{slug}/\"")), "{sheet} links to its page's address");
        assert!(html.contains("<svg class=\"qr\""), "{sheet} has its QR code");
    }

    let robots = std::fs::read_to_string(public.join("robots.txt")).expect("robots.txt");
    assert!(robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")));
    let feed = std::fs::read_to_string(public.join("atom.xml")).expect("atom.xml");
    assert_eq!(feed.matches("<entry>").count(), articles.len());
    let index = std::fs::read_to_string(public.join("search/index.js")).expect("search/index.js");
    assert!(index.starts_with("window.PLAINLEAF_SEARCH = "));
    assert!(index.contains("\"ha\""), "the shard list names the shard of haematopoietic");
    let shard = std::fs::read_to_string(public.join("search/ha.js")).expect("search/ha.js");
    assert!(shard.starts_with("window.PLAINLEAF_SEARCH_SHARD(\"ha\","));
    assert!(shard.contains("\"haematopoietic\""));
    assert!(pages.contains("a-z/index.html"));
}

#[test]
fn broken_internal_link_fails_the_build_naming_page_and_link() {
    let site = bundled_site();
    let page: PathBuf = site.path().join("content/gene-therapy-basics.md");
    let mut text = std::fs::read_to_string(&page).expect("read page");
    text.push_str("\n\nSee [x](../nope/index.html).\n");
    std::fs::write(&page, text).expect("write page");
    let result = build(site.path());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success(), "the build should fail:\n{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("../nope/index.html"))
        .unwrap_or_else(|| panic!("no diagnostic names the link:\n{stderr}"));
    assert!(line.contains("content/gene-therapy-basics.md"), "{line}");
    assert!(line.contains("gene-therapy-basics/index.html"), "{line}");
    assert!(!site.path().join("public").exists(), "nothing is written when links are broken");
}

#[test]
fn minify_true_minifies_or_says_how_to_get_a_binary_that_can() {
    let site = bundled_site();
    let site_yaml = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&site_yaml).expect("read site.yaml");
    text.push_str("minify: true\n");
    std::fs::write(&site_yaml, &text).expect("write site.yaml");
    let result = build(site.path());
    let stderr = String::from_utf8_lossy(&result.stderr);
    if cfg!(feature = "minify") {
        assert!(result.status.success(), "{stderr}");
        let plain = bundled_site();
        assert!(build(plain.path()).status.success());
        let page = "gene-therapy-basics/index.html";
        let small = std::fs::read(site.path().join("public").join(page)).expect("minified page");
        let full = std::fs::read(plain.path().join("public").join(page)).expect("page");
        assert!(small.len() < full.len() * 97 / 100, "{} bytes minified, {} not", small.len(), full.len());
    } else {
        assert_eq!(result.status.code(), Some(1), "{stderr}");
        let line = text.lines().position(|l| l == "minify: true").expect("the line") + 1;
        assert!(stderr.contains(&format!("site.yaml:{line}:9")), "{stderr}");
        assert!(stderr.contains("built without HTML minification"), "{stderr}");
        assert!(stderr.contains("help:") && stderr.contains("--features minify"), "{stderr}");
        assert!(!site.path().join("public").exists(), "nothing is written");
    }
}

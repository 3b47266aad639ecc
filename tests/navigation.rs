//! Bounded navigation: the header and footer name only the most-used topics plus "All topics",
//! and topic and A–Z letter pages split into numbered pages with previous/next links that work
//! as relative links (so from `file://` and under any sub-path). The bundled site is built with
//! tiny page sizes so every list splits.

mod common;

use common::{build, bundled_site, files_under, links_in, stderr};
use std::path::Path;

/// The bundled site with theme settings that make every list split, built into `out`.
fn build_small_pages(theme: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = bundled_site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let yaml = yaml.replace("theme: clinic", &format!("theme: {theme}"));
    std::fs::write(
        site.path().join("site.yaml"),
        format!(
            "{yaml}\ntheme_settings: {{ nav_topics: 2, home_topics: 1, topic_page_size: 2, az_one_page_max: 1, az_page_size: 1 }}\n"
        ),
    )
    .unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (site, out)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The file a relative link on page `from` leads to, inside the output.
fn target(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('#').next().unwrap().split('/') {
        match seg {
            ".." => {
                parts.pop().expect("a link above the output folder");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn footer_names_the_most_used_topics_and_links_all_topics() {
    for theme in ["clinic", "contrast"] {
        let (_site, out) = build_small_pages(theme);
        let page = read(&out, "gene-therapy-basics/index.html");
        let footer = &page[page.find("<footer").unwrap()..];
        let topic_links: Vec<String> = links_in(footer)
            .into_iter()
            .filter(|l| l.contains("topics/") && !l.ends_with("topics/index.html"))
            .collect();
        // "gene therapy" (4 pages) and "clinical trials" (4 pages) are the most used.
        assert_eq!(
            topic_links,
            ["../topics/clinical-trials/index.html", "../topics/gene-therapy/index.html"],
            "{theme}"
        );
        // Five health topics and "about this site" (the language help page).
        assert!(footer.contains("href=\"../topics/index.html\">All topics (6)</a>"), "{theme}: {footer}");
        let index = read(&out, "topics/index.html");
        for slug in [
            "about-this-site",
            "autoimmune-disease",
            "clinical-trials",
            "gene-therapy",
            "immune-system",
            "rare-diseases",
        ] {
            assert!(index.contains(&format!("href=\"../topics/{slug}/index.html\"")), "{theme}: {slug}");
        }
        // The home page shows one topic's cards and says where the others are.
        let home = read(&out, "index.html");
        assert_eq!(home.matches("<section class=\"topic\"").count(), 1, "{theme}");
        assert!(home.contains("href=\"topics/index.html\">All 6 topics</a>"), "{theme}");
    }
}

#[test]
fn long_lists_split_into_pages_with_previous_and_next_links() {
    let (_site, out) = build_small_pages("clinic");
    let files = files_under(&out);
    // "gene therapy" has 4 pages: two numbered pages of 2 cards.
    assert!(files.contains(&"topics/gene-therapy/page/2/index.html".to_string()), "{files:?}");
    assert!(!files.contains(&"topics/gene-therapy/page/3/index.html".to_string()));
    let first = read(&out, "topics/gene-therapy/index.html");
    let second = read(&out, "topics/gene-therapy/page/2/index.html");
    assert_eq!(first.matches("class=\"card\"").count(), 2);
    assert_eq!(second.matches("class=\"card\"").count(), 2);
    assert!(first.contains("<link rel=\"next\" href=\"../../topics/gene-therapy/page/2/index.html\">"));
    assert!(!first.contains("rel=\"prev\""));
    assert!(second.contains("<link rel=\"prev\" href=\"../../../../topics/gene-therapy/index.html\">"));
    assert!(second.contains("rel=\"prev\">Previous page</a>"));
    assert!(!second.contains("rel=\"next\""));
    assert!(second.contains("Page 2 of 2"));
    // Every previous/next link of every list page leads to a page the build wrote, and
    // following "next" from a first page visits each numbered page once.
    let mut visited = 0;
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, file);
        for href in links_in(&html) {
            assert!(!href.starts_with('/'), "{file}: {href} is not relative");
        }
        if !(file.starts_with("topics/") || file.starts_with("a-z/")) || file.contains("/page/") {
            continue;
        }
        let mut at = file.clone();
        let mut seen = vec![at.clone()];
        loop {
            let page = read(&out, &at);
            let Some(i) = page.find("<link rel=\"next\" href=\"") else { break };
            let rest = &page[i + 23..];
            let next = target(&at, &rest[..rest.find('"').unwrap()]);
            assert!(out.join(&next).is_file(), "{at} -> {next}");
            assert!(!seen.contains(&next), "{at} -> {next} loops");
            seen.push(next.clone());
            at = next;
            visited += 1;
        }
    }
    // A–Z letters split too: one name per page.
    assert!(files.iter().any(|f| f.starts_with("a-z/") && f.contains("/page/2/")), "{files:?}");
    assert!(visited >= 3, "visited {visited} later pages");
}

#[test]
fn each_definition_is_on_a_page_once_however_often_its_term_is_marked() {
    let site = bundled_site();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    std::fs::write(site.path().join("site.yaml"), format!("{yaml}\nglossary: {{ mark: every }}\n")).unwrap();
    let out = site.path().join("public");
    let o = build(site.path(), &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&out, "gene-therapy-basics/index.html");
    let mut checked = 0;
    for slug in page.split("data-def=\"def-").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
        let def_start =
            page.find(&format!("<dd id=\"def-{slug}\">")).unwrap_or_else(|| panic!("no def-{slug}"));
        let text = &page[def_start..];
        let text = &text[text.find('>').unwrap() + 1..text.find("</dd>").unwrap()];
        assert!(!text.trim().is_empty(), "{slug}");
        assert_eq!(page.matches(text).count(), 1, "{slug}: its definition once on the page");
        checked += 1;
    }
    assert!(checked > 5, "{checked} marks");
    let marks = page.matches("class=\"term-tip\"").count();
    assert!(marks > page.matches("<dd id=\"def-").count(), "mark: every marks a word more than once");
}

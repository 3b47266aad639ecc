//! Raw HTML in every field staff write: by default it never reaches a built file as markup, and
//! each piece is reported with file:line:column; with `allow_html: true`, Markdown fields keep it.

mod common;

use common::*;

/// A tag no page of the bundled site contains, with a live handler if it ever became markup.
const TAG: &str = "<img src=\"data:,\" onerror=alert(3)>";

fn hostile_page() -> String {
    let t = TAG.replace('"', "\\\"");
    format!(
        "---\n\
title: \"Care {t} notes\"\n\
seed: html.txt\n\
summary: \"{t} & friends\"\n\
key_points: [\"Point {t}\"]\n\
actions: [\"Act {t}\"]\n\
questions_to_ask: [\"Ask {t}\"]\n\
topics: [\"gene therapy {t}\"]\n\
also_known_as: [\"Other {t}\"]\n\
reviewed: {{ on: 2026-11-01, by: \"Nurse {t}\" }}\n\
sources: [{{ title: \"Source {t}\", url: \"https://example.org/\" }}]\n\
fill:\n  \"Benefits include:\": \"More {t} time\"\n\
edits: [{{ find: \"Plain seed words.\", replace: \"Plain {t} words.\" }}]\n\
---\n\
Body text {TAG} here.\n\
\n\
<div onclick=\"alert(4)\">\nA block\n</div>\n"
    )
}

fn site_with_hostile_page() -> tempfile::TempDir {
    let site = bundled_site();
    std::fs::write(site.path().join("seeds/html.txt"), "Plain seed words.\n\nBenefits include:\n").unwrap();
    std::fs::write(site.path().join("content/hostile.md"), hostile_page()).unwrap();
    let mut glossary = std::fs::read_to_string(site.path().join("content/glossary.yaml")).unwrap();
    glossary.push_str(&format!(
        "- term: zebra gene\n  plain: \"A made-up word {0}.\"\n  more: \"More {0}.\"\n",
        TAG.replace('"', "\\\"")
    ));
    std::fs::write(site.path().join("content/glossary.yaml"), glossary).unwrap();
    site
}

#[test]
fn no_raw_html_from_any_field_reaches_any_built_file() {
    let site = site_with_hostile_page();
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let public = site.path().join("public");
    let mut checked = 0;
    for file in files_under(&public) {
        let text = String::from_utf8_lossy(&std::fs::read(public.join(&file)).unwrap()).into_owned();
        assert!(!text.contains("<img src=\"data:,\""), "{file} has the raw <img>");
        assert!(!text.contains("<div onclick"), "{file} has the raw <div>");
        checked += usize::from(text.contains("onerror=alert(3)"));
    }
    assert!(checked >= 3, "the escaped text is shown on the page and the lists ({checked} files)");
    let html = std::fs::read_to_string(public.join("hostile/index.html")).unwrap();
    for shown in [
        "&amp; friends",
        "Point &lt;img",
        "Act &lt;img",
        "Ask &lt;img",
        "Body text &lt;img",
        "&lt;div onclick",
    ] {
        assert!(html.contains(shown), "the article shows {shown:?} as text");
    }

    // Each piece is reported once, where it was written.
    let expect = [
        ("content/hostile.md:2:14", "title is plain text"),
        ("content/hostile.md:4:11", "raw HTML in summary"),
        ("content/hostile.md:5:21", "raw HTML in key_points[1]"),
        ("content/hostile.md:6:16", "raw HTML in actions[1]"),
        ("content/hostile.md:7:25", "raw HTML in questions_to_ask[1]"),
        ("content/hostile.md:8:24", "topics[1] is plain text"),
        ("content/hostile.md:9:24", "also_known_as[1] is plain text"),
        ("content/hostile.md:10:40", "reviewed.by is plain text"),
        ("content/hostile.md:11:28", "sources[1].title is plain text"),
        ("content/hostile.md:13:30", "raw HTML in fill.Benefits include:"),
        ("content/hostile.md:14:54", "edits[1].replace is plain text"),
        ("content/hostile.md:16:11", "raw HTML in the page text"),
        ("content/hostile.md:18:1", "raw HTML in the page text"),
    ];
    let reported = err.lines().filter(|l| l.starts_with("warning: content/hostile.md:")).count();
    assert_eq!(reported, expect.len(), "one warning per piece of HTML:\n{err}");
    for (location, message) in expect {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("warning: {location}: ")) && l.contains(message))
            .unwrap_or_else(|| panic!("no warning at {location} with {message:?}:\n{err}"));
        assert_eq!(err.matches(line).count(), 1, "reported once: {line}");
    }
    assert!(err.contains("help: write it in Markdown instead"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("warning: content/glossary.yaml:") && l.contains("plain is plain text")),
        "{err}"
    );
}

#[test]
fn allow_html_lets_markdown_fields_keep_their_html() {
    let site = site_with_hostile_page();
    edit(site.path(), "site.yaml", "reading_grade: 8", "reading_grade: 8\nallow_html: true");
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let html = std::fs::read_to_string(site.path().join("public/hostile/index.html")).unwrap();
    assert!(html.contains(&format!("Body text {TAG} here.")), "the body keeps its HTML");
    assert!(html.contains(&format!("{TAG} &amp; friends")), "the summary keeps its HTML");
    assert!(html.contains("<div onclick=\"alert(4)\">"), "HTML blocks are kept");
    // Plain-text fields stay text, and say so.
    assert!(html.contains("Care &lt;img"), "the title is still text");
    assert!(!err.contains("raw HTML in summary"), "{err}");
    assert!(err.contains("title is plain text"), "{err}");
}

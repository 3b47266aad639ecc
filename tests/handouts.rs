//! Handouts without a browser, and what `check` and `build` say about them: `plainleaf
//! handouts` needs a local Chromium or Chrome and says how to get one (the PDFs themselves
//! are measured in tests/browser/handouts.test.mjs); the paper setting is checked like every
//! other one; `check` notes sheets without a QR code and names the part of a sheet to shorten.

mod common;

use common::*;

const HINT: &str = "help: install Chromium, e.g. apt-get install chromium, or pass --browser";

#[test]
fn handouts_without_a_browser_exit_1_with_the_install_hint() {
    let site = bundled_site();
    let root = site.path().to_str().unwrap();
    let given = plainleaf(&["handouts", "--root", root, "--browser", "/nonexistent/chromium"]);
    assert_eq!(given.status.code(), Some(1), "{}", stderr(&given));
    assert!(stderr(&given).contains("--browser /nonexistent/chromium"), "{}", stderr(&given));
    assert!(stderr(&given).contains(HINT), "{}", stderr(&given));

    // Nothing on PATH: a folder with no browser in it.
    let empty = tempfile::tempdir().unwrap();
    let none =
        command().args(["handouts", "--sheet", "--root", root]).env("PATH", empty.path()).output().unwrap();
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    assert!(stderr(&none).contains("needs Chromium or Chrome"), "{}", stderr(&none));
    assert!(stderr(&none).contains(HINT), "{}", stderr(&none));
    assert!(!site.path().join("handouts").exists(), "no output folder without a browser");
    assert!(!site.path().join("public").exists(), "handouts never write public/");
}

#[test]
fn a_bad_paper_size_names_the_line_and_the_choices() {
    let site = bundled_site();
    let yaml = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}paper: legal\n")).unwrap();
    let line = text.lines().count() + 1;
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("site.yaml:{line}:8")), "{err}");
    assert!(err.contains("help:") && err.contains("letter") && err.contains("a4"), "{err}");
    assert!(!site.path().join("public").exists(), "nothing written");
}

#[test]
fn the_paper_becomes_the_page_size_and_follows_the_language_region() {
    let site = bundled_site();
    english_only(site.path());
    let page = |site: &std::path::Path| {
        std::fs::read_to_string(site.join("public/gene-therapy-basics/handout/index.html")).unwrap()
    };
    // `language: en` has no region: A4.
    assert!(build(site.path(), &["--allow-stale"]).status.success());
    assert!(page(site.path()).contains("@page{size:A4}"));
    edit(site.path(), "site.yaml", "language: en", "language: en-US");
    assert!(build(site.path(), &["--allow-stale"]).status.success());
    assert!(page(site.path()).contains("@page{size:letter}"));
    assert!(build(site.path(), &["--allow-stale", "--paper", "a4"]).status.success());
    assert!(page(site.path()).contains("@page{size:A4}"), "--paper wins over the language");
}

#[test]
fn check_notes_sheets_without_a_qr_code_and_names_the_part_to_shorten() {
    let site = bundled_site();
    // The bundled site knows its address; without one the sheets get no QR code.
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let yaml: String =
        yaml.lines().filter(|l| !l.starts_with("base_url:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(site.path().join("site.yaml"), yaml).unwrap();
    let root = site.path().to_str().unwrap();
    let out = plainleaf(&["check", "--root", root, "--allow-stale"]);
    assert!(stderr(&out).contains("take-home sheets have no QR code"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("does not fit on one"), "every bundled sheet fits: {}", stderr(&out));

    // Twenty more questions cannot fit on one page.
    let questions: String = (1..=20)
        .map(|i| format!("  - Is there anything else I should know about my treatment, number {i}?\n"))
        .collect();
    edit(
        site.path(),
        "content/gene-therapy-basics.md",
        "questions_to_ask:\n",
        &format!("questions_to_ask:\n{questions}"),
    );
    let out = plainleaf(&["check", "--root", root, "--allow-stale"]);
    let err = stderr(&out);
    assert!(err.contains("content/gene-therapy-basics.md"), "{err}");
    assert!(err.contains("does not fit on one letter or a4 page at 12pt"), "{err}");
    assert!(err.contains("help: shorten questions_to_ask"), "{err}");
    let json = plainleaf(&["check", "--root", root, "--allow-stale", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let notes: Vec<&str> =
        report["handout_notes"].as_array().unwrap().iter().filter_map(|n| n.as_str()).collect();
    assert!(
        notes.iter().any(|n| n.contains("gene-therapy-basics.md") && n.contains("shorten questions_to_ask")),
        "{notes:?}"
    );
}

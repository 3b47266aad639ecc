//! The review cycle on the real binary, with the calendar moved by `SOURCE_DATE_EPOCH`: an
//! overdue page is a warning that never stops a build, `--strict` and `check --strict` fail on
//! it, and `review: { overdue: error }` makes it an error that `--allow-stale` lets through.

mod common;

use std::path::Path;

use common::*;

/// Every bundled page: the English ones and their Spanish translations.
const PAGES: [&str; 11] = [
    "content/gene-therapy-autoimmune-diseases.md",
    "content/gene-therapy-basics.md",
    "content/gene-therapy-inherited-immune-deficiencies.md",
    "content/gene-therapy-rare-diseases-review.md",
    "content/language-assistance.md",
    "content/regenerative-medicine-autoimmune-conditions.md",
    "content/es/gene-therapy-autoimmune-diseases.md",
    "content/es/gene-therapy-basics.md",
    "content/es/gene-therapy-inherited-immune-deficiencies.md",
    "content/es/language-assistance.md",
    "content/es/regenerative-medicine-autoimmune-conditions.md",
];

fn build_on(day: &str, root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    plainleaf_on(day, &args)
}

fn overdue_warnings(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.starts_with("warning: ") && l.contains("is due for review")).collect()
}

#[test]
fn bundled_site_builds_years_later_with_a_warning_per_overdue_page() {
    let site = bundled_site();
    let out = build_on("2030-01-01", site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "an overdue review must not stop a build:\n{err}");
    let warnings = overdue_warnings(&err);
    assert_eq!(warnings.len(), PAGES.len(), "one warning per page:\n{err}");
    for page in PAGES {
        assert!(warnings.iter().any(|w| w.starts_with(&format!("warning: {page}: "))), "{page}:\n{err}");
    }
    let html = std::fs::read_to_string(site.path().join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(html.contains("This page is due for review."), "the page says it is due");

    // On a day the reviews are in date, the page says nothing of the kind.
    let out = build_on("2026-12-01", site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(overdue_warnings(&stderr(&out)).is_empty(), "{}", stderr(&out));
    let html = std::fs::read_to_string(site.path().join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(!html.contains("This page is due for review."));
}

#[test]
fn the_bundled_site_passes_strict_check_and_strict_build_while_its_reviews_are_in_date() {
    let site = bundled_site();
    let root = site.path().to_str().unwrap();
    let out = plainleaf_on("2026-12-01", &["check", "--root", root, "--strict"]);
    assert!(out.status.success(), "the example every user copies follows its own advice:\n{}", stderr(&out));
    // It has no public address (it is meant to be copied anywhere): that is a note, not a warning.
    assert!(stderr(&out).contains("note: handout: the take-home sheets have no QR code"), "{}", stderr(&out));
    let out = build_on("2026-12-01", site.path(), &["--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(", 0 warnings"),
        "notes are not counted as warnings"
    );
}

#[test]
fn strict_build_and_strict_check_fail_on_overdue_pages_naming_each() {
    let site = bundled_site();
    let root = site.path().to_str().unwrap();
    assert!(build_on("2026-12-01", site.path(), &[]).status.success());
    let before = files_under(&site.path().join("public"));
    let index = std::fs::read(site.path().join("public/index.html")).unwrap();

    let out = build_on("2030-01-01", site.path(), &["--strict"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--strict is on, so nothing was written"), "{err}");
    assert!(err.contains("help: "), "{err}");
    assert_eq!(files_under(&site.path().join("public")), before, "a strict failure writes nothing");
    assert_eq!(std::fs::read(site.path().join("public/index.html")).unwrap(), index);

    let out = plainleaf_on("2030-01-01", &["check", "--root", root, "--strict"]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{text}");
    for page in PAGES {
        assert!(text.contains(page), "check names {page}:\n{text}");
    }
    // `check` without --strict lists them and passes.
    let out = plainleaf_on("2030-01-01", &["check", "--root", root, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = String::from_utf8_lossy(&out.stdout);
    assert_eq!(json.matches("\"review-overdue\"").count(), PAGES.len(), "{json}");
}

#[test]
fn overdue_error_policy_fails_unless_allow_stale() {
    let site = bundled_site();
    edit(site.path(), "site.yaml", "reading_grade: 8", "reading_grade: 8\nreview: { overdue: error }");
    let out = build_on("2030-01-01", site.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error: content/gene-therapy-basics.md: This page is due for review"), "{err}");
    assert!(err.contains("--allow-stale"), "the help names the way out:\n{err}");
    assert!(!site.path().join("public").exists(), "a failed first build leaves no output");

    let out = build_on("2030-01-01", site.path(), &["--allow-stale"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(overdue_warnings(&stderr(&out)).len(), PAGES.len(), "{}", stderr(&out));
}

#[test]
fn the_interval_sets_the_next_review_when_a_page_gives_none() {
    let site = bundled_site();
    edit(
        site.path(),
        "site.yaml",
        "reading_grade: 8",
        "reading_grade: 8\nreview: { interval: 6m, due_soon: 14d }",
    );
    edit(site.path(), "content/gene-therapy-basics.md", ", next: 2027-11-23 }", " }");
    // Reviewed 2026-11-23; six months on is 2027-05-23.
    let out = build_on("2027-05-10", site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("due on 2027-05-23, in 13 days"), "{}", stderr(&out));
    let html = std::fs::read_to_string(site.path().join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(html.contains("datetime=\"2027-05-23\""), "the page shows the computed next review");
    let out = build_on("2027-05-24", site.path(), &[]);
    assert_eq!(overdue_warnings(&stderr(&out)).len(), 1, "{}", stderr(&out));

    edit(
        site.path(),
        "themes/clinic/theme.yaml",
        "show_review_due:\n    default: true",
        "show_review_due:\n    default: false",
    );
    let out = build_on("2027-05-24", site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(site.path().join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(!html.contains("This page is due for review."), "the theme setting hides the line");
}

#[test]
fn a_new_site_is_in_date_whenever_it_is_made_and_builds_after_its_review_lapses() {
    for day in ["2026-12-01", "2030-01-01", "2041-07-15"] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let out = plainleaf_on(day, &["new", site.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let page = std::fs::read_to_string(site.join("content/welcome.md")).unwrap();
        assert!(page.contains(&format!("on: {day},")), "reviewed the day it is made:\n{page}");
        let out = build_on(day, &site, &[]);
        assert!(out.status.success(), "a new site builds:\n{}", stderr(&out));
        assert!(overdue_warnings(&stderr(&out)).is_empty(), "{}", stderr(&out));
        // Ten years on, the sample page is overdue: a warning, not a failure.
        let year: i32 = day[..4].parse().unwrap();
        let later = format!("{}{}", year + 10, &day[4..]);
        let out = build_on(&later, &site, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(overdue_warnings(&stderr(&out)).len(), 1, "{}", stderr(&out));
    }
}

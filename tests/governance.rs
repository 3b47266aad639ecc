//! Clinical governance on the real binary: `plainleaf review` on the bundled site on dates
//! set with SOURCE_DATE_EPOCH, its dashboard file, and the code resolver's index checked
//! against its documented JSON Schema.

mod common;

use common::*;

fn review_json(root: &std::path::Path, day: &str) -> serde_json::Value {
    let out = plainleaf_on(day, &["review", "--root", root.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("review JSON")
}

fn statuses(report: &serde_json::Value) -> Vec<(String, String)> {
    report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["path"].as_str().unwrap().to_string(), p["status"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn review_lists_every_bundled_page_with_its_status_on_the_given_day() {
    let site = bundled_site();
    // The English pages and the Spanish ones.
    let pages: usize = ["content", "content/es"]
        .iter()
        .map(|folder| {
            std::fs::read_dir(site.path().join(folder))
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "md"))
                .count()
        })
        .sum();
    // The bundled pages were reviewed on 2026-11-23, next review 2027-11-23; due soon is 60 days.
    for (day, status) in [("2026-12-01", "ok"), ("2027-10-01", "due_soon"), ("2028-01-02", "overdue")] {
        let report = review_json(site.path(), day);
        assert_eq!(report["date"], day);
        let listed = statuses(&report);
        assert_eq!(listed.len(), pages, "{listed:?}");
        assert!(listed.iter().all(|(_, s)| s == status), "{day}: {listed:?}");
        assert_eq!(report["counts"][status], pages);
    }
    let report = review_json(site.path(), "2026-12-01");
    // The one English page with no Spanish version yet.
    let first = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "content/gene-therapy-rare-diseases-review.md")
        .expect("listed");
    assert_eq!(first["owner"], "Patient education team");
    assert_eq!(first["reviewer"], "Clinic Patient Education Team");
    assert_eq!(first["next_review"], "2027-11-23");
    assert_eq!(first["days_to_review"], 357);
    assert!(first["translations"].as_array().unwrap().is_empty());
}

#[test]
fn review_sorts_by_urgency_and_names_what_is_unfinished() {
    let site = bundled_site();
    edit(
        site.path(),
        "content/gene-therapy-basics.md",
        "reviewed: { on: 2026-11-23, by: \"Clinic Patient Education Team\", next: 2027-11-23 }",
        "reviewed: { on: 2023-01-01, by: \"Dr A. Rivera, MD\", next: 2026-01-01, note: \"Doses checked\" }",
    );
    edit(
        site.path(),
        "content/gene-therapy-rare-diseases-review.md",
        "reviewed: { on: 2026-11-23, by: \"Clinic Patient Education Team\", next: 2027-11-23 }",
        "",
    );
    edit(
        site.path(),
        "content/gene-therapy-rare-diseases-review.md",
        "owner: \"Patient education team\"\n",
        "",
    );
    let report = review_json(site.path(), "2026-12-01");
    let listed = statuses(&report);
    assert_eq!(listed[0], ("content/gene-therapy-basics.md".into(), "overdue".into()));
    assert_eq!(listed[1], ("content/gene-therapy-rare-diseases-review.md".into(), "never_reviewed".into()));
    assert_eq!(report["pages"][0]["days_to_review"], -334);
    assert_eq!(report["pages"][0]["sign_off_note"], "Doses checked");
    let missing: Vec<&str> =
        report["pages"][1]["missing_parts"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert_eq!(missing, ["review", "owner"]);

    // The table and CSV list the same pages in the same order.
    let root = site.path().to_str().unwrap();
    let csv = plainleaf(&["review", "--root", root, "--format", "csv"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), listed.len() + 1);
    assert!(rows[0].starts_with("status,next review,days,last review,title,path"));
    assert!(rows[1].starts_with("overdue,2026-01-01,-334,2023-01-01,"), "{}", rows[1]);
    let table = plainleaf(&["review", "--root", root]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("1 overdue, 1 never reviewed"), "{table}");

    // `check` reports the same facts for the same page.
    let check = plainleaf(&["check", "--root", root, "--format", "json"]);
    let check: serde_json::Value = serde_json::from_slice(&check.stdout).expect("check JSON");
    let basics = check["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "content/gene-therapy-basics.md")
        .expect("basics in check");
    assert_eq!(basics["governance"], report["pages"][0]);
}

#[test]
fn the_dashboard_is_one_file_outside_the_output_folder() {
    let site = bundled_site();
    let root = site.path().to_str().unwrap();
    assert!(build(site.path(), &[]).status.success());
    let before = files_under(&site.path().join("public"));
    let inside = site.path().join("public/review.html");
    let out = plainleaf(&["review", "--root", root, "--html", inside.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("inside the output folder"), "{err}");
    assert!(err.contains("help: "), "{err}");
    assert_eq!(files_under(&site.path().join("public")), before, "public/ untouched");

    let file = site.path().join("review.html");
    let out = plainleaf(&["review", "--root", root, "--html", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Review status on <strong>2026-12-01</strong>"));
    assert_eq!(html.matches("<tr data-status=").count(), 11, "every page, both languages");
    for outside in ["<link", " src=", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(outside), "the dashboard loads nothing from outside: {outside}");
    }
}

#[test]
fn the_code_index_validates_against_its_documented_schema() {
    let site = bundled_site();
    assert!(build(site.path(), &[]).status.success());
    let public = site.path().join("public");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("codes/index.json")).unwrap()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("docs/codes-index.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let problems: Vec<String> = validator.iter_errors(&index).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:?}");

    // Every page and code page the index names exists, and the bundled pages carry codes.
    let codes = index["codes"].as_array().unwrap();
    assert!(codes.iter().any(|c| c["system"] == "icd10cm") && codes.iter().any(|c| c["system"] == "snomed"));
    for code in codes {
        assert!(public.join(code["url"].as_str().unwrap()).is_file(), "{code}");
        for pages in code["pages"].as_object().unwrap().values() {
            for page in pages.as_array().unwrap() {
                assert!(public.join(page["url"].as_str().unwrap()).is_file(), "{page}");
            }
        }
    }
    assert!(public.join("codes/infobutton/index.html").is_file());

    // The schema can fail: a wrong OID, an absolute address and a malformed code are refused.
    let mut bad = index.clone();
    bad["systems"]["snomed"]["oid"] = "2.16.840.1.113883.6.9".into();
    bad["codes"][0]["pages"]["en"][0]["url"] = "/etc/passwd.html".into();
    bad["codes"][0]["code"] = "e11.9".into();
    assert_eq!(validator.iter_errors(&bad).count(), 3);
}

/// A code carried by a page and its Spanish translation: the index (and so the Infobutton
/// resolver, which reads it) lists the Spanish page under `es`, so a request with
/// `informationRecipient.languageCode.c=es` lands on it.
#[test]
fn the_code_index_offers_the_spanish_page_in_spanish() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/bilingual"), site.path());
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("codes/index.json")).unwrap()).unwrap();
    let entry = index["codes"].as_array().unwrap().iter().find(|c| c["code"] == "D81.9").expect("D81.9");
    assert_eq!(entry["pages"]["en"][0]["url"], "gene-therapy/index.html");
    assert_eq!(entry["pages"]["es"][0]["url"], "es/terapia-genica/index.html");
    assert_eq!(entry["pages"]["es"][0]["title"], "Terapia génica");
    let page = std::fs::read_to_string(public.join("codes/icd10cm/D81.9/index.html")).unwrap();
    assert!(
        page.contains("<section lang=\"es\">") && page.contains("../../../es/terapia-genica/index.html"),
        "{page}"
    );
    let resolver = std::fs::read_to_string(public.join("codes/infobutton/index.html")).unwrap();
    assert!(resolver.contains("es/terapia-genica/index.html"), "the resolver carries the Spanish page");
}

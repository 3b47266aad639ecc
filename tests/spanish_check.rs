//! `plainleaf check` on a site written in Spanish (`language: es`): the report shows
//! Fernández-Huerta and INFLESZ with its band, warns below the site's `inflesz` target,
//! counts sentences and hard words by the Spanish rules, skips the English passive-voice
//! check, and the build rewrites with the Spanish plain-word pairs.

mod common;

use std::path::Path;

use common::plainleaf;

/// A page with every part present, so only the prose can raise flags.
fn page(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nsummary: Una página de prueba.\nkey_points: [Un punto]\nactions: [Llame a su médico]\n\
         reviewed: {{ on: 2026-06-01, by: \"Ana Ruiz, RN\" }}\n---\n{body}\n"
    )
}

const PLAIN: &str = "Tome la pastilla con agua. Hágalo cada mañana. Si le duele, llame a su médico \
                     a fin de saber qué hacer. El Dr. Ruiz le puede ayudar.";

const HARD: &str = "La administración concomitante de inmunosupresores incrementa significativamente la \
                    probabilidad de complicaciones infecciosas oportunistas en pacientes trasplantados. \
                    The cells were taken. The drug was given. Blood was drawn.";

/// A Spanish site with the two pages; `extra` is added to site.yaml.
fn site(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("site.yaml"), format!("title: Clínica Ribera\nlanguage: es\n{extra}")).unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    // The plain page's body is a seed, as plain-word rewriting works on seed text.
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    std::fs::write(root.join("seeds/pastillas.txt"), format!("Cómo tomar sus pastillas\n\n{PLAIN}\n"))
        .unwrap();
    let plain = page("Cómo tomar sus pastillas", "").replace("---\n\n", "---\n");
    let plain = plain.replacen("summary:", "seed: pastillas.txt\nsummary:", 1);
    std::fs::write(root.join("content/tomar-pastillas.md"), plain).unwrap();
    std::fs::write(root.join("content/inmunosupresores.md"), page("Inmunosupresores", HARD)).unwrap();
    dir
}

fn check(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    plainleaf(&args)
}

fn json_report(root: &Path) -> serde_json::Value {
    let out = check(root, &["--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("check prints JSON")
}

fn page_of<'a>(report: &'a serde_json::Value, slug: &str) -> &'a serde_json::Value {
    report["pages"].as_array().unwrap().iter().find(|p| p["slug"] == slug).expect("the page is in the report")
}

fn codes(page: &serde_json::Value) -> Vec<&str> {
    page["flags"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect()
}

#[test]
fn check_reports_inflesz_and_warns_below_the_target() {
    let dir = site("");
    let report = json_report(dir.path());

    let plain = page_of(&report, "tomar-pastillas");
    assert_eq!(plain["language"], "es");
    let es = &plain["spanish"];
    assert!(es["inflesz"].as_f64().unwrap() >= 65.0, "{es}");
    assert_eq!(es["inflesz_target"], 55.0, "the default target");
    assert!(es["fernandez_huerta"].as_f64().unwrap() > 70.0, "{es}");
    assert_eq!(plain["meets_target"], true);
    // "Dr." does not end a sentence: four sentences.
    assert_eq!(plain["sentences"], 4);
    assert!(!codes(plain).contains(&"inflesz-below-target"), "{:?}", codes(plain));
    // The Spanish plain-word pairs rewrote "a fin de".
    let rewrites: Vec<(&str, &str)> = plain["rewrites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["from"].as_str().unwrap(), r["to"].as_str().unwrap()))
        .collect();
    assert!(rewrites.contains(&("a fin de", "para")), "{rewrites:?}");

    let hard = page_of(&report, "inmunosupresores");
    let es = &hard["spanish"];
    assert!(es["inflesz"].as_f64().unwrap() < 40.0, "{es}");
    assert_eq!(es["inflesz_band"], "very_hard");
    assert_eq!(hard["meets_target"], false);
    let flags = codes(hard);
    assert!(flags.contains(&"inflesz-below-target"), "{flags:?}");
    assert!(!flags.contains(&"passive-voice"), "the English passive-voice check is skipped: {flags:?}");
    // Hard words by Spanish syllables: "administración" has 5.
    let hard_words: Vec<&str> =
        hard["hard_words"].as_array().unwrap().iter().map(|h| h["word"].as_str().unwrap()).collect();
    assert!(hard_words.contains(&"administración"), "{hard_words:?}");
    assert_eq!(report["summary"]["over_target"], 1);

    // The terminal report shows the Spanish figures and the warning; --strict fails on it.
    let text = check(dir.path(), &[]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    assert!(stdout.contains("inmunosupresores [INFLESZ]"), "{stdout}");
    assert!(stdout.contains("Fernández-Huerta"), "{stdout}");
    assert!(stdout.contains("muy difícil"), "{stdout}");
    assert!(stdout.contains("warning [inflesz-below-target]"), "{stdout}");
    assert!(!stdout.contains("Flesch-Kincaid"), "{stdout}");
    assert!(!check(dir.path(), &["--strict"]).status.success());
}

#[test]
fn readability_of_a_spanish_page_gives_the_figures_check_reports() {
    let dir = site("");
    let report = json_report(dir.path());
    for slug in ["tomar-pastillas", "inmunosupresores"] {
        let file = dir.path().join(format!("content/{slug}.md"));
        let out = plainleaf(&["readability", "--language", "es", "--format", "json", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let measured: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let page = page_of(&report, slug);
        assert_eq!(measured["szigriszt_pazos"], page["spanish"]["inflesz"], "{slug}: {measured}");
        assert_eq!(measured["fernandez_huerta"], page["spanish"]["fernandez_huerta"], "{slug}");
        assert_eq!(measured["words"], page["words"], "{slug}");
        assert_eq!(measured["sentences"], page["sentences"], "{slug}");
    }
}

#[test]
fn the_sites_inflesz_target_is_used() {
    // A target below the hard page's score: nothing is below target.
    let report = json_report(site("inflesz: 0\n").path());
    let hard = page_of(&report, "inmunosupresores");
    assert_eq!(hard["spanish"]["inflesz_target"], 0.0);
    assert_eq!(hard["meets_target"], true);
    assert!(!codes(hard).contains(&"inflesz-below-target"));
    // A target above the plain page's: it is flagged too.
    let report = json_report(site("inflesz: 99\n").path());
    assert_eq!(report["summary"]["over_target"], 2);
    // Off the scale: an error naming the line, with help.
    let dir = site("inflesz: 150\n");
    let out = check(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("site.yaml:3") && stderr.contains("inflesz 150"), "{stderr}");
    assert!(stderr.contains("help:"), "{stderr}");
}

#[test]
fn an_english_site_keeps_its_english_report() {
    let dir = site("");
    std::fs::write(dir.path().join("site.yaml"), "title: Riverside\nlanguage: en-US\n").unwrap();
    let report = json_report(dir.path());
    let hard = page_of(&report, "inmunosupresores");
    assert_eq!(hard["language"], "en-US");
    assert!(hard["spanish"].is_null());
    assert!(codes(hard).contains(&"passive-voice"), "{:?}", codes(hard));
}

#[test]
fn a_spanish_glossary_marks_plurals_and_words_without_accents_but_keeps_enye() {
    let dir = site("glossary: { mark: every }\n");
    let root = dir.path();
    std::fs::write(
        root.join("content/glossary.yaml"),
        "- term: célula madre\n  plain: Una célula que puede hacer otras células.\n\
         - term: año\n  plain: Doce meses.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/celulas.md"),
        page("Células", "Las CELULAS MADRE forman la sangre. Una celula madre sana. El ano no es un año."),
    )
    .unwrap();
    let output = root.join("public");
    let built = plainleaf(&[
        "build",
        "--allow-stale",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let html = std::fs::read_to_string(output.join("celulas/index.html")).unwrap();
    let marked: Vec<&str> = html
        .split("<a class=\"term\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('>').and_then(|(_, text)| text.split('<').next()))
        .collect();
    assert_eq!(marked, ["CELULAS MADRE", "celula madre", "año"], "{html}");
}

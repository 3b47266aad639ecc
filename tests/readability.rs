//! One set of reading numbers: for the same text, `plainleaf readability`, `plainleaf check`,
//! the reading-level badge on the built pages and the preview's writing hints agree (grade,
//! words, sentences, long sentences and hard words), on several kinds of text.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{bundled_site, plainleaf};
use serde_json::Value;

/// Bodies that stress different counting rules.
const TEXTS: &[(&str, &str)] = &[
    ("short", "Your genes tell your cells what to do. A gene can change. Then a cell may not work well.\n"),
    (
        "long-and-dotted",
        "Dr. Lee said the U.S. team gave 2.5 mg of the medicine to each person in the study, and \
         most people felt fine afterwards, although some had a mild fever, a headache or tiredness \
         for a day or two. Ask questions.\n",
    ),
    (
        "lists-and-headings",
        "## What happens first\n\nYou meet your care team.\n\n- They check your blood\n- They explain \
         the treatment and its possible complications\n- You sign a consent form\n\n## After \
         treatment\n\nYou come back for regular checkups. Immunotherapy and chemotherapy are different.\n",
    ),
    (
        "capitals-and-numbers",
        "The HIV test takes 15 minutes. About 1 in 4 people need another appointment. Hematopoietic \
         stem cells make new blood cells! Is that surprising? \"Yes,\" said the nurse.\n",
    ),
];

fn page(slug: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"Agree {slug}\"\nsummary: A page for checking that reading numbers agree.\ntopics: [agreement]\n\
         reviewed: {{ on: 2026-11-01, by: \"Test Team\", next: 2027-11-01 }}\n---\n{body}"
    )
}

fn json_of(args: &[&str]) -> Value {
    let out = plainleaf(args);
    assert!(
        out.status.success() || !out.stdout.is_empty(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn badge_grades(html: &str) -> Vec<String> {
    html.split("Reading level: grade ")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn readability_check_badge_and_hints_agree() {
    std::env::set_var("SOURCE_DATE_EPOCH", "1795000000");
    let dir = bundled_site();
    let root = dir.path();
    for (slug, body) in TEXTS {
        std::fs::write(root.join(format!("content/agree-{slug}.md")), page(slug, body)).unwrap();
    }
    let root_arg = root.to_str().unwrap();
    let report = json_of(&["check", "--allow-stale", "--format", "json", "--root", root_arg]);
    let output = tempfile::tempdir().unwrap();
    let built = plainleaf(&[
        "build",
        "--allow-stale",
        "--root",
        root_arg,
        "--output",
        output.path().join("public").to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let options =
        plainleaf::BuildOptions { root: root.to_path_buf(), allow_stale: true, ..Default::default() };
    let in_memory = plainleaf::build_once(&options, &plainleaf::Sink::Memory).unwrap();

    for (slug, _) in TEXTS {
        let path = format!("content/agree-{slug}.md");
        let checked = report["pages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"].as_str().is_some_and(|p| p.replace('\\', "/") == path))
            .unwrap_or_else(|| panic!("check reports {path}"));
        let measured = json_of(&["readability", "--format", "json", root.join(&path).to_str().unwrap()]);
        let grade = checked["grade"].as_f64().unwrap();

        // readability and check: the same grade, words and sentences.
        assert_eq!(measured["grade"].as_f64(), Some(grade), "{slug}: readability vs check grade");
        assert_eq!(measured["readability"]["words"], checked["words"], "{slug}: words");
        assert_eq!(measured["readability"]["sentences"], checked["sentences"], "{slug}: sentences");
        let long: Vec<&Value> = measured["long_sentences"].as_array().unwrap().iter().collect();
        let worst: Vec<&Value> = checked["worst_sentences"].as_array().unwrap().iter().collect();
        assert_eq!(long.len().min(5), worst.len(), "{slug}: long sentences");
        let hard = |list: &Value| -> BTreeSet<String> {
            list.as_array().unwrap().iter().map(|h| h["word"].as_str().unwrap().to_lowercase()).collect()
        };
        let hard_words = hard(&measured["hard_words"]);
        if hard_words.len() <= 10 {
            assert_eq!(hard_words, hard(&checked["hard_words"]), "{slug}: hard words");
        }

        // The badge on the page and on its card show the reported grade, rounded the same way.
        let shown = format!("{grade:.1}");
        let html =
            std::fs::read_to_string(output.path().join(format!("public/agree-{slug}/index.html"))).unwrap();
        assert_eq!(badge_grades(&html), std::slice::from_ref(&shown), "{slug}: page badge");
        let topic =
            std::fs::read_to_string(output.path().join("public/topics/agreement/index.html")).unwrap();
        let card = topic.split(&format!("agree-{slug}/")).nth(1).unwrap_or_else(|| panic!("{slug} card"));
        assert_eq!(badge_grades(card).first(), Some(&shown), "{slug}: card badge");

        // The preview's hints: the same grade, long sentences and hard words.
        let article = in_memory.rendered.articles.iter().find(|a| a.slug == format!("agree-{slug}")).unwrap();
        let hints: Value = serde_json::from_str(&plainleaf::plain::hints::page_hints(
            &article.slug,
            article.readability.flesch_kincaid_grade,
            article.reading_grade_target,
            &article.prose,
        ))
        .unwrap();
        assert_eq!(hints["grade"].as_f64(), Some(grade), "{slug}: hints grade");
        assert_eq!(
            hints["long_sentences"].as_array().unwrap().len(),
            long.len(),
            "{slug}: hints long sentences"
        );
        let hinted: BTreeSet<String> =
            hints["hard_words"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect();
        assert_eq!(hinted, hard_words, "{slug}: hints hard words");
    }
    assert!(Path::new(root).join("site.yaml").is_file());
}

/// `readability --language es` measures Spanish with the Spanish rules: Fernández-Huerta,
/// Szigriszt-Pazos with its INFLESZ band, ¿ ¡ and abbreviations, and the Spanish plain words.
#[test]
fn spanish_text_gets_the_spanish_measures() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("diabetes.md");
    std::fs::write(
        &file,
        "---\ntitle: Diabetes\n---\nLa diabetes es una enfermedad que dura toda la vida. \
         ¿Qué puede hacer? Camine todos los días, con el fin de bajar el azúcar.\n\n\
         - Coma más verduras\n- Hable con el Dr. Gómez\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let v = json_of(&["readability", "--language", "es", "--format", "json", path]);
    assert_eq!(v["language"], "es");
    assert_eq!(v["sentences"], 5, "{v}");
    assert_eq!(v["words"], 32, "{v}");
    let sp = v["szigriszt_pazos"].as_f64().unwrap();
    assert!(sp > 65.0, "{v}");
    assert!(v["fernandez_huerta"].as_f64().unwrap() > sp, "{v}");
    assert_eq!(v["plain_words"][0]["from"], "con el fin de", "{v}");
    let text = String::from_utf8(plainleaf(&["readability", "--language", "es", path]).stdout).unwrap();
    assert!(text.contains("Szigriszt-Pazos") && text.contains("INFLESZ"), "{text}");
    let bad = plainleaf(&["readability", "--language", "xx", path]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("help: "));
}

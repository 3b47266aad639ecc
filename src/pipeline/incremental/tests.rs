//! The live site's rebuilds equal full renders, byte for byte, after every kind of edit.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::*;
use crate::pipeline::render_in_memory;

/// A copy of the bundled site's main-language pages in a temporary folder (most of these
/// tests count pages of one language; [`bilingual_site_copy`] keeps both).
fn site_copy() -> (tempfile::TempDir, BuildOptions) {
    let (dir, options) = bilingual_site_copy();
    let config = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    let one_language: String =
        config.lines().filter(|l| !l.starts_with("languages:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("site.yaml"), one_language).unwrap();
    std::fs::remove_dir_all(dir.path().join("content/es")).unwrap();
    let _ = std::fs::remove_file(dir.path().join("content/glossary.es.yaml"));
    (dir, options)
}

/// A copy of the bundled site, in both its languages, in a temporary folder.
fn bilingual_site_copy() -> (tempfile::TempDir, BuildOptions) {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in ["site.yaml", "content", "seeds", "themes"] {
        copy_tree(&from.join(entry), &dir.path().join(entry));
    }
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        preview: true,
        allow_stale: true,
        prose_checks: false,
        ..Default::default()
    };
    (dir, options)
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn edit(root: &Path, rel: &str, find: &str, replace: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{rel} has no {find:?}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

/// The live site's files must equal a fresh full render, byte for byte.
fn assert_same_as_full(preview: &LiveSite, options: &BuildOptions) {
    let full = render_in_memory(options).unwrap();
    let full_files: HashMap<&str, &[u8]> =
        full.files.iter().map(|f| (f.path.as_str(), &f.bytes[..])).collect();
    assert_eq!(
        full_files.keys().copied().collect::<BTreeSet<&str>>(),
        preview.files().keys().map(String::as_str).collect::<BTreeSet<&str>>(),
        "same file list"
    );
    for (path, bytes) in &full_files {
        let mine = &preview.files()[*path];
        assert!(&mine[..] == *bytes, "{path} differs from a full render");
    }
    let statics: HashMap<&str, &[u8]> =
        full.statics.iter().map(|f| (f.output_path.as_str(), &f.bytes[..])).collect();
    assert_eq!(statics.len(), preview.statics().len());
    for (path, bytes) in statics {
        assert!(&preview.statics()[path][..] == bytes, "{path} differs");
    }
}

const BASICS: &str = "content/gene-therapy-basics.md";

#[test]
fn incremental_rebuilds_equal_full_renders() {
    let (dir, options) = site_copy();
    let root = dir.path();
    let mut preview = LiveSite::build(&options).unwrap();
    assert_same_as_full(&preview, &options);

    // A body-only edit: one page processed, a few rendered.
    let text = std::fs::read_to_string(root.join(BASICS)).unwrap();
    std::fs::write(
        root.join(BASICS),
        format!("{text}\nAsk your care team about your genes and your treatment plan.\n"),
    )
    .unwrap();
    let applied = preview.apply(&[Change::Page(BASICS.into())]).unwrap();
    assert!(!applied.full && applied.processed == 1, "{applied:?}");
    assert_eq!(applied.outcome, Outcome::Reload);
    assert_same_as_full(&preview, &options);

    // A title edit moves the page in every list.
    edit(root, BASICS, "title: \"Gene therapy: what it is", "title: \"Zebra gene therapy: what it is");
    preview.apply(&[Change::Page(BASICS.into())]).unwrap();
    assert_same_as_full(&preview, &options);

    // A new topic changes the navigation on every page.
    edit(
        root,
        BASICS,
        "topics: [gene therapy, clinical trials]",
        "topics: [gene therapy, clinical trials, brand new topic]",
    );
    preview.apply(&[Change::Page(BASICS.into())]).unwrap();
    assert_same_as_full(&preview, &options);

    // A summary edit shows on cards.
    edit(root, BASICS, "summary: Gene therapy changes", "summary: Gene therapy can change");
    preview.apply(&[Change::Page(BASICS.into())]).unwrap();
    assert_same_as_full(&preview, &options);
}

#[test]
fn seeds_templates_statics_and_deletions_equal_full_renders() {
    let (dir, options) = site_copy();
    let root = dir.path();
    let mut preview = LiveSite::build(&options).unwrap();

    let seed = root.join("seeds/003_6c4427eec06df93d.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text + "\nA new closing line about genes.\n").unwrap();
    let applied = preview.apply(&[Change::Seed("003_6c4427eec06df93d.txt".into())]).unwrap();
    assert!(applied.processed >= 1 && !applied.full, "{applied:?}");
    assert_same_as_full(&preview, &options);

    edit(
        root,
        "themes/clinic/templates/article.html",
        "<h1>{{ page.title }}</h1>",
        "<h1 class=\"t\">{{ page.title }}</h1>",
    );
    preview.apply(&[Change::Theme]).unwrap();
    assert_same_as_full(&preview, &options);

    edit(root, "themes/clinic/static/css/style.css", "{", "{ ");
    let applied = preview.apply(&[Change::Static]).unwrap();
    assert_eq!(applied.outcome, Outcome::Css);
    assert_same_as_full(&preview, &options);

    // A site static file added, then deleted: named as changed, then as removed.
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/handout-note.txt"), "Bring this page.").unwrap();
    let applied = preview.apply(&[Change::Static]).unwrap();
    assert_eq!(applied.changed, ["handout-note.txt"]);
    std::fs::remove_file(root.join("static/handout-note.txt")).unwrap();
    let applied = preview.apply(&[Change::Static]).unwrap();
    assert_eq!((applied.changed.len(), applied.removed.clone()), (0, vec!["handout-note.txt".to_string()]));
    assert_eq!(applied.outcome, Outcome::Reload);
    assert_same_as_full(&preview, &options);

    std::fs::remove_file(root.join(BASICS)).unwrap();
    let applied = preview.apply(&[Change::Page(BASICS.into())]).unwrap();
    assert!(applied.full);
    assert_same_as_full(&preview, &options);
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_site() {
    let (dir, options) = site_copy();
    let root = dir.path();
    let mut preview = LiveSite::build(&options).unwrap();
    let before = preview.files().clone();
    edit(root, BASICS, "topics: [gene therapy, clinical trials]", "topics: [gene therapy, clinical trials");
    let err = preview.apply(&[Change::Page(BASICS.into())]).unwrap_err();
    assert!(err.to_string().contains("content/gene-therapy-basics.md:"), "{err}");
    assert_eq!(preview.files().len(), before.len());
    assert!(preview.files().iter().all(|(k, v)| before[k][..] == v[..]));
    edit(root, BASICS, "topics: [gene therapy, clinical trials", "topics: [gene therapy, clinical trials]");
    preview.apply(&[Change::Page(BASICS.into())]).unwrap();
    assert_same_as_full(&preview, &options);
}

/// Apply one change, then check it equals a full render and that `changed` names exactly
/// the files whose bytes changed.
fn apply_and_check(preview: &mut LiveSite, options: &BuildOptions, change: Change, what: &str) -> Applied {
    let before = preview.files().clone();
    let applied = preview.apply(&[change]).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_same_as_full(preview, options);
    let mut differ: Vec<&str> = preview
        .files()
        .iter()
        .filter(|(path, bytes)| before.get(*path).is_none_or(|old| old[..] != bytes[..]))
        .map(|(path, _)| path.as_str())
        .collect();
    differ.sort_unstable();
    assert_eq!(differ, applied.changed, "{what}: changed files");
    applied
}

/// A site of 30 pages (six copies of each bundled page) with small home and glossary
/// lists and a base URL, so every list page, the feed and the sitemap are in play.
fn larger_site_copy() -> (tempfile::TempDir, BuildOptions) {
    let (dir, options) = site_copy();
    let root = dir.path().to_path_buf();
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        format!("{config}theme_settings:\n  home_cards_per_topic: 2\n  glossary_backlinks: 2\n  az_one_page_max: 10\n"),
    )
    .unwrap();
    let pages: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let stem = page.file_stem().unwrap().to_string_lossy().into_owned();
        for copy in 1..6 {
            let retitled: String = text
                .lines()
                .map(|line| match line.strip_prefix("title: ") {
                    Some(title) => format!("title: \"Part {copy}: {}\"\n", title.replace('"', "")),
                    None => format!("{line}\n"),
                })
                .collect();
            std::fs::write(root.join(format!("content/{stem}-{copy}.md")), retitled).unwrap();
        }
    }
    (dir, options)
}

#[test]
fn every_kind_of_page_edit_on_a_larger_site_equals_a_full_render() {
    let (dir, options) = larger_site_copy();
    let root = dir.path();
    let mut preview = LiveSite::build(&options).unwrap();
    assert_same_as_full(&preview, &options);
    let page = "content/gene-therapy-basics-3.md";
    let change = || Change::Page(page.into());
    let text = std::fs::read_to_string(root.join(page)).unwrap();
    let edits: Vec<(&str, String)> = vec![
        (
            "a sentence",
            format!("{text}\nAsk your care team which tests you need before and after treatment.\n"),
        ),
        ("a glossary word", format!("{text}\nYour bone marrow makes new blood cells every day.\n")),
        (
            "the summary",
            text.replacen("summary: Gene therapy changes", "summary: Gene therapy can change", 1),
        ),
        // In the middle of every list: no glossary "Used in" list shows it, before or after.
        ("the title, in place", text.replacen("title: \"Part 3:", "title: \"Part 3 again:", 1)),
        // To the front of every list: the glossary's short "Used in" lists now show it.
        ("the title", text.replacen("title: \"Part 3:", "title: \"Aardvark part 3:", 1)),
        (
            "the topics",
            text.replacen(
                "topics: [gene therapy, clinical trials]",
                "topics: [rare diseases, immune system]",
                1,
            ),
        ),
        (
            "other names",
            text.replacen(
                "also_known_as: [genetic therapy,",
                "also_known_as: [zebra therapy, genetic therapy,",
                1,
            ),
        ),
        ("the review date", text.replacen("reviewed: { on: 2026-11-23", "reviewed: { on: 2026-10-01", 1)),
        ("back as it was", text.clone()),
    ];
    for (what, edited) in edits {
        assert_ne!(std::fs::read_to_string(root.join(page)).unwrap(), edited, "{what} edits the page");
        std::fs::write(root.join(page), &edited).unwrap();
        let applied = apply_and_check(&mut preview, &options, change(), what);
        assert!(!applied.full && applied.processed == 1, "{what}: {applied:?}");
        assert!(applied.rendered < 40, "{what}: {} pages rendered, not the whole site", applied.rendered);
    }
    // Saving the same bytes again changes nothing.
    let applied = apply_and_check(&mut preview, &options, change(), "no edit");
    assert_eq!(applied.outcome, Outcome::Unchanged);
}

/// A site in two languages rebuilds only what an edit reaches, in its own language and in
/// the other (the switcher and JSON-LD name a paired page's title; the Spanish home lists the
/// English pages it has no version of), and still equals a full render.
#[test]
fn edits_on_a_bilingual_site_rebuild_in_part_and_equal_full_renders() {
    let (dir, options) = bilingual_site_copy();
    let root = dir.path();
    let mut preview = LiveSite::build(&options).unwrap();
    assert_same_as_full(&preview, &options);
    let spanish = "content/es/gene-therapy-basics.md";
    let english_only = "content/gene-therapy-rare-diseases-review.md";
    let pages = preview.files().keys().filter(|p| p.ends_with(".html")).count();
    let steps: Vec<(&str, &str, &str, &str)> = vec![
        (
            "a Spanish sentence",
            spanish,
            "Tal vez un día pueda curar algunas.",
            "Tal vez un día pueda curar algunas. Pregunte a su equipo médico.",
        ),
        ("a Spanish title", spanish, "title: \"Terapia génica: qué es", "title: \"La terapia génica: qué es"),
        (
            "a Spanish summary",
            spanish,
            "summary: La terapia génica cambia",
            "summary: La terapia génica puede cambiar",
        ),
        (
            "Spanish topics",
            spanish,
            "topics: [terapia génica, ensayos clínicos]",
            "topics: [terapia génica, sistema inmunitario]",
        ),
        (
            "a paired English title",
            BASICS,
            "title: \"Gene therapy: what it is",
            "title: \"Gene therapy explained: what it is",
        ),
        (
            "an English-only title",
            english_only,
            "title: \"Gene therapy for rare diseases",
            "title: \"Rare diseases and gene therapy",
        ),
    ];
    for (what, page, find, replace) in steps {
        edit(root, page, find, replace);
        let applied = apply_and_check(&mut preview, &options, Change::Page(page.into()), what);
        assert!(!applied.full && applied.processed == 1, "{what}: {applied:?}");
        assert!(applied.rendered < pages, "{what}: {} of {pages} pages rendered", applied.rendered);
    }
    // The Spanish version of a retitled English page names the new title.
    let paired = String::from_utf8(preview.files()["es/terapia-genica-que-es/index.html"].to_vec()).unwrap();
    assert!(
        paired.contains("Gene therapy explained"),
        "the Spanish page's switcher or JSON-LD names the English title"
    );
    let home = String::from_utf8(preview.files()["es/index.html"].to_vec()).unwrap();
    assert!(
        home.contains("Rare diseases and gene therapy"),
        "the Spanish home lists the English-only page's new title"
    );
}

#[test]
fn a_replaced_picture_re_renders_the_pages_that_show_it() {
    let (dir, options) = site_copy();
    let root = dir.path();
    let mut preview = LiveSite::build(&options).unwrap();
    let svg = "content/images/gene-therapy-vector.svg";
    edit(root, svg, "width=\"800\" height=\"360\"", "width=\"900\" height=\"400\"");
    let applied = preview.apply(&[classify(Path::new(svg)).unwrap()]).unwrap();
    assert!(!applied.full, "a picture is not a reason to rebuild everything");
    assert_eq!(applied.edited, vec!["gene-therapy-basics".to_string()]);
    let page = String::from_utf8(preview.files()["gene-therapy-basics/index.html"].to_vec()).unwrap();
    assert!(page.contains("width=\"900\" height=\"400\""), "the page shows the new picture's size");
    assert_same_as_full(&preview, &options);

    // Removed, the picture is reported like in a build; put back, the page recovers.
    let bytes = std::fs::read(root.join(svg)).unwrap();
    std::fs::remove_file(root.join(svg)).unwrap();
    let err = preview.apply(&[Change::Picture(svg.into())]).unwrap_err();
    assert!(format!("{err:?}").contains("gene-therapy-vector.svg cannot be read"), "{err:?}");
    std::fs::write(root.join(svg), bytes).unwrap();
    preview.apply(&[Change::Picture(svg.into())]).unwrap();
    assert_same_as_full(&preview, &options);
}

#[test]
fn classifies_site_paths() {
    assert_eq!(classify(Path::new("site.yaml")), Some(Change::Full));
    assert_eq!(classify(Path::new("content/glossary.yaml")), Some(Change::Full));
    assert_eq!(classify(Path::new("content/a.md")), Some(Change::Page(PathBuf::from("content/a.md"))));
    assert_eq!(classify(Path::new("content/.a.md.swp")), None);
    assert_eq!(classify(Path::new("content/a.md~")), None);
    assert_eq!(classify(Path::new("seeds/001.txt")), Some(Change::Seed("001.txt".into())));
    assert_eq!(classify(Path::new("themes/clinic/templates/base.html")), Some(Change::Theme));
    assert_eq!(classify(Path::new("themes/clinic/static/css/style.css")), Some(Change::Static));
    assert_eq!(classify(Path::new("static/logo.png")), Some(Change::Picture("static/logo.png".into())));
    assert!(classify(Path::new("static/logo.png")).unwrap().touches_static());
    assert_eq!(classify(Path::new("static/notes.txt")), Some(Change::Static));
    let picture = classify(Path::new("content/images/x.svg")).unwrap();
    assert_eq!(picture, Change::Picture("content/images/x.svg".into()));
    assert!(!picture.touches_static());
    assert_eq!(classify(Path::new("templates/article.html")), Some(Change::Theme));
    assert_eq!(classify(Path::new("public/index.html")), None);
    assert_eq!(classify(Path::new("notes.txt")), None);
}

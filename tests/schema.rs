//! The JSON Schemas `plainleaf schema` writes agree with the build: a real validator (the
//! `jsonschema` crate) and the real binary judge the same files, from the bundled site, every
//! front-matter case of the bad-input catalogue (read out of tests/catalogue.rs, so a new case
//! there is checked here too) and the cases below. What the schema rejects the build rejects,
//! and the reverse, except for the checks in [`NOT_IN_THE_SCHEMA`].

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// Checks the build makes that a JSON Schema cannot express, each with a piece of the build's
/// message that names it. A file the build rejects and the schema accepts must fail one of
/// these (docs/schemas.md lists the same).
const NOT_IN_THE_SCHEMA: &[(&str, &str)] = &[
    ("the seed file is in seeds/, readable, text and not empty", "the seed file seeds/"),
    ("the seed file is in seeds/, readable, text and not empty", "is not a text file"),
    ("reviewed.next comes after reviewed.on", "the next review (reviewed.next"),
    ("a slug has a letter or a digit once made into an address", "has no letters or digits"),
    ("no two pages share an address", "both have the address"),
    ("an edit's find text is in the seed", "looks for text that is not in the seed"),
    ("base_url is a web address with a host", "is not a web address"),
    ("minify: true needs a plainleaf built with minification", "built without HTML minification"),
    ("the theme named in site.yaml exists", "there is no theme called"),
    ("a glossary entry's term and plain are not blank", "has an empty"),
    ("a glossary phrase belongs to one entry only", "is claimed by two entries"),
    ("a glossary entry's see names another entry", "but the glossary has no such term"),
    // Codes may be written as YAML numbers (`snomed: [44054006]`), which a `pattern` never
    // checks, and check digits are arithmetic: the build checks every code's form itself.
    ("a medical code has its system's form and check digit", "is not an ICD-10-CM code"),
    ("a medical code has its system's form and check digit", "has no dot after its third character"),
    ("a medical code has its system's form and check digit", "must be written in capitals"),
    ("a medical code has its system's form and check digit", "fails its check digit"),
    ("a medical code has its system's form and check digit", "is not a LOINC code"),
    ("a medical code has its system's form and check digit", "is not an RxNorm concept id"),
    ("a medical code has its system's form and check digit", "is not a SNOMED CT"),
    ("a sign-off note needs reviewed.by", "reviewed.note is a sign-off note"),
    // Where a page is (its folder) and what other files exist decide these.
    ("a translation is in a language folder", "so it is not a translation"),
    ("a translation's `of` names a main-language page that exists", "this page translates"),
    ("a page has one translation per language", "both translate"),
    ("a language folder is listed in languages", "which site.yaml's languages: does not list"),
    ("language and languages agree", "disagrees with languages"),
    ("a language code is listed once", "is listed twice"),
    ("translation.by is not blank", "translation.by is empty"),
    ("translation.of names a .md file", "translation.of must name a page file"),
];

fn schemas() -> PathBuf {
    // One output for every test in this file: the real command's files, not the library's.
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = plainleaf(&["schema", "--output", dir.path().to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    });
    dir.path().to_path_buf()
}

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(schemas().join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema = schema(name);
    jsonschema::draft7::options().should_validate_formats(true).build(&schema).unwrap()
}

/// The schema's verdict on YAML text: `None` when it is not YAML at all (no schema judges it).
fn schema_errors(validator: &jsonschema::Validator, yaml: &str) -> Option<Vec<String>> {
    let value: Value = if yaml.trim().is_empty() { Value::Null } else { serde_yaml::from_str(yaml).ok()? };
    // An empty front-matter is an empty mapping to the build.
    Some(validator.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path())).collect())
}

/// A small site: the repository's site.yaml, seeds and glossary, and one page.
fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    copy_dir(&repo().join("seeds"), &dir.path().join("seeds"));
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::copy(repo().join("content/glossary.yaml"), dir.path().join("content/glossary.yaml")).unwrap();
    std::fs::write(dir.path().join("content/plain.md"), "---\ntitle: A plain page\n---\nSome plain words.\n")
        .unwrap();
    dir
}

/// The build's verdict: `Err(stderr)` when it rejects the site.
fn build_verdict(site: &Path) -> Result<(), String> {
    let out = build(site, &[]);
    match out.status.code() {
        Some(0) => Ok(()),
        Some(1) => Err(stderr(&out)),
        other => panic!("build exited with {other:?}: {}", stderr(&out)),
    }
}

/// Compare the two verdicts on one file; returns a line describing a disagreement.
fn compare(what: &str, schema: Option<Vec<String>>, build: Result<(), String>) -> Option<String> {
    match (schema, build) {
        // Not YAML: the editor shows the syntax error, the build rejects it.
        (None, Err(_)) => None,
        (None, Ok(())) => Some(format!("{what}: not YAML to the schema test, but the build accepts it")),
        (Some(errors), Ok(())) if !errors.is_empty() => {
            Some(format!("{what}: the schema rejects it ({errors:?}) but the build accepts it"))
        }
        (Some(_), Ok(())) => None,
        (Some(errors), Err(_)) if !errors.is_empty() => None,
        (Some(_), Err(stderr)) => {
            let first = stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or("").to_string();
            if NOT_IN_THE_SCHEMA.iter().any(|(_, needle)| first.contains(needle)) {
                None
            } else {
                Some(format!("{what}: the build rejects it ({first}) but the schema accepts it"))
            }
        }
    }
}

/// The front-matter of a page file, as the build splits it.
fn front_matter(text: &str) -> Option<String> {
    let text = plainleaf::content::frontmatter::normalize_newlines(text);
    plainleaf::content::frontmatter::split(&text).ok().map(|s| s.yaml.to_string())
}

/// Undo a Rust string literal's escapes (the ones the catalogue uses).
fn unescape(literal: &str) -> String {
    let mut out = String::new();
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.push(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32).unwrap_or('?'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The Rust string literal that starts at `text` (just after its opening quote).
fn literal_at(text: &str) -> Option<&str> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(&text[..i]),
            _ => escaped = false,
        }
    }
    None
}

/// Every page the catalogue writes: `page("FRONT")` calls and literal `---` page texts.
fn catalogue_pages() -> Vec<String> {
    let source = std::fs::read_to_string(repo().join("tests/catalogue.rs")).unwrap();
    let mut pages = Vec::new();
    for (at, _) in source.match_indices("page(\"") {
        if let Some(lit) = literal_at(&source[at + "page(\"".len()..]) {
            pages.push(format!("---\n{}\n---\nSome plain words for the page body.\n", unescape(lit)));
        }
    }
    for (at, _) in source.match_indices(".md\", \"---") {
        if let Some(lit) = literal_at(&source[at + ".md\", \"".len()..]) {
            pages.push(unescape(lit));
        }
    }
    pages
}

#[test]
fn the_schemas_are_valid_draft_07_schemas() {
    for name in ["site.schema.json", "page.schema.json", "glossary.schema.json", "theme.schema.json"] {
        let schema = schema(name);
        if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
            panic!("{name} is not a valid draft-07 schema: {e}");
        }
        assert!(schema["description"].is_string(), "{name}");
    }
}

#[test]
fn the_bundled_site_passes_its_schemas() {
    let site = validator("site.schema.json");
    let page = validator("page.schema.json");
    let glossary = validator("glossary.schema.json");
    let theme = validator("theme.schema.json");
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let mut checked =
        vec![(repo().join("site.yaml"), schema_errors(&site, &read(&repo().join("site.yaml"))))];
    let glossary_file = repo().join("content/glossary.yaml");
    checked.push((glossary_file.clone(), schema_errors(&glossary, &read(&glossary_file))));
    for entry in walkdir::WalkDir::new(repo().join("content")).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let yaml = front_matter(&read(entry.path())).unwrap();
            checked.push((entry.path().to_path_buf(), schema_errors(&page, &yaml)));
        }
    }
    for entry in std::fs::read_dir(repo().join("themes")).unwrap().flatten() {
        let manifest = entry.path().join("theme.yaml");
        checked.push((manifest.clone(), schema_errors(&theme, &read(&manifest))));
    }
    assert!(checked.len() >= 8, "{checked:?}");
    for (path, errors) in checked {
        assert_eq!(errors, Some(vec![]), "{}", path.display());
    }
}

/// Front-matter cases beyond the catalogue's: the mistakes an editor should flag, and pages in
/// the style a CMS writes (quoted strings, block lists, dates).
const MORE_PAGES: &[&str] = &[
    "title: A\nreviewed: { onn: 2024-01-01 }",
    "title: A\nreviewed: { by: Someone }",
    "title: A\ndraft: \"yes\"",
    "title: A\ndraft: yes",
    "title: A\nreading_grade: high",
    "title: A\nreading_grade: 6.5",
    "title: A\nbody_position: middle",
    "title: A\nbody_position: before",
    "title: A\nfill:\n  \"It can:\": true",
    "title: A\nfill:\n  \"It can:\": false\n  \"Also:\": [one, two]\n  \"More:\": Some text.",
    "title: A\nfill:\n  \"It can:\": 5",
    "title: A\npublished: '2024-02-30'",
    "title: A\npublished: 2024-02-29",
    "title: A\npublished: 2024-1-5",
    "title: A\npublished: \"2024-01-05T10:00:00Z\"",
    "title: A\ntopics: gene therapy",
    "title: A\ntopics:\n  - gene therapy\n  - genes",
    "title: A\nsources:\n  - title: NIH\n    url: https://example.org/\n  - url: https://example.org/b",
    "title: A\nedits:\n  - { find: a }",
    "title: 5",
    "title: true\ntopics: [1, 2.5]\nsummary: 3.5",
    "title: [a list]",
    "title: A\nseed: { file: x }",
    "title: A\nslug: '---'",
    "title: A\nsummary: null\nreviewed: null",
    "title: A\nplain_words: off",
    "title: A\nget_help:\n  emergency: [911, '  ']",
    "title: A\nget_help:\n  emergency: [911]\n  urgent: [A high fever]",
    "title: 'It''s a page'\nsummary: >-\n  Folded text\n  over lines.\nkey_points:\n  - 'First: a point'\n  - Second\nreviewed:\n  on: 2024-05-01\n  by: 'Dana Smith, RN'\n  next: 2027-05-01\ndraft: false",
];

/// site.yaml cases (each replaces the file).
const SITES: &[&str] = &[
    "title: T\nthem: clinic",
    "title: T\nreview: { interval: 3 years }",
    "title: T\nreview: { interval: 0y }",
    "title: T\nreview: { interval: 18m, due_soon: 6w, overdue: error }",
    "title: T\nreview: { overdue: maybe }",
    "title: T\nglossary: { mark: all }",
    "title: T\nglossary: { mark: every }",
    "title: T\nbase_url: clinic.example.org",
    "title: T\nminify: true",
    "title: T\nreading_grade: '8'",
    "title: T\nlanguage: es\ninflesz: 60",
    "title: T\ninflesz: 150",
    "title: T\ninflesz: normal",
    "title: T\nplain_words: { enabled: false, add: [{ find: utilize, replace: use }] }",
    "title: T\nplain_words: { add: [{ find: utilize }] }",
    "description: no title",
    "title: T\ntheme: no-such-theme",
    "title: T\ntheme_settings: { anything: [1, 2] }",
];

/// glossary.yaml cases.
const GLOSSARIES: &[&str] = &[
    "- term: vaccine\n  plain: A medicine that teaches your body to fight a germ.",
    "- term: vaccine\n  plian: A medicine.",
    "- term: vaccine",
    "- term: vaccine\n  plain: '   '",
    "terms:\n  - term: vaccine\n    plain: A medicine that teaches your body to fight a germ.\n    also: [vaccines]",
    "terms:\n  - term: vaccine\n    plain: A medicine.\nextra: 1",
    "term: vaccine\nplain: A medicine.",
    "- term: vaccine\n  plain: A medicine.\n  case_sensitive: maybe",
    "- term: vaccine\n  plain: A medicine.\n- term: shot\n  plain: A vaccine.\n  also: [vaccine]",
    "- term: vaccine\n  plain: A medicine.\n  see: [no such term]",
    "",
];

#[test]
fn the_schemas_and_the_build_agree() {
    let page = validator("page.schema.json");
    let site_schema = validator("site.schema.json");
    let glossary = validator("glossary.schema.json");
    let mut pages = catalogue_pages();
    assert!(pages.len() >= 20, "the catalogue's page cases were not found: {}", pages.len());
    pages.extend(MORE_PAGES.iter().map(|f| format!("---\n{f}\n---\nSome plain words for the page body.\n")));
    let mut disagreements = Vec::new();
    let site = small_site();
    assert_eq!(build_verdict(site.path()), Ok(()), "the small site must build");
    let site_yaml = std::fs::read(site.path().join("site.yaml")).unwrap();
    let glossary_yaml = std::fs::read(site.path().join("content/glossary.yaml")).unwrap();
    for text in &pages {
        let case = site.path().join("content/case.md");
        std::fs::write(&case, text).unwrap();
        let verdict = schema_errors(&page, &front_matter(text).unwrap_or_else(|| "[".into()));
        disagreements.extend(compare(&format!("page {text:?}"), verdict, build_verdict(site.path())));
        std::fs::remove_file(&case).unwrap();
    }
    for text in SITES {
        std::fs::write(site.path().join("site.yaml"), text).unwrap();
        disagreements.extend(compare(
            &format!("site.yaml {text:?}"),
            schema_errors(&site_schema, text),
            build_verdict(site.path()),
        ));
    }
    std::fs::write(site.path().join("site.yaml"), &site_yaml).unwrap();
    for text in GLOSSARIES {
        std::fs::write(site.path().join("content/glossary.yaml"), text).unwrap();
        disagreements.extend(compare(
            &format!("glossary.yaml {text:?}"),
            schema_errors(&glossary, text),
            build_verdict(site.path()),
        ));
    }
    std::fs::write(site.path().join("content/glossary.yaml"), &glossary_yaml).unwrap();
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}

/// The file a `# yaml-language-server: $schema=PATH` line in `file` points at, if it has one.
fn modeline_target(file: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(file).unwrap();
    let line = text.lines().take(3).find_map(|l| l.strip_prefix("# yaml-language-server: $schema="))?;
    Some(file.parent().unwrap().join(line.trim()))
}

#[test]
fn new_and_import_write_the_schema_line_and_the_schemas_it_names() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    let out = plainleaf(&["new", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::copy(repo().join("seeds/003_6c4427eec06df93d.txt"), site.join("seeds/003_6c4427eec06df93d.txt"))
        .unwrap();
    let out = plainleaf(&["import", "--root", site.to_str().unwrap(), "seeds/003_6c4427eec06df93d.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let imported = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md") && !e.path().ends_with("welcome.md"))
        .unwrap();
    for (file, schema) in [
        (site.join("site.yaml"), "site.schema.json"),
        (site.join("content/glossary.yaml"), "glossary.schema.json"),
        (site.join("content/welcome.md"), "page.schema.json"),
        (imported.path().to_path_buf(), "page.schema.json"),
        (site.join("themes/clinic/theme.yaml"), "theme.schema.json"),
    ] {
        let target = modeline_target(&file).unwrap_or_else(|| panic!("no schema line in {}", file.display()));
        assert!(target.ends_with(schema), "{}", target.display());
        assert!(target.is_file(), "{} points at {}, which is missing", file.display(), target.display());
        // The file `new` wrote passes the schema it names.
        let text = std::fs::read_to_string(&file).unwrap();
        let yaml = if schema == "page.schema.json" { front_matter(&text).unwrap() } else { text };
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
        let validator = jsonschema::draft7::options().should_validate_formats(true).build(&schema).unwrap();
        let errors = schema_errors(&validator, &yaml);
        // The imported page is a draft with TODO lines, which may still break nothing.
        assert_eq!(errors, Some(vec![]), "{}", file.display());
    }
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A stand-in for the decap-cms package: its script, a chunk, WebAssembly and a source map.
fn fake_decap_package(dir: &Path) {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    for name in ["decap-cms.js", "123.decap-cms.js", "abc.wasm", "decap-cms.js.map", "cms.js"] {
        std::fs::write(dist.join(name), format!("/* {name} */\n")).unwrap();
    }
}

#[test]
fn cms_decap_writes_the_admin_page_config_and_a_local_cms() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    let package = parent.path().join("decap-cms");
    fake_decap_package(&package);
    let out = plainleaf(&[
        "new",
        site.to_str().unwrap(),
        "--cms",
        "decap",
        "--cms-from",
        package.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let admin = site.join("static/admin");
    let mut files: Vec<String> = std::fs::read_dir(&admin)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["123.decap-cms.js", "abc.wasm", "config.yml", "decap-cms.js", "index.html"]);
    let index = std::fs::read_to_string(admin.join("index.html")).unwrap();
    assert!(index.contains("<script src=\"decap-cms.js\"></script>"), "{index}");
    assert!(!index.contains("://"), "the admin page loads nothing from elsewhere: {index}");
    let config: Value =
        serde_yaml::from_str(&std::fs::read_to_string(admin.join("config.yml")).unwrap()).unwrap();
    assert_eq!(config["media_folder"], "static/images");
    assert!(site.join("static/images").is_dir());
    let pages = &config["collections"][0];
    assert_eq!((pages["folder"].as_str(), pages["format"].as_str()), (Some("content"), Some("frontmatter")));
    // Every page key the CMS can edit, in the order the docs list them; the body last.
    let names: Vec<&str> =
        pages["fields"].as_array().unwrap().iter().filter_map(|f| f["name"].as_str()).collect();
    let page_schema = schema("page.schema.json");
    let mut expected: Vec<&str> = page_schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "fill")
        .collect();
    expected.push("body");
    let mut sorted = names.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "every field but fill (a map no widget edits), and the body");
    assert_eq!(names[..2], ["title", "seed"]);
    assert_eq!(names.last(), Some(&"body"));
    // The glossary moved under `terms:` (Decap edits only mappings) and still builds the same.
    let glossary = std::fs::read_to_string(site.join("content/glossary.yaml")).unwrap();
    assert!(
        glossary.starts_with("# yaml-language-server: $schema=../schemas/glossary.schema.json\n"),
        "{glossary}"
    );
    assert!(glossary.contains("\nterms:\n  - term: vaccine\n"), "{glossary}");
    assert_eq!(config["collections"][1]["files"][0]["file"], "content/glossary.yaml");
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("public/admin/index.html").is_file());
    assert!(site.join("public/admin/decap-cms.js").is_file());
    let vaccine_page = std::fs::read_to_string(site.join("public/welcome/index.html")).unwrap();
    assert!(vaccine_page.contains("teaches your body to fight a germ"), "the glossary still marks its terms");
}

#[test]
fn cms_decap_without_the_package_says_how_to_get_it() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    assert!(plainleaf(&["new", site.to_str().unwrap()]).status.success());
    let out = plainleaf(&["cms", "decap", "--root", site.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: ") && err.contains("node_modules/decap-cms"), "{err}");
    assert!(err.contains("help: ") && err.contains("npm install decap-cms"), "{err}");
    assert!(site.join("static/admin/config.yml").is_file());
    // A folder named with --from that holds no CMS is an error.
    let out = plainleaf(&[
        "cms",
        "decap",
        "--root",
        site.to_str().unwrap(),
        "--from",
        parent.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("has no decap-cms.js"), "{}", stderr(&out));
    // Run again, the glossary (now under `terms:`) is left as it is.
    let before = std::fs::read_to_string(site.join("content/glossary.yaml")).unwrap();
    assert!(plainleaf(&["cms", "decap", "--root", site.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::read_to_string(site.join("content/glossary.yaml")).unwrap(), before);
}

#[test]
fn a_page_as_decap_cms_saves_it_builds_unchanged() {
    // Captured from the CMS by tests/browser/cms.test.mjs: its quoting (a long value folded
    // over two lines in single quotes), block lists, nested mapping, plain dates, no comments.
    let saved = std::fs::read_to_string(repo().join("tests/data/cms/saved-by-decap.md")).unwrap();
    assert!(saved.contains("summary: 'A short guide") && saved.contains("\n  \"plain words\""), "{saved}");
    let site = small_site();
    std::fs::write(site.path().join("content/welcome.md"), &saved).unwrap();
    assert_eq!(build_verdict(site.path()), Ok(()));
    let html = std::fs::read_to_string(site.path().join("public/welcome/index.html")).unwrap();
    let summary = "A short guide to this library: what is in it, who checks it, and what &quot;plain words&quot; #1 means for you and your family.";
    assert!(html.contains(&format!("<meta name=\"description\" content=\"{summary}\">")), "{html}");
    assert_eq!(schema_errors(&validator("page.schema.json"), &front_matter(&saved).unwrap()), Some(vec![]));
}

#[test]
fn a_second_validator_accepts_the_schemas_and_rejects_a_misspelled_key() {
    // check-jsonschema (Python) when installed: CHECK_JSONSCHEMA names it (.ci/run sets it), or
    // it is on PATH. Without it the test says so and passes; .ci/check-schemas does more.
    let tool =
        std::env::var_os("CHECK_JSONSCHEMA").map(PathBuf::from).unwrap_or_else(|| "check-jsonschema".into());
    let Ok(version) = std::process::Command::new(&tool).arg("--version").output() else {
        eprintln!("skipped: check-jsonschema is not installed (pip install check-jsonschema, or set CHECK_JSONSCHEMA)");
        return;
    };
    assert!(version.status.success());
    let dir = schemas();
    let run = |args: &[&std::ffi::OsStr]| std::process::Command::new(&tool).args(args).output().unwrap();
    let mut meta: Vec<&std::ffi::OsStr> = vec!["--check-metaschema".as_ref()];
    let files: Vec<PathBuf> =
        ["site", "page", "glossary", "theme"].iter().map(|k| dir.join(format!("{k}.schema.json"))).collect();
    meta.extend(files.iter().map(|f| f.as_os_str()));
    let out = run(&meta);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let scratch = tempfile::tempdir().unwrap();
    let good = scratch.path().join("site.yaml");
    std::fs::copy(repo().join("site.yaml"), &good).unwrap();
    let bad = scratch.path().join("bad-site.yaml");
    std::fs::write(&bad, "title: X\nthem: clinic\n").unwrap();
    let site_schema = dir.join("site.schema.json");
    let check = |file: &Path| run(&["--schemafile".as_ref(), site_schema.as_os_str(), file.as_os_str()]);
    assert!(check(&good).status.success());
    let out = check(&bad);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("'them' was unexpected"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

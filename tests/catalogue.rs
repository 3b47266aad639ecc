//! A catalogue of bad input, one test per case, each on the real binary: the message names the
//! file (and line and column where the input has them), says what to do on a `help:` line, the
//! build exits with 1, and the previous `public/` is left exactly as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A bundled site built once successfully, with a snapshot of its output.
struct Built {
    site: tempfile::TempDir,
    files: Vec<String>,
    index: Vec<u8>,
}

impl Built {
    fn root(&self) -> &Path {
        self.site.path()
    }

    fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn append(&self, rel: &str, text: &str) -> usize {
        let path = self.root().join(rel);
        let mut old = std::fs::read_to_string(&path).unwrap();
        if !old.ends_with('\n') {
            old.push('\n');
        }
        let first_new_line = old.lines().count() + 1;
        std::fs::write(&path, format!("{old}{text}")).unwrap();
        first_new_line
    }

    /// Build again with the broken input: exit 1, output untouched; returns stderr.
    fn fails(&self, extra: &[&str]) -> String {
        let out = build(self.root(), extra);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{err}");
        assert_eq!(files_under(&self.public()), self.files, "public/ changed:\n{err}");
        assert_eq!(
            std::fs::read(self.public().join("index.html")).unwrap(),
            self.index,
            "index.html changed"
        );
        err
    }
}

fn built() -> Built {
    let site = bundled_site();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "the bundled site must build: {}", stderr(&out));
    let public = site.path().join("public");
    let files = files_under(&public);
    let index = std::fs::read(public.join("index.html")).unwrap();
    Built { site, files, index }
}

/// Asserts an `error: LOCATION: ...` line containing `message`, followed by a `help:` line;
/// returns the help text.
fn assert_error(err: &str, location: &str, message: &str) -> String {
    assert_diagnostic(err, "error", location, message)
}

fn assert_diagnostic(err: &str, label: &str, location: &str, message: &str) -> String {
    let head = format!("{label}: {location}: ");
    let lines: Vec<&str> = err.lines().collect();
    let Some(i) = lines.iter().position(|l| l.starts_with(&head) && l.contains(message)) else {
        panic!("no `{head}...{message}...` in:\n{err}");
    };
    let help = lines.get(i + 1).and_then(|l| l.strip_prefix("  help: "));
    help.unwrap_or_else(|| panic!("no help line after `{}` in:\n{err}", lines[i])).to_string()
}

fn page(front: &str) -> String {
    format!("---\n{front}\n---\nSome plain words for the page body.\n")
}

#[test]
fn yaml_syntax_error_value_with_a_colon() {
    let b = built();
    b.write("content/a.md", page("title: Gene therapy: the basics"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:2:8",
        "this line's value has a colon in it, so YAML cannot tell where the value starts",
    );
    assert_eq!(help, "put the value in quotes, like title: \"Gene therapy: the basics\"");
}

#[test]
fn yaml_syntax_error_unclosed_list() {
    let b = built();
    b.write("content/a.md", page("title: A\ntopics: [gene therapy, genes"));
    let err = b.fails(&[]);
    assert_error(&err, "content/a.md:3:9", "a list that starts with `[` is not closed with `]`");
}

#[test]
fn front_matter_without_closing_fence() {
    let b = built();
    b.write("content/a.md", "---\ntitle: A\n\nSome text.\n");
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:1:1", "has no closing `---` line");
    assert!(help.contains("add a line with only `---`"), "{help}");
}

#[test]
fn tab_indented_yaml_block() {
    let b = built();
    b.write("content/a.md", page("title: A\nreviewed:\n\ton: 2023-12-04"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:4:1", "indented with a tab");
    assert!(help.contains("spaces"), "{help}");
}

#[test]
fn unknown_key_gets_did_you_mean() {
    let b = built();
    b.write("content/a.md", page("titel: A"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:2:1", "`titel` is not a key plainleaf knows");
    assert!(help.starts_with("did you mean `title`?"), "{help}");
}

#[test]
fn wrong_type_number_for_a_list() {
    let b = built();
    b.write("content/a.md", page("title: A\ntopics: 5"));
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/a.md:3:9", "`topics` should be a list, but here it is the number 5");
    assert!(help.contains("[first, second]"), "{help}");
}

#[test]
fn impossible_date() {
    let b = built();
    b.write("content/a.md", page("title: A\nreviewed: { on: 2023-13-45 }"));
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/a.md:3:17", "`reviewed.on` is 2023-13-45, which is not a real date");
    assert!(help.contains("year-month-day"), "{help}");
}

#[test]
fn next_review_before_last_review() {
    let b = built();
    b.write("content/a.md", page("title: A\nreviewed:\n  on: 2024-01-10\n  next: 2023-01-10"));
    let err = b.fails(&[]);
    assert_error(
        &err,
        "content/a.md:5:9",
        "the next review (reviewed.next, 2023-01-10) is before the last review",
    );
}

#[test]
fn seed_that_does_not_exist() {
    let b = built();
    b.write("content/a.md", page("title: A\nseed: 003_6c4427eec06df93e.txt"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:3:1",
        "the seed file seeds/003_6c4427eec06df93e.txt cannot be read: it does not exist",
    );
    assert!(help.contains("did you mean `003_6c4427eec06df93d.txt`?"), "{help}");
}

#[test]
fn seed_that_is_empty() {
    let b = built();
    b.write("seeds/empty.txt", "  \n\n");
    b.write("content/a.md", page("title: A\nseed: empty.txt"));
    let err = b.fails(&[]);
    assert_error(&err, "content/a.md:3:1", "the seed file seeds/empty.txt is empty");
}

#[test]
fn seed_that_is_binary() {
    let b = built();
    b.write("seeds/photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    b.write("content/a.md", page("title: A\nseed: photo.txt"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:3:1", "seeds/photo.txt is not a text file");
    assert!(help.contains("plain text"), "{help}");
}

#[test]
fn seed_in_windows_1252_decodes_with_a_warning_and_builds() {
    let b = built();
    b.write(
        "seeds/word.txt",
        b"Doctors call it \x93slow and steady\x94 care, and it isn\x92t quick to start.\n" as &[u8],
    );
    b.write("content/word-page.md", page("title: Word page\nseed: word.txt"));
    let out = build(b.root(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_diagnostic(&err, "warning", "seeds/word.txt", "not UTF-8; it was read as Windows-1252");
    let html = std::fs::read_to_string(b.public().join("word-page/index.html")).unwrap();
    assert!(html.contains("\u{201c}slow and steady\u{201d}"), "curly quotes missing");
    assert!(html.contains("isn\u{2019}t"), "curly apostrophe missing");
}

#[test]
fn two_pages_with_the_same_slug() {
    let b = built();
    b.write("content/a.md", page("title: A\nslug: gene-therapy-basics"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/gene-therapy-basics.md",
        "this page and content/a.md both have the address `gene-therapy-basics/`",
    );
    assert!(help.contains("slug:"), "{help}");
}

#[test]
fn script_in_a_title_is_escaped_in_every_output_file() {
    let b = built();
    b.write(
        "content/xss.md",
        page("title: \"Care <script>alert(1)</script> notes\"\ntopics: [gene therapy]"),
    );
    let out = build(b.root(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = b.public();
    let escaped = "Care &lt;script&gt;alert(1)&lt;/script&gt; notes";
    for file in files_under(&public) {
        let bytes = std::fs::read(public.join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<script>alert"), "{file} has a raw <script>alert");
        assert!(!text.contains("alert(1)</script>"), "{file} closes a script with the title");
        if file.ends_with(".json") || text.contains("application/ld+json") {
            assert!(!text.contains("<script>alert(1)"), "{file}: JSON must escape <");
        }
    }
    for file in ["xss/index.html", "index.html", "topics/gene-therapy/index.html"] {
        let html = std::fs::read_to_string(public.join(file)).unwrap();
        assert!(html.contains(escaped), "{file} does not show the escaped title");
    }
    // The glossary's back-links name the page when it uses a term.
    let glossary = std::fs::read_to_string(public.join("glossary/index.html")).unwrap();
    if glossary.contains("alert(1)") {
        assert!(glossary.contains(escaped), "glossary back-link is not escaped");
    }
}

/// The bundled glossary's line count, then two entries appended after it.
#[test]
fn glossary_term_claimed_twice() {
    let b = built();
    let first = b.append(
        "content/glossary.yaml",
        "- term: zorblax\n  plain: A made-up word.\n- term: quibbit\n  plain: Another one.\n  also: [Zorblax]\n",
    );
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        &format!("content/glossary.yaml:{}", first + 2),
        "\u{201c}Zorblax\u{201d} is claimed by two entries",
    );
    assert!(help.contains("one entry only"), "{help}");
    assert!(err.contains(&format!("(line {first})")), "{err}");
}

#[test]
fn glossary_empty_definition() {
    let b = built();
    let first = b.append("content/glossary.yaml", "- term: zorblax\n  plain: \"\"\n");
    let err = b.fails(&[]);
    let help = assert_error(&err, &format!("content/glossary.yaml:{first}"), "has an empty `plain`");
    assert!(help.contains("plain sentences"), "{help}");
}

#[test]
fn template_syntax_error_in_a_site_template() {
    let b = built();
    b.write(
        "templates/article.html",
        "{% extends \"theme/article.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock main %}\n",
    );
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "templates/article.html:3:19", "template syntax error: Found `}` but expected }}");
    assert!(help.contains("`}}`"), "{help}");
}

#[test]
fn template_syntax_error_in_a_theme_template() {
    let b = built();
    b.write("themes/clinic/templates/404.html", "<p>\n{% if x %}\n<p>Not found</p>\n");
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "themes/clinic/templates/404.html:4:1",
        "template syntax error: the template ends while a `{% if %}`, `{% for %}` or `{% block %}` is still open",
    );
    assert!(help.contains("{% end... %}"), "{help}");
}

#[test]
fn template_uses_an_unknown_variable() {
    let b = built();
    b.write(
        "templates/article.html",
        "{% extends \"theme/article.html\" %}\n{% block main %}\n<h1>\n{{ page.titel }}</h1>\n{% endblock main %}\n",
    );
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "templates/article.html:4:9", "template error: Field `titel` is not defined");
    assert!(help.contains("spelling"), "{help}");
}

#[test]
fn template_uses_an_unknown_theme_string() {
    let b = built();
    b.write(
        "templates/article.html",
        "{% extends \"theme/article.html\" %}\n{% block main %}\n<h1>{{ t(key=\"nav.hom\") }}</h1>\n{% endblock main %}\n",
    );
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "templates/article.html:3:15",
        "the template uses the theme string `nav.hom`, which no i18n/ file defines",
    );
    assert!(help.contains("did you mean `nav.home`?"), "{help}");
}

#[test]
fn translation_file_with_a_yaml_mistake() {
    let b = built();
    b.write("i18n/es.yaml", "nav:\n  home: [Inicio\n");
    let err = b.fails(&[]);
    assert!(err.contains("error: i18n/es.yaml:"), "{err}");
    assert!(err.contains("help: "), "{err}");
}

#[test]
fn theme_that_does_not_exist() {
    let b = built();
    let err = b.fails(&["--theme", "nope"]);
    assert!(err.starts_with("error: --theme nope: there is no theme called `nope`"), "{err}");
    let help = err.lines().nth(1).and_then(|l| l.strip_prefix("  help: ")).unwrap_or_else(|| panic!("{err}"));
    assert!(help.contains("clinic"), "{help}");
}

#[test]
fn theme_in_site_yaml_that_does_not_exist() {
    let b = built();
    let text = std::fs::read_to_string(b.root().join("site.yaml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("theme:")).unwrap() + 1;
    b.write("site.yaml", text.replace("theme: clinic", "theme: clinc"));
    std::fs::remove_dir_all(b.root().join("themes")).unwrap();
    let err = b.fails(&[]);
    let help = assert_error(&err, &format!("site.yaml:{line}:8"), "there is no theme called `clinc`");
    assert!(help.starts_with("did you mean `clinic`?"), "{help}");
}

#[test]
fn site_yaml_with_a_bad_base_url() {
    let b = built();
    // The bundled site has a good base_url: swap it for a bad one.
    let text = std::fs::read_to_string(b.root().join("site.yaml")).unwrap();
    let text: String =
        text.lines().filter(|l| !l.starts_with("base_url:")).map(|l| format!("{l}\n")).collect();
    b.write("site.yaml", &text);
    let line = b.append("site.yaml", "base_url: clinic.example.org\n");
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        &format!("site.yaml:{line}:11"),
        "base_url \"clinic.example.org\" is not a web address",
    );
    assert!(help.contains("https://"), "{help}");
}

#[test]
fn output_folder_is_the_site_root() {
    let b = built();
    let root = b.root().to_str().unwrap().to_string();
    let err = b.fails(&["--output", &root]);
    let help = assert_error(&err, &root, "the output folder is the site folder itself");
    assert!(help.contains("--output"), "{help}");
    assert!(b.root().join("content/gene-therapy-basics.md").is_file());
}

#[test]
fn output_folder_is_a_parent_of_the_site() {
    let b = built();
    let parent = b.root().parent().unwrap().to_str().unwrap().to_string();
    let err = b.fails(&["--output", &parent]);
    assert_error(&err, &parent, "the output folder contains the site folder");
}

#[test]
fn output_folder_is_a_file() {
    let b = built();
    let file = b.root().join("notes.txt");
    std::fs::write(&file, "keep me").unwrap();
    let shown = file.to_str().unwrap().to_string();
    let err = b.fails(&["--output", &shown]);
    assert_error(&err, &shown, "the output path is a file, not a folder");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

// Unix permission bits and symlinks: these two tests do not compile on Windows.
#[cfg(unix)]
#[test]
fn output_folder_without_write_permission() {
    use std::os::unix::fs::PermissionsExt;
    let b = built();
    let locked = b.root().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        eprintln!(
            "note: permissions are not enforced here (running as root?); skipping the write-permission check"
        );
        return;
    }
    let out = locked.join("public");
    let err = b.fails(&["--output", out.to_str().unwrap()]);
    let help = assert_error(&err, locked.to_str().unwrap(), "permission denied");
    assert!(help.contains("permissions"), "{help}");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_content() {
    let b = built();
    std::os::unix::fs::symlink("..", b.root().join("content/loop")).unwrap();
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/loop", "a symlink loop");
    assert!(help.contains("remove the link"), "{help}");
    assert!(err.contains("failed with 1 error"), "one loop, one message:\n{err}");
}

#[test]
fn three_broken_pages_give_three_errors_in_one_run() {
    let b = built();
    b.write("content/a.md", page("title: Gene therapy: the basics"));
    b.write("content/b.md", page("titel: B"));
    b.write("content/c.md", page("title: C\npublished: 2023-13-45"));
    let err = b.fails(&[]);
    assert_error(&err, "content/a.md:2:8", "has a colon in it");
    assert_error(&err, "content/b.md:2:1", "`titel` is not a key");
    assert_error(&err, "content/c.md:3:12", "not a real date");
    assert!(err.contains("failed with 3 errors"), "{err}");
}

#[test]
fn file_names_with_spaces_and_accents() {
    let b = built();
    b.write("content/Información del paciente.md", page("title: Información del paciente"));
    let out = build(b.root(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(b.public().join("informacion-del-paciente/index.html").is_file());
    let home = std::fs::read_to_string(b.public().join("index.html")).unwrap();
    assert!(home.contains("informacion-del-paciente/index.html"), "the home page links the page");
    assert!(home.contains("Información del paciente"));
}

/// A minimal site: `site.yaml` and one folder of content.
fn minimal_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: Test site\n").unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    dir
}

/// Peak resident memory (kB) and wall time of `plainleaf build --root ROOT`.
fn build_measured(root: &Path) -> (bool, String, Option<u64>, Duration) {
    let started = Instant::now();
    let time = Path::new("/usr/bin/time");
    if time.exists() {
        let out = Command::new(time)
            .args(["-v", env!("CARGO_BIN_EXE_plainleaf"), "build", "--root", root.to_str().unwrap()])
            .output()
            .unwrap();
        let elapsed = started.elapsed();
        let err = stderr(&out);
        let peak = err
            .lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
            .and_then(|v| v.trim().parse().ok());
        return (out.status.success(), err, peak, elapsed);
    }
    // No `time`: poll the child's high-water mark while it runs.
    let mut child = common::command()
        .args(["build", "--root", root.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = None;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            peak = hwm.or(peak);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    (status.success(), err, peak, started.elapsed())
}

#[test]
fn fifty_megabyte_markdown_file_builds_in_bounded_memory() {
    let site = minimal_site();
    let paragraph =
        "Gene therapy can help some people. It changes how cells work, and doctors test it with care.\n\n";
    let section: String = paragraph.repeat(100);
    let mut text = String::with_capacity(52 * 1024 * 1024);
    text.push_str("---\ntitle: A very long page\n---\n");
    let mut part = 0;
    while text.len() < 50 * 1024 * 1024 {
        part += 1;
        text.push_str(&format!("## Part {part}\n\n"));
        text.push_str(&section);
    }
    std::fs::write(site.path().join("content/big.md"), &text).unwrap();
    drop(text);
    let (ok, err, peak_kb, elapsed) = build_measured(site.path());
    assert!(ok, "{err}");
    assert!(site.path().join("public/big/index.html").is_file());
    let peak_kb = peak_kb.expect("peak memory measured");
    eprintln!("50 MB Markdown: built in {:.1} s, peak RSS {} MB", elapsed.as_secs_f64(), peak_kb / 1024);
    assert!(peak_kb < 1024 * 1024, "peak RSS {peak_kb} kB is over 1 GB");
}

#[test]
fn ten_thousand_glossary_entries_build_in_reasonable_time() {
    let site = minimal_site();
    let word = |mut n: usize| {
        let mut w = String::from("qx");
        for _ in 0..4 {
            w.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
        }
        w
    };
    let mut yaml = String::new();
    for i in 0..10_000 {
        yaml.push_str(&format!("- term: {}\n  plain: A made-up word, number {i}, for the test.\n", word(i)));
    }
    std::fs::write(site.path().join("content/glossary.yaml"), yaml).unwrap();
    let body: Vec<String> = (0..2_000).step_by(7).map(word).collect();
    std::fs::write(
        site.path().join("content/words.md"),
        format!("---\ntitle: Many words\n---\nThese words are used: {}.\n", body.join(", ")),
    )
    .unwrap();
    let (ok, err, peak_kb, elapsed) = build_measured(site.path());
    assert!(ok, "{err}");
    eprintln!(
        "10,000-entry glossary: built in {:.1} s, peak RSS {} MB",
        elapsed.as_secs_f64(),
        peak_kb.unwrap_or(0) / 1024
    );
    let page = std::fs::read_to_string(site.path().join("public/words/index.html")).unwrap();
    assert!(page.contains("class=\"term\""), "terms are marked");
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}

#[test]
fn raw_html_in_a_summary_is_shown_as_text_with_a_warning() {
    let b = built();
    b.write("content/a.md", page("title: A\nsummary: 'Tips <img src=\"data:,\" onerror=alert(3)> & more'"));
    let out = build(b.root(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "raw HTML is a warning, not an error:\n{err}");
    let help =
        assert_diagnostic(&err, "warning", "content/a.md:3:16", "raw HTML in summary is shown as text");
    assert!(help.contains("allow_html: true"), "{help}");
    let html = std::fs::read_to_string(b.public().join("a/index.html")).unwrap();
    assert!(!html.contains("<img src=\"data:,\""), "the tag is never live");
    assert!(html.contains("Tips &lt;img"), "the tag is shown as text");
}

#[test]
fn a_folder_named_like_a_page_is_reported() {
    let b = built();
    b.write("content/weird.md/inside.md", page("title: Inside"));
    let out = build(b.root(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let help = assert_diagnostic(&err, "warning", "content/weird.md", "a folder named like a page");
    assert!(help.contains("rename the folder"), "{help}");
    assert!(b.public().join("inside/index.html").is_file(), "pages inside it still build");
}

#[test]
fn overdue_review_is_an_error_under_the_error_policy() {
    let b = built();
    let site_yaml = std::fs::read_to_string(b.root().join("site.yaml")).unwrap();
    b.write("site.yaml", format!("{site_yaml}review: {{ overdue: error }}\n"));
    b.write("content/a.md", page("title: A\nreviewed: { on: 2020-01-01, next: 2021-01-01 }"));
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/a.md", "This page is due for review: the review was due on 2021-01-01");
    assert!(help.contains("--allow-stale"), "{help}");
    assert!(build(b.root(), &["--allow-stale"]).status.success(), "--allow-stale publishes anyway");
}

#[test]
fn review_interval_that_is_not_a_period() {
    let b = built();
    let site_yaml = std::fs::read_to_string(b.root().join("site.yaml")).unwrap();
    b.write("site.yaml", format!("{site_yaml}review:\n  interval: 3 years\n"));
    let err = b.fails(&[]);
    let line = site_yaml.lines().count() + 2;
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("error: site.yaml:{line}:")) && l.contains("is not a unit")),
        "{err}"
    );
    assert!(err.contains("help: "), "{err}");
}

#[test]
fn strict_build_fails_on_a_warning_and_writes_nothing() {
    let b = built();
    b.write("content/a.md", page("title: A\nsummary: 'Tips <b>bold</b>'"));
    let err = b.fails(&["--strict"]);
    assert_diagnostic(&err, "warning", "content/a.md:3:16", "raw HTML in summary");
    let help = assert_error_line(&err, "--strict is on, so nothing was written");
    assert!(help.contains("without --strict"), "{help}");
}

/// An `error: ...` line without a location containing `message`, with its `help:` line.
fn assert_error_line(err: &str, message: &str) -> String {
    let lines: Vec<&str> = err.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("error: ") && l.contains(message))
        .unwrap_or_else(|| panic!("no error with {message:?} in:\n{err}"));
    lines
        .get(i + 1)
        .and_then(|l| l.strip_prefix("  help: "))
        .unwrap_or_else(|| panic!("no help in:\n{err}"))
        .to_string()
}

#[test]
fn clean_a_seed_that_does_not_exist() {
    let site = bundled_site();
    let out = command().current_dir(site.path()).args(["clean", "seeds/nope.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let help = assert_error(&stderr(&out), "seeds/nope.txt", "cannot read this seed: it does not exist");
    assert!(help.contains(".html"), "{help}");
}

#[test]
fn clean_a_seed_that_is_empty_or_binary() {
    let site = bundled_site();
    std::fs::write(site.path().join("seeds/empty.html"), " \n").unwrap();
    std::fs::write(site.path().join("seeds/photo.txt"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    for (seed, message) in
        [("seeds/empty.html", "this seed is empty"), ("seeds/photo.txt", "this seed is not text")]
    {
        let out = command().current_dir(site.path()).args(["clean", seed]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_error(&stderr(&out), seed, message);
    }
}

#[test]
fn import_skips_a_seed_that_is_not_an_article() {
    let site = bundled_site();
    std::fs::write(site.path().join("seeds/README.txt"), "Put seed files here.\n").unwrap();
    let out = command().current_dir(site.path()).args(["import", "seeds/README.txt"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("skipped seeds/README.txt: not an article"), "{said}");
    assert!(!site.path().join("content/readme.md").exists());
}

#[test]
fn icd10cm_code_with_the_wrong_shape() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes: { icd10cm: [E11.9, 250.00] }"));
    let help =
        assert_error(&b.fails(&[]), "content/a.md:3:27", "codes.icd10cm: \"250.0\" is not an ICD-10-CM code");
    assert!(help.contains("like E11.9"), "{help}");
}

#[test]
fn icd10cm_code_without_its_dot_or_in_lower_case() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes:\n  icd10cm:\n    - E119\n    - m06.9"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:5:7", "\"E119\" has no dot after its third character");
    assert!(help.contains("write E11.9"), "{help}");
    let help = assert_error(&err, "content/a.md:6:7", "\"m06.9\" must be written in capitals");
    assert!(help.contains("write M06.9"), "{help}");
}

#[test]
fn snomed_code_that_fails_its_verhoeff_check_digit() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes:\n  snomed: [44054007]"));
    let help =
        assert_error(&b.fails(&[]), "content/a.md:4:12", "SNOMED CT id 44054007 fails its check digit");
    assert!(help.contains("like 44054006"), "{help}");
}

#[test]
fn snomed_description_id_instead_of_a_concept_id() {
    let b = built();
    // 1234501x with a valid Verhoeff digit: partition 01 is a description.
    let id = (0..10).map(|d| format!("1234501{d}")).find(|c| verhoeff(c)).unwrap();
    b.write("content/a.md", page(&format!("title: A\ncodes: {{ snomed: [{id}] }}")));
    let help = assert_error(&b.fails(&[]), "content/a.md:3:19", "is a description id, not a concept id");
    assert!(help.contains("concept"), "{help}");
}

#[test]
fn loinc_code_that_fails_its_mod_10_check_digit() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes: { loinc: [4548-5] }"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:3:18", "LOINC code 4548-5 fails its check digit");
    assert!(err.contains("4548-4 would be valid"), "{err}");
    assert!(help.contains("check"), "{help}");
}

#[test]
fn loinc_code_without_its_check_digit() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes: { loinc: [\"4548\"] }"));
    let help = assert_error(&b.fails(&[]), "content/a.md:3:19", "\"4548\" is not a LOINC code");
    assert!(help.contains("like 4548-4"), "{help}");
}

#[test]
fn rxnorm_code_that_is_not_a_number() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes: { rxnorm: [RX6809] }"));
    let help = assert_error(&b.fails(&[]), "content/a.md:3:19", "\"RX6809\" is not an RxNorm concept id");
    assert!(help.contains("like 6809"), "{help}");
}

#[test]
fn unknown_code_system_gets_did_you_mean() {
    let b = built();
    b.write("content/a.md", page("title: A\ncodes: { icd10: [E11.9] }"));
    let help = assert_error(
        &b.fails(&[]),
        "content/a.md:3:10",
        "`icd10` is not a key plainleaf knows inside `codes`",
    );
    assert!(help.contains("did you mean `icd10cm`"), "{help}");
}

#[test]
fn sign_off_note_without_a_reviewer() {
    let b = built();
    b.write("content/a.md", page("title: A\nreviewed: { on: 2024-01-01, note: \"Checked the doses\" }"));
    let help = assert_error(&b.fails(&[]), "content/a.md:3:35", "reviewed.note is a sign-off note");
    assert!(help.contains("by:"), "{help}");
}

/// The Verhoeff check, written again here so the test does not trust the code it tests.
fn verhoeff(code: &str) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    // The permutation applied once per position: P[i][d] is P1 applied i times to d.
    const P1: [usize; 10] = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
    let p = |i: usize, digit: usize| (0..i % 8).fold(digit, |x, _| P1[x]);
    code.bytes().rev().enumerate().fold(0u8, |c, (i, b)| D[c as usize][p(i, (b - b'0') as usize)]) == 0
}

#[test]
fn the_test_verhoeff_agrees_with_known_ids() {
    assert!(verhoeff("44054006") && verhoeff("195967001"));
    assert!(!verhoeff("44054007"));
}

// ---------- When to get help, callouts and images ----------

#[test]
fn get_help_unknown_level_gets_did_you_mean() {
    let b = built();
    b.write("content/a.md", page("title: A\nget_help:\n  emergncy: [chest pain]"));
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/a.md:4:3", "`emergncy` is not a key plainleaf knows inside `get_help`");
    assert!(help.starts_with("did you mean `emergency`?"), "{help}");
}

#[test]
fn get_help_blank_sign() {
    let b = built();
    b.write("content/a.md", page("title: A\nget_help:\n  urgent: [fever, \"\"]"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:4:11", "get_help.urgent item 2 is empty");
    assert!(help.contains("delete the empty item"), "{help}");
}

/// A page whose body is `body`; its first body line is file line 4.
fn page_body(body: &str) -> String {
    format!("---\ntitle: A\n---\n{body}")
}

#[test]
fn callout_unknown_marker_gets_did_you_mean() {
    let b = built();
    b.write("content/a.md", page_body("Some words.\n\n> [!WARN]\n> Careful with this.\n"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:6:1", "[!WARN] is not a callout plainleaf knows");
    assert!(help.starts_with("did you mean [!WARNING]?"), "{help}");
}

#[test]
fn callout_nested_in_a_callout() {
    let b = built();
    b.write("content/a.md", page_body("> [!NOTE]\n> Outer words.\n>\n> > [!TIP]\n> > Inner words.\n"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "content/a.md:7:3", "a [!TIP] callout is inside another callout");
    assert!(help.contains("cannot be nested"), "{help}");
}

#[test]
fn callout_second_emergency_card() {
    let b = built();
    b.write(
        "content/a.md",
        "---\ntitle: A\nget_help: { emergency: [chest pain] }\n---\nWords.\n\n> [!EMERGENCY] Call 911 now if:\n> - you faint\n",
    );
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:7:1",
        "a second emergency card: the page's get_help already has an emergency card",
    );
    assert!(help.contains("keep one emergency card a page"), "{help}");
}

#[test]
fn callout_emergency_that_says_nothing_to_do() {
    let b = built();
    b.write("content/a.md", page_body("Words.\n\n  > [!EMERGENCY]\n  > Chest pain is serious.\n"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:6:3",
        "the emergency card does not say what to do: it names neither 911 nor an action",
    );
    assert!(help.contains("> [!EMERGENCY] Call 911 now if:"), "{help}");
}

#[test]
fn callout_too_many_fails_a_strict_build() {
    let b = built();
    b.write("content/a.md", page_body(&"> [!TIP]\n> Rest a lot.\n\n".repeat(5)));
    let err = b.fails(&["--strict"]);
    assert_diagnostic(&err, "warning", "content/a.md:16:1", "this page has 5 callouts; more than 4");
}

#[test]
fn image_without_alt_text() {
    let b = built();
    b.write("content/a.md", page_body("Some words.\n\nSee ![](https://example.org/knee.png).\n"));
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/a.md:6:5", "the image https://example.org/knee.png has no alt text");
    assert!(help.contains("![decorative](...)"), "{help}");
}

#[test]
fn image_file_that_does_not_exist() {
    let b = built();
    b.write("content/a.md", page_body("Words.\n\n![A knee joint](images/knee.png \"The knee\")\n"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:6:1",
        "the image content/images/knee.png cannot be read: it does not exist",
    );
    assert!(help.contains("relative to the page's file"), "{help}");
}

#[test]
fn image_file_that_is_damaged() {
    let b = built();
    b.write("static/knee.jpg", b"\xff\xd8\xff\xe0 this is not really a JPEG");
    b.write("content/a.md", page_body("Words.\n\n![A knee joint](/knee.jpg)\n"));
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/a.md:6:1", "the image static/knee.jpg cannot be used: it is damaged");
    assert!(help.contains("save it again"), "{help}");
}

#[test]
fn image_alt_text_lint_fails_a_strict_build() {
    let b = built();
    b.write("content/a.md", page_body("Words.\n\n![Picture of a knee](https://example.org/knee.png)\n"));
    let err = b.fails(&["--strict"]);
    assert_diagnostic(&err, "warning", "content/a.md:6:1", "starts with \"picture of\"");
}

#[test]
fn translation_of_a_page_that_does_not_exist() {
    // The bundled site.yaml has `languages: [en, es]`.
    let b = built();
    b.write(
        "content/es/a.md",
        page("title: Terapia\ntranslation:\n  of: gene-therapy-basic.md\n  by: Ana Ruiz\n  on: 2026-11-20"),
    );
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/es/a.md:4:7",
        "this page translates content/gene-therapy-basic.md, but there is no such page",
    );
    assert!(help.contains("did you mean `gene-therapy-basics.md`"), "{help}");
}

#[test]
fn translation_without_a_translator() {
    let b = built();
    b.append("site.yaml", "languages: [en, es]\n");
    b.write(
        "content/es/a.md",
        page("title: Terapia\ntranslation: { of: gene-therapy-basics.md, on: 2026-11-20 }"),
    );
    let err = b.fails(&[]);
    let help =
        assert_error(&err, "content/es/a.md:3:14", "`translation` needs the key `by`, and it is missing");
    assert!(help.contains("by:"), "{help}");
}

#[test]
fn a_language_folder_the_site_does_not_list() {
    let b = built();
    b.write("content/fr/a.md", page("title: Thérapie génique"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/fr",
        "named like the language `fr`, which site.yaml's languages: does not list",
    );
    assert!(help.contains("languages: [en, es, fr]"), "{help}");
}

#[test]
fn language_and_languages_disagree() {
    let b = built();
    let yaml = std::fs::read_to_string(b.root().join("site.yaml")).unwrap();
    b.write("site.yaml", yaml.replace("languages: [en, es]", "languages: [es, en]"));
    let err = b.fails(&[]);
    let help = assert_error(&err, "site.yaml:3:11", "language: en disagrees with languages: [es, en]");
    assert!(help.contains("language: es"), "{help}");
}

#[test]
fn two_translations_of_one_page_into_one_language() {
    let b = built();
    // The one bundled English page without a Spanish version.
    let block = "translation:\n  of: gene-therapy-rare-diseases-review.md\n  by: Ana Ruiz\n  on: 2026-11-20";
    b.write("content/es/a.md", page(&format!("title: Terapia uno\n{block}")));
    b.write("content/es/b.md", page(&format!("title: Terapia dos\n{block}")));
    let err = b.fails(&[]);
    assert_error(
        &err,
        "content/es/b.md:4:7",
        "this page and content/es/a.md both translate content/gene-therapy-rare-diseases-review.md into `es`",
    );
}

#[test]
fn callout_two_emergency_callouts() {
    let b = built();
    b.write(
        "content/a.md",
        page_body("> [!EMERGENCY] Call 911 now if:\n> - you faint\n\n> [!EMERGENCY] Call 911 now if:\n> - you bleed a lot\n"),
    );
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:7:1",
        "a second emergency card: this page already has an emergency card",
    );
    assert!(help.contains("put all the emergency signs in it"), "{help}");
}

#[test]
fn callout_do_without_a_list_fails_a_strict_build() {
    let b = built();
    b.write("content/a.md", page_body("Words.\n\n> [!DONT]\n> Stop your medicine on your own.\n"));
    let err = b.fails(&["--strict"]);
    let help = assert_diagnostic(&err, "warning", "content/a.md:6:1", "the [!DONT] card holds no list");
    assert!(help.contains("> - "), "{help}");
}

#[test]
fn callout_unknown_marker_in_a_fill_names_the_page() {
    let b = built();
    let path = "content/gene-therapy-basics.md";
    let text = std::fs::read_to_string(b.root().join(path)).unwrap();
    let text = text.replacen(
        "  \"Benefits include:\":\n",
        "  \"Benefits include:\": |\n    > [!TIPP]\n    > Ask what the benefits are for you.\n  \"Old benefits:\":\n",
        1,
    );
    b.write(path, text);
    let err = b.fails(&[]);
    let line =
        err.lines().find(|l| l.contains("[!TIPP] is not a callout")).unwrap_or_else(|| panic!("{err}"));
    assert!(line.starts_with(&format!("error: {path}")), "{line}");
    let help = assert_error_line(&err, "[!TIPP] is not a callout");
    assert!(help.starts_with("did you mean [!TIP]?"), "{help}");
}

#[test]
fn site_emergency_number_without_digits() {
    let b = built();
    let text = std::fs::read_to_string(b.root().join("site.yaml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("emergency_number:")).unwrap() + 1;
    b.write("site.yaml", text.replace("emergency_number: \"911\"", "emergency_number: \"nine one one\""));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        &format!("site.yaml:{line}:19"),
        "emergency_number \"nine one one\" has no digits",
    );
    assert!(help.contains("emergency_number: \"911\""), "{help}");
}

#[test]
fn image_that_is_not_a_png_or_jpeg() {
    let b = built();
    b.write("content/images/knee.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    b.write("content/a.md", page_body("Words.\n\n![A knee joint](images/knee.gif)\n"));
    let err = b.fails(&[]);
    let help = assert_error(
        &err,
        "content/a.md:6:1",
        "the image content/images/knee.gif cannot be used: it is not a PNG or JPEG image (it is GIF)",
    );
    assert!(help.contains("PNG or JPEG"), "{help}");
}

#[test]
fn image_svg_that_is_not_svg() {
    let b = built();
    b.write("static/knee.svg", "just some words, no drawing");
    b.write("content/a.md", page_body("Words.\n\nHere: ![A knee joint](/knee.svg)\n"));
    let err = b.fails(&[]);
    assert_error(&err, "content/a.md:6:7", "the image static/knee.svg cannot be used: it is not an SVG file");
}

#[test]
fn image_alt_text_lints_name_the_image() {
    for (alt, title, message) in [
        ("knee-joint", "", "the alt text of https://example.org/knee-joint.png is its file name"),
        (&"A knee. ".repeat(20)[..], "", "has 159 characters; keep it under 150"),
        (
            "A knee joint",
            "A knee joint",
            "the alt text of https://example.org/knee-joint.png is the same as its caption",
        ),
    ] {
        let b = built();
        let title = if title.is_empty() { String::new() } else { format!(" \"{title}\"") };
        b.write(
            "content/a.md",
            page_body(&format!("Words.\n\n![{}](https://example.org/knee-joint.png{title})\n", alt.trim())),
        );
        let err = b.fails(&["--strict"]);
        assert_diagnostic(&err, "warning", "content/a.md:6:1", message);
    }
}

//! `plainleaf build --watch` end to end: the real binary keeps `public/` of a copy of the
//! bundled site up to date, and after every save the folder equals a fresh `plainleaf build`.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{build, bundled_site, edit, english_only, files_under, stderr};

/// A running `plainleaf build --watch` and the lines it prints.
struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(root: &Path) -> Watching {
        let mut child = common::command()
            .args(["build", "--watch", "--allow-stale", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let watching = Watching { child, lines };
        watching.wait_for("watching ");
        watching
    }

    /// Every line up to and including the first that contains `needle`.
    fn wait_for(&self, needle: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        loop {
            let line = self
                .lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no line with {needle:?}; saw {seen:#?}"));
            let found = line.contains(needle);
            seen.push(line);
            if found {
                return seen;
            }
        }
    }
}

/// The output folder must equal, file for file and byte for byte, a fresh build.
fn assert_same_as_fresh_build(root: &Path, what: &str) {
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("public");
    let built = build(root, &["--allow-stale", "--output", out.to_str().unwrap()]);
    assert!(built.status.success(), "{what}: {}", stderr(&built));
    let watched = root.join("public");
    assert_eq!(files_under(&watched), files_under(&out), "{what}: same files");
    for file in files_under(&out) {
        let mine = std::fs::read(watched.join(&file)).unwrap();
        assert!(mine == std::fs::read(out.join(&file)).unwrap(), "{what}: {file} differs from a fresh build");
    }
}

const BASICS: &str = "content/gene-therapy-basics.md";

#[test]
fn keeps_the_output_equal_to_a_fresh_build_after_every_save() {
    let site = bundled_site();
    let root = site.path();
    let watching = Watching::start(root);
    assert_same_as_fresh_build(root, "first build");

    let page = std::fs::read(root.join("public/gene-therapy-basics/index.html")).unwrap();
    let untouched = root.join("public/gene-therapy-autoimmune-diseases/index.html");
    let untouched_time = std::fs::metadata(&untouched).unwrap().modified().unwrap();

    edit(root, BASICS, "## ", "Ask your care team which tests you need first.\n\n## ");
    let lines = watching.wait_for("changed ");
    assert!(lines.last().unwrap().contains("written in"), "{lines:#?}");
    assert_same_as_fresh_build(root, "a sentence");
    assert_ne!(std::fs::read(root.join("public/gene-therapy-basics/index.html")).unwrap(), page);
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        untouched_time,
        "a page the edit does not reach is not rewritten"
    );

    // An editor's atomic save: write a temporary file, then rename it over the page.
    let text = std::fs::read_to_string(root.join(BASICS)).unwrap();
    let tmp = root.join("content/.gene-therapy-basics.md.tmp");
    std::fs::write(
        &tmp,
        text.replacen("title: \"Gene therapy: what", "title: \"Zebra gene therapy: what", 1),
    )
    .unwrap();
    std::fs::rename(&tmp, root.join(BASICS)).unwrap();
    watching.wait_for("changed ");
    assert_same_as_fresh_build(root, "a new title");

    // A broken anchor fails the rebuild and leaves the folder as it was; fixing it recovers.
    let before = std::fs::read(root.join("public/gene-therapy-basics/index.html")).unwrap();
    std::fs::write(root.join(BASICS), format!("{text}\nSee [this](#no-such-heading).\n")).unwrap();
    let lines = watching.wait_for("does not build");
    assert!(lines.iter().any(|l| l.contains("no-such-heading") && l.contains(BASICS)), "{lines:#?}");
    assert_eq!(std::fs::read(root.join("public/gene-therapy-basics/index.html")).unwrap(), before);
    std::fs::write(root.join(BASICS), &text).unwrap();
    watching.wait_for("changed ");
    assert_same_as_fresh_build(root, "the fix");

    // A new page rebuilds the whole site.
    std::fs::write(
        root.join("content/new-page.md"),
        text.replacen("title: \"Gene therapy:", "title: \"New:", 1),
    )
    .unwrap();
    let lines = watching.wait_for("changed ");
    assert!(lines.last().unwrap().contains("rebuilt the site"), "{lines:#?}");
    assert_same_as_fresh_build(root, "a new page");
}

/// A site in two languages: an edit of a Spanish page reaches the Spanish page, the English
/// page it translates (its switcher and hreflang) and the feeds, and the folder still equals
/// a fresh build.
#[test]
fn a_spanish_page_edit_keeps_both_languages_equal_to_a_fresh_build() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    common::copy_dir(&common::repo().join("tests/fixtures/bilingual"), root);
    let watching = Watching::start(root);
    assert_same_as_fresh_build(root, "first build");
    edit(root, "content/es/terapia-genica.md", "title: Terapia génica", "title: Terapia génica para todos");
    watching.wait_for("changed ");
    assert_same_as_fresh_build(root, "a Spanish title");
    let english = std::fs::read_to_string(root.join("public/gene-therapy/index.html")).unwrap();
    assert!(english.contains("Terapia génica para todos"), "the English page's JSON-LD names the new title");
    let spanish = std::fs::read_to_string(root.join("public/es/terapia-genica/index.html")).unwrap();
    assert!(spanish.contains("<h1>Terapia génica para todos</h1>"), "{spanish}");
}

/// A PNG of `w` x `h` pixels, all one colour.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(w, h, image::Rgb([40, 90, 160]))
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

#[test]
fn a_replaced_picture_updates_the_pages_that_show_it() {
    let site = bundled_site();
    english_only(site.path());
    let root = site.path();
    std::fs::write(root.join("content/images/dot.png"), png(600, 300)).unwrap();
    edit(root, BASICS, "## ", "![A blue box](images/dot.png \"A picture that will change\")\n\n## ");
    let watching = Watching::start(root);
    let page = || std::fs::read_to_string(root.join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(page().contains("width=\"600\" height=\"300\""), "the first build shows the PNG");

    // A PNG saved over with another size: the page shows the new one, as a fresh build would.
    std::fs::write(root.join("content/images/dot.png"), png(700, 200)).unwrap();
    let lines = watching.wait_for("changed ");
    assert!(!lines.last().unwrap().contains("rebuilt the site"), "{lines:#?}");
    assert!(page().contains("width=\"700\" height=\"200\""), "{}", page());
    assert_same_as_fresh_build(root, "a replaced PNG");

    // An SVG drawing edited in place.
    edit(
        root,
        "content/images/gene-therapy-vector.svg",
        "width=\"800\" height=\"360\"",
        "width=\"810\" height=\"360\"",
    );
    watching.wait_for("changed ");
    assert!(page().contains("width=\"810\" height=\"360\""), "the page shows the edited SVG");
    assert_same_as_fresh_build(root, "an edited SVG");
}

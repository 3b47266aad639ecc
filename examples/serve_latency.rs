//! Save-to-reload latency of `plainleaf serve`: the time from writing a page to the `reload`
//! event reaching a connected browser, median of 20 edits, on the bundled site and on a
//! generated 1,000-page site. Run with `cargo run --release --example serve_latency`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use plainleaf::serve::{start, ServeOptions};

const EDITS: usize = 20;

fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).expect("copy");
        return;
    }
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(e.path().strip_prefix(from).expect("inside"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// A copy of the bundled site; with `pages`, the content pages are cloned to that many,
/// each with its own file name (slug) and title.
fn make_site(dir: &Path, pages: Option<usize>) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in ["site.yaml", "content", "seeds", "themes"] {
        copy_tree(&src.join(entry), &dir.join(entry));
    }
    let mut originals: Vec<_> = std::fs::read_dir(dir.join("content"))
        .expect("content")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    originals.sort();
    let Some(count) = pages else {
        return originals[0].strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
    };
    let texts: Vec<String> = originals.iter().map(|p| std::fs::read_to_string(p).expect("page")).collect();
    for p in &originals {
        std::fs::remove_file(p).expect("remove");
    }
    for i in 0..count {
        let text = &texts[i % texts.len()];
        let titled =
            text.replacen("\ntitle: ", &format!("\ntitle: Part {i:04} of "), 1).replace("of \"", "of ");
        let titled = fix_quotes(&titled);
        std::fs::write(dir.join(format!("content/page-{i:04}.md")), titled).expect("write");
    }
    "content/page-0500.md".to_string()
}

/// `title: Part 1 of "A: b"` is not YAML; quote the whole title instead.
fn fix_quotes(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("title: ") {
            Some(t) => format!("title: \"{}\"", t.replace('"', "")),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn measure(name: &str, pages: Option<usize>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = make_site(dir.path(), pages);
    run_edits(name, dir.path(), &page);
}

/// Serve `root`, then time `EDITS` saves of `page` until the reload event arrives.
fn run_edits(name: &str, root: &Path, page: &str) {
    let started = Instant::now();
    let running = start(
        &ServeOptions {
            root: root.to_path_buf(),
            port: 0,
            bind: "127.0.0.1".into(),
            open: false,
            drafts: false,
            theme: None,
        },
        |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let first = started.elapsed();

    let mut stream = TcpStream::connect(("127.0.0.1", running.port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_millis(5))).expect("timeout");
    write!(stream, "GET /__plainleaf/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("request");
    let mut buffer = String::new();
    wait_for(&mut stream, &mut buffer, ": connected\n\n");

    let path = root.join(page);
    let original = std::fs::read_to_string(&path).expect("page");
    let mut times = Vec::new();
    for i in 0..EDITS {
        std::thread::sleep(Duration::from_millis(150));
        buffer.clear();
        let edited = format!("{original}\nThis is edit number {i} of the page.\n");
        let saved = Instant::now();
        std::fs::write(&path, edited).expect("write");
        wait_for(&mut stream, &mut buffer, "event: reload\n");
        times.push(saved.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name}: first build {:.0} ms; save-to-reload median {:.1} ms (min {:.1}, max {:.1}) over {EDITS} edits",
        first.as_secs_f64() * 1000.0,
        median.as_secs_f64() * 1000.0,
        times[0].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
    );
}

fn wait_for(stream: &mut TcpStream, buffer: &mut String, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut chunk = [0u8; 4096];
    while !buffer.contains(needle) {
        assert!(Instant::now() < deadline, "no {needle:?} within 30 s");
        if let Ok(n) = stream.read(&mut chunk) {
            buffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }
}

/// With folder arguments (sites made by `examples/gen_corpus`), measure each of them;
/// without, the bundled site and 1,000 copies of its pages.
fn main() {
    let sites: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if sites.is_empty() {
        measure("bundled site (5 pages)", None);
        measure("generated site (1,000 pages)", Some(1000));
    }
    for site in sites {
        measure_copy(&site);
    }
}

/// Measure a copy of an existing site, editing the page in the middle of its content folder.
fn measure_copy(site: &Path) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(site, dir.path());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path().join("content"))
        .expect("content")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    let page =
        pages[pages.len() / 2].strip_prefix(dir.path()).expect("inside").to_string_lossy().into_owned();
    let name = format!("{} ({} pages)", site.display(), pages.len());
    run_edits(&name, dir.path(), &page);
}

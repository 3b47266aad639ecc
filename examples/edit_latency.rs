//! One-page edit latency of `plainleaf build --watch`: the time from saving a page to the
//! watcher's line saying every changed file is written, and the rebuild-and-write time the
//! watcher measures itself (from the end of the editor's quiet period). Two kinds of edit,
//! each repeated: a sentence added to the body, and a new title (which moves the page in
//! every list). Medians, min and max.
//!
//!   cargo build --release && cargo run --release --example edit_latency -- SITE...
//!
//! SITE is a site folder (for example one made by `examples/gen_corpus`); it is copied to a
//! temporary folder first. Without arguments, the bundled site.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const EDITS: usize = 15;

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(from).expect("inside");
        if rel.starts_with("public") || rel.starts_with("target") {
            continue;
        }
        let target = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// The release binary beside this example (target/release/examples/.. -> target/release).
fn plainleaf_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("PLAINLEAF_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("own path");
    let bin = exe.parent().and_then(Path::parent).expect("target folder").join("plainleaf");
    assert!(bin.is_file(), "{} is missing: run `cargo build --release` first", bin.display());
    bin
}

/// Page text for edit number `i`.
type Edit<'a> = Box<dyn Fn(usize) -> String + 'a>;

fn median(mut xs: Vec<f64>) -> (f64, f64, f64) {
    xs.sort_by(f64::total_cmp);
    (xs[xs.len() / 2], xs[0], xs[xs.len() - 1])
}

fn measure(site: &Path) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(site, dir.path());
    let root = dir.path();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    let page = pages[pages.len() / 2].clone();

    let started = Instant::now();
    let mut child = Command::new(plainleaf_binary())
        .args(["build", "--watch", "--allow-stale", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("plainleaf runs");
    let (tx, lines) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send((Instant::now(), line));
        }
    });
    let wait_for = |needle: &str| -> (Instant, String) {
        loop {
            let (at, line) =
                lines.recv_timeout(Duration::from_secs(600)).expect("plainleaf is still running");
            if line.contains(needle) {
                return (at, line);
            }
        }
    };
    wait_for("watching ");
    let first = started.elapsed();

    let original = std::fs::read_to_string(&page).expect("page");
    let title_line = original.lines().find(|l| l.starts_with("title: ")).expect("a title line").to_string();
    let kinds: [(&str, Edit); 2] = [
        (
            "add a sentence",
            Box::new(|i| format!("{original}\nThis is new sentence number {i} on this page.\n")),
        ),
        (
            "change the title",
            Box::new(|i| original.replacen(&title_line, &format!("title: \"Edit {i} of this page\""), 1)),
        ),
    ];
    println!(
        "{} ({} pages): first build and write {:.0} ms",
        site.display(),
        pages.len(),
        first.as_secs_f64() * 1e3
    );
    for (kind, edited) in &kinds {
        let (mut saved_to_written, mut rebuild_and_write) = (Vec::new(), Vec::new());
        for i in 0..EDITS {
            std::thread::sleep(Duration::from_millis(200));
            let saved = Instant::now();
            std::fs::write(&page, edited(i)).expect("save");
            let (at, line) = wait_for("changed ");
            assert!(line.contains("written in"), "the rebuild failed: {line}");
            saved_to_written.push(at.duration_since(saved).as_secs_f64() * 1e3);
            let ms: f64 = line
                .rsplit("written in ")
                .next()
                .and_then(|rest| rest.trim_end_matches(" ms").parse().ok())
                .expect("a time in the line");
            rebuild_and_write.push(ms);
        }
        let (m, lo, hi) = median(saved_to_written);
        let (r, rlo, rhi) = median(rebuild_and_write);
        println!(
            "  {kind}: save to written median {m:.1} ms (min {lo:.1}, max {hi:.1}); rebuild and write median {r:.0} ms (min {rlo:.0}, max {rhi:.0}) over {EDITS} edits"
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn main() {
    let sites: Vec<PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    if sites.is_empty() {
        measure(Path::new(env!("CARGO_MANIFEST_DIR")));
    }
    for site in sites {
        measure(&site);
    }
}

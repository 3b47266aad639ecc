//! Helpers shared by the integration tests: copy the bundled site, run the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the bundled site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copy a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// A temporary copy of the bundled site (site.yaml, content, seeds, themes, templates).
pub fn bundled_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    for folder in ["content", "seeds", "themes", "templates"] {
        if repo().join(folder).is_dir() {
            copy_dir(&repo().join(folder), &dir.path().join(folder));
        }
    }
    dir
}

/// Make a copy of the bundled site English only: no `languages:` line, no Spanish pages or
/// glossary (for tests of what a one-language site does, such as its region's defaults).
#[allow(dead_code)]
pub fn english_only(root: &Path) {
    let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    let kept: String =
        config.lines().filter(|l| !l.starts_with("languages:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(root.join("site.yaml"), kept).unwrap();
    let _ = std::fs::remove_dir_all(root.join("content/es"));
    let _ = std::fs::remove_file(root.join("content/glossary.es.yaml"));
}

/// The day every test runs on (2026-12-01, as seconds for `SOURCE_DATE_EPOCH`), so no test
/// depends on the machine's clock: the bundled pages' reviews are in date on it.
pub const TEST_DAY_EPOCH: &str = "1796083200";

/// `SOURCE_DATE_EPOCH` for a day written `YYYY-MM-DD` (for tests that move the calendar).
pub fn epoch_of(day: &str) -> String {
    let date: jiff::civil::Date = day.parse().unwrap();
    date.to_zoned_datetime(jiff::tz::TimeZone::UTC).unwrap().timestamp().as_second().to_string()
}

/// The real `plainleaf` binary, run on [`TEST_DAY_EPOCH`].
pub fn command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plainleaf"));
    cmd.env("SOURCE_DATE_EPOCH", TEST_DAY_EPOCH);
    cmd
}

/// Run `plainleaf` with arguments.
pub fn plainleaf(args: &[&str]) -> Output {
    command().args(args).output().unwrap()
}

/// Run `plainleaf` with arguments on the day `day` (`YYYY-MM-DD`).
pub fn plainleaf_on(day: &str, args: &[&str]) -> Output {
    command().env("SOURCE_DATE_EPOCH", epoch_of(day)).args(args).output().unwrap()
}

/// Run `plainleaf build --root ROOT` plus extra arguments.
pub fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    plainleaf(&args)
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under a folder, relative, with `/` separators.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.push(e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    out
}

/// The values of every `href="..."` and `src="..."` in an HTML text.
pub fn links_in(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Replace the first `find` in a site file with `replace` (the file must contain it).
pub fn edit(root: &Path, rel: &str, find: &str, replace: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{rel} has no {find:?}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

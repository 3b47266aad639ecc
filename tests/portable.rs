//! The site has to work for clinic staff on Windows and macOS too: pages, seeds and YAML
//! saved with Windows line endings build the same site, and no file name in the repository
//! or in a built site is one that Windows or a case-insensitive file system cannot hold.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// Rewrite every line ending of a text file as CRLF (as Notepad or `core.autocrlf` would).
fn to_crlf(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(!text.contains('\r'), "{} already has CR characters", path.display());
    std::fs::write(path, text.replace('\n', "\r\n")).unwrap();
}

/// Every file of a built site with its bytes (built on a fixed date, so two builds compare).
fn built(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plainleaf"))
        .args(["build", "--allow-stale", "--root"])
        .arg(root)
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let public = root.join("public");
    files_under(&public).into_iter().map(|f| (f.clone(), std::fs::read(public.join(&f)).unwrap())).collect()
}

#[test]
fn a_site_saved_with_crlf_line_endings_builds_the_same_pages() {
    let lf = bundled_site();
    let crlf = bundled_site();
    let mut converted = vec![crlf.path().join("site.yaml")];
    for folder in ["content", "seeds"] {
        // Pictures are files as they are, not text: only the text files get CRLF.
        converted.extend(
            files_under(&crlf.path().join(folder))
                .iter()
                .filter(|f| !f.starts_with("images/") && !f.contains("/images/"))
                .map(|f| crlf.path().join(folder).join(f)),
        );
    }
    assert!(converted.len() >= 10, "only {} files converted", converted.len());
    for path in &converted {
        to_crlf(path);
    }
    let expected = built(lf.path());
    let actual = built(crlf.path());
    assert_eq!(actual.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
    for (path, bytes) in &expected {
        assert!(actual[path] == *bytes, "{path} differs when the sources have CRLF line endings");
    }
}

/// Why a relative path (with `/`) cannot be checked out on Windows, if it cannot.
fn windows_problem(path: &str) -> Option<String> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if path.len() > 200 {
        return Some("longer than 200 characters (Windows stops at 260 with the folder)".into());
    }
    for part in path.split('/') {
        if let Some(c) = part.chars().find(|c| "<>:\"|?*\\".contains(*c) || c.is_control()) {
            return Some(format!("{part:?} has {c:?}, which Windows does not allow in file names"));
        }
        if part.ends_with('.') || part.ends_with(' ') {
            return Some(format!("{part:?} ends with a dot or space, which Windows drops"));
        }
        let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
        if RESERVED.contains(&stem.as_str()) {
            return Some(format!("{part:?} is a reserved device name on Windows"));
        }
    }
    None
}

/// Problems with a set of relative paths: Windows names and names equal but for case.
fn name_problems(paths: &[String]) -> Vec<String> {
    let mut problems: Vec<String> =
        paths.iter().filter_map(|p| windows_problem(p).map(|why| format!("{p}: {why}"))).collect();
    let mut by_folded: BTreeMap<String, &str> = BTreeMap::new();
    for p in paths {
        if let Some(other) = by_folded.insert(p.to_lowercase(), p) {
            problems.push(format!("{p} and {other} differ only in case (one file on Windows and macOS)"));
        }
    }
    problems
}

/// The repository's files: what git tracks, or every file outside build output without git.
fn repository_files() -> Vec<String> {
    let git = std::process::Command::new("git").arg("-C").arg(repo()).args(["ls-files", "-z"]).output();
    if let Some(out) = git.ok().filter(|o| o.status.success() && !o.stdout.is_empty()) {
        return String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
    }
    let skip = ["target", "node_modules", ".git", "public", "bench-out"];
    walkdir::WalkDir::new(repo())
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.file_name() == *s))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(repo()).unwrap().to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn every_file_name_in_the_repository_works_on_windows_and_macos() {
    let files = repository_files();
    assert!(files.len() > 50, "only {} files found", files.len());
    let problems = name_problems(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_file_name_of_a_built_site_works_on_windows_and_macos() {
    let site = bundled_site();
    let files: Vec<String> = built(site.path()).into_keys().collect();
    assert!(files.len() > 20, "only {} files built", files.len());
    let problems = name_problems(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_name_check_finds_what_windows_rejects() {
    for bad in ["a/con.txt", "a/b:c", "x/trailing.", "what?.md", "a\\b"] {
        assert!(windows_problem(bad).is_some(), "{bad} passed");
    }
    assert!(windows_problem("content/gene-therapy-basics.md").is_none());
    assert_eq!(name_problems(&["a/Readme.md".into(), "a/README.md".into()]).len(), 1);
}

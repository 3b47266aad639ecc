//! Watching the site's inputs: events are collected until the folder has been quiet for a
//! moment (editors write a file in several steps), swap and backup files are ignored, and a
//! file only counts as changed when its bytes did (a save without edits triggers nothing).

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::error::{Diagnostic, Location};

/// Folders of the site the build reads, watched recursively.
pub const WATCHED_DIRS: &[&str] = &["content", "seeds", "templates", "themes", "static", "i18n"];

/// How long the inputs must be quiet before a batch of changes is reported.
pub const QUIET: Duration = Duration::from_millis(20);

/// The longest a batch waits for quiet, so a busy folder still rebuilds.
const MAX_WAIT: Duration = Duration::from_millis(1000);

/// Where to watch and what to leave alone.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Folders never reported (the output folder, `target/`).
    pub ignored: Vec<PathBuf>,
    /// Quiet period before reporting.
    pub quiet: Duration,
}

/// A running watcher; dropping it stops the watching thread at its next event.
pub struct Watching {
    /// Batches of changed files, site-relative, each file's bytes different from before.
    pub changes: Receiver<Vec<PathBuf>>,
}

impl std::fmt::Debug for Watching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watching").finish_non_exhaustive()
    }
}

/// Start watching the site's inputs.
pub fn start(options: WatchOptions) -> Result<Watching, Diagnostic> {
    let root = options.root.canonicalize().unwrap_or_else(|_| options.root.clone());
    let ignored: Vec<PathBuf> =
        options.ignored.iter().map(|p| p.canonicalize().unwrap_or_else(|_| p.clone())).collect();
    let (raw_tx, raw_rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = raw_tx.send(event);
    })
    .map_err(|e| watch_error(&root, &e))?;
    // The root itself only non-recursively: it may hold big folders (output, target/) we skip.
    watcher.watch(&root, RecursiveMode::NonRecursive).map_err(|e| watch_error(&root, &e))?;
    let mut watched_dirs = BTreeSet::new();
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() && watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
            watched_dirs.insert(path);
        }
    }
    let mut tracker = Tracker { root: root.clone(), ignored, hashes: HashMap::new() };
    tracker.scan_all();

    let (tx, rx) = channel();
    let quiet = options.quiet;
    std::thread::spawn(move || loop {
        let Ok(first) = raw_rx.recv() else { return };
        let started = Instant::now();
        let mut paths = BTreeSet::new();
        collect(first, &mut paths);
        loop {
            match raw_rx.recv_timeout(quiet) {
                Ok(event) => {
                    collect(event, &mut paths);
                    if started.elapsed() > MAX_WAIT {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        // A watched folder created (or renamed into place) after start needs its own watch.
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir()
                && !watched_dirs.contains(&path)
                && watcher.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                watched_dirs.insert(path.clone());
                paths.insert(path);
            }
        }
        watched_dirs.retain(|p| p.is_dir());
        let changed = tracker.changed(&paths);
        if !changed.is_empty() && tx.send(changed).is_err() {
            return;
        }
    });
    Ok(Watching { changes: rx })
}

fn watch_error(root: &Path, e: &notify::Error) -> Diagnostic {
    Diagnostic::error(Some(Location::file(root)), format!("cannot watch this folder for changes: {e}"))
        .with_hint("on Linux, raise fs.inotify.max_user_watches, or use `plainleaf build`")
}

fn collect(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    let Ok(event) = event else { return };
    // Opening or reading a file changes nothing; everything else might.
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    paths.extend(event.paths);
}

/// The last seen bytes (as a hash) of every watched file.
struct Tracker {
    root: PathBuf,
    ignored: Vec<PathBuf>,
    hashes: HashMap<PathBuf, u64>,
}

impl Tracker {
    /// Paths never reported: outside the site, in the output or `target/`, editor temp files.
    fn ignored(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else { return true };
        self.ignored.iter().any(|i| path.starts_with(i))
            || rel.starts_with("target")
            || rel.starts_with(".plainleaf-cache")
            || rel.components().any(|c| c.as_os_str().to_str().is_some_and(crate::load::is_editor_temp))
    }

    /// Files the build reads.
    fn relevant(&self, file: &Path) -> bool {
        !self.ignored(file)
            && file.strip_prefix(&self.root).is_ok_and(|rel| super::incremental::classify(rel).is_some())
    }

    fn scan_all(&mut self) {
        let mut start = vec![self.root.join(crate::load::SITE_FILE)];
        start.extend(WATCHED_DIRS.iter().map(|d| self.root.join(d)));
        for path in start {
            for (file, hash) in self.hash_tree(&path) {
                self.hashes.insert(file, hash);
            }
        }
    }

    fn hash_tree(&self, path: &Path) -> Vec<(PathBuf, u64)> {
        if path.is_file() {
            return if self.relevant(path) {
                hash_file(path).map(|h| vec![(path.to_path_buf(), h)]).unwrap_or_default()
            } else {
                Vec::new()
            };
        }
        walkdir::WalkDir::new(path)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && self.relevant(e.path()))
            .filter_map(|e| hash_file(e.path()).map(|h| (e.path().to_path_buf(), h)))
            .collect()
    }

    /// The site-relative files among `paths` (and inside folders among them) whose bytes changed.
    fn changed(&mut self, paths: &BTreeSet<PathBuf>) -> Vec<PathBuf> {
        let mut out = BTreeSet::new();
        for path in paths {
            if self.ignored(path) {
                continue;
            }
            // A file known as a file before has nothing inside it that could be gone: skip the
            // walk over every known file (most events are one saved page on a large site).
            let known_file = path.is_file() && self.hashes.contains_key(path);
            if path.exists() {
                for (file, hash) in self.hash_tree(path) {
                    if self.hashes.insert(file.clone(), hash) != Some(hash) {
                        out.insert(file);
                    }
                }
                if known_file {
                    continue;
                }
            }
            // Deleted (or renamed away): the file itself, or every file that was inside it.
            let gone: Vec<PathBuf> =
                self.hashes.keys().filter(|k| k.starts_with(path) && !k.exists()).cloned().collect();
            for file in gone {
                self.hashes.remove(&file);
                out.insert(file);
            }
        }
        out.into_iter().filter_map(|p| p.strip_prefix(&self.root).ok().map(Path::to_path_buf)).collect()
    }
}

fn hash_file(path: &Path) -> Option<u64> {
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracker(root: &Path) -> Tracker {
        let mut t =
            Tracker { root: root.to_path_buf(), ignored: vec![root.join("public")], hashes: HashMap::new() };
        t.scan_all();
        t
    }

    fn set(paths: &[PathBuf]) -> BTreeSet<PathBuf> {
        paths.iter().cloned().collect()
    }

    #[test]
    fn only_changed_bytes_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "one").unwrap();
        let mut t = tracker(&root);
        let a = root.join("content/a.md");
        std::fs::write(&a, "one").unwrap();
        assert!(t.changed(&set(std::slice::from_ref(&a))).is_empty(), "same bytes");
        std::fs::write(&a, "two").unwrap();
        assert_eq!(t.changed(&set(std::slice::from_ref(&a))), vec![PathBuf::from("content/a.md")]);
        std::fs::remove_file(&a).unwrap();
        assert_eq!(t.changed(&set(std::slice::from_ref(&a))), vec![PathBuf::from("content/a.md")]);
    }

    #[test]
    fn ignores_swap_files_output_and_new_folders_count() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("public")).unwrap();
        let mut t = tracker(&root);
        for name in
            ["content/.a.md.swp", "content/a.md~", "content/4913", "content/.#a.md", "public/index.html"]
        {
            std::fs::write(root.join(name), "x").unwrap();
            assert!(t.changed(&set(&[root.join(name)])).is_empty(), "{name}");
        }
        std::fs::create_dir_all(root.join("content/new")).unwrap();
        std::fs::write(root.join("content/new/b.md"), "b").unwrap();
        assert_eq!(t.changed(&set(&[root.join("content/new")])), vec![PathBuf::from("content/new/b.md")]);
    }
}

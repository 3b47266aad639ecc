//! Writing the output folder: everything goes into a temporary sibling folder which is then
//! swapped in, so a failed build never leaves half a site. Files whose bytes did not change
//! are hard-linked from the previous output, keeping their modification time (hosts that sync
//! by time upload only what changed). A folder plainleaf did not create is never deleted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Location};

/// The file that marks a folder as plainleaf output, so it may be replaced.
pub const MARKER: &str = ".plainleaf-output";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files whose bytes were written.
    pub written: usize,
    /// Files kept from the previous output because their bytes did not change.
    pub unchanged: usize,
}

/// Absolute form of a path (without requiring it to exist).
fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    // Resolve the deepest existing ancestor so symlinks and `..` compare correctly.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(p), Some(n)) => {
                rest.push(n.to_os_string());
                existing = p;
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    out
}

/// Refuse output folders that would destroy the site or something else.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root_abs = absolute(root);
    let out_abs = absolute(output);
    let loc = || Some(Location::file(output));
    let refuse = |why: String| {
        Err(Diagnostic::error(loc(), why)
            .with_hint("choose another folder with --output, like --output public"))
    };
    if out_abs == root_abs {
        return refuse(
            "the output folder is the site folder itself; building there would delete your site".into(),
        );
    }
    if root_abs.starts_with(&out_abs) {
        return refuse(
            "the output folder contains the site folder; building there would delete your site".into(),
        );
    }
    for input in ["content", "seeds", "templates", "themes", "static", "i18n"] {
        if out_abs.starts_with(root_abs.join(input)) {
            return refuse(format!("the output folder is inside {input}/, which plainleaf reads"));
        }
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return refuse("the output path is a file, not a folder".into());
    }
    if out_abs.join("content").exists() || out_abs.join("site.yaml").exists() {
        return refuse("the output folder looks like a site (it has content/ or site.yaml)".into());
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).exists() {
        let empty = std::fs::read_dir(&out_abs).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return refuse(format!(
                "the output folder has files plainleaf did not make (no {MARKER} file); it will not delete them"
            ));
        }
    }
    Ok(())
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
        "you may not write there: check the folder's permissions, or build into another folder with --output"
    } else {
        "check that the disk has space and the folder can be written"
    };
    Diagnostic::error(Some(Location::file(path)), format!("cannot write: {}", crate::load::io_reason(&e)))
        .with_hint(hint)
}

/// Write the site into `output` atomically (see the module docs).
/// `files` are (path inside the output, bytes); a later file of the same path wins.
pub fn write_site(root: &Path, output: &Path, files: &[(&str, &[u8])]) -> Result<WriteStats, Diagnostic> {
    let staging = Staging::begin(root, output)?;
    for &(rel, bytes) in files {
        staging.put(rel, bytes)?;
    }
    staging.finish()
}

/// A new output folder being filled beside the old one, file by file and from any thread,
/// then swapped in by [`Staging::finish`]. Dropped unfinished (a failed build), it is deleted
/// and the old output stays as it was. A build streams its pages through one, so no page
/// needs to stay in memory once it is written.
#[derive(Debug)]
pub struct Staging {
    tmp: PathBuf,
    out_abs: PathBuf,
    parent: PathBuf,
    name: String,
    made: std::sync::Mutex<HashSet<PathBuf>>,
    written: std::sync::atomic::AtomicUsize,
    unchanged: std::sync::atomic::AtomicUsize,
    done: bool,
}

impl Staging {
    /// Check `output` (see [`check_output_dir`]) and make the empty temporary folder beside it.
    pub fn begin(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        check_output_dir(root, output)?;
        let out_abs = absolute(output);
        let parent = out_abs.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let name =
            out_abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(|e| {
            let d = io_error(&parent, e);
            Diagnostic { message: d.message.replace("cannot write:", "cannot create this folder:"), ..d }
        })?;
        let tmp = parent.join(format!(".{name}.plainleaf-tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| io_error(&tmp, e))?;
        }
        // The new site is written beside the old one, so the folder to blame is the parent.
        std::fs::create_dir(&tmp).map_err(|e| {
            let d = io_error(&parent, e);
            Diagnostic { message: d.message.replace("cannot write:", "cannot write in this folder:"), ..d }
        })?;
        let staging = Staging {
            tmp,
            out_abs,
            parent,
            name,
            made: Default::default(),
            written: Default::default(),
            unchanged: Default::default(),
            done: false,
        };
        std::fs::write(
            staging.tmp.join(MARKER),
            b"This folder is made by plainleaf build; it is replaced on every build.\n",
        )
        .map_err(|e| io_error(&staging.tmp, e))?;
        Ok(staging)
    }

    /// Add one file (a path inside the output); a second file of the same path replaces the
    /// first. Bytes equal to the previous output's file become a hard link to it.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        use std::sync::atomic::Ordering;
        let dest = self.tmp.join(rel);
        if let Some(dir) = dest.parent() {
            let known = self.made.lock().unwrap_or_else(|p| p.into_inner()).contains(dir);
            if !known {
                std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
                self.made.lock().unwrap_or_else(|p| p.into_inner()).insert(dir.to_path_buf());
            }
        }
        // A file already here may be a hard link into the previous output: writing through
        // it would change the old site, so it goes first.
        if std::fs::symlink_metadata(&dest).is_ok() {
            std::fs::remove_file(&dest).map_err(|e| io_error(&dest, e))?;
        }
        let old = self.out_abs.join(rel);
        if same_bytes(&old, bytes) && std::fs::hard_link(&old, &dest).is_ok() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        std::fs::write(&dest, bytes).map_err(|e| io_error(&dest, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Swap the new folder in for the old output.
    pub fn finish(mut self) -> Result<WriteStats, Diagnostic> {
        use std::sync::atomic::Ordering;
        self.done = true;
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let swapped = swap_in(&self.tmp, &self.out_abs, &self.parent, &self.name);
        if swapped.is_err() && self.tmp.exists() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        swapped.map(|()| stats)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done && self.tmp.exists() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Update some files of an output folder plainleaf made (the `build --watch` rebuilds), in
/// place: each file goes to a temporary name beside it and is renamed over the old one, so a
/// web server reading the folder never sends half a file. `removed` files are deleted.
/// Returns how many files were written.
pub fn update_files(
    root: &Path,
    output: &Path,
    files: &[(&str, &[u8])],
    removed: &[&str],
) -> Result<usize, Diagnostic> {
    check_output_dir(root, output)?;
    if !output.join(MARKER).is_file() {
        return Err(Diagnostic::error(
            Some(Location::file(output)),
            format!("the output folder has no {MARKER} file, so it is not a site plainleaf wrote"),
        )
        .with_hint("run plainleaf build once without --watch"));
    }
    let inside = |rel: &str| -> Result<PathBuf, Diagnostic> {
        let rel_path = Path::new(rel);
        if rel_path.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            Ok(output.join(rel_path))
        } else {
            Err(Diagnostic::error(
                Some(Location::file(output)),
                format!("{rel} is not a path inside the output"),
            ))
        }
    };
    // Checked before anything is written, so a bad path changes nothing.
    let writes: Vec<(PathBuf, &[u8])> =
        files.iter().map(|&(rel, bytes)| Ok((inside(rel)?, bytes))).collect::<Result<_, Diagnostic>>()?;
    let removals: Vec<PathBuf> = removed.iter().map(|rel| inside(rel)).collect::<Result<_, Diagnostic>>()?;
    in_parallel(&writes, |(dest, bytes)| replace_file(dest, bytes))?;
    in_parallel(&removals, |dest| match std::fs::remove_file(dest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_error(dest, e)),
        _ => Ok(()),
    })?;
    Ok(files.len())
}

/// Write `bytes` to a temporary name beside `dest` and rename it over `dest`.
fn replace_file(dest: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    }
    // A name of its own per call: two threads may write beside each other.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dest.with_file_name(format!(".{name}.plainleaf-tmp-{}-{call}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(&tmp, e))?;
    if let Err(e) = std::fs::rename(&tmp, dest) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error(dest, e));
    }
    Ok(())
}

/// Most threads [`in_parallel`] starts.
const IO_THREADS: usize = 8;

/// Run `job` on every item from up to [`IO_THREADS`] threads, more than there are cores:
/// a rename over a file or a deletion waits on the disk, not the processor (on a disk
/// mounted with `discard`, freeing the old file's blocks took 3.5 ms per rename), so the
/// waits overlap. The first error wins; the other threads stop taking new items.
fn in_parallel<T: Sync>(
    items: &[T],
    job: impl Fn(&T) -> Result<(), Diagnostic> + Sync,
) -> Result<(), Diagnostic> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    if items.len() < 2 {
        return items.iter().try_for_each(&job);
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let first_error: std::sync::Mutex<Option<Diagnostic>> = std::sync::Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..items.len().min(IO_THREADS) {
            scope.spawn(|| {
                while !failed.load(Ordering::Relaxed) {
                    let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) else { break };
                    if let Err(e) = job(item) {
                        failed.store(true, Ordering::Relaxed);
                        first_error.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert(e);
                    }
                }
            });
        }
    });
    match first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).map(|b| b == bytes).unwrap_or(false)
        }
        _ => false,
    }
}

fn swap_in(tmp: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), Diagnostic> {
    if !output.exists() {
        return std::fs::rename(tmp, output).map_err(|e| io_error(output, e));
    }
    let old = parent.join(format!(".{name}.plainleaf-old-{}", std::process::id()));
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io_error(&old, e))?;
    }
    std::fs::rename(output, &old).map_err(|e| io_error(output, e))?;
    if let Err(e) = std::fs::rename(tmp, output) {
        // Put the previous site back: a failed build must leave the old output as it was.
        let _ = std::fs::rename(&old, output);
        return Err(io_error(output, e));
    }
    // The old folder carried our marker (checked before), so removing it is safe.
    remove_tree(&old)
}

/// Delete a folder tree from several threads: files first, then folders, deepest first. On a
/// disk mounted with `discard` each freed file or folder waits for the disk, so a one-thread
/// delete of a 10,000-article site's old output (20,000 folders) took most of a rebuild.
fn remove_tree(dir: &Path) -> Result<(), Diagnostic> {
    let mut files = Vec::new();
    let mut folders: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            io_error(&path, e.into())
        })?;
        if entry.file_type().is_dir() {
            folders.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    in_parallel(&files, |f| std::fs::remove_file(f).map_err(|e| io_error(f, e)))?;
    folders.sort_by_key(|f| std::cmp::Reverse(f.0));
    for level in folders.chunk_by(|a, b| a.0 == b.0) {
        in_parallel(level, |(_, d)| std::fs::remove_dir(d).map_err(|e| io_error(d, e)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file<'a>(path: &'a str, text: &'a str) -> (&'a str, &'a [u8]) {
        (path, text.as_bytes())
    }

    #[test]
    fn refuses_site_root_and_parents() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, dir.path()).is_err());
        assert!(check_output_dir(&root, &root.join("content/out")).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_foreign_folder_and_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let foreign = dir.path().join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(check_output_dir(&root, &foreign).is_err());
        std::fs::write(dir.path().join("afile"), "x").unwrap();
        assert!(check_output_dir(&root, &dir.path().join("afile")).is_err());
    }

    #[test]
    fn writes_swaps_and_keeps_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        let s1 = write_site(&root, &out, &[file("index.html", "a"), file("x/index.html", "b")]).unwrap();
        assert_eq!(s1, WriteStats { written: 2, unchanged: 0 });
        let s2 = write_site(&root, &out, &[file("index.html", "a"), file("y/index.html", "c")]).unwrap();
        assert_eq!(s2, WriteStats { written: 1, unchanged: 1 });
        assert!(!out.join("x").exists(), "stale files go");
        assert_eq!(std::fs::read_to_string(out.join("y/index.html")).unwrap(), "c");
        let leftovers: Vec<_> = std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok()).collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders are left behind");
    }

    #[test]
    fn a_tree_is_removed_whole_and_a_link_out_of_it_leaves_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("old");
        for i in 0..30 {
            std::fs::create_dir_all(tree.join(format!("p{i}/handout"))).unwrap();
            std::fs::write(tree.join(format!("p{i}/index.html")), "a").unwrap();
            std::fs::write(tree.join(format!("p{i}/handout/index.html")), "b").unwrap();
        }
        let outside = dir.path().join("keep");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("precious.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, tree.join("p0/link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(std::fs::read_to_string(outside.join("precious.txt")).unwrap(), "x");
    }

    #[test]
    fn a_dropped_staging_folder_leaves_the_old_output_and_no_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        write_site(&root, &out, &[file("index.html", "a"), file("x/index.html", "b")]).unwrap();
        let staging = Staging::begin(&root, &out).unwrap();
        // Linked from the old output (same bytes), then replaced: the old file must not change.
        staging.put("index.html", b"a").unwrap();
        staging.put("index.html", b"new").unwrap();
        drop(staging);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "a");
        let leftovers: Vec<_> = std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok()).collect();
        assert_eq!(leftovers.len(), 1, "the temporary folder went");
        let staging = Staging::begin(&root, &out).unwrap();
        staging.put("index.html", b"a").unwrap();
        assert_eq!(staging.finish().unwrap(), WriteStats { written: 0, unchanged: 1 });
        assert!(!out.join("x").exists());
    }

    fn assert_no_temporaries(out: &Path) {
        let names: Vec<String> = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("plainleaf-tmp")), "{names:?}");
    }

    #[test]
    fn updates_files_in_place_only_in_a_folder_plainleaf_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        write_site(&root, &out, &[file("index.html", "a"), file("x/index.html", "b")]).unwrap();
        let n = update_files(
            &root,
            &out,
            &[file("x/index.html", "B"), file("new/index.html", "n")],
            &["index.html"],
        )
        .unwrap();
        assert_eq!(n, 2);
        assert_eq!(std::fs::read_to_string(out.join("x/index.html")).unwrap(), "B");
        assert_eq!(std::fs::read_to_string(out.join("new/index.html")).unwrap(), "n");
        assert!(!out.join("index.html").exists());
        assert_no_temporaries(&out);
        assert!(update_files(&root, &out, &[file("../escape.html", "x")], &[]).is_err());
        assert!(!root.join("escape.html").exists());
        // A bad path anywhere in a batch is found before anything is written.
        let batch = [file("a/index.html", "1"), file("b/index.html", "2"), file("/abs.html", "x")];
        assert!(update_files(&root, &out, &batch, &[]).is_err());
        assert!(!out.join("a").exists() && !out.join("b").exists());
        // Many files at once (written from several threads) all land, and no temporary is left.
        let texts: Vec<(String, String)> =
            (0..40).map(|i| (format!("many/{i}/index.html"), format!("page {i}"))).collect();
        let many: Vec<(&str, &[u8])> = texts.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
        assert_eq!(update_files(&root, &out, &many, &["x/index.html"]).unwrap(), 40);
        for (p, t) in &texts {
            assert_eq!(&std::fs::read_to_string(out.join(p)).unwrap(), t);
        }
        assert!(!out.join("x/index.html").exists());
        assert_no_temporaries(&out);
        std::fs::remove_file(out.join(MARKER)).unwrap();
        assert!(
            update_files(&root, &out, &[file("x/index.html", "C")], &[]).is_err(),
            "no marker, no writing"
        );
    }
}

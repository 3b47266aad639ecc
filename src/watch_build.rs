//! `plainleaf build --watch`: build the site into the output folder, then keep that folder up
//! to date. Each save goes through the live preview's incremental rebuild (only what the edit
//! reaches is rendered again), the changed pages' links are checked, and only the files whose
//! bytes changed are written, each one atomically. A rebuild that fails (bad YAML, a broken
//! link) writes nothing, so the folder always holds the last site that built.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Failed};
use crate::live::rebuild::{classify, Applied, Change, LiveSite};
use crate::live::watch;
use crate::output::links::{check_changed_links, check_links, ChangedLinks, ChangedPage};
use crate::output::write::{check_output_dir, update_files, write_site};

/// Held while files are written, so Ctrl-C waits for the current file set to land.
static WRITING: Mutex<()> = Mutex::new(());

/// What one rebuild wrote.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    /// Files written (their bytes changed).
    pub files: usize,
    /// Whether the whole site was rebuilt.
    pub full: bool,
}

/// The site kept in memory between rebuilds, and whether the output folder matches it.
struct Watched {
    site: LiveSite,
    /// Where each article page comes from (slugs and files change only in full rebuilds).
    sources: HashMap<String, PathBuf>,
    /// False after a rebuild whose files could not be written or whose links are broken:
    /// the next rebuild then writes the whole site.
    on_disk: bool,
}

/// Build, then rebuild on every change until Ctrl-C. Prints one line per rebuild.
pub fn run(options: &BuildOptions) -> Result<(), Failed> {
    let root = &options.root;
    if !root.join(crate::load::SITE_FILE).is_file() {
        return Err(crate::build::not_a_site(root).into());
    }
    let output = options.output_dir();
    check_output_dir(root, &output)?;
    // Watch before the first build, so a save during it is not lost.
    let watching = watch::start(watch::WatchOptions {
        root: root.clone(),
        ignored: vec![output.clone(), root.join("target")],
        quiet: watch::QUIET,
    })?;
    let _ = ctrlc::set_handler(|| {
        let _writing = WRITING.lock();
        eprintln!("\nstopped");
        std::process::exit(0);
    });

    let started = Instant::now();
    let mut watched = match build_all(options, &output) {
        Ok((site, written)) => {
            print_all(site.warnings());
            println!(
                "built {} pages ({} articles) into {} in {} ms: {} files written",
                site.files().keys().filter(|p| p.ends_with(".html")).count(),
                site.articles().len(),
                output.display(),
                started.elapsed().as_millis(),
                written.files
            );
            Some(Watched { sources: sources(&site), site, on_disk: true })
        }
        Err(Failed(list)) => {
            print_all(&list);
            eprintln!("the site does not build yet; fix the error and save, and it builds again");
            None
        }
    };
    println!("watching {} for changes (Ctrl-C to stop)", root.display());

    let mut pending: BTreeSet<Change> = BTreeSet::new();
    for batch in watching.changes.iter() {
        let started = Instant::now();
        pending.extend(batch.iter().filter_map(|rel| classify(rel)));
        if pending.is_empty() {
            continue;
        }
        let changes: Vec<Change> = pending.iter().cloned().collect();
        let what = batch.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        let result = match watched.as_mut() {
            Some(w) => rebuild(w, &changes, &output),
            None => build_all(options, &output).map(|(site, written)| {
                watched = Some(Watched { sources: sources(&site), site, on_disk: true });
                (written, Vec::new())
            }),
        };
        match result {
            Ok((written, warnings)) => {
                pending.clear();
                print_all(&warnings);
                println!(
                    "changed {what}: {}{} file{} written in {} ms",
                    if written.full { "rebuilt the site, " } else { "" },
                    written.files,
                    if written.files == 1 { "" } else { "s" },
                    started.elapsed().as_millis()
                );
            }
            Err(Failed(list)) => {
                print_all(&list);
                eprintln!(
                    "changed {what}: the site does not build; {} keeps the last version that did",
                    output.display()
                );
            }
        }
    }
    Ok(())
}

/// Build everything in memory, check every link and write the whole output folder.
fn build_all(options: &BuildOptions, output: &Path) -> Result<(LiveSite, Written), Failed> {
    let site = LiveSite::build(options)?;
    let files = written_files(&site);
    let broken = check_links(&files, site.base_url(), &sources(&site));
    if !broken.is_empty() {
        return Err(Failed(broken));
    }
    let _writing = WRITING.lock();
    let stats = write_site(&options.root, output, &files)?;
    Ok((site, Written { files: stats.written, full: true }))
}

/// Every file of the site as `build` writes it: static files first, so a page of the same
/// name wins.
fn written_files(site: &LiveSite) -> Vec<(&str, &[u8])> {
    let mut files: Vec<(&str, &[u8])> =
        site.statics().iter().map(|(path, bytes)| (path.as_str(), &bytes[..])).collect();
    let mut pages: Vec<(&str, &[u8])> =
        site.files().iter().map(|(path, bytes)| (path.as_str(), &bytes[..])).collect();
    pages.sort_unstable_by_key(|(path, _)| *path);
    files.extend(pages);
    files
}

/// Where each article page comes from, for link errors.
fn sources(site: &LiveSite) -> HashMap<String, PathBuf> {
    site.articles().iter().map(|a| (crate::article::article_url(&a.slug), a.path.clone())).collect()
}

/// Apply the changes, check the links they reach and write the files they changed.
fn rebuild(
    watched: &mut Watched,
    changes: &[Change],
    output: &Path,
) -> Result<(Written, Vec<Diagnostic>), Failed> {
    let mut clock = crate::build::StageClock::start();
    let applied = watched.site.apply(changes)?;
    clock.lap("apply");
    if applied.full {
        watched.sources = sources(&watched.site);
    }
    let site = &watched.site;
    let base_url = site.base_url();
    let sources = &watched.sources;
    let check_all = applied.full
        || !watched.on_disk
        || match changed_links(site, changes, &applied, base_url, sources) {
            ChangedLinks::Checked(broken) if broken.is_empty() => false,
            ChangedLinks::Checked(broken) => {
                watched.on_disk = false;
                return Err(Failed(broken));
            }
            ChangedLinks::CheckAll => true,
        };
    clock.lap("check links");
    let root = &site.site().root;
    if check_all {
        let files = written_files(site);
        let broken = check_links(&files, base_url, sources);
        if !broken.is_empty() {
            watched.on_disk = false;
            return Err(Failed(broken));
        }
        let _writing = WRITING.lock();
        let stats = write_site(root, output, &files).inspect_err(|_| watched.on_disk = false)?;
        watched.on_disk = true;
        return Ok((Written { files: stats.written, full: applied.full }, applied.warnings));
    }
    let files: Vec<(&str, &[u8])> = applied
        .changed
        .iter()
        .filter_map(|path| {
            site.files()
                .get(path)
                .or_else(|| site.statics().get(path))
                .map(|bytes| (path.as_str(), &bytes[..]))
        })
        .collect();
    let removed: Vec<&str> = applied.removed.iter().map(String::as_str).collect();
    let _writing = WRITING.lock();
    let count = update_files(root, output, &files, &removed).inspect_err(|_| watched.on_disk = false)?;
    clock.lap("write");
    Ok((Written { files: count, full: false }, applied.warnings))
}

fn changed_links(
    site: &LiveSite,
    changes: &[Change],
    applied: &Applied,
    base_url: Option<&str>,
    sources: &HashMap<String, PathBuf>,
) -> ChangedLinks {
    // After a content edit the list pages (home, topics, glossary, A-Z) change only in data
    // the build made itself (cards and lists of pages that exist), so only the article pages'
    // links can break. Templates are checked whole when a theme file changes.
    let theme_changed = changes.iter().any(|c| matches!(c, Change::Theme | Change::Static));
    let pages: Vec<ChangedPage> = applied
        .changed
        .iter()
        .filter(|path| theme_changed || sources.contains_key(*path))
        .filter_map(|path| {
            let now = site.files().get(path)?;
            // The old bytes tell whether an anchor other pages may use went away.
            Some((path.as_str(), applied.previous.get(path).map(|b| &b[..]), &now[..]))
        })
        .collect();
    let read = |path: &str| site.files().get(path).or_else(|| site.statics().get(path)).map(|b| &b[..]);
    check_changed_links(&pages, &read, base_url, sources)
}

fn print_all(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}

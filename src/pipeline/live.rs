//! The pipeline kept alive between saves (`serve` and `build --watch`): the first run builds
//! everything; each later run applies a batch of changes through [`LiveSite`], checks the
//! links the changes can reach (the whole site when that is not enough), and hands the
//! changed files to the sink. A run that fails before the check (bad YAML, a template error)
//! leaves everything as it was. A run whose links are broken writes nothing to a disk sink
//! (the folder keeps the last site that built), while a memory sink keeps the new pages so the
//! preview can show them with the error; either way the next run checks the whole site again.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Instant;

use super::incremental::{classify, Applied, Change, LiveSite, Outcome};
use super::watch::Watching;
use super::{check_site, hold_writes, sources_of, BuildOptions, Lap, Sink};
use crate::error::{Diagnostic, Failed};
use crate::output::links::{check_changed_links, ChangedLinks, ChangedPage};
use crate::output::write::{update_files, write_site};

/// A site kept in memory between runs, with its sink.
pub struct Live {
    options: BuildOptions,
    sink: Sink,
    site: Option<LiveSite>,
    /// Where each article page comes from (slugs and files change only in full rebuilds).
    sources: HashMap<String, PathBuf>,
    /// False after a run whose files could not be emitted or whose links are broken: the
    /// next run then checks and emits the whole site.
    clean: bool,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").field("sink", &self.sink).field("site", &self.site).finish()
    }
}

/// What one successful run did.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the in-memory site changed (for a full build: everything).
    pub applied: Applied,
    /// Problems the check stage found (broken links and anchors). When not empty, a disk sink
    /// got nothing; a memory sink has the new files.
    pub broken: Vec<Diagnostic>,
    /// Files the sink wrote (0 for a memory sink).
    pub written: usize,
    /// Whether the sink got the whole site (else only `applied.changed` and `applied.removed`).
    pub whole: bool,
    /// HTML pages the site has now.
    pub pages: usize,
    /// Article pages the site has now.
    pub articles: usize,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// How long each stage took.
    pub timings: Vec<Lap>,
}

/// One run of a live pipeline, as the command line reports it.
#[derive(Debug)]
pub struct Report {
    /// The saved files that started the run (site-relative, comma separated); None for the
    /// first build.
    pub trigger: Option<String>,
    /// What the run did, or every problem that stopped it.
    pub result: Result<Step, Failed>,
}

impl Live {
    /// A live pipeline that has not built yet.
    pub fn new(options: BuildOptions, sink: Sink) -> Live {
        Live { options, sink, site: None, sources: HashMap::new(), clean: false }
    }

    /// The site as last built, if it ever built.
    pub fn site(&self) -> Option<&LiveSite> {
        self.site.as_ref()
    }

    /// Where the files go.
    pub fn sink(&self) -> &Sink {
        &self.sink
    }

    /// The build options every run uses.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Build everything, check the whole site and emit it all.
    pub fn build_all(&mut self) -> Result<Step, Failed> {
        let started = Instant::now();
        let site = LiveSite::build(&self.options)?;
        let applied = Applied {
            outcome: Outcome::Reload,
            warnings: site.warnings().to_vec(),
            full: true,
            processed: site.articles().len(),
            rendered: site.files().len(),
            changed: Vec::new(),
            removed: Vec::new(),
            edited: site.articles().iter().map(|a| a.slug.clone()).collect(),
            previous: HashMap::new(),
            timings: Vec::new(),
        };
        self.sources = sources_of(site.articles());
        self.site = Some(site);
        self.clean = false;
        self.emit_whole(applied, started)
    }

    /// Apply a batch of changes (a full build when the site never built). On an error before
    /// the check stage, the site and the sink stay as they were.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Step, Failed> {
        let started = Instant::now();
        let Some(site) = self.site.as_mut() else { return self.build_all() };
        let applied = site.apply(changes)?;
        if applied.full {
            self.sources = sources_of(site.articles());
        }
        if applied.full || !self.clean {
            return self.emit_whole(applied, started);
        }
        let mut clock = super::StageClock::start();
        let checked = changed_links(site, changes, &applied, &self.sources);
        clock.lap("check links");
        let broken = match checked {
            ChangedLinks::CheckAll => return self.emit_whole(applied, started),
            ChangedLinks::Checked(broken) => broken,
        };
        let mut step = Step {
            applied,
            broken,
            written: 0,
            whole: false,
            pages: pages_of(site),
            articles: site.articles().len(),
            millis: 0,
            timings: Vec::new(),
        };
        if !step.broken.is_empty() {
            self.clean = false;
        } else if let Sink::Disk(output) = &self.sink {
            let files: Vec<(&str, &[u8])> = step
                .applied
                .changed
                .iter()
                .filter_map(|path| site.output(path).map(|bytes| (path.as_str(), bytes)))
                .collect();
            let removed: Vec<&str> = step.applied.removed.iter().map(String::as_str).collect();
            let _writing = hold_writes();
            step.written = update_files(&self.options.root, output, &files, &removed)
                .inspect_err(|_| self.clean = false)?;
            clock.lap("write");
        }
        step.timings = std::mem::take(&mut step.applied.timings);
        step.timings.extend(clock.laps);
        step.millis = started.elapsed().as_millis();
        Ok(step)
    }

    /// Check the whole site and, when it passes (or the sink is memory), emit all of it.
    fn emit_whole(&mut self, applied: Applied, started: Instant) -> Result<Step, Failed> {
        let Some(site) = self.site.as_ref() else {
            return Err(Diagnostic::error(None, "the site has not been built").into());
        };
        let mut clock = super::StageClock::start();
        let files = site.output_files();
        let broken = check_site(&files, site.base_url(), &self.sources);
        clock.lap("check links");
        let mut written = 0;
        if broken.is_empty() {
            if let Sink::Disk(output) = &self.sink {
                let _writing = hold_writes();
                let stats =
                    write_site(&self.options.root, output, &files).inspect_err(|_| self.clean = false)?;
                written = stats.written;
                clock.lap("write");
            }
        }
        self.clean = broken.is_empty();
        let mut timings = applied.timings.clone();
        timings.extend(clock.laps);
        Ok(Step {
            applied,
            broken,
            written,
            whole: true,
            pages: pages_of(site),
            articles: site.articles().len(),
            millis: started.elapsed().as_millis(),
            timings,
        })
    }
}

fn pages_of(site: &LiveSite) -> usize {
    site.files().keys().filter(|p| p.ends_with(".html")).count()
}

/// The links a partial rebuild can have broken, on the pages it changed.
fn changed_links(
    site: &LiveSite,
    changes: &[Change],
    applied: &Applied,
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
    let read = |path: &str| site.output(path);
    check_changed_links(&pages, &read, site.base_url(), sources)
}

/// Run the live pipeline on every batch of saved files until the watcher stops, telling
/// `report` about each run. Changes of a failed run are kept and tried again with the next
/// batch (the site never saw them). The one rebuild loop, for `serve` and `build --watch`.
pub fn rebuild_on_changes(live: &mut Live, watching: &Watching, mut report: impl FnMut(&Live, &Report)) {
    let mut pending: BTreeSet<Change> = BTreeSet::new();
    for batch in watching.changes.iter() {
        pending.extend(batch.iter().filter_map(|rel| classify(rel)));
        if pending.is_empty() {
            continue;
        }
        let changes: Vec<Change> = pending.iter().cloned().collect();
        let result = live.apply(&changes);
        if result.is_ok() {
            pending.clear();
        }
        let trigger = batch.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
        report(live, &Report { trigger: Some(trigger), result });
    }
}
